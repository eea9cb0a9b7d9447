/* mado-interpreter-directory.c: the admin-edited list of phone interpreter services
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file format is described in docs/interpreters.md. Reading is forgiving by design: a typo in
 * one service must not leave the counter without any interpreter, so each bad entry is reported
 * and left out, and the rest is used.
 */
#include "mado-interpreter-directory.h"

#include "mado-diagnostic.h"
#include "mado-interpreter-directory-private.h"
#include "mado-language.h"
#include "mado-sip-uri.h"

#include <stdio.h>
#include <string.h>

#define FORMAT_VERSION 1
#define ANY_LANGUAGE "*"

G_DEFINE_QUARK (mado-directory-error-quark, mado_directory_error)

typedef struct {
  GPtrArray *services;         /* MadoInterpreterService */
  char      *manual_number;    /* NULL: the directory's default */
  char      *manual_name_ja;
  char      *manual_name_en;
} Chain;

struct _MadoInterpreterDirectory
{
  GObject       parent_instance;

  char         *path;
  GPtrArray    *diagnostics;
  GPtrArray    *services;
  GHashTable   *services_by_id;
  GHashTable   *chains;          /* canonical language code or "*" → Chain */
  MadoSipTrunk *trunk;
  GTimeZone    *time_zone;
  char         *manual_number;
  char         *manual_name_ja;
  char         *manual_name_en;
};

G_DEFINE_FINAL_TYPE (MadoInterpreterDirectory, mado_interpreter_directory, G_TYPE_OBJECT)

static void
chain_free (Chain *chain)
{
  g_ptr_array_unref (chain->services);
  g_free (chain->manual_number);
  g_free (chain->manual_name_ja);
  g_free (chain->manual_name_en);
  g_free (chain);
}

static void
mado_interpreter_directory_finalize (GObject *object)
{
  MadoInterpreterDirectory *self = MADO_INTERPRETER_DIRECTORY (object);

  g_free (self->path);
  g_ptr_array_unref (self->diagnostics);
  g_ptr_array_unref (self->services);
  g_hash_table_unref (self->services_by_id);
  g_hash_table_unref (self->chains);
  g_clear_pointer (&self->trunk, mado_sip_trunk_free);
  g_time_zone_unref (self->time_zone);
  g_free (self->manual_number);
  g_free (self->manual_name_ja);
  g_free (self->manual_name_en);

  G_OBJECT_CLASS (mado_interpreter_directory_parent_class)->finalize (object);
}

static void
mado_interpreter_directory_class_init (MadoInterpreterDirectoryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mado_interpreter_directory_finalize;
}

static void
mado_interpreter_directory_init (MadoInterpreterDirectory *self)
{
  self->diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) mado_diagnostic_free);
  self->services = g_ptr_array_new_with_free_func (g_object_unref);
  self->services_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->chains = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) chain_free);
  self->time_zone = g_time_zone_new_local ();
}

void
mado_directory_report (MadoDirectoryReport *report,
                       MadoDirectoryError   code,
                       const char          *format,
                       ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (report->diagnostics,
                   mado_diagnostic_new (report->file, 0, 0, MADO_DIRECTORY_ERROR, code, message));
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/* Trunk credentials go onto baresip's account line, where these characters would end a value. */
static gboolean
valid_credential (const char *text)
{
  if (*text == '\0')
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p) || strchr (";\"<>,\\", *p) != NULL)
      return FALSE;

  return TRUE;
}

static void
read_trunk (MadoInterpreterDirectory *self,
            MadoDirectoryReport      *report,
            JsonNode                 *node)
{
  g_autoptr(MadoSipTrunk) trunk = g_new0 (MadoSipTrunk, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *domain_uri = NULL;
  JsonObject *object;
  JsonNode *registers;
  const char *domain, *proxy, *username, *password;
  gboolean usable = TRUE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      mado_directory_report (report, MADO_DIRECTORY_ERROR_TRUNK,
                             "trunk must be an object with at least \"domain\"; numbers cannot be called");
      return;
    }

  object = json_node_get_object (node);
  domain = member_string (object, "domain");
  proxy = member_string (object, "proxy");
  username = member_string (object, "username");
  password = member_string (object, "password");
  registers = json_object_get_member (object, "register");

  domain_uri = g_strdup_printf ("sip:number@%s", domain != NULL ? domain : "");
  if (domain == NULL || !mado_sip_uri_check (domain_uri, &error))
    {
      mado_directory_report (report, MADO_DIRECTORY_ERROR_TRUNK,
                             "trunk.domain must be the trunk's host name or address (and port), such as "
                             "\"trunk.example.invalid\"; numbers cannot be called");
      usable = FALSE;
    }

  g_clear_error (&error);
  if (proxy != NULL && !mado_sip_uri_check_server (proxy, &error))
    {
      mado_directory_report (report, MADO_DIRECTORY_ERROR_TRUNK, "trunk.proxy: %s; numbers cannot be called",
                             error->message);
      usable = FALSE;
    }

  /* Neither value is repeated in the message: one of them is a password. */
  if ((username != NULL && !valid_credential (username)) || (password != NULL && !valid_credential (password)))
    {
      mado_directory_report (report, MADO_DIRECTORY_ERROR_TRUNK,
                             "trunk.username and trunk.password may not be empty or hold spaces or any of "
                             "; \" < > , \\; numbers cannot be called");
      usable = FALSE;
    }

  if (registers != NULL && (!JSON_NODE_HOLDS_VALUE (registers) || json_node_get_value_type (registers) != G_TYPE_BOOLEAN))
    {
      mado_directory_report (report, MADO_DIRECTORY_ERROR_TRUNK, "trunk.register must be true or false");
      usable = FALSE;
    }

  if (!usable)
    return;

  trunk->domain = g_strdup (domain);
  trunk->proxy = g_strdup (proxy);
  trunk->username = g_strdup (username);
  trunk->password = g_strdup (password);
  trunk->registers = registers != NULL && json_node_get_boolean (registers);
  self->trunk = g_steal_pointer (&trunk);
}

/* "dial_by_hand": "0120-000-199", or {"number": "0120-000-199", "name": {"ja": …, "en": …}}. */
static gboolean
read_manual (MadoDirectoryReport  *report,
             const char           *where,
             JsonNode             *node,
             char                **out_number,
             char                **out_name_ja,
             char                **out_name_en)
{
  const char *number = NULL;
  const char *name_ja = NULL, *name_en = NULL;
  g_autofree char *normalized = NULL;
  g_autoptr(GError) error = NULL;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      number = json_node_get_string (node);
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      JsonNode *name = json_object_get_member (object, "name");

      number = member_string (object, "number");
      if (name != NULL && JSON_NODE_HOLDS_OBJECT (name))
        {
          name_ja = member_string (json_node_get_object (name), "ja");
          name_en = member_string (json_node_get_object (name), "en");
        }
      else if (name != NULL)
        {
          mado_directory_report (report, MADO_DIRECTORY_ERROR_ENTRY,
                                 "%s.name must be an object with \"ja\" and \"en\"; it is ignored", where);
        }
    }

  if (number == NULL)
    {
      mado_directory_report (report, MADO_DIRECTORY_ERROR_ENTRY,
                             "%s must be a phone number, or an object with \"number\" and \"name\"; it is ignored",
                             where);
      return FALSE;
    }

  normalized = mado_phone_number_normalize (number, &error);
  if (normalized == NULL)
    {
      mado_directory_report (report, MADO_DIRECTORY_ERROR_URI, "%s: %s; it is ignored", where, error->message);
      return FALSE;
    }

  *out_number = g_strdup (number);
  *out_name_ja = g_strdup (name_ja);
  *out_name_en = g_strdup (name_en);
  return TRUE;
}

static void
read_services (MadoInterpreterDirectory *self,
               MadoDirectoryReport      *report,
               JsonArray                *array)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(MadoInterpreterService) service = mado_interpreter_service_parse (json_array_get_element (array, i),
                                                                                  i, report);
      const char *id;

      if (service == NULL)
        continue;

      id = mado_interpreter_service_get_id (service);
      if (g_hash_table_contains (self->services_by_id, id))
        {
          mado_directory_report (report, MADO_DIRECTORY_ERROR_DUPLICATE,
                                 "services[%u]: the id “%s” is already used by an earlier service; this one is left out",
                                 i, id);
          continue;
        }

      if (mado_interpreter_service_get_number (service) != NULL && self->trunk == NULL)
        {
          mado_directory_report (report, MADO_DIRECTORY_ERROR_TRUNK,
                                 "service “%s”: it has a number, but the directory has no usable trunk to call "
                                 "numbers through; the service is left out", id);
          continue;
        }

      g_hash_table_insert (self->services_by_id, (gpointer) id, service);
      g_ptr_array_add (self->services, g_steal_pointer (&service));
    }
}

static void
read_chain (MadoInterpreterDirectory *self,
            MadoDirectoryReport      *report,
            const char               *key,
            JsonNode                 *node)
{
  g_autofree char *where = g_strdup_printf ("chains.%s", key);
  const MadoLanguage *language = NULL;
  JsonArray *ids = NULL;
  JsonNode *manual = NULL;
  Chain *chain;

  if (strcmp (key, ANY_LANGUAGE) != 0)
    {
      language = mado_language_lookup (key);
      if (language == NULL || language == mado_language_get_staff ())
        {
          mado_directory_report (report, MADO_DIRECTORY_ERROR_LANGUAGE,
                                 "%s: “%s” is not a resident language of the kiosk; the chain is left out", where, key);
          return;
        }
    }

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      ids = json_node_get_array (node);
    }
  else if (JSON_NODE_HOLDS_OBJECT (node) &&
           json_object_has_member (json_node_get_object (node), "services") &&
           JSON_NODE_HOLDS_ARRAY (json_object_get_member (json_node_get_object (node), "services")))
    {
      ids = json_object_get_array_member (json_node_get_object (node), "services");
      manual = json_object_get_member (json_node_get_object (node), "dial_by_hand");
    }
  else
    {
      mado_directory_report (report, MADO_DIRECTORY_ERROR_ENTRY,
                             "%s must be a list of service ids, or an object with \"services\" and "
                             "\"dial_by_hand\"; the chain is left out", where);
      return;
    }

  if (g_hash_table_contains (self->chains, language != NULL ? language->code : ANY_LANGUAGE))
    {
      mado_directory_report (report, MADO_DIRECTORY_ERROR_DUPLICATE,
                             "%s: there is already a chain for this language; this one is left out", where);
      return;
    }

  chain = g_new0 (Chain, 1);
  chain->services = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < json_array_get_length (ids); i++)
    {
      JsonNode *element = json_array_get_element (ids, i);
      const char *id = NULL;
      MadoInterpreterService *service = NULL;

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
        id = json_node_get_string (element);
      if (id != NULL)
        service = g_hash_table_lookup (self->services_by_id, id);

      if (service == NULL)
        mado_directory_report (report, MADO_DIRECTORY_ERROR_UNKNOWN_SERVICE,
                               "%s[%u]: there is no service “%s” (or it was left out because of the problems "
                               "above); the chain goes on without it", where, i, id != NULL ? id : "(not text)");
      else if (g_ptr_array_find (chain->services, service, NULL))
        mado_directory_report (report, MADO_DIRECTORY_ERROR_DUPLICATE,
                               "%s[%u]: service “%s” is already in this chain; it is tried once", where, i, id);
      else if (language != NULL && !mado_interpreter_service_covers (service, language->code))
        mado_directory_report (report, MADO_DIRECTORY_ERROR_LANGUAGE,
                               "%s[%u]: service “%s” does not list %s in its languages; the chain goes on "
                               "without it", where, i, id, language->code);
      else
        g_ptr_array_add (chain->services, g_object_ref (service));
    }

  if (manual != NULL)
    {
      g_autofree char *manual_where = g_strdup_printf ("%s.dial_by_hand", where);

      read_manual (report, manual_where, manual, &chain->manual_number, &chain->manual_name_ja,
                   &chain->manual_name_en);
    }

  g_hash_table_insert (self->chains, g_strdup (language != NULL ? language->code : ANY_LANGUAGE), chain);
}

static void
report_syntax_error (MadoDirectoryReport *report,
                     const GError        *error)
{
  guint line = 0, column = 0;
  int consumed = 0;
  const char *message = error->message;

  /* json-glib puts "<data>:LINE:COLUMN: " before its messages; the diagnostic carries the place. */
  if (sscanf (error->message, "<data>:%u:%u: %n", &line, &column, &consumed) == 2 && consumed > 0)
    message += consumed;

  g_ptr_array_add (report->diagnostics,
                   mado_diagnostic_new (report->file, line, column, MADO_DIRECTORY_ERROR,
                                        MADO_DIRECTORY_ERROR_SYNTAX, message));
}

static gboolean
read_top_level (MadoInterpreterDirectory  *self,
                MadoDirectoryReport       *report,
                JsonNode                  *root,
                GError                   **error)
{
  static const char *const known_members[] = {
    "version", "timezone", "trunk", "dial_by_hand", "services", "chains", NULL
  };
  g_autoptr(GList) members = NULL;
  JsonObject *object;
  JsonNode *version, *services, *chains, *manual, *trunk;
  const char *time_zone;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, MADO_DIRECTORY_ERROR, MADO_DIRECTORY_ERROR_FORMAT,
                   "%s is not an interpreter directory: the file must hold one JSON object", report->file);
      return FALSE;
    }

  object = json_node_get_object (root);
  version = json_object_get_member (object, "version");
  if (version == NULL || !JSON_NODE_HOLDS_VALUE (version) || json_node_get_value_type (version) != G_TYPE_INT64 ||
      json_node_get_int (version) != FORMAT_VERSION)
    {
      g_set_error (error, MADO_DIRECTORY_ERROR, MADO_DIRECTORY_ERROR_FORMAT,
                   "%s is not an interpreter directory this Madoguchi reads: it needs \"version\": %d",
                   report->file, FORMAT_VERSION);
      return FALSE;
    }

  services = json_object_get_member (object, "services");
  if (services == NULL || !JSON_NODE_HOLDS_ARRAY (services))
    {
      g_set_error (error, MADO_DIRECTORY_ERROR, MADO_DIRECTORY_ERROR_FORMAT,
                   "%s is not an interpreter directory: it has no \"services\" list", report->file);
      return FALSE;
    }

  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (known_members, l->data))
      mado_directory_report (report, MADO_DIRECTORY_ERROR_ENTRY, "unknown field “%s” is ignored (a typo?)",
                             (const char *) l->data);

  time_zone = member_string (object, "timezone");
  if (json_object_has_member (object, "timezone"))
    {
      GTimeZone *zone = time_zone != NULL ? g_time_zone_new_identifier (time_zone) : NULL;

      if (zone == NULL)
        mado_directory_report (report, MADO_DIRECTORY_ERROR_TIMEZONE,
                               "timezone “%s” is not a known time zone (such as \"Asia/Tokyo\"); opening hours "
                               "are read in the tablet's local time", time_zone != NULL ? time_zone : "(not text)");
      else
        {
          g_time_zone_unref (self->time_zone);
          self->time_zone = zone;
        }
    }

  trunk = json_object_get_member (object, "trunk");
  if (trunk != NULL)
    read_trunk (self, report, trunk);

  manual = json_object_get_member (object, "dial_by_hand");
  if (manual != NULL)
    read_manual (report, "dial_by_hand", manual, &self->manual_number, &self->manual_name_ja, &self->manual_name_en);

  read_services (self, report, json_node_get_array (services));

  chains = json_object_get_member (object, "chains");
  if (chains == NULL || !JSON_NODE_HOLDS_OBJECT (chains))
    {
      mado_directory_report (report, MADO_DIRECTORY_ERROR_ENTRY,
                             "there is no \"chains\" object, so no service is called for any language");
    }
  else
    {
      g_autoptr(GList) languages = json_object_get_members (json_node_get_object (chains));

      for (GList *l = languages; l != NULL; l = l->next)
        read_chain (self, report, l->data, json_object_get_member (json_node_get_object (chains), l->data));
    }

  return TRUE;
}

MadoInterpreterDirectory *
mado_interpreter_directory_load (const char  *path,
                                 GError     **error)
{
  g_autoptr(MadoInterpreterDirectory) self = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *display = NULL;
  MadoDirectoryReport report;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display = g_filename_display_name (path);

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, MADO_DIRECTORY_ERROR, MADO_DIRECTORY_ERROR_READ,
                   "The interpreter directory %s cannot be read: %s", display, local_error->message);
      return NULL;
    }

  self = g_object_new (MADO_TYPE_INTERPRETER_DIRECTORY, NULL);
  self->path = g_strdup (path);
  report.file = display;
  report.diagnostics = self->diagnostics;

  if (!json_parser_load_from_data (parser, contents, (gssize) length, &local_error))
    {
      report_syntax_error (&report, local_error);

      {
        g_autofree char *where = mado_diagnostic_to_string (g_ptr_array_index (self->diagnostics, 0));

        g_set_error (error, MADO_DIRECTORY_ERROR, MADO_DIRECTORY_ERROR_SYNTAX,
                     "The interpreter directory is not well-formed JSON: %s", where);
      }
      return NULL;
    }

  if (!read_top_level (self, &report, json_parser_get_root (parser), error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
mado_interpreter_directory_get_path (MadoInterpreterDirectory *self)
{
  g_return_val_if_fail (MADO_IS_INTERPRETER_DIRECTORY (self), NULL);
  return self->path;
}

GPtrArray *
mado_interpreter_directory_get_diagnostics (MadoInterpreterDirectory *self)
{
  g_return_val_if_fail (MADO_IS_INTERPRETER_DIRECTORY (self), NULL);
  return self->diagnostics;
}

GPtrArray *
mado_interpreter_directory_get_services (MadoInterpreterDirectory *self)
{
  g_return_val_if_fail (MADO_IS_INTERPRETER_DIRECTORY (self), NULL);
  return self->services;
}

MadoInterpreterService *
mado_interpreter_directory_find_service (MadoInterpreterDirectory *self,
                                         const char               *id)
{
  g_return_val_if_fail (MADO_IS_INTERPRETER_DIRECTORY (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return g_hash_table_lookup (self->services_by_id, id);
}

const MadoSipTrunk *
mado_interpreter_directory_get_trunk (MadoInterpreterDirectory *self)
{
  g_return_val_if_fail (MADO_IS_INTERPRETER_DIRECTORY (self), NULL);
  return self->trunk;
}

GTimeZone *
mado_interpreter_directory_get_time_zone (MadoInterpreterDirectory *self)
{
  g_return_val_if_fail (MADO_IS_INTERPRETER_DIRECTORY (self), NULL);
  return self->time_zone;
}

static Chain *
find_chain (MadoInterpreterDirectory *self,
            const MadoLanguage       *language)
{
  Chain *chain = language != NULL ? g_hash_table_lookup (self->chains, language->code) : NULL;

  return chain != NULL ? chain : g_hash_table_lookup (self->chains, ANY_LANGUAGE);
}

static MadoInterpreterPlan *
new_plan (MadoInterpreterDirectory *self,
          const char               *language,
          GDateTime                *when,
          Chain                    *chain)
{
  if (chain != NULL && chain->manual_number != NULL)
    return mado_interpreter_plan_new (language, when, self->trunk, chain->manual_number,
                                      chain->manual_name_ja, chain->manual_name_en);

  return mado_interpreter_plan_new (language, when, self->trunk, self->manual_number,
                                    self->manual_name_ja, self->manual_name_en);
}

/**
 * mado_interpreter_directory_plan:
 * @language: a language code of the kiosk
 * @when: any time zone; it is converted to the directory's
 *
 * Returns: (transfer full): the plan
 */
MadoInterpreterPlan *
mado_interpreter_directory_plan (MadoInterpreterDirectory *self,
                                 const char               *language,
                                 GDateTime                *when)
{
  const MadoLanguage *known;
  g_autoptr(GDateTime) local_time = NULL;
  MadoInterpreterPlan *plan;
  Chain *chain;

  g_return_val_if_fail (MADO_IS_INTERPRETER_DIRECTORY (self), NULL);
  g_return_val_if_fail (language != NULL, NULL);
  g_return_val_if_fail (when != NULL, NULL);

  known = mado_language_lookup (language);
  chain = find_chain (self, known);
  local_time = g_date_time_to_timezone (when, self->time_zone);
  plan = new_plan (self, known != NULL ? known->code : language, local_time, chain);

  if (known == NULL || chain == NULL)
    return plan;

  for (guint i = 0; i < chain->services->len; i++)
    {
      MadoInterpreterService *service = g_ptr_array_index (chain->services, i);

      /* The "*" chain lists services for every language; each serves only those it covers. */
      if (mado_interpreter_service_covers (service, known->code))
        mado_interpreter_plan_add (plan, service, mado_interpreter_service_is_open_at (service, local_time));
    }

  return plan;
}

MadoInterpreterPlan *
mado_interpreter_directory_plan_service (MadoInterpreterDirectory  *self,
                                         const char                *service_id,
                                         const char                *language,
                                         GDateTime                 *when,
                                         GError                   **error)
{
  g_autoptr(GDateTime) local_time = NULL;
  MadoInterpreterService *service;
  const MadoLanguage *known;
  MadoInterpreterPlan *plan;

  g_return_val_if_fail (MADO_IS_INTERPRETER_DIRECTORY (self), NULL);
  g_return_val_if_fail (service_id != NULL && language != NULL && when != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  service = g_hash_table_lookup (self->services_by_id, service_id);
  if (service == NULL)
    {
      g_set_error (error, MADO_DIRECTORY_ERROR, MADO_DIRECTORY_ERROR_NOT_FOUND,
                   "The interpreter directory has no service “%s”", service_id);
      return NULL;
    }

  known = mado_language_lookup (language);
  if (known == NULL || !mado_interpreter_service_covers (service, known->code))
    {
      g_set_error (error, MADO_DIRECTORY_ERROR, MADO_DIRECTORY_ERROR_LANGUAGE,
                   "The service “%s” does not interpret “%s”", service_id, language);
      return NULL;
    }

  local_time = g_date_time_to_timezone (when, self->time_zone);
  plan = new_plan (self, known->code, local_time, find_chain (self, known));
  mado_interpreter_plan_add (plan, service, mado_interpreter_service_is_open_at (service, local_time));

  return plan;
}

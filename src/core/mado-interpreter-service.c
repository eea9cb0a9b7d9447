/* mado-interpreter-service.c: one phone interpreter service of the directory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-interpreter-service.h"

#include "mado-interpreter-directory-private.h"
#include "mado-language.h"
#include "mado-sip-uri.h"

#include <string.h>

/* Long enough for a voice menu's first words, short enough that nobody waits for nothing. */
#define DEFAULT_DTMF_DELAY_MS 2000
#define MAX_DTMF_DELAY_MS 60000

struct _MadoInterpreterService
{
  GObject     parent_instance;

  char       *id;
  char       *name_ja;
  char       *name_en;
  char       *sip_uri;
  char       *number;             /* as written */
  char       *normalized_number;
  gboolean    via_trunk;
  GStrv       languages;          /* canonical codes */
  GHashTable *dtmf;               /* canonical language code → digits */
  guint       dtmf_delay_ms;
  gboolean    has_hours;
  GArray     *hours[7];           /* MadoOpeningRange, Monday first */
  GHashTable *closed_dates;       /* "YYYY-MM-DD" */
};

G_DEFINE_FINAL_TYPE (MadoInterpreterService, mado_interpreter_service, G_TYPE_OBJECT)

static void
mado_interpreter_service_finalize (GObject *object)
{
  MadoInterpreterService *self = MADO_INTERPRETER_SERVICE (object);

  g_free (self->id);
  g_free (self->name_ja);
  g_free (self->name_en);
  g_free (self->sip_uri);
  g_free (self->number);
  g_free (self->normalized_number);
  g_strfreev (self->languages);
  g_hash_table_unref (self->dtmf);
  for (guint i = 0; i < G_N_ELEMENTS (self->hours); i++)
    g_array_unref (self->hours[i]);
  g_hash_table_unref (self->closed_dates);

  G_OBJECT_CLASS (mado_interpreter_service_parent_class)->finalize (object);
}

static void
mado_interpreter_service_class_init (MadoInterpreterServiceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mado_interpreter_service_finalize;
}

static void
mado_interpreter_service_init (MadoInterpreterService *self)
{
  self->dtmf = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->dtmf_delay_ms = DEFAULT_DTMF_DELAY_MS;
  for (guint i = 0; i < G_N_ELEMENTS (self->hours); i++)
    self->hours[i] = g_array_new (FALSE, FALSE, sizeof (MadoOpeningRange));
  self->closed_dates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

const char *
mado_interpreter_service_get_id (MadoInterpreterService *self)
{
  g_return_val_if_fail (MADO_IS_INTERPRETER_SERVICE (self), NULL);
  return self->id;
}

const char *
mado_interpreter_service_get_name (MadoInterpreterService *self,
                                   const char             *language)
{
  g_return_val_if_fail (MADO_IS_INTERPRETER_SERVICE (self), NULL);

  return g_strcmp0 (language, "ja") == 0 ? self->name_ja : self->name_en;
}

const char *
mado_interpreter_service_get_sip_uri (MadoInterpreterService *self)
{
  g_return_val_if_fail (MADO_IS_INTERPRETER_SERVICE (self), NULL);
  return self->sip_uri;
}

const char *
mado_interpreter_service_get_number (MadoInterpreterService *self)
{
  g_return_val_if_fail (MADO_IS_INTERPRETER_SERVICE (self), NULL);
  return self->number;
}

gboolean
mado_interpreter_service_get_via_trunk (MadoInterpreterService *self)
{
  g_return_val_if_fail (MADO_IS_INTERPRETER_SERVICE (self), FALSE);
  return self->via_trunk;
}

/**
 * mado_interpreter_service_dup_dial_uri:
 * @trunk: (nullable): the directory's trunk; a number needs one
 *
 * Returns: (transfer full) (nullable): the URI to dial, or NULL for a number without a trunk
 */
char *
mado_interpreter_service_dup_dial_uri (MadoInterpreterService *self,
                                       const MadoSipTrunk     *trunk)
{
  g_return_val_if_fail (MADO_IS_INTERPRETER_SERVICE (self), NULL);

  if (self->sip_uri != NULL)
    return g_strdup (self->sip_uri);
  if (trunk == NULL)
    return NULL;

  return mado_sip_uri_for_number (self->normalized_number, trunk->domain);
}

const char * const *
mado_interpreter_service_get_languages (MadoInterpreterService *self)
{
  g_return_val_if_fail (MADO_IS_INTERPRETER_SERVICE (self), NULL);
  return (const char * const *) self->languages;
}

gboolean
mado_interpreter_service_covers (MadoInterpreterService *self,
                                 const char             *language)
{
  const MadoLanguage *known;

  g_return_val_if_fail (MADO_IS_INTERPRETER_SERVICE (self), FALSE);

  known = mado_language_lookup (language);
  return known != NULL && g_strv_contains ((const char * const *) self->languages, known->code);
}

const char *
mado_interpreter_service_get_dtmf (MadoInterpreterService *self,
                                   const char             *language)
{
  const MadoLanguage *known;

  g_return_val_if_fail (MADO_IS_INTERPRETER_SERVICE (self), NULL);

  known = mado_language_lookup (language);
  return known != NULL ? g_hash_table_lookup (self->dtmf, known->code) : NULL;
}

guint
mado_interpreter_service_get_dtmf_delay_ms (MadoInterpreterService *self)
{
  g_return_val_if_fail (MADO_IS_INTERPRETER_SERVICE (self), DEFAULT_DTMF_DELAY_MS);
  return self->dtmf_delay_ms;
}

gboolean
mado_interpreter_service_has_hours (MadoInterpreterService *self)
{
  g_return_val_if_fail (MADO_IS_INTERPRETER_SERVICE (self), FALSE);
  return self->has_hours;
}

const MadoOpeningRange *
mado_interpreter_service_get_hours (MadoInterpreterService *self,
                                    GDateWeekday            weekday,
                                    guint                  *n_ranges)
{
  GArray *ranges;

  g_return_val_if_fail (MADO_IS_INTERPRETER_SERVICE (self), NULL);
  g_return_val_if_fail (weekday >= G_DATE_MONDAY && weekday <= G_DATE_SUNDAY, NULL);
  g_return_val_if_fail (n_ranges != NULL, NULL);

  ranges = self->hours[weekday - 1];
  *n_ranges = ranges->len;
  return (const MadoOpeningRange *) (gpointer) ranges->data;
}

gboolean
mado_interpreter_service_is_open_at (MadoInterpreterService *self,
                                     GDateTime              *when)
{
  g_autofree char *date = NULL;
  GArray *ranges;
  guint minute;

  g_return_val_if_fail (MADO_IS_INTERPRETER_SERVICE (self), FALSE);
  g_return_val_if_fail (when != NULL, FALSE);

  date = g_date_time_format (when, "%Y-%m-%d");
  if (g_hash_table_contains (self->closed_dates, date))
    return FALSE;

  if (!self->has_hours)
    return TRUE;

  ranges = self->hours[g_date_time_get_day_of_week (when) - 1];
  minute = g_date_time_get_hour (when) * 60 + g_date_time_get_minute (when);

  for (guint i = 0; i < ranges->len; i++)
    {
      const MadoOpeningRange *range = &g_array_index (ranges, MadoOpeningRange, i);

      if (minute >= range->start_minute && minute < range->end_minute)
        return TRUE;
    }

  return FALSE;
}

/* Reading an entry */

static gboolean
parse_time (const char *text,
            guint      *out_minutes)
{
  if (!g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1]) || text[2] != ':' ||
      !g_ascii_isdigit (text[3]) || !g_ascii_isdigit (text[4]))
    return FALSE;

  guint hours = (text[0] - '0') * 10 + (text[1] - '0');
  guint minutes = (text[3] - '0') * 10 + (text[4] - '0');

  if (minutes > 59 || hours > 24 || (hours == 24 && minutes != 0))
    return FALSE;

  *out_minutes = hours * 60 + minutes;
  return TRUE;
}

gboolean
mado_opening_range_parse (const char       *text,
                          MadoOpeningRange *out_range)
{
  guint start, end;

  g_return_val_if_fail (text != NULL && out_range != NULL, FALSE);

  if (strlen (text) != 11 || text[5] != '-' || !parse_time (text, &start) || !parse_time (text + 6, &end) ||
      start >= end)
    return FALSE;

  out_range->start_minute = (guint16) start;
  out_range->end_minute = (guint16) end;
  return TRUE;
}

static const char *const day_keys[] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };

typedef struct {
  MadoDirectoryReport *report;
  const char          *label;     /* "service “city”" or "services[3]" */
  gboolean             usable;
} Entry;

static void entry_problem (Entry *entry, MadoDirectoryError code, const char *format, ...) G_GNUC_PRINTF (3, 4);

static void
entry_problem (Entry              *entry,
               MadoDirectoryError  code,
               const char         *format,
               ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  mado_directory_report (entry->report, code, "%s: %s; the service is left out", entry->label, message);
  entry->usable = FALSE;
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

static gboolean
read_day (MadoInterpreterService *self,
          Entry                  *entry,
          const char             *key,
          JsonNode               *node,
          GArray                 *ranges)
{
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      entry_problem (entry, MADO_DIRECTORY_ERROR_HOURS,
                     "hours.%s must be a list of ranges such as [\"08:30-12:00\", \"13:00-17:15\"] "
                     "([] for closed)", key);
      return FALSE;
    }

  array = json_node_get_array (node);
  g_array_set_size (ranges, 0);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      MadoOpeningRange range;
      const char *text = NULL;

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
        text = json_node_get_string (element);

      if (text == NULL || !mado_opening_range_parse (text, &range))
        {
          entry_problem (entry, MADO_DIRECTORY_ERROR_HOURS,
                         "hours.%s[%u] “%s” is not a range HH:MM-HH:MM with the start before the end "
                         "(00:00 to 24:00; split ranges that pass midnight at 24:00)",
                         key, i, text != NULL ? text : "(not text)");
          return FALSE;
        }

      g_array_append_val (ranges, range);
    }

  return TRUE;
}

static gint
compare_ranges (gconstpointer a,
                gconstpointer b)
{
  return (gint) ((const MadoOpeningRange *) a)->start_minute - (gint) ((const MadoOpeningRange *) b)->start_minute;
}

/* "daily" sets every day, "weekdays" Monday to Friday, "weekend" Saturday and Sunday; a named day
 * overrides them, so "daily" plus "sun": [] reads as "every day but Sunday". Days nothing names
 * are closed. */
static void
read_hours (MadoInterpreterService *self,
            Entry                  *entry,
            JsonNode               *node)
{
  static const struct {
    const char *key;
    guint       first_day, last_day;   /* 0 = Monday */
  } groups[] = {
    { "daily", 0, 6 },
    { "weekdays", 0, 4 },
    { "weekend", 5, 6 },
  };
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (MadoOpeningRange));
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      entry_problem (entry, MADO_DIRECTORY_ERROR_HOURS,
                     "hours must be an object such as {\"weekdays\": [\"08:30-17:15\"]}");
      return;
    }

  object = json_node_get_object (node);
  self->has_hours = TRUE;

  {
    g_autoptr(GList) members = json_object_get_members (object);

    for (GList *l = members; l != NULL; l = l->next)
      {
        gboolean known = g_strv_contains (day_keys, l->data);

        for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
          known |= strcmp (groups[g].key, l->data) == 0;

        if (!known)
          entry_problem (entry, MADO_DIRECTORY_ERROR_HOURS,
                         "hours has “%s”; the keys are daily, weekdays, weekend, mon, tue, wed, thu, fri, "
                         "sat and sun", (const char *) l->data);
      }
  }

  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    {
      JsonNode *day_node = json_object_get_member (object, groups[g].key);

      if (day_node == NULL || !read_day (self, entry, groups[g].key, day_node, ranges))
        continue;

      for (guint day = groups[g].first_day; day <= groups[g].last_day; day++)
        {
          g_array_set_size (self->hours[day], 0);
          g_array_append_vals (self->hours[day], ranges->data, ranges->len);
        }
    }

  for (guint day = 0; day < G_N_ELEMENTS (day_keys); day++)
    {
      JsonNode *day_node = json_object_get_member (object, day_keys[day]);

      if (day_node == NULL || !read_day (self, entry, day_keys[day], day_node, ranges))
        continue;

      g_array_set_size (self->hours[day], 0);
      g_array_append_vals (self->hours[day], ranges->data, ranges->len);
    }

  for (guint day = 0; day < G_N_ELEMENTS (self->hours); day++)
    g_array_sort (self->hours[day], compare_ranges);
}

static void
read_closed_dates (MadoInterpreterService *self,
                   Entry                  *entry,
                   JsonNode               *node)
{
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      entry_problem (entry, MADO_DIRECTORY_ERROR_HOURS, "closed_on must be a list of dates such as [\"2026-12-29\"]");
      return;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *text = NULL;
      g_autoptr(GDateTime) parsed = NULL;

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
        text = json_node_get_string (element);

      if (text != NULL && strlen (text) == 10)
        {
          g_autofree char *iso = g_strconcat (text, "T00:00:00Z", NULL);

          parsed = g_date_time_new_from_iso8601 (iso, NULL);
        }

      if (parsed == NULL)
        {
          entry_problem (entry, MADO_DIRECTORY_ERROR_HOURS, "closed_on[%u] “%s” is not a date YYYY-MM-DD",
                         i, text != NULL ? text : "(not text)");
          continue;
        }

      g_hash_table_add (self->closed_dates, g_strdup (text));
    }
}

static void
read_languages (MadoInterpreterService *self,
                Entry                  *entry,
                JsonObject             *object)
{
  JsonNode *node = json_object_get_member (object, "languages");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) == 0)
    {
      entry_problem (entry, MADO_DIRECTORY_ERROR_ENTRY,
                     "languages must be a list of the language codes the service interprets, such as [\"vi\", \"en\"]");
      return;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const MadoLanguage *language = NULL;
      const char *code = NULL;

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
        code = json_node_get_string (element);
      if (code != NULL)
        language = mado_language_lookup (code);

      /* An unknown code is a typo or a language the kiosk does not offer; the rest still count. */
      if (language == NULL || language == mado_language_get_staff ())
        {
          mado_directory_report (entry->report, MADO_DIRECTORY_ERROR_LANGUAGE,
                                 "%s: languages[%u] “%s” is not a resident language of the kiosk; it is ignored",
                                 entry->label, i, code != NULL ? code : "(not text)");
          continue;
        }

      if (g_ptr_array_find (seen, language, NULL))
        {
          mado_directory_report (entry->report, MADO_DIRECTORY_ERROR_DUPLICATE,
                                 "%s: languages lists “%s” twice", entry->label, language->code);
          continue;
        }

      g_ptr_array_add (seen, (gpointer) language);
      g_strv_builder_add (builder, language->code);
    }

  if (seen->len == 0)
    entry_problem (entry, MADO_DIRECTORY_ERROR_LANGUAGE, "languages has no language the kiosk knows");

  self->languages = g_strv_builder_end (builder);
}

static void
read_dtmf (MadoInterpreterService *self,
           Entry                  *entry,
           JsonObject             *object)
{
  JsonNode *node = json_object_get_member (object, "dtmf");
  JsonNode *delay = json_object_get_member (object, "dtmf_delay_ms");
  g_autoptr(GList) members = NULL;

  if (delay != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (delay) || json_node_get_value_type (delay) != G_TYPE_INT64 ||
          json_node_get_int (delay) < 0 || json_node_get_int (delay) > MAX_DTMF_DELAY_MS)
        entry_problem (entry, MADO_DIRECTORY_ERROR_ENTRY, "dtmf_delay_ms must be a whole number from 0 to %d",
                       MAX_DTMF_DELAY_MS);
      else
        self->dtmf_delay_ms = (guint) json_node_get_int (delay);
    }

  if (node == NULL)
    return;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      entry_problem (entry, MADO_DIRECTORY_ERROR_DTMF, "dtmf must map language codes to digits, such as {\"vi\": \"3\"}");
      return;
    }

  members = json_object_get_members (json_node_get_object (node));
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *code = l->data;
      const char *digits = member_string (json_node_get_object (node), code);
      const MadoLanguage *language = mado_language_lookup (code);
      g_autoptr(GError) error = NULL;

      if (language == NULL || self->languages == NULL ||
          !g_strv_contains ((const char * const *) self->languages, language->code))
        {
          entry_problem (entry, MADO_DIRECTORY_ERROR_DTMF, "dtmf has digits for “%s”, which is not in languages", code);
          continue;
        }

      if (digits == NULL || !mado_call_check_dtmf (digits, &error))
        {
          entry_problem (entry, MADO_DIRECTORY_ERROR_DTMF, "dtmf.%s: %s", code,
                         error != NULL ? error->message : "the digits must be text, such as \"3\"");
          continue;
        }

      g_hash_table_insert (self->dtmf, g_strdup (language->code), g_strdup (digits));
    }
}

static gboolean
valid_id (const char *id)
{
  if (*id == '\0')
    return FALSE;

  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
      return FALSE;

  return TRUE;
}

MadoInterpreterService *
mado_interpreter_service_parse (JsonNode            *node,
                                guint                index,
                                MadoDirectoryReport *report)
{
  static const char *const known_members[] = {
    "id", "name", "sip", "number", "via_trunk", "languages", "dtmf", "dtmf_delay_ms", "hours", "closed_on", NULL
  };
  g_autoptr(MadoInterpreterService) self = NULL;
  g_autofree char *label = NULL;
  g_autoptr(GList) members = NULL;
  Entry entry = { report, NULL, TRUE };
  JsonObject *object;
  JsonNode *name, *via_trunk, *hours, *closed_on;
  const char *id, *sip, *number;

  g_return_val_if_fail (node != NULL && report != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      mado_directory_report (report, MADO_DIRECTORY_ERROR_ENTRY, "services[%u] is not an object; it is left out", index);
      return NULL;
    }

  object = json_node_get_object (node);
  self = g_object_new (MADO_TYPE_INTERPRETER_SERVICE, NULL);

  id = member_string (object, "id");
  label = id != NULL && *id != '\0' ? g_strdup_printf ("service “%s”", id) : g_strdup_printf ("services[%u]", index);
  entry.label = label;

  if (id == NULL || !valid_id (id))
    entry_problem (&entry, MADO_DIRECTORY_ERROR_ENTRY,
                   "id must be text of letters, digits, “-”, “_” and “.”, such as \"city-contract\"");
  self->id = g_strdup (id);

  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (known_members, l->data))
      mado_directory_report (report, MADO_DIRECTORY_ERROR_ENTRY,
                             "%s: unknown field “%s” is ignored (a typo?)", label, (const char *) l->data);

  name = json_object_get_member (object, "name");
  if (name != NULL && JSON_NODE_HOLDS_OBJECT (name))
    {
      const char *ja = member_string (json_node_get_object (name), "ja");
      const char *en = member_string (json_node_get_object (name), "en");

      if (ja == NULL || *ja == '\0' || en == NULL || *en == '\0')
        entry_problem (&entry, MADO_DIRECTORY_ERROR_ENTRY, "name needs both \"ja\" and \"en\" text");
      self->name_ja = g_strdup (ja);
      self->name_en = g_strdup (en);
    }
  else
    {
      entry_problem (&entry, MADO_DIRECTORY_ERROR_ENTRY,
                     "name must be an object with \"ja\" and \"en\", such as {\"ja\": \"…\", \"en\": \"…\"}");
    }

  sip = member_string (object, "sip");
  number = member_string (object, "number");
  if ((sip == NULL) == (number == NULL))
    {
      entry_problem (&entry, MADO_DIRECTORY_ERROR_URI,
                     "give exactly one of sip (a SIP URI) and number (a phone number reached through the trunk)");
    }
  else if (sip != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!mado_sip_uri_check (sip, &error))
        entry_problem (&entry, MADO_DIRECTORY_ERROR_URI, "sip: %s", error->message);
      self->sip_uri = g_strdup (sip);
    }
  else
    {
      g_autoptr(GError) error = NULL;

      self->normalized_number = mado_phone_number_normalize (number, &error);
      if (self->normalized_number == NULL)
        entry_problem (&entry, MADO_DIRECTORY_ERROR_URI, "number: %s", error->message);
      self->number = g_strdup (number);
      self->via_trunk = TRUE;
    }

  via_trunk = json_object_get_member (object, "via_trunk");
  if (via_trunk != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (via_trunk) || json_node_get_value_type (via_trunk) != G_TYPE_BOOLEAN)
        entry_problem (&entry, MADO_DIRECTORY_ERROR_ENTRY, "via_trunk must be true or false");
      else if (sip == NULL && !json_node_get_boolean (via_trunk))
        entry_problem (&entry, MADO_DIRECTORY_ERROR_ENTRY, "via_trunk cannot be false for a number");
      else
        self->via_trunk = json_node_get_boolean (via_trunk);
    }

  read_languages (self, &entry, object);
  read_dtmf (self, &entry, object);

  hours = json_object_get_member (object, "hours");
  if (hours != NULL)
    read_hours (self, &entry, hours);

  closed_on = json_object_get_member (object, "closed_on");
  if (closed_on != NULL)
    read_closed_dates (self, &entry, closed_on);

  return entry.usable ? g_steal_pointer (&self) : NULL;
}

/* mado-apertium.c: machine translation by an Apertium APy server (docs/providers.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Apertium is rule-based and runs on a modest machine of the city's own; Debian packages the
 * server (apertium-apy) and the language pairs. Its pairs are few, and which ones depends on the
 * packages installed, so the adapter reads them from GET /listPairs (mado-provider-discovery.c).
 *
 * Requests ask for plain text (format=txt: the kiosk's text is not HTML, and "<" must stay "<")
 * and for unknown words unmarked (markUnknown=no): APy's default puts a "*" before every word it
 * does not know, which a resident would read as part of the sentence.
 */
#include "mado-apertium.h"

#include "mado-gateway-error.h"
#include "mado-gateway-json.h"
#include "mado-language-codes.h"
#include "mado-provider-discovery.h"
#include "mado-provider-http.h"

#include <string.h>

#define DEFAULT_URL "http://127.0.0.1:2737"

struct _MadoApertium
{
  GObject                parent_instance;
  MadoProviderHttp      *http;
  MadoLanguageCodes     *codes;
  GPtrArray             *languages;  /* the Madoguchi languages the configuration allows */
  MadoProviderDiscovery *discovery;  /* GET /listPairs */
};

static void mado_apertium_provider_init (MadoGatewayProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MadoApertium, mado_apertium, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MADO_TYPE_GATEWAY_PROVIDER,
                                                      mado_apertium_provider_init))

/* APy speaks ISO 639-3, with a variant after "_" (por_BR is not a pair Debian ships, but APy
 * would list it so). */
static const MadoLanguageSpelling spellings[] = {
  { "ja", { "jpn" } },
  { "en", { "eng" } },
  { "zh-Hans", { "zho", "cmn" } },
  { "ko", { "kor" } },
  { "vi", { "vie" } },
  { "id", { "ind" } },
  { "th", { "tha" } },
  { "my", { "mya" } },
  { "es", { "spa" } },
  { "fr", { "fra" } },
  { "pt-BR", { "por_BR", "por" } },
  { "fil", { "tgl", "fil" } },
  { "ne", { "nep" } },
};

static const char *const default_languages[] = {
  "ja", "en", "zh-Hans", "ko", "vi", "id", "th", "my", "es", "fr", "pt-BR", "fil", "ne", NULL
};

static const char *const allowed_keys[] = { MADO_HTTP_PROVIDER_KEYS, NULL };

/* Reads {"responseData":[{"sourceLanguage":"eng","targetLanguage":"spa"},…],…}. */
static gboolean
read_pairs (JsonNode *root,
            gpointer  user_data)
{
  MadoApertium *self = user_data;
  JsonNode *data = mado_json_lookup (root, "responseData", NULL);
  g_autoptr(GHashTable) offered = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *pairs;

  if (data == NULL || !JSON_NODE_HOLDS_ARRAY (data))
    return FALSE;

  pairs = json_node_get_array (data);
  for (guint i = 0; i < json_array_get_length (pairs); i++)
    {
      JsonNode *pair = json_array_get_element (pairs, i);
      const char *source = mado_json_lookup_string (pair, "sourceLanguage", NULL);
      const char *target = mado_json_lookup_string (pair, "targetLanguage", NULL);

      if (source != NULL && target != NULL)
        {
          g_hash_table_add (offered, (gpointer) source);
          g_hash_table_add (offered, (gpointer) target);
        }
    }

  mado_language_codes_clear_pairs (self->codes);
  mado_language_codes_set_spellings (self->codes, self->languages, spellings, G_N_ELEMENTS (spellings),
                                     offered);

  for (guint i = 0; i < json_array_get_length (pairs); i++)
    {
      JsonNode *pair = json_array_get_element (pairs, i);
      const char *source_code = mado_json_lookup_string (pair, "sourceLanguage", NULL);
      const char *target_code = mado_json_lookup_string (pair, "targetLanguage", NULL);
      const MadoLanguage *source, *target;

      if (source_code == NULL || target_code == NULL)
        continue;
      source = mado_language_codes_find (self->codes, source_code);
      target = mado_language_codes_find (self->codes, target_code);
      if (source != NULL && target != NULL && source != target)
        mado_language_codes_allow_pair (self->codes, source, target);
    }
  return TRUE;
}

/* Whether the "." or "," at @p ends what comes before it: text follows only after a space, a
 * line break or more of the same, so "3 .5" and ".bashrc" keep their space. */
static gboolean
ends_word (const char *p)
{
  return (*p == '.' || *p == ',') && (p[1] == '\0' || g_ascii_isspace (p[1]) || p[1] == '.' || p[1] == ',');
}

/* APy's output as a person would have written it. Its pipeline keeps the blanks around words it
 * drops or moves, so a pronoun Spanish leaves out leaves a space (" Es la oficina", "Sí,  es") and
 * a reordered phrase one before the full stop ("la oficina de ciudad ."). Runs of spaces become
 * one, a space before a closing "." or "," goes, and lines lose their leading and trailing
 * spaces; line breaks are the resident's and stay.
 *
 * A "#" before a word stays. It is the generator's mark for a word it could not put in the form
 * the sentence needs ("#ir"), and APy has no option to drop it as markUnknown=no drops "*".
 * Taking it away would show a word in the wrong form as if it were right, where the mark tells
 * the clerk that this translation, and its back-translation, need a second look; and a "#" the
 * resident typed ("form #3") cannot be told apart from it. */
static char *
tidy_spacing (const char *text)
{
  GString *tidy = g_string_sized_new (strlen (text));
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == ' ' || *p == '\t')
        {
          space = TRUE;
          continue;
        }
      /* Spaces are written only once a word follows them on the same line, so none is left
       * before a line break or at the end; none is written at the start of a line either. */
      if (space && tidy->len > 0 && !ends_word (p) && *p != '\n' && *p != '\r' &&
          tidy->str[tidy->len - 1] != '\n' && tidy->str[tidy->len - 1] != '\r')
        g_string_append_c (tidy, ' ');
      g_string_append_c (tidy, *p);
      space = FALSE;
    }

  return g_strstrip (g_string_free (tidy, FALSE));
}

static void
on_translated (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MadoApertium *self = g_task_get_source_object (task);
  g_autoptr(MadoProviderReply) reply = NULL;
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;
  const char *text;

  reply = mado_provider_http_send_finish (MADO_PROVIDER_HTTP (source), result, &error);
  if (reply == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  root = mado_provider_http_parse_json (self->http, reply, &error);
  if (reply->status != SOUP_STATUS_OK)
    {
      /* {"status":"error","code":400,"message":"Bad Request","explanation":"That pair is not installed"} */
      const char *said = root != NULL ? mado_json_lookup_string (root, "explanation", NULL) : NULL;

      g_clear_error (&error);
      if (reply->status == 400 && said != NULL && strstr (said, "pair") != NULL)
        error = mado_provider_http_error (self->http, MADO_GATEWAY_ERROR_UNSUPPORTED_LANGUAGE,
                                          "does not translate this pair (HTTP 400: %s)", said);
      else if (reply->status == 408)
        error = mado_provider_http_error (self->http, MADO_GATEWAY_ERROR_TIMEOUT,
                                          "gave up translating in time (HTTP 408%s%s)",
                                          said != NULL ? ": " : "", said != NULL ? said : "");
      else
        error = mado_provider_http_status_error (self->http, reply, said);
      g_task_return_error (task, error);
      return;
    }

  if (root == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  text = mado_json_lookup_string (root, "responseData", "translatedText", NULL);
  mado_provider_http_return_translation (self->http, task, text != NULL ? tidy_spacing (text) : NULL,
                                         "JSON without responseData.translatedText");
}

static void
mado_apertium_translate_async (MadoGatewayProvider *provider,
                               const char          *text,
                               const MadoLanguage  *source,
                               const MadoLanguage  *target,
                               gboolean             back_translate,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  MadoApertium *self = MADO_APERTIUM (provider);
  g_autoptr(MadoProviderRequest) request = mado_provider_request_new ("POST", "translate");
  g_autofree char *langpair = g_strdup_printf ("%s|%s", mado_language_codes_get_code (self->codes, source),
                                               mado_language_codes_get_code (self->codes, target));
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, mado_apertium_translate_async);

  /* APy reads a form body like a query string; a body keeps the resident's words out of the
   * access logs of any proxy in between. */
  mado_provider_request_set_form (request, "langpair", langpair, "q", text, "format", "txt",
                                  "markUnknown", "no", NULL);
  mado_provider_http_send_async (self->http, request, cancellable, on_translated, task);
}

static MadoTranslation *
mado_apertium_translate_finish (MadoGatewayProvider  *provider,
                                GAsyncResult         *result,
                                GError              **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
mado_apertium_supports (MadoGatewayProvider *provider,
                        MadoCapability       capability,
                        const MadoLanguage  *language,
                        const MadoLanguage  *target)
{
  MadoApertium *self = MADO_APERTIUM (provider);

  return capability == MADO_CAPABILITY_TRANSLATE && mado_provider_discovery_is_done (self->discovery) &&
         mado_language_codes_supports (self->codes, language, target);
}

static const char *
mado_apertium_get_engine_name (MadoGatewayProvider *provider,
                               MadoCapability       capability,
                               const MadoLanguage  *language)
{
  return mado_provider_http_get_name (MADO_APERTIUM (provider)->http);
}

static gboolean
mado_apertium_is_available (MadoGatewayProvider *provider,
                            guint               *retry_after)
{
  return mado_provider_http_is_available (MADO_APERTIUM (provider)->http, retry_after);
}

static void
mado_apertium_provider_init (MadoGatewayProviderInterface *iface)
{
  iface->supports = mado_apertium_supports;
  iface->get_engine_name = mado_apertium_get_engine_name;
  iface->is_available = mado_apertium_is_available;
  iface->translate_async = mado_apertium_translate_async;
  iface->translate_finish = mado_apertium_translate_finish;
}

static void
mado_apertium_finalize (GObject *object)
{
  MadoApertium *self = MADO_APERTIUM (object);

  g_clear_object (&self->discovery);
  g_clear_object (&self->http);
  g_clear_pointer (&self->codes, mado_language_codes_free);
  g_clear_pointer (&self->languages, g_ptr_array_unref);

  G_OBJECT_CLASS (mado_apertium_parent_class)->finalize (object);
}

static void
mado_apertium_class_init (MadoApertiumClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mado_apertium_finalize;
}

static void
mado_apertium_init (MadoApertium *self)
{
  self->codes = mado_language_codes_new ();
}

/**
 * mado_apertium_new_from_config:
 *
 * Reads the [provider NAME] group and starts asking the server for its pairs.
 */
MadoGatewayProvider *
mado_apertium_new_from_config (MadoGatewayConfig  *config,
                               const char         *name,
                               GError            **error)
{
  g_autoptr(MadoApertium) self = NULL;
  g_autofree char *url = NULL;
  MadoProviderHttpOptions options;

  g_return_val_if_fail (MADO_IS_GATEWAY_CONFIG (config), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (MADO_TYPE_APERTIUM, NULL);
  if (!mado_gateway_config_check_provider_keys (config, name, allowed_keys, error) ||
      !mado_gateway_config_read_http_options (config, name, MADO_CAPABILITY_TRANSLATE, &options, error) ||
      (url = mado_gateway_config_dup_provider_url (config, name, DEFAULT_URL, error)) == NULL ||
      (self->languages = mado_gateway_config_get_provider_languages (config, name, default_languages,
                                                                     error)) == NULL)
    return NULL;

  self->http = mado_provider_http_new (name, url, &options);
  self->discovery = mado_provider_discovery_new (self->http, "listPairs", "list of pairs", read_pairs, self);
  return MADO_GATEWAY_PROVIDER (g_steal_pointer (&self));
}

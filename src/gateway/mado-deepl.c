/* mado-deepl.c: machine translation by the DeepL API v2 (docs/providers.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DeepL is a commercial cloud service; a city that has a contract (or a free key, for trying the
 * kiosk out) routes pairs to it like to any other provider. One POST /v2/translate per text,
 * authenticated by a header; failures come as HTTP statuses with {"message": "…"}.
 */
#include "mado-deepl.h"

#include "mado-gateway-error.h"
#include "mado-gateway-json.h"
#include "mado-language-codes.h"
#include "mado-provider-http.h"

#include <string.h>

/* Free keys end in ":fx" and work only against the free plan's host (apis.md §5c). */
#define FREE_KEY_SUFFIX ":fx"
#define FREE_URL        "https://api-free.deepl.com"
#define PRO_URL         "https://api.deepl.com"

struct _MadoDeepl
{
  GObject             parent_instance;
  MadoProviderHttp   *http;
  char               *authorization;   /* "DeepL-Auth-Key KEY" */
  char               *formality;       /* %NULL to let DeepL choose */
  MadoLanguageCodes  *source_codes;    /* the pairs are kept here */
  MadoLanguageCodes  *target_codes;
};

static void mado_deepl_provider_init (MadoGatewayProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MadoDeepl, mado_deepl, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MADO_TYPE_GATEWAY_PROVIDER,
                                                      mado_deepl_provider_init))

/* DeepL names a language differently as source and as target: targets need the variety
 * (EN-US, PT-BR) or the script (ZH-HANS, ZH-HANT), sources are bare (EN, PT, ZH). Thai and
 * Vietnamese follow the same pattern, but the reference the gateway was written against does
 * not confirm that DeepL has them, so they are off unless `languages` lists them. Burmese,
 * Nepali and Filipino have no DeepL code at all. */
static const struct {
  const char *language;
  const char *source;
  const char *target;
} deepl_codes[] = {
  { "ja", "JA", "JA" },
  { "en", "EN", "EN-US" },
  { "zh-Hans", "ZH", "ZH-HANS" },
  { "zh-Hant", "ZH", "ZH-HANT" },
  { "ko", "KO", "KO" },
  { "id", "ID", "ID" },
  { "es", "ES", "ES" },
  { "fr", "FR", "FR" },
  { "pt-BR", "PT", "PT-BR" },
  { "th", "TH", "TH" },
  { "vi", "VI", "VI" },
};

static const char *const default_languages[] = {
  "ja", "en", "zh-Hans", "zh-Hant", "ko", "id", "es", "fr", "pt-BR", NULL
};

/* "more" and "less" make DeepL refuse every target that has no formal register (English,
 * Chinese, …), which a counter's routes always include; the prefer_ forms fall back quietly. */
static const char *const formalities[] = { "default", "prefer_more", "prefer_less", NULL };

static const char *const allowed_keys[] = { MADO_HTTP_PROVIDER_KEYS, "key-file", "key-env", "formality", NULL };

/* Translation. */

static gboolean
is_unsupported_language (const char *said)
{
  return said != NULL && strstr (said, "not supported") != NULL &&
         (strstr (said, "target_lang") != NULL || strstr (said, "source_lang") != NULL ||
          strstr (said, "language") != NULL);
}

static GError *
status_error (MadoDeepl         *self,
              MadoProviderReply *reply,
              const char        *said)
{
  switch (reply->status)
    {
    case 400:
      if (is_unsupported_language (said))
        return mado_provider_http_error (self->http, MADO_GATEWAY_ERROR_UNSUPPORTED_LANGUAGE,
                                         "does not translate this pair (HTTP 400: %s)", said);
      break;
    case 413:
      return mado_provider_http_error (self->http, MADO_GATEWAY_ERROR_PROVIDER_ERROR,
                                       "says the text is too long for it (HTTP 413)");
    case 456:
      return mado_provider_http_error (self->http, MADO_GATEWAY_ERROR_PROVIDER_QUOTA_EXCEEDED,
                                       "says the account's character quota is used up (HTTP 456%s%s)",
                                       said != NULL ? ": " : "", said != NULL ? said : "");
    default:
      break;
    }
  /* 403 wrong key, 429 too many requests, 5xx and 529 overloaded. */
  return mado_provider_http_status_error (self->http, reply, said);
}

/* translations[0].text of {"translations":[{"detected_source_language":"JA","text":"…"}]}. */
static const char *
read_translation (JsonNode *root)
{
  JsonNode *translations = mado_json_lookup (root, "translations", NULL);
  JsonArray *array;

  if (translations == NULL || !JSON_NODE_HOLDS_ARRAY (translations))
    return NULL;
  array = json_node_get_array (translations);
  if (json_array_get_length (array) == 0)
    return NULL;
  return mado_json_lookup_string (json_array_get_element (array, 0), "text", NULL);
}

static void
on_translated (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MadoDeepl *self = g_task_get_source_object (task);
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
      const char *said = root != NULL ? mado_json_lookup_string (root, "message", NULL) : NULL;

      g_clear_error (&error);
      g_task_return_error (task, status_error (self, reply, said));
      return;
    }
  if (root == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  text = read_translation (root);
  mado_provider_http_return_translation (self->http, task, g_strdup (text),
                                         "JSON without “translations[0].text”");
}

static void
mado_deepl_translate_async (MadoGatewayProvider *provider,
                            const char          *text,
                            const MadoLanguage  *source,
                            const MadoLanguage  *target,
                            gboolean             back_translate,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  MadoDeepl *self = MADO_DEEPL (provider);
  g_autoptr(MadoProviderRequest) request = mado_provider_request_new ("POST", "v2/translate");
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, mado_deepl_translate_async);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "text");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, text);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "source_lang");
  json_builder_add_string_value (builder, mado_language_codes_get_code (self->source_codes, source));
  json_builder_set_member_name (builder, "target_lang");
  json_builder_add_string_value (builder, mado_language_codes_get_code (self->target_codes, target));
  if (self->formality != NULL)
    {
      json_builder_set_member_name (builder, "formality");
      json_builder_add_string_value (builder, self->formality);
    }
  json_builder_end_object (builder);
  mado_provider_request_set_json (request, json_builder_get_root (builder));
  mado_provider_request_add_header (request, "Authorization", self->authorization);

  mado_provider_http_send_async (self->http, request, cancellable, on_translated, task);
}

static MadoTranslation *
mado_deepl_translate_finish (MadoGatewayProvider  *provider,
                             GAsyncResult         *result,
                             GError              **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
mado_deepl_supports (MadoGatewayProvider *provider,
                     MadoCapability       capability,
                     const MadoLanguage  *language,
                     const MadoLanguage  *target)
{
  MadoDeepl *self = MADO_DEEPL (provider);

  return capability == MADO_CAPABILITY_TRANSLATE &&
         mado_language_codes_supports (self->source_codes, language, target);
}

static const char *
mado_deepl_get_engine_name (MadoGatewayProvider *provider,
                            MadoCapability       capability,
                            const MadoLanguage  *language)
{
  return mado_provider_http_get_name (MADO_DEEPL (provider)->http);
}

static gboolean
mado_deepl_is_available (MadoGatewayProvider *provider,
                         guint               *retry_after)
{
  return mado_provider_http_is_available (MADO_DEEPL (provider)->http, retry_after);
}

static void
mado_deepl_provider_init (MadoGatewayProviderInterface *iface)
{
  iface->supports = mado_deepl_supports;
  iface->get_engine_name = mado_deepl_get_engine_name;
  iface->is_available = mado_deepl_is_available;
  iface->translate_async = mado_deepl_translate_async;
  iface->translate_finish = mado_deepl_translate_finish;
}

static void
mado_deepl_finalize (GObject *object)
{
  MadoDeepl *self = MADO_DEEPL (object);

  g_clear_object (&self->http);
  g_clear_pointer (&self->source_codes, mado_language_codes_free);
  g_clear_pointer (&self->target_codes, mado_language_codes_free);
  g_free (self->formality);
  if (self->authorization != NULL)
    explicit_bzero (self->authorization, strlen (self->authorization));
  g_free (self->authorization);

  G_OBJECT_CLASS (mado_deepl_parent_class)->finalize (object);
}

static void
mado_deepl_class_init (MadoDeeplClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mado_deepl_finalize;
}

static void
mado_deepl_init (MadoDeepl *self)
{
  self->source_codes = mado_language_codes_new ();
  self->target_codes = mado_language_codes_new ();
}

/* Configuration. */

/* Gives each configured language its DeepL codes; a language DeepL has none for is an error,
 * so that a city that lists it learns at start rather than from refused translations. */
static gboolean
set_codes (MadoDeepl   *self,
           const char  *name,
           GPtrArray   *languages,
           GError     **error)
{
  for (guint l = 0; l < languages->len; l++)
    {
      const MadoLanguage *language = g_ptr_array_index (languages, l);
      guint i = 0;

      while (i < G_N_ELEMENTS (deepl_codes) && strcmp (deepl_codes[i].language, language->code) != 0)
        i++;
      if (i == G_N_ELEMENTS (deepl_codes))
        {
          g_set_error (error, MADO_GATEWAY_CONFIG_ERROR, MADO_GATEWAY_CONFIG_ERROR_BAD_VALUE,
                       "[provider %s] languages names %s, which DeepL has no code for", name, language->code);
          return FALSE;
        }
      mado_language_codes_set_code (self->source_codes, language, deepl_codes[i].source);
      mado_language_codes_set_code (self->target_codes, language, deepl_codes[i].target);
    }

  mado_language_codes_allow_all_pairs (self->source_codes);
  return TRUE;
}

static gboolean
read_formality (MadoDeepl          *self,
                MadoGatewayConfig  *config,
                const char         *name,
                GError            **error)
{
  self->formality = mado_gateway_config_dup_provider_string (config, name, "formality");
  if (self->formality == NULL || g_strv_contains (formalities, self->formality))
    return TRUE;

  g_set_error (error, MADO_GATEWAY_CONFIG_ERROR, MADO_GATEWAY_CONFIG_ERROR_BAD_VALUE,
               "[provider %s] formality = %s is not one of default, prefer_more, prefer_less "
               "(“more” and “less” would make DeepL refuse English, Chinese and other targets "
               "without formal forms)", name, self->formality);
  return FALSE;
}

/**
 * mado_deepl_new_from_config:
 *
 * Reads the [provider NAME] group.
 */
MadoGatewayProvider *
mado_deepl_new_from_config (MadoGatewayConfig  *config,
                            const char         *name,
                            GError            **error)
{
  g_autoptr(MadoDeepl) self = NULL;
  g_autoptr(GPtrArray) languages = NULL;
  g_autofree char *key = NULL;
  g_autofree char *url = NULL;
  MadoProviderHttpOptions options;

  g_return_val_if_fail (MADO_IS_GATEWAY_CONFIG (config), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (MADO_TYPE_DEEPL, NULL);
  if (!mado_gateway_config_check_provider_keys (config, name, allowed_keys, error) ||
      !mado_gateway_config_read_http_options (config, name, MADO_CAPABILITY_TRANSLATE, &options, error) ||
      (languages = mado_gateway_config_get_provider_languages (config, name, default_languages,
                                                               error)) == NULL ||
      !set_codes (self, name, languages, error) ||
      !read_formality (self, config, name, error) ||
      !mado_gateway_config_read_provider_secret (config, name, "key", TRUE, &key, error) ||
      (url = mado_gateway_config_dup_provider_url (config, name,
                                                   g_str_has_suffix (key, FREE_KEY_SUFFIX) ? FREE_URL : PRO_URL,
                                                   error)) == NULL)
    {
      if (key != NULL)
        explicit_bzero (key, strlen (key));
      return NULL;
    }

  self->authorization = g_strconcat ("DeepL-Auth-Key ", key, NULL);
  self->http = mado_provider_http_new (name, url, &options);
  mado_provider_http_add_secret (self->http, key);
  explicit_bzero (key, strlen (key));
  return MADO_GATEWAY_PROVIDER (g_steal_pointer (&self));
}

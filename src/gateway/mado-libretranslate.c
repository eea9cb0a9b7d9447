/* mado-libretranslate.c: machine translation by a LibreTranslate server (docs/providers.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * LibreTranslate is what a city can run itself, on its own machines, so that no resident's words
 * leave its network. Which pairs it translates depends on the models its operator installed,
 * so the adapter reads them from GET /languages (mado-provider-discovery.c).
 */
#include "mado-libretranslate.h"

#include "mado-gateway-error.h"
#include "mado-gateway-json.h"
#include "mado-language-codes.h"
#include "mado-provider-discovery.h"
#include "mado-provider-http.h"

#include <string.h>

#define DEFAULT_URL "http://127.0.0.1:5000"

struct _MadoLibretranslate
{
  GObject             parent_instance;
  MadoProviderHttp   *http;
  char               *key;            /* %NULL for a server without keys */
  MadoLanguageCodes  *codes;          /* the spellings of the languages the server offers */
  GPtrArray          *languages;      /* the Madoguchi languages the configuration allows */
  MadoProviderDiscovery *discovery;   /* GET /languages */
};

static void mado_libretranslate_provider_init (MadoGatewayProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MadoLibretranslate, mado_libretranslate, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MADO_TYPE_GATEWAY_PROVIDER,
                                                      mado_libretranslate_provider_init))

/* LibreTranslate's codes, newest spelling first: releases before 1.6 call Simplified Chinese
 * "zh" and Brazilian Portuguese "pt", and Filipino is Tagalog ("tl") in Argos' models. */
static const MadoLanguageSpelling spellings[] = {
  { "ja", { "ja" } },
  { "en", { "en" } },
  { "zh-Hans", { "zh-Hans", "zh" } },
  { "zh-Hant", { "zh-Hant", "zt" } },
  { "ko", { "ko" } },
  { "vi", { "vi" } },
  { "id", { "id" } },
  { "th", { "th" } },
  { "my", { "my" } },
  { "es", { "es" } },
  { "fr", { "fr" } },
  { "pt-BR", { "pt-BR", "pb", "pt" } },
  { "fil", { "tl", "fil" } },
  { "ne", { "ne" } },
};

static const char *const default_languages[] = {
  "ja", "en", "zh-Hans", "zh-Hant", "ko", "vi", "id", "th", "my", "es", "fr", "pt-BR", "fil", "ne", NULL
};

static const char *const allowed_keys[] = { MADO_HTTP_PROVIDER_KEYS, "key-file", "key-env", NULL };

/* Discovery. */

/* Reads [{"code":"en","name":"English","targets":["ja",…]},…] into codes and pairs. */
static gboolean
read_languages (JsonNode *root,
                gpointer  user_data)
{
  MadoLibretranslate *self = user_data;
  g_autoptr(GHashTable) targets = g_hash_table_new (g_str_hash, g_str_equal);  /* code → JsonArray */
  JsonArray *entries;

  if (!JSON_NODE_HOLDS_ARRAY (root))
    return FALSE;

  entries = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonNode *entry = json_array_get_element (entries, i);
      const char *code = mado_json_lookup_string (entry, "code", NULL);
      JsonNode *list = mado_json_lookup (entry, "targets", NULL);

      if (code != NULL)
        g_hash_table_insert (targets, (gpointer) code,
                             list != NULL && JSON_NODE_HOLDS_ARRAY (list) ? json_node_get_array (list) : NULL);
    }

  mado_language_codes_clear_pairs (self->codes);
  mado_language_codes_set_spellings (self->codes, self->languages, spellings, G_N_ELEMENTS (spellings),
                                     targets);

  for (guint s = 0; s < self->languages->len; s++)
    {
      const MadoLanguage *source = g_ptr_array_index (self->languages, s);
      const char *source_code = mado_language_codes_get_code (self->codes, source);
      JsonArray *reachable;

      if (source_code == NULL)
        continue;
      reachable = g_hash_table_lookup (targets, source_code);
      for (guint t = 0; reachable != NULL && t < json_array_get_length (reachable); t++)
        {
          const char *target_code = json_array_get_string_element (reachable, t);
          const MadoLanguage *target = target_code != NULL ? mado_language_codes_find (self->codes, target_code) : NULL;

          if (target != NULL && target != source)
            mado_language_codes_allow_pair (self->codes, source, target);
        }
    }
  return TRUE;
}

/* Translation. */

static void
on_translated (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MadoLibretranslate *self = g_task_get_source_object (task);
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
      const char *said = root != NULL ? mado_json_lookup_string (root, "error", NULL) : NULL;

      g_clear_error (&error);
      /* 400 "<code> is not supported" and "… not available as a target language": the server's
       * models changed since it was last asked. 400 "Please contact the server operator to get
       * an API key" (or "Visit <url> to get an API key") is a server that requires keys while the
       * gateway has none: the IT staff have to configure one, as for a wrong key. 403 after too
       * many violations of its limits is its ban, which lasts: treated as a used-up quota, not as
       * a wrong key. */
      if (reply->status == 400 && said != NULL && strstr (said, "not ") != NULL &&
          (strstr (said, "supported") != NULL || strstr (said, "available") != NULL))
        error = mado_provider_http_error (self->http, MADO_GATEWAY_ERROR_UNSUPPORTED_LANGUAGE,
                                          "does not translate this pair (HTTP 400: %s)", said);
      else if (reply->status == 400 && self->key == NULL && said != NULL && strstr (said, "API key") != NULL)
        error = mado_provider_http_error (self->http, MADO_GATEWAY_ERROR_PROVIDER_AUTH_FAILED,
                                          "requires an API key, and the gateway has none (key-file or key-env) "
                                          "(HTTP 400: %s)", said);
      else if (reply->status == 403 && said != NULL && strstr (said, "limit") != NULL)
        error = mado_provider_http_error (self->http, MADO_GATEWAY_ERROR_PROVIDER_QUOTA_EXCEEDED,
                                          "has banned the gateway for exceeding its limits (HTTP 403: %s)", said);
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

  text = mado_json_lookup_string (root, "translatedText", NULL);
  mado_provider_http_return_translation (self->http, task, g_strdup (text),
                                         "JSON without “translatedText”");
}

static void
mado_libretranslate_translate_async (MadoGatewayProvider *provider,
                                     const char          *text,
                                     const MadoLanguage  *source,
                                     const MadoLanguage  *target,
                                     gboolean             back_translate,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  MadoLibretranslate *self = MADO_LIBRETRANSLATE (provider);
  g_autoptr(MadoProviderRequest) request = mado_provider_request_new ("POST", "translate");
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, mado_libretranslate_translate_async);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "q");
  json_builder_add_string_value (builder, text);
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, mado_language_codes_get_code (self->codes, source));
  json_builder_set_member_name (builder, "target");
  json_builder_add_string_value (builder, mado_language_codes_get_code (self->codes, target));
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, "text");
  if (self->key != NULL)
    {
      json_builder_set_member_name (builder, "api_key");
      json_builder_add_string_value (builder, self->key);
    }
  json_builder_end_object (builder);
  mado_provider_request_set_json (request, json_builder_get_root (builder));

  mado_provider_http_send_async (self->http, request, cancellable, on_translated, task);
}

static MadoTranslation *
mado_libretranslate_translate_finish (MadoGatewayProvider  *provider,
                                      GAsyncResult         *result,
                                      GError              **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
mado_libretranslate_supports (MadoGatewayProvider *provider,
                              MadoCapability       capability,
                              const MadoLanguage  *language,
                              const MadoLanguage  *target)
{
  MadoLibretranslate *self = MADO_LIBRETRANSLATE (provider);

  /* Only the configured languages get codes, so the pairs are within them. */
  return capability == MADO_CAPABILITY_TRANSLATE && mado_provider_discovery_is_done (self->discovery) &&
         mado_language_codes_supports (self->codes, language, target);
}

static const char *
mado_libretranslate_get_engine_name (MadoGatewayProvider *provider,
                                     MadoCapability       capability,
                                     const MadoLanguage  *language)
{
  return mado_provider_http_get_name (MADO_LIBRETRANSLATE (provider)->http);
}

static gboolean
mado_libretranslate_is_available (MadoGatewayProvider *provider,
                                  guint               *retry_after)
{
  return mado_provider_http_is_available (MADO_LIBRETRANSLATE (provider)->http, retry_after);
}

static void
mado_libretranslate_provider_init (MadoGatewayProviderInterface *iface)
{
  iface->supports = mado_libretranslate_supports;
  iface->get_engine_name = mado_libretranslate_get_engine_name;
  iface->is_available = mado_libretranslate_is_available;
  iface->translate_async = mado_libretranslate_translate_async;
  iface->translate_finish = mado_libretranslate_translate_finish;
}

static void
mado_libretranslate_finalize (GObject *object)
{
  MadoLibretranslate *self = MADO_LIBRETRANSLATE (object);

  g_clear_object (&self->discovery);
  g_clear_object (&self->http);
  g_clear_pointer (&self->codes, mado_language_codes_free);
  g_clear_pointer (&self->languages, g_ptr_array_unref);
  if (self->key != NULL)
    memset (self->key, 0, strlen (self->key));
  g_free (self->key);

  G_OBJECT_CLASS (mado_libretranslate_parent_class)->finalize (object);
}

static void
mado_libretranslate_class_init (MadoLibretranslateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mado_libretranslate_finalize;
}

static void
mado_libretranslate_init (MadoLibretranslate *self)
{
  self->codes = mado_language_codes_new ();
}

/**
 * mado_libretranslate_new_from_config:
 *
 * Reads the [provider NAME] group and starts asking the server for its languages.
 */
MadoGatewayProvider *
mado_libretranslate_new_from_config (MadoGatewayConfig  *config,
                                     const char         *name,
                                     GError            **error)
{
  g_autoptr(MadoLibretranslate) self = NULL;
  g_autofree char *url = NULL;
  MadoProviderHttpOptions options;

  g_return_val_if_fail (MADO_IS_GATEWAY_CONFIG (config), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (MADO_TYPE_LIBRETRANSLATE, NULL);
  if (!mado_gateway_config_check_provider_keys (config, name, allowed_keys, error) ||
      !mado_gateway_config_read_http_options (config, name, MADO_CAPABILITY_TRANSLATE, &options, error) ||
      (url = mado_gateway_config_dup_provider_url (config, name, DEFAULT_URL, error)) == NULL ||
      (self->languages = mado_gateway_config_get_provider_languages (config, name, default_languages,
                                                                     error)) == NULL ||
      !mado_gateway_config_read_provider_secret (config, name, "key", FALSE, &self->key, error))
    return NULL;

  self->http = mado_provider_http_new (name, url, &options);
  mado_provider_http_add_secret (self->http, self->key);
  self->discovery = mado_provider_discovery_new (self->http, "languages", "list of languages",
                                                 read_languages, self);
  return MADO_GATEWAY_PROVIDER (g_steal_pointer (&self));
}

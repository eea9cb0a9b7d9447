/* mado-textra.c: machine translation by NICT's みんなの自動翻訳@TexTra (docs/providers.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * TexTra is the translation service of Japan's national institute for communications research,
 * with engines for general and administrative text (generalNT) and for dialogue (voicetraNT).
 * It signs requests with OAuth 2.0 client credentials: the API key and secret buy an access
 * token (MadoOauthToken keeps and renews it), which every translation carries together with the
 * key and the account's login name.
 *
 * The service reports its failures with HTTP 200 and a processing code in resultset.code
 * (apis.md §1); code_error() says what each one means to the gateway's clients.
 */
#include "mado-textra.h"

#include "mado-gateway-error.h"
#include "mado-gateway-json.h"
#include "mado-language-codes.h"
#include "mado-oauth-token.h"
#include "mado-provider-http.h"

#include <string.h>

#define DEFAULT_URL    "https://mt-auto-minhon-mlt.ucri.jgn-x.jp"
#define DEFAULT_ENGINE "generalNT"
#define ENGINE_PREFIX  "engine."

#define TOKEN_PATH     "oauth2/token.php"

/* The processing codes of resultset.code (apis.md §1, from the KI edition's specification). */
enum {
  CODE_SUCCESS = 0,
  CODE_KEY_ERROR = 500,
  CODE_NAME_ERROR = 501,
  CODE_OAUTH_ERROR = 510,
  CODE_OAUTH_HEADER_ERROR = 511,
  CODE_SIZE_LIMIT = 525,
  CODE_PERMISSION_ERROR = 530,
  CODE_EXECUTION_ERROR = 531,
  CODE_SYSTEM_ERROR = 10001,
  CODE_VOLUME_EXCEEDED = 10002,
  CODE_NO_CONTRACT = 10003,
};

struct _MadoTextra
{
  GObject             parent_instance;
  MadoProviderHttp   *http;
  MadoOauthToken     *token;
  char               *key;
  char               *login;          /* the account's login ID, sent as "name"; not a secret */
  char               *engine;         /* for pairs without an engine of their own */
  GHashTable         *pair_engines;   /* "ja en" (Madoguchi codes) → engine */
  MadoLanguageCodes  *codes;
};

static void mado_textra_provider_init (MadoGatewayProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MadoTextra, mado_textra, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MADO_TYPE_GATEWAY_PROVIDER,
                                                      mado_textra_provider_init))

/* The codes public clients send (apis.md §1). Filipino ("fp" in one engine name) and Nepali
 * have no code anyone has confirmed, so they are not offered. */
static const struct {
  const char *language;
  const char *code;
} textra_codes[] = {
  { "ja", "ja" },
  { "en", "en" },
  { "zh-Hans", "zh-CN" },
  { "zh-Hant", "zh-TW" },
  { "ko", "ko" },
  { "vi", "vi" },
  { "id", "id" },
  { "th", "th" },
  { "my", "my" },
  { "es", "es" },
  { "fr", "fr" },
  { "pt-BR", "pt-BR" },
};

static const char *const default_languages[] = {
  "ja", "en", "zh-Hans", "zh-Hant", "ko", "vi", "id", "th", "my", "es", "fr", "pt-BR", NULL
};

static const char *const allowed_keys[] = {
  MADO_HTTP_PROVIDER_KEYS, "name", "key-file", "key-env", "secret-file", "secret-env",
  "engine", ENGINE_PREFIX, NULL
};

typedef struct {
  char               *text;
  const MadoLanguage *source;
  const MadoLanguage *target;
  guint               token_generation;  /* of the token the last attempt carried */
  gboolean            token_replaced;    /* a refused token was replaced once already */
} TranslateData;

static void
translate_data_free (TranslateData *data)
{
  g_free (data->text);
  g_free (data);
}

static char *
pair_key (const MadoLanguage *source,
          const MadoLanguage *target)
{
  return g_strconcat (source->code, " ", target->code, NULL);
}

static const char *
engine_for (MadoTextra         *self,
            const MadoLanguage *source,
            const MadoLanguage *target)
{
  g_autofree char *pair = pair_key (source, target);
  const char *engine = g_hash_table_lookup (self->pair_engines, pair);

  return engine != NULL ? engine : self->engine;
}

/* The service's words after @code, for messages: ": message", or nothing when it said none. */
static char *
dup_said (JsonNode *root)
{
  const char *message = mado_json_lookup_string (root, "resultset", "message", NULL);

  return message != NULL && *message != '\0' ? g_strconcat (": ", message, NULL) : g_strdup ("");
}

/* resultset.code as a number, whether the service writes it as one or as a string; %FALSE when
 * it is missing or not a whole number. */
static gboolean
read_code (JsonNode *root,
           gint64   *code)
{
  JsonNode *node = mado_json_lookup (root, "resultset", "code", NULL);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      *code = json_node_get_int (node);
      return TRUE;
    case G_TYPE_STRING:
      return g_ascii_string_to_signed (json_node_get_string (node), 10, G_MININT64, G_MAXINT64, code, NULL);
    default:
      return FALSE;
    }
}

/* The access token. */

static void send_translation (GTask      *task,
                              const char *token);

static void
on_token (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GTask *task = user_data;
  TranslateData *data = g_task_get_task_data (task);
  GError *error = NULL;
  char *token;

  token = mado_oauth_token_get_finish (MADO_OAUTH_TOKEN (source), result, &data->token_generation, &error);
  if (token == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  send_translation (task, token);
  mado_oauth_token_free_copy (token);
}

/* Sends @task's translation once there is a token. Takes @task. */
static void
translate_with_token (GTask *task)
{
  MadoTextra *self = g_task_get_source_object (task);

  mado_oauth_token_get_async (self->token, g_task_get_cancellable (task), on_token, task);
}

/* Translation. */

/* The service refused the token (expired early, or revoked): forget it, unless another request
 * has replaced it meanwhile, and try once more with a fresh one. FALSE when that was done
 * already for this translation. */
static gboolean
retry_with_new_token (GTask *task)
{
  MadoTextra *self = g_task_get_source_object (task);
  TranslateData *data = g_task_get_task_data (task);

  if (data->token_replaced)
    return FALSE;

  data->token_replaced = TRUE;
  mado_oauth_token_invalidate (self->token, data->token_generation);
  translate_with_token (g_object_ref (task));
  return TRUE;
}

static GError *
code_error (MadoTextra    *self,
            TranslateData *data,
            gint64         code,
            const char    *said)
{
  switch (code)
    {
    case CODE_KEY_ERROR:
      return mado_provider_http_error (self->http, MADO_GATEWAY_ERROR_PROVIDER_AUTH_FAILED,
                                       "rejected the API key (code 500%s)", said);
    case CODE_NAME_ERROR:
      return mado_provider_http_error (self->http, MADO_GATEWAY_ERROR_PROVIDER_AUTH_FAILED,
                                       "rejected the login name set as “name” (code 501%s)", said);
    case CODE_OAUTH_ERROR:
    case CODE_OAUTH_HEADER_ERROR:
      return mado_provider_http_error (self->http, MADO_GATEWAY_ERROR_PROVIDER_AUTH_FAILED,
                                       "refused a freshly issued access token (code %" G_GINT64_FORMAT "%s)",
                                       code, said);
    case CODE_PERMISSION_ERROR:
      /* The account may not use this engine, or the engine has no such pair. */
      return mado_provider_http_error (self->http, MADO_GATEWAY_ERROR_UNSUPPORTED_LANGUAGE,
                                       "does not translate %s into %s with the engine “%s” for this "
                                       "account (code 530%s)", data->source->code, data->target->code,
                                       engine_for (self, data->source, data->target), said);
    case CODE_SIZE_LIMIT:
      return mado_provider_http_error (self->http, MADO_GATEWAY_ERROR_PROVIDER_ERROR,
                                       "says the text is too long for it (code 525%s)", said);
    case CODE_VOLUME_EXCEEDED:
    case CODE_NO_CONTRACT:
      return mado_provider_http_error (self->http, MADO_GATEWAY_ERROR_PROVIDER_QUOTA_EXCEEDED,
                                       "says the account's volume is used up or its contract has "
                                       "ended (code %" G_GINT64_FORMAT "%s)", code, said);
    case CODE_EXECUTION_ERROR:
    case CODE_SYSTEM_ERROR:
      return mado_provider_http_error (self->http, MADO_GATEWAY_ERROR_PROVIDER_UNAVAILABLE,
                                       "failed while translating (code %" G_GINT64_FORMAT "%s)", code, said);
    default:
      return mado_provider_http_error (self->http, MADO_GATEWAY_ERROR_PROVIDER_ERROR,
                                       "answered with code %" G_GINT64_FORMAT "%s", code, said);
    }
}

static void
on_translated (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MadoTextra *self = g_task_get_source_object (task);
  TranslateData *data = g_task_get_task_data (task);
  g_autoptr(MadoProviderReply) reply = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *said = NULL;
  GError *error = NULL;
  const char *oauth_error = NULL;
  const char *text;
  gint64 code = CODE_SUCCESS;

  reply = mado_provider_http_send_finish (MADO_PROVIDER_HTTP (source), result, &error);
  if (reply == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  root = mado_provider_http_parse_json (self->http, reply, &error);
  if (root != NULL)
    oauth_error = mado_json_lookup_string (root, "error", NULL);

  /* An OAuth-style refusal of the token itself ({"error":"invalid_token"}), whatever its
   * status, is treated like processing code 510. */
  if ((g_strcmp0 (oauth_error, "invalid_token") == 0 || g_strcmp0 (oauth_error, "expired_token") == 0) &&
      retry_with_new_token (task))
    {
      g_clear_error (&error);
      return;
    }

  if (reply->status != SOUP_STATUS_OK)
    {
      g_clear_error (&error);
      g_task_return_error (task, mado_provider_http_status_error (self->http, reply, oauth_error));
      return;
    }
  if (root == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (oauth_error != NULL)
    {
      g_task_return_error (task, mado_provider_http_error (self->http, MADO_GATEWAY_ERROR_PROVIDER_ERROR,
                                                           "refused the request: %s", oauth_error));
      return;
    }
  if (mado_json_lookup (root, "resultset", NULL) == NULL)
    {
      g_task_return_error (task, mado_provider_http_error (self->http, MADO_GATEWAY_ERROR_PROVIDER_BAD_RESPONSE,
                                                           "sent JSON without “resultset”"));
      return;
    }

  /* The shape of a success is known only from clients' type declarations (apis.md §1), so a
   * resultset without a code counts as one if it carries a text. */
  if (mado_json_lookup (root, "resultset", "code", NULL) != NULL && !read_code (root, &code))
    {
      g_task_return_error (task, mado_provider_http_error (self->http, MADO_GATEWAY_ERROR_PROVIDER_BAD_RESPONSE,
                                                           "sent a processing code that is not a number"));
      return;
    }

  if ((code == CODE_OAUTH_ERROR || code == CODE_OAUTH_HEADER_ERROR) && retry_with_new_token (task))
    return;
  if (code != CODE_SUCCESS)
    {
      said = dup_said (root);
      g_task_return_error (task, code_error (self, data, code, said));
      return;
    }

  text = mado_json_lookup_string (root, "resultset", "result", "text", NULL);
  mado_provider_http_return_translation (self->http, task, g_strdup (text),
                                         "a result without “text”");
}

/* Takes @task. */
static void
send_translation (GTask      *task,
                  const char *token)
{
  MadoTextra *self = g_task_get_source_object (task);
  TranslateData *data = g_task_get_task_data (task);
  g_autoptr(MadoProviderRequest) request = mado_provider_request_new ("POST", "api/");
  g_autofree char *api_param = g_strdup_printf ("%s_%s_%s", engine_for (self, data->source, data->target),
                                                mado_language_codes_get_code (self->codes, data->source),
                                                mado_language_codes_get_code (self->codes, data->target));

  mado_provider_request_set_form (request,
                                  "access_token", token,
                                  "key", self->key,
                                  "name", self->login,
                                  "api_name", "mt",
                                  "api_param", api_param,
                                  "type", "json",
                                  "text", data->text,
                                  NULL);
  mado_provider_http_send_async (self->http, request, g_task_get_cancellable (task), on_translated, task);
}

static void
mado_textra_translate_async (MadoGatewayProvider *provider,
                             const char          *text,
                             const MadoLanguage  *source,
                             const MadoLanguage  *target,
                             gboolean             back_translate,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  MadoTextra *self = MADO_TEXTRA (provider);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  TranslateData *data = g_new0 (TranslateData, 1);

  g_task_set_source_tag (task, mado_textra_translate_async);
  data->text = g_strdup (text);
  data->source = source;
  data->target = target;
  g_task_set_task_data (task, data, (GDestroyNotify) translate_data_free);

  translate_with_token (task);
}

static MadoTranslation *
mado_textra_translate_finish (MadoGatewayProvider  *provider,
                              GAsyncResult         *result,
                              GError              **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
mado_textra_supports (MadoGatewayProvider *provider,
                      MadoCapability       capability,
                      const MadoLanguage  *language,
                      const MadoLanguage  *target)
{
  MadoTextra *self = MADO_TEXTRA (provider);

  return capability == MADO_CAPABILITY_TRANSLATE && mado_language_codes_supports (self->codes, language, target);
}

static const char *
mado_textra_get_engine_name (MadoGatewayProvider *provider,
                             MadoCapability       capability,
                             const MadoLanguage  *language)
{
  return mado_provider_http_get_name (MADO_TEXTRA (provider)->http);
}

static gboolean
mado_textra_is_available (MadoGatewayProvider *provider,
                          guint               *retry_after)
{
  return mado_provider_http_is_available (MADO_TEXTRA (provider)->http, retry_after);
}

static void
mado_textra_provider_init (MadoGatewayProviderInterface *iface)
{
  iface->supports = mado_textra_supports;
  iface->get_engine_name = mado_textra_get_engine_name;
  iface->is_available = mado_textra_is_available;
  iface->translate_async = mado_textra_translate_async;
  iface->translate_finish = mado_textra_translate_finish;
}

static void
mado_textra_finalize (GObject *object)
{
  MadoTextra *self = MADO_TEXTRA (object);

  g_clear_object (&self->token);
  g_clear_object (&self->http);
  g_clear_pointer (&self->codes, mado_language_codes_free);
  g_clear_pointer (&self->pair_engines, g_hash_table_unref);
  g_free (self->login);
  g_free (self->engine);
  if (self->key != NULL)
    explicit_bzero (self->key, strlen (self->key));
  g_free (self->key);

  G_OBJECT_CLASS (mado_textra_parent_class)->finalize (object);
}

static void
mado_textra_class_init (MadoTextraClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mado_textra_finalize;
}

static void
mado_textra_init (MadoTextra *self)
{
  self->codes = mado_language_codes_new ();
  self->pair_engines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* Configuration. */

static gboolean
check_engine (const char  *name,
              const char  *key,
              const char  *engine,
              GError     **error)
{
  gboolean one_word = *engine != '\0';

  for (const char *c = engine; *c != '\0' && one_word; c++)
    one_word = !g_ascii_isspace (*c) && !g_ascii_iscntrl (*c);
  if (one_word)
    return TRUE;

  g_set_error (error, MADO_GATEWAY_CONFIG_ERROR, MADO_GATEWAY_CONFIG_ERROR_BAD_VALUE,
               "[provider %s] %s = “%s” is not an engine name (one word, such as generalNT or voicetraNT)",
               name, key, engine);
  return FALSE;
}

/* Gives each configured language its TexTra code; a language TexTra has none for is an error,
 * so that a city that lists it learns at start rather than from refused translations. */
static gboolean
set_codes (MadoTextra  *self,
           const char  *name,
           GPtrArray   *languages,
           GError     **error)
{
  for (guint l = 0; l < languages->len; l++)
    {
      const MadoLanguage *language = g_ptr_array_index (languages, l);
      const char *code = NULL;

      for (guint i = 0; i < G_N_ELEMENTS (textra_codes) && code == NULL; i++)
        if (strcmp (textra_codes[i].language, language->code) == 0)
          code = textra_codes[i].code;

      if (code == NULL)
        {
          g_set_error (error, MADO_GATEWAY_CONFIG_ERROR, MADO_GATEWAY_CONFIG_ERROR_BAD_VALUE,
                       "[provider %s] languages names %s, which TexTra has no confirmed code for",
                       name, language->code);
          return FALSE;
        }
      mado_language_codes_set_code (self->codes, language, code);
    }

  mado_language_codes_allow_all_pairs (self->codes);
  return TRUE;
}

/* engine.SOURCE.TARGET = ENGINE, with Madoguchi's codes: the engine for one pair. */
static gboolean
read_pair_engines (MadoTextra         *self,
                   MadoGatewayConfig  *config,
                   const char         *name,
                   GError            **error)
{
  g_auto(GStrv) keys = mado_gateway_config_dup_provider_keys (config, name, ENGINE_PREFIX);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (keys[i] + strlen (ENGINE_PREFIX), ".", -1);
      g_autofree char *engine = mado_gateway_config_dup_provider_string (config, name, keys[i]);
      const MadoLanguage *source = NULL;
      const MadoLanguage *target = NULL;

      if (g_strv_length (parts) == 2)
        {
          source = mado_language_lookup (parts[0]);
          target = mado_language_lookup (parts[1]);
        }
      if (source == NULL || target == NULL || source == target ||
          !mado_language_codes_supports (self->codes, source, target))
        {
          g_set_error (error, MADO_GATEWAY_CONFIG_ERROR, MADO_GATEWAY_CONFIG_ERROR_BAD_VALUE,
                       "[provider %s] %s does not name a pair of two of this provider's languages "
                       "(engine.SOURCE.TARGET, such as engine.ja.en)", name, keys[i]);
          return FALSE;
        }
      if (!check_engine (name, keys[i], engine, error))
        return FALSE;
      g_hash_table_replace (self->pair_engines, pair_key (source, target), g_steal_pointer (&engine));
    }
  return TRUE;
}

/**
 * mado_textra_new_from_config:
 *
 * Reads the [provider NAME] group. The first token is bought with the first translation.
 */
MadoGatewayProvider *
mado_textra_new_from_config (MadoGatewayConfig  *config,
                             const char         *name,
                             GError            **error)
{
  g_autoptr(MadoTextra) self = NULL;
  g_autoptr(GPtrArray) languages = NULL;
  g_autofree char *url = NULL;
  char *secret = NULL;
  MadoProviderHttpOptions options;

  g_return_val_if_fail (MADO_IS_GATEWAY_CONFIG (config), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (MADO_TYPE_TEXTRA, NULL);
  if (!mado_gateway_config_check_provider_keys (config, name, allowed_keys, error) ||
      !mado_gateway_config_read_http_options (config, name, MADO_CAPABILITY_TRANSLATE, &options, error) ||
      (url = mado_gateway_config_dup_provider_url (config, name, DEFAULT_URL, error)) == NULL ||
      (languages = mado_gateway_config_get_provider_languages (config, name, default_languages,
                                                               error)) == NULL ||
      !set_codes (self, name, languages, error) ||
      !read_pair_engines (self, config, name, error))
    return NULL;

  self->login = mado_gateway_config_dup_provider_string (config, name, "name");
  if (self->login == NULL || *self->login == '\0')
    {
      g_set_error (error, MADO_GATEWAY_CONFIG_ERROR, MADO_GATEWAY_CONFIG_ERROR_BAD_VALUE,
                   "[provider %s] needs name (the login ID of the TexTra account)", name);
      return NULL;
    }

  self->engine = mado_gateway_config_dup_provider_string (config, name, "engine");
  if (self->engine == NULL)
    self->engine = g_strdup (DEFAULT_ENGINE);
  if (!check_engine (name, "engine", self->engine, error) ||
      !mado_gateway_config_read_provider_secret (config, name, "key", TRUE, &self->key, error) ||
      !mado_gateway_config_read_provider_secret (config, name, "secret", TRUE, &secret, error))
    return NULL;

  /* The secret is read last, so no failure leaves it behind; the token object keeps a copy. */
  self->http = mado_provider_http_new (name, url, &options);
  mado_provider_http_add_secret (self->http, self->key);
  mado_provider_http_add_secret (self->http, secret);
  self->token = mado_oauth_token_new (self->http, TOKEN_PATH, self->key, secret);
  explicit_bzero (secret, strlen (secret));
  g_free (secret);
  return MADO_GATEWAY_PROVIDER (g_steal_pointer (&self));
}

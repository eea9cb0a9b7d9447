/* mado-fake-textra.c: NICT みんなの自動翻訳@TexTra as apis.md section 1 describes it
 *
 * OAuth 2.0 client credentials at /oauth2/token.php, then form posts to /api/ (api_name and
 * api_param as fields) or to the path form /api/mt/ENGINE_SRC_TGT/. Application errors come back
 * with HTTP 200 and a non-zero resultset.code. The fake speaks OAuth 2.0 only: a request without
 * access_token counts as an OAuth 1.0 request without its Authorization header.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-fake-provider-private.h"

#include <string.h>

#define TOKEN_PATH "/oauth2/token.php"

/* Processing codes from the KI spec's table (apis.md). The messages are English glosses of the
 * table's names: the live service's wording is UNVERIFIED, so adapters must go by the code. */
enum {
  CODE_OK = 0,
  CODE_KEY_ERROR = 500,
  CODE_NAME_ERROR = 501,
  CODE_OAUTH_ERROR = 510,          /* observed live with an empty message */
  CODE_OAUTH_HEADER_ERROR = 511,
  CODE_ACCESS_URL_ERROR = 520,
  CODE_PARAMETER_ERROR = 524,
  CODE_PERMISSION_ERROR = 530,     /* observed live for an unknown engine, with a message */
  CODE_SYSTEM_ERROR = 10001,
  CODE_VOLUME_EXCEEDED = 10002,    /* UNVERIFIED for TexTra: probably specific to KI contracts */
};

/* Engines seen in public clients' code (apis.md). */
static const char * const engines[] = {
  "generalNT", "generalN", "patentN", "patentNT", "transLM", "voicetraNT", "fsaNT", "lawsNT", "minnaNT", NULL,
};

static const FakeRoute routes[] = {
  { "POST", TOKEN_PATH, FALSE },
  { "POST", "/api/", TRUE },
  { NULL, NULL, FALSE },
};

static gboolean
takes (FakeBehaviour  behaviour,
       const char    *path)
{
  /* The token endpoint has credentials to refuse, but no quota, pairs or text. */
  return behaviour == FAKE_BEHAVIOUR_WRONG_KEY || !g_str_equal (path, TOKEN_PATH);
}

/* The token endpoint's errors follow RFC 6749 section 5.2. Only invalid_client is in apis.md
 * (from a client's test fixture, UNVERIFIED as a live capture); the other codes are the RFC's. */
static void
answer_token (FakeExchange *exchange)
{
  FakeProvider *provider = exchange->provider;
  const char *grant_type = fake_exchange_field (exchange, "grant_type");
  g_autoptr(JsonBuilder) builder = NULL;
  g_autofree char *token = NULL;
  guint lifetime;

  switch (exchange->behaviour)
    {
    case FAKE_BEHAVIOUR_WRONG_KEY:
      fake_exchange_reply_member (exchange, 400, "error", "invalid_client");
      return;
    case FAKE_BEHAVIOUR_UNAVAILABLE:
    case FAKE_BEHAVIOUR_RATE_LIMITED:
      fake_exchange_reply_member (exchange, exchange->behaviour == FAKE_BEHAVIOUR_UNAVAILABLE ? 503 : 429,
                                  "error", "temporarily_unavailable");
      return;
    case FAKE_BEHAVIOUR_SERVER_ERROR:
      fake_exchange_reply_member (exchange, 500, "error", "server_error");
      return;
    default:
      break;
    }

  if (!fake_exchange_has_form_body (exchange) || grant_type == NULL)
    {
      fake_exchange_reply_member (exchange, 400, "error", "invalid_request");
      return;
    }
  if (!g_str_equal (grant_type, "client_credentials"))
    {
      fake_exchange_reply_member (exchange, 400, "error", "unsupported_grant_type");
      return;
    }
  if (!fake_provider_key_matches (provider, fake_exchange_field (exchange, "client_id")) ||
      !fake_provider_secret_matches (provider, fake_exchange_field (exchange, "client_secret")))
    {
      fake_exchange_reply_member (exchange, 400, "error", "invalid_client");
      return;
    }

  token = fake_provider_issue_token (provider, &lifetime);
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  fake_json_add_string (builder, "access_token", token);
  fake_json_add_string (builder, "token_type", "Bearer");
  fake_json_add_int (builder, "expires_in", lifetime);
  json_builder_end_object (builder);
  fake_exchange_reply_json (exchange, 200, builder);
}

/* resultset.request echoes the call. Its members are those of a client's type declaration;
 * their live values and types are UNVERIFIED. */
static void
add_request_echo (JsonBuilder  *builder,
                  FakeExchange *exchange)
{
  g_autofree char *url = g_strconcat (fake_provider_get_url (exchange->provider), exchange->request->path, NULL);
  const char *text = fake_exchange_field (exchange, "text");

  json_builder_set_member_name (builder, "request");
  json_builder_begin_object (builder);
  fake_json_add_string (builder, "url", url);
  fake_json_add_string (builder, "text", text != NULL ? text : "");
  fake_json_add_int (builder, "split", 0);
  fake_json_add_int (builder, "history", 0);
  fake_json_add_string (builder, "xml", NULL);
  fake_json_add_string (builder, "term_id", "");
  fake_json_add_string (builder, "bilingual_id", "");
  fake_json_add_int (builder, "log_use", 0);
  fake_json_add_int (builder, "editor_use", 0);
  fake_json_add_string (builder, "data", NULL);
  json_builder_end_object (builder);
}

static void
add_empty_array (JsonBuilder *builder,
                 const char  *name)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
}

/* result.information in the shape of the clients' type declarations (apis.md), for one
 * sentence in one split; the exact live JSON is UNVERIFIED. */
static void
add_information (JsonBuilder *builder,
                 const char  *source,
                 const char  *target)
{
  json_builder_set_member_name (builder, "information");
  json_builder_begin_object (builder);
  fake_json_add_string (builder, "text-s", source);
  fake_json_add_string (builder, "text-t", target);
  json_builder_set_member_name (builder, "sentence");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  fake_json_add_string (builder, "text-s", source);
  fake_json_add_string (builder, "text-t", target);
  json_builder_set_member_name (builder, "split");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  fake_json_add_string (builder, "text-s", source);
  fake_json_add_string (builder, "text-t", target);
  json_builder_set_member_name (builder, "process");
  json_builder_begin_object (builder);
  add_empty_array (builder, "regex");
  add_empty_array (builder, "replace-before");
  json_builder_set_member_name (builder, "translate");
  json_builder_begin_object (builder);
  fake_json_add_string (builder, "text-s", source);
  fake_json_add_string (builder, "text-t", target);
  add_empty_array (builder, "reverse");
  add_empty_array (builder, "associate");
  add_empty_array (builder, "oov");
  fake_json_add_string (builder, "exception", "");
  json_builder_end_object (builder);
  add_empty_array (builder, "replace-after");
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

/* @translation NULL: an error, without a result. */
static void
reply_resultset (FakeExchange *exchange,
                 guint         status,
                 int           code,
                 const char   *message,
                 const char   *translation)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "resultset");
  json_builder_begin_object (builder);
  fake_json_add_int (builder, "code", code);
  fake_json_add_string (builder, "message", message);
  add_request_echo (builder, exchange);
  if (translation != NULL)
    {
      json_builder_set_member_name (builder, "result");
      json_builder_begin_object (builder);
      fake_json_add_string (builder, "text", translation);
      fake_json_add_int (builder, "blank", 0);
      add_information (builder, fake_exchange_field (exchange, "text"), translation);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  fake_exchange_reply_json (exchange, status, builder);
}

static void
reply_code (FakeExchange *exchange,
            int           code,
            const char   *message)
{
  reply_resultset (exchange, 200, code, message, NULL);
}

/* "/api/mt/generalNT_ja_en/" → "mt", "generalNT_ja_en"; FALSE for anything else under /api/. */
static gboolean
split_path_form (const char  *path,
                 char       **api_name,
                 char       **api_param)
{
  g_auto(GStrv) parts = g_strsplit (path + strlen ("/api/"), "/", -1);

  if (g_strv_length (parts) != 3 || *parts[0] == '\0' || *parts[1] == '\0' || *parts[2] != '\0')
    return FALSE;
  *api_name = g_strdup (parts[0]);
  *api_param = g_strdup (parts[1]);
  return TRUE;
}

static void
answer_api (FakeExchange *exchange)
{
  FakeProvider *provider = exchange->provider;
  const char *path = exchange->request->path;
  const char *text = fake_exchange_field (exchange, "text");
  g_autofree char *api_name = NULL;
  g_autofree char *api_param = NULL;
  g_auto(GStrv) param = NULL;
  g_autofree char *translation = NULL;

  switch (exchange->behaviour)
    {
    case FAKE_BEHAVIOUR_WRONG_KEY:
      reply_code (exchange, CODE_KEY_ERROR, "API key error");
      return;
    case FAKE_BEHAVIOUR_QUOTA:
      reply_code (exchange, CODE_VOLUME_EXCEEDED, "monthly volume exceeded");
      return;
    /* TexTra's bodies with an HTTP error status are UNVERIFIED: the KI spec says processing
     * codes come with 200. The fake keeps the resultset shape with the system error code, so
     * that an adapter must look at the HTTP status first, as apis.md advises. */
    case FAKE_BEHAVIOUR_UNAVAILABLE:
      reply_resultset (exchange, 503, CODE_SYSTEM_ERROR, "service unavailable", NULL);
      return;
    case FAKE_BEHAVIOUR_RATE_LIMITED:
      reply_resultset (exchange, 429, CODE_SYSTEM_ERROR, "too many requests", NULL);
      return;
    case FAKE_BEHAVIOUR_SERVER_ERROR:
      reply_resultset (exchange, 500, CODE_SYSTEM_ERROR, "system error", NULL);
      return;
    default:
      break;
    }

  if (!fake_exchange_has_form_body (exchange))
    {
      reply_code (exchange, CODE_PARAMETER_ERROR, "request parameter error");
      return;
    }
  if (g_str_equal (path, "/api/"))
    {
      api_name = g_strdup (fake_exchange_field (exchange, "api_name"));
      api_param = g_strdup (fake_exchange_field (exchange, "api_param"));
    }
  else if (!split_path_form (path, &api_name, &api_param))
    {
      reply_code (exchange, CODE_ACCESS_URL_ERROR, "access URL error");
      return;
    }

  if (fake_exchange_field (exchange, "access_token") == NULL)
    {
      reply_code (exchange, CODE_OAUTH_HEADER_ERROR, "OAuth header error");
      return;
    }
  if (!fake_provider_token_is_valid (provider, fake_exchange_field (exchange, "access_token")))
    {
      reply_code (exchange, CODE_OAUTH_ERROR, "");
      return;
    }
  if (!fake_provider_key_matches (provider, fake_exchange_field (exchange, "key")))
    {
      reply_code (exchange, CODE_KEY_ERROR, "API key error");
      return;
    }
  if (!fake_provider_name_matches (provider, fake_exchange_field (exchange, "name")))
    {
      reply_code (exchange, CODE_NAME_ERROR, "name error");
      return;
    }
  if (g_strcmp0 (api_name, "mt") != 0 || api_param == NULL)
    {
      reply_code (exchange, CODE_ACCESS_URL_ERROR, "access URL error");
      return;
    }
  /* The live service answers XML when type is not json; the fake refuses instead, so that an
   * adapter that forgets type=json fails its tests rather than its first live call. */
  if (g_strcmp0 (fake_exchange_field (exchange, "type"), "json") != 0 || text == NULL)
    {
      reply_code (exchange, CODE_PARAMETER_ERROR, "request parameter error");
      return;
    }

  param = g_strsplit (api_param, "_", -1);
  if (g_strv_length (param) != 3 || !g_strv_contains (engines, param[0]) ||
      exchange->behaviour == FAKE_BEHAVIOUR_UNKNOWN_PAIR ||
      !fake_provider_serves_pair (provider, param[1], param[2]))
    {
      g_autofree char *message = g_strdup_printf ("permission error: %s is not available", api_param);

      reply_code (exchange, CODE_PERMISSION_ERROR, message);
      return;
    }

  translation = exchange->behaviour == FAKE_BEHAVIOUR_EMPTY
                  ? g_strdup ("")
                  : fake_provider_translate (provider, param[1], param[2], text);
  reply_resultset (exchange, 200, CODE_OK, "", translation);
}

static void
answer (FakeExchange *exchange)
{
  if (g_str_equal (exchange->request->path, TOKEN_PATH))
    answer_token (exchange);
  else
    answer_api (exchange);
}

const FakeServiceClass fake_textra_class = {
  .routes = routes,
  .html_status = 200,
  .huge_prefix = "{\"resultset\":{\"code\":0,\"message\":\"\",\"result\":{\"text\":\"",
  .keyless = FALSE,
  .default_pairs = NULL,
  .takes = takes,
  .answer = answer,
};

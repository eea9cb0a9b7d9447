/* test-provider-http.c: how the gateway reads providers' answers and words its errors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No network here: the answers are built in memory, including what the fakes of the adapter
 * tests never send, such as a service quoting the gateway's own key back.
 */
#include <string.h>

#include "mado-gateway-error.h"
#include "mado-provider-http.h"

#define KEY "dl-0f3e9a77c1b2:fx"

static MadoProviderHttp *
new_http (void)
{
  MadoProviderHttpOptions options;
  MadoProviderHttp *http;

  mado_provider_http_options_init (&options);
  http = mado_provider_http_new ("deepl", "https://api-free.deepl.com", &options);
  mado_provider_http_add_secret (http, KEY);
  /* Too short to be a secret worth blanking ordinary words for. */
  mado_provider_http_add_secret (http, "ab");
  return http;
}

static MadoProviderReply *
new_reply (guint       status,
           const char *content_type,
           const char *body,
           const char *retry_after)
{
  MadoProviderReply *reply = g_new0 (MadoProviderReply, 1);

  reply->status = status;
  reply->headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  if (content_type != NULL)
    soup_message_headers_replace (reply->headers, "Content-Type", content_type);
  if (retry_after != NULL)
    soup_message_headers_replace (reply->headers, "Retry-After", retry_after);
  reply->body = g_bytes_new (body, strlen (body));
  return reply;
}

static void
test_scrub (void)
{
  g_autoptr(MadoProviderHttp) http = new_http ();
  g_autofree char *echoed = mado_provider_http_scrub (http, "Invalid key " KEY " (key " KEY ")");
  g_autofree char *controls = mado_provider_http_scrub (http, "line one\nline\ttwo\x1b[31m");
  g_autofree char *long_text = g_strnfill (500, 'x');
  g_autofree char *cut = mado_provider_http_scrub (http, long_text);
  g_autofree char *broken = mado_provider_http_scrub (http, "ok \xff\xfe rest");
  g_autofree char *ordinary = mado_provider_http_scrub (http, "about a table");

  g_assert_cmpstr (echoed, ==, "Invalid key [secret] (key [secret])");
  g_assert_cmpstr (controls, ==, "line one line two [31m");
  g_assert_cmpint (g_utf8_strlen (cut, -1), ==, 201);
  g_assert_true (g_str_has_suffix (cut, "…"));
  g_assert_cmpstr (broken, ==, "ok");
  g_assert_cmpstr (ordinary, ==, "about a table");
}

static void
test_errors_name_provider_without_secret (void)
{
  g_autoptr(MadoProviderHttp) http = new_http ();
  g_autoptr(MadoProviderReply) reply = new_reply (403, "application/json",
                                                  "{\"message\":\"Wrong key " KEY "\"}", NULL);
  g_autoptr(GError) error = mado_provider_http_status_error (http, reply, "Wrong key " KEY);

  g_assert_error (error, MADO_GATEWAY_ERROR, MADO_GATEWAY_ERROR_PROVIDER_AUTH_FAILED);
  g_assert_nonnull (strstr (error->message, "“deepl”"));
  g_assert_nonnull (strstr (error->message, "HTTP 403"));
  g_assert_nonnull (strstr (error->message, "[secret]"));
  g_assert_null (strstr (error->message, KEY));
}

static void
test_status_mapping (void)
{
  static const struct {
    guint       status;
    const char *retry_after;
    int         code;
    guint       expected_retry_after;
  } cases[] = {
    { 401, NULL, MADO_GATEWAY_ERROR_PROVIDER_AUTH_FAILED, 0 },
    { 456, NULL, MADO_GATEWAY_ERROR_PROVIDER_QUOTA_EXCEEDED, 0 },
    { 402, NULL, MADO_GATEWAY_ERROR_PROVIDER_QUOTA_EXCEEDED, 0 },
    { 429, "30", MADO_GATEWAY_ERROR_PROVIDER_UNAVAILABLE, 30 },
    { 503, NULL, MADO_GATEWAY_ERROR_PROVIDER_UNAVAILABLE, 0 },
    { 503, "Wed, 21 Oct 2015 07:28:00 GMT", MADO_GATEWAY_ERROR_PROVIDER_UNAVAILABLE, 0 },
    { 400, NULL, MADO_GATEWAY_ERROR_PROVIDER_ERROR, 0 },
    { 404, "5", MADO_GATEWAY_ERROR_PROVIDER_ERROR, 0 },
  };
  g_autoptr(MadoProviderHttp) http = new_http ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MadoProviderReply) reply = new_reply (cases[i].status, "application/json", "{}",
                                                      cases[i].retry_after);
      g_autoptr(GError) error = mado_provider_http_status_error (http, reply, NULL);

      g_assert_error (error, MADO_GATEWAY_ERROR, cases[i].code);
      /* A date in the past means "now": no wait to pass on. */
      g_assert_cmpuint (mado_gateway_error_get_retry_after (error), ==, cases[i].expected_retry_after);
    }
}

static void
test_parse_json (void)
{
  g_autoptr(MadoProviderHttp) http = new_http ();
  g_autoptr(MadoProviderReply) empty = new_reply (200, "application/json", "", NULL);
  g_autoptr(MadoProviderReply) portal = new_reply (200, "text/html; charset=utf-8", "{\"not\":\"read\"}", NULL);
  g_autoptr(MadoProviderReply) untyped_page = new_reply (200, NULL, "  <!DOCTYPE html><p>Login</p>", NULL);
  g_autoptr(MadoProviderReply) garbage = new_reply (200, "application/json", "{\"text\": \"cut off", NULL);
  g_autoptr(MadoProviderReply) good = new_reply (200, "application/json", "{\"text\":\"Hallo\"}", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_assert_null (mado_provider_http_parse_json (http, empty, &error));
  g_assert_error (error, MADO_GATEWAY_ERROR, MADO_GATEWAY_ERROR_PROVIDER_BAD_RESPONSE);
  g_assert_nonnull (strstr (error->message, "empty"));
  g_clear_error (&error);

  g_assert_null (mado_provider_http_parse_json (http, portal, &error));
  g_assert_error (error, MADO_GATEWAY_ERROR, MADO_GATEWAY_ERROR_PROVIDER_BAD_RESPONSE);
  g_assert_nonnull (strstr (error->message, "web page"));
  g_clear_error (&error);

  g_assert_null (mado_provider_http_parse_json (http, untyped_page, &error));
  g_assert_nonnull (strstr (error->message, "web page"));
  g_clear_error (&error);

  g_assert_null (mado_provider_http_parse_json (http, garbage, &error));
  g_assert_error (error, MADO_GATEWAY_ERROR, MADO_GATEWAY_ERROR_PROVIDER_BAD_RESPONSE);
  g_assert_nonnull (strstr (error->message, "not JSON"));
  g_clear_error (&error);

  root = mado_provider_http_parse_json (http, good, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "text"), ==, "Hallo");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/provider-http/scrub", test_scrub);
  g_test_add_func ("/provider-http/errors-without-secret", test_errors_name_provider_without_secret);
  g_test_add_func ("/provider-http/status-mapping", test_status_mapping);
  g_test_add_func ("/provider-http/parse-json", test_parse_json);

  return g_test_run ();
}

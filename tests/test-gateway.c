/* test-gateway.c: the real madoguchi-gateway over HTTP on 127.0.0.1: health, capabilities,
 * authentication, headers, routes and configuration
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every test starts the gateway as its own process on a free port, with a configuration and a
 * phrase database of a few phrases in a temporary folder (mado-gateway-test-utils.h), and stops
 * it afterwards with SIGTERM, checking that it exits cleanly.
 */
#include "mado-gateway-test-utils.h"

#include <string.h>

/* Short names for the fixture's token and the API's audio media type. */
#define TOKEN GATEWAY_TEST_TOKEN

static void
test_health (GatewayFixture *fixture,
             gconstpointer   data)
{
  g_autoptr(GatewayResponse) response = gateway_request (&fixture->gateway, "GET", "/v1/health",
                                                         NULL, NULL, NULL);
  JsonObject *object;

  g_assert_cmpuint (response->status, ==, 200);
  object = gateway_response_object (response);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "ok");
  g_assert_cmpstr (json_object_get_string_member (object, "version"), ==, PACKAGE_VERSION);
}

static JsonObject *
find_entry (JsonArray  *entries,
            const char *first_key,
            const char *first_value,
            const char *second_key,
            const char *second_value)
{
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);

      if (g_strcmp0 (json_object_get_string_member (entry, first_key), first_value) == 0 &&
          (second_key == NULL ||
           g_strcmp0 (json_object_get_string_member (entry, second_key), second_value) == 0))
        return entry;
    }
  return NULL;
}

static void
assert_providers (JsonObject *entry,
                  const char *expected)
{
  JsonArray *providers;

  g_assert_nonnull (entry);
  providers = json_object_get_array_member (entry, "providers");
  g_assert_cmpuint (json_array_get_length (providers), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (providers, 0), ==, expected);
}

static void
test_capabilities (GatewayFixture *fixture,
                   gconstpointer   data)
{
  g_autoptr(GatewayResponse) response = gateway_request (&fixture->gateway, "GET", "/v1/capabilities",
                                                         TOKEN, NULL, NULL);
  JsonObject *object, *limits, *recognize_en;
  JsonArray *translate, *synthesize, *recognize;

  g_assert_cmpuint (response->status, ==, 200);
  object = gateway_response_object (response);
  g_assert_cmpint (json_object_get_int_member (object, "api_version"), ==, 1);

  limits = json_object_get_object_member (object, "limits");
  g_assert_cmpint (json_object_get_int_member (limits, "max_text_chars"), ==, 2000);
  g_assert_cmpint (json_object_get_int_member (limits, "max_audio_seconds"), ==, 30);
  g_assert_cmpint (json_object_get_int_member (limits, "max_json_bytes"), ==, 65536);

  /* Phrase memory translates exactly the pairs some phrase has both texts of. */
  translate = json_object_get_array_member (object, "translate");
  assert_providers (find_entry (translate, "source", "ja", "target", "vi"), "phrase-memory");
  assert_providers (find_entry (translate, "source", "vi", "target", "en"), "phrase-memory");
  assert_providers (find_entry (translate, "source", "ja", "target", "ko"), "phrase-memory");
  assert_providers (find_entry (translate, "source", "ja-x-easy", "target", "en"), "phrase-memory");
  g_assert_null (find_entry (translate, "source", "ja", "target", "th"));
  g_assert_null (find_entry (translate, "source", "ko", "target", "vi"));
  g_assert_null (find_entry (translate, "source", "ja", "target", "ja"));
  /* 4 languages in phrase 001, 3 in 002 and 003, 3 in 004: ja, ja-x-easy, en and vi pair with
   * each other (12 ordered pairs), and ja and en each with ko (4 more). */
  g_assert_cmpuint (json_array_get_length (translate), ==, 16);

  synthesize = json_object_get_array_member (object, "synthesize");
  assert_providers (find_entry (synthesize, "language", "en", NULL, NULL), "espeak-ng");
  assert_providers (find_entry (synthesize, "language", "vi", NULL, NULL), "espeak-ng");
  assert_providers (find_entry (synthesize, "language", "ja", NULL, NULL), "open-jtalk");
  /* Debian 12 has no Filipino voice. */
  g_assert_null (find_entry (synthesize, "language", "fil", NULL, NULL));

  recognize = json_object_get_array_member (object, "recognize");
  g_assert_cmpuint (json_array_get_length (recognize), ==, 1);
  recognize_en = find_entry (recognize, "language", "en", NULL, NULL);
  assert_providers (recognize_en, "pocketsphinx");
  g_assert_true (json_object_get_boolean_member (recognize_en, "constrained"));
}

static void
test_auth (GatewayFixture *fixture,
           gconstpointer   data)
{
  g_autoptr(GatewayResponse) missing = gateway_request (&fixture->gateway, "GET", "/v1/capabilities",
                                                        NULL, NULL, NULL);
  g_autoptr(GatewayResponse) wrong = gateway_request (&fixture->gateway, "GET", "/v1/capabilities",
                                                      "madoguchi-test-token-7f3a9c22", NULL, NULL);
  g_autoptr(GatewayResponse) prefix = gateway_request (&fixture->gateway, "GET", "/v1/capabilities",
                                                       "madoguchi-test-token", NULL, NULL);
  g_autoptr(GatewayResponse) longer = gateway_request (&fixture->gateway, "GET", "/v1/capabilities",
                                                       TOKEN "0", NULL, NULL);
  g_autoptr(GatewayResponse) right = gateway_request (&fixture->gateway, "GET", "/v1/capabilities",
                                                      TOKEN, NULL, NULL);
  g_autoptr(GatewayResponse) translation = gateway_translate (fixture, "少々お待ちください", "ja", "ko", FALSE);
  g_autoptr(GatewayResponse) health = gateway_request (&fixture->gateway, "GET", "/v1/health",
                                                       NULL, NULL, NULL);
  g_autoptr(GatewayResponse) unauthorized_translation = NULL;

  gateway_assert_error (missing, 401, "unauthorized");
  g_assert_cmpstr (soup_message_headers_get_one (missing->headers, "WWW-Authenticate"), ==, "Bearer");
  gateway_assert_error (wrong, 401, "unauthorized");
  gateway_assert_error (prefix, 401, "unauthorized");
  gateway_assert_error (longer, 401, "unauthorized");
  g_assert_cmpuint (right->status, ==, 200);
  g_assert_cmpuint (translation->status, ==, 200);
  g_assert_cmpuint (health->status, ==, 200);

  unauthorized_translation = gateway_post_json (&fixture->gateway, "/v1/translate", NULL,
                                                "{\"text\":\"少々お待ちください\",\"source\":\"ja\",\"target\":\"ko\"}");
  gateway_assert_error (unauthorized_translation, 401, "unauthorized");
}

static void
test_headers (GatewayFixture *fixture,
              gconstpointer   data)
{
  g_autoptr(SoupSession) session = gateway_session_new ();
  g_autofree char *url = g_strconcat (fixture->gateway.url, "v1/translate", NULL);
  g_autoptr(SoupMessage) message = soup_message_new ("POST", url);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) request_body = NULL;
  g_autoptr(GatewayResponse) first = gateway_request (&fixture->gateway, "GET", "/v1/health", NULL, NULL, NULL);
  g_autoptr(GatewayResponse) second = gateway_request (&fixture->gateway, "GET", "/v1/health", NULL, NULL, NULL);
  g_autoptr(GatewayResponse) missing = gateway_request (&fixture->gateway, "GET", "/v1/nothing", NULL, NULL, NULL);
  g_autoptr(GError) error = NULL;
  const char *json = "{\"text\":\"I need a taxi\",\"source\":\"en\",\"target\":\"ja\"}";
  SoupMessageHeaders *request_headers = soup_message_get_request_headers (message);
  SoupMessageHeaders *headers;
  const char *timing;

  /* A fresh id for each request that brings none, on errors too. */
  g_assert_nonnull (soup_message_headers_get_one (first->headers, "X-Request-Id"));
  g_assert_nonnull (soup_message_headers_get_one (missing->headers, "X-Request-Id"));
  g_assert_cmpstr (soup_message_headers_get_one (first->headers, "X-Request-Id"), !=,
                   soup_message_headers_get_one (second->headers, "X-Request-Id"));
  g_assert_true (g_str_has_prefix (soup_message_headers_get_one (first->headers, "Server-Timing"), "gateway;dur="));
  g_assert_true (g_str_has_prefix (soup_message_headers_get_one (missing->headers, "Server-Timing"), "gateway;dur="));
  /* No provider served health. */
  g_assert_null (strstr (soup_message_headers_get_one (first->headers, "Server-Timing"), "provider"));

  soup_message_headers_replace (request_headers, "Authorization", "Bearer " TOKEN);
  soup_message_headers_replace (request_headers, "X-Request-Id", "counter-3-turn-17");
  request_body = g_bytes_new_static (json, strlen (json));
  soup_message_set_request_body_from_bytes (message, "application/json", request_body);
  body = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, 200);

  headers = soup_message_get_response_headers (message);
  g_assert_cmpstr (soup_message_headers_get_one (headers, "X-Request-Id"), ==, "counter-3-turn-17");
  timing = soup_message_headers_get_one (headers, "Server-Timing");
  g_assert_true (g_str_has_prefix (timing, "gateway;dur="));
  g_assert_nonnull (strstr (timing, ", provider;dur="));
}

/* The [route] group: a pair or a capability switched off, and two phrase memories tried in
 * order, the strict one first. */
#define ROUTE_CONFIG \
  "[provider strict-memory]\n" \
  "type = phrase-memory\n" \
  "fuzzy-threshold = 0.99\n" \
  "[route]\n" \
  "translate.ja.vi =\n" \
  "translate.vi.ja = strict-memory, phrase-memory\n" \
  "recognize =\n"

static void
test_routes (GatewayFixture *fixture,
             gconstpointer   data)
{
  g_autoptr(GatewayResponse) capabilities = gateway_request (&fixture->gateway, "GET", "/v1/capabilities",
                                                             TOKEN, NULL, NULL);
  g_autoptr(GatewayResponse) switched_off = gateway_translate (fixture, "お手洗いはどこですか", "ja", "vi", TRUE);
  g_autoptr(GatewayResponse) other_pair = gateway_translate (fixture, "お手洗いはどこですか", "ja", "en", TRUE);
  g_autoptr(GatewayResponse) exact = gateway_translate (fixture, "Nhà vệ sinh ở đâu", "vi", "ja", TRUE);
  g_autoptr(GatewayResponse) fallback = gateway_translate (fixture, "Nhà vệ sinh ở đâu vậy?", "vi", "ja", TRUE);
  g_autoptr(GBytes) audio = g_bytes_new_take (g_malloc0 (3200), 3200);
  g_autoptr(GatewayResponse) recognition = gateway_request (&fixture->gateway, "POST", "/v1/recognize?language=en",
                                                            TOKEN, GATEWAY_TEST_PCM, audio);
  JsonObject *object;

  g_assert_cmpuint (capabilities->status, ==, 200);
  object = gateway_response_object (capabilities);
  g_assert_null (find_entry (json_object_get_array_member (object, "translate"), "source", "ja", "target", "vi"));
  assert_providers (find_entry (json_object_get_array_member (object, "translate"), "source", "ja", "target", "en"),
                    "phrase-memory");
  /* Both providers of vi → ja report the same engine, listed once. */
  assert_providers (find_entry (json_object_get_array_member (object, "translate"), "source", "vi", "target", "ja"),
                    "phrase-memory");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "recognize")), ==, 0);

  gateway_assert_error (switched_off, 422, "unsupported_language");
  gateway_assert_translation (other_pair, "Where is the toilet?", "お手洗いはどこですか。", "test.counter.002", 1.0);
  gateway_assert_translation (exact, "お手洗いはどこですか。", "Nhà vệ sinh ở đâu?", "test.counter.002", 1.0);
  /* 11 distinct bigrams shared of 11 and 14: Dice 22/25, below the strict memory's 0.99, so
   * the answer comes from the second provider of the route. */
  gateway_assert_translation (fallback, "お手洗いはどこですか。", "Nhà vệ sinh ở đâu?", "test.counter.002", 22.0 / 25.0);
  gateway_assert_error (recognition, 422, "unsupported_language");
}

static void
test_config_refusals (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("madoguchi-gateway-XXXXXX", &error);
  g_autofree char *token_in_config =
    gateway_test_write_file (dir, "token.conf", "[gateway]\ntoken = secret-in-the-open\n");
  g_autofree char *misspelt =
    gateway_test_write_file (dir, "misspelt.conf", "[provider phrase-memory]\nfuzzy-treshold = 0.9\n");
  g_autofree char *unknown_route =
    gateway_test_write_file (dir, "route.conf", "[route]\ntranslate.ja.vi = textra\n");
  g_autofree char *bad_threshold =
    gateway_test_write_file (dir, "threshold.conf", "[provider phrase-memory]\nfuzzy-threshold = 2\n");
  g_autofree char *message = NULL;

  g_assert_no_error (error);

  /* Reachable from other machines without a token: refused before listening. */
  g_assert_cmpint (gateway_run_to_exit (&message, "--listen", "0.0.0.0:0", NULL), ==, 1);
  g_assert_nonnull (strstr (message, "without a token"));
  g_clear_pointer (&message, g_free);

  g_assert_cmpint (gateway_run_to_exit (&message, "--listen", "127.0.0.1:0", "--token-env",
                                        "MADOGUCHI_TEST_UNSET_VARIABLE", NULL), ==, 1);
  g_assert_nonnull (strstr (message, "MADOGUCHI_TEST_UNSET_VARIABLE"));
  g_clear_pointer (&message, g_free);

  g_assert_cmpint (gateway_run_to_exit (&message, "--config", token_in_config, NULL), ==, 1);
  g_assert_nonnull (strstr (message, "token-file"));
  /* The refusal must not repeat the secret. */
  g_assert_null (strstr (message, "secret-in-the-open"));
  g_clear_pointer (&message, g_free);

  g_assert_cmpint (gateway_run_to_exit (&message, "--config", misspelt, NULL), ==, 1);
  g_assert_nonnull (strstr (message, "fuzzy-treshold"));
  g_clear_pointer (&message, g_free);

  g_assert_cmpint (gateway_run_to_exit (&message, "--config", unknown_route, NULL), ==, 1);
  g_assert_nonnull (strstr (message, "textra"));
  g_clear_pointer (&message, g_free);

  g_assert_cmpint (gateway_run_to_exit (&message, "--config", bad_threshold, NULL), ==, 1);
  g_assert_nonnull (strstr (message, "fuzzy-threshold"));
  g_clear_pointer (&message, g_free);

  g_assert_cmpint (gateway_run_to_exit (&message, "--listen", "example.org:80", NULL), ==, 1);
  g_assert_nonnull (strstr (message, "example.org:80"));

  gateway_test_remove_tree (dir);
}

/* The token from an environment variable, which the gateway then drops from its environment. */
static void
test_token_env (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("madoguchi-gateway-XXXXXX", &error);
  g_autofree char *database = g_build_filename (dir, "phrases.db", NULL);
  GatewayProcess gateway = { 0 };
  g_autoptr(GatewayResponse) missing = NULL;
  g_autoptr(GatewayResponse) right = NULL;

  g_assert_no_error (error);
  gateway_test_seed_database (database);
  gateway_process_start_with_variable (&gateway, "MADOGUCHI_TEST_GATEWAY_TOKEN", "token-from-the-environment",
                                       "--listen", "127.0.0.1:0", "--database", database,
                                       "--token-env", "MADOGUCHI_TEST_GATEWAY_TOKEN", NULL);

  missing = gateway_request (&gateway, "GET", "/v1/capabilities", NULL, NULL, NULL);
  right = gateway_request (&gateway, "GET", "/v1/capabilities", "token-from-the-environment", NULL, NULL);
  gateway_assert_error (missing, 401, "unauthorized");
  g_assert_cmpuint (right->status, ==, 200);

  g_assert_cmpint (gateway_process_stop (&gateway), ==, 0);
  gateway_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/madoguchi/gateway/" path, GatewayFixture, NULL, gateway_fixture_set_up, func, \
              gateway_fixture_tear_down)

  ADD ("health", test_health);
  ADD ("capabilities", test_capabilities);
  ADD ("auth", test_auth);
  ADD ("headers", test_headers);
  g_test_add ("/madoguchi/gateway/routes", GatewayFixture, ROUTE_CONFIG,
              gateway_fixture_set_up, test_routes, gateway_fixture_tear_down);
  g_test_add_func ("/madoguchi/gateway/config/refusals", test_config_refusals);
  g_test_add_func ("/madoguchi/gateway/config/token-env", test_token_env);

#undef ADD

  return g_test_run ();
}

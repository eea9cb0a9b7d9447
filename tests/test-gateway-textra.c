/* test-gateway-textra.c: the real gateway translates through NICT TexTra, here its loopback fake
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-fake-provider.h"
#include "mado-provider-test-utils.h"

#include <string.h>

#define KEY    "textra-key-5b1f0c9e77"
#define SECRET "textra-secret-a83d27c4"
#define LOGIN  "madoguchi-city"

#define TOKEN_PATH "/oauth2/token.php"
#define API_PATH   "/api/"

typedef struct {
  FakeProvider    *fake;
  ProviderGateway  gateway;
} Fixture;

/* A gateway whose only translation provider is TexTra; @data is more [provider textra] lines. */
static void
set_up (Fixture       *fixture,
        gconstpointer  data)
{
  g_autofree char *key_file = NULL;
  g_autofree char *secret_file = NULL;

  fixture->fake = fake_provider_start (FAKE_SERVICE_TEXTRA);
  fake_provider_set_credentials (fixture->fake, KEY, SECRET, LOGIN);
  provider_gateway_init (&fixture->gateway);
  key_file = provider_gateway_write_secret (&fixture->gateway, "textra.key", KEY);
  secret_file = provider_gateway_write_secret (&fixture->gateway, "textra.secret", SECRET);
  provider_gateway_start (&fixture->gateway,
                          "[provider textra]\n"
                          "type = textra\n"
                          "url = %s\n"
                          "name = " LOGIN "\n"
                          "key-file = %s\n"
                          "secret-file = %s\n"
                          "%s\n"
                          "[route]\n"
                          "translate = textra\n"
                          PROVIDER_TEST_NO_SPEECH,
                          fake_provider_get_url (fixture->fake), key_file, secret_file,
                          data != NULL ? (const char *) data : "");
}

static void
tear_down (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) requests = fake_provider_dup_requests (fixture->fake);

  /* The access tokens are credentials too: the log must not show them either. */
  for (guint i = 0; i < requests->len; i++)
    {
      FakeRequest *request = g_ptr_array_index (requests, i);
      const char *token = g_hash_table_lookup (request->fields, "access_token");

      if (token != NULL && *token != '\0')
        provider_gateway_add_secret (&fixture->gateway, token);
    }

  provider_gateway_finish (&fixture->gateway);
  fake_provider_stop (fixture->fake);
}

static GatewayResponse *
translate (Fixture    *fixture,
           const char *text,
           const char *source,
           const char *target)
{
  return provider_gateway_translate (&fixture->gateway, text, source, target, FALSE);
}

static void
assert_translates (Fixture *fixture)
{
  g_autoptr(GatewayResponse) response = translate (fixture, "こんにちは", "ja", "en");

  provider_assert_translation (response, "en:こんにちは", NULL, "textra");
}

/* The @n-th request (from 0) the fake got on @path. */
static FakeRequest *
nth_request (GPtrArray  *requests,
             const char *path,
             guint       n)
{
  for (guint i = 0; i < requests->len; i++)
    {
      FakeRequest *request = g_ptr_array_index (requests, i);

      if (strcmp (request->path, path) == 0 && n-- == 0)
        return request;
    }
  g_error ("The fake got no request %u on %s", n, path);
}

static const char *
field (FakeRequest *request,
       const char  *name)
{
  return g_hash_table_lookup (request->fields, name);
}

static void
test_wire_format (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GatewayResponse) dialogue = translate (fixture, "こんにちは", "ja", "en");
  g_autoptr(GatewayResponse) general = translate (fixture, "Hello", "en", "zh-Hant");
  g_autoptr(GPtrArray) requests = NULL;
  FakeRequest *token;
  FakeRequest *first;
  FakeRequest *second;

  provider_assert_translation (dialogue, "en:こんにちは", NULL, "textra");
  provider_assert_translation (general, "zh-TW:Hello", NULL, "textra");

  requests = fake_provider_dup_requests (fixture->fake);
  g_assert_cmpuint (requests->len, ==, 3);

  token = nth_request (requests, TOKEN_PATH, 0);
  g_assert_cmpstr (token->method, ==, "POST");
  g_assert_cmpstr (token->content_type, ==, "application/x-www-form-urlencoded");
  g_assert_cmpstr (field (token, "grant_type"), ==, "client_credentials");
  g_assert_cmpstr (field (token, "client_id"), ==, KEY);
  g_assert_cmpstr (field (token, "client_secret"), ==, SECRET);

  first = nth_request (requests, API_PATH, 0);
  second = nth_request (requests, API_PATH, 1);
  for (FakeRequest **request = (FakeRequest *[]) { first, second, NULL }; *request != NULL; request++)
    {
      g_assert_cmpstr ((*request)->method, ==, "POST");
      g_assert_cmpstr ((*request)->content_type, ==, "application/x-www-form-urlencoded");
      g_assert_cmpuint (strlen (field (*request, "access_token")), >, 0);
      g_assert_cmpstr (field (*request, "key"), ==, KEY);
      g_assert_cmpstr (field (*request, "name"), ==, LOGIN);
      g_assert_cmpstr (field (*request, "api_name"), ==, "mt");
      g_assert_cmpstr (field (*request, "type"), ==, "json");
      /* The secret buys the token and goes nowhere else. */
      g_assert_null (field (*request, "client_secret"));
      g_assert_null (g_strstr_len (g_bytes_get_data ((*request)->body, NULL), g_bytes_get_size ((*request)->body),
                                   SECRET));
    }
  g_assert_cmpstr (field (first, "access_token"), ==, field (second, "access_token"));
  /* engine.ja.en picks the dialogue engine for that pair; others get the default engine, and
   * Traditional Chinese is zh-TW in TexTra's codes. */
  g_assert_cmpstr (field (first, "api_param"), ==, "voicetraNT_ja_en");
  g_assert_cmpstr (field (first, "text"), ==, "こんにちは");
  g_assert_cmpstr (field (second, "api_param"), ==, "generalNT_en_zh-TW");
  g_assert_cmpstr (field (second, "text"), ==, "Hello");
}

static void
test_back_translation (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GatewayResponse) response = provider_gateway_translate (&fixture->gateway, "こんにちは",
                                                                    "ja", "vi", TRUE);
  g_autoptr(GPtrArray) requests = NULL;

  provider_assert_translation (response, "vi:こんにちは", "ja:vi:こんにちは", "textra");

  requests = fake_provider_dup_requests (fixture->fake);
  g_assert_cmpstr (field (nth_request (requests, API_PATH, 0), "api_param"), ==, "generalNT_ja_vi");
  g_assert_cmpstr (field (nth_request (requests, API_PATH, 1), "api_param"), ==, "generalNT_vi_ja");
  g_assert_cmpstr (field (nth_request (requests, API_PATH, 1), "text"), ==, "vi:こんにちは");
}

static gpointer
translate_in_thread (gpointer user_data)
{
  g_autoptr(GatewayResponse) response = translate (user_data, "こんにちは", "ja", "en");

  provider_assert_translation (response, "en:こんにちは", NULL, "textra");
  return NULL;
}

static void
test_token_shared (Fixture       *fixture,
                   gconstpointer  data)
{
  GThread *threads[6];

  /* Requests that arrive while the token request is on its way wait for that one. */
  fake_provider_set_delay (fixture->fake, 300);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("translation", translate_in_thread, fixture);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);

  g_assert_cmpuint (fake_provider_count_requests (fixture->fake, TOKEN_PATH), ==, 1);
  g_assert_cmpuint (fake_provider_count_requests (fixture->fake, API_PATH), ==, G_N_ELEMENTS (threads));

  /* And it is kept for the ones after. */
  fake_provider_set_delay (fixture->fake, 0);
  for (guint i = 0; i < 3; i++)
    assert_translates (fixture);
  g_assert_cmpuint (fake_provider_count_requests (fixture->fake, TOKEN_PATH), ==, 1);
  g_assert_cmpuint (fake_provider_count_requests (fixture->fake, API_PATH), ==, G_N_ELEMENTS (threads) + 3);
}

static void
test_token_renewed (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) requests = NULL;
  const char *old_token;
  const char *new_token;

  /* A two-second token is renewed after one second, before the fake stops accepting it. */
  fake_provider_set_token_lifetime (fixture->fake, 2);
  assert_translates (fixture);
  assert_translates (fixture);
  g_assert_cmpuint (fake_provider_count_requests (fixture->fake, TOKEN_PATH), ==, 1);

  g_usleep (1300 * G_TIME_SPAN_MILLISECOND);
  assert_translates (fixture);

  requests = fake_provider_dup_requests (fixture->fake);
  g_assert_cmpuint (fake_provider_count_requests (fixture->fake, TOKEN_PATH), ==, 2);
  /* Three translations, three calls: none was refused for an expired token and sent again. */
  g_assert_cmpuint (fake_provider_count_requests (fixture->fake, API_PATH), ==, 3);
  old_token = field (nth_request (requests, API_PATH, 1), "access_token");
  new_token = field (nth_request (requests, API_PATH, 2), "access_token");
  g_assert_cmpstr (old_token, !=, new_token);
}

static void
test_token_expired (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) requests = NULL;

  assert_translates (fixture);

  /* The service forgets the token early: code 510, a new token, the same call again. */
  fake_provider_set_behaviour (fixture->fake, FAKE_BEHAVIOUR_EXPIRED_TOKEN, 1);
  assert_translates (fixture);

  requests = fake_provider_dup_requests (fixture->fake);
  g_assert_cmpuint (fake_provider_count_requests (fixture->fake, TOKEN_PATH), ==, 2);
  g_assert_cmpuint (fake_provider_count_requests (fixture->fake, API_PATH), ==, 3);
  g_assert_cmpstr (field (nth_request (requests, API_PATH, 1), "access_token"), ==,
                   field (nth_request (requests, API_PATH, 0), "access_token"));
  g_assert_cmpstr (field (nth_request (requests, API_PATH, 2), "access_token"), !=,
                   field (nth_request (requests, API_PATH, 1), "access_token"));

  assert_translates (fixture);
  g_assert_cmpuint (fake_provider_count_requests (fixture->fake, TOKEN_PATH), ==, 2);
}

/* The fake misbehaves once: the client gets @code, and the next request is translated. */
static void
assert_fault (Fixture       *fixture,
              FakeBehaviour  behaviour,
              const char    *code)
{
  g_autoptr(GatewayResponse) response = NULL;

  fake_provider_set_behaviour (fixture->fake, behaviour, 1);
  response = translate (fixture, "こんにちは", "ja", "en");
  provider_gateway_assert_error (&fixture->gateway, response, code);
  assert_translates (fixture);
}

static void
test_wrong_key (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GatewayResponse) response = NULL;

  /* Refused by the token endpoint ({"error":"invalid_client"}) … */
  assert_fault (fixture, FAKE_BEHAVIOUR_WRONG_KEY, "provider_auth_failed");
  g_assert_cmpuint (fake_provider_count_requests (fixture->fake, TOKEN_PATH), ==, 2);

  /* … and by the API with a token in hand (code 500). */
  assert_fault (fixture, FAKE_BEHAVIOUR_WRONG_KEY, "provider_auth_failed");
  g_assert_cmpuint (fake_provider_count_requests (fixture->fake, TOKEN_PATH), ==, 2);

  /* A login name the service does not know (code 501). */
  fake_provider_set_credentials (fixture->fake, KEY, SECRET, "someone-else");
  response = translate (fixture, "こんにちは", "ja", "en");
  provider_gateway_assert_error (&fixture->gateway, response, "provider_auth_failed");
  g_assert_nonnull (strstr (provider_error_message (response), "name"));
}

static void
test_quota (Fixture       *fixture,
            gconstpointer  data)
{
  assert_fault (fixture, FAKE_BEHAVIOUR_QUOTA, "provider_quota_exceeded");
}

static void
test_unknown_pair (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GatewayResponse) response = NULL;

  assert_fault (fixture, FAKE_BEHAVIOUR_UNKNOWN_PAIR, "unsupported_language");

  /* The service's own words (code 530) reach the message. */
  fake_provider_set_behaviour (fixture->fake, FAKE_BEHAVIOUR_UNKNOWN_PAIR, 1);
  response = translate (fixture, "こんにちは", "ja", "en");
  provider_gateway_assert_error (&fixture->gateway, response, "unsupported_language");
  g_assert_nonnull (strstr (provider_error_message (response), "generalNT_ja_en is not available"));
}

static void
test_bad_answers (Fixture       *fixture,
                  gconstpointer  data)
{
  double start;

  assert_fault (fixture, FAKE_BEHAVIOUR_HTML, "provider_bad_response");
  assert_fault (fixture, FAKE_BEHAVIOUR_EMPTY, "provider_bad_response");

  /* 10 MiB is refused after the first MiB, not read to the end. */
  start = provider_test_now ();
  assert_fault (fixture, FAKE_BEHAVIOUR_HUGE, "provider_bad_response");
  g_assert_cmpfloat (provider_test_now () - start, <, 3.0);
}

static void
test_hang (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GatewayResponse) response = NULL;
  double start;
  double elapsed;

  assert_translates (fixture);

  fake_provider_set_behaviour (fixture->fake, FAKE_BEHAVIOUR_HANG, 1);
  start = provider_test_now ();
  response = translate (fixture, "こんにちは", "ja", "en");
  elapsed = provider_test_now () - start;
  provider_gateway_assert_error (&fixture->gateway, response, "timeout");
  /* timeout = 1 in the configuration, without retries. */
  g_assert_cmpfloat (elapsed, >=, 0.9);
  g_assert_cmpfloat (elapsed, <, 2.0);

  assert_translates (fixture);
}

static void
test_unavailable (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GatewayResponse) response = NULL;
  g_autoptr(GatewayResponse) meanwhile = NULL;
  guint64 retry_after;
  guint calls;

  assert_translates (fixture);

  /* Longer than the gateway waits inside one request: the client hears when to come back, and
   * the service is left alone until then. */
  fake_provider_set_retry_after (fixture->fake, 3);
  fake_provider_set_behaviour (fixture->fake, FAKE_BEHAVIOUR_UNAVAILABLE, 1);
  response = translate (fixture, "こんにちは", "ja", "en");
  provider_gateway_assert_error (&fixture->gateway, response, "provider_unavailable");
  g_assert_true (g_ascii_string_to_unsigned (soup_message_headers_get_one (response->headers, "Retry-After"),
                                             10, 1, 3, &retry_after, NULL));

  calls = fake_provider_count_requests (fixture->fake, API_PATH);
  meanwhile = translate (fixture, "こんにちは", "ja", "en");
  provider_gateway_assert_error (&fixture->gateway, meanwhile, "provider_unavailable");
  g_assert_nonnull (soup_message_headers_get_one (meanwhile->headers, "Retry-After"));
  g_assert_cmpuint (fake_provider_count_requests (fixture->fake, API_PATH), ==, calls);

  g_usleep (3100 * G_TIME_SPAN_MILLISECOND);
  assert_translates (fixture);
}

static void
test_refused_configurations (void)
{
  static const struct {
    gboolean    key_file;
    gboolean    secret_file;
    const char *lines;
    const char *named;     /* what the gateway's message must name */
  } refused[] = {
    /* A secret written into the file, where everyone who reads configurations sees it. */
    { FALSE, TRUE, "key = " KEY "\n", "key-file" },
    { TRUE, FALSE, "secret = " SECRET "\n", "secret-file" },
    { TRUE, FALSE, "", "secret-file" },
    { TRUE, TRUE, "languages = ja, fil\n", "fil" },
    { TRUE, TRUE, "engine.ja.xx = voicetraNT\n", "engine.ja.xx" },
    { TRUE, TRUE, "engine = general NT\n", "general NT" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      ProviderGateway gateway;
      g_autofree char *key_file = NULL;
      g_autofree char *secret_file = NULL;
      g_autofree char *key_line = NULL;
      g_autofree char *secret_line = NULL;
      g_autofree char *standard_error = NULL;
      int status;

      provider_gateway_init (&gateway);
      key_file = provider_gateway_write_secret (&gateway, "textra.key", KEY);
      secret_file = provider_gateway_write_secret (&gateway, "textra.secret", SECRET);
      key_line = refused[i].key_file ? g_strdup_printf ("key-file = %s\n", key_file) : g_strdup ("");
      secret_line = refused[i].secret_file ? g_strdup_printf ("secret-file = %s\n", secret_file) : g_strdup ("");
      status = provider_gateway_run_to_exit (&gateway, &standard_error,
                                             "[provider textra]\ntype = textra\nname = " LOGIN "\n%s%s%s"
                                             "[route]\ntranslate = textra\n" PROVIDER_TEST_NO_SPEECH,
                                             key_line, secret_line, refused[i].lines);
      g_assert_cmpint (status, !=, 0);
      if (strstr (standard_error, refused[i].named) == NULL)
        g_error ("The refusal does not name “%s”: %s", refused[i].named, standard_error);
      provider_gateway_assert_no_secret (&gateway, standard_error);
      provider_gateway_finish (&gateway);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, function, config) \
  g_test_add ("/gateway-textra/" path, Fixture, config, set_up, function, tear_down)

  ADD ("wire-format", test_wire_format, "engine.ja.en = voicetraNT\n");
  ADD ("back-translation", test_back_translation, NULL);
  ADD ("token/shared", test_token_shared, NULL);
  ADD ("token/renewed", test_token_renewed, NULL);
  ADD ("token/expired", test_token_expired, NULL);
  ADD ("fault/wrong-key", test_wrong_key, NULL);
  ADD ("fault/quota", test_quota, NULL);
  ADD ("fault/unknown-pair", test_unknown_pair, NULL);
  ADD ("fault/bad-answers", test_bad_answers, NULL);
  ADD ("fault/hang", test_hang, "timeout = 1\nretries = 0\n");
  ADD ("fault/unavailable", test_unavailable, NULL);
  g_test_add_func ("/gateway-textra/refused-configurations", test_refused_configurations);

#undef ADD

  return g_test_run ();
}

/* test-gateway-libretranslate.c: the real gateway translates through a self-hosted
 * LibreTranslate, here its loopback fake
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-fake-provider.h"
#include "mado-provider-test-utils.h"

#include <string.h>

#define KEY       "libre-key-3e9d41b7-c2a0"
#define PROVIDER  "libre"
#define PATH      "/translate"
#define LANGUAGES "/languages"

typedef struct {
  gboolean            server_key;   /* the server requires KEY */
  gboolean            gateway_key;  /* the gateway has KEY in a key-file */
  const char * const *pairs;        /* what /languages lists, in LibreTranslate's codes; NULL: the
                                       fake's own (every pair of en, ja, es, vi and pt-BR) */
  const char         *options;      /* more [provider libre] lines */
} Setup;

typedef struct {
  FakeProvider    *fake;
  ProviderGateway  gateway;
} Fixture;

static void
start_gateway (Fixture     *fixture,
               const Setup *setup)
{
  g_autofree char *key_line = NULL;

  if (setup->gateway_key)
    {
      g_autofree char *key_file = provider_gateway_write_secret (&fixture->gateway, "libre.key", KEY);

      key_line = g_strdup_printf ("key-file = %s\n", key_file);
    }
  provider_gateway_start (&fixture->gateway,
                          "[provider " PROVIDER "]\n"
                          "type = libretranslate\n"
                          "url = %s\n"
                          "%s%s\n"
                          "[route]\n"
                          "translate = " PROVIDER "\n"
                          PROVIDER_TEST_NO_SPEECH,
                          fake_provider_get_url (fixture->fake), key_line != NULL ? key_line : "",
                          setup->options != NULL ? setup->options : "");
}

/* A gateway whose only translation provider is LibreTranslate, once it has read the server's
 * languages; every pair set here includes en → es. */
static void
set_up (Fixture       *fixture,
        gconstpointer  data)
{
  const Setup *setup = data;

  fixture->fake = fake_provider_start (FAKE_SERVICE_LIBRETRANSLATE);
  if (setup->server_key)
    fake_provider_set_credentials (fixture->fake, KEY, NULL, NULL);
  if (setup->pairs != NULL)
    fake_provider_set_pairs (fixture->fake, setup->pairs);
  provider_gateway_init (&fixture->gateway);
  start_gateway (fixture, setup);
  provider_gateway_wait_for_translation (&fixture->gateway, "en", "es", PROVIDER);
  /* Each test sees only its own requests. */
  fake_provider_clear_requests (fixture->fake);
}

static void
tear_down (Fixture       *fixture,
           gconstpointer  data)
{
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
  g_autoptr(GatewayResponse) response = translate (fixture, "Hello", "en", "ja");

  provider_assert_translation (response, "ja:Hello", NULL, PROVIDER);
}

static const char *
field (FakeRequest *request,
       const char  *name)
{
  return g_hash_table_lookup (request->fields, name);
}

static gboolean
body_contains (FakeRequest *request,
               const char  *text)
{
  return g_strstr_len (g_bytes_get_data (request->body, NULL), g_bytes_get_size (request->body), text) != NULL;
}

/* Neither the answer's message nor anything else in it gives the key away. */
static void
assert_body_keeps_secrets (Fixture         *fixture,
                           GatewayResponse *response)
{
  g_autofree char *body = g_strndup (g_bytes_get_data (response->body, NULL), g_bytes_get_size (response->body));

  provider_gateway_assert_no_secret (&fixture->gateway, body);
}

/* The only request the fake got since it was last cleared. */
static FakeRequest *
only_request (GPtrArray *requests)
{
  g_assert_cmpuint (requests->len, ==, 1);
  return g_ptr_array_index (requests, 0);
}

static void
assert_wire_format (FakeRequest *request,
                    const char  *text,
                    const char  *source,
                    const char  *target)
{
  g_assert_cmpstr (request->method, ==, "POST");
  g_assert_cmpstr (request->path, ==, PATH);
  g_assert_cmpstr (request->content_type, ==, "application/json");
  g_assert_cmpstr (field (request, "q"), ==, text);
  g_assert_cmpstr (field (request, "source"), ==, source);
  g_assert_cmpstr (field (request, "target"), ==, target);
  /* The kiosk's text is not HTML: "<" must come back as "<". */
  g_assert_cmpstr (field (request, "format"), ==, "text");
}

static void
test_wire_format_keyed (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GatewayResponse) first = translate (fixture, "Hello <b> & you", "en", "ja");
  g_autoptr(GatewayResponse) second = translate (fixture, "こんにちは", "ja", "en");
  g_autoptr(GPtrArray) requests = NULL;

  provider_assert_translation (first, "ja:Hello <b> & you", NULL, PROVIDER);
  provider_assert_translation (second, "en:こんにちは", NULL, PROVIDER);
  assert_body_keeps_secrets (fixture, first);

  requests = fake_provider_dup_requests (fixture->fake);
  g_assert_cmpuint (requests->len, ==, 2);
  assert_wire_format (g_ptr_array_index (requests, 0), "Hello <b> & you", "en", "ja");
  assert_wire_format (g_ptr_array_index (requests, 1), "こんにちは", "ja", "en");
  for (guint i = 0; i < requests->len; i++)
    {
      FakeRequest *request = g_ptr_array_index (requests, i);

      /* LibreTranslate reads its key from the body, not from a header. */
      g_assert_cmpstr (field (request, "api_key"), ==, KEY);
      g_assert_null (soup_message_headers_get_one (request->headers, "Authorization"));
    }
}

static void
test_wire_format_keyless (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GatewayResponse) response = translate (fixture, "Hello", "en", "vi");
  g_autoptr(GPtrArray) requests = NULL;
  FakeRequest *request;

  provider_assert_translation (response, "vi:Hello", NULL, PROVIDER);
  requests = fake_provider_dup_requests (fixture->fake);
  request = only_request (requests);
  assert_wire_format (request, "Hello", "en", "vi");
  /* Not even an empty key: a server without keys has no use for one. */
  g_assert_false (body_contains (request, "api_key"));
}

static void
test_back_translation (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GatewayResponse) response = provider_gateway_translate (&fixture->gateway, "Hello", "en", "ja", TRUE);
  g_autoptr(GPtrArray) requests = NULL;
  FakeRequest *back;

  provider_assert_translation (response, "ja:Hello", "en:ja:Hello", PROVIDER);

  requests = fake_provider_dup_requests (fixture->fake);
  g_assert_cmpuint (requests->len, ==, 2);
  back = g_ptr_array_index (requests, 1);
  assert_wire_format (back, "ja:Hello", "ja", "en");
}

/* The server's newest spellings, and those of releases before 1.6: the gateway sends each
 * language as the server listed it. */
static const char * const current_pairs[] = {
  "en|es", "en|zh-Hans", "en|zh-Hant", "en|pt-BR", "en|tl", "tl|en", NULL,
};
static const char * const old_pairs[] = { "en|es", "en|zh", "en|zt", "en|pt", "pt|en", NULL };

/* Translates "Hello" from @source into @target and checks the codes the server got. */
static void
assert_spelt (Fixture    *fixture,
              const char *source,
              const char *target,
              const char *source_code,
              const char *target_code)
{
  g_autoptr(GatewayResponse) response = translate (fixture, "Hello", source, target);
  g_autofree char *expected = g_strconcat (target_code, ":Hello", NULL);
  g_autoptr(GPtrArray) requests = NULL;
  FakeRequest *request;

  provider_assert_translation (response, expected, NULL, PROVIDER);
  requests = fake_provider_dup_requests (fixture->fake);
  request = only_request (requests);
  g_assert_cmpstr (field (request, "source"), ==, source_code);
  g_assert_cmpstr (field (request, "target"), ==, target_code);
  fake_provider_clear_requests (fixture->fake);
}

static void
test_spellings_current (Fixture       *fixture,
                        gconstpointer  data)
{
  assert_spelt (fixture, "en", "zh-Hans", "en", "zh-Hans");
  assert_spelt (fixture, "en", "zh-Hant", "en", "zh-Hant");
  assert_spelt (fixture, "en", "pt-BR", "en", "pt-BR");
  /* Argos' models call Filipino by its base language, Tagalog. */
  assert_spelt (fixture, "en", "fil", "en", "tl");
  assert_spelt (fixture, "fil", "en", "tl", "en");
  g_assert_true (provider_gateway_offers_translation (&fixture->gateway, "fil", "en", PROVIDER));
  /* Listed one way only. */
  g_assert_false (provider_gateway_offers_translation (&fixture->gateway, "zh-Hans", "en", PROVIDER));
}

static void
test_spellings_old (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GatewayResponse) korean = NULL;

  assert_spelt (fixture, "en", "zh-Hans", "en", "zh");
  assert_spelt (fixture, "en", "zh-Hant", "en", "zt");
  assert_spelt (fixture, "en", "pt-BR", "en", "pt");
  assert_spelt (fixture, "pt-BR", "en", "pt", "en");

  /* A language the server does not list is answered without asking it. */
  korean = translate (fixture, "Hello", "en", "ko");
  provider_gateway_assert_error (&fixture->gateway, korean, "unsupported_language");
  g_assert_cmpuint (fake_provider_count_requests (fixture->fake, PATH), ==, 0);
}

/* Until the server has said which languages it has, the gateway offers nothing of it. The fake
 * holds its answer to /languages back while the test looks. */
static void
test_discovery (void)
{
  static const Setup setup = { 0 };
  Fixture fixture;
  g_autoptr(GatewayResponse) early = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  double deadline = provider_test_now () + 30.0;

  fixture.fake = fake_provider_start (FAKE_SERVICE_LIBRETRANSLATE);
  fake_provider_set_delay (fixture.fake, 3000);
  provider_gateway_init (&fixture.gateway);
  start_gateway (&fixture, &setup);
  while (fake_provider_count_requests (fixture.fake, LANGUAGES) == 0)
    {
      g_assert_cmpfloat (provider_test_now (), <, deadline);
      g_usleep (10 * G_TIME_SPAN_MILLISECOND);
    }
  /* Only the request already received is held back. */
  fake_provider_set_delay (fixture.fake, 0);

  g_assert_false (provider_gateway_offers_translation (&fixture.gateway, "en", "ja", PROVIDER));
  early = translate (&fixture, "Hello", "en", "ja");
  provider_gateway_assert_error (&fixture.gateway, early, "unsupported_language");

  /* Both answers came while /languages was still unanswered, and no translation was asked for. */
  requests = fake_provider_dup_requests (fixture.fake);
  g_assert_cmpuint (requests->len, ==, 1);
  g_assert_cmpstr (((FakeRequest *) g_ptr_array_index (requests, 0))->method, ==, "GET");
  g_assert_cmpfloat (((FakeRequest *) g_ptr_array_index (requests, 0))->handling_ms, <, 0);

  provider_gateway_wait_for_translation (&fixture.gateway, "en", "ja", PROVIDER);
  assert_translates (&fixture);
  /* The pairs are the server's: Japanese ↔ Portuguese yes, Korean no. */
  g_assert_true (provider_gateway_offers_translation (&fixture.gateway, "ja", "pt-BR", PROVIDER));
  g_assert_true (provider_gateway_offers_translation (&fixture.gateway, "vi", "es", PROVIDER));
  g_assert_false (provider_gateway_offers_translation (&fixture.gateway, "en", "ko", PROVIDER));
  g_assert_false (provider_gateway_offers_translation (&fixture.gateway, "en", "fr", PROVIDER));

  tear_down (&fixture, NULL);
}

/* The fake misbehaves once: the client gets @code, and the next request is translated. */
static void
assert_fault (Fixture       *fixture,
              FakeBehaviour  behaviour,
              const char    *code)
{
  g_autoptr(GatewayResponse) response = NULL;

  fake_provider_set_behaviour (fixture->fake, behaviour, 1);
  response = translate (fixture, "Hello", "en", "ja");
  provider_gateway_assert_error (&fixture->gateway, response, code);
  assert_body_keeps_secrets (fixture, response);
  assert_translates (fixture);
}

static void
test_refusals (Fixture       *fixture,
               gconstpointer  data)
{
  /* 403 "Invalid API key"; 403 "Too many request limits violations", the server's ban; 400 "…
   * is not available as a target language from …". None of them is worth a retry. */
  assert_fault (fixture, FAKE_BEHAVIOUR_WRONG_KEY, "provider_auth_failed");
  assert_fault (fixture, FAKE_BEHAVIOUR_QUOTA, "provider_quota_exceeded");
  assert_fault (fixture, FAKE_BEHAVIOUR_UNKNOWN_PAIR, "unsupported_language");
  g_assert_cmpuint (fake_provider_count_requests (fixture->fake, PATH), ==, 6);
}

static void
test_key_missing (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GatewayResponse) response = translate (fixture, "Hello", "en", "ja");

  /* 400 "Please contact the server operator to get an API key": the IT staff's business, like
   * a wrong key, not a passing failure of the translation. */
  provider_gateway_assert_error (&fixture->gateway, response, "provider_auth_failed");
  g_assert_nonnull (strstr (provider_error_message (response), "key-file"));
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

  fake_provider_set_behaviour (fixture->fake, FAKE_BEHAVIOUR_HANG, 1);
  start = provider_test_now ();
  response = translate (fixture, "Hello", "en", "ja");
  elapsed = provider_test_now () - start;
  provider_gateway_assert_error (&fixture->gateway, response, "timeout");
  /* timeout = 1 in the configuration, and a timeout is not tried again. */
  g_assert_cmpfloat (elapsed, >=, 0.95);
  g_assert_cmpfloat (elapsed, <, 3.0);
  g_assert_cmpuint (fake_provider_count_requests (fixture->fake, PATH), ==, 1);

  assert_translates (fixture);
}

static void
test_slowdown_retried (Fixture       *fixture,
                       gconstpointer  data)
{
  /* 429 "Slowdown: …" without a hint is tried again after the backoff, unseen by the client. */
  fake_provider_set_retry_after (fixture->fake, 0);
  fake_provider_set_behaviour (fixture->fake, FAKE_BEHAVIOUR_RATE_LIMITED, 1);
  assert_translates (fixture);
  g_assert_cmpuint (fake_provider_count_requests (fixture->fake, PATH), ==, 2);
}

static void
test_unavailable (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GatewayResponse) response = NULL;
  guint retry_after;

  /* A 503 from a proxy in front of the server, asking for more rest than a resident can wait. */
  fake_provider_set_retry_after (fixture->fake, 3);
  fake_provider_set_behaviour (fixture->fake, FAKE_BEHAVIOUR_UNAVAILABLE, 1);
  response = translate (fixture, "Hello", "en", "ja");
  provider_gateway_assert_error (&fixture->gateway, response, "provider_unavailable");
  retry_after = provider_response_retry_after (response);
  g_assert_cmpuint (retry_after, >=, 2);
  g_assert_cmpuint (retry_after, <=, 3);
  g_assert_cmpuint (fake_provider_count_requests (fixture->fake, PATH), ==, 1);

  g_usleep (3100 * G_TIME_SPAN_MILLISECOND);
  assert_translates (fixture);
}

int
main (int   argc,
      char *argv[])
{
  static const Setup keyed = { TRUE, TRUE, NULL, "timeout = 1\n" };
  static const Setup keyless = { FALSE, FALSE, NULL, NULL };
  static const Setup key_missing = { TRUE, FALSE, NULL, NULL };
  static const Setup current = { FALSE, FALSE, current_pairs, NULL };
  static const Setup old = { FALSE, FALSE, old_pairs, NULL };

  g_test_init (&argc, &argv, NULL);

#define ADD(path, function, setup) \
  g_test_add ("/gateway-libretranslate/" path, Fixture, setup, set_up, function, tear_down)

  g_test_add_func ("/gateway-libretranslate/discovery", test_discovery);
  ADD ("wire-format/keyed", test_wire_format_keyed, &keyed);
  ADD ("wire-format/keyless", test_wire_format_keyless, &keyless);
  ADD ("back-translation", test_back_translation, &keyless);
  ADD ("spellings/current", test_spellings_current, &current);
  ADD ("spellings/old", test_spellings_old, &old);
  ADD ("fault/refusals", test_refusals, &keyed);
  ADD ("fault/key-missing", test_key_missing, &key_missing);
  ADD ("fault/bad-answers", test_bad_answers, &keyed);
  ADD ("fault/hang", test_hang, &keyed);
  ADD ("fault/slowdown-retried", test_slowdown_retried, &keyed);
  ADD ("fault/unavailable", test_unavailable, &keyed);

#undef ADD

  return g_test_run ();
}

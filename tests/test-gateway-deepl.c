/* test-gateway-deepl.c: the real gateway translates through DeepL API v2, here its loopback fake
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-fake-provider.h"
#include "mado-provider-test-utils.h"

#include <string.h>

#define KEY  "deepl-key-0f4e2a91-77c3:fx"
#define PATH "/v2/translate"

typedef struct {
  FakeProvider    *fake;
  ProviderGateway  gateway;
} Fixture;

/* A gateway whose only translation provider is DeepL; @data is more [provider deepl] lines. */
static void
set_up (Fixture       *fixture,
        gconstpointer  data)
{
  g_autofree char *key_file = NULL;

  fixture->fake = fake_provider_start (FAKE_SERVICE_DEEPL);
  fake_provider_set_credentials (fixture->fake, KEY, NULL, NULL);
  provider_gateway_init (&fixture->gateway);
  key_file = provider_gateway_write_secret (&fixture->gateway, "deepl.key", KEY);
  provider_gateway_start (&fixture->gateway,
                          "[provider deepl]\n"
                          "type = deepl\n"
                          "url = %s\n"
                          "key-file = %s\n"
                          "%s\n"
                          "[route]\n"
                          "translate = deepl\n"
                          PROVIDER_TEST_NO_SPEECH,
                          fake_provider_get_url (fixture->fake), key_file,
                          data != NULL ? (const char *) data : "");
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
  g_autoptr(GatewayResponse) response = translate (fixture, "こんにちは", "ja", "en");

  provider_assert_translation (response, "EN-US:こんにちは", NULL, "deepl");
}

static const char *
field (FakeRequest *request,
       const char  *name)
{
  return g_hash_table_lookup (request->fields, name);
}

/* The request's JSON "text": exactly one string. */
static void
assert_text (FakeRequest *request,
             const char  *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;
  JsonArray *texts;

  json_parser_load_from_data (parser, g_bytes_get_data (request->body, NULL),
                              (gssize) g_bytes_get_size (request->body), &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  object = json_node_get_object (json_parser_get_root (parser));
  texts = json_object_get_array_member (object, "text");
  g_assert_nonnull (texts);
  g_assert_cmpuint (json_array_get_length (texts), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (texts, 0), ==, text);
}

static void
test_wire_format (Fixture       *fixture,
                  gconstpointer  data)
{
  static const struct {
    const char *text;
    const char *source;
    const char *target;
    const char *source_lang;  /* DeepL's codes: bare for sources, with the variety for targets */
    const char *target_lang;
  } cases[] = {
    { "こんにちは", "ja", "en", "JA", "EN-US" },
    { "Hello", "en", "pt-BR", "EN", "PT-BR" },
    { "Olá", "pt-BR", "zh-Hant", "PT", "ZH-HANT" },
    { "你好", "zh-Hans", "ko", "ZH", "KO" },
  };
  g_autoptr(GPtrArray) requests = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GatewayResponse) response = translate (fixture, cases[i].text, cases[i].source, cases[i].target);
      g_autofree char *expected = g_strconcat (cases[i].target_lang, ":", cases[i].text, NULL);

      provider_assert_translation (response, expected, NULL, "deepl");
    }

  requests = fake_provider_dup_requests (fixture->fake);
  g_assert_cmpuint (requests->len, ==, G_N_ELEMENTS (cases));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      FakeRequest *request = g_ptr_array_index (requests, i);

      g_assert_cmpstr (request->method, ==, "POST");
      g_assert_cmpstr (request->path, ==, PATH);
      g_assert_cmpstr (request->content_type, ==, "application/json");
      g_assert_cmpstr (soup_message_headers_get_one (request->headers, "Authorization"), ==, "DeepL-Auth-Key " KEY);
      g_assert_cmpstr (field (request, "source_lang"), ==, cases[i].source_lang);
      g_assert_cmpstr (field (request, "target_lang"), ==, cases[i].target_lang);
      g_assert_cmpstr (field (request, "formality"), ==, "prefer_more");
      assert_text (request, cases[i].text);
      /* The key travels in its header only. */
      g_assert_null (g_strstr_len (g_bytes_get_data (request->body, NULL), g_bytes_get_size (request->body), KEY));
    }
}

static void
test_back_translation (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GatewayResponse) response = provider_gateway_translate (&fixture->gateway, "こんにちは",
                                                                    "ja", "en", TRUE);
  g_autoptr(GPtrArray) requests = NULL;
  FakeRequest *back;

  provider_assert_translation (response, "EN-US:こんにちは", "JA:EN-US:こんにちは", "deepl");

  requests = fake_provider_dup_requests (fixture->fake);
  g_assert_cmpuint (requests->len, ==, 2);
  back = g_ptr_array_index (requests, 1);
  g_assert_cmpstr (field (back, "source_lang"), ==, "EN");
  g_assert_cmpstr (field (back, "target_lang"), ==, "JA");
  /* Without a formality setting, DeepL chooses. */
  g_assert_null (field (back, "formality"));
  assert_text (back, "EN-US:こんにちは");
}

static void
test_languages (Fixture       *fixture,
                gconstpointer  data)
{
  /* Burmese has no DeepL code, Thai is not offered unless `languages` lists it: the gateway
   * answers without asking DeepL. */
  static const char *const left_out[] = { "my", "th", "fil", "ne", "ja-x-easy" };

  for (guint i = 0; i < G_N_ELEMENTS (left_out); i++)
    {
      g_autoptr(GatewayResponse) response = translate (fixture, "Hello", "en", left_out[i]);

      provider_gateway_assert_error (&fixture->gateway, response, "unsupported_language");
    }
  g_assert_cmpuint (fake_provider_count_requests (fixture->fake, PATH), ==, 0);
  assert_translates (fixture);
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
test_refusals (Fixture       *fixture,
               gconstpointer  data)
{
  /* 403, 456 and 400 "Value for 'target_lang' not supported." */
  assert_fault (fixture, FAKE_BEHAVIOUR_WRONG_KEY, "provider_auth_failed");
  assert_fault (fixture, FAKE_BEHAVIOUR_QUOTA, "provider_quota_exceeded");
  assert_fault (fixture, FAKE_BEHAVIOUR_UNKNOWN_PAIR, "unsupported_language");
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
test_server_error_retried (Fixture       *fixture,
                           gconstpointer  data)
{
  /* One 500 is tried again (retries = 2 by default), and the client never hears of it. */
  fake_provider_set_behaviour (fixture->fake, FAKE_BEHAVIOUR_SERVER_ERROR, 1);
  assert_translates (fixture);
  g_assert_cmpuint (fake_provider_count_requests (fixture->fake, PATH), ==, 2);
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
  response = translate (fixture, "こんにちは", "ja", "en");
  elapsed = provider_test_now () - start;
  provider_gateway_assert_error (&fixture->gateway, response, "timeout");
  /* timeout = 1 in the configuration, without retries. */
  g_assert_cmpfloat (elapsed, >=, 0.9);
  g_assert_cmpfloat (elapsed, <, 2.0);

  assert_translates (fixture);
}

/* @behaviour: 503 or 429 with Retry-After. */
static void
assert_unavailable (Fixture       *fixture,
                    FakeBehaviour  behaviour)
{
  g_autoptr(GatewayResponse) response = NULL;
  g_autoptr(GatewayResponse) meanwhile = NULL;
  guint64 retry_after;

  /* Longer than the gateway waits inside one request: the client hears when to come back, and
   * DeepL is left alone until then. */
  fake_provider_set_retry_after (fixture->fake, 3);
  fake_provider_set_behaviour (fixture->fake, behaviour, 1);
  response = translate (fixture, "こんにちは", "ja", "en");
  provider_gateway_assert_error (&fixture->gateway, response, "provider_unavailable");
  g_assert_true (g_ascii_string_to_unsigned (soup_message_headers_get_one (response->headers, "Retry-After"),
                                             10, 1, 3, &retry_after, NULL));

  meanwhile = translate (fixture, "こんにちは", "ja", "en");
  provider_gateway_assert_error (&fixture->gateway, meanwhile, "provider_unavailable");
  g_assert_cmpuint (fake_provider_count_requests (fixture->fake, PATH), ==, 1);

  g_usleep (3100 * G_TIME_SPAN_MILLISECOND);
  assert_translates (fixture);
}

static void
test_unavailable (Fixture       *fixture,
                  gconstpointer  data)
{
  assert_unavailable (fixture, FAKE_BEHAVIOUR_UNAVAILABLE);
}

static void
test_rate_limited (Fixture       *fixture,
                   gconstpointer  data)
{
  assert_unavailable (fixture, FAKE_BEHAVIOUR_RATE_LIMITED);
}

static void
test_refused_configurations (void)
{
  static const struct {
    gboolean    key_file;
    const char *lines;
    const char *named;     /* what the gateway's message must name */
  } refused[] = {
    /* A key written into the file, where everyone who reads configurations sees it. */
    { FALSE, "key = " KEY "\n", "key-file" },
    { FALSE, "", "key-file" },
    { TRUE, "formality = more\n", "prefer_more" },
    { TRUE, "languages = ja, my\n", "my" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      ProviderGateway gateway;
      g_autofree char *key_file = NULL;
      g_autofree char *key_line = NULL;
      g_autofree char *standard_error = NULL;
      int status;

      provider_gateway_init (&gateway);
      key_file = provider_gateway_write_secret (&gateway, "deepl.key", KEY);
      key_line = refused[i].key_file ? g_strdup_printf ("key-file = %s\n", key_file) : g_strdup ("");
      status = provider_gateway_run_to_exit (&gateway, &standard_error,
                                             "[provider deepl]\ntype = deepl\n%s%s"
                                             "[route]\ntranslate = deepl\n" PROVIDER_TEST_NO_SPEECH,
                                             key_line, refused[i].lines);
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

#define ADD(path, function, data) \
  g_test_add ("/gateway-deepl/" path, Fixture, data, set_up, function, tear_down)

  ADD ("wire-format", test_wire_format, "formality = prefer_more\n");
  ADD ("back-translation", test_back_translation, NULL);
  ADD ("languages", test_languages, NULL);
  ADD ("fault/refusals", test_refusals, NULL);
  ADD ("fault/bad-answers", test_bad_answers, NULL);
  ADD ("fault/server-error-retried", test_server_error_retried, NULL);
  ADD ("fault/hang", test_hang, "timeout = 1\nretries = 0\n");
  ADD ("fault/unavailable", test_unavailable, NULL);
  ADD ("fault/rate-limited", test_rate_limited, NULL);
  g_test_add_func ("/gateway-deepl/refused-configurations", test_refused_configurations);

#undef ADD

  return g_test_run ();
}

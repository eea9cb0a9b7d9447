/* test-gateway-apertium.c: the real gateway translates through Apertium APy: the real
 * apertium-apy with Debian's English–Spanish pair, and the loopback fake for its failures
 *
 * Runs through tests/run-in-netns.sh, in a network namespace of its own, since apy listens on
 * every address.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-apertium-apy.h"
#include "mado-fake-provider.h"
#include "mado-provider-test-utils.h"

#include <string.h>

#define PROVIDER "apertium"
#define PATH     "/translate"

typedef struct {
  ApertiumApy     *apy;   /* the real server, or NULL */
  FakeProvider    *fake;  /* its fake, or NULL */
  ProviderGateway  gateway;
} Fixture;

/* A gateway whose only translation provider is Apertium at @url, once it has read the pairs;
 * @options are more [provider apertium] lines. */
static void
start_gateway (Fixture    *fixture,
               const char *url,
               const char *options)
{
  provider_gateway_init (&fixture->gateway);
  provider_gateway_start (&fixture->gateway,
                          "[provider " PROVIDER "]\n"
                          "type = apertium-apy\n"
                          "url = %s\n"
                          "%s\n"
                          "[route]\n"
                          "translate = " PROVIDER "\n"
                          PROVIDER_TEST_NO_SPEECH,
                          url, options != NULL ? options : "");
  provider_gateway_wait_for_translation (&fixture->gateway, "en", "es", PROVIDER);
}

static void
set_up_real (Fixture       *fixture,
             gconstpointer  data)
{
  fixture->apy = apertium_apy_start ();
  start_gateway (fixture, apertium_apy_get_url (fixture->apy), data);
}

static void
set_up_fake (Fixture       *fixture,
             gconstpointer  data)
{
  fixture->fake = fake_provider_start (FAKE_SERVICE_APERTIUM);
  start_gateway (fixture, fake_provider_get_url (fixture->fake), data);
  fake_provider_clear_requests (fixture->fake);
}

static void
tear_down (Fixture       *fixture,
           gconstpointer  data)
{
  provider_gateway_finish (&fixture->gateway);
  g_clear_pointer (&fixture->apy, apertium_apy_stop);
  g_clear_pointer (&fixture->fake, fake_provider_stop);
}

static GatewayResponse *
translate (Fixture    *fixture,
           const char *text,
           const char *source,
           const char *target)
{
  return provider_gateway_translate (&fixture->gateway, text, source, target, FALSE);
}

/* The translation of a 200 answer by Apertium. */
static const char *
translation_of (GatewayResponse *response)
{
  if (response->status != 200)
    g_error ("Expected a translation, got HTTP %u: %.*s", response->status,
             (int) g_bytes_get_size (response->body), (const char *) g_bytes_get_data (response->body, NULL));
  g_assert_cmpstr (json_object_get_string_member (gateway_response_object (response), "provider"), ==, PROVIDER);
  g_assert_false (json_object_get_boolean_member (gateway_response_object (response), "verified"));
  return json_object_get_string_member (gateway_response_object (response), "translation");
}

/* With the real apy. The expected texts are what Debian 12's apertium-eng-spa makes of them. */

static void
test_translates (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GatewayResponse) word = translate (fixture, "government", "en", "es");
  g_autoptr(GatewayResponse) sentence = translate (fixture, "It is the city office.", "en", "es");
  g_autoptr(GatewayResponse) dropped = translate (fixture, "It rains, it is cold.", "en", "es");

  provider_assert_translation (word, "Gobierno", NULL, PROVIDER);
  /* apy says " Es la oficina de ciudad .": the blank of the pronoun Spanish drops, and one the
   * reordering leaves before the full stop. */
  provider_assert_translation (sentence, "Es la oficina de ciudad.", NULL, PROVIDER);
  /* " Llueve,  pasa frío." */
  provider_assert_translation (dropped, "Llueve, pasa frío.", NULL, PROVIDER);
}

static void
test_back_translation (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GatewayResponse) response = provider_gateway_translate (&fixture->gateway, "It is the city office.",
                                                                    "en", "es", TRUE);

  /* es → en is a pair of its own, which the reverse route finds. */
  provider_assert_translation (response, "Es la oficina de ciudad.", "It is the office of city.", PROVIDER);
}

static void
test_unknown_word (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GatewayResponse) response = translate (fixture, "The xyzzyq form is here.", "en", "es");
  const char *translation = translation_of (response);

  /* Without markUnknown=no, apy writes "*xyzzyq". */
  g_assert_nonnull (strstr (translation, "xyzzyq"));
  g_assert_null (strchr (translation, '*'));
}

static void
test_markup_characters (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GatewayResponse) comparison = translate (fixture, "Fill in form 3 < 5 & 7.", "en", "es");
  g_autoptr(GatewayResponse) tags = translate (fixture, "Tom & Jerry <b>bold</b>", "en", "es");

  /* format=txt: neither escaped ("&lt;", "&amp;") nor taken for markup and dropped. */
  g_assert_nonnull (strstr (translation_of (comparison), "3 < 5 & 7"));
  g_assert_null (strstr (translation_of (comparison), "&lt;"));
  g_assert_null (strstr (translation_of (comparison), "&amp;"));
  provider_assert_translation (tags, "Tom & Jerry <b>intrépido</b>", NULL, PROVIDER);
}

static void
test_capabilities (Fixture       *fixture,
                   gconstpointer  data)
{
  ProviderGateway *gateway = &fixture->gateway;

  g_assert_true (provider_gateway_offers_translation (gateway, "en", "es", PROVIDER));
  g_assert_true (provider_gateway_offers_translation (gateway, "es", "en", PROVIDER));
  /* Debian ships no English–Vietnamese pair, and nothing with Japanese. */
  g_assert_false (provider_gateway_offers_translation (gateway, "en", "vi", PROVIDER));
  g_assert_false (provider_gateway_offers_translation (gateway, "ja", "es", PROVIDER));

  {
    g_autoptr(GatewayResponse) response = translate (fixture, "Hello", "en", "vi");

    provider_gateway_assert_error (gateway, response, "unsupported_language");
  }
}

/* With the fake APy. */

static void
assert_translates (Fixture *fixture)
{
  g_autoptr(GatewayResponse) response = translate (fixture, "hello", "en", "es");

  provider_assert_translation (response, "spa:hello", NULL, PROVIDER);
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
  g_autoptr(GPtrArray) requests = NULL;
  FakeRequest *request;

  assert_translates (fixture);
  requests = fake_provider_dup_requests (fixture->fake);
  g_assert_cmpuint (requests->len, ==, 1);
  request = g_ptr_array_index (requests, 0);
  g_assert_cmpstr (request->method, ==, "POST");
  g_assert_cmpstr (request->path, ==, PATH);
  /* The text goes in the body, out of any proxy's access log. */
  g_assert_cmpstr (request->content_type, ==, "application/x-www-form-urlencoded");
  g_assert_cmpstr (field (request, "langpair"), ==, "eng|spa");
  g_assert_cmpstr (field (request, "q"), ==, "hello");
  g_assert_cmpstr (field (request, "format"), ==, "txt");
  g_assert_cmpstr (field (request, "markUnknown"), ==, "no");
}

static void
test_spacing (Fixture       *fixture,
              gconstpointer  data)
{
  static const struct {
    const char *apy;
    const char *tidy;
  } cases[] = {
    { " Es la oficina de  ciudad .", "Es la oficina de ciudad." },
    { "Sí,  es\t abierto , y cierra en cinco ...", "Sí, es abierto, y cierra en cinco..." },
    { "Hola . \n  Cómo eres ? ", "Hola.\nCómo eres ?" },
    /* Spaces that mean something stay. */
    { "Es 3 .5 km de .bashrc", "Es 3 .5 km de .bashrc" },
    /* A form the pair could not generate keeps its mark, and so does a number sign. */
    { "Quiero #ir a la ventanilla #3.", "Quiero #ir a la ventanilla #3." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("sentence %u", i);
      g_autoptr(GatewayResponse) response = NULL;

      fake_provider_add_translation (fixture->fake, "eng", "spa", text, cases[i].apy);
      response = translate (fixture, text, "en", "es");
      provider_assert_translation (response, cases[i].tidy, NULL, PROVIDER);
    }
}

/* The fake misbehaves once: the client gets @code, and the next request is translated. */
static GatewayResponse *
assert_fault (Fixture       *fixture,
              FakeBehaviour  behaviour,
              const char    *code)
{
  GatewayResponse *response;

  fake_provider_set_behaviour (fixture->fake, behaviour, 1);
  response = translate (fixture, "hello", "en", "es");
  provider_gateway_assert_error (&fixture->gateway, response, code);
  assert_translates (fixture);
  return response;
}

static void
test_faults (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GatewayResponse) unknown_pair = NULL;
  g_autoptr(GatewayResponse) html = NULL;
  g_autoptr(GatewayResponse) unavailable = NULL;

  /* 400 "That pair is not installed": the pair went away since /listPairs. */
  unknown_pair = assert_fault (fixture, FAKE_BEHAVIOUR_UNKNOWN_PAIR, "unsupported_language");
  html = assert_fault (fixture, FAKE_BEHAVIOUR_HTML, "provider_bad_response");
  /* 503 "internal error", a pipeline that broke; retries = 0 here, and the fake's Retry-After
   * reaches the client. */
  fake_provider_set_retry_after (fixture->fake, 1);
  unavailable = assert_fault (fixture, FAKE_BEHAVIOUR_UNAVAILABLE, "provider_unavailable");
  g_assert_cmpuint (provider_response_retry_after (unavailable), ==, 1);
  g_assert_cmpuint (fake_provider_count_requests (fixture->fake, PATH), ==, 6);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, function, set_up, options) \
  g_test_add ("/gateway-apertium/" path, Fixture, options, set_up, function, tear_down)

  ADD ("apy/translates", test_translates, set_up_real, NULL);
  ADD ("apy/back-translation", test_back_translation, set_up_real, NULL);
  ADD ("apy/unknown-word", test_unknown_word, set_up_real, NULL);
  ADD ("apy/markup-characters", test_markup_characters, set_up_real, NULL);
  ADD ("apy/capabilities", test_capabilities, set_up_real, NULL);
  ADD ("fake/wire-format", test_wire_format, set_up_fake, NULL);
  ADD ("fake/spacing", test_spacing, set_up_fake, NULL);
  ADD ("fake/faults", test_faults, set_up_fake, "retries = 0\n");

#undef ADD

  return g_test_run ();
}

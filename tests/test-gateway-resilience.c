/* test-gateway-resilience.c: the rules every provider shares (docs/providers.md, "Resilience"):
 * timeouts, retries with backoff, Retry-After, the circuit breaker, the route's fallback and the
 * gateway's deadline
 *
 * The subject is LibreTranslate's adapter in front of its loopback fake, "libre"; a second fake,
 * "libre2", stands behind it in the routes that need another provider. Timeouts and cooldowns are
 * short so that the test is quick, and only the lower bounds that the rules themselves set are
 * tight: a loaded machine makes everything slower, never faster.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-fake-provider.h"
#include "mado-provider-test-utils.h"

#include <string.h>

#define PATH "/translate"

typedef struct {
  const char *libre_options;  /* more [provider libre] lines */
  const char *route;          /* the [route] translate lines; NULL: libre only */
} Setup;

typedef struct {
  FakeProvider    *libre;   /* NULL once a test has stopped it */
  FakeProvider    *libre2;  /* retries = 0, for a quick answer */
  ProviderGateway  gateway;
} Fixture;

/* Both fakes and a gateway that has read libre's languages, and libre2's when it routes there. */
static void
set_up (Fixture       *fixture,
        gconstpointer  data)
{
  const Setup *setup = data;
  const char *route = setup->route != NULL ? setup->route : "translate = libre\n";

  fixture->libre = fake_provider_start (FAKE_SERVICE_LIBRETRANSLATE);
  fixture->libre2 = fake_provider_start (FAKE_SERVICE_LIBRETRANSLATE);
  provider_gateway_init (&fixture->gateway);
  provider_gateway_start (&fixture->gateway,
                          "[provider libre]\n"
                          "type = libretranslate\n"
                          "url = %s\n"
                          "%s\n"
                          "[provider libre2]\n"
                          "type = libretranslate\n"
                          "url = %s\n"
                          "retries = 0\n"
                          "\n"
                          "[route]\n"
                          "%s"
                          PROVIDER_TEST_NO_SPEECH,
                          fake_provider_get_url (fixture->libre),
                          setup->libre_options != NULL ? setup->libre_options : "",
                          fake_provider_get_url (fixture->libre2), route);
  provider_gateway_wait_for_translation (&fixture->gateway, "en", "ja", "libre");
  if (strstr (route, "libre2") != NULL)
    provider_gateway_wait_for_translation (&fixture->gateway, "ja", "en", "libre2");
  fake_provider_clear_requests (fixture->libre);
  fake_provider_clear_requests (fixture->libre2);
}

static void
tear_down (Fixture       *fixture,
           gconstpointer  data)
{
  provider_gateway_finish (&fixture->gateway);
  g_clear_pointer (&fixture->libre, fake_provider_stop);
  fake_provider_stop (fixture->libre2);
}

static GatewayResponse *
translate (Fixture *fixture)
{
  return provider_gateway_translate (&fixture->gateway, "Hello", "en", "ja", FALSE);
}

/* English → Japanese comes back from @provider. */
static void
assert_translates (Fixture    *fixture,
                   const char *provider)
{
  g_autoptr(GatewayResponse) response = translate (fixture);

  provider_assert_translation (response, "ja:Hello", NULL, provider);
}

/* A failure with @code that took @min_s seconds or more and less than @max_s. */
static void
assert_fails (Fixture    *fixture,
              const char *code,
              double      min_s,
              double      max_s)
{
  double start = provider_test_now ();
  g_autoptr(GatewayResponse) response = translate (fixture);
  double elapsed = provider_test_now () - start;

  provider_gateway_assert_error (&fixture->gateway, response, code);
  g_assert_cmpfloat (elapsed, >=, min_s);
  g_assert_cmpfloat (elapsed, <, max_s);
}

/* Every request @fake has had since the test began, whatever its path. */
static guint
count_all (FakeProvider *fake)
{
  g_autoptr(GPtrArray) requests = fake_provider_dup_requests (fake);

  return requests->len;
}

static void
assert_logged (Fixture    *fixture,
               const char *text)
{
  g_autofree char *log = provider_gateway_dup_log (&fixture->gateway);

  if (strstr (log, text) == NULL)
    g_error ("The gateway's log does not say “%s”:\n%s", text, log);
}

/* Retries. */

static void
test_retries (Fixture       *fixture,
              gconstpointer  data)
{
  double start;
  double elapsed;

  /* Two 503s without a hint: retried after 0.5 s and 1 s of backoff, each ±20 %, and the third
   * attempt's translation is what the client gets. */
  fake_provider_set_retry_after (fixture->libre, 0);
  fake_provider_set_behaviour (fixture->libre, FAKE_BEHAVIOUR_UNAVAILABLE, 2);
  start = provider_test_now ();
  assert_translates (fixture, "libre");
  elapsed = provider_test_now () - start;
  g_assert_cmpuint (fake_provider_count_requests (fixture->libre, PATH), ==, 3);
  /* The least the jitter allows (GLib's timers never fire early), less rounding to milliseconds. */
  g_assert_cmpfloat (elapsed, >=, 0.8 * (0.5 + 1.0) - 0.01);
  g_assert_cmpfloat (elapsed, <, 6.0);
}

static void
test_no_retries (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GatewayResponse) response = NULL;

  fake_provider_set_retry_after (fixture->libre, 0);
  fake_provider_set_behaviour (fixture->libre, FAKE_BEHAVIOUR_UNAVAILABLE, 1);
  response = translate (fixture);
  provider_gateway_assert_error (&fixture->gateway, response, "provider_unavailable");
  /* Nobody said when to come back, so the client is not told a time either. */
  g_assert_cmpuint (provider_response_retry_after (response), ==, 0);
  g_assert_cmpuint (fake_provider_count_requests (fixture->libre, PATH), ==, 1);
  assert_translates (fixture, "libre");
}

static void
test_timeout_not_retried (Fixture       *fixture,
                          gconstpointer  data)
{
  /* retries = 2, but a service that let one attempt run out would eat the deadline. */
  fake_provider_set_behaviour (fixture->libre, FAKE_BEHAVIOUR_HANG, 1);
  assert_fails (fixture, "timeout", 0.3, 2.5);
  g_assert_cmpuint (fake_provider_count_requests (fixture->libre, PATH), ==, 1);
  assert_translates (fixture, "libre");
}

/* Retry-After. */

static void
test_retry_after_short (Fixture       *fixture,
                        gconstpointer  data)
{
  double start;

  /* Up to 2 s is waited for, exactly, inside the request. */
  fake_provider_set_retry_after (fixture->libre, 2);
  fake_provider_set_behaviour (fixture->libre, FAKE_BEHAVIOUR_UNAVAILABLE, 1);
  start = provider_test_now ();
  assert_translates (fixture, "libre");
  g_assert_cmpfloat (provider_test_now () - start, >=, 2.0);
  g_assert_cmpfloat (provider_test_now () - start, <, 6.0);
  g_assert_cmpuint (fake_provider_count_requests (fixture->libre, PATH), ==, 2);

  /* And a 429 "Slowdown" the same way. */
  fake_provider_set_retry_after (fixture->libre, 1);
  fake_provider_set_behaviour (fixture->libre, FAKE_BEHAVIOUR_RATE_LIMITED, 1);
  start = provider_test_now ();
  assert_translates (fixture, "libre");
  g_assert_cmpfloat (provider_test_now () - start, >=, 1.0);
  g_assert_cmpuint (fake_provider_count_requests (fixture->libre, PATH), ==, 4);
}

static void
test_retry_after_long (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GatewayResponse) response = NULL;
  double start = provider_test_now ();
  guint retry_after;

  /* Longer than a resident can wait: the client hears at once when to come back. */
  fake_provider_set_retry_after (fixture->libre, 10);
  fake_provider_set_behaviour (fixture->libre, FAKE_BEHAVIOUR_UNAVAILABLE, 1);
  response = translate (fixture);
  provider_gateway_assert_error (&fixture->gateway, response, "provider_unavailable");
  g_assert_cmpfloat (provider_test_now () - start, <, 3.0);
  retry_after = provider_response_retry_after (response);
  g_assert_cmpuint (retry_after, >=, 9);
  g_assert_cmpuint (retry_after, <=, 10);

  /* Until then nothing at all goes to the service, and the kiosks do not plan with it. */
  while (provider_test_now () - start < 8.5)
    {
      g_autoptr(GatewayResponse) meanwhile = translate (fixture);

      provider_gateway_assert_error (&fixture->gateway, meanwhile, "provider_unavailable");
      g_assert_cmpuint (provider_response_retry_after (meanwhile), >=, 1);
      g_assert_cmpuint (provider_response_retry_after (meanwhile), <=, 10);
      g_assert_false (provider_gateway_offers_translation (&fixture->gateway, "en", "ja", "libre"));
      g_usleep (G_USEC_PER_SEC);
    }
  g_assert_cmpuint (count_all (fixture->libre), ==, 1);

  provider_gateway_wait_for_translation (&fixture->gateway, "en", "ja", "libre");
  g_assert_cmpfloat (provider_test_now () - start, >=, 9.9);
  assert_translates (fixture, "libre");
  g_assert_cmpuint (count_all (fixture->libre), ==, 2);
  assert_logged (fixture, "asked for 10 s of rest");
}

/* The circuit breaker. */

static void
test_breaker (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GatewayResponse) refused = NULL;
  double start;
  double opened;

  /* breaker-failures = 2: two timeouts in a row open it. */
  fake_provider_set_behaviour (fixture->libre, FAKE_BEHAVIOUR_HANG, 0);
  assert_fails (fixture, "timeout", 0.3, 2.5);
  /* The breaker opens when the second attempt has run out, after this. */
  opened = provider_test_now ();
  assert_fails (fixture, "timeout", 0.3, 2.5);
  assert_logged (fixture, "failed 2 times in a row");

  /* The third is refused without waiting for the provider, well under its timeout. */
  start = provider_test_now ();
  refused = translate (fixture);
  g_assert_cmpfloat (provider_test_now () - start, <, 0.2);
  provider_gateway_assert_error (&fixture->gateway, refused, "provider_unavailable");
  g_assert_cmpuint (provider_response_retry_after (refused), >=, 1);
  g_assert_cmpuint (provider_response_retry_after (refused), <=, 2);
  g_assert_cmpuint (count_all (fixture->libre), ==, 2);
  g_assert_false (provider_gateway_offers_translation (&fixture->gateway, "en", "ja", "libre"));

  /* After the cooldown (2 s) one probe goes through; it hangs too, and the breaker opens again. */
  provider_gateway_wait_for_translation (&fixture->gateway, "en", "ja", "libre");
  g_assert_cmpfloat (provider_test_now () - opened, >=, 2.0);
  assert_fails (fixture, "timeout", 0.3, 2.5);
  g_assert_cmpuint (count_all (fixture->libre), ==, 3);
  assert_fails (fixture, "provider_unavailable", 0, 0.2);
  g_assert_cmpuint (count_all (fixture->libre), ==, 3);

  /* The service recovers: the next probe succeeds and closes the breaker, so requests reach
   * the service again one after another. */
  fake_provider_set_behaviour (fixture->libre, FAKE_BEHAVIOUR_NORMAL, 0);
  provider_gateway_wait_for_translation (&fixture->gateway, "en", "ja", "libre");
  assert_translates (fixture, "libre");
  assert_translates (fixture, "libre");
  assert_translates (fixture, "libre");
  g_assert_cmpuint (count_all (fixture->libre), ==, 6);
  g_assert_true (provider_gateway_offers_translation (&fixture->gateway, "en", "ja", "libre"));
  assert_logged (fixture, "its circuit breaker is closed");
}

static void
test_breaker_connection_refused (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GatewayResponse) refused = NULL;
  guint retry_after;

  /* The server goes away after the gateway has read its languages: its port refuses
   * connections. Each request fails after its retry; that is no time to wait for. */
  g_clear_pointer (&fixture->libre, fake_provider_stop);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GatewayResponse) response = translate (fixture);

      provider_gateway_assert_error (&fixture->gateway, response, "provider_unavailable");
      g_assert_cmpuint (provider_response_retry_after (response), ==, 0);
    }

  /* The breaker answers from then on, with the time left of its cooldown (30 s). */
  refused = translate (fixture);
  provider_gateway_assert_error (&fixture->gateway, refused, "provider_unavailable");
  retry_after = provider_response_retry_after (refused);
  g_assert_cmpuint (retry_after, >=, 25);
  g_assert_cmpuint (retry_after, <=, 30);
  g_assert_false (provider_gateway_offers_translation (&fixture->gateway, "en", "ja", "libre"));
  assert_logged (fixture, "failed 2 times in a row");
}

/* The route. */

static void
test_fallback (Fixture       *fixture,
               gconstpointer  data)
{
  double start;

  /* A failing answer (retries = 0 here) hands over to the next provider. */
  fake_provider_set_behaviour (fixture->libre, FAKE_BEHAVIOUR_SERVER_ERROR, 1);
  assert_translates (fixture, "libre2");
  g_assert_cmpuint (fake_provider_count_requests (fixture->libre, PATH), ==, 1);
  g_assert_cmpuint (fake_provider_count_requests (fixture->libre2, PATH), ==, 1);

  /* So does a timeout (0.5 s), with the rest of the deadline. */
  fake_provider_set_behaviour (fixture->libre, FAKE_BEHAVIOUR_HANG, 1);
  start = provider_test_now ();
  assert_translates (fixture, "libre2");
  g_assert_cmpfloat (provider_test_now () - start, >=, 0.5);
  g_assert_cmpfloat (provider_test_now () - start, <, 3.0);
  g_assert_cmpuint (fake_provider_count_requests (fixture->libre, PATH), ==, 2);

  /* And a long Retry-After: after it the resting provider is skipped without being asked. */
  fake_provider_set_retry_after (fixture->libre, 10);
  fake_provider_set_behaviour (fixture->libre, FAKE_BEHAVIOUR_UNAVAILABLE, 1);
  assert_translates (fixture, "libre2");
  assert_translates (fixture, "libre2");
  g_assert_cmpuint (fake_provider_count_requests (fixture->libre, PATH), ==, 3);
  g_assert_cmpuint (fake_provider_count_requests (fixture->libre2, PATH), ==, 4);
  g_assert_false (provider_gateway_offers_translation (&fixture->gateway, "en", "ja", "libre"));
  g_assert_true (provider_gateway_offers_translation (&fixture->gateway, "en", "ja", "libre2"));
}

static void
test_deadline (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GatewayResponse) response = NULL;
  double start;
  double elapsed;

  /* Each provider's timeout is below the deadline, but the route's two together are not: libre
   * gives up after 6 s, libre2 gets the rest, and the gateway's deadline for translation, 10 s,
   * answers the client and stops libre2's attempt. */
  fake_provider_set_delay (fixture->libre, 12000);
  fake_provider_set_delay (fixture->libre2, 12000);
  start = provider_test_now ();
  response = translate (fixture);
  elapsed = provider_test_now () - start;
  provider_gateway_assert_error (&fixture->gateway, response, "timeout");
  g_assert_nonnull (strstr (provider_error_message (response), "deadline"));
  g_assert_cmpfloat (elapsed, >=, 10.0);
  g_assert_cmpfloat (elapsed, <, 11.5);
  g_assert_cmpuint (fake_provider_count_requests (fixture->libre, PATH), ==, 1);
  g_assert_cmpuint (fake_provider_count_requests (fixture->libre2, PATH), ==, 1);

  fake_provider_set_delay (fixture->libre, 0);
  fake_provider_set_delay (fixture->libre2, 0);
  assert_translates (fixture, "libre");
}

static void
test_deadline_in_back_translation (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GatewayResponse) response = NULL;
  double start;
  double elapsed;

  /* The translation takes 6 s and the reverse route (libre2, timeout 5) would take 5 more: the
   * deadline passes during the back-translation, and the translation is answered without it, as
   * when the reverse route fails. */
  fake_provider_set_delay (fixture->libre, 6000);
  fake_provider_set_behaviour (fixture->libre2, FAKE_BEHAVIOUR_HANG, 1);
  start = provider_test_now ();
  response = provider_gateway_translate (&fixture->gateway, "Hello", "en", "ja", TRUE);
  elapsed = provider_test_now () - start;
  provider_assert_translation (response, "ja:Hello", NULL, "libre");
  g_assert_cmpfloat (elapsed, >=, 10.0);
  g_assert_cmpfloat (elapsed, <, 11.5);
  g_assert_cmpuint (fake_provider_count_requests (fixture->libre2, PATH), ==, 1);
  assert_logged (fixture, "no back-translation from ja into en");
}

static void
test_back_translation_fails (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GatewayResponse) checked = NULL;
  g_autoptr(GatewayResponse) unchecked = NULL;

  checked = provider_gateway_translate (&fixture->gateway, "Hello", "en", "ja", TRUE);
  provider_assert_translation (checked, "ja:Hello", "en:ja:Hello", "libre");
  g_assert_cmpuint (fake_provider_count_requests (fixture->libre2, PATH), ==, 1);

  /* The reverse route's only provider fails: the translation stands without its check. */
  fake_provider_set_behaviour (fixture->libre2, FAKE_BEHAVIOUR_SERVER_ERROR, 0);
  unchecked = provider_gateway_translate (&fixture->gateway, "Hello", "en", "ja", TRUE);
  provider_assert_translation (unchecked, "ja:Hello", NULL, "libre");
  g_assert_cmpuint (fake_provider_count_requests (fixture->libre, PATH), ==, 2);
  g_assert_cmpuint (fake_provider_count_requests (fixture->libre2, PATH), ==, 2);
  assert_logged (fixture, "no back-translation from ja into en");
}

int
main (int   argc,
      char *argv[])
{
  static const Setup retries = { "retries = 2\nbackoff = 0.5\n", NULL };
  static const Setup no_retries = { "retries = 0\n", NULL };
  static const Setup short_timeout = { "timeout = 0.3\nretries = 2\n", NULL };
  static const Setup defaults = { NULL, NULL };
  static const Setup breaker = { "timeout = 0.3\nretries = 0\nbreaker-failures = 2\nbreaker-cooldown = 2\n", NULL };
  static const Setup breaker_refused = { "retries = 1\nbackoff = 0.05\nbreaker-failures = 2\n", NULL };
  static const Setup fallback = { "timeout = 0.5\nretries = 0\n", "translate = libre, libre2\n" };
  static const Setup deadline = { "timeout = 6\nretries = 0\n", "translate = libre, libre2\n" };
  static const Setup reverse = { NULL, "translate = libre\ntranslate.ja.en = libre2\n" };
  static const Setup deadline_reverse = { "timeout = 8\nretries = 0\n", "translate = libre\ntranslate.ja.en = libre2\n" };

  g_test_init (&argc, &argv, NULL);

#define ADD(path, function, setup) \
  g_test_add ("/gateway-resilience/" path, Fixture, setup, set_up, function, tear_down)

  ADD ("retries/backoff", test_retries, &retries);
  ADD ("retries/none", test_no_retries, &no_retries);
  ADD ("retries/not-after-timeout", test_timeout_not_retried, &short_timeout);
  ADD ("retry-after/short", test_retry_after_short, &defaults);
  ADD ("retry-after/long", test_retry_after_long, &defaults);
  ADD ("breaker/timeouts", test_breaker, &breaker);
  ADD ("breaker/connection-refused", test_breaker_connection_refused, &breaker_refused);
  ADD ("route/fallback", test_fallback, &fallback);
  ADD ("route/deadline", test_deadline, &deadline);
  ADD ("route/deadline-in-back-translation", test_deadline_in_back_translation, &deadline_reverse);
  ADD ("route/back-translation-fails", test_back_translation_fails, &reverse);

#undef ADD

  return g_test_run ();
}

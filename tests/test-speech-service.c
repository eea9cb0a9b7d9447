/* test-speech-service.c: the app's connection to a city's gateway, kept current while it runs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a gateway can do changes while the kiosk runs (a provider's breaker opens, a server learns
 * a pair), so the service asks again and again; a gateway that stops answering is reported to the
 * staff once, not at every ask, and what it said last stays in force.
 */
#include <glib/gstdio.h>

#include "mado-gateway-test-utils.h"
#include "mado-speech-service.h"

#define WAIT_US (10 * G_USEC_PER_SEC)

typedef struct {
  guint capabilities_set;
  guint problems;
} Counts;

static void
on_capabilities (MadoSpeechService *service,
                 GParamSpec        *pspec,
                 Counts            *counts)
{
  if (mado_speech_service_get_capabilities (service) != NULL)
    counts->capabilities_set++;
}

static void
on_problem (MadoSpeechService *service,
            const char        *summary,
            const char        *details,
            Counts            *counts)
{
  counts->problems++;
}

/* Runs the main loop until *@value reaches @at_least, or fails the test after 10 s. */
static void
wait_for_count (const guint *value,
                guint        at_least)
{
  gint64 end = g_get_monotonic_time () + WAIT_US;

  while (*value < at_least)
    {
      if (g_get_monotonic_time () > end)
        g_error ("Waited 10 s for a count of %u, still at %u", at_least, *value);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
run_for (guint milliseconds)
{
  gint64 end = g_get_monotonic_time () + milliseconds * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
test_capabilities_refreshed (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("madoguchi-speech-service-XXXXXX", &error);
  g_autofree char *token = NULL;
  g_autofree char *config_text = NULL;
  g_autofree char *config = NULL;
  g_autoptr(MadoSettings) settings = mado_settings_new ();
  g_autoptr(MadoSpeechService) service = NULL;
  GatewayProcess gateway = { 0 };
  Counts counts = { 0, 0 };
  guint asked;

  g_assert_no_error (error);
  token = gateway_test_write_file (dir, "token", GATEWAY_TEST_TOKEN "\n");
  config_text = g_strdup_printf ("[gateway]\nlisten = 127.0.0.1:0\ntoken-file = %s\n[route]\nrecognize =\n", token);
  config = gateway_test_write_file (dir, "gateway.conf", config_text);
  gateway_process_start (&gateway, "--config", config, NULL);

  g_settings_set_string (mado_settings_get_gsettings (settings), "gateway-endpoint", gateway.url);
  g_settings_set_string (mado_settings_get_gsettings (settings), "gateway-token-file", token);

  service = mado_speech_service_new (settings, NULL);
  g_object_set (service, "refresh-interval", 1, NULL);
  g_signal_connect (service, "notify::capabilities", G_CALLBACK (on_capabilities), &counts);
  g_signal_connect (service, "problem", G_CALLBACK (on_problem), &counts);
  mado_speech_service_start (service);

  /* The first answer, then another one a second later without anything else happening. */
  wait_for_count (&counts.capabilities_set, 1);
  wait_for_count (&counts.capabilities_set, 2);
  g_assert_cmpuint (counts.problems, ==, 0);

  /* The gateway goes away: three more asks fail, the staff hear of it once, and the last
   * capabilities stay. */
  gateway_process_stop (&gateway);
  asked = counts.capabilities_set;
  wait_for_count (&counts.problems, 1);
  run_for (3500);
  g_assert_cmpuint (counts.problems, ==, 1);
  g_assert_cmpuint (counts.capabilities_set, ==, asked);
  g_assert_nonnull (mado_speech_service_get_capabilities (service));

  mado_speech_service_stop (service);
  gateway_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/speech-service/capabilities-refreshed", test_capabilities_refreshed);

  return g_test_run ();
}

/* bench-interpreter-call.c: how long an interpreter call takes to connect, to fall back and to end,
 * and how long the main loop ever waits meanwhile (a real baresip helper against sipp)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints "bench: NAME VALUE UNIT" lines and never fails on a figure.
 */
#include "mado-baresip-backend.h"
#include "mado-interpreter-call.h"
#include "mado-interpreter-directory.h"
#include "mado-sip-test-utils.h"

#include <stdio.h>

#define N_CALLS 10
#define STEP_TIMEOUT_S 30
#define TICK_MS 5

typedef struct {
  gboolean active;     /* only while a call runs: the benchmark's own set-up may block */
  gint64   last_tick;
  gint64   max_gap;
} Ticker;

static gboolean
on_tick (gpointer user_data)
{
  Ticker *ticker = user_data;
  gint64 now = g_get_monotonic_time ();

  if (!ticker->active)
    {
      ticker->last_tick = 0;
      return G_SOURCE_CONTINUE;
    }

  if (ticker->last_tick != 0)
    ticker->max_gap = MAX (ticker->max_gap, now - ticker->last_tick);
  ticker->last_tick = now;

  return G_SOURCE_CONTINUE;
}

typedef struct {
  MadoInterpreterCall *call;
  MadoCallState        state;
} StateWait;

static gboolean
reached (gpointer data)
{
  StateWait *wait = data;
  MadoCallState state = mado_interpreter_call_get_state (wait->call);

  return state == wait->state || mado_call_state_is_final (state);
}

static gboolean
no_helper_running (gpointer data)
{
  return mado_test_find_child ("baresip") == 0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (GArray *values,
            double  fraction)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, (guint) ((values->len - 1) * fraction + 0.5));
}

static MadoInterpreterCall *
make_call (MadoCallBackend *backend,
           const char      *folder,
           const char      *services,
           const char      *chain)
{
  g_autofree char *path = g_build_filename (folder, "interpreters.json", NULL);
  g_autofree char *text = g_strdup_printf ("{\"version\": 1, \"services\": [%s], \"chains\": {\"vi\": [%s]}}",
                                           services, chain);
  g_autoptr(MadoInterpreterDirectory) directory = NULL;
  g_autoptr(MadoInterpreterPlan) plan = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  g_file_set_contents (path, text, -1, NULL);
  directory = mado_interpreter_directory_load (path, NULL);
  g_assert_nonnull (directory);
  plan = mado_interpreter_directory_plan (directory, "vi", now);
  return mado_interpreter_call_new (backend, plan);
}

static char *
service (const char *id,
         guint16     port)
{
  return g_strdup_printf ("{\"id\": \"%s\", \"name\": {\"ja\": \"%s\", \"en\": \"%s\"}, \"sip\": "
                          "\"sip:%s@127.0.0.1:%u\", \"languages\": [\"vi\"]}", id, id, id, id, port);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *folder = mado_test_make_folder ("madoguchi-bench-call");
  g_autofree char *sweep_path = g_build_filename (folder, "sweep.wav", NULL);
  g_autofree char *source = g_strconcat ("aufile,", sweep_path, NULL);
  g_autoptr(GArray) sweep = mado_test_write_sweep_wav (sweep_path, 8000, 1.0, 60.0);
  g_autoptr(GArray) connect_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) hang_up_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) fallback_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(MadoCallBackend) backend = NULL;
  Ticker ticker = { 0 };
  guint tick_id;

  backend = MADO_CALL_BACKEND (g_object_new (MADO_TYPE_BARESIP_BACKEND, "local-address", "127.0.0.1",
                                             "audio-source", source, "audio-player", "aubridge,madoguchi-bench",
                                             NULL));
  tick_id = g_timeout_add (TICK_MS, on_tick, &ticker);

  for (guint i = 0; i < N_CALLS; i++)
    {
      g_autofree char *busy_scenario = mado_test_reject_scenario (folder, "486 Busy Here");
      g_autoptr(MadoTestSipp) busy = mado_test_sipp_start (folder, busy_scenario, FALSE, NULL);
      g_autoptr(MadoTestSipp) answer = mado_test_sipp_start (folder, "answer.xml", TRUE, NULL);
      g_autofree char *first = service ("busy", mado_test_sipp_get_port (busy));
      g_autofree char *second = service ("answer", mado_test_sipp_get_port (answer));
      g_autofree char *services = g_strconcat (first, ", ", second, NULL);
      g_autoptr(MadoInterpreterCall) call = make_call (backend, folder, services, "\"busy\", \"answer\"");
      StateWait wait = { call, MADO_CALL_STATE_CONNECTED };
      gint64 started, connected, ended;
      double value;

      ticker.active = TRUE;
      ticker.last_tick = g_get_monotonic_time ();
      started = g_get_monotonic_time ();
      mado_interpreter_call_start (call);
      while (mado_interpreter_call_get_step (call) < 2 && !mado_call_state_is_final (mado_interpreter_call_get_state (call)))
        g_main_context_iteration (NULL, TRUE);
      value = (g_get_monotonic_time () - started) / 1000.0;
      g_array_append_val (fallback_ms, value);

      if (!mado_test_wait_until (reached, &wait, STEP_TIMEOUT_S) ||
          mado_interpreter_call_get_state (call) != MADO_CALL_STATE_CONNECTED)
        {
          fprintf (stderr, "Call %u did not connect: %s\n", i,
                   mado_call_state_to_string (mado_interpreter_call_get_state (call)));
          ticker.active = FALSE;
          continue;
        }
      connected = g_get_monotonic_time ();
      value = (connected - started) / 1000.0;
      g_array_append_val (connect_ms, value);

      wait.state = MADO_CALL_STATE_ENDED;
      mado_interpreter_call_hang_up (call);
      mado_test_wait_until (reached, &wait, STEP_TIMEOUT_S);
      ended = g_get_monotonic_time ();
      ticker.active = FALSE;
      value = (ended - connected) / 1000.0;
      g_array_append_val (hang_up_ms, value);

      g_clear_object (&call);
      mado_test_wait_until (no_helper_running, NULL, STEP_TIMEOUT_S);
    }

  g_source_remove (tick_id);

  if (connect_ms->len > 0)
    {
      printf ("bench: interpreter_fallback_to_next_p50 %.1f ms\n", percentile (fallback_ms, 0.5));
      printf ("bench: interpreter_connect_with_one_fallback_p50 %.1f ms\n", percentile (connect_ms, 0.5));
      printf ("bench: interpreter_connect_with_one_fallback_p95 %.1f ms\n", percentile (connect_ms, 0.95));
      printf ("bench: interpreter_hang_up_p50 %.1f ms\n", percentile (hang_up_ms, 0.5));
    }
  printf ("bench: interpreter_calls_connected %u of %u\n", connect_ms->len, N_CALLS);
  /* The loop ticks every 5 ms; anything the call code did synchronously shows as a longer gap. */
  printf ("bench: interpreter_main_loop_max_gap %.1f ms\n", ticker.max_gap / 1000.0);

  mado_test_remove_folder (folder);
  return 0;
}

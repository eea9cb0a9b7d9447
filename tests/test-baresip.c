/* test-baresip.c: SIP calls through a real baresip helper, with sipp as the far end on 127.0.0.1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-baresip-backend.h"
#include "mado-baresip-leg.h"
#include "mado-sip-test-utils.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

/* How long a step may take before the test gives up; generous, because CI machines stall. */
#define STEP_TIMEOUT_S 30

typedef struct {
  char            *folder;
  GArray          *sweep;
  char            *sweep_path;
  MadoCallBackend *backend;
  MadoCallLeg     *leg;
  GPid             helper_pid;
  GArray          *states;      /* MadoCallState, in the order the leg went through them */
  GPtrArray       *dtmf_sent;
  MadoTestSipp    *sipp;
} Fixture;

static void
make_backend (Fixture    *fixture,
              const char *first_property,
              ...)
{
  g_autofree char *source = g_strconcat ("aufile,", fixture->sweep_path, NULL);
  va_list properties;

  g_clear_object (&fixture->backend);

  if (first_property == NULL)
    {
      /* aufile plays the sweep as the microphone, paced in real time; aubridge takes what the
       * loudspeaker would play and drops it, also paced, so no CPU is burnt on a null device. */
      fixture->backend = MADO_CALL_BACKEND (g_object_new (MADO_TYPE_BARESIP_BACKEND,
                                                          "local-address", "127.0.0.1",
                                                          "audio-source", source,
                                                          "audio-player", "aubridge,madoguchi-test",
                                                          NULL));
      return;
    }

  va_start (properties, first_property);
  fixture->backend = MADO_CALL_BACKEND (g_object_new_valist (MADO_TYPE_BARESIP_BACKEND, first_property, properties));
  va_end (properties);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->folder = mado_test_make_folder ("madoguchi-calltest");
  fixture->sweep_path = g_build_filename (fixture->folder, "sweep.wav", NULL);
  /* Two seconds of sweep, then silence: aufile ends the call when its file ends. */
  fixture->sweep = mado_test_write_sweep_wav (fixture->sweep_path, 8000, 2.0, 60.0);
  fixture->states = g_array_new (FALSE, FALSE, sizeof (MadoCallState));
  fixture->dtmf_sent = g_ptr_array_new_with_free_func (g_free);
  make_backend (fixture, NULL);
}

static gboolean
no_helper_folder_left (gpointer data)
{
  g_autoptr(GDir) dir = g_dir_open (g_get_tmp_dir (), 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "madoguchi-baresip-"))
      return FALSE;

  return TRUE;
}

static gboolean
helper_gone (gpointer data)
{
  Fixture *fixture = data;

  return mado_test_process_gone (fixture->helper_pid);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->leg);

  /* Every test ends with no helper process and no configuration folder left behind. */
  if (fixture->helper_pid != 0)
    g_assert_true (mado_test_wait_until (helper_gone, fixture, STEP_TIMEOUT_S));
  g_assert_true (mado_test_wait_until (no_helper_folder_left, NULL, STEP_TIMEOUT_S));

  g_clear_pointer (&fixture->sipp, mado_test_sipp_free);
  g_clear_object (&fixture->backend);
  g_array_unref (fixture->states);
  g_ptr_array_unref (fixture->dtmf_sent);
  g_array_unref (fixture->sweep);
  mado_test_remove_folder (fixture->folder);
  g_free (fixture->folder);
  g_free (fixture->sweep_path);
}

static void
on_state (MadoCallLeg *leg,
          GParamSpec  *pspec,
          Fixture     *fixture)
{
  MadoCallState state = mado_call_leg_get_state (leg);

  g_array_append_val (fixture->states, state);
}

static void
on_dtmf_sent (MadoCallLeg *leg,
              const char  *digits,
              Fixture     *fixture)
{
  g_ptr_array_add (fixture->dtmf_sent, g_strdup (digits));
}

static void
dial (Fixture    *fixture,
      const char *uri)
{
  g_autoptr(GError) error = NULL;
  MadoDialRequest request = { .uri = uri, .language = "vi", .caller_name = "市民課 窓口3" };

  fixture->leg = mado_call_backend_dial (fixture->backend, &request, &error);
  g_assert_no_error (error);
  g_assert_true (MADO_IS_BARESIP_LEG (fixture->leg));
  g_assert_cmpint (mado_call_leg_get_state (fixture->leg), ==, MADO_CALL_STATE_DIALLING);

  fixture->helper_pid = mado_baresip_leg_get_pid (MADO_BARESIP_LEG (fixture->leg));
  g_assert_cmpint (fixture->helper_pid, >, 0);

  g_signal_connect (fixture->leg, "notify::state", G_CALLBACK (on_state), fixture);
  g_signal_connect (fixture->leg, "dtmf-sent", G_CALLBACK (on_dtmf_sent), fixture);
}

static char *
local_uri (guint16     port,
           const char *parameters)
{
  return g_strdup_printf ("sip:interpreter@127.0.0.1:%u%s", port, parameters != NULL ? parameters : "");
}

typedef struct {
  Fixture       *fixture;
  MadoCallState  state;
} StateWait;

static gboolean
reached_state (gpointer data)
{
  StateWait *wait = data;
  MadoCallState state = mado_call_leg_get_state (wait->fixture->leg);

  return state == wait->state || mado_call_state_is_final (state);
}

static void
wait_for_state (Fixture       *fixture,
                MadoCallState  state)
{
  StateWait wait = { fixture, state };

  g_assert_true (mado_test_wait_until (reached_state, &wait, STEP_TIMEOUT_S));
  g_assert_cmpstr (mado_call_state_to_string (mado_call_leg_get_state (fixture->leg)), ==,
                   mado_call_state_to_string (state));
}

static void
wait_for_end (Fixture *fixture)
{
  StateWait wait = { fixture, MADO_CALL_STATE_ENDED };

  g_assert_true (mado_test_wait_until (reached_state, &wait, STEP_TIMEOUT_S));
}

static gboolean
saw_states (Fixture             *fixture,
            const MadoCallState *expected,
            guint                n_expected)
{
  guint next = 0;

  for (guint i = 0; i < fixture->states->len && next < n_expected; i++)
    if (g_array_index (fixture->states, MadoCallState, i) == expected[next])
      next++;

  return next == n_expected;
}

/* Answered call: audio goes out, sipp echoes it, and what comes back is the same sweep. */

typedef struct {
  char  *folder;
  gsize  min_bytes;
} DumpWait;

static char *
find_dump (const char *folder,
           const char *suffix)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "dump-") && g_str_has_suffix (name, suffix))
      return g_build_filename (folder, name, NULL);

  return NULL;
}

static gboolean
enough_echo_received (gpointer data)
{
  DumpWait *wait = data;
  g_autofree char *path = find_dump (wait->folder, "-dec.wav");
  GStatBuf info;

  return path != NULL && g_stat (path, &info) == 0 && (gsize) info.st_size >= wait->min_bytes;
}

static void
test_answered_echo (Fixture       *fixture,
                    gconstpointer  data)
{
  static const MadoCallState expected[] = {
    MADO_CALL_STATE_RINGING, MADO_CALL_STATE_CONNECTED, MADO_CALL_STATE_ENDED
  };
  g_autofree char *recordings = g_build_filename (fixture->folder, "recordings", NULL);
  g_autofree char *source = g_strconcat ("aufile,", fixture->sweep_path, NULL);
  g_autofree char *uri = NULL;
  g_autofree char *messages = NULL;
  g_autofree char *sent_path = NULL;
  g_autofree char *received_path = NULL;
  g_autoptr(GArray) sent = NULL;
  g_autoptr(GArray) received = NULL;
  DumpWait dump_wait;
  double sent_match, echo_match;
  gsize lag = 0;

  g_assert_cmpint (g_mkdir (recordings, 0700), ==, 0);
  make_backend (fixture, "local-address", "127.0.0.1", "audio-source", source,
                "audio-player", "aubridge,madoguchi-test", "recording-folder", recordings, NULL);

  fixture->sipp = mado_test_sipp_start (fixture->folder, "answer.xml", TRUE, NULL);
  uri = local_uri (mado_test_sipp_get_port (fixture->sipp), NULL);
  dial (fixture, uri);
  wait_for_state (fixture, MADO_CALL_STATE_CONNECTED);
  g_assert_nonnull (mado_call_leg_get_call_id (fixture->leg));

  /* Three seconds of received audio hold the whole two-second sweep after any network delay. */
  dump_wait.folder = recordings;
  dump_wait.min_bytes = 44 + 3 * 8000 * 2;
  g_assert_true (mado_test_wait_until (enough_echo_received, &dump_wait, STEP_TIMEOUT_S));
  g_assert_cmpuint (mado_call_leg_get_duration (fixture->leg), >=, 2);

  mado_call_leg_hang_up (fixture->leg);
  wait_for_end (fixture);
  g_assert_cmpint (mado_call_leg_get_state (fixture->leg), ==, MADO_CALL_STATE_ENDED);
  g_assert_cmpint (mado_call_leg_get_failure (fixture->leg), ==, MADO_CALL_FAILURE_NONE);
  g_assert_false (mado_call_leg_get_remote_hangup (fixture->leg));
  g_assert_true (saw_states (fixture, expected, G_N_ELEMENTS (expected)));

  /* sipp saw the BYE, so its scenario (which also checks the language parameter) succeeded. */
  g_assert_cmpint (mado_test_sipp_wait (fixture->sipp, STEP_TIMEOUT_S), ==, 0);
  messages = mado_test_sipp_dup_messages (fixture->sipp);
  g_assert_nonnull (strstr (messages, "INVITE sip:interpreter@127.0.0.1"));
  g_assert_nonnull (strstr (messages, ";x-madoguchi-language=vi SIP/2.0"));
  g_assert_nonnull (strstr (messages, "\"市民課 窓口3\" <sip:madoguchi@127.0.0.1>"));

  /* Correlation, not bytes: G.711 is lossy, and the jitter buffer shifts the echo in time. */
  sent_path = find_dump (recordings, "-enc.wav");
  received_path = find_dump (recordings, "-dec.wav");
  g_assert_nonnull (sent_path);
  g_assert_nonnull (received_path);
  sent = mado_test_read_wav (sent_path);
  received = mado_test_read_wav (received_path);
  sent_match = mado_test_best_correlation (fixture->sweep, sent, NULL);
  echo_match = mado_test_best_correlation (fixture->sweep, received, &lag);
  g_test_message ("sent audio matches the sweep at %.4f; the echo at %.4f, %.0f ms later",
                  sent_match, echo_match, lag / 8.0);
  g_assert_cmpfloat (sent_match, >, 0.95);
  g_assert_cmpfloat (echo_match, >, 0.9);
}

static void
expect_rejection (Fixture         *fixture,
                  const char      *status_line,
                  MadoCallFailure  failure)
{
  g_autofree char *scenario = mado_test_reject_scenario (fixture->folder, status_line);
  g_autofree char *uri = NULL;

  fixture->sipp = mado_test_sipp_start (fixture->folder, scenario, FALSE, NULL);
  uri = local_uri (mado_test_sipp_get_port (fixture->sipp), NULL);
  dial (fixture, uri);
  wait_for_end (fixture);

  g_assert_cmpint (mado_call_leg_get_state (fixture->leg), ==, MADO_CALL_STATE_FAILED);
  g_assert_cmpstr (mado_call_failure_to_string (mado_call_leg_get_failure (fixture->leg)), ==,
                   mado_call_failure_to_string (failure));
  g_assert_cmpstr (mado_call_leg_get_failure_detail (fixture->leg), ==, status_line);
  g_assert_cmpint (mado_test_sipp_wait (fixture->sipp, STEP_TIMEOUT_S), ==, 0);
}

static void
test_busy (Fixture       *fixture,
           gconstpointer  data)
{
  expect_rejection (fixture, "486 Busy Here", MADO_CALL_FAILURE_BUSY);
}

static void
test_declined (Fixture       *fixture,
               gconstpointer  data)
{
  expect_rejection (fixture, "603 Decline", MADO_CALL_FAILURE_REJECTED);
}

static void
test_not_found (Fixture       *fixture,
                gconstpointer  data)
{
  expect_rejection (fixture, "404 Not Found", MADO_CALL_FAILURE_UNREACHABLE);
}

static void
test_no_answer (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *uri = NULL;

  fixture->sipp = mado_test_sipp_start (fixture->folder, "ring-no-answer.xml", FALSE, NULL);
  uri = local_uri (mado_test_sipp_get_port (fixture->sipp), NULL);
  dial (fixture, uri);
  wait_for_state (fixture, MADO_CALL_STATE_RINGING);

  mado_call_leg_give_up (fixture->leg, MADO_CALL_FAILURE_NO_ANSWER, "no answer within 1 seconds");
  wait_for_end (fixture);

  g_assert_cmpint (mado_call_leg_get_state (fixture->leg), ==, MADO_CALL_STATE_FAILED);
  g_assert_cmpint (mado_call_leg_get_failure (fixture->leg), ==, MADO_CALL_FAILURE_NO_ANSWER);
  g_assert_cmpstr (mado_call_leg_get_failure_detail (fixture->leg), ==, "no answer within 1 seconds");
  /* The service saw the CANCEL and had its 487 acknowledged. */
  g_assert_cmpint (mado_test_sipp_wait (fixture->sipp, STEP_TIMEOUT_S), ==, 0);
}

static void
test_remote_hangup (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *uri = NULL;

  fixture->sipp = mado_test_sipp_start (fixture->folder, "answer-then-bye.xml", TRUE, NULL);
  uri = local_uri (mado_test_sipp_get_port (fixture->sipp), NULL);
  dial (fixture, uri);
  wait_for_state (fixture, MADO_CALL_STATE_CONNECTED);
  wait_for_end (fixture);

  g_assert_cmpint (mado_call_leg_get_state (fixture->leg), ==, MADO_CALL_STATE_ENDED);
  g_assert_true (mado_call_leg_get_remote_hangup (fixture->leg));
  g_assert_cmpint (mado_call_leg_get_failure (fixture->leg), ==, MADO_CALL_FAILURE_NONE);
  g_assert_cmpint (mado_test_sipp_wait (fixture->sipp, STEP_TIMEOUT_S), ==, 0);
}

typedef struct {
  MadoTestRtp *rtp;
  const char  *digits;
} DigitWait;

static gboolean
digits_received (gpointer data)
{
  DigitWait *wait = data;

  return strlen (mado_test_rtp_get_digits (wait->rtp)) >= strlen (wait->digits);
}

static gboolean
both_reported_sent (gpointer data)
{
  return ((Fixture *) data)->dtmf_sent->len == 2;
}

static void
test_dtmf (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(MadoTestRtp) rtp = mado_test_rtp_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *rtp_port = g_strdup_printf ("%u", mado_test_rtp_get_port (rtp));
  g_autofree char *uri = NULL;
  DigitWait wait = { rtp, "3#1*" };

  /* The service's SDP points its audio at the test's own socket, which reads the events. */
  fixture->sipp = mado_test_sipp_start (fixture->folder, "answer.xml", FALSE, "rtpport", rtp_port, NULL);
  uri = local_uri (mado_test_sipp_get_port (fixture->sipp), NULL);
  dial (fixture, uri);

  g_assert_false (mado_call_leg_send_dtmf (fixture->leg, "3", &error));
  g_assert_error (error, MADO_CALL_ERROR, MADO_CALL_ERROR_WRONG_STATE);
  g_clear_error (&error);

  wait_for_state (fixture, MADO_CALL_STATE_CONNECTED);

  g_assert_false (mado_call_leg_send_dtmf (fixture->leg, "3x", &error));
  g_assert_error (error, MADO_CALL_ERROR, MADO_CALL_ERROR_INVALID_DIGITS);
  g_clear_error (&error);

  g_assert_true (mado_call_leg_send_dtmf (fixture->leg, "3#", &error));
  g_assert_no_error (error);
  g_assert_true (mado_call_leg_send_dtmf (fixture->leg, "1*", &error));
  g_assert_no_error (error);
  g_assert_true (mado_test_wait_until (digits_received, &wait, STEP_TIMEOUT_S));
  g_assert_cmpstr (mado_test_rtp_get_digits (rtp), ==, "3#1*");
  g_assert_true (mado_test_wait_until (both_reported_sent, fixture, STEP_TIMEOUT_S));

  mado_call_leg_hang_up (fixture->leg);
  wait_for_end (fixture);
  g_assert_cmpstr (g_ptr_array_index (fixture->dtmf_sent, 0), ==, "3#");
  g_assert_cmpstr (g_ptr_array_index (fixture->dtmf_sent, 1), ==, "1*");
  g_assert_cmpint (mado_test_sipp_wait (fixture->sipp, STEP_TIMEOUT_S), ==, 0);
}

static void
test_connection_refused (Fixture       *fixture,
                         gconstpointer  data)
{
  guint16 closed_port = mado_test_free_port (G_SOCKET_TYPE_STREAM, 1);
  g_autofree char *uri = local_uri (closed_port, ";transport=tcp");

  dial (fixture, uri);
  wait_for_end (fixture);

  g_assert_cmpint (mado_call_leg_get_state (fixture->leg), ==, MADO_CALL_STATE_FAILED);
  g_assert_cmpint (mado_call_leg_get_failure (fixture->leg), ==, MADO_CALL_FAILURE_UNREACHABLE);
  g_assert_nonnull (strstr (mado_call_leg_get_failure_detail (fixture->leg), "refused"));
}

static void
test_dns_failure (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(MadoTestDns) dns = mado_test_dns_new ();
  g_autofree char *dns_address = mado_test_dns_dup_address (dns);
  g_autofree char *source = g_strconcat ("aufile,", fixture->sweep_path, NULL);

  make_backend (fixture, "local-address", "127.0.0.1", "dns-server", dns_address, "audio-source", source,
                "audio-player", "aubridge,madoguchi-test", NULL);
  dial (fixture, "sip:interpreter@interpreters.example.invalid");
  wait_for_end (fixture);

  g_assert_cmpint (mado_call_leg_get_state (fixture->leg), ==, MADO_CALL_STATE_FAILED);
  g_assert_cmpint (mado_call_leg_get_failure (fixture->leg), ==, MADO_CALL_FAILURE_UNREACHABLE);
  g_assert_nonnull (strstr (mado_call_leg_get_failure_detail (fixture->leg), "DNS"));
  /* The name was asked of the test's server, not of the network. */
  g_assert_cmpuint (mado_test_dns_get_n_queries (dns), >, 0);
}

static void
test_killed_mid_call (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *uri = NULL;

  fixture->sipp = mado_test_sipp_start (fixture->folder, "answer.xml", TRUE, NULL);
  uri = local_uri (mado_test_sipp_get_port (fixture->sipp), NULL);
  dial (fixture, uri);
  wait_for_state (fixture, MADO_CALL_STATE_CONNECTED);

  g_assert_cmpint (kill (fixture->helper_pid, SIGKILL), ==, 0);
  wait_for_end (fixture);

  g_assert_cmpint (mado_call_leg_get_state (fixture->leg), ==, MADO_CALL_STATE_FAILED);
  g_assert_cmpint (mado_call_leg_get_failure (fixture->leg), ==, MADO_CALL_FAILURE_HELPER_DIED);
  g_assert_nonnull (strstr (mado_call_leg_get_failure_detail (fixture->leg), "signal 9"));
  g_assert_true (mado_test_wait_until (helper_gone, fixture, STEP_TIMEOUT_S));
  g_assert_cmpint (mado_baresip_leg_get_pid (MADO_BARESIP_LEG (fixture->leg)), ==, 0);
}

static void
test_dispose_mid_call (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *uri = NULL;

  fixture->sipp = mado_test_sipp_start (fixture->folder, "answer.xml", TRUE, NULL);
  uri = local_uri (mado_test_sipp_get_port (fixture->sipp), NULL);
  dial (fixture, uri);
  wait_for_state (fixture, MADO_CALL_STATE_CONNECTED);

  g_assert_finalize_object (g_steal_pointer (&fixture->leg));
  g_assert_true (mado_test_wait_until (helper_gone, fixture, STEP_TIMEOUT_S));
}

static void
test_microphone_missing (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *uri = NULL;
  const char *detail;

  make_backend (fixture, "local-address", "127.0.0.1", "audio-source", "alsa,madoguchi-no-such-microphone",
                "audio-player", "aubridge,madoguchi-test", NULL);
  fixture->sipp = mado_test_sipp_start (fixture->folder, "answer.xml", TRUE, NULL);
  uri = local_uri (mado_test_sipp_get_port (fixture->sipp), NULL);
  dial (fixture, uri);
  wait_for_end (fixture);

  g_assert_cmpint (mado_call_leg_get_state (fixture->leg), ==, MADO_CALL_STATE_FAILED);
  g_assert_cmpint (mado_call_leg_get_failure (fixture->leg), ==, MADO_CALL_FAILURE_AUDIO_DEVICE);
  detail = mado_call_leg_get_failure_detail (fixture->leg);
  g_assert_nonnull (strstr (detail, "microphone"));
  g_assert_nonnull (strstr (detail, "madoguchi-no-such-microphone"));
}

static void
test_helper_missing (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoCallLeg) leg = NULL;
  MadoDialRequest request = { .uri = "sip:interpreter@127.0.0.1:5999", .language = "vi" };

  make_backend (fixture, "program", "madoguchi-no-such-helper", NULL);
  leg = mado_call_backend_dial (fixture->backend, &request, &error);
  g_assert_null (leg);
  g_assert_error (error, MADO_CALL_ERROR, MADO_CALL_ERROR_HELPER_MISSING);
  g_assert_nonnull (strstr (error->message, "baresip-core"));
}

static void
test_bad_uri (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoCallLeg) leg = NULL;
  MadoDialRequest request = { .uri = "sip:interpreter@127.0.0.1:5999?X-Header=1", .language = "vi" };

  leg = mado_call_backend_dial (fixture->backend, &request, &error);
  g_assert_null (leg);
  g_assert_error (error, MADO_CALL_ERROR, MADO_CALL_ERROR_INVALID_URI);
}

int
main (int    argc,
      char **argv)
{
  const char *system_tmp = g_getenv ("TMPDIR");
  g_autofree char *tmp = g_build_filename (system_tmp != NULL && *system_tmp != '\0' ? system_tmp : "/tmp",
                                           "madoguchi-test-baresip-XXXXXX", NULL);
  int status;

  /* A temporary folder of this test's own, so it can see that no helper folder is left in it.
   * GLib reads TMPDIR once, at the first g_get_tmp_dir(), so this comes before anything else. */
  g_assert_nonnull (g_mkdtemp (tmp));
  g_setenv ("TMPDIR", tmp, TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/madoguchi/baresip/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("answered-echo", test_answered_echo);
  ADD ("busy", test_busy);
  ADD ("declined", test_declined);
  ADD ("not-found", test_not_found);
  ADD ("no-answer", test_no_answer);
  ADD ("remote-hangup", test_remote_hangup);
  ADD ("dtmf", test_dtmf);
  ADD ("connection-refused", test_connection_refused);
  ADD ("dns-failure", test_dns_failure);
  ADD ("killed-mid-call", test_killed_mid_call);
  ADD ("dispose-mid-call", test_dispose_mid_call);
  ADD ("microphone-missing", test_microphone_missing);
  ADD ("helper-missing", test_helper_missing);
  ADD ("bad-uri", test_bad_uri);

  status = g_test_run ();
  mado_test_remove_folder (tmp);
  return status;
}

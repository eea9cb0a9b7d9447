/* test-interpreter-call.c: the fallback chain with real baresip calls to sipp services on 127.0.0.1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-baresip-backend.h"
#include "mado-baresip-leg.h"
#include "mado-interpreter-call.h"
#include "mado-interpreter-directory.h"
#include "mado-sip-test-utils.h"

#include <json-glib/json-glib.h>
#include <signal.h>
#include <string.h>

#define STEP_TIMEOUT_S 30

typedef struct {
  char                     *folder;
  char                     *sweep_path;
  GArray                   *sweep;
  MadoCallBackend          *backend;
  MadoUsageLog             *usage_log;
  MadoInterpreterDirectory *directory;
  MadoInterpreterCall      *call;
  GString                  *attempts;      /* "id:failure " for each attempt-finished */
  GString                  *states;        /* "dialling ringing connected …" */
  GPtrArray                *sipps;
  GPtrArray                *dtmf_sent;
  gboolean                  context_sent;
  GError                   *context_error;
  guint                     duration_notifications;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *source = NULL;
  g_autofree char *usage_path = NULL;
  g_autoptr(GError) error = NULL;

  fixture->folder = mado_test_make_folder ("madoguchi-chaintest");
  fixture->sweep_path = g_build_filename (fixture->folder, "sweep.wav", NULL);
  fixture->sweep = mado_test_write_sweep_wav (fixture->sweep_path, 8000, 2.0, 60.0);
  source = g_strconcat ("aufile,", fixture->sweep_path, NULL);
  fixture->backend = MADO_CALL_BACKEND (g_object_new (MADO_TYPE_BARESIP_BACKEND,
                                                      "local-address", "127.0.0.1",
                                                      "audio-source", source,
                                                      "audio-player", "aubridge,madoguchi-test",
                                                      NULL));
  usage_path = g_build_filename (fixture->folder, "usage.db", NULL);
  fixture->usage_log = mado_usage_log_open (usage_path, &error);
  g_assert_no_error (error);
  fixture->attempts = g_string_new (NULL);
  fixture->states = g_string_new (NULL);
  fixture->sipps = g_ptr_array_new_with_free_func ((GDestroyNotify) mado_test_sipp_free);
  fixture->dtmf_sent = g_ptr_array_new_with_free_func (g_free);
}

static gboolean
no_helper_running (gpointer data)
{
  g_autoptr(GDir) dir = g_dir_open (g_get_tmp_dir (), 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "madoguchi-baresip-"))
      return FALSE;

  return TRUE;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->call != NULL)
    g_assert_finalize_object (g_steal_pointer (&fixture->call));
  g_assert_true (mado_test_wait_until (no_helper_running, NULL, STEP_TIMEOUT_S));

  g_ptr_array_unref (fixture->sipps);
  g_clear_object (&fixture->directory);
  g_clear_object (&fixture->usage_log);
  g_clear_object (&fixture->backend);
  g_clear_error (&fixture->context_error);
  g_string_free (fixture->attempts, TRUE);
  g_string_free (fixture->states, TRUE);
  g_ptr_array_unref (fixture->dtmf_sent);
  g_array_unref (fixture->sweep);
  mado_test_remove_folder (fixture->folder);
  g_free (fixture->folder);
  g_free (fixture->sweep_path);
}

/* The far ends */

static MadoTestSipp *
start_sipp (Fixture    *fixture,
            const char *scenario,
            guint16    *out_port)
{
  MadoTestSipp *sipp = mado_test_sipp_start (fixture->folder, scenario, TRUE, NULL);

  g_ptr_array_add (fixture->sipps, sipp);
  *out_port = mado_test_sipp_get_port (sipp);
  return sipp;
}

static MadoTestSipp *
start_rejecting (Fixture    *fixture,
                 const char *status_line,
                 guint16    *out_port)
{
  g_autofree char *scenario = mado_test_reject_scenario (fixture->folder, status_line);

  return start_sipp (fixture, scenario, out_port);
}

/* {"id": …, "name": …, "sip": "sip:ID@127.0.0.1:PORT", "languages": ["vi", "en"] EXTRA} */
static char *
service (const char *id,
         guint16     port,
         const char *uri_parameters,
         const char *extra)
{
  return g_strdup_printf ("{\"id\": \"%s\", \"name\": {\"ja\": \"%s（架空）\", \"en\": \"%s (fictional)\"},"
                          " \"sip\": \"sip:%s@127.0.0.1:%u%s\", \"languages\": [\"vi\", \"en\"]%s}",
                          id, id, id, id, port, uri_parameters != NULL ? uri_parameters : "",
                          extra != NULL ? extra : "");
}

/* Signals and notifications */

static void
on_attempt_finished (MadoInterpreterCall    *call,
                     MadoInterpreterService *service,
                     MadoCallFailure         failure,
                     const char             *detail,
                     Fixture                *fixture)
{
  g_string_append_printf (fixture->attempts, "%s:%s ", mado_interpreter_service_get_id (service),
                          mado_call_failure_to_string (failure));
}

static void
on_state (MadoInterpreterCall *call,
          GParamSpec          *pspec,
          Fixture             *fixture)
{
  g_string_append_printf (fixture->states, "%s%s", fixture->states->len > 0 ? " " : "",
                          mado_call_state_to_string (mado_interpreter_call_get_state (call)));
}

static void
on_duration (MadoInterpreterCall *call,
             GParamSpec          *pspec,
             Fixture             *fixture)
{
  fixture->duration_notifications++;
}

static void
on_dtmf_sent (MadoInterpreterCall *call,
              const char          *digits,
              Fixture             *fixture)
{
  g_ptr_array_add (fixture->dtmf_sent, g_strdup (digits));
}

static void
on_context_sent (MadoInterpreterCall *call,
                 const GError        *error,
                 Fixture             *fixture)
{
  fixture->context_sent = TRUE;
  fixture->context_error = error != NULL ? g_error_copy (error) : NULL;
}

/* Makes the directory, plans for Vietnamese now, and prepares the call (not started). */
static void
prepare_call (Fixture    *fixture,
              const char *trunk,
              const char *services,
              const char *chain)
{
  g_autofree char *path = g_build_filename (fixture->folder, "interpreters.json", NULL);
  g_autofree char *text = g_strdup_printf ("{\"version\": 1, \"timezone\": \"UTC\", %s%s"
                                           " \"dial_by_hand\": \"0120-000-999\","
                                           " \"services\": [%s], \"chains\": {\"vi\": [%s]}}",
                                           trunk != NULL ? trunk : "", trunk != NULL ? "," : "",
                                           services, chain);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(MadoInterpreterPlan) plan = NULL;
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  fixture->directory = mado_interpreter_directory_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mado_interpreter_directory_get_diagnostics (fixture->directory)->len, ==, 0);

  plan = mado_interpreter_directory_plan (fixture->directory, "vi", now);
  fixture->call = mado_interpreter_call_new (fixture->backend, plan);
  mado_interpreter_call_set_usage_log (fixture->call, fixture->usage_log);
  mado_interpreter_call_set_counter_name (fixture->call, "市民課 窓口3");
  g_assert_cmpint (mado_interpreter_call_get_state (fixture->call), ==, MADO_CALL_STATE_IDLE);
  g_assert_cmpuint (mado_interpreter_call_get_step (fixture->call), ==, 0);

  g_signal_connect (fixture->call, "attempt-finished", G_CALLBACK (on_attempt_finished), fixture);
  g_signal_connect (fixture->call, "notify::state", G_CALLBACK (on_state), fixture);
  g_signal_connect (fixture->call, "notify::duration", G_CALLBACK (on_duration), fixture);
  g_signal_connect (fixture->call, "dtmf-sent", G_CALLBACK (on_dtmf_sent), fixture);
  g_signal_connect (fixture->call, "context-sent", G_CALLBACK (on_context_sent), fixture);
}

typedef struct {
  Fixture       *fixture;
  MadoCallState  state;
} StateWait;

static gboolean
reached_state (gpointer data)
{
  StateWait *wait = data;
  MadoCallState state = mado_interpreter_call_get_state (wait->fixture->call);

  return state == wait->state || mado_call_state_is_final (state);
}

static void
wait_for_state (Fixture       *fixture,
                MadoCallState  state)
{
  StateWait wait = { fixture, state };

  g_assert_true (mado_test_wait_until (reached_state, &wait, STEP_TIMEOUT_S));
  g_assert_cmpstr (mado_call_state_to_string (mado_interpreter_call_get_state (fixture->call)), ==,
                   mado_call_state_to_string (state));
}

static char *
usage_figures (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) counts = mado_usage_log_count_handoffs (fixture->usage_log, NULL, NULL, &error);
  g_autoptr(GString) text = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < counts->len; i++)
    {
      MadoHandoffCount *count = g_ptr_array_index (counts, i);

      g_string_append_printf (text, "%s%s/%s=%u", i > 0 ? " " : "", count->language, count->outcome, count->count);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static const char *
service_id (Fixture *fixture)
{
  return mado_interpreter_service_get_id (mado_interpreter_call_get_service (fixture->call));
}

/* The tests */

static void
test_busy_then_next (Fixture       *fixture,
                     gconstpointer  data)
{
  guint16 busy_port, answer_port;
  MadoTestSipp *busy = start_rejecting (fixture, "486 Busy Here", &busy_port);
  MadoTestSipp *answer = start_sipp (fixture, "answer.xml", &answer_port);
  g_autofree char *first = service ("contract", busy_port, NULL, NULL);
  g_autofree char *second = service ("national", answer_port, NULL, NULL);
  g_autofree char *services = g_strconcat (first, ", ", second, NULL);
  g_autofree char *messages = NULL;
  g_autofree char *figures = NULL;

  prepare_call (fixture, NULL, services, "\"contract\", \"national\"");
  g_assert_cmpuint (mado_interpreter_call_get_n_steps (fixture->call), ==, 2);
  mado_interpreter_call_start (fixture->call);
  g_assert_cmpuint (mado_interpreter_call_get_step (fixture->call), ==, 1);
  g_assert_cmpstr (service_id (fixture), ==, "contract");

  wait_for_state (fixture, MADO_CALL_STATE_CONNECTED);
  g_assert_cmpstr (fixture->attempts->str, ==, "contract:busy ");
  g_assert_cmpstr (service_id (fixture), ==, "national");
  g_assert_cmpuint (mado_interpreter_call_get_step (fixture->call), ==, 2);
  g_assert_cmpint (mado_interpreter_call_get_failure (fixture->call), ==, MADO_CALL_FAILURE_NONE);
  g_assert_nonnull (mado_interpreter_call_get_call_id (fixture->call));

  mado_interpreter_call_hang_up (fixture->call);
  wait_for_state (fixture, MADO_CALL_STATE_ENDED);
  g_assert_cmpstr (fixture->states->str, ==, "dialling ringing connected ended");
  g_assert_cmpstr (fixture->attempts->str, ==, "contract:busy national:none ");
  g_assert_false (mado_interpreter_call_get_remote_hangup (fixture->call));

  g_assert_cmpint (mado_test_sipp_wait (busy, STEP_TIMEOUT_S), ==, 0);
  g_assert_cmpint (mado_test_sipp_wait (answer, STEP_TIMEOUT_S), ==, 0);
  messages = mado_test_sipp_dup_messages (answer);
  g_assert_nonnull (strstr (messages, ";x-madoguchi-language=vi SIP/2.0"));

  figures = usage_figures (fixture);
  g_assert_cmpstr (figures, ==, "vi/connected=1");
}

static void
test_closed_skipped (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(MadoTestRtp) never_called = mado_test_rtp_new ();
  guint16 answer_port;
  MadoTestSipp *answer = start_sipp (fixture, "answer.xml", &answer_port);
  g_autofree char *closed = service ("closed", mado_test_rtp_get_port (never_called), NULL,
                                     ", \"hours\": {\"daily\": []}");
  g_autofree char *open = service ("open", answer_port, NULL, NULL);
  g_autofree char *services = g_strconcat (closed, ", ", open, NULL);

  prepare_call (fixture, NULL, services, "\"closed\", \"open\"");
  g_assert_false (mado_interpreter_plan_is_open (mado_interpreter_call_get_plan (fixture->call), 0));
  mado_interpreter_call_start (fixture->call);

  wait_for_state (fixture, MADO_CALL_STATE_CONNECTED);
  g_assert_cmpstr (fixture->attempts->str, ==, "closed:closed ");
  mado_interpreter_call_hang_up (fixture->call);
  wait_for_state (fixture, MADO_CALL_STATE_ENDED);
  g_assert_cmpint (mado_test_sipp_wait (answer, STEP_TIMEOUT_S), ==, 0);

  /* Nothing at all was sent to the closed service. */
  g_assert_cmpuint (mado_test_rtp_get_n_datagrams (never_called), ==, 0);
}

static void
test_dial_by_hand (Fixture       *fixture,
                   gconstpointer  data)
{
  guint16 busy_port, decline_port;
  MadoTestSipp *busy = start_rejecting (fixture, "486 Busy Here", &busy_port);
  MadoTestSipp *decline = start_rejecting (fixture, "603 Decline", &decline_port);
  g_autofree char *first = service ("contract", busy_port, NULL, NULL);
  g_autofree char *second = service ("national", decline_port, NULL, NULL);
  g_autofree char *third = service ("night", 5999, NULL, ", \"hours\": {\"daily\": []}");
  g_autofree char *services = g_strjoin (", ", first, second, third, NULL);
  g_autofree char *figures = NULL;

  prepare_call (fixture, NULL, services, "\"contract\", \"national\", \"night\"");
  mado_interpreter_call_start (fixture->call);
  wait_for_state (fixture, MADO_CALL_STATE_DIAL_BY_HAND);

  g_assert_cmpstr (fixture->attempts->str, ==, "contract:busy national:rejected night:closed ");
  g_assert_cmpstr (mado_interpreter_call_get_manual_number (fixture->call), ==, "0120-000-999");
  g_assert_cmpint (mado_interpreter_call_get_failure (fixture->call), ==, MADO_CALL_FAILURE_CLOSED);
  g_assert_cmpuint (mado_interpreter_call_get_step (fixture->call), ==, 3);
  g_assert_cmpint (mado_test_sipp_wait (busy, STEP_TIMEOUT_S), ==, 0);
  g_assert_cmpint (mado_test_sipp_wait (decline, STEP_TIMEOUT_S), ==, 0);

  figures = usage_figures (fixture);
  g_assert_cmpstr (figures, ==, "vi/dial-by-hand=1");
}

static void
test_no_answer_then_next (Fixture       *fixture,
                          gconstpointer  data)
{
  guint16 ringing_port, answer_port;
  MadoTestSipp *ringing = start_sipp (fixture, "ring-no-answer.xml", &ringing_port);
  MadoTestSipp *answer = start_sipp (fixture, "answer.xml", &answer_port);
  g_autofree char *first = service ("slow", ringing_port, NULL, NULL);
  g_autofree char *second = service ("quick", answer_port, NULL, NULL);
  g_autofree char *services = g_strconcat (first, ", ", second, NULL);

  prepare_call (fixture, NULL, services, "\"slow\", \"quick\"");
  mado_interpreter_call_set_answer_timeout (fixture->call, 1);
  mado_interpreter_call_start (fixture->call);

  wait_for_state (fixture, MADO_CALL_STATE_CONNECTED);
  g_assert_cmpstr (fixture->attempts->str, ==, "slow:no-answer ");
  g_assert_cmpstr (fixture->states->str, ==, "dialling ringing dialling ringing connected");
  mado_interpreter_call_hang_up (fixture->call);
  wait_for_state (fixture, MADO_CALL_STATE_ENDED);

  /* The ringing service saw the CANCEL. */
  g_assert_cmpint (mado_test_sipp_wait (ringing, STEP_TIMEOUT_S), ==, 0);
  g_assert_cmpint (mado_test_sipp_wait (answer, STEP_TIMEOUT_S), ==, 0);
}

static void
test_unreachable_then_next (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(MadoTestRtp) silent = mado_test_rtp_new ();
  guint16 closed_port = mado_test_free_port (G_SOCKET_TYPE_STREAM, 1);
  guint16 answer_port;
  MadoTestSipp *answer = start_sipp (fixture, "answer.xml", &answer_port);
  g_autofree char *refused = service ("refused", closed_port, ";transport=tcp", NULL);
  g_autofree char *quiet = service ("quiet", mado_test_rtp_get_port (silent), NULL, NULL);
  g_autofree char *working = service ("working", answer_port, NULL, NULL);
  g_autofree char *services = g_strjoin (", ", refused, quiet, working, NULL);

  prepare_call (fixture, NULL, services, "\"refused\", \"quiet\", \"working\"");
  mado_interpreter_call_set_answer_timeout (fixture->call, 1);
  mado_interpreter_call_start (fixture->call);

  wait_for_state (fixture, MADO_CALL_STATE_CONNECTED);
  g_assert_cmpstr (fixture->attempts->str, ==, "refused:unreachable quiet:unreachable ");
  /* The quiet service was called (its socket got the INVITE) and never answered. */
  g_assert_cmpuint (mado_test_rtp_get_n_datagrams (silent), >, 0);

  mado_interpreter_call_hang_up (fixture->call);
  wait_for_state (fixture, MADO_CALL_STATE_ENDED);
  g_assert_cmpint (mado_test_sipp_wait (answer, STEP_TIMEOUT_S), ==, 0);
}

typedef struct {
  MadoTestRtp *rtp;
  Fixture     *fixture;
} DigitWait;

static gboolean
digits_arrived (gpointer data)
{
  DigitWait *wait = data;

  return wait->fixture->dtmf_sent->len > 0 && strlen (mado_test_rtp_get_digits (wait->rtp)) > 0;
}

static gboolean
second_digits_arrived (gpointer data)
{
  DigitWait *wait = data;

  return wait->fixture->dtmf_sent->len > 1 && strlen (mado_test_rtp_get_digits (wait->rtp)) >= 3;
}

static void
test_language_digits (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(MadoTestRtp) rtp = mado_test_rtp_new ();
  g_autofree char *rtp_port = g_strdup_printf ("%u", mado_test_rtp_get_port (rtp));
  MadoTestSipp *sipp = mado_test_sipp_start (fixture->folder, "answer.xml", FALSE, "rtpport", rtp_port, NULL);
  g_autofree char *menu = service ("voice-menu", mado_test_sipp_get_port (sipp), NULL,
                                   ", \"dtmf\": {\"vi\": \"4\", \"en\": \"1\"}, \"dtmf_delay_ms\": 200");
  DigitWait wait = { rtp, fixture };
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (fixture->sipps, sipp);
  prepare_call (fixture, NULL, menu, "\"voice-menu\"");
  g_assert_cmpstr (mado_interpreter_call_get_language (fixture->call), ==, "vi");
  g_assert_false (mado_interpreter_call_send_dtmf (fixture->call, "1", &error));
  g_assert_error (error, MADO_CALL_ERROR, MADO_CALL_ERROR_WRONG_STATE);
  g_clear_error (&error);
  mado_interpreter_call_start (fixture->call);
  wait_for_state (fixture, MADO_CALL_STATE_CONNECTED);

  /* The voice menu hears Vietnamese's digit, not English's. */
  g_assert_true (mado_test_wait_until (digits_arrived, &wait, STEP_TIMEOUT_S));
  g_assert_cmpstr (mado_test_rtp_get_digits (rtp), ==, "4");
  g_assert_cmpstr (g_ptr_array_index (fixture->dtmf_sent, 0), ==, "4");

  /* The clerk's keypad, later in the call. */
  g_assert_true (mado_interpreter_call_send_dtmf (fixture->call, "0#", &error));
  g_assert_no_error (error);
  g_assert_true (mado_test_wait_until (second_digits_arrived, &wait, STEP_TIMEOUT_S));
  g_assert_cmpstr (mado_test_rtp_get_digits (rtp), ==, "40#");

  mado_interpreter_call_hang_up (fixture->call);
  wait_for_state (fixture, MADO_CALL_STATE_ENDED);
  g_assert_cmpint (mado_test_sipp_wait (sipp, STEP_TIMEOUT_S), ==, 0);
}

static void
test_trunk_number (Fixture       *fixture,
                   gconstpointer  data)
{
  guint16 proxy_port;
  MadoTestSipp *proxy = start_sipp (fixture, "answer.xml", &proxy_port);
  g_autofree char *trunk = g_strdup_printf ("\"trunk\": {\"domain\": \"trunk.example.invalid\", \"proxy\": "
                                            "\"sip:127.0.0.1:%u\", \"username\": \"kiosk-0001\", "
                                            "\"password\": \"fictional-secret\"}", proxy_port);
  g_autofree char *messages = NULL;
  const char *number = "{\"id\": \"free-line\", \"name\": {\"ja\": \"無料（架空）\", \"en\": \"Free (fictional)\"},"
                       " \"number\": \"0120-000-101\", \"languages\": [\"vi\"]}";

  prepare_call (fixture, trunk, number, "\"free-line\"");
  mado_interpreter_call_start (fixture->call);
  wait_for_state (fixture, MADO_CALL_STATE_CONNECTED);
  mado_interpreter_call_hang_up (fixture->call);
  wait_for_state (fixture, MADO_CALL_STATE_ENDED);
  g_assert_cmpint (mado_test_sipp_wait (proxy, STEP_TIMEOUT_S), ==, 0);

  /* The number went to the proxy, addressed at the trunk's domain, from the trunk account. */
  messages = mado_test_sipp_dup_messages (proxy);
  g_assert_nonnull (strstr (messages, "INVITE sip:0120000101@trunk.example.invalid;user=phone;"
                                      "x-madoguchi-language=vi SIP/2.0"));
  g_assert_nonnull (strstr (messages, "<sip:kiosk-0001@trunk.example.invalid>"));
  g_assert_null (strstr (messages, "fictional-secret"));
}

static gboolean
context_arrived (gpointer data)
{
  return ((Fixture *) data)->context_sent;
}

static void
test_context_webhook (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(MadoTestWebhookServer) server = mado_test_webhook_server_new (200);
  g_autofree char *url = mado_test_webhook_server_dup_url (server);
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoContextWebhook) webhook = mado_context_webhook_new (url, 5000, TRUE, &error);
  g_autoptr(GPtrArray) turns = g_ptr_array_new_with_free_func ((GDestroyNotify) mado_context_turn_free);
  g_autoptr(JsonParser) parser = json_parser_new ();
  guint16 answer_port;
  MadoTestSipp *answer = start_sipp (fixture, "answer.xml", &answer_port);
  g_autofree char *interpreter = service ("contract", answer_port, NULL, NULL);
  GBytes *body;
  JsonObject *context;

  g_assert_no_error (error);
  g_ptr_array_add (turns, mado_context_turn_new ("staff", "ja", "転入届ですね。", "Chị muốn nộp giấy chuyển đến phải không?"));
  g_ptr_array_add (turns, mado_context_turn_new ("resident", "vi", "Vâng.", "はい。"));

  prepare_call (fixture, NULL, interpreter, "\"contract\"");
  mado_interpreter_call_set_context (fixture->call, webhook, "moving", turns);
  mado_interpreter_call_start (fixture->call);
  wait_for_state (fixture, MADO_CALL_STATE_CONNECTED);

  g_assert_true (mado_test_wait_until (context_arrived, fixture, STEP_TIMEOUT_S));
  g_assert_no_error (fixture->context_error);

  body = mado_test_webhook_server_get_body (server);
  json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), (gssize) g_bytes_get_size (body), &error);
  g_assert_no_error (error);
  context = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (context, "language"), ==, "vi");
  g_assert_cmpstr (json_object_get_string_member (context, "counter"), ==, "市民課 窓口3");
  g_assert_cmpstr (json_object_get_string_member (context, "genre"), ==, "moving");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (context, "service"), "id"), ==,
                   "contract");
  g_assert_cmpstr (json_object_get_string_member (context, "call_id"), ==,
                   mado_interpreter_call_get_call_id (fixture->call));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (context, "turns")), ==, 2);

  mado_interpreter_call_hang_up (fixture->call);
  wait_for_state (fixture, MADO_CALL_STATE_ENDED);
  g_assert_cmpint (mado_test_sipp_wait (answer, STEP_TIMEOUT_S), ==, 0);
}

static void
test_webhook_never_answers (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(MadoTestWebhookServer) server = mado_test_webhook_server_new (0);
  g_autofree char *url = mado_test_webhook_server_dup_url (server);
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoContextWebhook) webhook = mado_context_webhook_new (url, 1000, FALSE, &error);
  guint16 answer_port;
  MadoTestSipp *answer = start_sipp (fixture, "answer.xml", &answer_port);
  g_autofree char *interpreter = service ("contract", answer_port, NULL, NULL);

  g_assert_no_error (error);
  prepare_call (fixture, NULL, interpreter, "\"contract\"");
  mado_interpreter_call_set_context (fixture->call, webhook, NULL, NULL);
  mado_interpreter_call_start (fixture->call);

  /* Connected while the webhook still hangs: the call did not wait for it. */
  wait_for_state (fixture, MADO_CALL_STATE_CONNECTED);
  g_assert_false (fixture->context_sent);

  /* Its timeout is reported, and the call goes on. */
  g_assert_true (mado_test_wait_until (context_arrived, fixture, STEP_TIMEOUT_S));
  g_assert_error (fixture->context_error, MADO_WEBHOOK_ERROR, MADO_WEBHOOK_ERROR_TIMEOUT);
  g_assert_cmpuint (mado_test_webhook_server_get_n_requests (server), ==, 1);
  g_assert_cmpint (mado_interpreter_call_get_state (fixture->call), ==, MADO_CALL_STATE_CONNECTED);

  mado_interpreter_call_hang_up (fixture->call);
  wait_for_state (fixture, MADO_CALL_STATE_ENDED);
  g_assert_cmpint (mado_test_sipp_wait (answer, STEP_TIMEOUT_S), ==, 0);
}

static gboolean
duration_reached_two (gpointer data)
{
  Fixture *fixture = data;

  return mado_interpreter_call_get_duration (fixture->call) >= 2 ||
         mado_call_state_is_final (mado_interpreter_call_get_state (fixture->call));
}

static void
test_remote_hangup (Fixture       *fixture,
                    gconstpointer  data)
{
  guint16 answer_port;
  MadoTestSipp *answer = start_sipp (fixture, "answer-then-bye.xml", &answer_port);
  g_autofree char *interpreter = service ("contract", answer_port, NULL, NULL);

  prepare_call (fixture, NULL, interpreter, "\"contract\"");
  mado_interpreter_call_start (fixture->call);
  wait_for_state (fixture, MADO_CALL_STATE_ENDED);

  g_assert_true (mado_interpreter_call_get_remote_hangup (fixture->call));
  g_assert_cmpstr (fixture->attempts->str, ==, "contract:none ");
  g_assert_cmpint (mado_test_sipp_wait (answer, STEP_TIMEOUT_S), ==, 0);
}

static void
test_duration (Fixture       *fixture,
               gconstpointer  data)
{
  guint16 answer_port;
  MadoTestSipp *answer = start_sipp (fixture, "answer.xml", &answer_port);
  g_autofree char *interpreter = service ("contract", answer_port, NULL, NULL);
  guint duration;

  prepare_call (fixture, NULL, interpreter, "\"contract\"");
  mado_interpreter_call_start (fixture->call);
  wait_for_state (fixture, MADO_CALL_STATE_CONNECTED);
  g_assert_cmpuint (mado_interpreter_call_get_duration (fixture->call), ==, 0);

  g_assert_true (mado_test_wait_until (duration_reached_two, fixture, STEP_TIMEOUT_S));
  g_assert_cmpuint (fixture->duration_notifications, >=, 2);

  mado_interpreter_call_hang_up (fixture->call);
  wait_for_state (fixture, MADO_CALL_STATE_ENDED);
  duration = mado_interpreter_call_get_duration (fixture->call);
  g_assert_cmpuint (duration, >=, 2);
  g_assert_cmpint (mado_test_sipp_wait (answer, STEP_TIMEOUT_S), ==, 0);
}

typedef struct {
  GPid pid;
} Helper;

static gboolean
helper_gone (gpointer data)
{
  return mado_test_process_gone (((Helper *) data)->pid);
}

static void
test_helper_died (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(MadoTestRtp) never_called = mado_test_rtp_new ();
  guint16 answer_port;
  g_autofree char *first = NULL;
  g_autofree char *second = service ("national", mado_test_rtp_get_port (never_called), NULL, NULL);
  g_autofree char *services = NULL;
  g_autofree char *figures = NULL;
  Helper helper = { 0 };

  start_sipp (fixture, "answer.xml", &answer_port);
  first = service ("contract", answer_port, NULL, NULL);
  services = g_strconcat (first, ", ", second, NULL);

  prepare_call (fixture, NULL, services, "\"contract\", \"national\"");
  mado_interpreter_call_start (fixture->call);
  wait_for_state (fixture, MADO_CALL_STATE_CONNECTED);

  /* The call does not show its helper; it is the test's only baresip child. */
  helper.pid = mado_test_find_child ("baresip");
  g_assert_cmpint (helper.pid, >, 0);
  g_assert_cmpint (kill (helper.pid, SIGKILL), ==, 0);
  wait_for_state (fixture, MADO_CALL_STATE_FAILED);

  g_assert_cmpint (mado_interpreter_call_get_failure (fixture->call), ==, MADO_CALL_FAILURE_HELPER_DIED);
  g_assert_cmpstr (mado_interpreter_call_get_manual_number (fixture->call), ==, "0120-000-999");
  g_assert_true (mado_test_wait_until (helper_gone, &helper, STEP_TIMEOUT_S));
  /* The interpreter was on the line; nobody else is called behind the clerk's back. */
  g_assert_cmpuint (mado_test_rtp_get_n_datagrams (never_called), ==, 0);

  figures = usage_figures (fixture);
  g_assert_cmpstr (figures, ==, "vi/connected=1");
}

static void
test_hang_up_while_ringing (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(MadoTestRtp) never_called = mado_test_rtp_new ();
  guint16 ringing_port;
  MadoTestSipp *ringing = start_sipp (fixture, "ring-no-answer.xml", &ringing_port);
  g_autofree char *first = service ("slow", ringing_port, NULL, NULL);
  g_autofree char *second = service ("next", mado_test_rtp_get_port (never_called), NULL, NULL);
  g_autofree char *services = g_strconcat (first, ", ", second, NULL);
  g_autofree char *figures = NULL;

  prepare_call (fixture, NULL, services, "\"slow\", \"next\"");
  mado_interpreter_call_start (fixture->call);
  wait_for_state (fixture, MADO_CALL_STATE_RINGING);

  mado_interpreter_call_hang_up (fixture->call);
  wait_for_state (fixture, MADO_CALL_STATE_ENDED);
  g_assert_cmpstr (fixture->attempts->str, ==, "slow:none ");
  g_assert_cmpint (mado_test_sipp_wait (ringing, STEP_TIMEOUT_S), ==, 0);
  g_assert_cmpuint (mado_test_rtp_get_n_datagrams (never_called), ==, 0);

  figures = usage_figures (fixture);
  g_assert_cmpstr (figures, ==, "vi/cancelled=1");
}

static void
test_helper_missing (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *interpreter = service ("contract", 5999, NULL, NULL);

  g_clear_object (&fixture->backend);
  fixture->backend = MADO_CALL_BACKEND (g_object_new (MADO_TYPE_BARESIP_BACKEND, "program", "madoguchi-no-such-helper", NULL));
  prepare_call (fixture, NULL, interpreter, "\"contract\"");
  mado_interpreter_call_start (fixture->call);

  g_assert_cmpint (mado_interpreter_call_get_state (fixture->call), ==, MADO_CALL_STATE_FAILED);
  g_assert_cmpint (mado_interpreter_call_get_failure (fixture->call), ==, MADO_CALL_FAILURE_HELPER_DIED);
  g_assert_nonnull (strstr (mado_interpreter_call_get_failure_detail (fixture->call), "baresip-core"));
}

int
main (int    argc,
      char **argv)
{
  const char *system_tmp = g_getenv ("TMPDIR");
  g_autofree char *tmp = g_build_filename (system_tmp != NULL && *system_tmp != '\0' ? system_tmp : "/tmp",
                                           "madoguchi-test-chain-XXXXXX", NULL);
  int status;

  /* A temporary folder of this test's own, where no helper's folder may be left. GLib reads
   * TMPDIR once, at the first g_get_tmp_dir(), so this comes before anything else. */
  g_assert_nonnull (g_mkdtemp (tmp));
  g_setenv ("TMPDIR", tmp, TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/madoguchi/interpreter-call/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("busy-then-next", test_busy_then_next);
  ADD ("closed-skipped", test_closed_skipped);
  ADD ("dial-by-hand", test_dial_by_hand);
  ADD ("no-answer-then-next", test_no_answer_then_next);
  ADD ("unreachable-then-next", test_unreachable_then_next);
  ADD ("language-digits", test_language_digits);
  ADD ("trunk-number", test_trunk_number);
  ADD ("context-webhook", test_context_webhook);
  ADD ("webhook-never-answers", test_webhook_never_answers);
  ADD ("remote-hangup", test_remote_hangup);
  ADD ("duration", test_duration);
  ADD ("helper-died", test_helper_died);
  ADD ("hang-up-while-ringing", test_hang_up_while_ringing);
  ADD ("helper-missing", test_helper_missing);

  status = g_test_run ();
  mado_test_remove_folder (tmp);
  return status;
}

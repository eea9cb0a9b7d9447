/* test-admin-call.c: "madoguchi-admin call" against sipp services on 127.0.0.1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-sip-test-utils.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#define STEP_TIMEOUT_S 30

typedef struct {
  char             *folder;
  char             *directory_path;
  GSubprocess      *admin;
  GDataInputStream *output;
  GString          *stdout_text;
  GString          *stderr_text;
  gboolean          output_done;
  gboolean          exited;
  int               status;
  GPtrArray        *sipps;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *settings_folder = NULL;
  g_autofree char *keyfile = NULL;
  g_autoptr(GError) error = NULL;

  fixture->folder = mado_test_make_folder ("madoguchi-admintest");
  fixture->directory_path = g_build_filename (fixture->folder, "interpreters.json", NULL);
  fixture->stdout_text = g_string_new (NULL);
  fixture->stderr_text = g_string_new (NULL);
  fixture->sipps = g_ptr_array_new_with_free_func ((GDestroyNotify) mado_test_sipp_free);

  /* The admin tool reads the kiosk's settings; here from a key file of the test's own. */
  settings_folder = g_build_filename (fixture->folder, "config", "glib-2.0", "settings", NULL);
  g_assert_cmpint (g_mkdir_with_parents (settings_folder, 0700), ==, 0);
  keyfile = g_build_filename (settings_folder, "keyfile", NULL);
  g_file_set_contents (keyfile, "[jp/madoguchi/Kiosk]\nsip-local-address='127.0.0.1'\n"
                                "counter-name='市民課 窓口3'\n", -1, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->admin != NULL && !fixture->exited)
    {
      g_subprocess_force_exit (fixture->admin);
      g_subprocess_wait (fixture->admin, NULL, NULL);
    }

  g_clear_object (&fixture->output);
  g_clear_object (&fixture->admin);
  g_ptr_array_unref (fixture->sipps);
  g_string_free (fixture->stdout_text, TRUE);
  g_string_free (fixture->stderr_text, TRUE);
  mado_test_remove_folder (fixture->folder);
  g_free (fixture->folder);
  g_free (fixture->directory_path);
}

static void
write_directory (Fixture    *fixture,
                 const char *services,
                 const char *chain)
{
  g_autofree char *text = g_strdup_printf ("{\"version\": 1, \"dial_by_hand\": \"0120-000-999\", \"services\": [%s],"
                                           " \"chains\": {\"vi\": [%s]}}", services, chain);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (fixture->directory_path, text, -1, &error);
  g_assert_no_error (error);
}

static char *
service (const char *id,
         guint16     port,
         const char *extra)
{
  return g_strdup_printf ("{\"id\": \"%s\", \"name\": {\"ja\": \"%s（架空）\", \"en\": \"%s (fictional)\"},"
                          " \"sip\": \"sip:%s@127.0.0.1:%u\", \"languages\": [\"vi\"]%s}",
                          id, id, id, id, port, extra != NULL ? extra : "");
}

static void read_next_line (Fixture *fixture);

static void
on_line (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Fixture *fixture = user_data;
  g_autofree char *line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result, NULL, NULL);

  if (line == NULL)
    {
      fixture->output_done = TRUE;
      return;
    }

  g_test_message ("admin: %s", line);
  g_string_append_printf (fixture->stdout_text, "%s\n", line);
  read_next_line (fixture);
}

static void
read_next_line (Fixture *fixture)
{
  g_data_input_stream_read_line_async (fixture->output, G_PRIORITY_DEFAULT, NULL, on_line, fixture);
}

static void
on_stderr (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Fixture *fixture = user_data;
  g_autoptr(GBytes) bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, NULL);

  if (bytes == NULL || g_bytes_get_size (bytes) == 0)
    return;

  g_string_append_len (fixture->stderr_text, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes));
  g_input_stream_read_bytes_async (G_INPUT_STREAM (source), 4096, G_PRIORITY_DEFAULT, NULL, on_stderr, fixture);
}

static void
on_exited (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Fixture *fixture = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  fixture->exited = TRUE;
  fixture->status = g_subprocess_get_if_exited (G_SUBPROCESS (source)) ? g_subprocess_get_exit_status (G_SUBPROCESS (source))
                                                                       : -1;
}

static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static void
run_admin (Fixture    *fixture,
           const char *first_argument,
           ...)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *config = g_build_filename (fixture->folder, "config", NULL);
  g_autofree char *sweep_path = g_build_filename (fixture->folder, "sweep.wav", NULL);
  g_autofree char *source = g_strconcat ("aufile,", sweep_path, NULL);
  g_autoptr(GArray) sweep = mado_test_write_sweep_wav (sweep_path, 8000, 1.0, 60.0);
  g_autoptr(GError) error = NULL;
  va_list arguments;

  g_ptr_array_add (argv, (gpointer) g_getenv ("MADOGUCHI_ADMIN"));
  va_start (arguments, first_argument);
  for (const char *argument = first_argument; argument != NULL; argument = va_arg (arguments, const char *))
    g_ptr_array_add (argv, (gpointer) argument);
  va_end (arguments);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config, TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  /* No sound card: a file plays the microphone's part and a bridge nobody listens to the
   * loudspeaker's, both paced in real time as devices are. */
  g_subprocess_launcher_setenv (launcher, "MADOGUCHI_CALL_AUDIO_SOURCE", source, TRUE);
  g_subprocess_launcher_setenv (launcher, "MADOGUCHI_CALL_AUDIO_PLAYER", "aubridge,madoguchi-test", TRUE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);

  fixture->admin = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  fixture->output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (fixture->admin));
  read_next_line (fixture);
  g_input_stream_read_bytes_async (g_subprocess_get_stderr_pipe (fixture->admin), 4096, G_PRIORITY_DEFAULT, NULL,
                                   on_stderr, fixture);
  g_subprocess_wait_async (fixture->admin, NULL, on_exited, fixture);
}

static gboolean
admin_finished (gpointer data)
{
  Fixture *fixture = data;

  return fixture->exited && fixture->output_done;
}

static int
wait_for_admin (Fixture *fixture)
{
  g_assert_true (mado_test_wait_until (admin_finished, fixture, STEP_TIMEOUT_S));
  g_test_message ("admin stderr: %s", fixture->stderr_text->str);
  return fixture->status;
}

/* The lines, in this order (others may come between them). */
static void
assert_lines_in_order (const char         *text,
                       const char * const *fragments)
{
  const char *from = text;

  for (guint i = 0; fragments[i] != NULL; i++)
    {
      const char *found = strstr (from, fragments[i]);

      if (found == NULL)
        g_error ("“%s” is not in the output after the earlier lines:\n%s", fragments[i], text);
      from = found + strlen (fragments[i]);
    }
}

typedef struct {
  Fixture     *fixture;
  MadoTestRtp *rtp;
} DigitsWait;

static gboolean
digits_reported (gpointer data)
{
  DigitsWait *wait = data;

  return strstr (wait->fixture->stdout_text->str, "sent the digits 42") != NULL &&
         strcmp (mado_test_rtp_get_digits (wait->rtp), "42") == 0;
}

static void
test_chain_and_interrupt (Fixture       *fixture,
                          gconstpointer  data)
{
  static const char *const expected[] = {
    "1. contract", "2. closed", "3. national", "Then dial by hand: 0120-000-999",
    "Microphone aufile,", "loudspeaker aubridge,madoguchi-test, local address 127.0.0.1.",
    "  [1/3] dialling contract: sip:contract@127.0.0.1:",
    "  contract: busy (486 Busy Here)",
    "  closed: closed (closed at this hour)",
    "  [3/3] dialling national: sip:national@127.0.0.1:",
    "  connected to national (Call-ID ",
    "  sent the digits 42",
    "  hanging up",
    "  ended after 0:",
    NULL
  };
  g_autoptr(MadoTestRtp) rtp = mado_test_rtp_new ();
  g_autoptr(GRegex) stamped = g_regex_new ("^\\d\\d:\\d\\d:\\d\\d\\.\\d\\d\\d  \\S", G_REGEX_MULTILINE, 0, NULL);
  g_autofree char *busy_scenario = mado_test_reject_scenario (fixture->folder, "486 Busy Here");
  g_autofree char *rtp_port = g_strdup_printf ("%u", mado_test_rtp_get_port (rtp));
  MadoTestSipp *busy, *answer;
  g_autofree char *first = NULL;
  g_autofree char *second = service ("closed", 5999, ", \"hours\": {\"daily\": []}");
  g_autofree char *third = NULL;
  g_autofree char *services = NULL;
  g_autofree char *messages = NULL;
  DigitsWait wait = { fixture, rtp };
  g_autoptr(GMatchInfo) match = NULL;
  guint n_stamped = 0;

  busy = mado_test_sipp_start (fixture->folder, busy_scenario, FALSE, NULL);
  g_ptr_array_add (fixture->sipps, busy);
  answer = mado_test_sipp_start (fixture->folder, "answer.xml", FALSE, "rtpport", rtp_port, NULL);
  g_ptr_array_add (fixture->sipps, answer);
  first = service ("contract", mado_test_sipp_get_port (busy), NULL);
  third = service ("national", mado_test_sipp_get_port (answer), NULL);
  services = g_strjoin (", ", first, second, third, NULL);
  write_directory (fixture, services, "\"contract\", \"closed\", \"national\"");

  run_admin (fixture, "call", "vi", "--directory", fixture->directory_path, "--dtmf", "42", "--timeout", "10", NULL);

  /* The digits reached the service; then Ctrl-C hangs up. */
  if (!mado_test_wait_until (digits_reported, &wait, STEP_TIMEOUT_S))
    g_error ("The service received the digits “%s”", mado_test_rtp_get_digits (rtp));
  g_subprocess_send_signal (fixture->admin, SIGINT);

  g_assert_cmpint (wait_for_admin (fixture), ==, 0);
  assert_lines_in_order (fixture->stdout_text->str, expected);

  /* Every progress line starts with the time. */
  g_regex_match (stamped, fixture->stdout_text->str, 0, &match);
  while (g_match_info_matches (match))
    {
      n_stamped++;
      g_match_info_next (match, NULL);
    }
  g_assert_cmpuint (n_stamped, >=, 7);

  /* The hang-up reached the service as a BYE, and the INVITE named the counter and language. */
  g_assert_cmpint (mado_test_sipp_wait (answer, STEP_TIMEOUT_S), ==, 0);
  messages = mado_test_sipp_dup_messages (answer);
  g_assert_nonnull (strstr (messages, ";x-madoguchi-language=vi SIP/2.0"));
  g_assert_nonnull (strstr (messages, "\"市民課 窓口3\""));
}

static void
test_with_context (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(MadoTestWebhookServer) server = mado_test_webhook_server_new (200);
  g_autofree char *url = mado_test_webhook_server_dup_url (server);
  g_autofree char *keyfile = g_build_filename (fixture->folder, "config", "glib-2.0", "settings", "keyfile", NULL);
  g_autofree char *settings = g_strdup_printf ("[jp/madoguchi/Kiosk]\nsip-local-address='127.0.0.1'\n"
                                               "interpreter-webhook-url='%s'\n"
                                               "interpreter-webhook-transcripts=true\n", url);
  MadoTestSipp *answer = NULL;
  g_autofree char *interpreter = NULL;
  g_autoptr(GError) error = NULL;
  GBytes *body;

  g_file_set_contents (keyfile, settings, -1, &error);
  g_assert_no_error (error);
  answer = mado_test_sipp_start (fixture->folder, "answer-then-bye.xml", TRUE, NULL);
  g_ptr_array_add (fixture->sipps, answer);
  interpreter = service ("national", mado_test_sipp_get_port (answer), NULL);
  write_directory (fixture, interpreter, "\"national\"");

  run_admin (fixture, "call", "vi", "--directory", fixture->directory_path, "--with-context", NULL);
  g_assert_cmpint (wait_for_admin (fixture), ==, 0);

  g_assert_nonnull (strstr (fixture->stdout_text->str, "context webhook: delivered"));
  g_assert_cmpuint (mado_test_webhook_server_get_n_requests (server), ==, 1);
  body = mado_test_webhook_server_get_body (server);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (body, NULL), g_bytes_get_size (body), "\"service\":{\"id\":\"national\""));
  /* A test call carries no conversation, even with transcripts allowed. */
  g_assert_null (g_strstr_len (g_bytes_get_data (body, NULL), g_bytes_get_size (body), "\"turns\""));
}

static void
test_dial_by_hand (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *closed = service ("closed", 5999, ", \"hours\": {\"daily\": []}");

  write_directory (fixture, closed, "\"closed\"");
  run_admin (fixture, "call", "vi", "--directory", fixture->directory_path, NULL);

  g_assert_cmpint (wait_for_admin (fixture), ==, 1);
  g_assert_nonnull (strstr (fixture->stdout_text->str, "no service took the call; dial by hand: 0120-000-999"));
}

static void
test_usage_errors (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *good = service ("contract", 5999, NULL);

  write_directory (fixture, good, "\"contract\"");

  run_admin (fixture, "call", "tlh", "--directory", fixture->directory_path, NULL);
  g_assert_cmpint (wait_for_admin (fixture), ==, 2);
  g_assert_nonnull (strstr (fixture->stderr_text->str, "“tlh” is not a resident language"));
}

static void
test_bad_digits (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *good = service ("contract", 5999, NULL);

  write_directory (fixture, good, "\"contract\"");
  run_admin (fixture, "call", "vi", "--directory", fixture->directory_path, "--dtmf", "4x", NULL);
  g_assert_cmpint (wait_for_admin (fixture), ==, 2);
  g_assert_nonnull (strstr (fixture->stderr_text->str, "DTMF"));
}

static void
test_unknown_service (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *good = service ("contract", 5999, NULL);

  write_directory (fixture, good, "\"contract\"");
  run_admin (fixture, "call", "vi", "--directory", fixture->directory_path, "--service", "nope", NULL);
  g_assert_cmpint (wait_for_admin (fixture), ==, 1);
  g_assert_nonnull (strstr (fixture->stderr_text->str, "no service “nope”"));
}

static void
test_broken_directory (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (fixture->directory_path, "{\n  \"version\": 1,\n  \"services\": [}\n", -1, &error);
  g_assert_no_error (error);
  run_admin (fixture, "call", "vi", "--directory", fixture->directory_path, NULL);
  g_assert_cmpint (wait_for_admin (fixture), ==, 1);
  g_assert_nonnull (strstr (fixture->stderr_text->str, "interpreters.json:3:"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/madoguchi/admin-call/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("chain-and-interrupt", test_chain_and_interrupt);
  ADD ("with-context", test_with_context);
  ADD ("dial-by-hand", test_dial_by_hand);
  ADD ("usage-errors", test_usage_errors);
  ADD ("bad-digits", test_bad_digits);
  ADD ("unknown-service", test_unknown_service);
  ADD ("broken-directory", test_broken_directory);

  return g_test_run ();
}

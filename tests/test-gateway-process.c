/* test-gateway-process.c: starting, watching and stopping the local gateway process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-gateway-process.h"
#include "mado-gateway-synthesizer.h"
#include "mado-phrase-reader.h"
#include "mado-phrase-store.h"
#include "mado-speech-client.h"
#include "mado-test-utils.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Each test gets a folder for the stand-in's PID file and a database path, removed after. */
typedef struct {
  char               *folder;
  char               *pid_file;
  char               *database;
  MadoGatewayProcess *process;
  guint               exits;
  char               *exit_description;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *mode = data;
  g_autoptr(GError) error = NULL;

  fixture->folder = g_dir_make_tmp ("madoguchi-gateway-process-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->pid_file = g_build_filename (fixture->folder, "pids", NULL);
  fixture->database = g_build_filename (fixture->folder, "phrases.sqlite", NULL);
  /* The stand-in's behaviour goes into its own environment: setenv() in this process is not safe
   * once GLib's and libsoup's threads run. */
  fixture->process = g_object_new (MADO_TYPE_GATEWAY_PROCESS,
                                   "program", g_getenv ("MADO_STAND_IN_GATEWAY"),
                                   "database", fixture->database,
                                   NULL);
  mado_gateway_process_set_child_variable (fixture->process, "MADO_STAND_IN_MODE", mode != NULL ? mode : "serve");
  mado_gateway_process_set_child_variable (fixture->process, "MADO_STAND_IN_PID_FILE", fixture->pid_file);
}

/* Whether the process is gone: no such process, or a zombie nobody has reaped yet (in a
 * container PID 1 may never reap it, but it runs nothing any more). */
static gboolean
process_gone (GPid pid)
{
  g_autofree char *stat_path = g_strdup_printf ("/proc/%d/stat", (int) pid);
  g_autofree char *stat = NULL;
  const char *state;

  if (kill (pid, 0) != 0 && errno == ESRCH)
    return TRUE;
  if (!g_file_get_contents (stat_path, &stat, NULL, NULL))
    return TRUE;
  state = strrchr (stat, ')');

  return state != NULL && (state[2] == 'Z' || state[2] == 'X');
}

/* The stand-in's own ID, and its child's when it started one. */
/* Where a crashing test subprocess tells its parent the gateway's pid: named after the parent's pid,
 * which the child knows as getppid(), so nothing goes through the environment. */
static char *
orphan_pid_file (GPid test_process)
{
  g_autofree char *name = g_strdup_printf ("madoguchi-orphan-%d.pids", (int) test_process);

  return g_build_filename (g_get_tmp_dir (), name, NULL);
}

static GPid
read_pid (Fixture *fixture,
          guint    index)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;

  g_assert_true (g_file_get_contents (fixture->pid_file, &text, NULL, NULL));
  fields = g_strsplit (g_strstrip (text), " ", -1);
  g_assert_cmpuint (g_strv_length (fields), >, index);

  return (GPid) g_ascii_strtoll (fields[index], NULL, 10);
}

static void
wait_until_gone (GPid pid)
{
  gint64 give_up = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

  while (!process_gone (pid) && g_get_monotonic_time () < give_up)
    g_usleep (10000);
  g_assert_true (process_gone (pid));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  /* Whatever a failed assertion left running is stopped by dispose. */
  g_clear_object (&fixture->process);
  if (g_file_test (fixture->pid_file, G_FILE_TEST_EXISTS))
    {
      g_autofree char *text = NULL;
      g_auto(GStrv) fields = NULL;

      g_assert_true (g_file_get_contents (fixture->pid_file, &text, NULL, NULL));
      fields = g_strsplit (g_strstrip (text), " ", -1);
      for (guint i = 0; fields[i] != NULL; i++)
        wait_until_gone ((GPid) g_ascii_strtoll (fields[i], NULL, 10));
    }
  /* The PID file, and for the real gateway the database with its WAL files. */
  mado_test_remove_folder (fixture->folder);
  g_free (fixture->folder);
  g_free (fixture->pid_file);
  g_free (fixture->database);
  g_free (fixture->exit_description);
}

static gboolean
start (MadoGatewayProcess  *process,
       GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mado_gateway_process_start_async (process, NULL, mado_test_store_result, &result);
  return mado_gateway_process_start_finish (process, mado_test_wait_for (&result), error);
}

static void
stop (MadoGatewayProcess *process)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mado_gateway_process_stop_async (process, NULL, mado_test_store_result, &result);
  g_assert_true (mado_gateway_process_stop_finish (process, mado_test_wait_for (&result), &error));
  g_assert_no_error (error);
}

static void
on_exited (MadoGatewayProcess *process,
           const char         *description,
           gpointer            user_data)
{
  Fixture *fixture = user_data;

  fixture->exits++;
  g_free (fixture->exit_description);
  fixture->exit_description = g_strdup (description);
}

/* Asks the stand-in for its capabilities with @token; it names the database it was given. */
static MadoSpeechCapabilities *
ask_capabilities (const char  *base_url,
                  const char  *token,
                  GError     **error)
{
  g_autoptr(MadoSpeechClient) client = mado_speech_client_new (base_url, token, NULL);
  g_autoptr(GAsyncResult) result = NULL;

  mado_speech_client_get_capabilities_async (client, NULL, mado_test_store_result, &result);
  return mado_speech_client_get_capabilities_finish (client, mado_test_wait_for (&result), error);
}

static void
test_start_and_stop (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoSpeechCapabilities) capabilities = NULL;
  g_autoptr(MadoSpeechCapabilities) refused = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *cmdline_path = NULL;
  g_autofree char *cmdline = NULL;
  gsize cmdline_length;
  const char *token;
  GPid pid;

  g_assert_cmpstr (mado_gateway_process_get_program (fixture->process), ==, g_getenv ("MADO_STAND_IN_GATEWAY"));
  g_assert_false (mado_gateway_process_get_running (fixture->process));
  g_assert_true (start (fixture->process, &error));
  g_assert_no_error (error);
  g_assert_true (mado_gateway_process_get_running (fixture->process));

  pid = mado_gateway_process_get_pid (fixture->process);
  g_assert_cmpint (pid, ==, read_pid (fixture, 0));
  uri = g_uri_parse (mado_gateway_process_get_base_url (fixture->process), G_URI_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_uri_get_host (uri), ==, "127.0.0.1");
  g_assert_cmpint (g_uri_get_port (uri), >, 0);

  token = mado_gateway_process_get_token (fixture->process);
  g_assert_cmpuint (strlen (token), ==, 64);
  for (const char *c = token; *c != '\0'; c++)
    g_assert_true (g_ascii_isxdigit (*c));

  /* The token reaches the gateway through its environment, never its command line, which
   * every user of the machine can read. */
  cmdline_path = g_strdup_printf ("/proc/%d/cmdline", (int) pid);
  g_assert_true (g_file_get_contents (cmdline_path, &cmdline, &cmdline_length, NULL));
  g_assert_null (memmem (cmdline, cmdline_length, token, strlen (token)));

  capabilities = ask_capabilities (mado_gateway_process_get_base_url (fixture->process), token, &error);
  g_assert_no_error (error);
  g_assert_true (mado_speech_capabilities_can_translate (capabilities, "ja", fixture->database));
  refused = ask_capabilities (mado_gateway_process_get_base_url (fixture->process), "guessed", &error);
  g_assert_error (error, MADO_SPEECH_API_ERROR, MADO_SPEECH_API_ERROR_UNAUTHORIZED);

  stop (fixture->process);
  g_assert_false (mado_gateway_process_get_running (fixture->process));
  g_assert_null (mado_gateway_process_get_base_url (fixture->process));
  g_assert_null (mado_gateway_process_get_token (fixture->process));
  g_assert_true (process_gone (pid));
}

static void
test_restart_gets_new_token (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first_token = NULL;

  g_assert_true (start (fixture->process, &error));
  first_token = g_strdup (mado_gateway_process_get_token (fixture->process));
  stop (fixture->process);

  g_assert_true (start (fixture->process, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (mado_gateway_process_get_token (fixture->process), !=, first_token);
}

static void
test_missing_program (void)
{
  g_autoptr(MadoGatewayProcess) process = NULL;
  g_autoptr(GError) error = NULL;

  process = g_object_new (MADO_TYPE_GATEWAY_PROCESS,
                          "program", "/nonexistent/bin/madoguchi-gateway",
                          "database", "/nonexistent/phrases.sqlite",
                          NULL);
  g_assert_false (start (process, &error));
  g_assert_error (error, MADO_GATEWAY_PROCESS_ERROR, MADO_GATEWAY_PROCESS_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "/nonexistent/bin/madoguchi-gateway"));
  g_test_message ("%s", error->message);
  g_assert_false (mado_gateway_process_get_running (process));
}

static void
test_not_a_program (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(MadoGatewayProcess) process = NULL;
  g_autoptr(GError) error = NULL;

  /* A folder exists but cannot be run, even by root. */
  process = g_object_new (MADO_TYPE_GATEWAY_PROCESS, "program", fixture->folder, "database", fixture->database, NULL);
  g_assert_false (start (process, &error));
  g_assert_error (error, MADO_GATEWAY_PROCESS_ERROR, MADO_GATEWAY_PROCESS_ERROR_CANNOT_RUN);
  g_test_message ("%s", error->message);
}

static void
test_exits_before_ready (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (start (fixture->process, &error));
  g_assert_error (error, MADO_GATEWAY_PROCESS_ERROR, MADO_GATEWAY_PROCESS_ERROR_EXITED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "exited with status 3"));
  /* Its last words say why, so IT staff need not look for its log. */
  g_assert_nonnull (strstr (error->message, "Cannot open the phrase database"));
}

static void
test_silent (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  mado_gateway_process_set_start_timeout (fixture->process, 300);
  g_assert_false (start (fixture->process, &error));
  g_assert_error (error, MADO_GATEWAY_PROCESS_ERROR, MADO_GATEWAY_PROCESS_ERROR_START_TIMEOUT);
  /* The teardown checks the silent process was stopped. */
}

static void
test_wrong_announcement (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (start (fixture->process, &error));
  g_assert_error (error, MADO_GATEWAY_PROCESS_ERROR, MADO_GATEWAY_PROCESS_ERROR_BAD_ANNOUNCEMENT);
  g_assert_nonnull (strstr (error->message, "Madoguchi gateway 0.1 starting"));
}

static void
test_ignores_sigterm (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GPid pid;

  mado_gateway_process_set_stop_grace (fixture->process, 200);
  g_assert_true (start (fixture->process, &error));
  pid = mado_gateway_process_get_pid (fixture->process);

  stop (fixture->process);
  g_assert_true (process_gone (pid));
}

static void
test_stop_reaches_children (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GPid child;

  g_assert_true (start (fixture->process, &error));
  child = read_pid (fixture, 1);
  g_assert_false (process_gone (child));

  stop (fixture->process);
  wait_until_gone (child);
}

static void
test_crash_is_reported (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_signal_connect (fixture->process, "exited", G_CALLBACK (on_exited), fixture);
  g_assert_true (start (fixture->process, &error));

  while (fixture->exits == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (fixture->exits, ==, 1);
  g_assert_nonnull (strstr (fixture->exit_description, "signal 6"));
  g_assert_false (mado_gateway_process_get_running (fixture->process));

  /* The app restarts it. */
  mado_gateway_process_set_child_variable (fixture->process, "MADO_STAND_IN_MODE", "serve");
  g_assert_true (start (fixture->process, &error));
  g_assert_no_error (error);
  g_assert_true (mado_gateway_process_get_running (fixture->process));
}

static void
test_dispose_stops (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GPid pid;

  g_assert_true (start (fixture->process, &error));
  pid = mado_gateway_process_get_pid (fixture->process);
  g_clear_object (&fixture->process);
  g_assert_true (process_gone (pid));
}

/* The app dies without stopping its gateway: the kernel must end the gateway too. */
static void
test_no_orphan_after_crash (Fixture       *fixture,
                            gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;

      /* This process has a fixture of its own; the gateway reports to the parent's. */
      g_autofree char *parent_file = orphan_pid_file (getppid ());

      mado_gateway_process_set_child_variable (fixture->process, "MADO_STAND_IN_PID_FILE", parent_file);
      g_assert_no_errno (g_rmdir (fixture->folder));
      g_assert_true (start (fixture->process, &error));
      /* Like a crash: no dispose, no signal handler, nothing. */
      kill (getpid (), SIGKILL);
      return;
    }

  g_free (fixture->pid_file);
  fixture->pid_file = orphan_pid_file (getpid ());
  g_test_trap_subprocess (NULL, 20 * G_TIME_SPAN_SECOND, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  wait_until_gone (read_pid (fixture, 0));
  g_remove (fixture->pid_file);
}

/* The real gateway */

/* The app's phrase database as the app makes it: the shipped sets seeded into a new store. */
static void
seed_database (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoPhraseStore) store = mado_phrase_store_open (path, &error);
  g_autoptr(MadoPhraseReader) reader = mado_phrase_reader_new ();
  g_autoptr(GPtrArray) sets = NULL;

  g_assert_no_error (error);
  sets = mado_phrase_reader_read_tree (reader, g_getenv ("MADOGUCHI_PHRASE_DIR"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sets->len, >, 0);
  for (guint i = 0; i < sets->len; i++)
    {
      mado_phrase_store_seed (store, g_ptr_array_index (sets, i), NULL, &error);
      g_assert_no_error (error);
    }
}

static MadoGatewayProcess *
new_real_gateway (Fixture *fixture)
{
  seed_database (fixture->database);

  return g_object_new (MADO_TYPE_GATEWAY_PROCESS, "program", g_getenv ("MADO_REAL_GATEWAY"),
                       "database", fixture->database, NULL);
}

static void
test_real_gateway (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(MadoGatewayProcess) gateway = new_real_gateway (fixture);
  g_autoptr(MadoSpeechClient) client = NULL;
  g_autoptr(MadoSpeechCapabilities) capabilities = NULL;
  g_autoptr(MadoGatewaySynthesizer) synthesizer = NULL;
  g_autoptr(MadoTranslation) translation = NULL;
  g_autoptr(MadoAudioBuffer) speech = NULL;
  g_autoptr(MadoRecognition) recognition = NULL;
  g_autoptr(MadoTranscript) transcript = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *version = NULL;
  gint16 silence[1600] = { 0 };
  GPid pid;

  g_assert_true (start (gateway, &error));
  g_assert_no_error (error);
  pid = mado_gateway_process_get_pid (gateway);
  client = mado_speech_client_new (mado_gateway_process_get_base_url (gateway),
                                   mado_gateway_process_get_token (gateway), &error);
  g_assert_no_error (error);

  {
    g_autoptr(GAsyncResult) result = NULL;

    mado_speech_client_check_health_async (client, NULL, mado_test_store_result, &result);
    version = mado_speech_client_check_health_finish (client, mado_test_wait_for (&result), &error);
    g_assert_no_error (error);
    g_assert_cmpstr (version, ==, PACKAGE_VERSION);
  }
  {
    g_autoptr(GAsyncResult) result = NULL;

    mado_speech_client_get_capabilities_async (client, NULL, mado_test_store_result, &result);
    capabilities = mado_speech_client_get_capabilities_finish (client, mado_test_wait_for (&result), &error);
    g_assert_no_error (error);
    g_assert_true (mado_speech_capabilities_can_translate (capabilities, "ja", "vi"));
  }

  /* A shipped phrase, answered from the seeded database by phrase memory; the texts are those
   * of data/phrases/city-hall/moving.xml, phrase 002. */
  {
    g_autoptr(GAsyncResult) result = NULL;

    mado_speech_client_translate_async (client, "引っ越してきた日から14日以内に、転入届を出してください。",
                                        "ja", "vi", TRUE, NULL, mado_test_store_result, &result);
    translation = mado_speech_client_translate_finish (client, mado_test_wait_for (&result), &error);
    g_assert_no_error (error);
    g_assert_cmpstr (translation->translation, ==,
                     "Vui lòng nộp thông báo chuyển đến (tennyu todoke) trong vòng 14 ngày kể từ ngày chuyển đến.");
    g_assert_cmpstr (translation->back_translation, ==, "引っ越してきた日から14日以内に、転入届を出してください。");
    g_assert_true (translation->verified);
    g_assert_cmpstr (translation->phrase_id, ==, "city-hall.moving.002");
    g_assert_cmpfloat (translation->gateway_ms, >, 0.0);
  }

  /* Speech through the synthesizer seam, made by the gateway's espeak-ng. */
  synthesizer = mado_gateway_synthesizer_new (client, 22050);
  mado_gateway_synthesizer_set_capabilities (synthesizer, capabilities);
  g_assert_true (mado_synthesizer_can_speak (MADO_SYNTHESIZER (synthesizer), "vi"));
  {
    g_autoptr(GAsyncResult) result = NULL;

    mado_synthesizer_synthesize_async (MADO_SYNTHESIZER (synthesizer), "Xin chào", "vi", NULL, mado_test_store_result,
                                       &result);
    speech = mado_synthesizer_synthesize_finish (MADO_SYNTHESIZER (synthesizer), mado_test_wait_for (&result), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (mado_audio_buffer_get_rate (speech), ==, 22050);
    g_assert_cmpfloat (mado_audio_buffer_get_duration (speech), >, 0.2);
    g_assert_cmpfloat (mado_audio_buffer_get_rms (speech), >, 500.0);
  }

  /* Streamed silence is recognised as nothing, with the API's own code. */
  recognition = mado_speech_client_begin_recognition (client, "en");
  for (guint i = 0; i < 10; i++)
    g_assert_true (mado_recognition_push_audio (recognition, silence, G_N_ELEMENTS (silence)));
  {
    g_autoptr(GAsyncResult) result = NULL;

    mado_recognition_end_async (recognition, NULL, mado_test_store_result, &result);
    transcript = mado_recognition_end_finish (recognition, mado_test_wait_for (&result), &error);
    g_assert_error (error, MADO_SPEECH_API_ERROR, MADO_SPEECH_API_ERROR_NO_SPEECH);
    g_clear_error (&error);
  }

  stop (gateway);
  g_assert_true (process_gone (pid));
}

static void
test_real_gateway_no_orphan (Fixture       *fixture,
                             gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MadoGatewayProcess) gateway = new_real_gateway (fixture);
      g_autofree char *pid_text = NULL;

      g_assert_true (start (gateway, &error));
      pid_text = g_strdup_printf ("%d\n", (int) mado_gateway_process_get_pid (gateway));
      g_autofree char *parent_file = orphan_pid_file (getppid ());

      g_assert_true (g_file_set_contents (parent_file, pid_text, -1, NULL));
      kill (getpid (), SIGKILL);
      return;
    }

  g_free (fixture->pid_file);
  fixture->pid_file = orphan_pid_file (getpid ());
  g_test_trap_subprocess (NULL, 30 * G_TIME_SPAN_SECOND, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  wait_until_gone (read_pid (fixture, 0));
  g_remove (fixture->pid_file);
}

#define ADD(path, mode, function) \
  g_test_add ("/madoguchi/gateway-process/" path, Fixture, mode, fixture_set_up, function, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_assert_nonnull (g_getenv ("MADO_STAND_IN_GATEWAY"));
  g_assert_nonnull (g_getenv ("MADO_REAL_GATEWAY"));

  ADD ("start-and-stop", "serve", test_start_and_stop);
  ADD ("restart-gets-new-token", "serve", test_restart_gets_new_token);
  ADD ("not-a-program", "serve", test_not_a_program);
  ADD ("exits-before-ready", "exit", test_exits_before_ready);
  ADD ("silent", "silent", test_silent);
  ADD ("wrong-announcement", "garbage", test_wrong_announcement);
  ADD ("ignores-sigterm", "ignore-term", test_ignores_sigterm);
  ADD ("stop-reaches-children", "with-child", test_stop_reaches_children);
  ADD ("crash-is-reported", "crash", test_crash_is_reported);
  ADD ("dispose-stops", "serve", test_dispose_stops);
  ADD ("no-orphan-after-crash", "serve", test_no_orphan_after_crash);
  g_test_add_func ("/madoguchi/gateway-process/missing-program", test_missing_program);
  ADD ("real-gateway", NULL, test_real_gateway);
  ADD ("real-gateway-no-orphan", NULL, test_real_gateway_no_orphan);

  return g_test_run ();
}

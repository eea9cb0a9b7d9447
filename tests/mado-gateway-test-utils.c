/* mado-gateway-test-utils.c: a real madoguchi-gateway process for tests, and HTTP to reach it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-gateway-test-utils.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "mado-local-synthesizer.h"
#include "mado-phrase-store.h"

/* Long enough for a slow CI machine to load pocketsphinx and seed a database. */
#define START_TIMEOUT_S 60
#define STOP_TIMEOUT_S  20

const char *
gateway_test_program (void)
{
  const char *program = g_getenv ("MADOGUCHI_GATEWAY");

  g_assert_nonnull (program);
  return program;
}

/* A process group of its own, so that a stuck gateway and any engine it runs die together; and
 * a signal when the test dies, so that a failed assertion (which skips the teardown) leaves no
 * gateway behind. */
static void
prepare_child (gpointer user_data)
{
  setpgid (0, 0);
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static GPtrArray *
collect_arguments (const char *program,
                   const char *first_argument,
                   va_list     rest)
{
  GPtrArray *argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (gpointer) program);
  for (const char *argument = first_argument; argument != NULL; argument = va_arg (rest, const char *))
    g_ptr_array_add (argv, (gpointer) argument);
  g_ptr_array_add (argv, NULL);
  return argv;
}

typedef struct {
  char     *line;
  gboolean  done;
} LineRead;

static void
on_line_read (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  LineRead *read = user_data;

  read->line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result, NULL, NULL);
  read->done = TRUE;
}

static void
on_start_timeout (gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

static void start_process (GatewayProcess *gateway,
                           GPtrArray      *argv,
                           const char     *log_path,
                           const char     *variable,
                           const char     *value);

void
gateway_process_start (GatewayProcess *gateway,
                       const char     *first_argument,
                       ...)
{
  g_autoptr(GPtrArray) argv = NULL;
  va_list rest;

  va_start (rest, first_argument);
  argv = collect_arguments (gateway_test_program (), first_argument, rest);
  va_end (rest);
  start_process (gateway, argv, NULL, NULL, NULL);
}

void
gateway_process_start_logged (GatewayProcess *gateway,
                              const char     *log_path,
                              const char     *first_argument,
                              ...)
{
  g_autoptr(GPtrArray) argv = NULL;
  va_list rest;

  va_start (rest, first_argument);
  argv = collect_arguments (gateway_test_program (), first_argument, rest);
  va_end (rest);
  start_process (gateway, argv, log_path, NULL, NULL);
}

void
gateway_process_start_with_variable (GatewayProcess *gateway,
                                     const char     *name,
                                     const char     *value,
                                     const char     *first_argument,
                                     ...)
{
  g_autoptr(GPtrArray) argv = NULL;
  va_list rest;

  va_start (rest, first_argument);
  argv = collect_arguments (gateway_test_program (), first_argument, rest);
  va_end (rest);
  start_process (gateway, argv, NULL, name, value);
}

void
gateway_process_start_program (GatewayProcess *gateway,
                               const char     *program,
                               const char     *first_argument,
                               ...)
{
  g_autoptr(GPtrArray) argv = NULL;
  va_list rest;

  va_start (rest, first_argument);
  argv = collect_arguments (program, first_argument, rest);
  va_end (rest);
  start_process (gateway, argv, NULL, NULL, NULL);
}

static void
start_process (GatewayProcess *gateway,
               GPtrArray      *argv,
               const char     *log_path,
               const char     *variable,
               const char     *value)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GDataInputStream) output = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = NULL;
  LineRead read = { NULL, FALSE };
  guint timeout;

  g_subprocess_launcher_set_child_setup (launcher, prepare_child, NULL, NULL);
  if (variable != NULL)
    g_subprocess_launcher_setenv (launcher, variable, value, TRUE);
  if (log_path != NULL)
    {
      g_subprocess_launcher_set_stderr_file_path (launcher, log_path);
      g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "all", TRUE);
    }
  gateway->process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);

  output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (gateway->process));
  timeout = g_timeout_add_once (START_TIMEOUT_S * 1000, on_start_timeout, cancellable);
  g_data_input_stream_read_line_async (output, G_PRIORITY_DEFAULT, cancellable, on_line_read, &read);
  while (!read.done)
    g_main_context_iteration (NULL, TRUE);
  if (!g_cancellable_is_cancelled (cancellable))
    g_source_remove (timeout);

  if (read.line == NULL)
    {
      gateway_process_stop (gateway);
      g_error ("%s did not say where it listens within %d s", (const char *) argv->pdata[0], START_TIMEOUT_S);
    }

  g_assert_true (g_str_has_prefix (read.line, "listening on http://127.0.0.1:"));
  gateway->url = g_strdup (read.line + strlen ("listening on "));
  uri = g_uri_parse (gateway->url, G_URI_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_uri_get_port (uri), >, 0);
  g_assert_cmpstr (g_uri_get_path (uri), ==, "/");
  gateway->port = (guint16) g_uri_get_port (uri);
  g_free (read.line);
}

static void
on_wait_timeout (gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

int
gateway_process_stop (GatewayProcess *gateway)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  int status = -1;
  guint timeout;

  if (gateway->process == NULL)
    return -1;

  g_subprocess_send_signal (gateway->process, SIGTERM);
  timeout = g_timeout_add_once (STOP_TIMEOUT_S * 1000, on_wait_timeout, cancellable);
  if (g_subprocess_wait (gateway->process, cancellable, &error))
    {
      g_source_remove (timeout);
      status = g_subprocess_get_if_exited (gateway->process) ? g_subprocess_get_exit_status (gateway->process) : -1;
    }
  else
    {
      const char *id = g_subprocess_get_identifier (gateway->process);

      if (id != NULL)
        kill (-(pid_t) g_ascii_strtoll (id, NULL, 10), SIGKILL);
      g_subprocess_wait (gateway->process, NULL, NULL);
    }

  g_clear_object (&gateway->process);
  g_clear_pointer (&gateway->url, g_free);
  return status;
}

int
gateway_run_to_exit (char       **standard_error,
                     const char  *first_argument,
                     ...)
{
  g_autoptr(GPtrArray) argv = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  va_list rest;

  va_start (rest, first_argument);
  argv = collect_arguments (gateway_test_program (), first_argument, rest);
  va_end (rest);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, prepare_child, NULL, NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, standard_error, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  return g_subprocess_get_exit_status (process);
}

void
gateway_response_free (GatewayResponse *response)
{
  if (response == NULL)
    return;
  g_clear_pointer (&response->headers, soup_message_headers_unref);
  g_clear_pointer (&response->body, g_bytes_unref);
  g_clear_pointer (&response->json, json_node_unref);
  g_free (response);
}

static void
parse_json_body (GatewayResponse *response)
{
  const char *type = soup_message_headers_get_content_type (response->headers, NULL);
  gsize length;
  const char *data = g_bytes_get_data (response->body, &length);

  if (g_strcmp0 (type, "application/json") == 0)
    {
      g_autoptr(GError) error = NULL;

      response->json = json_from_string (length > 0 ? data : "", &error);
      g_assert_no_error (error);
    }
}

JsonObject *
gateway_response_object (GatewayResponse *response)
{
  g_assert_nonnull (response->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (response->json));
  return json_node_get_object (response->json);
}

const char *
gateway_response_error_code (GatewayResponse *response)
{
  JsonObject *error;

  if (response->json == NULL || !JSON_NODE_HOLDS_OBJECT (response->json))
    return NULL;
  error = json_object_get_object_member (json_node_get_object (response->json), "error");
  if (error == NULL)
    return NULL;
  /* The shape of docs/api.md: exactly a code and a message, both strings. */
  g_assert_cmpuint (json_object_get_size (error), ==, 2);
  g_assert_nonnull (json_object_get_string_member (error, "message"));
  return json_object_get_string_member (error, "code");
}

/* Straight to 127.0.0.1, whatever proxy the machine is set up with. */
SoupSession *
gateway_session_new (void)
{
  return soup_session_new_with_options ("timeout", 60, "proxy-resolver", NULL, NULL);
}

GatewayResponse *
gateway_request (GatewayProcess *gateway,
                 const char     *method,
                 const char     *path,
                 const char     *token,
                 const char     *content_type,
                 GBytes         *body)
{
  g_autoptr(SoupSession) session = gateway_session_new ();
  g_autofree char *url = g_strconcat (gateway->url, path + 1, NULL);
  g_autoptr(SoupMessage) message = soup_message_new (method, url);
  g_autoptr(GError) error = NULL;
  GatewayResponse *response = g_new0 (GatewayResponse, 1);

  g_assert_nonnull (message);
  if (token != NULL)
    {
      g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", authorization);
    }
  if (body != NULL)
    soup_message_set_request_body_from_bytes (message, content_type, body);

  response->body = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  response->status = soup_message_get_status (message);
  response->headers = soup_message_headers_ref (soup_message_get_response_headers (message));
  parse_json_body (response);
  return response;
}

GatewayResponse *
gateway_post_json (GatewayProcess *gateway,
                   const char     *path,
                   const char     *token,
                   const char     *json)
{
  g_autoptr(GBytes) body = g_bytes_new (json, strlen (json));

  return gateway_request (gateway, "POST", path, token, "application/json", body);
}

GSocketConnection *
raw_connect (GatewayProcess *gateway)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GError) error = NULL;
  GSocketConnection *connection;

  g_socket_client_set_timeout (client, 60);
  g_socket_client_set_enable_proxy (client, FALSE);
  connection = g_socket_client_connect_to_host (client, "127.0.0.1", gateway->port, NULL, &error);
  g_assert_no_error (error);
  return connection;
}

void
raw_write (GSocketConnection *connection,
           const void        *data,
           gsize              length)
{
  g_autoptr(GError) error = NULL;

  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                             data, length, NULL, NULL, &error);
  g_assert_no_error (error);
}

void
raw_write_chunk (GSocketConnection *connection,
                 const void        *data,
                 gsize              length)
{
  g_autofree char *size = g_strdup_printf ("%" G_GSIZE_MODIFIER "x\r\n", length);

  raw_write (connection, size, strlen (size));
  raw_write (connection, data, length);
  raw_write (connection, "\r\n", 2);
}

GatewayResponse *
raw_read_response (GSocketConnection *connection)
{
  GInputStream *base = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  g_autoptr(GDataInputStream) input = g_data_input_stream_new (base);
  g_autoptr(GError) error = NULL;
  g_autofree char *status_line = NULL;
  g_autofree char *body = NULL;
  GatewayResponse *response;
  goffset length;
  gsize n_read = 0;

  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (input), FALSE);
  g_data_input_stream_set_newline_type (input, G_DATA_STREAM_NEWLINE_TYPE_CR_LF);

  status_line = g_data_input_stream_read_line (input, NULL, NULL, NULL);
  if (status_line == NULL)
    return NULL;

  response = g_new0 (GatewayResponse, 1);
  response->headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  g_assert_true (g_str_has_prefix (status_line, "HTTP/1.1 ") || g_str_has_prefix (status_line, "HTTP/1.0 "));
  response->status = (guint) g_ascii_strtoull (status_line + 9, NULL, 10);

  for (;;)
    {
      g_autofree char *line = g_data_input_stream_read_line (input, NULL, NULL, &error);
      char *colon;

      g_assert_no_error (error);
      g_assert_nonnull (line);
      if (*line == '\0')
        break;
      colon = strchr (line, ':');
      g_assert_nonnull (colon);
      *colon = '\0';
      soup_message_headers_append (response->headers, line, g_strstrip (colon + 1));
    }

  length = soup_message_headers_get_content_length (response->headers);
  body = g_malloc (length + 1);
  g_input_stream_read_all (G_INPUT_STREAM (input), body, (gsize) length, &n_read, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_read, ==, (gsize) length);
  body[length] = '\0';
  response->body = g_bytes_new_take (g_steal_pointer (&body), (gsize) length);
  parse_json_body (response);
  return response;
}

/* The standard fixture: a phrase database of four phrases and a gateway reading it. */

/* { number, then language/text pairs, NULL } */
static const char *const phrases[][12] = {
  { "001",
    "ja", "転入届を出してください。",
    "ja-x-easy", "{転入届|てんにゅうとどけ}を {出|だ}してください。",
    "en", "Please hand in a moving-in notice.",
    "vi", "Vui lòng nộp giấy báo chuyển đến.", NULL },
  { "002",
    "ja", "お手洗いはどこですか。",
    "en", "Where is the toilet?",
    "vi", "Nhà vệ sinh ở đâu?", NULL },
  { "003",
    "ja", "タクシーを呼んでください。",
    "en", "I need a taxi.",
    "vi", "Tôi cần một chiếc taxi.", NULL },
  { "004",
    "ja", "少々お待ちください。",
    "en", "Please wait a moment.",
    "ko", "잠시만 기다려 주세요.", NULL },
};

void
gateway_test_seed_database (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoPhraseStore) store = mado_phrase_store_open (path, &error);
  g_autoptr(MadoPhraseSet) set = mado_phrase_set_new ("test", 1);
  g_autoptr(MadoGenre) genre = mado_genre_new ("test", "counter", 1);
  gboolean seeded = FALSE;

  g_assert_no_error (error);
  mado_phrase_set_set_name (set, "ja", "テスト");
  mado_phrase_set_set_name (set, "en", "Test");
  mado_genre_set_name (genre, "ja", "窓口");
  mado_genre_set_name (genre, "en", "Counter");
  mado_phrase_set_add_genre (set, genre);

  for (guint i = 0; i < G_N_ELEMENTS (phrases); i++)
    {
      g_autofree char *id = g_strconcat ("test.counter.", phrases[i][0], NULL);
      g_autoptr(MadoPhrase) phrase = mado_phrase_new (id, "test", "counter");

      for (guint j = 1; phrases[i][j] != NULL; j += 2)
        mado_phrase_set_text (phrase, phrases[i][j], phrases[i][j + 1]);
      mado_phrase_set_add_phrase (set, phrase);
    }

  g_assert_true (mado_phrase_store_seed (store, set, &seeded, &error));
  g_assert_no_error (error);
  g_assert_true (seeded);
}

char *
gateway_test_write_file (const char *dir,
                         const char *name,
                         const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  /* Written to a new file and renamed over the old: GLib 2.74 writes in place without truncating
   * under G_FILE_SET_CONTENTS_NONE, so a shorter text would keep the old one's tail. */
  g_file_set_contents_full (path, contents, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error);
  g_assert_no_error (error);
  return path;
}

/* @data: extra configuration text, or NULL. */
void
gateway_fixture_set_up (GatewayFixture *fixture,
                        gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *config_text = NULL;
  g_autofree char *config = NULL;

  fixture->dir = g_dir_make_tmp ("madoguchi-gateway-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->database = g_build_filename (fixture->dir, "phrases.db", NULL);
  gateway_test_seed_database (fixture->database);

  token = gateway_test_write_file (fixture->dir, "token", GATEWAY_TEST_TOKEN "\n");
  config_text = g_strdup_printf ("[gateway]\n"
                                 "listen = 127.0.0.1:0\n"
                                 "token-file = %s\n"
                                 "database = %s\n"
                                 "%s",
                                 token, fixture->database, data != NULL ? (const char *) data : "");
  config = gateway_test_write_file (fixture->dir, "gateway.conf", config_text);

  gateway_process_start (&fixture->gateway, "--config", config, NULL);
}

void
gateway_test_remove_tree (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

void
gateway_fixture_tear_down (GatewayFixture *fixture,
                           gconstpointer   data)
{
  int status = gateway_process_stop (&fixture->gateway);

  gateway_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->database);

  /* SIGTERM stops the gateway cleanly after whatever the test did to it. */
  g_assert_cmpint (status, ==, 0);
}

GatewayResponse *
gateway_translate (GatewayFixture *fixture,
                   const char *text,
                   const char *source,
                   const char *target,
                   gboolean    back_translate)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *body = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, text);
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, source);
  json_builder_set_member_name (builder, "target");
  json_builder_add_string_value (builder, target);
  json_builder_set_member_name (builder, "back_translate");
  json_builder_add_boolean_value (builder, back_translate);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  body = json_to_string (root, FALSE);

  return gateway_post_json (&fixture->gateway, "/v1/translate", GATEWAY_TEST_TOKEN, body);
}

void
gateway_assert_error (GatewayResponse *response,
                      guint            status,
                      const char      *code)
{
  g_assert_cmpuint (response->status, ==, status);
  g_assert_cmpstr (gateway_response_error_code (response), ==, code);
}

void
gateway_assert_translation (GatewayResponse *response,
                            const char      *translation,
                            const char      *back_translation,
                            const char      *phrase_id,
                            double           score)
{
  JsonObject *object;

  g_assert_cmpuint (response->status, ==, 200);
  object = gateway_response_object (response);
  g_assert_cmpstr (json_object_get_string_member (object, "translation"), ==, translation);
  if (back_translation != NULL)
    g_assert_cmpstr (json_object_get_string_member (object, "back_translation"), ==, back_translation);
  else
    g_assert_true (json_object_get_null_member (object, "back_translation"));
  g_assert_cmpstr (json_object_get_string_member (object, "provider"), ==, "phrase-memory");
  g_assert_true (json_object_get_boolean_member (object, "verified"));
  g_assert_cmpstr (json_object_get_string_member (object, "phrase_id"), ==, phrase_id);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (object, "score"), score, 0.0001);
  g_assert_cmpfloat (json_object_get_double_member (object, "gateway_ms"), >=, 0.0);
  g_assert_cmpfloat (json_object_get_double_member (object, "provider_ms"), >=, 0.0);
}

MadoAudioBuffer *
gateway_test_speech (const char *text)
{
  g_autoptr(MadoLocalSynthesizer) synthesizer = mado_local_synthesizer_new (22050);
  g_autoptr(MadoAudioBuffer) speech = NULL;
  g_autoptr(GError) error = NULL;

  speech = mado_synthesizer_synthesize (MADO_SYNTHESIZER (synthesizer), text, "en", NULL, &error);
  g_assert_no_error (error);
  return mado_audio_buffer_resample (speech, 16000);
}

/* Little-endian bytes of the samples, as the API carries them. */
GBytes *
gateway_test_pcm (MadoAudioBuffer *audio)
{
  gsize n_samples;
  const gint16 *samples = mado_audio_buffer_get_samples (audio, &n_samples);
  guint8 *bytes = g_malloc (n_samples * 2);

  for (gsize i = 0; i < n_samples; i++)
    {
      bytes[2 * i] = (guint8) (samples[i] & 0xff);
      bytes[2 * i + 1] = (guint8) (((guint16) samples[i]) >> 8);
    }
  return g_bytes_new_take (bytes, n_samples * 2);
}

GatewayResponse *
gateway_recognize_streamed (GatewayFixture *fixture,
                            const char *language,
                            GBytes     *audio,
                            gsize       chunk_size)
{
  g_autoptr(GSocketConnection) connection = raw_connect (&fixture->gateway);
  g_autofree char *head = g_strdup_printf ("POST /v1/recognize?language=%s HTTP/1.1\r\n"
                                           "Host: 127.0.0.1\r\nAuthorization: Bearer " GATEWAY_TEST_TOKEN "\r\n"
                                           "Content-Type: " GATEWAY_TEST_PCM "\r\nTransfer-Encoding: chunked\r\n\r\n",
                                           language);
  gsize length;
  const guint8 *bytes = g_bytes_get_data (audio, &length);

  raw_write (connection, head, strlen (head));
  for (gsize offset = 0; offset < length; offset += chunk_size)
    raw_write_chunk (connection, bytes + offset, MIN (chunk_size, length - offset));
  raw_write (connection, "0\r\n\r\n", 5);
  return raw_read_response (connection);
}

void
gateway_assert_still_serving (GatewayFixture *fixture)
{
  g_autoptr(GatewayResponse) response = gateway_translate (fixture, "Please wait a moment", "en", "ko", FALSE);

  gateway_assert_translation (response, "잠시만 기다려 주세요.", NULL, "test.counter.004", 1.0);
}

/* mado-gateway-test-utils.c: a real madoguchi-gateway process for tests, and HTTP to reach it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-gateway-test-utils.h"

#include <signal.h>
#include <sys/prctl.h>
#include <string.h>
#include <unistd.h>

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
                           GPtrArray      *argv);

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
  start_process (gateway, argv);
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
  start_process (gateway, argv);
}

static void
start_process (GatewayProcess *gateway,
               GPtrArray      *argv)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GDataInputStream) output = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = NULL;
  LineRead read = { NULL, FALSE };
  guint timeout;

  g_subprocess_launcher_set_child_setup (launcher, prepare_child, NULL, NULL);
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
  g_autoptr(GDataInputStream) input = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (connection)));
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

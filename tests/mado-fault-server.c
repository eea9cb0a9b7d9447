/* mado-fault-server.c: a loopback TCP server that breaks HTTP in the ways networks do
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-fault-server.h"

#include <string.h>
#include <sys/socket.h>

#define FLOOD_CHUNK 65536

struct _MadoFaultServer
{
  GSocketService *service;
  guint16         port;
  MadoFaultMode   mode;
  char           *content_type;
  guint           connections;
  guint           floods_running;
  guint64         flooded;
  GPtrArray      *open;          /* every connection still held, closed at the end */
  GCancellable   *cancellable;
};

typedef struct {
  MadoFaultServer   *server;
  GSocketConnection *connection;
  guint8             buffer[8192];
  GByteArray        *request;
  guint8            *chunk;
  gsize              chunk_length;
  gsize              framing;      /* bytes of chunk framing in chunk, not counted as body */
  guint64            remaining;
} Client;

static void
client_free (Client *client)
{
  g_clear_object (&client->connection);
  g_byte_array_unref (client->request);
  g_free (client->chunk);
  g_free (client);
}

/* SO_LINGER with a zero timeout makes close() send RST instead of FIN: a reset. */
static void
reset (GSocketConnection *connection)
{
  GSocket *socket = g_socket_connection_get_socket (connection);
  struct linger linger = { .l_onoff = 1, .l_linger = 0 };

  g_assert_no_errno (setsockopt (g_socket_get_fd (socket), SOL_SOCKET, SO_LINGER, &linger, sizeof linger));
  g_socket_close (socket, NULL);
}

static void flood_next (Client *client);

static void
on_flood_written (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Client *client = user_data;
  gsize written = 0;
  g_autoptr(GError) error = NULL;

  gboolean ok = g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, &written, &error);

  client->server->flooded += written > client->framing ? written - client->framing : 0;
  if (!ok)
    {
      client->server->floods_running--;
      client_free (client);
      return;
    }

  flood_next (client);
}

static void
flood_next (Client *client)
{
  GOutputStream *output = g_io_stream_get_output_stream (G_IO_STREAM (client->connection));
  gsize body = MIN ((guint64) FLOOD_CHUNK, client->remaining);

  if (body == 0)
    {
      client->server->floods_running--;
      client_free (client);
      return;
    }

  client->remaining -= body;
  if (client->server->mode == MADO_FAULT_FLOOD_CHUNKED)
    {
      /* Each chunk frame says its size, so the count stays the payload alone. */
      g_autofree char *frame = g_strdup_printf ("%zx\r\n", body);
      gsize frame_length = strlen (frame);

      g_free (client->chunk);
      client->chunk = g_malloc (frame_length + body + 2);
      memcpy (client->chunk, frame, frame_length);
      memset (client->chunk + frame_length, ' ', body);
      memcpy (client->chunk + frame_length + body, "\r\n", 2);
      client->chunk_length = frame_length + body + 2;
      client->framing = frame_length + 2;
    }
  else if (client->chunk == NULL)
    {
      client->chunk = g_malloc (FLOOD_CHUNK);
      memset (client->chunk, ' ', FLOOD_CHUNK);
      client->chunk_length = body;
    }
  else
    client->chunk_length = body;

  g_output_stream_write_all_async (output, client->chunk, client->chunk_length, G_PRIORITY_DEFAULT,
                                   client->server->cancellable, on_flood_written, client);
}

/* Whether the request's head and its Content-Length body are all in. */
static gboolean
request_complete (GByteArray *request)
{
  g_autofree char *text = g_strndup ((const char *) request->data, request->len);
  const char *end = strstr (text, "\r\n\r\n");
  g_auto(GStrv) lines = NULL;
  guint64 length = 0;

  if (end == NULL)
    return FALSE;

  lines = g_strsplit (text, "\r\n", -1);
  for (guint i = 0; lines[i] != NULL && *lines[i] != '\0'; i++)
    if (g_ascii_strncasecmp (lines[i], "Content-Length:", 15) == 0)
      length = g_ascii_strtoull (lines[i] + 15, NULL, 10);

  return request->len >= (gsize) (end - text) + 4 + length;
}

static void answer (Client *client);

static void
on_request (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Client *client = user_data;
  g_autoptr(GError) error = NULL;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, &error);

  if (n <= 0)
    {
      client_free (client);
      return;
    }

  g_byte_array_append (client->request, client->buffer, (guint) n);
  if (request_complete (client->request))
    answer (client);
  else
    g_input_stream_read_async (G_INPUT_STREAM (source), client->buffer, sizeof client->buffer, G_PRIORITY_DEFAULT,
                               client->server->cancellable, on_request, client);
}

/* The whole request has arrived (or, for a chunked one, its first part): fail as told. */
static void
answer (Client *client)
{
  MadoFaultServer *server = client->server;
  GOutputStream *output = g_io_stream_get_output_stream (G_IO_STREAM (client->connection));
  g_autofree char *head = NULL;

  switch (server->mode)
    {
    case MADO_FAULT_RESET_MID_ANSWER:
      head = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: %s\r\nContent-Length: 400\r\n\r\n"
                              "{\"translation\": \"Xin ch", server->content_type);
      g_output_stream_write_all (output, head, strlen (head), NULL, NULL, NULL);
      g_output_stream_flush (output, NULL, NULL);
      /* Let the half answer reach the client before the reset, as a crash mid-write would. */
      g_usleep (20000);
      reset (client->connection);
      client_free (client);
      break;
    case MADO_FAULT_SILENT:
      g_ptr_array_add (server->open, g_object_ref (client->connection));
      client_free (client);
      break;
    case MADO_FAULT_FLOOD_LENGTH:
    case MADO_FAULT_FLOOD_CHUNKED:
      if (server->mode == MADO_FAULT_FLOOD_LENGTH)
        head = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n",
                                server->content_type, MADO_FAULT_FLOOD_BYTES);
      else
        head = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: %s\r\nTransfer-Encoding: chunked\r\n\r\n",
                                server->content_type);
      g_output_stream_write_all (output, head, strlen (head), NULL, NULL, NULL);
      client->remaining = MADO_FAULT_FLOOD_BYTES;
      server->floods_running++;
      flood_next (client);
      break;
    case MADO_FAULT_RESET_AT_ONCE:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
on_incoming (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source_object,
             gpointer           user_data)
{
  MadoFaultServer *server = user_data;
  Client *client;

  server->connections++;

  if (server->mode == MADO_FAULT_RESET_AT_ONCE)
    {
      reset (connection);
      return TRUE;
    }

  client = g_new0 (Client, 1);
  client->server = server;
  client->connection = g_object_ref (connection);
  client->request = g_byte_array_new ();
  g_input_stream_read_async (g_io_stream_get_input_stream (G_IO_STREAM (connection)), client->buffer,
                             sizeof client->buffer, G_PRIORITY_DEFAULT, server->cancellable, on_request, client);

  return TRUE;
}

MadoFaultServer *
mado_fault_server_new (MadoFaultMode  mode,
                       const char    *content_type)
{
  MadoFaultServer *self = g_new0 (MadoFaultServer, 1);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  self->mode = mode;
  self->content_type = g_strdup (content_type);
  self->open = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();
  self->service = g_socket_service_new ();
  g_socket_listener_add_address (G_SOCKET_LISTENER (self->service), address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error);
  g_assert_no_error (error);
  self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_signal_connect (self->service, "incoming", G_CALLBACK (on_incoming), self);
  g_socket_service_start (self->service);

  return self;
}

void
mado_fault_server_free (MadoFaultServer *self)
{
  g_cancellable_cancel (self->cancellable);
  /* The cancelled floods finish in the next iterations; they point at this server. */
  while (self->floods_running > 0)
    g_main_context_iteration (NULL, TRUE);

  g_socket_service_stop (self->service);
  g_socket_listener_close (G_SOCKET_LISTENER (self->service));
  g_signal_handlers_disconnect_by_data (self->service, self);
  g_object_unref (self->service);
  for (guint i = 0; i < self->open->len; i++)
    g_io_stream_close (g_ptr_array_index (self->open, i), NULL, NULL);
  g_ptr_array_unref (self->open);
  g_object_unref (self->cancellable);
  g_free (self->content_type);
  g_free (self);
}

char *
mado_fault_server_dup_url (MadoFaultServer *self)
{
  return g_strdup_printf ("http://127.0.0.1:%u/", self->port);
}

guint
mado_fault_server_get_connections (MadoFaultServer *self)
{
  return self->connections;
}

guint64
mado_fault_server_get_flooded (MadoFaultServer *self)
{
  return self->flooded;
}

gboolean
mado_fault_server_flood_ended (MadoFaultServer *self)
{
  return self->floods_running == 0;
}

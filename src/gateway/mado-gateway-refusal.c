/* mado-gateway-refusal.c: refusing a request body without reading it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libsoup reads every request body to its end before it answers, which for a 50 MB upload to a
 * 64 KiB endpoint means reading 50 MB. Instead the connection is taken from libsoup, the answer
 * set on the message is written out by hand with "Connection: close", and the socket is closed.
 */
#include "mado-gateway-private.h"

/* After the answer, what the client has already sent is read and thrown away for a short while
 * before the connection is closed: closing a socket with unread data makes the kernel send a
 * reset, which can destroy the answer before the client reads it. */
#define LINGER_MS        1000
#define LINGER_MAX_BYTES (1024 * 1024)

typedef struct {
  GIOStream    *stream;
  GSocket      *socket;
  GBytes       *response;
  GCancellable *linger;
  guint         linger_id;
  gsize         discarded;
} Refusal;

static char discarded_bytes[16384];

static void
refusal_free (Refusal *refusal)
{
  g_clear_handle_id (&refusal->linger_id, g_source_remove);
  g_object_unref (refusal->linger);
  g_object_unref (refusal->stream);
  g_object_unref (refusal->socket);
  g_bytes_unref (refusal->response);
  g_free (refusal);
}

static void
on_refusal_closed (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_io_stream_close_finish (G_IO_STREAM (source), result, NULL);
  refusal_free (user_data);
}

static void
close_refusal (Refusal *refusal)
{
  g_clear_handle_id (&refusal->linger_id, g_source_remove);
  g_io_stream_close_async (refusal->stream, G_PRIORITY_DEFAULT, NULL, on_refusal_closed, refusal);
}

static void
on_linger_over (gpointer user_data)
{
  Refusal *refusal = user_data;

  refusal->linger_id = 0;
  g_cancellable_cancel (refusal->linger);
}

static void
on_discarded (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Refusal *refusal = user_data;
  gssize n_read = g_input_stream_read_finish (G_INPUT_STREAM (source), result, NULL);

  if (n_read <= 0 || g_cancellable_is_cancelled (refusal->linger))
    {
      close_refusal (refusal);
      return;
    }

  refusal->discarded += (gsize) n_read;
  if (refusal->discarded >= LINGER_MAX_BYTES)
    {
      close_refusal (refusal);
      return;
    }

  g_input_stream_read_async (G_INPUT_STREAM (source), discarded_bytes, sizeof discarded_bytes,
                             G_PRIORITY_DEFAULT, refusal->linger, on_discarded, refusal);
}

static void
on_refusal_written (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Refusal *refusal = user_data;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, NULL))
    {
      close_refusal (refusal);
      return;
    }

  /* The client sees the end of the answer at once; what it still sends is thrown away. */
  g_socket_shutdown (refusal->socket, FALSE, TRUE, NULL);
  refusal->linger_id = g_timeout_add_once (LINGER_MS, on_linger_over, refusal);
  g_input_stream_read_async (g_io_stream_get_input_stream (refusal->stream),
                             discarded_bytes, sizeof discarded_bytes, G_PRIORITY_DEFAULT,
                             refusal->linger, on_discarded, refusal);
}

static GBytes *
serialize_response (SoupServerMessage *message)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_response_body (message));
  guint status = soup_server_message_get_status (message);
  GString *text = g_string_sized_new (512);
  SoupMessageHeadersIter iter;
  const char *name, *value;

  g_string_append_printf (text, "HTTP/1.1 %u %s\r\n", status, soup_status_get_phrase (status));
  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    if (g_ascii_strcasecmp (name, "Content-Length") != 0 && g_ascii_strcasecmp (name, "Connection") != 0)
      g_string_append_printf (text, "%s: %s\r\n", name, value);
  g_string_append_printf (text, "Content-Length: %" G_GSIZE_FORMAT "\r\nConnection: close\r\n\r\n",
                          g_bytes_get_size (body));
  g_string_append_len (text, g_bytes_get_data (body, NULL), (gssize) g_bytes_get_size (body));

  return g_string_free_to_bytes (text);
}

/**
 * mado_gateway_request_refuse_body:
 *
 * Answers with the response already set (an early error), or else payload_too_large, and
 * closes the connection without reading the rest of the body.
 */
void
mado_gateway_request_refuse_body (MadoGatewayRequest *request)
{
  Refusal *refusal;
  GSocket *socket = soup_server_message_get_socket (request->message);

  if (!request->answered)
    {
      g_autoptr(GError) error = NULL;

      g_set_error (&error, MADO_GATEWAY_ERROR, MADO_GATEWAY_ERROR_PAYLOAD_TOO_LARGE,
                   "The request body is larger than the %" G_GSIZE_FORMAT " bytes this endpoint "
                   "accepts.", request->body_limit);
      mado_gateway_request_respond_error (request, error);
    }

  /* The connection is taken over, so the message will not be answered through libsoup. */
  g_clear_object (&request->stream);
  refusal = g_new0 (Refusal, 1);
  refusal->socket = g_object_ref (socket);
  refusal->response = serialize_response (request->message);
  refusal->linger = g_cancellable_new ();
  refusal->stream = soup_server_message_steal_connection (request->message);

  g_output_stream_write_all_async (g_io_stream_get_output_stream (refusal->stream),
                                   g_bytes_get_data (refusal->response, NULL),
                                   g_bytes_get_size (refusal->response),
                                   G_PRIORITY_DEFAULT, NULL, on_refusal_written, refusal);
}

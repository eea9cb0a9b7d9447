/* mado-baresip-control.c: baresip's ctrl_tcp connection (netstring-framed JSON over TCP)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ctrl_tcp takes {"command": …, "params": …, "token": …} and answers {"response": true, "ok": …,
 * "data": …, "token": …}; in between it sends {"event": true, "type": "CALL_RINGING", …}. Each
 * message is a netstring: "LENGTH:PAYLOAD,".
 */
#include "mado-baresip-control.h"

#include "mado-call-types.h"

#include <string.h>

/* Events are a few hundred bytes; anything far larger means the peer is not ctrl_tcp. */
#define MAX_MESSAGE_LENGTH (1024 * 1024)
#define READ_SIZE 4096

struct _MadoBaresipControl
{
  GObject            parent_instance;

  GSocketConnection *connection;
  GCancellable      *cancellable;
  GByteArray        *input;
  GQueue             outgoing;       /* GBytes waiting to be written */
  GBytes            *writing;        /* the one being written, or NULL */
  GHashTable        *pending;        /* token → GTask */
  guint              last_token;
  gboolean           closed;
};

G_DEFINE_FINAL_TYPE (MadoBaresipControl, mado_baresip_control, G_TYPE_OBJECT)

enum {
  EVENT,
  CLOSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void start_reading (MadoBaresipControl *self);

GBytes *
mado_netstring_encode (const char *payload,
                       gsize       length)
{
  GString *out = g_string_sized_new (length + 16);

  g_string_append_printf (out, "%" G_GSIZE_FORMAT ":", length);
  g_string_append_len (out, payload, length);
  g_string_append_c (out, ',');

  return g_string_free_to_bytes (out);
}

GPtrArray *
mado_netstring_take (GByteArray  *buffer,
                     GError     **error)
{
  g_autoptr(GPtrArray) payloads = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  gsize offset = 0;

  g_return_val_if_fail (buffer != NULL, NULL);

  while (offset < buffer->len)
    {
      gsize length = 0, digits = 0, start;

      while (offset + digits < buffer->len && g_ascii_isdigit (buffer->data[offset + digits]))
        {
          length = length * 10 + (buffer->data[offset + digits] - '0');
          digits++;
          if (length > MAX_MESSAGE_LENGTH)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "The SIP helper sent a message longer than %d bytes", MAX_MESSAGE_LENGTH);
              return NULL;
            }
        }

      if (offset + digits == buffer->len)
        break;  /* the length is still arriving */

      if (digits == 0 || buffer->data[offset + digits] != ':')
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               "The SIP helper's control connection sent something that is not a netstring");
          return NULL;
        }

      start = offset + digits + 1;
      if (start + length + 1 > buffer->len)
        break;  /* the payload is still arriving */

      if (buffer->data[start + length] != ',')
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               "A netstring from the SIP helper does not end with “,”");
          return NULL;
        }

      g_ptr_array_add (payloads, g_bytes_new (buffer->data + start, length));
      offset = start + length + 1;
    }

  g_byte_array_remove_range (buffer, 0, offset);
  return g_steal_pointer (&payloads);
}

static void
fail_pending (MadoBaresipControl *self,
              const GError       *error)
{
  g_autoptr(GList) tasks = g_hash_table_get_values (self->pending);

  g_hash_table_steal_all (self->pending);
  for (GList *l = tasks; l != NULL; l = l->next)
    {
      g_autoptr(GTask) task = l->data;

      g_task_return_error (task, g_error_copy (error));
    }
}

/* Ends the connection; @error says why, for the pending commands and the "closed" signal. */
static void
shut_down (MadoBaresipControl *self,
           const GError       *error)
{
  if (self->closed)
    return;

  self->closed = TRUE;
  g_cancellable_cancel (self->cancellable);
  if (self->connection != NULL)
    g_io_stream_close (G_IO_STREAM (self->connection), NULL, NULL);
  g_queue_clear_full (&self->outgoing, (GDestroyNotify) g_bytes_unref);

  fail_pending (self, error);
  g_signal_emit (self, signals[CLOSED], 0, error);
}

static void
handle_message (MadoBaresipControl *self,
                GBytes             *payload)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (payload, &length);
  JsonNode *root;
  JsonObject *message;

  if (!json_parser_load_from_data (parser, data, (gssize) length, &error) ||
      !JSON_NODE_HOLDS_OBJECT (root = json_parser_get_root (parser)))
    {
      g_debug ("baresip control: ignoring a message that is not a JSON object: %.*s", (int) length, data);
      return;
    }

  message = json_node_get_object (root);

  if (json_object_get_boolean_member_with_default (message, "event", FALSE))
    {
      g_signal_emit (self, signals[EVENT], 0, message);
    }
  else if (json_object_get_boolean_member_with_default (message, "response", FALSE))
    {
      const char *token = json_object_get_string_member_with_default (message, "token", "");
      const char *text = json_object_get_string_member_with_default (message, "data", "");
      gpointer stolen_task = NULL;

      if (!g_hash_table_steal_extended (self->pending, token, NULL, &stolen_task))
        {
          g_debug ("baresip control: a response to no pending command (token “%s”)", token);
          return;
        }

      {
        g_autoptr(GTask) task = stolen_task;

        if (json_object_get_boolean_member_with_default (message, "ok", FALSE))
          g_task_return_pointer (task, g_strchomp (g_strdup (text)), g_free);
        else
          g_task_return_new_error (task, MADO_CALL_ERROR, MADO_CALL_ERROR_HELPER_FAILED,
                                   "The SIP helper refused “%s”: %s",
                                   (const char *) g_task_get_task_data (task),
                                   *text != '\0' ? text : "no reason given");
      }
    }
}

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  g_autoptr(MadoBaresipControl) self = NULL;
  g_autoptr(GPtrArray) payloads = NULL;

  /* Cancellation comes only from shut_down() or dispose, after which self must not be touched. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = g_object_ref (MADO_BARESIP_CONTROL (user_data));

  if (bytes == NULL)
    {
      g_prefix_error (&error, "The SIP helper's control connection failed: ");
      shut_down (self, error);
      return;
    }

  if (g_bytes_get_size (bytes) == 0)
    {
      g_autoptr(GError) closed = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED,
                                                      "The SIP helper closed its control connection");
      shut_down (self, closed);
      return;
    }

  g_byte_array_append (self->input, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  payloads = mado_netstring_take (self->input, &error);
  if (payloads == NULL)
    {
      shut_down (self, error);
      return;
    }

  /* A handler may close the connection (the call ended); later messages then do not matter. */
  for (guint i = 0; i < payloads->len && !self->closed; i++)
    handle_message (self, g_ptr_array_index (payloads, i));

  if (!self->closed)
    start_reading (self);
}

static void
start_reading (MadoBaresipControl *self)
{
  GInputStream *input = g_io_stream_get_input_stream (G_IO_STREAM (self->connection));

  g_input_stream_read_bytes_async (input, READ_SIZE, G_PRIORITY_DEFAULT, self->cancellable, on_read, self);
}

static void write_next (MadoBaresipControl *self);

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  MadoBaresipControl *self;

  g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = MADO_BARESIP_CONTROL (user_data);
  g_clear_pointer (&self->writing, g_bytes_unref);

  if (error != NULL)
    {
      g_prefix_error (&error, "Could not write to the SIP helper: ");
      shut_down (self, error);
      return;
    }

  write_next (self);
}

static void
write_next (MadoBaresipControl *self)
{
  GOutputStream *output;

  if (self->writing != NULL || self->closed || g_queue_is_empty (&self->outgoing))
    return;

  self->writing = g_queue_pop_head (&self->outgoing);
  output = g_io_stream_get_output_stream (G_IO_STREAM (self->connection));
  g_output_stream_write_all_async (output, g_bytes_get_data (self->writing, NULL),
                                   g_bytes_get_size (self->writing), G_PRIORITY_DEFAULT,
                                   self->cancellable, on_written, self);
}

static void
mado_baresip_control_dispose (GObject *object)
{
  MadoBaresipControl *self = MADO_BARESIP_CONTROL (object);

  if (!self->closed)
    {
      g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                     "The control connection was closed");

      /* No "closed" emission from dispose: nobody who could act on it holds the object. */
      self->closed = TRUE;
      g_cancellable_cancel (self->cancellable);
      fail_pending (self, error);
    }

  g_clear_object (&self->connection);
  g_clear_pointer (&self->writing, g_bytes_unref);
  g_queue_clear_full (&self->outgoing, (GDestroyNotify) g_bytes_unref);

  G_OBJECT_CLASS (mado_baresip_control_parent_class)->dispose (object);
}

static void
mado_baresip_control_finalize (GObject *object)
{
  MadoBaresipControl *self = MADO_BARESIP_CONTROL (object);

  g_clear_object (&self->cancellable);
  g_byte_array_unref (self->input);
  g_hash_table_unref (self->pending);

  G_OBJECT_CLASS (mado_baresip_control_parent_class)->finalize (object);
}

static void
mado_baresip_control_class_init (MadoBaresipControlClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mado_baresip_control_dispose;
  object_class->finalize = mado_baresip_control_finalize;

  /**
   * MadoBaresipControl::event:
   * @event: the event object, e.g. {"type": "CALL_CLOSED", "param": "486 Busy Here", …}
   */
  signals[EVENT] =
    g_signal_new ("event", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, JSON_TYPE_OBJECT);

  /**
   * MadoBaresipControl::closed:
   * @error: why: the helper closed the connection, or it broke
   */
  signals[CLOSED] =
    g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
mado_baresip_control_init (MadoBaresipControl *self)
{
  self->cancellable = g_cancellable_new ();
  self->input = g_byte_array_new ();
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_queue_init (&self->outgoing);
}

static void
on_connected (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketConnection) connection = NULL;
  MadoBaresipControl *self;

  connection = g_socket_client_connect_to_host_finish (G_SOCKET_CLIENT (source), result, &error);
  if (connection == NULL)
    {
      g_task_return_new_error (task, MADO_CALL_ERROR, MADO_CALL_ERROR_HELPER_FAILED,
                               "Could not reach the SIP helper's control port: %s", error->message);
      return;
    }

  self = g_object_new (MADO_TYPE_BARESIP_CONTROL, NULL);
  self->connection = g_steal_pointer (&connection);
  start_reading (self);

  g_task_return_pointer (task, self, g_object_unref);
}

void
mado_baresip_control_connect_async (guint16              port,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_return_if_fail (port != 0);

  g_task_set_source_tag (task, mado_baresip_control_connect_async);
  /* No socket timeout: it would also end a quiet connection in the middle of a long call. A
   * helper that is stuck shows in its process instead, which the leg watches. */
  g_socket_client_connect_to_host_async (client, "127.0.0.1", port, cancellable, on_connected,
                                         g_steal_pointer (&task));
}

/**
 * mado_baresip_control_connect_finish:
 *
 * Returns: (transfer full): the connection, already reading
 */
MadoBaresipControl *
mado_baresip_control_connect_finish (GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mado_baresip_control_connect_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
mado_baresip_control_command_async (MadoBaresipControl  *self,
                                    const char          *command,
                                    const char          *params,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *token = NULL;
  g_autofree char *json = NULL;
  gsize length;

  g_return_if_fail (MADO_IS_BARESIP_CONTROL (self));
  g_return_if_fail (command != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mado_baresip_control_command_async);
  g_task_set_task_data (task, g_strdup (command), g_free);

  if (self->closed)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED,
                               "The SIP helper's control connection is closed; “%s” was not sent", command);
      return;
    }

  token = g_strdup_printf ("%u", ++self->last_token);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "command");
  json_builder_add_string_value (builder, command);
  if (params != NULL)
    {
      json_builder_set_member_name (builder, "params");
      json_builder_add_string_value (builder, params);
    }
  json_builder_set_member_name (builder, "token");
  json_builder_add_string_value (builder, token);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, &length);

  g_queue_push_tail (&self->outgoing, mado_netstring_encode (json, length));
  g_hash_table_insert (self->pending, g_steal_pointer (&token), g_steal_pointer (&task));
  write_next (self);
}

/**
 * mado_baresip_control_command_finish:
 *
 * Returns: (transfer full): the response's text (often empty)
 */
char *
mado_baresip_control_command_finish (MadoBaresipControl  *self,
                                     GAsyncResult        *result,
                                     GError             **error)
{
  g_return_val_if_fail (MADO_IS_BARESIP_CONTROL (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
mado_baresip_control_close (MadoBaresipControl *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (MADO_IS_BARESIP_CONTROL (self));

  error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "The control connection was closed");
  shut_down (self, error);
}

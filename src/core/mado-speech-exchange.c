/* mado-speech-exchange.c: one HTTP exchange with the speech gateway (retry, deadline, limits, errors)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-speech-exchange.h"

#include <string.h>

#include "mado-speech-api-error.h"
#include "mado-speech-client-private.h"

/* Reads of this size keep a large answer from being copied many times and a small one from
 * waiting for more than it needs. */
#define READ_CHUNK 65536

struct _MadoSpeechExchange
{
  MadoSpeechClient *client;
  char             *method;
  char             *path;
  char             *query;
  char             *purpose;
  char             *request_id;

  char             *body_type;
  GBytes           *body_bytes;
  GInputStream     *body_stream;
  gboolean          retry;
  guint             timeout_ms;
  gboolean          deadline_on_send;
  char             *expected_type;
  gsize             limit;

  /* While sending. */
  GTask            *task;
  GCancellable     *cancellable;        /* ours: the deadline and the caller's cancellable cancel it */
  GCancellable     *caller_cancellable;
  gulong            caller_handler;
  GSource          *deadline;
  gboolean          timed_out;
  guint             attempt;
  SoupMessage      *message;
  GInputStream     *answer;
  GByteArray       *received;
  gint64            sent_us;
};

void
mado_speech_response_free (MadoSpeechResponse *response)
{
  g_clear_pointer (&response->headers, soup_message_headers_unref);
  g_clear_pointer (&response->body, g_bytes_unref);
  g_free (response->request_id);
  g_free (response);
}

static void
exchange_clear (MadoSpeechExchange *self)
{
  g_assert (self->task == NULL);
  g_assert (self->deadline == NULL);

  g_clear_object (&self->client);
  g_free (self->method);
  g_free (self->path);
  g_free (self->query);
  g_free (self->purpose);
  g_free (self->request_id);
  g_free (self->body_type);
  g_clear_pointer (&self->body_bytes, g_bytes_unref);
  g_clear_object (&self->body_stream);
  g_free (self->expected_type);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->message);
  g_clear_object (&self->answer);
  g_clear_pointer (&self->received, g_byte_array_unref);
}

MadoSpeechExchange *
mado_speech_exchange_new (MadoSpeechClient *client,
                          const char       *method,
                          const char       *path,
                          const char       *query,
                          const char       *purpose)
{
  MadoSpeechExchange *self = g_atomic_rc_box_new0 (MadoSpeechExchange);
  g_autofree char *uuid = g_uuid_string_random ();

  self->client = g_object_ref (client);
  self->method = g_strdup (method);
  self->path = g_strdup (path);
  self->query = g_strdup (query);
  self->purpose = g_strdup (purpose);
  /* The ID is the client's own, so a failure the client saw (a timeout) can still be found in
   * the gateway's log; a retry reuses it because it is the same request. */
  self->request_id = g_strndup (uuid, 8);
  self->expected_type = g_strdup ("application/json");
  self->limit = 1024 * 1024;
  self->cancellable = g_cancellable_new ();

  return self;
}

MadoSpeechExchange *
mado_speech_exchange_ref (MadoSpeechExchange *self)
{
  return g_atomic_rc_box_acquire (self);
}

void
mado_speech_exchange_unref (MadoSpeechExchange *self)
{
  g_atomic_rc_box_release_full (self, (GDestroyNotify) exchange_clear);
}

/* g_set_str() arrived in GLib 2.76; Debian 12 has 2.74. */
static void
replace_string (char       **slot,
                const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*slot);
  *slot = copy;
}

void
mado_speech_exchange_set_body_bytes (MadoSpeechExchange *self,
                                     const char         *content_type,
                                     GBytes             *body)
{
  replace_string (&self->body_type, content_type);
  g_clear_pointer (&self->body_bytes, g_bytes_unref);
  self->body_bytes = g_bytes_ref (body);
}

void
mado_speech_exchange_set_body_stream (MadoSpeechExchange *self,
                                      const char         *content_type,
                                      GInputStream       *body)
{
  replace_string (&self->body_type, content_type);
  g_set_object (&self->body_stream, body);
}

void
mado_speech_exchange_set_retry (MadoSpeechExchange *self,
                                gboolean            retry)
{
  self->retry = retry;
}

void
mado_speech_exchange_set_deadline (MadoSpeechExchange *self,
                                   guint               timeout_ms,
                                   gboolean            start_on_send)
{
  self->timeout_ms = timeout_ms;
  self->deadline_on_send = start_on_send;
}

void
mado_speech_exchange_set_expected (MadoSpeechExchange *self,
                                   const char         *content_type,
                                   gsize               limit)
{
  replace_string (&self->expected_type, content_type);
  self->limit = limit;
}

/* Ends the exchange: stops the deadline, lets go of the caller's cancellable and of the
 * connection (an answer left unread is abandoned by cancelling, which makes libsoup close
 * the connection instead of reading the rest), and returns @response or @error. */
static void
finish (MadoSpeechExchange *self,
        MadoSpeechResponse *response,
        GError             *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);

  g_assert (task != NULL);
  g_assert ((response == NULL) != (error == NULL));

  if (self->deadline != NULL)
    {
      g_source_destroy (self->deadline);
      g_clear_pointer (&self->deadline, g_source_unref);
    }
  if (self->caller_handler != 0)
    g_cancellable_disconnect (self->caller_cancellable, self->caller_handler);
  self->caller_handler = 0;
  g_clear_object (&self->caller_cancellable);

  if (error != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->answer);
  g_clear_object (&self->message);

  if (error != NULL)
    {
      g_debug ("Speech API %s %s (request %s): %s", self->method, self->path, self->request_id, error->message);
      g_task_return_error (task, error);
    }
  else
    {
      g_debug ("Speech API %s %s (request %s): HTTP %u, %.1f ms", self->method, self->path,
               self->request_id, response->status, (response->received_us - response->sent_us) / 1000.0);
      g_task_return_pointer (task, response, (GDestroyNotify) mado_speech_response_free);
    }
}

/* Every failure ends here, so every message names the gateway, the request and its ID, and
 * passes through the scrubber that removes the token. */
static void
fail (MadoSpeechExchange *self,
      MadoSpeechApiError  code,
      guint               retry_after,
      const char         *format,
      ...) G_GNUC_PRINTF (4, 5);

static void
fail (MadoSpeechExchange *self,
      MadoSpeechApiError  code,
      guint               retry_after,
      const char         *format,
      ...)
{
  g_autofree char *detail = NULL;
  g_autofree char *scrubbed = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  scrubbed = mado_speech_client_scrub (self->client, detail);
  finish (self, NULL,
          mado_speech_api_error_new (code, retry_after, self->request_id,
                                     "The %s to the speech gateway at %s failed (request %s): %s",
                                     self->purpose, mado_speech_client_get_display_url (self->client),
                                     self->request_id, scrubbed));
}

/* Ends with the caller's cancellation, or with TIMEOUT when our deadline cancelled. */
static void
fail_cancelled (MadoSpeechExchange *self)
{
  if (self->timed_out)
    fail (self, MADO_SPEECH_API_ERROR_TIMEOUT, 0, "no complete answer within %.1f s", self->timeout_ms / 1000.0);
  else
    finish (self, NULL, g_error_new (G_IO_ERROR, G_IO_ERROR_CANCELLED, "The %s was cancelled", self->purpose));
}

static gboolean
deadline_cb (gpointer user_data)
{
  MadoSpeechExchange *self = user_data;

  self->timed_out = TRUE;
  g_clear_pointer (&self->deadline, g_source_unref);
  g_cancellable_cancel (self->cancellable);

  return G_SOURCE_REMOVE;
}

/**
 * mado_speech_exchange_start_deadline:
 *
 * Starts the deadline now (for a recognition: at the end of the audio). Does nothing when
 * the exchange has finished or its deadline already runs.
 */
void
mado_speech_exchange_start_deadline (MadoSpeechExchange *self)
{
  if (self->task == NULL || self->deadline != NULL || self->timeout_ms == 0)
    return;

  self->deadline = g_timeout_source_new (self->timeout_ms);
  g_source_set_static_name (self->deadline, "[madoguchi] speech API deadline");
  g_source_set_callback (self->deadline, deadline_cb, self, NULL);
  g_source_attach (self->deadline, g_task_get_context (self->task));
}

static gboolean
is_unreachable (const GError *error)
{
  return error->domain == G_RESOLVER_ERROR
         || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED)
         || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_NOT_FOUND)
         || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE)
         || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE);
}

/* The media type without parameters, compared without regard to case. */
static gboolean
has_media_type (SoupMessageHeaders *headers,
                const char         *expected)
{
  const char *type = soup_message_headers_get_content_type (headers, NULL);

  return type != NULL && g_ascii_strcasecmp (type, expected) == 0;
}

/* Reads `dur=` of the @name entry of Server-Timing (`gateway;dur=0.4, provider;dur=0.2`). */
static double
server_timing (SoupMessageHeaders *headers,
               const char         *name)
{
  const char *value = soup_message_headers_get_list (headers, "Server-Timing");
  g_auto(GStrv) entries = NULL;

  if (value == NULL)
    return -1;

  entries = g_strsplit (value, ",", -1);
  for (guint i = 0; entries[i] != NULL; i++)
    {
      g_auto(GStrv) parameters = g_strsplit (entries[i], ";", -1);

      if (g_ascii_strcasecmp (g_strstrip (parameters[0]), name) != 0)
        continue;
      for (guint j = 1; parameters[j] != NULL; j++)
        {
          const char *parameter = g_strstrip (parameters[j]);
          char *end = NULL;
          double duration;

          if (g_ascii_strncasecmp (parameter, "dur=", 4) != 0)
            continue;
          duration = g_ascii_strtod (parameter + 4, &end);
          if (end != parameter + 4 && *end == '\0' && duration >= 0)
            return duration;
        }
    }

  return -1;
}

/* Retry-After in seconds or as an HTTP date; 0 when absent or unreadable. */
static guint
retry_after (SoupMessageHeaders *headers)
{
  const char *value = soup_message_headers_get_one (headers, "Retry-After");
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) now = NULL;
  guint64 seconds;

  if (value == NULL)
    return 0;
  if (g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT, &seconds, NULL))
    return (guint) seconds;

  when = soup_date_time_new_from_http_string (value);
  if (when == NULL)
    return 0;
  now = g_date_time_new_now_utc ();

  return (guint) CLAMP (g_date_time_difference (when, now) / G_TIME_SPAN_SECOND, 0, G_MAXUINT);
}

static const char *
string_member (JsonObject *object,
               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/* An answer with a status outside 2xx: the API's error body when there is one. */
static void
fail_with_status (MadoSpeechExchange *self,
                  guint               status,
                  SoupMessageHeaders *headers,
                  GBytes             *body)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  gsize length;
  const char *data = g_bytes_get_data (body, &length);
  guint wait = retry_after (headers);
  JsonObject *error_object = NULL;

  if (has_media_type (headers, "application/json") && length > 0
      && json_parser_load_from_data (parser, data, (gssize) length, NULL)
      && json_parser_get_root (parser) != NULL
      && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      JsonObject *root = json_node_get_object (json_parser_get_root (parser));
      JsonNode *node = json_object_get_member (root, "error");

      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        error_object = json_node_get_object (node);
    }

  if (error_object != NULL)
    {
      const char *code = string_member (error_object, "code");
      const char *message = string_member (error_object, "message");
      MadoSpeechApiError error_code = mado_speech_api_error_from_code (code);

      fail (self, error_code, wait, "%s (%s, HTTP %u)", message != NULL ? message : "no message",
            code != NULL ? code : "no code", status);
      return;
    }

  /* Without the API's body the answer came from something else: a load balancer or proxy in
   * front of the gateway answers 502–504 when no gateway behind it answered. */
  if (status == 429 /* Too Many Requests */)
    fail (self, MADO_SPEECH_API_ERROR_RATE_LIMITED, wait, "HTTP 429 (too many requests) without the API's error body");
  else if (status == SOUP_STATUS_BAD_GATEWAY || status == SOUP_STATUS_SERVICE_UNAVAILABLE
           || status == SOUP_STATUS_GATEWAY_TIMEOUT)
    fail (self, MADO_SPEECH_API_ERROR_GATEWAY_UNREACHABLE, wait,
          "HTTP %u without the API's error body, so a proxy in front of the gateway could not reach it", status);
  else
    fail (self, MADO_SPEECH_API_ERROR_BAD_RESPONSE, 0, "HTTP %u without the API's error body", status);
}

static void
complete (MadoSpeechExchange *self)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (self->message);
  guint status = soup_message_get_status (self->message);
  g_autoptr(GBytes) body = g_byte_array_free_to_bytes (g_steal_pointer (&self->received));
  MadoSpeechResponse *response;

  if (status < 200 || status > 299)
    {
      fail_with_status (self, status, headers, body);
      return;
    }
  if (!has_media_type (headers, self->expected_type))
    {
      const char *type = soup_message_headers_get_content_type (headers, NULL);

      fail (self, MADO_SPEECH_API_ERROR_BAD_RESPONSE, 0, "the answer is of type %s instead of %s",
            type != NULL ? type : "(none)", self->expected_type);
      return;
    }

  response = g_new0 (MadoSpeechResponse, 1);
  response->status = status;
  response->headers = soup_message_headers_ref (headers);
  response->body = g_steal_pointer (&body);
  response->request_id = g_strdup (self->request_id);
  response->gateway_ms = server_timing (headers, "gateway");
  response->provider_ms = server_timing (headers, "provider");
  response->sent_us = self->sent_us;
  response->received_us = g_get_monotonic_time ();
  finish (self, response, NULL);
}

static void read_more (MadoSpeechExchange *self);

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  MadoSpeechExchange *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);

  if (chunk == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        fail_cancelled (self);
      else
        fail (self, MADO_SPEECH_API_ERROR_CONNECTION_LOST, 0,
              "the connection broke after %u bytes of the answer: %s", self->received->len, error->message);
      mado_speech_exchange_unref (self);
      return;
    }

  if (g_bytes_get_size (chunk) == 0)
    complete (self);
  else if (g_bytes_get_size (chunk) > self->limit - self->received->len)
    fail (self, MADO_SPEECH_API_ERROR_BAD_RESPONSE, 0,
          "the answer is longer than %" G_GSIZE_FORMAT " bytes, the most this app reads", self->limit);
  else
    {
      g_byte_array_append (self->received, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
      read_more (self);
    }

  mado_speech_exchange_unref (self);
}

static void
read_more (MadoSpeechExchange *self)
{
  g_input_stream_read_bytes_async (self->answer, READ_CHUNK, G_PRIORITY_DEFAULT, self->cancellable,
                                   on_read, mado_speech_exchange_ref (self));
}

static void send_attempt (MadoSpeechExchange *self);

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  MadoSpeechExchange *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) answer = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  goffset announced;

  if (answer == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        fail_cancelled (self);
      else if (self->retry && self->attempt == 1 && error->domain != SOUP_SESSION_ERROR)
        {
          /* The connection failed before any byte of the answer, so the gateway did nothing
           * the caller could see twice: an idempotent call is safe to send once more. */
          g_debug ("Speech API %s %s (request %s): retrying after a connection failure: %s",
                   self->method, self->path, self->request_id, error->message);
          send_attempt (self);
        }
      else if (error->domain == SOUP_SESSION_ERROR)
        fail (self, MADO_SPEECH_API_ERROR_BAD_RESPONSE, 0, "the answer is not valid HTTP: %s", error->message);
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
        fail (self, MADO_SPEECH_API_ERROR_TIMEOUT, 0, "the connection timed out: %s", error->message);
      else if (is_unreachable (error))
        fail (self, MADO_SPEECH_API_ERROR_GATEWAY_UNREACHABLE, 0, "%s%s", error->message,
              self->attempt > 1 ? " (tried twice)" : "");
      else
        fail (self, MADO_SPEECH_API_ERROR_CONNECTION_LOST, 0, "the connection broke before the answer: %s%s",
              error->message, self->attempt > 1 ? " (tried twice)" : "");
      mado_speech_exchange_unref (self);
      return;
    }

  /* A length over the limit is refused before reading any of it. */
  announced = soup_message_headers_get_content_length (soup_message_get_response_headers (self->message));
  if (announced > 0 && (guint64) announced > self->limit)
    {
      fail (self, MADO_SPEECH_API_ERROR_BAD_RESPONSE, 0,
            "the answer announces %" G_GOFFSET_FORMAT " bytes, more than the %" G_GSIZE_FORMAT " this app reads",
            announced, self->limit);
      mado_speech_exchange_unref (self);
      return;
    }

  self->answer = g_steal_pointer (&answer);
  self->received = g_byte_array_new ();
  read_more (self);
  mado_speech_exchange_unref (self);
}

static void
send_attempt (MadoSpeechExchange *self)
{
  self->attempt++;
  g_clear_object (&self->message);
  self->message = mado_speech_client_new_message (self->client, self->method, self->path, self->query);
  soup_message_headers_replace (soup_message_get_request_headers (self->message), "X-Request-Id", self->request_id);
  soup_message_headers_replace (soup_message_get_request_headers (self->message), "Accept", self->expected_type);

  if (self->body_bytes != NULL)
    soup_message_set_request_body_from_bytes (self->message, self->body_type, self->body_bytes);
  else if (self->body_stream != NULL)
    soup_message_set_request_body (self->message, self->body_type, self->body_stream, -1);

  soup_session_send_async (mado_speech_client_get_session (self->client), self->message, G_PRIORITY_DEFAULT,
                           self->cancellable, on_sent, mado_speech_exchange_ref (self));
}

static void
caller_cancelled_cb (GCancellable *caller,
                     gpointer      user_data)
{
  GCancellable *ours = user_data;

  g_cancellable_cancel (ours);
}

void
mado_speech_exchange_send_async (MadoSpeechExchange  *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_assert (self->task == NULL);
  g_assert (self->attempt == 0);

  self->task = g_task_new (self->client, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, mado_speech_exchange_send_async);
  /* The task's data keeps the exchange alive until the caller has its result. */
  g_task_set_task_data (self->task, mado_speech_exchange_ref (self), (GDestroyNotify) mado_speech_exchange_unref);
  self->sent_us = g_get_monotonic_time ();

  if (cancellable != NULL)
    {
      self->caller_cancellable = g_object_ref (cancellable);
      /* Our cancellable outlives the handler: the exchange is freed only after finish()
       * disconnected it. */
      self->caller_handler = g_cancellable_connect (cancellable, G_CALLBACK (caller_cancelled_cb),
                                                    self->cancellable, NULL);
    }

  if (self->deadline_on_send)
    mado_speech_exchange_start_deadline (self);

  send_attempt (self);
}

MadoSpeechResponse *
mado_speech_exchange_send_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mado_speech_exchange_send_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * mado_speech_response_parse_json:
 * @purpose: names the request in the error message
 * @display_url: names the gateway in the error message
 *
 * Returns: (transfer full) (nullable): the body's root node.
 */
JsonNode *
mado_speech_response_parse_json (MadoSpeechResponse  *response,
                                 const char          *purpose,
                                 const char          *display_url,
                                 GError             **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) parse_error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (response->body, &length);

  /* An empty GBytes has no data pointer; json-glib wants one. */
  if (!json_parser_load_from_data (parser, length > 0 ? data : "", (gssize) length, &parse_error))
    {
      g_propagate_error (error,
                         mado_speech_api_error_new (MADO_SPEECH_API_ERROR_BAD_RESPONSE, 0, response->request_id,
                                                    "The %s to the speech gateway at %s failed (request %s): "
                                                    "the answer is not valid JSON: %s",
                                                    purpose, display_url, response->request_id,
                                                    parse_error->message));
      return NULL;
    }

  /* json-glib accepts an empty document and gives no root. */
  if (json_parser_get_root (parser) == NULL)
    {
      g_propagate_error (error,
                         mado_speech_api_error_new (MADO_SPEECH_API_ERROR_BAD_RESPONSE, 0, response->request_id,
                                                    "The %s to the speech gateway at %s failed (request %s): "
                                                    "the answer is empty",
                                                    purpose, display_url, response->request_id));
      return NULL;
    }

  return json_parser_steal_root (parser);
}

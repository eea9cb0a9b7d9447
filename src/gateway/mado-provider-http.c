/* mado-provider-http.c: HTTP to one provider, with timeouts, retries and a circuit breaker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every adapter sends through one of these, so that the rules a city's IT department relies on
 * hold for every service alike:
 *
 * - An attempt has its own timeout, from connecting to the last byte of the answer, besides the
 *   gateway's deadline for the whole request (the caller's cancellable).
 * - Failures that another try can fix (no connection, a timeout, 429, 500, 502, 503, 504, 529)
 *   are tried again a bounded number of times with doubling, jittered backoff; a Retry-After the
 *   service sends is waited for instead when it is short, and otherwise respected by sending
 *   nothing more to that service until then.
 * - After `breaker-failures` requests in a row fail that way, the circuit breaker opens: for
 *   `breaker-cooldown` seconds requests fail at once with provider_unavailable, so that a dead
 *   service does not add its timeout to every request and the route's next provider answers
 *   quickly. Then one request is let through as a probe; its success closes the breaker.
 * - Answers are read up to `max-response-bytes`, so a service (or a proxy in front of it) that
 *   sends megabytes cannot make the gateway hold them.
 */
#include "mado-provider-http-private.h"

#include "mado-gateway-error.h"

#include <math.h>
#include <string.h>

#define READ_CHUNK_BYTES   16384
#define DETAIL_MAX_CHARS   200

struct _MadoProviderHttp
{
  GObject                  parent_instance;
  char                    *name;
  GUri                    *base;
  MadoProviderHttpOptions  options;
  SoupSession             *session;
  GPtrArray               *secrets;
  guint                    consecutive_failures;
  gint64                   closed_until;  /* monotonic µs before which nothing is sent */
  gboolean                 probing;       /* the breaker lets one request through to test */
};

G_DEFINE_FINAL_TYPE (MadoProviderHttp, mado_provider_http, G_TYPE_OBJECT)

void
mado_provider_http_options_init (MadoProviderHttpOptions *options)
{
  g_return_if_fail (options != NULL);

  options->timeout = MADO_PROVIDER_HTTP_DEFAULT_TIMEOUT;
  options->retries = MADO_PROVIDER_HTTP_DEFAULT_RETRIES;
  options->backoff = MADO_PROVIDER_HTTP_DEFAULT_BACKOFF;
  options->breaker_failures = MADO_PROVIDER_HTTP_DEFAULT_BREAKER_FAILURES;
  options->breaker_cooldown = MADO_PROVIDER_HTTP_DEFAULT_BREAKER_COOLDOWN;
  options->max_response_bytes = MADO_PROVIDER_HTTP_DEFAULT_MAX_RESPONSE_BYTES;
}

static void
mado_provider_http_finalize (GObject *object)
{
  MadoProviderHttp *self = MADO_PROVIDER_HTTP (object);

  g_free (self->name);
  g_uri_unref (self->base);
  g_object_unref (self->session);
  g_ptr_array_unref (self->secrets);

  G_OBJECT_CLASS (mado_provider_http_parent_class)->finalize (object);
}

static void
mado_provider_http_class_init (MadoProviderHttpClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mado_provider_http_finalize;
}

static void
mado_provider_http_init (MadoProviderHttp *self)
{
  self->secrets = g_ptr_array_new_with_free_func (g_free);
}

MadoProviderHttp *
mado_provider_http_new (const char                    *name,
                        const char                    *base_url,
                        const MadoProviderHttpOptions *options)
{
  MadoProviderHttp *self;
  GUri *base;

  g_return_val_if_fail (name != NULL && base_url != NULL && options != NULL, NULL);

  /* Paths are resolved against the base as against a folder, so that a service published under
   * a prefix by a reverse proxy ("https://city.example/libre") keeps its prefix. */
  if (g_str_has_suffix (base_url, "/"))
    base = g_uri_parse (base_url, SOUP_HTTP_URI_FLAGS, NULL);
  else
    {
      g_autofree char *folder = g_strconcat (base_url, "/", NULL);

      base = g_uri_parse (folder, SOUP_HTTP_URI_FLAGS, NULL);
    }
  g_return_val_if_fail (base != NULL, NULL);

  self = g_object_new (MADO_TYPE_PROVIDER_HTTP, NULL);
  self->name = g_strdup (name);
  self->base = base;
  self->options = *options;
  /* A city gateway serves many counters at once through one provider; libsoup's default of two
   * connections per host would queue them. Timeouts are ours (per attempt, below). */
  self->session = soup_session_new_with_options ("max-conns", 64,
                                                 "max-conns-per-host", 32,
                                                 "user-agent", "madoguchi-gateway/" PACKAGE_VERSION,
                                                 "timeout", 0,
                                                 "idle-timeout", 60,
                                                 NULL);
  return self;
}

const char *
mado_provider_http_get_name (MadoProviderHttp *self)
{
  g_return_val_if_fail (MADO_IS_PROVIDER_HTTP (self), NULL);
  return self->name;
}

void
mado_provider_http_add_secret (MadoProviderHttp *self,
                               const char       *secret)
{
  g_return_if_fail (MADO_IS_PROVIDER_HTTP (self));

  /* A very short "secret" would blank out ordinary words of every message. */
  if (secret != NULL && strlen (secret) >= 4)
    g_ptr_array_add (self->secrets, g_strdup (secret));
}

/* @text with secrets replaced, control characters made spaces, and at most DETAIL_MAX_CHARS
 * characters: what a provider said is quoted to clients and logs, never trusted. */
char *
mado_provider_http_scrub (MadoProviderHttp *self,
                          const char       *text)
{
  g_autoptr(GString) scrubbed = NULL;
  const char *end;

  g_return_val_if_fail (MADO_IS_PROVIDER_HTTP (self), NULL);

  if (text == NULL)
    return NULL;

  scrubbed = g_string_new (NULL);
  if (!g_utf8_validate (text, -1, &end))
    g_string_append_len (scrubbed, text, end - text);
  else
    g_string_append (scrubbed, text);

  for (guint i = 0; i < self->secrets->len; i++)
    g_string_replace (scrubbed, g_ptr_array_index (self->secrets, i), "[secret]", 0);

  for (gsize i = 0; i < scrubbed->len; i++)
    if ((guchar) scrubbed->str[i] < 0x20 || scrubbed->str[i] == 0x7f)
      scrubbed->str[i] = ' ';
  g_strstrip (scrubbed->str);
  scrubbed->len = strlen (scrubbed->str);

  if (g_utf8_strlen (scrubbed->str, -1) > DETAIL_MAX_CHARS)
    {
      g_string_truncate (scrubbed, g_utf8_offset_to_pointer (scrubbed->str, DETAIL_MAX_CHARS) - scrubbed->str);
      g_string_append (scrubbed, "…");
    }
  return g_string_free (g_steal_pointer (&scrubbed), FALSE);
}

GError *
mado_provider_http_error (MadoProviderHttp *self,
                          int               code,
                          const char       *format,
                          ...)
{
  g_autofree char *detail = NULL;
  g_autofree char *scrubbed = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  /* Scrubbing keeps the length limit off the gateway's own words by applying it to the whole;
   * messages are built short enough for that not to cut them. */
  scrubbed = mado_provider_http_scrub (self, detail);
  return g_error_new (MADO_GATEWAY_ERROR, code, "The provider “%s” %s", self->name, scrubbed);
}

/* The circuit breaker. */

static guint
seconds_until (gint64 when)
{
  gint64 now = g_get_monotonic_time ();

  return when > now ? (guint) ((when - now + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC) : 0;
}

gboolean
mado_provider_http_is_available (MadoProviderHttp *self,
                                 guint            *retry_after)
{
  guint wait;

  g_return_val_if_fail (MADO_IS_PROVIDER_HTTP (self), FALSE);

  wait = seconds_until (self->closed_until);
  /* While the probe is out, the others wait for its verdict rather than pile on. */
  if (wait == 0 && self->probing)
    wait = 1;
  if (retry_after != NULL)
    *retry_after = wait;
  return wait == 0;
}

static void
close_until (MadoProviderHttp *self,
             double            seconds)
{
  gint64 until = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  self->closed_until = MAX (self->closed_until, until);
}

static void
note_success (MadoProviderHttp *self)
{
  if (self->consecutive_failures >= self->options.breaker_failures && self->options.breaker_failures > 0)
    g_message ("The provider “%s” answers again; its circuit breaker is closed", self->name);
  self->consecutive_failures = 0;
  self->probing = FALSE;
}

static void
note_failure (MadoProviderHttp *self)
{
  self->probing = FALSE;
  self->consecutive_failures++;
  if (self->options.breaker_failures > 0 && self->consecutive_failures >= self->options.breaker_failures)
    {
      if (self->consecutive_failures == self->options.breaker_failures)
        g_warning ("The provider “%s” failed %u times in a row; it is left alone for %g s",
                   self->name, self->consecutive_failures, self->options.breaker_cooldown);
      close_until (self, self->options.breaker_cooldown);
    }
}

static gboolean
is_retryable_status (guint status)
{
  return status == 429 || status == 500 || status == 502 || status == 503 || status == 504 ||
         status == 529;
}

/* One send, over its attempts. */

typedef struct {
  MadoProviderRequest *request;
  guint                attempt;
  gboolean             probe;
  GCancellable        *attempt_cancellable;
  gulong               cancelled_id;
  guint                timeout_id;
  guint                wait_id;
  gboolean             timed_out;
  SoupMessage         *message;
  GInputStream        *stream;
  GByteArray          *received;
} SendData;

static void
send_data_free (SendData *data)
{
  mado_provider_request_free (data->request);
  g_clear_object (&data->attempt_cancellable);
  g_clear_object (&data->message);
  g_clear_object (&data->stream);
  g_clear_pointer (&data->received, g_byte_array_unref);
  g_free (data);
}

static void start_attempt (GTask *task);

static void
end_attempt (SendData *data)
{
  g_clear_handle_id (&data->timeout_id, g_source_remove);
  g_clear_object (&data->attempt_cancellable);
  g_clear_object (&data->stream);
  g_clear_object (&data->message);
  g_clear_pointer (&data->received, g_byte_array_unref);
}

/* Everything a finished send lets go of, whatever its outcome. */
static void
end_send (GTask *task)
{
  MadoProviderHttp *self = g_task_get_source_object (task);
  SendData *data = g_task_get_task_data (task);

  end_attempt (data);
  g_clear_handle_id (&data->wait_id, g_source_remove);
  if (data->cancelled_id != 0)
    g_cancellable_disconnect (g_task_get_cancellable (task), data->cancelled_id);
  data->cancelled_id = 0;
  /* Whatever became of the probe, the next request may decide again. */
  if (data->probe)
    self->probing = FALSE;
}

static void
finish_task (GTask  *task,
             GError *error)
{
  end_send (task);
  g_task_return_error (task, error);
  g_object_unref (task);
}

static void
finish_task_with_reply (GTask             *task,
                        MadoProviderReply *reply)
{
  end_send (task);
  g_task_return_pointer (task, reply, (GDestroyNotify) mado_provider_reply_free);
  g_object_unref (task);
}

/* The caller gave up. That says nothing about the provider, unless an attempt had already failed
 * and the caller only gave up while waiting for the next: otherwise a provider that fails slowly
 * would never open its breaker, because the gateway's deadline always ends the request first. */
static void
finish_cancelled (GTask *task)
{
  MadoProviderHttp *self = g_task_get_source_object (task);
  SendData *data = g_task_get_task_data (task);

  if (data->attempt > 0)
    note_failure (self);
  end_send (task);
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "The request was cancelled");
  g_object_unref (task);
}

static gboolean
on_wait_over (gpointer user_data)
{
  GTask *task = user_data;
  SendData *data = g_task_get_task_data (task);

  data->wait_id = 0;
  start_attempt (task);
  return G_SOURCE_REMOVE;
}

/* Tries again after @delay seconds, or returns @error when no attempt is left. */
static void
retry_or_fail (GTask  *task,
               double  delay,
               GError *error)
{
  MadoProviderHttp *self = g_task_get_source_object (task);
  SendData *data = g_task_get_task_data (task);

  end_attempt (data);
  if (data->attempt >= self->options.retries)
    {
      note_failure (self);
      finish_task (task, error);
      return;
    }

  g_debug ("Provider “%s”: attempt %u failed (%s); trying again in %.2f s",
           self->name, data->attempt + 1, error->message, delay);
  g_error_free (error);
  data->attempt++;
  data->wait_id = g_timeout_add ((guint) (delay * 1000), on_wait_over, task);
}

/* Doubling backoff with ±20 % jitter, so that counters that failed together do not come back
 * together. */
static double
backoff_delay (MadoProviderHttp *self,
               guint             attempt)
{
  return self->options.backoff * ldexp (1.0, (int) attempt) * g_random_double_range (0.8, 1.2);
}

static void
handle_reply (GTask *task)
{
  MadoProviderHttp *self = g_task_get_source_object (task);
  SendData *data = g_task_get_task_data (task);
  MadoProviderReply *reply = g_new0 (MadoProviderReply, 1);
  double retry_after;

  reply->status = soup_message_get_status (data->message);
  reply->headers = soup_message_headers_ref (soup_message_get_response_headers (data->message));
  reply->body = g_byte_array_free_to_bytes (g_steal_pointer (&data->received));

  /* An answer the service means (a used-up quota) is as good as a success for the breaker: the
   * service is there, and another try would get the same. */
  if (!is_retryable_status (reply->status) ||
      (data->request->is_final != NULL && data->request->is_final (reply->status, reply->body)))
    {
      note_success (self);
      finish_task_with_reply (task, reply);
      return;
    }

  retry_after = mado_provider_headers_get_retry_after (reply->headers);
  if (retry_after > MADO_PROVIDER_HTTP_MAX_RETRY_WAIT)
    {
      /* Longer than a person at the counter can wait: nothing goes to the service until then,
       * and the client hears when to come back (the adapter turns the reply into the error). */
      g_message ("The provider “%s” asked for %g s of rest (HTTP %u)", self->name, retry_after, reply->status);
      close_until (self, retry_after);
      self->probing = FALSE;
      finish_task_with_reply (task, reply);
      return;
    }

  if (data->attempt >= self->options.retries)
    {
      note_failure (self);
      finish_task_with_reply (task, reply);
      return;
    }

  {
    guint status = reply->status;

    mado_provider_reply_free (reply);
    retry_or_fail (task, retry_after >= 0 ? retry_after : backoff_delay (self, data->attempt),
                   g_error_new (MADO_GATEWAY_ERROR, MADO_GATEWAY_ERROR_PROVIDER_UNAVAILABLE,
                                "HTTP %u", status));
  }
}

/* A transport failure of the current attempt: the caller's cancellation ends the send, anything
 * else is worth another attempt. */
static void
handle_transport_error (GTask  *task,
                        GError *error)
{
  MadoProviderHttp *self = g_task_get_source_object (task);
  SendData *data = g_task_get_task_data (task);
  g_autofree char *error_message = g_strdup (error->message);
  GError *reported;

  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      g_error_free (error);
      finish_cancelled (task);
      return;
    }

  g_error_free (error);

  /* A service that did not answer in `timeout` seconds is not asked again within the same
   * request: that would spend the rest of the gateway's deadline on it, time the route's next
   * provider can use. */
  if (data->timed_out)
    {
      note_failure (self);
      finish_task (task, mado_provider_http_error (self, MADO_GATEWAY_ERROR_TIMEOUT,
                                                   "did not answer within %g s", self->options.timeout));
      return;
    }

  reported = mado_provider_http_error (self, MADO_GATEWAY_ERROR_PROVIDER_UNAVAILABLE,
                                       "cannot be reached (%s)", error_message);
  retry_or_fail (task, backoff_delay (self, data->attempt), reported);
}

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  MadoProviderHttp *self = g_task_get_source_object (task);
  SendData *data = g_task_get_task_data (task);
  g_autoptr(GBytes) chunk = NULL;
  GError *error = NULL;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  if (chunk == NULL)
    {
      handle_transport_error (task, error);
      return;
    }

  if (g_bytes_get_size (chunk) == 0)
    {
      handle_reply (task);
      return;
    }

  if (data->received->len + g_bytes_get_size (chunk) > self->options.max_response_bytes)
    {
      /* Not worth repeating: the same request gets the same flood. The connection is dropped
       * with the stream rather than drained. */
      finish_task (task, mado_provider_http_error (self, MADO_GATEWAY_ERROR_PROVIDER_BAD_RESPONSE,
                                                   "sent an answer longer than %" G_GSIZE_FORMAT
                                                   " bytes (HTTP %u)", self->options.max_response_bytes,
                                                   soup_message_get_status (data->message)));
      return;
    }

  g_byte_array_append (data->received, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  g_input_stream_read_bytes_async (data->stream, READ_CHUNK_BYTES, G_PRIORITY_DEFAULT,
                                   data->attempt_cancellable, on_read, task);
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  MadoProviderHttp *self = g_task_get_source_object (task);
  SendData *data = g_task_get_task_data (task);
  GError *error = NULL;
  goffset length;

  data->stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (data->stream == NULL)
    {
      handle_transport_error (task, error);
      return;
    }

  length = soup_message_headers_get_content_length (soup_message_get_response_headers (data->message));
  if (length > 0 && (guint64) length > self->options.max_response_bytes)
    {
      finish_task (task, mado_provider_http_error (self, MADO_GATEWAY_ERROR_PROVIDER_BAD_RESPONSE,
                                                   "announced an answer of %" G_GINT64_FORMAT
                                                   " bytes, more than the %" G_GSIZE_FORMAT " allowed (HTTP %u)",
                                                   (gint64) length, self->options.max_response_bytes,
                                                   soup_message_get_status (data->message)));
      return;
    }

  data->received = g_byte_array_new ();
  g_input_stream_read_bytes_async (data->stream, READ_CHUNK_BYTES, G_PRIORITY_DEFAULT,
                                   data->attempt_cancellable, on_read, task);
}

static gboolean
on_attempt_timeout (gpointer user_data)
{
  SendData *data = user_data;

  data->timeout_id = 0;
  data->timed_out = TRUE;
  g_cancellable_cancel (data->attempt_cancellable);
  return G_SOURCE_REMOVE;
}

static gboolean
on_cancelled_idle (gpointer user_data)
{
  finish_cancelled (user_data);
  return G_SOURCE_REMOVE;
}

/* The caller gave up: stop the attempt in flight, or the wait for the next one (which has no I/O
 * to cancel). Runs on the thread that cancelled, which for the gateway is its main thread; the
 * task is finished from an idle, as a signal handler of the cancellable must not disconnect
 * itself. */
static void
on_cancelled (GCancellable *cancellable,
              gpointer      user_data)
{
  GTask *task = user_data;
  SendData *data = g_task_get_task_data (task);

  if (data->attempt_cancellable != NULL)
    g_cancellable_cancel (data->attempt_cancellable);
  else if (data->wait_id != 0)
    {
      g_clear_handle_id (&data->wait_id, g_source_remove);
      g_idle_add (on_cancelled_idle, task);
    }
}

static void
start_attempt (GTask *task)
{
  MadoProviderHttp *self = g_task_get_source_object (task);
  SendData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      finish_cancelled (task);
      return;
    }

  data->message = mado_provider_request_to_message (data->request, self->base, &error);
  if (data->message == NULL)
    {
      finish_task (task, mado_provider_http_error (self, MADO_GATEWAY_ERROR_INTERNAL,
                                                   "has no usable address for %s: %s",
                                                   data->request->path, error->message));
      g_error_free (error);
      return;
    }

  data->timed_out = FALSE;
  data->attempt_cancellable = g_cancellable_new ();
  data->timeout_id = g_timeout_add ((guint) (self->options.timeout * 1000), on_attempt_timeout, data);
  soup_session_send_async (self->session, data->message, G_PRIORITY_DEFAULT,
                           data->attempt_cancellable, on_sent, task);
}

void
mado_provider_http_send_async (MadoProviderHttp    *self,
                               MadoProviderRequest *request,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;
  SendData *data;
  guint retry_after;

  g_return_if_fail (MADO_IS_PROVIDER_HTTP (self));
  g_return_if_fail (request != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mado_provider_http_send_async);

  if (!mado_provider_http_is_available (self, &retry_after))
    {
      GError *error = mado_provider_http_error (self, MADO_GATEWAY_ERROR_PROVIDER_UNAVAILABLE,
                                                "is switched off for %u s after repeated failures "
                                                "or at its own request", retry_after);

      mado_gateway_error_set_retry_after (error, retry_after);
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  data = g_new0 (SendData, 1);
  data->request = mado_provider_request_copy (request);
  /* Past the cooldown of an open breaker, this request is the probe. */
  data->probe = self->options.breaker_failures > 0 &&
                self->consecutive_failures >= self->options.breaker_failures;
  if (data->probe)
    self->probing = TRUE;
  g_task_set_task_data (task, data, (GDestroyNotify) send_data_free);

  if (cancellable != NULL)
    data->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled), task, NULL);

  start_attempt (task);
}

MadoProviderReply *
mado_provider_http_send_finish (MadoProviderHttp  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* mado-gateway.c: the HTTP server of the Madoguchi Speech API (docs/api.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * This file runs the HTTP side of every request: it checks the path, method, token and declared
 * size as soon as the headers are in, counts the body as it arrives (an oversized one is
 * refused without reading the rest, mado-gateway-refusal.c), keeps each request's deadline, and
 * gives every answer the same error shape and the X-Request-Id and Server-Timing headers. What
 * each endpoint does is in mado-gateway-endpoints.c and mado-gateway-capabilities.c.
 *
 * Everything runs on one main-loop thread; providers that take time (synthesis, recognition)
 * work on their own threads and report back to it.
 */
#include "mado-gateway-private.h"

#include "mado-gateway-json.h"

#include <string.h>

#define MAX_REQUEST_ID_LENGTH 128

G_DEFINE_FINAL_TYPE (MadoGateway, mado_gateway, G_TYPE_OBJECT)

static GQuark request_quark;

static const struct {
  const char   *path;
  MadoEndpoint  endpoint;
  const char   *methods;     /* for the Allow header */
  gboolean      public;      /* answered without a token */
  gsize         body_limit;
} endpoints[] = {
  { "/v1/health", ENDPOINT_HEALTH, "GET, HEAD", TRUE, MADO_GATEWAY_MAX_JSON_BYTES },
  { "/v1/capabilities", ENDPOINT_CAPABILITIES, "GET, HEAD", FALSE, MADO_GATEWAY_MAX_JSON_BYTES },
  { "/v1/translate", ENDPOINT_TRANSLATE, "POST", FALSE, MADO_GATEWAY_MAX_JSON_BYTES },
  { "/v1/synthesize", ENDPOINT_SYNTHESIZE, "POST", FALSE, MADO_GATEWAY_MAX_JSON_BYTES },
  { "/v1/recognize", ENDPOINT_RECOGNIZE, "POST", FALSE, MADO_GATEWAY_MAX_AUDIO_BYTES },
};

/* The request. */

static void
request_free (gpointer data)
{
  MadoGatewayRequest *request = data;

  g_clear_handle_id (&request->deadline_id, g_source_remove);
  if (request->cancellable != NULL)
    g_cancellable_cancel (request->cancellable);
  g_clear_object (&request->cancellable);
  /* Dropping an unfinished recognition stream stops its decoder at once. */
  g_clear_object (&request->stream);
  g_clear_error (&request->last_error);
  g_clear_pointer (&request->translation, mado_translation_free);
  g_free (request->text);
  g_free (request->request_id);
  g_free (request);
}

static gboolean
is_usable_request_id (const char *id)
{
  gsize length = 0;

  for (const char *p = id; *p != '\0'; p++, length++)
    if (*p < 0x21 || *p > 0x7e || length >= MAX_REQUEST_ID_LENGTH)
      return FALSE;
  return length > 0;
}

static MadoGatewayRequest *
request_new (MadoGateway       *self,
             SoupServerMessage *message)
{
  MadoGatewayRequest *request = g_new0 (MadoGatewayRequest, 1);
  const char *client_id = soup_message_headers_get_one (soup_server_message_get_request_headers (message),
                                                        "X-Request-Id");

  request->gateway = self;
  request->message = message;
  request->started = g_get_monotonic_time ();
  request->provider_time = -1;
  request->endpoint = ENDPOINT_UNKNOWN;
  request->body_limit = MADO_GATEWAY_MAX_JSON_BYTES;

  if (client_id != NULL && is_usable_request_id (client_id))
    request->request_id = g_strdup (client_id);
  else
    request->request_id = g_strdup_printf ("%s-%08" G_GINT64_MODIFIER "x", self->request_id_prefix,
                                           ++self->n_requests);
  return request;
}

MadoGatewayRequest *
mado_gateway_request_get (SoupServerMessage *message)
{
  return g_object_get_qdata (G_OBJECT (message), request_quark);
}

double
mado_gateway_request_get_gateway_ms (MadoGatewayRequest *request)
{
  return (g_get_monotonic_time () - request->started) / 1000.0;
}

double
mado_gateway_request_get_provider_ms (MadoGatewayRequest *request)
{
  return request->provider_time < 0 ? -1.0 : request->provider_time / 1000.0;
}

void
mado_gateway_request_begin_provider (MadoGatewayRequest  *request,
                                     MadoGatewayProvider *provider)
{
  request->provider = provider;
  request->provider_started = g_get_monotonic_time ();
}

void
mado_gateway_request_end_provider (MadoGatewayRequest *request)
{
  gint64 spent = g_get_monotonic_time () - request->provider_started;

  request->provider_time = MAX (request->provider_time, 0) + spent;
}

void
mado_gateway_request_pause (MadoGatewayRequest *request)
{
  if (!request->paused)
    soup_server_message_pause (request->message);
  request->paused = TRUE;
}

static void
on_deadline (gpointer user_data)
{
  MadoGatewayRequest *request = user_data;
  g_autoptr(GError) error = NULL;

  request->deadline_id = 0;
  g_cancellable_cancel (request->cancellable);
  if (request->answered || mado_gateway_respond_at_deadline (request))
    return;

  g_set_error (&error, MADO_GATEWAY_ERROR, MADO_GATEWAY_ERROR_TIMEOUT,
               "The providers did not answer within the gateway's deadline.");
  mado_gateway_request_respond_error (request, error);
}

/**
 * mado_gateway_request_start_deadline:
 *
 * The request's cancellable is cancelled when the deadline passes, so providers stop working
 * for an answer nobody will read.
 */
void
mado_gateway_request_start_deadline (MadoGatewayRequest *request,
                                     guint               seconds)
{
  g_assert (request->deadline_id == 0);

  if (request->cancellable == NULL)
    request->cancellable = g_cancellable_new ();
  request->deadline_id = g_timeout_add_once (seconds * 1000, on_deadline, request);
}

/* The headers every answer carries. */
static void
add_common_headers (MadoGatewayRequest *request)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (request->message);
  char gateway_ms[G_ASCII_DTOSTR_BUF_SIZE];
  char provider_ms[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *timing = NULL;

  g_ascii_formatd (gateway_ms, sizeof gateway_ms, "%.3f", mado_gateway_request_get_gateway_ms (request));
  if (request->provider_time >= 0)
    {
      g_ascii_formatd (provider_ms, sizeof provider_ms, "%.3f",
                       mado_gateway_request_get_provider_ms (request));
      timing = g_strconcat ("gateway;dur=", gateway_ms, ", provider;dur=", provider_ms, NULL);
    }
  else
    {
      timing = g_strconcat ("gateway;dur=", gateway_ms, NULL);
    }

  soup_message_headers_replace (headers, "X-Request-Id", request->request_id);
  soup_message_headers_replace (headers, "Server-Timing", timing);
}

static void
log_request (MadoGatewayRequest *request,
             guint               status)
{
  if (g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN))
    return;

  g_debug ("%s %s → %u in %.3f ms (request %s)",
           soup_server_message_get_method (request->message),
           g_uri_get_path (soup_server_message_get_uri (request->message)),
           status, mado_gateway_request_get_gateway_ms (request), request->request_id);
}

static void
finish_response (MadoGatewayRequest *request,
                 guint               status)
{
  g_clear_handle_id (&request->deadline_id, g_source_remove);
  request->answered = TRUE;
  log_request (request, status);

  if (request->paused)
    {
      request->paused = FALSE;
      soup_server_message_unpause (request->message);
    }
}

void
mado_gateway_request_respond_json (MadoGatewayRequest *request,
                                   guint               status,
                                   GString            *body)
{
  gsize length = body->len;

  g_assert (!request->answered);

  add_common_headers (request);
  soup_server_message_set_status (request->message, status, NULL);
  soup_server_message_set_response (request->message, "application/json", SOUP_MEMORY_TAKE,
                                    g_string_free (body, FALSE), length);
  finish_response (request, status);
}

void
mado_gateway_request_respond_bytes (MadoGatewayRequest *request,
                                    const char         *content_type,
                                    GBytes             *body)
{
  g_assert (!request->answered);

  add_common_headers (request);
  soup_message_headers_replace (soup_server_message_get_response_headers (request->message),
                                "Content-Type", content_type);
  soup_message_body_append_bytes (soup_server_message_get_response_body (request->message), body);
  soup_server_message_set_status (request->message, SOUP_STATUS_OK, NULL);
  finish_response (request, SOUP_STATUS_OK);
}

void
mado_gateway_request_respond_error (MadoGatewayRequest *request,
                                    const GError       *error)
{
  MadoGatewayError code = mado_gateway_error_classify (error);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (request->message);
  GString *body = g_string_sized_new (128);

  if (code == MADO_GATEWAY_ERROR_INTERNAL && error->domain != MADO_GATEWAY_ERROR)
    g_warning ("Request %s failed inside the gateway: %s", request->request_id, error->message);

  g_string_append (body, "{\"error\":{\"code\":");
  mado_json_append_string (body, mado_gateway_error_to_string (code));
  g_string_append (body, ",\"message\":");
  mado_json_append_string (body, error->message);
  g_string_append (body, "}}");

  switch (code)
    {
    case MADO_GATEWAY_ERROR_UNAUTHORIZED:
      soup_message_headers_replace (headers, "WWW-Authenticate", "Bearer");
      break;
    case MADO_GATEWAY_ERROR_METHOD_NOT_ALLOWED:
      for (guint i = 0; i < G_N_ELEMENTS (endpoints); i++)
        if (endpoints[i].endpoint == request->endpoint)
          soup_message_headers_replace (headers, "Allow", endpoints[i].methods);
      break;
    default:
      break;
    }

  if (code == MADO_GATEWAY_ERROR_RATE_LIMITED || code == MADO_GATEWAY_ERROR_PROVIDER_UNAVAILABLE)
    {
      guint retry_after = mado_gateway_error_get_retry_after (error);

      /* A busy gateway always tells the client when to come back; an unavailable provider only
       * when it said so itself or its circuit breaker knows. */
      if (retry_after == 0 && code == MADO_GATEWAY_ERROR_RATE_LIMITED)
        retry_after = 1;
      if (retry_after > 0)
        {
          char value[16];

          g_snprintf (value, sizeof value, "%u", retry_after);
          soup_message_headers_replace (headers, "Retry-After", value);
        }
    }

  mado_gateway_request_respond_json (request, mado_gateway_error_http_status (code), body);
}

/* HTTP plumbing. */

static void
on_got_chunk (SoupServerMessage *message,
              GBytes            *chunk,
              gpointer           user_data)
{
  MadoGatewayRequest *request = user_data;

  request->body_received += g_bytes_get_size (chunk);
  if (request->body_received > request->body_limit)
    {
      mado_gateway_request_refuse_body (request);
      return;
    }

  if (request->stream != NULL && !request->answered)
    mado_recognition_stream_feed (request->stream, chunk);
}

static gboolean
token_matches (const char *given,
               const char *expected)
{
  gsize given_length = strlen (given);
  gsize expected_length = strlen (expected);
  guint8 difference = given_length != expected_length;

  /* Every byte of the expected token is compared whatever the given one holds, so the time
   * taken says nothing about how much of a guess was right. */
  for (gsize i = 0; i < expected_length; i++)
    difference |= (guint8) expected[i] ^ (guint8) (i < given_length ? given[i] : 0);
  return difference == 0;
}

static gboolean
is_authorized (MadoGateway       *self,
               SoupServerMessage *message)
{
  const char *expected = mado_gateway_config_get_token (self->config);
  const char *header;

  if (expected == NULL)
    return TRUE;

  header = soup_message_headers_get_one (soup_server_message_get_request_headers (message), "Authorization");
  if (header == NULL || g_ascii_strncasecmp (header, "Bearer ", 7) != 0)
    return FALSE;

  header += 7;
  while (*header == ' ')
    header++;
  return token_matches (header, expected);
}

static gboolean
method_is_allowed (const char *methods,
                   const char *method)
{
  g_auto(GStrv) allowed = g_strsplit (methods, ", ", -1);

  return g_strv_contains ((const char *const *) allowed, method);
}

/* The checks every endpoint shares, in the order that tells a client the most: the path, the
 * method, the token, the declared size. */
static gboolean
check_request (MadoGatewayRequest  *request,
               const char          *path,
               GError             **error)
{
  SoupServerMessage *message = request->message;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  const char *method = soup_server_message_get_method (message);
  guint i;

  for (i = 0; i < G_N_ELEMENTS (endpoints); i++)
    if (strcmp (path, endpoints[i].path) == 0)
      break;

  if (i == G_N_ELEMENTS (endpoints))
    {
      g_set_error (error, MADO_GATEWAY_ERROR, MADO_GATEWAY_ERROR_NOT_FOUND,
                   "There is no %s in the Madoguchi Speech API v1.", path);
      return FALSE;
    }

  request->endpoint = endpoints[i].endpoint;
  request->body_limit = endpoints[i].body_limit;

  if (!method_is_allowed (endpoints[i].methods, method))
    {
      g_set_error (error, MADO_GATEWAY_ERROR, MADO_GATEWAY_ERROR_METHOD_NOT_ALLOWED,
                   "%s takes %s, not %s.", path, endpoints[i].methods, method);
      return FALSE;
    }

  if (!endpoints[i].public && !is_authorized (request->gateway, message))
    {
      g_set_error_literal (error, MADO_GATEWAY_ERROR, MADO_GATEWAY_ERROR_UNAUTHORIZED,
                           "The request has no valid bearer token (Authorization: Bearer TOKEN).");
      return FALSE;
    }

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      (guint64) soup_message_headers_get_content_length (headers) > request->body_limit)
    {
      g_set_error (error, MADO_GATEWAY_ERROR, MADO_GATEWAY_ERROR_PAYLOAD_TOO_LARGE,
                   "The request body of %" G_GUINT64_FORMAT " bytes is larger than the "
                   "%" G_GSIZE_FORMAT " bytes %s accepts.",
                   (guint64) soup_message_headers_get_content_length (headers),
                   request->body_limit, path);
      return FALSE;
    }

  return TRUE;
}

static void
on_request_headers (SoupServer        *server,
                    SoupServerMessage *message,
                    const char        *path,
                    GHashTable        *query,
                    gpointer           user_data)
{
  MadoGateway *self = user_data;
  MadoGatewayRequest *request = request_new (self, message);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  g_autoptr(GError) error = NULL;

  g_object_set_qdata_full (G_OBJECT (message), request_quark, request, request_free);
  g_signal_connect (message, "got-chunk", G_CALLBACK (on_got_chunk), request);

  if (check_request (request, path, &error))
    mado_gateway_handle_early (request, query);
  else
    mado_gateway_request_respond_error (request, error);

  if (!request->answered)
    return;

  /* An early answer needs none of the body: a small one is read and dropped (keeping the
   * connection), a large one is not read at all. */
  soup_message_body_set_accumulate (soup_server_message_get_request_body (message), FALSE);
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      (guint64) soup_message_headers_get_content_length (headers) > request->body_limit)
    mado_gateway_request_refuse_body (request);
}

static void
on_request_body (SoupServer        *server,
                 SoupServerMessage *message,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  MadoGatewayRequest *request = mado_gateway_request_get (message);

  /* Without a request, libsoup itself refused the message (a malformed request line or
   * header) before any handler ran, and answers it alone. */
  if (request == NULL || request->answered)
    return;

  mado_gateway_handle_request (request);
}

static void
on_request_started (SoupServer        *server,
                    SoupServerMessage *message,
                    gpointer           user_data)
{
  /* A client that sends nothing for this long, in the headers, the body or between two
   * requests on a kept-alive connection, loses its connection; so do slow readers. */
  g_socket_set_timeout (soup_server_message_get_socket (message), MADO_GATEWAY_IDLE_TIMEOUT_S);
}

/* The gateway. */

MadoGateway *
mado_gateway_new (MadoGatewayConfig  *config,
                  GError            **error)
{
  g_autoptr(MadoGateway) self = NULL;

  g_return_val_if_fail (MADO_IS_GATEWAY_CONFIG (config), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (MADO_TYPE_GATEWAY, NULL);
  self->config = g_object_ref (config);
  if (!mado_gateway_build_providers (self, error))
    return NULL;

  self->server = soup_server_new (NULL, NULL);
  soup_server_add_early_handler (self->server, NULL, on_request_headers, self, NULL);
  soup_server_add_handler (self->server, NULL, on_request_body, self, NULL);
  g_signal_connect (self->server, "request-started", G_CALLBACK (on_request_started), self);

  return g_steal_pointer (&self);
}

gboolean
mado_gateway_listen (MadoGateway  *self,
                     GError      **error)
{
  g_autoptr(GSocketAddress) address = NULL;
  const char *host;
  guint16 port;

  g_return_val_if_fail (MADO_IS_GATEWAY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  host = mado_gateway_config_get_listen_host (self->config);
  port = mado_gateway_config_get_listen_port (self->config);
  address = g_inet_socket_address_new_from_string (host, port);

  if (!soup_server_listen (self->server, address, 0, error))
    {
      g_prefix_error (error, "Could not listen on %s port %u: ", host, port);
      return FALSE;
    }
  return TRUE;
}

char *
mado_gateway_dup_url (MadoGateway *self)
{
  GSList *uris;
  char *url;

  g_return_val_if_fail (MADO_IS_GATEWAY (self), NULL);

  uris = soup_server_get_uris (self->server);
  g_return_val_if_fail (uris != NULL, NULL);

  url = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return url;
}

void
mado_gateway_stop (MadoGateway *self)
{
  g_return_if_fail (MADO_IS_GATEWAY (self));

  soup_server_disconnect (self->server);
}

static void
mado_gateway_dispose (GObject *object)
{
  MadoGateway *self = MADO_GATEWAY (object);

  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_clear_pointer (&self->providers, g_hash_table_unref);
  g_clear_object (&self->library);
  g_clear_object (&self->parser);
  g_clear_object (&self->config);

  G_OBJECT_CLASS (mado_gateway_parent_class)->dispose (object);
}

static void
mado_gateway_finalize (GObject *object)
{
  MadoGateway *self = MADO_GATEWAY (object);

  for (guint i = 0; i < MADO_N_CAPABILITIES; i++)
    g_free (self->routes[i]);
  g_clear_pointer (&self->route_lists, g_ptr_array_unref);

  G_OBJECT_CLASS (mado_gateway_parent_class)->finalize (object);
}

static void
mado_gateway_class_init (MadoGatewayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mado_gateway_dispose;
  object_class->finalize = mado_gateway_finalize;

  request_quark = g_quark_from_static_string ("mado-gateway-request");
}

static void
mado_gateway_init (MadoGateway *self)
{
  mado_language_get_all (&self->n_languages);
  self->parser = json_parser_new_immutable ();
  self->route_lists = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_snprintf (self->request_id_prefix, sizeof self->request_id_prefix, "%08x", g_random_int ());
}

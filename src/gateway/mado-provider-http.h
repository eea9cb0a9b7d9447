/* mado-provider-http.h: HTTP to one cloud or self-hosted provider, with the resilience rules
 * every adapter shares (docs/providers.md, "Resilience")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* The settings every HTTP provider takes ([provider NAME] keys of the same names). */
typedef struct {
  double timeout;             /* seconds one attempt may take, connection to last byte */
  guint  retries;             /* further attempts after a failure worth repeating */
  double backoff;             /* seconds before the first retry; doubled for each further one */
  guint  breaker_failures;    /* consecutive failures that open the circuit breaker */
  double breaker_cooldown;    /* seconds the breaker stays open before one request may try */
  gsize  max_response_bytes;  /* a longer answer is provider_bad_response */
} MadoProviderHttpOptions;

#define MADO_PROVIDER_HTTP_DEFAULT_TIMEOUT            5.0
#define MADO_PROVIDER_HTTP_DEFAULT_RETRIES            2
#define MADO_PROVIDER_HTTP_DEFAULT_BACKOFF            0.2
#define MADO_PROVIDER_HTTP_DEFAULT_BREAKER_FAILURES   3
#define MADO_PROVIDER_HTTP_DEFAULT_BREAKER_COOLDOWN   30.0
#define MADO_PROVIDER_HTTP_DEFAULT_MAX_RESPONSE_BYTES (1024 * 1024)
/* A Retry-After longer than this is not waited for inside one request: the provider is left
 * alone until then and the client is told when to come back. */
#define MADO_PROVIDER_HTTP_MAX_RETRY_WAIT             2.0

void mado_provider_http_options_init (MadoProviderHttpOptions *options);

/* One request, described once and sent afresh for every attempt. */
typedef struct _MadoProviderRequest MadoProviderRequest;

MadoProviderRequest *mado_provider_request_new        (const char          *method,
                                                       const char          *path);
void                 mado_provider_request_free       (MadoProviderRequest *self);
/* application/x-www-form-urlencoded from NULL-terminated name, value pairs. */
void                 mado_provider_request_set_form   (MadoProviderRequest *self,
                                                       const char          *first_name,
                                                       ...) G_GNUC_NULL_TERMINATED;
void                 mado_provider_request_set_body   (MadoProviderRequest *self,
                                                       const char          *content_type,
                                                       GBytes              *body);
/* application/json; takes @root. */
void                 mado_provider_request_set_json   (MadoProviderRequest *self,
                                                       JsonNode            *root);
void                 mado_provider_request_set_multipart (MadoProviderRequest *self,
                                                       SoupMultipart       *multipart);
void                 mado_provider_request_add_header (MadoProviderRequest *self,
                                                       const char          *name,
                                                       const char          *value);
/* Says whether an answer with a status that is usually worth repeating (429, 5xx) is final all
 * the same, from what the service wrote in it: OpenAI's 429 for an account without credit. */
typedef gboolean (*MadoProviderFinalAnswer) (guint   status,
                                             GBytes *body);
void                 mado_provider_request_set_final_answer (MadoProviderRequest   *self,
                                                       MadoProviderFinalAnswer  is_final);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoProviderRequest, mado_provider_request_free)

/* Any answer with an HTTP status; the adapter reads what it means. */
typedef struct {
  guint               status;
  SoupMessageHeaders *headers;
  GBytes             *body;
} MadoProviderReply;

void       mado_provider_reply_free        (MadoProviderReply  *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoProviderReply, mado_provider_reply_free)

#define MADO_TYPE_PROVIDER_HTTP (mado_provider_http_get_type ())
G_DECLARE_FINAL_TYPE (MadoProviderHttp, mado_provider_http, MADO, PROVIDER_HTTP, GObject)

/* @name is the provider's name in the configuration, used in every message; @base_url is
 * where the service's paths start ("https://api-free.deepl.com", "http://10.0.0.7:5000/"). */
MadoProviderHttp  *mado_provider_http_new            (const char                    *name,
                                                      const char                    *base_url,
                                                      const MadoProviderHttpOptions *options);
const char        *mado_provider_http_get_name       (MadoProviderHttp   *self);
/* Every text the gateway reports that came from or goes to the provider has these replaced by
 * "[secret]", so that a service that echoes a key never puts it in a log or a client's view. */
void               mado_provider_http_add_secret     (MadoProviderHttp   *self,
                                                      const char         *secret);
char              *mado_provider_http_scrub          (MadoProviderHttp   *self,
                                                      const char         *text);

/* Sends @request (the path is resolved against the base URL). Connection failures, timeouts and
 * the statuses 429, 500, 502, 503, 504 and 529 are tried again up to `retries` times with
 * backoff (a Retry-After up to MAX_RETRY_WAIT is waited for instead); the last answer is then
 * returned like any other, so the adapter can read the service's own message. Fails only
 * without an answer: MADO_GATEWAY_ERROR_PROVIDER_UNAVAILABLE (not reachable, or the breaker is
 * open: with a retry-after), _TIMEOUT, _PROVIDER_BAD_RESPONSE (longer than max-response-bytes),
 * or G_IO_ERROR_CANCELLED. */
void               mado_provider_http_send_async     (MadoProviderHttp    *self,
                                                      MadoProviderRequest *request,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
MadoProviderReply *mado_provider_http_send_finish    (MadoProviderHttp    *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

/* FALSE while the circuit breaker is open or a Retry-After has not passed; @retry_after (may be
 * NULL) is then the whole seconds until the provider may be tried again. */
gboolean           mado_provider_http_is_available   (MadoProviderHttp   *self,
                                                      guint              *retry_after);

/* The reply's body as JSON, or MADO_GATEWAY_ERROR_PROVIDER_BAD_RESPONSE saying what came
 * instead ("an HTML page", "an empty answer", "text that is not JSON"). */
JsonNode          *mado_provider_http_parse_json     (MadoProviderHttp   *self,
                                                      MadoProviderReply  *reply,
                                                      GError            **error);
/* The error for an answer the adapter does not recognise as success, by its status: 401 and
 * 403 provider_auth_failed, 402 and 456 provider_quota_exceeded, 429 and 5xx
 * provider_unavailable (with the reply's Retry-After), anything else provider_error. The
 * message names the provider and includes @detail (the service's own words, scrubbed), when
 * not NULL. */
GError            *mado_provider_http_status_error   (MadoProviderHttp   *self,
                                                      MadoProviderReply  *reply,
                                                      const char         *detail);
/* Ends a machine translation's @task with @text, the translation read from the answer, or with
 * provider_bad_response when there is none ("sent @missing", e.g. "JSON without “translatedText”")
 * or it is blank: a service that says nothing has not translated. Takes @text. */
void               mado_provider_http_return_translation (MadoProviderHttp *self,
                                                      GTask              *task,
                                                      char               *text,
                                                      const char         *missing);
/* An error of @code whose message names the provider and carries @detail scrubbed. */
GError            *mado_provider_http_error          (MadoProviderHttp   *self,
                                                      int                 code,
                                                      const char         *format,
                                                      ...) G_GNUC_PRINTF (3, 4);

G_END_DECLS

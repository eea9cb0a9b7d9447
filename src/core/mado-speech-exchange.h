/* mado-speech-exchange.h: one HTTP exchange with the speech gateway (retry, deadline, limits, errors)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "mado-speech-client.h"

G_BEGIN_DECLS

/* A complete answer with a 2xx status and the expected content type. */
typedef struct {
  guint               status;
  SoupMessageHeaders *headers;
  GBytes             *body;
  char               *request_id;
  double              gateway_ms;   /* from Server-Timing; -1 when the gateway did not say */
  double              provider_ms;  /* from Server-Timing; -1 when no provider was named */
  gint64              sent_us;      /* monotonic time the first attempt was sent */
  gint64              received_us;  /* monotonic time the last byte was read */
} MadoSpeechResponse;

void                mado_speech_response_free       (MadoSpeechResponse *response);
/* Parses the body as JSON; a malformed body is MADO_SPEECH_API_ERROR_BAD_RESPONSE. */
JsonNode           *mado_speech_response_parse_json (MadoSpeechResponse *response,
                                                     const char         *purpose,
                                                     const char         *display_url,
                                                     GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoSpeechResponse, mado_speech_response_free)

typedef struct _MadoSpeechExchange MadoSpeechExchange;

/* @purpose names the request in error messages ("translation request"). */
MadoSpeechExchange *mado_speech_exchange_new        (MadoSpeechClient   *client,
                                                     const char         *method,
                                                     const char         *path,
                                                     const char         *query,
                                                     const char         *purpose);
MadoSpeechExchange *mado_speech_exchange_ref        (MadoSpeechExchange *self);
void                mado_speech_exchange_unref      (MadoSpeechExchange *self);

void                mado_speech_exchange_set_body_bytes  (MadoSpeechExchange *self,
                                                          const char         *content_type,
                                                          GBytes             *body);
/* A body of unknown length, sent with chunked transfer encoding as the stream yields it. */
void                mado_speech_exchange_set_body_stream (MadoSpeechExchange *self,
                                                          const char         *content_type,
                                                          GInputStream       *body);
/* Retry once when the connection fails before any byte of the answer: for idempotent calls. */
void                mado_speech_exchange_set_retry       (MadoSpeechExchange *self,
                                                          gboolean            retry);
/* The whole exchange fails with MADO_SPEECH_API_ERROR_TIMEOUT @timeout_ms after the deadline
 * starts: when the exchange is sent, or if @start_on_send is FALSE, at
 * mado_speech_exchange_start_deadline(). */
void                mado_speech_exchange_set_deadline    (MadoSpeechExchange *self,
                                                          guint               timeout_ms,
                                                          gboolean            start_on_send);
void                mado_speech_exchange_start_deadline  (MadoSpeechExchange *self);
/* The most bytes of answer read, and the media type a successful answer must have. */
void                mado_speech_exchange_set_expected    (MadoSpeechExchange *self,
                                                          const char         *content_type,
                                                          gsize               limit);

/* The result's source object is the client; callbacks run in the caller's thread-default
 * main context. */
void                mado_speech_exchange_send_async      (MadoSpeechExchange  *self,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
MadoSpeechResponse *mado_speech_exchange_send_finish     (GAsyncResult        *result,
                                                          GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoSpeechExchange, mado_speech_exchange_unref)

G_END_DECLS

/* mado-speech-api-error.h: the error domain of the Madoguchi Speech API client
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MADO_SPEECH_API_ERROR (mado_speech_api_error_quark ())

/* One code for each error code of docs/api.md (the comment names it), then the failures the
 * client finds itself. The UI picks its bilingual text by code, so every code means exactly
 * one thing the person at the counter can be told. */
typedef enum {
  MADO_SPEECH_API_ERROR_INVALID_REQUEST,          /* invalid_request */
  MADO_SPEECH_API_ERROR_UNAUTHORIZED,             /* unauthorized */
  MADO_SPEECH_API_ERROR_NOT_FOUND,                /* not_found */
  MADO_SPEECH_API_ERROR_METHOD_NOT_ALLOWED,       /* method_not_allowed */
  MADO_SPEECH_API_ERROR_PAYLOAD_TOO_LARGE,        /* payload_too_large */
  MADO_SPEECH_API_ERROR_UNSUPPORTED_MEDIA_TYPE,   /* unsupported_media_type */
  MADO_SPEECH_API_ERROR_UNSUPPORTED_LANGUAGE,     /* unsupported_language */
  MADO_SPEECH_API_ERROR_NO_TRANSLATION,           /* no_translation */
  MADO_SPEECH_API_ERROR_NO_SPEECH,                /* no_speech */
  MADO_SPEECH_API_ERROR_RATE_LIMITED,             /* rate_limited; see mado_speech_api_error_get_retry_after() */
  MADO_SPEECH_API_ERROR_INTERNAL,                 /* internal, and any code this client does not know */
  MADO_SPEECH_API_ERROR_PROVIDER_ERROR,           /* provider_error */
  MADO_SPEECH_API_ERROR_PROVIDER_AUTH_FAILED,     /* provider_auth_failed */
  MADO_SPEECH_API_ERROR_PROVIDER_BAD_RESPONSE,    /* provider_bad_response */
  MADO_SPEECH_API_ERROR_PROVIDER_UNAVAILABLE,     /* provider_unavailable; may carry Retry-After */
  MADO_SPEECH_API_ERROR_PROVIDER_QUOTA_EXCEEDED,  /* provider_quota_exceeded */
  MADO_SPEECH_API_ERROR_PROVIDER_TIMEOUT,         /* timeout: the providers missed the gateway's deadline */

  /* Found by the client. */
  MADO_SPEECH_API_ERROR_GATEWAY_UNREACHABLE,      /* refused, no such host, no route */
  MADO_SPEECH_API_ERROR_CONNECTION_LOST,          /* the connection broke before the answer was complete */
  MADO_SPEECH_API_ERROR_TIMEOUT,                  /* the gateway itself did not answer in time */
  MADO_SPEECH_API_ERROR_BAD_RESPONSE,             /* not the documented format, or over the client's size limit */
} MadoSpeechApiError;

GQuark      mado_speech_api_error_quark           (void);

MadoSpeechApiError mado_speech_api_error_from_code (const char *code);
const char *mado_speech_api_error_to_code         (MadoSpeechApiError code);
guint       mado_speech_api_error_get_retry_after (const GError *error);
const char *mado_speech_api_error_get_request_id  (const GError *error);

/* For the client's own code: an error carrying what the gateway said when to retry and which
 * request it was. */
GError     *mado_speech_api_error_new             (MadoSpeechApiError  code,
                                                   guint               retry_after,
                                                   const char         *request_id,
                                                   const char         *format,
                                                   ...) G_GNUC_PRINTF (4, 5);

G_END_DECLS

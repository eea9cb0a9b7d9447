/* mado-speech-api-error.c: the error domain of the Madoguchi Speech API client
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-speech-api-error.h"

/* An extended error domain, so the Retry-After seconds and the request ID travel with the
 * error through GTask and g_error_copy() instead of in side channels the UI would have to
 * keep in step. */
typedef struct {
  guint  retry_after;
  char  *request_id;
} MadoSpeechApiErrorPrivate;

static void
mado_speech_api_error_private_init (MadoSpeechApiErrorPrivate *priv)
{
  priv->retry_after = 0;
  priv->request_id = NULL;
}

static void
mado_speech_api_error_private_copy (const MadoSpeechApiErrorPrivate *source,
                                    MadoSpeechApiErrorPrivate       *destination)
{
  destination->retry_after = source->retry_after;
  destination->request_id = g_strdup (source->request_id);
}

static void
mado_speech_api_error_private_clear (MadoSpeechApiErrorPrivate *priv)
{
  g_clear_pointer (&priv->request_id, g_free);
}

G_DEFINE_EXTENDED_ERROR (MadoSpeechApiError, mado_speech_api_error)

/* The API's own codes, in the order of the enum, which starts at zero. */
static const char * const api_codes[] = {
  "invalid_request",
  "unauthorized",
  "not_found",
  "method_not_allowed",
  "payload_too_large",
  "unsupported_media_type",
  "unsupported_language",
  "no_translation",
  "no_speech",
  "rate_limited",
  "internal",
  "provider_error",
  "provider_auth_failed",
  "provider_bad_response",
  "provider_unavailable",
  "provider_quota_exceeded",
  "timeout",
};

/* Names for the client's own codes, for logs; they never appear on the wire. */
static const char * const client_codes[] = {
  "gateway_unreachable",
  "connection_lost",
  "client_timeout",
  "bad_response",
};

G_STATIC_ASSERT (G_N_ELEMENTS (api_codes) == MADO_SPEECH_API_ERROR_GATEWAY_UNREACHABLE);
G_STATIC_ASSERT (G_N_ELEMENTS (client_codes) ==
                 MADO_SPEECH_API_ERROR_BAD_RESPONSE - MADO_SPEECH_API_ERROR_GATEWAY_UNREACHABLE + 1);

/**
 * mado_speech_api_error_from_code:
 * @code: (nullable): the `code` of an API error body
 *
 * Returns: the matching error code; %MADO_SPEECH_API_ERROR_INTERNAL for %NULL or a code this
 *   client does not know, as docs/api.md requires.
 */
MadoSpeechApiError
mado_speech_api_error_from_code (const char *code)
{
  if (code == NULL)
    return MADO_SPEECH_API_ERROR_INTERNAL;

  for (guint i = 0; i < G_N_ELEMENTS (api_codes); i++)
    if (g_str_equal (code, api_codes[i]))
      return (MadoSpeechApiError) i;

  return MADO_SPEECH_API_ERROR_INTERNAL;
}

/**
 * mado_speech_api_error_to_code:
 * @code: an error code of %MADO_SPEECH_API_ERROR
 *
 * Returns: the API's name for @code (`rate_limited`), or for the client's own codes a name
 *   in the same style for logs (`gateway_unreachable`, `client_timeout`).
 */
const char *
mado_speech_api_error_to_code (MadoSpeechApiError code)
{
  if ((guint) code < G_N_ELEMENTS (api_codes))
    return api_codes[code];

  g_return_val_if_fail (code <= MADO_SPEECH_API_ERROR_BAD_RESPONSE, "internal");

  return client_codes[code - MADO_SPEECH_API_ERROR_GATEWAY_UNREACHABLE];
}

/**
 * mado_speech_api_error_get_retry_after:
 * @error: an error in %MADO_SPEECH_API_ERROR
 *
 * Returns: the seconds the gateway asked the client to wait before trying again
 *   (`Retry-After`), or 0 when it did not say.
 */
guint
mado_speech_api_error_get_retry_after (const GError *error)
{
  g_return_val_if_fail (error != NULL, 0);
  g_return_val_if_fail (error->domain == MADO_SPEECH_API_ERROR, 0);

  return mado_speech_api_error_get_private (error)->retry_after;
}

/**
 * mado_speech_api_error_get_request_id:
 * @error: an error in %MADO_SPEECH_API_ERROR
 *
 * Returns: (nullable): the `X-Request-Id` of the failed request, so IT staff can find it in
 *   the gateway's log; %NULL when the error arose before a request existed.
 */
const char *
mado_speech_api_error_get_request_id (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);
  g_return_val_if_fail (error->domain == MADO_SPEECH_API_ERROR, NULL);

  return mado_speech_api_error_get_private (error)->request_id;
}

GError *
mado_speech_api_error_new (MadoSpeechApiError  code,
                           guint               retry_after,
                           const char         *request_id,
                           const char         *format,
                           ...)
{
  g_autofree char *message = NULL;
  MadoSpeechApiErrorPrivate *priv;
  GError *error;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  error = g_error_new_literal (MADO_SPEECH_API_ERROR, code, message);
  priv = mado_speech_api_error_get_private (error);
  priv->retry_after = retry_after;
  priv->request_id = g_strdup (request_id);

  return error;
}

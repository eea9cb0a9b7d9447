/* mado-gateway-error.c: the error codes of the Madoguchi Speech API (docs/api.md, "Errors")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-gateway-error.h"

typedef struct {
  guint retry_after;
} MadoGatewayErrorPrivate;

static void
mado_gateway_error_private_init (MadoGatewayErrorPrivate *private)
{
  private->retry_after = 0;
}

static void
mado_gateway_error_private_copy (const MadoGatewayErrorPrivate *source,
                                 MadoGatewayErrorPrivate       *destination)
{
  destination->retry_after = source->retry_after;
}

static void
mado_gateway_error_private_clear (MadoGatewayErrorPrivate *private)
{
}

/* An extended error domain, so that a Retry-After travels with the error it belongs to. */
G_DEFINE_EXTENDED_ERROR (MadoGatewayError, mado_gateway_error)

static const struct {
  const char *name;
  guint       status;
} codes[] = {
  [MADO_GATEWAY_ERROR_INVALID_REQUEST] = { "invalid_request", 400 },
  [MADO_GATEWAY_ERROR_UNAUTHORIZED] = { "unauthorized", 401 },
  [MADO_GATEWAY_ERROR_NOT_FOUND] = { "not_found", 404 },
  [MADO_GATEWAY_ERROR_METHOD_NOT_ALLOWED] = { "method_not_allowed", 405 },
  [MADO_GATEWAY_ERROR_PAYLOAD_TOO_LARGE] = { "payload_too_large", 413 },
  [MADO_GATEWAY_ERROR_UNSUPPORTED_MEDIA_TYPE] = { "unsupported_media_type", 415 },
  [MADO_GATEWAY_ERROR_UNSUPPORTED_LANGUAGE] = { "unsupported_language", 422 },
  [MADO_GATEWAY_ERROR_NO_TRANSLATION] = { "no_translation", 422 },
  [MADO_GATEWAY_ERROR_NO_SPEECH] = { "no_speech", 422 },
  [MADO_GATEWAY_ERROR_RATE_LIMITED] = { "rate_limited", 429 },
  [MADO_GATEWAY_ERROR_INTERNAL] = { "internal", 500 },
  [MADO_GATEWAY_ERROR_PROVIDER_ERROR] = { "provider_error", 502 },
  [MADO_GATEWAY_ERROR_PROVIDER_AUTH_FAILED] = { "provider_auth_failed", 502 },
  [MADO_GATEWAY_ERROR_PROVIDER_BAD_RESPONSE] = { "provider_bad_response", 502 },
  [MADO_GATEWAY_ERROR_PROVIDER_UNAVAILABLE] = { "provider_unavailable", 503 },
  [MADO_GATEWAY_ERROR_PROVIDER_QUOTA_EXCEEDED] = { "provider_quota_exceeded", 503 },
  [MADO_GATEWAY_ERROR_TIMEOUT] = { "timeout", 504 },
};

const char *
mado_gateway_error_to_string (MadoGatewayError code)
{
  g_return_val_if_fail ((guint) code < G_N_ELEMENTS (codes), "internal");
  return codes[code].name;
}

guint
mado_gateway_error_http_status (MadoGatewayError code)
{
  g_return_val_if_fail ((guint) code < G_N_ELEMENTS (codes), 500);
  return codes[code].status;
}

MadoGatewayError
mado_gateway_error_classify (const GError *error)
{
  g_return_val_if_fail (error != NULL, MADO_GATEWAY_ERROR_INTERNAL);

  if (error->domain == MADO_GATEWAY_ERROR && (guint) error->code < G_N_ELEMENTS (codes))
    return error->code;
  return MADO_GATEWAY_ERROR_INTERNAL;
}

void
mado_gateway_error_set_retry_after (GError *error,
                                    guint   seconds)
{
  MadoGatewayErrorPrivate *private;

  g_return_if_fail (error != NULL);

  private = mado_gateway_error_get_private (error);
  if (private != NULL)
    private->retry_after = seconds;
}

guint
mado_gateway_error_get_retry_after (const GError *error)
{
  MadoGatewayErrorPrivate *private;

  g_return_val_if_fail (error != NULL, 0);

  private = mado_gateway_error_get_private (error);
  return private != NULL ? private->retry_after : 0;
}

/* mado-gateway-error.h: the error codes of the Madoguchi Speech API (docs/api.md, "Errors")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MADO_GATEWAY_ERROR (mado_gateway_error_quark ())

/* One code per row of the table in docs/api.md; providers report their failures in these terms
 * so that the gateway can answer every client the same way whatever provider failed. */
typedef enum {
  MADO_GATEWAY_ERROR_INVALID_REQUEST,
  MADO_GATEWAY_ERROR_UNAUTHORIZED,
  MADO_GATEWAY_ERROR_NOT_FOUND,
  MADO_GATEWAY_ERROR_METHOD_NOT_ALLOWED,
  MADO_GATEWAY_ERROR_PAYLOAD_TOO_LARGE,
  MADO_GATEWAY_ERROR_UNSUPPORTED_MEDIA_TYPE,
  MADO_GATEWAY_ERROR_UNSUPPORTED_LANGUAGE,
  MADO_GATEWAY_ERROR_NO_TRANSLATION,
  MADO_GATEWAY_ERROR_NO_SPEECH,
  MADO_GATEWAY_ERROR_RATE_LIMITED,
  MADO_GATEWAY_ERROR_INTERNAL,
  MADO_GATEWAY_ERROR_PROVIDER_ERROR,
  MADO_GATEWAY_ERROR_PROVIDER_AUTH_FAILED,
  MADO_GATEWAY_ERROR_PROVIDER_BAD_RESPONSE,
  MADO_GATEWAY_ERROR_PROVIDER_UNAVAILABLE,
  MADO_GATEWAY_ERROR_PROVIDER_QUOTA_EXCEEDED,
  MADO_GATEWAY_ERROR_TIMEOUT,
} MadoGatewayError;

GQuark      mado_gateway_error_quark       (void);
/* The code as the API spells it ("unsupported_language"). */
const char *mado_gateway_error_to_string   (MadoGatewayError  code);
guint       mado_gateway_error_http_status (MadoGatewayError  code);
/* The API code for any error: MADO_GATEWAY_ERROR codes as they are, anything else internal. */
MadoGatewayError mado_gateway_error_classify (const GError   *error);

/* Whole seconds after which the client may try again (rate_limited, provider_unavailable), carried
 * by the error itself so that it survives the hand-over from provider to endpoint; 0 when the
 * error does not say. */
void        mado_gateway_error_set_retry_after (GError       *error,
                                                guint         seconds);
guint       mado_gateway_error_get_retry_after (const GError *error);

G_END_DECLS

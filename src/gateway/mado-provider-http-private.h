/* mado-provider-http-private.h: what MadoProviderHttp and its requests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mado-provider-http.h"

G_BEGIN_DECLS

struct _MadoProviderRequest
{
  char      *method;
  char      *path;          /* relative to the provider's base URL */
  char      *content_type;  /* with its parameters (a multipart boundary) */
  GBytes    *body;          /* %NULL for none */
  GPtrArray *headers;       /* name, value, name, value… */
  MadoProviderFinalAnswer is_final;  /* %NULL: every retryable status is retried */
};

MadoProviderRequest *mado_provider_request_copy       (const MadoProviderRequest  *self);
SoupMessage         *mado_provider_request_to_message (const MadoProviderRequest  *self,
                                                       GUri                       *base,
                                                       GError                    **error);

/* Retry-After as delay-seconds or an HTTP date, in seconds; -1 when absent or unreadable. */
double               mado_provider_headers_get_retry_after (SoupMessageHeaders *headers);

G_END_DECLS

/* mado-oauth-token.h: an OAuth 2.0 access token bought with client credentials, kept and renewed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mado-provider-http.h"

G_BEGIN_DECLS

#define MADO_TYPE_OAUTH_TOKEN (mado_oauth_token_get_type ())
G_DECLARE_FINAL_TYPE (MadoOauthToken, mado_oauth_token, MADO, OAUTH_TOKEN, GObject)

/* Tokens come from POST @path of @http's service (grant_type=client_credentials, client_id,
 * client_secret as a form). @http should already know the secret as one of its secrets. */
MadoOauthToken *mado_oauth_token_new         (MadoProviderHttp     *http,
                                              const char           *path,
                                              const char           *client_id,
                                              const char           *client_secret);

/* The token in hand while it is not due for renewal; otherwise the one the next token request
 * brings, a request shared by every caller until it answers. Failures are MADO_GATEWAY_ERROR
 * codes: provider_auth_failed when the service refuses the credentials. */
void            mado_oauth_token_get_async   (MadoOauthToken       *self,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
/* Returns the token, to be freed with mado_oauth_token_free_copy(); @generation identifies it
 * for mado_oauth_token_invalidate(). */
char           *mado_oauth_token_get_finish  (MadoOauthToken       *self,
                                              GAsyncResult         *result,
                                              guint                *generation,
                                              GError              **error);
/* The service refused token @generation before its time: the next caller gets a new one, unless
 * that token has been replaced already. */
void            mado_oauth_token_invalidate  (MadoOauthToken       *self,
                                              guint                 generation);

/* Overwrites and frees a token returned by mado_oauth_token_get_finish(). */
void            mado_oauth_token_free_copy   (char                 *token);

G_END_DECLS

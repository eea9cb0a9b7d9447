/* mado-gateway.h: the HTTP server of the Madoguchi Speech API (docs/api.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mado-gateway-config.h"

G_BEGIN_DECLS

#define MADO_TYPE_GATEWAY (mado_gateway_get_type ())
G_DECLARE_FINAL_TYPE (MadoGateway, mado_gateway, MADO, GATEWAY, GObject)

/* Opens the phrase database and builds the providers the routes of @config name. */
MadoGateway *mado_gateway_new     (MadoGatewayConfig  *config,
                                   GError            **error);
/* Starts serving on the configured address in the thread-default main context. */
gboolean     mado_gateway_listen  (MadoGateway        *self,
                                   GError            **error);
/* "http://127.0.0.1:8470/", with the port actually bound when the configured port was 0. */
char        *mado_gateway_dup_url (MadoGateway        *self);
/* Stops listening and drops every connection; requests in progress are not answered. */
void         mado_gateway_stop    (MadoGateway        *self);

G_END_DECLS

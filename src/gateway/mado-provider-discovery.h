/* mado-provider-discovery.h: asking a self-hosted service what it offers, now and then
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mado-provider-http.h"

G_BEGIN_DECLS

/* Reads the service's answer into the adapter; FALSE when it does not have the expected shape. */
typedef gboolean (*MadoDiscoveryReader) (JsonNode *root,
                                         gpointer  user_data);

#define MADO_TYPE_PROVIDER_DISCOVERY (mado_provider_discovery_get_type ())
G_DECLARE_FINAL_TYPE (MadoProviderDiscovery, mado_provider_discovery, MADO, PROVIDER_DISCOVERY, GObject)

/* Sends GET @path at once, then again every few minutes (sooner while it fails), and hands
 * every good answer to @reader. @user_data must outlive the discovery (the adapter owns it). */
MadoProviderDiscovery *mado_provider_discovery_new     (MadoProviderHttp    *http,
                                                        const char          *path,
                                                        const char          *what,
                                                        MadoDiscoveryReader  reader,
                                                        gpointer             user_data);
/* TRUE once an answer has been read; until then the adapter offers nothing. */
gboolean               mado_provider_discovery_is_done (MadoProviderDiscovery *self);

G_END_DECLS

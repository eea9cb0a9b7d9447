/* mado-deepl.h: machine translation by the DeepL API v2 (docs/providers.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mado-gateway-config.h"
#include "mado-gateway-provider.h"

G_BEGIN_DECLS

#define MADO_TYPE_DEEPL (mado_deepl_get_type ())
G_DECLARE_FINAL_TYPE (MadoDeepl, mado_deepl, MADO, DEEPL, GObject)

MadoGatewayProvider *mado_deepl_new_from_config (MadoGatewayConfig  *config,
                                                 const char         *name,
                                                 GError            **error);

G_END_DECLS

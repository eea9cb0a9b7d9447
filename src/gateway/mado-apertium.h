/* mado-apertium.h: machine translation by an Apertium APy server (docs/providers.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mado-gateway-config.h"
#include "mado-gateway-provider.h"

G_BEGIN_DECLS

#define MADO_TYPE_APERTIUM (mado_apertium_get_type ())
G_DECLARE_FINAL_TYPE (MadoApertium, mado_apertium, MADO, APERTIUM, GObject)

MadoGatewayProvider *mado_apertium_new_from_config (MadoGatewayConfig  *config,
                                                    const char         *name,
                                                    GError            **error);

G_END_DECLS

/* mado-libretranslate.h: machine translation by a LibreTranslate server (docs/providers.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mado-gateway-config.h"
#include "mado-gateway-provider.h"

G_BEGIN_DECLS

#define MADO_TYPE_LIBRETRANSLATE (mado_libretranslate_get_type ())
G_DECLARE_FINAL_TYPE (MadoLibretranslate, mado_libretranslate, MADO, LIBRETRANSLATE, GObject)

MadoGatewayProvider *mado_libretranslate_new_from_config (MadoGatewayConfig  *config,
                                                          const char         *name,
                                                          GError            **error);

G_END_DECLS

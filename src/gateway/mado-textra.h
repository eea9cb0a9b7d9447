/* mado-textra.h: machine translation by NICT's みんなの自動翻訳@TexTra (docs/providers.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mado-gateway-config.h"
#include "mado-gateway-provider.h"

G_BEGIN_DECLS

#define MADO_TYPE_TEXTRA (mado_textra_get_type ())
G_DECLARE_FINAL_TYPE (MadoTextra, mado_textra, MADO, TEXTRA, GObject)

MadoGatewayProvider *mado_textra_new_from_config (MadoGatewayConfig  *config,
                                                  const char         *name,
                                                  GError            **error);

G_END_DECLS

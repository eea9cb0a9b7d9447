/* mado-gateway-json.h: writing the gateway's JSON answers straight into a string
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A JSON string for @text (valid UTF-8), or null for %NULL. */
void mado_json_append_string (GString    *out,
                              const char *text);
/* A number with at most @decimals decimals, independent of the locale ("0.25", never "0,25"). */
void mado_json_append_number (GString    *out,
                              double      value,
                              guint       decimals);

G_END_DECLS

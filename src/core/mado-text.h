/* mado-text.h: small questions about text that several parts of Madoguchi ask
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE when @text (UTF-8) has nothing but white space: nothing to speak, translate or show. */
gboolean mado_text_is_blank (const char *text);

G_END_DECLS

/* mado-espeak-text.h: text rewritten so that espeak-ng 1.51 can read it safely
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Returns @text (valid UTF-8) without what espeak-ng 1.51 cannot read safely: a Burmese visarga
 * (U+1038 း) that it would take for a word of its own. Everything else is kept as it was. */
char *mado_espeak_text_prepare (const char *text);

G_END_DECLS

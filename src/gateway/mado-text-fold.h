/* mado-text-fold.h: the form of a text that phrase matching compares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Folds @text for comparison: Unicode NFKC (full-width letters and digits become ASCII,
 * half-width katakana full-width), then case folding, then every punctuation mark, space,
 * control and format character dropped (。、！？「」, ASCII punctuation, ideographic space,
 * zero-width joiners). Two texts that a person would call "the same sentence" fold equal. */
char *mado_text_fold (const char *text);

G_END_DECLS

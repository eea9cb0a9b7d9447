/* mado-phrase-row.h: a phrase in the phrase book list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "mado-phrase.h"

G_BEGIN_DECLS

#define MADO_TYPE_PHRASE_ROW (mado_phrase_row_get_type ())
G_DECLARE_FINAL_TYPE (MadoPhraseRow, mado_phrase_row, MADO, PHRASE_ROW, GtkListBoxRow)

MadoPhraseRow *mado_phrase_row_new        (MadoPhrase    *phrase,
                                           const char    *resident_language);
MadoPhrase    *mado_phrase_row_get_phrase (MadoPhraseRow *self);

G_END_DECLS

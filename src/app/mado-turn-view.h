/* mado-turn-view.h: one turn of the dialogue as one of the two people sees it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mado-turn.h"

G_BEGIN_DECLS

#define MADO_TYPE_TURN_VIEW (mado_turn_view_get_type ())
G_DECLARE_FINAL_TYPE (MadoTurnView, mado_turn_view, MADO, TURN_VIEW, AdwBin)

/* @reader: whose pane the view is in; @reader_language: the language that reader reads.
 * The speaker sees their own words, can correct recognised text before it is sent, and reads the
 * back-translation to check what the other side will get; the other person reads the translation. */
MadoTurnView *mado_turn_view_new        (MadoTurn     *turn,
                                         MadoSpeaker   reader,
                                         const char   *reader_language);
MadoTurn     *mado_turn_view_get_turn   (MadoTurnView *self);
/* The text shown large: the reader's own words, or the translation of the other person's. */
const char   *mado_turn_view_get_main_text (MadoTurnView *self);
/* The message naming what went wrong, in the reader's language; the msgid for other languages. */
const char   *mado_turn_view_error_msgid (const GError *error,
                                          gboolean      recognising);

G_END_DECLS

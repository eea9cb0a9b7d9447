/* mado-phrase-editor.h: staff register, edit and delete phrases on the tablet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mado-phrase-store.h"

G_BEGIN_DECLS

#define MADO_TYPE_PHRASE_EDITOR (mado_phrase_editor_get_type ())
G_DECLARE_FINAL_TYPE (MadoPhraseEditor, mado_phrase_editor, MADO, PHRASE_EDITOR, AdwWindow)

/* @phrase: the phrase to edit, or %NULL to register a new one in @set_id (preselecting @genre_id).
 * The editor writes to @store itself and stays open, with the clerk's text, when that fails. */
MadoPhraseEditor *mado_phrase_editor_new (GtkWindow       *parent,
                                          MadoPhraseStore *store,
                                          MadoPhrase      *phrase,
                                          const char      *set_id,
                                          const char      *genre_id,
                                          const char      *resident_language);

G_END_DECLS

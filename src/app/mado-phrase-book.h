/* mado-phrase-book.h: registered phrases by genre, with search and favourites
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mado-phrase-store.h"

G_BEGIN_DECLS

#define MADO_TYPE_PHRASE_BOOK (mado_phrase_book_get_type ())
G_DECLARE_FINAL_TYPE (MadoPhraseBook, mado_phrase_book, MADO, PHRASE_BOOK, AdwBin)

void        mado_phrase_book_set_store             (MadoPhraseBook  *self,
                                                    MadoPhraseStore *store);
void        mado_phrase_book_set_resident_language (MadoPhraseBook  *self,
                                                    const char      *language);
void        mado_phrase_book_set_set_id            (MadoPhraseBook  *self,
                                                    const char      *set_id);
const char *mado_phrase_book_get_set_id            (MadoPhraseBook  *self);
const char *mado_phrase_book_get_genre_id          (MadoPhraseBook  *self);
/* Reads the current genre or search again, after the store changed. */
void        mado_phrase_book_reload                (MadoPhraseBook  *self);
void        mado_phrase_book_clear_search          (MadoPhraseBook  *self);

G_END_DECLS

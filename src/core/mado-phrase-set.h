/* mado-phrase-set.h: a shipped phrase set (city hall, school, station) as read from data/phrases
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "mado-genre.h"
#include "mado-phrase.h"

G_BEGIN_DECLS

#define MADO_TYPE_PHRASE_SET (mado_phrase_set_get_type ())
G_DECLARE_FINAL_TYPE (MadoPhraseSet, mado_phrase_set, MADO, PHRASE_SET, GObject)

MadoPhraseSet    *mado_phrase_set_new           (const char       *id,
                                                 guint             version);
const char       *mado_phrase_set_get_id        (MadoPhraseSet    *self);
guint             mado_phrase_set_get_version   (MadoPhraseSet    *self);
MadoReviewStatus  mado_phrase_set_get_review    (MadoPhraseSet    *self);
void              mado_phrase_set_set_review    (MadoPhraseSet    *self,
                                                 MadoReviewStatus  review);
const char       *mado_phrase_set_get_name      (MadoPhraseSet    *self,
                                                 const char       *language);
void              mado_phrase_set_set_name      (MadoPhraseSet    *self,
                                                 const char       *language,
                                                 const char       *name);
/* The languages the set has a name in, in registry order (without the fallbacks of get_name). */
GStrv             mado_phrase_set_dup_name_languages (MadoPhraseSet *self);
/* FALSE when a file of the set could not be read in full: the store then keeps the version it has. */
gboolean          mado_phrase_set_get_complete  (MadoPhraseSet    *self);
void              mado_phrase_set_set_complete  (MadoPhraseSet    *self,
                                                 gboolean          complete);
GPtrArray        *mado_phrase_set_get_genres    (MadoPhraseSet    *self);
GPtrArray        *mado_phrase_set_get_phrases   (MadoPhraseSet    *self);
void              mado_phrase_set_add_genre     (MadoPhraseSet    *self,
                                                 MadoGenre        *genre);
void              mado_phrase_set_add_phrase    (MadoPhraseSet    *self,
                                                 MadoPhrase       *phrase);

G_END_DECLS

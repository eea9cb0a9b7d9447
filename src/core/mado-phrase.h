/* mado-phrase.h: one registered phrase in every language it has
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  MADO_SPEAKER_STAFF,
  MADO_SPEAKER_RESIDENT,
} MadoSpeaker;

/* Where the phrase's current text comes from. Shipped phrases are replaced when a newer phrase set
 * is seeded; edited and local ones belong to the municipality and never are. */
typedef enum {
  MADO_PHRASE_ORIGIN_SHIPPED,
  MADO_PHRASE_ORIGIN_EDITED,
  MADO_PHRASE_ORIGIN_LOCAL,
} MadoPhraseOrigin;

#define MADO_TYPE_PHRASE (mado_phrase_get_type ())
G_DECLARE_FINAL_TYPE (MadoPhrase, mado_phrase, MADO, PHRASE, GObject)

MadoPhrase       *mado_phrase_new              (const char  *id,
                                                const char  *set_id,
                                                const char  *genre_id);
const char       *mado_phrase_get_id           (MadoPhrase  *self);
const char       *mado_phrase_get_set_id       (MadoPhrase  *self);
const char       *mado_phrase_get_genre_id     (MadoPhrase  *self);
MadoSpeaker       mado_phrase_get_speaker      (MadoPhrase  *self);
void              mado_phrase_set_speaker      (MadoPhrase  *self,
                                                MadoSpeaker  speaker);
MadoPhraseOrigin  mado_phrase_get_origin       (MadoPhrase  *self);
void              mado_phrase_set_origin       (MadoPhrase  *self,
                                                MadoPhraseOrigin origin);
const char       *mado_phrase_get_text         (MadoPhrase  *self,
                                                const char  *language);
void              mado_phrase_set_text         (MadoPhrase  *self,
                                                const char  *language,
                                                const char  *text);
GStrv             mado_phrase_dup_languages    (MadoPhrase  *self);
gboolean          mado_phrase_get_favourite    (MadoPhrase  *self);
void              mado_phrase_set_favourite    (MadoPhrase  *self,
                                                gboolean     favourite);
guint             mado_phrase_get_use_count    (MadoPhrase  *self);
void              mado_phrase_set_use_count    (MadoPhrase  *self,
                                                guint        use_count);
guint             mado_phrase_get_source_line  (MadoPhrase  *self);
void              mado_phrase_set_source_line  (MadoPhrase  *self,
                                                guint        line);

G_END_DECLS

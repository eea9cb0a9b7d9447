/* mado-genre.h: a category of phrases within a phrase set ("転入・転出", "給食・アレルギー")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  MADO_REVIEW_NEEDS_NATIVE_REVIEW,
  MADO_REVIEW_NATIVE_REVIEWED,
} MadoReviewStatus;

const char *mado_review_status_to_string   (MadoReviewStatus  status);
gboolean    mado_review_status_from_string (const char       *text,
                                            MadoReviewStatus *status);

#define MADO_TYPE_GENRE (mado_genre_get_type ())
G_DECLARE_FINAL_TYPE (MadoGenre, mado_genre, MADO, GENRE, GObject)

MadoGenre        *mado_genre_new         (const char       *set_id,
                                          const char       *id,
                                          int               order);
const char       *mado_genre_get_set_id  (MadoGenre        *self);
const char       *mado_genre_get_id      (MadoGenre        *self);
int               mado_genre_get_order   (MadoGenre        *self);
MadoReviewStatus  mado_genre_get_review  (MadoGenre        *self);
void              mado_genre_set_review  (MadoGenre        *self,
                                          MadoReviewStatus  review);
const char       *mado_genre_get_name    (MadoGenre        *self,
                                          const char       *language);
void              mado_genre_set_name    (MadoGenre        *self,
                                          const char       *language,
                                          const char       *name);
/* The languages the genre has a name in, in registry order (without the fallbacks of get_name). */
GStrv             mado_genre_dup_name_languages (MadoGenre *self);

G_END_DECLS

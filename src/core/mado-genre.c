/* mado-genre.c: a category of phrases within a phrase set
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-genre.h"

#include "mado-language.h"

struct _MadoGenre
{
  GObject           parent_instance;

  char             *set_id;
  char             *id;
  int               order;
  MadoReviewStatus  review;
  GHashTable       *names;    /* language code → name */
};

G_DEFINE_FINAL_TYPE (MadoGenre, mado_genre, G_TYPE_OBJECT)

const char *
mado_review_status_to_string (MadoReviewStatus status)
{
  switch (status)
    {
    case MADO_REVIEW_NATIVE_REVIEWED:
      return "native-reviewed";
    case MADO_REVIEW_NEEDS_NATIVE_REVIEW:
    default:
      return "needs-native-review";
    }
}

gboolean
mado_review_status_from_string (const char       *text,
                                MadoReviewStatus *status)
{
  if (g_strcmp0 (text, "needs-native-review") == 0)
    *status = MADO_REVIEW_NEEDS_NATIVE_REVIEW;
  else if (g_strcmp0 (text, "native-reviewed") == 0)
    *status = MADO_REVIEW_NATIVE_REVIEWED;
  else
    return FALSE;

  return TRUE;
}

static void
mado_genre_finalize (GObject *object)
{
  MadoGenre *self = MADO_GENRE (object);

  g_free (self->set_id);
  g_free (self->id);
  g_hash_table_unref (self->names);

  G_OBJECT_CLASS (mado_genre_parent_class)->finalize (object);
}

static void
mado_genre_class_init (MadoGenreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mado_genre_finalize;
}

static void
mado_genre_init (MadoGenre *self)
{
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

MadoGenre *
mado_genre_new (const char *set_id,
                const char *id,
                int         order)
{
  MadoGenre *self;

  g_return_val_if_fail (set_id != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  self = g_object_new (MADO_TYPE_GENRE, NULL);
  self->set_id = g_strdup (set_id);
  self->id = g_strdup (id);
  self->order = order;

  return self;
}

const char *
mado_genre_get_set_id (MadoGenre *self)
{
  g_return_val_if_fail (MADO_IS_GENRE (self), NULL);
  return self->set_id;
}

const char *
mado_genre_get_id (MadoGenre *self)
{
  g_return_val_if_fail (MADO_IS_GENRE (self), NULL);
  return self->id;
}

int
mado_genre_get_order (MadoGenre *self)
{
  g_return_val_if_fail (MADO_IS_GENRE (self), 0);
  return self->order;
}

MadoReviewStatus
mado_genre_get_review (MadoGenre *self)
{
  g_return_val_if_fail (MADO_IS_GENRE (self), MADO_REVIEW_NEEDS_NATIVE_REVIEW);
  return self->review;
}

void
mado_genre_set_review (MadoGenre        *self,
                       MadoReviewStatus  review)
{
  g_return_if_fail (MADO_IS_GENRE (self));
  self->review = review;
}

/**
 * mado_genre_get_name:
 *
 * Returns: (nullable): the genre's name in @language, falling back to Japanese, then to the id,
 * so a genre added without translations still shows something the clerk can read.
 */
const char *
mado_genre_get_name (MadoGenre  *self,
                     const char *language)
{
  const MadoLanguage *entry;
  const char *name;

  g_return_val_if_fail (MADO_IS_GENRE (self), NULL);

  entry = mado_language_lookup (language);
  name = g_hash_table_lookup (self->names, entry != NULL ? entry->code : language);
  if (name == NULL)
    name = g_hash_table_lookup (self->names, MADO_STAFF_LANGUAGE);

  return name != NULL ? name : self->id;
}

void
mado_genre_set_name (MadoGenre  *self,
                     const char *language,
                     const char *name)
{
  const MadoLanguage *entry;

  g_return_if_fail (MADO_IS_GENRE (self));
  g_return_if_fail (language != NULL);

  entry = mado_language_lookup (language);
  g_hash_table_insert (self->names,
                       g_strdup (entry != NULL ? entry->code : language),
                       g_strdup (name));
}

/**
 * mado_genre_dup_name_languages:
 *
 * Returns: (transfer full): the languages with a name of their own, in registry order, so that
 * the fallbacks of mado_genre_get_name() are not mistaken for translations.
 */
GStrv
mado_genre_dup_name_languages (MadoGenre *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const MadoLanguage **all;
  guint n_all;

  g_return_val_if_fail (MADO_IS_GENRE (self), NULL);

  all = mado_language_get_all (&n_all);
  for (guint i = 0; i < n_all; i++)
    if (g_hash_table_contains (self->names, all[i]->code))
      g_strv_builder_add (builder, all[i]->code);

  return g_strv_builder_end (builder);
}

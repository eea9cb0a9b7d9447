/* mado-phrase-set.c: a shipped phrase set as read from data/phrases
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-phrase-set.h"

#include "mado-language.h"

struct _MadoPhraseSet
{
  GObject           parent_instance;

  char             *id;
  guint             version;
  MadoReviewStatus  review;
  gboolean          complete;
  GHashTable       *names;     /* language code → name */
  GPtrArray        *genres;    /* MadoGenre */
  GPtrArray        *phrases;   /* MadoPhrase */
};

G_DEFINE_FINAL_TYPE (MadoPhraseSet, mado_phrase_set, G_TYPE_OBJECT)

static void
mado_phrase_set_dispose (GObject *object)
{
  MadoPhraseSet *self = MADO_PHRASE_SET (object);

  g_ptr_array_set_size (self->genres, 0);
  g_ptr_array_set_size (self->phrases, 0);

  G_OBJECT_CLASS (mado_phrase_set_parent_class)->dispose (object);
}

static void
mado_phrase_set_finalize (GObject *object)
{
  MadoPhraseSet *self = MADO_PHRASE_SET (object);

  g_free (self->id);
  g_hash_table_unref (self->names);
  g_ptr_array_unref (self->genres);
  g_ptr_array_unref (self->phrases);

  G_OBJECT_CLASS (mado_phrase_set_parent_class)->finalize (object);
}

static void
mado_phrase_set_class_init (MadoPhraseSetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mado_phrase_set_dispose;
  object_class->finalize = mado_phrase_set_finalize;
}

static void
mado_phrase_set_init (MadoPhraseSet *self)
{
  self->complete = TRUE;
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->genres = g_ptr_array_new_with_free_func (g_object_unref);
  self->phrases = g_ptr_array_new_with_free_func (g_object_unref);
}

MadoPhraseSet *
mado_phrase_set_new (const char *id,
                     guint       version)
{
  MadoPhraseSet *self;

  g_return_val_if_fail (id != NULL, NULL);

  self = g_object_new (MADO_TYPE_PHRASE_SET, NULL);
  self->id = g_strdup (id);
  self->version = version;

  return self;
}

const char *
mado_phrase_set_get_id (MadoPhraseSet *self)
{
  g_return_val_if_fail (MADO_IS_PHRASE_SET (self), NULL);
  return self->id;
}

guint
mado_phrase_set_get_version (MadoPhraseSet *self)
{
  g_return_val_if_fail (MADO_IS_PHRASE_SET (self), 0);
  return self->version;
}

MadoReviewStatus
mado_phrase_set_get_review (MadoPhraseSet *self)
{
  g_return_val_if_fail (MADO_IS_PHRASE_SET (self), MADO_REVIEW_NEEDS_NATIVE_REVIEW);
  return self->review;
}

void
mado_phrase_set_set_review (MadoPhraseSet    *self,
                            MadoReviewStatus  review)
{
  g_return_if_fail (MADO_IS_PHRASE_SET (self));
  self->review = review;
}

/**
 * mado_phrase_set_get_name:
 *
 * Returns: the set's name in @language, falling back to Japanese, then to the id.
 */
const char *
mado_phrase_set_get_name (MadoPhraseSet *self,
                          const char    *language)
{
  const MadoLanguage *entry;
  const char *name;

  g_return_val_if_fail (MADO_IS_PHRASE_SET (self), NULL);

  entry = mado_language_lookup (language);
  name = g_hash_table_lookup (self->names, entry != NULL ? entry->code : language);
  if (name == NULL)
    name = g_hash_table_lookup (self->names, MADO_STAFF_LANGUAGE);

  return name != NULL ? name : self->id;
}

void
mado_phrase_set_set_name (MadoPhraseSet *self,
                          const char    *language,
                          const char    *name)
{
  const MadoLanguage *entry;

  g_return_if_fail (MADO_IS_PHRASE_SET (self));
  g_return_if_fail (language != NULL);

  entry = mado_language_lookup (language);
  g_hash_table_insert (self->names,
                       g_strdup (entry != NULL ? entry->code : language),
                       g_strdup (name));
}

/**
 * mado_phrase_set_dup_name_languages:
 *
 * Returns: (transfer full): the languages with a name of their own, in registry order, so that
 * the fallbacks of mado_phrase_set_get_name() are not mistaken for translations.
 */
GStrv
mado_phrase_set_dup_name_languages (MadoPhraseSet *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const MadoLanguage **all;
  guint n_all;

  g_return_val_if_fail (MADO_IS_PHRASE_SET (self), NULL);

  all = mado_language_get_all (&n_all);
  for (guint i = 0; i < n_all; i++)
    if (g_hash_table_contains (self->names, all[i]->code))
      g_strv_builder_add (builder, all[i]->code);

  return g_strv_builder_end (builder);
}

gboolean
mado_phrase_set_get_complete (MadoPhraseSet *self)
{
  g_return_val_if_fail (MADO_IS_PHRASE_SET (self), FALSE);
  return self->complete;
}

void
mado_phrase_set_set_complete (MadoPhraseSet *self,
                              gboolean       complete)
{
  g_return_if_fail (MADO_IS_PHRASE_SET (self));
  self->complete = !!complete;
}

/**
 * mado_phrase_set_get_genres:
 *
 * Returns: (transfer none) (element-type MadoGenre): the genres in the order they were added.
 */
GPtrArray *
mado_phrase_set_get_genres (MadoPhraseSet *self)
{
  g_return_val_if_fail (MADO_IS_PHRASE_SET (self), NULL);
  return self->genres;
}

/**
 * mado_phrase_set_get_phrases:
 *
 * Returns: (transfer none) (element-type MadoPhrase): every phrase of every genre.
 */
GPtrArray *
mado_phrase_set_get_phrases (MadoPhraseSet *self)
{
  g_return_val_if_fail (MADO_IS_PHRASE_SET (self), NULL);
  return self->phrases;
}

void
mado_phrase_set_add_genre (MadoPhraseSet *self,
                           MadoGenre     *genre)
{
  g_return_if_fail (MADO_IS_PHRASE_SET (self));
  g_return_if_fail (MADO_IS_GENRE (genre));

  g_ptr_array_add (self->genres, g_object_ref (genre));
}

void
mado_phrase_set_add_phrase (MadoPhraseSet *self,
                            MadoPhrase    *phrase)
{
  g_return_if_fail (MADO_IS_PHRASE_SET (self));
  g_return_if_fail (MADO_IS_PHRASE (phrase));

  g_ptr_array_add (self->phrases, g_object_ref (phrase));
}

/* mado-phrase.c: one registered phrase in every language it has
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-phrase.h"

#include "mado-language.h"

struct _MadoPhrase
{
  GObject           parent_instance;

  char             *id;
  char             *set_id;
  char             *genre_id;
  GHashTable       *texts;        /* language code → text */
  MadoSpeaker       speaker;
  MadoPhraseOrigin  origin;
  gboolean          favourite;
  guint             use_count;
  guint             source_line;
};

G_DEFINE_FINAL_TYPE (MadoPhrase, mado_phrase, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_SET_ID,
  PROP_GENRE_ID,
  PROP_FAVOURITE,
  PROP_USE_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mado_phrase_finalize (GObject *object)
{
  MadoPhrase *self = MADO_PHRASE (object);

  g_free (self->id);
  g_free (self->set_id);
  g_free (self->genre_id);
  g_hash_table_unref (self->texts);

  G_OBJECT_CLASS (mado_phrase_parent_class)->finalize (object);
}

static void
mado_phrase_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  MadoPhrase *self = MADO_PHRASE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_SET_ID:
      g_value_set_string (value, self->set_id);
      break;
    case PROP_GENRE_ID:
      g_value_set_string (value, self->genre_id);
      break;
    case PROP_FAVOURITE:
      g_value_set_boolean (value, self->favourite);
      break;
    case PROP_USE_COUNT:
      g_value_set_uint (value, self->use_count);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mado_phrase_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  MadoPhrase *self = MADO_PHRASE (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;
    case PROP_SET_ID:
      self->set_id = g_value_dup_string (value);
      break;
    case PROP_GENRE_ID:
      self->genre_id = g_value_dup_string (value);
      break;
    case PROP_FAVOURITE:
      mado_phrase_set_favourite (self, g_value_get_boolean (value));
      break;
    case PROP_USE_COUNT:
      mado_phrase_set_use_count (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mado_phrase_class_init (MadoPhraseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mado_phrase_finalize;
  object_class->get_property = mado_phrase_get_property;
  object_class->set_property = mado_phrase_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SET_ID] =
    g_param_spec_string ("set-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_GENRE_ID] =
    g_param_spec_string ("genre-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FAVOURITE] =
    g_param_spec_boolean ("favourite", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_USE_COUNT] =
    g_param_spec_uint ("use-count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mado_phrase_init (MadoPhrase *self)
{
  self->texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/**
 * mado_phrase_new:
 * @id: (nullable): the full id ("city-hall.moving.001"); %NULL for a phrase not stored yet
 * @set_id: the phrase set
 * @genre_id: the genre within the set
 */
MadoPhrase *
mado_phrase_new (const char *id,
                 const char *set_id,
                 const char *genre_id)
{
  return g_object_new (MADO_TYPE_PHRASE,
                       "id", id,
                       "set-id", set_id,
                       "genre-id", genre_id,
                       NULL);
}

const char *
mado_phrase_get_id (MadoPhrase *self)
{
  g_return_val_if_fail (MADO_IS_PHRASE (self), NULL);
  return self->id;
}

const char *
mado_phrase_get_set_id (MadoPhrase *self)
{
  g_return_val_if_fail (MADO_IS_PHRASE (self), NULL);
  return self->set_id;
}

const char *
mado_phrase_get_genre_id (MadoPhrase *self)
{
  g_return_val_if_fail (MADO_IS_PHRASE (self), NULL);
  return self->genre_id;
}

MadoSpeaker
mado_phrase_get_speaker (MadoPhrase *self)
{
  g_return_val_if_fail (MADO_IS_PHRASE (self), MADO_SPEAKER_STAFF);
  return self->speaker;
}

void
mado_phrase_set_speaker (MadoPhrase  *self,
                         MadoSpeaker  speaker)
{
  g_return_if_fail (MADO_IS_PHRASE (self));
  self->speaker = speaker;
}

MadoPhraseOrigin
mado_phrase_get_origin (MadoPhrase *self)
{
  g_return_val_if_fail (MADO_IS_PHRASE (self), MADO_PHRASE_ORIGIN_SHIPPED);
  return self->origin;
}

void
mado_phrase_set_origin (MadoPhrase       *self,
                        MadoPhraseOrigin  origin)
{
  g_return_if_fail (MADO_IS_PHRASE (self));
  self->origin = origin;
}

/**
 * mado_phrase_get_text:
 * @language: a language code from the registry
 *
 * Returns: (nullable): the text in @language, or %NULL when the phrase has none.
 */
const char *
mado_phrase_get_text (MadoPhrase *self,
                      const char *language)
{
  const MadoLanguage *entry;

  g_return_val_if_fail (MADO_IS_PHRASE (self), NULL);

  /* Look up through the registry so that "pt-br" finds the "pt-BR" text. */
  entry = mado_language_lookup (language);
  return g_hash_table_lookup (self->texts, entry != NULL ? entry->code : language);
}

/**
 * mado_phrase_set_text:
 * @text: (nullable): the text; %NULL or "" removes the language
 */
void
mado_phrase_set_text (MadoPhrase *self,
                      const char *language,
                      const char *text)
{
  const MadoLanguage *entry;
  const char *key;

  g_return_if_fail (MADO_IS_PHRASE (self));
  g_return_if_fail (language != NULL);

  entry = mado_language_lookup (language);
  key = entry != NULL ? entry->code : language;

  if (text == NULL || *text == '\0')
    g_hash_table_remove (self->texts, key);
  else
    g_hash_table_insert (self->texts, g_strdup (key), g_strdup (text));
}

/**
 * mado_phrase_dup_languages:
 *
 * Returns: (transfer full): the languages the phrase has, in registry order.
 */
GStrv
mado_phrase_dup_languages (MadoPhrase *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const MadoLanguage **all;
  guint n_all;

  g_return_val_if_fail (MADO_IS_PHRASE (self), NULL);

  all = mado_language_get_all (&n_all);
  for (guint i = 0; i < n_all; i++)
    if (g_hash_table_contains (self->texts, all[i]->code))
      g_strv_builder_add (builder, all[i]->code);

  return g_strv_builder_end (builder);
}

gboolean
mado_phrase_get_favourite (MadoPhrase *self)
{
  g_return_val_if_fail (MADO_IS_PHRASE (self), FALSE);
  return self->favourite;
}

void
mado_phrase_set_favourite (MadoPhrase *self,
                           gboolean    favourite)
{
  g_return_if_fail (MADO_IS_PHRASE (self));

  favourite = !!favourite;
  if (self->favourite == favourite)
    return;

  self->favourite = favourite;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAVOURITE]);
}

guint
mado_phrase_get_use_count (MadoPhrase *self)
{
  g_return_val_if_fail (MADO_IS_PHRASE (self), 0);
  return self->use_count;
}

void
mado_phrase_set_use_count (MadoPhrase *self,
                           guint       use_count)
{
  g_return_if_fail (MADO_IS_PHRASE (self));

  if (self->use_count == use_count)
    return;

  self->use_count = use_count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USE_COUNT]);
}

/* The line of the data file the phrase was read from, for diagnostics; 0 when not from a file. */
guint
mado_phrase_get_source_line (MadoPhrase *self)
{
  g_return_val_if_fail (MADO_IS_PHRASE (self), 0);
  return self->source_line;
}

void
mado_phrase_set_source_line (MadoPhrase *self,
                             guint       line)
{
  g_return_if_fail (MADO_IS_PHRASE (self));
  self->source_line = line;
}

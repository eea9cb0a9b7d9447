/* mado-language-codes.c: how a provider spells Madoguchi's languages, and which pairs it serves
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Indexed by the languages' registry positions, so that a request asks "does this provider
 * translate ja into vi" with one array lookup.
 */
#include "mado-language-codes.h"

#include <string.h>

struct _MadoLanguageCodes
{
  guint     n_languages;
  char    **codes;  /* by language index; %NULL for a language the provider lacks */
  gboolean *pairs;  /* [source × n + target] */
};

MadoLanguageCodes *
mado_language_codes_new (void)
{
  MadoLanguageCodes *self = g_new0 (MadoLanguageCodes, 1);

  mado_language_get_all (&self->n_languages);
  self->codes = g_new0 (char *, self->n_languages + 1);
  self->pairs = g_new0 (gboolean, self->n_languages * self->n_languages);
  return self;
}

void
mado_language_codes_free (MadoLanguageCodes *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < self->n_languages; i++)
    g_free (self->codes[i]);
  g_free (self->codes);
  g_free (self->pairs);
  g_free (self);
}

void
mado_language_codes_set_code (MadoLanguageCodes  *self,
                              const MadoLanguage *language,
                              const char         *code)
{
  guint index = mado_language_get_index (language);

  g_free (self->codes[index]);
  self->codes[index] = g_strdup (code);
}

const char *
mado_language_codes_get_code (MadoLanguageCodes  *self,
                              const MadoLanguage *language)
{
  return self->codes[mado_language_get_index (language)];
}

const MadoLanguage *
mado_language_codes_find (MadoLanguageCodes *self,
                          const char        *code)
{
  guint n_languages;
  const MadoLanguage **languages = mado_language_get_all (&n_languages);

  for (guint i = 0; i < self->n_languages; i++)
    if (self->codes[i] != NULL && g_ascii_strcasecmp (self->codes[i], code) == 0)
      return languages[i];
  return NULL;
}

void
mado_language_codes_allow_pair (MadoLanguageCodes  *self,
                                const MadoLanguage *source,
                                const MadoLanguage *target)
{
  self->pairs[mado_language_get_index (source) * self->n_languages + mado_language_get_index (target)] = TRUE;
}

void
mado_language_codes_allow_all_pairs (MadoLanguageCodes *self)
{
  for (guint s = 0; s < self->n_languages; s++)
    for (guint t = 0; t < self->n_languages; t++)
      self->pairs[s * self->n_languages + t] = s != t && self->codes[s] != NULL && self->codes[t] != NULL;
}

void
mado_language_codes_clear_pairs (MadoLanguageCodes *self)
{
  memset (self->pairs, 0, sizeof (gboolean) * self->n_languages * self->n_languages);
}

gboolean
mado_language_codes_supports (MadoLanguageCodes  *self,
                              const MadoLanguage *source,
                              const MadoLanguage *target)
{
  guint s = mado_language_get_index (source);

  if (target == NULL)
    return self->codes[s] != NULL;
  return self->pairs[s * self->n_languages + mado_language_get_index (target)];
}

void
mado_language_codes_set_spellings (MadoLanguageCodes          *self,
                                   GPtrArray                  *languages,
                                   const MadoLanguageSpelling *spellings,
                                   gsize                       n_spellings,
                                   GHashTable                 *offered)
{
  for (guint l = 0; l < languages->len; l++)
    {
      const MadoLanguage *language = g_ptr_array_index (languages, l);
      const char *chosen = NULL;

      for (gsize i = 0; i < n_spellings && chosen == NULL; i++)
        {
          if (strcmp (spellings[i].language, language->code) != 0)
            continue;
          for (guint j = 0; j < G_N_ELEMENTS (spellings[i].codes) && spellings[i].codes[j] != NULL; j++)
            if (offered == NULL || g_hash_table_contains (offered, spellings[i].codes[j]))
              {
                chosen = spellings[i].codes[j];
                break;
              }
        }
      mado_language_codes_set_code (self, language, chosen);
    }
}

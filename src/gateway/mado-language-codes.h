/* mado-language-codes.h: how a provider spells Madoguchi's languages, and which pairs it serves
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "mado-language.h"

G_BEGIN_DECLS

typedef struct _MadoLanguageCodes MadoLanguageCodes;

MadoLanguageCodes *mado_language_codes_new            (void);
void               mado_language_codes_free           (MadoLanguageCodes  *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoLanguageCodes, mado_language_codes_free)

/* How a provider may spell one language, preferred spelling first. */
typedef struct {
  const char *language;  /* Madoguchi's code */
  const char *codes[4];  /* the provider's, %NULL-terminated unless all four are used */
} MadoLanguageSpelling;

/* Gives each of @languages the first of its spellings in @spellings that @offered (a set of the
 * provider's codes) contains, or the first spelling when @offered is %NULL; a language with no
 * such spelling gets no code. Other languages keep what they had. */
void               mado_language_codes_set_spellings  (MadoLanguageCodes          *self,
                                                       GPtrArray                  *languages,
                                                       const MadoLanguageSpelling *spellings,
                                                       gsize                       n_spellings,
                                                       GHashTable                 *offered);

/* The provider's code for @language ("zh-CN" for zh-Hans), or %NULL to leave the language out. */
void               mado_language_codes_set_code       (MadoLanguageCodes  *self,
                                                       const MadoLanguage *language,
                                                       const char         *code);
const char        *mado_language_codes_get_code       (MadoLanguageCodes  *self,
                                                       const MadoLanguage *language);
/* The Madoguchi language the provider calls @code, or %NULL. */
const MadoLanguage *mado_language_codes_find          (MadoLanguageCodes  *self,
                                                       const char         *code);
/* Pairs are kept apart from codes: a provider may spell a language it cannot translate into. */
void               mado_language_codes_allow_pair     (MadoLanguageCodes  *self,
                                                       const MadoLanguage *source,
                                                       const MadoLanguage *target);
/* Every pair of two different languages that have codes. */
void               mado_language_codes_allow_all_pairs (MadoLanguageCodes *self);
void               mado_language_codes_clear_pairs    (MadoLanguageCodes  *self);
/* With @target %NULL: whether @source has a code. */
gboolean           mado_language_codes_supports       (MadoLanguageCodes  *self,
                                                       const MadoLanguage *source,
                                                       const MadoLanguage *target);

G_END_DECLS

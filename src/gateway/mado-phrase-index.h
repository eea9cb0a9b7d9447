/* mado-phrase-index.h: the registered phrases held in memory for matching, exact and fuzzy
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "mado-language.h"
#include "mado-phrase.h"

G_BEGIN_DECLS

#define MADO_TYPE_PHRASE_INDEX (mado_phrase_index_get_type ())
G_DECLARE_FINAL_TYPE (MadoPhraseIndex, mado_phrase_index, MADO, PHRASE_INDEX, GObject)

/* Working memory for fuzzy matching, kept by the caller between lookups so that a lookup does
 * not allocate. One scratch serves one thread. */
typedef struct {
  GArray *counts;    /* guint16 per entry of the source language: bigrams shared with the query */
  GArray *touched;   /* guint: the entries whose count is not zero */
  GArray *bigrams;   /* guint64: the query's distinct bigrams */
} MadoMatchScratch;

void mado_match_scratch_init  (MadoMatchScratch *scratch);
void mado_match_scratch_clear (MadoMatchScratch *scratch);

typedef struct {
  MadoPhrase *phrase;   /* borrowed from the index */
  double      score;    /* 1.0 for an exact match, below for a fuzzy one */
} MadoPhraseMatch;

/* The index never changes once built; several threads may read it at once. */
MadoPhraseIndex *mado_phrase_index_new            (GPtrArray           *phrases,  /* MadoPhrase */
                                                   MadoPhraseIndex     *previous);
guint            mado_phrase_index_get_generation (MadoPhraseIndex     *self);
GPtrArray       *mado_phrase_index_get_phrases    (MadoPhraseIndex     *self);
gboolean         mado_phrase_index_has_language   (MadoPhraseIndex     *self,
                                                   const MadoLanguage  *language);
gboolean         mado_phrase_index_has_pair       (MadoPhraseIndex     *self,
                                                   const MadoLanguage  *source,
                                                   const MadoLanguage  *target);
/* Finds the phrase whose @source text matches @text and that has a @target text: an exact
 * match of the folded texts (mado-text-fold.h) first, else the best character-bigram Dice
 * score at or above @threshold. */
gboolean         mado_phrase_index_match          (MadoPhraseIndex     *self,
                                                   const char          *text,
                                                   const MadoLanguage  *source,
                                                   const MadoLanguage  *target,
                                                   double               threshold,
                                                   MadoMatchScratch    *scratch,
                                                   MadoPhraseMatch     *match);

G_END_DECLS

/* mado-phrase-memory.h: translation by the registered phrases, which people have checked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mado-gateway-provider.h"
#include "mado-phrase-library.h"

G_BEGIN_DECLS

#define MADO_PHRASE_MEMORY_DEFAULT_THRESHOLD 0.85

#define MADO_TYPE_PHRASE_MEMORY (mado_phrase_memory_get_type ())
G_DECLARE_FINAL_TYPE (MadoPhraseMemory, mado_phrase_memory, MADO, PHRASE_MEMORY, GObject)

/* Texts whose folded forms are equal match with score 1.0; otherwise the phrase with the best
 * character-bigram Dice score wins if that score is at least @fuzzy_threshold (0–1). */
MadoPhraseMemory *mado_phrase_memory_new (MadoPhraseLibrary *library,
                                          double             fuzzy_threshold);

G_END_DECLS

/* mado-sphinx-recognizer.h: English speech recognition on the gateway's machine (pocketsphinx)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mado-gateway-provider.h"
#include "mado-phrase-library.h"

G_BEGIN_DECLS

#define MADO_SPHINX_DEFAULT_DECODERS 2

#define MADO_TYPE_SPHINX_RECOGNIZER (mado_sphinx_recognizer_get_type ())
G_DECLARE_FINAL_TYPE (MadoSphinxRecognizer, mado_sphinx_recognizer, MADO, SPHINX_RECOGNIZER, GObject)

/* Recognises the registered English phrases of @library (constrained: never open dictation),
 * at most @max_decoders utterances at once; more are refused with rate_limited. */
MadoSphinxRecognizer *mado_sphinx_recognizer_new          (MadoPhraseLibrary    *library,
                                                           const char           *acoustic_model,
                                                           const char           *dictionary,
                                                           guint                 max_decoders);
/* Each stream holds a slot while it lives, so that no more utterances run than decoders exist. */
gboolean              mado_sphinx_recognizer_take_slot    (MadoSphinxRecognizer  *self,
                                                           GError               **error);
void                  mado_sphinx_recognizer_release_slot (MadoSphinxRecognizer  *self);

G_END_DECLS

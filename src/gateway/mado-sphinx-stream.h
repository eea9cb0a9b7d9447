/* mado-sphinx-stream.h: one utterance on its way to a pocketsphinx decoder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mado-recognition-stream.h"
#include "mado-sphinx-engine.h"
#include "mado-sphinx-recognizer.h"

G_BEGIN_DECLS

#define MADO_TYPE_SPHINX_STREAM (mado_sphinx_stream_get_type ())
G_DECLARE_FINAL_TYPE (MadoSphinxStream, mado_sphinx_stream, MADO, SPHINX_STREAM, GObject)

/* Takes one of @recognizer's slots (or fails with rate_limited), given back when the stream
 * is finalized. */
MadoSphinxStream *mado_sphinx_stream_new (MadoSphinxRecognizer  *recognizer,
                                          MadoSphinxEngine      *engine,
                                          MadoPhraseIndex       *index,
                                          GError               **error);

G_END_DECLS

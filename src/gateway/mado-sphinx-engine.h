/* mado-sphinx-engine.h: pocketsphinx decoders on worker threads, constrained to the phrases
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mado-phrase-index.h"

G_BEGIN_DECLS

#define MADO_SPHINX_DEFAULT_ACOUSTIC_MODEL "/usr/share/pocketsphinx/model/en-us/en-us"
#define MADO_SPHINX_DEFAULT_DICTIONARY     "/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict"

typedef struct _MadoSphinxEngine MadoSphinxEngine;
typedef struct _MadoSphinxJob    MadoSphinxJob;

/* Called in the thread-default main context of whoever started the job, once, with the words
 * heard (lower case) or an error; never called for an abandoned job. */
typedef void (*MadoSphinxResultFunc) (const char   *text,
                                      const GError *error,
                                      gpointer      user_data);

/* Up to @max_decoders utterances are decoded at once, each on a thread of its own; a decoder
 * is loaded (about 0.2 s) the first time it is needed and then kept. */
MadoSphinxEngine *mado_sphinx_engine_new          (const char            *acoustic_model,
                                                   const char            *dictionary,
                                                   guint                  max_decoders);
/* Waits for running jobs, which end when their streams are ended or abandoned. */
void              mado_sphinx_engine_free         (MadoSphinxEngine      *self);
/* Whether the model and dictionary files are there to be loaded. */
gboolean          mado_sphinx_engine_is_installed (MadoSphinxEngine      *self);
/* Loads one decoder and its grammar in the background, so the first utterance does not wait. */
void              mado_sphinx_engine_warm_up      (MadoSphinxEngine      *self,
                                                   MadoPhraseIndex       *index);

/* Starts decoding one utterance against the English phrases of @index. */
MadoSphinxJob    *mado_sphinx_engine_start        (MadoSphinxEngine      *self,
                                                   MadoPhraseIndex       *index,
                                                   MadoSphinxResultFunc   result_func,
                                                   gpointer               user_data,
                                                   GError               **error);
/* @audio: signed 16-bit little-endian PCM at 16 kHz; a piece may end inside a sample. */
void              mado_sphinx_job_feed            (MadoSphinxJob         *job,
                                                   GBytes                *audio);
/* No more audio: the result follows through the job's result function. */
void              mado_sphinx_job_end             (MadoSphinxJob         *job);
/* Drops the caller's hold on the job: an unfinished utterance stops at once, and a result on
 * its way is not delivered. */
void              mado_sphinx_job_abandon         (MadoSphinxJob         *job);

G_END_DECLS

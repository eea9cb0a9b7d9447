/* mado-espeak-engine.h: espeak-ng speech, made by madoguchi-espeak-worker in a process of its own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mado-audio-buffer.h"

G_BEGIN_DECLS

/* The environment variable that names the worker program when Madoguchi runs uninstalled. */
#define MADO_ESPEAK_WORKER_ENV "MADOGUCHI_ESPEAK_WORKER"

#define MADO_TYPE_ESPEAK_ENGINE (mado_espeak_engine_get_type ())
G_DECLARE_FINAL_TYPE (MadoEspeakEngine, mado_espeak_engine, MADO, ESPEAK_ENGINE, GObject)

/* Each engine has its own worker process, started for the first text and stopped (and reaped)
 * when the engine is finalized. The worker is $MADOGUCHI_ESPEAK_WORKER if that is set, else the
 * installed one in LIBEXECDIR. */
MadoEspeakEngine *mado_espeak_engine_new               (void);
/* Whether espeak-ng has @voice (a voice name or a language such as "fr-fr"). Errors are in
 * MADO_SPEECH_ERROR: ENGINE_MISSING when the voice, espeak-ng's data or the worker program is not
 * installed. The first call asks a worker about every voice the language registry names; later
 * calls for those voices answer from memory, without waiting for speech in progress. */
gboolean          mado_espeak_engine_has_voice         (MadoEspeakEngine     *self,
                                                        const char           *voice,
                                                        GError              **error);
/* Synthesises @text at espeak-ng's own rate (22050 Hz). Requests are queued and run one at a time.
 * When espeak-ng dies on the text, the result is MADO_SPEECH_ERROR_ENGINE_FAILED and the next
 * request starts a new worker. Cancelling a running request kills its worker (a new one starts
 * for the next request) and finishes once the worker has been reaped. */
void              mado_espeak_engine_synthesize_async  (MadoEspeakEngine     *self,
                                                        const char           *voice,
                                                        const char           *text,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
MadoAudioBuffer  *mado_espeak_engine_synthesize_finish (MadoEspeakEngine     *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

G_END_DECLS

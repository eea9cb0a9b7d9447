/* mado-espeak-engine.h: the process-wide espeak-ng library, driven from one worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mado-audio-buffer.h"

G_BEGIN_DECLS

/* Whether espeak-ng has @voice (a voice name or a language such as "fr-fr"). Errors are
 * MADO_SPEECH_ERROR_ENGINE_MISSING. The first call loads espeak-ng and checks every voice the
 * language registry names; later calls for those voices answer from memory without waiting. */
gboolean         mado_espeak_engine_has_voice         (const char           *voice,
                                                       GError              **error);
/* Synthesises @text at espeak-ng's own rate (22050 Hz). Calls are queued and run one at a time,
 * because espeak-ng keeps its state in globals. */
void             mado_espeak_engine_synthesize_async  (const char           *voice,
                                                       const char           *text,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
MadoAudioBuffer *mado_espeak_engine_synthesize_finish (GAsyncResult         *result,
                                                       GError              **error);

G_END_DECLS

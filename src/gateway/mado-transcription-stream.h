/* mado-transcription-stream.h: one utterance gathered for a Whisper server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mado-recognition-stream.h"
#include "mado-transcription-provider.h"

G_BEGIN_DECLS

#define MADO_TYPE_TRANSCRIPTION_STREAM (mado_transcription_stream_get_type ())
G_DECLARE_FINAL_TYPE (MadoTranscriptionStream, mado_transcription_stream, MADO, TRANSCRIPTION_STREAM, GObject)

MadoTranscriptionStream *mado_transcription_stream_new (MadoTranscriptionProvider *provider,
                                                        const MadoLanguage        *language);

G_END_DECLS

/* mado-transcription-provider.h: open dictation by a Whisper server (whisper.cpp or OpenAI's API)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mado-gateway-config.h"
#include "mado-gateway-provider.h"
#include "mado-transcript-guard.h"

G_BEGIN_DECLS

/* The two services take the same audio and give the same kind of answer; they differ in the
 * request's fields and in what the answer tells besides the text. */
typedef enum {
  MADO_TRANSCRIPTION_WHISPER_CPP,  /* the whisper.cpp server's /inference */
  MADO_TRANSCRIPTION_OPENAI,       /* POST {url}/audio/transcriptions with a bearer key */
} MadoTranscriptionFlavour;

#define MADO_TYPE_TRANSCRIPTION_PROVIDER (mado_transcription_provider_get_type ())
G_DECLARE_FINAL_TYPE (MadoTranscriptionProvider, mado_transcription_provider, MADO, TRANSCRIPTION_PROVIDER, GObject)

MadoGatewayProvider *mado_transcription_provider_new_from_config (MadoGatewayConfig         *config,
                                                                  const char                *name,
                                                                  MadoTranscriptionFlavour   flavour,
                                                                  GError                   **error);

/* What the provider's streams ask. */
MadoTranscriptGuard *mado_transcription_provider_get_guard       (MadoTranscriptionProvider *self);

/* Sends one whole utterance (16 kHz mono) and reads what was said: MADO_GATEWAY_ERROR_NO_SPEECH
 * when the service heard nothing, or only what recognisers invent for silence. */
void                 mado_transcription_provider_transcribe_async  (MadoTranscriptionProvider *self,
                                                                    MadoAudioBuffer           *audio,
                                                                    const MadoLanguage        *language,
                                                                    GCancellable              *cancellable,
                                                                    GAsyncReadyCallback        callback,
                                                                    gpointer                   user_data);
MadoRecognition     *mado_transcription_provider_transcribe_finish (MadoTranscriptionProvider *self,
                                                                    GAsyncResult              *result,
                                                                    GError                   **error);

G_END_DECLS

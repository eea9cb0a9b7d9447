/* mado-local-speech.h: speech synthesis on the gateway's own machine (espeak-ng, Open JTalk)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mado-gateway-provider.h"
#include "mado-synthesizer.h"

G_BEGIN_DECLS

#define MADO_TYPE_LOCAL_SPEECH (mado_local_speech_get_type ())
G_DECLARE_FINAL_TYPE (MadoLocalSpeech, mado_local_speech, MADO, LOCAL_SPEECH, GObject)

/* Serves synthesis through @synthesizer (the app's MadoLocalSynthesizer, the same engines and
 * voices the tablet uses when it speaks by itself). */
MadoLocalSpeech *mado_local_speech_new (MadoSynthesizer *synthesizer);

G_END_DECLS

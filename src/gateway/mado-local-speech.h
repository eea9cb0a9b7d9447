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

/* Serves synthesis through the app's own synthesizers (MadoLocalSynthesizer: the same engines
 * and voices the tablet uses when it speaks by itself): @espeak for the languages espeak-ng
 * speaks, @open_jtalk for Japanese and Easy Japanese. They may be one and the same. */
MadoLocalSpeech *mado_local_speech_new (MadoSynthesizer *espeak,
                                        MadoSynthesizer *open_jtalk);

G_END_DECLS

/* mado-gateway-synthesizer.h: speech from the Madoguchi Speech API gateway behind the synthesizer seam
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mado-speech-client.h"
#include "mado-synthesizer.h"

G_BEGIN_DECLS

#define MADO_TYPE_GATEWAY_SYNTHESIZER (mado_gateway_synthesizer_get_type ())
G_DECLARE_FINAL_TYPE (MadoGatewaySynthesizer, mado_gateway_synthesizer, MADO, GATEWAY_SYNTHESIZER, GObject)

/* Speaks through @client's POST /v1/synthesize and converts the result to @sample_rate.
 * Which languages it can speak comes from the gateway's capabilities, set once the app has
 * fetched them; until then it can speak none. Besides MADO_SPEECH_ERROR, a synthesis can
 * fail with any MADO_SPEECH_API_ERROR code (gateway unreachable, provider down, …). */
MadoGatewaySynthesizer *mado_gateway_synthesizer_new              (MadoSpeechClient       *client,
                                                                   guint                   sample_rate);
MadoSpeechCapabilities *mado_gateway_synthesizer_get_capabilities (MadoGatewaySynthesizer *self);
void                    mado_gateway_synthesizer_set_capabilities (MadoGatewaySynthesizer *self,
                                                                   MadoSpeechCapabilities *capabilities);

G_END_DECLS

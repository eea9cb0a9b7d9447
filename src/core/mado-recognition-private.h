/* mado-recognition-private.h: how the speech client creates a recognition
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mado-recognition.h"
#include "mado-speech-exchange.h"

G_BEGIN_DECLS

/* Sends @exchange at once with the recognition's audio as its body; @display_url names the
 * gateway in messages. */
MadoRecognition *mado_recognition_new (MadoSpeechExchange *exchange,
                                       const char         *language,
                                       const char         *display_url);

G_END_DECLS

/* mado-voice.h: say a text aloud, one utterance at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mado-audio-output.h"
#include "mado-synthesizer.h"

G_BEGIN_DECLS

#define MADO_TYPE_VOICE (mado_voice_get_type ())
G_DECLARE_FINAL_TYPE (MadoVoice, mado_voice, MADO, VOICE, GObject)

typedef enum {
  MADO_VOICE_STATE_IDLE,
  MADO_VOICE_STATE_SYNTHESIZING,
  MADO_VOICE_STATE_SPEAKING,
} MadoVoiceState;

/* Joins a synthesizer and a loudspeaker. A new utterance interrupts the one still playing, as a person
 * would stop mid-sentence when the clerk taps the next phrase. */
MadoVoice      *mado_voice_new          (MadoSynthesizer      *synthesizer,
                                         MadoAudioOutput      *output);
MadoVoiceState  mado_voice_get_state    (MadoVoice            *self);
void            mado_voice_speak_async  (MadoVoice            *self,
                                         const char           *text,
                                         const char           *language,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
gboolean        mado_voice_speak_finish (MadoVoice            *self,
                                         GAsyncResult         *result,
                                         GError              **error);
void            mado_voice_stop         (MadoVoice            *self);

G_END_DECLS

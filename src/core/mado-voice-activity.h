/* mado-voice-activity.h: finds where speech starts and ends in 16 kHz sound (pure logic, no I/O)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  MADO_VOICE_ACTIVITY_WAITING,   /* no speech yet */
  MADO_VOICE_ACTIVITY_SPEAKING,  /* speech has started and not ended */
  MADO_VOICE_ACTIVITY_ENDED,     /* speech has ended; further sound is ignored until a reset */
} MadoVoiceActivityState;

#define MADO_TYPE_VOICE_ACTIVITY_STATE (mado_voice_activity_state_get_type ())
GType mado_voice_activity_state_get_type (void) G_GNUC_CONST;

#define MADO_TYPE_VOICE_ACTIVITY (mado_voice_activity_get_type ())
G_DECLARE_FINAL_TYPE (MadoVoiceActivity, mado_voice_activity, MADO, VOICE_ACTIVITY, GObject)

/* One detector follows one stream of 16 kHz mono sound, fed in pieces of any length.
 * Positions are counted in samples from the first one fed after creation or a reset. */
MadoVoiceActivity      *mado_voice_activity_new                  (void);
MadoVoiceActivityState  mado_voice_activity_feed                 (MadoVoiceActivity *self,
                                                                  const gint16      *samples,
                                                                  gsize              n_samples);
void                    mado_voice_activity_reset                (MadoVoiceActivity *self);
MadoVoiceActivityState  mado_voice_activity_get_state            (MadoVoiceActivity *self);
guint64                 mado_voice_activity_get_position         (MadoVoiceActivity *self);
guint64                 mado_voice_activity_get_speech_start     (MadoVoiceActivity *self);
guint64                 mado_voice_activity_get_speech_end       (MadoVoiceActivity *self);
guint64                 mado_voice_activity_get_end_detected_at  (MadoVoiceActivity *self);

/* How long the speaker must stay silent for the speech to count as ended, in quiet
 * surroundings (default 280 ms; up to 300 ms more in noise). */
guint                   mado_voice_activity_get_end_silence      (MadoVoiceActivity *self);
void                    mado_voice_activity_set_end_silence      (MadoVoiceActivity *self,
                                                                  guint              milliseconds);
/* How much sound before the detected onset belongs to the speech (default 300 ms). */
guint                   mado_voice_activity_get_pre_roll         (MadoVoiceActivity *self);
void                    mado_voice_activity_set_pre_roll         (MadoVoiceActivity *self,
                                                                  guint              milliseconds);

G_END_DECLS

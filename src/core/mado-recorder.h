/* mado-recorder.h: one spoken turn, from the microphone to the end of speech
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mado-audio-buffer.h"
#include "mado-audio-input.h"
#include "mado-voice-activity.h"

G_BEGIN_DECLS

typedef enum {
  MADO_RECORDER_IDLE,       /* not started yet */
  MADO_RECORDER_WAITING,    /* listening; nobody has spoken yet */
  MADO_RECORDER_SPEAKING,   /* speech is coming in, and out through ::chunk */
  MADO_RECORDER_FINISHED,   /* over; see the end reason */
} MadoRecorderState;

typedef enum {
  MADO_RECORDER_END_NONE,          /* not finished */
  MADO_RECORDER_END_SPEECH_ENDED,  /* the speaker stopped talking */
  MADO_RECORDER_END_STOPPED,       /* mado_recorder_stop(): the person tapped to stop */
  MADO_RECORDER_END_MAX_LENGTH,    /* the recording reached max-length */
  MADO_RECORDER_END_FAILED,        /* the microphone could not be opened or failed; see the error */
  MADO_RECORDER_END_CANCELLED,     /* the cancellable was cancelled; the audio was dropped */
} MadoRecorderEndReason;

#define MADO_TYPE_RECORDER_STATE (mado_recorder_state_get_type ())
GType mado_recorder_state_get_type (void) G_GNUC_CONST;
#define MADO_TYPE_RECORDER_END_REASON (mado_recorder_end_reason_get_type ())
GType mado_recorder_end_reason_get_type (void) G_GNUC_CONST;

#define MADO_TYPE_RECORDER (mado_recorder_get_type ())
G_DECLARE_FINAL_TYPE (MadoRecorder, mado_recorder, MADO, RECORDER, GObject)

/* One recorder records one utterance. The sound stays in memory: ::chunk hands it on while
 * the person speaks, and the finish returns the whole of it; nothing is ever written to disk. */
MadoRecorder         *mado_recorder_new             (MadoAudioInput       *input,
                                                     MadoVoiceActivity    *detector);
void                  mado_recorder_record_async    (MadoRecorder         *self,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
MadoAudioBuffer      *mado_recorder_record_finish   (MadoRecorder         *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
/* Tap to stop: ends the recording at once and keeps what was said. */
void                  mado_recorder_stop            (MadoRecorder         *self);

MadoAudioInput       *mado_recorder_get_input       (MadoRecorder         *self);
MadoVoiceActivity    *mado_recorder_get_detector    (MadoRecorder         *self);
MadoRecorderState     mado_recorder_get_state       (MadoRecorder         *self);
MadoRecorderEndReason mado_recorder_get_end_reason  (MadoRecorder         *self);
/* The microphone's level for a meter: 0 at -60 dBFS or less, 1 at full scale, linear in dB. */
double                mado_recorder_get_level       (MadoRecorder         *self);
/* The longest the microphone stays open, in milliseconds, waiting included (default 30 s). */
guint                 mado_recorder_get_max_length  (MadoRecorder         *self);
void                  mado_recorder_set_max_length  (MadoRecorder         *self,
                                                     guint                 milliseconds);

G_END_DECLS

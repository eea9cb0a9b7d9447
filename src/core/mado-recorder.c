/* mado-recorder.c: one spoken turn, from the microphone to the end of speech
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-recorder.h"

#include <math.h>

#define DEFAULT_MAX_LENGTH_MS 30000
/* A level meter needs no more than 30 updates a second; the sound comes in 50 blocks a
 * second, and every notification costs the UI a redraw. */
#define LEVEL_NOTIFY_SAMPLES  (MADO_AUDIO_INPUT_RATE / 30)
#define LEVEL_FLOOR_DBFS      -60.0
/* The detector places the start of speech up to its onset window (100 ms) plus the pre-roll
 * before the moment it is sure; this much more is kept while waiting, so that start is still
 * at hand. */
#define ONSET_SLACK_MS        200

struct _MadoRecorder
{
  GObject                parent_instance;

  MadoAudioInput        *input;
  MadoVoiceActivity     *detector;
  guint                  max_length_ms;

  MadoRecorderState      state;
  MadoRecorderEndReason  end_reason;
  double                 level;

  GTask                 *task;
  GCancellable          *input_cancellable;
  GSource               *cancel_source;
  gulong                 block_handler;
  gulong                 failed_handler;

  /* Samples taken from the input since the start, and the last few of them while waiting,
   * the first of which is sample number recent_start. */
  guint64                position;
  GArray                *recent;
  guint64                recent_start;
  MadoAudioBuffer       *utterance;
  guint                  samples_since_level_notify;
};

G_DEFINE_FINAL_TYPE (MadoRecorder, mado_recorder, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (MadoRecorderState, mado_recorder_state,
                    G_DEFINE_ENUM_VALUE (MADO_RECORDER_IDLE, "idle"),
                    G_DEFINE_ENUM_VALUE (MADO_RECORDER_WAITING, "waiting"),
                    G_DEFINE_ENUM_VALUE (MADO_RECORDER_SPEAKING, "speaking"),
                    G_DEFINE_ENUM_VALUE (MADO_RECORDER_FINISHED, "finished"))

G_DEFINE_ENUM_TYPE (MadoRecorderEndReason, mado_recorder_end_reason,
                    G_DEFINE_ENUM_VALUE (MADO_RECORDER_END_NONE, "none"),
                    G_DEFINE_ENUM_VALUE (MADO_RECORDER_END_SPEECH_ENDED, "speech-ended"),
                    G_DEFINE_ENUM_VALUE (MADO_RECORDER_END_STOPPED, "stopped"),
                    G_DEFINE_ENUM_VALUE (MADO_RECORDER_END_MAX_LENGTH, "max-length"),
                    G_DEFINE_ENUM_VALUE (MADO_RECORDER_END_FAILED, "failed"),
                    G_DEFINE_ENUM_VALUE (MADO_RECORDER_END_CANCELLED, "cancelled"))

enum {
  PROP_0,
  PROP_INPUT,
  PROP_DETECTOR,
  PROP_STATE,
  PROP_END_REASON,
  PROP_LEVEL,
  PROP_MAX_LENGTH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_CHUNK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_state (MadoRecorder      *self,
           MadoRecorderState  state)
{
  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_level (MadoRecorder *self,
           double        level,
           gboolean      notify)
{
  self->level = level;
  if (notify)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEVEL]);
}

static double
level_of (const gint16 *samples,
          gsize         n_samples)
{
  double sum = 0.0;
  double dbfs;

  for (gsize i = 0; i < n_samples; i++)
    sum += (double) samples[i] * samples[i];
  if (n_samples == 0 || sum == 0.0)
    return 0.0;

  dbfs = 10.0 * log10 (sum / n_samples / (32768.0 * 32768.0));
  return CLAMP ((dbfs - LEVEL_FLOOR_DBFS) / -LEVEL_FLOOR_DBFS, 0.0, 1.0);
}

/* Hands on a piece of the utterance and keeps it for the finish. */
static void
emit_chunk (MadoRecorder *self,
            const gint16 *samples,
            gsize         n_samples)
{
  g_autoptr(MadoAudioBuffer) chunk = NULL;

  if (n_samples == 0)
    return;

  chunk = mado_audio_buffer_new_take (MADO_AUDIO_INPUT_RATE, g_memdup2 (samples, n_samples * sizeof (gint16)), n_samples);
  mado_audio_buffer_append (self->utterance, samples, n_samples);
  g_signal_emit (self, signals[SIGNAL_CHUNK], 0, chunk);
}

static void
disconnect_input (MadoRecorder *self)
{
  g_clear_signal_handler (&self->block_handler, self->input);
  g_clear_signal_handler (&self->failed_handler, self->input);
  if (self->cancel_source != NULL)
    {
      g_source_destroy (self->cancel_source);
      g_clear_pointer (&self->cancel_source, g_source_unref);
    }
  /* Stops the input whether it is capturing or still opening; in the second case its start
   * then finishes as cancelled, which on_input_started() ignores. */
  g_cancellable_cancel (self->input_cancellable);
  mado_audio_input_stop (self->input);
}

/* Ends the recording. With @error, what was recorded is dropped: it only ever lived in
 * memory, and is freed here. */
static void
finish (MadoRecorder          *self,
        MadoRecorderEndReason  reason,
        GError                *error)
{
  g_autoptr(MadoRecorder) keep_alive = g_object_ref (self);
  g_autoptr(GTask) task = g_steal_pointer (&self->task);
  g_autoptr(MadoAudioBuffer) utterance = g_steal_pointer (&self->utterance);

  g_assert (task != NULL);

  disconnect_input (self);
  g_clear_pointer (&self->recent, g_array_unref);

  self->end_reason = reason;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_END_REASON]);
  set_level (self, 0.0, TRUE);
  set_state (self, MADO_RECORDER_FINISHED);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&utterance), (GDestroyNotify) mado_audio_buffer_unref);
}

/* While waiting, keeps just enough of the recent sound to hand on the pre-roll once the
 * detector hears speech. */
static void
remember_recent (MadoRecorder *self,
                 const gint16 *samples,
                 gsize         n_samples)
{
  guint64 keep = (guint64) (mado_voice_activity_get_pre_roll (self->detector) + ONSET_SLACK_MS)
               * MADO_AUDIO_INPUT_RATE / 1000 + n_samples;

  g_array_append_vals (self->recent, samples, n_samples);
  if (self->recent->len > keep)
    {
      guint drop = (guint) (self->recent->len - keep);

      g_array_remove_range (self->recent, 0, drop);
      self->recent_start += drop;
    }
}

static void
on_block (MadoAudioInput  *input,
          MadoAudioBuffer *block,
          gpointer         user_data)
{
  MadoRecorder *self = user_data;
  guint64 max_samples = (guint64) self->max_length_ms * MADO_AUDIO_INPUT_RATE / 1000;
  gsize n_samples;
  const gint16 *samples = mado_audio_buffer_get_samples (block, &n_samples);
  MadoVoiceActivityState detected;
  guint64 block_start = self->position;

  /* The hard limit falls exactly on its sample, not on the next block boundary (and at once
   * when it was lowered below what is recorded already). */
  n_samples = (gsize) MIN ((guint64) n_samples, max_samples > self->position ? max_samples - self->position : 0);
  self->position += n_samples;

  self->samples_since_level_notify += n_samples;
  set_level (self, level_of (samples, n_samples), self->samples_since_level_notify >= LEVEL_NOTIFY_SAMPLES);
  if (self->samples_since_level_notify >= LEVEL_NOTIFY_SAMPLES)
    self->samples_since_level_notify = 0;

  detected = mado_voice_activity_feed (self->detector, samples, n_samples);

  if (self->state == MADO_RECORDER_WAITING)
    {
      remember_recent (self, samples, n_samples);
      if (detected != MADO_VOICE_ACTIVITY_WAITING)
        {
          guint64 start = MAX (mado_voice_activity_get_speech_start (self->detector), self->recent_start);

          g_autoptr(GArray) recent = g_steal_pointer (&self->recent);

          set_state (self, MADO_RECORDER_SPEAKING);
          emit_chunk (self, (const gint16 *) recent->data + (start - self->recent_start),
                      (gsize) (self->position - start));
        }
    }
  else
    {
      gsize wanted = n_samples;

      /* The utterance ends where the end was decided, not at the end of the block. */
      if (detected == MADO_VOICE_ACTIVITY_ENDED)
        wanted = (gsize) (mado_voice_activity_get_end_detected_at (self->detector) - block_start);
      emit_chunk (self, samples, wanted);
    }

  /* A ::chunk handler may have stopped the recording already. */
  if (self->task == NULL)
    return;

  if (detected == MADO_VOICE_ACTIVITY_ENDED)
    finish (self, MADO_RECORDER_END_SPEECH_ENDED, NULL);
  else if (self->position >= max_samples)
    finish (self, MADO_RECORDER_END_MAX_LENGTH, NULL);
}

static void
on_failed (MadoAudioInput *input,
           const GError   *error,
           gpointer        user_data)
{
  MadoRecorder *self = user_data;

  finish (self, MADO_RECORDER_END_FAILED, g_error_copy (error));
}

static void
on_input_started (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(MadoRecorder) self = user_data;
  g_autoptr(GError) error = NULL;

  if (mado_audio_input_start_finish (MADO_AUDIO_INPUT (source), result, &error))
    {
      /* An input that opened although it was stopped meanwhile is closed again. */
      if (self->task == NULL)
        mado_audio_input_stop (MADO_AUDIO_INPUT (source));
      return;
    }

  /* Stopped or cancelled while the device was opening: the recording is over already. */
  if (self->task == NULL)
    return;

  finish (self, MADO_RECORDER_END_FAILED, g_steal_pointer (&error));
}

static gboolean
on_cancelled (GCancellable *cancellable,
              gpointer      user_data)
{
  MadoRecorder *self = user_data;

  if (self->task != NULL)
    finish (self, MADO_RECORDER_END_CANCELLED,
            g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "The recording was cancelled"));

  return G_SOURCE_REMOVE;
}

/**
 * mado_recorder_record_async:
 * @self: a recorder that has not recorded yet
 * @cancellable: (nullable): drops the recording; the result is then %G_IO_ERROR_CANCELLED
 * @callback: called when the utterance is over, in the thread-default main context of the
 *   caller (where ::chunk and the notifications come too)
 * @user_data: for @callback
 *
 * Opens the microphone and records until the speaker stops, mado_recorder_stop() is called,
 * max-length is reached, or the microphone fails.
 */
void
mado_recorder_record_async (MadoRecorder        *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (MADO_IS_RECORDER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (self->state == MADO_RECORDER_IDLE);

  self->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, mado_recorder_record_async);

  self->utterance = mado_audio_buffer_new (MADO_AUDIO_INPUT_RATE);
  self->recent = g_array_new (FALSE, FALSE, sizeof (gint16));
  mado_voice_activity_reset (self->detector);
  set_state (self, MADO_RECORDER_WAITING);

  if (cancellable != NULL)
    {
      self->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (self->cancel_source, G_SOURCE_FUNC (on_cancelled), self, NULL);
      g_source_attach (self->cancel_source, g_task_get_context (self->task));
    }

  self->block_handler = g_signal_connect (self->input, "block", G_CALLBACK (on_block), self);
  self->failed_handler = g_signal_connect (self->input, "failed", G_CALLBACK (on_failed), self);
  self->input_cancellable = g_cancellable_new ();
  mado_audio_input_start_async (self->input, self->input_cancellable, on_input_started, g_object_ref (self));
}

/**
 * mado_recorder_record_finish:
 *
 * Returns: (transfer full): the utterance at 16 kHz, from the pre-roll before the first word
 *   to where the end was decided: the same samples ::chunk carried, which is nothing when
 *   nobody spoke. %NULL with @error set when the microphone could not be opened or failed
 *   (in %MADO_AUDIO_ERROR) or the recording was cancelled.
 */
MadoAudioBuffer *
mado_recorder_record_finish (MadoRecorder  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (MADO_IS_RECORDER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mado_recorder_record_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * mado_recorder_stop:
 * @self: a recorder
 *
 * Ends the recording at once, as the person tapping the microphone button again: the
 * microphone closes, no ::chunk follows, and the recording finishes with what was said so
 * far. Does nothing when the recording is not running.
 */
void
mado_recorder_stop (MadoRecorder *self)
{
  g_return_if_fail (MADO_IS_RECORDER (self));

  if (self->task != NULL)
    finish (self, MADO_RECORDER_END_STOPPED, NULL);
}

MadoAudioInput *
mado_recorder_get_input (MadoRecorder *self)
{
  g_return_val_if_fail (MADO_IS_RECORDER (self), NULL);

  return self->input;
}

MadoVoiceActivity *
mado_recorder_get_detector (MadoRecorder *self)
{
  g_return_val_if_fail (MADO_IS_RECORDER (self), NULL);

  return self->detector;
}

MadoRecorderState
mado_recorder_get_state (MadoRecorder *self)
{
  g_return_val_if_fail (MADO_IS_RECORDER (self), MADO_RECORDER_IDLE);

  return self->state;
}

MadoRecorderEndReason
mado_recorder_get_end_reason (MadoRecorder *self)
{
  g_return_val_if_fail (MADO_IS_RECORDER (self), MADO_RECORDER_END_NONE);

  return self->end_reason;
}

/**
 * mado_recorder_get_level:
 *
 * The level of the latest 20 ms of sound. It changes with every block; ::notify::level is
 * emitted at most 30 times per second of sound, and once more with 0 when the recording ends.
 *
 * Returns: 0 at -60 dBFS or less, 1 at full scale, linear in dB between.
 */
double
mado_recorder_get_level (MadoRecorder *self)
{
  g_return_val_if_fail (MADO_IS_RECORDER (self), 0.0);

  return self->level;
}

guint
mado_recorder_get_max_length (MadoRecorder *self)
{
  g_return_val_if_fail (MADO_IS_RECORDER (self), 0);

  return self->max_length_ms;
}

/**
 * mado_recorder_set_max_length:
 * @milliseconds: greater than zero; takes effect for the next block
 */
void
mado_recorder_set_max_length (MadoRecorder *self,
                              guint         milliseconds)
{
  g_return_if_fail (MADO_IS_RECORDER (self));
  g_return_if_fail (milliseconds > 0);

  if (self->max_length_ms == milliseconds)
    return;

  self->max_length_ms = milliseconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_LENGTH]);
}

static void
mado_recorder_dispose (GObject *object)
{
  MadoRecorder *self = MADO_RECORDER (object);

  /* A running recording holds a reference through its task, so none is left here; only the
   * input's handlers and the pieces of a recording that never started may remain. */
  if (self->input != NULL)
    {
      g_clear_signal_handler (&self->block_handler, self->input);
      g_clear_signal_handler (&self->failed_handler, self->input);
    }
  g_clear_object (&self->input);
  g_clear_object (&self->detector);
  g_clear_object (&self->input_cancellable);

  G_OBJECT_CLASS (mado_recorder_parent_class)->dispose (object);
}

static void
mado_recorder_finalize (GObject *object)
{
  MadoRecorder *self = MADO_RECORDER (object);

  g_clear_pointer (&self->recent, g_array_unref);
  g_clear_pointer (&self->utterance, mado_audio_buffer_unref);

  G_OBJECT_CLASS (mado_recorder_parent_class)->finalize (object);
}

static void
mado_recorder_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  MadoRecorder *self = MADO_RECORDER (object);

  switch (prop_id)
    {
    case PROP_INPUT:
      g_value_set_object (value, self->input);
      break;
    case PROP_DETECTOR:
      g_value_set_object (value, self->detector);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_END_REASON:
      g_value_set_enum (value, self->end_reason);
      break;
    case PROP_LEVEL:
      g_value_set_double (value, self->level);
      break;
    case PROP_MAX_LENGTH:
      g_value_set_uint (value, self->max_length_ms);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mado_recorder_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  MadoRecorder *self = MADO_RECORDER (object);

  switch (prop_id)
    {
    case PROP_INPUT:
      self->input = g_value_dup_object (value);
      break;
    case PROP_DETECTOR:
      /* Construct-only; without one, the recorder makes its own with the defaults. */
      self->detector = g_value_get_object (value) != NULL ? g_value_dup_object (value) : mado_voice_activity_new ();
      break;
    case PROP_MAX_LENGTH:
      mado_recorder_set_max_length (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mado_recorder_class_init (MadoRecorderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mado_recorder_dispose;
  object_class->finalize = mado_recorder_finalize;
  object_class->get_property = mado_recorder_get_property;
  object_class->set_property = mado_recorder_set_property;

  properties[PROP_INPUT] =
    g_param_spec_object ("input", NULL, NULL, MADO_TYPE_AUDIO_INPUT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DETECTOR] =
    g_param_spec_object ("detector", NULL, NULL, MADO_TYPE_VOICE_ACTIVITY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, MADO_TYPE_RECORDER_STATE, MADO_RECORDER_IDLE,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_END_REASON] =
    g_param_spec_enum ("end-reason", NULL, NULL, MADO_TYPE_RECORDER_END_REASON, MADO_RECORDER_END_NONE,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LEVEL] =
    g_param_spec_double ("level", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MAX_LENGTH] =
    g_param_spec_uint ("max-length", NULL, NULL, 1, G_MAXUINT, DEFAULT_MAX_LENGTH_MS,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MadoRecorder::chunk:
   * @self: the recorder
   * @chunk: the next piece of the utterance, 16 kHz mono; the first one starts with the
   *   pre-roll before the first word
   *
   * Emitted as the utterance comes in, from the moment speech is heard until the recording
   * ends, so a recogniser can take it while the person is still speaking.
   */
  signals[SIGNAL_CHUNK] =
    g_signal_new ("chunk", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, MADO_TYPE_AUDIO_BUFFER | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
mado_recorder_init (MadoRecorder *self)
{
  self->max_length_ms = DEFAULT_MAX_LENGTH_MS;
}

/**
 * mado_recorder_new:
 * @input: the microphone
 * @detector: (nullable): decides when speech starts and ends; %NULL for one with the
 *   defaults. The recorder resets it when recording starts.
 *
 * Returns: (transfer full): a recorder for one utterance.
 */
MadoRecorder *
mado_recorder_new (MadoAudioInput    *input,
                   MadoVoiceActivity *detector)
{
  g_return_val_if_fail (MADO_IS_AUDIO_INPUT (input), NULL);
  g_return_val_if_fail (detector == NULL || MADO_IS_VOICE_ACTIVITY (detector), NULL);

  return g_object_new (MADO_TYPE_RECORDER, "input", input, "detector", detector, NULL);
}

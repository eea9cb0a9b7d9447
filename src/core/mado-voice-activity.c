/* mado-voice-activity.c: finds where speech starts and ends in 16 kHz sound (pure logic, no I/O)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-voice-activity.h"

#include <math.h>

#define RATE           16000
#define FRAME_SAMPLES  160      /* 10 ms */
#define FRAME_MS       10

#define DEFAULT_END_SILENCE_MS 300
#define DEFAULT_PRE_ROLL_MS    300

/* The detector compares each 10 ms frame's energy in the speech band with a running estimate
 * of the background noise:
 *
 * - The band is 150 Hz–4 kHz: below it are rumble, hum and most of pink noise's energy; above
 *   it, little of speech's energy and half of white noise's.
 * - The noise estimate falls quickly to quieter frames and rises slowly through noise-like
 *   ones, and even more slowly through loud ones, so a fan switched on is learnt in a few
 *   seconds while a sentence barely moves it. Its typical spread (how far noise frames stray
 *   above it) is followed too, so a fluctuating background (other voices) needs a larger
 *   margin than a steady hiss.
 * - Speech starts when most frames of a short window are well above the noise: a click or a
 *   cough of one or two frames does not start it. The start is moved back by the pre-roll,
 *   because the first consonant is quieter than the vowel that set the detector off.
 * - Speech ends after end-silence of frames close to the noise. A single loud frame in that
 *   silence (a click, a breath) does not restart the count; two in a row do. */
#define NOISE_FALL            0.1
#define NOISE_RISE            0.02
#define NOISE_RISE_LOUD       0.001
#define SPREAD_RATE           0.05
#define ONSET_MARGIN_DB       9.0
#define ONSET_SPREAD_FACTOR   3.0
#define SUSTAIN_MARGIN_DB     5.0
#define SUSTAIN_SPREAD_FACTOR 2.0
/* Quieter than this is not speech near the microphone, whatever the noise: digital silence or
 * a very quiet room would otherwise make any faint sound an onset. */
#define MIN_SPEECH_DBFS       -55.0
#define ONSET_WINDOW_FRAMES   10
#define ONSET_FRAMES_NEEDED   6
#define QUIETEST_DB           -120.0

typedef struct {
  double b0, b1, b2, a1, a2;
} Biquad;

typedef struct {
  double x1, x2, y1, y2;
} BiquadMemory;

struct _MadoVoiceActivity
{
  GObject                 parent_instance;

  guint                   end_silence_ms;
  guint                   pre_roll_ms;

  MadoVoiceActivityState  state;
  guint64                 position;
  guint64                 speech_start;
  guint64                 speech_end;
  guint64                 end_detected_at;

  BiquadMemory            high_pass;
  BiquadMemory            low_pass;

  /* The frame being filled: the sum of its squared, filtered samples. */
  double                  frame_sum;
  guint                   frame_fill;
  guint64                 frames_seen;

  double                  noise_db;
  double                  spread_db;

  /* Which of the last ONSET_WINDOW_FRAMES frames were above the onset threshold, newest in
   * bit 0; then, while speaking, the run of silent frames and whether the last frame was
   * loud. */
  guint                   onset_bits;
  guint                   silent_frames;
  gboolean                previous_frame_loud;
};

G_DEFINE_FINAL_TYPE (MadoVoiceActivity, mado_voice_activity, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (MadoVoiceActivityState, mado_voice_activity_state,
                    G_DEFINE_ENUM_VALUE (MADO_VOICE_ACTIVITY_WAITING, "waiting"),
                    G_DEFINE_ENUM_VALUE (MADO_VOICE_ACTIVITY_SPEAKING, "speaking"),
                    G_DEFINE_ENUM_VALUE (MADO_VOICE_ACTIVITY_ENDED, "ended"))

enum {
  PROP_0,
  PROP_STATE,
  PROP_END_SILENCE,
  PROP_PRE_ROLL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static Biquad high_pass_filter;
static Biquad low_pass_filter;

/* Second-order Butterworth sections from the Audio EQ Cookbook (R. Bristow-Johnson). */
static Biquad
make_butterworth (double   cutoff,
                  gboolean high)
{
  double w0 = 2.0 * G_PI * cutoff / RATE;
  double alpha = sin (w0) / G_SQRT2;
  double c = cos (w0);
  double a0 = 1.0 + alpha;
  double b0 = high ? (1.0 + c) / 2.0 : (1.0 - c) / 2.0;
  double b1 = high ? -(1.0 + c) : 1.0 - c;

  return (Biquad) {
    .b0 = b0 / a0,
    .b1 = b1 / a0,
    .b2 = b0 / a0,
    .a1 = -2.0 * c / a0,
    .a2 = (1.0 - alpha) / a0,
  };
}

static inline double
run_biquad (const Biquad *filter,
            BiquadMemory *memory,
            double        x)
{
  double y = filter->b0 * x + filter->b1 * memory->x1 + filter->b2 * memory->x2
           - filter->a1 * memory->y1 - filter->a2 * memory->y2;

  memory->x2 = memory->x1;
  memory->x1 = x;
  memory->y2 = memory->y1;
  memory->y1 = y;

  return y;
}

static void
set_state (MadoVoiceActivity      *self,
           MadoVoiceActivityState  state)
{
  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static guint
count_bits (guint bits)
{
  guint count = 0;

  for (; bits != 0; bits &= bits - 1)
    count++;

  return count;
}

/* Follows the background noise with frames that are not (yet) taken as speech. */
static void
track_noise (MadoVoiceActivity *self,
             double             energy_db,
             gboolean           loud)
{
  double rate;

  if (energy_db < self->noise_db)
    rate = NOISE_FALL;
  else
    rate = loud ? NOISE_RISE_LOUD : NOISE_RISE;
  self->noise_db += rate * (energy_db - self->noise_db);

  if (!loud)
    self->spread_db += SPREAD_RATE * (fabs (energy_db - self->noise_db) - self->spread_db);
}

static void
handle_frame (MadoVoiceActivity *self,
              double             energy_db)
{
  guint64 frame_start = self->position - FRAME_SAMPLES;
  double onset_threshold;
  double sustain_threshold;
  gboolean above_onset;
  gboolean above_sustain;

  if (self->frames_seen++ == 0)
    {
      self->noise_db = energy_db;
      self->spread_db = 1.0;
    }

  onset_threshold = MAX (self->noise_db + MAX (ONSET_MARGIN_DB, ONSET_SPREAD_FACTOR * self->spread_db),
                         MIN_SPEECH_DBFS);
  sustain_threshold = MAX (self->noise_db + MAX (SUSTAIN_MARGIN_DB, SUSTAIN_SPREAD_FACTOR * self->spread_db),
                           MIN_SPEECH_DBFS - SUSTAIN_MARGIN_DB);
  above_onset = energy_db > onset_threshold;
  above_sustain = energy_db > sustain_threshold;

  switch (self->state)
    {
    case MADO_VOICE_ACTIVITY_WAITING:
      self->onset_bits = ((self->onset_bits << 1) | (above_onset ? 1 : 0)) & ((1u << ONSET_WINDOW_FRAMES) - 1);
      track_noise (self, energy_db, above_onset);

      if (count_bits (self->onset_bits) >= ONSET_FRAMES_NEEDED)
        {
          /* The onset is the first loud frame of the window. */
          guint oldest = ONSET_WINDOW_FRAMES - 1;
          guint64 onset;
          guint64 pre_roll = (guint64) self->pre_roll_ms * RATE / 1000;

          while ((self->onset_bits & (1u << oldest)) == 0)
            oldest--;
          onset = frame_start - (guint64) oldest * FRAME_SAMPLES;
          self->speech_start = onset > pre_roll ? onset - pre_roll : 0;
          self->speech_end = self->position;
          self->silent_frames = 0;
          self->previous_frame_loud = TRUE;
          set_state (self, MADO_VOICE_ACTIVITY_SPEAKING);
        }
      break;

    case MADO_VOICE_ACTIVITY_SPEAKING:
      if (above_sustain && self->previous_frame_loud)
        {
          self->silent_frames = 0;
          self->speech_end = self->position;
        }
      else
        {
          self->silent_frames++;
          track_noise (self, energy_db, above_sustain);
        }
      self->previous_frame_loud = above_sustain;

      if (self->silent_frames * FRAME_MS >= self->end_silence_ms)
        {
          self->end_detected_at = self->position;
          set_state (self, MADO_VOICE_ACTIVITY_ENDED);
        }
      break;

    case MADO_VOICE_ACTIVITY_ENDED:
    default:
      g_assert_not_reached ();
    }
}

/**
 * mado_voice_activity_feed:
 * @self: a detector
 * @samples: (array length=n_samples): 16 kHz mono sound following what was fed before
 * @n_samples: how many
 *
 * Once speech has ended, the rest of @samples and anything fed later is ignored; the
 * position then stays where the end was detected.
 *
 * Returns: the state after @samples.
 */
MadoVoiceActivityState
mado_voice_activity_feed (MadoVoiceActivity *self,
                          const gint16      *samples,
                          gsize              n_samples)
{
  g_return_val_if_fail (MADO_IS_VOICE_ACTIVITY (self), MADO_VOICE_ACTIVITY_ENDED);
  g_return_val_if_fail (samples != NULL || n_samples == 0, self->state);

  for (gsize i = 0; i < n_samples && self->state != MADO_VOICE_ACTIVITY_ENDED; i++)
    {
      double filtered = run_biquad (&low_pass_filter, &self->low_pass,
                                    run_biquad (&high_pass_filter, &self->high_pass, samples[i]));

      self->frame_sum += filtered * filtered;
      self->position++;
      if (++self->frame_fill == FRAME_SAMPLES)
        {
          double mean_square = self->frame_sum / FRAME_SAMPLES / (32768.0 * 32768.0);

          handle_frame (self, MAX (10.0 * log10 (mean_square + 1e-30), QUIETEST_DB));
          self->frame_sum = 0.0;
          self->frame_fill = 0;
        }
    }

  return self->state;
}

/**
 * mado_voice_activity_reset:
 *
 * Forgets everything heard, including the noise estimate, to follow a new stream.
 */
void
mado_voice_activity_reset (MadoVoiceActivity *self)
{
  g_return_if_fail (MADO_IS_VOICE_ACTIVITY (self));

  self->position = 0;
  self->speech_start = 0;
  self->speech_end = 0;
  self->end_detected_at = 0;
  self->high_pass = (BiquadMemory) { 0 };
  self->low_pass = (BiquadMemory) { 0 };
  self->frame_sum = 0.0;
  self->frame_fill = 0;
  self->frames_seen = 0;
  self->noise_db = QUIETEST_DB;
  self->spread_db = 0.0;
  self->onset_bits = 0;
  self->silent_frames = 0;
  self->previous_frame_loud = FALSE;
  set_state (self, MADO_VOICE_ACTIVITY_WAITING);
}

MadoVoiceActivityState
mado_voice_activity_get_state (MadoVoiceActivity *self)
{
  g_return_val_if_fail (MADO_IS_VOICE_ACTIVITY (self), MADO_VOICE_ACTIVITY_WAITING);

  return self->state;
}

/**
 * mado_voice_activity_get_position:
 *
 * Returns: how many samples have been taken in since the last reset.
 */
guint64
mado_voice_activity_get_position (MadoVoiceActivity *self)
{
  g_return_val_if_fail (MADO_IS_VOICE_ACTIVITY (self), 0);

  return self->position;
}

/**
 * mado_voice_activity_get_speech_start:
 *
 * Returns: where the speech begins, pre-roll included; 0 while waiting.
 */
guint64
mado_voice_activity_get_speech_start (MadoVoiceActivity *self)
{
  g_return_val_if_fail (MADO_IS_VOICE_ACTIVITY (self), 0);

  return self->speech_start;
}

/**
 * mado_voice_activity_get_speech_end:
 *
 * Returns: where the last sound taken as speech ends, so far; 0 while waiting.
 */
guint64
mado_voice_activity_get_speech_end (MadoVoiceActivity *self)
{
  g_return_val_if_fail (MADO_IS_VOICE_ACTIVITY (self), 0);

  return self->speech_end;
}

/**
 * mado_voice_activity_get_end_detected_at:
 *
 * Returns: the position at which the end of speech was decided, end-silence after
 *   mado_voice_activity_get_speech_end(); 0 until then.
 */
guint64
mado_voice_activity_get_end_detected_at (MadoVoiceActivity *self)
{
  g_return_val_if_fail (MADO_IS_VOICE_ACTIVITY (self), 0);

  return self->end_detected_at;
}

guint
mado_voice_activity_get_end_silence (MadoVoiceActivity *self)
{
  g_return_val_if_fail (MADO_IS_VOICE_ACTIVITY (self), 0);

  return self->end_silence_ms;
}

/**
 * mado_voice_activity_set_end_silence:
 * @milliseconds: at least 10; shorter pauses inside a sentence than this do not end it
 */
void
mado_voice_activity_set_end_silence (MadoVoiceActivity *self,
                                     guint              milliseconds)
{
  g_return_if_fail (MADO_IS_VOICE_ACTIVITY (self));
  g_return_if_fail (milliseconds >= FRAME_MS);

  if (self->end_silence_ms == milliseconds)
    return;

  self->end_silence_ms = milliseconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_END_SILENCE]);
}

guint
mado_voice_activity_get_pre_roll (MadoVoiceActivity *self)
{
  g_return_val_if_fail (MADO_IS_VOICE_ACTIVITY (self), 0);

  return self->pre_roll_ms;
}

void
mado_voice_activity_set_pre_roll (MadoVoiceActivity *self,
                                  guint              milliseconds)
{
  g_return_if_fail (MADO_IS_VOICE_ACTIVITY (self));

  if (self->pre_roll_ms == milliseconds)
    return;

  self->pre_roll_ms = milliseconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRE_ROLL]);
}

static void
mado_voice_activity_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  MadoVoiceActivity *self = MADO_VOICE_ACTIVITY (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_END_SILENCE:
      g_value_set_uint (value, self->end_silence_ms);
      break;
    case PROP_PRE_ROLL:
      g_value_set_uint (value, self->pre_roll_ms);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mado_voice_activity_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  MadoVoiceActivity *self = MADO_VOICE_ACTIVITY (object);

  switch (prop_id)
    {
    case PROP_END_SILENCE:
      mado_voice_activity_set_end_silence (self, g_value_get_uint (value));
      break;
    case PROP_PRE_ROLL:
      mado_voice_activity_set_pre_roll (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mado_voice_activity_class_init (MadoVoiceActivityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = mado_voice_activity_get_property;
  object_class->set_property = mado_voice_activity_set_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, MADO_TYPE_VOICE_ACTIVITY_STATE, MADO_VOICE_ACTIVITY_WAITING,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_END_SILENCE] =
    g_param_spec_uint ("end-silence", NULL, NULL, FRAME_MS, G_MAXUINT, DEFAULT_END_SILENCE_MS,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PRE_ROLL] =
    g_param_spec_uint ("pre-roll", NULL, NULL, 0, G_MAXUINT, DEFAULT_PRE_ROLL_MS,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  high_pass_filter = make_butterworth (150.0, TRUE);
  low_pass_filter = make_butterworth (4000.0, FALSE);
}

static void
mado_voice_activity_init (MadoVoiceActivity *self)
{
  self->end_silence_ms = DEFAULT_END_SILENCE_MS;
  self->pre_roll_ms = DEFAULT_PRE_ROLL_MS;
  self->state = MADO_VOICE_ACTIVITY_WAITING;
  self->noise_db = QUIETEST_DB;
}

/**
 * mado_voice_activity_new:
 *
 * Returns: (transfer full): a detector waiting for speech, with the default end-silence
 *   (300 ms) and pre-roll (300 ms).
 */
MadoVoiceActivity *
mado_voice_activity_new (void)
{
  return g_object_new (MADO_TYPE_VOICE_ACTIVITY, NULL);
}

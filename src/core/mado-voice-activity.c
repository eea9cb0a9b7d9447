/* mado-voice-activity.c: finds where speech starts and ends in 16 kHz sound (pure logic, no I/O)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-voice-activity.h"

#include "mado-spectrum.h"

#include <math.h>
#include <string.h>

#define RATE           16000
#define FRAME_SAMPLES  160      /* 10 ms between analyses */
#define FRAME_MS       10

#define DEFAULT_END_SILENCE_MS 280
#define DEFAULT_PRE_ROLL_MS    300

/* How the detector decides, every 10 ms:
 *
 * - It looks at the spectrum of the last 32 ms, 125 Hz–7.25 kHz, bin by bin against a running
 *   estimate of the noise's spectrum, and scores the frame with the statistical test of Sohn,
 *   Kim and Sung ("A statistical model-based voice activity detector", IEEE Signal Processing
 *   Letters 6(1), 1999): the mean over the bins of the log-likelihood ratio of "speech plus
 *   noise" to "noise alone", with the a-priori SNR estimated decision-directed (Ephraim and
 *   Malah). Quiet sounds that stand out in a few bins, such as the fading end of a word or an
 *   "s" over a fan's hum, score far higher than their share of the total energy would; a
 *   steady noise scores about zero, however loud.
 * - It learns the background from frames about as loud as the noise: its spectrum, how its
 *   frames score and how much their energy strays. A steady hiss scores near zero and hardly
 *   strays; other people talking score all over the place and stray by several dB, so the
 *   thresholds for speech rise with them. The first 200 ms only teach (nobody speaks that
 *   soon after tapping the button). Inside speech, only pauses that have lasted 100 ms teach,
 *   because the edges of words fade into the noise. A background that gets louder for good
 *   (a fan switched on) is caught by the quietest frame of the last three seconds.
 * - Speech starts when most frames of a 100 ms window score high and stand out of the noise
 *   by their energy too: a click or a cough of one or two frames does not start it. The start
 *   is moved back by the pre-roll, because the first consonant is quieter than the vowel
 *   that set the detector off.
 * - Speech ends after end-silence of frames that do not. A single frame in that silence (a
 *   click, a breath) does not restart the count; two in a row do. In noise the quiet ends of
 *   words are lost, so a pause between words looks longer than it is: the silence needed
 *   grows as the signal-to-noise ratio falls and as the background gets less steady, as the
 *   hangover of the AMR codec's detector grows at low SNR. */

/* The analysis. */
#define FFT_SIZE              MADO_SPECTRUM_SIZE  /* 32 ms */
#define FIRST_BIN             4                 /* 125 Hz */
#define LAST_BIN              232               /* 7.25 kHz */
#define N_BINS                (LAST_BIN - FIRST_BIN + 1)
#define PRIOR_SMOOTHING       0.95
#define PRIOR_FLOOR           0.003             /* -25 dB */
#define POSTERIOR_CAP         1e4

/* Learning the background. */
#define INIT_FRAMES           20
#define NOISE_LEARN_RATE      0.05
#define SCORE_LEARN_RATE      0.02
#define SCORE_DEVIATION_CLIP  3.0
#define SCORE_DEVIATION_SLACK 0.1
#define ENERGY_DEVIATION_CLIP_DB 6.0
#define INITIAL_ENERGY_SPREAD_DB 1.0
#define NOISE_LIKE_SPREADS    2.0
#define NOISE_LIKE_SLACK_DB   1.0
#define SETTLE_FRAMES         10
#define MINIMUM_BLOCKS        10
#define MINIMUM_BLOCK_FRAMES  30
#define MINIMUM_MARGIN_DB     3.0
#define MINIMUM_BIAS_DB       1.5

/* Deciding. Thresholds are the larger of a fixed score and the background's typical score
 * plus so many times its spread; the energy must stand out by so many times its spread. */
#define ONSET_SCORE           0.8
#define ONSET_SPREADS         6.0
#define ONSET_ENERGY_SPREADS  3.0
#define ONSET_WINDOW_FRAMES   10
#define ONSET_FRAMES_NEEDED   6
#define SUSTAIN_SCORE         0.15
#define SUSTAIN_SPREADS       2.0
#define SUSTAIN_ENERGY_SPREADS 1.0
/* Quieter than this is not speech near the microphone, whatever the noise: in digital
 * silence or a very quiet room any faint sound would otherwise stand out. */
#define MIN_ONSET_DBFS        -55.0
#define MIN_SUSTAIN_DBFS      -80.0
#define NOISE_FLOOR_DBFS      -90.0
#define QUIETEST_DB           -120.0

/* The end-silence's allowance for noise: up to 150 ms as the SNR falls below 30 dB, and up to
 * 150 ms more as the background's energy strays by more than 1 dB. */
#define SPEECH_LEVEL_RATE     0.05
#define ALLOWANCE_FULL_SNR_DB 30.0
#define ALLOWANCE_MS_PER_DB   6.0
#define ALLOWANCE_STEADY_SPREAD_DB 1.0
#define ALLOWANCE_MS_PER_SPREAD_DB 180.0
#define ALLOWANCE_MAX_MS      150.0

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

  /* The last FFT_SIZE samples, oldest at history_index once full. */
  double                  history[FFT_SIZE];
  guint                   history_index;
  guint                   hop_fill;
  guint64                 frames_seen;

  double                  noise_power[N_BINS];
  double                  floor_power;
  double                  previous_clean_ratio[N_BINS];
  double                  noise_db;
  double                  speech_db;
  double                  energy_spread_db;
  double                  noise_score;
  double                  noise_score_spread;
  guint                   noise_scores_learnt;
  double                  block_minimum[MINIMUM_BLOCKS];

  /* Which of the last ONSET_WINDOW_FRAMES frames scored as an onset, newest in bit 0; then,
   * while speaking, the run of silent frames and whether the last frame scored as speech. */
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

static double
power_to_dbfs (double power)
{
  return MAX (mado_spectrum_to_dbfs (power), QUIETEST_DB);
}

/* The quietest frame of the last MINIMUM_BLOCKS × MINIMUM_BLOCK_FRAMES, kept block by block. */
static void
track_minimum (MadoVoiceActivity *self,
               double             energy_db)
{
  guint block = (guint) ((self->frames_seen / MINIMUM_BLOCK_FRAMES) % MINIMUM_BLOCKS);

  if (self->frames_seen % MINIMUM_BLOCK_FRAMES == 0)
    self->block_minimum[block] = energy_db;
  else
    self->block_minimum[block] = MIN (self->block_minimum[block], energy_db);
}

static double
recent_minimum (MadoVoiceActivity *self)
{
  guint filled = (guint) MIN ((self->frames_seen + MINIMUM_BLOCK_FRAMES - 1) / MINIMUM_BLOCK_FRAMES, MINIMUM_BLOCKS);
  double minimum = G_MAXDOUBLE;

  for (guint b = 0; b < filled; b++)
    minimum = MIN (minimum, self->block_minimum[b]);

  return minimum;
}

static void
update_noise_db (MadoVoiceActivity *self)
{
  double total = 0.0;

  for (guint k = 0; k < N_BINS; k++)
    total += self->noise_power[k];
  self->noise_db = power_to_dbfs (total);
}

/* Moves the noise spectrum towards this frame's by @rate (1 replaces it). */
static void
learn_noise (MadoVoiceActivity *self,
             const double      *power,
             double             rate)
{
  for (guint k = 0; k < N_BINS; k++)
    self->noise_power[k] = MAX (self->noise_power[k] + rate * (power[k] - self->noise_power[k]), self->floor_power);
  update_noise_db (self);
}

/* When no frame of the last three seconds was as quiet as the noise estimate, the background
 * got louder (a fan switched on) and the estimate is too low: it is raised to where the
 * quietest frame says the noise now is. Speech always has quieter moments than that. The
 * quietest of 300 frames of steady noise lies about MINIMUM_BIAS_DB below their mean. */
static void
catch_up_with_louder_noise (MadoVoiceActivity *self)
{
  double excess_db = recent_minimum (self) - self->noise_db;

  if (self->frames_seen < MINIMUM_BLOCKS * MINIMUM_BLOCK_FRAMES || excess_db < MINIMUM_MARGIN_DB)
    return;

  for (guint k = 0; k < N_BINS; k++)
    self->noise_power[k] *= pow (10.0, (excess_db + MINIMUM_BIAS_DB) / 10.0);
  update_noise_db (self);
}

/* The mean log-likelihood ratio over the bins (Sohn et al.): about 0 for noise alone. */
static double
score_frame (MadoVoiceActivity *self,
             const double      *power)
{
  double sum = 0.0;

  for (guint k = 0; k < N_BINS; k++)
    {
      double posterior = MIN (power[k] / self->noise_power[k], POSTERIOR_CAP);
      double prior = PRIOR_SMOOTHING * self->previous_clean_ratio[k]
                   + (1.0 - PRIOR_SMOOTHING) * MAX (posterior - 1.0, 0.0);
      double gain;

      prior = MAX (prior, PRIOR_FLOOR);
      gain = prior / (1.0 + prior);
      sum += posterior * gain - log1p (prior);
      self->previous_clean_ratio[k] = gain * gain * posterior;
    }

  return sum / N_BINS;
}

/* Learns how a frame of this background scores, and how far its energy strays from the
 * noise's. A frame far from what is known counts as if it were only somewhat far, so one odd
 * frame cannot teach that the background is wild. */
static void
learn_noise_score (MadoVoiceActivity *self,
                   double             score,
                   double             energy_db)
{
  double rate = MAX (1.0 / ++self->noise_scores_learnt, SCORE_LEARN_RATE);
  double deviation = fabs (score - self->noise_score);
  double energy_deviation = MIN (fabs (energy_db - self->noise_db), ENERGY_DEVIATION_CLIP_DB);

  self->energy_spread_db += rate * (energy_deviation - self->energy_spread_db);

  deviation = MIN (deviation, SCORE_DEVIATION_CLIP * self->noise_score_spread + SCORE_DEVIATION_SLACK);
  self->noise_score += rate * (CLAMP (score, self->noise_score - deviation, self->noise_score + deviation) - self->noise_score);
  self->noise_score_spread += rate * (deviation - self->noise_score_spread);
}

static void
learn_from_noise (MadoVoiceActivity *self,
                  const double      *power,
                  gboolean           loud,
                  double             score,
                  double             energy_db)
{
  /* A frame that scores as speech still teaches how noise scores, but its spectrum is left
   * out of the noise's. */
  if (!loud)
    learn_noise (self, power, NOISE_LEARN_RATE);
  learn_noise_score (self, score, energy_db);
}

static double
onset_score (MadoVoiceActivity *self)
{
  return MAX (ONSET_SCORE, self->noise_score + ONSET_SPREADS * self->noise_score_spread);
}

static double
sustain_score (MadoVoiceActivity *self)
{
  return MAX (SUSTAIN_SCORE, self->noise_score + SUSTAIN_SPREADS * self->noise_score_spread);
}

/* In noise, the quiet ends of words are lost in it; the end-silence grows to match. */
static guint
noise_allowance_ms (MadoVoiceActivity *self)
{
  double snr = self->speech_db - self->noise_db;
  double for_snr = CLAMP ((ALLOWANCE_FULL_SNR_DB - snr) * ALLOWANCE_MS_PER_DB, 0.0, ALLOWANCE_MAX_MS);
  double for_spread = CLAMP ((self->energy_spread_db - ALLOWANCE_STEADY_SPREAD_DB) * ALLOWANCE_MS_PER_SPREAD_DB,
                             0.0, ALLOWANCE_MAX_MS);

  return (guint) (for_snr + for_spread);
}

static void
start_speaking (MadoVoiceActivity *self,
                double             energy_db)
{
  /* The onset is the centre of the oldest frame of the window that scored as one. */
  guint oldest = ONSET_WINDOW_FRAMES - 1;
  guint64 pre_roll = (guint64) self->pre_roll_ms * RATE / 1000;
  guint64 onset;

  while ((self->onset_bits & (1u << oldest)) == 0)
    oldest--;
  onset = self->position - MIN (self->position, (guint64) oldest * FRAME_SAMPLES + FFT_SIZE / 2);

  self->speech_start = onset > pre_roll ? onset - pre_roll : 0;
  self->speech_end = self->position;
  self->speech_db = energy_db;
  self->silent_frames = 0;
  self->previous_frame_loud = TRUE;
  set_state (self, MADO_VOICE_ACTIVITY_SPEAKING);
}

static void
handle_frame (MadoVoiceActivity *self,
              const double      *power)
{
  double total = 0.0;
  double energy_db;
  double score;
  gboolean onset;
  gboolean loud;
  gboolean noise_like;

  for (guint k = 0; k < N_BINS; k++)
    total += power[k];
  /* Digital silence counts as the quietest noise a microphone gives, so that silence and
   * near-silence look alike. */
  energy_db = MAX (power_to_dbfs (total), NOISE_FLOOR_DBFS);
  track_minimum (self, energy_db);

  /* The first frames only teach the noise. */
  if (self->frames_seen++ < INIT_FRAMES)
    {
      learn_noise (self, power, 1.0 / self->frames_seen);
      score_frame (self, power);
      return;
    }

  catch_up_with_louder_noise (self);
  score = score_frame (self, power);
  onset = score > onset_score (self) && energy_db > MIN_ONSET_DBFS
        && energy_db > self->noise_db + ONSET_ENERGY_SPREADS * self->energy_spread_db;
  loud = score > sustain_score (self) && energy_db > MIN_SUSTAIN_DBFS
       && energy_db > self->noise_db + SUSTAIN_ENERGY_SPREADS * self->energy_spread_db;
  /* Only frames about as loud as the noise teach what the noise is like, whatever they
   * score: the first syllable, louder than that, cannot teach that speech is noise. */
  noise_like = energy_db < self->noise_db + NOISE_LIKE_SPREADS * self->energy_spread_db + NOISE_LIKE_SLACK_DB;

  switch (self->state)
    {
    case MADO_VOICE_ACTIVITY_WAITING:
      self->onset_bits = ((self->onset_bits << 1) | (onset ? 1 : 0)) & ((1u << ONSET_WINDOW_FRAMES) - 1);
      if (noise_like)
        learn_from_noise (self, power, loud, score, energy_db);
      if (count_bits (self->onset_bits) >= ONSET_FRAMES_NEEDED)
        start_speaking (self, energy_db);
      break;

    case MADO_VOICE_ACTIVITY_SPEAKING:
      if (loud && self->previous_frame_loud)
        {
          self->silent_frames = 0;
          self->speech_end = self->position - FFT_SIZE / 2;
        }
      else
        {
          self->silent_frames++;
          /* The edges of words fade into the noise; only well into a pause is it noise alone. */
          if (self->silent_frames > SETTLE_FRAMES && noise_like)
            learn_from_noise (self, power, loud, score, energy_db);
        }
      self->previous_frame_loud = loud;
      if (loud)
        self->speech_db += SPEECH_LEVEL_RATE * (energy_db - self->speech_db);

      if (self->silent_frames * FRAME_MS >= self->end_silence_ms + noise_allowance_ms (self))
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

static void
analyse (MadoVoiceActivity *self)
{
  double power[N_BINS];

  mado_spectrum_power (self->history, self->history_index, FIRST_BIN, LAST_BIN, power);
  handle_frame (self, power);
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
      self->history[self->history_index] = samples[i];
      self->history_index = (self->history_index + 1) % FFT_SIZE;
      self->position++;
      /* The first analysis waits for a full window; then one every 10 ms. */
      if (++self->hop_fill == FRAME_SAMPLES && self->position >= FFT_SIZE)
        analyse (self);
      if (self->hop_fill == FRAME_SAMPLES)
        self->hop_fill = 0;
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
  memset (self->history, 0, sizeof self->history);
  self->history_index = 0;
  self->hop_fill = 0;
  self->frames_seen = 0;
  memset (self->noise_power, 0, sizeof self->noise_power);
  memset (self->previous_clean_ratio, 0, sizeof self->previous_clean_ratio);
  self->noise_db = QUIETEST_DB;
  self->speech_db = QUIETEST_DB;
  self->noise_score = 0.0;
  self->noise_score_spread = 0.0;
  self->energy_spread_db = INITIAL_ENERGY_SPREAD_DB;
  self->noise_scores_learnt = 0;
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
 *
 * In quiet surroundings speech ends after this much silence. In noise the detector waits up
 * to 300 ms longer, since the quiet ends of words are lost in the noise and pauses between
 * words look longer than they are.
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

}

static void
mado_voice_activity_init (MadoVoiceActivity *self)
{
  self->end_silence_ms = DEFAULT_END_SILENCE_MS;
  self->pre_roll_ms = DEFAULT_PRE_ROLL_MS;
  self->state = MADO_VOICE_ACTIVITY_WAITING;
  self->noise_db = QUIETEST_DB;
  self->speech_db = QUIETEST_DB;
  self->floor_power = mado_spectrum_bin_power_of (NOISE_FLOOR_DBFS);
}

/**
 * mado_voice_activity_new:
 *
 * Returns: (transfer full): a detector waiting for speech, with the default end-silence
 *   (280 ms) and pre-roll (300 ms).
 */
MadoVoiceActivity *
mado_voice_activity_new (void)
{
  return g_object_new (MADO_TYPE_VOICE_ACTIVITY, NULL);
}

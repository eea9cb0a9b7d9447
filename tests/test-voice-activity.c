/* test-voice-activity.c: the end-of-speech detector on speech synthesised at test time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-speech-corpus.h"
#include "mado-voice-activity.h"

#include <math.h>
#include <string.h>

#define SAMPLES_PER_MS (MADO_CORPUS_RATE / 1000)
/* The product's target: the end is decided at most this long after the speaker stops. */
#define TARGET_END_DELAY_MS 400

/* The corpus takes a second or two to synthesise; every test shares it. */
static GPtrArray *corpus;

static GPtrArray *
get_corpus (void)
{
  if (corpus == NULL)
    {
      g_autoptr(GError) error = NULL;

      corpus = mado_speech_corpus_new (&error);
      g_assert_no_error (error);
      g_assert_nonnull (corpus);
    }

  return corpus;
}

static gboolean
is_steady_noise (const MadoCorpusClip *clip)
{
  return strcmp (clip->noise, "white") == 0 || strcmp (clip->noise, "pink") == 0;
}

static const MadoCorpusClip *
find_clip (const char *language,
           const char *noise,
           double      snr_db)
{
  GPtrArray *clips = get_corpus ();

  for (guint i = 0; i < clips->len; i++)
    {
      const MadoCorpusClip *clip = g_ptr_array_index (clips, i);

      if (clip->has_speech && strcmp (clip->language, language) == 0 && strcmp (clip->noise, noise) == 0 &&
          (clip->snr_db == snr_db || (isinf (clip->snr_db) && isinf (snr_db))))
        return clip;
    }

  g_error ("The corpus has no %s clip with %s noise at %.0f dB", language, noise, snr_db);
}

static double
ms_of (gssize samples)
{
  return (double) samples / SAMPLES_PER_MS;
}

static void
test_clean_speech_ends_in_time (void)
{
  GPtrArray *clips = get_corpus ();
  g_autoptr(MadoVoiceActivity) detector = mado_voice_activity_new ();
  guint clean = 0;
  guint in_time = 0;

  for (guint i = 0; i < clips->len; i++)
    {
      const MadoCorpusClip *clip = g_ptr_array_index (clips, i);
      MadoCorpusOutcome outcome;

      if (!clip->has_speech || !isinf (clip->snr_db))
        continue;

      clean++;
      outcome = mado_speech_corpus_detect (clip, detector);
      g_test_message ("%s: end decided %+.0f ms after the speech", clip->name,
                      outcome.ended ? ms_of ((gssize) outcome.end_decided - (gssize) clip->speech_end) : NAN);
      g_assert_true (outcome.started);
      g_assert_true (outcome.ended);
      /* Never before the speaker has finished. */
      g_assert_cmpuint (outcome.end_decided, >=, clip->speech_end);
      if (outcome.end_decided <= clip->speech_end + TARGET_END_DELAY_MS * SAMPLES_PER_MS)
        in_time++;
    }

  /* Every language, synthesiser and speech level is in the clean set. */
  g_assert_cmpuint (clean, >=, 12);
  /* "Most": nine in ten. */
  g_assert_cmpuint (in_time * 10, >=, clean * 9);
}

/* Clean speech, and speech in white, pink and babble noise at 10 dB SNR or better: the
 * detector hears it, and never decides it has ended before the speaker has, though the
 * utterances have pauses of up to 250 ms between phrases. */
static void
test_no_cut_off_at_10_db (void)
{
  GPtrArray *clips = get_corpus ();
  g_autoptr(MadoVoiceActivity) detector = mado_voice_activity_new ();
  guint checked = 0;
  guint longest_pause = 0;

  for (guint i = 0; i < clips->len; i++)
    {
      const MadoCorpusClip *clip = g_ptr_array_index (clips, i);
      MadoCorpusOutcome outcome;

      if (!clip->has_speech || clip->snr_db < 10.0)
        continue;

      checked++;
      longest_pause = MAX (longest_pause, clip->longest_pause);
      outcome = mado_speech_corpus_detect (clip, detector);
      if (!outcome.started)
        g_error ("%s: no speech heard", clip->name);
      if (outcome.ended && outcome.end_decided < clip->speech_end)
        g_error ("%s: cut off %.0f ms before the speaker finished", clip->name,
                 ms_of ((gssize) clip->speech_end - (gssize) outcome.end_decided));
    }

  g_test_message ("%u clips; the longest pause inside an utterance is %.0f ms", checked, ms_of (longest_pause));
  /* Fourteen utterances, clean and in three noises at two SNRs. */
  g_assert_cmpuint (checked, ==, 14 * 7);
  /* The corpus does test pauses between phrases, not just single words. */
  g_assert_cmpfloat (ms_of (longest_pause), >=, 200.0);
}

/* The first syllable is not cut: the pre-roll reaches back to the first sound of speech, and
 * not much further. */
static void
test_pre_roll_keeps_the_first_syllable (void)
{
  GPtrArray *clips = get_corpus ();
  g_autoptr(MadoVoiceActivity) detector = mado_voice_activity_new ();
  guint pre_roll = mado_voice_activity_get_pre_roll (detector) * SAMPLES_PER_MS;

  g_assert_cmpuint (mado_voice_activity_get_pre_roll (detector), ==, 300);

  for (guint i = 0; i < clips->len; i++)
    {
      const MadoCorpusClip *clip = g_ptr_array_index (clips, i);
      MadoCorpusOutcome outcome;

      if (!clip->has_speech || clip->snr_db < 10.0 || !(isinf (clip->snr_db) || is_steady_noise (clip)))
        continue;

      outcome = mado_speech_corpus_detect (clip, detector);
      g_assert_true (outcome.started);
      if (outcome.start > clip->speech_start)
        g_error ("%s: the utterance starts %.0f ms into the speech", clip->name,
                 ms_of ((gssize) outcome.start - (gssize) clip->speech_start));
      /* The onset is heard within the first syllable, so the start is at most the pre-roll
       * and a 32 ms analysis window before the speech. */
      g_assert_cmpuint (outcome.start + pre_roll + 32 * SAMPLES_PER_MS, >=, clip->speech_start);
    }

  /* Without a pre-roll the start is the onset itself, inside the speech. */
  mado_voice_activity_set_pre_roll (detector, 0);
  {
    const MadoCorpusClip *clip = find_clip ("es", "none", INFINITY);
    MadoCorpusOutcome outcome = mado_speech_corpus_detect (clip, detector);

    g_assert_cmpuint (outcome.start + 32 * SAMPLES_PER_MS, >=, clip->speech_start);
  }
}

static void
test_silence_never_triggers (void)
{
  GPtrArray *clips = get_corpus ();
  g_autoptr(MadoVoiceActivity) detector = mado_voice_activity_new ();
  g_autofree gint16 *zeros = g_new0 (gint16, 60 * MADO_CORPUS_RATE);
  guint silent_clips = 0;

  for (guint i = 0; i < clips->len; i++)
    {
      const MadoCorpusClip *clip = g_ptr_array_index (clips, i);

      if (!clip->is_silence)
        continue;

      silent_clips++;
      g_assert_false (mado_speech_corpus_detect (clip, detector).started);
    }
  g_assert_cmpuint (silent_clips, ==, 2);

  /* A minute of digital silence, in one piece. */
  mado_voice_activity_reset (detector);
  g_assert_cmpint (mado_voice_activity_feed (detector, zeros, 60 * MADO_CORPUS_RATE), ==, MADO_VOICE_ACTIVITY_WAITING);
  g_assert_cmpuint (mado_voice_activity_get_position (detector), ==, 60 * MADO_CORPUS_RATE);
}

/* Steady hiss and hum at any level, and the murmur of a crowd with nobody near the
 * microphone, are not speech. */
static void
test_noise_alone_never_triggers (void)
{
  GPtrArray *clips = get_corpus ();
  g_autoptr(MadoVoiceActivity) detector = mado_voice_activity_new ();
  guint noise_clips = 0;

  for (guint i = 0; i < clips->len; i++)
    {
      const MadoCorpusClip *clip = g_ptr_array_index (clips, i);
      MadoCorpusOutcome outcome;

      if (clip->has_speech)
        continue;

      noise_clips++;
      outcome = mado_speech_corpus_detect (clip, detector);
      if (outcome.started)
        g_error ("%s: speech heard at %.0f ms", clip->name, ms_of ((gssize) outcome.start));
    }
  g_assert_cmpuint (noise_clips, ==, 11);
}

/* The same sound fed in any pieces gives the same answers to the sample. */
static void
test_any_piece_size (void)
{
  const MadoCorpusClip *clip = find_clip ("th", "pink", 10.0);
  g_autoptr(MadoVoiceActivity) detector = mado_voice_activity_new ();
  const gsize piece_sizes[] = { 1, 7, 160, 320, 1000 };
  MadoCorpusOutcome whole;
  gsize length;
  const gint16 *samples = mado_audio_buffer_get_samples (clip->audio, &length);

  g_assert_true (clip->has_speech);
  g_assert_cmpint (mado_voice_activity_feed (detector, samples, length), ==, MADO_VOICE_ACTIVITY_ENDED);
  whole.start = mado_voice_activity_get_speech_start (detector);
  whole.end_decided = mado_voice_activity_get_end_detected_at (detector);
  /* After the end, nothing more is taken in. */
  g_assert_cmpuint (mado_voice_activity_get_position (detector), ==, whole.end_decided);
  g_assert_cmpuint (mado_voice_activity_get_speech_end (detector), <, whole.end_decided);
  g_assert_cmpint (mado_voice_activity_feed (detector, samples, 1000), ==, MADO_VOICE_ACTIVITY_ENDED);
  g_assert_cmpuint (mado_voice_activity_get_position (detector), ==, whole.end_decided);

  for (guint p = 0; p < G_N_ELEMENTS (piece_sizes); p++)
    {
      mado_voice_activity_reset (detector);
      g_assert_cmpuint (mado_voice_activity_get_position (detector), ==, 0);
      g_assert_cmpint (mado_voice_activity_get_state (detector), ==, MADO_VOICE_ACTIVITY_WAITING);
      for (gsize offset = 0; offset < length; offset += piece_sizes[p])
        mado_voice_activity_feed (detector, samples + offset, MIN (piece_sizes[p], length - offset));

      g_assert_cmpuint (mado_voice_activity_get_speech_start (detector), ==, whole.start);
      g_assert_cmpuint (mado_voice_activity_get_end_detected_at (detector), ==, whole.end_decided);
    }
}

/* A longer end-silence waits that much longer; a shorter one ends sooner. */
static void
test_end_silence_is_configurable (void)
{
  const MadoCorpusClip *clip = find_clip ("en", "none", INFINITY);
  g_autoptr(MadoVoiceActivity) detector = mado_voice_activity_new ();
  MadoCorpusOutcome standard;
  MadoCorpusOutcome patient;

  g_assert_cmpuint (mado_voice_activity_get_end_silence (detector), ==, 280);

  standard = mado_speech_corpus_detect (clip, detector);
  g_object_set (detector, "end-silence", 900, NULL);
  g_assert_cmpuint (mado_voice_activity_get_end_silence (detector), ==, 900);
  patient = mado_speech_corpus_detect (clip, detector);

  g_assert_true (standard.ended && patient.ended);
  g_assert_cmpuint (patient.end_decided - standard.end_decided, ==, (900 - 280) * SAMPLES_PER_MS);
  g_assert_cmpuint (patient.start, ==, standard.start);
}

/* A background that gets much louder for good while someone is speaking (a fan switched on
 * next to the tablet) does not keep the utterance going until the recording's time limit. */
static void
test_louder_background_is_learnt (void)
{
  const MadoCorpusClip *clip = find_clip ("en", "none", INFINITY);
  g_autoptr(MadoVoiceActivity) detector = mado_voice_activity_new ();
  gsize length;
  const gint16 *speech = mado_audio_buffer_get_samples (clip->audio, &length);
  gsize step = clip->speech_end - 100 * SAMPLES_PER_MS;
  gsize total = step + 10 * MADO_CORPUS_RATE;
  g_autofree gint16 *samples = g_new0 (gint16, total);
  g_autoptr(GRand) random = g_rand_new_with_seed (77);

  /* Quiet hiss, the speech, and from shortly before its end a hiss 40 dB louder, -25 dBFS. */
  for (gsize i = 0; i < total; i++)
    {
      double hiss = g_rand_double_range (random, -1.0, 1.0) * G_SQRT2 * (i < step ? 18.0 : 1800.0);

      samples[i] = (gint16) CLAMP (lround ((i < length ? speech[i] : 0) + hiss), G_MININT16, G_MAXINT16);
    }

  mado_voice_activity_feed (detector, samples, total);
  g_assert_cmpint (mado_voice_activity_get_state (detector), ==, MADO_VOICE_ACTIVITY_ENDED);
  g_test_message ("ended %.0f ms after the noise got louder",
                  ms_of ((gssize) mado_voice_activity_get_end_detected_at (detector) - (gssize) step));
  /* Three seconds to be sure the noise is there to stay, and then the end-silence. */
  g_assert_cmpuint (mado_voice_activity_get_end_detected_at (detector), <=, step + 4 * MADO_CORPUS_RATE);
  g_assert_cmpuint (mado_voice_activity_get_end_detected_at (detector), >=, clip->speech_end);
}

static void
count_notification (GObject    *object,
                    GParamSpec *pspec,
                    gpointer    user_data)
{
  GArray *states = user_data;
  MadoVoiceActivityState state = mado_voice_activity_get_state (MADO_VOICE_ACTIVITY (object));

  g_array_append_val (states, state);
}

static void
test_state_notifications (void)
{
  const MadoCorpusClip *clip = find_clip ("ko", "white", 20.0);
  g_autoptr(MadoVoiceActivity) detector = mado_voice_activity_new ();
  g_autoptr(GArray) states = g_array_new (FALSE, FALSE, sizeof (MadoVoiceActivityState));
  MadoVoiceActivityState state;

  g_signal_connect (detector, "notify::state", G_CALLBACK (count_notification), states);
  mado_speech_corpus_detect (clip, detector);
  g_object_get (detector, "state", &state, NULL);
  g_assert_cmpint (state, ==, MADO_VOICE_ACTIVITY_ENDED);

  g_assert_cmpuint (states->len, ==, 2);
  g_assert_cmpint (g_array_index (states, MadoVoiceActivityState, 0), ==, MADO_VOICE_ACTIVITY_SPEAKING);
  g_assert_cmpint (g_array_index (states, MadoVoiceActivityState, 1), ==, MADO_VOICE_ACTIVITY_ENDED);

  mado_voice_activity_reset (detector);
  g_assert_cmpuint (states->len, ==, 3);
  g_assert_cmpint (g_array_index (states, MadoVoiceActivityState, 2), ==, MADO_VOICE_ACTIVITY_WAITING);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/madoguchi/voice-activity/clean-speech-ends-in-time", test_clean_speech_ends_in_time);
  g_test_add_func ("/madoguchi/voice-activity/no-cut-off-at-10-db", test_no_cut_off_at_10_db);
  g_test_add_func ("/madoguchi/voice-activity/pre-roll-keeps-the-first-syllable", test_pre_roll_keeps_the_first_syllable);
  g_test_add_func ("/madoguchi/voice-activity/silence-never-triggers", test_silence_never_triggers);
  g_test_add_func ("/madoguchi/voice-activity/noise-alone-never-triggers", test_noise_alone_never_triggers);
  g_test_add_func ("/madoguchi/voice-activity/any-piece-size", test_any_piece_size);
  g_test_add_func ("/madoguchi/voice-activity/end-silence-is-configurable", test_end_silence_is_configurable);
  g_test_add_func ("/madoguchi/voice-activity/louder-background-is-learnt", test_louder_background_is_learnt);
  g_test_add_func ("/madoguchi/voice-activity/state-notifications", test_state_notifications);

  status = g_test_run ();
  g_clear_pointer (&corpus, g_ptr_array_unref);

  return status;
}

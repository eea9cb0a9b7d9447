/* bench-vad.c: how soon, and how safely, the detector hears the end of speech
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-speech-corpus.h"
#include "mado-voice-activity.h"
#include "mado-test-utils.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MS(samples) ((double) (samples) * 1000.0 / MADO_CORPUS_RATE)

typedef struct {
  GArray *delays_ms;    /* end decided − true end, for every clip where the end was heard */
  guint   clips;
  guint   cut_off;      /* end decided before the true end */
  guint   never_ended;
  guint   missed;       /* no speech heard at all */
  guint   late_start;   /* the utterance would start after the first sound of speech */
} Tally;

static void
tally_clear (Tally *tally)
{
  g_clear_pointer (&tally->delays_ms, g_array_unref);
}

static double
percentile (GArray *values,
            double  fraction)
{
  if (values->len == 0)
    return NAN;

  g_array_sort (values, mado_test_compare_doubles);
  return g_array_index (values, double, (guint) MIN (values->len - 1, floor (fraction * values->len)));
}

static void
count (Tally                   *tally,
       const MadoCorpusClip    *clip,
       const MadoCorpusOutcome *outcome)
{
  if (tally->delays_ms == NULL)
    tally->delays_ms = g_array_new (FALSE, FALSE, sizeof (double));

  tally->clips++;
  if (!outcome->started)
    {
      tally->missed++;
      return;
    }
  if (outcome->start > clip->speech_start)
    tally->late_start++;
  if (!outcome->ended)
    {
      tally->never_ended++;
      return;
    }
  if (outcome->end_decided < clip->speech_end)
    tally->cut_off++;
  else
    {
      double delay = MS (outcome->end_decided - clip->speech_end);

      g_array_append_val (tally->delays_ms, delay);
    }
}

static void
print_tally (const char *suffix,
             Tally      *tally)
{
  if (tally->clips == 0)
    return;

  g_print ("bench: vad-end-delay-p50%s %.0f ms\n", suffix, percentile (tally->delays_ms, 0.5));
  g_print ("bench: vad-end-delay-p95%s %.0f ms\n", suffix, percentile (tally->delays_ms, 0.95));
  g_print ("bench: vad-cutoff-rate%s %.1f %%\n", suffix, 100.0 * tally->cut_off / tally->clips);
  g_print ("bench: vad-no-end-rate%s %.1f %%\n", suffix, 100.0 * tally->never_ended / tally->clips);
  g_print ("bench: vad-missed-rate%s %.1f %%\n", suffix, 100.0 * tally->missed / tally->clips);
  g_print ("bench: vad-late-start-rate%s %.1f %%\n", suffix, 100.0 * tally->late_start / tally->clips);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) corpus = NULL;
  g_autoptr(MadoVoiceActivity) detector = mado_voice_activity_new ();
  g_autoptr(GHashTable) by_condition = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) condition_names = g_ptr_array_new ();
  Tally target = { 0 };
  guint noise_clips = 0;
  guint false_starts = 0;
  gint64 started = g_get_monotonic_time ();
  double detector_seconds = 0.0;
  double audio_seconds = 0.0;
  gboolean verbose = FALSE;

  for (int i = 1; i < argc; i++)
    if (strcmp (argv[i], "-v") == 0)
      verbose = TRUE;
    else if (g_str_has_prefix (argv[i], "--end-silence="))
      mado_voice_activity_set_end_silence (detector, (guint) atoi (argv[i] + strlen ("--end-silence=")));

  corpus = mado_speech_corpus_new (&error);
  if (corpus == NULL)
    g_error ("Could not make the speech corpus: %s", error->message);
  g_print ("Corpus of %u clips made in %.1f s\n", corpus->len, (g_get_monotonic_time () - started) / 1e6);

  for (guint i = 0; i < corpus->len; i++)
    {
      const MadoCorpusClip *clip = g_ptr_array_index (corpus, i);
      gint64 before = g_get_monotonic_time ();
      MadoCorpusOutcome outcome = mado_speech_corpus_detect (clip, detector);
      g_autofree char *condition = NULL;
      Tally *tally;

      detector_seconds += (g_get_monotonic_time () - before) / 1e6;
      audio_seconds += mado_audio_buffer_get_duration (clip->audio);

      if (!clip->has_speech)
        {
          noise_clips++;
          if (outcome.started)
            {
              false_starts++;
              g_print ("false start: %s at %.0f ms\n", clip->name, MS (outcome.start));
            }
          continue;
        }

      if (verbose)
        g_print ("%-60s pause %4.0f  start %+5.0f  end %+5.0f ms%s\n", clip->name, MS (clip->longest_pause),
                 outcome.started ? MS (outcome.start) - MS (clip->speech_start) : NAN,
                 outcome.ended ? MS (outcome.end_decided) - MS (clip->speech_end) : NAN,
                 outcome.ended && outcome.end_decided < clip->speech_end ? "  CUT OFF" : "");

      condition = isinf (clip->snr_db) ? g_strdup ("-clean") : g_strdup_printf ("-%s-%.0fdb", clip->noise, clip->snr_db);
      tally = g_hash_table_lookup (by_condition, condition);
      if (tally == NULL)
        {
          tally = g_new0 (Tally, 1);
          g_ptr_array_add (condition_names, g_strdup (condition));
          g_hash_table_insert (by_condition, g_strdup (condition), tally);
        }
      count (tally, clip, &outcome);
      /* The product's targets hold for clean speech and for noise at 10 dB SNR or better. */
      if (clip->snr_db >= 10.0)
        count (&target, clip, &outcome);
    }

  print_tally ("", &target);
  g_print ("bench: vad-false-start-rate %.1f %%\n", 100.0 * false_starts / MAX (noise_clips, 1));
  for (guint i = 0; i < condition_names->len; i++)
    {
      Tally *tally = g_hash_table_lookup (by_condition, g_ptr_array_index (condition_names, i));

      print_tally (g_ptr_array_index (condition_names, i), tally);
      tally_clear (tally);
    }
  g_print ("bench: vad-speed %.0f x_real_time\n", audio_seconds / detector_seconds);

  for (guint i = 0; i < condition_names->len; i++)
    g_free (g_ptr_array_index (condition_names, i));
  tally_clear (&target);

  return 0;
}

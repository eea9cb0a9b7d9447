/* bench-speech.c: how long speech takes to make and to start playing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-audio-buffer.h"
#include "mado-local-synthesizer.h"
#include "mado-portaudio-output.h"
#include "mado-synthesizer.h"
#include "mado-test-utils.h"
#include "mado-test-utils.h"

#include <glib/gstdio.h>
#include <math.h>

#define RUNS 7

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), mado_test_compare_doubles);

  return values[n / 2];
}

/* Milliseconds from the request to the finished buffer, the delay a resident waits after
 * tapping a phrase; and the speech's length over the time it took to make. For espeak-ng this
 * includes the trip to its worker process and back. */
static void
bench_synthesis (MadoSynthesizer *synthesizer,
                 const char      *name,
                 const char      *text,
                 const char      *language)
{
  double milliseconds[RUNS];
  double speech_seconds = 0;

  for (guint i = 0; i < RUNS; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      g_autoptr(MadoAudioBuffer) speech = mado_synthesizer_synthesize (synthesizer, text, language, NULL, &error);

      g_assert_no_error (error);
      milliseconds[i] = (g_get_monotonic_time () - start) / 1000.0;
      speech_seconds = mado_audio_buffer_get_duration (speech);
    }

  {
    double typical = median (milliseconds, RUNS);

    g_print ("bench: synthesis_%s_latency %.1f ms\n", name, typical);
    g_print ("bench: synthesis_%s_speed %.1f x_real_time\n", name, speech_seconds * 1000.0 / typical);
  }
}

static void
warm_up (MadoSynthesizer *synthesizer,
         const char      *text,
         const char      *language)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoAudioBuffer) speech = mado_synthesizer_synthesize (synthesizer, text, language, NULL, &error);

  g_assert_no_error (error);
}

/* What the first espeak-ng text costs on a new synthesizer: starting the worker process, loading
 * espeak-ng's data and the voice, then speaking. The first text after a crash or a cancellation
 * pays the same, as it starts a new worker. */
static void
bench_worker_cold_start (void)
{
  double milliseconds[RUNS];

  for (guint i = 0; i < RUNS; i++)
    {
      g_autoptr(MadoLocalSynthesizer) fresh = mado_local_synthesizer_new (22050);
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      g_autoptr(MadoAudioBuffer) speech = mado_synthesizer_synthesize (MADO_SYNTHESIZER (fresh), "Welcome.", "en",
                                                                        NULL, &error);

      g_assert_no_error (error);
      milliseconds[i] = (g_get_monotonic_time () - start) / 1000.0;
    }

  g_print ("bench: espeak_worker_cold_start_latency %.1f ms\n", median (milliseconds, RUNS));
}

/* The first can_speak() on a new synthesizer asks a short-lived worker about every voice of the
 * registry; the UI thread waits for that once. */
static void
bench_voice_check (void)
{
  double milliseconds[RUNS];

  for (guint i = 0; i < RUNS; i++)
    {
      g_autoptr(MadoLocalSynthesizer) fresh = mado_local_synthesizer_new (22050);
      gint64 start = g_get_monotonic_time ();

      g_assert_true (mado_synthesizer_can_speak (MADO_SYNTHESIZER (fresh), "en"));
      milliseconds[i] = (g_get_monotonic_time () - start) / 1000.0;
    }

  g_print ("bench: espeak_first_voice_check_latency %.1f ms\n", median (milliseconds, RUNS));
}

/* How long a resident waits for the error when espeak-ng dies on a text: the worker's abort, its
 * reaping, and the error coming back. The text is a word of stacked "'s" suffixes that overflows a
 * buffer in espeak-ng 1.51 (upstream PR #2495); the worker is warm before each run. */
static void
bench_crash_report (MadoSynthesizer *synthesizer)
{
  g_autoptr(GString) crasher = g_string_new (NULL);
  double milliseconds[RUNS];

  for (guint i = 0; i < 110; i++)
    g_string_append (crasher, "s'");

  for (guint i = 0; i < RUNS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MadoAudioBuffer) speech = NULL;
      gint64 start;

      warm_up (synthesizer, "Hello.", "en");
      start = g_get_monotonic_time ();
      speech = mado_synthesizer_synthesize (synthesizer, crasher->str, "en", NULL, &error);
      milliseconds[i] = (g_get_monotonic_time () - start) / 1000.0;
      g_assert_error (error, MADO_SPEECH_ERROR, MADO_SPEECH_ERROR_ENGINE_FAILED);
    }

  g_print ("bench: espeak_crash_report_latency %.1f ms\n", median (milliseconds, RUNS));
}

static void
bench_resampling (void)
{
  const guint rate = 48000;
  gsize n = rate * 10;
  g_autofree gint16 *samples = g_new (gint16, n);
  g_autoptr(MadoAudioBuffer) source = NULL;
  double seconds[RUNS];

  for (gsize i = 0; i < n; i++)
    samples[i] = (gint16) lround (10000.0 * sin (2 * G_PI * 440.0 * i / rate));
  source = mado_audio_buffer_new_take (rate, g_steal_pointer (&samples), n);

  for (guint i = 0; i < RUNS; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(MadoAudioBuffer) converted = mado_audio_buffer_resample (source, 22050);

      seconds[i] = (g_get_monotonic_time () - start) / 1e6;
    }

  g_print ("bench: resample_48k_to_22k %.1f x_real_time\n", 10.0 / median (seconds, RUNS));
}

/* With ALSA's file plugin over null nothing is paced, so the whole playback time of a short
 * buffer is what the player adds before sound: PortAudio's start-up, device lookup, opening. */
static void
bench_playback_overhead (const char *dir)
{
  g_autofree char *speaker = g_build_filename (dir, "speaker.raw", NULL);
  g_autofree char *conf_path = g_build_filename (dir, "speaker.conf", NULL);
  g_autofree char *conf = g_strdup_printf ("pcm.!default { type plug slave { pcm { type file slave.pcm \"null\" "
                                           "file \"%s\" format \"raw\" } format S16_LE rate 22050 channels 1 } }\n",
                                           speaker);
  g_autofree char *search_path = g_strconcat ("/usr/share/alsa/alsa.conf:", conf_path, NULL);
  g_autoptr(MadoPortaudioOutput) output = NULL;
  g_autoptr(MadoAudioBuffer) silence = mado_audio_buffer_new_take (22050, g_new0 (gint16, 2205), 2205);
  double milliseconds[RUNS];

  g_assert_true (g_file_set_contents (conf_path, conf, -1, NULL));
  g_setenv ("ALSA_CONFIG_PATH", search_path, TRUE);
  output = mado_portaudio_output_new (NULL);

  for (guint i = 0; i < RUNS; i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();

      mado_audio_output_play_async (MADO_AUDIO_OUTPUT (output), silence, NULL, mado_test_store_result, &result);
      while (result == NULL)
        g_main_context_iteration (NULL, TRUE);
      g_assert_true (mado_audio_output_play_finish (MADO_AUDIO_OUTPUT (output), result, &error));
      g_assert_no_error (error);
      milliseconds[i] = (g_get_monotonic_time () - start) / 1000.0;
    }

  g_print ("bench: playback_start_overhead %.1f ms\n", median (milliseconds, RUNS));

  g_unlink (speaker);
  g_unlink (conf_path);
}


int
main (void)
{
  g_autoptr(MadoLocalSynthesizer) synthesizer = mado_local_synthesizer_new (22050);
  MadoSynthesizer *s = MADO_SYNTHESIZER (synthesizer);
  g_autofree char *dir = g_dir_make_tmp ("madoguchi-speech-bench-XXXXXX", NULL);

  g_assert_nonnull (dir);

  /* One untimed run each starts the espeak-ng worker and warms the page cache for Open JTalk. */
  warm_up (s, "Hello.", "en");
  warm_up (s, "はい。", "ja");

  bench_synthesis (s, "en_phrase", "Please take a number and wait until it is called.", "en");
  /* A shipped phrase (city-hall/certificates 003) that killed espeak-ng before its Burmese
   * text was made safe for it. */
  bench_synthesis (s, "my_phrase",
                   "ကိုယ်ပိုင်အထောက်အထား စာရွက်စာတမ်း (နေထိုင်ခွင့်ကတ်၊ မိုင်နံပါတ်ကတ်၊ ယာဉ်မောင်းလိုင်စင် စသည်) ကို ပြပေးပါ။",
                   "my");
  bench_synthesis (s, "ja_phrase", "番号札を取って、呼ばれるまでお待ちください。", "ja");
  bench_synthesis (s, "ja_paragraph",
                   "本日は窓口が大変混み合っております。住民票の写しは二階の窓口で受け付けています。"
                   "番号札を取って、呼ばれるまでお待ちください。ご不明な点は係員にお尋ねください。", "ja");
  bench_worker_cold_start ();
  bench_voice_check ();
  bench_crash_report (s);
  bench_resampling ();
  bench_playback_overhead (dir);

  g_rmdir (dir);

  return 0;
}

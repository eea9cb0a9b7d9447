/* test-transcript-guard.c: what recognisers "hear" in silence never reaches the clerk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The transcripts are the ones Whisper writes for silence, as reported in public issue
 * threads (data/asr-block-list.txt names them). The speech is the detector's corpus: phrases
 * espeak-ng and Open JTalk speak at test time, in memory, clean and in noise; silence, hiss
 * and clicks are made here.
 */
#include "mado-transcript-guard.h"

#include "mado-speech-corpus.h"
#include "mado-test-utils.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#define RATE           MADO_CORPUS_RATE
#define SAMPLES_PER_MS (RATE / 1000)

/* The corpus takes a few seconds to synthesise; the speech tests share it. */
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

/* Fails unless @transcript is refused. */
static void
assert_refused (MadoTranscriptGuard *guard,
                const char          *transcript)
{
  g_autofree char *shown = mado_transcript_guard_check (guard, transcript);

  if (shown != NULL)
    g_error ("«%s» was let through as «%s»", transcript, shown);
}

/* Fails unless @transcript is shown as @expected. */
static void
assert_shown (MadoTranscriptGuard *guard,
              const char          *transcript,
              const char          *expected)
{
  g_autofree char *shown = mado_transcript_guard_check (guard, transcript);

  if (shown == NULL)
    g_error ("«%s» was refused", transcript);
  g_assert_cmpstr (shown, ==, expected);
}

static void
test_blocked_phrase_alone (void)
{
  g_autoptr(MadoTranscriptGuard) guard = mado_transcript_guard_new ();
  const char *hallucinations[] = {
    "ご視聴ありがとうございました",
    "Thank you for watching.",
    "Thanks for watching!",
    "Subtitles by the Amara.org community",
    "시청해 주셔서 감사합니다",
    "Hãy subscribe cho kênh Ghiền Mì Gõ Để không bỏ lỡ những video hấp dẫn",
    "请不吝点赞 订阅 转发 打赏支持明镜与点点栏目",
    "Sous-titres réalisés par la communauté d'Amara.org",
    "Gracias por ver el video.",
    "you",
  };

  for (guint i = 0; i < G_N_ELEMENTS (hallucinations); i++)
    assert_refused (guard, hallucinations[i]);
}

/* Whisper repeats itself over a long silence, and mixes its stock sentences. */
static void
test_blocked_phrases_repeated (void)
{
  g_autoptr(MadoTranscriptGuard) guard = mado_transcript_guard_new ();

  assert_refused (guard, "Thanks for watching! Thanks for watching! Thanks for watching!");
  assert_refused (guard, "ご視聴ありがとうございました。ご視聴ありがとうございました。");
  assert_refused (guard, "ご視聴ありがとうございました Thank you for watching.");
  assert_refused (guard, "明镜需要您的支持 欢迎收看订阅明镜 请不吝点赞 订阅 转发 打赏支持明镜与点点栏目");
  assert_refused (guard, "you you you");
}

/* Punctuation, spacing, case and full-width forms do not matter. */
static void
test_blocked_phrase_variants (void)
{
  g_autoptr(MadoTranscriptGuard) guard = mado_transcript_guard_new ();

  assert_refused (guard, "ＴＨＡＮＫ ＹＯＵ ＦＯＲ ＷＡＴＣＨＩＮＧ！");
  assert_refused (guard, "「ご視聴、ありがとうございました！」");
  assert_refused (guard, "  thank you for watching...  \n");
  assert_refused (guard, "THANKS-FOR-WATCHING");
  assert_refused (guard, "시청해주셔서 감사합니다!");
  assert_refused (guard, "¡Gracias por ver el vídeo!");
}

/* A resident may well say these words inside a sentence, or say plain thanks. */
static void
test_blocked_phrase_inside_speech_is_kept (void)
{
  g_autoptr(MadoTranscriptGuard) guard = mado_transcript_guard_new ();

  assert_shown (guard, "Thank you for watching my son yesterday.", "Thank you for watching my son yesterday.");
  assert_shown (guard, "転入届を出したいです。ご視聴ありがとうございました",
                "転入届を出したいです。ご視聴ありがとうございました");
  assert_shown (guard, "Thank you.", "Thank you.");
  assert_shown (guard, "Thank you very much", "Thank you very much");
  assert_shown (guard, "ありがとうございました", "ありがとうございました");
  assert_shown (guard, "You are very kind", "You are very kind");
  assert_shown (guard, "  Where is the station?  \n", "Where is the station?");
}

static void
test_bracket_tags (void)
{
  g_autoptr(MadoTranscriptGuard) guard = mado_transcript_guard_new ();
  const char *nothing_said[] = {
    "[BLANK_AUDIO]",
    "(音楽)",
    "[Music]",
    "♪",
    "♪♪ ♪",
    "（拍手）",
    "[ Applause ] (upbeat music)",
    "【音楽】",
    "[Music] Thank you for watching!",
    "(音楽(BGM)) ご視聴ありがとうございました",
    "...",
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (nothing_said); i++)
    assert_refused (guard, nothing_said[i]);

  /* The tags around real speech are dropped from what the clerk sees. */
  assert_shown (guard, "[BLANK_AUDIO] Where is the station? [BLANK_AUDIO]", "Where is the station?");
  assert_shown (guard, "Hello [Music] there", "Hello there");
  assert_shown (guard, "住民票を　（音楽）　ください", "住民票を　ください");
  assert_shown (guard, "♪ 転入届を出したいです ♪", "転入届を出したいです");
  /* A bracket that is never closed is no tag. */
  assert_shown (guard, "[Music", "[Music");
}

static char *
write_file (const char *folder,
            const char *name,
            const char *contents,
            gssize      length)
{
  char *path = g_build_filename (folder, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return path;
}

/* A city's own file: comments, blank lines, Windows line ends and byte order mark. */
static void
test_user_file (void)
{
  g_autoptr(MadoTranscriptGuard) guard = mado_transcript_guard_new ();
  g_autofree char *folder = g_dir_make_tmp ("madoguchi-guard-XXXXXX", NULL);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (folder);
  path = write_file (folder, "city.txt",
                     "\xEF\xBB\xBF# Heard in the north hall over the air conditioning\r\n"
                     "\r\n"
                     "Please subscribe to the city channel\r\n"
                     "   # an indented comment\r\n"
                     "  MBC 뉴스 김성현입니다  \r\n", -1);

  assert_shown (guard, "Please subscribe to the city channel", "Please subscribe to the city channel");
  g_assert_true (mado_transcript_guard_add_file (guard, path, &error));
  g_assert_no_error (error);

  assert_refused (guard, "Please subscribe to the city channel.");
  assert_refused (guard, "MBC 뉴스 김성현입니다.");
  /* Together with the shipped list. */
  assert_refused (guard, "Please subscribe to the city channel. Thank you for watching!");
  /* Comments are not phrases. */
  assert_shown (guard, "an indented comment", "an indented comment");
  assert_shown (guard, "Heard in the north hall over the air conditioning",
                "Heard in the north hall over the air conditioning");

  mado_test_remove_folder (folder);
}

static void
test_added_phrase (void)
{
  g_autoptr(MadoTranscriptGuard) guard = mado_transcript_guard_new ();

  assert_shown (guard, "Closed captions by the city", "Closed captions by the city");
  mado_transcript_guard_add_phrase (guard, "Closed captions by the city");
  assert_refused (guard, "closed captions by the city!");
  assert_shown (guard, "Closed captions by the city are great", "Closed captions by the city are great");

  /* A phrase of nothing but a tag and punctuation blocks nothing more. */
  mado_transcript_guard_add_phrase (guard, "[Music] !!");
  assert_shown (guard, "Music", "Music");
}

static void
test_missing_file (void)
{
  g_autoptr(MadoTranscriptGuard) guard = mado_transcript_guard_new ();
  g_autofree char *folder = g_dir_make_tmp ("madoguchi-guard-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (folder, "no-such-list.txt", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (mado_transcript_guard_add_file (guard, path, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  mado_test_assert_mentions (error, path);

  mado_test_remove_folder (folder);
}

/* A file in another encoding is refused whole, naming the line, so that a half-read list does
 * not pass for the city's. */
static void
test_file_not_utf8 (void)
{
  g_autoptr(MadoTranscriptGuard) guard = mado_transcript_guard_new ();
  g_autofree char *folder = g_dir_make_tmp ("madoguchi-guard-XXXXXX", NULL);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  /* Line 3 is 「ご視聴」 in Shift_JIS. */
  const char contents[] = "Please subscribe to the city channel\n# Shift_JIS below\n\x82\xB2\x8E\x8B\x92\xAE\nok\n";

  g_assert_nonnull (folder);
  path = write_file (folder, "sjis.txt", contents, sizeof contents - 1);

  g_assert_false (mado_transcript_guard_add_file (guard, path, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  mado_test_assert_mentions (error, path);
  mado_test_assert_mentions (error, "line 3");
  assert_shown (guard, "Please subscribe to the city channel", "Please subscribe to the city channel");
  g_clear_error (&error);

  /* A NUL byte is no UTF-8 text either. */
  g_free (path);
  path = write_file (folder, "nul.txt", "first\nsec\0ond\n", 14);
  g_assert_false (mado_transcript_guard_add_file (guard, path, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  mado_test_assert_mentions (error, "line 2");
  assert_shown (guard, "first", "first");

  mado_test_remove_folder (folder);
}

static void
count_notifications (GObject    *object,
                     GParamSpec *pspec,
                     gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_min_speech_setting (void)
{
  g_autoptr(MadoTranscriptGuard) guard = mado_transcript_guard_new ();
  guint notifications = 0;
  guint from_property;

  g_assert_cmpuint (mado_transcript_guard_get_min_speech (guard), ==, 300);
  g_signal_connect (guard, "notify::min-speech", G_CALLBACK (count_notifications), &notifications);

  mado_transcript_guard_set_min_speech (guard, 450);
  mado_transcript_guard_set_min_speech (guard, 450);
  g_assert_cmpuint (mado_transcript_guard_get_min_speech (guard), ==, 450);
  g_assert_cmpuint (notifications, ==, 1);

  g_object_set (guard, "min-speech", 120, NULL);
  g_object_get (guard, "min-speech", &from_property, NULL);
  g_assert_cmpuint (from_property, ==, 120);
  g_assert_cmpuint (notifications, ==, 2);
}

/* Uniform white noise at @dbfs RMS, from a fixed seed. */
static gint16 *
make_white_noise (gsize  n_samples,
                  double dbfs,
                  guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  double peak = pow (10.0, dbfs / 20.0) * 32768.0 * sqrt (3.0);
  gint16 *samples = g_new (gint16, n_samples);

  for (gsize i = 0; i < n_samples; i++)
    samples[i] = (gint16) lround (g_rand_double_range (rand, -peak, peak));

  return samples;
}

static void
test_silence_is_no_speech (void)
{
  g_autoptr(MadoTranscriptGuard) guard = mado_transcript_guard_new ();
  gsize n_samples = 3 * RATE;
  g_autofree gint16 *zeros = g_new0 (gint16, n_samples);

  g_assert_cmpuint (mado_transcript_guard_measure_speech (guard, zeros, n_samples), ==, 0);
  g_assert_true (mado_transcript_guard_is_too_short (guard, zeros, n_samples));
  g_assert_cmpuint (mado_transcript_guard_measure_speech (guard, zeros, 0), ==, 0);
  g_assert_true (mado_transcript_guard_is_too_short (guard, NULL, 0));
}

/* The hiss of a quiet room, and the louder hiss of a fan. */
static void
test_white_noise_is_no_speech (void)
{
  g_autoptr(MadoTranscriptGuard) guard = mado_transcript_guard_new ();
  const double levels_dbfs[] = { -70.0, -55.0, -40.0 };
  gsize n_samples = 3 * RATE;

  for (guint i = 0; i < G_N_ELEMENTS (levels_dbfs); i++)
    {
      g_autofree gint16 *noise = make_white_noise (n_samples, levels_dbfs[i], 7 + i);
      guint measured = mado_transcript_guard_measure_speech (guard, noise, n_samples);

      g_test_message ("white noise at %.0f dBFS: %u ms of speech", levels_dbfs[i], measured);
      g_assert_cmpuint (measured, ==, 0);
      g_assert_true (mado_transcript_guard_is_too_short (guard, noise, n_samples));
    }
}

/* A click (a finger on the microphone, a relay), in silence and in a quiet room's hiss. */
static void
test_click_is_no_speech (void)
{
  g_autoptr(MadoTranscriptGuard) guard = mado_transcript_guard_new ();
  gsize n_samples = 2 * RATE;
  g_autofree gint16 *silence = g_new0 (gint16, n_samples);
  g_autofree gint16 *hiss = make_white_noise (n_samples, -65.0, 3);
  gint16 *recordings[] = { silence, hiss };

  for (guint r = 0; r < G_N_ELEMENTS (recordings); r++)
    {
      /* 2 ms: a sharp edge and a ringing decay, at nearly full scale. */
      for (gsize i = 0; i < 2 * SAMPLES_PER_MS; i++)
        recordings[r][RATE + i] = (gint16) lround (30000.0 * exp (-(double) i / 6.0) * (i % 2 == 0 ? 1 : -1));

      g_assert_cmpuint (mado_transcript_guard_measure_speech (guard, recordings[r], n_samples), ==, 0);
      g_assert_true (mado_transcript_guard_is_too_short (guard, recordings[r], n_samples));
    }
}

/* Every utterance of the corpus, clean and in steady noise down to 10 dB SNR: roughly its
 * spoken length, and never too short to send. */
static void
test_speech_length (void)
{
  GPtrArray *clips = get_corpus ();
  g_autoptr(MadoTranscriptGuard) guard = mado_transcript_guard_new ();
  guint checked = 0;

  for (guint i = 0; i < clips->len; i++)
    {
      const MadoCorpusClip *clip = g_ptr_array_index (clips, i);
      double spoken_ms = (double) (clip->speech_end - clip->speech_start) / SAMPLES_PER_MS;
      const gint16 *samples;
      gsize n_samples;
      guint measured;

      if (!clip->has_speech || clip->snr_db < 10.0 || strcmp (clip->noise, "babble") == 0)
        continue;

      samples = mado_audio_buffer_get_samples (clip->audio, &n_samples);
      measured = mado_transcript_guard_measure_speech (guard, samples, n_samples);
      g_test_message ("%s: %u ms measured, %.0f ms spoken", clip->name, measured, spoken_ms);
      g_assert_cmpfloat (measured, >=, 0.8 * spoken_ms);
      g_assert_cmpfloat (measured, <=, spoken_ms + 100.0);
      g_assert_false (mado_transcript_guard_is_too_short (guard, samples, n_samples));
      checked++;
    }

  /* Fourteen utterances, clean and in white and pink noise at two SNRs. */
  g_assert_cmpuint (checked, ==, 14 * 5);
}

/* A recording the kiosk trimmed to start on the first word still measures its speech: the
 * detector must not learn the first word as the background. */
static void
test_speech_from_the_first_sample (void)
{
  GPtrArray *clips = get_corpus ();
  g_autoptr(MadoTranscriptGuard) guard = mado_transcript_guard_new ();
  guint checked = 0;

  for (guint i = 0; i < clips->len; i++)
    {
      const MadoCorpusClip *clip = g_ptr_array_index (clips, i);
      double spoken_ms = (double) (clip->speech_end - clip->speech_start) / SAMPLES_PER_MS;
      const gint16 *samples;
      gsize n_samples;
      guint measured;

      if (!clip->has_speech || !isinf (clip->snr_db))
        continue;

      samples = mado_audio_buffer_get_samples (clip->audio, &n_samples);
      measured = mado_transcript_guard_measure_speech (guard, samples + clip->speech_start,
                                                       n_samples - clip->speech_start);
      g_test_message ("%s from its first word: %u ms measured, %.0f ms spoken", clip->name, measured, spoken_ms);
      g_assert_cmpfloat (measured, >=, 0.8 * spoken_ms);
      g_assert_cmpfloat (measured, <=, spoken_ms + 100.0);
      checked++;
    }

  g_assert_cmpuint (checked, ==, 14);
}

/* The threshold is what decides: the same speech is too short for a longer minimum. */
static void
test_too_short_follows_the_minimum (void)
{
  GPtrArray *clips = get_corpus ();
  g_autoptr(MadoTranscriptGuard) guard = mado_transcript_guard_new ();
  const MadoCorpusClip *clip = NULL;
  const gint16 *samples;
  gsize n_samples;
  guint measured;

  for (guint i = 0; i < clips->len && clip == NULL; i++)
    {
      const MadoCorpusClip *candidate = g_ptr_array_index (clips, i);

      if (candidate->has_speech && isinf (candidate->snr_db))
        clip = candidate;
    }
  g_assert_nonnull (clip);

  samples = mado_audio_buffer_get_samples (clip->audio, &n_samples);
  measured = mado_transcript_guard_measure_speech (guard, samples, n_samples);
  g_assert_cmpuint (measured, >, 300);

  mado_transcript_guard_set_min_speech (guard, measured);
  g_assert_false (mado_transcript_guard_is_too_short (guard, samples, n_samples));
  mado_transcript_guard_set_min_speech (guard, measured + 1);
  g_assert_true (mado_transcript_guard_is_too_short (guard, samples, n_samples));
}

/* The corpus's noise without speech: hiss and hum at up to -35 dBFS and a crowd's murmur. */
static void
test_corpus_noise_is_no_speech (void)
{
  GPtrArray *clips = get_corpus ();
  g_autoptr(MadoTranscriptGuard) guard = mado_transcript_guard_new ();
  guint checked = 0;

  for (guint i = 0; i < clips->len; i++)
    {
      const MadoCorpusClip *clip = g_ptr_array_index (clips, i);
      const gint16 *samples;
      gsize n_samples;

      if (clip->has_speech)
        continue;

      samples = mado_audio_buffer_get_samples (clip->audio, &n_samples);
      if (!mado_transcript_guard_is_too_short (guard, samples, n_samples))
        g_error ("%s: %u ms of speech", clip->name, mado_transcript_guard_measure_speech (guard, samples, n_samples));
      checked++;
    }

  g_assert_cmpuint (checked, ==, 11);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/madoguchi/transcript-guard/blocked-phrase-alone", test_blocked_phrase_alone);
  g_test_add_func ("/madoguchi/transcript-guard/blocked-phrases-repeated", test_blocked_phrases_repeated);
  g_test_add_func ("/madoguchi/transcript-guard/blocked-phrase-variants", test_blocked_phrase_variants);
  g_test_add_func ("/madoguchi/transcript-guard/blocked-phrase-inside-speech-is-kept",
                   test_blocked_phrase_inside_speech_is_kept);
  g_test_add_func ("/madoguchi/transcript-guard/bracket-tags", test_bracket_tags);
  g_test_add_func ("/madoguchi/transcript-guard/user-file", test_user_file);
  g_test_add_func ("/madoguchi/transcript-guard/added-phrase", test_added_phrase);
  g_test_add_func ("/madoguchi/transcript-guard/missing-file", test_missing_file);
  g_test_add_func ("/madoguchi/transcript-guard/file-not-utf8", test_file_not_utf8);
  g_test_add_func ("/madoguchi/transcript-guard/min-speech-setting", test_min_speech_setting);
  g_test_add_func ("/madoguchi/transcript-guard/silence-is-no-speech", test_silence_is_no_speech);
  g_test_add_func ("/madoguchi/transcript-guard/white-noise-is-no-speech", test_white_noise_is_no_speech);
  g_test_add_func ("/madoguchi/transcript-guard/click-is-no-speech", test_click_is_no_speech);
  g_test_add_func ("/madoguchi/transcript-guard/speech-length", test_speech_length);
  g_test_add_func ("/madoguchi/transcript-guard/speech-from-the-first-sample", test_speech_from_the_first_sample);
  g_test_add_func ("/madoguchi/transcript-guard/too-short-follows-the-minimum", test_too_short_follows_the_minimum);
  g_test_add_func ("/madoguchi/transcript-guard/corpus-noise-is-no-speech", test_corpus_noise_is_no_speech);

  status = g_test_run ();
  g_clear_pointer (&corpus, g_ptr_array_unref);

  return status;
}

/* test-synthesizer.c: speech synthesis with the real espeak-ng and Open JTalk, and the audio buffer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-audio-buffer.h"
#include "mado-audio-output.h"
#include "mado-local-synthesizer.h"
#include "mado-open-jtalk.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The folder every test runs in, also named by TMPDIR: it must still be empty at the end. */
static char *empty_dir;

/* Speech is between 2 and 40 characters per second in every script here (Hangul and Thai
 * syllables are one to a few characters, Latin words several), so a result outside that range
 * means the engine read something else than the text. */
static void
assert_plausible_speech (MadoAudioBuffer *speech,
                         const char      *text,
                         guint            rate)
{
  glong n_chars = g_utf8_strlen (text, -1);
  double duration = mado_audio_buffer_get_duration (speech);

  g_test_message ("%ld characters: %.2f s, RMS %.0f", n_chars, duration, mado_audio_buffer_get_rms (speech));
  g_assert_cmpuint (mado_audio_buffer_get_rate (speech), ==, rate);
  g_assert_cmpfloat (duration, >=, n_chars / 40.0);
  g_assert_cmpfloat (duration, <=, n_chars / 2.0 + 1.0);
  /* Silence is 0 and a quiet room recorded at 16 bits is below 100; speech is in the thousands. */
  g_assert_cmpfloat (mado_audio_buffer_get_rms (speech), >, 500.0);
}

static MadoAudioBuffer *
synthesize_ok (MadoSynthesizer *synthesizer,
               const char      *text,
               const char      *language)
{
  g_autoptr(GError) error = NULL;
  MadoAudioBuffer *speech = mado_synthesizer_synthesize (synthesizer, text, language, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (speech);

  return speech;
}

static void
test_espeak_languages (void)
{
  static const struct {
    const char *language;
    const char *short_text;
    const char *long_text;
  } cases[] = {
    { "en", "Welcome.",
      "Welcome to the city hall. Please take a number and wait until it is called. "
      "The counter for residence certificates is on the second floor." },
    { "vi", "Xin chào.",
      "Xin chào. Vui lòng lấy số thứ tự và chờ đến lượt của bạn. "
      "Quầy cấp giấy chứng nhận cư trú ở tầng hai." },
    { "th", "ยินดีต้อนรับ",
      "ยินดีต้อนรับ กรุณารับบัตรคิวและรอจนกว่าจะถูกเรียก เคาน์เตอร์ทะเบียนราษฎร์อยู่ชั้นสอง" },
    { "my", "ကြိုဆိုပါတယ်",
      "ကြိုဆိုပါတယ်။ နံပါတ်ကတ်ကို ယူပြီး ခေါ်တဲ့အထိ စောင့်ပေးပါ။ နေထိုင်မှုလက်မှတ် ကောင်တာက ဒုတိယထပ်မှာ ရှိပါတယ်။" },
    { "ne", "स्वागत छ।",
      "स्वागत छ। कृपया नम्बर लिनुहोस् र बोलाउँदासम्म पर्खनुहोस्। बसोबास प्रमाणपत्रको काउन्टर दोस्रो तल्लामा छ।" },
    { "ko", "어서 오세요.",
      "어서 오세요. 번호표를 뽑고 호출될 때까지 기다려 주세요. 주민등록 창구는 이 층에 있습니다." },
  };
  g_autoptr(MadoLocalSynthesizer) synthesizer = mado_local_synthesizer_new (22050);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MadoAudioBuffer) short_speech = NULL;
      g_autoptr(MadoAudioBuffer) long_speech = NULL;

      g_test_message ("%s", cases[i].language);
      g_assert_true (mado_synthesizer_can_speak (MADO_SYNTHESIZER (synthesizer), cases[i].language));

      short_speech = synthesize_ok (MADO_SYNTHESIZER (synthesizer), cases[i].short_text, cases[i].language);
      long_speech = synthesize_ok (MADO_SYNTHESIZER (synthesizer), cases[i].long_text, cases[i].language);
      assert_plausible_speech (short_speech, cases[i].short_text, 22050);
      assert_plausible_speech (long_speech, cases[i].long_text, 22050);
      /* Every long text is at least five times its short one. */
      g_assert_cmpfloat (mado_audio_buffer_get_duration (long_speech), >,
                         2.0 * mado_audio_buffer_get_duration (short_speech));
    }
}

static void
test_espeak_is_resampled (void)
{
  const char *text = "Please wait a moment.";
  g_autoptr(MadoLocalSynthesizer) native = mado_local_synthesizer_new (22050);
  g_autoptr(MadoLocalSynthesizer) wideband = mado_local_synthesizer_new (16000);
  g_autoptr(MadoAudioBuffer) at_22k = synthesize_ok (MADO_SYNTHESIZER (native), text, "en");
  g_autoptr(MadoAudioBuffer) at_16k = synthesize_ok (MADO_SYNTHESIZER (wideband), text, "en");

  g_assert_cmpuint (mado_audio_buffer_get_rate (at_16k), ==, 16000);
  /* Same speech, same length in seconds. espeak-ng keeps its pitch-flutter position in a
   * static variable across calls, so two runs differ by a few pitch periods (under 2 ms here);
   * 1 % still catches any rate mix-up, which would be off by 38 %. */
  g_assert_cmpfloat_with_epsilon (mado_audio_buffer_get_duration (at_16k),
                                  mado_audio_buffer_get_duration (at_22k),
                                  mado_audio_buffer_get_duration (at_22k) * 0.01);
}

static void
test_japanese (void)
{
  const char *short_text = "ようこそ。";
  const char *long_text = "ようこそ。住民票の写しは二階の窓口で受け付けています。番号札を取って、お待ちください。";
  g_autoptr(MadoLocalSynthesizer) synthesizer = mado_local_synthesizer_new (22050);
  g_autoptr(MadoAudioBuffer) short_speech = NULL;
  g_autoptr(MadoAudioBuffer) long_speech = NULL;

  g_assert_true (mado_synthesizer_can_speak (MADO_SYNTHESIZER (synthesizer), "ja"));
  g_assert_true (mado_synthesizer_can_speak (MADO_SYNTHESIZER (synthesizer), "ja-x-easy"));

  short_speech = synthesize_ok (MADO_SYNTHESIZER (synthesizer), short_text, "ja");
  long_speech = synthesize_ok (MADO_SYNTHESIZER (synthesizer), long_text, "ja");
  assert_plausible_speech (short_speech, short_text, 22050);
  assert_plausible_speech (long_speech, long_text, 22050);
  g_assert_cmpfloat (mado_audio_buffer_get_duration (long_speech), >,
                     3.0 * mado_audio_buffer_get_duration (short_speech));
}

static gboolean
same_samples (MadoAudioBuffer *a,
              MadoAudioBuffer *b)
{
  gsize n_a, n_b;
  const gint16 *samples_a = mado_audio_buffer_get_samples (a, &n_a);
  const gint16 *samples_b = mado_audio_buffer_get_samples (b, &n_b);

  return n_a == n_b && n_a > 0 && memcmp (samples_a, samples_b, n_a * sizeof (gint16)) == 0;
}

static void
test_easy_japanese_reads_readings (void)
{
  g_autoptr(MadoLocalSynthesizer) synthesizer = mado_local_synthesizer_new (22050);
  MadoSynthesizer *s = MADO_SYNTHESIZER (synthesizer);
  g_autoptr(MadoAudioBuffer) marked_up = synthesize_ok (s, "{住民票|じゅうみんひょう}を{出|だ}します。", "ja-x-easy");
  g_autoptr(MadoAudioBuffer) kana = synthesize_ok (s, "じゅうみんひょうをだします。", "ja-x-easy");
  g_autoptr(MadoAudioBuffer) kana_again = synthesize_ok (s, "じゅうみんひょうをだします。", "ja-x-easy");
  g_autoptr(MadoAudioBuffer) kana_as_japanese = synthesize_ok (s, "じゅうみんひょうをだします。", "ja");
  g_autoptr(MadoAudioBuffer) markup_as_japanese = synthesize_ok (s, "{住民票|じゅうみんひょう}を{出|だ}します。", "ja");

  /* Open JTalk is deterministic, so equal input gives equal samples... */
  g_assert_true (same_samples (kana, kana_again));
  /* ...and the markup is spoken exactly as its reading. */
  g_assert_true (same_samples (marked_up, kana));
  g_assert_true (same_samples (kana_as_japanese, kana));
  /* Plain Japanese does not strip markup, so the braces and kanji change what is heard:
   * the equality above is not an accident of the engine ignoring its input. */
  g_assert_false (same_samples (markup_as_japanese, kana));
}

static void
assert_synthesis_fails (MadoSynthesizer *synthesizer,
                        const char      *text,
                        const char      *language,
                        GQuark           domain,
                        int              code,
                        const char      *message_part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoAudioBuffer) speech = mado_synthesizer_synthesize (synthesizer, text, language, NULL, &error);

  g_assert_null (speech);
  g_assert_error (error, domain, code);
  if (message_part != NULL && strstr (error->message, message_part) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, message_part);
}

static void
test_no_voice (void)
{
  g_autoptr(MadoLocalSynthesizer) synthesizer = mado_local_synthesizer_new (22050);
  MadoSynthesizer *s = MADO_SYNTHESIZER (synthesizer);

  g_assert_false (mado_synthesizer_can_speak (s, "fil"));
  assert_synthesis_fails (s, "Maligayang pagdating", "fil", MADO_SPEECH_ERROR, MADO_SPEECH_ERROR_NO_VOICE, "Filipino");

  g_assert_false (mado_synthesizer_can_speak (s, "xx-unknown"));
  assert_synthesis_fails (s, "Hello", "xx-unknown", MADO_SPEECH_ERROR, MADO_SPEECH_ERROR_NO_VOICE, "xx-unknown");
}

static void
test_empty_and_too_long (void)
{
  g_autoptr(MadoLocalSynthesizer) synthesizer = mado_local_synthesizer_new (22050);
  MadoSynthesizer *s = MADO_SYNTHESIZER (synthesizer);
  g_autoptr(GString) at_limit = g_string_new (NULL);
  g_autoptr(GString) over_limit = NULL;
  g_autoptr(MadoAudioBuffer) speech = NULL;

  assert_synthesis_fails (s, "", "en", MADO_SPEECH_ERROR, MADO_SPEECH_ERROR_EMPTY_TEXT, NULL);
  assert_synthesis_fails (s, " \n\t　", "en", MADO_SPEECH_ERROR, MADO_SPEECH_ERROR_EMPTY_TEXT, NULL);
  assert_synthesis_fails (s, "", "ja", MADO_SPEECH_ERROR, MADO_SPEECH_ERROR_EMPTY_TEXT, NULL);
  assert_synthesis_fails (s, "\xff\xfe", "en", G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "UTF-8");

  /* 2,000 characters are spoken; one more is refused, counted in characters, not bytes. */
  while (at_limit->len < 2000)
    g_string_append (at_limit, "Next please. ");
  g_string_truncate (at_limit, 2000);
  speech = synthesize_ok (s, at_limit->str, "en");
  g_assert_cmpfloat (mado_audio_buffer_get_duration (speech), >, 30.0);

  over_limit = g_string_new (NULL);
  for (guint i = 0; i < 2001; i++)
    g_string_append (over_limit, "あ");
  assert_synthesis_fails (s, over_limit->str, "ja", MADO_SPEECH_ERROR, MADO_SPEECH_ERROR_TOO_LONG, "2001");
}

static void
test_open_jtalk_missing (void)
{
  static const struct {
    const char *property;
    const char *value;
  } cases[] = {
    { "open-jtalk-program", "open_jtalk-not-installed" },
    { "open-jtalk-dictionary", "/nonexistent/naist-jdic" },
    { "open-jtalk-voice", "/nonexistent/voice.htsvoice" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MadoLocalSynthesizer) synthesizer =
        g_object_new (MADO_TYPE_LOCAL_SYNTHESIZER, "sample-rate", 16000, cases[i].property, cases[i].value, NULL);
      MadoSynthesizer *s = MADO_SYNTHESIZER (synthesizer);

      g_assert_false (mado_synthesizer_can_speak (s, "ja"));
      g_assert_false (mado_synthesizer_can_speak (s, "ja-x-easy"));
      /* espeak-ng is not affected by Open JTalk's absence. */
      g_assert_true (mado_synthesizer_can_speak (s, "en"));
      assert_synthesis_fails (s, "こんにちは", "ja", MADO_SPEECH_ERROR, MADO_SPEECH_ERROR_ENGINE_MISSING, cases[i].value);
    }
}

/* espeak-ng loads its data once per process, so its absence is shown in a child process that
 * points it at a folder without its data before anything loads it. espeak-ng ignores a
 * ESPEAK_DATA_PATH that does not exist, so the folder is the (existing, empty) one the whole
 * run works in, which the child inherits as TMPDIR. */
static void
test_espeak_data_missing (void)
{
  if (g_test_subprocess ())
    {
      const char *no_data = g_getenv ("TMPDIR");
      g_autoptr(MadoLocalSynthesizer) synthesizer = NULL;

      g_assert_nonnull (no_data);
      g_setenv ("ESPEAK_DATA_PATH", no_data, TRUE);
      synthesizer = mado_local_synthesizer_new (22050);
      g_assert_false (mado_synthesizer_can_speak (MADO_SYNTHESIZER (synthesizer), "en"));
      assert_synthesis_fails (MADO_SYNTHESIZER (synthesizer), "Hello", "en",
                              MADO_SPEECH_ERROR, MADO_SPEECH_ERROR_ENGINE_MISSING, no_data);
      /* Open JTalk does not depend on espeak-ng's data. */
      g_assert_true (mado_synthesizer_can_speak (MADO_SYNTHESIZER (synthesizer), "ja"));
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* The children of this process, read from /proc: pid and command name. */
static GArray *
list_children (void)
{
  GArray *children = g_array_new (FALSE, FALSE, sizeof (pid_t));
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *entry;

  g_assert_nonnull (proc);
  while ((entry = g_dir_read_name (proc)) != NULL)
    {
      g_autofree char *stat_path = NULL;
      g_autofree char *stat = NULL;
      const char *after_name;
      char state;
      int parent;

      if (!g_ascii_isdigit (entry[0]))
        continue;
      stat_path = g_build_filename ("/proc", entry, "stat", NULL);
      if (!g_file_get_contents (stat_path, &stat, NULL, NULL))
        continue;
      /* "pid (name) state ppid ...": the name may hold spaces, so parse after the last ')'. */
      after_name = strrchr (stat, ')');
      if (after_name != NULL && sscanf (after_name + 1, " %c %d", &state, &parent) == 2 && parent == getpid ())
        {
          pid_t pid = (pid_t) atoi (entry);

          g_array_append_val (children, pid);
        }
    }

  return children;
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **result_out = user_data;

  *result_out = g_object_ref (result);
}

static const char *
long_japanese_text (void)
{
  static char *text;

  if (text == NULL)
    {
      GString *builder = g_string_new (NULL);

      while (g_utf8_strlen (builder->str, -1) < 1900)
        g_string_append (builder, "本日は窓口が大変混み合っております。番号札を取って、呼ばれるまでお待ちください。");
      text = g_string_free (builder, FALSE);
    }

  return text;
}

static void
test_cancel_open_jtalk (void)
{
  g_autoptr(MadoLocalSynthesizer) synthesizer = mado_local_synthesizer_new (22050);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MadoAudioBuffer) speech = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) left_over = NULL;
  pid_t child = 0;

  mado_synthesizer_synthesize_async (MADO_SYNTHESIZER (synthesizer), long_japanese_text (), "ja", cancellable,
                                     store_result, &result);

  /* Wait until open_jtalk is really running, then cancel. The text needs several runs of
   * open_jtalk, each loading its dictionary, so there is ample time to see one. */
  while (child == 0 && result == NULL)
    {
      g_autoptr(GArray) children = list_children ();

      if (children->len > 0)
        child = g_array_index (children, pid_t, 0);
      else
        {
          g_main_context_iteration (NULL, FALSE);
          g_usleep (500);
        }
    }
  g_assert_null (result);
  g_assert_cmpint (child, >, 0);

  g_cancellable_cancel (cancellable);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  speech = mado_synthesizer_synthesize_finish (MADO_SYNTHESIZER (synthesizer), result, &error);
  g_assert_null (speech);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* Killed and reaped: the pid is gone (a zombie would still answer kill 0) and no other child remains. */
  g_assert_cmpint (kill (child, 0), ==, -1);
  g_assert_cmpint (errno, ==, ESRCH);
  left_over = list_children ();
  g_assert_cmpuint (left_over->len, ==, 0);
}

static void
test_cancel_espeak (void)
{
  g_autoptr(MadoLocalSynthesizer) synthesizer = mado_local_synthesizer_new (22050);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoAudioBuffer) cancelled = NULL;
  g_autoptr(MadoAudioBuffer) after = NULL;

  g_cancellable_cancel (cancellable);
  cancelled = mado_synthesizer_synthesize (MADO_SYNTHESIZER (synthesizer), "Good morning.", "en", cancellable, &error);
  g_assert_null (cancelled);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* The shared espeak-ng worker is still usable afterwards. */
  after = synthesize_ok (MADO_SYNTHESIZER (synthesizer), "Good morning.", "en");
  assert_plausible_speech (after, "Good morning.", 22050);
}

static void
test_split_text (void)
{
  g_autoptr(GString) long_line = g_string_new (NULL);
  g_autoptr(GString) unbroken = g_string_new (NULL);
  g_auto(GStrv) simple = mado_open_jtalk_split_text ("一行目です。\n\n  二行目です。\r\n");
  g_auto(GStrv) sentences = NULL;
  g_auto(GStrv) characters = NULL;
  g_autoptr(GString) joined = g_string_new (NULL);

  g_assert_cmpuint (g_strv_length (simple), ==, 2);
  g_assert_cmpstr (simple[0], ==, "一行目です。");
  g_assert_cmpstr (simple[1], ==, "二行目です。");

  /* 60 sentences of 27 bytes: 1,620 bytes on one line, cut after a sentence end. */
  for (guint i = 0; i < 60; i++)
    g_string_append (long_line, "お待ちください。");
  sentences = mado_open_jtalk_split_text (long_line->str);
  g_assert_cmpuint (g_strv_length (sentences), ==, 2);
  for (guint i = 0; sentences[i] != NULL; i++)
    {
      g_assert_cmpuint (strlen (sentences[i]), <=, 1000);
      g_assert_true (g_str_has_suffix (sentences[i], "。"));
      g_string_append (joined, sentences[i]);
    }
  g_assert_cmpstr (joined->str, ==, long_line->str);

  /* No punctuation at all: cut between characters, never inside one. */
  for (guint i = 0; i < 700; i++)
    g_string_append (unbroken, "あ");
  characters = mado_open_jtalk_split_text (unbroken->str);
  g_assert_cmpuint (g_strv_length (characters), ==, 3);
  for (guint i = 0; characters[i] != NULL; i++)
    {
      g_assert_cmpuint (strlen (characters[i]), <=, 1000);
      g_assert_true (g_utf8_validate (characters[i], -1, NULL));
    }
}

/* A sine at @frequency Hz, @seconds long, at @rate. */
static MadoAudioBuffer *
make_sine (guint  rate,
           double frequency,
           double seconds,
           double amplitude)
{
  gsize n = (gsize) (rate * seconds);
  gint16 *samples = g_new (gint16, n);

  for (gsize i = 0; i < n; i++)
    samples[i] = (gint16) lround (amplitude * sin (2 * G_PI * frequency * i / rate));

  return mado_audio_buffer_new_take (rate, samples, n);
}

/* Sign changes per second over the middle of the buffer (the filter's edges are left out):
 * twice the frequency for a clean sine. */
static double
zero_crossing_rate (MadoAudioBuffer *buffer)
{
  gsize n;
  const gint16 *samples = mado_audio_buffer_get_samples (buffer, &n);
  gsize start = n / 10;
  gsize end = n - n / 10;
  guint crossings = 0;

  for (gsize i = start + 1; i < end; i++)
    if ((samples[i - 1] < 0) != (samples[i] < 0))
      crossings++;

  return crossings * (double) mado_audio_buffer_get_rate (buffer) / (end - start - 1);
}

static double
middle_rms (MadoAudioBuffer *buffer)
{
  gsize n;
  const gint16 *samples = mado_audio_buffer_get_samples (buffer, &n);
  double sum = 0;

  for (gsize i = n / 10; i < n - n / 10; i++)
    sum += (double) samples[i] * samples[i];

  return sqrt (sum / (n - 2 * (n / 10)));
}

static void
test_buffer_basics (void)
{
  g_autoptr(MadoAudioBuffer) buffer = mado_audio_buffer_new (8000);
  gint16 square[400];
  gsize n = 0;

  g_assert_cmpuint (mado_audio_buffer_get_length (buffer), ==, 0);
  g_assert_cmpfloat (mado_audio_buffer_get_rms (buffer), ==, 0.0);
  g_assert_null (mado_audio_buffer_get_samples (buffer, &n));
  g_assert_cmpuint (n, ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (square); i++)
    square[i] = (i / 4) % 2 == 0 ? 1000 : -1000;
  for (guint i = 0; i < 50; i++)
    mado_audio_buffer_append (buffer, square, G_N_ELEMENTS (square));

  g_assert_cmpuint (mado_audio_buffer_get_length (buffer), ==, 20000);
  g_assert_cmpfloat_with_epsilon (mado_audio_buffer_get_duration (buffer), 2.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (mado_audio_buffer_get_rms (buffer), 1000.0, 1e-9);
  g_assert_cmpint (mado_audio_buffer_get_samples (buffer, NULL)[19999], ==, square[399]);

  /* Reference counting keeps the samples alive for a second owner. */
  {
    MadoAudioBuffer *second = mado_audio_buffer_ref (buffer);

    g_clear_pointer (&buffer, mado_audio_buffer_unref);
    g_assert_cmpuint (mado_audio_buffer_get_length (second), ==, 20000);
    mado_audio_buffer_unref (second);
  }
}

static void
test_wav_round_trip (void)
{
  g_autoptr(MadoAudioBuffer) sine = make_sine (22050, 440.0, 1.0, 12000.0);
  g_autoptr(GBytes) wav = mado_audio_buffer_to_wav (sine);
  g_autoptr(MadoAudioBuffer) parsed = NULL;
  g_autoptr(GError) error = NULL;
  gsize size;
  const guint8 *data = g_bytes_get_data (wav, &size);

  /* The canonical 44-byte header, field by field as the RIFF/WAVE specification lays it out. */
  g_assert_cmpuint (size, ==, 44 + 22050 * 2);
  g_assert_cmpmem (data, 4, "RIFF", 4);
  g_assert_cmpuint (GUINT32_FROM_LE (*(guint32 *) (data + 4)), ==, size - 8);
  g_assert_cmpmem (data + 8, 8, "WAVEfmt ", 8);
  g_assert_cmpuint (GUINT16_FROM_LE (*(guint16 *) (data + 20)), ==, 1);      /* PCM */
  g_assert_cmpuint (GUINT16_FROM_LE (*(guint16 *) (data + 22)), ==, 1);      /* mono */
  g_assert_cmpuint (GUINT32_FROM_LE (*(guint32 *) (data + 24)), ==, 22050);  /* rate */
  g_assert_cmpuint (GUINT32_FROM_LE (*(guint32 *) (data + 28)), ==, 44100);  /* bytes per second */
  g_assert_cmpuint (GUINT16_FROM_LE (*(guint16 *) (data + 34)), ==, 16);     /* bits */
  g_assert_cmpmem (data + 36, 4, "data", 4);
  g_assert_cmpuint (GUINT32_FROM_LE (*(guint32 *) (data + 40)), ==, 44100);

  parsed = mado_audio_buffer_new_from_wav (data, size, &error);
  g_assert_no_error (error);
  g_assert_true (same_samples (parsed, sine));
  g_assert_cmpuint (mado_audio_buffer_get_rate (parsed), ==, 22050);
  g_assert_cmpfloat_with_epsilon (zero_crossing_rate (parsed), 880.0, 880.0 * 0.01);
}

static void
put_u16 (GByteArray *out,
         guint16     value)
{
  guint8 bytes[2] = { value & 0xFF, value >> 8 };

  g_byte_array_append (out, bytes, 2);
}

static void
put_u32 (GByteArray *out,
         guint32     value)
{
  guint8 bytes[4] = { value & 0xFF, (value >> 8) & 0xFF, (value >> 16) & 0xFF, value >> 24 };

  g_byte_array_append (out, bytes, 4);
}

/* A WAV image written by hand, so the reader is checked against the format rather than
 * against the writer above. @extra_chunk adds an odd-sized "LIST" chunk before the samples. */
static GByteArray *
build_wav (guint16        format_tag,
           guint16        channels,
           guint16        bits,
           guint32        rate,
           const gint16  *frames,
           guint32        n_values,
           gboolean       extra_chunk,
           guint32        claimed_data_bytes)
{
  GByteArray *out = g_byte_array_new ();

  g_byte_array_append (out, (const guint8 *) "RIFF", 4);
  put_u32 (out, 0);
  g_byte_array_append (out, (const guint8 *) "WAVEfmt ", 8);
  if (format_tag == 0xFFFE)
    {
      static const guint8 pcm_guid_tail[14] = { 0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00,
                                                0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71 };

      put_u32 (out, 40);
      put_u16 (out, format_tag);
      put_u16 (out, channels);
      put_u32 (out, rate);
      put_u32 (out, rate * channels * bits / 8);
      put_u16 (out, channels * bits / 8);
      put_u16 (out, bits);
      put_u16 (out, 22);
      put_u16 (out, bits);
      put_u32 (out, channels == 2 ? 3 : 4);
      put_u16 (out, 1);
      g_byte_array_append (out, pcm_guid_tail, sizeof pcm_guid_tail);
    }
  else
    {
      put_u32 (out, 16);
      put_u16 (out, format_tag);
      put_u16 (out, channels);
      put_u32 (out, rate);
      put_u32 (out, rate * channels * bits / 8);
      put_u16 (out, channels * bits / 8);
      put_u16 (out, bits);
    }
  if (extra_chunk)
    {
      g_byte_array_append (out, (const guint8 *) "LIST", 4);
      put_u32 (out, 5);
      g_byte_array_append (out, (const guint8 *) "INFO!\0", 6);
    }
  g_byte_array_append (out, (const guint8 *) "data", 4);
  put_u32 (out, claimed_data_bytes != 0 ? claimed_data_bytes : n_values * 2);
  for (guint32 i = 0; i < n_values; i++)
    put_u16 (out, (guint16) frames[i]);

  out->data[4] = (out->len - 8) & 0xFF;
  out->data[5] = ((out->len - 8) >> 8) & 0xFF;

  return out;
}

static void
test_wav_stereo_and_errors (void)
{
  static const gint16 stereo[] = { 1000, 3000, -2000, -4000, 7, 8, -7, -8, 32767, 32767 };
  static const gint16 expected_mono[] = { 2000, -3000, 7, -7, 32767 };
  static const struct {
    guint16     format_tag;
    guint16     channels;
    guint16     bits;
    guint32     claimed;
    const char *message_part;
  } broken[] = {
    { 3, 1, 16, 0, "format 0x0003" },        /* IEEE float */
    { 1, 1, 8, 0, "8 bits" },
    { 1, 3, 16, 0, "3 channels" },
    { 1, 2, 16, 4000, "truncated" },
  };
  g_autoptr(GError) error = NULL;

  for (int extensible = 0; extensible <= 1; extensible++)
    {
      g_autoptr(GByteArray) image = build_wav (extensible ? 0xFFFE : 1, 2, 16, 16000, stereo, G_N_ELEMENTS (stereo), TRUE, 0);
      g_autoptr(MadoAudioBuffer) mono = mado_audio_buffer_new_from_wav (image->data, image->len, &error);
      gsize n;
      const gint16 *samples;

      g_assert_no_error (error);
      samples = mado_audio_buffer_get_samples (mono, &n);
      g_assert_cmpuint (mado_audio_buffer_get_rate (mono), ==, 16000);
      g_assert_cmpmem (samples, n * sizeof (gint16), expected_mono, sizeof expected_mono);
    }

  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autoptr(GByteArray) image = build_wav (broken[i].format_tag, broken[i].channels, broken[i].bits, 16000,
                                               stereo, G_N_ELEMENTS (stereo), FALSE, broken[i].claimed);
      g_autoptr(MadoAudioBuffer) none = mado_audio_buffer_new_from_wav (image->data, image->len, &error);

      g_assert_null (none);
      g_assert_error (error, MADO_AUDIO_ERROR, MADO_AUDIO_ERROR_FORMAT);
      if (strstr (error->message, broken[i].message_part) == NULL)
        g_error ("“%s” does not mention “%s”", error->message, broken[i].message_part);
      g_clear_error (&error);
    }

  g_assert_null (mado_audio_buffer_new_from_wav ((const guint8 *) "ID3\x04 not a wave file", 20, &error));
  g_assert_error (error, MADO_AUDIO_ERROR, MADO_AUDIO_ERROR_FORMAT);
  g_clear_error (&error);
  g_assert_null (mado_audio_buffer_new_from_wav ((const guint8 *) "RIFF\x04\0\0\0WAVE", 12, &error));
  g_assert_error (error, MADO_AUDIO_ERROR, MADO_AUDIO_ERROR_FORMAT);
}

static void
test_resample_keeps_duration_and_pitch (void)
{
  static const struct {
    guint  from;
    guint  to;
    double frequency;
  } cases[] = {
    { 48000, 22050, 1000.0 },   /* Open JTalk to the kiosk's rate */
    { 48000, 16000, 1000.0 },
    { 22050, 16000, 3000.0 },
    { 16000, 48000, 440.0 },    /* upwards */
    { 22050, 44100, 5000.0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MadoAudioBuffer) sine = make_sine (cases[i].from, cases[i].frequency, 2.0, 10000.0);
      g_autoptr(MadoAudioBuffer) converted = mado_audio_buffer_resample (sine, cases[i].to);

      g_test_message ("%u → %u Hz, %.0f Hz tone", cases[i].from, cases[i].to, cases[i].frequency);
      g_assert_cmpuint (mado_audio_buffer_get_rate (converted), ==, cases[i].to);
      g_assert_cmpfloat_with_epsilon (mado_audio_buffer_get_duration (converted), 2.0, 1.0 / cases[i].to);
      g_assert_cmpfloat_with_epsilon (zero_crossing_rate (converted), 2 * cases[i].frequency,
                                      2 * cases[i].frequency * 0.005);
      /* A tone in the pass band keeps its level (a sine of amplitude A has RMS A/√2). */
      g_assert_cmpfloat_with_epsilon (middle_rms (converted), 10000.0 / G_SQRT2, 10000.0 / G_SQRT2 * 0.02);
    }
}

static void
test_resample_filters_aliases (void)
{
  /* 10 kHz does not exist at 16 kHz (Nyquist 8 kHz). Dropping samples or interpolating
   * linearly would fold it to an audible 6 kHz tone at nearly full level; a proper filter
   * leaves next to nothing. */
  g_autoptr(MadoAudioBuffer) high = make_sine (48000, 10000.0, 1.0, 10000.0);
  g_autoptr(MadoAudioBuffer) down = mado_audio_buffer_resample (high, 16000);

  g_assert_cmpfloat (middle_rms (down), <, 10000.0 / G_SQRT2 * 0.01);
}

static void
test_nothing_on_disk (void)
{
  g_autoptr(MadoLocalSynthesizer) synthesizer = mado_local_synthesizer_new (16000);
  g_autoptr(MadoAudioBuffer) english = NULL;
  g_autoptr(MadoAudioBuffer) japanese = NULL;
  g_autoptr(MadoAudioBuffer) easy = NULL;
  g_autoptr(GBytes) wav = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *cwd = g_get_current_dir ();

  /* main() made this folder the working directory and TMPDIR for the whole run, so every
   * test above has already synthesised in it; these add one of each kind at the end. */
  g_assert_cmpstr (cwd, ==, empty_dir);
  g_assert_cmpstr (g_getenv ("TMPDIR"), ==, empty_dir);

  english = synthesize_ok (MADO_SYNTHESIZER (synthesizer), "Your documents are ready.", "en");
  japanese = synthesize_ok (MADO_SYNTHESIZER (synthesizer), "書類の準備ができました。", "ja");
  easy = synthesize_ok (MADO_SYNTHESIZER (synthesizer), "{書類|しょるい}ができました。", "ja-x-easy");
  wav = mado_audio_buffer_to_wav (japanese);

  dir = g_dir_open (empty_dir, 0, NULL);
  g_assert_nonnull (dir);
  g_assert_null (g_dir_read_name (dir));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  /* Before any thread exists: an empty folder as working directory and TMPDIR, which the
   * engines (and open_jtalk, which inherits both) would use if they wrote anything. */
  if (!g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;

      empty_dir = g_dir_make_tmp ("madoguchi-synth-XXXXXX", &error);
      g_assert_no_error (error);
      g_setenv ("TMPDIR", empty_dir, TRUE);
      g_assert_cmpint (g_chdir (empty_dir), ==, 0);
    }

  g_test_add_func ("/madoguchi/audio-buffer/basics", test_buffer_basics);
  g_test_add_func ("/madoguchi/audio-buffer/wav-round-trip", test_wav_round_trip);
  g_test_add_func ("/madoguchi/audio-buffer/wav-stereo-and-errors", test_wav_stereo_and_errors);
  g_test_add_func ("/madoguchi/audio-buffer/resample-keeps-duration-and-pitch", test_resample_keeps_duration_and_pitch);
  g_test_add_func ("/madoguchi/audio-buffer/resample-filters-aliases", test_resample_filters_aliases);
  g_test_add_func ("/madoguchi/synthesizer/split-text", test_split_text);
  g_test_add_func ("/madoguchi/synthesizer/espeak-languages", test_espeak_languages);
  g_test_add_func ("/madoguchi/synthesizer/espeak-is-resampled", test_espeak_is_resampled);
  g_test_add_func ("/madoguchi/synthesizer/japanese", test_japanese);
  g_test_add_func ("/madoguchi/synthesizer/easy-japanese-reads-readings", test_easy_japanese_reads_readings);
  g_test_add_func ("/madoguchi/synthesizer/no-voice", test_no_voice);
  g_test_add_func ("/madoguchi/synthesizer/empty-and-too-long", test_empty_and_too_long);
  g_test_add_func ("/madoguchi/synthesizer/open-jtalk-missing", test_open_jtalk_missing);
  g_test_add_func ("/madoguchi/synthesizer/espeak-data-missing", test_espeak_data_missing);
  g_test_add_func ("/madoguchi/synthesizer/cancel-open-jtalk", test_cancel_open_jtalk);
  g_test_add_func ("/madoguchi/synthesizer/cancel-espeak", test_cancel_espeak);
  /* Last, so that it sees what every test above may have left behind. */
  g_test_add_func ("/madoguchi/synthesizer/nothing-on-disk", test_nothing_on_disk);

  status = g_test_run ();

  if (empty_dir != NULL)
    {
      /* The folder is empty unless nothing-on-disk failed; then its content is test output. */
      g_autoptr(GFile) folder = g_file_new_for_path (empty_dir);
      g_autoptr(GFileEnumerator) children = g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                                       G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
      GFileInfo *info;

      g_assert_cmpint (g_chdir ("/"), ==, 0);
      while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
        {
          g_autoptr(GFile) child = g_file_get_child (folder, g_file_info_get_name (info));

          g_file_delete (child, NULL, NULL);
          g_object_unref (info);
        }
      g_rmdir (empty_dir);
      g_free (empty_dir);
    }

  return status;
}

/* test-synthesizer.c: speech synthesis with the real espeak-ng and Open JTalk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-audio-buffer.h"
#include "mado-local-synthesizer.h"
#include "mado-open-jtalk.h"
#include "mado-test-audio.h"
#include "mado-test-utils.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>
#include <signal.h>
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
  g_assert_true (mado_test_same_samples (kana, kana_again));
  /* ...and the markup is spoken exactly as its reading. */
  g_assert_true (mado_test_same_samples (marked_up, kana));
  g_assert_true (mado_test_same_samples (kana_as_japanese, kana));
  /* Plain Japanese does not strip markup, so the braces and kanji change what is heard:
   * the equality above is not an accident of the engine ignoring its input. */
  g_assert_false (mado_test_same_samples (markup_as_japanese, kana));
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
  if (message_part != NULL)
    mado_test_assert_mentions (error, message_part);
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
                                     mado_test_store_result, &result);

  /* Wait until open_jtalk is really running, then cancel. The text needs several runs of
   * open_jtalk, each loading its dictionary, so there is ample time to see one. */
  while (child == 0 && result == NULL)
    {
      g_autoptr(GArray) children = mado_test_list_children ();

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
  left_over = mado_test_list_children ();
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

static void
test_nothing_on_disk (void)
{
  g_autoptr(MadoLocalSynthesizer) synthesizer = mado_local_synthesizer_new (16000);
  g_autoptr(MadoAudioBuffer) english = NULL;
  g_autoptr(MadoAudioBuffer) japanese = NULL;
  g_autoptr(MadoAudioBuffer) easy = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *cwd = g_get_current_dir ();

  /* main() made this folder the working directory and TMPDIR for the whole run, so every
   * test above has already synthesised in it; these add one of each kind at the end. */
  g_assert_cmpstr (cwd, ==, empty_dir);
  g_assert_cmpstr (g_getenv ("TMPDIR"), ==, empty_dir);

  english = synthesize_ok (MADO_SYNTHESIZER (synthesizer), "Your documents are ready.", "en");
  japanese = synthesize_ok (MADO_SYNTHESIZER (synthesizer), "書類の準備ができました。", "ja");
  easy = synthesize_ok (MADO_SYNTHESIZER (synthesizer), "{書類|しょるい}ができました。", "ja-x-easy");

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

/* test-espeak-worker.c: espeak-ng in its own worker process: crashes, Burmese, cancellation, cleanup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-audio-buffer.h"
#include "mado-espeak-engine.h"
#include "mado-espeak-text.h"
#include "mado-local-synthesizer.h"
#include "mado-phrase-reader.h"
#include "mado-phrase.h"
#include "mado-test-utils.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* English suffix rules let "'s" stack without limit, and espeak-ng 1.51 overflows a stack buffer
 * once a word holds enough of them (upstream PR #2495): 110 of them abort the process. The
 * Burmese text workaround does not touch it, so it shows what happens when the worker dies. */
static char *
make_stacked_suffix_word (void)
{
  GString *word = g_string_new (NULL);

  for (guint i = 0; i < 110; i++)
    g_string_append (word, "s'");

  return g_string_free (word, FALSE);
}

/* Whether espeak-ng's own command line, which links the same library, is killed by a signal on
 * @text: what would have happened to the kiosk with espeak-ng inside it. */
static gboolean
kills_espeak_command (const char *voice,
                      const char *text)
{
  const char *argv[] = { "espeak-ng", "-v", voice, "-q", "--", text, NULL };
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL,
                               G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, NULL, NULL, &wait_status, &error));
  g_assert_no_error (error);

  return WIFSIGNALED (wait_status);
}

/* The espeak-ng workers this process has now: it starts no other child (but, in
 * kills_espeak_command(), espeak-ng, which it reaps before counting). */
static guint
count_children (void)
{
  g_autoptr(GArray) children = mado_test_list_children ();

  return children->len;
}

/* The one worker this process has now. */
static pid_t
only_child (void)
{
  g_autoptr(GArray) children = mado_test_list_children ();

  g_assert_cmpuint (children->len, ==, 1);
  return g_array_index (children, pid_t, 0);
}

/* Reaped, not merely killed: a zombie would still answer kill 0. */
static void
assert_process_gone (pid_t pid)
{
  g_assert_cmpint (kill (pid, 0), ==, -1);
  g_assert_cmpint (errno, ==, ESRCH);
}

/* The state letter and the CPU time used (utime + stime, in clock ticks) of a process. */
static void
read_process_stat (pid_t               pid,
                   char               *state,
                   unsigned long long *ticks)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", (int) pid);
  g_autofree char *stat = NULL;
  unsigned long long user = 0, system = 0;
  const char *after_name;

  g_assert_true (g_file_get_contents (path, &stat, NULL, NULL));
  after_name = strrchr (stat, ')');
  g_assert_nonnull (after_name);
  /* After the name: state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime. */
  g_assert_cmpint (sscanf (after_name + 1, " %c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu",
                           state, &user, &system), ==, 3);
  *ticks = user + system;
}

/* Speech of about the right length and loudness: a few tenths of a second at least, and speech is
 * in the thousands of RMS where silence is 0. */
static MadoAudioBuffer *
synthesize_speech (MadoSynthesizer *synthesizer,
                   const char      *text,
                   const char      *language)
{
  g_autoptr(GError) error = NULL;
  MadoAudioBuffer *speech = mado_synthesizer_synthesize (synthesizer, text, language, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (speech);
  g_assert_cmpuint (mado_audio_buffer_get_rate (speech), ==, 22050);
  g_assert_cmpfloat (mado_audio_buffer_get_duration (speech), >=, 0.3);
  g_assert_cmpfloat (mado_audio_buffer_get_rms (speech), >, 500.0);

  return speech;
}

static void
test_text_prepare (void)
{
  static const struct {
    const char *text;
    const char *prepared;
  } cases[] = {
    /* Text without a visarga, in any script, is passed on byte for byte. */
    { "", "" },
    { "Please take a number.", "Please take a number." },
    { "番号札をお取りください。", "番号札をお取りください。" },
    { "နံပါတ်ကတ်ကို ယူပြီး စောင့်ပေးပါ။", "နံပါတ်ကတ်ကို ယူပြီး စောင့်ပေးပါ။" },
    /* After an asat (်) and before a space, a full stop (။), a comma (၊), a bracket or the end,
     * espeak-ng takes the visarga for a word of its own: it goes. */
    { "မှတ်တမ်း စာ", "မှတ်တမ် စာ" },
    { "မှတ်တမ်း။", "မှတ်တမ်။" },
    { "ကတ်၊ မှတ်တမ်း၊ စာ", "ကတ်၊ မှတ်တမ်၊ စာ" },
    { "(မှတ်တမ်း)", "(မှတ်တမ်)" },
    { "မှတ်တမ်း", "မှတ်တမ်" },
    /* Alone between spaces, or after a dot below (့) or a digit, it stands alone too. */
    { "ကို း ကို", "ကို  ကို" },
    { "း ကို", " ကို" },
    { "ကဲ့း စာ", "ကဲ့ စာ" },
    { "၁၀း ကို", "၁၀ ကို" },
    /* Joined to a letter or a vowel sign on either side, espeak-ng keeps it in a word: it stays. */
    { "ထား", "ထား" },
    { "အထောက်အထား စာရွက်", "အထောက်အထား စာရွက်" },
    { "ယာဉ်မောင်းလိုင်စင်", "ယာဉ်မောင်းလိုင်စင်" },
    { "ကျေးဇူးတင်ပါတယ်", "ကျေးဇူးတင်ပါတယ်" },
    /* Two visargas hold on to each other. */
    { "တမ်းး စာ", "တမ်းး စာ" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *prepared = mado_espeak_text_prepare (cases[i].text);

      g_assert_cmpstr (prepared, ==, cases[i].prepared);
    }
}

/* The Burmese text of every shipped phrase, by phrase. */
static GPtrArray *
read_burmese_phrases (void)
{
  g_autoptr(MadoPhraseReader) reader = mado_phrase_reader_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sets = NULL;
  GPtrArray *phrases = g_ptr_array_new_with_free_func (g_object_unref);
  const char *dir = g_getenv ("MADOGUCHI_PHRASE_DIR");

  g_assert_nonnull (dir);
  sets = mado_phrase_reader_read_tree (reader, dir, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < sets->len; i++)
    {
      GPtrArray *set_phrases = mado_phrase_set_get_phrases (g_ptr_array_index (sets, i));

      for (guint j = 0; j < set_phrases->len; j++)
        if (mado_phrase_get_text (g_ptr_array_index (set_phrases, j), "my") != NULL)
          g_ptr_array_add (phrases, g_object_ref (g_ptr_array_index (set_phrases, j)));
    }

  return phrases;
}

/* Every shipped Burmese phrase is spoken, including those that kill espeak-ng itself. */
static void
test_burmese_phrases (void)
{
  g_autoptr(MadoLocalSynthesizer) synthesizer = mado_local_synthesizer_new (22050);
  g_autoptr(GPtrArray) phrases = read_burmese_phrases ();
  guint n_killing = 0;

  g_assert_cmpuint (phrases->len, >, 0);
  for (guint i = 0; i < phrases->len; i++)
    {
      MadoPhrase *phrase = g_ptr_array_index (phrases, i);
      const char *text = mado_phrase_get_text (phrase, "my");
      g_autoptr(MadoAudioBuffer) speech = NULL;

      if (kills_espeak_command ("my", text))
        {
          g_test_message ("%s kills espeak-ng's command line", mado_phrase_get_id (phrase));
          n_killing++;
        }
      speech = synthesize_speech (MADO_SYNTHESIZER (synthesizer), text, "my");
    }

  g_test_message ("%u Burmese phrases spoken; %u of them kill espeak-ng's own command line", phrases->len, n_killing);
}

/* A text that kills espeak-ng fails alone: the test process lives on, the dead worker is reaped,
 * and the next text, in another language, is spoken by a new worker. */
static void
test_crash_is_contained (void)
{
  g_autoptr(MadoLocalSynthesizer) synthesizer = mado_local_synthesizer_new (22050);
  MadoSynthesizer *s = MADO_SYNTHESIZER (synthesizer);
  g_autofree char *crasher = make_stacked_suffix_word ();
  g_autoptr(MadoAudioBuffer) first = synthesize_speech (s, "Good morning.", "en");
  g_autoptr(MadoAudioBuffer) crashed = NULL;
  g_autoptr(MadoAudioBuffer) after = NULL;
  g_autoptr(GError) error = NULL;
  pid_t first_worker = only_child ();

  /* The premise: the text really kills espeak-ng 1.51. */
  if (!kills_espeak_command ("en-us", crasher))
    g_error ("espeak-ng's command line no longer dies on the stacked-suffix word, so this test cannot show "
             "a worker dying; it needs another text that kills the installed espeak-ng");

  crashed = mado_synthesizer_synthesize (s, crasher, "en", NULL, &error);
  g_assert_null (crashed);
  g_assert_error (error, MADO_SPEECH_ERROR, MADO_SPEECH_ERROR_ENGINE_FAILED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "espeak-ng engine stopped on this text"));
  assert_process_gone (first_worker);
  g_assert_cmpuint (count_children (), ==, 0);

  after = synthesize_speech (s, "번호표를 뽑고 기다려 주세요.", "ko");
  g_assert_cmpint (only_child (), !=, first_worker);

  /* And once more in the first language, on the new worker. */
  g_clear_pointer (&after, mado_audio_buffer_unref);
  after = synthesize_speech (s, "Good morning.", "en");
}

static void
test_no_worker_left (void)
{
  MadoLocalSynthesizer *synthesizer = mado_local_synthesizer_new (22050);
  g_autoptr(MadoAudioBuffer) speech = synthesize_speech (MADO_SYNTHESIZER (synthesizer), "Next, please.", "en");
  pid_t worker = only_child ();

  g_assert_finalize_object (synthesizer);
  assert_process_gone (worker);
  g_assert_cmpuint (count_children (), ==, 0);
}

/* Asking about voices starts a worker of its own, which is reaped before the answer comes. */
static void
test_voices (void)
{
  g_autoptr(MadoLocalSynthesizer) synthesizer = mado_local_synthesizer_new (22050);
  g_autoptr(MadoEspeakEngine) engine = mado_espeak_engine_new ();
  static const char *espeak_languages[] = { "en", "zh-Hans", "zh-Hant", "ko", "vi", "id", "th", "my", "es", "fr",
                                            "pt-BR", "ne" };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (espeak_languages); i++)
    g_assert_true (mado_synthesizer_can_speak (MADO_SYNTHESIZER (synthesizer), espeak_languages[i]));
  g_assert_false (mado_synthesizer_can_speak (MADO_SYNTHESIZER (synthesizer), "fil"));
  g_assert_cmpuint (count_children (), ==, 0);

  /* Languages are found as espeak-ng's command line finds them: "fr-fr" is the voice file "fr". */
  g_assert_true (mado_espeak_engine_has_voice (engine, "fr-fr", &error));
  g_assert_no_error (error);
  g_assert_false (mado_espeak_engine_has_voice (engine, "xx-no-such-voice", &error));
  g_assert_error (error, MADO_SPEECH_ERROR, MADO_SPEECH_ERROR_ENGINE_MISSING);
  g_assert_nonnull (strstr (error->message, "xx-no-such-voice"));
  g_clear_error (&error);
  /* A voice asked about again is answered from memory: no worker is started for it. */
  g_assert_false (mado_espeak_engine_has_voice (engine, "xx-no-such-voice", &error));
  g_assert_error (error, MADO_SPEECH_ERROR, MADO_SPEECH_ERROR_ENGINE_MISSING);
  g_assert_cmpuint (count_children (), ==, 0);
}

/* Cancelling while the worker is speaking a long text kills that worker at once; the next text is
 * spoken by a new one. */
static void
test_cancel_mid_request (void)
{
  g_autoptr(MadoLocalSynthesizer) synthesizer = mado_local_synthesizer_new (22050);
  MadoSynthesizer *s = MADO_SYNTHESIZER (synthesizer);
  g_autoptr(MadoAudioBuffer) warm_up = synthesize_speech (s, "Good morning.", "en");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MadoAudioBuffer) cancelled = NULL;
  g_autoptr(MadoAudioBuffer) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) long_text = g_string_new (NULL);
  pid_t worker = only_child ();
  unsigned long long idle_ticks;
  char state;
  gboolean busy = FALSE;

  /* The worker has sent its reply and goes back to wait in read() for the next request. */
  do
    read_process_stat (worker, &state, &idle_ticks);
  while (state != 'S');

  /* About two and a half minutes of speech: espeak-ng works on it for a while. */
  while (long_text->len < 1990)
    g_string_append (long_text, "Please take a number and wait until it is called. ");
  mado_synthesizer_synthesize_async (s, long_text->str, "en", cancellable, mado_test_store_result, &result);

  /* Wait until the worker is really speaking it: running, or with more CPU time than when idle. */
  while (!busy && result == NULL)
    {
      unsigned long long ticks;

      g_main_context_iteration (NULL, FALSE);
      read_process_stat (worker, &state, &ticks);
      busy = state == 'R' || ticks > idle_ticks;
      if (!busy)
        g_usleep (100);
    }
  g_assert_null (result);
  g_assert_true (busy);

  g_cancellable_cancel (cancellable);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  cancelled = mado_synthesizer_synthesize_finish (s, result, &error);
  g_assert_null (cancelled);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  assert_process_gone (worker);

  after = synthesize_speech (s, "Thank you for waiting.", "en");
  g_assert_cmpint (only_child (), !=, worker);
}

typedef struct {
  MadoSynthesizer *synthesizer;
  const char      *text;
  const char      *language;
  double           expected_seconds;
} ThreadJob;

static gpointer
speak_from_thread (gpointer data)
{
  ThreadJob *job = data;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(MadoAudioBuffer) speech = synthesize_speech (job->synthesizer, job->text, job->language);

      /* espeak-ng carries some intonation state from one text to the next, so the same text may
       * come out a few per cent longer or shorter; the texts differ far more than that. */
      g_assert_cmpfloat_with_epsilon (mado_audio_buffer_get_duration (speech), job->expected_seconds,
                                      job->expected_seconds * 0.1);
    }

  return NULL;
}

/* Callers in several threads, each waiting on its own main context, share one worker; each gets
 * the speech for its own text. */
static void
test_requests_from_threads (void)
{
  g_autoptr(MadoLocalSynthesizer) synthesizer = mado_local_synthesizer_new (22050);
  /* From the shortest to the longest, each clearly longer than the one before. */
  ThreadJob jobs[] = {
    { MADO_SYNTHESIZER (synthesizer), "Good morning.", "en", 0 },
    { MADO_SYNTHESIZER (synthesizer), "Please take a number.", "en", 0 },
    { MADO_SYNTHESIZER (synthesizer), "ကြိုဆိုပါတယ်။ နံပါတ်ကတ်ကို ယူပြီး စောင့်ပေးပါ။", "my", 0 },
    { MADO_SYNTHESIZER (synthesizer),
      "어서 오세요. 번호표를 뽑고 호출될 때까지 기다려 주세요. 주민등록 창구는 이 층에 있습니다.", "ko", 0 },
  };
  GThread *threads[G_N_ELEMENTS (jobs)];

  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    {
      g_autoptr(MadoAudioBuffer) alone = synthesize_speech (jobs[i].synthesizer, jobs[i].text, jobs[i].language);

      jobs[i].expected_seconds = mado_audio_buffer_get_duration (alone);
    }
  /* So a mix-up between callers would show. */
  for (guint i = 1; i < G_N_ELEMENTS (jobs); i++)
    g_assert_cmpfloat (jobs[i].expected_seconds, >, 1.3 * jobs[i - 1].expected_seconds);

  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    threads[i] = g_thread_new ("speaker", speak_from_thread, &jobs[i]);
  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    g_thread_join (threads[i]);

  g_assert_cmpuint (count_children (), ==, 1);
}

/* Without the worker program, espeak-ng's languages cannot speak and say why; Japanese still can.
 * In a child process, because the program is looked up when a synthesizer is made and the
 * environment may only change before any thread exists. */
static void
test_worker_missing (void)
{
  const char *missing = "/nonexistent/madoguchi-espeak-worker";

  if (g_test_subprocess ())
    {
      g_autoptr(MadoLocalSynthesizer) synthesizer = NULL;
      g_autoptr(MadoAudioBuffer) speech = NULL;
      g_autoptr(GError) error = NULL;

      g_setenv (MADO_ESPEAK_WORKER_ENV, missing, TRUE);
      synthesizer = mado_local_synthesizer_new (22050);
      g_assert_false (mado_synthesizer_can_speak (MADO_SYNTHESIZER (synthesizer), "en"));
      g_assert_false (mado_synthesizer_can_speak (MADO_SYNTHESIZER (synthesizer), "my"));
      g_assert_true (mado_synthesizer_can_speak (MADO_SYNTHESIZER (synthesizer), "ja"));

      speech = mado_synthesizer_synthesize (MADO_SYNTHESIZER (synthesizer), "Hello", "en", NULL, &error);
      g_assert_null (speech);
      g_assert_error (error, MADO_SPEECH_ERROR, MADO_SPEECH_ERROR_ENGINE_MISSING);
      g_assert_nonnull (strstr (error->message, missing));
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/madoguchi/espeak-worker/text-prepare", test_text_prepare);
  g_test_add_func ("/madoguchi/espeak-worker/voices", test_voices);
  g_test_add_func ("/madoguchi/espeak-worker/no-worker-left", test_no_worker_left);
  g_test_add_func ("/madoguchi/espeak-worker/crash-is-contained", test_crash_is_contained);
  g_test_add_func ("/madoguchi/espeak-worker/cancel-mid-request", test_cancel_mid_request);
  g_test_add_func ("/madoguchi/espeak-worker/requests-from-threads", test_requests_from_threads);
  g_test_add_func ("/madoguchi/espeak-worker/worker-missing", test_worker_missing);
  g_test_add_func ("/madoguchi/espeak-worker/burmese-phrases", test_burmese_phrases);

  return g_test_run ();
}

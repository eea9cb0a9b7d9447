/* mado-open-jtalk.c: Japanese speech from the open_jtalk program, through pipes only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-open-jtalk.h"

#include <string.h>

#include "mado-synthesizer.h"

/* open_jtalk reads a single line of at most 1,022 bytes from its input and silently drops the
 * rest, so longer text is spoken as several runs whose audio is joined. */
#define MAX_LINE_BYTES 1000
/* The rate of the nitech voice, used for the empty result of text with nothing to pronounce. */
#define VOICE_RATE     48000

gboolean
mado_open_jtalk_check (const MadoOpenJTalkSetup  *setup,
                       GError                   **error)
{
  g_autofree char *program = NULL;
  g_autofree char *dictionary_file = NULL;

  g_return_val_if_fail (setup != NULL, FALSE);

  program = g_find_program_in_path (setup->program);
  if (program == NULL)
    {
      g_set_error (error, MADO_SPEECH_ERROR, MADO_SPEECH_ERROR_ENGINE_MISSING,
                   "The Open JTalk program “%s” is not installed (Debian package open-jtalk)", setup->program);
      return FALSE;
    }

  /* sys.dic is the file MeCab cannot do without; its absence means no dictionary at all. */
  dictionary_file = g_build_filename (setup->dictionary, "sys.dic", NULL);
  if (!g_file_test (dictionary_file, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, MADO_SPEECH_ERROR, MADO_SPEECH_ERROR_ENGINE_MISSING,
                   "The Open JTalk dictionary is not installed: %s is missing "
                   "(Debian package open-jtalk-mecab-naist-jdic)", dictionary_file);
      return FALSE;
    }

  if (!g_file_test (setup->voice, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, MADO_SPEECH_ERROR, MADO_SPEECH_ERROR_ENGINE_MISSING,
                   "The Open JTalk voice is not installed: %s is missing "
                   "(Debian package hts-voice-nitech-jp-atr503-m001, in contrib)", setup->voice);
      return FALSE;
    }

  return TRUE;
}

static gboolean
is_sentence_end (gunichar c)
{
  return c == 0x3002 /* 。 */ || c == 0xFF01 /* ！ */ || c == 0xFF1F /* ？ */ || c == 0xFF0E /* ． */ ||
         c == '.' || c == '!' || c == '?';
}

static gboolean
is_pause (gunichar c)
{
  return c == 0x3001 /* 、 */ || c == 0xFF0C /* ， */ || c == ',' || g_unichar_isspace (c);
}

static void
add_piece (GPtrArray  *pieces,
           const char *start,
           gsize       length)
{
  g_autofree char *piece = g_strndup (start, length);

  g_strstrip (piece);
  if (*piece != '\0')
    g_ptr_array_add (pieces, g_steal_pointer (&piece));
}

/**
 * mado_open_jtalk_split_text:
 * @text: valid UTF-8
 *
 * Every line break ends a piece (open_jtalk would stop reading there), and a line longer than
 * open_jtalk takes is cut after its last sentence end that fits, else after its last pause
 * (comma or space), else between two characters.
 *
 * Returns: (transfer full): the pieces, each at most 1,000 bytes, none empty.
 */
GStrv
mado_open_jtalk_split_text (const char *text)
{
  g_autoptr(GPtrArray) pieces = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) lines = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  lines = g_strsplit_set (text, "\r\n\v\f", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *p = lines[i];

      while (strlen (p) > MAX_LINE_BYTES)
        {
          const char *limit = p + MAX_LINE_BYTES;
          const char *sentence_break = NULL;
          const char *pause_break = NULL;
          const char *char_break = p;
          const char *cut;

          for (const char *q = p; q < limit;)
            {
              gunichar c = g_utf8_get_char (q);
              const char *next = g_utf8_next_char (q);

              if (next > limit)
                break;
              char_break = next;
              if (is_sentence_end (c))
                sentence_break = next;
              else if (is_pause (c))
                pause_break = next;
              q = next;
            }

          cut = sentence_break != NULL ? sentence_break : pause_break != NULL ? pause_break : char_break;
          add_piece (pieces, p, cut - p);
          p = cut;
        }
      add_piece (pieces, p, strlen (p));
    }

  g_ptr_array_add (pieces, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&pieces), FALSE);
}

typedef struct {
  char              *program;
  char             **argv_tail;  /* the options after the program: dictionary, voice, output */
  GStrv              pieces;
  guint              next_piece;
  MadoAudioBuffer   *buffer;
  GSubprocess       *running;
  GError            *failure;    /* held while a killed child is being reaped */
} SynthJob;

static void
synth_job_free (SynthJob *job)
{
  g_free (job->program);
  g_strfreev (job->argv_tail);
  g_strfreev (job->pieces);
  g_clear_pointer (&job->buffer, mado_audio_buffer_unref);
  g_clear_object (&job->running);
  g_clear_error (&job->failure);
  g_free (job);
}

static void run_next_piece (GTask *task);

static void
on_killed_child_reaped (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SynthJob *job = g_task_get_task_data (task);

  /* The wait cannot fail without a cancellable; the child is gone either way. */
  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  g_clear_object (&job->running);
  g_task_return_error (task, g_steal_pointer (&job->failure));
}

/* Kills the child and finishes the task with @error once it has been reaped, so that no
 * zombie and no half-written pipe outlive the request. */
static void
fail_and_reap (GTask  *task,
               GError *error)
{
  SynthJob *job = g_task_get_task_data (task);

  job->failure = error;
  g_subprocess_force_exit (job->running);
  g_subprocess_wait_async (job->running, NULL, on_killed_child_reaped, g_object_ref (task));
}

/* What the child wrote to stderr, as text. */
static char *
message_text (GBytes *bytes)
{
  gsize size = 0;
  const char *data = bytes != NULL ? g_bytes_get_data (bytes, &size) : NULL;

  return size > 0 ? g_utf8_make_valid (data, size) : g_strdup ("");
}

/* The first non-empty line of what the child wrote to stderr, for error messages. */
static char *
first_line_of (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (*g_strstrip (lines[i]) != '\0')
      return g_strdup (lines[i]);

  return g_strdup ("(no message)");
}

static void
on_piece_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SynthJob *job = g_task_get_task_data (task);
  GSubprocess *child = G_SUBPROCESS (source);
  g_autoptr(GBytes) wav = NULL;
  g_autoptr(GBytes) messages = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoAudioBuffer) piece = NULL;
  g_autofree char *messages_text = NULL;
  g_autofree char *message = NULL;

  if (!g_subprocess_communicate_finish (child, result, &wav, &messages, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          GError *wrapped = g_error_new (MADO_SPEECH_ERROR, MADO_SPEECH_ERROR_ENGINE_FAILED,
                                         "Could not exchange data with %s: %s", job->program, error->message);

          g_clear_error (&error);
          error = wrapped;
        }
      fail_and_reap (task, g_steal_pointer (&error));
      return;
    }

  g_clear_object (&job->running);
  messages_text = message_text (messages);
  message = first_line_of (messages_text);

  if (g_subprocess_get_if_signaled (child))
    {
      g_task_return_new_error (task, MADO_SPEECH_ERROR, MADO_SPEECH_ERROR_ENGINE_FAILED,
                               "%s was stopped by signal %d", job->program, g_subprocess_get_term_sig (child));
      return;
    }

  if (g_subprocess_get_exit_status (child) != 0)
    {
      /* A piece made only of symbols has nothing to pronounce; open_jtalk reports that as a
       * failure, but for the whole utterance it is just a silent stretch. */
      if (g_bytes_get_size (wav) == 0 && strstr (messages_text, "No phoneme") != NULL)
        {
          run_next_piece (task);
          return;
        }
      g_task_return_new_error (task, MADO_SPEECH_ERROR, MADO_SPEECH_ERROR_ENGINE_FAILED,
                               "%s failed with exit status %d: %s", job->program,
                               g_subprocess_get_exit_status (child), message);
      return;
    }

  piece = mado_audio_buffer_new_from_wav (g_bytes_get_data (wav, NULL), g_bytes_get_size (wav), &error);
  if (piece == NULL)
    {
      g_task_return_new_error (task, MADO_SPEECH_ERROR, MADO_SPEECH_ERROR_ENGINE_FAILED,
                               "%s produced audio that cannot be used: %s", job->program, error->message);
      return;
    }

  /* Every piece comes from the same voice file, so they all share its rate. */
  if (job->buffer == NULL)
    job->buffer = mado_audio_buffer_new (mado_audio_buffer_get_rate (piece));
  mado_audio_buffer_append (job->buffer, mado_audio_buffer_get_samples (piece, NULL), mado_audio_buffer_get_length (piece));

  run_next_piece (task);
}

static void
run_next_piece (GTask *task)
{
  SynthJob *job = g_task_get_task_data (task);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = NULL;
  g_autoptr(GBytes) input = NULL;
  g_autoptr(GError) error = NULL;
  const char *piece;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (job->pieces[job->next_piece] == NULL)
    {
      MadoAudioBuffer *buffer = job->buffer != NULL ? g_steal_pointer (&job->buffer) : mado_audio_buffer_new (VOICE_RATE);

      g_task_return_pointer (task, buffer, (GDestroyNotify) mado_audio_buffer_unref);
      return;
    }

  piece = job->pieces[job->next_piece++];
  argv = g_ptr_array_new ();
  g_ptr_array_add (argv, job->program);
  for (guint i = 0; job->argv_tail[i] != NULL; i++)
    g_ptr_array_add (argv, job->argv_tail[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* The root folder is never writable by the kiosk user, so even a misbehaving engine cannot
   * leave audio behind in whatever folder the app was started from. */
  g_subprocess_launcher_set_cwd (launcher, "/");
  job->running = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  if (job->running == NULL)
    {
      /* The program was found a moment ago, so this is a failure to run it, not an absence. */
      g_task_return_new_error (task, MADO_SPEECH_ERROR, MADO_SPEECH_ERROR_ENGINE_FAILED,
                               "Could not start %s: %s", job->program, error->message);
      return;
    }

  input = g_bytes_new_take (g_strconcat (piece, "\n", NULL), strlen (piece) + 1);
  g_subprocess_communicate_async (job->running, input, g_task_get_cancellable (task), on_piece_done,
                                  g_object_ref (task));
}

void
mado_open_jtalk_synthesize_async (const MadoOpenJTalkSetup *setup,
                                  const char               *text,
                                  GCancellable             *cancellable,
                                  GAsyncReadyCallback       callback,
                                  gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  SynthJob *job;

  g_return_if_fail (setup != NULL);
  g_return_if_fail (text != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mado_open_jtalk_synthesize_async);

  if (!mado_open_jtalk_check (setup, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  job = g_new0 (SynthJob, 1);
  job->program = g_find_program_in_path (setup->program);
  /* "-ow /dev/stdout": open_jtalk writes its WAV header with the final sizes before the
   * samples and never seeks, so the whole file goes down the pipe and nothing touches the disk. */
  job->argv_tail = g_strdupv ((char *[]) { "-x", setup->dictionary, "-m", setup->voice, "-ow", "/dev/stdout", NULL });
  job->pieces = mado_open_jtalk_split_text (text);
  g_task_set_task_data (task, job, (GDestroyNotify) synth_job_free);

  run_next_piece (task);
}

MadoAudioBuffer *
mado_open_jtalk_synthesize_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mado_open_jtalk_synthesize_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

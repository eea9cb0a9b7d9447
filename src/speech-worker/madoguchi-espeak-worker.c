/* madoguchi-espeak-worker.c: runs espeak-ng for Madoguchi in a process of its own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-espeak-protocol.h"

#include <errno.h>
#include <espeak-ng/speak_lib.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* espeak-ng 1.51 aborts on some text (a stack overflow caught by glibc's fortify checks). Here that
 * ends only this process: the app sees the socket close, reports the text as unspeakable and starts
 * a new worker for the next one. The app starts this program itself; mado-espeak-protocol.h
 * describes what travels on standard input and output. */

/* espeak-ng's output rate once it has loaded its data, or 0 when it could not. */
static int sample_rate;
static const char *data_path;

/* Reads exactly @size bytes. At a clean end of input before the first byte, sets @at_end. */
static gboolean
read_exactly (int       fd,
              void     *buffer,
              gsize     size,
              gboolean *at_end)
{
  guint8 *bytes = buffer;
  gsize done = 0;

  *at_end = FALSE;
  while (done < size)
    {
      ssize_t n = read (fd, bytes + done, size - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n == 0 && done == 0)
        *at_end = TRUE;
      if (n <= 0)
        return FALSE;
      done += (gsize) n;
    }

  return TRUE;
}

static gboolean
write_all (int         fd,
           const void *data,
           gsize       size)
{
  const guint8 *bytes = data;

  while (size > 0)
    {
      ssize_t n = write (fd, bytes, size);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      bytes += n;
      size -= (gsize) n;
    }

  return TRUE;
}

static gboolean
send_reply (int         fd,
            guint32     kind,
            guint32     first,
            guint32     second,
            const void *payload,
            gsize       payload_size)
{
  const guint32 header[MADO_ESPEAK_HEADER_WORDS] = { kind, first, second };

  return write_all (fd, header, sizeof header) && write_all (fd, payload, payload_size);
}

static gboolean G_GNUC_PRINTF (3, 4)
send_problem (int                fd,
              MadoEspeakProblem  problem,
              const char        *format,
              ...)
{
  g_autofree char *message = NULL;
  va_list args;
  gsize size;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  size = MIN (strlen (message), MADO_ESPEAK_MAX_MESSAGE_BYTES);
  return send_reply (fd, MADO_ESPEAK_REPLY_ERROR, problem, (guint32) size, message, size);
}

static gboolean
send_data_missing (int fd)
{
  return send_problem (fd, MADO_ESPEAK_PROBLEM_DATA_MISSING,
                       "espeak-ng could not load its data from %s (Debian package espeak-ng-data)", data_path);
}

/* Matches what espeak-ng's own command line does with -v: first a voice name or file name
 * ("en-us", "cmn-latn-pinyin"), then a language ("fr-fr" is the language of the voice file "fr"). */
static gboolean
select_voice (const char *voice)
{
  espeak_VOICE selector = { 0 };

  if (espeak_SetVoiceByName (voice) == EE_OK)
    return TRUE;

  selector.languages = voice;
  return espeak_SetVoiceByProperties (&selector) == EE_OK;
}

static gboolean
send_voice_missing (int         fd,
                    const char *voice)
{
  return send_problem (fd, MADO_ESPEAK_PROBLEM_VOICE_MISSING,
                       "The espeak-ng voice “%s” is not installed in %s", voice, data_path);
}

static int
collect_samples (short        *samples,
                 int           n_samples,
                 espeak_EVENT *events)
{
  GArray *speech = events != NULL ? events->user_data : NULL;

  if (speech == NULL)
    return 0;
  if (samples != NULL && n_samples > 0)
    g_array_append_vals (speech, samples, (guint) n_samples);

  /* A non-zero return makes espeak-ng abandon the rest of the text; the reply could not carry more. */
  return speech->len > MADO_ESPEAK_MAX_SAMPLES ? 1 : 0;
}

static gboolean
speak (int         fd,
       const char *voice,
       const char *text)
{
  g_autoptr(GArray) speech = g_array_new (FALSE, FALSE, sizeof (gint16));
  espeak_ERROR status;

  if (sample_rate <= 0)
    return send_data_missing (fd);
  if (!select_voice (voice))
    return send_voice_missing (fd, voice);

  /* No espeakSSML flag: phrase text is spoken as written, never parsed as markup. */
  status = espeak_Synth (text, strlen (text) + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, NULL, speech);
  if (status != EE_OK)
    return send_problem (fd, MADO_ESPEAK_PROBLEM_SYNTHESIS,
                         "espeak-ng failed to synthesise with the voice “%s” (error %d)", voice, (int) status);
  if (speech->len > MADO_ESPEAK_MAX_SAMPLES)
    return send_problem (fd, MADO_ESPEAK_PROBLEM_SYNTHESIS,
                         "espeak-ng made more than %u samples of speech from this text", MADO_ESPEAK_MAX_SAMPLES);

  return send_reply (fd, MADO_ESPEAK_REPLY_AUDIO, (guint32) sample_rate, speech->len,
                     speech->data, speech->len * sizeof (gint16));
}

static gboolean
check_voice (int         fd,
             const char *voice)
{
  if (sample_rate <= 0)
    return send_data_missing (fd);
  if (!select_voice (voice))
    return send_voice_missing (fd, voice);

  return send_reply (fd, MADO_ESPEAK_REPLY_VOICE_OK, 0, 0, NULL, 0);
}

/* Answers requests until the input ends. Returns the exit status. */
static int
serve (int requests,
       int replies)
{
  for (;;)
    {
      guint32 header[MADO_ESPEAK_HEADER_WORDS];
      g_autofree char *voice = NULL;
      g_autofree char *text = NULL;
      gboolean at_end;
      gboolean replied;

      if (!read_exactly (requests, header, sizeof header, &at_end))
        return at_end ? 0 : 1;

      /* After a frame that makes no sense the stream cannot be trusted to be in step any more. */
      if ((header[0] != MADO_ESPEAK_REQUEST_SPEAK && header[0] != MADO_ESPEAK_REQUEST_CHECK_VOICE) ||
          header[1] == 0 || header[1] > MADO_ESPEAK_MAX_VOICE_BYTES || header[2] > MADO_ESPEAK_MAX_TEXT_BYTES)
        {
          send_problem (replies, MADO_ESPEAK_PROBLEM_BAD_REQUEST,
                        "The espeak-ng worker received a request it cannot read (kind %08x, %u and %u bytes)",
                        header[0], header[1], header[2]);
          return 1;
        }

      voice = g_malloc0 (header[1] + 1);
      text = g_malloc0 (header[2] + 1);
      if (!read_exactly (requests, voice, header[1], &at_end) || !read_exactly (requests, text, header[2], &at_end))
        return 1;

      if (!g_utf8_validate (voice, header[1], NULL) || !g_utf8_validate (text, header[2], NULL))
        {
          send_problem (replies, MADO_ESPEAK_PROBLEM_BAD_REQUEST,
                        "The espeak-ng worker received a voice name or text that is not UTF-8");
          return 1;
        }

      if (header[0] == MADO_ESPEAK_REQUEST_SPEAK)
        replied = speak (replies, voice, text);
      else
        replied = check_voice (replies, voice);

      /* The app has gone away, or closed the socket to stop this worker. */
      if (!replied)
        return 0;
    }
}

int
main (int   argc,
      char *argv[])
{
  int replies;

  if (argc > 1)
    {
      fprintf (stderr, "%s takes no arguments: Madoguchi starts it and talks to it over standard input and output\n",
               argv[0]);
      return 2;
    }

  /* The app's locale, so that espeak-ng's character classes treat non-ASCII letters as letters. */
  setlocale (LC_ALL, "");

  /* Replies get a descriptor of their own and standard output becomes standard error, so that
   * nothing espeak-ng prints can ever be taken for a frame. */
  replies = dup (STDOUT_FILENO);
  if (replies < 0 || dup2 (STDERR_FILENO, STDOUT_FILENO) < 0)
    {
      perror ("madoguchi-espeak-worker: cannot set up its output");
      return 1;
    }

  /* DONT_EXIT: without it espeak-ng calls exit() when its data is missing, before the app could be
   * told why. */
  sample_rate = espeak_Initialize (AUDIO_OUTPUT_SYNCHRONOUS, 100, NULL, espeakINITIALIZE_DONT_EXIT);
  espeak_Info (&data_path);
  if (data_path == NULL)
    data_path = "espeak-ng's default data folder";
  if (sample_rate > 0)
    espeak_SetSynthCallback (collect_samples);

  return serve (STDIN_FILENO, replies);
}

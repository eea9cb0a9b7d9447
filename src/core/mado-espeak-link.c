/* mado-espeak-link.c: starting madoguchi-espeak-worker, and the frames the app exchanges with it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-espeak-link.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "mado-synthesizer.h"

/* Runs in the new child between fork and exec, so it may only make async-signal-safe calls. */
static void
die_with_parent (gpointer user_data)
{
  pid_t parent = GPOINTER_TO_INT (user_data);

  prctl (PR_SET_PDEATHSIG, SIGKILL);
  /* The app may have died before the line above took effect; then no signal would ever come. */
  if (getppid () != parent)
    _exit (1);
}

/**
 * mado_espeak_link_spawn:
 * @program: the worker program
 * @link: (out): our end of the socket that is the worker's standard input and output
 * @error: %MADO_SPEECH_ERROR_ENGINE_MISSING when @program is not installed
 *
 * Starts a worker that the kernel kills when the thread that started it ends.
 *
 * Returns: (transfer full) (nullable): the worker.
 */
GSubprocess *
mado_espeak_link_spawn (const char  *program,
                        GIOStream  **link,
                        GError     **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) worker = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GError) local_error = NULL;
  int ends[2];
  int worker_output;

  /* A socket rather than pipes: writing to a worker that has died then fails with EPIPE instead of
   * raising SIGPIPE, which would end the app. Close-on-exec keeps our end out of every other child
   * (open_jtalk), so that the worker sees its input end when the engine lets go of it. */
  if (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, ends) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, MADO_SPEECH_ERROR, MADO_SPEECH_ERROR_ENGINE_FAILED,
                   "Could not make a socket to talk to the espeak-ng worker: %s", g_strerror (saved_errno));
      return NULL;
    }

  worker_output = fcntl (ends[1], F_DUPFD_CLOEXEC, 3);
  if (worker_output < 0)
    {
      int saved_errno = errno;

      close (ends[0]);
      close (ends[1]);
      g_set_error (error, MADO_SPEECH_ERROR, MADO_SPEECH_ERROR_ENGINE_FAILED,
                   "Could not make a socket to talk to the espeak-ng worker: %s", g_strerror (saved_errno));
      return NULL;
    }

  /* The launcher closes its copies of the worker's end when it is freed below, so that the
   * worker's death shows here as the end of the stream. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_take_stdin_fd (launcher, ends[1]);
  g_subprocess_launcher_take_stdout_fd (launcher, worker_output);
  /* The root folder is never writable by the kiosk user, so nothing can be left behind. */
  g_subprocess_launcher_set_cwd (launcher, "/");
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, GINT_TO_POINTER (getpid ()), NULL);

  worker = g_subprocess_launcher_spawn (launcher, &local_error, program, NULL);
  if (worker == NULL)
    {
      close (ends[0]);
      if (g_error_matches (local_error, G_SPAWN_ERROR, G_SPAWN_ERROR_NOENT))
        g_set_error (error, MADO_SPEECH_ERROR, MADO_SPEECH_ERROR_ENGINE_MISSING,
                     "The espeak-ng worker program %s is not installed. It is part of Madoguchi; a build "
                     "run from its own folder finds it through " MADO_ESPEAK_WORKER_ENV " (meson devenv sets it)",
                     program);
      else
        g_set_error (error, MADO_SPEECH_ERROR, MADO_SPEECH_ERROR_ENGINE_FAILED,
                     "Could not start the espeak-ng worker %s: %s", program, local_error->message);
      return NULL;
    }

  socket = g_socket_new_from_fd (ends[0], &local_error);
  if (socket == NULL)
    {
      close (ends[0]);
      g_subprocess_force_exit (worker);
      g_subprocess_wait (worker, NULL, NULL);
      g_set_error (error, MADO_SPEECH_ERROR, MADO_SPEECH_ERROR_ENGINE_FAILED,
                   "Could not talk to the espeak-ng worker %s: %s", program, local_error->message);
      return NULL;
    }

  *link = G_IO_STREAM (g_socket_connection_factory_create_connection (socket));
  return g_steal_pointer (&worker);
}

GBytes *
mado_espeak_link_encode_request (MadoEspeakRequestKind  kind,
                                 const char            *voice,
                                 const char            *text)
{
  gsize voice_size = strlen (voice);
  gsize text_size = strlen (text);
  const guint32 header[MADO_ESPEAK_HEADER_WORDS] = { kind, (guint32) voice_size, (guint32) text_size };
  GByteArray *frame = g_byte_array_sized_new (sizeof header + voice_size + text_size);

  g_byte_array_append (frame, (const guint8 *) header, sizeof header);
  g_byte_array_append (frame, (const guint8 *) voice, voice_size);
  g_byte_array_append (frame, (const guint8 *) text, text_size);

  return g_byte_array_free_to_bytes (frame);
}

gboolean
mado_espeak_link_check_reply_header (const guint32  header[MADO_ESPEAK_HEADER_WORDS],
                                     gsize         *payload_size)
{
  switch (header[0])
    {
    case MADO_ESPEAK_REPLY_AUDIO:
      *payload_size = (gsize) header[2] * sizeof (gint16);
      return header[1] > 0 && header[2] <= MADO_ESPEAK_MAX_SAMPLES;
    case MADO_ESPEAK_REPLY_VOICE_OK:
      *payload_size = 0;
      return header[1] == 0 && header[2] == 0;
    case MADO_ESPEAK_REPLY_ERROR:
      *payload_size = header[2];
      return header[2] <= MADO_ESPEAK_MAX_MESSAGE_BYTES;
    default:
      return FALSE;
    }
}

GError *
mado_espeak_link_unreadable_reply_error (void)
{
  return g_error_new_literal (MADO_SPEECH_ERROR, MADO_SPEECH_ERROR_ENGINE_FAILED,
                              "The espeak-ng worker sent a reply that Madoguchi cannot read");
}

GError *
mado_espeak_link_problem_error (guint32       problem,
                                const guint8 *message,
                                gsize         size)
{
  g_autofree char *text = size > 0 ? g_utf8_make_valid ((const char *) message, (gssize) size) : NULL;
  MadoSpeechError code = MADO_SPEECH_ERROR_ENGINE_FAILED;

  if (problem == MADO_ESPEAK_PROBLEM_DATA_MISSING || problem == MADO_ESPEAK_PROBLEM_VOICE_MISSING)
    code = MADO_SPEECH_ERROR_ENGINE_MISSING;

  return g_error_new_literal (MADO_SPEECH_ERROR, code, text != NULL ? text : "The espeak-ng worker failed");
}

gboolean
mado_espeak_link_read_reply (GInputStream  *replies,
                             guint32        header[MADO_ESPEAK_HEADER_WORDS],
                             guint8       **payload,
                             gsize         *payload_size,
                             GError       **error)
{
  gsize n_read = 0;

  if (!g_input_stream_read_all (replies, header, MADO_ESPEAK_HEADER_SIZE, &n_read, NULL, error))
    return FALSE;
  if (n_read == MADO_ESPEAK_HEADER_SIZE && !mado_espeak_link_check_reply_header (header, payload_size))
    {
      g_propagate_error (error, mado_espeak_link_unreadable_reply_error ());
      return FALSE;
    }
  if (n_read == MADO_ESPEAK_HEADER_SIZE)
    {
      *payload = g_malloc0 (*payload_size + 1);
      if (!g_input_stream_read_all (replies, *payload, *payload_size, &n_read, NULL, error))
        return FALSE;
      if (n_read == *payload_size)
        return TRUE;
    }

  g_set_error_literal (error, MADO_SPEECH_ERROR, MADO_SPEECH_ERROR_ENGINE_FAILED,
                       "The espeak-ng worker stopped before it had answered");
  return FALSE;
}

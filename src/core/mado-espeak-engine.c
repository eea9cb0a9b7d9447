/* mado-espeak-engine.c: espeak-ng speech, made by madoguchi-espeak-worker in a process of its own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-espeak-engine.h"

#include <string.h>

#include "mado-espeak-link.h"
#include "mado-espeak-text.h"
#include "mado-language.h"
#include "mado-synthesizer.h"

/* espeak-ng 1.51 aborts the whole process on some text (mado-espeak-protocol.h), so it never runs
 * in the app: a worker program links it, and this engine sends it one text at a time. A worker is
 * started for the first text, serves every text after it, and is replaced when it dies. */

struct _MadoEspeakEngine
{
  GObject      parent_instance;

  char        *program;

  /* Touched only in the service thread while requests exist, and by dispose once none is left. */
  GSubprocess *worker;
  GIOStream   *link;            /* our end of the socket that is the worker's stdin and stdout */
  GQueue       waiting;         /* GTasks not started yet, oldest first */
  GTask       *current;         /* the request the worker is busy with */

  /* What workers said about voices, so that can_speak() never waits behind speech in progress. */
  GMutex       voices_lock;
  GHashTable  *voices;          /* voice name → NULL when installed, else why it cannot be used */
  GError      *voices_failure;  /* no voice can be used: the worker or espeak-ng's data is missing */
};

G_DEFINE_FINAL_TYPE (MadoEspeakEngine, mado_espeak_engine, G_TYPE_OBJECT)

static gpointer
run_service (gpointer data)
{
  GMainContext *context = data;

  g_main_context_push_thread_default (context);
  for (;;)
    g_main_context_iteration (context, TRUE);

  return NULL;
}

/* Workers are started and driven from one thread that lives as long as the process. The kernel
 * sends PR_SET_PDEATHSIG when the thread that started a child ends, not the process, so a worker
 * started from a short-lived thread would be killed under the app's feet. The thread also gives
 * the I/O a main context that always runs, whichever threads and contexts the callers use. It
 * sleeps in poll() whenever nothing is being spoken. */
static GMainContext *
get_service_context (void)
{
  static GMainContext *service;

  if (g_once_init_enter (&service))
    {
      GMainContext *context = g_main_context_new ();

      g_thread_unref (g_thread_new ("mado-espeak", run_service, context));
      g_once_init_leave (&service, context);
    }

  return service;
}

/* Records the answer about @voice. FALSE when the worker could not answer at all. Must be called
 * with voices_lock held. */
static gboolean
read_voice_answer (MadoEspeakEngine  *self,
                   GInputStream      *replies,
                   const char        *voice,
                   GError           **error)
{
  guint32 header[MADO_ESPEAK_HEADER_WORDS];
  g_autofree guint8 *payload = NULL;
  gsize payload_size = 0;

  if (!mado_espeak_link_read_reply (replies, header, &payload, &payload_size, error))
    return FALSE;

  if (header[0] == MADO_ESPEAK_REPLY_VOICE_OK)
    {
      g_hash_table_insert (self->voices, g_strdup (voice), NULL);
      return TRUE;
    }
  if (header[0] == MADO_ESPEAK_REPLY_ERROR && header[1] == MADO_ESPEAK_PROBLEM_VOICE_MISSING)
    {
      g_hash_table_insert (self->voices, g_strdup (voice), g_utf8_make_valid ((const char *) payload, -1));
      return TRUE;
    }
  if (header[0] == MADO_ESPEAK_REPLY_ERROR && header[1] == MADO_ESPEAK_PROBLEM_DATA_MISSING)
    {
      /* Without its data espeak-ng has no voice at all, and the data does not appear while the
       * kiosk runs. */
      self->voices_failure = mado_espeak_link_problem_error (header[1], payload, payload_size);
      g_propagate_error (error, g_error_copy (self->voices_failure));
      return FALSE;
    }

  if (header[0] == MADO_ESPEAK_REPLY_ERROR)
    g_propagate_error (error, mado_espeak_link_problem_error (header[1], payload, payload_size));
  else
    g_propagate_error (error, mado_espeak_link_unreadable_reply_error ());
  return FALSE;
}

/* Asks a worker of its own whether each of @voices is installed, so that the answer never waits
 * behind speech in progress, and records the answers. Must be called with voices_lock held. */
static gboolean
ask_about_voices (MadoEspeakEngine  *self,
                  GPtrArray         *voices,
                  GError           **error)
{
  g_autoptr(GSubprocess) worker = NULL;
  g_autoptr(GIOStream) link = NULL;
  g_autoptr(GError) local_error = NULL;
  GOutputStream *requests;
  GInputStream *replies;
  gboolean answered = TRUE;

  worker = mado_espeak_link_spawn (self->program, &link, &local_error);
  if (worker == NULL)
    {
      /* A program that is not installed does not appear while the kiosk runs either. */
      if (g_error_matches (local_error, MADO_SPEECH_ERROR, MADO_SPEECH_ERROR_ENGINE_MISSING))
        self->voices_failure = g_error_copy (local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  requests = g_io_stream_get_output_stream (link);
  replies = g_io_stream_get_input_stream (link);
  for (guint i = 0; answered && i < voices->len; i++)
    {
      g_autoptr(GBytes) frame = mado_espeak_link_encode_request (MADO_ESPEAK_REQUEST_CHECK_VOICE, voices->pdata[i], "");

      answered = g_output_stream_write_all (requests, g_bytes_get_data (frame, NULL), g_bytes_get_size (frame),
                                            NULL, NULL, &local_error);
    }
  for (guint i = 0; answered && i < voices->len; i++)
    answered = read_voice_answer (self, replies, voices->pdata[i], &local_error);

  g_io_stream_close (link, NULL, NULL);
  g_subprocess_force_exit (worker);
  g_subprocess_wait (worker, NULL, NULL);

  if (!answered)
    {
      if (local_error->domain == MADO_SPEECH_ERROR)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, MADO_SPEECH_ERROR, MADO_SPEECH_ERROR_ENGINE_FAILED,
                     "Could not ask the espeak-ng worker which voices are installed: %s", local_error->message);
    }

  return answered;
}

/**
 * mado_espeak_engine_has_voice:
 * @self: an engine
 * @voice: an espeak-ng voice name or language
 * @error: the reason the voice cannot be used
 *
 * Returns: whether @voice can speak.
 */
gboolean
mado_espeak_engine_has_voice (MadoEspeakEngine  *self,
                              const char        *voice,
                              GError           **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  const char *why_not;

  g_return_val_if_fail (MADO_IS_ESPEAK_ENGINE (self), FALSE);
  g_return_val_if_fail (voice != NULL, FALSE);

  locker = g_mutex_locker_new (&self->voices_lock);

  if (self->voices_failure == NULL && !g_hash_table_contains (self->voices, voice))
    {
      /* One worker answers for every voice of the registry at once, as the UI asks about them
       * one after another. */
      g_autoptr(GPtrArray) unknown = g_ptr_array_new ();
      guint n_languages = 0;
      const MadoLanguage **languages = mado_language_get_all (&n_languages);

      g_ptr_array_add (unknown, (gpointer) voice);
      for (guint i = 0; i < n_languages; i++)
        if (languages[i]->voice_engine == MADO_VOICE_ESPEAK && languages[i]->voice != NULL &&
            !g_hash_table_contains (self->voices, languages[i]->voice) &&
            !g_ptr_array_find_with_equal_func (unknown, languages[i]->voice, g_str_equal, NULL))
          g_ptr_array_add (unknown, (gpointer) languages[i]->voice);

      if (!ask_about_voices (self, unknown, error))
        return FALSE;
    }

  if (self->voices_failure != NULL)
    {
      g_propagate_error (error, g_error_copy (self->voices_failure));
      return FALSE;
    }

  why_not = g_hash_table_lookup (self->voices, voice);
  if (why_not != NULL)
    {
      g_set_error_literal (error, MADO_SPEECH_ERROR, MADO_SPEECH_ERROR_ENGINE_MISSING, why_not);
      return FALSE;
    }

  return TRUE;
}

typedef struct {
  char            *voice;
  GBytes          *frame;        /* the request as it goes to the worker */
  GSubprocess     *worker;       /* the worker it went to */
  guint32          header[MADO_ESPEAK_HEADER_WORDS];
  guint8          *payload;
  gsize            payload_size;
  /* The outcome, carried to the caller's thread by hand_back(). */
  MadoAudioBuffer *speech;
  GError          *error;
} SynthRequest;

static void
synth_request_free (SynthRequest *request)
{
  g_free (request->voice);
  g_bytes_unref (request->frame);
  g_clear_object (&request->worker);
  g_free (request->payload);
  g_clear_pointer (&request->speech, mado_audio_buffer_unref);
  g_clear_error (&request->error);
  g_free (request);
}

static gboolean
return_in_caller_context (gpointer user_data)
{
  GTask *task = user_data;
  SynthRequest *request = g_task_get_task_data (task);

  if (request->error != NULL)
    g_task_return_error (task, g_steal_pointer (&request->error));
  else
    g_task_return_pointer (task, g_steal_pointer (&request->speech), (GDestroyNotify) mado_audio_buffer_unref);

  return G_SOURCE_REMOVE;
}

/* Results go back through the caller's own main context, so that the caller's thread drops the
 * last reference to the task, and with it perhaps to the engine: the engine is then finalized, and
 * its worker reaped, in the thread that let go of it, not a moment later in the service thread. */
static void
hand_back (GTask *task)
{
  g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT, return_in_caller_context, task,
                              g_object_unref);
}

static void
discard_worker (MadoEspeakEngine *self)
{
  g_clear_object (&self->link);
  g_clear_object (&self->worker);
}

/* A worker that died while idle (killed by an administrator, or by the kernel to free memory) is
 * replaced before the next text rather than blamed for it. GSubprocess forgets the process
 * identifier once the process has been reaped. */
static gboolean
ensure_worker (MadoEspeakEngine  *self,
               GError           **error)
{
  if (self->worker != NULL && g_subprocess_get_identifier (self->worker) == NULL)
    discard_worker (self);
  if (self->worker == NULL)
    self->worker = mado_espeak_link_spawn (self->program, &self->link, error);

  return self->worker != NULL;
}

static void on_request_written (GObject      *source,
                                GAsyncResult *result,
                                gpointer      user_data);

static void
start_next (MadoEspeakEngine *self)
{
  GTask *task;

  while (self->current == NULL && (task = g_queue_pop_head (&self->waiting)) != NULL)
    {
      SynthRequest *request = g_task_get_task_data (task);
      GCancellable *cancellable = g_task_get_cancellable (task);

      if (g_cancellable_set_error_if_cancelled (cancellable, &request->error) ||
          !ensure_worker (self, &request->error))
        {
          hand_back (task);
          continue;
        }

      self->current = task;
      request->worker = g_object_ref (self->worker);
      g_output_stream_write_all_async (g_io_stream_get_output_stream (self->link),
                                       g_bytes_get_data (request->frame, NULL), g_bytes_get_size (request->frame),
                                       G_PRIORITY_DEFAULT, cancellable, on_request_written, task);
    }
}

static void
finish_request (GTask *task)
{
  MadoEspeakEngine *self = g_task_get_source_object (task);

  g_assert (self->current == task);
  self->current = NULL;

  /* The next request starts before this one is handed back, because once handed back the task
   * may hold the last reference to the engine. */
  start_next (self);
  hand_back (task);
}

static GError *
stopped_worker_error (SynthRequest *request)
{
  if (g_subprocess_get_if_signaled (request->worker))
    {
      int signal_number = g_subprocess_get_term_sig (request->worker);

      return g_error_new (MADO_SPEECH_ERROR, MADO_SPEECH_ERROR_ENGINE_FAILED,
                          "The espeak-ng engine stopped on this text (voice “%s”): it was killed by signal %d, %s. "
                          "It starts afresh for the next text.",
                          request->voice, signal_number, g_strsignal (signal_number));
    }

  return g_error_new (MADO_SPEECH_ERROR, MADO_SPEECH_ERROR_ENGINE_FAILED,
                      "The espeak-ng engine stopped on this text (voice “%s”): it exited with status %d. "
                      "It starts afresh for the next text.",
                      request->voice, g_subprocess_get_exit_status (request->worker));
}

static void
on_stopped_worker_reaped (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  GTask *task = user_data;
  SynthRequest *request = g_task_get_task_data (task);

  /* Without a cancellable the wait cannot fail; the worker is gone either way. */
  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);

  if (request->error == NULL)
    request->error = stopped_worker_error (request);

  finish_request (task);
}

/* Ends the request with request->error, or when that is unset with how the worker died. The worker
 * is killed (it may already be dead) and the request finishes only once it has been reaped, so
 * that a cancelled or failed request never leaves a worker in an unknown state, nor a zombie. */
static void
stop_worker_and_finish (GTask *task)
{
  MadoEspeakEngine *self = g_task_get_source_object (task);
  SynthRequest *request = g_task_get_task_data (task);

  if (self->worker == request->worker)
    discard_worker (self);

  /* A worker whose socket has closed is already dead, and a kill cannot change how it died. */
  g_subprocess_force_exit (request->worker);
  g_subprocess_wait_async (request->worker, NULL, on_stopped_worker_reaped, task);
}

static void
end_with_io_error (GTask  *task,
                   GError *error)
{
  SynthRequest *request = g_task_get_task_data (task);

  /* EPIPE on the socket: the worker had closed its end, that is, died. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED))
    g_error_free (error);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    request->error = error;
  else
    {
      request->error = g_error_new (MADO_SPEECH_ERROR, MADO_SPEECH_ERROR_ENGINE_FAILED,
                                    "Could not exchange data with the espeak-ng worker: %s", error->message);
      g_error_free (error);
    }

  stop_worker_and_finish (task);
}

/* Whether the read of a reply's @wanted bytes got them all. When it did not, the request has
 * been ended: with the read's error, or, where the stream ended short of a whole reply, with
 * how espeak-ng died on this text. */
static gboolean
finish_read (GObject      *stream,
             GAsyncResult *result,
             GTask        *task,
             gsize         wanted)
{
  GError *error = NULL;
  gsize n_read = 0;

  if (!g_input_stream_read_all_finish (G_INPUT_STREAM (stream), result, &n_read, &error))
    {
      end_with_io_error (task, error);
      return FALSE;
    }
  if (n_read < wanted)
    {
      stop_worker_and_finish (task);
      return FALSE;
    }

  return TRUE;
}

static void
on_payload_read (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  SynthRequest *request = g_task_get_task_data (task);

  if (!finish_read (source, result, task, request->payload_size))
    return;

  if (request->header[0] == MADO_ESPEAK_REPLY_AUDIO)
    {
      request->speech = mado_audio_buffer_new_take (request->header[1], (gint16 *) g_steal_pointer (&request->payload),
                                                    request->header[2]);
      finish_request (task);
      return;
    }

  request->error = mado_espeak_link_problem_error (request->header[1], request->payload, request->payload_size);
  /* After a request it could not read, the worker exits: it is replaced now. */
  if (request->header[1] == MADO_ESPEAK_PROBLEM_BAD_REQUEST)
    stop_worker_and_finish (task);
  else
    finish_request (task);
}

static void
on_header_read (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  SynthRequest *request = g_task_get_task_data (task);

  if (!finish_read (source, result, task, MADO_ESPEAK_HEADER_SIZE))
    return;
  if (!mado_espeak_link_check_reply_header (request->header, &request->payload_size) ||
      request->header[0] == MADO_ESPEAK_REPLY_VOICE_OK)
    {
      request->error = mado_espeak_link_unreadable_reply_error ();
      stop_worker_and_finish (task);
      return;
    }

  request->payload = g_malloc (MAX (request->payload_size, 1));
  g_input_stream_read_all_async (G_INPUT_STREAM (source), request->payload, request->payload_size,
                                 G_PRIORITY_DEFAULT, g_task_get_cancellable (task), on_payload_read, task);
}

static void
on_request_written (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;
  MadoEspeakEngine *self = g_task_get_source_object (task);
  SynthRequest *request = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, &error))
    {
      end_with_io_error (task, error);
      return;
    }

  g_input_stream_read_all_async (g_io_stream_get_input_stream (self->link), request->header, MADO_ESPEAK_HEADER_SIZE,
                                 G_PRIORITY_DEFAULT, g_task_get_cancellable (task), on_header_read, task);
}

static gboolean
enqueue_in_service (gpointer user_data)
{
  GTask *task = user_data;
  MadoEspeakEngine *self = g_task_get_source_object (task);

  g_queue_push_tail (&self->waiting, task);
  start_next (self);

  return G_SOURCE_REMOVE;
}

/**
 * mado_espeak_engine_synthesize_async:
 * @self: an engine
 * @voice: an espeak-ng voice name or language
 * @text: valid UTF-8
 * @cancellable: (nullable): stops the request; a running one kills its worker
 * @callback: called in the thread-default main context of the caller
 * @user_data: for @callback
 */
void
mado_espeak_engine_synthesize_async (MadoEspeakEngine    *self,
                                     const char          *voice,
                                     const char          *text,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *prepared = NULL;
  SynthRequest *request;
  gsize voice_size;
  gsize text_size;

  g_return_if_fail (MADO_IS_ESPEAK_ENGINE (self));
  g_return_if_fail (voice != NULL);
  g_return_if_fail (text != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mado_espeak_engine_synthesize_async);

  prepared = mado_espeak_text_prepare (text);
  voice_size = strlen (voice);
  text_size = strlen (prepared);
  if (voice_size == 0 || voice_size > MADO_ESPEAK_MAX_VOICE_BYTES)
    {
      g_task_return_new_error (task, MADO_SPEECH_ERROR, MADO_SPEECH_ERROR_ENGINE_MISSING,
                               "“%s” cannot be the name of an espeak-ng voice", voice);
      return;
    }
  if (text_size > MADO_ESPEAK_MAX_TEXT_BYTES)
    {
      g_task_return_new_error (task, MADO_SPEECH_ERROR, MADO_SPEECH_ERROR_TOO_LONG,
                               "The text to speak has %" G_GSIZE_FORMAT " bytes; espeak-ng takes at most %d at once",
                               text_size, MADO_ESPEAK_MAX_TEXT_BYTES);
      return;
    }

  request = g_new0 (SynthRequest, 1);
  request->voice = g_strdup (voice);
  request->frame = mado_espeak_link_encode_request (MADO_ESPEAK_REQUEST_SPEAK, voice, prepared);
  g_task_set_task_data (task, request, (GDestroyNotify) synth_request_free);

  g_main_context_invoke_full (get_service_context (), G_PRIORITY_DEFAULT, enqueue_in_service,
                              g_steal_pointer (&task), NULL);
}

/**
 * mado_espeak_engine_synthesize_finish:
 *
 * Returns: (transfer full) (nullable): the speech, or %NULL with @error set (in
 *   %MADO_SPEECH_ERROR, or %G_IO_ERROR_CANCELLED).
 */
MadoAudioBuffer *
mado_espeak_engine_synthesize_finish (MadoEspeakEngine  *self,
                                      GAsyncResult      *result,
                                      GError           **error)
{
  g_return_val_if_fail (MADO_IS_ESPEAK_ENGINE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mado_espeak_engine_synthesize_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
mado_espeak_engine_dispose (GObject *object)
{
  MadoEspeakEngine *self = MADO_ESPEAK_ENGINE (object);

  /* Every request holds the engine, so none is waiting or running now, and the service thread is
   * done with the worker. It is killed and reaped before dispose returns: no process outlives
   * the engine. */
  g_assert (self->current == NULL);
  g_assert (g_queue_is_empty (&self->waiting));

  g_clear_object (&self->link);
  if (self->worker != NULL)
    {
      g_subprocess_force_exit (self->worker);
      g_subprocess_wait (self->worker, NULL, NULL);
      g_clear_object (&self->worker);
    }

  G_OBJECT_CLASS (mado_espeak_engine_parent_class)->dispose (object);
}

static void
mado_espeak_engine_finalize (GObject *object)
{
  MadoEspeakEngine *self = MADO_ESPEAK_ENGINE (object);

  g_free (self->program);
  g_hash_table_unref (self->voices);
  g_clear_error (&self->voices_failure);
  g_mutex_clear (&self->voices_lock);

  G_OBJECT_CLASS (mado_espeak_engine_parent_class)->finalize (object);
}

static void
mado_espeak_engine_class_init (MadoEspeakEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mado_espeak_engine_dispose;
  object_class->finalize = mado_espeak_engine_finalize;
}

static void
mado_espeak_engine_init (MadoEspeakEngine *self)
{
  const char *program = g_getenv (MADO_ESPEAK_WORKER_ENV);

  self->program = g_strdup (program != NULL && *program != '\0' ? program : LIBEXECDIR "/madoguchi-espeak-worker");
  g_queue_init (&self->waiting);
  g_mutex_init (&self->voices_lock);
  self->voices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/**
 * mado_espeak_engine_new:
 *
 * Returns: (transfer full): an engine; its worker starts with the first text.
 */
MadoEspeakEngine *
mado_espeak_engine_new (void)
{
  return g_object_new (MADO_TYPE_ESPEAK_ENGINE, NULL);
}

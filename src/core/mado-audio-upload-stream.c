/* mado-audio-upload-stream.c: a request body fed with audio while the person still speaks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-audio-upload-stream.h"

#include <string.h>

/* The capture side pushes from its own thread while libsoup reads on the main context. The
 * queue and flags are shared under the mutex; a pending asynchronous read is only ever touched
 * on the owning context, so a push never completes a GTask from the capture thread: it only
 * schedules a wake-up there. Audio stays in memory and is dropped once sent. */
struct _MadoAudioUploadStream
{
  GInputStream  parent_instance;

  GMainContext *context;
  gsize         limit;

  GMutex        lock;
  GCond         changed;         /* for the blocking read */
  GByteArray   *queue;           /* pushed and not yet read */
  gsize         pushed;          /* bytes accepted over the stream's life */
  gboolean      ended;           /* no more audio will come: EOF after the queue */
  gboolean      overflowed;
  gboolean      reader_waiting;  /* an asynchronous read is pending */
  gboolean      wake_scheduled;

  /* Only on the owning context. */
  GTask        *pending_read;
  void         *pending_buffer;
  gsize         pending_count;
  GSource      *pending_cancel;
};

G_DEFINE_FINAL_TYPE (MadoAudioUploadStream, mado_audio_upload_stream, G_TYPE_INPUT_STREAM)

/* Moves up to @count queued bytes into @buffer. Called with the lock held. */
static gsize
take_queued (MadoAudioUploadStream *self,
             void                  *buffer,
             gsize                  count)
{
  gsize n = MIN (count, self->queue->len);

  memcpy (buffer, self->queue->data, n);
  g_byte_array_remove_range (self->queue, 0, n);

  return n;
}

static void
clear_pending (MadoAudioUploadStream *self)
{
  if (self->pending_cancel != NULL)
    {
      g_source_destroy (self->pending_cancel);
      g_clear_pointer (&self->pending_cancel, g_source_unref);
    }
  self->pending_buffer = NULL;
  self->pending_count = 0;
}

static gboolean
wake_reader_cb (gpointer user_data)
{
  MadoAudioUploadStream *self = user_data;
  g_autoptr(GTask) task = NULL;
  gsize n = 0;

  g_mutex_lock (&self->lock);
  self->wake_scheduled = FALSE;
  if (self->pending_read != NULL && (self->queue->len > 0 || self->ended))
    {
      n = take_queued (self, self->pending_buffer, self->pending_count);
      task = g_steal_pointer (&self->pending_read);
      self->reader_waiting = FALSE;
    }
  g_mutex_unlock (&self->lock);

  if (task != NULL)
    {
      clear_pending (self);
      g_task_return_int (task, (gssize) n);
    }

  return G_SOURCE_REMOVE;
}

/* Called with the lock held, from any thread, after the queue or the end flag changed. */
static void
schedule_wake_locked (MadoAudioUploadStream *self)
{
  g_autoptr(GSource) source = NULL;

  g_cond_broadcast (&self->changed);

  if (!self->reader_waiting || self->wake_scheduled)
    return;

  self->wake_scheduled = TRUE;
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_static_name (source, "[madoguchi] audio upload");
  g_source_set_callback (source, wake_reader_cb, g_object_ref (self), g_object_unref);
  g_source_attach (source, self->context);
}

/**
 * mado_audio_upload_stream_push:
 * @data: (array length=length): bytes to send, copied
 *
 * Returns: %FALSE when the audio was refused because the stream has ended or would pass its
 *   limit.
 */
gboolean
mado_audio_upload_stream_push (MadoAudioUploadStream *self,
                               const guint8          *data,
                               gsize                  length)
{
  gboolean accepted = FALSE;

  g_return_val_if_fail (MADO_IS_AUDIO_UPLOAD_STREAM (self), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  g_mutex_lock (&self->lock);
  if (self->ended)
    accepted = FALSE;
  else if (length > self->limit - self->pushed)
    self->overflowed = TRUE;
  else
    {
      g_byte_array_append (self->queue, data, length);
      self->pushed += length;
      accepted = TRUE;
      if (length > 0)
        schedule_wake_locked (self);
    }
  g_mutex_unlock (&self->lock);

  return accepted;
}

/* Marks the end of the audio: the reader gets EOF once the queue is empty. */
void
mado_audio_upload_stream_end (MadoAudioUploadStream *self)
{
  g_return_if_fail (MADO_IS_AUDIO_UPLOAD_STREAM (self));

  g_mutex_lock (&self->lock);
  if (!self->ended)
    {
      self->ended = TRUE;
      schedule_wake_locked (self);
    }
  g_mutex_unlock (&self->lock);
}

gboolean
mado_audio_upload_stream_has_overflowed (MadoAudioUploadStream *self)
{
  gboolean overflowed;

  g_return_val_if_fail (MADO_IS_AUDIO_UPLOAD_STREAM (self), FALSE);

  g_mutex_lock (&self->lock);
  overflowed = self->overflowed;
  g_mutex_unlock (&self->lock);

  return overflowed;
}

gsize
mado_audio_upload_stream_get_pushed (MadoAudioUploadStream *self)
{
  gsize pushed;

  g_return_val_if_fail (MADO_IS_AUDIO_UPLOAD_STREAM (self), 0);

  g_mutex_lock (&self->lock);
  pushed = self->pushed;
  g_mutex_unlock (&self->lock);

  return pushed;
}

static void
wake_blocking_reader_cb (GCancellable *cancellable,
                         gpointer      user_data)
{
  MadoAudioUploadStream *self = user_data;

  g_mutex_lock (&self->lock);
  g_cond_broadcast (&self->changed);
  g_mutex_unlock (&self->lock);
}

/* The blocking read, for a caller that sends the request from a worker thread. */
static gssize
mado_audio_upload_stream_read (GInputStream  *stream,
                               void          *buffer,
                               gsize          count,
                               GCancellable  *cancellable,
                               GError       **error)
{
  MadoAudioUploadStream *self = MADO_AUDIO_UPLOAD_STREAM (stream);
  gulong handler = 0;
  gssize n = -1;

  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (wake_blocking_reader_cb), self, NULL);

  g_mutex_lock (&self->lock);
  while (self->queue->len == 0 && !self->ended && !g_cancellable_is_cancelled (cancellable))
    g_cond_wait (&self->changed, &self->lock);
  if (!g_cancellable_is_cancelled (cancellable))
    n = (gssize) take_queued (self, buffer, count);
  g_mutex_unlock (&self->lock);

  g_cancellable_disconnect (cancellable, handler);

  if (n < 0)
    g_cancellable_set_error_if_cancelled (cancellable, error);

  return n;
}

static gboolean
pending_cancelled_cb (GCancellable *cancellable,
                      gpointer      user_data)
{
  MadoAudioUploadStream *self = user_data;
  g_autoptr(GTask) task = NULL;

  g_mutex_lock (&self->lock);
  task = g_steal_pointer (&self->pending_read);
  self->reader_waiting = FALSE;
  g_mutex_unlock (&self->lock);

  clear_pending (self);
  if (task != NULL)
    g_task_return_error_if_cancelled (task);

  return G_SOURCE_REMOVE;
}

/* Must be called on the main context the stream was created in. */
static void
mado_audio_upload_stream_read_async (GInputStream        *stream,
                                     void                *buffer,
                                     gsize                count,
                                     int                  io_priority,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  MadoAudioUploadStream *self = MADO_AUDIO_UPLOAD_STREAM (stream);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  gboolean ready;
  gsize n = 0;

  g_task_set_source_tag (task, mado_audio_upload_stream_read_async);

  if (g_task_return_error_if_cancelled (task))
    return;

  g_mutex_lock (&self->lock);
  ready = self->queue->len > 0 || self->ended;
  if (ready)
    n = take_queued (self, buffer, count);
  else
    {
      self->pending_read = g_object_ref (task);
      self->pending_buffer = buffer;
      self->pending_count = count;
      self->reader_waiting = TRUE;
    }
  g_mutex_unlock (&self->lock);

  if (ready)
    {
      g_task_return_int (task, (gssize) n);
      return;
    }

  if (cancellable != NULL)
    {
      self->pending_cancel = g_cancellable_source_new (cancellable);
      g_source_set_callback (self->pending_cancel, G_SOURCE_FUNC (pending_cancelled_cb), self, NULL);
      g_source_attach (self->pending_cancel, self->context);
    }
}

static gssize
mado_audio_upload_stream_read_finish (GInputStream  *stream,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, stream), -1);

  return g_task_propagate_int (G_TASK (result), error);
}

static void
mado_audio_upload_stream_dispose (GObject *object)
{
  MadoAudioUploadStream *self = MADO_AUDIO_UPLOAD_STREAM (object);

  /* A pending read's GTask holds a reference to the stream, so a read is only left here when
   * someone ran dispose explicitly; its buffer may be gone by then and must not be written. */
  clear_pending (self);
  g_clear_object (&self->pending_read);

  G_OBJECT_CLASS (mado_audio_upload_stream_parent_class)->dispose (object);
}

static void
mado_audio_upload_stream_finalize (GObject *object)
{
  MadoAudioUploadStream *self = MADO_AUDIO_UPLOAD_STREAM (object);

  g_byte_array_unref (self->queue);
  g_main_context_unref (self->context);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->changed);

  G_OBJECT_CLASS (mado_audio_upload_stream_parent_class)->finalize (object);
}

static void
mado_audio_upload_stream_class_init (MadoAudioUploadStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  object_class->dispose = mado_audio_upload_stream_dispose;
  object_class->finalize = mado_audio_upload_stream_finalize;

  stream_class->read_fn = mado_audio_upload_stream_read;
  stream_class->read_async = mado_audio_upload_stream_read_async;
  stream_class->read_finish = mado_audio_upload_stream_read_finish;
}

static void
mado_audio_upload_stream_init (MadoAudioUploadStream *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->changed);
  self->queue = g_byte_array_new ();
  self->context = g_main_context_ref_thread_default ();
}

/**
 * mado_audio_upload_stream_new:
 * @limit: the most bytes the stream carries over its life
 *
 * Returns: (transfer full): an empty stream belonging to the thread-default main context.
 */
MadoAudioUploadStream *
mado_audio_upload_stream_new (gsize limit)
{
  MadoAudioUploadStream *self = g_object_new (MADO_TYPE_AUDIO_UPLOAD_STREAM, NULL);

  self->limit = limit;

  return self;
}

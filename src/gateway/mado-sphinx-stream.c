/* mado-sphinx-stream.c: one utterance on its way to a pocketsphinx decoder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-sphinx-stream.h"

struct _MadoSphinxStream
{
  GObject                parent_instance;

  MadoSphinxRecognizer  *recognizer;
  gboolean               has_slot;
  MadoSphinxJob         *job;
  GTask                 *task;     /* while the result is awaited */
};

static void mado_sphinx_stream_recognition_init (MadoRecognitionStreamInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MadoSphinxStream, mado_sphinx_stream, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MADO_TYPE_RECOGNITION_STREAM,
                                                      mado_sphinx_stream_recognition_init))

static void
on_result (const char   *text,
           const GError *error,
           gpointer      user_data)
{
  MadoSphinxStream *self = user_data;
  g_autoptr(GTask) task = g_steal_pointer (&self->task);

  g_assert (task != NULL);

  /* pocketsphinx with a grammar reports no posterior probability (it is always 1.0), so there
   * is no honest confidence to give. */
  if (text != NULL)
    g_task_return_pointer (task, mado_recognition_new (text, -1.0), (GDestroyNotify) mado_recognition_free);
  else
    g_task_return_error (task, g_error_copy (error));
}

static void
mado_sphinx_stream_feed (MadoRecognitionStream *stream,
                         GBytes                *audio)
{
  MadoSphinxStream *self = MADO_SPHINX_STREAM (stream);

  mado_sphinx_job_feed (self->job, audio);
}

static void
mado_sphinx_stream_end_async (MadoRecognitionStream *stream,
                              GCancellable          *cancellable,
                              GAsyncReadyCallback    callback,
                              gpointer               user_data)
{
  MadoSphinxStream *self = MADO_SPHINX_STREAM (stream);

  g_return_if_fail (self->task == NULL);

  self->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, mado_sphinx_stream_end_async);
  mado_sphinx_job_end (self->job);
}

static MadoRecognition *
mado_sphinx_stream_end_finish (MadoRecognitionStream  *stream,
                               GAsyncResult           *result,
                               GError                **error)
{
  g_return_val_if_fail (g_task_is_valid (result, stream), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
mado_sphinx_stream_recognition_init (MadoRecognitionStreamInterface *iface)
{
  iface->feed = mado_sphinx_stream_feed;
  iface->end_async = mado_sphinx_stream_end_async;
  iface->end_finish = mado_sphinx_stream_end_finish;
}

MadoSphinxStream *
mado_sphinx_stream_new (MadoSphinxRecognizer  *recognizer,
                        MadoSphinxEngine      *engine,
                        MadoPhraseIndex       *index,
                        GError               **error)
{
  g_autoptr(MadoSphinxStream) self = NULL;

  g_return_val_if_fail (MADO_IS_SPHINX_RECOGNIZER (recognizer), NULL);
  g_return_val_if_fail (engine != NULL, NULL);
  g_return_val_if_fail (MADO_IS_PHRASE_INDEX (index), NULL);

  self = g_object_new (MADO_TYPE_SPHINX_STREAM, NULL);
  self->recognizer = g_object_ref (recognizer);
  self->has_slot = mado_sphinx_recognizer_take_slot (recognizer, error);
  if (!self->has_slot)
    return NULL;

  self->job = mado_sphinx_engine_start (engine, index, on_result, self, error);
  if (self->job == NULL)
    return NULL;

  return g_steal_pointer (&self);
}

static void
mado_sphinx_stream_finalize (GObject *object)
{
  MadoSphinxStream *self = MADO_SPHINX_STREAM (object);

  /* A pending task holds a reference on the stream, so none is left here. */
  g_assert (self->task == NULL);

  g_clear_pointer (&self->job, mado_sphinx_job_abandon);
  if (self->has_slot)
    mado_sphinx_recognizer_release_slot (self->recognizer);
  g_object_unref (self->recognizer);

  G_OBJECT_CLASS (mado_sphinx_stream_parent_class)->finalize (object);
}

static void
mado_sphinx_stream_class_init (MadoSphinxStreamClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mado_sphinx_stream_finalize;
}

static void
mado_sphinx_stream_init (MadoSphinxStream *self)
{
}

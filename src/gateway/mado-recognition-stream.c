/* mado-recognition-stream.c: one utterance fed to a recogniser while it is still arriving
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-recognition-stream.h"

G_DEFINE_INTERFACE (MadoRecognitionStream, mado_recognition_stream, G_TYPE_OBJECT)

MadoRecognition *
mado_recognition_new (const char *text,
                      double      confidence)
{
  MadoRecognition *self = g_new0 (MadoRecognition, 1);

  g_return_val_if_fail (text != NULL, NULL);

  self->text = g_strdup (text);
  self->confidence = confidence;
  return self;
}

void
mado_recognition_free (MadoRecognition *self)
{
  if (self == NULL)
    return;
  g_free (self->text);
  g_free (self);
}

static void
mado_recognition_stream_default_init (MadoRecognitionStreamInterface *iface)
{
}

void
mado_recognition_stream_feed (MadoRecognitionStream *self,
                              GBytes                *audio)
{
  g_return_if_fail (MADO_IS_RECOGNITION_STREAM (self));
  g_return_if_fail (audio != NULL);

  MADO_RECOGNITION_STREAM_GET_IFACE (self)->feed (self, audio);
}

void
mado_recognition_stream_end_async (MadoRecognitionStream *self,
                                   GCancellable          *cancellable,
                                   GAsyncReadyCallback    callback,
                                   gpointer               user_data)
{
  g_return_if_fail (MADO_IS_RECOGNITION_STREAM (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  MADO_RECOGNITION_STREAM_GET_IFACE (self)->end_async (self, cancellable, callback, user_data);
}

MadoRecognition *
mado_recognition_stream_end_finish (MadoRecognitionStream  *self,
                                    GAsyncResult           *result,
                                    GError                **error)
{
  g_return_val_if_fail (MADO_IS_RECOGNITION_STREAM (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return MADO_RECOGNITION_STREAM_GET_IFACE (self)->end_finish (self, result, error);
}

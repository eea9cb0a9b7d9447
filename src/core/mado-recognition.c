/* mado-recognition.c: one utterance streamed to the gateway's recogniser as it is spoken
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-recognition-private.h"

#include "mado-audio-upload-stream.h"
#include "mado-speech-api-error.h"

struct _MadoRecognition
{
  GObject                 parent_instance;

  char                   *language;
  MadoSpeechExchange     *exchange;
  MadoAudioUploadStream  *upload;
  /* Cancels the request; thread-safe, so push (on overflow) and cancel may use it anywhere. */
  GCancellable           *cancellable;
  char                   *display_url;

  /* On the main context only. */
  gboolean                answered;
  MadoSpeechResponse     *response;
  GError                 *error;
  GTask                  *end_task;
  GCancellable           *end_cancellable;
  gulong                  end_cancel_handler;
  gint64                  end_us;
};

G_DEFINE_FINAL_TYPE (MadoRecognition, mado_recognition, G_TYPE_OBJECT)

const char *
mado_recognition_get_language (MadoRecognition *self)
{
  g_return_val_if_fail (MADO_IS_RECOGNITION (self), NULL);

  return self->language;
}

/**
 * mado_recognition_push_audio:
 * @samples: (array length=n_samples): 16 kHz mono samples in host byte order
 *
 * Returns: whether the audio was taken (see mado-recognition.h for when it is not).
 */
gboolean
mado_recognition_push_audio (MadoRecognition *self,
                             const gint16    *samples,
                             gsize            n_samples)
{
  gboolean was_full;

  g_return_val_if_fail (MADO_IS_RECOGNITION (self), FALSE);
  g_return_val_if_fail (samples != NULL || n_samples == 0, FALSE);

  if (g_cancellable_is_cancelled (self->cancellable))
    return FALSE;
  if (n_samples > MADO_RECOGNITION_MAX_BYTES / sizeof (gint16))
    n_samples = MADO_RECOGNITION_MAX_BYTES / sizeof (gint16) + 1;

  was_full = mado_audio_upload_stream_has_overflowed (self->upload);

#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  if (mado_audio_upload_stream_push (self->upload, (const guint8 *) samples, n_samples * sizeof (gint16)))
    return TRUE;
#else
  {
    g_autofree gint16 *little = g_new (gint16, n_samples);

    for (gsize i = 0; i < n_samples; i++)
      little[i] = GINT16_TO_LE (samples[i]);
    if (mado_audio_upload_stream_push (self->upload, (const guint8 *) little, n_samples * sizeof (gint16)))
      return TRUE;
  }
#endif

  /* Past 30 s the gateway would refuse the whole utterance anyway; stopping the upload now
   * spares the connection and lets the app say so at once. */
  if (!was_full && mado_audio_upload_stream_has_overflowed (self->upload))
    g_cancellable_cancel (self->cancellable);

  return FALSE;
}

/* Hands the answer (or failure) to a waiting mado_recognition_end_async(). */
static void
deliver (MadoRecognition *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  MadoTranscript *transcript;

  if (!self->answered || self->end_task == NULL)
    return;

  task = g_steal_pointer (&self->end_task);
  if (self->end_cancel_handler != 0)
    g_cancellable_disconnect (self->end_cancellable, self->end_cancel_handler);
  self->end_cancel_handler = 0;
  g_clear_object (&self->end_cancellable);

  if (mado_audio_upload_stream_has_overflowed (self->upload))
    {
      g_task_return_error (task, mado_speech_api_error_new (MADO_SPEECH_API_ERROR_PAYLOAD_TOO_LARGE, 0, NULL,
                                                            "The recording for the speech gateway at %s is longer "
                                                            "than the %d s the API accepts, so it was not sent "
                                                            "to the end",
                                                            self->display_url,
                                                            MADO_RECOGNITION_MAX_BYTES
                                                            / (int) (MADO_RECOGNITION_SAMPLE_RATE * sizeof (gint16))));
      return;
    }
  if (self->error != NULL)
    {
      g_task_return_error (task, g_error_copy (self->error));
      return;
    }

  root = mado_speech_response_parse_json (self->response, "speech recognition request", self->display_url, &error);
  transcript = root != NULL ? mado_transcript_new_from_json (root, &error) : NULL;
  if (transcript == NULL)
    {
      if (root == NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_error (task, mado_speech_api_error_new (MADO_SPEECH_API_ERROR_BAD_RESPONSE, 0,
                                                              self->response->request_id,
                                                              "The speech recognition request to the speech gateway "
                                                              "at %s failed (request %s): %s",
                                                              self->display_url, self->response->request_id,
                                                              error->message));
      return;
    }

  if (transcript->gateway_ms == 0 && self->response->gateway_ms > 0)
    transcript->gateway_ms = self->response->gateway_ms;
  if (transcript->provider_ms == 0 && self->response->provider_ms > 0)
    transcript->provider_ms = self->response->provider_ms;
  transcript->request_id = g_strdup (self->response->request_id);
  transcript->total_ms = (g_get_monotonic_time () - self->end_us) / 1000.0;

  g_task_return_pointer (task, transcript, (GDestroyNotify) mado_transcript_unref);
}

/* Holds only a weak reference, so an app that drops the recognition cancels it (dispose)
 * instead of keeping it alive until the gateway gives up on the open upload. */
static void
on_answer (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GWeakRef *weak = user_data;
  g_autoptr(MadoRecognition) self = g_weak_ref_get (weak);
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoSpeechResponse) response = mado_speech_exchange_send_finish (result, &error);

  g_weak_ref_clear (weak);
  g_free (weak);

  if (self == NULL)
    return;

  self->answered = TRUE;
  self->response = g_steal_pointer (&response);
  self->error = g_steal_pointer (&error);
  /* A gateway that refused the upload early (a wrong language, a bad token) has answered
   * before the audio ended: take no more audio. */
  mado_audio_upload_stream_end (self->upload);
  deliver (self);
}

static void
end_cancelled_cb (GCancellable *cancellable,
                  gpointer      user_data)
{
  GCancellable *request_cancellable = user_data;

  g_cancellable_cancel (request_cancellable);
}

/**
 * mado_recognition_end_async:
 * @cancellable: (nullable): cancels the whole recognition
 * @callback: called in the main context the recognition was begun in
 *
 * Marks the end of the audio; the last pushed sample is the last the gateway hears.
 */
void
mado_recognition_end_async (MadoRecognition     *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (MADO_IS_RECOGNITION (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (self->end_task == NULL && self->end_us == 0);

  self->end_us = g_get_monotonic_time ();
  self->end_task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->end_task, mado_recognition_end_async);

  mado_audio_upload_stream_end (self->upload);
  mado_speech_exchange_start_deadline (self->exchange);

  if (cancellable != NULL)
    {
      self->end_cancellable = g_object_ref (cancellable);
      self->end_cancel_handler = g_cancellable_connect (cancellable, G_CALLBACK (end_cancelled_cb),
                                                        self->cancellable, NULL);
    }

  deliver (self);
}

/**
 * mado_recognition_end_finish:
 *
 * Returns: (transfer full) (nullable): what the person said, or %NULL with @error set in
 *   %MADO_SPEECH_API_ERROR (%MADO_SPEECH_API_ERROR_NO_SPEECH when there was nothing to
 *   recognise) or to %G_IO_ERROR_CANCELLED.
 */
MadoTranscript *
mado_recognition_end_finish (MadoRecognition  *self,
                             GAsyncResult     *result,
                             GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mado_recognition_end_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
mado_recognition_cancel (MadoRecognition *self)
{
  g_return_if_fail (MADO_IS_RECOGNITION (self));

  g_cancellable_cancel (self->cancellable);
}

static void
mado_recognition_dispose (GObject *object)
{
  MadoRecognition *self = MADO_RECOGNITION (object);

  /* end_task holds a reference, so no end is waiting here. */
  g_assert (self->end_task == NULL);
  g_cancellable_cancel (self->cancellable);
  if (self->end_cancel_handler != 0)
    g_cancellable_disconnect (self->end_cancellable, self->end_cancel_handler);
  self->end_cancel_handler = 0;
  g_clear_object (&self->end_cancellable);
  g_clear_pointer (&self->exchange, mado_speech_exchange_unref);
  g_clear_pointer (&self->response, mado_speech_response_free);

  G_OBJECT_CLASS (mado_recognition_parent_class)->dispose (object);
}

static void
mado_recognition_finalize (GObject *object)
{
  MadoRecognition *self = MADO_RECOGNITION (object);

  g_clear_object (&self->upload);
  g_clear_object (&self->cancellable);
  g_clear_error (&self->error);
  g_free (self->language);
  g_free (self->display_url);

  G_OBJECT_CLASS (mado_recognition_parent_class)->finalize (object);
}

static void
mado_recognition_class_init (MadoRecognitionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mado_recognition_dispose;
  object_class->finalize = mado_recognition_finalize;
}

static void
mado_recognition_init (MadoRecognition *self)
{
  self->cancellable = g_cancellable_new ();
  self->upload = mado_audio_upload_stream_new (MADO_RECOGNITION_MAX_BYTES);
}

MadoRecognition *
mado_recognition_new (MadoSpeechExchange *exchange,
                      const char         *language,
                      const char         *display_url)
{
  MadoRecognition *self = g_object_new (MADO_TYPE_RECOGNITION, NULL);
  GWeakRef *weak = g_new0 (GWeakRef, 1);

  self->language = g_strdup (language);
  self->exchange = mado_speech_exchange_ref (exchange);
  self->display_url = g_strdup (display_url);

  mado_speech_exchange_set_body_stream (exchange, "audio/x-pcm;bit=16;rate=16000;channels=1",
                                        G_INPUT_STREAM (self->upload));
  g_weak_ref_init (weak, self);
  mado_speech_exchange_send_async (exchange, self->cancellable, on_answer, weak);

  return self;
}

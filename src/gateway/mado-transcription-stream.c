/* mado-transcription-stream.c: one utterance gathered for a Whisper server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Whisper servers take a whole recording, not a stream, so the audio is kept in memory until
 * the client says it is complete; the gateway caps an utterance at 30 s (under 1 MB), which is
 * also what Whisper decodes in one window. Nothing is written to disk.
 */
#include "mado-transcription-stream.h"

#include "mado-gateway-error.h"

#define SAMPLE_RATE 16000

struct _MadoTranscriptionStream
{
  GObject                    parent_instance;

  MadoTranscriptionProvider *provider;
  const MadoLanguage        *language;
  GByteArray                *pcm;       /* s16le as it arrived; %NULL once ended */
};

static void mado_transcription_stream_recognition_init (MadoRecognitionStreamInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MadoTranscriptionStream, mado_transcription_stream, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MADO_TYPE_RECOGNITION_STREAM,
                                                      mado_transcription_stream_recognition_init))

static void
mado_transcription_stream_feed (MadoRecognitionStream *stream,
                                GBytes                *audio)
{
  MadoTranscriptionStream *self = MADO_TRANSCRIPTION_STREAM (stream);
  gsize length;
  const guint8 *data = g_bytes_get_data (audio, &length);

  g_return_if_fail (self->pcm != NULL);

  g_byte_array_append (self->pcm, data, (guint) length);
}

/* The bytes as samples, taking them over. A piece may end in the middle of a sample, but the
 * whole body may not: an odd last byte is a client's mistake and is dropped. */
static MadoAudioBuffer *
take_audio (GByteArray *pcm)
{
  gsize n_samples = pcm->len / 2;
  gint16 *samples = (gint16 *) g_byte_array_free (pcm, FALSE);

  for (gsize i = 0; i < n_samples; i++)
    samples[i] = GINT16_FROM_LE (samples[i]);
  return mado_audio_buffer_new_take (SAMPLE_RATE, samples, n_samples);
}

static void
on_transcribed (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MadoRecognition *recognition;
  GError *error = NULL;

  recognition = mado_transcription_provider_transcribe_finish (MADO_TRANSCRIPTION_PROVIDER (source),
                                                               result, &error);
  if (recognition == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, recognition, (GDestroyNotify) mado_recognition_free);
}

static void
mado_transcription_stream_end_async (MadoRecognitionStream *stream,
                                     GCancellable          *cancellable,
                                     GAsyncReadyCallback    callback,
                                     gpointer               user_data)
{
  MadoTranscriptionStream *self = MADO_TRANSCRIPTION_STREAM (stream);
  g_autoptr(MadoAudioBuffer) audio = NULL;
  MadoTranscriptGuard *guard;
  const gint16 *samples;
  gsize n_samples;
  GTask *task;

  g_return_if_fail (self->pcm != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mado_transcription_stream_end_async);

  audio = take_audio (g_steal_pointer (&self->pcm));
  samples = mado_audio_buffer_get_samples (audio, &n_samples);

  /* Silence and noise are exactly what Whisper turns into invented sentences, and sending them
   * would cost the city a paid request for nothing: they stop here. */
  guard = mado_transcription_provider_get_guard (self->provider);
  if (mado_transcript_guard_is_too_short (guard, samples, n_samples))
    {
      g_task_return_new_error (task, MADO_GATEWAY_ERROR, MADO_GATEWAY_ERROR_NO_SPEECH,
                               "The audio holds less than %u ms of speech, so it was not sent "
                               "to be recognised.", mado_transcript_guard_get_min_speech (guard));
      g_object_unref (task);
      return;
    }

  /* The pending send holds the task and so the stream; the gateway stops it by cancelling
   * @cancellable, which aborts the HTTP request itself. */
  mado_transcription_provider_transcribe_async (self->provider, audio, self->language, cancellable,
                                                on_transcribed, task);
}

static MadoRecognition *
mado_transcription_stream_end_finish (MadoRecognitionStream  *stream,
                                      GAsyncResult           *result,
                                      GError                **error)
{
  g_return_val_if_fail (g_task_is_valid (result, stream), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
mado_transcription_stream_recognition_init (MadoRecognitionStreamInterface *iface)
{
  iface->feed = mado_transcription_stream_feed;
  iface->end_async = mado_transcription_stream_end_async;
  iface->end_finish = mado_transcription_stream_end_finish;
}

MadoTranscriptionStream *
mado_transcription_stream_new (MadoTranscriptionProvider *provider,
                               const MadoLanguage        *language)
{
  MadoTranscriptionStream *self;

  g_return_val_if_fail (MADO_IS_TRANSCRIPTION_PROVIDER (provider), NULL);
  g_return_val_if_fail (language != NULL, NULL);

  self = g_object_new (MADO_TYPE_TRANSCRIPTION_STREAM, NULL);
  self->provider = g_object_ref (provider);
  self->language = language;
  return self;
}

static void
mado_transcription_stream_finalize (GObject *object)
{
  MadoTranscriptionStream *self = MADO_TRANSCRIPTION_STREAM (object);

  g_clear_pointer (&self->pcm, g_byte_array_unref);
  g_object_unref (self->provider);

  G_OBJECT_CLASS (mado_transcription_stream_parent_class)->finalize (object);
}

static void
mado_transcription_stream_class_init (MadoTranscriptionStreamClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mado_transcription_stream_finalize;
}

static void
mado_transcription_stream_init (MadoTranscriptionStream *self)
{
  self->pcm = g_byte_array_new ();
}

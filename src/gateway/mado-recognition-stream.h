/* mado-recognition-stream.h: one utterance fed to a recogniser while it is still arriving
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct {
  char   *text;
  double  confidence;   /* 0–1, or negative when the engine gives none */
} MadoRecognition;

MadoRecognition *mado_recognition_new  (const char      *text,
                                        double           confidence);
void             mado_recognition_free (MadoRecognition *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoRecognition, mado_recognition_free)

#define MADO_TYPE_RECOGNITION_STREAM (mado_recognition_stream_get_type ())
G_DECLARE_INTERFACE (MadoRecognitionStream, mado_recognition_stream, MADO, RECOGNITION_STREAM, GObject)

/* Audio is signed 16-bit little-endian mono PCM at 16 kHz, in pieces of any length (a piece
 * may end in the middle of a sample). Dropping the last reference before the result abandons
 * the utterance and frees the engine at once. */
struct _MadoRecognitionStreamInterface
{
  GTypeInterface parent_iface;

  void             (*feed)       (MadoRecognitionStream  *self,
                                  GBytes                 *audio);
  void             (*end_async)  (MadoRecognitionStream  *self,
                                  GCancellable           *cancellable,
                                  GAsyncReadyCallback     callback,
                                  gpointer                user_data);
  MadoRecognition *(*end_finish) (MadoRecognitionStream  *self,
                                  GAsyncResult           *result,
                                  GError                **error);
};

void             mado_recognition_stream_feed       (MadoRecognitionStream  *self,
                                                     GBytes                 *audio);
/* Says the audio is complete and waits for what was said: MADO_GATEWAY_ERROR_NO_SPEECH when
 * nothing was recognised. */
void             mado_recognition_stream_end_async  (MadoRecognitionStream  *self,
                                                     GCancellable           *cancellable,
                                                     GAsyncReadyCallback     callback,
                                                     gpointer                user_data);
MadoRecognition *mado_recognition_stream_end_finish (MadoRecognitionStream  *self,
                                                     GAsyncResult           *result,
                                                     GError                **error);

G_END_DECLS

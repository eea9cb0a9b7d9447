/* mado-recognition.h: one utterance streamed to the gateway's recogniser as it is spoken
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mado-speech-results.h"

G_BEGIN_DECLS

/* The most audio one recognition carries: 30 s of 16 kHz mono 16-bit (docs/api.md). */
#define MADO_RECOGNITION_SAMPLE_RATE 16000
#define MADO_RECOGNITION_MAX_BYTES   960000

#define MADO_TYPE_RECOGNITION (mado_recognition_get_type ())
G_DECLARE_FINAL_TYPE (MadoRecognition, mado_recognition, MADO, RECOGNITION, GObject)

/* Thread-safe: the capture thread may call this while the main context sends. The samples
 * (16 kHz mono) are copied, never written to disk, and sent as soon as the connection takes
 * them. Returns FALSE when the audio is refused: after mado_recognition_end_async(), after
 * cancellation or failure, or past 30 s (the recognition then fails with
 * MADO_SPEECH_API_ERROR_PAYLOAD_TOO_LARGE, and capture can stop). */
gboolean        mado_recognition_push_audio  (MadoRecognition     *self,
                                              const gint16        *samples,
                                              gsize                n_samples);

/* On the main context the recognition was begun in. Ends the audio and waits for the
 * transcript; the deadline (recognize-timeout) starts now. Call it once. */
void            mado_recognition_end_async   (MadoRecognition     *self,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
MadoTranscript *mado_recognition_end_finish  (MadoRecognition     *self,
                                              GAsyncResult        *result,
                                              GError             **error);

/* Abandons the recognition (the person tapped stop without wanting a result); a pending
 * mado_recognition_end_async() fails with G_IO_ERROR_CANCELLED. Thread-safe. Dropping the
 * last reference does the same. */
void            mado_recognition_cancel      (MadoRecognition     *self);

const char     *mado_recognition_get_language (MadoRecognition    *self);

G_END_DECLS

/* mado-audio-input.h: the microphone seam
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mado-audio-buffer.h"
/* For MADO_AUDIO_ERROR, the error domain both directions share. */
#include "mado-audio-output.h"

G_BEGIN_DECLS

/* Everything an input delivers is 16 kHz mono 16-bit, the rate speech recognisers take, in
 * blocks of MADO_AUDIO_INPUT_BLOCK_SAMPLES (20 ms). */
#define MADO_AUDIO_INPUT_RATE          16000
#define MADO_AUDIO_INPUT_BLOCK_SAMPLES 320

#define MADO_TYPE_AUDIO_INPUT (mado_audio_input_get_type ())
G_DECLARE_INTERFACE (MadoAudioInput, mado_audio_input, MADO, AUDIO_INPUT, GObject)

struct _MadoAudioInputInterface
{
  GTypeInterface parent_iface;

  void     (*start_async)  (MadoAudioInput       *self,
                            GCancellable         *cancellable,
                            GAsyncReadyCallback   callback,
                            gpointer              user_data);
  gboolean (*start_finish) (MadoAudioInput       *self,
                            GAsyncResult         *result,
                            GError              **error);
  void     (*stop)         (MadoAudioInput       *self);
};

/* Opens the device and starts capturing. Once it has finished successfully, the input emits
 * ::block for every 20 ms of sound until mado_audio_input_stop(), or ::failed once if the
 * device fails, after which it is stopped. Signals and the callback come in the
 * thread-default main context of the caller; start and stop must be called from that context
 * too. Starting an input that is already capturing fails with G_IO_ERROR_PENDING. */
void     mado_audio_input_start_async  (MadoAudioInput       *self,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
gboolean mado_audio_input_start_finish (MadoAudioInput       *self,
                                        GAsyncResult         *result,
                                        GError              **error);
/* Stops at once: no ::block is emitted after this returns. Never waits for the device. */
void     mado_audio_input_stop         (MadoAudioInput       *self);

/* For implementations: emit the interface's signals. */
void     mado_audio_input_emit_block   (MadoAudioInput       *self,
                                        MadoAudioBuffer      *block);
void     mado_audio_input_emit_failed  (MadoAudioInput       *self,
                                        const GError         *error);

G_END_DECLS

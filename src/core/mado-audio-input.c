/* mado-audio-input.c: the microphone seam
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-audio-input.h"

enum {
  SIGNAL_BLOCK,
  SIGNAL_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_INTERFACE (MadoAudioInput, mado_audio_input, G_TYPE_OBJECT)

static void
mado_audio_input_default_init (MadoAudioInputInterface *iface)
{
  /**
   * MadoAudioInput::block:
   * @self: the input
   * @block: 20 ms of sound (MADO_AUDIO_INPUT_BLOCK_SAMPLES samples at 16 kHz, mono); keep a
   *   reference to hold on to it, and do not append to it
   *
   * Emitted for every block the microphone delivers, in order and without gaps.
   */
  signals[SIGNAL_BLOCK] =
    g_signal_new ("block", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, MADO_TYPE_AUDIO_BUFFER | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * MadoAudioInput::failed:
   * @self: the input
   * @error: why capture ended, usually %MADO_AUDIO_ERROR_DEVICE_LOST
   *
   * Emitted once when the device fails while capturing; the input has then stopped.
   */
  signals[SIGNAL_FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

/**
 * mado_audio_input_start_async:
 * @self: an input
 * @cancellable: (nullable): gives up opening the device; the result is then
 *   %G_IO_ERROR_CANCELLED and nothing is captured
 * @callback: called once the device is capturing, or could not be opened
 * @user_data: for @callback
 */
void
mado_audio_input_start_async (MadoAudioInput      *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (MADO_IS_AUDIO_INPUT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  MADO_AUDIO_INPUT_GET_IFACE (self)->start_async (self, cancellable, callback, user_data);
}

/**
 * mado_audio_input_start_finish:
 *
 * Returns: %TRUE when the input is capturing; %FALSE with @error set (in
 *   %MADO_AUDIO_ERROR, such as %MADO_AUDIO_ERROR_NO_DEVICE, or %G_IO_ERROR_CANCELLED when
 *   cancelled or stopped before the device was open).
 */
gboolean
mado_audio_input_start_finish (MadoAudioInput  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_return_val_if_fail (MADO_IS_AUDIO_INPUT (self), FALSE);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return MADO_AUDIO_INPUT_GET_IFACE (self)->start_finish (self, result, error);
}

/**
 * mado_audio_input_stop:
 * @self: an input
 *
 * Stops capturing, or opening. Blocks already captured but not yet emitted are dropped. Safe
 * to call when the input is not capturing, and from a ::block handler.
 */
void
mado_audio_input_stop (MadoAudioInput *self)
{
  g_return_if_fail (MADO_IS_AUDIO_INPUT (self));

  MADO_AUDIO_INPUT_GET_IFACE (self)->stop (self);
}

void
mado_audio_input_emit_block (MadoAudioInput  *self,
                             MadoAudioBuffer *block)
{
  g_return_if_fail (MADO_IS_AUDIO_INPUT (self));
  g_return_if_fail (block != NULL);

  g_signal_emit (self, signals[SIGNAL_BLOCK], 0, block);
}

void
mado_audio_input_emit_failed (MadoAudioInput *self,
                              const GError   *error)
{
  g_return_if_fail (MADO_IS_AUDIO_INPUT (self));
  g_return_if_fail (error != NULL);

  g_signal_emit (self, signals[SIGNAL_FAILED], 0, error);
}

/* mado-audio-output.c: the loudspeaker seam
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-audio-output.h"

G_DEFINE_QUARK (mado-audio-error-quark, mado_audio_error)

G_DEFINE_INTERFACE (MadoAudioOutput, mado_audio_output, G_TYPE_OBJECT)

static void
mado_audio_output_default_init (MadoAudioOutputInterface *iface)
{
}

/**
 * mado_audio_output_play_async:
 * @self: an output
 * @buffer: the audio to play; the output keeps a reference until it is done
 * @cancellable: (nullable): stops the sound at once; the result is then %G_IO_ERROR_CANCELLED
 * @callback: called in the thread-default main context of the caller when the sound has ended
 * @user_data: for @callback
 */
void
mado_audio_output_play_async (MadoAudioOutput     *self,
                              MadoAudioBuffer     *buffer,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (MADO_IS_AUDIO_OUTPUT (self));
  g_return_if_fail (buffer != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  MADO_AUDIO_OUTPUT_GET_IFACE (self)->play_async (self, buffer, cancellable, callback, user_data);
}

/**
 * mado_audio_output_play_finish:
 *
 * Returns: %TRUE when the whole buffer was played; %FALSE with @error set (in
 *   %MADO_AUDIO_ERROR, or %G_IO_ERROR_CANCELLED).
 */
gboolean
mado_audio_output_play_finish (MadoAudioOutput  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (MADO_IS_AUDIO_OUTPUT (self), FALSE);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return MADO_AUDIO_OUTPUT_GET_IFACE (self)->play_finish (self, result, error);
}

/* mado-audio-output.h: the loudspeaker seam
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mado-audio-buffer.h"

G_BEGIN_DECLS

#define MADO_AUDIO_ERROR (mado_audio_error_quark ())

typedef enum {
  MADO_AUDIO_ERROR_NO_DEVICE,        /* no output (or input) device, or the named one is absent */
  MADO_AUDIO_ERROR_DEVICE_BUSY,
  MADO_AUDIO_ERROR_DEVICE_LOST,      /* the device went away while in use */
  MADO_AUDIO_ERROR_FORMAT,           /* the device cannot take this sample format, or audio data (WAV) is unreadable */
  MADO_AUDIO_ERROR_BACKEND,          /* PortAudio reported another failure; the message has its text */
} MadoAudioError;

GQuark mado_audio_error_quark (void);

#define MADO_TYPE_AUDIO_OUTPUT (mado_audio_output_get_type ())
G_DECLARE_INTERFACE (MadoAudioOutput, mado_audio_output, MADO, AUDIO_OUTPUT, GObject)

struct _MadoAudioOutputInterface
{
  GTypeInterface parent_iface;

  void     (*play_async)  (MadoAudioOutput      *self,
                           MadoAudioBuffer      *buffer,
                           GCancellable         *cancellable,
                           GAsyncReadyCallback   callback,
                           gpointer              user_data);
  gboolean (*play_finish) (MadoAudioOutput      *self,
                           GAsyncResult         *result,
                           GError              **error);
};

/* Plays the whole buffer; cancelling stops the sound at once and finishes with G_IO_ERROR_CANCELLED. */
void     mado_audio_output_play_async  (MadoAudioOutput      *self,
                                        MadoAudioBuffer      *buffer,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
gboolean mado_audio_output_play_finish (MadoAudioOutput      *self,
                                        GAsyncResult         *result,
                                        GError              **error);

G_END_DECLS

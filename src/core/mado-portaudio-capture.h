/* mado-portaudio-capture.h: reading a PortAudio input device as 16 kHz mono blocks, on the calling thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mado-audio-buffer.h"

G_BEGIN_DECLS

/* What the capture loop tells its caller, on the capturing thread. Each returns FALSE to stop
 * the capture. */
typedef struct {
  /* The device is open and capturing, at its own @device_rate. */
  gboolean (*opened) (guint            device_rate,
                      gpointer         user_data);
  /* The next MADO_AUDIO_INPUT_BLOCK_SAMPLES samples at 16 kHz, transferred to the callee. */
  gboolean (*block)  (MadoAudioBuffer *block,
                      gpointer         user_data);
} MadoPortaudioCaptureCallbacks;

/* Blocks the calling thread (never the UI's): starts PortAudio, finds @device_name (NULL or ""
 * for the default input), captures and converts until a callback asks to stop, then closes
 * everything. Returns TRUE when stopped that way; FALSE with @error in MADO_AUDIO_ERROR when
 * the device cannot be found or opened (NO_DEVICE, DEVICE_BUSY, FORMAT, BACKEND) or fails
 * while capturing (DEVICE_LOST, after opened). */
gboolean mado_portaudio_capture_run (const char                          *device_name,
                                     const MadoPortaudioCaptureCallbacks *callbacks,
                                     gpointer                             user_data,
                                     GError                             **error);

G_END_DECLS

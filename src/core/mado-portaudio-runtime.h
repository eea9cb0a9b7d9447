/* mado-portaudio-runtime.h: shared, reference-counted PortAudio initialisation and device lookup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <portaudio.h>

G_BEGIN_DECLS

/* Pa_Initialize() and Pa_Terminate() are process-wide and not thread-safe, and PortAudio only
 * learns about devices in Pa_Initialize(). Every user (the loudspeaker, the microphone)
 * acquires the runtime for as long as it has a stream open and releases it afterwards; the
 * last release terminates PortAudio, so the next user sees devices plugged in meanwhile.
 * Errors are MADO_AUDIO_ERROR_BACKEND. */
gboolean       mado_portaudio_runtime_acquire      (GError     **error);
void           mado_portaudio_runtime_release      (void);

/* The functions below need the runtime acquired. They only look at ALSA devices: the kiosk
 * plays through ALSA, and PortAudio's OSS and JACK devices are either absent or unusable. */

/* Finds a device with @output (or input) channels by exact name, else by a part of the name
 * that only one device has; NULL or "" means ALSA's default device. Errors are
 * MADO_AUDIO_ERROR_NO_DEVICE naming what was looked for and the devices that exist. */
PaDeviceIndex  mado_portaudio_runtime_find_device  (const char  *name,
                                                    gboolean     output,
                                                    GError     **error);
GStrv          mado_portaudio_runtime_list_devices (gboolean     output);
/* PortAudio's message for @code, plus ALSA's own when PortAudio only says "host error". */
char          *mado_portaudio_runtime_describe     (PaError      code);

G_END_DECLS

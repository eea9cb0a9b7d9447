/* mado-portaudio-output.h: loudspeaker output through PortAudio
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mado-audio-output.h"

G_BEGIN_DECLS

#define MADO_TYPE_PORTAUDIO_OUTPUT (mado_portaudio_output_get_type ())
G_DECLARE_FINAL_TYPE (MadoPortaudioOutput, mado_portaudio_output, MADO, PORTAUDIO_OUTPUT, GObject)

/* @device_name: a PortAudio device name (or a unique part of it); NULL or "" for the default.
 * Playback runs on a worker thread with blocking writes, so the UI thread never waits on audio. */
MadoPortaudioOutput *mado_portaudio_output_new             (const char           *device_name);
const char          *mado_portaudio_output_get_device_name (MadoPortaudioOutput  *self);
/* Lists the names of the output devices PortAudio sees, for the settings and the admin tool. */
GStrv                mado_portaudio_list_output_devices    (GError              **error);

G_END_DECLS

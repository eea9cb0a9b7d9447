/* mado-portaudio-input.h: microphone capture through PortAudio
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mado-audio-input.h"

G_BEGIN_DECLS

#define MADO_TYPE_PORTAUDIO_INPUT (mado_portaudio_input_get_type ())
G_DECLARE_FINAL_TYPE (MadoPortaudioInput, mado_portaudio_input, MADO, PORTAUDIO_INPUT, GObject)

/* @device_name: a PortAudio device name (or a part of it only one device has); NULL or "" for
 * the default input device. The device is opened and read on a thread of its own; the blocks
 * reach the main context through a queue, so the UI thread never waits on the microphone. */
MadoPortaudioInput *mado_portaudio_input_new             (const char          *device_name);
const char         *mado_portaudio_input_get_device_name (MadoPortaudioInput  *self);
/* The rate the device itself captures at (before conversion to 16 kHz), while capturing;
 * 0 otherwise. */
guint               mado_portaudio_input_get_device_rate (MadoPortaudioInput  *self);
/* Lists the names of the input devices PortAudio sees, for the settings and the admin tool. */
GStrv               mado_portaudio_list_input_devices    (GError             **error);

G_END_DECLS

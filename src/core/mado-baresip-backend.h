/* mado-baresip-backend.h: interpreter calls through baresip, run as a helper process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mado-call-backend.h"
#include "mado-settings.h"

G_BEGIN_DECLS

#define MADO_TYPE_BARESIP_BACKEND (mado_baresip_backend_get_type ())
G_DECLARE_FINAL_TYPE (MadoBaresipBackend, mado_baresip_backend, MADO, BARESIP_BACKEND, GObject)

/* Properties (all construct-only):
 *   program           the baresip executable, "baresip" by default (looked up in PATH)
 *   audio-source      baresip "driver,device" for the microphone, "alsa,default" by default
 *   audio-player      the same for the loudspeaker
 *   local-address     nullable: the IP address SIP and RTP use; NULL lets baresip pick
 *   dns-server        nullable: "address:port" of a DNS server; NULL uses the system's
 *   recording-folder  nullable, tests only: baresip's sndfile module writes both directions of
 *                     every call there as WAV files. Madoguchi never records calls; no setting
 *                     or option reaches this property, and tests use it to compare the audio
 *                     that went out with what came back. */
/* Devices, addresses and the DNS server from the settings, with ALSA for audio; the environment
 * variables MADOGUCHI_CALL_AUDIO_SOURCE and MADOGUCHI_CALL_AUDIO_PLAYER, when set, give whole
 * baresip devices instead ("aufile,/path/to/speech.wav", "aubridge,sink"). */
MadoBaresipBackend *mado_baresip_backend_new_for_settings (MadoSettings *settings);

const char         *mado_baresip_backend_get_audio_source  (MadoBaresipBackend *self);
const char         *mado_baresip_backend_get_audio_player  (MadoBaresipBackend *self);
const char         *mado_baresip_backend_get_local_address (MadoBaresipBackend *self);

G_END_DECLS

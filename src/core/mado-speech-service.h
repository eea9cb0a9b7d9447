/* mado-speech-service.h: the app's connection to the Madoguchi Speech API
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mado-settings.h"
#include "mado-speech-capabilities.h"
#include "mado-speech-client.h"

G_BEGIN_DECLS

#define MADO_TYPE_SPEECH_SERVICE (mado_speech_service_get_type ())
G_DECLARE_FINAL_TYPE (MadoSpeechService, mado_speech_service, MADO, SPEECH_SERVICE, GObject)

/* With the "local" endpoint (the default) the service runs madoguchi-gateway on loopback for the
 * app's own phrase @database, restarts it if it dies, and stops it with the app; otherwise it
 * connects to the configured gateway with the token from the configured file. The "client" and
 * "capabilities" properties change as the connection comes and goes; "problem" tells what went
 * wrong, for the staff. */
MadoSpeechService      *mado_speech_service_new              (MadoSettings      *settings,
                                                              const char        *database);
void                    mado_speech_service_start            (MadoSpeechService *self);
void                    mado_speech_service_stop             (MadoSpeechService *self);
MadoSpeechClient       *mado_speech_service_get_client       (MadoSpeechService *self);
MadoSpeechCapabilities *mado_speech_service_get_capabilities (MadoSpeechService *self);

G_END_DECLS

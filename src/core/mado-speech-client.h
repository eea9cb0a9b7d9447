/* mado-speech-client.h: the app's side of the Madoguchi Speech API (docs/api.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mado-audio-buffer.h"
#include "mado-recognition.h"
#include "mado-speech-api-error.h"
#include "mado-speech-capabilities.h"
#include "mado-speech-results.h"

G_BEGIN_DECLS

/* The client's own deadlines, a little above the gateway's (docs/api.md, "Limits and
 * timeouts"), so the gateway's own timeout error arrives before the client gives up. */
#define MADO_SPEECH_CLIENT_DEFAULT_CAPABILITIES_TIMEOUT_MS  5000
#define MADO_SPEECH_CLIENT_DEFAULT_TRANSLATE_TIMEOUT_MS    12000
#define MADO_SPEECH_CLIENT_DEFAULT_SYNTHESIZE_TIMEOUT_MS   17000
#define MADO_SPEECH_CLIENT_DEFAULT_RECOGNIZE_TIMEOUT_MS    17000

#define MADO_TYPE_SPEECH_CLIENT (mado_speech_client_get_type ())
G_DECLARE_FINAL_TYPE (MadoSpeechClient, mado_speech_client, MADO, SPEECH_CLIENT, GObject)

/* All calls complete in the thread-default main context of their caller; a client is used
 * from one main context. The token is sent only as a bearer token and never appears in a
 * message, a log line or a property that can be read. */
MadoSpeechClient       *mado_speech_client_new                     (const char          *base_url,
                                                                    const char          *token,
                                                                    GError             **error);
const char             *mado_speech_client_get_base_url            (MadoSpeechClient    *self);

/* Deadlines in milliseconds for each kind of call; recognition's starts at the end of the audio. */
guint                   mado_speech_client_get_capabilities_timeout (MadoSpeechClient   *self);
void                    mado_speech_client_set_capabilities_timeout (MadoSpeechClient   *self,
                                                                     guint               timeout_ms);
guint                   mado_speech_client_get_translate_timeout   (MadoSpeechClient    *self);
void                    mado_speech_client_set_translate_timeout   (MadoSpeechClient    *self,
                                                                    guint                timeout_ms);
guint                   mado_speech_client_get_synthesize_timeout  (MadoSpeechClient    *self);
void                    mado_speech_client_set_synthesize_timeout  (MadoSpeechClient    *self,
                                                                    guint                timeout_ms);
guint                   mado_speech_client_get_recognize_timeout   (MadoSpeechClient    *self);
void                    mado_speech_client_set_recognize_timeout   (MadoSpeechClient    *self,
                                                                    guint                timeout_ms);

/* GET /v1/health: the gateway's version. */
void                    mado_speech_client_check_health_async      (MadoSpeechClient    *self,
                                                                    GCancellable        *cancellable,
                                                                    GAsyncReadyCallback  callback,
                                                                    gpointer             user_data);
char                   *mado_speech_client_check_health_finish     (MadoSpeechClient    *self,
                                                                    GAsyncResult        *result,
                                                                    GError             **error);

void                    mado_speech_client_get_capabilities_async  (MadoSpeechClient    *self,
                                                                    GCancellable        *cancellable,
                                                                    GAsyncReadyCallback  callback,
                                                                    gpointer             user_data);
MadoSpeechCapabilities *mado_speech_client_get_capabilities_finish (MadoSpeechClient    *self,
                                                                    GAsyncResult        *result,
                                                                    GError             **error);

void                    mado_speech_client_translate_async         (MadoSpeechClient    *self,
                                                                    const char          *text,
                                                                    const char          *source,
                                                                    const char          *target,
                                                                    gboolean             back_translate,
                                                                    GCancellable        *cancellable,
                                                                    GAsyncReadyCallback  callback,
                                                                    gpointer             user_data);
MadoTranslation        *mado_speech_client_translate_finish        (MadoSpeechClient    *self,
                                                                    GAsyncResult        *result,
                                                                    GError             **error);

void                    mado_speech_client_synthesize_async        (MadoSpeechClient    *self,
                                                                    const char          *text,
                                                                    const char          *language,
                                                                    GCancellable        *cancellable,
                                                                    GAsyncReadyCallback  callback,
                                                                    gpointer             user_data);
MadoAudioBuffer        *mado_speech_client_synthesize_finish       (MadoSpeechClient    *self,
                                                                    GAsyncResult        *result,
                                                                    GError             **error);

/* Opens POST /v1/recognize at once, so the audio streams to the gateway while the person
 * speaks; see mado-recognition.h. Never retried: the audio cannot be sent twice. */
MadoRecognition        *mado_speech_client_begin_recognition       (MadoSpeechClient    *self,
                                                                    const char          *language);

G_END_DECLS

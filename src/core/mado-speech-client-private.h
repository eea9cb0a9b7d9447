/* mado-speech-client-private.h: what the client's requests and recognitions share inside the core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "mado-speech-client.h"

G_BEGIN_DECLS

SoupMessage *mado_speech_client_new_message       (MadoSpeechClient *self,
                                                   const char       *method,
                                                   const char       *path,
                                                   const char       *query);
SoupSession *mado_speech_client_get_session       (MadoSpeechClient *self);
/* The base URL without user name, password, query or fragment, for messages. */
const char  *mado_speech_client_get_display_url   (MadoSpeechClient *self);
/* Returns @text with every occurrence of the token replaced, for anything that may be logged. */
char        *mado_speech_client_scrub             (MadoSpeechClient *self,
                                                   const char       *text);

G_END_DECLS

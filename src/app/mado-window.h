/* mado-window.h: the kiosk window: welcome screen and conversation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mado-phrase-store.h"
#include "mado-speech-capabilities.h"
#include "mado-speech-client.h"
#include "mado-settings.h"
#include "mado-voice.h"

G_BEGIN_DECLS

#define MADO_TYPE_WINDOW (mado_window_get_type ())
G_DECLARE_FINAL_TYPE (MadoWindow, mado_window, MADO, WINDOW, AdwApplicationWindow)

MadoWindow *mado_window_new          (AdwApplication  *application,
                                      MadoSettings    *settings,
                                      MadoVoice       *voice);
void        mado_window_set_store    (MadoWindow      *self,
                                      MadoPhraseStore *store);
void        mado_window_set_speech   (MadoWindow             *self,
                                      MadoSpeechClient       *client,
                                      MadoSpeechCapabilities *capabilities);
/* Shows @message to the clerk without interrupting the conversation. */
void        mado_window_tell_staff   (MadoWindow      *self,
                                      const char      *message);
/* Like mado_window_tell_staff(), but the notice stays until the clerk dismisses it: for conditions
 * that last, such as a damaged database, which a six-second notice would let pass unseen. A toast has
 * one line, so it carries the @summary and a button that shows the full @details. */
void        mado_window_warn_staff   (MadoWindow      *self,
                                      const char      *summary,
                                      const char      *details);

G_END_DECLS

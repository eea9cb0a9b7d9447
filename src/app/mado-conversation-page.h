/* mado-conversation-page.h: the dialogue between clerk and resident
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mado-conversation.h"
#include "mado-speech-capabilities.h"
#include "mado-phrase-store.h"
#include "mado-settings.h"
#include "mado-voice.h"

G_BEGIN_DECLS

#define MADO_TYPE_CONVERSATION_PAGE (mado_conversation_page_get_type ())
G_DECLARE_FINAL_TYPE (MadoConversationPage, mado_conversation_page, MADO, CONVERSATION_PAGE, AdwBin)

void        mado_conversation_page_setup                 (MadoConversationPage *self,
                                                          MadoSettings         *settings,
                                                          MadoVoice            *voice);
/* Connects the dialogue to the speech service; NULLs while it is away (typing and speaking then
 * fail with a clear message, and the phrase book keeps working). */
void        mado_conversation_page_set_speech            (MadoConversationPage   *self,
                                                          MadoSpeechClient       *client,
                                                          MadoSpeechCapabilities *capabilities);
void        mado_conversation_page_set_store             (MadoConversationPage *self,
                                                          MadoPhraseStore      *store);
void        mado_conversation_page_set_resident_language (MadoConversationPage *self,
                                                          const char           *language);
const char *mado_conversation_page_get_resident_language (MadoConversationPage *self);
/* Puts a registered phrase into the dialogue in both languages and speaks it. */
void        mado_conversation_page_say_phrase            (MadoConversationPage *self,
                                                          MadoPhrase           *phrase);
/* Removes every turn and stops speech: nothing of this resident stays on screen. */
void        mado_conversation_page_clear                 (MadoConversationPage *self);
guint       mado_conversation_page_get_n_turns           (MadoConversationPage *self);
MadoConversation *mado_conversation_page_get_conversation (MadoConversationPage *self);

G_END_DECLS

/* mado-conversation.h: the dialogue at the counter and the work behind each turn
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mado-phrase.h"
#include "mado-speech-client.h"
#include "mado-turn.h"

G_BEGIN_DECLS

#define MADO_CONVERSATION_ERROR (mado_conversation_error_quark ())

typedef enum {
  MADO_CONVERSATION_ERROR_NO_GATEWAY,       /* no speech service is connected yet, or it went away */
  MADO_CONVERSATION_ERROR_NO_TRANSLATION,   /* a registered phrase lacks the resident's language */
  MADO_CONVERSATION_ERROR_EMPTY,            /* nothing to send */
} MadoConversationError;

GQuark mado_conversation_error_quark (void);

#define MADO_TYPE_CONVERSATION (mado_conversation_get_type ())
G_DECLARE_FINAL_TYPE (MadoConversation, mado_conversation, MADO, CONVERSATION, GObject)

/* The conversation holds the turns (a GListModel of MadoTurn the UI shows) and carries each turn
 * through recognition, review and translation with the speech client. Staff speak Japanese; the
 * resident speaks the resident language; every turn is translated into the other one, with a
 * back-translation into the speaker's language. */
MadoConversation *mado_conversation_new                   (const char        *resident_language);
void              mado_conversation_set_client            (MadoConversation  *self,
                                                           MadoSpeechClient  *client);
MadoSpeechClient *mado_conversation_get_client            (MadoConversation  *self);
const char       *mado_conversation_get_resident_language (MadoConversation  *self);
/* Changing the language starts a new conversation: the turns are removed. */
void              mado_conversation_set_resident_language (MadoConversation  *self,
                                                           const char        *language);
GListModel       *mado_conversation_get_turns             (MadoConversation  *self);

/* A registered phrase goes straight into the dialogue: its translation was checked by people. */
MadoTurn         *mado_conversation_say_phrase            (MadoConversation  *self,
                                                           MadoPhrase        *phrase,
                                                           GError           **error);
/* Typed text is translated at once. */
MadoTurn         *mado_conversation_say_text              (MadoConversation  *self,
                                                           MadoSpeaker        speaker,
                                                           const char        *text);
/* Spoken text: open a turn, stream audio into it while the person speaks, end it; the recognised
 * text then waits in REVIEW until the speaker sends it (edited or not) with _confirm(). */
MadoTurn         *mado_conversation_begin_speech          (MadoConversation  *self,
                                                           MadoSpeaker        speaker);
gboolean          mado_conversation_push_audio            (MadoConversation  *self,
                                                           MadoTurn          *turn,
                                                           const gint16      *samples,
                                                           gsize              n_samples);
void              mado_conversation_end_speech            (MadoConversation  *self,
                                                           MadoTurn          *turn);
void              mado_conversation_confirm               (MadoConversation  *self,
                                                           MadoTurn          *turn,
                                                           const char        *text);
/* The capture failed (no microphone, device lost): the turn shows @error instead of waiting. */
void              mado_conversation_fail_speech           (MadoConversation  *self,
                                                           MadoTurn          *turn,
                                                           const GError      *error);
/* Drops a turn that is listening, recognising or in review, e.g. when the speaker cancels. */
void              mado_conversation_discard               (MadoConversation  *self,
                                                           MadoTurn          *turn);
/* Tries a failed turn again from the step that failed. */
void              mado_conversation_retry                 (MadoConversation  *self,
                                                           MadoTurn          *turn);
/* Ends everything in flight and removes every turn. */
void              mado_conversation_clear                 (MadoConversation  *self);

G_END_DECLS

/* mado-dialogue-pane.h: one person's side of the dialogue: their view of the turns and their input
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mado-conversation.h"

G_BEGIN_DECLS

#define MADO_TYPE_DIALOGUE_PANE (mado_dialogue_pane_get_type ())
G_DECLARE_FINAL_TYPE (MadoDialoguePane, mado_dialogue_pane, MADO, DIALOGUE_PANE, AdwBin)

void        mado_dialogue_pane_set_reader       (MadoDialoguePane *self,
                                                 MadoSpeaker       reader,
                                                 const char       *language);
void        mado_dialogue_pane_set_conversation (MadoDialoguePane *self,
                                                 MadoConversation *conversation);
/* Live microphone level, 0 (silence) to 1 (loud). */
void        mado_dialogue_pane_set_level        (MadoDialoguePane *self,
                                                 double            level);
/* Keeps the microphone button in step with the capture (which may stop by itself). */
void        mado_dialogue_pane_set_listening    (MadoDialoguePane *self,
                                                 gboolean          listening);
/* Whether speech can be recognised in this pane's language; @reason_msgid says why not, and is
 * shown in the pane's language. */
void        mado_dialogue_pane_set_can_listen   (MadoDialoguePane *self,
                                                 gboolean          can_listen,
                                                 const char       *reason_msgid);

G_END_DECLS

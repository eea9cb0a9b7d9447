/* mado-turn.h: one turn of the dialogue: who spoke, what was said, its translation and check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "mado-phrase.h"

G_BEGIN_DECLS

typedef enum {
  MADO_TURN_LISTENING,     /* the microphone is open and audio streams to the gateway */
  MADO_TURN_RECOGNISING,   /* the speaker stopped; waiting for the recognised text */
  MADO_TURN_REVIEW,        /* recognised text shown to the speaker, who may edit it before sending */
  MADO_TURN_TRANSLATING,
  MADO_TURN_DONE,
  MADO_TURN_FAILED,        /* see mado_turn_get_error(); the turn can be retried */
} MadoTurnState;

#define MADO_TYPE_TURN (mado_turn_get_type ())
G_DECLARE_FINAL_TYPE (MadoTurn, mado_turn, MADO, TURN, GObject)

/* Turns are created and advanced by MadoConversation; the setters exist for it and for tests. */
MadoTurn      *mado_turn_new                  (MadoSpeaker    speaker,
                                               const char    *source_language,
                                               const char    *target_language);
MadoSpeaker    mado_turn_get_speaker          (MadoTurn      *self);
const char    *mado_turn_get_source_language  (MadoTurn      *self);
const char    *mado_turn_get_target_language  (MadoTurn      *self);
MadoTurnState  mado_turn_get_state            (MadoTurn      *self);
void           mado_turn_set_state            (MadoTurn      *self,
                                               MadoTurnState  state);
const char    *mado_turn_get_source_text      (MadoTurn      *self);
void           mado_turn_set_source_text      (MadoTurn      *self,
                                               const char    *text);
const char    *mado_turn_get_translation      (MadoTurn      *self);
const char    *mado_turn_get_back_translation (MadoTurn      *self);
gboolean       mado_turn_get_verified         (MadoTurn      *self);
const char    *mado_turn_get_phrase_id        (MadoTurn      *self);
const char    *mado_turn_get_provider         (MadoTurn      *self);
/* Sets translation, back-translation and where they came from at once, and moves to DONE. */
void           mado_turn_complete             (MadoTurn      *self,
                                               const char    *translation,
                                               const char    *back_translation,
                                               const char    *provider,
                                               gboolean       verified,
                                               const char    *phrase_id);
const GError  *mado_turn_get_error            (MadoTurn      *self);
/* Moves to FAILED with a copy of @error. */
void           mado_turn_fail                 (MadoTurn      *self,
                                               const GError  *error);
/* Monotonic times (µs) of the last audio or the send, and of the finished translation; 0 until then. */
gint64         mado_turn_get_sent_at          (MadoTurn      *self);
void           mado_turn_set_sent_at          (MadoTurn      *self,
                                               gint64         time);
gint64         mado_turn_get_completed_at     (MadoTurn      *self);
/* The gateway's own share of the turn (ms), for telling the app's overhead apart. */
double         mado_turn_get_gateway_ms       (MadoTurn      *self);
void           mado_turn_add_gateway_ms       (MadoTurn      *self,
                                               double         ms);

G_END_DECLS

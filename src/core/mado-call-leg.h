/* mado-call-leg.h: one SIP call to one service, as a backend places it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "mado-call-types.h"

G_BEGIN_DECLS

#define MADO_TYPE_CALL_LEG (mado_call_leg_get_type ())
G_DECLARE_DERIVABLE_TYPE (MadoCallLeg, mado_call_leg, MADO, CALL_LEG, GObject)

/* A backend returns a leg already dialling. The leg's state only moves forward, and a final
 * state (ended, failed) never changes again, so a handler can finish its work when it sees one.
 * Implementations report progress with the functions in the second block below. */
struct _MadoCallLegClass
{
  GObjectClass parent_class;

  /* Cancels a call that is not answered yet, or sends BYE; reports the end with mado_call_leg_end(). */
  void     (*hang_up)   (MadoCallLeg  *self);
  /* Queues the digits; called only while connected, with digits mado_call_check_dtmf() accepts.
   * Emits "dtmf-sent" when the last digit is out. */
  void     (*send_dtmf) (MadoCallLeg  *self,
                         const char   *digits);
};

const char      *mado_call_leg_get_uri            (MadoCallLeg     *self);
MadoCallState    mado_call_leg_get_state          (MadoCallLeg     *self);
MadoCallFailure  mado_call_leg_get_failure        (MadoCallLeg     *self);
/* What the far end or the helper said, e.g. "486 Busy Here" or "Connection refused"; NULL when
 * the leg has not failed. */
const char      *mado_call_leg_get_failure_detail (MadoCallLeg     *self);
gboolean         mado_call_leg_get_remote_hangup  (MadoCallLeg     *self);
/* The SIP Call-ID, once the helper has told it; the interpreter's system can match it. */
const char      *mado_call_leg_get_call_id        (MadoCallLeg     *self);
/* Whole seconds spent connected: growing while connected, frozen once the call has ended. */
guint            mado_call_leg_get_duration       (MadoCallLeg     *self);

void             mado_call_leg_hang_up            (MadoCallLeg     *self);
gboolean         mado_call_leg_send_dtmf          (MadoCallLeg     *self,
                                                   const char      *digits,
                                                   GError         **error);
/* Hangs up and makes the leg end in failed with @failure instead of ended. The fallback chain
 * uses it when a service rings for too long (no answer) or never answers at all (unreachable). */
void             mado_call_leg_give_up            (MadoCallLeg     *self,
                                                   MadoCallFailure  failure,
                                                   const char      *detail);

/* For implementations. */
void             mado_call_leg_set_progress       (MadoCallLeg     *self,
                                                   MadoCallState    state);
void             mado_call_leg_set_call_id        (MadoCallLeg     *self,
                                                   const char      *call_id);
void             mado_call_leg_end                (MadoCallLeg     *self,
                                                   gboolean         by_remote);
void             mado_call_leg_fail               (MadoCallLeg     *self,
                                                   MadoCallFailure  failure,
                                                   const char      *detail);
void             mado_call_leg_emit_dtmf_sent     (MadoCallLeg     *self,
                                                   const char      *digits);

G_END_DECLS

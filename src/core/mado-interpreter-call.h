/* mado-interpreter-call.h: one press of the interpreter button, through the fallback chain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mado-call-backend.h"
#include "mado-context-webhook.h"
#include "mado-interpreter-plan.h"
#include "mado-usage-log.h"

G_BEGIN_DECLS

#define MADO_TYPE_INTERPRETER_CALL (mado_interpreter_call_get_type ())
G_DECLARE_FINAL_TYPE (MadoInterpreterCall, mado_interpreter_call, MADO, INTERPRETER_CALL, GObject)

/* Calls the services of @plan in order. A closed service is skipped; a busy, unanswered,
 * unreachable or rejecting one passes the call to the next; once a service answers, that is the
 * call. The call ends in:
 *   ended         hung up by either side (or by the clerk before anyone answered);
 *   dial-by-hand  no service took the call: show "manual-number";
 *   failed        the tablet's side broke (its audio or its SIP helper), before or during the
 *                 call: "failure" says which, and "manual-number" is still the way out.
 *
 * Properties for the UI, all notified on change (read-only):
 *   state           MadoCallState
 *   service         MadoInterpreterService being called (or last called), NULL before start
 *   step, n-steps   "service 2 of 3" (step is 0 before start)
 *   duration        whole seconds connected; notified every second while connected
 *   failure         MadoCallFailure of the last service that failed, or of the break
 *   failure-detail  e.g. "486 Busy Here", for IT staff and logs
 *   remote-hangup   the interpreter hung up
 *   manual-number   the number to dial by hand (from the plan); may be NULL
 * Nothing here blocks: all I/O is asynchronous on the thread-default main context. */
MadoInterpreterCall    *mado_interpreter_call_new                (MadoCallBackend       *backend,
                                                                  MadoInterpreterPlan   *plan);

/* Settings to give before mado_interpreter_call_start(). */
/* Seconds a service may take to answer; one that has not even rung by then counts as unreachable. */
void                    mado_interpreter_call_set_answer_timeout (MadoInterpreterCall   *self,
                                                                  guint                  seconds);
/* Shown to the far end as the caller's name, and sent with the context. */
void                    mado_interpreter_call_set_counter_name   (MadoInterpreterCall   *self,
                                                                  const char            *counter_name);
/* Digits to send on connect instead of the directory's (madoguchi-admin call --dtmf). */
void                    mado_interpreter_call_set_dtmf_override  (MadoInterpreterCall   *self,
                                                                  const char            *digits);
/* Posts the context when a service answers. @turns (MadoContextTurn, nullable) are copied; the
 * webhook sends them only if it was made with send_turns. */
void                    mado_interpreter_call_set_context        (MadoInterpreterCall   *self,
                                                                  MadoContextWebhook    *webhook,
                                                                  const char            *genre,
                                                                  GPtrArray             *turns);
/* Records the handoff there when it is over. */
void                    mado_interpreter_call_set_usage_log      (MadoInterpreterCall   *self,
                                                                  MadoUsageLog          *usage_log);

void                    mado_interpreter_call_start              (MadoInterpreterCall   *self);
/* Cancels a call still ringing (the chain stops there) or ends a connected one. */
void                    mado_interpreter_call_hang_up            (MadoInterpreterCall   *self);
gboolean                mado_interpreter_call_send_dtmf          (MadoInterpreterCall   *self,
                                                                  const char            *digits,
                                                                  GError               **error);

MadoInterpreterPlan    *mado_interpreter_call_get_plan           (MadoInterpreterCall   *self);
const char             *mado_interpreter_call_get_language       (MadoInterpreterCall   *self);
MadoCallState           mado_interpreter_call_get_state          (MadoInterpreterCall   *self);
MadoInterpreterService *mado_interpreter_call_get_service        (MadoInterpreterCall   *self);
guint                   mado_interpreter_call_get_step           (MadoInterpreterCall   *self);
guint                   mado_interpreter_call_get_n_steps        (MadoInterpreterCall   *self);
guint                   mado_interpreter_call_get_duration       (MadoInterpreterCall   *self);
MadoCallFailure         mado_interpreter_call_get_failure        (MadoInterpreterCall   *self);
const char             *mado_interpreter_call_get_failure_detail (MadoInterpreterCall   *self);
gboolean                mado_interpreter_call_get_remote_hangup  (MadoInterpreterCall   *self);
const char             *mado_interpreter_call_get_manual_number  (MadoInterpreterCall   *self);
/* The SIP Call-ID of the answered call, or NULL. */
const char             *mado_interpreter_call_get_call_id        (MadoInterpreterCall   *self);

G_END_DECLS

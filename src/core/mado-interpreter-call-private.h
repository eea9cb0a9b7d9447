/* mado-interpreter-call-private.h: what the two halves of MadoInterpreterCall share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mado-interpreter-call.h"

G_BEGIN_DECLS

/* One service tried, for the usage log. */
typedef struct {
  char  *service_id;
  char  *outcome;
  guint  duration_seconds;
} MadoCallAttempt;

struct _MadoInterpreterCall
{
  GObject                 parent_instance;

  MadoCallBackend        *backend;
  MadoInterpreterPlan    *plan;
  guint                   answer_timeout_s;
  char                   *counter_name;
  char                   *dtmf_override;
  MadoContextWebhook     *webhook;
  char                   *genre;
  GPtrArray              *turns;
  MadoUsageLog           *usage_log;

  MadoCallState           state;
  guint                   index;          /* into the plan; the service being tried */
  MadoInterpreterService *service;
  MadoCallLeg            *leg;
  MadoCallFailure         failure;
  char                   *failure_detail;
  gboolean                remote_hangup;
  char                   *call_id;
  gboolean                connected;
  gboolean                hang_up_requested;
  guint                   duration;
  GDateTime              *started_at;
  GArray                 *attempts;       /* MadoCallAttempt */

  guint                   answer_timeout_id;
  guint                   duration_tick_id;
  guint                   dtmf_delay_id;
  GCancellable           *cancellable;
};

enum {
  PROP_0,
  PROP_STATE,
  PROP_SERVICE,
  PROP_STEP,
  PROP_N_STEPS,
  PROP_DURATION,
  PROP_FAILURE,
  PROP_FAILURE_DETAIL,
  PROP_REMOTE_HANGUP,
  PROP_MANUAL_NUMBER,
  MADO_INTERPRETER_CALL_N_PROPS
};

enum {
  ATTEMPT_FINISHED,
  DTMF_SENT,
  CONTEXT_SENT,
  MADO_INTERPRETER_CALL_N_SIGNALS
};

extern GParamSpec *mado_interpreter_call_properties[MADO_INTERPRETER_CALL_N_PROPS];
extern guint       mado_interpreter_call_signals[MADO_INTERPRETER_CALL_N_SIGNALS];

/* mado-interpreter-call-chain.c */
void mado_interpreter_call_clear_attempt    (gpointer             data);
void mado_interpreter_call_set_state        (MadoInterpreterCall *self,
                                             MadoCallState        state);
void mado_interpreter_call_drop_leg         (MadoInterpreterCall *self);
/* Ends the call in @state and records it in the usage log. */
void mado_interpreter_call_finish           (MadoInterpreterCall *self,
                                             MadoCallState        state);
/* Dials the service at self->index, or the next open one; ends in dial-by-hand after the last. */
void mado_interpreter_call_try_next_service (MadoInterpreterCall *self);

G_END_DECLS

/* mado-interpreter-call-chain.c: walking the fallback chain, one service at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The other half of mado-interpreter-call.c, which holds the object and its API.
 */
#include "mado-interpreter-call.h"

#include "mado-interpreter-call-private.h"

void
mado_interpreter_call_clear_attempt (gpointer data)
{
  MadoCallAttempt *attempt = data;

  g_free (attempt->service_id);
  g_free (attempt->outcome);
}

static void
emit_attempt_finished (MadoInterpreterCall    *self,
                       MadoInterpreterService *service,
                       MadoCallFailure         failure,
                       const char             *detail)
{
  g_signal_emit (self, mado_interpreter_call_signals[ATTEMPT_FINISHED], 0, service, failure, detail);
}

void
mado_interpreter_call_set_state (MadoInterpreterCall *self,
                                 MadoCallState        state)
{
  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), mado_interpreter_call_properties[PROP_STATE]);
}

static void
set_failure (MadoInterpreterCall *self,
             MadoCallFailure      failure,
             const char          *detail)
{
  if (self->failure != failure)
    {
      self->failure = failure;
      g_object_notify_by_pspec (G_OBJECT (self), mado_interpreter_call_properties[PROP_FAILURE]);
    }

  if (g_strcmp0 (self->failure_detail, detail) != 0)
    {
      g_free (self->failure_detail);
      self->failure_detail = g_strdup (detail);
      g_object_notify_by_pspec (G_OBJECT (self), mado_interpreter_call_properties[PROP_FAILURE_DETAIL]);
    }
}

static void
add_attempt (MadoInterpreterCall    *self,
             MadoInterpreterService *service,
             const char             *outcome,
             guint                   duration_seconds)
{
  MadoCallAttempt attempt = {
    g_strdup (mado_interpreter_service_get_id (service)),
    g_strdup (outcome),
    duration_seconds,
  };

  g_array_append_val (self->attempts, attempt);
}

void
mado_interpreter_call_drop_leg (MadoInterpreterCall *self)
{
  if (self->leg == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->leg, self);
  /* A finished leg keeps its helper until it has quit; a live one (only at dispose) is cut off. */
  g_clear_object (&self->leg);
}

static void
record_usage (MadoInterpreterCall *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree MadoHandoffAttempt *attempts = g_new0 (MadoHandoffAttempt, self->attempts->len + 1);
  MadoHandoffRecord record = { 0 };

  if (self->usage_log == NULL)
    return;

  for (guint i = 0; i < self->attempts->len; i++)
    {
      const MadoCallAttempt *attempt = &g_array_index (self->attempts, MadoCallAttempt, i);

      attempts[i].service_id = attempt->service_id;
      attempts[i].outcome = attempt->outcome;
      attempts[i].duration_seconds = attempt->duration_seconds;
    }

  record.started_at = self->started_at;
  record.language = mado_interpreter_plan_get_language (self->plan);
  record.service_id = self->service != NULL ? mado_interpreter_service_get_id (self->service) : NULL;
  record.failure = self->failure;
  record.duration_seconds = self->duration;
  record.attempts = attempts;
  record.n_attempts = self->attempts->len;

  if (self->connected)
    record.outcome = MADO_HANDOFF_CONNECTED;
  else if (self->state == MADO_CALL_STATE_DIAL_BY_HAND)
    record.outcome = MADO_HANDOFF_DIAL_BY_HAND;
  else if (self->state == MADO_CALL_STATE_ENDED)
    record.outcome = MADO_HANDOFF_CANCELLED;
  else
    record.outcome = MADO_HANDOFF_FAILED;

  /* The usage figures are not worth troubling the clerk in the middle of a conversation. */
  if (!mado_usage_log_record_handoff (self->usage_log, &record, NULL, &error))
    g_warning ("The interpreter handoff was not recorded: %s", error->message);
}

void
mado_interpreter_call_finish (MadoInterpreterCall *self,
                              MadoCallState        state)
{
  g_clear_handle_id (&self->answer_timeout_id, g_source_remove);
  g_clear_handle_id (&self->duration_tick_id, g_source_remove);
  g_clear_handle_id (&self->dtmf_delay_id, g_source_remove);

  if (self->leg != NULL && self->connected)
    {
      guint duration = mado_call_leg_get_duration (self->leg);

      if (duration != self->duration)
        {
          self->duration = duration;
          g_object_notify_by_pspec (G_OBJECT (self), mado_interpreter_call_properties[PROP_DURATION]);
        }
    }

  mado_interpreter_call_drop_leg (self);
  mado_interpreter_call_set_state (self, state);
  record_usage (self);
}

/* The service at self->index is over without an interpreter on the line. */
static void
attempt_failed (MadoInterpreterCall *self,
                MadoCallFailure      failure,
                const char          *detail)
{
  MadoInterpreterService *service = self->service;

  g_clear_handle_id (&self->answer_timeout_id, g_source_remove);
  mado_interpreter_call_drop_leg (self);

  add_attempt (self, service, mado_call_failure_to_string (failure), 0);
  set_failure (self, failure, detail);
  emit_attempt_finished (self, service, failure, detail);

  /* A handler may have hung up, which ends the whole call. */
  if (mado_call_state_is_final (self->state))
    return;

  if (mado_call_failure_is_local (failure))
    {
      mado_interpreter_call_finish (self, MADO_CALL_STATE_FAILED);
      return;
    }

  self->index++;
  mado_interpreter_call_try_next_service (self);
}

static gboolean
on_duration_tick (gpointer user_data)
{
  MadoInterpreterCall *self = MADO_INTERPRETER_CALL (user_data);
  guint duration = mado_call_leg_get_duration (self->leg);

  if (duration != self->duration)
    {
      self->duration = duration;
      g_object_notify_by_pspec (G_OBJECT (self), mado_interpreter_call_properties[PROP_DURATION]);
    }

  return G_SOURCE_CONTINUE;
}

static gboolean
on_answer_timeout (gpointer user_data)
{
  g_autoptr(MadoInterpreterCall) self = g_object_ref (MADO_INTERPRETER_CALL (user_data));
  g_autofree char *detail = NULL;

  self->answer_timeout_id = 0;

  if (mado_call_leg_get_state (self->leg) == MADO_CALL_STATE_RINGING)
    {
      detail = g_strdup_printf ("no answer within %u seconds", self->answer_timeout_s);
      mado_call_leg_give_up (self->leg, MADO_CALL_FAILURE_NO_ANSWER, detail);
    }
  else
    {
      detail = g_strdup_printf ("the service did not respond within %u seconds", self->answer_timeout_s);
      mado_call_leg_give_up (self->leg, MADO_CALL_FAILURE_UNREACHABLE, detail);
    }

  return G_SOURCE_REMOVE;
}

static const char *
dtmf_for_call (MadoInterpreterCall *self)
{
  if (self->dtmf_override != NULL)
    return self->dtmf_override;

  return mado_interpreter_service_get_dtmf (self->service, mado_interpreter_plan_get_language (self->plan));
}

static gboolean
on_dtmf_delay (gpointer user_data)
{
  MadoInterpreterCall *self = MADO_INTERPRETER_CALL (user_data);
  g_autoptr(GError) error = NULL;

  self->dtmf_delay_id = 0;
  if (!mado_call_leg_send_dtmf (self->leg, dtmf_for_call (self), &error))
    g_warning ("The language digits for %s were not sent: %s", mado_interpreter_service_get_id (self->service),
               error->message);

  return G_SOURCE_REMOVE;
}

static void
on_leg_dtmf_sent (MadoInterpreterCall *self,
                  const char          *digits)
{
  g_signal_emit (self, mado_interpreter_call_signals[DTMF_SENT], 0, digits);
}

static void
on_context_posted (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  MadoInterpreterCall *self;

  mado_context_webhook_post_finish (MADO_CONTEXT_WEBHOOK (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = MADO_INTERPRETER_CALL (user_data);
  g_signal_emit (self, mado_interpreter_call_signals[CONTEXT_SENT], 0, error);
}

static void
post_context (MadoInterpreterCall *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  MadoHandoffContext context = {
    .language = mado_interpreter_plan_get_language (self->plan),
    .counter_name = self->counter_name,
    .genre = self->genre,
    .service_id = mado_interpreter_service_get_id (self->service),
    .service_name = mado_interpreter_service_get_name (self->service, "en"),
    .call_id = mado_call_leg_get_call_id (self->leg),
    .started_at = now,
    .turns = self->turns,
  };

  /* Not awaited: the interpreter is already on the line, whatever the webhook does. */
  mado_context_webhook_post_async (self->webhook, &context, self->cancellable, on_context_posted, self);
}

static void
on_connected (MadoInterpreterCall *self)
{
  g_clear_handle_id (&self->answer_timeout_id, g_source_remove);
  self->connected = TRUE;
  self->call_id = g_strdup (mado_call_leg_get_call_id (self->leg));
  set_failure (self, MADO_CALL_FAILURE_NONE, NULL);
  mado_interpreter_call_set_state (self, MADO_CALL_STATE_CONNECTED);

  self->duration_tick_id = g_timeout_add_seconds (1, on_duration_tick, self);

  if (dtmf_for_call (self) != NULL)
    self->dtmf_delay_id = g_timeout_add (self->dtmf_override != NULL ? 0 :
                                         mado_interpreter_service_get_dtmf_delay_ms (self->service),
                                         on_dtmf_delay, self);

  if (self->webhook != NULL)
    post_context (self);
}

static void
on_leg_state (MadoInterpreterCall *self)
{
  /* Handlers of the notifications below may drop the last reference to either object. */
  g_autoptr(MadoInterpreterCall) self_ref = g_object_ref (self);
  g_autoptr(MadoCallLeg) leg = g_object_ref (self->leg);

  switch (mado_call_leg_get_state (leg))
    {
    case MADO_CALL_STATE_RINGING:
      mado_interpreter_call_set_state (self, MADO_CALL_STATE_RINGING);
      break;

    case MADO_CALL_STATE_CONNECTED:
      on_connected (self);
      break;

    case MADO_CALL_STATE_ENDED:
      if (self->connected)
        {
          gboolean remote = mado_call_leg_get_remote_hangup (leg);

          add_attempt (self, self->service, "connected", mado_call_leg_get_duration (leg));
          if (remote)
            {
              self->remote_hangup = TRUE;
              g_object_notify_by_pspec (G_OBJECT (self), mado_interpreter_call_properties[PROP_REMOTE_HANGUP]);
            }
          emit_attempt_finished (self, self->service, MADO_CALL_FAILURE_NONE, NULL);
          mado_interpreter_call_finish (self, MADO_CALL_STATE_ENDED);
        }
      else if (self->hang_up_requested)
        {
          add_attempt (self, self->service, "cancelled", 0);
          emit_attempt_finished (self, self->service, MADO_CALL_FAILURE_NONE, NULL);
          mado_interpreter_call_finish (self, MADO_CALL_STATE_ENDED);
        }
      else
        {
          attempt_failed (self, MADO_CALL_FAILURE_SIP_ERROR, "the service ended the call before answering");
        }
      break;

    case MADO_CALL_STATE_FAILED:
      if (self->connected)
        {
          /* The call broke with the interpreter on the line; calling someone else now would
           * surprise everyone at the counter. */
          add_attempt (self, self->service, "connected", mado_call_leg_get_duration (leg));
          set_failure (self, mado_call_leg_get_failure (leg), mado_call_leg_get_failure_detail (leg));
          emit_attempt_finished (self, self->service, self->failure, self->failure_detail);
          mado_interpreter_call_finish (self, MADO_CALL_STATE_FAILED);
        }
      else
        {
          attempt_failed (self, mado_call_leg_get_failure (leg), mado_call_leg_get_failure_detail (leg));
        }
      break;

    case MADO_CALL_STATE_IDLE:
    case MADO_CALL_STATE_DIALLING:
    case MADO_CALL_STATE_DIAL_BY_HAND:
    default:
      break;
    }
}

static MadoCallFailure
failure_for_dial_error (const GError *error)
{
  if (g_error_matches (error, MADO_CALL_ERROR, MADO_CALL_ERROR_INVALID_URI))
    return MADO_CALL_FAILURE_UNREACHABLE;

  /* The helper is missing, or the tablet's own settings (devices, address) cannot be given to it. */
  return MADO_CALL_FAILURE_HELPER_DIED;
}

static void
set_service (MadoInterpreterCall    *self,
             MadoInterpreterService *service)
{
  if (g_set_object (&self->service, service))
    g_object_notify_by_pspec (G_OBJECT (self), mado_interpreter_call_properties[PROP_SERVICE]);
  g_object_notify_by_pspec (G_OBJECT (self), mado_interpreter_call_properties[PROP_STEP]);
}

void
mado_interpreter_call_try_next_service (MadoInterpreterCall *self)
{
  const char *language = mado_interpreter_plan_get_language (self->plan);
  const MadoSipTrunk *trunk = mado_interpreter_plan_get_trunk (self->plan);

  while (self->index < mado_interpreter_plan_get_n_services (self->plan))
    {
      MadoInterpreterService *service = mado_interpreter_plan_get_service (self->plan, self->index);
      g_autoptr(GError) error = NULL;
      g_autofree char *uri = NULL;
      MadoDialRequest request = { 0 };

      set_service (self, service);

      if (!mado_interpreter_plan_is_open (self->plan, self->index))
        {
          add_attempt (self, service, mado_call_failure_to_string (MADO_CALL_FAILURE_CLOSED), 0);
          set_failure (self, MADO_CALL_FAILURE_CLOSED, "closed at this hour");
          emit_attempt_finished (self, service, MADO_CALL_FAILURE_CLOSED, "closed at this hour");
          if (mado_call_state_is_final (self->state))
            return;
          self->index++;
          continue;
        }

      uri = mado_interpreter_service_dup_dial_uri (service, trunk);
      if (uri == NULL)
        {
          attempt_failed (self, MADO_CALL_FAILURE_UNREACHABLE, "a number needs a trunk, and the directory has none");
          return;
        }

      request.uri = uri;
      request.language = language;
      request.caller_name = self->counter_name;
      request.trunk = mado_interpreter_service_get_via_trunk (service) ? trunk : NULL;

      mado_interpreter_call_set_state (self, MADO_CALL_STATE_DIALLING);

      self->leg = mado_call_backend_dial (self->backend, &request, &error);
      if (self->leg == NULL)
        {
          attempt_failed (self, failure_for_dial_error (error), error->message);
          return;
        }

      g_signal_connect_object (self->leg, "notify::state", G_CALLBACK (on_leg_state), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->leg, "dtmf-sent", G_CALLBACK (on_leg_dtmf_sent), self, G_CONNECT_SWAPPED);
      self->answer_timeout_id = g_timeout_add_seconds (self->answer_timeout_s, on_answer_timeout, self);

      /* The backend may report progress before the handler was connected. */
      if (mado_call_leg_get_state (self->leg) != MADO_CALL_STATE_DIALLING)
        on_leg_state (self);
      return;
    }

  mado_interpreter_call_finish (self, MADO_CALL_STATE_DIAL_BY_HAND);
}


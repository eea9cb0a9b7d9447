/* mado-interpreter-call.c: one press of the interpreter button, through the fallback chain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-interpreter-call.h"

#include "mado-interpreter-call-private.h"

#define DEFAULT_ANSWER_TIMEOUT_S 40

G_DEFINE_FINAL_TYPE (MadoInterpreterCall, mado_interpreter_call, G_TYPE_OBJECT)

GParamSpec *mado_interpreter_call_properties[MADO_INTERPRETER_CALL_N_PROPS];
guint       mado_interpreter_call_signals[MADO_INTERPRETER_CALL_N_SIGNALS];

static void
mado_interpreter_call_dispose (GObject *object)
{
  MadoInterpreterCall *self = MADO_INTERPRETER_CALL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->answer_timeout_id, g_source_remove);
  g_clear_handle_id (&self->duration_tick_id, g_source_remove);
  g_clear_handle_id (&self->dtmf_delay_id, g_source_remove);
  mado_interpreter_call_drop_leg (self);
  g_clear_object (&self->backend);
  g_clear_object (&self->plan);
  g_clear_object (&self->webhook);
  g_clear_object (&self->usage_log);
  g_clear_object (&self->service);
  g_clear_pointer (&self->turns, g_ptr_array_unref);

  G_OBJECT_CLASS (mado_interpreter_call_parent_class)->dispose (object);
}

static void
mado_interpreter_call_finalize (GObject *object)
{
  MadoInterpreterCall *self = MADO_INTERPRETER_CALL (object);

  g_clear_object (&self->cancellable);
  g_free (self->counter_name);
  g_free (self->dtmf_override);
  g_free (self->genre);
  g_free (self->failure_detail);
  g_free (self->call_id);
  g_clear_pointer (&self->started_at, g_date_time_unref);
  g_array_unref (self->attempts);

  G_OBJECT_CLASS (mado_interpreter_call_parent_class)->finalize (object);
}

static void
mado_interpreter_call_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  MadoInterpreterCall *self = MADO_INTERPRETER_CALL (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_SERVICE:
      g_value_set_object (value, self->service);
      break;
    case PROP_STEP:
      g_value_set_uint (value, mado_interpreter_call_get_step (self));
      break;
    case PROP_N_STEPS:
      g_value_set_uint (value, mado_interpreter_call_get_n_steps (self));
      break;
    case PROP_DURATION:
      g_value_set_uint (value, self->duration);
      break;
    case PROP_FAILURE:
      g_value_set_enum (value, self->failure);
      break;
    case PROP_FAILURE_DETAIL:
      g_value_set_string (value, self->failure_detail);
      break;
    case PROP_REMOTE_HANGUP:
      g_value_set_boolean (value, self->remote_hangup);
      break;
    case PROP_MANUAL_NUMBER:
      g_value_set_string (value, mado_interpreter_call_get_manual_number (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mado_interpreter_call_class_init (MadoInterpreterCallClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = mado_interpreter_call_dispose;
  object_class->finalize = mado_interpreter_call_finalize;
  object_class->get_property = mado_interpreter_call_get_property;

  mado_interpreter_call_properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, MADO_TYPE_CALL_STATE, MADO_CALL_STATE_IDLE, flags);
  mado_interpreter_call_properties[PROP_SERVICE] =
    g_param_spec_object ("service", NULL, NULL, MADO_TYPE_INTERPRETER_SERVICE, flags);
  mado_interpreter_call_properties[PROP_STEP] = g_param_spec_uint ("step", NULL, NULL, 0, G_MAXUINT, 0, flags);
  mado_interpreter_call_properties[PROP_N_STEPS] = g_param_spec_uint ("n-steps", NULL, NULL, 0, G_MAXUINT, 0, flags);
  mado_interpreter_call_properties[PROP_DURATION] = g_param_spec_uint ("duration", NULL, NULL, 0, G_MAXUINT, 0, flags);
  mado_interpreter_call_properties[PROP_FAILURE] =
    g_param_spec_enum ("failure", NULL, NULL, MADO_TYPE_CALL_FAILURE, MADO_CALL_FAILURE_NONE, flags);
  mado_interpreter_call_properties[PROP_FAILURE_DETAIL] =
    g_param_spec_string ("failure-detail", NULL, NULL, NULL, flags);
  mado_interpreter_call_properties[PROP_REMOTE_HANGUP] =
    g_param_spec_boolean ("remote-hangup", NULL, NULL, FALSE, flags);
  mado_interpreter_call_properties[PROP_MANUAL_NUMBER] = g_param_spec_string ("manual-number", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, MADO_INTERPRETER_CALL_N_PROPS,
                                     mado_interpreter_call_properties);

  /**
   * MadoInterpreterCall::attempt-finished:
   * @service: the service
   * @failure: why it did not take the call (%MADO_CALL_FAILURE_CLOSED when it was skipped), or
   *   %MADO_CALL_FAILURE_NONE when it took it and the call has ended
   * @detail: (nullable): the failure in words, e.g. "486 Busy Here"
   *
   * Emitted once for every service of the plan that was tried or skipped, when that attempt is
   * over, before the next service is dialled.
   */
  mado_interpreter_call_signals[ATTEMPT_FINISHED] =
    g_signal_new ("attempt-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, MADO_TYPE_INTERPRETER_SERVICE, MADO_TYPE_CALL_FAILURE, G_TYPE_STRING);

  /**
   * MadoInterpreterCall::dtmf-sent:
   * @digits: the digits, now all sent to the service
   */
  mado_interpreter_call_signals[DTMF_SENT] =
    g_signal_new ("dtmf-sent", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * MadoInterpreterCall::context-sent:
   * @error: (nullable): why the webhook failed, or NULL when it took the context
   *
   * Emitted once after a service answered, when a context webhook was set. The call goes on
   * either way.
   */
  mado_interpreter_call_signals[CONTEXT_SENT] =
    g_signal_new ("context-sent", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
mado_interpreter_call_init (MadoInterpreterCall *self)
{
  self->answer_timeout_s = DEFAULT_ANSWER_TIMEOUT_S;
  self->cancellable = g_cancellable_new ();
  self->attempts = g_array_new (FALSE, TRUE, sizeof (MadoCallAttempt));
  g_array_set_clear_func (self->attempts, mado_interpreter_call_clear_attempt);
}

MadoInterpreterCall *
mado_interpreter_call_new (MadoCallBackend     *backend,
                           MadoInterpreterPlan *plan)
{
  MadoInterpreterCall *self;

  g_return_val_if_fail (MADO_IS_CALL_BACKEND (backend), NULL);
  g_return_val_if_fail (MADO_IS_INTERPRETER_PLAN (plan), NULL);

  self = g_object_new (MADO_TYPE_INTERPRETER_CALL, NULL);
  self->backend = g_object_ref (backend);
  self->plan = g_object_ref (plan);

  return self;
}

void
mado_interpreter_call_set_answer_timeout (MadoInterpreterCall *self,
                                          guint                seconds)
{
  g_return_if_fail (MADO_IS_INTERPRETER_CALL (self));
  g_return_if_fail (seconds > 0);
  g_return_if_fail (self->state == MADO_CALL_STATE_IDLE);

  self->answer_timeout_s = seconds;
}

void
mado_interpreter_call_set_counter_name (MadoInterpreterCall *self,
                                        const char          *counter_name)
{
  g_return_if_fail (MADO_IS_INTERPRETER_CALL (self));
  g_return_if_fail (self->state == MADO_CALL_STATE_IDLE);

  g_free (self->counter_name);
  self->counter_name = counter_name != NULL && *counter_name != '\0' ? g_strdup (counter_name) : NULL;
}

void
mado_interpreter_call_set_dtmf_override (MadoInterpreterCall *self,
                                         const char          *digits)
{
  g_return_if_fail (MADO_IS_INTERPRETER_CALL (self));
  g_return_if_fail (digits == NULL || mado_call_check_dtmf (digits, NULL));
  g_return_if_fail (self->state == MADO_CALL_STATE_IDLE);

  g_free (self->dtmf_override);
  self->dtmf_override = g_strdup (digits);
}

void
mado_interpreter_call_set_context (MadoInterpreterCall *self,
                                   MadoContextWebhook  *webhook,
                                   const char          *genre,
                                   GPtrArray           *turns)
{
  g_return_if_fail (MADO_IS_INTERPRETER_CALL (self));
  g_return_if_fail (webhook == NULL || MADO_IS_CONTEXT_WEBHOOK (webhook));
  g_return_if_fail (self->state == MADO_CALL_STATE_IDLE);

  g_set_object (&self->webhook, webhook);
  g_free (self->genre);
  self->genre = g_strdup (genre);
  g_clear_pointer (&self->turns, g_ptr_array_unref);
  if (turns != NULL)
    {
      self->turns = g_ptr_array_new_full (turns->len, (GDestroyNotify) mado_context_turn_free);
      for (guint i = 0; i < turns->len; i++)
        g_ptr_array_add (self->turns, mado_context_turn_copy (g_ptr_array_index (turns, i)));
    }
}

void
mado_interpreter_call_set_usage_log (MadoInterpreterCall *self,
                                     MadoUsageLog        *usage_log)
{
  g_return_if_fail (MADO_IS_INTERPRETER_CALL (self));
  g_return_if_fail (usage_log == NULL || MADO_IS_USAGE_LOG (usage_log));

  g_set_object (&self->usage_log, usage_log);
}

void
mado_interpreter_call_start (MadoInterpreterCall *self)
{
  g_autoptr(MadoInterpreterCall) self_ref = NULL;

  g_return_if_fail (MADO_IS_INTERPRETER_CALL (self));
  g_return_if_fail (self->state == MADO_CALL_STATE_IDLE);

  self_ref = g_object_ref (self);
  self->started_at = g_date_time_new_now_utc ();
  self->index = 0;
  mado_interpreter_call_try_next_service (self);
}

void
mado_interpreter_call_hang_up (MadoInterpreterCall *self)
{
  g_return_if_fail (MADO_IS_INTERPRETER_CALL (self));

  if (mado_call_state_is_final (self->state) || self->hang_up_requested)
    return;

  self->hang_up_requested = TRUE;

  if (self->state == MADO_CALL_STATE_IDLE)
    mado_interpreter_call_set_state (self, MADO_CALL_STATE_ENDED);  /* never started: nothing to record */
  else if (self->leg != NULL)
    mado_call_leg_hang_up (self->leg);
  else
    mado_interpreter_call_finish (self, MADO_CALL_STATE_ENDED);
}

gboolean
mado_interpreter_call_send_dtmf (MadoInterpreterCall  *self,
                                 const char           *digits,
                                 GError              **error)
{
  g_return_val_if_fail (MADO_IS_INTERPRETER_CALL (self), FALSE);
  g_return_val_if_fail (digits != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->leg == NULL || self->state != MADO_CALL_STATE_CONNECTED)
    {
      g_set_error (error, MADO_CALL_ERROR, MADO_CALL_ERROR_WRONG_STATE,
                   "DTMF digits can only be sent while an interpreter is on the line; the call is %s",
                   mado_call_state_to_string (self->state));
      return FALSE;
    }

  return mado_call_leg_send_dtmf (self->leg, digits, error);
}

MadoInterpreterPlan *
mado_interpreter_call_get_plan (MadoInterpreterCall *self)
{
  g_return_val_if_fail (MADO_IS_INTERPRETER_CALL (self), NULL);
  return self->plan;
}

const char *
mado_interpreter_call_get_language (MadoInterpreterCall *self)
{
  g_return_val_if_fail (MADO_IS_INTERPRETER_CALL (self), NULL);
  return mado_interpreter_plan_get_language (self->plan);
}

MadoCallState
mado_interpreter_call_get_state (MadoInterpreterCall *self)
{
  g_return_val_if_fail (MADO_IS_INTERPRETER_CALL (self), MADO_CALL_STATE_IDLE);
  return self->state;
}

MadoInterpreterService *
mado_interpreter_call_get_service (MadoInterpreterCall *self)
{
  g_return_val_if_fail (MADO_IS_INTERPRETER_CALL (self), NULL);
  return self->service;
}

guint
mado_interpreter_call_get_step (MadoInterpreterCall *self)
{
  g_return_val_if_fail (MADO_IS_INTERPRETER_CALL (self), 0);

  if (self->service == NULL)
    return 0;

  return MIN (self->index + 1, mado_interpreter_plan_get_n_services (self->plan));
}

guint
mado_interpreter_call_get_n_steps (MadoInterpreterCall *self)
{
  g_return_val_if_fail (MADO_IS_INTERPRETER_CALL (self), 0);
  return mado_interpreter_plan_get_n_services (self->plan);
}

guint
mado_interpreter_call_get_duration (MadoInterpreterCall *self)
{
  g_return_val_if_fail (MADO_IS_INTERPRETER_CALL (self), 0);
  return self->duration;
}

MadoCallFailure
mado_interpreter_call_get_failure (MadoInterpreterCall *self)
{
  g_return_val_if_fail (MADO_IS_INTERPRETER_CALL (self), MADO_CALL_FAILURE_NONE);
  return self->failure;
}

const char *
mado_interpreter_call_get_failure_detail (MadoInterpreterCall *self)
{
  g_return_val_if_fail (MADO_IS_INTERPRETER_CALL (self), NULL);
  return self->failure_detail;
}

gboolean
mado_interpreter_call_get_remote_hangup (MadoInterpreterCall *self)
{
  g_return_val_if_fail (MADO_IS_INTERPRETER_CALL (self), FALSE);
  return self->remote_hangup;
}

const char *
mado_interpreter_call_get_manual_number (MadoInterpreterCall *self)
{
  g_return_val_if_fail (MADO_IS_INTERPRETER_CALL (self), NULL);
  return mado_interpreter_plan_get_manual_number (self->plan);
}

const char *
mado_interpreter_call_get_call_id (MadoInterpreterCall *self)
{
  g_return_val_if_fail (MADO_IS_INTERPRETER_CALL (self), NULL);
  return self->call_id;
}

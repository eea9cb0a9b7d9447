/* mado-interpreter-call.c: one press of the interpreter button, through the fallback chain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-interpreter-call.h"

#define DEFAULT_ANSWER_TIMEOUT_S 40

typedef struct {
  char  *service_id;
  char  *outcome;
  guint  duration_seconds;
} Attempt;

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
  GArray                 *attempts;       /* Attempt */

  guint                   answer_timeout_id;
  guint                   duration_tick_id;
  guint                   dtmf_delay_id;
  GCancellable           *cancellable;
};

G_DEFINE_FINAL_TYPE (MadoInterpreterCall, mado_interpreter_call, G_TYPE_OBJECT)

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
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  ATTEMPT_FINISHED,
  DTMF_SENT,
  CONTEXT_SENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void try_next_service (MadoInterpreterCall *self);

static void
clear_attempt (gpointer data)
{
  Attempt *attempt = data;

  g_free (attempt->service_id);
  g_free (attempt->outcome);
}

static void
set_state (MadoInterpreterCall *self,
           MadoCallState        state)
{
  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_failure (MadoInterpreterCall *self,
             MadoCallFailure      failure,
             const char          *detail)
{
  if (self->failure != failure)
    {
      self->failure = failure;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAILURE]);
    }

  if (g_strcmp0 (self->failure_detail, detail) != 0)
    {
      g_free (self->failure_detail);
      self->failure_detail = g_strdup (detail);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAILURE_DETAIL]);
    }
}

static void
add_attempt (MadoInterpreterCall    *self,
             MadoInterpreterService *service,
             const char             *outcome,
             guint                   duration_seconds)
{
  Attempt attempt = {
    g_strdup (mado_interpreter_service_get_id (service)),
    g_strdup (outcome),
    duration_seconds,
  };

  g_array_append_val (self->attempts, attempt);
}

static void
drop_leg (MadoInterpreterCall *self)
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
      const Attempt *attempt = &g_array_index (self->attempts, Attempt, i);

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

static void
finish (MadoInterpreterCall *self,
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
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DURATION]);
        }
    }

  drop_leg (self);
  set_state (self, state);
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
  drop_leg (self);

  add_attempt (self, service, mado_call_failure_to_string (failure), 0);
  set_failure (self, failure, detail);
  g_signal_emit (self, signals[ATTEMPT_FINISHED], 0, service, failure, detail);

  /* A handler may have hung up, which ends the whole call. */
  if (mado_call_state_is_final (self->state))
    return;

  if (mado_call_failure_is_local (failure))
    {
      finish (self, MADO_CALL_STATE_FAILED);
      return;
    }

  self->index++;
  try_next_service (self);
}

static gboolean
on_duration_tick (gpointer user_data)
{
  MadoInterpreterCall *self = MADO_INTERPRETER_CALL (user_data);
  guint duration = mado_call_leg_get_duration (self->leg);

  if (duration != self->duration)
    {
      self->duration = duration;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DURATION]);
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
  g_signal_emit (self, signals[DTMF_SENT], 0, digits);
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
  g_signal_emit (self, signals[CONTEXT_SENT], 0, error);
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
  set_state (self, MADO_CALL_STATE_CONNECTED);

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
      set_state (self, MADO_CALL_STATE_RINGING);
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
              g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMOTE_HANGUP]);
            }
          g_signal_emit (self, signals[ATTEMPT_FINISHED], 0, self->service, MADO_CALL_FAILURE_NONE, NULL);
          finish (self, MADO_CALL_STATE_ENDED);
        }
      else if (self->hang_up_requested)
        {
          add_attempt (self, self->service, "cancelled", 0);
          g_signal_emit (self, signals[ATTEMPT_FINISHED], 0, self->service, MADO_CALL_FAILURE_NONE, NULL);
          finish (self, MADO_CALL_STATE_ENDED);
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
          g_signal_emit (self, signals[ATTEMPT_FINISHED], 0, self->service, self->failure, self->failure_detail);
          finish (self, MADO_CALL_STATE_FAILED);
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
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVICE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP]);
}

static void
try_next_service (MadoInterpreterCall *self)
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
          g_signal_emit (self, signals[ATTEMPT_FINISHED], 0, service, MADO_CALL_FAILURE_CLOSED, "closed at this hour");
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

      set_state (self, MADO_CALL_STATE_DIALLING);

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

  finish (self, MADO_CALL_STATE_DIAL_BY_HAND);
}

static void
mado_interpreter_call_dispose (GObject *object)
{
  MadoInterpreterCall *self = MADO_INTERPRETER_CALL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->answer_timeout_id, g_source_remove);
  g_clear_handle_id (&self->duration_tick_id, g_source_remove);
  g_clear_handle_id (&self->dtmf_delay_id, g_source_remove);
  drop_leg (self);
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

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, MADO_TYPE_CALL_STATE, MADO_CALL_STATE_IDLE, flags);
  properties[PROP_SERVICE] =
    g_param_spec_object ("service", NULL, NULL, MADO_TYPE_INTERPRETER_SERVICE, flags);
  properties[PROP_STEP] = g_param_spec_uint ("step", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_STEPS] = g_param_spec_uint ("n-steps", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_DURATION] = g_param_spec_uint ("duration", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_FAILURE] =
    g_param_spec_enum ("failure", NULL, NULL, MADO_TYPE_CALL_FAILURE, MADO_CALL_FAILURE_NONE, flags);
  properties[PROP_FAILURE_DETAIL] = g_param_spec_string ("failure-detail", NULL, NULL, NULL, flags);
  properties[PROP_REMOTE_HANGUP] = g_param_spec_boolean ("remote-hangup", NULL, NULL, FALSE, flags);
  properties[PROP_MANUAL_NUMBER] = g_param_spec_string ("manual-number", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);

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
  signals[ATTEMPT_FINISHED] =
    g_signal_new ("attempt-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, MADO_TYPE_INTERPRETER_SERVICE, MADO_TYPE_CALL_FAILURE, G_TYPE_STRING);

  /**
   * MadoInterpreterCall::dtmf-sent:
   * @digits: the digits, now all sent to the service
   */
  signals[DTMF_SENT] =
    g_signal_new ("dtmf-sent", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * MadoInterpreterCall::context-sent:
   * @error: (nullable): why the webhook failed, or NULL when it took the context
   *
   * Emitted once after a service answered, when a context webhook was set. The call goes on
   * either way.
   */
  signals[CONTEXT_SENT] =
    g_signal_new ("context-sent", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
mado_interpreter_call_init (MadoInterpreterCall *self)
{
  self->answer_timeout_s = DEFAULT_ANSWER_TIMEOUT_S;
  self->cancellable = g_cancellable_new ();
  self->attempts = g_array_new (FALSE, TRUE, sizeof (Attempt));
  g_array_set_clear_func (self->attempts, clear_attempt);
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
  try_next_service (self);
}

void
mado_interpreter_call_hang_up (MadoInterpreterCall *self)
{
  g_return_if_fail (MADO_IS_INTERPRETER_CALL (self));

  if (mado_call_state_is_final (self->state) || self->hang_up_requested)
    return;

  self->hang_up_requested = TRUE;

  if (self->state == MADO_CALL_STATE_IDLE)
    set_state (self, MADO_CALL_STATE_ENDED);  /* never started: nothing to record */
  else if (self->leg != NULL)
    mado_call_leg_hang_up (self->leg);
  else
    finish (self, MADO_CALL_STATE_ENDED);
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

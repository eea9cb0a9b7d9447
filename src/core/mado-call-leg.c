/* mado-call-leg.c: one SIP call to one service, as a backend places it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-call-leg.h"

typedef struct
{
  char            *uri;
  MadoCallState    state;
  MadoCallFailure  failure;
  char            *failure_detail;
  gboolean         remote_hangup;
  char            *call_id;
  gint64           connected_at;   /* monotonic µs; 0 until connected */
  gint64           ended_at;       /* monotonic µs; 0 while the call lasts */

  /* Set by mado_call_leg_give_up(): how the end that follows the hang-up is to be reported. */
  MadoCallFailure  give_up_failure;
  char            *give_up_detail;
} MadoCallLegPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (MadoCallLeg, mado_call_leg, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_URI,
  PROP_STATE,
  PROP_FAILURE,
  PROP_FAILURE_DETAIL,
  PROP_REMOTE_HANGUP,
  PROP_CALL_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  DTMF_SENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
mado_call_leg_finalize (GObject *object)
{
  MadoCallLeg *self = MADO_CALL_LEG (object);
  MadoCallLegPrivate *priv = mado_call_leg_get_instance_private (self);

  g_free (priv->uri);
  g_free (priv->failure_detail);
  g_free (priv->call_id);
  g_free (priv->give_up_detail);

  G_OBJECT_CLASS (mado_call_leg_parent_class)->finalize (object);
}

static void
mado_call_leg_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  MadoCallLeg *self = MADO_CALL_LEG (object);

  switch (prop_id)
    {
    case PROP_URI:
      g_value_set_string (value, mado_call_leg_get_uri (self));
      break;
    case PROP_STATE:
      g_value_set_enum (value, mado_call_leg_get_state (self));
      break;
    case PROP_FAILURE:
      g_value_set_enum (value, mado_call_leg_get_failure (self));
      break;
    case PROP_FAILURE_DETAIL:
      g_value_set_string (value, mado_call_leg_get_failure_detail (self));
      break;
    case PROP_REMOTE_HANGUP:
      g_value_set_boolean (value, mado_call_leg_get_remote_hangup (self));
      break;
    case PROP_CALL_ID:
      g_value_set_string (value, mado_call_leg_get_call_id (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mado_call_leg_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  MadoCallLeg *self = MADO_CALL_LEG (object);
  MadoCallLegPrivate *priv = mado_call_leg_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_URI:
      priv->uri = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mado_call_leg_class_init (MadoCallLegClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mado_call_leg_finalize;
  object_class->get_property = mado_call_leg_get_property;
  object_class->set_property = mado_call_leg_set_property;

  properties[PROP_URI] =
    g_param_spec_string ("uri", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, MADO_TYPE_CALL_STATE, MADO_CALL_STATE_IDLE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FAILURE] =
    g_param_spec_enum ("failure", NULL, NULL, MADO_TYPE_CALL_FAILURE, MADO_CALL_FAILURE_NONE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FAILURE_DETAIL] =
    g_param_spec_string ("failure-detail", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REMOTE_HANGUP] =
    g_param_spec_boolean ("remote-hangup", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CALL_ID] =
    g_param_spec_string ("call-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MadoCallLeg::dtmf-sent:
   * @digits: the digits given to mado_call_leg_send_dtmf()
   *
   * Emitted when the last of the digits has been sent to the far end.
   */
  signals[DTMF_SENT] =
    g_signal_new ("dtmf-sent", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
mado_call_leg_init (MadoCallLeg *self)
{
}

const char *
mado_call_leg_get_uri (MadoCallLeg *self)
{
  MadoCallLegPrivate *priv = mado_call_leg_get_instance_private (self);

  g_return_val_if_fail (MADO_IS_CALL_LEG (self), NULL);
  return priv->uri;
}

MadoCallState
mado_call_leg_get_state (MadoCallLeg *self)
{
  MadoCallLegPrivate *priv = mado_call_leg_get_instance_private (self);

  g_return_val_if_fail (MADO_IS_CALL_LEG (self), MADO_CALL_STATE_IDLE);
  return priv->state;
}

MadoCallFailure
mado_call_leg_get_failure (MadoCallLeg *self)
{
  MadoCallLegPrivate *priv = mado_call_leg_get_instance_private (self);

  g_return_val_if_fail (MADO_IS_CALL_LEG (self), MADO_CALL_FAILURE_NONE);
  return priv->failure;
}

const char *
mado_call_leg_get_failure_detail (MadoCallLeg *self)
{
  MadoCallLegPrivate *priv = mado_call_leg_get_instance_private (self);

  g_return_val_if_fail (MADO_IS_CALL_LEG (self), NULL);
  return priv->failure_detail;
}

gboolean
mado_call_leg_get_remote_hangup (MadoCallLeg *self)
{
  MadoCallLegPrivate *priv = mado_call_leg_get_instance_private (self);

  g_return_val_if_fail (MADO_IS_CALL_LEG (self), FALSE);
  return priv->remote_hangup;
}

const char *
mado_call_leg_get_call_id (MadoCallLeg *self)
{
  MadoCallLegPrivate *priv = mado_call_leg_get_instance_private (self);

  g_return_val_if_fail (MADO_IS_CALL_LEG (self), NULL);
  return priv->call_id;
}

guint
mado_call_leg_get_duration (MadoCallLeg *self)
{
  MadoCallLegPrivate *priv = mado_call_leg_get_instance_private (self);
  gint64 until;

  g_return_val_if_fail (MADO_IS_CALL_LEG (self), 0);

  if (priv->connected_at == 0)
    return 0;

  until = priv->ended_at != 0 ? priv->ended_at : g_get_monotonic_time ();
  return (guint) ((until - priv->connected_at) / G_USEC_PER_SEC);
}

/**
 * mado_call_leg_hang_up:
 *
 * Ends the call from this side. Does nothing once the call has ended.
 */
void
mado_call_leg_hang_up (MadoCallLeg *self)
{
  MadoCallLegPrivate *priv = mado_call_leg_get_instance_private (self);

  g_return_if_fail (MADO_IS_CALL_LEG (self));

  if (mado_call_state_is_final (priv->state))
    return;

  MADO_CALL_LEG_GET_CLASS (self)->hang_up (self);
}

/**
 * mado_call_leg_send_dtmf:
 * @digits: 0-9, *, #, A-D, with "," for a one-second pause
 *
 * Sends the digits as telephone events (RFC 4733) on the connected call.
 *
 * Returns: %FALSE with %MADO_CALL_ERROR_WRONG_STATE before the call is connected or after it
 * ended, or %MADO_CALL_ERROR_INVALID_DIGITS
 */
gboolean
mado_call_leg_send_dtmf (MadoCallLeg  *self,
                         const char   *digits,
                         GError      **error)
{
  MadoCallLegPrivate *priv = mado_call_leg_get_instance_private (self);

  g_return_val_if_fail (MADO_IS_CALL_LEG (self), FALSE);
  g_return_val_if_fail (digits != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!mado_call_check_dtmf (digits, error))
    return FALSE;

  if (priv->state != MADO_CALL_STATE_CONNECTED)
    {
      g_set_error (error, MADO_CALL_ERROR, MADO_CALL_ERROR_WRONG_STATE,
                   "DTMF digits can only be sent on a connected call; the call to %s is %s",
                   priv->uri, mado_call_state_to_string (priv->state));
      return FALSE;
    }

  MADO_CALL_LEG_GET_CLASS (self)->send_dtmf (self, digits);
  return TRUE;
}

void
mado_call_leg_give_up (MadoCallLeg     *self,
                       MadoCallFailure  failure,
                       const char      *detail)
{
  MadoCallLegPrivate *priv = mado_call_leg_get_instance_private (self);

  g_return_if_fail (MADO_IS_CALL_LEG (self));
  g_return_if_fail (failure != MADO_CALL_FAILURE_NONE);

  if (mado_call_state_is_final (priv->state) || priv->give_up_failure != MADO_CALL_FAILURE_NONE)
    return;

  priv->give_up_failure = failure;
  priv->give_up_detail = g_strdup (detail);
  MADO_CALL_LEG_GET_CLASS (self)->hang_up (self);
}

static void
set_state (MadoCallLeg   *self,
           MadoCallState  state)
{
  MadoCallLegPrivate *priv = mado_call_leg_get_instance_private (self);

  priv->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/**
 * mado_call_leg_set_progress:
 * @state: dialling, ringing or connected
 *
 * Moves the call forward. A state earlier than the present one is ignored, because helpers may
 * report a late "ringing" after the answer.
 */
void
mado_call_leg_set_progress (MadoCallLeg   *self,
                            MadoCallState  state)
{
  MadoCallLegPrivate *priv = mado_call_leg_get_instance_private (self);

  g_return_if_fail (MADO_IS_CALL_LEG (self));
  g_return_if_fail (state == MADO_CALL_STATE_DIALLING || state == MADO_CALL_STATE_RINGING ||
                    state == MADO_CALL_STATE_CONNECTED);

  if (mado_call_state_is_final (priv->state) || state <= priv->state)
    return;

  if (state == MADO_CALL_STATE_CONNECTED)
    priv->connected_at = g_get_monotonic_time ();

  set_state (self, state);
}

void
mado_call_leg_set_call_id (MadoCallLeg *self,
                           const char  *call_id)
{
  MadoCallLegPrivate *priv = mado_call_leg_get_instance_private (self);

  g_return_if_fail (MADO_IS_CALL_LEG (self));

  if (g_strcmp0 (priv->call_id, call_id) == 0)
    return;

  g_free (priv->call_id);
  priv->call_id = g_strdup (call_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CALL_ID]);
}

static void
finish (MadoCallLeg     *self,
        MadoCallFailure  failure,
        const char      *detail,
        gboolean         by_remote)
{
  MadoCallLegPrivate *priv = mado_call_leg_get_instance_private (self);

  if (mado_call_state_is_final (priv->state))
    return;

  /* A reason given with give_up() explains the hang-up that follows it better than whatever the
   * helper reports about that hang-up ("Connection reset by user", "487 Request Terminated"). */
  if (priv->give_up_failure != MADO_CALL_FAILURE_NONE)
    {
      failure = priv->give_up_failure;
      detail = priv->give_up_detail;
      by_remote = FALSE;
    }

  g_object_freeze_notify (G_OBJECT (self));

  if (priv->connected_at != 0)
    priv->ended_at = g_get_monotonic_time ();

  if (failure != MADO_CALL_FAILURE_NONE)
    {
      priv->failure = failure;
      g_free (priv->failure_detail);
      priv->failure_detail = g_strdup (detail);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAILURE]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAILURE_DETAIL]);
    }

  if (by_remote)
    {
      priv->remote_hangup = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMOTE_HANGUP]);
    }

  set_state (self, failure != MADO_CALL_FAILURE_NONE ? MADO_CALL_STATE_FAILED : MADO_CALL_STATE_ENDED);

  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * mado_call_leg_end:
 * @by_remote: whether the far end hung up
 *
 * The call is over without a fault: hung up by either side, or cancelled before the answer.
 */
void
mado_call_leg_end (MadoCallLeg *self,
                   gboolean     by_remote)
{
  g_return_if_fail (MADO_IS_CALL_LEG (self));

  finish (self, MADO_CALL_FAILURE_NONE, NULL, by_remote);
}

void
mado_call_leg_fail (MadoCallLeg     *self,
                    MadoCallFailure  failure,
                    const char      *detail)
{
  g_return_if_fail (MADO_IS_CALL_LEG (self));
  g_return_if_fail (failure != MADO_CALL_FAILURE_NONE);

  finish (self, failure, detail, FALSE);
}

void
mado_call_leg_emit_dtmf_sent (MadoCallLeg *self,
                              const char  *digits)
{
  g_return_if_fail (MADO_IS_CALL_LEG (self));

  g_signal_emit (self, signals[DTMF_SENT], 0, digits);
}

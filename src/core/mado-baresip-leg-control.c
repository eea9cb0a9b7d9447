/* mado-baresip-leg-control.c: a baresip leg's control connection: dialling, events, hanging up, DTMF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The other half of mado-baresip-leg.c, which runs the helper process; this file speaks to it
 * over ctrl_tcp once it is up.
 */
#include "mado-baresip-leg.h"

#include "mado-baresip-leg-private.h"

#include <string.h>

/* baresip sends each digit as a 180 ms telephone event followed by three end packets. */
#define DIGIT_INTERVAL_MS 300
#define PAUSE_MS 1000
/* Events and log lines come through different pipes; a failing audio device is logged just
 * before the call closes, and this is how long the log may lag behind the event. */
#define CLOSE_GRACE_MS 300

static void
fail (MadoBaresipLeg  *self,
      MadoCallFailure  failure,
      const char      *detail)
{
  mado_call_leg_fail (MADO_CALL_LEG (self), failure, detail);
}

/* Reports the end that CALL_CLOSED announced, now that the helper's log has been read. */
void
mado_baresip_leg_apply_close (MadoBaresipLeg *self)
{
  if (!self->closing || mado_baresip_leg_is_final (self))
    return;

  g_clear_handle_id (&self->close_grace_id, g_source_remove);

  if (self->audio_failure != NULL)
    fail (self, MADO_CALL_FAILURE_AUDIO_DEVICE, self->audio_failure);
  else if (self->close_failure != MADO_CALL_FAILURE_NONE && !self->hang_up_requested)
    fail (self, self->close_failure, self->close_detail);
  else
    mado_call_leg_end (MADO_CALL_LEG (self), self->close_by_remote && !self->hang_up_requested);
}

static gboolean
on_close_grace (gpointer user_data)
{
  MadoBaresipLeg *self = MADO_BARESIP_LEG (user_data);

  self->close_grace_id = 0;
  mado_baresip_leg_apply_close (self);

  return G_SOURCE_REMOVE;
}

/* Control connection */

static void
on_event (MadoBaresipLeg *self,
          JsonObject     *event)
{
  const char *type = json_object_get_string_member_with_default (event, "type", "");
  const char *param = json_object_get_string_member_with_default (event, "param", "");
  const char *call_id = json_object_get_string_member_with_default (event, "id", NULL);
  MadoCallLeg *leg = MADO_CALL_LEG (self);

  g_debug ("baresip event %s: %s", type, param);

  if (call_id != NULL && *call_id != '\0')
    mado_call_leg_set_call_id (leg, call_id);

  if (strcmp (type, "CALL_RINGING") == 0 || strcmp (type, "CALL_PROGRESS") == 0)
    {
      mado_call_leg_set_progress (leg, MADO_CALL_STATE_RINGING);
    }
  else if (strcmp (type, "CALL_ESTABLISHED") == 0)
    {
      mado_call_leg_set_progress (leg, MADO_CALL_STATE_CONNECTED);
    }
  else if (strcmp (type, "AUDIO_ERROR") == 0)
    {
      /* The call closes right after; this says why. */
      if (self->audio_failure == NULL)
        self->audio_failure = g_strdup_printf ("the audio device failed (%s)", param);
    }
  else if (strcmp (type, "CALL_CLOSED") == 0 && !self->closing)
    {
      self->closing = TRUE;
      self->close_failure = mado_baresip_interpret_close (param, &self->close_by_remote, &self->close_detail);
      /* The helper is done; quitting now ends its output, and with it the wait for the log. */
      mado_baresip_leg_ask_to_quit (self);
      self->close_grace_id = g_timeout_add (CLOSE_GRACE_MS, on_close_grace, self);
    }
}

static void
on_control_closed (MadoBaresipLeg *self,
                   const GError   *error)
{
  g_debug ("SIP helper control connection closed: %s", error->message);

  /* A helper that drops its control connection during a call is broken; killing it lets the
   * exit watch report it. After the call, the helper closing the connection is how it quits. */
  if (!mado_baresip_leg_is_final (self) && !self->quitting)
    g_subprocess_force_exit (self->process);
}

static void
on_dialled (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *reply = mado_baresip_control_command_finish (MADO_BARESIP_CONTROL (source), result, &error);
  MadoBaresipLeg *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = MADO_BARESIP_LEG (user_data);

  /* A closed control connection is reported by the exit watch, with the helper's exit status;
   * a refusal (a URI baresip cannot parse) means this service cannot be called. */
  if (g_error_matches (error, MADO_CALL_ERROR, MADO_CALL_ERROR_HELPER_FAILED) && !self->hang_up_requested)
    fail (self, MADO_CALL_FAILURE_UNREACHABLE, error->message);
}

static void
on_control_connected (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoBaresipControl) control = mado_baresip_control_connect_finish (result, &error);
  MadoBaresipLeg *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = MADO_BARESIP_LEG (user_data);
  g_clear_handle_id (&self->startup_timeout_id, g_source_remove);

  /* The helper has read its configuration by the time it says it is ready. */
  mado_baresip_leg_remove_config_folder (self);

  if (control == NULL)
    {
      fail (self, MADO_CALL_FAILURE_HELPER_DIED, error->message);
      g_subprocess_force_exit (self->process);
      return;
    }

  self->control = g_steal_pointer (&control);
  g_signal_connect_object (self->control, "event", G_CALLBACK (on_event), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->control, "closed", G_CALLBACK (on_control_closed), self, G_CONNECT_SWAPPED);

  if (mado_baresip_leg_is_final (self))
    {
      mado_baresip_leg_ask_to_quit (self);
      return;
    }

  self->dial_sent = TRUE;
  mado_baresip_control_command_async (self->control, "dial", self->dial_target, self->cancellable,
                                      on_dialled, self);
}

/* Hanging up and DTMF */

static void
on_hung_up (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *reply = mado_baresip_control_command_finish (MADO_BARESIP_CONTROL (source), result, &error);
  MadoBaresipLeg *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = MADO_BARESIP_LEG (user_data);

  /* CALL_CLOSED normally came first. If there was no call left to hang up (it closed in the
   * same instant), there will be no event, so the end is reported here. */
  if (!mado_baresip_leg_is_final (self) &&
      (reply != NULL || g_error_matches (error, MADO_CALL_ERROR, MADO_CALL_ERROR_HELPER_FAILED)))
    mado_call_leg_end (MADO_CALL_LEG (self), FALSE);
  else if (reply == NULL)
    g_debug ("hangup: %s", error->message);
}

void
mado_baresip_leg_hang_up (MadoCallLeg *leg)
{
  MadoBaresipLeg *self = MADO_BARESIP_LEG (leg);

  if (self->hang_up_requested)
    return;

  self->hang_up_requested = TRUE;

  if (self->dial_sent && self->control != NULL)
    mado_baresip_control_command_async (self->control, "hangup", NULL, self->cancellable, on_hung_up, self);
  else
    mado_call_leg_end (leg, FALSE);  /* nothing was dialled yet: the helper is just told to quit */
}

static void send_next_digit (MadoBaresipLeg *self);

static gboolean
on_dtmf_interval (gpointer user_data)
{
  MadoBaresipLeg *self = MADO_BARESIP_LEG (user_data);

  self->dtmf_timeout_id = 0;
  send_next_digit (self);

  return G_SOURCE_REMOVE;
}

static void
on_digit_sent (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *reply = mado_baresip_control_command_finish (MADO_BARESIP_CONTROL (source), result, &error);

  if (reply == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("sndcode: %s", error->message);
}

static void
send_next_digit (MadoBaresipLeg *self)
{
  const char *digits = g_queue_peek_head (&self->dtmf_requests);
  char digit[2] = { 0, 0 };

  if (digits == NULL || mado_baresip_leg_is_final (self) || self->control == NULL)
    return;

  if (digits[self->dtmf_position] == '\0')
    {
      g_autofree char *done = g_queue_pop_head (&self->dtmf_requests);

      self->dtmf_position = 0;
      mado_call_leg_emit_dtmf_sent (MADO_CALL_LEG (self), done);
      send_next_digit (self);
      return;
    }

  digit[0] = digits[self->dtmf_position++];
  if (digit[0] == ',')
    {
      self->dtmf_timeout_id = g_timeout_add (PAUSE_MS, on_dtmf_interval, self);
      return;
    }

  /* One digit per command: baresip 1.0's "sndcode" with several digits starts each before the
   * last has ended, and the far end hears only the final one end cleanly. */
  mado_baresip_control_command_async (self->control, "sndcode", digit, self->cancellable, on_digit_sent, self);
  self->dtmf_timeout_id = g_timeout_add (DIGIT_INTERVAL_MS, on_dtmf_interval, self);
}

void
mado_baresip_leg_send_dtmf (MadoCallLeg *leg,
                            const char  *digits)
{
  MadoBaresipLeg *self = MADO_BARESIP_LEG (leg);
  gboolean idle = g_queue_is_empty (&self->dtmf_requests);

  g_queue_push_tail (&self->dtmf_requests, g_strdup (digits));
  if (idle && self->dtmf_timeout_id == 0)
    send_next_digit (self);
}

void
mado_baresip_leg_connect_control (MadoBaresipLeg *self)
{
  mado_baresip_control_connect_async (self->control_port, self->cancellable, on_control_connected, self);
}

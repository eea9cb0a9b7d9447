/* mado-interpreter-panel.c: the phone interpreter call, as both people see it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-interpreter-panel.h"

#include <glib/gi18n.h>

#include "mado-interpreter-plan.h"
#include "mado-interpreter-service.h"
#include "mado-language.h"
#include "mado-ui-text.h"

struct _MadoInterpreterPanel
{
  AdwBin               parent_instance;

  GtkImage            *state_icon;
  GtkLabel            *staff_label;
  GtkLabel            *detail_label;
  GtkLabel            *resident_label;
  GtkButton           *hang_up_button;
  GtkWidget           *close_button;

  MadoInterpreterCall *call;
  char                *resident_language;
  guint                clock_source;
  char                *last_failure;    /* why the previous service did not take the call */
};

G_DEFINE_FINAL_TYPE (MadoInterpreterPanel, mado_interpreter_panel, ADW_TYPE_BIN)

enum {
  SIGNAL_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
failure_text (MadoCallFailure failure)
{
  switch (failure)
    {
    case MADO_CALL_FAILURE_BUSY:
      return _("the line was busy");
    case MADO_CALL_FAILURE_NO_ANSWER:
      return _("nobody answered");
    case MADO_CALL_FAILURE_UNREACHABLE:
      return _("the service could not be reached");
    case MADO_CALL_FAILURE_REJECTED:
      return _("the service refused the call");
    case MADO_CALL_FAILURE_CLOSED:
      return _("the service is closed at this hour");
    case MADO_CALL_FAILURE_AUDIO_DEVICE:
      return _("the tablet's microphone or loudspeaker could not be opened");
    case MADO_CALL_FAILURE_HELPER_DIED:
      return _("the telephone helper program stopped");
    case MADO_CALL_FAILURE_SIP_ERROR:
      return _("the telephone network reported an error");
    case MADO_CALL_FAILURE_NONE:
    default:
      return _("the call did not go through");
    }
}

static char *
service_name (MadoInterpreterPanel *self)
{
  MadoInterpreterService *service = mado_interpreter_call_get_service (self->call);

  return g_strdup (service != NULL ? mado_interpreter_service_get_name (service, MADO_STAFF_LANGUAGE) : "");
}

static void
set_resident_text (MadoInterpreterPanel *self,
                   const char           *msgid)
{
  mado_ui_label_set_text (self->resident_label, mado_ui_resident_text (self->resident_language, msgid),
                          self->resident_language);
}

static void
update (MadoInterpreterPanel *self)
{
  MadoCallState state = mado_interpreter_call_get_state (self->call);
  g_autofree char *name = service_name (self);
  g_autofree char *staff_text = NULL;
  g_autofree char *detail = NULL;
  guint step = mado_interpreter_call_get_step (self->call);
  guint n_steps = mado_interpreter_call_get_n_steps (self->call);
  gboolean final = mado_call_state_is_final (state);

  switch (state)
    {
    case MADO_CALL_STATE_DIALLING:
    case MADO_CALL_STATE_IDLE:
      staff_text = g_strdup_printf (_("Calling %s…"), name);
      set_resident_text (self, N_("Calling an interpreter for you. Please wait a moment."));
      break;
    case MADO_CALL_STATE_RINGING:
      staff_text = g_strdup_printf (_("Ringing %s…"), name);
      set_resident_text (self, N_("Calling an interpreter for you. Please wait a moment."));
      break;
    case MADO_CALL_STATE_CONNECTED:
      {
        guint seconds = mado_interpreter_call_get_duration (self->call);

        staff_text = g_strdup_printf (_("Connected to %s — %u:%02u"), name, seconds / 60, seconds % 60);
        set_resident_text (self, N_("An interpreter is on the line. Please speak; the interpreter hears you."));
      }
      break;
    case MADO_CALL_STATE_ENDED:
      {
        guint seconds = mado_interpreter_call_get_duration (self->call);

        staff_text = g_strdup_printf (_("The call has ended (%u:%02u)."), seconds / 60, seconds % 60);
        set_resident_text (self, N_("The interpreter call has ended."));
      }
      break;
    case MADO_CALL_STATE_FAILED:
      staff_text = g_strdup_printf (_("The call to %s did not go through: %s."), name,
                                    failure_text (mado_interpreter_call_get_failure (self->call)));
      set_resident_text (self, N_("The interpreter could not be reached. The staff will help you another way."));
      break;
    case MADO_CALL_STATE_DIAL_BY_HAND:
      {
        const char *number = mado_interpreter_call_get_manual_number (self->call);

        staff_text = number != NULL
                     ? g_strdup_printf (_("No service took the call. Please dial by hand: %s"), number)
                     : g_strdup (_("No service took the call, and the directory has no number to dial by hand."));
        set_resident_text (self, N_("The interpreter could not be reached. The staff will help you another way."));
      }
      break;
    default:
      break;
    }

  /* Where in the fallback chain the call is, and why the last service did not take it. */
  if (!final && n_steps > 1 && self->last_failure != NULL)
    detail = g_strdup_printf (_("Service %u of %u — the previous one: %s"), step, n_steps, self->last_failure);
  else if (!final && n_steps > 1)
    detail = g_strdup_printf (_("Service %u of %u"), step, n_steps);

  mado_ui_label_set_text (self->staff_label, staff_text, MADO_STAFF_LANGUAGE);
  gtk_label_set_text (self->detail_label, detail != NULL ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->detail_label), detail != NULL);
  gtk_image_set_from_icon_name (self->state_icon,
                                state == MADO_CALL_STATE_CONNECTED ? "call-start-symbolic"
                                : final ? "call-stop-symbolic" : "call-outgoing-symbolic");
  gtk_widget_set_visible (GTK_WIDGET (self->hang_up_button), !final);
  gtk_widget_set_visible (self->close_button, final);

  if (state == MADO_CALL_STATE_CONNECTED)
    gtk_widget_add_css_class (GTK_WIDGET (self), "connected");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "connected");
}

static gboolean
tick_cb (gpointer user_data)
{
  update (MADO_INTERPRETER_PANEL (user_data));
  return G_SOURCE_CONTINUE;
}

/* The clock ticks only while connected: no wake-ups while nobody is on the line. */
static void
on_state_changed (MadoInterpreterPanel *self)
{
  if (mado_interpreter_call_get_state (self->call) == MADO_CALL_STATE_CONNECTED)
    {
      if (self->clock_source == 0)
        self->clock_source = g_timeout_add_seconds (1, tick_cb, self);
    }
  else
    {
      g_clear_handle_id (&self->clock_source, g_source_remove);
    }

  update (self);
}

static void
on_attempt_finished (MadoInterpreterPanel   *self,
                     MadoInterpreterService *service,
                     MadoCallFailure         failure,
                     const char             *detail,
                     MadoInterpreterCall    *call)
{
  g_free (self->last_failure);
  self->last_failure = g_strdup_printf ("%s, %s",
                                        service != NULL ? mado_interpreter_service_get_name (service, MADO_STAFF_LANGUAGE) : "",
                                        failure_text (failure));
  update (self);
}

static void
hang_up_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  mado_interpreter_panel_hang_up (MADO_INTERPRETER_PANEL (widget));
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  g_signal_emit (widget, signals[SIGNAL_FINISHED], 0);
}

static void
mado_interpreter_panel_dispose (GObject *object)
{
  MadoInterpreterPanel *self = MADO_INTERPRETER_PANEL (object);

  g_clear_handle_id (&self->clock_source, g_source_remove);
  if (self->call != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->call, self);
      if (!mado_call_state_is_final (mado_interpreter_call_get_state (self->call)))
        mado_interpreter_call_hang_up (self->call);
    }
  g_clear_object (&self->call);
  gtk_widget_dispose_template (GTK_WIDGET (self), MADO_TYPE_INTERPRETER_PANEL);

  G_OBJECT_CLASS (mado_interpreter_panel_parent_class)->dispose (object);
}

static void
mado_interpreter_panel_finalize (GObject *object)
{
  MadoInterpreterPanel *self = MADO_INTERPRETER_PANEL (object);

  g_free (self->resident_language);
  g_free (self->last_failure);

  G_OBJECT_CLASS (mado_interpreter_panel_parent_class)->finalize (object);
}

static void
mado_interpreter_panel_class_init (MadoInterpreterPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mado_interpreter_panel_dispose;
  object_class->finalize = mado_interpreter_panel_finalize;

  /**
   * MadoInterpreterPanel::finished:
   *
   * The call is over and the clerk closed the panel.
   */
  signals[SIGNAL_FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                           NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/jp/madoguchi/Kiosk/mado-interpreter-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, MadoInterpreterPanel, state_icon);
  gtk_widget_class_bind_template_child (widget_class, MadoInterpreterPanel, staff_label);
  gtk_widget_class_bind_template_child (widget_class, MadoInterpreterPanel, detail_label);
  gtk_widget_class_bind_template_child (widget_class, MadoInterpreterPanel, resident_label);
  gtk_widget_class_bind_template_child (widget_class, MadoInterpreterPanel, hang_up_button);
  gtk_widget_class_bind_template_child (widget_class, MadoInterpreterPanel, close_button);

  gtk_widget_class_install_action (widget_class, "call.hang-up", NULL, hang_up_action);
  gtk_widget_class_install_action (widget_class, "call.close", NULL, close_action);
}

static void
mado_interpreter_panel_init (MadoInterpreterPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
mado_interpreter_panel_follow (MadoInterpreterPanel *self,
                               MadoInterpreterCall  *call,
                               const char           *resident_language)
{
  g_autofree char *hang_up = NULL;

  g_return_if_fail (MADO_IS_INTERPRETER_PANEL (self));
  g_return_if_fail (MADO_IS_INTERPRETER_CALL (call));
  g_return_if_fail (self->call == NULL);

  self->call = g_object_ref (call);
  self->resident_language = g_strdup (resident_language);

  /* Either person may end the call, so the button speaks both languages. */
  hang_up = g_strdup_printf ("%s · %s", _("Hang up"), mado_ui_resident_text (resident_language, "Hang up"));
  gtk_button_set_label (self->hang_up_button, hang_up);

  g_signal_connect_object (call, "notify::state", G_CALLBACK (on_state_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (call, "notify::service", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (call, "notify::step", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (call, "attempt-finished", G_CALLBACK (on_attempt_finished), self, G_CONNECT_SWAPPED);
  on_state_changed (self);
}

void
mado_interpreter_panel_hang_up (MadoInterpreterPanel *self)
{
  g_return_if_fail (MADO_IS_INTERPRETER_PANEL (self));

  if (self->call != NULL && !mado_call_state_is_final (mado_interpreter_call_get_state (self->call)))
    mado_interpreter_call_hang_up (self->call);
}

/* mado-window.c: the kiosk window: welcome screen and conversation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-window.h"

#include <glib/gi18n.h>

#include "mado-conversation-page.h"
#include "mado-language.h"
#include "mado-welcome-page.h"

struct _MadoWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  MadoWelcomePage      *welcome_page;
  MadoConversationPage *conversation_page;

  MadoSettings         *settings;
  guint                 idle_source;
};

G_DEFINE_FINAL_TYPE (MadoWindow, mado_window, ADW_TYPE_APPLICATION_WINDOW)

static void show_welcome (MadoWindow *self);

/* The idle timer is re-armed on input rather than polled, so a kiosk nobody touches does not wake up. */
static gboolean
idle_reset_cb (gpointer user_data)
{
  MadoWindow *self = user_data;

  self->idle_source = 0;
  show_welcome (self);
  return G_SOURCE_REMOVE;
}

static void
arm_idle_reset (MadoWindow *self)
{
  guint seconds;

  g_clear_handle_id (&self->idle_source, g_source_remove);
  if (self->settings == NULL || g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "conversation") != 0)
    return;

  seconds = mado_settings_get_idle_reset_seconds (self->settings);
  if (seconds > 0)
    self->idle_source = g_timeout_add_seconds (seconds, idle_reset_cb, self);
}

static void
on_user_input (MadoWindow *self)
{
  if (self->idle_source != 0)
    arm_idle_reset (self);
}

/* Only watches: the key must still reach the entry that has the focus. */
static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                MadoWindow            *self)
{
  on_user_input (self);
  return GDK_EVENT_PROPAGATE;
}

static void
show_welcome (MadoWindow *self)
{
  mado_conversation_page_clear (self->conversation_page);
  gtk_stack_set_visible_child_name (self->stack, "welcome");
  mado_welcome_page_set_cycling (self->welcome_page, TRUE);
  arm_idle_reset (self);
}

static void
choose_language_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  MadoWindow *self = MADO_WINDOW (widget);
  const char *code = g_variant_get_string (parameter, NULL);

  if (mado_language_lookup (code) == NULL)
    {
      g_warning ("Ignoring request for unknown language “%s”", code);
      return;
    }

  mado_conversation_page_set_resident_language (self->conversation_page, code);
  mado_welcome_page_set_cycling (self->welcome_page, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "conversation");
  arm_idle_reset (self);
}

static void
change_language_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  show_welcome (MADO_WINDOW (widget));
}

static void
end_conversation_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  MadoWindow *self = MADO_WINDOW (widget);

  show_welcome (self);
  mado_window_tell_staff (self, _("The conversation was ended and cleared from the screen."));
}

static void
on_page_problem (MadoWindow *self,
                 const char *message)
{
  mado_window_tell_staff (self, message);
}

static void
mado_window_dispose (GObject *object)
{
  MadoWindow *self = MADO_WINDOW (object);

  g_clear_handle_id (&self->idle_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), MADO_TYPE_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (mado_window_parent_class)->dispose (object);
}

static void
mado_window_class_init (MadoWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mado_window_dispose;

  g_type_ensure (MADO_TYPE_WELCOME_PAGE);
  g_type_ensure (MADO_TYPE_CONVERSATION_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/jp/madoguchi/Kiosk/mado-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MadoWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MadoWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, MadoWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, MadoWindow, conversation_page);

  gtk_widget_class_install_action (widget_class, "win.choose-language", "s", choose_language_action);
  gtk_widget_class_install_action (widget_class, "win.change-language", NULL, change_language_action);
  gtk_widget_class_install_action (widget_class, "win.end-conversation", NULL, end_conversation_action);
}

static void
mado_window_init (MadoWindow *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkGesture *clicks = gtk_gesture_click_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Watch input in the capture phase so every tap or key anywhere counts as activity. */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (clicks), GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_key_pressed), self, 0);
  g_signal_connect_object (clicks, "pressed", G_CALLBACK (on_user_input), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (clicks));

  g_signal_connect_object (self->conversation_page, "problem", G_CALLBACK (on_page_problem), self,
                           G_CONNECT_SWAPPED);
}

MadoWindow *
mado_window_new (AdwApplication *application,
                 MadoSettings   *settings,
                 MadoVoice      *voice)
{
  MadoWindow *self;
  g_auto(GStrv) languages = NULL;

  g_return_val_if_fail (MADO_IS_SETTINGS (settings), NULL);

  self = g_object_new (MADO_TYPE_WINDOW, "application", application, NULL);
  self->settings = g_object_ref (settings);

  languages = mado_settings_dup_enabled_languages (settings);
  mado_welcome_page_set_languages (self->welcome_page, (const char * const *) languages);
  mado_conversation_page_setup (self->conversation_page, settings, voice);
  show_welcome (self);

  return self;
}

void
mado_window_set_store (MadoWindow      *self,
                       MadoPhraseStore *store)
{
  g_return_if_fail (MADO_IS_WINDOW (self));

  mado_conversation_page_set_store (self->conversation_page, store);
}

void
mado_window_set_speech (MadoWindow             *self,
                        MadoSpeechClient       *client,
                        MadoSpeechCapabilities *capabilities)
{
  g_return_if_fail (MADO_IS_WINDOW (self));

  mado_conversation_page_set_speech (self->conversation_page, client, capabilities);
}

void
mado_window_tell_staff (MadoWindow *self,
                        const char *message)
{
  AdwToast *toast;

  g_return_if_fail (MADO_IS_WINDOW (self));

  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
on_details_clicked (AdwToast   *toast,
                    MadoWindow *self)
{
  const char *details = g_object_get_data (G_OBJECT (toast), "details");
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), adw_toast_get_title (toast), details);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

void
mado_window_warn_staff (MadoWindow *self,
                        const char *summary,
                        const char *details)
{
  AdwToast *toast;

  g_return_if_fail (MADO_IS_WINDOW (self));

  toast = adw_toast_new (summary);
  adw_toast_set_timeout (toast, 0);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  if (details != NULL)
    {
      g_object_set_data_full (G_OBJECT (toast), "details", g_strdup (details), g_free);
      adw_toast_set_button_label (toast, _("Details"));
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_details_clicked), self, 0);
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

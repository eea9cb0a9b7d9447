/* mado-dialogue-pane.c: one person's side of the dialogue: their view of the turns and their input
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-dialogue-pane.h"

#include <glib/gi18n.h>

#include "mado-turn-view.h"
#include "mado-ui-text.h"

struct _MadoDialoguePane
{
  AdwBin            parent_instance;

  GtkScrolledWindow *scroller;
  GtkListBox       *turn_list;
  GtkToggleButton  *mic_button;
  GtkLevelBar      *level_bar;
  GtkEntry         *text_entry;
  GtkButton        *send_button;

  MadoConversation *conversation;
  MadoSpeaker       reader;
  char             *language;
  gboolean          syncing_mic;
};

G_DEFINE_FINAL_TYPE (MadoDialoguePane, mado_dialogue_pane, ADW_TYPE_BIN)

enum {
  SIGNAL_LISTEN,
  SIGNAL_REPLAY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
text_for_reader (MadoDialoguePane *self,
                 const char       *msgid)
{
  return mado_ui_resident_text (self->language, msgid);
}

static void
on_turn_confirm (MadoDialoguePane *self,
                 const char       *text,
                 MadoTurnView     *view)
{
  mado_conversation_confirm (self->conversation, mado_turn_view_get_turn (view), text);
}

static void
on_turn_discard (MadoDialoguePane *self,
                 MadoTurnView     *view)
{
  mado_conversation_discard (self->conversation, mado_turn_view_get_turn (view));
}

static void
on_turn_retry (MadoDialoguePane *self,
               MadoTurnView     *view)
{
  mado_conversation_retry (self->conversation, mado_turn_view_get_turn (view));
}

static void
on_turn_replay (MadoDialoguePane *self,
                MadoTurnView     *view)
{
  g_signal_emit (self, signals[SIGNAL_REPLAY], 0, mado_turn_view_get_main_text (view), self->language);
}

static GtkWidget *
create_turn_view (gpointer item,
                  gpointer user_data)
{
  MadoDialoguePane *self = user_data;
  MadoTurnView *view = mado_turn_view_new (MADO_TURN (item), self->reader, self->language);

  g_signal_connect_object (view, "confirm", G_CALLBACK (on_turn_confirm), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (view, "discard", G_CALLBACK (on_turn_discard), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (view, "retry", G_CALLBACK (on_turn_retry), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (view, "replay", G_CALLBACK (on_turn_replay), self, G_CONNECT_SWAPPED);

  return GTK_WIDGET (view);
}

static gboolean
scroll_to_end_cb (gpointer user_data)
{
  MadoDialoguePane *self = user_data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  return G_SOURCE_REMOVE;
}

static void
on_turns_changed (MadoDialoguePane *self)
{
  /* After the new row has its size: the list grows in the next layout pass. */
  g_idle_add_full (G_PRIORITY_LOW, scroll_to_end_cb, g_object_ref (self), g_object_unref);
}

static GtkWidget *
make_placeholder (MadoDialoguePane *self)
{
  GtkWidget *label = gtk_label_new (NULL);
  const char *msgid = self->reader == MADO_SPEAKER_STAFF
                      ? N_("Tap a phrase, type, or press the microphone to speak.")
                      : N_("The staff member will talk with you through this screen. Please read and listen.");

  mado_ui_label_set_text (GTK_LABEL (label), text_for_reader (self, msgid), self->language);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "pane-placeholder");
  return label;
}

static void
bind (MadoDialoguePane *self)
{
  if (self->conversation == NULL || self->language == NULL)
    return;

  gtk_list_box_bind_model (self->turn_list, mado_conversation_get_turns (self->conversation),
                           create_turn_view, self, NULL);
  gtk_list_box_set_placeholder (self->turn_list, make_placeholder (self));
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MadoDialoguePane *self = MADO_DIALOGUE_PANE (widget);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->text_entry));

  if (self->conversation == NULL || mado_conversation_say_text (self->conversation, self->reader, text) == NULL)
    return;

  gtk_editable_set_text (GTK_EDITABLE (self->text_entry), "");
}

static void
on_entry_activate (MadoDialoguePane *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "pane.send", NULL);
}

static void
on_mic_toggled (MadoDialoguePane *self)
{
  if (self->syncing_mic)
    return;

  g_signal_emit (self, signals[SIGNAL_LISTEN], 0, gtk_toggle_button_get_active (self->mic_button));
}

static void
mado_dialogue_pane_dispose (GObject *object)
{
  MadoDialoguePane *self = MADO_DIALOGUE_PANE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MADO_TYPE_DIALOGUE_PANE);
  g_clear_object (&self->conversation);

  G_OBJECT_CLASS (mado_dialogue_pane_parent_class)->dispose (object);
}

static void
mado_dialogue_pane_finalize (GObject *object)
{
  MadoDialoguePane *self = MADO_DIALOGUE_PANE (object);

  g_free (self->language);

  G_OBJECT_CLASS (mado_dialogue_pane_parent_class)->finalize (object);
}

static void
mado_dialogue_pane_class_init (MadoDialoguePaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mado_dialogue_pane_dispose;
  object_class->finalize = mado_dialogue_pane_finalize;

  /**
   * MadoDialoguePane::listen:
   * @start: TRUE when the person pressed the microphone, FALSE when they pressed it again to stop
   */
  signals[SIGNAL_LISTEN] = g_signal_new ("listen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                         NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
  /**
   * MadoDialoguePane::replay:
   * @text: the text to read aloud
   * @language: its language
   */
  signals[SIGNAL_REPLAY] = g_signal_new ("replay", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                         NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/jp/madoguchi/Kiosk/mado-dialogue-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, MadoDialoguePane, scroller);
  gtk_widget_class_bind_template_child (widget_class, MadoDialoguePane, turn_list);
  gtk_widget_class_bind_template_child (widget_class, MadoDialoguePane, mic_button);
  gtk_widget_class_bind_template_child (widget_class, MadoDialoguePane, level_bar);
  gtk_widget_class_bind_template_child (widget_class, MadoDialoguePane, text_entry);
  gtk_widget_class_bind_template_child (widget_class, MadoDialoguePane, send_button);

  gtk_widget_class_install_action (widget_class, "pane.send", NULL, send_action);
}

static void
mado_dialogue_pane_init (MadoDialoguePane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->text_entry, "activate", G_CALLBACK (on_entry_activate), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->mic_button, "toggled", G_CALLBACK (on_mic_toggled), self, G_CONNECT_SWAPPED);
}

void
mado_dialogue_pane_set_reader (MadoDialoguePane *self,
                               MadoSpeaker       reader,
                               const char       *language)
{
  g_return_if_fail (MADO_IS_DIALOGUE_PANE (self));
  g_return_if_fail (language != NULL);

  self->reader = reader;
  g_free (self->language);
  self->language = g_strdup (language);

  gtk_widget_add_css_class (GTK_WIDGET (self), reader == MADO_SPEAKER_STAFF ? "staff-pane" : "resident-pane");
  gtk_entry_set_placeholder_text (self->text_entry, text_for_reader (self, N_("Type here")));
  mado_ui_widget_set_language (GTK_WIDGET (self->text_entry), language);
  gtk_button_set_label (self->send_button, text_for_reader (self, N_("Send")));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->mic_button), text_for_reader (self, N_("Speak")));

  bind (self);
}

void
mado_dialogue_pane_set_conversation (MadoDialoguePane *self,
                                     MadoConversation *conversation)
{
  g_return_if_fail (MADO_IS_DIALOGUE_PANE (self));

  if (!g_set_object (&self->conversation, conversation))
    return;

  g_signal_connect_object (mado_conversation_get_turns (conversation), "items-changed",
                           G_CALLBACK (on_turns_changed), self, G_CONNECT_SWAPPED);
  bind (self);
}

void
mado_dialogue_pane_set_level (MadoDialoguePane *self,
                              double            level)
{
  g_return_if_fail (MADO_IS_DIALOGUE_PANE (self));
  gtk_level_bar_set_value (self->level_bar, CLAMP (level, 0.0, 1.0));
}

void
mado_dialogue_pane_set_listening (MadoDialoguePane *self,
                                  gboolean          listening)
{
  g_return_if_fail (MADO_IS_DIALOGUE_PANE (self));

  self->syncing_mic = TRUE;
  gtk_toggle_button_set_active (self->mic_button, listening);
  self->syncing_mic = FALSE;
  if (!listening)
    gtk_level_bar_set_value (self->level_bar, 0);
}

void
mado_dialogue_pane_set_can_listen (MadoDialoguePane *self,
                                   gboolean          can_listen,
                                   const char       *reason_msgid)
{
  g_return_if_fail (MADO_IS_DIALOGUE_PANE (self));

  gtk_widget_set_sensitive (GTK_WIDGET (self->mic_button), can_listen);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->mic_button),
                               text_for_reader (self, can_listen || reason_msgid == NULL ? N_("Speak") : reason_msgid));
}

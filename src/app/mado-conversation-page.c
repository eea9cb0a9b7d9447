/* mado-conversation-page.c: the dialogue between clerk and resident
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-conversation-page.h"

#include <glib/gi18n.h>

#include "mado-audio-output.h"
#include "mado-dialogue-pane.h"
#include "mado-language.h"
#include "mado-phrase-book.h"
#include "mado-baresip-backend.h"
#include "mado-context-webhook.h"
#include "mado-interpreter-directory.h"
#include "mado-interpreter-panel.h"
#include "mado-interpreter-plan.h"
#include "mado-interpreter-service.h"
#include "mado-phrase-editor.h"
#include "mado-usage-log.h"
#include "mado-portaudio-input.h"
#include "mado-recorder.h"
#include "mado-rotated-bin.h"
#include "mado-synthesizer.h"
#include "mado-ui-text.h"

struct _MadoConversationPage
{
  AdwBin           parent_instance;

  GtkLabel        *language_staff_label;
  GtkLabel        *language_native_label;
  GtkLabel        *end_label;
  MadoPhraseBook  *phrase_book;
  MadoRotatedBin  *resident_bin;
  MadoDialoguePane *resident_pane;
  MadoDialoguePane *staff_pane;
  GtkToggleButton *face_to_face_button;
  GtkToggleButton *speak_button;
  GtkLabel        *interpreter_label;
  GtkRevealer     *call_revealer;
  GtkWidget       *status_bar;
  GtkImage        *status_icon;
  GtkLabel        *status_staff_label;
  GtkLabel        *status_resident_label;

  MadoSettings    *settings;
  MadoVoice       *voice;
  MadoPhraseStore *store;
  MadoConversation *conversation;
  MadoSpeechCapabilities *capabilities;
  char            *resident_language;

  MadoInterpreterPanel *call_panel;   /* while a call is on screen */
  MadoUsageLog    *usage_log;

  /* The one microphone, lent to one side at a time. */
  MadoRecorder    *recorder;
  MadoTurn        *listening_turn;
  MadoDialoguePane *listening_pane;
  GCancellable    *listen_cancellable;
};

G_DEFINE_FINAL_TYPE (MadoConversationPage, mado_conversation_page, ADW_TYPE_BIN)

enum {
  SIGNAL_PROBLEM,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void update_microphones (MadoConversationPage *self);
static void call_interpreter_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter);

static void
tell_staff (MadoConversationPage *self,
            const char           *message)
{
  g_signal_emit (self, signals[SIGNAL_PROBLEM], 0, message);
}

static void
show_status (MadoConversationPage *self,
             const char           *icon_name,
             const char           *staff_text,
             const char           *resident_msgid)
{
  gtk_widget_set_visible (self->status_bar, staff_text != NULL);
  if (staff_text == NULL)
    return;

  gtk_image_set_from_icon_name (self->status_icon, icon_name);
  mado_ui_label_set_text (self->status_staff_label, staff_text, MADO_STAFF_LANGUAGE);
  mado_ui_label_set_text (self->status_resident_label,
                          mado_ui_resident_text (self->resident_language, resident_msgid),
                          self->resident_language);
}

static void
on_voice_state_changed (MadoConversationPage *self)
{
  switch (mado_voice_get_state (self->voice))
    {
    case MADO_VOICE_STATE_SYNTHESIZING:
    case MADO_VOICE_STATE_SPEAKING:
      show_status (self, "audio-volume-high-symbolic", _("Speaking…"), N_("Speaking…"));
      break;
    case MADO_VOICE_STATE_IDLE:
    default:
      show_status (self, NULL, NULL, NULL);
      break;
    }
}

static void
on_spoken (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(MadoConversationPage) self = user_data;
  g_autoptr(GError) error = NULL;
  const MadoLanguage *language;
  g_autofree char *message = NULL;

  if (mado_voice_speak_finish (MADO_VOICE (source), result, &error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  language = mado_language_lookup (self->resident_language);
  if (g_error_matches (error, MADO_SPEECH_ERROR, MADO_SPEECH_ERROR_NO_VOICE))
    message = g_strdup_printf (_("No voice is installed for %s. Please let the resident read the screen."),
                               language != NULL ? language->japanese_name : self->resident_language);
  else if (g_error_matches (error, MADO_AUDIO_ERROR, MADO_AUDIO_ERROR_NO_DEVICE))
    message = g_strdup_printf (_("No loudspeaker was found, so the phrase is shown as text only (%s)."),
                               error->message);
  else
    message = g_strdup_printf (_("The phrase could not be read aloud: %s"), error->message);

  tell_staff (self, message);
  show_status (self, "dialog-information-symbolic", _("Shown as text only"), N_("Please read the screen."));
}

static void
speak (MadoConversationPage *self,
       const char           *text,
       const char           *language)
{
  if (self->voice == NULL || text == NULL)
    return;

  mado_voice_speak_async (self->voice, text, language, NULL, on_spoken, g_object_ref (self));
}

static void
on_pane_replay (MadoConversationPage *self,
                const char           *text,
                const char           *language)
{
  speak (self, text, language);
}

/* Each finished turn is read aloud once, in the language of the person it is for. */
static void
on_turn_state_changed (MadoConversationPage *self,
                       GParamSpec           *pspec,
                       MadoTurn             *turn)
{
  if (mado_turn_get_state (turn) != MADO_TURN_DONE || g_object_get_data (G_OBJECT (turn), "spoken") != NULL)
    return;

  g_object_set_data (G_OBJECT (turn), "spoken", GINT_TO_POINTER (TRUE));
  if (self->settings == NULL || mado_settings_get_speak_automatically (self->settings))
    speak (self, mado_turn_get_translation (turn), mado_turn_get_target_language (turn));
}

static void
on_turns_changed (MadoConversationPage *self,
                  guint                 position,
                  guint                 removed,
                  guint                 added,
                  GListModel           *turns)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(MadoTurn) turn = g_list_model_get_item (turns, i);

      g_signal_connect_object (turn, "notify::state", G_CALLBACK (on_turn_state_changed), self, G_CONNECT_SWAPPED);
      on_turn_state_changed (self, NULL, turn);
    }
}

static void
on_chunk (MadoConversationPage *self,
          MadoAudioBuffer      *chunk)
{
  gsize n_samples = 0;
  const gint16 *samples = mado_audio_buffer_get_samples (chunk, &n_samples);

  if (self->listening_turn != NULL)
    mado_conversation_push_audio (self->conversation, self->listening_turn, samples, n_samples);
}

static void
on_level (MadoConversationPage *self,
          GParamSpec           *pspec,
          MadoRecorder         *recorder)
{
  if (self->listening_pane != NULL)
    mado_dialogue_pane_set_level (self->listening_pane, mado_recorder_get_level (recorder));
}

static void
finish_listening (MadoConversationPage *self)
{
  if (self->listening_pane != NULL)
    mado_dialogue_pane_set_listening (self->listening_pane, FALSE);
  g_clear_object (&self->recorder);
  g_clear_object (&self->listening_turn);
  self->listening_pane = NULL;
}

static void
on_recorded (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(MadoConversationPage) self = user_data;
  MadoRecorder *recorder = MADO_RECORDER (source);
  g_autoptr(MadoAudioBuffer) utterance = NULL;
  g_autoptr(GError) error = NULL;

  utterance = mado_recorder_record_finish (recorder, result, &error);
  if (recorder != self->recorder)
    return;   /* a recording that was abandoned for a newer one */

  switch (mado_recorder_get_end_reason (recorder))
    {
    case MADO_RECORDER_END_SPEECH_ENDED:
    case MADO_RECORDER_END_STOPPED:
    case MADO_RECORDER_END_MAX_LENGTH:
      /* Silence goes to the recogniser too, which answers "no speech": one path for every outcome. */
      mado_conversation_end_speech (self->conversation, self->listening_turn);
      break;
    case MADO_RECORDER_END_FAILED:
      mado_conversation_fail_speech (self->conversation, self->listening_turn, error);
      break;
    case MADO_RECORDER_END_CANCELLED:
    case MADO_RECORDER_END_NONE:
    default:
      break;
    }

  finish_listening (self);
}

/* Opens the microphone for @pane's person and streams what they say to the recogniser. */
static void
start_listening (MadoConversationPage *self,
                 MadoDialoguePane     *pane,
                 MadoSpeaker           speaker)
{
  g_autoptr(MadoPortaudioInput) input = NULL;
  g_autofree char *device = NULL;
  MadoTurn *turn;

  if (self->recorder != NULL)
    mado_recorder_stop (self->recorder);

  /* The loudspeaker would otherwise be recorded into the next turn. */
  if (self->voice != NULL)
    mado_voice_stop (self->voice);

  turn = mado_conversation_begin_speech (self->conversation, speaker);
  if (mado_turn_get_state (turn) == MADO_TURN_FAILED)
    {
      mado_dialogue_pane_set_listening (pane, FALSE);
      return;
    }

  device = self->settings != NULL ? mado_settings_dup_input_device (self->settings) : NULL;
  input = mado_portaudio_input_new (device);
  self->recorder = mado_recorder_new (MADO_AUDIO_INPUT (input), NULL);
  self->listening_turn = g_object_ref (turn);
  self->listening_pane = pane;
  g_signal_connect_object (self->recorder, "chunk", G_CALLBACK (on_chunk), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->recorder, "notify::level", G_CALLBACK (on_level), self, G_CONNECT_SWAPPED);

  mado_dialogue_pane_set_listening (pane, TRUE);
  mado_recorder_record_async (self->recorder, self->listen_cancellable, on_recorded, g_object_ref (self));
}

static void
on_pane_listen (MadoConversationPage *self,
                gboolean              start,
                MadoDialoguePane     *pane)
{
  if (!start)
    {
      /* Tap again to stop: what was said so far is sent. */
      if (self->recorder != NULL && self->listening_pane == pane)
        mado_recorder_stop (self->recorder);
      return;
    }

  start_listening (self, pane, pane == self->staff_pane ? MADO_SPEAKER_STAFF : MADO_SPEAKER_RESIDENT);
}

static void
cancel_listening (MadoConversationPage *self)
{
  g_cancellable_cancel (self->listen_cancellable);
  g_clear_object (&self->listen_cancellable);
  self->listen_cancellable = g_cancellable_new ();
  finish_listening (self);
}

void
mado_conversation_page_say_phrase (MadoConversationPage *self,
                                   MadoPhrase           *phrase)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (MADO_IS_CONVERSATION_PAGE (self));
  g_return_if_fail (MADO_IS_PHRASE (phrase));

  if (mado_conversation_say_phrase (self->conversation, phrase, &error) == NULL)
    {
      tell_staff (self, _("This phrase has no translation in the resident’s language yet. Edit it to add one."));
      return;
    }

  /* Usage counts feed the admin's figures; failing to count must never stop the conversation. */
  if (self->store != NULL && mado_phrase_get_id (phrase) != NULL &&
      !mado_phrase_store_record_use (self->store, mado_phrase_get_id (phrase), self->resident_language, &error))
    g_message ("Could not count the use of phrase %s: %s", mado_phrase_get_id (phrase), error->message);
}

static void
on_phrase_activated (MadoConversationPage *self,
                     MadoPhrase           *phrase)
{
  mado_conversation_page_say_phrase (self, phrase);
}

static void
on_editor_changed (MadoConversationPage *self)
{
  mado_phrase_book_reload (self->phrase_book);
}

static void
open_editor (MadoConversationPage *self,
             MadoPhrase           *phrase)
{
  MadoPhraseEditor *editor;

  if (self->store == NULL)
    {
      tell_staff (self, _("The phrase book is not available, so phrases cannot be changed now."));
      return;
    }

  editor = mado_phrase_editor_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->store, phrase,
                                   mado_phrase_book_get_set_id (self->phrase_book),
                                   mado_phrase_book_get_genre_id (self->phrase_book),
                                   self->resident_language);
  g_signal_connect_object (editor, "changed", G_CALLBACK (on_editor_changed), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
on_edit_phrase (MadoConversationPage *self,
                MadoPhrase           *phrase)
{
  open_editor (self, phrase);
}

static void
on_register_phrase (MadoConversationPage *self)
{
  open_editor (self, NULL);
}

static void
on_book_problem (MadoConversationPage *self,
                 const char           *message)
{
  tell_staff (self, message);
}

/* The interpreter line. */

static void
end_call_panel (MadoConversationPage *self)
{
  if (self->call_panel == NULL)
    return;

  mado_interpreter_panel_hang_up (self->call_panel);
  gtk_revealer_set_reveal_child (self->call_revealer, FALSE);
  gtk_revealer_set_child (self->call_revealer, NULL);
  self->call_panel = NULL;
  update_microphones (self);
}

static void
on_call_finished (MadoConversationPage *self)
{
  end_call_panel (self);
}

/* The last turns, for the interpreter's context, only when the admin allows transcripts to leave the
 * tablet; the webhook itself checks the same setting. */
static GPtrArray *
recent_turns (MadoConversationPage *self)
{
  GListModel *turns = mado_conversation_get_turns (self->conversation);
  GPtrArray *recent = g_ptr_array_new_with_free_func ((GDestroyNotify) mado_context_turn_free);
  guint n = g_list_model_get_n_items (turns);

  for (guint i = n > 6 ? n - 6 : 0; i < n; i++)
    {
      g_autoptr(MadoTurn) turn = g_list_model_get_item (turns, i);

      if (mado_turn_get_state (turn) == MADO_TURN_DONE)
        g_ptr_array_add (recent, mado_context_turn_new (mado_turn_get_speaker (turn) == MADO_SPEAKER_STAFF ? "staff" : "resident",
                                                        mado_turn_get_source_language (turn),
                                                        mado_turn_get_source_text (turn),
                                                        mado_turn_get_translation (turn)));
    }

  return recent;
}

static void
place_call (MadoConversationPage *self,
            MadoInterpreterPlan  *plan)
{
  g_autoptr(MadoBaresipBackend) backend = mado_baresip_backend_new_for_settings (self->settings);
  g_autoptr(MadoInterpreterCall) call = mado_interpreter_call_new (MADO_CALL_BACKEND (backend), plan);
  g_autoptr(MadoContextWebhook) webhook = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *counter = mado_settings_dup_counter_name (self->settings);

  /* The tablet has one microphone: speech capture stops for the call and comes back after it. */
  cancel_listening (self);
  if (self->voice != NULL)
    mado_voice_stop (self->voice);

  mado_interpreter_call_set_counter_name (call, counter);
  mado_interpreter_call_set_answer_timeout (call, mado_settings_get_interpreter_answer_timeout (self->settings));

  webhook = mado_context_webhook_new_for_settings (self->settings, &error);
  if (webhook != NULL)
    {
      g_autoptr(GPtrArray) turns = mado_settings_get_interpreter_webhook_transcripts (self->settings)
                                   ? recent_turns (self) : NULL;

      mado_interpreter_call_set_context (call, webhook, mado_phrase_book_get_genre_id (self->phrase_book), turns);
    }
  else if (error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The interpreter will get no context: %s"), error->message);

      tell_staff (self, message);
    }

  if (self->usage_log == NULL)
    {
      g_autofree char *path = mado_settings_dup_usage_database_path (self->settings);
      g_autofree char *folder = g_path_get_dirname (path);
      g_autoptr(GError) usage_error = NULL;

      /* On a new tablet the data folder may not exist yet; opening then says why if it still fails. */
      g_mkdir_with_parents (folder, 0700);
      self->usage_log = mado_usage_log_open (path, &usage_error);
      if (self->usage_log == NULL)
        g_message ("The interpreter call is not counted: %s", usage_error->message);
    }
  if (self->usage_log != NULL)
    mado_interpreter_call_set_usage_log (call, self->usage_log);

  self->call_panel = g_object_new (MADO_TYPE_INTERPRETER_PANEL, NULL);
  gtk_widget_set_name (GTK_WIDGET (self->call_panel), "call-panel");
  g_signal_connect_object (self->call_panel, "finished", G_CALLBACK (on_call_finished), self, G_CONNECT_SWAPPED);
  mado_interpreter_panel_follow (self->call_panel, call, self->resident_language);
  gtk_revealer_set_child (self->call_revealer, GTK_WIDGET (self->call_panel));
  gtk_revealer_set_reveal_child (self->call_revealer, TRUE);
  update_microphones (self);

  mado_interpreter_call_start (call);
}

typedef struct {
  MadoConversationPage *self;
  MadoInterpreterPlan  *plan;
} CallConfirmation;

static void
call_confirmation_free (gpointer data)
{
  CallConfirmation *confirmation = data;

  g_object_unref (confirmation->self);
  g_object_unref (confirmation->plan);
  g_free (confirmation);
}

static void
on_confirm_response (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  CallConfirmation *confirmation = user_data;

  if (g_strcmp0 (response, "call") == 0)
    place_call (confirmation->self, confirmation->plan);
}

static GtkWidget *
language_label (const char *text,
                const char *language,
                const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  mado_ui_label_set_text (GTK_LABEL (label), text, language);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (label, css_class);
  return label;
}

/* One touch, then a confirmation that both people read: the clerk in Japanese (which service, open
 * or not), the resident in their language (an interpreter will hear you). */
static void
call_interpreter_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  MadoConversationPage *self = MADO_CONVERSATION_PAGE (widget);
  const MadoLanguage *language = mado_language_lookup (self->resident_language);
  g_autofree char *path = NULL;
  g_autoptr(MadoInterpreterDirectory) directory = NULL;
  g_autoptr(MadoInterpreterPlan) plan = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  g_autofree char *staff_text = NULL;
  MadoInterpreterService *first;
  const char *manual;
  GtkWidget *dialog;
  GtkWidget *box;
  CallConfirmation *confirmation;

  if (self->settings == NULL || language == NULL || self->call_panel != NULL)
    return;

  path = mado_settings_dup_interpreter_directory (self->settings);
  directory = mado_interpreter_directory_load (path, &error);
  if (directory == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The interpreter directory cannot be used: %s"), error->message);

      tell_staff (self, message);
      return;
    }

  plan = mado_interpreter_directory_plan (directory, language->code, now);
  first = mado_interpreter_plan_get_first_open (plan);
  manual = mado_interpreter_plan_get_manual_number (plan);

  if (first != NULL)
    staff_text = g_strdup_printf (_("Call %s (open now) for %s? %u service(s) are in the fallback chain."),
                                  mado_interpreter_service_get_name (first, MADO_STAFF_LANGUAGE),
                                  language->japanese_name, mado_interpreter_plan_get_n_services (plan));
  else if (manual != NULL)
    staff_text = g_strdup_printf (_("No interpreter service for %s is open now. Please dial by hand: %s"),
                                  language->japanese_name, manual);
  else
    staff_text = g_strdup_printf (_("No interpreter service for %s is registered. Ask the IT staff to add one."),
                                  language->japanese_name);

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("Call an interpreter"), NULL);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_box_append (GTK_BOX (box), language_label (staff_text, MADO_STAFF_LANGUAGE, "call-confirm-staff"));
  if (first != NULL)
    gtk_box_append (GTK_BOX (box),
                    language_label (mado_ui_resident_text (language->code,
                                                           N_("We are connecting you to an interpreter by telephone. "
                                                              "The interpreter will hear what you say.")),
                                    language->code, "call-confirm-resident"));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", first != NULL ? _("Cancel") : _("Close"));
  if (first != NULL)
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "call", _("Call"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "call", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "call");
    }

  confirmation = g_new0 (CallConfirmation, 1);
  confirmation->self = g_object_ref (self);
  confirmation->plan = g_steal_pointer (&plan);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_confirm_response), confirmation,
                         (GClosureNotify) (void (*) (void)) call_confirmation_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
mado_conversation_page_dispose (GObject *object)
{
  MadoConversationPage *self = MADO_CONVERSATION_PAGE (object);

  if (self->voice != NULL)
    mado_voice_stop (self->voice);
  gtk_widget_dispose_template (GTK_WIDGET (self), MADO_TYPE_CONVERSATION_PAGE);
  g_clear_object (&self->settings);
  g_clear_object (&self->voice);
  g_clear_object (&self->store);
  if (self->listen_cancellable != NULL)
    cancel_listening (self);
  g_clear_object (&self->listen_cancellable);
  g_clear_object (&self->conversation);
  g_clear_object (&self->capabilities);
  g_clear_object (&self->usage_log);

  G_OBJECT_CLASS (mado_conversation_page_parent_class)->dispose (object);
}

static void
mado_conversation_page_finalize (GObject *object)
{
  MadoConversationPage *self = MADO_CONVERSATION_PAGE (object);

  g_free (self->resident_language);

  G_OBJECT_CLASS (mado_conversation_page_parent_class)->finalize (object);
}

static void
mado_conversation_page_class_init (MadoConversationPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mado_conversation_page_dispose;
  object_class->finalize = mado_conversation_page_finalize;

  /**
   * MadoConversationPage::problem:
   * @message: what the clerk should know, in Japanese
   */
  signals[SIGNAL_PROBLEM] =
    g_signal_new ("problem", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (MADO_TYPE_PHRASE_BOOK);
  g_type_ensure (MADO_TYPE_ROTATED_BIN);
  g_type_ensure (MADO_TYPE_DIALOGUE_PANE);

  gtk_widget_class_set_template_from_resource (widget_class, "/jp/madoguchi/Kiosk/mado-conversation-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MadoConversationPage, language_staff_label);
  gtk_widget_class_bind_template_child (widget_class, MadoConversationPage, language_native_label);
  gtk_widget_class_bind_template_child (widget_class, MadoConversationPage, end_label);
  gtk_widget_class_bind_template_child (widget_class, MadoConversationPage, phrase_book);
  gtk_widget_class_bind_template_child (widget_class, MadoConversationPage, resident_bin);
  gtk_widget_class_bind_template_child (widget_class, MadoConversationPage, resident_pane);
  gtk_widget_class_bind_template_child (widget_class, MadoConversationPage, staff_pane);
  gtk_widget_class_bind_template_child (widget_class, MadoConversationPage, face_to_face_button);
  gtk_widget_class_bind_template_child (widget_class, MadoConversationPage, speak_button);
  gtk_widget_class_bind_template_child (widget_class, MadoConversationPage, interpreter_label);
  gtk_widget_class_bind_template_child (widget_class, MadoConversationPage, call_revealer);

  gtk_widget_class_install_action (widget_class, "conversation.call-interpreter", NULL, call_interpreter_action);
  gtk_widget_class_bind_template_child (widget_class, MadoConversationPage, status_bar);
  gtk_widget_class_bind_template_child (widget_class, MadoConversationPage, status_icon);
  gtk_widget_class_bind_template_child (widget_class, MadoConversationPage, status_staff_label);
  gtk_widget_class_bind_template_child (widget_class, MadoConversationPage, status_resident_label);
}

static void
mado_conversation_page_init (MadoConversationPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (self->status_bar, FALSE);

  self->conversation = mado_conversation_new ("en");
  g_signal_connect_object (mado_conversation_get_turns (self->conversation), "items-changed",
                           G_CALLBACK (on_turns_changed), self, G_CONNECT_SWAPPED);
  mado_dialogue_pane_set_conversation (self->staff_pane, self->conversation);
  mado_dialogue_pane_set_conversation (self->resident_pane, self->conversation);
  mado_dialogue_pane_set_reader (self->staff_pane, MADO_SPEAKER_STAFF, MADO_STAFF_LANGUAGE);
  g_signal_connect_object (self->staff_pane, "replay", G_CALLBACK (on_pane_replay), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->staff_pane, "listen", G_CALLBACK (on_pane_listen), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->resident_pane, "listen", G_CALLBACK (on_pane_listen), self, G_CONNECT_SWAPPED);
  self->listen_cancellable = g_cancellable_new ();
  g_signal_connect_object (self->resident_pane, "replay", G_CALLBACK (on_pane_replay), self, G_CONNECT_SWAPPED);
  g_object_bind_property (self->face_to_face_button, "active", self->resident_bin, "rotated", G_BINDING_DEFAULT);

  g_signal_connect_object (self->phrase_book, "phrase-activated", G_CALLBACK (on_phrase_activated), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->phrase_book, "edit-phrase", G_CALLBACK (on_edit_phrase), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->phrase_book, "register-phrase", G_CALLBACK (on_register_phrase), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->phrase_book, "problem", G_CALLBACK (on_book_problem), self,
                           G_CONNECT_SWAPPED);
}

void
mado_conversation_page_setup (MadoConversationPage *self,
                              MadoSettings         *settings,
                              MadoVoice            *voice)
{
  g_autofree char *set_id = NULL;

  g_return_if_fail (MADO_IS_CONVERSATION_PAGE (self));

  g_set_object (&self->settings, settings);
  if (g_set_object (&self->voice, voice) && voice != NULL)
    g_signal_connect_object (voice, "notify::state", G_CALLBACK (on_voice_state_changed), self,
                             G_CONNECT_SWAPPED);

  g_settings_bind (mado_settings_get_gsettings (settings), "speak-automatically",
                   self->speak_button, "active", G_SETTINGS_BIND_DEFAULT);

  set_id = mado_settings_dup_phrase_set (settings);
  mado_phrase_book_set_set_id (self->phrase_book, set_id);
}

/* The microphone of each side works only when the service can recognise that side's language. */
static void
update_microphones (MadoConversationPage *self)
{
  gboolean in_call = self->call_panel != NULL;
  const char *reason = in_call ? N_("The microphone is paused while the interpreter is on the line.")
                       : self->capabilities == NULL
                       ? N_("Speech recognition is not available yet. Please type, or use the phrase book.")
                       : N_("Speech recognition is not available for this language. Please type.");

  if (in_call)
    {
      mado_dialogue_pane_set_can_listen (self->staff_pane, FALSE, reason);
      mado_dialogue_pane_set_can_listen (self->resident_pane, FALSE, reason);
      return;
    }

  mado_dialogue_pane_set_can_listen (self->staff_pane,
                                     self->capabilities != NULL &&
                                     mado_speech_capabilities_can_recognize (self->capabilities, MADO_STAFF_LANGUAGE),
                                     reason);
  if (self->resident_language != NULL)
    mado_dialogue_pane_set_can_listen (self->resident_pane,
                                       self->capabilities != NULL &&
                                       mado_speech_capabilities_can_recognize (self->capabilities,
                                                                               self->resident_language),
                                       reason);
}

void
mado_conversation_page_set_speech (MadoConversationPage   *self,
                                   MadoSpeechClient       *client,
                                   MadoSpeechCapabilities *capabilities)
{
  g_return_if_fail (MADO_IS_CONVERSATION_PAGE (self));

  mado_conversation_set_client (self->conversation, client);
  g_set_object (&self->capabilities, capabilities);
  update_microphones (self);
}

void
mado_conversation_page_set_store (MadoConversationPage *self,
                                  MadoPhraseStore      *store)
{
  g_return_if_fail (MADO_IS_CONVERSATION_PAGE (self));

  g_set_object (&self->store, store);
  mado_phrase_book_set_store (self->phrase_book, store);
}

void
mado_conversation_page_set_resident_language (MadoConversationPage *self,
                                              const char           *language)
{
  const MadoLanguage *entry = mado_language_lookup (language);
  g_autofree char *end_text = NULL;

  g_return_if_fail (MADO_IS_CONVERSATION_PAGE (self));
  g_return_if_fail (entry != NULL);

  g_free (self->resident_language);
  self->resident_language = g_strdup (entry->code);

  mado_ui_label_set_text (self->language_staff_label, entry->japanese_name, MADO_STAFF_LANGUAGE);
  mado_ui_label_set_text (self->language_native_label, entry->native_name, entry->code);
  mado_conversation_set_resident_language (self->conversation, entry->code);
  {
    g_autofree char *interpreter_text = g_strdup_printf ("%s · %s", _("Interpreter"),
                                                         mado_ui_resident_text (entry->code, "Interpreter"));

    gtk_label_set_text (self->interpreter_label, interpreter_text);
  }
  mado_dialogue_pane_set_reader (self->resident_pane, MADO_SPEAKER_RESIDENT, entry->code);

  /* The end button is pressed by either person, so it speaks both languages. */
  end_text = g_strdup_printf ("%s · %s", _("End conversation"), mado_ui_resident_text (entry->code, "End"));
  gtk_label_set_text (self->end_label, end_text);

  mado_phrase_book_set_resident_language (self->phrase_book, entry->code);
  update_microphones (self);
}

const char *
mado_conversation_page_get_resident_language (MadoConversationPage *self)
{
  g_return_val_if_fail (MADO_IS_CONVERSATION_PAGE (self), NULL);
  return self->resident_language;
}

void
mado_conversation_page_clear (MadoConversationPage *self)
{
  g_return_if_fail (MADO_IS_CONVERSATION_PAGE (self));

  if (self->voice != NULL)
    mado_voice_stop (self->voice);

  cancel_listening (self);
  end_call_panel (self);
  mado_conversation_clear (self->conversation);

  mado_phrase_book_clear_search (self->phrase_book);
  show_status (self, NULL, NULL, NULL);
}

guint
mado_conversation_page_get_n_turns (MadoConversationPage *self)
{
  g_return_val_if_fail (MADO_IS_CONVERSATION_PAGE (self), 0);
  return g_list_model_get_n_items (mado_conversation_get_turns (self->conversation));
}

/* Returns: (transfer none): the dialogue model */
MadoConversation *
mado_conversation_page_get_conversation (MadoConversationPage *self)
{
  g_return_val_if_fail (MADO_IS_CONVERSATION_PAGE (self), NULL);
  return self->conversation;
}

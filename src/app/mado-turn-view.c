/* mado-turn-view.c: one turn of the dialogue as one of the two people sees it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-turn-view.h"

#include <glib/gi18n.h>

#include "mado-audio-output.h"
#include "mado-conversation.h"
#include "mado-language.h"
#include "mado-number-check.h"
#include "mado-ruby.h"
#include "mado-speech-api-error.h"
#include "mado-ui-text.h"

struct _MadoTurnView
{
  AdwBin       parent_instance;

  GtkLabel    *speaker_label;
  GtkLabel    *state_label;
  GtkLabel    *origin_label;
  GtkWidget   *replay_button;
  GtkLabel    *main_label;
  GtkWidget   *review_box;
  GtkEntry    *review_entry;
  GtkButton   *send_button;
  GtkWidget   *check_box;
  GtkLabel    *check_title;
  GtkLabel    *check_label;
  GtkWidget   *error_box;
  GtkLabel    *error_label;
  GtkButton   *retry_button;

  MadoTurn    *turn;
  MadoSpeaker  reader;
  char        *language;
};

G_DEFINE_FINAL_TYPE (MadoTurnView, mado_turn_view, ADW_TYPE_BIN)

enum {
  SIGNAL_CONFIRM,
  SIGNAL_DISCARD,
  SIGNAL_RETRY,
  SIGNAL_REPLAY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Interface text in this reader's language: Japanese for the clerk, the resident's for the resident. */
static const char *
text_for_reader (MadoTurnView *self,
                 const char   *msgid)
{
  return mado_ui_resident_text (self->language, msgid);
}

/* What failed while speech was being recognised, where that differs from translation: the clerk
 * must know which service to report, and that typing still works. */
static const char *
recognition_error_msgid (const GError *error)
{
  switch (error->code)
    {
    case MADO_SPEECH_API_ERROR_PROVIDER_UNAVAILABLE:
      return N_("The speech recognition service is not answering. Please try again or type instead.");
    case MADO_SPEECH_API_ERROR_PROVIDER_TIMEOUT:
      return N_("The speech recognition service took too long. Please try again or type instead.");
    case MADO_SPEECH_API_ERROR_PROVIDER_AUTH_FAILED:
      return N_("The speech recognition service rejected its key. Please type instead and tell the IT staff.");
    case MADO_SPEECH_API_ERROR_PROVIDER_QUOTA_EXCEEDED:
      return N_("The speech recognition service has used up its quota. Please type instead and tell the IT staff.");
    case MADO_SPEECH_API_ERROR_PROVIDER_BAD_RESPONSE:
    case MADO_SPEECH_API_ERROR_PROVIDER_ERROR:
      return N_("The speech recognition service gave an answer that could not be used. Please type instead.");
    default:
      return NULL;
    }
}

/**
 * mado_turn_view_error_msgid:
 * @recognising: whether the turn failed while its speech was being recognised
 *
 * Each error code gets its own sentence, because the clerk acts differently on each: a rejected key
 * is a call to IT staff, an unanswered service is a retry, unheard speech is "please say it again".
 */
const char *
mado_turn_view_error_msgid (const GError *error,
                            gboolean      recognising)
{
  if (error == NULL)
    return N_("Something went wrong.");

  if (error->domain == MADO_AUDIO_ERROR)
    {
      if (error->code == MADO_AUDIO_ERROR_NO_DEVICE)
        return N_("No microphone was found. Please type instead.");
      if (error->code == MADO_AUDIO_ERROR_DEVICE_LOST)
        return N_("The microphone stopped working. Please try again or type instead.");
      return N_("The microphone could not be used. Please type instead.");
    }

  if (error->domain == MADO_CONVERSATION_ERROR)
    return N_("The translation service is not available yet. Please use the phrase book or try again.");

  if (error->domain != MADO_SPEECH_API_ERROR)
    return N_("Something went wrong with the translation.");

  if (recognising && recognition_error_msgid (error) != NULL)
    return recognition_error_msgid (error);

  switch (error->code)
    {
    case MADO_SPEECH_API_ERROR_GATEWAY_UNREACHABLE:
    case MADO_SPEECH_API_ERROR_CONNECTION_LOST:
    case MADO_SPEECH_API_ERROR_PROVIDER_UNAVAILABLE:
      return N_("The translation service is not answering. Please try again.");
    case MADO_SPEECH_API_ERROR_TIMEOUT:
    case MADO_SPEECH_API_ERROR_PROVIDER_TIMEOUT:
      return N_("The translation service took too long. Please try again.");
    case MADO_SPEECH_API_ERROR_NO_TRANSLATION:
      return N_("This sentence could not be translated. Please try other words or the phrase book.");
    case MADO_SPEECH_API_ERROR_NO_SPEECH:
      return N_("No speech was heard. Please speak again.");
    case MADO_SPEECH_API_ERROR_UNSUPPORTED_LANGUAGE:
      return N_("The speech service cannot handle this language. Please type instead.");
    case MADO_SPEECH_API_ERROR_RATE_LIMITED:
      return N_("The service is busy. Please try again in a moment.");
    case MADO_SPEECH_API_ERROR_PROVIDER_AUTH_FAILED:
      return N_("The translation service rejected its key. Please tell the IT staff.");
    case MADO_SPEECH_API_ERROR_PROVIDER_QUOTA_EXCEEDED:
      return N_("The translation service has used up its quota. Please tell the IT staff.");
    case MADO_SPEECH_API_ERROR_PROVIDER_BAD_RESPONSE:
      return N_("The translation service gave an answer that could not be used. Please try again or use the phrase book.");
    case MADO_SPEECH_API_ERROR_PAYLOAD_TOO_LARGE:
      return N_("That was too long. Please say it in shorter parts.");
    case MADO_SPEECH_API_ERROR_UNAUTHORIZED:
      return N_("The translation service refused this tablet. Please tell the IT staff.");
    default:
      return N_("Something went wrong with the translation.");
    }
}

static const char *
state_msgid (MadoTurnView *self,
             MadoTurnState state)
{
  gboolean own = mado_turn_get_speaker (self->turn) == self->reader;

  switch (state)
    {
    case MADO_TURN_LISTENING:
      return own ? N_("Listening…") : N_("The other person is speaking…");
    case MADO_TURN_RECOGNISING:
      return N_("Recognising…");
    case MADO_TURN_REVIEW:
      return own ? N_("Check the text, then send it") : N_("The other person is checking the text…");
    case MADO_TURN_TRANSLATING:
      return N_("Translating…");
    case MADO_TURN_FAILED:
      return mado_turn_get_source_text (self->turn) != NULL ? N_("Not translated") : N_("Not understood");
    case MADO_TURN_DONE:
    default:
      return NULL;
    }
}

/* Marks @quantities of @side in @label, which shows @text: a coloured, bold, underlined span, so
 * a changed fee or date is the first thing the speaker sees. Easy Japanese is shown with its
 * readings inserted, which moves every offset, so it is warned about but not marked. */
static void
mark_quantities (GtkLabel         *label,
                 const char       *text,
                 const char       *language,
                 GPtrArray        *quantities,
                 MadoQuantitySide  side)
{
  PangoAttrList *attributes = gtk_label_get_attributes (label);
  g_autoptr(PangoAttrList) marked = attributes != NULL ? pango_attr_list_copy (attributes) : pango_attr_list_new ();

  if (g_strcmp0 (language, "ja-x-easy") == 0 && mado_ruby_has_markup (text))
    return;

  for (guint i = 0; i < quantities->len; i++)
    {
      MadoQuantity *quantity = g_ptr_array_index (quantities, i);
      PangoAttribute *attribute;

      if (quantity->side != side)
        continue;

      attribute = pango_attr_background_new (0xffff, 0xd8d8, 0x6666);
      attribute->start_index = quantity->start;
      attribute->end_index = quantity->end;
      pango_attr_list_insert (marked, attribute);
      attribute = pango_attr_foreground_new (0x1e1e, 0x1e1e, 0x1e1e);
      attribute->start_index = quantity->start;
      attribute->end_index = quantity->end;
      pango_attr_list_insert (marked, attribute);
      attribute = pango_attr_underline_new (PANGO_UNDERLINE_DOUBLE);
      attribute->start_index = quantity->start;
      attribute->end_index = quantity->end;
      pango_attr_list_insert (marked, attribute);
    }

  gtk_label_set_attributes (label, marked);
}

static void
update (MadoTurnView *self)
{
  MadoTurnState state = mado_turn_get_state (self->turn);
  gboolean own = mado_turn_get_speaker (self->turn) == self->reader;
  const char *state_text = state_msgid (self, state);
  const char *main_text;
  const char *main_language;

  gtk_label_set_text (self->state_label, state_text != NULL ? text_for_reader (self, state_text) : "");
  /* Where the translation came from: a phrase people checked, or a machine whose output only
   * the back-translation lets the speaker check. */
  gtk_widget_set_visible (GTK_WIDGET (self->origin_label), state == MADO_TURN_DONE);
  if (state == MADO_TURN_DONE)
    {
      gboolean verified = mado_turn_get_verified (self->turn);

      gtk_label_set_text (self->origin_label,
                          text_for_reader (self, verified ? N_("Checked phrase") : N_("Machine translation")));
      if (verified)
        {
          gtk_widget_add_css_class (GTK_WIDGET (self->origin_label), "verified-tag");
          gtk_widget_remove_css_class (GTK_WIDGET (self->origin_label), "machine-tag");
        }
      else
        {
          gtk_widget_add_css_class (GTK_WIDGET (self->origin_label), "machine-tag");
          gtk_widget_remove_css_class (GTK_WIDGET (self->origin_label), "verified-tag");
        }
    }

  /* The speaker always sees their own words; the other person sees them only once translated. */
  if (own)
    {
      main_text = mado_turn_get_source_text (self->turn);
      main_language = mado_turn_get_source_language (self->turn);
    }
  else
    {
      main_text = mado_turn_get_translation (self->turn);
      main_language = mado_turn_get_target_language (self->turn);
    }
  mado_ui_label_set_text (self->main_label, main_text, main_language);
  gtk_widget_set_visible (GTK_WIDGET (self->main_label),
                          main_text != NULL && !(own && state == MADO_TURN_REVIEW));

  gtk_widget_set_visible (self->review_box, own && state == MADO_TURN_REVIEW);
  if (own && state == MADO_TURN_REVIEW)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->review_entry), mado_turn_get_source_text (self->turn));
      gtk_widget_grab_focus (GTK_WIDGET (self->review_entry));
    }

  /* The speaker checks the back-translation; the other person may glance at the original. A
   * back-translation identical to what was said (an exact registered phrase) tells nothing new. */
  if (own && state == MADO_TURN_DONE && mado_turn_get_back_translation (self->turn) != NULL &&
      g_strcmp0 (mado_turn_get_back_translation (self->turn), mado_turn_get_source_text (self->turn)) != 0)
    {
      const char *source = mado_turn_get_source_text (self->turn);
      const char *back = mado_turn_get_back_translation (self->turn);
      g_autoptr(GPtrArray) changed = mado_quantities_compare (source, self->language, back);

      mado_ui_label_set_text (self->check_label, back, self->language);
      if (changed != NULL && changed->len > 0)
        {
          /* A number that changed in translation can cost a resident a fee or a deadline. */
          gtk_label_set_text (self->check_title,
                              text_for_reader (self, N_("Check the marked numbers: they changed in translation.")));
          gtk_widget_add_css_class (GTK_WIDGET (self->check_title), "quantity-warning");
          mark_quantities (self->main_label, source, self->language, changed, MADO_QUANTITY_SIDE_SOURCE);
          mark_quantities (self->check_label, back, self->language, changed, MADO_QUANTITY_SIDE_BACK_TRANSLATION);
        }
      else
        {
          gtk_label_set_text (self->check_title,
                              text_for_reader (self, N_("What the other person reads, translated back:")));
          gtk_widget_remove_css_class (GTK_WIDGET (self->check_title), "quantity-warning");
        }
      gtk_widget_set_visible (self->check_box, TRUE);
    }
  else if (!own && state == MADO_TURN_DONE)
    {
      gtk_label_set_text (self->check_title, text_for_reader (self, N_("Original:")));
      mado_ui_label_set_text (self->check_label, mado_turn_get_source_text (self->turn),
                              mado_turn_get_source_language (self->turn));
      gtk_widget_set_visible (self->check_box, TRUE);
    }
  else
    {
      gtk_widget_set_visible (self->check_box, FALSE);
    }

  gtk_widget_set_visible (self->error_box, state == MADO_TURN_FAILED);
  if (state == MADO_TURN_FAILED)
    gtk_label_set_text (self->error_label,
                        text_for_reader (self, mado_turn_view_error_msgid (mado_turn_get_error (self->turn),
                                                                           mado_turn_get_source_text (self->turn) == NULL)));

  /* Replaying reads this reader's side aloud: their language, the way they see it. */
  gtk_widget_set_visible (self->replay_button, state == MADO_TURN_DONE && main_text != NULL);
}

static void
confirm_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  MadoTurnView *self = MADO_TURN_VIEW (widget);

  g_signal_emit (self, signals[SIGNAL_CONFIRM], 0, gtk_editable_get_text (GTK_EDITABLE (self->review_entry)));
}

static void
emit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  if (g_str_equal (action_name, "turn.discard"))
    g_signal_emit (widget, signals[SIGNAL_DISCARD], 0);
  else if (g_str_equal (action_name, "turn.retry"))
    g_signal_emit (widget, signals[SIGNAL_RETRY], 0);
  else
    g_signal_emit (widget, signals[SIGNAL_REPLAY], 0);
}

static void
on_review_activate (MadoTurnView *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "turn.confirm", NULL);
}

static void
mado_turn_view_dispose (GObject *object)
{
  MadoTurnView *self = MADO_TURN_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MADO_TYPE_TURN_VIEW);
  g_clear_object (&self->turn);

  G_OBJECT_CLASS (mado_turn_view_parent_class)->dispose (object);
}

static void
mado_turn_view_finalize (GObject *object)
{
  MadoTurnView *self = MADO_TURN_VIEW (object);

  g_free (self->language);

  G_OBJECT_CLASS (mado_turn_view_parent_class)->finalize (object);
}

static void
mado_turn_view_class_init (MadoTurnViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mado_turn_view_dispose;
  object_class->finalize = mado_turn_view_finalize;

  /**
   * MadoTurnView::confirm:
   * @text: the recognised text as the speaker left it
   */
  signals[SIGNAL_CONFIRM] = g_signal_new ("confirm", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                          NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /** MadoTurnView::discard: the speaker dropped the recognised text. */
  signals[SIGNAL_DISCARD] = g_signal_new ("discard", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                          NULL, NULL, NULL, G_TYPE_NONE, 0);
  /** MadoTurnView::retry: try the failed step again. */
  signals[SIGNAL_RETRY] = g_signal_new ("retry", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                        NULL, NULL, NULL, G_TYPE_NONE, 0);
  /** MadoTurnView::replay: read this reader's text aloud again. */
  signals[SIGNAL_REPLAY] = g_signal_new ("replay", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                         NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/jp/madoguchi/Kiosk/mado-turn-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MadoTurnView, speaker_label);
  gtk_widget_class_bind_template_child (widget_class, MadoTurnView, state_label);
  gtk_widget_class_bind_template_child (widget_class, MadoTurnView, origin_label);
  gtk_widget_class_bind_template_child (widget_class, MadoTurnView, replay_button);
  gtk_widget_class_bind_template_child (widget_class, MadoTurnView, main_label);
  gtk_widget_class_bind_template_child (widget_class, MadoTurnView, review_box);
  gtk_widget_class_bind_template_child (widget_class, MadoTurnView, review_entry);
  gtk_widget_class_bind_template_child (widget_class, MadoTurnView, send_button);
  gtk_widget_class_bind_template_child (widget_class, MadoTurnView, check_box);
  gtk_widget_class_bind_template_child (widget_class, MadoTurnView, check_title);
  gtk_widget_class_bind_template_child (widget_class, MadoTurnView, check_label);
  gtk_widget_class_bind_template_child (widget_class, MadoTurnView, error_box);
  gtk_widget_class_bind_template_child (widget_class, MadoTurnView, error_label);
  gtk_widget_class_bind_template_child (widget_class, MadoTurnView, retry_button);

  gtk_widget_class_install_action (widget_class, "turn.confirm", NULL, confirm_action);
  gtk_widget_class_install_action (widget_class, "turn.discard", NULL, emit_action);
  gtk_widget_class_install_action (widget_class, "turn.retry", NULL, emit_action);
  gtk_widget_class_install_action (widget_class, "turn.replay", NULL, emit_action);
}

static void
mado_turn_view_init (MadoTurnView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->review_entry, "activate", G_CALLBACK (on_review_activate), self,
                           G_CONNECT_SWAPPED);
}

MadoTurnView *
mado_turn_view_new (MadoTurn    *turn,
                    MadoSpeaker  reader,
                    const char  *reader_language)
{
  MadoTurnView *self;
  gboolean own;

  g_return_val_if_fail (MADO_IS_TURN (turn), NULL);
  g_return_val_if_fail (reader_language != NULL, NULL);

  self = g_object_new (MADO_TYPE_TURN_VIEW, NULL);
  self->turn = g_object_ref (turn);
  self->reader = reader;
  self->language = g_strdup (reader_language);
  own = mado_turn_get_speaker (turn) == reader;

  gtk_label_set_text (self->speaker_label,
                      text_for_reader (self, own ? N_("You")
                                                 : reader == MADO_SPEAKER_STAFF ? N_("Resident") : N_("Staff")));
  gtk_button_set_label (self->send_button, text_for_reader (self, N_("Send")));
  gtk_button_set_label (self->retry_button, text_for_reader (self, N_("Try again")));
  gtk_widget_set_tooltip_text (self->replay_button, text_for_reader (self, N_("Play again")));
  mado_ui_widget_set_language (GTK_WIDGET (self->review_entry), reader_language);
  gtk_widget_add_css_class (gtk_widget_get_first_child (GTK_WIDGET (self)),
                            own ? "own-turn" : "other-turn");

  g_signal_connect_object (turn, "notify", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);

  return self;
}

/* Returns: (transfer none): the turn shown */
MadoTurn *
mado_turn_view_get_turn (MadoTurnView *self)
{
  g_return_val_if_fail (MADO_IS_TURN_VIEW (self), NULL);
  return self->turn;
}

const char *
mado_turn_view_get_main_text (MadoTurnView *self)
{
  g_return_val_if_fail (MADO_IS_TURN_VIEW (self), NULL);
  return gtk_label_get_text (self->main_label);
}

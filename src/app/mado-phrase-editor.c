/* mado-phrase-editor.c: staff register, edit and delete phrases on the tablet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-phrase-editor.h"

#include <glib/gi18n.h>

#include "mado-language.h"
#include "mado-ruby.h"
#include "mado-ui-text.h"

struct _MadoPhraseEditor
{
  AdwWindow        parent_instance;

  AdwWindowTitle  *window_title;
  AdwComboRow     *genre_row;
  AdwEntryRow     *staff_row;
  AdwEntryRow     *resident_row;
  GtkLabel        *problem_label;
  GtkWidget       *delete_button;

  MadoPhraseStore *store;
  MadoPhrase      *phrase;         /* NULL when registering */
  GPtrArray       *genre_ids;
  char            *set_id;
  char            *resident_language;
};

G_DEFINE_FINAL_TYPE (MadoPhraseEditor, mado_phrase_editor, ADW_TYPE_WINDOW)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_problem (MadoPhraseEditor *self,
              const char       *message)
{
  gtk_label_set_text (self->problem_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), TRUE);
}

static char *
entry_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MadoPhraseEditor *self = MADO_PHRASE_EDITOR (widget);
  g_autofree char *staff_text = entry_text (self->staff_row);
  g_autofree char *resident_text = entry_text (self->resident_row);
  g_autoptr(MadoPhrase) phrase = NULL;
  g_autoptr(GError) error = NULL;
  guint genre_position = adw_combo_row_get_selected (self->genre_row);
  const char *genre_id;

  if (*staff_text == '\0')
    {
      show_problem (self, _("Enter the phrase in Japanese."));
      gtk_widget_grab_focus (GTK_WIDGET (self->staff_row));
      return;
    }
  if (*resident_text == '\0')
    {
      show_problem (self, _("Enter the phrase in the resident’s language as well."));
      gtk_widget_grab_focus (GTK_WIDGET (self->resident_row));
      return;
    }
  if (g_strcmp0 (self->resident_language, "ja-x-easy") == 0 && mado_ruby_has_markup (resident_text) &&
      !mado_ruby_validate (resident_text, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The readings are not written correctly: %s"), error->message);

      show_problem (self, message);
      return;
    }
  if (genre_position == GTK_INVALID_LIST_POSITION || genre_position >= self->genre_ids->len)
    {
      show_problem (self, _("Choose a genre."));
      return;
    }
  genre_id = g_ptr_array_index (self->genre_ids, genre_position);

  if (self->phrase != NULL)
    {
      /* Editing keeps the phrase's other languages; only the two shown here change. */
      g_auto(GStrv) languages = mado_phrase_dup_languages (self->phrase);

      phrase = mado_phrase_new (mado_phrase_get_id (self->phrase), self->set_id, genre_id);
      mado_phrase_set_speaker (phrase, mado_phrase_get_speaker (self->phrase));
      for (guint i = 0; languages[i] != NULL; i++)
        mado_phrase_set_text (phrase, languages[i], mado_phrase_get_text (self->phrase, languages[i]));
    }
  else
    {
      phrase = mado_phrase_new (NULL, self->set_id, genre_id);
    }

  mado_phrase_set_text (phrase, MADO_STAFF_LANGUAGE, staff_text);
  mado_phrase_set_text (phrase, self->resident_language, resident_text);

  if (self->phrase != NULL)
    {
      if (!mado_phrase_store_update_phrase (self->store, phrase, &error))
        {
          g_autofree char *message = g_strdup_printf (_("The phrase could not be saved: %s"), error->message);

          show_problem (self, message);
          return;
        }
    }
  else
    {
      g_autofree char *id = mado_phrase_store_add_phrase (self->store, phrase, &error);

      if (id == NULL)
        {
          g_autofree char *message = g_strdup_printf (_("The phrase could not be saved: %s"), error->message);

          show_problem (self, message);
          return;
        }
    }

  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
close_editor_cb (gpointer user_data)
{
  gtk_window_destroy (GTK_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

static void
on_delete_response (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  MadoPhraseEditor *self = MADO_PHRASE_EDITOR (user_data);
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "delete") != 0)
    return;

  if (!mado_phrase_store_delete_phrase (self->store, mado_phrase_get_id (self->phrase), &error))
    {
      g_autofree char *message = g_strdup_printf (_("The phrase could not be deleted: %s"), error->message);

      show_problem (self, message);
      return;
    }

  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);

  /* The confirmation is transient for the editor and still inside its own response handler: close
   * the editor once that handler has returned, or the dialog would be destroyed under its own feet. */
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_idle_add_full (G_PRIORITY_DEFAULT, close_editor_cb, g_object_ref (self), g_object_unref);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MadoPhraseEditor *self = MADO_PHRASE_EDITOR (widget);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Delete this phrase?"),
                                   mado_phrase_get_text (self->phrase, MADO_STAFF_LANGUAGE));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("Cancel"),
                                    "delete", _("Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
mado_phrase_editor_dispose (GObject *object)
{
  MadoPhraseEditor *self = MADO_PHRASE_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MADO_TYPE_PHRASE_EDITOR);
  g_clear_object (&self->store);
  g_clear_object (&self->phrase);

  G_OBJECT_CLASS (mado_phrase_editor_parent_class)->dispose (object);
}

static void
mado_phrase_editor_finalize (GObject *object)
{
  MadoPhraseEditor *self = MADO_PHRASE_EDITOR (object);

  g_ptr_array_unref (self->genre_ids);
  g_free (self->set_id);
  g_free (self->resident_language);

  G_OBJECT_CLASS (mado_phrase_editor_parent_class)->finalize (object);
}

static void
mado_phrase_editor_class_init (MadoPhraseEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mado_phrase_editor_dispose;
  object_class->finalize = mado_phrase_editor_finalize;

  /**
   * MadoPhraseEditor::changed:
   *
   * A phrase was saved or deleted; lists showing phrases should read the store again.
   */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/jp/madoguchi/Kiosk/mado-phrase-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, MadoPhraseEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, MadoPhraseEditor, genre_row);
  gtk_widget_class_bind_template_child (widget_class, MadoPhraseEditor, staff_row);
  gtk_widget_class_bind_template_child (widget_class, MadoPhraseEditor, resident_row);
  gtk_widget_class_bind_template_child (widget_class, MadoPhraseEditor, problem_label);
  gtk_widget_class_bind_template_child (widget_class, MadoPhraseEditor, delete_button);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.delete", NULL, delete_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
mado_phrase_editor_init (MadoPhraseEditor *self)
{
  self->genre_ids = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

static void
fill_genres (MadoPhraseEditor *self,
             const char       *selected_genre)
{
  g_autoptr(GPtrArray) genres = mado_phrase_store_list_genres (self->store, self->set_id, NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = 0;

  for (guint i = 0; genres != NULL && i < genres->len; i++)
    {
      MadoGenre *genre = g_ptr_array_index (genres, i);

      gtk_string_list_append (names, mado_genre_get_name (genre, MADO_STAFF_LANGUAGE));
      g_ptr_array_add (self->genre_ids, g_strdup (mado_genre_get_id (genre)));
      if (g_strcmp0 (mado_genre_get_id (genre), selected_genre) == 0)
        selected = i;
    }

  adw_combo_row_set_model (self->genre_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->genre_row, selected);
}

MadoPhraseEditor *
mado_phrase_editor_new (GtkWindow       *parent,
                        MadoPhraseStore *store,
                        MadoPhrase      *phrase,
                        const char      *set_id,
                        const char      *genre_id,
                        const char      *resident_language)
{
  MadoPhraseEditor *self;
  const MadoLanguage *language = mado_language_lookup (resident_language);
  g_autofree char *resident_title = NULL;

  g_return_val_if_fail (MADO_IS_PHRASE_STORE (store), NULL);
  g_return_val_if_fail (language != NULL, NULL);

  self = g_object_new (MADO_TYPE_PHRASE_EDITOR, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->phrase = phrase != NULL ? g_object_ref (phrase) : NULL;
  self->set_id = g_strdup (phrase != NULL ? mado_phrase_get_set_id (phrase) : set_id);
  self->resident_language = g_strdup (language->code);

  adw_window_title_set_title (self->window_title,
                              phrase != NULL ? _("Edit phrase") : _("Register a phrase"));
  resident_title = g_strdup_printf ("%s (%s)", language->japanese_name, language->native_name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->resident_row), resident_title);
  mado_ui_widget_set_language (GTK_WIDGET (self->resident_row), language->code);

  fill_genres (self, phrase != NULL ? mado_phrase_get_genre_id (phrase) : genre_id);

  if (phrase != NULL)
    {
      const char *staff_text = mado_phrase_get_text (phrase, MADO_STAFF_LANGUAGE);
      const char *resident_text = mado_phrase_get_text (phrase, language->code);

      gtk_editable_set_text (GTK_EDITABLE (self->staff_row), staff_text != NULL ? staff_text : "");
      gtk_editable_set_text (GTK_EDITABLE (self->resident_row), resident_text != NULL ? resident_text : "");
      gtk_widget_set_visible (self->delete_button, TRUE);
    }

  return self;
}

/* mado-phrase-row.c: a phrase in the phrase book list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-phrase-row.h"

#include <glib/gi18n.h>

#include "mado-language.h"
#include "mado-ui-text.h"

struct _MadoPhraseRow
{
  GtkListBoxRow    parent_instance;

  GtkLabel        *staff_label;
  GtkLabel        *resident_label;
  GtkToggleButton *favourite_button;

  MadoPhrase      *phrase;
};

G_DEFINE_FINAL_TYPE (MadoPhraseRow, mado_phrase_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  SIGNAL_EDIT,
  SIGNAL_FAVOURITE_TOGGLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_signal_emit (widget, signals[SIGNAL_EDIT], 0);
}

static void
on_favourite_toggled (MadoPhraseRow   *self,
                      GtkToggleButton *button)
{
  gboolean active = gtk_toggle_button_get_active (button);

  gtk_button_set_icon_name (GTK_BUTTON (button), active ? "starred-symbolic" : "non-starred-symbolic");
  if (active != mado_phrase_get_favourite (self->phrase))
    g_signal_emit (self, signals[SIGNAL_FAVOURITE_TOGGLED], 0, active);
}

static void
mado_phrase_row_dispose (GObject *object)
{
  MadoPhraseRow *self = MADO_PHRASE_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MADO_TYPE_PHRASE_ROW);
  g_clear_object (&self->phrase);

  G_OBJECT_CLASS (mado_phrase_row_parent_class)->dispose (object);
}

static void
mado_phrase_row_class_init (MadoPhraseRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mado_phrase_row_dispose;

  /**
   * MadoPhraseRow::edit:
   *
   * The clerk asked to edit or delete the phrase.
   */
  signals[SIGNAL_EDIT] = g_signal_new ("edit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * MadoPhraseRow::favourite-toggled:
   * @favourite: the new state
   */
  signals[SIGNAL_FAVOURITE_TOGGLED] = g_signal_new ("favourite-toggled", G_TYPE_FROM_CLASS (klass),
                                                    G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                    G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class, "/jp/madoguchi/Kiosk/mado-phrase-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MadoPhraseRow, staff_label);
  gtk_widget_class_bind_template_child (widget_class, MadoPhraseRow, resident_label);
  gtk_widget_class_bind_template_child (widget_class, MadoPhraseRow, favourite_button);

  gtk_widget_class_install_action (widget_class, "row.edit", NULL, edit_action);
}

static void
mado_phrase_row_init (MadoPhraseRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->favourite_button, "toggled",
                           G_CALLBACK (on_favourite_toggled), self, G_CONNECT_SWAPPED);
}

MadoPhraseRow *
mado_phrase_row_new (MadoPhrase *phrase,
                     const char *resident_language)
{
  MadoPhraseRow *self;
  const char *resident_text;
  g_autofree char *name = NULL;

  g_return_val_if_fail (MADO_IS_PHRASE (phrase), NULL);

  self = g_object_new (MADO_TYPE_PHRASE_ROW, NULL);
  self->phrase = g_object_ref (phrase);

  name = g_strconcat ("phrase-row-", mado_phrase_get_id (phrase), NULL);
  gtk_widget_set_name (GTK_WIDGET (self), name);

  mado_ui_label_set_text (self->staff_label, mado_phrase_get_text (phrase, MADO_STAFF_LANGUAGE),
                          MADO_STAFF_LANGUAGE);

  /* A phrase registered on the tablet may lack this resident's language: say so to the clerk rather
   * than showing an empty line. */
  resident_text = mado_phrase_get_text (phrase, resident_language);
  if (resident_text != NULL)
    {
      mado_ui_label_set_text (self->resident_label, resident_text, resident_language);
    }
  else
    {
      mado_ui_label_set_text (self->resident_label, _("No translation in this language yet"),
                              MADO_STAFF_LANGUAGE);
      gtk_widget_add_css_class (GTK_WIDGET (self->resident_label), "missing-translation");
    }

  gtk_toggle_button_set_active (self->favourite_button, mado_phrase_get_favourite (phrase));

  return self;
}

/**
 * mado_phrase_row_get_phrase:
 *
 * Returns: (transfer none): the phrase shown.
 */
MadoPhrase *
mado_phrase_row_get_phrase (MadoPhraseRow *self)
{
  g_return_val_if_fail (MADO_IS_PHRASE_ROW (self), NULL);
  return self->phrase;
}

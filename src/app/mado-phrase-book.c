/* mado-phrase-book.c: registered phrases by genre, with search and favourites
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-phrase-book.h"

#include <glib/gi18n.h>

#include "mado-language.h"
#include "mado-phrase-row.h"
#include "mado-ui-text.h"

#define SEARCH_LIMIT 60
#define FAVOURITES_GENRE "★favourites"

struct _MadoPhraseBook
{
  AdwBin           parent_instance;

  GtkDropDown     *set_dropdown;
  GtkSearchEntry  *search_entry;
  GtkFlowBox      *genre_box;
  GtkListBox      *phrase_list;

  MadoPhraseStore *store;
  GPtrArray       *set_ids;       /* char*, parallel to the dropdown's items */
  char            *set_id;
  char            *genre_id;
  char            *resident_language;
  gboolean         filling_sets;
};

G_DEFINE_FINAL_TYPE (MadoPhraseBook, mado_phrase_book, ADW_TYPE_BIN)

enum {
  SIGNAL_PHRASE_ACTIVATED,
  SIGNAL_EDIT_PHRASE,
  SIGNAL_REGISTER_PHRASE,
  SIGNAL_PROBLEM,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void show_phrases (MadoPhraseBook *self);

static void
report_problem (MadoPhraseBook *self,
                const char     *what,
                const GError   *error)
{
  g_autofree char *message = g_strdup_printf ("%s: %s", what, error->message);

  g_signal_emit (self, signals[SIGNAL_PROBLEM], 0, message);
}

static void
on_edit_phrase (MadoPhraseBook *self,
                MadoPhraseRow  *row)
{
  g_signal_emit (self, signals[SIGNAL_EDIT_PHRASE], 0, mado_phrase_row_get_phrase (row));
}

static void
on_favourite_toggled (MadoPhraseBook *self,
                      gboolean        favourite,
                      MadoPhraseRow  *row)
{
  MadoPhrase *phrase = mado_phrase_row_get_phrase (row);
  g_autoptr(GError) error = NULL;

  if (!mado_phrase_store_set_favourite (self->store, mado_phrase_get_id (phrase), favourite, &error))
    {
      report_problem (self, _("The favourite could not be saved"), error);
      return;
    }

  mado_phrase_set_favourite (phrase, favourite);
  if (g_strcmp0 (self->genre_id, FAVOURITES_GENRE) == 0)
    show_phrases (self);
}

static void
fill_list (MadoPhraseBook *self,
           GPtrArray      *phrases)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->phrase_list))) != NULL)
    gtk_list_box_remove (self->phrase_list, child);

  for (guint i = 0; phrases != NULL && i < phrases->len; i++)
    {
      MadoPhraseRow *row = mado_phrase_row_new (g_ptr_array_index (phrases, i), self->resident_language);

      g_signal_connect_object (row, "edit", G_CALLBACK (on_edit_phrase), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (row, "favourite-toggled", G_CALLBACK (on_favourite_toggled), self,
                               G_CONNECT_SWAPPED);
      gtk_list_box_append (self->phrase_list, GTK_WIDGET (row));
    }
}

static void
show_phrases (MadoPhraseBook *self)
{
  g_autoptr(GPtrArray) phrases = NULL;
  g_autoptr(GError) error = NULL;
  const char *query;

  if (self->store == NULL || self->resident_language == NULL)
    {
      fill_list (self, NULL);
      return;
    }

  query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  if (query != NULL && *query != '\0')
    phrases = mado_phrase_store_search (self->store, query, self->set_id, SEARCH_LIMIT, &error);
  else if (g_strcmp0 (self->genre_id, FAVOURITES_GENRE) == 0)
    phrases = mado_phrase_store_list_favourites (self->store, &error);
  else if (self->set_id != NULL && self->genre_id != NULL)
    phrases = mado_phrase_store_list_phrases (self->store, self->set_id, self->genre_id, &error);

  if (error != NULL)
    report_problem (self, _("The phrases could not be read"), error);

  fill_list (self, phrases);
}

static GtkWidget *
make_genre_chip (const char *id,
                 const char *label_text)
{
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *child = gtk_flow_box_child_new ();
  g_autofree char *name = g_strconcat ("genre-", id, NULL);

  mado_ui_label_set_text (GTK_LABEL (label), label_text, MADO_STAFF_LANGUAGE);
  gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), label);
  gtk_widget_set_name (child, name);
  gtk_widget_add_css_class (child, "genre-chip");
  g_object_set_data_full (G_OBJECT (child), "genre-id", g_strdup (id), g_free);

  return child;
}

static void
show_genres (MadoPhraseBook *self)
{
  g_autoptr(GPtrArray) genres = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  GtkFlowBoxChild *first = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->genre_box))) != NULL)
    gtk_flow_box_remove (self->genre_box, child);
  g_clear_pointer (&self->genre_id, g_free);

  if (self->store == NULL || self->set_id == NULL)
    return;

  gtk_flow_box_append (self->genre_box, make_genre_chip (FAVOURITES_GENRE, _("★ Favourites")));

  genres = mado_phrase_store_list_genres (self->store, self->set_id, &error);
  if (genres == NULL)
    {
      report_problem (self, _("The genres could not be read"), error);
      return;
    }

  for (guint i = 0; i < genres->len; i++)
    {
      MadoGenre *genre = g_ptr_array_index (genres, i);
      GtkWidget *chip = make_genre_chip (mado_genre_get_id (genre),
                                         mado_genre_get_name (genre, MADO_STAFF_LANGUAGE));

      gtk_flow_box_append (self->genre_box, chip);
      if (first == NULL)
        first = GTK_FLOW_BOX_CHILD (chip);
    }

  /* Open on the first real genre: favourites are empty on a new tablet. */
  if (first != NULL)
    {
      gtk_flow_box_select_child (self->genre_box, first);
      self->genre_id = g_strdup (g_object_get_data (G_OBJECT (first), "genre-id"));
    }
}

static void
on_genre_activated (MadoPhraseBook  *self,
                    GtkFlowBoxChild *child)
{
  g_free (self->genre_id);
  self->genre_id = g_strdup (g_object_get_data (G_OBJECT (child), "genre-id"));
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  show_phrases (self);
}

static void
on_phrase_row_activated (MadoPhraseBook *self,
                         GtkListBoxRow  *row)
{
  g_signal_emit (self, signals[SIGNAL_PHRASE_ACTIVATED], 0,
                 mado_phrase_row_get_phrase (MADO_PHRASE_ROW (row)));
}

static void
on_search_changed (MadoPhraseBook *self)
{
  show_phrases (self);
}

static void
on_set_selected (MadoPhraseBook *self)
{
  guint position = gtk_drop_down_get_selected (self->set_dropdown);

  if (self->filling_sets || position == GTK_INVALID_LIST_POSITION || position >= self->set_ids->len)
    return;

  mado_phrase_book_set_set_id (self, g_ptr_array_index (self->set_ids, position));
}

static void
fill_sets (MadoPhraseBook *self)
{
  g_autoptr(GPtrArray) sets = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = GTK_INVALID_LIST_POSITION;

  g_ptr_array_set_size (self->set_ids, 0);
  if (self->store != NULL)
    {
      sets = mado_phrase_store_list_sets (self->store, &error);
      if (sets == NULL)
        report_problem (self, _("The phrase sets could not be read"), error);
    }

  for (guint i = 0; sets != NULL && i < sets->len; i++)
    {
      MadoPhraseSet *set = g_ptr_array_index (sets, i);

      gtk_string_list_append (names, mado_phrase_set_get_name (set, MADO_STAFF_LANGUAGE));
      g_ptr_array_add (self->set_ids, g_strdup (mado_phrase_set_get_id (set)));
      if (g_strcmp0 (mado_phrase_set_get_id (set), self->set_id) == 0)
        selected = i;
    }

  self->filling_sets = TRUE;
  gtk_drop_down_set_model (self->set_dropdown, G_LIST_MODEL (names));
  if (selected != GTK_INVALID_LIST_POSITION)
    gtk_drop_down_set_selected (self->set_dropdown, selected);
  self->filling_sets = FALSE;

  if (selected == GTK_INVALID_LIST_POSITION && self->set_ids->len > 0)
    mado_phrase_book_set_set_id (self, g_ptr_array_index (self->set_ids, 0));
}

static void
register_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  g_signal_emit (widget, signals[SIGNAL_REGISTER_PHRASE], 0);
}

static void
mado_phrase_book_dispose (GObject *object)
{
  MadoPhraseBook *self = MADO_PHRASE_BOOK (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MADO_TYPE_PHRASE_BOOK);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (mado_phrase_book_parent_class)->dispose (object);
}

static void
mado_phrase_book_finalize (GObject *object)
{
  MadoPhraseBook *self = MADO_PHRASE_BOOK (object);

  g_ptr_array_unref (self->set_ids);
  g_free (self->set_id);
  g_free (self->genre_id);
  g_free (self->resident_language);

  G_OBJECT_CLASS (mado_phrase_book_parent_class)->finalize (object);
}

static void
mado_phrase_book_class_init (MadoPhraseBookClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mado_phrase_book_dispose;
  object_class->finalize = mado_phrase_book_finalize;

  /**
   * MadoPhraseBook::phrase-activated:
   * @phrase: the phrase the clerk tapped
   */
  signals[SIGNAL_PHRASE_ACTIVATED] =
    g_signal_new ("phrase-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, MADO_TYPE_PHRASE);
  /**
   * MadoPhraseBook::edit-phrase:
   * @phrase: the phrase to edit or delete
   */
  signals[SIGNAL_EDIT_PHRASE] =
    g_signal_new ("edit-phrase", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, MADO_TYPE_PHRASE);
  /**
   * MadoPhraseBook::register-phrase:
   *
   * The clerk wants to register a new phrase in the current genre.
   */
  signals[SIGNAL_REGISTER_PHRASE] =
    g_signal_new ("register-phrase", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  /**
   * MadoPhraseBook::problem:
   * @message: what went wrong, in the staff's language
   */
  signals[SIGNAL_PROBLEM] =
    g_signal_new ("problem", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/jp/madoguchi/Kiosk/mado-phrase-book.ui");
  gtk_widget_class_bind_template_child (widget_class, MadoPhraseBook, set_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MadoPhraseBook, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MadoPhraseBook, genre_box);
  gtk_widget_class_bind_template_child (widget_class, MadoPhraseBook, phrase_list);

  gtk_widget_class_install_action (widget_class, "book.register", NULL, register_action);
}

static void
mado_phrase_book_init (MadoPhraseBook *self)
{
  self->set_ids = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_init_template (GTK_WIDGET (self));
  mado_ui_widget_set_language (GTK_WIDGET (self->search_entry), MADO_STAFF_LANGUAGE);

  g_signal_connect_object (self->genre_box, "child-activated", G_CALLBACK (on_genre_activated), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->phrase_list, "row-activated", G_CALLBACK (on_phrase_row_activated), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "search-changed", G_CALLBACK (on_search_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->set_dropdown, "notify::selected", G_CALLBACK (on_set_selected), self,
                           G_CONNECT_SWAPPED);
}

void
mado_phrase_book_set_store (MadoPhraseBook  *self,
                            MadoPhraseStore *store)
{
  g_return_if_fail (MADO_IS_PHRASE_BOOK (self));

  if (!g_set_object (&self->store, store))
    return;

  fill_sets (self);
  show_genres (self);
  show_phrases (self);
}

void
mado_phrase_book_set_resident_language (MadoPhraseBook *self,
                                        const char     *language)
{
  g_return_if_fail (MADO_IS_PHRASE_BOOK (self));

  if (g_strcmp0 (self->resident_language, language) == 0)
    return;

  g_free (self->resident_language);
  self->resident_language = g_strdup (language);
  show_phrases (self);
}

void
mado_phrase_book_set_set_id (MadoPhraseBook *self,
                             const char     *set_id)
{
  g_return_if_fail (MADO_IS_PHRASE_BOOK (self));

  if (g_strcmp0 (self->set_id, set_id) == 0)
    return;

  g_free (self->set_id);
  self->set_id = g_strdup (set_id);

  for (guint i = 0; i < self->set_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->set_ids, i), set_id) == 0 &&
        gtk_drop_down_get_selected (self->set_dropdown) != i)
      {
        self->filling_sets = TRUE;
        gtk_drop_down_set_selected (self->set_dropdown, i);
        self->filling_sets = FALSE;
      }

  show_genres (self);
  show_phrases (self);
}

const char *
mado_phrase_book_get_set_id (MadoPhraseBook *self)
{
  g_return_val_if_fail (MADO_IS_PHRASE_BOOK (self), NULL);
  return self->set_id;
}

/* Returns: (nullable): the genre shown, or %NULL while favourites are shown. */
const char *
mado_phrase_book_get_genre_id (MadoPhraseBook *self)
{
  g_return_val_if_fail (MADO_IS_PHRASE_BOOK (self), NULL);

  if (g_strcmp0 (self->genre_id, FAVOURITES_GENRE) == 0)
    return NULL;
  return self->genre_id;
}

void
mado_phrase_book_reload (MadoPhraseBook *self)
{
  g_return_if_fail (MADO_IS_PHRASE_BOOK (self));
  show_phrases (self);
}

void
mado_phrase_book_clear_search (MadoPhraseBook *self)
{
  g_return_if_fail (MADO_IS_PHRASE_BOOK (self));
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

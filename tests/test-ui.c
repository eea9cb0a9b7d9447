/* test-ui.c: the real app under Xvfb: pick a language, tap a phrase, read the bubble
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "mado-application.h"
#include "mado-conversation-page.h"
#include "mado-phrase-editor.h"
#include "mado-phrase-reader.h"
#include "mado-phrase-row.h"
#include "mado-speech-api-error.h"
#include "mado-turn-view.h"
#include "mado-turn.h"
#include "mado-test-utils.h"
#include "mado-ui-test-utils.h"
#include "mado-welcome-page.h"

#define WAIT_MS 20000

typedef struct {
  MadoApplication *app;
  GtkWidget       *window;
} Fixture;

static MadoApplication *shared_app;

static gboolean
window_ready (gpointer data)
{
  Fixture *fixture = data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (fixture->app));

  fixture->window = GTK_WIDGET (window);
  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window)) &&
         mado_application_get_store (fixture->app) != NULL;
}

static gboolean welcome_shown (gpointer data);

/* One application serves every test: a GApplication cannot be registered twice in one process. Each
 * test starts from the welcome screen, as the next resident at the counter would. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->app = shared_app;
  g_assert_true (mado_test_wait_until (window_ready, fixture, WAIT_MS));
  gtk_widget_activate_action (fixture->window, "win.change-language", NULL);
  g_assert_true (mado_test_wait_until (welcome_shown, fixture, WAIT_MS));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  gtk_widget_activate_action (fixture->window, "win.change-language", NULL);
}

/* The pages cross-fade; a tap during the fade is not delivered to the incoming page. */
static gboolean
page_settled (Fixture *fixture)
{
  GtkWidget *stack = mado_test_find_by_type (fixture->window, GTK_TYPE_STACK);

  return stack != NULL && !gtk_stack_get_transition_running (GTK_STACK (stack));
}

static gboolean
conversation_shown (gpointer data)
{
  Fixture *fixture = data;
  GtkWidget *page = mado_test_find_by_type (fixture->window, MADO_TYPE_CONVERSATION_PAGE);

  return page != NULL && gtk_widget_get_mapped (page) && page_settled (fixture) &&
         mado_test_find_widget (page, "phrase-row-", TRUE) != NULL;
}

static gboolean
welcome_shown (gpointer data)
{
  Fixture *fixture = data;
  GtkWidget *page = mado_test_find_by_type (fixture->window, MADO_TYPE_WELCOME_PAGE);

  return page != NULL && gtk_widget_get_mapped (page) && page_settled (fixture);
}

/* The view of the first turn in one person's pane ("staff-pane" or "resident-pane"), or NULL. */
static MadoTurnView *
turn_view_in (Fixture    *fixture,
              const char *pane_name)
{
  GtkWidget *pane = mado_test_find_widget (fixture->window, pane_name, FALSE);

  return pane != NULL ? (MadoTurnView *) mado_test_find_by_type (pane, MADO_TYPE_TURN_VIEW) : NULL;
}

static gboolean
bubble_shown (gpointer data)
{
  Fixture *fixture = data;

  return turn_view_in (fixture, "staff-pane") != NULL && turn_view_in (fixture, "resident-pane") != NULL;
}

/* The expected texts come from the shipped phrase file itself, not from the store or the UI. */
static MadoPhrase *
shipped_phrase (const char *id)
{
  g_autoptr(MadoPhraseReader) reader = mado_phrase_reader_new ();
  g_autofree char *dir = mado_phrase_reader_default_dir ();
  g_autoptr(GPtrArray) sets = mado_phrase_reader_read_tree (reader, dir, NULL);

  g_assert_nonnull (sets);
  for (guint i = 0; i < sets->len; i++)
    {
      GPtrArray *phrases = mado_phrase_set_get_phrases (g_ptr_array_index (sets, i));

      for (guint j = 0; j < phrases->len; j++)
        if (g_str_equal (mado_phrase_get_id (g_ptr_array_index (phrases, j)), id))
          return g_object_ref (g_ptr_array_index (phrases, j));
    }

  return NULL;
}

static const char *
label_language (GtkLabel *label)
{
  PangoAttrList *attributes = gtk_label_get_attributes (label);
  g_autoptr(PangoAttrIterator) iterator = NULL;
  PangoAttribute *attribute;

  g_assert_nonnull (attributes);
  iterator = pango_attr_list_get_iterator (attributes);
  attribute = pango_attr_iterator_get (iterator, PANGO_ATTR_LANGUAGE);
  g_assert_nonnull (attribute);

  return pango_language_to_string (((PangoAttrLanguage *) attribute)->value);
}

static void
test_pick_language_and_tap_phrase (Fixture       *fixture,
                                   gconstpointer  user_data)
{
  GtkWidget *tile = mado_test_find_widget (fixture->window, "language-tile-vi", FALSE);
  GtkWidget *row;
  g_autoptr(MadoPhrase) expected = NULL;
  GtkLabel *resident_label;
  GtkLabel *staff_label;

  g_assert_nonnull (tile);
  mado_test_click (tile);
  g_assert_true (mado_test_wait_until (conversation_shown, fixture, WAIT_MS));

  row = mado_test_find_widget (fixture->window, "phrase-row-", TRUE);
  expected = shipped_phrase (mado_phrase_get_id (mado_phrase_row_get_phrase (MADO_PHRASE_ROW (row))));
  g_assert_nonnull (expected);

  mado_test_click (row);
  g_assert_true (mado_test_wait_until (bubble_shown, fixture, WAIT_MS));

  /* Each person reads the turn in their own language, on screen and tagged with that language. */
  resident_label = GTK_LABEL (mado_test_find_widget (GTK_WIDGET (turn_view_in (fixture, "resident-pane")),
                                                     "turn-main", FALSE));
  staff_label = GTK_LABEL (mado_test_find_widget (GTK_WIDGET (turn_view_in (fixture, "staff-pane")),
                                                  "turn-main", FALSE));
  g_assert_cmpstr (gtk_label_get_text (resident_label), ==, mado_phrase_get_text (expected, "vi"));
  g_assert_cmpstr (gtk_label_get_text (staff_label), ==, mado_phrase_get_text (expected, "ja"));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (resident_label)));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (staff_label)));
  g_assert_cmpstr (label_language (resident_label), ==, "vi");
  g_assert_cmpstr (label_language (staff_label), ==, "ja");
}

static void
test_end_conversation_clears_the_screen (Fixture       *fixture,
                                         gconstpointer  user_data)
{
  GtkWidget *page;

  mado_test_click (mado_test_find_widget (fixture->window, "language-tile-zh-Hant", FALSE));
  g_assert_true (mado_test_wait_until (conversation_shown, fixture, WAIT_MS));
  mado_test_click (mado_test_find_widget (fixture->window, "phrase-row-", TRUE));
  g_assert_true (mado_test_wait_until (bubble_shown, fixture, WAIT_MS));

  page = mado_test_find_by_type (fixture->window, MADO_TYPE_CONVERSATION_PAGE);
  g_assert_cmpuint (mado_conversation_page_get_n_turns (MADO_CONVERSATION_PAGE (page)), ==, 1);
  g_assert_cmpstr (mado_conversation_page_get_resident_language (MADO_CONVERSATION_PAGE (page)), ==, "zh-Hant");

  mado_test_click (mado_test_find_widget (page, "end-button", FALSE));
  g_assert_true (mado_test_wait_until (welcome_shown, fixture, WAIT_MS));
  g_assert_cmpuint (mado_conversation_page_get_n_turns (MADO_CONVERSATION_PAGE (page)), ==, 0);
  g_assert_null (turn_view_in (fixture, "staff-pane"));
  g_assert_null (turn_view_in (fixture, "resident-pane"));
}

static GtkWidget *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      GtkWidget *window = g_list_model_get_item (toplevels, i);

      /* GTK keeps its toplevels alive; the reference from the list model is not needed. */
      g_object_unref (window);
      if (g_type_is_a (G_OBJECT_TYPE (window), type) && gtk_widget_get_mapped (window))
        return window;
    }

  return NULL;
}

static gboolean
editor_open (gpointer data)
{
  return find_toplevel (MADO_TYPE_PHRASE_EDITOR) != NULL;
}

static gboolean
editor_closed (gpointer data)
{
  return find_toplevel (MADO_TYPE_PHRASE_EDITOR) == NULL;
}

static gboolean
confirmation_open (gpointer data)
{
  return find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

/* The row showing the phrase whose Japanese text is @data, or NULL. */
static MadoPhraseRow *
row_with_staff_text (GtkWidget  *root,
                     const char *text)
{
  if (MADO_IS_PHRASE_ROW (root) &&
      g_strcmp0 (mado_phrase_get_text (mado_phrase_row_get_phrase (MADO_PHRASE_ROW (root)), "ja"), text) == 0)
    return MADO_PHRASE_ROW (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      MadoPhraseRow *found = row_with_staff_text (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

typedef struct {
  Fixture    *fixture;
  const char *text;
  gboolean    present;
} RowQuery;

static gboolean
row_presence_is (gpointer data)
{
  RowQuery *query = data;

  return (row_with_staff_text (query->fixture->window, query->text) != NULL) == query->present;
}

static GtkWidget *
button_with_label (GtkWidget  *root,
                   const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = button_with_label (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Register, edit and delete a phrase through the editor, typing on the keyboard as the clerk would. */
static void
test_register_edit_delete_phrase (Fixture       *fixture,
                                  gconstpointer  user_data)
{
  RowQuery registered = { fixture, "kioskphrase", TRUE };
  RowQuery edited = { fixture, "kioskphrasetwo", TRUE };
  RowQuery gone = { fixture, "kioskphrasetwo", FALSE };
  GtkWidget *editor;
  MadoPhraseRow *row;
  g_autoptr(MadoPhrase) stored = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;

  mado_test_click (mado_test_find_widget (fixture->window, "language-tile-pt-BR", FALSE));
  g_assert_true (mado_test_wait_until (conversation_shown, fixture, WAIT_MS));

  mado_test_click (mado_test_find_widget (fixture->window, "register-button", FALSE));
  g_assert_true (mado_test_wait_until (editor_open, NULL, WAIT_MS));
  editor = find_toplevel (MADO_TYPE_PHRASE_EDITOR);
  mado_test_click (mado_test_find_widget (editor, "staff-entry", FALSE));
  mado_test_type_text ("kioskphrase");
  mado_test_click (mado_test_find_widget (editor, "resident-entry", FALSE));
  mado_test_type_text ("frase");
  mado_test_click (mado_test_find_widget (editor, "save-button", FALSE));
  g_assert_true (mado_test_wait_until (editor_closed, NULL, WAIT_MS));

  /* The new phrase is in the list and in the store, in both languages. */
  g_assert_true (mado_test_wait_until (row_presence_is, &registered, WAIT_MS));
  row = row_with_staff_text (fixture->window, "kioskphrase");
  id = g_strdup (mado_phrase_get_id (mado_phrase_row_get_phrase (row)));
  g_assert_true (g_str_has_prefix (id, "local."));
  stored = mado_phrase_store_get_phrase (mado_application_get_store (fixture->app), id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mado_phrase_get_text (stored, "pt-BR"), ==, "frase");
  g_assert_cmpint (mado_phrase_get_origin (stored), ==, MADO_PHRASE_ORIGIN_LOCAL);
  g_clear_object (&stored);

  /* Edit it: the editor opens with its text, and typing at the end changes it. */
  mado_test_click (mado_test_find_widget (GTK_WIDGET (row), "edit-button", FALSE));
  g_assert_true (mado_test_wait_until (editor_open, NULL, WAIT_MS));
  editor = find_toplevel (MADO_TYPE_PHRASE_EDITOR);
  mado_test_click (mado_test_find_widget (editor, "staff-entry", FALSE));
  mado_test_type_text ("two");
  mado_test_click (mado_test_find_widget (editor, "save-button", FALSE));
  g_assert_true (mado_test_wait_until (editor_closed, NULL, WAIT_MS));
  g_assert_true (mado_test_wait_until (row_presence_is, &edited, WAIT_MS));
  stored = mado_phrase_store_get_phrase (mado_application_get_store (fixture->app), id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mado_phrase_get_text (stored, "ja"), ==, "kioskphrasetwo");
  g_assert_cmpstr (mado_phrase_get_text (stored, "pt-BR"), ==, "frase");
  g_clear_object (&stored);

  /* Delete it, confirming in the dialog. */
  row = row_with_staff_text (fixture->window, "kioskphrasetwo");
  mado_test_click (mado_test_find_widget (GTK_WIDGET (row), "edit-button", FALSE));
  g_assert_true (mado_test_wait_until (editor_open, NULL, WAIT_MS));
  mado_test_click (mado_test_find_widget (find_toplevel (MADO_TYPE_PHRASE_EDITOR), "delete-button", FALSE));
  g_assert_true (mado_test_wait_until (confirmation_open, NULL, WAIT_MS));
  mado_test_click (button_with_label (find_toplevel (ADW_TYPE_MESSAGE_DIALOG), "Delete"));
  g_assert_true (mado_test_wait_until (editor_closed, NULL, WAIT_MS));
  g_assert_true (mado_test_wait_until (row_presence_is, &gone, WAIT_MS));
  stored = mado_phrase_store_get_phrase (mado_application_get_store (fixture->app), id, &error);
  g_assert_null (stored);
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_NOT_FOUND);
}

static gboolean
speech_connected (gpointer data)
{
  Fixture *fixture = data;
  GtkWidget *page = mado_test_find_by_type (fixture->window, MADO_TYPE_CONVERSATION_PAGE);

  return mado_conversation_get_client (mado_conversation_page_get_conversation (MADO_CONVERSATION_PAGE (page))) != NULL;
}

static gboolean
first_turn_settled (gpointer data)
{
  Fixture *fixture = data;
  GtkWidget *page = mado_test_find_by_type (fixture->window, MADO_TYPE_CONVERSATION_PAGE);
  GListModel *turns = mado_conversation_get_turns (mado_conversation_page_get_conversation (MADO_CONVERSATION_PAGE (page)));
  g_autoptr(MadoTurn) turn = g_list_model_get_n_items (turns) > 0 ? g_list_model_get_item (turns, 0) : NULL;

  return turn != NULL && (mado_turn_get_state (turn) == MADO_TURN_DONE || mado_turn_get_state (turn) == MADO_TURN_FAILED);
}

static const char *
label_text_in (GtkWidget  *root,
               const char *name)
{
  GtkWidget *label = mado_test_find_widget (root, name, FALSE);

  g_assert_nonnull (label);
  g_assert_true (gtk_widget_get_mapped (label));
  return gtk_label_get_text (GTK_LABEL (label));
}

/* Typed on the staff side, with a typing slip, through the real local gateway started by the app:
 * the phrase memory matches the registered phrase, the resident reads its translation, and the
 * clerk reads the back-translation showing what was understood. */
static void
test_typed_sentence_translated (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autoptr(MadoPhrase) phrase = mado_phrase_new (NULL, "station", "guidance");
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *staff_pane;
  GtkWidget *resident_view;
  GtkWidget *staff_view;
  GtkWidget *page;
  g_autoptr(MadoTurn) turn = NULL;

  mado_test_click (mado_test_find_widget (fixture->window, "language-tile-vi", FALSE));
  g_assert_true (mado_test_wait_until (conversation_shown, fixture, WAIT_MS));
  g_assert_true (mado_test_wait_until (speech_connected, fixture, WAIT_MS));

  mado_phrase_set_text (phrase, "ja", "the ticket office is over there");
  mado_phrase_set_text (phrase, "vi", "quay ve o dang kia");
  id = mado_phrase_store_add_phrase (mado_application_get_store (fixture->app), phrase, &error);
  g_assert_no_error (error);

  staff_pane = mado_test_find_widget (fixture->window, "staff-pane", FALSE);
  mado_test_click (mado_test_find_widget (staff_pane, "text-entry", FALSE));
  mado_test_type_text ("the ticket ofice is over there");
  mado_test_click (mado_test_find_widget (staff_pane, "send-button", FALSE));
  g_assert_true (mado_test_wait_until (first_turn_settled, fixture, WAIT_MS));

  page = mado_test_find_by_type (fixture->window, MADO_TYPE_CONVERSATION_PAGE);
  turn = g_list_model_get_item (mado_conversation_get_turns (mado_conversation_page_get_conversation (MADO_CONVERSATION_PAGE (page))), 0);
  g_assert_cmpint (mado_turn_get_state (turn), ==, MADO_TURN_DONE);
  g_assert_cmpstr (mado_turn_get_phrase_id (turn), ==, id);

  resident_view = GTK_WIDGET (turn_view_in (fixture, "resident-pane"));
  staff_view = GTK_WIDGET (turn_view_in (fixture, "staff-pane"));
  g_assert_cmpstr (label_text_in (resident_view, "turn-main"), ==, "quay ve o dang kia");
  g_assert_cmpstr (label_text_in (staff_view, "turn-main"), ==, "the ticket ofice is over there");
  g_assert_cmpstr (label_text_in (staff_view, "turn-check"), ==, "the ticket office is over there");
}

/* The byte ranges of @label's text that carry a background colour: the marked quantities. */
static char *
marked_text (GtkWidget *label)
{
  PangoAttrList *attributes = gtk_label_get_attributes (GTK_LABEL (label));
  const char *text = gtk_label_get_text (GTK_LABEL (label));
  g_autoptr(GString) marked = g_string_new (NULL);
  GSList *found;

  if (attributes == NULL)
    return g_strdup ("");

  found = pango_attr_list_get_attributes (attributes);
  for (GSList *l = found; l != NULL; l = l->next)
    {
      PangoAttribute *attribute = l->data;

      if (attribute->klass->type == PANGO_ATTR_BACKGROUND)
        g_string_append_len (marked, text + attribute->start_index, attribute->end_index - attribute->start_index);
    }
  g_slist_free_full (found, (GDestroyNotify) pango_attribute_destroy);

  return g_string_free (g_steal_pointer (&marked), FALSE);
}

/* A near match with another number is refused: the resident must never read "300 yen", marked as
 * checked, when the clerk said 3000. */
static void
test_near_match_with_other_number_is_refused (Fixture       *fixture,
                                              gconstpointer  user_data)
{
  g_autoptr(MadoPhrase) phrase = mado_phrase_new (NULL, "city-hall", "fees");
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoTurn) turn = NULL;
  GtkWidget *staff_pane;
  GtkWidget *page;
  GtkWidget *resident_view;

  mado_test_click (mado_test_find_widget (fixture->window, "language-tile-vi", FALSE));
  g_assert_true (mado_test_wait_until (conversation_shown, fixture, WAIT_MS));
  g_assert_true (mado_test_wait_until (speech_connected, fixture, WAIT_MS));

  mado_phrase_set_text (phrase, "ja", "the copy fee is 300 yen per sheet");
  mado_phrase_set_text (phrase, "vi", "le phi la 300 yen moi to");
  id = mado_phrase_store_add_phrase (mado_application_get_store (fixture->app), phrase, &error);
  g_assert_no_error (error);

  staff_pane = mado_test_find_widget (fixture->window, "staff-pane", FALSE);
  mado_test_click (mado_test_find_widget (staff_pane, "text-entry", FALSE));
  mado_test_type_text ("the copy fee is 3000 yen per sheet");
  mado_test_click (mado_test_find_widget (staff_pane, "send-button", FALSE));
  g_assert_true (mado_test_wait_until (first_turn_settled, fixture, WAIT_MS));

  page = mado_test_find_by_type (fixture->window, MADO_TYPE_CONVERSATION_PAGE);
  turn = g_list_model_get_item (mado_conversation_get_turns (mado_conversation_page_get_conversation (MADO_CONVERSATION_PAGE (page))), 0);
  g_assert_cmpint (mado_turn_get_state (turn), ==, MADO_TURN_FAILED);
  g_assert_true (g_error_matches (mado_turn_get_error (turn), MADO_SPEECH_API_ERROR, MADO_SPEECH_API_ERROR_NO_TRANSLATION));
  resident_view = GTK_WIDGET (turn_view_in (fixture, "resident-pane"));
  g_assert_false (gtk_widget_get_visible (mado_test_find_widget (resident_view, "turn-main", FALSE)));
  g_assert_true (gtk_widget_get_visible (mado_test_find_widget (resident_view, "turn-error", FALSE)));
}

/* A translation whose back-translation lost a number (as machine translation can do): the speaker's
 * view marks the changed numbers on both lines and says to check them. */
static void
test_changed_number_is_marked (void)
{
  g_autoptr(MadoTurn) turn = mado_turn_new (MADO_SPEAKER_STAFF, "ja", "vi");
  GtkWidget *window = gtk_window_new ();
  MadoTurnView *view;
  g_autofree char *marked_source = NULL;
  g_autofree char *marked_back = NULL;

  mado_turn_set_source_text (turn, "手数料は300円です。");
  mado_turn_complete (turn, "Lệ phí là 3.000 yên.", "手数料は3,000円です。", "machine", FALSE, NULL);
  view = mado_turn_view_new (turn, MADO_SPEAKER_STAFF, "ja");
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (window));

  g_assert_true (gtk_widget_has_css_class (mado_test_find_widget (GTK_WIDGET (view), "turn-check-title", FALSE),
                                           "quantity-warning"));
  marked_source = marked_text (mado_test_find_widget (GTK_WIDGET (view), "turn-main", FALSE));
  marked_back = marked_text (mado_test_find_widget (GTK_WIDGET (view), "turn-check", FALSE));
  g_assert_cmpstr (marked_source, ==, "300円");
  g_assert_cmpstr (marked_back, ==, "3,000円");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The clerk acts on what the message names: which service, and whether typing still works. */
static void
test_error_messages_name_the_service (void)
{
  g_autoptr(GError) key = g_error_new_literal (MADO_SPEECH_API_ERROR, MADO_SPEECH_API_ERROR_PROVIDER_AUTH_FAILED, "");
  g_autoptr(GError) down = g_error_new_literal (MADO_SPEECH_API_ERROR, MADO_SPEECH_API_ERROR_PROVIDER_UNAVAILABLE, "");
  g_autoptr(GError) garbled = g_error_new_literal (MADO_SPEECH_API_ERROR, MADO_SPEECH_API_ERROR_PROVIDER_BAD_RESPONSE, "");
  g_autoptr(GError) silence = g_error_new_literal (MADO_SPEECH_API_ERROR, MADO_SPEECH_API_ERROR_NO_SPEECH, "");

  g_assert_cmpstr (mado_turn_view_error_msgid (key, FALSE), ==,
                   "The translation service rejected its key. Please tell the IT staff.");
  g_assert_cmpstr (mado_turn_view_error_msgid (key, TRUE), ==,
                   "The speech recognition service rejected its key. Please type instead and tell the IT staff.");
  g_assert_cmpstr (mado_turn_view_error_msgid (down, TRUE), ==,
                   "The speech recognition service is not answering. Please try again or type instead.");
  g_assert_cmpstr (mado_turn_view_error_msgid (down, FALSE), ==,
                   "The translation service is not answering. Please try again.");
  g_assert_cmpstr (mado_turn_view_error_msgid (garbled, FALSE), !=, mado_turn_view_error_msgid (down, FALSE));
  g_assert_cmpstr (mado_turn_view_error_msgid (garbled, TRUE), !=, mado_turn_view_error_msgid (garbled, FALSE));
  /* Not hearing anything is not a service's fault, whichever stage. */
  g_assert_cmpstr (mado_turn_view_error_msgid (silence, TRUE), ==, "No speech was heard. Please speak again.");
}

int
main (int argc, char **argv)
{
  g_autofree char *folder = NULL;
  g_autofree char *database = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);

  folder = g_dir_make_tmp ("madoguchi-ui-XXXXXX", &error);
  g_assert_no_error (error);
  database = g_build_filename (folder, "phrases.db", NULL);
  g_setenv ("MADOGUCHI_DB", database, TRUE);

  shared_app = mado_application_new ();
  g_application_set_flags (G_APPLICATION (shared_app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (shared_app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (shared_app));

  g_test_add ("/madoguchi/ui/tap-phrase", Fixture, NULL, fixture_set_up, test_pick_language_and_tap_phrase,
              fixture_tear_down);
  g_test_add ("/madoguchi/ui/register-edit-delete", Fixture, NULL, fixture_set_up,
              test_register_edit_delete_phrase, fixture_tear_down);
  g_test_add ("/madoguchi/ui/typed-sentence", Fixture, NULL, fixture_set_up, test_typed_sentence_translated,
              fixture_tear_down);
  g_test_add ("/madoguchi/ui/near-match-other-number", Fixture, NULL, fixture_set_up,
              test_near_match_with_other_number_is_refused, fixture_tear_down);
  g_test_add_func ("/madoguchi/ui/changed-number-marked", test_changed_number_is_marked);
  g_test_add_func ("/madoguchi/ui/error-messages", test_error_messages_name_the_service);
  g_test_add ("/madoguchi/ui/end-conversation", Fixture, NULL, fixture_set_up,
              test_end_conversation_clears_the_screen, fixture_tear_down);

  status = g_test_run ();

  g_application_quit (G_APPLICATION (shared_app));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  mado_test_remove_folder (folder);
  return status;
}

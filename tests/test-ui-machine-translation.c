/* test-ui-machine-translation.c: the real app on a city gateway that machine-translates
 *
 * The app is pointed, as a counter's tablet would be, at a madoguchi-gateway on loopback whose
 * route tries phrase memory first and then a LibreTranslate server (the wire-format fake of the
 * gateway tests, on a thread of this process). The resident types a sentence no phrase matches;
 * both people must see that it is a machine translation, and the resident must see it put back
 * into English through the reverse route, so that they can check it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "mado-application.h"
#include "mado-conversation-page.h"
#include "mado-fake-provider.h"
#include "mado-gateway-test-utils.h"
#include "mado-turn-view.h"
#include "mado-test-utils.h"
#include "mado-ui-test-utils.h"

#define WAIT_MS 30000
#define TOKEN   "madoguchi-ui-machine-token"
#define TYPED   "can i park my bicycle behind the library"

static MadoApplication *app;
static GtkWidget *window;

static gboolean
app_ready (gpointer data)
{
  window = GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (app)));
  return window != NULL && gtk_widget_get_mapped (window) && mado_application_get_store (app) != NULL;
}

static MadoConversation *
conversation (void)
{
  GtkWidget *page = mado_test_find_by_type (window, MADO_TYPE_CONVERSATION_PAGE);

  return page != NULL ? mado_conversation_page_get_conversation (MADO_CONVERSATION_PAGE (page)) : NULL;
}

static gboolean
connected (gpointer data)
{
  return conversation () != NULL && mado_conversation_get_client (conversation ()) != NULL;
}

static gboolean
settled (gpointer data)
{
  GListModel *turns = conversation () != NULL ? mado_conversation_get_turns (conversation ()) : NULL;
  g_autoptr(MadoTurn) turn = turns != NULL && g_list_model_get_n_items (turns) > 0 ? g_list_model_get_item (turns, 0) : NULL;

  return turn != NULL && (mado_turn_get_state (turn) == MADO_TURN_DONE || mado_turn_get_state (turn) == MADO_TURN_FAILED);
}

static const char *
label_in (const char *pane_name,
          const char *label_name)
{
  GtkWidget *pane = mado_test_find_widget (window, pane_name, FALSE);
  GtkWidget *view = mado_test_find_by_type (pane, MADO_TYPE_TURN_VIEW);
  GtkWidget *label = mado_test_find_widget (view, label_name, FALSE);

  g_assert_nonnull (label);
  g_assert_true (gtk_widget_get_visible (label));
  return gtk_label_get_text (GTK_LABEL (label));
}

static void
test_typed_sentence_machine_translated (void)
{
  g_autoptr(MadoTurn) turn = NULL;
  GtkWidget *resident_pane;

  mado_test_click (mado_test_find_widget (window, "language-tile-en", FALSE));
  g_assert_true (mado_test_wait_until (connected, NULL, WAIT_MS));

  resident_pane = mado_test_find_widget (window, "resident-pane", FALSE);
  mado_test_click (mado_test_find_widget (resident_pane, "text-entry", FALSE));
  mado_test_type_text (TYPED);
  mado_test_click (mado_test_find_widget (resident_pane, "send-button", FALSE));
  g_assert_true (mado_test_wait_until (settled, NULL, WAIT_MS));

  turn = g_list_model_get_item (mado_conversation_get_turns (conversation ()), 0);
  if (mado_turn_get_error (turn) != NULL)
    g_error ("The typed turn failed: %s", mado_turn_get_error (turn)->message);
  g_assert_false (mado_turn_get_verified (turn));

  /* The fake "translates" by prefixing the target's code; the back-translation went ja → en. */
  g_assert_cmpstr (label_in ("staff-pane", "turn-main"), ==, "ja:" TYPED);
  g_assert_cmpstr (label_in ("staff-pane", "turn-origin"), ==, "機械翻訳");
  g_assert_cmpstr (label_in ("resident-pane", "turn-origin"), ==, "Machine translation");
  g_assert_cmpstr (label_in ("resident-pane", "turn-check"), ==, "en:ja:" TYPED);
}

int
main (int argc, char **argv)
{
  g_autoptr(FakeProvider) fake = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *database = NULL;
  g_autofree char *token_file = NULL;
  g_autofree char *config_text = NULL;
  g_autofree char *config = NULL;
  GatewayProcess gateway = { 0 };
  int status;

  gtk_test_init (&argc, &argv, NULL);

  folder = g_dir_make_tmp ("madoguchi-ui-machine-XXXXXX", &error);
  g_assert_no_error (error);
  database = g_build_filename (folder, "phrases.db", NULL);
  g_setenv ("MADOGUCHI_DB", database, TRUE);

  /* The city's gateway, with the shipped phrases in memory and LibreTranslate behind them. */
  fake = fake_provider_start (FAKE_SERVICE_LIBRETRANSLATE);
  token_file = gateway_test_write_file (folder, "gateway.token", TOKEN "\n");
  config_text = g_strdup_printf ("[gateway]\nlisten = 127.0.0.1:0\ntoken-file = %s\n"
                                 "[provider libre]\ntype = libretranslate\nurl = %s\n"
                                 "[route]\ntranslate = phrase-memory, libre\nrecognize =\n",
                                 token_file, fake_provider_get_url (fake));
  config = gateway_test_write_file (folder, "gateway.conf", config_text);
  gateway_process_start (&gateway, "--config", config, NULL);

  settings = g_settings_new ("jp.madoguchi.Kiosk");
  g_settings_set_string (settings, "gateway-endpoint", gateway.url);
  g_settings_set_string (settings, "gateway-token-file", token_file);

  app = mado_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  g_assert_true (mado_test_wait_until (app_ready, NULL, WAIT_MS));

  g_test_add_func ("/madoguchi/ui/machine-translation", test_typed_sentence_machine_translated);
  status = g_test_run ();

  g_application_quit (G_APPLICATION (app));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&app);
  g_assert_cmpint (gateway_process_stop (&gateway), ==, 0);
  mado_test_remove_folder (folder);
  return status;
}

/* test-ui-speech.c: a resident speaks into the real app: PortAudio → gateway → review → translation
 *
 * The microphone is ALSA's file plugin reading speech that espeak-ng made at the start of the test
 * (raw PCM in a temporary folder, removed at the end): real PortAudio, the real recorder and
 * end-of-speech detector, the real local gateway with its recogniser, and real clicks under Xvfb.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "mado-application.h"
#include "mado-conversation-page.h"
#include "mado-local-synthesizer.h"
#include "mado-turn-view.h"
#include "mado-test-utils.h"
#include "mado-ui-test-utils.h"

#define WAIT_MS 30000
#define SPOKEN_PHRASE_ID "station.exits-facilities.005"

static MadoApplication *app;
static GtkWidget *window;
static char *folder;

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

  return mado_conversation_page_get_conversation (MADO_CONVERSATION_PAGE (page));
}

static gboolean
microphone_usable (gpointer data)
{
  GtkWidget *pane = mado_test_find_widget (window, "resident-pane", FALSE);
  GtkWidget *mic = pane != NULL ? mado_test_find_widget (pane, "mic-button", FALSE) : NULL;

  return mic != NULL && gtk_widget_get_mapped (mic) && gtk_widget_get_sensitive (mic) &&
         mado_conversation_get_client (conversation ()) != NULL;
}

static MadoTurnState
first_turn_state (void)
{
  GListModel *turns = conversation () != NULL ? mado_conversation_get_turns (conversation ()) : NULL;
  g_autoptr(MadoTurn) turn = turns != NULL && g_list_model_get_n_items (turns) > 0 ? g_list_model_get_item (turns, 0) : NULL;

  return turn != NULL ? mado_turn_get_state (turn) : (MadoTurnState) -1;
}

static gboolean
in_review_or_failed (gpointer data)
{
  return first_turn_state () == MADO_TURN_REVIEW || first_turn_state () == MADO_TURN_FAILED;
}

static gboolean
settled (gpointer data)
{
  return first_turn_state () == MADO_TURN_DONE || first_turn_state () == MADO_TURN_FAILED;
}

static gboolean
conversation_shown (gpointer data)
{
  GtkWidget *stack = mado_test_find_by_type (window, GTK_TYPE_STACK);
  GtkWidget *page = mado_test_find_by_type (window, MADO_TYPE_CONVERSATION_PAGE);

  return page != NULL && gtk_widget_get_mapped (page) && !gtk_stack_get_transition_running (GTK_STACK (stack));
}

static void
test_resident_speaks_registered_phrase (void)
{
  GtkWidget *resident_pane;
  GtkWidget *staff_pane;
  g_autoptr(MadoTurn) turn = NULL;

  mado_test_click (mado_test_find_widget (window, "language-tile-en", FALSE));
  g_assert_true (mado_test_wait_until (conversation_shown, NULL, WAIT_MS));
  if (!mado_test_wait_until (microphone_usable, NULL, WAIT_MS))
    {
      GtkWidget *pane = mado_test_find_widget (window, "resident-pane", FALSE);
      GtkWidget *mic = mado_test_find_widget (pane, "mic-button", FALSE);

      g_error ("The resident's microphone never became usable: client %p, mapped %d, sensitive %d",
               mado_conversation_get_client (conversation ()), gtk_widget_get_mapped (mic),
               gtk_widget_get_sensitive (mic));
    }

  resident_pane = mado_test_find_widget (window, "resident-pane", FALSE);
  staff_pane = mado_test_find_widget (window, "staff-pane", FALSE);
  mado_test_click (mado_test_find_widget (resident_pane, "mic-button", FALSE));

  /* The recorder ends by itself on the trailing silence; recognition then waits for review. */
  g_assert_true (mado_test_wait_until (in_review_or_failed, NULL, WAIT_MS));
  turn = g_list_model_get_item (mado_conversation_get_turns (conversation ()), 0);
  if (mado_turn_get_error (turn) != NULL)
    g_error ("The spoken turn failed: %s", mado_turn_get_error (turn)->message);
  g_assert_cmpint (mado_turn_get_speaker (turn), ==, MADO_SPEAKER_RESIDENT);
  g_assert_cmpstr (mado_turn_get_source_text (turn), ==, "the toilets are inside the ticket gates");

  /* The resident sends the recognised text as it is. */
  mado_test_click (mado_test_find_widget (resident_pane, "review-send", FALSE));
  g_assert_true (mado_test_wait_until (settled, NULL, WAIT_MS));
  g_assert_cmpint (mado_turn_get_state (turn), ==, MADO_TURN_DONE);
  g_assert_true (mado_turn_get_verified (turn));
  g_assert_cmpstr (mado_turn_get_phrase_id (turn), ==, SPOKEN_PHRASE_ID);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (mado_test_find_widget (staff_pane, "turn-origin", FALSE))), ==,
                   "確認済みのフレーズ");

  /* The clerk reads it in Japanese, from the registered phrase. */
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (mado_test_find_widget (staff_pane, "turn-main", FALSE))), ==,
                   mado_turn_get_translation (turn));
  g_assert_true (g_utf8_strlen (mado_turn_get_translation (turn), -1) > 5);
}

/* Makes the "microphone": the phrase spoken by espeak-ng at 16 kHz, after a second of silence and
 * followed by ten (ALSA's file plugin repeats stale data after the end of its file). */
static void
prepare_microphone (void)
{
  g_autoptr(MadoLocalSynthesizer) synthesizer = mado_local_synthesizer_new (16000);
  g_autoptr(MadoAudioBuffer) speech = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GByteArray) raw = g_byte_array_new ();
  g_autofree char *raw_path = g_build_filename (folder, "microphone.raw", NULL);
  g_autofree char *conf_path = g_build_filename (folder, "asound.conf", NULL);
  g_autofree char *conf = NULL;
  g_autofree char *config_path = NULL;
  gint16 silence[16000] = { 0 };
  const gint16 *samples;
  gsize n_samples;

  /* PortAudio reads the ALSA configuration when it first starts, long after this; the variable is
   * set before the synthesizer below starts any thread, since setenv() is unsafe once threads run. */
  config_path = g_strconcat ("/usr/share/alsa/alsa.conf:", conf_path, NULL);
  g_setenv ("ALSA_CONFIG_PATH", config_path, TRUE);

  speech = mado_synthesizer_synthesize (MADO_SYNTHESIZER (synthesizer), "The toilets are inside the ticket gates.",
                                        "en", NULL, &error);
  g_assert_no_error (error);
  samples = mado_audio_buffer_get_samples (speech, &n_samples);

  g_byte_array_append (raw, (const guint8 *) silence, sizeof silence);
  g_byte_array_append (raw, (const guint8 *) samples, n_samples * sizeof (gint16));
  for (guint i = 0; i < 10; i++)
    g_byte_array_append (raw, (const guint8 *) silence, sizeof silence);
  g_assert_true (g_file_set_contents (raw_path, (const char *) raw->data, raw->len, &error));

  conf = g_strdup_printf ("pcm.madoguchi_microphone {\n"
                          "  type file\n  slave.pcm \"null\"\n  file \"/dev/null\"\n"
                          "  infile \"%s\"\n  format \"raw\"\n}\n"
                          "pcm.!default {\n  type asym\n  playback.pcm \"null\"\n"
                          "  capture.pcm { type plug slave { pcm \"madoguchi_microphone\" format S16_LE rate 16000 channels 1 } }\n"
                          "}\n", raw_path);
  g_assert_true (g_file_set_contents (conf_path, conf, -1, &error));
}

int
main (int argc, char **argv)
{
  g_autofree char *database = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);

  folder = g_dir_make_tmp ("madoguchi-ui-speech-XXXXXX", &error);
  g_assert_no_error (error);
  database = g_build_filename (folder, "phrases.db", NULL);
  g_setenv ("MADOGUCHI_DB", database, TRUE);
  prepare_microphone ();

  app = mado_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  g_assert_true (mado_test_wait_until (app_ready, NULL, WAIT_MS));

  g_test_add_func ("/madoguchi/ui/resident-speaks", test_resident_speaks_registered_phrase);
  status = g_test_run ();

  g_application_quit (G_APPLICATION (app));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&app);
  mado_test_remove_folder (folder);
  g_free (folder);
  return status;
}

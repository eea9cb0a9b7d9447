/* bench-speech-client.c: the app's own time per spoken turn, end of audio to parsed translation
 *
 * A turn is what the conversation screen does after the person stops speaking: the last audio
 * is pushed, the recognition ends, its transcript is sent for translation, and the translation
 * is parsed. The gateway's own time (Server-Timing, gateway_ms) is taken off, so what is left is
 * the client's overhead: HTTP, JSON, the main loop. The first server answers at once from a
 * thread of its own, so its work does not run on the client's main context. Then, when
 * $MADO_REAL_GATEWAY names the gateway program, the same turns run against the real gateway
 * started as the app starts it, on the shipped phrases, with English speech made by espeak-ng.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-gateway-process.h"
#include "mado-local-synthesizer.h"
#include "mado-phrase-reader.h"
#include "mado-phrase-store.h"
#include "mado-speech-client.h"
#include "mado-test-utils.h"
#include "mado-test-utils.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <stdio.h>
#include <string.h>

#define WARM_UP 20
#define TURNS   400
#define TOKEN   "bench-token"
/* A registered English phrase of data/phrases/station, so the constrained recogniser knows it. */
#define SPOKEN  "The toilets are inside the ticket gates."

/* The instant server */

typedef struct {
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  char         *url;
  GMutex        lock;
  GCond         ready;
} InstantServer;

static void
set_timing (SoupServerMessage *message,
            gint64             started_us)
{
  g_autofree char *timing = g_strdup_printf ("gateway;dur=%.3f", (g_get_monotonic_time () - started_us) / 1000.0);

  soup_message_headers_replace (soup_server_message_get_response_headers (message), "Server-Timing", timing);
}

static void
on_request (SoupServer        *server,
            SoupServerMessage *message,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  gint64 started_us = g_get_monotonic_time ();
  const char *body;

  if (g_str_equal (path, "/v1/recognize"))
    body = "{\"text\": \"where is the toilet\", \"language\": \"en\", \"provider\": \"instant\","
           " \"confidence\": 1.0, \"audio_ms\": 1000, \"gateway_ms\": 0.0, \"provider_ms\": 0.0}";
  else
    body = "{\"translation\": \"お手洗いはどこですか\", \"back_translation\": \"where is the toilet\","
           " \"source\": \"en\", \"target\": \"ja\", \"provider\": \"instant\", \"verified\": true,"
           " \"phrase_id\": \"station.toilet.001\", \"score\": 1.0, \"gateway_ms\": 0.0, \"provider_ms\": 0.0}";

  soup_server_message_set_status (message, 200, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC, body, strlen (body));
  set_timing (message, started_us);
}

static gpointer
serve (gpointer user_data)
{
  InstantServer *self = user_data;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (self->context);
  self->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (self->server, NULL, on_request, self, NULL);
  soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (self->server);

  g_mutex_lock (&self->lock);
  self->url = g_uri_to_string (uris->data);
  g_cond_signal (&self->ready);
  g_mutex_unlock (&self->lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_main_loop_run (self->loop);

  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_main_context_pop_thread_default (self->context);

  return NULL;
}

/* The turns */

/* One turn; returns its overhead in milliseconds, or a negative number with @error set. */
static double
run_turn (MadoSpeechClient  *client,
          const gint16      *audio,
          gsize              n_samples,
          GError           **error)
{
  g_autoptr(MadoRecognition) recognition = mado_speech_client_begin_recognition (client, "en");
  g_autoptr(GAsyncResult) recognized = NULL;
  g_autoptr(GAsyncResult) translated = NULL;
  g_autoptr(MadoTranscript) transcript = NULL;
  g_autoptr(MadoTranslation) translation = NULL;
  const gsize block = 1600;  /* 100 ms, as the capture side delivers it */
  gint64 end_of_audio;
  gint64 parsed;

  /* The person speaks: the blocks stream while the main loop runs, untimed. */
  for (gsize offset = 0; offset + block < n_samples; offset += block)
    {
      g_assert_true (mado_recognition_push_audio (recognition, audio + offset, block));
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }

  end_of_audio = g_get_monotonic_time ();
  g_assert_true (mado_recognition_push_audio (recognition, audio + n_samples - block, block));
  mado_recognition_end_async (recognition, NULL, mado_test_store_result, &recognized);
  transcript = mado_recognition_end_finish (recognition, mado_test_wait_for (&recognized), error);
  if (transcript == NULL)
    return -1;

  mado_speech_client_translate_async (client, transcript->text, "en", "ja", TRUE, NULL, mado_test_store_result,
                                      &translated);
  translation = mado_speech_client_translate_finish (client, mado_test_wait_for (&translated), error);
  if (translation == NULL)
    return -1;
  parsed = g_get_monotonic_time ();

  return (parsed - end_of_audio) / 1000.0 - transcript->gateway_ms - translation->gateway_ms;
}

static void
measure (const char      *label,
         const char      *url,
         const char      *token,
         MadoAudioBuffer *audio,
         guint            turns)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoSpeechClient) client = mado_speech_client_new (url, token, &error);
  g_autoptr(GArray) overheads = g_array_new (FALSE, FALSE, sizeof (double));
  gsize n_samples;
  const gint16 *samples = mado_audio_buffer_get_samples (audio, &n_samples);

  g_assert_no_error (error);
  for (guint turn = 0; turn < WARM_UP + turns; turn++)
    {
      double overhead = run_turn (client, samples, n_samples, &error);

      /* A benchmark reports and goes on; the tests are where failures count. */
      if (overhead < 0)
        {
          printf ("# turn-overhead%s not measured: %s\n", label, error->message);
          return;
        }
      if (turn >= WARM_UP)
        g_array_append_val (overheads, overhead);
    }

  g_array_sort (overheads, mado_test_compare_doubles);
  printf ("bench: turn-overhead%s-p50 %.2f ms\n", label, g_array_index (overheads, double, turns / 2));
  printf ("bench: turn-overhead%s-p95 %.2f ms\n", label, g_array_index (overheads, double, turns * 95 / 100));
  fflush (stdout);
}

/* The real gateway on a database seeded with the shipped phrases, as the app runs it. */
static void
measure_real_gateway (const char *program)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("madoguchi-bench-turn-XXXXXX", &error);
  g_autofree char *database = g_build_filename (folder, "phrases.sqlite", NULL);
  g_autoptr(MadoGatewayProcess) gateway = NULL;
  g_autoptr(MadoLocalSynthesizer) synthesizer = mado_local_synthesizer_new (16000);
  g_autoptr(MadoAudioBuffer) speech = NULL;
  g_autoptr(GAsyncResult) started = NULL;

  g_assert_no_error (error);
  {
    g_autoptr(MadoPhraseStore) store = mado_phrase_store_open (database, &error);
    g_autoptr(MadoPhraseReader) reader = mado_phrase_reader_new ();
    g_autoptr(GPtrArray) sets = NULL;

    g_assert_no_error (error);
    sets = mado_phrase_reader_read_tree (reader, g_getenv ("MADOGUCHI_PHRASE_DIR"), &error);
    g_assert_no_error (error);
    for (guint i = 0; i < sets->len; i++)
      {
        mado_phrase_store_seed (store, g_ptr_array_index (sets, i), NULL, &error);
        g_assert_no_error (error);
      }
  }

  speech = mado_synthesizer_synthesize (MADO_SYNTHESIZER (synthesizer), SPOKEN, "en", NULL, &error);
  g_assert_no_error (error);

  gateway = g_object_new (MADO_TYPE_GATEWAY_PROCESS, "program", program, "database", database, NULL);
  mado_gateway_process_start_async (gateway, NULL, mado_test_store_result, &started);
  if (mado_gateway_process_start_finish (gateway, mado_test_wait_for (&started), &error))
    measure ("-gateway", mado_gateway_process_get_base_url (gateway), mado_gateway_process_get_token (gateway),
             speech, TURNS / 4);
  else
    printf ("# turn-overhead-gateway not measured: %s\n", error->message);
  g_clear_object (&gateway);

  {
    g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (folder, name, NULL);

        g_unlink (path);
      }
  }
  g_rmdir (folder);
}

int
main (int   argc,
      char *argv[])
{
  InstantServer server = { 0 };
  GThread *thread;
  const char *gateway = g_getenv ("MADO_REAL_GATEWAY");
  g_autoptr(MadoAudioBuffer) audio = mado_audio_buffer_new (16000);

  g_mutex_init (&server.lock);
  g_cond_init (&server.ready);
  server.context = g_main_context_new ();
  server.loop = g_main_loop_new (server.context, FALSE);
  thread = g_thread_new ("instant-server", serve, &server);

  g_mutex_lock (&server.lock);
  while (server.url == NULL)
    g_cond_wait (&server.ready, &server.lock);
  g_mutex_unlock (&server.lock);

  /* The instant server does not listen to the audio: any second of it will do. */
  for (guint i = 0; i < 16000; i++)
    {
      gint16 sample = (gint16) (i * 37);

      mado_audio_buffer_append (audio, &sample, 1);
    }
  measure ("", server.url, TOKEN, audio, TURNS);
  if (gateway != NULL)
    measure_real_gateway (gateway);

  g_main_loop_quit (server.loop);
  g_thread_join (thread);
  g_main_loop_unref (server.loop);
  g_main_context_unref (server.context);
  g_free (server.url);
  g_mutex_clear (&server.lock);
  g_cond_clear (&server.ready);

  return 0;
}

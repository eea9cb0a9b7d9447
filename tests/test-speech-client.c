/* test-speech-client.c: the Speech API client against loopback servers that answer and fail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-gateway-synthesizer.h"
#include "mado-speech-client.h"

#include <libsoup/soup.h>
#include <string.h>

#include "mado-fault-server.h"

#define TOKEN "tok-9c41e2d07b5a4f63"

/* Every log line passes here: none may carry the token, and retries are counted. */
static guint retries_logged;
static gboolean token_logged;

static GLogWriterOutput
log_writer (GLogLevelFlags   level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    {
      const char *value;

      if (g_strcmp0 (fields[i].key, "MESSAGE") != 0)
        continue;
      value = fields[i].value;
      if (strstr (value, TOKEN) != NULL)
        token_logged = TRUE;
      if (strstr (value, "retrying after a connection failure") != NULL)
        retries_logged++;
    }

  return g_log_writer_default (level, fields, n_fields, user_data);
}

static void
assert_api_error (const GError       *error,
                  MadoSpeechApiError  code)
{
  g_assert_error (error, MADO_SPEECH_API_ERROR, (gint) code);
  g_test_message ("%s: %s", mado_speech_api_error_to_code (code), error->message);
  g_assert_null (strstr (error->message, TOKEN));
  g_assert_false (token_logged);
}

/* The scripted API server */

typedef struct {
  SoupServer       *server;
  char             *url;
  MadoSpeechClient *client;

  /* When reply_status is set, every authorised request gets this answer instead. */
  guint             reply_status;
  const char       *reply_type;
  const char       *reply_body;
  const char       *reply_retry_after;

  guint             requests;
  char             *last_path;
  char             *last_query;
  char             *last_authorization;
  char             *last_request_id;
  JsonNode         *last_json;

  GByteArray       *recognized;       /* the recognition body as it arrives */
  guint             recognized_chunks;
  char             *recognize_encoding;
  char             *recognize_type;
} Fixture;

static const char capabilities_json[] =
  "{\"api_version\": 1,"
  " \"limits\": {\"max_text_chars\": 1500, \"max_audio_seconds\": 20, \"max_json_bytes\": 32768},"
  " \"recognize\": [{\"language\": \"en\", \"providers\": [\"pocketsphinx\"], \"constrained\": true},"
  "                 {\"language\": \"ja\", \"providers\": [\"julius\"], \"constrained\": false}],"
  " \"translate\": [{\"source\": \"ja\", \"target\": \"vi\", \"providers\": [\"phrase-memory\"]},"
  "                 {\"source\": \"ja\", \"target\": \"pt-BR\", \"providers\": [\"phrase-memory\"]},"
  "                 {\"source\": \"vi\", \"target\": \"ja\", \"providers\": [\"phrase-memory\"]}],"
  " \"synthesize\": [{\"language\": \"vi\", \"providers\": [\"espeak-ng\"]}]}";

/* 22,050 Hz mono 16-bit PCM holding the samples 0, 100, 200, … 9,900, written out by hand so
 * the test does not trust the code it checks. */
static GBytes *
hand_made_wav (void)
{
  const guint32 rate = 22050;
  const guint32 data_size = 100 * 2;
  GByteArray *wav = g_byte_array_new ();
  guint8 header[44];

  memcpy (header, "RIFF", 4);
  *(guint32 *) (header + 4) = GUINT32_TO_LE (36 + data_size);
  memcpy (header + 8, "WAVEfmt ", 8);
  *(guint32 *) (header + 16) = GUINT32_TO_LE (16);
  *(guint16 *) (header + 20) = GUINT16_TO_LE (1);
  *(guint16 *) (header + 22) = GUINT16_TO_LE (1);
  *(guint32 *) (header + 24) = GUINT32_TO_LE (rate);
  *(guint32 *) (header + 28) = GUINT32_TO_LE (rate * 2);
  *(guint16 *) (header + 32) = GUINT16_TO_LE (2);
  *(guint16 *) (header + 34) = GUINT16_TO_LE (16);
  memcpy (header + 36, "data", 4);
  *(guint32 *) (header + 40) = GUINT32_TO_LE (data_size);
  g_byte_array_append (wav, header, sizeof header);
  for (gint16 i = 0; i < 100; i++)
    {
      gint16 sample = GINT16_TO_LE (i * 100);

      g_byte_array_append (wav, (const guint8 *) &sample, 2);
    }

  return g_byte_array_free_to_bytes (wav);
}

static void
reply (SoupServerMessage *message,
       guint              status,
       const char        *type,
       const char        *body)
{
  soup_server_message_set_status (message, status, NULL);
  soup_server_message_set_response (message, type, SOUP_MEMORY_COPY, body, strlen (body));
}

static void
reply_error (SoupServerMessage *message,
             guint              status,
             const char        *code,
             const char        *text)
{
  g_autofree char *body = g_strdup_printf ("{\"error\": {\"code\": \"%s\", \"message\": \"%s\"}}", code, text);

  reply (message, status, "application/json", body);
}

static void
on_request (SoupServer        *server,
            SoupServerMessage *message,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  Fixture *fixture = user_data;
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (message);
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (message);
  SoupMessageBody *body = soup_server_message_get_request_body (message);
  g_autoptr(GBytes) body_bytes = soup_message_body_flatten (body);
  const char *request_id = soup_message_headers_get_one (request_headers, "X-Request-Id");

  fixture->requests++;
  g_free (fixture->last_path);
  fixture->last_path = g_strdup (path);
  g_free (fixture->last_query);
  fixture->last_query = g_strdup (g_uri_get_query (soup_server_message_get_uri (message)));
  g_free (fixture->last_authorization);
  fixture->last_authorization = g_strdup (soup_message_headers_get_one (request_headers, "Authorization"));
  g_free (fixture->last_request_id);
  fixture->last_request_id = g_strdup (request_id);
  g_clear_pointer (&fixture->last_json, json_node_unref);
  if (g_strcmp0 (soup_message_headers_get_content_type (request_headers, NULL), "application/json") == 0)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (body_bytes, NULL),
                                                 (gssize) g_bytes_get_size (body_bytes), NULL));
      fixture->last_json = json_node_ref (json_parser_get_root (parser));
    }

  soup_message_headers_replace (response_headers, "X-Request-Id", request_id != NULL ? request_id : "server-made");
  soup_message_headers_replace (response_headers, "Server-Timing", "gateway;dur=1.5, provider;dur=1.25");

  if (g_str_equal (path, "/v1/health"))
    {
      reply (message, 200, "application/json", "{\"status\": \"ok\", \"version\": \"0.1.0\"}");
      return;
    }
  if (g_strcmp0 (fixture->last_authorization, "Bearer " TOKEN) != 0)
    {
      reply_error (message, 401, "unauthorized", "Missing or wrong bearer token.");
      return;
    }
  if (fixture->reply_status != 0)
    {
      if (fixture->reply_retry_after != NULL)
        soup_message_headers_replace (response_headers, "Retry-After", fixture->reply_retry_after);
      reply (message, fixture->reply_status, fixture->reply_type, fixture->reply_body);
      return;
    }

  if (g_str_equal (path, "/v1/capabilities"))
    reply (message, 200, "application/json", capabilities_json);
  else if (g_str_equal (path, "/v1/translate"))
    {
      JsonObject *request = json_node_get_object (fixture->last_json);
      gboolean back = json_object_get_boolean_member (request, "back_translate");
      g_autofree char *answer =
        g_strdup_printf ("{\"translation\": \"Vui lòng nộp thông báo chuyển đến.\","
                         " \"back_translation\": %s, \"source\": \"ja\", \"target\": \"vi\","
                         " \"provider\": \"phrase-memory\", \"verified\": true,"
                         " \"phrase_id\": \"city-hall.moving.002\", \"score\": 1.0,"
                         " \"gateway_ms\": 0.4, \"provider_ms\": 0.2}",
                         back ? "\"転入届を出してください。\"" : "null");

      reply (message, 200, "application/json", answer);
    }
  else if (g_str_equal (path, "/v1/synthesize"))
    {
      g_autoptr(GBytes) wav = hand_made_wav ();

      soup_message_headers_replace (response_headers, "X-Madoguchi-Provider", "espeak-ng");
      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "audio/wav", SOUP_MEMORY_COPY,
                                        g_bytes_get_data (wav, NULL), g_bytes_get_size (wav));
    }
  else if (g_str_equal (path, "/v1/recognize"))
    {
      g_autofree char *answer =
        g_strdup_printf ("{\"text\": \"where is the toilet\", \"language\": \"en\", \"provider\": \"pocketsphinx\","
                         " \"confidence\": 0.82, \"audio_ms\": %u, \"gateway_ms\": 95.0, \"provider_ms\": 90.1}",
                         fixture->recognized->len / 32);

      reply (message, 200, "application/json", answer);
    }
  else
    reply_error (message, 404, "not_found", "No such path.");
}

static void
on_recognize_chunk (SoupServerMessage *message,
                    GBytes            *chunk,
                    gpointer           user_data)
{
  Fixture *fixture = user_data;

  fixture->recognized_chunks++;
  g_byte_array_append (fixture->recognized, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
}

/* Runs when the request headers are in, before the body: the place to watch the body arrive. */
static void
on_recognize_headers (SoupServer        *server,
                      SoupServerMessage *message,
                      const char        *path,
                      GHashTable        *query,
                      gpointer           user_data)
{
  Fixture *fixture = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);

  g_free (fixture->recognize_encoding);
  fixture->recognize_encoding = g_strdup (soup_message_headers_get_one (headers, "Transfer-Encoding"));
  g_free (fixture->recognize_type);
  fixture->recognize_type = g_strdup (soup_message_headers_get_one (headers, "Content-Type"));
  g_signal_connect (message, "got-chunk", G_CALLBACK (on_recognize_chunk), fixture);
}

static MadoSpeechClient *
new_client (const char *url)
{
  g_autoptr(GError) error = NULL;
  MadoSpeechClient *client = mado_speech_client_new (url, TOKEN, &error);

  g_assert_no_error (error);
  return client;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;

  retries_logged = 0;
  token_logged = FALSE;
  fixture->recognized = g_byte_array_new ();
  fixture->server = soup_server_new ("server-header", "madoguchi-test", NULL);
  soup_server_add_handler (fixture->server, NULL, on_request, fixture, NULL);
  /* libsoup keeps one handler entry per path, so the path watched early needs its own
   * ordinary handler too. */
  soup_server_add_early_handler (fixture->server, "/v1/recognize", on_recognize_headers, fixture, NULL);
  soup_server_add_handler (fixture->server, "/v1/recognize", on_request, fixture, NULL);
  soup_server_listen_local (fixture->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (fixture->server);
  fixture->url = g_uri_to_string (uris->data);
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
  fixture->client = new_client (fixture->url);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->client);
  soup_server_disconnect (fixture->server);
  g_object_unref (fixture->server);
  g_free (fixture->url);
  g_free (fixture->last_path);
  g_free (fixture->last_query);
  g_free (fixture->last_authorization);
  g_free (fixture->last_request_id);
  g_clear_pointer (&fixture->last_json, json_node_unref);
  g_byte_array_unref (fixture->recognized);
  g_free (fixture->recognize_encoding);
  g_free (fixture->recognize_type);
  g_assert_false (token_logged);
}

/* Synchronous wrappers: the test's main context runs the client and the servers alike. */

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

static char *
check_health (MadoSpeechClient  *client,
              GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mado_speech_client_check_health_async (client, NULL, store_result, &result);
  return mado_speech_client_check_health_finish (client, wait_for (&result), error);
}

static MadoSpeechCapabilities *
get_capabilities (MadoSpeechClient  *client,
                  GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mado_speech_client_get_capabilities_async (client, NULL, store_result, &result);
  return mado_speech_client_get_capabilities_finish (client, wait_for (&result), error);
}

static MadoTranslation *
translate (MadoSpeechClient  *client,
           GCancellable      *cancellable,
           GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mado_speech_client_translate_async (client, "転入届を出してください。", "ja", "vi", TRUE, cancellable,
                                      store_result, &result);
  return mado_speech_client_translate_finish (client, wait_for (&result), error);
}

static MadoAudioBuffer *
synthesize (MadoSpeechClient  *client,
            GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mado_speech_client_synthesize_async (client, "Xin chào", "vi", NULL, store_result, &result);
  return mado_speech_client_synthesize_finish (client, wait_for (&result), error);
}

static MadoTranscript *
end_recognition (MadoRecognition  *recognition,
                 GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mado_recognition_end_async (recognition, NULL, store_result, &result);
  return mado_recognition_end_finish (recognition, wait_for (&result), error);
}

/* A second of a 440 Hz tone at 16 kHz, different in every call so the order shows. */
static gint16 *
tone (guint  offset,
      gsize *n_samples)
{
  gint16 *samples = g_new (gint16, 16000);

  for (guint i = 0; i < 16000; i++)
    samples[i] = (gint16) (i * 7 + offset);
  *n_samples = 16000;

  return samples;
}

/* Success paths */

static void
test_health (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *version = check_health (fixture->client, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (version, ==, "0.1.0");
  g_assert_cmpstr (fixture->last_path, ==, "/v1/health");
}

static void
test_capabilities (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoSpeechCapabilities) capabilities = get_capabilities (fixture->client, &error);
  g_auto(GStrv) recognized = NULL;
  g_auto(GStrv) targets = NULL;
  g_auto(GStrv) spoken = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (fixture->last_path, ==, "/v1/capabilities");
  g_assert_cmpstr (fixture->last_authorization, ==, "Bearer " TOKEN);

  g_assert_cmpuint (mado_speech_capabilities_get_api_version (capabilities), ==, 1);
  g_assert_cmpuint (mado_speech_capabilities_get_max_text_chars (capabilities), ==, 1500);
  g_assert_cmpuint (mado_speech_capabilities_get_max_audio_seconds (capabilities), ==, 20);
  g_assert_cmpuint (mado_speech_capabilities_get_max_json_bytes (capabilities), ==, 32768);

  g_assert_true (mado_speech_capabilities_can_recognize (capabilities, "en"));
  g_assert_true (mado_speech_capabilities_can_recognize (capabilities, "EN"));
  g_assert_true (mado_speech_capabilities_is_recognition_constrained (capabilities, "en"));
  g_assert_false (mado_speech_capabilities_is_recognition_constrained (capabilities, "ja"));
  g_assert_false (mado_speech_capabilities_can_recognize (capabilities, "th"));
  g_assert_false (mado_speech_capabilities_is_recognition_constrained (capabilities, "th"));

  g_assert_true (mado_speech_capabilities_can_translate (capabilities, "ja", "vi"));
  g_assert_true (mado_speech_capabilities_can_translate (capabilities, "JA", "pt-br"));
  g_assert_false (mado_speech_capabilities_can_translate (capabilities, "vi", "pt-BR"));
  g_assert_true (mado_speech_capabilities_can_synthesize (capabilities, "vi"));
  g_assert_false (mado_speech_capabilities_can_synthesize (capabilities, "ja"));

  recognized = mado_speech_capabilities_dup_recognize_languages (capabilities);
  g_assert_cmpstrv (recognized, ((const char * const[]) { "en", "ja", NULL }));
  targets = mado_speech_capabilities_dup_translation_targets (capabilities, "ja");
  g_assert_cmpstrv (targets, ((const char * const[]) { "vi", "pt-BR", NULL }));
  spoken = mado_speech_capabilities_dup_synthesize_languages (capabilities);
  g_assert_cmpstrv (spoken, ((const char * const[]) { "vi", NULL }));
}

static void
test_translate (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoTranslation) translation = translate (fixture->client, NULL, &error);
  JsonObject *request;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MadoTranslation) without_back = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (fixture->last_path, ==, "/v1/translate");
  g_assert_cmpstr (fixture->last_authorization, ==, "Bearer " TOKEN);
  g_assert_nonnull (fixture->last_request_id);
  request = json_node_get_object (fixture->last_json);
  g_assert_cmpstr (json_object_get_string_member (request, "text"), ==, "転入届を出してください。");
  g_assert_cmpstr (json_object_get_string_member (request, "source"), ==, "ja");
  g_assert_cmpstr (json_object_get_string_member (request, "target"), ==, "vi");
  g_assert_true (json_object_get_boolean_member (request, "back_translate"));

  g_assert_cmpstr (translation->translation, ==, "Vui lòng nộp thông báo chuyển đến.");
  g_assert_cmpstr (translation->back_translation, ==, "転入届を出してください。");
  g_assert_cmpstr (translation->source, ==, "ja");
  g_assert_cmpstr (translation->target, ==, "vi");
  g_assert_cmpstr (translation->provider, ==, "phrase-memory");
  g_assert_true (translation->verified);
  g_assert_cmpstr (translation->phrase_id, ==, "city-hall.moving.002");
  g_assert_cmpfloat (translation->score, ==, 1.0);
  g_assert_cmpfloat (translation->gateway_ms, ==, 0.4);
  g_assert_cmpfloat (translation->provider_ms, ==, 0.2);
  g_assert_cmpfloat (translation->total_ms, >, 0.0);
  g_assert_cmpstr (translation->request_id, ==, fixture->last_request_id);

  mado_speech_client_translate_async (fixture->client, "はい", "ja", "vi", FALSE, NULL, store_result, &result);
  without_back = mado_speech_client_translate_finish (fixture->client, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_false (json_object_get_boolean_member (json_node_get_object (fixture->last_json), "back_translate"));
  g_assert_null (without_back->back_translation);
}

static void
test_synthesize (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoAudioBuffer) speech = synthesize (fixture->client, &error);
  const gint16 *samples;
  gsize n_samples;
  JsonObject *request;

  g_assert_no_error (error);
  g_assert_cmpstr (fixture->last_path, ==, "/v1/synthesize");
  request = json_node_get_object (fixture->last_json);
  g_assert_cmpstr (json_object_get_string_member (request, "text"), ==, "Xin chào");
  g_assert_cmpstr (json_object_get_string_member (request, "language"), ==, "vi");

  g_assert_cmpuint (mado_audio_buffer_get_rate (speech), ==, 22050);
  samples = mado_audio_buffer_get_samples (speech, &n_samples);
  g_assert_cmpuint (n_samples, ==, 100);
  for (guint i = 0; i < 100; i++)
    g_assert_cmpint (samples[i], ==, (gint) i * 100);
}

/* Iterates until the server has seen @bytes of the recognition body, or ten seconds passed. */
static gboolean
wait_for_upload (Fixture *fixture,
                 gsize    bytes)
{
  gint64 give_up = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

  while (fixture->recognized->len < bytes && g_get_monotonic_time () < give_up)
    g_main_context_iteration (NULL, FALSE);

  return fixture->recognized->len >= bytes;
}

static void
test_recognize_streams (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(MadoRecognition) recognition = mado_speech_client_begin_recognition (fixture->client, "en");
  g_autoptr(GByteArray) sent = g_byte_array_new ();
  g_autoptr(MadoTranscript) transcript = NULL;
  g_autoptr(GError) error = NULL;

  /* Each second of audio must reach the server before the next one is even pushed: the body
   * streams while the person speaks instead of waiting for the end. */
  for (guint second = 0; second < 3; second++)
    {
      gsize n_samples;
      g_autofree gint16 *samples = tone (second * 1000, &n_samples);

      g_assert_true (mado_recognition_push_audio (recognition, samples, n_samples));
      for (gsize i = 0; i < n_samples; i++)
        {
          gint16 little = GINT16_TO_LE (samples[i]);

          g_byte_array_append (sent, (const guint8 *) &little, 2);
        }
      g_assert_true (wait_for_upload (fixture, sent->len));
      g_assert_cmpuint (fixture->recognized->len, ==, sent->len);
    }
  g_assert_cmpuint (fixture->recognized_chunks, >=, 3);
  g_assert_cmpstr (fixture->recognize_encoding, ==, "chunked");
  g_assert_cmpstr (fixture->recognize_type, ==, "audio/x-pcm;bit=16;rate=16000;channels=1");

  transcript = end_recognition (recognition, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fixture->last_path, ==, "/v1/recognize");
  g_assert_cmpstr (fixture->last_query, ==, "language=en");
  g_assert_cmpstr (fixture->last_authorization, ==, "Bearer " TOKEN);
  g_assert_cmpmem (fixture->recognized->data, fixture->recognized->len, sent->data, sent->len);

  g_assert_cmpstr (transcript->text, ==, "where is the toilet");
  g_assert_cmpstr (transcript->language, ==, "en");
  g_assert_cmpstr (transcript->provider, ==, "pocketsphinx");
  g_assert_cmpfloat (transcript->confidence, ==, 0.82);
  g_assert_cmpfloat (transcript->audio_ms, ==, 3000);
  g_assert_cmpfloat (transcript->gateway_ms, ==, 95.0);
  g_assert_cmpfloat (transcript->provider_ms, ==, 90.1);
  g_assert_cmpfloat (transcript->total_ms, >, 0.0);

  /* The utterance is over: more audio is refused. */
  {
    gint16 late[10] = { 0 };

    g_assert_false (mado_recognition_push_audio (recognition, late, G_N_ELEMENTS (late)));
  }
}

/* Pushing from another thread, as the capture callback does, while the main context sends. */
typedef struct {
  MadoRecognition *recognition;
  guint            pushed;
} PushJob;

static gpointer
push_from_thread (gpointer user_data)
{
  PushJob *job = user_data;

  for (guint i = 0; i < 50; i++)
    {
      gint16 block[320];

      for (guint j = 0; j < G_N_ELEMENTS (block); j++)
        block[j] = (gint16) (i * 1000 + j);
      if (mado_recognition_push_audio (job->recognition, block, G_N_ELEMENTS (block)))
        job->pushed += G_N_ELEMENTS (block);
      g_usleep (1000);
    }

  return NULL;
}

static void
test_recognize_from_thread (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(MadoRecognition) recognition = mado_speech_client_begin_recognition (fixture->client, "en");
  g_autoptr(MadoTranscript) transcript = NULL;
  g_autoptr(GError) error = NULL;
  PushJob job = { recognition, 0 };
  GThread *thread = g_thread_new ("capture", push_from_thread, &job);

  /* The main context keeps sending while the thread pushes. */
  g_assert_true (wait_for_upload (fixture, 50 * 320 * 2));
  g_thread_join (thread);
  g_assert_cmpuint (job.pushed, ==, 50 * 320);

  transcript = end_recognition (recognition, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->recognized->len, ==, 50 * 320 * 2);
  for (guint i = 0; i < 50; i++)
    for (guint j = 0; j < 320; j++)
      {
        gint16 sample;

        memcpy (&sample, fixture->recognized->data + (i * 320 + j) * 2, 2);
        g_assert_cmpint (GINT16_FROM_LE (sample), ==, (gint16) (i * 1000 + j));
      }
}

static void
test_recognize_too_long (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(MadoRecognition) recognition = mado_speech_client_begin_recognition (fixture->client, "en");
  g_autoptr(MadoTranscript) transcript = NULL;
  g_autoptr(GError) error = NULL;
  gsize n_samples;
  g_autofree gint16 *second = tone (0, &n_samples);
  guint accepted = 0;

  /* 30 s is the API's limit; the 31st second is refused and the recognition fails at once. */
  for (guint i = 0; i < 31; i++)
    if (mado_recognition_push_audio (recognition, second, n_samples))
      accepted++;
  g_assert_cmpuint (accepted, ==, 30);

  transcript = end_recognition (recognition, &error);
  g_assert_null (transcript);
  assert_api_error (error, MADO_SPEECH_API_ERROR_PAYLOAD_TOO_LARGE);
}

/* Connection failures */

/* A port nothing listens on: bound once to find it free, then closed. */
static char *
refusing_url (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, address, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);

  return g_strdup_printf ("http://127.0.0.1:%u/", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
}

static void
test_refused (void)
{
  g_autofree char *url = refusing_url ();
  g_autoptr(MadoSpeechClient) client = new_client (url);
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoSpeechCapabilities) capabilities = NULL;
  g_autoptr(MadoTranslation) translation = NULL;
  g_autoptr(MadoAudioBuffer) speech = NULL;
  g_autoptr(MadoRecognition) recognition = NULL;
  g_autoptr(MadoTranscript) transcript = NULL;

  retries_logged = 0;

  capabilities = get_capabilities (client, &error);
  assert_api_error (error, MADO_SPEECH_API_ERROR_GATEWAY_UNREACHABLE);
  g_assert_cmpuint (retries_logged, ==, 1);
  g_clear_error (&error);

  translation = translate (client, NULL, &error);
  assert_api_error (error, MADO_SPEECH_API_ERROR_GATEWAY_UNREACHABLE);
  g_assert_cmpuint (retries_logged, ==, 2);
  g_clear_error (&error);

  speech = synthesize (client, &error);
  assert_api_error (error, MADO_SPEECH_API_ERROR_GATEWAY_UNREACHABLE);
  g_assert_cmpuint (retries_logged, ==, 3);
  g_clear_error (&error);

  /* Audio cannot be sent twice, so recognition is never retried. */
  recognition = mado_speech_client_begin_recognition (client, "en");
  transcript = end_recognition (recognition, &error);
  assert_api_error (error, MADO_SPEECH_API_ERROR_GATEWAY_UNREACHABLE);
  g_assert_cmpuint (retries_logged, ==, 3);
}

/* A resolver that knows no names, so "no such host" is tested without asking any DNS server. */
typedef struct {
  GResolver parent_instance;
} NoNamesResolver;

typedef struct {
  GResolverClass parent_class;
} NoNamesResolverClass;

G_DEFINE_TYPE (NoNamesResolver, no_names_resolver, G_TYPE_RESOLVER)

static GList *
no_names_lookup (GResolver     *resolver,
                 const char    *hostname,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_set_error (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND, "No such host %s", hostname);
  return NULL;
}

static GList *
no_names_lookup_with_flags (GResolver                 *resolver,
                            const char                *hostname,
                            GResolverNameLookupFlags   flags,
                            GCancellable              *cancellable,
                            GError                   **error)
{
  return no_names_lookup (resolver, hostname, cancellable, error);
}

static void
no_names_lookup_async (GResolver           *resolver,
                       const char          *hostname,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (resolver, cancellable, callback, user_data);

  g_task_return_new_error (task, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND, "No such host %s", hostname);
}

static void
no_names_lookup_with_flags_async (GResolver                *resolver,
                                  const char               *hostname,
                                  GResolverNameLookupFlags  flags,
                                  GCancellable             *cancellable,
                                  GAsyncReadyCallback       callback,
                                  gpointer                  user_data)
{
  no_names_lookup_async (resolver, hostname, cancellable, callback, user_data);
}

static GList *
no_names_lookup_finish (GResolver     *resolver,
                        GAsyncResult  *result,
                        GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
no_names_resolver_class_init (NoNamesResolverClass *klass)
{
  GResolverClass *resolver_class = G_RESOLVER_CLASS (klass);

  resolver_class->lookup_by_name = no_names_lookup;
  resolver_class->lookup_by_name_async = no_names_lookup_async;
  resolver_class->lookup_by_name_finish = no_names_lookup_finish;
  resolver_class->lookup_by_name_with_flags = no_names_lookup_with_flags;
  resolver_class->lookup_by_name_with_flags_async = no_names_lookup_with_flags_async;
  resolver_class->lookup_by_name_with_flags_finish = no_names_lookup_finish;
}

static void
no_names_resolver_init (NoNamesResolver *self)
{
}

static void
test_no_such_host (void)
{
  g_autoptr(GResolver) system_resolver = g_resolver_get_default ();
  g_autoptr(GResolver) no_names = g_object_new (no_names_resolver_get_type (), NULL);
  g_autoptr(MadoSpeechClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoTranslation) translation = NULL;

  g_resolver_set_default (no_names);
  client = new_client ("http://gateway.example:8080/");
  translation = translate (client, NULL, &error);
  g_resolver_set_default (system_resolver);

  assert_api_error (error, MADO_SPEECH_API_ERROR_GATEWAY_UNREACHABLE);
}

static void
test_reset_before_answer (void)
{
  g_autoptr(MadoFaultServer) server = mado_fault_server_new (MADO_FAULT_RESET_AT_ONCE, "application/json");
  g_autofree char *url = mado_fault_server_dup_url (server);
  g_autoptr(MadoSpeechClient) client = new_client (url);
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoSpeechCapabilities) capabilities = NULL;
  g_autoptr(MadoTranslation) translation = NULL;
  g_autoptr(MadoAudioBuffer) speech = NULL;
  g_autoptr(MadoRecognition) recognition = NULL;
  g_autoptr(MadoTranscript) transcript = NULL;

  /* Each idempotent call connects exactly twice: the first try and one retry. */
  capabilities = get_capabilities (client, &error);
  assert_api_error (error, MADO_SPEECH_API_ERROR_CONNECTION_LOST);
  g_assert_cmpuint (mado_fault_server_get_connections (server), ==, 2);
  g_clear_error (&error);

  translation = translate (client, NULL, &error);
  assert_api_error (error, MADO_SPEECH_API_ERROR_CONNECTION_LOST);
  g_assert_cmpuint (mado_fault_server_get_connections (server), ==, 4);
  g_clear_error (&error);

  speech = synthesize (client, &error);
  assert_api_error (error, MADO_SPEECH_API_ERROR_CONNECTION_LOST);
  g_assert_cmpuint (mado_fault_server_get_connections (server), ==, 6);
  g_clear_error (&error);

  recognition = mado_speech_client_begin_recognition (client, "en");
  transcript = end_recognition (recognition, &error);
  assert_api_error (error, MADO_SPEECH_API_ERROR_CONNECTION_LOST);
  g_assert_cmpuint (mado_fault_server_get_connections (server), ==, 7);
}

static void
test_reset_mid_answer (void)
{
  g_autoptr(MadoFaultServer) server = mado_fault_server_new (MADO_FAULT_RESET_MID_ANSWER, "application/json");
  g_autofree char *url = mado_fault_server_dup_url (server);
  g_autoptr(MadoSpeechClient) client = new_client (url);
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoTranslation) translation = translate (client, NULL, &error);

  /* The answer had begun, so the gateway may have done the work: no retry. */
  assert_api_error (error, MADO_SPEECH_API_ERROR_CONNECTION_LOST);
  g_assert_cmpuint (mado_fault_server_get_connections (server), ==, 1);
}

static void
test_timeout (void)
{
  g_autoptr(MadoFaultServer) server = mado_fault_server_new (MADO_FAULT_SILENT, "application/json");
  g_autofree char *url = mado_fault_server_dup_url (server);
  g_autoptr(MadoSpeechClient) client = new_client (url);
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoSpeechCapabilities) capabilities = NULL;
  g_autoptr(MadoTranslation) translation = NULL;
  g_autoptr(MadoAudioBuffer) speech = NULL;
  g_autoptr(MadoRecognition) recognition = NULL;
  g_autoptr(MadoTranscript) transcript = NULL;
  gsize n_samples;
  g_autofree gint16 *samples = tone (0, &n_samples);

  g_assert_cmpuint (mado_speech_client_get_translate_timeout (client), ==, 12000);
  g_assert_cmpuint (mado_speech_client_get_synthesize_timeout (client), ==, 17000);
  g_assert_cmpuint (mado_speech_client_get_recognize_timeout (client), ==, 17000);
  mado_speech_client_set_capabilities_timeout (client, 200);
  mado_speech_client_set_translate_timeout (client, 200);
  mado_speech_client_set_synthesize_timeout (client, 200);
  mado_speech_client_set_recognize_timeout (client, 200);

  capabilities = get_capabilities (client, &error);
  assert_api_error (error, MADO_SPEECH_API_ERROR_TIMEOUT);
  g_clear_error (&error);

  translation = translate (client, NULL, &error);
  assert_api_error (error, MADO_SPEECH_API_ERROR_TIMEOUT);
  g_clear_error (&error);

  speech = synthesize (client, &error);
  assert_api_error (error, MADO_SPEECH_API_ERROR_TIMEOUT);
  g_clear_error (&error);

  recognition = mado_speech_client_begin_recognition (client, "en");
  g_assert_true (mado_recognition_push_audio (recognition, samples, n_samples));
  transcript = end_recognition (recognition, &error);
  assert_api_error (error, MADO_SPEECH_API_ERROR_TIMEOUT);

  /* A server that answers nothing was connected to once per call: a timeout is no
   * connection failure, so nothing was retried. */
  g_assert_cmpuint (mado_fault_server_get_connections (server), ==, 4);
}

/* Error answers */

static void
test_rate_limited (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoTranslation) translation = NULL;

  fixture->reply_status = 429;
  fixture->reply_type = "application/json";
  fixture->reply_body = "{\"error\": {\"code\": \"rate_limited\", \"message\": \"Too many requests.\"}}";
  fixture->reply_retry_after = "7";

  translation = translate (fixture->client, NULL, &error);
  assert_api_error (error, MADO_SPEECH_API_ERROR_RATE_LIMITED);
  g_assert_cmpuint (mado_speech_api_error_get_retry_after (error), ==, 7);
  g_assert_cmpstr (mado_speech_api_error_get_request_id (error), ==, fixture->last_request_id);
  /* An API error is an answer, not a connection failure: one request only. */
  g_assert_cmpuint (fixture->requests, ==, 1);
}

static void
test_api_errors (Fixture       *fixture,
                 gconstpointer  data)
{
  static const struct {
    guint               status;
    const char         *code;
    MadoSpeechApiError  expected;
  } cases[] = {
    { 400, "invalid_request", MADO_SPEECH_API_ERROR_INVALID_REQUEST },
    { 404, "not_found", MADO_SPEECH_API_ERROR_NOT_FOUND },
    { 405, "method_not_allowed", MADO_SPEECH_API_ERROR_METHOD_NOT_ALLOWED },
    { 413, "payload_too_large", MADO_SPEECH_API_ERROR_PAYLOAD_TOO_LARGE },
    { 415, "unsupported_media_type", MADO_SPEECH_API_ERROR_UNSUPPORTED_MEDIA_TYPE },
    { 422, "unsupported_language", MADO_SPEECH_API_ERROR_UNSUPPORTED_LANGUAGE },
    { 422, "no_translation", MADO_SPEECH_API_ERROR_NO_TRANSLATION },
    { 422, "no_speech", MADO_SPEECH_API_ERROR_NO_SPEECH },
    { 500, "internal", MADO_SPEECH_API_ERROR_INTERNAL },
    { 502, "provider_error", MADO_SPEECH_API_ERROR_PROVIDER_ERROR },
    { 502, "provider_auth_failed", MADO_SPEECH_API_ERROR_PROVIDER_AUTH_FAILED },
    { 502, "provider_bad_response", MADO_SPEECH_API_ERROR_PROVIDER_BAD_RESPONSE },
    { 503, "provider_unavailable", MADO_SPEECH_API_ERROR_PROVIDER_UNAVAILABLE },
    { 503, "provider_quota_exceeded", MADO_SPEECH_API_ERROR_PROVIDER_QUOTA_EXCEEDED },
    { 504, "timeout", MADO_SPEECH_API_ERROR_PROVIDER_TIMEOUT },
    /* docs/api.md: an unknown code is treated like internal. */
    { 500, "quantum_flux", MADO_SPEECH_API_ERROR_INTERNAL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MadoTranslation) translation = NULL;
      g_autoptr(MadoAudioBuffer) speech = NULL;
      g_autofree char *body = g_strdup_printf ("{\"error\": {\"code\": \"%s\", \"message\": \"Failed as told.\"}}",
                                               cases[i].code);

      fixture->reply_status = cases[i].status;
      fixture->reply_type = "application/json";
      fixture->reply_body = body;
      fixture->requests = 0;

      translation = translate (fixture->client, NULL, &error);
      assert_api_error (error, cases[i].expected);
      g_assert_nonnull (strstr (error->message, "Failed as told."));
      g_assert_cmpuint (fixture->requests, ==, 1);
      g_clear_error (&error);

      /* The error shape is the same for an audio answer. */
      speech = synthesize (fixture->client, &error);
      assert_api_error (error, cases[i].expected);
    }

  /* The real 401, from a client with the wrong token. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(MadoSpeechClient) wrong = mado_speech_client_new (fixture->url, "not-the-token", &error);
    g_autoptr(MadoTranslation) translation = NULL;

    g_assert_no_error (error);
    fixture->reply_status = 0;
    translation = translate (wrong, NULL, &error);
    assert_api_error (error, MADO_SPEECH_API_ERROR_UNAUTHORIZED);
    g_assert_cmpstr (fixture->last_authorization, ==, "Bearer not-the-token");
  }
}

static void
test_provider_unavailable_retry_after (Fixture       *fixture,
                                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoTranslation) translation = NULL;

  fixture->reply_status = 503;
  fixture->reply_type = "application/json";
  fixture->reply_body = "{\"error\": {\"code\": \"provider_unavailable\", \"message\": \"Circuit open.\"}}";
  fixture->reply_retry_after = "30";

  translation = translate (fixture->client, NULL, &error);
  assert_api_error (error, MADO_SPEECH_API_ERROR_PROVIDER_UNAVAILABLE);
  g_assert_cmpuint (mado_speech_api_error_get_retry_after (error), ==, 30);
}

static void
test_answers_from_elsewhere (Fixture       *fixture,
                             gconstpointer  data)
{
  static const struct {
    guint               status;
    MadoSpeechApiError  expected;
  } cases[] = {
    /* A load balancer with no gateway behind it. */
    { 502, MADO_SPEECH_API_ERROR_GATEWAY_UNREACHABLE },
    { 503, MADO_SPEECH_API_ERROR_GATEWAY_UNREACHABLE },
    { 504, MADO_SPEECH_API_ERROR_GATEWAY_UNREACHABLE },
    { 429, MADO_SPEECH_API_ERROR_RATE_LIMITED },
    /* A web server that is not a gateway at all. */
    { 404, MADO_SPEECH_API_ERROR_BAD_RESPONSE },
    { 500, MADO_SPEECH_API_ERROR_BAD_RESPONSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MadoTranslation) translation = NULL;

      fixture->reply_status = cases[i].status;
      fixture->reply_type = "text/html";
      fixture->reply_body = "<html><body><h1>Bad Gateway</h1></body></html>";

      translation = translate (fixture->client, NULL, &error);
      assert_api_error (error, cases[i].expected);
    }
}

static void
test_bad_answers (Fixture       *fixture,
                  gconstpointer  data)
{
  static const struct {
    const char *type;
    const char *body;
  } cases[] = {
    { "application/json", "{\"translation\": \"Xin chào\", \"source\": " },        /* truncated */
    { "application/json", "{translation: 'Xin chào'}" },                          /* malformed */
    { "application/json", "" },                                                  /* empty */
    { "text/html", "<html>Xin chào</html>" },                                     /* wrong type */
    { "application/json", "[\"Xin chào\"]" },                                      /* not an object */
    { "application/json", "{\"translation\": 42, \"source\": \"ja\", \"target\": \"vi\","
                          " \"provider\": \"p\", \"verified\": false}" },          /* wrong field type */
    { "application/json", "{\"translation\": \"Xin chào\", \"source\": \"ja\", \"target\": \"vi\","
                          " \"provider\": \"p\", \"verified\": true}" },           /* verified, no phrase */
  };

  fixture->reply_status = 200;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MadoTranslation) translation = NULL;

      fixture->reply_type = cases[i].type;
      fixture->reply_body = cases[i].body;
      translation = translate (fixture->client, NULL, &error);
      g_assert_null (translation);
      assert_api_error (error, MADO_SPEECH_API_ERROR_BAD_RESPONSE);
    }

  /* A later API version might mean other things by the same fields. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(MadoSpeechCapabilities) capabilities = NULL;

    fixture->reply_type = "application/json";
    fixture->reply_body = "{\"api_version\": 2, \"recognize\": [], \"translate\": [], \"synthesize\": []}";
    capabilities = get_capabilities (fixture->client, &error);
    assert_api_error (error, MADO_SPEECH_API_ERROR_BAD_RESPONSE);
  }

  /* JSON where audio belongs, and audio that is not WAV. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(MadoAudioBuffer) speech = NULL;

    fixture->reply_type = "application/json";
    fixture->reply_body = "{}";
    speech = synthesize (fixture->client, &error);
    assert_api_error (error, MADO_SPEECH_API_ERROR_BAD_RESPONSE);
    g_clear_error (&error);

    fixture->reply_type = "audio/wav";
    fixture->reply_body = "RIFF....WAVEjunk";
    speech = synthesize (fixture->client, &error);
    assert_api_error (error, MADO_SPEECH_API_ERROR_BAD_RESPONSE);
  }
}

/* A 50 MB answer: the client stops at its limit, and the server could write only what the
 * limit and the socket buffers took before the connection closed. */
static void
check_flood (MadoFaultMode  mode,
             const char    *content_type,
             gboolean       audio,
             guint64        most_written)
{
  g_autoptr(MadoFaultServer) server = mado_fault_server_new (mode, content_type);
  g_autofree char *url = mado_fault_server_dup_url (server);
  g_autoptr(MadoSpeechClient) client = new_client (url);
  g_autoptr(GError) error = NULL;

  if (audio)
    {
      g_autoptr(MadoAudioBuffer) speech = synthesize (client, &error);

      g_assert_null (speech);
    }
  else
    {
      g_autoptr(MadoTranslation) translation = translate (client, NULL, &error);

      g_assert_null (translation);
    }
  assert_api_error (error, MADO_SPEECH_API_ERROR_BAD_RESPONSE);

  while (!mado_fault_server_flood_ended (server))
    g_main_context_iteration (NULL, TRUE);
  g_test_message ("the server wrote %" G_GUINT64_FORMAT " of %d bytes", mado_fault_server_get_flooded (server),
                  MADO_FAULT_FLOOD_BYTES);
  g_assert_cmpuint (mado_fault_server_get_flooded (server), <, most_written);
  g_assert_cmpuint (mado_fault_server_get_connections (server), ==, 1);
}

static void
test_huge_answer (void)
{
  /* JSON stops at 1 MiB, audio at 24 MiB; loopback socket buffers hold a few MiB more. */
  check_flood (MADO_FAULT_FLOOD_LENGTH, "application/json", FALSE, 8 * 1024 * 1024);
  check_flood (MADO_FAULT_FLOOD_CHUNKED, "application/json", FALSE, 8 * 1024 * 1024);
  check_flood (MADO_FAULT_FLOOD_CHUNKED, "audio/wav", TRUE, 40 * 1024 * 1024);
}

/* The token */

static void
test_token_stays_private (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoTranslation) translation = NULL;
  g_autoptr(GParamSpec) pspec = NULL;

  /* A gateway that quotes the token back in its message. */
  fixture->reply_status = 400;
  fixture->reply_type = "application/json";
  fixture->reply_body = "{\"error\": {\"code\": \"invalid_request\", \"message\": \"Token " TOKEN " is odd.\"}}";
  translation = translate (fixture->client, NULL, &error);
  assert_api_error (error, MADO_SPEECH_API_ERROR_INVALID_REQUEST);
  g_assert_nonnull (strstr (error->message, "is odd"));

  /* The token cannot be read back as a property. */
  g_assert_false (g_object_class_find_property (G_OBJECT_GET_CLASS (fixture->client), "token")->flags
                  & G_PARAM_READABLE);

  /* A password in the URL is not repeated in messages either. */
  {
    g_autofree char *url = refusing_url ();
    g_autofree char *with_password = g_strdup_printf ("http://kiosk:%s@%s", TOKEN, url + strlen ("http://"));
    g_autoptr(MadoSpeechClient) client = new_client (with_password);
    g_autoptr(MadoTranslation) nothing = NULL;

    g_clear_error (&error);
    nothing = translate (client, NULL, &error);
    assert_api_error (error, MADO_SPEECH_API_ERROR_GATEWAY_UNREACHABLE);
  }
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoTranslation) translation = NULL;
  g_autoptr(MadoRecognition) recognition = NULL;
  g_autoptr(MadoTranscript) transcript = NULL;
  gint16 samples[160] = { 0 };

  g_cancellable_cancel (cancellable);
  translation = translate (fixture->client, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  recognition = mado_speech_client_begin_recognition (fixture->client, "en");
  g_assert_true (mado_recognition_push_audio (recognition, samples, G_N_ELEMENTS (samples)));
  mado_recognition_cancel (recognition);
  g_assert_false (mado_recognition_push_audio (recognition, samples, G_N_ELEMENTS (samples)));
  transcript = end_recognition (recognition, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_bad_urls (void)
{
  static const char * const urls[] = { "127.0.0.1:8080", "ftp://127.0.0.1/", "http://", "http://[::1/" };

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MadoSpeechClient) client = mado_speech_client_new (urls[i], TOKEN, &error);

      g_assert_null (client);
      g_assert_true (error->domain == G_URI_ERROR);
      g_test_message ("%s: %s", urls[i], error->message);
    }
}

static void
test_error_codes (void)
{
  g_assert_cmpint (mado_speech_api_error_from_code ("no_speech"), ==, MADO_SPEECH_API_ERROR_NO_SPEECH);
  g_assert_cmpint (mado_speech_api_error_from_code ("timeout"), ==, MADO_SPEECH_API_ERROR_PROVIDER_TIMEOUT);
  g_assert_cmpint (mado_speech_api_error_from_code (NULL), ==, MADO_SPEECH_API_ERROR_INTERNAL);
  g_assert_cmpstr (mado_speech_api_error_to_code (MADO_SPEECH_API_ERROR_RATE_LIMITED), ==, "rate_limited");
  g_assert_cmpstr (mado_speech_api_error_to_code (MADO_SPEECH_API_ERROR_TIMEOUT), ==, "client_timeout");
}

/* The synthesizer seam through the gateway */

/* mado_synthesizer_synthesize() would run a private main context, where the test server
 * (on the default one) could not answer. */
static MadoAudioBuffer *
speak (MadoSynthesizer  *synthesizer,
       const char       *text,
       const char       *language,
       GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mado_synthesizer_synthesize_async (synthesizer, text, language, NULL, store_result, &result);
  return mado_synthesizer_synthesize_finish (synthesizer, wait_for (&result), error);
}

static void
test_gateway_synthesizer (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(MadoGatewaySynthesizer) synthesizer = mado_gateway_synthesizer_new (fixture->client, 16000);
  MadoSynthesizer *seam = MADO_SYNTHESIZER (synthesizer);
  g_autoptr(MadoSpeechCapabilities) capabilities = NULL;
  g_autoptr(MadoAudioBuffer) speech = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *long_text = NULL;

  /* Until the gateway said what it can do, nothing can be spoken. */
  g_assert_false (mado_synthesizer_can_speak (seam, "vi"));
  capabilities = get_capabilities (fixture->client, &error);
  g_assert_no_error (error);
  mado_gateway_synthesizer_set_capabilities (synthesizer, capabilities);
  g_assert_true (mado_synthesizer_can_speak (seam, "vi"));
  g_assert_false (mado_synthesizer_can_speak (seam, "ja"));

  /* 100 samples at 22,050 Hz are 4.5 ms: about 72 samples at 16 kHz. */
  speech = speak (seam, "Xin chào", "vi", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fixture->last_path, ==, "/v1/synthesize");
  g_assert_cmpuint (mado_audio_buffer_get_rate (speech), ==, 16000);
  g_assert_cmpuint (mado_audio_buffer_get_length (speech), >=, 71);
  g_assert_cmpuint (mado_audio_buffer_get_length (speech), <=, 74);
  g_clear_pointer (&speech, mado_audio_buffer_unref);

  /* Easy Japanese is sent as it should be heard, without the reading markup. */
  speech = speak (seam, "{転入|てんにゅう}します", "ja-x-easy", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (fixture->last_json), "text"), ==,
                   "てんにゅうします");
  g_clear_pointer (&speech, mado_audio_buffer_unref);

  /* Refused before any request: blank text, and text over the gateway's limit (1,500). */
  fixture->requests = 0;
  speech = speak (seam, "  \n", "vi", &error);
  g_assert_error (error, MADO_SPEECH_ERROR, MADO_SPEECH_ERROR_EMPTY_TEXT);
  g_clear_error (&error);
  long_text = g_strnfill (1501, 'a');
  speech = speak (seam, long_text, "vi", &error);
  g_assert_error (error, MADO_SPEECH_ERROR, MADO_SPEECH_ERROR_TOO_LONG);
  g_clear_error (&error);
  g_assert_cmpuint (fixture->requests, ==, 0);

  /* The gateway's unsupported_language is the seam's "no voice"; other failures keep their
   * API code so the UI can say what happened. */
  fixture->reply_status = 422;
  fixture->reply_type = "application/json";
  fixture->reply_body = "{\"error\": {\"code\": \"unsupported_language\", \"message\": \"No voice.\"}}";
  speech = speak (seam, "Xin chào", "vi", &error);
  g_assert_error (error, MADO_SPEECH_ERROR, MADO_SPEECH_ERROR_NO_VOICE);
  g_clear_error (&error);

  fixture->reply_status = 503;
  fixture->reply_body = "{\"error\": {\"code\": \"provider_unavailable\", \"message\": \"Down.\"}}";
  speech = speak (seam, "Xin chào", "vi", &error);
  assert_api_error (error, MADO_SPEECH_API_ERROR_PROVIDER_UNAVAILABLE);
}

#define ADD(path, function) \
  g_test_add ("/madoguchi/speech-client/" path, Fixture, NULL, fixture_set_up, function, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_log_set_writer_func (log_writer, NULL, NULL);

  ADD ("health", test_health);
  ADD ("capabilities", test_capabilities);
  ADD ("translate", test_translate);
  ADD ("synthesize", test_synthesize);
  ADD ("recognize-streams", test_recognize_streams);
  ADD ("recognize-from-thread", test_recognize_from_thread);
  ADD ("recognize-too-long", test_recognize_too_long);
  ADD ("rate-limited", test_rate_limited);
  ADD ("api-errors", test_api_errors);
  ADD ("provider-unavailable", test_provider_unavailable_retry_after);
  ADD ("answers-from-elsewhere", test_answers_from_elsewhere);
  ADD ("bad-answers", test_bad_answers);
  ADD ("token-stays-private", test_token_stays_private);
  ADD ("cancel", test_cancel);
  ADD ("gateway-synthesizer", test_gateway_synthesizer);
  g_test_add_func ("/madoguchi/speech-client/refused", test_refused);
  g_test_add_func ("/madoguchi/speech-client/no-such-host", test_no_such_host);
  g_test_add_func ("/madoguchi/speech-client/reset-before-answer", test_reset_before_answer);
  g_test_add_func ("/madoguchi/speech-client/reset-mid-answer", test_reset_mid_answer);
  g_test_add_func ("/madoguchi/speech-client/timeout", test_timeout);
  g_test_add_func ("/madoguchi/speech-client/huge-answer", test_huge_answer);
  g_test_add_func ("/madoguchi/speech-client/bad-urls", test_bad_urls);
  g_test_add_func ("/madoguchi/speech-client/error-codes", test_error_codes);

  return g_test_run ();
}

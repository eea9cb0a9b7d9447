/* mado-speech-test-server.c: a scripted Speech API server on loopback and helpers for its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-speech-test-server.h"

#include <string.h>

/* Every log line passes here: none may carry the token, and retries are counted. */
guint retries_logged;
gboolean token_logged;

GLogWriterOutput
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

void
assert_api_error (const GError       *error,
                  MadoSpeechApiError  code)
{
  g_assert_error (error, MADO_SPEECH_API_ERROR, (gint) code);
  g_test_message ("%s: %s", mado_speech_api_error_to_code (code), error->message);
  g_assert_null (strstr (error->message, TOKEN));
  g_assert_false (token_logged);
}

/* The scripted API server */

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

MadoSpeechClient *
new_client (const char *url)
{
  g_autoptr(GError) error = NULL;
  MadoSpeechClient *client = mado_speech_client_new (url, TOKEN, &error);

  g_assert_no_error (error);
  return client;
}

void
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

void
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

char *
check_health (MadoSpeechClient  *client,
              GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mado_speech_client_check_health_async (client, NULL, mado_test_store_result, &result);
  return mado_speech_client_check_health_finish (client, mado_test_wait_for (&result), error);
}

MadoSpeechCapabilities *
get_capabilities (MadoSpeechClient  *client,
                  GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mado_speech_client_get_capabilities_async (client, NULL, mado_test_store_result, &result);
  return mado_speech_client_get_capabilities_finish (client, mado_test_wait_for (&result), error);
}

MadoTranslation *
translate (MadoSpeechClient  *client,
           GCancellable      *cancellable,
           GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mado_speech_client_translate_async (client, "転入届を出してください。", "ja", "vi", TRUE, cancellable,
                                      mado_test_store_result, &result);
  return mado_speech_client_translate_finish (client, mado_test_wait_for (&result), error);
}

MadoAudioBuffer *
synthesize (MadoSpeechClient  *client,
            GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mado_speech_client_synthesize_async (client, "Xin chào", "vi", NULL, mado_test_store_result, &result);
  return mado_speech_client_synthesize_finish (client, mado_test_wait_for (&result), error);
}

MadoTranscript *
end_recognition (MadoRecognition  *recognition,
                 GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mado_recognition_end_async (recognition, NULL, mado_test_store_result, &result);
  return mado_recognition_end_finish (recognition, mado_test_wait_for (&result), error);
}

/* A second of a 440 Hz tone at 16 kHz, different in every call so the order shows. */
gint16 *
tone (guint  offset,
      gsize *n_samples)
{
  gint16 *samples = g_new (gint16, 16000);

  for (guint i = 0; i < 16000; i++)
    samples[i] = (gint16) (i * 7 + offset);
  *n_samples = 16000;

  return samples;
}

/* A port nothing listens on: bound once to find it free, then closed. */
char *
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

/* Iterates until the server has seen @bytes of the recognition body, or ten seconds passed. */
gboolean
wait_for_upload (Fixture *fixture,
                 gsize    bytes)
{
  gint64 give_up = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

  while (fixture->recognized->len < bytes && g_get_monotonic_time () < give_up)
    g_main_context_iteration (NULL, FALSE);

  return fixture->recognized->len >= bytes;
}


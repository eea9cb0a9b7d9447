/* test-speech-client.c: the Speech API client's calls against a scripted loopback server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-gateway-synthesizer.h"
#include "mado-speech-client.h"

#include <string.h>

#include "mado-speech-test-server.h"

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

  mado_speech_client_translate_async (fixture->client, "はい", "ja", "vi", FALSE, NULL, mado_test_store_result, &result);
  without_back = mado_speech_client_translate_finish (fixture->client, mado_test_wait_for (&result), &error);
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

  mado_synthesizer_synthesize_async (synthesizer, text, language, NULL, mado_test_store_result, &result);
  return mado_synthesizer_synthesize_finish (synthesizer, mado_test_wait_for (&result), error);
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
  ADD ("token-stays-private", test_token_stays_private);
  ADD ("cancel", test_cancel);
  ADD ("gateway-synthesizer", test_gateway_synthesizer);
  g_test_add_func ("/madoguchi/speech-client/bad-urls", test_bad_urls);
  g_test_add_func ("/madoguchi/speech-client/error-codes", test_error_codes);

  return g_test_run ();
}


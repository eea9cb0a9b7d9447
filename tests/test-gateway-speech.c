/* test-gateway-speech.c: synthesis and streamed recognition through the real gateway, with
 * real espeak-ng and pocketsphinx
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-gateway-test-utils.h"

#include <string.h>

/* Short names for the fixture's token and the API's audio media type. */
#define TOKEN GATEWAY_TEST_TOKEN
#define PCM   GATEWAY_TEST_PCM

static void
test_synthesize (GatewayFixture *fixture,
                 gconstpointer   data)
{
  g_autoptr(GatewayResponse) response = gateway_post_json (&fixture->gateway, "/v1/synthesize", TOKEN,
                                                           "{\"text\": \"Xin chào\", \"language\": \"vi\"}");
  g_autoptr(GatewayResponse) filipino = gateway_post_json (&fixture->gateway, "/v1/synthesize", TOKEN,
                                                           "{\"text\": \"Salamat po\", \"language\": \"fil\"}");
  g_autoptr(GatewayResponse) missing = gateway_post_json (&fixture->gateway, "/v1/synthesize", TOKEN,
                                                          "{\"text\": \"Xin chào\"}");
  g_autoptr(MadoAudioBuffer) audio = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  const guint8 *data_bytes;

  g_assert_cmpuint (response->status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (response->headers, NULL), ==, "audio/wav");
  g_assert_cmpstr (soup_message_headers_get_one (response->headers, "X-Madoguchi-Provider"), ==, "espeak-ng");
  g_assert_nonnull (strstr (soup_message_headers_get_one (response->headers, "Server-Timing"), "provider;dur="));

  data_bytes = g_bytes_get_data (response->body, &length);
  g_assert_cmpuint (length, >, 44);
  g_assert_cmpmem (data_bytes, 4, "RIFF", 4);
  g_assert_cmpmem (data_bytes + 8, 4, "WAVE", 4);
  audio = mado_audio_buffer_new_from_wav (data_bytes, length, &error);
  g_assert_no_error (error);
  /* Two words of speech: some tenths of a second, and not silence. */
  g_assert_cmpfloat (mado_audio_buffer_get_duration (audio), >, 0.3);
  g_assert_cmpfloat (mado_audio_buffer_get_duration (audio), <, 5.0);
  g_assert_cmpfloat (mado_audio_buffer_get_rms (audio), >, 100.0);

  /* Each engine's own rate: espeak-ng makes 22,050 Hz. */
  g_assert_cmpuint (mado_audio_buffer_get_rate (audio), ==, 22050);

  gateway_assert_error (filipino, 422, "unsupported_language");
  gateway_assert_error (missing, 400, "invalid_request");
}

/* Japanese goes to Open JTalk, whose speech comes at its own 48 kHz; with sample-rate set in the
 * configuration every language comes at that one rate. */
static void
test_synthesize_japanese (GatewayFixture *fixture,
                          gconstpointer   data)
{
  g_autoptr(GatewayResponse) japanese = gateway_post_json (&fixture->gateway, "/v1/synthesize", TOKEN,
                                                           "{\"text\": \"少々お待ちください\", \"language\": \"ja\"}");
  g_autoptr(GatewayResponse) english = gateway_post_json (&fixture->gateway, "/v1/synthesize", TOKEN,
                                                          "{\"text\": \"Please wait\", \"language\": \"en\"}");
  g_autoptr(MadoAudioBuffer) japanese_audio = NULL;
  g_autoptr(MadoAudioBuffer) english_audio = NULL;
  guint expected_japanese_rate = data != NULL ? 16000 : 48000;
  guint expected_english_rate = data != NULL ? 16000 : 22050;
  g_autoptr(GError) error = NULL;
  gsize length;
  const guint8 *bytes;

  g_assert_cmpuint (japanese->status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_one (japanese->headers, "X-Madoguchi-Provider"), ==, "open-jtalk");
  bytes = g_bytes_get_data (japanese->body, &length);
  japanese_audio = mado_audio_buffer_new_from_wav (bytes, length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mado_audio_buffer_get_rate (japanese_audio), ==, expected_japanese_rate);
  g_assert_cmpfloat (mado_audio_buffer_get_duration (japanese_audio), >, 0.5);
  g_assert_cmpfloat (mado_audio_buffer_get_rms (japanese_audio), >, 100.0);

  g_assert_cmpuint (english->status, ==, 200);
  bytes = g_bytes_get_data (english->body, &length);
  english_audio = mado_audio_buffer_new_from_wav (bytes, length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mado_audio_buffer_get_rate (english_audio), ==, expected_english_rate);
}

static void
test_recognize_english (GatewayFixture *fixture,
                        gconstpointer   data)
{
  g_autoptr(MadoAudioBuffer) speech = gateway_test_speech ("Where is the toilet?");
  g_autoptr(GBytes) audio = gateway_test_pcm (speech);
  /* Chunks of an odd size split samples between chunks, as a network may. */
  g_autoptr(GatewayResponse) response = gateway_recognize_streamed (fixture, "en", audio, 3001);
  g_autoptr(GatewayResponse) translation = NULL;
  JsonObject *object;
  const char *text;

  g_assert_nonnull (response);
  g_assert_cmpuint (response->status, ==, 200);
  object = gateway_response_object (response);
  text = json_object_get_string_member (object, "text");
  g_assert_cmpstr (text, ==, "where is the toilet");
  g_assert_cmpstr (json_object_get_string_member (object, "language"), ==, "en");
  g_assert_cmpstr (json_object_get_string_member (object, "provider"), ==, "pocketsphinx");
  g_assert_cmpint (json_object_get_int_member (object, "audio_ms"), ==,
                   (gint64) (g_bytes_get_size (audio) / 32));
  g_assert_true (json_object_has_member (object, "confidence"));
  g_assert_cmpfloat (json_object_get_double_member (object, "gateway_ms"), >=, 0.0);

  /* What was heard translates as the registered phrase. */
  translation = gateway_translate (fixture, text, "en", "vi", TRUE);
  gateway_assert_translation (translation, "Nhà vệ sinh ở đâu?", "Where is the toilet?", "test.counter.002", 1.0);
}

static void
test_recognize_silence (GatewayFixture *fixture,
                        gconstpointer   data)
{
  gsize length = 2 * 16000 * 2;
  g_autoptr(GBytes) silence = g_bytes_new_take (g_malloc0 (length), length);
  g_autoptr(GBytes) nothing = g_bytes_new_static ("", 0);
  g_autoptr(GatewayResponse) streamed = gateway_recognize_streamed (fixture, "en", silence, 3200);
  g_autoptr(GatewayResponse) declared = gateway_request (&fixture->gateway, "POST", "/v1/recognize?language=en",
                                                         TOKEN, PCM, silence);
  g_autoptr(GatewayResponse) empty = gateway_request (&fixture->gateway, "POST", "/v1/recognize?language=en",
                                                      TOKEN, PCM, nothing);

  g_autoptr(MadoAudioBuffer) speech = gateway_test_speech ("I need a taxi.");
  g_autoptr(GBytes) audio = gateway_test_pcm (speech);
  g_autoptr(GatewayResponse) after = NULL;

  gateway_assert_error (streamed, 422, "no_speech");
  gateway_assert_error (declared, 422, "no_speech");
  gateway_assert_error (empty, 422, "no_speech");

  /* The silences leave nothing behind in the decoders: the next speaker is heard. */
  after = gateway_recognize_streamed (fixture, "en", audio, 3200);
  g_assert_cmpuint (after->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (gateway_response_object (after), "text"), ==, "i need a taxi");
}

/* With one decoder, a second speaker while the first is still talking is refused at once with
 * rate_limited; once the first is done, the next is heard. */
static void
test_recognize_busy (GatewayFixture *fixture,
                     gconstpointer   data)
{
  g_autoptr(MadoAudioBuffer) speech = gateway_test_speech ("Where is the toilet?");
  g_autoptr(GBytes) audio = gateway_test_pcm (speech);
  g_autoptr(GSocketConnection) first = raw_connect (&fixture->gateway);
  g_autoptr(GatewayResponse) go_ahead = NULL;
  g_autoptr(GatewayResponse) busy = NULL;
  g_autoptr(GatewayResponse) first_result = NULL;
  g_autoptr(GatewayResponse) next = NULL;
  const char *head = "POST /v1/recognize?language=en HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     "Authorization: Bearer " TOKEN "\r\nContent-Type: " PCM "\r\n"
                     "Transfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n";
  gsize length;
  const guint8 *bytes = g_bytes_get_data (audio, &length);
  gsize half = length / 2;

  /* "100 Continue" comes once the gateway has the headers, and so a decoder, for the first. */
  raw_write (first, head, strlen (head));
  go_ahead = raw_read_response (first);
  g_assert_cmpuint (go_ahead->status, ==, 100);
  raw_write_chunk (first, bytes, half);

  busy = gateway_request (&fixture->gateway, "POST", "/v1/recognize?language=en", TOKEN, PCM, audio);
  gateway_assert_error (busy, 429, "rate_limited");
  g_assert_cmpstr (soup_message_headers_get_one (busy->headers, "Retry-After"), ==, "1");

  raw_write_chunk (first, bytes + half, length - half);
  raw_write (first, "0\r\n\r\n", 5);
  first_result = raw_read_response (first);
  g_assert_cmpuint (first_result->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (gateway_response_object (first_result), "text"), ==,
                   "where is the toilet");

  next = gateway_recognize_streamed (fixture, "en", audio, 4096);
  g_assert_cmpuint (next->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (gateway_response_object (next), "text"), ==,
                   "where is the toilet");
}

static void
test_recognize_refusals (GatewayFixture *fixture,
                         gconstpointer   data)
{
  g_autoptr(GBytes) audio = g_bytes_new_take (g_malloc0 (3200), 3200);
  g_autoptr(GatewayResponse) japanese = gateway_request (&fixture->gateway, "POST", "/v1/recognize?language=ja",
                                                         TOKEN, PCM, audio);
  g_autoptr(GatewayResponse) unknown = gateway_request (&fixture->gateway, "POST", "/v1/recognize?language=xx",
                                                        TOKEN, PCM, audio);
  g_autoptr(GatewayResponse) no_language = gateway_request (&fixture->gateway, "POST", "/v1/recognize",
                                                            TOKEN, PCM, audio);
  g_autoptr(GatewayResponse) rate = gateway_request (&fixture->gateway, "POST", "/v1/recognize?language=en", TOKEN,
                                                     "audio/x-pcm;bit=16;rate=8000;channels=1", audio);
  g_autoptr(GatewayResponse) stereo = gateway_request (&fixture->gateway, "POST", "/v1/recognize?language=en", TOKEN,
                                                       "audio/x-pcm;bit=16;rate=16000;channels=2", audio);
  g_autoptr(GatewayResponse) wav = gateway_request (&fixture->gateway, "POST", "/v1/recognize?language=en",
                                                    TOKEN, "audio/wav", audio);
  g_autoptr(GatewayResponse) unauthorized = gateway_request (&fixture->gateway, "POST", "/v1/recognize?language=en",
                                                             NULL, PCM, audio);

  gateway_assert_error (japanese, 422, "unsupported_language");
  gateway_assert_error (unknown, 422, "unsupported_language");
  gateway_assert_error (no_language, 400, "invalid_request");
  gateway_assert_error (rate, 400, "invalid_request");
  gateway_assert_error (stereo, 400, "invalid_request");
  gateway_assert_error (wav, 415, "unsupported_media_type");
  gateway_assert_error (unauthorized, 401, "unauthorized");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/madoguchi/gateway/" path, GatewayFixture, NULL, gateway_fixture_set_up, func, \
              gateway_fixture_tear_down)

  ADD ("synthesize", test_synthesize);
  ADD ("synthesize/japanese", test_synthesize_japanese);
  g_test_add ("/madoguchi/gateway/synthesize/one-rate", GatewayFixture,
              "[provider local-speech]\nsample-rate = 16000\n",
              gateway_fixture_set_up, test_synthesize_japanese, gateway_fixture_tear_down);
  ADD ("recognize/english", test_recognize_english);
  ADD ("recognize/silence", test_recognize_silence);
  ADD ("recognize/refusals", test_recognize_refusals);
  g_test_add ("/madoguchi/gateway/recognize/busy", GatewayFixture, "[provider pocketsphinx]\ndecoders = 1\n",
              gateway_fixture_set_up, test_recognize_busy, gateway_fixture_tear_down);

#undef ADD

  return g_test_run ();
}

/* test-gateway-transcription.c: recognition by whisper.cpp and OpenAI-style servers through the
 * real gateway, against loopback fakes of their wire formats
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-fake-provider.h"
#include "mado-gateway-test-utils.h"
#include "mado-test-audio.h"

#include <math.h>
#include <string.h>

#define TOKEN    GATEWAY_TEST_TOKEN
#define PROVIDER "city-asr"
/* Distinctive enough that finding it anywhere means it leaked. */
#define TEST_KEY "sk-madoguchi-test-4b1f9e72c3a8d605"
/* The city's own block list adds this line. */
#define CITY_BLOCKED "Subscribe to our channel"
/* Quick failures, and one attempt per request, so that each fault reaches the fake once. */
#define FAULT_HTTP_KEYS "timeout = 2\nretries = 0\n"

typedef struct {
  FakeService  service;
  gboolean     with_key;   /* whisper.cpp behind a proxy that wants a key; OpenAI always has one */
  const char  *http_keys;  /* timeout, retries, … */
  const char  *extra;      /* further keys of the provider's group, or NULL */
} Setup;

typedef struct {
  GatewayFixture  base;    /* the folder, database and gateway, for the shared helpers */
  FakeProvider   *fake;
  char           *log;     /* the gateway's standard error */
} TranscriptionFixture;

static MadoAudioBuffer *speech;

static void
fixture_set_up (TranscriptionFixture *fixture,
                gconstpointer         data)
{
  const Setup *setup = data;
  gboolean openai = setup->service == FAKE_SERVICE_OPENAI;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *key = NULL;
  g_autofree char *key_line = NULL;
  g_autofree char *block_list = NULL;
  g_autofree char *config_text = NULL;
  g_autofree char *config = NULL;
  g_autofree char *quoted_log = NULL;
  g_autofree char *script = NULL;

  fixture->fake = fake_provider_start (setup->service);
  if (openai || setup->with_key)
    fake_provider_set_credentials (fixture->fake, TEST_KEY, NULL, NULL);

  fixture->base.dir = g_dir_make_tmp ("madoguchi-transcription-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->base.database = g_build_filename (fixture->base.dir, "phrases.db", NULL);
  gateway_test_seed_database (fixture->base.database);
  token = gateway_test_write_file (fixture->base.dir, "token", TOKEN "\n");
  key = gateway_test_write_file (fixture->base.dir, "provider.key", TEST_KEY "\n");
  block_list = gateway_test_write_file (fixture->base.dir, "block-list.txt",
                                        "# The city's own additions\n" CITY_BLOCKED "\n");
  key_line = openai || setup->with_key ? g_strdup_printf ("key-file = %s\n", key) : g_strdup ("");

  config_text = g_strdup_printf ("[gateway]\nlisten = 127.0.0.1:0\ntoken-file = %s\ndatabase = %s\n\n"
                                 "[provider " PROVIDER "]\ntype = %s\nurl = %s%s\n%sblock-list = %s\n%s%s\n"
                                 "[route]\nrecognize = " PROVIDER "\n",
                                 token, fixture->base.database,
                                 openai ? "openai-transcription" : "whisper-cpp",
                                 fake_provider_get_url (fixture->fake), openai ? "/v1" : "",
                                 key_line, block_list, setup->http_keys,
                                 setup->extra != NULL ? setup->extra : "");
  config = gateway_test_write_file (fixture->base.dir, "gateway.conf", config_text);

  /* The gateway's standard error goes to a file, with debug messages on, so that the teardown
   * can check that the key never reached a log line. */
  fixture->log = g_build_filename (fixture->base.dir, "gateway.log", NULL);
  quoted_log = g_shell_quote (fixture->log);
  script = g_strdup_printf ("export G_MESSAGES_DEBUG=all; exec \"$0\" \"$@\" 2>%s", quoted_log);
  gateway_process_start_program (&fixture->base.gateway, "/bin/sh", "-c", script, gateway_test_program (),
                                 "--config", config, NULL);
}

static void
fixture_tear_down (TranscriptionFixture *fixture,
                   gconstpointer         data)
{
  int status = gateway_process_stop (&fixture->base.gateway);
  g_autofree char *log = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (fixture->log, &log, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (strstr (log, TEST_KEY));

  fake_provider_stop (fixture->fake);
  gateway_test_remove_tree (fixture->base.dir);
  g_free (fixture->base.dir);
  g_free (fixture->base.database);
  g_free (fixture->log);
  g_assert_cmpint (status, ==, 0);
}

static GatewayResponse *
recognize (TranscriptionFixture *fixture,
           const char           *language,
           MadoAudioBuffer      *audio)
{
  g_autoptr(GBytes) pcm = gateway_test_pcm (audio);
  GatewayResponse *response = gateway_recognize_streamed (&fixture->base, language, pcm, 3200);

  g_assert_nonnull (response);
  /* No error message, however the provider failed, repeats the key. */
  g_assert_null (g_strstr_len (g_bytes_get_data (response->body, NULL), g_bytes_get_size (response->body),
                               TEST_KEY));
  return response;
}

/* @confidence negative: null expected. */
static void
assert_recognized (GatewayResponse *response,
                   const char      *text,
                   const char      *language,
                   double           confidence)
{
  JsonObject *object;

  g_assert_cmpuint (response->status, ==, 200);
  object = gateway_response_object (response);
  g_assert_cmpstr (json_object_get_string_member (object, "text"), ==, text);
  g_assert_cmpstr (json_object_get_string_member (object, "language"), ==, language);
  g_assert_cmpstr (json_object_get_string_member (object, "provider"), ==, PROVIDER);
  if (confidence < 0)
    g_assert_true (json_object_get_null_member (object, "confidence"));
  else
    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (object, "confidence"), confidence, 0.0015);
}

/* The only request the fake got. */
static FakeRequest *
dup_only_request (FakeProvider *fake)
{
  g_autoptr(GPtrArray) requests = fake_provider_dup_requests (fake);

  g_assert_cmpuint (requests->len, ==, 1);
  return g_steal_pointer (&requests->pdata[0]);
}

static guint16
read_u16 (const guint8 *bytes)
{
  return (guint16) (bytes[0] | bytes[1] << 8);
}

static guint32
read_u32 (const guint8 *bytes)
{
  return (guint32) bytes[0] | (guint32) bytes[1] << 8 | (guint32) bytes[2] << 16 | (guint32) bytes[3] << 24;
}

/* A RIFF/WAVE file of 16 kHz mono 16-bit PCM holding exactly @audio's samples. */
static void
assert_wav_of (GBytes          *file,
               MadoAudioBuffer *audio)
{
  g_autoptr(MadoAudioBuffer) decoded = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  const guint8 *bytes;

  g_assert_nonnull (file);
  bytes = g_bytes_get_data (file, &length);
  g_assert_cmpuint (length, >=, 44);
  g_assert_cmpmem (bytes, 4, "RIFF", 4);
  g_assert_cmpmem (bytes + 8, 8, "WAVEfmt ", 8);
  g_assert_cmpuint (read_u16 (bytes + 20), ==, 1);       /* PCM */
  g_assert_cmpuint (read_u16 (bytes + 22), ==, 1);       /* mono */
  g_assert_cmpuint (read_u32 (bytes + 24), ==, 16000);
  g_assert_cmpuint (read_u16 (bytes + 34), ==, 16);
  g_assert_cmpuint (length, ==, 44 + mado_audio_buffer_get_length (audio) * 2);

  decoded = mado_audio_buffer_new_from_wav (bytes, length, &error);
  g_assert_no_error (error);
  g_assert_true (mado_test_same_samples (decoded, audio));
}

static const char *
field (FakeRequest *request,
       const char  *name)
{
  return g_hash_table_lookup (request->fields, name);
}

/* The wire formats. */

static void
test_whisper_cpp_request (TranscriptionFixture *fixture,
                          gconstpointer         data)
{
  /* Madoguchi's codes become Whisper's. */
  static const struct {
    const char *language;
    const char *whisper;
  } codes[] = {
    { "pt-BR", "pt" }, { "zh-Hans", "zh" }, { "zh-Hant", "zh" }, { "fil", "tl" }, { "ja", "ja" }, { "ne", "ne" },
  };

  fake_provider_set_transcript (fixture->fake, "Bom dia, eu gostaria de mudar o meu endereço.");
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autoptr(GatewayResponse) response = recognize (fixture, codes[i].language, speech);
      g_autoptr(FakeRequest) request = dup_only_request (fixture->fake);

      /* The fake's segment has avg_logprob -0.25. */
      assert_recognized (response, "Bom dia, eu gostaria de mudar o meu endereço.", codes[i].language,
                         exp (-0.25));
      g_assert_cmpstr (request->method, ==, "POST");
      g_assert_cmpstr (request->path, ==, "/inference");
      g_assert_cmpstr (request->content_type, ==, "multipart/form-data");
      g_assert_cmpstr (request->file_content_type, ==, "audio/wav");
      assert_wav_of (request->file, speech);
      g_assert_cmpstr (field (request, "language"), ==, codes[i].whisper);
      g_assert_cmpstr (field (request, "response_format"), ==, "verbose_json");
      g_assert_cmpstr (field (request, "temperature"), ==, "0.0");
      g_assert_cmpstr (field (request, "no_timestamps"), ==, "true");
      g_assert_cmpstr (field (request, "no_language_probabilities"), ==, "true");
      g_assert_null (field (request, "prompt"));
      g_assert_null (soup_message_headers_get_one (request->headers, "Authorization"));
      fake_provider_clear_requests (fixture->fake);
    }

  {
    /* Easy Japanese is written, not spoken: no Whisper language, and nothing is sent. */
    g_autoptr(GatewayResponse) easy = recognize (fixture, "ja-x-easy", speech);

    gateway_assert_error (easy, 422, "unsupported_language");
    g_assert_cmpuint (fake_provider_count_requests (fixture->fake, "/inference"), ==, 0);
  }
}

static void
test_whisper_cpp_behind_proxy (TranscriptionFixture *fixture,
                               gconstpointer         data)
{
  g_autoptr(GatewayResponse) response = recognize (fixture, "ja", speech);
  g_autoptr(FakeRequest) request = dup_only_request (fixture->fake);

  assert_recognized (response, "こんにちは", "ja", exp (-0.25));
  g_assert_cmpstr (soup_message_headers_get_one (request->headers, "Authorization"), ==, "Bearer " TEST_KEY);
  g_assert_cmpstr (field (request, "prompt"), ==, "住民票、転入届");
}

static void
test_openai_request (TranscriptionFixture *fixture,
                     gconstpointer         data)
{
  g_autoptr(GatewayResponse) response = NULL;
  g_autoptr(FakeRequest) request = NULL;

  fake_provider_set_transcript (fixture->fake, "I would like to register my new address.");
  response = recognize (fixture, "en", speech);
  request = dup_only_request (fixture->fake);

  /* OpenAI's json format carries no probabilities. */
  assert_recognized (response, "I would like to register my new address.", "en", -1);
  g_assert_cmpstr (request->path, ==, "/v1/audio/transcriptions");
  g_assert_cmpstr (request->content_type, ==, "multipart/form-data");
  assert_wav_of (request->file, speech);
  g_assert_cmpstr (field (request, "model"), ==, "gpt-4o-mini-transcribe");
  g_assert_cmpstr (field (request, "language"), ==, "en");
  g_assert_cmpstr (field (request, "response_format"), ==, "json");
  g_assert_cmpstr (soup_message_headers_get_one (request->headers, "Authorization"), ==, "Bearer " TEST_KEY);
}

static void
test_capabilities (TranscriptionFixture *fixture,
                   gconstpointer         data)
{
  g_autoptr(GatewayResponse) response = gateway_request (&fixture->base.gateway, "GET", "/v1/capabilities",
                                                         TOKEN, NULL, NULL);
  JsonArray *entries;
  guint n_listed = 0;

  g_assert_cmpuint (response->status, ==, 200);
  entries = json_object_get_array_member (gateway_response_object (response), "recognize");
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);
      const char *language = json_object_get_string_member (entry, "language");
      JsonArray *providers = json_object_get_array_member (entry, "providers");

      if (g_str_equal (language, "ja-x-easy"))
        {
          g_assert_cmpuint (json_array_get_length (providers), ==, 0);
          continue;
        }
      /* Open dictation, not a fixed set of sentences. */
      g_assert_cmpuint (json_array_get_length (providers), ==, 1);
      g_assert_cmpstr (json_array_get_string_element (providers, 0), ==, PROVIDER);
      g_assert_false (json_object_get_boolean_member (entry, "constrained"));
      n_listed++;
    }
  /* Every Madoguchi language but Easy Japanese. */
  g_assert_cmpuint (n_listed, ==, 14);
}

/* The guard. */

static MadoAudioBuffer *
make_click (void)
{
  g_autoptr(MadoAudioBuffer) click = mado_audio_buffer_new (16000);
  gint16 *samples = g_new0 (gint16, 16000);

  /* A key striking the counter: 3 ms, loud, in a second of silence. */
  for (guint i = 8000; i < 8048; i++)
    samples[i] = (i % 2 == 0 ? 1 : -1) * 24000;
  mado_audio_buffer_append (click, samples, 16000);
  g_free (samples);
  return g_steal_pointer (&click);
}

static void
test_silence_not_sent (TranscriptionFixture *fixture,
                       gconstpointer         data)
{
  const Setup *setup = data;
  const char *path = setup->service == FAKE_SERVICE_OPENAI ? "/v1/audio/transcriptions" : "/inference";
  g_autoptr(MadoAudioBuffer) silence = mado_audio_buffer_new (16000);
  g_autoptr(MadoAudioBuffer) click = make_click ();
  g_autoptr(MadoAudioBuffer) nothing = mado_audio_buffer_new (16000);
  g_autofree gint16 *zeros = g_new0 (gint16, 32000);
  g_autoptr(GatewayResponse) quiet = NULL;
  g_autoptr(GatewayResponse) clicked = NULL;
  g_autoptr(GatewayResponse) empty = NULL;
  g_autoptr(GatewayResponse) spoken = NULL;

  mado_audio_buffer_append (silence, zeros, 32000);
  quiet = recognize (fixture, "ja", silence);
  clicked = recognize (fixture, "en", click);
  empty = recognize (fixture, "en", nothing);

  gateway_assert_error (quiet, 422, "no_speech");
  gateway_assert_error (clicked, 422, "no_speech");
  gateway_assert_error (empty, 422, "no_speech");
  g_assert_cmpuint (fake_provider_count_requests (fixture->fake, path), ==, 0);

  /* Speech right after is sent. */
  spoken = recognize (fixture, "ja", speech);
  g_assert_cmpuint (spoken->status, ==, 200);
  g_assert_cmpuint (fake_provider_count_requests (fixture->fake, path), ==, 1);
}

static void
test_hallucinations_refused (TranscriptionFixture *fixture,
                             gconstpointer         data)
{
  const char *refused[] = {
    "ご視聴ありがとうございました",
    " Thank you for watching.",
    "[BLANK_AUDIO]",
    /* The city's own line, from its block-list file. */
    "Subscribe to our channel!",
  };
  g_autoptr(GatewayResponse) kept = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GatewayResponse) response = NULL;

      fake_provider_set_transcript (fixture->fake, refused[i]);
      response = recognize (fixture, "ja", speech);
      gateway_assert_error (response, 422, "no_speech");
    }
  g_assert_cmpuint (fake_provider_count_requests (fixture->fake, "/inference"), ==, G_N_ELEMENTS (refused));

  /* Inside longer speech the same words are the resident's own. */
  fake_provider_set_transcript (fixture->fake, "Thank you for watching over my child.");
  kept = recognize (fixture, "en", speech);
  assert_recognized (kept, "Thank you for watching over my child.", "en", exp (-0.25));
}

static void
test_no_speech_threshold (TranscriptionFixture *fixture,
                          gconstpointer         data)
{
  /* The fake's one segment has no_speech_prob 0.02, above the configured 0.01: whisper.cpp's
   * model itself judged the audio to be no speech, whatever text it wrote. */
  g_autoptr(GatewayResponse) response = recognize (fixture, "ja", speech);

  gateway_assert_error (response, 422, "no_speech");
  g_assert_cmpuint (fake_provider_count_requests (fixture->fake, "/inference"), ==, 1);
}

static void
test_bad_block_list (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("madoguchi-transcription-XXXXXX", &error);
  g_autofree char *missing = g_build_filename (dir, "no-such-list.txt", NULL);
  g_autofree char *latin1 = gateway_test_write_file (dir, "latin1.txt", "# ok\nGr\xfc\xdf Gott\n");
  const char *const lists[] = { missing, latin1 };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      g_autofree char *text = g_strdup_printf ("[gateway]\nlisten = 127.0.0.1:0\n\n"
                                               "[provider asr]\ntype = whisper-cpp\nblock-list = %s\n\n"
                                               "[route]\nrecognize = asr\n", lists[i]);
      /* A file of its own each time: gateway_test_write_file() writes in place, and GLib 2.74
       * does not cut off what a longer earlier text left at the end. */
      g_autofree char *name = g_strdup_printf ("gateway-%u.conf", i);
      g_autofree char *config = gateway_test_write_file (dir, name, text);
      g_autofree char *standard_error = NULL;
      int status = gateway_run_to_exit (&standard_error, "--config", config, NULL);

      g_assert_cmpint (status, ==, 1);
      g_assert_nonnull (strstr (standard_error, "block-list"));
      g_assert_nonnull (strstr (standard_error, lists[i]));
    }
  gateway_test_remove_tree (dir);
}

/* Faults. */

typedef struct {
  FakeBehaviour  behaviour;
  guint          status;
  const char    *code;
  gboolean       retry_after;  /* the fake's Retry-After reaches the client */
  const char    *path;         /* where the fake counts the request */
} Fault;

/* Each fault once, then a normal request: @confidence is what the fake's normal answer gives. */
static void
run_faults (TranscriptionFixture *fixture,
            const Fault          *faults,
            gsize                 n_faults,
            double                confidence)
{
  fake_provider_set_retry_after (fixture->fake, 1);
  for (gsize i = 0; i < n_faults; i++)
    {
      g_autoptr(GatewayResponse) failed = NULL;
      g_autoptr(GatewayResponse) next = NULL;
      const char *retry_after;

      g_test_message ("fake behaviour %d: expecting %s", faults[i].behaviour, faults[i].code);
      fake_provider_clear_requests (fixture->fake);
      fake_provider_set_behaviour (fixture->fake, faults[i].behaviour, 1);
      failed = recognize (fixture, "ja", speech);
      gateway_assert_error (failed, faults[i].status, faults[i].code);
      retry_after = soup_message_headers_get_one (failed->headers, "Retry-After");
      if (faults[i].retry_after)
        g_assert_cmpstr (retry_after, ==, "1");
      else
        g_assert_null (retry_after);
      /* With retries = 0, one request per utterance: a fault is never sent twice. */
      g_assert_cmpuint (fake_provider_count_requests (fixture->fake, faults[i].path), ==, 1);

      /* One failure does not take the provider out: the next utterance is recognised. */
      next = recognize (fixture, "ja", speech);
      assert_recognized (next, "こんにちは", "ja", confidence);
    }
}

static void
test_whisper_cpp_faults (TranscriptionFixture *fixture,
                         gconstpointer         data)
{
  static const Fault faults[] = {
    /* A proxy in front that wants a key. */
    { FAKE_BEHAVIOUR_WRONG_KEY, 502, "provider_auth_failed", FALSE, "/inference" },
    /* The transcript "" is Whisper's way of saying it heard nothing. */
    { FAKE_BEHAVIOUR_EMPTY, 422, "no_speech", FALSE, "/inference" },
    { FAKE_BEHAVIOUR_HUGE, 502, "provider_bad_response", FALSE, "/inference" },
    /* A reverse proxy's 502 page says the server behind it is down. */
    { FAKE_BEHAVIOUR_HTML, 503, "provider_unavailable", FALSE, "/inference" },
    /* {"status":"loading model"} */
    { FAKE_BEHAVIOUR_UNAVAILABLE, 503, "provider_unavailable", TRUE, "/inference" },
    { FAKE_BEHAVIOUR_RATE_LIMITED, 503, "provider_unavailable", TRUE, "/inference" },
    { FAKE_BEHAVIOUR_SERVER_ERROR, 503, "provider_unavailable", FALSE, "/inference" },
    { FAKE_BEHAVIOUR_HANG, 504, "timeout", FALSE, "/inference" },
  };

  run_faults (fixture, faults, G_N_ELEMENTS (faults), exp (-0.25));
}

static void
test_openai_faults (TranscriptionFixture *fixture,
                    gconstpointer         data)
{
  static const Fault faults[] = {
    { FAKE_BEHAVIOUR_WRONG_KEY, 502, "provider_auth_failed", FALSE, "/v1/audio/transcriptions" },
    /* 429 with insufficient_quota: waiting does not help, paying does. */
    { FAKE_BEHAVIOUR_QUOTA, 503, "provider_quota_exceeded", FALSE, "/v1/audio/transcriptions" },
    /* 429 rate_limit_exceeded: waiting does. */
    { FAKE_BEHAVIOUR_RATE_LIMITED, 503, "provider_unavailable", TRUE, "/v1/audio/transcriptions" },
    /* A captive portal's page with 200. */
    { FAKE_BEHAVIOUR_HTML, 502, "provider_bad_response", FALSE, "/v1/audio/transcriptions" },
    { FAKE_BEHAVIOUR_EMPTY, 422, "no_speech", FALSE, "/v1/audio/transcriptions" },
    { FAKE_BEHAVIOUR_HUGE, 502, "provider_bad_response", FALSE, "/v1/audio/transcriptions" },
    { FAKE_BEHAVIOUR_UNAVAILABLE, 503, "provider_unavailable", TRUE, "/v1/audio/transcriptions" },
    { FAKE_BEHAVIOUR_SERVER_ERROR, 503, "provider_unavailable", FALSE, "/v1/audio/transcriptions" },
    { FAKE_BEHAVIOUR_HANG, 504, "timeout", FALSE, "/v1/audio/transcriptions" },
  };

  run_faults (fixture, faults, G_N_ELEMENTS (faults), -1);
}

static void
test_model_loading_waited_for (TranscriptionFixture *fixture,
                               gconstpointer         data)
{
  g_autoptr(GatewayResponse) response = NULL;
  gint64 start = g_get_monotonic_time ();

  /* A server still loading its model asks for a second; with the default retries the gateway
   * waits that second and the resident's words still come through. */
  fake_provider_set_retry_after (fixture->fake, 1);
  fake_provider_set_behaviour (fixture->fake, FAKE_BEHAVIOUR_UNAVAILABLE, 1);
  response = recognize (fixture, "ja", speech);

  assert_recognized (response, "こんにちは", "ja", exp (-0.25));
  g_assert_cmpuint (fake_provider_count_requests (fixture->fake, "/inference"), ==, 2);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC);
}

static void
test_quota_not_retried (TranscriptionFixture *fixture,
                        gconstpointer         data)
{
  g_autoptr(GatewayResponse) refused = NULL;
  g_autoptr(GatewayResponse) again = NULL;

  /* With the default retries, a 429 for lack of credit still reaches the service once: no retry
   * can cure it, and it says nothing against the service's health. */
  fake_provider_set_behaviour (fixture->fake, FAKE_BEHAVIOUR_QUOTA, 1);
  refused = recognize (fixture, "ja", speech);
  gateway_assert_error (refused, 503, "provider_quota_exceeded");
  g_assert_cmpuint (fake_provider_count_requests (fixture->fake, "/v1/audio/transcriptions"), ==, 1);

  again = recognize (fixture, "ja", speech);
  assert_recognized (again, "こんにちは", "ja", -1);
}

static const Setup whisper_cpp = { FAKE_SERVICE_WHISPER_CPP, FALSE, FAULT_HTTP_KEYS, NULL };
static const Setup whisper_cpp_with_key = {
  FAKE_SERVICE_WHISPER_CPP, TRUE, FAULT_HTTP_KEYS, "prompt = 住民票、転入届\n"
};
static const Setup whisper_cpp_strict = {
  FAKE_SERVICE_WHISPER_CPP, FALSE, FAULT_HTTP_KEYS, "no-speech-threshold = 0.01\n"
};
static const Setup whisper_cpp_default_retries = { FAKE_SERVICE_WHISPER_CPP, FALSE, "timeout = 5\n", NULL };
static const Setup openai_default_retries = { FAKE_SERVICE_OPENAI, TRUE, "timeout = 5\n", NULL };
static const Setup openai = { FAKE_SERVICE_OPENAI, TRUE, FAULT_HTTP_KEYS, "model = gpt-4o-mini-transcribe\n" };

#define ADD_TEST(path, setup, function) \
  g_test_add ((path), TranscriptionFixture, (setup), fixture_set_up, (function), fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  speech = gateway_test_speech ("Hello, I would like to register my new address, please.");

  ADD_TEST ("/gateway/transcription/whisper-cpp/request", &whisper_cpp, test_whisper_cpp_request);
  ADD_TEST ("/gateway/transcription/openai/quota-not-retried", &openai_default_retries, test_quota_not_retried);
  ADD_TEST ("/gateway/transcription/whisper-cpp/behind-proxy", &whisper_cpp_with_key, test_whisper_cpp_behind_proxy);
  ADD_TEST ("/gateway/transcription/whisper-cpp/capabilities", &whisper_cpp, test_capabilities);
  ADD_TEST ("/gateway/transcription/whisper-cpp/silence-not-sent", &whisper_cpp, test_silence_not_sent);
  ADD_TEST ("/gateway/transcription/whisper-cpp/hallucinations", &whisper_cpp, test_hallucinations_refused);
  ADD_TEST ("/gateway/transcription/whisper-cpp/no-speech-threshold", &whisper_cpp_strict,
            test_no_speech_threshold);
  ADD_TEST ("/gateway/transcription/whisper-cpp/faults", &whisper_cpp, test_whisper_cpp_faults);
  ADD_TEST ("/gateway/transcription/whisper-cpp/model-loading", &whisper_cpp_default_retries,
            test_model_loading_waited_for);
  ADD_TEST ("/gateway/transcription/openai/request", &openai, test_openai_request);
  ADD_TEST ("/gateway/transcription/openai/silence-not-sent", &openai, test_silence_not_sent);
  ADD_TEST ("/gateway/transcription/openai/faults", &openai, test_openai_faults);
  g_test_add_func ("/gateway/transcription/bad-block-list", test_bad_block_list);

  status = g_test_run ();
  mado_audio_buffer_unref (speech);
  return status;
}

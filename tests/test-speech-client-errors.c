/* test-speech-client-errors.c: the Speech API client against error answers and broken connections
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-speech-client.h"

#include <string.h>

#include "mado-fault-server.h"
#include "mado-speech-test-server.h"

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

/* Connection failures */

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

#define ADD(path, function) \
  g_test_add ("/madoguchi/speech-client/" path, Fixture, NULL, fixture_set_up, function, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_log_set_writer_func (log_writer, NULL, NULL);

  ADD ("rate-limited", test_rate_limited);
  ADD ("api-errors", test_api_errors);
  ADD ("provider-unavailable", test_provider_unavailable_retry_after);
  ADD ("answers-from-elsewhere", test_answers_from_elsewhere);
  ADD ("bad-answers", test_bad_answers);
  g_test_add_func ("/madoguchi/speech-client/refused", test_refused);
  g_test_add_func ("/madoguchi/speech-client/no-such-host", test_no_such_host);
  g_test_add_func ("/madoguchi/speech-client/reset-before-answer", test_reset_before_answer);
  g_test_add_func ("/madoguchi/speech-client/reset-mid-answer", test_reset_mid_answer);
  g_test_add_func ("/madoguchi/speech-client/timeout", test_timeout);
  g_test_add_func ("/madoguchi/speech-client/huge-answer", test_huge_answer);

  return g_test_run ();
}


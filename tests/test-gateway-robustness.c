/* test-gateway-robustness.c: limits, malformed, truncated, oversized and slow requests, and
 * many clients at once, against the real gateway
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-gateway-test-utils.h"

#include <string.h>

/* Short names for the fixture's token and the API's audio media type. */
#define TOKEN GATEWAY_TEST_TOKEN
#define PCM   GATEWAY_TEST_PCM

static char *
repeat (const char *text,
        guint       times)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < times; i++)
    g_string_append (out, text);
  return g_string_free (out, FALSE);
}

static void
test_limit_text (GatewayFixture *fixture,
                 gconstpointer   data)
{
  g_autofree char *allowed = repeat ("窓", 2000);
  g_autofree char *over = repeat ("窓", 2001);
  g_autoptr(GatewayResponse) at_limit = gateway_translate (fixture, allowed, "ja", "vi", FALSE);
  g_autoptr(GatewayResponse) too_long = gateway_translate (fixture, over, "ja", "vi", FALSE);
  g_autoptr(GatewayResponse) speech_too_long = NULL;
  g_autofree char *speech_body = g_strdup_printf ("{\"text\": \"%s\", \"language\": \"en\"}", over);

  /* 2,000 characters are read and matched (against nothing); 2,001 are refused. */
  gateway_assert_error (at_limit, 422, "no_translation");
  gateway_assert_error (too_long, 413, "payload_too_large");

  speech_too_long = gateway_post_json (&fixture->gateway, "/v1/synthesize", TOKEN, speech_body);
  gateway_assert_error (speech_too_long, 413, "payload_too_large");
}

static void
test_limit_json (GatewayFixture *fixture,
                 gconstpointer   data)
{
  /* Well-formed JSON of 65 KiB, mostly an unknown member's value. */
  g_autofree char *padding = repeat ("x", 65 * 1024);
  g_autofree char *body = g_strdup_printf ("{\"text\": \"I need a taxi\", \"source\": \"en\", "
                                           "\"target\": \"ja\", \"padding\": \"%s\"}", padding);
  g_autoptr(GatewayResponse) response = gateway_post_json (&fixture->gateway, "/v1/translate", TOKEN, body);
  g_autoptr(GatewayResponse) next = gateway_translate (fixture, "I need a taxi", "en", "ja", FALSE);

  gateway_assert_error (response, 413, "payload_too_large");
  g_assert_cmpuint (next->status, ==, 200);
}

static void
test_limit_audio (GatewayFixture *fixture,
                  gconstpointer   data)
{
  /* 31 s of 16 kHz 16-bit mono, declared up front and streamed in chunks. */
  gsize length = 31 * 16000 * 2;
  g_autofree guint8 *silence = g_malloc0 (length);
  g_autoptr(GBytes) body = g_bytes_new_static (silence, length);
  g_autoptr(GatewayResponse) declared = gateway_request (&fixture->gateway, "POST", "/v1/recognize?language=en",
                                                         TOKEN, PCM, body);
  g_autoptr(GSocketConnection) connection = raw_connect (&fixture->gateway);
  g_autoptr(GatewayResponse) streamed = NULL;
  const char *head = "POST /v1/recognize?language=en HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     "Authorization: Bearer " TOKEN "\r\nContent-Type: " PCM "\r\n"
                     "Transfer-Encoding: chunked\r\n\r\n";
  gsize sent = 0;

  gateway_assert_error (declared, 413, "payload_too_large");

  /* Chunked: refused as soon as the 960,000th byte is passed; the rest is never read. */
  raw_write (connection, head, strlen (head));
  while (sent <= 960000)
    {
      raw_write_chunk (connection, silence + sent, 32000);
      sent += 32000;
    }
  streamed = raw_read_response (connection);
  g_assert_nonnull (streamed);
  gateway_assert_error (streamed, 413, "payload_too_large");
  g_assert_cmpstr (soup_message_headers_get_one (streamed->headers, "Connection"), ==, "close");
  g_assert_nonnull (soup_message_headers_get_one (streamed->headers, "X-Request-Id"));
}

/* Sends a 50 MB body without waiting, as a client that ignores limits would, and stops when the
 * answer comes. Returns the answer and how much was sent by then. */
static GatewayResponse *
send_huge_body (GatewayFixture *fixture,
                const char *head,
                gsize      *sent)
{
  g_autoptr(GSocketConnection) connection = raw_connect (&fixture->gateway);
  GSocket *socket = g_socket_connection_get_socket (connection);
  static guint8 zeros[65536];
  gsize total = 50 * 1000 * 1000;

  raw_write (connection, head, strlen (head));
  g_socket_set_blocking (socket, FALSE);
  *sent = 0;
  while (*sent < total)
    {
      GIOCondition condition;
      gssize n;

      g_assert_true (g_socket_condition_timed_wait (socket, G_IO_IN | G_IO_OUT, 30 * G_USEC_PER_SEC, NULL, NULL));
      condition = g_socket_condition_check (socket, G_IO_IN | G_IO_OUT | G_IO_HUP | G_IO_ERR);
      if (condition & (G_IO_IN | G_IO_HUP | G_IO_ERR))
        break;

      n = g_socket_send (socket, (const char *) zeros, MIN (sizeof zeros, total - *sent), NULL, NULL);
      if (n < 0)
        break;  /* the gateway closed its side: the answer is already on its way */
      *sent += (gsize) n;
    }

  g_socket_set_blocking (socket, TRUE);
  return raw_read_response (connection);
}

static void
test_limit_huge_body (GatewayFixture *fixture,
                      gconstpointer   data)
{
  const char *declared = "POST /v1/translate HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                         "Authorization: Bearer " TOKEN "\r\nContent-Type: application/json\r\n"
                         "Content-Length: 50000000\r\n\r\n";
  const char *chunked = "POST /v1/translate HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        "Authorization: Bearer " TOKEN "\r\nContent-Type: application/json\r\n"
                        "Transfer-Encoding: chunked\r\n\r\n1000000\r\n";
  const char *unknown_path = "POST /v1/upload HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                             "Content-Type: application/json\r\nContent-Length: 50000000\r\n\r\n";
  g_autoptr(GatewayResponse) first = NULL;
  g_autoptr(GatewayResponse) second = NULL;
  g_autoptr(GatewayResponse) third = NULL;
  g_autoptr(GatewayResponse) next = NULL;
  gsize sent;

  /* Refused from the headers alone: far less than the 50 MB went out before the answer (what
   * did is the loopback buffers and the gateway's short discard before closing). */
  first = send_huge_body (fixture, declared, &sent);
  g_assert_nonnull (first);
  gateway_assert_error (first, 413, "payload_too_large");
  g_test_message ("sent %" G_GSIZE_FORMAT, sent);
  g_assert_cmpuint (sent, <, 10 * 1000 * 1000);

  /* One chunk of 16 MiB announced: refused once 64 KiB of it were read. */
  second = send_huge_body (fixture, chunked, &sent);
  g_assert_nonnull (second);
  gateway_assert_error (second, 413, "payload_too_large");
  g_test_message ("sent %" G_GSIZE_FORMAT, sent);
  g_assert_cmpuint (sent, <, 10 * 1000 * 1000);

  /* An unknown path gets its 404 the same way, without the body being read. */
  third = send_huge_body (fixture, unknown_path, &sent);
  g_assert_nonnull (third);
  gateway_assert_error (third, 404, "not_found");
  g_test_message ("sent %" G_GSIZE_FORMAT, sent);
  g_assert_cmpuint (sent, <, 10 * 1000 * 1000);

  next = gateway_translate (fixture, "I need a taxi", "en", "ja", FALSE);
  g_assert_cmpuint (next->status, ==, 200);
}

static void
test_malformed_http (GatewayFixture *fixture,
                     gconstpointer   data)
{
#define REQUEST(text) { text, sizeof text - 1 }
  static const struct {
    const char *bytes;
    gsize       length;
  } requests[] = {
    REQUEST ("HELLO GATEWAY\r\n\r\n"),
    REQUEST ("POST /v1/translate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: banana\r\n\r\n"),
    REQUEST ("POST /v1/translate HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: gzip\r\n\r\n"),
    REQUEST ("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 not really TLS\r\n\r\n"),
  };
#undef REQUEST

  for (guint i = 0; i < G_N_ELEMENTS (requests); i++)
    {
      g_autoptr(GSocketConnection) connection = raw_connect (&fixture->gateway);
      g_autoptr(GatewayResponse) response = NULL;

      raw_write (connection, requests[i].bytes, requests[i].length);
      response = raw_read_response (connection);
      /* libsoup refuses these itself, with a 4xx or 5xx status, before the gateway sees them. */
      g_assert_nonnull (response);
      g_assert_cmpuint (response->status, >=, 400);
      gateway_assert_still_serving (fixture);
    }
}

static void
test_truncated_body (GatewayFixture *fixture,
                     gconstpointer   data)
{
  const char *head = "POST /v1/translate HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " TOKEN "\r\n"
                     "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"text\": \"I ne";
  const char *audio_head = "POST /v1/recognize?language=en HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                           "Authorization: Bearer " TOKEN "\r\nContent-Type: " PCM "\r\n"
                           "Transfer-Encoding: chunked\r\n\r\n";
  g_autofree guint8 *silence = g_malloc0 (6400);

  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(GSocketConnection) json = raw_connect (&fixture->gateway);
      g_autoptr(GSocketConnection) audio = raw_connect (&fixture->gateway);

      raw_write (json, head, strlen (head));
      /* A recognition whose speaker walks away: its decoder must be freed for the next one. */
      raw_write (audio, audio_head, strlen (audio_head));
      raw_write_chunk (audio, silence, 6400);
      g_io_stream_close (G_IO_STREAM (json), NULL, NULL);
      g_io_stream_close (G_IO_STREAM (audio), NULL, NULL);
    }

  gateway_assert_still_serving (fixture);

  {
    g_autoptr(MadoAudioBuffer) speech = gateway_test_speech ("I need a taxi.");
    g_autoptr(GBytes) bytes = gateway_test_pcm (speech);
    g_autoptr(GatewayResponse) response = NULL;

    /* Both decoders come back once the gateway notices the closed connections. */
    for (guint attempt = 0; attempt < 50; attempt++)
      {
        g_clear_pointer (&response, gateway_response_free);
        response = gateway_recognize_streamed (fixture, "en", bytes, 4000);
        if (response->status != 429)
          break;
        g_usleep (100 * 1000);
      }
    g_assert_cmpuint (response->status, ==, 200);
    g_assert_cmpstr (json_object_get_string_member (gateway_response_object (response), "text"), ==, "i need a taxi");
  }
}

static void
test_idle_client (GatewayFixture *fixture,
                  gconstpointer   data)
{
  g_autoptr(GSocketConnection) idle = raw_connect (&fixture->gateway);
  const char *head = "POST /v1/translate HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " TOKEN "\r\n"
                     "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"text\"";
  GSocket *socket = g_socket_connection_get_socket (idle);
  gint64 started = g_get_monotonic_time ();
  char buffer[256];
  gssize n_read;

  raw_write (idle, head, strlen (head));

  /* The idle client holds nothing up. */
  gateway_assert_still_serving (fixture);

  /* After 10 s without a byte the gateway hangs up (possibly with an answer first). */
  g_socket_set_timeout (socket, 60);
  do
    n_read = g_socket_receive (socket, buffer, sizeof buffer, NULL, NULL);
  while (n_read > 0);
  g_assert_cmpint (n_read, <=, 0);
  g_assert_cmpint (g_get_monotonic_time () - started, >=, 9 * G_USEC_PER_SEC);

  gateway_assert_still_serving (fixture);
}

typedef struct {
  GatewayFixture *fixture;
  guint    n_ok;
} Worker;

static gpointer
run_worker (gpointer data)
{
  Worker *worker = data;
  g_autoptr(SoupSession) session = gateway_session_new ();
  g_autofree char *url = g_strconcat (worker->fixture->gateway.url, "v1/translate", NULL);
  const char *json = "{\"text\":\"お手洗いはどこですか\",\"source\":\"ja\",\"target\":\"en\",\"back_translate\":true}";

  for (guint i = 0; i < 40; i++)
    {
      g_autoptr(SoupMessage) message = soup_message_new ("POST", url);
      g_autoptr(GBytes) request_body = g_bytes_new_static (json, strlen (json));
      g_autoptr(GBytes) body = NULL;
      gsize length;
      const char *text;

      soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", "Bearer " TOKEN);
      soup_message_set_request_body_from_bytes (message, "application/json", request_body);
      body = soup_session_send_and_read (session, message, NULL, NULL);
      if (body == NULL || soup_message_get_status (message) != 200)
        continue;
      text = g_bytes_get_data (body, &length);
      if (g_strstr_len (text, (gssize) length, "\"translation\":\"Where is the toilet?\"") != NULL)
        worker->n_ok++;
    }
  return NULL;
}

static void
test_concurrent (GatewayFixture *fixture,
                 gconstpointer   data)
{
  Worker workers[8];
  GThread *threads[G_N_ELEMENTS (workers)];
  g_autoptr(MadoAudioBuffer) speech = gateway_test_speech ("Please wait a moment.");
  g_autoptr(GBytes) audio = gateway_test_pcm (speech);
  g_autoptr(GatewayResponse) recognized = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (workers); i++)
    {
      workers[i] = (Worker) { fixture, 0 };
      threads[i] = g_thread_new ("client", run_worker, &workers[i]);
    }

  /* A recognition in the middle of the translations. */
  recognized = gateway_recognize_streamed (fixture, "en", audio, 3200);

  for (guint i = 0; i < G_N_ELEMENTS (workers); i++)
    {
      g_thread_join (threads[i]);
      g_assert_cmpuint (workers[i].n_ok, ==, 40);
    }

  g_assert_cmpuint (recognized->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (gateway_response_object (recognized), "text"), ==,
                   "please wait a moment");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/madoguchi/gateway/" path, GatewayFixture, NULL, gateway_fixture_set_up, func, \
              gateway_fixture_tear_down)

  ADD ("limits/text", test_limit_text);
  ADD ("limits/json", test_limit_json);
  ADD ("limits/audio", test_limit_audio);
  ADD ("limits/huge-body", test_limit_huge_body);
  ADD ("robustness/malformed-http", test_malformed_http);
  ADD ("robustness/truncated-body", test_truncated_body);
  ADD ("robustness/idle-client", test_idle_client);
  ADD ("robustness/concurrent", test_concurrent);

#undef ADD

  return g_test_run ();
}

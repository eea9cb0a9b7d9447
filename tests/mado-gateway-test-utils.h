/* mado-gateway-test-utils.h: a real madoguchi-gateway process for tests, and HTTP to reach it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "mado-audio-buffer.h"

G_BEGIN_DECLS

#define GATEWAY_TEST_TOKEN "madoguchi-test-token-7f3a9c21"
#define GATEWAY_TEST_PCM   "audio/x-pcm;bit=16;rate=16000;channels=1"

/* A gateway started as its own process on 127.0.0.1 with a free port. */
typedef struct {
  GSubprocess *process;
  char        *url;      /* "http://127.0.0.1:PORT/" */
  guint16      port;
} GatewayProcess;

/* $MADOGUCHI_GATEWAY, set by meson to the gateway just built. */
const char *gateway_test_program        (void);
/* Starts `madoguchi-gateway ARGS…` in a process group of its own and waits for its
 * "listening on" line; fails the test if it does not come. */
void        gateway_process_start       (GatewayProcess  *gateway,
                                         const char      *first_argument,
                                         ...) G_GNUC_NULL_TERMINATED;
/* The same with the gateway's standard error written to @log_path and its debug messages on,
 * for tests that check what it logs. */
void        gateway_process_start_logged (GatewayProcess *gateway,
                                          const char     *log_path,
                                          const char     *first_argument,
                                          ...) G_GNUC_NULL_TERMINATED;
/* The same with one more environment variable for the gateway alone: setting it in the test's
 * own environment is unsafe once libsoup's or GLib's threads run. */
void        gateway_process_start_with_variable (GatewayProcess *gateway,
                                          const char     *name,
                                          const char     *value,
                                          const char     *first_argument,
                                          ...) G_GNUC_NULL_TERMINATED;
/* The same for another server that prints "listening on URL" (the benchmark's baseline). */
void        gateway_process_start_program (GatewayProcess *gateway,
                                           const char     *program,
                                           const char     *first_argument,
                                           ...) G_GNUC_NULL_TERMINATED;
/* SIGTERM, then waits; returns the exit status, or -1 when it had to be killed. */
int         gateway_process_stop        (GatewayProcess  *gateway);
/* Runs the gateway to completion (for configurations it must refuse); returns its exit status
 * and what it wrote to standard error. */
int         gateway_run_to_exit         (char           **standard_error,
                                         const char      *first_argument,
                                         ...) G_GNUC_NULL_TERMINATED;

/* A response read back by the helpers below. */
typedef struct {
  guint               status;
  SoupMessageHeaders *headers;
  GBytes             *body;
  JsonNode           *json;     /* the body parsed, when it was JSON */
} GatewayResponse;

void             gateway_response_free     (GatewayResponse *response);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GatewayResponse, gateway_response_free)

/* The "error"."code" of an error response, or NULL. */
const char      *gateway_response_error_code (GatewayResponse *response);
JsonObject      *gateway_response_object   (GatewayResponse *response);

SoupSession     *gateway_session_new       (void);
/* An ordinary request through libsoup; @token may be NULL, @body NULL for none. */
GatewayResponse *gateway_request           (GatewayProcess  *gateway,
                                            const char      *method,
                                            const char      *path,
                                            const char      *token,
                                            const char      *content_type,
                                            GBytes          *body);
GatewayResponse *gateway_post_json         (GatewayProcess  *gateway,
                                            const char      *path,
                                            const char      *token,
                                            const char      *json);

/* Plain sockets, for what an HTTP library would not send: chunked streaming at our own pace,
 * endless bodies, malformed and abandoned requests. */
GSocketConnection *raw_connect             (GatewayProcess  *gateway);
void             raw_write                 (GSocketConnection *connection,
                                            const void      *data,
                                            gsize            length);
void             raw_write_chunk           (GSocketConnection *connection,
                                            const void      *data,
                                            gsize            length);
/* Reads one response (Content-Length bodies); NULL when the connection closed first. */
GatewayResponse *raw_read_response         (GSocketConnection *connection);

/* The standard fixture: a temporary folder with a phrase database of four phrases (ja, en, vi,
 * one with ja-x-easy, one with ko instead of vi), and a gateway reading it with the token
 * GATEWAY_TEST_TOKEN. The test data may be extra configuration text. The teardown stops the
 * gateway with SIGTERM and checks that it exited cleanly. */
typedef struct {
  char           *dir;
  char           *database;
  GatewayProcess  gateway;
} GatewayFixture;

void             gateway_fixture_set_up       (GatewayFixture  *fixture,
                                               gconstpointer    data);
void             gateway_fixture_tear_down    (GatewayFixture  *fixture,
                                               gconstpointer    data);
void             gateway_test_seed_database   (const char      *path);
char            *gateway_test_write_file      (const char      *dir,
                                               const char      *name,
                                               const char      *contents);
void             gateway_test_remove_tree     (const char      *dir);

GatewayResponse *gateway_translate            (GatewayFixture  *fixture,
                                               const char      *text,
                                               const char      *source,
                                               const char      *target,
                                               gboolean         back_translate);
/* Streams @audio with chunked encoding, @chunk_size bytes at a time. */
GatewayResponse *gateway_recognize_streamed   (GatewayFixture  *fixture,
                                               const char      *language,
                                               GBytes          *audio,
                                               gsize            chunk_size);
void             gateway_assert_error         (GatewayResponse *response,
                                               guint            status,
                                               const char      *code);
/* A verified phrase-memory answer; @back_translation NULL means null is expected. */
void             gateway_assert_translation   (GatewayResponse *response,
                                               const char      *translation,
                                               const char      *back_translation,
                                               const char      *phrase_id,
                                               double           score);
/* A phrase-memory translation still comes back right. */
void             gateway_assert_still_serving (GatewayFixture  *fixture);

/* English speech made by espeak-ng through the core's synthesizer, at 16 kHz. */
MadoAudioBuffer *gateway_test_speech          (const char      *text);
/* The samples as the API carries them: 16-bit little-endian. */
GBytes          *gateway_test_pcm             (MadoAudioBuffer *audio);

G_END_DECLS

/* mado-gateway-test-utils.h: a real madoguchi-gateway process for tests, and HTTP to reach it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

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

G_END_DECLS

/* mado-speech-test-server.h: a scripted Speech API server on loopback and helpers for its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "mado-speech-client.h"
#include "mado-test-utils.h"

#define TOKEN "tok-9c41e2d07b5a4f63"

/* Counted by log_writer(), which every test program installs: retries the client logged, and
 * whether any log line carried the token. */
extern guint    retries_logged;
extern gboolean token_logged;

GLogWriterOutput log_writer (GLogLevelFlags   level,
                             const GLogField *fields,
                             gsize            n_fields,
                             gpointer         user_data);

/* The server answers the documented paths with documented bodies, checks the token, and
 * records what it was sent. */
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

void fixture_set_up    (Fixture       *fixture,
                        gconstpointer  data);
void fixture_tear_down (Fixture       *fixture,
                        gconstpointer  data);

/* Asserts @error has @code, and neither it nor any log line so far holds the token. */
void assert_api_error  (const GError       *error,
                        MadoSpeechApiError  code);

MadoSpeechClient *new_client (const char *url);
/* A loopback URL nothing listens on. */
char             *refusing_url (void);

/* The calls run to completion on the default main context, which also runs the servers. */
char                   *check_health     (MadoSpeechClient   *client,
                                          GError            **error);
MadoSpeechCapabilities *get_capabilities (MadoSpeechClient   *client,
                                          GError            **error);
MadoTranslation        *translate        (MadoSpeechClient   *client,
                                          GCancellable       *cancellable,
                                          GError            **error);
MadoAudioBuffer        *synthesize       (MadoSpeechClient   *client,
                                          GError            **error);
MadoTranscript         *end_recognition  (MadoRecognition    *recognition,
                                          GError            **error);
/* A second of 16 kHz audio whose samples depend on @offset, so their order shows. */
gint16                 *tone             (guint               offset,
                                          gsize              *n_samples);
/* Iterates until the server has seen @bytes of a recognition body, or ten seconds passed. */
gboolean                wait_for_upload  (Fixture            *fixture,
                                          gsize               bytes);

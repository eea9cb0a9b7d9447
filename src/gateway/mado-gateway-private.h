/* mado-gateway-private.h: what the parts of the gateway server share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mado-gateway.c runs the HTTP side (request life, authentication, limits, error shape, timing
 * headers); mado-gateway-refusal.c refuses oversized bodies without reading them;
 * mado-gateway-endpoints.c answers translation, synthesis and recognition, and
 * mado-gateway-capabilities.c health and capabilities; mado-gateway-providers.c builds the
 * providers and routes from the configuration.
 */
#pragma once

#include "mado-gateway.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "mado-gateway-error.h"
#include "mado-gateway-provider.h"
#include "mado-phrase-library.h"

G_BEGIN_DECLS

/* docs/api.md, "Limits and timeouts". */
#define MADO_GATEWAY_MAX_JSON_BYTES       65536
#define MADO_GATEWAY_MAX_TEXT_CHARS       2000
#define MADO_GATEWAY_MAX_AUDIO_SECONDS    30
#define MADO_GATEWAY_AUDIO_BYTES_PER_MS   32   /* 16 kHz mono 16-bit */
#define MADO_GATEWAY_MAX_AUDIO_BYTES \
  (MADO_GATEWAY_MAX_AUDIO_SECONDS * 1000 * MADO_GATEWAY_AUDIO_BYTES_PER_MS)
#define MADO_GATEWAY_TRANSLATE_DEADLINE_S 10
#define MADO_GATEWAY_SYNTHESIZE_DEADLINE_S 15
#define MADO_GATEWAY_RECOGNIZE_DEADLINE_S 15
#define MADO_GATEWAY_IDLE_TIMEOUT_S       10

typedef enum {
  ENDPOINT_HEALTH,
  ENDPOINT_CAPABILITIES,
  ENDPOINT_TRANSLATE,
  ENDPOINT_SYNTHESIZE,
  ENDPOINT_RECOGNIZE,
  ENDPOINT_UNKNOWN,
} MadoEndpoint;

struct _MadoGateway
{
  GObject             parent_instance;

  MadoGatewayConfig  *config;
  SoupServer         *server;
  MadoPhraseLibrary  *library;      /* %NULL when no provider needs the phrases */
  GHashTable         *providers;    /* name → MadoGatewayProvider */
  GPtrArray          *route_lists;  /* owns the GPtrArrays below */
  /* Providers to try in order: [source × n + target] for translation, [language] otherwise. */
  GPtrArray         **routes[MADO_N_CAPABILITIES];
  guint               n_languages;
  JsonParser         *parser;       /* reused for every JSON body */
  char                request_id_prefix[9];
  guint64             n_requests;
};

/* One request, kept on its SoupServerMessage (and freed with it). Asynchronous steps hold a
 * reference on the message, never a bare pointer to this, so that a request freed meanwhile
 * (the gateway stopping) is never touched. */
typedef struct {
  MadoGateway            *gateway;
  SoupServerMessage      *message;          /* the message this belongs to */
  MadoEndpoint            endpoint;
  char                   *request_id;
  gint64                  started;          /* monotonic µs when the gateway's work began */
  gint64                  provider_started;
  gint64                  provider_time;    /* µs inside providers; -1 when none was used */
  gsize                   body_limit;
  gsize                   body_received;
  gboolean                answered;         /* a response is set, or the connection taken */
  gboolean                paused;
  GCancellable           *cancellable;
  guint                   deadline_id;

  /* Translation and synthesis: what is asked, and the providers tried so far. */
  char                   *text;
  const MadoLanguage     *language;         /* source, or the language spoken */
  const MadoLanguage     *target;
  gboolean                back_translate;
  GPtrArray              *candidates;       /* borrowed from the gateway's routes */
  guint                   next_candidate;
  GError                 *last_error;
  MadoGatewayProvider    *provider;         /* the one working now */
  /* Back-translation: the forward translation waiting for it, and who made it. */
  MadoTranslation        *translation;
  MadoGatewayProvider    *translating_provider;

  /* Recognition. */
  MadoRecognitionStream  *stream;
} MadoGatewayRequest;

MadoGatewayRequest *mado_gateway_request_get        (SoupServerMessage  *message);
void                mado_gateway_request_begin_provider (MadoGatewayRequest *request,
                                                     MadoGatewayProvider *provider);
void                mado_gateway_request_end_provider (MadoGatewayRequest *request);
/* Starts the deadline of the endpoint; when it passes first, the request gets timeout, or what
 * it already has (mado_gateway_respond_at_deadline()). */
void                mado_gateway_request_start_deadline (MadoGatewayRequest *request,
                                                     guint               seconds);
void                mado_gateway_request_pause      (MadoGatewayRequest *request);
/* Sets a JSON response with the timing and id headers, and resumes the message if paused. */
void                mado_gateway_request_respond_json (MadoGatewayRequest *request,
                                                     guint               status,
                                                     GString            *body);
void                mado_gateway_request_respond_bytes (MadoGatewayRequest *request,
                                                     const char         *content_type,
                                                     GBytes             *body);
/* The error shape of docs/api.md, with the status its code has. */
void                mado_gateway_request_respond_error (MadoGatewayRequest *request,
                                                     const GError       *error);
/* mado-gateway-refusal.c */
void                mado_gateway_request_refuse_body (MadoGatewayRequest *request);
/* Milliseconds the gateway and its providers have spent on the request so far. */
double              mado_gateway_request_get_gateway_ms (MadoGatewayRequest *request);
double              mado_gateway_request_get_provider_ms (MadoGatewayRequest *request);

/* mado-gateway-endpoints.c */
void                mado_gateway_handle_early     (MadoGatewayRequest *request,
                                                   GHashTable         *query);
void                mado_gateway_handle_request   (MadoGatewayRequest *request);
/* When the deadline passes: answers with what the request has, if anything (a translation whose
 * back-translation is late); FALSE when it is to get timeout. */
gboolean            mado_gateway_respond_at_deadline (MadoGatewayRequest *request);

/* mado-gateway-request-body.c */
void                mado_gateway_request_respond_new_error (MadoGatewayRequest *request,
                                                     MadoGatewayError    code,
                                                     const char         *format,
                                                     ...) G_GNUC_PRINTF (3, 4);
/* The JSON body, as an object; valid until the next request is parsed. */
JsonObject         *mado_gateway_request_parse_body (MadoGatewayRequest *request,
                                                     GError            **error);
gboolean            mado_gateway_request_has_media_type (MadoGatewayRequest *request,
                                                     const char         *expected,
                                                     GHashTable        **parameters,
                                                     GError            **error);
gboolean            mado_gateway_json_get_optional_boolean (JsonObject      *object,
                                                     const char         *name,
                                                     gboolean           *value,
                                                     GError            **error);
const MadoLanguage *mado_gateway_json_get_language  (JsonObject         *object,
                                                     const char         *name,
                                                     GError            **error);
/* The text as the gateway uses it: NFC, at most MAX_TEXT_CHARS characters, not blank. */
char               *mado_gateway_json_get_text      (JsonObject         *object,
                                                     GError            **error);

/* mado-gateway-endpoints.c: trying the providers of a route in turn. */
void                mado_gateway_request_append_timing (GString          *body,
                                                     MadoGatewayRequest *request);
/* The failure to report once every candidate provider has been tried. */
void                mado_gateway_request_respond_exhausted (MadoGatewayRequest *request,
                                                     const char         *doing);
/* Keeps @error (taken) as the failure to report if no later provider answers. */
void                mado_gateway_request_note_failure (MadoGatewayRequest *request,
                                                     GError             *error);
/* The next provider of the request's candidates that handles its languages and is not known
 * to be down, or %NULL. */
MadoGatewayProvider *mado_gateway_request_next_candidate (MadoGatewayRequest *request,
                                                     MadoCapability      capability);

/* mado-gateway-translation.c */
void                mado_gateway_handle_translate   (MadoGatewayRequest *request);

/* mado-gateway-capabilities.c */
void                mado_gateway_respond_health       (MadoGatewayRequest *request);
void                mado_gateway_respond_capabilities (MadoGatewayRequest *request);

/* mado-gateway-providers.c */
gboolean            mado_gateway_build_providers  (MadoGateway        *self,
                                                   GError            **error);
GPtrArray          *mado_gateway_get_route        (MadoGateway        *self,
                                                   MadoCapability      capability,
                                                   const MadoLanguage *language,
                                                   const MadoLanguage *target);

G_END_DECLS

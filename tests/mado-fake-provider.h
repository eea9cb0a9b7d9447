/* mado-fake-provider.h: loopback test servers that speak the wire formats of the cloud and
 * self-hosted translation and recognition services the gateway's adapters call
 *
 * Each fake answers the paths, fields and error shapes that the project's shared reference
 * (shared/reference/apis.md, sections 1-5c) documents for its service, so that an adapter's
 * test exercises its parsing of the real shapes, not of shapes its author imagined. It is a
 * test double for the wire format only: translations follow a fixed rule, and recognition
 * returns a set transcript. Where the reference marks a shape UNVERIFIED, the fake's source
 * says so beside it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef enum {
  FAKE_SERVICE_TEXTRA,          /* NICT TexTra: /oauth2/token.php, /api/, /api/mt/ENGINE_SRC_TGT/ */
  FAKE_SERVICE_LIBRETRANSLATE,  /* /translate, /languages, /health */
  FAKE_SERVICE_APERTIUM,        /* Apertium APy: /translate, /listPairs */
  FAKE_SERVICE_DEEPL,           /* DeepL API v2: /v2/translate */
  FAKE_SERVICE_WHISPER_CPP,     /* whisper.cpp server: /inference, /health */
  FAKE_SERVICE_OPENAI,          /* OpenAI: /v1/audio/transcriptions */
} FakeService;

/* What the fake does with a request to one of its service's paths. Behaviours that only mean
 * something on some paths (WRONG_KEY where the service checks credentials; QUOTA, UNKNOWN_PAIR
 * and EMPTY on the translation or recognition path) leave the other paths alone and are not
 * used up by them, so an adapter that fetches a token first still meets the behaviour on its
 * API call. APy has no credentials or quota, whisper.cpp has no quota, and neither recognition
 * service answers a language it does not know with an error of its own: those combinations
 * never apply. */
typedef enum {
  FAKE_BEHAVIOUR_NORMAL,
  FAKE_BEHAVIOUR_WRONG_KEY,     /* the service's own "bad credentials" answer, whatever was sent */
  FAKE_BEHAVIOUR_EXPIRED_TOKEN, /* TexTra: forgets every access token issued so far, then behaves
                                   normally (so the next API call with an old token gets code 510,
                                   a fresh token works); nothing to forget elsewhere */
  FAKE_BEHAVIOUR_QUOTA,         /* the service's quota or volume-exceeded answer */
  FAKE_BEHAVIOUR_UNKNOWN_PAIR,  /* the service's "language pair not supported" answer */
  FAKE_BEHAVIOUR_HTML,          /* 200 (502 for whisper.cpp) with an HTML page, as a
                                   misconfigured proxy or a captive portal gives */
  FAKE_BEHAVIOUR_EMPTY,         /* a well-formed success whose translation or transcript is "" */
  FAKE_BEHAVIOUR_HUGE,          /* a 200 answer of 10 MiB: a valid JSON prefix, then padding,
                                   streamed in chunks so the fake never holds it whole */
  FAKE_BEHAVIOUR_HANG,          /* accepts the request and never answers (until stopped) */
  FAKE_BEHAVIOUR_UNAVAILABLE,   /* 503 with Retry-After */
  FAKE_BEHAVIOUR_RATE_LIMITED,  /* 429 with Retry-After, in the service's own shape */
  FAKE_BEHAVIOUR_SERVER_ERROR,  /* 500 in the service's own error shape */
} FakeBehaviour;

#define FAKE_HUGE_BYTES (10 * 1024 * 1024)

typedef struct _FakeProvider FakeProvider;

/* Starts on 127.0.0.1 with a free port, on a thread with its own GMainContext. */
FakeProvider *fake_provider_start            (FakeService    service);
/* Stops the thread, drops every open connection (a HANG request's too) and frees. */
void          fake_provider_stop             (FakeProvider  *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FakeProvider, fake_provider_stop)

/* "http://127.0.0.1:PORT", without a slash at the end. */
const char   *fake_provider_get_url          (FakeProvider  *self);

/* Applies @behaviour to the next @count requests it applies to (0: until changed), then the
 * fake is NORMAL again. EXPIRED_TOKEN is an action done at once; @count is ignored for it. */
void          fake_provider_set_behaviour    (FakeProvider  *self,
                                              FakeBehaviour  behaviour,
                                              guint          count);
/* The Retry-After seconds of UNAVAILABLE and RATE_LIMITED; default 1. 0 leaves the header out, as
 * a server or proxy that gives no hint does. */
void          fake_provider_set_retry_after  (FakeProvider  *self,
                                              guint          seconds);
/* Waits this long before each answer, without holding up other requests. */
void          fake_provider_set_delay        (FakeProvider  *self,
                                              guint          milliseconds);
/* The credentials the fake accepts: the API key (LibreTranslate api_key, DeepL
 * "DeepL-Auth-Key KEY", OpenAI and whisper.cpp "Bearer KEY", TexTra key and client_id), the
 * TexTra secret (client_secret) and login name. Defaults "test-key", "test-secret",
 * "test-user", except that LibreTranslate and whisper.cpp are keyless by default (key NULL).
 * NULL for any of the three turns its check off. */
void          fake_provider_set_credentials  (FakeProvider  *self,
                                              const char    *key,
                                              const char    *secret,
                                              const char    *name);
/* TexTra's expires_in, default 3600; the fake really refuses a token after that. */
void          fake_provider_set_token_lifetime (FakeProvider *self,
                                                guint         seconds);
/* Translations: this table first, else "<target>:<text>" with the target code as the service
 * spells it ("en:こんにちは", "EN-US:こんにちは", "spa:hello"). Codes are matched without
 * regard to case. */
void          fake_provider_add_translation  (FakeProvider  *self,
                                              const char    *source,
                                              const char    *target,
                                              const char    *text,
                                              const char    *translation);
/* The transcript returned for any audio; default "こんにちは". */
void          fake_provider_set_transcript   (FakeProvider  *self,
                                              const char    *text);
/* The language pairs served, as "src|tgt" in the service's codes; NULL-terminated. They are what
 * LibreTranslate's /languages and APy's /listPairs list and what every translation service
 * accepts. Defaults: LibreTranslate every pair among en, ja, es, vi and pt-BR; APy eng|spa and
 * spa|eng; TexTra and DeepL any pair. @pairs NULL serves any pair, and lists none. */
void          fake_provider_set_pairs        (FakeProvider       *self,
                                              const char * const *pairs);

/* A request as the fake received it. */
typedef struct {
  char               *method;
  char               *path;              /* without the query */
  /* Query fields, then form fields, JSON top-level scalars (numbers and booleans as their JSON
   * text) or multipart text parts: name → value. A repeated field keeps its first value; JSON
   * arrays are left out (read them from body). */
  GHashTable         *fields;
  SoupMessageHeaders *headers;
  char               *content_type;      /* media type without parameters, or NULL */
  GBytes             *body;              /* the raw request body */
  GBytes             *file;              /* the multipart "file" part, or NULL */
  char               *file_content_type;
  /* On the fake's side, from having the whole request to having written the whole answer,
   * the configured delay included; negative while unanswered (HANG, or still in flight). */
  double              handling_ms;
} FakeRequest;

void          fake_request_free              (FakeRequest   *request);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FakeRequest, fake_request_free)

/* Copies of every request received so far, oldest first; free with g_ptr_array_unref(). An
 * answer's client can have its last byte before the fake has noted the time, so this and the
 * sum below first wait (up to two seconds) for answers that are being written. */
GPtrArray    *fake_provider_dup_requests     (FakeProvider  *self);
/* How many requests went to exactly @path. */
guint         fake_provider_count_requests   (FakeProvider  *self,
                                              const char    *path);
void          fake_provider_clear_requests   (FakeProvider  *self);
/* The handling_ms of every answered request, added up. */
double        fake_provider_get_handling_ms_sum (FakeProvider *self);

G_END_DECLS

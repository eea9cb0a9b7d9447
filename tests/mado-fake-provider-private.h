/* mado-fake-provider-private.h: what the per-service fakes share with the server around them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "mado-fake-provider.h"

G_BEGIN_DECLS

/* A path of a service and the methods it answers; @prefix routes take every path under it. */
typedef struct {
  const char *methods;        /* space-separated */
  const char *path;
  gboolean    prefix;
} FakeRoute;

/* One request being answered, on the fake's thread. */
typedef struct {
  FakeProvider      *provider;
  SoupServerMessage *message;
  FakeRequest       *request;     /* as received; the service may read any of it */
  GPtrArray         *form;        /* query, form, multipart text or JSON scalar fields in order:
                                     name, value, name, value… (repeats kept) */
  JsonNode          *json;        /* the body, when it was a JSON document */
  FakeBehaviour      behaviour;   /* what this request gets; NORMAL, or one the service takes */

  /* The server's bookkeeping, touched on its thread only (record also under the lock). */
  FakeRequest       *record;      /* the logged copy, NULL once the log was cleared */
  gint64             started;     /* monotonic µs when the whole request was in */
  GSource           *delay;       /* the configured delay still running, or NULL */
  gsize              huge_left;   /* HUGE padding still to stream */
  gboolean           writing;     /* the answer is going out (under the lock) */
} FakeExchange;

/* Decodes the request's query and body; the message must outlive the exchange. */
FakeExchange *fake_exchange_new  (FakeProvider      *provider,
                                  SoupServerMessage *message,
                                  const char        *path);
void          fake_exchange_free (FakeExchange      *self);
FakeRequest  *fake_request_copy  (const FakeRequest *request);

/* What differs between services; the server handles routing, recording, delays and the
 * behaviours that look the same everywhere (HTML, HUGE, HANG, and Retry-After). */
typedef struct {
  const FakeRoute    *routes;               /* ends with a NULL path */
  guint               html_status;          /* the status HTML behaviour gives */
  const char         *huge_prefix;          /* the valid JSON that HUGE's padding follows */
  gboolean            keyless;              /* no key by default */
  const char * const *default_pairs;        /* NULL: any pair */
  /* Whether WRONG_KEY, QUOTA, UNKNOWN_PAIR or EMPTY mean anything on @path. */
  gboolean          (*takes)  (FakeBehaviour  behaviour,
                               const char    *path);
  /* Answers a request on one of the routes: the service's own checks, then its own shape
   * for exchange->behaviour. */
  void              (*answer) (FakeExchange  *exchange);
} FakeServiceClass;

/* A fake: mado-fake-provider.c runs it, mado-fake-settings.c holds what it is told. */
struct _FakeProvider
{
  const FakeServiceClass *klass;
  GThread                *thread;
  GMainContext           *context;      /* the thread's; the server and all its sources live here */
  GMainLoop              *loop;
  SoupServer             *server;
  char                   *url;
  char                   *padding;      /* HUGE_CHUNK_BYTES of HUGE's filler, read-only once made */

  /* Everything below is shared with the test thread and read or written under the lock. */
  GMutex                  lock;
  GCond                   started;
  GCond                   written;         /* signalled when an answer has been written */
  guint                   writing;         /* answers being written, whose time is not in yet */
  FakeBehaviour           behaviour;
  guint                   behaviour_left;  /* 0 with a behaviour set: until changed */
  guint                   retry_after;
  guint                   delay_ms;
  char                   *key;
  char                   *secret;
  char                   *name;
  guint                   token_lifetime;
  GHashTable             *tokens;          /* access token → monotonic expiry, µs */
  GHashTable             *translations;    /* "source\ntarget\ntext", folded codes → translation */
  char                   *transcript;
  GStrv                   pairs;
  GPtrArray              *requests;        /* of FakeRequest, oldest first */
  GPtrArray              *in_flight;       /* of FakeExchange still tied to a message */
};

extern const FakeServiceClass fake_textra_class;
extern const FakeServiceClass fake_libretranslate_class;
extern const FakeServiceClass fake_apertium_class;
extern const FakeServiceClass fake_deepl_class;
extern const FakeServiceClass fake_whisper_cpp_class;
extern const FakeServiceClass fake_openai_class;

/* The first value of field @name, or NULL. */
const char *fake_exchange_field          (FakeExchange *self,
                                          const char   *name);
/* Every value of field @name, in order (borrowed strings). */
GPtrArray  *fake_exchange_all_fields     (FakeExchange *self,
                                          const char   *name);
const char *fake_exchange_header         (FakeExchange *self,
                                          const char   *name);
/* Whether the body was a form, urlencoded or multipart. */
gboolean    fake_exchange_has_form_body  (FakeExchange *self);
void        fake_exchange_reply          (FakeExchange *self,
                                          guint         status,
                                          const char   *content_type,
                                          const char   *body);
/* Replies with the builder's root as application/json. */
void        fake_exchange_reply_json     (FakeExchange *self,
                                          guint         status,
                                          JsonBuilder  *builder);
/* Replies {"@member": "@text"}, the error shape several services share. */
void        fake_exchange_reply_member   (FakeExchange *self,
                                          guint         status,
                                          const char   *member,
                                          const char   *text);

/* The provider's settings, read under its lock from the fake's thread. */
gboolean    fake_provider_key_matches    (FakeProvider *self,
                                          const char   *key);
gboolean    fake_provider_key_required   (FakeProvider *self);
gboolean    fake_provider_secret_matches (FakeProvider *self,
                                          const char   *secret);
gboolean    fake_provider_name_matches   (FakeProvider *self,
                                          const char   *name);
/* A new TexTra access token and its lifetime in seconds. */
char       *fake_provider_issue_token    (FakeProvider *self,
                                          guint        *lifetime);
gboolean    fake_provider_token_is_valid (FakeProvider *self,
                                          const char   *token);
/* The table's translation, else "<target>:<text>". */
char       *fake_provider_translate      (FakeProvider *self,
                                          const char   *source,
                                          const char   *target,
                                          const char   *text);
char       *fake_provider_dup_transcript (FakeProvider *self);
/* The pairs served, or NULL for any pair. */
GStrv       fake_provider_dup_pairs      (FakeProvider *self);
/* Whether @source → @target is served; @source NULL asks whether anything reaches @target. */
gboolean    fake_provider_serves_pair    (FakeProvider *self,
                                          const char   *source,
                                          const char   *target);

/* The fakes' stand-in for language detection: "ja" for text with any non-ASCII character,
 * else "en". Enough to give detected-language fields a value that follows from the input. */
const char *fake_guess_language          (const char   *text);

/* JSON building shorthands. @value NULL adds null. */
void        fake_json_add_string         (JsonBuilder  *builder,
                                          const char   *name,
                                          const char   *value);
void        fake_json_add_int            (JsonBuilder  *builder,
                                          const char   *name,
                                          gint64        value);
void        fake_json_add_double         (JsonBuilder  *builder,
                                          const char   *name,
                                          double        value);

G_END_DECLS

/* mado-gateway-config.h: the gateway's settings, from its key file and command line (docs/gateway.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mado-gateway-provider.h"
#include "mado-language.h"
#include "mado-provider-http.h"

G_BEGIN_DECLS

#define MADO_GATEWAY_DEFAULT_HOST "127.0.0.1"
#define MADO_GATEWAY_DEFAULT_PORT 8470

#define MADO_GATEWAY_CONFIG_ERROR (mado_gateway_config_error_quark ())

typedef enum {
  MADO_GATEWAY_CONFIG_ERROR_FILE,            /* the configuration file cannot be read or parsed */
  MADO_GATEWAY_CONFIG_ERROR_UNKNOWN_GROUP,
  MADO_GATEWAY_CONFIG_ERROR_UNKNOWN_KEY,
  MADO_GATEWAY_CONFIG_ERROR_BAD_VALUE,       /* a value of the wrong form or out of range */
  MADO_GATEWAY_CONFIG_ERROR_UNKNOWN_PROVIDER,
  MADO_GATEWAY_CONFIG_ERROR_TOKEN,           /* the token's file or variable is missing or empty */
  MADO_GATEWAY_CONFIG_ERROR_TOKEN_IN_CONFIG, /* a token written into the configuration text */
  MADO_GATEWAY_CONFIG_ERROR_UNSAFE_LISTEN,   /* a non-loopback address without a token */
} MadoGatewayConfigError;

GQuark mado_gateway_config_error_quark (void);

/* The built-in provider types; a provider named like one needs no [provider NAME] group. */
#define MADO_PROVIDER_PHRASE_MEMORY "phrase-memory"
#define MADO_PROVIDER_LOCAL_SPEECH  "local-speech"
#define MADO_PROVIDER_POCKETSPHINX  "pocketsphinx"

/* Provider types for services outside the gateway (docs/providers.md); each needs a group. */
#define MADO_PROVIDER_TEXTRA          "textra"
#define MADO_PROVIDER_LIBRETRANSLATE  "libretranslate"
#define MADO_PROVIDER_APERTIUM_APY    "apertium-apy"
#define MADO_PROVIDER_DEEPL           "deepl"
#define MADO_PROVIDER_WHISPER_CPP     "whisper-cpp"
#define MADO_PROVIDER_OPENAI_TRANSCRIPTION "openai-transcription"

/* The keys every HTTP provider takes besides its own, for mado_gateway_config_check_provider_keys(). */
#define MADO_HTTP_PROVIDER_KEYS \
  "url", "timeout", "retries", "backoff", "breaker-failures", "breaker-cooldown", \
  "max-response-bytes", "languages"

#define MADO_TYPE_GATEWAY_CONFIG (mado_gateway_config_get_type ())
G_DECLARE_FINAL_TYPE (MadoGatewayConfig, mado_gateway_config, MADO, GATEWAY_CONFIG, GObject)

/* The defaults serve with nothing configured: loopback, the shipped phrase sets in memory,
 * local synthesis and recognition. */
MadoGatewayConfig  *mado_gateway_config_new                (void);
gboolean            mado_gateway_config_load_file          (MadoGatewayConfig  *self,
                                                            const char         *path,
                                                            GError            **error);

/* Command-line overrides, applied after the file. */
gboolean            mado_gateway_config_set_listen         (MadoGatewayConfig  *self,
                                                            const char         *host_and_port,
                                                            GError            **error);
void                mado_gateway_config_set_database       (MadoGatewayConfig  *self,
                                                            const char         *path);
void                mado_gateway_config_set_token_env      (MadoGatewayConfig  *self,
                                                            const char         *variable);

/* Reads the token (then removes its variable from the environment, so that engine programs the
 * gateway runs do not inherit it) and checks that the settings fit together. */
gboolean            mado_gateway_config_resolve            (MadoGatewayConfig  *self,
                                                            GError            **error);

const char         *mado_gateway_config_get_listen_host    (MadoGatewayConfig  *self);
guint16             mado_gateway_config_get_listen_port    (MadoGatewayConfig  *self);
/* %NULL when the gateway accepts requests without a token. Never log it. */
const char         *mado_gateway_config_get_token          (MadoGatewayConfig  *self);
const char         *mado_gateway_config_get_database       (MadoGatewayConfig  *self);
/* The phrase sets to seed into the database, or %NULL to only read the database. */
const char         *mado_gateway_config_get_phrase_dir     (MadoGatewayConfig  *self);

/* The providers some route names, in order of first mention. */
GStrv               mado_gateway_config_dup_provider_names (MadoGatewayConfig  *self);
const char         *mado_gateway_config_get_provider_type  (MadoGatewayConfig  *self,
                                                            const char         *name);
/* Checks that the provider's group has only @allowed keys; an entry ending in "." allows every
 * key that starts with it ("engine." allows "engine.ja.en"). (A key that looks like a secret
 * written into the file — "key", "secret", "api-key", "password", "token" — is refused for every
 * group when the file is read, with MADO_GATEWAY_CONFIG_ERROR_TOKEN_IN_CONFIG.) */
gboolean            mado_gateway_config_check_provider_keys (MadoGatewayConfig *self,
                                                            const char         *name,
                                                            const char *const  *allowed,
                                                            GError            **error);
gboolean            mado_gateway_config_get_provider_double (MadoGatewayConfig *self,
                                                            const char         *name,
                                                            const char         *key,
                                                            double              minimum,
                                                            double              maximum,
                                                            double             *value,
                                                            GError            **error);
gboolean            mado_gateway_config_get_provider_uint  (MadoGatewayConfig  *self,
                                                            const char         *name,
                                                            const char         *key,
                                                            guint               minimum,
                                                            guint               maximum,
                                                            guint              *value,
                                                            GError            **error);
/* %NULL when the key is not set. */
char               *mado_gateway_config_dup_provider_string (MadoGatewayConfig *self,
                                                            const char         *name,
                                                            const char         *key);
/* The keys of the provider's group that start with @prefix ("engine."), in the file's order;
 * for settings whose key names something, like a language pair. */
GStrv               mado_gateway_config_dup_provider_keys  (MadoGatewayConfig  *self,
                                                            const char         *name,
                                                            const char         *prefix);

/* A provider's secret @what ("key", "secret"): read from the file named by `WHAT-file` or the
 * environment variable named by `WHAT-env` (which is then removed from the environment). Sets
 * *@secret to %NULL when neither is set and @required is FALSE. Never log the result. */
gboolean            mado_gateway_config_read_provider_secret (MadoGatewayConfig *self,
                                                            const char         *name,
                                                            const char         *what,
                                                            gboolean            required,
                                                            char              **secret,
                                                            GError            **error);
/* The provider's `url`, checked to be http or https, or @default_url when not set (which may be
 * %NULL to make the key required). */
char               *mado_gateway_config_dup_provider_url   (MadoGatewayConfig  *self,
                                                            const char         *name,
                                                            const char         *default_url,
                                                            GError            **error);
/* The timeouts, retries and breaker of an HTTP provider: the defaults of
 * mado_provider_http_options_init() with the group's keys over them. `timeout` must stay below
 * the gateway's deadline for @capability (translation 10 s, recognition 15 s), so that a provider
 * that hangs fails by its own timeout, which counts against its circuit breaker, rather than by
 * the deadline, which ends the request without saying whose fault it was. */
gboolean            mado_gateway_config_read_http_options  (MadoGatewayConfig  *self,
                                                            const char         *name,
                                                            MadoCapability      capability,
                                                            MadoProviderHttpOptions *options,
                                                            GError            **error);
/* The Madoguchi languages listed by `languages = ja, en, vi`, or @defaults (registry codes) when
 * the key is not set; a code Madoguchi does not know is an error. Returns MadoLanguage pointers. */
GPtrArray          *mado_gateway_config_get_provider_languages (MadoGatewayConfig *self,
                                                            const char         *name,
                                                            const char *const  *defaults,
                                                            GError            **error);

/* The providers to try, in order, for one capability and language (and @target for
 * translation): the most specific [route] key that is set. */
const char *const  *mado_gateway_config_get_route          (MadoGatewayConfig  *self,
                                                            MadoCapability      capability,
                                                            const MadoLanguage *language,
                                                            const MadoLanguage *target);

G_END_DECLS

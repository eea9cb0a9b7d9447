/* mado-provider-test-utils.h: a real madoguchi-gateway in front of one provider under test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For the tests of the adapters to services outside the gateway (TexTra, DeepL, LibreTranslate,
 * Apertium, whisper.cpp…): the configuration names a fake of the service, the provider's
 * secrets sit in files as a city keeps them, and the gateway's standard error is kept so that a
 * test can check that no secret ever reaches it.
 */
#pragma once

#include "mado-gateway-test-utils.h"

G_BEGIN_DECLS

/* [route] lines that leave speech out, so that a gateway for a translation provider does not
 * load a recogniser's model. */
#define PROVIDER_TEST_NO_SPEECH "synthesize =\nrecognize =\n"

typedef struct {
  GatewayFixture  fixture;  /* the folder, the phrase database and the gateway */
  char           *log;      /* the gateway's standard error, debug messages included */
  GPtrArray      *secrets;  /* what must never appear in the log or an answer */
} ProviderGateway;

/* A temporary folder with the standard phrase database (gateway_fixture_set_up()'s four
 * phrases), ready for secrets and a configuration. */
void             provider_gateway_init          (ProviderGateway  *self);
/* A file of the folder that only its owner may read, holding @secret; returns its path. The
 * secret joins those that must never appear. */
char            *provider_gateway_write_secret  (ProviderGateway  *self,
                                                 const char       *name,
                                                 const char       *secret);
/* Another text that must never appear, such as an access token the fake issued. */
void             provider_gateway_add_secret    (ProviderGateway  *self,
                                                 const char       *secret);
/* Writes the configuration, a [gateway] group (the test token, the database, a free port) and
 * then @format, and starts the gateway with it. */
void             provider_gateway_start         (ProviderGateway  *self,
                                                 const char       *format,
                                                 ...) G_GNUC_PRINTF (2, 3);
/* The same for a configuration the gateway must refuse: runs it to its exit and returns the
 * exit status, with what it wrote to standard error in @standard_error. */
int              provider_gateway_run_to_exit   (ProviderGateway  *self,
                                                 char            **standard_error,
                                                 const char       *format,
                                                 ...) G_GNUC_PRINTF (3, 4);
/* What the running or stopped gateway has written to standard error. */
char            *provider_gateway_dup_log       (ProviderGateway  *self);
/* Stops the gateway, which must exit cleanly and must not have logged any secret, and removes
 * the folder. */
void             provider_gateway_finish        (ProviderGateway  *self);

GatewayResponse *provider_gateway_translate     (ProviderGateway  *self,
                                                 const char       *text,
                                                 const char       *source,
                                                 const char       *target,
                                                 gboolean          back_translate);

/* A machine translation by @provider: 200, not verified, no phrase, no score; @back_translation
 * %NULL means null is expected. */
void             provider_assert_translation    (GatewayResponse  *response,
                                                 const char       *translation,
                                                 const char       *back_translation,
                                                 const char       *provider);
/* An error answer with @code, the HTTP status docs/api.md gives that code, and a message that
 * gives no secret away. */
void             provider_gateway_assert_error  (ProviderGateway  *self,
                                                 GatewayResponse  *response,
                                                 const char       *code);
/* The message of an error answer. */
const char      *provider_error_message         (GatewayResponse  *response);
/* Fails the test when @text contains any of the secrets. */
void             provider_gateway_assert_no_secret (ProviderGateway *self,
                                                 const char       *text);

/* The Retry-After seconds of a gateway answer; 0 when it has none. */
guint            provider_response_retry_after  (GatewayResponse  *response);

/* Whether GET /v1/capabilities lists @provider for translating @source into @target now. */
gboolean         provider_gateway_offers_translation (ProviderGateway *self,
                                                 const char       *source,
                                                 const char       *target,
                                                 const char       *provider);
/* Asks GET /v1/capabilities until it lists @provider for the pair, as it does once the provider
 * has told the gateway its languages; fails the test if that takes more than 30 s. */
void             provider_gateway_wait_for_translation (ProviderGateway *self,
                                                 const char       *source,
                                                 const char       *target,
                                                 const char       *provider);

/* Seconds on the monotonic clock, for timing a request. */
double           provider_test_now              (void);

G_END_DECLS

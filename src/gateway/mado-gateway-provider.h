/* mado-gateway-provider.h: what serves the API behind the gateway (phrase memory, engines, clouds)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mado-audio-buffer.h"
#include "mado-language.h"
#include "mado-recognition-stream.h"

G_BEGIN_DECLS

typedef enum {
  MADO_CAPABILITY_TRANSLATE,
  MADO_CAPABILITY_SYNTHESIZE,
  MADO_CAPABILITY_RECOGNIZE,
} MadoCapability;

#define MADO_N_CAPABILITIES 3

typedef struct {
  char     *text;
  char     *back_translation;  /* %NULL unless asked for */
  char     *phrase_id;         /* the registered phrase, for a verified translation */
  gboolean  verified;          /* a registered phrase checked by people, not machine output */
  double    score;             /* how well the input matched the phrase: 1.0 exact */
} MadoTranslation;

void mado_translation_free (MadoTranslation *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoTranslation, mado_translation_free)

#define MADO_TYPE_GATEWAY_PROVIDER (mado_gateway_provider_get_type ())
G_DECLARE_INTERFACE (MadoGatewayProvider, mado_gateway_provider, MADO, GATEWAY_PROVIDER, GObject)

/* A provider implements the capabilities it has; supports() is FALSE for the others and the
 * gateway never calls their functions. Failures are MADO_GATEWAY_ERROR codes, so the client
 * gets the same answer whichever provider failed. Providers are used from the main thread. */
struct _MadoGatewayProviderInterface
{
  GTypeInterface parent_iface;

  /* @target is %NULL except for translation. */
  gboolean                (*supports)          (MadoGatewayProvider    *self,
                                                MadoCapability          capability,
                                                const MadoLanguage     *language,
                                                const MadoLanguage     *target);
  /* The name the API reports ("phrase-memory", "espeak-ng"), which may depend on the language. */
  const char             *(*get_engine_name)   (MadoGatewayProvider    *self,
                                                MadoCapability          capability,
                                                const MadoLanguage     *language);
  /* FALSE while the provider is known not to answer (its circuit breaker is open, or it asked
   * for rest), with the whole seconds until it may be tried in @retry_after. Optional: providers
   * inside the gateway are always available. */
  gboolean                (*is_available)      (MadoGatewayProvider    *self,
                                                guint                  *retry_after);
  /* TRUE when the recogniser knows only a fixed set of sentences, not open dictation. */
  gboolean                (*is_constrained)    (MadoGatewayProvider    *self,
                                                const MadoLanguage     *language);

  void                    (*translate_async)   (MadoGatewayProvider    *self,
                                                const char             *text,
                                                const MadoLanguage     *source,
                                                const MadoLanguage     *target,
                                                gboolean                back_translate,
                                                GCancellable           *cancellable,
                                                GAsyncReadyCallback     callback,
                                                gpointer                user_data);
  MadoTranslation        *(*translate_finish)  (MadoGatewayProvider    *self,
                                                GAsyncResult           *result,
                                                GError                **error);
  void                    (*synthesize_async)  (MadoGatewayProvider    *self,
                                                const char             *text,
                                                const MadoLanguage     *language,
                                                GCancellable           *cancellable,
                                                GAsyncReadyCallback     callback,
                                                gpointer                user_data);
  MadoAudioBuffer        *(*synthesize_finish) (MadoGatewayProvider    *self,
                                                GAsyncResult           *result,
                                                GError                **error);
  MadoRecognitionStream  *(*open_recognition)  (MadoGatewayProvider    *self,
                                                const MadoLanguage     *language,
                                                GError                **error);
};

gboolean               mado_gateway_provider_supports          (MadoGatewayProvider  *self,
                                                                MadoCapability        capability,
                                                                const MadoLanguage   *language,
                                                                const MadoLanguage   *target);
const char            *mado_gateway_provider_get_engine_name   (MadoGatewayProvider  *self,
                                                                MadoCapability        capability,
                                                                const MadoLanguage   *language);
gboolean               mado_gateway_provider_is_available      (MadoGatewayProvider  *self,
                                                                guint                *retry_after);
gboolean               mado_gateway_provider_is_constrained    (MadoGatewayProvider  *self,
                                                                const MadoLanguage   *language);
void                   mado_gateway_provider_translate_async   (MadoGatewayProvider  *self,
                                                                const char           *text,
                                                                const MadoLanguage   *source,
                                                                const MadoLanguage   *target,
                                                                gboolean              back_translate,
                                                                GCancellable         *cancellable,
                                                                GAsyncReadyCallback   callback,
                                                                gpointer              user_data);
MadoTranslation       *mado_gateway_provider_translate_finish  (MadoGatewayProvider  *self,
                                                                GAsyncResult         *result,
                                                                GError              **error);
void                   mado_gateway_provider_synthesize_async  (MadoGatewayProvider  *self,
                                                                const char           *text,
                                                                const MadoLanguage   *language,
                                                                GCancellable         *cancellable,
                                                                GAsyncReadyCallback   callback,
                                                                gpointer              user_data);
MadoAudioBuffer       *mado_gateway_provider_synthesize_finish (MadoGatewayProvider  *self,
                                                                GAsyncResult         *result,
                                                                GError              **error);
/* Starts recognising one utterance; the audio follows through the stream as it arrives. */
MadoRecognitionStream *mado_gateway_provider_open_recognition  (MadoGatewayProvider  *self,
                                                                const MadoLanguage   *language,
                                                                GError              **error);

G_END_DECLS

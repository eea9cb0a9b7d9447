/* mado-gateway-provider.c: what serves the API behind the gateway (phrase memory, engines, clouds)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-gateway-provider.h"

G_DEFINE_INTERFACE (MadoGatewayProvider, mado_gateway_provider, G_TYPE_OBJECT)

void
mado_translation_free (MadoTranslation *self)
{
  if (self == NULL)
    return;
  g_free (self->text);
  g_free (self->back_translation);
  g_free (self->phrase_id);
  g_free (self);
}

static gboolean
mado_gateway_provider_real_is_constrained (MadoGatewayProvider *self,
                                           const MadoLanguage  *language)
{
  return FALSE;
}

static void
mado_gateway_provider_default_init (MadoGatewayProviderInterface *iface)
{
  iface->is_constrained = mado_gateway_provider_real_is_constrained;
}

gboolean
mado_gateway_provider_supports (MadoGatewayProvider *self,
                                MadoCapability       capability,
                                const MadoLanguage  *language,
                                const MadoLanguage  *target)
{
  g_return_val_if_fail (MADO_IS_GATEWAY_PROVIDER (self), FALSE);
  g_return_val_if_fail (language != NULL, FALSE);
  g_return_val_if_fail ((capability == MADO_CAPABILITY_TRANSLATE) == (target != NULL), FALSE);

  return MADO_GATEWAY_PROVIDER_GET_IFACE (self)->supports (self, capability, language, target);
}

const char *
mado_gateway_provider_get_engine_name (MadoGatewayProvider *self,
                                       MadoCapability       capability,
                                       const MadoLanguage  *language)
{
  g_return_val_if_fail (MADO_IS_GATEWAY_PROVIDER (self), NULL);
  g_return_val_if_fail (language != NULL, NULL);

  return MADO_GATEWAY_PROVIDER_GET_IFACE (self)->get_engine_name (self, capability, language);
}

/**
 * mado_gateway_provider_is_available:
 * @retry_after: (out) (optional): seconds until the provider may be tried again
 */
gboolean
mado_gateway_provider_is_available (MadoGatewayProvider *self,
                                    guint               *retry_after)
{
  MadoGatewayProviderInterface *iface;

  g_return_val_if_fail (MADO_IS_GATEWAY_PROVIDER (self), FALSE);

  iface = MADO_GATEWAY_PROVIDER_GET_IFACE (self);
  if (retry_after != NULL)
    *retry_after = 0;
  return iface->is_available == NULL || iface->is_available (self, retry_after);
}

gboolean
mado_gateway_provider_is_constrained (MadoGatewayProvider *self,
                                      const MadoLanguage  *language)
{
  g_return_val_if_fail (MADO_IS_GATEWAY_PROVIDER (self), FALSE);
  g_return_val_if_fail (language != NULL, FALSE);

  return MADO_GATEWAY_PROVIDER_GET_IFACE (self)->is_constrained (self, language);
}

void
mado_gateway_provider_translate_async (MadoGatewayProvider *self,
                                       const char          *text,
                                       const MadoLanguage  *source,
                                       const MadoLanguage  *target,
                                       gboolean             back_translate,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  MadoGatewayProviderInterface *iface;

  g_return_if_fail (MADO_IS_GATEWAY_PROVIDER (self));
  g_return_if_fail (text != NULL && source != NULL && target != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = MADO_GATEWAY_PROVIDER_GET_IFACE (self);
  g_return_if_fail (iface->translate_async != NULL);
  iface->translate_async (self, text, source, target, back_translate, cancellable, callback, user_data);
}

MadoTranslation *
mado_gateway_provider_translate_finish (MadoGatewayProvider  *self,
                                        GAsyncResult         *result,
                                        GError              **error)
{
  g_return_val_if_fail (MADO_IS_GATEWAY_PROVIDER (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return MADO_GATEWAY_PROVIDER_GET_IFACE (self)->translate_finish (self, result, error);
}

void
mado_gateway_provider_synthesize_async (MadoGatewayProvider *self,
                                        const char          *text,
                                        const MadoLanguage  *language,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  MadoGatewayProviderInterface *iface;

  g_return_if_fail (MADO_IS_GATEWAY_PROVIDER (self));
  g_return_if_fail (text != NULL && language != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = MADO_GATEWAY_PROVIDER_GET_IFACE (self);
  g_return_if_fail (iface->synthesize_async != NULL);
  iface->synthesize_async (self, text, language, cancellable, callback, user_data);
}

MadoAudioBuffer *
mado_gateway_provider_synthesize_finish (MadoGatewayProvider  *self,
                                         GAsyncResult         *result,
                                         GError              **error)
{
  g_return_val_if_fail (MADO_IS_GATEWAY_PROVIDER (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return MADO_GATEWAY_PROVIDER_GET_IFACE (self)->synthesize_finish (self, result, error);
}

MadoRecognitionStream *
mado_gateway_provider_open_recognition (MadoGatewayProvider  *self,
                                        const MadoLanguage   *language,
                                        GError              **error)
{
  MadoGatewayProviderInterface *iface;

  g_return_val_if_fail (MADO_IS_GATEWAY_PROVIDER (self), NULL);
  g_return_val_if_fail (language != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  iface = MADO_GATEWAY_PROVIDER_GET_IFACE (self);
  g_return_val_if_fail (iface->open_recognition != NULL, NULL);
  return iface->open_recognition (self, language, error);
}

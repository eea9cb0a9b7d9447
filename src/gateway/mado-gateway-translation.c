/* mado-gateway-translation.c: POST /v1/translate, with back-translation through the reverse route
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The providers of the pair's route are tried in order (mado-gateway-endpoints.c). A machine
 * translation asked for with back_translate then goes through the route of the reverse pair the
 * same way, and the first answer is its back-translation; phrase memory brings its own.
 */
#include "mado-gateway-private.h"

#include "mado-gateway-json.h"

#include <string.h>

static void try_translation (MadoGatewayRequest *request);

static void
respond_translation (MadoGatewayRequest *request,
                     MadoTranslation    *translation)
{
  GString *body = g_string_sized_new (256 + strlen (translation->text) * 2);

  g_string_append (body, "{\"translation\":");
  mado_json_append_string (body, translation->text);
  g_string_append (body, ",\"back_translation\":");
  mado_json_append_string (body, translation->back_translation);
  g_string_append (body, ",\"source\":");
  mado_json_append_string (body, request->language->code);
  g_string_append (body, ",\"target\":");
  mado_json_append_string (body, request->target->code);
  g_string_append (body, ",\"provider\":");
  mado_json_append_string (body, mado_gateway_provider_get_engine_name (request->provider,
                                                                        MADO_CAPABILITY_TRANSLATE,
                                                                        request->language));
  g_string_append (body, translation->verified ? ",\"verified\":true" : ",\"verified\":false");
  g_string_append (body, ",\"phrase_id\":");
  mado_json_append_string (body, translation->phrase_id);
  g_string_append (body, ",\"score\":");
  if (translation->verified)
    mado_json_append_number (body, translation->score, 4);
  else
    g_string_append (body, "null");
  mado_gateway_request_append_timing (body, request);
  g_string_append_c (body, '}');

  mado_gateway_request_respond_json (request, SOUP_STATUS_OK, body);
}

/* Back-translation of a machine translation: the translated text goes through the route of the
 * reverse pair, provider by provider like any translation, and the first answer is the
 * back-translation. Phrase memory is part of that route too, so a translation that happens to be
 * a registered phrase comes back as that phrase's checked text. */

static void try_back_translation (MadoGatewayRequest *request);

static void
finish_back_translation (MadoGatewayRequest *request,
                         char               *back_translation)
{
  g_autoptr(MadoTranslation) translation = g_steal_pointer (&request->translation);

  /* The translation stands without its check: the client shows it with no back-translation,
   * and the log says why. */
  if (back_translation == NULL && request->last_error != NULL)
    g_message ("Request %s: no back-translation from %s into %s: %s", request->request_id,
               request->target->code, request->language->code, request->last_error->message);

  translation->back_translation = back_translation;
  request->provider = request->translating_provider;
  respond_translation (request, translation);
}

static void
on_back_translated (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(SoupServerMessage) message = user_data;
  MadoGatewayRequest *request = mado_gateway_request_get (message);
  g_autoptr(MadoTranslation) back = NULL;
  GError *error = NULL;

  back = mado_gateway_provider_translate_finish (MADO_GATEWAY_PROVIDER (source), result, &error);
  mado_gateway_request_end_provider (request);

  if (request->answered)
    {
      g_clear_error (&error);
      return;
    }

  if (back != NULL)
    {
      finish_back_translation (request, g_steal_pointer (&back->text));
      return;
    }

  mado_gateway_request_note_failure (request, error);
  try_back_translation (request);
}

static void
try_back_translation (MadoGatewayRequest *request)
{
  MadoGatewayProvider *provider;
  const MadoLanguage *source = request->language;

  /* mado_gateway_request_next_candidate() checks the languages of the request, here the reverse ones. */
  request->language = request->target;
  request->target = source;
  provider = mado_gateway_request_next_candidate (request, MADO_CAPABILITY_TRANSLATE);
  request->target = request->language;
  request->language = source;

  if (provider == NULL)
    {
      finish_back_translation (request, NULL);
      return;
    }

  mado_gateway_request_begin_provider (request, provider);
  mado_gateway_provider_translate_async (provider, request->translation->text, request->target,
                                         request->language, FALSE, request->cancellable,
                                         on_back_translated, g_object_ref (request->message));
}

/**
 * mado_gateway_respond_at_deadline:
 *
 * Answers with what the request has when its deadline passes, if it has something: a
 * translation whose back-translation is still on its way stands without it, as when the reverse
 * route fails, rather than being thrown away. Returns %FALSE when there is nothing to answer
 * with, and the request is to get timeout.
 */
gboolean
mado_gateway_respond_at_deadline (MadoGatewayRequest *request)
{
  if (request->endpoint != ENDPOINT_TRANSLATE || request->translation == NULL)
    return FALSE;

  /* The reverse route's provider has been working until now. */
  mado_gateway_request_end_provider (request);
  mado_gateway_request_note_failure (request, g_error_new (MADO_GATEWAY_ERROR, MADO_GATEWAY_ERROR_TIMEOUT,
                                     "the gateway's deadline of %d s passed first",
                                     MADO_GATEWAY_TRANSLATE_DEADLINE_S));
  finish_back_translation (request, NULL);
  return TRUE;
}

static void
start_back_translation (MadoGatewayRequest *request,
                        MadoTranslation    *translation)
{
  request->translation = translation;
  request->translating_provider = request->provider;
  request->candidates = mado_gateway_get_route (request->gateway, MADO_CAPABILITY_TRANSLATE,
                                                request->target, request->language);
  request->next_candidate = 0;
  g_clear_error (&request->last_error);
  try_back_translation (request);
}

static void
on_translated (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(SoupServerMessage) message = user_data;
  MadoGatewayRequest *request = mado_gateway_request_get (message);
  g_autoptr(MadoTranslation) translation = NULL;
  GError *error = NULL;

  translation = mado_gateway_provider_translate_finish (MADO_GATEWAY_PROVIDER (source), result, &error);
  mado_gateway_request_end_provider (request);

  /* The deadline passed first and the client has its answer. */
  if (request->answered)
    {
      g_clear_error (&error);
      return;
    }

  if (translation == NULL)
    {
      mado_gateway_request_note_failure (request, error);
      try_translation (request);
      return;
    }

  /* Phrase memory knows its own back-translation; a machine translation needs the reverse route. */
  if (request->back_translate && translation->back_translation == NULL)
    {
      start_back_translation (request, g_steal_pointer (&translation));
      return;
    }

  respond_translation (request, translation);
}

static void
try_translation (MadoGatewayRequest *request)
{
  MadoGatewayProvider *provider = mado_gateway_request_next_candidate (request, MADO_CAPABILITY_TRANSLATE);

  if (provider == NULL)
    {
      mado_gateway_request_respond_exhausted (request, "translate");
      return;
    }

  mado_gateway_request_begin_provider (request, provider);
  mado_gateway_provider_translate_async (provider, request->text, request->language, request->target,
                                         request->back_translate, request->cancellable,
                                         on_translated, g_object_ref (request->message));
}

void
mado_gateway_handle_translate (MadoGatewayRequest *request)
{
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  if ((object = mado_gateway_request_parse_body (request, &error)) == NULL ||
      (request->text = mado_gateway_json_get_text (object, &error)) == NULL ||
      (request->language = mado_gateway_json_get_language (object, "source", &error)) == NULL ||
      (request->target = mado_gateway_json_get_language (object, "target", &error)) == NULL ||
      !mado_gateway_json_get_optional_boolean (object, "back_translate", &request->back_translate, &error))
    {
      mado_gateway_request_respond_error (request, error);
      return;
    }

  if (request->language == request->target)
    {
      mado_gateway_request_respond_new_error (request, MADO_GATEWAY_ERROR_INVALID_REQUEST,
                                              "“source” and “target” are both %s.", request->language->code);
      return;
    }

  request->candidates = mado_gateway_get_route (request->gateway, MADO_CAPABILITY_TRANSLATE,
                                                request->language, request->target);
  mado_gateway_request_pause (request);
  mado_gateway_request_start_deadline (request, MADO_GATEWAY_TRANSLATE_DEADLINE_S);
  try_translation (request);
}

/* mado-gateway-endpoints.c: what each endpoint of the Madoguchi Speech API does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Translation and synthesis try the providers their route names, in order, and answer with the
 * first that succeeds; a provider that cannot handle the language is skipped, one that fails
 * hands over to the next, and when none is left the client gets the last failure (or
 * unsupported_language when no provider handles the language at all). Recognition takes the
 * first provider that accepts the utterance, since its audio cannot be replayed to another.
 * Translation itself, with its back-translation, is in mado-gateway-translation.c; reading the
 * client's body in mado-gateway-request-body.c.
 */
#include "mado-gateway-private.h"

#include "mado-gateway-json.h"

#include <string.h>

#define JSON_MEDIA_TYPE  "application/json"
#define AUDIO_MEDIA_TYPE "audio/x-pcm"

void
mado_gateway_request_append_timing (GString            *body,
                                    MadoGatewayRequest *request)
{
  double provider_ms = mado_gateway_request_get_provider_ms (request);

  g_string_append (body, ",\"gateway_ms\":");
  mado_json_append_number (body, mado_gateway_request_get_gateway_ms (request), 3);
  g_string_append (body, ",\"provider_ms\":");
  if (provider_ms < 0)
    g_string_append (body, "null");
  else
    mado_json_append_number (body, provider_ms, 3);
}

/* The failure to report once every candidate provider has been tried. */
void
mado_gateway_request_respond_exhausted (MadoGatewayRequest *request,
                                        const char         *doing)
{
  if (request->last_error != NULL)
    {
      mado_gateway_request_respond_error (request, request->last_error);
      return;
    }

  if (request->target != NULL)
    mado_gateway_request_respond_new_error (request, MADO_GATEWAY_ERROR_UNSUPPORTED_LANGUAGE,
                                            "No provider can %s from %s into %s.", doing, request->language->code,
                                            request->target->code);
  else
    mado_gateway_request_respond_new_error (request, MADO_GATEWAY_ERROR_UNSUPPORTED_LANGUAGE,
                                            "No provider can %s in %s.", doing, request->language->code);
}

void
mado_gateway_request_note_failure (MadoGatewayRequest *request,
                                   GError             *error)
{
  g_clear_error (&request->last_error);
  request->last_error = error;
}

/* The next provider of the route that handles the request's languages and is not known to be
 * down, or %NULL. One that is down is passed over at once, as if it had failed with
 * provider_unavailable, so that its Retry-After reaches the client if no other provider answers. */
MadoGatewayProvider *
mado_gateway_request_next_candidate (MadoGatewayRequest *request,
                                     MadoCapability      capability)
{
  while (request->next_candidate < request->candidates->len)
    {
      MadoGatewayProvider *provider = g_ptr_array_index (request->candidates, request->next_candidate++);
      guint retry_after;

      if (!mado_gateway_provider_supports (provider, capability, request->language, request->target))
        continue;

      if (!mado_gateway_provider_is_available (provider, &retry_after))
        {
          GError *error = g_error_new (MADO_GATEWAY_ERROR, MADO_GATEWAY_ERROR_PROVIDER_UNAVAILABLE,
                                       "The provider “%s” is not answering; it is tried again in %u s.",
                                       mado_gateway_provider_get_engine_name (provider, capability,
                                                                              request->language),
                                       retry_after);

          mado_gateway_error_set_retry_after (error, retry_after);
          mado_gateway_request_note_failure (request, error);
          continue;
        }
      return provider;
    }
  return NULL;
}

/* Synthesis. */

static void try_synthesis (MadoGatewayRequest *request);

static void
on_synthesized (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SoupServerMessage) message = user_data;
  MadoGatewayRequest *request = mado_gateway_request_get (message);
  g_autoptr(MadoAudioBuffer) speech = NULL;
  g_autoptr(GBytes) wav = NULL;
  GError *error = NULL;

  speech = mado_gateway_provider_synthesize_finish (MADO_GATEWAY_PROVIDER (source), result, &error);
  mado_gateway_request_end_provider (request);

  if (request->answered)
    {
      g_clear_error (&error);
      return;
    }

  if (speech == NULL)
    {
      mado_gateway_request_note_failure (request, error);
      try_synthesis (request);
      return;
    }

  wav = mado_audio_buffer_to_wav (speech);
  soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                "X-Madoguchi-Provider",
                                mado_gateway_provider_get_engine_name (request->provider,
                                                                       MADO_CAPABILITY_SYNTHESIZE,
                                                                       request->language));
  mado_gateway_request_respond_bytes (request, "audio/wav", wav);
}

static void
try_synthesis (MadoGatewayRequest *request)
{
  MadoGatewayProvider *provider = mado_gateway_request_next_candidate (request, MADO_CAPABILITY_SYNTHESIZE);

  if (provider == NULL)
    {
      mado_gateway_request_respond_exhausted (request, "synthesise speech");
      return;
    }

  mado_gateway_request_begin_provider (request, provider);
  mado_gateway_provider_synthesize_async (provider, request->text, request->language,
                                          request->cancellable, on_synthesized,
                                          g_object_ref (request->message));
}

static void
handle_synthesize (MadoGatewayRequest *request)
{
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  if ((object = mado_gateway_request_parse_body (request, &error)) == NULL ||
      (request->text = mado_gateway_json_get_text (object, &error)) == NULL ||
      (request->language = mado_gateway_json_get_language (object, "language", &error)) == NULL)
    {
      mado_gateway_request_respond_error (request, error);
      return;
    }

  request->candidates = mado_gateway_get_route (request->gateway, MADO_CAPABILITY_SYNTHESIZE,
                                                request->language, NULL);
  mado_gateway_request_pause (request);
  mado_gateway_request_start_deadline (request, MADO_GATEWAY_SYNTHESIZE_DEADLINE_S);
  try_synthesis (request);
}

/* Recognition. */

static gboolean
check_audio_parameter (GHashTable  *parameters,
                       const char  *name,
                       const char  *expected,
                       GError     **error)
{
  const char *value = parameters != NULL ? g_hash_table_lookup (parameters, name) : NULL;

  if (value == NULL || strcmp (value, expected) == 0)
    return TRUE;

  g_set_error (error, MADO_GATEWAY_ERROR, MADO_GATEWAY_ERROR_INVALID_REQUEST,
               "The audio must be %s=%s (16 kHz mono 16-bit PCM), not %s=%s.",
               name, expected, name, value);
  return FALSE;
}

/* Opens the recogniser as soon as the headers are in, so that it hears the audio as it comes. */
static void
begin_recognition (MadoGatewayRequest *request,
                   GHashTable         *query)
{
  g_autoptr(GHashTable) parameters = NULL;
  g_autoptr(GError) error = NULL;
  const char *code = query != NULL ? g_hash_table_lookup (query, "language") : NULL;
  MadoGatewayProvider *provider;

  if (!mado_gateway_request_has_media_type (request, AUDIO_MEDIA_TYPE, &parameters, &error) ||
      !check_audio_parameter (parameters, "bit", "16", &error) ||
      !check_audio_parameter (parameters, "rate", "16000", &error) ||
      !check_audio_parameter (parameters, "channels", "1", &error))
    {
      mado_gateway_request_respond_error (request, error);
      return;
    }

  if (code == NULL || *code == '\0')
    {
      mado_gateway_request_respond_new_error (request, MADO_GATEWAY_ERROR_INVALID_REQUEST,
                                              "The request has no language (POST /v1/recognize?language=LANG).");
      return;
    }

  request->language = mado_language_lookup (code);
  if (request->language == NULL)
    {
      mado_gateway_request_respond_new_error (request, MADO_GATEWAY_ERROR_UNSUPPORTED_LANGUAGE,
                                              "“%s” is not one of Madoguchi's languages (language).", code);
      return;
    }

  request->candidates = mado_gateway_get_route (request->gateway, MADO_CAPABILITY_RECOGNIZE,
                                                request->language, NULL);
  while ((provider = mado_gateway_request_next_candidate (request, MADO_CAPABILITY_RECOGNIZE)) != NULL)
    {
      GError *open_error = NULL;

      request->stream = mado_gateway_provider_open_recognition (provider, request->language, &open_error);
      if (request->stream != NULL)
        {
          request->provider = provider;
          soup_message_body_set_accumulate (soup_server_message_get_request_body (request->message), FALSE);
          return;
        }
      mado_gateway_request_note_failure (request, open_error);
    }

  mado_gateway_request_respond_exhausted (request, "recognise speech");
}

static void
on_recognized (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(SoupServerMessage) message = user_data;
  MadoGatewayRequest *request = mado_gateway_request_get (message);
  g_autoptr(MadoRecognition) recognition = NULL;
  g_autoptr(GError) error = NULL;
  GString *body;

  recognition = mado_recognition_stream_end_finish (MADO_RECOGNITION_STREAM (source), result, &error);
  mado_gateway_request_end_provider (request);

  if (request->answered)
    return;

  if (recognition == NULL)
    {
      mado_gateway_request_respond_error (request, error);
      return;
    }

  body = g_string_sized_new (256);
  g_string_append (body, "{\"text\":");
  mado_json_append_string (body, recognition->text);
  g_string_append (body, ",\"language\":");
  mado_json_append_string (body, request->language->code);
  g_string_append (body, ",\"provider\":");
  mado_json_append_string (body, mado_gateway_provider_get_engine_name (request->provider,
                                                                        MADO_CAPABILITY_RECOGNIZE,
                                                                        request->language));
  g_string_append (body, ",\"confidence\":");
  if (recognition->confidence < 0)
    g_string_append (body, "null");
  else
    mado_json_append_number (body, recognition->confidence, 3);
  g_string_append_printf (body, ",\"audio_ms\":%" G_GSIZE_FORMAT,
                          request->body_received / MADO_GATEWAY_AUDIO_BYTES_PER_MS);
  mado_gateway_request_append_timing (body, request);
  g_string_append_c (body, '}');

  mado_gateway_request_respond_json (request, SOUP_STATUS_OK, body);
}

static void
handle_recognize (MadoGatewayRequest *request)
{
  /* The upload lasts as long as the person speaks, so the gateway's time (and the provider's)
   * is counted from the last audio byte: that is the wait the client has to account for. */
  request->started = g_get_monotonic_time ();
  mado_gateway_request_begin_provider (request, request->provider);
  mado_gateway_request_pause (request);
  mado_gateway_request_start_deadline (request, MADO_GATEWAY_RECOGNIZE_DEADLINE_S);
  mado_recognition_stream_end_async (request->stream, request->cancellable, on_recognized,
                                     g_object_ref (request->message));
}

/* Entry points. */

/**
 * mado_gateway_handle_early:
 *
 * Runs when the headers are in and the path, method and token are right: the checks that need
 * no body, and the start of recognition.
 */
void
mado_gateway_handle_early (MadoGatewayRequest *request,
                           GHashTable         *query)
{
  g_autoptr(GError) error = NULL;

  switch (request->endpoint)
    {
    case ENDPOINT_TRANSLATE:
    case ENDPOINT_SYNTHESIZE:
      if (!mado_gateway_request_has_media_type (request, JSON_MEDIA_TYPE, NULL, &error))
        mado_gateway_request_respond_error (request, error);
      break;
    case ENDPOINT_RECOGNIZE:
      begin_recognition (request, query);
      break;
    case ENDPOINT_HEALTH:
    case ENDPOINT_CAPABILITIES:
    case ENDPOINT_UNKNOWN:
    default:
      break;
    }
}

/**
 * mado_gateway_handle_request:
 *
 * Runs when the whole body is in.
 */
void
mado_gateway_handle_request (MadoGatewayRequest *request)
{
  switch (request->endpoint)
    {
    case ENDPOINT_HEALTH:
      mado_gateway_respond_health (request);
      break;
    case ENDPOINT_CAPABILITIES:
      mado_gateway_respond_capabilities (request);
      break;
    case ENDPOINT_TRANSLATE:
      mado_gateway_handle_translate (request);
      break;
    case ENDPOINT_SYNTHESIZE:
      handle_synthesize (request);
      break;
    case ENDPOINT_RECOGNIZE:
      handle_recognize (request);
      break;
    case ENDPOINT_UNKNOWN:
    default:
      g_assert_not_reached ();
    }
}

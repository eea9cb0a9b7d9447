/* mado-gateway-endpoints.c: what each endpoint of the Madoguchi Speech API does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Translation and synthesis try the providers their route names, in order, and answer with the
 * first that succeeds; a provider that cannot handle the language is skipped, one that fails
 * hands over to the next, and when none is left the client gets the last failure (or
 * unsupported_language when no provider handles the language at all). Recognition takes the
 * first provider that accepts the utterance, since its audio cannot be replayed to another.
 */
#include "mado-gateway-private.h"

#include "mado-gateway-json.h"

#include <string.h>

#define JSON_MEDIA_TYPE  "application/json"
#define AUDIO_MEDIA_TYPE "audio/x-pcm"

static void
respond_new_error (MadoGatewayRequest *request,
                   MadoGatewayError    code,
                   const char         *format,
                   ...) G_GNUC_PRINTF (3, 4);

static void
respond_new_error (MadoGatewayRequest *request,
                   MadoGatewayError    code,
                   const char         *format,
                   ...)
{
  g_autoptr(GError) error = NULL;
  va_list args;

  va_start (args, format);
  error = g_error_new_valist (MADO_GATEWAY_ERROR, code, format, args);
  va_end (args);
  mado_gateway_request_respond_error (request, error);
}

/* The JSON body, as an object; valid until the next request is parsed. */
static JsonObject *
parse_body (MadoGatewayRequest  *request,
            GError             **error)
{
  SoupMessageBody *body = soup_server_message_get_request_body (request->message);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(GError) parse_error = NULL;
  JsonParser *parser = request->gateway->parser;
  const char *data;
  gsize length;
  JsonNode *root;

  data = g_bytes_get_data (bytes, &length);
  if (length == 0)
    {
      g_set_error_literal (error, MADO_GATEWAY_ERROR, MADO_GATEWAY_ERROR_INVALID_REQUEST,
                           "The request has no body; send a JSON object.");
      return NULL;
    }
  if (!g_utf8_validate_len (data, length, NULL))
    {
      g_set_error_literal (error, MADO_GATEWAY_ERROR, MADO_GATEWAY_ERROR_INVALID_REQUEST,
                           "The request body is not UTF-8.");
      return NULL;
    }
  if (!json_parser_load_from_data (parser, data, (gssize) length, &parse_error))
    {
      g_set_error (error, MADO_GATEWAY_ERROR, MADO_GATEWAY_ERROR_INVALID_REQUEST,
                   "The request body is not valid JSON: %s", parse_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, MADO_GATEWAY_ERROR, MADO_GATEWAY_ERROR_INVALID_REQUEST,
                           "The request body must be a JSON object.");
      return NULL;
    }
  return json_node_get_object (root);
}

static gboolean
get_string (JsonObject   *object,
            const char   *name,
            const char  **value,
            GError      **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      g_set_error (error, MADO_GATEWAY_ERROR, MADO_GATEWAY_ERROR_INVALID_REQUEST,
                   "The request has no “%s”.", name);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, MADO_GATEWAY_ERROR, MADO_GATEWAY_ERROR_INVALID_REQUEST,
                   "“%s” must be a string.", name);
      return FALSE;
    }

  *value = json_node_get_string (node);
  return TRUE;
}

static gboolean
get_optional_boolean (JsonObject  *object,
                      const char  *name,
                      gboolean    *value,
                      GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  *value = FALSE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      g_set_error (error, MADO_GATEWAY_ERROR, MADO_GATEWAY_ERROR_INVALID_REQUEST,
                   "“%s” must be true or false.", name);
      return FALSE;
    }

  *value = json_node_get_boolean (node);
  return TRUE;
}

static const MadoLanguage *
get_language (JsonObject  *object,
              const char  *name,
              GError     **error)
{
  const MadoLanguage *language;
  const char *code;

  if (!get_string (object, name, &code, error))
    return NULL;

  language = mado_language_lookup (code);
  if (language == NULL)
    g_set_error (error, MADO_GATEWAY_ERROR, MADO_GATEWAY_ERROR_UNSUPPORTED_LANGUAGE,
                 "“%s” is not one of Madoguchi's languages (%s).", code, name);
  return language;
}

/* The text as the gateway uses it: NFC, at most MAX_TEXT_CHARS characters, not blank. */
static char *
get_text (JsonObject  *object,
          GError     **error)
{
  g_autofree char *normalised = NULL;
  const char *text;
  glong length;

  if (!get_string (object, "text", &text, error))
    return NULL;

  normalised = g_utf8_normalize (text, -1, G_NORMALIZE_DEFAULT_COMPOSE);
  length = g_utf8_strlen (normalised, -1);
  if (length > MADO_GATEWAY_MAX_TEXT_CHARS)
    {
      g_set_error (error, MADO_GATEWAY_ERROR, MADO_GATEWAY_ERROR_PAYLOAD_TOO_LARGE,
                   "“text” has %ld characters; the limit is %d.", length, MADO_GATEWAY_MAX_TEXT_CHARS);
      return NULL;
    }

  for (const char *p = normalised; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return g_steal_pointer (&normalised);

  g_set_error_literal (error, MADO_GATEWAY_ERROR, MADO_GATEWAY_ERROR_INVALID_REQUEST,
                       "“text” is empty.");
  return NULL;
}

static gboolean
has_media_type (MadoGatewayRequest  *request,
                const char          *expected,
                GHashTable         **parameters,
                GError             **error)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (request->message);
  const char *media_type = soup_message_headers_get_content_type (headers, parameters);

  if (media_type != NULL && g_ascii_strcasecmp (media_type, expected) == 0)
    return TRUE;

  g_set_error (error, MADO_GATEWAY_ERROR, MADO_GATEWAY_ERROR_UNSUPPORTED_MEDIA_TYPE,
               "%s takes %s, not %s.", g_uri_get_path (soup_server_message_get_uri (request->message)),
               expected, media_type != NULL ? media_type : "a body without a Content-Type");
  return FALSE;
}

static void
append_timing (GString            *body,
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
static void
respond_exhausted (MadoGatewayRequest *request,
                   const char         *doing)
{
  if (request->last_error != NULL)
    {
      mado_gateway_request_respond_error (request, request->last_error);
      return;
    }

  if (request->target != NULL)
    respond_new_error (request, MADO_GATEWAY_ERROR_UNSUPPORTED_LANGUAGE,
                       "No provider can %s from %s into %s.", doing, request->language->code,
                       request->target->code);
  else
    respond_new_error (request, MADO_GATEWAY_ERROR_UNSUPPORTED_LANGUAGE,
                       "No provider can %s in %s.", doing, request->language->code);
}

static void
note_failure (MadoGatewayRequest *request,
              GError             *error)
{
  g_clear_error (&request->last_error);
  request->last_error = error;
}

/* The next provider of the route that handles the request's languages and is not known to be
 * down, or %NULL. One that is down is passed over at once, as if it had failed with
 * provider_unavailable, so that its Retry-After reaches the client if no other provider answers. */
static MadoGatewayProvider *
next_candidate (MadoGatewayRequest *request,
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
          note_failure (request, error);
          continue;
        }
      return provider;
    }
  return NULL;
}

/* Translation. */

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
  append_timing (body, request);
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

  note_failure (request, error);
  try_back_translation (request);
}

static void
try_back_translation (MadoGatewayRequest *request)
{
  MadoGatewayProvider *provider;
  const MadoLanguage *source = request->language;

  /* next_candidate() checks the languages of the request, here the reverse ones. */
  request->language = request->target;
  request->target = source;
  provider = next_candidate (request, MADO_CAPABILITY_TRANSLATE);
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
  note_failure (request, g_error_new (MADO_GATEWAY_ERROR, MADO_GATEWAY_ERROR_TIMEOUT,
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
      note_failure (request, error);
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
  MadoGatewayProvider *provider = next_candidate (request, MADO_CAPABILITY_TRANSLATE);

  if (provider == NULL)
    {
      respond_exhausted (request, "translate");
      return;
    }

  mado_gateway_request_begin_provider (request, provider);
  mado_gateway_provider_translate_async (provider, request->text, request->language, request->target,
                                         request->back_translate, request->cancellable,
                                         on_translated, g_object_ref (request->message));
}

static void
handle_translate (MadoGatewayRequest *request)
{
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  if ((object = parse_body (request, &error)) == NULL ||
      (request->text = get_text (object, &error)) == NULL ||
      (request->language = get_language (object, "source", &error)) == NULL ||
      (request->target = get_language (object, "target", &error)) == NULL ||
      !get_optional_boolean (object, "back_translate", &request->back_translate, &error))
    {
      mado_gateway_request_respond_error (request, error);
      return;
    }

  if (request->language == request->target)
    {
      respond_new_error (request, MADO_GATEWAY_ERROR_INVALID_REQUEST,
                         "“source” and “target” are both %s.", request->language->code);
      return;
    }

  request->candidates = mado_gateway_get_route (request->gateway, MADO_CAPABILITY_TRANSLATE,
                                                request->language, request->target);
  mado_gateway_request_pause (request);
  mado_gateway_request_start_deadline (request, MADO_GATEWAY_TRANSLATE_DEADLINE_S);
  try_translation (request);
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
      note_failure (request, error);
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
  MadoGatewayProvider *provider = next_candidate (request, MADO_CAPABILITY_SYNTHESIZE);

  if (provider == NULL)
    {
      respond_exhausted (request, "synthesise speech");
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

  if ((object = parse_body (request, &error)) == NULL ||
      (request->text = get_text (object, &error)) == NULL ||
      (request->language = get_language (object, "language", &error)) == NULL)
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

  if (!has_media_type (request, AUDIO_MEDIA_TYPE, &parameters, &error) ||
      !check_audio_parameter (parameters, "bit", "16", &error) ||
      !check_audio_parameter (parameters, "rate", "16000", &error) ||
      !check_audio_parameter (parameters, "channels", "1", &error))
    {
      mado_gateway_request_respond_error (request, error);
      return;
    }

  if (code == NULL || *code == '\0')
    {
      respond_new_error (request, MADO_GATEWAY_ERROR_INVALID_REQUEST,
                         "The request has no language (POST /v1/recognize?language=LANG).");
      return;
    }

  request->language = mado_language_lookup (code);
  if (request->language == NULL)
    {
      respond_new_error (request, MADO_GATEWAY_ERROR_UNSUPPORTED_LANGUAGE,
                         "“%s” is not one of Madoguchi's languages (language).", code);
      return;
    }

  request->candidates = mado_gateway_get_route (request->gateway, MADO_CAPABILITY_RECOGNIZE,
                                                request->language, NULL);
  while ((provider = next_candidate (request, MADO_CAPABILITY_RECOGNIZE)) != NULL)
    {
      GError *open_error = NULL;

      request->stream = mado_gateway_provider_open_recognition (provider, request->language, &open_error);
      if (request->stream != NULL)
        {
          request->provider = provider;
          soup_message_body_set_accumulate (soup_server_message_get_request_body (request->message), FALSE);
          return;
        }
      note_failure (request, open_error);
    }

  respond_exhausted (request, "recognise speech");
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
  append_timing (body, request);
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
      if (!has_media_type (request, JSON_MEDIA_TYPE, NULL, &error))
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
      handle_translate (request);
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

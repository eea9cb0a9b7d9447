/* mado-speech-client.c: the app's side of the Madoguchi Speech API (docs/api.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-speech-client.h"

#include <libsoup/soup.h>
#include <string.h>

#include "mado-recognition-private.h"
#include "mado-speech-client-private.h"
#include "mado-speech-exchange.h"

/* JSON answers are a few kilobytes; a megabyte leaves room for a large capabilities list and
 * still stops a runaway answer long before it hurts the tablet. */
#define JSON_ANSWER_LIMIT  (1024 * 1024)
/* 2,000 characters of text spoken slowly at 48 kHz stay under 20 MB of WAV. */
#define AUDIO_ANSWER_LIMIT (24 * 1024 * 1024)

struct _MadoSpeechClient
{
  GObject      parent_instance;

  char        *base_url;
  GUri        *base_uri;
  char        *display_url;
  char        *token;
  SoupSession *session;

  guint        capabilities_timeout;
  guint        translate_timeout;
  guint        synthesize_timeout;
  guint        recognize_timeout;
};

G_DEFINE_FINAL_TYPE (MadoSpeechClient, mado_speech_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_TOKEN,
  PROP_CAPABILITIES_TIMEOUT,
  PROP_TRANSLATE_TIMEOUT,
  PROP_SYNTHESIZE_TIMEOUT,
  PROP_RECOGNIZE_TIMEOUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

const char *
mado_speech_client_get_base_url (MadoSpeechClient *self)
{
  g_return_val_if_fail (MADO_IS_SPEECH_CLIENT (self), NULL);

  return self->base_url;
}

#define DEFINE_TIMEOUT_ACCESSORS(name, NAME)                                              \
guint                                                                                     \
mado_speech_client_get_##name##_timeout (MadoSpeechClient *self)                          \
{                                                                                         \
  g_return_val_if_fail (MADO_IS_SPEECH_CLIENT (self), 0);                                 \
  return self->name##_timeout;                                                            \
}                                                                                         \
                                                                                          \
void                                                                                      \
mado_speech_client_set_##name##_timeout (MadoSpeechClient *self,                          \
                                         guint             timeout_ms)                    \
{                                                                                         \
  g_return_if_fail (MADO_IS_SPEECH_CLIENT (self));                                        \
  g_return_if_fail (timeout_ms > 0);                                                      \
  if (self->name##_timeout == timeout_ms)                                                 \
    return;                                                                               \
  self->name##_timeout = timeout_ms;                                                      \
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_##NAME##_TIMEOUT]);          \
}

DEFINE_TIMEOUT_ACCESSORS (capabilities, CAPABILITIES)
DEFINE_TIMEOUT_ACCESSORS (translate, TRANSLATE)
DEFINE_TIMEOUT_ACCESSORS (synthesize, SYNTHESIZE)
DEFINE_TIMEOUT_ACCESSORS (recognize, RECOGNIZE)

#undef DEFINE_TIMEOUT_ACCESSORS

SoupSession *
mado_speech_client_get_session (MadoSpeechClient *self)
{
  return self->session;
}

const char *
mado_speech_client_get_display_url (MadoSpeechClient *self)
{
  return self->display_url;
}

char *
mado_speech_client_scrub (MadoSpeechClient *self,
                          const char       *text)
{
  g_autoptr(GString) scrubbed = g_string_new (text);

  if (self->token != NULL && *self->token != '\0')
    g_string_replace (scrubbed, self->token, "[token]", 0);

  return g_string_free (g_steal_pointer (&scrubbed), FALSE);
}

/* @path is relative to the API's base (`v1/translate`), so a gateway published under a
 * prefix (`https://city.example/speech/`) keeps its prefix. */
SoupMessage *
mado_speech_client_new_message (MadoSpeechClient *self,
                                const char       *method,
                                const char       *path,
                                const char       *query)
{
  const char *base_path = g_uri_get_path (self->base_uri);
  g_autofree char *full_path = g_strconcat (base_path, g_str_has_suffix (base_path, "/") ? "" : "/", path, NULL);
  g_autoptr(GUri) uri = g_uri_build (G_URI_FLAGS_ENCODED, g_uri_get_scheme (self->base_uri), NULL,
                                     g_uri_get_host (self->base_uri), g_uri_get_port (self->base_uri),
                                     full_path, query, NULL);
  SoupMessage *message = soup_message_new_from_uri (method, uri);

  if (self->token != NULL && *self->token != '\0')
    {
      g_autofree char *authorization = g_strconcat ("Bearer ", self->token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", authorization);
    }

  return message;
}

static const char *
purpose_of (GTask *task)
{
  return g_task_get_name (task);
}

static GTask *
new_call (MadoSpeechClient    *self,
          gpointer             source_tag,
          const char          *purpose,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_name (task, purpose);

  return task;
}

/* Each call's answer arrives here first. Returns it, or %NULL once the exchange's error has
 * been returned on @task. */
static MadoSpeechResponse *
receive (GAsyncResult *result,
         GTask        *task)
{
  GError *error = NULL;
  MadoSpeechResponse *response = mado_speech_exchange_send_finish (result, &error);

  if (response == NULL)
    g_task_return_error (task, error);

  return response;
}

/* Returns the answer's JSON and sets @response_out, or returns %NULL once the error has been
 * returned on @task; @task's name says which request it was. */
static JsonNode *
receive_json (GAsyncResult        *result,
              GTask               *task,
              MadoSpeechResponse **response_out)
{
  MadoSpeechClient *self = g_task_get_source_object (task);
  g_autoptr(MadoSpeechResponse) response = receive (result, task);
  GError *error = NULL;
  JsonNode *root;

  if (response == NULL)
    return NULL;

  root = mado_speech_response_parse_json (response, purpose_of (task), self->display_url, &error);
  if (root == NULL)
    g_task_return_error (task, error);
  else
    *response_out = g_steal_pointer (&response);

  return root;
}

/* An answer that arrived whole but is not the documented shape: @shape_error says what is
 * wrong, this adds which gateway and request. */
static void
return_shape_error (GTask              *task,
                    MadoSpeechResponse *response,
                    GError             *shape_error)
{
  MadoSpeechClient *self = g_task_get_source_object (task);

  g_task_return_error (task, mado_speech_api_error_new (MADO_SPEECH_API_ERROR_BAD_RESPONSE, 0, response->request_id,
                                                        "The %s to the speech gateway at %s failed (request %s): %s",
                                                        purpose_of (task), self->display_url,
                                                        response->request_id, shape_error->message));
  g_error_free (shape_error);
}

static MadoSpeechExchange *
new_exchange (MadoSpeechClient *self,
              const char       *method,
              const char       *path,
              const char       *purpose,
              guint             timeout_ms)
{
  MadoSpeechExchange *exchange = mado_speech_exchange_new (self, method, path, NULL, purpose);

  mado_speech_exchange_set_retry (exchange, TRUE);
  mado_speech_exchange_set_deadline (exchange, timeout_ms, TRUE);
  mado_speech_exchange_set_expected (exchange, "application/json", JSON_ANSWER_LIMIT);

  return exchange;
}

static void
set_json_body (MadoSpeechExchange *exchange,
               JsonBuilder        *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  gsize length;
  char *json = json_to_string (root, FALSE);
  g_autoptr(GBytes) body = NULL;

  length = strlen (json);
  body = g_bytes_new_take (json, length);
  mado_speech_exchange_set_body_bytes (exchange, "application/json", body);
}

/* Health */

static const char *
string_member (JsonObject *object,
               const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static void
on_health (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(MadoSpeechResponse) response = NULL;
  g_autoptr(JsonNode) root = receive_json (result, task, &response);
  JsonObject *object;
  const char *status;
  const char *version;

  if (root == NULL)
    return;

  object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  status = string_member (object, "status");
  version = string_member (object, "version");
  if (g_strcmp0 (status, "ok") != 0 || version == NULL)
    {
      return_shape_error (task, response,
                          g_error_new_literal (MADO_SPEECH_API_ERROR, MADO_SPEECH_API_ERROR_BAD_RESPONSE,
                                               "the answer is not {\"status\": \"ok\", \"version\": …}"));
      return;
    }

  g_task_return_pointer (task, g_strdup (version), g_free);
}

/**
 * mado_speech_client_check_health_async:
 *
 * Asks `GET /v1/health`, which needs no token, to tell a gateway that is up from one that is
 * not, for example right after starting the local gateway.
 */
void
mado_speech_client_check_health_async (MadoSpeechClient    *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(MadoSpeechExchange) exchange = NULL;
  GTask *task;

  g_return_if_fail (MADO_IS_SPEECH_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = new_call (self, mado_speech_client_check_health_async, "health check", cancellable, callback, user_data);
  exchange = new_exchange (self, "GET", "v1/health", purpose_of (task), self->capabilities_timeout);
  mado_speech_exchange_send_async (exchange, cancellable, on_health, task);
}

/**
 * mado_speech_client_check_health_finish:
 *
 * Returns: (transfer full) (nullable): the gateway's version, or %NULL with @error set in
 *   %MADO_SPEECH_API_ERROR or to %G_IO_ERROR_CANCELLED.
 */
char *
mado_speech_client_check_health_finish (MadoSpeechClient  *self,
                                        GAsyncResult      *result,
                                        GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mado_speech_client_check_health_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Capabilities */

static void
on_capabilities (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(MadoSpeechResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = receive_json (result, task, &response);
  MadoSpeechCapabilities *capabilities;

  if (root == NULL)
    return;

  capabilities = mado_speech_capabilities_new_from_json (root, &error);
  if (capabilities == NULL)
    return_shape_error (task, response, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, capabilities, g_object_unref);
}

void
mado_speech_client_get_capabilities_async (MadoSpeechClient    *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_autoptr(MadoSpeechExchange) exchange = NULL;
  GTask *task;

  g_return_if_fail (MADO_IS_SPEECH_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = new_call (self, mado_speech_client_get_capabilities_async, "capabilities request",
                   cancellable, callback, user_data);
  exchange = new_exchange (self, "GET", "v1/capabilities", purpose_of (task), self->capabilities_timeout);
  mado_speech_exchange_send_async (exchange, cancellable, on_capabilities, task);
}

/**
 * mado_speech_client_get_capabilities_finish:
 *
 * Returns: (transfer full) (nullable): what the gateway can do now, or %NULL with @error set
 *   in %MADO_SPEECH_API_ERROR or to %G_IO_ERROR_CANCELLED.
 */
MadoSpeechCapabilities *
mado_speech_client_get_capabilities_finish (MadoSpeechClient  *self,
                                            GAsyncResult      *result,
                                            GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mado_speech_client_get_capabilities_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Translate */

static void
on_translation (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(MadoSpeechResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = receive_json (result, task, &response);
  MadoTranslation *translation;

  if (root == NULL)
    return;

  translation = mado_translation_new_from_json (root, &error);
  if (translation == NULL)
    {
      return_shape_error (task, response, g_steal_pointer (&error));
      return;
    }

  /* The body's figures are the gateway's own; Server-Timing fills in for a gateway that
   * left them out. */
  if (translation->gateway_ms == 0 && response->gateway_ms > 0)
    translation->gateway_ms = response->gateway_ms;
  if (translation->provider_ms == 0 && response->provider_ms > 0)
    translation->provider_ms = response->provider_ms;
  translation->request_id = g_strdup (response->request_id);
  translation->total_ms = (g_get_monotonic_time () - response->sent_us) / 1000.0;

  g_task_return_pointer (task, translation, (GDestroyNotify) mado_translation_unref);
}

/**
 * mado_speech_client_translate_async:
 * @text: what the person said or typed, as they wrote it (the gateway normalises it)
 * @source: the language of @text
 * @target: the language to translate into
 * @back_translate: whether to ask for the translation put back into @source, so the speaker
 *   can check it
 */
void
mado_speech_client_translate_async (MadoSpeechClient    *self,
                                    const char          *text,
                                    const char          *source,
                                    const char          *target,
                                    gboolean             back_translate,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(MadoSpeechExchange) exchange = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  GTask *task;

  g_return_if_fail (MADO_IS_SPEECH_CLIENT (self));
  g_return_if_fail (text != NULL && g_utf8_validate (text, -1, NULL));
  g_return_if_fail (source != NULL);
  g_return_if_fail (target != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = new_call (self, mado_speech_client_translate_async, "translation request", cancellable, callback, user_data);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, text);
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, source);
  json_builder_set_member_name (builder, "target");
  json_builder_add_string_value (builder, target);
  json_builder_set_member_name (builder, "back_translate");
  json_builder_add_boolean_value (builder, back_translate);
  json_builder_end_object (builder);

  exchange = new_exchange (self, "POST", "v1/translate", purpose_of (task), self->translate_timeout);
  set_json_body (exchange, builder);
  mado_speech_exchange_send_async (exchange, cancellable, on_translation, task);
}

/**
 * mado_speech_client_translate_finish:
 *
 * Returns: (transfer full) (nullable): the translation, or %NULL with @error set in
 *   %MADO_SPEECH_API_ERROR or to %G_IO_ERROR_CANCELLED.
 */
MadoTranslation *
mado_speech_client_translate_finish (MadoSpeechClient  *self,
                                     GAsyncResult      *result,
                                     GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mado_speech_client_translate_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Synthesize */

static void
on_speech (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoSpeechResponse) response = receive (result, task);
  const guint8 *data;
  gsize length;
  MadoAudioBuffer *speech;

  if (response == NULL)
    return;

  data = g_bytes_get_data (response->body, &length);
  speech = mado_audio_buffer_new_from_wav (data, length, &error);
  if (speech == NULL)
    return_shape_error (task, response,
                        g_error_new (MADO_SPEECH_API_ERROR, MADO_SPEECH_API_ERROR_BAD_RESPONSE,
                                     "the WAV audio is unusable: %s", error->message));
  else
    g_task_return_pointer (task, speech, (GDestroyNotify) mado_audio_buffer_unref);
}

void
mado_speech_client_synthesize_async (MadoSpeechClient    *self,
                                     const char          *text,
                                     const char          *language,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(MadoSpeechExchange) exchange = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  GTask *task;

  g_return_if_fail (MADO_IS_SPEECH_CLIENT (self));
  g_return_if_fail (text != NULL && g_utf8_validate (text, -1, NULL));
  g_return_if_fail (language != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = new_call (self, mado_speech_client_synthesize_async, "speech synthesis request",
                   cancellable, callback, user_data);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, text);
  json_builder_set_member_name (builder, "language");
  json_builder_add_string_value (builder, language);
  json_builder_end_object (builder);

  exchange = new_exchange (self, "POST", "v1/synthesize", purpose_of (task), self->synthesize_timeout);
  mado_speech_exchange_set_expected (exchange, "audio/wav", AUDIO_ANSWER_LIMIT);
  set_json_body (exchange, builder);
  mado_speech_exchange_send_async (exchange, cancellable, on_speech, task);
}

/**
 * mado_speech_client_synthesize_finish:
 *
 * Returns: (transfer full) (nullable): the speech at the engine's own rate, or %NULL with
 *   @error set in %MADO_SPEECH_API_ERROR or to %G_IO_ERROR_CANCELLED.
 */
MadoAudioBuffer *
mado_speech_client_synthesize_finish (MadoSpeechClient  *self,
                                      GAsyncResult      *result,
                                      GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mado_speech_client_synthesize_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Recognize */

/**
 * mado_speech_client_begin_recognition:
 * @language: the language the person speaks
 *
 * Returns: (transfer full): the recognition, already sending; push audio into it and end it.
 */
MadoRecognition *
mado_speech_client_begin_recognition (MadoSpeechClient *self,
                                      const char       *language)
{
  g_autoptr(MadoSpeechExchange) exchange = NULL;
  g_autofree char *query = NULL;

  g_return_val_if_fail (MADO_IS_SPEECH_CLIENT (self), NULL);
  g_return_val_if_fail (language != NULL, NULL);

  query = g_strconcat ("language=", language, NULL);
  exchange = mado_speech_exchange_new (self, "POST", "v1/recognize", query, "speech recognition request");
  mado_speech_exchange_set_retry (exchange, FALSE);
  mado_speech_exchange_set_deadline (exchange, self->recognize_timeout, FALSE);
  mado_speech_exchange_set_expected (exchange, "application/json", JSON_ANSWER_LIMIT);

  return mado_recognition_new (exchange, language, self->display_url);
}

/* Construction */

static void
mado_speech_client_finalize (GObject *object)
{
  MadoSpeechClient *self = MADO_SPEECH_CLIENT (object);

  g_free (self->base_url);
  g_clear_pointer (&self->base_uri, g_uri_unref);
  g_free (self->display_url);
  if (self->token != NULL)
    memset (self->token, 0, strlen (self->token));
  g_free (self->token);

  G_OBJECT_CLASS (mado_speech_client_parent_class)->finalize (object);
}

static void
mado_speech_client_dispose (GObject *object)
{
  MadoSpeechClient *self = MADO_SPEECH_CLIENT (object);

  g_clear_object (&self->session);

  G_OBJECT_CLASS (mado_speech_client_parent_class)->dispose (object);
}

static void
mado_speech_client_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  MadoSpeechClient *self = MADO_SPEECH_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;
    case PROP_CAPABILITIES_TIMEOUT:
      g_value_set_uint (value, self->capabilities_timeout);
      break;
    case PROP_TRANSLATE_TIMEOUT:
      g_value_set_uint (value, self->translate_timeout);
      break;
    case PROP_SYNTHESIZE_TIMEOUT:
      g_value_set_uint (value, self->synthesize_timeout);
      break;
    case PROP_RECOGNIZE_TIMEOUT:
      g_value_set_uint (value, self->recognize_timeout);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mado_speech_client_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  MadoSpeechClient *self = MADO_SPEECH_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      self->base_url = g_value_dup_string (value);
      break;
    case PROP_TOKEN:
      self->token = g_value_dup_string (value);
      break;
    case PROP_CAPABILITIES_TIMEOUT:
      mado_speech_client_set_capabilities_timeout (self, g_value_get_uint (value));
      break;
    case PROP_TRANSLATE_TIMEOUT:
      mado_speech_client_set_translate_timeout (self, g_value_get_uint (value));
      break;
    case PROP_SYNTHESIZE_TIMEOUT:
      mado_speech_client_set_synthesize_timeout (self, g_value_get_uint (value));
      break;
    case PROP_RECOGNIZE_TIMEOUT:
      mado_speech_client_set_recognize_timeout (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mado_speech_client_class_init (MadoSpeechClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags construct = G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;
  const GParamFlags timeout = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = mado_speech_client_dispose;
  object_class->finalize = mado_speech_client_finalize;
  object_class->get_property = mado_speech_client_get_property;
  object_class->set_property = mado_speech_client_set_property;

  properties[PROP_BASE_URL] = g_param_spec_string ("base-url", NULL, NULL, NULL, G_PARAM_READWRITE | construct);
  /* Write-only, so no property dump or inspector can show it. */
  properties[PROP_TOKEN] = g_param_spec_string ("token", NULL, NULL, NULL, G_PARAM_WRITABLE | construct);
  properties[PROP_CAPABILITIES_TIMEOUT] =
    g_param_spec_uint ("capabilities-timeout", NULL, NULL, 1, G_MAXUINT,
                       MADO_SPEECH_CLIENT_DEFAULT_CAPABILITIES_TIMEOUT_MS, timeout);
  properties[PROP_TRANSLATE_TIMEOUT] =
    g_param_spec_uint ("translate-timeout", NULL, NULL, 1, G_MAXUINT,
                       MADO_SPEECH_CLIENT_DEFAULT_TRANSLATE_TIMEOUT_MS, timeout);
  properties[PROP_SYNTHESIZE_TIMEOUT] =
    g_param_spec_uint ("synthesize-timeout", NULL, NULL, 1, G_MAXUINT,
                       MADO_SPEECH_CLIENT_DEFAULT_SYNTHESIZE_TIMEOUT_MS, timeout);
  properties[PROP_RECOGNIZE_TIMEOUT] =
    g_param_spec_uint ("recognize-timeout", NULL, NULL, 1, G_MAXUINT,
                       MADO_SPEECH_CLIENT_DEFAULT_RECOGNIZE_TIMEOUT_MS, timeout);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mado_speech_client_init (MadoSpeechClient *self)
{
  self->capabilities_timeout = MADO_SPEECH_CLIENT_DEFAULT_CAPABILITIES_TIMEOUT_MS;
  self->translate_timeout = MADO_SPEECH_CLIENT_DEFAULT_TRANSLATE_TIMEOUT_MS;
  self->synthesize_timeout = MADO_SPEECH_CLIENT_DEFAULT_SYNTHESIZE_TIMEOUT_MS;
  self->recognize_timeout = MADO_SPEECH_CLIENT_DEFAULT_RECOGNIZE_TIMEOUT_MS;
}

static gboolean
is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string (host);

  if (address != NULL)
    return g_inet_address_get_is_loopback (address);

  return g_ascii_strcasecmp (host, "localhost") == 0;
}

/**
 * mado_speech_client_new:
 * @base_url: where the API lives, `http://127.0.0.1:PORT/` for the local gateway; the
 *   `v1/…` paths are appended to its path
 * @token: (nullable): the bearer token, or %NULL for a gateway that needs none
 * @error: set in %G_URI_ERROR when @base_url is not an http or https URL
 *
 * Returns: (transfer full) (nullable): the client.
 */
MadoSpeechClient *
mado_speech_client_new (const char  *base_url,
                        const char  *token,
                        GError     **error)
{
  g_autoptr(MadoSpeechClient) self = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) uri_error = NULL;
  const char *scheme;

  g_return_val_if_fail (base_url != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  uri = g_uri_parse (base_url, G_URI_FLAGS_ENCODED, &uri_error);
  if (uri == NULL)
    {
      /* GLib's message quotes the URL, which may carry a password: say it in our words. */
      g_set_error (error, G_URI_ERROR, uri_error->code, "The speech gateway address is not a valid URL");
      return NULL;
    }
  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    {
      g_set_error (error, G_URI_ERROR, G_URI_ERROR_BAD_SCHEME,
                   "The speech gateway address must start with http:// or https://, not %s://", scheme);
      return NULL;
    }
  if (g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, G_URI_ERROR, G_URI_ERROR_BAD_HOST, "The speech gateway address names no host");
      return NULL;
    }

  self = g_object_new (MADO_TYPE_SPEECH_CLIENT, "base-url", base_url, "token", token, NULL);
  self->base_uri = g_steal_pointer (&uri);
  self->display_url = g_uri_to_string_partial (self->base_uri, G_URI_HIDE_USERINFO | G_URI_HIDE_QUERY
                                                               | G_URI_HIDE_FRAGMENT | G_URI_HIDE_AUTH_PARAMS);
  /* A proxy from the environment must never see the loopback gateway's traffic (and could
   * not reach it); a remote gateway goes through the system's proxy like any other. The
   * session's own I/O timeout stays off because each call has its own deadline. */
  self->session = soup_session_new_with_options ("user-agent", "Madoguchi/" PACKAGE_VERSION,
                                                 "timeout", 0,
                                                 "idle-timeout", 60,
                                                 NULL);
  if (is_loopback (g_uri_get_host (self->base_uri)))
    soup_session_set_proxy_resolver (self->session, NULL);

  return g_steal_pointer (&self);
}

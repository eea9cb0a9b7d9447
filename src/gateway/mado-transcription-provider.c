/* mado-transcription-provider.c: open dictation by a Whisper server (whisper.cpp or OpenAI's API)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A whisper.cpp server is what a city runs on its own machine, so that residents' voices stay
 * in its network; OpenAI's transcription API is the cloud alternative. Both take a WAV file in
 * a multipart form and answer with JSON holding the text, so one adapter serves both: the
 * flavour decides the form's fields and how much of the answer there is to read.
 *
 * Whisper writes down anything, which is its risk at a counter: given silence or noise it
 * invents sentences ("Thank you for watching."). The transcript guard keeps audio without
 * enough speech from being sent (mado-transcription-stream.c) and such sentences from being
 * shown (mado-transcription-reply.c, which reads the answers).
 */
#include "mado-transcription-provider-private.h"

#include "mado-gateway-error.h"
#include "mado-transcription-stream.h"

#include <string.h>

#define WHISPER_CPP_DEFAULT_URL  "http://127.0.0.1:8080"
#define WHISPER_CPP_DEFAULT_PATH "/inference"
#define OPENAI_DEFAULT_URL       "https://api.openai.com/v1"
#define OPENAI_PATH              "audio/transcriptions"
#define OPENAI_DEFAULT_MODEL     "whisper-1"

/* whisper.cpp's own default for its no_speech_thold, as in OpenAI's reference decoder. */
#define DEFAULT_NO_SPEECH_THRESHOLD 0.6
/* A whisper.cpp server on CPUs takes seconds for 30 s of audio, and the gateway waits 15 s
 * after the last byte: the attempt may use most of that, leaving time to answer. */
#define DEFAULT_TIMEOUT             12.0
#define MAX_MIN_SPEECH_MS           10000

static void mado_transcription_provider_provider_init (MadoGatewayProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MadoTranscriptionProvider, mado_transcription_provider, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MADO_TYPE_GATEWAY_PROVIDER,
                                                      mado_transcription_provider_provider_init))

/* Whisper names languages by ISO 639-1 code: one "zh" for both scripts (what it writes follows
 * the speech, not the request), "pt" for Brazilian Portuguese, and Tagalog ("tl") for
 * Filipino, which is built on it. Easy Japanese is a way of writing for residents, not a
 * language anyone speaks to the counter, so it has no entry. */
static const MadoLanguageSpelling spellings[] = {
  { "ja", { "ja" } },
  { "en", { "en" } },
  { "zh-Hans", { "zh" } },
  { "zh-Hant", { "zh" } },
  { "ko", { "ko" } },
  { "vi", { "vi" } },
  { "id", { "id" } },
  { "th", { "th" } },
  { "my", { "my" } },
  { "es", { "es" } },
  { "fr", { "fr" } },
  { "pt-BR", { "pt" } },
  { "fil", { "tl" } },
  { "ne", { "ne" } },
};

static const char *const default_languages[] = {
  "ja", "en", "zh-Hans", "zh-Hant", "ko", "vi", "id", "th", "my", "es", "fr", "pt-BR", "fil", "ne", NULL
};

static const char *const whisper_cpp_keys[] = {
  MADO_HTTP_PROVIDER_KEYS, "key-file", "key-env", "inference-path", "no-speech-threshold",
  "min-speech-ms", "block-list", "prompt", NULL
};

static const char *const openai_keys[] = {
  MADO_HTTP_PROVIDER_KEYS, "key-file", "key-env", "model", "min-speech-ms", "block-list", "prompt", NULL
};

/* The request. */

/* OpenAI answers 429 both for requests too fast, which a retry may cure, and for an account
 * without credit, which no retry cures (mado-transcription-reply.c reads which). */
static gboolean
is_final_answer (guint   status,
                 GBytes *body)
{
  gsize length;
  const char *data = g_bytes_get_data (body, &length);

  return status == 429 && data != NULL &&
         g_strstr_len (data, (gssize) length, "insufficient_quota") != NULL;
}

static MadoProviderRequest *
build_request (MadoTranscriptionProvider *self,
               MadoAudioBuffer           *audio,
               const char                *language_code)
{
  g_autoptr(SoupMultipart) form = soup_multipart_new (SOUP_FORM_MIME_TYPE_MULTIPART);
  g_autoptr(GBytes) wav = mado_audio_buffer_to_wav (audio);
  MadoProviderRequest *request = mado_provider_request_new ("POST", self->path);

  /* OpenAI tells the audio's format by the file name's extension. */
  soup_multipart_append_form_file (form, "file", "speech.wav", "audio/wav", wav);
  soup_multipart_append_form_string (form, "language", language_code);
  if (self->prompt != NULL)
    soup_multipart_append_form_string (form, "prompt", self->prompt);

  switch (self->flavour)
    {
    case MADO_TRANSCRIPTION_WHISPER_CPP:
      /* verbose_json carries each segment's probabilities, for the confidence and the server's
       * own verdict on silence. One utterance needs no timestamps, and the language is given,
       * so the server is spared timestamp tokens and a second pass that detects the language
       * only to report its probabilities. */
      soup_multipart_append_form_string (form, "response_format", "verbose_json");
      soup_multipart_append_form_string (form, "temperature", "0.0");
      soup_multipart_append_form_string (form, "no_timestamps", "true");
      soup_multipart_append_form_string (form, "no_language_probabilities", "true");
      break;
    case MADO_TRANSCRIPTION_OPENAI:
      /* json is the one format every OpenAI transcription model answers in. */
      soup_multipart_append_form_string (form, "model", self->model);
      soup_multipart_append_form_string (form, "response_format", "json");
      break;
    default:
      g_assert_not_reached ();
    }
  mado_provider_request_set_multipart (request, form);
  mado_provider_request_set_final_answer (request, is_final_answer);

  if (self->key != NULL)
    {
      g_autofree char *authorization = g_strconcat ("Bearer ", self->key, NULL);

      mado_provider_request_add_header (request, "Authorization", authorization);
      memset (authorization, 0, strlen (authorization));
    }
  return request;
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MadoTranscriptionProvider *self = g_task_get_source_object (task);
  g_autoptr(MadoProviderReply) reply = NULL;
  MadoRecognition *recognition;
  GError *error = NULL;

  reply = mado_provider_http_send_finish (MADO_PROVIDER_HTTP (source), result, &error);
  if (reply == NULL || (recognition = mado_transcription_provider_read_reply (self, reply, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, recognition, (GDestroyNotify) mado_recognition_free);
}

void
mado_transcription_provider_transcribe_async (MadoTranscriptionProvider *self,
                                              MadoAudioBuffer           *audio,
                                              const MadoLanguage        *language,
                                              GCancellable              *cancellable,
                                              GAsyncReadyCallback        callback,
                                              gpointer                   user_data)
{
  g_autoptr(MadoProviderRequest) request = NULL;
  const char *code;
  GTask *task;

  g_return_if_fail (MADO_IS_TRANSCRIPTION_PROVIDER (self));
  g_return_if_fail (audio != NULL && language != NULL);

  /* Streams are opened only for languages with a code. */
  code = mado_language_codes_get_code (self->codes, language);
  g_return_if_fail (code != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mado_transcription_provider_transcribe_async);

  request = build_request (self, audio, code);
  mado_provider_http_send_async (self->http, request, cancellable, on_sent, task);
}

MadoRecognition *
mado_transcription_provider_transcribe_finish (MadoTranscriptionProvider  *self,
                                               GAsyncResult               *result,
                                               GError                    **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

MadoTranscriptGuard *
mado_transcription_provider_get_guard (MadoTranscriptionProvider *self)
{
  g_return_val_if_fail (MADO_IS_TRANSCRIPTION_PROVIDER (self), NULL);

  return self->guard;
}

/* The provider interface. */

static gboolean
mado_transcription_provider_supports (MadoGatewayProvider *provider,
                                      MadoCapability       capability,
                                      const MadoLanguage  *language,
                                      const MadoLanguage  *target)
{
  MadoTranscriptionProvider *self = MADO_TRANSCRIPTION_PROVIDER (provider);

  return capability == MADO_CAPABILITY_RECOGNIZE && mado_language_codes_supports (self->codes, language, NULL);
}

static const char *
mado_transcription_provider_get_engine_name (MadoGatewayProvider *provider,
                                             MadoCapability       capability,
                                             const MadoLanguage  *language)
{
  return mado_provider_http_get_name (MADO_TRANSCRIPTION_PROVIDER (provider)->http);
}

static gboolean
mado_transcription_provider_is_available (MadoGatewayProvider *provider,
                                          guint               *retry_after)
{
  return mado_provider_http_is_available (MADO_TRANSCRIPTION_PROVIDER (provider)->http, retry_after);
}

static gboolean
mado_transcription_provider_is_constrained (MadoGatewayProvider *provider,
                                            const MadoLanguage  *language)
{
  /* Whisper writes down whatever is said, not only the registered phrases. */
  return FALSE;
}

static MadoRecognitionStream *
mado_transcription_provider_open_recognition (MadoGatewayProvider  *provider,
                                              const MadoLanguage   *language,
                                              GError              **error)
{
  MadoTranscriptionProvider *self = MADO_TRANSCRIPTION_PROVIDER (provider);

  if (!mado_language_codes_supports (self->codes, language, NULL))
    {
      g_set_error (error, MADO_GATEWAY_ERROR, MADO_GATEWAY_ERROR_UNSUPPORTED_LANGUAGE,
                   "The provider “%s” is not set up to recognise %s.",
                   mado_provider_http_get_name (self->http), language->code);
      return NULL;
    }

  return MADO_RECOGNITION_STREAM (mado_transcription_stream_new (self, language));
}

static void
mado_transcription_provider_provider_init (MadoGatewayProviderInterface *iface)
{
  iface->supports = mado_transcription_provider_supports;
  iface->get_engine_name = mado_transcription_provider_get_engine_name;
  iface->is_available = mado_transcription_provider_is_available;
  iface->is_constrained = mado_transcription_provider_is_constrained;
  iface->open_recognition = mado_transcription_provider_open_recognition;
}

static void
mado_transcription_provider_finalize (GObject *object)
{
  MadoTranscriptionProvider *self = MADO_TRANSCRIPTION_PROVIDER (object);

  g_clear_object (&self->http);
  g_clear_object (&self->guard);
  g_clear_pointer (&self->codes, mado_language_codes_free);
  if (self->key != NULL)
    memset (self->key, 0, strlen (self->key));
  g_free (self->key);
  g_free (self->path);
  g_free (self->model);
  g_free (self->prompt);

  G_OBJECT_CLASS (mado_transcription_provider_parent_class)->finalize (object);
}

static void
mado_transcription_provider_class_init (MadoTranscriptionProviderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mado_transcription_provider_finalize;
}

static void
mado_transcription_provider_init (MadoTranscriptionProvider *self)
{
  self->codes = mado_language_codes_new ();
  self->guard = mado_transcript_guard_new ();
  self->no_speech_threshold = DEFAULT_NO_SPEECH_THRESHOLD;
}

/* Configuration. */

static gboolean
config_error (GError     **error,
              const char  *format,
              ...) G_GNUC_PRINTF (2, 3);

static gboolean
config_error (GError     **error,
              const char  *format,
              ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (MADO_GATEWAY_CONFIG_ERROR, MADO_GATEWAY_CONFIG_ERROR_BAD_VALUE,
                                                format, args));
  va_end (args);
  return FALSE;
}

/* The languages with a Whisper code; a configured language Whisper has no code for is an
 * error, not a route that is silently never taken. */
static gboolean
read_languages (MadoTranscriptionProvider  *self,
                MadoGatewayConfig          *config,
                const char                 *name,
                GError                    **error)
{
  g_autoptr(GPtrArray) languages = mado_gateway_config_get_provider_languages (config, name, default_languages,
                                                                               error);

  if (languages == NULL)
    return FALSE;

  mado_language_codes_set_spellings (self->codes, languages, spellings, G_N_ELEMENTS (spellings), NULL);
  for (guint i = 0; i < languages->len; i++)
    {
      const MadoLanguage *language = g_ptr_array_index (languages, i);

      if (mado_language_codes_get_code (self->codes, language) == NULL)
        return config_error (error, "[provider %s] languages names “%s”, which Whisper does not "
                             "recognise as a spoken language of its own", name, language->code);
    }
  return TRUE;
}

/* whisper.cpp's inference path (its --inference-path, after any --request-path), taken relative
 * to the URL so that a server published under a prefix keeps it. */
static gboolean
read_inference_path (MadoTranscriptionProvider  *self,
                     MadoGatewayConfig          *config,
                     const char                 *name,
                     GError                    **error)
{
  g_autofree char *path = mado_gateway_config_dup_provider_string (config, name, "inference-path");
  const char *relative;

  if (path == NULL)
    path = g_strdup (WHISPER_CPP_DEFAULT_PATH);
  relative = path + strspn (path, "/");
  if (*relative == '\0' || strpbrk (relative, "?#") != NULL || strstr (relative, "://") != NULL)
    return config_error (error, "[provider %s] inference-path = %s is not a path on the server "
                         "(such as /inference)", name, path);

  self->path = g_strdup (relative);
  return TRUE;
}

static gboolean
read_guard (MadoTranscriptionProvider  *self,
            MadoGatewayConfig          *config,
            const char                 *name,
            GError                    **error)
{
  g_autofree char *block_list = mado_gateway_config_dup_provider_string (config, name, "block-list");
  guint min_speech_ms = MADO_TRANSCRIPT_GUARD_DEFAULT_MIN_SPEECH_MS;
  g_autoptr(GError) file_error = NULL;

  if (!mado_gateway_config_get_provider_uint (config, name, "min-speech-ms", 0, MAX_MIN_SPEECH_MS,
                                              &min_speech_ms, error))
    return FALSE;
  mado_transcript_guard_set_min_speech (self->guard, min_speech_ms);

  /* The message from reading the file names it. */
  if (block_list != NULL && !mado_transcript_guard_add_file (self->guard, block_list, &file_error))
    return config_error (error, "[provider %s] block-list: %s", name, file_error->message);
  return TRUE;
}

/**
 * mado_transcription_provider_new_from_config:
 *
 * Reads the [provider NAME] group of a whisper-cpp or openai-transcription provider.
 */
MadoGatewayProvider *
mado_transcription_provider_new_from_config (MadoGatewayConfig         *config,
                                             const char                *name,
                                             MadoTranscriptionFlavour   flavour,
                                             GError                   **error)
{
  g_autoptr(MadoTranscriptionProvider) self = NULL;
  g_autofree char *url = NULL;
  g_autofree char *timeout = NULL;
  gboolean openai = flavour == MADO_TRANSCRIPTION_OPENAI;
  MadoProviderHttpOptions options;

  g_return_val_if_fail (MADO_IS_GATEWAY_CONFIG (config), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (MADO_TYPE_TRANSCRIPTION_PROVIDER, NULL);
  self->flavour = flavour;
  /* OpenAI needs its key; a whisper.cpp server has none of its own but may stand behind a
   * proxy that wants one. */
  if (!mado_gateway_config_check_provider_keys (config, name, openai ? openai_keys : whisper_cpp_keys, error) ||
      !mado_gateway_config_read_http_options (config, name, MADO_CAPABILITY_RECOGNIZE, &options, error) ||
      (url = mado_gateway_config_dup_provider_url (config, name,
                                                   openai ? OPENAI_DEFAULT_URL : WHISPER_CPP_DEFAULT_URL,
                                                   error)) == NULL ||
      !read_languages (self, config, name, error) ||
      !read_guard (self, config, name, error) ||
      !mado_gateway_config_get_provider_double (config, name, "no-speech-threshold", 0.0, 1.0,
                                                &self->no_speech_threshold, error) ||
      (!openai && !read_inference_path (self, config, name, error)) ||
      !mado_gateway_config_read_provider_secret (config, name, "key", openai, &self->key, error))
    return NULL;

  timeout = mado_gateway_config_dup_provider_string (config, name, "timeout");
  if (timeout == NULL)
    options.timeout = DEFAULT_TIMEOUT;

  if (openai)
    {
      self->path = g_strdup (OPENAI_PATH);
      self->model = mado_gateway_config_dup_provider_string (config, name, "model");
      if (self->model == NULL || *self->model == '\0')
        {
          g_free (self->model);
          self->model = g_strdup (OPENAI_DEFAULT_MODEL);
        }
    }
  self->prompt = mado_gateway_config_dup_provider_string (config, name, "prompt");
  if (self->prompt != NULL && *self->prompt == '\0')
    g_clear_pointer (&self->prompt, g_free);

  self->http = mado_provider_http_new (name, url, &options);
  mado_provider_http_add_secret (self->http, self->key);
  return MADO_GATEWAY_PROVIDER (g_steal_pointer (&self));
}

/* mado-fake-transcription.c: the whisper.cpp server and OpenAI's /v1/audio/transcriptions as
 * apis.md section 4 describes them
 *
 * Both take multipart/form-data with the audio in a part named "file". The fake recognises only
 * RIFF/WAVE audio, which is what the gateway sends: whisper.cpp decodes more containers, and
 * OpenAI more still, but an adapter that sends anything else fails here on purpose.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-fake-provider-private.h"

#include <string.h>

#define BEARER "Bearer "

static const FakeRoute whisper_routes[] = {
  { "POST", "/inference", FALSE },
  { "GET", "/health", FALSE },
  { NULL, NULL, FALSE },
};

static const FakeRoute openai_routes[] = {
  { "POST", "/v1/audio/transcriptions", FALSE },
  { NULL, NULL, FALSE },
};

static gboolean
whisper_takes (FakeBehaviour  behaviour,
               const char    *path)
{
  return (behaviour == FAKE_BEHAVIOUR_WRONG_KEY || behaviour == FAKE_BEHAVIOUR_EMPTY) &&
         g_str_equal (path, "/inference");
}

static gboolean
openai_takes (FakeBehaviour  behaviour,
              const char    *path)
{
  return behaviour != FAKE_BEHAVIOUR_UNKNOWN_PAIR;
}

static guint32
read_le32 (const guint8 *bytes)
{
  return (guint32) bytes[0] | (guint32) bytes[1] << 8 | (guint32) bytes[2] << 16 | (guint32) bytes[3] << 24;
}

/* Whether @file is RIFF/WAVE with a "fmt " and a "data" chunk, and its length in seconds. */
static gboolean
wave_duration (GBytes *file,
               double *seconds)
{
  gsize size = 0;
  const guint8 *bytes = file != NULL ? g_bytes_get_data (file, &size) : NULL;
  guint32 byte_rate = 0;
  gsize offset = 12;

  if (size < 12 || memcmp (bytes, "RIFF", 4) != 0 || memcmp (bytes + 8, "WAVE", 4) != 0)
    return FALSE;
  while (offset + 8 <= size)
    {
      guint32 length = read_le32 (bytes + offset + 4);

      if (memcmp (bytes + offset, "fmt ", 4) == 0 && length >= 16 && offset + 8 + 16 <= size)
        byte_rate = read_le32 (bytes + offset + 8 + 8);
      else if (memcmp (bytes + offset, "data", 4) == 0 && byte_rate > 0)
        {
          *seconds = (double) MIN (length, size - offset - 8) / byte_rate;
          return TRUE;
        }
      offset += 8 + (gsize) length + (length & 1);
    }

  return FALSE;
}

/* whisper.cpp reports full language names in verbose_json. */
static const char *
language_full_name (const char *code)
{
  static const char * const names[][2] = {
    { "en", "english" }, { "ja", "japanese" }, { "es", "spanish" }, { "vi", "vietnamese" },
    { "pt", "portuguese" }, { "zh", "chinese" }, { "ko", "korean" }, { "fr", "french" },
    { "de", "german" }, { "tl", "tagalog" }, { "my", "myanmar" }, { "th", "thai" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (names[i][0], code) == 0)
      return names[i][1];
  return code;
}

/* The language the transcript is in: the one asked for, else the fake's guess. */
static const char *
transcript_language (FakeExchange *exchange,
                     const char   *transcript)
{
  const char *language = fake_exchange_field (exchange, "language");

  if (language == NULL || *language == '\0' || g_str_equal (language, "auto"))
    language = fake_guess_language (transcript);
  return language_full_name (language);
}

static char *
timestamp (double  seconds,
           char    separator)
{
  guint ms = (guint) (seconds * 1000 + 0.5);

  return g_strdup_printf ("%02u:%02u:%02u%c%03u", ms / 3600000, ms / 60000 % 60, ms / 1000 % 60, separator,
                          ms % 1000);
}

static void
add_segment (JsonBuilder *builder,
             const char  *text,
             double       seconds,
             gboolean     openai)
{
  json_builder_begin_object (builder);
  fake_json_add_int (builder, "id", 0);
  if (openai)
    fake_json_add_int (builder, "seek", 0);
  fake_json_add_string (builder, "text", text);
  fake_json_add_double (builder, "start", 0.0);
  fake_json_add_double (builder, "end", seconds);
  json_builder_set_member_name (builder, "tokens");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  if (!openai)
    {
      json_builder_set_member_name (builder, "words");
      json_builder_begin_array (builder);
      json_builder_end_array (builder);
    }
  fake_json_add_double (builder, "temperature", 0.0);
  fake_json_add_double (builder, "avg_logprob", -0.25);
  if (openai)
    fake_json_add_double (builder, "compression_ratio", 1.0);
  fake_json_add_double (builder, "no_speech_prob", 0.02);
  json_builder_end_object (builder);
}

static void
reply_verbose_json (FakeExchange *exchange,
                    const char   *transcript,
                    double        seconds,
                    gboolean      openai)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *language = transcript_language (exchange, transcript);

  json_builder_begin_object (builder);
  fake_json_add_string (builder, "task", "transcribe");
  fake_json_add_string (builder, "language", language);
  fake_json_add_double (builder, "duration", seconds);
  fake_json_add_string (builder, "text", transcript);
  json_builder_set_member_name (builder, "segments");
  json_builder_begin_array (builder);
  /* Silence gives no segment at all. */
  if (*transcript != '\0')
    add_segment (builder, transcript, seconds, openai);
  json_builder_end_array (builder);
  if (!openai)
    {
      fake_json_add_string (builder, "detected_language", language);
      fake_json_add_double (builder, "detected_language_probability", 0.98);
      json_builder_set_member_name (builder, "language_probabilities");
      json_builder_begin_object (builder);
      fake_json_add_double (builder, fake_guess_language (transcript), 0.98);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  fake_exchange_reply_json (exchange, 200, builder);
}

/* Answers in @format; FALSE when the format is not one the services know. */
static gboolean
reply_transcript (FakeExchange *exchange,
                  const char   *format,
                  double        seconds,
                  gboolean      openai)
{
  g_autofree char *transcript = exchange->behaviour == FAKE_BEHAVIOUR_EMPTY
                                  ? g_strdup ("")
                                  : fake_provider_dup_transcript (exchange->provider);
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autofree char *body = NULL;

  if (g_str_equal (format, "json"))
    fake_exchange_reply_member (exchange, 200, "text", transcript);
  else if (g_str_equal (format, "verbose_json"))
    reply_verbose_json (exchange, transcript, seconds, openai);
  else if (g_str_equal (format, "text"))
    /* whisper.cpp really labels plain text as HTML. */
    fake_exchange_reply (exchange, 200, openai ? "text/plain; charset=utf-8" : "text/html; charset=utf-8",
                         transcript);
  else if (g_str_equal (format, "srt"))
    {
      start = timestamp (0, ',');
      end = timestamp (seconds, ',');
      body = g_strdup_printf ("1\n%s --> %s\n%s\n\n", start, end, transcript);
      fake_exchange_reply (exchange, 200, "application/x-subrip", body);
    }
  else if (g_str_equal (format, "vtt"))
    {
      start = timestamp (0, '.');
      end = timestamp (seconds, '.');
      body = g_strdup_printf ("WEBVTT\n\n%s --> %s\n%s\n\n", start, end, transcript);
      fake_exchange_reply (exchange, 200, "text/vtt", body);
    }
  else
    return FALSE;

  return TRUE;
}

static gboolean
bearer_matches (FakeExchange *exchange)
{
  const char *authorization = fake_exchange_header (exchange, "Authorization");

  if (!fake_provider_key_required (exchange->provider))
    return TRUE;
  return authorization != NULL && g_str_has_prefix (authorization, BEARER) &&
         fake_provider_key_matches (exchange->provider, authorization + strlen (BEARER));
}

/* whisper.cpp */

static void
whisper_answer (FakeExchange *exchange)
{
  const char *format = fake_exchange_field (exchange, "response_format");
  double seconds = 0;

  switch (exchange->behaviour)
    {
    case FAKE_BEHAVIOUR_UNAVAILABLE:
      /* What /health says while the model loads. */
      fake_exchange_reply_member (exchange, 503, "status", "loading model");
      return;
    case FAKE_BEHAVIOUR_RATE_LIMITED:
      /* whisper.cpp has no limit of its own (it queues requests): this is a proxy before it,
       * answering in its error shape. */
      fake_exchange_reply_member (exchange, 429, "error", "too many requests");
      return;
    case FAKE_BEHAVIOUR_SERVER_ERROR:
      fake_exchange_reply_member (exchange, 500, "error", "failed to process audio");
      return;
    default:
      break;
    }

  if (g_str_equal (exchange->request->path, "/health"))
    {
      fake_exchange_reply_member (exchange, 200, "status", "ok");
      return;
    }
  /* Upstream whisper.cpp has no key; a key set on the fake stands for a reverse proxy or a
   * fork that takes a Bearer key. The 401 and its body are UNVERIFIED. */
  if (exchange->behaviour == FAKE_BEHAVIOUR_WRONG_KEY || !bearer_matches (exchange))
    {
      fake_exchange_reply_member (exchange, 401, "error", "invalid API key");
      return;
    }
  if (exchange->request->file == NULL)
    {
      fake_exchange_reply_member (exchange, 400, "error", "no 'file' field in the request");
      return;
    }
  if (!wave_duration (exchange->request->file, &seconds))
    {
      fake_exchange_reply_member (exchange, 400, "error", "failed to read audio data");
      return;
    }
  /* An unknown response_format falls through to json. */
  if (format == NULL || !reply_transcript (exchange, format, seconds, FALSE))
    reply_transcript (exchange, "json", seconds, FALSE);
}

/* OpenAI */

static void
reply_openai_error (FakeExchange *exchange,
                    guint         status,
                    const char   *message,
                    const char   *type,
                    const char   *param,
                    const char   *code)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_begin_object (builder);
  fake_json_add_string (builder, "message", message);
  fake_json_add_string (builder, "type", type);
  fake_json_add_string (builder, "param", param);
  fake_json_add_string (builder, "code", code);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  fake_exchange_reply_json (exchange, status, builder);
}

/* The envelope and the type and code values are OpenAI's (apis.md); the message texts are the
 * fake's. Unlike OpenAI's own 401, the message never repeats any part of the key sent. */
static void
openai_answer (FakeExchange *exchange)
{
  const char *authorization = fake_exchange_header (exchange, "Authorization");
  const char *format = fake_exchange_field (exchange, "response_format");
  double seconds = 0;

  switch (exchange->behaviour)
    {
    case FAKE_BEHAVIOUR_UNAVAILABLE:
      reply_openai_error (exchange, 503, "The server is overloaded, please try again later.", "server_error",
                          NULL, NULL);
      return;
    case FAKE_BEHAVIOUR_SERVER_ERROR:
      reply_openai_error (exchange, 500, "The server had an error while processing your request.", "server_error",
                          NULL, NULL);
      return;
    default:
      break;
    }

  if (authorization == NULL && fake_provider_key_required (exchange->provider))
    {
      reply_openai_error (exchange, 401, "You didn't provide an API key.", "invalid_request_error", NULL, NULL);
      return;
    }
  if (exchange->behaviour == FAKE_BEHAVIOUR_WRONG_KEY || !bearer_matches (exchange))
    {
      reply_openai_error (exchange, 401, "Incorrect API key provided.", "invalid_request_error", NULL,
                          "invalid_api_key");
      return;
    }
  if (exchange->behaviour == FAKE_BEHAVIOUR_QUOTA)
    {
      reply_openai_error (exchange, 429, "You exceeded your current quota, please check your plan and billing details.",
                          "insufficient_quota", NULL, "insufficient_quota");
      return;
    }
  if (exchange->behaviour == FAKE_BEHAVIOUR_RATE_LIMITED)
    {
      reply_openai_error (exchange, 429, "Rate limit reached for requests. Please try again later.", "requests",
                          NULL, "rate_limit_exceeded");
      return;
    }

  if (exchange->request->file == NULL)
    {
      reply_openai_error (exchange, 400, "You must provide a file.", "invalid_request_error", "file", NULL);
      return;
    }
  if (fake_exchange_field (exchange, "model") == NULL)
    {
      reply_openai_error (exchange, 400, "You must provide a model parameter.", "invalid_request_error", "model", NULL);
      return;
    }
  if (!wave_duration (exchange->request->file, &seconds))
    {
      reply_openai_error (exchange, 400, "The audio file could not be decoded or its format is not supported.",
                          "invalid_request_error", "file", NULL);
      return;
    }
  if (!reply_transcript (exchange, format != NULL ? format : "json", seconds, TRUE))
    reply_openai_error (exchange, 400, "response_format must be one of json, text, srt, verbose_json, vtt.",
                        "invalid_request_error", "response_format", NULL);
}

const FakeServiceClass fake_whisper_cpp_class = {
  .routes = whisper_routes,
  .html_status = 502,
  .huge_prefix = "{\"text\":\"",
  .keyless = TRUE,
  .default_pairs = NULL,
  .takes = whisper_takes,
  .answer = whisper_answer,
};

const FakeServiceClass fake_openai_class = {
  .routes = openai_routes,
  .html_status = 200,
  .huge_prefix = "{\"text\":\"",
  .keyless = FALSE,
  .default_pairs = NULL,
  .takes = openai_takes,
  .answer = openai_answer,
};

/* mado-transcription-reply.c: what a Whisper server answered, in the terms of the Speech API
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The half of MadoTranscriptionProvider that reads answers (the other sends the requests).
 * whisper.cpp's verbose_json tells, besides the text, how sure the model was and whether it
 * took the audio for speech at all; OpenAI's json gives only the text. Either way a transcript
 * that is empty, or only what recognisers invent for silence, is no_speech.
 */
#include "mado-transcription-provider-private.h"

#include "mado-gateway-error.h"
#include "mado-gateway-json.h"

#include <math.h>
#include <string.h>

/* A finite number at @member of @object, which is not trusted to be an object at all. */
static gboolean
lookup_number (JsonNode   *object,
               const char *member,
               double     *value)
{
  JsonNode *node = mado_json_lookup (object, member, NULL);
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type != G_TYPE_DOUBLE && type != G_TYPE_INT64)
    return FALSE;
  *value = json_node_get_double (node);
  return isfinite (*value);
}

/* Reads whisper.cpp's verbose_json segments: whether the model judged every one of them to be
 * no speech, and its confidence as the mean over segments of exp(avg_logprob), the geometric
 * mean of the tokens' probabilities; -1 without segments that say. */
static void
read_segments (MadoTranscriptionProvider *self,
               JsonNode                  *root,
               gboolean                  *all_silent,
               double                    *confidence)
{
  JsonNode *segments = mado_json_lookup (root, "segments", NULL);
  guint n_segments = 0;
  guint n_silent = 0;
  guint n_scored = 0;
  double sum = 0.0;

  if (segments != NULL && JSON_NODE_HOLDS_ARRAY (segments))
    {
      JsonArray *array = json_node_get_array (segments);

      n_segments = json_array_get_length (array);
      for (guint i = 0; i < n_segments; i++)
        {
          JsonNode *segment = json_array_get_element (array, i);
          double no_speech;
          double logprob;

          if (lookup_number (segment, "no_speech_prob", &no_speech) && no_speech > self->no_speech_threshold)
            n_silent++;
          if (lookup_number (segment, "avg_logprob", &logprob))
            {
              sum += exp (logprob);
              n_scored++;
            }
        }
    }

  *all_silent = n_segments > 0 && n_silent == n_segments;
  *confidence = n_scored > 0 ? CLAMP (sum / n_scored, 0.0, 1.0) : -1.0;
}

/* Whisper separates segments with newlines and starts them with a space; the API's text is
 * one line. */
static char *
collapse_white_space (const char *text)
{
  GString *line = g_string_sized_new (strlen (text));

  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isspace (*p))
        g_string_append_c (line, *p);
      else if (line->len > 0 && line->str[line->len - 1] != ' ')
        g_string_append_c (line, ' ');
    }
  if (line->len > 0 && line->str[line->len - 1] == ' ')
    g_string_truncate (line, line->len - 1);
  return g_string_free (line, FALSE);
}

static MadoRecognition *
read_transcript (MadoTranscriptionProvider  *self,
                 JsonNode                   *root,
                 GError                    **error)
{
  const char *text = mado_json_lookup_string (root, "text", NULL);
  g_autofree char *line = NULL;
  g_autofree char *shown = NULL;
  gboolean all_silent = FALSE;
  double confidence = -1.0;

  if (text == NULL)
    {
      g_propagate_error (error, mado_provider_http_error (self->http, MADO_GATEWAY_ERROR_PROVIDER_BAD_RESPONSE,
                                                          "sent JSON without “text”"));
      return NULL;
    }

  if (self->flavour == MADO_TRANSCRIPTION_WHISPER_CPP)
    read_segments (self, root, &all_silent, &confidence);
  if (all_silent)
    {
      g_propagate_error (error, mado_provider_http_error (self->http, MADO_GATEWAY_ERROR_NO_SPEECH,
                                                          "judged the audio to hold no speech"));
      return NULL;
    }

  /* An empty transcript is the service's way of saying it heard nothing, and a transcript of
   * nothing but what recognisers write for silence says the same less honestly. */
  line = collapse_white_space (text);
  shown = mado_transcript_guard_check (self->guard, line);
  if (shown == NULL)
    {
      g_propagate_error (error, mado_provider_http_error (self->http, MADO_GATEWAY_ERROR_NO_SPEECH,
                                                          "heard no speech"));
      return NULL;
    }

  return mado_recognition_new (shown, confidence);
}

static GError *
whisper_cpp_error (MadoTranscriptionProvider *self,
                   MadoProviderReply         *reply,
                   JsonNode                  *root)
{
  const char *said = NULL;

  if (reply->status == SOUP_STATUS_NOT_FOUND)
    return mado_provider_http_error (self->http, MADO_GATEWAY_ERROR_PROVIDER_ERROR,
                                     "has nothing at “%s” (HTTP 404); check its url and inference-path",
                                     self->path);

  /* {"error":"failed to read audio data"} for audio it cannot read (400) or a failed inference
   * (500); {"status":"loading model"} (503) while it starts or switches models. */
  if (root != NULL)
    said = mado_json_lookup_string (root, "error", NULL);
  if (root != NULL && said == NULL)
    said = mado_json_lookup_string (root, "status", NULL);
  return mado_provider_http_status_error (self->http, reply, said);
}

static GError *
openai_error (MadoTranscriptionProvider *self,
              MadoProviderReply         *reply,
              JsonNode                  *root)
{
  const char *message = NULL;
  const char *code = NULL;
  const char *type = NULL;

  if (root != NULL)
    {
      message = mado_json_lookup_string (root, "error", "message", NULL);
      code = mado_json_lookup_string (root, "error", "code", NULL);
      type = mado_json_lookup_string (root, "error", "type", NULL);
    }

  /* OpenAI answers 429 both for requests too fast, which waiting cures, and for an account
   * without credit, which only paying the bill cures; the envelope tells which. */
  if (reply->status == 429 &&
      (g_strcmp0 (code, "insufficient_quota") == 0 || g_strcmp0 (type, "insufficient_quota") == 0))
    return mado_provider_http_error (self->http, MADO_GATEWAY_ERROR_PROVIDER_QUOTA_EXCEEDED,
                                     "says the account's quota is used up (HTTP 429%s%s)",
                                     message != NULL ? ": " : "", message != NULL ? message : "");

  return mado_provider_http_status_error (self->http, reply, message);
}

MadoRecognition *
mado_transcription_provider_read_reply (MadoTranscriptionProvider  *self,
                                        MadoProviderReply          *reply,
                                        GError                    **error)
{
  g_autoptr(JsonNode) root = NULL;
  GError *parse_error = NULL;

  g_return_val_if_fail (MADO_IS_TRANSCRIPTION_PROVIDER (self), NULL);
  g_return_val_if_fail (reply != NULL, NULL);

  root = mado_provider_http_parse_json (self->http, reply, &parse_error);
  if (reply->status != SOUP_STATUS_OK)
    {
      /* The status says more than a body that is not JSON (a proxy's 502 page). */
      g_clear_error (&parse_error);
      g_propagate_error (error, self->flavour == MADO_TRANSCRIPTION_OPENAI ? openai_error (self, reply, root)
                                                                           : whisper_cpp_error (self, reply, root));
      return NULL;
    }
  if (root == NULL)
    {
      g_propagate_error (error, parse_error);
      return NULL;
    }

  return read_transcript (self, root, error);
}

/* mado-fake-deepl.c: DeepL API v2 /translate as apis.md section 5c describes it
 *
 * Authorization: DeepL-Auth-Key KEY; a JSON body with "text" as an array, or a form body with
 * text repeated. Errors are {"message": "…"} (openapi.yaml's ErrorResponse, whose "code" is
 * optional and left out). The statuses are DeepL's; the message texts are illustrative
 * (UNVERIFIED), so adapters must go by the status.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-fake-provider-private.h"

#include <string.h>

#define AUTH_SCHEME "DeepL-Auth-Key "

static const FakeRoute routes[] = {
  { "POST", "/v2/translate", FALSE },
  { NULL, NULL, FALSE },
};

static gboolean
takes (FakeBehaviour  behaviour,
       const char    *path)
{
  return TRUE;
}

static void
reply_error (FakeExchange *exchange,
             guint         status,
             const char   *message)
{
  fake_exchange_reply_member (exchange, status, "message", message);
}

static gboolean
authorized (FakeExchange *exchange)
{
  const char *authorization = fake_exchange_header (exchange, "Authorization");

  if (!fake_provider_key_required (exchange->provider))
    return TRUE;
  return authorization != NULL && g_str_has_prefix (authorization, AUTH_SCHEME) &&
         fake_provider_key_matches (exchange->provider, authorization + strlen (AUTH_SCHEME));
}

/* The texts of a JSON array or of repeated form fields; NULL when text is missing or, in JSON,
 * not an array of strings. */
static GPtrArray *
texts_of (FakeExchange *exchange)
{
  JsonNode *text;
  JsonArray *array;
  GPtrArray *texts;

  if (fake_exchange_has_form_body (exchange))
    {
      texts = fake_exchange_all_fields (exchange, "text");
      if (texts->len > 0)
        return texts;
      g_ptr_array_unref (texts);
      return NULL;
    }
  if (exchange->json == NULL || !JSON_NODE_HOLDS_OBJECT (exchange->json))
    return NULL;
  text = json_object_get_member (json_node_get_object (exchange->json), "text");
  if (text == NULL || !JSON_NODE_HOLDS_ARRAY (text))
    return NULL;

  array = json_node_get_array (text);
  texts = g_ptr_array_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        {
          g_ptr_array_unref (texts);
          return NULL;
        }
      g_ptr_array_add (texts, (gpointer) json_node_get_string (element));
    }
  if (texts->len == 0)
    g_clear_pointer (&texts, g_ptr_array_unref);

  return texts;
}

static void
answer (FakeExchange *exchange)
{
  FakeProvider *provider = exchange->provider;
  g_autoptr(GPtrArray) texts = NULL;
  g_autofree char *target = NULL;
  g_autofree char *source = NULL;
  g_autoptr(JsonBuilder) builder = NULL;

  switch (exchange->behaviour)
    {
    case FAKE_BEHAVIOUR_UNAVAILABLE:
      reply_error (exchange, 503, "Service unavailable. Please try again later.");
      return;
    case FAKE_BEHAVIOUR_RATE_LIMITED:
      reply_error (exchange, 429, "Too many requests. Please wait and resend your request.");
      return;
    case FAKE_BEHAVIOUR_SERVER_ERROR:
      reply_error (exchange, 500, "Internal server error.");
      return;
    default:
      break;
    }

  /* The key is checked first, so that a wrong key never learns anything about the rest. */
  if (exchange->behaviour == FAKE_BEHAVIOUR_WRONG_KEY || !authorized (exchange))
    {
      reply_error (exchange, 403, "Authorization failed. Please supply a valid auth_key parameter.");
      return;
    }
  if (exchange->behaviour == FAKE_BEHAVIOUR_QUOTA)
    {
      reply_error (exchange, 456, "Quota exceeded. The character limit has been reached.");
      return;
    }

  texts = texts_of (exchange);
  if (texts == NULL)
    {
      reply_error (exchange, 400, "Parameter 'text' not specified.");
      return;
    }
  if (fake_exchange_field (exchange, "target_lang") == NULL)
    {
      reply_error (exchange, 400, "Parameter 'target_lang' not specified.");
      return;
    }

  /* Codes are case-insensitive; answers and the translation rule use DeepL's upper case. */
  target = g_ascii_strup (fake_exchange_field (exchange, "target_lang"), -1);
  if (fake_exchange_field (exchange, "source_lang") != NULL)
    source = g_ascii_strup (fake_exchange_field (exchange, "source_lang"), -1);
  if (exchange->behaviour == FAKE_BEHAVIOUR_UNKNOWN_PAIR || !fake_provider_serves_pair (provider, NULL, target))
    {
      reply_error (exchange, 400, "Value for 'target_lang' not supported.");
      return;
    }
  if (source != NULL && !fake_provider_serves_pair (provider, source, target))
    {
      reply_error (exchange, 400, "Value for 'source_lang' not supported.");
      return;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "translations");
  json_builder_begin_array (builder);
  for (guint i = 0; i < texts->len; i++)
    {
      g_autofree char *detected = source != NULL ? g_strdup (source)
                                                 : g_ascii_strup (fake_guess_language (texts->pdata[i]), -1);
      g_autofree char *translation = exchange->behaviour == FAKE_BEHAVIOUR_EMPTY
                                       ? g_strdup ("")
                                       : fake_provider_translate (provider, detected, target, texts->pdata[i]);

      json_builder_begin_object (builder);
      fake_json_add_string (builder, "detected_source_language", detected);
      fake_json_add_string (builder, "text", translation);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  fake_exchange_reply_json (exchange, 200, builder);
}

const FakeServiceClass fake_deepl_class = {
  .routes = routes,
  .html_status = 200,
  .huge_prefix = "{\"translations\":[{\"detected_source_language\":\"JA\",\"text\":\"",
  .keyless = FALSE,
  .default_pairs = NULL,
  .takes = takes,
  .answer = answer,
};

/* mado-fake-libretranslate.c: a self-hosted LibreTranslate as apis.md section 2 describes it
 *
 * POST /translate takes JSON or form fields (q, source, target, format, api_key); every error
 * is {"error": "<message>"} with the messages of LibreTranslate's app.py. A key set on the fake
 * stands for a server that requires one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-fake-provider-private.h"

#include <string.h>

static const char * const default_pairs[] = {
  "en|ja", "en|es", "en|vi", "en|pt-BR",
  "ja|en", "ja|es", "ja|vi", "ja|pt-BR",
  "es|en", "es|ja", "es|vi", "es|pt-BR",
  "vi|en", "vi|ja", "vi|es", "vi|pt-BR",
  "pt-BR|en", "pt-BR|ja", "pt-BR|es", "pt-BR|vi",
  NULL,
};

static const FakeRoute routes[] = {
  { "POST", "/translate", FALSE },
  { "GET POST", "/languages", FALSE },
  { "GET", "/health", FALSE },
  { NULL, NULL, FALSE },
};

/* The English names /languages gives; other codes are named by their code. */
static const struct {
  const char *code;
  const char *name;
} language_names[] = {
  { "en", "English" }, { "ja", "Japanese" }, { "es", "Spanish" }, { "vi", "Vietnamese" },
  { "pt-BR", "Portuguese (Brazil)" }, { "pt", "Portuguese" }, { "zh-Hans", "Chinese" },
  { "zh-Hant", "Chinese (traditional)" }, { "ko", "Korean" }, { "fr", "French" }, { "de", "German" },
};

static const char *
language_name (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (language_names); i++)
    if (g_ascii_strcasecmp (language_names[i].code, code) == 0)
      return language_names[i].name;
  return code;
}

static gboolean
takes (FakeBehaviour  behaviour,
       const char    *path)
{
  /* /languages is exempt from keys and limits, and /health has neither. */
  return g_str_equal (path, "/translate");
}

/* The languages the pairs mention, in the order they first appear, as the pairs spell them. */
static GPtrArray *
languages_of (const char * const *pairs)
{
  GPtrArray *languages = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; pairs != NULL && pairs[i] != NULL; i++)
    {
      g_auto(GStrv) ends = g_strsplit (pairs[i], "|", 2);

      for (guint j = 0; ends[j] != NULL; j++)
        {
          gboolean known = FALSE;

          for (guint k = 0; k < languages->len && !known; k++)
            known = g_ascii_strcasecmp (languages->pdata[k], ends[j]) == 0;
          if (!known)
            g_ptr_array_add (languages, g_strdup (ends[j]));
        }
    }

  return languages;
}

/* @code as the pairs spell it, or NULL when no pair has it. With any pair served (@pairs
 * NULL), every code is known as sent. */
static const char *
find_language (GStrv       pairs,
               GPtrArray  *languages,
               const char *code)
{
  if (pairs == NULL)
    return code;
  for (guint i = 0; i < languages->len; i++)
    if (g_ascii_strcasecmp (languages->pdata[i], code) == 0)
      return languages->pdata[i];
  return NULL;
}

static void
answer_languages (FakeExchange *exchange)
{
  g_auto(GStrv) pairs = fake_provider_dup_pairs (exchange->provider);
  g_autoptr(GPtrArray) languages = languages_of ((const char * const *) pairs);
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < languages->len; i++)
    {
      const char *code = languages->pdata[i];

      json_builder_begin_object (builder);
      fake_json_add_string (builder, "code", code);
      fake_json_add_string (builder, "name", language_name (code));
      json_builder_set_member_name (builder, "targets");
      json_builder_begin_array (builder);
      for (guint j = 0; j < languages->len; j++)
        if (fake_provider_serves_pair (exchange->provider, code, languages->pdata[j]))
          json_builder_add_string_value (builder, languages->pdata[j]);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  fake_exchange_reply_json (exchange, 200, builder);
}

/* q as texts: a JSON string or array of strings, or a form field. *batch tells an array. */
static GPtrArray *
texts_of (FakeExchange *exchange,
          gboolean     *batch)
{
  GPtrArray *texts = g_ptr_array_new ();
  JsonNode *q = NULL;

  *batch = FALSE;
  if (exchange->json != NULL && JSON_NODE_HOLDS_OBJECT (exchange->json))
    q = json_object_get_member (json_node_get_object (exchange->json), "q");
  if (q != NULL && JSON_NODE_HOLDS_ARRAY (q))
    {
      JsonArray *array = json_node_get_array (q);

      *batch = TRUE;
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          const char *text = json_array_get_string_element (array, i);

          if (text != NULL)
            g_ptr_array_add (texts, (gpointer) text);
        }
    }
  else if (fake_exchange_field (exchange, "q") != NULL && *fake_exchange_field (exchange, "q") != '\0')
    g_ptr_array_add (texts, (gpointer) fake_exchange_field (exchange, "q"));

  return texts;
}

static void
reply_error (FakeExchange *exchange,
             guint         status,
             const char   *message)
{
  fake_exchange_reply_member (exchange, status, "error", message);
}

static void
answer_translate (FakeExchange *exchange)
{
  FakeProvider *provider = exchange->provider;
  const char *api_key = fake_exchange_field (exchange, "api_key");
  const char *source = fake_exchange_field (exchange, "source");
  const char *target = fake_exchange_field (exchange, "target");
  const char *format = fake_exchange_field (exchange, "format");
  g_auto(GStrv) pairs = fake_provider_dup_pairs (provider);
  g_autoptr(GPtrArray) languages = languages_of ((const char * const *) pairs);
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  const char *source_code, *target_code;
  gboolean batch, detect;

  if (exchange->behaviour == FAKE_BEHAVIOUR_QUOTA)
    {
      /* What a client banned for repeated limit violations gets, until the ban expires. */
      reply_error (exchange, 403, "Too many request limits violations");
      return;
    }
  if (exchange->behaviour == FAKE_BEHAVIOUR_WRONG_KEY ||
      (api_key != NULL && !fake_provider_key_matches (provider, api_key)))
    {
      reply_error (exchange, 403, "Invalid API key");
      return;
    }
  if (api_key == NULL && fake_provider_key_required (provider))
    {
      reply_error (exchange, 400, "Please contact the server operator to get an API key");
      return;
    }

  texts = texts_of (exchange, &batch);
  if (texts->len == 0)
    {
      reply_error (exchange, 400, "Invalid request: missing q parameter");
      return;
    }
  if (source == NULL)
    {
      reply_error (exchange, 400, "Invalid request: missing source parameter");
      return;
    }
  if (target == NULL)
    {
      reply_error (exchange, 400, "Invalid request: missing target parameter");
      return;
    }

  detect = g_str_equal (source, "auto");
  source_code = find_language (pairs, languages, detect ? fake_guess_language (texts->pdata[0]) : source);
  if (source_code == NULL && detect && languages->len > 0)
    source_code = languages->pdata[0];
  target_code = find_language (pairs, languages, target);
  if (source_code == NULL || target_code == NULL)
    {
      g_autofree char *message = g_strdup_printf ("%s is not supported", source_code == NULL ? source : target);

      reply_error (exchange, 400, message);
      return;
    }
  if (format != NULL && !g_str_equal (format, "text") && !g_str_equal (format, "html"))
    {
      g_autofree char *message = g_strdup_printf ("%s format is not supported", format);

      reply_error (exchange, 400, message);
      return;
    }
  if (exchange->behaviour == FAKE_BEHAVIOUR_UNKNOWN_PAIR ||
      !fake_provider_serves_pair (provider, source_code, target_code))
    {
      g_autofree char *message =
        g_strdup_printf ("%s (%s) is not available as a target language from %s (%s)",
                         language_name (target_code), target_code, language_name (source_code), source_code);

      reply_error (exchange, 400, message);
      return;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "translatedText");
  if (batch)
    json_builder_begin_array (builder);
  for (guint i = 0; i < texts->len; i++)
    {
      g_autofree char *translation = exchange->behaviour == FAKE_BEHAVIOUR_EMPTY
                                       ? g_strdup ("")
                                       : fake_provider_translate (provider, source_code, target_code, texts->pdata[i]);

      json_builder_add_string_value (builder, translation);
    }
  if (batch)
    json_builder_end_array (builder);
  if (detect)
    {
      json_builder_set_member_name (builder, "detectedLanguage");
      if (batch)
        json_builder_begin_array (builder);
      for (guint i = 0; i < (batch ? texts->len : 1); i++)
        {
          json_builder_begin_object (builder);
          fake_json_add_double (builder, "confidence", 90.0);
          fake_json_add_string (builder, "language", source_code);
          json_builder_end_object (builder);
        }
      if (batch)
        json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
  fake_exchange_reply_json (exchange, 200, builder);
}

static void
answer (FakeExchange *exchange)
{
  const char *path = exchange->request->path;

  switch (exchange->behaviour)
    {
    case FAKE_BEHAVIOUR_RATE_LIMITED:
      reply_error (exchange, 429, "Slowdown: 30 per 1 minute");
      return;
    case FAKE_BEHAVIOUR_UNAVAILABLE:
      /* LibreTranslate itself never answers 503; a proxy before it would. The body keeps
       * LibreTranslate's shape so that only the status tells the difference. */
      reply_error (exchange, 503, "Service Unavailable");
      return;
    case FAKE_BEHAVIOUR_SERVER_ERROR:
      reply_error (exchange, 500, g_str_equal (path, "/translate")
                                    ? "Cannot translate text: the model failed to load"
                                    : "Internal Server Error");
      return;
    default:
      break;
    }

  if (g_str_equal (path, "/health"))
    fake_exchange_reply_member (exchange, 200, "status", "ok");
  else if (g_str_equal (path, "/languages"))
    answer_languages (exchange);
  else
    answer_translate (exchange);
}

const FakeServiceClass fake_libretranslate_class = {
  .routes = routes,
  .html_status = 200,
  .huge_prefix = "{\"translatedText\":\"",
  .keyless = TRUE,
  .default_pairs = default_pairs,
  .takes = takes,
  .answer = answer,
};

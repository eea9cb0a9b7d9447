/* mado-fake-apertium.c: Apertium APy as apis.md section 3 describes it
 *
 * Every route answers GET and POST alike, with parameters in the query or a form body. Errors
 * are {"status": "error", "code": N, "message": "<reason phrase>", "explanation": "…"}. APy
 * has no credentials and no quota, so WRONG_KEY and QUOTA never apply. Unlike APy, the fake does
 * not map two-letter codes to three-letter ones: it serves exactly the codes of its pairs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-fake-provider-private.h"

static const char * const default_pairs[] = { "eng|spa", "spa|eng", NULL };

static const FakeRoute routes[] = {
  { "GET POST", "/translate", FALSE },
  { "GET POST", "/listPairs", FALSE },
  { NULL, NULL, FALSE },
};

static gboolean
takes (FakeBehaviour  behaviour,
       const char    *path)
{
  return (behaviour == FAKE_BEHAVIOUR_UNKNOWN_PAIR || behaviour == FAKE_BEHAVIOUR_EMPTY) &&
         g_str_equal (path, "/translate");
}

static void
reply_error (FakeExchange *exchange,
             guint         status,
             const char   *explanation)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  fake_json_add_string (builder, "status", "error");
  fake_json_add_int (builder, "code", status);
  fake_json_add_string (builder, "message", soup_status_get_phrase (status));
  fake_json_add_string (builder, "explanation", explanation);
  json_builder_end_object (builder);
  fake_exchange_reply_json (exchange, status, builder);
}

/* {"responseData": …, "responseDetails": null, "responseStatus": 200} around what @builder
 * has just been given as responseData's value. */
static void
begin_success (JsonBuilder *builder)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "responseData");
}

static void
end_success (FakeExchange *exchange,
             JsonBuilder  *builder)
{
  fake_json_add_string (builder, "responseDetails", NULL);
  fake_json_add_int (builder, "responseStatus", 200);
  json_builder_end_object (builder);
  fake_exchange_reply_json (exchange, 200, builder);
}

static void
answer_list_pairs (FakeExchange *exchange)
{
  g_auto(GStrv) pairs = fake_provider_dup_pairs (exchange->provider);
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  begin_success (builder);
  json_builder_begin_array (builder);
  for (guint i = 0; pairs != NULL && pairs[i] != NULL; i++)
    {
      g_auto(GStrv) ends = g_strsplit (pairs[i], "|", 2);

      if (g_strv_length (ends) != 2)
        continue;
      json_builder_begin_object (builder);
      fake_json_add_string (builder, "sourceLanguage", ends[0]);
      fake_json_add_string (builder, "targetLanguage", ends[1]);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  end_success (exchange, builder);
}

static void
answer_translate (FakeExchange *exchange)
{
  const char *q = fake_exchange_field (exchange, "q");
  const char *langpair = fake_exchange_field (exchange, "langpair");
  g_auto(GStrv) ends = NULL;
  g_autofree char *translation = NULL;
  g_autoptr(JsonBuilder) builder = NULL;

  if (q == NULL)
    {
      reply_error (exchange, 400, "Missing q argument");
      return;
    }
  ends = g_strsplit (langpair != NULL ? langpair : "", "|", -1);
  if (g_strv_length (ends) != 2)
    {
      reply_error (exchange, 400, "That pair is invalid, use e.g. eng|spa");
      return;
    }
  if (exchange->behaviour == FAKE_BEHAVIOUR_UNKNOWN_PAIR ||
      !fake_provider_serves_pair (exchange->provider, ends[0], ends[1]))
    {
      reply_error (exchange, 400, "That pair is not installed");
      return;
    }

  /* markUnknown only adds "*" before words a real pair does not know; the rule knows them all. */
  translation = exchange->behaviour == FAKE_BEHAVIOUR_EMPTY
                  ? g_strdup ("")
                  : fake_provider_translate (exchange->provider, ends[0], ends[1], q);
  builder = json_builder_new ();
  begin_success (builder);
  json_builder_begin_object (builder);
  fake_json_add_string (builder, "translatedText", translation);
  json_builder_end_object (builder);
  end_success (exchange, builder);
}

static void
answer (FakeExchange *exchange)
{
  switch (exchange->behaviour)
    {
    case FAKE_BEHAVIOUR_UNAVAILABLE:
      /* What APy says when a translation pipeline broke or timed out. */
      reply_error (exchange, 503, "internal error");
      return;
    case FAKE_BEHAVIOUR_RATE_LIMITED:
      /* APy has no rate limit of its own: this stands for a limiting proxy before it, answering
       * in APy's error shape. */
      reply_error (exchange, 429, "Too many requests");
      return;
    case FAKE_BEHAVIOUR_SERVER_ERROR:
      reply_error (exchange, 500, "Unexpected error");
      return;
    default:
      break;
    }

  if (g_str_equal (exchange->request->path, "/listPairs"))
    answer_list_pairs (exchange);
  else
    answer_translate (exchange);
}

const FakeServiceClass fake_apertium_class = {
  .routes = routes,
  .html_status = 200,
  .huge_prefix = "{\"responseData\":{\"translatedText\":\"",
  .keyless = TRUE,
  .default_pairs = default_pairs,
  .takes = takes,
  .answer = answer,
};

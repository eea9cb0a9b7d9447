/* test-fake-provider.c: the provider fakes speak their services' wire formats
 *
 * A plain SoupSession talks to each fake the way the service's documentation (apis.md) says a
 * client talks to the service, so these tests check the fakes against the documented shapes,
 * not against the adapters that will use them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-fake-provider.h"

#include <json-glib/json-glib.h>
#include <string.h>

static SoupSession *session;

typedef struct {
  guint               status;
  char               *content_type;   /* without parameters */
  SoupMessageHeaders *headers;
  GBytes             *body;
  JsonNode           *json;           /* when the body parsed as JSON */
} Answer;

static void
answer_free (Answer *answer)
{
  g_free (answer->content_type);
  soup_message_headers_unref (answer->headers);
  g_bytes_unref (answer->body);
  g_clear_pointer (&answer->json, json_node_unref);
  g_free (answer);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Answer, answer_free)

static SoupMessage *
new_message (FakeProvider *fake,
             const char   *method,
             const char   *path)
{
  g_autofree char *url = g_strconcat (fake_provider_get_url (fake), path, NULL);

  return soup_message_new (method, url);
}

/* Sends @message (taken) and reads the whole answer. */
static Answer *
send_message (SoupMessage *message)
{
  g_autoptr(SoupMessage) owned = message;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  Answer *answer = g_new0 (Answer, 1);

  answer->body = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  answer->status = soup_message_get_status (message);
  answer->headers = soup_message_headers_ref (soup_message_get_response_headers (message));
  answer->content_type = g_strdup (soup_message_headers_get_content_type (answer->headers, NULL));
  if (json_parser_load_from_data (parser, g_bytes_get_data (answer->body, NULL),
                                  (gssize) g_bytes_get_size (answer->body), NULL))
    answer->json = json_node_copy (json_parser_get_root (parser));

  return answer;
}

static Answer *
send_body (FakeProvider *fake,
           const char   *path,
           const char   *content_type,
           const char   *body,
           const char   *authorization)
{
  SoupMessage *message = new_message (fake, "POST", path);
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

  soup_message_set_request_body_from_bytes (message, content_type, bytes);
  if (authorization != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", authorization);
  return send_message (message);
}

static Answer *
send_get (FakeProvider *fake,
          const char   *path_and_query)
{
  return send_message (new_message (fake, "GET", path_and_query));
}

/* A urlencoded form from NULL-terminated name, value pairs. */
static Answer *
send_form (FakeProvider *fake,
           const char   *path,
           const char   *first_name,
           ...)
{
  va_list args;
  g_autofree char *form = NULL;

  va_start (args, first_name);
  form = soup_form_encode_valist (first_name, args);
  va_end (args);
  return send_body (fake, path, SOUP_FORM_MIME_TYPE_URLENCODED, form, NULL);
}

/* 16-bit mono PCM at 16 kHz in a canonical 44-byte RIFF/WAVE header, written out by hand. */
static GBytes *
make_wave (guint samples)
{
  guint32 data_size = samples * 2;
  guint8 *wave = g_malloc0 (44 + data_size);

  memcpy (wave, "RIFF", 4);
  *(guint32 *) (wave + 4) = GUINT32_TO_LE (36 + data_size);
  memcpy (wave + 8, "WAVEfmt ", 8);
  *(guint32 *) (wave + 16) = GUINT32_TO_LE (16);
  *(guint16 *) (wave + 20) = GUINT16_TO_LE (1);
  *(guint16 *) (wave + 22) = GUINT16_TO_LE (1);
  *(guint32 *) (wave + 24) = GUINT32_TO_LE (16000);
  *(guint32 *) (wave + 28) = GUINT32_TO_LE (32000);
  *(guint16 *) (wave + 32) = GUINT16_TO_LE (2);
  *(guint16 *) (wave + 34) = GUINT16_TO_LE (16);
  memcpy (wave + 36, "data", 4);
  *(guint32 *) (wave + 40) = GUINT32_TO_LE (data_size);

  return g_bytes_new_take (wave, 44 + data_size);
}

/* A multipart upload with @file (if any) as "file" and NULL-terminated text parts. */
static Answer *
send_audio (FakeProvider *fake,
            const char   *path,
            const char   *authorization,
            GBytes       *file,
            const char   *first_name,
            ...)
{
  g_autoptr(SoupMultipart) multipart = soup_multipart_new (SOUP_FORM_MIME_TYPE_MULTIPART);
  g_autofree char *url = g_strconcat (fake_provider_get_url (fake), path, NULL);
  SoupMessage *message;
  va_list args;

  va_start (args, first_name);
  for (const char *name = first_name; name != NULL; name = va_arg (args, const char *))
    soup_multipart_append_form_string (multipart, name, va_arg (args, const char *));
  va_end (args);
  if (file != NULL)
    soup_multipart_append_form_file (multipart, "file", "turn.wav", "audio/wav", file);
  message = soup_message_new_from_multipart (url, multipart);
  if (authorization != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", authorization);
  return send_message (message);
}

/* The node at a dotted path such as "resultset.result.text" or "translations.0.text". */
static JsonNode *
dig (Answer     *answer,
     const char *path)
{
  g_auto(GStrv) steps = g_strsplit (path, ".", -1);
  JsonNode *node = answer->json;

  for (guint i = 0; steps[i] != NULL && node != NULL; i++)
    {
      if (JSON_NODE_HOLDS_OBJECT (node))
        node = json_object_get_member (json_node_get_object (node), steps[i]);
      else if (JSON_NODE_HOLDS_ARRAY (node) && g_ascii_isdigit (*steps[i]) &&
               g_ascii_strtoull (steps[i], NULL, 10) < json_array_get_length (json_node_get_array (node)))
        node = json_array_get_element (json_node_get_array (node), (guint) g_ascii_strtoull (steps[i], NULL, 10));
      else
        node = NULL;
    }

  return node;
}

static const char *
dig_string (Answer     *answer,
            const char *path)
{
  JsonNode *node = dig (answer, path);

  g_assert_nonnull (node);
  return json_node_get_string (node);
}

static gint64
dig_int (Answer     *answer,
         const char *path)
{
  JsonNode *node = dig (answer, path);

  g_assert_nonnull (node);
  return json_node_get_int (node);
}

static void
assert_body_lacks (Answer     *answer,
                   const char *secret)
{
  g_autofree char *body = g_strndup (g_bytes_get_data (answer->body, NULL), g_bytes_get_size (answer->body));

  g_assert_null (strstr (body, secret));
}

/* TexTra */

static char *
textra_token (FakeProvider *fake)
{
  g_autoptr(Answer) answer = send_form (fake, "/oauth2/token.php", "grant_type", "client_credentials",
                                        "client_id", "test-key", "client_secret", "test-secret", NULL);

  g_assert_cmpuint (answer->status, ==, 200);
  g_assert_cmpstr (dig_string (answer, "token_type"), ==, "Bearer");
  return g_strdup (dig_string (answer, "access_token"));
}

static Answer *
textra_translate (FakeProvider *fake,
                  const char   *token,
                  const char   *key,
                  const char   *name,
                  const char   *api_param)
{
  return send_form (fake, "/api/", "access_token", token, "key", key, "name", name, "api_name", "mt",
                    "api_param", api_param, "type", "json", "text", "こんにちは", NULL);
}

static void
test_textra_translate (void)
{
  g_autoptr(FakeProvider) fake = fake_provider_start (FAKE_SERVICE_TEXTRA);
  g_autofree char *token = textra_token (fake);
  g_autoptr(Answer) generic = textra_translate (fake, token, "test-key", "test-user", "generalNT_ja_en");
  g_autoptr(Answer) path_form = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  FakeRequest *last;

  g_assert_cmpuint (generic->status, ==, 200);
  g_assert_cmpint (dig_int (generic, "resultset.code"), ==, 0);
  g_assert_cmpstr (dig_string (generic, "resultset.message"), ==, "");
  g_assert_cmpstr (dig_string (generic, "resultset.result.text"), ==, "en:こんにちは");
  g_assert_cmpint (dig_int (generic, "resultset.result.blank"), ==, 0);
  g_assert_cmpstr (dig_string (generic, "resultset.result.information.sentence.0.text-t"), ==, "en:こんにちは");
  g_assert_cmpstr (dig_string (generic, "resultset.request.text"), ==, "こんにちは");

  /* The path form, with a translation from the table. */
  fake_provider_add_translation (fake, "ja", "en", "ありがとう", "Thank you");
  path_form = send_form (fake, "/api/mt/generalNT_ja_en/", "access_token", token, "key", "test-key",
                         "name", "test-user", "type", "json", "text", "ありがとう", NULL);
  g_assert_cmpint (dig_int (path_form, "resultset.code"), ==, 0);
  g_assert_cmpstr (dig_string (path_form, "resultset.result.text"), ==, "Thank you");

  g_assert_cmpuint (fake_provider_count_requests (fake, "/oauth2/token.php"), ==, 1);
  g_assert_cmpuint (fake_provider_count_requests (fake, "/api/"), ==, 1);
  requests = fake_provider_dup_requests (fake);
  g_assert_cmpuint (requests->len, ==, 3);
  last = requests->pdata[2];
  g_assert_cmpstr (last->path, ==, "/api/mt/generalNT_ja_en/");
  g_assert_cmpstr (last->content_type, ==, SOUP_FORM_MIME_TYPE_URLENCODED);
  g_assert_cmpstr (g_hash_table_lookup (last->fields, "text"), ==, "ありがとう");
}

static void
assert_textra_code (Answer *answer,
                    gint64  code)
{
  g_assert_cmpuint (answer->status, ==, 200);
  g_assert_cmpint (dig_int (answer, "resultset.code"), ==, code);
  g_assert_null (dig (answer, "resultset.result"));
}

static void
test_textra_errors (void)
{
  g_autoptr(FakeProvider) fake = fake_provider_start (FAKE_SERVICE_TEXTRA);
  g_autofree char *token = textra_token (fake);
  g_autoptr(Answer) wrong_secret = send_form (fake, "/oauth2/token.php", "grant_type", "client_credentials",
                                              "client_id", "test-key", "client_secret", "guess", NULL);
  g_autoptr(Answer) wrong_key = textra_translate (fake, token, "other-key", "test-user", "generalNT_ja_en");
  g_autoptr(Answer) wrong_name = textra_translate (fake, token, "test-key", "someone", "generalNT_ja_en");
  g_autoptr(Answer) wrong_token = textra_translate (fake, "0123456789abcdef", "test-key", "test-user", "generalNT_ja_en");
  g_autoptr(Answer) no_token = send_form (fake, "/api/", "key", "test-key", "name", "test-user", "api_name", "mt",
                                          "api_param", "generalNT_ja_en", "type", "json", "text", "a", NULL);
  g_autoptr(Answer) no_text = send_form (fake, "/api/", "access_token", token, "key", "test-key", "name", "test-user",
                                         "api_name", "mt", "api_param", "generalNT_ja_en", "type", "json", NULL);
  g_autoptr(Answer) json_body = send_body (fake, "/api/", "application/json", "{\"text\":\"a\"}", NULL);
  g_autoptr(Answer) unknown_engine = textra_translate (fake, token, "test-key", "test-user", "mysteryNT_ja_en");

  g_assert_cmpuint (wrong_secret->status, ==, 400);
  g_assert_cmpstr (dig_string (wrong_secret, "error"), ==, "invalid_client");
  assert_textra_code (wrong_key, 500);
  assert_textra_code (wrong_name, 501);
  assert_textra_code (wrong_token, 510);
  g_assert_cmpstr (dig_string (wrong_token, "resultset.message"), ==, "");
  assert_textra_code (no_token, 511);
  assert_textra_code (no_text, 524);
  assert_textra_code (json_body, 524);
  assert_textra_code (unknown_engine, 530);
  g_assert_cmpstr (dig_string (unknown_engine, "resultset.message"), !=, "");
}

static void
test_textra_tokens (void)
{
  g_autoptr(FakeProvider) fake = fake_provider_start (FAKE_SERVICE_TEXTRA);
  g_autofree char *old_token = textra_token (fake);
  g_autofree char *new_token = NULL;
  g_autofree char *short_token = NULL;

  fake_provider_set_behaviour (fake, FAKE_BEHAVIOUR_EXPIRED_TOKEN, 0);
  {
    g_autoptr(Answer) expired = textra_translate (fake, old_token, "test-key", "test-user", "generalNT_ja_en");

    assert_textra_code (expired, 510);
  }
  new_token = textra_token (fake);
  {
    g_autoptr(Answer) fresh = textra_translate (fake, new_token, "test-key", "test-user", "generalNT_ja_en");

    g_assert_cmpint (dig_int (fresh, "resultset.code"), ==, 0);
  }

  /* A token really lapses after expires_in. */
  fake_provider_set_token_lifetime (fake, 1);
  {
    g_autoptr(Answer) answer = send_form (fake, "/oauth2/token.php", "grant_type", "client_credentials",
                                          "client_id", "test-key", "client_secret", "test-secret", NULL);
    g_autoptr(Answer) before = NULL;
    g_autoptr(Answer) after = NULL;

    g_assert_cmpint (dig_int (answer, "expires_in"), ==, 1);
    short_token = g_strdup (dig_string (answer, "access_token"));
    before = textra_translate (fake, short_token, "test-key", "test-user", "generalNT_ja_en");
    g_assert_cmpint (dig_int (before, "resultset.code"), ==, 0);
    g_usleep (1200 * G_TIME_SPAN_MILLISECOND);
    after = textra_translate (fake, short_token, "test-key", "test-user", "generalNT_ja_en");
    assert_textra_code (after, 510);
  }
}

static void
test_textra_behaviours (void)
{
  g_autoptr(FakeProvider) fake = fake_provider_start (FAKE_SERVICE_TEXTRA);
  g_autofree char *token = NULL;

  /* WRONG_KEY refuses the token request itself. */
  fake_provider_set_behaviour (fake, FAKE_BEHAVIOUR_WRONG_KEY, 1);
  {
    g_autoptr(Answer) refused = send_form (fake, "/oauth2/token.php", "grant_type", "client_credentials",
                                           "client_id", "test-key", "client_secret", "test-secret", NULL);

    g_assert_cmpuint (refused->status, ==, 400);
    g_assert_cmpstr (dig_string (refused, "error"), ==, "invalid_client");
  }

  /* QUOTA leaves the token endpoint alone, so the API call after it still gets it. */
  fake_provider_set_behaviour (fake, FAKE_BEHAVIOUR_QUOTA, 1);
  token = textra_token (fake);
  {
    g_autoptr(Answer) quota = textra_translate (fake, token, "test-key", "test-user", "generalNT_ja_en");
    g_autoptr(Answer) again = textra_translate (fake, token, "test-key", "test-user", "generalNT_ja_en");

    assert_textra_code (quota, 10002);
    g_assert_cmpint (dig_int (again, "resultset.code"), ==, 0);
  }

  fake_provider_set_behaviour (fake, FAKE_BEHAVIOUR_UNKNOWN_PAIR, 1);
  {
    g_autoptr(Answer) unknown = textra_translate (fake, token, "test-key", "test-user", "generalNT_ja_en");

    assert_textra_code (unknown, 530);
  }
  fake_provider_set_behaviour (fake, FAKE_BEHAVIOUR_EMPTY, 1);
  {
    g_autoptr(Answer) empty = textra_translate (fake, token, "test-key", "test-user", "generalNT_ja_en");

    g_assert_cmpint (dig_int (empty, "resultset.code"), ==, 0);
    g_assert_cmpstr (dig_string (empty, "resultset.result.text"), ==, "");
  }
  fake_provider_set_behaviour (fake, FAKE_BEHAVIOUR_SERVER_ERROR, 1);
  {
    g_autoptr(Answer) failed = textra_translate (fake, token, "test-key", "test-user", "generalNT_ja_en");

    g_assert_cmpuint (failed->status, ==, 500);
  }
}

/* LibreTranslate */

static void
test_libretranslate_translate (void)
{
  g_autoptr(FakeProvider) fake = fake_provider_start (FAKE_SERVICE_LIBRETRANSLATE);
  g_autoptr(Answer) json = send_body (fake, "/translate", "application/json",
                                      "{\"q\":\"こんにちは\",\"source\":\"ja\",\"target\":\"pt-br\",\"api_key\":\"any\"}", NULL);
  g_autoptr(Answer) form = send_form (fake, "/translate", "q", "hello", "source", "en", "target", "vi", NULL);
  g_autoptr(Answer) batch = send_body (fake, "/translate", "application/json",
                                       "{\"q\":[\"a\",\"b\"],\"source\":\"auto\",\"target\":\"ja\"}", NULL);
  g_autoptr(Answer) languages = send_get (fake, "/languages");
  g_autoptr(Answer) health = send_get (fake, "/health");
  g_autoptr(Answer) unsupported = send_form (fake, "/translate", "q", "a", "source", "xx", "target", "en", NULL);
  g_autoptr(Answer) missing = send_form (fake, "/translate", "source", "en", "target", "ja", NULL);
  const char * const pairs[] = { "en|ja", "ja|en", NULL };

  g_assert_cmpuint (json->status, ==, 200);
  g_assert_cmpstr (dig_string (json, "translatedText"), ==, "pt-BR:こんにちは");
  g_assert_cmpstr (dig_string (form, "translatedText"), ==, "vi:hello");
  g_assert_cmpstr (dig_string (batch, "translatedText.1"), ==, "ja:b");
  g_assert_cmpstr (dig_string (batch, "detectedLanguage.0.language"), ==, "en");
  g_assert_cmpuint (json_array_get_length (json_node_get_array (languages->json)), ==, 5);
  g_assert_cmpstr (dig_string (languages, "1.code"), ==, "ja");
  g_assert_cmpstr (dig_string (languages, "1.name"), ==, "Japanese");
  g_assert_cmpuint (json_array_get_length (json_node_get_array (dig (languages, "1.targets"))), ==, 4);
  g_assert_cmpstr (dig_string (health, "status"), ==, "ok");
  g_assert_cmpuint (unsupported->status, ==, 400);
  g_assert_cmpstr (dig_string (unsupported, "error"), ==, "xx is not supported");
  g_assert_cmpstr (dig_string (missing, "error"), ==, "Invalid request: missing q parameter");

  fake_provider_set_pairs (fake, pairs);
  {
    g_autoptr(Answer) fewer = send_get (fake, "/languages");
    g_autoptr(Answer) unavailable = send_form (fake, "/translate", "q", "a", "source", "ja", "target", "ja", NULL);

    g_assert_cmpuint (json_array_get_length (json_node_get_array (fewer->json)), ==, 2);
    g_assert_cmpstr (dig_string (fewer, "0.targets.0"), ==, "ja");
    g_assert_cmpstr (dig_string (unavailable, "error"), ==,
                     "Japanese (ja) is not available as a target language from Japanese (ja)");
  }

  /* Without pairs, any pair is served and none listed. */
  fake_provider_set_pairs (fake, NULL);
  {
    g_autoptr(Answer) none = send_get (fake, "/languages");
    g_autoptr(Answer) any = send_form (fake, "/translate", "q", "a", "source", "xx", "target", "yy", NULL);

    g_assert_cmpuint (json_array_get_length (json_node_get_array (none->json)), ==, 0);
    g_assert_cmpstr (dig_string (any, "translatedText"), ==, "yy:a");
  }
}

static void
test_libretranslate_errors (void)
{
  g_autoptr(FakeProvider) fake = fake_provider_start (FAKE_SERVICE_LIBRETRANSLATE);

  fake_provider_set_credentials (fake, "lt-key", NULL, NULL);
  {
    g_autoptr(Answer) missing = send_form (fake, "/translate", "q", "a", "source", "en", "target", "ja", NULL);
    g_autoptr(Answer) wrong = send_form (fake, "/translate", "q", "a", "source", "en", "target", "ja",
                                         "api_key", "stolen-key", NULL);
    g_autoptr(Answer) right = send_form (fake, "/translate", "q", "a", "source", "en", "target", "ja",
                                         "api_key", "lt-key", NULL);

    g_assert_cmpuint (missing->status, ==, 400);
    g_assert_cmpstr (dig_string (missing, "error"), ==, "Please contact the server operator to get an API key");
    g_assert_cmpuint (wrong->status, ==, 403);
    g_assert_cmpstr (dig_string (wrong, "error"), ==, "Invalid API key");
    assert_body_lacks (wrong, "stolen-key");
    g_assert_cmpuint (right->status, ==, 200);
  }

  fake_provider_set_behaviour (fake, FAKE_BEHAVIOUR_QUOTA, 1);
  {
    /* /languages is exempt, so it does not use the behaviour up. */
    g_autoptr(Answer) languages = send_get (fake, "/languages");
    g_autoptr(Answer) banned = send_form (fake, "/translate", "q", "a", "source", "en", "target", "ja",
                                          "api_key", "lt-key", NULL);

    g_assert_cmpuint (languages->status, ==, 200);
    g_assert_cmpuint (banned->status, ==, 403);
    g_assert_cmpstr (dig_string (banned, "error"), ==, "Too many request limits violations");
  }

  fake_provider_set_retry_after (fake, 7);
  fake_provider_set_behaviour (fake, FAKE_BEHAVIOUR_RATE_LIMITED, 1);
  {
    g_autoptr(Answer) limited = send_get (fake, "/languages");

    g_assert_cmpuint (limited->status, ==, 429);
    g_assert_true (g_str_has_prefix (dig_string (limited, "error"), "Slowdown: "));
    g_assert_cmpstr (soup_message_headers_get_one (limited->headers, "Retry-After"), ==, "7");
  }

  fake_provider_set_retry_after (fake, 0);
  fake_provider_set_behaviour (fake, FAKE_BEHAVIOUR_UNAVAILABLE, 1);
  {
    g_autoptr(Answer) unavailable = send_get (fake, "/languages");

    g_assert_cmpuint (unavailable->status, ==, 503);
    g_assert_null (soup_message_headers_get_one (unavailable->headers, "Retry-After"));
  }
}

/* Apertium APy */

static void
assert_apertium_error (Answer     *answer,
                       const char *explanation)
{
  g_assert_cmpuint (answer->status, ==, 400);
  g_assert_cmpstr (dig_string (answer, "status"), ==, "error");
  g_assert_cmpint (dig_int (answer, "code"), ==, 400);
  g_assert_cmpstr (dig_string (answer, "message"), ==, "Bad Request");
  g_assert_cmpstr (dig_string (answer, "explanation"), ==, explanation);
}

static void
test_apertium (void)
{
  g_autoptr(FakeProvider) fake = fake_provider_start (FAKE_SERVICE_APERTIUM);
  g_autoptr(Answer) get = send_get (fake, "/translate?langpair=eng%7Cspa&q=hello&markUnknown=no");
  g_autoptr(Answer) post = send_form (fake, "/translate", "langpair", "spa|eng", "q", "hola", NULL);
  g_autoptr(Answer) pairs = send_get (fake, "/listPairs");
  g_autoptr(Answer) invalid = send_form (fake, "/translate", "langpair", "typomode", "q", "x", NULL);
  g_autoptr(Answer) missing_pair = send_form (fake, "/translate", "langpair", "eng|jpn", "q", "x", NULL);
  g_autoptr(Answer) missing_q = send_form (fake, "/translate", "langpair", "eng|spa", NULL);
  g_autoptr(Answer) failed = NULL;

  g_assert_cmpuint (get->status, ==, 200);
  g_assert_cmpstr (dig_string (get, "responseData.translatedText"), ==, "spa:hello");
  g_assert_true (JSON_NODE_HOLDS_NULL (dig (get, "responseDetails")));
  g_assert_cmpint (dig_int (get, "responseStatus"), ==, 200);
  g_assert_cmpstr (dig_string (post, "responseData.translatedText"), ==, "eng:hola");
  g_assert_cmpstr (dig_string (pairs, "responseData.0.sourceLanguage"), ==, "eng");
  g_assert_cmpstr (dig_string (pairs, "responseData.1.sourceLanguage"), ==, "spa");
  g_assert_null (dig (pairs, "responseData.2"));
  assert_apertium_error (invalid, "That pair is invalid, use e.g. eng|spa");
  assert_apertium_error (missing_pair, "That pair is not installed");
  assert_apertium_error (missing_q, "Missing q argument");

  fake_provider_set_behaviour (fake, FAKE_BEHAVIOUR_UNAVAILABLE, 1);
  failed = send_get (fake, "/listPairs");
  g_assert_cmpuint (failed->status, ==, 503);
  g_assert_cmpint (dig_int (failed, "code"), ==, 503);
  g_assert_cmpstr (soup_message_headers_get_one (failed->headers, "Retry-After"), ==, "1");
}

/* DeepL */

#define DEEPL_AUTH "DeepL-Auth-Key test-key"

static void
test_deepl (void)
{
  g_autoptr(FakeProvider) fake = fake_provider_start (FAKE_SERVICE_DEEPL);
  g_autoptr(Answer) json = send_body (fake, "/v2/translate", "application/json",
                                      "{\"text\":[\"こんにちは\"],\"target_lang\":\"en-us\",\"source_lang\":\"JA\"}",
                                      DEEPL_AUTH);
  g_autoptr(Answer) form = send_body (fake, "/v2/translate", SOUP_FORM_MIME_TYPE_URLENCODED,
                                      "text=one&text=%E3%81%82&target_lang=DE", DEEPL_AUTH);
  g_autoptr(Answer) unauthorised = send_body (fake, "/v2/translate", "application/json",
                                              "{\"text\":[\"a\"],\"target_lang\":\"DE\"}", NULL);
  g_autoptr(Answer) wrong_key = send_body (fake, "/v2/translate", "application/json",
                                           "{\"text\":[\"a\"],\"target_lang\":\"DE\"}", "DeepL-Auth-Key stolen-key");
  g_autoptr(Answer) bearer = send_body (fake, "/v2/translate", "application/json",
                                        "{\"text\":[\"a\"],\"target_lang\":\"DE\"}", "Bearer test-key");
  const char * const pairs[] = { "JA|EN-US", NULL };

  g_assert_cmpuint (json->status, ==, 200);
  g_assert_cmpstr (dig_string (json, "translations.0.detected_source_language"), ==, "JA");
  g_assert_cmpstr (dig_string (json, "translations.0.text"), ==, "EN-US:こんにちは");
  g_assert_cmpstr (dig_string (form, "translations.0.text"), ==, "DE:one");
  g_assert_cmpstr (dig_string (form, "translations.0.detected_source_language"), ==, "EN");
  g_assert_cmpstr (dig_string (form, "translations.1.text"), ==, "DE:あ");
  g_assert_cmpstr (dig_string (form, "translations.1.detected_source_language"), ==, "JA");
  g_assert_cmpuint (unauthorised->status, ==, 403);
  g_assert_nonnull (dig_string (unauthorised, "message"));
  g_assert_cmpuint (wrong_key->status, ==, 403);
  assert_body_lacks (wrong_key, "stolen-key");
  g_assert_cmpuint (bearer->status, ==, 403);

  fake_provider_set_behaviour (fake, FAKE_BEHAVIOUR_QUOTA, 1);
  {
    g_autoptr(Answer) quota = send_body (fake, "/v2/translate", SOUP_FORM_MIME_TYPE_URLENCODED, "text=a&target_lang=DE",
                                         DEEPL_AUTH);

    g_assert_cmpuint (quota->status, ==, 456);
    g_assert_nonnull (dig_string (quota, "message"));
  }
  fake_provider_set_pairs (fake, pairs);
  {
    g_autoptr(Answer) unsupported = send_body (fake, "/v2/translate", SOUP_FORM_MIME_TYPE_URLENCODED,
                                               "text=a&target_lang=DE", DEEPL_AUTH);
    g_autoptr(Answer) served = send_body (fake, "/v2/translate", SOUP_FORM_MIME_TYPE_URLENCODED,
                                          "text=a&target_lang=en-US&source_lang=ja", DEEPL_AUTH);

    g_assert_cmpuint (unsupported->status, ==, 400);
    g_assert_cmpstr (dig_string (unsupported, "message"), ==, "Value for 'target_lang' not supported.");
    g_assert_cmpuint (served->status, ==, 200);
  }
}

/* whisper.cpp */

static void
test_whisper (void)
{
  g_autoptr(FakeProvider) fake = fake_provider_start (FAKE_SERVICE_WHISPER_CPP);
  g_autoptr(GBytes) wave = make_wave (16000);
  g_autoptr(GBytes) not_wave = g_bytes_new_static ("ID3\x03not audio at all", 21);
  g_autoptr(Answer) json = send_audio (fake, "/inference", NULL, wave, "language", "ja", "response_format", "json", NULL);
  g_autoptr(Answer) verbose = send_audio (fake, "/inference", NULL, wave, "response_format", "verbose_json", NULL);
  g_autoptr(Answer) text = send_audio (fake, "/inference", NULL, wave, "response_format", "text", NULL);
  g_autoptr(Answer) no_file = send_audio (fake, "/inference", NULL, NULL, "language", "ja", NULL);
  g_autoptr(Answer) unreadable = send_audio (fake, "/inference", NULL, not_wave, NULL);
  g_autoptr(Answer) health = send_get (fake, "/health");
  g_autoptr(GPtrArray) requests = fake_provider_dup_requests (fake);
  FakeRequest *first = requests->pdata[0];

  g_assert_cmpuint (json->status, ==, 200);
  g_assert_cmpstr (dig_string (json, "text"), ==, "こんにちは");
  g_assert_cmpstr (dig_string (verbose, "language"), ==, "japanese");
  g_assert_cmpfloat_with_epsilon (json_node_get_double (dig (verbose, "duration")), 1.0, 1e-9);
  g_assert_cmpstr (dig_string (verbose, "segments.0.text"), ==, "こんにちは");
  g_assert_nonnull (dig (verbose, "segments.0.no_speech_prob"));
  g_assert_nonnull (dig (verbose, "segments.0.avg_logprob"));
  g_assert_cmpstr (text->content_type, ==, "text/html");
  g_assert_cmpmem (g_bytes_get_data (text->body, NULL), g_bytes_get_size (text->body), "こんにちは", strlen ("こんにちは"));
  g_assert_cmpuint (no_file->status, ==, 400);
  g_assert_cmpstr (dig_string (no_file, "error"), ==, "no 'file' field in the request");
  g_assert_cmpuint (unreadable->status, ==, 400);
  g_assert_cmpstr (dig_string (unreadable, "error"), ==, "failed to read audio data");
  g_assert_cmpstr (dig_string (health, "status"), ==, "ok");

  /* The request log holds the upload as it came. */
  g_assert_cmpstr (first->content_type, ==, "multipart/form-data");
  g_assert_true (g_bytes_equal (first->file, wave));
  g_assert_cmpstr (first->file_content_type, ==, "audio/wav");
  g_assert_cmpstr (g_hash_table_lookup (first->fields, "language"), ==, "ja");
  g_assert_cmpfloat (first->handling_ms, >=, 0);

  fake_provider_set_transcript (fake, "where is the toilet");
  fake_provider_set_behaviour (fake, FAKE_BEHAVIOUR_HTML, 1);
  {
    g_autoptr(Answer) portal = send_audio (fake, "/inference", NULL, wave, NULL);
    g_autoptr(Answer) english = send_audio (fake, "/inference", NULL, wave, "response_format", "verbose_json", NULL);

    g_assert_cmpuint (portal->status, ==, 502);
    g_assert_cmpstr (portal->content_type, ==, "text/html");
    g_assert_null (portal->json);
    g_assert_cmpstr (dig_string (english, "text"), ==, "where is the toilet");
    g_assert_cmpstr (dig_string (english, "language"), ==, "english");
  }
  fake_provider_set_behaviour (fake, FAKE_BEHAVIOUR_SERVER_ERROR, 1);
  {
    g_autoptr(Answer) failed = send_audio (fake, "/inference", NULL, wave, NULL);

    g_assert_cmpuint (failed->status, ==, 500);
    g_assert_cmpstr (dig_string (failed, "error"), ==, "failed to process audio");
  }
}

/* OpenAI */

static void
test_openai (void)
{
  g_autoptr(FakeProvider) fake = fake_provider_start (FAKE_SERVICE_OPENAI);
  g_autoptr(GBytes) wave = make_wave (8000);
  g_autoptr(Answer) json = send_audio (fake, "/v1/audio/transcriptions", "Bearer test-key", wave, "model", "whisper-1",
                                       "language", "ja", "response_format", "json", "temperature", "0", NULL);
  g_autoptr(Answer) verbose = send_audio (fake, "/v1/audio/transcriptions", "Bearer test-key", wave,
                                          "model", "whisper-1", "response_format", "verbose_json", NULL);
  g_autoptr(Answer) wrong_key = send_audio (fake, "/v1/audio/transcriptions", "Bearer sk-stolen-key", wave,
                                            "model", "whisper-1", NULL);
  g_autoptr(Answer) no_model = send_audio (fake, "/v1/audio/transcriptions", "Bearer test-key", wave, NULL);

  g_assert_cmpuint (json->status, ==, 200);
  g_assert_cmpstr (dig_string (json, "text"), ==, "こんにちは");
  g_assert_cmpfloat_with_epsilon (json_node_get_double (dig (verbose, "duration")), 0.5, 1e-9);
  g_assert_nonnull (dig (verbose, "segments.0.no_speech_prob"));
  g_assert_cmpuint (wrong_key->status, ==, 401);
  g_assert_cmpstr (dig_string (wrong_key, "error.code"), ==, "invalid_api_key");
  g_assert_cmpstr (dig_string (wrong_key, "error.type"), ==, "invalid_request_error");
  assert_body_lacks (wrong_key, "stolen");
  g_assert_cmpuint (no_model->status, ==, 400);
  g_assert_cmpstr (dig_string (no_model, "error.type"), ==, "invalid_request_error");
  g_assert_cmpstr (dig_string (no_model, "error.param"), ==, "model");

  /* Quota and rate limits are both 429, told apart by their code. */
  fake_provider_set_behaviour (fake, FAKE_BEHAVIOUR_QUOTA, 1);
  {
    g_autoptr(Answer) quota = send_audio (fake, "/v1/audio/transcriptions", "Bearer test-key", wave, "model", "whisper-1", NULL);

    g_assert_cmpuint (quota->status, ==, 429);
    g_assert_cmpstr (dig_string (quota, "error.code"), ==, "insufficient_quota");
  }
  fake_provider_set_behaviour (fake, FAKE_BEHAVIOUR_RATE_LIMITED, 1);
  {
    g_autoptr(Answer) limited = send_audio (fake, "/v1/audio/transcriptions", "Bearer test-key", wave, "model", "whisper-1", NULL);

    g_assert_cmpuint (limited->status, ==, 429);
    g_assert_cmpstr (dig_string (limited, "error.code"), ==, "rate_limit_exceeded");
    g_assert_nonnull (soup_message_headers_get_one (limited->headers, "Retry-After"));
  }
  fake_provider_set_behaviour (fake, FAKE_BEHAVIOUR_SERVER_ERROR, 1);
  {
    g_autoptr(Answer) failed = send_audio (fake, "/v1/audio/transcriptions", "Bearer test-key", wave, "model", "whisper-1", NULL);

    g_assert_cmpuint (failed->status, ==, 500);
    g_assert_cmpstr (dig_string (failed, "error.type"), ==, "server_error");
  }
}

/* Behaviours the server gives every service */

static void
test_behaviour_count (void)
{
  g_autoptr(FakeProvider) fake = fake_provider_start (FAKE_SERVICE_LIBRETRANSLATE);
  g_autoptr(Answer) nowhere = NULL;
  g_autoptr(Answer) wrong_method = NULL;

  fake_provider_set_behaviour (fake, FAKE_BEHAVIOUR_SERVER_ERROR, 2);
  nowhere = send_get (fake, "/nowhere");
  wrong_method = send_get (fake, "/translate");
  g_assert_cmpuint (nowhere->status, ==, 404);
  g_assert_cmpuint (wrong_method->status, ==, 405);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(Answer) health = send_get (fake, "/health");

      /* Paths the service lacks do not use the count up. */
      g_assert_cmpuint (health->status, ==, i < 2 ? 500 : 200);
    }

  fake_provider_set_behaviour (fake, FAKE_BEHAVIOUR_UNAVAILABLE, 0);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(Answer) health = send_get (fake, "/health");

      g_assert_cmpuint (health->status, ==, 503);
    }
  fake_provider_set_behaviour (fake, FAKE_BEHAVIOUR_NORMAL, 0);
  {
    g_autoptr(Answer) health = send_get (fake, "/health");

    g_assert_cmpuint (health->status, ==, 200);
  }
}

static void
test_behaviour_huge (void)
{
  g_autoptr(FakeProvider) fake = fake_provider_start (FAKE_SERVICE_DEEPL);
  g_autoptr(Answer) huge = NULL;
  const char prefix[] = "{\"translations\":[{";

  fake_provider_set_behaviour (fake, FAKE_BEHAVIOUR_HUGE, 1);
  huge = send_body (fake, "/v2/translate", SOUP_FORM_MIME_TYPE_URLENCODED, "text=a&target_lang=DE", DEEPL_AUTH);
  g_assert_cmpuint (huge->status, ==, 200);
  g_assert_cmpint (soup_message_headers_get_encoding (huge->headers), ==, SOUP_ENCODING_CHUNKED);
  g_assert_cmpuint (g_bytes_get_size (huge->body), ==, FAKE_HUGE_BYTES);
  g_assert_cmpint (memcmp (g_bytes_get_data (huge->body, NULL), prefix, strlen (prefix)), ==, 0);
}

typedef struct {
  SoupMessage *message;
  GBytes      *body;
  GError      *error;
  gint64       finished;
} Pending;

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Pending *pending = user_data;

  pending->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &pending->error);
  pending->finished = g_get_monotonic_time ();
}

static void
send_pending (SoupSession *async_session,
              Pending     *pending,
              SoupMessage *message)
{
  pending->message = message;
  soup_session_send_and_read_async (async_session, message, G_PRIORITY_DEFAULT, NULL, on_sent, pending);
}

static gboolean
on_timeout (gpointer user_data)
{
  g_error ("The fake provider did not answer in time");
  return G_SOURCE_REMOVE;
}

static void
wait_for (Pending *pending)
{
  guint timeout = g_timeout_add_seconds (20, on_timeout, NULL);

  while (pending->finished == 0)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
}

static void
pending_clear (Pending *pending)
{
  g_clear_object (&pending->message);
  g_clear_pointer (&pending->body, g_bytes_unref);
  g_clear_error (&pending->error);
}

static void
test_behaviour_hang (void)
{
  FakeProvider *fake = fake_provider_start (FAKE_SERVICE_WHISPER_CPP);
  g_autoptr(SoupSession) async_session = soup_session_new ();
  Pending hanging = { 0 }, delayed = { 0 };

  fake_provider_set_behaviour (fake, FAKE_BEHAVIOUR_HANG, 1);
  send_pending (async_session, &hanging, new_message (fake, "GET", "/health"));
  while (fake_provider_count_requests (fake, "/health") == 0)
    g_main_context_iteration (NULL, FALSE);

  /* The fake's thread goes on serving while one request hangs. */
  {
    g_autoptr(Answer) health = send_get (fake, "/health");

    g_assert_cmpuint (health->status, ==, 200);
  }
  g_main_context_iteration (NULL, FALSE);
  g_assert_cmpint (hanging.finished, ==, 0);

  /* A request waiting out a long delay is in flight too when the fake stops. */
  fake_provider_set_delay (fake, 60000);
  send_pending (async_session, &delayed, new_message (fake, "POST", "/inference"));
  while (fake_provider_count_requests (fake, "/inference") == 0)
    g_main_context_iteration (NULL, FALSE);

  /* Stopping the fake ends both at once. */
  fake_provider_stop (fake);
  wait_for (&hanging);
  wait_for (&delayed);
  g_assert_nonnull (hanging.error);
  g_assert_nonnull (delayed.error);
  pending_clear (&hanging);
  pending_clear (&delayed);
}

static void
test_behaviour_delay (void)
{
  const guint delay_ms = 400;
  g_autoptr(FakeProvider) fake = fake_provider_start (FAKE_SERVICE_APERTIUM);
  g_autoptr(SoupSession) async_session = soup_session_new ();
  g_autoptr(GPtrArray) requests = NULL;
  Pending first = { 0 }, second = { 0 };
  gint64 start = g_get_monotonic_time ();

  fake_provider_set_delay (fake, delay_ms);
  send_pending (async_session, &first, new_message (fake, "GET", "/listPairs"));
  send_pending (async_session, &second, new_message (fake, "GET", "/translate?langpair=eng%7Cspa&q=a"));
  wait_for (&first);
  wait_for (&second);

  g_assert_no_error (first.error);
  g_assert_no_error (second.error);
  g_assert_cmpuint (soup_message_get_status (second.message), ==, 200);
  g_assert_cmpint (first.finished - start, >=, delay_ms * G_TIME_SPAN_MILLISECOND);
  /* Two delays one after the other would take twice as long. */
  g_assert_cmpint (MAX (first.finished, second.finished) - start, <, 2 * delay_ms * G_TIME_SPAN_MILLISECOND);

  requests = fake_provider_dup_requests (fake);
  g_assert_cmpuint (requests->len, ==, 2);
  for (guint i = 0; i < requests->len; i++)
    g_assert_cmpfloat (((FakeRequest *) requests->pdata[i])->handling_ms, >=, delay_ms);
  g_assert_cmpfloat (fake_provider_get_handling_ms_sum (fake), >=, 2 * delay_ms);

  fake_provider_clear_requests (fake);
  g_assert_cmpuint (fake_provider_count_requests (fake, "/listPairs"), ==, 0);
  g_assert_cmpfloat (fake_provider_get_handling_ms_sum (fake), ==, 0);
  pending_clear (&first);
  pending_clear (&second);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  session = soup_session_new ();

  g_test_add_func ("/fake-provider/textra/translate", test_textra_translate);
  g_test_add_func ("/fake-provider/textra/errors", test_textra_errors);
  g_test_add_func ("/fake-provider/textra/tokens", test_textra_tokens);
  g_test_add_func ("/fake-provider/textra/behaviours", test_textra_behaviours);
  g_test_add_func ("/fake-provider/libretranslate/translate", test_libretranslate_translate);
  g_test_add_func ("/fake-provider/libretranslate/errors", test_libretranslate_errors);
  g_test_add_func ("/fake-provider/apertium", test_apertium);
  g_test_add_func ("/fake-provider/deepl", test_deepl);
  g_test_add_func ("/fake-provider/whisper-cpp", test_whisper);
  g_test_add_func ("/fake-provider/openai", test_openai);
  g_test_add_func ("/fake-provider/behaviour/count", test_behaviour_count);
  g_test_add_func ("/fake-provider/behaviour/huge", test_behaviour_huge);
  g_test_add_func ("/fake-provider/behaviour/hang", test_behaviour_hang);
  g_test_add_func ("/fake-provider/behaviour/delay", test_behaviour_delay);

  status = g_test_run ();
  g_object_unref (session);
  return status;
}

/* test-gateway.c: the real madoguchi-gateway over real HTTP on 127.0.0.1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every test starts the gateway as its own process on a free port, with a configuration and a
 * phrase database of a few phrases in a temporary folder, and stops it afterwards with SIGTERM,
 * checking that it exits cleanly.
 */
#include "mado-gateway-test-utils.h"

#include <glib/gstdio.h>
#include <string.h>

#include "mado-audio-buffer.h"
#include "mado-local-synthesizer.h"
#include "mado-phrase-store.h"

#define TOKEN "madoguchi-test-token-7f3a9c21"
#define JSON  "application/json"
#define PCM   "audio/x-pcm;bit=16;rate=16000;channels=1"

typedef struct {
  char           *dir;
  char           *database;
  GatewayProcess  gateway;
} Fixture;

/* { number, then language/text pairs, NULL } */
static const char *const phrases[][12] = {
  { "001",
    "ja", "転入届を出してください。",
    "ja-x-easy", "{転入届|てんにゅうとどけ}を {出|だ}してください。",
    "en", "Please hand in a moving-in notice.",
    "vi", "Vui lòng nộp giấy báo chuyển đến.", NULL },
  { "002",
    "ja", "お手洗いはどこですか。",
    "en", "Where is the toilet?",
    "vi", "Nhà vệ sinh ở đâu?", NULL },
  { "003",
    "ja", "タクシーを呼んでください。",
    "en", "I need a taxi.",
    "vi", "Tôi cần một chiếc taxi.", NULL },
  { "004",
    "ja", "少々お待ちください。",
    "en", "Please wait a moment.",
    "ko", "잠시만 기다려 주세요.", NULL },
};

static void
seed_database (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoPhraseStore) store = mado_phrase_store_open (path, &error);
  g_autoptr(MadoPhraseSet) set = mado_phrase_set_new ("test", 1);
  g_autoptr(MadoGenre) genre = mado_genre_new ("test", "counter", 1);
  gboolean seeded = FALSE;

  g_assert_no_error (error);
  mado_phrase_set_set_name (set, "ja", "テスト");
  mado_phrase_set_set_name (set, "en", "Test");
  mado_genre_set_name (genre, "ja", "窓口");
  mado_genre_set_name (genre, "en", "Counter");
  mado_phrase_set_add_genre (set, genre);

  for (guint i = 0; i < G_N_ELEMENTS (phrases); i++)
    {
      g_autofree char *id = g_strconcat ("test.counter.", phrases[i][0], NULL);
      g_autoptr(MadoPhrase) phrase = mado_phrase_new (id, "test", "counter");

      for (guint j = 1; phrases[i][j] != NULL; j += 2)
        mado_phrase_set_text (phrase, phrases[i][j], phrases[i][j + 1]);
      mado_phrase_set_add_phrase (set, phrase);
    }

  g_assert_true (mado_phrase_store_seed (store, set, &seeded, &error));
  g_assert_no_error (error);
  g_assert_true (seeded);
}

static char *
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents_full (path, contents, -1, G_FILE_SET_CONTENTS_NONE, 0600, &error);
  g_assert_no_error (error);
  return path;
}

/* @data: extra configuration text, or NULL. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *config_text = NULL;
  g_autofree char *config = NULL;

  fixture->dir = g_dir_make_tmp ("madoguchi-gateway-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->database = g_build_filename (fixture->dir, "phrases.db", NULL);
  seed_database (fixture->database);

  token = write_file (fixture->dir, "token", TOKEN "\n");
  config_text = g_strdup_printf ("[gateway]\n"
                                 "listen = 127.0.0.1:0\n"
                                 "token-file = %s\n"
                                 "database = %s\n"
                                 "%s",
                                 token, fixture->database, data != NULL ? (const char *) data : "");
  config = write_file (fixture->dir, "gateway.conf", config_text);

  gateway_process_start (&fixture->gateway, "--config", config, NULL);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  int status = gateway_process_stop (&fixture->gateway);

  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->database);

  /* SIGTERM stops the gateway cleanly after whatever the test did to it. */
  g_assert_cmpint (status, ==, 0);
}

static GatewayResponse *
translate (Fixture    *fixture,
           const char *text,
           const char *source,
           const char *target,
           gboolean    back_translate)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *body = NULL;

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
  root = json_builder_get_root (builder);
  body = json_to_string (root, FALSE);

  return gateway_post_json (&fixture->gateway, "/v1/translate", TOKEN, body);
}

static void
assert_error (GatewayResponse *response,
              guint            status,
              const char      *code)
{
  g_assert_cmpuint (response->status, ==, status);
  g_assert_cmpstr (gateway_response_error_code (response), ==, code);
}

/* Health, capabilities, authentication, headers. */

static void
test_health (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GatewayResponse) response = gateway_request (&fixture->gateway, "GET", "/v1/health",
                                                         NULL, NULL, NULL);
  JsonObject *object;

  g_assert_cmpuint (response->status, ==, 200);
  object = gateway_response_object (response);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "ok");
  g_assert_cmpstr (json_object_get_string_member (object, "version"), ==, PACKAGE_VERSION);
}

static JsonObject *
find_entry (JsonArray  *entries,
            const char *first_key,
            const char *first_value,
            const char *second_key,
            const char *second_value)
{
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);

      if (g_strcmp0 (json_object_get_string_member (entry, first_key), first_value) == 0 &&
          (second_key == NULL ||
           g_strcmp0 (json_object_get_string_member (entry, second_key), second_value) == 0))
        return entry;
    }
  return NULL;
}

static void
assert_providers (JsonObject *entry,
                  const char *expected)
{
  JsonArray *providers;

  g_assert_nonnull (entry);
  providers = json_object_get_array_member (entry, "providers");
  g_assert_cmpuint (json_array_get_length (providers), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (providers, 0), ==, expected);
}

static void
test_capabilities (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GatewayResponse) response = gateway_request (&fixture->gateway, "GET", "/v1/capabilities",
                                                         TOKEN, NULL, NULL);
  JsonObject *object, *limits, *recognize_en;
  JsonArray *translate, *synthesize, *recognize;

  g_assert_cmpuint (response->status, ==, 200);
  object = gateway_response_object (response);
  g_assert_cmpint (json_object_get_int_member (object, "api_version"), ==, 1);

  limits = json_object_get_object_member (object, "limits");
  g_assert_cmpint (json_object_get_int_member (limits, "max_text_chars"), ==, 2000);
  g_assert_cmpint (json_object_get_int_member (limits, "max_audio_seconds"), ==, 30);
  g_assert_cmpint (json_object_get_int_member (limits, "max_json_bytes"), ==, 65536);

  /* Phrase memory translates exactly the pairs some phrase has both texts of. */
  translate = json_object_get_array_member (object, "translate");
  assert_providers (find_entry (translate, "source", "ja", "target", "vi"), "phrase-memory");
  assert_providers (find_entry (translate, "source", "vi", "target", "en"), "phrase-memory");
  assert_providers (find_entry (translate, "source", "ja", "target", "ko"), "phrase-memory");
  assert_providers (find_entry (translate, "source", "ja-x-easy", "target", "en"), "phrase-memory");
  g_assert_null (find_entry (translate, "source", "ja", "target", "th"));
  g_assert_null (find_entry (translate, "source", "ko", "target", "vi"));
  g_assert_null (find_entry (translate, "source", "ja", "target", "ja"));
  /* 4 languages in phrase 001, 3 in 002 and 003, 3 in 004: ja, ja-x-easy, en and vi pair with
   * each other (12 ordered pairs), and ja and en each with ko (4 more). */
  g_assert_cmpuint (json_array_get_length (translate), ==, 16);

  synthesize = json_object_get_array_member (object, "synthesize");
  assert_providers (find_entry (synthesize, "language", "en", NULL, NULL), "espeak-ng");
  assert_providers (find_entry (synthesize, "language", "vi", NULL, NULL), "espeak-ng");
  assert_providers (find_entry (synthesize, "language", "ja", NULL, NULL), "open-jtalk");
  /* Debian 12 has no Filipino voice. */
  g_assert_null (find_entry (synthesize, "language", "fil", NULL, NULL));

  recognize = json_object_get_array_member (object, "recognize");
  g_assert_cmpuint (json_array_get_length (recognize), ==, 1);
  recognize_en = find_entry (recognize, "language", "en", NULL, NULL);
  assert_providers (recognize_en, "pocketsphinx");
  g_assert_true (json_object_get_boolean_member (recognize_en, "constrained"));
}

static void
test_auth (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GatewayResponse) missing = gateway_request (&fixture->gateway, "GET", "/v1/capabilities",
                                                        NULL, NULL, NULL);
  g_autoptr(GatewayResponse) wrong = gateway_request (&fixture->gateway, "GET", "/v1/capabilities",
                                                      "madoguchi-test-token-7f3a9c22", NULL, NULL);
  g_autoptr(GatewayResponse) prefix = gateway_request (&fixture->gateway, "GET", "/v1/capabilities",
                                                       "madoguchi-test-token", NULL, NULL);
  g_autoptr(GatewayResponse) longer = gateway_request (&fixture->gateway, "GET", "/v1/capabilities",
                                                       TOKEN "0", NULL, NULL);
  g_autoptr(GatewayResponse) right = gateway_request (&fixture->gateway, "GET", "/v1/capabilities",
                                                      TOKEN, NULL, NULL);
  g_autoptr(GatewayResponse) translation = translate (fixture, "少々お待ちください", "ja", "ko", FALSE);
  g_autoptr(GatewayResponse) health = gateway_request (&fixture->gateway, "GET", "/v1/health",
                                                       NULL, NULL, NULL);
  g_autoptr(GatewayResponse) unauthorized_translation = NULL;

  assert_error (missing, 401, "unauthorized");
  g_assert_cmpstr (soup_message_headers_get_one (missing->headers, "WWW-Authenticate"), ==, "Bearer");
  assert_error (wrong, 401, "unauthorized");
  assert_error (prefix, 401, "unauthorized");
  assert_error (longer, 401, "unauthorized");
  g_assert_cmpuint (right->status, ==, 200);
  g_assert_cmpuint (translation->status, ==, 200);
  g_assert_cmpuint (health->status, ==, 200);

  unauthorized_translation = gateway_post_json (&fixture->gateway, "/v1/translate", NULL,
                                                "{\"text\":\"少々お待ちください\",\"source\":\"ja\",\"target\":\"ko\"}");
  assert_error (unauthorized_translation, 401, "unauthorized");
}

static void
test_headers (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(SoupSession) session = gateway_session_new ();
  g_autofree char *url = g_strconcat (fixture->gateway.url, "v1/translate", NULL);
  g_autoptr(SoupMessage) message = soup_message_new ("POST", url);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) request_body = NULL;
  g_autoptr(GatewayResponse) first = gateway_request (&fixture->gateway, "GET", "/v1/health", NULL, NULL, NULL);
  g_autoptr(GatewayResponse) second = gateway_request (&fixture->gateway, "GET", "/v1/health", NULL, NULL, NULL);
  g_autoptr(GatewayResponse) missing = gateway_request (&fixture->gateway, "GET", "/v1/nothing", NULL, NULL, NULL);
  g_autoptr(GError) error = NULL;
  const char *json = "{\"text\":\"I need a taxi\",\"source\":\"en\",\"target\":\"ja\"}";
  SoupMessageHeaders *request_headers = soup_message_get_request_headers (message);
  SoupMessageHeaders *headers;
  const char *timing;

  /* A fresh id for each request that brings none, on errors too. */
  g_assert_nonnull (soup_message_headers_get_one (first->headers, "X-Request-Id"));
  g_assert_nonnull (soup_message_headers_get_one (missing->headers, "X-Request-Id"));
  g_assert_cmpstr (soup_message_headers_get_one (first->headers, "X-Request-Id"), !=,
                   soup_message_headers_get_one (second->headers, "X-Request-Id"));
  g_assert_true (g_str_has_prefix (soup_message_headers_get_one (first->headers, "Server-Timing"), "gateway;dur="));
  g_assert_true (g_str_has_prefix (soup_message_headers_get_one (missing->headers, "Server-Timing"), "gateway;dur="));
  /* No provider served health. */
  g_assert_null (strstr (soup_message_headers_get_one (first->headers, "Server-Timing"), "provider"));

  soup_message_headers_replace (request_headers, "Authorization", "Bearer " TOKEN);
  soup_message_headers_replace (request_headers, "X-Request-Id", "counter-3-turn-17");
  request_body = g_bytes_new_static (json, strlen (json));
  soup_message_set_request_body_from_bytes (message, JSON, request_body);
  body = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, 200);

  headers = soup_message_get_response_headers (message);
  g_assert_cmpstr (soup_message_headers_get_one (headers, "X-Request-Id"), ==, "counter-3-turn-17");
  timing = soup_message_headers_get_one (headers, "Server-Timing");
  g_assert_true (g_str_has_prefix (timing, "gateway;dur="));
  g_assert_nonnull (strstr (timing, ", provider;dur="));
}

/* Translation. */

static void
assert_translation (GatewayResponse *response,
                    const char      *translation,
                    const char      *back_translation,
                    const char      *phrase_id,
                    double           score)
{
  JsonObject *object;

  g_assert_cmpuint (response->status, ==, 200);
  object = gateway_response_object (response);
  g_assert_cmpstr (json_object_get_string_member (object, "translation"), ==, translation);
  if (back_translation != NULL)
    g_assert_cmpstr (json_object_get_string_member (object, "back_translation"), ==, back_translation);
  else
    g_assert_true (json_object_get_null_member (object, "back_translation"));
  g_assert_cmpstr (json_object_get_string_member (object, "provider"), ==, "phrase-memory");
  g_assert_true (json_object_get_boolean_member (object, "verified"));
  g_assert_cmpstr (json_object_get_string_member (object, "phrase_id"), ==, phrase_id);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (object, "score"), score, 0.0001);
  g_assert_cmpfloat (json_object_get_double_member (object, "gateway_ms"), >=, 0.0);
  g_assert_cmpfloat (json_object_get_double_member (object, "provider_ms"), >=, 0.0);
}

static void
test_translate_exact (Fixture       *fixture,
                      gconstpointer  data)
{
  /* The registered text itself, then with other punctuation, spaces and full-width forms. */
  const char *japanese[] = {
    "転入届を出してください。",
    "転入届を出してください",
    "転入届を、出してください！",
    "転入届を 出して　ください？",
  };

  for (guint i = 0; i < G_N_ELEMENTS (japanese); i++)
    {
      g_autoptr(GatewayResponse) response = translate (fixture, japanese[i], "ja", "vi", TRUE);

      assert_translation (response, "Vui lòng nộp giấy báo chuyển đến.", "転入届を出してください。",
                          "test.counter.001", 1.0);
      g_assert_cmpstr (json_object_get_string_member (gateway_response_object (response), "source"), ==, "ja");
      g_assert_cmpstr (json_object_get_string_member (gateway_response_object (response), "target"), ==, "vi");
    }

  {
    /* Case, full-width Latin letters and ASCII case in the tags do not matter either. */
    g_autoptr(GatewayResponse) english = translate (fixture, "i NEED a ＴＡＸＩ", "EN", "Ja", TRUE);
    /* Easy Japanese matches as read as well as as written. */
    g_autoptr(GatewayResponse) reading = translate (fixture, "てんにゅうとどけを だしてください", "ja-x-easy", "en", TRUE);
    g_autoptr(GatewayResponse) written = translate (fixture, "転入届を出してください", "ja-x-easy", "vi", FALSE);

    assert_translation (english, "タクシーを呼んでください。", "I need a taxi.", "test.counter.003", 1.0);
    g_assert_cmpstr (json_object_get_string_member (gateway_response_object (english), "source"), ==, "en");
    assert_translation (reading, "Please hand in a moving-in notice.",
                        "{転入届|てんにゅうとどけ}を {出|だ}してください。", "test.counter.001", 1.0);
    assert_translation (written, "Vui lòng nộp giấy báo chuyển đến.", NULL, "test.counter.001", 1.0);
  }
}

static void
test_translate_fuzzy (Fixture       *fixture,
                      gconstpointer  data)
{
  /* 転入届け… shares 9 of its 11 bigrams with the phrase's 10: Dice 18/21 ≈ 0.857, above the
   * default threshold of 0.85. The back-translation shows which phrase was taken. */
  g_autoptr(GatewayResponse) above = translate (fixture, "転入届けを出してください", "ja", "vi", TRUE);
  /* 転出届 (moving out) shares 8 of 10: Dice 0.8, below; it must never come back as 転入届. */
  g_autoptr(GatewayResponse) moving_out = translate (fixture, "転出届を出してください", "ja", "vi", TRUE);
  /* A different sentence sharing 5 of 9 and 10 bigrams: Dice 10/19 ≈ 0.53. */
  g_autoptr(GatewayResponse) below = translate (fixture, "転入届を出しましたか", "ja", "vi", TRUE);

  assert_translation (above, "Vui lòng nộp giấy báo chuyển đến.", "転入届を出してください。",
                      "test.counter.001", 18.0 / 21.0);
  assert_error (moving_out, 422, "no_translation");
  assert_error (below, 422, "no_translation");
}

static void
test_translate_fuzzy_threshold (Fixture       *fixture,
                                gconstpointer  data)
{
  /* With the threshold lowered to 0.5 in the configuration, Dice 10/19 is enough. */
  g_autoptr(GatewayResponse) response = translate (fixture, "転入届を出しましたか", "ja", "vi", TRUE);

  assert_translation (response, "Vui lòng nộp giấy báo chuyển đến.", "転入届を出してください。",
                      "test.counter.001", 10.0 / 19.0);
}

static void
test_translate_unsupported (Fixture       *fixture,
                            gconstpointer  data)
{
  /* No phrase has Thai; none has both Korean and Vietnamese; "de" is no Madoguchi language. */
  g_autoptr(GatewayResponse) thai = translate (fixture, "少々お待ちください", "ja", "th", TRUE);
  g_autoptr(GatewayResponse) korean = translate (fixture, "잠시만 기다려 주세요.", "ko", "vi", TRUE);
  g_autoptr(GatewayResponse) german = translate (fixture, "Bitte warten", "de", "ja", TRUE);
  g_autoptr(GatewayResponse) unmatched = translate (fixture, "住民票の写しが必要です。", "ja", "vi", TRUE);
  g_autoptr(GatewayResponse) same = translate (fixture, "少々お待ちください", "ja", "ja", TRUE);

  assert_error (thai, 422, "unsupported_language");
  assert_error (korean, 422, "unsupported_language");
  assert_error (german, 422, "unsupported_language");
  assert_error (unmatched, 422, "no_translation");
  assert_error (same, 400, "invalid_request");
}

static void
test_translate_live_phrases (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GatewayResponse) before = translate (fixture, "印鑑をお持ちですか。", "ja", "en", TRUE);
  g_autoptr(GatewayResponse) after = NULL;
  g_autoptr(GatewayResponse) reverse = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoPhraseStore) store = NULL;
  g_autoptr(MadoPhrase) phrase = mado_phrase_new (NULL, "test", "counter");
  g_autofree char *id = NULL;

  assert_error (before, 422, "no_translation");

  /* Staff register a phrase on the tablet while the gateway runs. */
  store = mado_phrase_store_open (fixture->database, &error);
  g_assert_no_error (error);
  mado_phrase_set_text (phrase, "ja", "印鑑をお持ちですか。");
  mado_phrase_set_text (phrase, "en", "Do you have your personal seal with you?");
  id = mado_phrase_store_add_phrase (store, phrase, &error);
  g_assert_no_error (error);

  after = translate (fixture, "印鑑をお持ちですか", "ja", "en", TRUE);
  assert_translation (after, "Do you have your personal seal with you?", "印鑑をお持ちですか。", id, 1.0);
  reverse = translate (fixture, "do you have your personal seal with you", "en", "ja", FALSE);
  assert_translation (reverse, "印鑑をお持ちですか。", NULL, id, 1.0);
}

static void
test_translate_invalid (Fixture       *fixture,
                        gconstpointer  data)
{
  static const struct {
    const char *body;
    guint       status;
    const char *code;
  } cases[] = {
    { "{\"text\": \"I need a taxi\", \"source\": \"en\"", 400, "invalid_request" },
    { "[\"I need a taxi\", \"en\", \"ja\"]", 400, "invalid_request" },
    { "{\"source\": \"en\", \"target\": \"ja\"}", 400, "invalid_request" },
    { "{\"text\": 42, \"source\": \"en\", \"target\": \"ja\"}", 400, "invalid_request" },
    { "{\"text\": \"I need a taxi\", \"source\": [\"en\"], \"target\": \"ja\"}", 400, "invalid_request" },
    { "{\"text\": \"I need a taxi\", \"source\": \"en\", \"target\": \"ja\", \"back_translate\": \"yes\"}", 400, "invalid_request" },
    { "{\"text\": \"   \", \"source\": \"en\", \"target\": \"ja\"}", 400, "invalid_request" },
    { "", 400, "invalid_request" },
  };
  g_autoptr(GBytes) plain_text = g_bytes_new_static ("I need a taxi", 13);
  g_autoptr(GatewayResponse) wrong_type = NULL;
  g_autoptr(GatewayResponse) wrong_method = NULL;
  g_autoptr(GatewayResponse) wrong_path = NULL;
  g_autoptr(GatewayResponse) latin1 = NULL;
  static const char not_utf8[] = "{\"text\": \"caf\xe9\", \"source\": \"fr\", \"target\": \"ja\"}";

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GatewayResponse) response = gateway_post_json (&fixture->gateway, "/v1/translate", TOKEN, cases[i].body);

      assert_error (response, cases[i].status, cases[i].code);
    }

  latin1 = gateway_post_json (&fixture->gateway, "/v1/translate", TOKEN, not_utf8);
  assert_error (latin1, 400, "invalid_request");

  wrong_type = gateway_request (&fixture->gateway, "POST", "/v1/translate", TOKEN, "text/plain", plain_text);
  assert_error (wrong_type, 415, "unsupported_media_type");

  wrong_method = gateway_request (&fixture->gateway, "GET", "/v1/translate", TOKEN, NULL, NULL);
  assert_error (wrong_method, 405, "method_not_allowed");
  g_assert_cmpstr (soup_message_headers_get_one (wrong_method->headers, "Allow"), ==, "POST");

  wrong_path = gateway_request (&fixture->gateway, "GET", "/v2/translate", TOKEN, NULL, NULL);
  assert_error (wrong_path, 404, "not_found");
}

/* Limits. */

static char *
repeat (const char *text,
        guint       times)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < times; i++)
    g_string_append (out, text);
  return g_string_free (out, FALSE);
}

static void
test_limit_text (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *allowed = repeat ("窓", 2000);
  g_autofree char *over = repeat ("窓", 2001);
  g_autoptr(GatewayResponse) at_limit = translate (fixture, allowed, "ja", "vi", FALSE);
  g_autoptr(GatewayResponse) too_long = translate (fixture, over, "ja", "vi", FALSE);
  g_autoptr(GatewayResponse) speech_too_long = NULL;
  g_autofree char *speech_body = g_strdup_printf ("{\"text\": \"%s\", \"language\": \"en\"}", over);

  /* 2,000 characters are read and matched (against nothing); 2,001 are refused. */
  assert_error (at_limit, 422, "no_translation");
  assert_error (too_long, 413, "payload_too_large");

  speech_too_long = gateway_post_json (&fixture->gateway, "/v1/synthesize", TOKEN, speech_body);
  assert_error (speech_too_long, 413, "payload_too_large");
}

static void
test_limit_json (Fixture       *fixture,
                 gconstpointer  data)
{
  /* Well-formed JSON of 65 KiB, mostly an unknown member's value. */
  g_autofree char *padding = repeat ("x", 65 * 1024);
  g_autofree char *body = g_strdup_printf ("{\"text\": \"I need a taxi\", \"source\": \"en\", "
                                           "\"target\": \"ja\", \"padding\": \"%s\"}", padding);
  g_autoptr(GatewayResponse) response = gateway_post_json (&fixture->gateway, "/v1/translate", TOKEN, body);
  g_autoptr(GatewayResponse) next = translate (fixture, "I need a taxi", "en", "ja", FALSE);

  assert_error (response, 413, "payload_too_large");
  g_assert_cmpuint (next->status, ==, 200);
}

static MadoAudioBuffer *
english_speech (const char *text)
{
  g_autoptr(MadoLocalSynthesizer) synthesizer = mado_local_synthesizer_new (22050);
  g_autoptr(MadoAudioBuffer) speech = NULL;
  g_autoptr(GError) error = NULL;

  speech = mado_synthesizer_synthesize (MADO_SYNTHESIZER (synthesizer), text, "en", NULL, &error);
  g_assert_no_error (error);
  return mado_audio_buffer_resample (speech, 16000);
}

/* Little-endian bytes of the samples, as the API carries them. */
static GBytes *
pcm_bytes (MadoAudioBuffer *audio)
{
  gsize n_samples;
  const gint16 *samples = mado_audio_buffer_get_samples (audio, &n_samples);
  guint8 *bytes = g_malloc (n_samples * 2);

  for (gsize i = 0; i < n_samples; i++)
    {
      bytes[2 * i] = (guint8) (samples[i] & 0xff);
      bytes[2 * i + 1] = (guint8) (((guint16) samples[i]) >> 8);
    }
  return g_bytes_new_take (bytes, n_samples * 2);
}

static void
test_limit_audio (Fixture       *fixture,
                  gconstpointer  data)
{
  /* 31 s of 16 kHz 16-bit mono, declared up front and streamed in chunks. */
  gsize length = 31 * 16000 * 2;
  g_autofree guint8 *silence = g_malloc0 (length);
  g_autoptr(GBytes) body = g_bytes_new_static (silence, length);
  g_autoptr(GatewayResponse) declared = gateway_request (&fixture->gateway, "POST", "/v1/recognize?language=en",
                                                         TOKEN, PCM, body);
  g_autoptr(GSocketConnection) connection = raw_connect (&fixture->gateway);
  g_autoptr(GatewayResponse) streamed = NULL;
  const char *head = "POST /v1/recognize?language=en HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     "Authorization: Bearer " TOKEN "\r\nContent-Type: " PCM "\r\n"
                     "Transfer-Encoding: chunked\r\n\r\n";
  gsize sent = 0;

  assert_error (declared, 413, "payload_too_large");

  /* Chunked: refused as soon as the 960,000th byte is passed; the rest is never read. */
  raw_write (connection, head, strlen (head));
  while (sent <= 960000)
    {
      raw_write_chunk (connection, silence + sent, 32000);
      sent += 32000;
    }
  streamed = raw_read_response (connection);
  g_assert_nonnull (streamed);
  assert_error (streamed, 413, "payload_too_large");
  g_assert_cmpstr (soup_message_headers_get_one (streamed->headers, "Connection"), ==, "close");
  g_assert_nonnull (soup_message_headers_get_one (streamed->headers, "X-Request-Id"));
}

/* Sends a 50 MB body without waiting, as a client that ignores limits would, and stops when the
 * answer comes. Returns the answer and how much was sent by then. */
static GatewayResponse *
send_huge_body (Fixture    *fixture,
                const char *head,
                gsize      *sent)
{
  g_autoptr(GSocketConnection) connection = raw_connect (&fixture->gateway);
  GSocket *socket = g_socket_connection_get_socket (connection);
  static guint8 zeros[65536];
  gsize total = 50 * 1000 * 1000;

  raw_write (connection, head, strlen (head));
  g_socket_set_blocking (socket, FALSE);
  *sent = 0;
  while (*sent < total)
    {
      GIOCondition condition;
      gssize n;

      g_assert_true (g_socket_condition_timed_wait (socket, G_IO_IN | G_IO_OUT, 30 * G_USEC_PER_SEC, NULL, NULL));
      condition = g_socket_condition_check (socket, G_IO_IN | G_IO_OUT | G_IO_HUP | G_IO_ERR);
      if (condition & (G_IO_IN | G_IO_HUP | G_IO_ERR))
        break;

      n = g_socket_send (socket, (const char *) zeros, MIN (sizeof zeros, total - *sent), NULL, NULL);
      if (n < 0)
        break;  /* the gateway closed its side: the answer is already on its way */
      *sent += (gsize) n;
    }

  g_socket_set_blocking (socket, TRUE);
  return raw_read_response (connection);
}

static void
test_limit_huge_body (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *declared = "POST /v1/translate HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                         "Authorization: Bearer " TOKEN "\r\nContent-Type: application/json\r\n"
                         "Content-Length: 50000000\r\n\r\n";
  const char *chunked = "POST /v1/translate HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        "Authorization: Bearer " TOKEN "\r\nContent-Type: application/json\r\n"
                        "Transfer-Encoding: chunked\r\n\r\n1000000\r\n";
  const char *unknown_path = "POST /v1/upload HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                             "Content-Type: application/json\r\nContent-Length: 50000000\r\n\r\n";
  g_autoptr(GatewayResponse) first = NULL;
  g_autoptr(GatewayResponse) second = NULL;
  g_autoptr(GatewayResponse) third = NULL;
  g_autoptr(GatewayResponse) next = NULL;
  gsize sent;

  /* Refused from the headers alone: far less than the 50 MB went out before the answer (what
   * did is the loopback buffers and the gateway's short discard before closing). */
  first = send_huge_body (fixture, declared, &sent);
  g_assert_nonnull (first);
  assert_error (first, 413, "payload_too_large");
  g_assert_cmpuint (sent, <, 10 * 1000 * 1000);

  /* One chunk of 16 MiB announced: refused once 64 KiB of it were read. */
  second = send_huge_body (fixture, chunked, &sent);
  g_assert_nonnull (second);
  assert_error (second, 413, "payload_too_large");
  g_assert_cmpuint (sent, <, 10 * 1000 * 1000);

  /* An unknown path gets its 404 the same way, without the body being read. */
  third = send_huge_body (fixture, unknown_path, &sent);
  g_assert_nonnull (third);
  assert_error (third, 404, "not_found");
  g_assert_cmpuint (sent, <, 10 * 1000 * 1000);

  next = translate (fixture, "I need a taxi", "en", "ja", FALSE);
  g_assert_cmpuint (next->status, ==, 200);
}

/* Speech. */

static void
test_synthesize (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GatewayResponse) response = gateway_post_json (&fixture->gateway, "/v1/synthesize", TOKEN,
                                                           "{\"text\": \"Xin chào\", \"language\": \"vi\"}");
  g_autoptr(GatewayResponse) filipino = gateway_post_json (&fixture->gateway, "/v1/synthesize", TOKEN,
                                                           "{\"text\": \"Salamat po\", \"language\": \"fil\"}");
  g_autoptr(GatewayResponse) missing = gateway_post_json (&fixture->gateway, "/v1/synthesize", TOKEN,
                                                          "{\"text\": \"Xin chào\"}");
  g_autoptr(MadoAudioBuffer) audio = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  const guint8 *data_bytes;

  g_assert_cmpuint (response->status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (response->headers, NULL), ==, "audio/wav");
  g_assert_cmpstr (soup_message_headers_get_one (response->headers, "X-Madoguchi-Provider"), ==, "espeak-ng");
  g_assert_nonnull (strstr (soup_message_headers_get_one (response->headers, "Server-Timing"), "provider;dur="));

  data_bytes = g_bytes_get_data (response->body, &length);
  g_assert_cmpuint (length, >, 44);
  g_assert_cmpmem (data_bytes, 4, "RIFF", 4);
  g_assert_cmpmem (data_bytes + 8, 4, "WAVE", 4);
  audio = mado_audio_buffer_new_from_wav (data_bytes, length, &error);
  g_assert_no_error (error);
  /* Two words of speech: some tenths of a second, and not silence. */
  g_assert_cmpfloat (mado_audio_buffer_get_duration (audio), >, 0.3);
  g_assert_cmpfloat (mado_audio_buffer_get_duration (audio), <, 5.0);
  g_assert_cmpfloat (mado_audio_buffer_get_rms (audio), >, 100.0);

  assert_error (filipino, 422, "unsupported_language");
  assert_error (missing, 400, "invalid_request");
}

static GatewayResponse *
recognize_streamed (Fixture    *fixture,
                    const char *language,
                    GBytes     *audio,
                    gsize       chunk_size)
{
  g_autoptr(GSocketConnection) connection = raw_connect (&fixture->gateway);
  g_autofree char *head = g_strdup_printf ("POST /v1/recognize?language=%s HTTP/1.1\r\n"
                                           "Host: 127.0.0.1\r\nAuthorization: Bearer " TOKEN "\r\n"
                                           "Content-Type: " PCM "\r\nTransfer-Encoding: chunked\r\n\r\n",
                                           language);
  gsize length;
  const guint8 *bytes = g_bytes_get_data (audio, &length);

  raw_write (connection, head, strlen (head));
  for (gsize offset = 0; offset < length; offset += chunk_size)
    raw_write_chunk (connection, bytes + offset, MIN (chunk_size, length - offset));
  raw_write (connection, "0\r\n\r\n", 5);
  return raw_read_response (connection);
}

static void
test_recognize_english (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(MadoAudioBuffer) speech = english_speech ("Where is the toilet?");
  g_autoptr(GBytes) audio = pcm_bytes (speech);
  /* Chunks of an odd size split samples between chunks, as a network may. */
  g_autoptr(GatewayResponse) response = recognize_streamed (fixture, "en", audio, 3001);
  g_autoptr(GatewayResponse) translation = NULL;
  JsonObject *object;
  const char *text;

  g_assert_nonnull (response);
  g_assert_cmpuint (response->status, ==, 200);
  object = gateway_response_object (response);
  text = json_object_get_string_member (object, "text");
  g_assert_cmpstr (text, ==, "where is the toilet");
  g_assert_cmpstr (json_object_get_string_member (object, "language"), ==, "en");
  g_assert_cmpstr (json_object_get_string_member (object, "provider"), ==, "pocketsphinx");
  g_assert_cmpint (json_object_get_int_member (object, "audio_ms"), ==,
                   (gint64) (g_bytes_get_size (audio) / 32));
  g_assert_true (json_object_has_member (object, "confidence"));
  g_assert_cmpfloat (json_object_get_double_member (object, "gateway_ms"), >=, 0.0);

  /* What was heard translates as the registered phrase. */
  translation = translate (fixture, text, "en", "vi", TRUE);
  assert_translation (translation, "Nhà vệ sinh ở đâu?", "Where is the toilet?", "test.counter.002", 1.0);
}

static void
test_recognize_silence (Fixture       *fixture,
                        gconstpointer  data)
{
  gsize length = 2 * 16000 * 2;
  g_autoptr(GBytes) silence = g_bytes_new_take (g_malloc0 (length), length);
  g_autoptr(GBytes) nothing = g_bytes_new_static ("", 0);
  g_autoptr(GatewayResponse) streamed = recognize_streamed (fixture, "en", silence, 3200);
  g_autoptr(GatewayResponse) declared = gateway_request (&fixture->gateway, "POST", "/v1/recognize?language=en",
                                                         TOKEN, PCM, silence);
  g_autoptr(GatewayResponse) empty = gateway_request (&fixture->gateway, "POST", "/v1/recognize?language=en",
                                                      TOKEN, PCM, nothing);

  g_autoptr(MadoAudioBuffer) speech = english_speech ("I need a taxi.");
  g_autoptr(GBytes) audio = pcm_bytes (speech);
  g_autoptr(GatewayResponse) after = NULL;

  assert_error (streamed, 422, "no_speech");
  assert_error (declared, 422, "no_speech");
  assert_error (empty, 422, "no_speech");

  /* The silences leave nothing behind in the decoders: the next speaker is heard. */
  after = recognize_streamed (fixture, "en", audio, 3200);
  g_assert_cmpuint (after->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (gateway_response_object (after), "text"), ==, "i need a taxi");
}

static void
test_recognize_refusals (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GBytes) audio = g_bytes_new_take (g_malloc0 (3200), 3200);
  g_autoptr(GatewayResponse) japanese = gateway_request (&fixture->gateway, "POST", "/v1/recognize?language=ja",
                                                         TOKEN, PCM, audio);
  g_autoptr(GatewayResponse) unknown = gateway_request (&fixture->gateway, "POST", "/v1/recognize?language=xx",
                                                        TOKEN, PCM, audio);
  g_autoptr(GatewayResponse) no_language = gateway_request (&fixture->gateway, "POST", "/v1/recognize",
                                                            TOKEN, PCM, audio);
  g_autoptr(GatewayResponse) rate = gateway_request (&fixture->gateway, "POST", "/v1/recognize?language=en", TOKEN,
                                                     "audio/x-pcm;bit=16;rate=8000;channels=1", audio);
  g_autoptr(GatewayResponse) stereo = gateway_request (&fixture->gateway, "POST", "/v1/recognize?language=en", TOKEN,
                                                       "audio/x-pcm;bit=16;rate=16000;channels=2", audio);
  g_autoptr(GatewayResponse) wav = gateway_request (&fixture->gateway, "POST", "/v1/recognize?language=en",
                                                    TOKEN, "audio/wav", audio);
  g_autoptr(GatewayResponse) unauthorized = gateway_request (&fixture->gateway, "POST", "/v1/recognize?language=en",
                                                             NULL, PCM, audio);

  assert_error (japanese, 422, "unsupported_language");
  assert_error (unknown, 422, "unsupported_language");
  assert_error (no_language, 400, "invalid_request");
  assert_error (rate, 400, "invalid_request");
  assert_error (stereo, 400, "invalid_request");
  assert_error (wav, 415, "unsupported_media_type");
  assert_error (unauthorized, 401, "unauthorized");
}

/* Robustness. */

static void
assert_still_serving (Fixture *fixture)
{
  g_autoptr(GatewayResponse) response = translate (fixture, "Please wait a moment", "en", "ko", FALSE);

  assert_translation (response, "잠시만 기다려 주세요.", NULL, "test.counter.004", 1.0);
}

static void
test_malformed_http (Fixture       *fixture,
                     gconstpointer  data)
{
#define REQUEST(text) { text, sizeof text - 1 }
  static const struct {
    const char *bytes;
    gsize       length;
  } requests[] = {
    REQUEST ("HELLO GATEWAY\r\n\r\n"),
    REQUEST ("POST /v1/translate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: banana\r\n\r\n"),
    REQUEST ("POST /v1/translate HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: gzip\r\n\r\n"),
    REQUEST ("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 not really TLS\r\n\r\n"),
  };
#undef REQUEST

  for (guint i = 0; i < G_N_ELEMENTS (requests); i++)
    {
      g_autoptr(GSocketConnection) connection = raw_connect (&fixture->gateway);
      g_autoptr(GatewayResponse) response = NULL;

      raw_write (connection, requests[i].bytes, requests[i].length);
      response = raw_read_response (connection);
      /* libsoup refuses these itself, with a 4xx or 5xx status, before the gateway sees them. */
      g_assert_nonnull (response);
      g_assert_cmpuint (response->status, >=, 400);
      assert_still_serving (fixture);
    }
}

static void
test_truncated_body (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *head = "POST /v1/translate HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " TOKEN "\r\n"
                     "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"text\": \"I ne";
  const char *audio_head = "POST /v1/recognize?language=en HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                           "Authorization: Bearer " TOKEN "\r\nContent-Type: " PCM "\r\n"
                           "Transfer-Encoding: chunked\r\n\r\n";
  g_autofree guint8 *silence = g_malloc0 (6400);

  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(GSocketConnection) json = raw_connect (&fixture->gateway);
      g_autoptr(GSocketConnection) audio = raw_connect (&fixture->gateway);

      raw_write (json, head, strlen (head));
      /* A recognition whose speaker walks away: its decoder must be freed for the next one. */
      raw_write (audio, audio_head, strlen (audio_head));
      raw_write_chunk (audio, silence, 6400);
      g_io_stream_close (G_IO_STREAM (json), NULL, NULL);
      g_io_stream_close (G_IO_STREAM (audio), NULL, NULL);
    }

  assert_still_serving (fixture);

  {
    g_autoptr(MadoAudioBuffer) speech = english_speech ("I need a taxi.");
    g_autoptr(GBytes) bytes = pcm_bytes (speech);
    g_autoptr(GatewayResponse) response = NULL;

    /* Both decoders come back once the gateway notices the closed connections. */
    for (guint attempt = 0; attempt < 50; attempt++)
      {
        g_clear_pointer (&response, gateway_response_free);
        response = recognize_streamed (fixture, "en", bytes, 4000);
        if (response->status != 429)
          break;
        g_usleep (100 * 1000);
      }
    g_assert_cmpuint (response->status, ==, 200);
    g_assert_cmpstr (json_object_get_string_member (gateway_response_object (response), "text"), ==, "i need a taxi");
  }
}

static void
test_idle_client (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GSocketConnection) idle = raw_connect (&fixture->gateway);
  const char *head = "POST /v1/translate HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " TOKEN "\r\n"
                     "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"text\"";
  GSocket *socket = g_socket_connection_get_socket (idle);
  gint64 started = g_get_monotonic_time ();
  char buffer[256];
  gssize n_read;

  raw_write (idle, head, strlen (head));

  /* The idle client holds nothing up. */
  assert_still_serving (fixture);

  /* After 10 s without a byte the gateway hangs up (possibly with an answer first). */
  g_socket_set_timeout (socket, 60);
  do
    n_read = g_socket_receive (socket, buffer, sizeof buffer, NULL, NULL);
  while (n_read > 0);
  g_assert_cmpint (n_read, <=, 0);
  g_assert_cmpint (g_get_monotonic_time () - started, >=, 9 * G_USEC_PER_SEC);

  assert_still_serving (fixture);
}

typedef struct {
  Fixture *fixture;
  guint    n_ok;
} Worker;

static gpointer
run_worker (gpointer data)
{
  Worker *worker = data;
  g_autoptr(SoupSession) session = gateway_session_new ();
  g_autofree char *url = g_strconcat (worker->fixture->gateway.url, "v1/translate", NULL);
  const char *json = "{\"text\":\"お手洗いはどこですか\",\"source\":\"ja\",\"target\":\"en\",\"back_translate\":true}";

  for (guint i = 0; i < 40; i++)
    {
      g_autoptr(SoupMessage) message = soup_message_new ("POST", url);
      g_autoptr(GBytes) request_body = g_bytes_new_static (json, strlen (json));
      g_autoptr(GBytes) body = NULL;
      gsize length;
      const char *text;

      soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", "Bearer " TOKEN);
      soup_message_set_request_body_from_bytes (message, JSON, request_body);
      body = soup_session_send_and_read (session, message, NULL, NULL);
      if (body == NULL || soup_message_get_status (message) != 200)
        continue;
      text = g_bytes_get_data (body, &length);
      if (g_strstr_len (text, (gssize) length, "\"translation\":\"Where is the toilet?\"") != NULL)
        worker->n_ok++;
    }
  return NULL;
}

static void
test_concurrent (Fixture       *fixture,
                 gconstpointer  data)
{
  Worker workers[8];
  GThread *threads[G_N_ELEMENTS (workers)];
  g_autoptr(MadoAudioBuffer) speech = english_speech ("Please wait a moment.");
  g_autoptr(GBytes) audio = pcm_bytes (speech);
  g_autoptr(GatewayResponse) recognized = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (workers); i++)
    {
      workers[i] = (Worker) { fixture, 0 };
      threads[i] = g_thread_new ("client", run_worker, &workers[i]);
    }

  /* A recognition in the middle of the translations. */
  recognized = recognize_streamed (fixture, "en", audio, 3200);

  for (guint i = 0; i < G_N_ELEMENTS (workers); i++)
    {
      g_thread_join (threads[i]);
      g_assert_cmpuint (workers[i].n_ok, ==, 40);
    }

  g_assert_cmpuint (recognized->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (gateway_response_object (recognized), "text"), ==,
                   "please wait a moment");
}

/* Configurations the gateway must refuse. */

static void
test_config_refusals (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("madoguchi-gateway-XXXXXX", &error);
  g_autofree char *token_in_config = write_file (dir, "token.conf", "[gateway]\ntoken = secret-in-the-open\n");
  g_autofree char *misspelt = write_file (dir, "misspelt.conf", "[provider phrase-memory]\nfuzzy-treshold = 0.9\n");
  g_autofree char *unknown_route = write_file (dir, "route.conf", "[route]\ntranslate.ja.vi = textra\n");
  g_autofree char *bad_threshold = write_file (dir, "threshold.conf", "[provider phrase-memory]\nfuzzy-threshold = 2\n");
  g_autofree char *message = NULL;

  g_assert_no_error (error);

  /* Reachable from other machines without a token: refused before listening. */
  g_assert_cmpint (gateway_run_to_exit (&message, "--listen", "0.0.0.0:0", NULL), ==, 1);
  g_assert_nonnull (strstr (message, "without a token"));
  g_clear_pointer (&message, g_free);

  g_assert_cmpint (gateway_run_to_exit (&message, "--listen", "127.0.0.1:0", "--token-env",
                                        "MADOGUCHI_TEST_UNSET_VARIABLE", NULL), ==, 1);
  g_assert_nonnull (strstr (message, "MADOGUCHI_TEST_UNSET_VARIABLE"));
  g_clear_pointer (&message, g_free);

  g_assert_cmpint (gateway_run_to_exit (&message, "--config", token_in_config, NULL), ==, 1);
  g_assert_nonnull (strstr (message, "token-file"));
  /* The refusal must not repeat the secret. */
  g_assert_null (strstr (message, "secret-in-the-open"));
  g_clear_pointer (&message, g_free);

  g_assert_cmpint (gateway_run_to_exit (&message, "--config", misspelt, NULL), ==, 1);
  g_assert_nonnull (strstr (message, "fuzzy-treshold"));
  g_clear_pointer (&message, g_free);

  g_assert_cmpint (gateway_run_to_exit (&message, "--config", unknown_route, NULL), ==, 1);
  g_assert_nonnull (strstr (message, "textra"));
  g_clear_pointer (&message, g_free);

  g_assert_cmpint (gateway_run_to_exit (&message, "--config", bad_threshold, NULL), ==, 1);
  g_assert_nonnull (strstr (message, "fuzzy-threshold"));
  g_clear_pointer (&message, g_free);

  g_assert_cmpint (gateway_run_to_exit (&message, "--listen", "example.org:80", NULL), ==, 1);
  g_assert_nonnull (strstr (message, "example.org:80"));

  remove_tree (dir);
}

/* The token from an environment variable, which the gateway then drops from its environment. */
static void
test_token_env (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("madoguchi-gateway-XXXXXX", &error);
  g_autofree char *database = g_build_filename (dir, "phrases.db", NULL);
  GatewayProcess gateway = { 0 };
  g_autoptr(GatewayResponse) missing = NULL;
  g_autoptr(GatewayResponse) right = NULL;

  g_assert_no_error (error);
  seed_database (database);
  g_setenv ("MADOGUCHI_TEST_GATEWAY_TOKEN", "token-from-the-environment", TRUE);
  gateway_process_start (&gateway, "--listen", "127.0.0.1:0", "--database", database,
                         "--token-env", "MADOGUCHI_TEST_GATEWAY_TOKEN", NULL);
  g_unsetenv ("MADOGUCHI_TEST_GATEWAY_TOKEN");

  missing = gateway_request (&gateway, "GET", "/v1/capabilities", NULL, NULL, NULL);
  right = gateway_request (&gateway, "GET", "/v1/capabilities", "token-from-the-environment", NULL, NULL);
  assert_error (missing, 401, "unauthorized");
  g_assert_cmpuint (right->status, ==, 200);

  g_assert_cmpint (gateway_process_stop (&gateway), ==, 0);
  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/madoguchi/gateway/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("health", test_health);
  ADD ("capabilities", test_capabilities);
  ADD ("auth", test_auth);
  ADD ("headers", test_headers);
  ADD ("translate/exact", test_translate_exact);
  ADD ("translate/fuzzy", test_translate_fuzzy);
  g_test_add ("/madoguchi/gateway/translate/fuzzy-threshold", Fixture,
              "[provider phrase-memory]\nfuzzy-threshold = 0.5\n",
              fixture_set_up, test_translate_fuzzy_threshold, fixture_tear_down);
  ADD ("translate/unsupported", test_translate_unsupported);
  ADD ("translate/live-phrases", test_translate_live_phrases);
  ADD ("translate/invalid", test_translate_invalid);
  ADD ("limits/text", test_limit_text);
  ADD ("limits/json", test_limit_json);
  ADD ("limits/audio", test_limit_audio);
  ADD ("limits/huge-body", test_limit_huge_body);
  ADD ("synthesize", test_synthesize);
  ADD ("recognize/english", test_recognize_english);
  ADD ("recognize/silence", test_recognize_silence);
  ADD ("recognize/refusals", test_recognize_refusals);
  ADD ("robustness/malformed-http", test_malformed_http);
  ADD ("robustness/truncated-body", test_truncated_body);
  ADD ("robustness/idle-client", test_idle_client);
  ADD ("robustness/concurrent", test_concurrent);
  g_test_add_func ("/madoguchi/gateway/config/refusals", test_config_refusals);
  g_test_add_func ("/madoguchi/gateway/config/token-env", test_token_env);

#undef ADD

  return g_test_run ();
}

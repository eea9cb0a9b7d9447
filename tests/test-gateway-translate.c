/* test-gateway-translate.c: translation by phrase memory through the real gateway
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-gateway-test-utils.h"

#include <string.h>

#include "mado-phrase-store.h"

/* Short names for the fixture's token and the API's audio media type. */
#define TOKEN GATEWAY_TEST_TOKEN

static void
test_translate_exact (GatewayFixture *fixture,
                      gconstpointer   data)
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
      g_autoptr(GatewayResponse) response = gateway_translate (fixture, japanese[i], "ja", "vi", TRUE);

      gateway_assert_translation (response, "Vui lòng nộp giấy báo chuyển đến.", "転入届を出してください。",
                          "test.counter.001", 1.0);
      g_assert_cmpstr (json_object_get_string_member (gateway_response_object (response), "source"), ==, "ja");
      g_assert_cmpstr (json_object_get_string_member (gateway_response_object (response), "target"), ==, "vi");
    }

  {
    /* Case, full-width Latin letters and ASCII case in the tags do not matter either. */
    g_autoptr(GatewayResponse) english = gateway_translate (fixture, "i NEED a ＴＡＸＩ", "EN", "Ja", TRUE);
    /* Easy Japanese matches as read as well as as written. */
    g_autoptr(GatewayResponse) reading = gateway_translate (fixture, "てんにゅうとどけを だしてください", "ja-x-easy", "en", TRUE);
    g_autoptr(GatewayResponse) written = gateway_translate (fixture, "転入届を出してください", "ja-x-easy", "vi", FALSE);

    gateway_assert_translation (english, "タクシーを呼んでください。", "I need a taxi.", "test.counter.003", 1.0);
    g_assert_cmpstr (json_object_get_string_member (gateway_response_object (english), "source"), ==, "en");
    gateway_assert_translation (reading, "Please hand in a moving-in notice.",
                        "{転入届|てんにゅうとどけ}を {出|だ}してください。", "test.counter.001", 1.0);
    gateway_assert_translation (written, "Vui lòng nộp giấy báo chuyển đến.", NULL, "test.counter.001", 1.0);
  }
}

static void
test_translate_fuzzy (GatewayFixture *fixture,
                      gconstpointer   data)
{
  /* 転入届け… shares 9 of its 11 bigrams with the phrase's 10: Dice 18/21 ≈ 0.857, above the
   * default threshold of 0.85. The back-translation shows which phrase was taken. */
  g_autoptr(GatewayResponse) above = gateway_translate (fixture, "転入届けを出してください", "ja", "vi", TRUE);
  /* 転出届 (moving out) shares 8 of 10: Dice 0.8, below; it must never come back as 転入届. */
  g_autoptr(GatewayResponse) moving_out = gateway_translate (fixture, "転出届を出してください", "ja", "vi", TRUE);
  /* A different sentence sharing 5 of 9 and 10 bigrams: Dice 10/19 ≈ 0.53. */
  g_autoptr(GatewayResponse) below = gateway_translate (fixture, "転入届を出しましたか", "ja", "vi", TRUE);

  gateway_assert_translation (above, "Vui lòng nộp giấy báo chuyển đến.", "転入届を出してください。",
                      "test.counter.001", 18.0 / 21.0);
  gateway_assert_error (moving_out, 422, "no_translation");
  gateway_assert_error (below, 422, "no_translation");
}

static void
test_translate_fuzzy_threshold (GatewayFixture *fixture,
                                gconstpointer   data)
{
  /* With the threshold lowered to 0.5 in the configuration, Dice 10/19 is enough. */
  g_autoptr(GatewayResponse) response = gateway_translate (fixture, "転入届を出しましたか", "ja", "vi", TRUE);

  gateway_assert_translation (response, "Vui lòng nộp giấy báo chuyển đến.", "転入届を出してください。",
                      "test.counter.001", 10.0 / 19.0);
}

static void
test_translate_unsupported (GatewayFixture *fixture,
                            gconstpointer   data)
{
  /* No phrase has Thai; none has both Korean and Vietnamese; "de" is no Madoguchi language. */
  g_autoptr(GatewayResponse) thai = gateway_translate (fixture, "少々お待ちください", "ja", "th", TRUE);
  g_autoptr(GatewayResponse) korean = gateway_translate (fixture, "잠시만 기다려 주세요.", "ko", "vi", TRUE);
  g_autoptr(GatewayResponse) german = gateway_translate (fixture, "Bitte warten", "de", "ja", TRUE);
  g_autoptr(GatewayResponse) unmatched = gateway_translate (fixture, "住民票の写しが必要です。", "ja", "vi", TRUE);
  g_autoptr(GatewayResponse) same = gateway_translate (fixture, "少々お待ちください", "ja", "ja", TRUE);

  gateway_assert_error (thai, 422, "unsupported_language");
  gateway_assert_error (korean, 422, "unsupported_language");
  gateway_assert_error (german, 422, "unsupported_language");
  gateway_assert_error (unmatched, 422, "no_translation");
  gateway_assert_error (same, 400, "invalid_request");
}

static void
test_translate_live_phrases (GatewayFixture *fixture,
                             gconstpointer   data)
{
  g_autoptr(GatewayResponse) before = gateway_translate (fixture, "印鑑をお持ちですか。", "ja", "en", TRUE);
  g_autoptr(GatewayResponse) after = NULL;
  g_autoptr(GatewayResponse) reverse = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoPhraseStore) store = NULL;
  g_autoptr(MadoPhrase) phrase = mado_phrase_new (NULL, "test", "counter");
  g_autofree char *id = NULL;

  gateway_assert_error (before, 422, "no_translation");

  /* Staff register a phrase on the tablet while the gateway runs. */
  store = mado_phrase_store_open (fixture->database, &error);
  g_assert_no_error (error);
  mado_phrase_set_text (phrase, "ja", "印鑑をお持ちですか。");
  mado_phrase_set_text (phrase, "en", "Do you have your personal seal with you?");
  id = mado_phrase_store_add_phrase (store, phrase, &error);
  g_assert_no_error (error);

  after = gateway_translate (fixture, "印鑑をお持ちですか", "ja", "en", TRUE);
  gateway_assert_translation (after, "Do you have your personal seal with you?", "印鑑をお持ちですか。", id, 1.0);
  reverse = gateway_translate (fixture, "do you have your personal seal with you", "en", "ja", FALSE);
  gateway_assert_translation (reverse, "印鑑をお持ちですか。", NULL, id, 1.0);
}

static guint
count_index_builds (const char *log_path)
{
  g_autofree char *log = NULL;
  guint count = 0;

  g_assert_true (g_file_get_contents (log_path, &log, NULL, NULL));
  for (const char *p = strstr (log, " indexed in "); p != NULL; p = strstr (p + 1, " indexed in "))
    count++;
  return count;
}

/* Every tap on the tablet writes a use count into the database the gateway reads. That must not
 * make the gateway rebuild its phrase index (tens of milliseconds on the next translation);
 * a new phrase must. */
static void
test_translate_use_counts_keep_index (GatewayFixture *fixture,
                                      gconstpointer   data)
{
  g_autofree char *log_path = g_build_filename (fixture->dir, "gateway.log", NULL);
  g_autofree char *config = g_build_filename (fixture->dir, "gateway.conf", NULL);
  g_autoptr(GatewayResponse) first = NULL;
  g_autoptr(GatewayResponse) after_use = NULL;
  g_autoptr(GatewayResponse) after_new = NULL;
  g_autoptr(MadoPhraseStore) store = NULL;
  g_autoptr(MadoPhrase) phrase = mado_phrase_new (NULL, "test", "counter");
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  guint builds;

  /* The same gateway again, with its debug log kept. */
  gateway_process_stop (&fixture->gateway);
  gateway_process_start_logged (&fixture->gateway, log_path, "--config", config, NULL);

  first = gateway_translate (fixture, "お手洗いはどこですか", "ja", "en", FALSE);
  gateway_assert_translation (first, "Where is the toilet?", NULL, "test.counter.002", 1.0);
  builds = count_index_builds (log_path);
  g_assert_cmpuint (builds, >=, 1);

  store = mado_phrase_store_open (fixture->database, &error);
  g_assert_no_error (error);
  g_assert_true (mado_phrase_store_record_use (store, "test.counter.002", "ja", &error));
  g_assert_true (mado_phrase_store_set_favourite (store, "test.counter.002", TRUE, &error));
  g_assert_no_error (error);

  after_use = gateway_translate (fixture, "お手洗いはどこですか", "ja", "en", FALSE);
  gateway_assert_translation (after_use, "Where is the toilet?", NULL, "test.counter.002", 1.0);
  g_assert_cmpuint (count_index_builds (log_path), ==, builds);

  mado_phrase_set_text (phrase, "ja", "印鑑をお持ちですか。");
  mado_phrase_set_text (phrase, "en", "Do you have your personal seal with you?");
  id = mado_phrase_store_add_phrase (store, phrase, &error);
  g_assert_no_error (error);
  after_new = gateway_translate (fixture, "印鑑をお持ちですか", "ja", "en", FALSE);
  gateway_assert_translation (after_new, "Do you have your personal seal with you?", NULL, id, 1.0);
  g_assert_cmpuint (count_index_builds (log_path), ==, builds + 1);
}

static void
test_translate_invalid (GatewayFixture *fixture,
                        gconstpointer   data)
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
    { "{\"text\": \"I need a taxi\", \"source\": \"en\", \"target\": \"ja\", \"back_translate\": \"yes\"}",
      400, "invalid_request" },
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
      g_autoptr(GatewayResponse) response =
        gateway_post_json (&fixture->gateway, "/v1/translate", TOKEN, cases[i].body);

      gateway_assert_error (response, cases[i].status, cases[i].code);
    }

  latin1 = gateway_post_json (&fixture->gateway, "/v1/translate", TOKEN, not_utf8);
  gateway_assert_error (latin1, 400, "invalid_request");

  wrong_type = gateway_request (&fixture->gateway, "POST", "/v1/translate", TOKEN, "text/plain", plain_text);
  gateway_assert_error (wrong_type, 415, "unsupported_media_type");

  wrong_method = gateway_request (&fixture->gateway, "GET", "/v1/translate", TOKEN, NULL, NULL);
  gateway_assert_error (wrong_method, 405, "method_not_allowed");
  g_assert_cmpstr (soup_message_headers_get_one (wrong_method->headers, "Allow"), ==, "POST");

  wrong_path = gateway_request (&fixture->gateway, "GET", "/v2/translate", TOKEN, NULL, NULL);
  gateway_assert_error (wrong_path, 404, "not_found");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/madoguchi/gateway/" path, GatewayFixture, NULL, gateway_fixture_set_up, func, \
              gateway_fixture_tear_down)

  ADD ("translate/exact", test_translate_exact);
  ADD ("translate/fuzzy", test_translate_fuzzy);
  g_test_add ("/madoguchi/gateway/translate/fuzzy-threshold", GatewayFixture,
              "[provider phrase-memory]\nfuzzy-threshold = 0.5\n",
              gateway_fixture_set_up, test_translate_fuzzy_threshold, gateway_fixture_tear_down);
  ADD ("translate/unsupported", test_translate_unsupported);
  ADD ("translate/live-phrases", test_translate_live_phrases);
  ADD ("translate/use-counts-keep-index", test_translate_use_counts_keep_index);
  ADD ("translate/invalid", test_translate_invalid);

#undef ADD

  return g_test_run ();
}

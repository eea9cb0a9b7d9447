/* test-conversation.c: turns through phrase, text and speech, against an HTTP server on 127.0.0.1
 *
 * The server speaks the Madoguchi Speech API's documented format and lets each test decide the
 * answer, so that every outcome of a turn (done, failed, retried, cleared mid-flight) is reached.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <libsoup/soup.h>

#include "mado-conversation.h"
#include "mado-speech-api-error.h"

typedef struct {
  SoupServer       *server;
  char             *base_url;
  MadoConversation *conversation;
  guint             translate_calls;
  guint             fail_next;        /* answer this many translate calls with no_translation */
  gboolean          hold_translate;   /* never answer: for clearing mid-flight */
  gsize             audio_bytes;
  char             *last_source;
  char             *last_target;
} Fixture;

static void
reply_json (SoupServerMessage *message,
            guint              status,
            const char        *body)
{
  soup_server_message_set_status (message, status, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
}

static void
translate_handler (SoupServer        *server,
                   SoupServerMessage *message,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  Fixture *fixture = user_data;
  SoupMessageBody *body = soup_server_message_get_request_body (message);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *request;
  g_autofree char *answer = NULL;

  fixture->translate_calls++;
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
  request = json_node_get_object (json_parser_get_root (parser));
  g_free (fixture->last_source);
  g_free (fixture->last_target);
  fixture->last_source = g_strdup (json_object_get_string_member (request, "source"));
  fixture->last_target = g_strdup (json_object_get_string_member (request, "target"));
  g_assert_true (json_object_get_boolean_member (request, "back_translate"));

  if (fixture->hold_translate)
    {
      soup_server_message_pause (message);
      return;
    }

  if (fixture->fail_next > 0)
    {
      fixture->fail_next--;
      reply_json (message, 422, "{\"error\":{\"code\":\"no_translation\",\"message\":\"No match\"}}");
      return;
    }

  answer = g_strdup_printf ("{\"translation\":\"T(%s)\",\"back_translation\":\"B(%s)\",\"source\":\"%s\","
                            "\"target\":\"%s\",\"provider\":\"test\",\"verified\":false,\"phrase_id\":null,"
                            "\"score\":0,\"gateway_ms\":1.5,\"provider_ms\":1.0}",
                            json_object_get_string_member (request, "text"),
                            json_object_get_string_member (request, "text"),
                            fixture->last_source, fixture->last_target);
  reply_json (message, 200, answer);
}

static void
recognize_handler (SoupServer        *server,
                   SoupServerMessage *message,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  Fixture *fixture = user_data;
  SoupMessageBody *body = soup_server_message_get_request_body (message);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);

  fixture->audio_bytes = g_bytes_get_size (bytes);
  reply_json (message, 200, "{\"text\":\"where is the toilet\",\"language\":\"en\",\"provider\":\"test\","
                            "\"confidence\":0.9,\"audio_ms\":500,\"gateway_ms\":2.0,\"provider_ms\":1.5}");
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoSpeechClient) client = NULL;
  GSList *uris;

  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, "/v1/translate", translate_handler, fixture, NULL);
  soup_server_add_handler (fixture->server, "/v1/recognize", recognize_handler, fixture, NULL);
  g_assert_true (soup_server_listen_local (fixture->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);

  uris = soup_server_get_uris (fixture->server);
  fixture->base_url = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  client = mado_speech_client_new (fixture->base_url, "test-token", &error);
  g_assert_no_error (error);
  fixture->conversation = mado_conversation_new ("vi");
  mado_conversation_set_client (fixture->conversation, client);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->conversation);
  soup_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);
  g_free (fixture->base_url);
  g_free (fixture->last_source);
  g_free (fixture->last_target);
}

typedef struct {
  MadoTurn      *turn;
  MadoTurnState  state;
} StateWait;

static gboolean
reached (gpointer data)
{
  StateWait *wait = data;

  return mado_turn_get_state (wait->turn) == wait->state;
}

static void
wait_for_state (MadoTurn      *turn,
                MadoTurnState  state)
{
  StateWait wait = { turn, state };
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!reached (&wait) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpint (mado_turn_get_state (turn), ==, state);
}

static void
test_phrase_needs_no_network (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(MadoPhrase) phrase = mado_phrase_new ("city-hall.moving.002", "city-hall", "moving");
  g_autoptr(MadoPhrase) untranslated = mado_phrase_new ("local.moving.1", "city-hall", "moving");
  g_autoptr(GError) error = NULL;
  MadoTurn *turn;

  mado_phrase_set_text (phrase, "ja", "転入届を出してください。");
  mado_phrase_set_text (phrase, "vi", "Vui lòng nộp thông báo chuyển đến.");
  turn = mado_conversation_say_phrase (fixture->conversation, phrase, &error);
  g_assert_no_error (error);

  g_assert_cmpint (mado_turn_get_state (turn), ==, MADO_TURN_DONE);
  g_assert_true (mado_turn_get_verified (turn));
  g_assert_cmpstr (mado_turn_get_translation (turn), ==, "Vui lòng nộp thông báo chuyển đến.");
  g_assert_cmpstr (mado_turn_get_back_translation (turn), ==, "転入届を出してください。");
  g_assert_cmpstr (mado_turn_get_phrase_id (turn), ==, "city-hall.moving.002");
  g_assert_cmpuint (fixture->translate_calls, ==, 0);

  mado_phrase_set_text (untranslated, "ja", "新しいフレーズ");
  g_assert_null (mado_conversation_say_phrase (fixture->conversation, untranslated, &error));
  g_assert_error (error, MADO_CONVERSATION_ERROR, MADO_CONVERSATION_ERROR_NO_TRANSLATION);
  g_assert_cmpuint (g_list_model_get_n_items (mado_conversation_get_turns (fixture->conversation)), ==, 1);
}

static void
test_typed_text_both_directions (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  MadoTurn *staff = mado_conversation_say_text (fixture->conversation, MADO_SPEAKER_STAFF, "  こんにちは ");
  MadoTurn *resident;

  g_assert_cmpint (mado_turn_get_state (staff), ==, MADO_TURN_TRANSLATING);
  wait_for_state (staff, MADO_TURN_DONE);
  g_assert_cmpstr (fixture->last_source, ==, "ja");
  g_assert_cmpstr (fixture->last_target, ==, "vi");
  g_assert_cmpstr (mado_turn_get_source_text (staff), ==, "こんにちは");
  g_assert_cmpstr (mado_turn_get_translation (staff), ==, "T(こんにちは)");
  g_assert_cmpstr (mado_turn_get_back_translation (staff), ==, "B(こんにちは)");
  g_assert_false (mado_turn_get_verified (staff));
  g_assert_cmpfloat (mado_turn_get_gateway_ms (staff), ==, 1.5);
  g_assert_cmpint (mado_turn_get_completed_at (staff), >=, mado_turn_get_sent_at (staff));

  resident = mado_conversation_say_text (fixture->conversation, MADO_SPEAKER_RESIDENT, "Xin chào");
  wait_for_state (resident, MADO_TURN_DONE);
  g_assert_cmpstr (fixture->last_source, ==, "vi");
  g_assert_cmpstr (fixture->last_target, ==, "ja");

  g_assert_null (mado_conversation_say_text (fixture->conversation, MADO_SPEAKER_STAFF, "   "));
  g_assert_cmpuint (g_list_model_get_n_items (mado_conversation_get_turns (fixture->conversation)), ==, 2);
}

static void
test_failure_then_retry (Fixture       *fixture,
                         gconstpointer  user_data)
{
  MadoTurn *turn;

  fixture->fail_next = 1;
  turn = mado_conversation_say_text (fixture->conversation, MADO_SPEAKER_STAFF, "未登録の文");
  wait_for_state (turn, MADO_TURN_FAILED);
  g_assert_true (g_error_matches (mado_turn_get_error (turn), MADO_SPEECH_API_ERROR, MADO_SPEECH_API_ERROR_NO_TRANSLATION));
  g_assert_null (mado_turn_get_translation (turn));

  mado_conversation_retry (fixture->conversation, turn);
  wait_for_state (turn, MADO_TURN_DONE);
  g_assert_null (mado_turn_get_error (turn));
  g_assert_cmpstr (mado_turn_get_translation (turn), ==, "T(未登録の文)");
  g_assert_cmpuint (fixture->translate_calls, ==, 2);
}

static void
test_speech_review_confirm (Fixture       *fixture,
                            gconstpointer  user_data)
{
  gint16 samples[1600];
  MadoTurn *turn;

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    samples[i] = (gint16) ((i % 40) * 500 - 10000);

  turn = mado_conversation_begin_speech (fixture->conversation, MADO_SPEAKER_RESIDENT);
  g_assert_cmpint (mado_turn_get_state (turn), ==, MADO_TURN_LISTENING);
  for (guint i = 0; i < 5; i++)
    g_assert_true (mado_conversation_push_audio (fixture->conversation, turn, samples, G_N_ELEMENTS (samples)));
  mado_conversation_end_speech (fixture->conversation, turn);
  g_assert_cmpint (mado_turn_get_state (turn), ==, MADO_TURN_RECOGNISING);

  wait_for_state (turn, MADO_TURN_REVIEW);
  g_assert_cmpuint (fixture->audio_bytes, ==, 5 * sizeof samples);
  g_assert_cmpstr (mado_turn_get_source_text (turn), ==, "where is the toilet");
  g_assert_cmpuint (fixture->translate_calls, ==, 0);

  /* The speaker corrects the recognised text before it is sent. */
  mado_conversation_confirm (fixture->conversation, turn, "where is the station");
  wait_for_state (turn, MADO_TURN_DONE);
  g_assert_cmpstr (mado_turn_get_translation (turn), ==, "T(where is the station)");
  g_assert_cmpfloat (mado_turn_get_gateway_ms (turn), ==, 3.5);
  g_assert_false (mado_conversation_push_audio (fixture->conversation, turn, samples, 10));
}

static void
test_clear_mid_flight (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(MadoTurn) turn = NULL;

  fixture->hold_translate = TRUE;
  turn = g_object_ref (mado_conversation_say_text (fixture->conversation, MADO_SPEAKER_STAFF, "待ってください"));
  while (fixture->translate_calls == 0)
    g_main_context_iteration (NULL, TRUE);

  mado_conversation_clear (fixture->conversation);
  g_assert_cmpuint (g_list_model_get_n_items (mado_conversation_get_turns (fixture->conversation)), ==, 0);

  /* The cancelled request must not bring the turn back or mark it failed. */
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpint (mado_turn_get_state (turn), ==, MADO_TURN_TRANSLATING);
  g_assert_cmpuint (g_list_model_get_n_items (mado_conversation_get_turns (fixture->conversation)), ==, 0);
}

static void
test_without_gateway (void)
{
  g_autoptr(MadoConversation) conversation = mado_conversation_new ("ko");
  MadoTurn *typed = mado_conversation_say_text (conversation, MADO_SPEAKER_STAFF, "こんにちは");
  MadoTurn *spoken = mado_conversation_begin_speech (conversation, MADO_SPEAKER_RESIDENT);

  g_assert_cmpint (mado_turn_get_state (typed), ==, MADO_TURN_FAILED);
  g_assert_true (g_error_matches (mado_turn_get_error (typed), MADO_CONVERSATION_ERROR,
                                  MADO_CONVERSATION_ERROR_NO_GATEWAY));
  g_assert_cmpint (mado_turn_get_state (spoken), ==, MADO_TURN_FAILED);
  g_assert_cmpstr (mado_turn_get_source_language (spoken), ==, "ko");
  g_assert_cmpstr (mado_turn_get_target_language (spoken), ==, "ja");

  /* A failed recognition has no text to send again: retrying removes it. */
  mado_conversation_retry (conversation, spoken);
  g_assert_cmpuint (g_list_model_get_n_items (mado_conversation_get_turns (conversation)), ==, 1);

  mado_conversation_set_resident_language (conversation, "th");
  g_assert_cmpuint (g_list_model_get_n_items (mado_conversation_get_turns (conversation)), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/madoguchi/conversation/phrase", Fixture, NULL, fixture_set_up, test_phrase_needs_no_network,
              fixture_tear_down);
  g_test_add ("/madoguchi/conversation/typed", Fixture, NULL, fixture_set_up, test_typed_text_both_directions,
              fixture_tear_down);
  g_test_add ("/madoguchi/conversation/retry", Fixture, NULL, fixture_set_up, test_failure_then_retry,
              fixture_tear_down);
  g_test_add ("/madoguchi/conversation/speech", Fixture, NULL, fixture_set_up, test_speech_review_confirm,
              fixture_tear_down);
  g_test_add ("/madoguchi/conversation/clear", Fixture, NULL, fixture_set_up, test_clear_mid_flight,
              fixture_tear_down);
  g_test_add_func ("/madoguchi/conversation/no-gateway", test_without_gateway);

  return g_test_run ();
}

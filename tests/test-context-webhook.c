/* test-context-webhook.c: the context webhook against a libsoup server on 127.0.0.1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-context-webhook.h"
#include "mado-sip-test-utils.h"

#include <json-glib/json-glib.h>
#include <string.h>

#define STEP_TIMEOUT_S 30

typedef struct {
  gboolean  done;
  gboolean  ok;
  GError   *error;
  gint64    finished_at;
} Outcome;

static void
on_posted (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Outcome *outcome = user_data;

  outcome->ok = mado_context_webhook_post_finish (MADO_CONTEXT_WEBHOOK (source), result, &outcome->error);
  outcome->done = TRUE;
  outcome->finished_at = g_get_monotonic_time ();
}

static gboolean
outcome_done (gpointer data)
{
  return ((Outcome *) data)->done;
}

static GPtrArray *
make_turns (guint n_turns)
{
  GPtrArray *turns = g_ptr_array_new_with_free_func ((GDestroyNotify) mado_context_turn_free);

  for (guint i = 1; i <= n_turns; i++)
    {
      g_autofree char *japanese = g_strdup_printf ("発言%u", i);
      g_autofree char *vietnamese = g_strdup_printf ("Lượt %u", i);

      if (i % 2 == 1)
        g_ptr_array_add (turns, mado_context_turn_new ("staff", "ja", japanese, vietnamese));
      else
        g_ptr_array_add (turns, mado_context_turn_new ("resident", "vi", vietnamese, japanese));
    }

  return turns;
}

static void
post (MadoContextWebhook *webhook,
      GPtrArray          *turns,
      GCancellable       *cancellable,
      Outcome            *outcome)
{
  g_autoptr(GTimeZone) tokyo = g_time_zone_new_identifier ("Asia/Tokyo");
  g_autoptr(GDateTime) started_at = g_date_time_new (tokyo, 2026, 11, 24, 10, 15, 0);
  MadoHandoffContext context = {
    .language = "vi",
    .counter_name = "市民課 窓口3",
    .genre = "moving",
    .service_id = "city-contract",
    .service_name = "City contract phone interpreting (fictional)",
    .call_id = "4c1e0b9f2d",
    .started_at = started_at,
    .turns = turns,
  };

  mado_context_webhook_post_async (webhook, &context, cancellable, on_posted, outcome);
}

static JsonObject *
parse_body (MadoTestWebhookServer *server,
            JsonParser            *parser)
{
  GBytes *body = mado_test_webhook_server_get_body (server);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (body);
  json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), (gssize) g_bytes_get_size (body), &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));

  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_body_without_turns (void)
{
  g_autoptr(MadoTestWebhookServer) server = mado_test_webhook_server_new (200);
  g_autofree char *url = mado_test_webhook_server_dup_url (server);
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoContextWebhook) webhook = mado_context_webhook_new (url, 5000, FALSE, &error);
  g_autoptr(GPtrArray) turns = make_turns (3);
  g_autoptr(JsonParser) parser = json_parser_new ();
  Outcome outcome = { 0 };
  JsonObject *body, *service;

  g_assert_no_error (error);
  g_assert_false (mado_context_webhook_get_send_turns (webhook));
  post (webhook, turns, NULL, &outcome);
  g_assert_true (mado_test_wait_until (outcome_done, &outcome, STEP_TIMEOUT_S));
  g_assert_no_error (outcome.error);
  g_assert_true (outcome.ok);

  g_assert_cmpuint (mado_test_webhook_server_get_n_requests (server), ==, 1);
  g_assert_cmpstr (mado_test_webhook_server_get_type (server), ==, "application/json");
  body = parse_body (server, parser);
  g_assert_cmpstr (json_object_get_string_member (body, "language"), ==, "vi");
  g_assert_cmpstr (json_object_get_string_member (body, "language_name"), ==, "Vietnamese");
  g_assert_cmpstr (json_object_get_string_member (body, "counter"), ==, "市民課 窓口3");
  g_assert_cmpstr (json_object_get_string_member (body, "genre"), ==, "moving");
  g_assert_cmpstr (json_object_get_string_member (body, "call_id"), ==, "4c1e0b9f2d");
  g_assert_cmpstr (json_object_get_string_member (body, "started_at"), ==, "2026-11-24T10:15:00+09:00");
  service = json_object_get_object_member (body, "service");
  g_assert_cmpstr (json_object_get_string_member (service, "id"), ==, "city-contract");
  g_assert_cmpstr (json_object_get_string_member (service, "name"), ==, "City contract phone interpreting (fictional)");
  /* Transcripts were not allowed: the member is absent, and no text of the turns is anywhere. */
  g_assert_false (json_object_has_member (body, "turns"));
  g_assert_null (g_strstr_len (g_bytes_get_data (mado_test_webhook_server_get_body (server), NULL),
                               g_bytes_get_size (mado_test_webhook_server_get_body (server)), "Lượt"));
}

static void
test_body_with_turns (void)
{
  g_autoptr(MadoTestWebhookServer) server = mado_test_webhook_server_new (204);
  g_autofree char *url = mado_test_webhook_server_dup_url (server);
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoContextWebhook) webhook = mado_context_webhook_new (url, 5000, TRUE, &error);
  g_autoptr(GPtrArray) turns = make_turns (8);
  g_autoptr(JsonParser) parser = json_parser_new ();
  Outcome outcome = { 0 };
  JsonArray *sent;
  JsonObject *first, *last;

  g_assert_no_error (error);
  post (webhook, turns, NULL, &outcome);
  g_assert_true (mado_test_wait_until (outcome_done, &outcome, STEP_TIMEOUT_S));
  g_assert_no_error (outcome.error);

  /* The last six turns, oldest first. */
  sent = json_object_get_array_member (parse_body (server, parser), "turns");
  g_assert_cmpuint (json_array_get_length (sent), ==, MADO_CONTEXT_WEBHOOK_MAX_TURNS);
  first = json_array_get_object_element (sent, 0);
  last = json_array_get_object_element (sent, 5);
  g_assert_cmpstr (json_object_get_string_member (first, "speaker"), ==, "staff");
  g_assert_cmpstr (json_object_get_string_member (first, "language"), ==, "ja");
  g_assert_cmpstr (json_object_get_string_member (first, "text"), ==, "発言3");
  g_assert_cmpstr (json_object_get_string_member (first, "translation"), ==, "Lượt 3");
  g_assert_cmpstr (json_object_get_string_member (last, "speaker"), ==, "resident");
  g_assert_cmpstr (json_object_get_string_member (last, "text"), ==, "Lượt 8");
}

static void
test_error_status (void)
{
  g_autoptr(MadoTestWebhookServer) server = mado_test_webhook_server_new (503);
  g_autofree char *url = mado_test_webhook_server_dup_url (server);
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoContextWebhook) webhook = mado_context_webhook_new (url, 5000, FALSE, &error);
  Outcome outcome = { 0 };

  post (webhook, NULL, NULL, &outcome);
  g_assert_true (mado_test_wait_until (outcome_done, &outcome, STEP_TIMEOUT_S));
  g_assert_false (outcome.ok);
  g_assert_error (outcome.error, MADO_WEBHOOK_ERROR, MADO_WEBHOOK_ERROR_HTTP_STATUS);
  g_assert_nonnull (strstr (outcome.error->message, "503"));
  g_clear_error (&outcome.error);
}

static void
test_never_answers (void)
{
  g_autoptr(MadoTestWebhookServer) server = mado_test_webhook_server_new (0);
  g_autofree char *url = mado_test_webhook_server_dup_url (server);
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoContextWebhook) webhook = mado_context_webhook_new (url, 300, FALSE, &error);
  Outcome outcome = { 0 };
  gint64 started = g_get_monotonic_time ();

  post (webhook, NULL, NULL, &outcome);
  g_assert_true (mado_test_wait_until (outcome_done, &outcome, STEP_TIMEOUT_S));
  g_assert_false (outcome.ok);
  g_assert_error (outcome.error, MADO_WEBHOOK_ERROR, MADO_WEBHOOK_ERROR_TIMEOUT);
  /* The request did reach the server, and the timeout, not the server, ended it. */
  g_assert_cmpuint (mado_test_webhook_server_get_n_requests (server), ==, 1);
  g_assert_cmpint (outcome.finished_at - started, >=, 300 * 1000);
  g_clear_error (&outcome.error);
}

static void
test_unreachable (void)
{
  guint16 closed_port = mado_test_free_port (G_SOCKET_TYPE_STREAM, 1);
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/context", closed_port);
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoContextWebhook) webhook = mado_context_webhook_new (url, 5000, FALSE, &error);
  Outcome outcome = { 0 };

  post (webhook, NULL, NULL, &outcome);
  g_assert_true (mado_test_wait_until (outcome_done, &outcome, STEP_TIMEOUT_S));
  g_assert_error (outcome.error, MADO_WEBHOOK_ERROR, MADO_WEBHOOK_ERROR_NETWORK);
  g_clear_error (&outcome.error);
}

static void
test_cancelled (void)
{
  g_autoptr(MadoTestWebhookServer) server = mado_test_webhook_server_new (0);
  g_autofree char *url = mado_test_webhook_server_dup_url (server);
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoContextWebhook) webhook = mado_context_webhook_new (url, 20000, FALSE, &error);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Outcome outcome = { 0 };

  post (webhook, NULL, cancellable, &outcome);
  g_cancellable_cancel (cancellable);
  g_assert_true (mado_test_wait_until (outcome_done, &outcome, STEP_TIMEOUT_S));
  g_assert_error (outcome.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&outcome.error);
}

static void
test_addresses (void)
{
  static const struct {
    const char *url;
    int         code;   /* -1: accepted */
  } cases[] = {
    { "https://interpreting.example.invalid/context", -1 },
    { "http://127.0.0.1:8080/context", -1 },
    { "http://localhost/context", -1 },
    { "http://[::1]:8080/context", -1 },
    { "http://interpreting.example.invalid/context", MADO_WEBHOOK_ERROR_INSECURE_URL },
    { "http://192.0.2.10/context", MADO_WEBHOOK_ERROR_INSECURE_URL },
    { "ftp://interpreting.example.invalid/context", MADO_WEBHOOK_ERROR_INVALID_URL },
    { "https:///context", MADO_WEBHOOK_ERROR_INVALID_URL },
    { "interpreting.example.invalid", MADO_WEBHOOK_ERROR_INVALID_URL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MadoContextWebhook) webhook = mado_context_webhook_new (cases[i].url, 1000, FALSE, &error);

      g_test_message ("%s", cases[i].url);
      if (cases[i].code < 0)
        {
          g_assert_no_error (error);
          g_assert_cmpstr (mado_context_webhook_get_url (webhook), ==, cases[i].url);
        }
      else
        {
          g_assert_null (webhook);
          g_assert_error (error, MADO_WEBHOOK_ERROR, cases[i].code);
        }
    }
}

static void
test_from_settings (void)
{
  g_autoptr(MadoSettings) settings = mado_settings_new ();
  GSettings *gsettings = mado_settings_get_gsettings (settings);
  g_autoptr(MadoContextWebhook) webhook = NULL;
  g_autoptr(GError) error = NULL;

  /* Unset: no webhook, and nothing wrong. */
  g_assert_null (mado_context_webhook_new_for_settings (settings, &error));
  g_assert_no_error (error);

  g_settings_set_string (gsettings, "interpreter-webhook-url", "http://interpreting.example.invalid/context");
  g_assert_null (mado_context_webhook_new_for_settings (settings, &error));
  g_assert_error (error, MADO_WEBHOOK_ERROR, MADO_WEBHOOK_ERROR_INSECURE_URL);
  g_clear_error (&error);

  g_settings_set_string (gsettings, "interpreter-webhook-url", "https://interpreting.example.invalid/context");
  webhook = mado_context_webhook_new_for_settings (settings, &error);
  g_assert_no_error (error);
  g_assert_false (mado_context_webhook_get_send_turns (webhook));
  g_clear_object (&webhook);

  g_settings_set_boolean (gsettings, "interpreter-webhook-transcripts", TRUE);
  webhook = mado_context_webhook_new_for_settings (settings, &error);
  g_assert_no_error (error);
  g_assert_true (mado_context_webhook_get_send_turns (webhook));

  g_settings_reset (gsettings, "interpreter-webhook-url");
  g_settings_reset (gsettings, "interpreter-webhook-transcripts");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/madoguchi/context-webhook/body-without-turns", test_body_without_turns);
  g_test_add_func ("/madoguchi/context-webhook/body-with-turns", test_body_with_turns);
  g_test_add_func ("/madoguchi/context-webhook/error-status", test_error_status);
  g_test_add_func ("/madoguchi/context-webhook/never-answers", test_never_answers);
  g_test_add_func ("/madoguchi/context-webhook/unreachable", test_unreachable);
  g_test_add_func ("/madoguchi/context-webhook/cancelled", test_cancelled);
  g_test_add_func ("/madoguchi/context-webhook/addresses", test_addresses);
  g_test_add_func ("/madoguchi/context-webhook/from-settings", test_from_settings);

  return g_test_run ();
}

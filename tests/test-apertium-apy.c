/* test-apertium-apy.c: the apertium-apy test server answers as the adapter tests expect
 *
 * Runs through tests/run-in-netns.sh, in a network namespace of its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <errno.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <sched.h>
#include <signal.h>

#include "mado-apertium-apy.h"
#include "mado-test-utils.h"

typedef struct {
  guint     status;
  JsonNode *json;
} ApyResponse;

static void
apy_response_free (ApyResponse *response)
{
  g_clear_pointer (&response->json, json_node_unref);
  g_free (response);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ApyResponse, apy_response_free)

/* GET @path with the form fields given as name, value, …, NULL, encoded as a client must:
 * the `|` of a language pair is not allowed bare in a URL. */
static ApyResponse *
apy_get (ApertiumApy *apy,
         const char  *path,
         const char  *first_field,
         ...)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 30, "proxy-resolver", NULL, NULL);
  g_autofree char *url = g_strconcat (apertium_apy_get_url (apy), path, NULL);
  g_autofree char *query = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  ApyResponse *response = g_new0 (ApyResponse, 1);
  va_list fields;

  va_start (fields, first_field);
  query = first_field != NULL ? soup_form_encode_valist (first_field, fields) : g_strdup ("");
  va_end (fields);

  message = soup_message_new_from_encoded_form ("GET", url, g_steal_pointer (&query));
  body = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  response->status = soup_message_get_status (message);
  g_assert_cmpstr (soup_message_headers_get_content_type (soup_message_get_response_headers (message), NULL),
                   ==, "application/json");
  json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), &error);
  g_assert_no_error (error);
  response->json = json_parser_steal_root (parser);
  g_assert_nonnull (response->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (response->json));
  return response;
}

static JsonObject *
response_object (ApyResponse *response)
{
  return json_node_get_object (response->json);
}

/* APy's success envelope: {"responseData": …, "responseDetails": null, "responseStatus": 200}. */
static JsonNode *
assert_success (ApyResponse *response)
{
  JsonObject *object = response_object (response);

  g_assert_cmpuint (response->status, ==, SOUP_STATUS_OK);
  g_assert_cmpint (json_object_get_int_member (object, "responseStatus"), ==, 200);
  g_assert_true (json_object_get_null_member (object, "responseDetails"));
  g_assert_true (json_object_has_member (object, "responseData"));
  return json_object_get_member (object, "responseData");
}

static void
test_translates (void)
{
  g_autoptr(ApertiumApy) apy = apertium_apy_start ();
  g_autoptr(ApyResponse) response = apy_get (apy, "/translate", "langpair", "eng|spa", "q", "government", NULL);
  JsonNode *data = assert_success (response);

  g_assert_true (JSON_NODE_HOLDS_OBJECT (data));
  /* apy's own test expects this, capital included. */
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (data), "translatedText"), ==, "Gobierno");
}

static gboolean
pairs_contain (JsonArray  *pairs,
               const char *source,
               const char *target)
{
  for (guint i = 0; i < json_array_get_length (pairs); i++)
    {
      JsonObject *pair = json_array_get_object_element (pairs, i);

      if (g_strcmp0 (json_object_get_string_member (pair, "sourceLanguage"), source) == 0 &&
          g_strcmp0 (json_object_get_string_member (pair, "targetLanguage"), target) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
test_lists_pairs (void)
{
  g_autoptr(ApertiumApy) apy = apertium_apy_start ();
  g_autoptr(ApyResponse) response = apy_get (apy, "/listPairs", NULL);
  JsonNode *data = assert_success (response);

  g_assert_true (JSON_NODE_HOLDS_ARRAY (data));
  g_assert_true (pairs_contain (json_node_get_array (data), "eng", "spa"));
  g_assert_true (pairs_contain (json_node_get_array (data), "spa", "eng"));
  /* Without include_deprecated_codes only the three-letter codes are listed. */
  g_assert_false (pairs_contain (json_node_get_array (data), "en", "es"));
}

static void
test_refuses_uninstalled_pair (void)
{
  g_autoptr(ApertiumApy) apy = apertium_apy_start ();
  g_autoptr(ApyResponse) response = apy_get (apy, "/translate", "langpair", "eng|fra", "q", "government", NULL);
  JsonObject *object = response_object (response);

  /* The error shape of APy's BaseHandler.write_error, which the adapter has to recognise. */
  g_assert_cmpuint (response->status, ==, SOUP_STATUS_BAD_REQUEST);
  g_assert_cmpuint (json_object_get_size (object), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "error");
  g_assert_cmpint (json_object_get_int_member (object, "code"), ==, 400);
  g_assert_cmpstr (json_object_get_string_member (object, "message"), ==, "Bad Request");
  g_assert_cmpstr (json_object_get_string_member (object, "explanation"), ==, "That pair is not installed");
}

static void
test_stop_frees_the_port (void)
{
  ApertiumApy *apy = apertium_apy_start ();
  g_autofree char *url = g_strdup (apertium_apy_get_url (apy));
  g_autoptr(ApyResponse) response = apy_get (apy, "/translate", "langpair", "eng|spa", "q", "government", NULL);
  g_autoptr(SoupSession) session = soup_session_new_with_options ("proxy-resolver", NULL, NULL);
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  /* A translation first, so that a pipeline is running when apy is stopped. */
  assert_success (response);
  apertium_apy_stop (apy);

  /* The adapter tests rely on a stopped apy refusing connections, as an unreachable server would. */
  message = soup_message_new ("GET", url);
  body = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_null (body);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
}

/* An adapter test must learn when apy dies under it, with apy's own account of why. */
static void
test_reports_death (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(ApertiumApy) apy = apertium_apy_start ();
      g_autoptr(GArray) children = mado_test_list_children ();

      g_assert_cmpuint (children->len, ==, 1);
      g_assert_cmpint (kill (g_array_index (children, pid_t, 0), SIGKILL), ==, 0);
      return;
    }

  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  /* Whether GLib has reaped apy before the stop or not, SIGKILL is what ended it. */
  g_test_trap_assert_stderr ("*apertium-apy was killed by signal 9 (Killed)"
                             "*the end of apertium-apy's output follows*Serving on all interfaces*");
}

/* The test itself runs in a private namespace, so the machine's network is stood in for by a
 * new namespace, created in the subprocess only, with an interface other than loopback up. */
static void
enter_namespace_with_interface_up (void)
{
  const char *add[] = { "ip", "link", "add", "mado-apy-up", "type", "veth", "peer", "name", "mado-apy-peer", NULL };
  const char *set_up[] = { "ip", "link", "set", "mado-apy-up", "up", NULL };
  g_autoptr(GError) error = NULL;
  int status;

  if (unshare (CLONE_NEWNET) != 0)
    g_error ("unshare (CLONE_NEWNET): %s", g_strerror (errno));

  g_spawn_sync (NULL, (char **) add, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
  g_spawn_sync (NULL, (char **) set_up, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
}

static void
test_refuses_outside_private_network (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(ApertiumApy) apy = NULL;

      enter_namespace_with_interface_up ();
      /* Returning at all is the failure: the subprocess would then pass. */
      apy = apertium_apy_start ();
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*refusing to start apertium-apy*not inside a private network namespace"
                             "*interfaces up: mado-apy-up*");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/apertium-apy/translates", test_translates);
  g_test_add_func ("/apertium-apy/lists-pairs", test_lists_pairs);
  g_test_add_func ("/apertium-apy/refuses-uninstalled-pair", test_refuses_uninstalled_pair);
  g_test_add_func ("/apertium-apy/stop-frees-the-port", test_stop_frees_the_port);
  g_test_add_func ("/apertium-apy/reports-death", test_reports_death);
  g_test_add_func ("/apertium-apy/refuses-outside-private-network", test_refuses_outside_private_network);

  return g_test_run ();
}

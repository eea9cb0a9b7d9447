/* bench-provider-overhead.c: what the gateway adds to a translation done by an outside provider
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real gateway routes every translation to a LibreTranslate-shaped server on loopback (the
 * wire-format fake of the tests, on a thread of this process). For each call the provider's own
 * time is what the fake measured from having the request to having written its answer; the
 * gateway's time is its Server-Timing figure (gateway_ms). Their difference is what the gateway
 * adds: reading and checking the kiosk's request, building the provider's request, the loopback
 * hop to the provider and back, reading its answer and writing the kiosk's. The time the kiosk
 * waited beyond the provider's own is printed too (the hop between kiosk and gateway included).
 *
 * Calls are made one after another on one kept-alive connection, as one counter does.
 * Target (issue 5): the gateway adds at most 2 ms at the 95th percentile.
 */
#include "mado-fake-provider.h"
#include "mado-gateway-test-utils.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#define TOKEN     "madoguchi-bench-token"
#define WARM_UP   300
#define CALLS     3000
#define TARGET_MS 2.0

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
percentile (GArray *values,
            double  fraction)
{
  guint index = (guint) (fraction * (values->len - 1) + 0.5);

  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, index);
}

static double
member_double (JsonObject *object,
               const char *name)
{
  g_assert_true (json_object_has_member (object, name));
  return json_object_get_double_member (object, name);
}

/* Waits until the gateway has read the fake's languages and routes en → ja to it. */
static void
wait_for_discovery (GatewayProcess *gateway)
{
  for (guint attempt = 0; attempt < 200; attempt++)
    {
      g_autoptr(GatewayResponse) response = gateway_request (gateway, "GET", "/v1/capabilities", TOKEN, NULL, NULL);
      g_autofree char *body = g_strndup (g_bytes_get_data (response->body, NULL), g_bytes_get_size (response->body));

      if (strstr (body, "\"libre\"") != NULL)
        return;
      g_usleep (50 * 1000);
    }
  g_error ("The gateway did not take up the LibreTranslate fake within 10 s");
}

/* One translation on @session; returns the kiosk's wait in ms and fills the gateway's figures. */
static double
translate (SoupSession *session,
           const char  *url,
           guint        number,
           double      *gateway_ms,
           double      *provider_ms)
{
  g_autofree char *json = g_strdup_printf ("{\"text\":\"Where do I hand in form number %u?\","
                                           "\"source\":\"en\",\"target\":\"ja\"}", number);
  g_autoptr(SoupMessage) message = soup_message_new ("POST", url);
  g_autoptr(GBytes) request = g_bytes_new (json, strlen (json));
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *object;
  gint64 start;
  double waited;

  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                "Bearer " TOKEN);
  soup_message_set_request_body_from_bytes (message, "application/json", request);

  start = g_get_monotonic_time ();
  reply = soup_session_send_and_read (session, message, NULL, &error);
  waited = (g_get_monotonic_time () - start) / 1000.0;
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, 200);

  json_parser_load_from_data (parser, g_bytes_get_data (reply, NULL), (gssize) g_bytes_get_size (reply), &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (object, "provider"), ==, "libre");
  *gateway_ms = member_double (object, "gateway_ms");
  *provider_ms = member_double (object, "provider_ms");
  return waited;
}

int
main (void)
{
  g_autoptr(FakeProvider) fake = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *token_file = NULL;
  g_autofree char *config_text = NULL;
  g_autofree char *config = NULL;
  g_autofree char *url = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GArray) added = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) waited_beyond = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) inside = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) provider_own = g_array_new (FALSE, FALSE, sizeof (double));
  double *gateway_ms = g_new (double, CALLS);
  double *provider_ms = g_new (double, CALLS);
  double *waited = g_new (double, CALLS);
  GatewayProcess gateway = { 0 };
  guint seen = 0;
  double p95;

  setlocale (LC_ALL, "");

  fake = fake_provider_start (FAKE_SERVICE_LIBRETRANSLATE);
  dir = g_dir_make_tmp ("madoguchi-bench-provider-XXXXXX", &error);
  g_assert_no_error (error);
  token_file = gateway_test_write_file (dir, "token", TOKEN "\n");
  config_text = g_strdup_printf ("[gateway]\nlisten = 127.0.0.1:0\ntoken-file = %s\n"
                                 "[provider libre]\ntype = libretranslate\nurl = %s\n"
                                 "[route]\ntranslate = libre\nsynthesize =\nrecognize =\n",
                                 token_file, fake_provider_get_url (fake));
  config = gateway_test_write_file (dir, "gateway.conf", config_text);

  gateway_process_start (&gateway, "--config", config, NULL);
  wait_for_discovery (&gateway);

  session = gateway_session_new ();
  url = g_strconcat (gateway.url, "v1/translate", NULL);
  for (guint i = 0; i < WARM_UP; i++)
    {
      double ignored_gateway, ignored_provider;

      translate (session, url, i, &ignored_gateway, &ignored_provider);
    }
  fake_provider_clear_requests (fake);

  for (guint i = 0; i < CALLS; i++)
    waited[i] = translate (session, url, WARM_UP + i, &gateway_ms[i], &provider_ms[i]);

  /* The fake's log holds the measured calls in order, and possibly a rediscovery of the
   * languages among them, which is left out. */
  requests = fake_provider_dup_requests (fake);
  for (guint r = 0; r < requests->len; r++)
    {
      FakeRequest *request = g_ptr_array_index (requests, r);
      guint i;

      if (strcmp (request->path, "/translate") != 0)
        continue;
      i = seen++;
      g_assert_cmpuint (i, <, CALLS);
      g_assert_cmpfloat (request->handling_ms, >=, 0);
      {
        double gateway_added = gateway_ms[i] - request->handling_ms;
        double kiosk_added = waited[i] - request->handling_ms;
        double gateway_inside = gateway_ms[i] - provider_ms[i];

        g_array_append_val (added, gateway_added);
        g_array_append_val (waited_beyond, kiosk_added);
        g_array_append_val (inside, gateway_inside);
        g_array_append_val (provider_own, request->handling_ms);
      }
    }
  g_assert_cmpuint (seen, ==, CALLS);

  p95 = percentile (added, 0.95);
  g_print ("bench: provider-added-latency-p50 %.3f ms\n", percentile (added, 0.50));
  g_print ("bench: provider-added-latency-p95 %.3f ms (target at most %.1f ms: %s)\n", p95, TARGET_MS,
           p95 <= TARGET_MS ? "met" : "NOT met");
  g_print ("bench: provider-added-latency-p99 %.3f ms\n", percentile (added, 0.99));
  g_print ("bench: provider-kiosk-wait-beyond-provider-p95 %.3f ms\n", percentile (waited_beyond, 0.95));
  g_print ("bench: provider-gateway-outside-http-p95 %.3f ms (gateway_ms minus provider_ms)\n",
           percentile (inside, 0.95));
  g_print ("bench: provider-own-time-p50 %.3f ms\n", percentile (provider_own, 0.50));

  g_assert_cmpint (gateway_process_stop (&gateway), ==, 0);
  gateway_test_remove_tree (dir);
  g_free (gateway_ms);
  g_free (provider_ms);
  g_free (waited);
  return 0;
}

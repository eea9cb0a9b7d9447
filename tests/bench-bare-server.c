/* bench-bare-server.c: the benchmark's baseline, a libsoup server that does no work at all
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * It answers every request with the same small JSON, so that measuring it beside the gateway
 * in the same run tells the gateway's own cost from what HTTP on this machine costs anyway.
 */
#include <glib-unix.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <stdio.h>

static const char answer[] =
  "{\"translation\":\"Quý vị đã chuyển đến đây, hay sắp chuyển đi nơi khác?\",\"source\":\"ja\","
  "\"target\":\"vi\",\"provider\":\"phrase-memory\",\"verified\":true,\"score\":1.0}";

static void
on_request (SoupServer        *server,
            SoupServerMessage *message,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC,
                                    answer, sizeof answer - 1);
}

static gboolean
on_stop (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

/* bench-bare-server HOST: listens on a free port of HOST. */
int
main (int   argc,
      char *argv[])
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GError) error = NULL;
  GSList *uris;
  char *url;

  if (argc != 2 || (address = g_inet_socket_address_new_from_string (argv[1], 0)) == NULL)
    g_error ("Usage: bench-bare-server IP-ADDRESS");

  soup_server_add_handler (server, NULL, on_request, NULL, NULL);
  if (!soup_server_listen (server, address, 0, &error))
    g_error ("%s", error->message);

  uris = soup_server_get_uris (server);
  url = g_uri_to_string (uris->data);
  printf ("listening on %s\n", url);
  fflush (stdout);
  g_free (url);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_unix_signal_add (SIGTERM, on_stop, loop);
  g_main_loop_run (loop);
  return 0;
}

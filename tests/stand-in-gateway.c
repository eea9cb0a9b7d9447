/* stand-in-gateway.c: a program with madoguchi-gateway's command line that misbehaves on request
 *
 * The launcher's failure paths (a gateway that exits, hangs, says the wrong thing, ignores
 * SIGTERM or crashes later) cannot be had from the real gateway on demand, so this stands in
 * for it. $MADO_STAND_IN_MODE picks the behaviour; $MADO_STAND_IN_PID_FILE, when set, receives
 * its process ID (and the ID of the child it starts in "with-child" mode) so the test can check
 * that nothing outlives a stop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <libsoup/soup.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *token;
static char *database;

static void
on_request (SoupServer        *server,
            SoupServerMessage *message,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  const char *authorization = soup_message_headers_get_one (soup_server_message_get_request_headers (message),
                                                             "Authorization");
  g_autofree char *expected = g_strconcat ("Bearer ", token, NULL);
  g_autofree char *body = NULL;

  if (g_str_equal (path, "/v1/health"))
    body = g_strdup ("{\"status\": \"ok\", \"version\": \"stand-in\"}");
  else if (g_strcmp0 (authorization, expected) != 0)
    {
      const char *refusal = "{\"error\": {\"code\": \"unauthorized\", \"message\": \"Wrong token.\"}}";

      soup_server_message_set_status (message, 401, NULL);
      soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY, refusal, strlen (refusal));
      return;
    }
  else
    /* The database the launcher passed comes back as the only translation language, so the
     * test can see the argument arrived. */
    body = g_strdup_printf ("{\"api_version\": 1, \"recognize\": [], \"synthesize\": [],"
                            " \"translate\": [{\"source\": \"ja\", \"target\": \"%s\", \"providers\": []}]}",
                            database);

  soup_server_message_set_status (message, 200, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
}

static gboolean
crash_cb (gpointer user_data)
{
  abort ();
}

static void
write_pids (const char *path,
            GPid        child)
{
  g_autofree char *text = child > 0 ? g_strdup_printf ("%d %d\n", (int) getpid (), (int) child)
                                    : g_strdup_printf ("%d\n", (int) getpid ());

  if (path != NULL && !g_file_set_contents (path, text, -1, NULL))
    exit (4);
}

int
main (int   argc,
      char *argv[])
{
  const char *mode = g_getenv ("MADO_STAND_IN_MODE");
  const char *token_variable = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GSList) uris = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;
  GPid child = 0;

  if (mode == NULL)
    mode = "serve";

  for (int i = 1; i + 1 < argc; i += 2)
    {
      if (g_str_equal (argv[i], "--listen") && !g_str_equal (argv[i + 1], "127.0.0.1:0"))
        return 2;
      else if (g_str_equal (argv[i], "--token-env"))
        token_variable = argv[i + 1];
      else if (g_str_equal (argv[i], "--database"))
        database = argv[i + 1];
    }
  if (token_variable == NULL || database == NULL || g_getenv (token_variable) == NULL)
    return 2;
  token = g_strdup (g_getenv (token_variable));

  if (g_str_equal (mode, "with-child"))
    {
      const char *sleeper[] = { "sleep", "600", NULL };

      if (!g_spawn_async (NULL, (char **) sleeper, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD,
                          NULL, NULL, &child, NULL))
        return 5;
    }
  write_pids (g_getenv ("MADO_STAND_IN_PID_FILE"), child);

  if (g_str_equal (mode, "exit"))
    {
      fprintf (stderr, "Loading phrase memory\n");
      fprintf (stderr, "Cannot open the phrase database %s\n", database);
      return 3;
    }
  if (g_str_equal (mode, "silent"))
    {
      pause ();
      return 0;
    }
  if (g_str_equal (mode, "garbage"))
    {
      printf ("Madoguchi gateway 0.1 starting\n");
      fflush (stdout);
      pause ();
      return 0;
    }
  if (g_str_equal (mode, "ignore-term"))
    signal (SIGTERM, SIG_IGN);

  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, on_request, NULL, NULL);
  if (!soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  uris = soup_server_get_uris (server);
  url = g_uri_to_string (uris->data);
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
  printf ("listening on %s\n", url);
  fflush (stdout);

  if (g_str_equal (mode, "crash"))
    g_timeout_add (300, crash_cb, NULL);

  g_main_loop_run (loop);

  return 0;
}

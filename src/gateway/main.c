/* main.c: madoguchi-gateway, the Madoguchi Speech API server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib-unix.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

#include "mado-gateway.h"

static char *config_file = NULL;
static char *listen_address = NULL;
static char *database = NULL;
static char *token_env = NULL;
static gboolean show_version = FALSE;

static const GOptionEntry entries[] = {
  { "config", 'c', 0, G_OPTION_ARG_FILENAME, &config_file,
    "The configuration file (docs/gateway.md); without one the defaults serve", "FILE" },
  { "listen", 'l', 0, G_OPTION_ARG_STRING, &listen_address,
    "The address to listen on (default 127.0.0.1:8470; port 0 picks a free port)", "HOST:PORT" },
  { "database", 'd', 0, G_OPTION_ARG_FILENAME, &database,
    "The phrase database to read (the kiosk app's own)", "PATH" },
  { "token-env", 't', 0, G_OPTION_ARG_STRING, &token_env,
    "The environment variable that holds the bearer token", "VAR" },
  { "version", 0, 0, G_OPTION_ARG_NONE, &show_version, "Print the version and exit", NULL },
  G_OPTION_ENTRY_NULL
};

/* Standard output carries one line, "listening on URL", which the kiosk app reads to learn the
 * port of the gateway it started; so every log message goes to standard error, debug ones
 * included (GLib's default writer would send those to standard output). */
static GLogWriterOutput
write_log (GLogLevelFlags   level,
           const GLogField *fields,
           gsize            n_fields,
           gpointer         user_data)
{
  g_autofree char *line = NULL;
  const char *domain = NULL;

  for (gsize i = 0; i < n_fields; i++)
    if (g_strcmp0 (fields[i].key, "GLIB_DOMAIN") == 0)
      domain = fields[i].value;

  if (g_log_writer_default_would_drop (level, domain))
    return G_LOG_WRITER_HANDLED;

  line = g_log_writer_format_fields (level, fields, n_fields, g_log_writer_supports_color (fileno (stderr)));
  fprintf (stderr, "%s\n", line);
  fflush (stderr);
  return G_LOG_WRITER_HANDLED;
}

static gboolean
on_stop_signal (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static int
fail (const char *message)
{
  fprintf (stderr, "madoguchi-gateway: %s\n", message);
  return EXIT_FAILURE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(MadoGatewayConfig) config = NULL;
  g_autoptr(MadoGateway) gateway = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  setlocale (LC_ALL, "");
  g_log_set_writer_func (write_log, NULL, NULL);

  /* A client that hangs up while Open JTalk's pipe is being written must not kill the gateway. */
  signal (SIGPIPE, SIG_IGN);

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, "Serves the Madoguchi Speech API (docs/api.md): "
                                "translation by registered phrases, speech synthesis and recognition.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fail (error->message);

  if (show_version)
    {
      printf ("madoguchi-gateway %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  config = mado_gateway_config_new ();
  if ((config_file != NULL && !mado_gateway_config_load_file (config, config_file, &error)) ||
      (listen_address != NULL && !mado_gateway_config_set_listen (config, listen_address, &error)))
    return fail (error->message);
  if (database != NULL)
    mado_gateway_config_set_database (config, database);
  if (token_env != NULL)
    mado_gateway_config_set_token_env (config, token_env);
  if (!mado_gateway_config_resolve (config, &error))
    return fail (error->message);

  gateway = mado_gateway_new (config, &error);
  if (gateway == NULL || !mado_gateway_listen (gateway, &error))
    return fail (error->message);

  /* Before the line that tells the parent the gateway is up: a parent may stop it as soon as it
   * has read that line, and the signal must then end the loop, not the process. */
  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, on_stop_signal, loop);
  g_unix_signal_add (SIGINT, on_stop_signal, loop);

  url = mado_gateway_dup_url (gateway);
  printf ("listening on %s\n", url);
  fflush (stdout);

  g_main_loop_run (loop);

  mado_gateway_stop (gateway);
  g_clear_object (&gateway);

  g_free (config_file);
  g_free (listen_address);
  g_free (database);
  g_free (token_env);
  return EXIT_SUCCESS;
}

/* mado-sip-test-utils.c: folders, waiting, free ports, child processes and sipp for the call tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-sip-test-utils.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <unistd.h>

/* Folders and waiting */

char *
mado_test_make_folder (const char *prefix)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_strconcat (prefix, "-XXXXXX", NULL);
  char *folder = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);
  return folder;
}

void
mado_test_remove_folder (const char *folder)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (folder == NULL)
    return;

  dir = g_dir_open (folder, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        mado_test_remove_folder (path);
      else
        g_unlink (path);
    }
  g_rmdir (folder);
}

static gboolean
on_wait_timeout (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
on_wait_poll (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

gboolean
mado_test_wait_until (gboolean (*condition) (gpointer data),
                      gpointer   data,
                      guint      timeout_s)
{
  gboolean timed_out = FALSE;
  guint timeout_id = g_timeout_add_seconds (timeout_s, on_wait_timeout, &timed_out);
  /* Some conditions (a process reaped, a file grown) come with no event on this main context,
   * so it is woken now and then to look again. */
  guint poll_id = g_timeout_add (20, on_wait_poll, NULL);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (poll_id);
  if (!timed_out)
    g_source_remove (timeout_id);

  return condition (data);
}

gboolean
mado_test_process_gone (GPid pid)
{
  /* A zombie still answers kill(pid, 0); only a reaped process is gone. */
  return pid > 0 && kill (pid, 0) == -1 && errno == ESRCH;
}

GPid
mado_test_find_child (const char *name)
{
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *entry;

  while (proc != NULL && (entry = g_dir_read_name (proc)) != NULL)
    {
      g_autofree char *stat_path = g_build_filename ("/proc", entry, "stat", NULL);
      g_autofree char *stat = NULL;
      const char *close_paren;
      char state;
      int parent;

      if (!g_ascii_isdigit (entry[0]) || !g_file_get_contents (stat_path, &stat, NULL, NULL))
        continue;

      /* "PID (COMMAND) STATE PPID …"; the command may hold spaces, so it is found by its brackets. */
      close_paren = strrchr (stat, ')');
      if (close_paren == NULL || sscanf (close_paren + 1, " %c %d", &state, &parent) != 2)
        continue;

      if (parent == (int) getpid () && state != 'Z' &&
          strncmp (strchr (stat, '(') + 1, name, close_paren - strchr (stat, '(') - 1) == 0 &&
          strlen (name) == (gsize) (close_paren - strchr (stat, '(') - 1))
        return (GPid) g_ascii_strtoll (entry, NULL, 10);
    }

  return 0;
}

static gboolean
port_is_free (GSocketType type,
              guint16     port)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, type,
                                            type == G_SOCKET_TYPE_STREAM ? G_SOCKET_PROTOCOL_TCP
                                                                         : G_SOCKET_PROTOCOL_UDP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, port);

  return socket != NULL && g_socket_bind (socket, address, FALSE, NULL);
}

guint16
mado_test_free_port (GSocketType type,
                     guint       span)
{
  for (guint tries = 0; tries < 1000; tries++)
    {
      /* Far from the kernel's ephemeral range, so baresip's and libsoup's own ports do not collide. */
      guint16 first = (guint16) (g_random_int_range (12000, 30000) & ~1);
      gboolean free = TRUE;

      for (guint i = 0; i < MAX (span, 1) && free; i++)
        free = port_is_free (type, first + i);

      if (free)
        return first;
    }

  g_error ("No free port found on 127.0.0.1");
}

static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

/* sipp */

struct _MadoTestSipp
{
  GSubprocess  *process;
  GCancellable *cancellable;
  char         *message_file;
  guint16       port;
  gboolean      exited;
  int           status;
};

static void
on_sipp_exited (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  MadoTestSipp *sipp;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  sipp = user_data;
  sipp->exited = TRUE;
  sipp->status = g_subprocess_get_if_exited (sipp->process) ? g_subprocess_get_exit_status (sipp->process)
                                                            : 128 + g_subprocess_get_term_sig (sipp->process);
}

static gboolean
sipp_listens_or_exited (gpointer data)
{
  MadoTestSipp *sipp = data;

  return sipp->exited || !port_is_free (G_SOCKET_TYPE_DATAGRAM, sipp->port);
}

static char *
scenario_path (const char *scenario)
{
  if (strchr (scenario, '/') != NULL)
    return g_strdup (scenario);

  return g_build_filename (g_getenv ("MADOGUCHI_SIP_SCENARIOS"), scenario, NULL);
}

/* One try at starting sipp; FALSE when it exited at once (its port was taken after all). */
static gboolean
try_start (MadoTestSipp *sipp,
           const char   *folder,
           const char   *scenario,
           gboolean      rtp_echo,
           GPtrArray    *keys)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *error_file = NULL;
  guint16 media_port = 0;

  sipp->port = mado_test_free_port (G_SOCKET_TYPE_DATAGRAM, 1);
  sipp->exited = FALSE;
  g_clear_object (&sipp->cancellable);
  sipp->cancellable = g_cancellable_new ();
  g_free (sipp->message_file);
  sipp->message_file = g_strdup_printf ("%s/sipp-%u-messages.log", folder, sipp->port);
  error_file = g_strdup_printf ("%s/sipp-%u-errors.log", folder, sipp->port);

  g_ptr_array_add (argv, g_strdup ("sipp"));
  g_ptr_array_add (argv, g_strdup ("-sf"));
  g_ptr_array_add (argv, scenario_path (scenario));
  g_ptr_array_add (argv, g_strdup ("-i"));
  g_ptr_array_add (argv, g_strdup ("127.0.0.1"));
  g_ptr_array_add (argv, g_strdup ("-p"));
  g_ptr_array_add (argv, g_strdup_printf ("%u", sipp->port));
  g_ptr_array_add (argv, g_strdup ("-m"));
  g_ptr_array_add (argv, g_strdup ("1"));
  g_ptr_array_add (argv, g_strdup ("-nostdin"));
  g_ptr_array_add (argv, g_strdup ("-trace_msg"));
  g_ptr_array_add (argv, g_strdup ("-message_file"));
  g_ptr_array_add (argv, g_strdup (sipp->message_file));
  g_ptr_array_add (argv, g_strdup ("-trace_err"));
  g_ptr_array_add (argv, g_strdup ("-error_file"));
  g_ptr_array_add (argv, g_strdup (error_file));
  /* A scenario stuck waiting for a message ends on its own, failed. */
  g_ptr_array_add (argv, g_strdup ("-timeout"));
  g_ptr_array_add (argv, g_strdup ("60s"));
  g_ptr_array_add (argv, g_strdup ("-timeout_error"));
  g_ptr_array_add (argv, g_strdup ("-mi"));
  g_ptr_array_add (argv, g_strdup ("127.0.0.1"));
  if (rtp_echo)
    {
      /* sipp echoes audio on this port and video two above it. */
      media_port = mado_test_free_port (G_SOCKET_TYPE_DATAGRAM, 4);
      g_ptr_array_add (argv, g_strdup ("-mp"));
      g_ptr_array_add (argv, g_strdup_printf ("%u", media_port));
      g_ptr_array_add (argv, g_strdup ("-rtp_echo"));
      g_ptr_array_add (argv, g_strdup ("-key"));
      g_ptr_array_add (argv, g_strdup ("rtpport"));
      g_ptr_array_add (argv, g_strdup_printf ("%u", media_port));
    }
  for (guint i = 0; i + 1 < keys->len; i += 2)
    {
      g_ptr_array_add (argv, g_strdup ("-key"));
      g_ptr_array_add (argv, g_strdup (g_ptr_array_index (keys, i)));
      g_ptr_array_add (argv, g_strdup (g_ptr_array_index (keys, i + 1)));
    }
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_set_cwd (launcher, folder);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  g_clear_object (&sipp->process);
  sipp->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  g_subprocess_wait_async (sipp->process, sipp->cancellable, on_sipp_exited, sipp);
  g_assert_true (mado_test_wait_until (sipp_listens_or_exited, sipp, 10));

  return !sipp->exited;
}

MadoTestSipp *
mado_test_sipp_start (const char *folder,
                      const char *scenario,
                      gboolean    rtp_echo,
                      ...)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  MadoTestSipp *sipp;
  va_list arguments;

  g_assert_nonnull (g_getenv ("MADOGUCHI_SIP_SCENARIOS"));

  va_start (arguments, rtp_echo);
  for (const char *argument = va_arg (arguments, const char *); argument != NULL;
       argument = va_arg (arguments, const char *))
    g_ptr_array_add (keys, (gpointer) argument);
  va_end (arguments);

  sipp = g_new0 (MadoTestSipp, 1);

  /* Other tests running at the same time, and baresip's RTP ports, may take a port between the
   * moment it was found free and the moment sipp binds it. */
  for (guint attempt = 0; attempt < 5; attempt++)
    if (try_start (sipp, folder, scenario, rtp_echo, keys))
      return sipp;

  g_error ("sipp did not start with %s (see %s)", scenario, folder);
}

guint16
mado_test_sipp_get_port (MadoTestSipp *sipp)
{
  return sipp->port;
}

char *
mado_test_reject_scenario (const char *folder,
                           const char *status_line)
{
  g_autofree char *template_path = scenario_path ("reject.xml.in");
  g_autofree char *template = NULL;
  g_autofree char *name = g_strdup_printf ("reject-%.3s.xml", status_line);
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autoptr(GString) text = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (template_path, &template, NULL, &error);
  g_assert_no_error (error);

  text = g_string_new (template);
  g_string_replace (text, "@STATUS@", status_line, 0);
  g_file_set_contents (path, text->str, -1, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&path);
}

static gboolean
sipp_exited (gpointer data)
{
  return ((MadoTestSipp *) data)->exited;
}

int
mado_test_sipp_wait (MadoTestSipp *sipp,
                     guint         timeout_s)
{
  if (!mado_test_wait_until (sipp_exited, sipp, timeout_s))
    return -1;

  return sipp->status;
}

char *
mado_test_sipp_dup_messages (MadoTestSipp *sipp)
{
  char *text = NULL;

  if (!g_file_get_contents (sipp->message_file, &text, NULL, NULL))
    return g_strdup ("");

  return text;
}

void
mado_test_sipp_free (MadoTestSipp *sipp)
{
  if (sipp == NULL)
    return;

  g_cancellable_cancel (sipp->cancellable);
  if (!sipp->exited)
    {
      g_subprocess_force_exit (sipp->process);
      g_subprocess_wait (sipp->process, NULL, NULL);
    }

  g_object_unref (sipp->process);
  g_object_unref (sipp->cancellable);
  g_free (sipp->message_file);
  g_free (sipp);
}

/* mado-baresip-leg.c: one call placed by a baresip helper process of its own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One helper per call keeps calls apart: nothing a crashed or stuck helper did can leak into the
 * next service of a fallback chain, and the configuration (with a trunk password, perhaps) lives
 * on disk only for the moment baresip takes to read it.
 *
 * The helper's life:  spawn → "baresip is ready." on its output → connect to ctrl_tcp → remove
 * the configuration folder → "dial" → events → "quit" once the call is over → exit (or SIGKILL
 * after QUIT_TIMEOUT_S). Everything is asynchronous on the main context that started the leg.
 */
#include "mado-baresip-leg.h"

#include "mado-baresip-leg-private.h"
#include "mado-sip-uri.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#define READY_LINE "baresip is ready."
/* baresip comes up in well under a second; a loaded kiosk or CI machine gets ample margin. */
#define STARTUP_TIMEOUT_S 10
#define QUIT_TIMEOUT_S 3

G_DEFINE_FINAL_TYPE (MadoBaresipLeg, mado_baresip_leg, MADO_TYPE_CALL_LEG)

gboolean
mado_baresip_leg_is_final (MadoBaresipLeg *self)
{
  return mado_call_state_is_final (mado_call_leg_get_state (MADO_CALL_LEG (self)));
}

void
mado_baresip_leg_remove_config_folder (MadoBaresipLeg *self)
{
  static const char *const files[] = { "config", "accounts" };

  if (self->config_folder == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (self->config_folder, files[i], NULL);

      g_unlink (path);
    }

  if (g_rmdir (self->config_folder) != 0)
    g_warning ("Could not remove the SIP helper's configuration folder %s: %s", self->config_folder,
               g_strerror (errno));

  g_clear_pointer (&self->config_folder, g_free);
}

/* The leg became final: let the helper go. */
static void
on_state_changed (MadoBaresipLeg *self)
{
  if (mado_baresip_leg_is_final (self))
    mado_baresip_leg_ask_to_quit (self);
}

/* Helper output */

static char *
strip_terminal_escapes (const char *line)
{
  g_autoptr(GString) plain = g_string_new (NULL);

  for (const char *p = line; *p != '\0'; p++)
    {
      if (*p == '\033' && p[1] == '[')
        {
          p += 2;
          while (*p != '\0' && !g_ascii_isalpha (*p))
            p++;
          if (*p == '\0')
            break;
          continue;
        }
      g_string_append_c (plain, *p);
    }

  return g_strstrip (g_string_free (g_steal_pointer (&plain), FALSE));
}

static void
handle_log_line (MadoBaresipLeg *self,
                 const char     *raw_line)
{
  g_autofree char *line = strip_terminal_escapes (raw_line);
  g_autofree char *audio_failure = NULL;

  if (*line == '\0')
    return;

  g_debug ("baresip: %s", line);
  g_free (self->last_log_line);
  self->last_log_line = g_strdup (line);

  if (self->audio_failure == NULL && mado_baresip_audio_device_failure (line, &audio_failure))
    self->audio_failure = g_steal_pointer (&audio_failure);

  if (strcmp (line, READY_LINE) == 0 && self->control == NULL && !mado_baresip_leg_is_final (self))
    mado_baresip_leg_connect_control (self);
}

static void
read_next_line (MadoBaresipLeg *self);

static void
on_line (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *line = g_data_input_stream_read_line_finish (G_DATA_INPUT_STREAM (source), result,
                                                                NULL, &error);
  g_autofree char *text = NULL;
  MadoBaresipLeg *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = MADO_BARESIP_LEG (user_data);

  if (line == NULL)
    {
      /* End of output: the helper is exiting, and the exit watch reports what happens next. */
      if (error != NULL)
        g_debug ("Stopped reading the SIP helper's output: %s", error->message);
      mado_baresip_leg_apply_close (self);
      return;
    }

  /* The output must be read to its end whatever it holds, or a full pipe would stall the helper. */
  text = g_utf8_make_valid (line, -1);
  handle_log_line (self, text);
  read_next_line (self);
}

static void
read_next_line (MadoBaresipLeg *self)
{
  g_data_input_stream_read_line_async (self->output, G_PRIORITY_DEFAULT, self->cancellable, on_line, self);
}

/* Process exit */

static char *
describe_exit (GSubprocess *process)
{
  if (g_subprocess_get_if_signaled (process))
    return g_strdup_printf ("the SIP helper (baresip) was killed by signal %d (%s)",
                            g_subprocess_get_term_sig (process),
                            g_strsignal (g_subprocess_get_term_sig (process)));

  return g_strdup_printf ("the SIP helper (baresip) stopped with exit status %d",
                          g_subprocess_get_exit_status (process));
}

static void
on_process_exited (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  MadoBaresipLeg *self;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = MADO_BARESIP_LEG (user_data);
  g_clear_handle_id (&self->startup_timeout_id, g_source_remove);
  g_clear_handle_id (&self->quit_timeout_id, g_source_remove);
  g_clear_handle_id (&self->dtmf_timeout_id, g_source_remove);
  mado_baresip_leg_remove_config_folder (self);

  if (self->closing)
    {
      /* The call had closed; the end of the output or the grace period reports how. */
    }
  else if (!mado_baresip_leg_is_final (self) && self->hang_up_requested)
    {
      /* It went down as it was hanging up; for the clerk the call simply ended. */
      mado_call_leg_end (MADO_CALL_LEG (self), FALSE);
    }
  else if (!mado_baresip_leg_is_final (self))
    {
      g_autofree char *how = describe_exit (G_SUBPROCESS (source));
      g_autofree char *detail = NULL;

      /* Before the control connection is up, the helper's last words usually say why it could
       * not start ("network init failed", "could not load module"). */
      if (self->control == NULL && self->last_log_line != NULL)
        detail = g_strdup_printf ("%s; its last message was “%s”", how, self->last_log_line);
      else
        detail = g_steal_pointer (&how);

      mado_call_leg_fail (MADO_CALL_LEG (self), MADO_CALL_FAILURE_HELPER_DIED, detail);
    }

  if (self->control != NULL)
    mado_baresip_control_close (self->control);

  if (self->quitting)
    {
      self->quitting = FALSE;
      g_object_unref (self);
    }
}

static gboolean
on_quit_timeout (gpointer user_data)
{
  MadoBaresipLeg *self = MADO_BARESIP_LEG (user_data);

  self->quit_timeout_id = 0;
  g_debug ("The SIP helper did not quit within %d s; killing it", QUIT_TIMEOUT_S);
  g_subprocess_force_exit (self->process);

  return G_SOURCE_REMOVE;
}

static void
on_quit_sent (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *reply = mado_baresip_control_command_finish (MADO_BARESIP_CONTROL (source), result, &error);

  /* The helper closes the connection as it quits, so an error here is the normal case too; the
   * exit watch and its timeout take it from here. */
  if (reply == NULL)
    g_debug ("quit: %s", error->message);
}

void
mado_baresip_leg_ask_to_quit (MadoBaresipLeg *self)
{
  if (self->quitting || g_subprocess_get_identifier (self->process) == NULL)
    return;

  g_clear_handle_id (&self->startup_timeout_id, g_source_remove);
  g_clear_handle_id (&self->dtmf_timeout_id, g_source_remove);

  /* Until the helper has exited, the leg keeps itself alive, so that an owner dropping a finished
   * call does not cut the helper off in the middle of sending its BYE. */
  self->quitting = TRUE;
  g_object_ref (self);

  if (self->control != NULL)
    mado_baresip_control_command_async (self->control, "quit", NULL, NULL, on_quit_sent, NULL);
  else
    g_subprocess_send_signal (self->process, SIGTERM);

  self->quit_timeout_id = g_timeout_add_seconds (QUIT_TIMEOUT_S, on_quit_timeout, self);
}

static gboolean
on_startup_timeout (gpointer user_data)
{
  MadoBaresipLeg *self = MADO_BARESIP_LEG (user_data);
  g_autofree char *detail = g_strdup_printf ("the SIP helper (baresip) did not start within %d seconds",
                                             STARTUP_TIMEOUT_S);

  self->startup_timeout_id = 0;
  mado_call_leg_fail (MADO_CALL_LEG (self), MADO_CALL_FAILURE_HELPER_DIED, detail);
  g_subprocess_force_exit (self->process);

  return G_SOURCE_REMOVE;
}

/* Object */

static void
mado_baresip_leg_dispose (GObject *object)
{
  MadoBaresipLeg *self = MADO_BARESIP_LEG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->startup_timeout_id, g_source_remove);
  g_clear_handle_id (&self->quit_timeout_id, g_source_remove);
  g_clear_handle_id (&self->dtmf_timeout_id, g_source_remove);
  g_clear_handle_id (&self->close_grace_id, g_source_remove);

  if (self->control != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->control, self);
      mado_baresip_control_close (self->control);
      g_clear_object (&self->control);
    }

  /* Only a call still going on reaches here with the helper alive (a finished one keeps itself
   * until the helper exits). GLib's child watch reaps the killed process. */
  if (self->process != NULL && g_subprocess_get_identifier (self->process) != NULL)
    g_subprocess_force_exit (self->process);

  mado_baresip_leg_remove_config_folder (self);
  g_clear_object (&self->output);
  g_clear_object (&self->process);
  g_queue_clear_full (&self->dtmf_requests, g_free);

  G_OBJECT_CLASS (mado_baresip_leg_parent_class)->dispose (object);
}

static void
mado_baresip_leg_finalize (GObject *object)
{
  MadoBaresipLeg *self = MADO_BARESIP_LEG (object);

  g_clear_object (&self->cancellable);
  g_free (self->dial_target);
  g_free (self->audio_failure);
  g_free (self->last_log_line);
  g_free (self->close_detail);

  G_OBJECT_CLASS (mado_baresip_leg_parent_class)->finalize (object);
}

static void
mado_baresip_leg_class_init (MadoBaresipLegClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  MadoCallLegClass *leg_class = MADO_CALL_LEG_CLASS (klass);

  object_class->dispose = mado_baresip_leg_dispose;
  object_class->finalize = mado_baresip_leg_finalize;

  leg_class->hang_up = mado_baresip_leg_hang_up;
  leg_class->send_dtmf = mado_baresip_leg_send_dtmf;
}

static void
mado_baresip_leg_init (MadoBaresipLeg *self)
{
  self->cancellable = g_cancellable_new ();
  g_queue_init (&self->dtmf_requests);
  g_signal_connect (self, "notify::state", G_CALLBACK (on_state_changed), NULL);
}

/* A port that was free a moment ago. Another program could take it before baresip binds it; the
 * helper then fails to start and the call fails with a helper error rather than anything worse,
 * since the control connection is on 127.0.0.1 only. */
static guint16
find_free_port (GError **error)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, error);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any_port = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  if (socket == NULL || !g_socket_bind (socket, any_port, FALSE, error))
    return 0;

  bound = g_socket_get_local_address (socket, error);
  if (bound == NULL)
    return 0;

  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static void
die_with_parent (gpointer user_data)
{
  /* Runs in the child between fork and exec: if Madoguchi dies, so does its helper. */
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

MadoBaresipLeg *
mado_baresip_leg_start (const char               *program,
                        const MadoBaresipOptions *options,
                        const MadoDialRequest    *request,
                        GError                  **error)
{
  g_autoptr(MadoBaresipLeg) self = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *program_path = NULL;
  g_autofree char *module_folder = NULL;
  MadoBaresipOptions located;
  GInputStream *stdout_pipe;

  g_return_val_if_fail (program != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (request != NULL && request->uri != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!mado_sip_uri_check (request->uri, error))
    return NULL;

  program_path = g_find_program_in_path (program);
  if (program_path == NULL)
    {
      g_set_error (error, MADO_CALL_ERROR, MADO_CALL_ERROR_HELPER_MISSING,
                   "The SIP helper “%s” is not installed (Debian package baresip-core)", program);
      return NULL;
    }

  module_folder = mado_baresip_find_modules (program_path, error);
  if (module_folder == NULL)
    return NULL;
  located = *options;
  located.module_folder = module_folder;

  self = g_object_new (MADO_TYPE_BARESIP_LEG, "uri", request->uri, NULL);
  self->dial_target = mado_sip_uri_with_language (request->uri, request->language);

  self->control_port = find_free_port (error);
  if (self->control_port == 0)
    return NULL;

  self->config_folder = g_dir_make_tmp ("madoguchi-baresip-XXXXXX", error);
  if (self->config_folder == NULL)
    return NULL;

  if (!mado_baresip_write_config (self->config_folder, &located, request, self->control_port, error))
    return NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  /* The failure texts baresip prints are strerror() texts, read as English. */
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C", TRUE);

  self->process = g_subprocess_launcher_spawn (launcher, &local_error, program_path, "-f", self->config_folder, NULL);
  if (self->process == NULL)
    {
      g_set_error (error, MADO_CALL_ERROR, MADO_CALL_ERROR_HELPER_MISSING,
                   "The SIP helper “%s” could not be started: %s", program_path, local_error->message);
      return NULL;
    }

  stdout_pipe = g_subprocess_get_stdout_pipe (self->process);
  self->output = g_data_input_stream_new (stdout_pipe);
  /* baresip ends some lines with "\r" alone. */
  g_data_input_stream_set_newline_type (self->output, G_DATA_STREAM_NEWLINE_TYPE_ANY);

  g_subprocess_wait_async (self->process, self->cancellable, on_process_exited, self);
  read_next_line (self);
  self->startup_timeout_id = g_timeout_add_seconds (STARTUP_TIMEOUT_S, on_startup_timeout, self);

  mado_call_leg_set_progress (MADO_CALL_LEG (self), MADO_CALL_STATE_DIALLING);

  return g_steal_pointer (&self);
}

GPid
mado_baresip_leg_get_pid (MadoBaresipLeg *self)
{
  const char *identifier;

  g_return_val_if_fail (MADO_IS_BARESIP_LEG (self), 0);

  if (self->process == NULL)
    return 0;

  identifier = g_subprocess_get_identifier (self->process);
  return identifier != NULL ? (GPid) g_ascii_strtoll (identifier, NULL, 10) : 0;
}

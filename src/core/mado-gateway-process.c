/* mado-gateway-process.c: the local madoguchi-gateway the app starts on loopback and watches
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-gateway-process.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <unistd.h>

G_DEFINE_QUARK (mado-gateway-process-error-quark, mado_gateway_process_error)

/* The last lines the gateway wrote to stderr are kept for the message when it fails to start. */
#define LAST_WORDS 3
/* After the process ended, its stderr may still hold its last words in the pipe; a child it
 * left behind could keep the pipe open, so this is how long they are waited for. */
#define LAST_WORDS_WAIT_MS 200
#define ANNOUNCEMENT "listening on "

struct _MadoGatewayProcess
{
  GObject           parent_instance;

  char             *program;
  char             *database;
  GHashTable       *child_environment;   /* extra variables for the gateway, name → value */
  guint             start_timeout;
  guint             stop_grace;

  /* One run of the program; `run` tells a late callback of an earlier run from the current. */
  guint             run;
  GSubprocess      *subprocess;
  GPid              pid;
  char             *token;
  char             *base_url;
  gboolean          running;
  gboolean          stopping;
  gboolean          exit_seen;
  gboolean          stderr_closed;
  char             *exit_description;
  GQueue            last_words;
  GCancellable     *io_cancellable;
  GDataInputStream *stdout_lines;
  GDataInputStream *stderr_lines;
  GTask            *start_task;
  GSource          *start_timer;
  GSource          *start_cancel;
  GSource          *kill_timer;
  GSource          *last_words_timer;
  GPtrArray        *stop_tasks;
};

G_DEFINE_FINAL_TYPE (MadoGatewayProcess, mado_gateway_process, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROGRAM,
  PROP_DATABASE,
  PROP_RUNNING,
  PROP_BASE_URL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_EXITED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Callbacks of the process, its pipes and timers hold the object weakly and name their run,
 * so the app can drop the object at any time (dispose stops the gateway) and a restarted
 * gateway is never confused with the one before. */
typedef struct {
  GWeakRef self;
  guint    run;
} Watch;

static Watch *
watch_new (MadoGatewayProcess *self)
{
  Watch *watch = g_new0 (Watch, 1);

  g_weak_ref_init (&watch->self, self);
  watch->run = self->run;

  return watch;
}

static void
watch_free (Watch *watch)
{
  g_weak_ref_clear (&watch->self);
  g_free (watch);
}

/* Returns a strong reference when the watched run is still the current one. */
static MadoGatewayProcess *
watch_get (Watch *watch)
{
  MadoGatewayProcess *self = g_weak_ref_get (&watch->self);

  if (self != NULL && self->run != watch->run)
    g_clear_object (&self);

  return self;
}

static void
destroy_source (GSource **source)
{
  if (*source == NULL)
    return;

  g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}

/* The child runs this between fork and exec, so only async-signal-safe calls. */
static pid_t parent_pid;

static void
child_setup (gpointer user_data)
{
  /* Its own process group, so stopping it reaches anything it started too. */
  setpgid (0, 0);
  /* Killed by the kernel when the app dies, even by SIGKILL or a crash. */
  prctl (PR_SET_PDEATHSIG, SIGKILL);
  /* The app may have died before the line above; then no signal would ever come. */
  if (getppid () != parent_pid)
    _exit (127);
}

/* Signals the gateway's process group, or the process alone before it made its group. */
static void
send_signal (MadoGatewayProcess *self,
             int                 signal_number)
{
  if (self->pid <= 0)
    return;

  if (kill (-self->pid, signal_number) != 0 && errno == ESRCH)
    kill (self->pid, signal_number);
}

/* 256 random bits from the kernel, as hex: a token no other user of the machine can guess. */
static char *
new_token (GError **error)
{
  guint8 bytes[32];
  GString *token = g_string_sized_new (2 * sizeof bytes);

  if (getrandom (bytes, sizeof bytes, 0) != sizeof bytes)
    {
      int saved_errno = errno;

      g_string_free (token, TRUE);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Could not get random bytes for the speech gateway's token: %s", g_strerror (saved_errno));
      return NULL;
    }

  for (gsize i = 0; i < sizeof bytes; i++)
    g_string_append_printf (token, "%02x", bytes[i]);

  return g_string_free (token, FALSE);
}

static char *
describe_exit (GSubprocess *subprocess)
{
  if (g_subprocess_get_if_signaled (subprocess))
    return g_strdup_printf ("killed by signal %d (%s)", g_subprocess_get_term_sig (subprocess),
                            g_strsignal (g_subprocess_get_term_sig (subprocess)));

  return g_strdup_printf ("exited with status %d", g_subprocess_get_exit_status (subprocess));
}

static char *
join_last_words (MadoGatewayProcess *self)
{
  g_autoptr(GString) words = g_string_new (NULL);

  for (GList *l = self->last_words.head; l != NULL; l = l->next)
    g_string_append_printf (words, "%s“%s”", words->len > 0 ? " " : "", (const char *) l->data);

  return g_string_free (g_steal_pointer (&words), FALSE);
}

static void
fail_start (MadoGatewayProcess *self,
            GError             *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->start_task);

  destroy_source (&self->start_timer);
  destroy_source (&self->start_cancel);
  if (task != NULL)
    g_task_return_error (task, error);
  else
    g_error_free (error);
}

/* Begins stopping the current run: SIGTERM now, SIGKILL if it is still there after the grace. */
static gboolean kill_timer_cb (gpointer user_data);

static void
terminate (MadoGatewayProcess *self)
{
  if (self->subprocess == NULL || self->exit_seen)
    return;

  self->stopping = TRUE;
  send_signal (self, SIGTERM);
  if (self->kill_timer == NULL)
    {
      self->kill_timer = g_timeout_source_new (self->stop_grace);
      g_source_set_static_name (self->kill_timer, "[madoguchi] gateway kill");
      g_source_set_callback (self->kill_timer, kill_timer_cb, watch_new (self), (GDestroyNotify) watch_free);
      g_source_attach (self->kill_timer, NULL);
    }
}

static gboolean
kill_timer_cb (gpointer user_data)
{
  g_autoptr(MadoGatewayProcess) self = watch_get (user_data);

  if (self != NULL)
    {
      g_message ("The speech gateway (process %d) did not stop within %u ms of SIGTERM; killing it",
                 (int) self->pid, self->stop_grace);
      send_signal (self, SIGKILL);
      g_clear_pointer (&self->kill_timer, g_source_unref);
    }

  return G_SOURCE_REMOVE;
}

/* The run is over once the process ended and its stderr said all it had. */
static void
finish_run (MadoGatewayProcess *self)
{
  g_autoptr(GPtrArray) stop_tasks = NULL;
  g_autofree char *description = g_steal_pointer (&self->exit_description);
  g_autofree char *last_words = join_last_words (self);
  gboolean was_running = self->running;
  gboolean was_stopping = self->stopping;

  destroy_source (&self->kill_timer);
  destroy_source (&self->last_words_timer);
  g_cancellable_cancel (self->io_cancellable);
  g_clear_object (&self->io_cancellable);
  g_clear_object (&self->stdout_lines);
  g_clear_object (&self->stderr_lines);
  g_clear_object (&self->subprocess);
  self->pid = 0;
  self->running = FALSE;
  self->stopping = FALSE;
  g_clear_pointer (&self->token, g_free);
  g_clear_pointer (&self->base_url, g_free);
  self->run++;

  if (self->start_task != NULL)
    fail_start (self, g_error_new (MADO_GATEWAY_PROCESS_ERROR, MADO_GATEWAY_PROCESS_ERROR_EXITED,
                                   "The speech gateway %s %s before it was ready%s%s",
                                   self->program, description, *last_words != '\0' ? "; it said " : "",
                                   last_words));

  g_queue_clear_full (&self->last_words, g_free);
  stop_tasks = g_steal_pointer (&self->stop_tasks);
  self->stop_tasks = g_ptr_array_new_with_free_func (g_object_unref);

  if (was_running)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_URL]);
      if (!was_stopping)
        {
          /* A message, not a warning: the app reports it and restarts the gateway. */
          g_message ("The speech gateway %s %s", self->program, description);
          g_signal_emit (self, signals[SIGNAL_EXITED], 0, description);
        }
    }

  for (guint i = 0; i < stop_tasks->len; i++)
    g_task_return_boolean (g_ptr_array_index (stop_tasks, i), TRUE);
}

static gboolean
last_words_timer_cb (gpointer user_data)
{
  g_autoptr(MadoGatewayProcess) self = watch_get (user_data);

  if (self != NULL)
    {
      g_clear_pointer (&self->last_words_timer, g_source_unref);
      finish_run (self);
    }

  return G_SOURCE_REMOVE;
}

static void
on_process_exit (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(MadoGatewayProcess) self = watch_get (user_data);

  watch_free (user_data);
  if (self == NULL || !g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL))
    return;

  self->exit_seen = TRUE;
  self->exit_description = describe_exit (G_SUBPROCESS (source));
  if (self->stderr_closed)
    finish_run (self);
  else
    {
      self->last_words_timer = g_timeout_source_new (LAST_WORDS_WAIT_MS);
      g_source_set_callback (self->last_words_timer, last_words_timer_cb, watch_new (self), (GDestroyNotify) watch_free);
      g_source_attach (self->last_words_timer, NULL);
    }
}

/* A line as valid UTF-8 whatever the gateway wrote, or NULL at the end of the output. */
static char *
read_line_finish (GObject      *source,
                  GAsyncResult *result)
{
  g_autofree char *line = g_data_input_stream_read_line_finish (G_DATA_INPUT_STREAM (source), result, NULL, NULL);

  return line != NULL ? g_utf8_make_valid (line, -1) : NULL;
}

static void read_stderr (MadoGatewayProcess *self);

static void
on_stderr_line (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(MadoGatewayProcess) self = watch_get (user_data);
  g_autofree char *line = read_line_finish (source, result);

  watch_free (user_data);
  if (self == NULL)
    return;

  if (line == NULL)
    {
      self->stderr_closed = TRUE;
      if (self->exit_seen)
        finish_run (self);
      return;
    }

  /* The gateway's own log goes on into the app's, where the journal keeps both together. */
  g_message ("madoguchi-gateway: %s", line);
  g_queue_push_tail (&self->last_words, g_steal_pointer (&line));
  if (self->last_words.length > LAST_WORDS)
    g_free (g_queue_pop_head (&self->last_words));
  read_stderr (self);
}

static void
read_stderr (MadoGatewayProcess *self)
{
  g_data_input_stream_read_line_async (self->stderr_lines, G_PRIORITY_DEFAULT, self->io_cancellable,
                                       on_stderr_line, watch_new (self));
}

/* `listening on http://127.0.0.1:PORT/`: the base URL, when it is an http URL on loopback. */
static char *
parse_announcement (const char *line)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GInetAddress) address = NULL;

  if (!g_str_has_prefix (line, ANNOUNCEMENT))
    return NULL;

  uri = g_uri_parse (line + strlen (ANNOUNCEMENT), G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 || g_uri_get_port (uri) <= 0)
    return NULL;

  /* Only the loopback address keeps the gateway to this machine. */
  address = g_inet_address_new_from_string (g_uri_get_host (uri));
  if (address == NULL || !g_inet_address_get_is_loopback (address))
    return NULL;

  return g_strdup (line + strlen (ANNOUNCEMENT));
}

static void read_stdout (MadoGatewayProcess *self);

static void
on_stdout_line (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(MadoGatewayProcess) self = watch_get (user_data);
  g_autofree char *line = read_line_finish (source, result);
  g_autofree char *base_url = NULL;

  watch_free (user_data);
  /* At the end of the output the process is ending too; on_process_exit() reports it. */
  if (self == NULL || line == NULL)
    return;

  if (self->start_task == NULL)
    {
      g_debug ("madoguchi-gateway: %s", line);
      read_stdout (self);
      return;
    }

  base_url = parse_announcement (line);
  if (base_url == NULL)
    {
      g_autofree char *shown = g_utf8_substring (line, 0, MIN (g_utf8_strlen (line, -1), 200));

      fail_start (self, g_error_new (MADO_GATEWAY_PROCESS_ERROR, MADO_GATEWAY_PROCESS_ERROR_BAD_ANNOUNCEMENT,
                                     "The speech gateway %s said “%s” instead of “" ANNOUNCEMENT
                                     "http://127.0.0.1:PORT/”; it may be another program or version",
                                     self->program, shown));
      terminate (self);
      return;
    }

  self->base_url = g_steal_pointer (&base_url);
  self->running = TRUE;
  destroy_source (&self->start_timer);
  destroy_source (&self->start_cancel);
  g_debug ("The speech gateway (process %d) listens on %s", (int) self->pid, self->base_url);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_URL]);
  {
    g_autoptr(GTask) task = g_steal_pointer (&self->start_task);

    g_task_return_boolean (task, TRUE);
  }

  /* Keep reading, so a chatty gateway never blocks on a full pipe. */
  read_stdout (self);
}

static void
read_stdout (MadoGatewayProcess *self)
{
  g_data_input_stream_read_line_async (self->stdout_lines, G_PRIORITY_DEFAULT, self->io_cancellable,
                                       on_stdout_line, watch_new (self));
}

static gboolean
start_timer_cb (gpointer user_data)
{
  g_autoptr(MadoGatewayProcess) self = watch_get (user_data);

  if (self != NULL)
    {
      g_clear_pointer (&self->start_timer, g_source_unref);
      fail_start (self, g_error_new (MADO_GATEWAY_PROCESS_ERROR, MADO_GATEWAY_PROCESS_ERROR_START_TIMEOUT,
                                     "The speech gateway %s did not say where it listens within %.1f s",
                                     self->program, self->start_timeout / 1000.0));
      terminate (self);
    }

  return G_SOURCE_REMOVE;
}

static gboolean
start_cancelled_cb (GCancellable *cancellable,
                    gpointer      user_data)
{
  g_autoptr(MadoGatewayProcess) self = watch_get (user_data);

  if (self != NULL)
    {
      g_clear_pointer (&self->start_cancel, g_source_unref);
      fail_start (self, g_error_new (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Starting the speech gateway was cancelled"));
      terminate (self);
    }

  return G_SOURCE_REMOVE;
}

static GSubprocess *
spawn (MadoGatewayProcess  *self,
       GError             **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) spawn_error = NULL;
  GSubprocess *subprocess;

  if (!g_file_test (self->program, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, MADO_GATEWAY_PROCESS_ERROR, MADO_GATEWAY_PROCESS_ERROR_NOT_FOUND,
                   "The speech gateway program %s is not installed; install madoguchi-gateway, or set "
                   "MADOGUCHI_GATEWAY to where it is", self->program);
      return NULL;
    }

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, MADO_GATEWAY_TOKEN_VARIABLE, self->token, TRUE);
  if (self->child_environment != NULL)
    {
      GHashTableIter iter;
      gpointer name, value;

      g_hash_table_iter_init (&iter, self->child_environment);
      while (g_hash_table_iter_next (&iter, &name, &value))
        g_subprocess_launcher_setenv (launcher, name, value, TRUE);
    }
  parent_pid = getpid ();
  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);

  subprocess = g_subprocess_launcher_spawn (launcher, &spawn_error, self->program,
                                            "--listen", "127.0.0.1:0",
                                            "--token-env", MADO_GATEWAY_TOKEN_VARIABLE,
                                            "--database", self->database,
                                            NULL);
  if (subprocess == NULL)
    g_set_error (error, MADO_GATEWAY_PROCESS_ERROR,
                 g_error_matches (spawn_error, G_SPAWN_ERROR, G_SPAWN_ERROR_NOENT)
                 ? MADO_GATEWAY_PROCESS_ERROR_NOT_FOUND : MADO_GATEWAY_PROCESS_ERROR_CANNOT_RUN,
                 "The speech gateway program %s could not be started: %s", self->program, spawn_error->message);

  return subprocess;
}

void
mado_gateway_process_start_async (MadoGatewayProcess  *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;

  g_return_if_fail (MADO_IS_GATEWAY_PROCESS (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mado_gateway_process_start_async);

  if (self->subprocess != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_EXISTS,
                               "The speech gateway is already started (process %d)", (int) self->pid);
      return;
    }

  self->token = new_token (&error);
  if (self->token == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  self->subprocess = spawn (self, &error);
  if (self->subprocess == NULL)
    {
      g_clear_pointer (&self->token, g_free);
      g_task_return_error (task, error);
      return;
    }

  self->pid = (GPid) g_ascii_strtoll (g_subprocess_get_identifier (self->subprocess), NULL, 10);
  self->exit_seen = FALSE;
  self->stderr_closed = FALSE;
  self->io_cancellable = g_cancellable_new ();
  self->stdout_lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->subprocess));
  self->stderr_lines = g_data_input_stream_new (g_subprocess_get_stderr_pipe (self->subprocess));
  self->start_task = g_steal_pointer (&task);

  g_subprocess_wait_async (self->subprocess, NULL, on_process_exit, watch_new (self));
  read_stdout (self);
  read_stderr (self);

  self->start_timer = g_timeout_source_new (self->start_timeout);
  g_source_set_static_name (self->start_timer, "[madoguchi] gateway start");
  g_source_set_callback (self->start_timer, start_timer_cb, watch_new (self), (GDestroyNotify) watch_free);
  g_source_attach (self->start_timer, NULL);

  if (cancellable != NULL)
    {
      self->start_cancel = g_cancellable_source_new (cancellable);
      g_source_set_callback (self->start_cancel, G_SOURCE_FUNC (start_cancelled_cb), watch_new (self),
                             (GDestroyNotify) watch_free);
      g_source_attach (self->start_cancel, NULL);
    }
}

/**
 * mado_gateway_process_start_finish:
 *
 * Returns: %TRUE once the gateway listens, with @error set in %MADO_GATEWAY_PROCESS_ERROR
 *   or to %G_IO_ERROR_CANCELLED otherwise; a gateway that did not become ready is stopped.
 */
gboolean
mado_gateway_process_start_finish (MadoGatewayProcess  *self,
                                   GAsyncResult        *result,
                                   GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mado_gateway_process_start_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
mado_gateway_process_stop_async (MadoGatewayProcess  *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MADO_IS_GATEWAY_PROCESS (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mado_gateway_process_stop_async);

  if (self->subprocess == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  fail_start (self, g_error_new (G_IO_ERROR, G_IO_ERROR_CANCELLED, "The speech gateway was stopped while starting"));
  g_ptr_array_add (self->stop_tasks, g_steal_pointer (&task));
  terminate (self);
}

gboolean
mado_gateway_process_stop_finish (MadoGatewayProcess  *self,
                                  GAsyncResult        *result,
                                  GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mado_gateway_process_stop_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
mado_gateway_process_get_running (MadoGatewayProcess *self)
{
  g_return_val_if_fail (MADO_IS_GATEWAY_PROCESS (self), FALSE);

  return self->running;
}

const char *
mado_gateway_process_get_base_url (MadoGatewayProcess *self)
{
  g_return_val_if_fail (MADO_IS_GATEWAY_PROCESS (self), NULL);

  return self->running ? self->base_url : NULL;
}

/**
 * mado_gateway_process_get_token:
 *
 * Returns: (nullable): the bearer token of the running gateway, for the speech client only;
 *   never log it.
 */
const char *
mado_gateway_process_get_token (MadoGatewayProcess *self)
{
  g_return_val_if_fail (MADO_IS_GATEWAY_PROCESS (self), NULL);

  return self->running ? self->token : NULL;
}

GPid
mado_gateway_process_get_pid (MadoGatewayProcess *self)
{
  g_return_val_if_fail (MADO_IS_GATEWAY_PROCESS (self), 0);

  return self->running ? self->pid : 0;
}

const char *
mado_gateway_process_get_program (MadoGatewayProcess *self)
{
  g_return_val_if_fail (MADO_IS_GATEWAY_PROCESS (self), NULL);

  return self->program;
}

const char *
mado_gateway_process_get_database (MadoGatewayProcess *self)
{
  g_return_val_if_fail (MADO_IS_GATEWAY_PROCESS (self), NULL);

  return self->database;
}

void
mado_gateway_process_set_start_timeout (MadoGatewayProcess *self,
                                        guint               timeout_ms)
{
  g_return_if_fail (MADO_IS_GATEWAY_PROCESS (self));
  g_return_if_fail (timeout_ms > 0);

  self->start_timeout = timeout_ms;
}

void
mado_gateway_process_set_stop_grace (MadoGatewayProcess *self,
                                     guint               grace_ms)
{
  g_return_if_fail (MADO_IS_GATEWAY_PROCESS (self));

  self->stop_grace = grace_ms;
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static gboolean
kill_now_cb (gpointer user_data)
{
  GSubprocess *subprocess = user_data;
  GPid pid = (GPid) g_ascii_strtoll (g_subprocess_get_identifier (subprocess), NULL, 10);

  if (kill (-pid, SIGKILL) != 0 && errno == ESRCH)
    kill (pid, SIGKILL);

  return G_SOURCE_REMOVE;
}

/* Dispose cannot wait in the main loop, so it waits for the exit on a private context: the
 * child watch runs in GLib's worker thread and completes there whatever the caller runs. */
static void
stop_and_wait (MadoGatewayProcess *self)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GSource) kill_timer = g_timeout_source_new (self->stop_grace);
  g_autoptr(GSubprocess) subprocess = g_object_ref (self->subprocess);

  g_main_context_push_thread_default (context);
  send_signal (self, SIGTERM);
  g_source_set_callback (kill_timer, kill_now_cb, subprocess, NULL);
  g_source_attach (kill_timer, context);
  g_subprocess_wait_async (subprocess, NULL, store_result, &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  g_source_destroy (kill_timer);
  g_main_context_pop_thread_default (context);
}

static void
mado_gateway_process_dispose (GObject *object)
{
  MadoGatewayProcess *self = MADO_GATEWAY_PROCESS (object);

  if (self->subprocess != NULL)
    {
      self->stopping = TRUE;
      if (!self->exit_seen)
        stop_and_wait (self);
      self->exit_description = g_strdup ("was stopped");
      finish_run (self);
    }

  G_OBJECT_CLASS (mado_gateway_process_parent_class)->dispose (object);
}

static void
mado_gateway_process_finalize (GObject *object)
{
  MadoGatewayProcess *self = MADO_GATEWAY_PROCESS (object);

  g_free (self->program);
  g_clear_pointer (&self->child_environment, g_hash_table_unref);
  g_free (self->database);
  g_ptr_array_unref (self->stop_tasks);

  G_OBJECT_CLASS (mado_gateway_process_parent_class)->finalize (object);
}

static void
mado_gateway_process_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  MadoGatewayProcess *self = MADO_GATEWAY_PROCESS (object);

  switch (prop_id)
    {
    case PROP_PROGRAM:
      g_value_set_string (value, self->program);
      break;
    case PROP_DATABASE:
      g_value_set_string (value, self->database);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    case PROP_BASE_URL:
      g_value_set_string (value, mado_gateway_process_get_base_url (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mado_gateway_process_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  MadoGatewayProcess *self = MADO_GATEWAY_PROCESS (object);

  switch (prop_id)
    {
    case PROP_PROGRAM:
      self->program = g_value_dup_string (value);
      break;
    case PROP_DATABASE:
      self->database = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mado_gateway_process_constructed (GObject *object)
{
  MadoGatewayProcess *self = MADO_GATEWAY_PROCESS (object);

  G_OBJECT_CLASS (mado_gateway_process_parent_class)->constructed (object);

  if (self->program == NULL)
    {
      const char *override = g_getenv ("MADOGUCHI_GATEWAY");

      self->program = g_strdup (override != NULL && *override != '\0' ? override : BINDIR "/madoguchi-gateway");
    }
}

static void
mado_gateway_process_class_init (MadoGatewayProcessClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;
  const GParamFlags state = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->constructed = mado_gateway_process_constructed;
  object_class->dispose = mado_gateway_process_dispose;
  object_class->finalize = mado_gateway_process_finalize;
  object_class->get_property = mado_gateway_process_get_property;
  object_class->set_property = mado_gateway_process_set_property;

  /* NULL picks $MADOGUCHI_GATEWAY or the installed program. */
  properties[PROP_PROGRAM] = g_param_spec_string ("program", NULL, NULL, NULL, construct);
  properties[PROP_DATABASE] = g_param_spec_string ("database", NULL, NULL, NULL, construct);
  properties[PROP_RUNNING] = g_param_spec_boolean ("running", NULL, NULL, FALSE, state);
  properties[PROP_BASE_URL] = g_param_spec_string ("base-url", NULL, NULL, NULL, state);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MadoGatewayProcess::exited:
   * @description: how it ended, "exited with status 1" or "killed by signal 11 (…)"
   *
   * Emitted when the running gateway ends without being asked to, so the app can say the
   * speech service stopped and start it again.
   */
  signals[SIGNAL_EXITED] =
    g_signal_new ("exited", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
mado_gateway_process_init (MadoGatewayProcess *self)
{
  self->start_timeout = MADO_GATEWAY_DEFAULT_START_TIMEOUT_MS;
  self->stop_grace = MADO_GATEWAY_DEFAULT_STOP_GRACE_MS;
  self->stop_tasks = g_ptr_array_new_with_free_func (g_object_unref);
  g_queue_init (&self->last_words);
}

/**
 * mado_gateway_process_new:
 * @database: the app's phrase database, which the gateway's phrase memory reads
 *
 * Returns: (transfer full): a launcher; nothing runs until mado_gateway_process_start_async().
 */
MadoGatewayProcess *
mado_gateway_process_new (const char *database)
{
  g_return_val_if_fail (database != NULL, NULL);

  return g_object_new (MADO_TYPE_GATEWAY_PROCESS, "database", database, NULL);
}

/**
 * mado_gateway_process_set_child_variable:
 * @name: an environment variable
 * @value: its value for the gateway
 *
 * Sets a variable in the gateway's environment only, from the next start on. Changing the app's own
 * environment instead (setenv) is unsafe once other threads run, and would leak into every other
 * program the app starts.
 */
void
mado_gateway_process_set_child_variable (MadoGatewayProcess *self,
                                         const char         *name,
                                         const char         *value)
{
  g_return_if_fail (MADO_IS_GATEWAY_PROCESS (self));
  g_return_if_fail (name != NULL && value != NULL);

  if (self->child_environment == NULL)
    self->child_environment = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (self->child_environment, g_strdup (name), g_strdup (value));
}

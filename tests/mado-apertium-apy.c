/* mado-apertium-apy.c: the real apertium-apy translation server from Debian, for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "mado-apertium-apy.h"

#include <errno.h>
#include <fcntl.h>
#include <ifaddrs.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <net/if.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

/* Where Debian's apertium-apy and apertium-eng-spa put their files. */
#define APY_PROGRAM    "apertium-apy"
#define APY_MODES_DIR  "/usr/share/apertium/modes"
#define APY_LANG_NAMES "/usr/share/apertium-apy/langNames.db"

/* apy answers within a second here; a minute leaves room for a loaded two-core machine. */
#define START_TIMEOUT_S   60
#define STOP_TIMEOUT_S    20
#define POLL_INTERVAL_MS  100
/* apy exits within a tenth of a second of SIGTERM when it does not lose the signal. */
#define RESIGNAL_INTERVAL_MS 250
/* Enough of apy's log to show its Python traceback or its last requests. */
#define OUTPUT_TAIL_BYTES 8192

struct _ApertiumApy
{
  GSubprocess *process;
  pid_t        group;       /* apy's process group, which its translation pipelines share */
  gboolean     terminated;  /* apy has been stopped and waited for */
  int          output_fd;   /* an in-memory file holding apy's standard output and error */
  char        *url;
};

/* apy binds every address of the machine and offers no option to choose one. In a private
 * network namespace that means loopback only; anywhere else it would serve the real network for
 * the length of the test, so the test fails instead. A namespace of our own is recognised by
 * having no interface up except loopback (getifaddrs() asks the kernel about the current
 * namespace, unlike /sys/class/net, which shows the namespace sysfs was mounted in). */
static void
assert_private_network (void)
{
  g_autoptr(GPtrArray) up = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *names = NULL;
  struct ifaddrs *interfaces;

  if (getifaddrs (&interfaces) != 0)
    g_error ("apertium_apy_start: cannot list the network interfaces: %s", g_strerror (errno));

  /* getifaddrs() gives one entry per interface and address family, so names repeat. */
  for (struct ifaddrs *entry = interfaces; entry != NULL; entry = entry->ifa_next)
    if ((entry->ifa_flags & IFF_UP) && !(entry->ifa_flags & IFF_LOOPBACK) &&
        !g_ptr_array_find_with_equal_func (up, entry->ifa_name, g_str_equal, NULL))
      g_ptr_array_add (up, g_strdup (entry->ifa_name));
  freeifaddrs (interfaces);

  if (up->len == 0)
    return;
  g_ptr_array_add (up, NULL);
  names = g_strjoinv (", ", (char **) up->pdata);
  g_error ("apertium_apy_start: refusing to start apertium-apy, which listens on every address, "
           "when not inside a private network namespace (interfaces up: %s); "
           "run the test through tests/run-in-netns.sh", names);
}

/* A port the kernel has just found free on loopback. The socket is closed before apy binds the
 * port, so something else could take it in between. Inside the private namespace that can only
 * be this process's own first connections to apy, whose local ports the kernel draws from the
 * same range: a clash is a chance in tens of thousands, and would show as apy exiting with
 * "Address already in use" in its output. */
static guint16
pick_free_port (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any_port = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (socket, any_port, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

/* The end of what apy has written, for failure messages. */
static char *
read_output_tail (ApertiumApy *self)
{
  struct stat status;
  off_t start;
  g_autofree char *tail = NULL;
  ssize_t length;

  if (fstat (self->output_fd, &status) != 0)
    return g_strdup_printf ("(apy's output cannot be read: %s)", g_strerror (errno));
  start = MAX (status.st_size - OUTPUT_TAIL_BYTES, 0);
  tail = g_malloc (status.st_size - start + 1);
  length = pread (self->output_fd, tail, status.st_size - start, start);
  if (length < 0)
    return g_strdup_printf ("(apy's output cannot be read: %s)", g_strerror (errno));
  return g_utf8_make_valid (tail, length);
}

static gboolean
is_running (ApertiumApy *self)
{
  /* GLib's worker thread reaps apy and clears the identifier, without our main loop running. */
  return g_subprocess_get_identifier (self->process) != NULL;
}

/* Ends apy and its pipelines, once, and returns whether apy exited with status 0 as it does on
 * SIGTERM. apy's handler raises SystemExit wherever Python happens to be; when that is inside
 * tornado's read of a connection, tornado loses it (an UnboundLocalError replaces it), so a
 * SIGTERM that comes as a client hangs up is ignored. It is therefore repeated, and SIGKILL ends
 * what still runs after STOP_TIMEOUT_S. */
static gboolean
terminate (ApertiumApy *self)
{
  if (!self->terminated)
    {
      gint64 deadline = g_get_monotonic_time () + STOP_TIMEOUT_S * G_USEC_PER_SEC;
      gint64 next_signal = 0;

      self->terminated = TRUE;
      while (is_running (self) && g_get_monotonic_time () < deadline)
        {
          if (g_get_monotonic_time () >= next_signal)
            {
              g_subprocess_send_signal (self->process, SIGTERM);
              next_signal = g_get_monotonic_time () + RESIGNAL_INTERVAL_MS * 1000;
            }
          g_usleep (POLL_INTERVAL_MS * 1000);
        }
      if (is_running (self))
        kill (-self->group, SIGKILL);
      g_subprocess_wait (self->process, NULL, NULL);
      /* The pipelines read from apy and end with it; this makes sure, even when apy crashed. */
      kill (-self->group, SIGTERM);
    }
  return g_subprocess_get_if_exited (self->process) && g_subprocess_get_exit_status (self->process) == 0;
}

/* How apy ended, for failure messages; only once it has. */
static char *
describe_end (ApertiumApy *self)
{
  if (g_subprocess_get_if_signaled (self->process))
    return g_strdup_printf ("was killed by signal %d (%s)", g_subprocess_get_term_sig (self->process),
                            g_strsignal (g_subprocess_get_term_sig (self->process)));
  return g_strdup_printf ("exited with status %d", g_subprocess_get_exit_status (self->process));
}

static void
free_apy (ApertiumApy *self)
{
  g_clear_object (&self->process);
  close (self->output_fd);
  g_free (self->url);
  g_free (self);
}

/* Stops apy if it still runs and fails the test with the reason and the end of apy's output. */
static void G_GNUC_NORETURN G_GNUC_PRINTF (2, 3)
fail_with_output (ApertiumApy *self,
                  const char  *format,
                  ...)
{
  g_autofree char *reason = NULL;
  g_autofree char *output = NULL;
  va_list arguments;

  va_start (arguments, format);
  reason = g_strdup_vprintf (format, arguments);
  va_end (arguments);

  terminate (self);
  output = read_output_tail (self);
  free_apy (self);
  g_error ("%s\n--- the end of apertium-apy's output follows ---\n%s", reason, output);
}

static gboolean
lists_eng_spa (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *response;
  JsonNode *pairs;
  gsize length;
  const char *data = g_bytes_get_data (body, &length);

  if (!json_parser_load_from_data (parser, data != NULL ? data : "", length, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return FALSE;
  response = json_node_get_object (json_parser_get_root (parser));
  pairs = json_object_get_member (response, "responseData");
  if (pairs == NULL || !JSON_NODE_HOLDS_ARRAY (pairs))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (json_node_get_array (pairs)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (pairs), i);
      JsonObject *pair = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;

      if (pair != NULL &&
          g_strcmp0 (json_object_get_string_member_with_default (pair, "sourceLanguage", NULL), "eng") == 0 &&
          g_strcmp0 (json_object_get_string_member_with_default (pair, "targetLanguage", NULL), "spa") == 0)
        return TRUE;
    }
  return FALSE;
}

/* apy prints nothing meant for machines when it is ready, so ask it, as a client would. */
static void
wait_until_ready (ApertiumApy *self)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 5, "proxy-resolver", NULL, NULL);
  g_autofree char *list_url = g_strconcat (self->url, "/listPairs", NULL);
  gint64 started = g_get_monotonic_time ();
  gint64 deadline = started + START_TIMEOUT_S * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(SoupMessage) message = soup_message_new ("GET", list_url);
      g_autoptr(GBytes) body = soup_session_send_and_read (session, message, NULL, NULL);

      if (body != NULL && soup_message_get_status (message) == SOUP_STATUS_OK && lists_eng_spa (body))
        {
          g_test_message ("apertium-apy listed eng|spa %.2f s after it was started",
                          (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC);
          return;
        }
      if (!is_running (self))
        {
          g_autofree char *end = NULL;

          terminate (self);
          end = describe_end (self);
          fail_with_output (self, "apertium-apy %s before it served eng|spa", end);
        }
      g_usleep (POLL_INTERVAL_MS * 1000);
    }
  fail_with_output (self, "apertium-apy did not list eng|spa at %s within %d s", list_url, START_TIMEOUT_S);
}

/* A process group of its own, so that stopping apy also stops the translation pipelines it
 * starts; and SIGKILL, which apy cannot lose as it can SIGTERM, when the test dies, so that an
 * assertion failure leaves no server (the pipelines end when their input from apy closes). */
static void
prepare_child (gpointer user_data)
{
  setpgid (0, 0);
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

ApertiumApy *
apertium_apy_start (void)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *program = g_find_program_in_path (APY_PROGRAM);
  g_autofree char *port = NULL;
  ApertiumApy *self;

  assert_private_network ();
  if (program == NULL)
    g_error ("apertium_apy_start: %s is not installed (Debian package apertium-apy)", APY_PROGRAM);
  if (!g_file_test (APY_MODES_DIR "/eng-spa.mode", G_FILE_TEST_EXISTS))
    g_error ("apertium_apy_start: no eng|spa in %s (Debian package apertium-eng-spa)", APY_MODES_DIR);

  self = g_new0 (ApertiumApy, 1);
  /* Kept in memory, not on disk, and shown only when something fails. */
  self->output_fd = memfd_create ("apertium-apy output", MFD_CLOEXEC);
  if (self->output_fd < 0)
    g_error ("apertium_apy_start: memfd_create: %s", g_strerror (errno));

  port = g_strdup_printf ("%u", pick_free_port ());
  self->url = g_strconcat ("http://127.0.0.1:", port, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_take_stdout_fd (launcher, fcntl (self->output_fd, F_DUPFD_CLOEXEC, 3));
  g_subprocess_launcher_take_stderr_fd (launcher, fcntl (self->output_fd, F_DUPFD_CLOEXEC, 3));
  g_subprocess_launcher_set_child_setup (launcher, prepare_child, NULL, NULL);
  /* apy refuses to run without a UTF-8 locale. */
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  /* It would report readiness to a service manager that started the test runner. */
  g_subprocess_launcher_unsetenv (launcher, "NOTIFY_SOCKET");
  g_subprocess_launcher_unsetenv (launcher, "WATCHDOG_USEC");

  /* One process: with more, apy forks HTTP servers that each start their own pipelines. */
  self->process = g_subprocess_launcher_spawn (launcher, &error,
                                               program,
                                               "--port", port,
                                               "--num-processes", "1",
                                               "--lang-names", APY_LANG_NAMES,
                                               APY_MODES_DIR,
                                               NULL);
  g_assert_no_error (error);
  self->group = (pid_t) g_ascii_strtoll (g_subprocess_get_identifier (self->process), NULL, 10);

  wait_until_ready (self);
  return self;
}

const char *
apertium_apy_get_url (ApertiumApy *self)
{
  return self->url;
}

void
apertium_apy_stop (ApertiumApy *self)
{
  gboolean was_running;
  gboolean ended_cleanly;

  if (self == NULL)
    return;

  /* apy exits with status 0 on SIGTERM; it cannot have ended by itself before. */
  was_running = is_running (self);
  ended_cleanly = terminate (self);
  if (!was_running || !ended_cleanly)
    {
      g_autofree char *end = describe_end (self);

      fail_with_output (self, "apertium-apy %s %s", end,
                        was_running ? "when it was stopped with SIGTERM" : "while the test was using it");
    }

  if (g_test_failed ())
    {
      g_autofree char *output = read_output_tail (self);

      g_test_message ("--- the end of apertium-apy's output follows ---\n%s", output);
    }
  free_apy (self);
}

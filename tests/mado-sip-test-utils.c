/* mado-sip-test-utils.c: sipp, a DNS responder, an RTP listener and WAV helpers for the call tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-sip-test-utils.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <math.h>
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

MadoTestSipp *
mado_test_sipp_start (const char *folder,
                      const char *scenario,
                      guint16     sip_port,
                      guint16     media_port,
                      ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *error_file = NULL;
  MadoTestSipp *sipp;
  va_list keys;

  g_assert_nonnull (g_getenv ("MADOGUCHI_SIP_SCENARIOS"));

  sipp = g_new0 (MadoTestSipp, 1);
  sipp->port = sip_port;
  sipp->cancellable = g_cancellable_new ();
  sipp->message_file = g_strdup_printf ("%s/sipp-%u-messages.log", folder, sip_port);
  error_file = g_strdup_printf ("%s/sipp-%u-errors.log", folder, sip_port);

  g_ptr_array_add (argv, g_strdup ("sipp"));
  g_ptr_array_add (argv, g_strdup ("-sf"));
  g_ptr_array_add (argv, scenario_path (scenario));
  g_ptr_array_add (argv, g_strdup ("-i"));
  g_ptr_array_add (argv, g_strdup ("127.0.0.1"));
  g_ptr_array_add (argv, g_strdup ("-p"));
  g_ptr_array_add (argv, g_strdup_printf ("%u", sip_port));
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
  if (media_port != 0)
    {
      g_ptr_array_add (argv, g_strdup ("-mp"));
      g_ptr_array_add (argv, g_strdup_printf ("%u", media_port));
      g_ptr_array_add (argv, g_strdup ("-rtp_echo"));
    }

  va_start (keys, media_port);
  for (const char *key = va_arg (keys, const char *); key != NULL; key = va_arg (keys, const char *))
    {
      g_ptr_array_add (argv, g_strdup ("-key"));
      g_ptr_array_add (argv, g_strdup (key));
      g_ptr_array_add (argv, g_strdup (va_arg (keys, const char *)));
    }
  va_end (keys);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_set_cwd (launcher, folder);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  sipp->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  g_subprocess_wait_async (sipp->process, sipp->cancellable, on_sipp_exited, sipp);
  g_assert_true (mado_test_wait_until (sipp_listens_or_exited, sipp, 10));
  g_assert_false (sipp->exited);

  return sipp;
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

/* DNS */

struct _MadoTestDns
{
  GSocket *socket;
  GSource *source;
  guint    n_queries;
};

static gboolean
on_dns_query (GSocket      *socket,
              GIOCondition  condition,
              gpointer      user_data)
{
  MadoTestDns *dns = user_data;
  g_autoptr(GSocketAddress) from = NULL;
  guint8 packet[1500];
  gssize length = g_socket_receive_from (socket, &from, (char *) packet, sizeof packet, NULL, NULL);
  gsize question_end = 12;

  if (length < 12)
    return G_SOURCE_CONTINUE;

  dns->n_queries++;

  /* The reply is the question with the header changed: an answer (QR), recursion available, the
   * same opcode and RD bit, RCODE 3 "name error", and no records, so EDNS data is cut off. */
  while (question_end < (gsize) length && packet[question_end] != 0)
    question_end += packet[question_end] + 1;
  question_end += 1 + 4;
  if (question_end > (gsize) length)
    return G_SOURCE_CONTINUE;

  packet[2] = 0x80 | (packet[2] & 0x79);
  packet[3] = 0x80 | 3;
  memset (packet + 6, 0, 6);
  g_socket_send_to (socket, from, (const char *) packet, question_end, NULL, NULL);

  return G_SOURCE_CONTINUE;
}

MadoTestDns *
mado_test_dns_new (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any_port = g_inet_socket_address_new (loopback, 0);
  MadoTestDns *dns = g_new0 (MadoTestDns, 1);

  dns->socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, &error);
  g_assert_no_error (error);
  g_socket_bind (dns->socket, any_port, FALSE, &error);
  g_assert_no_error (error);
  g_socket_set_blocking (dns->socket, FALSE);

  dns->source = g_socket_create_source (dns->socket, G_IO_IN, NULL);
  g_source_set_callback (dns->source, G_SOURCE_FUNC (on_dns_query), dns, NULL);
  g_source_attach (dns->source, NULL);

  return dns;
}

char *
mado_test_dns_dup_address (MadoTestDns *dns)
{
  g_autoptr(GSocketAddress) address = g_socket_get_local_address (dns->socket, NULL);

  return g_strdup_printf ("127.0.0.1:%u", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address)));
}

guint
mado_test_dns_get_n_queries (MadoTestDns *dns)
{
  return dns->n_queries;
}

void
mado_test_dns_free (MadoTestDns *dns)
{
  if (dns == NULL)
    return;

  g_source_destroy (dns->source);
  g_source_unref (dns->source);
  g_object_unref (dns->socket);
  g_free (dns);
}

/* RTP */

#define TELEPHONE_EVENT_PAYLOAD_TYPE 101

struct _MadoTestRtp
{
  GSocket *socket;
  GSource *source;
  guint16  port;
  guint    n_datagrams;
  GString *digits;
  gboolean have_last_end;
  guint32  last_end_timestamp;
};

static gboolean
on_rtp_packet (GSocket      *socket,
               GIOCondition  condition,
               gpointer      user_data)
{
  static const char event_digits[] = "0123456789*#ABCD";
  MadoTestRtp *rtp = user_data;
  guint8 packet[2048];
  gssize length = g_socket_receive (socket, (char *) packet, sizeof packet, NULL, NULL);
  gsize header_length;
  guint32 timestamp;

  if (length >= 0)
    rtp->n_datagrams++;

  if (length < 12 || (packet[0] >> 6) != 2)
    return G_SOURCE_CONTINUE;

  header_length = 12 + 4 * (packet[0] & 0x0f);
  if ((packet[0] & 0x10) != 0 && (gsize) length >= header_length + 4)
    header_length += 4 + 4 * ((packet[header_length + 2] << 8) | packet[header_length + 3]);

  if ((packet[1] & 0x7f) != TELEPHONE_EVENT_PAYLOAD_TYPE || (gsize) length < header_length + 4)
    return G_SOURCE_CONTINUE;

  /* An event is sent as several packets with the same timestamp, the last ones (three, for
   * safety) with the end bit; each event counts once. */
  timestamp = ((guint32) packet[4] << 24) | ((guint32) packet[5] << 16) | ((guint32) packet[6] << 8) | packet[7];
  if ((packet[header_length + 1] & 0x80) != 0 && (!rtp->have_last_end || timestamp != rtp->last_end_timestamp))
    {
      guint8 event = packet[header_length];

      rtp->have_last_end = TRUE;
      rtp->last_end_timestamp = timestamp;
      g_string_append_c (rtp->digits, event < 16 ? event_digits[event] : '?');
    }

  return G_SOURCE_CONTINUE;
}

MadoTestRtp *
mado_test_rtp_new (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = NULL;
  MadoTestRtp *rtp = g_new0 (MadoTestRtp, 1);

  rtp->digits = g_string_new (NULL);
  rtp->port = mado_test_free_port (G_SOCKET_TYPE_DATAGRAM, 2);
  address = g_inet_socket_address_new (loopback, rtp->port);
  rtp->socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, &error);
  g_assert_no_error (error);
  g_socket_bind (rtp->socket, address, FALSE, &error);
  g_assert_no_error (error);
  g_socket_set_blocking (rtp->socket, FALSE);

  rtp->source = g_socket_create_source (rtp->socket, G_IO_IN, NULL);
  g_source_set_callback (rtp->source, G_SOURCE_FUNC (on_rtp_packet), rtp, NULL);
  g_source_attach (rtp->source, NULL);

  return rtp;
}

guint16
mado_test_rtp_get_port (MadoTestRtp *rtp)
{
  return rtp->port;
}

const char *
mado_test_rtp_get_digits (MadoTestRtp *rtp)
{
  return rtp->digits->str;
}

guint
mado_test_rtp_get_n_datagrams (MadoTestRtp *rtp)
{
  return rtp->n_datagrams;
}

void
mado_test_rtp_free (MadoTestRtp *rtp)
{
  if (rtp == NULL)
    return;

  g_source_destroy (rtp->source);
  g_source_unref (rtp->source);
  g_object_unref (rtp->socket);
  g_string_free (rtp->digits, TRUE);
  g_free (rtp);
}

/* Webhook server */

struct _MadoTestWebhookServer
{
  SoupServer *server;
  guint       status;
  guint       n_requests;
  GBytes     *body;
  char       *content_type;
};

static void
on_webhook_request (SoupServer        *soup_server,
                    SoupServerMessage *message,
                    const char        *path,
                    GHashTable        *query,
                    gpointer           user_data)
{
  MadoTestWebhookServer *server = user_data;
  SoupMessageBody *body = soup_server_message_get_request_body (message);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);

  server->n_requests++;
  g_clear_pointer (&server->body, g_bytes_unref);
  server->body = soup_message_body_flatten (body);
  g_free (server->content_type);
  server->content_type = g_strdup (soup_message_headers_get_content_type (headers, NULL));

  if (g_strcmp0 (soup_server_message_get_method (message), "POST") != 0)
    {
      soup_server_message_set_status (message, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
      return;
    }

  if (server->status == 0)
    {
      /* Taken, and never answered: the server hangs as a broken one would. */
      soup_server_message_pause (message);
      return;
    }

  soup_server_message_set_status (message, server->status, NULL);
}

MadoTestWebhookServer *
mado_test_webhook_server_new (guint status)
{
  g_autoptr(GError) error = NULL;
  MadoTestWebhookServer *server = g_new0 (MadoTestWebhookServer, 1);

  server->status = status;
  server->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server->server, "/context", on_webhook_request, server, NULL);
  soup_server_listen_local (server->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  return server;
}

char *
mado_test_webhook_server_dup_url (MadoTestWebhookServer *server)
{
  GSList *uris = soup_server_get_uris (server->server);
  g_autofree char *base = g_uri_to_string (uris->data);

  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return g_strconcat (base, "context", NULL);
}

guint
mado_test_webhook_server_get_n_requests (MadoTestWebhookServer *server)
{
  return server->n_requests;
}

GBytes *
mado_test_webhook_server_get_body (MadoTestWebhookServer *server)
{
  return server->body;
}

const char *
mado_test_webhook_server_get_type (MadoTestWebhookServer *server)
{
  return server->content_type;
}

void
mado_test_webhook_server_free (MadoTestWebhookServer *server)
{
  if (server == NULL)
    return;

  soup_server_disconnect (server->server);
  g_object_unref (server->server);
  g_clear_pointer (&server->body, g_bytes_unref);
  g_free (server->content_type);
  g_free (server);
}

/* Audio */

static void
put_le16 (guint8 *at,
          guint16 value)
{
  at[0] = value & 0xff;
  at[1] = value >> 8;
}

static void
put_le32 (guint8 *at,
          guint32 value)
{
  put_le16 (at, value & 0xffff);
  put_le16 (at + 2, value >> 16);
}

GArray *
mado_test_write_sweep_wav (const char *path,
                           guint       rate,
                           double      signal_seconds,
                           double      total_seconds)
{
  g_autoptr(GError) error = NULL;
  GArray *sweep = g_array_new (FALSE, FALSE, sizeof (gint16));
  gsize n_signal = (gsize) (signal_seconds * rate);
  gsize n_total = (gsize) (total_seconds * rate);
  g_autofree guint8 *file = g_malloc0 (44 + 2 * n_total);
  double phase = 0;

  memcpy (file, "RIFF", 4);
  put_le32 (file + 4, 36 + 2 * n_total);
  memcpy (file + 8, "WAVEfmt ", 8);
  put_le32 (file + 16, 16);
  put_le16 (file + 20, 1);                  /* PCM */
  put_le16 (file + 22, 1);                  /* mono */
  put_le32 (file + 24, rate);
  put_le32 (file + 28, rate * 2);
  put_le16 (file + 32, 2);
  put_le16 (file + 34, 16);
  memcpy (file + 36, "data", 4);
  put_le32 (file + 40, 2 * n_total);

  /* 300 Hz to 1800 Hz: well inside telephone bandwidth, and no two lags look alike. */
  for (gsize i = 0; i < n_signal; i++)
    {
      double frequency = 300.0 + 1500.0 * i / n_signal;
      gint16 sample;

      phase += 2 * G_PI * frequency / rate;
      sample = (gint16) (0.5 * 32767 * sin (phase));
      put_le16 (file + 44 + 2 * i, (guint16) sample);
      g_array_append_val (sweep, sample);
    }

  g_file_set_contents (path, (const char *) file, 44 + 2 * n_total, &error);
  g_assert_no_error (error);

  return sweep;
}

static guint32
get_le32 (const guint8 *at)
{
  return at[0] | (at[1] << 8) | (at[2] << 16) | ((guint32) at[3] << 24);
}

GArray *
mado_test_read_wav (const char *path)
{
  g_autofree guint8 *file = NULL;
  gsize length, offset = 12;
  GArray *samples;

  if (!g_file_get_contents (path, (char **) &file, &length, NULL) || length < 12 ||
      memcmp (file, "RIFF", 4) != 0 || memcmp (file + 8, "WAVE", 4) != 0)
    return NULL;

  while (offset + 8 <= length)
    {
      guint32 chunk_size = get_le32 (file + offset + 4);

      if (memcmp (file + offset, "data", 4) == 0)
        {
          /* A file still being written may not have its final size in the header yet. */
          gsize available = length - offset - 8;
          gsize n_bytes = chunk_size > 0 && chunk_size <= available ? chunk_size : available;

          samples = g_array_sized_new (FALSE, FALSE, sizeof (gint16), n_bytes / 2);
          for (gsize i = 0; i + 1 < n_bytes; i += 2)
            {
              gint16 sample = (gint16) (file[offset + 8 + i] | (file[offset + 9 + i] << 8));

              g_array_append_val (samples, sample);
            }
          return samples;
        }

      offset += 8 + chunk_size + (chunk_size & 1);
    }

  return NULL;
}

static double
correlation_at (GArray *reference,
                GArray *signal,
                gsize   lag)
{
  const gint16 *r = (const gint16 *) (gpointer) reference->data;
  const gint16 *s = (const gint16 *) (gpointer) signal->data + lag;
  double dot = 0, r_energy = 0, s_energy = 0;

  for (gsize i = 0; i < reference->len; i++)
    {
      dot += (double) r[i] * s[i];
      r_energy += (double) r[i] * r[i];
      s_energy += (double) s[i] * s[i];
    }

  if (r_energy == 0 || s_energy == 0)
    return 0;

  return dot / sqrt (r_energy * s_energy);
}

double
mado_test_best_correlation (GArray *reference,
                            GArray *signal,
                            gsize  *out_lag)
{
  double best = 0;
  gsize best_lag = 0, last_lag;

  if (signal == NULL || signal->len < reference->len)
    return 0;

  /* A coarse pass, then every lag around the best one. */
  last_lag = signal->len - reference->len;
  for (gsize lag = 0; lag <= last_lag; lag += 4)
    {
      double value = correlation_at (reference, signal, lag);

      if (value > best)
        {
          best = value;
          best_lag = lag;
        }
    }

  for (gsize lag = best_lag > 4 ? best_lag - 4 : 0; lag <= MIN (best_lag + 4, last_lag); lag++)
    {
      double value = correlation_at (reference, signal, lag);

      if (value > best)
        {
          best = value;
          best_lag = lag;
        }
    }

  if (out_lag != NULL)
    *out_lag = best_lag;

  return best;
}

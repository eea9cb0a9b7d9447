/* mado-test-peers.c: the far ends a call test talks to besides sipp: a DNS responder, an RTP
 * listener, a webhook server, and the audio that goes through a call
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-sip-test-utils.h"

#include <libsoup/soup.h>
#include <math.h>
#include <string.h>

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
  rtp->socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, &error);
  g_assert_no_error (error);

  /* An even port with its odd neighbour free, as RTP has; someone may take it meanwhile. */
  for (guint attempt = 0; attempt < 100; attempt++)
    {
      rtp->port = mado_test_free_port (G_SOCKET_TYPE_DATAGRAM, 2);
      g_clear_object (&address);
      address = g_inet_socket_address_new (loopback, rtp->port);
      if (g_socket_bind (rtp->socket, address, FALSE, NULL))
        break;
      rtp->port = 0;
    }
  g_assert_cmpuint (rtp->port, !=, 0);
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

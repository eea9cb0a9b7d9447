/* mado-sip-test-utils.h: sipp and the other far ends of the call tests (mado-test-peers.c), and
 * the folders, ports and processes around them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Folders and waiting */

char     *mado_test_make_folder      (const char *prefix);
void      mado_test_remove_folder    (const char *folder);
/* Iterates the default main context until @condition holds; FALSE after @timeout_s seconds. */
gboolean  mado_test_wait_until       (gboolean  (*condition) (gpointer data),
                                      gpointer    data,
                                      guint       timeout_s);
/* The process is gone and reaped (no zombie either). */
gboolean  mado_test_process_gone     (GPid        pid);
/* A child process of this one with that command name (from /proc), or 0. */
GPid      mado_test_find_child       (const char *name);
/* A port on 127.0.0.1 nothing listens on at the moment (it may be taken later). With @span > 1,
 * that many consecutive ports are free, the first even (RTP wants its RTCP port next to it). */
guint16   mado_test_free_port        (GSocketType type,
                                      guint       span);

/* sipp as the far end */

typedef struct _MadoTestSipp MadoTestSipp;

/* Runs sipp for one call of @scenario (a file name in tests/sip, or a path) on 127.0.0.1, on a
 * port of its own, with messages traced into @folder. With @rtp_echo, sipp echoes RTP on a media
 * port of its own, given to the scenario as the key "rtpport" too. The NULL-terminated rest are
 * "name", "value" pairs for -key. Waits until sipp listens, trying other ports when one turns out
 * to be taken. The process is killed with the test process if that dies (PR_SET_PDEATHSIG). */
MadoTestSipp *mado_test_sipp_start        (const char    *folder,
                                           const char    *scenario,
                                           gboolean       rtp_echo,
                                           ...) G_GNUC_NULL_TERMINATED;
guint16       mado_test_sipp_get_port     (MadoTestSipp  *sipp);
/* Writes tests/sip/reject.xml.in with @status_line ("486 Busy Here") into @folder; returns the path. */
char         *mado_test_reject_scenario   (const char    *folder,
                                           const char    *status_line);
/* Waits for sipp to exit; returns its exit status (0: the call went as scripted), or -1 on timeout. */
int           mado_test_sipp_wait         (MadoTestSipp  *sipp,
                                           guint          timeout_s);
/* Everything sipp sent and received so far. */
char         *mado_test_sipp_dup_messages (MadoTestSipp  *sipp);
/* Kills sipp if it still runs, waits for it, and frees. */
void          mado_test_sipp_free         (MadoTestSipp  *sipp);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoTestSipp, mado_test_sipp_free)

/* A DNS server on 127.0.0.1 that says "no such name" (NXDOMAIN) to every question. */

typedef struct _MadoTestDns MadoTestDns;

MadoTestDns  *mado_test_dns_new           (void);
char         *mado_test_dns_dup_address   (MadoTestDns   *dns);   /* "127.0.0.1:PORT" */
guint         mado_test_dns_get_n_queries (MadoTestDns   *dns);
void          mado_test_dns_free          (MadoTestDns   *dns);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoTestDns, mado_test_dns_free)

/* A UDP socket on 127.0.0.1 that receives RTP and reads RFC 4733 telephone events (payload
 * type 101, as tests/sip/answer.xml offers). It also serves as a SIP "service" that never
 * answers, or that must never be called: it counts every datagram, whatever it holds. */

typedef struct _MadoTestRtp MadoTestRtp;

MadoTestRtp  *mado_test_rtp_new           (void);
guint16       mado_test_rtp_get_port      (MadoTestRtp   *rtp);
/* The digits whose events ended so far, in order. */
const char   *mado_test_rtp_get_digits    (MadoTestRtp   *rtp);
guint         mado_test_rtp_get_n_datagrams (MadoTestRtp *rtp);
void          mado_test_rtp_free          (MadoTestRtp   *rtp);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoTestRtp, mado_test_rtp_free)

/* A libsoup server on 127.0.0.1 that takes context webhook POSTs on /context and answers them
 * with @status, or never answers them when @status is 0. */

typedef struct _MadoTestWebhookServer MadoTestWebhookServer;

MadoTestWebhookServer *mado_test_webhook_server_new            (guint                  status);
char                  *mado_test_webhook_server_dup_url        (MadoTestWebhookServer *server);
guint                  mado_test_webhook_server_get_n_requests (MadoTestWebhookServer *server);
/* The body and Content-Type of the last request, or NULL. */
GBytes                *mado_test_webhook_server_get_body       (MadoTestWebhookServer *server);
const char            *mado_test_webhook_server_get_type       (MadoTestWebhookServer *server);
void                   mado_test_webhook_server_free           (MadoTestWebhookServer *server);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoTestWebhookServer, mado_test_webhook_server_free)

/* Audio */

/* A WAV file (S16LE mono at @rate) holding a rising sweep for @signal_seconds, then silence up to
 * @total_seconds; the samples of the sweep are returned. */
GArray   *mado_test_write_sweep_wav  (const char   *path,
                                      guint         rate,
                                      double        signal_seconds,
                                      double        total_seconds);
/* The samples of a S16LE mono WAV file, or NULL. */
GArray   *mado_test_read_wav         (const char   *path);
/* The highest normalised cross-correlation of @reference against @signal over every lag. */
double    mado_test_best_correlation (GArray       *reference,
                                      GArray       *signal,
                                      gsize        *out_lag);

G_END_DECLS

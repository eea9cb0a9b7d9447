/* mado-gateway-process.h: the local madoguchi-gateway the app starts on loopback and watches
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MADO_GATEWAY_PROCESS_ERROR (mado_gateway_process_error_quark ())

typedef enum {
  MADO_GATEWAY_PROCESS_ERROR_NOT_FOUND,         /* the program is not installed where expected */
  MADO_GATEWAY_PROCESS_ERROR_CANNOT_RUN,        /* it exists but could not be run (permissions, format) */
  MADO_GATEWAY_PROCESS_ERROR_EXITED,            /* it ended before it was ready; the message has its last words */
  MADO_GATEWAY_PROCESS_ERROR_START_TIMEOUT,     /* it did not say where it listens in time */
  MADO_GATEWAY_PROCESS_ERROR_BAD_ANNOUNCEMENT,  /* its first line was not `listening on http://HOST:PORT/` */
} MadoGatewayProcessError;

GQuark mado_gateway_process_error_quark (void);

/* The environment variable that carries the token to the gateway, named on its command line
 * with --token-env so the token itself never appears in `ps`. */
#define MADO_GATEWAY_TOKEN_VARIABLE "MADOGUCHI_GATEWAY_TOKEN"
#define MADO_GATEWAY_DEFAULT_START_TIMEOUT_MS 10000
#define MADO_GATEWAY_DEFAULT_STOP_GRACE_MS     3000

#define MADO_TYPE_GATEWAY_PROCESS (mado_gateway_process_get_type ())
G_DECLARE_FINAL_TYPE (MadoGatewayProcess, mado_gateway_process, MADO, GATEWAY_PROCESS, GObject)

/* The program is $MADOGUCHI_GATEWAY when set, else BINDIR/madoguchi-gateway. The process
 * belongs to the main context it is started in and to the thread that starts it: the kernel
 * kills it when that thread ends (PR_SET_PDEATHSIG), so start it from the main thread. */
MadoGatewayProcess *mado_gateway_process_new            (const char          *database);
const char         *mado_gateway_process_get_program    (MadoGatewayProcess  *self);
void                mado_gateway_process_set_child_variable (MadoGatewayProcess *self,
                                                         const char         *name,
                                                         const char         *value);
const char         *mado_gateway_process_get_database   (MadoGatewayProcess  *self);
void                mado_gateway_process_set_start_timeout (MadoGatewayProcess *self,
                                                         guint                timeout_ms);
void                mado_gateway_process_set_stop_grace (MadoGatewayProcess  *self,
                                                         guint                grace_ms);

/* Starts the gateway on 127.0.0.1 on a free port with a fresh random token; completes once it
 * said where it listens. A stopped or exited process may be started again (new port, new
 * token). */
void                mado_gateway_process_start_async    (MadoGatewayProcess  *self,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean            mado_gateway_process_start_finish   (MadoGatewayProcess  *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

/* SIGTERM, then SIGKILL after the grace period; completes when the process is gone. Dispose
 * does the same, waiting. */
void                mado_gateway_process_stop_async     (MadoGatewayProcess  *self,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean            mado_gateway_process_stop_finish    (MadoGatewayProcess  *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

gboolean            mado_gateway_process_get_running    (MadoGatewayProcess  *self);
/* NULL unless running. */
const char         *mado_gateway_process_get_base_url   (MadoGatewayProcess  *self);
const char         *mado_gateway_process_get_token      (MadoGatewayProcess  *self);
/* 0 unless running; for diagnostics and tests. */
GPid                mado_gateway_process_get_pid        (MadoGatewayProcess  *self);

G_END_DECLS

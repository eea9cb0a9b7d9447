/* mado-fault-server.h: a loopback TCP server that breaks HTTP in the ways networks do
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum {
  MADO_FAULT_RESET_AT_ONCE,       /* accept, then reset the connection before reading anything */
  MADO_FAULT_RESET_MID_ANSWER,    /* read the request, send headers and half a JSON body, reset */
  MADO_FAULT_SILENT,              /* accept and read, never answer, keep the connection open */
  MADO_FAULT_FLOOD_LENGTH,        /* 200 with Content-Length 50 MB, then write until the peer goes */
  MADO_FAULT_FLOOD_CHUNKED,       /* 200 chunked, then write 50 MB of chunks until the peer goes */
} MadoFaultMode;

#define MADO_FAULT_FLOOD_BYTES (50 * 1024 * 1024)

typedef struct _MadoFaultServer MadoFaultServer;

/* Listens on 127.0.0.1 on a free port, served from the thread-default main context. */
MadoFaultServer *mado_fault_server_new          (MadoFaultMode    mode,
                                                 const char      *content_type);
void             mado_fault_server_free         (MadoFaultServer *self);
char            *mado_fault_server_dup_url      (MadoFaultServer *self);
guint            mado_fault_server_get_connections (MadoFaultServer *self);
/* Body bytes the kernel accepted from the flood before the peer closed. */
guint64          mado_fault_server_get_flooded  (MadoFaultServer *self);
/* Whether every flood has ended (the peer closed, or the 50 MB were written). */
gboolean         mado_fault_server_flood_ended  (MadoFaultServer *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoFaultServer, mado_fault_server_free)

G_END_DECLS

/* mado-baresip-control.h: baresip's ctrl_tcp connection (netstring-framed JSON over TCP)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define MADO_TYPE_BARESIP_CONTROL (mado_baresip_control_get_type ())
G_DECLARE_FINAL_TYPE (MadoBaresipControl, mado_baresip_control, MADO, BARESIP_CONTROL, GObject)

/* Connects to a ctrl_tcp listener on 127.0.0.1. All I/O is asynchronous on the thread-default
 * main context of the caller. Events arrive through the "event" signal; the connection ending
 * (the helper quit or died) is the "closed" signal, after which every pending command fails. */
void                mado_baresip_control_connect_async  (guint16               port,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
MadoBaresipControl *mado_baresip_control_connect_finish (GAsyncResult         *result,
                                                         GError              **error);

/* Sends one command, e.g. "dial" with "sip:…", "hangup" or "quit". Finishes with the response's
 * text, with %MADO_CALL_ERROR_HELPER_FAILED carrying baresip's text when it refused the command,
 * or with a G_IO_ERROR when the connection closed or broke first. */
void                mado_baresip_control_command_async  (MadoBaresipControl   *self,
                                                         const char           *command,
                                                         const char           *params,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
char               *mado_baresip_control_command_finish (MadoBaresipControl   *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
/* Closes the connection at once; pending commands fail with G_IO_ERROR_CANCELLED. */
void                mado_baresip_control_close          (MadoBaresipControl   *self);

/* Parses the netstrings at the start of @buffer, removing each complete one, and returns the
 * payloads in order. A malformed length or a missing "," fails with G_IO_ERROR_INVALID_DATA. */
GPtrArray          *mado_netstring_take                 (GByteArray           *buffer,
                                                         GError              **error);
GBytes             *mado_netstring_encode               (const char           *payload,
                                                         gsize                 length);

G_END_DECLS

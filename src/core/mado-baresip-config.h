/* mado-baresip-config.h: the configuration one baresip helper process runs with, and what its
 * events mean
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mado-call-backend.h"

G_BEGIN_DECLS

/* How the helper is run. Device specifications are baresip's "driver,device" pairs, such as
 * "alsa,default" or "alsa,plughw:CARD=USB,DEV=0". */
typedef struct {
  const char *module_folder;     /* where baresip's modules are, see mado_baresip_find_modules() */
  const char *local_address;     /* nullable: SIP and RTP on this address only (and on a free port) */
  const char *dns_server;        /* nullable: "address:port" instead of the system's resolvers */
  const char *audio_source;      /* the microphone */
  const char *audio_player;      /* the loudspeaker */
  const char *recording_folder;  /* nullable: tests only, see MadoBaresipBackend:recording-folder */
} MadoBaresipOptions;

/* baresip looks for its modules in the current folder unless told otherwise, so the folder is
 * found next to the program: PREFIX/lib/baresip/modules, or a multiarch PREFIX/lib/TRIPLET/…. */
char           *mado_baresip_find_modules        (const char               *program_path,
                                                  GError                  **error);

/* Writes "config" and "accounts" into @folder (which the caller made private). The accounts file
 * holds the trunk password, if any, so it is created readable by the owner only. */
gboolean        mado_baresip_write_config        (const char               *folder,
                                                  const MadoBaresipOptions *options,
                                                  const MadoDialRequest    *request,
                                                  guint16                   control_port,
                                                  GError                  **error);

/* What a CALL_CLOSED event's text ("486 Busy Here", "Connection refused", "Destination address
 * required", …) means. Returns NONE for a normal hang-up, with @out_by_remote telling who hung
 * up; otherwise the failure, with @out_detail (always set) saying it for people. */
MadoCallFailure mado_baresip_interpret_close     (const char               *reason,
                                                  gboolean                 *out_by_remote,
                                                  char                    **out_detail);

/* Recognises baresip's log lines about audio devices it cannot open, and names the device. */
gboolean        mado_baresip_audio_device_failure (const char              *log_line,
                                                   char                   **out_detail);

G_END_DECLS

/* mado-espeak-link.h: starting madoguchi-espeak-worker, and the frames the app exchanges with it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mado-espeak-engine.h"
#include "mado-espeak-protocol.h"

G_BEGIN_DECLS

/* Starts @program with one end of a socket as its standard input and output; the other end is
 * @link. The worker is killed when the thread that started it ends, and when the app dies. */
GSubprocess *mado_espeak_link_spawn                  (const char             *program,
                                                      GIOStream             **link,
                                                      GError                **error);
GBytes      *mado_espeak_link_encode_request         (MadoEspeakRequestKind   kind,
                                                      const char             *voice,
                                                      const char             *text);
/* Checks a reply header, and sets how many payload bytes follow it. */
gboolean     mado_espeak_link_check_reply_header     (const guint32           header[MADO_ESPEAK_HEADER_WORDS],
                                                      gsize                  *payload_size);
GError      *mado_espeak_link_unreadable_reply_error (void);
/* The MADO_SPEECH_ERROR an error reply stands for; its message is the worker's own. */
GError      *mado_espeak_link_problem_error          (guint32                 problem,
                                                      const guint8           *message,
                                                      gsize                   size);
/* Reads one whole reply, blocking. The payload (freed with g_free) is NUL-terminated, for messages.
 * A worker that stops before it has answered is MADO_SPEECH_ERROR_ENGINE_FAILED. */
gboolean     mado_espeak_link_read_reply             (GInputStream           *replies,
                                                      guint32                 header[MADO_ESPEAK_HEADER_WORDS],
                                                      guint8                **payload,
                                                      gsize                  *payload_size,
                                                      GError                **error);

G_END_DECLS

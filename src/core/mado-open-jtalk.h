/* mado-open-jtalk.h: Japanese speech from the open_jtalk program, through pipes only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mado-audio-buffer.h"

G_BEGIN_DECLS

/* Debian's paths (packages open-jtalk, open-jtalk-mecab-naist-jdic, hts-voice-nitech-jp-atr503-m001). */
#define MADO_OPEN_JTALK_DEFAULT_PROGRAM    "open_jtalk"
#define MADO_OPEN_JTALK_DEFAULT_DICTIONARY "/var/lib/mecab/dic/open-jtalk/naist-jdic"
#define MADO_OPEN_JTALK_DEFAULT_VOICE      "/usr/share/hts-voice/nitech-jp-atr503-m001/nitech_jp_atr503_m001.htsvoice"

typedef struct {
  char *program;     /* a name looked up in PATH, or an absolute path */
  char *dictionary;  /* the MeCab dictionary folder */
  char *voice;       /* the .htsvoice file */
} MadoOpenJTalkSetup;

/* Checks that the program, the dictionary and the voice are installed; the error
 * (MADO_SPEECH_ERROR_ENGINE_MISSING) names the first one that is not. */
gboolean         mado_open_jtalk_check             (const MadoOpenJTalkSetup  *setup,
                                                    GError                   **error);
/* Synthesises @text at the voice's own rate (48 kHz). Cancelling kills the running
 * open_jtalk and finishes only once it has been reaped. */
void             mado_open_jtalk_synthesize_async  (const MadoOpenJTalkSetup  *setup,
                                                    const char                *text,
                                                    GCancellable              *cancellable,
                                                    GAsyncReadyCallback        callback,
                                                    gpointer                   user_data);
MadoAudioBuffer *mado_open_jtalk_synthesize_finish (GAsyncResult              *result,
                                                    GError                   **error);
/* Splits text into the pieces open_jtalk is run on (exposed for the tests). */
GStrv            mado_open_jtalk_split_text        (const char                *text);

G_END_DECLS

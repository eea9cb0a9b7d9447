/* mado-espeak-protocol.h: the frames the app and madoguchi-espeak-worker exchange
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* espeak-ng 1.51 has stack overflows that glibc turns into an abort (Burmese text, long words), so
 * it never runs inside the kiosk: madoguchi-espeak-worker links it and speaks for the app over one
 * Unix socket that is the worker's standard input and output. Both ends are always the same build
 * on the same machine, so numbers travel as host-order 32-bit words.
 *
 * Every frame in either direction is a header of three words, then a payload whose size the header
 * gives:
 *
 *   request  [kind] [voice bytes] [text bytes]           then the voice name, then the UTF-8 text
 *   reply    [MADO_ESPEAK_REPLY_AUDIO] [rate] [samples]  then the samples, signed 16-bit mono
 *   reply    [MADO_ESPEAK_REPLY_VOICE_OK] [0] [0]        the voice is installed
 *   reply    [MADO_ESPEAK_REPLY_ERROR] [what] [bytes]    then an English message for people
 *
 * Each request gets exactly one reply, in order. The worker exits when its input ends. */

#define MADO_ESPEAK_HEADER_WORDS 3
#define MADO_ESPEAK_HEADER_SIZE  (MADO_ESPEAK_HEADER_WORDS * sizeof (guint32))

/* Voice names are short ("cmn-latn-pinyin"); text is at most 2,000 characters of four bytes. The
 * limits only keep a damaged frame from asking for a huge allocation. */
#define MADO_ESPEAK_MAX_VOICE_BYTES   256
#define MADO_ESPEAK_MAX_TEXT_BYTES    (64 * 1024)
/* Half an hour at 22,050 Hz: 2,000 characters take a few minutes to say even at two a second. */
#define MADO_ESPEAK_MAX_SAMPLES       (30u * 60u * 22050u)
#define MADO_ESPEAK_MAX_MESSAGE_BYTES 4096

typedef enum {
  MADO_ESPEAK_REQUEST_SPEAK = 0x53504b31,       /* "SPK1": synthesise the text with the voice */
  MADO_ESPEAK_REQUEST_CHECK_VOICE = 0x56434b31, /* "VCK1": is the voice installed? (no text) */
} MadoEspeakRequestKind;

typedef enum {
  MADO_ESPEAK_REPLY_AUDIO = 0x41554431,         /* "AUD1" */
  MADO_ESPEAK_REPLY_VOICE_OK = 0x564f4b31,      /* "VOK1" */
  MADO_ESPEAK_REPLY_ERROR = 0x45525231,         /* "ERR1" */
} MadoEspeakReplyKind;

/* What an error reply is about; the client turns it into a MadoSpeechError. */
typedef enum {
  MADO_ESPEAK_PROBLEM_DATA_MISSING = 1,   /* espeak-ng could not load its data */
  MADO_ESPEAK_PROBLEM_VOICE_MISSING = 2,  /* no such voice in espeak-ng's data */
  MADO_ESPEAK_PROBLEM_SYNTHESIS = 3,      /* espeak-ng returned an error for this text */
  MADO_ESPEAK_PROBLEM_BAD_REQUEST = 4,    /* the frame made no sense; the worker exits after it */
} MadoEspeakProblem;

G_END_DECLS

/* mado-transcript-guard.h: keeps what recognisers "hear" in silence away from the clerk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MADO_TRANSCRIPT_GUARD_DEFAULT_MIN_SPEECH_MS 300

#define MADO_TYPE_TRANSCRIPT_GUARD (mado_transcript_guard_get_type ())
G_DECLARE_FINAL_TYPE (MadoTranscriptGuard, mado_transcript_guard, MADO, TRANSCRIPT_GUARD, GObject)

/* Whisper-family recognisers turn silence and noise into stock sentences ("Thank you for
 * watching.", 「ご視聴ありがとうございました」) and tags ("[BLANK_AUDIO]", "(音楽)"). The guard
 * stops audio with too little speech before it is sent, and refuses a transcript that is
 * nothing but such sentences and tags. A new guard blocks the shipped list
 * (data/asr-block-list.txt) and wants 300 ms of speech. */
MadoTranscriptGuard *mado_transcript_guard_new            (void);

/* Blocks the lines of a UTF-8 file too: one phrase a line, blank lines and lines starting with
 * '#' ignored; for a city's own additions. Nothing is added when the file cannot be read or a
 * line is not UTF-8 (G_IO_ERROR_INVALID_DATA, naming the line); the error names the path. */
gboolean             mado_transcript_guard_add_file       (MadoTranscriptGuard  *self,
                                                           const char           *path,
                                                           GError              **error);
void                 mado_transcript_guard_add_phrase     (MadoTranscriptGuard  *self,
                                                           const char           *phrase);

/* The least speech, in milliseconds, that audio must hold to be sent (config key
 * min-speech-ms). */
void                 mado_transcript_guard_set_min_speech (MadoTranscriptGuard  *self,
                                                           guint                 milliseconds);
guint                mado_transcript_guard_get_min_speech (MadoTranscriptGuard  *self);

/* Milliseconds of speech in 16 kHz mono sound: about 0 for silence, steady noise or a click;
 * about the spoken length, pauses between words included, for speech. */
guint                mado_transcript_guard_measure_speech (MadoTranscriptGuard  *self,
                                                           const gint16         *samples,
                                                           gsize                 n_samples);
/* Whether the sound holds too little speech to be sent at all. */
gboolean             mado_transcript_guard_is_too_short   (MadoTranscriptGuard  *self,
                                                           const gint16         *samples,
                                                           gsize                 n_samples);

/* The transcript as it should be shown (bracketed tags and music signs dropped, surrounding
 * space trimmed), or %NULL when nothing but blocked phrases, tags, punctuation and spaces is
 * left. A blocked phrase inside longer speech is kept: residents do say "thank you". */
char                *mado_transcript_guard_check          (MadoTranscriptGuard  *self,
                                                           const char           *transcript);

G_END_DECLS

/* mado-speech-corpus.h: labelled speech and noise, synthesised in memory for the detector's tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mado-audio-buffer.h"
#include "mado-voice-activity.h"

G_BEGIN_DECLS

#define MADO_CORPUS_RATE 16000

typedef struct {
  char            *name;
  char            *language;      /* NULL for noise only */
  const char      *noise;         /* "none", "white", "pink" or "babble" */
  /* Speech level over noise level, both as RMS over the speech; INFINITY without noise. */
  double           snr_db;
  MadoAudioBuffer *audio;         /* 16 kHz mono */
  gboolean         has_speech;
  /* Digital silence, or the faint hiss of a quiet room. */
  gboolean         is_silence;
  /* The speech's first sample and one past its last, from how the clip was put together:
   * the synthesised phrases' non-silent extent, not anything a detector said. */
  gsize            speech_start;
  gsize            speech_end;
  /* The longest silence inside the speech (between words or phrases), in samples. */
  gsize            longest_pause;
} MadoCorpusClip;

/* Every utterance (several languages, espeak-ng and Open JTalk, phrases joined by short
 * pauses, at several speech levels) clean and with white, pink and babble noise at 20, 10 and
 * 5 dB SNR; then noise-only and silence-only clips. Nothing is written to disk.
 * Returns a GPtrArray of MadoCorpusClip, or NULL with @error set when an engine fails. */
GPtrArray *mado_speech_corpus_new        (GError  **error);
void       mado_corpus_clip_free         (MadoCorpusClip *clip);

/* What a detector made of a clip, fed in 20 ms blocks as a microphone delivers them. */
typedef struct {
  gboolean started;
  gboolean ended;
  gsize    start;        /* the detector's speech start, pre-roll included */
  gsize    end_decided;  /* where it decided speech had ended */
} MadoCorpusOutcome;

MadoCorpusOutcome mado_speech_corpus_detect (const MadoCorpusClip *clip,
                                             MadoVoiceActivity    *detector);

/* The non-silent extent of @samples: 5 ms frames within 40 dB of the loudest, leaving out
 * specks under 30 ms that are 100 ms or more from any other sound. Returns FALSE for silence. */
gboolean   mado_speech_corpus_find_speech (const gint16 *samples,
                                           gsize         n_samples,
                                           gsize        *start,
                                           gsize        *end);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoCorpusClip, mado_corpus_clip_free)

G_END_DECLS

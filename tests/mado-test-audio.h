/* mado-test-audio.h: test signals and the measures the audio tests check them with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mado-audio-buffer.h"

G_BEGIN_DECLS

/* A sine at @frequency Hz and @amplitude, @seconds long, at @rate. */
MadoAudioBuffer *mado_test_make_sine          (guint            rate,
                                               double           frequency,
                                               double           seconds,
                                               double           amplitude);

/* Whether @a and @b hold the same samples, and at least one. */
gboolean         mado_test_same_samples       (MadoAudioBuffer *a,
                                               MadoAudioBuffer *b);

/* Sign changes per second over the middle 80 % of @samples (a filter's edges are left out):
 * twice the frequency for a clean sine. */
double           mado_test_zero_crossing_rate (const gint16    *samples,
                                               gsize            n,
                                               guint            rate);

/* The highest normalised cross-correlation between @a and @b over lags of ±@max_lag samples:
 * 1 for the same signal, whatever its level; about 0 for unrelated ones. @best_lag, when not
 * %NULL, receives the lag where it is. */
double           mado_test_best_correlation   (const gint16    *a,
                                               gsize            n_a,
                                               const gint16    *b,
                                               gsize            n_b,
                                               int              max_lag,
                                               int             *best_lag);

G_END_DECLS

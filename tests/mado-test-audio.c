/* mado-test-audio.c: test signals and the measures the audio tests check them with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-test-audio.h"

#include <math.h>
#include <string.h>

MadoAudioBuffer *
mado_test_make_sine (guint  rate,
                     double frequency,
                     double seconds,
                     double amplitude)
{
  gsize n = (gsize) (rate * seconds);
  gint16 *samples = g_new (gint16, n);

  for (gsize i = 0; i < n; i++)
    samples[i] = (gint16) lround (amplitude * sin (2 * G_PI * frequency * i / rate));

  return mado_audio_buffer_new_take (rate, samples, n);
}

gboolean
mado_test_same_samples (MadoAudioBuffer *a,
                        MadoAudioBuffer *b)
{
  gsize n_a, n_b;
  const gint16 *samples_a = mado_audio_buffer_get_samples (a, &n_a);
  const gint16 *samples_b = mado_audio_buffer_get_samples (b, &n_b);

  return n_a == n_b && n_a > 0 && memcmp (samples_a, samples_b, n_a * sizeof (gint16)) == 0;
}

double
mado_test_zero_crossing_rate (const gint16 *samples,
                              gsize         n,
                              guint         rate)
{
  gsize start = n / 10;
  gsize end = n - n / 10;
  guint crossings = 0;

  for (gsize i = start + 1; i < end; i++)
    if ((samples[i - 1] < 0) != (samples[i] < 0))
      crossings++;

  return crossings * (double) rate / (end - start - 1);
}

double
mado_test_best_correlation (const gint16 *a,
                            gsize         n_a,
                            const gint16 *b,
                            gsize         n_b,
                            int           max_lag,
                            int          *best_lag)
{
  double best = -1.0;

  for (int lag = -max_lag; lag <= max_lag; lag++)
    {
      double ab = 0, aa = 0, bb = 0;

      for (gsize i = 0; i < n_a; i++)
        {
          gssize j = (gssize) i + lag;

          if (j < 0 || j >= (gssize) n_b)
            continue;
          ab += (double) a[i] * b[j];
          aa += (double) a[i] * a[i];
          bb += (double) b[j] * b[j];
        }
      if (aa > 0 && bb > 0 && ab / sqrt (aa * bb) > best)
        {
          best = ab / sqrt (aa * bb);
          if (best_lag != NULL)
            *best_lag = lag;
        }
    }

  return best;
}

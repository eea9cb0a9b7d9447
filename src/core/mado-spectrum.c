/* mado-spectrum.c: power spectra of 32 ms of 16-bit sound, for the speech detector
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-spectrum.h"

#include <math.h>

/* Shared, read-only tables: the Hann window, the FFT's twiddle factors and bit reversal. */
typedef struct {
  double window[MADO_SPECTRUM_SIZE];
  double window_energy;
  double twiddle_cos[MADO_SPECTRUM_SIZE / 2];
  double twiddle_sin[MADO_SPECTRUM_SIZE / 2];
  guint  bit_reversed[MADO_SPECTRUM_SIZE];
} Tables;

static Tables tables;

static const Tables *
get_tables (void)
{
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      for (guint i = 0; i < MADO_SPECTRUM_SIZE; i++)
        {
          guint reversed = 0;

          tables.window[i] = 0.5 - 0.5 * cos (2.0 * G_PI * i / MADO_SPECTRUM_SIZE);
          tables.window_energy += tables.window[i] * tables.window[i];
          for (guint b = 0; b < MADO_SPECTRUM_BITS; b++)
            reversed |= ((i >> b) & 1) << (MADO_SPECTRUM_BITS - 1 - b);
          tables.bit_reversed[i] = reversed;
        }
      for (guint i = 0; i < MADO_SPECTRUM_SIZE / 2; i++)
        {
          tables.twiddle_cos[i] = cos (2.0 * G_PI * i / MADO_SPECTRUM_SIZE);
          tables.twiddle_sin[i] = -sin (2.0 * G_PI * i / MADO_SPECTRUM_SIZE);
        }
      g_once_init_leave (&initialised, 1);
    }

  return &tables;
}

/* In-place iterative radix-2 FFT. */
static void
fft (const Tables *t,
     double       *real,
     double       *imaginary)
{
  for (guint i = 0; i < MADO_SPECTRUM_SIZE; i++)
    if (t->bit_reversed[i] > i)
      {
        guint j = t->bit_reversed[i];
        double swap = real[i];

        real[i] = real[j];
        real[j] = swap;
        swap = imaginary[i];
        imaginary[i] = imaginary[j];
        imaginary[j] = swap;
      }

  for (guint size = 2; size <= MADO_SPECTRUM_SIZE; size *= 2)
    {
      guint half = size / 2;
      guint step = MADO_SPECTRUM_SIZE / size;

      for (guint start = 0; start < MADO_SPECTRUM_SIZE; start += size)
        for (guint k = 0; k < half; k++)
          {
            double wr = t->twiddle_cos[k * step];
            double wi = t->twiddle_sin[k * step];
            guint a = start + k;
            guint b = a + half;
            double tr = wr * real[b] - wi * imaginary[b];
            double ti = wr * imaginary[b] + wi * real[b];

            real[b] = real[a] - tr;
            imaginary[b] = imaginary[a] - ti;
            real[a] += tr;
            imaginary[a] += ti;
          }
    }
}

void
mado_spectrum_power (const double *ring,
                     guint         oldest,
                     guint         first_bin,
                     guint         last_bin,
                     double       *power)
{
  const Tables *t = get_tables ();
  double real[MADO_SPECTRUM_SIZE];
  double imaginary[MADO_SPECTRUM_SIZE] = { 0 };

  g_return_if_fail (ring != NULL && power != NULL);
  g_return_if_fail (first_bin <= last_bin && last_bin <= MADO_SPECTRUM_SIZE / 2);

  for (guint i = 0; i < MADO_SPECTRUM_SIZE; i++)
    real[i] = ring[(oldest + i) % MADO_SPECTRUM_SIZE] * t->window[i];
  fft (t, real, imaginary);
  for (guint k = first_bin; k <= last_bin; k++)
    power[k - first_bin] = real[k] * real[k] + imaginary[k] * imaginary[k];
}

/* White noise of mean square m puts m × Σw² into every bin, counting one half of the
 * spectrum; a sound's mean square over some bins is then 2 Σ|X|² / (N Σw²). */
double
mado_spectrum_to_dbfs (double power)
{
  double full_scale = 32768.0 * 32768.0 * get_tables ()->window_energy * MADO_SPECTRUM_SIZE / 2.0;

  return 10.0 * log10 (power / full_scale + 1e-30);
}

double
mado_spectrum_bin_power_of (double dbfs)
{
  return pow (10.0, dbfs / 10.0) * 32768.0 * 32768.0 * get_tables ()->window_energy;
}

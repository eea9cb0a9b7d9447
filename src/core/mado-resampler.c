/* mado-resampler.c: band-limited sample-rate conversion, in one go or a block at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-resampler.h"

#include <math.h>
#include <string.h>

/* Band-limited resampling with a Kaiser-windowed sinc. Linear interpolation would fold the
 * 11–24 kHz part of Open JTalk's 48 kHz output (or of a 48 kHz microphone) back into the
 * speech band when it goes down to 16 or 22.05 kHz, which is audible as hiss and confuses a
 * recogniser; a windowed sinc keeps the aliases below -80 dB. The kernel is tabulated once
 * and read with linear interpolation between table steps. */
#define SINC_ZERO_CROSSINGS 16
#define SINC_TABLE_STEPS    512
#define SINC_KAISER_BETA    8.6
/* The cutoff sits a little below the lower Nyquist frequency so that the transition band
 * (about 1/SINC_ZERO_CROSSINGS of it) ends before aliasing starts. */
#define SINC_CUTOFF         0.94

static double sinc_table[SINC_ZERO_CROSSINGS * SINC_TABLE_STEPS + 2];

struct _MadoResampler
{
  guint    input_rate;
  guint    output_rate;
  /* Input samples per output sample, the filter's frequency scale and how far (in input
   * samples) it reaches on either side of an output sample's position. */
  double   step;
  double   scale;
  double   reach;

  /* The input samples still needed, the first of which is input sample number
   * history_start of the stream. */
  GArray  *history;
  guint64  history_start;
  guint64  n_input;
  guint64  n_output;
};

static double
bessel_i0 (double x)
{
  double sum = 1.0;
  double term = 1.0;

  for (int k = 1; k < 50; k++)
    {
      term *= (x / (2.0 * k)) * (x / (2.0 * k));
      sum += term;
      if (term < sum * 1e-17)
        break;
    }

  return sum;
}

static void
ensure_sinc_table (void)
{
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      const gsize n = SINC_ZERO_CROSSINGS * SINC_TABLE_STEPS;
      const double window_norm = bessel_i0 (SINC_KAISER_BETA);

      for (gsize i = 0; i <= n; i++)
        {
          double x = (double) i / SINC_TABLE_STEPS;
          double ratio = x / SINC_ZERO_CROSSINGS;
          double sinc = i == 0 ? 1.0 : sin (G_PI * x) / (G_PI * x);
          double window = bessel_i0 (SINC_KAISER_BETA * sqrt (MAX (0.0, 1.0 - ratio * ratio))) / window_norm;

          sinc_table[i] = sinc * window;
        }
      sinc_table[n + 1] = 0.0;
      g_once_init_leave (&initialised, 1);
    }
}

static inline double
sinc_kernel (double x)
{
  double position = fabs (x) * SINC_TABLE_STEPS;
  gsize index = (gsize) position;
  double fraction = position - index;

  if (index >= SINC_ZERO_CROSSINGS * SINC_TABLE_STEPS)
    return 0.0;

  return sinc_table[index] + fraction * (sinc_table[index + 1] - sinc_table[index]);
}

static inline gint16
clamp_sample (double value)
{
  return (gint16) CLAMP (lround (value), G_MININT16, G_MAXINT16);
}

/**
 * mado_resampler_new:
 * @input_rate: samples per second coming in, greater than zero
 * @output_rate: samples per second wanted, greater than zero
 *
 * Returns: (transfer full): a converter; free it with mado_resampler_free().
 */
MadoResampler *
mado_resampler_new (guint input_rate,
                    guint output_rate)
{
  MadoResampler *self;

  g_return_val_if_fail (input_rate > 0, NULL);
  g_return_val_if_fail (output_rate > 0, NULL);

  ensure_sinc_table ();

  self = g_new0 (MadoResampler, 1);
  self->input_rate = input_rate;
  self->output_rate = output_rate;
  self->step = (double) input_rate / output_rate;
  /* When going down, the kernel is stretched so that its cutoff follows the output's
   * Nyquist frequency; when going up, the input's own band limit is the one that matters. */
  self->scale = MIN (1.0, (double) output_rate / input_rate) * SINC_CUTOFF;
  self->reach = SINC_ZERO_CROSSINGS / self->scale;
  self->history = g_array_new (FALSE, FALSE, sizeof (gint16));

  return self;
}

void
mado_resampler_free (MadoResampler *self)
{
  g_return_if_fail (self != NULL);

  g_array_unref (self->history);
  g_free (self);
}

guint
mado_resampler_get_input_rate (MadoResampler *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->input_rate;
}

guint
mado_resampler_get_output_rate (MadoResampler *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->output_rate;
}

/* Computes output samples while they need no input beyond @available (exclusive) and,
 * when @limit is not G_MAXUINT64, until there are @limit of them. Input past @available
 * counts as silence. */
static void
produce (MadoResampler *self,
         guint64        available,
         guint64        limit,
         gboolean       past_end_is_silence,
         GArray        *output)
{
  const gint16 *history = (const gint16 *) self->history->data;

  while (self->n_output < limit)
    {
      double centre = self->n_output * self->step;
      gint64 first = (gint64) ceil (centre - self->reach);
      gint64 last = (gint64) floor (centre + self->reach);
      double sum = 0.0;
      gint16 sample;

      if (!past_end_is_silence && last >= (gint64) available)
        break;

      first = MAX (first, 0);
      last = MIN (last, (gint64) available - 1);
      /* The same terms in the same order as a whole-buffer conversion, so block-wise and
       * whole conversions agree to the last bit. */
      for (gint64 k = first; k <= last; k++)
        sum += history[k - (gint64) self->history_start] * sinc_kernel ((centre - k) * self->scale);

      sample = clamp_sample (sum * self->scale);
      g_array_append_val (output, sample);
      self->n_output++;
    }
}

/* Forgets the input samples that no later output sample reaches back to. */
static void
trim_history (MadoResampler *self)
{
  gint64 needed = (gint64) ceil (self->n_output * self->step - self->reach);
  guint64 drop;

  if (needed <= (gint64) self->history_start)
    return;

  drop = MIN ((guint64) needed - self->history_start, self->history->len);
  g_array_remove_range (self->history, 0, (guint) drop);
  self->history_start += drop;
}

void
mado_resampler_process (MadoResampler *self,
                        const gint16  *input,
                        gsize          n_input,
                        GArray        *output)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (input != NULL || n_input == 0);
  g_return_if_fail (output != NULL && g_array_get_element_size (output) == sizeof (gint16));

  /* At the same rate the filter would still smooth the sound a little; the stream passes as
   * it is. */
  if (self->input_rate == self->output_rate)
    {
      g_array_append_vals (output, input, n_input);
      return;
    }

  g_array_append_vals (self->history, input, n_input);
  self->n_input += n_input;

  produce (self, self->n_input, G_MAXUINT64, FALSE, output);
  trim_history (self);
}

void
mado_resampler_flush (MadoResampler *self,
                      GArray        *output)
{
  guint64 total;

  g_return_if_fail (self != NULL);
  g_return_if_fail (output != NULL && g_array_get_element_size (output) == sizeof (gint16));

  /* The output lasts as long as the input, rounded to the nearest output sample. */
  total = (self->n_input * self->output_rate + self->input_rate / 2) / self->input_rate;
  produce (self, self->n_input, total, TRUE, output);
  trim_history (self);
}

/* test-resampler.c: sample-rate conversion a block at a time, as the microphone needs it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-audio-buffer.h"
#include "mado-resampler.h"

#include <math.h>

static const struct {
  guint from;
  guint to;
} rate_pairs[] = {
  { 48000, 16000 },   /* USB microphones */
  { 44100, 16000 },   /* built-in codecs */
  { 22050, 16000 },
  { 16000, 48000 },   /* upwards too */
  { 8000, 16000 },
};

/* Speech-like test sound with no period to lock onto: a chirp under pseudo-random noise. */
static gint16 *
make_signal (guint  rate,
             gsize  n_samples,
             guint32 seed)
{
  g_autoptr(GRand) noise = g_rand_new_with_seed (seed);
  gint16 *samples = g_new (gint16, n_samples);

  for (gsize i = 0; i < n_samples; i++)
    {
      double t = (double) i / rate;

      samples[i] = (gint16) lround (9000.0 * sin (2 * G_PI * (150.0 + 900.0 * t) * t) +
                                    g_rand_double_range (noise, -3000.0, 3000.0));
    }

  return samples;
}

/* A stream converted in blocks of any size comes out sample for sample as the whole buffer
 * converted at once, so capture at 48 kHz gives the same 16 kHz a file conversion would. */
static void
test_blocks_match_whole (void)
{
  g_autoptr(GRand) sizes = g_rand_new_with_seed (5);

  for (guint p = 0; p < G_N_ELEMENTS (rate_pairs); p++)
    {
      gsize n_samples = rate_pairs[p].from * 3 + 17;
      gint16 *samples = make_signal (rate_pairs[p].from, n_samples, p);
      g_autoptr(MadoAudioBuffer) buffer = mado_audio_buffer_new_take (rate_pairs[p].from, samples, n_samples);
      g_autoptr(MadoAudioBuffer) whole = mado_audio_buffer_resample (buffer, rate_pairs[p].to);
      g_autoptr(MadoResampler) resampler = mado_resampler_new (rate_pairs[p].from, rate_pairs[p].to);
      g_autoptr(GArray) blocks = g_array_new (FALSE, FALSE, sizeof (gint16));
      gsize n_whole;
      const gint16 *expected = mado_audio_buffer_get_samples (whole, &n_whole);

      g_assert_cmpuint (mado_resampler_get_input_rate (resampler), ==, rate_pairs[p].from);
      g_assert_cmpuint (mado_resampler_get_output_rate (resampler), ==, rate_pairs[p].to);

      for (gsize offset = 0; offset < n_samples;)
        {
          gsize wanted = (gsize) g_rand_int_range (sizes, 1, 2000);
          gsize block = MIN (wanted, n_samples - offset);

          mado_resampler_process (resampler, samples + offset, block, blocks);
          offset += block;
        }
      mado_resampler_flush (resampler, blocks);

      g_test_message ("%u → %u Hz: %u samples", rate_pairs[p].from, rate_pairs[p].to, blocks->len);
      g_assert_cmpuint (blocks->len, ==, n_whole);
      g_assert_cmpmem (blocks->data, blocks->len * sizeof (gint16), expected, n_whole * sizeof (gint16));
    }
}

/* Block by block, the output keeps up with the input: what is still held back is only the
 * filter's reach (16 zero crossings of the sinc), about a millisecond, not a buffer's worth. */
static void
test_output_keeps_up (void)
{
  for (guint p = 0; p < G_N_ELEMENTS (rate_pairs); p++)
    {
      guint from = rate_pairs[p].from;
      guint to = rate_pairs[p].to;
      gsize block = from / 50;   /* 20 ms */
      g_autofree gint16 *samples = make_signal (from, block * 50, p);
      g_autoptr(MadoResampler) resampler = mado_resampler_new (from, to);
      g_autoptr(GArray) output = g_array_new (FALSE, FALSE, sizeof (gint16));

      for (guint b = 0; b < 50; b++)
        {
          double owed;

          mado_resampler_process (resampler, samples + b * block, block, output);
          owed = (double) (b + 1) * block * to / from - output->len;
          g_assert_cmpfloat (owed, >=, 0.0);
          g_assert_cmpfloat (owed * 1000.0 / to, <, 2.5);
        }

      /* Flushing delivers the rest: one second in, one second out. */
      mado_resampler_flush (resampler, output);
      g_assert_cmpuint (output->len, ==, to);
    }
}

/* The same rate passes the stream through untouched. */
static void
test_same_rate_is_a_copy (void)
{
  g_autofree gint16 *samples = make_signal (16000, 4000, 9);
  g_autoptr(MadoResampler) resampler = mado_resampler_new (16000, 16000);
  g_autoptr(GArray) output = g_array_new (FALSE, FALSE, sizeof (gint16));

  mado_resampler_process (resampler, samples, 1000, output);
  mado_resampler_process (resampler, samples + 1000, 3000, output);
  mado_resampler_flush (resampler, output);

  g_assert_cmpuint (output->len, ==, 4000);
  g_assert_cmpmem (output->data, output->len * sizeof (gint16), samples, 4000 * sizeof (gint16));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/madoguchi/resampler/blocks-match-whole", test_blocks_match_whole);
  g_test_add_func ("/madoguchi/resampler/output-keeps-up", test_output_keeps_up);
  g_test_add_func ("/madoguchi/resampler/same-rate-is-a-copy", test_same_rate_is_a_copy);

  return g_test_run ();
}

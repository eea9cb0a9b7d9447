/* test-audio-buffer.c: PCM in memory: levels, WAV images and rate conversion
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-audio-buffer.h"
#include "mado-audio-output.h"
#include "mado-test-audio.h"
#include "mado-test-utils.h"

#include <math.h>

/* Sign changes per second over the middle of the buffer: twice the frequency for a clean sine. */
static double
zero_crossing_rate (MadoAudioBuffer *buffer)
{
  gsize n;
  const gint16 *samples = mado_audio_buffer_get_samples (buffer, &n);

  return mado_test_zero_crossing_rate (samples, n, mado_audio_buffer_get_rate (buffer));
}

static double
middle_rms (MadoAudioBuffer *buffer)
{
  gsize n;
  const gint16 *samples = mado_audio_buffer_get_samples (buffer, &n);
  double sum = 0;

  for (gsize i = n / 10; i < n - n / 10; i++)
    sum += (double) samples[i] * samples[i];

  return sqrt (sum / (n - 2 * (n / 10)));
}

static void
test_buffer_basics (void)
{
  g_autoptr(MadoAudioBuffer) buffer = mado_audio_buffer_new (8000);
  gint16 square[400];
  gsize n = 0;

  g_assert_cmpuint (mado_audio_buffer_get_length (buffer), ==, 0);
  g_assert_cmpfloat (mado_audio_buffer_get_rms (buffer), ==, 0.0);
  g_assert_null (mado_audio_buffer_get_samples (buffer, &n));
  g_assert_cmpuint (n, ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (square); i++)
    square[i] = (i / 4) % 2 == 0 ? 1000 : -1000;
  for (guint i = 0; i < 50; i++)
    mado_audio_buffer_append (buffer, square, G_N_ELEMENTS (square));

  g_assert_cmpuint (mado_audio_buffer_get_length (buffer), ==, 20000);
  g_assert_cmpfloat_with_epsilon (mado_audio_buffer_get_duration (buffer), 2.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (mado_audio_buffer_get_rms (buffer), 1000.0, 1e-9);
  g_assert_cmpint (mado_audio_buffer_get_samples (buffer, NULL)[19999], ==, square[399]);

  /* Reference counting keeps the samples alive for a second owner. */
  {
    MadoAudioBuffer *second = mado_audio_buffer_ref (buffer);

    g_clear_pointer (&buffer, mado_audio_buffer_unref);
    g_assert_cmpuint (mado_audio_buffer_get_length (second), ==, 20000);
    mado_audio_buffer_unref (second);
  }
}

static void
test_wav_round_trip (void)
{
  g_autoptr(MadoAudioBuffer) sine = mado_test_make_sine (22050, 440.0, 1.0, 12000.0);
  g_autoptr(GBytes) wav = mado_audio_buffer_to_wav (sine);
  g_autoptr(MadoAudioBuffer) parsed = NULL;
  g_autoptr(GError) error = NULL;
  gsize size;
  const guint8 *data = g_bytes_get_data (wav, &size);

  /* The canonical 44-byte header, field by field as the RIFF/WAVE specification lays it out. */
  g_assert_cmpuint (size, ==, 44 + 22050 * 2);
  g_assert_cmpmem (data, 4, "RIFF", 4);
  g_assert_cmpuint (GUINT32_FROM_LE (*(guint32 *) (data + 4)), ==, size - 8);
  g_assert_cmpmem (data + 8, 8, "WAVEfmt ", 8);
  g_assert_cmpuint (GUINT16_FROM_LE (*(guint16 *) (data + 20)), ==, 1);      /* PCM */
  g_assert_cmpuint (GUINT16_FROM_LE (*(guint16 *) (data + 22)), ==, 1);      /* mono */
  g_assert_cmpuint (GUINT32_FROM_LE (*(guint32 *) (data + 24)), ==, 22050);  /* rate */
  g_assert_cmpuint (GUINT32_FROM_LE (*(guint32 *) (data + 28)), ==, 44100);  /* bytes per second */
  g_assert_cmpuint (GUINT16_FROM_LE (*(guint16 *) (data + 34)), ==, 16);     /* bits */
  g_assert_cmpmem (data + 36, 4, "data", 4);
  g_assert_cmpuint (GUINT32_FROM_LE (*(guint32 *) (data + 40)), ==, 44100);

  parsed = mado_audio_buffer_new_from_wav (data, size, &error);
  g_assert_no_error (error);
  g_assert_true (mado_test_same_samples (parsed, sine));
  g_assert_cmpuint (mado_audio_buffer_get_rate (parsed), ==, 22050);
  g_assert_cmpfloat_with_epsilon (zero_crossing_rate (parsed), 880.0, 880.0 * 0.01);
}

static void
put_u16 (GByteArray *out,
         guint16     value)
{
  guint8 bytes[2] = { value & 0xFF, value >> 8 };

  g_byte_array_append (out, bytes, 2);
}

static void
put_u32 (GByteArray *out,
         guint32     value)
{
  guint8 bytes[4] = { value & 0xFF, (value >> 8) & 0xFF, (value >> 16) & 0xFF, value >> 24 };

  g_byte_array_append (out, bytes, 4);
}

/* A WAV image written by hand, so the reader is checked against the format rather than
 * against the writer above. @extra_chunk adds an odd-sized "LIST" chunk before the samples. */
static GByteArray *
build_wav (guint16        format_tag,
           guint16        channels,
           guint16        bits,
           guint32        rate,
           const gint16  *frames,
           guint32        n_values,
           gboolean       extra_chunk,
           guint32        claimed_data_bytes)
{
  GByteArray *out = g_byte_array_new ();

  g_byte_array_append (out, (const guint8 *) "RIFF", 4);
  put_u32 (out, 0);
  g_byte_array_append (out, (const guint8 *) "WAVEfmt ", 8);
  if (format_tag == 0xFFFE)
    {
      static const guint8 pcm_guid_tail[14] = { 0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00,
                                                0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71 };

      put_u32 (out, 40);
      put_u16 (out, format_tag);
      put_u16 (out, channels);
      put_u32 (out, rate);
      put_u32 (out, rate * channels * bits / 8);
      put_u16 (out, channels * bits / 8);
      put_u16 (out, bits);
      put_u16 (out, 22);
      put_u16 (out, bits);
      put_u32 (out, channels == 2 ? 3 : 4);
      put_u16 (out, 1);
      g_byte_array_append (out, pcm_guid_tail, sizeof pcm_guid_tail);
    }
  else
    {
      put_u32 (out, 16);
      put_u16 (out, format_tag);
      put_u16 (out, channels);
      put_u32 (out, rate);
      put_u32 (out, rate * channels * bits / 8);
      put_u16 (out, channels * bits / 8);
      put_u16 (out, bits);
    }
  if (extra_chunk)
    {
      g_byte_array_append (out, (const guint8 *) "LIST", 4);
      put_u32 (out, 5);
      g_byte_array_append (out, (const guint8 *) "INFO!\0", 6);
    }
  g_byte_array_append (out, (const guint8 *) "data", 4);
  put_u32 (out, claimed_data_bytes != 0 ? claimed_data_bytes : n_values * 2);
  for (guint32 i = 0; i < n_values; i++)
    put_u16 (out, (guint16) frames[i]);

  out->data[4] = (out->len - 8) & 0xFF;
  out->data[5] = ((out->len - 8) >> 8) & 0xFF;

  return out;
}

static void
test_wav_stereo_and_errors (void)
{
  static const gint16 stereo[] = { 1000, 3000, -2000, -4000, 7, 8, -7, -8, 32767, 32767 };
  static const gint16 expected_mono[] = { 2000, -3000, 7, -7, 32767 };
  static const struct {
    guint16     format_tag;
    guint16     channels;
    guint16     bits;
    guint32     claimed;
    const char *message_part;
  } broken[] = {
    { 3, 1, 16, 0, "format 0x0003" },        /* IEEE float */
    { 1, 1, 8, 0, "8 bits" },
    { 1, 3, 16, 0, "3 channels" },
    { 1, 2, 16, 4000, "truncated" },
  };
  g_autoptr(GError) error = NULL;

  for (int extensible = 0; extensible <= 1; extensible++)
    {
      g_autoptr(GByteArray) image = build_wav (extensible ? 0xFFFE : 1, 2, 16, 16000, stereo, G_N_ELEMENTS (stereo), TRUE, 0);
      g_autoptr(MadoAudioBuffer) mono = mado_audio_buffer_new_from_wav (image->data, image->len, &error);
      gsize n;
      const gint16 *samples;

      g_assert_no_error (error);
      samples = mado_audio_buffer_get_samples (mono, &n);
      g_assert_cmpuint (mado_audio_buffer_get_rate (mono), ==, 16000);
      g_assert_cmpmem (samples, n * sizeof (gint16), expected_mono, sizeof expected_mono);
    }

  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autoptr(GByteArray) image = build_wav (broken[i].format_tag, broken[i].channels, broken[i].bits, 16000,
                                               stereo, G_N_ELEMENTS (stereo), FALSE, broken[i].claimed);
      g_autoptr(MadoAudioBuffer) none = mado_audio_buffer_new_from_wav (image->data, image->len, &error);

      g_assert_null (none);
      g_assert_error (error, MADO_AUDIO_ERROR, MADO_AUDIO_ERROR_FORMAT);
      mado_test_assert_mentions (error, broken[i].message_part);
      g_clear_error (&error);
    }

  g_assert_null (mado_audio_buffer_new_from_wav ((const guint8 *) "ID3\x04 not a wave file", 20, &error));
  g_assert_error (error, MADO_AUDIO_ERROR, MADO_AUDIO_ERROR_FORMAT);
  g_clear_error (&error);
  g_assert_null (mado_audio_buffer_new_from_wav ((const guint8 *) "RIFF\x04\0\0\0WAVE", 12, &error));
  g_assert_error (error, MADO_AUDIO_ERROR, MADO_AUDIO_ERROR_FORMAT);
}

static void
test_resample_keeps_duration_and_pitch (void)
{
  static const struct {
    guint  from;
    guint  to;
    double frequency;
  } cases[] = {
    { 48000, 22050, 1000.0 },   /* Open JTalk to the kiosk's rate */
    { 48000, 16000, 1000.0 },
    { 22050, 16000, 3000.0 },
    { 16000, 48000, 440.0 },    /* upwards */
    { 22050, 44100, 5000.0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MadoAudioBuffer) sine = mado_test_make_sine (cases[i].from, cases[i].frequency, 2.0, 10000.0);
      g_autoptr(MadoAudioBuffer) converted = mado_audio_buffer_resample (sine, cases[i].to);

      g_test_message ("%u → %u Hz, %.0f Hz tone", cases[i].from, cases[i].to, cases[i].frequency);
      g_assert_cmpuint (mado_audio_buffer_get_rate (converted), ==, cases[i].to);
      g_assert_cmpfloat_with_epsilon (mado_audio_buffer_get_duration (converted), 2.0, 1.0 / cases[i].to);
      g_assert_cmpfloat_with_epsilon (zero_crossing_rate (converted), 2 * cases[i].frequency,
                                      2 * cases[i].frequency * 0.005);
      /* A tone in the pass band keeps its level (a sine of amplitude A has RMS A/√2). */
      g_assert_cmpfloat_with_epsilon (middle_rms (converted), 10000.0 / G_SQRT2, 10000.0 / G_SQRT2 * 0.02);
    }
}

static void
test_resample_filters_aliases (void)
{
  /* 10 kHz does not exist at 16 kHz (Nyquist 8 kHz). Dropping samples or interpolating
   * linearly would fold it to an audible 6 kHz tone at nearly full level; a proper filter
   * leaves next to nothing. */
  g_autoptr(MadoAudioBuffer) high = mado_test_make_sine (48000, 10000.0, 1.0, 10000.0);
  g_autoptr(MadoAudioBuffer) down = mado_audio_buffer_resample (high, 16000);

  g_assert_cmpfloat (middle_rms (down), <, 10000.0 / G_SQRT2 * 0.01);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/madoguchi/audio-buffer/basics", test_buffer_basics);
  g_test_add_func ("/madoguchi/audio-buffer/wav-round-trip", test_wav_round_trip);
  g_test_add_func ("/madoguchi/audio-buffer/wav-stereo-and-errors", test_wav_stereo_and_errors);
  g_test_add_func ("/madoguchi/audio-buffer/resample-keeps-duration-and-pitch", test_resample_keeps_duration_and_pitch);
  g_test_add_func ("/madoguchi/audio-buffer/resample-filters-aliases", test_resample_filters_aliases);

  return g_test_run ();
}

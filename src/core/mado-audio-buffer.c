/* mado-audio-buffer.c: mono 16-bit PCM held in memory (audio never goes to disk)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-audio-buffer.h"

#include <math.h>
#include <string.h>

#include "mado-audio-output.h"
#include "mado-resampler.h"

/* A buffer is filled by one owner (a synthesizer, a capture loop) and then shared read-only
 * between threads: the player, the UI's level meter, the replay button. Appending after the
 * buffer has been shared is the caller's mistake, so there is no lock. */
struct _MadoAudioBuffer
{
  gatomicrefcount  ref_count;
  guint            sample_rate;
  gint16          *samples;
  gsize            length;
  gsize            capacity;
};

G_DEFINE_BOXED_TYPE (MadoAudioBuffer, mado_audio_buffer, mado_audio_buffer_ref, mado_audio_buffer_unref)

/**
 * mado_audio_buffer_new:
 * @sample_rate: samples per second, greater than zero
 *
 * Returns: (transfer full): an empty buffer.
 */
MadoAudioBuffer *
mado_audio_buffer_new (guint sample_rate)
{
  MadoAudioBuffer *self;

  g_return_val_if_fail (sample_rate > 0, NULL);

  self = g_new0 (MadoAudioBuffer, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->sample_rate = sample_rate;

  return self;
}

/**
 * mado_audio_buffer_new_take:
 * @sample_rate: samples per second, greater than zero
 * @samples: (transfer full) (array length=n_samples) (nullable): samples allocated with g_malloc()
 * @n_samples: how many samples @samples holds
 *
 * Returns: (transfer full): a buffer that owns @samples.
 */
MadoAudioBuffer *
mado_audio_buffer_new_take (guint   sample_rate,
                            gint16 *samples,
                            gsize   n_samples)
{
  MadoAudioBuffer *self;

  g_return_val_if_fail (sample_rate > 0, NULL);
  g_return_val_if_fail (samples != NULL || n_samples == 0, NULL);

  self = mado_audio_buffer_new (sample_rate);
  self->samples = samples;
  self->length = n_samples;
  self->capacity = n_samples;

  return self;
}

MadoAudioBuffer *
mado_audio_buffer_ref (MadoAudioBuffer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
mado_audio_buffer_unref (MadoAudioBuffer *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_free (self->samples);
      g_free (self);
    }
}

void
mado_audio_buffer_append (MadoAudioBuffer *self,
                          const gint16    *samples,
                          gsize            n_samples)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (samples != NULL || n_samples == 0);

  if (n_samples == 0)
    return;

  g_return_if_fail (n_samples <= G_MAXSIZE / sizeof (gint16) - self->length);

  if (self->length + n_samples > self->capacity)
    {
      /* Doubling keeps a synthesizer's many small callbacks from copying the whole buffer
       * each time. */
      gsize wanted = MAX (self->length + n_samples, MAX (self->capacity * 2, 4096));

      self->samples = g_renew (gint16, self->samples, wanted);
      self->capacity = wanted;
    }

  memcpy (self->samples + self->length, samples, n_samples * sizeof (gint16));
  self->length += n_samples;
}

/**
 * mado_audio_buffer_get_samples:
 * @self: a buffer
 * @n_samples: (out) (optional): where to store the number of samples
 *
 * Returns: (transfer none) (array length=n_samples) (nullable): the samples, valid until the
 *   buffer is appended to or freed; %NULL when the buffer is empty.
 */
const gint16 *
mado_audio_buffer_get_samples (MadoAudioBuffer *self,
                               gsize           *n_samples)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (n_samples != NULL)
    *n_samples = self->length;

  return self->samples;
}

gsize
mado_audio_buffer_get_length (MadoAudioBuffer *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->length;
}

guint
mado_audio_buffer_get_rate (MadoAudioBuffer *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->sample_rate;
}

/**
 * mado_audio_buffer_get_duration:
 *
 * Returns: the length in seconds.
 */
double
mado_audio_buffer_get_duration (MadoAudioBuffer *self)
{
  g_return_val_if_fail (self != NULL, 0.0);

  return (double) self->length / self->sample_rate;
}

/**
 * mado_audio_buffer_get_rms:
 *
 * Returns: the root mean square of the samples, on the sample scale (0 for silence, about
 *   23,170 for a full-scale sine); 0 for an empty buffer.
 */
double
mado_audio_buffer_get_rms (MadoAudioBuffer *self)
{
  double sum = 0.0;

  g_return_val_if_fail (self != NULL, 0.0);

  if (self->length == 0)
    return 0.0;

  for (gsize i = 0; i < self->length; i++)
    sum += (double) self->samples[i] * self->samples[i];

  return sqrt (sum / self->length);
}

/**
 * mado_audio_buffer_resample:
 * @self: a buffer
 * @sample_rate: the rate wanted
 *
 * Converts to another rate with a band-limited (windowed sinc) filter, so duration and pitch
 * are kept and nothing above the lower rate's Nyquist frequency folds back.
 *
 * Returns: (transfer full): a new buffer at @sample_rate (a plain copy when the rates match).
 */
MadoAudioBuffer *
mado_audio_buffer_resample (MadoAudioBuffer *self,
                            guint            sample_rate)
{
  g_autoptr(MadoResampler) resampler = NULL;
  GArray *converted;
  gsize n_samples;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (sample_rate > 0, NULL);

  if (sample_rate == self->sample_rate || self->length == 0)
    {
      gint16 *copy = g_memdup2 (self->samples, self->length * sizeof (gint16));

      return mado_audio_buffer_new_take (sample_rate, copy, self->length);
    }

  resampler = mado_resampler_new (self->sample_rate, sample_rate);
  converted = g_array_sized_new (FALSE, FALSE, sizeof (gint16),
                                 (guint) ((guint64) self->length * sample_rate / self->sample_rate + 1));
  mado_resampler_process (resampler, self->samples, self->length, converted);
  mado_resampler_flush (resampler, converted);

  n_samples = converted->len;
  return mado_audio_buffer_new_take (sample_rate, (gint16 *) g_array_free (converted, FALSE), n_samples);
}

/* RIFF/WAVE reading. Only what the engines and the gateway produce is accepted: 16-bit
 * integer PCM, one or two channels (plain or WAVE_FORMAT_EXTENSIBLE). */
#define WAVE_FORMAT_PCM        0x0001
#define WAVE_FORMAT_EXTENSIBLE 0xFFFE
#define WAV_HEADER_SIZE        44

static inline guint16
read_u16 (const guint8 *p)
{
  return (guint16) (p[0] | (p[1] << 8));
}

static inline guint32
read_u32 (const guint8 *p)
{
  return (guint32) p[0] | ((guint32) p[1] << 8) | ((guint32) p[2] << 16) | ((guint32) p[3] << 24);
}

static gboolean
wav_error (GError    **error,
           const char *format,
           ...) G_GNUC_PRINTF (2, 3);

static gboolean
wav_error (GError    **error,
           const char *format,
           ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, MADO_AUDIO_ERROR, MADO_AUDIO_ERROR_FORMAT, "Cannot read the WAV audio: %s", message);

  return FALSE;
}

typedef struct {
  guint  channels;
  guint  sample_rate;
  guint  bits;
} WavFormat;

static gboolean
parse_fmt_chunk (const guint8  *chunk,
                 guint32        size,
                 WavFormat     *format,
                 GError       **error)
{
  guint16 tag;

  if (size < 16)
    return wav_error (error, "the “fmt ” chunk is %u bytes long, shorter than the 16 it needs", size);

  tag = read_u16 (chunk);
  format->channels = read_u16 (chunk + 2);
  format->sample_rate = read_u32 (chunk + 4);
  format->bits = read_u16 (chunk + 14);

  if (tag == WAVE_FORMAT_EXTENSIBLE)
    {
      /* The sub-format GUID starts with the plain format tag. */
      if (size < 40)
        return wav_error (error, "the extensible “fmt ” chunk is %u bytes long, shorter than the 40 it needs", size);
      tag = read_u16 (chunk + 24);
    }

  if (tag != WAVE_FORMAT_PCM)
    return wav_error (error, "the samples are in format 0x%04x; only integer PCM (0x0001) is supported", tag);
  if (format->bits != 16)
    return wav_error (error, "the samples have %u bits; only 16-bit samples are supported", format->bits);
  if (format->channels != 1 && format->channels != 2)
    return wav_error (error, "the audio has %u channels; only mono and stereo are supported", format->channels);
  if (format->sample_rate == 0)
    return wav_error (error, "the sample rate is 0");

  return TRUE;
}

/**
 * mado_audio_buffer_new_from_wav:
 * @data: (array length=length): a whole RIFF/WAVE file image
 * @length: its size in bytes
 * @error: set to %MADO_AUDIO_ERROR_FORMAT when the data is not 16-bit PCM WAV
 *
 * Stereo is mixed down to mono by averaging the two channels.
 *
 * Returns: (transfer full) (nullable): the audio, or %NULL with @error set.
 */
MadoAudioBuffer *
mado_audio_buffer_new_from_wav (const guint8  *data,
                                gsize          length,
                                GError       **error)
{
  WavFormat format = { 0 };
  gboolean have_format = FALSE;
  gsize offset = 12;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 12 || memcmp (data, "RIFF", 4) != 0 || memcmp (data + 8, "WAVE", 4) != 0)
    {
      wav_error (error, "the data (%" G_GSIZE_FORMAT " bytes) does not start with a RIFF/WAVE header", length);
      return NULL;
    }

  while (offset + 8 <= length)
    {
      const guint8 *chunk = data + offset;
      guint32 chunk_size = read_u32 (chunk + 4);
      gsize available = length - offset - 8;

      if (memcmp (chunk, "fmt ", 4) == 0)
        {
          if (chunk_size > available)
            {
              wav_error (error, "the “fmt ” chunk is cut off");
              return NULL;
            }
          if (!parse_fmt_chunk (chunk + 8, chunk_size, &format, error))
            return NULL;
          have_format = TRUE;
        }
      else if (memcmp (chunk, "data", 4) == 0)
        {
          gsize frame_bytes;
          gsize n_frames;
          gint16 *samples;
          const guint8 *p = chunk + 8;

          if (!have_format)
            {
              wav_error (error, "the “data” chunk comes before any “fmt ” chunk");
              return NULL;
            }
          if (chunk_size > available)
            {
              wav_error (error, "the “data” chunk says %u bytes but only %" G_GSIZE_FORMAT " follow; the file is truncated",
                         chunk_size, available);
              return NULL;
            }

          frame_bytes = format.channels * 2;
          n_frames = chunk_size / frame_bytes;
          samples = g_new (gint16, MAX (n_frames, 1));
          for (gsize i = 0; i < n_frames; i++, p += frame_bytes)
            {
              if (format.channels == 1)
                samples[i] = (gint16) read_u16 (p);
              else
                samples[i] = (gint16) (((gint32) (gint16) read_u16 (p) + (gint16) read_u16 (p + 2)) / 2);
            }

          return mado_audio_buffer_new_take (format.sample_rate, samples, n_frames);
        }

      /* Chunks are padded to an even length. */
      if (chunk_size > available)
        break;
      offset += 8 + (gsize) chunk_size + (chunk_size & 1);
    }

  wav_error (error, have_format ? "there is no “data” chunk" : "there is no “fmt ” chunk");
  return NULL;
}

static inline void
write_u16 (guint8  *p,
           guint16  value)
{
  p[0] = value & 0xFF;
  p[1] = value >> 8;
}

static inline void
write_u32 (guint8  *p,
           guint32  value)
{
  p[0] = value & 0xFF;
  p[1] = (value >> 8) & 0xFF;
  p[2] = (value >> 16) & 0xFF;
  p[3] = value >> 24;
}

/**
 * mado_audio_buffer_to_wav:
 *
 * Serialises to a RIFF/WAVE image in memory (16-bit PCM, mono), for the gateway's responses
 * and for handing audio to other programs through pipes. Nothing touches the disk.
 *
 * Returns: (transfer full): the file image.
 */
GBytes *
mado_audio_buffer_to_wav (MadoAudioBuffer *self)
{
  guint8 *image;
  gsize data_bytes;

  g_return_val_if_fail (self != NULL, NULL);
  /* RIFF sizes are 32-bit: a little over 13 hours at 44.1 kHz, far beyond any utterance. */
  g_return_val_if_fail (self->length <= (G_MAXUINT32 - WAV_HEADER_SIZE) / 2, NULL);

  data_bytes = self->length * 2;
  image = g_malloc (WAV_HEADER_SIZE + data_bytes);

  memcpy (image, "RIFF", 4);
  write_u32 (image + 4, (guint32) (36 + data_bytes));
  memcpy (image + 8, "WAVEfmt ", 8);
  write_u32 (image + 16, 16);
  write_u16 (image + 20, WAVE_FORMAT_PCM);
  write_u16 (image + 22, 1);
  write_u32 (image + 24, self->sample_rate);
  write_u32 (image + 28, self->sample_rate * 2);
  write_u16 (image + 32, 2);
  write_u16 (image + 34, 16);
  memcpy (image + 36, "data", 4);
  write_u32 (image + 40, (guint32) data_bytes);

  for (gsize i = 0; i < self->length; i++)
    write_u16 (image + WAV_HEADER_SIZE + i * 2, (guint16) self->samples[i]);

  return g_bytes_new_take (image, WAV_HEADER_SIZE + data_bytes);
}

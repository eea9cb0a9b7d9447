/* mado-portaudio-capture.c: reading a PortAudio input device as 16 kHz mono blocks, on the calling thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-portaudio-capture.h"

#include "mado-audio-input.h"
#include "mado-portaudio-runtime.h"
#include "mado-resampler.h"

/* Each blocking read asks for 20 ms, so a stop is noticed within 20 ms of sound. */
#define READ_MS 20

static gboolean
is_format_refusal (PaError status)
{
  return status == paInvalidSampleRate || status == paSampleFormatNotSupported || status == paInvalidChannelCount;
}

/* Opens a 16-bit stream at the device's own rate if it has one, else 16 kHz, else a common
 * rate. Capturing at the device's own rate means the conversion to 16 kHz is this library's
 * windowed sinc rather than ALSA's "plug", which interpolates linearly on machines without
 * libasound2-plugins and so folds the 8–24 kHz band of a 48 kHz microphone into the speech
 * band; PortAudio reports a "plug" device's slave rate as its default, so a device set up for
 * 16 kHz is read at 16 kHz, untouched. Mono is tried first; many built-in microphones only
 * give two channels, which are then mixed down. */
static gboolean
open_stream (PaDeviceIndex   device,
             PaStream      **stream,
             int            *channels,
             double         *rate,
             GError        **error)
{
  const PaDeviceInfo *info = Pa_GetDeviceInfo (device);
  const double rates[] = { info->defaultSampleRate, MADO_AUDIO_INPUT_RATE, 48000, 44100, 32000, 22050 };
  PaError status = paNoError;

  for (int count = 1; count <= MIN (2, info->maxInputChannels); count++)
    for (guint i = 0; i < G_N_ELEMENTS (rates); i++)
      {
        PaStreamParameters parameters = {
          .device = device,
          .channelCount = count,
          .sampleFormat = paInt16,
          /* The high figure (about 100 ms of buffer): a busy tablet may hold the thread up
           * for a moment, and a lost piece of a word is worse than a level meter that moves
           * a little later. Blocks still come every 20 ms. */
          .suggestedLatency = info->defaultHighInputLatency,
          .hostApiSpecificStreamInfo = NULL,
        };

        if (rates[i] <= 0)
          continue;

        status = Pa_OpenStream (stream, &parameters, NULL, rates[i], paFramesPerBufferUnspecified, paClipOff,
                                NULL, NULL);
        if (status == paNoError)
          {
            *channels = count;
            *rate = rates[i];
            return TRUE;
          }
        if (!is_format_refusal (status))
          {
            g_autofree char *reason = mado_portaudio_runtime_describe (status);

            if (status == paDeviceUnavailable)
              g_set_error (error, MADO_AUDIO_ERROR, MADO_AUDIO_ERROR_DEVICE_BUSY,
                           "The input device “%s” is in use by another program: %s", info->name, reason);
            else
              g_set_error (error, MADO_AUDIO_ERROR, MADO_AUDIO_ERROR_BACKEND,
                           "Could not open the input device “%s”: %s", info->name, reason);
            return FALSE;
          }
      }

  {
    g_autofree char *reason = mado_portaudio_runtime_describe (status);

    g_set_error (error, MADO_AUDIO_ERROR, MADO_AUDIO_ERROR_FORMAT,
                 "The input device “%s” gives neither 16 kHz nor any common rate as 16-bit mono or stereo: %s",
                 info->name, reason);
  }

  return FALSE;
}

/* Turns what the device gives into 16 kHz mono blocks. */
typedef struct {
  int            channels;
  MadoResampler *resampler;
  GArray        *mono;
  GArray        *pending;
} Converter;

static void
converter_clear (Converter *converter)
{
  g_clear_pointer (&converter->resampler, mado_resampler_free);
  g_clear_pointer (&converter->mono, g_array_unref);
  g_clear_pointer (&converter->pending, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Converter, converter_clear)

/* Returns FALSE when a callback asked to stop. */
static gboolean
convert (Converter                           *converter,
         const gint16                        *frames,
         gsize                                n_frames,
         const MadoPortaudioCaptureCallbacks *callbacks,
         gpointer                             user_data)
{
  const gint16 *mono = frames;
  gsize taken = 0;
  gboolean going_on = TRUE;

  if (converter->channels > 1)
    {
      g_array_set_size (converter->mono, n_frames);
      for (gsize i = 0; i < n_frames; i++)
        {
          gint32 sum = 0;

          for (int c = 0; c < converter->channels; c++)
            sum += frames[i * converter->channels + c];
          g_array_index (converter->mono, gint16, i) = (gint16) (sum / converter->channels);
        }
      mono = (const gint16 *) converter->mono->data;
    }

  mado_resampler_process (converter->resampler, mono, n_frames, converter->pending);

  while (going_on && converter->pending->len - taken >= MADO_AUDIO_INPUT_BLOCK_SAMPLES)
    {
      gint16 *block = g_memdup2 ((const gint16 *) converter->pending->data + taken,
                                 MADO_AUDIO_INPUT_BLOCK_SAMPLES * sizeof (gint16));

      taken += MADO_AUDIO_INPUT_BLOCK_SAMPLES;
      going_on = callbacks->block (mado_audio_buffer_new_take (MADO_AUDIO_INPUT_RATE, block,
                                                               MADO_AUDIO_INPUT_BLOCK_SAMPLES),
                                   user_data);
    }
  g_array_remove_range (converter->pending, 0, (guint) taken);

  return going_on;
}

/* Reads until a callback asks to stop (TRUE) or the device fails (FALSE). */
static gboolean
read_stream (PaStream                            *stream,
             const char                          *device_name,
             int                                  channels,
             double                               rate,
             const MadoPortaudioCaptureCallbacks *callbacks,
             gpointer                             user_data,
             GError                             **error)
{
  gsize read_frames = MAX (1, (gsize) (rate * READ_MS / 1000));
  g_autofree gint16 *frames = g_new (gint16, read_frames * channels);
  g_auto(Converter) converter = {
    .channels = channels,
    .resampler = mado_resampler_new ((guint) rate, MADO_AUDIO_INPUT_RATE),
    .mono = g_array_new (FALSE, FALSE, sizeof (gint16)),
    .pending = g_array_new (FALSE, FALSE, sizeof (gint16)),
  };
  guint64 frames_read = 0;

  do
    {
      PaError status = Pa_ReadStream (stream, frames, read_frames);

      /* An overflow means the thread fell behind and some sound was lost; the frames read are
       * still good, and the microphone goes on. */
      if (status == paInputOverflowed)
        g_debug ("The input device “%s” overflowed after %.2f s: some sound was lost",
                 device_name, frames_read / rate);
      else if (status != paNoError)
        {
          g_autofree char *reason = mado_portaudio_runtime_describe (status);

          g_set_error (error, MADO_AUDIO_ERROR, MADO_AUDIO_ERROR_DEVICE_LOST,
                       "The input device “%s” failed after %.2f s of sound: %s", device_name, frames_read / rate, reason);
          return FALSE;
        }

      frames_read += read_frames;
    }
  while (convert (&converter, frames, read_frames, callbacks, user_data));

  return TRUE;
}

static gboolean
capture_from_device (PaDeviceIndex                        device,
                     const MadoPortaudioCaptureCallbacks *callbacks,
                     gpointer                             user_data,
                     GError                             **error)
{
  const char *device_name = Pa_GetDeviceInfo (device)->name;
  PaStream *stream = NULL;
  PaError status;
  gboolean stopped = TRUE;
  int channels;
  double rate;

  if (!open_stream (device, &stream, &channels, &rate, error))
    return FALSE;

  status = Pa_StartStream (stream);
  if (status != paNoError)
    {
      g_autofree char *reason = mado_portaudio_runtime_describe (status);

      g_set_error (error, MADO_AUDIO_ERROR, MADO_AUDIO_ERROR_BACKEND,
                   "Could not start capturing from the input device “%s”: %s", device_name, reason);
      Pa_CloseStream (stream);
      return FALSE;
    }

  g_debug ("Capturing from “%s” at %.0f Hz, %d channel(s)", device_name, rate, channels);
  if (callbacks->opened ((guint) rate, user_data))
    stopped = read_stream (stream, device_name, channels, rate, callbacks, user_data, error);

  /* Aborting drops what the device still holds; nobody wants it any more. */
  Pa_AbortStream (stream);
  Pa_CloseStream (stream);

  return stopped;
}

gboolean
mado_portaudio_capture_run (const char                          *device_name,
                            const MadoPortaudioCaptureCallbacks *callbacks,
                            gpointer                             user_data,
                            GError                             **error)
{
  PaDeviceIndex device;
  gboolean stopped;

  g_return_val_if_fail (callbacks != NULL && callbacks->opened != NULL && callbacks->block != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!mado_portaudio_runtime_acquire (error))
    return FALSE;

  device = mado_portaudio_runtime_find_device (device_name, FALSE, error);
  stopped = device != paNoDevice && capture_from_device (device, callbacks, user_data, error);

  mado_portaudio_runtime_release ();

  return stopped;
}

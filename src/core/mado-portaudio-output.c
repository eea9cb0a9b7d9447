/* mado-portaudio-output.c: loudspeaker output through PortAudio
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-portaudio-output.h"

#include <string.h>

#include "mado-portaudio-runtime.h"

/* Each blocking write carries 20 ms of sound, so a cancellation is noticed within 20 ms and
 * the rest of the device's queue is dropped by Pa_AbortStream(). */
#define CHUNK_MS 20

struct _MadoPortaudioOutput
{
  GObject  parent_instance;

  char    *device_name;
};

static void mado_portaudio_output_audio_output_init (MadoAudioOutputInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MadoPortaudioOutput, mado_portaudio_output, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MADO_TYPE_AUDIO_OUTPUT, mado_portaudio_output_audio_output_init))

enum {
  PROP_0,
  PROP_DEVICE_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What one playback needs on its worker thread; the device name is copied so the object can
 * go away while the sound is still playing. */
typedef struct {
  char            *device_name;
  MadoAudioBuffer *buffer;
} Playback;

static void
playback_free (Playback *playback)
{
  g_free (playback->device_name);
  mado_audio_buffer_unref (playback->buffer);
  g_free (playback);
}

static gboolean
is_format_refusal (PaError status)
{
  return status == paInvalidSampleRate || status == paSampleFormatNotSupported || status == paInvalidChannelCount;
}

static void
set_open_error (GError     **error,
                PaError      status,
                const char  *device)
{
  g_autofree char *reason = mado_portaudio_runtime_describe (status);

  if (status == paDeviceUnavailable)
    g_set_error (error, MADO_AUDIO_ERROR, MADO_AUDIO_ERROR_DEVICE_BUSY,
                 "The output device “%s” is in use by another program: %s", device, reason);
  else
    g_set_error (error, MADO_AUDIO_ERROR, MADO_AUDIO_ERROR_BACKEND,
                 "Could not open the output device “%s”: %s", device, reason);
}

/* Opens a 16-bit stream, trying the device's own rate first, then the buffer's, then common
 * ones. Playing at the device's own rate means the buffer goes through this library's
 * windowed-sinc converter rather than ALSA's "plug" one, which is linear interpolation on
 * machines without libasound2-plugins, drifts by a few samples a second even with speexrate,
 * and keeps the last few milliseconds of the tail to itself when the stream drains. Mono is
 * tried first; many hardware devices only take two channels, and then the samples are
 * doubled. Each candidate is tried by opening the stream itself: Pa_IsFormatSupported()
 * would open and configure the device once more for every question.
 * Returns FALSE with MADO_AUDIO_ERROR_FORMAT when nothing fits, DEVICE_BUSY or BACKEND. */
static gboolean
open_stream (PaDeviceIndex        device,
             guint                buffer_rate,
             PaStream           **stream,
             PaStreamParameters  *parameters,
             double              *rate,
             GError             **error)
{
  const PaDeviceInfo *info = Pa_GetDeviceInfo (device);
  const double common_rates[] = { 48000, 44100, 32000, 22050, 16000 };
  g_autoptr(GArray) rates = g_array_new (FALSE, FALSE, sizeof (double));
  PaError status = paNoError;

  g_array_append_val (rates, info->defaultSampleRate);
  g_array_append_val (rates, (double) { buffer_rate });
  g_array_append_vals (rates, common_rates, G_N_ELEMENTS (common_rates));

  for (int channels = 1; channels <= MIN (2, info->maxOutputChannels); channels++)
    for (guint i = 0; i < rates->len; i++)
      {
        *parameters = (PaStreamParameters) {
          .device = device,
          .channelCount = channels,
          .sampleFormat = paInt16,
          /* The high figure: a kiosk tablet's CPU is shared with the UI and the recogniser,
           * and a gap in speech is worse than 70 ms of delay. */
          .suggestedLatency = info->defaultHighOutputLatency,
          .hostApiSpecificStreamInfo = NULL,
        };
        *rate = g_array_index (rates, double, i);
        status = Pa_OpenStream (stream, NULL, parameters, *rate, paFramesPerBufferUnspecified, paClipOff, NULL, NULL);
        if (status == paNoError)
          return TRUE;
        if (!is_format_refusal (status))
          {
            set_open_error (error, status, info->name);
            return FALSE;
          }
      }

  {
    g_autofree char *reason = mado_portaudio_runtime_describe (status);

    g_set_error (error, MADO_AUDIO_ERROR, MADO_AUDIO_ERROR_FORMAT,
                 "The output device “%s” takes neither %u Hz nor any common rate as 16-bit mono or stereo: %s",
                 info->name, buffer_rate, reason);
  }

  return FALSE;
}

/* Writes the samples in short blocks. Returns FALSE with G_IO_ERROR_CANCELLED or
 * MADO_AUDIO_ERROR_DEVICE_LOST; the stream is then aborted, dropping what is still queued. */
static gboolean
write_samples (PaStream      *stream,
               const gint16  *samples,
               gsize          n_frames,
               int            channels,
               double         rate,
               const char    *device,
               GCancellable  *cancellable,
               GError       **error)
{
  gsize chunk_frames = MAX (1, (gsize) (rate * CHUNK_MS / 1000));
  g_autofree gint16 *interleaved = channels > 1 ? g_new (gint16, chunk_frames * channels) : NULL;

  for (gsize offset = 0; offset < n_frames; offset += chunk_frames)
    {
      gsize frames = MIN (chunk_frames, n_frames - offset);
      const gint16 *block = samples + offset;
      PaError status;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      if (interleaved != NULL)
        {
          for (gsize i = 0; i < frames; i++)
            for (int c = 0; c < channels; c++)
              interleaved[i * channels + c] = block[i];
          block = interleaved;
        }

      status = Pa_WriteStream (stream, block, frames);
      /* An underflow is a click, not a lost device: the sound goes on. */
      if (status != paNoError && status != paOutputUnderflowed)
        {
          g_autofree char *reason = mado_portaudio_runtime_describe (status);

          g_set_error (error, MADO_AUDIO_ERROR, MADO_AUDIO_ERROR_DEVICE_LOST,
                       "The output device “%s” failed after %.2f s of sound: %s", device, offset / rate, reason);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
play_on_device (PaDeviceIndex     device,
                MadoAudioBuffer  *buffer,
                GCancellable     *cancellable,
                GError          **error)
{
  const char *device_name = Pa_GetDeviceInfo (device)->name;
  g_autoptr(MadoAudioBuffer) converted = NULL;
  PaStreamParameters parameters;
  PaStream *stream = NULL;
  PaError status;
  double rate;
  const gint16 *samples;
  gsize n_frames;
  gboolean written;

  if (!open_stream (device, mado_audio_buffer_get_rate (buffer), &stream, &parameters, &rate, error))
    return FALSE;

  if ((guint) rate != mado_audio_buffer_get_rate (buffer))
    {
      g_debug ("Converting %u Hz to the output device “%s”'s %.0f Hz",
               mado_audio_buffer_get_rate (buffer), device_name, rate);
      converted = mado_audio_buffer_resample (buffer, (guint) rate);
      buffer = converted;
    }
  samples = mado_audio_buffer_get_samples (buffer, &n_frames);

  status = Pa_StartStream (stream);
  if (status != paNoError)
    {
      set_open_error (error, status, device_name);
      Pa_CloseStream (stream);
      return FALSE;
    }

  written = write_samples (stream, samples, n_frames, parameters.channelCount, rate, device_name, cancellable, error);
  if (!written)
    {
      Pa_AbortStream (stream);
      Pa_CloseStream (stream);
      return FALSE;
    }

  /* Pa_StopStream() lets what is queued in the device play out before returning. */
  status = Pa_StopStream (stream);
  Pa_CloseStream (stream);
  if (status != paNoError)
    {
      g_autofree char *reason = mado_portaudio_runtime_describe (status);

      g_set_error (error, MADO_AUDIO_ERROR, MADO_AUDIO_ERROR_DEVICE_LOST,
                   "The output device “%s” failed while finishing the sound: %s", device_name, reason);
      return FALSE;
    }

  return TRUE;
}

static void
play_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Playback *playback = task_data;
  g_autoptr(GError) error = NULL;
  PaDeviceIndex device;
  gboolean played;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (!mado_portaudio_runtime_acquire (&error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  device = mado_portaudio_runtime_find_device (playback->device_name, TRUE, &error);
  played = device != paNoDevice && play_on_device (device, playback->buffer, cancellable, &error);

  mado_portaudio_runtime_release ();

  if (played)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
mado_portaudio_output_play_async (MadoAudioOutput     *output,
                                  MadoAudioBuffer     *buffer,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  MadoPortaudioOutput *self = MADO_PORTAUDIO_OUTPUT (output);
  g_autoptr(GTask) task = NULL;
  Playback *playback;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mado_portaudio_output_play_async);

  playback = g_new0 (Playback, 1);
  playback->device_name = g_strdup (self->device_name);
  playback->buffer = mado_audio_buffer_ref (buffer);
  g_task_set_task_data (task, playback, (GDestroyNotify) playback_free);

  g_task_run_in_thread (task, play_in_thread);
}

static gboolean
mado_portaudio_output_play_finish (MadoAudioOutput  *output,
                                   GAsyncResult     *result,
                                   GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, output), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mado_portaudio_output_play_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
mado_portaudio_output_audio_output_init (MadoAudioOutputInterface *iface)
{
  iface->play_async = mado_portaudio_output_play_async;
  iface->play_finish = mado_portaudio_output_play_finish;
}

static void
mado_portaudio_output_finalize (GObject *object)
{
  MadoPortaudioOutput *self = MADO_PORTAUDIO_OUTPUT (object);

  g_free (self->device_name);

  G_OBJECT_CLASS (mado_portaudio_output_parent_class)->finalize (object);
}

static void
mado_portaudio_output_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  MadoPortaudioOutput *self = MADO_PORTAUDIO_OUTPUT (object);

  switch (prop_id)
    {
    case PROP_DEVICE_NAME:
      g_value_set_string (value, self->device_name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mado_portaudio_output_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  MadoPortaudioOutput *self = MADO_PORTAUDIO_OUTPUT (object);

  switch (prop_id)
    {
    case PROP_DEVICE_NAME:
      /* Construct-only: set exactly once. "" and NULL both mean the default device. */
      self->device_name = g_strdup (g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mado_portaudio_output_class_init (MadoPortaudioOutputClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mado_portaudio_output_finalize;
  object_class->get_property = mado_portaudio_output_get_property;
  object_class->set_property = mado_portaudio_output_set_property;

  properties[PROP_DEVICE_NAME] =
    g_param_spec_string ("device-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mado_portaudio_output_init (MadoPortaudioOutput *self)
{
}

/**
 * mado_portaudio_output_new:
 * @device_name: (nullable): a PortAudio device name, or a part of it only one device has;
 *   %NULL or "" for ALSA's default device
 *
 * The device is looked up at each playback, so a loudspeaker plugged in later is found.
 *
 * Returns: (transfer full): a new output.
 */
MadoPortaudioOutput *
mado_portaudio_output_new (const char *device_name)
{
  return g_object_new (MADO_TYPE_PORTAUDIO_OUTPUT, "device-name", device_name, NULL);
}

/**
 * mado_portaudio_output_get_device_name:
 *
 * Returns: (nullable): the name given at construction; %NULL or "" for the default device.
 */
const char *
mado_portaudio_output_get_device_name (MadoPortaudioOutput *self)
{
  g_return_val_if_fail (MADO_IS_PORTAUDIO_OUTPUT (self), NULL);

  return self->device_name;
}

/**
 * mado_portaudio_list_output_devices:
 * @error: set when PortAudio cannot start
 *
 * Blocks while PortAudio probes the devices (typically tens of milliseconds); call it from a
 * worker thread or a settings page, not while the UI is animating.
 *
 * Returns: (transfer full): the names of the ALSA output devices, possibly none.
 */
GStrv
mado_portaudio_list_output_devices (GError **error)
{
  GStrv names;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!mado_portaudio_runtime_acquire (error))
    return NULL;
  names = mado_portaudio_runtime_list_devices (TRUE);
  mado_portaudio_runtime_release ();

  return names;
}

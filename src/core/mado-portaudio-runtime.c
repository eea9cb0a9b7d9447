/* mado-portaudio-runtime.c: shared, reference-counted PortAudio initialisation and device lookup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-portaudio-runtime.h"

#include <alsa/asoundlib.h>
#include <dlfcn.h>
#include <stdarg.h>
#include <string.h>

#include "mado-audio-output.h"

static GMutex runtime_lock;
static guint runtime_users;

/* ALSA prints dozens of "cannot find card" lines on stderr while PortAudio probes devices on a
 * machine with few or no cards. They are kept for debugging, not shown to everyone. */
static void
log_alsa_message (const char *file,
                  int         line,
                  const char *function,
                  int         err,
                  const char *format,
                  ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_debug ("ALSA %s:%d (%s): %s%s%s", file, line, function, message,
           err != 0 ? ": " : "", err != 0 ? snd_strerror (err) : "");
}

static void
log_jack_message (const char *message)
{
  g_debug ("JACK: %s", message);
}

/* Debian's PortAudio also tries JACK, whose library prints "jack server is not running" on
 * stderr at every Pa_Initialize() before PortAudio installs its own handler. The library is
 * loaded because PortAudio links it, so its handlers are found at run time without making the
 * kiosk depend on JACK. */
static void
quieten_jack (void)
{
  typedef void (*JackSetHandler) (void (*handler) (const char *));
  const char *setters[] = { "jack_set_error_function", "jack_set_info_function" };

  for (guint i = 0; i < G_N_ELEMENTS (setters); i++)
    {
      JackSetHandler set_handler = (JackSetHandler) dlsym (RTLD_DEFAULT, setters[i]);

      if (set_handler != NULL)
        set_handler (log_jack_message);
    }
}

gboolean
mado_portaudio_runtime_acquire (GError **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&runtime_lock);
  PaError status;

  if (runtime_users > 0)
    {
      runtime_users++;
      return TRUE;
    }

  snd_lib_error_set_handler (log_alsa_message);
  quieten_jack ();

  status = Pa_Initialize ();
  if (status != paNoError)
    {
      g_autofree char *reason = mado_portaudio_runtime_describe (status);

      g_set_error (error, MADO_AUDIO_ERROR, MADO_AUDIO_ERROR_BACKEND, "PortAudio could not start: %s", reason);
      return FALSE;
    }

  runtime_users = 1;
  return TRUE;
}

void
mado_portaudio_runtime_release (void)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&runtime_lock);

  g_return_if_fail (runtime_users > 0);

  if (--runtime_users == 0)
    Pa_Terminate ();
}

char *
mado_portaudio_runtime_describe (PaError code)
{
  if (code == paUnanticipatedHostError)
    {
      const PaHostErrorInfo *host = Pa_GetLastHostErrorInfo ();

      if (host != NULL && host->errorText != NULL && *host->errorText != '\0')
        return g_strdup_printf ("%s (%s)", Pa_GetErrorText (code), host->errorText);
    }

  return g_strdup (Pa_GetErrorText (code));
}

static gboolean
device_matches_direction (const PaDeviceInfo *info,
                          gboolean            output)
{
  return output ? info->maxOutputChannels > 0 : info->maxInputChannels > 0;
}

GStrv
mado_portaudio_runtime_list_devices (gboolean output)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  PaHostApiIndex alsa = Pa_HostApiTypeIdToHostApiIndex (paALSA);
  PaDeviceIndex count = Pa_GetDeviceCount ();

  for (PaDeviceIndex i = 0; alsa >= 0 && i < count; i++)
    {
      const PaDeviceInfo *info = Pa_GetDeviceInfo (i);

      if (info != NULL && info->hostApi == alsa && device_matches_direction (info, output))
        g_strv_builder_add (names, info->name);
    }

  return g_strv_builder_end (names);
}

static char *
describe_devices (gboolean output)
{
  g_auto(GStrv) names = mado_portaudio_runtime_list_devices (output);
  g_autoptr(GString) text = g_string_new (NULL);

  if (names[0] == NULL)
    return g_strdup_printf ("PortAudio sees no ALSA %s devices at all", output ? "output" : "input");

  g_string_append_printf (text, "the %s devices are: ", output ? "output" : "input");
  for (guint i = 0; names[i] != NULL; i++)
    g_string_append_printf (text, "%s“%s”", i > 0 ? ", " : "", names[i]);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

PaDeviceIndex
mado_portaudio_runtime_find_device (const char  *name,
                                    gboolean     output,
                                    GError     **error)
{
  PaHostApiIndex alsa = Pa_HostApiTypeIdToHostApiIndex (paALSA);
  const PaHostApiInfo *alsa_info = alsa >= 0 ? Pa_GetHostApiInfo (alsa) : NULL;
  const char *direction = output ? "output" : "input";
  g_autoptr(GPtrArray) partial = g_ptr_array_new ();
  PaDeviceIndex found = paNoDevice;
  g_autofree char *devices = NULL;

  if (name == NULL || *name == '\0')
    {
      PaDeviceIndex fallback = alsa_info == NULL ? paNoDevice
                             : output ? alsa_info->defaultOutputDevice : alsa_info->defaultInputDevice;

      if (fallback != paNoDevice)
        return fallback;

      devices = describe_devices (output);
      g_set_error (error, MADO_AUDIO_ERROR, MADO_AUDIO_ERROR_NO_DEVICE,
                   "There is no default audio %s device; %s", direction, devices);
      return paNoDevice;
    }

  for (PaDeviceIndex i = 0; alsa >= 0 && i < Pa_GetDeviceCount (); i++)
    {
      const PaDeviceInfo *info = Pa_GetDeviceInfo (i);

      if (info == NULL || info->hostApi != alsa || !device_matches_direction (info, output))
        continue;
      if (strcmp (info->name, name) == 0)
        return i;
      if (strstr (info->name, name) != NULL)
        {
          found = i;
          g_ptr_array_add (partial, (gpointer) info->name);
        }
    }

  if (partial->len == 1)
    return found;

  devices = describe_devices (output);
  if (partial->len == 0)
    g_set_error (error, MADO_AUDIO_ERROR, MADO_AUDIO_ERROR_NO_DEVICE,
                 "There is no audio %s device called “%s”; %s", direction, name, devices);
  else
    g_set_error (error, MADO_AUDIO_ERROR, MADO_AUDIO_ERROR_NO_DEVICE,
                 "“%s” matches %u audio %s devices, so it does not say which one to use; %s",
                 name, partial->len, direction, devices);

  return paNoDevice;
}

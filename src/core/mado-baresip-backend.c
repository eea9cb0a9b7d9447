/* mado-baresip-backend.c: interpreter calls through baresip, run as a helper process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Debian 12 has no libbaresip, so baresip runs as a program (package baresip-core) and is driven
 * over its ctrl_tcp module; see mado-baresip-leg.c.
 */
#include "mado-baresip-backend.h"

#include "mado-baresip-leg.h"

struct _MadoBaresipBackend
{
  GObject  parent_instance;

  char    *program;
  char    *audio_source;
  char    *audio_player;
  char    *local_address;
  char    *dns_server;
  char    *recording_folder;
};

static void mado_baresip_backend_call_backend_init (MadoCallBackendInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MadoBaresipBackend, mado_baresip_backend, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MADO_TYPE_CALL_BACKEND,
                                                      mado_baresip_backend_call_backend_init))

enum {
  PROP_0,
  PROP_PROGRAM,
  PROP_AUDIO_SOURCE,
  PROP_AUDIO_PLAYER,
  PROP_LOCAL_ADDRESS,
  PROP_DNS_SERVER,
  PROP_RECORDING_FOLDER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static MadoCallLeg *
mado_baresip_backend_dial (MadoCallBackend        *backend,
                           const MadoDialRequest  *request,
                           GError                **error)
{
  MadoBaresipBackend *self = MADO_BARESIP_BACKEND (backend);
  MadoBaresipOptions options = {
    .local_address = self->local_address,
    .dns_server = self->dns_server,
    .audio_source = self->audio_source,
    .audio_player = self->audio_player,
    .recording_folder = self->recording_folder,
  };

  return MADO_CALL_LEG (mado_baresip_leg_start (self->program, &options, request, error));
}

static void
mado_baresip_backend_call_backend_init (MadoCallBackendInterface *iface)
{
  iface->dial = mado_baresip_backend_dial;
}

static void
mado_baresip_backend_finalize (GObject *object)
{
  MadoBaresipBackend *self = MADO_BARESIP_BACKEND (object);

  g_free (self->program);
  g_free (self->audio_source);
  g_free (self->audio_player);
  g_free (self->local_address);
  g_free (self->dns_server);
  g_free (self->recording_folder);

  G_OBJECT_CLASS (mado_baresip_backend_parent_class)->finalize (object);
}

static void
mado_baresip_backend_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  MadoBaresipBackend *self = MADO_BARESIP_BACKEND (object);

  switch (prop_id)
    {
    case PROP_PROGRAM:
      g_value_set_string (value, self->program);
      break;
    case PROP_AUDIO_SOURCE:
      g_value_set_string (value, self->audio_source);
      break;
    case PROP_AUDIO_PLAYER:
      g_value_set_string (value, self->audio_player);
      break;
    case PROP_LOCAL_ADDRESS:
      g_value_set_string (value, self->local_address);
      break;
    case PROP_DNS_SERVER:
      g_value_set_string (value, self->dns_server);
      break;
    case PROP_RECORDING_FOLDER:
      g_value_set_string (value, self->recording_folder);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Construct-only strings; an empty string counts as unset, as it does in the settings. */
static void
take_string (char         **field,
             const GValue  *value,
             const char    *fallback)
{
  const char *text = g_value_get_string (value);

  g_free (*field);
  *field = g_strdup (text != NULL && *text != '\0' ? text : fallback);
}

static void
mado_baresip_backend_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  MadoBaresipBackend *self = MADO_BARESIP_BACKEND (object);

  switch (prop_id)
    {
    case PROP_PROGRAM:
      take_string (&self->program, value, "baresip");
      break;
    case PROP_AUDIO_SOURCE:
      take_string (&self->audio_source, value, "alsa,default");
      break;
    case PROP_AUDIO_PLAYER:
      take_string (&self->audio_player, value, "alsa,default");
      break;
    case PROP_LOCAL_ADDRESS:
      take_string (&self->local_address, value, NULL);
      break;
    case PROP_DNS_SERVER:
      take_string (&self->dns_server, value, NULL);
      break;
    case PROP_RECORDING_FOLDER:
      take_string (&self->recording_folder, value, NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mado_baresip_backend_class_init (MadoBaresipBackendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = mado_baresip_backend_finalize;
  object_class->get_property = mado_baresip_backend_get_property;
  object_class->set_property = mado_baresip_backend_set_property;

  properties[PROP_PROGRAM] = g_param_spec_string ("program", NULL, NULL, "baresip", flags);
  properties[PROP_AUDIO_SOURCE] = g_param_spec_string ("audio-source", NULL, NULL, "alsa,default", flags);
  properties[PROP_AUDIO_PLAYER] = g_param_spec_string ("audio-player", NULL, NULL, "alsa,default", flags);
  properties[PROP_LOCAL_ADDRESS] = g_param_spec_string ("local-address", NULL, NULL, NULL, flags);
  properties[PROP_DNS_SERVER] = g_param_spec_string ("dns-server", NULL, NULL, NULL, flags);
  properties[PROP_RECORDING_FOLDER] = g_param_spec_string ("recording-folder", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mado_baresip_backend_init (MadoBaresipBackend *self)
{
}

/* An ALSA device from the settings, unless the environment names a whole baresip device: tests
 * and line checks without a microphone use "aufile,FILE.wav", which plays a file in real time
 * (ALSA's null device is not paced, so it floods the call). */
static char *
audio_spec (const char *variable,
            const char *alsa_device)
{
  const char *from_env = g_getenv (variable);

  if (from_env != NULL && *from_env != '\0')
    return g_strdup (from_env);

  return g_strconcat ("alsa,", *alsa_device != '\0' ? alsa_device : "default", NULL);
}

MadoBaresipBackend *
mado_baresip_backend_new_for_settings (MadoSettings *settings)
{
  g_autofree char *microphone = NULL;
  g_autofree char *loudspeaker = NULL;
  g_autofree char *source = NULL;
  g_autofree char *player = NULL;
  g_autofree char *local_address = NULL;
  g_autofree char *dns_server = NULL;

  g_return_val_if_fail (MADO_IS_SETTINGS (settings), NULL);

  microphone = mado_settings_dup_interpreter_microphone (settings);
  loudspeaker = mado_settings_dup_interpreter_loudspeaker (settings);
  source = audio_spec ("MADOGUCHI_CALL_AUDIO_SOURCE", microphone);
  player = audio_spec ("MADOGUCHI_CALL_AUDIO_PLAYER", loudspeaker);
  local_address = mado_settings_dup_sip_local_address (settings);
  dns_server = mado_settings_dup_sip_dns_server (settings);

  return g_object_new (MADO_TYPE_BARESIP_BACKEND,
                       "audio-source", source,
                       "audio-player", player,
                       "local-address", local_address,
                       "dns-server", dns_server,
                       NULL);
}

const char *
mado_baresip_backend_get_audio_source (MadoBaresipBackend *self)
{
  g_return_val_if_fail (MADO_IS_BARESIP_BACKEND (self), NULL);
  return self->audio_source;
}

const char *
mado_baresip_backend_get_audio_player (MadoBaresipBackend *self)
{
  g_return_val_if_fail (MADO_IS_BARESIP_BACKEND (self), NULL);
  return self->audio_player;
}

const char *
mado_baresip_backend_get_local_address (MadoBaresipBackend *self)
{
  g_return_val_if_fail (MADO_IS_BARESIP_BACKEND (self), NULL);
  return self->local_address;
}

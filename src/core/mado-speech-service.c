/* mado-speech-service.c: the app's connection to the Madoguchi Speech API
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-speech-service.h"

#include <glib/gi18n.h>

#include "mado-gateway-process.h"

/* A gateway that keeps dying is not restarted forever: after this many restarts the staff are told
 * and the counter goes on with the phrase book. */
#define MAX_RESTARTS 3
#define RESTART_DELAY_SECONDS 2

/* What the gateway can do changes while it runs: a cloud provider's circuit breaker opens and
 * closes, a self-hosted server learns a new language pair. The kiosk asks again this often, so a
 * microphone comes back by itself once its recogniser answers again. */
#define CAPABILITIES_REFRESH_SECONDS 60

struct _MadoSpeechService
{
  GObject                 parent_instance;

  MadoSettings           *settings;
  char                   *database;
  MadoGatewayProcess     *process;
  MadoSpeechClient       *client;
  MadoSpeechCapabilities *capabilities;
  GCancellable           *cancellable;
  guint                   restarts;
  guint                   restart_source;
  guint                   refresh_source;
  guint                   refresh_interval;      /* seconds between asks for the capabilities */
  gboolean                capabilities_failing;  /* the last ask failed, and was reported */
};

G_DEFINE_FINAL_TYPE (MadoSpeechService, mado_speech_service, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_CAPABILITIES,
  PROP_REFRESH_INTERVAL,
  N_PROPS
};

enum {
  SIGNAL_PROBLEM,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void start_local (MadoSpeechService *self);

static void
report (MadoSpeechService *self,
        const char        *summary,
        const char        *details)
{
  g_signal_emit (self, signals[SIGNAL_PROBLEM], 0, summary, details);
}

static void
set_client (MadoSpeechService *self,
            MadoSpeechClient  *client)
{
  if (g_set_object (&self->client, client))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
}

static void
set_capabilities (MadoSpeechService      *self,
                  MadoSpeechCapabilities *capabilities)
{
  if (g_set_object (&self->capabilities, capabilities))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAPABILITIES]);
}

static void
on_capabilities (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MadoSpeechService) self = user_data;
  g_autoptr(MadoSpeechCapabilities) capabilities = NULL;
  g_autoptr(GError) error = NULL;

  capabilities = mado_speech_client_get_capabilities_finish (MADO_SPEECH_CLIENT (source), result, &error);
  if (capabilities == NULL)
    {
      /* Said once, not every minute; what the service said before stays in force meanwhile. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && !self->capabilities_failing)
        report (self, N_("The speech service does not say what it can do."), error->message);
      self->capabilities_failing = !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      return;
    }

  self->capabilities_failing = FALSE;
  set_capabilities (self, capabilities);
}

static gboolean
refresh_cb (gpointer user_data)
{
  MadoSpeechService *self = user_data;

  if (self->client != NULL)
    mado_speech_client_get_capabilities_async (self->client, self->cancellable, on_capabilities,
                                               g_object_ref (self));
  return G_SOURCE_CONTINUE;
}

static void
connect_client (MadoSpeechService *self,
                const char        *base_url,
                const char        *token)
{
  g_autoptr(MadoSpeechClient) client = NULL;
  g_autoptr(GError) error = NULL;

  client = mado_speech_client_new (base_url, token, &error);
  if (client == NULL)
    {
      report (self, N_("The speech service address is not valid."), error->message);
      return;
    }

  set_client (self, client);
  self->capabilities_failing = FALSE;
  mado_speech_client_get_capabilities_async (client, self->cancellable, on_capabilities, g_object_ref (self));
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  self->refresh_source = g_timeout_add_seconds (self->refresh_interval, refresh_cb, self);
}

static gboolean
restart_cb (gpointer user_data)
{
  MadoSpeechService *self = user_data;

  self->restart_source = 0;
  start_local (self);
  return G_SOURCE_REMOVE;
}

static void
on_exited (MadoSpeechService *self,
           const char        *description)
{
  g_autofree char *details = g_strdup_printf ("madoguchi-gateway %s.", description);

  set_client (self, NULL);
  set_capabilities (self, NULL);
  g_clear_handle_id (&self->refresh_source, g_source_remove);

  if (self->restarts >= MAX_RESTARTS)
    {
      report (self, N_("The speech service stopped and was not restarted again."), details);
      return;
    }

  self->restarts++;
  report (self, N_("The speech service stopped; it is being restarted."), details);
  g_clear_handle_id (&self->restart_source, g_source_remove);
  self->restart_source = g_timeout_add_seconds (RESTART_DELAY_SECONDS, restart_cb, self);
}

static void
on_started (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(MadoSpeechService) self = user_data;
  MadoGatewayProcess *process = MADO_GATEWAY_PROCESS (source);
  g_autoptr(GError) error = NULL;

  if (!mado_gateway_process_start_finish (process, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        report (self, N_("The speech service could not be started on this tablet."), error->message);
      return;
    }

  connect_client (self, mado_gateway_process_get_base_url (process), mado_gateway_process_get_token (process));
}

static void
start_local (MadoSpeechService *self)
{
  if (self->process == NULL)
    {
      self->process = mado_gateway_process_new (self->database);
      g_signal_connect_object (self->process, "exited", G_CALLBACK (on_exited), self, G_CONNECT_SWAPPED);
    }

  mado_gateway_process_start_async (self->process, self->cancellable, on_started, g_object_ref (self));
}

static void
mado_speech_service_dispose (GObject *object)
{
  MadoSpeechService *self = MADO_SPEECH_SERVICE (object);

  mado_speech_service_stop (self);
  g_clear_object (&self->process);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (mado_speech_service_parent_class)->dispose (object);
}

static void
mado_speech_service_finalize (GObject *object)
{
  MadoSpeechService *self = MADO_SPEECH_SERVICE (object);

  g_free (self->database);

  G_OBJECT_CLASS (mado_speech_service_parent_class)->finalize (object);
}

static void
mado_speech_service_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  MadoSpeechService *self = MADO_SPEECH_SERVICE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_CAPABILITIES:
      g_value_set_object (value, self->capabilities);
      break;
    case PROP_REFRESH_INTERVAL:
      g_value_set_uint (value, self->refresh_interval);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mado_speech_service_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  MadoSpeechService *self = MADO_SPEECH_SERVICE (object);

  switch (prop_id)
    {
    case PROP_REFRESH_INTERVAL:
      /* Takes effect at the next connection. */
      self->refresh_interval = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mado_speech_service_class_init (MadoSpeechServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mado_speech_service_dispose;
  object_class->finalize = mado_speech_service_finalize;
  object_class->get_property = mado_speech_service_get_property;
  object_class->set_property = mado_speech_service_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, MADO_TYPE_SPEECH_CLIENT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAPABILITIES] =
    g_param_spec_object ("capabilities", NULL, NULL, MADO_TYPE_SPEECH_CAPABILITIES,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* How often, in seconds, the gateway is asked again what it can do. */
  properties[PROP_REFRESH_INTERVAL] =
    g_param_spec_uint ("refresh-interval", NULL, NULL, 1, 3600, CAPABILITIES_REFRESH_SECONDS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MadoSpeechService::problem:
   * @summary: one English sentence (a msgid the UI translates for the staff)
   * @details: what exactly went wrong, for IT staff
   */
  signals[SIGNAL_PROBLEM] =
    g_signal_new ("problem", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void
mado_speech_service_init (MadoSpeechService *self)
{
  self->cancellable = g_cancellable_new ();
  self->refresh_interval = CAPABILITIES_REFRESH_SECONDS;
}

/* @database: (nullable): the phrase database the local gateway's phrase memory reads */
MadoSpeechService *
mado_speech_service_new (MadoSettings *settings,
                         const char   *database)
{
  MadoSpeechService *self;

  g_return_val_if_fail (MADO_IS_SETTINGS (settings), NULL);

  self = g_object_new (MADO_TYPE_SPEECH_SERVICE, NULL);
  self->settings = g_object_ref (settings);
  self->database = g_strdup (database);

  return self;
}

/* Must run on the main thread: the gateway is tied to the life of the thread that starts it. */
void
mado_speech_service_start (MadoSpeechService *self)
{
  g_autofree char *endpoint = NULL;
  g_autofree char *token = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (MADO_IS_SPEECH_SERVICE (self));

  if (mado_settings_uses_local_gateway (self->settings))
    {
      start_local (self);
      return;
    }

  endpoint = mado_settings_dup_gateway_endpoint (self->settings);
  token = mado_settings_read_gateway_token (self->settings, &error);
  if (error != NULL)
    {
      report (self, N_("The speech service's access token could not be read."), error->message);
      return;
    }

  connect_client (self, endpoint, token);
}

void
mado_speech_service_stop (MadoSpeechService *self)
{
  g_return_if_fail (MADO_IS_SPEECH_SERVICE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_handle_id (&self->restart_source, g_source_remove);
  g_clear_handle_id (&self->refresh_source, g_source_remove);

  /* Disposing the process stops the gateway; this is also what happens when the app quits. */
  if (self->process != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->process, self);
      g_clear_object (&self->process);
    }

  set_client (self, NULL);
  set_capabilities (self, NULL);
}

/* Returns: (transfer none) (nullable): the client, while the service is reachable */
MadoSpeechClient *
mado_speech_service_get_client (MadoSpeechService *self)
{
  g_return_val_if_fail (MADO_IS_SPEECH_SERVICE (self), NULL);
  return self->client;
}

/* Returns: (transfer none) (nullable): what the service can do, once it has said so */
MadoSpeechCapabilities *
mado_speech_service_get_capabilities (MadoSpeechService *self)
{
  g_return_val_if_fail (MADO_IS_SPEECH_SERVICE (self), NULL);
  return self->capabilities;
}

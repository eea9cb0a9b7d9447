/* mado-provider-discovery.c: asking a self-hosted service what it offers, now and then
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What LibreTranslate or Apertium translates depends on what its operator installed, and may
 * change while the gateway runs. So the gateway asks when it starts and again every few minutes,
 * and /v1/capabilities lists what the service really offers. Until the first answer the adapter
 * offers nothing: a pair nobody vouched for is not shown to the counters. A failed refresh keeps
 * the last list, and the service's own failures are left to the circuit breaker.
 */
#include "mado-provider-discovery.h"

#include "mado-gateway-error.h"

#define RETRY_S   30
#define REFRESH_S 600

struct _MadoProviderDiscovery
{
  GObject              parent_instance;
  MadoProviderHttp    *http;
  char                *path;
  char                *what;
  MadoDiscoveryReader  reader;
  gpointer             user_data;
  GCancellable        *cancellable;
  guint                timer_id;
  gboolean             done;
};

G_DEFINE_FINAL_TYPE (MadoProviderDiscovery, mado_provider_discovery, G_TYPE_OBJECT)

static void ask (MadoProviderDiscovery *self);

static gboolean
on_due (gpointer user_data)
{
  MadoProviderDiscovery *self = user_data;

  self->timer_id = 0;
  ask (self);
  return G_SOURCE_REMOVE;
}

static void
ask_again_in (MadoProviderDiscovery *self,
              guint                  seconds)
{
  g_clear_handle_id (&self->timer_id, g_source_remove);
  self->timer_id = g_timeout_add_seconds (seconds, on_due, self);
}

static void
on_answer (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  MadoProviderDiscovery *self = user_data;
  g_autoptr(MadoProviderReply) reply = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  reply = mado_provider_http_send_finish (MADO_PROVIDER_HTTP (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (reply != NULL && reply->status == 200)
    root = mado_provider_http_parse_json (self->http, reply, &error);
  else if (reply != NULL)
    error = mado_provider_http_status_error (self->http, reply, NULL);

  if (root != NULL && !self->reader (root, self->user_data))
    error = mado_provider_http_error (self->http, MADO_GATEWAY_ERROR_PROVIDER_BAD_RESPONSE,
                                      "sent its %s in a shape the gateway does not know", self->what);

  if (error != NULL)
    {
      g_warning ("Could not ask the provider “%s” for its %s: %s", mado_provider_http_get_name (self->http),
                 self->what, error->message);
      ask_again_in (self, RETRY_S);
      return;
    }

  if (!self->done)
    g_message ("The provider “%s” is ready", mado_provider_http_get_name (self->http));
  self->done = TRUE;
  ask_again_in (self, REFRESH_S);
}

static void
ask (MadoProviderDiscovery *self)
{
  g_autoptr(MadoProviderRequest) request = mado_provider_request_new ("GET", self->path);

  mado_provider_http_send_async (self->http, request, self->cancellable, on_answer, self);
}

static void
mado_provider_discovery_dispose (GObject *object)
{
  MadoProviderDiscovery *self = MADO_PROVIDER_DISCOVERY (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timer_id, g_source_remove);

  G_OBJECT_CLASS (mado_provider_discovery_parent_class)->dispose (object);
}

static void
mado_provider_discovery_finalize (GObject *object)
{
  MadoProviderDiscovery *self = MADO_PROVIDER_DISCOVERY (object);

  g_clear_object (&self->http);
  g_clear_object (&self->cancellable);
  g_free (self->path);
  g_free (self->what);

  G_OBJECT_CLASS (mado_provider_discovery_parent_class)->finalize (object);
}

static void
mado_provider_discovery_class_init (MadoProviderDiscoveryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mado_provider_discovery_dispose;
  object_class->finalize = mado_provider_discovery_finalize;
}

static void
mado_provider_discovery_init (MadoProviderDiscovery *self)
{
  self->cancellable = g_cancellable_new ();
}

MadoProviderDiscovery *
mado_provider_discovery_new (MadoProviderHttp    *http,
                             const char          *path,
                             const char          *what,
                             MadoDiscoveryReader  reader,
                             gpointer             user_data)
{
  MadoProviderDiscovery *self;

  g_return_val_if_fail (MADO_IS_PROVIDER_HTTP (http), NULL);
  g_return_val_if_fail (path != NULL && what != NULL && reader != NULL, NULL);

  self = g_object_new (MADO_TYPE_PROVIDER_DISCOVERY, NULL);
  self->http = g_object_ref (http);
  self->path = g_strdup (path);
  self->what = g_strdup (what);
  self->reader = reader;
  self->user_data = user_data;
  ask (self);
  return self;
}

gboolean
mado_provider_discovery_is_done (MadoProviderDiscovery *self)
{
  g_return_val_if_fail (MADO_IS_PROVIDER_DISCOVERY (self), FALSE);
  return self->done;
}

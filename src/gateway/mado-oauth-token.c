/* mado-oauth-token.c: an OAuth 2.0 access token bought with client credentials, kept and renewed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A service that signs requests with OAuth 2.0 client credentials (RFC 6749, 4.4) sells an
 * access token for the API key and secret; every request then carries the token. The token is
 * kept and renewed shortly before it runs out, by one token request however many callers are
 * waiting for it, so that a busy morning at the counters does not turn into a burst of token
 * requests, and a token the service refuses early is replaced once for everyone.
 */
#include "mado-oauth-token.h"

#include "mado-gateway-error.h"
#include "mado-gateway-json.h"
#include "mado-text.h"

#include <string.h>

/* Services document expires_in but not always send it (TexTra: apis.md §1 has it only from
 * public clients). Without it the token is taken to live this long: short, because a token
 * kept too long costs a refused request and a second try, while one renewed early costs a
 * token request. */
#define ASSUMED_LIFETIME_S     300
/* A token is renewed once less than the larger of these is left of its life, but never later
 * than halfway through it, so that a token that lives less than two minutes is still used. */
#define RENEW_MARGIN_MIN_S     60.0
#define RENEW_MARGIN_FRACTION  0.1

struct _MadoOauthToken
{
  GObject           parent_instance;
  MadoProviderHttp *http;
  char             *path;
  char             *client_id;
  char             *client_secret;
  GCancellable     *cancellable;  /* the token request, until the object is disposed */

  char             *token;        /* %NULL before the first and after a refused one */
  guint             generation;   /* counts the tokens bought, to tell them apart */
  gint64            renew_at;     /* monotonic µs */
  gint64            requested_at;
  gboolean          requesting;
  GPtrArray        *waiters;      /* GTasks waiting for the token request */
};

G_DEFINE_FINAL_TYPE (MadoOauthToken, mado_oauth_token, G_TYPE_OBJECT)

void
mado_oauth_token_free_copy (char *token)
{
  if (token != NULL)
    explicit_bzero (token, strlen (token));
  g_free (token);
}

static void
clear_secret (char **secret)
{
  mado_oauth_token_free_copy (g_steal_pointer (secret));
}

/* OAuth 2.0's names for credentials the server does not accept (RFC 6749, 5.2). */
static gboolean
is_credentials_error (const char *error)
{
  return g_strcmp0 (error, "invalid_client") == 0 || g_strcmp0 (error, "unauthorized_client") == 0 ||
         g_strcmp0 (error, "invalid_grant") == 0;
}

/* expires_in in seconds, whether written as a number or a string; 0 when missing or unusable. */
static double
read_lifetime (JsonNode *root)
{
  JsonNode *expires_in = mado_json_lookup (root, "expires_in", NULL);
  GType type;

  if (expires_in == NULL || !JSON_NODE_HOLDS_VALUE (expires_in))
    return 0;
  type = json_node_get_value_type (expires_in);
  if (type == G_TYPE_INT64 || type == G_TYPE_DOUBLE)
    return MAX (0, json_node_get_double (expires_in));
  if (type == G_TYPE_STRING)
    return MAX (0, g_ascii_strtod (json_node_get_string (expires_in), NULL));
  return 0;
}

/* Reads {"access_token":"…","expires_in":3600} into the object, or says why not. */
static GError *
take_token (MadoOauthToken    *self,
            MadoProviderReply *reply)
{
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;
  const char *said = NULL;
  const char *token;
  double lifetime;
  double margin;

  root = mado_provider_http_parse_json (self->http, reply, &error);
  if (root != NULL)
    said = mado_json_lookup_string (root, "error", NULL);

  if (is_credentials_error (said) || reply->status == 401)
    {
      g_clear_error (&error);
      return mado_provider_http_error (self->http, MADO_GATEWAY_ERROR_PROVIDER_AUTH_FAILED,
                                       "rejected the API key or secret (HTTP %u: %s)", reply->status,
                                       said != NULL ? said : "no reason given");
    }
  if (reply->status != SOUP_STATUS_OK)
    {
      g_clear_error (&error);
      return mado_provider_http_status_error (self->http, reply, said);
    }
  if (root == NULL)
    return error;
  if (said != NULL)
    return mado_provider_http_error (self->http, MADO_GATEWAY_ERROR_PROVIDER_ERROR,
                                     "issued no access token: %s", said);

  token = mado_json_lookup_string (root, "access_token", NULL);
  if (token == NULL || mado_text_is_blank (token))
    return mado_provider_http_error (self->http, MADO_GATEWAY_ERROR_PROVIDER_BAD_RESPONSE,
                                     "answered the token request without an access token");

  lifetime = read_lifetime (root);
  if (lifetime <= 0)
    lifetime = ASSUMED_LIFETIME_S;
  margin = MIN (MAX (RENEW_MARGIN_MIN_S, lifetime * RENEW_MARGIN_FRACTION), lifetime / 2);

  clear_secret (&self->token);
  self->token = g_strdup (token);
  self->generation++;
  /* The token's life began when the service issued it, somewhere between the request and the
   * answer: counting from the request errs on the safe side. */
  self->renew_at = self->requested_at + (gint64) ((lifetime - margin) * G_USEC_PER_SEC);
  return NULL;
}

/* Takes @task. */
static void
return_token (MadoOauthToken *self,
              GTask          *task)
{
  g_task_set_task_data (task, GUINT_TO_POINTER (self->generation), NULL);
  g_task_return_pointer (task, g_strdup (self->token), (GDestroyNotify) mado_oauth_token_free_copy);
  g_object_unref (task);
}

static void
on_token (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  MadoOauthToken *self = user_data;
  g_autoptr(MadoProviderReply) reply = NULL;
  g_autoptr(GPtrArray) waiters = NULL;
  g_autoptr(GError) error = NULL;

  reply = mado_provider_http_send_finish (MADO_PROVIDER_HTTP (source), result, &error);
  /* The object is being disposed; nothing is waiting, as waiting tasks hold it. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (reply != NULL)
    error = take_token (self, reply);
  if (error != NULL)
    g_warning ("No access token: %s", error->message);

  self->requesting = FALSE;
  waiters = g_steal_pointer (&self->waiters);
  self->waiters = g_ptr_array_new ();
  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);

      if (error != NULL)
        {
          g_task_return_error (task, g_error_copy (error));
          g_object_unref (task);
        }
      else
        return_token (self, task);
    }
}

static void
request_token (MadoOauthToken *self)
{
  g_autoptr(MadoProviderRequest) request = mado_provider_request_new ("POST", self->path);

  mado_provider_request_set_form (request,
                                  "grant_type", "client_credentials",
                                  "client_id", self->client_id,
                                  "client_secret", self->client_secret,
                                  NULL);
  self->requesting = TRUE;
  self->requested_at = g_get_monotonic_time ();
  mado_provider_http_send_async (self->http, request, self->cancellable, on_token, self);
}

/* A caller that gives up while it waits hears so when the token request ends, at most one
 * provider timeout later (GTask checks @cancellable when the result is read). */
void
mado_oauth_token_get_async (MadoOauthToken      *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (MADO_IS_OAUTH_TOKEN (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mado_oauth_token_get_async);

  if (self->token != NULL && g_get_monotonic_time () < self->renew_at)
    {
      return_token (self, task);
      return;
    }

  g_ptr_array_add (self->waiters, task);
  if (!self->requesting)
    request_token (self);
}

char *
mado_oauth_token_get_finish (MadoOauthToken  *self,
                             GAsyncResult    *result,
                             guint           *generation,
                             GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (generation != NULL)
    *generation = GPOINTER_TO_UINT (g_task_get_task_data (G_TASK (result)));
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
mado_oauth_token_invalidate (MadoOauthToken *self,
                             guint           generation)
{
  g_return_if_fail (MADO_IS_OAUTH_TOKEN (self));

  if (generation == self->generation)
    clear_secret (&self->token);
}

static void
mado_oauth_token_dispose (GObject *object)
{
  MadoOauthToken *self = MADO_OAUTH_TOKEN (object);

  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (mado_oauth_token_parent_class)->dispose (object);
}

static void
mado_oauth_token_finalize (GObject *object)
{
  MadoOauthToken *self = MADO_OAUTH_TOKEN (object);

  g_clear_object (&self->http);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->waiters, g_ptr_array_unref);
  g_free (self->path);
  g_free (self->client_id);
  clear_secret (&self->client_secret);
  clear_secret (&self->token);

  G_OBJECT_CLASS (mado_oauth_token_parent_class)->finalize (object);
}

static void
mado_oauth_token_class_init (MadoOauthTokenClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mado_oauth_token_dispose;
  object_class->finalize = mado_oauth_token_finalize;
}

static void
mado_oauth_token_init (MadoOauthToken *self)
{
  self->cancellable = g_cancellable_new ();
  self->waiters = g_ptr_array_new ();
}

MadoOauthToken *
mado_oauth_token_new (MadoProviderHttp *http,
                      const char       *path,
                      const char       *client_id,
                      const char       *client_secret)
{
  MadoOauthToken *self;

  g_return_val_if_fail (MADO_IS_PROVIDER_HTTP (http), NULL);
  g_return_val_if_fail (path != NULL && client_id != NULL && client_secret != NULL, NULL);

  self = g_object_new (MADO_TYPE_OAUTH_TOKEN, NULL);
  self->http = g_object_ref (http);
  self->path = g_strdup (path);
  self->client_id = g_strdup (client_id);
  self->client_secret = g_strdup (client_secret);
  return self;
}

/* mado-context-webhook.c: telling the interpreter's system what the call is about
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The webhook is a courtesy to the interpreter, never a condition of the call: it is posted when
 * the call connects, it gives up after its timeout, and its outcome is only reported.
 */
#include "mado-context-webhook.h"

#include "mado-language.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_DEFINE_QUARK (mado-webhook-error-quark, mado_webhook_error)

G_DEFINE_BOXED_TYPE (MadoContextTurn, mado_context_turn, mado_context_turn_copy, mado_context_turn_free)

MadoContextTurn *
mado_context_turn_new (const char *speaker,
                       const char *language,
                       const char *text,
                       const char *translation)
{
  MadoContextTurn *self;

  g_return_val_if_fail (speaker != NULL && language != NULL && text != NULL, NULL);

  self = g_new0 (MadoContextTurn, 1);
  self->speaker = g_strdup (speaker);
  self->language = g_strdup (language);
  self->text = g_strdup (text);
  self->translation = g_strdup (translation);

  return self;
}

MadoContextTurn *
mado_context_turn_copy (const MadoContextTurn *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return mado_context_turn_new (self->speaker, self->language, self->text, self->translation);
}

void
mado_context_turn_free (MadoContextTurn *self)
{
  if (self == NULL)
    return;

  g_free (self->speaker);
  g_free (self->language);
  g_free (self->text);
  g_free (self->translation);
  g_free (self);
}

struct _MadoContextWebhook
{
  GObject      parent_instance;

  GUri        *uri;
  char        *url;
  guint        timeout_ms;
  gboolean     send_turns;
  SoupSession *session;
};

G_DEFINE_FINAL_TYPE (MadoContextWebhook, mado_context_webhook, G_TYPE_OBJECT)

static void
mado_context_webhook_dispose (GObject *object)
{
  MadoContextWebhook *self = MADO_CONTEXT_WEBHOOK (object);

  g_clear_object (&self->session);

  G_OBJECT_CLASS (mado_context_webhook_parent_class)->dispose (object);
}

static void
mado_context_webhook_finalize (GObject *object)
{
  MadoContextWebhook *self = MADO_CONTEXT_WEBHOOK (object);

  g_uri_unref (self->uri);
  g_free (self->url);

  G_OBJECT_CLASS (mado_context_webhook_parent_class)->finalize (object);
}

static void
mado_context_webhook_class_init (MadoContextWebhookClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mado_context_webhook_dispose;
  object_class->finalize = mado_context_webhook_finalize;
}

static void
mado_context_webhook_init (MadoContextWebhook *self)
{
}

static gboolean
is_this_machine (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

MadoContextWebhook *
mado_context_webhook_new (const char  *url,
                          guint        timeout_ms,
                          gboolean     send_turns,
                          GError     **error)
{
  g_autoptr(MadoContextWebhook) self = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) parse_error = NULL;
  const char *scheme, *host;

  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (timeout_ms > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, &parse_error);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  host = uri != NULL ? g_uri_get_host (uri) : NULL;

  if (uri == NULL || (g_strcmp0 (scheme, "https") != 0 && g_strcmp0 (scheme, "http") != 0) ||
      host == NULL || *host == '\0')
    {
      g_set_error (error, MADO_WEBHOOK_ERROR, MADO_WEBHOOK_ERROR_INVALID_URL,
                   "The context webhook address “%s” is not an https:// address with a host", url);
      return NULL;
    }

  /* The body may hold what the resident said; it leaves the tablet only encrypted. */
  if (g_strcmp0 (scheme, "http") == 0 && !is_this_machine (host))
    {
      g_set_error (error, MADO_WEBHOOK_ERROR, MADO_WEBHOOK_ERROR_INSECURE_URL,
                   "The context webhook address “%s” must use https:// (plain http is only allowed to "
                   "this machine)", url);
      return NULL;
    }

  self = g_object_new (MADO_TYPE_CONTEXT_WEBHOOK, NULL);
  self->uri = g_steal_pointer (&uri);
  self->url = g_strdup (url);
  self->timeout_ms = timeout_ms;
  self->send_turns = send_turns;
  self->session = soup_session_new_with_options ("user-agent", "Madoguchi/" PACKAGE_VERSION,
                                                 "timeout", (timeout_ms + 999) / 1000 + 1,
                                                 NULL);

  return g_steal_pointer (&self);
}

MadoContextWebhook *
mado_context_webhook_new_for_settings (MadoSettings  *settings,
                                       GError       **error)
{
  g_autofree char *url = NULL;

  g_return_val_if_fail (MADO_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  url = mado_settings_dup_interpreter_webhook_url (settings);
  if (url == NULL)
    return NULL;

  return mado_context_webhook_new (url, mado_settings_get_interpreter_webhook_timeout (settings) * 1000,
                                   mado_settings_get_interpreter_webhook_transcripts (settings), error);
}

const char *
mado_context_webhook_get_url (MadoContextWebhook *self)
{
  g_return_val_if_fail (MADO_IS_CONTEXT_WEBHOOK (self), NULL);
  return self->url;
}

gboolean
mado_context_webhook_get_send_turns (MadoContextWebhook *self)
{
  g_return_val_if_fail (MADO_IS_CONTEXT_WEBHOOK (self), FALSE);
  return self->send_turns;
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/**
 * mado_context_webhook_build_body:
 *
 * Returns: (transfer full): the UTF-8 JSON text
 */
GBytes *
mado_context_webhook_build_body (MadoContextWebhook       *self,
                                 const MadoHandoffContext *context)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *started_at = NULL;
  const MadoLanguage *language;
  char *json;
  gsize length;

  g_return_val_if_fail (MADO_IS_CONTEXT_WEBHOOK (self), NULL);
  g_return_val_if_fail (context != NULL && context->language != NULL && context->service_id != NULL, NULL);
  g_return_val_if_fail (context->started_at != NULL, NULL);

  language = mado_language_lookup (context->language);
  /* RFC 3339 with a full offset ("+09:00"), which every JSON consumer parses. */
  started_at = g_date_time_format (context->started_at, "%Y-%m-%dT%H:%M:%S%:z");

  json_builder_begin_object (builder);
  add_string (builder, "language", context->language);
  add_string (builder, "language_name", language != NULL ? language->english_name : NULL);
  add_string (builder, "counter", context->counter_name);
  add_string (builder, "genre", context->genre);
  json_builder_set_member_name (builder, "service");
  json_builder_begin_object (builder);
  add_string (builder, "id", context->service_id);
  add_string (builder, "name", context->service_name);
  json_builder_end_object (builder);
  add_string (builder, "call_id", context->call_id);
  add_string (builder, "started_at", started_at);

  /* Turns only when the admin allowed it; otherwise the member is absent, not empty, so the
   * receiving side cannot mistake "not sent" for "nothing was said". */
  if (self->send_turns && context->turns != NULL)
    {
      guint first = context->turns->len > MADO_CONTEXT_WEBHOOK_MAX_TURNS
                    ? context->turns->len - MADO_CONTEXT_WEBHOOK_MAX_TURNS : 0;

      json_builder_set_member_name (builder, "turns");
      json_builder_begin_array (builder);
      for (guint i = first; i < context->turns->len; i++)
        {
          const MadoContextTurn *turn = g_ptr_array_index (context->turns, i);

          json_builder_begin_object (builder);
          add_string (builder, "speaker", turn->speaker);
          add_string (builder, "language", turn->language);
          add_string (builder, "text", turn->text);
          add_string (builder, "translation", turn->translation);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }

  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, &length);

  return g_bytes_new_take (json, length);
}

typedef struct {
  SoupMessage  *message;
  GCancellable *request_cancellable;   /* cancelled by the timeout or by the caller's cancellable */
  GCancellable *caller_cancellable;
  gulong        caller_handler;
  guint         timeout_id;
  gboolean      timed_out;
} Post;

static void
post_free (Post *post)
{
  g_clear_handle_id (&post->timeout_id, g_source_remove);
  if (post->caller_handler != 0)
    g_cancellable_disconnect (post->caller_cancellable, post->caller_handler);
  g_clear_object (&post->caller_cancellable);
  g_clear_object (&post->request_cancellable);
  g_clear_object (&post->message);
  g_free (post);
}

static gboolean
on_post_timeout (gpointer user_data)
{
  Post *post = user_data;

  post->timeout_id = 0;
  post->timed_out = TRUE;
  g_cancellable_cancel (post->request_cancellable);

  return G_SOURCE_REMOVE;
}

static void
on_caller_cancelled (GCancellable *cancellable,
                     gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static void
on_posted (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MadoContextWebhook *self = g_task_get_source_object (task);
  Post *post = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) reply = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  guint status;

  g_clear_handle_id (&post->timeout_id, g_source_remove);

  if (reply == NULL)
    {
      if (post->timed_out)
        g_task_return_new_error (task, MADO_WEBHOOK_ERROR, MADO_WEBHOOK_ERROR_TIMEOUT,
                                 "The context webhook %s did not answer within %u ms", self->url, self->timeout_ms);
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, MADO_WEBHOOK_ERROR, MADO_WEBHOOK_ERROR_NETWORK,
                                 "The context webhook %s could not be reached: %s", self->url, error->message);
      return;
    }

  status = soup_message_get_status (post->message);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_task_return_new_error (task, MADO_WEBHOOK_ERROR, MADO_WEBHOOK_ERROR_HTTP_STATUS,
                               "The context webhook %s answered %u %s", self->url, status,
                               soup_message_get_reason_phrase (post->message));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

void
mado_context_webhook_post_async (MadoContextWebhook       *self,
                                 const MadoHandoffContext *context,
                                 GCancellable             *cancellable,
                                 GAsyncReadyCallback       callback,
                                 gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) body = NULL;
  Post *post;

  g_return_if_fail (MADO_IS_CONTEXT_WEBHOOK (self));
  g_return_if_fail (context != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  body = mado_context_webhook_build_body (self, context);

  /* The task checks no cancellable of its own: the request's cancellable does, so a timeout is
   * told apart from the caller's cancelling. */
  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, mado_context_webhook_post_async);

  post = g_new0 (Post, 1);
  post->message = soup_message_new_from_uri (SOUP_METHOD_POST, self->uri);
  post->request_cancellable = g_cancellable_new ();
  soup_message_set_request_body_from_bytes (post->message, "application/json", body);
  g_task_set_task_data (task, post, (GDestroyNotify) post_free);

  if (cancellable != NULL)
    {
      post->caller_cancellable = g_object_ref (cancellable);
      post->caller_handler = g_cancellable_connect (cancellable, G_CALLBACK (on_caller_cancelled),
                                                    g_object_ref (post->request_cancellable), g_object_unref);
    }

  post->timeout_id = g_timeout_add (self->timeout_ms, on_post_timeout, post);
  soup_session_send_and_read_async (self->session, post->message, G_PRIORITY_DEFAULT, post->request_cancellable,
                                    on_posted, g_steal_pointer (&task));
}

gboolean
mado_context_webhook_post_finish (MadoContextWebhook  *self,
                                  GAsyncResult        *result,
                                  GError             **error)
{
  g_return_val_if_fail (MADO_IS_CONTEXT_WEBHOOK (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

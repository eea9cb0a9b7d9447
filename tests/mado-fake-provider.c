/* mado-fake-provider.c: the loopback server, its thread and its request log
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-fake-provider-private.h"

#include <string.h>

#define HUGE_CHUNK_BYTES 65536

/* Answering */

static const FakeRoute *
find_route (const FakeServiceClass *klass,
            const char             *path)
{
  for (const FakeRoute *route = klass->routes; route->path != NULL; route++)
    if (route->prefix ? g_str_has_prefix (path, route->path) : g_str_equal (path, route->path))
      return route;
  return NULL;
}

static gboolean
route_allows (const FakeRoute *route,
              const char      *method)
{
  g_auto(GStrv) methods = g_strsplit (route->methods, " ", -1);

  return g_strv_contains ((const char * const *) methods, method);
}

/* The behaviour this request gets, using up one of its count when it applies here. */
static FakeBehaviour
take_behaviour (FakeProvider *self,
                const char   *path)
{
  FakeBehaviour behaviour;
  gboolean applies;

  g_mutex_lock (&self->lock);
  behaviour = self->behaviour;
  switch (behaviour)
    {
    case FAKE_BEHAVIOUR_WRONG_KEY:
    case FAKE_BEHAVIOUR_QUOTA:
    case FAKE_BEHAVIOUR_UNKNOWN_PAIR:
    case FAKE_BEHAVIOUR_EMPTY:
      applies = self->klass->takes (behaviour, path);
      break;
    case FAKE_BEHAVIOUR_NORMAL:
    case FAKE_BEHAVIOUR_EXPIRED_TOKEN:
      applies = FALSE;
      break;
    default:
      applies = TRUE;
      break;
    }
  if (!applies)
    behaviour = FAKE_BEHAVIOUR_NORMAL;
  else if (self->behaviour_left > 0 && --self->behaviour_left == 0)
    self->behaviour = FAKE_BEHAVIOUR_NORMAL;
  g_mutex_unlock (&self->lock);

  return behaviour;
}

/* From the moment an answer starts going out until wrote-body, its client may already hold
 * the whole of it while its time is not yet in the log; the log's readers wait for these. */
static void
begin_writing (FakeExchange *self)
{
  g_mutex_lock (&self->provider->lock);
  self->writing = TRUE;
  self->provider->writing++;
  g_mutex_unlock (&self->provider->lock);
}

static void
end_writing (FakeExchange *self,
             gboolean      written)
{
  FakeProvider *provider = self->provider;

  g_mutex_lock (&provider->lock);
  if (written && self->record != NULL)
    self->record->handling_ms = (double) (g_get_monotonic_time () - self->started) / 1000.0;
  if (self->writing)
    {
      self->writing = FALSE;
      provider->writing--;
      g_cond_broadcast (&provider->written);
    }
  g_mutex_unlock (&provider->lock);
}

static void
on_wrote_body (SoupServerMessage *message,
               gpointer           user_data)
{
  end_writing (user_data, TRUE);
}

/* Also when the client went away before the end. */
static void
on_finished (SoupServerMessage *message,
             gpointer           user_data)
{
  end_writing (user_data, FALSE);
}

/* Streams HUGE's padding one chunk at a time: each chunk is appended only once the one before
 * has gone out, and the body does not accumulate, so the fake never holds 10 MiB. */
static void
on_huge_chunk_written (SoupServerMessage *message,
                       gpointer           user_data)
{
  FakeExchange *self = user_data;
  SoupMessageBody *body = soup_server_message_get_response_body (message);
  gsize length = MIN (self->huge_left, HUGE_CHUNK_BYTES);

  if (length == 0)
    {
      soup_message_body_complete (body);
      return;
    }
  self->huge_left -= length;
  soup_message_body_append (body, SOUP_MEMORY_STATIC, self->provider->padding, length);
}

static void
answer_huge (FakeExchange *self)
{
  SoupServerMessage *message = self->message;
  const char *prefix = self->provider->klass->huge_prefix;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);
  SoupMessageBody *body = soup_server_message_get_response_body (message);

  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (headers, "application/json", NULL);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_body_set_accumulate (body, FALSE);
  self->huge_left = FAKE_HUGE_BYTES - strlen (prefix);
  g_signal_connect (message, "wrote-chunk", G_CALLBACK (on_huge_chunk_written), self);
  soup_message_body_append (body, SOUP_MEMORY_STATIC, prefix, strlen (prefix));
}

static const char captive_portal_page[] =
  "<!DOCTYPE html>\n"
  "<html><head><title>Network sign-in</title></head>\n"
  "<body><h1>Sign in to continue</h1>\n"
  "<p>This network requires you to accept its terms before you can reach the Internet.</p>\n"
  "</body></html>\n";

static void
forget_exchange (gpointer data)
{
  FakeExchange *self = data;
  FakeProvider *provider = self->provider;

  /* The timer must not outlive what it would unpause. */
  if (self->delay != NULL)
    g_source_destroy (self->delay);
  end_writing (self, FALSE);
  g_mutex_lock (&provider->lock);
  g_ptr_array_remove_fast (provider->in_flight, self);
  g_mutex_unlock (&provider->lock);
  fake_exchange_free (self);
}

static gboolean
on_delay_over (gpointer user_data)
{
  FakeExchange *self = user_data;

  self->delay = NULL;
  begin_writing (self);
  soup_server_message_unpause (self->message);
  return G_SOURCE_REMOVE;
}

/* Sets the answer to the request; FALSE when there is to be none (HANG). */
static gboolean
compose_answer (FakeExchange *self,
                guint         retry_after)
{
  FakeProvider *provider = self->provider;
  const char *path = self->request->path;
  const FakeRoute *route = find_route (provider->klass, path);

  if (route == NULL)
    {
      fake_exchange_reply (self, SOUP_STATUS_NOT_FOUND, "text/plain", "Not Found");
      return TRUE;
    }
  if (!route_allows (route, self->request->method))
    {
      fake_exchange_reply (self, SOUP_STATUS_METHOD_NOT_ALLOWED, "text/plain", "Method Not Allowed");
      return TRUE;
    }

  self->behaviour = take_behaviour (provider, path);
  switch (self->behaviour)
    {
    case FAKE_BEHAVIOUR_HANG:
      return FALSE;
    case FAKE_BEHAVIOUR_HTML:
      fake_exchange_reply (self, provider->klass->html_status, "text/html; charset=utf-8", captive_portal_page);
      break;
    case FAKE_BEHAVIOUR_HUGE:
      answer_huge (self);
      break;
    case FAKE_BEHAVIOUR_UNAVAILABLE:
    case FAKE_BEHAVIOUR_RATE_LIMITED:
      if (retry_after > 0)
        {
          g_autofree char *seconds = g_strdup_printf ("%u", retry_after);

          soup_message_headers_replace (soup_server_message_get_response_headers (self->message), "Retry-After",
                                        seconds);
        }
      provider->klass->answer (self);
      break;
    default:
      provider->klass->answer (self);
      break;
    }

  return TRUE;
}

static void
on_request (SoupServer        *server,
            SoupServerMessage *message,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  FakeProvider *provider = user_data;
  FakeExchange *self = fake_exchange_new (provider, message, path);
  guint delay_ms, retry_after;

  g_mutex_lock (&provider->lock);
  self->record = fake_request_copy (self->request);
  g_ptr_array_add (provider->requests, self->record);
  g_ptr_array_add (provider->in_flight, self);
  delay_ms = provider->delay_ms;
  retry_after = provider->retry_after;
  g_mutex_unlock (&provider->lock);
  /* The exchange lives as long as the message, which libsoup keeps until the answer is out. */
  g_object_set_data_full (G_OBJECT (message), "fake-exchange", self, forget_exchange);
  g_signal_connect (message, "wrote-body", G_CALLBACK (on_wrote_body), self);
  g_signal_connect (message, "finished", G_CALLBACK (on_finished), self);

  if (!compose_answer (self, retry_after))
    {
      /* Never unpaused: the connection stays open until fake_provider_stop() closes it, and
       * the thread goes on serving other requests meanwhile. */
      soup_server_message_pause (message);
      return;
    }
  if (delay_ms == 0)
    {
      begin_writing (self);
      return;
    }
  soup_server_message_pause (message);
  self->delay = g_timeout_source_new (delay_ms);
  g_source_set_callback (self->delay, on_delay_over, self, NULL);
  g_source_attach (self->delay, provider->context);
  g_source_unref (self->delay);
}

/* The thread */

static gpointer
serve (gpointer user_data)
{
  FakeProvider *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;

  g_main_context_push_thread_default (self->context);
  self->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (self->server, NULL, on_request, self, NULL);
  if (!soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("The fake provider cannot listen on 127.0.0.1: %s", error->message);
  uris = soup_server_get_uris (self->server);

  g_mutex_lock (&self->lock);
  self->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_cond_signal (&self->started);
  g_mutex_unlock (&self->lock);

  g_main_loop_run (self->loop);

  g_clear_object (&self->server);
  /* Lets libsoup finish closing connections and drop the messages it still held. */
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_main_context_pop_thread_default (self->context);

  return NULL;
}

static gboolean
stop_serving (gpointer user_data)
{
  FakeProvider *self = user_data;
  g_autoptr(GPtrArray) delays = g_ptr_array_new_with_free_func ((GDestroyNotify) g_source_unref);

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->in_flight->len; i++)
    {
      FakeExchange *exchange = self->in_flight->pdata[i];

      if (exchange->delay != NULL)
        g_ptr_array_add (delays, g_source_ref (exchange->delay));
    }
  g_mutex_unlock (&self->lock);
  for (guint i = 0; i < delays->len; i++)
    g_source_destroy (delays->pdata[i]);

  soup_server_disconnect (self->server);
  g_main_loop_quit (self->loop);

  return G_SOURCE_REMOVE;
}

FakeProvider *
fake_provider_start (FakeService service)
{
  static const FakeServiceClass *const classes[] = {
    [FAKE_SERVICE_TEXTRA] = &fake_textra_class,
    [FAKE_SERVICE_LIBRETRANSLATE] = &fake_libretranslate_class,
    [FAKE_SERVICE_APERTIUM] = &fake_apertium_class,
    [FAKE_SERVICE_DEEPL] = &fake_deepl_class,
    [FAKE_SERVICE_WHISPER_CPP] = &fake_whisper_cpp_class,
    [FAKE_SERVICE_OPENAI] = &fake_openai_class,
  };
  FakeProvider *self;

  g_return_val_if_fail (service < G_N_ELEMENTS (classes), NULL);

  self = g_new0 (FakeProvider, 1);
  self->klass = classes[service];
  g_mutex_init (&self->lock);
  g_cond_init (&self->started);
  g_cond_init (&self->written);
  self->retry_after = 1;
  self->key = self->klass->keyless ? NULL : g_strdup ("test-key");
  self->secret = g_strdup ("test-secret");
  self->name = g_strdup ("test-user");
  self->token_lifetime = 3600;
  self->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->translations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->transcript = g_strdup ("こんにちは");
  self->pairs = g_strdupv ((GStrv) self->klass->default_pairs);
  self->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) fake_request_free);
  self->in_flight = g_ptr_array_new ();
  self->padding = g_malloc (HUGE_CHUNK_BYTES);
  memset (self->padding, 'x', HUGE_CHUNK_BYTES);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);

  g_mutex_lock (&self->lock);
  self->thread = g_thread_new ("fake-provider", serve, self);
  while (self->url == NULL)
    g_cond_wait (&self->started, &self->lock);
  g_mutex_unlock (&self->lock);

  return self;
}

void
fake_provider_stop (FakeProvider *self)
{
  if (self == NULL)
    return;

  g_main_context_invoke (self->context, stop_serving, self);
  g_thread_join (self->thread);

  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_free (self->url);
  g_free (self->padding);
  g_free (self->key);
  g_free (self->secret);
  g_free (self->name);
  g_hash_table_unref (self->tokens);
  g_hash_table_unref (self->translations);
  g_free (self->transcript);
  g_strfreev (self->pairs);
  g_ptr_array_unref (self->requests);
  g_ptr_array_unref (self->in_flight);
  g_cond_clear (&self->started);
  g_cond_clear (&self->written);
  g_mutex_clear (&self->lock);
  g_free (self);
}

const char *
fake_provider_get_url (FakeProvider *self)
{
  return self->url;
}

/* The request log */

/* Waits, with the lock held, for the answers being written to have their times; a bounded
 * wait, as a client that stopped reading never lets one finish. */
static void
wait_for_writing (FakeProvider *self)
{
  gint64 deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

  while (self->writing > 0 && g_cond_wait_until (&self->written, &self->lock, deadline))
    ;
}

GPtrArray *
fake_provider_dup_requests (FakeProvider *self)
{
  GPtrArray *copies = g_ptr_array_new_with_free_func ((GDestroyNotify) fake_request_free);

  g_mutex_lock (&self->lock);
  wait_for_writing (self);
  for (guint i = 0; i < self->requests->len; i++)
    g_ptr_array_add (copies, fake_request_copy (self->requests->pdata[i]));
  g_mutex_unlock (&self->lock);

  return copies;
}

guint
fake_provider_count_requests (FakeProvider *self,
                              const char   *path)
{
  guint count = 0;

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->requests->len; i++)
    if (g_strcmp0 (((FakeRequest *) self->requests->pdata[i])->path, path) == 0)
      count++;
  g_mutex_unlock (&self->lock);

  return count;
}

void
fake_provider_clear_requests (FakeProvider *self)
{
  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->in_flight->len; i++)
    ((FakeExchange *) self->in_flight->pdata[i])->record = NULL;
  g_ptr_array_set_size (self->requests, 0);
  g_mutex_unlock (&self->lock);
}

double
fake_provider_get_handling_ms_sum (FakeProvider *self)
{
  double sum = 0;

  g_mutex_lock (&self->lock);
  wait_for_writing (self);
  for (guint i = 0; i < self->requests->len; i++)
    sum += MAX (((FakeRequest *) self->requests->pdata[i])->handling_ms, 0);
  g_mutex_unlock (&self->lock);

  return sum;
}

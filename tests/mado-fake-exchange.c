/* mado-fake-exchange.c: one request to a fake provider, decoded, and the ways to answer it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-fake-provider-private.h"

#include <string.h>

/* Requests */

void
fake_request_free (FakeRequest *request)
{
  if (request == NULL)
    return;
  g_free (request->method);
  g_free (request->path);
  g_clear_pointer (&request->fields, g_hash_table_unref);
  g_clear_pointer (&request->headers, soup_message_headers_unref);
  g_free (request->content_type);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_clear_pointer (&request->file, g_bytes_unref);
  g_free (request->file_content_type);
  g_free (request);
}

static void
copy_header (const char *name,
             const char *value,
             gpointer    user_data)
{
  soup_message_headers_append (user_data, name, value);
}

/* A deep copy, so that the test thread never shares memory with the fake's thread. */
FakeRequest *
fake_request_copy (const FakeRequest *request)
{
  FakeRequest *copy = g_new0 (FakeRequest, 1);
  GHashTableIter iter;
  gpointer name, value;

  copy->method = g_strdup (request->method);
  copy->path = g_strdup (request->path);
  copy->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_iter_init (&iter, request->fields);
  while (g_hash_table_iter_next (&iter, &name, &value))
    g_hash_table_insert (copy->fields, g_strdup (name), g_strdup (value));
  copy->headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  soup_message_headers_foreach (request->headers, copy_header, copy->headers);
  copy->content_type = g_strdup (request->content_type);
  copy->body = g_bytes_ref (request->body);
  copy->file = request->file != NULL ? g_bytes_ref (request->file) : NULL;
  copy->file_content_type = g_strdup (request->file_content_type);
  copy->handling_ms = request->handling_ms;

  return copy;
}

/* Decoding requests */

static char *
form_unescape (const char *text,
               gsize       length)
{
  g_autofree char *plus_free = g_strndup (text, length);
  char *decoded;

  g_strdelimit (plus_free, "+", ' ');
  decoded = g_uri_unescape_string (plus_free, NULL);
  /* A malformed escape is kept as sent rather than lost. */
  return decoded != NULL ? decoded : g_steal_pointer (&plus_free);
}

static void
decode_form (GPtrArray  *form,
             const char *encoded,
             gsize       length)
{
  const char *end = encoded + length;

  while (encoded < end)
    {
      const char *amp = memchr (encoded, '&', (gsize) (end - encoded));
      const char *stop = amp != NULL ? amp : end;
      const char *equals = memchr (encoded, '=', (gsize) (stop - encoded));

      if (stop > encoded)
        {
          const char *name_end = equals != NULL ? equals : stop;
          const char *value = equals != NULL ? equals + 1 : stop;

          g_ptr_array_add (form, form_unescape (encoded, (gsize) (name_end - encoded)));
          g_ptr_array_add (form, form_unescape (value, (gsize) (stop - value)));
        }
      encoded = stop + 1;
    }
}

static void
decode_json (FakeExchange *self)
{
  GBytes *body = self->request->body;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;
  g_autoptr(GList) members = NULL;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), (gssize) g_bytes_get_size (body), NULL))
    return;
  self->json = json_node_copy (json_parser_get_root (parser));
  if (!JSON_NODE_HOLDS_OBJECT (self->json))
    return;

  object = json_node_get_object (self->json);
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (object, l->data);

      if (!JSON_NODE_HOLDS_VALUE (node))
        continue;
      g_ptr_array_add (self->form, g_strdup (l->data));
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        g_ptr_array_add (self->form, g_strdup (json_node_get_string (node)));
      else
        g_ptr_array_add (self->form, json_to_string (node, FALSE));
    }
}

static void
decode_multipart (FakeExchange *self)
{
  FakeRequest *request = self->request;
  g_autoptr(SoupMultipart) multipart = soup_multipart_new_from_message (request->headers, request->body);

  if (multipart == NULL)
    return;
  for (int i = 0; i < soup_multipart_get_length (multipart); i++)
    {
      SoupMessageHeaders *headers;
      GBytes *body;
      g_autoptr(GHashTable) params = NULL;
      const char *name;

      if (!soup_multipart_get_part (multipart, i, &headers, &body) ||
          !soup_message_headers_get_content_disposition (headers, NULL, &params))
        continue;
      name = g_hash_table_lookup (params, "name");
      if (name == NULL)
        continue;
      if (g_str_equal (name, "file"))
        {
          if (request->file != NULL)
            continue;
          request->file = g_bytes_ref (body);
          request->file_content_type = g_strdup (soup_message_headers_get_content_type (headers, NULL));
        }
      else if (g_hash_table_lookup (params, "filename") == NULL)
        {
          g_ptr_array_add (self->form, g_strdup (name));
          g_ptr_array_add (self->form, g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body)));
        }
    }
}

FakeExchange *
fake_exchange_new (FakeProvider      *provider,
                   SoupServerMessage *message,
                   const char        *path)
{
  FakeExchange *self = g_new0 (FakeExchange, 1);
  FakeRequest *request = g_new0 (FakeRequest, 1);
  const char *query = g_uri_get_query (soup_server_message_get_uri (message));

  self->provider = provider;
  self->message = message;
  self->request = request;
  self->form = g_ptr_array_new_with_free_func (g_free);
  self->started = g_get_monotonic_time ();

  request->method = g_strdup (soup_server_message_get_method (message));
  request->path = g_strdup (path);
  request->headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  soup_message_headers_foreach (soup_server_message_get_request_headers (message), copy_header, request->headers);
  request->content_type = g_strdup (soup_message_headers_get_content_type (request->headers, NULL));
  request->body = soup_message_body_flatten (soup_server_message_get_request_body (message));
  request->handling_ms = -1;

  if (query != NULL)
    decode_form (self->form, query, strlen (query));
  if (g_strcmp0 (request->content_type, "application/x-www-form-urlencoded") == 0)
    decode_form (self->form, g_bytes_get_data (request->body, NULL), g_bytes_get_size (request->body));
  else if (g_strcmp0 (request->content_type, "multipart/form-data") == 0)
    decode_multipart (self);
  else if (g_strcmp0 (request->content_type, "application/json") == 0)
    decode_json (self);

  request->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i + 1 < self->form->len; i += 2)
    if (!g_hash_table_contains (request->fields, self->form->pdata[i]))
      g_hash_table_insert (request->fields, g_strdup (self->form->pdata[i]), g_strdup (self->form->pdata[i + 1]));

  return self;
}

void
fake_exchange_free (FakeExchange *self)
{
  fake_request_free (self->request);
  g_ptr_array_unref (self->form);
  g_clear_pointer (&self->json, json_node_unref);
  g_free (self);
}

/* What the services use */

const char *
fake_exchange_field (FakeExchange *self,
                     const char   *name)
{
  return g_hash_table_lookup (self->request->fields, name);
}

GPtrArray *
fake_exchange_all_fields (FakeExchange *self,
                          const char   *name)
{
  GPtrArray *values = g_ptr_array_new ();

  for (guint i = 0; i + 1 < self->form->len; i += 2)
    if (g_str_equal (self->form->pdata[i], name))
      g_ptr_array_add (values, self->form->pdata[i + 1]);

  return values;
}

const char *
fake_exchange_header (FakeExchange *self,
                      const char   *name)
{
  return soup_message_headers_get_one (self->request->headers, name);
}

gboolean
fake_exchange_has_form_body (FakeExchange *self)
{
  return g_strcmp0 (self->request->content_type, "application/x-www-form-urlencoded") == 0 ||
         g_strcmp0 (self->request->content_type, "multipart/form-data") == 0;
}

void
fake_exchange_reply (FakeExchange *self,
                     guint         status,
                     const char   *content_type,
                     const char   *body)
{
  soup_server_message_set_status (self->message, status, NULL);
  soup_server_message_set_response (self->message, content_type, SOUP_MEMORY_COPY, body, strlen (body));
}

void
fake_exchange_reply_json (FakeExchange *self,
                          guint         status,
                          JsonBuilder  *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = json_to_string (root, FALSE);

  fake_exchange_reply (self, status, "application/json", text);
}

void
fake_exchange_reply_member (FakeExchange *self,
                            guint         status,
                            const char   *member,
                            const char   *text)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  fake_json_add_string (builder, member, text);
  json_builder_end_object (builder);
  fake_exchange_reply_json (self, status, builder);
}

void
fake_json_add_string (JsonBuilder *builder,
                      const char  *name,
                      const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
fake_json_add_int (JsonBuilder *builder,
                   const char  *name,
                   gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

void
fake_json_add_double (JsonBuilder *builder,
                      const char  *name,
                      double       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_double_value (builder, value);
}

const char *
fake_guess_language (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p++)
    if ((guchar) *p >= 0x80)
      return "ja";
  return "en";
}

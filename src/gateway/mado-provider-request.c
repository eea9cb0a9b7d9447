/* mado-provider-request.c: one request to a provider
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A request is described once and turned into a fresh SoupMessage for every attempt, because a
 * message that has been sent cannot be sent again; the body is a GBytes, so each attempt shares it.
 */
#include "mado-provider-http-private.h"

#include <stdarg.h>

MadoProviderRequest *
mado_provider_request_new (const char *method,
                           const char *path)
{
  MadoProviderRequest *self = g_new0 (MadoProviderRequest, 1);

  g_return_val_if_fail (method != NULL && path != NULL, NULL);

  self->method = g_strdup (method);
  self->path = g_strdup (path);
  self->headers = g_ptr_array_new_with_free_func (g_free);
  return self;
}

void
mado_provider_request_free (MadoProviderRequest *self)
{
  if (self == NULL)
    return;
  g_free (self->method);
  g_free (self->path);
  g_free (self->content_type);
  g_clear_pointer (&self->body, g_bytes_unref);
  g_ptr_array_unref (self->headers);
  g_free (self);
}

void
mado_provider_request_set_body (MadoProviderRequest *self,
                                const char          *content_type,
                                GBytes              *body)
{
  g_return_if_fail (self != NULL && content_type != NULL && body != NULL);

  g_free (self->content_type);
  self->content_type = g_strdup (content_type);
  g_clear_pointer (&self->body, g_bytes_unref);
  self->body = g_bytes_ref (body);
}

void
mado_provider_request_set_form (MadoProviderRequest *self,
                                const char          *first_name,
                                ...)
{
  g_autoptr(GString) form = g_string_new (NULL);
  g_autoptr(GBytes) body = NULL;
  va_list args;

  g_return_if_fail (self != NULL);

  va_start (args, first_name);
  for (const char *name = first_name; name != NULL; name = va_arg (args, const char *))
    {
      const char *value = va_arg (args, const char *);

      if (value == NULL)
        continue;
      if (form->len > 0)
        g_string_append_c (form, '&');
      g_string_append_uri_escaped (form, name, NULL, FALSE);
      g_string_append_c (form, '=');
      g_string_append_uri_escaped (form, value, NULL, FALSE);
    }
  va_end (args);

  body = g_string_free_to_bytes (g_steal_pointer (&form));
  mado_provider_request_set_body (self, "application/x-www-form-urlencoded", body);
}

void
mado_provider_request_set_json (MadoProviderRequest *self,
                                JsonNode            *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GBytes) body = NULL;
  gsize length;
  char *text;

  g_return_if_fail (self != NULL && root != NULL);

  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);
  body = g_bytes_new_take (text, length);
  json_node_unref (root);
  mado_provider_request_set_body (self, "application/json", body);
}

void
mado_provider_request_set_multipart (MadoProviderRequest *self,
                                     SoupMultipart       *multipart)
{
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_MULTIPART);
  g_autoptr(GBytes) body = NULL;

  g_return_if_fail (self != NULL && multipart != NULL);

  soup_multipart_to_message (multipart, headers, &body);
  mado_provider_request_set_body (self, soup_message_headers_get_one (headers, "Content-Type"), body);
}

void
mado_provider_request_add_header (MadoProviderRequest *self,
                                  const char          *name,
                                  const char          *value)
{
  g_return_if_fail (self != NULL && name != NULL && value != NULL);

  g_ptr_array_add (self->headers, g_strdup (name));
  g_ptr_array_add (self->headers, g_strdup (value));
}

void
mado_provider_request_set_final_answer (MadoProviderRequest     *self,
                                        MadoProviderFinalAnswer  is_final)
{
  g_return_if_fail (self != NULL);

  self->is_final = is_final;
}

MadoProviderRequest *
mado_provider_request_copy (const MadoProviderRequest *self)
{
  MadoProviderRequest *copy = mado_provider_request_new (self->method, self->path);

  copy->is_final = self->is_final;
  if (self->body != NULL)
    mado_provider_request_set_body (copy, self->content_type, self->body);
  for (guint i = 0; i < self->headers->len; i++)
    g_ptr_array_add (copy->headers, g_strdup (g_ptr_array_index (self->headers, i)));
  return copy;
}

SoupMessage *
mado_provider_request_to_message (const MadoProviderRequest  *self,
                                  GUri                       *base,
                                  GError                    **error)
{
  g_autoptr(GUri) uri = g_uri_parse_relative (base, self->path, SOUP_HTTP_URI_FLAGS, error);
  SoupMessageHeaders *headers;
  SoupMessage *message;

  if (uri == NULL)
    return NULL;

  message = soup_message_new_from_uri (self->method, uri);
  headers = soup_message_get_request_headers (message);
  if (self->body != NULL)
    soup_message_set_request_body_from_bytes (message, self->content_type, self->body);
  soup_message_headers_replace (headers, "Accept", "application/json");
  for (guint i = 0; i + 1 < self->headers->len; i += 2)
    soup_message_headers_replace (headers, g_ptr_array_index (self->headers, i),
                                  g_ptr_array_index (self->headers, i + 1));
  return message;
}

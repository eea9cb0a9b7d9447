/* mado-gateway-request-body.c: reading what a client sent, and refusing it in the API's terms
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every check here answers with the error code and a sentence that names the field, so that a
 * client's developer sees at once what to change (docs/api.md, "Errors").
 */
#include "mado-gateway-private.h"

#include "mado-text.h"

void
mado_gateway_request_respond_new_error (MadoGatewayRequest *request,
                                        MadoGatewayError    code,
                                        const char         *format,
                                        ...)
{
  g_autoptr(GError) error = NULL;
  va_list args;

  va_start (args, format);
  error = g_error_new_valist (MADO_GATEWAY_ERROR, code, format, args);
  va_end (args);
  mado_gateway_request_respond_error (request, error);
}

/* The JSON body, as an object; valid until the next request is parsed. */
JsonObject *
mado_gateway_request_parse_body (MadoGatewayRequest  *request,
                                 GError             **error)
{
  SoupMessageBody *body = soup_server_message_get_request_body (request->message);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(GError) parse_error = NULL;
  JsonParser *parser = request->gateway->parser;
  const char *data;
  gsize length;
  JsonNode *root;

  data = g_bytes_get_data (bytes, &length);
  if (length == 0)
    {
      g_set_error_literal (error, MADO_GATEWAY_ERROR, MADO_GATEWAY_ERROR_INVALID_REQUEST,
                           "The request has no body; send a JSON object.");
      return NULL;
    }
  if (!g_utf8_validate_len (data, length, NULL))
    {
      g_set_error_literal (error, MADO_GATEWAY_ERROR, MADO_GATEWAY_ERROR_INVALID_REQUEST,
                           "The request body is not UTF-8.");
      return NULL;
    }
  if (!json_parser_load_from_data (parser, data, (gssize) length, &parse_error))
    {
      g_set_error (error, MADO_GATEWAY_ERROR, MADO_GATEWAY_ERROR_INVALID_REQUEST,
                   "The request body is not valid JSON: %s", parse_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, MADO_GATEWAY_ERROR, MADO_GATEWAY_ERROR_INVALID_REQUEST,
                           "The request body must be a JSON object.");
      return NULL;
    }
  return json_node_get_object (root);
}

static gboolean
get_string (JsonObject   *object,
            const char   *name,
            const char  **value,
            GError      **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      g_set_error (error, MADO_GATEWAY_ERROR, MADO_GATEWAY_ERROR_INVALID_REQUEST,
                   "The request has no “%s”.", name);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, MADO_GATEWAY_ERROR, MADO_GATEWAY_ERROR_INVALID_REQUEST,
                   "“%s” must be a string.", name);
      return FALSE;
    }

  *value = json_node_get_string (node);
  return TRUE;
}

gboolean
mado_gateway_json_get_optional_boolean (JsonObject  *object,
                                        const char  *name,
                                        gboolean    *value,
                                        GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  *value = FALSE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      g_set_error (error, MADO_GATEWAY_ERROR, MADO_GATEWAY_ERROR_INVALID_REQUEST,
                   "“%s” must be true or false.", name);
      return FALSE;
    }

  *value = json_node_get_boolean (node);
  return TRUE;
}

const MadoLanguage *
mado_gateway_json_get_language (JsonObject  *object,
                                const char  *name,
                                GError     **error)
{
  const MadoLanguage *language;
  const char *code;

  if (!get_string (object, name, &code, error))
    return NULL;

  language = mado_language_lookup (code);
  if (language == NULL)
    g_set_error (error, MADO_GATEWAY_ERROR, MADO_GATEWAY_ERROR_UNSUPPORTED_LANGUAGE,
                 "“%s” is not one of Madoguchi's languages (%s).", code, name);
  return language;
}

/* The text as the gateway uses it: NFC, at most MAX_TEXT_CHARS characters, not blank. */
char *
mado_gateway_json_get_text (JsonObject  *object,
                            GError     **error)
{
  g_autofree char *normalised = NULL;
  const char *text;
  glong length;

  if (!get_string (object, "text", &text, error))
    return NULL;

  normalised = g_utf8_normalize (text, -1, G_NORMALIZE_DEFAULT_COMPOSE);
  length = g_utf8_strlen (normalised, -1);
  if (length > MADO_GATEWAY_MAX_TEXT_CHARS)
    {
      g_set_error (error, MADO_GATEWAY_ERROR, MADO_GATEWAY_ERROR_PAYLOAD_TOO_LARGE,
                   "“text” has %ld characters; the limit is %d.", length, MADO_GATEWAY_MAX_TEXT_CHARS);
      return NULL;
    }

  if (mado_text_is_blank (normalised))
    {
      g_set_error_literal (error, MADO_GATEWAY_ERROR, MADO_GATEWAY_ERROR_INVALID_REQUEST,
                           "“text” is empty.");
      return NULL;
    }
  return g_steal_pointer (&normalised);
}

gboolean
mado_gateway_request_has_media_type (MadoGatewayRequest  *request,
                                     const char          *expected,
                                     GHashTable         **parameters,
                                     GError             **error)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (request->message);
  const char *media_type = soup_message_headers_get_content_type (headers, parameters);

  if (media_type != NULL && g_ascii_strcasecmp (media_type, expected) == 0)
    return TRUE;

  g_set_error (error, MADO_GATEWAY_ERROR, MADO_GATEWAY_ERROR_UNSUPPORTED_MEDIA_TYPE,
               "%s takes %s, not %s.", g_uri_get_path (soup_server_message_get_uri (request->message)),
               expected, media_type != NULL ? media_type : "a body without a Content-Type");
  return FALSE;
}

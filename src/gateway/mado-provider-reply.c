/* mado-provider-reply.c: reading what a provider answered, without trusting it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A service's answer may not be the service's at all (a proxy's error page, a login portal), may
 * be truncated or enormous, and may quote the gateway's key back. The functions here turn any
 * answer into either what the adapter expected or one of the API's error codes, with the
 * service's own words scrubbed of secrets and cut to a readable length.
 */
#include "mado-provider-http-private.h"

#include "mado-gateway-error.h"
#include "mado-gateway-provider.h"
#include "mado-text.h"

#include <math.h>

void
mado_provider_reply_free (MadoProviderReply *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->headers, soup_message_headers_unref);
  g_clear_pointer (&self->body, g_bytes_unref);
  g_free (self);
}

/* Retry-After as delay-seconds or an HTTP date; -1 when absent or unreadable. */
double
mado_provider_headers_get_retry_after (SoupMessageHeaders *headers)
{
  const char *value = soup_message_headers_get_one (headers, "Retry-After");
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GDateTime) now = NULL;
  guint64 seconds;

  if (value == NULL)
    return -1;
  if (g_ascii_string_to_unsigned (value, 10, 0, 86400, &seconds, NULL))
    return (double) seconds;

  date = soup_date_time_new_from_http_string (value);
  if (date == NULL)
    return -1;
  now = g_date_time_new_now_utc ();
  return MAX (0.0, g_date_time_difference (date, now) / (double) G_USEC_PER_SEC);
}

static gboolean
looks_like_html (MadoProviderReply *reply,
                 const char        *data,
                 gsize              length)
{
  const char *content_type = soup_message_headers_get_content_type (reply->headers, NULL);

  if (content_type != NULL && g_ascii_strcasecmp (content_type, "text/html") == 0)
    return TRUE;
  while (length > 0 && g_ascii_isspace (*data))
    data++, length--;
  return length > 0 && *data == '<';
}

JsonNode *
mado_provider_http_parse_json (MadoProviderHttp   *self,
                               MadoProviderReply  *reply,
                               GError            **error)
{
  g_autoptr(JsonParser) parser = NULL;
  const char *data;
  gsize length;

  g_return_val_if_fail (MADO_IS_PROVIDER_HTTP (self), NULL);
  g_return_val_if_fail (reply != NULL, NULL);

  data = g_bytes_get_data (reply->body, &length);
  if (length == 0)
    {
      g_propagate_error (error, mado_provider_http_error (self, MADO_GATEWAY_ERROR_PROVIDER_BAD_RESPONSE,
                                                          "sent an empty answer (HTTP %u)", reply->status));
      return NULL;
    }
  if (looks_like_html (reply, data, length))
    {
      /* Usually not the service at all: a proxy's error page or a login portal in the way. */
      g_propagate_error (error, mado_provider_http_error (self, MADO_GATEWAY_ERROR_PROVIDER_BAD_RESPONSE,
                                                          "sent a web page instead of JSON (HTTP %u); "
                                                          "check its URL and any proxy in between",
                                                          reply->status));
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!g_utf8_validate_len (data, length, NULL) ||
      !json_parser_load_from_data (parser, data, (gssize) length, NULL) ||
      json_parser_get_root (parser) == NULL)
    {
      g_propagate_error (error, mado_provider_http_error (self, MADO_GATEWAY_ERROR_PROVIDER_BAD_RESPONSE,
                                                          "sent an answer that is not JSON (HTTP %u)",
                                                          reply->status));
      return NULL;
    }

  return json_parser_steal_root (parser);
}

GError *
mado_provider_http_status_error (MadoProviderHttp  *self,
                                 MadoProviderReply *reply,
                                 const char        *detail)
{
  g_autofree char *said = NULL;
  double retry_after;
  GError *error;
  int code;
  const char *what;

  g_return_val_if_fail (MADO_IS_PROVIDER_HTTP (self), NULL);
  g_return_val_if_fail (reply != NULL, NULL);

  switch (reply->status)
    {
    case 401:
    case 403:
      code = MADO_GATEWAY_ERROR_PROVIDER_AUTH_FAILED;
      what = "rejected the gateway's key";
      break;
    case 402:
    case 456:
      code = MADO_GATEWAY_ERROR_PROVIDER_QUOTA_EXCEEDED;
      what = "says its quota is used up";
      break;
    case 429:
      code = MADO_GATEWAY_ERROR_PROVIDER_UNAVAILABLE;
      what = "is refusing requests for now (too many)";
      break;
    default:
      code = reply->status >= 500 ? MADO_GATEWAY_ERROR_PROVIDER_UNAVAILABLE : MADO_GATEWAY_ERROR_PROVIDER_ERROR;
      what = reply->status >= 500 ? "is failing" : "refused the request";
      break;
    }

  said = detail != NULL && *detail != '\0' ? g_strdup_printf (": %s", detail) : g_strdup ("");
  error = mado_provider_http_error (self, code, "%s (HTTP %u%s)", what, reply->status, said);

  retry_after = mado_provider_headers_get_retry_after (reply->headers);
  if (code == MADO_GATEWAY_ERROR_PROVIDER_UNAVAILABLE && retry_after > 0)
    mado_gateway_error_set_retry_after (error, (guint) ceil (retry_after));
  return error;
}

void
mado_provider_http_return_translation (MadoProviderHttp *self,
                                       GTask            *task,
                                       char             *text,
                                       const char       *missing)
{
  MadoTranslation *translation;

  g_return_if_fail (MADO_IS_PROVIDER_HTTP (self));
  g_return_if_fail (G_IS_TASK (task));

  if (text == NULL)
    {
      g_task_return_error (task, mado_provider_http_error (self, MADO_GATEWAY_ERROR_PROVIDER_BAD_RESPONSE,
                                                           "sent %s", missing));
      return;
    }
  if (mado_text_is_blank (text))
    {
      g_free (text);
      g_task_return_error (task, mado_provider_http_error (self, MADO_GATEWAY_ERROR_PROVIDER_BAD_RESPONSE,
                                                           "sent an empty translation"));
      return;
    }

  translation = g_new0 (MadoTranslation, 1);
  translation->text = text;
  g_task_return_pointer (task, translation, (GDestroyNotify) mado_translation_free);
}

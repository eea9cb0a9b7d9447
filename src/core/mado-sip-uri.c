/* mado-sip-uri.c: checking SIP URIs and phone numbers from the interpreter directory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * This is not a SIP parser: baresip parses the URIs it is given. These checks catch what an
 * admin typing a directory entry gets wrong (a missing "sip:", a space, a port of 70000, a
 * header part baresip would put into the request line) before a call is ever placed.
 */
#include "mado-sip-uri.h"

#include "mado-call-types.h"

#include <gio/gio.h>
#include <string.h>

/* RFC 3261 user: unreserved, escaped, user-unreserved and ":" for the (deprecated) password. */
#define USER_CHARACTERS "-_.!~*'()%&=+$,;?/:"
#define PARAMETER_CHARACTERS "-_.!~*'()%[]/:&+$"

static gboolean
only_characters (const char *text,
                 gsize       length,
                 const char *extra)
{
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isalnum (text[i]) && strchr (extra, text[i]) == NULL)
      return FALSE;

  return TRUE;
}

static gboolean
check_host_name (const char *host)
{
  g_auto(GStrv) labels = g_strsplit (host, ".", -1);

  if (*host == '\0')
    return FALSE;

  for (guint i = 0; labels[i] != NULL; i++)
    {
      gsize length = strlen (labels[i]);

      /* A trailing dot (a fully qualified name) leaves one empty last label, which is fine. */
      if (length == 0 && labels[i + 1] == NULL && i > 0)
        continue;
      if (length == 0 || length > 63 || labels[i][0] == '-' || labels[i][length - 1] == '-' ||
          !only_characters (labels[i], length, "-"))
        return FALSE;
    }

  return TRUE;
}

static gboolean
fail (GError     **error,
      const char  *uri,
      const char  *problem)
{
  g_set_error (error, MADO_CALL_ERROR, MADO_CALL_ERROR_INVALID_URI, "“%s” is not a usable SIP URI: %s",
               uri, problem);
  return FALSE;
}

static gboolean
check_uri (const char  *uri,
           gboolean     needs_user,
           GError     **error)
{
  const char *rest, *at, *host_end, *host;
  g_autofree char *host_part = NULL;
  char *port_colon;

  if (g_ascii_strncasecmp (uri, "sip:", 4) == 0)
    rest = uri + 4;
  else if (g_ascii_strncasecmp (uri, "sips:", 5) == 0)
    rest = uri + 5;
  else
    return fail (error, uri, "it must start with “sip:” or “sips:”");

  for (const char *p = uri; *p != '\0'; p++)
    if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p) || *p == '<' || *p == '>' || *p == '"')
      return fail (error, uri, "it contains a space, a quote, an angle bracket or a control character");

  if (strchr (rest, '?') != NULL)
    return fail (error, uri, "header fields after “?” cannot be used: baresip would put them into "
                             "the request line");

  at = strchr (rest, '@');
  if (needs_user && (at == NULL || at == rest))
    return fail (error, uri, "it has no user part; write it as sip:user@host");
  if (at != NULL && strchr (at + 1, '@') != NULL)
    return fail (error, uri, "it has more than one “@”");
  if (at != NULL && (at == rest || !only_characters (rest, at - rest, USER_CHARACTERS)))
    return fail (error, uri, "the user part is empty or has characters that must be escaped");

  host = at != NULL ? at + 1 : rest;
  host_end = host + strcspn (host, ";");
  host_part = g_strndup (host, host_end - host);

  if (host_part[0] == '[')
    {
      char *close = strchr (host_part, ']');
      g_autofree char *address = NULL;

      if (close == NULL)
        return fail (error, uri, "the IPv6 address has no closing “]”");
      address = g_strndup (host_part + 1, close - host_part - 1);
      if (!g_hostname_is_ip_address (address) || strchr (address, ':') == NULL)
        return fail (error, uri, "the address in brackets is not an IPv6 address");
      port_colon = close[1] == ':' ? close + 1 : NULL;
      if (close[1] != '\0' && port_colon == NULL)
        return fail (error, uri, "only a port may follow the IPv6 address");
    }
  else
    {
      port_colon = strchr (host_part, ':');
      if (port_colon != NULL)
        *port_colon = '\0';
      if (!check_host_name (host_part))
        return fail (error, uri, "the host is not a valid name or address");
      if (port_colon != NULL)
        *port_colon = ':';
    }

  if (port_colon != NULL)
    {
      guint64 port = 0;

      if (!g_ascii_string_to_unsigned (port_colon + 1, 10, 1, 65535, &port, NULL))
        return fail (error, uri, "the port must be a number from 1 to 65535");
    }

  if (*host_end == ';')
    {
      g_auto(GStrv) parameters = g_strsplit (host_end + 1, ";", -1);

      if (parameters[0] == NULL)
        return fail (error, uri, "a “;” parameter is empty or malformed");

      for (guint i = 0; parameters[i] != NULL; i++)
        {
          const char *equals = strchr (parameters[i], '=');
          gsize name_length = equals != NULL ? (gsize) (equals - parameters[i]) : strlen (parameters[i]);

          if (name_length == 0 || !only_characters (parameters[i], name_length, "-_.!~*'%") ||
              (equals != NULL && (equals[1] == '\0' ||
                                  !only_characters (equals + 1, strlen (equals + 1), PARAMETER_CHARACTERS))))
            return fail (error, uri, "a “;” parameter is empty or malformed");
        }
    }

  return TRUE;
}

gboolean
mado_sip_uri_check (const char  *uri,
                    GError     **error)
{
  g_return_val_if_fail (uri != NULL, FALSE);

  return check_uri (uri, TRUE, error);
}

gboolean
mado_sip_uri_check_server (const char  *uri,
                           GError     **error)
{
  g_return_val_if_fail (uri != NULL, FALSE);

  return check_uri (uri, FALSE, error);
}

char *
mado_phone_number_normalize (const char  *number,
                             GError     **error)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  guint n_digits = 0;

  g_return_val_if_fail (number != NULL, NULL);

  for (const char *p = number; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          g_string_append_c (digits, *p);
          n_digits++;
        }
      else if (*p == '+' && digits->len == 0 && p == number + strspn (number, " "))
        g_string_append_c (digits, '+');
      else if (strchr (" -().", *p) == NULL)
        {
          g_set_error (error, MADO_CALL_ERROR, MADO_CALL_ERROR_INVALID_URI,
                       "“%s” is not a phone number: only digits, a leading “+”, spaces, hyphens, dots "
                       "and brackets may be used", number);
          return NULL;
        }
    }

  if (n_digits < 3 || n_digits > 20)
    {
      g_set_error (error, MADO_CALL_ERROR, MADO_CALL_ERROR_INVALID_URI,
                   "“%s” is not a phone number: it has %u digits (3 to 20 are possible)", number, n_digits);
      return NULL;
    }

  return g_string_free (g_steal_pointer (&digits), FALSE);
}

char *
mado_sip_uri_for_number (const char *normalized_number,
                         const char *domain)
{
  g_return_val_if_fail (normalized_number != NULL, NULL);
  g_return_val_if_fail (domain != NULL, NULL);

  return g_strdup_printf ("sip:%s@%s;user=phone", normalized_number, domain);
}

char *
mado_sip_uri_with_language (const char *uri,
                            const char *language)
{
  g_return_val_if_fail (uri != NULL, NULL);

  if (language == NULL || *language == '\0')
    return g_strdup (uri);

  return g_strdup_printf ("%s;" MADO_SIP_LANGUAGE_PARAMETER "=%s", uri, language);
}

/* mado-gateway-json.c: writing the gateway's JSON answers, and reading providers' answers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The answers are small and of a fixed shape; writing them directly costs a fraction of
 * building a json-glib tree and generating it, which counts at thousands of requests a second.
 */
#include "mado-gateway-json.h"

#include <stdarg.h>
#include <string.h>

void
mado_json_append_string (GString    *out,
                         const char *text)
{
  static const char hex[] = "0123456789abcdef";
  const char *run;

  if (text == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  g_string_append_c (out, '"');
  run = text;
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;

      g_string_append_len (out, run, p - run);
      run = p + 1;
      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          g_string_append (out, "\\u00");
          g_string_append_c (out, hex[c >> 4]);
          g_string_append_c (out, hex[c & 0xf]);
          break;
        }
    }
  g_string_append (out, run);
  g_string_append_c (out, '"');
}

void
mado_json_append_number (GString *out,
                         double   value,
                         guint    decimals)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char format[8];
  char *end;

  g_snprintf (format, sizeof format, "%%.%uf", MIN (decimals, 9u));
  g_ascii_formatd (buffer, sizeof buffer, format, value);

  /* "0.250" → "0.25", "1.000" → "1.0": short, and still a number with a fraction. */
  if (decimals > 0)
    {
      end = buffer + strlen (buffer) - 1;
      while (*end == '0' && end[-1] != '.')
        *end-- = '\0';
    }
  g_string_append (out, buffer);
}

static JsonNode *
lookup_valist (JsonNode   *node,
               const char *first_member,
               va_list     members)
{
  for (const char *member = first_member; member != NULL; member = va_arg (members, const char *))
    {
      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        return NULL;
      node = json_object_get_member (json_node_get_object (node), member);
    }
  return node;
}

JsonNode *
mado_json_lookup (JsonNode   *root,
                  const char *first_member,
                  ...)
{
  JsonNode *node;
  va_list members;

  va_start (members, first_member);
  node = lookup_valist (root, first_member, members);
  va_end (members);
  return node;
}

const char *
mado_json_lookup_string (JsonNode   *root,
                         const char *first_member,
                         ...)
{
  JsonNode *node;
  va_list members;

  va_start (members, first_member);
  node = lookup_valist (root, first_member, members);
  va_end (members);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

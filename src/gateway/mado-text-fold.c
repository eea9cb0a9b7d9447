/* mado-text-fold.c: the form of a text that phrase matching compares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-text-fold.h"

#include <string.h>

static gboolean
is_dropped (gunichar character)
{
  switch (g_unichar_type (character))
    {
    case G_UNICODE_CONNECT_PUNCTUATION:
    case G_UNICODE_DASH_PUNCTUATION:
    case G_UNICODE_CLOSE_PUNCTUATION:
    case G_UNICODE_FINAL_PUNCTUATION:
    case G_UNICODE_INITIAL_PUNCTUATION:
    case G_UNICODE_OTHER_PUNCTUATION:
    case G_UNICODE_OPEN_PUNCTUATION:
    case G_UNICODE_SPACE_SEPARATOR:
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
    case G_UNICODE_CONTROL:
    case G_UNICODE_FORMAT:
      return TRUE;
    default:
      return FALSE;
    }
}

/* English typed or recognised text is the common case on a busy gateway; ASCII needs neither
 * normalisation nor full case folding, so it is folded in one pass without the two
 * intermediate copies the general path makes. */
static char *
fold_ascii (const char *text,
            gsize       length)
{
  char *folded = g_malloc (length + 1);
  char *out = folded;

  for (gsize i = 0; i < length; i++)
    if (!is_dropped ((gunichar) text[i]))
      *out++ = g_ascii_tolower (text[i]);
  *out = '\0';
  return folded;
}

static gboolean
is_ascii (const char *text,
          gsize      *length)
{
  const char *p;

  for (p = text; *p != '\0'; p++)
    if ((guchar) *p >= 0x80)
      return FALSE;
  *length = (gsize) (p - text);
  return TRUE;
}

char *
mado_text_fold (const char *text)
{
  g_autofree char *normalised = NULL;
  g_autofree char *case_folded = NULL;
  gsize ascii_length;
  char *out;

  g_return_val_if_fail (text != NULL, NULL);

  if (is_ascii (text, &ascii_length))
    return fold_ascii (text, ascii_length);

  normalised = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  if (normalised == NULL)
    return g_strdup ("");
  case_folded = g_utf8_casefold (normalised, -1);

  /* Dropping characters only shortens the string, so it is rewritten in place. */
  out = case_folded;
  for (const char *p = case_folded, *next; *p != '\0'; p = next)
    {
      next = g_utf8_next_char (p);
      if (!is_dropped (g_utf8_get_char (p)))
        {
          memmove (out, p, (gsize) (next - p));
          out += next - p;
        }
    }
  *out = '\0';

  return g_steal_pointer (&case_folded);
}

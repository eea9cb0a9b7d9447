/* mado-ruby.c: やさしい日本語 text with readings, written {漢字|かんじ}
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-ruby.h"

#include <string.h>

G_DEFINE_QUARK (mado-ruby-error-quark, mado_ruby_error)

static gboolean
is_kanji (gunichar c)
{
  return g_unichar_get_script (c) == G_UNICODE_SCRIPT_HAN;
}

static gboolean
is_reading_char (gunichar c)
{
  GUnicodeScript script = g_unichar_get_script (c);

  /* The prolonged sound mark and the middle dot are script-common but belong in readings. */
  return script == G_UNICODE_SCRIPT_HIRAGANA || script == G_UNICODE_SCRIPT_KATAKANA ||
         c == 0x30FC || c == 0x30FB;
}

typedef void (*RubyVisitor) (GString    *out,
                             const char *base,
                             gsize       base_len,
                             const char *reading,
                             gsize       reading_len);

/* Walks @text, copying plain runs to @out and handing each {base|reading} group to @visit.
 * Returns FALSE (and sets @error) on malformed markup. */
static gboolean
walk_ruby (const char  *text,
           GString     *out,
           RubyVisitor  visit,
           GError     **error)
{
  const char *p = text;

  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '{')
        {
          const char *base = p + 1;
          const char *bar = strchr (base, '|');
          const char *close = bar != NULL ? strchr (bar + 1, '}') : NULL;
          const char *next_open = strchr (base, '{');

          if (bar == NULL || close == NULL || (next_open != NULL && next_open < close))
            {
              g_set_error (error, MADO_RUBY_ERROR, MADO_RUBY_ERROR_UNBALANCED,
                           "character %ld: “{” without a matching “|” and “}”",
                           g_utf8_pointer_to_offset (text, p) + 1);
              return FALSE;
            }
          if (bar == base || close == bar + 1)
            {
              g_set_error (error, MADO_RUBY_ERROR, MADO_RUBY_ERROR_EMPTY_PART,
                           "character %ld: a reading group needs both the text and its reading",
                           g_utf8_pointer_to_offset (text, p) + 1);
              return FALSE;
            }
          for (const char *r = bar + 1; r < close; r = g_utf8_next_char (r))
            if (!is_reading_char (g_utf8_get_char (r)))
              {
                g_set_error (error, MADO_RUBY_ERROR, MADO_RUBY_ERROR_READING_NOT_KANA,
                             "character %ld: the reading “%.*s” must be written in kana",
                             g_utf8_pointer_to_offset (text, r) + 1, (int) (close - bar - 1), bar + 1);
                return FALSE;
              }
          if (out != NULL)
            visit (out, base, bar - base, bar + 1, close - bar - 1);
          p = close + 1;
          continue;
        }

      if (c == '}' || c == '|')
        {
          g_set_error (error, MADO_RUBY_ERROR, MADO_RUBY_ERROR_UNBALANCED,
                       "character %ld: “%s” outside a reading group",
                       g_utf8_pointer_to_offset (text, p) + 1, c == '}' ? "}" : "|");
          return FALSE;
        }

      if (is_kanji (c))
        {
          g_set_error (error, MADO_RUBY_ERROR, MADO_RUBY_ERROR_KANJI_WITHOUT_READING,
                       "character %ld: the kanji “%.*s” has no reading; write it as {漢字|かんじ}",
                       g_utf8_pointer_to_offset (text, p) + 1,
                       (int) (g_utf8_next_char (p) - p), p);
          return FALSE;
        }

      if (out != NULL)
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      p = g_utf8_next_char (p);
    }

  return TRUE;
}

gboolean
mado_ruby_validate (const char  *text,
                    GError     **error)
{
  g_return_val_if_fail (text != NULL, FALSE);

  return walk_ruby (text, NULL, NULL, error);
}

static void
append_reading (GString *out, const char *base, gsize base_len, const char *reading, gsize reading_len)
{
  g_string_append_len (out, reading, reading_len);
}

static void
append_base (GString *out, const char *base, gsize base_len, const char *reading, gsize reading_len)
{
  g_string_append_len (out, base, base_len);
}

/* The text handed to this visitor was escaped as a whole beforehand (escaping leaves { | } alone),
 * so base and reading are already safe to put into markup. */
static void
append_markup (GString *out, const char *base, gsize base_len, const char *reading, gsize reading_len)
{
  g_string_append_len (out, base, base_len);
  g_string_append (out, "<span size='small'>(");
  g_string_append_len (out, reading, reading_len);
  g_string_append (out, ")</span>");
}

/* Malformed markup must still give the resident something readable, so each conversion falls back
 * to the text with the braces and bars removed rather than failing. */
static char *
convert (const char *text, RubyVisitor visit, gboolean escape_plain)
{
  /* Markup output must escape the plain runs too; escaping leaves { | } alone, so the whole text is
   * escaped first and the groups are read from the escaped text. */
  g_autofree char *escaped = escape_plain ? g_markup_escape_text (text, -1) : NULL;
  const char *source = escaped != NULL ? escaped : text;
  g_autoptr(GString) out = g_string_new (NULL);

  if (!walk_ruby (source, out, visit, NULL))
    {
      g_string_truncate (out, 0);
      for (const char *p = source; *p != '\0'; p++)
        if (*p != '{' && *p != '}' && *p != '|')
          g_string_append_c (out, *p);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
mado_ruby_to_reading (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);
  return convert (text, append_reading, FALSE);
}

char *
mado_ruby_to_base (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);
  return convert (text, append_base, FALSE);
}

char *
mado_ruby_to_markup (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);
  return convert (text, append_markup, TRUE);
}

gboolean
mado_ruby_has_markup (const char *text)
{
  return text != NULL && strchr (text, '{') != NULL && strchr (text, '|') != NULL;
}

/* mado-number-text.c: matching words and digits in the text the number check reads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-number-check-private.h"

#include <string.h>

gunichar
mado_number_char_at (const MadoNumberScan *scan,
                     gsize                 pos)
{
  return pos < scan->length ? g_utf8_get_char (scan->text + pos) : 0;
}

gsize
mado_number_next (const MadoNumberScan *scan,
                  gsize                 pos)
{
  return pos < scan->length ? (gsize) (g_utf8_next_char (scan->text + pos) - scan->text) : scan->length;
}

gsize
mado_number_prev (const MadoNumberScan *scan,
                  gsize                 pos)
{
  return pos > 0 ? (gsize) (g_utf8_prev_char (scan->text + pos) - scan->text) : 0;
}

gboolean
mado_number_is_space (gunichar c)
{
  return c == ' ' || c == '\t' || c == 0x00A0 || c == 0x202F || c == 0x2009 || c == 0x3000;
}

gsize
mado_number_skip_spaces (const MadoNumberScan *scan,
                         gsize                 pos)
{
  while (pos < scan->length && mado_number_is_space (mado_number_char_at (scan, pos)))
    pos = mado_number_next (scan, pos);
  return pos;
}

/* Letters and the marks that belong to them: what a Latin-script word may not be glued to. */
gboolean
mado_number_is_word_char (gunichar c)
{
  return g_unichar_isalpha (c) || g_unichar_ismark (c);
}

static gboolean
is_latin_letter (gunichar c)
{
  return g_unichar_isalpha (c) && g_unichar_get_script (c) == G_UNICODE_SCRIPT_LATIN;
}

static inline guchar
ascii_lower (guchar c)
{
  return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* Returns how many bytes of the text at @pos spell @word, ignoring case, or 0. Bytes are compared
 * first; Unicode case is looked up only for two characters that begin alike, since the upper and
 * lower case of the letters in the tables (é and É, đ and Đ) share their first byte. */
gsize
mado_number_match_text (const MadoNumberScan *scan,
                        gsize                 pos,
                        const char           *word)
{
  const guchar *t = (const guchar *) scan->text + pos;
  const guchar *end = (const guchar *) scan->text + scan->length;
  const guchar *w = (const guchar *) word;

  while (*w != '\0')
    {
      guint length;

      if (t >= end)
        return 0;

      if (*t < 0x80 || *w < 0x80)
        {
          if (*t >= 0x80 || *w >= 0x80 || ascii_lower (*t) != ascii_lower (*w))
            return 0;
          t++;
          w++;
          continue;
        }

      length = g_utf8_skip[*w];
      if (*t != *w || (gsize) (end - t) < length)
        return 0;
      if (memcmp (t, w, length) != 0 &&
          g_unichar_tolower (g_utf8_get_char ((const char *) t)) !=
          g_unichar_tolower (g_utf8_get_char ((const char *) w)))
        return 0;
      t += length;
      w += length;
    }

  return (const char *) t - (scan->text + pos);
}

static gunichar
last_char (const char *word)
{
  const char *end = word + strlen (word);

  return end > word ? g_utf8_get_char (g_utf8_prev_char (end)) : 0;
}

/* A Latin word must end where the word in the text ends: "ten" is not in "tent". Scripts written
 * without spaces (CJK, Thai, Burmese) and Hangul, which glues particles on, have no such end. */
gboolean
mado_number_ends_at_word_boundary (const MadoNumberScan *scan,
                                   const char           *word,
                                   gsize                 end)
{
  return !is_latin_letter (last_char (word)) || !mado_number_is_word_char (mado_number_char_at (scan, end));
}

static gboolean
starts_at_word_boundary (const MadoNumberScan *scan,
                         const char           *word,
                         gsize                 start)
{
  return !is_latin_letter (g_utf8_get_char (word)) || start == 0 ||
         !mado_number_is_word_char (mado_number_char_at (scan, mado_number_prev (scan, start)));
}

/* The longest word of a NULL-terminated list at @pos, as a byte length, or 0. */
gsize
mado_number_match_list (const MadoNumberScan *scan,
                        gsize                 pos,
                        const char *const    *words)
{
  gsize best = 0;

  for (guint i = 0; words != NULL && words[i] != NULL; i++)
    {
      gsize len;

      if (!mado_number_may_start (scan, pos, words[i]))
        continue;
      len = mado_number_match_text (scan, pos, words[i]);

      if (len > best && mado_number_ends_at_word_boundary (scan, words[i], pos + len))
        best = len;
    }

  return best;
}

const MadoUnitWord *
mado_number_match_after (const MadoNumberScan *scan,
                         gsize                 pos,
                         const MadoUnitWord   *table,
                         gsize                *end)
{
  const MadoUnitWord *best = NULL;
  gsize best_len = 0;

  for (guint i = 0; table != NULL && table[i].text != NULL; i++)
    {
      gsize len;

      if (!mado_number_may_start (scan, pos, table[i].text))
        continue;
      len = mado_number_match_text (scan, pos, table[i].text);
      if (len > best_len && mado_number_ends_at_word_boundary (scan, table[i].text, pos + len))
        {
          best = &table[i];
          best_len = len;
        }
    }

  if (best != NULL && end != NULL)
    *end = pos + best_len;
  return best;
}

/* The longest word of @table that ends exactly at @pos and starts after scan->floor. */
const MadoUnitWord *
mado_number_match_before (const MadoNumberScan *scan,
                          gsize                 pos,
                          const MadoUnitWord   *table,
                          gsize                *start)
{
  const MadoUnitWord *best = NULL;
  gsize best_len = 0;

  for (guint i = 0; table != NULL && table[i].text != NULL; i++)
    {
      gsize len = strlen (table[i].text);
      gsize from;

      if (len > pos || pos - len < scan->floor || len <= best_len)
        continue;
      from = pos - len;
      if (((guchar) scan->text[from] & 0xC0) == 0x80)
        continue;
      if (mado_number_match_text (scan, from, table[i].text) != len)
        continue;
      if (!starts_at_word_boundary (scan, table[i].text, from))
        continue;

      best = &table[i];
      best_len = len;
    }

  if (best != NULL && start != NULL)
    *start = pos - best_len;
  return best;
}

gboolean
mado_number_is_digit_at (const MadoNumberScan *scan,
                         gsize                 pos)
{
  return pos < scan->length && g_unichar_digit_value (mado_number_char_at (scan, pos)) >= 0;
}

/* Reads the digits at @pos, of any script, appending them to @digits in ASCII. */
gsize
mado_number_read_digit_run (const MadoNumberScan *scan,
                            gsize                 pos,
                            GString              *digits)
{
  while (pos < scan->length)
    {
      int value = g_unichar_digit_value (mado_number_char_at (scan, pos));

      if (value < 0)
        break;
      if (digits != NULL)
        g_string_append_c (digits, '0' + value);
      pos = mado_number_next (scan, pos);
    }

  return pos;
}

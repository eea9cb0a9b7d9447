/* mado-search-tokens.c: how phrase text and search queries are cut up for the phrase store's indexes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The phrase store keeps two FTS5 indexes over the same phrases. The trigram index finds any
 * substring of three characters or more in any script, but nothing shorter, and one- or
 * two-character queries are normal in Chinese, Japanese, Korean and Thai (税, 住民, 학교). The
 * short-query index fills that gap with tokens made here: scripts written without spaces between
 * words ("dense" scripts) become every character bigram plus the last character of each run, and
 * other scripts become their words. A one-character query is then a prefix query ("税"*), which
 * matches the bigrams starting with that character and the run-final unigrams; a two-character
 * query in a dense script is its bigram; a short query in a spaced script is a word prefix.
 */
#include "mado-search-tokens.h"

#include "mado-ruby.h"

#include <string.h>

#define EASY_JAPANESE "ja-x-easy"

typedef enum {
  CHAR_SEPARATOR,  /* white space, punctuation, symbols */
  CHAR_WORD,       /* a letter, digit or mark of a script that puts spaces between words */
  CHAR_DENSE,      /* a letter or mark of a script written without spaces between words */
  CHAR_JOINER,     /* a letter, digit or mark shared by scripts (ー, 1, a combining mark): it
                    * belongs to whatever run it is in */
} CharClass;

static gboolean
is_token_character (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_LOWERCASE_LETTER:
    case G_UNICODE_MODIFIER_LETTER:
    case G_UNICODE_OTHER_LETTER:
    case G_UNICODE_TITLECASE_LETTER:
    case G_UNICODE_UPPERCASE_LETTER:
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
    case G_UNICODE_NON_SPACING_MARK:
    case G_UNICODE_DECIMAL_NUMBER:
    case G_UNICODE_LETTER_NUMBER:
    case G_UNICODE_OTHER_NUMBER:
      return TRUE;
    default:
      return FALSE;
    }
}

static CharClass
classify (gunichar c)
{
  if (!is_token_character (c))
    return CHAR_SEPARATOR;

  switch (g_unichar_get_script (c))
    {
    case G_UNICODE_SCRIPT_HAN:
    case G_UNICODE_SCRIPT_HIRAGANA:
    case G_UNICODE_SCRIPT_KATAKANA:
    case G_UNICODE_SCRIPT_BOPOMOFO:
    case G_UNICODE_SCRIPT_HANGUL:
    case G_UNICODE_SCRIPT_THAI:
    case G_UNICODE_SCRIPT_LAO:
    case G_UNICODE_SCRIPT_KHMER:
    case G_UNICODE_SCRIPT_MYANMAR:
      return CHAR_DENSE;
    case G_UNICODE_SCRIPT_COMMON:
    case G_UNICODE_SCRIPT_INHERITED:
      return CHAR_JOINER;
    default:
      return CHAR_WORD;
    }
}

typedef void (*RunFunc) (const char *run,
                         gsize       length,
                         gboolean    dense,
                         gpointer    user_data);

/* Calls @func for every maximal run of token characters of one class in @text. */
static void
foreach_run (const char *text,
             RunFunc     func,
             gpointer    user_data)
{
  const char *run_start = NULL;
  CharClass run_class = CHAR_SEPARATOR;
  const char *p;

  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      CharClass class = classify (g_utf8_get_char (p));

      if (class == CHAR_JOINER)
        class = run_start != NULL ? run_class : CHAR_WORD;

      if (run_start != NULL && class != run_class)
        {
          func (run_start, p - run_start, run_class == CHAR_DENSE, user_data);
          run_start = NULL;
        }

      if (run_start == NULL && class != CHAR_SEPARATOR)
        {
          run_start = p;
          run_class = class;
        }
    }

  if (run_start != NULL)
    func (run_start, p - run_start, run_class == CHAR_DENSE, user_data);
}

char *
mado_search_normalize (const char *text)
{
  g_autofree char *decomposed = NULL;
  g_autofree char *folded = NULL;
  g_autoptr(GString) stripped = NULL;
  gboolean after_latin = FALSE;
  gboolean after_space = TRUE;

  g_return_val_if_fail (text != NULL, NULL);

  /* Decompose first so that the diacritics of Latin letters become separate marks we can drop;
   * the final composition puts everything else (kana voicing marks, Hangul) back together. */
  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  if (decomposed == NULL)
    return g_strdup ("");

  folded = g_utf8_casefold (decomposed, -1);
  stripped = g_string_sized_new (strlen (folded));

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_type (c) == G_UNICODE_NON_SPACING_MARK)
        {
          /* Marks on other scripts carry meaning (Thai vowels, Devanagari signs, kana voicing). */
          if (after_latin)
            continue;
        }
      else
        {
          after_latin = g_unichar_get_script (c) == G_UNICODE_SCRIPT_LATIN;
        }

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c))
        {
          if (!after_space)
            g_string_append_c (stripped, ' ');
          after_space = TRUE;
          continue;
        }

      /* Vietnamese đ has no decomposition, yet people type "d" for it as for every other accent. */
      if (c == 0x0111)
        c = 'd';

      g_string_append_unichar (stripped, c);
      after_space = FALSE;
    }

  if (stripped->len > 0 && stripped->str[stripped->len - 1] == ' ')
    g_string_truncate (stripped, stripped->len - 1);

  return g_utf8_normalize (stripped->str, stripped->len, G_NORMALIZE_ALL_COMPOSE);
}

static void
append_short_tokens_cb (const char *run,
                        gsize       length,
                        gboolean    dense,
                        gpointer    user_data)
{
  GString *out = user_data;
  const char *end = run + length;

  if (!dense)
    {
      g_string_append_len (out, run, length);
      g_string_append_c (out, ' ');
      return;
    }

  for (const char *p = run; p < end; p = g_utf8_next_char (p))
    {
      const char *next = g_utf8_next_char (p);
      const char *after_next = next < end ? g_utf8_next_char (next) : next;

      g_string_append_len (out, p, after_next - p);
      g_string_append_c (out, ' ');
    }
}

void
mado_search_append_short_tokens (GString    *tokens,
                                 const char *index_text)
{
  g_return_if_fail (tokens != NULL);
  g_return_if_fail (index_text != NULL);

  foreach_run (index_text, append_short_tokens_cb, tokens);
}

static void
append_normalized (GString    *index_text,
                   const char *text)
{
  g_autofree char *normalized = mado_search_normalize (text);

  if (*normalized == '\0')
    return;

  /* A newline between texts keeps a query (which never holds white space) from matching
   * across the end of one language and the start of the next, and it separates runs for the
   * short-query tokens just as the end of a text would. */
  if (index_text->len > 0)
    g_string_append_c (index_text, '\n');
  g_string_append (index_text, normalized);
}

void
mado_search_append_index_text (GString    *index_text,
                               const char *language,
                               const char *text)
{
  g_return_if_fail (index_text != NULL);
  g_return_if_fail (language != NULL);
  g_return_if_fail (text != NULL);

  if (g_ascii_strcasecmp (language, EASY_JAPANESE) == 0)
    {
      g_autofree char *base = mado_ruby_to_base (text);
      g_autofree char *reading = mado_ruby_to_reading (text);

      append_normalized (index_text, base);
      if (strcmp (base, reading) != 0)
        append_normalized (index_text, reading);
    }
  else
    {
      append_normalized (index_text, text);
    }
}

static void
append_quoted (GString    *match,
               const char *text,
               gsize       length)
{
  g_string_append_c (match, '"');
  for (gsize i = 0; i < length; i++)
    {
      if (text[i] == '"')
        g_string_append_c (match, '"');
      g_string_append_c (match, text[i]);
    }
  g_string_append_c (match, '"');
}

static void
append_short_query_cb (const char *run,
                       gsize       length,
                       gboolean    dense,
                       gpointer    user_data)
{
  GString *match = user_data;

  /* Every run of a short term is a prefix: a word prefix in spaced scripts, and in dense scripts
   * a single character matches the bigrams it starts (a bigram run matches just itself). */
  if (match->len > 0)
    g_string_append (match, " AND ");
  append_quoted (match, run, length);
  g_string_append_c (match, '*');
}

/* Drops punctuation around a term, so that typing "passport." or (tax finds passport and tax. */
static void
trim_separators (const char **start,
                 const char **end)
{
  while (*start < *end && classify (g_utf8_get_char (*start)) == CHAR_SEPARATOR)
    *start = g_utf8_next_char (*start);

  while (*end > *start)
    {
      const char *last = g_utf8_prev_char (*end);

      if (classify (g_utf8_get_char (last)) != CHAR_SEPARATOR)
        break;
      *end = last;
    }
}

gboolean
mado_search_build_match (const char  *query,
                         char       **trigram_match,
                         char       **short_match)
{
  g_autofree char *normalized = NULL;
  g_autoptr(GString) long_terms = g_string_new (NULL);
  g_autoptr(GString) short_terms = g_string_new (NULL);
  const char *p;

  g_return_val_if_fail (query != NULL, FALSE);
  g_return_val_if_fail (trigram_match != NULL, FALSE);
  g_return_val_if_fail (short_match != NULL, FALSE);

  normalized = mado_search_normalize (query);

  /* Normalising turned every run of white space into one space, so terms split on ' '. */
  p = normalized;
  while (*p != '\0')
    {
      const char *start = p;
      const char *end = strchr (p, ' ');

      if (end == NULL)
        end = p + strlen (p);
      p = *end == ' ' ? end + 1 : end;

      trim_separators (&start, &end);
      if (start == end)
        continue;

      if (g_utf8_strlen (start, end - start) >= MADO_SEARCH_TRIGRAM_MIN_CHARS)
        {
          if (long_terms->len > 0)
            g_string_append (long_terms, " AND ");
          append_quoted (long_terms, start, end - start);
        }
      else
        {
          g_autofree char *term = g_strndup (start, end - start);

          foreach_run (term, append_short_query_cb, short_terms);
        }
    }

  *trigram_match = long_terms->len > 0 ? g_strdup (long_terms->str) : NULL;
  *short_match = short_terms->len > 0 ? g_strdup (short_terms->str) : NULL;

  return *trigram_match != NULL || *short_match != NULL;
}

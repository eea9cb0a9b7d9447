/* mado-number-numerals.c: reading numerals in digits of any script and in number words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-number-check-private.h"

#include <math.h>
#include <string.h>

/* A run of digits may be split into more groups than any real number has ("1,1,1,…"); a run of
 * this many groups is read as a list of separate numbers. */
#define MAX_GROUPS 16

/* Full-width punctuation reads as its ASCII twin, and the spaces French puts between thousands
 * as a plain space. */
static gunichar
normalise_separator (gunichar c)
{
  switch (c)
    {
    case 0xFF0C: return ',';
    case 0xFF0E: return '.';
    case 0x00A0:
    case 0x202F:
    case 0x2009: return ' ';
    default: return c;
    }
}

static gboolean
is_group_mark (const MadoNumberRules *rules,
               gunichar               c)
{
  for (const char *p = rules->group_marks; *p != '\0'; p = g_utf8_next_char (p))
    if (normalise_separator (g_utf8_get_char (p)) == c)
      return TRUE;
  return FALSE;
}

typedef struct {
  gsize    start;
  gsize    end;
  guint    n_digits;
  gunichar separator;   /* the normalised character before this group; 0 for the first */
} DigitGroup;

static gboolean
grouping_is_valid (const MadoNumberRules *rules,
                   const DigitGroup      *groups,
                   guint                  n_groups)
{
  gunichar mark;

  if (n_groups < 2)
    return TRUE;
  mark = groups[1].separator;
  if (!is_group_mark (rules, mark) || groups[0].n_digits > 3)
    return FALSE;

  for (guint i = 1; i < n_groups; i++)
    {
      gboolean last = i == n_groups - 1;

      if (groups[i].separator != mark)
        return FALSE;
      /* Indian grouping puts two digits in every group but the last: 1,00,000. */
      if (groups[i].n_digits != 3 && !(rules->indian_grouping && !last && groups[i].n_digits == 2))
        return FALSE;
    }

  return TRUE;
}

static double
parse_ascii_number (const char *integer,
                    const char *fraction)
{
  g_autofree char *text = fraction != NULL ? g_strconcat (integer, ".", fraction, NULL) : g_strdup (integer);

  return g_ascii_strtod (text, NULL);
}

/* Reads a number written in digits at @pos: groups, a decimal part, or a version like 2.3.1. */
static void
read_digits (MadoNumberScan *scan,
             gsize           pos,
             MadoNumeral    *numeral)
{
  DigitGroup groups[MAX_GROUPS];
  guint n_groups = 1;
  guint n_int;
  gboolean has_fraction = FALSE;
  g_autoptr(GString) integer = g_string_new (NULL);
  g_autoptr(GString) fraction = g_string_new (NULL);
  gsize p;

  groups[0].start = pos;
  groups[0].end = mado_number_read_digit_run (scan, pos, NULL);
  groups[0].n_digits = g_utf8_strlen (scan->text + pos, groups[0].end - pos);
  groups[0].separator = 0;
  p = groups[0].end;

  while (pos >= scan->list_end && n_groups < MAX_GROUPS)
    {
      gunichar sep = normalise_separator (mado_number_char_at (scan, p));
      gsize after = mado_number_next (scan, p);

      if (!(sep == '.' || sep == ',' || (sep == ' ' && is_group_mark (scan->rules, ' '))) ||
          !mado_number_is_digit_at (scan, after))
        break;

      groups[n_groups].start = after;
      groups[n_groups].end = mado_number_read_digit_run (scan, after, NULL);
      groups[n_groups].n_digits = g_utf8_strlen (scan->text + after, groups[n_groups].end - after);
      groups[n_groups].separator = sep;
      p = groups[n_groups].end;
      n_groups++;
    }

  if (n_groups == MAX_GROUPS)
    {
      /* A list like 1,2,3,…: its numbers are read one by one up to the end of the run. */
      while (is_group_mark (scan->rules, normalise_separator (mado_number_char_at (scan, p))) ||
             normalise_separator (mado_number_char_at (scan, p)) == scan->rules->decimal_mark)
        {
          gsize after = mado_number_next (scan, p);

          if (!mado_number_is_digit_at (scan, after))
            break;
          p = mado_number_read_digit_run (scan, after, NULL);
        }
      scan->list_end = p;
      n_groups = 1;
    }

  n_int = n_groups;
  if (n_groups >= 2 && groups[n_groups - 1].separator == scan->rules->decimal_mark)
    {
      n_int = n_groups - 1;
      has_fraction = TRUE;
    }

  if (!grouping_is_valid (scan->rules, groups, n_int))
    {
      gboolean all_dots = TRUE;

      for (guint i = 1; i < n_groups; i++)
        all_dots = all_dots && groups[i].separator == '.';
      has_fraction = FALSE;

      if (n_groups == 2 && groups[1].separator != ' ')
        {
          /* One separator that cannot be a thousands separator: 37,5 in English or 1.5 in
           * Spanish is a decimal written the other way, as people often do. */
          n_int = 1;
          has_fraction = TRUE;
        }
      else if (n_groups >= 3 && all_dots)
        {
          numeral->flags |= MADO_NUMERAL_VERSION;
          n_int = n_groups;
        }
      else
        {
          if (n_groups >= 3)
            scan->list_end = groups[n_groups - 1].end;
          n_groups = n_int = 1;
        }
    }

  if (numeral->flags & MADO_NUMERAL_VERSION)
    {
      numeral->end = groups[n_groups - 1].end;
      numeral->value = 0;
      return;
    }

  for (guint i = 0; i < n_int; i++)
    mado_number_read_digit_run (scan, groups[i].start, integer);
  if (has_fraction)
    mado_number_read_digit_run (scan, groups[n_int].start, fraction);

  numeral->end = has_fraction ? groups[n_int].end : groups[n_int - 1].end;
  numeral->int_digits = integer->len;
  numeral->frac_digits = fraction->len;
  numeral->value = parse_ascii_number (integer->str, has_fraction ? fraction->str : NULL);
  numeral->flags |= MADO_NUMERAL_DIGITS;
  if (n_int > 1)
    numeral->flags |= MADO_NUMERAL_GROUPED;
  if (has_fraction)
    {
      numeral->flags |= MADO_NUMERAL_DECIMAL;
      numeral->decimal_sep = groups[n_int].separator;
    }
  if (integer->len > 1 && integer->str[0] == '0' && n_int == 1)
    numeral->flags |= MADO_NUMERAL_LEADING_ZERO;
}

static const MadoNumberWord *
match_number_word (const MadoNumberScan *scan,
                   gsize                 pos,
                   gsize                *end)
{
  const MadoNumberWord *words = scan->rules->words;
  const MadoNumberWord *best = NULL;
  gsize best_len = 0;

  for (guint i = 0; words != NULL && words[i].text != NULL; i++)
    {
      gsize len;

      if (!mado_number_may_start (scan, pos, words[i].text))
        continue;
      len = mado_number_match_text (scan, pos, words[i].text);

      if (len > best_len && mado_number_ends_at_word_boundary (scan, words[i].text, pos + len))
        {
          best = &words[i];
          best_len = len;
        }
    }

  if (best != NULL)
    *end = pos + best_len;
  return best;
}

/* Whether a number word could start at @pos: a quick test before reading it. */
static gboolean
word_starts (const MadoNumberScan *scan,
             gsize                 pos)
{
  gsize end;
  const MadoNumberWord *word;

  if (scan->rules->words == NULL)
    return FALSE;
  word = match_number_word (scan, pos, &end);
  return word != NULL && word->role != MADO_WORD_JOIN && word->role != MADO_WORD_ADD_TEN;
}

typedef enum {
  TOKEN_NONE,
  TOKEN_DIGITS,
  TOKEN_VALUE,
  TOKEN_MULTIPLIER,
} TokenKind;

/* The running sum of a numeral being read: 三百二十万 is ((3 × 100 + 20) × 10⁴). */
typedef struct {
  double    total;       /* closed groups: everything before the last 万 or thousand */
  double    section;     /* the current group without its last value */
  double    current;     /* the last value read, waiting for a multiplier */
  gboolean  have_current;
  gboolean  positional;  /* 二〇二四 */
  gboolean  last_digit;  /* the last value was a single digit word: 二, 〇 */
  gboolean  seen_multiplier;
  double    last_small;  /* multipliers only descend: 千五百, never 二十二十 */
  double    last_large;
  TokenKind last;
} NumeralSum;

static gboolean
add_value (NumeralSum            *sum,
           const MadoNumberRules *rules,
           const MadoNumberWord  *word,
           double                 value)
{
  if (sum->have_current && sum->last == TOKEN_VALUE)
    {
      if (rules->kanji_positional && !sum->seen_multiplier && sum->last_digit && value < 10 &&
          word != NULL && sum->section == 0)
        {
          sum->current = sum->current * 10 + value;
          sum->positional = TRUE;
          return TRUE;
        }
      /* One value may follow another only as the smaller part of a round one: twenty-five,
       * ciento veinte, soixante-onze; never five five or twelve three. */
      if ((word != NULL && (word->flags & MADO_WORD_NOT_ADDED)) ||
          fmod (sum->current, 10) != 0 || value >= sum->current || sum->current == 0)
        return FALSE;
      sum->section += sum->current;
    }
  else if (sum->have_current)
    sum->section += sum->current;

  sum->current = value;
  sum->have_current = TRUE;
  sum->last = TOKEN_VALUE;
  sum->last_digit = word != NULL && value < 10;
  return TRUE;
}

static gboolean
add_multiplier (NumeralSum           *sum,
                const MadoNumberWord *word)
{
  double pending = sum->have_current ? sum->current : 0;

  if (sum->positional)
    return FALSE;

  switch (word->role)
    {
    case MADO_WORD_SMALL:
      if (sum->last_small != 0 && word->value >= sum->last_small)
        return FALSE;
      sum->section += (sum->have_current ? pending : 1) * word->value;
      sum->last_small = word->value;
      break;
    case MADO_WORD_LARGE:
      if (sum->last_large != 0 && word->value >= sum->last_large)
        return FALSE;
      sum->total += (sum->section + pending == 0 ? 1 : sum->section + pending) * word->value;
      sum->section = 0;
      sum->last_small = 0;
      sum->last_large = word->value;
      break;
    case MADO_WORD_ADD_TEN:
      if (!sum->have_current)
        return FALSE;
      sum->section += pending + word->value;
      break;
    case MADO_WORD_VALUE:
    case MADO_WORD_JOIN:
    case MADO_WORD_END:
    default:
      g_assert_not_reached ();
    }

  sum->current = 0;
  sum->have_current = FALSE;
  sum->seen_multiplier = TRUE;
  sum->last = TOKEN_MULTIPLIER;
  return TRUE;
}

/* Where the next part of a numeral may start after @pos, by how the language spaces its numbers. */
static gsize
skip_numeral_separator (const MadoNumberScan *scan,
                        gsize                 pos,
                        TokenKind             last,
                        const MadoNumberWord *last_word)
{
  gunichar c = mado_number_char_at (scan, pos);

  switch (scan->rules->spacing)
    {
    case MADO_SPACING_WORDS:
      if (c == ' ' || (c == '-' && last != TOKEN_DIGITS))
        return mado_number_next (scan, pos);
      return pos;
    case MADO_SPACING_KOREAN:
      if (c == ' ' && (last == TOKEN_DIGITS || (last_word != NULL && last_word->role == MADO_WORD_LARGE)))
        return mado_number_next (scan, pos);
      return pos;
    case MADO_SPACING_NONE:
    default:
      /* Digits and a scale word may stand apart even in Thai: 2 แสน. */
      if (c == ' ' && last == TOKEN_DIGITS)
        return mado_number_next (scan, pos);
      return pos;
    }
}

/* Reads the number words, or digits with scale words (1万5千, 2 lakh, 1.5 million), at @pos. */
static gboolean
read_composed (MadoNumberScan *scan,
               gsize           pos,
               MadoNumeral    *numeral)
{
  const MadoNumberRules *rules = scan->rules;
  NumeralSum sum = { 0 };
  const MadoNumberWord *last_word = NULL;
  const MadoNumberWord *only_word = NULL;
  guint n_words = 0;
  gsize p = pos;

  if (mado_number_is_digit_at (scan, pos))
    {
      read_digits (scan, pos, numeral);
      if (numeral->flags & MADO_NUMERAL_VERSION)
        return TRUE;
      sum.current = numeral->value;
      sum.have_current = TRUE;
      sum.last = TOKEN_DIGITS;
      p = numeral->end;
      if (rules->words == NULL || (numeral->flags & MADO_NUMERAL_LEADING_ZERO))
        return TRUE;
    }

  while (p < scan->length)
    {
      gsize q = skip_numeral_separator (scan, p, sum.last, last_word);
      gsize end;
      const MadoNumberWord *word;

      if (sum.last == TOKEN_MULTIPLIER && mado_number_is_digit_at (scan, q) &&
          (last_word->role == MADO_WORD_LARGE || rules->spacing != MADO_SPACING_WORDS))
        {
          MadoNumeral part = { 0 };

          read_digits (scan, q, &part);
          if (part.flags & (MADO_NUMERAL_VERSION | MADO_NUMERAL_LEADING_ZERO))
            break;
          /* Between separate words, digits after a scale word belong to the number only when
           * another scale word follows: २ लाख ५० हजार, but not "1 million 2 people". */
          if (rules->spacing == MADO_SPACING_WORDS)
            {
              gsize scale_end;
              const MadoNumberWord *scale =
                match_number_word (scan, skip_numeral_separator (scan, part.end, TOKEN_DIGITS, NULL), &scale_end);

              if (scale == NULL || (scale->role != MADO_WORD_SMALL && scale->role != MADO_WORD_LARGE))
                break;
            }
          if (!add_value (&sum, rules, NULL, part.value))
            break;
          sum.last = TOKEN_DIGITS;
          numeral->flags |= MADO_NUMERAL_DIGITS;
          p = part.end;
          continue;
        }

      word = match_number_word (scan, q, &end);
      if (word == NULL)
        break;

      if (word->role == MADO_WORD_JOIN)
        {
          /* "and" belongs to the number only between its parts: two hundred and five. */
          gsize after = skip_numeral_separator (scan, end, TOKEN_VALUE, NULL);
          gsize value_end;
          const MadoNumberWord *next = match_number_word (scan, after, &value_end);
          gboolean after_round = sum.last == TOKEN_MULTIPLIER ||
                                 (sum.have_current && sum.current >= 20 && fmod (sum.current, 10) == 0);

          if (n_words == 0 || !after_round || next == NULL || next->role != MADO_WORD_VALUE ||
              (sum.last == TOKEN_VALUE && next->value >= sum.current))
            break;
          q = after;
          word = next;
          end = value_end;
        }

      if (word->role == MADO_WORD_VALUE)
        {
          if (sum.last == TOKEN_DIGITS || !add_value (&sum, rules, word, word->value))
            break;
        }
      else if (!add_multiplier (&sum, word))
        break;

      if (n_words == 0 && !(numeral->flags & MADO_NUMERAL_DIGITS))
        only_word = word;
      n_words++;
      last_word = word;
      p = end;
    }

  if (n_words == 0 && !(numeral->flags & MADO_NUMERAL_DIGITS))
    return FALSE;

  numeral->end = p;
  numeral->value = sum.total + sum.section + (sum.have_current ? sum.current : 0);
  if (numeral->flags & MADO_NUMERAL_DIGITS)
    {
      if (n_words > 0)
        numeral->flags |= MADO_NUMERAL_SCALED;
    }
  else
    {
      numeral->flags |= MADO_NUMERAL_WORDS;
      if (rules->words_need_unit)
        numeral->flags |= MADO_NUMERAL_NEEDS_UNIT;
      if (n_words == 1 && only_word != NULL)
        {
          if (only_word->flags & MADO_WORD_NEEDS_UNIT)
            numeral->flags |= MADO_NUMERAL_NEEDS_UNIT;
          if (only_word->flags & MADO_WORD_WEAK)
            numeral->flags |= MADO_NUMERAL_WEAK;
        }
    }
  if (n_words > 0)
    numeral->flags &= ~(MADO_NUMERAL_LEADING_ZERO | MADO_NUMERAL_DECIMAL);

  return TRUE;
}

static gboolean
is_hangul_syllable (gunichar c)
{
  return c >= 0xAC00 && c <= 0xD7A3;
}

/**
 * mado_number_read_numeral:
 * @pos: where the numeral must start
 * @at_word_start: whether to refuse a number word glued to the word before it, and the words
 *   of the language that only look like numerals (十分, 이번); FALSE for the minutes after an hour
 *
 * Returns: whether a numeral starts at @pos; @numeral then holds it.
 */
gboolean
mado_number_read_numeral (MadoNumberScan *scan,
                          gsize           pos,
                          gboolean        at_word_start,
                          MadoNumeral    *numeral)
{
  gunichar before = pos > 0 ? mado_number_char_at (scan, mado_number_prev (scan, pos)) : 0;

  memset (numeral, 0, sizeof *numeral);
  numeral->start = pos;

  if (mado_number_is_digit_at (scan, pos))
    return read_composed (scan, pos, numeral);

  if (!word_starts (scan, pos))
    return FALSE;

  if (at_word_start)
    {
      if (scan->rules->spacing == MADO_SPACING_WORDS && mado_number_is_word_char (before))
        return FALSE;
      if (scan->rules->spacing == MADO_SPACING_KOREAN && is_hangul_syllable (before))
        return FALSE;
      if (mado_number_match_list (scan, pos, scan->rules->not_numbers) > 0)
        return FALSE;
    }

  return read_composed (scan, pos, numeral);
}

/* mado-number-check.c: the numbers, times, dates and amounts of a sentence, and which a translation changed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-number-check.h"

#include "mado-number-check-private.h"

#include <math.h>
#include <string.h>

G_DEFINE_BOXED_TYPE (MadoQuantity, mado_quantity, mado_quantity_copy, mado_quantity_free)

MadoQuantity *
mado_quantity_copy (const MadoQuantity *self)
{
  MadoQuantity *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->digits = g_strdup (self->digits);
  return copy;
}

void
mado_quantity_free (MadoQuantity *self)
{
  if (self == NULL)
    return;
  g_free (self->digits);
  g_free (self);
}

static gboolean
same_value (double a,
            double b)
{
  return fabs (a - b) <= 1e-9 * MAX (1.0, MAX (fabs (a), fabs (b)));
}

static gboolean
same_hour (const MadoQuantity *a,
           const MadoQuantity *b)
{
  if (a->hour == b->hour)
    return TRUE;
  /* 5:00 written without a meridiem is either 5:00 or 17:00. */
  if (a->twelve_hour || b->twelve_hour)
    return a->hour % 12 == b->hour % 12;
  return FALSE;
}

gboolean
mado_quantity_equal (const MadoQuantity *a,
                     const MadoQuantity *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  if (a->kind != b->kind)
    {
      gboolean count_a = a->kind == MADO_QUANTITY_NUMBER || a->kind == MADO_QUANTITY_ORDINAL;
      gboolean count_b = b->kind == MADO_QUANTITY_NUMBER || b->kind == MADO_QUANTITY_ORDINAL;

      return count_a && count_b && same_value (a->value, b->value);
    }

  switch (a->kind)
    {
    case MADO_QUANTITY_NUMBER:
    case MADO_QUANTITY_PERCENTAGE:
    case MADO_QUANTITY_ORDINAL:
      return same_value (a->value, b->value);
    case MADO_QUANTITY_AMOUNT:
      return same_value (a->value, b->value) && strcmp (a->currency, b->currency) == 0;
    case MADO_QUANTITY_DURATION:
      return same_value (a->value, b->value) && a->duration_unit == b->duration_unit;
    case MADO_QUANTITY_TIME:
      return same_hour (a, b) && a->minute == b->minute;
    case MADO_QUANTITY_DATE:
      return a->year == b->year && a->month == b->month && a->day == b->day;
    case MADO_QUANTITY_DIGITS:
      return g_strcmp0 (a->digits, b->digits) == 0;
    default:
      g_return_val_if_reached (FALSE);
    }
}

static void
append_number (GString *out,
               double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, "%.12g", value));
}

char *
mado_quantity_to_string (const MadoQuantity *self)
{
  static const char *const kinds[] = {
    "number", "amount", "time", "date", "duration", "percentage", "digits", "ordinal",
  };
  static const char *const duration_units[] = { "s", "d", "mo" };
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (self->kind <= MADO_QUANTITY_ORDINAL, NULL);

  out = g_string_new (kinds[self->kind]);
  g_string_append_c (out, ' ');

  switch (self->kind)
    {
    case MADO_QUANTITY_AMOUNT:
      append_number (out, self->value);
      g_string_append_printf (out, " %s", self->currency);
      break;
    case MADO_QUANTITY_DURATION:
      append_number (out, self->value);
      g_string_append_printf (out, " %s", duration_units[self->duration_unit]);
      break;
    case MADO_QUANTITY_TIME:
      g_string_append_printf (out, "%02u:%02u", self->hour, self->minute);
      if (self->twelve_hour)
        g_string_append_printf (out, "/%02u:%02u", (self->hour + 12) % 24, self->minute);
      break;
    case MADO_QUANTITY_DATE:
      /* ISO 8601 with the unwritten parts left out: 2024-12-03, --12-03, --12, ---03, 2024. */
      if (self->year != 0)
        g_string_append_printf (out, "%04u", self->year);
      else
        g_string_append (out, "-");
      if (self->month != 0)
        g_string_append_printf (out, "-%02u", self->month);
      else if (self->day != 0)
        g_string_append (out, "-");
      if (self->day != 0)
        g_string_append_printf (out, "-%02u", self->day);
      break;
    case MADO_QUANTITY_DIGITS:
      g_string_append (out, self->digits);
      break;
    case MADO_QUANTITY_NUMBER:
    case MADO_QUANTITY_PERCENTAGE:
    case MADO_QUANTITY_ORDINAL:
    default:
      append_number (out, self->value);
      break;
    }

  return g_string_free (out, FALSE);
}

/* ---- Easy Japanese: reading {漢字|かんじ} as its base text ---------------------------------- */

/* The base text of @text and, for each of its bytes, the span in @text it came from: a plain
 * character's own bytes, or a whole {…|…} group for the bytes of its base. */
typedef struct {
  GString *base;
  GArray  *from;   /* gsize: start in the original of each base byte */
  GArray  *to;     /* gsize: end in the original of each base byte */
} RubyMap;

static void
ruby_map_append (RubyMap    *map,
                 const char *bytes,
                 gsize       length,
                 gsize       from,
                 gsize       to,
                 gboolean    whole_group)
{
  for (gsize i = 0; i < length; i++)
    {
      gsize byte_from = whole_group ? from : from + i;
      gsize byte_to = whole_group ? to : from + i + 1;

      g_array_append_val (map->from, byte_from);
      g_array_append_val (map->to, byte_to);
    }
  g_string_append_len (map->base, bytes, length);
}

/* Malformed markup is left as it is, braces and all, so the spans still point into the text. */
static void
ruby_map_build (RubyMap    *map,
                const char *text)
{
  const char *p = text;

  map->base = g_string_new (NULL);
  map->from = g_array_new (FALSE, FALSE, sizeof (gsize));
  map->to = g_array_new (FALSE, FALSE, sizeof (gsize));

  while (*p != '\0')
    {
      const char *bar, *close;

      if (*p == '{' && (bar = strpbrk (p + 1, "|{}")) != NULL && *bar == '|' &&
          (close = strpbrk (bar + 1, "{}|")) != NULL && *close == '}' && bar > p + 1)
        {
          ruby_map_append (map, p + 1, bar - p - 1, p - text, close + 1 - text, TRUE);
          p = close + 1;
          continue;
        }

      ruby_map_append (map, p, g_utf8_next_char (p) - p, p - text, 0, FALSE);
      p = g_utf8_next_char (p);
    }
}

static void
ruby_map_clear (RubyMap *map)
{
  g_string_free (map->base, TRUE);
  g_array_unref (map->from);
  g_array_unref (map->to);
}

static GPtrArray *
extract (const char            *text,
         const MadoNumberRules *rules)
{
  MadoNumberScan scan = { 0 };
  RubyMap map = { 0 };
  gboolean easy = g_str_equal (rules->code, "ja-x-easy") && strchr (text, '{') != NULL;

  scan.rules = rules;
  scan.found = g_ptr_array_new_with_free_func ((GDestroyNotify) mado_quantity_free);
  if (easy)
    {
      ruby_map_build (&map, text);
      scan.text = map.base->str;
      scan.length = map.base->len;
    }
  else
    {
      scan.text = text;
      scan.length = strlen (text);
    }

  mado_number_scan_text (&scan);

  if (easy)
    {
      for (guint i = 0; i < scan.found->len; i++)
        {
          MadoQuantity *quantity = g_ptr_array_index (scan.found, i);

          quantity->end = g_array_index (map.to, gsize, quantity->end - 1);
          quantity->start = g_array_index (map.from, gsize, quantity->start);
        }
      ruby_map_clear (&map);
    }

  return scan.found;
}

GPtrArray *
mado_quantities_extract (const char *text,
                         const char *language)
{
  const MadoNumberRules *rules;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (g_utf8_validate (text, -1, NULL), NULL);
  g_return_val_if_fail (language != NULL, NULL);
  rules = mado_number_rules_lookup (language);
  g_return_val_if_fail (rules != NULL, NULL);

  return extract (text, rules);
}

/* Pairs each quantity of @mine with an equal one of @theirs, each used at most once, and marks
 * both as matched. Equals of the same kind are paired first, so a count does not take an
 * ordinal's place when a count of its own is there. */
static void
collect_unmatched (GPtrArray *mine,
                   GPtrArray *theirs,
                   gboolean  *mine_matched,
                   gboolean  *theirs_matched)
{
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < mine->len; i++)
      {
        MadoQuantity *a = g_ptr_array_index (mine, i);

        if (mine_matched[i])
          continue;
        for (guint j = 0; j < theirs->len; j++)
          {
            MadoQuantity *b = g_ptr_array_index (theirs, j);

            if (theirs_matched[j] || (pass == 0 && a->kind != b->kind) || !mado_quantity_equal (a, b))
              continue;
            mine_matched[i] = theirs_matched[j] = TRUE;
            break;
          }
      }
}

static void
move_unmatched (GPtrArray        *from,
                const gboolean   *matched,
                MadoQuantitySide  side,
                GPtrArray        *out)
{
  for (guint i = 0; i < from->len; i++)
    {
      MadoQuantity *quantity;

      if (matched[i])
        continue;
      quantity = g_ptr_array_index (from, i);
      g_ptr_array_index (from, i) = NULL;
      quantity->side = side;
      g_ptr_array_add (out, quantity);
    }
}

GPtrArray *
mado_quantities_compare (const char *source,
                         const char *source_language,
                         const char *back_translation)
{
  const MadoNumberRules *rules;
  g_autoptr(GPtrArray) source_quantities = NULL;
  g_autoptr(GPtrArray) back_quantities = NULL;
  g_autofree gboolean *source_matched = NULL;
  g_autofree gboolean *back_matched = NULL;
  GPtrArray *changed;

  g_return_val_if_fail (source != NULL, NULL);
  g_return_val_if_fail (g_utf8_validate (source, -1, NULL), NULL);
  g_return_val_if_fail (back_translation != NULL, NULL);
  g_return_val_if_fail (g_utf8_validate (back_translation, -1, NULL), NULL);
  g_return_val_if_fail (source_language != NULL, NULL);
  rules = mado_number_rules_lookup (source_language);
  g_return_val_if_fail (rules != NULL, NULL);

  source_quantities = extract (source, rules);
  back_quantities = extract (back_translation, rules);
  source_matched = g_new0 (gboolean, source_quantities->len + 1);
  back_matched = g_new0 (gboolean, back_quantities->len + 1);

  collect_unmatched (source_quantities, back_quantities, source_matched, back_matched);

  changed = g_ptr_array_new_with_free_func ((GDestroyNotify) mado_quantity_free);
  move_unmatched (source_quantities, source_matched, MADO_QUANTITY_SIDE_SOURCE, changed);
  move_unmatched (back_quantities, back_matched, MADO_QUANTITY_SIDE_BACK_TRANSLATION, changed);
  return changed;
}

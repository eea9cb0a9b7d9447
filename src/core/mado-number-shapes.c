/* mado-number-shapes.c: quantities known by how they are written: 17:15, 12/3, 0120-95-0178, 2.3.1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-number-check-private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- Clock times: 17:15, 5.15 p.m., 17.15 น. ---------------------------------------------- */

gboolean
mado_number_try_clock (MadoNumberScan         *scan,
                       const MadoNumeral      *numeral,
                       const MadoNumberBefore *before)
{
  guint hour, minute;
  gsize end, p, edge;
  gboolean dot_form = FALSE, marked = FALSE;
  gboolean hour_fixed = scan->rules->clock_24_hour;
  int meridiem = 0;
  gsize start = numeral->start;

  if (!(numeral->flags & MADO_NUMERAL_DIGITS) || (numeral->flags & (MADO_NUMERAL_GROUPED | MADO_NUMERAL_SCALED)) ||
      numeral->int_digits > 2)
    return FALSE;

  if (numeral->flags & MADO_NUMERAL_DECIMAL)
    {
      if (numeral->decimal_sep != '.' || numeral->frac_digits != 2)
        return FALSE;
      hour = (guint) floor (numeral->value);
      minute = (guint) lround ((numeral->value - hour) * 100);
      end = numeral->end;
      dot_form = TRUE;
    }
  else
    {
      gunichar colon = mado_number_char_at (scan, numeral->end);
      gsize minute_start = mado_number_next (scan, numeral->end);
      g_autoptr(GString) digits = g_string_new (NULL);

      if (colon != ':' && colon != 0xFF1A)
        return FALSE;
      end = mado_number_read_digit_run (scan, minute_start, digits);
      if (digits->len != 2)
        return FALSE;
      hour = (guint) numeral->value;
      minute = (guint) atoi (digits->str);
      /* Seconds are read past but not kept. */
      if (mado_number_char_at (scan, end) == mado_number_char_at (scan, numeral->end))
        {
          g_autoptr(GString) seconds = g_string_new (NULL);
          gsize seconds_end = mado_number_read_digit_run (scan, mado_number_next (scan, end), seconds);

          if (seconds->len == 2)
            end = seconds_end;
        }
    }

  if (hour > 24 || minute > 59)
    return FALSE;

  /* A meridiem or a time word may follow, in either order: 17.00 น., 5:15 p.m., 17:15 h. */
  p = end;
  for (guint i = 0; i < 2; i++)
    {
      gsize q = mado_number_skip_spaces (scan, p);
      const MadoUnitWord *word = mado_number_match_meridiem (scan, q, MADO_UNIT_AFTER, FALSE, &edge);

      if (word != NULL && meridiem == 0)
        {
          meridiem = (int) word->factor;
          p = end = edge;
          continue;
        }
      word = mado_number_match_after (scan, q, scan->rules->after, &edge);
      if (mado_number_role_is (word, MADO_UNIT_HOUR) && !marked)
        {
          marked = TRUE;
          hour_fixed = hour_fixed || (word->flags & MADO_UNIT_24_HOUR);
          p = end = edge;
          continue;
        }
      break;
    }

  if (before->meridiem != NULL && meridiem == 0)
    {
      meridiem = (int) before->meridiem->factor;
      start = before->meridiem_start;
    }
  if (mado_number_role_is (before->word, MADO_UNIT_TIME))
    start = MIN (start, before->start);

  /* 17.15 is a time only where something says so; otherwise it is a decimal. */
  if (dot_form && meridiem == 0 && !marked && !mado_number_role_is (before->word, MADO_UNIT_TIME) &&
      !mado_number_role_is (before->word, MADO_UNIT_AT))
    return FALSE;

  mado_number_emit_time (scan, numeral, start, end, hour, minute, meridiem, hour_fixed);
  return TRUE;
}

/* ---- Numeric dates: 2024/12/3, 12/3, 3/12/2024, 2024-12-03 -------------------------------- */

static gboolean
valid_month_day (guint month,
                 guint day)
{
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

gboolean
mado_number_try_numeric_date (MadoNumberScan    *scan,
                              const MadoNumeral *numeral)
{
  guint parts[3] = { (guint) numeral->value, 0, 0 };
  guint lengths[3] = { numeral->int_digits, 0, 0 };
  guint n_parts = 1;
  gunichar sep = mado_number_char_at (scan, numeral->end);
  gsize end = numeral->end;
  guint year = 0, month, day;

  if (!mado_number_is_plain_digits (numeral) || numeral->int_digits > 4 ||
      (sep != '/' && sep != 0xFF0F && sep != '-'))
    return FALSE;

  while (n_parts < 3 && mado_number_char_at (scan, end) == sep &&
         mado_number_is_digit_at (scan, mado_number_next (scan, end)))
    {
      g_autoptr(GString) digits = g_string_new (NULL);

      end = mado_number_read_digit_run (scan, mado_number_next (scan, end), digits);
      if (digits->len > 4)
        return FALSE;
      parts[n_parts] = (guint) atoi (digits->str);
      lengths[n_parts] = digits->len;
      n_parts++;
    }

  if (n_parts == 1)
    return FALSE;

  if (lengths[0] == 4)
    {
      /* Year first is never ambiguous: 2024/12/3, 2024-12-03, 2024/12. */
      if (lengths[1] > 2 || (n_parts == 3 && lengths[2] > 2))
        return FALSE;
      year = parts[0];
      month = parts[1];
      day = n_parts == 3 ? parts[2] : 0;
      if (month < 1 || month > 12 || (n_parts == 3 && (day < 1 || day > 31)))
        return FALSE;
      if (sep == '-' && n_parts != 3)
        return FALSE;
    }
  else
    {
      /* Hyphens between short groups are ranges and phone numbers, not dates. */
      if (sep == '-' || lengths[0] > 2 || lengths[1] > 2)
        return FALSE;
      if (n_parts == 3)
        {
          if (lengths[2] != 2 && lengths[2] != 4)
            return FALSE;
          year = lengths[2] == 2 ? 2000 + parts[2] : parts[2];
        }
      /* The written order is kept and read by the language's convention; only an order that
       * cannot be a date that way (25/12 in English) is read the other way. */
      if (scan->rules->date_order == MADO_DATE_MONTH_FIRST)
        month = parts[0], day = parts[1];
      else
        day = parts[0], month = parts[1];
      if (!valid_month_day (month, day))
        {
          guint swap = month;

          month = day;
          day = swap;
          if (!valid_month_day (month, day))
            return FALSE;
        }
    }

  mado_number_emit_date (scan, numeral->start, end, year, month, day);
  return TRUE;
}

/* ---- Phone numbers and codes: 0120-95-0178, +81 3-1234-5678, 2.3.1, A4 -------------------- */

static gboolean
is_phone_separator (gunichar c)
{
  return c == '-' || c == 0x2010 || c == 0x2011 || c == 0x2013 || c == 0x2212 || c == 0xFF0D ||
         c == 0x30FC || c == ' ' || c == '(' || c == ')' || c == 0xFF08 || c == 0xFF09;
}

gboolean
mado_number_try_phone (MadoNumberScan    *scan,
                       const MadoNumeral *numeral)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  gsize start = numeral->start, end, p;
  guint n_groups = 1;
  gboolean plus = FALSE, spaces_allowed;
  gunichar before = numeral->start > 0 ? mado_number_char_at (scan, mado_number_prev (scan, numeral->start)) : 0;
  gunichar after;

  if (!mado_number_is_plain_digits (numeral))
    return FALSE;
  plus = before == '+';
  /* (03) 1234-5678: the bracket belongs to the number when it closes right after the area code. */
  after = mado_number_char_at (scan, numeral->end);
  if (plus || ((before == '(' || before == 0xFF08) && (after == ')' || after == 0xFF09)))
    start = mado_number_prev (scan, numeral->start);

  /* Spaces split a phone number only where it clearly is one: 090 1234 5678, +81 3 1234 5678. */
  spaces_allowed = plus || (numeral->flags & MADO_NUMERAL_LEADING_ZERO);
  end = mado_number_read_digit_run (scan, numeral->start, digits);
  p = end;
  while (p < scan->length)
    {
      gsize q = p;
      guint n_separators = 0;

      while (q < scan->length && n_separators < 2 && is_phone_separator (mado_number_char_at (scan, q)) &&
             (spaces_allowed || mado_number_char_at (scan, q) != ' '))
        {
          q = mado_number_next (scan, q);
          n_separators++;
        }
      if (n_separators == 0 || !mado_number_is_digit_at (scan, q))
        break;
      end = p = mado_number_read_digit_run (scan, q, digits);
      n_groups++;
    }

  /* Two groups are a range (6-16, 1990-2000) unless the number is dialled from a zero or a plus. */
  if (n_groups < 2 || (n_groups == 2 && !plus && !(numeral->flags & MADO_NUMERAL_LEADING_ZERO)))
    return FALSE;
  mado_number_emit_digits (scan, start, end, g_string_free (g_steal_pointer (&digits), FALSE));
  return TRUE;
}

/* A version (2.3.1) or a code glued to letters (A4, B1): kept as written, letters in upper case. */
static void
emit_code (MadoNumberScan *scan,
           gsize           start,
           gsize           end)
{
  g_autoptr(GString) code = g_string_new (NULL);
  gsize p = start;

  while (p < end)
    {
      gunichar c = mado_number_char_at (scan, p);
      int digit = g_unichar_digit_value (c);

      if (digit >= 0)
        g_string_append_c (code, '0' + digit);
      else
        g_string_append_unichar (code, g_unichar_toupper (c));
      p = mado_number_next (scan, p);
    }

  mado_number_emit_digits (scan, start, end, g_string_free (g_steal_pointer (&code), FALSE));
}

static gboolean
is_ascii_alnum (gunichar c)
{
  return c < 0x80 && g_ascii_isalnum (c);
}

static gboolean
is_ascii_letter (gunichar c)
{
  return c < 0x80 && g_ascii_isalpha (c);
}

gboolean
mado_number_try_code (MadoNumberScan         *scan,
                      const MadoNumeral      *numeral,
                      const MadoNumberBefore *before)
{
  gsize start = numeral->start, end = numeral->end;

  /* A version is its numbers: v2.3.1 and "version 2.3.1" are the same 2.3.1. */
  if (numeral->flags & MADO_NUMERAL_VERSION)
    {
      emit_code (scan, start, end);
      return TRUE;
    }

  if (!mado_number_is_digit_at (scan, start) || start <= scan->floor ||
      !is_ascii_letter (mado_number_char_at (scan, mado_number_prev (scan, start))))
    return FALSE;
  /* Rp20.000 and No.5 are an amount and a label, not codes. */
  if (before->word != NULL && before->start < start &&
      (before->word->role == MADO_UNIT_CURRENCY || before->word->role == MADO_UNIT_ORDINAL))
    return FALSE;

  while (start > scan->floor && is_ascii_alnum (mado_number_char_at (scan, mado_number_prev (scan, start))))
    start = mado_number_prev (scan, start);
  end = mado_number_read_digit_run (scan, numeral->start, NULL);
  while (end < scan->length && is_ascii_alnum (mado_number_char_at (scan, end)))
    end = mado_number_next (scan, end);

  emit_code (scan, start, end);
  return TRUE;
}

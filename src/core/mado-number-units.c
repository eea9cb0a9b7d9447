/* mado-number-units.c: quantities known by the words around them: 300円, 午後5時, 3 de diciembre
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-number-check-private.h"

#include <math.h>
#include <string.h>

/* A year written after a date: after a comma, a linker (de 2024), a year word (năm 2024) or a
 * space, always four digits. Leaves @year and @end alone when there is none. */
static void
read_year (MadoNumberScan *scan,
           gsize           pos,
           guint          *year,
           gsize          *end)
{
  gsize p = pos, word_end, linker;
  const MadoUnitWord *word;
  MadoNumeral numeral;

  if (mado_number_char_at (scan, p) == ',')
    p = mado_number_next (scan, p);
  p = mado_number_skip_spaces (scan, p);
  if (p == pos)
    return;
  word = mado_number_match_after (scan, p, scan->rules->before, &word_end);
  linker = mado_number_match_list (scan, p, scan->rules->linkers);
  if (mado_number_role_is (word, MADO_UNIT_YEAR_PREFIX))
    p = mado_number_skip_spaces (scan, word_end);
  else if (linker > 0)
    p = mado_number_skip_spaces (scan, p + linker);
  if (mado_number_is_digit_at (scan, p) && mado_number_read_numeral (scan, p, FALSE, &numeral) &&
      mado_number_is_plain_digits (&numeral) && numeral.int_digits == 4)
    {
      *year = (guint) numeral.value;
      *end = numeral.end;
    }
}

/* After a day: "tháng 12 năm 2024", "de diciembre de 2024", "ธันวาคม 2567". */
static gboolean
read_month_and_year (MadoNumberScan *scan,
                     gsize           pos,
                     guint          *month,
                     guint          *year,
                     gsize          *end)
{
  gsize p = mado_number_skip_spaces (scan, pos);
  gsize word_end, linker;
  const MadoUnitWord *word;
  MadoNumeral numeral;

  *month = *year = 0;
  word = mado_number_match_after (scan, p, scan->rules->before, &word_end);
  if (mado_number_role_is (word, MADO_UNIT_MONTH_PREFIX) &&
      mado_number_read_numeral (scan, mado_number_skip_spaces (scan, word_end), FALSE, &numeral) &&
      mado_number_in_range (&numeral, 1, 12))
    {
      *month = (guint) numeral.value;
      *end = numeral.end;
    }
  else
    {
      linker = mado_number_match_list (scan, p, scan->rules->linkers);
      if (linker > 0 && mado_number_match_after (scan, mado_number_skip_spaces (scan, p + linker),
                                                 scan->rules->months, NULL) != NULL)
        p = mado_number_skip_spaces (scan, p + linker);
      word = mado_number_match_after (scan, p, scan->rules->months, &word_end);
      if (word == NULL)
        return FALSE;
      *month = (guint) word->factor;
      *end = word_end;
    }

  read_year (scan, *end, year, end);
  return TRUE;
}

/* ---- Dates written with words: December 3, 3 de diciembre, ngày 3 tháng 12, 令和6年 -------- */

/* After a day numeral: an attached ordinal (3rd), a day word (ရက်နေ့), and after a month name
 * also a word for days (ဒီဇင်ဘာ ၃ ရက်), which elsewhere would make a duration. */
static gsize
skip_day_suffix (MadoNumberScan    *scan,
                 const MadoNumeral *numeral,
                 gboolean           after_month_name)
{
  gsize end;
  const MadoUnitWord *unit = mado_number_unit_after (scan, numeral, scan->rules->after, &end);

  if (mado_number_role_is (unit, MADO_UNIT_ORDINAL) && (unit->flags & MADO_UNIT_ATTACHED))
    return end;
  if (mado_number_role_is (unit, MADO_UNIT_DAY) ||
      (after_month_name && mado_number_role_is (unit, MADO_UNIT_DURATION) && (unit->flags & MADO_UNIT_IN_DAYS) &&
       unit->factor == 1))
    return end;
  return numeral->end;
}

gboolean
mado_number_try_date_before (MadoNumberScan         *scan,
                             const MadoNumeral      *numeral,
                             const MadoNumberBefore *before)
{
  guint month = 0, year = 0;
  gsize end = numeral->end;

  if (!mado_number_is_integer (numeral))
    return FALSE;

  /* "May one …" is not a date: a bare word like one never is the day after a month name. */
  if (before->month != NULL && !(numeral->flags & MADO_NUMERAL_WEAK))
    {
      month = (guint) before->month->factor;
      if (mado_number_in_range (numeral, 1000, 9999) && mado_number_is_plain_digits (numeral))
        {
          mado_number_emit_date (scan, before->month_start, numeral->end, (guint) numeral->value, month, 0);
          return TRUE;
        }
      if (!mado_number_in_range (numeral, 1, 31))
        return FALSE;
      end = skip_day_suffix (scan, numeral, TRUE);
      read_year (scan, end, &year, &end);
      mado_number_emit_date (scan, before->month_start, end, year, month, (guint) numeral->value);
      return TRUE;
    }

  if (mado_number_role_is (before->word, MADO_UNIT_DAY_PREFIX) && mado_number_in_range (numeral, 1, 31))
    {
      if (!read_month_and_year (scan, numeral->end, &month, &year, &end))
        end = numeral->end;
      mado_number_emit_date (scan, before->start, end, year, month, (guint) numeral->value);
      return TRUE;
    }

  if (mado_number_role_is (before->word, MADO_UNIT_MONTH_PREFIX) && mado_number_in_range (numeral, 1, 12))
    {
      gsize p = mado_number_skip_spaces (scan, numeral->end), word_end;
      const MadoUnitWord *word = mado_number_match_after (scan, p, scan->rules->before, &word_end);
      MadoNumeral year_numeral;

      if (mado_number_role_is (word, MADO_UNIT_YEAR_PREFIX) &&
          mado_number_read_numeral (scan, mado_number_skip_spaces (scan, word_end), FALSE, &year_numeral) &&
          mado_number_in_range (&year_numeral, 1000, 9999))
        {
          year = (guint) year_numeral.value;
          end = year_numeral.end;
        }
      mado_number_emit_date (scan, before->start, end, year, (guint) numeral->value, 0);
      return TRUE;
    }

  if (mado_number_role_is (before->word, MADO_UNIT_YEAR_PREFIX) && mado_number_in_range (numeral, 1000, 9999))
    {
      mado_number_emit_date (scan, before->start, numeral->end, (guint) numeral->value, 0, 0);
      return TRUE;
    }

  return FALSE;
}

/* A day followed by its month: 3 December, 3 de diciembre, 1er décembre, 3 tháng 12, ika-3 ng Disyembre. */
gboolean
mado_number_try_day_month (MadoNumberScan         *scan,
                           const MadoNumeral      *numeral,
                           const MadoNumberBefore *before)
{
  guint month, year;
  gsize end, start = numeral->start;
  MadoNumeral after_suffix = *numeral;

  if (!mado_number_in_range (numeral, 1, 31) || (numeral->flags & MADO_NUMERAL_WEAK))
    return FALSE;
  after_suffix.end = skip_day_suffix (scan, numeral, FALSE);
  if (!read_month_and_year (scan, after_suffix.end, &month, &year, &end))
    return FALSE;
  if (mado_number_role_is (before->word, MADO_UNIT_ORDINAL))
    start = before->start;

  mado_number_emit_date (scan, start, end, year, month, (guint) numeral->value);
  return TRUE;
}

/* ---- Times told with words: 午後5時15分, 5 giờ chiều, a las 5 y media, बेलुका ५ बजे ---------- */

static gboolean
finish_time (MadoNumberScan         *scan,
             const MadoNumeral      *numeral,
             const MadoNumberBefore *before,
             const MadoUnitWord     *marker,
             gsize                   pos)
{
  guint minute = 0, hour;
  gboolean have_minutes = FALSE, halved = FALSE, hour_fixed;
  int meridiem = 0;
  gsize start = numeral->start, end = pos, edge, q;
  const MadoUnitWord *word;
  guint flags = marker != NULL ? marker->flags : 0;
  gboolean strong_prefix = mado_number_role_is (before->word, MADO_UNIT_TIME);

  if (!mado_number_in_range (numeral, 0, 24) || (numeral->flags & MADO_NUMERAL_GROUPED))
    return FALSE;
  hour = (guint) numeral->value + (marker != NULL ? (guint) marker->factor : 0);

  q = mado_number_skip_spaces (scan, end);
  word = mado_number_match_after (scan, q, scan->rules->after, &edge);
  if (mado_number_role_is (word, MADO_UNIT_HALF))
    {
      minute = 30;
      halved = TRUE;
      end = edge;
    }
  else if (marker != NULL)
    {
      MadoNumeral minutes;

      if (mado_number_read_numeral (scan, q, FALSE, &minutes) && mado_number_in_range (&minutes, 0, 59))
        {
          gsize unit_end;
          const MadoUnitWord *unit = mado_number_unit_after (scan, &minutes, scan->rules->after, &unit_end);
          gboolean two_digits = (minutes.flags & MADO_NUMERAL_DIGITS) ? minutes.int_digits == 2 : minutes.value >= 10;

          if (mado_number_role_is (unit, MADO_UNIT_MINUTE))
            {
              minute = (guint) minutes.value;
              have_minutes = TRUE;
              end = unit_end;
            }
          else if ((flags & MADO_UNIT_BARE_MINUTES) && two_digits && unit == NULL)
            {
              minute = (guint) minutes.value;
              have_minutes = TRUE;
              end = minutes.end;
            }
        }
    }

  word = mado_number_match_meridiem (scan, mado_number_skip_spaces (scan, end), MADO_UNIT_AFTER, FALSE, &edge);
  if (word != NULL)
    {
      meridiem = (int) word->factor;
      end = edge;
    }
  else if (before->meridiem != NULL)
    {
      meridiem = (int) before->meridiem->factor;
      start = before->meridiem_start;
    }

  if (mado_number_role_is (before->word, MADO_UNIT_HALF_PAST) && !have_minutes && !halved)
    {
      minute = 30;
      halved = TRUE;
      start = MIN (start, before->start);
    }
  if (strong_prefix)
    start = MIN (start, before->start);

  /* heures, horas: a time only when something says so; otherwise a duration. */
  if ((flags & MADO_UNIT_OR_DURATION) && !have_minutes && meridiem == 0 && !strong_prefix &&
      !mado_number_role_is (before->word, MADO_UNIT_AT))
    return FALSE;
  /* 一時 (for a while), 一点 (a little): the bare word one needs more to be an hour. */
  if ((numeral->flags & MADO_NUMERAL_WEAK) && marker != NULL && (marker->flags & MADO_UNIT_WEAK) &&
      !have_minutes && !halved && meridiem == 0)
    return FALSE;

  hour_fixed = scan->rules->clock_24_hour || (flags & MADO_UNIT_24_HOUR) || (marker != NULL && marker->factor != 0);
  mado_number_emit_time (scan, numeral, start, end, hour, minute, meridiem, hour_fixed);
  return TRUE;
}

/* ---- Units after the numeral ------------------------------------------------------------- */

/* Units that are not written as durations in the tables but measure one when they stand alone. */
static const MadoUnitWord hours_unit = { "", MADO_UNIT_DURATION, 3600, NULL, MADO_UNIT_IN_SECONDS };
static const MadoUnitWord minutes_unit = { "", MADO_UNIT_DURATION, 60, NULL, MADO_UNIT_IN_SECONDS };
static const MadoUnitWord days_unit = { "", MADO_UNIT_DURATION, 1, NULL, MADO_UNIT_IN_DAYS };
static const MadoUnitWord years_unit = { "", MADO_UNIT_DURATION, 12, NULL, MADO_UNIT_IN_MONTHS };

/* The duration @unit measures after a numeral, or NULL: 分 alone is minutes, 年 alone years. */
static const MadoUnitWord *
as_duration (const MadoUnitWord *unit)
{
  if (unit == NULL)
    return NULL;
  switch (unit->role)
    {
    case MADO_UNIT_DURATION:
      return unit;
    case MADO_UNIT_MINUTE:
      return &minutes_unit;
    case MADO_UNIT_HOUR:
      return (unit->flags & MADO_UNIT_OR_DURATION) ? &hours_unit : NULL;
    case MADO_UNIT_DAY:
      return &days_unit;
    case MADO_UNIT_YEAR:
      return &years_unit;
    default:
      return NULL;
    }
}

static guint
duration_base (const MadoUnitWord *unit)
{
  return unit->flags & (MADO_UNIT_IN_DAYS | MADO_UNIT_IN_MONTHS);
}

/* Emits @value of @unit, with the smaller units written right after it: 2時間30分, 2 hours 30
 * minutes and 1年6か月 are each one duration, equal to 2時間半, 2.5 hours and 18か月. */
static void
emit_whole_duration (MadoNumberScan     *scan,
                     gsize               start,
                     gsize               end,
                     double              value,
                     const MadoUnitWord *unit)
{
  MadoUnitWord in_base = { "", MADO_UNIT_DURATION, 1, NULL, duration_base (unit) };
  double total = value * unit->factor, smallest = unit->factor;

  for (;;)
    {
      gsize part_end;
      MadoNumeral part;
      const MadoUnitWord *next;

      if (!mado_number_read_numeral (scan, mado_number_skip_spaces (scan, end), FALSE, &part))
        break;
      next = as_duration (mado_number_unit_after (scan, &part, scan->rules->after, &part_end));
      if (next == NULL || duration_base (next) != duration_base (unit) || next->factor >= smallest)
        break;
      total += part.value * next->factor;
      smallest = next->factor;
      end = part_end;
    }

  mado_number_emit_duration (scan, start, end, total, &in_base);
}

/* Whether @unit makes a bare word like one a number: a measure does (una hora, 一か月), a counter
 * only where one is never the article "a" (一人 but not 一个人), a label never (一番 is "most"). */
static gboolean
unit_licenses (const MadoNumberScan *scan,
               const MadoNumeral    *numeral,
               const MadoUnitWord   *unit)
{
  if (!(numeral->flags & MADO_NUMERAL_WEAK))
    return TRUE;
  if (unit->role == MADO_UNIT_COUNTER)
    return scan->rules->one_counts;
  return unit->role != MADO_UNIT_ORDINAL && !(unit->flags & MADO_UNIT_WEAK);
}

static gsize
add_half (MadoNumberScan *scan,
          gsize           pos,
          double         *value)
{
  gsize end;
  const MadoUnitWord *word = mado_number_match_after (scan, mado_number_skip_spaces (scan, pos),
                                                      scan->rules->after, &end);

  if (!mado_number_role_is (word, MADO_UNIT_HALF))
    return pos;
  *value += 0.5;
  return end;
}

static gboolean
followed_by_duration_mark (MadoNumberScan *scan,
                           gsize           pos)
{
  return mado_number_match_list (scan, mado_number_skip_spaces (scan, pos), scan->rules->duration_marks) > 0;
}

static gboolean
try_year (MadoNumberScan         *scan,
          const MadoNumeral      *numeral,
          const MadoNumberBefore *before,
          const MadoUnitWord     *unit,
          gsize                   unit_end)
{
  guint year, month = 0, day = 0;
  gsize start = numeral->start, end = unit_end;

  if (mado_number_role_is (before->word, MADO_UNIT_ERA) && mado_number_in_range (numeral, 1, 99))
    {
      year = (guint) before->word->factor + (guint) numeral->value;
      start = before->start;
    }
  else if (mado_number_in_range (numeral, 1000, 9999))
    year = (guint) numeral->value;
  else
    {
      /* 1年以上, 2년: years as a duration. */
      double value = numeral->value;

      end = add_half (scan, unit_end, &value);
      emit_whole_duration (scan, numeral->start, end, value, &years_unit);
      return TRUE;
    }

  if (mado_number_numeral_with_unit (scan, end, MADO_UNIT_MONTH, 1, 12, &month, &unit_end))
    {
      end = unit_end;
      if (mado_number_numeral_with_unit (scan, end, MADO_UNIT_DAY, 1, 31, &day, &unit_end))
        end = unit_end;
    }

  mado_number_emit_date (scan, start, end, year, month, day);
  return TRUE;
}

gboolean
mado_number_try_units_after (MadoNumberScan         *scan,
                             const MadoNumeral      *numeral,
                             const MadoNumberBefore *before)
{
  gsize unit_end, meridiem_end, end, start;
  const MadoUnitWord *unit = mado_number_unit_after (scan, numeral, scan->rules->after, &unit_end);
  const MadoUnitWord *meridiem = mado_number_match_meridiem (scan, mado_number_skip_spaces (scan, numeral->end),
                                                             MADO_UNIT_AFTER, FALSE, &meridiem_end);
  double value = numeral->value;
  guint day;

  /* "5 pm", "5 de la tarde": a meridiem right after a bare number makes it an hour. */
  if (meridiem != NULL && (unit == NULL || meridiem_end >= unit_end) && mado_number_in_range (numeral, 0, 12))
    return finish_time (scan, numeral, before, NULL, numeral->end);

  /* Hours decide for themselves, since a meridiem or minutes can make 一時 an hour after all. */
  if (unit == NULL || (unit->role != MADO_UNIT_HOUR && !unit_licenses (scan, numeral, unit)))
    return FALSE;

  switch (unit->role)
    {
    case MADO_UNIT_CURRENCY:
      {
        MadoQuantity *amount = mado_number_new_quantity (MADO_QUANTITY_AMOUNT, numeral->start, unit_end);

        amount->value = value;
        g_strlcpy (amount->currency, unit->code, sizeof amount->currency);
        if (mado_number_role_is (before->word, MADO_UNIT_CURRENCY) && g_str_equal (before->word->code, unit->code))
          amount->start = before->start;
        mado_number_emit (scan, amount);
        return TRUE;
      }

    case MADO_UNIT_PERCENT:
      mado_number_emit_value (scan, MADO_QUANTITY_PERCENTAGE, numeral->start, unit_end, value * unit->factor);
      return TRUE;

    case MADO_UNIT_HOUR:
      if (finish_time (scan, numeral, before, unit, unit_end))
        return TRUE;
      if (unit->flags & MADO_UNIT_OR_DURATION)
        {
          end = add_half (scan, unit_end, &value);
          emit_whole_duration (scan, numeral->start, end, value, &hours_unit);
          return TRUE;
        }
      return FALSE;

    case MADO_UNIT_MINUTE:
      emit_whole_duration (scan, numeral->start, unit_end, value, &minutes_unit);
      return TRUE;

    case MADO_UNIT_DURATION:
      end = add_half (scan, unit_end, &value);
      emit_whole_duration (scan, numeral->start, end, value, unit);
      return TRUE;

    case MADO_UNIT_YEAR:
      return try_year (scan, numeral, before, unit, unit_end);

    case MADO_UNIT_MONTH:
      if (!mado_number_in_range (numeral, 1, 12))
        return FALSE;
      end = unit_end;
      day = 0;
      if (mado_number_numeral_with_unit (scan, end, MADO_UNIT_DAY, 1, 31, &day, &unit_end))
        end = unit_end;
      mado_number_emit_date (scan, numeral->start, end, 0, (guint) value, day);
      return TRUE;

    case MADO_UNIT_DAY:
      if (unit->flags & MADO_UNIT_LABEL_ALONE)
        {
          mado_number_emit_value (scan, MADO_QUANTITY_ORDINAL, numeral->start, unit_end, value);
          return TRUE;
        }
      /* 14日以内 and 一日 (a day) are lengths of time; 3日 alone is the 3rd. */
      if (followed_by_duration_mark (scan, unit_end) || !mado_number_in_range (numeral, 1, 31) ||
          (numeral->flags & MADO_NUMERAL_WEAK))
        {
          emit_whole_duration (scan, numeral->start, unit_end, value, &days_unit);
          return TRUE;
        }
      mado_number_emit_date (scan, numeral->start, unit_end, 0, 0, (guint) value);
      return TRUE;

    case MADO_UNIT_ORDINAL:
      start = mado_number_role_is (before->word, MADO_UNIT_ORDINAL) ? before->start : numeral->start;
      mado_number_emit_value (scan, MADO_QUANTITY_ORDINAL, start, unit_end, value);
      return TRUE;

    case MADO_UNIT_COUNTER:
      if (mado_number_role_is (before->word, MADO_UNIT_ORDINAL))
        mado_number_emit_value (scan, MADO_QUANTITY_ORDINAL, before->start, unit_end, value);
      else
        mado_number_emit_value (scan, MADO_QUANTITY_NUMBER, numeral->start, numeral->end, value);
      return TRUE;

    case MADO_UNIT_HALF:
    case MADO_UNIT_MERIDIEM:
    case MADO_UNIT_MONTH_NAME:
    case MADO_UNIT_TIME:
    case MADO_UNIT_AT:
    case MADO_UNIT_ERA:
    case MADO_UNIT_DAY_PREFIX:
    case MADO_UNIT_MONTH_PREFIX:
    case MADO_UNIT_YEAR_PREFIX:
    case MADO_UNIT_HALF_PAST:
    case MADO_UNIT_END:
    default:
      return FALSE;
    }
}

/* ---- Words before the numeral: ¥300, 第3, pukul 5, 百分之三十 ------------------------------ */

gboolean
mado_number_try_words_before (MadoNumberScan         *scan,
                              const MadoNumeral      *numeral,
                              const MadoNumberBefore *before)
{
  if (before->word == NULL)
    return FALSE;

  switch (before->word->role)
    {
    case MADO_UNIT_CURRENCY:
      {
        MadoQuantity *amount = mado_number_new_quantity (MADO_QUANTITY_AMOUNT, before->start, numeral->end);

        amount->value = numeral->value;
        g_strlcpy (amount->currency, before->word->code, sizeof amount->currency);
        mado_number_emit (scan, amount);
        return TRUE;
      }
    case MADO_UNIT_ORDINAL:
      mado_number_emit_value (scan, MADO_QUANTITY_ORDINAL, before->start, numeral->end, numeral->value);
      return TRUE;
    case MADO_UNIT_PERCENT:
      mado_number_emit_value (scan, MADO_QUANTITY_PERCENTAGE, before->start, numeral->end,
                              numeral->value * before->word->factor);
      return TRUE;
    case MADO_UNIT_TIME:
    case MADO_UNIT_HALF_PAST:
      return finish_time (scan, numeral, before, NULL, numeral->end);
    default:
      return FALSE;
    }
}

/* 令和元年: the first year of an era is written with 元, not a numeral. */
gsize
mado_number_try_first_year_of_era (MadoNumberScan *scan,
                                   gsize           pos)
{
  gsize era_end, end = 0;
  const MadoUnitWord *era = mado_number_match_after (scan, pos, scan->rules->before, &era_end);
  guint month = 0, day = 0;
  gsize month_end;

  if (!mado_number_role_is (era, MADO_UNIT_ERA) || (end = mado_number_match_text (scan, era_end, "元年")) == 0)
    return 0;
  end += era_end;
  if (mado_number_numeral_with_unit (scan, end, MADO_UNIT_MONTH, 1, 12, &month, &month_end))
    {
      end = month_end;
      if (mado_number_numeral_with_unit (scan, end, MADO_UNIT_DAY, 1, 31, &day, &month_end))
        end = month_end;
    }
  mado_number_emit_date (scan, pos, end, (guint) era->factor + 1, month, day);
  return end;
}

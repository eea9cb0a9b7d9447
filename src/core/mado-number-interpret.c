/* mado-number-interpret.c: turning numerals and the words around them into quantities
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-number-check-private.h"

#include <math.h>
#include <string.h>

gboolean
mado_number_role_is (const MadoUnitWord *word,
                     MadoUnitRole        role)
{
  return word != NULL && word->role == role;
}

static gsize
skip_spaces_back (const MadoNumberScan *scan,
                  gsize                 pos)
{
  while (pos > scan->floor)
    {
      gsize prev = mado_number_prev (scan, pos);

      if (!mado_number_is_space (mado_number_char_at (scan, prev)))
        break;
      pos = prev;
    }
  return pos;
}

const MadoUnitWord *
mado_number_match_meridiem (const MadoNumberScan *scan,
                            gsize                 pos,
                            guint                 position,
                            gboolean              before,
                            gsize                *edge)
{
  const MadoUnitWord *word = before ? mado_number_match_before (scan, pos, scan->rules->meridiems, edge)
                                    : mado_number_match_after (scan, pos, scan->rules->meridiems, edge);

  return word != NULL && (word->flags & position) ? word : NULL;
}

static void
find_before (const MadoNumberScan *scan,
             gsize                 numeral_start,
             MadoNumberBefore     *before)
{
  gsize pos = skip_spaces_back (scan, numeral_start);

  memset (before, 0, sizeof *before);
  before->word = mado_number_match_before (scan, pos, scan->rules->before, &before->start);
  before->month = mado_number_match_before (scan, pos, scan->rules->months, &before->month_start);
  before->meridiem = mado_number_match_meridiem (scan, pos, MADO_UNIT_BEFORE, TRUE, &before->meridiem_start);
  /* बेलुका साढे ५ बजे: the meridiem may stand before another word. */
  if (before->meridiem == NULL && before->word != NULL)
    before->meridiem = mado_number_match_meridiem (scan, skip_spaces_back (scan, before->start),
                                                   MADO_UNIT_BEFORE, TRUE, &before->meridiem_start);
}

MadoQuantity *
mado_number_new_quantity (MadoQuantityKind kind,
                          gsize            start,
                          gsize            end)
{
  MadoQuantity *quantity = g_new0 (MadoQuantity, 1);

  quantity->kind = kind;
  quantity->start = start;
  quantity->end = end;
  return quantity;
}

void
mado_number_emit (MadoNumberScan *scan,
                  MadoQuantity   *quantity)
{
  g_ptr_array_add (scan->found, quantity);
  scan->floor = quantity->end;
}

gboolean
mado_number_is_integer (const MadoNumeral *numeral)
{
  return !(numeral->flags & (MADO_NUMERAL_DECIMAL | MADO_NUMERAL_VERSION)) &&
         numeral->value == floor (numeral->value);
}

gboolean
mado_number_in_range (const MadoNumeral *numeral,
                      double             low,
                      double             high)
{
  return mado_number_is_integer (numeral) && numeral->value >= low && numeral->value <= high;
}

gboolean
mado_number_is_plain_digits (const MadoNumeral *numeral)
{
  const guint not_plain = MADO_NUMERAL_GROUPED | MADO_NUMERAL_DECIMAL | MADO_NUMERAL_SCALED | MADO_NUMERAL_VERSION;

  return (numeral->flags & MADO_NUMERAL_DIGITS) && !(numeral->flags & not_plain);
}

static guint
apply_meridiem (guint hour,
                int   meridiem)
{
  switch (meridiem)
    {
    case MADO_MERIDIEM_AM:
      return hour == 12 ? 0 : hour;
    case MADO_MERIDIEM_PM:
      return hour >= 1 && hour <= 11 ? hour + 12 : hour;
    case MADO_MERIDIEM_NOON:
      return hour >= 1 && hour <= 6 ? hour + 12 : hour;
    case MADO_MERIDIEM_NIGHT:
      return hour >= 6 && hour <= 11 ? hour + 12 : hour == 12 ? 0 : hour;
    default:
      return hour;
    }
}

void
mado_number_emit_time (MadoNumberScan    *scan,
                       const MadoNumeral *hour_numeral,
                       gsize              start,
                       gsize              end,
                       guint              hour,
                       guint              minute,
                       int                meridiem,
                       gboolean           hour_fixed)
{
  MadoQuantity *time = mado_number_new_quantity (MADO_QUANTITY_TIME, start, end);

  time->hour = apply_meridiem (hour, meridiem);
  time->minute = minute;
  /* "5:00" may be morning or afternoon; "05:00", "17:00" and "午後5時" say which. */
  time->twelve_hour = meridiem == 0 && !hour_fixed && hour >= 1 && hour <= 12 &&
                      !(hour_numeral->flags & MADO_NUMERAL_LEADING_ZERO);
  mado_number_emit (scan, time);
}

void
mado_number_emit_date (MadoNumberScan *scan,
                       gsize           start,
                       gsize           end,
                       guint           year,
                       guint           month,
                       guint           day)
{
  MadoQuantity *date = mado_number_new_quantity (MADO_QUANTITY_DATE, start, end);

  date->year = year;
  date->month = month;
  date->day = day;
  mado_number_emit (scan, date);
}

void
mado_number_emit_value (MadoNumberScan   *scan,
                        MadoQuantityKind  kind,
                        gsize             start,
                        gsize             end,
                        double            value)
{
  MadoQuantity *quantity = mado_number_new_quantity (kind, start, end);

  quantity->value = value;
  mado_number_emit (scan, quantity);
}

void
mado_number_emit_duration (MadoNumberScan     *scan,
                           gsize               start,
                           gsize               end,
                           double              value,
                           const MadoUnitWord *unit)
{
  MadoQuantity *duration = mado_number_new_quantity (MADO_QUANTITY_DURATION, start, end);

  duration->value = value * unit->factor;
  duration->duration_unit = (unit->flags & MADO_UNIT_IN_MONTHS) ? MADO_DURATION_MONTHS :
                            (unit->flags & MADO_UNIT_IN_DAYS) ? MADO_DURATION_DAYS : MADO_DURATION_SECONDS;
  mado_number_emit (scan, duration);
}

void
mado_number_emit_digits (MadoNumberScan *scan,
                         gsize           start,
                         gsize           end,
                         char           *digits)
{
  MadoQuantity *quantity = mado_number_new_quantity (MADO_QUANTITY_DIGITS, start, end);

  quantity->digits = digits;
  mado_number_emit (scan, quantity);
}

/* A unit after the numeral, perhaps after a space or a linker (3 de diciembre, 14 na araw). */
const MadoUnitWord *
mado_number_unit_after (const MadoNumberScan *scan,
                        const MadoNumeral    *numeral,
                        const MadoUnitWord   *table,
                        gsize                *end)
{
  gsize pos = mado_number_skip_spaces (scan, numeral->end);
  const MadoUnitWord *unit;
  gsize linker;

  /* "30-minute wait", "4-digit PIN" */
  if (pos == numeral->end && scan->rules->spacing == MADO_SPACING_WORDS &&
      mado_number_char_at (scan, pos) == '-' &&
      mado_number_is_word_char (mado_number_char_at (scan, mado_number_next (scan, pos))))
    pos = mado_number_next (scan, pos);

  unit = mado_number_match_after (scan, pos, table, end);
  if (unit != NULL && (unit->flags & MADO_UNIT_ATTACHED) && pos != numeral->end)
    unit = NULL;
  if (unit != NULL)
    return unit;

  linker = mado_number_match_list (scan, pos, scan->rules->linkers);
  if (linker == 0)
    return NULL;
  unit = mado_number_match_after (scan, mado_number_skip_spaces (scan, pos + linker), table, end);
  return unit != NULL && !(unit->flags & MADO_UNIT_ATTACHED) ? unit : NULL;
}

/* Reads "M月D日"-style continuations: a numeral followed by @role's unit. */
gboolean
mado_number_numeral_with_unit (MadoNumberScan *scan,
                               gsize           pos,
                               MadoUnitRole    role,
                               double          low,
                               double          high,
                               guint          *value,
                               gsize          *end)
{
  MadoNumeral numeral;
  const MadoUnitWord *unit;

  pos = mado_number_skip_spaces (scan, pos);
  if (!mado_number_read_numeral (scan, pos, FALSE, &numeral) || !mado_number_in_range (&numeral, low, high))
    return FALSE;
  unit = mado_number_unit_after (scan, &numeral, scan->rules->after, end);
  if (!mado_number_role_is (unit, role))
    return FALSE;
  *value = (guint) numeral.value;
  return TRUE;
}

/* ---- The scan ---------------------------------------------------------------------------- */

static gsize
interpret (MadoNumberScan    *scan,
           const MadoNumeral *numeral)
{
  MadoNumberBefore before;

  find_before (scan, numeral->start, &before);

  if (mado_number_try_code (scan, numeral, &before) ||
      mado_number_try_clock (scan, numeral, &before) ||
      mado_number_try_numeric_date (scan, numeral) ||
      mado_number_try_phone (scan, numeral) ||
      mado_number_try_date_before (scan, numeral, &before) ||
      mado_number_try_day_month (scan, numeral, &before))
    return scan->floor;

  /* An amount sign decides before any unit after it (¥300 per hour); for labels and times a unit
   * after still has its say (第3回, pukul 5 sore). */
  if (mado_number_role_is (before.word, MADO_UNIT_CURRENCY) && mado_number_try_words_before (scan, numeral, &before))
    return scan->floor;
  if (mado_number_role_is (before.word, MADO_UNIT_ORDINAL) || mado_number_role_is (before.word, MADO_UNIT_PERCENT) ||
      mado_number_role_is (before.word, MADO_UNIT_TIME) || mado_number_role_is (before.word, MADO_UNIT_HALF_PAST))
    {
      if (mado_number_try_units_after (scan, numeral, &before) ||
          mado_number_try_words_before (scan, numeral, &before))
        return scan->floor;
    }

  if (mado_number_try_units_after (scan, numeral, &before))
    return scan->floor;

  if (numeral->flags & MADO_NUMERAL_NEEDS_UNIT)
    return numeral->end;

  if (mado_number_is_plain_digits (numeral) &&
      ((numeral->flags & MADO_NUMERAL_LEADING_ZERO) || numeral->int_digits >= 8))
    {
      g_autoptr(GString) digits = g_string_new (NULL);

      mado_number_read_digit_run (scan, numeral->start, digits);
      mado_number_emit_digits (scan, numeral->start, numeral->end, g_string_free (g_steal_pointer (&digits), FALSE));
      return scan->floor;
    }

  mado_number_emit_value (scan, MADO_QUANTITY_NUMBER, numeral->start, numeral->end, numeral->value);
  return scan->floor;
}

void
mado_number_scan_text (MadoNumberScan *scan)
{
  gsize pos = 0;

  for (guint i = 0; scan->rules->before[i].text != NULL; i++)
    scan->has_eras = scan->has_eras || scan->rules->before[i].role == MADO_UNIT_ERA;

  while (pos < scan->length)
    {
      MadoNumeral numeral;
      gsize era_end;

      if (scan->has_eras && !mado_number_is_digit_at (scan, pos) &&
          (era_end = mado_number_try_first_year_of_era (scan, pos)) > 0)
        {
          pos = era_end;
          continue;
        }

      if (mado_number_read_numeral (scan, pos, TRUE, &numeral))
        {
          gsize next = interpret (scan, &numeral);

          pos = MAX (next, mado_number_next (scan, pos));
          continue;
        }

      pos = mado_number_next (scan, pos);
    }
}

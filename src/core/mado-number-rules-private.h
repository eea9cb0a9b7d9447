/* mado-number-rules-private.h: writing the per-language tables of the number check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mado-number-check-private.h"

G_BEGIN_DECLS

/* Every table is matched longest entry first, so 時間 wins over 時 and "de la tarde" over "de";
 * the order of the entries does not matter. Words are written in lower case. */

#define CUR(t, c)          { t, MADO_UNIT_CURRENCY, 1, c, 0 }
#define PCT(t, f)          { t, MADO_UNIT_PERCENT, f, NULL, 0 }
#define SECS(t, f)         { t, MADO_UNIT_DURATION, f, NULL, MADO_UNIT_IN_SECONDS }
#define SECS_WEAK(t, f)    { t, MADO_UNIT_DURATION, f, NULL, MADO_UNIT_IN_SECONDS | MADO_UNIT_WEAK }
#define DAYS(t, f)         { t, MADO_UNIT_DURATION, f, NULL, MADO_UNIT_IN_DAYS }
#define DAYS_WEAK(t, f)    { t, MADO_UNIT_DURATION, f, NULL, MADO_UNIT_IN_DAYS | MADO_UNIT_WEAK }
#define MONTHS(t, f)       { t, MADO_UNIT_DURATION, f, NULL, MADO_UNIT_IN_MONTHS }
#define HOUR(t, f, fl)     { t, MADO_UNIT_HOUR, f, NULL, fl }
#define MINUTE(t, fl)      { t, MADO_UNIT_MINUTE, 0, NULL, fl }
#define HALF(t)            { t, MADO_UNIT_HALF, 0, NULL, 0 }
#define YEAR(t)            { t, MADO_UNIT_YEAR, 0, NULL, 0 }
#define MONTH(t)           { t, MADO_UNIT_MONTH, 0, NULL, 0 }
#define DAY(t, fl)         { t, MADO_UNIT_DAY, 0, NULL, fl }
#define ORDINAL(t, fl)     { t, MADO_UNIT_ORDINAL, 0, NULL, fl }
#define COUNTER(t)         { t, MADO_UNIT_COUNTER, 0, NULL, 0 }
#define TIME_PREFIX(t, f)  { t, MADO_UNIT_TIME, f, NULL, 0 }
#define AT(t)              { t, MADO_UNIT_AT, 0, NULL, 0 }
#define ERA(t, y)          { t, MADO_UNIT_ERA, y, NULL, 0 }
#define DAY_PREFIX(t)      { t, MADO_UNIT_DAY_PREFIX, 0, NULL, 0 }
#define MONTH_PREFIX(t)    { t, MADO_UNIT_MONTH_PREFIX, 0, NULL, 0 }
#define YEAR_PREFIX(t)     { t, MADO_UNIT_YEAR_PREFIX, 0, NULL, 0 }
#define HALF_PAST(t)       { t, MADO_UNIT_HALF_PAST, 0, NULL, 0 }
#define MONTH_NAME(t, m)   { t, MADO_UNIT_MONTH_NAME, m, NULL, 0 }
#define AM(t, fl)          { t, MADO_UNIT_MERIDIEM, MADO_MERIDIEM_AM, NULL, fl }
#define PM(t, fl)          { t, MADO_UNIT_MERIDIEM, MADO_MERIDIEM_PM, NULL, fl }
#define NOON(t, fl)        { t, MADO_UNIT_MERIDIEM, MADO_MERIDIEM_NOON, NULL, fl }
#define NIGHT(t, fl)       { t, MADO_UNIT_MERIDIEM, MADO_MERIDIEM_NIGHT, NULL, fl }
#define END_UNITS          { NULL, MADO_UNIT_END, 0, NULL, 0 }

#define VALUE(t, v)        { t, MADO_WORD_VALUE, v, 0 }
#define VALUE_WEAK(t, v)   { t, MADO_WORD_VALUE, v, MADO_WORD_WEAK | MADO_WORD_NEEDS_UNIT }
#define SMALL(t, v)        { t, MADO_WORD_SMALL, v, 0 }
#define LARGE(t, v)        { t, MADO_WORD_LARGE, v, 0 }
#define JOIN(t)            { t, MADO_WORD_JOIN, 0, 0 }
#define END_WORDS          { NULL, MADO_WORD_END, 0, 0 }

#define BEFORE MADO_UNIT_BEFORE
#define AFTER  MADO_UNIT_AFTER
#define WEAK   MADO_UNIT_WEAK

/* Signs and codes every language may put before an amount. In Japan ¥ is the yen, also for a
 * Chinese speaker, whose own ¥ would be the yuan. */
#define COMMON_CURRENCY_SIGNS \
  CUR ("¥", "JPY"), CUR ("￥", "JPY"), CUR ("jpy", "JPY"), CUR ("$", "USD"), CUR ("us$", "USD"), \
  CUR ("usd", "USD"), CUR ("€", "EUR"), CUR ("₩", "KRW"), CUR ("￦", "KRW"), CUR ("₱", "PHP"), \
  CUR ("฿", "THB"), CUR ("₫", "VND")

#define PERCENT_SIGNS PCT ("%", 1), PCT ("％", 1)


/* The tables of the languages written in Latin script (mado-number-rules-latin.c). */
extern const MadoUnitWord mado_number_vi_after[];
extern const MadoUnitWord mado_number_vi_before[];
extern const MadoUnitWord mado_number_vi_meridiems[];
extern const MadoNumberWord mado_number_vi_words[];
extern const MadoUnitWord mado_number_id_after[];
extern const MadoUnitWord mado_number_id_before[];
extern const MadoUnitWord mado_number_id_months[];
extern const MadoUnitWord mado_number_id_meridiems[];
extern const MadoNumberWord mado_number_id_words[];
extern const MadoUnitWord mado_number_en_after[];
extern const MadoUnitWord mado_number_en_before[];
extern const MadoUnitWord mado_number_en_months[];
extern const MadoUnitWord mado_number_en_meridiems[];
extern const MadoNumberWord mado_number_en_words[];
extern const char *const mado_number_en_linkers[];
extern const MadoUnitWord mado_number_es_after[];
extern const MadoUnitWord mado_number_es_before[];
extern const MadoUnitWord mado_number_es_months[];
extern const MadoUnitWord mado_number_es_meridiems[];
extern const MadoNumberWord mado_number_es_words[];
extern const char *const mado_number_es_linkers[];
extern const MadoUnitWord mado_number_fr_after[];
extern const MadoUnitWord mado_number_fr_before[];
extern const MadoUnitWord mado_number_fr_months[];
extern const MadoUnitWord mado_number_fr_meridiems[];
extern const MadoNumberWord mado_number_fr_words[];
extern const char *const mado_number_fr_linkers[];
extern const MadoUnitWord mado_number_pt_after[];
extern const MadoUnitWord mado_number_pt_before[];
extern const MadoUnitWord mado_number_pt_months[];
extern const MadoUnitWord mado_number_pt_meridiems[];
extern const MadoNumberWord mado_number_pt_words[];
extern const char *const mado_number_pt_linkers[];
extern const MadoUnitWord mado_number_fil_after[];
extern const MadoUnitWord mado_number_fil_before[];
extern const MadoUnitWord mado_number_fil_months[];
extern const MadoUnitWord mado_number_fil_meridiems[];
extern const MadoNumberWord mado_number_fil_words[];
extern const char *const mado_number_fil_linkers[];

G_END_DECLS

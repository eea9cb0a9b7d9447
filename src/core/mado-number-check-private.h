/* mado-number-check-private.h: the per-language tables and the scanner behind mado-number-check.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mado-number-check.h"

G_BEGIN_DECLS

/* What a word next to a numeral says about it. */
typedef enum {
  MADO_UNIT_END,           /* closes a table */
  MADO_UNIT_CURRENCY,      /* 円, yen, ¥: code */
  MADO_UNIT_PERCENT,       /* %, 割: factor turns the numeral into percent */
  MADO_UNIT_DURATION,      /* 時間, days: factor is base units per unit, flags name the base */
  MADO_UNIT_HOUR,          /* 時, giờ, h: the numeral is an hour; factor is added to it (Thai ทุ่ม) */
  MADO_UNIT_MINUTE,        /* 分, phút: minutes after an hour; alone, a duration in minutes */
  MADO_UNIT_HALF,          /* 半, rưỡi: half past, or half a unit more */
  MADO_UNIT_MERIDIEM,      /* 午後, p.m., chiều: factor is a MadoMeridiem */
  MADO_UNIT_YEAR,          /* 年, 년 */
  MADO_UNIT_MONTH,         /* 月, 월 */
  MADO_UNIT_DAY,           /* 日, 일, 号 */
  MADO_UNIT_MONTH_NAME,    /* December, ธันวาคม: factor is the month */
  MADO_UNIT_ORDINAL,       /* 番, 번째, rd; before the numeral: 第, No. */
  MADO_UNIT_COUNTER,       /* 人, 枚, người: makes a number word a count */
  /* Only before a numeral: */
  MADO_UNIT_TIME,          /* pukul, a las, alas: the numeral is an hour; factor is added to it */
  MADO_UNIT_AT,            /* à, vers: an ambiguous "heures" after it is a time, not a duration */
  MADO_UNIT_ERA,           /* 令和: factor is the year before the era's first */
  MADO_UNIT_DAY_PREFIX,    /* ngày, tanggal, วันที่ */
  MADO_UNIT_MONTH_PREFIX,  /* tháng */
  MADO_UNIT_YEAR_PREFIX,   /* năm, tahun */
  MADO_UNIT_HALF_PAST,     /* साढे: half past the hour that follows */
} MadoUnitRole;

typedef enum {
  MADO_MERIDIEM_AM = 1,    /* morning: 12 is midnight */
  MADO_MERIDIEM_PM,        /* afternoon and evening: 1–11 are 13–23 */
  MADO_MERIDIEM_NOON,      /* around midday: 1–6 are afternoon, 11 and 12 stay */
  MADO_MERIDIEM_NIGHT,     /* night: 6–11 are evening, 12 is midnight, 1–5 stay */
} MadoMeridiem;

typedef enum {
  MADO_UNIT_IN_SECONDS   = 0,
  MADO_UNIT_IN_DAYS      = 1 << 0,
  MADO_UNIT_IN_MONTHS    = 1 << 1,
  /* A numeral read as a bare word (一, 이, one, một) is too often not a number; a unit marked
   * WEAK does not make it one: 一時 (for a while), 이 분 (this person). */
  MADO_UNIT_WEAK         = 1 << 2,
  /* HOUR: two digits after it are the minutes, as in 17h15 and 17 giờ 15. */
  MADO_UNIT_BARE_MINUTES = 1 << 3,
  /* HOUR: a duration unless a time prefix, minutes or a meridiem say otherwise (heures, horas). */
  MADO_UNIT_OR_DURATION  = 1 << 4,
  /* DAY: without a month before it, a numbered label rather than a date (Chinese 3号窗口). */
  MADO_UNIT_LABEL_ALONE  = 1 << 5,
  /* Attached to the numeral without a space: the English 3rd, the French 1er. */
  MADO_UNIT_ATTACHED     = 1 << 6,
  /* MERIDIEM: where it may stand relative to the numeral. */
  MADO_UNIT_BEFORE       = 1 << 7,
  MADO_UNIT_AFTER        = 1 << 8,
  /* HOUR: written on a 24-hour clock, so 8 h is 08:00 and never 20:00. */
  MADO_UNIT_24_HOUR      = 1 << 9,
} MadoUnitFlags;

typedef struct {
  const char   *text;      /* lower case; matched without regard to case */
  MadoUnitRole  role;
  double        factor;
  const char   *code;      /* CURRENCY */
  guint         flags;     /* MadoUnitFlags */
} MadoUnitWord;

typedef enum {
  MADO_WORD_END,
  MADO_WORD_VALUE,         /* a digit or a word with a value: 三, two, veinticinco, 300 as trescientos */
  MADO_WORD_SMALL,         /* multiplies what precedes it within a group: 十 百 千, hundred, puluh */
  MADO_WORD_LARGE,         /* closes a group: 万 億, thousand, million, ribu, lakh */
  MADO_WORD_ADD_TEN,       /* Indonesian belas: dua belas is twelve */
  MADO_WORD_JOIN,          /* and, y, et, e, linh: only between the parts of one number */
} MadoWordRole;

typedef enum {
  MADO_WORD_NEEDS_UNIT = 1 << 0,  /* alone it is a number only when a unit or counter follows */
  MADO_WORD_WEAK       = 1 << 1,  /* alone it is a number only before a strong unit: one, un, 一 */
  MADO_WORD_NOT_ADDED  = 1 << 2,  /* never the units after a tens word: Vietnamese mười năm is
                                   * ten years, fifteen being mười lăm */
} MadoWordFlags;

typedef struct {
  const char   *text;
  MadoWordRole  role;
  double        value;
  guint         flags;     /* MadoWordFlags */
} MadoNumberWord;

typedef enum {
  MADO_SPACING_NONE,       /* CJK, Thai: number words run together */
  MADO_SPACING_KOREAN,     /* run together, with a space allowed after 만 and 억 */
  MADO_SPACING_WORDS,      /* separate words joined by spaces or hyphens */
} MadoNumberSpacing;

typedef enum {
  MADO_DATE_MONTH_FIRST,   /* 12/3 is December 3 */
  MADO_DATE_DAY_FIRST,     /* 12/3 is 12 March */
} MadoDateOrder;

typedef struct {
  const char            *code;
  gunichar               decimal_mark;
  const char            *group_marks;     /* UTF-8 characters that may separate thousands */
  gboolean               indian_grouping; /* 1,00,000 */
  MadoDateOrder          date_order;
  MadoNumberSpacing      spacing;
  gboolean               kanji_positional; /* 二〇二四 is 2024 */
  gboolean               words_need_unit; /* number words alone are too often something else */
  gboolean               clock_24_hour;   /* 8:15 is 08:15, as in French and Brazilian usage */
  gboolean               one_counts;      /* "one" before a counter is a count, never "a": 一人 is
                                           * one person, where 一个人 and una persona are "a person" */
  const MadoUnitWord    *after;           /* units after a numeral */
  const MadoUnitWord    *before;          /* words before a numeral */
  const MadoUnitWord    *months;          /* month names, before or after the day */
  const MadoUnitWord    *meridiems;       /* morning and afternoon, flagged BEFORE and AFTER */
  const MadoNumberWord  *words;           /* number words, or NULL for digits only */
  const char *const     *linkers;         /* words allowed between a numeral and its unit: de, na */
  const char *const     *duration_marks;  /* after N日: the days are a duration (以内, 이내) */
  const char *const     *not_numbers;     /* words that start like a numeral but are not one */
} MadoNumberRules;

const MadoNumberRules *mado_number_rules_lookup (const char *language);

/* A numeral as read from the text, before its units are looked at. */
typedef enum {
  MADO_NUMERAL_DIGITS       = 1 << 0,  /* written with digits, perhaps with 万 or million after */
  MADO_NUMERAL_WORDS        = 1 << 1,  /* written with number words only */
  MADO_NUMERAL_NEEDS_UNIT   = 1 << 2,
  MADO_NUMERAL_WEAK         = 1 << 3,
  MADO_NUMERAL_DECIMAL      = 1 << 4,  /* has a fraction */
  MADO_NUMERAL_GROUPED      = 1 << 5,  /* has thousands separators */
  MADO_NUMERAL_LEADING_ZERO = 1 << 6,  /* 0178: more than one digit, the first a zero */
  MADO_NUMERAL_VERSION      = 1 << 7,  /* 2.3.1: dots that are neither decimals nor groups */
  MADO_NUMERAL_SCALED       = 1 << 8,  /* digits followed by 万, million, lakh */
} MadoNumeralFlags;

typedef struct {
  gsize     start;
  gsize     end;
  double    value;
  guint     flags;          /* MadoNumeralFlags */
  guint     int_digits;     /* digits before the decimal mark, for digit numerals */
  guint     frac_digits;
  gunichar  decimal_sep;    /* the character before the fraction */
} MadoNumeral;

typedef struct {
  const char            *text;
  gsize                  length;
  const MadoNumberRules *rules;
  gsize                  floor;     /* end of the last quantity: words before a numeral are looked
                                     * for only after it, so no word serves two quantities */
  gsize                  list_end;  /* "1,2,3": numbers before this offset are read one by one */
  gboolean               has_eras;  /* whether the language counts years by era (令和) */
  GPtrArray             *found;
} MadoNumberScan;

/* A quick test before mado_number_match_text(): whether @word may start at @pos, by its first byte.
 * The tables are lower case, so an ASCII letter is compared in lower case. */
static inline gboolean
mado_number_may_start (const MadoNumberScan *scan,
                       gsize                 pos,
                       const char           *word)
{
  guchar t = pos < scan->length ? (guchar) scan->text[pos] : 0;

  return t == (guchar) word[0] || (t >= 'A' && t <= 'Z' && t + ('a' - 'A') == (guchar) word[0]);
}

/* Text helpers (mado-number-text.c) and numerals (mado-number-numerals.c). */
gunichar            mado_number_char_at        (const MadoNumberScan *scan,
                                                gsize                 pos);
gsize               mado_number_next           (const MadoNumberScan *scan,
                                                gsize                 pos);
gsize               mado_number_prev           (const MadoNumberScan *scan,
                                                gsize                 pos);
gboolean            mado_number_is_space       (gunichar              c);
gsize               mado_number_skip_spaces    (const MadoNumberScan *scan,
                                                gsize                 pos);
gboolean            mado_number_is_word_char   (gunichar              c);
gboolean            mado_number_ends_at_word_boundary (const MadoNumberScan *scan,
                                                       const char           *word,
                                                       gsize                 end);
gsize               mado_number_match_text     (const MadoNumberScan *scan,
                                                gsize                 pos,
                                                const char           *word);
gsize               mado_number_match_list     (const MadoNumberScan *scan,
                                                gsize                 pos,
                                                const char *const    *words);
const MadoUnitWord *mado_number_match_after    (const MadoNumberScan *scan,
                                                gsize                 pos,
                                                const MadoUnitWord   *table,
                                                gsize                *end);
const MadoUnitWord *mado_number_match_before   (const MadoNumberScan *scan,
                                                gsize                 pos,
                                                const MadoUnitWord   *table,
                                                gsize                *start);
gboolean            mado_number_is_digit_at    (const MadoNumberScan *scan,
                                                gsize                 pos);
gboolean            mado_number_read_numeral   (MadoNumberScan       *scan,
                                                gsize                 pos,
                                                gboolean              at_word_start,
                                                MadoNumeral          *numeral);
gsize               mado_number_read_digit_run (const MadoNumberScan *scan,
                                                gsize                 pos,
                                                GString              *digits);

/* Building quantities (mado-number-interpret.c), shared by the recognisers. */

/* The words found right before a numeral. */
typedef struct {
  const MadoUnitWord *word;            /* from rules->before: ¥, 第, pukul, ngày, 令和 … */
  gsize               start;
  const MadoUnitWord *month;           /* a month name: December 3 */
  gsize               month_start;
  const MadoUnitWord *meridiem;        /* 午後, 오후, ညနေ … */
  gsize               meridiem_start;
} MadoNumberBefore;

gboolean            mado_number_role_is            (const MadoUnitWord   *word,
                                                    MadoUnitRole          role);
const MadoUnitWord *mado_number_match_meridiem     (const MadoNumberScan *scan,
                                                    gsize                 pos,
                                                    guint                 position,
                                                    gboolean              before,
                                                    gsize                *edge);
const MadoUnitWord *mado_number_unit_after         (const MadoNumberScan *scan,
                                                    const MadoNumeral    *numeral,
                                                    const MadoUnitWord   *table,
                                                    gsize                *end);
gboolean            mado_number_numeral_with_unit  (MadoNumberScan       *scan,
                                                    gsize                 pos,
                                                    MadoUnitRole          role,
                                                    double                low,
                                                    double                high,
                                                    guint                *value,
                                                    gsize                *end);
gboolean            mado_number_is_integer         (const MadoNumeral    *numeral);
gboolean            mado_number_in_range           (const MadoNumeral    *numeral,
                                                    double                low,
                                                    double                high);
gboolean            mado_number_is_plain_digits    (const MadoNumeral    *numeral);
MadoQuantity       *mado_number_new_quantity       (MadoQuantityKind      kind,
                                                    gsize                 start,
                                                    gsize                 end);
void                mado_number_emit               (MadoNumberScan       *scan,
                                                    MadoQuantity         *quantity);
void                mado_number_emit_time          (MadoNumberScan       *scan,
                                                    const MadoNumeral    *hour_numeral,
                                                    gsize                 start,
                                                    gsize                 end,
                                                    guint                 hour,
                                                    guint                 minute,
                                                    int                   meridiem,
                                                    gboolean              hour_fixed);
void                mado_number_emit_date          (MadoNumberScan       *scan,
                                                    gsize                 start,
                                                    gsize                 end,
                                                    guint                 year,
                                                    guint                 month,
                                                    guint                 day);
void                mado_number_emit_value         (MadoNumberScan       *scan,
                                                    MadoQuantityKind      kind,
                                                    gsize                 start,
                                                    gsize                 end,
                                                    double                value);
void                mado_number_emit_duration      (MadoNumberScan       *scan,
                                                    gsize                 start,
                                                    gsize                 end,
                                                    double                value,
                                                    const MadoUnitWord   *unit);
void                mado_number_emit_digits        (MadoNumberScan       *scan,
                                                    gsize                 start,
                                                    gsize                 end,
                                                    char                 *digits);

/* Quantities known by how they are written (mado-number-shapes.c). Each returns TRUE when it
 * found one, which is then in scan->found. */
gboolean            mado_number_try_code           (MadoNumberScan         *scan,
                                                    const MadoNumeral      *numeral,
                                                    const MadoNumberBefore *before);
gboolean            mado_number_try_clock          (MadoNumberScan         *scan,
                                                    const MadoNumeral      *numeral,
                                                    const MadoNumberBefore *before);
gboolean            mado_number_try_numeric_date   (MadoNumberScan         *scan,
                                                    const MadoNumeral      *numeral);
gboolean            mado_number_try_phone          (MadoNumberScan         *scan,
                                                    const MadoNumeral      *numeral);

/* Quantities known by the words around them (mado-number-units.c). */
gboolean            mado_number_try_date_before    (MadoNumberScan         *scan,
                                                    const MadoNumeral      *numeral,
                                                    const MadoNumberBefore *before);
gboolean            mado_number_try_day_month      (MadoNumberScan         *scan,
                                                    const MadoNumeral      *numeral,
                                                    const MadoNumberBefore *before);
gboolean            mado_number_try_units_after    (MadoNumberScan         *scan,
                                                    const MadoNumeral      *numeral,
                                                    const MadoNumberBefore *before);
gboolean            mado_number_try_words_before   (MadoNumberScan         *scan,
                                                    const MadoNumeral      *numeral,
                                                    const MadoNumberBefore *before);
gsize               mado_number_try_first_year_of_era (MadoNumberScan    *scan,
                                                       gsize              pos);

/* The whole scan (mado-number-interpret.c): finds every quantity of scan->text into scan->found. */
void                mado_number_scan_text          (MadoNumberScan         *scan);

G_END_DECLS

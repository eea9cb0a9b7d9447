/* mado-number-check.h: the numbers, times, dates and amounts of a sentence, and which a translation changed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  MADO_QUANTITY_NUMBER,      /* a count or a measure: 3人, 37.5℃, two copies */
  MADO_QUANTITY_AMOUNT,      /* money: value and currency */
  MADO_QUANTITY_TIME,        /* a time of day: hour and minute */
  MADO_QUANTITY_DATE,        /* a calendar date, or the written part of one */
  MADO_QUANTITY_DURATION,    /* a length of time: value in duration_unit */
  MADO_QUANTITY_PERCENTAGE,  /* value in percent: 3割 and 30% are both 30 */
  MADO_QUANTITY_DIGITS,      /* a phone number, code or version, compared as its characters */
  MADO_QUANTITY_ORDINAL,     /* a position or a numbered label: 第3, 5番窓口, 3rd, No. 5 */
} MadoQuantityKind;

/* Durations are kept in the smallest unit that converts exactly, so 2週間 equals 14 days and
 * 1年 equals 12か月, while a month is never turned into a guessed number of days. */
typedef enum {
  MADO_DURATION_SECONDS,     /* seconds, minutes, hours */
  MADO_DURATION_DAYS,        /* days, weeks */
  MADO_DURATION_MONTHS,      /* months, years */
} MadoDurationUnit;

/* Which text of a comparison a quantity was found in. Plain extraction always says SOURCE. */
typedef enum {
  MADO_QUANTITY_SIDE_SOURCE,
  MADO_QUANTITY_SIDE_BACK_TRANSLATION,
} MadoQuantitySide;

/* One quantity found in a text. The fields that do not belong to its kind are zero. */
typedef struct {
  MadoQuantityKind  kind;
  MadoQuantitySide  side;
  gsize             start;          /* byte offsets of the quantity in the text it was found in, */
  gsize             end;            /* end exclusive, including its unit: "300円", "午後5時15分" */
  double            value;          /* NUMBER, AMOUNT, PERCENTAGE, ORDINAL, DURATION */
  char              currency[4];    /* AMOUNT: ISO 4217 code, "JPY" */
  MadoDurationUnit  duration_unit;  /* DURATION */
  guint             hour;           /* TIME: 0–24 */
  guint             minute;         /* TIME: 0–59 */
  gboolean          twelve_hour;    /* TIME: written as 1–12 without saying morning or afternoon,
                                     * so 5:00 may be 5:00 or 17:00 */
  guint             year;           /* DATE: 0 when not written */
  guint             month;          /* DATE: 1–12, 0 when not written */
  guint             day;            /* DATE: 1–31, 0 when not written */
  char             *digits;         /* DIGITS: the digits in ASCII, a version with its dots and a
                                     * code with its letters in upper case: "0120950178" for
                                     * 0120-95-0178, "2.3.1", "A4" */
} MadoQuantity;

#define MADO_TYPE_QUANTITY (mado_quantity_get_type ())

GType         mado_quantity_get_type    (void) G_GNUC_CONST;
MadoQuantity *mado_quantity_copy        (const MadoQuantity *self);
void          mado_quantity_free        (MadoQuantity       *self);

/* TRUE when both say the same thing, however written: 17:15 and 17時15分, 300円 and ¥300, 2週間
 * and 14日. A time written without morning or afternoon equals both readings; a count equals an
 * ordinal of the same value (3 copies, the 3rd copy), since which of the two the translation chose
 * is not a changed number. The side and the span are not compared. */
gboolean      mado_quantity_equal       (const MadoQuantity *a,
                                         const MadoQuantity *b);

/* A short description for logs and tests: "amount 300 JPY", "time 17:15", "time 05:00/17:00",
 * "date 2024-12-03", "date --12-03" (ISO 8601 without the year), "duration 1800 s". */
char         *mado_quantity_to_string   (const MadoQuantity *self);

/* Finds the quantities of @text, written in @language (a registry code such as "ja" or "pt-BR"),
 * in text order; their spans do not overlap. For "ja-x-easy" the {漢字|かんじ} markup is read as
 * its base text and every span covers the whole groups it touches in @text, so two quantities
 * inside one group (which a reading group should not hold) both cover that group. A number word
 * or kanji numeral is taken only where it is clearly a number (三人, 二十万円, two copies), so
 * 一緒 or 十分 (enough) are not numbers.
 *
 * Returns: (transfer full) (element-type MadoQuantity): the quantities, possibly none. */
GPtrArray    *mado_quantities_extract   (const char         *text,
                                         const char         *language);

/* Compares a sentence with its back-translation, both in @source_language. Returns the quantities
 * of each text that have no equal (mado_quantity_equal()) in the other, each once: a fee changed
 * from 300円 to 3,000円 gives both amounts, a dropped date gives that date, and quantities that
 * only moved within the sentence give nothing. The source's come first, then the
 * back-translation's, each in text order, with side telling which text their span belongs to.
 *
 * Returns: (transfer full) (element-type MadoQuantity): the changed quantities, possibly none. */
GPtrArray    *mado_quantities_compare   (const char         *source,
                                         const char         *source_language,
                                         const char         *back_translation);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoQuantity, mado_quantity_free)

G_END_DECLS

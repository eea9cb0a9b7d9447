/* mado-phrase-exchange-private.h: the rows of an import file, for MadoPhraseExchange only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mado-phrase-exchange.h"

G_BEGIN_DECLS

/* The columns of an exchange file: these fields, then one per language in registry order. A "key"
 * is a column's index in that order. */
enum {
  MADO_EXCHANGE_FIELD_ID,
  MADO_EXCHANGE_FIELD_SET,
  MADO_EXCHANGE_FIELD_GENRE,
  MADO_EXCHANGE_FIELD_SPEAKER,
  MADO_EXCHANGE_FIELD_ORIGIN,
  MADO_EXCHANGE_N_FIELDS
};

guint       mado_exchange_n_keys           (void);
const char *mado_exchange_key_name         (guint       key);
guint       mado_exchange_key_for_language (const char *code);

/* Exports (mado-phrase-exchange-export.c): the phrases of one set or all, set by set and by id,
 * and their file in @format. */
GPtrArray  *mado_exchange_collect_phrases  (MadoPhraseStore    *store,
                                            const char         *set_id,
                                            GError            **error);
GBytes     *mado_exchange_write            (GPtrArray          *phrases,
                                            MadoExchangeFormat  format);

/* One phrase of the file. */
typedef struct {
  guint   line;     /* where the CSV record or the JSON object starts */
  guint   item;     /* JSON: the object's place in the array, from 1; 0 for CSV */
  char  **values;   /* one per key, trimmed; NULL where the file has no such column or key */
  guint  *columns;  /* CSV: the field number of each key; 0 otherwise */
} MadoExchangeRow;

typedef struct {
  MadoExchangeFormat  format;
  char               *file;
  GPtrArray          *diagnostics;  /* not owned */
  GPtrArray          *rows;         /* MadoExchangeRow */
} MadoExchangeRows;

/* Reads @data into rows. Problems with the file's form (broken quoting, bad JSON, unknown or
 * repeated columns, rows of the wrong length) go to @diagnostics; rows with such problems are left
 * out. The result is never %NULL. */
MadoExchangeRows *mado_exchange_rows_parse  (GBytes             *data,
                                             MadoExchangeFormat  format,
                                             const char         *file,
                                             GPtrArray          *diagnostics);
void              mado_exchange_rows_free   (MadoExchangeRows   *rows);
/* Adds a diagnostic for @row, at the column of @key (or the whole row when @key is -1). */
void              mado_exchange_rows_report (MadoExchangeRows   *rows,
                                             MadoExchangeRow    *row,
                                             int                 key,
                                             MadoExchangeError   code,
                                             const char         *format,
                                             ...) G_GNUC_PRINTF (5, 6);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoExchangeRows, mado_exchange_rows_free)

G_END_DECLS

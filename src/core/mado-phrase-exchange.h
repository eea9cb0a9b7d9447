/* mado-phrase-exchange.h: the phrase book to and from CSV and JSON, for editing in bulk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mado-diagnostic.h"
#include "mado-phrase-store.h"

G_BEGIN_DECLS

#define MADO_EXCHANGE_ERROR (mado_exchange_error_quark ())

typedef enum {
  MADO_EXCHANGE_ERROR_IO,                    /* the file cannot be read or written */
  MADO_EXCHANGE_ERROR_FORMAT,                /* not CSV or JSON as the format asks (broken quoting, bad JSON, not UTF-8) */
  MADO_EXCHANGE_ERROR_UNKNOWN_COLUMN,        /* a column or key that is neither a field nor a language code */
  MADO_EXCHANGE_ERROR_DUPLICATE_COLUMN,
  MADO_EXCHANGE_ERROR_BAD_VALUE,             /* a speaker or origin the format does not have, a field count or JSON type that is wrong */
  MADO_EXCHANGE_ERROR_UNKNOWN_SET,
  MADO_EXCHANGE_ERROR_UNKNOWN_GENRE,
  MADO_EXCHANGE_ERROR_UNKNOWN_PHRASE,        /* an id the database does not have */
  MADO_EXCHANGE_ERROR_DUPLICATE_ID,          /* the same id on two rows */
  MADO_EXCHANGE_ERROR_DUPLICATE_PHRASE,      /* a new row repeating the Japanese text of a phrase in its genre */
  MADO_EXCHANGE_ERROR_MOVED_PHRASE,          /* a set or genre other than the phrase's own */
  MADO_EXCHANGE_ERROR_MISSING_JAPANESE,
  MADO_EXCHANGE_ERROR_KANJI_WITHOUT_READING, /* a kanji outside {漢字|かんじ} in ja-x-easy */
  MADO_EXCHANGE_ERROR_BAD_READING,           /* other malformed {漢字|かんじ} markup */
  MADO_EXCHANGE_ERROR_ZAWGYI,                /* Burmese typed for a Zawgyi font */
  MADO_EXCHANGE_ERROR_INVALID,               /* the file has the problems listed in the diagnostics; nothing was imported */
  MADO_EXCHANGE_ERROR_NO_SUCH_SET,           /* export of a set the database does not have */
} MadoExchangeError;

GQuark mado_exchange_error_quark (void);

typedef enum {
  MADO_EXCHANGE_FORMAT_CSV,   /* UTF-8 with BOM, CRLF, every field quoted: what Excel opens and saves as "CSV UTF-8" */
  MADO_EXCHANGE_FORMAT_JSON,  /* an array of objects with the same keys as the CSV columns */
} MadoExchangeFormat;

gboolean    mado_exchange_format_from_name (const char         *name,    /* "csv" or "json" */
                                            MadoExchangeFormat *format);
gboolean    mado_exchange_format_from_path (const char         *path,    /* by the extension */
                                            MadoExchangeFormat *format);
const char *mado_exchange_format_to_name   (MadoExchangeFormat  format);

/* What an import did, row by row. */
typedef struct {
  guint added;      /* rows without id: new local phrases */
  guint edited;     /* shipped phrases that now carry the municipality's wording */
  guint updated;    /* local phrases changed */
  guint unchanged;  /* rows that match the database already, and so are not written */
} MadoImportSummary;

#define MADO_TYPE_PHRASE_EXCHANGE (mado_phrase_exchange_get_type ())
G_DECLARE_FINAL_TYPE (MadoPhraseExchange, mado_phrase_exchange, MADO, PHRASE_EXCHANGE, GObject)

MadoPhraseExchange *mado_phrase_exchange_new             (MadoPhraseStore     *store);

/* Columns (CSV) or keys (JSON): id, set, genre, speaker, origin, then one per language in registry
 * order, named by its code; Indonesian, whose code "id" names the phrase id, is headed "id-ID". Phrases come set by set, by id; phrases staff deleted are left out. @set_id narrows the
 * export to one set. */
GBytes             *mado_phrase_exchange_export          (MadoPhraseExchange  *self,
                                                          MadoExchangeFormat   format,
                                                          const char          *set_id,
                                                          guint               *n_exported,
                                                          GError             **error);
gboolean            mado_phrase_exchange_export_file     (MadoPhraseExchange  *self,
                                                          const char          *path,
                                                          MadoExchangeFormat   format,
                                                          const char          *set_id,
                                                          guint               *n_exported,
                                                          GError             **error);

/* Checks every row first and writes nothing unless the whole file is valid; the problems found
 * are in mado_phrase_exchange_get_diagnostics() and @error is MADO_EXCHANGE_ERROR_INVALID. A row
 * whose id is a shipped phrase becomes an edit of it, a local phrase's id updates it, an empty id
 * adds a new local phrase, and the id of a local phrase this database does not have (a file from
 * another tablet) adds it as a new local phrase here. A new row whose Japanese text its genre
 * has already is refused, so that importing a file twice does not add its new rows twice. A column or key that is absent leaves that
 * part of a phrase as it is; an empty cell removes the text in that language. @display_name names
 * the file in diagnostics. */
gboolean            mado_phrase_exchange_import          (MadoPhraseExchange  *self,
                                                          GBytes              *data,
                                                          MadoExchangeFormat   format,
                                                          const char          *display_name,
                                                          MadoImportSummary   *summary,
                                                          GError             **error);
gboolean            mado_phrase_exchange_import_file     (MadoPhraseExchange  *self,
                                                          const char          *path,
                                                          MadoExchangeFormat   format,
                                                          MadoImportSummary   *summary,
                                                          GError             **error);
/* The problems the last import found, by row. */
GPtrArray          *mado_phrase_exchange_get_diagnostics (MadoPhraseExchange  *self); /* MadoDiagnostic */

G_END_DECLS

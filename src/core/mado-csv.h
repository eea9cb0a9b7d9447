/* mado-csv.h: RFC 4180 CSV as Excel reads and writes it (UTF-8 with BOM, CRLF)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define MADO_CSV_ERROR (mado_csv_error_quark ())

typedef enum {
  MADO_CSV_ERROR_NOT_UTF8,            /* another encoding, such as Shift_JIS from Excel's plain "CSV" */
  MADO_CSV_ERROR_UNTERMINATED_QUOTE,  /* a quoted field that never ends */
  MADO_CSV_ERROR_STRAY_QUOTE,         /* a quote inside a field that does not start with one */
  MADO_CSV_ERROR_TEXT_AFTER_QUOTE,    /* something between a closing quote and the next comma */
} MadoCsvError;

GQuark mado_csv_error_quark (void);

/* Excel needs the byte order mark to read a CSV file as UTF-8 rather than the ANSI code page. */
#define MADO_CSV_BYTE_ORDER_MARK "\xEF\xBB\xBF"

#define MADO_TYPE_CSV_READER (mado_csv_reader_get_type ())
G_DECLARE_FINAL_TYPE (MadoCsvReader, mado_csv_reader, MADO, CSV_READER, GObject)

/* Reads records one at a time from @bytes. A leading byte order mark is skipped; records may end in
 * CRLF, LF or CR; line breaks inside quoted fields come back as LF. */
MadoCsvReader *mado_csv_reader_new       (GBytes         *bytes);
/* Returns the next record's fields, or %NULL at the end of the data (@error unset) or on a problem
 * (@error set, its message naming the line and field). After an error the reader stays at the end. */
GStrv          mado_csv_reader_read_row  (MadoCsvReader  *self,
                                          GError        **error);
/* The line the last record returned (or the problem found) started on, counting from 1. */
guint          mado_csv_reader_get_line  (MadoCsvReader  *self);
/* The field, counting from 1, where the last problem was found. */
guint          mado_csv_reader_get_field (MadoCsvReader  *self);

/* A new, empty document: just the byte order mark. */
GString       *mado_csv_new_document     (void);
/* Appends one record with every field quoted and CRLF at the end. A %NULL field is written empty. */
void           mado_csv_append_row       (GString            *out,
                                          const char * const *fields,
                                          gsize               n_fields);

G_END_DECLS

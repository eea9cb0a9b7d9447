/* mado-csv.c: RFC 4180 CSV as Excel reads and writes it (UTF-8 with BOM, CRLF)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-csv.h"

#include <string.h>

G_DEFINE_QUARK (mado-csv-error-quark, mado_csv_error)

struct _MadoCsvReader
{
  GObject     parent_instance;

  GBytes     *bytes;
  const char *data;
  gsize       length;
  gsize       position;
  guint       line;           /* the line at @position */
  guint       row_line;       /* where the last record started */
  guint       field;          /* the field being read, or where the last problem was */
  gboolean    checked;        /* whether the encoding was checked */
};

G_DEFINE_FINAL_TYPE (MadoCsvReader, mado_csv_reader, G_TYPE_OBJECT)

static void
mado_csv_reader_finalize (GObject *object)
{
  MadoCsvReader *self = MADO_CSV_READER (object);

  g_bytes_unref (self->bytes);

  G_OBJECT_CLASS (mado_csv_reader_parent_class)->finalize (object);
}

static void
mado_csv_reader_class_init (MadoCsvReaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mado_csv_reader_finalize;
}

static void
mado_csv_reader_init (MadoCsvReader *self)
{
  self->line = 1;
}

MadoCsvReader *
mado_csv_reader_new (GBytes *bytes)
{
  MadoCsvReader *self;
  gsize bom = strlen (MADO_CSV_BYTE_ORDER_MARK);

  g_return_val_if_fail (bytes != NULL, NULL);

  self = g_object_new (MADO_TYPE_CSV_READER, NULL);
  self->bytes = g_bytes_ref (bytes);
  self->data = g_bytes_get_data (bytes, &self->length);
  if (self->data == NULL)
    self->data = "";

  if (self->length >= bom && memcmp (self->data, MADO_CSV_BYTE_ORDER_MARK, bom) == 0)
    self->position = bom;

  return self;
}

guint
mado_csv_reader_get_line (MadoCsvReader *self)
{
  g_return_val_if_fail (MADO_IS_CSV_READER (self), 0);

  return self->row_line;
}

guint
mado_csv_reader_get_field (MadoCsvReader *self)
{
  g_return_val_if_fail (MADO_IS_CSV_READER (self), 0);

  return self->field;
}

/* Spreadsheets save "CSV" in the ANSI code page (Shift_JIS on Japanese Windows) or UTF-16 unless
 * told otherwise, and either would lose every script but Japanese, so the file is refused with the
 * way to fix it rather than guessed at. */
static gboolean
check_encoding (MadoCsvReader  *self,
                GError        **error)
{
  const char *end;

  self->checked = TRUE;

  if (self->length >= 2 && ((guchar) self->data[0] == 0xFF || (guchar) self->data[0] == 0xFE) &&
      ((guchar) self->data[1] == 0xFE || (guchar) self->data[1] == 0xFF))
    {
      self->row_line = 1;
      g_set_error (error, MADO_CSV_ERROR, MADO_CSV_ERROR_NOT_UTF8,
                   "line 1: the file is UTF-16 text, not CSV in UTF-8; in Excel use Save As → "
                   "“CSV UTF-8 (Comma delimited)”");
      return FALSE;
    }

  if (!g_utf8_validate_len (self->data, self->length, &end))
    {
      guint line = 1;

      for (const char *p = self->data; p < end; p++)
        if (*p == '\n')
          line++;

      self->row_line = line;
      g_set_error (error, MADO_CSV_ERROR, MADO_CSV_ERROR_NOT_UTF8,
                   "line %u: the file is not UTF-8 (perhaps Shift_JIS); in Excel use Save As → "
                   "“CSV UTF-8 (Comma delimited)”", line);
      return FALSE;
    }

  return TRUE;
}

static gboolean
at_line_end (MadoCsvReader *self)
{
  return self->position >= self->length ||
         self->data[self->position] == '\n' || self->data[self->position] == '\r';
}

/* Consumes CRLF, LF or CR at the cursor. */
static void
skip_line_end (MadoCsvReader *self)
{
  if (self->position < self->length && self->data[self->position] == '\r')
    self->position++;
  if (self->position < self->length && self->data[self->position] == '\n')
    self->position++;
  self->line++;
}

static gboolean
read_quoted_field (MadoCsvReader  *self,
                   GString        *field,
                   GError        **error)
{
  guint start_line = self->line;

  self->position++;  /* the opening quote */

  while (TRUE)
    {
      char c;

      if (self->position >= self->length)
        {
          self->row_line = start_line;
          g_set_error (error, MADO_CSV_ERROR, MADO_CSV_ERROR_UNTERMINATED_QUOTE,
                       "line %u, field %u: the quoted field that starts here has no closing quote",
                       start_line, self->field);
          return FALSE;
        }

      c = self->data[self->position];
      if (c == '"')
        {
          if (self->position + 1 < self->length && self->data[self->position + 1] == '"')
            {
              g_string_append_c (field, '"');
              self->position += 2;
              continue;
            }
          self->position++;
          break;
        }
      if (c == '\r' || c == '\n')
        {
          /* Line breaks inside a cell come back as LF whatever the file used, so a file that an
           * editor converted to CRLF still round-trips. */
          g_string_append_c (field, '\n');
          skip_line_end (self);
          continue;
        }

      g_string_append_c (field, c);
      self->position++;
    }

  if (!at_line_end (self) && self->data[self->position] != ',')
    {
      self->row_line = self->line;
      g_set_error (error, MADO_CSV_ERROR, MADO_CSV_ERROR_TEXT_AFTER_QUOTE,
                   "line %u, field %u: text follows the closing quote; a quote inside a quoted "
                   "field must be doubled (\"\")", self->line, self->field);
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_plain_field (MadoCsvReader  *self,
                  GString        *field,
                  GError        **error)
{
  while (!at_line_end (self) && self->data[self->position] != ',')
    {
      if (self->data[self->position] == '"')
        {
          self->row_line = self->line;
          g_set_error (error, MADO_CSV_ERROR, MADO_CSV_ERROR_STRAY_QUOTE,
                       "line %u, field %u: a quote inside a field that is not quoted; put the "
                       "field in quotes and double the quote (\"\")", self->line, self->field);
          return FALSE;
        }
      g_string_append_c (field, self->data[self->position]);
      self->position++;
    }

  return TRUE;
}

/**
 * mado_csv_reader_read_row:
 *
 * Returns: (transfer full) (nullable): the fields of the next record
 */
GStrv
mado_csv_reader_read_row (MadoCsvReader  *self,
                          GError        **error)
{
  g_autoptr(GStrvBuilder) fields = NULL;

  g_return_val_if_fail (MADO_IS_CSV_READER (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!self->checked && !check_encoding (self, error))
    {
      self->position = self->length;
      return NULL;
    }

  if (self->position >= self->length)
    return NULL;

  fields = g_strv_builder_new ();
  self->row_line = self->line;
  self->field = 0;

  while (TRUE)
    {
      g_autoptr(GString) field = g_string_new (NULL);
      gboolean ok;

      self->field++;
      if (self->data[self->position] == '"')
        ok = read_quoted_field (self, field, error);
      else
        ok = read_plain_field (self, field, error);

      if (!ok)
        {
          self->position = self->length;
          return NULL;
        }

      g_strv_builder_add (fields, field->str);

      if (self->position < self->length && self->data[self->position] == ',')
        {
          self->position++;
          continue;
        }

      if (self->position < self->length)
        skip_line_end (self);
      break;
    }

  return g_strv_builder_end (fields);
}

GString *
mado_csv_new_document (void)
{
  return g_string_new (MADO_CSV_BYTE_ORDER_MARK);
}

void
mado_csv_append_row (GString            *out,
                     const char * const *fields,
                     gsize               n_fields)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (fields != NULL || n_fields == 0);

  for (gsize i = 0; i < n_fields; i++)
    {
      const char *field = fields[i] != NULL ? fields[i] : "";

      if (i > 0)
        g_string_append_c (out, ',');

      /* Every field is quoted, so commas, quotes and line breaks in phrases all follow one rule. */
      g_string_append_c (out, '"');
      for (const char *p = field; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }

  g_string_append (out, "\r\n");
}

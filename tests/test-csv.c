/* test-csv.c: CSV reading and writing as Excel does it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-csv.h"

#include <string.h>

static GPtrArray *
read_all (const char  *data,
          gssize       length,
          GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, length < 0 ? strlen (data) : (gsize) length);
  g_autoptr(MadoCsvReader) reader = mado_csv_reader_new (bytes);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  GStrv row;

  while ((row = mado_csv_reader_read_row (reader, error)) != NULL)
    g_ptr_array_add (rows, row);

  if (error != NULL && *error != NULL)
    return NULL;

  return g_steal_pointer (&rows);
}

static void
assert_row (GPtrArray          *rows,
            guint               index,
            const char * const *expected)
{
  GStrv row = g_ptr_array_index (rows, index);

  g_assert_cmpuint (g_strv_length (row), ==, g_strv_length ((GStrv) expected));
  for (guint i = 0; expected[i] != NULL; i++)
    g_assert_cmpstr (row[i], ==, expected[i]);
}

static void
test_output_format (void)
{
  const char *fields[] = { "a", "b,c", "say \"hi\"", "x\ny", "", NULL };
  g_autoptr(GString) out = mado_csv_new_document ();

  mado_csv_append_row (out, fields, G_N_ELEMENTS (fields));

  /* Byte order mark, every field quoted (a NULL field as ""), quotes doubled, CRLF at the end. */
  g_assert_cmpmem (out->str, out->len,
                   "\xEF\xBB\xBF\"a\",\"b,c\",\"say \"\"hi\"\"\",\"x\ny\",\"\",\"\"\r\n",
                   strlen ("\xEF\xBB\xBF\"a\",\"b,c\",\"say \"\"hi\"\"\",\"x\ny\",\"\",\"\"\r\n"));
}

static void
test_round_trip (void)
{
  /* Text in the scripts of all fifteen languages, with the characters that need quoting. */
  static const char * const rows[][5] = {
    { "id", "ja", "en", "th", "my" },
    { "city-hall.moving.001", "転入届を出してください。", "Please submit it, \"today\".", "กรุณายื่น", "ကျောင်းသို့ ဖုန်းဆက်ပါ။" },
    { "", "{引|ひ}っ{越|こ}し", "line one\nline two", "", "" },
    { "中文（简体）,中文（繁體）", "한국어 \"따옴표\"", "Tiếng Việt, Bahasa Indonesia", "नेपाली", "Español, Français, Português, Filipino" },
    { "\"", ",", "\n", "\"\"", " leading and trailing spaces " },
  };
  g_autoptr(GString) out = mado_csv_new_document ();
  g_autoptr(GPtrArray) read = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    mado_csv_append_row (out, rows[i], G_N_ELEMENTS (rows[i]));

  read = read_all (out->str, out->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (read->len, ==, G_N_ELEMENTS (rows));
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      const char *expected[6] = { rows[i][0], rows[i][1], rows[i][2], rows[i][3], rows[i][4], NULL };

      assert_row (read, i, expected);
    }
}

static void
test_excel_input (void)
{
  /* What Excel's "CSV UTF-8" writes: BOM, CRLF, CRLF inside a cell, quotes only where needed. */
  const char *excel = "\xEF\xBB\xBFid,ja,en\r\n"
                      "x.y.001,窓口,\"two\r\nlines\"\r\n"
                      ",,\r\n"
                      "x.y.002,\"a \"\"b\"\"\",c\r\n";
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  rows = read_all (excel, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 4);
  assert_row (rows, 0, (const char *[]) { "id", "ja", "en", NULL });
  assert_row (rows, 1, (const char *[]) { "x.y.001", "窓口", "two\nlines", NULL });
  assert_row (rows, 2, (const char *[]) { "", "", "", NULL });
  assert_row (rows, 3, (const char *[]) { "x.y.002", "a \"b\"", "c", NULL });
}

static void
test_line_ends (void)
{
  static const char *inputs[] = {
    "a,b\nc,d\n",         /* LF, as from Unix tools */
    "a,b\r\nc,d",         /* CRLF, no line end after the last record */
    "a,b\rc,d\r",         /* CR, as from old Mac spreadsheets */
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GPtrArray) rows = NULL;
      g_autoptr(GError) error = NULL;

      rows = read_all (inputs[i], -1, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (rows->len, ==, 2);
      assert_row (rows, 0, (const char *[]) { "a", "b", NULL });
      assert_row (rows, 1, (const char *[]) { "c", "d", NULL });
    }
}

static void
test_empty_input (void)
{
  g_autoptr(GPtrArray) empty = NULL;
  g_autoptr(GPtrArray) bom_only = NULL;
  g_autoptr(GError) error = NULL;

  empty = read_all ("", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (empty->len, ==, 0);

  bom_only = read_all (MADO_CSV_BYTE_ORDER_MARK, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bom_only->len, ==, 0);
}

static void
test_row_lines (void)
{
  const char *text = "h1,h2\r\n\"multi\r\nline\r\ncell\",x\r\nlast,row\r\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(MadoCsvReader) reader = mado_csv_reader_new (bytes);
  static const guint expected_lines[] = { 1, 2, 5 };

  for (guint i = 0; i < G_N_ELEMENTS (expected_lines); i++)
    {
      g_auto(GStrv) row = mado_csv_reader_read_row (reader, NULL);

      g_assert_nonnull (row);
      g_assert_cmpuint (mado_csv_reader_get_line (reader), ==, expected_lines[i]);
    }
  g_assert_null (mado_csv_reader_read_row (reader, NULL));
}

static void
test_malformed_input (void)
{
  static const struct {
    const char *text;
    int         code;
    guint       line;
    guint       field;
    const char *prefix;
  } cases[] = {
    { "a,b\nc,\"never\nends,x\n", MADO_CSV_ERROR_UNTERMINATED_QUOTE, 2, 2, "line 2, field 2:" },
    { "a,b,c\nd,e,5\" screen\n", MADO_CSV_ERROR_STRAY_QUOTE, 2, 3, "line 2, field 3:" },
    { "a\n\"quoted\"tail,b\n", MADO_CSV_ERROR_TEXT_AFTER_QUOTE, 2, 1, "line 2, field 1:" },
    { "id,ja\nx,\x93\xfa\x96\x7b\n", MADO_CSV_ERROR_NOT_UTF8, 2, 0, "line 2:" },  /* 日本 in Shift_JIS */
    { "\xFF\xFEi\0d\0", MADO_CSV_ERROR_NOT_UTF8, 1, 0, "line 1:" },              /* UTF-16 */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize length = i == 4 ? 6 : strlen (cases[i].text);
      g_autoptr(GBytes) bytes = g_bytes_new_static (cases[i].text, length);
      g_autoptr(MadoCsvReader) reader = mado_csv_reader_new (bytes);
      g_autoptr(GError) error = NULL;
      GStrv row;

      while ((row = mado_csv_reader_read_row (reader, &error)) != NULL)
        g_strfreev (row);

      g_assert_error (error, MADO_CSV_ERROR, cases[i].code);
      g_assert_true (g_str_has_prefix (error->message, cases[i].prefix));
      g_assert_cmpuint (mado_csv_reader_get_line (reader), ==, cases[i].line);
      if (cases[i].field > 0)
        g_assert_cmpuint (mado_csv_reader_get_field (reader), ==, cases[i].field);

      /* After a problem the reader stays at the end rather than reading on from a wrong place. */
      g_clear_error (&error);
      g_assert_null (mado_csv_reader_read_row (reader, &error));
      g_assert_no_error (error);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/madoguchi/csv/output-format", test_output_format);
  g_test_add_func ("/madoguchi/csv/round-trip", test_round_trip);
  g_test_add_func ("/madoguchi/csv/excel-input", test_excel_input);
  g_test_add_func ("/madoguchi/csv/line-ends", test_line_ends);
  g_test_add_func ("/madoguchi/csv/empty-input", test_empty_input);
  g_test_add_func ("/madoguchi/csv/row-lines", test_row_lines);
  g_test_add_func ("/madoguchi/csv/malformed-input", test_malformed_input);

  return g_test_run ();
}

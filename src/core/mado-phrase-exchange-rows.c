/* mado-phrase-exchange-rows.c: reading the rows of a CSV or JSON import file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-phrase-exchange-private.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "mado-csv.h"
#include "mado-language.h"

static const char * const field_names[MADO_EXCHANGE_N_FIELDS] = {
  [MADO_EXCHANGE_FIELD_ID] = "id",
  [MADO_EXCHANGE_FIELD_SET] = "set",
  [MADO_EXCHANGE_FIELD_GENRE] = "genre",
  [MADO_EXCHANGE_FIELD_SPEAKER] = "speaker",
  [MADO_EXCHANGE_FIELD_ORIGIN] = "origin",
};

/* Indonesian's code "id" is also the name of the phrase id column, so its column is headed with
 * the tag for Indonesian as written in Indonesia. Every other language column is its code. */
static const struct {
  const char *code;
  const char *column;
} language_columns[] = {
  { "id", "id-ID" },
};

guint
mado_exchange_n_keys (void)
{
  guint n_languages;

  mado_language_get_all (&n_languages);
  return MADO_EXCHANGE_N_FIELDS + n_languages;
}

const char *
mado_exchange_key_name (guint key)
{
  const MadoLanguage **languages;
  guint n_languages;
  const char *code;

  if (key < MADO_EXCHANGE_N_FIELDS)
    return field_names[key];

  languages = mado_language_get_all (&n_languages);
  g_return_val_if_fail (key - MADO_EXCHANGE_N_FIELDS < n_languages, NULL);

  code = languages[key - MADO_EXCHANGE_N_FIELDS]->code;
  for (guint i = 0; i < G_N_ELEMENTS (language_columns); i++)
    if (strcmp (code, language_columns[i].code) == 0)
      return language_columns[i].column;

  return code;
}

guint
mado_exchange_key_for_language (const char *code)
{
  const MadoLanguage *language = mado_language_lookup (code);

  g_return_val_if_fail (language != NULL, 0);

  return MADO_EXCHANGE_N_FIELDS + mado_language_get_index (language);
}

/* Column names are matched without regard to case or surrounding spaces, as people retype
 * headers in spreadsheets; languages go through the registry, so "pt-br" finds pt-BR. A field
 * name wins over a language code that is spelt the same. */
static int
key_from_name (const char *name)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (name));
  const MadoLanguage *language;

  for (guint i = 0; i < MADO_EXCHANGE_N_FIELDS; i++)
    if (g_ascii_strcasecmp (trimmed, field_names[i]) == 0)
      return (int) i;

  for (guint i = 0; i < G_N_ELEMENTS (language_columns); i++)
    if (g_ascii_strcasecmp (trimmed, language_columns[i].column) == 0)
      return (int) mado_exchange_key_for_language (language_columns[i].code);

  language = mado_language_lookup (trimmed);
  if (language != NULL)
    return (int) (MADO_EXCHANGE_N_FIELDS + mado_language_get_index (language));

  return -1;
}

static const char *
known_columns (void)
{
  static gsize list = 0;

  if (g_once_init_enter (&list))
    {
      g_autoptr(GString) out = g_string_new (NULL);
      guint n_keys = mado_exchange_n_keys ();

      for (guint key = 0; key < n_keys; key++)
        g_string_append_printf (out, "%s%s", key > 0 ? ", " : "", mado_exchange_key_name (key));
      g_once_init_leave (&list, (gsize) g_string_free (g_steal_pointer (&out), FALSE));
    }

  return (const char *) list;
}

/* Spreadsheet column letters, since that is what people see: 1 → A, 27 → AA. */
static char *
column_letters (guint column)
{
  char buffer[16];
  guint i = sizeof buffer - 1;

  buffer[i] = '\0';
  while (column > 0 && i > 0)
    {
      column--;
      buffer[--i] = 'A' + column % 26;
      column /= 26;
    }

  return g_strdup (buffer + i);
}

static MadoExchangeRow *
row_new (guint line,
         guint item)
{
  MadoExchangeRow *row = g_new0 (MadoExchangeRow, 1);
  guint n_keys = mado_exchange_n_keys ();

  row->line = line;
  row->item = item;
  row->values = g_new0 (char *, n_keys + 1);
  row->columns = g_new0 (guint, n_keys);

  return row;
}

static void
row_free (MadoExchangeRow *row)
{
  g_strfreev (row->values);
  g_free (row->columns);
  g_free (row);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoExchangeRow, row_free)

void
mado_exchange_rows_free (MadoExchangeRows *rows)
{
  if (rows == NULL)
    return;

  g_free (rows->file);
  g_ptr_array_unref (rows->rows);
  g_free (rows);
}

static void report_at (MadoExchangeRows  *rows,
                       guint              line,
                       guint              column,
                       MadoExchangeError  code,
                       const char        *format,
                       ...) G_GNUC_PRINTF (5, 6);

static void
report_at (MadoExchangeRows  *rows,
           guint              line,
           guint              column,
           MadoExchangeError  code,
           const char        *format,
           ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (rows->diagnostics,
                   mado_diagnostic_new (rows->file, line, column, MADO_EXCHANGE_ERROR, code, message));
}

void
mado_exchange_rows_report (MadoExchangeRows  *rows,
                           MadoExchangeRow   *row,
                           int                key,
                           MadoExchangeError  code,
                           const char        *format,
                           ...)
{
  g_autofree char *message = NULL;
  g_autofree char *where = NULL;
  guint column = 0;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (key >= 0)
    column = row->columns[key];

  if (rows->format == MADO_EXCHANGE_FORMAT_JSON)
    where = key >= 0 ? g_strdup_printf ("phrase %u, “%s”: ", row->item, mado_exchange_key_name (key))
                     : g_strdup_printf ("phrase %u: ", row->item);
  else if (column > 0)
    {
      g_autofree char *letters = column_letters (column);

      where = g_strdup_printf ("column %s (%s): ", letters, mado_exchange_key_name (key));
    }
  else if (key >= 0)
    where = g_strdup_printf ("%s: ", mado_exchange_key_name (key));
  else
    where = g_strdup ("");

  report_at (rows, row->line, column, code, "%s%s", where, message);
}

/* CSV */

/* MadoCsvReader's messages start with "line N, field M: "; the diagnostic carries the place. */
static const char *
without_position (const char *message)
{
  const char *rest = strstr (message, ": ");

  return g_str_has_prefix (message, "line ") && rest != NULL ? rest + 2 : message;
}

static void
parse_csv (MadoExchangeRows *rows,
           GBytes           *data)
{
  g_autoptr(MadoCsvReader) reader = mado_csv_reader_new (data);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) header = NULL;
  g_autofree int *keys = NULL;
  g_autofree guint *key_columns = g_new0 (guint, mado_exchange_n_keys ());
  guint n_columns;
  gboolean header_ok = TRUE;
  GStrv fields;

  header = mado_csv_reader_read_row (reader, &error);
  if (header == NULL)
    {
      if (error != NULL)
        report_at (rows, mado_csv_reader_get_line (reader), mado_csv_reader_get_field (reader),
                   MADO_EXCHANGE_ERROR_FORMAT, "%s", without_position (error->message));
      else
        report_at (rows, 0, 0, MADO_EXCHANGE_ERROR_FORMAT,
                   "the file is empty; its first row must name the columns (%s)", known_columns ());
      return;
    }

  n_columns = g_strv_length (header);
  keys = g_new (int, n_columns);
  for (guint i = 0; i < n_columns; i++)
    {
      g_autofree char *letters = column_letters (i + 1);

      keys[i] = key_from_name (header[i]);
      if (keys[i] < 0)
        {
          report_at (rows, 1, i + 1, MADO_EXCHANGE_ERROR_UNKNOWN_COLUMN,
                     "column %s “%s” is not one of the columns %s", letters, header[i], known_columns ());
          header_ok = FALSE;
        }
      else if (key_columns[keys[i]] > 0)
        {
          g_autofree char *first = column_letters (key_columns[keys[i]]);

          report_at (rows, 1, i + 1, MADO_EXCHANGE_ERROR_DUPLICATE_COLUMN,
                     "column %s repeats “%s” from column %s", letters, mado_exchange_key_name (keys[i]), first);
          header_ok = FALSE;
        }
      else
        key_columns[keys[i]] = i + 1;
    }

  /* With a wrong header no cell can be placed; the rows would only repeat the same problem. */
  if (!header_ok)
    return;

  while ((fields = mado_csv_reader_read_row (reader, &error)) != NULL)
    {
      g_auto(GStrv) owned = fields;
      guint n_fields = g_strv_length (fields);
      g_autoptr(MadoExchangeRow) row = NULL;
      gboolean blank = TRUE;

      /* Spreadsheets leave rows of nothing but commas below the data. */
      for (guint i = 0; i < n_fields && blank; i++)
        for (const char *p = fields[i]; *p != '\0' && blank; p++)
          blank = g_ascii_isspace (*p);
      if (blank)
        continue;

      if (n_fields != n_columns)
        {
          report_at (rows, mado_csv_reader_get_line (reader), 0, MADO_EXCHANGE_ERROR_BAD_VALUE,
                     "the row has %u fields but the header row has %u; check for a missing or extra comma",
                     n_fields, n_columns);
          continue;
        }

      row = row_new (mado_csv_reader_get_line (reader), 0);
      for (guint i = 0; i < n_columns; i++)
        {
          row->values[keys[i]] = g_strstrip (g_strdup (fields[i]));
          row->columns[keys[i]] = i + 1;
        }
      g_ptr_array_add (rows->rows, g_steal_pointer (&row));
    }

  if (error != NULL)
    report_at (rows, mado_csv_reader_get_line (reader), mado_csv_reader_get_field (reader),
               MADO_EXCHANGE_ERROR_FORMAT, "%s", without_position (error->message));
}

/* JSON */

/* JsonParser does not say where a node was in the text, so the lines of the objects in the
 * top-level array are noted as the parser meets them. */
typedef struct {
  int     depth;
  guint   object_line;
  GArray *lines;        /* guint, one per element of the top-level array */
} LineTracker;

static void
on_container_start (JsonParser *parser,
                    gpointer    user_data)
{
  LineTracker *tracker = user_data;

  tracker->depth++;
}

static void
on_object_start (JsonParser *parser,
                 gpointer    user_data)
{
  LineTracker *tracker = user_data;

  if (tracker->depth == 1)
    tracker->object_line = json_parser_get_current_line (parser);
  tracker->depth++;
}

static void
on_object_end (JsonParser *parser,
               JsonObject *object,
               gpointer    user_data)
{
  LineTracker *tracker = user_data;

  tracker->depth--;
}

static void
on_array_end (JsonParser *parser,
              JsonArray  *array,
              gpointer    user_data)
{
  LineTracker *tracker = user_data;

  tracker->depth--;
}

static void
on_array_element (JsonParser *parser,
                  JsonArray  *array,
                  int         index,
                  gpointer    user_data)
{
  LineTracker *tracker = user_data;
  guint line;

  if (tracker->depth != 1)
    return;

  line = tracker->object_line > 0 ? tracker->object_line : json_parser_get_current_line (parser);
  g_array_append_val (tracker->lines, line);
  tracker->object_line = 0;
}

/* json-glib puts "<data>:LINE:COLUMN: " before its messages; the diagnostic carries the place. */
static void
report_json_error (MadoExchangeRows *rows,
                   const GError     *error)
{
  guint line = 0, column = 0;
  int consumed = 0;

  if (sscanf (error->message, "<data>:%u:%u: %n", &line, &column, &consumed) == 2 && consumed > 0)
    report_at (rows, line, column, MADO_EXCHANGE_ERROR_FORMAT, "not valid JSON: %s", error->message + consumed);
  else
    report_at (rows, 0, 0, MADO_EXCHANGE_ERROR_FORMAT, "not valid JSON: %s", error->message);
}

static void
parse_json_object (MadoExchangeRows *rows,
                   JsonObject       *object,
                   guint             item,
                   guint             line)
{
  g_autoptr(MadoExchangeRow) row = row_new (line, item);
  g_autoptr(GList) members = json_object_get_members (object);
  gboolean ok = TRUE;

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *node = json_object_get_member (object, name);
      int key = key_from_name (name);

      if (key < 0)
        {
          report_at (rows, line, 0, MADO_EXCHANGE_ERROR_UNKNOWN_COLUMN,
                     "phrase %u: “%s” is not one of the keys %s", item, name, known_columns ());
          ok = FALSE;
        }
      else if (row->values[key] != NULL)
        {
          report_at (rows, line, 0, MADO_EXCHANGE_ERROR_DUPLICATE_COLUMN,
                     "phrase %u: “%s” is given twice (as “%s” too)", item, name, mado_exchange_key_name (key));
          ok = FALSE;
        }
      else if (JSON_NODE_HOLDS_NULL (node))
        row->values[key] = g_strdup ("");
      else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        row->values[key] = g_strstrip (g_strdup (json_node_get_string (node)));
      else
        {
          report_at (rows, line, 0, MADO_EXCHANGE_ERROR_BAD_VALUE,
                     "phrase %u: “%s” must be a string in quotes", item, name);
          ok = FALSE;
        }
    }

  if (ok)
    g_ptr_array_add (rows->rows, g_steal_pointer (&row));
}

static void
parse_json (MadoExchangeRows *rows,
            GBytes           *data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  LineTracker tracker = { 0, 0, g_array_new (FALSE, FALSE, sizeof (guint)) };
  g_autoptr(GArray) lines = tracker.lines;
  const char *text;
  gsize length;
  JsonNode *root;
  JsonArray *array;

  text = g_bytes_get_data (data, &length);
  if (!g_utf8_validate_len (text != NULL ? text : "", length, NULL))
    {
      report_at (rows, 0, 0, MADO_EXCHANGE_ERROR_FORMAT, "the file is not UTF-8 text");
      return;
    }

  g_signal_connect (parser, "array-start", G_CALLBACK (on_container_start), &tracker);
  g_signal_connect (parser, "array-end", G_CALLBACK (on_array_end), &tracker);
  g_signal_connect (parser, "object-start", G_CALLBACK (on_object_start), &tracker);
  g_signal_connect (parser, "object-end", G_CALLBACK (on_object_end), &tracker);
  g_signal_connect (parser, "array-element", G_CALLBACK (on_array_element), &tracker);

  if (!json_parser_load_from_data (parser, text != NULL ? text : "", length, &error))
    {
      report_json_error (rows, error);
      return;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    {
      report_at (rows, 1, 0, MADO_EXCHANGE_ERROR_FORMAT,
                 "the file must hold a JSON array of phrases: [ { \"id\": …, \"ja\": … }, … ]");
      return;
    }

  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      guint line = i < lines->len ? g_array_index (lines, guint, i) : 0;

      if (JSON_NODE_HOLDS_OBJECT (element))
        parse_json_object (rows, json_node_get_object (element), i + 1, line);
      else
        report_at (rows, line, 0, MADO_EXCHANGE_ERROR_BAD_VALUE,
                   "phrase %u is not a JSON object { … }", i + 1);
    }
}

MadoExchangeRows *
mado_exchange_rows_parse (GBytes             *data,
                          MadoExchangeFormat  format,
                          const char         *file,
                          GPtrArray          *diagnostics)
{
  MadoExchangeRows *rows;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (file != NULL, NULL);
  g_return_val_if_fail (diagnostics != NULL, NULL);

  rows = g_new0 (MadoExchangeRows, 1);
  rows->format = format;
  rows->file = g_strdup (file);
  rows->diagnostics = diagnostics;
  rows->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);

  if (format == MADO_EXCHANGE_FORMAT_JSON)
    parse_json (rows, data);
  else
    parse_csv (rows, data);

  return rows;
}

/* bench-exchange.c: reading the shipped phrase files, and CSV export and import at municipal scale
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads the shipped tree ($MADOGUCHI_PHRASE_DIR) as the kiosk does at start-up, seeds it into a
 * real SQLite file in a temporary folder, then imports a CSV of new phrases made from the shipped
 * ones (each given a numbered variant of its texts), exports the grown book, and imports that
 * export again, which checks every row and writes nothing. MADOGUCHI_BENCH_ROWS sets the number of
 * new phrases (default 10,000).
 */
#include "mado-csv.h"
#include "mado-language.h"
#include "mado-phrase-exchange.h"
#include "mado-phrase-reader.h"
#include "mado-test-utils.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#define DEFAULT_ROWS 10000
#define TREE_READS   10

static GPtrArray *
read_tree (const char *dir,
           double     *median_ms)
{
  double times[TREE_READS];
  GPtrArray *sets = NULL;

  for (guint i = 0; i < TREE_READS; i++)
    {
      g_autoptr(MadoPhraseReader) reader = mado_phrase_reader_new ();
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();

      g_clear_pointer (&sets, g_ptr_array_unref);
      sets = mado_phrase_reader_read_tree (reader, dir, &error);
      times[i] = (g_get_monotonic_time () - start) / 1000.0;
      g_assert_no_error (error);
    }

  qsort (times, TREE_READS, sizeof times[0], mado_test_compare_doubles);
  *median_ms = times[TREE_READS / 2];

  return sets;
}

/* A CSV of @n_rows new phrases, each a numbered variant of a shipped one in the same genre. */
static GBytes *
make_new_rows (GPtrArray *shipped,
               guint      n_rows)
{
  g_autoptr(GString) out = mado_csv_new_document ();
  const MadoLanguage **languages;
  guint n_languages;
  g_autoptr(GPtrArray) header = g_ptr_array_new ();

  languages = mado_language_get_all (&n_languages);
  /* The columns as the export names them: Indonesian's column is id-ID, "id" being the phrase id. */
  g_ptr_array_add (header, (gpointer) "set");
  g_ptr_array_add (header, (gpointer) "genre");
  for (guint i = 0; i < n_languages; i++)
    g_ptr_array_add (header, (gpointer) (g_str_equal (languages[i]->code, "id") ? "id-ID" : languages[i]->code));
  mado_csv_append_row (out, (const char * const *) header->pdata, header->len);

  for (guint row = 0; row < n_rows; row++)
    {
      MadoPhrase *phrase = g_ptr_array_index (shipped, row % shipped->len);
      g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

      g_ptr_array_add (cells, g_strdup (mado_phrase_get_set_id (phrase)));
      g_ptr_array_add (cells, g_strdup (mado_phrase_get_genre_id (phrase)));
      for (guint i = 0; i < n_languages; i++)
        g_ptr_array_add (cells, g_strdup_printf ("%s (%u)", mado_phrase_get_text (phrase, languages[i]->code),
                                                 row + 1));
      mado_csv_append_row (out, (const char * const *) cells->pdata, cells->len);
    }

  return g_string_free_to_bytes (g_steal_pointer (&out));
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = mado_phrase_reader_default_dir ();
  g_autofree char *folder = g_dir_make_tmp ("madoguchi-bench-exchange-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (folder, "phrases.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  const char *rows_override = g_getenv ("MADOGUCHI_BENCH_ROWS");
  guint n_rows = rows_override != NULL ? (guint) atoi (rows_override) : DEFAULT_ROWS;
  g_autoptr(GPtrArray) sets = NULL;
  g_autoptr(GPtrArray) shipped = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(MadoPhraseStore) store = NULL;
  g_autoptr(MadoPhraseExchange) exchange = NULL;
  g_autoptr(GBytes) new_rows = NULL;
  g_autoptr(GBytes) exported = NULL;
  g_autoptr(GError) error = NULL;
  MadoImportSummary summary = { 0 };
  double tree_ms, seconds;
  guint n_exported = 0;
  gint64 start;

  sets = read_tree (dir, &tree_ms);
  for (guint i = 0; i < sets->len; i++)
    {
      GPtrArray *phrases = mado_phrase_set_get_phrases (g_ptr_array_index (sets, i));

      for (guint j = 0; j < phrases->len; j++)
        g_ptr_array_add (shipped, g_object_ref (g_ptr_array_index (phrases, j)));
    }
  g_print ("bench: phrase-tree-phrases %u phrases\n", shipped->len);
  g_print ("bench: phrase-tree-read %.1f ms\n", tree_ms);
  g_print ("bench: phrase-tree-read-rate %.0f phrases/s\n", shipped->len / (tree_ms / 1000.0));

  store = mado_phrase_store_open (path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < sets->len; i++)
    {
      mado_phrase_store_seed (store, g_ptr_array_index (sets, i), NULL, &error);
      g_assert_no_error (error);
    }
  exchange = mado_phrase_exchange_new (store);

  new_rows = make_new_rows (shipped, n_rows);
  start = g_get_monotonic_time ();
  g_assert_true (mado_phrase_exchange_import (exchange, new_rows, MADO_EXCHANGE_FORMAT_CSV, "new.csv", &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.added, ==, n_rows);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  g_print ("bench: import-new-%u %.2f s\n", n_rows, seconds);
  g_print ("bench: import-new-rate %.0f rows/s\n", n_rows / seconds);

  start = g_get_monotonic_time ();
  exported = mado_phrase_exchange_export (exchange, MADO_EXCHANGE_FORMAT_CSV, NULL, &n_exported, &error);
  g_assert_no_error (error);
  g_print ("bench: export-csv-%u %.2f s\n", n_exported, (g_get_monotonic_time () - start) / 1e6);
  g_print ("bench: export-csv-size %.1f MiB\n", g_bytes_get_size (exported) / (1024.0 * 1024.0));

  start = g_get_monotonic_time ();
  g_assert_true (mado_phrase_exchange_import (exchange, exported, MADO_EXCHANGE_FORMAT_CSV, "book.csv", &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.unchanged, ==, n_exported);
  g_print ("bench: reimport-unchanged-%u %.2f s\n", n_exported, (g_get_monotonic_time () - start) / 1e6);

  g_clear_object (&exchange);
  g_clear_object (&store);
  g_remove (wal);
  g_remove (shm);
  g_remove (path);
  g_rmdir (folder);

  return 0;
}

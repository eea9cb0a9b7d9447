/* test-exchange.c: exporting the phrase book to CSV and JSON and importing it back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every test works on real SQLite files in a temporary folder, seeded from
 * tests/data/phrases-small: one set "demo" with the genres "first" and "second", three phrases each
 * (demo.first.001 … demo.second.003), every phrase in all fifteen languages.
 */
#include "mado-phrase-exchange.h"

#include <string.h>

#include "mado-csv.h"
#include "mado-language.h"
#include "mado-phrase-reader.h"
#include "mado-test-utils.h"

typedef struct {
  char            *folder;
  MadoPhraseStore *store;
} Fixture;

static MadoPhraseStore *
open_seeded_store (const char *folder,
                   const char *name)
{
  g_autofree char *phrase_dir = g_build_filename (g_getenv ("MADOGUCHI_TEST_DATA"), "phrases-small", NULL);
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autoptr(MadoPhraseReader) reader = mado_phrase_reader_new ();
  g_autoptr(MadoPhraseStore) store = NULL;
  g_autoptr(GPtrArray) sets = NULL;
  g_autoptr(GError) error = NULL;
  gboolean seeded = FALSE;

  store = mado_phrase_store_open (path, &error);
  g_assert_no_error (error);

  sets = mado_phrase_reader_read_tree (reader, phrase_dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sets->len, ==, 1);
  g_assert_cmpuint (mado_phrase_reader_get_diagnostics (reader)->len, ==, 0);

  g_assert_true (mado_phrase_store_seed (store, g_ptr_array_index (sets, 0), &seeded, &error));
  g_assert_no_error (error);
  g_assert_true (seeded);

  return g_steal_pointer (&store);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->folder = g_dir_make_tmp ("madoguchi-exchange-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->store = open_seeded_store (fixture->folder, "first.db");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->store);
  mado_test_remove_folder (fixture->folder);
  g_free (fixture->folder);
}

static MadoPhrase *
get_phrase (MadoPhraseStore *store,
            const char      *id)
{
  g_autoptr(GError) error = NULL;
  MadoPhrase *phrase = mado_phrase_store_get_phrase (store, id, &error);

  g_assert_no_error (error);
  return phrase;
}

static GPtrArray *
all_phrases (MadoPhraseStore *store)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *phrases = mado_phrase_store_list_phrases (store, "demo", NULL, &error);

  g_assert_no_error (error);
  return phrases;
}

/* Staff changes in the first database: an edited shipped phrase, and two local phrases with the
 * characters CSV must quote, in several scripts. */
static void
make_changes (MadoPhraseStore *store)
{
  g_autoptr(MadoPhrase) edited = get_phrase (store, "demo.first.002");
  g_autoptr(MadoPhrase) first_local = mado_phrase_new (NULL, "demo", "first");
  g_autoptr(MadoPhrase) second_local = mado_phrase_new (NULL, "demo", "second");
  g_autoptr(GError) error = NULL;
  g_autofree char *first_id = NULL;
  g_autofree char *second_id = NULL;

  mado_phrase_set_text (edited, "en", "Why is your child absent today, \"sick\" or a family matter?");
  mado_phrase_set_speaker (edited, MADO_SPEAKER_RESIDENT);
  g_assert_true (mado_phrase_store_update_phrase (store, edited, &error));
  g_assert_no_error (error);

  mado_phrase_set_text (first_local, "ja", "上履きを持ってきてください。");
  mado_phrase_set_text (first_local, "ja-x-easy", "{上履|うわば}きを{持|も}ってきてください。");
  mado_phrase_set_text (first_local, "en", "Please bring indoor shoes,\nmarked with your name.");
  mado_phrase_set_text (first_local, "th", "กรุณานำรองเท้าในร่มมาด้วย");
  mado_phrase_set_text (first_local, "my", "အိမ်တွင်းစီးဖိနပ် ယူလာပါ။");
  first_id = mado_phrase_store_add_phrase (store, first_local, &error);
  g_assert_no_error (error);

  mado_phrase_set_text (second_local, "ja", "「はい」か「いいえ」で答えてください。");
  mado_phrase_set_text (second_local, "ko", "\"네\" 또는 \"아니요\"로 대답해 주세요.");
  mado_phrase_set_text (second_local, "ne", "कृपया \"हो\" वा \"होइन\" भन्नुहोस्।");
  mado_phrase_set_speaker (second_local, MADO_SPEAKER_RESIDENT);
  second_id = mado_phrase_store_add_phrase (store, second_local, &error);
  g_assert_no_error (error);
}

/* What a phrase is, apart from its id: a local phrase is new in another database, so only its
 * place, speaker, origin and texts can be compared. */
static char *
describe (MadoPhrase *phrase,
          gboolean    with_id)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const MadoLanguage **languages;
  guint n_languages;

  g_string_append_printf (out, "%s|%s|%s|%d|%d", with_id ? mado_phrase_get_id (phrase) : "",
                          mado_phrase_get_set_id (phrase), mado_phrase_get_genre_id (phrase),
                          mado_phrase_get_speaker (phrase), mado_phrase_get_origin (phrase));
  languages = mado_language_get_all (&n_languages);
  for (guint i = 0; i < n_languages; i++)
    g_string_append_printf (out, "|%s=%s", languages[i]->code,
                            mado_phrase_get_text (phrase, languages[i]->code) ?: "");

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static GPtrArray *
describe_all (MadoPhraseStore *store)
{
  g_autoptr(GPtrArray) phrases = all_phrases (store);
  GPtrArray *descriptions = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < phrases->len; i++)
    {
      MadoPhrase *phrase = g_ptr_array_index (phrases, i);

      g_ptr_array_add (descriptions,
                       describe (phrase, mado_phrase_get_origin (phrase) != MADO_PHRASE_ORIGIN_LOCAL));
    }
  g_ptr_array_sort (descriptions, compare_strings);

  return descriptions;
}

static void
round_trip (Fixture            *fixture,
            MadoExchangeFormat  format,
            const char         *second_name)
{
  g_autoptr(MadoPhraseExchange) exporter = mado_phrase_exchange_new (fixture->store);
  g_autoptr(MadoPhraseStore) second = NULL;
  g_autoptr(MadoPhraseExchange) importer = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GPtrArray) actual = NULL;
  g_autoptr(GError) error = NULL;
  MadoImportSummary summary = { 0 };
  guint n_exported = 0;

  make_changes (fixture->store);
  bytes = mado_phrase_exchange_export (exporter, format, NULL, &n_exported, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_exported, ==, 8);

  second = open_seeded_store (fixture->folder, second_name);
  importer = mado_phrase_exchange_new (second);
  g_assert_true (mado_phrase_exchange_import (importer, bytes, format, "export", &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mado_phrase_exchange_get_diagnostics (importer)->len, ==, 0);

  /* The two local phrases are new here, the edit is an edit again, and the five untouched shipped
   * phrases are left as they are rather than turned into edits. */
  g_assert_cmpuint (summary.added, ==, 2);
  g_assert_cmpuint (summary.edited, ==, 1);
  g_assert_cmpuint (summary.updated, ==, 0);
  g_assert_cmpuint (summary.unchanged, ==, 5);

  expected = describe_all (fixture->store);
  actual = describe_all (second);
  g_assert_cmpuint (actual->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpstr (g_ptr_array_index (actual, i), ==, g_ptr_array_index (expected, i));

  g_clear_object (&importer);
  g_assert_finalize_object (g_steal_pointer (&second));
}

static void
test_csv_round_trip (Fixture       *fixture,
                     gconstpointer  data)
{
  round_trip (fixture, MADO_EXCHANGE_FORMAT_CSV, "second.db");
}

static void
test_json_round_trip (Fixture       *fixture,
                      gconstpointer  data)
{
  round_trip (fixture, MADO_EXCHANGE_FORMAT_JSON, "second.db");
}

/* The CSV opens in Excel: byte order mark, CRLF, quoted fields, the agreed columns. */
static void
test_csv_layout (Fixture       *fixture,
                 gconstpointer  data)
{
  static const char header[] =
    "\xEF\xBB\xBF\"id\",\"set\",\"genre\",\"speaker\",\"origin\",\"ja\",\"ja-x-easy\",\"en\",\"zh-Hans\","
    "\"zh-Hant\",\"ko\",\"vi\",\"id-ID\",\"th\",\"my\",\"es\",\"fr\",\"pt-BR\",\"fil\",\"ne\"\r\n"
    "\"demo.first.001\",\"demo\",\"first\",\"staff\",\"shipped\",\"欠席や遅刻をするときは、朝8時までに学校へ電話で連絡してください。\",";
  g_autoptr(MadoPhraseExchange) exchange = mado_phrase_exchange_new (fixture->store);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->folder, "book.csv", NULL);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (mado_phrase_exchange_export_file (exchange, path, MADO_EXCHANGE_FORMAT_CSV, "demo", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, header));
  g_assert_true (g_str_has_suffix (contents, "\"\r\n"));

  /* An unknown set is an error, not an empty file. */
  bytes = mado_phrase_exchange_export (exchange, MADO_EXCHANGE_FORMAT_CSV, "hospital", NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, MADO_EXCHANGE_ERROR, MADO_EXCHANGE_ERROR_NO_SUCH_SET);
}

/* An imported edit of a shipped phrase survives a newer shipped version of its set, which still
 * updates every phrase nobody edited. */
static void
test_import_edits_survive_reseed (Fixture       *fixture,
                                  gconstpointer  data)
{
  const char *csv = "id,en\r\ndemo.first.001,Call the school before 8 o'clock.\r\n";
  g_autoptr(MadoPhraseExchange) exchange = mado_phrase_exchange_new (fixture->store);
  g_autoptr(GBytes) bytes = g_bytes_new_static (csv, strlen (csv));
  g_autoptr(MadoPhraseSet) newer = mado_phrase_set_new ("demo", 2);
  g_autoptr(GPtrArray) genres = NULL;
  g_autoptr(MadoPhrase) edited = NULL;
  g_autoptr(MadoPhrase) shipped = NULL;
  g_autoptr(GError) error = NULL;
  MadoImportSummary summary = { 0 };
  gboolean seeded = FALSE;

  g_assert_true (mado_phrase_exchange_import (exchange, bytes, MADO_EXCHANGE_FORMAT_CSV, "edit.csv", &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.edited, ==, 1);

  /* Version 2 ships new English for both phrases of genre "first" that it keeps. */
  genres = mado_phrase_store_list_genres (fixture->store, "demo", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < genres->len; i++)
    mado_phrase_set_add_genre (newer, g_ptr_array_index (genres, i));
  mado_phrase_set_set_name (newer, "ja", "学校");
  mado_phrase_set_set_name (newer, "en", "School");
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *id = g_strdup_printf ("demo.first.%03u", i + 1);
      g_autoptr(MadoPhrase) phrase = get_phrase (fixture->store, id);
      g_autoptr(MadoPhrase) shipped_again = mado_phrase_new (id, "demo", "first");
      g_auto(GStrv) languages = mado_phrase_dup_languages (phrase);

      for (guint j = 0; languages[j] != NULL; j++)
        mado_phrase_set_text (shipped_again, languages[j], mado_phrase_get_text (phrase, languages[j]));
      mado_phrase_set_text (shipped_again, "en", "Version 2 English.");
      mado_phrase_set_add_phrase (newer, shipped_again);
    }
  g_assert_true (mado_phrase_store_seed (fixture->store, newer, &seeded, &error));
  g_assert_no_error (error);
  g_assert_true (seeded);

  edited = get_phrase (fixture->store, "demo.first.001");
  g_assert_cmpstr (mado_phrase_get_text (edited, "en"), ==, "Call the school before 8 o'clock.");
  g_assert_cmpint (mado_phrase_get_origin (edited), ==, MADO_PHRASE_ORIGIN_EDITED);
  shipped = get_phrase (fixture->store, "demo.first.002");
  g_assert_cmpstr (mado_phrase_get_text (shipped, "en"), ==, "Version 2 English.");
  g_assert_cmpint (mado_phrase_get_origin (shipped), ==, MADO_PHRASE_ORIGIN_SHIPPED);
}

/* Only the columns a file has are changed; an empty cell removes that language. */
static void
test_partial_columns (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *csv = "\xEF\xBB\xBFID,Speaker,FR,pt-br\nDEMO.second.001,,,Nova frase\n";
  g_autoptr(MadoPhraseExchange) exchange = mado_phrase_exchange_new (fixture->store);
  g_autoptr(GBytes) bytes = g_bytes_new_static (csv, strlen (csv));
  g_autoptr(MadoPhrase) before = get_phrase (fixture->store, "demo.second.001");
  g_autoptr(MadoPhrase) after = NULL;
  g_autoptr(GError) error = NULL;
  MadoImportSummary summary = { 0 };

  /* Ids are exact: a different case names no phrase. */
  g_assert_false (mado_phrase_exchange_import (exchange, bytes, MADO_EXCHANGE_FORMAT_CSV, "partial.csv", &summary, &error));
  g_assert_error (error, MADO_EXCHANGE_ERROR, MADO_EXCHANGE_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_pointer (&bytes, g_bytes_unref);

  csv = "\xEF\xBB\xBFID,Speaker,FR,pt-br\ndemo.second.001,,,Nova frase\n";
  bytes = g_bytes_new_static (csv, strlen (csv));
  g_assert_true (mado_phrase_exchange_import (exchange, bytes, MADO_EXCHANGE_FORMAT_CSV, "partial.csv", &summary, &error));
  g_assert_no_error (error);

  after = get_phrase (fixture->store, "demo.second.001");
  g_assert_null (mado_phrase_get_text (after, "fr"));
  g_assert_cmpstr (mado_phrase_get_text (after, "pt-BR"), ==, "Nova frase");
  g_assert_cmpstr (mado_phrase_get_text (after, "ja"), ==, mado_phrase_get_text (before, "ja"));
  g_assert_cmpstr (mado_phrase_get_text (after, "th"), ==, mado_phrase_get_text (before, "th"));
  g_assert_cmpint (mado_phrase_get_speaker (after), ==, mado_phrase_get_speaker (before));
}

static GBytes *
export_all (MadoPhraseStore *store)
{
  g_autoptr(MadoPhraseExchange) exchange = mado_phrase_exchange_new (store);
  g_autoptr(GError) error = NULL;
  GBytes *bytes = mado_phrase_exchange_export (exchange, MADO_EXCHANGE_FORMAT_JSON, NULL, NULL, &error);

  g_assert_no_error (error);
  return bytes;
}

/* One bad row among good ones: every row is refused, the database is exactly as before, and the
 * problem is reported at its line and column. */
static void
test_bad_row_changes_nothing (Fixture       *fixture,
                              gconstpointer  data)
{
  const char *csv =
    "id,set,genre,ja,ja-x-easy,en\r\n"
    "demo.first.001,demo,first,新しい文です。,{新|あたら}しい{文|ぶん}です。,A new sentence.\r\n"
    ",demo,second,もう一つ、新しい文です。,,\"One more, new sentence.\"\r\n"
    ",demo,second,三つ目の文です。,三つ{目|め}の{文|ぶん}です。,The third sentence.\r\n"
    "demo.second.002,,,早めに帰ります。,{早|はや}めに{帰|かえ}ります。,\"Leaving early:\nplease come.\"\r\n";
  g_autoptr(MadoPhraseExchange) exchange = mado_phrase_exchange_new (fixture->store);
  g_autoptr(GBytes) bytes = g_bytes_new_static (csv, strlen (csv));
  g_autoptr(GBytes) before = export_all (fixture->store);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  MadoImportSummary summary = { 0 };
  MadoDiagnostic *problem;
  GPtrArray *diagnostics;

  g_assert_false (mado_phrase_exchange_import (exchange, bytes, MADO_EXCHANGE_FORMAT_CSV, "mixed.csv", &summary, &error));
  g_assert_error (error, MADO_EXCHANGE_ERROR, MADO_EXCHANGE_ERROR_INVALID);

  /* Row 4 (line 4), column E: 三 has no reading. */
  diagnostics = mado_phrase_exchange_get_diagnostics (exchange);
  g_assert_cmpuint (diagnostics->len, ==, 1);
  problem = g_ptr_array_index (diagnostics, 0);
  g_assert_true (mado_diagnostic_matches (problem, MADO_EXCHANGE_ERROR, MADO_EXCHANGE_ERROR_KANJI_WITHOUT_READING));
  g_assert_cmpstr (problem->file, ==, "mixed.csv");
  g_assert_cmpuint (problem->line, ==, 4);
  g_assert_cmpuint (problem->column, ==, 5);

  after = export_all (fixture->store);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpuint (mado_phrase_store_count_phrases (fixture->store), ==, 6);
}

/* Each kind of problem, with the line and column it is reported at. */
static void
test_row_problems (Fixture       *fixture,
                   gconstpointer  data)
{
  static const struct {
    const char *csv;
    int         code;
    guint       line;
    guint       column;
  } cases[] = {
    { "id,ja,de\r\ndemo.first.001,x,y\r\n", MADO_EXCHANGE_ERROR_UNKNOWN_COLUMN, 1, 3 },
    { "id,ja,en,EN\r\n", MADO_EXCHANGE_ERROR_DUPLICATE_COLUMN, 1, 4 },
    { "id,set,genre,ja\r\n,hospital,first,文\r\n", MADO_EXCHANGE_ERROR_UNKNOWN_SET, 2, 2 },
    { "id,set,genre,ja\r\n,demo,third,文\r\n", MADO_EXCHANGE_ERROR_UNKNOWN_GENRE, 2, 3 },
    { "id,set,genre,en\r\n,demo,first,No Japanese\r\n", MADO_EXCHANGE_ERROR_MISSING_JAPANESE, 2, 0 },
    { "set,genre,ja,en\r\ndemo,first,,Empty Japanese\r\n", MADO_EXCHANGE_ERROR_MISSING_JAPANESE, 2, 3 },
    { "id,ja-x-easy\r\ndemo.first.001,{学校|がっこう}に{電話|でんわ}して下さい\r\n", MADO_EXCHANGE_ERROR_KANJI_WITHOUT_READING, 2, 2 },
    { "id,ja-x-easy\r\ndemo.first.001,{学校|gakkou}\r\n", MADO_EXCHANGE_ERROR_BAD_READING, 2, 2 },
    { "id,my\r\ndemo.first.001,\u1031\u1000\u103A\u102C\u1004\u1039\u1038\r\n", MADO_EXCHANGE_ERROR_ZAWGYI, 2, 2 },
    { "id,en\r\ndemo.first.001,a\r\ndemo.first.001,b\r\n", MADO_EXCHANGE_ERROR_DUPLICATE_ID, 3, 1 },
    { "id,set,genre\r\ndemo.first.001,demo,second\r\n", MADO_EXCHANGE_ERROR_MOVED_PHRASE, 2, 3 },
    { "id,en\r\ndemo.first.099,x\r\n", MADO_EXCHANGE_ERROR_UNKNOWN_PHRASE, 2, 1 },
    { "id,speaker\r\ndemo.first.001,clerk\r\n", MADO_EXCHANGE_ERROR_BAD_VALUE, 2, 2 },
    { "id,en\r\ndemo.first.001,a,b\r\n", MADO_EXCHANGE_ERROR_BAD_VALUE, 2, 0 },
    { "id,en\r\n\r\n\r\ndemo.first.001,\"never closed\r\n", MADO_EXCHANGE_ERROR_FORMAT, 4, 2 },
    { "set,genre,ja\r\ndemo,first,遅れて登校するときは、何時ごろ学校に着くかも教えてください。\r\n",
      MADO_EXCHANGE_ERROR_DUPLICATE_PHRASE, 2, 3 },
    { "", MADO_EXCHANGE_ERROR_FORMAT, 0, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MadoPhraseExchange) exchange = mado_phrase_exchange_new (fixture->store);
      g_autoptr(GBytes) bytes = g_bytes_new_static (cases[i].csv, strlen (cases[i].csv));
      g_autoptr(GError) error = NULL;
      MadoDiagnostic *problem;
      GPtrArray *diagnostics;

      g_test_message ("case %u: %s", i, cases[i].csv);
      g_assert_false (mado_phrase_exchange_import (exchange, bytes, MADO_EXCHANGE_FORMAT_CSV, "case.csv", NULL, &error));
      g_assert_error (error, MADO_EXCHANGE_ERROR, MADO_EXCHANGE_ERROR_INVALID);

      diagnostics = mado_phrase_exchange_get_diagnostics (exchange);
      for (guint j = 0; j < diagnostics->len; j++)
        {
          g_autofree char *text = mado_diagnostic_to_string (g_ptr_array_index (diagnostics, j));

          g_test_message ("  %s", text);
        }
      g_assert_cmpuint (diagnostics->len, ==, 1);
      problem = g_ptr_array_index (diagnostics, 0);
      g_assert_true (mado_diagnostic_matches (problem, MADO_EXCHANGE_ERROR, cases[i].code));
      g_assert_cmpuint (problem->line, ==, cases[i].line);
      g_assert_cmpuint (problem->column, ==, cases[i].column);
    }

  g_assert_cmpuint (mado_phrase_store_count_phrases (fixture->store), ==, 6);
}

/* Importing the same file of new phrases twice adds them once. */
static void
test_second_import_adds_nothing (Fixture       *fixture,
                                 gconstpointer  data)
{
  const char *csv = "set,genre,ja,en\r\ndemo,second,体操服を忘れました。,I forgot my gym clothes.\r\n";
  g_autoptr(MadoPhraseExchange) exchange = mado_phrase_exchange_new (fixture->store);
  g_autoptr(GBytes) bytes = g_bytes_new_static (csv, strlen (csv));
  g_autoptr(GError) error = NULL;
  MadoImportSummary summary = { 0 };

  g_assert_true (mado_phrase_exchange_import (exchange, bytes, MADO_EXCHANGE_FORMAT_CSV, "new.csv", &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.added, ==, 1);

  g_assert_false (mado_phrase_exchange_import (exchange, bytes, MADO_EXCHANGE_FORMAT_CSV, "new.csv", &summary, &error));
  g_assert_error (error, MADO_EXCHANGE_ERROR, MADO_EXCHANGE_ERROR_INVALID);
  g_assert_true (mado_diagnostic_matches (g_ptr_array_index (mado_phrase_exchange_get_diagnostics (exchange), 0),
                                          MADO_EXCHANGE_ERROR, MADO_EXCHANGE_ERROR_DUPLICATE_PHRASE));
  g_assert_cmpuint (mado_phrase_store_count_phrases (fixture->store), ==, 7);
}

/* JSON problems name the phrase's place in the array and the line its object starts on. */
static void
test_json_problems (Fixture       *fixture,
                    gconstpointer  data)
{
  static const struct {
    const char *json;
    int         code;
    guint       line;
    const char *message_start;
  } cases[] = {
    { "[\n  {\n    \"id\": \"demo.first.001\",\n    \"en\": \"ok\"\n  },\n  {\n    \"id\": \"demo.first.002\",\n"
      "    \"speaker\": \"nobody\"\n  }\n]\n", MADO_EXCHANGE_ERROR_BAD_VALUE, 6, "phrase 2, “speaker”:" },
    { "[\n  { \"id\": \"demo.first.001\", \"en\": 12 }\n]", MADO_EXCHANGE_ERROR_BAD_VALUE, 2, "phrase 1:" },
    { "[\n  { \"id\": \"demo.first.001\", \"klingon\": \"x\" }\n]", MADO_EXCHANGE_ERROR_UNKNOWN_COLUMN, 2, "phrase 1:" },
    { "{ \"id\": \"demo.first.001\" }", MADO_EXCHANGE_ERROR_FORMAT, 1, "the file must hold" },
    { "[\n  { \"id\": \"demo.first.001\",, }\n]", MADO_EXCHANGE_ERROR_FORMAT, 2, "not valid JSON:" },
    { "[\n  \"demo.first.001\"\n]", MADO_EXCHANGE_ERROR_BAD_VALUE, 2, "phrase 1 is not" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MadoPhraseExchange) exchange = mado_phrase_exchange_new (fixture->store);
      g_autoptr(GBytes) bytes = g_bytes_new_static (cases[i].json, strlen (cases[i].json));
      g_autoptr(GError) error = NULL;
      MadoDiagnostic *problem;
      GPtrArray *diagnostics;

      g_test_message ("case %u: %s", i, cases[i].json);
      g_assert_false (mado_phrase_exchange_import (exchange, bytes, MADO_EXCHANGE_FORMAT_JSON, "case.json", NULL, &error));
      g_assert_error (error, MADO_EXCHANGE_ERROR, MADO_EXCHANGE_ERROR_INVALID);

      diagnostics = mado_phrase_exchange_get_diagnostics (exchange);
      g_assert_cmpuint (diagnostics->len, ==, 1);
      problem = g_ptr_array_index (diagnostics, 0);
      g_test_message ("  %s", problem->message);
      g_assert_true (mado_diagnostic_matches (problem, MADO_EXCHANGE_ERROR, cases[i].code));
      g_assert_cmpuint (problem->line, ==, cases[i].line);
      g_assert_true (g_str_has_prefix (problem->message, cases[i].message_start));
    }
}

/* The store's batch, which imports rely on, keeps nothing when one change in it fails. */
static void
test_store_batch_is_atomic (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) additions = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) updates = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(MadoPhrase) edit = get_phrase (fixture->store, "demo.first.003");
  g_autoptr(MadoPhrase) after = NULL;
  MadoPhrase *good = mado_phrase_new (NULL, "demo", "first");
  MadoPhrase *orphan = mado_phrase_new (NULL, "demo", "no-such-genre");
  g_autoptr(GError) error = NULL;

  mado_phrase_set_text (edit, "en", "Changed in a batch that fails.");
  g_ptr_array_add (updates, g_object_ref (edit));
  mado_phrase_set_text (good, "ja", "正しい文です。");
  mado_phrase_set_text (orphan, "ja", "居場所のない文です。");
  g_ptr_array_add (additions, good);
  g_ptr_array_add (additions, orphan);

  g_assert_false (mado_phrase_store_apply_changes (fixture->store, additions, updates, &error));
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_NOT_FOUND);

  after = get_phrase (fixture->store, "demo.first.003");
  g_assert_cmpint (mado_phrase_get_origin (after), ==, MADO_PHRASE_ORIGIN_SHIPPED);
  g_assert_cmpstr (mado_phrase_get_text (after, "en"), !=, "Changed in a batch that fails.");
  g_assert_cmpuint (mado_phrase_store_count_phrases (fixture->store), ==, 6);
}

static void
test_format_names (void)
{
  MadoExchangeFormat format = MADO_EXCHANGE_FORMAT_JSON;

  g_assert_true (mado_exchange_format_from_path ("/tmp/book.CSV", &format));
  g_assert_cmpint (format, ==, MADO_EXCHANGE_FORMAT_CSV);
  g_assert_true (mado_exchange_format_from_path ("book.json", &format));
  g_assert_cmpint (format, ==, MADO_EXCHANGE_FORMAT_JSON);
  g_assert_false (mado_exchange_format_from_path ("book.xlsx", &format));
  g_assert_false (mado_exchange_format_from_path ("folder.csv/book", &format));
  g_assert_true (mado_exchange_format_from_name ("csv", &format));
  g_assert_cmpstr (mado_exchange_format_to_name (format), ==, "csv");
  g_assert_false (mado_exchange_format_from_name ("xml", &format));
}

#define add_exchange_test(path, func) \
  g_test_add ("/madoguchi/exchange/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  add_exchange_test ("csv-round-trip", test_csv_round_trip);
  add_exchange_test ("json-round-trip", test_json_round_trip);
  add_exchange_test ("csv-layout", test_csv_layout);
  add_exchange_test ("import-edits-survive-reseed", test_import_edits_survive_reseed);
  add_exchange_test ("partial-columns", test_partial_columns);
  add_exchange_test ("bad-row-changes-nothing", test_bad_row_changes_nothing);
  add_exchange_test ("row-problems", test_row_problems);
  add_exchange_test ("second-import-adds-nothing", test_second_import_adds_nothing);
  add_exchange_test ("json-problems", test_json_problems);
  add_exchange_test ("store-batch-is-atomic", test_store_batch_is_atomic);
  g_test_add_func ("/madoguchi/exchange/format-names", test_format_names);

  return g_test_run ();
}

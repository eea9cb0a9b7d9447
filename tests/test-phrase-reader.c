/* test-phrase-reader.c: reading and checking the phrase files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The broken files under tests/data/phrases-broken/broken/ are copies of one good genre file with
 * three phrases (001 on line 18, 002 on line 35, 003 on line 52; each <t> indented by four spaces,
 * each <phrase> by two), where phrase 002 or the root element carries exactly one fault.
 */
#include "mado-phrase-reader.h"

#include <glib/gstdio.h>
#include <string.h>

#include "mado-language.h"

static char *
broken_path (const char *first,
             ...)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  const char *part;
  va_list args;

  g_ptr_array_add (parts, (gpointer) g_getenv ("MADOGUCHI_TEST_DATA"));
  g_ptr_array_add (parts, (gpointer) "phrases-broken");
  va_start (args, first);
  for (part = first; part != NULL; part = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer) part);
  va_end (args);
  g_ptr_array_add (parts, NULL);

  return g_build_filenamev ((char **) parts->pdata);
}

static void
print_diagnostics (MadoPhraseReader *reader)
{
  GPtrArray *diagnostics = mado_phrase_reader_get_diagnostics (reader);

  for (guint i = 0; i < diagnostics->len; i++)
    {
      g_autofree char *text = mado_diagnostic_to_string (g_ptr_array_index (diagnostics, i));

      g_test_message ("%s", text);
    }
}

static void
assert_diagnostic (MadoDiagnostic *diagnostic,
                   const char     *file_suffix,
                   int             code,
                   guint           line,
                   guint           column)
{
  g_assert_nonnull (diagnostic);
  g_assert_true (g_str_has_suffix (diagnostic->file, file_suffix));
  g_assert_true (mado_diagnostic_matches (diagnostic, MADO_PHRASE_FILE_ERROR, code));
  g_assert_cmpuint (diagnostic->line, ==, line);
  if (column > 0)
    g_assert_cmpuint (diagnostic->column, ==, column);
}

static gboolean
set_has_phrase (MadoPhraseSet *set,
                const char    *id)
{
  GPtrArray *phrases = mado_phrase_set_get_phrases (set);

  for (guint i = 0; i < phrases->len; i++)
    if (g_strcmp0 (mado_phrase_get_id (g_ptr_array_index (phrases, i)), id) == 0)
      return TRUE;

  return FALSE;
}

/* A phrase with one fault is skipped and reported at the right place; the rest of the file stays. */
static void
test_phrase_faults (void)
{
  static const struct {
    const char *genre;
    int         code;
    guint       line;
    guint       column;
  } cases[] = {
    { "unknown-language", MADO_PHRASE_FILE_ERROR_UNKNOWN_LANGUAGE, 51, 5 },
    { "duplicate-id", MADO_PHRASE_FILE_ERROR_DUPLICATE_ID, 52, 3 },
    { "empty-text", MADO_PHRASE_FILE_ERROR_EMPTY_TEXT, 44, 5 },
    { "missing-language", MADO_PHRASE_FILE_ERROR_MISSING_LANGUAGE, 35, 3 },
    { "kanji-without-reading", MADO_PHRASE_FILE_ERROR_KANJI_WITHOUT_READING, 37, 5 },
    { "zawgyi", MADO_PHRASE_FILE_ERROR_ZAWGYI, 45, 5 },
    { "duplicate-language", MADO_PHRASE_FILE_ERROR_DUPLICATE_LANGUAGE, 39, 5 },
    { "unknown-element", MADO_PHRASE_FILE_ERROR_UNKNOWN_ELEMENT, 51, 5 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *file = g_strdup_printf ("%s.xml", cases[i].genre);
      g_autofree char *path = broken_path ("broken", file, NULL);
      g_autofree char *suffix = g_build_filename ("broken", file, NULL);
      g_autofree char *first = g_strdup_printf ("broken.%s.001", cases[i].genre);
      g_autofree char *second = g_strdup_printf ("broken.%s.002", cases[i].genre);
      g_autofree char *third = g_strdup_printf ("broken.%s.003", cases[i].genre);
      g_autoptr(MadoPhraseReader) reader = mado_phrase_reader_new ();
      g_autoptr(MadoPhraseSet) set = NULL;
      g_autoptr(GError) error = NULL;
      GPtrArray *diagnostics;

      g_test_message ("%s", path);
      set = mado_phrase_reader_read_file (reader, path, &error);
      print_diagnostics (reader);
      g_assert_no_error (error);
      g_assert_nonnull (set);

      diagnostics = mado_phrase_reader_get_diagnostics (reader);
      g_assert_cmpuint (diagnostics->len, ==, 1);
      assert_diagnostic (g_ptr_array_index (diagnostics, 0), suffix,
                         cases[i].code, cases[i].line, cases[i].column);

      /* Phrase 002 is the faulty one, except in duplicate-id where 003 reuses the id 001. */
      g_assert_cmpuint (mado_phrase_set_get_phrases (set)->len, ==, 2);
      g_assert_true (set_has_phrase (set, first));
      if (cases[i].code == MADO_PHRASE_FILE_ERROR_DUPLICATE_ID)
        g_assert_true (set_has_phrase (set, second) && !set_has_phrase (set, third));
      else
        g_assert_true (!set_has_phrase (set, second) && set_has_phrase (set, third));
    }
}

/* A file that is not well-formed, or names the wrong set or genre, is refused whole. */
static void
test_file_faults (void)
{
  static const struct {
    const char *folder;
    const char *file;
    int         code;
    guint       line;
    guint       column;
  } cases[] = {
    { "broken", "malformed.xml", MADO_PHRASE_FILE_ERROR_SYNTAX, 38, 0 },
    { "broken", "truncated.xml", MADO_PHRASE_FILE_ERROR_SYNTAX, 45, 0 },
    { "broken", "genre-mismatch.xml", MADO_PHRASE_FILE_ERROR_ID_MISMATCH, 2, 1 },
    { "broken", "set-mismatch.xml", MADO_PHRASE_FILE_ERROR_ID_MISMATCH, 2, 1 },
    { "bad-version", "set.xml", MADO_PHRASE_FILE_ERROR_BAD_VERSION, 2, 1 },
    { "wrong-folder", "set.xml", MADO_PHRASE_FILE_ERROR_ID_MISMATCH, 2, 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = broken_path (cases[i].folder, cases[i].file, NULL);
      g_autofree char *suffix = g_build_filename (cases[i].folder, cases[i].file, NULL);
      g_autoptr(MadoPhraseReader) reader = mado_phrase_reader_new ();
      g_autoptr(MadoPhraseSet) set = NULL;
      g_autoptr(GError) error = NULL;
      GPtrArray *diagnostics;

      g_test_message ("%s", path);
      set = mado_phrase_reader_read_file (reader, path, &error);
      print_diagnostics (reader);
      g_assert_null (set);
      g_assert_error (error, MADO_PHRASE_FILE_ERROR, cases[i].code);

      diagnostics = mado_phrase_reader_get_diagnostics (reader);
      g_assert_cmpuint (diagnostics->len, ==, 1);
      assert_diagnostic (g_ptr_array_index (diagnostics, 0), suffix,
                         cases[i].code, cases[i].line, cases[i].column);
    }
}

/* Problems of form are reported without losing the phrase. */
static void
test_unknown_attribute_keeps_phrase (void)
{
  g_autofree char *path = broken_path ("broken", "unknown-attribute.xml", NULL);
  g_autoptr(MadoPhraseReader) reader = mado_phrase_reader_new ();
  g_autoptr(MadoPhraseSet) set = mado_phrase_reader_read_file (reader, path, NULL);
  GPtrArray *diagnostics = mado_phrase_reader_get_diagnostics (reader);

  g_assert_nonnull (set);
  g_assert_cmpuint (diagnostics->len, ==, 1);
  assert_diagnostic (g_ptr_array_index (diagnostics, 0), "unknown-attribute.xml",
                     MADO_PHRASE_FILE_ERROR_UNKNOWN_ATTRIBUTE, 35, 3);
  g_assert_cmpuint (mado_phrase_set_get_phrases (set)->len, ==, 3);
}

static void
test_good_file_content (void)
{
  g_autofree char *path = broken_path ("broken", "good.xml", NULL);
  g_autoptr(MadoPhraseReader) reader = mado_phrase_reader_new ();
  g_autoptr(MadoPhraseSet) set = mado_phrase_reader_read_file (reader, path, NULL);
  g_auto(GStrv) languages = NULL;
  MadoPhrase *phrase;
  MadoGenre *genre;

  g_assert_nonnull (set);
  g_assert_cmpuint (mado_phrase_reader_get_diagnostics (reader)->len, ==, 0);
  g_assert_cmpstr (mado_phrase_set_get_id (set), ==, "broken");
  g_assert_cmpuint (mado_phrase_set_get_version (set), ==, 0);

  g_assert_cmpuint (mado_phrase_set_get_genres (set)->len, ==, 1);
  genre = g_ptr_array_index (mado_phrase_set_get_genres (set), 0);
  g_assert_cmpstr (mado_genre_get_id (genre), ==, "good");
  g_assert_cmpstr (mado_genre_get_set_id (genre), ==, "broken");
  g_assert_cmpint (mado_genre_get_order (genre), ==, 10);
  g_assert_cmpint (mado_genre_get_review (genre), ==, MADO_REVIEW_NEEDS_NATIVE_REVIEW);
  g_assert_cmpstr (mado_genre_get_name (genre, "ja"), ==, "欠席・遅刻");
  g_assert_cmpstr (mado_genre_get_name (genre, "en"), ==, "Absence and lateness");

  g_assert_cmpuint (mado_phrase_set_get_phrases (set)->len, ==, 3);
  phrase = g_ptr_array_index (mado_phrase_set_get_phrases (set), 1);
  g_assert_cmpstr (mado_phrase_get_id (phrase), ==, "broken.good.002");
  g_assert_cmpstr (mado_phrase_get_set_id (phrase), ==, "broken");
  g_assert_cmpstr (mado_phrase_get_genre_id (phrase), ==, "good");
  g_assert_cmpint (mado_phrase_get_speaker (phrase), ==, MADO_SPEAKER_STAFF);
  g_assert_cmpint (mado_phrase_get_origin (phrase), ==, MADO_PHRASE_ORIGIN_SHIPPED);
  g_assert_cmpuint (mado_phrase_get_source_line (phrase), ==, 35);
  g_assert_cmpstr (mado_phrase_get_text (phrase, "en"), ==,
                   "Could you tell me the reason for the absence? Is your child sick, or is it a family matter?");
  g_assert_cmpstr (mado_phrase_get_text (phrase, "ja"), ==,
                   "お休みの理由を教えてください。病気ですか、それとも家の用事ですか。");
  languages = mado_phrase_dup_languages (phrase);
  g_assert_cmpuint (g_strv_length (languages), ==, 15);
}

/* The whole broken tree: only the set with a usable set.xml comes back, marked incomplete because
 * files of it were dropped, with the phrases of every file that could be used. */
static void
test_broken_tree (void)
{
  static const struct {
    const char *file;
    int         code;
    guint       line;
  } expected[] = {
    { "bad-version/set.xml", MADO_PHRASE_FILE_ERROR_BAD_VERSION, 2 },
    { "broken/duplicate-id.xml", MADO_PHRASE_FILE_ERROR_DUPLICATE_ID, 52 },
    { "broken/duplicate-language.xml", MADO_PHRASE_FILE_ERROR_DUPLICATE_LANGUAGE, 39 },
    { "broken/empty-text.xml", MADO_PHRASE_FILE_ERROR_EMPTY_TEXT, 44 },
    { "broken/genre-mismatch.xml", MADO_PHRASE_FILE_ERROR_ID_MISMATCH, 2 },
    { "broken/kanji-without-reading.xml", MADO_PHRASE_FILE_ERROR_KANJI_WITHOUT_READING, 37 },
    { "broken/malformed.xml", MADO_PHRASE_FILE_ERROR_SYNTAX, 38 },
    { "broken/missing-language.xml", MADO_PHRASE_FILE_ERROR_MISSING_LANGUAGE, 35 },
    { "broken/set-mismatch.xml", MADO_PHRASE_FILE_ERROR_ID_MISMATCH, 2 },
    { "broken/truncated.xml", MADO_PHRASE_FILE_ERROR_SYNTAX, 45 },
    { "broken/unknown-attribute.xml", MADO_PHRASE_FILE_ERROR_UNKNOWN_ATTRIBUTE, 35 },
    { "broken/unknown-element.xml", MADO_PHRASE_FILE_ERROR_UNKNOWN_ELEMENT, 51 },
    { "broken/unknown-language.xml", MADO_PHRASE_FILE_ERROR_UNKNOWN_LANGUAGE, 51 },
    { "broken/zawgyi.xml", MADO_PHRASE_FILE_ERROR_ZAWGYI, 45 },
    { "no-set", MADO_PHRASE_FILE_ERROR_NO_SET_FILE, 0 },
    { "wrong-folder/set.xml", MADO_PHRASE_FILE_ERROR_ID_MISMATCH, 2 },
  };
  g_autofree char *dir = broken_path (NULL);
  g_autoptr(MadoPhraseReader) reader = mado_phrase_reader_new ();
  g_autoptr(GPtrArray) sets = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *diagnostics;
  MadoPhraseSet *set;

  sets = mado_phrase_reader_read_tree (reader, dir, &error);
  print_diagnostics (reader);
  g_assert_no_error (error);

  g_assert_cmpuint (sets->len, ==, 1);
  set = g_ptr_array_index (sets, 0);
  g_assert_cmpstr (mado_phrase_set_get_id (set), ==, "broken");
  g_assert_cmpuint (mado_phrase_set_get_version (set), ==, 1);
  g_assert_false (mado_phrase_set_get_complete (set));
  g_assert_cmpstr (mado_phrase_set_get_name (set, "en"), ==, "School");

  /* good (3), unknown-attribute (3) and eight files that each lost phrase 002 (2 each). */
  g_assert_cmpuint (mado_phrase_set_get_genres (set)->len, ==, 10);
  g_assert_cmpuint (mado_phrase_set_get_phrases (set)->len, ==, 3 + 3 + 8 * 2);

  diagnostics = mado_phrase_reader_get_diagnostics (reader);
  g_assert_cmpuint (diagnostics->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *suffix = g_build_filename ("phrases-broken", expected[i].file, NULL);

      assert_diagnostic (g_ptr_array_index (diagnostics, i), suffix, expected[i].code, expected[i].line, 0);
    }

  mado_phrase_reader_clear_diagnostics (reader);
  g_assert_cmpuint (diagnostics->len, ==, 0);
}

static guint
count_occurrences (const char *haystack,
                   const char *needle)
{
  guint count = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    count++;

  return count;
}

/* The shipped tree reads without a single problem, and each set holds exactly the phrases its
 * files hold (counted here by plain text search, independently of the reader). */
static void
test_shipped_tree (void)
{
  g_autofree char *dir = mado_phrase_reader_default_dir ();
  g_autoptr(MadoPhraseReader) reader = mado_phrase_reader_new ();
  g_autoptr(GPtrArray) sets = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) handle = NULL;
  const char *name;
  guint n_folders = 0;

  g_assert_cmpstr (dir, ==, g_getenv ("MADOGUCHI_PHRASE_DIR"));
  sets = mado_phrase_reader_read_tree (reader, dir, &error);
  print_diagnostics (reader);
  g_assert_no_error (error);
  g_assert_cmpuint (mado_phrase_reader_get_diagnostics (reader)->len, ==, 0);

  handle = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *folder = g_build_filename (dir, name, NULL);
      g_autoptr(GDir) files = NULL;
      MadoPhraseSet *set = NULL;
      const char *file;
      guint n_genres = 0, n_phrases = 0;

      if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
        continue;
      n_folders++;

      for (guint i = 0; i < sets->len; i++)
        if (g_strcmp0 (mado_phrase_set_get_id (g_ptr_array_index (sets, i)), name) == 0)
          set = g_ptr_array_index (sets, i);
      g_assert_nonnull (set);
      g_assert_true (mado_phrase_set_get_complete (set));
      g_assert_cmpuint (mado_phrase_set_get_version (set), >=, 1);

      files = g_dir_open (folder, 0, &error);
      g_assert_no_error (error);
      while ((file = g_dir_read_name (files)) != NULL)
        {
          g_autofree char *path = g_build_filename (folder, file, NULL);
          g_autofree char *contents = NULL;

          if (!g_str_has_suffix (file, ".xml") || strcmp (file, "set.xml") == 0)
            continue;
          g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
          n_genres++;
          n_phrases += count_occurrences (contents, "<phrase ");
        }

      g_test_message ("%s: %u genres, %u phrases", name, n_genres, n_phrases);
      g_assert_cmpuint (mado_phrase_set_get_genres (set)->len, ==, n_genres);
      g_assert_cmpuint (mado_phrase_set_get_phrases (set)->len, ==, n_phrases);

      for (guint i = 0; i < mado_phrase_set_get_phrases (set)->len; i++)
        {
          g_auto(GStrv) languages = mado_phrase_dup_languages (g_ptr_array_index (mado_phrase_set_get_phrases (set), i));
          guint n_all;

          mado_language_get_all (&n_all);
          g_assert_cmpuint (g_strv_length (languages), ==, n_all);
        }
    }

  g_assert_cmpuint (sets->len, ==, n_folders);
  g_assert_cmpuint (n_folders, >=, 3);
}

static void
read_tree_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GPtrArray **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = mado_phrase_reader_read_tree_finish (MADO_PHRASE_READER (source), result, &error);
  g_assert_no_error (error);
}

static void
test_read_tree_async (void)
{
  g_autofree char *dir = broken_path (NULL);
  g_autoptr(MadoPhraseReader) reader = mado_phrase_reader_new ();
  g_autoptr(GPtrArray) sets = NULL;

  mado_phrase_reader_read_tree_async (reader, dir, NULL, read_tree_cb, &sets);
  while (sets == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (sets->len, ==, 1);
  g_assert_cmpuint (mado_phrase_set_get_phrases (g_ptr_array_index (sets, 0))->len, ==, 22);
  g_assert_cmpuint (mado_phrase_reader_get_diagnostics (reader)->len, ==, 16);
}

/* Files saved on Windows: a byte order mark and CRLF line ends change nothing, including the line
 * numbers; a file in Shift_JIS is refused at the line where the first such byte is. */
static void
test_windows_files (void)
{
  g_autofree char *source = broken_path ("broken", "empty-text.xml", NULL);
  g_autofree char *tmp = g_dir_make_tmp ("madoguchi-reader-XXXXXX", NULL);
  g_autofree char *folder = g_build_filename (tmp, "broken", NULL);
  g_autofree char *crlf_path = g_build_filename (folder, "empty-text.xml", NULL);
  g_autofree char *sjis_path = g_build_filename (folder, "sjis.xml", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *crlf = NULL;
  g_autoptr(MadoPhraseReader) reader = mado_phrase_reader_new ();
  g_autoptr(MadoPhraseSet) set = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *diagnostics;
  const char *sjis = "<?xml version=\"1.0\"?>\n<genre set=\"broken\" id=\"sjis\" order=\"1\" "
                     "review=\"needs-native-review\">\n  <name lang=\"ja\">\x93\xfa\x96\x7b</name>\n</genre>\n";

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_true (g_file_get_contents (source, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  joined = g_strjoinv ("\r\n", lines);
  crlf = g_strconcat ("\xEF\xBB\xBF", joined, NULL);
  g_assert_true (g_file_set_contents (crlf_path, crlf, -1, NULL));
  g_assert_true (g_file_set_contents (sjis_path, sjis, -1, NULL));

  set = mado_phrase_reader_read_file (reader, crlf_path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mado_phrase_set_get_phrases (set)->len, ==, 2);
  diagnostics = mado_phrase_reader_get_diagnostics (reader);
  g_assert_cmpuint (diagnostics->len, ==, 1);
  assert_diagnostic (g_ptr_array_index (diagnostics, 0), "empty-text.xml", MADO_PHRASE_FILE_ERROR_EMPTY_TEXT, 44, 5);

  g_clear_object (&set);
  set = mado_phrase_reader_read_file (reader, sjis_path, &error);
  g_assert_null (set);
  g_assert_error (error, MADO_PHRASE_FILE_ERROR, MADO_PHRASE_FILE_ERROR_SYNTAX);
  g_assert_cmpuint (diagnostics->len, ==, 2);
  assert_diagnostic (g_ptr_array_index (diagnostics, 1), "sjis.xml", MADO_PHRASE_FILE_ERROR_SYNTAX, 3, 19);

  g_assert_cmpint (g_remove (crlf_path), ==, 0);
  g_assert_cmpint (g_remove (sjis_path), ==, 0);
  g_assert_cmpint (g_rmdir (folder), ==, 0);
  g_assert_cmpint (g_rmdir (tmp), ==, 0);
}

static void
test_unreadable_places (void)
{
  g_autoptr(MadoPhraseReader) reader = mado_phrase_reader_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *missing_file = broken_path ("broken", "no-such-genre.xml", NULL);
  g_autofree char *missing_dir = broken_path ("no-such-folder", NULL);
  g_autofree char *not_xml = broken_path ("broken", "notes.txt", NULL);
  MadoPhraseSet *set;
  GPtrArray *sets;

  set = mado_phrase_reader_read_file (reader, missing_file, &error);
  g_assert_null (set);
  g_assert_error (error, MADO_PHRASE_FILE_ERROR, MADO_PHRASE_FILE_ERROR_IO);
  g_clear_error (&error);

  set = mado_phrase_reader_read_file (reader, not_xml, &error);
  g_assert_null (set);
  g_assert_error (error, MADO_PHRASE_FILE_ERROR, MADO_PHRASE_FILE_ERROR_BAD_ID);
  g_clear_error (&error);
  g_assert_cmpuint (mado_phrase_reader_get_diagnostics (reader)->len, ==, 2);

  sets = mado_phrase_reader_read_tree (reader, missing_dir, &error);
  g_assert_null (sets);
  g_assert_error (error, MADO_PHRASE_FILE_ERROR, MADO_PHRASE_FILE_ERROR_IO);
}

static void
test_default_dir (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("MADOGUCHI_PHRASE_DIR"));
  g_autofree char *overridden = NULL;
  g_autofree char *fallback = NULL;
  const char *expected;

  g_setenv ("MADOGUCHI_PHRASE_DIR", "/srv/city/phrases", TRUE);
  overridden = mado_phrase_reader_default_dir ();
  g_assert_cmpstr (overridden, ==, "/srv/city/phrases");

  g_unsetenv ("MADOGUCHI_PHRASE_DIR");
  fallback = mado_phrase_reader_default_dir ();
  expected = g_file_test (PKGDATADIR "/phrases", G_FILE_TEST_IS_DIR) ? PKGDATADIR "/phrases" : SOURCE_PHRASEDIR;
  g_assert_cmpstr (fallback, ==, expected);

  g_setenv ("MADOGUCHI_PHRASE_DIR", saved, TRUE);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/madoguchi/phrase-reader/phrase-faults", test_phrase_faults);
  g_test_add_func ("/madoguchi/phrase-reader/file-faults", test_file_faults);
  g_test_add_func ("/madoguchi/phrase-reader/unknown-attribute-keeps-phrase", test_unknown_attribute_keeps_phrase);
  g_test_add_func ("/madoguchi/phrase-reader/good-file-content", test_good_file_content);
  g_test_add_func ("/madoguchi/phrase-reader/broken-tree", test_broken_tree);
  g_test_add_func ("/madoguchi/phrase-reader/shipped-tree", test_shipped_tree);
  g_test_add_func ("/madoguchi/phrase-reader/read-tree-async", test_read_tree_async);
  g_test_add_func ("/madoguchi/phrase-reader/windows-files", test_windows_files);
  g_test_add_func ("/madoguchi/phrase-reader/unreadable-places", test_unreadable_places);
  g_test_add_func ("/madoguchi/phrase-reader/default-dir", test_default_dir);

  return g_test_run ();
}

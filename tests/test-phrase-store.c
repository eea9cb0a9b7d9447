/* test-phrase-store.c: the SQLite phrase store, on real files in a temporary folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-phrase-store.h"
#include "mado-test-utils.h"

#include <sqlite3.h>
#include <string.h>

typedef struct {
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("madoguchi-store-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "phrases.db", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  mado_test_remove_folder (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

/* Phrase data: { id, genre, then language/text pairs, NULL }. */
static const char *const city_hall_v1[][24] = {
  { "city-hall.moving.001", "moving",
    "ja", "転入届を出してください。",
    "ja-x-easy", "{転入届|てんにゅうとどけ}を {出|だ}してください。",
    "en", "Please hand in a moving-in notice.",
    "zh-Hans", "请提交迁入申报。",
    "ko", "전입 신고서를 내 주세요.",
    "vi", "Vui lòng nộp giấy báo chuyển đến.",
    "th", "กรุณายื่นใบแจ้งย้ายเข้า",
    "my", "ပြောင်းရွှေ့လာကြောင်း အကြောင်းကြားစာ တင်ပါ။",
    "ne", "कृपया बसाइँ सराइको सूचना बुझाउनुहोस्।", NULL },
  { "city-hall.moving.002", "moving",
    "ja", "住民票の写しが必要です。",
    "ja-x-easy", "{住民票|じゅうみんひょう}の コピーが {必要|ひつよう}です。",
    "en", "You need a copy of your residence certificate.",
    "zh-Hans", "需要住民票的复印件。",
    "ko", "주민표 사본이 필요합니다.",
    "th", "ต้องใช้สำเนาทะเบียนบ้าน",
    "es", "Necesita una copia del certificado de residencia.", NULL },
  { "city-hall.tax.001", "tax",
    "ja", "税金はこちらで払えます。",
    "en", "You can pay your taxes here.",
    "zh-Hans", "可以在这里缴税。",
    "ko", "세금은 여기에서 낼 수 있습니다.",
    "vi", "Quý vị có thể nộp thuế ở đây.",
    "th", "ชำระภาษีได้ที่นี่",
    "fr", "Vous pouvez payer vos impôts ici.", NULL },
  { "city-hall.tax.002", "tax",
    "ja", "納税証明書は二階の窓口です。",
    "en", "Tax certificates are issued at the second-floor counter.",
    "zh-Hans", "纳税证明在二楼窗口办理。",
    "ko", "납세 증명서는 2층 창구입니다.", NULL },
};

static const char *const city_hall_v2_changes[][24] = {
  { "city-hall.moving.001", "moving",
    "ja", "転入届はこちらに出してください。",
    "en", "Please hand in your moving-in notice here.", NULL },
  { "city-hall.moving.002", "moving",
    "ja", "住民票の写しが要ります。",
    "en", "A copy of the residence certificate is required.", NULL },
  { "city-hall.tax.002", "tax",
    "ja", "納税証明書は三階の窓口です。",
    "en", "Tax certificates are issued at the third-floor counter.", NULL },
  { "city-hall.tax.003", "tax",
    "ja", "固定資産税の相談はこちらです。",
    "en", "Ask about property tax here.", NULL },
};

static const char *const school_v1[][24] = {
  { "school.absence.001", "absence",
    "ja", "学校を休むときは、朝八時までに連絡してください。",
    "ko", "학교를 쉴 때는 아침 8시까지 연락해 주세요.",
    "en", "If your child will be absent from school, please tell us by 8 a.m.",
    "th", "หากบุตรหลานจะหยุดเรียน กรุณาแจ้งก่อน 8 โมงเช้า",
    "my", "ကျောင်းပျက်မည်ဆိုပါက မနက် ၈ နာရီမတိုင်မီ အကြောင်းကြားပါ။",
    "pt-BR", "Se seu filho for faltar à escola, avise até as 8 horas.", NULL },
  { "school.absence.002", "absence",
    "ja", "体操服を持ってきてください。",
    "en", "Please bring gym clothes.",
    "ko", "체육복을 가져와 주세요.",
    "vi", "Hãy mang quần áo thể dục. Có hướng dẫn bằng tiếng Việt.", NULL },
};

static MadoPhrase *
phrase_from_row (const char *set_id,
                 const char *const *row)
{
  MadoPhrase *phrase = mado_phrase_new (row[0], set_id, row[1]);

  for (guint i = 2; row[i] != NULL; i += 2)
    mado_phrase_set_text (phrase, row[i], row[i + 1]);
  return phrase;
}

static void
add_genre (MadoPhraseSet *set,
           const char    *id,
           int            order,
           const char    *japanese,
           const char    *english)
{
  g_autoptr(MadoGenre) genre = mado_genre_new (mado_phrase_set_get_id (set), id, order);

  mado_genre_set_name (genre, "ja", japanese);
  mado_genre_set_name (genre, "en", english);
  mado_phrase_set_add_genre (set, genre);
}

static MadoPhraseSet *
make_city_hall (guint version)
{
  MadoPhraseSet *set = mado_phrase_set_new ("city-hall", version);

  mado_phrase_set_set_name (set, "ja", "市役所");
  mado_phrase_set_set_name (set, "en", "City hall");
  mado_phrase_set_set_name (set, "ko", "시청");
  add_genre (set, "moving", 1, "転入・転出", "Moving");
  add_genre (set, "tax", 2, "税金", version >= 2 ? "Taxes and fees" : "Taxes");

  for (guint i = 0; i < G_N_ELEMENTS (city_hall_v1); i++)
    {
      g_autoptr(MadoPhrase) phrase = phrase_from_row ("city-hall", city_hall_v1[i]);

      for (guint j = 0; version >= 2 && j < G_N_ELEMENTS (city_hall_v2_changes); j++)
        if (strcmp (city_hall_v2_changes[j][0], city_hall_v1[i][0]) == 0)
          for (guint k = 2; city_hall_v2_changes[j][k] != NULL; k += 2)
            mado_phrase_set_text (phrase, city_hall_v2_changes[j][k], city_hall_v2_changes[j][k + 1]);
      mado_phrase_set_add_phrase (set, phrase);
    }

  if (version >= 2)
    {
      g_autoptr(MadoPhrase) added = phrase_from_row ("city-hall", city_hall_v2_changes[3]);
      mado_phrase_set_add_phrase (set, added);
    }

  return set;
}

static MadoPhraseSet *
make_school (guint version)
{
  MadoPhraseSet *set = mado_phrase_set_new ("school", version);

  mado_phrase_set_set_name (set, "ja", "学校");
  mado_phrase_set_set_name (set, "en", "School");
  mado_phrase_set_set_review (set, MADO_REVIEW_NATIVE_REVIEWED);
  add_genre (set, "absence", 1, "欠席・遅刻", "Absence");
  for (guint i = 0; i < G_N_ELEMENTS (school_v1); i++)
    {
      g_autoptr(MadoPhrase) phrase = phrase_from_row ("school", school_v1[i]);
      mado_phrase_set_add_phrase (set, phrase);
    }
  return set;
}

static MadoPhraseStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  MadoPhraseStore *store = mado_phrase_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static void
seed (MadoPhraseStore *store,
      MadoPhraseSet   *set,
      gboolean         expect_written)
{
  g_autoptr(GError) error = NULL;
  gboolean written = !expect_written;

  g_assert_true (mado_phrase_store_seed (store, set, &written, &error));
  g_assert_no_error (error);
  g_assert_cmpint (written, ==, expect_written);
}

static MadoPhraseStore *
open_seeded (const char *path)
{
  MadoPhraseStore *store = open_store (path);
  g_autoptr(MadoPhraseSet) city_hall = make_city_hall (1);
  g_autoptr(MadoPhraseSet) school = make_school (1);

  seed (store, city_hall, TRUE);
  seed (store, school, TRUE);
  return store;
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

static void
assert_no_phrase (MadoPhraseStore *store,
                  const char      *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoPhrase) phrase = mado_phrase_store_get_phrase (store, id, &error);

  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_NOT_FOUND);
  g_assert_null (phrase);
}

/* Checks the ids a search returns, in order; the expected list ends with NULL. */
static void
assert_search (MadoPhraseStore *store,
               const char      *query,
               const char      *set_id,
               guint            limit,
               ...)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = mado_phrase_store_search (store, query, set_id, limit, &error);
  g_autoptr(GString) got = g_string_new (NULL);
  g_autoptr(GString) expected = g_string_new (NULL);
  const char *id;
  va_list args;

  g_assert_no_error (error);
  g_assert_nonnull (results);

  for (guint i = 0; i < results->len; i++)
    g_string_append_printf (got, "%s ", mado_phrase_get_id (results->pdata[i]));

  va_start (args, limit);
  while ((id = va_arg (args, const char *)) != NULL)
    g_string_append_printf (expected, "%s ", id);
  va_end (args);

  if (strcmp (got->str, expected->str) != 0)
    g_error ("search for “%s”: got [%s], expected [%s]", query, got->str, expected->str);
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static int
raw_user_version (const char *path)
{
  sqlite3 *db;
  sqlite3_stmt *statement;
  int version;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &statement, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_ROW);
  version = sqlite3_column_int (statement, 0);
  sqlite3_finalize (statement);
  sqlite3_close (db);
  return version;
}

static char *
raw_journal_mode (const char *path)
{
  sqlite3 *db;
  sqlite3_stmt *statement;
  char *mode;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &statement, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_ROW);
  mode = g_strdup ((const char *) sqlite3_column_text (statement, 0));
  sqlite3_finalize (statement);
  sqlite3_close (db);
  return mode;
}

/* FTS5's own check that the trigram index matches the phrase list it indexes, and that both
 * indexes are well formed, read through a separate connection. */
static void
assert_indexes_intact (const char *path)
{
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO search_trigram (search_trigram, rank)"
                                     " VALUES ('integrity-check', 1)", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO search_short (search_short)"
                                     " VALUES ('integrity-check')", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_migration_fresh (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(MadoPhraseStore) store = open_store (fixture->path);
  int version = mado_phrase_store_get_schema_version (store);
  g_autofree char *mode = NULL;

  g_assert_cmpint (version, >=, 1);
  g_assert_false (mado_phrase_store_is_read_only (store));
  g_assert_cmpstr (mado_phrase_store_get_path (store), ==, fixture->path);
  g_assert_cmpuint (mado_phrase_store_count_phrases (store), ==, 0);
  g_clear_object (&store);

  g_assert_cmpint (raw_user_version (fixture->path), ==, version);
  mode = raw_journal_mode (fixture->path);
  g_assert_cmpstr (mode, ==, "wal");
}

static void
test_migration_reopen (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(MadoPhraseStore) store = open_seeded (fixture->path);
  g_autoptr(MadoPhrase) phrase = NULL;
  int version = mado_phrase_store_get_schema_version (store);

  g_assert_true (mado_phrase_store_set_favourite (store, "city-hall.tax.001", TRUE, NULL));
  g_clear_object (&store);

  store = open_store (fixture->path);
  g_assert_cmpint (mado_phrase_store_get_schema_version (store), ==, version);
  g_assert_cmpuint (mado_phrase_store_count_phrases (store), ==, 6);
  g_assert_cmpuint (mado_phrase_store_get_set_version (store, "city-hall"), ==, 1);
  phrase = get_phrase (store, "city-hall.tax.001");
  g_assert_true (mado_phrase_get_favourite (phrase));
  g_assert_cmpstr (mado_phrase_get_text (phrase, "fr"), ==, "Vous pouvez payer vos impôts ici.");
}

static void
test_migration_too_new (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(MadoPhraseStore) store = open_seeded (fixture->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d",
                                           mado_phrase_store_get_schema_version (store) + 1);
  sqlite3 *db;

  g_clear_object (&store);
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, bump, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  before = read_bytes (fixture->path);
  store = mado_phrase_store_open (fixture->path, &error);
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_TOO_NEW);
  g_assert_null (store);
  g_assert_nonnull (strstr (error->message, fixture->path));

  after = read_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_seed_first (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(MadoPhraseStore) store = open_seeded (fixture->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sets = mado_phrase_store_list_sets (store, &error);
  g_autoptr(GPtrArray) genres = NULL;
  g_autoptr(GPtrArray) phrases = NULL;
  g_autoptr(MadoPhrase) phrase = NULL;
  MadoPhraseSet *city_hall, *school;

  g_assert_no_error (error);
  g_assert_cmpuint (sets->len, ==, 2);
  city_hall = sets->pdata[0];
  school = sets->pdata[1];
  g_assert_cmpstr (mado_phrase_set_get_id (city_hall), ==, "city-hall");
  g_assert_cmpuint (mado_phrase_set_get_version (city_hall), ==, 1);
  g_assert_cmpstr (mado_phrase_set_get_name (city_hall, "ko"), ==, "시청");
  g_assert_cmpstr (mado_phrase_set_get_name (city_hall, "en"), ==, "City hall");
  g_assert_cmpuint (mado_phrase_set_get_phrases (city_hall)->len, ==, 0);
  g_assert_cmpint (mado_phrase_set_get_review (school), ==, MADO_REVIEW_NATIVE_REVIEWED);

  genres = mado_phrase_store_list_genres (store, "city-hall", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (genres->len, ==, 2);
  g_assert_cmpstr (mado_genre_get_id (genres->pdata[0]), ==, "moving");
  g_assert_cmpstr (mado_genre_get_id (genres->pdata[1]), ==, "tax");
  g_assert_cmpstr (mado_genre_get_name (genres->pdata[1], "en"), ==, "Taxes");
  g_assert_cmpstr (mado_genre_get_name (genres->pdata[0], "ja"), ==, "転入・転出");

  phrases = mado_phrase_store_list_phrases (store, "city-hall", "tax", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (phrases->len, ==, 2);
  g_assert_cmpstr (mado_phrase_get_id (phrases->pdata[0]), ==, "city-hall.tax.001");
  g_assert_cmpstr (mado_phrase_get_id (phrases->pdata[1]), ==, "city-hall.tax.002");
  g_clear_pointer (&phrases, g_ptr_array_unref);
  phrases = mado_phrase_store_list_phrases (store, "city-hall", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (phrases->len, ==, 4);

  phrase = get_phrase (store, "city-hall.moving.001");
  g_assert_cmpint (mado_phrase_get_origin (phrase), ==, MADO_PHRASE_ORIGIN_SHIPPED);
  g_assert_cmpstr (mado_phrase_get_set_id (phrase), ==, "city-hall");
  g_assert_cmpstr (mado_phrase_get_genre_id (phrase), ==, "moving");
  g_assert_cmpstr (mado_phrase_get_text (phrase, "my"), ==, "ပြောင်းရွှေ့လာကြောင်း အကြောင်းကြားစာ တင်ပါ။");
  g_assert_cmpstr (mado_phrase_get_text (phrase, "ja-x-easy"), ==,
                   "{転入届|てんにゅうとどけ}を {出|だ}してください。");
  g_assert_null (mado_phrase_get_text (phrase, "es"));
  g_assert_false (mado_phrase_get_favourite (phrase));
  g_assert_cmpuint (mado_phrase_get_use_count (phrase), ==, 0);

  g_assert_cmpuint (mado_phrase_store_count_phrases (store), ==, 6);

  g_clear_pointer (&genres, g_ptr_array_unref);
  genres = mado_phrase_store_list_genres (store, "no-such-set", &error);
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_NOT_FOUND);
  g_assert_null (genres);
}

static void
test_seed_same_version (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(MadoPhraseStore) store = open_seeded (fixture->path);
  g_autoptr(MadoPhraseSet) again = make_city_hall (1);
  g_autoptr(MadoPhrase) phrase = NULL;
  g_autoptr(MadoPhrase) changed = mado_phrase_new ("city-hall.tax.001", "city-hall", "tax");

  /* Same version, different text: a no-op all the same. */
  mado_phrase_set_text (changed, "ja", "別の文です。");
  mado_phrase_set_add_phrase (again, changed);
  seed (store, again, FALSE);

  phrase = get_phrase (store, "city-hall.tax.001");
  g_assert_cmpstr (mado_phrase_get_text (phrase, "ja"), ==, "税金はこちらで払えます。");
  g_assert_cmpuint (mado_phrase_store_get_set_version (store, "city-hall"), ==, 1);
}

static void
test_seed_newer (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(MadoPhraseStore) store = open_seeded (fixture->path);
  g_autoptr(MadoPhraseSet) v2 = make_city_hall (2);
  g_autoptr(MadoPhrase) phrase = NULL;
  g_autoptr(GPtrArray) genres = NULL;

  seed (store, v2, TRUE);
  g_assert_cmpuint (mado_phrase_store_get_set_version (store, "city-hall"), ==, 2);

  phrase = get_phrase (store, "city-hall.tax.002");
  g_assert_cmpstr (mado_phrase_get_text (phrase, "ja"), ==, "納税証明書は三階の窓口です。");
  g_assert_cmpstr (mado_phrase_get_text (phrase, "zh-Hans"), ==, "纳税证明在二楼窗口办理。");
  g_clear_object (&phrase);
  phrase = get_phrase (store, "city-hall.tax.003");
  g_assert_cmpstr (mado_phrase_get_text (phrase, "en"), ==, "Ask about property tax here.");

  genres = mado_phrase_store_list_genres (store, "city-hall", NULL);
  g_assert_cmpstr (mado_genre_get_name (genres->pdata[1], "en"), ==, "Taxes and fees");

  /* The index follows: the old wording is gone, the new one is found. */
  assert_search (store, "二階", NULL, 0, NULL);
  assert_search (store, "三階", NULL, 0, "city-hall.tax.002", NULL);
  assert_search (store, "固定資産", NULL, 0, "city-hall.tax.003", NULL);
  g_assert_cmpuint (mado_phrase_store_count_phrases (store), ==, 7);
}

static void
test_seed_incomplete (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(MadoPhraseStore) store = open_store (fixture->path);
  g_autoptr(MadoPhraseSet) v1 = make_city_hall (1);
  g_autoptr(MadoPhraseSet) v2 = make_city_hall (2);
  g_autoptr(MadoPhrase) phrase = NULL;

  /* With nothing stored, even an incomplete set is better than an empty phrase book. */
  mado_phrase_set_set_complete (v1, FALSE);
  seed (store, v1, TRUE);

  mado_phrase_set_set_complete (v2, FALSE);
  seed (store, v2, FALSE);
  g_assert_cmpuint (mado_phrase_store_get_set_version (store, "city-hall"), ==, 1);
  phrase = get_phrase (store, "city-hall.tax.002");
  g_assert_cmpstr (mado_phrase_get_text (phrase, "ja"), ==, "納税証明書は二階の窓口です。");
  assert_no_phrase (store, "city-hall.tax.003");
}

static void
test_seed_invalid (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(MadoPhraseStore) store = open_seeded (fixture->path);
  g_autoptr(MadoPhraseSet) v2 = make_city_hall (2);
  g_autoptr(MadoPhraseSet) twice = make_school (2);
  g_autoptr(MadoPhrase) stray = mado_phrase_new ("city-hall.lunch.001", "city-hall", "lunch");
  g_autoptr(MadoPhrase) again = mado_phrase_new ("school.absence.001", "school", "absence");
  g_autoptr(MadoPhrase) phrase = NULL;
  g_autoptr(GError) error = NULL;
  gboolean written = TRUE;

  mado_phrase_set_text (stray, "ja", "給食です。");
  mado_phrase_set_source_line (stray, 42);
  mado_phrase_set_add_phrase (v2, stray);
  g_assert_false (mado_phrase_store_seed (store, v2, &written, &error));
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "city-hall.lunch.001"));
  g_assert_nonnull (strstr (error->message, "line 42"));
  g_assert_false (written);
  g_clear_error (&error);

  mado_phrase_set_text (again, "ja", "二度目です。");
  mado_phrase_set_add_phrase (twice, again);
  g_assert_false (mado_phrase_store_seed (store, twice, &written, &error));
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_INVALID);

  /* Nothing of either set was written. */
  g_assert_cmpuint (mado_phrase_store_get_set_version (store, "city-hall"), ==, 1);
  g_assert_cmpuint (mado_phrase_store_get_set_version (store, "school"), ==, 1);
  phrase = get_phrase (store, "city-hall.tax.002");
  g_assert_cmpstr (mado_phrase_get_text (phrase, "ja"), ==, "納税証明書は二階の窓口です。");
}

static MadoPhraseSet *
make_city_hall_without_tax (guint version)
{
  MadoPhraseSet *set = mado_phrase_set_new ("city-hall", version);
  g_autoptr(MadoGenre) moving = mado_genre_new ("city-hall", "moving", 1);
  g_autoptr(MadoPhrase) kept = phrase_from_row ("city-hall", city_hall_v1[0]);

  mado_phrase_set_add_genre (set, moving);
  mado_phrase_set_add_phrase (set, kept);
  return set;
}

static void
test_seed_dropped_genre (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(MadoPhraseStore) store = open_seeded (fixture->path);
  g_autoptr(MadoPhraseSet) v3 = make_city_hall_without_tax (3);
  g_autoptr(MadoPhraseSet) v4 = make_city_hall_without_tax (4);
  g_autoptr(MadoPhrase) local = mado_phrase_new (NULL, "city-hall", "tax");
  g_autoptr(GPtrArray) genres = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  /* While a local phrase is filed under a genre that a newer version drops, the genre stays so
   * that the phrase can still be found in the phrase book. */
  mado_phrase_set_text (local, "ja", "住民税の相談はこちらです。");
  id = mado_phrase_store_add_phrase (store, local, &error);
  g_assert_no_error (error);

  seed (store, v3, TRUE);
  assert_no_phrase (store, "city-hall.tax.001");
  assert_search (store, "税", NULL, 0, id, NULL);
  genres = mado_phrase_store_list_genres (store, "city-hall", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (genres->len, ==, 2);
  g_assert_cmpstr (mado_genre_get_id (genres->pdata[1]), ==, "tax");
  g_assert_cmpstr (mado_genre_get_name (genres->pdata[1], "en"), ==, "Taxes");
  g_clear_pointer (&genres, g_ptr_array_unref);

  /* Once nothing uses it, the next version that leaves it out removes it. */
  g_assert_true (mado_phrase_store_delete_phrase (store, id, &error));
  g_assert_no_error (error);
  seed (store, v4, TRUE);
  genres = mado_phrase_store_list_genres (store, "city-hall", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (genres->len, ==, 1);
  g_assert_cmpstr (mado_genre_get_id (genres->pdata[0]), ==, "moving");
}

static void
test_edits_survive_reseed (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(MadoPhraseStore) store = open_seeded (fixture->path);
  g_autoptr(MadoPhraseSet) v2 = make_city_hall (2);
  g_autoptr(MadoPhrase) edited = get_phrase (store, "city-hall.moving.002");
  g_autoptr(MadoPhrase) local = mado_phrase_new (NULL, "city-hall", "tax");
  g_autoptr(MadoPhrase) phrase = NULL;
  g_autoptr(GPtrArray) favourites = NULL;
  g_autoptr(GPtrArray) tax = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *local_id = NULL;
  g_autofree char *second_id = NULL;

  mado_phrase_set_text (edited, "ja", "住民票の写しは窓口で受け取れます。");
  g_assert_true (mado_phrase_store_update_phrase (store, edited, &error));
  g_assert_no_error (error);

  mado_phrase_set_text (local, "ja", "マイナンバーカードを見せてください。");
  mado_phrase_set_text (local, "en", "Please show your My Number card.");
  local_id = mado_phrase_store_add_phrase (store, local, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (local_id, ==, "local.tax.1");

  g_assert_true (mado_phrase_store_delete_phrase (store, "city-hall.tax.002", &error));
  g_assert_no_error (error);
  assert_no_phrase (store, "city-hall.tax.002");

  g_assert_true (mado_phrase_store_set_favourite (store, "city-hall.tax.001", TRUE, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_true (mado_phrase_store_record_use (store, "city-hall.moving.001", i == 2 ? "ko" : "en", &error));
      g_assert_no_error (error);
    }

  seed (store, v2, TRUE);

  phrase = get_phrase (store, "city-hall.moving.002");
  g_assert_cmpint (mado_phrase_get_origin (phrase), ==, MADO_PHRASE_ORIGIN_EDITED);
  g_assert_cmpstr (mado_phrase_get_text (phrase, "ja"), ==, "住民票の写しは窓口で受け取れます。");
  g_assert_cmpstr (mado_phrase_get_text (phrase, "en"), ==, "You need a copy of your residence certificate.");
  g_clear_object (&phrase);

  phrase = get_phrase (store, "local.tax.1");
  g_assert_cmpint (mado_phrase_get_origin (phrase), ==, MADO_PHRASE_ORIGIN_LOCAL);
  g_assert_cmpstr (mado_phrase_get_text (phrase, "en"), ==, "Please show your My Number card.");
  g_clear_object (&phrase);

  assert_no_phrase (store, "city-hall.tax.002");

  phrase = get_phrase (store, "city-hall.tax.001");
  g_assert_true (mado_phrase_get_favourite (phrase));
  g_clear_object (&phrase);

  phrase = get_phrase (store, "city-hall.moving.001");
  g_assert_cmpuint (mado_phrase_get_use_count (phrase), ==, 3);
  g_assert_cmpint (mado_phrase_get_origin (phrase), ==, MADO_PHRASE_ORIGIN_SHIPPED);
  g_assert_cmpstr (mado_phrase_get_text (phrase, "ja"), ==, "転入届はこちらに出してください。");
  g_clear_object (&phrase);

  phrase = get_phrase (store, "city-hall.tax.003");
  g_assert_cmpint (mado_phrase_get_origin (phrase), ==, MADO_PHRASE_ORIGIN_SHIPPED);

  /* v2 has five shipped phrases, one of them hidden, plus the local one and school's two. */
  g_assert_cmpuint (mado_phrase_store_count_phrases (store), ==, 7);

  assert_search (store, "窓口で受け取れ", NULL, 0, "city-hall.moving.002", NULL);
  assert_search (store, "写しが必要", NULL, 0, NULL);
  assert_search (store, "要ります", NULL, 0, NULL);
  assert_search (store, "納税証明", NULL, 0, NULL);
  assert_search (store, "マイナンバー", NULL, 0, "local.tax.1", NULL);
  assert_search (store, "マ", NULL, 0, "local.tax.1", NULL);
  assert_indexes_intact (fixture->path);

  favourites = mado_phrase_store_list_favourites (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (favourites->len, ==, 1);
  g_assert_cmpstr (mado_phrase_get_id (favourites->pdata[0]), ==, "city-hall.tax.001");

  tax = mado_phrase_store_list_phrases (store, "city-hall", "tax", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tax->len, ==, 3);
  g_assert_cmpstr (mado_phrase_get_id (tax->pdata[0]), ==, "city-hall.tax.001");
  g_assert_cmpstr (mado_phrase_get_id (tax->pdata[1]), ==, "city-hall.tax.003");
  g_assert_cmpstr (mado_phrase_get_id (tax->pdata[2]), ==, "local.tax.1");

  /* Local numbers are never handed out twice, even after a deletion. */
  g_assert_true (mado_phrase_store_delete_phrase (store, "local.tax.1", &error));
  g_assert_no_error (error);
  assert_no_phrase (store, "local.tax.1");
  assert_search (store, "マイナンバー", NULL, 0, NULL);
  assert_search (store, "マ", NULL, 0, NULL);
  second_id = mado_phrase_store_add_phrase (store, local, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (second_id, ==, "local.tax.2");
  assert_search (store, "マ", NULL, 0, "local.tax.2", NULL);
  assert_indexes_intact (fixture->path);
}

static void
test_local_phrase_rules (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(MadoPhraseStore) store = open_seeded (fixture->path);
  g_autoptr(MadoPhrase) in_school = mado_phrase_new (NULL, "school", "absence");
  g_autoptr(MadoPhrase) no_genre = mado_phrase_new (NULL, "school", "lunch");
  g_autoptr(MadoPhrase) no_japanese = mado_phrase_new (NULL, "school", "absence");
  g_autoptr(MadoPhrase) bad_ruby = mado_phrase_new (NULL, "school", "absence");
  g_autoptr(MadoPhrase) moved = NULL;
  g_autoptr(GPtrArray) absence = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  char *refused;

  mado_phrase_set_text (in_school, "ja", "熱があるので休みます。");
  mado_phrase_set_text (in_school, "th", "มีไข้ จึงขอหยุดเรียน");
  id = mado_phrase_store_add_phrase (store, in_school, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (id, ==, "local.absence.1");
  absence = mado_phrase_store_list_phrases (store, "school", "absence", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (absence->len, ==, 3);
  g_assert_cmpstr (mado_phrase_get_id (absence->pdata[0]), ==, "local.absence.1");
  assert_search (store, "ไข้", NULL, 0, "local.absence.1", NULL);
  assert_search (store, "ไข", NULL, 0, "local.absence.1", NULL);

  /* A local phrase may move to a genre of another set. */
  moved = mado_phrase_new ("local.absence.1", "city-hall", "moving");
  mado_phrase_set_text (moved, "ja", "熱があるので後で来ます。");
  g_assert_true (mado_phrase_store_update_phrase (store, moved, &error));
  g_assert_no_error (error);
  g_clear_object (&moved);
  moved = get_phrase (store, "local.absence.1");
  g_assert_cmpstr (mado_phrase_get_set_id (moved), ==, "city-hall");
  g_assert_null (mado_phrase_get_text (moved, "th"));
  assert_search (store, "ไข้", NULL, 0, NULL);
  assert_search (store, "ไข", NULL, 0, NULL);
  assert_search (store, "後で来", "city-hall", 0, "local.absence.1", NULL);

  mado_phrase_set_text (no_genre, "ja", "給食について");
  refused = mado_phrase_store_add_phrase (store, no_genre, &error);
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_NOT_FOUND);
  g_assert_null (refused);
  g_clear_error (&error);

  mado_phrase_set_text (no_japanese, "en", "English only");
  refused = mado_phrase_store_add_phrase (store, no_japanese, &error);
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_INVALID);
  g_assert_null (refused);
  g_clear_error (&error);

  mado_phrase_set_text (bad_ruby, "ja", "休みます。");
  mado_phrase_set_text (bad_ruby, "ja-x-easy", "{休|やす}みます。{明日|");
  refused = mado_phrase_store_add_phrase (store, bad_ruby, &error);
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_INVALID);
  g_assert_null (refused);
  g_clear_error (&error);

  g_assert_false (mado_phrase_store_record_use (store, "school.absence.001", "xx-unknown", &error));
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (mado_phrase_store_set_favourite (store, "school.absence.999", TRUE, &error));
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (mado_phrase_store_delete_phrase (store, "school.absence.999", &error));
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_NOT_FOUND);
}

static void
test_search_scripts (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(MadoPhraseStore) store = open_seeded (fixture->path);

  /* One and two characters in Chinese, Japanese and Korean. */
  assert_search (store, "住民", NULL, 0, "city-hall.moving.002", NULL);
  assert_search (store, "税", NULL, 0, "city-hall.tax.001", "city-hall.tax.002", NULL);
  assert_search (store, "休", NULL, 0, "school.absence.001", NULL);
  assert_search (store, "학교", NULL, 0, "school.absence.001", NULL);
  assert_search (store, "학", NULL, 0, "school.absence.001", NULL);
  assert_search (store, "缴税", NULL, 0, "city-hall.tax.001", NULL);

  /* Thai: two characters (ภา of ภาษี), and longer. */
  assert_search (store, "ภา", NULL, 0, "city-hall.tax.001", NULL);
  assert_search (store, "ทะเบียนบ้าน", NULL, 0, "city-hall.moving.002", NULL);

  /* Burmese and Nepali. */
  assert_search (store, "ကျောင်း", NULL, 0, "school.absence.001", NULL);
  assert_search (store, "सूचना", NULL, 0, "city-hall.moving.001", NULL);

  /* Latin: case, diacritics and full-width forms do not matter. */
  assert_search (store, "VIỆT", NULL, 0, "school.absence.002", NULL);
  assert_search (store, "viet", NULL, 0, "school.absence.002", NULL);
  assert_search (store, "NOP THUE", NULL, 0, "city-hall.tax.001", NULL);
  assert_search (store, "ＴＡＸ", NULL, 0, "city-hall.tax.001", "city-hall.tax.002", NULL);
  assert_search (store, "IM", NULL, 0, "city-hall.tax.001", NULL);
  assert_search (store, "impots", NULL, 0, "city-hall.tax.001", NULL);

  /* やさしい日本語 by its reading, never by its markup. */
  assert_search (store, "じゅうみんひょう", NULL, 0, "city-hall.moving.002", NULL);
  assert_search (store, "てんにゅう", NULL, 0, "city-hall.moving.001", NULL);
  assert_search (store, "票|じ", NULL, 0, NULL);

  /* A short and a long term together must both match. */
  assert_search (store, "税 here", NULL, 0, "city-hall.tax.001", NULL);
  assert_search (store, "   ", NULL, 0, NULL);
}

static void
test_search_fts_syntax (Fixture       *fixture,
                        gconstpointer  data)
{
  static const char *const noise[] = {
    "\"", "*", "AND", "(", ")", "\"\"\"", "OR NOT", "NEAR(税 住民)", "col:税", "a*b\"(",
    "-", "^", "{", "}", "+", "'", "税 AND OR NOT (", "\"city\" * \"hall\"", "。", "",
  };
  g_autoptr(MadoPhraseStore) store = open_seeded (fixture->path);

  for (guint i = 0; i < G_N_ELEMENTS (noise); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) results = mado_phrase_store_search (store, noise[i], NULL, 10, &error);

      g_assert_no_error (error);
      g_assert_nonnull (results);
    }

  /* Syntax characters around a word are ignored, so the word itself is still found. */
  assert_search (store, "\"税", NULL, 0, "city-hall.tax.001", "city-hall.tax.002", NULL);
  assert_search (store, "税*", NULL, 0, "city-hall.tax.001", "city-hall.tax.002", NULL);
  assert_search (store, "(taxes)", NULL, 0, "city-hall.tax.001", NULL);
}

static void
test_search_order_and_filters (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(MadoPhraseStore) store = open_seeded (fixture->path);

  assert_search (store, "ください", NULL, 0,
                 "city-hall.moving.001", "school.absence.001", "school.absence.002", NULL);
  assert_search (store, "ください", "school", 0, "school.absence.001", "school.absence.002", NULL);
  assert_search (store, "ください", NULL, 1, "city-hall.moving.001", NULL);
  assert_search (store, "く", "school", 1, "school.absence.001", NULL);

  /* Long and short terms together, with the same filters. */
  assert_search (store, "ください PL", NULL, 0,
                 "city-hall.moving.001", "school.absence.001", "school.absence.002", NULL);
  assert_search (store, "ください PL", NULL, 2, "city-hall.moving.001", "school.absence.001", NULL);
  assert_search (store, "ください PL", "school", 0, "school.absence.001", "school.absence.002", NULL);
  assert_search (store, "税 here", "school", 0, NULL);

  g_assert_true (mado_phrase_store_set_favourite (store, "school.absence.002", TRUE, NULL));
  for (guint i = 0; i < 2; i++)
    g_assert_true (mado_phrase_store_record_use (store, "school.absence.001", "ko", NULL));
  assert_search (store, "ください", NULL, 0,
                 "school.absence.002", "school.absence.001", "city-hall.moving.001", NULL);

  /* More uses lift a phrase above another used one, but never above a favourite. */
  for (guint i = 0; i < 3; i++)
    g_assert_true (mado_phrase_store_record_use (store, "city-hall.moving.001", "en", NULL));
  assert_search (store, "ください", NULL, 0,
                 "school.absence.002", "city-hall.moving.001", "school.absence.001", NULL);
  assert_search (store, "ください", NULL, 2, "school.absence.002", "city-hall.moving.001", NULL);
  assert_search (store, "く", NULL, 1, "school.absence.002", NULL);

  g_assert_true (mado_phrase_store_set_favourite (store, "school.absence.002", FALSE, NULL));
  assert_search (store, "ください", NULL, 0,
                 "city-hall.moving.001", "school.absence.001", "school.absence.002", NULL);
  assert_search (store, "く", NULL, 0,
                 "city-hall.moving.001", "school.absence.001", "school.absence.002", NULL);
  assert_indexes_intact (fixture->path);
}

static void
write_file (const char   *path,
            const guint8 *bytes,
            gsize         length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, (const char *) bytes, length, &error);
  g_assert_no_error (error);
}

static void
test_corrupt_garbage (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240601);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoPhraseStore) store = NULL;
  guint8 garbage[8192];

  for (gsize i = 0; i < sizeof garbage; i++)
    garbage[i] = (guint8) g_rand_int_range (rand, 0, 256);
  write_file (fixture->path, garbage, sizeof garbage);
  before = read_bytes (fixture->path);

  store = mado_phrase_store_open (fixture->path, &error);
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, fixture->path));
  g_assert_null (store);

  after = read_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_corrupt_truncated (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(MadoPhraseStore) store = open_seeded (fixture->path);
  g_autoptr(GBytes) whole = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_clear_object (&store);
  whole = read_bytes (fixture->path);
  length = g_bytes_get_size (whole);
  g_assert_cmpuint (length, >, 3 * 4096);

  write_file (fixture->path, g_bytes_get_data (whole, NULL), length / 2);
  before = read_bytes (fixture->path);

  store = mado_phrase_store_open (fixture->path, &error);
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_CORRUPT);
  g_assert_null (store);
  g_clear_error (&error);

  /* A file cut inside its first page is no database at all. */
  write_file (fixture->path, g_bytes_get_data (whole, NULL), 50);
  store = mado_phrase_store_open (fixture->path, &error);
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_CORRUPT);
  g_assert_null (store);

  after = read_bytes (fixture->path);
  g_assert_cmpuint (g_bytes_get_size (after), ==, 50);
  g_assert_cmpmem (g_bytes_get_data (after, NULL), 50, g_bytes_get_data (whole, NULL), 50);
  g_assert_cmpuint (g_bytes_get_size (before), ==, length / 2);
}

static void
test_corrupt_foreign (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoPhraseStore) store = NULL;
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('x');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  before = read_bytes (fixture->path);

  store = mado_phrase_store_open (fixture->path, &error);
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_CORRUPT);
  g_assert_null (store);

  after = read_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_read_only (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(MadoPhraseStore) store = open_seeded (fixture->path);
  g_autofree char *uri = g_strdup_printf ("file:%s?mode=ro", fixture->path);
  g_autoptr(MadoPhraseSet) v2 = make_city_hall (2);
  g_autoptr(MadoPhrase) phrase = NULL;
  g_autoptr(MadoPhrase) local = mado_phrase_new (NULL, "city-hall", "tax");
  g_autoptr(GPtrArray) sets = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  gboolean written = TRUE;
  char *id;

  g_clear_object (&store);
  before = read_bytes (fixture->path);

  /* Tests run as root, whom file modes do not stop; SQLite's read-only URI is what the kiosk
   * gets on a file it may not write, as far as the store can tell. */
  store = open_store (uri);
  g_assert_true (mado_phrase_store_is_read_only (store));

  assert_search (store, "税", NULL, 0, "city-hall.tax.001", "city-hall.tax.002", NULL);
  sets = mado_phrase_store_list_sets (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sets->len, ==, 2);
  phrase = get_phrase (store, "city-hall.tax.001");

  mado_phrase_set_text (phrase, "ja", "変更");
  g_assert_false (mado_phrase_store_update_phrase (store, phrase, &error));
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, fixture->path));
  g_clear_error (&error);

  mado_phrase_set_text (local, "ja", "追加");
  id = mado_phrase_store_add_phrase (store, local, &error);
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_READ_ONLY);
  g_assert_null (id);
  g_clear_error (&error);

  g_assert_false (mado_phrase_store_delete_phrase (store, "city-hall.tax.001", &error));
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);

  g_assert_false (mado_phrase_store_set_favourite (store, "city-hall.tax.001", TRUE, &error));
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);

  g_assert_false (mado_phrase_store_record_use (store, "city-hall.tax.001", "en", &error));
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);

  g_assert_false (mado_phrase_store_seed (store, v2, &written, &error));
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_READ_ONLY);
  g_assert_false (written);
  g_clear_error (&error);

  g_clear_object (&phrase);
  phrase = get_phrase (store, "city-hall.tax.001");
  g_assert_cmpstr (mado_phrase_get_text (phrase, "ja"), ==, "税金はこちらで払えます。");
  g_assert_false (mado_phrase_get_favourite (phrase));
  g_clear_object (&store);

  after = read_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_open_missing_read_only (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *uri = g_strdup_printf ("file:%s?mode=ro", fixture->path);
  g_autoptr(MadoPhraseStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = mado_phrase_store_open (uri, &error);
  g_assert_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_OPEN);
  g_assert_null (store);
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
}

static void
on_opened (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_open_async (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) cancelled_result = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(MadoPhraseStore) store = NULL;
  g_autoptr(MadoPhraseStore) none = NULL;
  g_autoptr(GError) error = NULL;

  mado_phrase_store_open_async (fixture->path, NULL, on_opened, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  store = mado_phrase_store_open_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mado_phrase_store_get_schema_version (store), ==, raw_user_version (fixture->path));

  g_cancellable_cancel (cancellable);
  mado_phrase_store_open_async (fixture->path, cancellable, on_opened, &cancelled_result);
  while (cancelled_result == NULL)
    g_main_context_iteration (NULL, TRUE);
  none = mado_phrase_store_open_finish (cancelled_result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (none);
}

static guint64
data_version (MadoPhraseStore *store)
{
  g_autoptr(GError) error = NULL;
  guint64 version = 0;

  g_assert_true (mado_phrase_store_get_data_version (store, &version, &error));
  g_assert_no_error (error);
  return version;
}

/* The gateway keeps an in-memory copy of the phrases and rebuilds it when this number moves, so
 * it must move for changes made through another connection as well as through the store itself,
 * and stay put while nothing changes. */
static void
test_data_version (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(MadoPhraseStore) reader = open_seeded (fixture->path);
  g_autoptr(MadoPhraseStore) writer = open_store (fixture->path);
  g_autoptr(MadoPhrase) phrase = mado_phrase_new (NULL, "city-hall", "tax");
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  guint64 before, after_other, after_own;

  before = data_version (reader);
  g_assert_cmpuint (data_version (reader), ==, before);
  g_assert_cmpuint (mado_phrase_store_count_phrases (reader), >, 0);
  g_assert_cmpuint (data_version (reader), ==, before);

  mado_phrase_set_text (phrase, "ja", "印鑑をお持ちですか。");
  mado_phrase_set_text (phrase, "en", "Do you have your seal with you?");
  id = mado_phrase_store_add_phrase (writer, phrase, &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);

  after_other = data_version (reader);
  g_assert_cmpuint (after_other, !=, before);

  g_assert_true (mado_phrase_store_set_favourite (reader, id, TRUE, &error));
  g_assert_no_error (error);
  after_own = data_version (reader);
  g_assert_cmpuint (after_own, !=, after_other);
  g_assert_cmpuint (data_version (reader), ==, after_own);
}

static guint64
phrase_revision (MadoPhraseStore *store)
{
  g_autoptr(GError) error = NULL;
  guint64 revision = 0;

  g_assert_true (mado_phrase_store_get_phrase_revision (store, &revision, &error));
  g_assert_no_error (error);
  return revision;
}

/* The revision moves with what phrases say and whether they exist, from any connection, and
 * stays put for use counts and pins, which the kiosk writes on every tap. */
static void
test_phrase_revision (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(MadoPhraseStore) reader = open_seeded (fixture->path);
  g_autoptr(MadoPhraseStore) writer = open_store (fixture->path);
  g_autoptr(MadoPhrase) phrase = mado_phrase_new (NULL, "city-hall", "tax");
  g_autoptr(MadoPhrase) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  guint64 seeded, added, used, edited;

  seeded = phrase_revision (reader);
  g_assert_cmpuint (seeded, >, 0);

  mado_phrase_set_text (phrase, "ja", "印鑑をお持ちですか。");
  mado_phrase_set_text (phrase, "en", "Do you have your seal with you?");
  id = mado_phrase_store_add_phrase (writer, phrase, &error);
  g_assert_no_error (error);
  added = phrase_revision (reader);
  g_assert_cmpuint (added, !=, seeded);

  g_assert_true (mado_phrase_store_record_use (writer, id, "en", &error));
  g_assert_true (mado_phrase_store_set_favourite (reader, id, TRUE, &error));
  g_assert_no_error (error);
  used = phrase_revision (reader);
  g_assert_cmpuint (used, ==, added);

  stored = mado_phrase_store_get_phrase (writer, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);
  mado_phrase_set_text (stored, "en", "Have you brought your seal?");
  g_assert_true (mado_phrase_store_update_phrase (writer, stored, &error));
  g_assert_no_error (error);
  edited = phrase_revision (reader);
  g_assert_cmpuint (edited, !=, used);

  g_assert_true (mado_phrase_store_delete_phrase (writer, id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (phrase_revision (reader), !=, edited);
}

/* A file made before the phrase revision existed (schema 1, seeded, one phrase in use) gets it
 * when opened, and the revision then moves as on a new file. */
static void
test_revision_added_by_upgrade (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(MadoPhraseStore) upgraded = NULL;
  g_autoptr(MadoPhrase) phrase = mado_phrase_new (NULL, "city-hall", "tax");
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  sqlite3 *db;
  guint64 before;

  g_object_unref (open_seeded (fixture->path));

  /* Back to schema 1: what migration 2 made is taken out again. */
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  {
    sqlite3_stmt *statement;
    g_autoptr(GString) drops = g_string_new ("BEGIN;");

    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_schema WHERE type = 'trigger'"
                                         " AND name LIKE '%_revises'", -1, &statement, NULL), ==, SQLITE_OK);
    while (sqlite3_step (statement) == SQLITE_ROW)
      g_string_append_printf (drops, "DROP TRIGGER %s;", sqlite3_column_text (statement, 0));
    sqlite3_finalize (statement);
    g_string_append (drops, "DROP TABLE phrase_revision; PRAGMA user_version = 1; COMMIT;");
    g_assert_cmpint (sqlite3_exec (db, drops->str, NULL, NULL, NULL), ==, SQLITE_OK);
  }
  sqlite3_close (db);
  g_assert_cmpint (raw_user_version (fixture->path), ==, 1);

  upgraded = open_store (fixture->path);
  g_assert_cmpint (mado_phrase_store_get_schema_version (upgraded), ==, 2);
  before = phrase_revision (upgraded);

  mado_phrase_set_text (phrase, "ja", "マイナンバーカードをお持ちですか。");
  id = mado_phrase_store_add_phrase (upgraded, phrase, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (phrase_revision (upgraded), >, before);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/madoguchi/phrase-store/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("migration/fresh", test_migration_fresh);
  ADD ("migration/reopen", test_migration_reopen);
  ADD ("migration/too-new", test_migration_too_new);
  ADD ("seed/first", test_seed_first);
  ADD ("seed/same-version", test_seed_same_version);
  ADD ("seed/newer", test_seed_newer);
  ADD ("seed/incomplete", test_seed_incomplete);
  ADD ("seed/invalid", test_seed_invalid);
  ADD ("seed/dropped-genre", test_seed_dropped_genre);
  ADD ("seed/edits-survive", test_edits_survive_reseed);
  ADD ("local/rules", test_local_phrase_rules);
  ADD ("search/scripts", test_search_scripts);
  ADD ("search/fts-syntax", test_search_fts_syntax);
  ADD ("search/order-and-filters", test_search_order_and_filters);
  ADD ("corrupt/garbage", test_corrupt_garbage);
  ADD ("corrupt/truncated", test_corrupt_truncated);
  ADD ("corrupt/foreign", test_corrupt_foreign);
  ADD ("read-only", test_read_only);
  ADD ("read-only-missing", test_open_missing_read_only);
  ADD ("open-async", test_open_async);
  ADD ("data-version", test_data_version);
  ADD ("phrase-revision", test_phrase_revision);
  ADD ("phrase-revision-upgrade", test_revision_added_by_upgrade);

#undef ADD

  return g_test_run ();
}

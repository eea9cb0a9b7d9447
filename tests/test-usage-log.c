/* test-usage-log.c: the usage log on real SQLite files in a temporary folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-settings.h"
#include "mado-usage-log.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

typedef struct {
  char *folder;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->folder = g_dir_make_tmp ("madoguchi-usage-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->folder, "usage.db", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (fixture->folder, name, NULL);
      g_unlink (file);
    }
  g_rmdir (fixture->folder);
  g_free (fixture->folder);
  g_free (fixture->path);
}

/* Reads one value with a connection of SQLite's own, not the log's. */
static char *
query_text (const char *path,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *statement = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &statement, NULL), ==, SQLITE_OK);
  if (sqlite3_step (statement) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (statement, 0));
  sqlite3_finalize (statement);
  sqlite3_close (db);

  return value;
}

static void
run_sql (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
record (MadoUsageLog       *log,
        GDateTime          *when,
        const char         *language,
        MadoHandoffOutcome  outcome,
        guint               duration)
{
  const MadoHandoffAttempt attempts[] = {
    { "city-contract", "busy", 0 },
    { "national-free", outcome == MADO_HANDOFF_CONNECTED ? "connected" : "no-answer", duration },
  };
  MadoHandoffRecord handoff = {
    .started_at = when,
    .language = language,
    .service_id = "national-free",
    .outcome = outcome,
    .failure = outcome == MADO_HANDOFF_CONNECTED ? MADO_CALL_FAILURE_NONE : MADO_CALL_FAILURE_NO_ANSWER,
    .duration_seconds = duration,
    .attempts = attempts,
    .n_attempts = G_N_ELEMENTS (attempts),
  };
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_true (mado_usage_log_record_handoff (log, &handoff, &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
}

static char *
describe_counts (GPtrArray *counts)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < counts->len; i++)
    {
      const MadoHandoffCount *count = g_ptr_array_index (counts, i);

      g_string_append_printf (text, "%s%s/%s=%u(%" G_GUINT64_FORMAT "s)", i > 0 ? " " : "", count->language,
                              count->outcome, count->count, count->total_seconds);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
test_record_and_count (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoUsageLog) log = mado_usage_log_open (fixture->path, &error);
  g_autoptr(GTimeZone) tokyo = g_time_zone_new_identifier ("Asia/Tokyo");
  g_autoptr(GDateTime) monday = g_date_time_new (tokyo, 2026, 11, 23, 10, 0, 0);
  g_autoptr(GDateTime) tuesday = g_date_time_new (tokyo, 2026, 11, 24, 10, 0, 0);
  g_autoptr(GDateTime) wednesday = g_date_time_new (tokyo, 2026, 11, 25, 10, 0, 0);
  g_autoptr(GPtrArray) counts = NULL;
  g_autofree char *all = NULL;
  g_autofree char *from_tuesday = NULL;
  g_autofree char *journal = NULL;
  g_autofree char *n_attempts = NULL;
  g_autofree char *second_attempt = NULL;
  g_autofree char *started_at = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (mado_usage_log_get_schema_version (log), ==, 1);

  record (log, monday, "vi", MADO_HANDOFF_CONNECTED, 300);
  record (log, tuesday, "vi", MADO_HANDOFF_CONNECTED, 120);
  record (log, tuesday, "vi", MADO_HANDOFF_DIAL_BY_HAND, 0);
  record (log, wednesday, "ne", MADO_HANDOFF_CONNECTED, 60);

  counts = mado_usage_log_count_handoffs (log, NULL, NULL, &error);
  g_assert_no_error (error);
  all = describe_counts (counts);
  g_assert_cmpstr (all, ==, "ne/connected=1(60s) vi/connected=2(420s) vi/dial-by-hand=1(0s)");
  g_clear_pointer (&counts, g_ptr_array_unref);

  counts = mado_usage_log_count_handoffs (log, tuesday, wednesday, &error);
  g_assert_no_error (error);
  from_tuesday = describe_counts (counts);
  g_assert_cmpstr (from_tuesday, ==, "vi/connected=1(120s) vi/dial-by-hand=1(0s)");

  /* What is on disk: write-ahead logging, times in UTC, every attempt, and nothing more. */
  journal = query_text (fixture->path, "PRAGMA journal_mode");
  g_assert_cmpstr (journal, ==, "wal");
  started_at = query_text (fixture->path, "SELECT started_at FROM handoffs ORDER BY id LIMIT 1");
  g_assert_cmpstr (started_at, ==, "2026-11-23T01:00:00Z");
  n_attempts = query_text (fixture->path, "SELECT count(*) FROM handoff_attempts");
  g_assert_cmpstr (n_attempts, ==, "8");
  second_attempt = query_text (fixture->path, "SELECT service_id || ' ' || outcome || ' ' || duration_seconds "
                                              "FROM handoff_attempts WHERE handoff_id = 1 AND step = 2");
  g_assert_cmpstr (second_attempt, ==, "national-free connected 300");
}

static void
test_reopen (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GPtrArray) counts = NULL;
  g_autofree char *version = NULL;

  {
    g_autoptr(MadoUsageLog) log = mado_usage_log_open (fixture->path, &error);

    g_assert_no_error (error);
    record (log, now, "my", MADO_HANDOFF_CANCELLED, 0);
  }

  {
    g_autoptr(MadoUsageLog) log = mado_usage_log_open (fixture->path, &error);

    g_assert_no_error (error);
    counts = mado_usage_log_count_handoffs (log, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (counts->len, ==, 1);
    g_assert_cmpstr (((MadoHandoffCount *) g_ptr_array_index (counts, 0))->outcome, ==, "cancelled");
  }

  version = query_text (fixture->path, "PRAGMA user_version");
  g_assert_cmpstr (version, ==, "1");
}

static void
test_refuses_other_files (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoUsageLog) log = NULL;
  g_autofree char *version = NULL;
  g_autofree char *tables = NULL;

  /* A newer Madoguchi's log is left as it is. */
  run_sql (fixture->path, "CREATE TABLE handoffs (id INTEGER); PRAGMA user_version = 7;");
  log = mado_usage_log_open (fixture->path, &error);
  g_assert_null (log);
  g_assert_error (error, MADO_USAGE_ERROR, MADO_USAGE_ERROR_TOO_NEW);
  g_clear_error (&error);
  version = query_text (fixture->path, "PRAGMA user_version");
  g_assert_cmpstr (version, ==, "7");
  g_unlink (fixture->path);

  /* So is another program's database. */
  run_sql (fixture->path, "CREATE TABLE accounts (name TEXT);");
  log = mado_usage_log_open (fixture->path, &error);
  g_assert_null (log);
  g_assert_error (error, MADO_USAGE_ERROR, MADO_USAGE_ERROR_CORRUPT);
  g_clear_error (&error);
  tables = query_text (fixture->path, "SELECT group_concat(name) FROM sqlite_schema");
  g_assert_cmpstr (tables, ==, "accounts");
  g_unlink (fixture->path);

  /* And a file that is no database at all. */
  g_file_set_contents (fixture->path, "This is not SQLite, but it is long enough to have a header of sorts.\n"
                                      "Lorem ipsum dolor sit amet, consectetur adipiscing elit.", -1, &error);
  g_assert_no_error (error);
  log = mado_usage_log_open (fixture->path, &error);
  g_assert_null (log);
  g_assert_error (error, MADO_USAGE_ERROR, MADO_USAGE_ERROR_CORRUPT);
}

static void
test_read_only (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;

  {
    g_autoptr(MadoUsageLog) log = mado_usage_log_open (fixture->path, &error);
    g_assert_no_error (error);
  }

  /* Tests run as root, where file modes stop nothing, so read-only is asked for in the URI. */
  uri = g_strdup_printf ("file:%s?mode=ro", fixture->path);
  g_assert_null (mado_usage_log_open (uri, &error));
  g_assert_error (error, MADO_USAGE_ERROR, MADO_USAGE_ERROR_READ_ONLY);
}

static void
test_invalid_attempt (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoUsageLog) log = mado_usage_log_open (fixture->path, &error);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GPtrArray) counts = NULL;
  const MadoHandoffAttempt attempts[] = { { "city-contract", NULL, 0 } };
  MadoHandoffRecord handoff = {
    .started_at = now,
    .language = "vi",
    .outcome = MADO_HANDOFF_FAILED,
    .failure = MADO_CALL_FAILURE_HELPER_DIED,
    .attempts = attempts,
    .n_attempts = 1,
  };

  g_assert_no_error (error);
  g_assert_false (mado_usage_log_record_handoff (log, &handoff, NULL, &error));
  g_assert_error (error, MADO_USAGE_ERROR, MADO_USAGE_ERROR_INVALID);

  counts = mado_usage_log_count_handoffs (log, NULL, NULL, NULL);
  g_assert_cmpuint (counts->len, ==, 0);
}

static void
test_path_from_settings (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(MadoSettings) settings = mado_settings_new ();
  g_autofree char *from_default = NULL;
  g_autofree char *from_env = NULL;
  g_autofree char *from_setting = NULL;

  g_unsetenv ("MADOGUCHI_USAGE_DB");
  from_default = mado_settings_dup_usage_database_path (settings);
  g_assert_true (g_str_has_suffix (from_default, "/madoguchi/usage.db"));

  g_setenv ("MADOGUCHI_USAGE_DB", fixture->path, TRUE);
  from_env = mado_settings_dup_usage_database_path (settings);
  g_assert_cmpstr (from_env, ==, fixture->path);

  g_settings_set_string (mado_settings_get_gsettings (settings), "usage-database-path", "/var/lib/madoguchi/usage.db");
  from_setting = mado_settings_dup_usage_database_path (settings);
  g_assert_cmpstr (from_setting, ==, "/var/lib/madoguchi/usage.db");

  g_unsetenv ("MADOGUCHI_USAGE_DB");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/madoguchi/usage-log/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("record-and-count", test_record_and_count);
  ADD ("reopen", test_reopen);
  ADD ("refuses-other-files", test_refuses_other_files);
  ADD ("read-only", test_read_only);
  ADD ("invalid-attempt", test_invalid_attempt);
  ADD ("path-from-settings", test_path_from_settings);

  return g_test_run ();
}

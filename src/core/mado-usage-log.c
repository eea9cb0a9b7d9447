/* mado-usage-log.c: anonymous usage figures in SQLite (interpreter handoffs)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A file of its own rather than tables in the phrase database: usage figures are kept, copied and
 * deleted on a different schedule from phrases, and an admin can hand this file to whoever makes
 * the yearly statistics without handing over the phrase book.
 */
#include "mado-usage-log.h"

#include <sqlite3.h>

#define BUSY_TIMEOUT_MS 3000

G_DEFINE_QUARK (mado-usage-error-quark, mado_usage_error)

G_DEFINE_ENUM_TYPE (MadoHandoffOutcome, mado_handoff_outcome,
  G_DEFINE_ENUM_VALUE (MADO_HANDOFF_CONNECTED, "connected"),
  G_DEFINE_ENUM_VALUE (MADO_HANDOFF_DIAL_BY_HAND, "dial-by-hand"),
  G_DEFINE_ENUM_VALUE (MADO_HANDOFF_CANCELLED, "cancelled"),
  G_DEFINE_ENUM_VALUE (MADO_HANDOFF_FAILED, "failed"))

/* Each entry takes the schema from version i to i + 1, in one transaction. */
static const char *const migrations[] = {
  "CREATE TABLE handoffs ("
  "  id INTEGER PRIMARY KEY,"
  "  started_at TEXT NOT NULL,"              /* ISO 8601 in UTC, so text order is time order */
  "  language TEXT NOT NULL,"
  "  service_id TEXT,"
  "  outcome TEXT NOT NULL,"
  "  failure TEXT NOT NULL,"
  "  duration_seconds INTEGER NOT NULL CHECK (duration_seconds >= 0),"
  "  n_attempts INTEGER NOT NULL"
  ");"
  "CREATE INDEX handoffs_by_time ON handoffs (started_at);"
  "CREATE TABLE handoff_attempts ("
  "  handoff_id INTEGER NOT NULL REFERENCES handoffs (id) ON DELETE CASCADE,"
  "  step INTEGER NOT NULL,"
  "  service_id TEXT NOT NULL,"
  "  outcome TEXT NOT NULL,"
  "  duration_seconds INTEGER NOT NULL CHECK (duration_seconds >= 0),"
  "  PRIMARY KEY (handoff_id, step)"
  ");",
};

struct _MadoUsageLog
{
  GObject  parent_instance;

  sqlite3 *db;
  char    *path;
  int      schema_version;
};

G_DEFINE_FINAL_TYPE (MadoUsageLog, mado_usage_log, G_TYPE_OBJECT)

const char *
mado_handoff_outcome_to_string (MadoHandoffOutcome outcome)
{
  g_autoptr(GEnumClass) enum_class = g_type_class_ref (MADO_TYPE_HANDOFF_OUTCOME);
  GEnumValue *value = g_enum_get_value (enum_class, outcome);

  g_return_val_if_fail (value != NULL, NULL);
  return value->value_nick;
}

void
mado_handoff_count_free (MadoHandoffCount *self)
{
  if (self == NULL)
    return;

  g_free (self->language);
  g_free (self->outcome);
  g_free (self);
}

static void
mado_usage_log_finalize (GObject *object)
{
  MadoUsageLog *self = MADO_USAGE_LOG (object);

  sqlite3_close_v2 (self->db);
  g_free (self->path);

  G_OBJECT_CLASS (mado_usage_log_parent_class)->finalize (object);
}

static void
mado_usage_log_class_init (MadoUsageLogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mado_usage_log_finalize;
}

static void
mado_usage_log_init (MadoUsageLog *self)
{
}

static MadoUsageError
error_code_for_result (int result)
{
  switch (result & 0xff)
    {
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return MADO_USAGE_ERROR_CORRUPT;
    case SQLITE_READONLY:
      return MADO_USAGE_ERROR_READ_ONLY;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      return MADO_USAGE_ERROR_OPEN;
    case SQLITE_CONSTRAINT:
      return MADO_USAGE_ERROR_INVALID;
    default:
      return MADO_USAGE_ERROR_SQL;
    }
}

static void
set_sqlite_error (MadoUsageLog  *self,
                  int            result,
                  const char    *action,
                  GError       **error)
{
  g_set_error (error, MADO_USAGE_ERROR, error_code_for_result (result), "Usage log “%s”: could not %s: %s",
               self->path, action, self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (result));
}

static gboolean
exec (MadoUsageLog  *self,
      const char    *sql,
      const char    *action,
      GError       **error)
{
  int result = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (result == SQLITE_OK)
    return TRUE;

  set_sqlite_error (self, result, action, error);
  return FALSE;
}

/* Runs a one-value query such as "PRAGMA user_version". */
static gboolean
query_int (MadoUsageLog  *self,
           const char    *sql,
           const char    *action,
           gint64        *out_value,
           GError       **error)
{
  sqlite3_stmt *statement = NULL;
  int result = sqlite3_prepare_v2 (self->db, sql, -1, &statement, NULL);

  if (result == SQLITE_OK)
    result = sqlite3_step (statement);

  if (result != SQLITE_ROW)
    {
      set_sqlite_error (self, result, action, error);
      sqlite3_finalize (statement);
      return FALSE;
    }

  *out_value = sqlite3_column_int64 (statement, 0);
  sqlite3_finalize (statement);
  return TRUE;
}

static gboolean
migrate (MadoUsageLog  *self,
         GError       **error)
{
  for (guint step = (guint) self->schema_version; step < G_N_ELEMENTS (migrations); step++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %u", step + 1);
      g_autofree char *action = g_strdup_printf ("upgrade the schema to version %u", step + 1);

      if (!exec (self, "BEGIN IMMEDIATE", action, error))
        return FALSE;

      if (!exec (self, migrations[step], action, error) || !exec (self, bump, action, error) ||
          !exec (self, "COMMIT", action, error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }

      self->schema_version = (int) step + 1;
    }

  return TRUE;
}

static gboolean
configure (MadoUsageLog  *self,
           GError       **error)
{
  gint64 version = 0;
  gint64 n_objects = 0;

  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  /* Nothing is written before these checks, so a foreign or newer file stays as it was. */
  if (!query_int (self, "PRAGMA user_version", "read the schema version", &version, error))
    return FALSE;

  if (version > (gint64) G_N_ELEMENTS (migrations))
    {
      g_set_error (error, MADO_USAGE_ERROR, MADO_USAGE_ERROR_TOO_NEW,
                   "The usage log “%s” was written by a newer version of Madoguchi (schema %" G_GINT64_FORMAT
                   "; this version knows up to %u); it was left as it is",
                   self->path, version, (guint) G_N_ELEMENTS (migrations));
      return FALSE;
    }

  if (version == 0)
    {
      if (!query_int (self, "SELECT count(*) FROM sqlite_schema", "read the list of tables", &n_objects, error))
        return FALSE;
      if (n_objects > 0)
        {
          g_set_error (error, MADO_USAGE_ERROR, MADO_USAGE_ERROR_CORRUPT,
                       "The file “%s” is an SQLite database of some other program, not a usage log; it "
                       "was left as it is", self->path);
          return FALSE;
        }
    }

  if (sqlite3_db_readonly (self->db, "main") == 1)
    {
      g_set_error (error, MADO_USAGE_ERROR, MADO_USAGE_ERROR_READ_ONLY,
                   "The usage log “%s” can only be opened read-only, so handoffs cannot be recorded", self->path);
      return FALSE;
    }

  self->schema_version = (int) version;

  /* WAL lets the admin tool read figures while the kiosk records a handoff. */
  return exec (self, "PRAGMA journal_mode = WAL", "switch to write-ahead logging", error) &&
         exec (self, "PRAGMA synchronous = NORMAL", "set the sync mode", error) &&
         exec (self, "PRAGMA foreign_keys = ON", "turn on foreign keys", error) &&
         migrate (self, error);
}

MadoUsageLog *
mado_usage_log_open (const char  *path,
                     GError     **error)
{
  g_autoptr(MadoUsageLog) self = NULL;
  int result;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (MADO_TYPE_USAGE_LOG, NULL);
  self->path = g_strdup (path);

  result = sqlite3_open_v2 (path, &self->db,
                            SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX,
                            NULL);
  if (result != SQLITE_OK)
    {
      set_sqlite_error (self, result, "open the file", error);
      return NULL;
    }

  sqlite3_extended_result_codes (self->db, TRUE);

  if (!configure (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

int
mado_usage_log_get_schema_version (MadoUsageLog *self)
{
  g_return_val_if_fail (MADO_IS_USAGE_LOG (self), 0);
  return self->schema_version;
}

static char *
utc_text (GDateTime *when)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (when);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

static gboolean
step_done (MadoUsageLog  *self,
           sqlite3_stmt  *statement,
           const char    *action,
           GError       **error)
{
  int result = sqlite3_step (statement);

  if (result == SQLITE_DONE)
    return TRUE;

  set_sqlite_error (self, result, action, error);
  return FALSE;
}

static gboolean
insert_attempts (MadoUsageLog             *self,
                 const MadoHandoffRecord  *record,
                 gint64                    handoff_id,
                 GError                  **error)
{
  sqlite3_stmt *statement = NULL;
  int result = sqlite3_prepare_v2 (self->db,
                                   "INSERT INTO handoff_attempts (handoff_id, step, service_id, outcome, "
                                   "duration_seconds) VALUES (?, ?, ?, ?, ?)", -1, &statement, NULL);
  gboolean ok = TRUE;

  if (result != SQLITE_OK)
    {
      set_sqlite_error (self, result, "prepare to record attempts", error);
      return FALSE;
    }

  for (guint i = 0; ok && i < record->n_attempts; i++)
    {
      const MadoHandoffAttempt *attempt = &record->attempts[i];

      sqlite3_bind_int64 (statement, 1, handoff_id);
      sqlite3_bind_int (statement, 2, (int) i + 1);
      sqlite3_bind_text (statement, 3, attempt->service_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (statement, 4, attempt->outcome, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (statement, 5, attempt->duration_seconds);
      ok = step_done (self, statement, "record an attempt", error);
      sqlite3_reset (statement);
    }

  sqlite3_finalize (statement);
  return ok;
}

gboolean
mado_usage_log_record_handoff (MadoUsageLog             *self,
                               const MadoHandoffRecord  *record,
                               gint64                   *out_id,
                               GError                  **error)
{
  g_autofree char *started_at = NULL;
  sqlite3_stmt *statement = NULL;
  gint64 handoff_id;
  int result;

  g_return_val_if_fail (MADO_IS_USAGE_LOG (self), FALSE);
  g_return_val_if_fail (record != NULL && record->started_at != NULL && record->language != NULL, FALSE);
  g_return_val_if_fail (record->n_attempts == 0 || record->attempts != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < record->n_attempts; i++)
    if (record->attempts[i].service_id == NULL || record->attempts[i].outcome == NULL)
      {
        g_set_error (error, MADO_USAGE_ERROR, MADO_USAGE_ERROR_INVALID,
                     "Attempt %u of the handoff has no service or no outcome", i + 1);
        return FALSE;
      }

  started_at = utc_text (record->started_at);

  if (!exec (self, "BEGIN IMMEDIATE", "start recording a handoff", error))
    return FALSE;

  result = sqlite3_prepare_v2 (self->db,
                               "INSERT INTO handoffs (started_at, language, service_id, outcome, failure, "
                               "duration_seconds, n_attempts) VALUES (?, ?, ?, ?, ?, ?, ?)", -1, &statement, NULL);
  if (result != SQLITE_OK)
    {
      set_sqlite_error (self, result, "prepare to record a handoff", error);
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  sqlite3_bind_text (statement, 1, started_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 2, record->language, -1, SQLITE_STATIC);
  if (record->service_id != NULL)
    sqlite3_bind_text (statement, 3, record->service_id, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (statement, 3);
  sqlite3_bind_text (statement, 4, mado_handoff_outcome_to_string (record->outcome), -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 5, mado_call_failure_to_string (record->failure), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (statement, 6, record->duration_seconds);
  sqlite3_bind_int (statement, 7, (int) record->n_attempts);

  if (!step_done (self, statement, "record a handoff", error))
    {
      sqlite3_finalize (statement);
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  sqlite3_finalize (statement);

  handoff_id = sqlite3_last_insert_rowid (self->db);

  if (!insert_attempts (self, record, handoff_id, error) ||
      !exec (self, "COMMIT", "finish recording a handoff", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  if (out_id != NULL)
    *out_id = handoff_id;

  return TRUE;
}

/**
 * mado_usage_log_count_handoffs:
 *
 * Returns: (transfer full) (element-type MadoHandoffCount): the counts, or NULL on error
 */
GPtrArray *
mado_usage_log_count_handoffs (MadoUsageLog  *self,
                               GDateTime     *since,
                               GDateTime     *until,
                               GError       **error)
{
  g_autoptr(GPtrArray) counts = g_ptr_array_new_with_free_func ((GDestroyNotify) mado_handoff_count_free);
  g_autofree char *since_text = NULL;
  g_autofree char *until_text = NULL;
  sqlite3_stmt *statement = NULL;
  int result;

  g_return_val_if_fail (MADO_IS_USAGE_LOG (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  since_text = since != NULL ? utc_text (since) : NULL;
  until_text = until != NULL ? utc_text (until) : NULL;

  result = sqlite3_prepare_v2 (self->db,
                               "SELECT language, outcome, count(*), total(duration_seconds) FROM handoffs "
                               "WHERE (?1 IS NULL OR started_at >= ?1) AND (?2 IS NULL OR started_at < ?2) "
                               "GROUP BY language, outcome ORDER BY language, outcome", -1, &statement, NULL);
  if (result != SQLITE_OK)
    {
      set_sqlite_error (self, result, "prepare to count handoffs", error);
      return NULL;
    }

  if (since_text != NULL)
    sqlite3_bind_text (statement, 1, since_text, -1, SQLITE_STATIC);
  if (until_text != NULL)
    sqlite3_bind_text (statement, 2, until_text, -1, SQLITE_STATIC);

  while ((result = sqlite3_step (statement)) == SQLITE_ROW)
    {
      MadoHandoffCount *count = g_new0 (MadoHandoffCount, 1);

      count->language = g_strdup ((const char *) sqlite3_column_text (statement, 0));
      count->outcome = g_strdup ((const char *) sqlite3_column_text (statement, 1));
      count->count = (guint) sqlite3_column_int64 (statement, 2);
      count->total_seconds = (guint64) sqlite3_column_double (statement, 3);
      g_ptr_array_add (counts, count);
    }

  if (result != SQLITE_DONE)
    {
      set_sqlite_error (self, result, "count handoffs", error);
      sqlite3_finalize (statement);
      return NULL;
    }

  sqlite3_finalize (statement);
  return g_steal_pointer (&counts);
}

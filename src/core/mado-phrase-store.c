/* mado-phrase-store.c: the phrase book in SQLite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * This file opens the file (checks, migrations, read-only fallback) and holds the helpers the
 * rest share; reads live in mado-phrase-store-reads.c and changes in mado-phrase-store-changes.c.
 * A store is used by one thread at a time: it may be opened on a worker thread and then handed
 * to the main thread.
 */
#include "mado-phrase-store.h"

#include "mado-phrase-store-private.h"
#include "mado-phrase-store-schema.h"
#include "mado-search-tokens.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

/* Long enough to ride out the admin tool writing a whole phrase set, short enough that a tap
 * on the counter never appears to hang. */
#define BUSY_TIMEOUT_MS 3000

#define SQLITE_HEADER_MAGIC "SQLite format 3"
#define SQLITE_HEADER_SIZE  100

G_DEFINE_QUARK (mado-store-error-quark, mado_store_error)

G_DEFINE_FINAL_TYPE (MadoPhraseStore, mado_phrase_store, G_TYPE_OBJECT)


static MadoStoreError
error_code_for_result (int result)
{
  switch (result & 0xff)
    {
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return MADO_STORE_ERROR_CORRUPT;
    case SQLITE_READONLY:
      return MADO_STORE_ERROR_READ_ONLY;
    case SQLITE_FULL:
      return MADO_STORE_ERROR_DISK_FULL;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return MADO_STORE_ERROR_BUSY;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      return MADO_STORE_ERROR_OPEN;
    case SQLITE_CONSTRAINT:
      return MADO_STORE_ERROR_INVALID;
    default:
      return MADO_STORE_ERROR_SQL;
    }
}

void
mado_phrase_store_set_sqlite_error (MadoPhraseStore  *self,
                                    int               result,
                                    const char       *action,
                                    GError          **error)
{
  const char *detail = self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (result);

  g_set_error (error, MADO_STORE_ERROR, error_code_for_result (result),
               "Phrase store “%s”: could not %s: %s",
               self->file_name != NULL ? self->file_name : self->path, action, detail);
}

void
mado_cached_statement_release (MadoCachedStatement *statement)
{
  sqlite3_reset (statement);
  sqlite3_clear_bindings (statement);
}

MadoCachedStatement *
mado_phrase_store_statement (MadoPhraseStore  *self,
                             Statement         which,
                             GError          **error)
{
  g_assert (which < N_STATEMENTS);

  if (self->statements[which] == NULL)
    {
      int result = sqlite3_prepare_v3 (self->db, mado_phrase_store_statement_sql[which], -1,
                                       SQLITE_PREPARE_PERSISTENT,
                                       &self->statements[which], NULL);

      if (result != SQLITE_OK)
        {
          mado_phrase_store_set_sqlite_error (self, result, "prepare a query", error);
          return NULL;
        }
    }

  return self->statements[which];
}

int
mado_phrase_store_step (MadoPhraseStore  *self,
                        sqlite3_stmt     *statement,
                        const char       *action,
                        GError          **error)
{
  int result = sqlite3_step (statement);

  if (result == SQLITE_ROW || result == SQLITE_DONE)
    return result;

  mado_phrase_store_set_sqlite_error (self, result, action, error);
  return 0;
}

gboolean
mado_phrase_store_run (MadoPhraseStore  *self,
                       sqlite3_stmt     *statement,
                       const char       *action,
                       GError          **error)
{
  return mado_phrase_store_step (self, statement, action, error) != 0;
}

gboolean
mado_phrase_store_exec (MadoPhraseStore  *self,
                        const char       *sql,
                        const char       *action,
                        GError          **error)
{
  int result = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (result == SQLITE_OK)
    return TRUE;

  mado_phrase_store_set_sqlite_error (self, result, action, error);
  return FALSE;
}

void
mado_phrase_store_bind_text (sqlite3_stmt *statement,
                             int           index,
                             const char   *text)
{
  /* Every bound string outlives the statement's use: the cleanup clears bindings on return. */
  sqlite3_bind_text (statement, index, text, -1, SQLITE_STATIC);
}

gboolean
mado_phrase_store_row_exists (MadoPhraseStore  *self,
                              Statement         which,
                              const char       *first,
                              const char       *second,
                              gboolean         *exists,
                              GError          **error)
{
  g_autoptr(MadoCachedStatement) statement = mado_phrase_store_statement (self, which, error);
  int step;

  if (statement == NULL)
    return FALSE;

  mado_phrase_store_bind_text (statement, 1, first);
  if (second != NULL)
    mado_phrase_store_bind_text (statement, 2, second);

  step = mado_phrase_store_step (self, statement, "look up an id", error);
  *exists = step == SQLITE_ROW;
  return step != 0;
}

static void
mado_phrase_store_finalize (GObject *object)
{
  MadoPhraseStore *self = MADO_PHRASE_STORE (object);

  for (guint i = 0; i < N_STATEMENTS; i++)
    sqlite3_finalize (self->statements[i]);
  sqlite3_close_v2 (self->db);
  g_free (self->path);
  g_free (self->file_name);

  G_OBJECT_CLASS (mado_phrase_store_parent_class)->finalize (object);
}

static void
mado_phrase_store_class_init (MadoPhraseStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mado_phrase_store_finalize;
}

static void
mado_phrase_store_init (MadoPhraseStore *self)
{
}

static guint32
read_be32 (const guint8 *bytes)
{
  return ((guint32) bytes[0] << 24) | ((guint32) bytes[1] << 16) | ((guint32) bytes[2] << 8) | bytes[3];
}

/* SQLite reads lazily, so a damaged file could open fine and fail in the middle of a conversation.
 * The header tells whether the file is an SQLite database at all and how long it should be,
 * which catches garbage and truncated copies at once without reading the whole file. */
static gboolean
check_header (MadoPhraseStore  *self,
              GError          **error)
{
  guint8 header[SQLITE_HEADER_SIZE];
  GStatBuf file_info, wal_info;
  g_autofree char *wal_name = NULL;
  guint32 page_size, change_counter, page_count, valid_for;
  ssize_t n_read;
  int fd;

  if (g_stat (self->file_name, &file_info) != 0 || file_info.st_size == 0)
    return TRUE;  /* a new file: SQLite creates it on the first write */

  fd = g_open (self->file_name, O_RDONLY, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_OPEN,
                   "Could not read the phrase store “%s”: %s",
                   self->file_name, g_strerror (saved_errno));
      return FALSE;
    }
  n_read = read (fd, header, sizeof header);
  close (fd);

  if (n_read != sizeof header || memcmp (header, SQLITE_HEADER_MAGIC, sizeof SQLITE_HEADER_MAGIC) != 0)
    {
      g_set_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_CORRUPT,
                   "The phrase store “%s” is not an SQLite database or its first page is damaged; "
                   "it was left as it is",
                   self->file_name);
      return FALSE;
    }

  page_size = ((guint32) header[16] << 8) | header[17];
  if (page_size == 1)
    page_size = 65536;
  change_counter = read_be32 (header + 24);
  page_count = read_be32 (header + 28);
  valid_for = read_be32 (header + 92);

  /* With a write-ahead log present the log may still hold pages the main file lacks after a
   * crash in the middle of a checkpoint; SQLite recovers that itself. */
  wal_name = g_strconcat (self->file_name, "-wal", NULL);
  if (g_stat (wal_name, &wal_info) == 0 && wal_info.st_size > 0)
    return TRUE;

  if (page_count > 0 && valid_for == change_counter &&
      (guint64) file_info.st_size < (guint64) page_count * page_size)
    {
      g_set_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_CORRUPT,
                   "The phrase store “%s” is truncated: it holds %" G_GUINT64_FORMAT " bytes "
                   "but its header says %" G_GUINT64_FORMAT "; it was left as it is",
                   self->file_name, (guint64) file_info.st_size,
                   (guint64) page_count * page_size);
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_user_version (MadoPhraseStore  *self,
                   int              *version,
                   GError          **error)
{
  sqlite3_stmt *statement = NULL;
  int result = sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &statement, NULL);

  if (result == SQLITE_OK)
    result = sqlite3_step (statement);

  if (result != SQLITE_ROW)
    {
      mado_phrase_store_set_sqlite_error (self, result, "read the schema version", error);
      sqlite3_finalize (statement);
      return FALSE;
    }

  *version = sqlite3_column_int (statement, 0);
  sqlite3_finalize (statement);
  return TRUE;
}

/* A file at schema 0 with tables in it belongs to some other program; creating the phrase
 * store's tables beside them would change a file that is not ours. */
static gboolean
check_not_foreign (MadoPhraseStore  *self,
                   GError          **error)
{
  sqlite3_stmt *statement = NULL;
  int result = sqlite3_prepare_v2 (self->db, "SELECT count(*) FROM sqlite_schema", -1, &statement, NULL);
  gint64 n_objects = 0;

  if (result == SQLITE_OK)
    result = sqlite3_step (statement);
  if (result == SQLITE_ROW)
    n_objects = sqlite3_column_int64 (statement, 0);
  sqlite3_finalize (statement);

  if (result != SQLITE_ROW)
    {
      mado_phrase_store_set_sqlite_error (self, result, "read the list of tables", error);
      return FALSE;
    }

  if (n_objects > 0)
    {
      g_set_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_CORRUPT,
                   "The file “%s” is an SQLite database of some other program, not a phrase "
                   "store; it was left as it is", self->file_name);
      return FALSE;
    }

  return TRUE;
}

static gboolean
migrate (MadoPhraseStore  *self,
         GError          **error)
{
  for (guint step = self->schema_version; step < mado_phrase_store_n_migrations; step++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %u", step + 1);
      g_autofree char *action = g_strdup_printf ("upgrade the schema to version %u", step + 1);

      /* Each step is one transaction, so a failure leaves the file at the last version reached. */
      if (!mado_phrase_store_exec (self, "BEGIN IMMEDIATE", action, error))
        return FALSE;

      if (!mado_phrase_store_exec (self, mado_phrase_store_migrations[step], action, error) ||
          !mado_phrase_store_exec (self, bump, action, error) ||
          !mado_phrase_store_exec (self, "COMMIT", action, error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }

      self->schema_version = step + 1;
    }

  return TRUE;
}

static gboolean
configure_and_migrate (MadoPhraseStore  *self,
                       GError          **error)
{
  int known = (int) mado_phrase_store_n_migrations;

  if (!check_header (self, error))
    return FALSE;

  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  /* Nothing is written before the version check, so a newer file is left byte for byte as it was. */
  if (!read_user_version (self, &self->schema_version, error))
    return FALSE;

  if (self->schema_version > known)
    {
      g_set_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_TOO_NEW,
                   "The phrase store “%s” was written by a newer version of Madoguchi "
                   "(schema %d; this version knows up to %d); it was left as it is",
                   self->file_name, self->schema_version, known);
      return FALSE;
    }

  if (self->schema_version == 0 && !check_not_foreign (self, error))
    return FALSE;

  if (self->read_only && self->schema_version < known)
    {
      g_set_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_READ_ONLY,
                   "The phrase store “%s” needs upgrading from schema %d to %d, "
                   "but it can only be opened read-only",
                   self->file_name, self->schema_version, known);
      return FALSE;
    }

  if (!mado_phrase_store_exec (self, "PRAGMA foreign_keys = ON", "turn on foreign keys", error))
    return FALSE;

  if (!self->read_only)
    {
      /* WAL lets the admin tool read while the kiosk writes; NORMAL sync is safe under WAL and
       * spares a flush on every tap that records a use. */
      if (!mado_phrase_store_exec (self, "PRAGMA journal_mode = WAL", "switch to write-ahead logging", error) ||
          !mado_phrase_store_exec (self, "PRAGMA synchronous = NORMAL", "set the sync mode", error))
        return FALSE;
    }

  return migrate (self, error);
}

/* mado_short_tokens(index_text): the short-query index tokens, for the triggers that keep
 * search_short in step with effective_phrase. */
static void
short_tokens_sql_function (sqlite3_context  *context,
                           int               n_args,
                           sqlite3_value   **args)
{
  const char *index_text = (const char *) sqlite3_value_text (args[0]);
  g_autoptr(GString) tokens = NULL;
  gsize length;

  if (index_text == NULL)
    {
      sqlite3_result_null (context);
      return;
    }

  tokens = g_string_new (NULL);
  mado_search_append_short_tokens (tokens, index_text);
  length = tokens->len;
  sqlite3_result_text64 (context, g_string_free (g_steal_pointer (&tokens), FALSE), length,
                         g_free, SQLITE_UTF8);
}

static MadoPhraseStore *
open_store (const char  *path,
            GError     **error)
{
  g_autoptr(MadoPhraseStore) self = g_object_new (MADO_TYPE_PHRASE_STORE, NULL);
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX;
  const char *file_name;
  int result;

  self->path = g_strdup (path);

  /* SQLite falls back to read-only by itself when it may read the file but not write it, and a
   * "file:…?mode=ro" URI asks for read-only on purpose; sqlite3_db_readonly() tells both apart
   * from a writable connection. */
  result = sqlite3_open_v2 (path, &self->db, flags, NULL);
  if (result != SQLITE_OK)
    {
      mado_phrase_store_set_sqlite_error (self, result, "open the file", error);
      return NULL;
    }

  sqlite3_extended_result_codes (self->db, TRUE);

  result = sqlite3_create_function_v2 (self->db, "mado_short_tokens", 1,
                                       SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                                       short_tokens_sql_function, NULL, NULL, NULL);
  if (result != SQLITE_OK)
    {
      mado_phrase_store_set_sqlite_error (self, result, "set up the search index", error);
      return NULL;
    }

  file_name = sqlite3_db_filename (self->db, "main");
  self->file_name = g_strdup (file_name != NULL && *file_name != '\0' ? file_name : path);
  self->read_only = sqlite3_db_readonly (self->db, "main") == 1;

  if (!configure_and_migrate (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * mado_phrase_store_open:
 * @path: a file path, or an SQLite URI such as "file:/var/lib/madoguchi/phrases.db?mode=ro" to
 *   open a file read-only on purpose
 *
 * Opens the store, creating the file when there is none and running the migrations it needs.
 * Garbage and truncated files fail with %MADO_STORE_ERROR_CORRUPT and are never changed.
 */
MadoPhraseStore *
mado_phrase_store_open (const char  *path,
                        GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return open_store (path, error);
}

static void
open_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  MadoPhraseStore *store;

  if (g_task_return_error_if_cancelled (task))
    return;

  store = open_store (task_data, &error);
  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, g_object_unref);
}

/**
 * mado_phrase_store_open_async:
 *
 * Opens the store and runs its migrations on a worker thread, so that a large upgrade never
 * blocks the window.
 */
void
mado_phrase_store_open_async (const char          *path,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mado_phrase_store_open_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, open_in_thread);
}

MadoPhraseStore *
mado_phrase_store_open_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mado_phrase_store_open_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
mado_phrase_store_get_path (MadoPhraseStore *self)
{
  g_return_val_if_fail (MADO_IS_PHRASE_STORE (self), NULL);
  return self->path;
}

gboolean
mado_phrase_store_is_read_only (MadoPhraseStore *self)
{
  g_return_val_if_fail (MADO_IS_PHRASE_STORE (self), FALSE);
  return self->read_only;
}

int
mado_phrase_store_get_schema_version (MadoPhraseStore *self)
{
  g_return_val_if_fail (MADO_IS_PHRASE_STORE (self), 0);
  return self->schema_version;
}

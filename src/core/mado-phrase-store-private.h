/* mado-phrase-store-private.h: what the two halves of the phrase store share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mado-phrase-store.c opens the file and holds the shared helpers; mado-phrase-store-reads.c
 * answers listing, lookups and search; mado-phrase-store-changes.c makes every change (seeding,
 * staff edits, favourites, use counts) and keeps the derived phrase list and its search indexes
 * in step; mado-phrase-store-schema.c holds all the SQL.
 */
#pragma once

#include "mado-phrase-store.h"

#include <sqlite3.h>

G_BEGIN_DECLS

/* Every statement the store runs, prepared once on first use and kept for the store's life. */
typedef enum {
  STATEMENT_SET_VERSION,
  STATEMENT_SET_EXISTS,
  STATEMENT_LIST_SETS,
  STATEMENT_SET_NAMES,
  STATEMENT_LIST_GENRES,
  STATEMENT_GENRE_NAMES,
  STATEMENT_GENRE_EXISTS,
  STATEMENT_GET_PHRASE,
  STATEMENT_LIST_SET_PHRASES,
  STATEMENT_LIST_GENRE_PHRASES,
  STATEMENT_LIST_FAVOURITES,
  STATEMENT_COUNT_PHRASES,
  STATEMENT_DATA_VERSION,
  STATEMENT_PHRASE_REVISION,
  STATEMENT_SHIPPED_TEXTS,
  STATEMENT_EDITED_TEXTS,
  STATEMENT_LOCAL_TEXTS,
  STATEMENT_SEARCH_TRIGRAM,
  STATEMENT_SEARCH_SHORT,
  STATEMENT_TRIGRAM_KEYS,
  STATEMENT_SHORT_KEYS,
  STATEMENT_PHRASE_BY_KEY,

  STATEMENT_UPSERT_SET,
  STATEMENT_DELETE_SET_NAMES,
  STATEMENT_INSERT_SET_NAME,
  STATEMENT_SET_GENRE_IDS,
  STATEMENT_DELETE_UNUSED_GENRE,
  STATEMENT_UPSERT_GENRE,
  STATEMENT_DELETE_GENRE_NAMES,
  STATEMENT_INSERT_GENRE_NAME,
  STATEMENT_SHIPPED_IDS_OF_SET,
  STATEMENT_DELETE_SHIPPED_OF_SET,
  STATEMENT_INSERT_SHIPPED,
  STATEMENT_INSERT_SHIPPED_TEXT,

  STATEMENT_SOURCE_LOCAL,
  STATEMENT_SOURCE_HIDDEN,
  STATEMENT_SOURCE_EDIT,
  STATEMENT_SOURCE_SHIPPED,
  STATEMENT_IS_FAVOURITE,
  STATEMENT_USE_TOTAL,
  STATEMENT_EFFECTIVE_HOME,
  STATEMENT_NEXT_HOME,
  STATEMENT_INSERT_EFFECTIVE,
  STATEMENT_UPDATE_EFFECTIVE,
  STATEMENT_DELETE_EFFECTIVE,

  STATEMENT_UPSERT_EDIT,
  STATEMENT_DELETE_EDIT_TEXTS,
  STATEMENT_INSERT_EDIT_TEXT,
  STATEMENT_DELETE_EDIT,
  STATEMENT_INSERT_HIDDEN,
  STATEMENT_NEXT_LOCAL_NUMBER,
  STATEMENT_UPSERT_LOCAL,
  STATEMENT_DELETE_LOCAL_TEXTS,
  STATEMENT_INSERT_LOCAL_TEXT,
  STATEMENT_DELETE_LOCAL,
  STATEMENT_INSERT_FAVOURITE,
  STATEMENT_DELETE_FAVOURITE,
  STATEMENT_RECORD_USE,

  N_STATEMENTS
} Statement;

extern const char *const mado_phrase_store_statement_sql[N_STATEMENTS];

struct _MadoPhraseStore
{
  GObject        parent_instance;

  char          *path;         /* as the caller gave it: a file path or a file: URI */
  char          *file_name;    /* the file SQLite opened, for messages */
  sqlite3       *db;
  gboolean       read_only;
  int            schema_version;
  sqlite3_stmt  *statements[N_STATEMENTS];
};

/* A cached statement borrowed for one use; the cleanup resets it and clears its bindings so that
 * it holds no read lock and no dangling text pointers once the borrower returns. */
typedef sqlite3_stmt MadoCachedStatement;
void mado_cached_statement_release (MadoCachedStatement *statement);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoCachedStatement, mado_cached_statement_release)

MadoCachedStatement *mado_phrase_store_statement       (MadoPhraseStore  *self,
                                                        Statement         which,
                                                        GError          **error);

/* Sets @error from an SQLite result code, naming the file and what was being done. */
void                 mado_phrase_store_set_sqlite_error (MadoPhraseStore  *self,
                                                         int               result,
                                                         const char       *action,
                                                         GError          **error);

/* Runs SQL text that needs no parameters (transaction control, migrations). */
gboolean             mado_phrase_store_exec             (MadoPhraseStore  *self,
                                                         const char       *sql,
                                                         const char       *action,
                                                         GError          **error);

/* Steps once: SQLITE_ROW or SQLITE_DONE, or 0 with @error set. */
int                  mado_phrase_store_step             (MadoPhraseStore  *self,
                                                         sqlite3_stmt     *statement,
                                                         const char       *action,
                                                         GError          **error);
/* Runs a statement that returns no rows, or whose rows do not matter. */
gboolean             mado_phrase_store_run              (MadoPhraseStore  *self,
                                                         sqlite3_stmt     *statement,
                                                         const char       *action,
                                                         GError          **error);

/* Runs a lookup bound to one or two ids and says whether it found a row. */
gboolean             mado_phrase_store_row_exists       (MadoPhraseStore  *self,
                                                         Statement         which,
                                                         const char       *first,
                                                         const char       *second,
                                                         gboolean         *exists,
                                                         GError          **error);

void                 mado_phrase_store_bind_text        (sqlite3_stmt     *statement,
                                                         int               index,
                                                         const char       *text);

/* Reads the texts of phrase @id from the table its @origin keeps them in. */
gboolean             mado_phrase_store_load_texts       (MadoPhraseStore  *self,
                                                         MadoPhrase       *phrase,
                                                         MadoPhraseOrigin  origin,
                                                         GError          **error);

/* Change helpers (mado-phrase-store-changes.c). A change runs between begin_change, which
 * refuses with MADO_STORE_ERROR_READ_ONLY on a read-only store, and end_change, which commits
 * when @succeeded and rolls back otherwise. */
gboolean             mado_phrase_store_begin_change     (MadoPhraseStore  *self,
                                                         const char       *action,
                                                         GError          **error);
gboolean             mado_phrase_store_end_change       (MadoPhraseStore  *self,
                                                         gboolean          succeeded,
                                                         const char       *action,
                                                         GError          **error);
gboolean             mado_phrase_store_run_with_id      (MadoPhraseStore  *self,
                                                         Statement         which,
                                                         const char       *id,
                                                         const char       *action,
                                                         GError          **error);
/* Writes a row taking (id, set, genre, speaker) with @row, deletes the old texts with
 * @delete_texts unless it is N_STATEMENTS, then inserts every text with @insert_text. */
gboolean             mado_phrase_store_write_phrase     (MadoPhraseStore  *self,
                                                         Statement         row,
                                                         Statement         delete_texts,
                                                         Statement         insert_text,
                                                         const char       *id,
                                                         MadoPhrase       *phrase,
                                                         GError          **error);
/* Derives the phrase list row of @id (and its search index entries) from the tables that own
 * the phrase; call it for every phrase a change touched. */
gboolean             mado_phrase_store_sync_phrase      (MadoPhraseStore  *self,
                                                         const char       *id,
                                                         GError          **error);

G_END_DECLS

/* mado-phrase-store-schema.c: the phrase store's SQL schema, as a list of migrations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tables fall in three groups.
 *
 * What was shipped (phrase_set, genre, shipped_phrase and their names and texts) is replaced
 * when a newer version of a set is seeded.
 *
 * What belongs to the municipality (phrase_edit, hidden_phrase, local_phrase, favourite,
 * phrase_use) is keyed by phrase id and never touched by seeding: an edit overrides a shipped
 * phrase as a whole, a hidden mark removes one, and local phrases live beside the shipped ones.
 * phrase_use keeps only counts and the day of last use, nothing about who spoke.
 *
 * What is derived (effective_phrase and its two FTS5 indexes) is the phrase list people see,
 * recomputed by mado-phrase-store-changes.c for every phrase a change touches. Its search_key
 * is the FTS5 rowid and encodes the search result order, so a search reads rows in rowid order
 * and stops at its limit instead of sorting every match; see search_key_for() there.
 */
#include "mado-phrase-store-schema.h"

#include "mado-phrase-store-private.h"

static const char migration_1_initial[] =
  "CREATE TABLE phrase_set ("
  "  id TEXT NOT NULL PRIMARY KEY,"
  "  version INTEGER NOT NULL,"
  "  review TEXT NOT NULL"
  ") WITHOUT ROWID;"

  "CREATE TABLE phrase_set_name ("
  "  set_id TEXT NOT NULL REFERENCES phrase_set (id) ON DELETE CASCADE,"
  "  language TEXT NOT NULL,"
  "  name TEXT NOT NULL,"
  "  PRIMARY KEY (set_id, language)"
  ") WITHOUT ROWID;"

  "CREATE TABLE genre ("
  "  set_id TEXT NOT NULL REFERENCES phrase_set (id) ON DELETE CASCADE,"
  "  id TEXT NOT NULL,"
  "  position INTEGER NOT NULL,"
  "  review TEXT NOT NULL,"
  "  PRIMARY KEY (set_id, id)"
  ") WITHOUT ROWID;"

  "CREATE TABLE genre_name ("
  "  set_id TEXT NOT NULL,"
  "  genre_id TEXT NOT NULL,"
  "  language TEXT NOT NULL,"
  "  name TEXT NOT NULL,"
  "  PRIMARY KEY (set_id, genre_id, language),"
  "  FOREIGN KEY (set_id, genre_id) REFERENCES genre (set_id, id) ON DELETE CASCADE"
  ") WITHOUT ROWID;"

  "CREATE TABLE shipped_phrase ("
  "  id TEXT NOT NULL PRIMARY KEY,"
  "  set_id TEXT NOT NULL REFERENCES phrase_set (id) ON DELETE CASCADE,"
  "  genre_id TEXT NOT NULL,"
  "  speaker INTEGER NOT NULL"
  ") WITHOUT ROWID;"
  "CREATE INDEX shipped_phrase_by_set ON shipped_phrase (set_id);"

  "CREATE TABLE shipped_text ("
  "  phrase_id TEXT NOT NULL REFERENCES shipped_phrase (id) ON DELETE CASCADE,"
  "  language TEXT NOT NULL,"
  "  text TEXT NOT NULL,"
  "  PRIMARY KEY (phrase_id, language)"
  ") WITHOUT ROWID;"

  /* An edit keeps its own set and genre so that it outlives a shipped phrase that a newer
   * version of the set drops: the municipality's wording is never thrown away by an update. */
  "CREATE TABLE phrase_edit ("
  "  phrase_id TEXT NOT NULL PRIMARY KEY,"
  "  set_id TEXT NOT NULL,"
  "  genre_id TEXT NOT NULL,"
  "  speaker INTEGER NOT NULL,"
  "  edited_on TEXT NOT NULL"
  ") WITHOUT ROWID;"

  "CREATE TABLE phrase_edit_text ("
  "  phrase_id TEXT NOT NULL REFERENCES phrase_edit (phrase_id) ON DELETE CASCADE,"
  "  language TEXT NOT NULL,"
  "  text TEXT NOT NULL,"
  "  PRIMARY KEY (phrase_id, language)"
  ") WITHOUT ROWID;"

  "CREATE TABLE hidden_phrase ("
  "  phrase_id TEXT NOT NULL PRIMARY KEY,"
  "  hidden_on TEXT NOT NULL"
  ") WITHOUT ROWID;"

  "CREATE TABLE local_phrase ("
  "  id TEXT NOT NULL PRIMARY KEY,"
  "  set_id TEXT NOT NULL,"
  "  genre_id TEXT NOT NULL,"
  "  speaker INTEGER NOT NULL,"
  "  created_on TEXT NOT NULL"
  ") WITHOUT ROWID;"

  "CREATE TABLE local_text ("
  "  phrase_id TEXT NOT NULL REFERENCES local_phrase (id) ON DELETE CASCADE,"
  "  language TEXT NOT NULL,"
  "  text TEXT NOT NULL,"
  "  PRIMARY KEY (phrase_id, language)"
  ") WITHOUT ROWID;"

  /* The last number handed out per genre, kept after deletions so that an id is never reused. */
  "CREATE TABLE local_sequence ("
  "  genre_id TEXT NOT NULL PRIMARY KEY,"
  "  last_number INTEGER NOT NULL"
  ") WITHOUT ROWID;"

  "CREATE TABLE favourite ("
  "  phrase_id TEXT NOT NULL PRIMARY KEY"
  ") WITHOUT ROWID;"

  "CREATE TABLE phrase_use ("
  "  phrase_id TEXT NOT NULL,"
  "  language TEXT NOT NULL,"
  "  use_count INTEGER NOT NULL,"
  "  last_used_on TEXT NOT NULL,"
  "  PRIMARY KEY (phrase_id, language)"
  ") WITHOUT ROWID;"

  /* home is the phrase's place in id order, kept while the phrase exists; search_key is home
   * for phrases nobody has used or pinned, and a negative key ranking them before all others
   * for the rest. index_text (every text, normalised, one per line) comes last so that reading
   * the short columns of a row does not walk its overflow pages. */
  "CREATE TABLE effective_phrase ("
  "  search_key INTEGER PRIMARY KEY,"
  "  home INTEGER NOT NULL UNIQUE,"
  "  id TEXT NOT NULL UNIQUE,"
  "  set_id TEXT NOT NULL,"
  "  genre_id TEXT NOT NULL,"
  "  speaker INTEGER NOT NULL,"
  "  origin INTEGER NOT NULL,"
  "  favourite INTEGER NOT NULL,"
  "  use_count INTEGER NOT NULL,"
  "  index_text TEXT NOT NULL"
  ");"
  "CREATE INDEX effective_phrase_by_genre ON effective_phrase (set_id, genre_id, id);"
  "CREATE INDEX effective_phrase_favourites ON effective_phrase (id) WHERE favourite;"

  /* Substrings of three characters or more, in every script. */
  "CREATE VIRTUAL TABLE search_trigram USING fts5 ("
  "  index_text,"
  "  content = 'effective_phrase', content_rowid = 'search_key',"
  "  tokenize = 'trigram case_sensitive 1'"
  ");"

  /* Queries of one or two characters, over the tokens mado_short_tokens() (a C function the
   * store registers on its connection; see mado-search-tokens.c) makes from index_text. The
   * ascii tokenizer only splits on the spaces put between those tokens and keeps every
   * non-ASCII character, where unicode61 would cut Thai, Burmese and Devanagari vowel signs off
   * their letters. Prefix indexes make one- and two-character prefix queries a single lookup;
   * no positions are kept because this index never answers phrase queries. The table keeps no
   * copy of its text: deleting recomputes the tokens from index_text, so a change to the
   * tokens needs a migration that rebuilds this table. */
  "CREATE VIRTUAL TABLE search_short USING fts5 ("
  "  short_tokens,"
  "  content = '', tokenize = 'ascii', detail = 'none', prefix = '1 2'"
  ");"

  "CREATE TRIGGER effective_phrase_indexed AFTER INSERT ON effective_phrase BEGIN"
  "  INSERT INTO search_trigram (rowid, index_text) VALUES (new.search_key, new.index_text);"
  "  INSERT INTO search_short (rowid, short_tokens)"
  "    VALUES (new.search_key, mado_short_tokens (new.index_text));"
  "END;"

  "CREATE TRIGGER effective_phrase_unindexed AFTER DELETE ON effective_phrase BEGIN"
  "  INSERT INTO search_trigram (search_trigram, rowid, index_text)"
  "    VALUES ('delete', old.search_key, old.index_text);"
  "  INSERT INTO search_short (search_short, rowid, short_tokens)"
  "    VALUES ('delete', old.search_key, mado_short_tokens (old.index_text));"
  "END;"

  "CREATE TRIGGER effective_phrase_reindexed"
  "  AFTER UPDATE OF search_key, index_text ON effective_phrase"
  "  WHEN old.search_key IS NOT new.search_key OR old.index_text IS NOT new.index_text"
  " BEGIN"
  "  INSERT INTO search_trigram (search_trigram, rowid, index_text)"
  "    VALUES ('delete', old.search_key, old.index_text);"
  "  INSERT INTO search_short (search_short, rowid, short_tokens)"
  "    VALUES ('delete', old.search_key, mado_short_tokens (old.index_text));"
  "  INSERT INTO search_trigram (rowid, index_text) VALUES (new.search_key, new.index_text);"
  "  INSERT INTO search_short (rowid, short_tokens)"
  "    VALUES (new.search_key, mado_short_tokens (new.index_text));"
  "END;";

/* A counter of changes to what phrases say and where they belong, which readers that keep a
 * copy of the texts (the gateway's phrase memory) watch instead of the whole file: a tap on a
 * phrase writes its use count, and must not make every such reader read all the phrases again. */
#define REVISED_BY(table) \
  "CREATE TRIGGER " table "_inserted_revises AFTER INSERT ON " table \
  " BEGIN UPDATE phrase_revision SET revision = revision + 1; END;" \
  "CREATE TRIGGER " table "_updated_revises AFTER UPDATE ON " table \
  " BEGIN UPDATE phrase_revision SET revision = revision + 1; END;" \
  "CREATE TRIGGER " table "_deleted_revises AFTER DELETE ON " table \
  " BEGIN UPDATE phrase_revision SET revision = revision + 1; END;"

static const char migration_2_phrase_revision[] =
  "CREATE TABLE phrase_revision ("
  "  id INTEGER PRIMARY KEY CHECK (id = 0),"
  "  revision INTEGER NOT NULL"
  ");"
  "INSERT INTO phrase_revision (id, revision) VALUES (0, 0);"
  REVISED_BY ("phrase_set")
  REVISED_BY ("phrase_set_name")
  REVISED_BY ("genre")
  REVISED_BY ("genre_name")
  REVISED_BY ("shipped_phrase")
  REVISED_BY ("shipped_text")
  REVISED_BY ("phrase_edit")
  REVISED_BY ("phrase_edit_text")
  REVISED_BY ("hidden_phrase")
  REVISED_BY ("local_phrase")
  REVISED_BY ("local_text");

const char *const mado_phrase_store_migrations[] = {
  migration_1_initial,
  migration_2_phrase_revision,
};

const guint mado_phrase_store_n_migrations = G_N_ELEMENTS (mado_phrase_store_migrations);

/* The statements the store runs, indexed by Statement (mado-phrase-store-private.h). */
#define PHRASE_COLUMNS "p.id, p.set_id, p.genre_id, p.speaker, p.origin, p.favourite, p.use_count"

const char *const mado_phrase_store_statement_sql[N_STATEMENTS] = {
  [STATEMENT_SET_VERSION] = "SELECT version FROM phrase_set WHERE id = ?1",
  [STATEMENT_SET_EXISTS] = "SELECT 1 FROM phrase_set WHERE id = ?1",
  [STATEMENT_LIST_SETS] = "SELECT id, version, review FROM phrase_set ORDER BY id",
  [STATEMENT_SET_NAMES] = "SELECT language, name FROM phrase_set_name WHERE set_id = ?1",
  [STATEMENT_LIST_GENRES] =
    "SELECT id, position, review FROM genre WHERE set_id = ?1 ORDER BY position, id",
  [STATEMENT_GENRE_NAMES] =
    "SELECT language, name FROM genre_name WHERE set_id = ?1 AND genre_id = ?2",
  [STATEMENT_GENRE_EXISTS] = "SELECT 1 FROM genre WHERE set_id = ?1 AND id = ?2",
  [STATEMENT_GET_PHRASE] = "SELECT " PHRASE_COLUMNS " FROM effective_phrase p WHERE p.id = ?1",
  [STATEMENT_LIST_SET_PHRASES] =
    "SELECT " PHRASE_COLUMNS " FROM effective_phrase p WHERE p.set_id = ?1 ORDER BY p.id",
  [STATEMENT_LIST_GENRE_PHRASES] =
    "SELECT " PHRASE_COLUMNS " FROM effective_phrase p"
    " WHERE p.set_id = ?1 AND p.genre_id = ?2 ORDER BY p.id",
  [STATEMENT_LIST_FAVOURITES] =
    "SELECT " PHRASE_COLUMNS " FROM effective_phrase p"
    " WHERE p.favourite ORDER BY p.use_count DESC, p.id",
  [STATEMENT_COUNT_PHRASES] = "SELECT count(*) FROM effective_phrase",
  [STATEMENT_DATA_VERSION] = "PRAGMA data_version",
  [STATEMENT_PHRASE_REVISION] = "SELECT revision FROM phrase_revision",
  [STATEMENT_SHIPPED_TEXTS] = "SELECT language, text FROM shipped_text WHERE phrase_id = ?1",
  [STATEMENT_EDITED_TEXTS] = "SELECT language, text FROM phrase_edit_text WHERE phrase_id = ?1",
  [STATEMENT_LOCAL_TEXTS] = "SELECT language, text FROM local_text WHERE phrase_id = ?1",

  /* Reading in rowid order lets FTS5 stop at the limit; the rowid (search_key) already puts
   * pinned and used phrases first. ?1 is the trigram match, ?2 the short-query match. */
  [STATEMENT_SEARCH_TRIGRAM] =
    "SELECT " PHRASE_COLUMNS " FROM search_trigram f"
    " JOIN effective_phrase p ON p.search_key = f.rowid"
    " WHERE f.search_trigram MATCH ?1 AND (?3 IS NULL OR p.set_id = ?3)"
    " ORDER BY f.rowid LIMIT ?4",
  [STATEMENT_SEARCH_SHORT] =
    "SELECT " PHRASE_COLUMNS " FROM search_short f"
    " JOIN effective_phrase p ON p.search_key = f.rowid"
    " WHERE f.search_short MATCH ?2 AND (?3 IS NULL OR p.set_id = ?3)"
    " ORDER BY f.rowid LIMIT ?4",
  /* A query with both long and short terms intersects these two ordered key lists in C. */
  [STATEMENT_TRIGRAM_KEYS] =
    "SELECT rowid FROM search_trigram WHERE search_trigram MATCH ?1 ORDER BY rowid",
  [STATEMENT_SHORT_KEYS] =
    "SELECT rowid FROM search_short WHERE search_short MATCH ?1 ORDER BY rowid",
  [STATEMENT_PHRASE_BY_KEY] =
    "SELECT " PHRASE_COLUMNS " FROM effective_phrase p"
    " WHERE p.search_key = ?1 AND (?2 IS NULL OR p.set_id = ?2)",

  [STATEMENT_UPSERT_SET] =
    "INSERT INTO phrase_set (id, version, review) VALUES (?1, ?2, ?3)"
    " ON CONFLICT (id) DO UPDATE SET version = excluded.version, review = excluded.review",
  [STATEMENT_DELETE_SET_NAMES] = "DELETE FROM phrase_set_name WHERE set_id = ?1",
  [STATEMENT_INSERT_SET_NAME] =
    "INSERT INTO phrase_set_name (set_id, language, name) VALUES (?1, ?2, ?3)",
  [STATEMENT_SET_GENRE_IDS] = "SELECT id FROM genre WHERE set_id = ?1",
  [STATEMENT_DELETE_UNUSED_GENRE] =
    "DELETE FROM genre WHERE set_id = ?1 AND id = ?2"
    " AND NOT EXISTS (SELECT 1 FROM local_phrase WHERE set_id = ?1 AND genre_id = ?2)"
    " AND NOT EXISTS (SELECT 1 FROM phrase_edit WHERE set_id = ?1 AND genre_id = ?2)",
  [STATEMENT_UPSERT_GENRE] =
    "INSERT INTO genre (set_id, id, position, review) VALUES (?1, ?2, ?3, ?4)"
    " ON CONFLICT (set_id, id) DO UPDATE SET position = excluded.position,"
    " review = excluded.review",
  [STATEMENT_DELETE_GENRE_NAMES] = "DELETE FROM genre_name WHERE set_id = ?1 AND genre_id = ?2",
  [STATEMENT_INSERT_GENRE_NAME] =
    "INSERT INTO genre_name (set_id, genre_id, language, name) VALUES (?1, ?2, ?3, ?4)",
  [STATEMENT_SHIPPED_IDS_OF_SET] = "SELECT id FROM shipped_phrase WHERE set_id = ?1",
  [STATEMENT_DELETE_SHIPPED_OF_SET] = "DELETE FROM shipped_phrase WHERE set_id = ?1",
  [STATEMENT_INSERT_SHIPPED] =
    "INSERT INTO shipped_phrase (id, set_id, genre_id, speaker) VALUES (?1, ?2, ?3, ?4)",
  [STATEMENT_INSERT_SHIPPED_TEXT] =
    "INSERT INTO shipped_text (phrase_id, language, text) VALUES (?1, ?2, ?3)",

  [STATEMENT_SOURCE_LOCAL] = "SELECT set_id, genre_id, speaker FROM local_phrase WHERE id = ?1",
  [STATEMENT_SOURCE_HIDDEN] = "SELECT 1 FROM hidden_phrase WHERE phrase_id = ?1",
  [STATEMENT_SOURCE_EDIT] =
    "SELECT set_id, genre_id, speaker FROM phrase_edit WHERE phrase_id = ?1",
  [STATEMENT_SOURCE_SHIPPED] =
    "SELECT set_id, genre_id, speaker FROM shipped_phrase WHERE id = ?1",
  [STATEMENT_IS_FAVOURITE] = "SELECT 1 FROM favourite WHERE phrase_id = ?1",
  [STATEMENT_USE_TOTAL] = "SELECT ifnull(sum(use_count), 0) FROM phrase_use WHERE phrase_id = ?1",
  [STATEMENT_EFFECTIVE_HOME] = "SELECT home FROM effective_phrase WHERE id = ?1",
  [STATEMENT_NEXT_HOME] = "SELECT ifnull(max(home), 0) + 1 FROM effective_phrase",
  [STATEMENT_INSERT_EFFECTIVE] =
    "INSERT INTO effective_phrase (search_key, home, id, set_id, genre_id, speaker, origin,"
    " favourite, use_count, index_text)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
  [STATEMENT_UPDATE_EFFECTIVE] =
    "UPDATE effective_phrase SET search_key = ?1, set_id = ?4, genre_id = ?5, speaker = ?6,"
    " origin = ?7, favourite = ?8, use_count = ?9, index_text = ?10"
    " WHERE id = ?3",
  [STATEMENT_DELETE_EFFECTIVE] = "DELETE FROM effective_phrase WHERE id = ?1",

  [STATEMENT_UPSERT_EDIT] =
    "INSERT INTO phrase_edit (phrase_id, set_id, genre_id, speaker, edited_on)"
    " VALUES (?1, ?2, ?3, ?4, date ('now'))"
    " ON CONFLICT (phrase_id) DO UPDATE SET set_id = excluded.set_id,"
    " genre_id = excluded.genre_id, speaker = excluded.speaker, edited_on = excluded.edited_on",
  [STATEMENT_DELETE_EDIT_TEXTS] = "DELETE FROM phrase_edit_text WHERE phrase_id = ?1",
  [STATEMENT_INSERT_EDIT_TEXT] =
    "INSERT INTO phrase_edit_text (phrase_id, language, text) VALUES (?1, ?2, ?3)",
  [STATEMENT_DELETE_EDIT] = "DELETE FROM phrase_edit WHERE phrase_id = ?1",
  [STATEMENT_INSERT_HIDDEN] =
    "INSERT OR REPLACE INTO hidden_phrase (phrase_id, hidden_on) VALUES (?1, date ('now'))",
  [STATEMENT_NEXT_LOCAL_NUMBER] =
    "INSERT INTO local_sequence (genre_id, last_number) VALUES (?1, 1)"
    " ON CONFLICT (genre_id) DO UPDATE SET last_number = last_number + 1"
    " RETURNING last_number",
  [STATEMENT_UPSERT_LOCAL] =
    "INSERT INTO local_phrase (id, set_id, genre_id, speaker, created_on)"
    " VALUES (?1, ?2, ?3, ?4, date ('now'))"
    " ON CONFLICT (id) DO UPDATE SET set_id = excluded.set_id, genre_id = excluded.genre_id,"
    " speaker = excluded.speaker",
  [STATEMENT_DELETE_LOCAL_TEXTS] = "DELETE FROM local_text WHERE phrase_id = ?1",
  [STATEMENT_INSERT_LOCAL_TEXT] =
    "INSERT INTO local_text (phrase_id, language, text) VALUES (?1, ?2, ?3)",
  [STATEMENT_DELETE_LOCAL] = "DELETE FROM local_phrase WHERE id = ?1",
  [STATEMENT_INSERT_FAVOURITE] = "INSERT OR IGNORE INTO favourite (phrase_id) VALUES (?1)",
  [STATEMENT_DELETE_FAVOURITE] = "DELETE FROM favourite WHERE phrase_id = ?1",
  [STATEMENT_RECORD_USE] =
    "INSERT INTO phrase_use (phrase_id, language, use_count, last_used_on)"
    " VALUES (?1, ?2, 1, date ('now'))"
    " ON CONFLICT (phrase_id, language) DO UPDATE SET use_count = use_count + 1,"
    " last_used_on = excluded.last_used_on",
};

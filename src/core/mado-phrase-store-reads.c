/* mado-phrase-store-reads.c: listing, lookups and search in the phrase store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-phrase-store.h"

#include "mado-phrase-store-private.h"
#include "mado-search-tokens.h"

#include <string.h>

gboolean
mado_phrase_store_load_texts (MadoPhraseStore   *self,
                              MadoPhrase        *phrase,
                              MadoPhraseOrigin   origin,
                              GError           **error)
{
  Statement which = origin == MADO_PHRASE_ORIGIN_LOCAL ? STATEMENT_LOCAL_TEXTS
                  : origin == MADO_PHRASE_ORIGIN_EDITED ? STATEMENT_EDITED_TEXTS
                  : STATEMENT_SHIPPED_TEXTS;
  g_autoptr(MadoCachedStatement) statement = mado_phrase_store_statement (self, which, error);
  int step;

  if (statement == NULL)
    return FALSE;

  mado_phrase_store_bind_text (statement, 1, mado_phrase_get_id (phrase));
  while ((step = mado_phrase_store_step (self, statement, "read a phrase's texts", error)) == SQLITE_ROW)
    mado_phrase_set_text (phrase,
                          (const char *) sqlite3_column_text (statement, 0),
                          (const char *) sqlite3_column_text (statement, 1));

  return step == SQLITE_DONE;
}

/* Builds a phrase from a row of PHRASE_COLUMNS, with its texts. */
static MadoPhrase *
phrase_from_row (MadoPhraseStore  *self,
                 sqlite3_stmt     *row,
                 GError          **error)
{
  g_autoptr(MadoPhrase) phrase = NULL;
  MadoPhraseOrigin origin = sqlite3_column_int (row, 4);

  phrase = mado_phrase_new ((const char *) sqlite3_column_text (row, 0),
                            (const char *) sqlite3_column_text (row, 1),
                            (const char *) sqlite3_column_text (row, 2));
  mado_phrase_set_speaker (phrase, sqlite3_column_int (row, 3));
  mado_phrase_set_origin (phrase, origin);
  mado_phrase_set_favourite (phrase, sqlite3_column_int (row, 5) != 0);
  mado_phrase_set_use_count (phrase, (guint) MIN (sqlite3_column_int64 (row, 6), G_MAXUINT));

  if (!mado_phrase_store_load_texts (self, phrase, origin, error))
    return NULL;

  return g_steal_pointer (&phrase);
}

/* Collects every row of @statement as a phrase. */
static GPtrArray *
collect_phrases (MadoPhraseStore  *self,
                 sqlite3_stmt     *statement,
                 const char       *action,
                 GError          **error)
{
  g_autoptr(GPtrArray) phrases = g_ptr_array_new_with_free_func (g_object_unref);
  int step;

  while ((step = mado_phrase_store_step (self, statement, action, error)) == SQLITE_ROW)
    {
      MadoPhrase *phrase = phrase_from_row (self, statement, error);

      if (phrase == NULL)
        return NULL;
      g_ptr_array_add (phrases, phrase);
    }

  return step == SQLITE_DONE ? g_steal_pointer (&phrases) : NULL;
}

static gboolean
require_set (MadoPhraseStore  *self,
             const char       *set_id,
             GError          **error)
{
  gboolean exists;

  if (!mado_phrase_store_row_exists (self, STATEMENT_SET_EXISTS, set_id, NULL, &exists, error))
    return FALSE;

  if (!exists)
    g_set_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_NOT_FOUND,
                 "The phrase store “%s” has no phrase set “%s”", self->file_name, set_id);
  return exists;
}

/**
 * mado_phrase_store_get_set_version:
 *
 * Returns: the version of @set_id the store holds, or 0 when it holds none (or cannot be read).
 */
guint
mado_phrase_store_get_set_version (MadoPhraseStore *self,
                                   const char      *set_id)
{
  g_autoptr(MadoCachedStatement) statement = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (MADO_IS_PHRASE_STORE (self), 0);
  g_return_val_if_fail (set_id != NULL, 0);

  statement = mado_phrase_store_statement (self, STATEMENT_SET_VERSION, &error);
  if (statement != NULL)
    {
      mado_phrase_store_bind_text (statement, 1, set_id);
      if (mado_phrase_store_step (self, statement, "read a set version", &error) == SQLITE_ROW)
        return (guint) sqlite3_column_int64 (statement, 0);
    }

  if (error != NULL)
    g_warning ("%s", error->message);
  return 0;
}

GPtrArray *
mado_phrase_store_list_sets (MadoPhraseStore  *self,
                             GError          **error)
{
  g_autoptr(MadoCachedStatement) sets = NULL;
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (g_object_unref);
  int step;

  g_return_val_if_fail (MADO_IS_PHRASE_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  sets = mado_phrase_store_statement (self, STATEMENT_LIST_SETS, error);
  if (sets == NULL)
    return NULL;

  while ((step = mado_phrase_store_step (self, sets, "list the phrase sets", error)) == SQLITE_ROW)
    {
      g_autoptr(MadoCachedStatement) names = NULL;
      g_autoptr(MadoPhraseSet) set = NULL;
      MadoReviewStatus review = MADO_REVIEW_NEEDS_NATIVE_REVIEW;
      int name_step;

      set = mado_phrase_set_new ((const char *) sqlite3_column_text (sets, 0),
                                 (guint) sqlite3_column_int64 (sets, 1));
      mado_review_status_from_string ((const char *) sqlite3_column_text (sets, 2), &review);
      mado_phrase_set_set_review (set, review);

      names = mado_phrase_store_statement (self, STATEMENT_SET_NAMES, error);
      if (names == NULL)
        return NULL;
      mado_phrase_store_bind_text (names, 1, mado_phrase_set_get_id (set));
      while ((name_step = mado_phrase_store_step (self, names, "read set names", error)) == SQLITE_ROW)
        mado_phrase_set_set_name (set,
                                  (const char *) sqlite3_column_text (names, 0),
                                  (const char *) sqlite3_column_text (names, 1));
      if (name_step == 0)
        return NULL;

      g_ptr_array_add (result, g_steal_pointer (&set));
    }

  return step == SQLITE_DONE ? g_steal_pointer (&result) : NULL;
}

GPtrArray *
mado_phrase_store_list_genres (MadoPhraseStore  *self,
                               const char       *set_id,
                               GError          **error)
{
  g_autoptr(MadoCachedStatement) genres = NULL;
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (g_object_unref);
  int step;

  g_return_val_if_fail (MADO_IS_PHRASE_STORE (self), NULL);
  g_return_val_if_fail (set_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!require_set (self, set_id, error))
    return NULL;

  genres = mado_phrase_store_statement (self, STATEMENT_LIST_GENRES, error);
  if (genres == NULL)
    return NULL;

  mado_phrase_store_bind_text (genres, 1, set_id);
  while ((step = mado_phrase_store_step (self, genres, "list the genres", error)) == SQLITE_ROW)
    {
      g_autoptr(MadoCachedStatement) names = NULL;
      g_autoptr(MadoGenre) genre = NULL;
      MadoReviewStatus review = MADO_REVIEW_NEEDS_NATIVE_REVIEW;
      int name_step;

      genre = mado_genre_new (set_id, (const char *) sqlite3_column_text (genres, 0),
                              sqlite3_column_int (genres, 1));
      mado_review_status_from_string ((const char *) sqlite3_column_text (genres, 2), &review);
      mado_genre_set_review (genre, review);

      names = mado_phrase_store_statement (self, STATEMENT_GENRE_NAMES, error);
      if (names == NULL)
        return NULL;
      mado_phrase_store_bind_text (names, 1, set_id);
      mado_phrase_store_bind_text (names, 2, mado_genre_get_id (genre));
      while ((name_step = mado_phrase_store_step (self, names, "read genre names", error)) == SQLITE_ROW)
        mado_genre_set_name (genre,
                             (const char *) sqlite3_column_text (names, 0),
                             (const char *) sqlite3_column_text (names, 1));
      if (name_step == 0)
        return NULL;

      g_ptr_array_add (result, g_steal_pointer (&genre));
    }

  return step == SQLITE_DONE ? g_steal_pointer (&result) : NULL;
}

GPtrArray *
mado_phrase_store_list_phrases (MadoPhraseStore  *self,
                                const char       *set_id,
                                const char       *genre_id,
                                GError          **error)
{
  g_autoptr(MadoCachedStatement) statement = NULL;

  g_return_val_if_fail (MADO_IS_PHRASE_STORE (self), NULL);
  g_return_val_if_fail (set_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (genre_id != NULL)
    {
      gboolean exists;

      if (!mado_phrase_store_row_exists (self, STATEMENT_GENRE_EXISTS, set_id, genre_id, &exists, error))
        return NULL;
      if (!exists)
        {
          g_set_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_NOT_FOUND,
                       "The phrase store “%s” has no genre “%s” in phrase set “%s”",
                       self->file_name, genre_id, set_id);
          return NULL;
        }
    }
  else if (!require_set (self, set_id, error))
    {
      return NULL;
    }

  statement = mado_phrase_store_statement (self, genre_id != NULL ? STATEMENT_LIST_GENRE_PHRASES
                                                                  : STATEMENT_LIST_SET_PHRASES,
                                           error);
  if (statement == NULL)
    return NULL;

  mado_phrase_store_bind_text (statement, 1, set_id);
  if (genre_id != NULL)
    mado_phrase_store_bind_text (statement, 2, genre_id);

  return collect_phrases (self, statement, "list phrases", error);
}

GPtrArray *
mado_phrase_store_list_favourites (MadoPhraseStore  *self,
                                   GError          **error)
{
  g_autoptr(MadoCachedStatement) statement = NULL;

  g_return_val_if_fail (MADO_IS_PHRASE_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  statement = mado_phrase_store_statement (self, STATEMENT_LIST_FAVOURITES, error);
  if (statement == NULL)
    return NULL;

  return collect_phrases (self, statement, "list favourites", error);
}

MadoPhrase *
mado_phrase_store_get_phrase (MadoPhraseStore  *self,
                              const char       *id,
                              GError          **error)
{
  g_autoptr(MadoCachedStatement) statement = NULL;
  int step;

  g_return_val_if_fail (MADO_IS_PHRASE_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  statement = mado_phrase_store_statement (self, STATEMENT_GET_PHRASE, error);
  if (statement == NULL)
    return NULL;

  mado_phrase_store_bind_text (statement, 1, id);
  step = mado_phrase_store_step (self, statement, "read a phrase", error);
  if (step == SQLITE_ROW)
    return phrase_from_row (self, statement, error);

  if (step == SQLITE_DONE)
    g_set_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_NOT_FOUND,
                 "The phrase store “%s” has no phrase “%s”", self->file_name, id);
  return NULL;
}

/**
 * mado_phrase_store_count_phrases:
 *
 * Returns: how many phrases the phrase book shows (shipped ones not hidden, edited and local).
 */
guint
mado_phrase_store_count_phrases (MadoPhraseStore *self)
{
  g_autoptr(MadoCachedStatement) statement = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (MADO_IS_PHRASE_STORE (self), 0);

  statement = mado_phrase_store_statement (self, STATEMENT_COUNT_PHRASES, &error);
  if (statement != NULL &&
      mado_phrase_store_step (self, statement, "count phrases", &error) == SQLITE_ROW)
    return (guint) sqlite3_column_int64 (statement, 0);

  if (error != NULL)
    g_warning ("%s", error->message);
  return 0;
}

/**
 * mado_phrase_store_get_data_version:
 * @version: (out): the version; compare it for equality only
 *
 * SQLite's data_version changes when another connection commits (the kiosk app while the gateway
 * reads, the admin tool while the app runs); the connection's own count of changed rows covers
 * what this store wrote itself, which data_version leaves out.
 */
gboolean
mado_phrase_store_get_data_version (MadoPhraseStore  *self,
                                    guint64          *version,
                                    GError          **error)
{
  g_autoptr(MadoCachedStatement) statement = NULL;

  g_return_val_if_fail (MADO_IS_PHRASE_STORE (self), FALSE);
  g_return_val_if_fail (version != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  statement = mado_phrase_store_statement (self, STATEMENT_DATA_VERSION, error);
  if (statement == NULL ||
      mado_phrase_store_step (self, statement, "read the data version", error) != SQLITE_ROW)
    return FALSE;

  *version = ((guint64) sqlite3_column_int64 (statement, 0) << 32) +
             ((guint64) sqlite3_total_changes64 (self->db) & G_MAXUINT32);
  return TRUE;
}

gboolean
mado_phrase_store_get_phrase_revision (MadoPhraseStore  *self,
                                       guint64          *revision,
                                       GError          **error)
{
  g_autoptr(MadoCachedStatement) statement = NULL;

  g_return_val_if_fail (MADO_IS_PHRASE_STORE (self), FALSE);
  g_return_val_if_fail (revision != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  statement = mado_phrase_store_statement (self, STATEMENT_PHRASE_REVISION, error);
  if (statement == NULL ||
      mado_phrase_store_step (self, statement, "read the phrase revision", error) != SQLITE_ROW)
    return FALSE;

  *revision = (guint64) sqlite3_column_int64 (statement, 0);
  return TRUE;
}

static int
compare_search_results (gconstpointer a,
                        gconstpointer b)
{
  MadoPhrase *first = *(MadoPhrase **) a;
  MadoPhrase *second = *(MadoPhrase **) b;
  gboolean first_favourite = mado_phrase_get_favourite (first);
  gboolean second_favourite = mado_phrase_get_favourite (second);
  guint first_uses = mado_phrase_get_use_count (first);
  guint second_uses = mado_phrase_get_use_count (second);

  if (first_favourite != second_favourite)
    return first_favourite ? -1 : 1;
  if (first_uses != second_uses)
    return first_uses > second_uses ? -1 : 1;
  return strcmp (mado_phrase_get_id (first), mado_phrase_get_id (second));
}

/* Adds the phrase with search key @key to @results unless @set_id rules it out. */
static gboolean
add_phrase_by_key (MadoPhraseStore  *self,
                   gint64            key,
                   const char       *set_id,
                   GPtrArray        *results,
                   GError          **error)
{
  g_autoptr(MadoCachedStatement) statement = NULL;
  MadoPhrase *phrase;
  int step;

  statement = mado_phrase_store_statement (self, STATEMENT_PHRASE_BY_KEY, error);
  if (statement == NULL)
    return FALSE;

  sqlite3_bind_int64 (statement, 1, key);
  mado_phrase_store_bind_text (statement, 2, set_id);
  step = mado_phrase_store_step (self, statement, "search phrases", error);
  if (step != SQLITE_ROW)
    return step == SQLITE_DONE;

  phrase = phrase_from_row (self, statement, error);
  if (phrase == NULL)
    return FALSE;

  g_ptr_array_add (results, phrase);
  return TRUE;
}

/* Searches with long and short terms together. Each index hands back its matches in key order,
 * and walking both lists side by side costs only as many steps as it takes to fill the page;
 * letting SQLite probe one index once per match of the other costs a full FTS5 query per probe,
 * which made queries such as "lost it" ten times slower than any other. */
static GPtrArray *
search_both_indexes (MadoPhraseStore  *self,
                     const char       *trigram_match,
                     const char       *short_match,
                     const char       *set_id,
                     guint             limit,
                     GError          **error)
{
  g_autoptr(MadoCachedStatement) long_keys = NULL;
  g_autoptr(MadoCachedStatement) short_keys = NULL;
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func (g_object_unref);
  const char *action = "search phrases";
  int long_step, short_step;

  long_keys = mado_phrase_store_statement (self, STATEMENT_TRIGRAM_KEYS, error);
  if (long_keys == NULL)
    return NULL;
  short_keys = mado_phrase_store_statement (self, STATEMENT_SHORT_KEYS, error);
  if (short_keys == NULL)
    return NULL;

  mado_phrase_store_bind_text (long_keys, 1, trigram_match);
  mado_phrase_store_bind_text (short_keys, 1, short_match);

  long_step = mado_phrase_store_step (self, long_keys, action, error);
  short_step = long_step != 0 ? mado_phrase_store_step (self, short_keys, action, error) : 0;

  while (long_step == SQLITE_ROW && short_step == SQLITE_ROW && (limit == 0 || results->len < limit))
    {
      gint64 long_key = sqlite3_column_int64 (long_keys, 0);
      gint64 short_key = sqlite3_column_int64 (short_keys, 0);

      if (long_key == short_key && !add_phrase_by_key (self, long_key, set_id, results, error))
        return NULL;

      if (long_key <= short_key)
        long_step = mado_phrase_store_step (self, long_keys, action, error);
      if (long_step != 0 && short_key <= long_key)
        short_step = mado_phrase_store_step (self, short_keys, action, error);
    }

  if (long_step == 0 || short_step == 0)
    return NULL;

  return g_steal_pointer (&results);
}

/**
 * mado_phrase_store_search:
 * @query: what was typed, in any language and script
 * @set_id: (nullable): only phrases of this set
 * @limit: the most phrases to return; 0 for no limit
 *
 * Terms of three characters or more are matched as substrings through the trigram index, shorter
 * ones through the short-query index (see mado-search-tokens.c); every term must match.
 *
 * Ordering trades a little exactness for speed on very common short queries ("の", "a"), which
 * match most of the book. The index rowid encodes favourite and use count, so FTS5 hands back
 * matches already ranked and stops at @limit without sorting everything. Among phrases nobody
 * has pinned or used, that order is the order phrases were first stored in (id order within a
 * seeded set, local phrases after), so which of them fill a full page can differ from strict id
 * order; the page itself is then sorted favourites first, by use count, then by id.
 *
 * Returns: (transfer full) (element-type MadoPhrase): the matches; empty for a query with
 * nothing to search for.
 */
GPtrArray *
mado_phrase_store_search (MadoPhraseStore  *self,
                          const char       *query,
                          const char       *set_id,
                          guint             limit,
                          GError          **error)
{
  g_autoptr(MadoCachedStatement) statement = NULL;
  g_autofree char *trigram_match = NULL;
  g_autofree char *short_match = NULL;
  GPtrArray *results;

  g_return_val_if_fail (MADO_IS_PHRASE_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!mado_search_build_match (query, &trigram_match, &short_match))
    return g_ptr_array_new_with_free_func (g_object_unref);

  if (trigram_match != NULL && short_match != NULL)
    {
      results = search_both_indexes (self, trigram_match, short_match, set_id, limit, error);
    }
  else
    {
      statement = mado_phrase_store_statement (self, trigram_match != NULL ? STATEMENT_SEARCH_TRIGRAM
                                                                           : STATEMENT_SEARCH_SHORT,
                                               error);
      if (statement == NULL)
        return NULL;

      mado_phrase_store_bind_text (statement, 1, trigram_match);
      mado_phrase_store_bind_text (statement, 2, short_match);
      mado_phrase_store_bind_text (statement, 3, set_id);
      sqlite3_bind_int64 (statement, 4, limit > 0 ? (gint64) limit : -1);

      results = collect_phrases (self, statement, "search phrases", error);
    }

  if (results != NULL)
    g_ptr_array_sort (results, compare_search_results);

  return results;
}

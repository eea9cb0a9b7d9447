/* mado-phrase-store-changes.c: staff changes, favourites and use counts, and the phrase list they feed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every change (seeding too, in mado-phrase-store-seed.c) writes the tables it owns (shipped,
 * edit, hidden, local, favourite, use) and then calls mado_phrase_store_sync_phrase() for each
 * phrase id it touched. That derives the phrase's row of effective_phrase from those tables,
 * which keeps the phrase list and both search indexes (kept in step by triggers) consistent
 * whatever the change was. Each public call is one transaction.
 */
#include "mado-phrase-store.h"

#include "mado-language.h"
#include "mado-phrase-store-private.h"
#include "mado-ruby.h"
#include "mado-search-tokens.h"

#define EASY_JAPANESE "ja-x-easy"

/* search_key layout, see search_key_for(). */
#define HOME_MAX       ((gint64) G_MAXINT32)
#define RANK_USES_MAX  (((gint64) 1 << 30) - 1)

gboolean
mado_phrase_store_begin_change (MadoPhraseStore  *self,
                                const char       *action,
                                GError          **error)
{
  if (self->read_only)
    {
      g_set_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_READ_ONLY,
                   "Could not %s: the phrase store “%s” is open read-only",
                   action, self->file_name);
      return FALSE;
    }

  return mado_phrase_store_exec (self, "BEGIN IMMEDIATE", action, error);
}

gboolean
mado_phrase_store_end_change (MadoPhraseStore  *self,
                              gboolean          succeeded,
                              const char       *action,
                              GError          **error)
{
  if (succeeded && mado_phrase_store_exec (self, "COMMIT", action, error))
    return TRUE;

  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

gboolean
mado_phrase_store_run_with_id (MadoPhraseStore  *self,
                               Statement         which,
                               const char       *id,
                               const char       *action,
                               GError          **error)
{
  g_autoptr(MadoCachedStatement) statement = mado_phrase_store_statement (self, which, error);

  if (statement == NULL)
    return FALSE;

  mado_phrase_store_bind_text (statement, 1, id);
  return mado_phrase_store_run (self, statement, action, error);
}

/* The FTS5 rowid of a phrase, which is also the order search results come in.
 *
 * A phrase nobody has pinned or used keeps its home (its place in id order), a positive number.
 * Any other phrase gets a negative key, so it comes before all of those, made of (from the high
 * bits down) the favourite flag, the use count and HOME_MAX - home: ascending keys then run
 * favourites first, then by use count, then in home order, and no two phrases share a key. */
static gint64
search_key_for (gboolean favourite,
                gint64   uses,
                gint64   home)
{
  g_assert (home >= 1 && home <= HOME_MAX);

  if (!favourite && uses == 0)
    return home;

  uses = CLAMP (uses, 0, RANK_USES_MAX);
  return -(((gint64) (favourite ? 1 : 0) << 61) | (uses << 31) | (HOME_MAX - home));
}

/* Reads the table row that says where phrase @id comes from, if @which finds one. */
static gboolean
read_source_row (MadoPhraseStore   *self,
                 Statement          which,
                 const char        *id,
                 MadoPhraseOrigin   origin,
                 MadoPhrase       **phrase,
                 GError           **error)
{
  g_autoptr(MadoCachedStatement) statement = mado_phrase_store_statement (self, which, error);
  int step;

  if (statement == NULL)
    return FALSE;

  mado_phrase_store_bind_text (statement, 1, id);
  step = mado_phrase_store_step (self, statement, "read where a phrase comes from", error);
  if (step == SQLITE_ROW)
    {
      *phrase = mado_phrase_new (id,
                                 (const char *) sqlite3_column_text (statement, 0),
                                 (const char *) sqlite3_column_text (statement, 1));
      mado_phrase_set_speaker (*phrase, sqlite3_column_int (statement, 2));
      mado_phrase_set_origin (*phrase, origin);
    }

  return step != 0;
}

/* Works out what the phrase book shows for @id: a local phrase; nothing when hidden; else the
 * municipality's edit; else the shipped phrase. *@phrase stays NULL when it shows nothing. */
static gboolean
read_effective_source (MadoPhraseStore  *self,
                       const char       *id,
                       MadoPhrase      **phrase,
                       GError          **error)
{
  g_autoptr(MadoPhrase) found = NULL;
  gboolean hidden;

  if (!read_source_row (self, STATEMENT_SOURCE_LOCAL, id, MADO_PHRASE_ORIGIN_LOCAL, &found, error))
    return FALSE;

  if (found == NULL)
    {
      if (!mado_phrase_store_row_exists (self, STATEMENT_SOURCE_HIDDEN, id, NULL, &hidden, error))
        return FALSE;
      if (hidden)
        return TRUE;

      if (!read_source_row (self, STATEMENT_SOURCE_EDIT, id, MADO_PHRASE_ORIGIN_EDITED, &found, error))
        return FALSE;
      if (found == NULL &&
          !read_source_row (self, STATEMENT_SOURCE_SHIPPED, id, MADO_PHRASE_ORIGIN_SHIPPED, &found, error))
        return FALSE;
      if (found == NULL)
        return TRUE;
    }

  if (!mado_phrase_store_load_texts (self, found, mado_phrase_get_origin (found), error))
    return FALSE;

  *phrase = g_steal_pointer (&found);
  return TRUE;
}

static gboolean
read_home (MadoPhraseStore  *self,
           const char       *id,
           gint64           *home,
           GError          **error)
{
  g_autoptr(MadoCachedStatement) statement = NULL;
  int step;

  *home = 0;

  statement = mado_phrase_store_statement (self, STATEMENT_EFFECTIVE_HOME, error);
  if (statement == NULL)
    return FALSE;

  mado_phrase_store_bind_text (statement, 1, id);
  step = mado_phrase_store_step (self, statement, "read a phrase's place", error);
  if (step == SQLITE_ROW)
    *home = sqlite3_column_int64 (statement, 0);

  return step != 0;
}

static gboolean
read_single_int (MadoPhraseStore  *self,
                 Statement         which,
                 const char       *id,
                 gint64           *value,
                 GError          **error)
{
  g_autoptr(MadoCachedStatement) statement = mado_phrase_store_statement (self, which, error);

  if (statement == NULL)
    return FALSE;

  if (id != NULL)
    mado_phrase_store_bind_text (statement, 1, id);
  if (mado_phrase_store_step (self, statement, "read the phrase list", error) != SQLITE_ROW)
    return FALSE;

  *value = sqlite3_column_int64 (statement, 0);
  return TRUE;
}

/* Brings the row of effective_phrase for @id (and through the triggers, the search indexes) in
 * line with the tables that own the phrase. */
gboolean
mado_phrase_store_sync_phrase (MadoPhraseStore  *self,
                               const char       *id,
                               GError          **error)
{
  g_autoptr(MadoPhrase) phrase = NULL;
  g_autoptr(MadoCachedStatement) statement = NULL;
  g_autoptr(GString) index_text = NULL;
  g_auto(GStrv) languages = NULL;
  gboolean favourite;
  gint64 uses, home;

  if (!read_effective_source (self, id, &phrase, error))
    return FALSE;

  if (phrase == NULL)
    return mado_phrase_store_run_with_id (self, STATEMENT_DELETE_EFFECTIVE, id, "remove a phrase from the list", error);

  if (!mado_phrase_store_row_exists (self, STATEMENT_IS_FAVOURITE, id, NULL, &favourite, error) ||
      !read_single_int (self, STATEMENT_USE_TOTAL, id, &uses, error) ||
      !read_home (self, id, &home, error))
    return FALSE;

  statement = mado_phrase_store_statement (self, home != 0 ? STATEMENT_UPDATE_EFFECTIVE
                                                           : STATEMENT_INSERT_EFFECTIVE,
                                           error);
  if (statement == NULL)
    return FALSE;

  if (home == 0)
    {
      if (!read_single_int (self, STATEMENT_NEXT_HOME, NULL, &home, error))
        return FALSE;
      if (home > HOME_MAX)
        {
          g_set_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_INVALID,
                       "The phrase store “%s” has handed out every phrase number it can hold",
                       self->file_name);
          return FALSE;
        }
    }

  index_text = g_string_new (NULL);
  languages = mado_phrase_dup_languages (phrase);
  for (guint i = 0; languages[i] != NULL; i++)
    mado_search_append_index_text (index_text, languages[i],
                                   mado_phrase_get_text (phrase, languages[i]));

  sqlite3_bind_int64 (statement, 1, search_key_for (favourite, uses, home));
  sqlite3_bind_int64 (statement, 2, home);
  mado_phrase_store_bind_text (statement, 3, id);
  mado_phrase_store_bind_text (statement, 4, mado_phrase_get_set_id (phrase));
  mado_phrase_store_bind_text (statement, 5, mado_phrase_get_genre_id (phrase));
  sqlite3_bind_int (statement, 6, mado_phrase_get_speaker (phrase));
  sqlite3_bind_int (statement, 7, mado_phrase_get_origin (phrase));
  sqlite3_bind_int (statement, 8, favourite);
  sqlite3_bind_int64 (statement, 9, uses);
  mado_phrase_store_bind_text (statement, 10, index_text->str);

  return mado_phrase_store_run (self, statement, "update the phrase list", error);
}

/* Writes every text of @phrase with @which, an insert taking (id, language, text). */
static gboolean
write_texts (MadoPhraseStore  *self,
             Statement         which,
             const char       *id,
             MadoPhrase       *phrase,
             GError          **error)
{
  g_auto(GStrv) languages = mado_phrase_dup_languages (phrase);

  for (guint i = 0; languages[i] != NULL; i++)
    {
      g_autoptr(MadoCachedStatement) statement = mado_phrase_store_statement (self, which, error);

      if (statement == NULL)
        return FALSE;

      mado_phrase_store_bind_text (statement, 1, id);
      mado_phrase_store_bind_text (statement, 2, languages[i]);
      mado_phrase_store_bind_text (statement, 3, mado_phrase_get_text (phrase, languages[i]));
      if (!mado_phrase_store_run (self, statement, "write a phrase text", error))
        return FALSE;
    }

  return TRUE;
}

/* Writes the row of a phrase table taking (id, set, genre, speaker) and then its texts. */
gboolean
mado_phrase_store_write_phrase (MadoPhraseStore  *self,
                                Statement         row,
                                Statement         delete_texts,
                                Statement         insert_text,
                                const char       *id,
                                MadoPhrase       *phrase,
                                GError          **error)
{
  g_autoptr(MadoCachedStatement) statement = mado_phrase_store_statement (self, row, error);

  if (statement == NULL)
    return FALSE;

  mado_phrase_store_bind_text (statement, 1, id);
  mado_phrase_store_bind_text (statement, 2, mado_phrase_get_set_id (phrase));
  mado_phrase_store_bind_text (statement, 3, mado_phrase_get_genre_id (phrase));
  sqlite3_bind_int (statement, 4, mado_phrase_get_speaker (phrase));

  return mado_phrase_store_run (self, statement, "write a phrase", error) &&
         (delete_texts == N_STATEMENTS ||
          mado_phrase_store_run_with_id (self, delete_texts, id, "replace a phrase's texts", error)) &&
         write_texts (self, insert_text, id, phrase, error);
}

/* Checks a phrase staff wrote or changed before it is stored. */
static gboolean
validate_staff_phrase (MadoPhraseStore  *self,
                       MadoPhrase       *phrase,
                       GError          **error)
{
  const char *set_id = mado_phrase_get_set_id (phrase);
  const char *genre_id = mado_phrase_get_genre_id (phrase);
  const char *easy_text = mado_phrase_get_text (phrase, EASY_JAPANESE);
  g_autoptr(GError) ruby_error = NULL;
  gboolean genre_exists;

  if (set_id == NULL || genre_id == NULL)
    {
      g_set_error_literal (error, MADO_STORE_ERROR, MADO_STORE_ERROR_INVALID,
                           "A phrase needs a phrase set and a genre");
      return FALSE;
    }

  if (!mado_phrase_store_row_exists (self, STATEMENT_GENRE_EXISTS, set_id, genre_id,
                                     &genre_exists, error))
    return FALSE;
  if (!genre_exists)
    {
      g_set_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_NOT_FOUND,
                   "The phrase store “%s” has no genre “%s” in phrase set “%s”",
                   self->file_name, genre_id, set_id);
      return FALSE;
    }

  if (mado_phrase_get_text (phrase, MADO_STAFF_LANGUAGE) == NULL)
    {
      g_set_error_literal (error, MADO_STORE_ERROR, MADO_STORE_ERROR_INVALID,
                           "A phrase needs its Japanese text");
      return FALSE;
    }

  if (easy_text != NULL && !mado_ruby_validate (easy_text, &ruby_error))
    {
      g_set_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_INVALID,
                   "The Easy Japanese text has broken furigana: %s", ruby_error->message);
      return FALSE;
    }

  return TRUE;
}

static gboolean
require_listed (MadoPhraseStore  *self,
                const char       *id,
                GError          **error)
{
  gint64 home;

  if (!read_home (self, id, &home, error))
    return FALSE;

  if (home == 0)
    g_set_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_NOT_FOUND,
                 "The phrase store “%s” has no phrase “%s”", self->file_name, id);
  return home != 0;
}

static gboolean
is_local (MadoPhraseStore  *self,
          const char       *id,
          gboolean         *local,
          GError          **error)
{
  g_autoptr(MadoPhrase) found = NULL;

  if (!read_source_row (self, STATEMENT_SOURCE_LOCAL, id, MADO_PHRASE_ORIGIN_LOCAL, &found, error))
    return FALSE;

  *local = found != NULL;
  return TRUE;
}

static char *
add_local_phrase (MadoPhraseStore  *self,
                  MadoPhrase       *phrase,
                  GError          **error)
{
  const char *genre_id = mado_phrase_get_genre_id (phrase);
  g_autoptr(MadoCachedStatement) statement = NULL;
  g_autofree char *id = NULL;
  int step;

  statement = mado_phrase_store_statement (self, STATEMENT_NEXT_LOCAL_NUMBER, error);
  if (statement == NULL)
    return NULL;

  mado_phrase_store_bind_text (statement, 1, genre_id);
  step = mado_phrase_store_step (self, statement, "number a new phrase", error);
  if (step != SQLITE_ROW)
    return NULL;

  id = g_strdup_printf ("local.%s.%" G_GINT64_FORMAT, genre_id,
                        (gint64) sqlite3_column_int64 (statement, 0));
  if (mado_phrase_store_step (self, statement, "number a new phrase", error) == 0)
    return NULL;

  if (!mado_phrase_store_write_phrase (self, STATEMENT_UPSERT_LOCAL, STATEMENT_DELETE_LOCAL_TEXTS,
                                       STATEMENT_INSERT_LOCAL_TEXT, id, phrase, error) ||
      !mado_phrase_store_sync_phrase (self, id, error))
    return NULL;

  return g_steal_pointer (&id);
}

/**
 * mado_phrase_store_add_phrase:
 * @phrase: the new phrase; its set and genre may be any genre of any set. Its own id,
 *   favourite flag and use count are not used.
 *
 * Returns: (transfer full): the new id, "local.GENRE.N", with N never handed out before
 */
char *
mado_phrase_store_add_phrase (MadoPhraseStore  *self,
                              MadoPhrase       *phrase,
                              GError          **error)
{
  g_autofree char *id = NULL;
  const char *action = "add a phrase";

  g_return_val_if_fail (MADO_IS_PHRASE_STORE (self), NULL);
  g_return_val_if_fail (MADO_IS_PHRASE (phrase), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!mado_phrase_store_begin_change (self, action, error))
    return NULL;

  if (validate_staff_phrase (self, phrase, error))
    id = add_local_phrase (self, phrase, error);

  if (!mado_phrase_store_end_change (self, id != NULL, action, error))
    return NULL;

  return g_steal_pointer (&id);
}

static gboolean
update_phrase (MadoPhraseStore  *self,
               MadoPhrase       *phrase,
               GError          **error)
{
  const char *id = mado_phrase_get_id (phrase);
  gboolean local;

  if (!validate_staff_phrase (self, phrase, error) ||
      !require_listed (self, id, error) ||
      !is_local (self, id, &local, error))
    return FALSE;

  /* A shipped phrase is never rewritten: the edit overrides it and survives every reseed. */
  if (local)
    return mado_phrase_store_write_phrase (self, STATEMENT_UPSERT_LOCAL, STATEMENT_DELETE_LOCAL_TEXTS,
                                           STATEMENT_INSERT_LOCAL_TEXT, id, phrase, error) &&
           mado_phrase_store_sync_phrase (self, id, error);
  else
    return mado_phrase_store_write_phrase (self, STATEMENT_UPSERT_EDIT, STATEMENT_DELETE_EDIT_TEXTS,
                                           STATEMENT_INSERT_EDIT_TEXT, id, phrase, error) &&
           mado_phrase_store_sync_phrase (self, id, error);
}

/**
 * mado_phrase_store_update_phrase:
 * @phrase: the phrase with its id and every text it should have from now on
 */
gboolean
mado_phrase_store_update_phrase (MadoPhraseStore  *self,
                                 MadoPhrase       *phrase,
                                 GError          **error)
{
  g_autofree char *action = NULL;
  gboolean succeeded;

  g_return_val_if_fail (MADO_IS_PHRASE_STORE (self), FALSE);
  g_return_val_if_fail (MADO_IS_PHRASE (phrase), FALSE);
  g_return_val_if_fail (mado_phrase_get_id (phrase) != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  action = g_strdup_printf ("change phrase “%s”", mado_phrase_get_id (phrase));
  if (!mado_phrase_store_begin_change (self, action, error))
    return FALSE;

  succeeded = update_phrase (self, phrase, error);
  return mado_phrase_store_end_change (self, succeeded, action, error);
}

/**
 * mado_phrase_store_apply_changes:
 * @additions: (nullable) (element-type MadoPhrase): phrases to add, as mado_phrase_store_add_phrase() would
 * @updates: (nullable) (element-type MadoPhrase): phrases to change, as mado_phrase_store_update_phrase() would
 *
 * Makes every change in one transaction, so that a bulk import that fails half-way (a full disk, a
 * phrase deleted meanwhile) leaves the phrase book as it was.
 */
gboolean
mado_phrase_store_apply_changes (MadoPhraseStore  *self,
                                 GPtrArray        *additions,
                                 GPtrArray        *updates,
                                 GError          **error)
{
  const char *action = "import phrases";
  gboolean succeeded = TRUE;

  g_return_val_if_fail (MADO_IS_PHRASE_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!mado_phrase_store_begin_change (self, action, error))
    return FALSE;

  for (guint i = 0; succeeded && updates != NULL && i < updates->len; i++)
    succeeded = update_phrase (self, g_ptr_array_index (updates, i), error);

  for (guint i = 0; succeeded && additions != NULL && i < additions->len; i++)
    {
      MadoPhrase *phrase = g_ptr_array_index (additions, i);
      g_autofree char *id = NULL;

      succeeded = validate_staff_phrase (self, phrase, error) &&
                  (id = add_local_phrase (self, phrase, error)) != NULL;
    }

  return mado_phrase_store_end_change (self, succeeded, action, error);
}

static gboolean
delete_phrase (MadoPhraseStore  *self,
               const char       *id,
               GError          **error)
{
  gboolean local;

  if (!require_listed (self, id, error) || !is_local (self, id, &local, error))
    return FALSE;

  if (local)
    {
      if (!mado_phrase_store_run_with_id (self, STATEMENT_DELETE_LOCAL, id, "delete a phrase", error))
        return FALSE;
    }
  else
    {
      /* The hidden mark keeps the phrase away even when a newer set ships it again. */
      if (!mado_phrase_store_run_with_id (self, STATEMENT_DELETE_EDIT, id, "delete a phrase", error) ||
          !mado_phrase_store_run_with_id (self, STATEMENT_INSERT_HIDDEN, id, "delete a phrase", error))
        return FALSE;
    }

  return mado_phrase_store_run_with_id (self, STATEMENT_DELETE_FAVOURITE, id, "delete a phrase", error) &&
         mado_phrase_store_sync_phrase (self, id, error);
}

/**
 * mado_phrase_store_delete_phrase:
 *
 * Deletes a local phrase, or hides a shipped or edited one for good. Its use counts stay for
 * the usage figures.
 */
gboolean
mado_phrase_store_delete_phrase (MadoPhraseStore  *self,
                                 const char       *id,
                                 GError          **error)
{
  g_autofree char *action = NULL;
  gboolean succeeded;

  g_return_val_if_fail (MADO_IS_PHRASE_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  action = g_strdup_printf ("delete phrase “%s”", id);
  if (!mado_phrase_store_begin_change (self, action, error))
    return FALSE;

  succeeded = delete_phrase (self, id, error);
  return mado_phrase_store_end_change (self, succeeded, action, error);
}

gboolean
mado_phrase_store_set_favourite (MadoPhraseStore  *self,
                                 const char       *id,
                                 gboolean          favourite,
                                 GError          **error)
{
  g_autofree char *action = NULL;
  gboolean succeeded;

  g_return_val_if_fail (MADO_IS_PHRASE_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  action = g_strdup_printf ("%s phrase “%s”", favourite ? "pin" : "unpin", id);
  if (!mado_phrase_store_begin_change (self, action, error))
    return FALSE;

  succeeded = require_listed (self, id, error) &&
              mado_phrase_store_run_with_id (self, favourite ? STATEMENT_INSERT_FAVOURITE : STATEMENT_DELETE_FAVOURITE,
                                             id, action, error) &&
              mado_phrase_store_sync_phrase (self, id, error);
  return mado_phrase_store_end_change (self, succeeded, action, error);
}

/**
 * mado_phrase_store_record_use:
 * @language: the language the phrase was shown or spoken in
 *
 * Counts one use. Only the phrase id, the language, the count and the day of the last use are
 * kept: nothing about who used it or what else was said.
 */
static gboolean
count_use (MadoPhraseStore  *self,
           const char       *id,
           const char       *language,
           const char       *action,
           GError          **error)
{
  g_autoptr(MadoCachedStatement) statement = NULL;

  if (!require_listed (self, id, error))
    return FALSE;

  statement = mado_phrase_store_statement (self, STATEMENT_RECORD_USE, error);
  if (statement == NULL)
    return FALSE;

  mado_phrase_store_bind_text (statement, 1, id);
  mado_phrase_store_bind_text (statement, 2, language);
  return mado_phrase_store_run (self, statement, action, error);
}

gboolean
mado_phrase_store_record_use (MadoPhraseStore  *self,
                              const char       *id,
                              const char       *language,
                              GError          **error)
{
  g_autofree char *action = NULL;
  const MadoLanguage *entry;
  gboolean succeeded;

  g_return_val_if_fail (MADO_IS_PHRASE_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (language != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  entry = mado_language_lookup (language);
  if (entry == NULL)
    {
      g_set_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_INVALID,
                   "Cannot count a use of phrase “%s” in “%s”, which is not a language Madoguchi knows",
                   id, language);
      return FALSE;
    }

  action = g_strdup_printf ("count a use of phrase “%s”", id);
  if (!mado_phrase_store_begin_change (self, action, error))
    return FALSE;

  succeeded = count_use (self, id, entry->code, action, error) &&
              mado_phrase_store_sync_phrase (self, id, error);
  return mado_phrase_store_end_change (self, succeeded, action, error);
}

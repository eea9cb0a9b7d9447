/* mado-phrase-store-seed.c: writing shipped phrase sets into the phrase store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-phrase-store.h"

#include "mado-phrase-store-private.h"

#include <string.h>

/* Writes names[i] in languages[i] with @insert, which takes (set, [genre,] language, name). */
static gboolean
write_names (MadoPhraseStore  *self,
             Statement         insert,
             const char       *set_id,
             const char       *genre_id,
             GStrv             languages,
             const char      **names,
             GError          **error)
{
  int language_index = genre_id != NULL ? 3 : 2;

  for (guint i = 0; languages[i] != NULL; i++)
    {
      g_autoptr(MadoCachedStatement) statement = mado_phrase_store_statement (self, insert, error);

      if (statement == NULL)
        return FALSE;

      mado_phrase_store_bind_text (statement, 1, set_id);
      if (genre_id != NULL)
        mado_phrase_store_bind_text (statement, 2, genre_id);
      mado_phrase_store_bind_text (statement, language_index, languages[i]);
      mado_phrase_store_bind_text (statement, language_index + 1, names[i]);
      if (!mado_phrase_store_run (self, statement, "write a name", error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
read_ids (MadoPhraseStore  *self,
          Statement         which,
          const char       *set_id,
          GPtrArray        *ids,
          GError          **error)
{
  g_autoptr(MadoCachedStatement) statement = mado_phrase_store_statement (self, which, error);
  int step;

  if (statement == NULL)
    return FALSE;

  mado_phrase_store_bind_text (statement, 1, set_id);
  while ((step = mado_phrase_store_step (self, statement, "read ids", error)) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (statement, 0)));

  return step == SQLITE_DONE;
}

static gboolean
write_set_header (MadoPhraseStore  *self,
                  MadoPhraseSet    *set,
                  GError          **error)
{
  const char *set_id = mado_phrase_set_get_id (set);
  g_autoptr(MadoCachedStatement) statement = NULL;
  g_auto(GStrv) languages = mado_phrase_set_dup_name_languages (set);
  g_autofree const char **names = g_new0 (const char *, g_strv_length (languages) + 1);

  for (guint i = 0; languages[i] != NULL; i++)
    names[i] = mado_phrase_set_get_name (set, languages[i]);

  statement = mado_phrase_store_statement (self, STATEMENT_UPSERT_SET, error);
  if (statement == NULL)
    return FALSE;

  mado_phrase_store_bind_text (statement, 1, set_id);
  sqlite3_bind_int64 (statement, 2, mado_phrase_set_get_version (set));
  mado_phrase_store_bind_text (statement, 3,
                               mado_review_status_to_string (mado_phrase_set_get_review (set)));

  return mado_phrase_store_run (self, statement, "write a phrase set", error) &&
         mado_phrase_store_run_with_id (self, STATEMENT_DELETE_SET_NAMES, set_id, "replace set names", error) &&
         write_names (self, STATEMENT_INSERT_SET_NAME, set_id, NULL, languages, names, error);
}

/* Replaces the set's genres. A genre the new version drops stays while local phrases or edits
 * still file phrases under it, so those phrases stay reachable in the phrase book. */
static gboolean
write_genres (MadoPhraseStore  *self,
              MadoPhraseSet    *set,
              GHashTable       *genre_ids,
              GError          **error)
{
  const char *set_id = mado_phrase_set_get_id (set);
  GPtrArray *genres = mado_phrase_set_get_genres (set);
  g_autoptr(GPtrArray) stored_ids = g_ptr_array_new_with_free_func (g_free);

  if (!read_ids (self, STATEMENT_SET_GENRE_IDS, set_id, stored_ids, error))
    return FALSE;

  for (guint i = 0; i < stored_ids->len; i++)
    {
      g_autoptr(MadoCachedStatement) statement = NULL;

      if (g_hash_table_contains (genre_ids, stored_ids->pdata[i]))
        continue;

      statement = mado_phrase_store_statement (self, STATEMENT_DELETE_UNUSED_GENRE, error);
      if (statement == NULL)
        return FALSE;
      mado_phrase_store_bind_text (statement, 1, set_id);
      mado_phrase_store_bind_text (statement, 2, stored_ids->pdata[i]);
      if (!mado_phrase_store_run (self, statement, "remove a genre", error))
        return FALSE;
    }

  for (guint i = 0; i < genres->len; i++)
    {
      MadoGenre *genre = genres->pdata[i];
      const char *genre_id = mado_genre_get_id (genre);
      g_autoptr(MadoCachedStatement) statement = NULL;
      g_autoptr(MadoCachedStatement) delete_names = NULL;
      g_auto(GStrv) languages = mado_genre_dup_name_languages (genre);
      g_autofree const char **names = g_new0 (const char *, g_strv_length (languages) + 1);

      for (guint j = 0; languages[j] != NULL; j++)
        names[j] = mado_genre_get_name (genre, languages[j]);

      statement = mado_phrase_store_statement (self, STATEMENT_UPSERT_GENRE, error);
      if (statement == NULL)
        return FALSE;
      mado_phrase_store_bind_text (statement, 1, set_id);
      mado_phrase_store_bind_text (statement, 2, genre_id);
      sqlite3_bind_int (statement, 3, mado_genre_get_order (genre));
      mado_phrase_store_bind_text (statement, 4,
                                   mado_review_status_to_string (mado_genre_get_review (genre)));
      if (!mado_phrase_store_run (self, statement, "write a genre", error))
        return FALSE;

      delete_names = mado_phrase_store_statement (self, STATEMENT_DELETE_GENRE_NAMES, error);
      if (delete_names == NULL)
        return FALSE;
      mado_phrase_store_bind_text (delete_names, 1, set_id);
      mado_phrase_store_bind_text (delete_names, 2, genre_id);
      if (!mado_phrase_store_run (self, delete_names, "replace genre names", error) ||
          !write_names (self, STATEMENT_INSERT_GENRE_NAME, set_id, genre_id, languages, names, error))
        return FALSE;
    }

  return TRUE;
}

static int
compare_phrase_ids (gconstpointer a,
                    gconstpointer b)
{
  return strcmp (mado_phrase_get_id (*(MadoPhrase **) a), mado_phrase_get_id (*(MadoPhrase **) b));
}

static gboolean
write_shipped_phrases (MadoPhraseStore  *self,
                       MadoPhraseSet    *set,
                       GError          **error)
{
  const char *set_id = mado_phrase_set_get_id (set);
  g_autoptr(GPtrArray) old_ids = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *set_phrases = mado_phrase_set_get_phrases (set);
  g_autoptr(GPtrArray) phrases = g_ptr_array_sized_new (set_phrases->len);
  g_autoptr(GHashTable) new_ids = g_hash_table_new (g_str_hash, g_str_equal);

  if (!read_ids (self, STATEMENT_SHIPPED_IDS_OF_SET, set_id, old_ids, error) ||
      !mado_phrase_store_run_with_id (self, STATEMENT_DELETE_SHIPPED_OF_SET, set_id,
                                      "remove the old shipped phrases", error))
    return FALSE;

  /* Phrases seen for the first time get their place in the search order (home) in id order. */
  for (guint i = 0; i < set_phrases->len; i++)
    g_ptr_array_add (phrases, set_phrases->pdata[i]);
  g_ptr_array_sort (phrases, compare_phrase_ids);

  for (guint i = 0; i < phrases->len; i++)
    {
      MadoPhrase *phrase = phrases->pdata[i];
      const char *id = mado_phrase_get_id (phrase);

      g_hash_table_add (new_ids, (gpointer) id);
      if (!mado_phrase_store_write_phrase (self, STATEMENT_INSERT_SHIPPED, N_STATEMENTS,
                                           STATEMENT_INSERT_SHIPPED_TEXT, id, phrase, error) ||
          !mado_phrase_store_sync_phrase (self, id, error))
        return FALSE;
    }

  for (guint i = 0; i < old_ids->len; i++)
    if (!g_hash_table_contains (new_ids, old_ids->pdata[i]) &&
        !mado_phrase_store_sync_phrase (self, old_ids->pdata[i], error))
      return FALSE;

  return TRUE;
}

/* Shipped data is checked by its reader; this catches what would break the store's own rules. */
static gboolean
validate_set (MadoPhraseStore  *self,
              MadoPhraseSet    *set,
              GHashTable       *genre_ids,
              GError          **error)
{
  const char *set_id = mado_phrase_set_get_id (set);
  GPtrArray *genres = mado_phrase_set_get_genres (set);
  GPtrArray *phrases = mado_phrase_set_get_phrases (set);
  g_autoptr(GHashTable) phrase_ids = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < genres->len; i++)
    g_hash_table_add (genre_ids, (gpointer) mado_genre_get_id (genres->pdata[i]));

  for (guint i = 0; i < phrases->len; i++)
    {
      MadoPhrase *phrase = phrases->pdata[i];
      const char *id = mado_phrase_get_id (phrase);
      const char *problem = NULL;
      g_autofree char *where = NULL;

      if (id == NULL)
        problem = "has no id";
      else if (!g_hash_table_add (phrase_ids, (gpointer) id))
        problem = "appears twice";
      else if (g_strcmp0 (mado_phrase_get_set_id (phrase), set_id) != 0)
        problem = "belongs to another set";
      else if (!g_hash_table_contains (genre_ids, mado_phrase_get_genre_id (phrase)))
        problem = "names a genre the set does not have";

      if (problem == NULL)
        continue;

      if (mado_phrase_get_source_line (phrase) > 0)
        where = g_strdup_printf (" (line %u)", mado_phrase_get_source_line (phrase));
      g_set_error (error, MADO_STORE_ERROR, MADO_STORE_ERROR_INVALID,
                   "Phrase set “%s” cannot be stored: phrase “%s”%s %s",
                   set_id, id != NULL ? id : "", where != NULL ? where : "", problem);
      return FALSE;
    }

  return TRUE;
}

static gboolean
is_seed_wanted (MadoPhraseStore  *self,
                MadoPhraseSet    *set,
                gboolean         *wanted,
                GError          **error)
{
  const char *set_id = mado_phrase_set_get_id (set);
  guint version = mado_phrase_set_get_version (set);
  guint stored_version;
  gboolean stored;

  if (!mado_phrase_store_row_exists (self, STATEMENT_SET_EXISTS, set_id, NULL, &stored, error))
    return FALSE;

  *wanted = !stored;
  if (!stored)
    return TRUE;

  stored_version = mado_phrase_store_get_set_version (self, set_id);
  if (version <= stored_version)
    return TRUE;

  if (!mado_phrase_set_get_complete (set))
    {
      g_message ("Keeping version %u of phrase set “%s”: version %u could not be read in full",
                 stored_version, set_id, version);
      return TRUE;
    }

  *wanted = TRUE;
  return TRUE;
}

/**
 * mado_phrase_store_seed:
 * @out_seeded: (out) (optional): whether the set was written
 *
 * Writes @set when the store holds no version of it, or an older version and @set is complete.
 * The set's shipped phrases, genres and names are replaced in one transaction; edits, hidden
 * marks, local phrases, favourites and use counts are left as they are.
 *
 * Returns: FALSE with @error set when the set could not be written; TRUE otherwise, also when
 * there was nothing to do.
 */
gboolean
mado_phrase_store_seed (MadoPhraseStore  *self,
                        MadoPhraseSet    *set,
                        gboolean         *out_seeded,
                        GError          **error)
{
  g_autoptr(GHashTable) genre_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *action = NULL;
  gboolean wanted = FALSE;
  gboolean succeeded;

  g_return_val_if_fail (MADO_IS_PHRASE_STORE (self), FALSE);
  g_return_val_if_fail (MADO_IS_PHRASE_SET (set), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (out_seeded != NULL)
    *out_seeded = FALSE;

  /* Asking first keeps a read-only store quiet when it already has the set. */
  if (!is_seed_wanted (self, set, &wanted, error))
    return FALSE;
  if (!wanted)
    return TRUE;

  if (!validate_set (self, set, genre_ids, error))
    return FALSE;

  action = g_strdup_printf ("store version %u of phrase set “%s”",
                            mado_phrase_set_get_version (set), mado_phrase_set_get_id (set));
  if (!mado_phrase_store_begin_change (self, action, error))
    return FALSE;

  /* Asking again under the write lock, in case the admin tool stored the set meanwhile. */
  succeeded = is_seed_wanted (self, set, &wanted, error) &&
              (!wanted ||
               (write_set_header (self, set, error) &&
                write_genres (self, set, genre_ids, error) &&
                write_shipped_phrases (self, set, error)));

  if (!mado_phrase_store_end_change (self, succeeded, action, error))
    return FALSE;

  if (out_seeded != NULL)
    *out_seeded = wanted;
  return TRUE;
}

/* mado-phrase-exchange.c: the phrase book to and from CSV and JSON, for editing in bulk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Exports are written by mado-phrase-exchange-export.c.
 *
 * An import goes in three steps: the file becomes rows (mado-phrase-exchange-rows.c), every row is
 * checked against the database and turned into the phrase it will write, and only when no row has
 * a problem are the changed phrases written. A spreadsheet with one mistake therefore changes
 * nothing, and the staff member gets the full list of what to fix at once.
 */
#include "mado-phrase-exchange.h"

#include <string.h>

#include "mado-burmese.h"
#include "mado-language.h"
#include "mado-phrase-exchange-private.h"
#include "mado-ruby.h"

G_DEFINE_QUARK (mado-exchange-error-quark, mado_exchange_error)

struct _MadoPhraseExchange
{
  GObject          parent_instance;

  MadoPhraseStore *store;
  GPtrArray       *diagnostics;   /* MadoDiagnostic */
};

G_DEFINE_FINAL_TYPE (MadoPhraseExchange, mado_phrase_exchange, G_TYPE_OBJECT)

static void
mado_phrase_exchange_dispose (GObject *object)
{
  MadoPhraseExchange *self = MADO_PHRASE_EXCHANGE (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (mado_phrase_exchange_parent_class)->dispose (object);
}

static void
mado_phrase_exchange_finalize (GObject *object)
{
  MadoPhraseExchange *self = MADO_PHRASE_EXCHANGE (object);

  g_ptr_array_unref (self->diagnostics);

  G_OBJECT_CLASS (mado_phrase_exchange_parent_class)->finalize (object);
}

static void
mado_phrase_exchange_class_init (MadoPhraseExchangeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mado_phrase_exchange_dispose;
  object_class->finalize = mado_phrase_exchange_finalize;
}

static void
mado_phrase_exchange_init (MadoPhraseExchange *self)
{
  self->diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) mado_diagnostic_free);
}

MadoPhraseExchange *
mado_phrase_exchange_new (MadoPhraseStore *store)
{
  MadoPhraseExchange *self;

  g_return_val_if_fail (MADO_IS_PHRASE_STORE (store), NULL);

  self = g_object_new (MADO_TYPE_PHRASE_EXCHANGE, NULL);
  self->store = g_object_ref (store);

  return self;
}

gboolean
mado_exchange_format_from_name (const char         *name,
                                MadoExchangeFormat *format)
{
  g_return_val_if_fail (format != NULL, FALSE);

  if (g_ascii_strcasecmp (name != NULL ? name : "", "csv") == 0)
    *format = MADO_EXCHANGE_FORMAT_CSV;
  else if (g_ascii_strcasecmp (name != NULL ? name : "", "json") == 0)
    *format = MADO_EXCHANGE_FORMAT_JSON;
  else
    return FALSE;

  return TRUE;
}

gboolean
mado_exchange_format_from_path (const char         *path,
                                MadoExchangeFormat *format)
{
  const char *dot;

  g_return_val_if_fail (path != NULL, FALSE);

  dot = strrchr (path, '.');
  return dot != NULL && strchr (dot, G_DIR_SEPARATOR) == NULL &&
         mado_exchange_format_from_name (dot + 1, format);
}

const char *
mado_exchange_format_to_name (MadoExchangeFormat format)
{
  return format == MADO_EXCHANGE_FORMAT_JSON ? "json" : "csv";
}

/**
 * mado_phrase_exchange_export:
 * @set_id: (nullable): the one set to export, or %NULL for all
 * @n_exported: (out) (optional): how many phrases the result holds
 *
 * Returns: (transfer full): the file's contents
 */
GBytes *
mado_phrase_exchange_export (MadoPhraseExchange  *self,
                             MadoExchangeFormat   format,
                             const char          *set_id,
                             guint               *n_exported,
                             GError             **error)
{
  g_autoptr(GPtrArray) phrases = NULL;

  g_return_val_if_fail (MADO_IS_PHRASE_EXCHANGE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  phrases = mado_exchange_collect_phrases (self->store, set_id, error);
  if (phrases == NULL)
    return NULL;

  if (n_exported != NULL)
    *n_exported = phrases->len;

  return mado_exchange_write (phrases, format);
}

gboolean
mado_phrase_exchange_export_file (MadoPhraseExchange  *self,
                                  const char          *path,
                                  MadoExchangeFormat   format,
                                  const char          *set_id,
                                  guint               *n_exported,
                                  GError             **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;
  const char *data;

  g_return_val_if_fail (MADO_IS_PHRASE_EXCHANGE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  bytes = mado_phrase_exchange_export (self, format, set_id, n_exported, error);
  if (bytes == NULL)
    return FALSE;

  /* Written to a temporary file and renamed, so an interrupted export never leaves half a file
   * where the previous one was. */
  data = g_bytes_get_data (bytes, &length);
  if (!g_file_set_contents (path, data, length, &local_error))
    {
      g_set_error (error, MADO_EXCHANGE_ERROR, MADO_EXCHANGE_ERROR_IO,
                   "Cannot write the export: %s", local_error->message);
      return FALSE;
    }

  return TRUE;
}

/* Import */

typedef struct {
  MadoExchangeRow *row;
  MadoPhrase      *existing;  /* the phrase in the database, or NULL for a new one */
  MadoPhrase      *result;    /* the phrase as it will be written */
} Plan;

static void
plan_free (Plan *plan)
{
  g_clear_object (&plan->existing);
  g_clear_object (&plan->result);
  g_free (plan);
}

typedef struct {
  MadoPhraseExchange *self;
  MadoExchangeRows   *rows;
  GHashTable         *genres_by_set;  /* set id → GHashTable of its genre ids, for the sets that exist */
  GHashTable         *ids;            /* phrase id → GUINT line of its first row */
  GHashTable         *texts_by_genre; /* "set/genre" → GHashTable of Japanese text → phrase id */
  GPtrArray          *plans;          /* Plan */
} Import;

static void
import_clear (Import *import)
{
  g_clear_pointer (&import->genres_by_set, g_hash_table_unref);
  g_clear_pointer (&import->ids, g_hash_table_unref);
  g_clear_pointer (&import->texts_by_genre, g_hash_table_unref);
  g_clear_pointer (&import->plans, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Import, import_clear)

static gboolean
load_genres (Import  *import,
             GError **error)
{
  g_autoptr(GPtrArray) sets = mado_phrase_store_list_sets (import->self->store, error);

  if (sets == NULL)
    return FALSE;

  import->genres_by_set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                 (GDestroyNotify) g_hash_table_unref);
  for (guint i = 0; i < sets->len; i++)
    {
      const char *set_id = mado_phrase_set_get_id (g_ptr_array_index (sets, i));
      g_autoptr(GPtrArray) genres = mado_phrase_store_list_genres (import->self->store, set_id, error);
      GHashTable *ids;

      if (genres == NULL)
        return FALSE;

      ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint j = 0; j < genres->len; j++)
        g_hash_table_add (ids, g_strdup (mado_genre_get_id (g_ptr_array_index (genres, j))));
      g_hash_table_insert (import->genres_by_set, g_strdup (set_id), ids);
    }

  return TRUE;
}

/* A cell's value with the white space around it removed, or NULL when the column is absent. */
static const char *
cell (MadoExchangeRow *row,
      guint            key)
{
  return row->values[key];
}

static gboolean
cell_is_empty (MadoExchangeRow *row,
               guint            key)
{
  return row->values[key] == NULL || row->values[key][0] == '\0';
}

static void
parse_speaker (Import          *import,
               MadoExchangeRow *row,
               MadoSpeaker     *speaker)
{
  const char *value = cell (row, MADO_EXCHANGE_FIELD_SPEAKER);

  if (g_ascii_strcasecmp (value, "staff") == 0)
    *speaker = MADO_SPEAKER_STAFF;
  else if (g_ascii_strcasecmp (value, "resident") == 0)
    *speaker = MADO_SPEAKER_RESIDENT;
  else
    {
      mado_exchange_rows_report (import->rows, row, MADO_EXCHANGE_FIELD_SPEAKER, MADO_EXCHANGE_ERROR_BAD_VALUE,
                                 "“%s” is not a speaker; write staff or resident", value);
    }
}

static void
check_origin (Import          *import,
              MadoExchangeRow *row)
{
  const char *value = cell (row, MADO_EXCHANGE_FIELD_ORIGIN);

  /* The origin column is for reading: the database decides it from the id. It is still checked
   * so that a shifted column shows up here rather than as wrong text somewhere else. */
  if (cell_is_empty (row, MADO_EXCHANGE_FIELD_ORIGIN) ||
      strcmp (value, "shipped") == 0 || strcmp (value, "edited") == 0 || strcmp (value, "local") == 0)
    return;

  mado_exchange_rows_report (import->rows, row, MADO_EXCHANGE_FIELD_ORIGIN, MADO_EXCHANGE_ERROR_BAD_VALUE,
                             "“%s” is not an origin; it is shipped, edited or local (or left empty)", value);
}

/* Checks the set and genre a new phrase names. */
static gboolean
check_place (Import          *import,
             MadoExchangeRow *row)
{
  const char *set_id = cell (row, MADO_EXCHANGE_FIELD_SET);
  const char *genre_id = cell (row, MADO_EXCHANGE_FIELD_GENRE);
  GHashTable *genres;

  if (cell_is_empty (row, MADO_EXCHANGE_FIELD_SET))
    {
      mado_exchange_rows_report (import->rows, row, MADO_EXCHANGE_FIELD_SET, MADO_EXCHANGE_ERROR_UNKNOWN_SET,
                                 "a new phrase needs the set it belongs to");
      return FALSE;
    }
  genres = g_hash_table_lookup (import->genres_by_set, set_id);
  if (genres == NULL)
    {
      mado_exchange_rows_report (import->rows, row, MADO_EXCHANGE_FIELD_SET, MADO_EXCHANGE_ERROR_UNKNOWN_SET,
                                 "the database has no phrase set “%s”", set_id);
      return FALSE;
    }
  if (cell_is_empty (row, MADO_EXCHANGE_FIELD_GENRE))
    {
      mado_exchange_rows_report (import->rows, row, MADO_EXCHANGE_FIELD_GENRE, MADO_EXCHANGE_ERROR_UNKNOWN_GENRE,
                                 "a new phrase needs the genre it belongs to");
      return FALSE;
    }
  if (!g_hash_table_contains (genres, genre_id))
    {
      mado_exchange_rows_report (import->rows, row, MADO_EXCHANGE_FIELD_GENRE, MADO_EXCHANGE_ERROR_UNKNOWN_GENRE,
                                 "the set “%s” has no genre “%s”", set_id, genre_id);
      return FALSE;
    }

  return TRUE;
}

/* A row naming an existing phrase must not try to move it. */
static void
check_same_place (Import          *import,
                  MadoExchangeRow *row,
                  MadoPhrase      *existing)
{
  static const guint keys[] = { MADO_EXCHANGE_FIELD_SET, MADO_EXCHANGE_FIELD_GENRE };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      const char *actual = keys[i] == MADO_EXCHANGE_FIELD_SET ? mado_phrase_get_set_id (existing)
                                                               : mado_phrase_get_genre_id (existing);

      if (!cell_is_empty (row, keys[i]) && strcmp (cell (row, keys[i]), actual) != 0)
        {
          mado_exchange_rows_report (import->rows, row, keys[i], MADO_EXCHANGE_ERROR_MOVED_PHRASE,
                                     "%s belongs to “%s”, not “%s”; phrases cannot move, so add a new "
                                     "row without id instead", mado_phrase_get_id (existing), actual,
                                     cell (row, keys[i]));
        }
    }
}

/* Checks the texts the phrase will have; each problem is reported at its column. */
static gboolean
check_texts (Import          *import,
             MadoExchangeRow *row,
             MadoPhrase      *phrase)
{
  const char *japanese = mado_phrase_get_text (phrase, MADO_STAFF_LANGUAGE);
  const char *easy = mado_phrase_get_text (phrase, "ja-x-easy");
  const char *burmese = mado_phrase_get_text (phrase, "my");
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  if (japanese == NULL)
    {
      mado_exchange_rows_report (import->rows, row, mado_exchange_key_for_language (MADO_STAFF_LANGUAGE),
                                 MADO_EXCHANGE_ERROR_MISSING_JAPANESE,
                                 "every phrase needs its Japanese text, which the clerk reads");
      ok = FALSE;
    }

  if (easy != NULL && !mado_ruby_validate (easy, &error))
    {
      mado_exchange_rows_report (import->rows, row, mado_exchange_key_for_language ("ja-x-easy"),
                                 g_error_matches (error, MADO_RUBY_ERROR, MADO_RUBY_ERROR_KANJI_WITHOUT_READING)
                                   ? MADO_EXCHANGE_ERROR_KANJI_WITHOUT_READING
                                   : MADO_EXCHANGE_ERROR_BAD_READING,
                                 "Easy Japanese text, %s", error->message);
      g_clear_error (&error);
      ok = FALSE;
    }

  if (burmese != NULL && !mado_burmese_validate (burmese, &error))
    {
      mado_exchange_rows_report (import->rows, row, mado_exchange_key_for_language ("my"),
                                 MADO_EXCHANGE_ERROR_ZAWGYI,
                                 "the Burmese text looks Zawgyi-encoded (%s); retype it with a Unicode "
                                 "keyboard or convert it", error->message);
      ok = FALSE;
    }

  return ok;
}

/* A copy of @existing, or an empty phrase in the row's place, with the row's cells laid over it. */
static MadoPhrase *
merge_row (MadoExchangeRow *row,
           MadoPhrase      *existing,
           MadoSpeaker      speaker)
{
  const MadoLanguage **languages;
  guint n_languages;
  MadoPhrase *phrase;

  if (existing != NULL)
    phrase = mado_phrase_new (mado_phrase_get_id (existing), mado_phrase_get_set_id (existing),
                              mado_phrase_get_genre_id (existing));
  else
    phrase = mado_phrase_new (NULL, cell (row, MADO_EXCHANGE_FIELD_SET), cell (row, MADO_EXCHANGE_FIELD_GENRE));

  mado_phrase_set_speaker (phrase, speaker);
  if (existing != NULL)
    mado_phrase_set_origin (phrase, mado_phrase_get_origin (existing));
  else
    mado_phrase_set_origin (phrase, MADO_PHRASE_ORIGIN_LOCAL);

  languages = mado_language_get_all (&n_languages);
  for (guint i = 0; i < n_languages; i++)
    {
      const char *value = cell (row, MADO_EXCHANGE_N_FIELDS + i);

      if (value != NULL)
        mado_phrase_set_text (phrase, languages[i]->code, value);
      else if (existing != NULL)
        mado_phrase_set_text (phrase, languages[i]->code, mado_phrase_get_text (existing, languages[i]->code));
    }

  return phrase;
}

static gboolean
phrase_differs (MadoPhrase *a,
                MadoPhrase *b)
{
  const MadoLanguage **languages;
  guint n_languages;

  if (mado_phrase_get_speaker (a) != mado_phrase_get_speaker (b))
    return TRUE;

  languages = mado_language_get_all (&n_languages);
  for (guint i = 0; i < n_languages; i++)
    if (g_strcmp0 (mado_phrase_get_text (a, languages[i]->code),
                   mado_phrase_get_text (b, languages[i]->code)) != 0)
      return TRUE;

  return FALSE;
}

/* Importing the same file twice would add its new rows twice, since they have no id yet. A new
 * row whose Japanese text its genre already has (in the database or further up the file) is
 * therefore refused and pointed at the phrase it repeats. Returns FALSE only when the database
 * fails. */
static gboolean
check_not_added_twice (Import           *import,
                       MadoExchangeRow  *row,
                       MadoPhrase       *phrase,
                       GError          **error)
{
  const char *set_id = mado_phrase_get_set_id (phrase);
  const char *genre_id = mado_phrase_get_genre_id (phrase);
  const char *japanese = mado_phrase_get_text (phrase, MADO_STAFF_LANGUAGE);
  g_autofree char *place = g_strdup_printf ("%s/%s", set_id, genre_id);
  GHashTable *texts = g_hash_table_lookup (import->texts_by_genre, place);
  const char *holder;

  if (texts == NULL)
    {
      g_autoptr(GPtrArray) phrases = mado_phrase_store_list_phrases (import->self->store, set_id, genre_id, error);

      if (phrases == NULL)
        return FALSE;

      texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      for (guint i = 0; i < phrases->len; i++)
        {
          MadoPhrase *listed = g_ptr_array_index (phrases, i);
          const char *text = mado_phrase_get_text (listed, MADO_STAFF_LANGUAGE);

          if (text != NULL)
            g_hash_table_insert (texts, g_strdup (text), g_strdup (mado_phrase_get_id (listed)));
        }
      g_hash_table_insert (import->texts_by_genre, g_steal_pointer (&place), texts);
    }

  holder = g_hash_table_lookup (texts, japanese);
  if (holder != NULL)
    {
      mado_exchange_rows_report (import->rows, row, mado_exchange_key_for_language (MADO_STAFF_LANGUAGE),
                                 MADO_EXCHANGE_ERROR_DUPLICATE_PHRASE,
                                 "this genre already has this Japanese text, as %s; put that id in the "
                                 "id column to change it (was the file imported before?)", holder);
      return TRUE;
    }

  g_hash_table_insert (texts, g_strdup (japanese), g_strdup_printf ("the new phrase on line %u", row->line));
  return TRUE;
}

/* Checks one row and plans what it will write. Returns FALSE only when the database fails; a
 * problem with the row itself is a diagnostic. */
static gboolean
plan_row (Import           *import,
          MadoExchangeRow  *row,
          GError          **error)
{
  const char *id = cell_is_empty (row, MADO_EXCHANGE_FIELD_ID) ? NULL : cell (row, MADO_EXCHANGE_FIELD_ID);
  g_autoptr(MadoPhrase) existing = NULL;
  MadoSpeaker speaker = MADO_SPEAKER_STAFF;
  gboolean place_ok = TRUE;
  Plan *plan;

  if (id != NULL)
    {
      g_autoptr(GError) local_error = NULL;
      gpointer first_line;

      if (g_hash_table_lookup_extended (import->ids, id, NULL, &first_line))
        {
          mado_exchange_rows_report (import->rows, row, MADO_EXCHANGE_FIELD_ID, MADO_EXCHANGE_ERROR_DUPLICATE_ID,
                                     "%s is already on line %u; a phrase can be changed by one row only",
                                     id, GPOINTER_TO_UINT (first_line));
          return TRUE;
        }
      g_hash_table_insert (import->ids, g_strdup (id), GUINT_TO_POINTER (row->line));

      existing = mado_phrase_store_get_phrase (import->self->store, id, &local_error);
      if (existing == NULL && !g_error_matches (local_error, MADO_STORE_ERROR, MADO_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      /* A local phrase from another tablet's export is new here; the store gives it an id. Any
       * other unknown id is a typo or a phrase deleted since the export. */
      if (existing == NULL && !g_str_has_prefix (id, "local."))
        {
          mado_exchange_rows_report (import->rows, row, MADO_EXCHANGE_FIELD_ID, MADO_EXCHANGE_ERROR_UNKNOWN_PHRASE,
                                     "the database has no phrase %s (deleted, or a typing mistake?); leave "
                                     "the id empty to add the row as a new phrase", id);
          return TRUE;
        }
    }

  if (existing != NULL)
    {
      speaker = mado_phrase_get_speaker (existing);
      check_same_place (import, row, existing);
    }
  else
    place_ok = check_place (import, row);

  if (!cell_is_empty (row, MADO_EXCHANGE_FIELD_SPEAKER))
    parse_speaker (import, row, &speaker);
  check_origin (import, row);

  plan = g_new0 (Plan, 1);
  plan->row = row;
  plan->existing = g_steal_pointer (&existing);
  plan->result = merge_row (row, plan->existing, speaker);
  g_ptr_array_add (import->plans, plan);

  /* Every problem of the row is reported, not just the first, so one pass fixes the file. */
  if (check_texts (import, row, plan->result) && place_ok && plan->existing == NULL &&
      !check_not_added_twice (import, row, plan->result, error))
    return FALSE;

  return TRUE;
}

/* Writes the rows that change something, all in one transaction. */
static gboolean
apply_plans (Import             *import,
             MadoImportSummary  *summary,
             GError            **error)
{
  g_autoptr(GPtrArray) additions = g_ptr_array_new ();
  g_autoptr(GPtrArray) updates = g_ptr_array_new ();

  for (guint i = 0; i < import->plans->len; i++)
    {
      Plan *plan = g_ptr_array_index (import->plans, i);

      if (plan->existing == NULL)
        {
          g_ptr_array_add (additions, plan->result);
          summary->added++;
        }
      else if (!phrase_differs (plan->existing, plan->result))
        summary->unchanged++;
      else
        {
          g_ptr_array_add (updates, plan->result);
          if (mado_phrase_get_origin (plan->existing) == MADO_PHRASE_ORIGIN_LOCAL)
            summary->updated++;
          else
            summary->edited++;
        }
    }

  if (additions->len == 0 && updates->len == 0)
    return TRUE;

  return mado_phrase_store_apply_changes (import->self->store, additions, updates, error);
}

gboolean
mado_phrase_exchange_import (MadoPhraseExchange  *self,
                             GBytes              *data,
                             MadoExchangeFormat   format,
                             const char          *display_name,
                             MadoImportSummary   *summary,
                             GError             **error)
{
  g_auto(Import) import = { 0 };
  MadoImportSummary counts = { 0 };
  g_autoptr(MadoExchangeRows) rows = NULL;

  g_return_val_if_fail (MADO_IS_PHRASE_EXCHANGE (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (display_name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_ptr_array_set_size (self->diagnostics, 0);

  rows = mado_exchange_rows_parse (data, format, display_name, self->diagnostics);

  import.self = self;
  import.rows = rows;
  import.ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import.texts_by_genre = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                 (GDestroyNotify) g_hash_table_unref);
  import.plans = g_ptr_array_new_with_free_func ((GDestroyNotify) plan_free);
  if (!load_genres (&import, error))
    return FALSE;

  for (guint i = 0; i < rows->rows->len; i++)
    if (!plan_row (&import, g_ptr_array_index (rows->rows, i), error))
      return FALSE;

  if (self->diagnostics->len > 0)
    {
      if (self->diagnostics->len == 1)
        g_set_error (error, MADO_EXCHANGE_ERROR, MADO_EXCHANGE_ERROR_INVALID,
                     "%s has a problem; nothing was imported", display_name);
      else
        g_set_error (error, MADO_EXCHANGE_ERROR, MADO_EXCHANGE_ERROR_INVALID,
                     "%s has %u problems; nothing was imported", display_name, self->diagnostics->len);
      return FALSE;
    }

  if (!apply_plans (&import, &counts, error))
    return FALSE;

  if (summary != NULL)
    *summary = counts;

  return TRUE;
}

gboolean
mado_phrase_exchange_import_file (MadoPhraseExchange  *self,
                                  const char          *path,
                                  MadoExchangeFormat   format,
                                  MadoImportSummary   *summary,
                                  GError             **error)
{
  g_autofree char *display = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  g_return_val_if_fail (MADO_IS_PHRASE_EXCHANGE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  display = g_filename_display_name (path);
  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_ptr_array_set_size (self->diagnostics, 0);
      g_set_error (error, MADO_EXCHANGE_ERROR, MADO_EXCHANGE_ERROR_IO,
                   "Cannot read %s: %s", display, local_error->message);
      return FALSE;
    }

  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  return mado_phrase_exchange_import (self, bytes, format, display, summary, error);
}

/**
 * mado_phrase_exchange_get_diagnostics:
 *
 * Returns: (transfer none) (element-type MadoDiagnostic): the problems of the last import
 */
GPtrArray *
mado_phrase_exchange_get_diagnostics (MadoPhraseExchange *self)
{
  g_return_val_if_fail (MADO_IS_PHRASE_EXCHANGE (self), NULL);

  return self->diagnostics;
}

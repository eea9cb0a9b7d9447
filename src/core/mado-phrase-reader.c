/* mado-phrase-reader.c: reading and checking the shipped phrase files in data/phrases
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-phrase-reader.h"

#include <string.h>

#include "mado-phrase-parser-private.h"

G_DEFINE_QUARK (mado-phrase-file-error-quark, mado_phrase_file_error)

struct _MadoPhraseReader
{
  GObject    parent_instance;

  GPtrArray *diagnostics;   /* MadoDiagnostic */
};

G_DEFINE_FINAL_TYPE (MadoPhraseReader, mado_phrase_reader, G_TYPE_OBJECT)

static void
mado_phrase_reader_finalize (GObject *object)
{
  MadoPhraseReader *self = MADO_PHRASE_READER (object);

  g_ptr_array_unref (self->diagnostics);

  G_OBJECT_CLASS (mado_phrase_reader_parent_class)->finalize (object);
}

static void
mado_phrase_reader_class_init (MadoPhraseReaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mado_phrase_reader_finalize;
}

static void
mado_phrase_reader_init (MadoPhraseReader *self)
{
  self->diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) mado_diagnostic_free);
}

MadoPhraseReader *
mado_phrase_reader_new (void)
{
  return g_object_new (MADO_TYPE_PHRASE_READER, NULL);
}

static void
report_path (MadoPhraseReader    *self,
             const char          *path,
             MadoPhraseFileError  code,
             const char          *message)
{
  g_autofree char *display = g_filename_display_name (path);

  g_ptr_array_add (self->diagnostics,
                   mado_diagnostic_new (display, 0, 0, MADO_PHRASE_FILE_ERROR, code, message));
}

/* Reads and parses one file. Returns %NULL (with the problem reported and in @error) only when the
 * file cannot be read; otherwise the content, which may be unusable. */
static MadoPhraseFileContent *
read_content (MadoPhraseReader  *self,
              const char        *path,
              const char        *expected_set_id,
              const char        *expected_genre_id,
              GError           **error)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  gsize length;

  if (!g_file_get_contents (path, &data, &length, &local_error))
    {
      g_autofree char *message = g_strdup_printf ("cannot read the file: %s", local_error->message);

      report_path (self, path, MADO_PHRASE_FILE_ERROR_IO, message);
      g_set_error (error, MADO_PHRASE_FILE_ERROR, MADO_PHRASE_FILE_ERROR_IO, "%s: %s", display, message);
      return NULL;
    }

  return mado_phrase_file_parse (display, data, length, expected_set_id, expected_genre_id,
                                 self->diagnostics);
}

typedef struct {
  MadoGenre *genre;
  GPtrArray *phrases;
} GenreContent;

static void
genre_content_clear (GenreContent *content)
{
  g_clear_object (&content->genre);
  g_clear_pointer (&content->phrases, g_ptr_array_unref);
}

static int
compare_genre_content (gconstpointer a,
                       gconstpointer b)
{
  const GenreContent *first = a;
  const GenreContent *second = b;
  int first_order = mado_genre_get_order (first->genre);
  int second_order = mado_genre_get_order (second->genre);

  if (first_order != second_order)
    return first_order < second_order ? -1 : 1;

  return strcmp (mado_genre_get_id (first->genre), mado_genre_get_id (second->genre));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The entries of @dir in a stable order, so diagnostics and genres come out the same everywhere. */
static GPtrArray *
list_directory (const char  *dir,
                GError     **error)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, error);
  g_autoptr(GPtrArray) names = NULL;
  const char *name;

  if (handle == NULL)
    return NULL;

  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (handle)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_strings);

  return g_steal_pointer (&names);
}

/* Reads one set folder. Returns %NULL when its set.xml is missing or unusable, with the code of
 * the reason in @failure. */
static MadoPhraseSet *
read_set_folder (MadoPhraseReader    *self,
                 const char          *folder,
                 const char          *set_id,
                 MadoPhraseFileError *failure)
{
  g_autofree char *set_path = g_build_filename (folder, "set.xml", NULL);
  g_autoptr(MadoPhraseFileContent) set_content = NULL;
  g_autoptr(GArray) genres = g_array_new (FALSE, TRUE, sizeof (GenreContent));
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  MadoPhraseSet *set = NULL;

  g_array_set_clear_func (genres, (GDestroyNotify) genre_content_clear);

  if (!g_file_test (set_path, G_FILE_TEST_EXISTS))
    {
      report_path (self, folder, MADO_PHRASE_FILE_ERROR_NO_SET_FILE,
                   "the set folder has no set.xml, so its genres cannot be used");
      *failure = MADO_PHRASE_FILE_ERROR_NO_SET_FILE;
    }
  else
    {
      set_content = read_content (self, set_path, set_id, NULL, NULL);
      if (set_content == NULL)
        *failure = MADO_PHRASE_FILE_ERROR_IO;
      else if (!set_content->usable)
        *failure = set_content->fatal_code;
      else
        set = g_object_ref (set_content->set);
    }

  entries = list_directory (folder, &error);
  if (entries == NULL)
    {
      g_autofree char *message = g_strdup_printf ("cannot list the set folder: %s", error->message);

      report_path (self, folder, MADO_PHRASE_FILE_ERROR_IO, message);
      *failure = MADO_PHRASE_FILE_ERROR_IO;
      g_clear_object (&set);
      return NULL;
    }

  for (guint i = 0; i < entries->len; i++)
    {
      const char *name = g_ptr_array_index (entries, i);
      g_autofree char *path = NULL;
      g_autofree char *genre_id = NULL;
      g_autoptr(MadoPhraseFileContent) content = NULL;
      GenreContent genre;

      if (!g_str_has_suffix (name, ".xml") || strcmp (name, "set.xml") == 0)
        continue;

      path = g_build_filename (folder, name, NULL);
      genre_id = g_strndup (name, strlen (name) - strlen (".xml"));
      content = read_content (self, path, set_id, genre_id, NULL);

      if (content == NULL || !content->usable)
        {
          if (set != NULL)
            mado_phrase_set_set_complete (set, FALSE);
          continue;
        }

      genre.genre = g_steal_pointer (&content->genre);
      genre.phrases = g_ptr_array_ref (content->phrases);
      g_array_append_val (genres, genre);
    }

  if (set == NULL)
    return NULL;

  g_array_sort (genres, compare_genre_content);
  for (guint i = 0; i < genres->len; i++)
    {
      GenreContent *genre = &g_array_index (genres, GenreContent, i);

      mado_phrase_set_add_genre (set, genre->genre);
      for (guint j = 0; j < genre->phrases->len; j++)
        mado_phrase_set_add_phrase (set, g_ptr_array_index (genre->phrases, j));
    }

  return set;
}

/**
 * mado_phrase_reader_read_tree:
 * @dir: the phrase folder, holding one folder per set
 *
 * Returns: (transfer container) (element-type MadoPhraseSet): the usable sets, by id.
 */
GPtrArray *
mado_phrase_reader_read_tree (MadoPhraseReader  *self,
                              const char        *dir,
                              GError           **error)
{
  g_autoptr(GPtrArray) sets = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (MADO_IS_PHRASE_READER (self), NULL);
  g_return_val_if_fail (dir != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  entries = list_directory (dir, &local_error);
  if (entries == NULL)
    {
      g_autofree char *display = g_filename_display_name (dir);

      g_set_error (error, MADO_PHRASE_FILE_ERROR, MADO_PHRASE_FILE_ERROR_IO,
                   "Cannot read the phrase folder “%s”: %s", display, local_error->message);
      return NULL;
    }

  sets = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < entries->len; i++)
    {
      const char *name = g_ptr_array_index (entries, i);
      g_autofree char *folder = g_build_filename (dir, name, NULL);
      MadoPhraseFileError failure;
      MadoPhraseSet *set;

      /* Only folders are sets; the schema and notes beside them are not. */
      if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
        continue;

      set = read_set_folder (self, folder, name, &failure);
      if (set != NULL)
        g_ptr_array_add (sets, set);
    }

  return g_steal_pointer (&sets);
}

static void
read_tree_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *sets = mado_phrase_reader_read_tree (source_object, task_data, &error);

  if (sets == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, sets, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * mado_phrase_reader_read_tree_async:
 *
 * Reads the tree in a worker thread, so that seeding at start-up does not hold up the window. The
 * reader must not be used by anything else until the operation finishes.
 */
void
mado_phrase_reader_read_tree_async (MadoPhraseReader    *self,
                                    const char          *dir,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MADO_IS_PHRASE_READER (self));
  g_return_if_fail (dir != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mado_phrase_reader_read_tree_async);
  g_task_set_task_data (task, g_strdup (dir), g_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, read_tree_thread);
}

GPtrArray *
mado_phrase_reader_read_tree_finish (MadoPhraseReader  *self,
                                     GAsyncResult      *result,
                                     GError           **error)
{
  g_return_val_if_fail (MADO_IS_PHRASE_READER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * mado_phrase_reader_read_set:
 * @folder: a set folder, named after the set
 *
 * Returns: (transfer full) (nullable): the set with its genres and phrases
 */
MadoPhraseSet *
mado_phrase_reader_read_set (MadoPhraseReader  *self,
                             const char        *folder,
                             GError           **error)
{
  g_autofree char *set_id = NULL;
  g_autofree char *display = NULL;
  MadoPhraseFileError failure = MADO_PHRASE_FILE_ERROR_IO;
  MadoPhraseSet *set;

  g_return_val_if_fail (MADO_IS_PHRASE_READER (self), NULL);
  g_return_val_if_fail (folder != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  set_id = g_path_get_basename (folder);
  set = read_set_folder (self, folder, set_id, &failure);
  if (set == NULL)
    {
      display = g_filename_display_name (folder);
      g_set_error (error, MADO_PHRASE_FILE_ERROR, failure,
                   "The phrase set in %s cannot be used: its set.xml is missing or has problems", display);
    }

  return set;
}

/**
 * mado_phrase_reader_read_file:
 * @path: FOLDER/set.xml or FOLDER/GENRE.xml
 *
 * Returns: (transfer full) (nullable): what the file holds, wrapped in a set
 */
MadoPhraseSet *
mado_phrase_reader_read_file (MadoPhraseReader  *self,
                              const char        *path,
                              GError           **error)
{
  g_autofree char *basename = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *set_id = NULL;
  g_autofree char *genre_id = NULL;
  g_autofree char *display = NULL;
  g_autoptr(MadoPhraseFileContent) content = NULL;
  MadoPhraseSet *set;

  g_return_val_if_fail (MADO_IS_PHRASE_READER (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  basename = g_path_get_basename (path);
  folder = g_path_get_dirname (path);
  set_id = g_path_get_basename (folder);
  display = g_filename_display_name (path);

  if (!g_str_has_suffix (basename, ".xml"))
    {
      report_path (self, path, MADO_PHRASE_FILE_ERROR_BAD_ID,
                   "not a phrase file: phrase files are named set.xml or GENRE.xml");
      g_set_error (error, MADO_PHRASE_FILE_ERROR, MADO_PHRASE_FILE_ERROR_BAD_ID,
                   "%s is not a phrase file: phrase files are named set.xml or GENRE.xml", display);
      return NULL;
    }
  if (strcmp (basename, "set.xml") != 0)
    genre_id = g_strndup (basename, strlen (basename) - strlen (".xml"));

  content = read_content (self, path, set_id, genre_id, error);
  if (content == NULL)
    return NULL;

  if (!content->usable)
    {
      g_set_error (error, MADO_PHRASE_FILE_ERROR, content->fatal_code,
                   "%s cannot be used: %s", display, content->fatal_message);
      return NULL;
    }

  if (genre_id == NULL)
    return g_object_ref (content->set);

  set = mado_phrase_set_new (set_id, 0);
  mado_phrase_set_add_genre (set, content->genre);
  for (guint i = 0; i < content->phrases->len; i++)
    mado_phrase_set_add_phrase (set, g_ptr_array_index (content->phrases, i));

  return set;
}

/**
 * mado_phrase_reader_get_diagnostics:
 *
 * Returns: (transfer none) (element-type MadoDiagnostic): every problem found so far, in the order
 *   the files were read
 */
GPtrArray *
mado_phrase_reader_get_diagnostics (MadoPhraseReader *self)
{
  g_return_val_if_fail (MADO_IS_PHRASE_READER (self), NULL);

  return self->diagnostics;
}

void
mado_phrase_reader_clear_diagnostics (MadoPhraseReader *self)
{
  g_return_if_fail (MADO_IS_PHRASE_READER (self));

  g_ptr_array_set_size (self->diagnostics, 0);
}

/**
 * mado_phrase_reader_default_dir:
 *
 * Returns: (transfer full): where the shipped phrase sets are
 */
char *
mado_phrase_reader_default_dir (void)
{
  const char *override = g_getenv ("MADOGUCHI_PHRASE_DIR");

  if (override != NULL && *override != '\0')
    return g_strdup (override);

  if (g_file_test (PKGDATADIR "/phrases", G_FILE_TEST_IS_DIR))
    return g_strdup (PKGDATADIR "/phrases");

  return g_strdup (SOURCE_PHRASEDIR);
}

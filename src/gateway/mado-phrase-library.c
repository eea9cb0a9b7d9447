/* mado-phrase-library.c: the gateway's view of a phrase database, kept in memory and up to date
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Matching runs against an in-memory index, never a query per request. Whether the index is
 * still current is one cheap PRAGMA per request (mado_phrase_store_get_data_version), so a
 * phrase that staff register on the tablet is found by the very next request. When the file has
 * changed, the phrase revision says whether the phrases did: the kiosk writes a use count on
 * every tap, and that alone must not cost the next translation a rebuild of the index.
 */
#include "mado-phrase-library.h"

#include "mado-diagnostic.h"
#include "mado-phrase-reader.h"
#include "mado-phrase-store.h"

#define IN_MEMORY_DATABASE ":memory:"

struct _MadoPhraseLibrary
{
  GObject           parent_instance;

  MadoPhraseStore  *store;
  MadoPhraseIndex  *index;
  guint64           data_version;
  guint64           revision;       /* of the phrases the index holds */
  /* A database that stops answering would otherwise put the same warning in the log for
   * every request; it is reported once when it fails and once when it recovers. */
  gboolean          failing;
};

G_DEFINE_FINAL_TYPE (MadoPhraseLibrary, mado_phrase_library, G_TYPE_OBJECT)

static GPtrArray *
read_phrases (MadoPhraseStore  *store,
              GError          **error)
{
  g_autoptr(GPtrArray) sets = mado_phrase_store_list_sets (store, error);
  g_autoptr(GPtrArray) phrases = NULL;

  if (sets == NULL)
    return NULL;

  phrases = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < sets->len; i++)
    {
      const char *set_id = mado_phrase_set_get_id (g_ptr_array_index (sets, i));
      g_autoptr(GPtrArray) in_set = mado_phrase_store_list_phrases (store, set_id, NULL, error);

      if (in_set == NULL)
        return NULL;
      g_ptr_array_extend_and_steal (phrases, g_steal_pointer (&in_set));
    }

  return g_steal_pointer (&phrases);
}

/* Reads the version before the phrases: a change that lands while they are read moves the
 * version again, so the next request rebuilds rather than keeping a half-old index. */
static gboolean
rebuild (MadoPhraseLibrary  *self,
         GError            **error)
{
  g_autoptr(GPtrArray) phrases = NULL;
  MadoPhraseIndex *index;
  guint64 version, revision;
  gint64 started = g_get_monotonic_time ();

  if (!mado_phrase_store_get_data_version (self->store, &version, error) ||
      !mado_phrase_store_get_phrase_revision (self->store, &revision, error))
    return FALSE;

  phrases = read_phrases (self->store, error);
  if (phrases == NULL)
    return FALSE;

  index = mado_phrase_index_new (phrases, self->index);
  g_clear_object (&self->index);
  self->index = index;
  self->data_version = version;
  self->revision = revision;

  g_debug ("Phrase memory: %u phrases from “%s” indexed in %.1f ms", phrases->len,
           mado_phrase_store_get_path (self->store),
           (g_get_monotonic_time () - started) / 1000.0);
  return TRUE;
}

static gboolean
seed (MadoPhraseStore  *store,
      const char       *dir,
      GError          **error)
{
  g_autoptr(MadoPhraseReader) reader = mado_phrase_reader_new ();
  g_autoptr(GPtrArray) sets = mado_phrase_reader_read_tree (reader, dir, error);
  GPtrArray *diagnostics;

  if (sets == NULL)
    return FALSE;

  /* Problems in the shipped files skip single phrases or keep an older set; the gateway still
   * serves the rest, and IT staff find each problem with its place in the log. */
  diagnostics = mado_phrase_reader_get_diagnostics (reader);
  for (guint i = 0; i < diagnostics->len; i++)
    {
      g_autofree char *line = mado_diagnostic_to_string (g_ptr_array_index (diagnostics, i));

      g_warning ("Phrase file problem: %s", line);
    }

  for (guint i = 0; i < sets->len; i++)
    {
      gboolean seeded = FALSE;

      if (!mado_phrase_store_seed (store, g_ptr_array_index (sets, i), &seeded, error))
        return FALSE;
    }

  return TRUE;
}

/* The kiosk's own database is opened read-only on purpose (an SQLite URI with mode=ro), so
 * that nothing the gateway does can change the file the app owns. */
static char *
read_only_uri (const char  *path,
               GError     **error)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *uri = NULL;

  if (!g_file_test (absolute, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "The phrase database “%s” does not exist; the kiosk app creates it before it "
                   "starts the gateway, or give the gateway a phrase-dir to seed one of its own",
                   absolute);
      return NULL;
    }

  uri = g_filename_to_uri (absolute, NULL, error);
  if (uri == NULL)
    return NULL;
  return g_strconcat (uri, "?mode=ro", NULL);
}

MadoPhraseLibrary *
mado_phrase_library_open (const char  *database,
                          const char  *seed_dir,
                          GError     **error)
{
  g_autoptr(MadoPhraseLibrary) self = NULL;
  g_autofree char *location = NULL;

  g_return_val_if_fail (database != NULL || seed_dir != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (seed_dir == NULL)
    location = read_only_uri (database, error);
  else
    location = g_strdup (database != NULL ? database : IN_MEMORY_DATABASE);
  if (location == NULL)
    return NULL;

  self = g_object_new (MADO_TYPE_PHRASE_LIBRARY, NULL);
  self->store = mado_phrase_store_open (location, error);
  if (self->store == NULL)
    return NULL;

  if (seed_dir != NULL && !seed (self->store, seed_dir, error))
    return NULL;

  if (!rebuild (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* The file changed: if the phrases did not (a use count, a pin), the index stays and only the
 * version is noted. FALSE when a rebuild is needed, which reads the revision again and reports
 * what fails. */
static gboolean
is_still_current (MadoPhraseLibrary *self,
                  guint64            version)
{
  guint64 revision;

  if (self->index == NULL || !mado_phrase_store_get_phrase_revision (self->store, &revision, NULL) ||
      revision != self->revision)
    return FALSE;

  self->data_version = version;
  return TRUE;
}

MadoPhraseIndex *
mado_phrase_library_get_index (MadoPhraseLibrary *self)
{
  g_autoptr(GError) error = NULL;
  guint64 version;

  g_return_val_if_fail (MADO_IS_PHRASE_LIBRARY (self), NULL);

  if (mado_phrase_store_get_data_version (self->store, &version, &error) &&
      (version == self->data_version || is_still_current (self, version) || rebuild (self, &error)))
    {
      if (self->failing)
        g_message ("Phrase memory: the database “%s” answers again",
                   mado_phrase_store_get_path (self->store));
      self->failing = FALSE;
      return self->index;
    }

  /* The phrases last read keep serving: a busy or briefly locked file must not stop the counter. */
  if (!self->failing)
    g_warning ("Phrase memory: could not reload the phrases, still using those read before: %s",
               error->message);
  self->failing = TRUE;
  return self->index;
}

static void
mado_phrase_library_dispose (GObject *object)
{
  MadoPhraseLibrary *self = MADO_PHRASE_LIBRARY (object);

  g_clear_object (&self->index);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (mado_phrase_library_parent_class)->dispose (object);
}

static void
mado_phrase_library_class_init (MadoPhraseLibraryClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = mado_phrase_library_dispose;
}

static void
mado_phrase_library_init (MadoPhraseLibrary *self)
{
}

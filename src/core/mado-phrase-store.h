/* mado-phrase-store.h: the phrase book in SQLite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mado-genre.h"
#include "mado-phrase.h"
#include "mado-phrase-set.h"

G_BEGIN_DECLS

#define MADO_STORE_ERROR (mado_store_error_quark ())

typedef enum {
  MADO_STORE_ERROR_OPEN,          /* the file cannot be opened or created */
  MADO_STORE_ERROR_READ_ONLY,     /* the file or its folder is not writable */
  MADO_STORE_ERROR_CORRUPT,       /* the file is not a database or fails its integrity check */
  MADO_STORE_ERROR_TOO_NEW,       /* written by a newer Madoguchi (user_version above ours) */
  MADO_STORE_ERROR_DISK_FULL,
  MADO_STORE_ERROR_BUSY,
  MADO_STORE_ERROR_NOT_FOUND,     /* no phrase, genre or set with that id */
  MADO_STORE_ERROR_INVALID,       /* the caller passed something the store cannot keep */
  MADO_STORE_ERROR_SQL,           /* any other SQLite failure; the message carries SQLite's text */
} MadoStoreError;

GQuark mado_store_error_quark (void);

#define MADO_TYPE_PHRASE_STORE (mado_phrase_store_get_type ())
G_DECLARE_FINAL_TYPE (MadoPhraseStore, mado_phrase_store, MADO, PHRASE_STORE, GObject)

/* Opening creates the file and runs pending migrations. A read-only file is opened read-only
 * (searching and speaking keep working; changes fail with MADO_STORE_ERROR_READ_ONLY); @path may
 * also be an SQLite URI, and "file:PATH?mode=ro" opens a writable file read-only on purpose. */
MadoPhraseStore *mado_phrase_store_open              (const char       *path,
                                                      GError          **error);
void             mado_phrase_store_open_async        (const char       *path,
                                                      GCancellable     *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer          user_data);
MadoPhraseStore *mado_phrase_store_open_finish       (GAsyncResult     *result,
                                                      GError          **error);
const char      *mado_phrase_store_get_path          (MadoPhraseStore  *self);
gboolean         mado_phrase_store_is_read_only      (MadoPhraseStore  *self);
int              mado_phrase_store_get_schema_version (MadoPhraseStore *self);

/* Seeds a shipped set when the store holds an older version of it (or none). An incomplete set
 * (mado_phrase_set_get_complete() is FALSE) never replaces a version already stored. Edits and
 * local phrases are untouched. @out_seeded tells whether the set was written; the return value is
 * FALSE only when writing failed. */
gboolean         mado_phrase_store_seed              (MadoPhraseStore  *self,
                                                      MadoPhraseSet    *set,
                                                      gboolean         *out_seeded,
                                                      GError          **error);
guint            mado_phrase_store_get_set_version   (MadoPhraseStore  *self,
                                                      const char       *set_id);

/* Listing. Every function returns a new array of new objects (element type in the name). */
GPtrArray       *mado_phrase_store_list_sets         (MadoPhraseStore  *self,    /* MadoPhraseSet, without phrases */
                                                      GError          **error);
GPtrArray       *mado_phrase_store_list_genres       (MadoPhraseStore  *self,    /* MadoGenre, by order */
                                                      const char       *set_id,
                                                      GError          **error);
GPtrArray       *mado_phrase_store_list_phrases      (MadoPhraseStore  *self,    /* MadoPhrase, by id */
                                                      const char       *set_id,
                                                      const char       *genre_id, /* nullable: the whole set */
                                                      GError          **error);
GPtrArray       *mado_phrase_store_list_favourites   (MadoPhraseStore  *self,    /* MadoPhrase */
                                                      GError          **error);
MadoPhrase      *mado_phrase_store_get_phrase        (MadoPhraseStore  *self,
                                                      const char       *id,
                                                      GError          **error);
guint            mado_phrase_store_count_phrases     (MadoPhraseStore  *self);
/* A number that changes whenever the file may have changed, through this store or any other
 * connection to it. Cheap enough to check before every use of an in-memory copy of the phrases. */
gboolean         mado_phrase_store_get_data_version  (MadoPhraseStore  *self,
                                                      guint64          *version,
                                                      GError          **error);
/* A number that changes whenever a phrase's texts, set, genre or existence may have changed,
 * through any connection; unlike the data version, not when a phrase is used or pinned. Read it
 * when the data version has moved, to tell whether a copy of the texts is still current. */
gboolean         mado_phrase_store_get_phrase_revision (MadoPhraseStore *self,
                                                      guint64          *revision,
                                                      GError          **error);

/* Searches every language at once; @query of one or two characters works too (住民, 税, 학교).
 * Results are ordered favourites first, then by use count; @set_id narrows to one set; a @limit
 * of 0 means no limit. */
GPtrArray       *mado_phrase_store_search            (MadoPhraseStore  *self,    /* MadoPhrase */
                                                      const char       *query,
                                                      const char       *set_id,  /* nullable */
                                                      guint             limit,
                                                      GError          **error);

/* Staff changes. Adding returns the new phrase's id ("local.GENRE.N"); updating a shipped phrase
 * stores an edit that survives reseeding; deleting a shipped phrase hides it. */
char            *mado_phrase_store_add_phrase        (MadoPhraseStore  *self,
                                                      MadoPhrase       *phrase,
                                                      GError          **error);
gboolean         mado_phrase_store_update_phrase     (MadoPhraseStore  *self,
                                                      MadoPhrase       *phrase,
                                                      GError          **error);
/* Adds and updates many phrases in one transaction: all are stored, or on any failure none. */
gboolean         mado_phrase_store_apply_changes     (MadoPhraseStore  *self,
                                                      GPtrArray        *additions, /* MadoPhrase, nullable */
                                                      GPtrArray        *updates,   /* MadoPhrase, nullable */
                                                      GError          **error);
gboolean         mado_phrase_store_delete_phrase     (MadoPhraseStore  *self,
                                                      const char       *id,
                                                      GError          **error);
gboolean         mado_phrase_store_set_favourite     (MadoPhraseStore  *self,
                                                      const char       *id,
                                                      gboolean          favourite,
                                                      GError          **error);
gboolean         mado_phrase_store_record_use        (MadoPhraseStore  *self,
                                                      const char       *id,
                                                      const char       *language,
                                                      GError          **error);

G_END_DECLS

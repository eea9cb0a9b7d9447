/* mado-phrase-reader.h: reading and checking the shipped phrase files in data/phrases
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mado-diagnostic.h"
#include "mado-phrase-set.h"

G_BEGIN_DECLS

#define MADO_PHRASE_FILE_ERROR (mado_phrase_file_error_quark ())

/* One code per kind of problem docs/phrase-format.md describes. */
typedef enum {
  MADO_PHRASE_FILE_ERROR_IO,                    /* the file or folder cannot be read */
  MADO_PHRASE_FILE_ERROR_SYNTAX,                /* not well-formed XML, truncated, or empty */
  MADO_PHRASE_FILE_ERROR_UNKNOWN_ELEMENT,       /* an element the format does not have, or in the wrong place */
  MADO_PHRASE_FILE_ERROR_UNKNOWN_ATTRIBUTE,
  MADO_PHRASE_FILE_ERROR_MISSING_ATTRIBUTE,
  MADO_PHRASE_FILE_ERROR_UNEXPECTED_TEXT,       /* text outside <name> and <t> */
  MADO_PHRASE_FILE_ERROR_BAD_ID,                /* an id not written as the format asks (a-z 0-9 -, or 001–999) */
  MADO_PHRASE_FILE_ERROR_BAD_VALUE,             /* a review, speaker or order value the format does not allow */
  MADO_PHRASE_FILE_ERROR_BAD_VERSION,           /* a set version that is not a positive integer */
  MADO_PHRASE_FILE_ERROR_ID_MISMATCH,           /* a set or genre id that does not match its folder or file name */
  MADO_PHRASE_FILE_ERROR_NO_SET_FILE,           /* a set folder without set.xml */
  MADO_PHRASE_FILE_ERROR_UNKNOWN_LANGUAGE,
  MADO_PHRASE_FILE_ERROR_MISSING_LANGUAGE,
  MADO_PHRASE_FILE_ERROR_DUPLICATE_LANGUAGE,
  MADO_PHRASE_FILE_ERROR_LANGUAGE_ORDER,        /* languages not in registry order */
  MADO_PHRASE_FILE_ERROR_EMPTY_TEXT,
  MADO_PHRASE_FILE_ERROR_DUPLICATE_ID,          /* a phrase id used twice in one genre */
  MADO_PHRASE_FILE_ERROR_KANJI_WITHOUT_READING, /* a kanji outside {漢字|かんじ} in ja-x-easy */
  MADO_PHRASE_FILE_ERROR_BAD_READING,           /* other malformed {漢字|かんじ} markup */
  MADO_PHRASE_FILE_ERROR_ZAWGYI,                /* Burmese text typed for a Zawgyi font */
} MadoPhraseFileError;

GQuark mado_phrase_file_error_quark (void);

#define MADO_TYPE_PHRASE_READER (mado_phrase_reader_get_type ())
G_DECLARE_FINAL_TYPE (MadoPhraseReader, mado_phrase_reader, MADO, PHRASE_READER, GObject)

/* The reader keeps going after a problem and records each one as a MadoDiagnostic:
 *
 *  - A phrase whose content is wrong (a missing, unknown, duplicate or empty language, a bad
 *    reading, Zawgyi text, a bad or duplicate id) is skipped; the rest of its file is kept.
 *  - Problems of form that leave the meaning clear (languages out of order, an unknown attribute)
 *    are reported and the phrase is kept.
 *  - A file that is not well-formed XML, or whose root names another set or genre than its place
 *    says, is dropped whole and its set is marked incomplete (mado_phrase_set_get_complete()), so
 *    the store keeps the version it already holds rather than replacing it with a broken one.
 *  - A set whose set.xml is missing or unusable (wrong id, bad version) is not returned at all;
 *    its genre files are still checked.
 *
 * Diagnostics accumulate over calls until mado_phrase_reader_clear_diagnostics(). */
MadoPhraseReader *mado_phrase_reader_new               (void);

/* Reads every set folder under @dir. Returns MadoPhraseSet objects sorted by id, each with its
 * genres (by order) and phrases; %NULL with @error only when @dir itself cannot be read. */
GPtrArray        *mado_phrase_reader_read_tree         (MadoPhraseReader     *self,
                                                        const char           *dir,
                                                        GError              **error);
void              mado_phrase_reader_read_tree_async   (MadoPhraseReader     *self,
                                                        const char           *dir,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
GPtrArray        *mado_phrase_reader_read_tree_finish  (MadoPhraseReader     *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

/* Reads one set folder: FOLDER/set.xml and the genre files beside it. Returns %NULL with @error when
 * set.xml is missing or unusable; every problem is among the diagnostics. */
MadoPhraseSet    *mado_phrase_reader_read_set          (MadoPhraseReader     *self,
                                                        const char           *folder,
                                                        GError              **error);

/* Reads one file and checks it against its place (FOLDER/set.xml or FOLDER/GENRE.xml). For set.xml
 * the result is the set without genres; for a genre file it is a set carrying only that genre and
 * its phrases, with version 0. Returns %NULL with @error when the file cannot be read, is not
 * well-formed, or is not a phrase file; that problem is also among the diagnostics. */
MadoPhraseSet    *mado_phrase_reader_read_file         (MadoPhraseReader     *self,
                                                        const char           *path,
                                                        GError              **error);

GPtrArray        *mado_phrase_reader_get_diagnostics   (MadoPhraseReader     *self); /* MadoDiagnostic */
void              mado_phrase_reader_clear_diagnostics (MadoPhraseReader     *self);

/* $MADOGUCHI_PHRASE_DIR, else the installed phrases if they exist, else the source tree's. */
char             *mado_phrase_reader_default_dir       (void);

G_END_DECLS

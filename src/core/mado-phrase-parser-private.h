/* mado-phrase-parser-private.h: parsing one phrase file, for MadoPhraseReader only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mado-diagnostic.h"
#include "mado-genre.h"
#include "mado-phrase-set.h"

G_BEGIN_DECLS

/* What one file gave. @set is filled for set.xml; @genre and @phrases for a genre file. @usable is
 * FALSE when the file must be dropped whole (not well-formed, or its ids do not match its place). */
typedef struct {
  gboolean       usable;
  int            fatal_code;    /* the first problem that made the file unusable */
  char          *fatal_message;
  MadoPhraseSet *set;
  MadoGenre     *genre;
  GPtrArray     *phrases;       /* MadoPhrase */
} MadoPhraseFileContent;

void mado_phrase_file_content_free (MadoPhraseFileContent *content);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoPhraseFileContent, mado_phrase_file_content_free)

/* Parses @data, read from @display_path, as FOLDER/set.xml or FOLDER/GENRE.xml (told by
 * @expected_set_id and @expected_genre_id, which is %NULL for set.xml). Every problem is appended to
 * @diagnostics; the result is never %NULL. */
MadoPhraseFileContent *mado_phrase_file_parse (const char *display_path,
                                               const char *data,
                                               gsize       length,
                                               const char *expected_set_id,
                                               const char *expected_genre_id,
                                               GPtrArray  *diagnostics);

G_END_DECLS

/* mado-search-tokens.h: how phrase text and search queries are cut up for the phrase store's indexes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Queries of this many characters (code points, after normalising) or more go to the trigram
 * index; shorter ones to the short-query index. */
#define MADO_SEARCH_TRIGRAM_MIN_CHARS 3

/* NFKC, case-folded, Latin diacritics removed, every run of white space one space: the form in
 * which both the indexes and the queries see text, so "ＡＢＣ" finds "abc" and "VIỆT" finds "viet". */
char     *mado_search_normalize         (const char *text);

/* Appends one phrase text, normalised, to its phrase's index text (texts are separated by
 * newlines). やさしい日本語 (@language "ja-x-easy") is indexed by its base text and by its
 * reading, never with the {漢字|かんじ} markup. */
void      mado_search_append_index_text (GString    *index_text,
                                         const char *language,
                                         const char *text);

/* Appends the short-query index tokens of an index text to @tokens, each followed by a space. */
void      mado_search_append_short_tokens (GString    *tokens,
                                           const char *index_text);

/* Turns what someone typed into FTS5 MATCH expressions: @trigram_match for the terms of three
 * characters or more, @short_match for the shorter ones; either may be set to NULL when there is no
 * such term. Everything the user typed is quoted, so FTS5 syntax in a query is searched for as text.
 * Returns FALSE when the query holds nothing to search for. */
gboolean  mado_search_build_match       (const char  *query,
                                         char       **trigram_match,
                                         char       **short_match);

G_END_DECLS

/* mado-phrase-parser-state-private.h: the state of one phrase file's parse, shared by its three parts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * mado-phrase-parser.c runs GMarkup and reads names, phrases and texts; mado-phrase-parser-roots.c
 * reads the top element and its attributes; mado-phrase-parser-places.c turns GMarkup's cursor into
 * the line and column people see and records every problem.
 */
#pragma once

#include "mado-phrase-parser-private.h"

#include "mado-language.h"
#include "mado-phrase-reader.h"

G_BEGIN_DECLS

typedef enum {
  ELEMENT_PHRASE_SET,
  ELEMENT_GENRE,
  ELEMENT_NAME,
  ELEMENT_PHRASE,
  ELEMENT_TEXT,
  ELEMENT_IGNORED,     /* an element the format does not have, and everything inside it */
} ElementKind;

typedef struct {
  ElementKind  kind;
  const char  *name;   /* interned */
  guint        line;
  guint        column;
} Frame;

/* The languages a name list or a phrase has had so far. */
typedef struct {
  GHashTable *lines;           /* registry code → line it was given on */
  int         last_index;      /* registry index of the latest language, for the order check */
  gboolean    order_reported;
} LanguageTally;

typedef struct {
  char          *id;
  MadoSpeaker    speaker;
  guint          line;
  guint          column;
  LanguageTally  tally;
  GHashTable    *texts;        /* registry code → text */
  gboolean       broken;       /* a problem was reported: the phrase is skipped */
} PendingPhrase;

typedef struct {
  const char            *path;
  const char            *data;
  gsize                  length;
  GArray                *line_starts;       /* byte offset of each line's first byte; [0] is line 1 */
  const char            *expected_set_id;
  const char            *expected_genre_id; /* NULL for set.xml */
  GPtrArray             *diagnostics;

  GArray                *stack;             /* Frame */
  gboolean               root_closed;
  gboolean               stopped;           /* a callback stopped the parse and reported why */

  MadoPhraseFileContent *content;
  LanguageTally          names;
  guint                  root_line;
  guint                  root_column;

  /* The <name> or <t> being read. */
  const MadoLanguage    *text_language;     /* NULL when its lang was wrong (already reported) */
  GString               *text;
  guint                  text_line;
  guint                  text_column;
  gboolean               text_broken;

  PendingPhrase         *phrase;
  GHashTable            *phrase_lines;      /* phrase id → line of its first use */
} Parser;

/* Places and problems (mado-phrase-parser-places.c) */
void     mado_phrase_parser_index_lines           (Parser               *parser);
gsize    mado_phrase_parser_cursor_offset         (Parser               *parser,
                                                   GMarkupParseContext  *context);
void     mado_phrase_parser_offset_to_position    (Parser               *parser,
                                                   gsize                 offset,
                                                   guint                *line,
                                                   guint                *column);
/* Where the element being started begins (its "<"). */
void     mado_phrase_parser_tag_position          (Parser               *parser,
                                                   GMarkupParseContext  *context,
                                                   guint                *line,
                                                   guint                *column);
void     mado_phrase_parser_report                (Parser               *parser,
                                                   guint                 line,
                                                   guint                 column,
                                                   MadoPhraseFileError   code,
                                                   const char           *format,
                                                   ...) G_GNUC_PRINTF (5, 6);
/* Reports a problem that makes the whole file unusable. */
void     mado_phrase_parser_report_fatal          (Parser               *parser,
                                                   guint                 line,
                                                   guint                 column,
                                                   MadoPhraseFileError   code,
                                                   const char           *message);
void     mado_phrase_parser_report_syntax_error   (Parser               *parser,
                                                   GMarkupParseContext  *context,
                                                   const GError         *error);
void     mado_phrase_parser_skip_byte_order_mark  (const char          **data,
                                                   gsize                *length);
gboolean mado_phrase_parser_check_encoding        (Parser               *parser);

/* The top element (mado-phrase-parser-roots.c) */
void     mado_phrase_parser_collect_attributes    (Parser               *parser,
                                                   const char           *element,
                                                   const char          **names,
                                                   const char          **values,
                                                   guint                 line,
                                                   guint                 column,
                                                   const char * const   *allowed,
                                                   const char          **out_values);
void     mado_phrase_parser_start_phrase_set      (Parser               *parser,
                                                   const char          **names,
                                                   const char          **values,
                                                   guint                 line,
                                                   guint                 column);
void     mado_phrase_parser_start_genre           (Parser               *parser,
                                                   const char          **names,
                                                   const char          **values,
                                                   guint                 line,
                                                   guint                 column);

G_END_DECLS

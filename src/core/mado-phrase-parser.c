/* mado-phrase-parser.c: parsing one phrase file with GMarkup, reporting every problem with its place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-phrase-parser-private.h"

#include <string.h>

#include "mado-burmese.h"
#include "mado-language.h"
#include "mado-phrase-reader.h"
#include "mado-ruby.h"

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

void
mado_phrase_file_content_free (MadoPhraseFileContent *content)
{
  if (content == NULL)
    return;

  g_clear_object (&content->set);
  g_clear_object (&content->genre);
  g_free (content->fatal_message);
  g_ptr_array_unref (content->phrases);
  g_free (content);
}

static void
language_tally_init (LanguageTally *tally)
{
  tally->lines = g_hash_table_new (g_str_hash, g_str_equal);
  tally->last_index = -1;
  tally->order_reported = FALSE;
}

static void
language_tally_clear (LanguageTally *tally)
{
  g_clear_pointer (&tally->lines, g_hash_table_unref);
}

static void
pending_phrase_free (PendingPhrase *phrase)
{
  g_free (phrase->id);
  language_tally_clear (&phrase->tally);
  g_hash_table_unref (phrase->texts);
  g_free (phrase);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PendingPhrase, pending_phrase_free)

/* Positions. GMarkup reports where its cursor is, counting bytes, with the newline counted as the
 * first character of the next line; and when an element callback runs the cursor is already past
 * the tag. Diagnostics must point at the start of the tag, in characters as editors count them, so
 * the cursor is turned back into a byte offset and the tag's "<" is searched for from there. */

static void
index_lines (Parser *parser)
{
  gsize start = 0;

  parser->line_starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_array_append_val (parser->line_starts, start);
  for (gsize i = 0; i < parser->length; i++)
    if (parser->data[i] == '\n')
      {
        start = i + 1;
        g_array_append_val (parser->line_starts, start);
      }
}

static gsize
cursor_offset (Parser              *parser,
               GMarkupParseContext *context)
{
  int line, byte;
  gsize offset;

  g_markup_parse_context_get_position (context, &line, &byte);
  if (line < 1 || (guint) line > parser->line_starts->len)
    return parser->length;

  offset = g_array_index (parser->line_starts, gsize, line - 1);
  offset = line == 1 ? offset + byte - 1 : offset + byte - 2;

  return MIN (offset, parser->length);
}

static void
offset_to_position (Parser *parser,
                    gsize   offset,
                    guint  *line,
                    guint  *column)
{
  guint low = 0, high = parser->line_starts->len - 1;
  gsize start;

  /* The last line that starts at or before @offset. */
  while (low < high)
    {
      guint middle = (low + high + 1) / 2;

      if (g_array_index (parser->line_starts, gsize, middle) <= offset)
        low = middle;
      else
        high = middle - 1;
    }

  start = g_array_index (parser->line_starts, gsize, low);
  *line = low + 1;
  *column = g_utf8_pointer_to_offset (parser->data + start, parser->data + offset) + 1;
}

static void
tag_position (Parser              *parser,
              GMarkupParseContext *context,
              guint               *line,
              guint               *column)
{
  gsize offset = cursor_offset (parser, context);

  while (offset > 0 && parser->data[offset - 1] != '<')
    offset--;
  offset_to_position (parser, offset > 0 ? offset - 1 : 0, line, column);
}

/* The end of the file as a person sees it: the end of the last line that has something on it. */
static void
end_position (Parser *parser,
              guint  *line,
              guint  *column)
{
  gsize offset = parser->length;

  while (offset > 0 && g_ascii_isspace (parser->data[offset - 1]))
    offset--;
  offset_to_position (parser, offset, line, column);
}

static void report (Parser              *parser,
                    guint                line,
                    guint                column,
                    MadoPhraseFileError  code,
                    const char          *format,
                    ...) G_GNUC_PRINTF (5, 6);

static void
report (Parser              *parser,
        guint                line,
        guint                column,
        MadoPhraseFileError  code,
        const char          *format,
        ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (parser->diagnostics,
                   mado_diagnostic_new (parser->path, line, column,
                                        MADO_PHRASE_FILE_ERROR, code, message));
}

/* Reports a problem that makes the whole file unusable. */
static void
report_fatal (Parser              *parser,
              guint                line,
              guint                column,
              MadoPhraseFileError  code,
              const char          *message)
{
  report (parser, line, column, code, "%s", message);

  if (parser->content->usable)
    {
      parser->content->usable = FALSE;
      parser->content->fatal_code = code;
      parser->content->fatal_message = g_strdup (message);
    }
}

static void
stop_parse (Parser  *parser,
            GError **error)
{
  parser->stopped = TRUE;
  g_set_error_literal (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT, "stopped");
}

static gboolean
is_identifier (const char *text)
{
  if (text == NULL || *text == '\0')
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '-'))
      return FALSE;

  return TRUE;
}

/* "001" to "999". */
static gboolean
is_phrase_number (const char *text)
{
  return text != NULL && strlen (text) == 3 &&
         g_ascii_isdigit (text[0]) && g_ascii_isdigit (text[1]) && g_ascii_isdigit (text[2]) &&
         strcmp (text, "000") != 0;
}

static const char *
language_list (void)
{
  static gsize list = 0;

  if (g_once_init_enter (&list))
    {
      g_autoptr(GString) out = g_string_new (NULL);
      const MadoLanguage **all;
      guint n_all;

      all = mado_language_get_all (&n_all);
      for (guint i = 0; i < n_all; i++)
        g_string_append_printf (out, "%s%s", i > 0 ? ", " : "", all[i]->code);
      g_once_init_leave (&list, (gsize) g_string_free (g_steal_pointer (&out), FALSE));
    }

  return (const char *) list;
}

/* Picks the known attributes of an element into @values (in the order of @allowed) and reports
 * any other attribute. */
static void
collect_attributes (Parser             *parser,
                    const char         *element,
                    const char        **names,
                    const char        **values,
                    guint               line,
                    guint               column,
                    const char * const *allowed,
                    const char        **out_values)
{
  for (guint i = 0; allowed[i] != NULL; i++)
    out_values[i] = NULL;

  for (guint i = 0; names[i] != NULL; i++)
    {
      gboolean known = FALSE;

      for (guint j = 0; allowed[j] != NULL; j++)
        if (strcmp (names[i], allowed[j]) == 0)
          {
            out_values[j] = values[i];
            known = TRUE;
          }

      if (!known)
        {
          g_autofree char *list = g_strjoinv (", ", (char **) allowed);

          report (parser, line, column, MADO_PHRASE_FILE_ERROR_UNKNOWN_ATTRIBUTE,
                  "<%s> has no attribute “%s”; it takes %s", element, names[i], list);
        }
    }
}

static void
read_review (Parser           *parser,
             const char       *element,
             const char       *value,
             guint             line,
             guint             column,
             MadoReviewStatus *review)
{
  /* A missing or wrong status counts as unreviewed: claiming a review that did not happen is the
   * worse mistake. */
  *review = MADO_REVIEW_NEEDS_NATIVE_REVIEW;

  if (value == NULL)
    report (parser, line, column, MADO_PHRASE_FILE_ERROR_MISSING_ATTRIBUTE,
            "<%s> needs a review attribute (needs-native-review or native-reviewed)", element);
  else if (!mado_review_status_from_string (value, review))
    report (parser, line, column, MADO_PHRASE_FILE_ERROR_BAD_VALUE,
            "review=“%s” is not a review status; use needs-native-review or native-reviewed", value);
}

static void
start_phrase_set (Parser      *parser,
                  const char **names,
                  const char **values,
                  guint        line,
                  guint        column)
{
  static const char * const allowed[] = { "id", "version", "review", NULL };
  const char *attrs[G_N_ELEMENTS (allowed)];
  MadoReviewStatus review;
  guint64 version = 0;

  collect_attributes (parser, "phrase-set", names, values, line, column, allowed, attrs);

  if (attrs[0] == NULL)
    report_fatal (parser, line, column, MADO_PHRASE_FILE_ERROR_MISSING_ATTRIBUTE,
                  "<phrase-set> needs an id attribute");
  else if (strcmp (attrs[0], parser->expected_set_id) != 0)
    {
      g_autofree char *message =
        g_strdup_printf ("the set id “%s” does not match its folder “%s”", attrs[0], parser->expected_set_id);
      report_fatal (parser, line, column, MADO_PHRASE_FILE_ERROR_ID_MISMATCH, message);
    }
  else if (!is_identifier (attrs[0]))
    {
      g_autofree char *message =
        g_strdup_printf ("the set id “%s” may hold only lower-case ASCII letters, digits and “-”", attrs[0]);
      report_fatal (parser, line, column, MADO_PHRASE_FILE_ERROR_BAD_ID, message);
    }

  /* Versions decide whether the store reseeds, so only a plain positive integer is accepted. */
  if (attrs[1] == NULL)
    report_fatal (parser, line, column, MADO_PHRASE_FILE_ERROR_MISSING_ATTRIBUTE,
                  "<phrase-set> needs a version attribute (a positive integer)");
  else if (attrs[1][0] == '0' ||
           !g_ascii_string_to_unsigned (attrs[1], 10, 1, G_MAXUINT, &version, NULL))
    {
      g_autofree char *message =
        g_strdup_printf ("version=“%s” is not a positive integer such as 1, 2 or 3", attrs[1]);
      report_fatal (parser, line, column, MADO_PHRASE_FILE_ERROR_BAD_VERSION, message);
      version = 0;
    }

  read_review (parser, "phrase-set", attrs[2], line, column, &review);

  parser->content->set = mado_phrase_set_new (parser->expected_set_id, (guint) version);
  mado_phrase_set_set_review (parser->content->set, review);
}

static void
start_genre (Parser      *parser,
             const char **names,
             const char **values,
             guint        line,
             guint        column)
{
  static const char * const allowed[] = { "set", "id", "order", "review", NULL };
  const char *attrs[G_N_ELEMENTS (allowed)];
  MadoReviewStatus review;
  gint64 order = 0;

  collect_attributes (parser, "genre", names, values, line, column, allowed, attrs);

  if (attrs[0] == NULL)
    report_fatal (parser, line, column, MADO_PHRASE_FILE_ERROR_MISSING_ATTRIBUTE,
                  "<genre> needs a set attribute naming its set");
  else if (strcmp (attrs[0], parser->expected_set_id) != 0)
    {
      g_autofree char *message =
        g_strdup_printf ("set=“%s” does not match the folder “%s” the file is in", attrs[0], parser->expected_set_id);
      report_fatal (parser, line, column, MADO_PHRASE_FILE_ERROR_ID_MISMATCH, message);
    }

  if (attrs[1] == NULL)
    report_fatal (parser, line, column, MADO_PHRASE_FILE_ERROR_MISSING_ATTRIBUTE,
                  "<genre> needs an id attribute");
  else if (strcmp (attrs[1], parser->expected_genre_id) != 0)
    {
      g_autofree char *message =
        g_strdup_printf ("the genre id “%s” does not match the file name “%s.xml”", attrs[1], parser->expected_genre_id);
      report_fatal (parser, line, column, MADO_PHRASE_FILE_ERROR_ID_MISMATCH, message);
    }
  else if (!is_identifier (attrs[1]))
    {
      g_autofree char *message =
        g_strdup_printf ("the genre id “%s” may hold only lower-case ASCII letters, digits and “-”", attrs[1]);
      report_fatal (parser, line, column, MADO_PHRASE_FILE_ERROR_BAD_ID, message);
    }

  /* The order only sorts the genre list, so a wrong one is reported but does not cost the phrases. */
  if (attrs[2] == NULL)
    report (parser, line, column, MADO_PHRASE_FILE_ERROR_MISSING_ATTRIBUTE,
            "<genre> needs an order attribute (an integer that sorts the genre list)");
  else if (!g_ascii_string_to_signed (attrs[2], 10, G_MININT, G_MAXINT, &order, NULL))
    {
      report (parser, line, column, MADO_PHRASE_FILE_ERROR_BAD_VALUE,
              "order=“%s” is not an integer", attrs[2]);
      order = 0;
    }

  read_review (parser, "genre", attrs[3], line, column, &review);

  parser->content->genre = mado_genre_new (parser->expected_set_id, parser->expected_genre_id, (int) order);
  mado_genre_set_review (parser->content->genre, review);
}

/* Records that @value was given; reports an unknown, duplicate or misplaced language. Returns the
 * registry entry, or %NULL when the text must not be used. */
static const MadoLanguage *
tally_language (Parser        *parser,
                LanguageTally *tally,
                const char    *value,
                guint          line,
                guint          column)
{
  const MadoLanguage *language = mado_language_lookup (value);
  gpointer first_line;
  int index;

  if (language == NULL)
    {
      report (parser, line, column, MADO_PHRASE_FILE_ERROR_UNKNOWN_LANGUAGE,
              "lang=“%s” is not one of the kiosk’s languages (%s)", value, language_list ());
      return NULL;
    }
  if (strcmp (language->code, value) != 0)
    {
      report (parser, line, column, MADO_PHRASE_FILE_ERROR_UNKNOWN_LANGUAGE,
              "lang=“%s” must be written “%s”", value, language->code);
      return NULL;
    }
  if (g_hash_table_lookup_extended (tally->lines, language->code, NULL, &first_line))
    {
      report (parser, line, column, MADO_PHRASE_FILE_ERROR_DUPLICATE_LANGUAGE,
              "%s (%s) is given twice; the first is on line %u",
              language->code, language->english_name, GPOINTER_TO_UINT (first_line));
      return NULL;
    }

  index = (int) mado_language_get_index (language);
  if (index < tally->last_index && !tally->order_reported)
    {
      report (parser, line, column, MADO_PHRASE_FILE_ERROR_LANGUAGE_ORDER,
              "%s comes after a language listed later in the format; keep the order %s",
              language->code, language_list ());
      tally->order_reported = TRUE;
    }
  tally->last_index = MAX (tally->last_index, index);
  g_hash_table_insert (tally->lines, (gpointer) language->code, GUINT_TO_POINTER (line));

  return language;
}

/* Reports the languages @tally lacks. Returns FALSE when some are missing. */
static gboolean
check_all_languages (Parser        *parser,
                     LanguageTally *tally,
                     guint          line,
                     guint          column,
                     const char    *what)
{
  g_autoptr(GString) missing = g_string_new (NULL);
  const MadoLanguage **all;
  guint n_all, n_missing = 0;

  all = mado_language_get_all (&n_all);
  for (guint i = 0; i < n_all; i++)
    if (!g_hash_table_contains (tally->lines, all[i]->code))
      {
        g_string_append_printf (missing, "%s%s (%s)", n_missing > 0 ? ", " : "",
                                all[i]->code, all[i]->english_name);
        n_missing++;
      }

  if (n_missing == 0)
    return TRUE;

  report (parser, line, column, MADO_PHRASE_FILE_ERROR_MISSING_LANGUAGE,
          "%s has no text in %s", what, missing->str);
  return FALSE;
}

static void
start_text (Parser        *parser,
            const char    *element,
            LanguageTally *tally,
            const char   **names,
            const char   **values,
            guint          line,
            guint          column)
{
  static const char * const allowed[] = { "lang", NULL };
  const char *attrs[G_N_ELEMENTS (allowed)];

  collect_attributes (parser, element, names, values, line, column, allowed, attrs);

  parser->text_line = line;
  parser->text_column = column;
  parser->text_broken = FALSE;
  g_string_truncate (parser->text, 0);

  if (attrs[0] == NULL)
    {
      report (parser, line, column, MADO_PHRASE_FILE_ERROR_MISSING_ATTRIBUTE,
              "<%s> needs a lang attribute naming its language", element);
      parser->text_language = NULL;
    }
  else
    parser->text_language = tally_language (parser, tally, attrs[0], line, column);
}

/* Checks the text of a <name> or <t>. Returns the text to keep, or %NULL after reporting why not. */
static char *
finish_text (Parser *parser)
{
  g_autofree char *text = g_strstrip (g_strdup (parser->text->str));
  const MadoLanguage *language = parser->text_language;
  g_autoptr(GError) error = NULL;

  if (language == NULL || parser->text_broken)
    return NULL;

  if (*text == '\0')
    {
      report (parser, parser->text_line, parser->text_column, MADO_PHRASE_FILE_ERROR_EMPTY_TEXT,
              "the %s (%s) text is empty", language->english_name, language->code);
      return NULL;
    }

  if (strcmp (language->code, "ja-x-easy") == 0 && !mado_ruby_validate (text, &error))
    {
      report (parser, parser->text_line, parser->text_column,
              g_error_matches (error, MADO_RUBY_ERROR, MADO_RUBY_ERROR_KANJI_WITHOUT_READING)
                ? MADO_PHRASE_FILE_ERROR_KANJI_WITHOUT_READING
                : MADO_PHRASE_FILE_ERROR_BAD_READING,
              "Easy Japanese text, %s", error->message);
      return NULL;
    }

  if (strcmp (language->code, "my") == 0 && !mado_burmese_validate (text, &error))
    {
      report (parser, parser->text_line, parser->text_column, MADO_PHRASE_FILE_ERROR_ZAWGYI,
              "the Burmese text looks Zawgyi-encoded (%s); retype it with a Unicode keyboard "
              "or convert it", error->message);
      return NULL;
    }

  return g_steal_pointer (&text);
}

static void
start_phrase (Parser      *parser,
              const char **names,
              const char **values,
              guint        line,
              guint        column)
{
  static const char * const allowed[] = { "id", "speaker", NULL };
  const char *attrs[G_N_ELEMENTS (allowed)];
  PendingPhrase *phrase;
  gpointer first_line;

  collect_attributes (parser, "phrase", names, values, line, column, allowed, attrs);

  phrase = g_new0 (PendingPhrase, 1);
  phrase->id = g_strdup (attrs[0]);
  phrase->line = line;
  phrase->column = column;
  phrase->texts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  language_tally_init (&phrase->tally);
  parser->phrase = phrase;

  if (attrs[0] == NULL)
    {
      report (parser, line, column, MADO_PHRASE_FILE_ERROR_MISSING_ATTRIBUTE,
              "<phrase> needs an id attribute (three digits, 001 to 999)");
      phrase->broken = TRUE;
    }
  else if (!is_phrase_number (attrs[0]))
    {
      report (parser, line, column, MADO_PHRASE_FILE_ERROR_BAD_ID,
              "phrase id “%s” must be three digits, 001 to 999", attrs[0]);
      phrase->broken = TRUE;
    }
  else if (g_hash_table_lookup_extended (parser->phrase_lines, attrs[0], NULL, &first_line))
    {
      report (parser, line, column, MADO_PHRASE_FILE_ERROR_DUPLICATE_ID,
              "phrase id %s is already used on line %u; give this phrase a new id", attrs[0],
              GPOINTER_TO_UINT (first_line));
      phrase->broken = TRUE;
    }
  else
    g_hash_table_insert (parser->phrase_lines, g_strdup (attrs[0]), GUINT_TO_POINTER (line));

  if (g_strcmp0 (attrs[1], "resident") == 0)
    phrase->speaker = MADO_SPEAKER_RESIDENT;
  else if (attrs[1] == NULL || strcmp (attrs[1], "staff") == 0)
    phrase->speaker = MADO_SPEAKER_STAFF;
  else
    {
      report (parser, line, column, MADO_PHRASE_FILE_ERROR_BAD_VALUE,
              "speaker=“%s” is not a speaker; use staff or resident", attrs[1]);
      phrase->broken = TRUE;
    }
}

static void
end_phrase (Parser *parser)
{
  g_autoptr(PendingPhrase) pending = g_steal_pointer (&parser->phrase);
  g_autofree char *what = g_strdup_printf ("phrase %s", pending->id != NULL ? pending->id : "without id");
  g_autofree char *full_id = NULL;
  MadoPhrase *phrase;
  GHashTableIter iter;
  gpointer code, text;

  if (!check_all_languages (parser, &pending->tally, pending->line, pending->column, what))
    pending->broken = TRUE;
  if (pending->broken)
    return;

  full_id = g_strdup_printf ("%s.%s.%s", parser->expected_set_id, parser->expected_genre_id, pending->id);
  phrase = mado_phrase_new (full_id, parser->expected_set_id, parser->expected_genre_id);
  mado_phrase_set_speaker (phrase, pending->speaker);
  mado_phrase_set_origin (phrase, MADO_PHRASE_ORIGIN_SHIPPED);
  mado_phrase_set_source_line (phrase, pending->line);

  g_hash_table_iter_init (&iter, pending->texts);
  while (g_hash_table_iter_next (&iter, &code, &text))
    mado_phrase_set_text (phrase, code, text);

  g_ptr_array_add (parser->content->phrases, phrase);
}

static void
start_element_cb (GMarkupParseContext  *context,
                  const char           *element_name,
                  const char          **attribute_names,
                  const char          **attribute_values,
                  gpointer              user_data,
                  GError              **error)
{
  Parser *parser = user_data;
  Frame frame = { ELEMENT_IGNORED, g_intern_string (element_name), 0, 0 };
  const Frame *parent = parser->stack->len > 0
    ? &g_array_index (parser->stack, Frame, parser->stack->len - 1) : NULL;

  tag_position (parser, context, &frame.line, &frame.column);

  /* GMarkup accepts both of these, but XML does not, and xmllint would reject the file. */
  for (guint i = 0; attribute_names[i] != NULL; i++)
    for (guint j = i + 1; attribute_names[j] != NULL; j++)
      if (strcmp (attribute_names[i], attribute_names[j]) == 0)
        {
          g_autofree char *message =
            g_strdup_printf ("<%s> has the attribute “%s” twice", element_name, attribute_names[i]);
          report_fatal (parser, frame.line, frame.column, MADO_PHRASE_FILE_ERROR_SYNTAX, message);
          stop_parse (parser, error);
          return;
        }
  if (parent == NULL && parser->root_closed)
    {
      g_autofree char *message =
        g_strdup_printf ("<%s> follows the end of the top element; a phrase file holds exactly one "
                         "top element", element_name);
      report_fatal (parser, frame.line, frame.column, MADO_PHRASE_FILE_ERROR_SYNTAX, message);
      stop_parse (parser, error);
      return;
    }

  if (parent == NULL)
    {
      const char *expected = parser->expected_genre_id != NULL ? "genre" : "phrase-set";

      parser->root_line = frame.line;
      parser->root_column = frame.column;
      if (strcmp (element_name, expected) != 0)
        {
          g_autofree char *message =
            g_strdup_printf ("the top element is <%s>, but %s must hold <%s>", element_name,
                             parser->expected_genre_id != NULL ? "a genre file" : "set.xml", expected);
          report_fatal (parser, frame.line, frame.column, MADO_PHRASE_FILE_ERROR_UNKNOWN_ELEMENT, message);
        }
      else if (parser->expected_genre_id != NULL)
        {
          frame.kind = ELEMENT_GENRE;
          start_genre (parser, attribute_names, attribute_values, frame.line, frame.column);
        }
      else
        {
          frame.kind = ELEMENT_PHRASE_SET;
          start_phrase_set (parser, attribute_names, attribute_values, frame.line, frame.column);
        }
    }
  else if (parent->kind == ELEMENT_IGNORED)
    ; /* Already reported with the outermost unknown element. */
  else if ((parent->kind == ELEMENT_GENRE || parent->kind == ELEMENT_PHRASE_SET) &&
           strcmp (element_name, "name") == 0)
    {
      frame.kind = ELEMENT_NAME;
      start_text (parser, "name", &parser->names, attribute_names, attribute_values, frame.line, frame.column);
    }
  else if (parent->kind == ELEMENT_GENRE && strcmp (element_name, "phrase") == 0)
    {
      frame.kind = ELEMENT_PHRASE;
      start_phrase (parser, attribute_names, attribute_values, frame.line, frame.column);
    }
  else if (parent->kind == ELEMENT_PHRASE && strcmp (element_name, "t") == 0)
    {
      frame.kind = ELEMENT_TEXT;
      start_text (parser, "t", &parser->phrase->tally, attribute_names, attribute_values,
                  frame.line, frame.column);
    }
  else
    {
      const char *allowed;

      switch (parent->kind)
        {
        case ELEMENT_GENRE:
          allowed = "<name> and <phrase>";
          break;
        case ELEMENT_PHRASE_SET:
          allowed = "only <name>";
          break;
        case ELEMENT_PHRASE:
          allowed = "only <t>";
          break;
        case ELEMENT_NAME:
        case ELEMENT_TEXT:
        case ELEMENT_IGNORED:
        default:
          allowed = "only plain text";
          break;
        }
      report (parser, frame.line, frame.column, MADO_PHRASE_FILE_ERROR_UNKNOWN_ELEMENT,
              "<%s> is not allowed inside <%s>, which holds %s", element_name, parent->name, allowed);

      if (parent->kind == ELEMENT_NAME || parent->kind == ELEMENT_TEXT)
        parser->text_broken = TRUE;
      if (parser->phrase != NULL)
        parser->phrase->broken = TRUE;
    }

  g_array_append_val (parser->stack, frame);
}

static void
end_element_cb (GMarkupParseContext  *context,
                const char           *element_name,
                gpointer              user_data,
                GError              **error)
{
  Parser *parser = user_data;
  Frame frame = g_array_index (parser->stack, Frame, parser->stack->len - 1);
  g_autofree char *text = NULL;

  g_array_set_size (parser->stack, parser->stack->len - 1);

  switch (frame.kind)
    {
    case ELEMENT_NAME:
      text = finish_text (parser);
      if (text != NULL && parser->content->set != NULL)
        mado_phrase_set_set_name (parser->content->set, parser->text_language->code, text);
      else if (text != NULL && parser->content->genre != NULL)
        mado_genre_set_name (parser->content->genre, parser->text_language->code, text);
      break;

    case ELEMENT_TEXT:
      text = finish_text (parser);
      if (text != NULL)
        g_hash_table_insert (parser->phrase->texts, (gpointer) parser->text_language->code,
                             g_steal_pointer (&text));
      else
        parser->phrase->broken = TRUE;
      break;

    case ELEMENT_PHRASE:
      end_phrase (parser);
      break;

    case ELEMENT_GENRE:
    case ELEMENT_PHRASE_SET:
      check_all_languages (parser, &parser->names, parser->root_line, parser->root_column,
                           frame.kind == ELEMENT_GENRE ? "the genre’s name list" : "the set’s name list");
      parser->root_closed = TRUE;
      break;

    case ELEMENT_IGNORED:
    default:
      if (parser->stack->len == 0)
        parser->root_closed = TRUE;
      break;
    }
}

static void
text_cb (GMarkupParseContext  *context,
         const char           *text,
         gsize                 text_len,
         gpointer              user_data,
         GError              **error)
{
  Parser *parser = user_data;
  const Frame *frame;
  gsize offset;
  guint line, column;

  if (parser->stack->len == 0)
    return;

  frame = &g_array_index (parser->stack, Frame, parser->stack->len - 1);
  if (frame->kind == ELEMENT_NAME || frame->kind == ELEMENT_TEXT)
    {
      g_string_append_len (parser->text, text, text_len);
      return;
    }
  if (frame->kind == ELEMENT_IGNORED)
    return;

  for (gsize i = 0; i < text_len; i++)
    if (!g_ascii_isspace (text[i]))
      {
        /* GMarkup's cursor is at or just past the end of the text; without entities the text
         * starts text_len bytes before, which is close enough to find the line. */
        offset = cursor_offset (parser, context);
        offset = offset > text_len ? offset - text_len : 0;
        while (offset < parser->length && g_ascii_isspace (parser->data[offset]))
          offset++;
        offset_to_position (parser, offset, &line, &column);
        report (parser, line, column, MADO_PHRASE_FILE_ERROR_UNEXPECTED_TEXT,
                "text directly inside <%s>; text belongs in <name> or <t>", frame->name);
        return;
      }
}

/* GMarkup puts its own "Error on line N char M: " in front of its messages; the diagnostic carries
 * the position already. Both prefixes are looked up in GLib's own translations so this works in
 * every locale. */
static const char *
strip_markup_prefix (const char *message)
{
  const char *formats[] = { "Error on line %d char %d: ", "Error on line %d: " };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *pattern = g_strdup (g_dgettext ("glib20", formats[i]));
      char *end = strrchr (pattern, ':');

      /* Match the translated prefix only up to its colon, skipping the digits in between. */
      if (end != NULL)
        {
          const char *m = message;
          const char *p = pattern;

          while (*p != '\0' && *m != '\0')
            {
              if (p[0] == '%' && p[1] == 'd')
                {
                  while (g_ascii_isdigit (*m))
                    m++;
                  p += 2;
                }
              else if (*p == *m)
                {
                  p++;
                  m++;
                }
              else
                break;
            }
          if (*p == '\0')
            return m;
        }
    }

  return message;
}

static void
report_syntax_error (Parser              *parser,
                     GMarkupParseContext *context,
                     const GError        *error)
{
  gsize offset = cursor_offset (parser, context);
  g_autofree char *message = NULL;
  guint line, column;

  if (offset >= parser->length && parser->stack->len > 0)
    {
      const Frame *open = &g_array_index (parser->stack, Frame, parser->stack->len - 1);

      end_position (parser, &line, &column);
      message = g_strdup_printf ("the file ends before <%s> from line %u is closed; it may have "
                                 "been cut off", open->name, open->line);
    }
  else if (g_error_matches (error, G_MARKUP_ERROR, G_MARKUP_ERROR_EMPTY))
    {
      line = 1;
      column = 1;
      message = g_strdup ("the file is empty");
    }
  else
    {
      offset_to_position (parser, offset, &line, &column);
      message = g_strdup_printf ("not well-formed XML: %s", strip_markup_prefix (error->message));
    }

  report_fatal (parser, line, column, MADO_PHRASE_FILE_ERROR_SYNTAX, message);
}

/* Files saved by Windows editors may start with a byte order mark, which xmllint accepts. */
static void
skip_byte_order_mark (const char **data,
                      gsize       *length)
{
  if (*length >= 3 && memcmp (*data, "\xEF\xBB\xBF", 3) == 0)
    {
      *data += 3;
      *length -= 3;
    }
}

static gboolean
check_encoding (Parser *parser)
{
  const char *end;
  guint line, column;
  g_autofree char *message = NULL;

  if (g_utf8_validate_len (parser->data, parser->length, &end))
    return TRUE;

  offset_to_position (parser, end - parser->data, &line, &column);
  message = g_strdup ("the file is not UTF-8 from here on; save it as UTF-8 (not Shift_JIS)");
  report_fatal (parser, line, column, MADO_PHRASE_FILE_ERROR_SYNTAX, message);

  return FALSE;
}

MadoPhraseFileContent *
mado_phrase_file_parse (const char *display_path,
                        const char *data,
                        gsize       length,
                        const char *expected_set_id,
                        const char *expected_genre_id,
                        GPtrArray  *diagnostics)
{
  static const GMarkupParser callbacks = {
    .start_element = start_element_cb,
    .end_element = end_element_cb,
    .text = text_cb,
  };
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;
  MadoPhraseFileContent *content;
  Parser parser = { 0 };

  g_return_val_if_fail (display_path != NULL, NULL);
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (expected_set_id != NULL, NULL);
  g_return_val_if_fail (diagnostics != NULL, NULL);

  skip_byte_order_mark (&data, &length);

  content = g_new0 (MadoPhraseFileContent, 1);
  content->usable = TRUE;
  content->phrases = g_ptr_array_new_with_free_func (g_object_unref);

  parser.path = display_path;
  parser.data = data;
  parser.length = length;
  parser.expected_set_id = expected_set_id;
  parser.expected_genre_id = expected_genre_id;
  parser.diagnostics = diagnostics;
  parser.stack = g_array_new (FALSE, FALSE, sizeof (Frame));
  parser.content = content;
  parser.text = g_string_new (NULL);
  parser.phrase_lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  language_tally_init (&parser.names);
  index_lines (&parser);

  if (check_encoding (&parser))
    {
      context = g_markup_parse_context_new (&callbacks, G_MARKUP_TREAT_CDATA_AS_TEXT, &parser, NULL);
      if (!g_markup_parse_context_parse (context, data, length, &error) ||
          !g_markup_parse_context_end_parse (context, &error))
        {
          if (!parser.stopped)
            report_syntax_error (&parser, context, error);
        }
    }

  /* A file that stopped half-way leaves its phrase open. */
  g_clear_pointer (&parser.phrase, pending_phrase_free);
  g_array_unref (parser.stack);
  g_array_unref (parser.line_starts);
  g_string_free (parser.text, TRUE);
  g_hash_table_unref (parser.phrase_lines);
  language_tally_clear (&parser.names);

  return content;
}

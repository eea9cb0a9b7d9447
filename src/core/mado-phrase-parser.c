/* mado-phrase-parser.c: parsing one phrase file with GMarkup, reporting every problem with its place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-phrase-parser-state-private.h"

#include <string.h>

#include "mado-burmese.h"
#include "mado-ruby.h"

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

static void
stop_parse (Parser  *parser,
            GError **error)
{
  parser->stopped = TRUE;
  g_set_error_literal (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT, "stopped");
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
      mado_phrase_parser_report (parser, line, column, MADO_PHRASE_FILE_ERROR_UNKNOWN_LANGUAGE,
                                 "lang=“%s” is not one of the kiosk’s languages (%s)", value, language_list ());
      return NULL;
    }
  if (strcmp (language->code, value) != 0)
    {
      mado_phrase_parser_report (parser, line, column, MADO_PHRASE_FILE_ERROR_UNKNOWN_LANGUAGE,
                                 "lang=“%s” must be written “%s”", value, language->code);
      return NULL;
    }
  if (g_hash_table_lookup_extended (tally->lines, language->code, NULL, &first_line))
    {
      mado_phrase_parser_report (parser, line, column, MADO_PHRASE_FILE_ERROR_DUPLICATE_LANGUAGE,
                                 "%s (%s) is given twice; the first is on line %u",
                                 language->code, language->english_name, GPOINTER_TO_UINT (first_line));
      return NULL;
    }

  index = (int) mado_language_get_index (language);
  if (index < tally->last_index && !tally->order_reported)
    {
      mado_phrase_parser_report (parser, line, column, MADO_PHRASE_FILE_ERROR_LANGUAGE_ORDER,
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

  mado_phrase_parser_report (parser, line, column, MADO_PHRASE_FILE_ERROR_MISSING_LANGUAGE,
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

  mado_phrase_parser_collect_attributes (parser, element, names, values, line, column, allowed, attrs);

  parser->text_line = line;
  parser->text_column = column;
  parser->text_broken = FALSE;
  g_string_truncate (parser->text, 0);

  if (attrs[0] == NULL)
    {
      mado_phrase_parser_report (parser, line, column, MADO_PHRASE_FILE_ERROR_MISSING_ATTRIBUTE,
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
      mado_phrase_parser_report (parser, parser->text_line, parser->text_column, MADO_PHRASE_FILE_ERROR_EMPTY_TEXT,
                                 "the %s (%s) text is empty", language->english_name, language->code);
      return NULL;
    }

  if (strcmp (language->code, "ja-x-easy") == 0 && !mado_ruby_validate (text, &error))
    {
      mado_phrase_parser_report (parser, parser->text_line, parser->text_column,
                                 g_error_matches (error, MADO_RUBY_ERROR, MADO_RUBY_ERROR_KANJI_WITHOUT_READING)
                                   ? MADO_PHRASE_FILE_ERROR_KANJI_WITHOUT_READING
                                   : MADO_PHRASE_FILE_ERROR_BAD_READING,
                                 "Easy Japanese text, %s", error->message);
      return NULL;
    }

  if (strcmp (language->code, "my") == 0 && !mado_burmese_validate (text, &error))
    {
      mado_phrase_parser_report (parser, parser->text_line, parser->text_column, MADO_PHRASE_FILE_ERROR_ZAWGYI,
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

  mado_phrase_parser_collect_attributes (parser, "phrase", names, values, line, column, allowed, attrs);

  phrase = g_new0 (PendingPhrase, 1);
  phrase->id = g_strdup (attrs[0]);
  phrase->line = line;
  phrase->column = column;
  phrase->texts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  language_tally_init (&phrase->tally);
  parser->phrase = phrase;

  if (attrs[0] == NULL)
    {
      mado_phrase_parser_report (parser, line, column, MADO_PHRASE_FILE_ERROR_MISSING_ATTRIBUTE,
                                 "<phrase> needs an id attribute (three digits, 001 to 999)");
      phrase->broken = TRUE;
    }
  else if (!is_phrase_number (attrs[0]))
    {
      mado_phrase_parser_report (parser, line, column, MADO_PHRASE_FILE_ERROR_BAD_ID,
                                 "phrase id “%s” must be three digits, 001 to 999", attrs[0]);
      phrase->broken = TRUE;
    }
  else if (g_hash_table_lookup_extended (parser->phrase_lines, attrs[0], NULL, &first_line))
    {
      mado_phrase_parser_report (parser, line, column, MADO_PHRASE_FILE_ERROR_DUPLICATE_ID,
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
      mado_phrase_parser_report (parser, line, column, MADO_PHRASE_FILE_ERROR_BAD_VALUE,
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

  mado_phrase_parser_tag_position (parser, context, &frame.line, &frame.column);

  /* GMarkup accepts both of these, but XML does not, and xmllint would reject the file. */
  for (guint i = 0; attribute_names[i] != NULL; i++)
    for (guint j = i + 1; attribute_names[j] != NULL; j++)
      if (strcmp (attribute_names[i], attribute_names[j]) == 0)
        {
          g_autofree char *message =
            g_strdup_printf ("<%s> has the attribute “%s” twice", element_name, attribute_names[i]);
          mado_phrase_parser_report_fatal (parser, frame.line, frame.column, MADO_PHRASE_FILE_ERROR_SYNTAX, message);
          stop_parse (parser, error);
          return;
        }
  if (parent == NULL && parser->root_closed)
    {
      g_autofree char *message =
        g_strdup_printf ("<%s> follows the end of the top element; a phrase file holds exactly one "
                         "top element", element_name);
      mado_phrase_parser_report_fatal (parser, frame.line, frame.column, MADO_PHRASE_FILE_ERROR_SYNTAX, message);
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
          mado_phrase_parser_report_fatal (parser, frame.line, frame.column,
                                           MADO_PHRASE_FILE_ERROR_UNKNOWN_ELEMENT, message);
        }
      else if (parser->expected_genre_id != NULL)
        {
          frame.kind = ELEMENT_GENRE;
          mado_phrase_parser_start_genre (parser, attribute_names, attribute_values, frame.line, frame.column);
        }
      else
        {
          frame.kind = ELEMENT_PHRASE_SET;
          mado_phrase_parser_start_phrase_set (parser, attribute_names, attribute_values, frame.line, frame.column);
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
      mado_phrase_parser_report (parser, frame.line, frame.column, MADO_PHRASE_FILE_ERROR_UNKNOWN_ELEMENT,
                                 "<%s> is not allowed inside <%s>, which holds %s",
                                 element_name, parent->name, allowed);

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
        offset = mado_phrase_parser_cursor_offset (parser, context);
        offset = offset > text_len ? offset - text_len : 0;
        while (offset < parser->length && g_ascii_isspace (parser->data[offset]))
          offset++;
        mado_phrase_parser_offset_to_position (parser, offset, &line, &column);
        mado_phrase_parser_report (parser, line, column, MADO_PHRASE_FILE_ERROR_UNEXPECTED_TEXT,
                                   "text directly inside <%s>; text belongs in <name> or <t>", frame->name);
        return;
      }
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

  mado_phrase_parser_skip_byte_order_mark (&data, &length);

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
  mado_phrase_parser_index_lines (&parser);

  if (mado_phrase_parser_check_encoding (&parser))
    {
      context = g_markup_parse_context_new (&callbacks, G_MARKUP_TREAT_CDATA_AS_TEXT, &parser, NULL);
      if (!g_markup_parse_context_parse (context, data, length, &error) ||
          !g_markup_parse_context_end_parse (context, &error))
        {
          if (!parser.stopped)
            mado_phrase_parser_report_syntax_error (&parser, context, error);
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

/* mado-phrase-parser-places.c: lines, columns and problems while a phrase file is parsed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-phrase-parser-state-private.h"

#include <string.h>

/* Positions. GMarkup reports where its cursor is, counting bytes, with the newline counted as the
 * first character of the next line; and when an element callback runs the cursor is already past
 * the tag. Diagnostics must point at the start of the tag, in characters as editors count them, so
 * the cursor is turned back into a byte offset and the tag's "<" is searched for from there. */

void
mado_phrase_parser_index_lines (Parser *parser)
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

gsize
mado_phrase_parser_cursor_offset (Parser              *parser,
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

void
mado_phrase_parser_offset_to_position (Parser *parser,
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

void
mado_phrase_parser_tag_position (Parser              *parser,
                                 GMarkupParseContext *context,
                                 guint               *line,
                                 guint               *column)
{
  gsize offset = mado_phrase_parser_cursor_offset (parser, context);

  while (offset > 0 && parser->data[offset - 1] != '<')
    offset--;
  mado_phrase_parser_offset_to_position (parser, offset > 0 ? offset - 1 : 0, line, column);
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
  mado_phrase_parser_offset_to_position (parser, offset, line, column);
}

void
mado_phrase_parser_report (Parser              *parser,
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
void
mado_phrase_parser_report_fatal (Parser              *parser,
                                 guint                line,
                                 guint                column,
                                 MadoPhraseFileError  code,
                                 const char          *message)
{
  mado_phrase_parser_report (parser, line, column, code, "%s", message);

  if (parser->content->usable)
    {
      parser->content->usable = FALSE;
      parser->content->fatal_code = code;
      parser->content->fatal_message = g_strdup (message);
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

void
mado_phrase_parser_report_syntax_error (Parser              *parser,
                                        GMarkupParseContext *context,
                                        const GError        *error)
{
  gsize offset = mado_phrase_parser_cursor_offset (parser, context);
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
      mado_phrase_parser_offset_to_position (parser, offset, &line, &column);
      message = g_strdup_printf ("not well-formed XML: %s", strip_markup_prefix (error->message));
    }

  mado_phrase_parser_report_fatal (parser, line, column, MADO_PHRASE_FILE_ERROR_SYNTAX, message);
}

/* Files saved by Windows editors may start with a byte order mark, which xmllint accepts. */
void
mado_phrase_parser_skip_byte_order_mark (const char **data,
                                         gsize       *length)
{
  if (*length >= 3 && memcmp (*data, "\xEF\xBB\xBF", 3) == 0)
    {
      *data += 3;
      *length -= 3;
    }
}

gboolean
mado_phrase_parser_check_encoding (Parser *parser)
{
  const char *end;
  guint line, column;
  g_autofree char *message = NULL;

  if (g_utf8_validate_len (parser->data, parser->length, &end))
    return TRUE;

  mado_phrase_parser_offset_to_position (parser, end - parser->data, &line, &column);
  message = g_strdup ("the file is not UTF-8 from here on; save it as UTF-8 (not Shift_JIS)");
  mado_phrase_parser_report_fatal (parser, line, column, MADO_PHRASE_FILE_ERROR_SYNTAX, message);

  return FALSE;
}

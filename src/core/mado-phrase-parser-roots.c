/* mado-phrase-parser-roots.c: the top element of a phrase file (<phrase-set> or <genre>) and attributes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-phrase-parser-state-private.h"

#include <string.h>

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

/* Picks the known attributes of an element into @values (in the order of @allowed) and reports
 * any other attribute. */
void
mado_phrase_parser_collect_attributes (Parser             *parser,
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

          mado_phrase_parser_report (parser, line, column, MADO_PHRASE_FILE_ERROR_UNKNOWN_ATTRIBUTE,
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
    mado_phrase_parser_report (parser, line, column, MADO_PHRASE_FILE_ERROR_MISSING_ATTRIBUTE,
                               "<%s> needs a review attribute (needs-native-review or native-reviewed)", element);
  else if (!mado_review_status_from_string (value, review))
    mado_phrase_parser_report (parser, line, column, MADO_PHRASE_FILE_ERROR_BAD_VALUE,
                               "review=“%s” is not a review status; use needs-native-review or native-reviewed", value);
}

void
mado_phrase_parser_start_phrase_set (Parser      *parser,
                                     const char **names,
                                     const char **values,
                                     guint        line,
                                     guint        column)
{
  static const char * const allowed[] = { "id", "version", "review", NULL };
  const char *attrs[G_N_ELEMENTS (allowed)];
  MadoReviewStatus review;
  guint64 version = 0;

  mado_phrase_parser_collect_attributes (parser, "phrase-set", names, values, line, column, allowed, attrs);

  if (attrs[0] == NULL)
    mado_phrase_parser_report_fatal (parser, line, column, MADO_PHRASE_FILE_ERROR_MISSING_ATTRIBUTE,
                                     "<phrase-set> needs an id attribute");
  else if (strcmp (attrs[0], parser->expected_set_id) != 0)
    {
      g_autofree char *message =
        g_strdup_printf ("the set id “%s” does not match its folder “%s”", attrs[0], parser->expected_set_id);
      mado_phrase_parser_report_fatal (parser, line, column, MADO_PHRASE_FILE_ERROR_ID_MISMATCH, message);
    }
  else if (!is_identifier (attrs[0]))
    {
      g_autofree char *message =
        g_strdup_printf ("the set id “%s” may hold only lower-case ASCII letters, digits and “-”", attrs[0]);
      mado_phrase_parser_report_fatal (parser, line, column, MADO_PHRASE_FILE_ERROR_BAD_ID, message);
    }

  /* Versions decide whether the store reseeds, so only a plain positive integer is accepted. */
  if (attrs[1] == NULL)
    mado_phrase_parser_report_fatal (parser, line, column, MADO_PHRASE_FILE_ERROR_MISSING_ATTRIBUTE,
                                     "<phrase-set> needs a version attribute (a positive integer)");
  else if (attrs[1][0] == '0' ||
           !g_ascii_string_to_unsigned (attrs[1], 10, 1, G_MAXUINT, &version, NULL))
    {
      g_autofree char *message =
        g_strdup_printf ("version=“%s” is not a positive integer such as 1, 2 or 3", attrs[1]);
      mado_phrase_parser_report_fatal (parser, line, column, MADO_PHRASE_FILE_ERROR_BAD_VERSION, message);
      version = 0;
    }

  read_review (parser, "phrase-set", attrs[2], line, column, &review);

  parser->content->set = mado_phrase_set_new (parser->expected_set_id, (guint) version);
  mado_phrase_set_set_review (parser->content->set, review);
}

void
mado_phrase_parser_start_genre (Parser      *parser,
                                const char **names,
                                const char **values,
                                guint        line,
                                guint        column)
{
  static const char * const allowed[] = { "set", "id", "order", "review", NULL };
  const char *attrs[G_N_ELEMENTS (allowed)];
  MadoReviewStatus review;
  gint64 order = 0;

  mado_phrase_parser_collect_attributes (parser, "genre", names, values, line, column, allowed, attrs);

  if (attrs[0] == NULL)
    mado_phrase_parser_report_fatal (parser, line, column, MADO_PHRASE_FILE_ERROR_MISSING_ATTRIBUTE,
                                     "<genre> needs a set attribute naming its set");
  else if (strcmp (attrs[0], parser->expected_set_id) != 0)
    {
      g_autofree char *message =
        g_strdup_printf ("set=“%s” does not match the folder “%s” the file is in", attrs[0], parser->expected_set_id);
      mado_phrase_parser_report_fatal (parser, line, column, MADO_PHRASE_FILE_ERROR_ID_MISMATCH, message);
    }

  if (attrs[1] == NULL)
    mado_phrase_parser_report_fatal (parser, line, column, MADO_PHRASE_FILE_ERROR_MISSING_ATTRIBUTE,
                                     "<genre> needs an id attribute");
  else if (strcmp (attrs[1], parser->expected_genre_id) != 0)
    {
      g_autofree char *message =
        g_strdup_printf ("the genre id “%s” does not match the file name “%s.xml”",
                         attrs[1], parser->expected_genre_id);
      mado_phrase_parser_report_fatal (parser, line, column, MADO_PHRASE_FILE_ERROR_ID_MISMATCH, message);
    }
  else if (!is_identifier (attrs[1]))
    {
      g_autofree char *message =
        g_strdup_printf ("the genre id “%s” may hold only lower-case ASCII letters, digits and “-”", attrs[1]);
      mado_phrase_parser_report_fatal (parser, line, column, MADO_PHRASE_FILE_ERROR_BAD_ID, message);
    }

  /* The order only sorts the genre list, so a wrong one is reported but does not cost the phrases. */
  if (attrs[2] == NULL)
    mado_phrase_parser_report (parser, line, column, MADO_PHRASE_FILE_ERROR_MISSING_ATTRIBUTE,
                               "<genre> needs an order attribute (an integer that sorts the genre list)");
  else if (!g_ascii_string_to_signed (attrs[2], 10, G_MININT, G_MAXINT, &order, NULL))
    {
      mado_phrase_parser_report (parser, line, column, MADO_PHRASE_FILE_ERROR_BAD_VALUE,
                                 "order=“%s” is not an integer", attrs[2]);
      order = 0;
    }

  read_review (parser, "genre", attrs[3], line, column, &review);

  parser->content->genre = mado_genre_new (parser->expected_set_id, parser->expected_genre_id, (int) order);
  mado_genre_set_review (parser->content->genre, review);
}

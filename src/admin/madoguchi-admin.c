/* madoguchi-admin.c: the command-line tool for city IT staff (validate, export, import, search, sets, seed)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "mado-admin-call.h"
#include "mado-language.h"
#include "mado-phrase-exchange.h"
#include "mado-phrase-reader.h"
#include "mado-phrase-store.h"

enum {
  EXIT_OK = 0,
  EXIT_PROBLEM = 1,   /* the command ran and found problems, or could not do its work */
  EXIT_USAGE = 2,     /* the command line itself is wrong */
};

/* The global option, accepted before and after the command name. */
static char *database_option = NULL;

static const GOptionEntry global_entries[] = {
  { "database", 'd', 0, G_OPTION_ARG_FILENAME, &database_option,
    N_("The phrase database (default: $MADOGUCHI_DB, else ~/.local/share/madoguchi/phrases.db)"), N_("PATH") },
  G_OPTION_ENTRY_NULL
};

/* Output. Texts are UTF-8 throughout. A terminal whose locale names another character set (such
 * as EUC-JP) gets them converted; under the C or POSIX locale, which says nothing about the
 * terminal, the UTF-8 bytes are written as they are, since converting them to ASCII would turn
 * every Japanese character into "?" in scripts and cron jobs that run without a locale. */

static void
write_text (FILE       *stream,
            const char *text)
{
  const char *charset;

  if (!g_get_charset (&charset) && g_ascii_strcasecmp (charset, "ANSI_X3.4-1968") != 0 &&
      g_ascii_strcasecmp (charset, "ASCII") != 0 && g_ascii_strcasecmp (charset, "US-ASCII") != 0)
    {
      g_autofree char *converted = g_convert_with_fallback (text, -1, charset, "UTF-8", "?", NULL, NULL, NULL);

      if (converted != NULL)
        {
          fputs (converted, stream);
          return;
        }
    }

  fputs (text, stream);
}

static void say (const char *format, ...) G_GNUC_PRINTF (1, 2);
static void complain (const char *format, ...) G_GNUC_PRINTF (1, 2);

/* A line on standard output. */
static void
say (const char *format,
     ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  write_text (stdout, text);
  fputc ('\n', stdout);
}

/* A line on standard error. */
static void
complain (const char *format,
          ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  fflush (stdout);
  write_text (stderr, text);
  fputc ('\n', stderr);
}

/* GOption prints --help through g_print; this keeps that output in the same encoding as the rest. */
static void
print_to_stdout (const char *text)
{
  write_text (stdout, text);
}

static void
print_to_stderr (const char *text)
{
  fflush (stdout);
  write_text (stderr, text);
}

static void
print_diagnostics (GPtrArray *diagnostics,
                   FILE      *stream)
{
  for (guint i = 0; i < diagnostics->len; i++)
    {
      g_autofree char *line = mado_diagnostic_to_string (g_ptr_array_index (diagnostics, i));

      write_text (stream, line);
      fputc ('\n', stream);
    }
}

/* Command-line arguments arrive in the locale's encoding, or as UTF-8 bytes under the C locale;
 * both become UTF-8 here. */
static char *
argument_to_utf8 (const char *argument)
{
  if (argument == NULL)
    return NULL;
  if (g_utf8_validate (argument, -1, NULL))
    return g_strdup (argument);

  return g_locale_to_utf8 (argument, -1, NULL, NULL, NULL);
}

static int
usage_error (GOptionContext *context,
             const char     *command,
             const char     *message)
{
  complain ("madoguchi-admin %s: %s", command, message);
  complain (_("Try “madoguchi-admin %s --help”."), command);

  return EXIT_USAGE;
}

/* Parses a command's options. Returns FALSE after reporting a usage error. */
static gboolean
parse_command_line (GOptionContext  *context,
                    const char      *command,
                    int             *argc,
                    char          ***argv)
{
  g_autoptr(GError) error = NULL;
  GOptionGroup *global;

  global = g_option_group_new ("global", _("Options for every command:"), _("Show options for every command"),
                               NULL, NULL);
  g_option_group_add_entries (global, global_entries);
  g_option_group_set_translation_domain (global, GETTEXT_PACKAGE);
  g_option_context_add_group (context, global);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      usage_error (context, command, error->message);
      return FALSE;
    }

  return TRUE;
}

static char *
database_path (void)
{
  const char *environment = g_getenv ("MADOGUCHI_DB");

  if (database_option != NULL)
    return g_strdup (database_option);
  if (environment != NULL && *environment != '\0')
    return g_strdup (environment);

  return g_build_filename (g_get_user_data_dir (), "madoguchi", "phrases.db", NULL);
}

/* Opens the database. @create is for seeding; the other commands need one that exists, and
 * saying so beats silently creating an empty file somewhere unexpected. */
static MadoPhraseStore *
open_store (gboolean create)
{
  g_autofree char *path = database_path ();
  g_autofree char *display = g_filename_display_name (path);
  g_autoptr(GError) error = NULL;
  MadoPhraseStore *store;

  if (!create && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      complain (_("There is no phrase database at %s. Run “madoguchi-admin seed” to create it, "
                  "or name another with --database."), display);
      return NULL;
    }

  if (create)
    {
      g_autofree char *folder = g_path_get_dirname (path);

      if (g_mkdir_with_parents (folder, 0755) != 0)
        {
          g_autofree char *folder_display = g_filename_display_name (folder);

          complain (_("Cannot create the folder %s for the phrase database: %s"), folder_display,
                    g_strerror (errno));
          return NULL;
        }
    }

  store = mado_phrase_store_open (path, &error);
  if (store == NULL)
    complain (_("Cannot open the phrase database %s: %s"), display, error->message);

  return store;
}

static int
summarise_diagnostics (guint n_problems)
{
  return n_problems == 0 ? EXIT_OK : EXIT_PROBLEM;
}

/* validate */

typedef struct {
  guint n_sets;
  guint n_genres;
  guint n_phrases;
} Counts;

static void
count_set (Counts        *counts,
           MadoPhraseSet *set)
{
  /* A genre file read on its own comes wrapped in a set of version 0, which is not a set file. */
  if (mado_phrase_set_get_version (set) > 0)
    counts->n_sets++;
  counts->n_genres += mado_phrase_set_get_genres (set)->len;
  counts->n_phrases += mado_phrase_set_get_phrases (set)->len;
}

static void
validate_path (MadoPhraseReader *reader,
               const char       *path,
               Counts           *counts)
{
  g_autofree char *set_file = g_build_filename (path, "set.xml", NULL);

  if (g_file_test (path, G_FILE_TEST_IS_DIR) && g_file_test (set_file, G_FILE_TEST_EXISTS))
    {
      g_autoptr(MadoPhraseSet) set = mado_phrase_reader_read_set (reader, path, NULL);

      if (set != NULL)
        count_set (counts, set);
    }
  else if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GPtrArray) sets = mado_phrase_reader_read_tree (reader, path, NULL);

      for (guint i = 0; sets != NULL && i < sets->len; i++)
        count_set (counts, g_ptr_array_index (sets, i));
    }
  else
    {
      g_autoptr(MadoPhraseSet) set = mado_phrase_reader_read_file (reader, path, NULL);

      if (set != NULL)
        count_set (counts, set);
    }
}

static int
run_validate (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("validate [PATH…]");
  g_autoptr(MadoPhraseReader) reader = mado_phrase_reader_new ();
  g_autofree char *default_dir = NULL;
  g_autofree char *problems = NULL;
  Counts counts = { 0 };
  GPtrArray *diagnostics;

  g_option_context_set_summary (context,
    _("Checks the shipped phrase files: each PATH may be the phrase folder, one set's folder,\n"
      "or a single set.xml or genre file. Without PATH, the phrase folder is checked\n"
      "($MADOGUCHI_PHRASE_DIR, else the installed phrases). Every problem is printed as\n"
      "FILE:LINE:COLUMN: MESSAGE; the exit status is 1 when there is any."));
  if (!parse_command_line (context, "validate", &argc, &argv))
    return EXIT_USAGE;

  if (argc < 2)
    {
      default_dir = mado_phrase_reader_default_dir ();
      validate_path (reader, default_dir, &counts);
    }
  for (int i = 1; i < argc; i++)
    validate_path (reader, argv[i], &counts);

  diagnostics = mado_phrase_reader_get_diagnostics (reader);
  print_diagnostics (diagnostics, stdout);

  problems = diagnostics->len == 0 ? g_strdup (_("no problems"))
                                   : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u problem", "%u problems",
                                                                   diagnostics->len),
                                                      diagnostics->len);
  say (_("Read %u sets, %u genres and %u phrases: %s."), counts.n_sets, counts.n_genres, counts.n_phrases,
       problems);

  return summarise_diagnostics (diagnostics->len);
}

/* export */

static char *format_option = NULL;
static char *set_option = NULL;

static gboolean
choose_format (const char         *command,
               const char         *file,
               MadoExchangeFormat *format,
               GOptionContext     *context)
{
  if (format_option != NULL)
    {
      if (mado_exchange_format_from_name (format_option, format))
        return TRUE;

      g_autofree char *message = g_strdup_printf (_("“%s” is not a format; use csv or json"), format_option);
      usage_error (context, command, message);
      return FALSE;
    }

  if (mado_exchange_format_from_path (file, format))
    return TRUE;

  g_autofree char *message =
    g_strdup_printf (_("cannot tell the format from the name “%s”; add --format csv or --format json"), file);
  usage_error (context, command, message);
  return FALSE;
}

static int
run_export (int    argc,
            char **argv)
{
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_FILENAME, &format_option,
      N_("csv (for Excel) or json; by default taken from FILE's extension"), N_("FORMAT") },
    { "set", 's', 0, G_OPTION_ARG_FILENAME, &set_option, N_("Export only this phrase set"), N_("ID") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("export FILE");
  g_autoptr(MadoPhraseStore) store = NULL;
  g_autoptr(MadoPhraseExchange) exchange = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *set_id = NULL;
  g_autofree char *display = NULL;
  MadoExchangeFormat format;
  guint n_exported = 0;

  g_option_context_set_summary (context,
    _("Writes every phrase (shipped, edited and local) with one column per language.\n"
      "CSV files are UTF-8 with a byte order mark and open directly in Excel.\n"
      "FILE “-” writes to standard output."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_command_line (context, "export", &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return usage_error (context, "export", _("name one FILE to write"));
  if (!choose_format ("export", strcmp (argv[1], "-") == 0 ? "-.csv" : argv[1], &format, context))
    return EXIT_USAGE;

  set_id = argument_to_utf8 (set_option);
  store = open_store (FALSE);
  if (store == NULL)
    return EXIT_PROBLEM;
  exchange = mado_phrase_exchange_new (store);

  if (strcmp (argv[1], "-") == 0)
    {
      g_autoptr(GBytes) bytes = mado_phrase_exchange_export (exchange, format, set_id, &n_exported, &error);
      gsize length;
      const char *data;

      if (bytes == NULL)
        {
          complain (_("Cannot export: %s"), error->message);
          return EXIT_PROBLEM;
        }
      data = g_bytes_get_data (bytes, &length);
      if (fwrite (data, 1, length, stdout) != length || fflush (stdout) != 0)
        {
          complain (_("Cannot write to standard output: %s"), g_strerror (errno));
          return EXIT_PROBLEM;
        }
      complain (_("Exported %u phrases."), n_exported);
      return EXIT_OK;
    }

  if (!mado_phrase_exchange_export_file (exchange, argv[1], format, set_id, &n_exported, &error))
    {
      complain (_("Cannot export: %s"), error->message);
      return EXIT_PROBLEM;
    }

  display = g_filename_display_name (argv[1]);
  say (_("Exported %u phrases to %s."), n_exported, display);

  return EXIT_OK;
}

/* import */

static int
run_import (int    argc,
            char **argv)
{
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_FILENAME, &format_option,
      N_("csv or json; by default taken from FILE's extension"), N_("FORMAT") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("import FILE");
  g_autoptr(MadoPhraseStore) store = NULL;
  g_autoptr(MadoPhraseExchange) exchange = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *display = NULL;
  MadoImportSummary summary = { 0 };
  MadoExchangeFormat format;

  g_option_context_set_summary (context,
    _("Every row is checked first; if any row has a problem, all problems are listed and\n"
      "nothing is changed. A row with the id of a shipped phrase becomes the municipality's\n"
      "edit of it, a local phrase's id updates it, and a row with an empty id adds a new\n"
      "local phrase. Edits are kept when newer shipped phrase sets are seeded."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_command_line (context, "import", &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return usage_error (context, "import", _("name one FILE to read"));
  if (!choose_format ("import", argv[1], &format, context))
    return EXIT_USAGE;

  store = open_store (FALSE);
  if (store == NULL)
    return EXIT_PROBLEM;
  exchange = mado_phrase_exchange_new (store);
  display = g_filename_display_name (argv[1]);

  if (!mado_phrase_exchange_import_file (exchange, argv[1], format, &summary, &error))
    {
      print_diagnostics (mado_phrase_exchange_get_diagnostics (exchange), stderr);
      complain (_("Cannot import: %s"), error->message);
      return EXIT_PROBLEM;
    }

  say (_("Imported %s: %u added, %u edited, %u updated, %u unchanged."), display,
       summary.added, summary.edited, summary.updated, summary.unchanged);

  return EXIT_OK;
}

/* search */

/* A phrase with line breaks keeps its later lines under its first, so the listing stays readable. */
static char *
indent_lines (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  return g_strjoinv ("\n            ", lines);
}

static int limit_option = 20;
static char *language_option = NULL;

static int
run_search (int    argc,
            char **argv)
{
  const GOptionEntry entries[] = {
    { "set", 's', 0, G_OPTION_ARG_FILENAME, &set_option, N_("Search only this phrase set"), N_("ID") },
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit_option, N_("Show at most N phrases (default 20)"), N_("N") },
    { "language", 'l', 0, G_OPTION_ARG_FILENAME, &language_option,
      N_("Show this language beside Japanese instead of English"), N_("CODE") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("search QUERY");
  g_autoptr(MadoPhraseStore) store = NULL;
  g_autoptr(GPtrArray) phrases = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *query = NULL;
  g_autofree char *set_id = NULL;
  g_autofree char *language_code = NULL;
  const MadoLanguage *language;

  g_option_context_set_summary (context,
    _("Searches the phrase book as the tablet does, in all languages at once, favourites and\n"
      "often used phrases first. Prints each phrase's id, its Japanese text and its English\n"
      "text (or the language given with --language)."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_command_line (context, "search", &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return usage_error (context, "search", _("give one QUERY (put several words in quotes)"));
  if (limit_option < 1)
    return usage_error (context, "search", _("--limit must be 1 or more"));

  query = argument_to_utf8 (argv[1]);
  if (query == NULL || *g_strstrip (query) == '\0')
    return usage_error (context, "search", _("the QUERY is empty or not readable text"));

  language_code = argument_to_utf8 (language_option);
  language = mado_language_lookup (language_code != NULL ? language_code : "en");
  if (language == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a language code of the kiosk"), language_code);
      return usage_error (context, "search", message);
    }

  set_id = argument_to_utf8 (set_option);
  store = open_store (FALSE);
  if (store == NULL)
    return EXIT_PROBLEM;

  phrases = mado_phrase_store_search (store, query, set_id, (guint) limit_option, &error);
  if (phrases == NULL)
    {
      complain (_("Cannot search: %s"), error->message);
      return EXIT_PROBLEM;
    }

  for (guint i = 0; i < phrases->len; i++)
    {
      MadoPhrase *phrase = g_ptr_array_index (phrases, i);
      const char *japanese = mado_phrase_get_text (phrase, MADO_STAFF_LANGUAGE);
      const char *other = mado_phrase_get_text (phrase, language->code);

      g_autofree char *japanese_lines = indent_lines (japanese != NULL ? japanese : "");
      g_autofree char *other_lines = indent_lines (other != NULL ? other : _("(no text in this language)"));

      say ("%s", mado_phrase_get_id (phrase));
      say ("  %-9s %s", MADO_STAFF_LANGUAGE, japanese_lines);
      say ("  %-9s %s", language->code, other_lines);
    }

  if (phrases->len == 0)
    complain (_("No phrase matches “%s”."), query);

  return EXIT_OK;
}

/* sets */

static const char *
name_or_empty (const char *name)
{
  return name != NULL ? name : "";
}

static int
run_sets (int    argc,
          char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("sets");
  g_autoptr(MadoPhraseStore) store = NULL;
  g_autoptr(GPtrArray) sets = NULL;
  g_autoptr(GError) error = NULL;

  g_option_context_set_summary (context,
    _("Lists each phrase set with its version, review status, number of genres and phrases,\n"
      "and how many phrases the municipality edited or added."));
  if (!parse_command_line (context, "sets", &argc, &argv))
    return EXIT_USAGE;
  if (argc != 1)
    return usage_error (context, "sets", _("takes no arguments"));

  store = open_store (FALSE);
  if (store == NULL)
    return EXIT_PROBLEM;

  sets = mado_phrase_store_list_sets (store, &error);
  if (sets == NULL)
    {
      complain (_("Cannot list the phrase sets: %s"), error->message);
      return EXIT_PROBLEM;
    }
  if (sets->len == 0)
    {
      say (_("The database has no phrase sets yet. Run “madoguchi-admin seed” to add the shipped ones."));
      return EXIT_OK;
    }

  say ("%-16s %7s  %-20s %6s %7s %6s %5s  %s", "SET", "VERSION", "REVIEW", "GENRES", "PHRASES", "EDITED",
       "LOCAL", "NAME");
  for (guint i = 0; i < sets->len; i++)
    {
      MadoPhraseSet *set = g_ptr_array_index (sets, i);
      const char *id = mado_phrase_set_get_id (set);
      g_autoptr(GPtrArray) genres = mado_phrase_store_list_genres (store, id, &error);
      g_autoptr(GPtrArray) phrases = genres != NULL ? mado_phrase_store_list_phrases (store, id, NULL, &error) : NULL;
      guint n_edited = 0, n_local = 0;

      if (phrases == NULL)
        {
          complain (_("Cannot read the phrase set %s: %s"), id, error->message);
          return EXIT_PROBLEM;
        }

      for (guint j = 0; j < phrases->len; j++)
        switch (mado_phrase_get_origin (g_ptr_array_index (phrases, j)))
          {
          case MADO_PHRASE_ORIGIN_EDITED:
            n_edited++;
            break;
          case MADO_PHRASE_ORIGIN_LOCAL:
            n_local++;
            break;
          case MADO_PHRASE_ORIGIN_SHIPPED:
          default:
            break;
          }

      say ("%-16s %7u  %-20s %6u %7u %6u %5u  %s / %s", id, mado_phrase_set_get_version (set),
           mado_review_status_to_string (mado_phrase_set_get_review (set)), genres->len, phrases->len,
           n_edited, n_local, name_or_empty (mado_phrase_set_get_name (set, "ja")),
           name_or_empty (mado_phrase_set_get_name (set, "en")));
    }

  return EXIT_OK;
}

/* seed */

static char *phrases_option = NULL;

static int
run_seed (int    argc,
          char **argv)
{
  const GOptionEntry entries[] = {
    { "phrases", 'p', 0, G_OPTION_ARG_FILENAME, &phrases_option,
      N_("The phrase folder (default: $MADOGUCHI_PHRASE_DIR, else the installed phrases)"), N_("DIR") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("seed");
  g_autoptr(MadoPhraseReader) reader = mado_phrase_reader_new ();
  g_autoptr(MadoPhraseStore) store = NULL;
  g_autoptr(GPtrArray) sets = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *dir_display = NULL;
  GPtrArray *diagnostics;
  gboolean failed = FALSE;

  g_option_context_set_summary (context,
    _("Reads the shipped phrase sets and writes each one the database does not have, or has\n"
      "in an older version. Phrases the municipality edited or added are kept. A set whose\n"
      "files have problems that cost phrases is not written over the version already there."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_command_line (context, "seed", &argc, &argv))
    return EXIT_USAGE;
  if (argc != 1)
    return usage_error (context, "seed", _("takes no arguments; name the folder with --phrases"));

  dir = phrases_option != NULL ? g_strdup (phrases_option) : mado_phrase_reader_default_dir ();
  dir_display = g_filename_display_name (dir);
  sets = mado_phrase_reader_read_tree (reader, dir, &error);
  if (sets == NULL)
    {
      complain ("%s", error->message);
      return EXIT_PROBLEM;
    }
  diagnostics = mado_phrase_reader_get_diagnostics (reader);
  print_diagnostics (diagnostics, stderr);

  store = open_store (TRUE);
  if (store == NULL)
    return EXIT_PROBLEM;

  say (_("Seeding from %s:"), dir_display);
  for (guint i = 0; i < sets->len; i++)
    {
      MadoPhraseSet *set = g_ptr_array_index (sets, i);
      const char *id = mado_phrase_set_get_id (set);
      guint shipped = mado_phrase_set_get_version (set);
      guint stored = mado_phrase_store_get_set_version (store, id);
      guint n_phrases = mado_phrase_set_get_phrases (set)->len;
      guint n_genres = mado_phrase_set_get_genres (set)->len;
      gboolean seeded = FALSE;

      if (!mado_phrase_store_seed (store, set, &seeded, &error))
        {
          complain (_("  %s: cannot be written: %s"), id, error->message);
          g_clear_error (&error);
          failed = TRUE;
        }
      else if (seeded && stored == 0)
        say (_("  %s: added version %u (%u genres, %u phrases)"), id, shipped, n_genres, n_phrases);
      else if (seeded)
        say (_("  %s: updated from version %u to %u (%u genres, %u phrases)"), id, stored, shipped, n_genres,
             n_phrases);
      else if (!mado_phrase_set_get_complete (set))
        say (_("  %s: kept version %u; the shipped files of version %u have problems (listed above)"), id,
             stored, shipped);
      else if (stored > shipped)
        say (_("  %s: kept version %u, which is newer than the shipped version %u"), id, stored, shipped);
      else
        say (_("  %s: already at version %u"), id, stored);
    }

  if (diagnostics->len > 0)
    complain (g_dngettext (GETTEXT_PACKAGE, "The phrase files have %u problem; run “madoguchi-admin validate” for details.",
                           "The phrase files have %u problems; run “madoguchi-admin validate” for details.",
                           diagnostics->len),
              diagnostics->len);

  return failed || diagnostics->len > 0 ? EXIT_PROBLEM : EXIT_OK;
}

/* The commands */

typedef struct {
  const char *name;
  const char *summary;
  int       (*run) (int argc, char **argv);
} Command;

static const Command commands[] = {
  { "validate", N_("Check the phrase files and print every problem with FILE:LINE:COLUMN"), run_validate },
  { "export", N_("Write the phrase book to a CSV (Excel) or JSON file"), run_export },
  { "import", N_("Apply a CSV or JSON file to the phrase book, all rows or none"), run_import },
  { "search", N_("Find phrases in every language"), run_search },
  { "sets", N_("List the phrase sets with versions, review status and counts"), run_sets },
  { "seed", N_("Load the shipped phrase sets into the database"), run_seed },
  { "call", N_("Place a test call to a phone interpreter and print each step"), mado_admin_run_call },
};

static const Command *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (commands[i].name, name) == 0)
      return &commands[i];

  return NULL;
}

static char *
describe_commands (void)
{
  g_autoptr(GString) out = g_string_new (_("Commands:\n"));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (out, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  g_string_append (out, _("\nRun “madoguchi-admin COMMAND --help” for a command's options."));

  return g_string_free (g_steal_pointer (&out), FALSE);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  const Command *command;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("madoguchi-admin");
  g_set_print_handler (print_to_stdout);
  g_set_printerr_handler (print_to_stderr);

  /* Options before the command are global; parsing stops at the command name, which leaves the
   * command's own options to its own context. */
  context = g_option_context_new (_("COMMAND [OPTION…] - manage the Madoguchi phrase book"));
  description = describe_commands ();
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, global_entries, GETTEXT_PACKAGE);
  g_option_context_set_strict_posix (context, TRUE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      complain ("madoguchi-admin: %s", error->message);
      complain (_("Try “madoguchi-admin --help”."));
      return EXIT_USAGE;
    }

  if (argc < 2)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      write_text (stderr, help);
      return EXIT_USAGE;
    }

  if (strcmp (argv[1], "help") == 0)
    {
      g_autofree char *help = NULL;

      if (argc > 2 && find_command (argv[2]) != NULL)
        {
          char *command_argv[] = { argv[2], (char *) "--help", NULL };

          return find_command (argv[2])->run (2, command_argv);
        }
      help = g_option_context_get_help (context, TRUE, NULL);
      write_text (stdout, help);
      return EXIT_OK;
    }

  command = find_command (argv[1]);
  if (command == NULL)
    {
      complain (_("madoguchi-admin: “%s” is not a command."), argv[1]);
      complain (_("Try “madoguchi-admin --help”."));
      return EXIT_USAGE;
    }

  return command->run (argc - 1, argv + 1);
}

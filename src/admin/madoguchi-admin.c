/* madoguchi-admin.c: the command-line tool for city IT staff: entry point, output, search and sets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "madoguchi-admin.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "mado-admin-call.h"
#include "mado-diagnostic.h"
#include "mado-language.h"
#include "mado-settings.h"

/* The global option, accepted before and after the command name. */
static char *database_option = NULL;

static const GOptionEntry global_entries[] = {
  { "database", 'd', 0, G_OPTION_ARG_FILENAME, &database_option,
    N_("The phrase database (default: the kiosk's database-path setting, else $MADOGUCHI_DB, "
       "else ~/.local/share/madoguchi/phrases.db)"), N_("PATH") },
  G_OPTION_ENTRY_NULL
};

/* Output. Texts are UTF-8 throughout. A terminal whose locale names another character set (such
 * as EUC-JP) gets them converted; under the C or POSIX locale, which says nothing about the
 * terminal, the UTF-8 bytes are written as they are, since converting them to ASCII would turn
 * every Japanese character into "?" in scripts and cron jobs that run without a locale. */

void
admin_write_text (FILE       *stream,
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

/* A line on standard output. */
void
admin_say (const char *format,
           ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  admin_write_text (stdout, text);
  fputc ('\n', stdout);
}

/* A line on standard error. */
void
admin_complain (const char *format,
                ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  fflush (stdout);
  admin_write_text (stderr, text);
  fputc ('\n', stderr);
}

/* GOption prints --help through g_print; this keeps that output in the same encoding as the rest. */
static void
print_to_stdout (const char *text)
{
  admin_write_text (stdout, text);
}

static void
print_to_stderr (const char *text)
{
  fflush (stdout);
  admin_write_text (stderr, text);
}

void
admin_print_diagnostics (GPtrArray *diagnostics,
                         FILE      *stream)
{
  for (guint i = 0; i < diagnostics->len; i++)
    {
      g_autofree char *line = mado_diagnostic_to_string (g_ptr_array_index (diagnostics, i));

      admin_write_text (stream, line);
      fputc ('\n', stream);
    }
}

/* Command-line arguments arrive in the locale's encoding, or as UTF-8 bytes under the C locale;
 * both become UTF-8 here. */
char *
admin_argument_to_utf8 (const char *argument)
{
  if (argument == NULL)
    return NULL;
  if (g_utf8_validate (argument, -1, NULL))
    return g_strdup (argument);

  return g_locale_to_utf8 (argument, -1, NULL, NULL, NULL);
}

int
admin_usage_error (GOptionContext *context,
                   const char     *command,
                   const char     *message)
{
  admin_complain ("madoguchi-admin %s: %s", command, message);
  admin_complain (_("Try “madoguchi-admin %s --help”."), command);

  return EXIT_USAGE;
}

/* Parses a command's options. Returns FALSE after reporting a usage error. */
gboolean
admin_parse_command_line (GOptionContext  *context,
                          const char      *command,
                          int             *argc,
                          char          ***argv)
{
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, global_entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      admin_usage_error (context, command, error->message);
      return FALSE;
    }

  return TRUE;
}

/* The same database the kiosk uses: its configured path, $MADOGUCHI_DB, or the user data folder.
 * The configured path lives in GSettings, which is only consulted when the kiosk's settings schema
 * is installed: on a machine that has just the admin tool, GSettings would abort otherwise. */
char *
admin_database_path (void)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  GSettingsSchemaSource *source;
  const char *environment;

  if (database_option != NULL)
    return g_strdup (database_option);

  source = g_settings_schema_source_get_default ();
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL)
    {
      g_autoptr(MadoSettings) settings = mado_settings_new ();

      return mado_settings_dup_database_path (settings);
    }

  environment = g_getenv ("MADOGUCHI_DB");
  if (environment != NULL && *environment != '\0')
    return g_strdup (environment);

  return g_build_filename (g_get_user_data_dir (), "madoguchi", "phrases.db", NULL);
}

/* Opens the database. @create is for seeding; the other commands need one that exists, and
 * saying so beats silently creating an empty file somewhere unexpected. */
MadoPhraseStore *
admin_open_store (gboolean create)
{
  g_autofree char *path = admin_database_path ();
  g_autofree char *display = g_filename_display_name (path);
  g_autoptr(GError) error = NULL;
  MadoPhraseStore *store;

  if (!create && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      admin_complain (_("There is no phrase database at %s. Run “madoguchi-admin seed” to create it, "
                        "or name another with --database."), display);
      return NULL;
    }

  if (create)
    {
      g_autofree char *folder = g_path_get_dirname (path);

      if (g_mkdir_with_parents (folder, 0755) != 0)
        {
          g_autofree char *folder_display = g_filename_display_name (folder);

          admin_complain (_("Cannot create the folder %s for the phrase database: %s"), folder_display,
                          g_strerror (errno));
          return NULL;
        }
    }

  store = mado_phrase_store_open (path, &error);
  if (store == NULL)
    admin_complain (_("Cannot open the phrase database %s: %s"), display, error->message);

  return store;
}

/* search */

/* A phrase with line breaks keeps its later lines under its first, so the listing stays readable. */
static char *
indent_lines (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  return g_strjoinv ("\n            ", lines);
}

static char *search_set_option = NULL;
static int limit_option = 20;
static char *language_option = NULL;

static int
run_search (int    argc,
            char **argv)
{
  const GOptionEntry entries[] = {
    { "set", 's', 0, G_OPTION_ARG_FILENAME, &search_set_option, N_("Search only this phrase set"), N_("ID") },
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
  if (!admin_parse_command_line (context, "search", &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return admin_usage_error (context, "search", _("give one QUERY (put several words in quotes)"));
  if (limit_option < 1)
    return admin_usage_error (context, "search", _("--limit must be 1 or more"));

  query = admin_argument_to_utf8 (argv[1]);
  if (query == NULL || *g_strstrip (query) == '\0')
    return admin_usage_error (context, "search", _("the QUERY is empty or not readable text"));

  language_code = admin_argument_to_utf8 (language_option);
  language = mado_language_lookup (language_code != NULL ? language_code : "en");
  if (language == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a language code of the kiosk"), language_code);
      return admin_usage_error (context, "search", message);
    }

  set_id = admin_argument_to_utf8 (search_set_option);
  store = admin_open_store (FALSE);
  if (store == NULL)
    return EXIT_PROBLEM;

  phrases = mado_phrase_store_search (store, query, set_id, (guint) limit_option, &error);
  if (phrases == NULL)
    {
      admin_complain (_("Cannot search: %s"), error->message);
      return EXIT_PROBLEM;
    }

  for (guint i = 0; i < phrases->len; i++)
    {
      MadoPhrase *phrase = g_ptr_array_index (phrases, i);
      const char *japanese = mado_phrase_get_text (phrase, MADO_STAFF_LANGUAGE);
      const char *other = mado_phrase_get_text (phrase, language->code);

      g_autofree char *japanese_lines = indent_lines (japanese != NULL ? japanese : "");
      g_autofree char *other_lines = indent_lines (other != NULL ? other : _("(no text in this language)"));

      admin_say ("%s", mado_phrase_get_id (phrase));
      admin_say ("  %-9s %s", MADO_STAFF_LANGUAGE, japanese_lines);
      admin_say ("  %-9s %s", language->code, other_lines);
    }

  if (phrases->len == 0)
    admin_complain (_("No phrase matches “%s”."), query);

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
  if (!admin_parse_command_line (context, "sets", &argc, &argv))
    return EXIT_USAGE;
  if (argc != 1)
    return admin_usage_error (context, "sets", _("takes no arguments"));

  store = admin_open_store (FALSE);
  if (store == NULL)
    return EXIT_PROBLEM;

  sets = mado_phrase_store_list_sets (store, &error);
  if (sets == NULL)
    {
      admin_complain (_("Cannot list the phrase sets: %s"), error->message);
      return EXIT_PROBLEM;
    }
  if (sets->len == 0)
    {
      admin_say (_("The database has no phrase sets yet. Run “madoguchi-admin seed” to add the shipped ones."));
      return EXIT_OK;
    }

  admin_say ("%-16s %7s  %-20s %6s %7s %6s %5s  %s", "SET", "VERSION", "REVIEW", "GENRES", "PHRASES", "EDITED",
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
          admin_complain (_("Cannot read the phrase set %s: %s"), id, error->message);
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

      admin_say ("%-16s %7u  %-20s %6u %7u %6u %5u  %s / %s", id, mado_phrase_set_get_version (set),
                 mado_review_status_to_string (mado_phrase_set_get_review (set)), genres->len, phrases->len,
                 n_edited, n_local, name_or_empty (mado_phrase_set_get_name (set, "ja")),
                 name_or_empty (mado_phrase_set_get_name (set, "en")));
    }

  return EXIT_OK;
}

/* The commands */

typedef struct {
  const char *name;
  const char *summary;
  int       (*run) (int argc, char **argv);
} Command;

static const Command commands[] = {
  { "validate", N_("Check the phrase files and print every problem with FILE:LINE:COLUMN"), admin_run_validate },
  { "export", N_("Write the phrase book to a CSV (Excel) or JSON file"), admin_run_export },
  { "import", N_("Apply a CSV or JSON file to the phrase book, all rows or none"), admin_run_import },
  { "search", N_("Find phrases in every language"), run_search },
  { "sets", N_("List the phrase sets with versions, review status and counts"), run_sets },
  { "seed", N_("Load the shipped phrase sets into the database"), admin_run_seed },
  { "talk", N_("Run one spoken or typed turn through the speech service and print every step"), admin_run_talk },
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
      admin_complain ("madoguchi-admin: %s", error->message);
      admin_complain (_("Try “madoguchi-admin --help”."));
      return EXIT_USAGE;
    }

  if (argc < 2)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      admin_write_text (stderr, help);
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
      admin_write_text (stdout, help);
      return EXIT_OK;
    }

  command = find_command (argv[1]);
  if (command == NULL)
    {
      admin_complain (_("madoguchi-admin: “%s” is not a command."), argv[1]);
      admin_complain (_("Try “madoguchi-admin --help”."));
      return EXIT_USAGE;
    }

  return command->run (argc - 1, argv + 1);
}

/* madoguchi-admin-files.c: the madoguchi-admin commands that work on files: validate, seed, export, import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "madoguchi-admin.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mado-phrase-exchange.h"
#include "mado-phrase-reader.h"

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

int
admin_run_validate (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("validate [PATH…]");
  g_autoptr(MadoPhraseReader) reader = mado_phrase_reader_new ();
  g_autofree char *default_dir = NULL;
  g_autofree char *sets = NULL;
  g_autofree char *genres = NULL;
  g_autofree char *phrases = NULL;
  g_autofree char *problems = NULL;
  Counts counts = { 0 };
  GPtrArray *diagnostics;

  g_option_context_set_summary (context,
    _("Checks the shipped phrase files: each PATH may be the phrase folder, one set's folder,\n"
      "or a single set.xml or genre file. Without PATH, the phrase folder is checked\n"
      "($MADOGUCHI_PHRASE_DIR, else the installed phrases). Every problem is printed as\n"
      "FILE:LINE:COLUMN: MESSAGE; the exit status is 1 when there is any."));
  if (!admin_parse_command_line (context, "validate", &argc, &argv))
    return EXIT_USAGE;

  if (argc < 2)
    {
      default_dir = mado_phrase_reader_default_dir ();
      validate_path (reader, default_dir, &counts);
    }
  for (int i = 1; i < argc; i++)
    validate_path (reader, argv[i], &counts);

  diagnostics = mado_phrase_reader_get_diagnostics (reader);
  admin_print_diagnostics (diagnostics, stdout);

  sets = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u set", "%u sets", counts.n_sets), counts.n_sets);
  genres = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u genre", "%u genres", counts.n_genres),
                            counts.n_genres);
  phrases = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u phrase", "%u phrases", counts.n_phrases),
                             counts.n_phrases);
  problems = diagnostics->len == 0 ? g_strdup (_("no problems"))
                                   : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u problem", "%u problems",
                                                                   diagnostics->len),
                                                      diagnostics->len);
  admin_say (_("Read %s, %s and %s: %s."), sets, genres, phrases, problems);

  return diagnostics->len == 0 ? EXIT_OK : EXIT_PROBLEM;
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
      admin_usage_error (context, command, message);
      return FALSE;
    }

  if (mado_exchange_format_from_path (file, format))
    return TRUE;

  g_autofree char *message =
    g_strdup_printf (_("cannot tell the format from the name “%s”; add --format csv or --format json"), file);
  admin_usage_error (context, command, message);
  return FALSE;
}

int
admin_run_export (int    argc,
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
  if (!admin_parse_command_line (context, "export", &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return admin_usage_error (context, "export", _("name one FILE to write"));
  if (!choose_format ("export", strcmp (argv[1], "-") == 0 ? "-.csv" : argv[1], &format, context))
    return EXIT_USAGE;

  set_id = admin_argument_to_utf8 (set_option);
  store = admin_open_store (FALSE);
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
          admin_complain (_("Cannot export: %s"), error->message);
          return EXIT_PROBLEM;
        }
      data = g_bytes_get_data (bytes, &length);
      if (fwrite (data, 1, length, stdout) != length || fflush (stdout) != 0)
        {
          admin_complain (_("Cannot write to standard output: %s"), g_strerror (errno));
          return EXIT_PROBLEM;
        }
      admin_complain (_("Exported %u phrases."), n_exported);
      return EXIT_OK;
    }

  if (!mado_phrase_exchange_export_file (exchange, argv[1], format, set_id, &n_exported, &error))
    {
      admin_complain (_("Cannot export: %s"), error->message);
      return EXIT_PROBLEM;
    }

  display = g_filename_display_name (argv[1]);
  admin_say (_("Exported %u phrases to %s."), n_exported, display);

  return EXIT_OK;
}

/* import */

int
admin_run_import (int    argc,
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
  if (!admin_parse_command_line (context, "import", &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return admin_usage_error (context, "import", _("name one FILE to read"));
  if (!choose_format ("import", argv[1], &format, context))
    return EXIT_USAGE;

  store = admin_open_store (FALSE);
  if (store == NULL)
    return EXIT_PROBLEM;
  exchange = mado_phrase_exchange_new (store);
  display = g_filename_display_name (argv[1]);

  if (!mado_phrase_exchange_import_file (exchange, argv[1], format, &summary, &error))
    {
      admin_print_diagnostics (mado_phrase_exchange_get_diagnostics (exchange), stderr);
      admin_complain (_("Cannot import: %s"), error->message);
      return EXIT_PROBLEM;
    }

  admin_say (_("Imported %s: %u added, %u edited, %u updated, %u unchanged."), display,
             summary.added, summary.edited, summary.updated, summary.unchanged);

  return EXIT_OK;
}

/* seed */

static char *phrases_option = NULL;

int
admin_run_seed (int    argc,
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
  if (!admin_parse_command_line (context, "seed", &argc, &argv))
    return EXIT_USAGE;
  if (argc != 1)
    return admin_usage_error (context, "seed", _("takes no arguments; name the folder with --phrases"));

  dir = phrases_option != NULL ? g_strdup (phrases_option) : mado_phrase_reader_default_dir ();
  dir_display = g_filename_display_name (dir);
  sets = mado_phrase_reader_read_tree (reader, dir, &error);
  if (sets == NULL)
    {
      admin_complain ("%s", error->message);
      return EXIT_PROBLEM;
    }
  diagnostics = mado_phrase_reader_get_diagnostics (reader);
  admin_print_diagnostics (diagnostics, stderr);

  store = admin_open_store (TRUE);
  if (store == NULL)
    return EXIT_PROBLEM;

  admin_say (_("Seeding from %s:"), dir_display);
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
          admin_complain (_("  %s: cannot be written: %s"), id, error->message);
          g_clear_error (&error);
          failed = TRUE;
        }
      else if (seeded && stored == 0)
        admin_say (_("  %s: added version %u (%u genres, %u phrases)"), id, shipped, n_genres, n_phrases);
      else if (seeded)
        admin_say (_("  %s: updated from version %u to %u (%u genres, %u phrases)"), id, stored, shipped, n_genres,
                   n_phrases);
      else if (!mado_phrase_set_get_complete (set))
        admin_say (_("  %s: kept version %u; the shipped files of version %u have problems (listed above)"), id,
                   stored, shipped);
      else if (stored > shipped)
        admin_say (_("  %s: kept version %u, which is newer than the shipped version %u"), id, stored, shipped);
      else
        admin_say (_("  %s: already at version %u"), id, stored);
    }

  if (diagnostics->len > 0)
    admin_complain (g_dngettext (GETTEXT_PACKAGE,
                                 "The phrase files have %u problem; run “madoguchi-admin validate” for details.",
                                 "The phrase files have %u problems; run “madoguchi-admin validate” for details.",
                                 diagnostics->len),
                    diagnostics->len);

  return failed || diagnostics->len > 0 ? EXIT_PROBLEM : EXIT_OK;
}

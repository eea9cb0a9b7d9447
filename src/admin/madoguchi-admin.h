/* madoguchi-admin.h: what the parts of madoguchi-admin share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * madoguchi-admin.c holds the entry point, the options every command takes, output and the
 * database commands (search, sets); madoguchi-admin-files.c the commands that work on files
 * (validate, seed, export, import).
 */
#pragma once

#include <gio/gio.h>
#include <stdio.h>

#include "mado-phrase-store.h"

G_BEGIN_DECLS

enum {
  EXIT_OK = 0,
  EXIT_PROBLEM = 1,   /* the command ran and found problems, or could not do its work */
  EXIT_USAGE = 2,     /* the command line itself is wrong */
};

void             admin_write_text         (FILE             *stream,
                                           const char       *text);
/* A line on standard output, and one on standard error. */
void             admin_say                (const char       *format,
                                           ...) G_GNUC_PRINTF (1, 2);
void             admin_complain           (const char       *format,
                                           ...) G_GNUC_PRINTF (1, 2);
void             admin_print_diagnostics  (GPtrArray        *diagnostics,
                                           FILE             *stream);
char            *admin_argument_to_utf8   (const char       *argument);
int              admin_usage_error        (GOptionContext   *context,
                                           const char       *command,
                                           const char       *message);
/* Parses a command's options, the global ones included. Returns FALSE after reporting a usage error. */
gboolean         admin_parse_command_line (GOptionContext   *context,
                                           const char       *command,
                                           int              *argc,
                                           char           ***argv);
/* The phrase database the kiosk on this machine uses, or the one named with --database. */
char            *admin_database_path      (void);
/* Opens the database; @create is for seeding. Returns NULL after saying why. */
MadoPhraseStore *admin_open_store         (gboolean          create);

int              admin_run_validate       (int               argc,
                                           char            **argv);
int              admin_run_seed           (int               argc,
                                           char            **argv);
int              admin_run_export         (int               argc,
                                           char            **argv);
int              admin_run_import         (int               argc,
                                           char            **argv);
int              admin_run_talk           (int               argc,
                                           char            **argv);

G_END_DECLS

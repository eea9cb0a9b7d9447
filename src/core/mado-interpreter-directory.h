/* mado-interpreter-directory.h: the admin-edited list of phone interpreter services
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mado-interpreter-plan.h"
#include "mado-interpreter-service.h"

G_BEGIN_DECLS

#define MADO_DIRECTORY_ERROR (mado_directory_error_quark ())

typedef enum {
  MADO_DIRECTORY_ERROR_READ,             /* the file is missing or unreadable */
  MADO_DIRECTORY_ERROR_SYNTAX,           /* not well-formed JSON; the diagnostic has line and column */
  MADO_DIRECTORY_ERROR_FORMAT,           /* not a directory: no top-level object, wrong "version", no "services" */
  MADO_DIRECTORY_ERROR_ENTRY,            /* a field is missing, of the wrong type or unknown */
  MADO_DIRECTORY_ERROR_DUPLICATE,        /* two services with the same id, or a language listed twice */
  MADO_DIRECTORY_ERROR_URI,              /* a SIP URI, proxy or phone number that cannot be called */
  MADO_DIRECTORY_ERROR_HOURS,            /* opening hours or closing dates that do not parse */
  MADO_DIRECTORY_ERROR_LANGUAGE,         /* a language code the kiosk does not know */
  MADO_DIRECTORY_ERROR_DTMF,             /* digits other than 0-9 * # A-D , */
  MADO_DIRECTORY_ERROR_UNKNOWN_SERVICE,  /* a chain names a service that is not (or no longer) there */
  MADO_DIRECTORY_ERROR_TRUNK,            /* a bad trunk, or a number without a trunk to dial it */
  MADO_DIRECTORY_ERROR_TIMEZONE,         /* "timezone" names no known time zone */
  MADO_DIRECTORY_ERROR_NOT_FOUND,        /* no service with the id asked for */
} MadoDirectoryError;

GQuark mado_directory_error_quark (void);

#define MADO_TYPE_INTERPRETER_DIRECTORY (mado_interpreter_directory_get_type ())
G_DECLARE_FINAL_TYPE (MadoInterpreterDirectory, mado_interpreter_directory, MADO, INTERPRETER_DIRECTORY, GObject)

/* Reads the file (docs/interpreters.md). Fails only when nothing in it can be used (unreadable,
 * malformed JSON, not a directory). A malformed service or chain is left out and reported in the
 * diagnostics; everything else works. */
MadoInterpreterDirectory *mado_interpreter_directory_load            (const char                *path,
                                                                      GError                   **error);
const char               *mado_interpreter_directory_get_path        (MadoInterpreterDirectory  *self);
/* MadoDiagnostic: each problem, naming the entry and the field; empty for a clean file. */
GPtrArray                *mado_interpreter_directory_get_diagnostics (MadoInterpreterDirectory  *self);
/* MadoInterpreterService, in file order, without the entries that were left out. */
GPtrArray                *mado_interpreter_directory_get_services    (MadoInterpreterDirectory  *self);
MadoInterpreterService   *mado_interpreter_directory_find_service    (MadoInterpreterDirectory  *self,
                                                                      const char                *id);
/* The trunk, or NULL when the directory has none. */
const MadoSipTrunk       *mado_interpreter_directory_get_trunk       (MadoInterpreterDirectory  *self);
/* The time zone opening hours are written in; the local one unless "timezone" says otherwise. */
GTimeZone                *mado_interpreter_directory_get_time_zone   (MadoInterpreterDirectory  *self);

/* The services to try for @language at @when, in chain order, each marked open or closed, and
 * the number to dial by hand when none takes the call. A language without a chain of its own
 * uses the "*" chain; with neither, the plan has no services (and perhaps still a number). */
MadoInterpreterPlan      *mado_interpreter_directory_plan            (MadoInterpreterDirectory  *self,
                                                                      const char                *language,
                                                                      GDateTime                 *when);
/* A plan with one service only, for testing a line (madoguchi-admin call --service). Fails with
 * %MADO_DIRECTORY_ERROR_NOT_FOUND for an unknown id, and %MADO_DIRECTORY_ERROR_LANGUAGE when the
 * service does not cover @language. */
MadoInterpreterPlan      *mado_interpreter_directory_plan_service    (MadoInterpreterDirectory  *self,
                                                                      const char                *service_id,
                                                                      const char                *language,
                                                                      GDateTime                 *when,
                                                                      GError                   **error);

G_END_DECLS

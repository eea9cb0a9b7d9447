/* mado-interpreter-directory-private.h: what the directory's reader and its service parser share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "mado-interpreter-directory.h"

G_BEGIN_DECLS

/* Problems found while reading one file. JSON syntax errors carry a line and column; problems in
 * entries have none (json-glib keeps no positions for nodes), so their messages name the entry
 * and the field instead. */
typedef struct {
  const char *file;
  GPtrArray  *diagnostics;   /* MadoDiagnostic */
} MadoDirectoryReport;

void                    mado_directory_report          (MadoDirectoryReport *report,
                                                        MadoDirectoryError   code,
                                                        const char          *format,
                                                        ...) G_GNUC_PRINTF (3, 4);

/* Reads services[@index]. Returns NULL, after reporting every problem with it, for an entry
 * that cannot be used as it is. */
MadoInterpreterService *mado_interpreter_service_parse (JsonNode            *node,
                                                        guint                index,
                                                        MadoDirectoryReport *report);

/* "08:30-17:15" → minutes; "24:00" may end a range. */
gboolean                mado_opening_range_parse       (const char          *text,
                                                        MadoOpeningRange    *out_range);

G_END_DECLS

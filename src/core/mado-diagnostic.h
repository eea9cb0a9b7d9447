/* mado-diagnostic.h: one problem found in a data file, with where it is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A problem in a phrase file or an import file. Validators collect these instead of stopping at the
 * first error, so that a reviewer can fix a whole file in one pass. @domain and @code are those of
 * the GError the problem would have been (MADO_PHRASE_FILE_ERROR, MADO_EXCHANGE_ERROR, …). */
typedef struct {
  char   *file;     /* the file as the user named it, in UTF-8 for display */
  guint   line;     /* 1-based; 0 when the problem concerns the whole file */
  guint   column;   /* 1-based, in characters (a CSV field number for CSV files); 0 when unknown */
  GQuark  domain;
  int     code;
  char   *message;  /* plain English, without the position */
} MadoDiagnostic;

#define MADO_TYPE_DIAGNOSTIC (mado_diagnostic_get_type ())

GType           mado_diagnostic_get_type  (void) G_GNUC_CONST;
MadoDiagnostic *mado_diagnostic_new       (const char           *file,
                                           guint                 line,
                                           guint                 column,
                                           GQuark                domain,
                                           int                   code,
                                           const char           *message);
MadoDiagnostic *mado_diagnostic_copy      (const MadoDiagnostic *self);
void            mado_diagnostic_free      (MadoDiagnostic       *self);
gboolean        mado_diagnostic_matches   (const MadoDiagnostic *self,
                                           GQuark                domain,
                                           int                   code);
/* "file:line:column: message", the form compilers use, so editors can jump to the place. */
char           *mado_diagnostic_to_string (const MadoDiagnostic *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoDiagnostic, mado_diagnostic_free)

G_END_DECLS

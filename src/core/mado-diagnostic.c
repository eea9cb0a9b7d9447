/* mado-diagnostic.c: one problem found in a data file, with where it is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-diagnostic.h"

G_DEFINE_BOXED_TYPE (MadoDiagnostic, mado_diagnostic, mado_diagnostic_copy, mado_diagnostic_free)

MadoDiagnostic *
mado_diagnostic_new (const char *file,
                     guint       line,
                     guint       column,
                     GQuark      domain,
                     int         code,
                     const char *message)
{
  MadoDiagnostic *self;

  g_return_val_if_fail (file != NULL, NULL);
  g_return_val_if_fail (message != NULL, NULL);

  self = g_new0 (MadoDiagnostic, 1);
  self->file = g_strdup (file);
  self->line = line;
  self->column = column;
  self->domain = domain;
  self->code = code;
  self->message = g_strdup (message);

  return self;
}

MadoDiagnostic *
mado_diagnostic_copy (const MadoDiagnostic *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return mado_diagnostic_new (self->file, self->line, self->column,
                              self->domain, self->code, self->message);
}

void
mado_diagnostic_free (MadoDiagnostic *self)
{
  if (self == NULL)
    return;

  g_free (self->file);
  g_free (self->message);
  g_free (self);
}

gboolean
mado_diagnostic_matches (const MadoDiagnostic *self,
                         GQuark                domain,
                         int                   code)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->domain == domain && self->code == code;
}

char *
mado_diagnostic_to_string (const MadoDiagnostic *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->line == 0)
    return g_strdup_printf ("%s: %s", self->file, self->message);
  if (self->column == 0)
    return g_strdup_printf ("%s:%u: %s", self->file, self->line, self->message);

  return g_strdup_printf ("%s:%u:%u: %s", self->file, self->line, self->column, self->message);
}

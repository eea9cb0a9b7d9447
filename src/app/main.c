/* main.c: start Madoguchi
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <locale.h>

#include "mado-application.h"
#include "mado-catalog.h"

/* The staff side of the counter is Japanese whatever the machine's locale is. gettext ignores
 * LANGUAGE under the plain "C" locale, so fall back to C.UTF-8, which Debian always has. */
static void
set_up_staff_language (void)
{
  const char *messages = setlocale (LC_ALL, "");

  if (messages == NULL || g_str_equal (messages, "C") || g_str_equal (messages, "POSIX"))
    setlocale (LC_ALL, "C.UTF-8");

  if (g_getenv ("MADOGUCHI_STAFF_LANGUAGE") != NULL)
    g_setenv ("LANGUAGE", g_getenv ("MADOGUCHI_STAFF_LANGUAGE"), TRUE);
  else
    g_setenv ("LANGUAGE", "ja", TRUE);

  bindtextdomain (GETTEXT_PACKAGE, mado_catalog_default_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MadoApplication) application = NULL;

  set_up_staff_language ();

  application = mado_application_new ();
  return g_application_run (G_APPLICATION (application), argc, argv);
}

/* mado-catalog.h: interface text in any language at any moment
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define MADO_TYPE_CATALOG (mado_catalog_get_type ())
G_DECLARE_FINAL_TYPE (MadoCatalog, mado_catalog, MADO, CATALOG, GObject)

/* gettext serves one language per process, but the counter shows the staff side in Japanese and the
 * resident side in the resident's language at the same time. The catalog reads the same compiled
 * message catalogs (LOCALEDIR/LANG/LC_MESSAGES/madoguchi.mo) and answers for any language. */
MadoCatalog *mado_catalog_new             (const char  *locale_dir);
MadoCatalog *mado_catalog_get_default     (void);
/* Returns the translation of @msgid in @language, or @msgid itself (English) when there is none. */
const char  *mado_catalog_translate       (MadoCatalog *self,
                                           const char  *language,
                                           const char  *msgid);
gboolean     mado_catalog_has_language    (MadoCatalog *self,
                                           const char  *language);

/* The folder holding the compiled catalogs: $MADOGUCHI_LOCALEDIR when running uninstalled, else LOCALEDIR. */
const char  *mado_catalog_default_locale_dir (void);

G_END_DECLS

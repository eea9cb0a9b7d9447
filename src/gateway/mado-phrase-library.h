/* mado-phrase-library.h: the gateway's view of a phrase database, kept in memory and up to date
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mado-phrase-index.h"

G_BEGIN_DECLS

#define MADO_TYPE_PHRASE_LIBRARY (mado_phrase_library_get_type ())
G_DECLARE_FINAL_TYPE (MadoPhraseLibrary, mado_phrase_library, MADO, PHRASE_LIBRARY, GObject)

/* With @seed_dir %NULL the database at @database is only read: it belongs to the kiosk app,
 * which passes it to the local gateway it starts. With @seed_dir the gateway keeps a database of
 * its own (@database, or one in memory when it is %NULL) and seeds the phrase sets read from
 * @seed_dir into it first. */
MadoPhraseLibrary *mado_phrase_library_open      (const char         *database,
                                                  const char         *seed_dir,
                                                  GError            **error);
/* The phrases as they are now: when the database changed since the last call (staff added a
 * phrase on the tablet), the index is rebuilt first. The result stays valid until the next call
 * on the same thread; take a reference to keep it longer. */
MadoPhraseIndex   *mado_phrase_library_get_index (MadoPhraseLibrary  *self);

G_END_DECLS

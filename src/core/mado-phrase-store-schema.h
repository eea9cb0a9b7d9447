/* mado-phrase-store-schema.h: the phrase store's SQL schema, as a list of migrations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Step i (counting from 0) brings a file from PRAGMA user_version i to i + 1. A file at
 * user_version mado_phrase_store_n_migrations is current. Steps are only ever appended. */
extern const char *const mado_phrase_store_migrations[];
extern const guint mado_phrase_store_n_migrations;

G_END_DECLS

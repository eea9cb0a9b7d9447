/* mado-application.h: the Madoguchi application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mado-phrase-store.h"

G_BEGIN_DECLS

#define MADO_TYPE_APPLICATION (mado_application_get_type ())
G_DECLARE_FINAL_TYPE (MadoApplication, mado_application, MADO, APPLICATION, AdwApplication)

MadoApplication *mado_application_new       (void);
/* Returns: (transfer none) (nullable): the phrase store, once it is open and seeded. */
MadoPhraseStore *mado_application_get_store (MadoApplication *self);

G_END_DECLS

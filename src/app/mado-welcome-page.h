/* mado-welcome-page.h: the resident picks a language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MADO_TYPE_WELCOME_PAGE (mado_welcome_page_get_type ())
G_DECLARE_FINAL_TYPE (MadoWelcomePage, mado_welcome_page, MADO, WELCOME_PAGE, AdwBin)

/* Shows one tile per language code; a tile activates "win.choose-language" with its code. */
void mado_welcome_page_set_languages (MadoWelcomePage    *self,
                                      const char * const *codes);
/* The greeting cycles only while the page is on screen, so an idle kiosk elsewhere never wakes up for it. */
void mado_welcome_page_set_cycling   (MadoWelcomePage    *self,
                                      gboolean            cycling);

G_END_DECLS

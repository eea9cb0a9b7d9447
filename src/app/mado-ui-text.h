/* mado-ui-text.h: putting text on screen in its own language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Every string on screen carries its Pango language, so Han characters take Japanese, simplified or
 * traditional Chinese shapes as they should, and Thai/Burmese line breaking follows the language.
 * やさしい日本語 text with {漢字|かんじ} readings is shown with each reading after its word. */
void        mado_ui_label_set_text   (GtkLabel   *label,
                                      const char *text,
                                      const char *language);
void        mado_ui_widget_set_language (GtkWidget *widget,
                                         const char *language);
/* Interface text for the resident, in the resident's language (English when there is no translation). */
const char *mado_ui_resident_text    (const char *language,
                                      const char *msgid);

G_END_DECLS

/* mado-ui-test-utils.h: driving the real app under Xvfb with real pointer clicks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Finds a descendant of @root whose widget name is @name (or starts with it when @prefix is TRUE). */
GtkWidget *mado_test_find_widget     (GtkWidget  *root,
                                      const char *name,
                                      gboolean    prefix);
/* Finds the first descendant of type @type. */
GtkWidget *mado_test_find_by_type    (GtkWidget  *root,
                                      GType       type);
/* Moves the X pointer to the centre of @widget and clicks, through the X server (XTest). */
void       mado_test_click           (GtkWidget  *widget);
/* Types @text as X key presses into the focused widget: lower-case ASCII letters, digits and spaces only,
 * since the keys are sent without modifiers. */
void       mado_test_type_text       (const char *text);
/* Runs the main loop until @condition returns TRUE or @timeout_ms passes; returns the condition. */
gboolean   mado_test_wait_until        (gboolean  (*condition) (gpointer data),
                                      gpointer    data,
                                      guint       timeout_ms);

G_END_DECLS

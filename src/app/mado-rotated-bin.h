/* mado-rotated-bin.h: a container that can turn its child upside down
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MADO_TYPE_ROTATED_BIN (mado_rotated_bin_get_type ())
G_DECLARE_FINAL_TYPE (MadoRotatedBin, mado_rotated_bin, MADO, ROTATED_BIN, GtkWidget)

/* With the tablet flat between clerk and resident, the resident's pane is turned 180° so that it
 * reads the right way up from across the counter. GTK applies the transform to drawing and to
 * input alike, so taps land where the resident sees the buttons. */
GtkWidget *mado_rotated_bin_new         (void);
GtkWidget *mado_rotated_bin_get_child   (MadoRotatedBin *self);
void       mado_rotated_bin_set_child   (MadoRotatedBin *self,
                                         GtkWidget      *child);
gboolean   mado_rotated_bin_get_rotated (MadoRotatedBin *self);
void       mado_rotated_bin_set_rotated (MadoRotatedBin *self,
                                         gboolean        rotated);

G_END_DECLS

/* mado-spectrum.h: power spectra of 32 ms of 16-bit sound, for the speech detector
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MADO_SPECTRUM_BITS 9
#define MADO_SPECTRUM_SIZE (1 << MADO_SPECTRUM_BITS)

/* The power of bins @first_bin to @last_bin of a Hann-windowed window of MADO_SPECTRUM_SIZE
 * samples, read from the ring buffer @ring starting at index @oldest. */
void   mado_spectrum_power           (const double *ring,
                                      guint         oldest,
                                      guint         first_bin,
                                      guint         last_bin,
                                      double       *power);
/* Turns a sum of bin powers into the mean square, in dBFS, of the sound in those bins. */
double mado_spectrum_to_dbfs         (double        power);
/* The power white noise at @dbfs puts into each bin. */
double mado_spectrum_bin_power_of    (double        dbfs);

G_END_DECLS

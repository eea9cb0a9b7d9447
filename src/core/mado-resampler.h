/* mado-resampler.h: band-limited sample-rate conversion, in one go or a block at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _MadoResampler MadoResampler;

/* One converter per stream: it keeps the few dozen input samples the filter still needs
 * between blocks, so a stream converted block by block comes out sample for sample the same
 * as the whole stream converted at once. At equal rates the stream passes unchanged. Not
 * thread-safe; one thread feeds it. */
MadoResampler *mado_resampler_new     (guint          input_rate,
                                       guint          output_rate);
void           mado_resampler_free    (MadoResampler *self);
guint          mado_resampler_get_input_rate  (MadoResampler *self);
guint          mado_resampler_get_output_rate (MadoResampler *self);
/* Appends to @output (a GArray of gint16) every output sample the input so far determines. */
void           mado_resampler_process (MadoResampler *self,
                                       const gint16  *input,
                                       gsize          n_input,
                                       GArray        *output);
/* Ends the stream: appends the last output samples, reading silence past the end of the
 * input, so the whole output lasts as long as the whole input. */
void           mado_resampler_flush   (MadoResampler *self,
                                       GArray        *output);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoResampler, mado_resampler_free)

G_END_DECLS

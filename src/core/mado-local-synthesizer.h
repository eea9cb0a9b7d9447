/* mado-local-synthesizer.h: speech on the tablet itself (espeak-ng worker, Open JTalk program)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mado-synthesizer.h"

G_BEGIN_DECLS

#define MADO_TYPE_LOCAL_SYNTHESIZER (mado_local_synthesizer_get_type ())
G_DECLARE_FINAL_TYPE (MadoLocalSynthesizer, mado_local_synthesizer, MADO, LOCAL_SYNTHESIZER, GObject)

/* Japanese and やさしい日本語 go to Open JTalk (its text on stdin, its WAV on stdout, nothing on
 * disk); the other languages to espeak-ng, which runs in a worker process of its own, so that
 * espeak-ng dying on a text fails that text, not the app. Readings in {漢字|かんじ} groups
 * are spoken from the reading. Both engines' output is resampled to @sample_rate. */
MadoLocalSynthesizer *mado_local_synthesizer_new (guint sample_rate);

G_END_DECLS

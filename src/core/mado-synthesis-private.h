/* mado-synthesis-private.h: what every synthesizer does around its engine, whichever it is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mado-synthesizer.h"

G_BEGIN_DECLS

/* Returns what the engine should hear for @text (valid UTF-8) in @language: for Easy Japanese
 * the readings of its {漢字|かんじ} markup, else @text itself. Returns %NULL with
 * %MADO_SPEECH_ERROR_EMPTY_TEXT when that is blank, so that no synthesizer spends an engine
 * run or a request on an empty bubble. */
char *mado_synthesis_prepare_text  (const char       *text,
                                    const char       *language,
                                    GError          **error);

/* Returns @error on @task when @speech is %NULL, else @speech at @sample_rate: as it is when it
 * already has that rate, otherwise converted in a worker thread. Takes both @speech and @error.
 * @task's task data must be unset. */
void  mado_synthesis_return_speech (GTask            *task,
                                    MadoAudioBuffer  *speech,
                                    GError           *error,
                                    guint             sample_rate);

G_END_DECLS

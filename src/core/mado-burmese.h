/* mado-burmese.h: telling Unicode Burmese from Zawgyi-encoded text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MADO_BURMESE_ERROR (mado_burmese_error_quark ())

/* Each code is one piece of evidence that the text was typed for a Zawgyi font. Zawgyi reuses the
 * Unicode Myanmar block with other meanings, so Zawgyi text is valid UTF-8 but shows as garbage (or
 * reads wrongly aloud) with a Unicode font such as Noto Sans Myanmar. */
typedef enum {
  MADO_BURMESE_ERROR_ZAWGYI_CODE_POINT,      /* U+1033, U+1034 or U+1060–U+1097: Zawgyi's stacked and variant forms */
  MADO_BURMESE_ERROR_VOWEL_BEFORE_CONSONANT, /* U+1031 (ေ) stored before its consonant, in visual order */
  MADO_BURMESE_ERROR_MEDIAL_BEFORE_CONSONANT,/* a medial (U+103B–U+103E) that follows no consonant */
  MADO_BURMESE_ERROR_LOOSE_STACKER,          /* U+1039 not followed by a consonant: Zawgyi's asat */
} MadoBurmeseError;

GQuark   mado_burmese_error_quark (void);

/* Returns TRUE when @text is plausible Unicode Burmese. On FALSE, @error names the first piece of
 * Zawgyi evidence and its character offset (1-based). Text without Myanmar letters passes. */
gboolean mado_burmese_validate    (const char  *text,
                                   GError     **error);

G_END_DECLS

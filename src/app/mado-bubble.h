/* mado-bubble.h: one turn of the dialogue, in both languages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mado-phrase.h"

G_BEGIN_DECLS

#define MADO_TYPE_BUBBLE (mado_bubble_get_type ())
G_DECLARE_FINAL_TYPE (MadoBubble, mado_bubble, MADO, BUBBLE, AdwBin)

/* @verified: the text comes from a registered phrase, so the translation was checked by people,
 * not produced by a machine; the bubble says so in both languages. */
MadoBubble *mado_bubble_new                   (MadoSpeaker  speaker,
                                               const char  *staff_text,
                                               const char  *resident_text,
                                               const char  *resident_language,
                                               gboolean     verified);
const char *mado_bubble_get_staff_text        (MadoBubble  *self);
const char *mado_bubble_get_resident_text     (MadoBubble  *self);
const char *mado_bubble_get_resident_language (MadoBubble  *self);
MadoSpeaker mado_bubble_get_speaker           (MadoBubble  *self);

G_END_DECLS

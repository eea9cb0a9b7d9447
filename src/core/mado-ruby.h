/* mado-ruby.h: やさしい日本語 text with readings, written {漢字|かんじ}
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MADO_RUBY_ERROR (mado_ruby_error_quark ())

typedef enum {
  MADO_RUBY_ERROR_UNBALANCED,       /* a "{" without "|" and "}", or a stray "}" */
  MADO_RUBY_ERROR_EMPTY_PART,       /* "{|よみ}" or "{漢字|}" */
  MADO_RUBY_ERROR_READING_NOT_KANA, /* the reading holds something other than hiragana/katakana */
  MADO_RUBY_ERROR_KANJI_WITHOUT_READING,
} MadoRubyError;

GQuark    mado_ruby_error_quark  (void);

/* Checks the markup; on failure @error names the character offset of the problem. */
gboolean  mado_ruby_validate     (const char  *text,
                                  GError     **error);
/* "{漢字|かんじ}を{読|よ}む" → "かんじをよむ": what speech synthesis should read. */
char     *mado_ruby_to_reading   (const char  *text);
/* "{漢字|かんじ}を{読|よ}む" → "漢字を読む": plain text for search and export. */
char     *mado_ruby_to_base      (const char  *text);
/* Pango markup with each reading in small text right after its base: "漢字<span size='small'>(かんじ)</span>".
 * GTK 4.8 has no ruby layout, so the reading follows its word, as in many municipal Easy Japanese leaflets. */
char     *mado_ruby_to_markup    (const char  *text);
gboolean  mado_ruby_has_markup   (const char  *text);

G_END_DECLS

/* mado-espeak-text.c: text rewritten so that espeak-ng 1.51 can read it safely
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-espeak-text.h"

#include <string.h>

#define MYANMAR_VISARGA 0x1038

/* espeak-ng 1.51's Burmese dictionary lists the visarga (း, the high-tone mark) on its own as a
 * "$text" entry. When the visarga forms a word by itself, espeak-ng copies the rest of the clause
 * as that word's replacement text into a 160-byte buffer with strcpy(): the rest of the clause is
 * spoken twice, and when it is longer than the buffer, glibc stops the process ("buffer overflow
 * detected"). That happens after an asat (်) at the end of a word, as in "မှတ်တမ်း စာ" — common
 * Burmese — and killed espeak-ng on 63 of the 472 shipped Burmese phrases.
 *
 * A visarga that stands alone carries no sound in espeak-ng (its phonemes are those of the words
 * after it), so leaving it out changes nothing that espeak-ng would say, except that the rest of
 * the clause is no longer repeated. A visarga joined to letters is kept. */

/* The characters espeak-ng's Burmese voice keeps inside a word: consonants, independent vowels and
 * vowel signs (U+1000–U+1032), U+1035, anusvara (U+1036), the visarga itself, and the medials
 * (U+103B–U+103F). Every other character ends a word there: the asat (U+103A), the virama
 * (U+1039), the dot below (U+1037), digits, punctuation, spaces and every other script. This was
 * measured by asking espeak-ng (-X) about a visarga beside each character of the Myanmar block. */
static gboolean
joins_a_word (gunichar c)
{
  return (c >= 0x1000 && c <= 0x1032) || c == 0x1035 || c == 0x1036 || c == MYANMAR_VISARGA ||
         (c >= 0x103B && c <= 0x103F);
}

/**
 * mado_espeak_text_prepare:
 * @text: valid UTF-8
 *
 * Returns: (transfer full): the text to hand to espeak-ng.
 */
char *
mado_espeak_text_prepare (const char *text)
{
  GString *prepared;
  gunichar previous = 0;

  g_return_val_if_fail (text != NULL, NULL);

  prepared = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);
      gunichar following = *next != '\0' ? g_utf8_get_char (next) : 0;

      /* The neighbours are those espeak-ng will see: the character already kept before this one,
       * and the one after it. */
      if (c == MYANMAR_VISARGA && !joins_a_word (previous) && !joins_a_word (following))
        continue;

      g_string_append_len (prepared, p, next - p);
      previous = c;
    }

  return g_string_free (prepared, FALSE);
}

/* mado-burmese.c: telling Unicode Burmese from Zawgyi-encoded text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Unicode stores Burmese in logical order: consonant, stacked consonant, medials, then vowel signs,
 * whatever order the glyphs are drawn in. Zawgyi stores glyphs in visual order and gives some code
 * points other jobs. The checks below look for sequences that Unicode's storage order rules out but
 * that Zawgyi typing produces all the time, which is how Facebook's and Google's detectors start too:
 *
 *  - U+1031 (ေ, drawn left of its consonant) must follow a consonant or medial in Unicode; Zawgyi
 *    users type it first.
 *  - The medials U+103B–U+103E must follow a consonant; Zawgyi's medial ra (U+103B) is typed before it.
 *  - U+1039 stacks the next consonant under the previous one, so it must be followed by a consonant;
 *    Zawgyi uses U+1039 as the visible asat (်), which ends a syllable.
 *  - U+1033, U+1034 and U+1060–U+1097 are Mon, Karen and Shan letters in Unicode that Burmese text
 *    never needs, while Zawgyi puts its stacked consonants and letter variants there.
 *
 * A text that passes can still be wrong, but every Zawgyi sentence of a few words trips at least one.
 */
#include "mado-burmese.h"

G_DEFINE_QUARK (mado-burmese-error-quark, mado_burmese_error)

static gboolean
is_consonant (gunichar c)
{
  /* Consonants, the independent vowels that take vowel signs, and the great sa ဿ. */
  return (c >= 0x1000 && c <= 0x102A) || c == 0x103F;
}

static gboolean
is_medial (gunichar c)
{
  return c >= 0x103B && c <= 0x103E;
}

static gboolean
is_zawgyi_code_point (gunichar c)
{
  return c == 0x1033 || c == 0x1034 || (c >= 0x1060 && c <= 0x1097);
}

gboolean
mado_burmese_validate (const char  *text,
                       GError     **error)
{
  gunichar previous = 0;
  glong offset = 0;

  g_return_val_if_fail (text != NULL, FALSE);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p), offset++)
    {
      gunichar c = g_utf8_get_char (p);
      gunichar next = g_utf8_get_char (g_utf8_next_char (p));

      if (is_zawgyi_code_point (c))
        {
          g_set_error (error, MADO_BURMESE_ERROR, MADO_BURMESE_ERROR_ZAWGYI_CODE_POINT,
                       "character %ld: U+%04X is a Zawgyi-only form, not Burmese in Unicode",
                       offset + 1, c);
          return FALSE;
        }
      if (c == 0x1031 && !is_consonant (previous) && !is_medial (previous))
        {
          g_set_error (error, MADO_BURMESE_ERROR, MADO_BURMESE_ERROR_VOWEL_BEFORE_CONSONANT,
                       "character %ld: the vowel sign ေ (U+1031) comes before its consonant, as Zawgyi "
                       "stores it; Unicode stores it after the consonant",
                       offset + 1);
          return FALSE;
        }
      /* Medials come in the order ya, ra, wa, ha after their consonant, so each one must follow a
       * consonant or a medial that sorts before it. */
      if (is_medial (c) && !is_consonant (previous) && !(is_medial (previous) && previous < c))
        {
          g_set_error (error, MADO_BURMESE_ERROR, MADO_BURMESE_ERROR_MEDIAL_BEFORE_CONSONANT,
                       "character %ld: the medial sign U+%04X does not follow a consonant, as in Zawgyi "
                       "typing; Unicode stores medials after their consonant",
                       offset + 1, c);
          return FALSE;
        }
      if (c == 0x1039 && !(next >= 0x1000 && next <= 0x1021))
        {
          g_set_error (error, MADO_BURMESE_ERROR, MADO_BURMESE_ERROR_LOOSE_STACKER,
                       "character %ld: U+1039 is not followed by a consonant; Zawgyi uses it as the "
                       "asat (်), which is U+103A in Unicode",
                       offset + 1);
          return FALSE;
        }

      previous = c;
    }

  return TRUE;
}

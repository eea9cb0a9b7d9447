/* test-burmese.c: telling Unicode Burmese from Zawgyi
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-burmese.h"

static void
test_unicode_passes (void)
{
  /* Each sample exercises one part of Unicode storage order: a medial before ေ, kinzi, a stacked
   * consonant, two medials, and a full sentence. */
  static const char *samples[] = {
    "\u1019\u103C\u1014\u103A\u1019\u102C",                          /* မြန်မာ */
    "\u1000\u103B\u1031\u102C\u1004\u103A\u1038",                    /* ကျောင်း */
    "\u1021\u1004\u103A\u1039\u1002\u101C\u102D\u1015\u103A",        /* အင်္ဂလိပ် */
    "\u1019\u1014\u1039\u1010\u101C\u1031\u1038",                    /* မန္တလေး */
    "\u1000\u103B\u103D\u1014\u103A",                                /* ကျွန် */
    "\u1001\u103B\u103D\u1031\u1038",                                /* ချွေး */
    "ကလေး ကျောင်းပျက်မည် သို့မဟုတ် နောက်ကျမည်ဆိုပါက မနက် 8 နာရီမတိုင်မီ ကျောင်းသို့ ဖုန်းဆက်၍ အကြောင်းကြားပေးပါ။",
    "English text and 123",
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (mado_burmese_validate (samples[i], &error));
      g_assert_no_error (error);
    }
}

static void
test_zawgyi_is_caught (void)
{
  static const struct {
    const char *text;
    int         code;
    const char *where;
  } cases[] = {
    /* ေက်ာင္း: ေ typed first */
    { "\u1031\u1000\u103A\u102C\u1004\u1039\u1038", MADO_BURMESE_ERROR_VOWEL_BEFORE_CONSONANT, "character 1:" },
    /* ျမန္မာ: Zawgyi's medial ra typed before မ */
    { "\u103B\u1019\u1014\u1039\u1019\u102C", MADO_BURMESE_ERROR_MEDIAL_BEFORE_CONSONANT, "character 1:" },
    /* ဖုန္း: U+1039 as the asat, followed by the visarga */
    { "\u1016\u102F\u1014\u1039\u1038", MADO_BURMESE_ERROR_LOOSE_STACKER, "character 4:" },
    /* သို႔: Zawgyi's short aukmyit form at U+1094 */
    { "\u101E\u102D\u102F\u1094", MADO_BURMESE_ERROR_ZAWGYI_CODE_POINT, "character 4:" },
    /* U+1033 is Zawgyi's alternative u */
    { "\u1000\u1033", MADO_BURMESE_ERROR_ZAWGYI_CODE_POINT, "character 2:" },
    /* ေ after a space in the middle of a sentence */
    { "\u1019\u102C \u1031\u1000", MADO_BURMESE_ERROR_VOWEL_BEFORE_CONSONANT, "character 4:" },
    /* U+1039 at the very end */
    { "\u1000\u1039", MADO_BURMESE_ERROR_LOOSE_STACKER, "character 2:" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (mado_burmese_validate (cases[i].text, &error));
      g_assert_error (error, MADO_BURMESE_ERROR, cases[i].code);
      g_assert_true (g_str_has_prefix (error->message, cases[i].where));
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/madoguchi/burmese/unicode-passes", test_unicode_passes);
  g_test_add_func ("/madoguchi/burmese/zawgyi-is-caught", test_zawgyi_is_caught);

  return g_test_run ();
}

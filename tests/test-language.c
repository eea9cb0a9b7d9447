/* test-language.c: the language registry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-language.h"

#include <pango/pango.h>

static void
test_registry_has_every_resident_language (void)
{
  static const char *expected[] = {
    "en", "zh-Hans", "zh-Hant", "ko", "vi", "id", "th", "my", "es", "fr", "pt-BR", "fil", "ne", "ja-x-easy",
  };
  guint n_residents = 0;
  const MadoLanguage **residents = mado_language_get_residents (&n_residents);

  g_assert_cmpuint (n_residents, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const MadoLanguage *language = mado_language_lookup (expected[i]);
      gboolean listed = FALSE;

      g_assert_nonnull (language);
      g_assert_cmpstr (language->code, ==, expected[i]);
      for (guint j = 0; j < n_residents; j++)
        listed |= residents[j] == language;
      g_assert_true (listed);
    }

  g_assert_cmpstr (mado_language_get_staff ()->code, ==, "ja");
}

static void
test_lookup_ignores_case_and_rejects_unknown (void)
{
  g_assert_true (mado_language_lookup ("pt-br") == mado_language_lookup ("pt-BR"));
  g_assert_true (mado_language_lookup ("ZH-hant") == mado_language_lookup ("zh-Hant"));
  g_assert_null (mado_language_lookup ("xx"));
  g_assert_null (mado_language_lookup ("zh"));
  g_assert_null (mado_language_lookup (NULL));
  g_assert_false (mado_language_is_known ("klingon"));
}

/* Each name must be written in its own script, not transliterated: check the script of the first
 * letter against what the language is written in. */
static void
test_native_names_use_their_own_script (void)
{
  static const struct { const char *code; GUnicodeScript script; } cases[] = {
    { "ja", G_UNICODE_SCRIPT_HAN },
    { "ja-x-easy", G_UNICODE_SCRIPT_HIRAGANA },
    { "zh-Hans", G_UNICODE_SCRIPT_HAN },
    { "zh-Hant", G_UNICODE_SCRIPT_HAN },
    { "ko", G_UNICODE_SCRIPT_HANGUL },
    { "th", G_UNICODE_SCRIPT_THAI },
    { "my", G_UNICODE_SCRIPT_MYANMAR },
    { "ne", G_UNICODE_SCRIPT_DEVANAGARI },
    { "vi", G_UNICODE_SCRIPT_LATIN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const MadoLanguage *language = mado_language_lookup (cases[i].code);
      gunichar first = g_utf8_get_char (language->native_name);

      g_assert_cmpint (g_unichar_get_script (first), ==, cases[i].script);
      g_assert_cmpint (g_unichar_get_script (g_utf8_get_char (language->greeting)), ==,
                       cases[i].code[0] == 'j' ? G_UNICODE_SCRIPT_HIRAGANA : cases[i].script);
    }
}

/* Chinese must not share Japanese glyph shapes: the Pango languages differ, and simplified and
 * traditional Chinese differ from each other. */
static void
test_pango_languages_keep_han_shapes_apart (void)
{
  const char *ja = mado_language_lookup ("ja")->pango_language;
  const char *hans = mado_language_lookup ("zh-Hans")->pango_language;
  const char *hant = mado_language_lookup ("zh-Hant")->pango_language;
  guint n_all = 0;
  const MadoLanguage **all = mado_language_get_all (&n_all);

  g_assert_cmpstr (ja, !=, hans);
  g_assert_cmpstr (hans, !=, hant);
  g_assert_true (pango_language_includes_script (pango_language_from_string (hans), PANGO_SCRIPT_HAN));
  g_assert_true (pango_language_includes_script (pango_language_from_string (ja), PANGO_SCRIPT_HIRAGANA));

  for (guint i = 0; i < n_all; i++)
    g_assert_nonnull (pango_language_from_string (all[i]->pango_language));
}

static void
test_voices (void)
{
  g_assert_false (mado_language_has_voice (mado_language_lookup ("fil")));
  g_assert_true (mado_language_has_voice (mado_language_lookup ("vi")));
  g_assert_cmpint (mado_language_lookup ("ja-x-easy")->voice_engine, ==, MADO_VOICE_OPEN_JTALK);
  g_assert_cmpstr (mado_language_lookup ("zh-Hans")->voice, ==, "cmn-latn-pinyin");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/madoguchi/language/registry", test_registry_has_every_resident_language);
  g_test_add_func ("/madoguchi/language/lookup", test_lookup_ignores_case_and_rejects_unknown);
  g_test_add_func ("/madoguchi/language/native-script", test_native_names_use_their_own_script);
  g_test_add_func ("/madoguchi/language/pango", test_pango_languages_keep_han_shapes_apart);
  g_test_add_func ("/madoguchi/language/voices", test_voices);

  return g_test_run ();
}

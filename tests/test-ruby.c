/* test-ruby.c: やさしい日本語 readings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-ruby.h"

#include <string.h>

static void
test_conversions (void)
{
  const char *text = "{住民票|じゅうみんひょう}を{出|だ}します。";
  g_autofree char *reading = mado_ruby_to_reading (text);
  g_autofree char *base = mado_ruby_to_base (text);
  g_autofree char *markup = mado_ruby_to_markup (text);

  g_assert_cmpstr (reading, ==, "じゅうみんひょうをだします。");
  g_assert_cmpstr (base, ==, "住民票を出します。");
  g_assert_cmpstr (markup, ==,
                   "住民票<span size='small'>(じゅうみんひょう)</span>を出<span size='small'>(だ)</span>します。");
  g_assert_true (mado_ruby_has_markup (text));
  g_assert_false (mado_ruby_has_markup ("ひらがなだけ"));
}

static void
test_markup_is_escaped (void)
{
  g_autofree char *markup = mado_ruby_to_markup ("A&B <{手|て}>");

  g_assert_cmpstr (markup, ==, "A&amp;B &lt;手<span size='small'>(て)</span>&gt;");
}

static void
test_validation_errors (void)
{
  static const struct { const char *text; int code; } cases[] = {
    { "{住民票|じゅうみんひょう", MADO_RUBY_ERROR_UNBALANCED },
    { "じゅうみん}ひょう", MADO_RUBY_ERROR_UNBALANCED },
    { "{|じゅうみん}", MADO_RUBY_ERROR_EMPTY_PART },
    { "{住民|}", MADO_RUBY_ERROR_EMPTY_PART },
    { "{住民|jumin}", MADO_RUBY_ERROR_READING_NOT_KANA },
    { "{住|じゅう}民票", MADO_RUBY_ERROR_KANJI_WITHOUT_READING },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (mado_ruby_validate (cases[i].text, &error));
      g_assert_error (error, MADO_RUBY_ERROR, cases[i].code);
    }

  g_assert_true (mado_ruby_validate ("{人々|ひとびと}とカタカナ、123。", NULL));
}

static void
test_malformed_text_still_reads (void)
{
  g_autofree char *base = mado_ruby_to_base ("{住民票|じゅうみんひょう");

  /* The resident must never see the raw markup characters. */
  g_assert_null (strchr (base, '{'));
  g_assert_null (strchr (base, '|'));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/madoguchi/ruby/conversions", test_conversions);
  g_test_add_func ("/madoguchi/ruby/markup-escaped", test_markup_is_escaped);
  g_test_add_func ("/madoguchi/ruby/validation", test_validation_errors);
  g_test_add_func ("/madoguchi/ruby/malformed", test_malformed_text_still_reads);

  return g_test_run ();
}

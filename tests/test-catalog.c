/* test-catalog.c: interface text in any language, from compiled message catalogs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "mado-catalog.h"
#include "mado-test-utils.h"

/* Compiles @po_text with msgfmt into LOCALE_DIR/LANGUAGE/LC_MESSAGES/madoguchi.mo. */
static void
write_catalog (const char *locale_dir,
               const char *language,
               const char *po_text)
{
  g_autofree char *folder = g_build_filename (locale_dir, language, "LC_MESSAGES", NULL);
  g_autofree char *po = g_build_filename (locale_dir, "source.po", NULL);
  g_autofree char *mo = g_build_filename (folder, GETTEXT_PACKAGE ".mo", NULL);
  g_autoptr(GError) error = NULL;
  int status = -1;
  const char *argv[] = { "msgfmt", "-o", mo, po, NULL };

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (po, po_text, -1, &error));
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                               &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_remove (po);
}

#define PO_HEADER "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\n"

static void
test_any_language_at_once (void)
{
  g_autofree char *dir = g_dir_make_tmp ("madoguchi-catalog-XXXXXX", NULL);
  g_autoptr(MadoCatalog) catalog = NULL;

  write_catalog (dir, "vi", PO_HEADER "msgid \"Send\"\nmsgstr \"Gửi\"\n\nmsgid \"Untranslated\"\nmsgstr \"\"\n");
  write_catalog (dir, "ja-x-easy", PO_HEADER "msgid \"Send\"\nmsgstr \"おくる\"\n");
  catalog = mado_catalog_new (dir);

  /* Two languages side by side, as on the two panes. */
  g_assert_cmpstr (mado_catalog_translate (catalog, "vi", "Send"), ==, "Gửi");
  g_assert_cmpstr (mado_catalog_translate (catalog, "ja-x-easy", "Send"), ==, "おくる");
  g_assert_cmpstr (mado_catalog_translate (catalog, "VI", "Send"), ==, "Gửi");

  /* Whatever has no translation is shown in English rather than left blank. */
  g_assert_cmpstr (mado_catalog_translate (catalog, "vi", "Untranslated"), ==, "Untranslated");
  g_assert_cmpstr (mado_catalog_translate (catalog, "vi", "Unknown message"), ==, "Unknown message");
  g_assert_cmpstr (mado_catalog_translate (catalog, "th", "Send"), ==, "Send");
  g_assert_cmpstr (mado_catalog_translate (catalog, "en", "Send"), ==, "Send");
  g_assert_true (mado_catalog_has_language (catalog, "vi"));
  g_assert_true (mado_catalog_has_language (catalog, "en"));
  g_assert_false (mado_catalog_has_language (catalog, "th"));

  mado_test_remove_folder (dir);
}

/* A damaged catalog must never take the counter down: its language falls back to English. */
static void
test_damaged_catalog (void)
{
  g_autofree char *dir = g_dir_make_tmp ("madoguchi-catalog-XXXXXX", NULL);
  g_autofree char *folder = g_build_filename (dir, "ko", "LC_MESSAGES", NULL);
  g_autofree char *mo = g_build_filename (folder, GETTEXT_PACKAGE ".mo", NULL);
  g_autoptr(MadoCatalog) catalog = NULL;
  static const guint8 truncated[] = { 0xde, 0x12, 0x04, 0x95, 0, 0, 0, 0, 0xff, 0xff, 0, 0,
                                      0x1c, 0, 0, 0, 0xff, 0xff, 0xff, 0x7f, 0, 0, 0, 0, 0, 0, 0, 0 };

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (mo, (const char *) truncated, sizeof truncated, NULL));
  catalog = mado_catalog_new (dir);

  g_assert_cmpstr (mado_catalog_translate (catalog, "ko", "Send"), ==, "Send");
  g_assert_false (mado_catalog_has_language (catalog, "ko"));

  mado_test_remove_folder (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/madoguchi/catalog/any-language", test_any_language_at_once);
  g_test_add_func ("/madoguchi/catalog/damaged", test_damaged_catalog);

  return g_test_run ();
}

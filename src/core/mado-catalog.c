/* mado-catalog.c: interface text in any language at any moment
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-catalog.h"

#include <string.h>

#include "mado-language.h"

struct _MadoCatalog
{
  GObject     parent_instance;

  char       *locale_dir;
  GMutex      lock;
  GHashTable *languages;   /* language code → GHashTable (msgid → msgstr), or a NULL value when absent */
};

G_DEFINE_FINAL_TYPE (MadoCatalog, mado_catalog, G_TYPE_OBJECT)

#define MO_MAGIC          0x950412deU
#define MO_MAGIC_SWAPPED  0xde120495U

static void
mado_catalog_finalize (GObject *object)
{
  MadoCatalog *self = MADO_CATALOG (object);

  g_free (self->locale_dir);
  g_hash_table_unref (self->languages);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (mado_catalog_parent_class)->finalize (object);
}

static void
mado_catalog_class_init (MadoCatalogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mado_catalog_finalize;
}

/* A language without a catalog is remembered as a NULL table so its file is looked for only once. */
static void
unref_table (gpointer table)
{
  if (table != NULL)
    g_hash_table_unref (table);
}

static void
mado_catalog_init (MadoCatalog *self)
{
  g_mutex_init (&self->lock);
  self->languages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, unref_table);
}

MadoCatalog *
mado_catalog_new (const char *locale_dir)
{
  MadoCatalog *self;

  g_return_val_if_fail (locale_dir != NULL, NULL);

  self = g_object_new (MADO_TYPE_CATALOG, NULL);
  self->locale_dir = g_strdup (locale_dir);

  return self;
}

const char *
mado_catalog_default_locale_dir (void)
{
  const char *dir = g_getenv ("MADOGUCHI_LOCALEDIR");

  return dir != NULL && *dir != '\0' ? dir : LOCALEDIR;
}

/**
 * mado_catalog_get_default:
 *
 * Returns: (transfer none): the process-wide catalog reading mado_catalog_default_locale_dir().
 */
MadoCatalog *
mado_catalog_get_default (void)
{
  static gsize catalog = 0;

  if (g_once_init_enter (&catalog))
    g_once_init_leave (&catalog, (gsize) mado_catalog_new (mado_catalog_default_locale_dir ()));

  return (MadoCatalog *) catalog;
}

static guint32
read_u32 (const guint8 *data, gsize offset, gboolean swapped)
{
  guint32 value;

  memcpy (&value, data + offset, sizeof value);
  return swapped ? GUINT32_SWAP_LE_BE (value) : value;
}

/* Parses a GNU .mo file. A damaged file yields no table (the English text is shown instead), so a
 * broken translation can never take the counter down. Plural forms keep only their singular. */
static GHashTable *
parse_mo (const guint8 *data, gsize length)
{
  g_autoptr(GHashTable) table = NULL;
  gboolean swapped;
  guint32 magic, n_strings, originals, translations;

  if (length < 28)
    return NULL;

  memcpy (&magic, data, sizeof magic);
  if (magic == MO_MAGIC)
    swapped = FALSE;
  else if (magic == MO_MAGIC_SWAPPED)
    swapped = TRUE;
  else
    return NULL;

  n_strings = read_u32 (data, 8, swapped);
  originals = read_u32 (data, 12, swapped);
  translations = read_u32 (data, 16, swapped);
  if ((guint64) originals + (guint64) n_strings * 8 > length ||
      (guint64) translations + (guint64) n_strings * 8 > length)
    return NULL;

  table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint32 i = 0; i < n_strings; i++)
    {
      guint32 id_length = read_u32 (data, originals + i * 8, swapped);
      guint32 id_offset = read_u32 (data, originals + i * 8 + 4, swapped);
      guint32 str_length = read_u32 (data, translations + i * 8, swapped);
      guint32 str_offset = read_u32 (data, translations + i * 8 + 4, swapped);

      if ((guint64) id_offset + id_length >= length || (guint64) str_offset + str_length >= length)
        return NULL;
      if (id_length == 0 || str_length == 0)
        continue;   /* the header entry, or an untranslated message */

      g_hash_table_insert (table,
                           g_strndup ((const char *) data + id_offset, strnlen ((const char *) data + id_offset, id_length)),
                           g_strndup ((const char *) data + str_offset, strnlen ((const char *) data + str_offset, str_length)));
    }

  return g_steal_pointer (&table);
}

static GHashTable *
load_language (MadoCatalog *self, const char *code)
{
  /* po/LINGUAS names the catalogs with the registry's codes (pt-BR, zh-Hans, ja-x-easy). */
  g_autofree char *path = g_build_filename (self->locale_dir, code, "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return NULL;

  return parse_mo ((const guint8 *) contents, length);
}

static GHashTable *
lookup_table (MadoCatalog *self, const char *language)
{
  const MadoLanguage *entry = mado_language_lookup (language);
  const char *code = entry != NULL ? entry->code : language;
  GHashTable *table;
  gpointer found;

  g_mutex_lock (&self->lock);
  if (g_hash_table_lookup_extended (self->languages, code, NULL, &found))
    {
      table = found;
    }
  else
    {
      table = load_language (self, code);
      g_hash_table_insert (self->languages, g_strdup (code), table);
    }
  g_mutex_unlock (&self->lock);

  return table;
}

/**
 * mado_catalog_translate:
 *
 * Returns: (transfer none): the translation, valid as long as the catalog; @msgid when untranslated.
 */
const char *
mado_catalog_translate (MadoCatalog *self,
                        const char  *language,
                        const char  *msgid)
{
  GHashTable *table;
  const char *translation;

  g_return_val_if_fail (MADO_IS_CATALOG (self), msgid);
  g_return_val_if_fail (msgid != NULL, NULL);

  if (language == NULL || g_str_equal (language, "en"))
    return msgid;

  table = lookup_table (self, language);
  if (table == NULL)
    return msgid;

  translation = g_hash_table_lookup (table, msgid);
  return translation != NULL ? translation : msgid;
}

gboolean
mado_catalog_has_language (MadoCatalog *self,
                           const char  *language)
{
  g_return_val_if_fail (MADO_IS_CATALOG (self), FALSE);

  return g_str_equal (language, "en") || lookup_table (self, language) != NULL;
}

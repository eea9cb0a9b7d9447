/* mado-phrase-exchange-export.c: writing phrases as CSV or JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-phrase-exchange-private.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "mado-csv.h"
#include "mado-language.h"

static const char *
speaker_to_string (MadoSpeaker speaker)
{
  return speaker == MADO_SPEAKER_RESIDENT ? "resident" : "staff";
}

static const char *
origin_to_string (MadoPhraseOrigin origin)
{
  switch (origin)
    {
    case MADO_PHRASE_ORIGIN_EDITED:
      return "edited";
    case MADO_PHRASE_ORIGIN_LOCAL:
      return "local";
    case MADO_PHRASE_ORIGIN_SHIPPED:
    default:
      return "shipped";
    }
}

/* The phrases to export, set by set. */
GPtrArray *
mado_exchange_collect_phrases (MadoPhraseStore  *store,
                               const char       *set_id,
                               GError          **error)
{
  g_autoptr(GPtrArray) sets = mado_phrase_store_list_sets (store, error);
  g_autoptr(GPtrArray) phrases = NULL;
  gboolean found = FALSE;

  if (sets == NULL)
    return NULL;

  phrases = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < sets->len; i++)
    {
      const char *id = mado_phrase_set_get_id (g_ptr_array_index (sets, i));
      g_autoptr(GPtrArray) set_phrases = NULL;

      if (set_id != NULL && strcmp (set_id, id) != 0)
        continue;
      found = TRUE;

      set_phrases = mado_phrase_store_list_phrases (store, id, NULL, error);
      if (set_phrases == NULL)
        return NULL;
      for (guint j = 0; j < set_phrases->len; j++)
        g_ptr_array_add (phrases, g_object_ref (g_ptr_array_index (set_phrases, j)));
    }

  if (set_id != NULL && !found)
    {
      g_set_error (error, MADO_EXCHANGE_ERROR, MADO_EXCHANGE_ERROR_NO_SUCH_SET,
                   "The database has no phrase set “%s”", set_id);
      return NULL;
    }

  return g_steal_pointer (&phrases);
}

/* The cells of one phrase in column order: the fields, then every language. */
static const char **
phrase_cells (MadoPhrase *phrase)
{
  const MadoLanguage **languages;
  const char **cells;
  guint n_languages;

  languages = mado_language_get_all (&n_languages);
  cells = g_new0 (const char *, MADO_EXCHANGE_N_FIELDS + n_languages + 1);
  cells[MADO_EXCHANGE_FIELD_ID] = mado_phrase_get_id (phrase);
  cells[MADO_EXCHANGE_FIELD_SET] = mado_phrase_get_set_id (phrase);
  cells[MADO_EXCHANGE_FIELD_GENRE] = mado_phrase_get_genre_id (phrase);
  cells[MADO_EXCHANGE_FIELD_SPEAKER] = speaker_to_string (mado_phrase_get_speaker (phrase));
  cells[MADO_EXCHANGE_FIELD_ORIGIN] = origin_to_string (mado_phrase_get_origin (phrase));
  for (guint i = 0; i < n_languages; i++)
    {
      const char *text = mado_phrase_get_text (phrase, languages[i]->code);

      cells[MADO_EXCHANGE_N_FIELDS + i] = text != NULL ? text : "";
    }

  return cells;
}

static GBytes *
export_csv (GPtrArray *phrases)
{
  g_autoptr(GString) out = mado_csv_new_document ();
  guint n_keys = mado_exchange_n_keys ();
  g_autofree const char **header = g_new0 (const char *, n_keys);

  for (guint key = 0; key < n_keys; key++)
    header[key] = mado_exchange_key_name (key);
  mado_csv_append_row (out, header, n_keys);

  for (guint i = 0; i < phrases->len; i++)
    {
      g_autofree const char **cells = phrase_cells (g_ptr_array_index (phrases, i));

      mado_csv_append_row (out, cells, n_keys);
    }

  return g_string_free_to_bytes (g_steal_pointer (&out));
}

static GBytes *
export_json (GPtrArray *phrases)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  guint n_keys = mado_exchange_n_keys ();
  char *text;
  gsize length;

  json_builder_begin_array (builder);
  for (guint i = 0; i < phrases->len; i++)
    {
      g_autofree const char **cells = phrase_cells (g_ptr_array_index (phrases, i));

      json_builder_begin_object (builder);
      for (guint key = 0; key < n_keys; key++)
        {
          json_builder_set_member_name (builder, mado_exchange_key_name (key));
          json_builder_add_string_value (builder, cells[key]);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, &length);

  /* A final line break, as text editors and diff expect. */
  text = g_realloc (text, length + 2);
  text[length] = '\n';
  text[length + 1] = '\0';

  return g_bytes_new_take (text, length + 1);
}

GBytes *
mado_exchange_write (GPtrArray          *phrases,
                     MadoExchangeFormat  format)
{
  g_return_val_if_fail (phrases != NULL, NULL);

  return format == MADO_EXCHANGE_FORMAT_JSON ? export_json (phrases) : export_csv (phrases);
}

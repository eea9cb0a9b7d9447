/* mado-speech-capabilities.c: what a speech gateway can do, from GET /v1/capabilities
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-speech-capabilities.h"

#include "mado-speech-api-error.h"

/* The values docs/api.md gives, used when a gateway leaves a limit out. */
#define DEFAULT_MAX_TEXT_CHARS    2000
#define DEFAULT_MAX_AUDIO_SECONDS 30
#define DEFAULT_MAX_JSON_BYTES    65536

/* One element of the recognize, translate or synthesize list. */
typedef struct {
  char     *language;     /* the language, or the source of a translation pair */
  char     *target;       /* the target of a translation pair, else NULL */
  gboolean  constrained;  /* recognition only: the recogniser knows only fixed sentences */
} Entry;

static void
entry_free (Entry *entry)
{
  g_free (entry->language);
  g_free (entry->target);
  g_free (entry);
}

struct _MadoSpeechCapabilities
{
  GObject    parent_instance;

  guint      api_version;
  guint      max_text_chars;
  guint      max_audio_seconds;
  guint      max_json_bytes;
  GPtrArray *recognize;   /* of Entry */
  GPtrArray *translate;   /* of Entry */
  GPtrArray *synthesize;  /* of Entry */
};

G_DEFINE_FINAL_TYPE (MadoSpeechCapabilities, mado_speech_capabilities, G_TYPE_OBJECT)

static void
mado_speech_capabilities_finalize (GObject *object)
{
  MadoSpeechCapabilities *self = MADO_SPEECH_CAPABILITIES (object);

  g_ptr_array_unref (self->recognize);
  g_ptr_array_unref (self->translate);
  g_ptr_array_unref (self->synthesize);

  G_OBJECT_CLASS (mado_speech_capabilities_parent_class)->finalize (object);
}

static void
mado_speech_capabilities_class_init (MadoSpeechCapabilitiesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mado_speech_capabilities_finalize;
}

static void
mado_speech_capabilities_init (MadoSpeechCapabilities *self)
{
  self->recognize = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  self->translate = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  self->synthesize = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  self->max_text_chars = DEFAULT_MAX_TEXT_CHARS;
  self->max_audio_seconds = DEFAULT_MAX_AUDIO_SECONDS;
  self->max_json_bytes = DEFAULT_MAX_JSON_BYTES;
}

static gboolean
set_bad_shape (GError     **error,
               const char  *what)
{
  g_set_error (error, MADO_SPEECH_API_ERROR, MADO_SPEECH_API_ERROR_BAD_RESPONSE,
               "The capabilities are not in the documented format: %s", what);
  return FALSE;
}

/* A JSON number that is a whole number from 1 to G_MAXUINT. */
static gboolean
read_positive (JsonObject  *object,
               const char  *member,
               guint       *value,
               GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  double number;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) == G_TYPE_STRING
      || json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    {
      g_autofree char *what = g_strdup_printf ("limits.%s is not a number", member);
      return set_bad_shape (error, what);
    }

  number = json_node_get_double (node);
  if (number < 1 || number > G_MAXUINT || number != (double) (guint) number)
    {
      g_autofree char *what = g_strdup_printf ("limits.%s is %g, not a positive whole number", member, number);
      return set_bad_shape (error, what);
    }

  *value = (guint) number;
  return TRUE;
}

static const char *
read_tag (JsonObject *object,
          const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return *json_node_get_string (node) != '\0' ? json_node_get_string (node) : NULL;
}

/* Reads one of the three lists. @pair says whether its elements name a source and target
 * (translate) or a language (recognize, synthesize). */
static gboolean
read_list (JsonObject  *root,
           const char  *member,
           gboolean     pair,
           GPtrArray   *entries,
           GError     **error)
{
  JsonNode *node = json_object_get_member (root, member);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autofree char *what = g_strdup_printf ("“%s” is missing or not a list", member);
      return set_bad_shape (error, what);
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *object;
      Entry *entry;
      const char *language;
      const char *target = NULL;
      JsonNode *constrained;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_autofree char *what = g_strdup_printf ("element %u of “%s” is not an object", i, member);
          return set_bad_shape (error, what);
        }
      object = json_node_get_object (element);

      language = read_tag (object, pair ? "source" : "language");
      if (pair)
        target = read_tag (object, "target");
      if (language == NULL || (pair && target == NULL))
        {
          g_autofree char *what = g_strdup_printf ("element %u of “%s” has no %s", i, member,
                                                   pair ? "source and target" : "language");
          return set_bad_shape (error, what);
        }

      entry = g_new0 (Entry, 1);
      entry->language = g_strdup (language);
      entry->target = g_strdup (target);
      constrained = json_object_get_member (object, "constrained");
      entry->constrained = constrained != NULL && JSON_NODE_HOLDS_VALUE (constrained)
                           && json_node_get_value_type (constrained) == G_TYPE_BOOLEAN
                           && json_node_get_boolean (constrained);
      g_ptr_array_add (entries, entry);
    }

  return TRUE;
}

/**
 * mado_speech_capabilities_new_from_json:
 * @root: the parsed body of `GET /v1/capabilities`
 * @error: set to %MADO_SPEECH_API_ERROR_BAD_RESPONSE when the body is not the documented shape
 *
 * Returns: (transfer full) (nullable): the capabilities.
 */
MadoSpeechCapabilities *
mado_speech_capabilities_new_from_json (JsonNode  *root,
                                        GError   **error)
{
  g_autoptr(MadoSpeechCapabilities) self = NULL;
  JsonObject *object;
  JsonNode *version;
  JsonNode *limits;

  g_return_val_if_fail (root != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      set_bad_shape (error, "the body is not a JSON object");
      return NULL;
    }
  object = json_node_get_object (root);
  self = g_object_new (MADO_TYPE_SPEECH_CAPABILITIES, NULL);

  version = json_object_get_member (object, "api_version");
  if (version == NULL || !JSON_NODE_HOLDS_VALUE (version) || json_node_get_value_type (version) != G_TYPE_INT64)
    {
      set_bad_shape (error, "“api_version” is missing or not a whole number");
      return NULL;
    }
  /* A later version may change what the fields below mean, so this client must not guess. */
  if (json_node_get_int (version) != 1)
    {
      g_set_error (error, MADO_SPEECH_API_ERROR, MADO_SPEECH_API_ERROR_BAD_RESPONSE,
                   "The gateway speaks API version %" G_GINT64_FORMAT "; this app speaks version 1",
                   json_node_get_int (version));
      return NULL;
    }
  self->api_version = 1;

  limits = json_object_get_member (object, "limits");
  if (limits != NULL)
    {
      JsonObject *limits_object;

      if (!JSON_NODE_HOLDS_OBJECT (limits))
        {
          set_bad_shape (error, "“limits” is not an object");
          return NULL;
        }
      limits_object = json_node_get_object (limits);
      if (!read_positive (limits_object, "max_text_chars", &self->max_text_chars, error)
          || !read_positive (limits_object, "max_audio_seconds", &self->max_audio_seconds, error)
          || !read_positive (limits_object, "max_json_bytes", &self->max_json_bytes, error))
        return NULL;
    }

  if (!read_list (object, "recognize", FALSE, self->recognize, error)
      || !read_list (object, "translate", TRUE, self->translate, error)
      || !read_list (object, "synthesize", FALSE, self->synthesize, error))
    return NULL;

  return g_steal_pointer (&self);
}

static const Entry *
find_entry (GPtrArray  *entries,
            const char *language,
            const char *target)
{
  for (guint i = 0; i < entries->len; i++)
    {
      const Entry *entry = g_ptr_array_index (entries, i);

      if (g_ascii_strcasecmp (entry->language, language) == 0
          && (target == NULL || g_ascii_strcasecmp (entry->target, target) == 0))
        return entry;
    }

  return NULL;
}

gboolean
mado_speech_capabilities_can_recognize (MadoSpeechCapabilities *self,
                                        const char             *language)
{
  g_return_val_if_fail (MADO_IS_SPEECH_CAPABILITIES (self), FALSE);
  g_return_val_if_fail (language != NULL, FALSE);

  return find_entry (self->recognize, language, NULL) != NULL;
}

/**
 * mado_speech_capabilities_is_recognition_constrained:
 *
 * Returns: whether every recogniser for @language knows only a fixed set of sentences (the
 *   registered phrases), so the UI can tell the speaker to say a phrase from the book rather
 *   than speak freely. %FALSE when @language cannot be recognised at all.
 */
gboolean
mado_speech_capabilities_is_recognition_constrained (MadoSpeechCapabilities *self,
                                                     const char             *language)
{
  const Entry *entry;

  g_return_val_if_fail (MADO_IS_SPEECH_CAPABILITIES (self), FALSE);
  g_return_val_if_fail (language != NULL, FALSE);

  entry = find_entry (self->recognize, language, NULL);

  return entry != NULL && entry->constrained;
}

gboolean
mado_speech_capabilities_can_translate (MadoSpeechCapabilities *self,
                                        const char             *source,
                                        const char             *target)
{
  g_return_val_if_fail (MADO_IS_SPEECH_CAPABILITIES (self), FALSE);
  g_return_val_if_fail (source != NULL, FALSE);
  g_return_val_if_fail (target != NULL, FALSE);

  return find_entry (self->translate, source, target) != NULL;
}

gboolean
mado_speech_capabilities_can_synthesize (MadoSpeechCapabilities *self,
                                         const char             *language)
{
  g_return_val_if_fail (MADO_IS_SPEECH_CAPABILITIES (self), FALSE);
  g_return_val_if_fail (language != NULL, FALSE);

  return find_entry (self->synthesize, language, NULL) != NULL;
}

/* Collects the tags in the order the gateway gave them, each once whatever its case. */
static GStrv
collect_tags (GPtrArray  *entries,
              const char *source)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();

  for (guint i = 0; i < entries->len; i++)
    {
      const Entry *entry = g_ptr_array_index (entries, i);
      const char *tag = source != NULL ? entry->target : entry->language;
      gboolean duplicate = FALSE;

      if (source != NULL && g_ascii_strcasecmp (entry->language, source) != 0)
        continue;

      for (guint j = 0; j < seen->len && !duplicate; j++)
        duplicate = g_ascii_strcasecmp (g_ptr_array_index (seen, j), tag) == 0;
      if (duplicate)
        continue;

      g_ptr_array_add (seen, (gpointer) tag);
      g_strv_builder_add (builder, tag);
    }

  return g_strv_builder_end (builder);
}

/**
 * mado_speech_capabilities_dup_recognize_languages:
 *
 * Returns: (transfer full): the languages speech can be recognised in.
 */
GStrv
mado_speech_capabilities_dup_recognize_languages (MadoSpeechCapabilities *self)
{
  g_return_val_if_fail (MADO_IS_SPEECH_CAPABILITIES (self), NULL);

  return collect_tags (self->recognize, NULL);
}

/**
 * mado_speech_capabilities_dup_translation_targets:
 * @source: the language translated from
 *
 * Returns: (transfer full): the languages @source can be translated into.
 */
GStrv
mado_speech_capabilities_dup_translation_targets (MadoSpeechCapabilities *self,
                                                  const char             *source)
{
  g_return_val_if_fail (MADO_IS_SPEECH_CAPABILITIES (self), NULL);
  g_return_val_if_fail (source != NULL, NULL);

  return collect_tags (self->translate, source);
}

/**
 * mado_speech_capabilities_dup_synthesize_languages:
 *
 * Returns: (transfer full): the languages the gateway can speak.
 */
GStrv
mado_speech_capabilities_dup_synthesize_languages (MadoSpeechCapabilities *self)
{
  g_return_val_if_fail (MADO_IS_SPEECH_CAPABILITIES (self), NULL);

  return collect_tags (self->synthesize, NULL);
}

guint
mado_speech_capabilities_get_api_version (MadoSpeechCapabilities *self)
{
  g_return_val_if_fail (MADO_IS_SPEECH_CAPABILITIES (self), 0);

  return self->api_version;
}

guint
mado_speech_capabilities_get_max_text_chars (MadoSpeechCapabilities *self)
{
  g_return_val_if_fail (MADO_IS_SPEECH_CAPABILITIES (self), 0);

  return self->max_text_chars;
}

guint
mado_speech_capabilities_get_max_audio_seconds (MadoSpeechCapabilities *self)
{
  g_return_val_if_fail (MADO_IS_SPEECH_CAPABILITIES (self), 0);

  return self->max_audio_seconds;
}

guint
mado_speech_capabilities_get_max_json_bytes (MadoSpeechCapabilities *self)
{
  g_return_val_if_fail (MADO_IS_SPEECH_CAPABILITIES (self), 0);

  return self->max_json_bytes;
}

/* mado-speech-results.c: the answers of the Madoguchi Speech API (translation, transcript)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-speech-results.h"

#include "mado-speech-api-error.h"

static void
translation_clear (MadoTranslation *self)
{
  g_free (self->translation);
  g_free (self->back_translation);
  g_free (self->source);
  g_free (self->target);
  g_free (self->provider);
  g_free (self->phrase_id);
  g_free (self->request_id);
}

MadoTranslation *
mado_translation_ref (MadoTranslation *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

void
mado_translation_unref (MadoTranslation *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, (GDestroyNotify) translation_clear);
}

G_DEFINE_BOXED_TYPE (MadoTranslation, mado_translation, mado_translation_ref, mado_translation_unref)

static void
transcript_clear (MadoTranscript *self)
{
  g_free (self->text);
  g_free (self->language);
  g_free (self->provider);
  g_free (self->request_id);
}

MadoTranscript *
mado_transcript_ref (MadoTranscript *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

void
mado_transcript_unref (MadoTranscript *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, (GDestroyNotify) transcript_clear);
}

G_DEFINE_BOXED_TYPE (MadoTranscript, mado_transcript, mado_transcript_ref, mado_transcript_unref)

/* Reading one answer object. Each reader records the first field that is not the documented
 * type, so the error names it instead of saying only "bad JSON". */
typedef struct {
  JsonObject *object;
  const char *what;      /* "translation", "transcript": for the error message */
  char       *problem;   /* the first problem found, or NULL */
} Reader;

static void
reader_fail (Reader     *reader,
             const char *member,
             const char *expected)
{
  if (reader->problem == NULL)
    reader->problem = g_strdup_printf ("“%s” is missing or not %s", member, expected);
}

static char *
read_string (Reader     *reader,
             const char *member,
             gboolean    nullable)
{
  JsonNode *node = json_object_get_member (reader->object, member);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (nullable && (node == NULL || JSON_NODE_HOLDS_NULL (node)))
    return NULL;

  reader_fail (reader, member, nullable ? "a string or null" : "a string");
  return NULL;
}

static gboolean
is_number (JsonNode *node)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);

  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

/* Times and scores the API documents but a gateway may leave out (no provider was used) read
 * as 0; a value of the wrong type is still an error. */
static double
read_number (Reader     *reader,
             const char *member,
             gboolean    optional)
{
  JsonNode *node = json_object_get_member (reader->object, member);

  if (is_number (node))
    {
      double value = json_node_get_double (node);

      if (value >= 0)
        return value;
      reader_fail (reader, member, "a number of at least 0");
      return 0;
    }
  if (optional && (node == NULL || JSON_NODE_HOLDS_NULL (node)))
    return 0;

  reader_fail (reader, member, "a number");
  return 0;
}

static gboolean
read_boolean (Reader     *reader,
              const char *member)
{
  JsonNode *node = json_object_get_member (reader->object, member);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);

  reader_fail (reader, member, "true or false");
  return FALSE;
}

static gboolean
reader_init (Reader      *reader,
             JsonNode    *root,
             const char  *what,
             GError     **error)
{
  reader->what = what;
  reader->problem = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, MADO_SPEECH_API_ERROR, MADO_SPEECH_API_ERROR_BAD_RESPONSE,
                   "The %s is not a JSON object", what);
      return FALSE;
    }
  reader->object = json_node_get_object (root);

  return TRUE;
}

static gboolean
reader_finish (Reader  *reader,
               GError **error)
{
  g_autofree char *problem = g_steal_pointer (&reader->problem);

  if (problem == NULL)
    return TRUE;

  g_set_error (error, MADO_SPEECH_API_ERROR, MADO_SPEECH_API_ERROR_BAD_RESPONSE,
               "The %s is not in the documented format: %s", reader->what, problem);
  return FALSE;
}

/**
 * mado_translation_new_from_json:
 * @root: the parsed body of a `POST /v1/translate` answer
 * @error: set to %MADO_SPEECH_API_ERROR_BAD_RESPONSE when a field is missing or of the wrong type
 *
 * Returns: (transfer full) (nullable): the translation; total_ms and request_id are left for
 *   the client to fill in.
 */
MadoTranslation *
mado_translation_new_from_json (JsonNode  *root,
                                GError   **error)
{
  g_autoptr(MadoTranslation) self = NULL;
  Reader reader;

  g_return_val_if_fail (root != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!reader_init (&reader, root, "translation", error))
    return NULL;

  self = g_atomic_rc_box_new0 (MadoTranslation);
  self->translation = read_string (&reader, "translation", FALSE);
  self->back_translation = read_string (&reader, "back_translation", TRUE);
  self->source = read_string (&reader, "source", FALSE);
  self->target = read_string (&reader, "target", FALSE);
  self->provider = read_string (&reader, "provider", FALSE);
  self->verified = read_boolean (&reader, "verified");
  self->phrase_id = read_string (&reader, "phrase_id", TRUE);
  self->score = read_number (&reader, "score", TRUE);
  self->gateway_ms = read_number (&reader, "gateway_ms", TRUE);
  self->provider_ms = read_number (&reader, "provider_ms", TRUE);

  /* A verified answer without the phrase it came from could not be traced back to the
   * people who checked it, so the app must not show it as verified. */
  if (self->verified && self->phrase_id == NULL)
    reader_fail (&reader, "phrase_id", "a phrase ID although “verified” is true");

  if (!reader_finish (&reader, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * mado_transcript_new_from_json:
 * @root: the parsed body of a `POST /v1/recognize` answer
 * @error: set to %MADO_SPEECH_API_ERROR_BAD_RESPONSE when a field is missing or of the wrong type
 *
 * Returns: (transfer full) (nullable): the transcript; total_ms and request_id are left for
 *   the client to fill in.
 */
MadoTranscript *
mado_transcript_new_from_json (JsonNode  *root,
                               GError   **error)
{
  g_autoptr(MadoTranscript) self = NULL;
  Reader reader;

  g_return_val_if_fail (root != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!reader_init (&reader, root, "transcript", error))
    return NULL;

  self = g_atomic_rc_box_new0 (MadoTranscript);
  self->text = read_string (&reader, "text", FALSE);
  self->language = read_string (&reader, "language", FALSE);
  self->provider = read_string (&reader, "provider", FALSE);
  self->confidence = read_number (&reader, "confidence", TRUE);
  self->audio_ms = read_number (&reader, "audio_ms", TRUE);
  self->gateway_ms = read_number (&reader, "gateway_ms", TRUE);
  self->provider_ms = read_number (&reader, "provider_ms", TRUE);

  if (self->confidence > 1.0)
    reader_fail (&reader, "confidence", "a number from 0 to 1");

  if (!reader_finish (&reader, error))
    return NULL;

  return g_steal_pointer (&self);
}

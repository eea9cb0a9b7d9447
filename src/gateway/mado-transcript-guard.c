/* mado-transcript-guard.c: keeps what recognisers "hear" in silence away from the clerk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two checks, one on each side of a recogniser. Before: audio with less speech than the
 * minimum is not sent, since silence is exactly what makes Whisper invent sentences. After:
 * a transcript is refused when, bracketed tags dropped and the rest folded, it can be cut
 * into blocked phrases from end to end. Only the whole transcript is judged, never a part of
 * it, so "Thank you for watching over my child" reaches the clerk untouched.
 */
#include "mado-transcript-guard.h"

#include "mado-gateway-resources.h"
#include "mado-text-fold.h"
#include "mado-voice-activity.h"

#include <string.h>

#define BLOCK_LIST_RESOURCE "/jp/madoguchi/Gateway/asr-block-list.txt"

#define SAMPLE_RATE        16000
#define SAMPLES_PER_MS     (SAMPLE_RATE / 1000)
#define BLOCK_SAMPLES      160                    /* 10 ms */
/* The detector takes its first 200 ms (and one 32 ms analysis window) for background, whatever
 * they hold; the primer covers that with some margin. */
#define PRIMER_SAMPLES     (250 * SAMPLES_PER_MS)
#define UTF8_BOM           "\xEF\xBB\xBF"

struct _MadoTranscriptGuard
{
  GObject     parent_instance;

  /* The folded phrases, as a set. */
  GHashTable *phrases;
  /* The distinct byte lengths of the folded phrases: a transcript is cut only at these. */
  GArray     *phrase_lengths;
  gsize       longest_phrase;
  guint       min_speech_ms;
};

G_DEFINE_FINAL_TYPE (MadoTranscriptGuard, mado_transcript_guard, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MIN_SPEECH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Recognisers mark what was not speech with brackets ("[BLANK_AUDIO]", "[Music]", "(音楽)",
 * "（拍手）"), and music with notes. Nobody pronounces a bracket, so whatever a recogniser
 * puts between them is an annotation, never the resident's words. */
static const struct {
  gunichar open;
  gunichar close;
} tag_brackets[] = {
  { '[', ']' },
  { '(', ')' },
  { 0xFF08, 0xFF09 },  /* （ ） */
  { 0xFF3B, 0xFF3D },  /* ［ ］ */
  { 0x3010, 0x3011 },  /* 【 】 */
};

static gboolean
is_music_sign (gunichar character)
{
  switch (character)
    {
    case 0x2669:   /* ♩ */
    case 0x266A:   /* ♪ */
    case 0x266B:   /* ♫ */
    case 0x266C:   /* ♬ */
    case 0x1F3B5:  /* 🎵 */
    case 0x1F3B6:  /* 🎶 */
      return TRUE;
    default:
      return FALSE;
    }
}

/* Where the tag opened at @p by @open ends (just after its @close, nested pairs counted), or
 * %NULL when it is never closed: a lone bracket is left as it is. */
static const char *
find_tag_end (const char *p,
              gunichar    open,
              gunichar    close)
{
  guint depth = 0;

  for (; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar character = g_utf8_get_char (p);

      if (character == open)
        depth++;
      else if (character == close && --depth == 0)
        return g_utf8_next_char (p);
    }

  return NULL;
}

static gboolean
ends_with_space (GString *text)
{
  const char *last = g_utf8_find_prev_char (text->str, text->str + text->len);

  return last != NULL && g_unichar_isspace (g_utf8_get_char (last));
}

/* @text without its bracketed tags and music signs, and without the space a tag leaves
 * doubled ("Hello [Music] there" becomes "Hello there"), trimmed. */
static char *
drop_tags (const char *text)
{
  GString *kept = g_string_sized_new (strlen (text));
  gboolean after_tag = FALSE;

  for (const char *p = text; *p != '\0';)
    {
      gunichar character = g_utf8_get_char (p);
      const char *tag_end = NULL;

      if (is_music_sign (character))
        tag_end = g_utf8_next_char (p);
      for (guint i = 0; i < G_N_ELEMENTS (tag_brackets) && tag_end == NULL; i++)
        if (character == tag_brackets[i].open)
          tag_end = find_tag_end (p, tag_brackets[i].open, tag_brackets[i].close);

      if (tag_end != NULL)
        {
          after_tag = TRUE;
          p = tag_end;
          continue;
        }

      p = g_utf8_next_char (p);
      if (!g_unichar_isspace (character))
        after_tag = FALSE;
      else if (after_tag && (kept->len == 0 || ends_with_space (kept)))
        continue;
      g_string_append_unichar (kept, character);
    }

  return g_strstrip (g_string_free (kept, FALSE));
}

/* A phrase is blocked in the form transcripts are compared in; one that is nothing but tags
 * and punctuation needs no line, the tags being dropped anyway. */
static void
add_phrase (MadoTranscriptGuard *self,
            const char          *phrase)
{
  g_autofree char *untagged = drop_tags (phrase);
  g_autofree char *folded = mado_text_fold (untagged);
  gsize length = strlen (folded);
  gboolean known_length = FALSE;

  if (length == 0 || g_hash_table_contains (self->phrases, folded))
    return;

  for (guint i = 0; i < self->phrase_lengths->len; i++)
    known_length |= g_array_index (self->phrase_lengths, gsize, i) == length;
  if (!known_length)
    g_array_append_val (self->phrase_lengths, length);
  self->longest_phrase = MAX (self->longest_phrase, length);
  g_hash_table_add (self->phrases, g_steal_pointer (&folded));
}

/* Adds the phrases of a block list's text, or none of them when a line is not UTF-8. */
static gboolean
add_lines (MadoTranscriptGuard  *self,
           const char           *contents,
           gsize                 length,
           const char           *origin,
           GError              **error)
{
  g_autoptr(GPtrArray) phrases = g_ptr_array_new_with_free_func (g_free);
  const char *end = contents + length;
  guint line_number = 0;

  /* Editors on Windows start UTF-8 files with a byte order mark. */
  if (length >= strlen (UTF8_BOM) && memcmp (contents, UTF8_BOM, strlen (UTF8_BOM)) == 0)
    contents += strlen (UTF8_BOM);

  for (const char *line = contents; line < end;)
    {
      const char *newline = memchr (line, '\n', (gsize) (end - line));
      const char *line_end = newline != NULL ? newline : end;
      char *text;

      line_number++;
      if (!g_utf8_validate (line, line_end - line, NULL))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "%s, line %u: not UTF-8 text; no phrase of the file was added",
                       origin, line_number);
          return FALSE;
        }

      text = g_strstrip (g_strndup (line, (gsize) (line_end - line)));
      if (text[0] == '\0' || text[0] == '#')
        g_free (text);
      else
        g_ptr_array_add (phrases, text);
      line = line_end + 1;
    }

  for (guint i = 0; i < phrases->len; i++)
    add_phrase (self, g_ptr_array_index (phrases, i));
  return TRUE;
}

gboolean
mado_transcript_guard_add_file (MadoTranscriptGuard  *self,
                                const char           *path,
                                GError              **error)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_return_val_if_fail (MADO_IS_TRANSCRIPT_GUARD (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* GLib's message names the path. */
  if (!g_file_get_contents (path, &contents, &length, error))
    return FALSE;

  return add_lines (self, contents, length, path, error);
}

void
mado_transcript_guard_add_phrase (MadoTranscriptGuard *self,
                                  const char          *phrase)
{
  g_return_if_fail (MADO_IS_TRANSCRIPT_GUARD (self));
  g_return_if_fail (phrase != NULL && g_utf8_validate (phrase, -1, NULL));

  add_phrase (self, phrase);
}

void
mado_transcript_guard_set_min_speech (MadoTranscriptGuard *self,
                                      guint                milliseconds)
{
  g_return_if_fail (MADO_IS_TRANSCRIPT_GUARD (self));

  if (self->min_speech_ms == milliseconds)
    return;

  self->min_speech_ms = milliseconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MIN_SPEECH]);
}

guint
mado_transcript_guard_get_min_speech (MadoTranscriptGuard *self)
{
  g_return_val_if_fail (MADO_IS_TRANSCRIPT_GUARD (self), 0);

  return self->min_speech_ms;
}

/* Where the quietest PRIMER_SAMPLES of @samples begin, measured in 10 ms blocks. */
static gsize
find_quietest_stretch (const gint16 *samples,
                       gsize         n_samples)
{
  gsize n_blocks = n_samples / BLOCK_SAMPLES;
  gsize window = PRIMER_SAMPLES / BLOCK_SAMPLES;
  g_autofree double *energy = NULL;
  double sum = 0.0;
  double quietest;
  gsize best = 0;

  if (n_blocks <= window)
    return 0;

  energy = g_new (double, n_blocks);
  for (gsize b = 0; b < n_blocks; b++)
    {
      energy[b] = 0.0;
      for (gsize i = b * BLOCK_SAMPLES; i < (b + 1) * BLOCK_SAMPLES; i++)
        energy[b] += (double) samples[i] * samples[i];
    }

  for (gsize b = 0; b < window; b++)
    sum += energy[b];
  quietest = sum;
  for (gsize b = window; b < n_blocks; b++)
    {
      sum += energy[b] - energy[b - window];
      if (sum < quietest)
        {
          quietest = sum;
          best = b + 1 - window;
        }
    }

  return best * BLOCK_SAMPLES;
}

/* The speech is measured with the project's own detector (mado-voice-activity.h) rather than
 * a count of loud frames, because it already tells speech from what must count as none: it
 * ignores anything under -55 dBFS (digital silence, a quiet room), scores each frame against
 * the spectrum of the background it has learnt (steady noise, however loud, scores about
 * zero), and starts speech only when most frames of 100 ms score high (a click or a knock
 * does not). An energy count would need all three rules again.
 *
 * The detector follows one utterance; with its end-silence longer than the recording, the
 * whole recording is one, and its extent runs from the first word's onset to the last frame
 * heard as speech: the spoken length, pauses between words included. It learns the
 * background from its first 200 ms, which in a recording that starts mid-word would be the
 * word; so it first hears the recording's quietest quarter second, which is background in
 * any recording the kiosk makes (it stops recording after a pause), and only then the
 * recording itself. */
guint
mado_transcript_guard_measure_speech (MadoTranscriptGuard *self,
                                      const gint16        *samples,
                                      gsize                n_samples)
{
  g_autoptr(MadoVoiceActivity) detector = NULL;
  gsize primer_start;
  gsize primer_length;
  guint64 speech;

  g_return_val_if_fail (MADO_IS_TRANSCRIPT_GUARD (self), 0);
  g_return_val_if_fail (samples != NULL || n_samples == 0, 0);

  if (n_samples == 0)
    return 0;

  primer_start = find_quietest_stretch (samples, n_samples);
  primer_length = MIN (PRIMER_SAMPLES, n_samples - primer_start);

  detector = mado_voice_activity_new ();
  mado_voice_activity_set_pre_roll (detector, 0);
  mado_voice_activity_set_end_silence (detector,
                                       (guint) MIN ((n_samples + PRIMER_SAMPLES) / SAMPLES_PER_MS + 1000,
                                                    G_MAXUINT / 2));
  mado_voice_activity_feed (detector, samples + primer_start, primer_length);
  mado_voice_activity_feed (detector, samples, n_samples);

  if (mado_voice_activity_get_state (detector) == MADO_VOICE_ACTIVITY_WAITING)
    return 0;

  speech = mado_voice_activity_get_speech_end (detector) - mado_voice_activity_get_speech_start (detector);
  return (guint) MIN (speech / SAMPLES_PER_MS, G_MAXUINT);
}

gboolean
mado_transcript_guard_is_too_short (MadoTranscriptGuard *self,
                                    const gint16        *samples,
                                    gsize                n_samples)
{
  g_return_val_if_fail (MADO_IS_TRANSCRIPT_GUARD (self), TRUE);
  g_return_val_if_fail (samples != NULL || n_samples == 0, TRUE);

  return mado_transcript_guard_measure_speech (self, samples, n_samples) < self->min_speech_ms;
}

/* Whether @folded can be cut, end to end, into blocked phrases: the phrases Whisper invents
 * come alone or repeated ("Thanks for watching! Thanks for watching!"), or several in a row.
 * reachable[i] says whether the first i bytes can be; a transcript of real speech usually
 * has no reachable point but the start, so this costs a handful of lookups. */
static gboolean
is_made_of_blocked_phrases (MadoTranscriptGuard *self,
                            const char          *folded)
{
  gsize length = strlen (folded);
  g_autofree gboolean *reachable = g_new0 (gboolean, length + 1);
  g_autofree char *piece = g_malloc (self->longest_phrase + 1);

  reachable[0] = TRUE;
  for (gsize start = 0; start < length; start++)
    {
      if (!reachable[start])
        continue;

      for (guint i = 0; i < self->phrase_lengths->len; i++)
        {
          gsize piece_length = g_array_index (self->phrase_lengths, gsize, i);

          if (start + piece_length > length || reachable[start + piece_length])
            continue;
          memcpy (piece, folded + start, piece_length);
          piece[piece_length] = '\0';
          if (g_hash_table_contains (self->phrases, piece))
            reachable[start + piece_length] = TRUE;
        }
    }

  return reachable[length];
}

char *
mado_transcript_guard_check (MadoTranscriptGuard *self,
                             const char          *transcript)
{
  g_autofree char *shown = NULL;
  g_autofree char *folded = NULL;

  g_return_val_if_fail (MADO_IS_TRANSCRIPT_GUARD (self), NULL);
  g_return_val_if_fail (transcript != NULL && g_utf8_validate (transcript, -1, NULL), NULL);

  shown = drop_tags (transcript);
  folded = mado_text_fold (shown);
  if (folded[0] == '\0' || is_made_of_blocked_phrases (self, folded))
    return NULL;

  return g_steal_pointer (&shown);
}

static void
mado_transcript_guard_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  MadoTranscriptGuard *self = MADO_TRANSCRIPT_GUARD (object);

  switch (prop_id)
    {
    case PROP_MIN_SPEECH:
      g_value_set_uint (value, self->min_speech_ms);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mado_transcript_guard_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  MadoTranscriptGuard *self = MADO_TRANSCRIPT_GUARD (object);

  switch (prop_id)
    {
    case PROP_MIN_SPEECH:
      mado_transcript_guard_set_min_speech (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mado_transcript_guard_finalize (GObject *object)
{
  MadoTranscriptGuard *self = MADO_TRANSCRIPT_GUARD (object);

  g_hash_table_unref (self->phrases);
  g_array_unref (self->phrase_lengths);

  G_OBJECT_CLASS (mado_transcript_guard_parent_class)->finalize (object);
}

static void
mado_transcript_guard_class_init (MadoTranscriptGuardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = mado_transcript_guard_get_property;
  object_class->set_property = mado_transcript_guard_set_property;
  object_class->finalize = mado_transcript_guard_finalize;

  properties[PROP_MIN_SPEECH] =
    g_param_spec_uint ("min-speech", NULL, NULL, 0, G_MAXUINT, MADO_TRANSCRIPT_GUARD_DEFAULT_MIN_SPEECH_MS,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mado_transcript_guard_init (MadoTranscriptGuard *self)
{
  g_autoptr(GBytes) block_list = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *contents;

  self->phrases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->phrase_lengths = g_array_new (FALSE, FALSE, sizeof (gsize));
  self->min_speech_ms = MADO_TRANSCRIPT_GUARD_DEFAULT_MIN_SPEECH_MS;

  /* The list is compiled into the gateway: failing to read it is a broken build. */
  block_list = g_resource_lookup_data (mado_gateway_get_resource (), BLOCK_LIST_RESOURCE,
                                       G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (block_list == NULL)
    g_error ("The built-in block list cannot be read: %s", error->message);
  contents = g_bytes_get_data (block_list, &length);
  if (!add_lines (self, contents, length, BLOCK_LIST_RESOURCE, &error))
    g_error ("The built-in block list is damaged: %s", error->message);
}

/**
 * mado_transcript_guard_new:
 *
 * Returns: (transfer full): a guard that blocks the shipped list and wants 300 ms of speech.
 */
MadoTranscriptGuard *
mado_transcript_guard_new (void)
{
  return g_object_new (MADO_TYPE_TRANSCRIPT_GUARD, NULL);
}

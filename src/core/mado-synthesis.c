/* mado-synthesis.c: what every synthesizer does around its engine, whichever it is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-synthesis-private.h"

#include "mado-ruby.h"
#include "mado-text.h"

char *
mado_synthesis_prepare_text (const char  *text,
                             const char  *language,
                             GError     **error)
{
  g_autofree char *spoken = NULL;

  /* Easy Japanese carries its readings as {漢字|かんじ}; the engine must hear the reading,
   * never the braces or a guess at the kanji. */
  if (g_ascii_strcasecmp (language, "ja-x-easy") == 0)
    spoken = mado_ruby_to_reading (text);
  else
    spoken = g_strdup (text);

  if (mado_text_is_blank (spoken))
    {
      g_set_error_literal (error, MADO_SPEECH_ERROR, MADO_SPEECH_ERROR_EMPTY_TEXT, "There is no text to speak");
      return NULL;
    }

  return g_steal_pointer (&spoken);
}

typedef struct {
  MadoAudioBuffer *speech;
  guint            sample_rate;
} Conversion;

static void
conversion_free (Conversion *conversion)
{
  mado_audio_buffer_unref (conversion->speech);
  g_free (conversion);
}

static void
convert_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  Conversion *conversion = task_data;

  g_task_return_pointer (task, mado_audio_buffer_resample (conversion->speech, conversion->sample_rate),
                         (GDestroyNotify) mado_audio_buffer_unref);
}

void
mado_synthesis_return_speech (GTask           *task,
                              MadoAudioBuffer *speech,
                              GError          *error,
                              guint            sample_rate)
{
  Conversion *conversion;

  g_assert (G_IS_TASK (task));
  g_assert ((speech == NULL) != (error == NULL));

  if (speech == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (mado_audio_buffer_get_rate (speech) == sample_rate)
    {
      g_task_return_pointer (task, speech, (GDestroyNotify) mado_audio_buffer_unref);
      return;
    }

  /* A long utterance at 48 kHz takes tens of milliseconds to convert: not on the UI thread. */
  g_assert (g_task_get_task_data (task) == NULL);
  conversion = g_new (Conversion, 1);
  conversion->speech = speech;
  conversion->sample_rate = sample_rate;
  g_task_set_task_data (task, conversion, (GDestroyNotify) conversion_free);
  g_task_run_in_thread (task, convert_in_thread);
}

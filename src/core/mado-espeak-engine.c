/* mado-espeak-engine.c: the process-wide espeak-ng library, driven from one worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-espeak-engine.h"

#include <espeak-ng/speak_lib.h>
#include <string.h>

#include "mado-language.h"
#include "mado-synthesizer.h"

/* espeak-ng keeps the current voice, its parameters and the synthesis callback in process
 * globals, so every call into it happens with espeak_lock held. Synthesis requests wait in a
 * thread pool of one thread rather than blocking many GTask threads on the lock; the lock is
 * still needed because voice checks come from whichever thread asks. */
static GMutex espeak_lock;
static gboolean espeak_tried;
static char *espeak_failure;
static char *espeak_data_path;
static int espeak_rate;
/* Voice name → GINT_TO_POINTER (TRUE/FALSE). Filled for every voice in the language registry
 * while loading, after which espeak_ready lets readers skip the lock. */
static GHashTable *espeak_voices;
static gint espeak_ready;

/* Matches what espeak-ng's own command line does with -v: first a voice name or file name
 * ("en-us", "cmn-latn-pinyin"), then a language ("fr-fr" is the language of the voice file
 * "fr"). Must be called with espeak_lock held. */
static gboolean
select_voice (const char *voice)
{
  espeak_VOICE selector = { 0 };

  if (espeak_SetVoiceByName (voice) == EE_OK)
    return TRUE;

  selector.languages = voice;
  return espeak_SetVoiceByProperties (&selector) == EE_OK;
}

typedef struct {
  MadoAudioBuffer *buffer;
  GCancellable    *cancellable;
} SynthTarget;

static int
collect_samples (short        *samples,
                 int           n_samples,
                 espeak_EVENT *events)
{
  SynthTarget *target = events != NULL ? events->user_data : NULL;

  if (target == NULL)
    return 0;
  if (samples != NULL && n_samples > 0)
    mado_audio_buffer_append (target->buffer, samples, n_samples);

  /* A non-zero return makes espeak-ng abandon the rest of the text. */
  return g_cancellable_is_cancelled (target->cancellable) ? 1 : 0;
}

/* Loads espeak-ng once per process. Must be called with espeak_lock held. */
static gboolean
ensure_loaded (GError **error)
{
  if (!espeak_tried)
    {
      const char *data_path = NULL;
      guint n_languages = 0;
      const MadoLanguage **languages = mado_language_get_all (&n_languages);

      espeak_tried = TRUE;
      /* DONT_EXIT: without it espeak-ng calls exit() when its data is missing, taking the
       * whole kiosk down. The 100 ms callback size bounds how late a cancellation is seen. */
      espeak_rate = espeak_Initialize (AUDIO_OUTPUT_SYNCHRONOUS, 100, NULL, espeakINITIALIZE_DONT_EXIT);
      espeak_Info (&data_path);
      espeak_data_path = g_strdup (data_path != NULL ? data_path : "espeak-ng's default data folder");
      if (espeak_rate <= 0)
        {
          espeak_failure = g_strdup_printf ("espeak-ng could not load its data from %s (Debian package espeak-ng-data)",
                                            espeak_data_path);
        }
      else
        {
          espeak_SetSynthCallback (collect_samples);
          espeak_voices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          for (guint i = 0; i < n_languages; i++)
            if (languages[i]->voice_engine == MADO_VOICE_ESPEAK && languages[i]->voice != NULL &&
                !g_hash_table_contains (espeak_voices, languages[i]->voice))
              g_hash_table_insert (espeak_voices, g_strdup (languages[i]->voice),
                                   GINT_TO_POINTER (select_voice (languages[i]->voice)));
        }
      g_atomic_int_set (&espeak_ready, 1);
    }

  if (espeak_failure != NULL)
    {
      g_set_error_literal (error, MADO_SPEECH_ERROR, MADO_SPEECH_ERROR_ENGINE_MISSING, espeak_failure);
      return FALSE;
    }

  return TRUE;
}

static gboolean
voice_missing_error (const char  *voice,
                     GError     **error)
{
  g_set_error (error, MADO_SPEECH_ERROR, MADO_SPEECH_ERROR_ENGINE_MISSING,
               "The espeak-ng voice “%s” is not installed in %s", voice, espeak_data_path);

  return FALSE;
}

gboolean
mado_espeak_engine_has_voice (const char  *voice,
                              GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  gpointer known;

  g_return_val_if_fail (voice != NULL, FALSE);

  /* Once loaded, the table and the failure message never change again, so the registry's
   * voices are answered without waiting behind a synthesis that holds the lock. */
  if (g_atomic_int_get (&espeak_ready) && espeak_failure == NULL &&
      g_hash_table_lookup_extended (espeak_voices, voice, NULL, &known))
    return GPOINTER_TO_INT (known) || voice_missing_error (voice, error);

  locker = g_mutex_locker_new (&espeak_lock);
  if (!ensure_loaded (error))
    return FALSE;
  if (g_hash_table_lookup_extended (espeak_voices, voice, NULL, &known))
    return GPOINTER_TO_INT (known) || voice_missing_error (voice, error);

  /* A voice outside the registry is checked each time rather than added to the table,
   * which lock-free readers may be looking at. */
  return select_voice (voice) || voice_missing_error (voice, error);
}

typedef struct {
  char *voice;
  char *text;
} SynthRequest;

static void
synth_request_free (SynthRequest *request)
{
  g_free (request->voice);
  g_free (request->text);
  g_free (request);
}

static void
run_synthesis (gpointer job,
               gpointer pool_data)
{
  g_autoptr(GTask) task = job;
  SynthRequest *request = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoAudioBuffer) buffer = NULL;
  SynthTarget target = { NULL, cancellable };
  espeak_ERROR status;

  if (g_task_return_error_if_cancelled (task))
    return;

  {
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&espeak_lock);

    if (!ensure_loaded (&error))
      {
        g_task_return_error (task, g_steal_pointer (&error));
        return;
      }
    if (!select_voice (request->voice))
      {
        voice_missing_error (request->voice, &error);
        g_task_return_error (task, g_steal_pointer (&error));
        return;
      }

    buffer = mado_audio_buffer_new (espeak_rate);
    target.buffer = buffer;
    /* No espeakSSML flag: phrase text is spoken as written, never parsed as markup. */
    status = espeak_Synth (request->text, strlen (request->text) + 1, 0, POS_CHARACTER, 0,
                           espeakCHARS_UTF8, NULL, &target);
  }

  if (g_task_return_error_if_cancelled (task))
    return;
  if (status != EE_OK)
    {
      g_task_return_new_error (task, MADO_SPEECH_ERROR, MADO_SPEECH_ERROR_ENGINE_FAILED,
                               "espeak-ng failed to synthesise with the voice “%s” (error %d)",
                               request->voice, (int) status);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&buffer), (GDestroyNotify) mado_audio_buffer_unref);
}

static GThreadPool *
get_worker (void)
{
  static GThreadPool *worker;

  if (g_once_init_enter (&worker))
    {
      /* One thread, shared with nobody: requests queue here in order. */
      GThreadPool *pool = g_thread_pool_new (run_synthesis, NULL, 1, FALSE, NULL);

      g_once_init_leave (&worker, pool);
    }

  return worker;
}

void
mado_espeak_engine_synthesize_async (const char          *voice,
                                     const char          *text,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SynthRequest *request;

  g_return_if_fail (voice != NULL);
  g_return_if_fail (text != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mado_espeak_engine_synthesize_async);
  request = g_new0 (SynthRequest, 1);
  request->voice = g_strdup (voice);
  request->text = g_strdup (text);
  g_task_set_task_data (task, request, (GDestroyNotify) synth_request_free);

  g_thread_pool_push (get_worker (), g_steal_pointer (&task), NULL);
}

MadoAudioBuffer *
mado_espeak_engine_synthesize_finish (GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mado_espeak_engine_synthesize_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

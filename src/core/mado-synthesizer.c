/* mado-synthesizer.c: the speech-synthesis seam (local engines now, the gateway later)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-synthesizer.h"

G_DEFINE_QUARK (mado-speech-error-quark, mado_speech_error)

G_DEFINE_INTERFACE (MadoSynthesizer, mado_synthesizer, G_TYPE_OBJECT)

static void
mado_synthesizer_default_init (MadoSynthesizerInterface *iface)
{
}

/**
 * mado_synthesizer_can_speak:
 * @self: a synthesizer
 * @language: a language tag from the registry (mado-language.h)
 *
 * Returns: whether a voice for @language is installed and its engine can run, so the UI can
 *   hide the speaker button instead of failing when it is pressed.
 */
gboolean
mado_synthesizer_can_speak (MadoSynthesizer *self,
                            const char      *language)
{
  g_return_val_if_fail (MADO_IS_SYNTHESIZER (self), FALSE);
  g_return_val_if_fail (language != NULL, FALSE);

  return MADO_SYNTHESIZER_GET_IFACE (self)->can_speak (self, language);
}

/**
 * mado_synthesizer_synthesize_async:
 * @self: a synthesizer
 * @text: UTF-8 text to speak
 * @language: a language tag from the registry
 * @cancellable: (nullable): stops the synthesis; the result is then %G_IO_ERROR_CANCELLED
 * @callback: called in the thread-default main context of the caller
 * @user_data: for @callback
 */
void
mado_synthesizer_synthesize_async (MadoSynthesizer     *self,
                                   const char          *text,
                                   const char          *language,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (MADO_IS_SYNTHESIZER (self));
  g_return_if_fail (text != NULL);
  g_return_if_fail (language != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  MADO_SYNTHESIZER_GET_IFACE (self)->synthesize_async (self, text, language, cancellable, callback, user_data);
}

/**
 * mado_synthesizer_synthesize_finish:
 *
 * Returns: (transfer full) (nullable): the speech, or %NULL with @error set (in
 *   %MADO_SPEECH_ERROR, %G_IO_ERROR_CANCELLED, or for a synthesizer that speaks through the
 *   speech gateway in %MADO_SPEECH_API_ERROR).
 */
MadoAudioBuffer *
mado_synthesizer_synthesize_finish (MadoSynthesizer  *self,
                                    GAsyncResult     *result,
                                    GError          **error)
{
  g_return_val_if_fail (MADO_IS_SYNTHESIZER (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return MADO_SYNTHESIZER_GET_IFACE (self)->synthesize_finish (self, result, error);
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **result_out = user_data;

  *result_out = g_object_ref (result);
}

/**
 * mado_synthesizer_synthesize:
 *
 * Runs mado_synthesizer_synthesize_async() to completion on a private main context, so the
 * caller's own main context (which may belong to another thread, or not be running at all)
 * is never iterated from here.
 *
 * Returns: (transfer full) (nullable): the speech, or %NULL with @error set.
 */
MadoAudioBuffer *
mado_synthesizer_synthesize (MadoSynthesizer  *self,
                             const char       *text,
                             const char       *language,
                             GCancellable     *cancellable,
                             GError          **error)
{
  g_autoptr(GMainContext) context = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  MadoAudioBuffer *buffer;

  g_return_val_if_fail (MADO_IS_SYNTHESIZER (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (language != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  context = g_main_context_new ();
  g_main_context_push_thread_default (context);

  mado_synthesizer_synthesize_async (self, text, language, cancellable, store_result, &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);

  buffer = mado_synthesizer_synthesize_finish (self, result, error);

  g_main_context_pop_thread_default (context);

  return buffer;
}

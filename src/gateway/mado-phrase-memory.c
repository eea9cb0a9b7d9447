/* mado-phrase-memory.c: translation by the registered phrases, which people have checked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The answer is always a registered phrase: its text in the target language, its own text in
 * the source language as the back-translation (so the speaker sees which phrase was chosen,
 * which matters most for a fuzzy match), its id and the match score. Text that matches nothing
 * well enough gets no_translation, never a guess.
 */
#include "mado-phrase-memory.h"

#include "mado-number-check.h"

#include "mado-gateway-error.h"

#define ENGINE_NAME "phrase-memory"

struct _MadoPhraseMemory
{
  GObject             parent_instance;

  MadoPhraseLibrary  *library;
  double              fuzzy_threshold;
  MadoMatchScratch    scratch;
};

static void mado_phrase_memory_provider_init (MadoGatewayProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MadoPhraseMemory, mado_phrase_memory, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MADO_TYPE_GATEWAY_PROVIDER,
                                                      mado_phrase_memory_provider_init))

static gboolean
mado_phrase_memory_supports (MadoGatewayProvider *provider,
                             MadoCapability       capability,
                             const MadoLanguage  *language,
                             const MadoLanguage  *target)
{
  MadoPhraseMemory *self = MADO_PHRASE_MEMORY (provider);

  return capability == MADO_CAPABILITY_TRANSLATE &&
         mado_phrase_index_has_pair (mado_phrase_library_get_index (self->library), language, target);
}

static const char *
mado_phrase_memory_get_engine_name (MadoGatewayProvider *provider,
                                    MadoCapability       capability,
                                    const MadoLanguage  *language)
{
  return ENGINE_NAME;
}

static MadoTranslation *
translate (MadoPhraseMemory    *self,
           const char          *text,
           const MadoLanguage  *source,
           const MadoLanguage  *target,
           gboolean             back_translate,
           GError             **error)
{
  MadoPhraseIndex *index = mado_phrase_library_get_index (self->library);
  MadoPhraseMatch match;
  MadoTranslation *translation;

  if (!mado_phrase_index_has_pair (index, source, target))
    {
      g_set_error (error, MADO_GATEWAY_ERROR, MADO_GATEWAY_ERROR_UNSUPPORTED_LANGUAGE,
                   "No registered phrase has both %s and %s text.", source->code, target->code);
      return NULL;
    }

  if (!mado_phrase_index_match (index, text, source, target, self->fuzzy_threshold,
                                &self->scratch, &match))
    {
      g_set_error (error, MADO_GATEWAY_ERROR, MADO_GATEWAY_ERROR_NO_TRANSLATION,
                   "No registered %s phrase with a %s translation matches this text "
                   "(fuzzy threshold %.2f).", source->code, target->code, self->fuzzy_threshold);
      return NULL;
    }

  /* A near match that differs in a number, date or amount ("3000 yen" said, "300 yen" registered)
   * would hand the resident a checked-looking sentence with the wrong fee or deadline: refuse it. */
  if (match.score < 1.0)
    {
      g_autoptr(GPtrArray) changed =
        mado_quantities_compare (text, source->code, mado_phrase_get_text (match.phrase, source->code));

      if (changed != NULL && changed->len > 0)
        {
          g_set_error (error, MADO_GATEWAY_ERROR, MADO_GATEWAY_ERROR_NO_TRANSLATION,
                       "The closest registered %s phrase (%s, score %.2f) has different numbers, dates or "
                       "amounts, so it is not used.", source->code, mado_phrase_get_id (match.phrase), match.score);
          return NULL;
        }
    }

  translation = g_new0 (MadoTranslation, 1);
  translation->text = g_strdup (mado_phrase_get_text (match.phrase, target->code));
  if (back_translate)
    translation->back_translation = g_strdup (mado_phrase_get_text (match.phrase, source->code));
  translation->phrase_id = g_strdup (mado_phrase_get_id (match.phrase));
  translation->verified = TRUE;
  translation->score = match.score;
  return translation;
}

static void
mado_phrase_memory_translate_async (MadoGatewayProvider *provider,
                                    const char          *text,
                                    const MadoLanguage  *source,
                                    const MadoLanguage  *target,
                                    gboolean             back_translate,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  MadoPhraseMemory *self = MADO_PHRASE_MEMORY (provider);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  GError *error = NULL;
  MadoTranslation *translation;

  g_task_set_source_tag (task, mado_phrase_memory_translate_async);

  /* A lookup in memory takes microseconds: there is nothing to gain from a thread. */
  translation = translate (self, text, source, target, back_translate, &error);
  if (translation == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, translation, (GDestroyNotify) mado_translation_free);
}

static MadoTranslation *
mado_phrase_memory_translate_finish (MadoGatewayProvider  *provider,
                                     GAsyncResult         *result,
                                     GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
mado_phrase_memory_provider_init (MadoGatewayProviderInterface *iface)
{
  iface->supports = mado_phrase_memory_supports;
  iface->get_engine_name = mado_phrase_memory_get_engine_name;
  iface->translate_async = mado_phrase_memory_translate_async;
  iface->translate_finish = mado_phrase_memory_translate_finish;
}

MadoPhraseMemory *
mado_phrase_memory_new (MadoPhraseLibrary *library,
                        double             fuzzy_threshold)
{
  MadoPhraseMemory *self;

  g_return_val_if_fail (MADO_IS_PHRASE_LIBRARY (library), NULL);
  g_return_val_if_fail (fuzzy_threshold >= 0.0 && fuzzy_threshold <= 1.0, NULL);

  self = g_object_new (MADO_TYPE_PHRASE_MEMORY, NULL);
  self->library = g_object_ref (library);
  self->fuzzy_threshold = fuzzy_threshold;
  return self;
}

static void
mado_phrase_memory_dispose (GObject *object)
{
  MadoPhraseMemory *self = MADO_PHRASE_MEMORY (object);

  g_clear_object (&self->library);

  G_OBJECT_CLASS (mado_phrase_memory_parent_class)->dispose (object);
}

static void
mado_phrase_memory_finalize (GObject *object)
{
  MadoPhraseMemory *self = MADO_PHRASE_MEMORY (object);

  mado_match_scratch_clear (&self->scratch);

  G_OBJECT_CLASS (mado_phrase_memory_parent_class)->finalize (object);
}

static void
mado_phrase_memory_class_init (MadoPhraseMemoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mado_phrase_memory_dispose;
  object_class->finalize = mado_phrase_memory_finalize;
}

static void
mado_phrase_memory_init (MadoPhraseMemory *self)
{
  mado_match_scratch_init (&self->scratch);
}

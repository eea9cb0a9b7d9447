/* mado-sphinx-recognizer.c: English speech recognition on the gateway's machine (pocketsphinx)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-sphinx-recognizer.h"

#include "mado-gateway-error.h"
#include "mado-sphinx-engine.h"
#include "mado-sphinx-stream.h"

#define ENGINE_NAME "pocketsphinx"

/* The one language Debian packages a pocketsphinx model for. */
#define RECOGNIZED_LANGUAGE "en"

struct _MadoSphinxRecognizer
{
  GObject             parent_instance;

  MadoPhraseLibrary  *library;
  MadoSphinxEngine   *engine;
  guint               max_streams;
  guint               n_streams;
};

static void mado_sphinx_recognizer_provider_init (MadoGatewayProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MadoSphinxRecognizer, mado_sphinx_recognizer, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MADO_TYPE_GATEWAY_PROVIDER,
                                                      mado_sphinx_recognizer_provider_init))

static gboolean
is_recognized (const MadoLanguage *language)
{
  return g_strcmp0 (language->code, RECOGNIZED_LANGUAGE) == 0;
}

static gboolean
mado_sphinx_recognizer_supports (MadoGatewayProvider *provider,
                                 MadoCapability       capability,
                                 const MadoLanguage  *language,
                                 const MadoLanguage  *target)
{
  MadoSphinxRecognizer *self = MADO_SPHINX_RECOGNIZER (provider);

  return capability == MADO_CAPABILITY_RECOGNIZE && is_recognized (language) &&
         mado_sphinx_engine_is_installed (self->engine) &&
         mado_phrase_index_has_language (mado_phrase_library_get_index (self->library), language);
}

static const char *
mado_sphinx_recognizer_get_engine_name (MadoGatewayProvider *provider,
                                        MadoCapability       capability,
                                        const MadoLanguage  *language)
{
  return ENGINE_NAME;
}

static gboolean
mado_sphinx_recognizer_is_constrained (MadoGatewayProvider *provider,
                                       const MadoLanguage  *language)
{
  return TRUE;
}

static MadoRecognitionStream *
mado_sphinx_recognizer_open_recognition (MadoGatewayProvider  *provider,
                                         const MadoLanguage   *language,
                                         GError              **error)
{
  MadoSphinxRecognizer *self = MADO_SPHINX_RECOGNIZER (provider);
  MadoPhraseIndex *index;

  if (!is_recognized (language))
    {
      g_set_error (error, MADO_GATEWAY_ERROR, MADO_GATEWAY_ERROR_UNSUPPORTED_LANGUAGE,
                   "pocketsphinx recognises only English, not %s.", language->code);
      return NULL;
    }

  if (!mado_sphinx_engine_is_installed (self->engine))
    {
      g_set_error_literal (error, MADO_GATEWAY_ERROR, MADO_GATEWAY_ERROR_PROVIDER_UNAVAILABLE,
                           "The pocketsphinx English model is not installed "
                           "(Debian package pocketsphinx-en-us).");
      return NULL;
    }

  index = mado_phrase_library_get_index (self->library);
  if (!mado_phrase_index_has_language (index, language))
    {
      g_set_error_literal (error, MADO_GATEWAY_ERROR, MADO_GATEWAY_ERROR_UNSUPPORTED_LANGUAGE,
                           "No registered phrase has English text, so pocketsphinx has nothing "
                           "to recognise.");
      return NULL;
    }

  return MADO_RECOGNITION_STREAM (mado_sphinx_stream_new (self, self->engine, index, error));
}

static void
mado_sphinx_recognizer_provider_init (MadoGatewayProviderInterface *iface)
{
  iface->supports = mado_sphinx_recognizer_supports;
  iface->get_engine_name = mado_sphinx_recognizer_get_engine_name;
  iface->is_constrained = mado_sphinx_recognizer_is_constrained;
  iface->open_recognition = mado_sphinx_recognizer_open_recognition;
}

gboolean
mado_sphinx_recognizer_take_slot (MadoSphinxRecognizer  *self,
                                  GError               **error)
{
  g_return_val_if_fail (MADO_IS_SPHINX_RECOGNIZER (self), FALSE);

  if (self->n_streams >= self->max_streams)
    {
      g_set_error (error, MADO_GATEWAY_ERROR, MADO_GATEWAY_ERROR_RATE_LIMITED,
                   "All %u pocketsphinx decoders are busy with other speakers.", self->max_streams);
      return FALSE;
    }

  self->n_streams++;
  return TRUE;
}

void
mado_sphinx_recognizer_release_slot (MadoSphinxRecognizer *self)
{
  g_return_if_fail (MADO_IS_SPHINX_RECOGNIZER (self));
  g_return_if_fail (self->n_streams > 0);

  self->n_streams--;
}

/**
 * mado_sphinx_recognizer_new:
 *
 * Starts loading one decoder in the background when the model is installed and there are
 * English phrases, so that the first speaker does not wait for it.
 */
MadoSphinxRecognizer *
mado_sphinx_recognizer_new (MadoPhraseLibrary *library,
                            const char        *acoustic_model,
                            const char        *dictionary,
                            guint              max_decoders)
{
  MadoSphinxRecognizer *self;
  MadoPhraseIndex *index;

  g_return_val_if_fail (MADO_IS_PHRASE_LIBRARY (library), NULL);
  g_return_val_if_fail (acoustic_model != NULL && dictionary != NULL, NULL);
  g_return_val_if_fail (max_decoders > 0, NULL);

  self = g_object_new (MADO_TYPE_SPHINX_RECOGNIZER, NULL);
  self->library = g_object_ref (library);
  self->engine = mado_sphinx_engine_new (acoustic_model, dictionary, max_decoders);
  self->max_streams = max_decoders;

  index = mado_phrase_library_get_index (library);
  if (mado_sphinx_engine_is_installed (self->engine) &&
      mado_phrase_index_has_language (index, mado_language_lookup (RECOGNIZED_LANGUAGE)))
    mado_sphinx_engine_warm_up (self->engine, index);
  else if (!mado_sphinx_engine_is_installed (self->engine))
    g_message ("Recognition: no pocketsphinx model at “%s” with “%s”; recognition is off",
               acoustic_model, dictionary);

  return self;
}

static void
mado_sphinx_recognizer_dispose (GObject *object)
{
  MadoSphinxRecognizer *self = MADO_SPHINX_RECOGNIZER (object);

  g_clear_object (&self->library);

  G_OBJECT_CLASS (mado_sphinx_recognizer_parent_class)->dispose (object);
}

static void
mado_sphinx_recognizer_finalize (GObject *object)
{
  MadoSphinxRecognizer *self = MADO_SPHINX_RECOGNIZER (object);

  /* Every stream holds a reference on the recogniser, so only a warm-up can still be running;
   * freeing the engine waits for it. */
  mado_sphinx_engine_free (self->engine);

  G_OBJECT_CLASS (mado_sphinx_recognizer_parent_class)->finalize (object);
}

static void
mado_sphinx_recognizer_class_init (MadoSphinxRecognizerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mado_sphinx_recognizer_dispose;
  object_class->finalize = mado_sphinx_recognizer_finalize;
}

static void
mado_sphinx_recognizer_init (MadoSphinxRecognizer *self)
{
}

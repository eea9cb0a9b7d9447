/* mado-gateway-providers.c: the gateway's providers and routes, built from its configuration
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only providers that some route names are built, so a gateway whose routes leave recognition
 * out never loads a pocketsphinx model. Each route becomes an array of provider objects once,
 * at start, so a request finds its providers by two array lookups.
 */
#include "mado-gateway-private.h"

#include "mado-apertium.h"
#include "mado-deepl.h"
#include "mado-libretranslate.h"
#include "mado-local-speech.h"
#include "mado-local-synthesizer.h"
#include "mado-phrase-memory.h"
#include "mado-sphinx-engine.h"
#include "mado-sphinx-recognizer.h"
#include "mado-textra.h"
#include "mado-transcription-provider.h"

/* The engines' own rates (mado-espeak-engine.h, mado-open-jtalk.c): the API answers with speech
 * at the rate its engine made it, unless the configuration asks for one rate for everything. */
#define ESPEAK_RATE     22050
#define OPEN_JTALK_RATE 48000

static const char *const phrase_memory_keys[] = { "fuzzy-threshold", NULL };
static const char *const local_speech_keys[] = {
  "sample-rate", "open-jtalk-program", "open-jtalk-dictionary", "open-jtalk-voice", NULL
};
static const char *const pocketsphinx_keys[] = { "acoustic-model", "dictionary", "decoders", NULL };

static MadoPhraseLibrary *
get_library (MadoGateway  *self,
             GError      **error)
{
  MadoGatewayConfig *config = self->config;

  if (self->library == NULL)
    self->library = mado_phrase_library_open (mado_gateway_config_get_database (config),
                                              mado_gateway_config_get_phrase_dir (config),
                                              error);
  return self->library;
}

static MadoGatewayProvider *
build_phrase_memory (MadoGateway  *self,
                     const char   *name,
                     GError      **error)
{
  double threshold = MADO_PHRASE_MEMORY_DEFAULT_THRESHOLD;
  MadoPhraseLibrary *library;

  if (!mado_gateway_config_check_provider_keys (self->config, name, phrase_memory_keys, error) ||
      !mado_gateway_config_get_provider_double (self->config, name, "fuzzy-threshold", 0.0, 1.0,
                                                &threshold, error) ||
      (library = get_library (self, error)) == NULL)
    return NULL;

  return MADO_GATEWAY_PROVIDER (mado_phrase_memory_new (library, threshold));
}

static MadoGatewayProvider *
build_local_speech (MadoGateway  *self,
                    const char   *name,
                    GError      **error)
{
  static const char *const open_jtalk_keys[] = {
    "open-jtalk-program", "open-jtalk-dictionary", "open-jtalk-voice"
  };
  g_autoptr(MadoLocalSynthesizer) espeak = NULL;
  g_autoptr(MadoLocalSynthesizer) open_jtalk = NULL;
  g_autofree char *configured_rate = mado_gateway_config_dup_provider_string (self->config, name,
                                                                              "sample-rate");

  if (!mado_gateway_config_check_provider_keys (self->config, name, local_speech_keys, error))
    return NULL;

  if (configured_rate != NULL)
    {
      guint sample_rate = ESPEAK_RATE;

      if (!mado_gateway_config_get_provider_uint (self->config, name, "sample-rate", 8000, 48000,
                                                  &sample_rate, error))
        return NULL;
      espeak = mado_local_synthesizer_new (sample_rate);
      open_jtalk = g_object_ref (espeak);
    }
  else
    {
      espeak = mado_local_synthesizer_new (ESPEAK_RATE);
      open_jtalk = mado_local_synthesizer_new (OPEN_JTALK_RATE);
    }

  for (guint i = 0; i < G_N_ELEMENTS (open_jtalk_keys); i++)
    {
      g_autofree char *value = mado_gateway_config_dup_provider_string (self->config, name,
                                                                        open_jtalk_keys[i]);

      /* The synthesizer's properties have the same names as the keys. */
      if (value != NULL)
        g_object_set (open_jtalk, open_jtalk_keys[i], value, NULL);
    }

  return MADO_GATEWAY_PROVIDER (mado_local_speech_new (MADO_SYNTHESIZER (espeak),
                                                       MADO_SYNTHESIZER (open_jtalk)));
}

static MadoGatewayProvider *
build_pocketsphinx (MadoGateway  *self,
                    const char   *name,
                    GError      **error)
{
  g_autofree char *acoustic_model = NULL;
  g_autofree char *dictionary = NULL;
  guint decoders = MADO_SPHINX_DEFAULT_DECODERS;
  MadoPhraseLibrary *library;

  if (!mado_gateway_config_check_provider_keys (self->config, name, pocketsphinx_keys, error) ||
      !mado_gateway_config_get_provider_uint (self->config, name, "decoders", 1, 64, &decoders, error) ||
      (library = get_library (self, error)) == NULL)
    return NULL;

  acoustic_model = mado_gateway_config_dup_provider_string (self->config, name, "acoustic-model");
  dictionary = mado_gateway_config_dup_provider_string (self->config, name, "dictionary");

  if (acoustic_model == NULL)
    acoustic_model = g_strdup (MADO_SPHINX_DEFAULT_ACOUSTIC_MODEL);
  if (dictionary == NULL)
    dictionary = g_strdup (MADO_SPHINX_DEFAULT_DICTIONARY);

  return MADO_GATEWAY_PROVIDER (mado_sphinx_recognizer_new (library, acoustic_model, dictionary, decoders));
}

static MadoGatewayProvider *
build_provider (MadoGateway  *self,
                const char   *name,
                GError      **error)
{
  const char *type = mado_gateway_config_get_provider_type (self->config, name);

  if (g_strcmp0 (type, MADO_PROVIDER_PHRASE_MEMORY) == 0)
    return build_phrase_memory (self, name, error);
  if (g_strcmp0 (type, MADO_PROVIDER_LOCAL_SPEECH) == 0)
    return build_local_speech (self, name, error);
  if (g_strcmp0 (type, MADO_PROVIDER_POCKETSPHINX) == 0)
    return build_pocketsphinx (self, name, error);
  if (g_strcmp0 (type, MADO_PROVIDER_LIBRETRANSLATE) == 0)
    return mado_libretranslate_new_from_config (self->config, name, error);
  if (g_strcmp0 (type, MADO_PROVIDER_APERTIUM_APY) == 0)
    return mado_apertium_new_from_config (self->config, name, error);
  if (g_strcmp0 (type, MADO_PROVIDER_TEXTRA) == 0)
    return mado_textra_new_from_config (self->config, name, error);
  if (g_strcmp0 (type, MADO_PROVIDER_DEEPL) == 0)
    return mado_deepl_new_from_config (self->config, name, error);
  if (g_strcmp0 (type, MADO_PROVIDER_WHISPER_CPP) == 0)
    return mado_transcription_provider_new_from_config (self->config, name, MADO_TRANSCRIPTION_WHISPER_CPP,
                                                        error);
  if (g_strcmp0 (type, MADO_PROVIDER_OPENAI_TRANSCRIPTION) == 0)
    return mado_transcription_provider_new_from_config (self->config, name, MADO_TRANSCRIPTION_OPENAI,
                                                        error);

  /* The configuration accepts only the types above. */
  g_assert_not_reached ();
}

/* The same list of names (one pointer from the configuration) gives the same array. */
static GPtrArray *
providers_for (MadoGateway       *self,
               GHashTable        *built,
               const char *const *names)
{
  GPtrArray *providers = g_hash_table_lookup (built, names);

  if (providers != NULL)
    return providers;

  providers = g_ptr_array_new ();
  for (guint i = 0; names[i] != NULL; i++)
    g_ptr_array_add (providers, g_hash_table_lookup (self->providers, names[i]));
  g_hash_table_insert (built, (gpointer) names, providers);
  g_ptr_array_add (self->route_lists, providers);
  return providers;
}

gboolean
mado_gateway_build_providers (MadoGateway  *self,
                              GError      **error)
{
  g_auto(GStrv) names = mado_gateway_config_dup_provider_names (self->config);
  g_autoptr(GHashTable) built = g_hash_table_new (NULL, NULL);
  const MadoLanguage **languages;
  guint n_languages;

  self->providers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  for (guint i = 0; names[i] != NULL; i++)
    {
      MadoGatewayProvider *provider = build_provider (self, names[i], error);

      if (provider == NULL)
        return FALSE;
      g_hash_table_insert (self->providers, g_strdup (names[i]), provider);
    }

  languages = mado_language_get_all (&n_languages);
  for (guint capability = 0; capability < MADO_N_CAPABILITIES; capability++)
    {
      gboolean pairs = capability == MADO_CAPABILITY_TRANSLATE;

      self->routes[capability] = g_new (GPtrArray *, pairs ? n_languages * n_languages : n_languages);
      for (guint s = 0; s < n_languages; s++)
        {
          if (!pairs)
            {
              self->routes[capability][s] =
                providers_for (self, built, mado_gateway_config_get_route (self->config, capability,
                                                                           languages[s], NULL));
              continue;
            }
          for (guint t = 0; t < n_languages; t++)
            self->routes[capability][s * n_languages + t] =
              providers_for (self, built, mado_gateway_config_get_route (self->config, capability,
                                                                         languages[s], languages[t]));
        }
    }

  return TRUE;
}

GPtrArray *
mado_gateway_get_route (MadoGateway        *self,
                        MadoCapability      capability,
                        const MadoLanguage *language,
                        const MadoLanguage *target)
{
  guint slot = mado_language_get_index (language);

  if (capability == MADO_CAPABILITY_TRANSLATE)
    slot = slot * self->n_languages + mado_language_get_index (target);
  return self->routes[capability][slot];
}

/* mado-local-speech.c: speech synthesis on the gateway's own machine (espeak-ng, Open JTalk)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-local-speech.h"

#include "mado-gateway-error.h"

typedef enum {
  VOICE_UNKNOWN,
  VOICE_MISSING,
  VOICE_PRESENT,
} VoiceState;

struct _MadoLocalSpeech
{
  GObject           parent_instance;

  MadoSynthesizer  *espeak;
  MadoSynthesizer  *open_jtalk;
  /* Installed voices do not change while the gateway runs, and asking espeak-ng takes its
   * global lock, so each language is asked once. */
  VoiceState       *voices;
};

static void mado_local_speech_provider_init (MadoGatewayProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MadoLocalSpeech, mado_local_speech, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MADO_TYPE_GATEWAY_PROVIDER,
                                                      mado_local_speech_provider_init))

static MadoSynthesizer *
synthesizer_for (MadoLocalSpeech    *self,
                 const MadoLanguage *language)
{
  return language->voice_engine == MADO_VOICE_OPEN_JTALK ? self->open_jtalk : self->espeak;
}

static gboolean
can_speak (MadoLocalSpeech    *self,
           const MadoLanguage *language)
{
  VoiceState *state = &self->voices[mado_language_get_index (language)];

  if (*state == VOICE_UNKNOWN)
    *state = mado_synthesizer_can_speak (synthesizer_for (self, language), language->code)
             ? VOICE_PRESENT : VOICE_MISSING;
  return *state == VOICE_PRESENT;
}

static gboolean
mado_local_speech_supports (MadoGatewayProvider *provider,
                            MadoCapability       capability,
                            const MadoLanguage  *language,
                            const MadoLanguage  *target)
{
  return capability == MADO_CAPABILITY_SYNTHESIZE && can_speak (MADO_LOCAL_SPEECH (provider), language);
}

static const char *
mado_local_speech_get_engine_name (MadoGatewayProvider *provider,
                                   MadoCapability       capability,
                                   const MadoLanguage  *language)
{
  return language->voice_engine == MADO_VOICE_OPEN_JTALK ? "open-jtalk" : "espeak-ng";
}

/* The engines' own errors, in the API's terms. */
static GError *
to_gateway_error (GError *error)
{
  MadoGatewayError code = MADO_GATEWAY_ERROR_PROVIDER_ERROR;
  GError *translated;

  if (error->domain != MADO_SPEECH_ERROR)
    return error;

  switch ((MadoSpeechError) error->code)
    {
    case MADO_SPEECH_ERROR_NO_VOICE:
      code = MADO_GATEWAY_ERROR_UNSUPPORTED_LANGUAGE;
      break;
    case MADO_SPEECH_ERROR_ENGINE_MISSING:
      code = MADO_GATEWAY_ERROR_PROVIDER_UNAVAILABLE;
      break;
    case MADO_SPEECH_ERROR_EMPTY_TEXT:
      code = MADO_GATEWAY_ERROR_INVALID_REQUEST;
      break;
    case MADO_SPEECH_ERROR_TOO_LONG:
      code = MADO_GATEWAY_ERROR_PAYLOAD_TOO_LARGE;
      break;
    case MADO_SPEECH_ERROR_ENGINE_FAILED:
    default:
      break;
    }

  translated = g_error_new_literal (MADO_GATEWAY_ERROR, code, error->message);
  g_error_free (error);
  return translated;
}

static void
on_synthesized (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  MadoAudioBuffer *speech = mado_synthesizer_synthesize_finish (MADO_SYNTHESIZER (source), result, &error);

  if (speech == NULL)
    g_task_return_error (task, to_gateway_error (error));
  else
    g_task_return_pointer (task, speech, (GDestroyNotify) mado_audio_buffer_unref);
}

static void
mado_local_speech_synthesize_async (MadoGatewayProvider *provider,
                                    const char          *text,
                                    const MadoLanguage  *language,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  MadoLocalSpeech *self = MADO_LOCAL_SPEECH (provider);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, mado_local_speech_synthesize_async);
  mado_synthesizer_synthesize_async (synthesizer_for (self, language), text, language->code,
                                     cancellable, on_synthesized, g_steal_pointer (&task));
}

static MadoAudioBuffer *
mado_local_speech_synthesize_finish (MadoGatewayProvider  *provider,
                                     GAsyncResult         *result,
                                     GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
mado_local_speech_provider_init (MadoGatewayProviderInterface *iface)
{
  iface->supports = mado_local_speech_supports;
  iface->get_engine_name = mado_local_speech_get_engine_name;
  iface->synthesize_async = mado_local_speech_synthesize_async;
  iface->synthesize_finish = mado_local_speech_synthesize_finish;
}

MadoLocalSpeech *
mado_local_speech_new (MadoSynthesizer *espeak,
                       MadoSynthesizer *open_jtalk)
{
  MadoLocalSpeech *self;

  g_return_val_if_fail (MADO_IS_SYNTHESIZER (espeak), NULL);
  g_return_val_if_fail (MADO_IS_SYNTHESIZER (open_jtalk), NULL);

  self = g_object_new (MADO_TYPE_LOCAL_SPEECH, NULL);
  self->espeak = g_object_ref (espeak);
  self->open_jtalk = g_object_ref (open_jtalk);
  return self;
}

static void
mado_local_speech_dispose (GObject *object)
{
  MadoLocalSpeech *self = MADO_LOCAL_SPEECH (object);

  g_clear_object (&self->espeak);
  g_clear_object (&self->open_jtalk);

  G_OBJECT_CLASS (mado_local_speech_parent_class)->dispose (object);
}

static void
mado_local_speech_finalize (GObject *object)
{
  MadoLocalSpeech *self = MADO_LOCAL_SPEECH (object);

  g_free (self->voices);

  G_OBJECT_CLASS (mado_local_speech_parent_class)->finalize (object);
}

static void
mado_local_speech_class_init (MadoLocalSpeechClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mado_local_speech_dispose;
  object_class->finalize = mado_local_speech_finalize;
}

static void
mado_local_speech_init (MadoLocalSpeech *self)
{
  guint n_languages;

  mado_language_get_all (&n_languages);
  self->voices = g_new0 (VoiceState, n_languages);
}

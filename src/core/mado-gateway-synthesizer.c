/* mado-gateway-synthesizer.c: speech from the Madoguchi Speech API gateway behind the synthesizer seam
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-gateway-synthesizer.h"

#include "mado-synthesis-private.h"

/* docs/api.md's limit, used until the gateway's capabilities say otherwise. */
#define DEFAULT_MAX_TEXT_CHARS 2000

struct _MadoGatewaySynthesizer
{
  GObject                 parent_instance;

  MadoSpeechClient       *client;
  guint                   sample_rate;
  MadoSpeechCapabilities *capabilities;
};

static void mado_gateway_synthesizer_synthesizer_init (MadoSynthesizerInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MadoGatewaySynthesizer, mado_gateway_synthesizer, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MADO_TYPE_SYNTHESIZER, mado_gateway_synthesizer_synthesizer_init))

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_SAMPLE_RATE,
  PROP_CAPABILITIES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * mado_gateway_synthesizer_get_capabilities:
 *
 * Returns: (transfer none) (nullable): the capabilities in use.
 */
MadoSpeechCapabilities *
mado_gateway_synthesizer_get_capabilities (MadoGatewaySynthesizer *self)
{
  g_return_val_if_fail (MADO_IS_GATEWAY_SYNTHESIZER (self), NULL);

  return self->capabilities;
}

/**
 * mado_gateway_synthesizer_set_capabilities:
 * @capabilities: (nullable): what the gateway said it can do; %NULL while unknown
 */
void
mado_gateway_synthesizer_set_capabilities (MadoGatewaySynthesizer *self,
                                           MadoSpeechCapabilities *capabilities)
{
  g_return_if_fail (MADO_IS_GATEWAY_SYNTHESIZER (self));
  g_return_if_fail (capabilities == NULL || MADO_IS_SPEECH_CAPABILITIES (capabilities));

  if (g_set_object (&self->capabilities, capabilities))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAPABILITIES]);
}

static gboolean
mado_gateway_synthesizer_can_speak (MadoSynthesizer *synthesizer,
                                    const char      *language)
{
  MadoGatewaySynthesizer *self = MADO_GATEWAY_SYNTHESIZER (synthesizer);

  return self->capabilities != NULL && mado_speech_capabilities_can_synthesize (self->capabilities, language);
}

static void
on_speech (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MadoGatewaySynthesizer *self = g_task_get_source_object (task);
  GError *error = NULL;
  MadoAudioBuffer *speech = mado_speech_client_synthesize_finish (MADO_SPEECH_CLIENT (source), result, &error);

  if (speech == NULL)
    {
      /* The seam has its own code for a language without a voice; the UI hides the speaker
       * button for it rather than showing an error. */
      if (g_error_matches (error, MADO_SPEECH_API_ERROR, MADO_SPEECH_API_ERROR_UNSUPPORTED_LANGUAGE))
        {
          /* A new error, not a changed code: the API domain carries private data its own
           * domain's functions must free. */
          GError *no_voice = g_error_new_literal (MADO_SPEECH_ERROR, MADO_SPEECH_ERROR_NO_VOICE, error->message);

          g_error_free (error);
          error = no_voice;
        }
    }

  mado_synthesis_return_speech (task, speech, error, self->sample_rate);
}

static void
mado_gateway_synthesizer_synthesize_async (MadoSynthesizer     *synthesizer,
                                           const char          *text,
                                           const char          *language,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  MadoGatewaySynthesizer *self = MADO_GATEWAY_SYNTHESIZER (synthesizer);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *spoken = NULL;
  GError *error = NULL;
  guint max_chars = self->capabilities != NULL
                    ? mado_speech_capabilities_get_max_text_chars (self->capabilities)
                    : DEFAULT_MAX_TEXT_CHARS;
  glong n_chars;

  g_task_set_source_tag (task, mado_gateway_synthesizer_synthesize_async);

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "The text to speak is not valid UTF-8");
      return;
    }

  /* The {漢字|かんじ} markup is the app's own, so the gateway is sent what should be heard.
   * Checked here as the local synthesizer does, so both give the UI the same codes. */
  spoken = mado_synthesis_prepare_text (text, language, &error);
  if (spoken == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  n_chars = g_utf8_strlen (spoken, -1);
  if (n_chars > (glong) max_chars)
    {
      g_task_return_new_error (task, MADO_SPEECH_ERROR, MADO_SPEECH_ERROR_TOO_LONG,
                               "The text to speak has %ld characters; the speech gateway speaks at most %u at once",
                               n_chars, max_chars);
      return;
    }

  mado_speech_client_synthesize_async (self->client, spoken, language, cancellable, on_speech,
                                       g_steal_pointer (&task));
}

static MadoAudioBuffer *
mado_gateway_synthesizer_synthesize_finish (MadoSynthesizer  *synthesizer,
                                            GAsyncResult     *result,
                                            GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, synthesizer), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mado_gateway_synthesizer_synthesize_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
mado_gateway_synthesizer_synthesizer_init (MadoSynthesizerInterface *iface)
{
  iface->can_speak = mado_gateway_synthesizer_can_speak;
  iface->synthesize_async = mado_gateway_synthesizer_synthesize_async;
  iface->synthesize_finish = mado_gateway_synthesizer_synthesize_finish;
}

static void
mado_gateway_synthesizer_dispose (GObject *object)
{
  MadoGatewaySynthesizer *self = MADO_GATEWAY_SYNTHESIZER (object);

  g_clear_object (&self->client);
  g_clear_object (&self->capabilities);

  G_OBJECT_CLASS (mado_gateway_synthesizer_parent_class)->dispose (object);
}

static void
mado_gateway_synthesizer_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  MadoGatewaySynthesizer *self = MADO_GATEWAY_SYNTHESIZER (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_SAMPLE_RATE:
      g_value_set_uint (value, self->sample_rate);
      break;
    case PROP_CAPABILITIES:
      g_value_set_object (value, self->capabilities);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mado_gateway_synthesizer_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  MadoGatewaySynthesizer *self = MADO_GATEWAY_SYNTHESIZER (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_SAMPLE_RATE:
      self->sample_rate = g_value_get_uint (value);
      break;
    case PROP_CAPABILITIES:
      mado_gateway_synthesizer_set_capabilities (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mado_gateway_synthesizer_class_init (MadoGatewaySynthesizerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = mado_gateway_synthesizer_dispose;
  object_class->get_property = mado_gateway_synthesizer_get_property;
  object_class->set_property = mado_gateway_synthesizer_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, MADO_TYPE_SPEECH_CLIENT, construct);
  /* The range is what ALSA's own converters accept, as for the local synthesizer. */
  properties[PROP_SAMPLE_RATE] =
    g_param_spec_uint ("sample-rate", NULL, NULL, 4000, 192000, 22050, construct);
  properties[PROP_CAPABILITIES] =
    g_param_spec_object ("capabilities", NULL, NULL, MADO_TYPE_SPEECH_CAPABILITIES,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mado_gateway_synthesizer_init (MadoGatewaySynthesizer *self)
{
}

/**
 * mado_gateway_synthesizer_new:
 * @client: the gateway to speak through
 * @sample_rate: the rate every result is converted to, 4,000–192,000 Hz
 *
 * Returns: (transfer full): a synthesizer that can speak no language until
 *   mado_gateway_synthesizer_set_capabilities() is called.
 */
MadoGatewaySynthesizer *
mado_gateway_synthesizer_new (MadoSpeechClient *client,
                              guint             sample_rate)
{
  g_return_val_if_fail (MADO_IS_SPEECH_CLIENT (client), NULL);
  g_return_val_if_fail (sample_rate >= 4000 && sample_rate <= 192000, NULL);

  return g_object_new (MADO_TYPE_GATEWAY_SYNTHESIZER, "client", client, "sample-rate", sample_rate, NULL);
}

/* mado-local-synthesizer.c: speech on the tablet itself (espeak-ng worker, Open JTalk program)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-local-synthesizer.h"

#include "mado-espeak-engine.h"
#include "mado-language.h"
#include "mado-open-jtalk.h"
#include "mado-synthesis-private.h"

/* Longer text is a mistake upstream (a whole document pasted in), and would keep the single
 * espeak-ng worker busy for minutes while every other request waits. */
#define MAX_TEXT_CHARS 2000

struct _MadoLocalSynthesizer
{
  GObject             parent_instance;

  guint               sample_rate;
  MadoEspeakEngine   *espeak;
  MadoOpenJTalkSetup  open_jtalk;
};

static void mado_local_synthesizer_synthesizer_init (MadoSynthesizerInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MadoLocalSynthesizer, mado_local_synthesizer, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MADO_TYPE_SYNTHESIZER, mado_local_synthesizer_synthesizer_init))

enum {
  PROP_0,
  PROP_SAMPLE_RATE,
  PROP_OPEN_JTALK_PROGRAM,
  PROP_OPEN_JTALK_DICTIONARY,
  PROP_OPEN_JTALK_VOICE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
mado_local_synthesizer_can_speak (MadoSynthesizer *synthesizer,
                                  const char      *code)
{
  MadoLocalSynthesizer *self = MADO_LOCAL_SYNTHESIZER (synthesizer);
  const MadoLanguage *language = mado_language_lookup (code);

  if (language == NULL)
    return FALSE;

  switch (language->voice_engine)
    {
    case MADO_VOICE_ESPEAK:
      return mado_espeak_engine_has_voice (self->espeak, language->voice, NULL);
    case MADO_VOICE_OPEN_JTALK:
      return mado_open_jtalk_check (&self->open_jtalk, NULL);
    case MADO_VOICE_NONE:
    default:
      return FALSE;
    }
}

static void
on_espeak_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MadoLocalSynthesizer *self = g_task_get_source_object (task);
  GError *error = NULL;
  MadoAudioBuffer *speech = mado_espeak_engine_synthesize_finish (MADO_ESPEAK_ENGINE (source), result, &error);

  mado_synthesis_return_speech (task, speech, error, self->sample_rate);
}

static void
on_open_jtalk_done (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MadoLocalSynthesizer *self = g_task_get_source_object (task);
  GError *error = NULL;
  MadoAudioBuffer *speech = mado_open_jtalk_synthesize_finish (result, &error);

  mado_synthesis_return_speech (task, speech, error, self->sample_rate);
}

static void
mado_local_synthesizer_synthesize_async (MadoSynthesizer     *synthesizer,
                                         const char          *text,
                                         const char          *code,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  MadoLocalSynthesizer *self = MADO_LOCAL_SYNTHESIZER (synthesizer);
  g_autoptr(GTask) task = NULL;
  g_autofree char *spoken = NULL;
  GError *error = NULL;
  const MadoLanguage *language;
  glong n_chars;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mado_local_synthesizer_synthesize_async);

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "The text to speak is not valid UTF-8");
      return;
    }

  language = mado_language_lookup (code);
  if (language == NULL)
    {
      g_task_return_new_error (task, MADO_SPEECH_ERROR, MADO_SPEECH_ERROR_NO_VOICE,
                               "“%s” is not a language this kiosk knows, so it has no voice", code);
      return;
    }
  if (language->voice_engine == MADO_VOICE_NONE)
    {
      g_task_return_new_error (task, MADO_SPEECH_ERROR, MADO_SPEECH_ERROR_NO_VOICE,
                               "There is no speech voice for %s (%s) on this system",
                               language->english_name, language->code);
      return;
    }

  spoken = mado_synthesis_prepare_text (text, language->code, &error);
  if (spoken == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  n_chars = g_utf8_strlen (spoken, -1);
  if (n_chars > MAX_TEXT_CHARS)
    {
      g_task_return_new_error (task, MADO_SPEECH_ERROR, MADO_SPEECH_ERROR_TOO_LONG,
                               "The text to speak has %ld characters; at most %d can be spoken at once",
                               n_chars, MAX_TEXT_CHARS);
      return;
    }

  switch (language->voice_engine)
    {
    case MADO_VOICE_ESPEAK:
      mado_espeak_engine_synthesize_async (self->espeak, language->voice, spoken, cancellable, on_espeak_done,
                                           g_steal_pointer (&task));
      break;
    case MADO_VOICE_OPEN_JTALK:
      mado_open_jtalk_synthesize_async (&self->open_jtalk, spoken, cancellable, on_open_jtalk_done,
                                        g_steal_pointer (&task));
      break;
    case MADO_VOICE_NONE:
    default:
      g_assert_not_reached ();
    }
}

static MadoAudioBuffer *
mado_local_synthesizer_synthesize_finish (MadoSynthesizer  *synthesizer,
                                          GAsyncResult     *result,
                                          GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, synthesizer), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mado_local_synthesizer_synthesize_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
mado_local_synthesizer_synthesizer_init (MadoSynthesizerInterface *iface)
{
  iface->can_speak = mado_local_synthesizer_can_speak;
  iface->synthesize_async = mado_local_synthesizer_synthesize_async;
  iface->synthesize_finish = mado_local_synthesizer_synthesize_finish;
}

static void
mado_local_synthesizer_dispose (GObject *object)
{
  MadoLocalSynthesizer *self = MADO_LOCAL_SYNTHESIZER (object);

  /* Stops and reaps the espeak-ng worker: no process outlives the synthesizer. */
  g_clear_object (&self->espeak);

  G_OBJECT_CLASS (mado_local_synthesizer_parent_class)->dispose (object);
}

static void
mado_local_synthesizer_finalize (GObject *object)
{
  MadoLocalSynthesizer *self = MADO_LOCAL_SYNTHESIZER (object);

  g_free (self->open_jtalk.program);
  g_free (self->open_jtalk.dictionary);
  g_free (self->open_jtalk.voice);

  G_OBJECT_CLASS (mado_local_synthesizer_parent_class)->finalize (object);
}

static void
mado_local_synthesizer_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  MadoLocalSynthesizer *self = MADO_LOCAL_SYNTHESIZER (object);

  switch (prop_id)
    {
    case PROP_SAMPLE_RATE:
      g_value_set_uint (value, self->sample_rate);
      break;
    case PROP_OPEN_JTALK_PROGRAM:
      g_value_set_string (value, self->open_jtalk.program);
      break;
    case PROP_OPEN_JTALK_DICTIONARY:
      g_value_set_string (value, self->open_jtalk.dictionary);
      break;
    case PROP_OPEN_JTALK_VOICE:
      g_value_set_string (value, self->open_jtalk.voice);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The paths are construct-only, so each is set exactly once; NULL means Debian's default. */
static char *
dup_or_default (const GValue *value,
                const char   *fallback)
{
  const char *text = g_value_get_string (value);

  return g_strdup (text != NULL ? text : fallback);
}

static void
mado_local_synthesizer_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  MadoLocalSynthesizer *self = MADO_LOCAL_SYNTHESIZER (object);

  switch (prop_id)
    {
    case PROP_SAMPLE_RATE:
      self->sample_rate = g_value_get_uint (value);
      break;
    case PROP_OPEN_JTALK_PROGRAM:
      self->open_jtalk.program = dup_or_default (value, MADO_OPEN_JTALK_DEFAULT_PROGRAM);
      break;
    case PROP_OPEN_JTALK_DICTIONARY:
      self->open_jtalk.dictionary = dup_or_default (value, MADO_OPEN_JTALK_DEFAULT_DICTIONARY);
      break;
    case PROP_OPEN_JTALK_VOICE:
      self->open_jtalk.voice = dup_or_default (value, MADO_OPEN_JTALK_DEFAULT_VOICE);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mado_local_synthesizer_class_init (MadoLocalSynthesizerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = mado_local_synthesizer_dispose;
  object_class->finalize = mado_local_synthesizer_finalize;
  object_class->get_property = mado_local_synthesizer_get_property;
  object_class->set_property = mado_local_synthesizer_set_property;

  /* The range is what ALSA's own converters accept, so every result can be played. */
  properties[PROP_SAMPLE_RATE] =
    g_param_spec_uint ("sample-rate", NULL, NULL, 4000, 192000, 22050, flags);
  /* The Open JTalk paths default to Debian's; an administrator may point them at another
   * voice, and the tests point them at missing files. */
  properties[PROP_OPEN_JTALK_PROGRAM] =
    g_param_spec_string ("open-jtalk-program", NULL, NULL, MADO_OPEN_JTALK_DEFAULT_PROGRAM, flags);
  properties[PROP_OPEN_JTALK_DICTIONARY] =
    g_param_spec_string ("open-jtalk-dictionary", NULL, NULL, MADO_OPEN_JTALK_DEFAULT_DICTIONARY, flags);
  properties[PROP_OPEN_JTALK_VOICE] =
    g_param_spec_string ("open-jtalk-voice", NULL, NULL, MADO_OPEN_JTALK_DEFAULT_VOICE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mado_local_synthesizer_init (MadoLocalSynthesizer *self)
{
  self->espeak = mado_espeak_engine_new ();
}

/**
 * mado_local_synthesizer_new:
 * @sample_rate: the rate every result is converted to, 4,000–192,000 Hz
 *
 * Returns: (transfer full): a synthesizer using Debian's espeak-ng (through Madoguchi's own worker
 *   process) and Open JTalk.
 */
MadoLocalSynthesizer *
mado_local_synthesizer_new (guint sample_rate)
{
  g_return_val_if_fail (sample_rate >= 4000 && sample_rate <= 192000, NULL);

  return g_object_new (MADO_TYPE_LOCAL_SYNTHESIZER, "sample-rate", sample_rate, NULL);
}

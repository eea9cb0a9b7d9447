/* mado-voice.c: say a text aloud, one utterance at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-voice.h"

struct _MadoVoice
{
  GObject          parent_instance;

  MadoSynthesizer *synthesizer;
  MadoAudioOutput *output;
  MadoVoiceState   state;
  GCancellable    *current;     /* cancels the utterance in progress */
};

G_DEFINE_FINAL_TYPE (MadoVoice, mado_voice, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_state (MadoVoice      *self,
           MadoVoiceState  state)
{
  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
mado_voice_dispose (GObject *object)
{
  MadoVoice *self = MADO_VOICE (object);

  if (self->current != NULL)
    g_cancellable_cancel (self->current);
  g_clear_object (&self->current);
  g_clear_object (&self->synthesizer);
  g_clear_object (&self->output);

  G_OBJECT_CLASS (mado_voice_parent_class)->dispose (object);
}

static void
mado_voice_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  MadoVoice *self = MADO_VOICE (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mado_voice_class_init (MadoVoiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mado_voice_dispose;
  object_class->get_property = mado_voice_get_property;

  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, MADO_VOICE_STATE_IDLE, MADO_VOICE_STATE_SPEAKING,
                      MADO_VOICE_STATE_IDLE, G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mado_voice_init (MadoVoice *self)
{
}

MadoVoice *
mado_voice_new (MadoSynthesizer *synthesizer,
                MadoAudioOutput *output)
{
  MadoVoice *self;

  g_return_val_if_fail (MADO_IS_SYNTHESIZER (synthesizer), NULL);
  g_return_val_if_fail (MADO_IS_AUDIO_OUTPUT (output), NULL);

  self = g_object_new (MADO_TYPE_VOICE, NULL);
  self->synthesizer = g_object_ref (synthesizer);
  self->output = g_object_ref (output);

  return self;
}

MadoVoiceState
mado_voice_get_state (MadoVoice *self)
{
  g_return_val_if_fail (MADO_IS_VOICE (self), MADO_VOICE_STATE_IDLE);
  return self->state;
}

/* The task's cancellable is the utterance's own (linked to the caller's), so that stop() and a newer
 * utterance can end it without touching the caller's cancellable. */
static GCancellable *
begin_utterance (MadoVoice    *self,
                 GCancellable *caller)
{
  if (self->current != NULL)
    g_cancellable_cancel (self->current);
  g_clear_object (&self->current);

  self->current = g_cancellable_new ();
  if (caller != NULL)
    {
      g_signal_connect_object (caller, "cancelled", G_CALLBACK (g_cancellable_cancel), self->current,
                               G_CONNECT_SWAPPED);
      if (g_cancellable_is_cancelled (caller))
        g_cancellable_cancel (self->current);
    }

  return self->current;
}

/* Only the newest utterance may move the state back to idle; an interrupted one finishes quietly. */
static void
end_utterance (MadoVoice    *self,
               GCancellable *utterance)
{
  if (self->current == utterance)
    {
      g_clear_object (&self->current);
      set_state (self, MADO_VOICE_STATE_IDLE);
    }
}

static void
on_played (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MadoVoice *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  end_utterance (self, g_task_get_cancellable (task));

  if (!mado_audio_output_play_finish (MADO_AUDIO_OUTPUT (source), result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_synthesized (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MadoVoice *self = g_task_get_source_object (task);
  g_autoptr(MadoAudioBuffer) buffer = NULL;
  g_autoptr(GError) error = NULL;
  GCancellable *utterance;

  buffer = mado_synthesizer_synthesize_finish (MADO_SYNTHESIZER (source), result, &error);
  if (buffer == NULL)
    {
      end_utterance (self, g_task_get_cancellable (task));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  utterance = g_task_get_cancellable (task);
  if (self->current == utterance)
    set_state (self, MADO_VOICE_STATE_SPEAKING);

  /* The cancellable is read before the task is handed on: C leaves argument order unspecified. */
  mado_audio_output_play_async (self->output, buffer, utterance, on_played, g_steal_pointer (&task));
}

void
mado_voice_speak_async (MadoVoice           *self,
                        const char          *text,
                        const char          *language,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GCancellable *utterance;

  g_return_if_fail (MADO_IS_VOICE (self));
  g_return_if_fail (text != NULL);
  g_return_if_fail (language != NULL);

  utterance = begin_utterance (self, cancellable);
  task = g_task_new (self, utterance, callback, user_data);
  g_task_set_source_tag (task, mado_voice_speak_async);

  set_state (self, MADO_VOICE_STATE_SYNTHESIZING);
  mado_synthesizer_synthesize_async (self->synthesizer, text, language, utterance, on_synthesized,
                                     g_steal_pointer (&task));
}

gboolean
mado_voice_speak_finish (MadoVoice     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
mado_voice_stop (MadoVoice *self)
{
  g_return_if_fail (MADO_IS_VOICE (self));

  if (self->current != NULL)
    g_cancellable_cancel (self->current);
}

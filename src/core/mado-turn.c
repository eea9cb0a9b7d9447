/* mado-turn.c: one turn of the dialogue: who spoke, what was said, its translation and check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-turn.h"

struct _MadoTurn
{
  GObject        parent_instance;

  MadoSpeaker    speaker;
  char          *source_language;
  char          *target_language;
  MadoTurnState  state;
  char          *source_text;
  char          *translation;
  char          *back_translation;
  char          *provider;
  char          *phrase_id;
  gboolean       verified;
  GError        *error;
  gint64         sent_at;
  gint64         completed_at;
  double         gateway_ms;
};

G_DEFINE_FINAL_TYPE (MadoTurn, mado_turn, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_SOURCE_TEXT,
  PROP_TRANSLATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mado_turn_finalize (GObject *object)
{
  MadoTurn *self = MADO_TURN (object);

  g_free (self->source_language);
  g_free (self->target_language);
  g_free (self->source_text);
  g_free (self->translation);
  g_free (self->back_translation);
  g_free (self->provider);
  g_free (self->phrase_id);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (mado_turn_parent_class)->finalize (object);
}

static void
mado_turn_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  MadoTurn *self = MADO_TURN (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case PROP_SOURCE_TEXT:
      g_value_set_string (value, self->source_text);
      break;
    case PROP_TRANSLATION:
      g_value_set_string (value, self->translation);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mado_turn_class_init (MadoTurnClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mado_turn_finalize;
  object_class->get_property = mado_turn_get_property;

  /* The state is an int property: the UI only needs its notifications, and a registered enum type
   * would need mkenums for one consumer. */
  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, MADO_TURN_LISTENING, MADO_TURN_FAILED, MADO_TURN_LISTENING,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SOURCE_TEXT] =
    g_param_spec_string ("source-text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TRANSLATION] =
    g_param_spec_string ("translation", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mado_turn_init (MadoTurn *self)
{
}

MadoTurn *
mado_turn_new (MadoSpeaker  speaker,
               const char  *source_language,
               const char  *target_language)
{
  MadoTurn *self;

  g_return_val_if_fail (source_language != NULL, NULL);
  g_return_val_if_fail (target_language != NULL, NULL);

  self = g_object_new (MADO_TYPE_TURN, NULL);
  self->speaker = speaker;
  self->source_language = g_strdup (source_language);
  self->target_language = g_strdup (target_language);

  return self;
}

MadoSpeaker
mado_turn_get_speaker (MadoTurn *self)
{
  g_return_val_if_fail (MADO_IS_TURN (self), MADO_SPEAKER_STAFF);
  return self->speaker;
}

const char *
mado_turn_get_source_language (MadoTurn *self)
{
  g_return_val_if_fail (MADO_IS_TURN (self), NULL);
  return self->source_language;
}

const char *
mado_turn_get_target_language (MadoTurn *self)
{
  g_return_val_if_fail (MADO_IS_TURN (self), NULL);
  return self->target_language;
}

MadoTurnState
mado_turn_get_state (MadoTurn *self)
{
  g_return_val_if_fail (MADO_IS_TURN (self), MADO_TURN_FAILED);
  return self->state;
}

void
mado_turn_set_state (MadoTurn      *self,
                     MadoTurnState  state)
{
  g_return_if_fail (MADO_IS_TURN (self));

  if (self->state == state)
    return;

  if (state != MADO_TURN_FAILED)
    g_clear_error (&self->error);
  self->state = state;
  if (state == MADO_TURN_DONE || state == MADO_TURN_FAILED)
    self->completed_at = g_get_monotonic_time ();
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

const char *
mado_turn_get_source_text (MadoTurn *self)
{
  g_return_val_if_fail (MADO_IS_TURN (self), NULL);
  return self->source_text;
}

void
mado_turn_set_source_text (MadoTurn   *self,
                           const char *text)
{
  g_return_if_fail (MADO_IS_TURN (self));

  if (g_strcmp0 (self->source_text, text) == 0)
    return;

  g_free (self->source_text);
  self->source_text = g_strdup (text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE_TEXT]);
}

const char *
mado_turn_get_translation (MadoTurn *self)
{
  g_return_val_if_fail (MADO_IS_TURN (self), NULL);
  return self->translation;
}

const char *
mado_turn_get_back_translation (MadoTurn *self)
{
  g_return_val_if_fail (MADO_IS_TURN (self), NULL);
  return self->back_translation;
}

gboolean
mado_turn_get_verified (MadoTurn *self)
{
  g_return_val_if_fail (MADO_IS_TURN (self), FALSE);
  return self->verified;
}

const char *
mado_turn_get_phrase_id (MadoTurn *self)
{
  g_return_val_if_fail (MADO_IS_TURN (self), NULL);
  return self->phrase_id;
}

const char *
mado_turn_get_provider (MadoTurn *self)
{
  g_return_val_if_fail (MADO_IS_TURN (self), NULL);
  return self->provider;
}

void
mado_turn_complete (MadoTurn   *self,
                    const char *translation,
                    const char *back_translation,
                    const char *provider,
                    gboolean    verified,
                    const char *phrase_id)
{
  g_return_if_fail (MADO_IS_TURN (self));
  g_return_if_fail (translation != NULL);

  g_free (self->translation);
  self->translation = g_strdup (translation);
  g_free (self->back_translation);
  self->back_translation = g_strdup (back_translation);
  g_free (self->provider);
  self->provider = g_strdup (provider);
  g_free (self->phrase_id);
  self->phrase_id = g_strdup (phrase_id);
  self->verified = verified;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRANSLATION]);
  mado_turn_set_state (self, MADO_TURN_DONE);
}

/* Returns: (nullable): why the turn failed, while it is FAILED. */
const GError *
mado_turn_get_error (MadoTurn *self)
{
  g_return_val_if_fail (MADO_IS_TURN (self), NULL);
  return self->error;
}

void
mado_turn_fail (MadoTurn     *self,
                const GError *error)
{
  g_return_if_fail (MADO_IS_TURN (self));
  g_return_if_fail (error != NULL);

  g_clear_error (&self->error);
  self->error = g_error_copy (error);

  /* Notify even when already failed: a retry that fails again brings a new reason. */
  if (self->state == MADO_TURN_FAILED)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  else
    mado_turn_set_state (self, MADO_TURN_FAILED);
}

gint64
mado_turn_get_sent_at (MadoTurn *self)
{
  g_return_val_if_fail (MADO_IS_TURN (self), 0);
  return self->sent_at;
}

void
mado_turn_set_sent_at (MadoTurn *self,
                       gint64    time)
{
  g_return_if_fail (MADO_IS_TURN (self));
  self->sent_at = time;
}

gint64
mado_turn_get_completed_at (MadoTurn *self)
{
  g_return_val_if_fail (MADO_IS_TURN (self), 0);
  return self->completed_at;
}

double
mado_turn_get_gateway_ms (MadoTurn *self)
{
  g_return_val_if_fail (MADO_IS_TURN (self), 0);
  return self->gateway_ms;
}

void
mado_turn_add_gateway_ms (MadoTurn *self,
                          double    ms)
{
  g_return_if_fail (MADO_IS_TURN (self));
  self->gateway_ms += ms;
}

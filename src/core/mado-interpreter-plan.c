/* mado-interpreter-plan.c: whom to call for one language at one moment, in order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-interpreter-plan.h"

typedef struct {
  MadoInterpreterService *service;
  gboolean                open;
} Candidate;

struct _MadoInterpreterPlan
{
  GObject       parent_instance;

  char         *language;
  GDateTime    *when;
  MadoSipTrunk *trunk;
  char         *manual_number;
  char         *manual_name_ja;
  char         *manual_name_en;
  GArray       *candidates;   /* Candidate */
};

G_DEFINE_FINAL_TYPE (MadoInterpreterPlan, mado_interpreter_plan, G_TYPE_OBJECT)

static void
clear_candidate (gpointer data)
{
  Candidate *candidate = data;

  g_clear_object (&candidate->service);
}

static void
mado_interpreter_plan_finalize (GObject *object)
{
  MadoInterpreterPlan *self = MADO_INTERPRETER_PLAN (object);

  g_free (self->language);
  g_date_time_unref (self->when);
  g_clear_pointer (&self->trunk, mado_sip_trunk_free);
  g_free (self->manual_number);
  g_free (self->manual_name_ja);
  g_free (self->manual_name_en);
  g_array_unref (self->candidates);

  G_OBJECT_CLASS (mado_interpreter_plan_parent_class)->finalize (object);
}

static void
mado_interpreter_plan_class_init (MadoInterpreterPlanClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mado_interpreter_plan_finalize;
}

static void
mado_interpreter_plan_init (MadoInterpreterPlan *self)
{
  self->candidates = g_array_new (FALSE, TRUE, sizeof (Candidate));
  g_array_set_clear_func (self->candidates, clear_candidate);
}

/**
 * mado_interpreter_plan_new:
 * @language: the resident's language
 * @when: the moment the plan is for
 * @trunk: (nullable): the trunk numbers are dialled through; copied
 * @manual_number: (nullable): the number to show when no service takes the call
 * @manual_name_ja: (nullable): what that number is, in Japanese
 * @manual_name_en: (nullable): the same in English
 */
MadoInterpreterPlan *
mado_interpreter_plan_new (const char         *language,
                           GDateTime          *when,
                           const MadoSipTrunk *trunk,
                           const char         *manual_number,
                           const char         *manual_name_ja,
                           const char         *manual_name_en)
{
  MadoInterpreterPlan *self;

  g_return_val_if_fail (language != NULL, NULL);
  g_return_val_if_fail (when != NULL, NULL);

  self = g_object_new (MADO_TYPE_INTERPRETER_PLAN, NULL);
  self->language = g_strdup (language);
  self->when = g_date_time_ref (when);
  self->trunk = trunk != NULL ? mado_sip_trunk_copy (trunk) : NULL;
  self->manual_number = g_strdup (manual_number);
  self->manual_name_ja = g_strdup (manual_name_ja);
  self->manual_name_en = g_strdup (manual_name_en);

  return self;
}

void
mado_interpreter_plan_add (MadoInterpreterPlan    *self,
                           MadoInterpreterService *service,
                           gboolean                open)
{
  Candidate candidate = { NULL, open };

  g_return_if_fail (MADO_IS_INTERPRETER_PLAN (self));
  g_return_if_fail (MADO_IS_INTERPRETER_SERVICE (service));

  candidate.service = g_object_ref (service);
  g_array_append_val (self->candidates, candidate);
}

const char *
mado_interpreter_plan_get_language (MadoInterpreterPlan *self)
{
  g_return_val_if_fail (MADO_IS_INTERPRETER_PLAN (self), NULL);
  return self->language;
}

GDateTime *
mado_interpreter_plan_get_time (MadoInterpreterPlan *self)
{
  g_return_val_if_fail (MADO_IS_INTERPRETER_PLAN (self), NULL);
  return self->when;
}

guint
mado_interpreter_plan_get_n_services (MadoInterpreterPlan *self)
{
  g_return_val_if_fail (MADO_IS_INTERPRETER_PLAN (self), 0);
  return self->candidates->len;
}

MadoInterpreterService *
mado_interpreter_plan_get_service (MadoInterpreterPlan *self,
                                   guint                index)
{
  g_return_val_if_fail (MADO_IS_INTERPRETER_PLAN (self), NULL);
  g_return_val_if_fail (index < self->candidates->len, NULL);

  return g_array_index (self->candidates, Candidate, index).service;
}

gboolean
mado_interpreter_plan_is_open (MadoInterpreterPlan *self,
                               guint                index)
{
  g_return_val_if_fail (MADO_IS_INTERPRETER_PLAN (self), FALSE);
  g_return_val_if_fail (index < self->candidates->len, FALSE);

  return g_array_index (self->candidates, Candidate, index).open;
}

MadoInterpreterService *
mado_interpreter_plan_get_first_open (MadoInterpreterPlan *self)
{
  g_return_val_if_fail (MADO_IS_INTERPRETER_PLAN (self), NULL);

  for (guint i = 0; i < self->candidates->len; i++)
    if (g_array_index (self->candidates, Candidate, i).open)
      return g_array_index (self->candidates, Candidate, i).service;

  return NULL;
}

const char *
mado_interpreter_plan_get_manual_number (MadoInterpreterPlan *self)
{
  g_return_val_if_fail (MADO_IS_INTERPRETER_PLAN (self), NULL);
  return self->manual_number;
}

const char *
mado_interpreter_plan_get_manual_name (MadoInterpreterPlan *self,
                                       const char          *language)
{
  g_return_val_if_fail (MADO_IS_INTERPRETER_PLAN (self), NULL);

  if (g_strcmp0 (language, "ja") == 0 && self->manual_name_ja != NULL)
    return self->manual_name_ja;

  return self->manual_name_en != NULL ? self->manual_name_en : self->manual_name_ja;
}

const MadoSipTrunk *
mado_interpreter_plan_get_trunk (MadoInterpreterPlan *self)
{
  g_return_val_if_fail (MADO_IS_INTERPRETER_PLAN (self), NULL);
  return self->trunk;
}

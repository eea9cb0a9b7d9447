/* mado-interpreter-plan.h: whom to call for one language at one moment, in order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "mado-interpreter-service.h"

G_BEGIN_DECLS

#define MADO_TYPE_INTERPRETER_PLAN (mado_interpreter_plan_get_type ())
G_DECLARE_FINAL_TYPE (MadoInterpreterPlan, mado_interpreter_plan, MADO, INTERPRETER_PLAN, GObject)

/* Usually made by mado_interpreter_directory_plan(). The confirmation screen shows the first open
 * service; MadoInterpreterCall then walks the whole list. */
MadoInterpreterPlan    *mado_interpreter_plan_new               (const char             *language,
                                                                 GDateTime              *when,
                                                                 const MadoSipTrunk     *trunk,
                                                                 const char             *manual_number,
                                                                 const char             *manual_name_ja,
                                                                 const char             *manual_name_en);
void                    mado_interpreter_plan_add               (MadoInterpreterPlan    *self,
                                                                 MadoInterpreterService *service,
                                                                 gboolean                open);

const char             *mado_interpreter_plan_get_language      (MadoInterpreterPlan    *self);
GDateTime              *mado_interpreter_plan_get_time          (MadoInterpreterPlan    *self);
guint                   mado_interpreter_plan_get_n_services    (MadoInterpreterPlan    *self);
MadoInterpreterService *mado_interpreter_plan_get_service       (MadoInterpreterPlan    *self,
                                                                 guint                   index);
gboolean                mado_interpreter_plan_is_open           (MadoInterpreterPlan    *self,
                                                                 guint                   index);
/* The service that will be called first, or NULL when every one is closed (or there is none). */
MadoInterpreterService *mado_interpreter_plan_get_first_open    (MadoInterpreterPlan    *self);
/* NULL when the directory gives no number to dial by hand. */
const char             *mado_interpreter_plan_get_manual_number (MadoInterpreterPlan    *self);
/* What to call the manual number, in Japanese ("ja") or English (other languages); may be NULL. */
const char             *mado_interpreter_plan_get_manual_name   (MadoInterpreterPlan    *self,
                                                                 const char             *language);
const MadoSipTrunk     *mado_interpreter_plan_get_trunk         (MadoInterpreterPlan    *self);

G_END_DECLS

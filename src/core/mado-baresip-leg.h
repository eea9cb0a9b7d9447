/* mado-baresip-leg.h: one call placed by a baresip helper process of its own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mado-baresip-config.h"
#include "mado-call-leg.h"

G_BEGIN_DECLS

#define MADO_TYPE_BARESIP_LEG (mado_baresip_leg_get_type ())
G_DECLARE_FINAL_TYPE (MadoBaresipLeg, mado_baresip_leg, MADO, BARESIP_LEG, MadoCallLeg)

/* Starts @program (normally "baresip") with a configuration written for this one call, and dials
 * once it is up. The helper dies with this process (PR_SET_PDEATHSIG); when the call has ended
 * it is asked to quit, and killed if it has not within a few seconds. Disposing the leg while
 * the call lasts kills the helper at once. */
MadoBaresipLeg *mado_baresip_leg_start       (const char               *program,
                                              const MadoBaresipOptions *options,
                                              const MadoDialRequest    *request,
                                              GError                  **error);
/* The helper's process id while it runs, 0 after; for tests that check no process is left. */
GPid            mado_baresip_leg_get_pid     (MadoBaresipLeg           *self);

G_END_DECLS

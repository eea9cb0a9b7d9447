/* mado-interpreter-panel.h: the phone interpreter call, as both people see it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "mado-interpreter-call.h"

G_BEGIN_DECLS

#define MADO_TYPE_INTERPRETER_PANEL (mado_interpreter_panel_get_type ())
G_DECLARE_FINAL_TYPE (MadoInterpreterPanel, mado_interpreter_panel, MADO, INTERPRETER_PANEL, AdwBin)

/* Follows @call (already configured, not started) through its states: dialling and ringing with the
 * service and its place in the fallback chain, the connected time, why a service failed, and the
 * number to dial by hand when every service failed or is closed. The clerk reads Japanese, the
 * resident a line in their own language. Emits "finished" when the clerk closes a finished call. */
void                 mado_interpreter_panel_follow    (MadoInterpreterPanel *self,
                                                       MadoInterpreterCall  *call,
                                                       const char           *resident_language);
/* Ends the call at once, e.g. when the conversation is ended. */
void                 mado_interpreter_panel_hang_up   (MadoInterpreterPanel *self);

G_END_DECLS

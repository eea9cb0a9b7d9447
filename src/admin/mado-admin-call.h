/* mado-admin-call.h: "madoguchi-admin call", a test call to an interpreter service
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @argv[0] is "call". Returns the process exit status: 0 when an interpreter answered, 1 when
 * none did or the call failed, 2 for a wrong command line. */
int mado_admin_run_call (int    argc,
                         char **argv);

G_END_DECLS

/* mado-apertium-apy.h: the real apertium-apy translation server from Debian, for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _ApertiumApy ApertiumApy;

/* Starts apertium-apy on a free port serving the installed pairs and waits until /listPairs
 * lists eng→spa; fails the test, with the end of apy's output, if that does not happen within
 * a minute. apy listens on every address, so this refuses (fails the test) unless the test runs
 * in a private network namespace (tests/run-in-netns.sh): no interface but loopback may be up. */
ApertiumApy *apertium_apy_start   (void);
/* "http://127.0.0.1:PORT", without a trailing slash. */
const char  *apertium_apy_get_url (ApertiumApy *self);
/* Stops apy and the translation pipelines it started, waits for apy and frees @self. Fails the
 * test if apy had already died or did not exit cleanly; shows apy's output in the test log if the
 * test has failed. */
void         apertium_apy_stop    (ApertiumApy *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ApertiumApy, apertium_apy_stop)

G_END_DECLS

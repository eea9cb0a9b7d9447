/* mado-test-utils.h: small helpers the core's test and benchmark programs share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A GAsyncReadyCallback that keeps a reference to the result in the `GAsyncResult *` that
 * @user_data points at, for calls run to completion on the default main context. */
void          mado_test_store_result    (GObject       *source,
                                         GAsyncResult  *result,
                                         gpointer       user_data);
/* Iterates the default main context until mado_test_store_result() has filled @slot, and
 * returns the result (still owned by @slot). */
GAsyncResult *mado_test_wait_for        (GAsyncResult **slot);

/* Fails the test, showing both, unless @error's message contains @part. */
void          mado_test_assert_mentions (const GError  *error,
                                         const char    *part);

/* The process IDs (pid_t) of this process's children, zombies included, read from /proc. */
GArray       *mado_test_list_children   (void);

/* Removes @folder and everything in it, asserting that each removal succeeds. */
void          mado_test_remove_folder   (const char    *folder);

/* Orders doubles from the smallest, for qsort() and g_array_sort() in the benchmarks. */
int           mado_test_compare_doubles (gconstpointer  a,
                                         gconstpointer  b);

G_END_DECLS

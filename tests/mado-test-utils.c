/* mado-test-utils.c: small helpers the core's test and benchmark programs share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-test-utils.h"

void
mado_test_store_result (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

GAsyncResult *
mado_test_wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

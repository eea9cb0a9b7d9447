/* mado-test-utils.c: small helpers the core's test and benchmark programs share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-test-utils.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

void
mado_test_assert_mentions (const GError *error,
                           const char   *part)
{
  if (strstr (error->message, part) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, part);
}

GArray *
mado_test_list_children (void)
{
  GArray *children = g_array_new (FALSE, FALSE, sizeof (pid_t));
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *entry;

  g_assert_nonnull (proc);
  while ((entry = g_dir_read_name (proc)) != NULL)
    {
      g_autofree char *stat_path = NULL;
      g_autofree char *stat = NULL;
      const char *after_name;
      char state;
      int parent;

      if (!g_ascii_isdigit (entry[0]))
        continue;
      stat_path = g_build_filename ("/proc", entry, "stat", NULL);
      if (!g_file_get_contents (stat_path, &stat, NULL, NULL))
        continue;
      /* "pid (name) state ppid ...": the name may hold spaces, so parse after the last ')'. */
      after_name = strrchr (stat, ')');
      if (after_name != NULL && sscanf (after_name + 1, " %c %d", &state, &parent) == 2 && parent == getpid ())
        {
          pid_t pid = (pid_t) atoi (entry);

          g_array_append_val (children, pid);
        }
    }

  return children;
}

void
mado_test_remove_folder (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        mado_test_remove_folder (path);
      else
        g_assert_no_errno (g_unlink (path));
    }
  g_assert_no_errno (g_rmdir (folder));
}

int
mado_test_compare_doubles (gconstpointer a,
                           gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

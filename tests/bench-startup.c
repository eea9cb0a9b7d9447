/* bench-startup.c: cold start to first frame and resident memory, beside a minimal window
 *
 * Both programs are started alternately, several times, under the same X server and renderer. Time
 * runs from spawning the process to its "startup:" line (printed at the first painted frame), so
 * dynamic linking and GTK's own start-up are included. Figures depend on the machine, so each is
 * printed beside the baseline measured in the same run, and as a ratio or a difference.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-test-utils.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#define ROUNDS 7

typedef struct {
  double ms;
  long   rss_kib;
} Sample;

static Sample
run_once (const char *program,
          const char *option)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  const char *line;
  gint64 started = g_get_monotonic_time ();
  Sample sample = { -1, -1 };

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                              program, option, NULL);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8 (process, NULL, NULL, &output, NULL, &error);
  g_assert_no_error (error);

  line = output != NULL ? strstr (output, "startup:") : NULL;
  if (line == NULL)
    {
      g_printerr ("%s printed no startup line: %s\n", program, output != NULL ? output : "(nothing)");
      return sample;
    }

  /* The line arrives at the first frame; the process exits right after it, which is close enough. */
  sample.ms = (g_get_monotonic_time () - started) / 1000.0;
  sample.rss_kib = strtol (strstr (line, "rss-kib") + strlen ("rss-kib"), NULL, 10);
  return sample;
}

static double
median (double *values, guint n)
{
  qsort (values, n, sizeof (double), mado_test_compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

int
main (int argc, char **argv)
{
  g_autofree char *folder = NULL;
  g_autofree char *database = NULL;
  double app_ms[ROUNDS], base_ms[ROUNDS], scripts_ms[ROUNDS];
  double app_rss[ROUNDS], base_rss[ROUNDS], scripts_rss[ROUNDS];
  g_autoptr(GSubprocess) seeder = NULL;
  g_autoptr(GError) error = NULL;
  double app_median, base_median, scripts_median;

  if (argc != 4)
    {
      g_printerr ("usage: %s MADOGUCHI MINIMAL-WINDOW MADOGUCHI-ADMIN\n", argv[0]);
      return 2;
    }

  folder = g_dir_make_tmp ("madoguchi-bench-XXXXXX", NULL);
  database = g_build_filename (folder, "phrases.db", NULL);
  g_setenv ("MADOGUCHI_DB", database, TRUE);

  /* A started app seeds its database once, in the background, which takes longer than its first
   * frame; the measured runs quit at the first frame. Seed beforehand, as after any first day at the
   * counter, so that every run measures an ordinary start. */
  seeder = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, argv[3], "--database", database, "seed", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (seeder, NULL, &error));

  for (guint i = 0; i < ROUNDS; i++)
    {
      Sample app = run_once (argv[1], "--measure-startup");
      Sample base = run_once (argv[2], NULL);
      Sample scripts = run_once (argv[2], "--scripts");

      app_ms[i] = app.ms;
      base_ms[i] = base.ms;
      scripts_ms[i] = scripts.ms;
      app_rss[i] = app.rss_kib / 1024.0;
      base_rss[i] = base.rss_kib / 1024.0;
      scripts_rss[i] = scripts.rss_kib / 1024.0;
    }

  app_median = median (app_ms, ROUNDS);
  base_median = median (base_ms, ROUNDS);
  scripts_median = median (scripts_ms, ROUNDS);
  g_print ("bench: startup-first-frame-median %.1f ms\n", app_median);
  g_print ("bench: startup-minimal-window-median %.1f ms\n", base_median);
  g_print ("bench: startup-minimal-window-14-scripts-median %.1f ms\n", scripts_median);
  g_print ("bench: startup-ratio-to-minimal %.2f x\n", app_median / base_median);
  g_print ("bench: startup-ratio-to-minimal-14-scripts %.2f x\n", app_median / scripts_median);
  g_print ("bench: rss-after-start %.1f MB\n", median (app_rss, ROUNDS));
  g_print ("bench: rss-minimal-window %.1f MB\n", median (base_rss, ROUNDS));
  g_print ("bench: rss-minimal-window-14-scripts %.1f MB\n", median (scripts_rss, ROUNDS));
  g_print ("bench: rss-above-minimal %.1f MB\n", median (app_rss, ROUNDS) - median (base_rss, ROUNDS));
  g_print ("bench: rss-above-minimal-14-scripts %.1f MB\n", median (app_rss, ROUNDS) - median (scripts_rss, ROUNDS));

  g_remove (database);
  {
    g_autofree char *wal = g_strconcat (database, "-wal", NULL);
    g_autofree char *shm = g_strconcat (database, "-shm", NULL);

    g_remove (wal);
    g_remove (shm);
  }
  g_rmdir (folder);
  return 0;
}

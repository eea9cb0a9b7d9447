/* minimal-window.c: the baseline for the startup benchmark: a bare libadwaita window
 *
 * It reports its first frame exactly the way madoguchi --measure-startup does, so the two figures
 * differ only by what Madoguchi itself adds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <stdlib.h>
#include <string.h>

static void
on_first_frame (GdkFrameClock *clock,
                gpointer       user_data)
{
  g_autofree char *status = NULL;
  const char *rss_line = NULL;
  long rss_kib = -1;

  g_signal_handlers_disconnect_by_func (clock, on_first_frame, user_data);
  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL) &&
      (rss_line = strstr (status, "VmRSS:")) != NULL)
    rss_kib = strtol (rss_line + strlen ("VmRSS:"), NULL, 10);

  g_print ("startup: first-frame-ms 0 rss-kib %ld\n", rss_kib);
  g_application_quit (G_APPLICATION (user_data));
}

static void
on_realize (GtkWidget *widget,
            gpointer   user_data)
{
  g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint", G_CALLBACK (on_first_frame), user_data);
}

static void
on_activate (GApplication *application)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (application));

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), gtk_label_new ("Minimal"));
  g_signal_connect (window, "realize", G_CALLBACK (on_realize), application);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  g_autoptr(AdwApplication) application = adw_application_new ("jp.madoguchi.MinimalWindow",
                                                                G_APPLICATION_NON_UNIQUE);

  g_signal_connect (application, "activate", G_CALLBACK (on_activate), NULL);
  return g_application_run (G_APPLICATION (application), argc, argv);
}

/* minimal-window.c: the baselines for the startup benchmark
 *
 * Without arguments: a bare libadwaita window. With --scripts: the same window showing the fourteen
 * language names in their own scripts with their Pango languages, which is what any multilingual
 * picker must pay in font fallback and shaping. It reports its first frame exactly the way
 * madoguchi --measure-startup does, so the figures differ only by what Madoguchi itself adds.
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

static gboolean show_scripts;

static GtkWidget *
make_scripts (void)
{
  static const char *names[][2] = {
    { "やさしい にほんご", "ja" }, { "English", "en" }, { "中文（简体）", "zh-cn" }, { "中文（繁體）", "zh-tw" },
    { "한국어", "ko" }, { "Tiếng Việt", "vi" }, { "Bahasa Indonesia", "id" }, { "ภาษาไทย", "th" },
    { "မြန်မာဘာသာ", "my" }, { "Español", "es" }, { "Français", "fr" }, { "Português (Brasil)", "pt-br" },
    { "Filipino", "fil" }, { "नेपाली", "ne" },
  };
  GtkWidget *box = gtk_flow_box_new ();

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GtkWidget *label = gtk_label_new (names[i][0]);
      PangoAttrList *attributes = pango_attr_list_new ();

      pango_attr_list_insert (attributes, pango_attr_language_new (pango_language_from_string (names[i][1])));
      gtk_label_set_attributes (GTK_LABEL (label), attributes);
      pango_attr_list_unref (attributes);
      gtk_flow_box_append (GTK_FLOW_BOX (box), label);
    }

  return box;
}

static void
on_activate (GApplication *application)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (application));

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window),
                                      show_scripts ? make_scripts () : gtk_label_new ("Minimal"));
  g_signal_connect (window, "realize", G_CALLBACK (on_realize), application);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  g_autoptr(AdwApplication) application = adw_application_new ("jp.madoguchi.MinimalWindow",
                                                                G_APPLICATION_NON_UNIQUE);

  show_scripts = argc > 1 && g_str_equal (argv[1], "--scripts");
  g_signal_connect (application, "activate", G_CALLBACK (on_activate), NULL);
  return g_application_run (G_APPLICATION (application), 1, argv);
}

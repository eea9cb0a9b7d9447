/* mado-ui-test-utils.c: driving the real app under Xvfb with real pointer clicks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-ui-test-utils.h"

#include <X11/Xlib.h>
#include <X11/extensions/XTest.h>
#include <gdk/x11/gdkx.h>

GtkWidget *
mado_test_find_widget (GtkWidget  *root,
                       const char *name,
                       gboolean    prefix)
{
  const char *widget_name = gtk_widget_get_name (root);

  if (prefix ? g_str_has_prefix (widget_name, name) : g_str_equal (widget_name, name))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = mado_test_find_widget (child, name, prefix);

      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWidget *
mado_test_find_by_type (GtkWidget *root,
                        GType      type)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = mado_test_find_by_type (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static Display *
x_display (GtkWidget *widget)
{
  GdkDisplay *display = gtk_widget_get_display (widget);

  g_assert_true (GDK_IS_X11_DISPLAY (display));
  return gdk_x11_display_get_xdisplay (display);
}

static gboolean
widget_allocated (gpointer data)
{
  GtkWidget *widget = data;

  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0 &&
         gtk_widget_get_height (widget) > 0;
}

/* Scrolls the nearest scrolled window so that @widget is in view, as a person would before tapping it. */
static void
scroll_into_view (GtkWidget *widget)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *content;
  GtkAdjustment *adjustment;
  graphene_rect_t bounds;
  double page, value;

  if (scroller == NULL)
    return;

  content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller));
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  if (!gtk_widget_compute_bounds (widget, content, &bounds))
    return;

  page = gtk_adjustment_get_page_size (adjustment);
  value = gtk_adjustment_get_value (adjustment);
  if (bounds.origin.y < value || bounds.origin.y + bounds.size.height > value + page)
    {
      gtk_adjustment_set_value (adjustment, bounds.origin.y - page / 3);
      /* Let the new scroll position reach the screen before the pointer moves. */
      for (int i = 0; i < 10; i++)
        g_main_context_iteration (NULL, FALSE);
    }
}

void
mado_test_click (GtkWidget *widget)
{
  GtkNative *native = gtk_widget_get_native (widget);
  GdkSurface *surface = gtk_native_get_surface (native);
  Display *display = x_display (widget);
  graphene_point_t centre, in_native;
  graphene_rect_t bounds;
  double surface_x, surface_y;
  int root_x, root_y;
  Window child;

  /* A widget can be mapped a frame before it has its size; clicking then would miss it. */
  g_assert_true (mado_test_wait_until (widget_allocated, widget, 5000));
  scroll_into_view (widget);
  g_assert_true (gtk_widget_compute_bounds (widget, widget, &bounds));
  graphene_rect_get_center (&bounds, &centre);
  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native), &centre, &in_native));
  gtk_native_get_surface_transform (native, &surface_x, &surface_y);

  XTranslateCoordinates (display, gdk_x11_surface_get_xid (surface), DefaultRootWindow (display),
                         (int) (in_native.x + surface_x), (int) (in_native.y + surface_y),
                         &root_x, &root_y, &child);

  g_test_message ("clicking %s at %d,%d", gtk_widget_get_name (widget), root_x, root_y);
  XTestFakeMotionEvent (display, -1, root_x, root_y, CurrentTime);
  XTestFakeButtonEvent (display, 1, True, CurrentTime);
  XTestFakeButtonEvent (display, 1, False, CurrentTime);
  XFlush (display);
}

void
mado_test_type_text (const char *text)
{
  Display *display = gdk_x11_display_get_xdisplay (gdk_display_get_default ());

  for (const char *p = text; *p != '\0'; p++)
    {
      char name[2] = { *p, '\0' };
      KeyCode code = XKeysymToKeycode (display, *p == ' ' ? XK_space : XStringToKeysym (name));

      g_assert_cmpint (code, !=, 0);
      XTestFakeKeyEvent (display, code, True, CurrentTime);
      XTestFakeKeyEvent (display, code, False, CurrentTime);
    }
  XFlush (display);
}

static gboolean
timeout_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
mado_test_wait_until (gboolean (*condition) (gpointer data),
                    gpointer   data,
                    guint      timeout_ms)
{
  gboolean timed_out = FALSE;
  guint source = g_timeout_add (timeout_ms, timeout_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (source);

  return condition (data);
}

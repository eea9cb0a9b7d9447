/* mado-welcome-page.c: the resident picks a language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-welcome-page.h"

#include <glib/gi18n.h>

#include "mado-language.h"
#include "mado-ui-text.h"

#define GREETING_SECONDS 3

struct _MadoWelcomePage
{
  AdwBin      parent_instance;

  GtkStack   *greeting_stack;
  GtkFlowBox *tiles;

  guint       cycle_source;
};

G_DEFINE_FINAL_TYPE (MadoWelcomePage, mado_welcome_page, ADW_TYPE_BIN)

static GtkWidget *
make_greeting (const MadoLanguage *language)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *greeting = gtk_label_new (NULL);
  GtkWidget *prompt = gtk_label_new (NULL);

  mado_ui_label_set_text (GTK_LABEL (greeting), language->greeting, language->code);
  mado_ui_label_set_text (GTK_LABEL (prompt), language->prompt, language->code);
  gtk_widget_add_css_class (greeting, "greeting");
  gtk_widget_add_css_class (prompt, "greeting-prompt");
  gtk_label_set_wrap (GTK_LABEL (prompt), TRUE);
  gtk_label_set_justify (GTK_LABEL (prompt), GTK_JUSTIFY_CENTER);
  gtk_box_append (GTK_BOX (box), greeting);
  gtk_box_append (GTK_BOX (box), prompt);

  return box;
}

static GtkWidget *
make_tile (const MadoLanguage *language)
{
  g_autofree char *name = g_strconcat ("language-tile-", language->code, NULL);
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *native_name = gtk_label_new (NULL);
  GtkWidget *japanese_name = gtk_label_new (NULL);

  mado_ui_label_set_text (GTK_LABEL (native_name), language->native_name, language->code);
  mado_ui_label_set_text (GTK_LABEL (japanese_name), language->japanese_name, MADO_STAFF_LANGUAGE);
  gtk_widget_add_css_class (native_name, "tile-native");
  gtk_widget_add_css_class (japanese_name, "tile-staff");
  gtk_box_append (GTK_BOX (box), native_name);
  gtk_box_append (GTK_BOX (box), japanese_name);

  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_set_name (button, name);
  gtk_widget_add_css_class (button, "language-tile");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.choose-language");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", language->code);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, language->native_name,
                                  -1);

  return button;
}

static gboolean
show_next_greeting_cb (gpointer user_data)
{
  MadoWelcomePage *self = user_data;
  GtkWidget *visible = gtk_stack_get_visible_child (self->greeting_stack);
  GtkWidget *next = visible != NULL ? gtk_widget_get_next_sibling (visible) : NULL;

  if (next == NULL)
    next = gtk_widget_get_first_child (GTK_WIDGET (self->greeting_stack));
  if (next != NULL)
    gtk_stack_set_visible_child (self->greeting_stack, next);

  return G_SOURCE_CONTINUE;
}

void
mado_welcome_page_set_cycling (MadoWelcomePage *self,
                               gboolean         cycling)
{
  g_return_if_fail (MADO_IS_WELCOME_PAGE (self));

  if (cycling && self->cycle_source == 0)
    self->cycle_source = g_timeout_add_seconds (GREETING_SECONDS, show_next_greeting_cb, self);
  else if (!cycling)
    g_clear_handle_id (&self->cycle_source, g_source_remove);
}

void
mado_welcome_page_set_languages (MadoWelcomePage    *self,
                                 const char * const *codes)
{
  GtkWidget *child;

  g_return_if_fail (MADO_IS_WELCOME_PAGE (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tiles))) != NULL)
    gtk_flow_box_remove (self->tiles, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->greeting_stack))) != NULL)
    gtk_stack_remove (self->greeting_stack, child);

  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    {
      const MadoLanguage *language = mado_language_lookup (codes[i]);

      if (language == NULL)
        continue;

      gtk_flow_box_append (self->tiles, make_tile (language));
      gtk_stack_add_named (self->greeting_stack, make_greeting (language), language->code);
    }
}

static void
mado_welcome_page_dispose (GObject *object)
{
  MadoWelcomePage *self = MADO_WELCOME_PAGE (object);

  g_clear_handle_id (&self->cycle_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), MADO_TYPE_WELCOME_PAGE);

  G_OBJECT_CLASS (mado_welcome_page_parent_class)->dispose (object);
}

static void
mado_welcome_page_class_init (MadoWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mado_welcome_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/jp/madoguchi/Kiosk/mado-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MadoWelcomePage, greeting_stack);
  gtk_widget_class_bind_template_child (widget_class, MadoWelcomePage, tiles);
}

static void
mado_welcome_page_init (MadoWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

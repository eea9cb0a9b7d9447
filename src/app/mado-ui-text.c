/* mado-ui-text.c: putting text on screen in its own language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-ui-text.h"

#include "mado-catalog.h"
#include "mado-language.h"
#include "mado-ruby.h"

static PangoAttrList *
language_attributes (const char *language)
{
  const MadoLanguage *entry = mado_language_lookup (language);
  PangoAttrList *attributes = pango_attr_list_new ();

  if (entry != NULL)
    pango_attr_list_insert (attributes,
                            pango_attr_language_new (pango_language_from_string (entry->pango_language)));

  return attributes;
}

void
mado_ui_label_set_text (GtkLabel   *label,
                        const char *text,
                        const char *language)
{
  g_autoptr(PangoAttrList) attributes = language_attributes (language);

  g_return_if_fail (GTK_IS_LABEL (label));

  if (text != NULL && g_strcmp0 (language, "ja-x-easy") == 0 && mado_ruby_has_markup (text))
    {
      g_autofree char *markup = mado_ruby_to_markup (text);

      gtk_label_set_markup (label, markup);
    }
  else
    {
      gtk_label_set_text (label, text != NULL ? text : "");
    }

  gtk_label_set_attributes (label, attributes);
}

/* Entries and text views take the language through their attributes; labels through the function above. */
void
mado_ui_widget_set_language (GtkWidget  *widget,
                             const char *language)
{
  g_autoptr(PangoAttrList) attributes = language_attributes (language);

  /* Entry rows and search entries are editables that delegate to an inner GtkText. */
  while (GTK_IS_EDITABLE (widget) && !GTK_IS_TEXT (widget) && gtk_editable_get_delegate (GTK_EDITABLE (widget)) != NULL)
    widget = GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (widget)));

  if (GTK_IS_LABEL (widget))
    gtk_label_set_attributes (GTK_LABEL (widget), attributes);
  else if (GTK_IS_TEXT (widget))
    gtk_text_set_attributes (GTK_TEXT (widget), attributes);
}

const char *
mado_ui_resident_text (const char *language,
                       const char *msgid)
{
  return mado_catalog_translate (mado_catalog_get_default (), language, msgid);
}

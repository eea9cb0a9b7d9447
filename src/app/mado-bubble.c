/* mado-bubble.c: one turn of the dialogue, in both languages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-bubble.h"

#include <glib/gi18n.h>

#include "mado-language.h"
#include "mado-ui-text.h"

struct _MadoBubble
{
  AdwBin       parent_instance;

  GtkLabel    *speaker_label;
  GtkLabel    *verified_label;
  GtkButton   *replay_button;
  GtkLabel    *staff_label;
  GtkLabel    *resident_label;

  MadoSpeaker  speaker;
  char        *staff_text;
  char        *resident_text;
  char        *resident_language;
};

G_DEFINE_FINAL_TYPE (MadoBubble, mado_bubble, ADW_TYPE_BIN)

enum {
  SIGNAL_REPLAY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
replay_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_signal_emit (widget, signals[SIGNAL_REPLAY], 0);
}

static void
mado_bubble_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), MADO_TYPE_BUBBLE);

  G_OBJECT_CLASS (mado_bubble_parent_class)->dispose (object);
}

static void
mado_bubble_finalize (GObject *object)
{
  MadoBubble *self = MADO_BUBBLE (object);

  g_free (self->staff_text);
  g_free (self->resident_text);
  g_free (self->resident_language);

  G_OBJECT_CLASS (mado_bubble_parent_class)->finalize (object);
}

static void
mado_bubble_class_init (MadoBubbleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mado_bubble_dispose;
  object_class->finalize = mado_bubble_finalize;

  /**
   * MadoBubble::replay:
   *
   * The clerk or the resident asked to hear the resident-language text again.
   */
  signals[SIGNAL_REPLAY] = g_signal_new ("replay", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/jp/madoguchi/Kiosk/mado-bubble.ui");
  gtk_widget_class_bind_template_child (widget_class, MadoBubble, speaker_label);
  gtk_widget_class_bind_template_child (widget_class, MadoBubble, verified_label);
  gtk_widget_class_bind_template_child (widget_class, MadoBubble, replay_button);
  gtk_widget_class_bind_template_child (widget_class, MadoBubble, staff_label);
  gtk_widget_class_bind_template_child (widget_class, MadoBubble, resident_label);

  gtk_widget_class_install_action (widget_class, "bubble.replay", NULL, replay_action);
}

static void
mado_bubble_init (MadoBubble *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

MadoBubble *
mado_bubble_new (MadoSpeaker  speaker,
                 const char  *staff_text,
                 const char  *resident_text,
                 const char  *resident_language,
                 gboolean     verified)
{
  MadoBubble *self = g_object_new (MADO_TYPE_BUBBLE, NULL);
  const MadoLanguage *language = mado_language_lookup (resident_language);
  g_autofree char *speaker_text = NULL;
  g_autofree char *verified_text = NULL;
  g_autofree char *replay_tooltip = NULL;

  self->speaker = speaker;
  self->staff_text = g_strdup (staff_text);
  self->resident_text = g_strdup (resident_text);
  self->resident_language = g_strdup (resident_language);

  /* The speaker line and tags are read by both people, so they carry both languages. */
  if (speaker == MADO_SPEAKER_STAFF)
    speaker_text = g_strdup_printf ("%s · %s", _("Staff"),
                                    mado_ui_resident_text (resident_language, "Staff"));
  else
    speaker_text = g_strdup_printf ("%s · %s", _("Resident"),
                                    mado_ui_resident_text (resident_language, "You"));
  gtk_label_set_text (self->speaker_label, speaker_text);

  verified_text = g_strdup_printf ("%s · %s", _("Registered phrase"),
                                   mado_ui_resident_text (resident_language, "Checked phrase"));
  gtk_label_set_text (self->verified_label, verified_text);
  gtk_widget_set_visible (GTK_WIDGET (self->verified_label), verified);

  replay_tooltip = g_strdup_printf ("%s / %s", _("Play again"),
                                    mado_ui_resident_text (resident_language, "Play again"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->replay_button), replay_tooltip);
  gtk_widget_set_visible (GTK_WIDGET (self->replay_button),
                          language != NULL && mado_language_has_voice (language));

  mado_ui_label_set_text (self->staff_label, staff_text, MADO_STAFF_LANGUAGE);
  mado_ui_label_set_text (self->resident_label, resident_text, resident_language);
  /* The frame is the bin's own child: it is not bound as a template child, because disposing the
   * template would unparent it behind AdwBin's back. */
  gtk_widget_add_css_class (adw_bin_get_child (ADW_BIN (self)),
                            speaker == MADO_SPEAKER_STAFF ? "from-staff" : "from-resident");

  return self;
}

const char *
mado_bubble_get_staff_text (MadoBubble *self)
{
  g_return_val_if_fail (MADO_IS_BUBBLE (self), NULL);
  return self->staff_text;
}

const char *
mado_bubble_get_resident_text (MadoBubble *self)
{
  g_return_val_if_fail (MADO_IS_BUBBLE (self), NULL);
  return self->resident_text;
}

const char *
mado_bubble_get_resident_language (MadoBubble *self)
{
  g_return_val_if_fail (MADO_IS_BUBBLE (self), NULL);
  return self->resident_language;
}

MadoSpeaker
mado_bubble_get_speaker (MadoBubble *self)
{
  g_return_val_if_fail (MADO_IS_BUBBLE (self), MADO_SPEAKER_STAFF);
  return self->speaker;
}

/* mado-rotated-bin.c: a container that can turn its child upside down
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-rotated-bin.h"

struct _MadoRotatedBin
{
  GtkWidget  parent_instance;

  GtkWidget *child;
  gboolean   rotated;
};

static void mado_rotated_bin_buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MadoRotatedBin, mado_rotated_bin, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE, mado_rotated_bin_buildable_init))

enum {
  PROP_0,
  PROP_CHILD,
  PROP_ROTATED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
static GtkBuildableIface *parent_buildable_iface;

static void
mado_rotated_bin_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  MadoRotatedBin *self = MADO_ROTATED_BIN (widget);

  if (self->child != NULL)
    gtk_widget_measure (self->child, orientation, for_size, minimum, natural, NULL, NULL);
}

/* Half a turn about the centre: move the origin to the far corner, then rotate by 180°. */
static void
mado_rotated_bin_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  MadoRotatedBin *self = MADO_ROTATED_BIN (widget);
  GskTransform *transform = NULL;

  if (self->child == NULL)
    return;

  if (self->rotated)
    {
      transform = gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (width, height));
      transform = gsk_transform_rotate (transform, 180);
    }

  gtk_widget_allocate (self->child, width, height, -1, transform);
}

static GtkSizeRequestMode
mado_rotated_bin_get_request_mode (GtkWidget *widget)
{
  MadoRotatedBin *self = MADO_ROTATED_BIN (widget);

  return self->child != NULL ? gtk_widget_get_request_mode (self->child) : GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
mado_rotated_bin_dispose (GObject *object)
{
  MadoRotatedBin *self = MADO_ROTATED_BIN (object);

  g_clear_pointer (&self->child, gtk_widget_unparent);

  G_OBJECT_CLASS (mado_rotated_bin_parent_class)->dispose (object);
}

static void
mado_rotated_bin_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MadoRotatedBin *self = MADO_ROTATED_BIN (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      g_value_set_object (value, self->child);
      break;
    case PROP_ROTATED:
      g_value_set_boolean (value, self->rotated);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mado_rotated_bin_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  MadoRotatedBin *self = MADO_ROTATED_BIN (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      mado_rotated_bin_set_child (self, g_value_get_object (value));
      break;
    case PROP_ROTATED:
      mado_rotated_bin_set_rotated (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mado_rotated_bin_class_init (MadoRotatedBinClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mado_rotated_bin_dispose;
  object_class->get_property = mado_rotated_bin_get_property;
  object_class->set_property = mado_rotated_bin_set_property;

  widget_class->measure = mado_rotated_bin_measure;
  widget_class->size_allocate = mado_rotated_bin_size_allocate;
  widget_class->get_request_mode = mado_rotated_bin_get_request_mode;

  properties[PROP_CHILD] =
    g_param_spec_object ("child", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROTATED] =
    g_param_spec_boolean ("rotated", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mado_rotated_bin_add_child (GtkBuildable *buildable,
                            GtkBuilder   *builder,
                            GObject      *child,
                            const char   *type)
{
  if (GTK_IS_WIDGET (child))
    mado_rotated_bin_set_child (MADO_ROTATED_BIN (buildable), GTK_WIDGET (child));
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
mado_rotated_bin_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = mado_rotated_bin_add_child;
}

static void
mado_rotated_bin_init (MadoRotatedBin *self)
{
}

GtkWidget *
mado_rotated_bin_new (void)
{
  return g_object_new (MADO_TYPE_ROTATED_BIN, NULL);
}

/* Returns: (transfer none) (nullable): the child */
GtkWidget *
mado_rotated_bin_get_child (MadoRotatedBin *self)
{
  g_return_val_if_fail (MADO_IS_ROTATED_BIN (self), NULL);
  return self->child;
}

void
mado_rotated_bin_set_child (MadoRotatedBin *self,
                            GtkWidget      *child)
{
  g_return_if_fail (MADO_IS_ROTATED_BIN (self));
  g_return_if_fail (child == NULL || GTK_IS_WIDGET (child));

  if (self->child == child)
    return;

  g_clear_pointer (&self->child, gtk_widget_unparent);
  if (child != NULL)
    {
      self->child = child;
      gtk_widget_set_parent (child, GTK_WIDGET (self));
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHILD]);
}

gboolean
mado_rotated_bin_get_rotated (MadoRotatedBin *self)
{
  g_return_val_if_fail (MADO_IS_ROTATED_BIN (self), FALSE);
  return self->rotated;
}

void
mado_rotated_bin_set_rotated (MadoRotatedBin *self,
                              gboolean        rotated)
{
  g_return_if_fail (MADO_IS_ROTATED_BIN (self));

  rotated = !!rotated;
  if (self->rotated == rotated)
    return;

  self->rotated = rotated;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROTATED]);
}

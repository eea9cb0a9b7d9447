/* mado-baresip-leg-private.h: what the two halves of a baresip leg share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mado-baresip-control.h"
#include "mado-baresip-leg.h"

G_BEGIN_DECLS

struct _MadoBaresipLeg
{
  MadoCallLeg         parent_instance;

  char               *dial_target;
  char               *config_folder;     /* removed as soon as the helper has read it */
  GSubprocess        *process;
  GDataInputStream   *output;
  MadoBaresipControl *control;
  GCancellable       *cancellable;
  guint16             control_port;

  guint               startup_timeout_id;
  guint               quit_timeout_id;
  guint               dtmf_timeout_id;
  guint               close_grace_id;

  GQueue              dtmf_requests;     /* char *, the head being sent */
  gsize               dtmf_position;

  char               *audio_failure;     /* from the helper's log: a device it could not open */
  char               *last_log_line;
  gboolean            dial_sent;
  gboolean            hang_up_requested;
  gboolean            quitting;          /* holds a reference to itself until the helper exits */

  /* CALL_CLOSED arrived; its meaning is applied once the log has caught up (apply_close()). */
  gboolean            closing;
  MadoCallFailure     close_failure;
  char               *close_detail;
  gboolean            close_by_remote;
};

/* mado-baresip-leg.c: the helper process */
gboolean mado_baresip_leg_is_final        (MadoBaresipLeg *self);
/* Asks the helper to quit (or signals it) and holds the leg until it has exited. */
void     mado_baresip_leg_ask_to_quit     (MadoBaresipLeg *self);
void     mado_baresip_leg_remove_config_folder (MadoBaresipLeg *self);

/* mado-baresip-leg-control.c: the control connection */
void     mado_baresip_leg_connect_control (MadoBaresipLeg *self);
void     mado_baresip_leg_apply_close     (MadoBaresipLeg *self);
void     mado_baresip_leg_hang_up         (MadoCallLeg    *leg);
void     mado_baresip_leg_send_dtmf       (MadoCallLeg    *leg,
                                           const char     *digits);

G_END_DECLS

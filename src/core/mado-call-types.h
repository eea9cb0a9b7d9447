/* mado-call-types.h: call states, failure reasons and the call error domain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The states a call goes through, as the clerk sees them. One SIP call (a MadoCallLeg) moves
 * idle → dialling → ringing → connected → ended, or ends in failed at any point; it never
 * enters dial-by-hand. The interpreter call that walks a fallback chain (MadoInterpreterCall)
 * uses every state: it ends in dial-by-hand when no service in the chain took the call. */
typedef enum {
  MADO_CALL_STATE_IDLE,
  MADO_CALL_STATE_DIALLING,
  MADO_CALL_STATE_RINGING,
  MADO_CALL_STATE_CONNECTED,
  MADO_CALL_STATE_ENDED,         /* hung up by either side, or cancelled before the answer */
  MADO_CALL_STATE_FAILED,        /* see the failure reason */
  MADO_CALL_STATE_DIAL_BY_HAND,  /* every service was tried or closed: show the manual number */
} MadoCallState;

/* Why a call did not happen, or broke. */
typedef enum {
  MADO_CALL_FAILURE_NONE,
  MADO_CALL_FAILURE_BUSY,          /* 486 Busy Here, 600 Busy Everywhere */
  MADO_CALL_FAILURE_NO_ANSWER,     /* rang until the answer timeout, or 480, 408 */
  MADO_CALL_FAILURE_UNREACHABLE,   /* no route, DNS failure, connection refused, silence, 404, 503 */
  MADO_CALL_FAILURE_REJECTED,      /* 403 Forbidden, 603 Decline */
  MADO_CALL_FAILURE_SIP_ERROR,     /* any other final SIP error (401/407 after credentials, 488, 500…) */
  MADO_CALL_FAILURE_CLOSED,        /* the service is closed at this hour, so it was not called */
  MADO_CALL_FAILURE_AUDIO_DEVICE,  /* the tablet's microphone or loudspeaker could not be opened */
  MADO_CALL_FAILURE_HELPER_DIED,   /* the SIP helper process could not start, or died */
} MadoCallFailure;

#define MADO_TYPE_CALL_STATE   (mado_call_state_get_type ())
#define MADO_TYPE_CALL_FAILURE (mado_call_failure_get_type ())

GType           mado_call_state_get_type          (void) G_GNUC_CONST;
GType           mado_call_failure_get_type        (void) G_GNUC_CONST;

/* Stable lower-case names ("dialling", "no-answer"), used in the usage log, the admin tool's
 * output and the context webhook. */
const char     *mado_call_state_to_string         (MadoCallState    state);
const char     *mado_call_failure_to_string       (MadoCallFailure  failure);
gboolean        mado_call_failure_from_string     (const char      *name,
                                                   MadoCallFailure *out_failure);
/* What a final SIP response code (300–699) means for the clerk. */
MadoCallFailure mado_call_failure_from_sip_status (guint            status);
/* A local failure (the tablet's audio or its SIP helper) would fail again with any other service,
 * so a fallback chain stops on it instead of moving on. */
gboolean        mado_call_failure_is_local        (MadoCallFailure  failure);
gboolean        mado_call_state_is_final          (MadoCallState    state);

#define MADO_CALL_ERROR (mado_call_error_quark ())

typedef enum {
  MADO_CALL_ERROR_HELPER_MISSING,  /* the SIP helper program is not installed or cannot be run */
  MADO_CALL_ERROR_HELPER_FAILED,   /* it started but did not come up or stopped answering */
  MADO_CALL_ERROR_INVALID_URI,     /* a SIP URI or phone number that cannot be called */
  MADO_CALL_ERROR_INVALID_SETUP,   /* an account, device name or address the helper cannot be given */
  MADO_CALL_ERROR_INVALID_DIGITS,  /* DTMF digits other than 0-9 * # A-D and the pause "," */
  MADO_CALL_ERROR_WRONG_STATE,     /* e.g. DTMF before the call is connected */
} MadoCallError;

GQuark   mado_call_error_quark    (void);

/* DTMF digits the directory and the admin tool accept: 0-9, *, #, A-D, and "," for a one-second
 * pause. */
gboolean mado_call_check_dtmf     (const char  *digits,
                                   GError     **error);

G_END_DECLS

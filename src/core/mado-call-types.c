/* mado-call-types.c: call states, failure reasons and the call error domain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-call-types.h"

#include <string.h>

G_DEFINE_QUARK (mado-call-error-quark, mado_call_error)

G_DEFINE_ENUM_TYPE (MadoCallState, mado_call_state,
  G_DEFINE_ENUM_VALUE (MADO_CALL_STATE_IDLE, "idle"),
  G_DEFINE_ENUM_VALUE (MADO_CALL_STATE_DIALLING, "dialling"),
  G_DEFINE_ENUM_VALUE (MADO_CALL_STATE_RINGING, "ringing"),
  G_DEFINE_ENUM_VALUE (MADO_CALL_STATE_CONNECTED, "connected"),
  G_DEFINE_ENUM_VALUE (MADO_CALL_STATE_ENDED, "ended"),
  G_DEFINE_ENUM_VALUE (MADO_CALL_STATE_FAILED, "failed"),
  G_DEFINE_ENUM_VALUE (MADO_CALL_STATE_DIAL_BY_HAND, "dial-by-hand"))

G_DEFINE_ENUM_TYPE (MadoCallFailure, mado_call_failure,
  G_DEFINE_ENUM_VALUE (MADO_CALL_FAILURE_NONE, "none"),
  G_DEFINE_ENUM_VALUE (MADO_CALL_FAILURE_BUSY, "busy"),
  G_DEFINE_ENUM_VALUE (MADO_CALL_FAILURE_NO_ANSWER, "no-answer"),
  G_DEFINE_ENUM_VALUE (MADO_CALL_FAILURE_UNREACHABLE, "unreachable"),
  G_DEFINE_ENUM_VALUE (MADO_CALL_FAILURE_REJECTED, "rejected"),
  G_DEFINE_ENUM_VALUE (MADO_CALL_FAILURE_SIP_ERROR, "sip-error"),
  G_DEFINE_ENUM_VALUE (MADO_CALL_FAILURE_CLOSED, "closed"),
  G_DEFINE_ENUM_VALUE (MADO_CALL_FAILURE_AUDIO_DEVICE, "audio-device"),
  G_DEFINE_ENUM_VALUE (MADO_CALL_FAILURE_HELPER_DIED, "helper-died"))

/* The enum types' nicks are the stable names, so the strings live in one place. */
static const char *
enum_nick (GType type,
           int   value)
{
  g_autoptr(GEnumClass) enum_class = g_type_class_ref (type);
  GEnumValue *enum_value = g_enum_get_value (enum_class, value);

  return enum_value != NULL ? enum_value->value_nick : NULL;
}

const char *
mado_call_state_to_string (MadoCallState state)
{
  const char *nick = enum_nick (MADO_TYPE_CALL_STATE, state);

  g_return_val_if_fail (nick != NULL, NULL);
  return nick;
}

const char *
mado_call_failure_to_string (MadoCallFailure failure)
{
  const char *nick = enum_nick (MADO_TYPE_CALL_FAILURE, failure);

  g_return_val_if_fail (nick != NULL, NULL);
  return nick;
}

gboolean
mado_call_failure_from_string (const char      *name,
                               MadoCallFailure *out_failure)
{
  g_autoptr(GEnumClass) enum_class = NULL;
  GEnumValue *value;

  g_return_val_if_fail (out_failure != NULL, FALSE);

  if (name == NULL)
    return FALSE;

  enum_class = g_type_class_ref (MADO_TYPE_CALL_FAILURE);
  value = g_enum_get_value_by_nick (enum_class, name);
  if (value == NULL)
    return FALSE;

  *out_failure = value->value;
  return TRUE;
}

/**
 * mado_call_failure_from_sip_status:
 * @status: a final SIP response code
 *
 * 404 and 503 count as unreachable rather than rejected: to a clerk they mean "that line is not
 * there right now", and trying the next service is the right move. 3xx redirections are
 * followed by neither side here, so they are SIP errors like any other unexpected answer.
 */
MadoCallFailure
mado_call_failure_from_sip_status (guint status)
{
  switch (status)
    {
    case 486:
    case 600:
      return MADO_CALL_FAILURE_BUSY;
    case 408:
    case 480:
      return MADO_CALL_FAILURE_NO_ANSWER;
    case 404:
    case 410:
    case 502:
    case 503:
    case 504:
    case 604:
      return MADO_CALL_FAILURE_UNREACHABLE;
    case 403:
    case 603:
      return MADO_CALL_FAILURE_REJECTED;
    default:
      return MADO_CALL_FAILURE_SIP_ERROR;
    }
}

gboolean
mado_call_failure_is_local (MadoCallFailure failure)
{
  return failure == MADO_CALL_FAILURE_AUDIO_DEVICE || failure == MADO_CALL_FAILURE_HELPER_DIED;
}

gboolean
mado_call_state_is_final (MadoCallState state)
{
  return state == MADO_CALL_STATE_ENDED || state == MADO_CALL_STATE_FAILED ||
         state == MADO_CALL_STATE_DIAL_BY_HAND;
}

gboolean
mado_call_check_dtmf (const char  *digits,
                      GError     **error)
{
  g_return_val_if_fail (digits != NULL, FALSE);

  if (*digits == '\0')
    {
      g_set_error_literal (error, MADO_CALL_ERROR, MADO_CALL_ERROR_INVALID_DIGITS, "The DTMF digits are empty");
      return FALSE;
    }

  if (!g_utf8_validate (digits, -1, NULL))
    {
      g_set_error_literal (error, MADO_CALL_ERROR, MADO_CALL_ERROR_INVALID_DIGITS,
                           "The DTMF digits are not readable text");
      return FALSE;
    }

  for (const char *p = digits; *p != '\0'; p = g_utf8_next_char (p))
    if (strchr ("0123456789*#ABCD,", *p) == NULL)
      {
        g_set_error (error, MADO_CALL_ERROR, MADO_CALL_ERROR_INVALID_DIGITS,
                     "The DTMF digits “%s” contain “%.*s”; only 0-9, *, #, A-D and “,” (a one-second "
                     "pause) can be sent", digits, (int) (g_utf8_next_char (p) - p), p);
        return FALSE;
      }

  return TRUE;
}

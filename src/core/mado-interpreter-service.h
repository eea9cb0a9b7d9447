/* mado-interpreter-service.h: one phone interpreter service of the directory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "mado-call-backend.h"

G_BEGIN_DECLS

/* An opening range within one day, in minutes after midnight: start ≤ t < end, end ≤ 1440. */
typedef struct {
  guint16 start_minute;
  guint16 end_minute;
} MadoOpeningRange;

#define MADO_TYPE_INTERPRETER_SERVICE (mado_interpreter_service_get_type ())
G_DECLARE_FINAL_TYPE (MadoInterpreterService, mado_interpreter_service, MADO, INTERPRETER_SERVICE, GObject)

/* Services are made by MadoInterpreterDirectory from its file and never change afterwards. */
const char         *mado_interpreter_service_get_id            (MadoInterpreterService *self);
/* The name in Japanese ("ja") or English (any other language: residents who read neither see
 * the English name, which the directory always has). */
const char         *mado_interpreter_service_get_name          (MadoInterpreterService *self,
                                                                const char             *language);
/* Exactly one of the two is set. The number is as the admin wrote it, for showing. */
const char         *mado_interpreter_service_get_sip_uri       (MadoInterpreterService *self);
const char         *mado_interpreter_service_get_number        (MadoInterpreterService *self);
/* Whether calls go through the directory's trunk: always for numbers, on request for SIP URIs. */
gboolean            mado_interpreter_service_get_via_trunk     (MadoInterpreterService *self);
/* The URI to dial: the SIP URI, or the number at the trunk's domain. */
char               *mado_interpreter_service_dup_dial_uri      (MadoInterpreterService *self,
                                                                const MadoSipTrunk     *trunk);
const char * const *mado_interpreter_service_get_languages     (MadoInterpreterService *self);
gboolean            mado_interpreter_service_covers            (MadoInterpreterService *self,
                                                                const char             *language);
/* Digits that pick @language in the service's voice menu, or NULL. */
const char         *mado_interpreter_service_get_dtmf          (MadoInterpreterService *self,
                                                                const char             *language);
/* How long after the answer the digits are sent, so the voice menu is listening. */
guint               mado_interpreter_service_get_dtmf_delay_ms (MadoInterpreterService *self);

/* Opening hours, in the directory's time zone. A service without "hours" is always open. */
gboolean            mado_interpreter_service_has_hours         (MadoInterpreterService *self);
/* @weekday: G_DATE_MONDAY … G_DATE_SUNDAY. Returns the ranges of that day in order. */
const MadoOpeningRange *mado_interpreter_service_get_hours     (MadoInterpreterService *self,
                                                                GDateWeekday            weekday,
                                                                guint                  *n_ranges);
/* @when must already be in the directory's time zone (MadoInterpreterDirectory does that). */
gboolean            mado_interpreter_service_is_open_at        (MadoInterpreterService *self,
                                                                GDateTime              *when);

G_END_DECLS

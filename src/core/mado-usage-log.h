/* mado-usage-log.h: anonymous usage figures in SQLite (interpreter handoffs)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mado-call-types.h"

G_BEGIN_DECLS

#define MADO_USAGE_ERROR (mado_usage_error_quark ())

typedef enum {
  MADO_USAGE_ERROR_OPEN,       /* the file cannot be opened or created */
  MADO_USAGE_ERROR_READ_ONLY,  /* the file or its folder is not writable */
  MADO_USAGE_ERROR_CORRUPT,    /* not a database, or another program's database */
  MADO_USAGE_ERROR_TOO_NEW,    /* written by a newer Madoguchi */
  MADO_USAGE_ERROR_INVALID,    /* a record the log cannot keep */
  MADO_USAGE_ERROR_SQL,        /* any other SQLite failure; the message has SQLite's text */
} MadoUsageError;

GQuark mado_usage_error_quark (void);

/* How one press of the interpreter button ended. */
typedef enum {
  MADO_HANDOFF_CONNECTED,     /* an interpreter was on the line */
  MADO_HANDOFF_DIAL_BY_HAND,  /* no service took the call; the manual number was shown */
  MADO_HANDOFF_CANCELLED,     /* the clerk hung up before anyone answered */
  MADO_HANDOFF_FAILED,        /* the tablet's audio or SIP helper failed */
} MadoHandoffOutcome;

#define MADO_TYPE_HANDOFF_OUTCOME (mado_handoff_outcome_get_type ())

GType       mado_handoff_outcome_get_type  (void) G_GNUC_CONST;
const char *mado_handoff_outcome_to_string (MadoHandoffOutcome outcome);

/* One service tried. @outcome is "connected", "cancelled" or a failure name ("busy", "closed", …). */
typedef struct {
  const char *service_id;
  const char *outcome;
  guint       duration_seconds;
} MadoHandoffAttempt;

/* What is kept of a handoff: no audio, no transcript, no phone number, nothing about the resident
 * but the language. */
typedef struct {
  GDateTime                *started_at;
  const char               *language;
  const char               *service_id;        /* nullable: the service that answered, or the last tried */
  MadoHandoffOutcome        outcome;
  MadoCallFailure           failure;           /* the last failure, NONE when none */
  guint                     duration_seconds;  /* time connected */
  const MadoHandoffAttempt *attempts;
  guint                     n_attempts;
} MadoHandoffRecord;

/* One row of mado_usage_log_count_handoffs(). */
typedef struct {
  char   *language;
  char   *outcome;
  guint   count;
  guint64 total_seconds;
} MadoHandoffCount;

void mado_handoff_count_free (MadoHandoffCount *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoHandoffCount, mado_handoff_count_free)

#define MADO_TYPE_USAGE_LOG (mado_usage_log_get_type ())
G_DECLARE_FINAL_TYPE (MadoUsageLog, mado_usage_log, MADO, USAGE_LOG, GObject)

/* Opens (creating it if needed) the SQLite file, in WAL mode, and runs pending migrations. A
 * file of another program or of a newer Madoguchi is refused and left as it is. */
MadoUsageLog *mado_usage_log_open               (const char               *path,
                                                 GError                  **error);
int           mado_usage_log_get_schema_version (MadoUsageLog             *self);
/* Writes the handoff and its attempts in one transaction; @out_id (nullable) gets its row id. */
gboolean      mado_usage_log_record_handoff     (MadoUsageLog             *self,
                                                 const MadoHandoffRecord  *record,
                                                 gint64                   *out_id,
                                                 GError                  **error);
/* Handoffs counted by language and outcome for [@since, @until) (either may be NULL for no bound),
 * ordered by language, then outcome. */
GPtrArray    *mado_usage_log_count_handoffs     (MadoUsageLog             *self,
                                                 GDateTime                *since,
                                                 GDateTime                *until,
                                                 GError                  **error);

G_END_DECLS

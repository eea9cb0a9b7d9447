/* mado-context-webhook.h: telling the interpreter's system what the call is about
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mado-settings.h"

G_BEGIN_DECLS

#define MADO_WEBHOOK_ERROR (mado_webhook_error_quark ())

typedef enum {
  MADO_WEBHOOK_ERROR_INVALID_URL,    /* not an http(s) URL with a host */
  MADO_WEBHOOK_ERROR_INSECURE_URL,   /* plain http to anything but this machine */
  MADO_WEBHOOK_ERROR_TIMEOUT,        /* no answer within the timeout */
  MADO_WEBHOOK_ERROR_HTTP_STATUS,    /* the server answered with a status other than 2xx */
  MADO_WEBHOOK_ERROR_NETWORK,        /* the server could not be reached, or TLS failed */
} MadoWebhookError;

GQuark mado_webhook_error_quark (void);

/* One turn of the conversation, as the app shows it. */
typedef struct {
  char *speaker;      /* "staff" or "resident" */
  char *language;     /* of @text */
  char *text;
  char *translation;  /* nullable */
} MadoContextTurn;

#define MADO_TYPE_CONTEXT_TURN (mado_context_turn_get_type ())

GType            mado_context_turn_get_type (void) G_GNUC_CONST;
MadoContextTurn *mado_context_turn_new      (const char            *speaker,
                                             const char            *language,
                                             const char            *text,
                                             const char            *translation);
MadoContextTurn *mado_context_turn_copy     (const MadoContextTurn *self);
void             mado_context_turn_free     (MadoContextTurn       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoContextTurn, mado_context_turn_free)

/* What is sent when an interpreter call connects. */
typedef struct {
  const char *language;       /* the resident's language */
  const char *counter_name;   /* nullable */
  const char *genre;          /* nullable: the phrase-set genre open on the screen */
  const char *service_id;
  const char *service_name;   /* in English */
  const char *call_id;        /* nullable: the SIP Call-ID, so the interpreter's system can match the call */
  GDateTime  *started_at;
  GPtrArray  *turns;          /* nullable, MadoContextTurn, oldest first; only the last few are sent */
} MadoHandoffContext;

#define MADO_CONTEXT_WEBHOOK_MAX_TURNS 6

#define MADO_TYPE_CONTEXT_WEBHOOK (mado_context_webhook_get_type ())
G_DECLARE_FINAL_TYPE (MadoContextWebhook, mado_context_webhook, MADO, CONTEXT_WEBHOOK, GObject)

/* @url must be https, except http to 127.0.0.1, ::1 or localhost (for a gateway on the tablet and
 * for tests). Turns are sent only when @send_turns is TRUE, which only the admin's
 * interpreter-webhook-transcripts setting turns on. */
MadoContextWebhook *mado_context_webhook_new            (const char                *url,
                                                         guint                      timeout_ms,
                                                         gboolean                   send_turns,
                                                         GError                   **error);
/* The webhook the settings describe (interpreter-webhook-url, -timeout, -transcripts); NULL
 * without an error when no address is set, NULL with one when the address cannot be used. */
MadoContextWebhook *mado_context_webhook_new_for_settings (MadoSettings            *settings,
                                                           GError                 **error);
const char         *mado_context_webhook_get_url        (MadoContextWebhook        *self);
gboolean            mado_context_webhook_get_send_turns (MadoContextWebhook        *self);

/* The JSON body (docs/interpreters.md). */
GBytes             *mado_context_webhook_build_body     (MadoContextWebhook        *self,
                                                         const MadoHandoffContext  *context);
/* POSTs the body. Finishes within the timeout whatever the server does. */
void                mado_context_webhook_post_async     (MadoContextWebhook        *self,
                                                         const MadoHandoffContext  *context,
                                                         GCancellable              *cancellable,
                                                         GAsyncReadyCallback        callback,
                                                         gpointer                   user_data);
gboolean            mado_context_webhook_post_finish    (MadoContextWebhook        *self,
                                                         GAsyncResult              *result,
                                                         GError                   **error);

G_END_DECLS

/* mado-call-backend.h: the telephone seam (a SIP stack that places calls)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mado-call-leg.h"

G_BEGIN_DECLS

/* A SIP trunk or proxy through which phone numbers (and, if a service asks for it, SIP URIs) are
 * called, with the account it knows the kiosk by. */
typedef struct {
  char     *domain;    /* numbers become sip:DIGITS@domain;user=phone */
  char     *proxy;     /* nullable: outbound proxy URI, e.g. "sip:gw.example.invalid:5060;transport=tcp" */
  char     *username;  /* nullable: account user and digest user name */
  char     *password;  /* nullable: digest password; never logged or shown */
  gboolean  registers; /* REGISTER before calling (most trunks take authenticated INVITEs without it) */
} MadoSipTrunk;

#define MADO_TYPE_SIP_TRUNK (mado_sip_trunk_get_type ())

GType         mado_sip_trunk_get_type (void) G_GNUC_CONST;
MadoSipTrunk *mado_sip_trunk_copy     (const MadoSipTrunk *self);
void          mado_sip_trunk_free     (MadoSipTrunk       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoSipTrunk, mado_sip_trunk_free)

typedef struct {
  const char         *uri;          /* sip: or sips: URI with a user part */
  const char         *language;     /* nullable: BCP 47 tag the far end can route on */
  const char         *caller_name;  /* nullable: display name in From (the counter's name) */
  const MadoSipTrunk *trunk;        /* nullable: call through this trunk, with its account */
} MadoDialRequest;

#define MADO_TYPE_CALL_BACKEND (mado_call_backend_get_type ())
G_DECLARE_INTERFACE (MadoCallBackend, mado_call_backend, MADO, CALL_BACKEND, GObject)

struct _MadoCallBackendInterface
{
  GTypeInterface parent_iface;

  MadoCallLeg *(*dial) (MadoCallBackend        *self,
                        const MadoDialRequest  *request,
                        GError                **error);
};

/* Starts a call and returns it in the dialling state (or later). Errors are for calls that cannot
 * even begin: %MADO_CALL_ERROR_INVALID_URI, or %MADO_CALL_ERROR_HELPER_MISSING when the SIP stack
 * is not installed. Everything after that is reported through the leg's state. */
MadoCallLeg *mado_call_backend_dial (MadoCallBackend        *self,
                                     const MadoDialRequest  *request,
                                     GError                **error);

G_END_DECLS

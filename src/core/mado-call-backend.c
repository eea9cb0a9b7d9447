/* mado-call-backend.c: the telephone seam (a SIP stack that places calls)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-call-backend.h"

#include <string.h>

G_DEFINE_BOXED_TYPE (MadoSipTrunk, mado_sip_trunk, mado_sip_trunk_copy, mado_sip_trunk_free)

MadoSipTrunk *
mado_sip_trunk_copy (const MadoSipTrunk *self)
{
  MadoSipTrunk *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (MadoSipTrunk, 1);
  copy->domain = g_strdup (self->domain);
  copy->proxy = g_strdup (self->proxy);
  copy->username = g_strdup (self->username);
  copy->password = g_strdup (self->password);
  copy->registers = self->registers;

  return copy;
}

void
mado_sip_trunk_free (MadoSipTrunk *self)
{
  if (self == NULL)
    return;

  g_free (self->domain);
  g_free (self->proxy);
  g_free (self->username);
  /* The password does not linger in freed memory where a core dump would show it. */
  if (self->password != NULL)
    explicit_bzero (self->password, strlen (self->password));
  g_free (self->password);
  g_free (self);
}

G_DEFINE_INTERFACE (MadoCallBackend, mado_call_backend, G_TYPE_OBJECT)

static void
mado_call_backend_default_init (MadoCallBackendInterface *iface)
{
}

/**
 * mado_call_backend_dial:
 * @request: what to call; the backend copies what it keeps
 *
 * Returns: (transfer full): the call, dialling
 */
MadoCallLeg *
mado_call_backend_dial (MadoCallBackend        *self,
                        const MadoDialRequest  *request,
                        GError                **error)
{
  g_return_val_if_fail (MADO_IS_CALL_BACKEND (self), NULL);
  g_return_val_if_fail (request != NULL && request->uri != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return MADO_CALL_BACKEND_GET_IFACE (self)->dial (self, request, error);
}

/* mado-sip-uri.h: checking SIP URIs and phone numbers from the interpreter directory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The URI parameter that carries the resident's language (see docs/interpreters.md). */
#define MADO_SIP_LANGUAGE_PARAMETER "x-madoguchi-language"

/* Accepts sip: and sips: URIs with a user part, a host name or address, an optional port and
 * optional ;parameters. Errors (MADO_CALL_ERROR_INVALID_URI) say what is wrong in plain words. */
gboolean  mado_sip_uri_check                 (const char  *uri,
                                              GError     **error);
/* The same for the URI of a proxy or server, where the user part may be left out. */
gboolean  mado_sip_uri_check_server          (const char  *uri,
                                              GError     **error);
/* Returns the digits (and a leading "+") of a phone number written with spaces, hyphens, dots or
 * brackets, such as "0120-000-123" or "+81 3 0000 0000". */
char     *mado_phone_number_normalize        (const char  *number,
                                              GError     **error);
/* "sip:0120000123@domain;user=phone" for a normalised number. */
char     *mado_sip_uri_for_number            (const char  *normalized_number,
                                              const char  *domain);
/* Adds ";x-madoguchi-language=TAG" to a checked URI. */
char     *mado_sip_uri_with_language         (const char  *uri,
                                              const char  *language);

G_END_DECLS

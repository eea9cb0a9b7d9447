/* mado-gateway-json.h: writing the gateway's JSON answers, and reading providers' answers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A JSON string for @text (valid UTF-8), or null for %NULL. */
void mado_json_append_string (GString    *out,
                              const char *text);
/* A number with at most @decimals decimals, independent of the locale ("0.25", never "0,25"). */
void mado_json_append_number (GString    *out,
                              double      value,
                              guint       decimals);

/* Follows object members from @root ("resultset", "result", "text", NULL) and returns the string
 * found there, or %NULL when a member is missing or something on the way is not an object or
 * the end is not a string. For reading providers' answers, whose shape is not trusted. */
const char *mado_json_lookup_string (JsonNode   *root,
                                     const char *first_member,
                                     ...) G_GNUC_NULL_TERMINATED;
/* The same for any node (%NULL when missing). */
JsonNode   *mado_json_lookup        (JsonNode   *root,
                                     const char *first_member,
                                     ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS

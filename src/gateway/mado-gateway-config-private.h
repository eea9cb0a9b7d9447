/* mado-gateway-config-private.h: what the two halves of MadoGatewayConfig share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mado-gateway-config.h"

G_BEGIN_DECLS

#define GATEWAY_GROUP  "gateway"
#define ROUTE_GROUP    "route"
#define PROVIDER_GROUP "provider "   /* followed by the provider's name */

struct _MadoGatewayConfig
{
  GObject      parent_instance;

  char        *file;              /* the file read, for messages; %NULL for none */
  GKeyFile    *keys;

  char        *listen_host;
  guint16      listen_port;
  char        *token_file;
  char        *token_env;
  char        *token;
  char        *database;
  char        *phrase_dir;

  GHashTable  *provider_types;    /* name → type, for every provider a group defines */
  GPtrArray   *routed_providers;  /* names in order of first mention */
  GPtrArray   *route_lists;       /* GStrv, owning every list the tables below point to */
  guint        n_languages;
  /* Resolved routes: [source × n + target] for translation, [language] for the others. */
  const char *const **routes[MADO_N_CAPABILITIES];
};

/* The file's name for messages, or "the command line". */
const char *mado_gateway_config_source_name    (MadoGatewayConfig  *self);
/* The type of a provider a group defines, or of a built-in one; %NULL for an unknown name. */
const char *mado_gateway_config_lookup_type    (MadoGatewayConfig  *self,
                                                const char         *name);
/* A secret from the file @file or the environment variable @env (exactly one of them set), as
 * one line of text; @what names it in messages. */
char       *mado_gateway_config_read_secret    (const char         *file,
                                                const char         *env,
                                                const char         *what,
                                                GError            **error);

/* mado-gateway-config-providers.c: refuses secrets written into a [provider NAME] group. */
gboolean    mado_gateway_config_check_secrets  (MadoGatewayConfig  *self,
                                                const char         *group,
                                                GError            **error);

/* mado-gateway-config-routes.c */
gboolean    mado_gateway_config_resolve_routes (MadoGatewayConfig  *self,
                                                GError            **error);

G_END_DECLS

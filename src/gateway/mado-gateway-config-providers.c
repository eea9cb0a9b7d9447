/* mado-gateway-config-providers.c: the [provider NAME] groups, read by each provider's builder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The configuration knows which types exist; what keys a type takes is the provider's business,
 * so each builder checks its group with mado_gateway_config_check_provider_keys() and reads the
 * values it needs through the functions here.
 */
#include "mado-gateway-config.h"

#include "mado-gateway-config-private.h"

#include <errno.h>
#include <string.h>

/* Keys under which people would paste a secret; the secret goes in a file or variable instead. */
static const char *const secret_keys[] = { "key", "secret", "api-key", "password", "token", NULL };

static gboolean
is_allowed_key (const char        *key,
                const char *const *allowed)
{
  for (guint i = 0; allowed[i] != NULL; i++)
    {
      gsize length = strlen (allowed[i]);

      if (length > 0 && allowed[i][length - 1] == '.' ? g_str_has_prefix (key, allowed[i]) && key[length] != '\0'
                                                      : strcmp (key, allowed[i]) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Every group is checked when the file is read, routed to or not: a secret pasted into the file
 * is a leak whether or not the provider is used. */
gboolean
mado_gateway_config_check_secrets (MadoGatewayConfig  *self,
                                   const char         *group,
                                   GError            **error)
{
  for (guint i = 0; secret_keys[i] != NULL; i++)
    if (g_key_file_has_key (self->keys, group, secret_keys[i], NULL))
      {
        g_set_error (error, MADO_GATEWAY_CONFIG_ERROR, MADO_GATEWAY_CONFIG_ERROR_TOKEN_IN_CONFIG,
                     "%s: [%s] has a “%s” key; configuration files are read by many people and "
                     "tools, so a secret goes in a file named by %s-file or an environment "
                     "variable named by %s-env instead",
                     mado_gateway_config_source_name (self), group, secret_keys[i], secret_keys[i],
                     secret_keys[i]);
        return FALSE;
      }
  return TRUE;
}

gboolean
mado_gateway_config_check_provider_keys (MadoGatewayConfig  *self,
                                         const char         *name,
                                         const char *const  *allowed,
                                         GError            **error)
{
  g_autofree char *group = NULL;
  g_auto(GStrv) keys = NULL;

  g_return_val_if_fail (MADO_IS_GATEWAY_CONFIG (self), FALSE);
  g_return_val_if_fail (name != NULL && allowed != NULL, FALSE);

  group = g_strconcat (PROVIDER_GROUP, name, NULL);
  keys = g_key_file_get_keys (self->keys, group, NULL, NULL);
  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    if (strcmp (keys[i], "type") != 0 && !is_allowed_key (keys[i], allowed))
      {
        g_autofree char *known = g_strjoinv (", ", (char **) allowed);

        g_set_error (error, MADO_GATEWAY_CONFIG_ERROR, MADO_GATEWAY_CONFIG_ERROR_UNKNOWN_KEY,
                     "%s: [%s] has an unknown key “%s” (a %s provider takes: type%s%s)",
                     mado_gateway_config_source_name (self), group, keys[i],
                     mado_gateway_config_lookup_type (self, name), *known != '\0' ? ", " : "", known);
        return FALSE;
      }

  return TRUE;
}

char *
mado_gateway_config_dup_provider_string (MadoGatewayConfig *self,
                                         const char        *name,
                                         const char        *key)
{
  g_autofree char *group = NULL;
  char *value;

  g_return_val_if_fail (MADO_IS_GATEWAY_CONFIG (self), NULL);
  g_return_val_if_fail (name != NULL && key != NULL, NULL);

  group = g_strconcat (PROVIDER_GROUP, name, NULL);
  value = g_key_file_get_string (self->keys, group, key, NULL);
  return value != NULL ? g_strstrip (value) : NULL;
}

GStrv
mado_gateway_config_dup_provider_keys (MadoGatewayConfig *self,
                                       const char        *name,
                                       const char        *prefix)
{
  g_autofree char *group = NULL;
  g_auto(GStrv) keys = NULL;
  g_autoptr(GStrvBuilder) matching = g_strv_builder_new ();

  g_return_val_if_fail (MADO_IS_GATEWAY_CONFIG (self), NULL);
  g_return_val_if_fail (name != NULL && prefix != NULL, NULL);

  group = g_strconcat (PROVIDER_GROUP, name, NULL);
  keys = g_key_file_get_keys (self->keys, group, NULL, NULL);
  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    if (g_str_has_prefix (keys[i], prefix))
      g_strv_builder_add (matching, keys[i]);
  return g_strv_builder_end (matching);
}

static gboolean
get_provider_number (MadoGatewayConfig  *self,
                     const char         *name,
                     const char         *key,
                     double              minimum,
                     double              maximum,
                     gboolean            integer,
                     double             *value,
                     GError            **error)
{
  g_autofree char *text = mado_gateway_config_dup_provider_string (self, name, key);
  char *end = NULL;
  double parsed;

  if (text == NULL)
    return TRUE;

  errno = 0;
  parsed = g_ascii_strtod (text, &end);
  if (errno != 0 || end == text || *end != '\0' || parsed < minimum || parsed > maximum ||
      (integer && parsed != (double) (guint64) parsed))
    {
      g_set_error (error, MADO_GATEWAY_CONFIG_ERROR, MADO_GATEWAY_CONFIG_ERROR_BAD_VALUE,
                   "%s: [provider %s] %s = %s is not %s from %g to %g",
                   mado_gateway_config_source_name (self), name, key, text,
                   integer ? "a whole number" : "a number", minimum, maximum);
      return FALSE;
    }

  *value = parsed;
  return TRUE;
}

/**
 * mado_gateway_config_get_provider_double:
 * @value: (inout): the default on entry; the configured value on return
 */
gboolean
mado_gateway_config_get_provider_double (MadoGatewayConfig  *self,
                                         const char         *name,
                                         const char         *key,
                                         double              minimum,
                                         double              maximum,
                                         double             *value,
                                         GError            **error)
{
  g_return_val_if_fail (MADO_IS_GATEWAY_CONFIG (self), FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  return get_provider_number (self, name, key, minimum, maximum, FALSE, value, error);
}

/**
 * mado_gateway_config_get_provider_uint:
 * @value: (inout): the default on entry; the configured value on return
 */
gboolean
mado_gateway_config_get_provider_uint (MadoGatewayConfig  *self,
                                       const char         *name,
                                       const char         *key,
                                       guint               minimum,
                                       guint               maximum,
                                       guint              *value,
                                       GError            **error)
{
  double number = *value;

  g_return_val_if_fail (MADO_IS_GATEWAY_CONFIG (self), FALSE);

  if (!get_provider_number (self, name, key, minimum, maximum, TRUE, &number, error))
    return FALSE;
  *value = (guint) number;
  return TRUE;
}

gboolean
mado_gateway_config_read_provider_secret (MadoGatewayConfig  *self,
                                          const char         *name,
                                          const char         *what,
                                          gboolean            required,
                                          char              **secret,
                                          GError            **error)
{
  g_autofree char *file_key = g_strconcat (what, "-file", NULL);
  g_autofree char *env_key = g_strconcat (what, "-env", NULL);
  g_autofree char *file = NULL;
  g_autofree char *env = NULL;
  g_autofree char *description = NULL;

  g_return_val_if_fail (MADO_IS_GATEWAY_CONFIG (self), FALSE);
  g_return_val_if_fail (name != NULL && what != NULL && secret != NULL, FALSE);

  *secret = NULL;
  file = mado_gateway_config_dup_provider_string (self, name, file_key);
  env = mado_gateway_config_dup_provider_string (self, name, env_key);

  if (file != NULL && env != NULL)
    {
      g_set_error (error, MADO_GATEWAY_CONFIG_ERROR, MADO_GATEWAY_CONFIG_ERROR_BAD_VALUE,
                   "%s: [provider %s] has both %s and %s; keep one",
                   mado_gateway_config_source_name (self), name, file_key, env_key);
      return FALSE;
    }
  if (file == NULL && env == NULL)
    {
      if (!required)
        return TRUE;
      g_set_error (error, MADO_GATEWAY_CONFIG_ERROR, MADO_GATEWAY_CONFIG_ERROR_TOKEN,
                   "%s: [provider %s] needs its %s: set %s (a file holding it) or %s (an "
                   "environment variable holding it)",
                   mado_gateway_config_source_name (self), name, what, file_key, env_key);
      return FALSE;
    }

  description = g_strdup_printf ("the %s of the provider “%s”", what, name);
  *secret = mado_gateway_config_read_secret (file, env, description, error);
  return *secret != NULL;
}

char *
mado_gateway_config_dup_provider_url (MadoGatewayConfig  *self,
                                      const char         *name,
                                      const char         *default_url,
                                      GError            **error)
{
  g_autofree char *url = NULL;
  g_autoptr(GUri) parsed = NULL;
  const char *scheme;

  g_return_val_if_fail (MADO_IS_GATEWAY_CONFIG (self), NULL);

  url = mado_gateway_config_dup_provider_string (self, name, "url");
  if (url == NULL && default_url == NULL)
    {
      g_set_error (error, MADO_GATEWAY_CONFIG_ERROR, MADO_GATEWAY_CONFIG_ERROR_BAD_VALUE,
                   "%s: [provider %s] needs a url (where the service answers)",
                   mado_gateway_config_source_name (self), name);
      return NULL;
    }
  if (url == NULL)
    return g_strdup (default_url);

  parsed = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  scheme = parsed != NULL ? g_uri_get_scheme (parsed) : NULL;

  /* The URL is logged and shown in messages, so credentials in it are refused, and not quoted. */
  if (parsed != NULL && (g_uri_get_userinfo (parsed) != NULL || g_uri_get_query (parsed) != NULL))
    {
      g_set_error (error, MADO_GATEWAY_CONFIG_ERROR, MADO_GATEWAY_CONFIG_ERROR_BAD_VALUE,
                   "%s: [provider %s] url has a user name or a query; the address goes in url, a "
                   "key in key-file or key-env", mado_gateway_config_source_name (self), name);
      return NULL;
    }
  if (parsed == NULL || g_uri_get_host (parsed) == NULL || *g_uri_get_host (parsed) == '\0' ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0))
    {
      g_set_error (error, MADO_GATEWAY_CONFIG_ERROR, MADO_GATEWAY_CONFIG_ERROR_BAD_VALUE,
                   "%s: [provider %s] url = %s is not an http:// or https:// address",
                   mado_gateway_config_source_name (self), name, url);
      return NULL;
    }
  return g_steal_pointer (&url);
}

GPtrArray *
mado_gateway_config_get_provider_languages (MadoGatewayConfig  *self,
                                            const char         *name,
                                            const char *const  *defaults,
                                            GError            **error)
{
  g_autofree char *value = NULL;
  g_auto(GStrv) codes = NULL;
  g_autoptr(GPtrArray) languages = g_ptr_array_new ();

  g_return_val_if_fail (MADO_IS_GATEWAY_CONFIG (self), NULL);

  value = mado_gateway_config_dup_provider_string (self, name, "languages");
  codes = value != NULL ? g_strsplit (value, ",", -1) : g_strdupv ((char **) defaults);

  for (guint i = 0; codes[i] != NULL; i++)
    {
      const char *code = g_strstrip (codes[i]);
      const MadoLanguage *language;

      if (*code == '\0')
        continue;
      language = mado_language_lookup (code);
      if (language == NULL)
        {
          g_set_error (error, MADO_GATEWAY_CONFIG_ERROR, MADO_GATEWAY_CONFIG_ERROR_BAD_VALUE,
                       "%s: [provider %s] languages names “%s”, which Madoguchi does not know",
                       mado_gateway_config_source_name (self), name, code);
          return NULL;
        }
      if (!g_ptr_array_find (languages, language, NULL))
        g_ptr_array_add (languages, (gpointer) language);
    }
  return g_steal_pointer (&languages);
}

gboolean
mado_gateway_config_read_http_options (MadoGatewayConfig        *self,
                                       const char               *name,
                                       MadoCapability            capability,
                                       MadoProviderHttpOptions  *options,
                                       GError                  **error)
{
  guint max_response_bytes;
  double max_timeout;

  g_return_val_if_fail (MADO_IS_GATEWAY_CONFIG (self), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  mado_provider_http_options_init (options);
  max_response_bytes = (guint) options->max_response_bytes;

  /* The bounds keep a typo from disabling a protection: no timeout beyond the gateway's own
   * deadlines, no retry storm, no breaker that never closes. */
  /* A second under the deadline leaves time for the route's next provider to start. */
  max_timeout = capability == MADO_CAPABILITY_RECOGNIZE ? 14.0 : 9.0;
  if (!mado_gateway_config_get_provider_double (self, name, "timeout", 0.1, max_timeout, &options->timeout, error) ||
      !mado_gateway_config_get_provider_uint (self, name, "retries", 0, 5, &options->retries, error) ||
      !mado_gateway_config_get_provider_double (self, name, "backoff", 0.0, 5.0, &options->backoff, error) ||
      !mado_gateway_config_get_provider_uint (self, name, "breaker-failures", 0, 100,
                                              &options->breaker_failures, error) ||
      !mado_gateway_config_get_provider_double (self, name, "breaker-cooldown", 1.0, 3600.0,
                                                &options->breaker_cooldown, error) ||
      !mado_gateway_config_get_provider_uint (self, name, "max-response-bytes", 1024, 64 * 1024 * 1024,
                                              &max_response_bytes, error))
    return FALSE;

  options->max_response_bytes = max_response_bytes;
  return TRUE;
}

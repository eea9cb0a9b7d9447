/* mado-gateway-config.c: the gateway's settings, from its key file and command line (docs/gateway.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every key is checked when the file is read: a misspelt key or an unknown provider stops the
 * gateway with a message naming the file and the key, rather than leaving a city's counters
 * silently on the defaults. The [route] group is read by mado-gateway-config-routes.c.
 */
#include "mado-gateway-config.h"

#include "mado-gateway-config-private.h"

#include "mado-phrase-reader.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>


G_DEFINE_QUARK (mado-gateway-config-error-quark, mado_gateway_config_error)

static const char *const gateway_keys[] = {
  "listen", "token-file", "token-env", "database", "phrase-dir", NULL
};

static const char *const builtin_types[] = {
  MADO_PROVIDER_PHRASE_MEMORY, MADO_PROVIDER_LOCAL_SPEECH, MADO_PROVIDER_POCKETSPHINX, NULL
};

/* Types a [provider NAME] group can give; the built-in ones need no group. */
static const char *const known_types[] = {
  MADO_PROVIDER_PHRASE_MEMORY, MADO_PROVIDER_LOCAL_SPEECH, MADO_PROVIDER_POCKETSPHINX,
  MADO_PROVIDER_TEXTRA, MADO_PROVIDER_LIBRETRANSLATE, MADO_PROVIDER_APERTIUM_APY, MADO_PROVIDER_DEEPL,
  MADO_PROVIDER_WHISPER_CPP, MADO_PROVIDER_OPENAI_TRANSCRIPTION, NULL
};

G_DEFINE_FINAL_TYPE (MadoGatewayConfig, mado_gateway_config, G_TYPE_OBJECT)

static void
replace_string (char       **field,
                const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*field);
  *field = copy;
}

const char *
mado_gateway_config_source_name (MadoGatewayConfig *self)
{
  return self->file != NULL ? self->file : "the command line";
}

static gboolean
parse_port (const char  *text,
            guint16     *port)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT16, &value, NULL))
    return FALSE;
  *port = (guint16) value;
  return TRUE;
}

/* HOST:PORT with an IP address or "localhost" as HOST; IPv6 in brackets ([::1]:8470). */
static gboolean
parse_listen (const char  *text,
              char       **host,
              guint16     *port)
{
  g_autofree char *address = NULL;
  g_autoptr(GInetAddress) parsed = NULL;
  const char *colon;

  if (text[0] == '[')
    {
      const char *close = strchr (text, ']');

      if (close == NULL || close[1] != ':')
        return FALSE;
      address = g_strndup (text + 1, (gsize) (close - text - 1));
      colon = close + 1;
    }
  else
    {
      colon = strrchr (text, ':');
      if (colon == NULL)
        return FALSE;
      address = g_strndup (text, (gsize) (colon - text));
    }

  if (!parse_port (colon + 1, port))
    return FALSE;

  if (g_ascii_strcasecmp (address, "localhost") == 0)
    {
      *host = g_strdup (MADO_GATEWAY_DEFAULT_HOST);
      return TRUE;
    }

  parsed = g_inet_address_new_from_string (address);
  if (parsed == NULL)
    return FALSE;
  *host = g_inet_address_to_string (parsed);
  return TRUE;
}

gboolean
mado_gateway_config_set_listen (MadoGatewayConfig  *self,
                                const char         *host_and_port,
                                GError            **error)
{
  g_autofree char *host = NULL;
  guint16 port;

  g_return_val_if_fail (MADO_IS_GATEWAY_CONFIG (self), FALSE);
  g_return_val_if_fail (host_and_port != NULL, FALSE);

  if (!parse_listen (host_and_port, &host, &port))
    {
      g_set_error (error, MADO_GATEWAY_CONFIG_ERROR, MADO_GATEWAY_CONFIG_ERROR_BAD_VALUE,
                   "The listen address “%s” is not HOST:PORT with an IP address or localhost as "
                   "HOST (IPv6 in brackets, [::1]:8470) and a port from 0 to 65535",
                   host_and_port);
      return FALSE;
    }

  replace_string (&self->listen_host, host);
  self->listen_port = port;
  return TRUE;
}

void
mado_gateway_config_set_database (MadoGatewayConfig *self,
                                  const char        *path)
{
  g_return_if_fail (MADO_IS_GATEWAY_CONFIG (self));

  replace_string (&self->database, path);
}

/**
 * mado_gateway_config_set_token_env:
 * @variable: the name of the environment variable that holds the token
 *
 * Replaces any token-file or token-env of the configuration file.
 */
void
mado_gateway_config_set_token_env (MadoGatewayConfig *self,
                                   const char        *variable)
{
  g_return_if_fail (MADO_IS_GATEWAY_CONFIG (self));
  g_return_if_fail (variable != NULL);

  replace_string (&self->token_env, variable);
  g_clear_pointer (&self->token_file, g_free);
}

static gboolean
is_one_of (const char        *word,
           const char *const *words)
{
  return g_strv_contains (words, word);
}

static gboolean
is_provider_name (const char *name)
{
  if (*name == '\0')
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-')
      return FALSE;
  return TRUE;
}

static gboolean
check_gateway_group (MadoGatewayConfig  *self,
                     GError            **error)
{
  g_auto(GStrv) keys = g_key_file_get_keys (self->keys, GATEWAY_GROUP, NULL, NULL);

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      if (strcmp (keys[i], "token") == 0)
        {
          g_set_error (error, MADO_GATEWAY_CONFIG_ERROR, MADO_GATEWAY_CONFIG_ERROR_TOKEN_IN_CONFIG,
                       "%s: [gateway] has a “token” key; configuration files are read by many "
                       "people and tools, so the token goes in a file named by token-file or an "
                       "environment variable named by token-env instead",
                       mado_gateway_config_source_name (self));
          return FALSE;
        }
      if (!is_one_of (keys[i], gateway_keys))
        {
          g_autofree char *known = g_strjoinv (", ", (char **) gateway_keys);

          g_set_error (error, MADO_GATEWAY_CONFIG_ERROR, MADO_GATEWAY_CONFIG_ERROR_UNKNOWN_KEY,
                       "%s: [gateway] has an unknown key “%s” (known keys: %s)",
                       mado_gateway_config_source_name (self), keys[i], known);
          return FALSE;
        }
    }

  return TRUE;
}

static char *
get_path (MadoGatewayConfig  *self,
          const char         *key,
          GError            **error)
{
  g_autofree char *value = g_key_file_get_string (self->keys, GATEWAY_GROUP, key, NULL);

  if (value == NULL)
    return NULL;

  g_strstrip (value);
  if (*value == '\0')
    {
      g_set_error (error, MADO_GATEWAY_CONFIG_ERROR, MADO_GATEWAY_CONFIG_ERROR_BAD_VALUE,
                   "%s: [gateway] %s is empty", mado_gateway_config_source_name (self), key);
      return NULL;
    }
  return g_steal_pointer (&value);
}

static gboolean
read_gateway_group (MadoGatewayConfig  *self,
                    GError            **error)
{
  g_autofree char *listen = NULL;
  GError *local_error = NULL;

  if (!check_gateway_group (self, error))
    return FALSE;

  listen = get_path (self, "listen", &local_error);
  if (local_error == NULL && listen != NULL && !mado_gateway_config_set_listen (self, listen, &local_error))
    g_prefix_error (&local_error, "%s: [gateway] listen: ", mado_gateway_config_source_name (self));

#define READ_PATH(field, key)                                      \
  if (local_error == NULL && g_key_file_has_key (self->keys, GATEWAY_GROUP, key, NULL)) \
    {                                                              \
      g_free (self->field);                                        \
      self->field = get_path (self, key, &local_error);            \
    }

  READ_PATH (token_file, "token-file");
  READ_PATH (token_env, "token-env");
  READ_PATH (database, "database");
  READ_PATH (phrase_dir, "phrase-dir");

#undef READ_PATH

  if (local_error == NULL && self->token_file != NULL && self->token_env != NULL)
    g_set_error (&local_error, MADO_GATEWAY_CONFIG_ERROR, MADO_GATEWAY_CONFIG_ERROR_BAD_VALUE,
                 "%s: [gateway] has both token-file and token-env; keep one",
                 mado_gateway_config_source_name (self));

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_provider_group (MadoGatewayConfig  *self,
                     const char         *group,
                     GError            **error)
{
  const char *name = group + strlen (PROVIDER_GROUP);
  g_autofree char *type = NULL;

  if (!mado_gateway_config_check_secrets (self, group, error))
    return FALSE;

  if (!is_provider_name (name))
    {
      g_set_error (error, MADO_GATEWAY_CONFIG_ERROR, MADO_GATEWAY_CONFIG_ERROR_BAD_VALUE,
                   "%s: [%s]: a provider name is written with a-z, 0-9 and -",
                   mado_gateway_config_source_name (self), group);
      return FALSE;
    }

  type = g_key_file_get_string (self->keys, group, "type", NULL);
  if (type != NULL)
    g_strstrip (type);
  else if (is_one_of (name, builtin_types))
    type = g_strdup (name);

  if (type == NULL || !is_one_of (type, known_types))
    {
      g_autofree char *known = g_strjoinv (", ", (char **) known_types);

      g_set_error (error, MADO_GATEWAY_CONFIG_ERROR, MADO_GATEWAY_CONFIG_ERROR_UNKNOWN_PROVIDER,
                   "%s: [%s] needs a type this gateway knows (%s)%s%s%s",
                   mado_gateway_config_source_name (self), group, known,
                   type != NULL ? "; “" : "", type != NULL ? type : "", type != NULL ? "” is not one" : "");
      return FALSE;
    }

  g_hash_table_insert (self->provider_types, g_strdup (name), g_steal_pointer (&type));
  return TRUE;
}

/**
 * mado_gateway_config_load_file:
 *
 * Reads a key file as docs/gateway.md describes it; settings it leaves out keep their defaults.
 */
gboolean
mado_gateway_config_load_file (MadoGatewayConfig  *self,
                               const char         *path,
                               GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) groups = NULL;

  g_return_val_if_fail (MADO_IS_GATEWAY_CONFIG (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  replace_string (&self->file, path);
  if (!g_key_file_load_from_file (self->keys, path, G_KEY_FILE_NONE, &local_error))
    {
      g_set_error (error, MADO_GATEWAY_CONFIG_ERROR, MADO_GATEWAY_CONFIG_ERROR_FILE,
                   "Could not read the gateway configuration “%s”: %s", path, local_error->message);
      return FALSE;
    }

  groups = g_key_file_get_groups (self->keys, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      if (strcmp (groups[i], GATEWAY_GROUP) == 0)
        {
          if (!read_gateway_group (self, error))
            return FALSE;
        }
      else if (g_str_has_prefix (groups[i], PROVIDER_GROUP))
        {
          if (!read_provider_group (self, groups[i], error))
            return FALSE;
        }
      else if (strcmp (groups[i], ROUTE_GROUP) != 0)
        {
          g_set_error (error, MADO_GATEWAY_CONFIG_ERROR, MADO_GATEWAY_CONFIG_ERROR_UNKNOWN_GROUP,
                       "%s: unknown group [%s] (known: [gateway], [route], [provider NAME])",
                       path, groups[i]);
          return FALSE;
        }
    }

  return TRUE;
}

/* A secret from the file @file or the environment variable @env (exactly one of them set), as
 * one line of text; @what names it in messages ("the gateway's token"). The variable is removed
 * once read, so that engine programs the gateway runs do not inherit it. */
char *
mado_gateway_config_read_secret (const char  *file,
             const char  *env,
             const char  *what,
             GError     **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;

  if (env != NULL)
    {
      const char *value = g_getenv (env);

      if (value == NULL || *value == '\0')
        {
          g_set_error (error, MADO_GATEWAY_CONFIG_ERROR, MADO_GATEWAY_CONFIG_ERROR_TOKEN,
                       "The environment variable %s, named to hold %s, is not set or is empty",
                       env, what);
          return NULL;
        }
      contents = g_strdup (value);
      g_unsetenv (env);
    }
  else
    {
      GStatBuf info;

      if (!g_file_get_contents (file, &contents, NULL, &local_error))
        {
          g_set_error (error, MADO_GATEWAY_CONFIG_ERROR, MADO_GATEWAY_CONFIG_ERROR_TOKEN,
                       "Could not read %s: %s", what, local_error->message);
          return NULL;
        }
      if (g_stat (file, &info) == 0 && (info.st_mode & 0077) != 0)
        g_warning ("The file “%s” with %s can be read by other users of this machine; "
                   "chmod 600 it", file, what);
    }

  g_strstrip (contents);
  if (*contents == '\0')
    {
      g_set_error (error, MADO_GATEWAY_CONFIG_ERROR, MADO_GATEWAY_CONFIG_ERROR_TOKEN,
                   "%s (%s %s) is empty", what, env != NULL ? "environment variable" : "file",
                   env != NULL ? env : file);
      return NULL;
    }
  if (!g_utf8_validate (contents, -1, NULL) || strpbrk (contents, "\r\n") != NULL)
    {
      g_set_error (error, MADO_GATEWAY_CONFIG_ERROR, MADO_GATEWAY_CONFIG_ERROR_TOKEN,
                   "%s (%s %s) must be one line of text", what,
                   env != NULL ? "environment variable" : "file", env != NULL ? env : file);
      return NULL;
    }

  return g_steal_pointer (&contents);
}

static gboolean
read_token (MadoGatewayConfig  *self,
            GError            **error)
{
  if (self->token_env == NULL && self->token_file == NULL)
    return TRUE;

  self->token = mado_gateway_config_read_secret (self->token_file, self->token_env, "the gateway's token", error);
  return self->token != NULL;
}

static gboolean
check_listen_is_safe (MadoGatewayConfig  *self,
                      GError            **error)
{
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string (self->listen_host);

  if (self->token != NULL || g_inet_address_get_is_loopback (address))
    return TRUE;

  g_set_error (error, MADO_GATEWAY_CONFIG_ERROR, MADO_GATEWAY_CONFIG_ERROR_UNSAFE_LISTEN,
               "The gateway would listen on %s, which other machines can reach, without a token; "
               "set token-file or token-env, or listen on 127.0.0.1", self->listen_host);
  return FALSE;
}

const char *
mado_gateway_config_lookup_type (MadoGatewayConfig *self,
                                 const char        *name)
{
  const char *type = g_hash_table_lookup (self->provider_types, name);

  if (type == NULL && is_one_of (name, builtin_types))
    return name;
  return type;
}

/**
 * mado_gateway_config_resolve:
 *
 * Call once, after the file and the command line.
 */
gboolean
mado_gateway_config_resolve (MadoGatewayConfig  *self,
                             GError            **error)
{
  g_return_val_if_fail (MADO_IS_GATEWAY_CONFIG (self), FALSE);
  g_return_val_if_fail (self->routes[0] == NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* With nothing said about phrases, the gateway serves the shipped sets from memory. */
  if (self->database == NULL && self->phrase_dir == NULL)
    self->phrase_dir = mado_phrase_reader_default_dir ();

  return read_token (self, error) &&
         check_listen_is_safe (self, error) &&
         mado_gateway_config_resolve_routes (self, error);
}

const char *
mado_gateway_config_get_listen_host (MadoGatewayConfig *self)
{
  g_return_val_if_fail (MADO_IS_GATEWAY_CONFIG (self), NULL);
  return self->listen_host;
}

guint16
mado_gateway_config_get_listen_port (MadoGatewayConfig *self)
{
  g_return_val_if_fail (MADO_IS_GATEWAY_CONFIG (self), 0);
  return self->listen_port;
}

const char *
mado_gateway_config_get_token (MadoGatewayConfig *self)
{
  g_return_val_if_fail (MADO_IS_GATEWAY_CONFIG (self), NULL);
  return self->token;
}

const char *
mado_gateway_config_get_database (MadoGatewayConfig *self)
{
  g_return_val_if_fail (MADO_IS_GATEWAY_CONFIG (self), NULL);
  return self->database;
}

const char *
mado_gateway_config_get_phrase_dir (MadoGatewayConfig *self)
{
  g_return_val_if_fail (MADO_IS_GATEWAY_CONFIG (self), NULL);
  return self->phrase_dir;
}

GStrv
mado_gateway_config_dup_provider_names (MadoGatewayConfig *self)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  g_return_val_if_fail (MADO_IS_GATEWAY_CONFIG (self), NULL);

  for (guint i = 0; i < self->routed_providers->len; i++)
    g_strv_builder_add (names, g_ptr_array_index (self->routed_providers, i));
  return g_strv_builder_end (names);
}

const char *
mado_gateway_config_get_provider_type (MadoGatewayConfig *self,
                                       const char        *name)
{
  g_return_val_if_fail (MADO_IS_GATEWAY_CONFIG (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return mado_gateway_config_lookup_type (self, name);
}

MadoGatewayConfig *
mado_gateway_config_new (void)
{
  return g_object_new (MADO_TYPE_GATEWAY_CONFIG, NULL);
}

static void
mado_gateway_config_finalize (GObject *object)
{
  MadoGatewayConfig *self = MADO_GATEWAY_CONFIG (object);

  for (guint i = 0; i < MADO_N_CAPABILITIES; i++)
    g_free (self->routes[i]);
  g_ptr_array_unref (self->route_lists);
  g_ptr_array_unref (self->routed_providers);
  g_hash_table_unref (self->provider_types);
  g_key_file_unref (self->keys);
  g_free (self->file);
  g_free (self->listen_host);
  g_free (self->token_file);
  g_free (self->token_env);
  g_free (self->token);
  g_free (self->database);
  g_free (self->phrase_dir);

  G_OBJECT_CLASS (mado_gateway_config_parent_class)->finalize (object);
}

static void
mado_gateway_config_class_init (MadoGatewayConfigClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mado_gateway_config_finalize;
}

static void
mado_gateway_config_init (MadoGatewayConfig *self)
{
  self->keys = g_key_file_new ();
  self->listen_host = g_strdup (MADO_GATEWAY_DEFAULT_HOST);
  self->listen_port = MADO_GATEWAY_DEFAULT_PORT;
  self->provider_types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->routed_providers = g_ptr_array_new_with_free_func (g_free);
  self->route_lists = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  mado_language_get_all (&self->n_languages);
}

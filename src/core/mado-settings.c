/* mado-settings.c: the kiosk's settings, typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-settings.h"

#include "mado-language.h"

struct _MadoSettings
{
  GObject    parent_instance;

  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (MadoSettings, mado_settings, G_TYPE_OBJECT)

static void
mado_settings_dispose (GObject *object)
{
  MadoSettings *self = MADO_SETTINGS (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (mado_settings_parent_class)->dispose (object);
}

static void
mado_settings_class_init (MadoSettingsClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = mado_settings_dispose;
}

static void
mado_settings_init (MadoSettings *self)
{
  self->settings = g_settings_new (APP_ID);
}

MadoSettings *
mado_settings_new (void)
{
  return g_object_new (MADO_TYPE_SETTINGS, NULL);
}

/**
 * mado_settings_get_gsettings:
 *
 * Returns: (transfer none): the underlying GSettings, for g_settings_bind() in the UI.
 */
GSettings *
mado_settings_get_gsettings (MadoSettings *self)
{
  g_return_val_if_fail (MADO_IS_SETTINGS (self), NULL);
  return self->settings;
}

char *
mado_settings_dup_phrase_set (MadoSettings *self)
{
  g_return_val_if_fail (MADO_IS_SETTINGS (self), NULL);
  return g_settings_get_string (self->settings, "phrase-set");
}

char *
mado_settings_dup_counter_name (MadoSettings *self)
{
  g_return_val_if_fail (MADO_IS_SETTINGS (self), NULL);
  return g_settings_get_string (self->settings, "counter-name");
}

/**
 * mado_settings_dup_enabled_languages:
 *
 * Returns: (transfer full): the resident languages to offer, in order. Unknown codes in the setting
 * are dropped, and an empty setting (or one with nothing usable) means every resident language.
 */
GStrv
mado_settings_dup_enabled_languages (MadoSettings *self)
{
  g_auto(GStrv) configured = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n_added = 0;

  g_return_val_if_fail (MADO_IS_SETTINGS (self), NULL);

  configured = g_settings_get_strv (self->settings, "enabled-languages");
  for (guint i = 0; configured[i] != NULL; i++)
    {
      const MadoLanguage *language = mado_language_lookup (configured[i]);

      if (language != NULL && language != mado_language_get_staff ())
        {
          g_strv_builder_add (builder, language->code);
          n_added++;
        }
      else
        {
          g_warning ("Setting enabled-languages names “%s”, which is not a resident language; ignoring it",
                     configured[i]);
        }
    }

  if (n_added == 0)
    {
      guint n_residents;
      const MadoLanguage **residents = mado_language_get_residents (&n_residents);

      for (guint i = 0; i < n_residents; i++)
        g_strv_builder_add (builder, residents[i]->code);
    }

  return g_strv_builder_end (builder);
}

gboolean
mado_settings_get_speak_automatically (MadoSettings *self)
{
  g_return_val_if_fail (MADO_IS_SETTINGS (self), TRUE);
  return g_settings_get_boolean (self->settings, "speak-automatically");
}

char *
mado_settings_dup_output_device (MadoSettings *self)
{
  g_return_val_if_fail (MADO_IS_SETTINGS (self), NULL);
  return g_settings_get_string (self->settings, "output-device");
}

char *
mado_settings_dup_input_device (MadoSettings *self)
{
  g_return_val_if_fail (MADO_IS_SETTINGS (self), NULL);
  return g_settings_get_string (self->settings, "input-device");
}

guint
mado_settings_get_idle_reset_seconds (MadoSettings *self)
{
  g_return_val_if_fail (MADO_IS_SETTINGS (self), 0);
  return g_settings_get_uint (self->settings, "idle-reset-seconds");
}

char *
mado_settings_dup_database_path (MadoSettings *self)
{
  g_autofree char *configured = NULL;
  const char *from_env;

  g_return_val_if_fail (MADO_IS_SETTINGS (self), NULL);

  configured = g_settings_get_string (self->settings, "database-path");
  if (configured[0] != '\0')
    return g_steal_pointer (&configured);

  from_env = g_getenv ("MADOGUCHI_DB");
  if (from_env != NULL && from_env[0] != '\0')
    return g_strdup (from_env);

  return g_build_filename (g_get_user_data_dir (), "madoguchi", "phrases.db", NULL);
}

char *
mado_settings_dup_gateway_endpoint (MadoSettings *self)
{
  g_return_val_if_fail (MADO_IS_SETTINGS (self), NULL);
  return g_settings_get_string (self->settings, "gateway-endpoint");
}

gboolean
mado_settings_uses_local_gateway (MadoSettings *self)
{
  g_autofree char *endpoint = mado_settings_dup_gateway_endpoint (self);

  return endpoint[0] == '\0' || g_ascii_strcasecmp (endpoint, "local") == 0;
}

char *
mado_settings_read_gateway_token (MadoSettings  *self,
                                  GError       **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (MADO_IS_SETTINGS (self), NULL);

  path = g_settings_get_string (self->settings, "gateway-token-file");
  if (path[0] == '\0')
    return NULL;

  return mado_read_token_file (path, error);
}

char *
mado_read_token_file (const char  *path,
                      GError     **error)
{
  g_autofree char *contents = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, NULL, error))
    return NULL;

  /* Files written by editors end with a newline that is not part of the token. */
  return g_strdup (g_strstrip (contents));
}

static char *
dup_string_or_null (MadoSettings *self,
                    const char   *key)
{
  g_autofree char *value = g_settings_get_string (self->settings, key);

  if (value[0] == '\0')
    return NULL;

  return g_steal_pointer (&value);
}

char *
mado_settings_dup_interpreter_directory (MadoSettings *self)
{
  g_autofree char *configured = NULL;

  g_return_val_if_fail (MADO_IS_SETTINGS (self), NULL);

  configured = dup_string_or_null (self, "interpreter-directory");
  if (configured != NULL)
    return g_steal_pointer (&configured);

  return g_build_filename (g_get_user_config_dir (), "madoguchi", "interpreters.json", NULL);
}

guint
mado_settings_get_interpreter_answer_timeout (MadoSettings *self)
{
  g_return_val_if_fail (MADO_IS_SETTINGS (self), 40);
  return g_settings_get_uint (self->settings, "interpreter-answer-timeout");
}

char *
mado_settings_dup_interpreter_microphone (MadoSettings *self)
{
  g_return_val_if_fail (MADO_IS_SETTINGS (self), NULL);
  return g_settings_get_string (self->settings, "interpreter-microphone");
}

char *
mado_settings_dup_interpreter_loudspeaker (MadoSettings *self)
{
  g_return_val_if_fail (MADO_IS_SETTINGS (self), NULL);
  return g_settings_get_string (self->settings, "interpreter-loudspeaker");
}

char *
mado_settings_dup_sip_local_address (MadoSettings *self)
{
  g_return_val_if_fail (MADO_IS_SETTINGS (self), NULL);
  return dup_string_or_null (self, "sip-local-address");
}

char *
mado_settings_dup_sip_dns_server (MadoSettings *self)
{
  g_return_val_if_fail (MADO_IS_SETTINGS (self), NULL);
  return dup_string_or_null (self, "sip-dns-server");
}

char *
mado_settings_dup_interpreter_webhook_url (MadoSettings *self)
{
  g_return_val_if_fail (MADO_IS_SETTINGS (self), NULL);
  return dup_string_or_null (self, "interpreter-webhook-url");
}

guint
mado_settings_get_interpreter_webhook_timeout (MadoSettings *self)
{
  g_return_val_if_fail (MADO_IS_SETTINGS (self), 5);
  return g_settings_get_uint (self->settings, "interpreter-webhook-timeout");
}

gboolean
mado_settings_get_interpreter_webhook_transcripts (MadoSettings *self)
{
  g_return_val_if_fail (MADO_IS_SETTINGS (self), FALSE);
  return g_settings_get_boolean (self->settings, "interpreter-webhook-transcripts");
}

char *
mado_settings_dup_usage_database_path (MadoSettings *self)
{
  g_autofree char *configured = NULL;
  const char *from_env;

  g_return_val_if_fail (MADO_IS_SETTINGS (self), NULL);

  configured = dup_string_or_null (self, "usage-database-path");
  if (configured != NULL)
    return g_steal_pointer (&configured);

  from_env = g_getenv ("MADOGUCHI_USAGE_DB");
  if (from_env != NULL && from_env[0] != '\0')
    return g_strdup (from_env);

  return g_build_filename (g_get_user_data_dir (), "madoguchi", "usage.db", NULL);
}

/* mado-settings.h: the kiosk's settings, typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MADO_TYPE_SETTINGS (mado_settings_get_type ())
G_DECLARE_FINAL_TYPE (MadoSettings, mado_settings, MADO, SETTINGS, GObject)

/* The rest of the code reads settings through this object rather than raw GSettings keys, so key
 * names live in one place and tests can use the memory backend. */
MadoSettings *mado_settings_new                    (void);
GSettings    *mado_settings_get_gsettings          (MadoSettings *self);
char         *mado_settings_dup_phrase_set         (MadoSettings *self);
char         *mado_settings_dup_counter_name       (MadoSettings *self);
GStrv         mado_settings_dup_enabled_languages  (MadoSettings *self);
gboolean      mado_settings_get_speak_automatically (MadoSettings *self);
char         *mado_settings_dup_output_device      (MadoSettings *self);
char         *mado_settings_dup_input_device       (MadoSettings *self);
guint         mado_settings_get_idle_reset_seconds (MadoSettings *self);
/* "local" to run madoguchi-gateway on this tablet, else the base URL of a remote gateway. */
char         *mado_settings_dup_gateway_endpoint   (MadoSettings *self);
gboolean      mado_settings_uses_local_gateway     (MadoSettings *self);
/* The remote gateway's token, read from the configured file; NULL (with @error) when it cannot be
 * read, or NULL without error when no file is configured. Never logged. */
char         *mado_settings_read_gateway_token     (MadoSettings *self,
                                                    GError      **error);
/* A token kept in a file (never on a command line, in settings or in logs), without its line end. */
char         *mado_read_token_file                 (const char   *path,
                                                    GError      **error);
/* The phrase database: the configured path, $MADOGUCHI_DB, or USER_DATA_DIR/madoguchi/phrases.db. */
char         *mado_settings_dup_database_path      (MadoSettings *self);

/* Interpreter calls */
/* The directory: the configured path, or USER_CONFIG_DIR/madoguchi/interpreters.json. */
char         *mado_settings_dup_interpreter_directory      (MadoSettings *self);
guint         mado_settings_get_interpreter_answer_timeout (MadoSettings *self);
char         *mado_settings_dup_interpreter_microphone     (MadoSettings *self);
char         *mado_settings_dup_interpreter_loudspeaker    (MadoSettings *self);
/* NULL when unset. */
char         *mado_settings_dup_sip_local_address          (MadoSettings *self);
char         *mado_settings_dup_sip_dns_server             (MadoSettings *self);
char         *mado_settings_dup_interpreter_webhook_url    (MadoSettings *self);
guint         mado_settings_get_interpreter_webhook_timeout (MadoSettings *self);
gboolean      mado_settings_get_interpreter_webhook_transcripts (MadoSettings *self);
/* The usage log: the configured path, $MADOGUCHI_USAGE_DB, or USER_DATA_DIR/madoguchi/usage.db. */
char         *mado_settings_dup_usage_database_path        (MadoSettings *self);

G_END_DECLS

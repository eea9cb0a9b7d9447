/* mado-baresip-config.c: the configuration one baresip helper process runs with, and what its
 * events mean
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Written for baresip 1.0.0 (Debian 12's baresip-core). Its configuration is "key value" lines;
 * a value can hold no line break, and account parameters can hold no ";", so everything that
 * comes from settings or the directory is checked before it is written.
 */
#include "mado-baresip-config.h"

#include "mado-sip-uri.h"

#include <string.h>

/* A value that goes onto one configuration line as it is. */
static gboolean
check_config_value (const char  *what,
                    const char  *value,
                    GError     **error)
{
  for (const char *p = value; *p != '\0'; p++)
    if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p))
      {
        g_set_error (error, MADO_CALL_ERROR, MADO_CALL_ERROR_INVALID_SETUP,
                     "The %s “%s” contains a space or a control character, which the SIP helper's "
                     "configuration cannot hold", what, value);
        return FALSE;
      }

  if (*value == '\0')
    {
      g_set_error (error, MADO_CALL_ERROR, MADO_CALL_ERROR_INVALID_SETUP, "The %s is empty", what);
      return FALSE;
    }

  return TRUE;
}

/* A value that goes into an account parameter, where ";", quotes and angle brackets would end it. */
static gboolean
check_account_value (const char  *what,
                     const char  *value,
                     GError     **error)
{
  if (!check_config_value (what, value, error))
    return FALSE;

  if (strpbrk (value, ";\"<>,\\") != NULL)
    {
      /* The value itself is not repeated: it may be the trunk password. */
      g_set_error (error, MADO_CALL_ERROR, MADO_CALL_ERROR_INVALID_SETUP,
                   "The trunk %s contains one of ; \" < > , \\ which baresip's account line cannot hold",
                   what);
      return FALSE;
    }

  return TRUE;
}

/* The counter's name as a SIP display name: quotes, backslashes and control characters are
 * dropped rather than escaped, because baresip 1.0 does not undo escapes. */
static char *
display_name (const char *caller_name)
{
  g_autoptr(GString) name = g_string_new (NULL);

  if (caller_name == NULL || !g_utf8_validate (caller_name, -1, NULL))
    return g_strdup ("Madoguchi");

  for (const char *p = caller_name; *p != '\0'; p++)
    if (*p != '"' && *p != '\\' && !g_ascii_iscntrl (*p))
      g_string_append_c (name, *p);

  g_strstrip (name->str);
  if (name->str[0] == '\0')
    return g_strdup ("Madoguchi");

  return g_strdup (name->str);
}

static char *
host_for_uri (const char *address)
{
  if (strchr (address, ':') != NULL)
    return g_strdup_printf ("[%s]", address);

  return g_strdup (address);
}

static char *
account_line (const MadoBaresipOptions  *options,
              const MadoDialRequest     *request,
              GError                   **error)
{
  g_autofree char *name = display_name (request->caller_name);
  const MadoSipTrunk *trunk = request->trunk;
  g_autoptr(GString) line = g_string_new (NULL);

  if (trunk == NULL)
    {
      g_autofree char *host = host_for_uri (options->local_address != NULL ? options->local_address : "localhost");

      /* Direct calls need no account on the far end; the address of record only fills From. */
      g_string_printf (line, "\"%s\" <sip:madoguchi@%s>;regint=0;answermode=manual", name, host);
      return g_string_free (g_steal_pointer (&line), FALSE);
    }

  if (trunk->username != NULL && !check_account_value ("user name", trunk->username, error))
    return NULL;
  if (trunk->password != NULL && !check_account_value ("password", trunk->password, error))
    return NULL;
  if (trunk->proxy != NULL && !mado_sip_uri_check_server (trunk->proxy, error))
    return NULL;
  if (!check_config_value ("trunk domain", trunk->domain, error))
    return NULL;

  g_string_printf (line, "\"%s\" <sip:%s@%s>;regint=%u;answermode=manual", name,
                   trunk->username != NULL ? trunk->username : "madoguchi", trunk->domain,
                   trunk->registers ? 600 : 0);
  if (trunk->username != NULL)
    g_string_append_printf (line, ";auth_user=%s", trunk->username);
  if (trunk->password != NULL)
    g_string_append_printf (line, ";auth_pass=%s", trunk->password);
  if (trunk->proxy != NULL)
    g_string_append_printf (line, ";outbound=\"%s\"", trunk->proxy);

  return g_string_free (g_steal_pointer (&line), FALSE);
}

static gboolean
holds_modules (const char *folder)
{
  g_autofree char *menu = g_build_filename (folder, "menu.so", NULL);

  return g_file_test (menu, G_FILE_TEST_IS_REGULAR);
}

char *
mado_baresip_find_modules (const char  *program_path,
                           GError     **error)
{
  g_autofree char *bin = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *lib = NULL;
  g_autoptr(GDir) lib_dir = NULL;
  const char *name;

  g_return_val_if_fail (program_path != NULL, NULL);

  bin = g_path_get_dirname (program_path);
  prefix = g_path_get_dirname (bin);
  lib = g_build_filename (prefix, "lib", NULL);

  {
    g_autofree char *plain = g_build_filename (lib, "baresip", "modules", NULL);
    g_autofree char *lib64 = g_build_filename (prefix, "lib64", "baresip", "modules", NULL);

    if (holds_modules (plain))
      return g_steal_pointer (&plain);
    if (holds_modules (lib64))
      return g_steal_pointer (&lib64);
  }

  lib_dir = g_dir_open (lib, 0, NULL);
  while (lib_dir != NULL && (name = g_dir_read_name (lib_dir)) != NULL)
    {
      g_autofree char *multiarch = g_build_filename (lib, name, "baresip", "modules", NULL);

      if (holds_modules (multiarch))
        return g_steal_pointer (&multiarch);
    }

  g_set_error (error, MADO_CALL_ERROR, MADO_CALL_ERROR_HELPER_MISSING,
               "The modules of the SIP helper %s were not found under %s (Debian package baresip-core)",
               program_path, lib);
  return NULL;
}

gboolean
mado_baresip_write_config (const char               *folder,
                           const MadoBaresipOptions *options,
                           const MadoDialRequest    *request,
                           guint16                   control_port,
                           GError                  **error)
{
  g_autoptr(GString) config = g_string_new (NULL);
  g_autofree char *config_path = g_build_filename (folder, "config", NULL);
  g_autofree char *accounts_path = g_build_filename (folder, "accounts", NULL);
  g_autofree char *accounts = NULL;
  g_autofree char *accounts_text = NULL;
  g_autofree char *listen_host = NULL;
  gboolean written;

  g_return_val_if_fail (folder != NULL, FALSE);
  g_return_val_if_fail (options != NULL && options->module_folder != NULL, FALSE);
  g_return_val_if_fail (options->audio_source != NULL && options->audio_player != NULL, FALSE);
  g_return_val_if_fail (request != NULL, FALSE);

  if (!check_config_value ("module folder", options->module_folder, error) ||
      !check_config_value ("microphone", options->audio_source, error) ||
      !check_config_value ("loudspeaker", options->audio_player, error) ||
      (options->local_address != NULL && !check_config_value ("local address", options->local_address, error)) ||
      (options->dns_server != NULL && !check_config_value ("DNS server", options->dns_server, error)) ||
      (options->recording_folder != NULL && !check_config_value ("recording folder", options->recording_folder, error)))
    return FALSE;

  if (options->local_address != NULL && !g_hostname_is_ip_address (options->local_address))
    {
      g_set_error (error, MADO_CALL_ERROR, MADO_CALL_ERROR_INVALID_SETUP,
                   "The local SIP address “%s” is not an IP address", options->local_address);
      return FALSE;
    }

  accounts = account_line (options, request, error);
  if (accounts == NULL)
    return FALSE;

  listen_host = host_for_uri (options->local_address != NULL ? options->local_address : "0.0.0.0");

  /* Port 0 everywhere: each call runs its own helper, and the next one in a fallback chain may
   * start while the last is still closing, so no fixed port may be reused. */
  g_string_append (config, "# Written by Madoguchi for one interpreter call; removed once read.\n");
  g_string_append (config, "poll_method\tepoll\n");
  g_string_append_printf (config, "sip_listen\t%s:0\n", listen_host);
  if (options->local_address != NULL)
    g_string_append_printf (config, "net_interface\t%s\n", options->local_address);
  if (options->dns_server != NULL)
    g_string_append_printf (config, "dns_server\t%s\n", options->dns_server);
  g_string_append (config, "call_max_calls\t1\n");
  g_string_append_printf (config, "audio_source\t%s\n", options->audio_source);
  g_string_append_printf (config, "audio_player\t%s\n", options->audio_player);
  /* The ringback tone the clerk and the resident hear while the service rings. */
  g_string_append_printf (config, "audio_alert\t%s\n", options->audio_player);
  g_string_append (config, "audio_level\tno\n");
  g_string_append (config, "jitter_buffer_delay\t5-10\n");

  g_string_append_printf (config, "module_path\t%s\n", options->module_folder);
  /* G.711 is what every telephone trunk speaks; alsa is the tablet's audio, aufile and aubridge
   * are what tests without a sound card use. */
  g_string_append (config, "module\tg711.so\n");
  g_string_append (config, "module\talsa.so\n");
  g_string_append (config, "module\taufile.so\n");
  g_string_append (config, "module\taubridge.so\n");
  if (options->recording_folder != NULL)
    {
      g_string_append (config, "module\tsndfile.so\n");
      g_string_append_printf (config, "snd_path\t%s\n", options->recording_folder);
    }
  g_string_append (config, "module_tmp\taccount.so\n");
  g_string_append (config, "module_app\tmenu.so\n");
  g_string_append (config, "module_app\tctrl_tcp.so\n");
  g_string_append_printf (config, "ctrl_tcp_listen\t127.0.0.1:%u\n", control_port);
  /* The menu's status line would otherwise be rewritten on the helper's output many times a second. */
  g_string_append (config, "statmode_default\toff\n");
  g_string_append (config, "redial_attempts\t0\n");
  g_string_append (config, "menu_bell\tno\n");

  if (!g_file_set_contents_full (config_path, config->str, config->len,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    return FALSE;

  accounts_text = g_strconcat (accounts, "\n", NULL);
  written = g_file_set_contents_full (accounts_path, accounts_text, -1, G_FILE_SET_CONTENTS_CONSISTENT,
                                      0600, error);

  /* The account line may hold the trunk password. */
  explicit_bzero (accounts_text, strlen (accounts_text));
  explicit_bzero (accounts, strlen (accounts));

  return written;
}

typedef struct {
  const char      *text;
  MadoCallFailure  failure;
  const char      *meaning;
} KnownReason;

/* libre reports transport and DNS problems as errno texts (baresip runs in the C locale). */
static const KnownReason known_reasons[] = {
  { "Destination address required", MADO_CALL_FAILURE_UNREACHABLE, "the server's name could not be found in DNS" },
  { "Connection refused", MADO_CALL_FAILURE_UNREACHABLE, "the server refused the connection" },
  { "Connection timed out", MADO_CALL_FAILURE_UNREACHABLE, "the server did not respond" },
  { "Network is unreachable", MADO_CALL_FAILURE_UNREACHABLE, "the network cannot reach the server" },
  { "No route to host", MADO_CALL_FAILURE_UNREACHABLE, "there is no network route to the server" },
  { "Host is unreachable", MADO_CALL_FAILURE_UNREACHABLE, "the server's host cannot be reached" },
  { "Address family not supported by protocol", MADO_CALL_FAILURE_UNREACHABLE,
    "the server's address is of a kind this tablet's network does not have" },
};

MadoCallFailure
mado_baresip_interpret_close (const char  *reason,
                              gboolean    *out_by_remote,
                              char       **out_detail)
{
  guint64 status = 0;

  g_return_val_if_fail (reason != NULL, MADO_CALL_FAILURE_SIP_ERROR);
  g_return_val_if_fail (out_by_remote != NULL && out_detail != NULL, MADO_CALL_FAILURE_SIP_ERROR);

  *out_by_remote = FALSE;
  *out_detail = NULL;

  if (strcmp (reason, "Connection reset by user") == 0)
    return MADO_CALL_FAILURE_NONE;

  if (strcmp (reason, "Connection reset by peer") == 0)
    {
      *out_by_remote = TRUE;
      return MADO_CALL_FAILURE_NONE;
    }

  if (g_ascii_isdigit (reason[0]) && g_ascii_isdigit (reason[1]) && g_ascii_isdigit (reason[2]) &&
      (reason[3] == ' ' || reason[3] == '\0'))
    {
      g_autofree char *code = g_strndup (reason, 3);

      g_ascii_string_to_unsigned (code, 10, 100, 699, &status, NULL);
    }

  if (status == 487)
    {
      /* "Request Terminated": the answer to this side's CANCEL. */
      return MADO_CALL_FAILURE_NONE;
    }

  if (status >= 300)
    {
      *out_detail = g_strdup (reason);
      return mado_call_failure_from_sip_status ((guint) status);
    }

  for (guint i = 0; i < G_N_ELEMENTS (known_reasons); i++)
    if (strcmp (reason, known_reasons[i].text) == 0)
      {
        *out_detail = g_strdup_printf ("%s (%s)", known_reasons[i].meaning, reason);
        return known_reasons[i].failure;
      }

  *out_detail = g_strdup (reason[0] != '\0' ? reason : "the SIP helper gave no reason");
  return MADO_CALL_FAILURE_SIP_ERROR;
}

gboolean
mado_baresip_audio_device_failure (const char  *log_line,
                                   char       **out_detail)
{
  static const struct {
    const char *marker;
    const char *what;
  } markers[] = {
    { "could not open ausrc device '", "microphone" },
    { "could not open auplay device '", "loudspeaker" },
    { "aufile: failed to open file '", "audio file" },
  };

  g_return_val_if_fail (log_line != NULL, FALSE);
  g_return_val_if_fail (out_detail != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (markers); i++)
    {
      const char *start = strstr (log_line, markers[i].marker);
      const char *name, *name_end, *cause;

      if (start == NULL)
        continue;

      name = start + strlen (markers[i].marker);
      name_end = strchr (name, '\'');
      if (name_end == NULL)
        continue;

      cause = strchr (name_end, '(');
      if (cause != NULL)
        *out_detail = g_strdup_printf ("the %s “%.*s” could not be opened (%.*s)", markers[i].what,
                                       (int) (name_end - name), name,
                                       (int) strcspn (cause + 1, ")"), cause + 1);
      else
        *out_detail = g_strdup_printf ("the %s “%.*s” could not be opened", markers[i].what,
                                       (int) (name_end - name), name);
      return TRUE;
    }

  return FALSE;
}

/* mado-admin-call.c: "madoguchi-admin call", a test call to an interpreter service
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * IT staff use it to check the interpreter line from the tablet itself: it places the call the
 * interpreter button would place, with the same directory, devices and addresses, and prints each
 * step with a timestamp. Test calls are not recorded in the usage figures.
 */
#include "mado-admin-call.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <signal.h>
#include <stdio.h>

#include "madoguchi-admin.h"
#include "mado-baresip-backend.h"
#include "mado-interpreter-call.h"
#include "mado-interpreter-directory.h"
#include "mado-language.h"

typedef struct {
  GMainLoop           *loop;
  MadoInterpreterCall *call;
  MadoCallState        last_state;
  gboolean             was_connected;
  guint                n_interrupts;
} Session;

/* "10:15:02.345" */
static char *
timestamp (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *seconds = g_date_time_format (now, "%H:%M:%S");

  return g_strdup_printf ("%s.%03d", seconds, g_date_time_get_microsecond (now) / 1000);
}

static void report (const char *format, ...) G_GNUC_PRINTF (1, 2);

/* One line on standard output, after a timestamp. */
static void
report (const char *format,
        ...)
{
  g_autofree char *stamp = timestamp ();
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  g_print ("%s  %s\n", stamp, text);
}

static char *
describe_target (MadoInterpreterService *service)
{
  if (mado_interpreter_service_get_number (service) != NULL)
    return g_strdup_printf (_("number %s"), mado_interpreter_service_get_number (service));

  return g_strdup (mado_interpreter_service_get_sip_uri (service));
}

static char *
describe_duration (guint seconds)
{
  return g_strdup_printf ("%u:%02u", seconds / 60, seconds % 60);
}

static void
print_plan (MadoInterpreterPlan *plan)
{
  const char *manual = mado_interpreter_plan_get_manual_number (plan);
  const MadoLanguage *language = mado_language_lookup (mado_interpreter_plan_get_language (plan));

  g_print (_("Services for %s (%s), in order:\n"), language->english_name, language->code);
  for (guint i = 0; i < mado_interpreter_plan_get_n_services (plan); i++)
    {
      MadoInterpreterService *service = mado_interpreter_plan_get_service (plan, i);
      g_autofree char *target = describe_target (service);
      const char *digits = mado_interpreter_service_get_dtmf (service, language->code);

      g_print ("  %u. %-16s %-8s %s%s%s\n", i + 1, mado_interpreter_service_get_id (service),
               mado_interpreter_plan_is_open (plan, i) ? _("open") : _("closed"), target,
               digits != NULL ? _(", digits ") : "", digits != NULL ? digits : "");
    }

  if (manual != NULL)
    g_print (_("  Then dial by hand: %s\n"), manual);
}

static void
on_state (MadoInterpreterCall *call,
          GParamSpec          *pspec,
          Session             *session)
{
  MadoCallState state = mado_interpreter_call_get_state (call);
  MadoInterpreterService *service = mado_interpreter_call_get_service (call);
  const char *manual = mado_interpreter_call_get_manual_number (call);
  g_autofree char *duration = describe_duration (mado_interpreter_call_get_duration (call));

  if (state == session->last_state)
    return;
  session->last_state = state;

  switch (state)
    {
    case MADO_CALL_STATE_RINGING:
      report (_("ringing"));
      break;

    case MADO_CALL_STATE_CONNECTED:
      session->was_connected = TRUE;
      report (_("connected to %s (Call-ID %s); press Ctrl-C to hang up"),
              mado_interpreter_service_get_id (service), mado_interpreter_call_get_call_id (call));
      break;

    case MADO_CALL_STATE_ENDED:
      if (!session->was_connected)
        report (_("ended before anyone answered"));
      else if (mado_interpreter_call_get_remote_hangup (call))
        report (_("ended after %s: the interpreter hung up"), duration);
      else
        report (_("ended after %s: hung up here"), duration);
      g_main_loop_quit (session->loop);
      break;

    case MADO_CALL_STATE_FAILED:
      report (_("failed: %s (%s)"), mado_call_failure_to_string (mado_interpreter_call_get_failure (call)),
              mado_interpreter_call_get_failure_detail (call));
      if (manual != NULL)
        report (_("dial by hand: %s"), manual);
      g_main_loop_quit (session->loop);
      break;

    case MADO_CALL_STATE_DIAL_BY_HAND:
      if (manual != NULL)
        report (_("no service took the call; dial by hand: %s"), manual);
      else
        report (_("no service took the call, and the directory gives no number to dial by hand"));
      g_main_loop_quit (session->loop);
      break;

    case MADO_CALL_STATE_DIALLING:
    case MADO_CALL_STATE_IDLE:
    default:
      break;
    }
}

/* Each service dialled is announced as it is chosen, before its "ringing". */
static void
on_service (MadoInterpreterCall *call,
            GParamSpec          *pspec,
            Session             *session)
{
  MadoInterpreterService *service = mado_interpreter_call_get_service (call);
  MadoInterpreterPlan *plan = mado_interpreter_call_get_plan (call);
  guint step = mado_interpreter_call_get_step (call);
  g_autofree char *target = NULL;

  if (service == NULL || !mado_interpreter_plan_is_open (plan, step - 1))
    return;

  target = describe_target (service);
  session->last_state = MADO_CALL_STATE_DIALLING;
  report (_("[%u/%u] dialling %s: %s"), step, mado_interpreter_call_get_n_steps (call),
          mado_interpreter_service_get_id (service), target);
}

static void
on_attempt_finished (MadoInterpreterCall    *call,
                     MadoInterpreterService *service,
                     MadoCallFailure         failure,
                     const char             *detail,
                     Session                *session)
{
  if (failure == MADO_CALL_FAILURE_NONE)
    return;

  report (_("%s: %s (%s)"), mado_interpreter_service_get_id (service), mado_call_failure_to_string (failure),
          detail != NULL ? detail : _("no detail"));
}

static void
on_dtmf_sent (MadoInterpreterCall *call,
              const char          *digits,
              Session             *session)
{
  report (_("sent the digits %s"), digits);
}

static void
on_context_sent (MadoInterpreterCall *call,
                 const GError        *error,
                 Session             *session)
{
  if (error == NULL)
    report (_("context webhook: delivered"));
  else
    report (_("context webhook: %s"), error->message);
}

static gboolean
on_interrupt (gpointer user_data)
{
  Session *session = user_data;

  session->n_interrupts++;
  if (session->n_interrupts == 1)
    {
      report (_("hanging up (press Ctrl-C again to stop at once)"));
      mado_interpreter_call_hang_up (session->call);
    }
  else
    {
      report (_("stopping without waiting for the hang-up"));
      g_main_loop_quit (session->loop);
    }

  return G_SOURCE_CONTINUE;
}

static MadoContextWebhook *
context_webhook (MadoSettings *settings)
{
  g_autoptr(GError) error = NULL;
  MadoContextWebhook *webhook = mado_context_webhook_new_for_settings (settings, &error);

  if (webhook == NULL && error == NULL)
    admin_complain (_("No context webhook is configured (interpreter-webhook-url); none is sent."));
  else if (webhook == NULL)
    admin_complain (_("The context webhook is not sent: %s"), error->message);

  /* A test call sends no conversation (no turns are given), whatever the transcripts setting says. */
  return webhook;
}

static char *service_option = NULL;
static char *directory_option = NULL;
static char *dtmf_option = NULL;
static int timeout_option = 0;
static gboolean context_option = FALSE;

/* The kiosk's settings give the devices and addresses; without its schema GSettings would abort. */
static gboolean
kiosk_settings_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = source != NULL ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;

  return schema != NULL;
}

int
mado_admin_run_call (int    argc,
                     char **argv)
{
  const GOptionEntry entries[] = {
    { "service", 's', 0, G_OPTION_ARG_STRING, &service_option,
      N_("Call only this service of the directory, open or not"), N_("ID") },
    { "directory", 0, 0, G_OPTION_ARG_FILENAME, &directory_option,
      N_("The interpreter directory (default: the interpreter-directory setting)"), N_("FILE") },
    { "dtmf", 0, 0, G_OPTION_ARG_STRING, &dtmf_option,
      N_("Digits to send when the service answers, instead of the directory's"), N_("DIGITS") },
    { "timeout", 't', 0, G_OPTION_ARG_INT, &timeout_option,
      N_("Seconds a service may take to answer (default: the interpreter-answer-timeout setting)"), N_("SECONDS") },
    { "with-context", 0, 0, G_OPTION_ARG_NONE, &context_option,
      N_("Also post the context webhook, without any conversation"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("call LANGUAGE");
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoSettings) settings = NULL;
  g_autoptr(MadoInterpreterDirectory) directory = NULL;
  g_autoptr(MadoInterpreterPlan) plan = NULL;
  g_autoptr(MadoBaresipBackend) backend = NULL;
  g_autoptr(MadoInterpreterCall) call = NULL;
  g_autoptr(MadoContextWebhook) webhook = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *directory_path = NULL;
  g_autofree char *counter_name = NULL;
  g_autofree char *language_code = NULL;
  g_autofree char *service_id = NULL;
  const MadoLanguage *language;
  GPtrArray *diagnostics;
  Session session = { 0 };
  guint interrupt_id, terminate_id;

  /* Progress lines are worth nothing if they arrive at the end, so they are written line by line
   * also into a pipe (madoguchi-admin call vi | tee call.log). */
  setvbuf (stdout, NULL, _IOLBF, 0);

  g_option_context_set_summary (context,
    _("Places the call the interpreter button would place for LANGUAGE (such as vi or pt-BR):\n"
      "each service of the language's fallback chain in turn, with the tablet's own microphone,\n"
      "loudspeaker and network settings. Every step is printed with the time. Ctrl-C hangs up.\n"
      "Test calls are not counted in the usage figures."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!admin_parse_command_line (context, "call", &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return admin_usage_error (context, "call", _("name one LANGUAGE, such as vi"));

  language_code = admin_argument_to_utf8 (argv[1]);
  language = mado_language_lookup (language_code);
  if (language == NULL || language == mado_language_get_staff ())
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a resident language of the kiosk"),
                                                  language_code != NULL ? language_code : argv[1]);
      return admin_usage_error (context, "call", message);
    }
  if (dtmf_option != NULL && !mado_call_check_dtmf (dtmf_option, &error))
    return admin_usage_error (context, "call", error->message);
  if (timeout_option < 0 || timeout_option > 300)
    return admin_usage_error (context, "call", _("--timeout must be from 1 to 300 seconds"));
  service_id = admin_argument_to_utf8 (service_option);

  if (!kiosk_settings_installed ())
    {
      admin_complain (_("The kiosk's settings (schema %s) are not installed on this machine, so its devices "
                        "and addresses are unknown; install Madoguchi to place test calls."), APP_ID);
      return EXIT_PROBLEM;
    }

  settings = mado_settings_new ();
  directory_path = directory_option != NULL ? g_strdup (directory_option)
                                            : mado_settings_dup_interpreter_directory (settings);
  directory = mado_interpreter_directory_load (directory_path, &error);
  if (directory == NULL)
    {
      admin_complain ("%s", error->message);
      return EXIT_PROBLEM;
    }

  /* Problems in other entries do not stop the test call, but IT staff should see them. */
  diagnostics = mado_interpreter_directory_get_diagnostics (directory);
  admin_print_diagnostics (diagnostics, stderr);

  now = g_date_time_new_now_local ();
  if (service_id != NULL)
    plan = mado_interpreter_directory_plan_service (directory, service_id, language->code, now, &error);
  else
    plan = mado_interpreter_directory_plan (directory, language->code, now);
  if (plan == NULL)
    {
      admin_complain ("%s", error->message);
      return EXIT_PROBLEM;
    }

  print_plan (plan);
  if (mado_interpreter_plan_get_n_services (plan) == 0)
    {
      admin_complain (_("The directory has no service for %s."), language->code);
      return EXIT_PROBLEM;
    }

  backend = mado_baresip_backend_new_for_settings (settings);
  g_print (_("Microphone %s, loudspeaker %s, local address %s.\n"), mado_baresip_backend_get_audio_source (backend),
           mado_baresip_backend_get_audio_player (backend),
           mado_baresip_backend_get_local_address (backend) != NULL ? mado_baresip_backend_get_local_address (backend)
                                                                    : _("automatic"));

  call = mado_interpreter_call_new (MADO_CALL_BACKEND (backend), plan);
  counter_name = mado_settings_dup_counter_name (settings);
  mado_interpreter_call_set_counter_name (call, counter_name);
  mado_interpreter_call_set_answer_timeout (call, timeout_option > 0 ? (guint) timeout_option
                                                                     : mado_settings_get_interpreter_answer_timeout (settings));
  if (dtmf_option != NULL)
    mado_interpreter_call_set_dtmf_override (call, dtmf_option);
  if (context_option)
    {
      webhook = context_webhook (settings);
      if (webhook != NULL)
        mado_interpreter_call_set_context (call, webhook, NULL, NULL);
    }

  loop = g_main_loop_new (NULL, FALSE);
  session.loop = loop;
  session.call = call;

  g_signal_connect (call, "notify::state", G_CALLBACK (on_state), &session);
  g_signal_connect (call, "notify::service", G_CALLBACK (on_service), &session);
  g_signal_connect (call, "attempt-finished", G_CALLBACK (on_attempt_finished), &session);
  g_signal_connect (call, "dtmf-sent", G_CALLBACK (on_dtmf_sent), &session);
  g_signal_connect (call, "context-sent", G_CALLBACK (on_context_sent), &session);
  interrupt_id = g_unix_signal_add (SIGINT, on_interrupt, &session);
  terminate_id = g_unix_signal_add (SIGTERM, on_interrupt, &session);

  mado_interpreter_call_start (call);
  if (!mado_call_state_is_final (mado_interpreter_call_get_state (call)))
    g_main_loop_run (loop);

  g_source_remove (interrupt_id);
  g_source_remove (terminate_id);
  g_signal_handlers_disconnect_by_data (call, &session);

  return session.was_connected ? EXIT_OK : EXIT_PROBLEM;
}

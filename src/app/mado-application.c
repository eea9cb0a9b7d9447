/* mado-application.c: the Madoguchi application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-application.h"

#include <glib/gi18n.h>

#include "mado-local-synthesizer.h"
#include "mado-phrase-reader.h"
#include "mado-portaudio-output.h"
#include "mado-settings.h"
#include "mado-speech-service.h"
#include "mado-voice.h"
#include "mado-window.h"

#define PLAYBACK_RATE 22050

struct _MadoApplication
{
  AdwApplication   parent_instance;

  MadoSettings    *settings;
  MadoVoice       *voice;
  MadoPhraseStore *store;
  MadoSpeechService *speech;
  MadoWindow      *window;
  GCancellable    *cancellable;
  gint64           started_at;
  gboolean         measure_startup;
};

G_DEFINE_FINAL_TYPE (MadoApplication, mado_application, ADW_TYPE_APPLICATION)

static void start_speech (MadoApplication *self,
                          const char      *database);

typedef struct {
  MadoPhraseStore *store;
  char            *phrase_dir;
  guint            n_problems;
  char            *first_problem;
} SeedJob;

static void
seed_job_free (SeedJob *job)
{
  g_clear_object (&job->store);
  g_free (job->phrase_dir);
  g_free (job->first_problem);
  g_free (job);
}

/* Reads the shipped set in @folder and seeds it, unless the store already holds that version. Only
 * set.xml is parsed to learn the version, so an ordinary start does not parse every phrase file. */
static gboolean
seed_folder (SeedJob           *job,
             MadoPhraseReader  *reader,
             const char        *folder,
             GError           **error)
{
  g_autofree char *set_file = g_build_filename (folder, "set.xml", NULL);
  g_autoptr(MadoPhraseSet) header = mado_phrase_reader_read_file (reader, set_file, NULL);
  g_autoptr(MadoPhraseSet) set = NULL;

  /* A set whose set.xml cannot be read is among the reader's diagnostics; the others go on. */
  if (header == NULL ||
      mado_phrase_store_get_set_version (job->store, mado_phrase_set_get_id (header)) >=
        mado_phrase_set_get_version (header))
    return TRUE;

  set = mado_phrase_reader_read_set (reader, folder, NULL);
  if (set == NULL)
    return TRUE;

  return mado_phrase_store_seed (job->store, set, NULL, error);
}

/* Reading the shipped files and seeding run on a worker thread: the window is usable at once and
 * the phrase book fills in when the store is ready. */
static void
seed_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  SeedJob *job = task_data;
  g_autoptr(MadoPhraseReader) reader = mado_phrase_reader_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (job->phrase_dir, 0, &error);
  g_autoptr(GPtrArray) folders = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *diagnostics;
  const char *name;

  if (dir == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      char *folder = g_build_filename (job->phrase_dir, name, NULL);

      if (g_file_test (folder, G_FILE_TEST_IS_DIR))
        g_ptr_array_add (folders, folder);
      else
        g_free (folder);
    }

  for (guint i = 0; i < folders->len; i++)
    if (!seed_folder (job, reader, g_ptr_array_index (folders, i), &error))
      {
        g_task_return_error (task, g_steal_pointer (&error));
        return;
      }

  diagnostics = mado_phrase_reader_get_diagnostics (reader);
  job->n_problems = diagnostics->len;
  for (guint i = 0; i < diagnostics->len; i++)
    {
      g_autofree char *line = mado_diagnostic_to_string (g_ptr_array_index (diagnostics, i));

      g_message ("%s", line);
      if (job->first_problem == NULL)
        job->first_problem = g_steal_pointer (&line);
    }

  g_task_return_boolean (task, TRUE);
}

static void
warn_staff (MadoApplication *self,
            const char      *summary,
            const char      *details)
{
  /* Logged as a message: this is the counter's situation, not a fault in the program. */
  g_message ("%s %s", summary, details);
  if (self->window != NULL)
    mado_window_warn_staff (self->window, summary, details);
}

/* An in-memory store is not shared: the gateway then reads the shipped files itself. */
static gboolean
start_speech_when_idle (gpointer user_data)
{
  MadoApplication *self = user_data;

  if (self->store != NULL && self->speech == NULL)
    start_speech (self, g_strcmp0 (mado_phrase_store_get_path (self->store), ":memory:") == 0
                          ? NULL : mado_phrase_store_get_path (self->store));
  return G_SOURCE_REMOVE;
}

static void
on_seeded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  MadoApplication *self = MADO_APPLICATION (source);
  SeedJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      warn_staff (self, _("The shipped phrases could not be loaded into the phrase book."), error->message);
    }

  if (job->n_problems > 0)
    {
      g_autofree char *summary =
        g_strdup_printf (ngettext ("%u problem in the shipped phrase files; the other phrases work.",
                                   "%u problems in the shipped phrase files; the other phrases work.",
                                   job->n_problems),
                         job->n_problems);

      warn_staff (self, summary, job->first_problem);
    }

  if (self->window != NULL)
    mado_window_set_store (self->window, self->store);

  /* The local gateway's phrase memory and recognition grammar come from the seeded phrases, so it
   * starts after seeding; and only once the main loop is idle, so that starting a second process
   * does not compete with the first frames of the welcome screen, which does not need it. */
  g_idle_add_full (G_PRIORITY_LOW, start_speech_when_idle, g_object_ref (self), g_object_unref);
}

static void
start_seeding (MadoApplication *self)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, on_seeded, NULL);
  SeedJob *job = g_new0 (SeedJob, 1);

  job->store = g_object_ref (self->store);
  job->phrase_dir = mado_phrase_reader_default_dir ();
  g_task_set_task_data (task, job, (GDestroyNotify) seed_job_free);
  g_task_run_in_thread (task, seed_in_thread);
}

static void
on_store_opened (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MadoApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = mado_settings_dup_database_path (self->settings);

  self->store = mado_phrase_store_open_finish (result, &error);
  if (self->store == NULL)
    {
      g_autofree char *details = NULL;
      g_autoptr(GError) memory_error = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      /* The file is left exactly as it is, so nothing saved in it is lost; the counter keeps working
       * with the shipped phrases in memory until IT staff repair or replace it. */
      details = g_strdup_printf (_("The phrase database %s could not be opened: %s\n\nThe file was left as it "
                                   "is. The shipped phrases are used instead, and phrases registered or changed "
                                   "now will not be kept. Ask IT staff to restore a backup or remove the file."),
                                 path, error->message);
      warn_staff (self, _("The phrase database cannot be opened; using the shipped phrases (changes are not kept)."),
                  details);

      self->store = mado_phrase_store_open (":memory:", &memory_error);
      if (self->store == NULL)
        {
          g_warning ("Even an in-memory phrase store failed: %s", memory_error->message);
          return;
        }
    }
  else if (mado_phrase_store_is_read_only (self->store))
    {
      warn_staff (self, _("The phrase database is read-only: phrases can be used but not changed."), path);
    }

  start_seeding (self);
}

static void
on_speech_changed (MadoApplication *self)
{
  if (self->window != NULL)
    mado_window_set_speech (self->window, mado_speech_service_get_client (self->speech),
                            mado_speech_service_get_capabilities (self->speech));
}

static void
on_speech_problem (MadoApplication *self,
                   const char      *summary,
                   const char      *details)
{
  warn_staff (self, _(summary), details);
}

static void
start_speech (MadoApplication *self,
              const char      *database)
{
  self->speech = mado_speech_service_new (self->settings, database);
  g_signal_connect_object (self->speech, "notify::client", G_CALLBACK (on_speech_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->speech, "notify::capabilities", G_CALLBACK (on_speech_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->speech, "problem", G_CALLBACK (on_speech_problem), self, G_CONNECT_SWAPPED);
  mado_speech_service_start (self->speech);
}

static void
open_store (MadoApplication *self)
{
  g_autofree char *path = mado_settings_dup_database_path (self->settings);
  g_autofree char *folder = g_path_get_dirname (path);

  /* A missing folder is created; if that fails, opening reports the real reason. */
  g_mkdir_with_parents (folder, 0700);
  mado_phrase_store_open_async (path, self->cancellable, on_store_opened, g_object_ref (self));
}

static void
load_css (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (provider, "/jp/madoguchi/Kiosk/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
mado_application_startup (GApplication *application)
{
  MadoApplication *self = MADO_APPLICATION (application);
  g_autoptr(MadoLocalSynthesizer) synthesizer = NULL;
  g_autoptr(MadoPortaudioOutput) output = NULL;
  g_autofree char *output_device = NULL;

  G_APPLICATION_CLASS (mado_application_parent_class)->startup (application);

  load_css ();
  self->settings = mado_settings_new ();
  output_device = mado_settings_dup_output_device (self->settings);
  synthesizer = mado_local_synthesizer_new (PLAYBACK_RATE);
  output = mado_portaudio_output_new (output_device);
  self->voice = mado_voice_new (MADO_SYNTHESIZER (synthesizer), MADO_AUDIO_OUTPUT (output));
}

/* Reports the time from process start to the first frame on screen and the resident memory at that
 * moment, then quits: the startup benchmark runs the real app this way beside a minimal window. */
static void
on_first_frame (GdkFrameClock *clock,
                gpointer       user_data)
{
  MadoApplication *self = user_data;
  g_autofree char *status = NULL;
  const char *rss_line = NULL;
  long rss_kib = -1;

  g_signal_handlers_disconnect_by_func (clock, on_first_frame, self);

  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL) &&
      (rss_line = strstr (status, "VmRSS:")) != NULL)
    rss_kib = strtol (rss_line + strlen ("VmRSS:"), NULL, 10);

  g_print ("startup: first-frame-ms %.1f rss-kib %ld\n",
           (g_get_monotonic_time () - self->started_at) / 1000.0, rss_kib);
  g_application_quit (G_APPLICATION (self));
}

static void
on_window_realized (GtkWidget *widget,
                    gpointer   user_data)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  g_signal_connect (clock, "after-paint", G_CALLBACK (on_first_frame), user_data);
}

static void
mado_application_activate (GApplication *application)
{
  MadoApplication *self = MADO_APPLICATION (application);

  if (self->window == NULL)
    {
      self->window = mado_window_new (ADW_APPLICATION (self), self->settings, self->voice);
      g_object_add_weak_pointer (G_OBJECT (self->window), (gpointer *) &self->window);
      if (self->measure_startup)
        g_signal_connect (self->window, "realize", G_CALLBACK (on_window_realized), self);
      open_store (self);
    }

  gtk_window_present (GTK_WINDOW (self->window));
}

static int
mado_application_handle_local_options (GApplication *application,
                                       GVariantDict *options)
{
  MadoApplication *self = MADO_APPLICATION (application);

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }

  self->measure_startup = g_variant_dict_contains (options, "measure-startup");
  return -1;
}

static void
mado_application_shutdown (GApplication *application)
{
  MadoApplication *self = MADO_APPLICATION (application);

  g_cancellable_cancel (self->cancellable);
  if (self->voice != NULL)
    mado_voice_stop (self->voice);
  if (self->speech != NULL)
    mado_speech_service_stop (self->speech);

  G_APPLICATION_CLASS (mado_application_parent_class)->shutdown (application);
}

static void
mado_application_dispose (GObject *object)
{
  MadoApplication *self = MADO_APPLICATION (object);

  g_clear_object (&self->voice);
  g_clear_object (&self->store);
  g_clear_object (&self->speech);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (mado_application_parent_class)->dispose (object);
}

static void
mado_application_class_init (MadoApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = mado_application_dispose;
  application_class->startup = mado_application_startup;
  application_class->activate = mado_application_activate;
  application_class->shutdown = mado_application_shutdown;
  application_class->handle_local_options = mado_application_handle_local_options;
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = quit_action },
};

static void
mado_application_init (MadoApplication *self)
{
  static const GOptionEntry options[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
    { "measure-startup", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Print the time to the first frame and the memory in use, then exit"), NULL },
    { NULL }
  };

  self->started_at = g_get_monotonic_time ();
  self->cancellable = g_cancellable_new ();
  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
}

MadoApplication *
mado_application_new (void)
{
  return g_object_new (MADO_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/jp/madoguchi/Kiosk",
                       NULL);
}

MadoPhraseStore *
mado_application_get_store (MadoApplication *self)
{
  g_return_val_if_fail (MADO_IS_APPLICATION (self), NULL);
  return self->store;
}

/* madoguchi-admin-talk.c: one turn on the command line, through the same pipeline as the kiosk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For IT staff checking a microphone and a speech service, and for measurements: the turn goes
 * through MadoConversation exactly as at the counter (streamed recognition, then translation with
 * back-translation), and every step is printed with its timing.
 */
#include "madoguchi-admin.h"

#include <glib/gi18n.h>

#include "mado-conversation.h"
#include "mado-gateway-process.h"
#include "mado-language.h"
#include "mado-portaudio-input.h"
#include "mado-recorder.h"
#include "mado-settings.h"

/* Audio goes to the recogniser in 20 ms pieces, as the microphone delivers it. */
#define CHUNK_SAMPLES 320
#define RECOGNITION_RATE 16000

static char *from_option = NULL;
static char *to_option = NULL;
static char *wav_option = NULL;
static char *text_option = NULL;
static gboolean microphone_option = FALSE;
static char *device_option = NULL;
static char *gateway_option = NULL;
static char *token_file_option = NULL;

typedef struct {
  GMainLoop        *loop;
  MadoConversation *conversation;
  MadoTurn         *turn;
  gint64            started;
  gint64            audio_ended;
  gint64            recognised;
} Talk;

static void
on_turn_state (MadoTurn   *turn,
               GParamSpec *pspec,
               Talk       *talk)
{
  switch (mado_turn_get_state (turn))
    {
    case MADO_TURN_REVIEW:
      talk->recognised = g_get_monotonic_time ();
      admin_say (_("Recognised:       %s  (%.0f ms after the end of the audio)"), mado_turn_get_source_text (turn),
                 (talk->recognised - talk->audio_ended) / 1000.0);
      /* At the counter the speaker checks the text first; here it is sent as recognised. */
      mado_conversation_confirm (talk->conversation, turn, mado_turn_get_source_text (turn));
      break;
    case MADO_TURN_DONE:
      admin_say (_("Translation:      %s"), mado_turn_get_translation (turn));
      admin_say (_("Back-translation: %s"), mado_turn_get_back_translation (turn) != NULL
                                             ? mado_turn_get_back_translation (turn) : "—");
      admin_say (_("Provider:         %s%s"), mado_turn_get_provider (turn),
                 mado_turn_get_verified (turn) ? _(" (registered phrase, checked by people)") : "");
      admin_say (_("Timing:           %.0f ms from the end of the audio or text to the translation, "
                   "%.1f ms of it inside the gateway"),
                 (mado_turn_get_completed_at (turn) - (talk->audio_ended != 0 ? talk->audio_ended : talk->started)) / 1000.0,
                 mado_turn_get_gateway_ms (turn));
      g_main_loop_quit (talk->loop);
      break;
    case MADO_TURN_FAILED:
      admin_complain (_("The turn failed: %s"), mado_turn_get_error (turn)->message);
      g_main_loop_quit (talk->loop);
      break;
    case MADO_TURN_LISTENING:
    case MADO_TURN_RECOGNISING:
    case MADO_TURN_TRANSLATING:
    default:
      break;
    }
}

static gboolean
feed_wav (Talk        *talk,
          const char  *path,
          GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(MadoAudioBuffer) audio = NULL;
  g_autoptr(MadoAudioBuffer) speech = NULL;
  const gint16 *samples;
  gsize n_samples;

  if (!g_file_get_contents (path, &contents, &length, error))
    return FALSE;

  audio = mado_audio_buffer_new_from_wav ((const guint8 *) contents, length, error);
  if (audio == NULL)
    return FALSE;

  speech = mado_audio_buffer_resample (audio, RECOGNITION_RATE);
  samples = mado_audio_buffer_get_samples (speech, &n_samples);
  admin_say (_("Audio:            %s, %.2f s"), path, mado_audio_buffer_get_duration (speech));

  for (gsize offset = 0; offset < n_samples; offset += CHUNK_SAMPLES)
    mado_conversation_push_audio (talk->conversation, talk->turn, samples + offset,
                                  MIN (CHUNK_SAMPLES, n_samples - offset));

  talk->audio_ended = g_get_monotonic_time ();
  mado_conversation_end_speech (talk->conversation, talk->turn);
  return TRUE;
}

static void
on_chunk (MadoRecorder    *recorder,
          MadoAudioBuffer *chunk,
          Talk            *talk)
{
  gsize n_samples = 0;
  const gint16 *samples = mado_audio_buffer_get_samples (chunk, &n_samples);

  mado_conversation_push_audio (talk->conversation, talk->turn, samples, n_samples);
}

static void
on_recorded (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Talk *talk = user_data;
  MadoRecorder *recorder = MADO_RECORDER (source);
  g_autoptr(MadoAudioBuffer) utterance = NULL;
  g_autoptr(GError) error = NULL;

  utterance = mado_recorder_record_finish (recorder, result, &error);
  if (mado_recorder_get_end_reason (recorder) == MADO_RECORDER_END_FAILED)
    {
      admin_complain (_("The microphone failed: %s"), error->message);
      mado_conversation_fail_speech (talk->conversation, talk->turn, error);
      return;
    }

  admin_say (_("Audio:            %.2f s from the microphone"),
             utterance != NULL ? mado_audio_buffer_get_duration (utterance) : 0.0);
  talk->audio_ended = g_get_monotonic_time ();
  mado_conversation_end_speech (talk->conversation, talk->turn);
}

typedef struct {
  GMainLoop *loop;
  gboolean   started;
  GError    *error;
} Start;

static void
on_gateway_started (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Start *start = user_data;

  start->started = mado_gateway_process_start_finish (MADO_GATEWAY_PROCESS (source), result, &start->error);
  g_main_loop_quit (start->loop);
}

static MadoSpeechClient *
start_local_gateway (MadoGatewayProcess **process_out,
                     GError             **error)
{
  g_autofree char *database = admin_database_path ();
  g_autoptr(MadoGatewayProcess) process = mado_gateway_process_new (database);
  Start start = { g_main_loop_new (NULL, FALSE), FALSE, NULL };
  MadoSpeechClient *client;

  mado_gateway_process_start_async (process, NULL, on_gateway_started, &start);
  g_main_loop_run (start.loop);
  g_main_loop_unref (start.loop);

  if (!start.started)
    {
      g_propagate_error (error, start.error);
      return NULL;
    }

  client = mado_speech_client_new (mado_gateway_process_get_base_url (process),
                                   mado_gateway_process_get_token (process), error);
  *process_out = g_steal_pointer (&process);
  return client;
}

/* Starts a local gateway for the phrase database, or connects to the one named on the command
 * line. */
static MadoSpeechClient *
connect_gateway (MadoGatewayProcess **process_out,
                 GError             **error)
{
  g_autofree char *token = NULL;

  if (gateway_option != NULL && g_ascii_strcasecmp (gateway_option, "local") != 0)
    {
      if (token_file_option != NULL && (token = mado_read_token_file (token_file_option, error)) == NULL)
        return NULL;
      return mado_speech_client_new (gateway_option, token, error);
    }

  return start_local_gateway (process_out, error);
}

int
admin_run_talk (int    argc,
                char **argv)
{
  static const GOptionEntry entries[] = {
    { "from", 'f', 0, G_OPTION_ARG_STRING, &from_option, N_("The speaker's language (ja for staff)"), N_("LANGUAGE") },
    { "to", 't', 0, G_OPTION_ARG_STRING, &to_option, N_("The listener's language"), N_("LANGUAGE") },
    { "wav", 'w', 0, G_OPTION_ARG_FILENAME, &wav_option, N_("Speech from a WAV file (PCM, any rate)"), N_("FILE") },
    { "microphone", 'm', 0, G_OPTION_ARG_NONE, &microphone_option, N_("Speech from the microphone, until the speaker stops"), NULL },
    { "device", 0, 0, G_OPTION_ARG_STRING, &device_option, N_("Microphone name (default: the default input)"), N_("NAME") },
    { "text", 0, 0, G_OPTION_ARG_STRING, &text_option, N_("Typed text instead of speech"), N_("TEXT") },
    { "gateway", 'g', 0, G_OPTION_ARG_STRING, &gateway_option, N_("Speech service URL, or “local” (default)"), N_("URL") },
    { "token-file", 0, 0, G_OPTION_ARG_FILENAME, &token_file_option, N_("File holding the service's token"), N_("FILE") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoGatewayProcess) process = NULL;
  g_autoptr(MadoSpeechClient) client = NULL;
  g_autoptr(MadoRecorder) recorder = NULL;
  const MadoLanguage *from;
  const MadoLanguage *to;
  const MadoLanguage *resident;
  MadoSpeaker speaker;
  Talk talk = { 0 };
  int sources;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Run one turn through the speech service, as at the counter, and print "
                                           "the recognised text, the translation, the back-translation and the "
                                           "timings. One side is always Japanese."));
  if (!admin_parse_command_line (context, "talk", &argc, &argv))
    return EXIT_USAGE;

  from = mado_language_lookup (from_option);
  to = mado_language_lookup (to_option);
  sources = (wav_option != NULL) + (text_option != NULL) + microphone_option;
  if (from == NULL || to == NULL || from == to ||
      (from != mado_language_get_staff () && to != mado_language_get_staff ()))
    return admin_usage_error (context, "talk", _("Give --from and --to: two known languages, one of them ja."));
  if (sources != 1)
    return admin_usage_error (context, "talk", _("Give exactly one of --wav, --microphone and --text."));

  speaker = from == mado_language_get_staff () ? MADO_SPEAKER_STAFF : MADO_SPEAKER_RESIDENT;
  resident = speaker == MADO_SPEAKER_STAFF ? to : from;

  client = connect_gateway (&process, &error);
  if (client == NULL)
    {
      admin_complain (_("Cannot reach the speech service: %s"), error->message);
      return EXIT_PROBLEM;
    }

  talk.loop = g_main_loop_new (NULL, FALSE);
  talk.conversation = mado_conversation_new (resident->code);
  talk.started = g_get_monotonic_time ();
  mado_conversation_set_client (talk.conversation, client);

  if (text_option != NULL)
    {
      talk.turn = g_object_ref (mado_conversation_say_text (talk.conversation, speaker, text_option));
    }
  else
    {
      talk.turn = g_object_ref (mado_conversation_begin_speech (talk.conversation, speaker));
      if (wav_option != NULL && !feed_wav (&talk, wav_option, &error))
        {
          admin_complain (_("Cannot use %s: %s"), wav_option, error->message);
          g_clear_object (&talk.turn);
          g_clear_object (&talk.conversation);
          g_main_loop_unref (talk.loop);
          return EXIT_PROBLEM;
        }
      if (microphone_option)
        {
          g_autoptr(MadoPortaudioInput) input = mado_portaudio_input_new (device_option);

          recorder = mado_recorder_new (MADO_AUDIO_INPUT (input), NULL);
          g_signal_connect (recorder, "chunk", G_CALLBACK (on_chunk), &talk);
          admin_say (_("Listening… speak now."));
          mado_recorder_record_async (recorder, NULL, on_recorded, &talk);
        }
    }

  g_signal_connect (talk.turn, "notify::state", G_CALLBACK (on_turn_state), &talk);
  if (mado_turn_get_state (talk.turn) == MADO_TURN_FAILED)
    on_turn_state (talk.turn, NULL, &talk);
  else
    g_main_loop_run (talk.loop);

  {
    gboolean done = mado_turn_get_state (talk.turn) == MADO_TURN_DONE;

    g_signal_handlers_disconnect_by_data (talk.turn, &talk);
    g_clear_object (&talk.turn);
    g_clear_object (&talk.conversation);
    g_main_loop_unref (talk.loop);
    return done ? EXIT_OK : EXIT_PROBLEM;
  }
}

/* test-audio-input.c: microphone capture and recording through the real PortAudio and ALSA
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-audio-buffer.h"
#include "mado-local-synthesizer.h"
#include "mado-portaudio-input.h"
#include "mado-recorder.h"
#include "mado-test-audio.h"
#include "mado-test-utils.h"

#include <fcntl.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <math.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

/* ALSA's "file" plugin over "null" stands in for the microphone: what PortAudio captures is
 * read, raw, from a file the test makes from espeak-ng speech. The plugin is not paced in real
 * time (seconds of sound arrive in milliseconds), so the tests count samples, never seconds,
 * and pad every file with far more quiet than they read: past the end of its file the plugin
 * returns stale data, not silence.
 *
 * For a microphone that fails while capturing, the plugin's other file is used: it copies
 * whatever is captured into "file", and when writing there fails, the capture fails with EIO.
 * With "/dev/full" it fails once the plugin's buffer is first written out, a tenth of a second
 * or so into the capture. (A FIFO as "infile" whose writer goes away does not do: the plugin
 * then keeps returning the last buffer, as with any end of file.) */
static char *audio_dir;
static char *speech16_path;
static char *speech48_path;
static char *loud_path;
static char *fifo_path;

#define RATE 16000
#define SAMPLES_PER_MS (RATE / 1000)
#define LEAD_SAMPLES (600 * SAMPLES_PER_MS)
#define TAIL_SAMPLES (14 * RATE)
#define LOUD_SAMPLES (40 * RATE)
/* Longest anything here may take before the test calls it a hang. */
#define HANG_GUARD_SECONDS 60

/* The speech the "microphone" hears: quiet hiss, a sentence, and a long quiet hiss, with the
 * first and one past the last sample of the sentence. */
static MadoAudioBuffer *speech16;
static gsize speech_start;
static gsize speech_end;

static void
write_samples (const char   *path,
               const gint16 *samples,
               gsize         n_samples)
{
  g_autoptr(GError) error = NULL;
  g_autofree guint16 *little_endian = g_new (guint16, n_samples);

  for (gsize i = 0; i < n_samples; i++)
    little_endian[i] = GUINT16_TO_LE ((guint16) samples[i]);
  g_file_set_contents (path, (const char *) little_endian, (gssize) (n_samples * sizeof (gint16)), &error);
  g_assert_no_error (error);
}

/* A faint hiss (about -70 dBFS) from a fixed seed, so every position in the file has a
 * sample pattern of its own and a capture can be lined up with it. */
static gint16
hiss (GRand *random)
{
  return (gint16) g_rand_int_range (random, -16, 17);
}

static void
make_speech_files (void)
{
  g_autoptr(MadoLocalSynthesizer) synthesizer = mado_local_synthesizer_new (RATE);
  g_autoptr(MadoAudioBuffer) sentence = NULL;
  g_autoptr(MadoAudioBuffer) speech48 = NULL;
  g_autoptr(GRand) random = g_rand_new_with_seed (2024);
  g_autoptr(GError) error = NULL;
  const gint16 *spoken;
  gsize n_spoken;
  gsize first = 0;
  gsize last;
  gsize total;
  gint16 *samples;

  sentence = mado_synthesizer_synthesize (MADO_SYNTHESIZER (synthesizer),
                                          "I would like a copy of my residence certificate for the new school",
                                          "en", NULL, &error);
  g_assert_no_error (error);
  spoken = mado_audio_buffer_get_samples (sentence, &n_spoken);

  /* espeak-ng leaves silence around the sentence; the speech is what lies between. */
  last = n_spoken;
  while (first < n_spoken && spoken[first] == 0)
    first++;
  while (last > first && spoken[last - 1] == 0)
    last--;
  g_assert_cmpuint (last - first, >, RATE);

  total = LEAD_SAMPLES + (last - first) + TAIL_SAMPLES;
  samples = g_new (gint16, total);
  for (gsize i = 0; i < total; i++)
    {
      gint32 voice = i >= LEAD_SAMPLES && i < LEAD_SAMPLES + (last - first) ? spoken[first + i - LEAD_SAMPLES] : 0;

      samples[i] = (gint16) CLAMP (voice + hiss (random), G_MININT16, G_MAXINT16);
    }
  speech_start = LEAD_SAMPLES;
  speech_end = LEAD_SAMPLES + (last - first);
  speech16 = mado_audio_buffer_new_take (RATE, samples, total);
  write_samples (speech16_path, samples, total);

  /* The same sound as a 48 kHz microphone would give it. */
  speech48 = mado_audio_buffer_resample (speech16, 48000);
  {
    gsize n48;
    const gint16 *samples48 = mado_audio_buffer_get_samples (speech48, &n48);

    write_samples (speech48_path, samples48, n48);
  }
}

/* Someone who never stops: after the quiet lead, 40 s of loud, warbling noise that never
 * drops anywhere near the hiss. */
static void
make_loud_file (void)
{
  g_autoptr(GRand) random = g_rand_new_with_seed (99);
  gsize total = LEAD_SAMPLES + LOUD_SAMPLES;
  g_autofree gint16 *samples = g_new (gint16, total);

  for (gsize i = 0; i < total; i++)
    {
      double t = (double) i / RATE;
      double loudness = i < LEAD_SAMPLES ? 0.0 : 3000.0 * (1.0 + 0.3 * sin (2 * G_PI * 4.0 * t));

      samples[i] = (gint16) CLAMP (lround (loudness * (sin (2 * G_PI * 220.0 * t) + g_rand_double_range (random, -1.0, 1.0)))
                                   + hiss (random), G_MININT16, G_MAXINT16);
    }
  write_samples (loud_path, samples, total);
}

static void
write_alsa_configuration (void)
{
  g_autofree char *path = g_build_filename (audio_dir, "microphones.conf", NULL);
  g_autofree char *search_path = g_strconcat ("/usr/share/alsa/alsa.conf:", path, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *configuration = g_strdup_printf (
    "# The default capture device: the speech file, raw S16_LE at 16 kHz mono.\n"
    "pcm.madoguchi_speech_file {\n"
    "    type file\n"
    "    slave.pcm \"null\"\n"
    "    file \"/dev/null\"\n"
    "    infile \"%s\"\n"
    "    format \"raw\"\n"
    "}\n"
    "pcm.!default {\n"
    "    type plug\n"
    "    slave { pcm \"madoguchi_speech_file\" format S16_LE rate 16000 channels 1 }\n"
    "}\n"
    "# A microphone that works at 48 kHz, with the same speech.\n"
    "pcm.madoguchi_mic48 {\n"
    "    type plug\n"
    "    slave {\n"
    "        pcm { type file slave.pcm \"null\" file \"/dev/null\" infile \"%s\" format \"raw\" }\n"
    "        format S16_LE rate 48000 channels 1\n"
    "    }\n"
    "}\n"
    "# Someone who never stops.\n"
    "pcm.madoguchi_loud {\n"
    "    type plug\n"
    "    slave {\n"
    "        pcm { type file slave.pcm \"null\" file \"/dev/null\" infile \"%s\" format \"raw\" }\n"
    "        format S16_LE rate 16000 channels 1\n"
    "    }\n"
    "}\n"
    "# A microphone that fails when the test closes the FIFO its copy goes to.\n"
    "pcm.madoguchi_unplugged {\n"
    "    type plug\n"
    "    slave {\n"
    "        pcm { type file slave.pcm \"null\" file \"%s\" infile \"%s\" format \"raw\" }\n"
    "        format S16_LE rate 16000 channels 1\n"
    "    }\n"
    "}\n"
    "# A microphone that fails a moment into the capture.\n"
    "pcm.madoguchi_lost {\n"
    "    type plug\n"
    "    slave {\n"
    "        pcm { type file slave.pcm \"null\" file \"/dev/full\" infile \"%s\" format \"raw\" }\n"
    "        format S16_LE rate 16000 channels 1\n"
    "    }\n"
    "}\n",
    speech16_path, speech48_path, loud_path, fifo_path, speech16_path, speech16_path);

  g_file_set_contents (path, configuration, -1, &error);
  g_assert_no_error (error);
  g_setenv ("ALSA_CONFIG_PATH", search_path, TRUE);
}

static gboolean
on_hang (gpointer user_data)
{
  g_error ("%s did not finish within %d s", (const char *) user_data, HANG_GUARD_SECONDS);
  return G_SOURCE_REMOVE;
}

static void
wait_for (gboolean   *done,
          const char *what)
{
  guint guard = g_timeout_add_seconds (HANG_GUARD_SECONDS, on_hang, (gpointer) what);

  while (!*done)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (guard);
}

static void
set_flag (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
}

/* Runs the main context for @milliseconds of wall time: on an unpaced device, long enough
 * for thousands of blocks to arrive if capture had not really stopped. */
static void
keep_running (guint milliseconds)
{
  gboolean elapsed = FALSE;

  g_timeout_add_once (milliseconds, set_flag, &elapsed);
  while (!elapsed)
    g_main_context_iteration (NULL, TRUE);
}

/* One capture straight from an input, stopped from the ::block handler once @wanted samples
 * have come (never when 0). */
typedef struct {
  MadoPortaudioInput *input;
  gsize               wanted;
  GArray             *samples;
  gboolean            start_finished;
  GError             *start_error;
  guint               device_rate;
  guint               blocks;
  guint               blocks_before_start;
  guint               blocks_after_stop;
  gboolean            stopped;
  GError             *failure;
  guint               blocks_at_failure;
} Capture;

static void
capture_clear (Capture *capture)
{
  g_clear_object (&capture->input);
  g_clear_pointer (&capture->samples, g_array_unref);
  g_clear_error (&capture->start_error);
  g_clear_error (&capture->failure);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Capture, capture_clear)

static void
on_capture_started (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Capture *capture = user_data;

  mado_audio_input_start_finish (MADO_AUDIO_INPUT (source), result, &capture->start_error);
  capture->device_rate = mado_portaudio_input_get_device_rate (capture->input);
  capture->start_finished = TRUE;
}

static void
on_capture_block (MadoAudioInput  *input,
                  MadoAudioBuffer *block,
                  gpointer         user_data)
{
  Capture *capture = user_data;
  gsize n;
  const gint16 *samples = mado_audio_buffer_get_samples (block, &n);

  g_assert_cmpuint (mado_audio_buffer_get_rate (block), ==, MADO_AUDIO_INPUT_RATE);
  g_assert_cmpuint (n, ==, MADO_AUDIO_INPUT_BLOCK_SAMPLES);

  capture->blocks++;
  if (!capture->start_finished)
    capture->blocks_before_start++;
  if (capture->stopped)
    capture->blocks_after_stop++;
  g_array_append_vals (capture->samples, samples, n);

  if (capture->wanted > 0 && capture->samples->len >= capture->wanted && !capture->stopped)
    {
      mado_audio_input_stop (input);
      capture->stopped = TRUE;
    }
}

static void
on_capture_failed (MadoAudioInput *input,
                   const GError   *error,
                   gpointer        user_data)
{
  Capture *capture = user_data;

  g_assert_null (capture->failure);
  capture->failure = g_error_copy (error);
  capture->blocks_at_failure = capture->blocks;
}

static gboolean
capture_is_over (Capture *capture)
{
  return (capture->start_finished && capture->start_error != NULL) || capture->stopped || capture->failure != NULL;
}

/* Starts @capture's input and runs the main context until the capture is over. */
static void
run_capture (Capture *capture)
{
  guint guard = g_timeout_add_seconds (HANG_GUARD_SECONDS, on_hang, (gpointer) "The capture");
  gulong block_handler = g_signal_connect (capture->input, "block", G_CALLBACK (on_capture_block), capture);
  gulong failed_handler = g_signal_connect (capture->input, "failed", G_CALLBACK (on_capture_failed), capture);

  if (capture->samples == NULL)
    capture->samples = g_array_new (FALSE, FALSE, sizeof (gint16));
  capture->start_finished = FALSE;
  capture->stopped = FALSE;
  mado_audio_input_start_async (MADO_AUDIO_INPUT (capture->input), NULL, on_capture_started, capture);
  while (!capture_is_over (capture))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (guard);

  /* Whatever the capture thread still has must not come out after the stop. */
  keep_running (200);
  g_signal_handler_disconnect (capture->input, block_handler);
  g_signal_handler_disconnect (capture->input, failed_handler);
}

static void
test_list_devices (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) devices = mado_portaudio_list_input_devices (&error);

  g_assert_no_error (error);
  g_assert_true (g_strv_contains ((const char * const *) devices, "default"));
  g_assert_true (g_strv_contains ((const char * const *) devices, "madoguchi_mic48"));
  g_assert_true (g_strv_contains ((const char * const *) devices, "madoguchi_loud"));
  g_assert_true (g_strv_contains ((const char * const *) devices, "madoguchi_lost"));
}

/* At 16 kHz the captured samples are the file's, to the bit, from its first sample on, in
 * 20 ms blocks that only start after the start has finished and stop with the stop. */
static void
test_bit_exact_at_16k (void)
{
  g_auto(Capture) capture = { .input = mado_portaudio_input_new (NULL), .wanted = speech_end + RATE };
  const gint16 *expected = mado_audio_buffer_get_samples (speech16, NULL);

  g_assert_null (mado_portaudio_input_get_device_name (capture.input));
  g_assert_cmpuint (mado_portaudio_input_get_device_rate (capture.input), ==, 0);

  run_capture (&capture);
  g_assert_no_error (capture.start_error);
  g_assert_no_error (capture.failure);
  g_assert_cmpuint (capture.device_rate, ==, 16000);
  g_assert_cmpuint (mado_portaudio_input_get_device_rate (capture.input), ==, 0);
  g_assert_cmpuint (capture.blocks_before_start, ==, 0);
  g_assert_cmpuint (capture.blocks_after_stop, ==, 0);

  g_assert_cmpuint (capture.samples->len, >=, capture.wanted);
  g_assert_cmpuint (capture.samples->len, <, capture.wanted + MADO_AUDIO_INPUT_BLOCK_SAMPLES);
  g_assert_cmpmem (capture.samples->data, capture.wanted * sizeof (gint16), expected, capture.wanted * sizeof (gint16));
}

/* A microphone set up for 48 kHz is read at 48 kHz and converted here: the same speech
 * arrives at 16 kHz, in step with the original. */
static void
test_resampled_from_48k (void)
{
  g_auto(Capture) capture = { .input = mado_portaudio_input_new ("mic48"), .wanted = speech_end + RATE };
  const gint16 *expected = mado_audio_buffer_get_samples (speech16, NULL);
  int lag = G_MAXINT;
  double correlation;

  run_capture (&capture);
  g_assert_no_error (capture.start_error);
  g_assert_cmpuint (capture.device_rate, ==, 48000);
  g_assert_cmpuint (capture.samples->len, >=, capture.wanted);

  correlation = mado_test_best_correlation (expected, capture.wanted, (const gint16 *) capture.samples->data,
                                            capture.wanted, 8, &lag);
  g_test_message ("correlation %.5f at a lag of %d samples", correlation, lag);
  g_assert_cmpfloat (correlation, >, 0.99);
  g_assert_cmpint (ABS (lag), <=, 1);
}

static void
test_missing_device (void)
{
  g_auto(Capture) missing = { .input = mado_portaudio_input_new ("USB Microphone Madoguchi") };
  g_auto(Capture) ambiguous = { .input = mado_portaudio_input_new ("madoguchi_") };

  run_capture (&missing);
  g_assert_error (missing.start_error, MADO_AUDIO_ERROR, MADO_AUDIO_ERROR_NO_DEVICE);
  /* The message names what was looked for and what exists, for whoever fixes the setting. */
  mado_test_assert_mentions (missing.start_error, "USB Microphone Madoguchi");
  mado_test_assert_mentions (missing.start_error, "“default”");
  mado_test_assert_mentions (missing.start_error, "“madoguchi_mic48”");
  g_assert_cmpuint (missing.blocks, ==, 0);

  run_capture (&ambiguous);
  g_assert_error (ambiguous.start_error, MADO_AUDIO_ERROR, MADO_AUDIO_ERROR_NO_DEVICE);
  mado_test_assert_mentions (ambiguous.start_error, "madoguchi_");
  mado_test_assert_mentions (ambiguous.start_error, "matches");
}

/* A second start while capturing is refused; a stop before the device is open ends the
 * start as cancelled; so does a cancellable cancelled beforehand. */
static void
test_start_twice_and_cancel (void)
{
  g_autoptr(MadoPortaudioInput) input = mado_portaudio_input_new (NULL);
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(GAsyncResult) cancelled = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;

  mado_audio_input_start_async (MADO_AUDIO_INPUT (input), NULL, mado_test_store_result, &first);
  mado_audio_input_start_async (MADO_AUDIO_INPUT (input), NULL, mado_test_store_result, &second);
  mado_audio_input_stop (MADO_AUDIO_INPUT (input));
  while (first == NULL || second == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (mado_audio_input_start_finish (MADO_AUDIO_INPUT (input), second, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PENDING);
  g_clear_error (&error);
  g_assert_false (mado_audio_input_start_finish (MADO_AUDIO_INPUT (input), first, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  g_cancellable_cancel (cancellable);
  mado_audio_input_start_async (MADO_AUDIO_INPUT (input), cancellable, mado_test_store_result, &cancelled);
  while (cancelled == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (mado_audio_input_start_finish (MADO_AUDIO_INPUT (input), cancelled, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* Stopping an input that is not capturing does nothing. */
  mado_audio_input_stop (MADO_AUDIO_INPUT (input));
  g_timeout_add_once (50, set_flag, &done);
  wait_for (&done, "The idle input");
}

/* Stopped and started again, the same input opens the device afresh: the file is read from
 * its start again, and the first capture's thread is out of the way. */
static void
test_stop_and_start_again (void)
{
  g_auto(Capture) capture = { .input = mado_portaudio_input_new (""), .wanted = 5 * MADO_AUDIO_INPUT_BLOCK_SAMPLES };
  const gint16 *expected = mado_audio_buffer_get_samples (speech16, NULL);

  for (guint round = 0; round < 3; round++)
    {
      g_array_set_size (capture.samples != NULL ? capture.samples : (capture.samples = g_array_new (FALSE, FALSE, sizeof (gint16))), 0);
      capture.blocks = 0;
      run_capture (&capture);
      g_assert_no_error (capture.start_error);
      g_assert_cmpuint (capture.blocks, ==, 5);
      g_assert_cmpuint (capture.blocks_after_stop, ==, 0);
      g_assert_cmpmem (capture.samples->data, capture.wanted * sizeof (gint16), expected, capture.wanted * sizeof (gint16));
    }
}

/* A device that fails while capturing: ::failed with DEVICE_LOST, after some sound, and
 * nothing after it. */
static void
test_device_lost (void)
{
  g_auto(Capture) capture = { .input = mado_portaudio_input_new ("madoguchi_lost") };

  run_capture (&capture);
  g_assert_no_error (capture.start_error);
  g_assert_error (capture.failure, MADO_AUDIO_ERROR, MADO_AUDIO_ERROR_DEVICE_LOST);
  mado_test_assert_mentions (capture.failure, "madoguchi_lost");
  g_test_message ("failed after %u blocks: %s", capture.blocks, capture.failure->message);
  g_assert_cmpuint (capture.blocks, >, 0);
  g_assert_cmpuint (capture.blocks, ==, capture.blocks_at_failure);
  g_assert_cmpuint (mado_portaudio_input_get_device_rate (capture.input), ==, 0);
}

/* One recording, with everything the recorder told on the way. */
typedef struct {
  MadoRecorder     *recorder;
  MadoAudioInput   *input;
  GCancellable     *cancellable;
  gboolean          stop_at_first_chunk;
  gboolean          cancel_at_first_chunk;
  gboolean          close_fifo_at_first_chunk;
  int               fifo;
  guint             fifo_watch;

  GArray           *chunks;
  guint             n_chunks;
  guint             chunks_after_stop;
  guint             blocks_after_stop;
  gboolean          asked_to_stop;
  GArray           *states;
  guint             level_notifications;
  double            loudest;
  gboolean          finished;
  MadoAudioBuffer  *utterance;
  GError           *error;
} Recording;

static void
recording_clear (Recording *recording)
{
  g_clear_handle_id (&recording->fifo_watch, g_source_remove);
  if (recording->fifo >= 0)
    g_close (recording->fifo, NULL);
  g_clear_object (&recording->recorder);
  g_clear_object (&recording->input);
  g_clear_object (&recording->cancellable);
  g_clear_pointer (&recording->chunks, g_array_unref);
  g_clear_pointer (&recording->states, g_array_unref);
  g_clear_pointer (&recording->utterance, mado_audio_buffer_unref);
  g_clear_error (&recording->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Recording, recording_clear)

static void
on_chunk (MadoRecorder    *recorder,
          MadoAudioBuffer *chunk,
          gpointer         user_data)
{
  Recording *recording = user_data;
  gsize n;
  const gint16 *samples = mado_audio_buffer_get_samples (chunk, &n);

  g_assert_cmpuint (mado_audio_buffer_get_rate (chunk), ==, 16000);
  g_assert_cmpint (mado_recorder_get_state (recorder), ==, MADO_RECORDER_SPEAKING);
  if (recording->asked_to_stop)
    recording->chunks_after_stop++;
  recording->n_chunks++;
  g_array_append_vals (recording->chunks, samples, n);

  if (recording->n_chunks == 1 && recording->stop_at_first_chunk)
    {
      recording->asked_to_stop = TRUE;
      mado_recorder_stop (recorder);
      /* Tap to stop ends the recording at once: no waiting for the device. */
      g_assert_cmpint (mado_recorder_get_state (recorder), ==, MADO_RECORDER_FINISHED);
      g_assert_cmpint (mado_recorder_get_end_reason (recorder), ==, MADO_RECORDER_END_STOPPED);
    }
  if (recording->n_chunks == 1 && recording->cancel_at_first_chunk)
    {
      recording->asked_to_stop = TRUE;
      g_cancellable_cancel (recording->cancellable);
    }
  if (recording->n_chunks == 1 && recording->close_fifo_at_first_chunk)
    {
      /* The microphone is pulled out while the person is speaking. */
      g_clear_handle_id (&recording->fifo_watch, g_source_remove);
      g_close (recording->fifo, NULL);
      recording->fifo = -1;
    }
}

static void
on_input_block_after_stop (MadoAudioInput  *input,
                           MadoAudioBuffer *block,
                           gpointer         user_data)
{
  Recording *recording = user_data;

  if (recording->finished)
    recording->blocks_after_stop++;
}

static void
on_state (MadoRecorder *recorder,
          GParamSpec   *pspec,
          gpointer      user_data)
{
  Recording *recording = user_data;
  MadoRecorderState state = mado_recorder_get_state (recorder);

  g_array_append_val (recording->states, state);
}

static void
on_level (MadoRecorder *recorder,
          GParamSpec   *pspec,
          gpointer      user_data)
{
  Recording *recording = user_data;
  double level;

  g_object_get (recorder, "level", &level, NULL);
  g_assert_cmpfloat (level, >=, 0.0);
  g_assert_cmpfloat (level, <=, 1.0);
  recording->level_notifications++;
  recording->loudest = MAX (recording->loudest, level);
}

static void
on_recorded (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Recording *recording = user_data;

  recording->utterance = mado_recorder_record_finish (MADO_RECORDER (source), result, &recording->error);
  recording->finished = TRUE;
}

static void
run_recording (Recording  *recording,
               const char *device_name)
{
  recording->input = MADO_AUDIO_INPUT (mado_portaudio_input_new (device_name));
  recording->recorder = mado_recorder_new (recording->input, NULL);
  recording->chunks = g_array_new (FALSE, FALSE, sizeof (gint16));
  recording->states = g_array_new (FALSE, FALSE, sizeof (MadoRecorderState));
  g_signal_connect (recording->recorder, "chunk", G_CALLBACK (on_chunk), recording);
  g_signal_connect (recording->recorder, "notify::state", G_CALLBACK (on_state), recording);
  g_signal_connect (recording->recorder, "notify::level", G_CALLBACK (on_level), recording);
  g_signal_connect (recording->input, "block", G_CALLBACK (on_input_block_after_stop), recording);

  g_assert_cmpint (mado_recorder_get_state (recording->recorder), ==, MADO_RECORDER_IDLE);
  g_assert_cmpint (mado_recorder_get_end_reason (recording->recorder), ==, MADO_RECORDER_END_NONE);
  g_assert_true (mado_recorder_get_input (recording->recorder) == recording->input);
  g_assert_cmpuint (mado_recorder_get_max_length (recording->recorder), ==, 30000);

  mado_recorder_record_async (recording->recorder, recording->cancellable, on_recorded, recording);
  wait_for (&recording->finished, "The recording");
  keep_running (200);
}

static void
assert_states (Recording               *recording,
               const MadoRecorderState *expected,
               guint                    n_expected)
{
  g_assert_cmpuint (recording->states->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    g_assert_cmpint (g_array_index (recording->states, MadoRecorderState, i), ==, expected[i]);
}

/* Nobody taps anything: the recording ends by itself shortly after the sentence, and what it
 * handed on, chunk by chunk, is the sentence from just before its first sound, exactly. */
static void
test_recorder_ends_on_end_of_speech (void)
{
  g_auto(Recording) recording = { .fifo = -1 };
  static const MadoRecorderState expected_states[] = {
    MADO_RECORDER_WAITING, MADO_RECORDER_SPEAKING, MADO_RECORDER_FINISHED
  };
  MadoVoiceActivity *detector;
  const gint16 *heard = mado_audio_buffer_get_samples (speech16, NULL);
  gsize start;
  gsize length;
  guint64 recorded;

  run_recording (&recording, NULL);
  g_assert_no_error (recording.error);
  g_assert_nonnull (recording.utterance);
  g_assert_cmpint (mado_recorder_get_end_reason (recording.recorder), ==, MADO_RECORDER_END_SPEECH_ENDED);
  assert_states (&recording, expected_states, G_N_ELEMENTS (expected_states));
  g_assert_cmpuint (recording.blocks_after_stop, ==, 0);

  /* The finish returns what the chunks carried. */
  length = mado_audio_buffer_get_length (recording.utterance);
  g_assert_cmpuint (length, ==, recording.chunks->len);
  g_assert_cmpmem (mado_audio_buffer_get_samples (recording.utterance, NULL), length * sizeof (gint16),
                   recording.chunks->data, length * sizeof (gint16));

  /* Recording positions are the file's, since capture starts at its first sample. */
  detector = mado_recorder_get_detector (recording.recorder);
  start = mado_voice_activity_get_speech_start (detector);
  recorded = mado_voice_activity_get_position (detector);
  g_test_message ("utterance %.0f–%.0f ms; the sentence %.0f–%.0f ms", start / 16.0, (start + length) / 16.0,
                  speech_start / 16.0, speech_end / 16.0);
  g_assert_cmpmem (recording.chunks->data, length * sizeof (gint16), heard + start, length * sizeof (gint16));
  g_assert_cmpuint (start + length, ==, recorded);
  /* From the pre-roll before the first sound to within the target after the last. */
  g_assert_cmpuint (start, <=, speech_start);
  g_assert_cmpuint (start + 350 * SAMPLES_PER_MS, >=, speech_start);
  g_assert_cmpuint (start + length, >=, speech_end);
  g_assert_cmpuint (start + length, <=, speech_end + 400 * SAMPLES_PER_MS);

  /* The level meter moved with the voice, at most 30 times a second of sound, and rests at
   * 0 when the recording is over. */
  g_test_message ("%u level notifications over %.2f s; loudest %.2f", recording.level_notifications,
                  (double) recorded / RATE, recording.loudest);
  g_assert_cmpuint (recording.level_notifications, >=, recorded / RATE * 20);
  g_assert_cmpuint (recording.level_notifications, <=, recorded * 30 / RATE + 2);
  g_assert_cmpfloat (recording.loudest, >, 0.5);
  g_assert_cmpfloat (mado_recorder_get_level (recording.recorder), ==, 0.0);
}

static void
test_recorder_tap_to_stop (void)
{
  g_auto(Recording) recording = { .fifo = -1, .stop_at_first_chunk = TRUE };
  static const MadoRecorderState expected_states[] = {
    MADO_RECORDER_WAITING, MADO_RECORDER_SPEAKING, MADO_RECORDER_FINISHED
  };

  run_recording (&recording, NULL);
  g_assert_no_error (recording.error);
  g_assert_cmpint (mado_recorder_get_end_reason (recording.recorder), ==, MADO_RECORDER_END_STOPPED);
  assert_states (&recording, expected_states, G_N_ELEMENTS (expected_states));
  g_assert_cmpuint (recording.n_chunks, ==, 1);
  g_assert_cmpuint (recording.chunks_after_stop, ==, 0);
  g_assert_cmpuint (recording.blocks_after_stop, ==, 0);
  /* What was said up to the tap is kept. */
  g_assert_cmpuint (mado_audio_buffer_get_length (recording.utterance), ==, recording.chunks->len);
  g_assert_cmpuint (recording.chunks->len, >, 0);

  /* Stopping again, or a finished recording, does nothing. */
  mado_recorder_stop (recording.recorder);
  g_assert_cmpint (mado_recorder_get_end_reason (recording.recorder), ==, MADO_RECORDER_END_STOPPED);
}

/* Someone who never stops is stopped at the limit, to the sample. */
static void
test_recorder_max_length (void)
{
  g_auto(Recording) recording = { .fifo = -1 };
  MadoPortaudioInput *input = mado_portaudio_input_new ("madoguchi_loud");
  MadoVoiceActivity *detector;

  recording.input = MADO_AUDIO_INPUT (input);
  recording.recorder = mado_recorder_new (recording.input, NULL);
  mado_recorder_set_max_length (recording.recorder, 2000);
  g_assert_cmpuint (mado_recorder_get_max_length (recording.recorder), ==, 2000);
  recording.chunks = g_array_new (FALSE, FALSE, sizeof (gint16));
  recording.states = g_array_new (FALSE, FALSE, sizeof (MadoRecorderState));
  g_signal_connect (recording.recorder, "chunk", G_CALLBACK (on_chunk), &recording);
  mado_recorder_record_async (recording.recorder, NULL, on_recorded, &recording);
  wait_for (&recording.finished, "The endless recording");

  g_assert_no_error (recording.error);
  g_assert_cmpint (mado_recorder_get_end_reason (recording.recorder), ==, MADO_RECORDER_END_MAX_LENGTH);
  detector = mado_recorder_get_detector (recording.recorder);
  g_assert_cmpint (mado_voice_activity_get_state (detector), ==, MADO_VOICE_ACTIVITY_SPEAKING);
  g_assert_cmpuint (mado_voice_activity_get_position (detector), ==, 2 * RATE);
  g_assert_cmpuint (mado_voice_activity_get_speech_start (detector) + recording.chunks->len, ==, 2 * RATE);
  g_assert_cmpuint (mado_audio_buffer_get_length (recording.utterance), ==, recording.chunks->len);
}

static gboolean
drain_fifo (int          fd,
            GIOCondition condition,
            gpointer     user_data)
{
  guint8 buffer[65536];

  while (read (fd, buffer, sizeof buffer) > 0)
    ;

  return G_SOURCE_CONTINUE;
}

/* The microphone is pulled out in the middle of a sentence: the recording ends with
 * DEVICE_LOST, drops what it had, and nothing hangs. */
static void
test_recorder_device_lost (void)
{
  g_auto(Recording) recording = { .fifo = -1, .close_fifo_at_first_chunk = TRUE };
  static const MadoRecorderState expected_states[] = {
    MADO_RECORDER_WAITING, MADO_RECORDER_SPEAKING, MADO_RECORDER_FINISHED
  };

  /* The device's copy of the sound goes into a FIFO this test drains, so ALSA's open does not
   * wait for a reader and writes never fill the pipe, until the test closes it. */
  recording.fifo = g_open (fifo_path, O_RDONLY | O_NONBLOCK | O_CLOEXEC, 0);
  g_assert_cmpint (recording.fifo, >=, 0);
  recording.fifo_watch = g_unix_fd_add (recording.fifo, G_IO_IN, drain_fifo, NULL);

  run_recording (&recording, "madoguchi_unplugged");
  g_assert_error (recording.error, MADO_AUDIO_ERROR, MADO_AUDIO_ERROR_DEVICE_LOST);
  mado_test_assert_mentions (recording.error, "madoguchi_unplugged");
  g_assert_null (recording.utterance);
  g_assert_cmpint (mado_recorder_get_end_reason (recording.recorder), ==, MADO_RECORDER_END_FAILED);
  assert_states (&recording, expected_states, G_N_ELEMENTS (expected_states));
  g_assert_cmpuint (recording.n_chunks, >=, 1);
}

static void
test_recorder_no_device (void)
{
  g_auto(Recording) recording = { .fifo = -1 };
  static const MadoRecorderState expected_states[] = { MADO_RECORDER_WAITING, MADO_RECORDER_FINISHED };

  run_recording (&recording, "USB Microphone Madoguchi");
  g_assert_error (recording.error, MADO_AUDIO_ERROR, MADO_AUDIO_ERROR_NO_DEVICE);
  g_assert_null (recording.utterance);
  g_assert_cmpint (mado_recorder_get_end_reason (recording.recorder), ==, MADO_RECORDER_END_FAILED);
  assert_states (&recording, expected_states, G_N_ELEMENTS (expected_states));
  g_assert_cmpuint (recording.n_chunks, ==, 0);
}

static void
test_recorder_cancelled (void)
{
  g_auto(Recording) recording = { .fifo = -1, .cancel_at_first_chunk = TRUE, .cancellable = g_cancellable_new () };

  run_recording (&recording, NULL);
  g_assert_error (recording.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (recording.utterance);
  g_assert_cmpint (mado_recorder_get_end_reason (recording.recorder), ==, MADO_RECORDER_END_CANCELLED);
  g_assert_cmpuint (recording.blocks_after_stop, ==, 0);
}

static void
remove_audio_dir (void)
{
  const char *names[] = { "microphones.conf", "speech16.raw", "speech48.raw", "loud.raw", "unplugged.fifo" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (audio_dir, names[i], NULL);

      g_unlink (path);
    }
  g_rmdir (audio_dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  /* Writing to the closed FIFO of the unplugged microphone must fail with EPIPE, as a
   * vanished device does, not end the test with SIGPIPE. */
  signal (SIGPIPE, SIG_IGN);

  audio_dir = g_dir_make_tmp ("madoguchi-microphone-XXXXXX", &error);
  g_assert_no_error (error);
  speech16_path = g_build_filename (audio_dir, "speech16.raw", NULL);
  speech48_path = g_build_filename (audio_dir, "speech48.raw", NULL);
  loud_path = g_build_filename (audio_dir, "loud.raw", NULL);
  fifo_path = g_build_filename (audio_dir, "unplugged.fifo", NULL);
  g_assert_cmpint (mkfifo (fifo_path, 0600), ==, 0);
  /* Before PortAudio is first initialised, for ALSA reads its configuration then, and before
   * the synthesiser starts threads, for setenv() is not thread-safe. */
  write_alsa_configuration ();
  make_speech_files ();
  make_loud_file ();

  g_test_add_func ("/madoguchi/audio-input/list-devices", test_list_devices);
  g_test_add_func ("/madoguchi/audio-input/bit-exact-at-16k", test_bit_exact_at_16k);
  g_test_add_func ("/madoguchi/audio-input/resampled-from-48k", test_resampled_from_48k);
  g_test_add_func ("/madoguchi/audio-input/missing-device", test_missing_device);
  g_test_add_func ("/madoguchi/audio-input/start-twice-and-cancel", test_start_twice_and_cancel);
  g_test_add_func ("/madoguchi/audio-input/stop-and-start-again", test_stop_and_start_again);
  g_test_add_func ("/madoguchi/audio-input/device-lost", test_device_lost);
  g_test_add_func ("/madoguchi/recorder/ends-on-end-of-speech", test_recorder_ends_on_end_of_speech);
  g_test_add_func ("/madoguchi/recorder/tap-to-stop", test_recorder_tap_to_stop);
  g_test_add_func ("/madoguchi/recorder/max-length", test_recorder_max_length);
  g_test_add_func ("/madoguchi/recorder/device-lost", test_recorder_device_lost);
  g_test_add_func ("/madoguchi/recorder/no-device", test_recorder_no_device);
  g_test_add_func ("/madoguchi/recorder/cancelled", test_recorder_cancelled);

  status = g_test_run ();

  g_clear_pointer (&speech16, mado_audio_buffer_unref);
  remove_audio_dir ();
  g_free (speech16_path);
  g_free (speech48_path);
  g_free (loud_path);
  g_free (fifo_path);
  g_free (audio_dir);

  return status;
}

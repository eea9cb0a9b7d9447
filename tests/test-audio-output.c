/* test-audio-output.c: playback through the real PortAudio and ALSA, into a file instead of a speaker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "mado-audio-buffer.h"
#include "mado-local-synthesizer.h"
#include "mado-portaudio-output.h"
#include "mado-test-audio.h"
#include "mado-test-utils.h"

#include <errno.h>
#include <fcntl.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <math.h>
#include <sys/stat.h>
#include <unistd.h>

/* ALSA's "file" plugin over "null" stands in for the sound card: whatever PortAudio plays is
 * written, raw, to a file (or a FIFO) in this folder. It is not paced in real time, so the
 * tests count samples and never wait for seconds to pass. */
static char *audio_dir;
static char *speaker_path;
static char *fifo_path;

#define SPEAKER_RATE 22050
/* Longest any single playback here may take before the test calls it a hang. */
#define HANG_GUARD_SECONDS 60

static void
write_file (const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (audio_dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

/* Two ALSA configurations, each added to the system's alsa.conf through ALSA_CONFIG_PATH so
 * nothing outside the test folder is touched. */
static void
write_alsa_configurations (void)
{
  g_autofree char *speaker = g_strdup_printf (
    "# The default device: 22.05 kHz mono S16 written to a file, so a buffer at that rate\n"
    "# arrives unconverted and can be compared sample by sample.\n"
    "pcm.madoguchi_test_file {\n"
    "    type file\n"
    "    slave.pcm \"null\"\n"
    "    file \"%s\"\n"
    "    format \"raw\"\n"
    "}\n"
    "pcm.!default {\n"
    "    type plug\n"
    "    slave { pcm \"madoguchi_test_file\" format S16_LE rate %d channels 1 }\n"
    "}\n"
    "# The same under a name of its own, to be chosen by name.\n"
    "pcm.madoguchi_test_named {\n"
    "    type plug\n"
    "    slave { pcm \"madoguchi_test_file\" format S16_LE rate %d channels 1 }\n"
    "}\n"
    "# The same into a FIFO: the test drains it at its own pace, which holds the player back\n"
    "# the way a real device's clock would.\n"
    "pcm.madoguchi_test_fifo {\n"
    "    type plug\n"
    "    slave {\n"
    "        pcm { type file slave.pcm \"null\" file \"%s\" format \"raw\" }\n"
    "        format S16_LE rate %d channels 1\n"
    "    }\n"
    "}\n",
    speaker_path, SPEAKER_RATE, SPEAKER_RATE, fifo_path, SPEAKER_RATE);

  write_file ("speaker.conf", speaker);
  /* Card 31 does not exist on any machine this runs on, so the default device cannot open. */
  write_file ("no-default.conf",
              "pcm.!default { type hw card 31 }\n"
              "ctl.!default { type hw card 31 }\n");
}

static void
use_alsa_configuration (const char *name)
{
  g_autofree char *path = g_build_filename (audio_dir, name, NULL);
  g_autofree char *search_path = g_strconcat ("/usr/share/alsa/alsa.conf:", path, NULL);

  g_setenv ("ALSA_CONFIG_PATH", search_path, TRUE);
}

static gboolean
on_hang (gpointer user_data)
{
  g_error ("%s did not finish within %d s", (const char *) user_data, HANG_GUARD_SECONDS);
  return G_SOURCE_REMOVE;
}

static gboolean
play (MadoPortaudioOutput  *output,
      MadoAudioBuffer      *buffer,
      GCancellable         *cancellable,
      GError              **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  guint guard = g_timeout_add_seconds (HANG_GUARD_SECONDS, on_hang, (gpointer) "Playback");

  mado_audio_output_play_async (MADO_AUDIO_OUTPUT (output), buffer, cancellable, mado_test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (guard);

  return mado_audio_output_play_finish (MADO_AUDIO_OUTPUT (output), result, error);
}

/* What reached the "speaker" file, as samples; the file is removed so the next playback
 * starts from nothing. */
static GArray *
take_speaker_samples (void)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;
  GArray *samples = g_array_new (FALSE, FALSE, sizeof (gint16));

  if (!g_file_get_contents (speaker_path, &contents, &length, &error))
    {
      g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
      return samples;
    }
  g_unlink (speaker_path);

  g_assert_cmpuint (length % 2, ==, 0);
  for (gsize i = 0; i < length / 2; i++)
    {
      gint16 value = (gint16) GUINT16_FROM_LE (((guint16 *) contents)[i]);

      g_array_append_val (samples, value);
    }

  return samples;
}

/* Plays @buffer through @output; the speaker must get exactly the buffer's samples, from the
 * first one, followed at most by silence (ALSA may pad the last period). */
static void
assert_plays_exactly (MadoPortaudioOutput *output,
                      MadoAudioBuffer     *buffer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) played = NULL;
  gsize n;
  const gint16 *expected = mado_audio_buffer_get_samples (buffer, &n);

  g_assert_true (play (output, buffer, NULL, &error));
  g_assert_no_error (error);
  played = take_speaker_samples ();
  g_assert_cmpuint (played->len, >=, n);
  g_assert_cmpmem (played->data, n * sizeof (gint16), expected, n * sizeof (gint16));
  for (guint i = n; i < played->len; i++)
    g_assert_cmpint (g_array_index (played, gint16, i), ==, 0);
}

/* A test signal with no period to lock onto by accident: a rising chirp under pseudo-random
 * noise, from a fixed seed. */
static MadoAudioBuffer *
make_test_signal (guint  rate,
                  double seconds)
{
  gsize n = (gsize) (rate * seconds);
  gint16 *samples = g_new (gint16, n);
  g_autoptr(GRand) noise = g_rand_new_with_seed (20261124);

  for (gsize i = 0; i < n; i++)
    {
      double t = (double) i / rate;
      double chirp = sin (2 * G_PI * (200.0 + 600.0 * t) * t);

      samples[i] = (gint16) lround (8000.0 * chirp + g_rand_double_range (noise, -2000.0, 2000.0));
    }

  return mado_audio_buffer_new_take (rate, samples, n);
}

static void
test_list_devices (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) devices = mado_portaudio_list_output_devices (&error);

  g_assert_no_error (error);
  g_assert_true (g_strv_contains ((const char * const *) devices, "default"));
  g_assert_true (g_strv_contains ((const char * const *) devices, "madoguchi_test_file"));
  g_assert_true (g_strv_contains ((const char * const *) devices, "madoguchi_test_fifo"));
  g_assert_true (g_strv_contains ((const char * const *) devices, "madoguchi_test_named"));
}

static void
test_play_is_sample_exact (void)
{
  g_autoptr(MadoPortaudioOutput) output = mado_portaudio_output_new (NULL);
  g_autoptr(MadoLocalSynthesizer) synthesizer = mado_local_synthesizer_new (SPEAKER_RATE);
  g_autoptr(MadoAudioBuffer) signal = make_test_signal (SPEAKER_RATE, 1.5);
  g_autoptr(MadoAudioBuffer) speech = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_null (mado_portaudio_output_get_device_name (output));

  assert_plays_exactly (output, signal);

  speech = mado_synthesizer_synthesize (MADO_SYNTHESIZER (synthesizer), "Your number is forty-two.", "en", NULL, &error);
  g_assert_no_error (error);
  assert_plays_exactly (output, speech);
}

static void
test_named_device (void)
{
  g_autoptr(MadoPortaudioOutput) exact = mado_portaudio_output_new ("madoguchi_test_named");
  g_autoptr(MadoPortaudioOutput) part = mado_portaudio_output_new ("test_named");
  g_autoptr(MadoAudioBuffer) signal = make_test_signal (SPEAKER_RATE, 0.5);

  g_assert_cmpstr (mado_portaudio_output_get_device_name (exact), ==, "madoguchi_test_named");

  assert_plays_exactly (exact, signal);
  assert_plays_exactly (part, signal);
}

static void
test_missing_device (void)
{
  g_autoptr(MadoPortaudioOutput) missing = mado_portaudio_output_new ("USB Speaker Madoguchi");
  g_autoptr(MadoPortaudioOutput) ambiguous = mado_portaudio_output_new ("madoguchi_test");
  g_autoptr(MadoAudioBuffer) signal = make_test_signal (SPEAKER_RATE, 0.2);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) played = NULL;

  g_assert_false (play (missing, signal, NULL, &error));
  g_assert_error (error, MADO_AUDIO_ERROR, MADO_AUDIO_ERROR_NO_DEVICE);
  /* The message names what was looked for and what exists, for whoever fixes the setting. */
  mado_test_assert_mentions (error, "USB Speaker Madoguchi");
  mado_test_assert_mentions (error, "madoguchi_test_file");
  mado_test_assert_mentions (error, "“default”");
  g_clear_error (&error);

  g_assert_false (play (ambiguous, signal, NULL, &error));
  g_assert_error (error, MADO_AUDIO_ERROR, MADO_AUDIO_ERROR_NO_DEVICE);
  mado_test_assert_mentions (error, "madoguchi_test");
  mado_test_assert_mentions (error, "matches 3");

  played = take_speaker_samples ();
  g_assert_cmpuint (played->len, ==, 0);
}

static void
test_converted_to_device_rate (void)
{
  g_autoptr(MadoPortaudioOutput) output = mado_portaudio_output_new ("");
  g_autoptr(MadoLocalSynthesizer) synthesizer = mado_local_synthesizer_new (16000);
  g_autoptr(MadoAudioBuffer) tone = mado_test_make_sine (16000, 440.0, 2.0, 10000.0);
  g_autoptr(MadoAudioBuffer) speech = NULL;
  g_autoptr(MadoAudioBuffer) reference = NULL;
  g_autoptr(GArray) played = NULL;
  g_autoptr(GError) error = NULL;
  const gint16 *expected;
  gsize n;

  /* A 16 kHz tone into the 22.05 kHz "card": the same two seconds and the same pitch arrive. */
  g_assert_true (play (output, tone, NULL, &error));
  g_assert_no_error (error);
  played = take_speaker_samples ();
  g_assert_cmpfloat_with_epsilon ((double) played->len / SPEAKER_RATE, 2.0, 1.0 / SPEAKER_RATE);
  g_assert_cmpfloat_with_epsilon (mado_test_zero_crossing_rate ((const gint16 *) played->data, played->len,
                                                                SPEAKER_RATE),
                                  880.0, 880.0 * 0.005);
  g_clear_pointer (&played, g_array_unref);

  /* 16 kHz speech: what arrives is the speech, converted, from its first sample to its last. */
  speech = mado_synthesizer_synthesize (MADO_SYNTHESIZER (synthesizer), "Please take a seat.", "en", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (play (output, speech, NULL, &error));
  g_assert_no_error (error);
  played = take_speaker_samples ();
  reference = mado_audio_buffer_resample (speech, SPEAKER_RATE);
  expected = mado_audio_buffer_get_samples (reference, &n);
  g_assert_cmpfloat_with_epsilon ((double) played->len / SPEAKER_RATE, mado_audio_buffer_get_duration (speech),
                                  1.0 / SPEAKER_RATE);
  g_assert_cmpfloat (mado_test_best_correlation (expected, n, (const gint16 *) played->data, played->len, 50, NULL),
                     >, 0.99);
}

static void
test_rate_the_device_refuses (void)
{
  g_autoptr(MadoPortaudioOutput) output = mado_portaudio_output_new (NULL);
  /* ALSA's plug converts from 4 kHz upwards only, so PortAudio refuses a 2 kHz stream; the
   * player must convert it to a rate the device takes. */
  g_autoptr(MadoAudioBuffer) tone = mado_test_make_sine (2000, 300.0, 2.0, 10000.0);
  g_autoptr(GArray) played = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (play (output, tone, NULL, &error));
  g_assert_no_error (error);

  /* The file holds the speaker's rate, so the tone arrived converted: still 2 s, still 300 Hz. */
  played = take_speaker_samples ();
  g_assert_cmpfloat_with_epsilon ((double) played->len / SPEAKER_RATE, 2.0, 0.02);
  g_assert_cmpfloat_with_epsilon (mado_test_zero_crossing_rate ((const gint16 *) played->data, played->len,
                                                                SPEAKER_RATE),
                                  600.0, 6.0);
}

static void
test_cancel_before_play (void)
{
  g_autoptr(MadoPortaudioOutput) output = mado_portaudio_output_new (NULL);
  g_autoptr(MadoAudioBuffer) signal = make_test_signal (SPEAKER_RATE, 1.0);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GArray) played = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (play (output, signal, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  played = take_speaker_samples ();
  g_assert_cmpuint (played->len, ==, 0);
}

typedef struct {
  int           fd;
  GByteArray   *received;
  gsize         cancel_after_bytes;
  gsize         received_at_cancel;
  GCancellable *cancellable;
} FifoReader;

static void
drain_fifo (FifoReader *reader)
{
  guint8 chunk[65536];
  gssize got;

  while ((got = read (reader->fd, chunk, sizeof chunk)) > 0)
    g_byte_array_append (reader->received, chunk, got);
  g_assert_true (got == -1 && (errno == EAGAIN || errno == EWOULDBLOCK));
}

static gboolean
on_fifo_readable (int          fd,
                  GIOCondition condition,
                  gpointer     user_data)
{
  FifoReader *reader = user_data;

  drain_fifo (reader);

  if (reader->received_at_cancel == 0 && reader->received->len >= reader->cancel_after_bytes)
    {
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) devices = NULL;

      reader->received_at_cancel = reader->received->len;

      /* The player holds PortAudio open; a second user coming and going must not shut it
       * down under the playing stream. */
      devices = mado_portaudio_list_output_devices (&error);
      g_assert_no_error (error);
      g_assert_true (g_strv_contains ((const char * const *) devices, "madoguchi_test_fifo"));

      g_cancellable_cancel (reader->cancellable);
    }

  return G_SOURCE_CONTINUE;
}

static void
test_cancel_mid_play (void)
{
  g_autoptr(MadoPortaudioOutput) output = mado_portaudio_output_new ("madoguchi_test_fifo");
  /* A minute of sound: far more than the ALSA, plug and pipe buffers hold together. */
  g_autoptr(MadoAudioBuffer) signal = make_test_signal (SPEAKER_RATE, 60.0);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GByteArray) received = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  FifoReader reader = { -1, received, SPEAKER_RATE * 2, 0, cancellable };
  const gint16 *expected;
  gsize n;
  gsize after_cancel;
  guint watch;

  /* Read and write ends both held here: ALSA's open never waits for a reader, and a page-sized
   * pipe leaves almost nothing buffered between the player and the test. */
  reader.fd = g_open (fifo_path, O_RDWR | O_NONBLOCK | O_CLOEXEC, 0);
  g_assert_cmpint (reader.fd, >=, 0);
  g_assert_cmpint (fcntl (reader.fd, F_SETPIPE_SZ, 4096), >=, 4096);
  watch = g_unix_fd_add (reader.fd, G_IO_IN, on_fifo_readable, &reader);

  g_assert_false (play (output, signal, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* The stream is closed by the time the result arrives, so everything it wrote is here. */
  g_source_remove (watch);
  drain_fifo (&reader);
  g_close (reader.fd, NULL);

  expected = mado_audio_buffer_get_samples (signal, &n);
  after_cancel = (received->len - reader.received_at_cancel) / 2;
  g_test_message ("cancelled after %" G_GSIZE_FORMAT " samples; %" G_GSIZE_FORMAT " more arrived",
                  reader.received_at_cancel / 2, after_cancel);

  g_assert_cmpuint (reader.received_at_cancel, >=, reader.cancel_after_bytes);
  /* What did arrive is the start of the signal, unchanged. */
  g_assert_cmpuint (received->len % 2, ==, 0);
  g_assert_cmpmem (received->data, received->len, expected, received->len);
  /* The sound stopped promptly: after the cancellation, only what was already queued reached
   * the speaker: the 4 KiB pipe (2,048 samples), PortAudio's ~70 ms ALSA buffer and the file
   * plugin's copy of it (about 1,500 samples each) and the 20 ms block being written, some
   * 5,500 samples. Half a second is twice that, and nowhere near the 59 s that were left. */
  g_assert_cmpuint (after_cancel, <, SPEAKER_RATE / 2);
}

/* A machine whose default device cannot be opened: a clear NO_DEVICE, not a hang or a crash.
 * ALSA reads its configuration once per process, so this runs in a child with its own. */
static void
test_no_default_device (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(MadoPortaudioOutput) output = NULL;
      g_autoptr(MadoAudioBuffer) signal = make_test_signal (SPEAKER_RATE, 0.5);
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) devices = NULL;

      use_alsa_configuration ("no-default.conf");
      devices = mado_portaudio_list_output_devices (&error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_strv_length (devices), ==, 0);

      output = mado_portaudio_output_new (NULL);
      g_assert_false (play (output, signal, NULL, &error));
      g_assert_error (error, MADO_AUDIO_ERROR, MADO_AUDIO_ERROR_NO_DEVICE);
      mado_test_assert_mentions (error, "no default audio output device");
      return;
    }

  /* A real sound card would be found and used as the default, so the situation cannot be
   * made on such a machine; the build machines have none. */
  if (g_file_test ("/proc/asound/card0", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("this machine has a sound card, which PortAudio would pick as the default");
      return;
    }

  g_test_trap_subprocess (NULL, HANG_GUARD_SECONDS * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
remove_audio_dir (void)
{
  const char *names[] = { "speaker.conf", "no-default.conf", "speaker.raw", "speaker.fifo" };

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
  gboolean owns_dir;
  int status;

  g_test_init (&argc, &argv, NULL);

  /* The parent makes the folder; the children g_test_trap_subprocess() starts find it in the
   * environment they inherit. All of this happens before PortAudio is first initialised. */
  owns_dir = !g_test_subprocess ();
  if (owns_dir)
    {
      g_autoptr(GError) error = NULL;

      audio_dir = g_dir_make_tmp ("madoguchi-audio-XXXXXX", &error);
      g_assert_no_error (error);
      g_setenv ("MADOGUCHI_TEST_AUDIO_DIR", audio_dir, TRUE);
    }
  else
    {
      audio_dir = g_strdup (g_getenv ("MADOGUCHI_TEST_AUDIO_DIR"));
      g_assert_nonnull (audio_dir);
    }
  speaker_path = g_build_filename (audio_dir, "speaker.raw", NULL);
  fifo_path = g_build_filename (audio_dir, "speaker.fifo", NULL);
  if (owns_dir)
    {
      write_alsa_configurations ();
      g_assert_cmpint (mkfifo (fifo_path, 0600), ==, 0);
    }
  use_alsa_configuration ("speaker.conf");

  g_test_add_func ("/madoguchi/audio-output/list-devices", test_list_devices);
  g_test_add_func ("/madoguchi/audio-output/play-is-sample-exact", test_play_is_sample_exact);
  g_test_add_func ("/madoguchi/audio-output/named-device", test_named_device);
  g_test_add_func ("/madoguchi/audio-output/missing-device", test_missing_device);
  g_test_add_func ("/madoguchi/audio-output/converted-to-device-rate", test_converted_to_device_rate);
  g_test_add_func ("/madoguchi/audio-output/rate-the-device-refuses", test_rate_the_device_refuses);
  g_test_add_func ("/madoguchi/audio-output/cancel-before-play", test_cancel_before_play);
  g_test_add_func ("/madoguchi/audio-output/cancel-mid-play", test_cancel_mid_play);
  g_test_add_func ("/madoguchi/audio-output/no-default-device", test_no_default_device);

  status = g_test_run ();

  if (owns_dir)
    remove_audio_dir ();
  g_free (speaker_path);
  g_free (fifo_path);
  g_free (audio_dir);

  return status;
}

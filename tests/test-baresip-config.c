/* test-baresip-config.c: baresip's configuration, what its events mean, and the ctrl_tcp framing,
 * without a helper running
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-baresip-config.h"
#include "mado-baresip-control.h"
#include "mado-sip-test-utils.h"

#include <glib/gstdio.h>
#include <string.h>

typedef struct {
  char *folder;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->folder = mado_test_make_folder ("madoguchi-config-test");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  mado_test_remove_folder (fixture->folder);
  g_free (fixture->folder);
}

static char *
read_file (const char *folder,
           const char *name)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static void
test_config_files (Fixture       *fixture,
                   gconstpointer  data)
{
  MadoSipTrunk trunk = {
    .domain = "trunk.example.invalid",
    .proxy = "sip:127.0.0.1:5999;transport=tcp",
    .username = "kiosk-0001",
    .password = "s3cret-Pa55",
  };
  MadoDialRequest request = {
    .uri = "sip:0120000101@trunk.example.invalid;user=phone",
    .language = "ne",
    .caller_name = "Counter \"3\"",
    .trunk = &trunk,
  };
  MadoBaresipOptions options = {
    .module_folder = "/usr/lib/baresip/modules",
    .local_address = "127.0.0.1",
    .dns_server = "127.0.0.1:5353",
    .audio_source = "alsa,plughw:CARD=USB,DEV=0",
    .audio_player = "alsa,default",
  };
  g_autofree char *config = NULL;
  g_autofree char *accounts = NULL;
  g_autofree char *accounts_path = g_build_filename (fixture->folder, "accounts", NULL);
  g_autoptr(GError) error = NULL;
  GStatBuf info;

  g_assert_true (mado_baresip_write_config (fixture->folder, &options, &request, 4321, &error));
  g_assert_no_error (error);

  config = read_file (fixture->folder, "config");
  g_assert_nonnull (strstr (config, "\nsip_listen\t127.0.0.1:0\n"));
  g_assert_nonnull (strstr (config, "\nnet_interface\t127.0.0.1\n"));
  g_assert_nonnull (strstr (config, "\ndns_server\t127.0.0.1:5353\n"));
  g_assert_nonnull (strstr (config, "\naudio_source\talsa,plughw:CARD=USB,DEV=0\n"));
  g_assert_nonnull (strstr (config, "\nctrl_tcp_listen\t127.0.0.1:4321\n"));
  g_assert_nonnull (strstr (config, "\nmodule_path\t/usr/lib/baresip/modules\n"));
  g_assert_null (strstr (config, "sndfile"));

  accounts = read_file (fixture->folder, "accounts");
  g_assert_cmpstr (accounts, ==,
                   "\"Counter 3\" <sip:kiosk-0001@trunk.example.invalid>;regint=0;answermode=manual;"
                   "auth_user=kiosk-0001;auth_pass=s3cret-Pa55;outbound=\"sip:127.0.0.1:5999;transport=tcp\"\n");
  /* Root reads it anyway; the mode is what keeps other users out. */
  g_assert_cmpint (g_stat (accounts_path, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0600);

  options.audio_source = "alsa,my microphone";
  g_assert_false (mado_baresip_write_config (fixture->folder, &options, &request, 4321, &error));
  g_assert_error (error, MADO_CALL_ERROR, MADO_CALL_ERROR_INVALID_SETUP);
  g_clear_error (&error);

  options.audio_source = "alsa,default";
  trunk.password = "pass;word";
  g_assert_false (mado_baresip_write_config (fixture->folder, &options, &request, 4321, &error));
  g_assert_error (error, MADO_CALL_ERROR, MADO_CALL_ERROR_INVALID_SETUP);
  g_assert_null (strstr (error->message, "pass;word"));
}

static void
test_close_reasons (void)
{
  static const struct {
    const char      *reason;
    MadoCallFailure  failure;
    gboolean         by_remote;
    const char      *in_detail;
  } cases[] = {
    { "Connection reset by user", MADO_CALL_FAILURE_NONE, FALSE, NULL },
    { "Connection reset by peer", MADO_CALL_FAILURE_NONE, TRUE, NULL },
    { "487 Request Terminated", MADO_CALL_FAILURE_NONE, FALSE, NULL },
    { "486 Busy Here", MADO_CALL_FAILURE_BUSY, FALSE, "486 Busy Here" },
    { "600 Busy Everywhere", MADO_CALL_FAILURE_BUSY, FALSE, "600" },
    { "480 Temporarily Unavailable", MADO_CALL_FAILURE_NO_ANSWER, FALSE, "480" },
    { "408 Request Timeout", MADO_CALL_FAILURE_NO_ANSWER, FALSE, "408" },
    { "404 Not Found", MADO_CALL_FAILURE_UNREACHABLE, FALSE, "404" },
    { "503 Service Unavailable", MADO_CALL_FAILURE_UNREACHABLE, FALSE, "503" },
    { "403 Forbidden", MADO_CALL_FAILURE_REJECTED, FALSE, "403" },
    { "603 Decline", MADO_CALL_FAILURE_REJECTED, FALSE, "603" },
    { "488 Not Acceptable Here", MADO_CALL_FAILURE_SIP_ERROR, FALSE, "488" },
    { "407 Proxy Authentication Required", MADO_CALL_FAILURE_SIP_ERROR, FALSE, "407" },
    { "Destination address required", MADO_CALL_FAILURE_UNREACHABLE, FALSE, "DNS" },
    { "Connection refused", MADO_CALL_FAILURE_UNREACHABLE, FALSE, "refused" },
    { "Connection timed out", MADO_CALL_FAILURE_UNREACHABLE, FALSE, "did not respond" },
    { "No route to host", MADO_CALL_FAILURE_UNREACHABLE, FALSE, "route" },
    { "rtp timeout", MADO_CALL_FAILURE_SIP_ERROR, FALSE, "rtp timeout" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *detail = NULL;
      gboolean by_remote = !cases[i].by_remote;
      MadoCallFailure failure = mado_baresip_interpret_close (cases[i].reason, &by_remote, &detail);

      g_test_message ("%s", cases[i].reason);
      g_assert_cmpstr (mado_call_failure_to_string (failure), ==, mado_call_failure_to_string (cases[i].failure));
      g_assert_cmpint (by_remote, ==, cases[i].by_remote);
      if (cases[i].in_detail == NULL)
        g_assert_null (detail);
      else
        g_assert_nonnull (strstr (detail, cases[i].in_detail));
    }
}

static void
test_call_types (void)
{
  g_autoptr(GError) error = NULL;
  MadoCallFailure failure = MADO_CALL_FAILURE_NONE;

  /* The names are what the usage log keeps; they must read back. */
  for (int value = MADO_CALL_FAILURE_NONE; value <= MADO_CALL_FAILURE_HELPER_DIED; value++)
    {
      g_assert_true (mado_call_failure_from_string (mado_call_failure_to_string (value), &failure));
      g_assert_cmpint (failure, ==, value);
    }
  g_assert_false (mado_call_failure_from_string ("on-fire", &failure));
  g_assert_cmpstr (mado_call_failure_to_string (MADO_CALL_FAILURE_NO_ANSWER), ==, "no-answer");
  g_assert_cmpstr (mado_call_state_to_string (MADO_CALL_STATE_DIAL_BY_HAND), ==, "dial-by-hand");

  g_assert_true (mado_call_failure_is_local (MADO_CALL_FAILURE_AUDIO_DEVICE));
  g_assert_true (mado_call_failure_is_local (MADO_CALL_FAILURE_HELPER_DIED));
  g_assert_false (mado_call_failure_is_local (MADO_CALL_FAILURE_BUSY));

  g_assert_true (mado_call_check_dtmf ("0123456789*#ABCD,", &error));
  g_assert_no_error (error);
  g_assert_false (mado_call_check_dtmf ("１", &error));
  g_assert_error (error, MADO_CALL_ERROR, MADO_CALL_ERROR_INVALID_DIGITS);
  g_assert_nonnull (strstr (error->message, "“１”"));
  g_clear_error (&error);
  g_assert_false (mado_call_check_dtmf ("", &error));
  g_assert_error (error, MADO_CALL_ERROR, MADO_CALL_ERROR_INVALID_DIGITS);
}

static void
test_audio_log_lines (void)
{
  g_autofree char *detail = NULL;

  g_assert_true (mado_baresip_audio_device_failure ("alsa: could not open auplay device 'hw:3,0' "
                                                    "(No such file or directory)", &detail));
  g_assert_cmpstr (detail, ==, "the loudspeaker “hw:3,0” could not be opened (No such file or directory)");
  g_clear_pointer (&detail, g_free);

  g_assert_true (mado_baresip_audio_device_failure ("alsa: could not open ausrc device 'usb-mic' (Device or resource busy)",
                                                    &detail));
  g_assert_cmpstr (detail, ==, "the microphone “usb-mic” could not be opened (Device or resource busy)");
  g_clear_pointer (&detail, g_free);

  g_assert_false (mado_baresip_audio_device_failure ("audio: Set audio decoder: PCMU 8000Hz 1ch", &detail));
  g_assert_null (detail);
}

static void
test_netstrings (void)
{
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  g_autoptr(GBytes) encoded = mado_netstring_encode ("{\"a\":1}", 7);
  g_autoptr(GPtrArray) payloads = NULL;
  g_autoptr(GError) error = NULL;
  const char *two_and_a_half = "5:hello,0:,12:{\"type\":";

  g_assert_cmpmem (g_bytes_get_data (encoded, NULL), g_bytes_get_size (encoded), "7:{\"a\":1},", 10);

  g_byte_array_append (buffer, (const guint8 *) two_and_a_half, strlen (two_and_a_half));
  payloads = mado_netstring_take (buffer, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (payloads->len, ==, 2);
  g_assert_cmpmem (g_bytes_get_data (g_ptr_array_index (payloads, 0), NULL), 5, "hello", 5);
  g_assert_cmpuint (g_bytes_get_size (g_ptr_array_index (payloads, 1)), ==, 0);
  /* The incomplete third message waits for the rest. */
  g_assert_cmpmem (buffer->data, buffer->len, "12:{\"type\":", 11);
  g_clear_pointer (&payloads, g_ptr_array_unref);

  g_byte_array_append (buffer, (const guint8 *) "\"x\"},", 5);
  payloads = mado_netstring_take (buffer, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (payloads->len, ==, 1);
  g_assert_cmpmem (g_bytes_get_data (g_ptr_array_index (payloads, 0), NULL), 12, "{\"type\":\"x\"}", 12);
  g_assert_cmpuint (buffer->len, ==, 0);
  g_clear_pointer (&payloads, g_ptr_array_unref);

  g_byte_array_append (buffer, (const guint8 *) "3:abc;", 6);
  payloads = mado_netstring_take (buffer, &error);
  g_assert_null (payloads);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);

  g_byte_array_set_size (buffer, 0);
  g_byte_array_append (buffer, (const guint8 *) "HTTP/1.1 200 OK", 15);
  payloads = mado_netstring_take (buffer, &error);
  g_assert_null (payloads);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/madoguchi/baresip-config/config-files", Fixture, NULL, fixture_set_up, test_config_files,
              fixture_tear_down);
  g_test_add_func ("/madoguchi/baresip-config/close-reasons", test_close_reasons);
  g_test_add_func ("/madoguchi/baresip-config/call-types", test_call_types);
  g_test_add_func ("/madoguchi/baresip-config/audio-log-lines", test_audio_log_lines);
  g_test_add_func ("/madoguchi/baresip-config/netstrings", test_netstrings);

  return g_test_run ();
}

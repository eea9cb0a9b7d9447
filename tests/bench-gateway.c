/* bench-gateway.c: phrase-memory translation throughput and latency of the real gateway
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The gateway runs as its own process with the shipped phrase sets, and wrk loads it from
 * another process over loopback with kept-alive connections, as the counters of a city would.
 * Both are held to two cores. A bare libsoup server that does no work is measured the same way
 * in the same run, and the gateway's throughput is also given as a share of it.
 *
 * Targets (docs/gateway.md): at least 5,000 requests/s with a p99 of at most 5 ms.
 */
#include "mado-gateway-test-utils.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <sched.h>
#include <string.h>

#include "mado-phrase-reader.h"

#define TOKEN       "madoguchi-bench-token"
#define CONNECTIONS "16"
#define WARM_UP     "2s"
#define DURATION    "10s"

typedef struct {
  double requests_per_second;
  double p50_ms;
  double p99_ms;
} Load;

/* Both processes inherit the benchmark's CPUs: the first two it may use. */
static void
use_two_cores (void)
{
  cpu_set_t cpus;
  guint n_kept = 0;

  if (sched_getaffinity (0, sizeof cpus, &cpus) != 0)
    return;
  for (int cpu = 0; cpu < CPU_SETSIZE; cpu++)
    if (CPU_ISSET (cpu, &cpus) && ++n_kept > 2)
      CPU_CLR (cpu, &cpus);
  sched_setaffinity (0, sizeof cpus, &cpus);
}

/* The first shipped phrase with a Japanese text of at least 24 characters and a Vietnamese
 * one. Long, so that the text with one character left out still matches fuzzily. */
static void
choose_phrase (char **exact,
               char **fuzzy)
{
  g_autofree char *dir = mado_phrase_reader_default_dir ();
  g_autoptr(MadoPhraseReader) reader = mado_phrase_reader_new ();
  g_autoptr(GPtrArray) sets = NULL;
  g_autoptr(GError) error = NULL;

  sets = mado_phrase_reader_read_tree (reader, dir, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < sets->len; i++)
    {
      GPtrArray *phrases = mado_phrase_set_get_phrases (g_ptr_array_index (sets, i));

      for (guint j = 0; j < phrases->len; j++)
        {
          MadoPhrase *phrase = g_ptr_array_index (phrases, j);
          const char *japanese = mado_phrase_get_text (phrase, "ja");
          const char *cut, *after;

          if (japanese == NULL || mado_phrase_get_text (phrase, "vi") == NULL ||
              g_utf8_strlen (japanese, -1) < 24)
            continue;

          /* The thirteenth character left out. */
          cut = g_utf8_offset_to_pointer (japanese, 12);
          after = g_utf8_next_char (cut);
          *exact = g_strdup (japanese);
          *fuzzy = g_string_free (g_string_append (g_string_new_len (japanese, cut - japanese), after), FALSE);
          return;
        }
    }

  g_error ("No shipped phrase has a Japanese text of 24 characters and a Vietnamese one");
}

static char *
request_body (const char *text)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, text);
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, "ja");
  json_builder_set_member_name (builder, "target");
  json_builder_add_string_value (builder, "vi");
  json_builder_set_member_name (builder, "back_translate");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* A wrk script that posts @body; Lua's long brackets need no escaping of the JSON. */
static char *
write_script (const char *dir,
              const char *name,
              const char *body)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *script = g_strdup_printf ("wrk.method = \"POST\"\n"
                                             "wrk.body = [==[%s]==]\n"
                                             "wrk.headers[\"Content-Type\"] = \"application/json\"\n"
                                             "wrk.headers[\"Authorization\"] = \"Bearer " TOKEN "\"\n",
                                             body);
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, script, -1, &error);
  g_assert_no_error (error);
  return path;
}

/* "351.00us", "1.21ms", "1.02s" → milliseconds. */
static double
parse_latency (const char *text)
{
  char *unit;
  double value = g_ascii_strtod (text, &unit);

  if (g_str_has_prefix (unit, "us"))
    return value / 1000.0;
  if (g_str_has_prefix (unit, "ms"))
    return value;
  if (g_str_has_prefix (unit, "s"))
    return value * 1000.0;
  g_error ("wrk printed a latency in an unknown unit: %s", text);
}

static Load
run_wrk (const char *wrk,
         const char *url,
         const char *script,
         const char *duration)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  g_auto(GStrv) lines = NULL;
  Load load = { -1, -1, -1 };

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, wrk, "--threads", "1",
                              "--connections", CONNECTIONS, "--duration", duration, "--latency",
                              "--script", script, url, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &output, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (process));

  lines = g_strsplit (output, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = g_strstrip (lines[i]);

      if (g_str_has_prefix (line, "Requests/sec:"))
        load.requests_per_second = g_ascii_strtod (line + strlen ("Requests/sec:"), NULL);
      else if (g_str_has_prefix (line, "50%"))
        load.p50_ms = parse_latency (g_strchug ((char *) line + 3));
      else if (g_str_has_prefix (line, "99%"))
        load.p99_ms = parse_latency (g_strchug ((char *) line + 3));
      else if (g_str_has_prefix (line, "Non-2xx") || g_str_has_prefix (line, "Socket errors"))
        g_error ("wrk reports failed requests, so the figures would not be the translation's: %s\n%s",
                 line, output);
    }

  if (load.requests_per_second < 0 || load.p50_ms < 0 || load.p99_ms < 0)
    g_error ("Could not read wrk's figures from:\n%s", output);
  return load;
}

static Load
measure (const char *wrk,
         const char *url,
         const char *script)
{
  /* The first seconds warm the caches and let the connections settle; only the rest counts. */
  run_wrk (wrk, url, script, WARM_UP);
  return run_wrk (wrk, url, script, DURATION);
}

/* Checks what the benchmark is about to measure: a 200 with the expected score. */
static void
check_translation (GatewayProcess *gateway,
                   const char     *body,
                   gboolean        exact)
{
  g_autoptr(GatewayResponse) response = gateway_post_json (gateway, "/v1/translate", TOKEN, body);
  double score;

  g_assert_cmpuint (response->status, ==, 200);
  score = json_object_get_double_member (gateway_response_object (response), "score");
  if (exact)
    g_assert_cmpfloat (score, ==, 1.0);
  else
    g_assert_cmpfloat (score, <, 1.0);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *wrk = g_find_program_in_path ("wrk");
  g_autofree char *dir = NULL;
  g_autofree char *token = NULL;
  g_autofree char *phrase_dir = mado_phrase_reader_default_dir ();
  g_autofree char *config = NULL;
  g_autofree char *config_text = NULL;
  g_autofree char *exact = NULL;
  g_autofree char *fuzzy = NULL;
  g_autofree char *exact_body = NULL;
  g_autofree char *fuzzy_body = NULL;
  g_autofree char *exact_script = NULL;
  g_autofree char *fuzzy_script = NULL;
  g_autofree char *gateway_url = NULL;
  g_autofree char *bare_url = NULL;
  g_autoptr(GError) error = NULL;
  GatewayProcess gateway = { 0 };
  GatewayProcess bare = { 0 };
  const char *bare_program = g_getenv ("MADOGUCHI_BARE_SERVER");
  Load exact_load, fuzzy_load, bare_load;

  setlocale (LC_ALL, "");
  if (wrk == NULL)
    g_error ("The gateway benchmark needs wrk (Debian package wrk, in packaging/debian-packages.txt)");
  g_assert_nonnull (bare_program);

  use_two_cores ();

  dir = g_dir_make_tmp ("madoguchi-bench-gateway-XXXXXX", &error);
  g_assert_no_error (error);
  token = g_build_filename (dir, "token", NULL);
  g_file_set_contents_full (token, TOKEN, -1, G_FILE_SET_CONTENTS_NONE, 0600, &error);
  g_assert_no_error (error);
  config_text = g_strdup_printf ("[gateway]\nlisten = 127.0.0.1:0\ntoken-file = %s\nphrase-dir = %s\n",
                                 token, phrase_dir);
  config = g_build_filename (dir, "gateway.conf", NULL);
  g_file_set_contents (config, config_text, -1, &error);
  g_assert_no_error (error);

  choose_phrase (&exact, &fuzzy);
  exact_body = request_body (exact);
  fuzzy_body = request_body (fuzzy);
  exact_script = write_script (dir, "exact.lua", exact_body);
  fuzzy_script = write_script (dir, "fuzzy.lua", fuzzy_body);

  gateway_process_start (&gateway, "--config", config, NULL);
  gateway_url = g_strconcat (gateway.url, "v1/translate", NULL);
  check_translation (&gateway, exact_body, TRUE);
  check_translation (&gateway, fuzzy_body, FALSE);

  exact_load = measure (wrk, gateway_url, exact_script);
  fuzzy_load = measure (wrk, gateway_url, fuzzy_script);
  g_assert_cmpint (gateway_process_stop (&gateway), ==, 0);

  gateway_process_start_program (&bare, bare_program, "127.0.0.1", NULL);
  bare_url = g_strconcat (bare.url, "v1/translate", NULL);
  bare_load = measure (wrk, bare_url, exact_script);
  g_assert_cmpint (gateway_process_stop (&bare), ==, 0);

  g_print ("# %s connections, wrk and the server on two cores; exact text: %s\n", CONNECTIONS, exact);
  g_print ("bench: gateway-translate-rps %.0f req/s\n", exact_load.requests_per_second);
  g_print ("bench: gateway-translate-p50 %.3f ms\n", exact_load.p50_ms);
  g_print ("bench: gateway-translate-p99 %.3f ms\n", exact_load.p99_ms);
  g_print ("bench: gateway-translate-fuzzy-rps %.0f req/s\n", fuzzy_load.requests_per_second);
  g_print ("bench: gateway-translate-fuzzy-p50 %.3f ms\n", fuzzy_load.p50_ms);
  g_print ("bench: gateway-translate-fuzzy-p99 %.3f ms\n", fuzzy_load.p99_ms);
  g_print ("bench: bare-libsoup-rps %.0f req/s\n", bare_load.requests_per_second);
  g_print ("bench: bare-libsoup-p99 %.3f ms\n", bare_load.p99_ms);
  g_print ("bench: gateway-translate-rps-ratio %.2f of a bare libsoup server\n",
           exact_load.requests_per_second / bare_load.requests_per_second);

  remove_tree (dir);
  return 0;
}

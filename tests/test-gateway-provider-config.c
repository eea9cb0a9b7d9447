/* test-gateway-provider-config.c: what the gateway refuses in the groups of outside providers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A city's IT staff write these groups by hand; every mistake must stop the gateway with a
 * message that names the file, the group and the key — and never repeats a secret.
 */
#include <glib/gstdio.h>
#include <string.h>

#include "mado-gateway-test-utils.h"

#define SECRET "sk-madoguchi-test-secret-4e1b"

typedef struct {
  char *dir;
  char *key_file;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("madoguchi-provider-config-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->key_file = gateway_test_write_file (fixture->dir, "deepl.key", SECRET "\n");
  g_assert_cmpint (g_chmod (fixture->key_file, 0600), ==, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gateway_test_remove_tree (fixture->dir);
  g_free (fixture->key_file);
  g_free (fixture->dir);
}

/* Runs the gateway on @config (formatted) and returns what it said on the way out, having
 * checked that it refused to start and that the secret is not in its words. */
static char *
refusal (Fixture    *fixture,
         const char *config)
{
  g_autofree char *path = gateway_test_write_file (fixture->dir, "gateway.conf", config);
  char *message = NULL;

  g_assert_cmpint (gateway_run_to_exit (&message, "--config", path, "--listen", "127.0.0.1:0", NULL), ==, 1);
  g_assert_null (strstr (message, SECRET));
  return message;
}

static void
assert_contains (const char *message,
                 const char *expected)
{
  if (strstr (message, expected) == NULL)
    g_error ("Expected “%s” in the gateway's message:\n%s", expected, message);
}

static void
test_secret_in_file_refused (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *key = refusal (fixture, "[provider deepl]\ntype = deepl\nkey = " SECRET "\n");
  g_autofree char *api_key = refusal (fixture, "[provider libre]\ntype = libretranslate\napi-key = " SECRET "\n");
  g_autofree char *secret = refusal (fixture, "[provider textra]\ntype = textra\nsecret = " SECRET "\n");

  assert_contains (key, "[provider deepl]");
  assert_contains (key, "key-file");
  assert_contains (key, "key-env");
  assert_contains (api_key, "api-key-file");
  assert_contains (secret, "secret-file");
}

static void
test_secret_sources (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *config = NULL;
  g_autofree char *both = NULL;
  g_autofree char *missing_file = NULL;
  g_autofree char *unset_env = NULL;
  g_autofree char *none = NULL;
  g_autofree char *two_lines_path = gateway_test_write_file (fixture->dir, "two.key", SECRET "\nsecond line\n");
  g_autofree char *two_lines = NULL;

  config = g_strdup_printf ("[provider deepl]\ntype = deepl\nkey-file = %s\nkey-env = X\n"
                            "[route]\ntranslate = deepl\n", fixture->key_file);
  both = refusal (fixture, config);
  assert_contains (both, "both key-file and key-env");
  g_free (config);

  missing_file = refusal (fixture, "[provider deepl]\ntype = deepl\nkey-file = /nonexistent/deepl.key\n"
                                   "[route]\ntranslate = deepl\n");
  assert_contains (missing_file, "/nonexistent/deepl.key");
  assert_contains (missing_file, "“deepl”");

  unset_env = refusal (fixture, "[provider deepl]\ntype = deepl\nkey-env = MADOGUCHI_TEST_UNSET_KEY\n"
                                "[route]\ntranslate = deepl\n");
  assert_contains (unset_env, "MADOGUCHI_TEST_UNSET_KEY");

  none = refusal (fixture, "[provider deepl]\ntype = deepl\n[route]\ntranslate = deepl\n");
  assert_contains (none, "needs its key");

  config = g_strdup_printf ("[provider deepl]\ntype = deepl\nkey-file = %s\n[route]\ntranslate = deepl\n",
                            two_lines_path);
  two_lines = refusal (fixture, config);
  assert_contains (two_lines, "one line");
}

static void
test_values_refused (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *type = refusal (fixture, "[provider mt]\ntype = babelfish\n");
  g_autofree char *scheme = refusal (fixture, "[provider libre]\ntype = libretranslate\nurl = ftp://10.0.0.7/\n"
                                              "[route]\ntranslate = libre\n");
  g_autofree char *userinfo = refusal (fixture, "[provider libre]\ntype = libretranslate\n"
                                                "url = https://admin:" SECRET "@libre.example/\n"
                                                "[route]\ntranslate = libre\n");
  g_autofree char *timeout = refusal (fixture, "[provider libre]\ntype = libretranslate\ntimeout = 60\n"
                                               "[route]\ntranslate = libre\n");
  g_autofree char *past_deadline = refusal (fixture, "[provider libre]\ntype = libretranslate\ntimeout = 10\n"
                                                     "[route]\ntranslate = libre\n");
  g_autofree char *retries = refusal (fixture, "[provider libre]\ntype = libretranslate\nretries = many\n"
                                               "[route]\ntranslate = libre\n");
  g_autofree char *language = refusal (fixture, "[provider libre]\ntype = libretranslate\nlanguages = ja, xx\n"
                                                "[route]\ntranslate = libre\n");
  g_autofree char *misspelt = refusal (fixture, "[provider apy]\ntype = apertium-apy\nbreaker-cooldwn = 5\n"
                                                "[route]\ntranslate = apy\n");

  assert_contains (type, "babelfish");
  assert_contains (type, "libretranslate");
  assert_contains (scheme, "ftp://10.0.0.7/");
  /* A URL with a password is refused without being quoted back whole. */
  assert_contains (userinfo, "user name");
  assert_contains (timeout, "timeout = 60");
  /* A translation provider's timeout must end before the gateway's 10 s deadline does. */
  assert_contains (past_deadline, "from 0.1 to 9");
  assert_contains (retries, "retries = many");
  assert_contains (language, "“xx”");
  assert_contains (misspelt, "breaker-cooldwn");
  assert_contains (misspelt, "breaker-cooldown");
}

/* A provider nobody routes to is not started, and so its settings are not read either: a city
 * can keep a disabled group in its file. A routed one with a key file others can read is
 * started, with a warning that names the file but not the key. */
static void
test_readable_key_warned (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *config_text = NULL;
  g_autofree char *config = NULL;
  g_autofree char *output = NULL;
  g_autofree char *log_path = NULL;
  GatewayProcess gateway = { 0 };

  g_assert_cmpint (g_chmod (fixture->key_file, 0644), ==, 0);
  config_text = g_strdup_printf ("[provider libre]\ntype = libretranslate\nurl = http://127.0.0.1:9\n"
                                 "key-file = %s\nbreaker-failures = 0\n[route]\ntranslate = libre\n"
                                 "recognize =\n", fixture->key_file);
  config = gateway_test_write_file (fixture->dir, "gateway.conf", config_text);
  log_path = g_build_filename (fixture->dir, "gateway.log", NULL);

  gateway_process_start_logged (&gateway, log_path, "--config", config, "--listen", "127.0.0.1:0", NULL);
  g_assert_cmpint (gateway_process_stop (&gateway), ==, 0);
  g_assert_true (g_file_get_contents (log_path, &output, NULL, NULL));

  assert_contains (output, fixture->key_file);
  assert_contains (output, "chmod 600");
  g_assert_null (strstr (output, SECRET));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, test) g_test_add (path, Fixture, NULL, fixture_set_up, test, fixture_tear_down)
  ADD ("/gateway/provider-config/secret-in-file", test_secret_in_file_refused);
  ADD ("/gateway/provider-config/secret-sources", test_secret_sources);
  ADD ("/gateway/provider-config/values", test_values_refused);
  ADD ("/gateway/provider-config/readable-key", test_readable_key_warned);
#undef ADD

  return g_test_run ();
}

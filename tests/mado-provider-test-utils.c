/* mado-provider-test-utils.c: a real madoguchi-gateway in front of one provider under test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-provider-test-utils.h"

#include <string.h>

/* The statuses of docs/api.md's table of errors, for the codes providers cause. */
static const struct {
  const char *code;
  guint       status;
} error_statuses[] = {
  { "unsupported_language", 422 },
  { "no_translation", 422 },
  { "no_speech", 422 },
  { "provider_error", 502 },
  { "provider_auth_failed", 502 },
  { "provider_bad_response", 502 },
  { "provider_unavailable", 503 },
  { "provider_quota_exceeded", 503 },
  { "timeout", 504 },
};

void
provider_gateway_init (ProviderGateway *self)
{
  g_autoptr(GError) error = NULL;

  memset (self, 0, sizeof *self);
  self->fixture.dir = g_dir_make_tmp ("madoguchi-provider-XXXXXX", &error);
  g_assert_no_error (error);
  self->fixture.database = g_build_filename (self->fixture.dir, "phrases.db", NULL);
  gateway_test_seed_database (self->fixture.database);
  self->log = g_build_filename (self->fixture.dir, "gateway.log", NULL);
  self->secrets = g_ptr_array_new_with_free_func (g_free);
}

char *
provider_gateway_write_secret (ProviderGateway *self,
                               const char      *name,
                               const char      *secret)
{
  g_autofree char *line = g_strconcat (secret, "\n", NULL);

  provider_gateway_add_secret (self, secret);
  /* gateway_test_write_file() creates files with mode 0600. */
  return gateway_test_write_file (self->fixture.dir, name, line);
}

void
provider_gateway_add_secret (ProviderGateway *self,
                             const char      *secret)
{
  g_assert_true (secret != NULL && *secret != '\0');
  if (!g_ptr_array_find_with_equal_func (self->secrets, secret, g_str_equal, NULL))
    g_ptr_array_add (self->secrets, g_strdup (secret));
}

static char *
write_config (ProviderGateway *self,
              const char      *format,
              va_list          args)
{
  g_autofree char *token = gateway_test_write_file (self->fixture.dir, "token", GATEWAY_TEST_TOKEN "\n");
  g_autofree char *provider_text = g_strdup_vprintf (format, args);
  g_autofree char *text = g_strdup_printf ("[gateway]\n"
                                           "listen = 127.0.0.1:0\n"
                                           "token-file = %s\n"
                                           "database = %s\n"
                                           "\n%s",
                                           token, self->fixture.database, provider_text);

  return gateway_test_write_file (self->fixture.dir, "gateway.conf", text);
}

void
provider_gateway_start (ProviderGateway *self,
                        const char      *format,
                        ...)
{
  g_autofree char *config = NULL;
  va_list args;

  va_start (args, format);
  config = write_config (self, format, args);
  va_end (args);

  gateway_process_start_logged (&self->fixture.gateway, self->log, "--config", config, NULL);
}

int
provider_gateway_run_to_exit (ProviderGateway  *self,
                              char            **standard_error,
                              const char       *format,
                              ...)
{
  g_autofree char *config = NULL;
  va_list args;

  va_start (args, format);
  config = write_config (self, format, args);
  va_end (args);

  return gateway_run_to_exit (standard_error, "--config", config, NULL);
}

char *
provider_gateway_dup_log (ProviderGateway *self)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (self->log, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

void
provider_gateway_finish (ProviderGateway *self)
{
  gboolean started = self->fixture.gateway.process != NULL;
  int status = gateway_process_stop (&self->fixture.gateway);

  if (started)
    {
      g_autofree char *log = provider_gateway_dup_log (self);

      provider_gateway_assert_no_secret (self, log);
      /* SIGTERM stops the gateway cleanly after whatever the test did to it. */
      g_assert_cmpint (status, ==, 0);
    }

  gateway_test_remove_tree (self->fixture.dir);
  g_clear_pointer (&self->fixture.dir, g_free);
  g_clear_pointer (&self->fixture.database, g_free);
  g_clear_pointer (&self->log, g_free);
  g_clear_pointer (&self->secrets, g_ptr_array_unref);
}

GatewayResponse *
provider_gateway_translate (ProviderGateway *self,
                            const char      *text,
                            const char      *source,
                            const char      *target,
                            gboolean         back_translate)
{
  return gateway_translate (&self->fixture, text, source, target, back_translate);
}

void
provider_assert_translation (GatewayResponse *response,
                             const char      *translation,
                             const char      *back_translation,
                             const char      *provider)
{
  JsonObject *object;

  if (response->status != 200)
    g_error ("Expected a translation, got HTTP %u: %.*s", response->status,
             (int) g_bytes_get_size (response->body), (const char *) g_bytes_get_data (response->body, NULL));

  object = gateway_response_object (response);
  g_assert_cmpstr (json_object_get_string_member (object, "translation"), ==, translation);
  if (back_translation != NULL)
    g_assert_cmpstr (json_object_get_string_member (object, "back_translation"), ==, back_translation);
  else
    g_assert_true (json_object_get_null_member (object, "back_translation"));
  g_assert_cmpstr (json_object_get_string_member (object, "provider"), ==, provider);
  g_assert_false (json_object_get_boolean_member (object, "verified"));
  g_assert_true (json_object_get_null_member (object, "phrase_id"));
  g_assert_true (json_object_get_null_member (object, "score"));
}

void
provider_gateway_assert_error (ProviderGateway *self,
                               GatewayResponse *response,
                               const char      *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (error_statuses); i++)
    if (strcmp (error_statuses[i].code, code) == 0)
      {
        if (g_strcmp0 (gateway_response_error_code (response), code) != 0)
          g_error ("Expected %s, got HTTP %u: %.*s", code, response->status,
                   (int) g_bytes_get_size (response->body), (const char *) g_bytes_get_data (response->body, NULL));
        gateway_assert_error (response, error_statuses[i].status, code);
        provider_gateway_assert_no_secret (self, provider_error_message (response));
        return;
      }
  g_error ("No status is known for the error code %s", code);
}

const char *
provider_error_message (GatewayResponse *response)
{
  JsonObject *error = json_object_get_object_member (gateway_response_object (response), "error");

  g_assert_nonnull (error);
  return json_object_get_string_member (error, "message");
}

void
provider_gateway_assert_no_secret (ProviderGateway *self,
                                   const char      *text)
{
  for (guint i = 0; i < self->secrets->len; i++)
    if (strstr (text, g_ptr_array_index (self->secrets, i)) != NULL)
      g_error ("A secret (“%s”) was given away in: %s", (const char *) g_ptr_array_index (self->secrets, i), text);
}

guint
provider_response_retry_after (GatewayResponse *response)
{
  const char *value = soup_message_headers_get_one (response->headers, "Retry-After");
  guint64 seconds = 0;

  if (value == NULL)
    return 0;
  if (!g_ascii_string_to_unsigned (value, 10, 1, 86400, &seconds, NULL))
    g_error ("The gateway answered with Retry-After “%s”, not a number of seconds", value);
  return (guint) seconds;
}

gboolean
provider_gateway_offers_translation (ProviderGateway *self,
                                     const char      *source,
                                     const char      *target,
                                     const char      *provider)
{
  g_autoptr(GatewayResponse) response = gateway_request (&self->fixture.gateway, "GET", "/v1/capabilities",
                                                         GATEWAY_TEST_TOKEN, NULL, NULL);
  JsonArray *pairs;

  g_assert_cmpuint (response->status, ==, 200);
  pairs = json_object_get_array_member (gateway_response_object (response), "translate");
  g_assert_nonnull (pairs);
  for (guint i = 0; i < json_array_get_length (pairs); i++)
    {
      JsonObject *pair = json_array_get_object_element (pairs, i);
      JsonArray *providers;

      if (g_strcmp0 (json_object_get_string_member (pair, "source"), source) != 0 ||
          g_strcmp0 (json_object_get_string_member (pair, "target"), target) != 0)
        continue;
      providers = json_object_get_array_member (pair, "providers");
      for (guint j = 0; j < json_array_get_length (providers); j++)
        if (g_strcmp0 (json_array_get_string_element (providers, j), provider) == 0)
          return TRUE;
    }
  return FALSE;
}

void
provider_gateway_wait_for_translation (ProviderGateway *self,
                                       const char      *source,
                                       const char      *target,
                                       const char      *provider)
{
  double deadline = provider_test_now () + 30.0;

  while (!provider_gateway_offers_translation (self, source, target, provider))
    {
      if (provider_test_now () > deadline)
        g_error ("/v1/capabilities did not list “%s” for %s → %s within 30 s", provider, source, target);
      g_usleep (50 * G_TIME_SPAN_MILLISECOND);
    }
}

double
provider_test_now (void)
{
  return g_get_monotonic_time () / (double) G_USEC_PER_SEC;
}

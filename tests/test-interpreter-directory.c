/* test-interpreter-directory.c: reading the interpreter directory, checking it, and planning calls
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-diagnostic.h"
#include "mado-interpreter-directory.h"
#include "mado-sip-uri.h"

#include <glib/gstdio.h>
#include <string.h>

typedef struct {
  char *folder;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->folder = g_dir_make_tmp ("madoguchi-directory-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->folder, "interpreters.json", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_unlink (fixture->path);
  g_rmdir (fixture->folder);
  g_free (fixture->path);
  g_free (fixture->folder);
}

static MadoInterpreterDirectory *
load_text (Fixture     *fixture,
           const char  *text,
           GError     **error)
{
  g_autoptr(GError) write_error = NULL;

  g_file_set_contents (fixture->path, text, -1, &write_error);
  g_assert_no_error (write_error);

  return mado_interpreter_directory_load (fixture->path, error);
}

static MadoInterpreterDirectory *
load_example (void)
{
  g_autoptr(GError) error = NULL;
  MadoInterpreterDirectory *directory = mado_interpreter_directory_load (g_getenv ("MADOGUCHI_EXAMPLE_DIRECTORY"), &error);

  g_assert_no_error (error);
  return directory;
}

/* A time in Tokyo, as the clerk's wall clock shows it. */
static GDateTime *
tokyo (int year,
       int month,
       int day,
       int hour,
       int minute)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Asia/Tokyo");

  g_assert_nonnull (zone);
  return g_date_time_new (zone, year, month, day, hour, minute, 0);
}

/* "city-contract:open national-free:open night-line:closed" */
static char *
describe_plan (MadoInterpreterPlan *plan)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < mado_interpreter_plan_get_n_services (plan); i++)
    g_string_append_printf (text, "%s%s:%s", i > 0 ? " " : "",
                            mado_interpreter_service_get_id (mado_interpreter_plan_get_service (plan, i)),
                            mado_interpreter_plan_is_open (plan, i) ? "open" : "closed");

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
assert_plan (MadoInterpreterDirectory *directory,
             const char               *language,
             GDateTime                *when,
             const char               *expected,
             const char               *manual_number)
{
  g_autoptr(MadoInterpreterPlan) plan = mado_interpreter_directory_plan (directory, language, when);
  g_autofree char *described = describe_plan (plan);
  g_autofree char *at = g_date_time_format_iso8601 (when);

  g_assert_true (g_date_time_equal (mado_interpreter_plan_get_time (plan), when));
  g_test_message ("%s at %s: %s", language, at, described);
  g_assert_cmpstr (described, ==, expected);
  g_assert_cmpstr (mado_interpreter_plan_get_manual_number (plan), ==, manual_number);
}

static void
test_example (void)
{
  g_autoptr(MadoInterpreterDirectory) directory = load_example ();
  g_autoptr(GDateTime) tuesday_morning = tokyo (2026, 11, 24, 10, 0);
  g_autoptr(GDateTime) tuesday_lunch = tokyo (2026, 11, 24, 12, 30);
  g_autoptr(GDateTime) saturday_morning = tokyo (2026, 11, 28, 10, 0);
  g_autoptr(GDateTime) sunday_night = tokyo (2026, 11, 29, 23, 0);
  g_autoptr(GDateTime) year_end = tokyo (2026, 12, 29, 10, 0);
  g_autoptr(GDateTime) in_utc = g_date_time_new_utc (2026, 11, 24, 1, 0, 0);
  const MadoSipTrunk *trunk;
  MadoInterpreterService *city, *national;
  g_autofree char *national_uri = NULL;
  GPtrArray *diagnostics;

  diagnostics = mado_interpreter_directory_get_diagnostics (directory);
  for (guint i = 0; i < diagnostics->len; i++)
    {
      g_autofree char *line = mado_diagnostic_to_string (g_ptr_array_index (diagnostics, i));
      g_test_message ("%s", line);
    }
  g_assert_cmpuint (diagnostics->len, ==, 0);
  g_assert_cmpstr (mado_interpreter_directory_get_path (directory), ==, g_getenv ("MADOGUCHI_EXAMPLE_DIRECTORY"));
  g_assert_cmpuint (mado_interpreter_directory_get_services (directory)->len, ==, 3);
  g_assert_cmpstr (g_time_zone_get_identifier (mado_interpreter_directory_get_time_zone (directory)), ==, "Asia/Tokyo");

  trunk = mado_interpreter_directory_get_trunk (directory);
  g_assert_nonnull (trunk);
  g_assert_cmpstr (trunk->domain, ==, "sip-trunk.example.invalid");
  g_assert_cmpstr (trunk->username, ==, "kiosk-0001");
  g_assert_false (trunk->registers);

  /* Weekday mornings the city's contract service answers; at lunch it is closed. */
  assert_plan (directory, "vi", tuesday_morning, "city-contract:open national-free:open night-line:closed", "0120-000-104");
  assert_plan (directory, "vi", tuesday_lunch, "city-contract:closed national-free:open night-line:closed", "0120-000-104");
  assert_plan (directory, "vi", saturday_morning, "city-contract:open national-free:open night-line:closed", "0120-000-104");
  assert_plan (directory, "vi", sunday_night, "city-contract:closed national-free:closed night-line:open", "0120-000-104");
  assert_plan (directory, "vi", year_end, "city-contract:closed national-free:open night-line:closed", "0120-000-104");
  /* The same moment given in UTC. */
  assert_plan (directory, "vi", in_utc, "city-contract:open national-free:open night-line:closed", "0120-000-104");
  /* A chain of its own, with the directory's number to dial by hand. */
  assert_plan (directory, "ne", tuesday_morning, "national-free:open night-line:closed", "0120-000-999");
  /* The "*" chain, keeping only services that interpret the language. */
  assert_plan (directory, "ja-x-easy", tuesday_morning, "national-free:open", "0120-000-999");
  assert_plan (directory, "ko", tuesday_morning, "city-contract:open national-free:open", "0120-000-999");
  assert_plan (directory, "tlh", tuesday_morning, "", "0120-000-999");

  city = mado_interpreter_directory_find_service (directory, "city-contract");
  national = mado_interpreter_directory_find_service (directory, "national-free");
  g_assert_cmpstr (mado_interpreter_service_get_name (city, "ja"), ==, "市契約の電話通訳（架空）");
  g_assert_cmpstr (mado_interpreter_service_get_name (city, "vi"), ==, "City contract phone interpreting (fictional)");
  g_assert_cmpuint (g_strv_length ((GStrv) mado_interpreter_service_get_languages (city)), ==, 8);
  g_assert_cmpstr (mado_interpreter_service_get_languages (city)[5], ==, "pt-BR");
  g_assert_cmpstr (mado_interpreter_service_get_dtmf (city, "vi"), ==, "4");
  g_assert_cmpstr (mado_interpreter_service_get_dtmf (city, "pt-br"), ==, "5");
  g_assert_cmpuint (mado_interpreter_service_get_dtmf_delay_ms (city), ==, 2500);
  g_assert_null (mado_interpreter_service_get_dtmf (national, "vi"));
  g_assert_cmpuint (mado_interpreter_service_get_dtmf_delay_ms (national), ==, 2000);
  g_assert_false (mado_interpreter_service_get_via_trunk (city));
  g_assert_true (mado_interpreter_service_get_via_trunk (national));

  national_uri = mado_interpreter_service_dup_dial_uri (national, trunk);
  g_assert_cmpstr (national_uri, ==, "sip:0120000101@sip-trunk.example.invalid;user=phone");
  g_assert_cmpstr (mado_interpreter_service_get_number (national), ==, "0120-000-101");
}

static void
test_plan_one_service (void)
{
  g_autoptr(MadoInterpreterDirectory) directory = load_example ();
  g_autoptr(GDateTime) tuesday_morning = tokyo (2026, 11, 24, 10, 0);
  g_autoptr(MadoInterpreterPlan) plan = NULL;
  g_autoptr(GError) error = NULL;

  plan = mado_interpreter_directory_plan_service (directory, "night-line", "vi", tuesday_morning, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mado_interpreter_plan_get_n_services (plan), ==, 1);
  g_assert_false (mado_interpreter_plan_is_open (plan, 0));
  g_assert_null (mado_interpreter_plan_get_first_open (plan));
  g_assert_cmpstr (mado_interpreter_plan_get_manual_number (plan), ==, "0120-000-104");
  g_assert_cmpstr (mado_interpreter_plan_get_manual_name (plan, "ja"), ==, "ベトナム語相談窓口（架空の番号）");
  g_assert_cmpstr (mado_interpreter_plan_get_manual_name (plan, "vi"), ==, "Vietnamese help desk (fictional number)");
  g_clear_object (&plan);

  plan = mado_interpreter_directory_plan_service (directory, "no-such-service", "vi", tuesday_morning, &error);
  g_assert_null (plan);
  g_assert_error (error, MADO_DIRECTORY_ERROR, MADO_DIRECTORY_ERROR_NOT_FOUND);
  g_clear_error (&error);

  plan = mado_interpreter_directory_plan_service (directory, "night-line", "ko", tuesday_morning, &error);
  g_assert_null (plan);
  g_assert_error (error, MADO_DIRECTORY_ERROR, MADO_DIRECTORY_ERROR_LANGUAGE);
}

static void
test_malformed_json (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoInterpreterDirectory) directory = NULL;

  directory = load_text (fixture, "{\n  \"version\": 1,\n  \"services\": [\n    {\"id\": \"a\",, }\n  ]\n}\n", &error);
  g_assert_null (directory);
  g_assert_error (error, MADO_DIRECTORY_ERROR, MADO_DIRECTORY_ERROR_SYNTAX);
  g_test_message ("%s", error->message);
  /* The place: line 4, and a column inside that line. */
  g_assert_nonnull (strstr (error->message, "interpreters.json:4:"));
}

static void
test_not_a_directory (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char *const texts[] = {
    "[]",
    "{\"services\": []}",
    "{\"version\": 2, \"services\": []}",
    "{\"version\": 1, \"chains\": {}}",
  };
  g_autofree char *missing = g_build_filename (fixture->folder, "missing.json", NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(MadoInterpreterDirectory) directory = load_text (fixture, texts[i], &error);

      g_test_message ("%s: %s", texts[i], error != NULL ? error->message : "(loaded)");
      g_assert_null (directory);
      g_assert_error (error, MADO_DIRECTORY_ERROR, MADO_DIRECTORY_ERROR_FORMAT);
      g_clear_error (&error);
    }

  g_assert_null (mado_interpreter_directory_load (missing, &error));
  g_assert_error (error, MADO_DIRECTORY_ERROR, MADO_DIRECTORY_ERROR_READ);
}

static const char broken_directory[] =
  "{\n"
  "  \"version\": 1,\n"
  "  \"timezone\": \"Mars/Olympus_Mons\",\n"
  "  \"servcies\": [],\n"
  "  \"services\": [\n"
  "    { \"id\": \"good\", \"name\": {\"ja\": \"良い\", \"en\": \"Good\"},\n"
  "      \"sip\": \"sip:good@127.0.0.1:5999\", \"languages\": [\"vi\", \"en\"],\n"
  "      \"hours\": {\"daily\": [\"00:00-24:00\"]} },\n"
  "    { \"id\": \"bad-hours\", \"name\": {\"ja\": \"時間\", \"en\": \"Hours\"},\n"
  "      \"sip\": \"sip:hours@127.0.0.1\", \"languages\": [\"vi\"],\n"
  "      \"hours\": {\"mon\": [\"17:00-09:00\"]} },\n"
  "    { \"id\": \"bad-day\", \"name\": {\"ja\": \"曜日\", \"en\": \"Day\"},\n"
  "      \"sip\": \"sip:day@127.0.0.1\", \"languages\": [\"vi\"],\n"
  "      \"hours\": {\"monday\": [\"09:00-17:00\"]} },\n"
  "    { \"id\": \"bad-uri\", \"name\": {\"ja\": \"URI\", \"en\": \"URI\"},\n"
  "      \"sip\": \"sip:interpreter@host name.example\", \"languages\": [\"vi\"] },\n"
  "    { \"id\": \"no-user\", \"name\": {\"ja\": \"URI\", \"en\": \"URI\"},\n"
  "      \"sip\": \"sip:interpreters.example.invalid\", \"languages\": [\"vi\"] },\n"
  "    { \"id\": \"bad-number\", \"name\": {\"ja\": \"番号\", \"en\": \"Number\"},\n"
  "      \"number\": \"0120-ABC-000\", \"languages\": [\"vi\"] },\n"
  "    { \"id\": \"no-trunk\", \"name\": {\"ja\": \"番号\", \"en\": \"Number\"},\n"
  "      \"number\": \"0120-000-303\", \"languages\": [\"vi\"] },\n"
  "    { \"id\": \"no-english\", \"name\": {\"ja\": \"英語なし\"},\n"
  "      \"sip\": \"sip:x@127.0.0.1\", \"languages\": [\"vi\"] },\n"
  "    { \"id\": \"good\", \"name\": {\"ja\": \"二番目\", \"en\": \"Second\"},\n"
  "      \"sip\": \"sip:second@127.0.0.1\", \"languages\": [\"vi\"] },\n"
  "    { \"id\": \"bad-dtmf\", \"name\": {\"ja\": \"番号\", \"en\": \"Digits\"},\n"
  "      \"sip\": \"sip:dtmf@127.0.0.1\", \"languages\": [\"vi\"], \"dtmf\": {\"vi\": \"12x\"} },\n"
  "    { \"id\": \"odd-language\", \"name\": {\"ja\": \"言語\", \"en\": \"Language\"},\n"
  "      \"sip\": \"sip:lang@127.0.0.1\", \"languages\": [\"vi\", \"tlh\"], \"langauges\": [] },\n"
  "    42\n"
  "  ],\n"
  "  \"chains\": {\n"
  "    \"vi\": [\"good\", \"missing-service\", \"bad-hours\", \"odd-language\"],\n"
  "    \"ko\": [\"good\"],\n"
  "    \"tlh\": [\"good\"]\n"
  "  }\n"
  "}\n";

static gboolean
has_diagnostic (GPtrArray          *diagnostics,
                MadoDirectoryError  code,
                const char         *fragment)
{
  for (guint i = 0; i < diagnostics->len; i++)
    {
      const MadoDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);

      if (mado_diagnostic_matches (diagnostic, MADO_DIRECTORY_ERROR, code) &&
          strstr (diagnostic->message, fragment) != NULL)
        return TRUE;
    }

  return FALSE;
}

static void
test_malformed_entries (Fixture       *fixture,
                        gconstpointer  data)
{
  static const struct {
    MadoDirectoryError code;
    const char        *fragment;
  } expected[] = {
    { MADO_DIRECTORY_ERROR_TIMEZONE, "Mars/Olympus_Mons" },
    { MADO_DIRECTORY_ERROR_ENTRY, "unknown field “servcies”" },
    { MADO_DIRECTORY_ERROR_HOURS, "service “bad-hours”: hours.mon[0] “17:00-09:00”" },
    { MADO_DIRECTORY_ERROR_HOURS, "service “bad-day”: hours has “monday”" },
    { MADO_DIRECTORY_ERROR_URI, "service “bad-uri”: sip:" },
    { MADO_DIRECTORY_ERROR_URI, "service “no-user”: sip:" },
    { MADO_DIRECTORY_ERROR_URI, "service “bad-number”: number:" },
    { MADO_DIRECTORY_ERROR_TRUNK, "service “no-trunk”" },
    { MADO_DIRECTORY_ERROR_ENTRY, "service “no-english”: name needs both" },
    { MADO_DIRECTORY_ERROR_DUPLICATE, "the id “good” is already used" },
    { MADO_DIRECTORY_ERROR_DTMF, "service “bad-dtmf”: dtmf.vi" },
    { MADO_DIRECTORY_ERROR_LANGUAGE, "service “odd-language”: languages[1] “tlh”" },
    { MADO_DIRECTORY_ERROR_ENTRY, "service “odd-language”: unknown field “langauges”" },
    { MADO_DIRECTORY_ERROR_ENTRY, "services[11] is not an object" },
    { MADO_DIRECTORY_ERROR_UNKNOWN_SERVICE, "chains.vi[1]: there is no service “missing-service”" },
    { MADO_DIRECTORY_ERROR_UNKNOWN_SERVICE, "chains.vi[2]: there is no service “bad-hours”" },
    { MADO_DIRECTORY_ERROR_LANGUAGE, "chains.ko[0]: service “good” does not list ko" },
    { MADO_DIRECTORY_ERROR_LANGUAGE, "chains.tlh: “tlh” is not a resident language" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoInterpreterDirectory) directory = load_text (fixture, broken_directory, &error);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(MadoInterpreterPlan) plan = NULL;
  g_autofree char *described = NULL;
  GPtrArray *diagnostics, *services;

  g_assert_no_error (error);
  diagnostics = mado_interpreter_directory_get_diagnostics (directory);
  for (guint i = 0; i < diagnostics->len; i++)
    {
      g_autofree char *line = mado_diagnostic_to_string (g_ptr_array_index (diagnostics, i));
      g_test_message ("%s", line);
      g_assert_true (g_str_has_prefix (line, fixture->path));
    }

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    if (!has_diagnostic (diagnostics, expected[i].code, expected[i].fragment))
      g_error ("No diagnostic with code %d says “%s”", expected[i].code, expected[i].fragment);
  g_assert_cmpuint (diagnostics->len, ==, G_N_ELEMENTS (expected));

  /* The malformed services are left out; the rest works. */
  services = mado_interpreter_directory_get_services (directory);
  g_assert_cmpuint (services->len, ==, 2);
  g_assert_cmpstr (mado_interpreter_service_get_id (g_ptr_array_index (services, 0)), ==, "good");
  g_assert_cmpstr (mado_interpreter_service_get_id (g_ptr_array_index (services, 1)), ==, "odd-language");
  g_assert_cmpstr (mado_interpreter_service_get_sip_uri (g_ptr_array_index (services, 0)), ==, "sip:good@127.0.0.1:5999");

  plan = mado_interpreter_directory_plan (directory, "vi", now);
  described = describe_plan (plan);
  g_assert_cmpstr (described, ==, "good:open odd-language:open");
  g_assert_null (mado_interpreter_plan_get_manual_number (plan));
}

static void
test_hours (Fixture       *fixture,
            gconstpointer  data)
{
  static const char directory_text[] =
    "{ \"version\": 1, \"timezone\": \"Asia/Tokyo\",\n"
    "  \"services\": [\n"
    "    { \"id\": \"split\", \"name\": {\"ja\": \"分割\", \"en\": \"Split\"}, \"sip\": \"sip:a@127.0.0.1\",\n"
    "      \"languages\": [\"en\"],\n"
    "      \"hours\": {\"daily\": [\"13:00-17:00\", \"09:00-12:00\"], \"sun\": [], \"sat\": [\"22:00-24:00\"]},\n"
    "      \"closed_on\": [\"2026-11-25\"] },\n"
    "    { \"id\": \"always\", \"name\": {\"ja\": \"常時\", \"en\": \"Always\"}, \"sip\": \"sip:b@127.0.0.1\",\n"
    "      \"languages\": [\"en\"] }\n"
    "  ],\n"
    "  \"chains\": {\"en\": [\"split\", \"always\"]}\n"
    "}\n";
  static const struct {
    int         day, hour, minute;
    const char *expected;
  } cases[] = {
    { 23, 8, 59, "split:closed always:open" },    /* Monday, before opening */
    { 23, 9, 0, "split:open always:open" },
    { 23, 11, 59, "split:open always:open" },
    { 23, 12, 0, "split:closed always:open" },    /* a range ends before its end minute */
    { 23, 13, 0, "split:open always:open" },
    { 25, 10, 0, "split:closed always:open" },    /* Wednesday, closed that date */
    { 28, 10, 0, "split:closed always:open" },    /* Saturday has its own hours */
    { 28, 23, 59, "split:open always:open" },     /* "24:00" ends the day */
    { 29, 10, 0, "split:closed always:open" },    /* Sunday: [] is closed */
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoInterpreterDirectory) directory = load_text (fixture, directory_text, &error);
  const MadoOpeningRange *ranges;
  guint n_ranges;

  g_assert_no_error (error);
  g_assert_cmpuint (mado_interpreter_directory_get_diagnostics (directory)->len, ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) when = tokyo (2026, 11, cases[i].day, cases[i].hour, cases[i].minute);

      assert_plan (directory, "en", when, cases[i].expected, NULL);
    }

  /* The ranges come back sorted, whatever order the file had. */
  ranges = mado_interpreter_service_get_hours (mado_interpreter_directory_find_service (directory, "split"),
                                               G_DATE_TUESDAY, &n_ranges);
  g_assert_cmpuint (n_ranges, ==, 2);
  g_assert_cmpuint (ranges[0].start_minute, ==, 9 * 60);
  g_assert_cmpuint (ranges[0].end_minute, ==, 12 * 60);
  g_assert_cmpuint (ranges[1].start_minute, ==, 13 * 60);
  g_assert_true (mado_interpreter_service_has_hours (mado_interpreter_directory_find_service (directory, "split")));
  g_assert_false (mado_interpreter_service_has_hours (mado_interpreter_directory_find_service (directory, "always")));
}

static void
test_sip_uris (void)
{
  static const char *const good[] = {
    "sip:interpreter@127.0.0.1",
    "sip:interpreter@127.0.0.1:5070",
    "sips:interpreter@interpreting.example.invalid",
    "sip:0120000101@trunk.example.invalid;user=phone",
    "SIP:vi.desk@[::1]:5060;transport=tcp",
    "sip:%2B81-3-0000@gw.example.invalid.",
  };
  static const char *const bad[] = {
    "interpreter@127.0.0.1",
    "tel:+81300000000",
    "sip:127.0.0.1",
    "sip:@127.0.0.1",
    "sip:interpreter@",
    "sip:interpreter@127.0.0.1:0",
    "sip:interpreter@127.0.0.1:70000",
    "sip:interpreter@127.0.0.1:port",
    "sip:inter preter@127.0.0.1",
    "sip:interpreter@-bad-.example",
    "sip:interpreter@127.0.0.1?X-Language=vi",
    "sip:interpreter@127.0.0.1;",
    "sip:interpreter@[127.0.0.1]",
    "sip:a@b@127.0.0.1",
    "sip:<interpreter>@127.0.0.1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", good[i]);
      g_assert_true (mado_sip_uri_check (good[i], &error));
      g_assert_no_error (error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (mado_sip_uri_check (bad[i], &error));
      g_assert_error (error, MADO_CALL_ERROR, MADO_CALL_ERROR_INVALID_URI);
      g_test_message ("%s", error->message);
    }

  g_assert_true (mado_sip_uri_check_server ("sip:sbc.example.invalid:5060;transport=tcp", NULL));
  g_assert_false (mado_sip_uri_check_server ("sbc.example.invalid", NULL));

  {
    g_autofree char *tagged = mado_sip_uri_with_language ("sip:a@127.0.0.1;transport=tcp", "pt-BR");
    g_autofree char *untagged = mado_sip_uri_with_language ("sip:a@127.0.0.1", NULL);

    g_assert_cmpstr (tagged, ==, "sip:a@127.0.0.1;transport=tcp;x-madoguchi-language=pt-BR");
    g_assert_cmpstr (untagged, ==, "sip:a@127.0.0.1");
  }
}

static void
test_phone_numbers (void)
{
  static const struct {
    const char *written;
    const char *normalized;
  } cases[] = {
    { "0120-000-101", "0120000101" },
    { "+81 3 0000 0000", "+81300000000" },
    { "(03) 0000.0000", "0300000000" },
    { "0120-ABC-000", NULL },
    { "12", NULL },
    { "0120+000", NULL },
    { "１２３４", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *normalized = mado_phone_number_normalize (cases[i].written, &error);

      g_assert_cmpstr (normalized, ==, cases[i].normalized);
      if (cases[i].normalized == NULL)
        g_assert_error (error, MADO_CALL_ERROR, MADO_CALL_ERROR_INVALID_URI);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/madoguchi/interpreter-directory/example", test_example);
  g_test_add_func ("/madoguchi/interpreter-directory/plan-one-service", test_plan_one_service);
  g_test_add ("/madoguchi/interpreter-directory/malformed-json", Fixture, NULL, fixture_set_up,
              test_malformed_json, fixture_tear_down);
  g_test_add ("/madoguchi/interpreter-directory/not-a-directory", Fixture, NULL, fixture_set_up,
              test_not_a_directory, fixture_tear_down);
  g_test_add ("/madoguchi/interpreter-directory/malformed-entries", Fixture, NULL, fixture_set_up,
              test_malformed_entries, fixture_tear_down);
  g_test_add ("/madoguchi/interpreter-directory/hours", Fixture, NULL, fixture_set_up,
              test_hours, fixture_tear_down);
  g_test_add_func ("/madoguchi/interpreter-directory/sip-uris", test_sip_uris);
  g_test_add_func ("/madoguchi/interpreter-directory/phone-numbers", test_phone_numbers);

  return g_test_run ();
}

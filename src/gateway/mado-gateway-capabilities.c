/* mado-gateway-capabilities.c: GET /v1/health and GET /v1/capabilities
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-gateway-private.h"

#include "mado-gateway-json.h"

static const char *const capability_keys[MADO_N_CAPABILITIES] = {
  [MADO_CAPABILITY_TRANSLATE] = "translate",
  [MADO_CAPABILITY_SYNTHESIZE] = "synthesize",
  [MADO_CAPABILITY_RECOGNIZE] = "recognize",
};

void
mado_gateway_respond_health (MadoGatewayRequest *request)
{
  GString *body = g_string_new ("{\"status\":\"ok\",\"version\":");

  mado_json_append_string (body, PACKAGE_VERSION);
  g_string_append_c (body, '}');
  mado_gateway_request_respond_json (request, SOUP_STATUS_OK, body);
}

/* Writes the names of the providers of @route that handle the language (or pair) and are not
 * known to be down, without
 * repeating a name; returns how many, and whether every one is constrained. */
static guint
append_providers (GString            *body,
                  GPtrArray          *route,
                  MadoCapability      capability,
                  const MadoLanguage *language,
                  const MadoLanguage *target,
                  gboolean           *all_constrained)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  *all_constrained = TRUE;
  for (guint i = 0; i < route->len; i++)
    {
      MadoGatewayProvider *provider = g_ptr_array_index (route, i);
      const char *name;

      /* A provider that is down right now is left out: the kiosk plans with what answers. */
      if (!mado_gateway_provider_supports (provider, capability, language, target) ||
          !mado_gateway_provider_is_available (provider, NULL))
        continue;

      name = mado_gateway_provider_get_engine_name (provider, capability, language);
      if (g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
        continue;

      g_string_append (body, names->len == 0 ? "[" : ",");
      mado_json_append_string (body, name);
      g_ptr_array_add (names, (gpointer) name);
      *all_constrained &= mado_gateway_provider_is_constrained (provider, language);
    }

  if (names->len > 0)
    g_string_append_c (body, ']');
  return names->len;
}

static void
append_language_capability (GString            *body,
                            MadoGateway        *gateway,
                            MadoCapability      capability,
                            const MadoLanguage *language,
                            gboolean           *first)
{
  GPtrArray *route = mado_gateway_get_route (gateway, capability, language, NULL);
  gsize start = body->len;
  gboolean constrained;

  g_string_append (body, *first ? "{\"language\":" : ",{\"language\":");
  mado_json_append_string (body, language->code);
  g_string_append (body, ",\"providers\":");
  if (append_providers (body, route, capability, language, NULL, &constrained) == 0)
    {
      g_string_truncate (body, start);
      return;
    }

  if (capability == MADO_CAPABILITY_RECOGNIZE)
    g_string_append (body, constrained ? ",\"constrained\":true" : ",\"constrained\":false");
  g_string_append_c (body, '}');
  *first = FALSE;
}

static void
append_language_capabilities (GString             *body,
                              MadoGateway         *gateway,
                              MadoCapability       capability,
                              const MadoLanguage **languages,
                              guint                n_languages)
{
  gboolean first = TRUE;

  g_string_append_printf (body, ",\"%s\":[", capability_keys[capability]);
  for (guint i = 0; i < n_languages; i++)
    append_language_capability (body, gateway, capability, languages[i], &first);
  g_string_append_c (body, ']');
}

/**
 * mado_gateway_respond_capabilities:
 *
 * Lists, for every language and pair, the providers of its route that can serve it now: phrase
 * memory for the pairs some registered phrase has both texts of, the voices that are installed,
 * recognition where the model and phrases are there.
 */
void
mado_gateway_respond_capabilities (MadoGatewayRequest *request)
{
  MadoGateway *gateway = request->gateway;
  const MadoLanguage **languages;
  guint n_languages;
  GString *body = g_string_sized_new (8192);
  gboolean first;

  languages = mado_language_get_all (&n_languages);

  g_string_append_printf (body, "{\"api_version\":1,\"limits\":{\"max_text_chars\":%d,"
                          "\"max_audio_seconds\":%d,\"max_json_bytes\":%d}",
                          MADO_GATEWAY_MAX_TEXT_CHARS, MADO_GATEWAY_MAX_AUDIO_SECONDS,
                          MADO_GATEWAY_MAX_JSON_BYTES);

  append_language_capabilities (body, gateway, MADO_CAPABILITY_RECOGNIZE, languages, n_languages);

  g_string_append (body, ",\"translate\":[");
  first = TRUE;
  for (guint s = 0; s < n_languages; s++)
    for (guint t = 0; t < n_languages; t++)
      {
        GPtrArray *route;
        gsize start = body->len;
        gboolean constrained;

        if (s == t)
          continue;

        route = mado_gateway_get_route (gateway, MADO_CAPABILITY_TRANSLATE, languages[s], languages[t]);
        g_string_append (body, first ? "{\"source\":" : ",{\"source\":");
        mado_json_append_string (body, languages[s]->code);
        g_string_append (body, ",\"target\":");
        mado_json_append_string (body, languages[t]->code);
        g_string_append (body, ",\"providers\":");
        if (append_providers (body, route, MADO_CAPABILITY_TRANSLATE, languages[s], languages[t],
                              &constrained) == 0)
          {
            g_string_truncate (body, start);
            continue;
          }
        g_string_append_c (body, '}');
        first = FALSE;
      }
  g_string_append_c (body, ']');
  append_language_capabilities (body, gateway, MADO_CAPABILITY_SYNTHESIZE, languages, n_languages);
  g_string_append_c (body, '}');

  mado_gateway_request_respond_json (request, SOUP_STATUS_OK, body);
}

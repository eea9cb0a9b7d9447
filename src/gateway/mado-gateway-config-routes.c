/* mado-gateway-config-routes.c: the [route] group, which providers serve which languages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A route is an ordered list of providers; the gateway tries them in turn. The group has a
 * default per capability and, over it, keys for single languages or pairs:
 *
 *   translate = phrase-memory
 *   translate.ja.vi = phrase-memory, textra
 *   synthesize.ja =
 *
 * Every list is resolved once into tables indexed by language (or pair), so that a request
 * finds its route by an array lookup.
 */
#include "mado-gateway-config.h"

#include "mado-gateway-config-private.h"

#include <string.h>

static const char *const capability_names[MADO_N_CAPABILITIES] = {
  [MADO_CAPABILITY_TRANSLATE] = "translate",
  [MADO_CAPABILITY_SYNTHESIZE] = "synthesize",
  [MADO_CAPABILITY_RECOGNIZE] = "recognize",
};

static const char *const default_routes[MADO_N_CAPABILITIES][2] = {
  [MADO_CAPABILITY_TRANSLATE] = { MADO_PROVIDER_PHRASE_MEMORY, NULL },
  [MADO_CAPABILITY_SYNTHESIZE] = { MADO_PROVIDER_LOCAL_SPEECH, NULL },
  [MADO_CAPABILITY_RECOGNIZE] = { MADO_PROVIDER_POCKETSPHINX, NULL },
};

/* "phrase-memory, textra" → the providers it names, each checked to exist. */
static GStrv
parse_route_value (MadoGatewayConfig  *self,
                   const char         *key,
                   GError            **error)
{
  g_autofree char *value = g_key_file_get_value (self->keys, ROUTE_GROUP, key, NULL);
  g_auto(GStrv) parts = g_strsplit (value != NULL ? value : "", ",", -1);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *name = g_strstrip (parts[i]);

      if (*name == '\0')
        continue;
      if (mado_gateway_config_lookup_type (self, name) == NULL)
        {
          g_set_error (error, MADO_GATEWAY_CONFIG_ERROR, MADO_GATEWAY_CONFIG_ERROR_UNKNOWN_PROVIDER,
                       "%s: [route] %s names “%s”, which is neither a built-in provider nor "
                       "defined by a [provider %s] group",
                       mado_gateway_config_source_name (self), key, name, name);
          return NULL;
        }
      g_strv_builder_add (names, name);
    }

  return g_strv_builder_end (names);
}

static const MadoLanguage *
parse_route_language (MadoGatewayConfig  *self,
                      const char         *key,
                      const char         *code,
                      GError            **error)
{
  const MadoLanguage *language = mado_language_lookup (code);

  if (language == NULL)
    g_set_error (error, MADO_GATEWAY_CONFIG_ERROR, MADO_GATEWAY_CONFIG_ERROR_BAD_VALUE,
                 "%s: [route] %s names the language “%s”, which Madoguchi does not know",
                 mado_gateway_config_source_name (self), key, code);
  return language;
}

static void
note_routed (MadoGatewayConfig *self,
             const char *const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (!g_ptr_array_find_with_equal_func (self->routed_providers, names[i], g_str_equal, NULL))
      g_ptr_array_add (self->routed_providers, g_strdup (names[i]));
}

/* Fills the route tables: first every capability's default ("translate"), then each key for
 * one language ("synthesize.vi") or one pair ("translate.ja.vi") over it. */
gboolean
mado_gateway_config_resolve_routes (MadoGatewayConfig  *self,
                                    GError            **error)
{
  g_auto(GStrv) keys = g_key_file_get_keys (self->keys, ROUTE_GROUP, NULL, NULL);

  for (guint capability = 0; capability < MADO_N_CAPABILITIES; capability++)
    {
      guint size = capability == MADO_CAPABILITY_TRANSLATE ? self->n_languages * self->n_languages
                                                          : self->n_languages;
      const char *const *fallback = default_routes[capability];

      if (g_key_file_has_key (self->keys, ROUTE_GROUP, capability_names[capability], NULL))
        {
          GStrv names = parse_route_value (self, capability_names[capability], error);

          if (names == NULL)
            return FALSE;
          g_ptr_array_add (self->route_lists, names);
          fallback = (const char *const *) names;
        }

      self->routes[capability] = g_new (const char *const *, size);
      for (guint i = 0; i < size; i++)
        self->routes[capability][i] = fallback;
    }

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (keys[i], ".", -1);
      guint n_parts = g_strv_length (parts);
      int capability = -1;
      const MadoLanguage *language = NULL, *target = NULL;
      GStrv names;
      guint slot;

      for (guint c = 0; c < MADO_N_CAPABILITIES; c++)
        if (strcmp (parts[0], capability_names[c]) == 0)
          capability = (int) c;

      if (capability < 0 ||
          n_parts != (capability == MADO_CAPABILITY_TRANSLATE ? 3u : 2u))
        {
          if (capability >= 0 && n_parts == 1)
            continue;  /* the default, read above */
          g_set_error (error, MADO_GATEWAY_CONFIG_ERROR, MADO_GATEWAY_CONFIG_ERROR_UNKNOWN_KEY,
                       "%s: [route] has an unknown key “%s” (known forms: translate, "
                       "translate.SOURCE.TARGET, synthesize, synthesize.LANGUAGE, recognize, "
                       "recognize.LANGUAGE)",
                       mado_gateway_config_source_name (self), keys[i]);
          return FALSE;
        }

      language = parse_route_language (self, keys[i], parts[1], error);
      if (language == NULL)
        return FALSE;
      if (n_parts == 3 && (target = parse_route_language (self, keys[i], parts[2], error)) == NULL)
        return FALSE;

      names = parse_route_value (self, keys[i], error);
      if (names == NULL)
        return FALSE;
      g_ptr_array_add (self->route_lists, names);

      slot = mado_language_get_index (language);
      if (target != NULL)
        slot = slot * self->n_languages + mado_language_get_index (target);
      self->routes[capability][slot] = (const char *const *) names;
    }

  for (guint i = 0; i < MADO_N_CAPABILITIES; i++)
    {
      guint size = i == MADO_CAPABILITY_TRANSLATE ? self->n_languages * self->n_languages
                                                  : self->n_languages;

      for (guint j = 0; j < size; j++)
        note_routed (self, self->routes[i][j]);
    }

  return TRUE;
}

const char *const *
mado_gateway_config_get_route (MadoGatewayConfig  *self,
                               MadoCapability      capability,
                               const MadoLanguage *language,
                               const MadoLanguage *target)
{
  guint slot;

  g_return_val_if_fail (MADO_IS_GATEWAY_CONFIG (self), NULL);
  g_return_val_if_fail (self->routes[0] != NULL, NULL);
  g_return_val_if_fail (capability < MADO_N_CAPABILITIES, NULL);
  g_return_val_if_fail (language != NULL, NULL);
  g_return_val_if_fail ((capability == MADO_CAPABILITY_TRANSLATE) == (target != NULL), NULL);

  slot = mado_language_get_index (language);
  if (target != NULL)
    slot = slot * self->n_languages + mado_language_get_index (target);
  return self->routes[capability][slot];
}

/* mado-fake-settings.c: what a fake provider is told to do, and how its services read it
 *
 * The test thread writes these while the fake's thread reads them, so every access takes
 * the provider's lock.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-fake-provider-private.h"

#include <string.h>

/* Settings as the services read them */

/* Compares under the lock; a NULL expectation turns the check off. */
static gboolean
credential_matches (FakeProvider *self,
                    char * const *expected,
                    const char   *sent)
{
  gboolean matches;

  g_mutex_lock (&self->lock);
  matches = *expected == NULL || g_strcmp0 (*expected, sent) == 0;
  g_mutex_unlock (&self->lock);

  return matches;
}

gboolean
fake_provider_key_matches (FakeProvider *self,
                           const char   *key)
{
  return credential_matches (self, &self->key, key);
}

gboolean
fake_provider_secret_matches (FakeProvider *self,
                              const char   *secret)
{
  return credential_matches (self, &self->secret, secret);
}

gboolean
fake_provider_name_matches (FakeProvider *self,
                            const char   *name)
{
  return credential_matches (self, &self->name, name);
}

gboolean
fake_provider_key_required (FakeProvider *self)
{
  return !credential_matches (self, &self->key, NULL);
}

char *
fake_provider_issue_token (FakeProvider *self,
                           guint        *lifetime)
{
  char *token = g_strdup_printf ("%08x%08x%08x%08x", g_random_int (), g_random_int (), g_random_int (),
                                 g_random_int ());

  g_mutex_lock (&self->lock);
  *lifetime = self->token_lifetime;
  g_hash_table_insert (self->tokens, g_strdup (token),
                       g_memdup2 (&(gint64) { g_get_monotonic_time () + self->token_lifetime * G_USEC_PER_SEC },
                                  sizeof (gint64)));
  g_mutex_unlock (&self->lock);

  return token;
}

gboolean
fake_provider_token_is_valid (FakeProvider *self,
                              const char   *token)
{
  const gint64 *expiry;
  gboolean valid;

  g_mutex_lock (&self->lock);
  expiry = token != NULL ? g_hash_table_lookup (self->tokens, token) : NULL;
  valid = expiry != NULL && g_get_monotonic_time () < *expiry;
  g_mutex_unlock (&self->lock);

  return valid;
}

static char *
translation_key (const char *source,
                 const char *target,
                 const char *text)
{
  g_autofree char *folded_source = g_ascii_strdown (source != NULL ? source : "", -1);
  g_autofree char *folded_target = g_ascii_strdown (target, -1);

  return g_strdup_printf ("%s\n%s\n%s", folded_source, folded_target, text);
}

char *
fake_provider_translate (FakeProvider *self,
                         const char   *source,
                         const char   *target,
                         const char   *text)
{
  g_autofree char *key = translation_key (source, target, text);
  char *translation;

  g_mutex_lock (&self->lock);
  translation = g_strdup (g_hash_table_lookup (self->translations, key));
  g_mutex_unlock (&self->lock);

  return translation != NULL ? translation : g_strdup_printf ("%s:%s", target, text);
}

char *
fake_provider_dup_transcript (FakeProvider *self)
{
  char *transcript;

  g_mutex_lock (&self->lock);
  transcript = g_strdup (self->transcript);
  g_mutex_unlock (&self->lock);

  return transcript;
}

GStrv
fake_provider_dup_pairs (FakeProvider *self)
{
  GStrv pairs;

  g_mutex_lock (&self->lock);
  pairs = g_strdupv (self->pairs);
  g_mutex_unlock (&self->lock);

  return pairs;
}

gboolean
fake_provider_serves_pair (FakeProvider *self,
                           const char   *source,
                           const char   *target)
{
  g_auto(GStrv) pairs = fake_provider_dup_pairs (self);

  if (pairs == NULL)
    return TRUE;
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      const char *bar = strchr (pairs[i], '|');

      if (bar == NULL || g_ascii_strcasecmp (bar + 1, target) != 0)
        continue;
      if (source == NULL || (strlen (source) == (gsize) (bar - pairs[i]) &&
                             g_ascii_strncasecmp (pairs[i], source, strlen (source)) == 0))
        return TRUE;
    }

  return FALSE;
}

/* What the tests set */

void
fake_provider_set_behaviour (FakeProvider  *self,
                             FakeBehaviour  behaviour,
                             guint          count)
{
  g_mutex_lock (&self->lock);
  if (behaviour == FAKE_BEHAVIOUR_EXPIRED_TOKEN)
    {
      g_hash_table_remove_all (self->tokens);
      behaviour = FAKE_BEHAVIOUR_NORMAL;
      count = 0;
    }
  self->behaviour = behaviour;
  self->behaviour_left = count;
  g_mutex_unlock (&self->lock);
}

void
fake_provider_set_retry_after (FakeProvider *self,
                               guint         seconds)
{
  g_mutex_lock (&self->lock);
  self->retry_after = seconds;
  g_mutex_unlock (&self->lock);
}

void
fake_provider_set_delay (FakeProvider *self,
                         guint         milliseconds)
{
  g_mutex_lock (&self->lock);
  self->delay_ms = milliseconds;
  g_mutex_unlock (&self->lock);
}

void
fake_provider_set_credentials (FakeProvider *self,
                               const char   *key,
                               const char   *secret,
                               const char   *name)
{
  g_mutex_lock (&self->lock);
  g_free (self->key);
  self->key = g_strdup (key);
  g_free (self->secret);
  self->secret = g_strdup (secret);
  g_free (self->name);
  self->name = g_strdup (name);
  g_mutex_unlock (&self->lock);
}

void
fake_provider_set_token_lifetime (FakeProvider *self,
                                  guint         seconds)
{
  g_mutex_lock (&self->lock);
  self->token_lifetime = seconds;
  g_mutex_unlock (&self->lock);
}

void
fake_provider_add_translation (FakeProvider *self,
                               const char   *source,
                               const char   *target,
                               const char   *text,
                               const char   *translation)
{
  g_mutex_lock (&self->lock);
  g_hash_table_insert (self->translations, translation_key (source, target, text), g_strdup (translation));
  g_mutex_unlock (&self->lock);
}

void
fake_provider_set_transcript (FakeProvider *self,
                              const char   *text)
{
  g_mutex_lock (&self->lock);
  g_free (self->transcript);
  self->transcript = g_strdup (text);
  g_mutex_unlock (&self->lock);
}

void
fake_provider_set_pairs (FakeProvider       *self,
                         const char * const *pairs)
{
  g_mutex_lock (&self->lock);
  g_strfreev (self->pairs);
  self->pairs = g_strdupv ((GStrv) pairs);
  g_mutex_unlock (&self->lock);
}

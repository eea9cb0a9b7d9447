/* bench-number-check.c: how long checking a turn's numbers takes, over every shipped phrase in 15 languages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each text of each shipped phrase is compared with a back-translation in which one digit differs
 * (or with itself when it has none), as the conversation view does for every turn. The figure
 * that matters is the time per comparison against the 20 ms budget of a whole turn. Beside it, in
 * the same run, the same texts are case-folded with g_utf8_casefold(), one plain pass over their
 * characters, so the ratio says how the check compares to merely reading the text on this machine.
 */
#include "mado-language.h"
#include "mado-number-check.h"
#include "mado-phrase-reader.h"

#include <string.h>
#include <time.h>

#define ROUNDS 5

typedef struct {
  const char *language;
  char       *source;
  char       *back_translation;
} Pair;

static void
pair_clear (gpointer data)
{
  Pair *pair = data;

  g_free (pair->source);
  g_free (pair->back_translation);
}

static gint64
now_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (gint64) ts.tv_sec * G_GINT64_CONSTANT (1000000000) + ts.tv_nsec;
}

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static double
percentile_us (GArray *times,
               double  fraction)
{
  guint index;

  g_array_sort (times, compare_times);
  index = MIN (times->len - 1, (guint) (fraction * times->len));
  return g_array_index (times, gint64, index) / 1000.0;
}

/* A back-translation with its first ASCII digit changed, so the comparison has something to find. */
static char *
change_a_digit (const char *text)
{
  char *copy = g_strdup (text);

  for (char *p = copy; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      {
        *p = *p == '9' ? '0' : *p + 1;
        break;
      }
  return copy;
}

static GArray *
read_pairs (void)
{
  g_autoptr(MadoPhraseReader) reader = mado_phrase_reader_new ();
  g_autofree char *dir = mado_phrase_reader_default_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sets = mado_phrase_reader_read_tree (reader, dir, &error);
  GArray *pairs = g_array_new (FALSE, TRUE, sizeof (Pair));
  guint n_languages;
  const MadoLanguage **languages = mado_language_get_all (&n_languages);

  g_array_set_clear_func (pairs, pair_clear);
  if (sets == NULL)
    g_error ("Cannot read the phrase sets in %s: %s", dir, error->message);

  for (guint s = 0; s < sets->len; s++)
    {
      GPtrArray *phrases = mado_phrase_set_get_phrases (g_ptr_array_index (sets, s));

      for (guint p = 0; p < phrases->len; p++)
        for (guint l = 0; l < n_languages; l++)
          {
            const char *text = mado_phrase_get_text (g_ptr_array_index (phrases, p), languages[l]->code);
            Pair pair = { languages[l]->code, NULL, NULL };

            if (text == NULL)
              continue;
            pair.source = g_strdup (text);
            pair.back_translation = change_a_digit (text);
            g_array_append_val (pairs, pair);
          }
    }

  return pairs;
}

int
main (int argc, char **argv)
{
  g_autoptr(GArray) pairs = read_pairs ();
  g_autoptr(GArray) check_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) fold_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GString) long_text = g_string_new (NULL);
  guint n_changed = 0;
  gint64 start;
  double seconds, check_p50, fold_p50;

  for (guint round = 0; round < ROUNDS; round++)
    for (guint i = 0; i < pairs->len; i++)
      {
        Pair *pair = &g_array_index (pairs, Pair, i);
        gint64 before, between, after;
        g_autoptr(GPtrArray) changed = NULL;
        g_autofree char *folded_source = NULL;
        g_autofree char *folded_back = NULL;

        before = now_ns ();
        changed = mado_quantities_compare (pair->source, pair->language, pair->back_translation);
        between = now_ns ();
        folded_source = g_utf8_casefold (pair->source, -1);
        folded_back = g_utf8_casefold (pair->back_translation, -1);
        after = now_ns ();

        /* The first round warms the caches and is not counted. */
        if (round == 0)
          {
            n_changed += changed->len > 0;
            continue;
          }
        between -= before;
        after -= before + between;
        g_array_append_val (check_times, between);
        g_array_append_val (fold_times, after);
      }

  check_p50 = percentile_us (check_times, 0.50);
  fold_p50 = percentile_us (fold_times, 0.50);
  g_print ("# %u texts in every language, %u with a changed quantity found\n", pairs->len, n_changed);
  g_print ("bench: number-check-compare-p50 %.1f us\n", check_p50);
  g_print ("bench: number-check-compare-p95 %.1f us\n", percentile_us (check_times, 0.95));
  g_print ("bench: number-check-compare-max %.1f us\n", percentile_us (check_times, 1.0));
  g_print ("bench: number-check-casefold-p50 %.1f us\n", fold_p50);
  g_print ("bench: number-check-compare-to-casefold-ratio %.1f x\n", check_p50 / fold_p50);

  /* Throughput on one long text made of every shipped sentence. */
  for (guint i = 0; i < pairs->len; i++)
    {
      g_string_append (long_text, g_array_index (pairs, Pair, i).source);
      g_string_append_c (long_text, '\n');
    }
  start = now_ns ();
  for (guint round = 0; round < ROUNDS; round++)
    {
      g_autoptr(GPtrArray) quantities = mado_quantities_extract (long_text->str, "en");

      g_assert (quantities != NULL);
    }
  seconds = (now_ns () - start) / 1e9;
  g_print ("bench: number-check-extract-throughput %.1f MB/s\n", ROUNDS * long_text->len / seconds / 1e6);

  return 0;
}

/* mado-phrase-index.c: the registered phrases held in memory for matching, exact and fuzzy
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each language has a table of entries, one per phrase text in that language (two for an Easy
 * Japanese text with {漢字|かんじ} readings: one as written, one as read, since a person may
 * type either). An entry's key is its folded text. Exact lookups go through a hash of keys;
 * fuzzy lookups through postings, a sorted array of (bigram, entry) pairs in which every
 * bigram of the query is found by binary search, so a lookup touches only the entries that
 * share something with the query and allocates nothing.
 *
 * The index is rebuilt whenever the database changes, which on a tablet happens at every tap
 * that counts a phrase's use; so building is kept fast too. A bigram (two code points of 21
 * bits) and an entry number (22 bits) pack into one 64-bit posting, and the postings are put in
 * order by a radix sort rather than a comparison sort.
 */
#include "mado-phrase-index.h"

#include "mado-ruby.h"
#include "mado-text-fold.h"

#include <string.h>

/* Dice scores every permutation of the same bigrams alike, so two different texts can score
 * 1.0; a fuzzy match must never look like an exact one to the person reading the score. */
#define FUZZY_SCORE_CEILING 0.99

typedef struct {
  const char *key;        /* in the index's string chunk */
  guint       phrase;     /* position in phrases */
  guint       n_bigrams;  /* distinct bigrams of key */
} Entry;

#define ENTRY_BITS  22
#define MAX_ENTRIES (1u << ENTRY_BITS)
#define POSTING_BIGRAM(posting) ((posting) >> ENTRY_BITS)
#define POSTING_ENTRY(posting)  ((guint) ((posting) & (MAX_ENTRIES - 1)))

typedef struct {
  GArray     *entries;    /* Entry, sorted by key, then phrase */
  GHashTable *exact;      /* key → position of its first entry + 1 */
  GArray     *postings;   /* guint64: bigram << ENTRY_BITS | entry, in ascending order */
} LanguageTable;

struct _MadoPhraseIndex
{
  GObject        parent_instance;

  guint          generation;
  GPtrArray     *phrases;         /* MadoPhrase */
  GArray        *language_masks;  /* guint32 per phrase: bit i set when it has language i */
  GStringChunk  *keys;            /* every text and key the index holds */
  GHashTable    *folds;           /* text → its key, handed to the next index built */
  guint          n_languages;
  LanguageTable *tables;
  guint32       *pair_masks;      /* per source language: bit t set when some phrase has both */
};

G_DEFINE_FINAL_TYPE (MadoPhraseIndex, mado_phrase_index, G_TYPE_OBJECT)

static gint last_generation = 0;

void
mado_match_scratch_init (MadoMatchScratch *scratch)
{
  g_return_if_fail (scratch != NULL);

  scratch->counts = g_array_new (FALSE, TRUE, sizeof (guint16));
  scratch->touched = g_array_new (FALSE, FALSE, sizeof (guint));
  scratch->bigrams = g_array_new (FALSE, FALSE, sizeof (guint64));
}

void
mado_match_scratch_clear (MadoMatchScratch *scratch)
{
  g_return_if_fail (scratch != NULL);

  g_clear_pointer (&scratch->counts, g_array_unref);
  g_clear_pointer (&scratch->touched, g_array_unref);
  g_clear_pointer (&scratch->bigrams, g_array_unref);
}

/* Least significant byte first; a byte that is the same in every value costs one counting pass
 * and no moving (most high bytes, since code points and entry numbers are small). */
static void
radix_sort (guint64 *values,
            gsize    n_values)
{
  g_autofree guint64 *buffer = g_new (guint64, n_values);
  guint64 *from = values, *to = buffer;

  for (guint shift = 0; shift < 64 && n_values > 1; shift += 8)
    {
      gsize offsets[256] = { 0 };
      gsize total = 0;

      for (gsize i = 0; i < n_values; i++)
        offsets[(from[i] >> shift) & 0xff]++;
      if (offsets[(from[0] >> shift) & 0xff] == n_values)
        continue;

      for (guint digit = 0; digit < 256; digit++)
        {
          gsize count = offsets[digit];

          offsets[digit] = total;
          total += count;
        }
      for (gsize i = 0; i < n_values; i++)
        to[offsets[(from[i] >> shift) & 0xff]++] = from[i];

      from = to;
      to = from == values ? buffer : values;
    }

  if (from != values)
    memcpy (values, from, n_values * sizeof (guint64));
}

/* A sentence has a few dozen bigrams, which insertion sort orders faster than anything that
 * needs a buffer; a long text (up to the API's 2,000 characters) goes to the radix sort. */
static void
sort_bigrams (guint64 *bigrams,
              gsize    n_bigrams)
{
  if (n_bigrams > 64)
    {
      radix_sort (bigrams, n_bigrams);
      return;
    }

  for (gsize i = 1; i < n_bigrams; i++)
    {
      guint64 value = bigrams[i];
      gsize j = i;

      for (; j > 0 && bigrams[j - 1] > value; j--)
        bigrams[j] = bigrams[j - 1];
      bigrams[j] = value;
    }
}

/* Fills @bigrams with the distinct character bigrams of @key, sorted. */
static void
collect_bigrams (const char *key,
                 GArray     *bigrams)
{
  gunichar previous = 0;
  guint n_distinct = 0;

  g_array_set_size (bigrams, 0);
  for (const char *p = key; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar current = g_utf8_get_char (p);
      guint64 bigram;

      if (p != key)
        {
          bigram = ((guint64) previous << 21) | current;
          g_array_append_val (bigrams, bigram);
        }
      previous = current;
    }

  if (bigrams->len == 0)
    return;

  sort_bigrams ((guint64 *) (void *) bigrams->data, bigrams->len);
  for (guint i = 0; i < bigrams->len; i++)
    if (n_distinct == 0 ||
        g_array_index (bigrams, guint64, i) != g_array_index (bigrams, guint64, n_distinct - 1))
      g_array_index (bigrams, guint64, n_distinct++) = g_array_index (bigrams, guint64, i);
  g_array_set_size (bigrams, n_distinct);
}

/* Folding (Unicode normalisation and case folding) is most of the cost of a build, and a
 * rebuild sees almost the same texts again, so the keys of the previous index are reused. */
static const char *
fold (MadoPhraseIndex *self,
      MadoPhraseIndex *previous,
      const char      *text)
{
  const char *known = previous != NULL ? g_hash_table_lookup (previous->folds, text) : NULL;
  const char *key;

  if (known != NULL)
    {
      key = g_string_chunk_insert_const (self->keys, known);
    }
  else
    {
      g_autofree char *folded = mado_text_fold (text);

      key = g_string_chunk_insert_const (self->keys, folded);
    }

  g_hash_table_insert (self->folds, g_string_chunk_insert_const (self->keys, text), (gpointer) key);
  return key;
}

static void
add_entry (MadoPhraseIndex *self,
           MadoPhraseIndex *previous,
           LanguageTable   *table,
           guint            phrase,
           const char      *text)
{
  const char *key = fold (self, previous, text);
  Entry entry = { 0 };

  if (*key == '\0')
    return;

  entry.key = key;
  entry.phrase = phrase;
  g_array_append_val (table->entries, entry);
}

static void
add_phrase (MadoPhraseIndex *self,
            MadoPhraseIndex *previous,
            guint            position,
            MadoPhrase      *phrase)
{
  g_auto(GStrv) codes = mado_phrase_dup_languages (phrase);
  guint32 mask = 0;

  for (guint i = 0; codes[i] != NULL; i++)
    {
      const MadoLanguage *language = mado_language_lookup (codes[i]);
      const char *text = mado_phrase_get_text (phrase, codes[i]);
      LanguageTable *table;
      guint index;

      if (language == NULL || text == NULL)
        continue;

      index = mado_language_get_index (language);
      table = &self->tables[index];
      mask |= 1u << index;

      if (mado_ruby_has_markup (text))
        {
          g_autofree char *base = mado_ruby_to_base (text);
          g_autofree char *reading = mado_ruby_to_reading (text);

          add_entry (self, previous, table, position, base);
          if (g_strcmp0 (base, reading) != 0)
            add_entry (self, previous, table, position, reading);
        }
      else
        {
          add_entry (self, previous, table, position, text);
        }
    }

  g_array_append_val (self->language_masks, mask);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *first = a;
  const Entry *second = b;
  int by_key = strcmp (first->key, second->key);

  if (by_key != 0)
    return by_key;
  return first->phrase < second->phrase ? -1 : first->phrase > second->phrase;
}

static void
finish_table (LanguageTable *table,
              GArray        *bigrams)
{
  GArray *entries = table->entries;

  g_array_sort (entries, compare_entries);

  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = &g_array_index (entries, Entry, i);

      if (i == 0 || strcmp (entry->key, g_array_index (entries, Entry, i - 1).key) != 0)
        g_hash_table_insert (table->exact, (gpointer) entry->key, GUINT_TO_POINTER (i + 1));

      collect_bigrams (entry->key, bigrams);
      entry->n_bigrams = bigrams->len;
      for (guint j = 0; j < bigrams->len && i < MAX_ENTRIES; j++)
        {
          guint64 posting = g_array_index (bigrams, guint64, j) << ENTRY_BITS | i;

          g_array_append_val (table->postings, posting);
        }
    }

  if (entries->len > MAX_ENTRIES)
    g_warning ("Phrase memory: %u texts in one language; only the first %u can be matched fuzzily",
               entries->len, MAX_ENTRIES);

  radix_sort ((guint64 *) (void *) table->postings->data, table->postings->len);
}

/**
 * mado_phrase_index_new:
 * @phrases: (element-type MadoPhrase): the phrases to match against, in the order that breaks
 *   ties (the first of several equally good phrases wins)
 * @previous: (nullable): the index this one replaces, whose work is reused where it can be
 */
MadoPhraseIndex *
mado_phrase_index_new (GPtrArray       *phrases,
                       MadoPhraseIndex *previous)
{
  g_autoptr(MadoPhraseIndex) self = NULL;
  g_autoptr(GArray) bigrams = NULL;

  g_return_val_if_fail (phrases != NULL, NULL);
  g_return_val_if_fail (previous == NULL || MADO_IS_PHRASE_INDEX (previous), NULL);

  self = g_object_new (MADO_TYPE_PHRASE_INDEX, NULL);
  self->generation = (guint) g_atomic_int_add (&last_generation, 1) + 1;
  self->phrases = g_ptr_array_new_full (phrases->len, g_object_unref);
  for (guint i = 0; i < phrases->len; i++)
    {
      g_ptr_array_add (self->phrases, g_object_ref (g_ptr_array_index (phrases, i)));
      add_phrase (self, previous, i, g_ptr_array_index (phrases, i));
    }

  bigrams = g_array_new (FALSE, FALSE, sizeof (guint64));
  for (guint i = 0; i < self->n_languages; i++)
    finish_table (&self->tables[i], bigrams);

  for (guint i = 0; i < self->language_masks->len; i++)
    {
      guint32 mask = g_array_index (self->language_masks, guint32, i);

      for (guint source = 0; source < self->n_languages; source++)
        if (mask & (1u << source))
          self->pair_masks[source] |= mask & ~(1u << source);
    }

  return g_steal_pointer (&self);
}

guint
mado_phrase_index_get_generation (MadoPhraseIndex *self)
{
  g_return_val_if_fail (MADO_IS_PHRASE_INDEX (self), 0);
  return self->generation;
}

/**
 * mado_phrase_index_get_phrases:
 *
 * Returns: (transfer none) (element-type MadoPhrase): every phrase, in the order given
 */
GPtrArray *
mado_phrase_index_get_phrases (MadoPhraseIndex *self)
{
  g_return_val_if_fail (MADO_IS_PHRASE_INDEX (self), NULL);
  return self->phrases;
}

gboolean
mado_phrase_index_has_language (MadoPhraseIndex    *self,
                                const MadoLanguage *language)
{
  g_return_val_if_fail (MADO_IS_PHRASE_INDEX (self), FALSE);
  g_return_val_if_fail (language != NULL, FALSE);

  return self->tables[mado_language_get_index (language)].entries->len > 0;
}

gboolean
mado_phrase_index_has_pair (MadoPhraseIndex    *self,
                            const MadoLanguage *source,
                            const MadoLanguage *target)
{
  g_return_val_if_fail (MADO_IS_PHRASE_INDEX (self), FALSE);
  g_return_val_if_fail (source != NULL && target != NULL, FALSE);

  return (self->pair_masks[mado_language_get_index (source)] &
          (1u << mado_language_get_index (target))) != 0;
}

static gboolean
has_target (MadoPhraseIndex *self,
            const Entry     *entry,
            guint32          target_bit)
{
  return (g_array_index (self->language_masks, guint32, entry->phrase) & target_bit) != 0;
}

/* The first posting of @bigram, or the length of the postings when there is none. */
static guint
first_posting (GArray  *postings,
               guint64  bigram)
{
  guint low = 0, high = postings->len;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (POSTING_BIGRAM (g_array_index (postings, guint64, middle)) < bigram)
        low = middle + 1;
      else
        high = middle;
    }
  return low;
}

static gboolean
match_fuzzy (MadoPhraseIndex  *self,
             LanguageTable    *table,
             const char       *key,
             guint32           target_bit,
             double            threshold,
             MadoMatchScratch *scratch,
             MadoPhraseMatch  *match)
{
  guint16 *counts;
  guint n_query, best_entry = G_MAXUINT;
  double best_score = 0.0;

  collect_bigrams (key, scratch->bigrams);
  n_query = scratch->bigrams->len;
  if (n_query == 0)
    return FALSE;

  if (scratch->counts->len < table->entries->len)
    g_array_set_size (scratch->counts, table->entries->len);
  counts = (guint16 *) (void *) scratch->counts->data;
  g_array_set_size (scratch->touched, 0);

  for (guint i = 0; i < n_query; i++)
    {
      guint64 bigram = g_array_index (scratch->bigrams, guint64, i);

      for (guint p = first_posting (table->postings, bigram);
           p < table->postings->len && POSTING_BIGRAM (g_array_index (table->postings, guint64, p)) == bigram;
           p++)
        {
          guint entry = POSTING_ENTRY (g_array_index (table->postings, guint64, p));

          if (counts[entry]++ == 0)
            g_array_append_val (scratch->touched, entry);
        }
    }

  for (guint i = 0; i < scratch->touched->len; i++)
    {
      guint position = g_array_index (scratch->touched, guint, i);
      const Entry *entry = &g_array_index (table->entries, Entry, position);
      double score = 2.0 * counts[position] / (double) (n_query + entry->n_bigrams);

      counts[position] = 0;
      if (!has_target (self, entry, target_bit))
        continue;
      if (score > best_score || (score == best_score && entry->phrase < best_entry))
        {
          best_score = score;
          best_entry = entry->phrase;
        }
    }

  best_score = MIN (best_score, FUZZY_SCORE_CEILING);
  if (best_entry == G_MAXUINT || best_score < threshold)
    return FALSE;

  match->phrase = g_ptr_array_index (self->phrases, best_entry);
  match->score = best_score;
  return TRUE;
}

gboolean
mado_phrase_index_match (MadoPhraseIndex    *self,
                         const char         *text,
                         const MadoLanguage *source,
                         const MadoLanguage *target,
                         double              threshold,
                         MadoMatchScratch   *scratch,
                         MadoPhraseMatch    *match)
{
  g_autofree char *key = NULL;
  LanguageTable *table;
  guint32 target_bit;
  guint first;

  g_return_val_if_fail (MADO_IS_PHRASE_INDEX (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (source != NULL && target != NULL, FALSE);
  g_return_val_if_fail (scratch != NULL && match != NULL, FALSE);

  key = mado_text_fold (text);
  if (*key == '\0')
    return FALSE;

  table = &self->tables[mado_language_get_index (source)];
  target_bit = 1u << mado_language_get_index (target);

  /* Several phrases may share a text ("はい" in two sets); the first that has the target wins. */
  first = GPOINTER_TO_UINT (g_hash_table_lookup (table->exact, key));
  for (guint i = first; first != 0 && i <= table->entries->len; i++)
    {
      const Entry *entry = &g_array_index (table->entries, Entry, i - 1);

      if (strcmp (entry->key, key) != 0)
        break;
      if (has_target (self, entry, target_bit))
        {
          match->phrase = g_ptr_array_index (self->phrases, entry->phrase);
          match->score = 1.0;
          return TRUE;
        }
    }

  return match_fuzzy (self, table, key, target_bit, threshold, scratch, match);
}

static void
mado_phrase_index_finalize (GObject *object)
{
  MadoPhraseIndex *self = MADO_PHRASE_INDEX (object);

  for (guint i = 0; i < self->n_languages; i++)
    {
      g_array_unref (self->tables[i].entries);
      g_hash_table_unref (self->tables[i].exact);
      g_array_unref (self->tables[i].postings);
    }
  g_free (self->tables);
  g_free (self->pair_masks);
  g_clear_pointer (&self->phrases, g_ptr_array_unref);
  g_array_unref (self->language_masks);
  g_hash_table_unref (self->folds);
  g_string_chunk_free (self->keys);

  G_OBJECT_CLASS (mado_phrase_index_parent_class)->finalize (object);
}

static void
mado_phrase_index_class_init (MadoPhraseIndexClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mado_phrase_index_finalize;
}

static void
mado_phrase_index_init (MadoPhraseIndex *self)
{
  mado_language_get_all (&self->n_languages);
  g_assert (self->n_languages <= 32);

  self->tables = g_new0 (LanguageTable, self->n_languages);
  for (guint i = 0; i < self->n_languages; i++)
    {
      self->tables[i].entries = g_array_new (FALSE, FALSE, sizeof (Entry));
      self->tables[i].exact = g_hash_table_new (g_str_hash, g_str_equal);
      self->tables[i].postings = g_array_new (FALSE, FALSE, sizeof (guint64));
    }
  self->pair_masks = g_new0 (guint32, self->n_languages);
  self->language_masks = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->keys = g_string_chunk_new (4096);
  self->folds = g_hash_table_new (g_str_hash, g_str_equal);
}

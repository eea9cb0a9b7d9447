/* mado-sphinx-engine.c: pocketsphinx decoders on worker threads, constrained to the phrases
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * pocketsphinx's general English model turns kiosk speech into nonsense ("where is the toilet"
 * → "where is that so you"), but with a grammar of the registered English sentences it
 * recognises them reliably; so each decoder searches a JSGF grammar built from the phrases.
 *
 * Each utterance is a job on a thread of its own: the HTTP side pushes audio pieces into the
 * job's queue as they arrive and the thread feeds them straight to the decoder, so by the end
 * of the upload most of the decoding is already done. Decoders are expensive to load and are
 * kept in a pool; one decoder is used by one thread at a time. Audio exists only in these
 * queues and the decoder, never on disk.
 */
#include "mado-sphinx-engine.h"

#include "mado-gateway-error.h"

#include <pocketsphinx.h>
#include <sphinxbase/cmn.h>
#include <sphinxbase/err.h>
#include <sphinxbase/feat.h>
#include <string.h>

#define SEARCH_NAME "madoguchi"

typedef struct {
  cmd_ln_t     *config;
  ps_decoder_t *decoder;
  guint         grammar_generation;   /* of the index whose grammar is loaded; 0 for none */
  mfcc_t       *initial_mean;         /* the model's cepstral mean, restored for each utterance */
} Decoder;

struct _MadoSphinxEngine
{
  char         *acoustic_model;
  char         *dictionary;
  guint         max_decoders;
  GThreadPool  *threads;

  GMutex        lock;
  GCond         decoder_released;
  GPtrArray    *idle;                 /* Decoder */
  guint         n_decoders;           /* loaded or being loaded */
  /* The grammar text of the last index seen, shared by all decoders so that it is built (and
   * its left-out words logged) once per change of the phrases. */
  guint         grammar_generation;
  char         *grammar;              /* %NULL when no English phrase has a known word */
};

struct _MadoSphinxJob
{
  gatomicrefcount       ref_count;
  MadoSphinxEngine     *engine;
  MadoPhraseIndex      *index;
  GAsyncQueue          *audio;        /* GBytes, then end_marker or abandon_marker */
  gboolean              warm_up;      /* load a decoder and its grammar, decode nothing */

  /* Touched only in the starter's main context. */
  GMainContext         *context;
  MadoSphinxResultFunc  result_func;
  gpointer              user_data;
  gboolean              ended;
  gboolean              abandoned;

  /* Written by the worker before it posts the result. */
  char                 *text;
  GError               *error;
};

static char end_marker;
static char abandon_marker;

static MadoSphinxJob *
job_ref (MadoSphinxJob *job)
{
  g_atomic_ref_count_inc (&job->ref_count);
  return job;
}

static void
job_unref (gpointer data)
{
  MadoSphinxJob *job = data;
  gpointer item;

  if (!g_atomic_ref_count_dec (&job->ref_count))
    return;

  while ((item = g_async_queue_try_pop (job->audio)) != NULL)
    if (item != &end_marker && item != &abandon_marker)
      g_bytes_unref (item);
  g_async_queue_unref (job->audio);
  g_clear_object (&job->index);
  g_clear_pointer (&job->context, g_main_context_unref);
  g_free (job->text);
  g_clear_error (&job->error);
  g_free (job);
}

static void
decoder_free (Decoder *decoder)
{
  ps_free (decoder->decoder);
  cmd_ln_free_r (decoder->config);
  g_free (decoder->initial_mean);
  g_free (decoder);
}

/* pocketsphinx carries its cepstral mean from one utterance to the next, which suits one
 * speaker at one microphone; a gateway decodes whoever comes next at whichever counter, and one
 * silent or abandoned utterance would drag the mean down so far that the next speaker is not
 * heard at all. Every utterance therefore starts from the model's own mean, so that the result
 * depends only on its audio, as the API promises for every request. */
static void
start_from_model_mean (Decoder *decoder)
{
  cmn_live_set (ps_get_feat (decoder->decoder)->cmn_struct, decoder->initial_mean);
}

static Decoder *
decoder_load (MadoSphinxEngine  *self,
              GError           **error)
{
  g_autofree Decoder *decoder = g_new0 (Decoder, 1);
  cmn_t *cmn;

  /* Dither: audio that starts with exact digital silence (a muted or gated microphone, a
   * pre-roll of zeros) otherwise upsets the feature normalisation and loses whole utterances. */
  decoder->config = cmd_ln_init (NULL, ps_args (), TRUE,
                                 "-hmm", self->acoustic_model,
                                 "-dict", self->dictionary,
                                 "-dither", "yes",
                                 NULL);
  if (decoder->config != NULL)
    decoder->decoder = ps_init (decoder->config);

  if (decoder->decoder == NULL)
    {
      if (decoder->config != NULL)
        cmd_ln_free_r (decoder->config);
      g_set_error (error, MADO_GATEWAY_ERROR, MADO_GATEWAY_ERROR_PROVIDER_UNAVAILABLE,
                   "pocketsphinx could not load its acoustic model “%s” with the dictionary “%s”.",
                   self->acoustic_model, self->dictionary);
      return NULL;
    }

  cmn = ps_get_feat (decoder->decoder)->cmn_struct;
  decoder->initial_mean = g_new (mfcc_t, cmn->veclen);
  cmn_live_get (cmn, decoder->initial_mean);

  return g_steal_pointer (&decoder);
}

/* Takes an idle decoder, or loads another while fewer than the maximum exist, or waits for one
 * to be released (only while a warm-up holds the last one: streams never outnumber decoders). */
static Decoder *
acquire_decoder (MadoSphinxEngine  *self,
                 GError           **error)
{
  Decoder *decoder;

  g_mutex_lock (&self->lock);
  while (self->idle->len == 0 && self->n_decoders >= self->max_decoders)
    g_cond_wait (&self->decoder_released, &self->lock);

  if (self->idle->len > 0)
    {
      decoder = g_ptr_array_steal_index_fast (self->idle, self->idle->len - 1);
      g_mutex_unlock (&self->lock);
      return decoder;
    }

  self->n_decoders++;
  g_mutex_unlock (&self->lock);

  decoder = decoder_load (self, error);
  if (decoder == NULL)
    {
      g_mutex_lock (&self->lock);
      self->n_decoders--;
      g_cond_signal (&self->decoder_released);
      g_mutex_unlock (&self->lock);
    }
  return decoder;
}

static void
release_decoder (MadoSphinxEngine *self,
                 Decoder          *decoder)
{
  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->idle, decoder);
  g_cond_signal (&self->decoder_released);
  g_mutex_unlock (&self->lock);
}

/* "Where's the toilet?" → where's the toilet: lower case, split on anything that is not a
 * letter, digit or apostrophe; the CMU dictionary spells contractions with "'". */
static GStrv
split_words (const char *text)
{
  g_autofree char *lower = g_utf8_strdown (text, -1);
  g_autoptr(GStrvBuilder) words = g_strv_builder_new ();
  g_autoptr(GString) word = g_string_new (NULL);

  for (const char *p = lower;; p = g_utf8_next_char (p))
    {
      gunichar c = *p != '\0' ? g_utf8_get_char (p) : 0;

      if (c == 0x2019)
        c = '\'';
      if (c != 0 && (g_unichar_isalnum (c) || c == '\''))
        {
          g_string_append_unichar (word, c);
          continue;
        }

      while (word->len > 0 && word->str[word->len - 1] == '\'')
        g_string_truncate (word, word->len - 1);
      while (word->len > 0 && word->str[0] == '\'')
        g_string_erase (word, 0, 1);
      if (word->len > 0)
        g_strv_builder_add (words, word->str);
      g_string_truncate (word, 0);

      if (c == 0)
        break;
    }

  return g_strv_builder_end (words);
}

static gboolean
word_is_known (ps_decoder_t *decoder,
               GHashTable   *known,
               const char   *word)
{
  gpointer cached;

  if (!g_hash_table_lookup_extended (known, word, NULL, &cached))
    {
      char *phones = ps_lookup_word (decoder, word);

      cached = GINT_TO_POINTER (phones != NULL);
      g_free (phones);
      g_hash_table_insert (known, g_strdup (word), cached);
    }
  return GPOINTER_TO_INT (cached);
}

/* One alternative per distinct English sentence. A word the dictionary lacks (a name, a
 * number written in digits) cannot be recognised; it is left out of its sentence, and the
 * words left out are logged so that staff can respell the phrase. */
static char *
build_grammar (ps_decoder_t    *decoder,
               MadoPhraseIndex *index)
{
  GPtrArray *phrases = mado_phrase_index_get_phrases (index);
  g_autoptr(GHashTable) known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) sentences = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) order = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) dropped = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) dropped_set = g_hash_table_new (g_str_hash, g_str_equal);
  GString *grammar;

  for (guint i = 0; i < phrases->len; i++)
    {
      const char *text = mado_phrase_get_text (g_ptr_array_index (phrases, i), "en");
      g_auto(GStrv) words = NULL;
      g_autoptr(GString) sentence = g_string_new (NULL);

      if (text == NULL)
        continue;

      words = split_words (text);
      for (guint j = 0; words[j] != NULL; j++)
        {
          if (word_is_known (decoder, known, words[j]))
            {
              if (sentence->len > 0)
                g_string_append_c (sentence, ' ');
              g_string_append (sentence, words[j]);
            }
          else if (!g_hash_table_contains (dropped_set, words[j]))
            {
              char *copy = g_strdup (words[j]);

              g_ptr_array_add (dropped, copy);
              g_hash_table_add (dropped_set, copy);
            }
        }

      if (sentence->len > 0 && !g_hash_table_contains (sentences, sentence->str))
        {
          char *copy = g_string_free (g_steal_pointer (&sentence), FALSE);

          g_ptr_array_add (order, copy);
          g_hash_table_add (sentences, copy);
        }
    }

  if (dropped->len > 0)
    {
      g_autofree char *list = NULL;

      g_ptr_array_sort (dropped, (GCompareFunc) g_strcmp0);
      g_ptr_array_add (dropped, NULL);
      list = g_strjoinv (", ", (char **) dropped->pdata);
      g_message ("Recognition grammar: %u words of the English phrases are not in the "
                 "pronunciation dictionary and were left out: %s", dropped->len - 1, list);
    }

  if (order->len == 0)
    return NULL;

  grammar = g_string_new ("#JSGF V1.0;\ngrammar madoguchi;\npublic <utterance> =\n    ");
  for (guint i = 0; i < order->len; i++)
    {
      if (i > 0)
        g_string_append (grammar, "\n  | ");
      g_string_append (grammar, g_ptr_array_index (order, i));
    }
  g_string_append (grammar, ";\n");

  g_debug ("Recognition grammar: %u sentences", order->len);
  return g_string_free (grammar, FALSE);
}

/* Loads the grammar of @index into @decoder unless it has it already. */
static gboolean
ensure_grammar (MadoSphinxEngine  *self,
                Decoder           *decoder,
                MadoPhraseIndex   *index,
                GError           **error)
{
  guint generation = mado_phrase_index_get_generation (index);
  g_autofree char *grammar = NULL;

  if (decoder->grammar_generation == generation)
    return TRUE;

  g_mutex_lock (&self->lock);
  if (self->grammar_generation != generation)
    {
      g_free (self->grammar);
      self->grammar = build_grammar (decoder->decoder, index);
      self->grammar_generation = generation;
    }
  grammar = g_strdup (self->grammar);
  g_mutex_unlock (&self->lock);

  if (grammar == NULL)
    {
      g_set_error_literal (error, MADO_GATEWAY_ERROR, MADO_GATEWAY_ERROR_UNSUPPORTED_LANGUAGE,
                           "No registered English phrase has a word that pocketsphinx's "
                           "pronunciation dictionary knows, so nothing can be recognised in en.");
      return FALSE;
    }

  if (ps_set_jsgf_string (decoder->decoder, SEARCH_NAME, grammar) < 0 ||
      ps_set_search (decoder->decoder, SEARCH_NAME) < 0)
    {
      g_set_error_literal (error, MADO_GATEWAY_ERROR, MADO_GATEWAY_ERROR_INTERNAL,
                           "pocketsphinx refused the grammar built from the English phrases.");
      return FALSE;
    }

  decoder->grammar_generation = generation;
  return TRUE;
}

/* Converts @piece (and a byte left over from the last piece) into whole host-order samples in
 * @samples; a trailing odd byte is kept in @carry for the next piece. */
static void
take_samples (GBytes  *piece,
              GArray  *samples,
              guint8  *carry,
              gboolean *has_carry)
{
  gsize length;
  const guint8 *bytes = g_bytes_get_data (piece, &length);
  gsize i = 0;

  g_array_set_size (samples, 0);
  if (length == 0)
    return;

  if (*has_carry)
    {
      gint16 sample = (gint16) (*carry | (bytes[0] << 8));

      g_array_append_val (samples, sample);
      i = 1;
      *has_carry = FALSE;
    }

  for (; i + 1 < length; i += 2)
    {
      gint16 sample = (gint16) (bytes[i] | (bytes[i + 1] << 8));

      g_array_append_val (samples, sample);
    }

  if (i < length)
    {
      *carry = bytes[i];
      *has_carry = TRUE;
    }
}

static gboolean
deliver_result (gpointer data)
{
  MadoSphinxJob *job = data;

  if (!job->abandoned)
    job->result_func (job->text, job->error, job->user_data);
  return G_SOURCE_REMOVE;
}

static void
decode (MadoSphinxJob *job,
        Decoder       *decoder,
        GError        *load_error)
{
  g_autoptr(GError) error = load_error;
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (gint16));
  gboolean has_carry = FALSE, started = FALSE;
  guint8 carry = 0;
  gpointer item;

  if (error == NULL && ensure_grammar (job->engine, decoder, job->index, &error))
    {
      start_from_model_mean (decoder);
      started = ps_start_utt (decoder->decoder) >= 0;
    }

  /* Pieces are taken even after a failure, so the queue never holds audio longer than needed. */
  while ((item = g_async_queue_pop (job->audio)) != &end_marker)
    {
      if (item == &abandon_marker)
        {
          if (started)
            ps_end_utt (decoder->decoder);
          return;
        }

      if (started)
        {
          take_samples (item, samples, &carry, &has_carry);
          if (samples->len > 0)
            ps_process_raw (decoder->decoder, (const int16 *) (void *) samples->data, samples->len,
                            FALSE, FALSE);
        }
      g_bytes_unref (item);
    }

  if (started)
    {
      const char *hypothesis;
      int score;

      ps_end_utt (decoder->decoder);
      hypothesis = ps_get_hyp (decoder->decoder, &score);
      if (hypothesis != NULL && *hypothesis != '\0')
        job->text = g_strdup (hypothesis);
      else
        g_set_error_literal (&job->error, MADO_GATEWAY_ERROR, MADO_GATEWAY_ERROR_NO_SPEECH,
                             "The audio held no speech that matches a registered English phrase.");
    }
  else if (error != NULL)
    {
      job->error = g_steal_pointer (&error);
    }
  else
    {
      g_set_error_literal (&job->error, MADO_GATEWAY_ERROR, MADO_GATEWAY_ERROR_INTERNAL,
                           "pocketsphinx could not start an utterance.");
    }

  g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT, deliver_result,
                              job_ref (job), job_unref);
}

static void
run_job (gpointer data,
         gpointer user_data)
{
  MadoSphinxJob *job = data;
  MadoSphinxEngine *self = job->engine;
  GError *error = NULL;
  Decoder *decoder = acquire_decoder (self, &error);

  if (job->warm_up)
    {
      if (decoder != NULL && !ensure_grammar (self, decoder, job->index, &error))
        g_debug ("Recognition warm-up: %s", error->message);
      else if (decoder == NULL)
        g_warning ("Recognition warm-up: %s", error->message);
      g_clear_error (&error);
    }
  else
    {
      decode (job, decoder, error);
    }

  if (decoder != NULL)
    release_decoder (self, decoder);
  job_unref (job);
}

static MadoSphinxJob *
job_new (MadoSphinxEngine *self,
         MadoPhraseIndex  *index)
{
  MadoSphinxJob *job = g_new0 (MadoSphinxJob, 1);

  g_atomic_ref_count_init (&job->ref_count);
  job->engine = self;
  job->index = g_object_ref (index);
  job->audio = g_async_queue_new ();
  return job;
}

static gboolean
push_job (MadoSphinxEngine  *self,
          MadoSphinxJob     *job,
          GError           **error)
{
  g_autoptr(GError) thread_error = NULL;

  /* The pool has room for every decoder plus a warm-up and makes its threads on demand, so a
   * push fails only when the system cannot create a thread at all. */
  if (g_thread_pool_push (self->threads, job_ref (job), &thread_error))
    return TRUE;

  job_unref (job);
  g_set_error (error, MADO_GATEWAY_ERROR, MADO_GATEWAY_ERROR_INTERNAL,
               "Could not start a recognition thread: %s", thread_error->message);
  return FALSE;
}

MadoSphinxEngine *
mado_sphinx_engine_new (const char *acoustic_model,
                        const char *dictionary,
                        guint       max_decoders)
{
  MadoSphinxEngine *self;
  static gsize logging_quietened = 0;

  g_return_val_if_fail (acoustic_model != NULL && dictionary != NULL, NULL);
  g_return_val_if_fail (max_decoders > 0, NULL);

  /* pocketsphinx writes pages of model details to stderr on every load; the gateway reports
   * what matters itself. */
  if (g_once_init_enter (&logging_quietened))
    {
      err_set_logfp (NULL);
      g_once_init_leave (&logging_quietened, 1);
    }

  self = g_new0 (MadoSphinxEngine, 1);
  self->acoustic_model = g_strdup (acoustic_model);
  self->dictionary = g_strdup (dictionary);
  self->max_decoders = max_decoders;
  self->threads = g_thread_pool_new (run_job, self, (int) max_decoders + 1, FALSE, NULL);
  g_mutex_init (&self->lock);
  g_cond_init (&self->decoder_released);
  self->idle = g_ptr_array_new_with_free_func ((GDestroyNotify) decoder_free);
  return self;
}

void
mado_sphinx_engine_free (MadoSphinxEngine *self)
{
  if (self == NULL)
    return;

  g_thread_pool_free (self->threads, FALSE, TRUE);
  g_ptr_array_unref (self->idle);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->decoder_released);
  g_free (self->grammar);
  g_free (self->acoustic_model);
  g_free (self->dictionary);
  g_free (self);
}

gboolean
mado_sphinx_engine_is_installed (MadoSphinxEngine *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return g_file_test (self->acoustic_model, G_FILE_TEST_IS_DIR) &&
         g_file_test (self->dictionary, G_FILE_TEST_IS_REGULAR);
}

void
mado_sphinx_engine_warm_up (MadoSphinxEngine *self,
                            MadoPhraseIndex  *index)
{
  g_autoptr(GError) error = NULL;
  MadoSphinxJob *job;

  g_return_if_fail (self != NULL);
  g_return_if_fail (MADO_IS_PHRASE_INDEX (index));

  job = job_new (self, index);
  job->warm_up = TRUE;
  if (!push_job (self, job, &error))
    g_warning ("Recognition warm-up: %s", error->message);
  job_unref (job);
}

MadoSphinxJob *
mado_sphinx_engine_start (MadoSphinxEngine     *self,
                          MadoPhraseIndex      *index,
                          MadoSphinxResultFunc  result_func,
                          gpointer              user_data,
                          GError              **error)
{
  MadoSphinxJob *job;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (MADO_IS_PHRASE_INDEX (index), NULL);
  g_return_val_if_fail (result_func != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  job = job_new (self, index);
  job->context = g_main_context_ref_thread_default ();
  job->result_func = result_func;
  job->user_data = user_data;
  if (!push_job (self, job, error))
    {
      job_unref (job);
      return NULL;
    }
  return job;
}

void
mado_sphinx_job_feed (MadoSphinxJob *job,
                      GBytes        *audio)
{
  g_return_if_fail (job != NULL && audio != NULL);
  g_return_if_fail (!job->ended && !job->abandoned);

  g_async_queue_push (job->audio, g_bytes_ref (audio));
}

void
mado_sphinx_job_end (MadoSphinxJob *job)
{
  g_return_if_fail (job != NULL);
  g_return_if_fail (!job->ended && !job->abandoned);

  job->ended = TRUE;
  g_async_queue_push (job->audio, &end_marker);
}

void
mado_sphinx_job_abandon (MadoSphinxJob *job)
{
  g_return_if_fail (job != NULL);

  if (!job->ended)
    g_async_queue_push (job->audio, &abandon_marker);
  job->abandoned = TRUE;
  job_unref (job);
}

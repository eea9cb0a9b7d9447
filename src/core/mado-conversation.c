/* mado-conversation.c: the dialogue at the counter and the work behind each turn
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-conversation.h"

#include "mado-language.h"
#include "mado-recognition.h"

struct _MadoConversation
{
  GObject           parent_instance;

  GListStore       *turns;
  MadoSpeechClient *client;
  char             *resident_language;
  GCancellable     *cancellable;    /* everything in flight; replaced when the conversation is cleared */
  GHashTable       *recognitions;   /* MadoTurn → MadoRecognition, while audio is being streamed */
};

G_DEFINE_FINAL_TYPE (MadoConversation, mado_conversation, G_TYPE_OBJECT)

G_DEFINE_QUARK (mado-conversation-error-quark, mado_conversation_error)

/* What a callback needs to find its turn again; both are referenced for the request's lifetime. */
typedef struct {
  MadoConversation *self;
  MadoTurn         *turn;
} Pending;

static Pending *
pending_new (MadoConversation *self,
             MadoTurn         *turn)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->self = g_object_ref (self);
  pending->turn = g_object_ref (turn);
  return pending;
}

static void
pending_free (Pending *pending)
{
  g_object_unref (pending->self);
  g_object_unref (pending->turn);
  g_free (pending);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Pending, pending_free)

static void
mado_conversation_dispose (GObject *object)
{
  MadoConversation *self = MADO_CONVERSATION (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->recognitions, g_hash_table_unref);
  g_clear_object (&self->turns);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (mado_conversation_parent_class)->dispose (object);
}

static void
mado_conversation_finalize (GObject *object)
{
  MadoConversation *self = MADO_CONVERSATION (object);

  g_free (self->resident_language);

  G_OBJECT_CLASS (mado_conversation_parent_class)->finalize (object);
}

static void
mado_conversation_class_init (MadoConversationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mado_conversation_dispose;
  object_class->finalize = mado_conversation_finalize;
}

/* Dropping a recognition from the table cancels it, so its audio is never sent on. */
static void
cancel_recognition (gpointer recognition)
{
  mado_recognition_cancel (recognition);
  g_object_unref (recognition);
}

static void
mado_conversation_init (MadoConversation *self)
{
  self->turns = g_list_store_new (MADO_TYPE_TURN);
  self->cancellable = g_cancellable_new ();
  self->recognitions = g_hash_table_new_full (g_direct_hash, g_direct_equal, g_object_unref, cancel_recognition);
}

MadoConversation *
mado_conversation_new (const char *resident_language)
{
  MadoConversation *self = g_object_new (MADO_TYPE_CONVERSATION, NULL);

  mado_conversation_set_resident_language (self, resident_language);
  return self;
}

void
mado_conversation_set_client (MadoConversation *self,
                              MadoSpeechClient *client)
{
  g_return_if_fail (MADO_IS_CONVERSATION (self));
  g_return_if_fail (client == NULL || MADO_IS_SPEECH_CLIENT (client));

  g_set_object (&self->client, client);
}

/* Returns: (transfer none) (nullable): the speech client, once the gateway is there. */
MadoSpeechClient *
mado_conversation_get_client (MadoConversation *self)
{
  g_return_val_if_fail (MADO_IS_CONVERSATION (self), NULL);
  return self->client;
}

const char *
mado_conversation_get_resident_language (MadoConversation *self)
{
  g_return_val_if_fail (MADO_IS_CONVERSATION (self), NULL);
  return self->resident_language;
}

void
mado_conversation_set_resident_language (MadoConversation *self,
                                         const char       *language)
{
  const MadoLanguage *entry = mado_language_lookup (language);

  g_return_if_fail (MADO_IS_CONVERSATION (self));
  g_return_if_fail (entry != NULL && entry != mado_language_get_staff ());

  if (g_strcmp0 (self->resident_language, entry->code) == 0)
    return;

  mado_conversation_clear (self);
  g_free (self->resident_language);
  self->resident_language = g_strdup (entry->code);
}

/* Returns: (transfer none): the turns, oldest first. */
GListModel *
mado_conversation_get_turns (MadoConversation *self)
{
  g_return_val_if_fail (MADO_IS_CONVERSATION (self), NULL);
  return G_LIST_MODEL (self->turns);
}

static MadoTurn *
new_turn (MadoConversation *self,
          MadoSpeaker       speaker)
{
  MadoTurn *turn;

  if (speaker == MADO_SPEAKER_STAFF)
    turn = mado_turn_new (speaker, MADO_STAFF_LANGUAGE, self->resident_language);
  else
    turn = mado_turn_new (speaker, self->resident_language, MADO_STAFF_LANGUAGE);

  g_list_store_append (self->turns, turn);
  return turn;
}

static void
remove_turn (MadoConversation *self,
             MadoTurn         *turn)
{
  guint position;

  g_hash_table_remove (self->recognitions, turn);
  if (g_list_store_find (self->turns, turn, &position))
    g_list_store_remove (self->turns, position);
}

MadoTurn *
mado_conversation_say_phrase (MadoConversation  *self,
                              MadoPhrase        *phrase,
                              GError           **error)
{
  MadoSpeaker speaker;
  const char *staff_text;
  const char *resident_text;
  MadoTurn *turn;

  g_return_val_if_fail (MADO_IS_CONVERSATION (self), NULL);
  g_return_val_if_fail (MADO_IS_PHRASE (phrase), NULL);

  speaker = mado_phrase_get_speaker (phrase);
  staff_text = mado_phrase_get_text (phrase, MADO_STAFF_LANGUAGE);
  resident_text = mado_phrase_get_text (phrase, self->resident_language);
  if (staff_text == NULL || resident_text == NULL)
    {
      g_set_error (error, MADO_CONVERSATION_ERROR, MADO_CONVERSATION_ERROR_NO_TRANSLATION,
                   "Phrase %s has no text in %s", mado_phrase_get_id (phrase),
                   staff_text == NULL ? MADO_STAFF_LANGUAGE : self->resident_language);
      return NULL;
    }

  turn = new_turn (self, speaker);
  mado_turn_set_sent_at (turn, g_get_monotonic_time ());
  if (speaker == MADO_SPEAKER_STAFF)
    {
      mado_turn_set_source_text (turn, staff_text);
      mado_turn_complete (turn, resident_text, staff_text, "phrase-book", TRUE, mado_phrase_get_id (phrase));
    }
  else
    {
      mado_turn_set_source_text (turn, resident_text);
      mado_turn_complete (turn, staff_text, resident_text, "phrase-book", TRUE, mado_phrase_get_id (phrase));
    }

  g_object_unref (turn);
  return turn;
}

static void
on_translated (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Pending) pending = user_data;
  g_autoptr(MadoTranslation) translation = NULL;
  g_autoptr(GError) error = NULL;

  translation = mado_speech_client_translate_finish (MADO_SPEECH_CLIENT (source), result, &error);
  if (translation == NULL)
    {
      /* A cancelled request belongs to a cleared conversation: its turn is gone already. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        mado_turn_fail (pending->turn, error);
      return;
    }

  mado_turn_add_gateway_ms (pending->turn, translation->gateway_ms);
  mado_turn_complete (pending->turn, translation->translation, translation->back_translation,
                      translation->provider, translation->verified, translation->phrase_id);
}

static void
translate (MadoConversation *self,
           MadoTurn         *turn)
{
  mado_turn_set_state (turn, MADO_TURN_TRANSLATING);

  if (self->client == NULL)
    {
      g_autoptr(GError) error = g_error_new_literal (MADO_CONVERSATION_ERROR, MADO_CONVERSATION_ERROR_NO_GATEWAY,
                                                     "No speech service is connected");

      mado_turn_fail (turn, error);
      return;
    }

  mado_speech_client_translate_async (self->client, mado_turn_get_source_text (turn),
                                      mado_turn_get_source_language (turn), mado_turn_get_target_language (turn),
                                      TRUE, self->cancellable, on_translated, pending_new (self, turn));
}

MadoTurn *
mado_conversation_say_text (MadoConversation *self,
                            MadoSpeaker       speaker,
                            const char       *text)
{
  g_autofree char *trimmed = NULL;
  MadoTurn *turn;

  g_return_val_if_fail (MADO_IS_CONVERSATION (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  trimmed = g_strstrip (g_strdup (text));
  if (*trimmed == '\0')
    return NULL;

  turn = new_turn (self, speaker);
  mado_turn_set_source_text (turn, trimmed);
  mado_turn_set_sent_at (turn, g_get_monotonic_time ());
  translate (self, turn);

  g_object_unref (turn);
  return turn;
}

MadoTurn *
mado_conversation_begin_speech (MadoConversation *self,
                                MadoSpeaker       speaker)
{
  MadoTurn *turn;

  g_return_val_if_fail (MADO_IS_CONVERSATION (self), NULL);

  turn = new_turn (self, speaker);
  if (self->client == NULL)
    {
      g_autoptr(GError) error = g_error_new_literal (MADO_CONVERSATION_ERROR, MADO_CONVERSATION_ERROR_NO_GATEWAY,
                                                     "No speech service is connected");

      mado_turn_fail (turn, error);
    }
  else
    {
      g_hash_table_insert (self->recognitions, g_object_ref (turn),
                           mado_speech_client_begin_recognition (self->client, mado_turn_get_source_language (turn)));
    }

  g_object_unref (turn);
  return turn;
}

gboolean
mado_conversation_push_audio (MadoConversation *self,
                              MadoTurn         *turn,
                              const gint16     *samples,
                              gsize             n_samples)
{
  MadoRecognition *recognition;

  g_return_val_if_fail (MADO_IS_CONVERSATION (self), FALSE);
  g_return_val_if_fail (MADO_IS_TURN (turn), FALSE);

  recognition = g_hash_table_lookup (self->recognitions, turn);
  return recognition != NULL && mado_recognition_push_audio (recognition, samples, n_samples);
}

static void
on_recognised (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Pending) pending = user_data;
  g_autoptr(MadoTranscript) transcript = NULL;
  g_autoptr(GError) error = NULL;

  transcript = mado_recognition_end_finish (MADO_RECOGNITION (source), result, &error);
  g_hash_table_remove (pending->self->recognitions, pending->turn);

  if (transcript == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        mado_turn_fail (pending->turn, error);
      return;
    }

  mado_turn_add_gateway_ms (pending->turn, transcript->gateway_ms);
  mado_turn_set_source_text (pending->turn, transcript->text);
  mado_turn_set_state (pending->turn, MADO_TURN_REVIEW);
}

void
mado_conversation_end_speech (MadoConversation *self,
                              MadoTurn         *turn)
{
  MadoRecognition *recognition;

  g_return_if_fail (MADO_IS_CONVERSATION (self));
  g_return_if_fail (MADO_IS_TURN (turn));

  recognition = g_hash_table_lookup (self->recognitions, turn);
  if (recognition == NULL || mado_turn_get_state (turn) != MADO_TURN_LISTENING)
    return;

  mado_turn_set_sent_at (turn, g_get_monotonic_time ());
  mado_turn_set_state (turn, MADO_TURN_RECOGNISING);
  mado_recognition_end_async (recognition, self->cancellable, on_recognised, pending_new (self, turn));
}

void
mado_conversation_confirm (MadoConversation *self,
                           MadoTurn         *turn,
                           const char       *text)
{
  g_autofree char *trimmed = NULL;

  g_return_if_fail (MADO_IS_CONVERSATION (self));
  g_return_if_fail (MADO_IS_TURN (turn));
  g_return_if_fail (text != NULL);

  if (mado_turn_get_state (turn) != MADO_TURN_REVIEW)
    return;

  trimmed = g_strstrip (g_strdup (text));
  if (*trimmed == '\0')
    {
      remove_turn (self, turn);
      return;
    }

  mado_turn_set_source_text (turn, trimmed);
  mado_turn_set_sent_at (turn, g_get_monotonic_time ());
  translate (self, turn);
}

void
mado_conversation_fail_speech (MadoConversation *self,
                               MadoTurn         *turn,
                               const GError     *error)
{
  g_return_if_fail (MADO_IS_CONVERSATION (self));
  g_return_if_fail (MADO_IS_TURN (turn));
  g_return_if_fail (error != NULL);

  /* Removing the recognition cancels it, so the partial audio goes nowhere. */
  g_hash_table_remove (self->recognitions, turn);
  mado_turn_fail (turn, error);
}

void
mado_conversation_discard (MadoConversation *self,
                           MadoTurn         *turn)
{
  g_return_if_fail (MADO_IS_CONVERSATION (self));
  g_return_if_fail (MADO_IS_TURN (turn));

  remove_turn (self, turn);
}

/* A turn whose recognition failed holds no text and no audio (audio is never kept), so there is
 * nothing to send again: it is removed, and the speaker simply speaks again. */
void
mado_conversation_retry (MadoConversation *self,
                         MadoTurn         *turn)
{
  const char *text;

  g_return_if_fail (MADO_IS_CONVERSATION (self));
  g_return_if_fail (MADO_IS_TURN (turn));

  if (mado_turn_get_state (turn) != MADO_TURN_FAILED)
    return;

  text = mado_turn_get_source_text (turn);
  if (text == NULL || *text == '\0')
    {
      remove_turn (self, turn);
      return;
    }

  mado_turn_set_sent_at (turn, g_get_monotonic_time ());
  translate (self, turn);
}

void
mado_conversation_clear (MadoConversation *self)
{
  g_return_if_fail (MADO_IS_CONVERSATION (self));

  g_cancellable_cancel (self->cancellable);
  g_object_unref (self->cancellable);
  self->cancellable = g_cancellable_new ();

  g_hash_table_remove_all (self->recognitions);
  g_list_store_remove_all (self->turns);
}

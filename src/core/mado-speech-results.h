/* mado-speech-results.h: the answers of the Madoguchi Speech API (translation, transcript)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define MADO_TYPE_TRANSLATION (mado_translation_get_type ())
#define MADO_TYPE_TRANSCRIPT  (mado_transcript_get_type ())

/* Read-only once returned, and shared by reference between the conversation model, its
 * bubbles and the usage log, so the fields are plain and public. Times are milliseconds. */
typedef struct {
  char     *translation;
  char     *back_translation;  /* NULL when not asked for, or the gateway had none */
  char     *source;
  char     *target;
  char     *provider;          /* "phrase-memory", "apertium", … */
  gboolean  verified;          /* a registered phrase checked by people, not machine output */
  char     *phrase_id;         /* the registered phrase, or NULL */
  double    score;             /* match score of a registered phrase, 1.0 exact; 0 when none */
  double    gateway_ms;        /* time inside the gateway */
  double    provider_ms;       /* time inside the provider; 0 when none was used */
  double    total_ms;          /* the client's own: request sent to answer parsed, retries included */
  char     *request_id;        /* X-Request-Id, for the gateway's log */
} MadoTranslation;

typedef struct {
  char     *text;
  char     *language;
  char     *provider;
  double    confidence;        /* 0–1 */
  double    audio_ms;          /* length of the audio the gateway heard */
  double    gateway_ms;
  double    provider_ms;
  double    total_ms;          /* the client's own: end of audio to answer parsed */
  char     *request_id;
} MadoTranscript;

GType            mado_translation_get_type      (void) G_GNUC_CONST;
MadoTranslation *mado_translation_new_from_json (JsonNode         *root,
                                                 GError          **error);
MadoTranslation *mado_translation_ref           (MadoTranslation  *self);
void             mado_translation_unref         (MadoTranslation  *self);

GType            mado_transcript_get_type       (void) G_GNUC_CONST;
MadoTranscript  *mado_transcript_new_from_json  (JsonNode         *root,
                                                 GError          **error);
MadoTranscript  *mado_transcript_ref            (MadoTranscript   *self);
void             mado_transcript_unref          (MadoTranscript   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoTranslation, mado_translation_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoTranscript, mado_transcript_unref)

G_END_DECLS

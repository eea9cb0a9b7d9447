/* mado-transcription-provider-private.h: what the two halves of MadoTranscriptionProvider share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mado-language-codes.h"
#include "mado-provider-http.h"
#include "mado-transcription-provider.h"

G_BEGIN_DECLS

struct _MadoTranscriptionProvider
{
  GObject                   parent_instance;
  MadoTranscriptionFlavour  flavour;
  MadoProviderHttp         *http;
  char                     *key;                  /* %NULL for a server without one */
  char                     *path;                 /* where transcription is, relative to the URL */
  char                     *model;                /* OpenAI's model; %NULL for whisper.cpp */
  char                     *prompt;               /* text to steer the spelling, or %NULL */
  double                    no_speech_threshold;  /* whisper.cpp only */
  MadoLanguageCodes        *codes;
  MadoTranscriptGuard      *guard;
};

/* mado-transcription-reply.c: the service's answer as a transcript, or as the API's error. */
MadoRecognition *mado_transcription_provider_read_reply (MadoTranscriptionProvider  *self,
                                                         MadoProviderReply          *reply,
                                                         GError                    **error);

G_END_DECLS

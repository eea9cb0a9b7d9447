/* mado-synthesizer.h: the speech-synthesis seam (local engines now, the gateway later)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mado-audio-buffer.h"

G_BEGIN_DECLS

#define MADO_SPEECH_ERROR (mado_speech_error_quark ())

typedef enum {
  MADO_SPEECH_ERROR_NO_VOICE,        /* the language has no installed voice */
  MADO_SPEECH_ERROR_ENGINE_MISSING,  /* the engine's program or data is not installed */
  MADO_SPEECH_ERROR_ENGINE_FAILED,   /* the engine ran and failed; the message says how */
  MADO_SPEECH_ERROR_EMPTY_TEXT,
  MADO_SPEECH_ERROR_TOO_LONG,
} MadoSpeechError;

GQuark mado_speech_error_quark (void);

#define MADO_TYPE_SYNTHESIZER (mado_synthesizer_get_type ())
G_DECLARE_INTERFACE (MadoSynthesizer, mado_synthesizer, MADO, SYNTHESIZER, GObject)

struct _MadoSynthesizerInterface
{
  GTypeInterface parent_iface;

  gboolean         (*can_speak)         (MadoSynthesizer      *self,
                                         const char           *language);
  void             (*synthesize_async)  (MadoSynthesizer      *self,
                                         const char           *text,
                                         const char           *language,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
  MadoAudioBuffer *(*synthesize_finish) (MadoSynthesizer      *self,
                                         GAsyncResult         *result,
                                         GError              **error);
};

gboolean         mado_synthesizer_can_speak         (MadoSynthesizer      *self,
                                                     const char           *language);
void             mado_synthesizer_synthesize_async  (MadoSynthesizer      *self,
                                                     const char           *text,
                                                     const char           *language,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
MadoAudioBuffer *mado_synthesizer_synthesize_finish (MadoSynthesizer      *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
/* A synthesis fails in MADO_SPEECH_ERROR, with G_IO_ERROR_CANCELLED, or (for a synthesizer
 * that speaks through the speech gateway) in MADO_SPEECH_API_ERROR. */

/* Blocking convenience for tools and tests; never call it on the UI thread. */
MadoAudioBuffer *mado_synthesizer_synthesize        (MadoSynthesizer      *self,
                                                     const char           *text,
                                                     const char           *language,
                                                     GCancellable         *cancellable,
                                                     GError              **error);

G_END_DECLS

/* mado-speech-capabilities.h: what a speech gateway can do, from GET /v1/capabilities
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define MADO_TYPE_SPEECH_CAPABILITIES (mado_speech_capabilities_get_type ())
G_DECLARE_FINAL_TYPE (MadoSpeechCapabilities, mado_speech_capabilities, MADO, SPEECH_CAPABILITIES, GObject)

/* Fails with MADO_SPEECH_API_ERROR_BAD_RESPONSE when @root is not the documented shape. */
MadoSpeechCapabilities *mado_speech_capabilities_new_from_json         (JsonNode               *root,
                                                                        GError                **error);

/* Language tags are compared without regard to ASCII case, as the API does. */
gboolean                mado_speech_capabilities_can_recognize         (MadoSpeechCapabilities *self,
                                                                        const char             *language);
gboolean                mado_speech_capabilities_is_recognition_constrained (MadoSpeechCapabilities *self,
                                                                        const char             *language);
gboolean                mado_speech_capabilities_can_translate         (MadoSpeechCapabilities *self,
                                                                        const char             *source,
                                                                        const char             *target);
gboolean                mado_speech_capabilities_can_synthesize        (MadoSpeechCapabilities *self,
                                                                        const char             *language);

/* The tags as the gateway spelled them, each once, in the gateway's order. */
GStrv                   mado_speech_capabilities_dup_recognize_languages  (MadoSpeechCapabilities *self);
GStrv                   mado_speech_capabilities_dup_translation_targets  (MadoSpeechCapabilities *self,
                                                                           const char             *source);
GStrv                   mado_speech_capabilities_dup_synthesize_languages (MadoSpeechCapabilities *self);

guint                   mado_speech_capabilities_get_api_version       (MadoSpeechCapabilities *self);
guint                   mado_speech_capabilities_get_max_text_chars    (MadoSpeechCapabilities *self);
guint                   mado_speech_capabilities_get_max_audio_seconds (MadoSpeechCapabilities *self);
guint                   mado_speech_capabilities_get_max_json_bytes    (MadoSpeechCapabilities *self);

G_END_DECLS

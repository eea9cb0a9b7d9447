/* mado-audio-buffer.h: mono 16-bit PCM held in memory (audio never goes to disk)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define MADO_TYPE_AUDIO_BUFFER (mado_audio_buffer_get_type ())

typedef struct _MadoAudioBuffer MadoAudioBuffer;

GType            mado_audio_buffer_get_type     (void) G_GNUC_CONST;
MadoAudioBuffer *mado_audio_buffer_new          (guint             sample_rate);
MadoAudioBuffer *mado_audio_buffer_new_take     (guint             sample_rate,
                                                 gint16           *samples,
                                                 gsize             n_samples);
MadoAudioBuffer *mado_audio_buffer_ref          (MadoAudioBuffer  *self);
void             mado_audio_buffer_unref        (MadoAudioBuffer  *self);
void             mado_audio_buffer_append       (MadoAudioBuffer  *self,
                                                 const gint16     *samples,
                                                 gsize             n_samples);
const gint16    *mado_audio_buffer_get_samples  (MadoAudioBuffer  *self,
                                                 gsize            *n_samples);
gsize            mado_audio_buffer_get_length   (MadoAudioBuffer  *self);
guint            mado_audio_buffer_get_rate     (MadoAudioBuffer  *self);
double           mado_audio_buffer_get_duration (MadoAudioBuffer  *self);
double           mado_audio_buffer_get_rms      (MadoAudioBuffer  *self);
MadoAudioBuffer *mado_audio_buffer_resample     (MadoAudioBuffer  *self,
                                                 guint             sample_rate);
/* Parses a RIFF/WAVE image in memory (PCM 16-bit, mono or stereo mixed down). */
MadoAudioBuffer *mado_audio_buffer_new_from_wav (const guint8     *data,
                                                 gsize             length,
                                                 GError          **error);
GBytes          *mado_audio_buffer_to_wav       (MadoAudioBuffer  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoAudioBuffer, mado_audio_buffer_unref)

G_END_DECLS

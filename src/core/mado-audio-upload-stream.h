/* mado-audio-upload-stream.h: a request body fed with audio while the person still speaks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MADO_TYPE_AUDIO_UPLOAD_STREAM (mado_audio_upload_stream_get_type ())
G_DECLARE_FINAL_TYPE (MadoAudioUploadStream, mado_audio_upload_stream, MADO, AUDIO_UPLOAD_STREAM, GInputStream)

/* The stream belongs to the thread-default main context it is created in: its asynchronous
 * reads complete there. Writing (push, end) is allowed from any thread. It holds at most
 * @limit bytes over its whole life; a push past that is refused and remembered. */
MadoAudioUploadStream *mado_audio_upload_stream_new           (gsize                  limit);
gboolean               mado_audio_upload_stream_push          (MadoAudioUploadStream *self,
                                                               const guint8          *data,
                                                               gsize                  length);
void                   mado_audio_upload_stream_end           (MadoAudioUploadStream *self);
gboolean               mado_audio_upload_stream_has_overflowed (MadoAudioUploadStream *self);
gsize                  mado_audio_upload_stream_get_pushed    (MadoAudioUploadStream *self);

G_END_DECLS

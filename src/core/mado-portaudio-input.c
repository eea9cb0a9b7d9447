/* mado-portaudio-input.c: microphone capture through PortAudio
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-portaudio-input.h"

#include "mado-portaudio-capture.h"
#include "mado-portaudio-runtime.h"

/* How far the main context may fall behind before the capture thread waits for it: a second
 * of sound. On a real microphone the device's own buffer then overflows and that sound is
 * lost (PortAudio reports an overflow, and capture goes on); memory never grows without end.
 * A device that is not paced in real time (ALSA's file plugin in the tests) is simply held
 * back, so nothing it delivers is lost. */
#define MAX_QUEUED_BLOCKS 50

/* What the capture thread tells the main context, in order. */
typedef enum {
  EVENT_OPENED,
  EVENT_BLOCK,
  EVENT_FAILED,
} EventKind;

typedef struct {
  EventKind        kind;
  guint            device_rate;
  MadoAudioBuffer *block;
  GError          *error;
} Event;

static void
event_free (Event *event)
{
  g_clear_pointer (&event->block, mado_audio_buffer_unref);
  g_clear_error (&event->error);
  g_free (event);
}

/* One capture, from start to stop, shared between the capture thread and the main context.
 * The thread only touches the fields under @lock and the immutable ones; the main context
 * owns @owner, @start_task and @thread. */
typedef struct {
  gatomicrefcount     ref_count;

  char               *device_name;
  GMainContext       *context;

  GMutex              lock;
  GCond               changed;
  GQueue              events;
  guint               queued_blocks;
  gboolean            dispatch_scheduled;
  gboolean            opening_acknowledged;
  gboolean            stopping;

  MadoPortaudioInput *owner;
  GTask              *start_task;
  GThread            *thread;
  /* The thread of the capture before this one, joined (off the main context) before the
   * device is opened again, so the two never hold the device at once. */
  GThread            *previous_thread;
} Capture;

struct _MadoPortaudioInput
{
  GObject   parent_instance;

  char     *device_name;
  guint     device_rate;
  Capture  *capture;
  GThread  *closing_thread;
};

static void mado_portaudio_input_audio_input_init (MadoAudioInputInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MadoPortaudioInput, mado_portaudio_input, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MADO_TYPE_AUDIO_INPUT, mado_portaudio_input_audio_input_init))

enum {
  PROP_0,
  PROP_DEVICE_NAME,
  PROP_DEVICE_RATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static Capture *
capture_new (const char   *device_name,
             GMainContext *context)
{
  Capture *capture = g_new0 (Capture, 1);

  g_atomic_ref_count_init (&capture->ref_count);
  capture->device_name = g_strdup (device_name);
  capture->context = g_main_context_ref (context);
  g_mutex_init (&capture->lock);
  g_cond_init (&capture->changed);
  g_queue_init (&capture->events);

  return capture;
}

static Capture *
capture_ref (Capture *capture)
{
  g_atomic_ref_count_inc (&capture->ref_count);

  return capture;
}

static void
capture_unref (Capture *capture)
{
  if (!g_atomic_ref_count_dec (&capture->ref_count))
    return;

  /* Both threads have let go: the capture thread has ended and the main context has stopped
   * or lost the capture, so the task and thread handles are gone already. */
  g_assert (capture->start_task == NULL);
  g_assert (capture->thread == NULL);
  g_assert (capture->previous_thread == NULL);

  g_queue_clear_full (&capture->events, (GDestroyNotify) event_free);
  g_cond_clear (&capture->changed);
  g_mutex_clear (&capture->lock);
  g_main_context_unref (capture->context);
  g_free (capture->device_name);
  g_free (capture);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Capture, capture_unref)

static gboolean dispatch_events (gpointer user_data);

/* Called with the lock held. One idle source at a time carries everything queued so far, so
 * a burst of blocks costs one wake-up of the main context, not one each. */
static void
schedule_dispatch_locked (Capture *capture)
{
  g_autoptr(GSource) source = NULL;

  if (capture->dispatch_scheduled)
    return;

  capture->dispatch_scheduled = TRUE;
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, dispatch_events, capture_ref (capture), (GDestroyNotify) capture_unref);
  g_source_set_static_name (source, "[madoguchi] microphone blocks");
  g_source_attach (source, capture->context);
}

/* Capture thread: hands an event to the main context. Blocks wait while the main context is
 * MAX_QUEUED_BLOCKS behind. Returns FALSE when the capture is being stopped. */
static gboolean
post_event (Capture *capture,
            Event   *event)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&capture->lock);

  while (event->kind == EVENT_BLOCK && capture->queued_blocks >= MAX_QUEUED_BLOCKS && !capture->stopping)
    g_cond_wait (&capture->changed, &capture->lock);

  if (capture->stopping)
    {
      event_free (event);
      return FALSE;
    }

  if (event->kind == EVENT_BLOCK)
    capture->queued_blocks++;
  g_queue_push_tail (&capture->events, event);
  schedule_dispatch_locked (capture);

  return TRUE;
}

static void
post_failure (Capture *capture,
              GError  *error)
{
  Event *event = g_new0 (Event, 1);

  event->kind = EVENT_FAILED;
  event->error = error;
  post_event (capture, event);
}

/* Capture thread: after announcing that the device is open, waits until the main context has
 * handled that, so the start callback is always dispatched before the first ::block. */
static gboolean
post_opened (Capture *capture,
             guint    device_rate)
{
  Event *event = g_new0 (Event, 1);
  g_autoptr(GMutexLocker) locker = NULL;

  event->kind = EVENT_OPENED;
  event->device_rate = device_rate;
  if (!post_event (capture, event))
    return FALSE;

  locker = g_mutex_locker_new (&capture->lock);
  while (!capture->opening_acknowledged && !capture->stopping)
    g_cond_wait (&capture->changed, &capture->lock);

  return !capture->stopping;
}

static gboolean
is_stopping (Capture *capture)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&capture->lock);

  return capture->stopping;
}

static gboolean
on_opened (guint    device_rate,
           gpointer user_data)
{
  return post_opened (user_data, device_rate);
}

static gboolean
on_block (MadoAudioBuffer *block,
          gpointer         user_data)
{
  Event *event = g_new0 (Event, 1);

  event->kind = EVENT_BLOCK;
  event->block = block;
  return post_event (user_data, event);
}

static gpointer
capture_thread (gpointer user_data)
{
  static const MadoPortaudioCaptureCallbacks callbacks = { on_opened, on_block };
  g_autoptr(Capture) capture = user_data;
  g_autoptr(GError) error = NULL;
  GThread *previous;

  g_mutex_lock (&capture->lock);
  previous = g_steal_pointer (&capture->previous_thread);
  g_mutex_unlock (&capture->lock);
  if (previous != NULL)
    g_thread_join (previous);

  if (!is_stopping (capture) && !mado_portaudio_capture_run (capture->device_name, &callbacks, capture, &error))
    post_failure (capture, g_steal_pointer (&error));

  return NULL;
}

/* Main context: forgets the capture. Its thread finishes on its own, and the next capture
 * joins it before opening the device. */
static void
detach_capture (MadoPortaudioInput *self)
{
  Capture *capture = g_steal_pointer (&self->capture);

  if (capture == NULL)
    return;

  g_mutex_lock (&capture->lock);
  capture->stopping = TRUE;
  g_cond_broadcast (&capture->changed);
  g_mutex_unlock (&capture->lock);

  capture->owner = NULL;
  g_clear_pointer (&self->closing_thread, g_thread_unref);
  self->closing_thread = g_steal_pointer (&capture->thread);

  if (self->device_rate != 0)
    {
      self->device_rate = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEVICE_RATE]);
    }

  capture_unref (capture);
}

static void
handle_event (Capture *capture,
              Event   *event)
{
  MadoPortaudioInput *self = capture->owner;
  g_autoptr(GTask) task = g_steal_pointer (&capture->start_task);

  switch (event->kind)
    {
    case EVENT_OPENED:
      g_assert (task != NULL);
      g_mutex_lock (&capture->lock);
      capture->opening_acknowledged = TRUE;
      g_cond_broadcast (&capture->changed);
      g_mutex_unlock (&capture->lock);

      if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
        {
          detach_capture (self);
          g_task_return_error_if_cancelled (task);
          return;
        }

      self->device_rate = event->device_rate;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEVICE_RATE]);
      g_task_return_boolean (task, TRUE);
      break;

    case EVENT_BLOCK:
      g_assert (task == NULL);
      mado_audio_input_emit_block (MADO_AUDIO_INPUT (self), event->block);
      break;

    case EVENT_FAILED:
      detach_capture (self);
      /* Before the device was open, the failure is the start's result; afterwards it is news. */
      if (task != NULL)
        g_task_return_error (task, g_steal_pointer (&event->error));
      else
        mado_audio_input_emit_failed (MADO_AUDIO_INPUT (self), event->error);
      break;

    default:
      g_assert_not_reached ();
    }
}

/* Main context: emits what the thread has queued since the last time. Only the events queued
 * when this starts are handled, so a device that delivers faster than real time (a file)
 * cannot keep the main context from running anything else. */
static gboolean
dispatch_events (gpointer user_data)
{
  Capture *capture = user_data;
  GQueue batch = G_QUEUE_INIT;
  Event *event;

  g_mutex_lock (&capture->lock);
  batch = capture->events;
  g_queue_init (&capture->events);
  capture->queued_blocks = 0;
  capture->dispatch_scheduled = FALSE;
  g_cond_broadcast (&capture->changed);
  g_mutex_unlock (&capture->lock);

  while ((event = g_queue_pop_head (&batch)) != NULL)
    {
      /* Handlers may stop the input, or drop the last reference to it. */
      g_autoptr(GObject) owner = capture->owner != NULL ? g_object_ref (G_OBJECT (capture->owner)) : NULL;

      if (owner != NULL)
        handle_event (capture, event);
      event_free (event);
    }

  return G_SOURCE_REMOVE;
}

static void
mado_portaudio_input_start_async (MadoAudioInput      *input,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  MadoPortaudioInput *self = MADO_PORTAUDIO_INPUT (input);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Capture *capture;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mado_portaudio_input_start_async);

  if (self->capture != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               "The input device “%s” is already capturing",
                               self->device_name != NULL && *self->device_name != '\0' ? self->device_name : "default");
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  capture = capture_new (self->device_name, g_task_get_context (task));
  capture->owner = self;
  capture->previous_thread = g_steal_pointer (&self->closing_thread);
  capture->thread = g_thread_try_new ("madoguchi-microphone", capture_thread, capture_ref (capture), &error);
  if (capture->thread == NULL)
    {
      /* The thread never ran: take back its reference and the one kept here. */
      self->closing_thread = g_steal_pointer (&capture->previous_thread);
      capture_unref (capture);
      capture_unref (capture);
      g_task_return_new_error (task, MADO_AUDIO_ERROR, MADO_AUDIO_ERROR_BACKEND,
                               "Could not start a thread for the microphone: %s", error->message);
      return;
    }

  capture->start_task = g_steal_pointer (&task);
  self->capture = capture;
}

static gboolean
mado_portaudio_input_start_finish (MadoAudioInput  *input,
                                   GAsyncResult    *result,
                                   GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, input), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mado_portaudio_input_start_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
mado_portaudio_input_stop (MadoAudioInput *input)
{
  MadoPortaudioInput *self = MADO_PORTAUDIO_INPUT (input);
  g_autoptr(GTask) task = NULL;

  if (self->capture == NULL)
    return;

  task = g_steal_pointer (&self->capture->start_task);
  detach_capture (self);

  if (task != NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             "The microphone was stopped before it was open");
}

static void
mado_portaudio_input_audio_input_init (MadoAudioInputInterface *iface)
{
  iface->start_async = mado_portaudio_input_start_async;
  iface->start_finish = mado_portaudio_input_start_finish;
  iface->stop = mado_portaudio_input_stop;
}

static void
mado_portaudio_input_dispose (GObject *object)
{
  MadoPortaudioInput *self = MADO_PORTAUDIO_INPUT (object);

  mado_portaudio_input_stop (MADO_AUDIO_INPUT (self));

  G_OBJECT_CLASS (mado_portaudio_input_parent_class)->dispose (object);
}

static void
mado_portaudio_input_finalize (GObject *object)
{
  MadoPortaudioInput *self = MADO_PORTAUDIO_INPUT (object);

  /* A thread still closing its device is left to finish on its own. */
  g_clear_pointer (&self->closing_thread, g_thread_unref);
  g_free (self->device_name);

  G_OBJECT_CLASS (mado_portaudio_input_parent_class)->finalize (object);
}

static void
mado_portaudio_input_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  MadoPortaudioInput *self = MADO_PORTAUDIO_INPUT (object);

  switch (prop_id)
    {
    case PROP_DEVICE_NAME:
      g_value_set_string (value, self->device_name);
      break;
    case PROP_DEVICE_RATE:
      g_value_set_uint (value, self->device_rate);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mado_portaudio_input_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  MadoPortaudioInput *self = MADO_PORTAUDIO_INPUT (object);

  switch (prop_id)
    {
    case PROP_DEVICE_NAME:
      /* Construct-only: set exactly once. "" and NULL both mean the default device. */
      self->device_name = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mado_portaudio_input_class_init (MadoPortaudioInputClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mado_portaudio_input_dispose;
  object_class->finalize = mado_portaudio_input_finalize;
  object_class->get_property = mado_portaudio_input_get_property;
  object_class->set_property = mado_portaudio_input_set_property;

  properties[PROP_DEVICE_NAME] =
    g_param_spec_string ("device-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEVICE_RATE] =
    g_param_spec_uint ("device-rate", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mado_portaudio_input_init (MadoPortaudioInput *self)
{
}

/**
 * mado_portaudio_input_new:
 * @device_name: (nullable): a PortAudio device name, or a part of it only one device has;
 *   %NULL or "" for the default input device
 *
 * The device is looked up at each start, so a microphone plugged in later is found.
 *
 * Returns: (transfer full): a new input.
 */
MadoPortaudioInput *
mado_portaudio_input_new (const char *device_name)
{
  return g_object_new (MADO_TYPE_PORTAUDIO_INPUT, "device-name", device_name, NULL);
}

/**
 * mado_portaudio_input_get_device_name:
 *
 * Returns: (nullable): the name given at construction; %NULL or "" for the default device.
 */
const char *
mado_portaudio_input_get_device_name (MadoPortaudioInput *self)
{
  g_return_val_if_fail (MADO_IS_PORTAUDIO_INPUT (self), NULL);

  return self->device_name;
}

guint
mado_portaudio_input_get_device_rate (MadoPortaudioInput *self)
{
  g_return_val_if_fail (MADO_IS_PORTAUDIO_INPUT (self), 0);

  return self->device_rate;
}

/**
 * mado_portaudio_list_input_devices:
 * @error: set when PortAudio cannot start
 *
 * Blocks while PortAudio probes the devices (typically tens of milliseconds); call it from a
 * worker thread or a settings page, not while the UI is animating.
 *
 * Returns: (transfer full): the names of the ALSA input devices, possibly none.
 */
GStrv
mado_portaudio_list_input_devices (GError **error)
{
  GStrv names;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!mado_portaudio_runtime_acquire (error))
    return NULL;
  names = mado_portaudio_runtime_list_devices (FALSE);
  mado_portaudio_runtime_release ();

  return names;
}

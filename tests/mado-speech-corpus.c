/* mado-speech-corpus.c: labelled speech and noise, synthesised in memory for the detector's tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-speech-corpus.h"

#include "mado-local-synthesizer.h"

#include <math.h>
#include <string.h>

#define EXTENT_FRAME          80    /* 5 ms */
#define EXTENT_RANGE          0.01  /* 40 dB below the loudest frame */
#define SPECK_FRAMES          6     /* 30 ms */
#define SPECK_DISTANCE_FRAMES 20    /* 100 ms */
#define TRAILING_MS       3000
#define NOISE_ONLY_MS     6000
#define BABBLE_SECONDS    15
/* A quiet room: a few units of hiss, about what a good microphone gives in silence. */
#define QUIET_ROOM_DBFS   -75.0

/* Each utterance is a few phrases with the pauses a speaker leaves between them: all shorter
 * than the detector's end-silence, so none of them may end the utterance. */
typedef struct {
  const char *language;
  const char *phrases[4];
  guint       pauses_ms[3];
} Utterance;

static const Utterance utterances[] = {
  { "en", { "Good morning", "I would like to register my new address" }, { 180 } },
  { "en", { "Where can I get a copy of my residence certificate", "and how much does it cost" }, { 250 } },
  { "en", { "Thank you very much" }, { 0 } },
  { "vi", { "Xin chào", "tôi muốn đăng ký địa chỉ mới" }, { 200 } },
  { "vi", { "Con tôi bị dị ứng với trứng", "xin cho tôi biết về bữa trưa ở trường" }, { 120 } },
  { "ko", { "안녕하세요", "주민등록 서류를 받고 싶어요" }, { 250 } },
  { "ko", { "지하철역은 어디에 있어요", "출구 번호를 알려 주세요" }, { 150 } },
  { "th", { "สวัสดีครับ", "ผมต้องการแจ้งย้ายที่อยู่" }, { 200 } },
  { "th", { "ห้องน้ำอยู่ที่ไหนครับ" }, { 0 } },
  { "es", { "Buenos días", "quiero solicitar el certificado de residencia" }, { 250 } },
  { "es", { "Perdí mi bolso en el tren", "era de color azul", "y tenía mi pasaporte dentro" }, { 150, 220 } },
  { "ja", { "こんにちは", "転入届を出したいです" }, { 200 } },
  { "ja", { "この書類に名前と住所を書いてください" }, { 0 } },
  { "ja", { "電車の中に傘を忘れました", "青い傘です" }, { 250 } },
};

/* Speech levels (RMS over the speech) a kiosk microphone sees: a loud, a normal and a quiet
 * speaker. */
static const double speech_levels_dbfs[] = { -20.0, -28.0, -36.0 };
static const guint leading_silences_ms[] = { 500, 800, 1200 };
static const double snrs_db[] = { 20.0, 10.0, 5.0 };

/* A dozen people talking at once, in other languages, for babble noise: the murmur of a busy
 * hall, where no single voice can be followed. */
static const struct {
  const char *language;
  const char *text;
} babble_talkers[] = {
  { "en", "The next train to the airport leaves from platform four in about ten minutes" },
  { "es", "Necesito cambiar la dirección de mi tarjeta de seguro médico esta semana" },
  { "fr", "Les enfants doivent apporter leur déjeuner et une bouteille d'eau demain matin" },
  { "vi", "Tôi đã làm mất ví ở nhà ga vào buổi sáng hôm qua" },
  { "id", "Saya ingin bertanya tentang jadwal pembayaran pajak tahun ini" },
  { "pt-BR", "Onde fica o escritório para registrar o nascimento do meu filho" },
  { "zh-Hans", "请问去市政府的公共汽车在哪里坐" },
  { "ko", "내일 아침까지 서류를 제출해야 합니다" },
  { "th", "รถไฟขบวนต่อไปจะมาถึงในอีกห้านาที" },
  { "ne", "मलाई मेरो बच्चाको विद्यालयको बारेमा जानकारी चाहिन्छ" },
  { "en", "Please remember to bring your residence card and your health insurance card" },
  { "es", "La oficina está abierta de lunes a viernes desde las nueve" },
};

void
mado_corpus_clip_free (MadoCorpusClip *clip)
{
  g_free (clip->name);
  g_free (clip->language);
  g_clear_pointer (&clip->audio, mado_audio_buffer_unref);
  g_free (clip);
}

static double *
frame_rms (const gint16 *samples,
           gsize         n_samples,
           gsize        *n_frames)
{
  double *rms;

  *n_frames = n_samples / EXTENT_FRAME;
  rms = g_new0 (double, MAX (*n_frames, 1));
  for (gsize f = 0; f < *n_frames; f++)
    {
      double sum = 0.0;

      for (gsize i = f * EXTENT_FRAME; i < (f + 1) * EXTENT_FRAME; i++)
        sum += (double) samples[i] * samples[i];
      rms[f] = sqrt (sum / EXTENT_FRAME);
    }

  return rms;
}

/* Marks the frames that are speech: within 40 dB of the loudest, except for specks. Open
 * JTalk's vocoder leaves a noise floor some 50 dB below its speech with the odd 10 ms blip
 * above the 40 dB line; a blip that short and that far from anything else is not a sound
 * anybody would call speech. */
static gboolean *
mark_speech (const gint16 *samples,
             gsize         n_samples,
             gsize        *n_frames)
{
  g_autofree double *rms = frame_rms (samples, n_samples, n_frames);
  gboolean *speech = g_new0 (gboolean, MAX (*n_frames, 1));
  double loudest = 0.0;
  gsize f = 0;

  for (gsize i = 0; i < *n_frames; i++)
    loudest = MAX (loudest, rms[i]);
  for (gsize i = 0; i < *n_frames; i++)
    speech[i] = loudest > 0.0 && rms[i] >= loudest * EXTENT_RANGE;

  while (f < *n_frames)
    {
      gsize run_end = f;
      gsize gap_before = 0;
      gsize gap_after = 0;

      if (!speech[f])
        {
          f++;
          continue;
        }
      while (run_end < *n_frames && speech[run_end])
        run_end++;
      while (gap_before < f && !speech[f - 1 - gap_before])
        gap_before++;
      while (run_end + gap_after < *n_frames && !speech[run_end + gap_after])
        gap_after++;

      if (run_end - f < SPECK_FRAMES && (gap_before == f || gap_before >= SPECK_DISTANCE_FRAMES) &&
          (run_end + gap_after == *n_frames || gap_after >= SPECK_DISTANCE_FRAMES))
        for (gsize i = f; i < run_end; i++)
          speech[i] = FALSE;
      f = run_end;
    }

  return speech;
}

gboolean
mado_speech_corpus_find_speech (const gint16 *samples,
                                gsize         n_samples,
                                gsize        *start,
                                gsize        *end)
{
  gsize n_frames;
  g_autofree gboolean *speech = mark_speech (samples, n_samples, &n_frames);
  gssize first = -1;
  gssize last = -1;

  for (gsize f = 0; f < n_frames; f++)
    if (speech[f])
      {
        if (first < 0)
          first = (gssize) f;
        last = (gssize) f;
      }
  if (first < 0)
    return FALSE;

  *start = (gsize) first * EXTENT_FRAME;
  *end = (gsize) (last + 1) * EXTENT_FRAME;
  return TRUE;
}

/* The longest run of frames that are not speech inside [start, end). */
static gsize
longest_pause (const gint16 *samples,
               gsize         start,
               gsize         end)
{
  gsize n_frames;
  g_autofree gboolean *speech = mark_speech (samples + start, end - start, &n_frames);
  gsize run = 0;
  gsize longest = 0;

  for (gsize f = 0; f < n_frames; f++)
    {
      run = speech[f] ? 0 : run + 1;
      longest = MAX (longest, run);
    }

  return longest * EXTENT_FRAME;
}

static double
rms_of (const double *samples,
        gsize         n_samples)
{
  double sum = 0.0;

  for (gsize i = 0; i < n_samples; i++)
    sum += samples[i] * samples[i];

  return n_samples > 0 ? sqrt (sum / n_samples) : 0.0;
}

static void
normalise (double *samples,
           gsize   n_samples)
{
  double rms = rms_of (samples, n_samples);

  for (gsize i = 0; rms > 0.0 && i < n_samples; i++)
    samples[i] /= rms;
}

static double
gaussian (GRand *random)
{
  double u = g_rand_double_range (random, 1e-12, 1.0);
  double v = g_rand_double (random);

  return sqrt (-2.0 * log (u)) * cos (2.0 * G_PI * v);
}

/* Unit-RMS white noise. */
static double *
make_white (gsize   n_samples,
            guint32 seed)
{
  g_autoptr(GRand) random = g_rand_new_with_seed (seed);
  double *noise = g_new (double, n_samples);

  for (gsize i = 0; i < n_samples; i++)
    noise[i] = gaussian (random);

  return noise;
}

/* Unit-RMS pink (1/f) noise, with Paul Kellet's filter over white noise. */
static double *
make_pink (gsize   n_samples,
           guint32 seed)
{
  double *noise = make_white (n_samples, seed);
  double b[7] = { 0 };

  for (gsize i = 0; i < n_samples; i++)
    {
      double white = noise[i];

      b[0] = 0.99886 * b[0] + white * 0.0555179;
      b[1] = 0.99332 * b[1] + white * 0.0750759;
      b[2] = 0.96900 * b[2] + white * 0.1538520;
      b[3] = 0.86650 * b[3] + white * 0.3104856;
      b[4] = 0.55000 * b[4] + white * 0.5329522;
      b[5] = -0.7616 * b[5] - white * 0.0168980;
      noise[i] = b[0] + b[1] + b[2] + b[3] + b[4] + b[5] + b[6] + white * 0.5362;
      b[6] = white * 0.115926;
    }
  normalise (noise, n_samples);

  return noise;
}

/* Unit-RMS babble: every talker's sentence repeated, each starting somewhere else, summed. */
static double *
make_babble_track (MadoSynthesizer  *synthesizer,
                   GError          **error)
{
  gsize n_samples = BABBLE_SECONDS * MADO_CORPUS_RATE;
  g_autofree double *track = g_new0 (double, n_samples);
  g_autoptr(GRand) random = g_rand_new_with_seed (4242);

  for (guint t = 0; t < G_N_ELEMENTS (babble_talkers); t++)
    {
      g_autoptr(MadoAudioBuffer) speech = mado_synthesizer_synthesize (synthesizer, babble_talkers[t].text,
                                                                       babble_talkers[t].language, NULL, error);
      const gint16 *samples;
      gsize length;
      gsize offset;

      if (speech == NULL)
        return NULL;
      samples = mado_audio_buffer_get_samples (speech, &length);
      offset = (gsize) g_rand_int_range (random, 0, (gint32) length);
      for (gsize i = 0; i < n_samples; i++)
        track[i] += samples[(i + offset) % length];
    }
  normalise (track, n_samples);

  return g_steal_pointer (&track);
}

/* A phrase without the silence the engine puts around it. */
static MadoAudioBuffer *
synthesize_trimmed (MadoSynthesizer  *synthesizer,
                    const char       *text,
                    const char       *language,
                    GError          **error)
{
  g_autoptr(MadoAudioBuffer) speech = mado_synthesizer_synthesize (synthesizer, text, language, NULL, error);
  const gint16 *samples;
  gsize length;
  gsize start;
  gsize end;

  if (speech == NULL)
    return NULL;

  samples = mado_audio_buffer_get_samples (speech, &length);
  if (!mado_speech_corpus_find_speech (samples, length, &start, &end))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "The %s engine said nothing for “%s”", language, text);
      return NULL;
    }

  return mado_audio_buffer_new_take (MADO_CORPUS_RATE, g_memdup2 (samples + start, (end - start) * sizeof (gint16)),
                                     end - start);
}

static void
append_silence (GArray *clean,
                guint   milliseconds)
{
  g_array_set_size (clean, clean->len + milliseconds * MADO_CORPUS_RATE / 1000);
}

static MadoAudioBuffer *
mix (const double *speech,
     double        speech_gain,
     const double *noise,
     double        noise_gain,
     gsize         n_samples)
{
  gint16 *mixed = g_new (gint16, n_samples);

  for (gsize i = 0; i < n_samples; i++)
    {
      double value = (speech != NULL ? speech[i] * speech_gain : 0.0) + (noise != NULL ? noise[i] * noise_gain : 0.0);

      mixed[i] = (gint16) CLAMP (lround (value), G_MININT16, G_MAXINT16);
    }

  return mado_audio_buffer_new_take (MADO_CORPUS_RATE, mixed, n_samples);
}

static double *
make_noise (const char   *kind,
            gsize         n_samples,
            guint32       seed,
            const double *babble)
{
  double *noise;

  if (strcmp (kind, "white") == 0)
    return make_white (n_samples, seed);
  if (strcmp (kind, "pink") == 0)
    return make_pink (n_samples, seed);

  g_assert (strcmp (kind, "babble") == 0);
  noise = g_new (double, n_samples);
  for (gsize i = 0; i < n_samples; i++)
    noise[i] = babble[(i + seed * 7919) % (BABBLE_SECONDS * MADO_CORPUS_RATE)];

  return noise;
}

static const char *noise_kinds[] = { "white", "pink", "babble" };

/* One utterance put together in silence, then every noise condition of it. */
static gboolean
add_utterance (GPtrArray        *clips,
               MadoSynthesizer  *synthesizer,
               guint             index,
               const double     *babble,
               GError          **error)
{
  const Utterance *utterance = &utterances[index];
  g_autoptr(GArray) clean = g_array_new (FALSE, TRUE, sizeof (gint16));
  g_autofree double *speech = NULL;
  gsize start;
  gsize end;
  gsize pause;
  double level = pow (10.0, speech_levels_dbfs[index % G_N_ELEMENTS (speech_levels_dbfs)] / 20.0) * 32768.0;
  double gain;

  append_silence (clean, leading_silences_ms[index % G_N_ELEMENTS (leading_silences_ms)]);
  start = clean->len;
  for (guint p = 0; p < G_N_ELEMENTS (utterance->phrases) && utterance->phrases[p] != NULL; p++)
    {
      g_autoptr(MadoAudioBuffer) phrase = synthesize_trimmed (synthesizer, utterance->phrases[p],
                                                              utterance->language, error);
      const gint16 *samples;
      gsize length;

      if (phrase == NULL)
        return FALSE;
      if (p > 0)
        append_silence (clean, utterance->pauses_ms[p - 1]);
      samples = mado_audio_buffer_get_samples (phrase, &length);
      g_array_append_vals (clean, samples, length);
    }
  end = clean->len;
  append_silence (clean, TRAILING_MS);
  pause = longest_pause ((const gint16 *) clean->data, start, end);

  /* The speech at the chosen level, as doubles so the noise is added before rounding. */
  speech = g_new (double, clean->len);
  for (guint i = 0; i < clean->len; i++)
    speech[i] = g_array_index (clean, gint16, i);
  gain = level / rms_of (speech + start, end - start);

  for (guint condition = 0; condition <= G_N_ELEMENTS (noise_kinds) * G_N_ELEMENTS (snrs_db); condition++)
    {
      MadoCorpusClip *clip = g_new0 (MadoCorpusClip, 1);
      g_autofree double *noise = NULL;
      double noise_gain = 0.0;

      clip->language = g_strdup (utterance->language);
      clip->has_speech = TRUE;
      clip->speech_start = start;
      clip->speech_end = end;
      clip->longest_pause = pause;
      if (condition == 0)
        {
          clip->noise = "none";
          clip->snr_db = INFINITY;
        }
      else
        {
          clip->noise = noise_kinds[(condition - 1) / G_N_ELEMENTS (snrs_db)];
          clip->snr_db = snrs_db[(condition - 1) % G_N_ELEMENTS (snrs_db)];
          noise = make_noise (clip->noise, clean->len, index * 100 + condition, babble);
          noise_gain = level / pow (10.0, clip->snr_db / 20.0);
        }
      clip->audio = mix (speech, gain, noise, noise_gain, clean->len);
      if (condition == 0)
        clip->name = g_strdup_printf ("%s-%u clean, speech at %.0f dBFS", utterance->language, index,
                                      speech_levels_dbfs[index % G_N_ELEMENTS (speech_levels_dbfs)]);
      else
        clip->name = g_strdup_printf ("%s-%u %s noise at %.0f dB SNR, speech at %.0f dBFS", utterance->language, index,
                                      clip->noise, clip->snr_db,
                                      speech_levels_dbfs[index % G_N_ELEMENTS (speech_levels_dbfs)]);
      g_ptr_array_add (clips, clip);
    }

  return TRUE;
}

static void
add_noise_only (GPtrArray    *clips,
                const char   *kind,
                double        level_dbfs,
                guint32       seed,
                const double *babble)
{
  MadoCorpusClip *clip = g_new0 (MadoCorpusClip, 1);
  gsize n_samples = NOISE_ONLY_MS * MADO_CORPUS_RATE / 1000;
  g_autofree double *noise = kind != NULL ? make_noise (kind, n_samples, seed, babble) : NULL;

  clip->noise = kind != NULL ? kind : "none";
  clip->snr_db = -INFINITY;
  clip->is_silence = level_dbfs <= QUIET_ROOM_DBFS;
  clip->audio = mix (NULL, 0.0, noise, pow (10.0, level_dbfs / 20.0) * 32768.0, n_samples);
  clip->name = kind != NULL ? g_strdup_printf ("%s noise at %.0f dBFS", kind, level_dbfs) : g_strdup ("digital silence");
  g_ptr_array_add (clips, clip);
}

GPtrArray *
mado_speech_corpus_new (GError **error)
{
  g_autoptr(MadoLocalSynthesizer) synthesizer = mado_local_synthesizer_new (MADO_CORPUS_RATE);
  g_autoptr(GPtrArray) clips = g_ptr_array_new_with_free_func ((GDestroyNotify) mado_corpus_clip_free);
  g_autofree double *babble = make_babble_track (MADO_SYNTHESIZER (synthesizer), error);
  static const double noise_levels_dbfs[] = { -60.0, -45.0, -35.0 };

  if (babble == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (utterances); i++)
    if (!add_utterance (clips, MADO_SYNTHESIZER (synthesizer), i, babble, error))
      return NULL;

  add_noise_only (clips, NULL, -INFINITY, 0, babble);
  add_noise_only (clips, "white", QUIET_ROOM_DBFS, 1, babble);
  for (guint k = 0; k < G_N_ELEMENTS (noise_kinds); k++)
    for (guint l = 0; l < G_N_ELEMENTS (noise_levels_dbfs); l++)
      add_noise_only (clips, noise_kinds[k], noise_levels_dbfs[l], 10 + k * 10 + l, babble);

  return g_steal_pointer (&clips);
}

MadoCorpusOutcome
mado_speech_corpus_detect (const MadoCorpusClip *clip,
                           MadoVoiceActivity    *detector)
{
  MadoCorpusOutcome outcome = { 0 };
  const gint16 *samples;
  gsize length;

  samples = mado_audio_buffer_get_samples (clip->audio, &length);
  mado_voice_activity_reset (detector);
  for (gsize offset = 0; offset < length; offset += 320)
    {
      MadoVoiceActivityState state = mado_voice_activity_feed (detector, samples + offset, MIN (320, length - offset));

      if (state != MADO_VOICE_ACTIVITY_WAITING && !outcome.started)
        {
          outcome.started = TRUE;
          outcome.start = mado_voice_activity_get_speech_start (detector);
        }
      if (state == MADO_VOICE_ACTIVITY_ENDED)
        {
          outcome.ended = TRUE;
          outcome.end_decided = mado_voice_activity_get_end_detected_at (detector);
          break;
        }
    }

  return outcome;
}

/* mado-language.h: the languages the counter speaks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The staff side always speaks Japanese; every other entry is a language a resident can pick. */
#define MADO_STAFF_LANGUAGE "ja"

typedef enum {
  MADO_VOICE_NONE,
  MADO_VOICE_ESPEAK,
  MADO_VOICE_OPEN_JTALK,
} MadoVoiceEngine;

/* One entry of the language registry. Entries are static and never freed. */
typedef struct {
  const char      *code;             /* BCP 47 tag used everywhere in the app and the data files */
  const char      *native_name;      /* the name in its own script, for the picker tiles */
  const char      *japanese_name;    /* the name as the clerk reads it */
  const char      *english_name;     /* for IT staff, logs and the admin tool */
  const char      *pango_language;   /* what Pango needs to pick the right glyph shapes */
  const char      *greeting;         /* "Welcome" in that language, for the cycling greeting */
  const char      *prompt;           /* "Please choose your language" in that language */
  MadoVoiceEngine  voice_engine;
  const char      *voice;            /* espeak-ng voice name, or NULL */
} MadoLanguage;

const MadoLanguage  *mado_language_lookup          (const char *code);
const MadoLanguage  *mado_language_get_staff       (void);
const MadoLanguage **mado_language_get_residents   (guint *n_languages);
const MadoLanguage **mado_language_get_all         (guint *n_languages);
gboolean             mado_language_is_known        (const char *code);
gboolean             mado_language_has_voice       (const MadoLanguage *language);
guint                mado_language_get_index       (const MadoLanguage *language);

G_END_DECLS

/* mado-language.c: the languages the counter speaks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-language.h"

#include <string.h>

/* The order of this table is the order of the picker tiles and of every language column in
 * exported files, so it is part of the file formats: append, never reorder. Chinese uses the
 * pinyin variant of espeak-ng's Mandarin voice because the plain "cmn" voice reads tone digits
 * as English words. Filipino has no voice in Debian 12; the app says so instead of guessing. */
static const MadoLanguage languages[] = {
  { "ja", "日本語", "日本語", "Japanese", "ja",
    "ようこそ", "言語を選んでください", MADO_VOICE_OPEN_JTALK, NULL },
  { "ja-x-easy", "やさしい にほんご", "やさしい日本語", "Easy Japanese", "ja",
    "ようこそ", "ことばを えらんで ください", MADO_VOICE_OPEN_JTALK, NULL },
  { "en", "English", "英語", "English", "en",
    "Welcome", "Please choose your language", MADO_VOICE_ESPEAK, "en-us" },
  { "zh-Hans", "中文（简体）", "中国語（簡体字）", "Chinese (Simplified)", "zh-cn",
    "欢迎光临", "请选择您的语言", MADO_VOICE_ESPEAK, "cmn-latn-pinyin" },
  { "zh-Hant", "中文（繁體）", "中国語（繁体字）", "Chinese (Traditional)", "zh-tw",
    "歡迎光臨", "請選擇您的語言", MADO_VOICE_ESPEAK, "cmn-latn-pinyin" },
  { "ko", "한국어", "韓国語", "Korean", "ko",
    "어서 오세요", "언어를 선택해 주세요", MADO_VOICE_ESPEAK, "ko" },
  { "vi", "Tiếng Việt", "ベトナム語", "Vietnamese", "vi",
    "Xin chào", "Vui lòng chọn ngôn ngữ của bạn", MADO_VOICE_ESPEAK, "vi" },
  { "id", "Bahasa Indonesia", "インドネシア語", "Indonesian", "id",
    "Selamat datang", "Silakan pilih bahasa Anda", MADO_VOICE_ESPEAK, "id" },
  { "th", "ภาษาไทย", "タイ語", "Thai", "th",
    "ยินดีต้อนรับ", "กรุณาเลือกภาษาของคุณ", MADO_VOICE_ESPEAK, "th" },
  { "my", "မြန်မာဘာသာ", "ミャンマー語", "Burmese", "my",
    "ကြိုဆိုပါတယ်", "သင့်ဘာသာစကားကို ရွေးချယ်ပါ", MADO_VOICE_ESPEAK, "my" },
  { "es", "Español", "スペイン語", "Spanish", "es",
    "Bienvenido", "Elija su idioma, por favor", MADO_VOICE_ESPEAK, "es" },
  { "fr", "Français", "フランス語", "French", "fr",
    "Bienvenue", "Choisissez votre langue, s’il vous plaît", MADO_VOICE_ESPEAK, "fr-fr" },
  { "pt-BR", "Português (Brasil)", "ポルトガル語（ブラジル）", "Portuguese (Brazil)", "pt-br",
    "Bem-vindo", "Escolha o seu idioma, por favor", MADO_VOICE_ESPEAK, "pt-br" },
  { "fil", "Filipino", "フィリピノ語", "Filipino", "fil",
    "Maligayang pagdating", "Pumili po ng inyong wika", MADO_VOICE_NONE, NULL },
  { "ne", "नेपाली", "ネパール語", "Nepali", "ne",
    "स्वागत छ", "कृपया आफ्नो भाषा छान्नुहोस्", MADO_VOICE_ESPEAK, "ne" },
};

static const MadoLanguage **
all_languages (void)
{
  static const MadoLanguage *pointers[G_N_ELEMENTS (languages)];
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
        pointers[i] = &languages[i];
      g_once_init_leave (&initialised, 1);
    }

  return pointers;
}

/**
 * mado_language_lookup:
 * @code: a language tag such as "vi" or "zh-Hant"
 *
 * Tags are compared without regard to ASCII case, so "pt-br" and "zh-hant" from CSV files typed by
 * hand find their entries.
 *
 * Returns: (transfer none) (nullable): the entry, or %NULL for a language the kiosk does not know.
 */
const MadoLanguage *
mado_language_lookup (const char *code)
{
  if (code == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (g_ascii_strcasecmp (languages[i].code, code) == 0)
      return &languages[i];

  return NULL;
}

const MadoLanguage *
mado_language_get_staff (void)
{
  return &languages[0];
}

/**
 * mado_language_get_residents:
 * @n_languages: (out): the number of entries
 *
 * Returns: (transfer none): every language a resident can pick, in picker order.
 */
const MadoLanguage **
mado_language_get_residents (guint *n_languages)
{
  *n_languages = G_N_ELEMENTS (languages) - 1;
  return all_languages () + 1;
}

/**
 * mado_language_get_all:
 * @n_languages: (out): the number of entries
 *
 * Returns: (transfer none): Japanese followed by every resident language.
 */
const MadoLanguage **
mado_language_get_all (guint *n_languages)
{
  *n_languages = G_N_ELEMENTS (languages);
  return all_languages ();
}

gboolean
mado_language_is_known (const char *code)
{
  return mado_language_lookup (code) != NULL;
}

gboolean
mado_language_has_voice (const MadoLanguage *language)
{
  g_return_val_if_fail (language != NULL, FALSE);

  return language->voice_engine != MADO_VOICE_NONE;
}

guint
mado_language_get_index (const MadoLanguage *language)
{
  g_return_val_if_fail (language >= languages && language < languages + G_N_ELEMENTS (languages), 0);

  return (guint) (language - languages);
}

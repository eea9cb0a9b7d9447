/* bench-phrase-search.c: keystroke-by-keystroke phrase search over 100,000 phrases × 15 languages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Builds a phrase set of realistic sentences in every language of the registry from small
 * per-script vocabularies, seeds it into a real SQLite file in a temporary folder, pins and uses
 * a few hundred phrases as a counter would, then replays typing: every prefix of every query is
 * one search with a limit of 50, as the phrase book issues on each keystroke.
 *
 * MADOGUCHI_BENCH_PHRASES overrides the number of phrases, for a quick look while developing.
 */
#include "mado-language.h"
#include "mado-phrase-store.h"
#include "mado-test-utils.h"

#include <glib/gstdio.h>
#include <string.h>

#define DEFAULT_PHRASES  100000
#define N_GENRES         50
#define SEARCH_LIMIT     50
#define N_FAVOURITES     20
#define N_USED           300

typedef enum {
  JOIN_SPACES,      /* words separated by spaces, first letter capitalised, full stop */
  JOIN_NOTHING,     /* words run together, as in Chinese and Japanese */
  JOIN_CLAUSES,     /* words run together, a space between clauses, as in Thai and Burmese */
} JoinStyle;

typedef struct {
  const char        *language;
  JoinStyle          join;
  guint              min_words;
  guint              max_words;
  const char *const *words;
  const char *const *endings;   /* one is picked per sentence; NULL for none */
} Vocabulary;

static const char *const ja_words[] = {
  "住民票を", "転入届を", "税金は", "保険証を", "年金の", "窓口で", "申請書に", "印鑑を", "証明書が",
  "手続きは", "子育て手当の", "健康診断を", "予防接種は", "国民健康保険の", "介護保険を", "学校に",
  "給食の", "教科書を", "切符を", "乗り換えは", "改札で", "忘れ物は", "駅員に", "時刻表を",
  "定期券の", "運賃は", "遅延証明書を", "出口は", "こちらで", "今日は", "明日までに", "二階の",
  "三番窓口で", "後で", "すぐに", "必ず", NULL,
};
static const char *const full_stop[] = { ".", NULL };
static const char *const ideographic_full_stop[] = { "。", NULL };
static const char *const easy_ending[] = { "ください。", NULL };
static const char *const myanmar_full_stop[] = { "။", NULL };
static const char *const danda[] = { "।", NULL };
static const char *const ja_endings[] = {
  "出してください。", "確認します。", "持ってきてください。", "記入してください。", "お待ちください。",
  "必要です。", "できます。", "受け付けています。", "ご案内します。", NULL,
};

static const char *const easy_words[] = {
  "{住民票|じゅうみんひょう}を", "{転入|てんにゅう}の {紙|かみ}を", "{税金|ぜいきん}は", "{保険証|ほけんしょう}を",
  "{窓口|まどぐち}で", "{紙|かみ}に", "はんこを", "{手続|てつづ}きは", "{学校|がっこう}に", "きゅうしょくの",
  "{切符|きっぷ}を", "{乗|の}り{換|か}えは", "わすれものは", "{駅|えき}の {人|ひと}に", "ここで", "きょうは",
  "あしたまでに", "{二階|にかい}の", "あとで", "すぐに", NULL,
};

static const char *const zh_hans_words[] = {
  "请", "在", "这里", "办理", "提交", "住民", "证明", "税款", "保险", "年金", "窗口", "申请表", "手续",
  "学校", "午餐", "车票", "换乘", "检票口", "失物", "时刻表", "月票", "延误", "出口", "需要", "确认",
  "填写", "等候", "二楼", "今天", "明天", "您的", "印章", NULL,
};
static const char *const zh_hant_words[] = {
  "請", "在", "這裡", "辦理", "提交", "住民", "證明", "稅款", "保險", "年金", "窗口", "申請表", "手續",
  "學校", "午餐", "車票", "轉乘", "剪票口", "失物", "時刻表", "月票", "延誤", "出口", "需要", "確認",
  "填寫", "等候", "二樓", "今天", "明天", "您的", "印章", NULL,
};
static const char *const ko_words[] = {
  "주민표를", "전입신고는", "세금을", "보험증을", "연금", "창구에서", "신청서에", "도장을", "증명서가",
  "절차는", "학교에", "급식", "교과서를", "표를", "환승은", "개찰구에서", "분실물은", "시간표를",
  "정기권", "요금은", "지연", "출구는", "여기에서", "오늘", "내일까지", "2층", "제출해 주세요",
  "확인합니다", "가져와 주세요", "기입해 주세요", "기다려 주세요", "필요합니다", NULL,
};
static const char *const th_words[] = {
  "ทะเบียนบ้าน", "ภาษี", "ประกัน", "บำนาญ", "ช่องบริการ", "ใบสมัคร", "ตราประทับ", "หนังสือรับรอง",
  "ขั้นตอน", "โรงเรียน", "อาหารกลางวัน", "ตั๋ว", "เปลี่ยนรถ", "ประตูตรวจตั๋ว", "ของหาย", "ตารางเวลา",
  "ค่าโดยสาร", "ล่าช้า", "ทางออก", "กรุณา", "ยื่น", "ตรวจสอบ", "นำมา", "กรอก", "รอ", "ที่นี่",
  "ชั้นสอง", "วันนี้", "พรุ่งนี้", "ได้", "ของคุณ", NULL,
};
static const char *const my_words[] = {
  "နေထိုင်သူ", "မှတ်ပုံတင်", "အခွန်", "အာမခံ", "ပင်စင်", "ကောင်တာ", "လျှောက်လွှာ", "တံဆိပ်",
  "ထောက်ခံစာ", "လုပ်ငန်းစဉ်", "ကျောင်း", "နေ့လယ်စာ", "လက်မှတ်", "ရထားပြောင်း", "ပျောက်ပစ္စည်း",
  "အချိန်ဇယား", "ထွက်ပေါက်", "ကျေးဇူးပြု၍", "တင်ပါ", "စစ်ဆေးပါ", "ယူလာပါ", "ဖြည့်ပါ", "စောင့်ပါ",
  "ဒီမှာ", "ဒီနေ့", "မနက်ဖြန်", NULL,
};
static const char *const ne_words[] = {
  "बसाइँसराइ", "कर", "बीमा", "पेन्सन", "काउन्टर", "आवेदन", "छाप", "प्रमाणपत्र", "प्रक्रिया", "विद्यालय",
  "खाना", "टिकट", "निकास", "हराएको", "सामान", "समय", "तालिका", "कृपया", "बुझाउनुहोस्", "जाँच",
  "गर्नुहोस्", "ल्याउनुहोस्", "भर्नुहोस्", "पर्खनुहोस्", "यहाँ", "आज", "भोलि", "को", "मा", "लाई", NULL,
};
static const char *const en_words[] = {
  "please", "submit", "your", "residence", "certificate", "tax", "payment", "insurance", "card",
  "pension", "counter", "application", "form", "seal", "procedure", "school", "lunch", "ticket",
  "transfer", "gate", "lost", "item", "timetable", "pass", "fare", "delay", "exit", "here", "today",
  "tomorrow", "second", "floor", "wait", "bring", "fill", "in", "the", "at", "for", "of", "to", NULL,
};
static const char *const vi_words[] = {
  "vui lòng", "nộp", "giấy", "chứng nhận", "cư trú", "thuế", "bảo hiểm", "thẻ", "lương hưu", "quầy",
  "đơn", "con dấu", "thủ tục", "trường học", "bữa trưa", "vé", "chuyển tàu", "cửa soát vé",
  "đồ thất lạc", "lịch trình", "tiền vé", "chậm trễ", "lối ra", "ở đây", "hôm nay", "ngày mai",
  "tầng hai", "chờ", "mang", "điền", "của", "tại", "tiếng Việt", NULL,
};
static const char *const id_words[] = {
  "silakan", "serahkan", "surat", "keterangan", "domisili", "pajak", "asuransi", "kartu", "pensiun",
  "loket", "formulir", "stempel", "prosedur", "sekolah", "makan siang", "tiket", "pindah kereta",
  "gerbang", "barang hilang", "jadwal", "tarif", "keterlambatan", "pintu keluar", "di sini",
  "hari ini", "besok", "lantai dua", "tunggu", "bawa", "isi", "dan", "untuk", NULL,
};
static const char *const es_words[] = {
  "por favor", "presente", "su", "certificado", "de", "residencia", "impuesto", "seguro", "tarjeta",
  "pensión", "ventanilla", "solicitud", "sello", "trámite", "escuela", "almuerzo", "billete",
  "transbordo", "torniquete", "objeto perdido", "horario", "tarifa", "retraso", "salida", "aquí",
  "hoy", "mañana", "segundo piso", "espere", "traiga", "rellene", "el", "la", "en", "para", NULL,
};
static const char *const fr_words[] = {
  "veuillez", "présenter", "votre", "certificat", "de", "résidence", "impôt", "assurance", "carte",
  "pension", "guichet", "demande", "cachet", "démarche", "école", "déjeuner", "billet",
  "correspondance", "portillon", "objet trouvé", "horaire", "tarif", "retard", "sortie", "ici",
  "aujourd’hui", "demain", "deuxième étage", "attendez", "apportez", "remplissez", "le", "la", "au",
  "pour", NULL,
};
static const char *const pt_words[] = {
  "por favor", "apresente", "seu", "certificado", "de", "residência", "imposto", "seguro", "cartão",
  "aposentadoria", "guichê", "requerimento", "carimbo", "procedimento", "escola", "almoço", "bilhete",
  "baldeação", "catraca", "achados e perdidos", "horário", "tarifa", "atraso", "saída", "aqui", "hoje",
  "amanhã", "segundo andar", "aguarde", "traga", "preencha", "o", "a", "no", "para", NULL,
};
static const char *const fil_words[] = {
  "pakisuyo", "ipasa", "ang", "inyong", "sertipiko", "ng", "paninirahan", "buwis", "seguro", "kard",
  "pensiyon", "counter", "aplikasyon", "selyo", "proseso", "paaralan", "tanghalian", "tiket",
  "paglipat", "gate", "nawawalang gamit", "iskedyul", "pamasahe", "pagkaantala", "labasan", "dito",
  "ngayon", "bukas", "ikalawang palapag", "maghintay", "dalhin", "punan", "sa", "para", NULL,
};

static const Vocabulary vocabularies[] = {
  { "ja", JOIN_NOTHING, 2, 5, ja_words, ja_endings },
  { "ja-x-easy", JOIN_SPACES, 3, 6, easy_words, easy_ending },
  { "en", JOIN_SPACES, 6, 12, en_words, full_stop },
  { "zh-Hans", JOIN_NOTHING, 6, 12, zh_hans_words, ideographic_full_stop },
  { "zh-Hant", JOIN_NOTHING, 6, 12, zh_hant_words, ideographic_full_stop },
  { "ko", JOIN_SPACES, 3, 7, ko_words, full_stop },
  { "vi", JOIN_SPACES, 6, 12, vi_words, full_stop },
  { "id", JOIN_SPACES, 6, 12, id_words, full_stop },
  { "th", JOIN_CLAUSES, 5, 10, th_words, NULL },
  { "my", JOIN_CLAUSES, 4, 9, my_words, myanmar_full_stop },
  { "es", JOIN_SPACES, 6, 12, es_words, full_stop },
  { "fr", JOIN_SPACES, 6, 12, fr_words, full_stop },
  { "pt-BR", JOIN_SPACES, 6, 12, pt_words, full_stop },
  { "fil", JOIN_SPACES, 6, 12, fil_words, full_stop },
  { "ne", JOIN_SPACES, 5, 10, ne_words, danda },
};

/* What a clerk might type, in several scripts; the last ones match nothing at all. */
static const char *const queries[] = {
  "住民票", "転入届", "税金", "保険証", "忘れ物", "乗り換え", "子育て", "手続き", "窓口",
  "じゅうみんひょう", "てつづき",
  "证明", "换乘", "學校", "時刻表",
  "주민표", "학교", "분실물", "정기권",
  "ภาษี", "โรงเรียน", "ของหาย",
  "ကျောင်း", "လက်မှတ်",
  "प्रमाणपत्र", "विद्यालय",
  "certificate", "insurance", "lost item", "timetable",
  "bao hiem", "VIỆT",
  "pajak", "sekolah",
  "impuesto", "almuerzo",
  "assurance", "déjeuner",
  "aposentadoria", "paaralan",
  "passport", "マイナンバー",
};

static guint
count_words (const char *const *words)
{
  guint n = 0;

  while (words[n] != NULL)
    n++;
  return n;
}

static char *
make_sentence (GRand            *rand,
               const Vocabulary *vocabulary)
{
  g_autoptr(GString) sentence = g_string_new (NULL);
  guint n_words = count_words (vocabulary->words);
  guint length = g_rand_int_range (rand, vocabulary->min_words, vocabulary->max_words + 1);

  for (guint i = 0; i < length; i++)
    {
      const char *word = vocabulary->words[g_rand_int_range (rand, 0, n_words)];

      if (i > 0 && (vocabulary->join == JOIN_SPACES ||
                    (vocabulary->join == JOIN_CLAUSES && g_rand_int_range (rand, 0, 3) == 0)))
        g_string_append_c (sentence, ' ');

      if (i == 0 && vocabulary->join == JOIN_SPACES && g_ascii_islower (word[0]))
        {
          g_string_append_c (sentence, g_ascii_toupper (word[0]));
          g_string_append (sentence, word + 1);
        }
      else
        {
          g_string_append (sentence, word);
        }
    }

  if (vocabulary->endings != NULL)
    g_string_append (sentence, vocabulary->endings[g_rand_int_range (rand, 0, count_words (vocabulary->endings))]);

  return g_string_free (g_steal_pointer (&sentence), FALSE);
}

static MadoPhraseSet *
make_set (guint n_phrases)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (100000);
  MadoPhraseSet *set = mado_phrase_set_new ("bench", 1);

  mado_phrase_set_set_name (set, "ja", "ベンチマーク");
  for (guint g = 0; g < N_GENRES; g++)
    {
      g_autofree char *genre_id = g_strdup_printf ("g%02u", g);
      g_autoptr(MadoGenre) genre = mado_genre_new ("bench", genre_id, (int) g);

      mado_genre_set_name (genre, "ja", genre_id);
      mado_phrase_set_add_genre (set, genre);
    }

  for (guint i = 0; i < n_phrases; i++)
    {
      g_autofree char *genre_id = g_strdup_printf ("g%02u", i % N_GENRES);
      g_autofree char *id = g_strdup_printf ("bench.%s.%06u", genre_id, i);
      g_autoptr(MadoPhrase) phrase = mado_phrase_new (id, "bench", genre_id);

      for (guint v = 0; v < G_N_ELEMENTS (vocabularies); v++)
        {
          g_autofree char *sentence = make_sentence (rand, &vocabularies[v]);
          mado_phrase_set_text (phrase, vocabularies[v].language, sentence);
        }
      mado_phrase_set_add_phrase (set, phrase);
    }

  return set;
}

static double
percentile (GArray *sorted,
            double  fraction)
{
  guint index = (guint) (fraction * (sorted->len - 1) + 0.5);

  return g_array_index (sorted, double, index);
}

/* Types every query one character at a time; returns each search's time in milliseconds. */
static GArray *
replay_typing (MadoPhraseStore *store,
               guint           *n_results)
{
  GArray *times = g_array_new (FALSE, FALSE, sizeof (double));

  *n_results = 0;
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      for (const char *end = g_utf8_next_char (queries[q]); ; end = g_utf8_next_char (end))
        {
          g_autofree char *prefix = g_strndup (queries[q], end - queries[q]);
          g_autoptr(GPtrArray) results = NULL;
          g_autoptr(GError) error = NULL;
          gint64 start = g_get_monotonic_time ();
          double elapsed;

          results = mado_phrase_store_search (store, prefix, NULL, SEARCH_LIMIT, &error);
          elapsed = (g_get_monotonic_time () - start) / 1000.0;
          g_assert_no_error (error);

          g_array_append_val (times, elapsed);
          *n_results += results->len;
          if (*end == '\0')
            break;
        }
    }

  g_array_sort (times, mado_test_compare_doubles);
  return times;
}

int
main (int   argc,
      char *argv[])
{
  const char *override = g_getenv ("MADOGUCHI_BENCH_PHRASES");
  guint n_phrases = override != NULL ? (guint) g_ascii_strtoull (override, NULL, 10) : DEFAULT_PHRASES;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("madoguchi-bench-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(MadoPhraseStore) store = NULL;
  g_autoptr(MadoPhraseSet) set = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GArray) cold = NULL;
  g_autoptr(GArray) warm = NULL;
  GStatBuf info;
  gboolean seeded = FALSE;
  guint n_results;
  gint64 start;

  g_assert_no_error (error);
  path = g_build_filename (dir, "phrases.db", NULL);

  start = g_get_monotonic_time ();
  set = make_set (n_phrases);
  g_print ("bench: phrase-search-generate-%uk %.1f s\n", n_phrases / 1000,
           (g_get_monotonic_time () - start) / 1e6);

  store = mado_phrase_store_open (path, &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  g_assert_true (mado_phrase_store_seed (store, set, &seeded, &error));
  g_assert_no_error (error);
  g_assert_true (seeded);
  g_print ("bench: phrase-search-seed-%uk %.1f s\n", n_phrases / 1000,
           (g_get_monotonic_time () - start) / 1e6);
  g_clear_object (&set);

  /* A counter that has been in use for a while: a few pinned phrases, a few hundred used ones. */
  for (guint i = 0; i < N_FAVOURITES + N_USED; i++)
    {
      g_autofree char *id = NULL;
      guint n = g_rand_int_range (rand, 0, n_phrases);

      id = g_strdup_printf ("bench.g%02u.%06u", n % N_GENRES, n);
      if (i < N_FAVOURITES)
        g_assert_true (mado_phrase_store_set_favourite (store, id, TRUE, &error));
      else
        for (guint uses = g_rand_int_range (rand, 1, 6); uses > 0; uses--)
          g_assert_true (mado_phrase_store_record_use (store, id, "en", &error));
      g_assert_no_error (error);
    }

  cold = replay_typing (store, &n_results);
  warm = replay_typing (store, &n_results);

  g_print ("bench: phrase-search-typed-queries %u queries\n", (guint) G_N_ELEMENTS (queries));
  g_print ("bench: phrase-search-queries %u searches\n", warm->len);
  g_print ("bench: phrase-search-results %u phrases\n", n_results);
  g_print ("bench: phrase-search-first-pass-p95 %.3f ms\n", percentile (cold, 0.95));
  g_print ("bench: phrase-search-p50 %.3f ms\n", percentile (warm, 0.50));
  g_print ("bench: phrase-search-p95 %.3f ms\n", percentile (warm, 0.95));
  g_print ("bench: phrase-search-max %.3f ms\n", percentile (warm, 1.0));

  g_clear_object (&store);
  if (g_stat (path, &info) == 0)
    g_print ("bench: phrase-search-file-size %.0f MiB\n", info.st_size / (1024.0 * 1024.0));

  {
    g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
    const char *name;

    while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
      {
        g_autofree char *file = g_build_filename (dir, name, NULL);
        g_unlink (file);
      }
    g_rmdir (dir);
  }

  return 0;
}

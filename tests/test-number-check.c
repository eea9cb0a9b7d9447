/* test-number-check.c: numbers, times, dates and amounts in every language, and what a back-translation changed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-language.h"
#include "mado-number-check.h"
#include "mado-phrase-reader.h"

#include <string.h>

/* One expected quantity: its description (mado_quantity_to_string()) and the text it covers. */
typedef struct {
  const char *description;
  const char *span;
} Expected;

typedef struct {
  const char *language;
  const char *text;
  Expected    expected[4];
} ExtractCase;

typedef struct {
  const char *language;
  const char *source;
  const char *back_translation;
  Expected    source_changed[3];
  Expected    back_changed[3];
} CompareCase;

/* "amount 300 JPY [300円]@12; …": a quantity list as one string, so a failure shows all of it. */
static void
describe_found (GString            *out,
                const char         *text,
                const MadoQuantity *quantity)
{
  g_autofree char *description = mado_quantity_to_string (quantity);

  g_string_append_printf (out, "%s [%.*s]@%" G_GSIZE_FORMAT "; ", description,
                          (int) (quantity->end - quantity->start), text + quantity->start, quantity->start);
}

/* The same for what a case expects; each span is looked for after the previous one. */
static void
describe_expected (GString        *out,
                   const char     *prefix,
                   const char     *text,
                   const Expected *expected)
{
  const char *from = text;

  for (guint i = 0; expected[i].description != NULL; i++)
    {
      const char *found = strstr (from, expected[i].span);

      g_assert_nonnull (found);
      g_string_append_printf (out, "%s%s [%s]@%" G_GSIZE_FORMAT "; ", prefix, expected[i].description,
                              expected[i].span, (gsize) (found - text));
      from = found + strlen (expected[i].span);
    }
}

static void
check_extraction (const ExtractCase *test)
{
  g_autoptr(GPtrArray) quantities = mado_quantities_extract (test->text, test->language);
  g_autoptr(GString) found = g_string_new (NULL);
  g_autoptr(GString) expected = g_string_new (NULL);

  g_assert_nonnull (quantities);
  for (guint i = 0; i < quantities->len; i++)
    {
      MadoQuantity *quantity = g_ptr_array_index (quantities, i);

      g_assert_cmpint (quantity->side, ==, MADO_QUANTITY_SIDE_SOURCE);
      describe_found (found, test->text, quantity);
    }
  describe_expected (expected, "", test->text, test->expected);

  g_test_message ("%s: %s", test->language, test->text);
  g_assert_cmpstr (found->str, ==, expected->str);
}

static const ExtractCase extract_cases[] = {
  /* Japanese */
  { "ja", "住民票の写しは、1通300円です。", { { "number 1", "1" }, { "amount 300 JPY", "300円" } } },
  { "ja", "受付時間は、平日の午前8時30分から午後5時15分までです。",
    { { "time 08:30", "午前8時30分" }, { "time 17:15", "午後5時15分" } } },
  { "ja", "給与以外の所得が20万円を超える方", { { "amount 200000 JPY", "20万円" } } },
  { "ja", "手数料は二十万円です。", { { "amount 200000 JPY", "二十万円" } } },
  { "ja", "合計１万５千円になります。", { { "amount 15000 JPY", "１万５千円" } } },
  { "ja", "¥300をお支払いください。", { { "amount 300 JPY", "¥300" } } },
  { "ja", "2024年12月3日に来てください。", { { "date 2024-12-03", "2024年12月3日" } } },
  { "ja", "令和6年4月1日から変わります。", { { "date 2024-04-01", "令和6年4月1日" } } },
  { "ja", "令和元年5月1日に始まりました。", { { "date 2019-05-01", "令和元年5月1日" } } },
  { "ja", "二〇二四年の春", { { "date 2024", "二〇二四年" } } },
  { "ja", "12/3に来てください。", { { "date --12-03", "12/3" } } },
  { "ja", "引っ越してきた日から14日以内に出してください。", { { "duration 14 d", "14日" } } },
  { "ja", "ただいま、30分ほどお待ちいただいております。", { { "duration 1800 s", "30分" } } },
  { "ja", "特急の到着が2時間以上遅れた場合", { { "duration 7200 s", "2時間" } } },
  { "ja", "1時間半かかります。", { { "duration 5400 s", "1時間半" } } },
  { "ja", "在留期間は1年6か月です。", { { "duration 18 mo", "1年6か月" } } },
  { "ja", "6か月以内に撮影した写真", { { "duration 6 mo", "6か月" } } },
  { "ja", "1年以上海外に住む予定の方", { { "duration 12 mo", "1年" } } },
  { "ja", "37.5℃以上あるときは休ませてください。", { { "number 37.5", "37.5" } } },
  { "ja", "フリーダイヤル（0120-95-0178）", { { "digits 0120950178", "0120-95-0178" } } },
  { "ja", "3人で来ました。", { { "number 3", "3" } } },
  { "ja", "三人で、二十分ほど待ちました。", { { "number 3", "三" }, { "duration 1200 s", "二十分" } } },
  { "ja", "医療費の3割（30%）です。", { { "percentage 30", "3割" }, { "percentage 30", "30%" } } },
  { "ja", "その手続きは、2階の5番窓口です。", { { "number 2", "2" }, { "ordinal 5", "5番" } } },
  { "ja", "第3回の説明会", { { "ordinal 3", "第3回" } } },
  { "ja", "8時半に来てください。", { { "time 08:30/20:30", "8時半" } } },
  { "ja", "１７：１５に閉まります。", { { "time 17:15", "１７：１５" } } },
  { "ja", "午後一時に来てください。", { { "time 13:00", "午後一時" } } },
  { "ja", "3分の1を払います。", { { "number 3", "3" }, { "number 1", "1" } } },
  { "ja", "一人で、一日に3回来ました。", { { "number 1", "一" }, { "duration 1 d", "一日" }, { "number 3", "3" } } },
  { "ja", "生まれた日から15日の間に申し込んでください。", { { "duration 15 d", "15日" } } },
  /* Easy Japanese: spans cover the whole reading groups they touch. */
  { "ja-x-easy", "1{枚|まい}300{円|えん}です。", { { "number 1", "1" }, { "amount 300 JPY", "300{円|えん}" } } },
  { "ja-x-easy", "{朝|あさ}8{時|じ}30{分|ぷん}までに{出|だ}してください。",
    { { "time 08:30", "{朝|あさ}8{時|じ}30{分|ぷん}" } } },
  { "ja-x-easy", "その{年|とし}の1{月|がつ}{1日|ついたち}に", { { "date --01-01", "1{月|がつ}{1日|ついたち}" } } },
  { "ja-x-easy", "{二十万円|にじゅうまんえん}です", { { "amount 200000 JPY", "{二十万円|にじゅうまんえん}" } } },
  { "ja-x-easy", "3{枚|まい", { { "number 3", "3" } } },
  /* English */
  { "en", "A copy of the residence record costs 300 yen per copy.", { { "amount 300 JPY", "300 yen" } } },
  { "en", "Our opening hours are 8:30 a.m. to 5:15 p.m. on weekdays.",
    { { "time 08:30", "8:30 a.m." }, { "time 17:15", "5:15 p.m." } } },
  { "en", "The fee is ¥3,000.", { { "amount 3000 JPY", "¥3,000" } } },
  { "en", "The grant is 1.5 million yen.", { { "amount 1500000 JPY", "1.5 million yen" } } },
  { "en", "Please come on 12/3.", { { "date --12-03", "12/3" } } },
  { "en", "Christmas is on 25/12.", { { "date --12-25", "25/12" } } },
  { "en", "The deadline is December 3, 2024.", { { "date 2024-12-03", "December 3, 2024" } } },
  { "en", "From February 16 to March 15.", { { "date --02-16", "February 16" }, { "date --03-15", "March 15" } } },
  { "en", "Please submit it within 14 days of moving in.", { { "duration 14 d", "14 days" } } },
  { "en", "There is a 30-minute wait.", { { "duration 1800 s", "30-minute" } } },
  { "en", "It takes one hour.", { { "duration 3600 s", "one hour" } } },
  { "en", "If it is 37.5°C or higher, stay home.", { { "number 37.5", "37.5" } } },
  { "en", "Please update the app to version 2.3.1.", { { "digits 2.3.1", "2.3.1" } } },
  { "en", "I would like two copies.", { { "number 2", "two" } } },
  { "en", "There were twenty-five people and two hundred and five chairs.",
    { { "number 25", "twenty-five" }, { "number 205", "two hundred and five" } } },
  { "en", "You pay 30% yourself.", { { "percentage 30", "30%" } } },
  { "en", "Go to counter 5 on the 2nd floor.", { { "number 5", "5" }, { "ordinal 2", "2nd" } } },
  { "en", "Please come back at 5 pm or at half past five.",
    { { "time 17:00", "5 pm" }, { "time 05:30/17:30", "half past five" } } },
  { "en", "Call 0120-95-0178 now.", { { "digits 0120950178", "0120-95-0178" } } },
  { "en", "Call +81 3-1234-5678.", { { "digits 81312345678", "+81 3-1234-5678" } } },
  /* Chinese */
  { "zh-Hans", "住民票的副本每份300日元。", { { "amount 300 JPY", "300日元" } } },
  { "zh-Hans", "一共是 300 日元。", { { "amount 300 JPY", "300 日元" } } },
  { "zh-Hans", "受理时间到下午5点15分。", { { "time 17:15", "下午5点15分" } } },
  { "zh-Hans", "费用是二十万日元。", { { "amount 200000 JPY", "二十万日元" } } },
  { "zh-Hans", "请在2024年12月3日之前提交。", { { "date 2024-12-03", "2024年12月3日" } } },
  { "zh-Hans", "请等30分钟。", { { "duration 1800 s", "30分钟" } } },
  { "zh-Hans", "自付比例是百分之三十。", { { "percentage 30", "百分之三十" } } },
  { "zh-Hans", "两个人一起来。", { { "number 2", "两" } } },
  { "zh-Hans", "请到3号窗口。", { { "ordinal 3", "3号" } } },
  { "zh-Hans", "需要一个月。", { { "duration 1 mo", "一个月" } } },
  { "zh-Hant", "手續費是300日圓。", { { "amount 300 JPY", "300日圓" } } },
  { "zh-Hant", "請在下午兩點半來。", { { "time 14:30", "下午兩點半" } } },
  { "zh-Hant", "請在12月3號之前來。", { { "date --12-03", "12月3號" } } },
  { "zh-Hant", "需要三個月。", { { "duration 3 mo", "三個月" } } },
  /* Korean */
  { "ko", "수수료는 300엔입니다.", { { "amount 300 JPY", "300엔" } } },
  { "ko", "오후 5시 15분까지 와 주세요.", { { "time 17:15", "오후 5시 15분" } } },
  { "ko", "2만 원입니다.", { { "amount 20000 KRW", "2만 원" } } },
  { "ko", "1만 5천 원을 내세요.", { { "amount 15000 KRW", "1만 5천 원" } } },
  { "ko", "삼백 엔입니다.", { { "amount 300 JPY", "삼백 엔" } } },
  { "ko", "2024년 12월 3일에 오세요.", { { "date 2024-12-03", "2024년 12월 3일" } } },
  { "ko", "14일 이내에 신고하세요.", { { "duration 14 d", "14일" } } },
  { "ko", "세 시에 만나요.", { { "time 03:00/15:00", "세 시" } } },
  { "ko", "두 명이 왔어요.", { { "number 2", "두" } } },
  { "ko", "한 시간 걸립니다.", { { "duration 3600 s", "한 시간" } } },
  /* Vietnamese */
  { "vi", "Lệ phí là 300 yên.", { { "amount 300 JPY", "300 yên" } } },
  { "vi", "Phí là 1.000 yên.", { { "amount 1000 JPY", "1.000 yên" } } },
  { "vi", "Vui lòng đến vào ngày 3 tháng 12.", { { "date --12-03", "ngày 3 tháng 12" } } },
  { "vi", "Hạn chót là 3 tháng 12 năm 2024.", { { "date 2024-12-03", "3 tháng 12 năm 2024" } } },
  { "vi", "Vui lòng nộp trong vòng 3 tháng.", { { "duration 3 mo", "3 tháng" } } },
  { "vi", "Quầy đóng cửa lúc 17 giờ 15.", { { "time 17:15", "17 giờ 15" } } },
  { "vi", "Hãy đến lúc 5 giờ chiều.", { { "time 17:00", "5 giờ chiều" } } },
  { "vi", "Nếu sốt 37,5 độ thì nghỉ học.", { { "number 37.5", "37,5" } } },
  { "vi", "Có ba người và hai mươi lăm người khác.", { { "number 3", "ba" }, { "number 25", "hai mươi lăm" } } },
  { "vi", "Từ năm 2024, mười năm.", { { "date 2024", "năm 2024" }, { "duration 120 mo", "mười năm" } } },
  /* Indonesian */
  { "id", "Biayanya 300 yen.", { { "amount 300 JPY", "300 yen" } } },
  { "id", "Biayanya Rp 20.000.", { { "amount 20000 IDR", "Rp 20.000" } } },
  { "id", "Biayanya 20 ribu yen.", { { "amount 20000 JPY", "20 ribu yen" } } },
  { "id", "Loket buka sampai pukul 17.15.", { { "time 17:15", "pukul 17.15" } } },
  { "id", "Datanglah jam 5 sore.", { { "time 17:00", "jam 5 sore" } } },
  { "id", "Batasnya 3 Desember 2024.", { { "date 2024-12-03", "3 Desember 2024" } } },
  { "id", "Lapor dalam waktu 14 hari, selama 2 jam.",
    { { "duration 14 d", "14 hari" }, { "duration 7200 s", "2 jam" } } },
  { "id", "Suhu 37,5 derajat.", { { "number 37.5", "37,5" } } },
  { "id", "Ada dua puluh lima orang.", { { "number 25", "dua puluh lima" } } },
  /* Thai */
  { "th", "ค่าธรรมเนียม 300 เยน", { { "amount 300 JPY", "300 เยน" } } },
  { "th", "ราคา ๑๒๓ บาท", { { "amount 123 THB", "๑๒๓ บาท" } } },
  { "th", "ค่าธรรมเนียมสามร้อยเยน", { { "amount 300 JPY", "สามร้อยเยน" } } },
  { "th", "เปิดถึง 17.15 น.", { { "time 17:15", "17.15 น." } } },
  { "th", "มาตอนบ่าย 3 โมง หรือ 2 ทุ่ม", { { "time 15:00", "บ่าย 3 โมง" }, { "time 20:00", "2 ทุ่ม" } } },
  { "th", "วันที่ 3 ธันวาคม 2567", { { "date 2567-12-03", "วันที่ 3 ธันวาคม 2567" } } },
  { "th", "ภายใน 14 วัน", { { "duration 14 d", "14 วัน" } } },
  { "th", "จ่ายร้อยละ 30 มาสองคน", { { "percentage 30", "ร้อยละ 30" }, { "number 2", "สอง" } } },
  /* Burmese */
  { "my", "ကြေး ၃၀၀ ယန်း ဖြစ်ပါသည်။", { { "amount 300 JPY", "၃၀၀ ယန်း" } } },
  { "my", "ညနေ ၅ နာရီ မှာ လာပါ။", { { "time 17:00", "ညနေ ၅ နာရီ" } } },
  { "my", "မနက် ၈ နာရီ ၃၀ မိနစ်", { { "time 08:30", "မနက် ၈ နာရီ ၃၀ မိနစ်" } } },
  { "my", "၁၄ ရက်အတွင်း လာပါ။", { { "duration 14 d", "၁၄ ရက်" } } },
  { "my", "ဒီဇင်ဘာ ၃ ရက် မှာ လာပါ။", { { "date --12-03", "ဒီဇင်ဘာ ၃ ရက်" } } },
  { "my", "အပူချိန် ၃၇.၅ ဒီဂရီ", { { "number 37.5", "၃၇.၅" } } },
  /* Spanish */
  { "es", "La tasa es de 300 yenes.", { { "amount 300 JPY", "300 yenes" } } },
  { "es", "Son 1.000 yenes o trescientos yenes.",
    { { "amount 1000 JPY", "1.000 yenes" }, { "amount 300 JPY", "trescientos yenes" } } },
  { "es", "Venga el 3 de diciembre de 2024.", { { "date 2024-12-03", "3 de diciembre de 2024" } } },
  { "es", "Venga el 3/12.", { { "date --12-03", "3/12" } } },
  { "es", "Si tiene 37,5 grados, quédese en casa.", { { "number 37.5", "37,5" } } },
  { "es", "Venga a las 5 de la tarde.", { { "time 17:00", "a las 5 de la tarde" } } },
  { "es", "Cerramos a las 17:15 h.", { { "time 17:15", "a las 17:15 h" } } },
  { "es", "Necesito dos copias.", { { "number 2", "dos" } } },
  { "es", "dentro de 14 días; tarda 2 horas y media",
    { { "duration 14 d", "14 días" }, { "duration 9000 s", "2 horas y media" } } },
  { "es", "Hay treinta y cinco personas.", { { "number 35", "treinta y cinco" } } },
  /* French */
  { "fr", "Les frais sont de 300 yens.", { { "amount 300 JPY", "300 yens" } } },
  { "fr", "Les frais sont de 1\u00a0000 yens.", { { "amount 1000 JPY", "1\u00a0000 yens" } } },
  { "fr", "Ouvert de 8 h 30 à 17 h 15.", { { "time 08:30", "8 h 30" }, { "time 17:15", "17 h 15" } } },
  { "fr", "Venez à 17h15 ou à 17 heures.", { { "time 17:15", "17h15" }, { "time 17:00", "17 heures" } } },
  { "fr", "Cela dure pendant 2 heures.", { { "duration 7200 s", "2 heures" } } },
  { "fr", "Si la température dépasse 37,5 °C.", { { "number 37.5", "37,5" } } },
  { "fr", "Venez le 3 décembre 2024 ou le 1er décembre.",
    { { "date 2024-12-03", "3 décembre 2024" }, { "date --12-01", "1er décembre" } } },
  { "fr", "Venez le 3/12.", { { "date --12-03", "3/12" } } },
  { "fr", "dix-sept, soixante et onze, quatre-vingt-dix-neuf",
    { { "number 17", "dix-sept" }, { "number 71", "soixante et onze" }, { "number 99", "quatre-vingt-dix-neuf" } } },
  { "fr", "C'est au 2e étage.", { { "ordinal 2", "2e" } } },
  /* Brazilian Portuguese */
  { "pt-BR", "A taxa é de 300 ienes.", { { "amount 300 JPY", "300 ienes" } } },
  { "pt-BR", "São R$ 1.500,00.", { { "amount 1500 BRL", "R$ 1.500,00" } } },
  { "pt-BR", "Venha às 17h15 ou às 5 da tarde.",
    { { "time 17:15", "às 17h15" }, { "time 17:00", "às 5 da tarde" } } },
  { "pt-BR", "Venha em 3 de dezembro.", { { "date --12-03", "3 de dezembro" } } },
  { "pt-BR", "Leva 3 meses.", { { "duration 3 mo", "3 meses" } } },
  { "pt-BR", "vinte e cinco pessoas", { { "number 25", "vinte e cinco" } } },
  { "pt-BR", "dois e três", { { "number 2", "dois" }, { "number 3", "três" } } },
  /* Filipino */
  { "fil", "Ang bayad ay 300 yen.", { { "amount 300 JPY", "300 yen" } } },
  { "fil", "Pumunta po kayo nang alas-5 ng hapon.", { { "time 17:00", "alas-5 ng hapon" } } },
  { "fil", "Pumunta po kayo nang alas-singko ng hapon.", { { "time 17:00", "alas-singko ng hapon" } } },
  { "fil", "sa loob ng 14 na araw", { { "duration 14 d", "14 na araw" } } },
  { "fil", "Sa Disyembre 3, 2024 po.", { { "date 2024-12-03", "Disyembre 3, 2024" } } },
  { "fil", "Sa ika-3 ng Disyembre po.", { { "date --12-03", "ika-3 ng Disyembre" } } },
  { "fil", "Kailangan ko ng dalawang kopya.", { { "number 2", "dalawang" } } },
  /* Nepali */
  { "ne", "शुल्क ३०० येन हो।", { { "amount 300 JPY", "३०० येन" } } },
  { "ne", "शुल्क १,००,००० येन वा २ लाख येन हो।",
    { { "amount 100000 JPY", "१,००,००० येन" }, { "amount 200000 JPY", "२ लाख येन" } } },
  { "ne", "बेलुका ५ बजे आउनुहोस्।", { { "time 17:00", "बेलुका ५ बजे" } } },
  { "ne", "साढे ५ बजे आउनुहोस्।", { { "time 05:30/17:30", "साढे ५ बजे" } } },
  { "ne", "१४ दिनभित्र आउनुहोस्।", { { "duration 14 d", "१४ दिन" } } },
  { "ne", "३ डिसेम्बर २०२४ मा आउनुहोस्।", { { "date 2024-12-03", "३ डिसेम्बर २०२४" } } },
  { "ne", "३०% तिर्नुहोस्।", { { "percentage 30", "३०%" } } },
};

/* Sentences with nothing to check: words that contain numerals or look like them. */
static const struct {
  const char *language;
  const char *text;
} no_quantity_cases[] = {
  { "ja", "どの証明書が必要ですか。" },
  { "ja", "一緒に行きましょう。もう一度お願いします。" },
  { "ja", "十分な時間があります。" },
  { "ja", "一時帰国する場合は、一番近い窓口へ。" },
  { "ja", "一部の方は、一通り読んでから一日中お待ちください。" },
  { "ja", "四日市に住んでいます。" },
  { "ja-x-easy", "{一緒|いっしょ}に{行|い}きましょう。" },
  { "en", "There are no numbers here." },
  { "en", "One of them will help you; someone is often at the tent." },
  { "zh-Hans", "有一点问题。我们一起去吧。" },
  { "zh-Hans", "这个十分重要。" },
  { "zh-Hant", "一個問題。" },
  { "ko", "이 분은 제 어머니입니다." },
  { "ko", "이번 주에 일이 많아요." },
  { "vi", "Ba mẹ của tôi không có ở đây." },
  { "id", "Silakan duduk." },
  { "th", "สามารถนั่งเก้าอี้ได้" },
  { "my", "ကျေးဇူးတင်ပါတယ်။" },
  { "es", "Es una copia de uno de ellos." },
  { "fr", "Il y a une copie." },
  { "pt-BR", "Há um problema." },
  { "fil", "May isang tao po." },
  { "ne", "कृपया पर्खनुहोस्।" },
};

static const CompareCase compare_cases[] = {
  /* A changed fee is shown on both sides. */
  { "ja", "住民票の写しは、1通300円です。", "住民票の写しは、1通3,000円です。",
    { { "amount 300 JPY", "300円" } }, { { "amount 3000 JPY", "3,000円" } } },
  /* The same quantity written another way is not a change. */
  { "ja", "手数料は300円です。", "手数料は３００円です。", { { NULL } }, { { NULL } } },
  { "ja", "17:15までに来てください。", "17時15分までに来てください。", { { NULL } }, { { NULL } } },
  { "ja", "二十万円を超える方", "200,000円を超える方", { { NULL } }, { { NULL } } },
  { "ja", "医療費の3割です。", "医療費の30%です。", { { NULL } }, { { NULL } } },
  { "ja", "2週間以内に出してください。", "14日以内に出してください。", { { NULL } }, { { NULL } } },
  { "ja", "2時間30分かかります。", "2時間半かかります。", { { NULL } }, { { NULL } } },
  { "ja", "2024年に", "二〇二四年に", { { NULL } }, { { NULL } } },
  { "ja", "1人で来てください。", "一人で来てください。", { { NULL } }, { { NULL } } },
  /* A dropped date is shown. */
  { "ja", "12月3日の午後5時に来てください。", "午後5時に来てください。", { { "date --12-03", "12月3日" } }, { { NULL } } },
  /* Quantities that only moved are not. */
  { "ja", "12月3日に300円を払ってください。", "300円を12月3日に払ってください。", { { NULL } }, { { NULL } } },
  { "en", "Pay 300 yen by 5 p.m. on December 3.", "On December 3, please pay 300 yen by 5 p.m.",
    { { NULL } }, { { NULL } } },
  /* A changed currency and a changed phone number are changes. */
  { "ja", "300円です。", "300ドルです。", { { "amount 300 JPY", "300円" } }, { { "amount 300 USD", "300ドル" } } },
  { "en", "Call 0120-95-0178.", "Call 0120-95-0179.",
    { { "digits 0120950178", "0120-95-0178" } }, { { "digits 0120950179", "0120-95-0179" } } },
  { "en", "Call 0120-95-0178.", "Call 0120 95 0178.", { { NULL } }, { { NULL } } },
  /* A time without a meridiem may be either; words and digits say the same. */
  { "en", "Come at 5:00.", "Come at 5 pm.", { { NULL } }, { { NULL } } },
  { "en", "Come at 5:30.", "Come at half past five.", { { NULL } }, { { NULL } } },
  { "en", "I need two copies, within 14 days.", "I need 2 copies, within 2 weeks.", { { NULL } }, { { NULL } } },
  { "en", "It takes 2 hours 30 minutes.", "It takes 2.5 hours.", { { NULL } }, { { NULL } } },
  { "en", "Go to counter No. 5.", "Go to counter 5.", { { NULL } }, { { NULL } } },
  /* 3/12 in Spanish is 3 December and 12/3 is 12 March: a swapped day and month is a change. */
  { "es", "Venga el 3/12.", "Venga el 12/3.", { { "date --12-03", "3/12" } }, { { "date --03-12", "12/3" } } },
  { "vi", "Hãy đến vào ngày 3 tháng 12.", "Hãy đến vào 3/12.", { { NULL } }, { { NULL } } },
  { "ko", "오후 5시에 오세요.", "17시에 오세요.", { { NULL } }, { { NULL } } },
  { "zh-Hans", "下午5点来。", "17:00来。", { { NULL } }, { { NULL } } },
  { "fr", "Venez à 17 h 15.", "Venez à 17:15.", { { NULL } }, { { NULL } } },
  /* French writes a 24-hour clock: 8 h is never 20 h. */
  { "fr", "Venez à 8 h.", "Venez à 20 h.", { { "time 08:00", "8 h" } }, { { "time 20:00", "20 h" } } },
  { "th", "เปิดถึง 17.15 น.", "เปิดถึง 17:15 น.", { { NULL } }, { { NULL } } },
  { "my", "၃၀၀ ယန်း", "300 ယန်း", { { NULL } }, { { NULL } } },
  { "ne", "३०० येन", "300 येन", { { NULL } }, { { NULL } } },
  { "ja", "どうぞよろしくお願いします。", "よろしくお願いします。", { { NULL } }, { { NULL } } },
};

static void
test_extraction (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (extract_cases); i++)
    check_extraction (&extract_cases[i]);
}

static void
test_no_quantities (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (no_quantity_cases); i++)
    {
      g_autoptr(GPtrArray) quantities = mado_quantities_extract (no_quantity_cases[i].text,
                                                                 no_quantity_cases[i].language);
      g_autoptr(GString) found = g_string_new (NULL);

      for (guint j = 0; j < quantities->len; j++)
        describe_found (found, no_quantity_cases[i].text, g_ptr_array_index (quantities, j));
      g_test_message ("%s: %s", no_quantity_cases[i].language, no_quantity_cases[i].text);
      g_assert_cmpstr (found->str, ==, "");
    }
}

static void
test_comparison (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (compare_cases); i++)
    {
      const CompareCase *test = &compare_cases[i];
      g_autoptr(GPtrArray) changed = mado_quantities_compare (test->source, test->language, test->back_translation);
      g_autoptr(GString) found = g_string_new (NULL);
      g_autoptr(GString) expected = g_string_new (NULL);
      gboolean back_seen = FALSE;

      g_assert_nonnull (changed);
      for (guint j = 0; j < changed->len; j++)
        {
          MadoQuantity *quantity = g_ptr_array_index (changed, j);
          gboolean back = quantity->side == MADO_QUANTITY_SIDE_BACK_TRANSLATION;

          /* The source's come first. */
          g_assert_true (back || !back_seen);
          back_seen = back_seen || back;
          g_string_append (found, back ? "back: " : "source: ");
          describe_found (found, back ? test->back_translation : test->source, quantity);
        }
      describe_expected (expected, "source: ", test->source, test->source_changed);
      describe_expected (expected, "back: ", test->back_translation, test->back_changed);

      g_test_message ("%s: %s → %s", test->language, test->source, test->back_translation);
      g_assert_cmpstr (found->str, ==, expected->str);
    }
}

/* Each quantity of one side answers for one of the other: a fee said twice and back-translated once
 * leaves the second one unanswered. */
static void
test_repeated_quantity (void)
{
  const char *source = "It is 300 yen, and 300 yen more for the other copy.";
  g_autoptr(GPtrArray) changed = mado_quantities_compare (source, "en", "It is 300 yen.");
  MadoQuantity *quantity;

  g_assert_cmpuint (changed->len, ==, 1);
  quantity = g_ptr_array_index (changed, 0);
  g_assert_cmpint (quantity->side, ==, MADO_QUANTITY_SIDE_SOURCE);
  g_assert_cmpint (quantity->kind, ==, MADO_QUANTITY_AMOUNT);
  g_assert_cmpuint (quantity->start, ==, strstr (source, "and 300") - source + strlen ("and "));
}

static MadoQuantity
make_time (guint    hour,
           guint    minute,
           gboolean twelve_hour)
{
  MadoQuantity time = { .kind = MADO_QUANTITY_TIME, .hour = hour, .minute = minute, .twelve_hour = twelve_hour };

  return time;
}

static void
test_equality (void)
{
  MadoQuantity yen = { .kind = MADO_QUANTITY_AMOUNT, .value = 300, .currency = "JPY" };
  MadoQuantity yen_elsewhere = { .kind = MADO_QUANTITY_AMOUNT, .value = 300, .currency = "JPY", .start = 9, .end = 20,
                                 .side = MADO_QUANTITY_SIDE_BACK_TRANSLATION };
  MadoQuantity dollars = { .kind = MADO_QUANTITY_AMOUNT, .value = 300, .currency = "USD" };
  MadoQuantity count = { .kind = MADO_QUANTITY_NUMBER, .value = 3 };
  MadoQuantity third = { .kind = MADO_QUANTITY_ORDINAL, .value = 3 };
  MadoQuantity percent = { .kind = MADO_QUANTITY_PERCENTAGE, .value = 3 };
  MadoQuantity two_weeks = { .kind = MADO_QUANTITY_DURATION, .value = 14, .duration_unit = MADO_DURATION_DAYS };
  MadoQuantity fourteen_months = { .kind = MADO_QUANTITY_DURATION, .value = 14,
                                   .duration_unit = MADO_DURATION_MONTHS };
  MadoQuantity december = { .kind = MADO_QUANTITY_DATE, .month = 12, .day = 3 };
  MadoQuantity december_2024 = { .kind = MADO_QUANTITY_DATE, .year = 2024, .month = 12, .day = 3 };
  MadoQuantity five = make_time (5, 0, TRUE), seventeen = make_time (17, 0, FALSE);
  MadoQuantity five_am = make_time (5, 0, FALSE), six_pm = make_time (18, 0, FALSE);

  g_assert_true (mado_quantity_equal (&yen, &yen_elsewhere));
  g_assert_false (mado_quantity_equal (&yen, &dollars));
  g_assert_true (mado_quantity_equal (&count, &third));
  g_assert_false (mado_quantity_equal (&count, &percent));
  g_assert_false (mado_quantity_equal (&two_weeks, &fourteen_months));
  g_assert_false (mado_quantity_equal (&december, &december_2024));
  g_assert_true (mado_quantity_equal (&five, &seventeen));
  g_assert_true (mado_quantity_equal (&five, &five_am));
  g_assert_false (mado_quantity_equal (&five_am, &seventeen));
  g_assert_false (mado_quantity_equal (&five, &six_pm));
}

static void
test_descriptions (void)
{
  static const struct {
    MadoQuantity quantity;
    const char  *description;
  } cases[] = {
    { { .kind = MADO_QUANTITY_NUMBER, .value = 37.5 }, "number 37.5" },
    { { .kind = MADO_QUANTITY_AMOUNT, .value = 200000, .currency = "JPY" }, "amount 200000 JPY" },
    { { .kind = MADO_QUANTITY_TIME, .hour = 17, .minute = 15 }, "time 17:15" },
    { { .kind = MADO_QUANTITY_TIME, .hour = 5, .minute = 0, .twelve_hour = TRUE }, "time 05:00/17:00" },
    { { .kind = MADO_QUANTITY_DATE, .year = 2024, .month = 12, .day = 3 }, "date 2024-12-03" },
    { { .kind = MADO_QUANTITY_DATE, .month = 12, .day = 3 }, "date --12-03" },
    { { .kind = MADO_QUANTITY_DATE, .month = 12 }, "date --12" },
    { { .kind = MADO_QUANTITY_DATE, .day = 3 }, "date ---03" },
    { { .kind = MADO_QUANTITY_DATE, .year = 2024 }, "date 2024" },
    { { .kind = MADO_QUANTITY_DURATION, .value = 1800, .duration_unit = MADO_DURATION_SECONDS }, "duration 1800 s" },
    { { .kind = MADO_QUANTITY_PERCENTAGE, .value = 30 }, "percentage 30" },
    { { .kind = MADO_QUANTITY_ORDINAL, .value = 3 }, "ordinal 3" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *description = mado_quantity_to_string (&cases[i].quantity);

      g_assert_cmpstr (description, ==, cases[i].description);
    }
}

static void
test_boxed_copy (void)
{
  g_autoptr(GPtrArray) quantities = mado_quantities_extract ("0120-95-0178", "ja");
  g_autoptr(MadoQuantity) copy = NULL;
  MadoQuantity *original;

  g_assert_cmpuint (quantities->len, ==, 1);
  original = g_ptr_array_index (quantities, 0);
  copy = g_boxed_copy (MADO_TYPE_QUANTITY, original);
  g_assert_true (copy->digits != original->digits);
  g_assert_cmpstr (copy->digits, ==, "0120950178");
  g_assert_cmpuint (copy->end, ==, strlen ("0120-95-0178"));
  g_assert_true (mado_quantity_equal (copy, original));
}

static void
test_refuses_bad_arguments (void)
{
  const char *bad_utf8 = "300\xff\xfe円";
  GPtrArray *result;

  g_test_expect_message ("Madoguchi", G_LOG_LEVEL_CRITICAL, "*g_utf8_validate*");
  result = mado_quantities_extract (bad_utf8, "ja");
  g_test_assert_expected_messages ();
  g_assert_null (result);

  g_test_expect_message ("Madoguchi", G_LOG_LEVEL_CRITICAL, "*g_utf8_validate*");
  result = mado_quantities_compare ("300円", "ja", bad_utf8);
  g_test_assert_expected_messages ();
  g_assert_null (result);

  g_test_expect_message ("Madoguchi", G_LOG_LEVEL_CRITICAL, "*rules != NULL*");
  result = mado_quantities_extract ("300", "tlh");
  g_test_assert_expected_messages ();
  g_assert_null (result);
}

/* Every span lies inside its text, on character boundaries, in order and without overlap; in Easy
 * Japanese, quantities inside one reading group may share it. */
static void
assert_spans_sound (const char *text,
                    const char *language,
                    GPtrArray  *quantities)
{
  gsize length = strlen (text);
  gsize previous_start = 0, previous_end = 0;
  gboolean easy = g_str_equal (language, "ja-x-easy");

  for (guint i = 0; i < quantities->len; i++)
    {
      MadoQuantity *quantity = g_ptr_array_index (quantities, i);

      g_assert_cmpuint (quantity->start, <, quantity->end);
      g_assert_cmpuint (quantity->end, <=, length);
      if (easy && quantity->start < previous_end)
        {
          /* Only a reading group holds both: the shared part starts with its "{". */
          g_assert_cmpuint (quantity->start, >=, previous_start);
          g_assert_cmpint (text[quantity->start], ==, '{');
        }
      else
        g_assert_cmpuint (quantity->start, >=, previous_end);
      g_assert_true (g_utf8_validate (text + quantity->start, quantity->end - quantity->start, NULL));
      g_assert_true (quantity->end == length || ((guchar) text[quantity->end] & 0xC0) != 0x80);
      g_assert_true (((guchar) text[quantity->start] & 0xC0) != 0x80);
      previous_start = quantity->start;
      previous_end = quantity->end;
    }
}

/* Pieces that sit at the edges of what the scanner reads: digits of every script, separators,
 * numerals, units and markup, in random order. */
static const char *const fragments[] = {
  "0", "1", "7", "12", "300", "2024", "０", "５", "๑", "๒", "၃", "၀", "३", "०", ".", ",", ":", "/", "-", " ",
  "\u00a0", "（", "）", "(", ")", "+", "%", "％", "：", "，", "．", "ー", "－", "{", "|", "}", "{三|さん}", "万", "千",
  "百", "十", "一", "二", "〇", "円", "時", "分", "半", "年", "月", "日", "午後", "令和", "元", "第", "番", "割",
  "만", "천", "원", "시", "삼", "이", "한", "열", "오후", "ngày", "tháng", "năm", "mười", "mươi", "giờ", "yên",
  "pukul", "ribu", "belas", "Rp", "สาม", "ร้อย", "บาท", "โมง", "ทุ่ม", "น.", "ညနေ", "နာရီ", "ယန်း", "बजे", "लाख",
  "साढे", "दिन", "two", "hundred", "and", "one", "pm", "a.m.", "December", "de", "diciembre", "a las", "h", "heures",
  "et", "quatre-vingt", "às", "alas-", "ng", "hapon", "na", "araw", "¥", "$", "€", "v", "A", "No.", "th", "st",
};

static char *
random_text (GRand *rand,
             guint  n_fragments)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n_fragments; i++)
    g_string_append (text, fragments[g_rand_int_range (rand, 0, G_N_ELEMENTS (fragments))]);
  return g_string_free (text, FALSE);
}

static void
test_random_text_is_safe (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240403);
  guint n_languages;
  const MadoLanguage **languages = mado_language_get_all (&n_languages);

  for (guint round = 0; round < 400; round++)
    for (guint l = 0; l < n_languages; l++)
      {
        g_autofree char *text = random_text (rand, g_rand_int_range (rand, 0, 40));
        g_autofree char *other = random_text (rand, g_rand_int_range (rand, 0, 40));
        g_autoptr(GPtrArray) quantities = mado_quantities_extract (text, languages[l]->code);
        g_autoptr(GPtrArray) changed = mado_quantities_compare (text, languages[l]->code, other);
        g_autoptr(GPtrArray) unchanged = mado_quantities_compare (text, languages[l]->code, text);

        assert_spans_sound (text, languages[l]->code, quantities);
        for (guint i = 0; i < changed->len; i++)
          {
            MadoQuantity *quantity = g_ptr_array_index (changed, i);
            const char *own = quantity->side == MADO_QUANTITY_SIDE_SOURCE ? text : other;

            g_assert_cmpuint (quantity->end, <=, strlen (own));
          }
        /* A text compared with itself has changed nothing. */
        g_assert_cmpuint (unchanged->len, ==, 0);
      }
}

/* Long texts, and long runs of what a number is made of, are read in one pass without trouble. */
static void
test_long_text (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GString) commas = g_string_new (NULL);
  g_autoptr(GString) mixed = g_string_new (NULL);
  g_autofree char *digits = g_strnfill (200000, '7');
  g_autofree char *colons = g_strnfill (200000, ':');
  g_autofree char *kanji = NULL;
  g_autoptr(GPtrArray) from_digits = NULL;
  g_autoptr(GPtrArray) from_commas = NULL;
  g_autoptr(GPtrArray) from_colons = NULL;
  g_autoptr(GPtrArray) from_kanji = NULL;
  g_autoptr(GPtrArray) from_mixed = NULL;
  g_autoptr(GString) kanji_run = g_string_new (NULL);

  for (guint i = 0; i < 50000; i++)
    g_string_append (commas, "1,");
  for (guint i = 0; i < 50000; i++)
    g_string_append (kanji_run, "二十");
  kanji = g_string_free (g_steal_pointer (&kanji_run), FALSE);
  while (mixed->len < 1000000)
    {
      g_autofree char *piece = random_text (rand, 30);

      g_string_append (mixed, piece);
    }

  from_digits = mado_quantities_extract (digits, "en");
  g_assert_cmpuint (from_digits->len, ==, 1);
  g_assert_cmpint (((MadoQuantity *) g_ptr_array_index (from_digits, 0))->kind, ==, MADO_QUANTITY_DIGITS);

  from_commas = mado_quantities_extract (commas->str, "en");
  g_assert_cmpuint (from_commas->len, ==, 50000);
  assert_spans_sound (commas->str, "en", from_commas);

  from_colons = mado_quantities_extract (colons, "fr");
  g_assert_cmpuint (from_colons->len, ==, 0);

  from_kanji = mado_quantities_extract (kanji, "ja");
  assert_spans_sound (kanji, "ja", from_kanji);

  for (guint l = 0; l < 15; l++)
    {
      guint n_languages;
      const MadoLanguage **languages = mado_language_get_all (&n_languages);

      g_assert_cmpuint (n_languages, ==, 15);
      from_mixed = mado_quantities_extract (mixed->str, languages[l]->code);
      assert_spans_sound (mixed->str, languages[l]->code, from_mixed);
      g_clear_pointer (&from_mixed, g_ptr_array_unref);
    }
}

/* Whether @a and @b hold the same quantities, each of one answering for one of the other. */
static gboolean
same_quantities (GPtrArray *a,
                 GPtrArray *b)
{
  g_autofree gboolean *used = g_new0 (gboolean, b->len + 1);

  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < b->len && !found; j++)
        if (!used[j] && mado_quantity_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, j)))
          used[j] = found = TRUE;
      if (!found)
        return FALSE;
    }
  return TRUE;
}

/* Every text of every shipped phrase is read without trouble and, compared with itself, changes
 * nothing. How often Japanese and English agree is reported, not asserted: the translations
 * legitimately use other units (3割 and 30%, 1年分 and "1 full year"). */
static void
test_shipped_phrases (void)
{
  g_autoptr(MadoPhraseReader) reader = mado_phrase_reader_new ();
  g_autofree char *dir = mado_phrase_reader_default_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sets = mado_phrase_reader_read_tree (reader, dir, &error);
  guint n_languages, n_phrases = 0, n_with_numbers = 0, n_agreeing = 0, n_texts = 0;
  const MadoLanguage **languages = mado_language_get_all (&n_languages);

  g_assert_no_error (error);
  g_assert_cmpuint (sets->len, >, 0);

  for (guint s = 0; s < sets->len; s++)
    {
      GPtrArray *phrases = mado_phrase_set_get_phrases (g_ptr_array_index (sets, s));

      for (guint p = 0; p < phrases->len; p++)
        {
          MadoPhrase *phrase = g_ptr_array_index (phrases, p);
          g_autoptr(GPtrArray) japanese = NULL;
          g_autoptr(GPtrArray) english = NULL;

          n_phrases++;
          for (guint l = 0; l < n_languages; l++)
            {
              const char *text = mado_phrase_get_text (phrase, languages[l]->code);
              g_autoptr(GPtrArray) quantities = NULL;
              g_autoptr(GPtrArray) unchanged = NULL;

              if (text == NULL)
                continue;
              n_texts++;
              quantities = mado_quantities_extract (text, languages[l]->code);
              g_assert_nonnull (quantities);
              assert_spans_sound (text, languages[l]->code, quantities);
              unchanged = mado_quantities_compare (text, languages[l]->code, text);
              g_assert_cmpuint (unchanged->len, ==, 0);

              if (g_str_equal (languages[l]->code, "ja"))
                japanese = g_steal_pointer (&quantities);
              else if (g_str_equal (languages[l]->code, "en"))
                english = g_steal_pointer (&quantities);
            }

          if (japanese == NULL || english == NULL || (japanese->len == 0 && english->len == 0))
            continue;
          n_with_numbers++;
          if (same_quantities (japanese, english))
            n_agreeing++;
          else if (g_test_verbose ())
            g_test_message ("ja and en differ: %s / %s", mado_phrase_get_text (phrase, "ja"),
                            mado_phrase_get_text (phrase, "en"));
        }
    }

  g_test_message ("%u phrases, %u texts read; of the %u phrases with numbers in Japanese or English, "
                  "%u have the same numeric values in both", n_phrases, n_texts, n_with_numbers, n_agreeing);
  g_assert_cmpuint (n_phrases, >, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/madoguchi/number-check/extraction", test_extraction);
  g_test_add_func ("/madoguchi/number-check/no-quantities", test_no_quantities);
  g_test_add_func ("/madoguchi/number-check/comparison", test_comparison);
  g_test_add_func ("/madoguchi/number-check/repeated-quantity", test_repeated_quantity);
  g_test_add_func ("/madoguchi/number-check/equality", test_equality);
  g_test_add_func ("/madoguchi/number-check/descriptions", test_descriptions);
  g_test_add_func ("/madoguchi/number-check/boxed-copy", test_boxed_copy);
  g_test_add_func ("/madoguchi/number-check/bad-arguments", test_refuses_bad_arguments);
  g_test_add_func ("/madoguchi/number-check/random-text", test_random_text_is_safe);
  g_test_add_func ("/madoguchi/number-check/long-text", test_long_text);
  g_test_add_func ("/madoguchi/number-check/shipped-phrases", test_shipped_phrases);

  return g_test_run ();
}

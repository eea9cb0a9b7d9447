/* mado-number-rules.c: how the languages not written in Latin script write numbers, and the registry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-number-rules-private.h"

#include <string.h>

/* ---- Japanese ---------------------------------------------------------------------------- */

static const MadoUnitWord ja_after[] = {
  CUR ("円", "JPY"), CUR ("日本円", "JPY"), CUR ("ドル", "USD"), CUR ("ユーロ", "EUR"),
  CUR ("ウォン", "KRW"), CUR ("元", "CNY"), CUR ("人民元", "CNY"), CUR ("バーツ", "THB"),
  CUR ("ペソ", "PHP"),
  PERCENT_SIGNS, PCT ("パーセント", 1), PCT ("割", 10),
  HOUR ("時", 0, WEAK), MINUTE ("分", 0), HALF ("半"),
  SECS ("秒", 1), SECS ("秒間", 1), SECS ("分間", 60), SECS ("時間", 3600),
  DAYS ("日間", 1), DAYS ("週間", 7), DAYS ("週", 7),
  MONTHS ("か月", 1), MONTHS ("ヶ月", 1), MONTHS ("カ月", 1), MONTHS ("ケ月", 1), MONTHS ("ヵ月", 1),
  MONTHS ("箇月", 1), MONTHS ("か月間", 1), MONTHS ("ヶ月間", 1), MONTHS ("カ月間", 1),
  MONTHS ("ヵ月間", 1), MONTHS ("年間", 12),
  YEAR ("年"), YEAR ("年度"), MONTH ("月"), DAY ("日", 0),
  ORDINAL ("番", WEAK), ORDINAL ("番目", 0), ORDINAL ("番線", 0), ORDINAL ("回目", 0),
  ORDINAL ("日目", 0), ORDINAL ("号", 0), ORDINAL ("号車", 0), ORDINAL ("号室", 0),
  ORDINAL ("丁目", 0), ORDINAL ("位", 0),
  COUNTER ("人"), COUNTER ("名"), COUNTER ("名様"), COUNTER ("通"), COUNTER ("枚"), COUNTER ("点"),
  COUNTER ("回"), COUNTER ("階"), COUNTER ("桁"), COUNTER ("歳"), COUNTER ("才"), COUNTER ("個"),
  COUNTER ("つ"), COUNTER ("本"), COUNTER ("冊"), COUNTER ("台"), COUNTER ("件"), COUNTER ("倍"),
  COUNTER ("泊"), COUNTER ("匹"), COUNTER ("か所"), COUNTER ("カ所"), COUNTER ("ヶ所"),
  COUNTER ("箇所"), COUNTER ("部"), COUNTER ("種類"), COUNTER ("文字"), COUNTER ("分の"),
  COUNTER ("年生"), COUNTER ("度"), COUNTER ("番地"), COUNTER ("日分"), COUNTER ("か国"),
  COUNTER ("組"), COUNTER ("便"),
  END_UNITS
};

static const MadoUnitWord ja_before[] = {
  COMMON_CURRENCY_SIGNS,
  ORDINAL ("第", 0),
  ERA ("令和", 2018), ERA ("平成", 1988), ERA ("昭和", 1925), ERA ("大正", 1911),
  END_UNITS
};

static const MadoUnitWord ja_meridiems[] = {
  AM ("午前", BEFORE), PM ("午後", BEFORE), AM ("朝", BEFORE), PM ("夕方", BEFORE),
  NIGHT ("夜", BEFORE), NOON ("昼", BEFORE), NIGHT ("深夜", BEFORE), AM ("早朝", BEFORE),
  AM ("明け方", BEFORE), AM ("ごぜん", BEFORE), PM ("ごご", BEFORE), AM ("あさ", BEFORE),
  PM ("ゆうがた", BEFORE), NIGHT ("よる", BEFORE), NOON ("ひる", BEFORE),
  END_UNITS
};

static const MadoNumberWord kanji_words[] = {
  VALUE ("〇", 0), VALUE ("零", 0), VALUE_WEAK ("一", 1), VALUE ("二", 2), VALUE ("三", 3),
  VALUE ("四", 4), VALUE ("五", 5), VALUE ("六", 6), VALUE ("七", 7), VALUE ("八", 8),
  VALUE ("九", 9), VALUE ("两", 2), VALUE ("兩", 2),
  SMALL ("十", 10), SMALL ("百", 100), SMALL ("千", 1000),
  LARGE ("万", 1e4), LARGE ("萬", 1e4), LARGE ("億", 1e8), LARGE ("亿", 1e8), LARGE ("兆", 1e12),
  END_WORDS
};

static const char *const ja_duration_marks[] = {
  "以内", "間", "の間", "のあいだ", "後", "前", "以上", "未満", "ほど", "ぐらい", "くらい", "程度", "分", "連続", "超",
  "経過", "いない", "かん", "ご", "まえ", "いじょう", NULL
};

/* Words that begin with a numeral and a unit but are not quantities: 十分 (enough), 一度 (once,
 * again), 一部 (part), 一通り (roughly), 一回り (a size), place names and idioms. */
static const char *const ja_not_numbers[] = {
  "十分", "一度", "一部", "一通り", "一回り", "一人ひとり", "一人一人", "一つ一つ", "一日中", "四日市", "三日月",
  "二日酔い", "五月雨", "五月蝿", NULL
};

/* ---- Chinese (both scripts) ------------------------------------------------------------- */

static const MadoUnitWord zh_after[] = {
  CUR ("日元", "JPY"), CUR ("日圆", "JPY"), CUR ("日圓", "JPY"), CUR ("日币", "JPY"),
  CUR ("日幣", "JPY"), CUR ("円", "JPY"), CUR ("元", "CNY"), CUR ("人民币", "CNY"),
  CUR ("人民幣", "CNY"), CUR ("美元", "USD"), CUR ("欧元", "EUR"), CUR ("歐元", "EUR"),
  CUR ("韩元", "KRW"), CUR ("韓元", "KRW"), CUR ("泰铢", "THB"), CUR ("泰銖", "THB"),
  PERCENT_SIGNS,
  HOUR ("点", 0, WEAK | MADO_UNIT_BARE_MINUTES), HOUR ("點", 0, WEAK | MADO_UNIT_BARE_MINUTES),
  HOUR ("时", 0, 0), HOUR ("時", 0, 0), MINUTE ("分", 0), HALF ("半"),
  SECS ("秒", 1), SECS ("秒钟", 1), SECS ("秒鐘", 1), SECS ("分钟", 60), SECS ("分鐘", 60),
  SECS ("小时", 3600), SECS ("小時", 3600), SECS ("个小时", 3600), SECS ("個小時", 3600),
  SECS ("个钟头", 3600), SECS ("個鐘頭", 3600), SECS ("钟头", 3600), SECS ("鐘頭", 3600),
  DAYS ("天", 1), DAYS ("周", 7), DAYS ("週", 7), DAYS ("个星期", 7), DAYS ("個星期", 7),
  DAYS ("星期", 7), DAYS ("个礼拜", 7), DAYS ("個禮拜", 7),
  MONTHS ("个月", 1), MONTHS ("個月", 1),
  YEAR ("年"), YEAR ("年度"), MONTH ("月"),
  DAY ("日", 0), DAY ("号", MADO_UNIT_LABEL_ALONE), DAY ("號", MADO_UNIT_LABEL_ALONE),
  ORDINAL ("号线", 0), ORDINAL ("號線", 0), ORDINAL ("号楼", 0), ORDINAL ("號樓", 0),
  COUNTER ("个"), COUNTER ("個"), COUNTER ("位"), COUNTER ("张"), COUNTER ("張"), COUNTER ("份"),
  COUNTER ("次"), COUNTER ("人"), COUNTER ("名"), COUNTER ("岁"), COUNTER ("歲"), COUNTER ("层"),
  COUNTER ("層"), COUNTER ("楼"), COUNTER ("樓"), COUNTER ("件"), COUNTER ("本"), COUNTER ("条"),
  COUNTER ("條"), COUNTER ("种"), COUNTER ("種"), COUNTER ("倍"), COUNTER ("台"), COUNTER ("辆"),
  COUNTER ("輛"), COUNTER ("间"), COUNTER ("間"), COUNTER ("处"), COUNTER ("處"), COUNTER ("页"),
  COUNTER ("頁"), COUNTER ("位数"), COUNTER ("位數"), COUNTER ("块"), COUNTER ("塊"),
  COUNTER ("晚"), COUNTER ("年级"), COUNTER ("年級"),
  END_UNITS
};

static const MadoUnitWord zh_before[] = {
  COMMON_CURRENCY_SIGNS,
  ORDINAL ("第", 0), PCT ("百分之", 1),
  END_UNITS
};

static const MadoUnitWord zh_meridiems[] = {
  AM ("上午", BEFORE), AM ("早上", BEFORE), AM ("早晨", BEFORE), AM ("凌晨", BEFORE),
  AM ("清晨", BEFORE), PM ("下午", BEFORE), PM ("傍晚", BEFORE), NIGHT ("晚上", BEFORE),
  NIGHT ("夜里", BEFORE), NIGHT ("夜裡", BEFORE), NIGHT ("夜间", BEFORE), NIGHT ("夜間", BEFORE),
  NOON ("中午", BEFORE),
  END_UNITS
};

static const char *const zh_duration_marks[] = {
  "内", "內", "以内", "以內", "之内", "之內", "后", "後", "前", "以上", NULL
};

static const char *const zh_not_numbers[] = {
  "十分", "万分", "萬分", "百分之", "百分比", "一点儿", "一點兒", "一点点", "一點點", NULL
};

/* ---- Korean ------------------------------------------------------------------------------ */

static const MadoUnitWord ko_after[] = {
  CUR ("엔", "JPY"), CUR ("원", "KRW"), CUR ("달러", "USD"), CUR ("유로", "EUR"),
  CUR ("위안", "CNY"), CUR ("바트", "THB"), CUR ("페소", "PHP"),
  PERCENT_SIGNS, PCT ("퍼센트", 1), PCT ("프로", 1),
  HOUR ("시", 0, WEAK), MINUTE ("분", WEAK), HALF ("반"),
  SECS_WEAK ("초", 1), SECS ("시간", 3600),
  DAYS ("일간", 1), DAYS_WEAK ("주", 7), DAYS ("주일", 7), DAYS ("주간", 7),
  MONTHS ("개월", 1), MONTHS ("달", 1), MONTHS ("년간", 12),
  YEAR ("년"), YEAR ("년도"), MONTH ("월"), DAY ("일", WEAK),
  ORDINAL ("번째", 0), ORDINAL ("번", WEAK), ORDINAL ("호", 0), ORDINAL ("호선", 0),
  ORDINAL ("호실", 0), ORDINAL ("등", 0), ORDINAL ("째", 0),
  COUNTER ("명"), COUNTER ("개"), COUNTER ("장"), COUNTER ("통"), COUNTER ("층"), COUNTER ("살"),
  COUNTER ("세"), COUNTER ("가지"), COUNTER ("곳"), COUNTER ("권"), COUNTER ("대"), COUNTER ("부"),
  COUNTER ("배"), COUNTER ("박"), COUNTER ("회"), COUNTER ("학년"), COUNTER ("자리"), COUNTER ("매"),
  END_UNITS
};

static const MadoUnitWord ko_before[] = {
  COMMON_CURRENCY_SIGNS,
  ORDINAL ("제", 0),
  END_UNITS
};

static const MadoUnitWord ko_meridiems[] = {
  AM ("오전", BEFORE), AM ("아침", BEFORE), AM ("새벽", BEFORE), PM ("오후", BEFORE),
  PM ("저녁", BEFORE), NIGHT ("밤", BEFORE), NOON ("낮", BEFORE),
  END_UNITS
};

/* Sino-Korean digits alone are common words (이 "this", 일 "work", 사 "buy"), so they are weak;
 * the native counting words before a counter (두 명, 세 시) are not. */
static const MadoNumberWord ko_words[] = {
  VALUE ("영", 0), VALUE_WEAK ("일", 1), VALUE_WEAK ("이", 2), VALUE_WEAK ("삼", 3),
  VALUE_WEAK ("사", 4), VALUE_WEAK ("오", 5), VALUE_WEAK ("육", 6), VALUE_WEAK ("칠", 7),
  VALUE_WEAK ("팔", 8), VALUE_WEAK ("구", 9),
  SMALL ("십", 10), SMALL ("백", 100), SMALL ("천", 1000), LARGE ("만", 1e4), LARGE ("억", 1e8),
  LARGE ("조", 1e12),
  VALUE ("하나", 1), VALUE_WEAK ("한", 1), VALUE ("둘", 2), VALUE ("두", 2), VALUE ("셋", 3),
  VALUE ("세", 3), VALUE ("넷", 4), VALUE ("네", 4), VALUE ("다섯", 5), VALUE ("여섯", 6),
  VALUE ("일곱", 7), VALUE ("여덟", 8), VALUE ("아홉", 9), VALUE ("열", 10), VALUE ("스물", 20),
  VALUE ("스무", 20), VALUE ("서른", 30), VALUE ("마흔", 40), VALUE ("쉰", 50),
  END_WORDS
};

static const char *const ko_duration_marks[] = {
  "이내", "동안", "간", "후", "전", "이상", "미만", "정도", "쯤", "만에", "안에", "내", "넘게", NULL
};

static const char *const ko_not_numbers[] = { "이번", "일부", NULL };

/* ---- Thai -------------------------------------------------------------------------------- */

static const MadoUnitWord th_after[] = {
  CUR ("เยน", "JPY"), CUR ("บาท", "THB"), CUR ("ดอลลาร์", "USD"), CUR ("ยูโร", "EUR"),
  CUR ("วอน", "KRW"), CUR ("หยวน", "CNY"),
  PERCENT_SIGNS, PCT ("เปอร์เซ็นต์", 1), PCT ("เปอร์เซนต์", 1),
  HOUR ("นาฬิกา", 0, MADO_UNIT_24_HOUR), HOUR ("น.", 0, MADO_UNIT_24_HOUR), HOUR ("โมง", 0, 0), HOUR ("ทุ่ม", 18, 0),
  MINUTE ("นาที", 0), HALF ("ครึ่ง"),
  SECS ("วินาที", 1), SECS ("ชั่วโมง", 3600), SECS ("ชม.", 3600),
  DAYS ("วัน", 1), DAYS ("สัปดาห์", 7), DAYS ("อาทิตย์", 7),
  MONTHS ("เดือน", 1), MONTHS ("ปี", 12),
  COUNTER ("คน"), COUNTER ("ฉบับ"), COUNTER ("ใบ"), COUNTER ("ครั้ง"), COUNTER ("ชั้น"),
  COUNTER ("อัน"), COUNTER ("ชิ้น"), COUNTER ("แผ่น"), COUNTER ("หน้า"), COUNTER ("เล่ม"),
  COUNTER ("ข้อ"), COUNTER ("ตัว"), COUNTER ("หลัก"), COUNTER ("ท่าน"),
  END_UNITS
};

static const MadoUnitWord th_before[] = {
  COMMON_CURRENCY_SIGNS,
  DAY_PREFIX ("วันที่"), YEAR_PREFIX ("พ.ศ."), YEAR_PREFIX ("ค.ศ."),
  TIME_PREFIX ("ตี", 0), AT ("เวลา"),
  ORDINAL ("ที่", 0), ORDINAL ("หมายเลข", 0), ORDINAL ("เบอร์", 0),
  PCT ("ร้อยละ", 1),
  END_UNITS
};

static const MadoUnitWord th_months[] = {
  MONTH_NAME ("มกราคม", 1), MONTH_NAME ("กุมภาพันธ์", 2), MONTH_NAME ("มีนาคม", 3),
  MONTH_NAME ("เมษายน", 4), MONTH_NAME ("พฤษภาคม", 5), MONTH_NAME ("มิถุนายน", 6),
  MONTH_NAME ("กรกฎาคม", 7), MONTH_NAME ("สิงหาคม", 8), MONTH_NAME ("กันยายน", 9),
  MONTH_NAME ("ตุลาคม", 10), MONTH_NAME ("พฤศจิกายน", 11), MONTH_NAME ("ธันวาคม", 12),
  MONTH_NAME ("ม.ค.", 1), MONTH_NAME ("ก.พ.", 2), MONTH_NAME ("มี.ค.", 3), MONTH_NAME ("เม.ย.", 4),
  MONTH_NAME ("พ.ค.", 5), MONTH_NAME ("มิ.ย.", 6), MONTH_NAME ("ก.ค.", 7), MONTH_NAME ("ส.ค.", 8),
  MONTH_NAME ("ก.ย.", 9), MONTH_NAME ("ต.ค.", 10), MONTH_NAME ("พ.ย.", 11), MONTH_NAME ("ธ.ค.", 12),
  END_UNITS
};

static const MadoUnitWord th_meridiems[] = {
  AM ("เช้า", AFTER), PM ("เย็น", AFTER), PM ("บ่าย", BEFORE | AFTER), NIGHT ("ค่ำ", AFTER),
  END_UNITS
};

static const MadoNumberWord th_words[] = {
  VALUE ("ศูนย์", 0), VALUE_WEAK ("หนึ่ง", 1), VALUE ("เอ็ด", 1), VALUE ("สอง", 2), VALUE ("ยี่", 2),
  VALUE ("สาม", 3), VALUE ("สี่", 4), VALUE ("ห้า", 5), VALUE ("หก", 6), VALUE ("เจ็ด", 7),
  VALUE ("แปด", 8), VALUE ("เก้า", 9),
  SMALL ("สิบ", 10), SMALL ("ร้อย", 100), SMALL ("พัน", 1000),
  LARGE ("หมื่น", 1e4), LARGE ("แสน", 1e5), LARGE ("ล้าน", 1e6),
  END_WORDS
};

/* ---- Burmese ----------------------------------------------------------------------------- */

static const MadoUnitWord my_after[] = {
  CUR ("ယန်း", "JPY"), CUR ("ကျပ်", "MMK"), CUR ("ဒေါ်လာ", "USD"),
  PERCENT_SIGNS, PCT ("ရာခိုင်နှုန်း", 1),
  HOUR ("နာရီ", 0, 0), MINUTE ("မိနစ်", 0), HALF ("ခွဲ"),
  SECS ("စက္ကန့်", 1), SECS ("နာရီကြာ", 3600),
  DAYS ("ရက်", 1), DAYS ("ပတ်", 7), MONTHS ("လ", 1), MONTHS ("နှစ်", 12),
  DAY ("ရက်နေ့", 0),
  COUNTER ("ယောက်"), COUNTER ("ဦး"), COUNTER ("စောင်"), COUNTER ("ခု"), COUNTER ("ကြိမ်"),
  COUNTER ("ထပ်"), COUNTER ("လုံး"), COUNTER ("ရွက်"),
  END_UNITS
};

static const MadoUnitWord my_before[] = {
  COMMON_CURRENCY_SIGNS,
  ORDINAL ("အမှတ်", 0),
  END_UNITS
};

static const MadoUnitWord my_months[] = {
  MONTH_NAME ("ဇန်နဝါရီ", 1), MONTH_NAME ("ဖေဖော်ဝါရီ", 2), MONTH_NAME ("မတ်", 3),
  MONTH_NAME ("ဧပြီ", 4), MONTH_NAME ("မေ", 5), MONTH_NAME ("ဇွန်", 6), MONTH_NAME ("ဇူလိုင်", 7),
  MONTH_NAME ("ဩဂုတ်", 8), MONTH_NAME ("သြဂုတ်", 8), MONTH_NAME ("စက်တင်ဘာ", 9),
  MONTH_NAME ("အောက်တိုဘာ", 10), MONTH_NAME ("နိုဝင်ဘာ", 11), MONTH_NAME ("ဒီဇင်ဘာ", 12),
  MONTH_NAME ("ဇန်နဝါရီလ", 1), MONTH_NAME ("ဖေဖော်ဝါရီလ", 2), MONTH_NAME ("မတ်လ", 3),
  MONTH_NAME ("ဧပြီလ", 4), MONTH_NAME ("မေလ", 5), MONTH_NAME ("ဇွန်လ", 6), MONTH_NAME ("ဇူလိုင်လ", 7),
  MONTH_NAME ("ဩဂုတ်လ", 8), MONTH_NAME ("သြဂုတ်လ", 8), MONTH_NAME ("စက်တင်ဘာလ", 9),
  MONTH_NAME ("အောက်တိုဘာလ", 10), MONTH_NAME ("နိုဝင်ဘာလ", 11), MONTH_NAME ("ဒီဇင်ဘာလ", 12),
  END_UNITS
};

static const MadoUnitWord my_meridiems[] = {
  AM ("မနက်", BEFORE), AM ("နံနက်", BEFORE), NOON ("နေ့လယ်", BEFORE), PM ("ညနေ", BEFORE),
  NIGHT ("ည", BEFORE),
  END_UNITS
};

/* Burmese number words are read only as scales after digits (၂ သိန်း): နှစ် is both "two" and
 * "year", and the digit words run into the words around them. */
static const MadoNumberWord my_words[] = {
  LARGE ("ထောင်", 1e3), LARGE ("သောင်း", 1e4), LARGE ("သိန်း", 1e5), LARGE ("သန်း", 1e6),
  END_WORDS
};

/* ---- Nepali ------------------------------------------------------------------------------ */

static const MadoUnitWord ne_after[] = {
  CUR ("येन", "JPY"), CUR ("रुपैयाँ", "NPR"), CUR ("रुपियाँ", "NPR"), CUR ("रूपैयाँ", "NPR"),
  CUR ("डलर", "USD"),
  PERCENT_SIGNS, PCT ("प्रतिशत", 1),
  HOUR ("बजे", 0, 0), HOUR ("बजेर", 0, 0), MINUTE ("मिनेट", 0),
  SECS ("सेकेन्ड", 1), SECS ("सेकेण्ड", 1), SECS ("घण्टा", 3600), SECS ("घन्टा", 3600),
  SECS ("घंटा", 3600),
  DAYS ("दिन", 1), DAYS ("हप्ता", 7), DAYS ("साता", 7),
  MONTHS ("महिना", 1), MONTHS ("वर्ष", 12), MONTHS ("बर्ष", 12), MONTHS ("साल", 12),
  ORDINAL ("औं", MADO_UNIT_ATTACHED), ORDINAL ("नम्बर", 0),
  COUNTER ("जना"), COUNTER ("वटा"), COUNTER ("प्रति"), COUNTER ("पटक"), COUNTER ("तल्ला"),
  COUNTER ("अङ्क"), COUNTER ("अंक"), COUNTER ("पाना"),
  END_UNITS
};

static const MadoUnitWord ne_before[] = {
  COMMON_CURRENCY_SIGNS, CUR ("रु", "NPR"), CUR ("रु.", "NPR"), CUR ("rs", "NPR"),
  CUR ("rs.", "NPR"),
  HALF_PAST ("साढे"),
  END_UNITS
};

static const MadoUnitWord ne_months[] = {
  MONTH_NAME ("जनवरी", 1), MONTH_NAME ("फेब्रुअरी", 2), MONTH_NAME ("मार्च", 3),
  MONTH_NAME ("अप्रिल", 4), MONTH_NAME ("मे", 5), MONTH_NAME ("जुन", 6), MONTH_NAME ("जुलाई", 7),
  MONTH_NAME ("अगस्ट", 8), MONTH_NAME ("अगस्त", 8), MONTH_NAME ("सेप्टेम्बर", 9),
  MONTH_NAME ("सेप्टेम्बर", 9), MONTH_NAME ("अक्टोबर", 10), MONTH_NAME ("नोभेम्बर", 11),
  MONTH_NAME ("डिसेम्बर", 12),
  END_UNITS
};

static const MadoUnitWord ne_meridiems[] = {
  AM ("बिहान", BEFORE), PM ("दिउँसो", BEFORE), PM ("बेलुका", BEFORE), PM ("बेलुकी", BEFORE),
  PM ("साँझ", BEFORE), NIGHT ("राति", BEFORE), NOON ("मध्यान्ह", BEFORE),
  END_UNITS
};

static const MadoNumberWord ne_words[] = {
  SMALL ("सय", 100), LARGE ("हजार", 1e3), LARGE ("लाख", 1e5), LARGE ("करोड", 1e7),
  LARGE ("अर्ब", 1e9),
  END_WORDS
};

/* ---- The registry ------------------------------------------------------------------------ */

/* Languages written in Latin script keep their tables in mado-number-rules-latin.c. */
static const MadoNumberRules rules[] = {
  {
    .code = "ja", .decimal_mark = '.', .group_marks = ",，", .date_order = MADO_DATE_MONTH_FIRST,
    .spacing = MADO_SPACING_NONE, .kanji_positional = TRUE, .words_need_unit = TRUE, .one_counts = TRUE,
    .after = ja_after, .before = ja_before, .meridiems = ja_meridiems, .words = kanji_words,
    .duration_marks = ja_duration_marks, .not_numbers = ja_not_numbers,
  },
  {
    .code = "ja-x-easy", .decimal_mark = '.', .group_marks = ",，", .date_order = MADO_DATE_MONTH_FIRST,
    .spacing = MADO_SPACING_NONE, .kanji_positional = TRUE, .words_need_unit = TRUE, .one_counts = TRUE,
    .after = ja_after, .before = ja_before, .meridiems = ja_meridiems, .words = kanji_words,
    .duration_marks = ja_duration_marks, .not_numbers = ja_not_numbers,
  },
  {
    .code = "en", .decimal_mark = '.', .group_marks = ",", .date_order = MADO_DATE_MONTH_FIRST,
    .spacing = MADO_SPACING_WORDS,
    .after = mado_number_en_after, .before = mado_number_en_before, .months = mado_number_en_months,
    .meridiems = mado_number_en_meridiems, .words = mado_number_en_words, .linkers = mado_number_en_linkers,
  },
  {
    .code = "zh-Hans", .decimal_mark = '.', .group_marks = ",，", .date_order = MADO_DATE_MONTH_FIRST,
    .spacing = MADO_SPACING_NONE, .kanji_positional = TRUE, .words_need_unit = TRUE,
    .after = zh_after, .before = zh_before, .meridiems = zh_meridiems, .words = kanji_words,
    .duration_marks = zh_duration_marks, .not_numbers = zh_not_numbers,
  },
  {
    .code = "zh-Hant", .decimal_mark = '.', .group_marks = ",，", .date_order = MADO_DATE_MONTH_FIRST,
    .spacing = MADO_SPACING_NONE, .kanji_positional = TRUE, .words_need_unit = TRUE,
    .after = zh_after, .before = zh_before, .meridiems = zh_meridiems, .words = kanji_words,
    .duration_marks = zh_duration_marks, .not_numbers = zh_not_numbers,
  },
  {
    .code = "ko", .decimal_mark = '.', .group_marks = ",", .date_order = MADO_DATE_MONTH_FIRST,
    .spacing = MADO_SPACING_KOREAN, .words_need_unit = TRUE,
    .after = ko_after, .before = ko_before, .meridiems = ko_meridiems, .words = ko_words,
    .duration_marks = ko_duration_marks, .not_numbers = ko_not_numbers,
  },
  {
    .code = "vi", .decimal_mark = ',', .group_marks = ". \u00a0\u202f", .date_order = MADO_DATE_DAY_FIRST,
    .spacing = MADO_SPACING_WORDS, .words_need_unit = TRUE,
    .after = mado_number_vi_after, .before = mado_number_vi_before, .meridiems = mado_number_vi_meridiems,
    .words = mado_number_vi_words,
  },
  {
    .code = "id", .decimal_mark = ',', .group_marks = ". \u00a0\u202f", .date_order = MADO_DATE_DAY_FIRST,
    .spacing = MADO_SPACING_WORDS,
    .after = mado_number_id_after, .before = mado_number_id_before, .months = mado_number_id_months,
    .meridiems = mado_number_id_meridiems, .words = mado_number_id_words,
  },
  {
    .code = "th", .decimal_mark = '.', .group_marks = ",", .date_order = MADO_DATE_DAY_FIRST,
    .spacing = MADO_SPACING_NONE, .words_need_unit = TRUE,
    .after = th_after, .before = th_before, .months = th_months, .meridiems = th_meridiems, .words = th_words,
  },
  {
    .code = "my", .decimal_mark = '.', .group_marks = ",", .date_order = MADO_DATE_DAY_FIRST,
    .spacing = MADO_SPACING_WORDS, .words_need_unit = TRUE,
    .after = my_after, .before = my_before, .months = my_months, .meridiems = my_meridiems, .words = my_words,
  },
  {
    .code = "es", .decimal_mark = ',', .group_marks = ". \u00a0\u202f", .date_order = MADO_DATE_DAY_FIRST,
    .spacing = MADO_SPACING_WORDS,
    .after = mado_number_es_after, .before = mado_number_es_before, .months = mado_number_es_months,
    .meridiems = mado_number_es_meridiems, .words = mado_number_es_words, .linkers = mado_number_es_linkers,
  },
  {
    .code = "fr", .decimal_mark = ',', .group_marks = " \u00a0\u202f.", .date_order = MADO_DATE_DAY_FIRST,
    .spacing = MADO_SPACING_WORDS, .clock_24_hour = TRUE,
    .after = mado_number_fr_after, .before = mado_number_fr_before, .months = mado_number_fr_months,
    .meridiems = mado_number_fr_meridiems, .words = mado_number_fr_words, .linkers = mado_number_fr_linkers,
  },
  {
    .code = "pt-BR", .decimal_mark = ',', .group_marks = ". \u00a0\u202f", .date_order = MADO_DATE_DAY_FIRST,
    .spacing = MADO_SPACING_WORDS, .clock_24_hour = TRUE,
    .after = mado_number_pt_after, .before = mado_number_pt_before, .months = mado_number_pt_months,
    .meridiems = mado_number_pt_meridiems, .words = mado_number_pt_words, .linkers = mado_number_pt_linkers,
  },
  {
    .code = "fil", .decimal_mark = '.', .group_marks = ",", .date_order = MADO_DATE_MONTH_FIRST,
    .spacing = MADO_SPACING_WORDS,
    .after = mado_number_fil_after, .before = mado_number_fil_before, .months = mado_number_fil_months,
    .meridiems = mado_number_fil_meridiems, .words = mado_number_fil_words, .linkers = mado_number_fil_linkers,
  },
  {
    .code = "ne", .decimal_mark = '.', .group_marks = ",", .indian_grouping = TRUE,
    .date_order = MADO_DATE_DAY_FIRST, .spacing = MADO_SPACING_WORDS, .words_need_unit = TRUE,
    .after = ne_after, .before = ne_before, .months = ne_months, .meridiems = ne_meridiems, .words = ne_words,
  },
};

/**
 * mado_number_rules_lookup:
 * @language: a registry code; case does not matter, as for mado_language_lookup()
 *
 * Returns: (nullable): the rules of @language, or %NULL for a language the kiosk does not know.
 */
const MadoNumberRules *
mado_number_rules_lookup (const char *language)
{
  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    if (g_ascii_strcasecmp (rules[i].code, language) == 0)
      return &rules[i];

  return NULL;
}

/* mado-number-rules-latin.c: how the Latin-script languages write numbers, units, times and dates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-number-rules-private.h"

/* ---- Vietnamese -------------------------------------------------------------------------- */

const MadoUnitWord mado_number_vi_after[] = {
  CUR ("yên", "JPY"), CUR ("yen", "JPY"), CUR ("đồng", "VND"), CUR ("vnđ", "VND"),
  CUR ("vnd", "VND"), CUR ("đô la", "USD"), CUR ("đô-la", "USD"), CUR ("usd", "USD"),
  CUR ("euro", "EUR"), CUR ("nhân dân tệ", "CNY"), CUR ("won", "KRW"), CUR ("baht", "THB"),
  CUR ("peso", "PHP"),
  PERCENT_SIGNS, PCT ("phần trăm", 1),
  HOUR ("giờ", 0, MADO_UNIT_BARE_MINUTES), MINUTE ("phút", 0), HALF ("rưỡi"),
  SECS ("giây", 1), SECS ("tiếng", 3600), SECS ("tiếng đồng hồ", 3600), SECS ("giờ đồng hồ", 3600),
  DAYS ("ngày", 1), DAYS ("tuần", 7), MONTHS ("tháng", 1), MONTHS ("năm", 12),
  COUNTER ("người"), COUNTER ("bản"), COUNTER ("tờ"), COUNTER ("cái"), COUNTER ("chiếc"),
  COUNTER ("lần"), COUNTER ("tầng"), COUNTER ("tuổi"), COUNTER ("trang"), COUNTER ("cuốn"),
  COUNTER ("quyển"), COUNTER ("loại"), COUNTER ("chỗ"), COUNTER ("điểm"), COUNTER ("con"),
  COUNTER ("vé"), COUNTER ("chữ số"), COUNTER ("số"), COUNTER ("hộ"), COUNTER ("đêm"),
  END_UNITS
};

const MadoUnitWord mado_number_vi_before[] = {
  COMMON_CURRENCY_SIGNS,
  DAY_PREFIX ("ngày"), MONTH_PREFIX ("tháng"), YEAR_PREFIX ("năm"),
  ORDINAL ("thứ", 0), ORDINAL ("số", 0),
  AT ("lúc"),
  END_UNITS
};

const MadoUnitWord mado_number_vi_meridiems[] = {
  AM ("sáng", AFTER), NOON ("trưa", AFTER), PM ("chiều", AFTER), NIGHT ("tối", AFTER),
  NIGHT ("đêm", AFTER),
  END_UNITS
};

const MadoNumberWord mado_number_vi_words[] = {
  VALUE_WEAK ("một", 1), VALUE ("mốt", 1), VALUE ("hai", 2), VALUE ("ba", 3), VALUE ("bốn", 4),
  VALUE ("tư", 4), { "năm", MADO_WORD_VALUE, 5, MADO_WORD_NOT_ADDED }, VALUE ("lăm", 5),
  VALUE ("sáu", 6), VALUE ("bảy", 7), VALUE ("bẩy", 7), VALUE ("tám", 8), VALUE ("chín", 9),
  VALUE ("mười", 10),
  SMALL ("mươi", 10), SMALL ("trăm", 100), LARGE ("nghìn", 1e3), LARGE ("ngàn", 1e3),
  LARGE ("triệu", 1e6), LARGE ("tỷ", 1e9), LARGE ("tỉ", 1e9),
  JOIN ("linh"), JOIN ("lẻ"),
  END_WORDS
};

/* ---- Indonesian -------------------------------------------------------------------------- */

const MadoUnitWord mado_number_id_after[] = {
  CUR ("yen", "JPY"), CUR ("rupiah", "IDR"), CUR ("dolar", "USD"), CUR ("euro", "EUR"),
  CUR ("won", "KRW"), CUR ("yuan", "CNY"), CUR ("baht", "THB"), CUR ("peso", "PHP"),
  PERCENT_SIGNS, PCT ("persen", 1), PCT ("prosen", 1),
  HOUR ("wib", 0, 0), HOUR ("wita", 0, 0), HOUR ("wit", 0, 0),
  SECS ("detik", 1), MINUTE ("menit", 0), SECS ("jam", 3600),
  DAYS ("hari", 1), DAYS ("minggu", 7), DAYS ("pekan", 7),
  MONTHS ("bulan", 1), MONTHS ("tahun", 12),
  END_UNITS
};

const MadoUnitWord mado_number_id_before[] = {
  COMMON_CURRENCY_SIGNS, CUR ("rp", "IDR"), CUR ("rp.", "IDR"),
  TIME_PREFIX ("pukul", 0), TIME_PREFIX ("pkl.", 0), TIME_PREFIX ("pkl", 0), TIME_PREFIX ("jam", 0),
  DAY_PREFIX ("tanggal"), DAY_PREFIX ("tgl."), DAY_PREFIX ("tgl"), YEAR_PREFIX ("tahun"),
  ORDINAL ("ke-", 0), ORDINAL ("nomor", 0), ORDINAL ("no.", 0),
  END_UNITS
};

const MadoUnitWord mado_number_id_months[] = {
  MONTH_NAME ("januari", 1), MONTH_NAME ("februari", 2), MONTH_NAME ("maret", 3),
  MONTH_NAME ("april", 4), MONTH_NAME ("mei", 5), MONTH_NAME ("juni", 6), MONTH_NAME ("juli", 7),
  MONTH_NAME ("agustus", 8), MONTH_NAME ("september", 9), MONTH_NAME ("oktober", 10),
  MONTH_NAME ("november", 11), MONTH_NAME ("desember", 12),
  MONTH_NAME ("jan", 1), MONTH_NAME ("feb", 2), MONTH_NAME ("mar", 3), MONTH_NAME ("apr", 4),
  MONTH_NAME ("jun", 6), MONTH_NAME ("jul", 7), MONTH_NAME ("agu", 8), MONTH_NAME ("agt", 8),
  MONTH_NAME ("sep", 9), MONTH_NAME ("okt", 10), MONTH_NAME ("nov", 11), MONTH_NAME ("des", 12),
  END_UNITS
};

const MadoUnitWord mado_number_id_meridiems[] = {
  AM ("pagi", AFTER), NOON ("siang", AFTER), PM ("sore", AFTER), NIGHT ("malam", AFTER),
  END_UNITS
};

const MadoNumberWord mado_number_id_words[] = {
  VALUE ("nol", 0), VALUE ("satu", 1), VALUE ("dua", 2), VALUE ("tiga", 3), VALUE ("empat", 4),
  VALUE ("lima", 5), VALUE ("enam", 6), VALUE ("tujuh", 7), VALUE ("delapan", 8),
  VALUE ("sembilan", 9), VALUE ("sepuluh", 10), VALUE ("sebelas", 11), VALUE ("seratus", 100),
  LARGE ("seribu", 1e3), LARGE ("sejuta", 1e6),
  SMALL ("puluh", 10), { "belas", MADO_WORD_ADD_TEN, 10, 0 }, SMALL ("ratus", 100),
  LARGE ("ribu", 1e3), LARGE ("juta", 1e6), LARGE ("miliar", 1e9),
  END_WORDS
};

/* ---- English ----------------------------------------------------------------------------- */

const MadoUnitWord mado_number_en_after[] = {
  CUR ("yen", "JPY"), CUR ("dollars", "USD"), CUR ("dollar", "USD"), CUR ("us dollars", "USD"),
  CUR ("euros", "EUR"), CUR ("euro", "EUR"), CUR ("won", "KRW"), CUR ("yuan", "CNY"),
  CUR ("baht", "THB"), CUR ("pesos", "PHP"), CUR ("peso", "PHP"), CUR ("dong", "VND"),
  CUR ("rupiah", "IDR"), CUR ("kyat", "MMK"), CUR ("rupees", "NPR"),
  PERCENT_SIGNS, PCT ("percent", 1), PCT ("per cent", 1), PCT ("pct", 1),
  HOUR ("o'clock", 0, 0), HOUR ("o’clock", 0, 0),
  SECS ("seconds", 1), SECS ("second", 1), SECS ("secs", 1), SECS ("sec", 1),
  MINUTE ("minutes", 0), MINUTE ("minute", 0), MINUTE ("mins", 0), MINUTE ("min", 0),
  SECS ("hours", 3600), SECS ("hour", 3600), SECS ("hrs", 3600), SECS ("hr", 3600),
  DAYS ("days", 1), DAYS ("day", 1), DAYS ("weeks", 7), DAYS ("week", 7),
  MONTHS ("months", 1), MONTHS ("month", 1), MONTHS ("years", 12), MONTHS ("year", 12),
  MONTHS ("yrs", 12),
  ORDINAL ("st", MADO_UNIT_ATTACHED), ORDINAL ("nd", MADO_UNIT_ATTACHED),
  ORDINAL ("rd", MADO_UNIT_ATTACHED), ORDINAL ("th", MADO_UNIT_ATTACHED),
  END_UNITS
};

const MadoUnitWord mado_number_en_before[] = {
  COMMON_CURRENCY_SIGNS, CUR ("£", "GBP"), HALF_PAST ("half past"),
  ORDINAL ("no.", 0), ORDINAL ("#", 0), ORDINAL ("nº", 0),
  END_UNITS
};

const MadoUnitWord mado_number_en_months[] = {
  MONTH_NAME ("january", 1), MONTH_NAME ("february", 2), MONTH_NAME ("march", 3),
  MONTH_NAME ("april", 4), MONTH_NAME ("may", 5), MONTH_NAME ("june", 6), MONTH_NAME ("july", 7),
  MONTH_NAME ("august", 8), MONTH_NAME ("september", 9), MONTH_NAME ("october", 10),
  MONTH_NAME ("november", 11), MONTH_NAME ("december", 12),
  MONTH_NAME ("jan.", 1), MONTH_NAME ("jan", 1), MONTH_NAME ("feb.", 2), MONTH_NAME ("feb", 2),
  MONTH_NAME ("mar.", 3), MONTH_NAME ("apr.", 4), MONTH_NAME ("apr", 4), MONTH_NAME ("jun.", 6),
  MONTH_NAME ("jul.", 7), MONTH_NAME ("aug.", 8), MONTH_NAME ("aug", 8), MONTH_NAME ("sep.", 9),
  MONTH_NAME ("sept.", 9), MONTH_NAME ("sep", 9), MONTH_NAME ("sept", 9), MONTH_NAME ("oct.", 10),
  MONTH_NAME ("oct", 10), MONTH_NAME ("nov.", 11), MONTH_NAME ("nov", 11), MONTH_NAME ("dec.", 12),
  MONTH_NAME ("dec", 12),
  END_UNITS
};

const MadoUnitWord mado_number_en_meridiems[] = {
  AM ("a.m.", AFTER), AM ("a. m.", AFTER), AM ("am", AFTER), PM ("p.m.", AFTER),
  PM ("p. m.", AFTER), PM ("pm", AFTER), AM ("in the morning", AFTER),
  PM ("in the afternoon", AFTER), PM ("in the evening", AFTER), NIGHT ("at night", AFTER),
  END_UNITS
};

const MadoNumberWord mado_number_en_words[] = {
  VALUE ("zero", 0), VALUE_WEAK ("one", 1), VALUE ("two", 2), VALUE ("three", 3),
  VALUE ("four", 4), VALUE ("five", 5), VALUE ("six", 6), VALUE ("seven", 7), VALUE ("eight", 8),
  VALUE ("nine", 9), VALUE ("ten", 10), VALUE ("eleven", 11), VALUE ("twelve", 12),
  VALUE ("thirteen", 13), VALUE ("fourteen", 14), VALUE ("fifteen", 15), VALUE ("sixteen", 16),
  VALUE ("seventeen", 17), VALUE ("eighteen", 18), VALUE ("nineteen", 19), VALUE ("twenty", 20),
  VALUE ("thirty", 30), VALUE ("forty", 40), VALUE ("fifty", 50), VALUE ("sixty", 60),
  VALUE ("seventy", 70), VALUE ("eighty", 80), VALUE ("ninety", 90),
  SMALL ("hundred", 100), LARGE ("thousand", 1e3), LARGE ("million", 1e6), LARGE ("billion", 1e9),
  JOIN ("and"),
  END_WORDS
};

const char *const mado_number_en_linkers[] = { "of", NULL };

/* ---- Spanish ----------------------------------------------------------------------------- */

const MadoUnitWord mado_number_es_after[] = {
  CUR ("yenes", "JPY"), CUR ("yen", "JPY"), CUR ("dólares", "USD"), CUR ("dólar", "USD"),
  CUR ("euros", "EUR"), CUR ("euro", "EUR"), CUR ("wones", "KRW"), CUR ("yuanes", "CNY"),
  PERCENT_SIGNS, PCT ("por ciento", 1),
  HOUR ("h", 0, MADO_UNIT_BARE_MINUTES | MADO_UNIT_24_HOUR), HOUR ("hs", 0, MADO_UNIT_24_HOUR),
  HOUR ("horas", 0, MADO_UNIT_OR_DURATION), HOUR ("hora", 0, MADO_UNIT_OR_DURATION),
  MINUTE ("minutos", 0), MINUTE ("minuto", 0), MINUTE ("min", 0), HALF ("y media"),
  SECS ("segundos", 1), SECS ("segundo", 1),
  DAYS ("días", 1), DAYS ("día", 1), DAYS ("dias", 1), DAYS ("dia", 1), DAYS ("semanas", 7),
  DAYS ("semana", 7), MONTHS ("meses", 1), MONTHS ("mes", 1), MONTHS ("años", 12),
  MONTHS ("año", 12),
  ORDINAL ("º", MADO_UNIT_ATTACHED), ORDINAL ("ª", MADO_UNIT_ATTACHED),
  ORDINAL (".º", MADO_UNIT_ATTACHED), ORDINAL (".ª", MADO_UNIT_ATTACHED),
  END_UNITS
};

const MadoUnitWord mado_number_es_before[] = {
  COMMON_CURRENCY_SIGNS,
  TIME_PREFIX ("a las", 0), TIME_PREFIX ("a la", 0), TIME_PREFIX ("de las", 0),
  TIME_PREFIX ("desde las", 0), TIME_PREFIX ("hasta las", 0), TIME_PREFIX ("hasta la", 0),
  TIME_PREFIX ("sobre las", 0), TIME_PREFIX ("entre las", 0),
  ORDINAL ("n.º", 0), ORDINAL ("nº", 0), ORDINAL ("no.", 0), ORDINAL ("núm.", 0),
  ORDINAL ("número", 0),
  END_UNITS
};

const MadoUnitWord mado_number_es_months[] = {
  MONTH_NAME ("enero", 1), MONTH_NAME ("febrero", 2), MONTH_NAME ("marzo", 3),
  MONTH_NAME ("abril", 4), MONTH_NAME ("mayo", 5), MONTH_NAME ("junio", 6), MONTH_NAME ("julio", 7),
  MONTH_NAME ("agosto", 8), MONTH_NAME ("septiembre", 9), MONTH_NAME ("setiembre", 9),
  MONTH_NAME ("octubre", 10), MONTH_NAME ("noviembre", 11), MONTH_NAME ("diciembre", 12),
  END_UNITS
};

const MadoUnitWord mado_number_es_meridiems[] = {
  AM ("de la mañana", AFTER), AM ("de la madrugada", AFTER), PM ("de la tarde", AFTER),
  NIGHT ("de la noche", AFTER), NOON ("del mediodía", AFTER), AM ("a. m.", AFTER),
  AM ("a.m.", AFTER), AM ("am", AFTER), PM ("p. m.", AFTER), PM ("p.m.", AFTER), PM ("pm", AFTER),
  END_UNITS
};

const MadoNumberWord mado_number_es_words[] = {
  VALUE ("cero", 0), VALUE_WEAK ("un", 1), VALUE_WEAK ("uno", 1), VALUE_WEAK ("una", 1),
  VALUE ("dos", 2), VALUE ("tres", 3), VALUE ("cuatro", 4), VALUE ("cinco", 5), VALUE ("seis", 6),
  VALUE ("siete", 7), VALUE ("ocho", 8), VALUE ("nueve", 9), VALUE ("diez", 10),
  VALUE ("once", 11), VALUE ("doce", 12), VALUE ("trece", 13), VALUE ("catorce", 14),
  VALUE ("quince", 15), VALUE ("dieciséis", 16), VALUE ("diecisiete", 17),
  VALUE ("dieciocho", 18), VALUE ("diecinueve", 19), VALUE ("veinte", 20),
  VALUE ("veintiuno", 21), VALUE ("veintiún", 21), VALUE ("veintiuna", 21),
  VALUE ("veintidós", 22), VALUE ("veintitrés", 23), VALUE ("veinticuatro", 24),
  VALUE ("veinticinco", 25), VALUE ("veintiséis", 26), VALUE ("veintisiete", 27),
  VALUE ("veintiocho", 28), VALUE ("veintinueve", 29), VALUE ("treinta", 30),
  VALUE ("cuarenta", 40), VALUE ("cincuenta", 50), VALUE ("sesenta", 60), VALUE ("setenta", 70),
  VALUE ("ochenta", 80), VALUE ("noventa", 90), VALUE ("cien", 100), VALUE ("ciento", 100),
  VALUE ("doscientos", 200), VALUE ("doscientas", 200), VALUE ("trescientos", 300),
  VALUE ("trescientas", 300), VALUE ("cuatrocientos", 400), VALUE ("cuatrocientas", 400),
  VALUE ("quinientos", 500), VALUE ("quinientas", 500), VALUE ("seiscientos", 600),
  VALUE ("seiscientas", 600), VALUE ("setecientos", 700), VALUE ("setecientas", 700),
  VALUE ("ochocientos", 800), VALUE ("ochocientas", 800), VALUE ("novecientos", 900),
  VALUE ("novecientas", 900),
  LARGE ("mil", 1e3), LARGE ("millón", 1e6), LARGE ("millones", 1e6),
  JOIN ("y"),
  END_WORDS
};

const char *const mado_number_es_linkers[] = { "de", "del", NULL };

/* ---- French ------------------------------------------------------------------------------ */

const MadoUnitWord mado_number_fr_after[] = {
  CUR ("yens", "JPY"), CUR ("yen", "JPY"), CUR ("euros", "EUR"), CUR ("euro", "EUR"),
  CUR ("dollars", "USD"), CUR ("dollar", "USD"), CUR ("wons", "KRW"), CUR ("yuans", "CNY"),
  PERCENT_SIGNS, PCT ("pour cent", 1), PCT ("pourcent", 1),
  HOUR ("h", 0, MADO_UNIT_BARE_MINUTES | MADO_UNIT_24_HOUR),
  HOUR ("heures", 0, MADO_UNIT_OR_DURATION | MADO_UNIT_BARE_MINUTES),
  HOUR ("heure", 0, MADO_UNIT_OR_DURATION | MADO_UNIT_BARE_MINUTES),
  MINUTE ("minutes", 0), MINUTE ("minute", 0), MINUTE ("min", 0), MINUTE ("mn", 0),
  HALF ("et demie"), HALF ("et demi"),
  SECS ("secondes", 1), SECS ("seconde", 1),
  DAYS ("jours", 1), DAYS ("jour", 1), DAYS ("semaines", 7), DAYS ("semaine", 7),
  MONTHS ("mois", 1), MONTHS ("ans", 12), MONTHS ("an", 12), MONTHS ("années", 12),
  MONTHS ("année", 12),
  ORDINAL ("er", MADO_UNIT_ATTACHED), ORDINAL ("re", MADO_UNIT_ATTACHED),
  ORDINAL ("e", MADO_UNIT_ATTACHED), ORDINAL ("ème", MADO_UNIT_ATTACHED),
  ORDINAL ("eme", MADO_UNIT_ATTACHED), ORDINAL ("è", MADO_UNIT_ATTACHED),
  END_UNITS
};

const MadoUnitWord mado_number_fr_before[] = {
  COMMON_CURRENCY_SIGNS,
  AT ("à"), AT ("vers"), AT ("dès"), AT ("jusqu'à"), AT ("jusqu’à"),
  ORDINAL ("n°", 0), ORDINAL ("nº", 0), ORDINAL ("no.", 0), ORDINAL ("numéro", 0),
  END_UNITS
};

const MadoUnitWord mado_number_fr_months[] = {
  MONTH_NAME ("janvier", 1), MONTH_NAME ("février", 2), MONTH_NAME ("mars", 3),
  MONTH_NAME ("avril", 4), MONTH_NAME ("mai", 5), MONTH_NAME ("juin", 6),
  MONTH_NAME ("juillet", 7), MONTH_NAME ("août", 8), MONTH_NAME ("septembre", 9),
  MONTH_NAME ("octobre", 10), MONTH_NAME ("novembre", 11), MONTH_NAME ("décembre", 12),
  END_UNITS
};

const MadoUnitWord mado_number_fr_meridiems[] = {
  AM ("du matin", AFTER), PM ("de l'après-midi", AFTER), PM ("de l’après-midi", AFTER),
  NIGHT ("du soir", AFTER),
  END_UNITS
};

const MadoNumberWord mado_number_fr_words[] = {
  VALUE ("zéro", 0), VALUE_WEAK ("un", 1), VALUE_WEAK ("une", 1), VALUE ("deux", 2),
  VALUE ("trois", 3), VALUE ("quatre", 4), VALUE ("cinq", 5), VALUE ("six", 6),
  VALUE ("sept", 7), VALUE ("huit", 8), VALUE ("neuf", 9), VALUE ("dix", 10), VALUE ("onze", 11),
  VALUE ("douze", 12), VALUE ("treize", 13), VALUE ("quatorze", 14), VALUE ("quinze", 15),
  VALUE ("seize", 16), VALUE ("vingt", 20), VALUE ("trente", 30), VALUE ("quarante", 40),
  VALUE ("cinquante", 50), VALUE ("soixante", 60), VALUE ("soixante-dix", 70),
  VALUE ("quatre-vingt", 80), VALUE ("quatre-vingts", 80), VALUE ("quatre-vingt-dix", 90),
  SMALL ("cent", 100), SMALL ("cents", 100), LARGE ("mille", 1e3), LARGE ("million", 1e6),
  LARGE ("millions", 1e6),
  JOIN ("et"),
  END_WORDS
};

const char *const mado_number_fr_linkers[] = { "de", "d'", "d’", NULL };

/* ---- Brazilian Portuguese ---------------------------------------------------------------- */

const MadoUnitWord mado_number_pt_after[] = {
  CUR ("ienes", "JPY"), CUR ("iene", "JPY"), CUR ("yens", "JPY"), CUR ("yen", "JPY"),
  CUR ("reais", "BRL"), CUR ("real", "BRL"), CUR ("dólares", "USD"), CUR ("dólar", "USD"),
  CUR ("euros", "EUR"), CUR ("euro", "EUR"),
  PERCENT_SIGNS, PCT ("por cento", 1),
  HOUR ("h", 0, MADO_UNIT_BARE_MINUTES | MADO_UNIT_24_HOUR), HOUR ("horas", 0, MADO_UNIT_OR_DURATION),
  HOUR ("hora", 0, MADO_UNIT_OR_DURATION),
  MINUTE ("minutos", 0), MINUTE ("minuto", 0), MINUTE ("min", 0), HALF ("e meia"),
  SECS ("segundos", 1), SECS ("segundo", 1),
  DAYS ("dias", 1), DAYS ("dia", 1), DAYS ("semanas", 7), DAYS ("semana", 7),
  MONTHS ("meses", 1), MONTHS ("mês", 1), MONTHS ("anos", 12), MONTHS ("ano", 12),
  ORDINAL ("º", MADO_UNIT_ATTACHED), ORDINAL ("ª", MADO_UNIT_ATTACHED),
  ORDINAL (".º", MADO_UNIT_ATTACHED), ORDINAL (".ª", MADO_UNIT_ATTACHED),
  END_UNITS
};

const MadoUnitWord mado_number_pt_before[] = {
  COMMON_CURRENCY_SIGNS, CUR ("r$", "BRL"),
  TIME_PREFIX ("às", 0), TIME_PREFIX ("até as", 0), TIME_PREFIX ("até às", 0),
  TIME_PREFIX ("a partir das", 0),
  ORDINAL ("nº", 0), ORDINAL ("n.º", 0), ORDINAL ("número", 0),
  END_UNITS
};

const MadoUnitWord mado_number_pt_months[] = {
  MONTH_NAME ("janeiro", 1), MONTH_NAME ("fevereiro", 2), MONTH_NAME ("março", 3),
  MONTH_NAME ("abril", 4), MONTH_NAME ("maio", 5), MONTH_NAME ("junho", 6),
  MONTH_NAME ("julho", 7), MONTH_NAME ("agosto", 8), MONTH_NAME ("setembro", 9),
  MONTH_NAME ("outubro", 10), MONTH_NAME ("novembro", 11), MONTH_NAME ("dezembro", 12),
  END_UNITS
};

const MadoUnitWord mado_number_pt_meridiems[] = {
  AM ("da manhã", AFTER), AM ("da madrugada", AFTER), PM ("da tarde", AFTER),
  NIGHT ("da noite", AFTER),
  END_UNITS
};

const MadoNumberWord mado_number_pt_words[] = {
  VALUE ("zero", 0), VALUE_WEAK ("um", 1), VALUE_WEAK ("uma", 1), VALUE ("dois", 2),
  VALUE ("duas", 2), VALUE ("três", 3), VALUE ("quatro", 4), VALUE ("cinco", 5),
  VALUE ("seis", 6), VALUE ("sete", 7), VALUE ("oito", 8), VALUE ("nove", 9), VALUE ("dez", 10),
  VALUE ("onze", 11), VALUE ("doze", 12), VALUE ("treze", 13), VALUE ("catorze", 14),
  VALUE ("quatorze", 14), VALUE ("quinze", 15), VALUE ("dezesseis", 16), VALUE ("dezessete", 17),
  VALUE ("dezoito", 18), VALUE ("dezenove", 19), VALUE ("vinte", 20), VALUE ("trinta", 30),
  VALUE ("quarenta", 40), VALUE ("cinquenta", 50), VALUE ("sessenta", 60),
  VALUE ("setenta", 70), VALUE ("oitenta", 80), VALUE ("noventa", 90), VALUE ("cem", 100),
  VALUE ("cento", 100), VALUE ("duzentos", 200), VALUE ("duzentas", 200),
  VALUE ("trezentos", 300), VALUE ("trezentas", 300), VALUE ("quatrocentos", 400),
  VALUE ("quatrocentas", 400), VALUE ("quinhentos", 500), VALUE ("quinhentas", 500),
  VALUE ("seiscentos", 600), VALUE ("seiscentas", 600), VALUE ("setecentos", 700),
  VALUE ("setecentas", 700), VALUE ("oitocentos", 800), VALUE ("oitocentas", 800),
  VALUE ("novecentos", 900), VALUE ("novecentas", 900),
  LARGE ("mil", 1e3), LARGE ("milhão", 1e6), LARGE ("milhões", 1e6),
  JOIN ("e"),
  END_WORDS
};

const char *const mado_number_pt_linkers[] = { "de", NULL };

/* ---- Filipino ---------------------------------------------------------------------------- */

const MadoUnitWord mado_number_fil_after[] = {
  CUR ("yen", "JPY"), CUR ("piso", "PHP"), CUR ("pesos", "PHP"), CUR ("dolyar", "USD"),
  CUR ("dolyares", "USD"), CUR ("dollars", "USD"),
  PERCENT_SIGNS, PCT ("porsiyento", 1), PCT ("porsyento", 1), PCT ("percent", 1),
  SECS ("segundo", 1), MINUTE ("minuto", 0), SECS ("oras", 3600),
  DAYS ("araw", 1), DAYS ("linggo", 7), MONTHS ("buwan", 1), MONTHS ("taon", 12),
  END_UNITS
};

const MadoUnitWord mado_number_fil_before[] = {
  COMMON_CURRENCY_SIGNS, CUR ("php", "PHP"),
  TIME_PREFIX ("alas-", 0), TIME_PREFIX ("alas", 0), TIME_PREFIX ("ala-", 0), TIME_PREFIX ("ala", 0),
  ORDINAL ("ika-", 0), ORDINAL ("ika", 0), ORDINAL ("numero", 0), ORDINAL ("no.", 0),
  END_UNITS
};

const MadoUnitWord mado_number_fil_months[] = {
  /* English names too, except "may", which in Filipino is the everyday word "there is". */
  MONTH_NAME ("january", 1), MONTH_NAME ("february", 2), MONTH_NAME ("march", 3),
  MONTH_NAME ("april", 4), MONTH_NAME ("june", 6), MONTH_NAME ("july", 7), MONTH_NAME ("august", 8),
  MONTH_NAME ("september", 9), MONTH_NAME ("october", 10), MONTH_NAME ("november", 11),
  MONTH_NAME ("december", 12),
  MONTH_NAME ("enero", 1), MONTH_NAME ("pebrero", 2), MONTH_NAME ("marso", 3),
  MONTH_NAME ("abril", 4), MONTH_NAME ("mayo", 5), MONTH_NAME ("hunyo", 6), MONTH_NAME ("hulyo", 7),
  MONTH_NAME ("agosto", 8), MONTH_NAME ("setyembre", 9), MONTH_NAME ("oktubre", 10),
  MONTH_NAME ("nobyembre", 11), MONTH_NAME ("disyembre", 12),
  END_UNITS
};

const MadoUnitWord mado_number_fil_meridiems[] = {
  AM ("ng umaga", AFTER), AM ("ng madaling-araw", AFTER), NOON ("ng tanghali", AFTER),
  PM ("ng hapon", AFTER), NIGHT ("ng gabi", AFTER), AM ("a.m.", AFTER), AM ("am", AFTER),
  PM ("p.m.", AFTER), PM ("pm", AFTER),
  END_UNITS
};

/* Filipino counts with its own words and tells the time and prices with Spanish ones. */
const MadoNumberWord mado_number_fil_words[] = {
  VALUE_WEAK ("isa", 1), VALUE_WEAK ("isang", 1), VALUE_WEAK ("una", 1), VALUE ("dalawa", 2),
  VALUE ("dalawang", 2), VALUE ("dos", 2), VALUE ("tatlo", 3), VALUE ("tatlong", 3),
  VALUE ("tres", 3), VALUE ("apat", 4), VALUE ("kuwatro", 4), VALUE ("lima", 5),
  VALUE ("limang", 5), VALUE ("singko", 5), VALUE ("anim", 6), VALUE ("sais", 6),
  VALUE ("pito", 7), VALUE ("pitong", 7), VALUE ("siyete", 7), VALUE ("walo", 8),
  VALUE ("walong", 8), VALUE ("otso", 8), VALUE ("siyam", 9), VALUE ("nuwebe", 9),
  VALUE ("sampu", 10), VALUE ("sampung", 10), VALUE ("diyes", 10), VALUE ("onse", 11),
  VALUE ("dose", 12), VALUE ("dalawampu", 20), VALUE ("dalawampung", 20), VALUE ("tatlumpu", 30),
  VALUE ("tatlumpung", 30), VALUE ("apatnapu", 40), VALUE ("limampu", 50),
  SMALL ("daan", 100), SMALL ("raan", 100), LARGE ("libo", 1e3), LARGE ("milyon", 1e6),
  JOIN ("at"),
  END_WORDS
};

const char *const mado_number_fil_linkers[] = { "na", "ng", NULL };

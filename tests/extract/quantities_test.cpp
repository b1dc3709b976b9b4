// Quantity extraction, table-driven, through the Engine with the real rule
// packs: numbers in every digit system and each language's separators,
// spelled-out numbers, scale words, currencies, percentages, units and
// approximation qualifiers. Every row also asserts that none of its numbers
// was read as a date.
#include "extract/quantities.h"
#include "extract_table.h"

using extract_table::QuantityKind;
using extract_table::QuantityRow;

namespace {

constexpr QuantityKind Num = QuantityKind::kNumber;
constexpr QuantityKind Money = QuantityKind::kMoney;
constexpr QuantityKind Pct = QuantityKind::kPercent;
constexpr QuantityKind Meas = QuantityKind::kMeasure;

// clang-format off
const std::vector<QuantityRow> kPersian = {
  // Digit systems: Persian ۰-۹, Arabic-Indic ٠-٩, ASCII.
  {"fa", "آمريکا ۱۵ ميليون دلار براى اجراء آن تخصيص داد.", {{Money, 15e6, "USD", "", "۱۵ ميليون دلار"}}},
  {"fa", "آمریکا ١٥ مليون دلار تخصیص داد.", {{Money, 15e6, "USD", "", "١٥ مليون دلار"}}},
  {"fa", "آمریکا 15 میلیون دلار تخصیص داد.", {{Money, 15e6, "USD", "", "15 میلیون دلار"}}},
  {"fa", "آنها ۱۲ نفر بودند.", {{Num, 12, "people", "", "۱۲ نفر"}}},
  {"fa", "آنها ١٢ نفر بودند.", {{Num, 12, "people", "", "١٢ نفر"}}},
  {"fa", "در این شهر ۱۲۳۴۵ نفر زندگی می‌کنند.", {{Num, 12345, "people", "", "۱۲۳۴۵ نفر"}}},
  // Decimal marks: «/» (the usual one in print), «٫» and «.»; none is a date.
  {"fa", "يک کمک ۵/۸۴ ميليون دلارى به قزاقستان داد.", {{Money, 5.84e6, "USD", "", "۵/۸۴ ميليون دلارى"}}},
  {"fa", "ارزش آن ۵/۸۴ ميليون دلار بود.", {{Money, 5.84e6, "USD", "", "۵/۸۴ ميليون دلار"}}},
  {"fa", "ارزش آن ۵٫۸۴ میلیون دلار بود.", {{Money, 5.84e6, "USD", "", "۵٫۸۴ میلیون دلار"}}},
  {"fa", "ارزش آن ٥٫٨٤ مليون دلار بود.", {{Money, 5.84e6, "USD", "", "٥٫٨٤ مليون دلار"}}},
  {"fa", "ارزش آن 5.84 میلیون دلار بود.", {{Money, 5.84e6, "USD", "", "5.84 میلیون دلار"}}},
  {"fa", "رشد اقتصاد ۲/۵ درصد بود.", {{Pct, 2.5, "%", "", "۲/۵ درصد"}}},
  {"fa", "تورم ۱۲/۷۵ درصد بود.", {{Pct, 12.75, "%", "", "۱۲/۷۵ درصد"}}},
  // Grouping: «٬» and «,».
  {"fa", "جمعیت ۱۶٬۰۰۰٬۰۰۰ نفر است.", {{Num, 16e6, "people", "", "۱۶٬۰۰۰٬۰۰۰ نفر"}}},
  {"fa", "جمعیت ١٦٬٠٠٠ نفر است.", {{Num, 16000, "people", "", "١٦٬٠٠٠ نفر"}}},
  {"fa", "جمعیت 16,000 نفر است.", {{Num, 16000, "people", "", "16,000 نفر"}}},
  {"fa", "جمعیت ۱٬۲۳۴٬۵۶۷٫۵ نفر است.", {{Num, 1234567.5, "people", "", "۱٬۲۳۴٬۵۶۷٫۵ نفر"}}},
  // Scale words, in both orthographies.
  {"fa", "ارزش آن ۳ میلیارد دلار بود.", {{Money, 3e9, "USD", "", "۳ میلیارد دلار"}}},
  {"fa", "ارزش آن ۲ ملیارد دلار بود.", {{Money, 2e9, "USD", "", "۲ ملیارد دلار"}}},
  {"fa", "ارزش آن ۲ ميليارد دلار بود.", {{Money, 2e9, "USD", "", "۲ ميليارد دلار"}}},
  {"fa", "بودجه ۳ تریلیون ریال بود.", {{Money, 3e12, "IRR", "", "۳ تریلیون ریال"}}},
  {"fa", "۱۰۰ هزار نفر آمدند.", {{Num, 1e5, "people", "", "۱۰۰ هزار نفر"}}},
  {"fa", "۵۰ هزار دلار پرداخت شد.", {{Money, 5e4, "USD", "", "۵۰ هزار دلار"}}},
  // Currencies.
  {"fa", "قیمت آن $۵۰۰ بود.", {{Money, 500, "USD", "", "$۵۰۰"}}},
  {"fa", "قیمت آن ۳۰۰ یورو بود.", {{Money, 300, "EUR", "", "۳۰۰ یورو"}}},
  {"fa", "قیمت آن ۲۰ میلیون روبل بود.", {{Money, 2e7, "RUB", "", "۲۰ میلیون روبل"}}},
  {"fa", "قیمت آن ۴۰۰ هزار ریال بود.", {{Money, 4e5, "IRR", "", "۴۰۰ هزار ریال"}}},
  {"fa", "وامی به ارزش ۵۰ میلیون دلار آمریکا داد.", {{Money, 5e7, "USD", "", "۵۰ میلیون دلار آمریکا"}}},
  {"fa", "قیمت آن ۱۳۹۰ دلار بود.", {{Money, 1390, "USD", "", "۱۳۹۰ دلار"}}},  // four digits, not a year
  // Percentages.
  {"fa", "۴۵ درصد رأی دادند.", {{Pct, 45, "%", "", "۴۵ درصد"}}},
  {"fa", "رشد ۴۵ درصدی داشت.", {{Pct, 45, "%", "", "۴۵ درصدی"}}},
  {"fa", "سهم آن ۴۵٪ بود.", {{Pct, 45, "%", "", "۴۵٪"}}},
  {"fa", "سهم آن ٪۴۵ بود.", {{Pct, 45, "%", "", "٪۴۵"}}},
  {"fa", "سهم آن ۴۵% بود.", {{Pct, 45, "%", "", "۴۵%"}}},
  // Units.
  {"fa", "طول آن ۲۳۰۰ کیلومتر است.", {{Meas, 2300, "km", "", "۲۳۰۰ کیلومتر"}}},
  {"fa", "مرزی ۲٬۳۰۰ کیلومتری دارند.", {{Meas, 2300, "km", "", "۲٬۳۰۰ کیلومتری"}}},
  {"fa", "۲۰ تن گندم فرستاد.", {{Meas, 20, "ton", "", "۲۰ تن"}}},
  {"fa", "۵ تن از سناتورها آمدند.", {{Num, 5, "people", "", "۵ تن از"}}},
  // Qualifiers.
  {"fa", "حدود ۱۴۰ ميليون دلار بود.", {{Money, 140e6, "USD", "approximate", "حدود ۱۴۰ ميليون دلار"}}},
  {"fa", "در حدود ۳ میلیارد دلار بود.", {{Money, 3e9, "USD", "approximate", "در حدود ۳ میلیارد دلار"}}},
  {"fa", "تقریبا ۸۰۰ نفر آمدند.", {{Num, 800, "people", "approximate", "تقریبا ۸۰۰ نفر"}}},
  {"fa", "نزدیک به ۵۰۰ نفر آمدند.", {{Num, 500, "people", "approximate", "نزدیک به ۵۰۰ نفر"}}},
  {"fa", "قریب به ۹۰ درصد موافق بودند.", {{Pct, 90, "%", "approximate", "قریب به ۹۰ درصد"}}},
  {"fa", "بیش از ۲۰۰ نفر آمدند.", {{Num, 200, "people", "more_than", "بیش از ۲۰۰ نفر"}}},
  {"fa", "بیش از ۲۰۰۰ نفر آمدند.", {{Num, 2000, "people", "more_than", "بیش از ۲۰۰۰ نفر"}}},  // not the year 2000
  // «بالغ بر» is "amounting to": no qualifier.
  {"fa", "بالغ بر ۱/۵ میلیارد دلار شد.", {{Money, 1.5e9, "USD", "", "۱/۵ میلیارد دلار"}}},
  {"fa", "افزون بر ۴۰ درصد رشد کرد.", {{Pct, 40, "%", "more_than", "افزون بر ۴۰ درصد"}}},
  {"fa", "کمتر از ۱۰ درصد رأی آورد.", {{Pct, 10, "%", "less_than", "کمتر از ۱۰ درصد"}}},
  {"fa", "دست کم ۳۰ نفر کشته شدند.", {{Num, 30, "people", "at_least", "دست کم ۳۰ نفر"}}},
  {"fa", "حداقل ۳۰ نفر کشته شدند.", {{Num, 30, "people", "at_least", "حداقل ۳۰ نفر"}}},
  {"fa", "حداکثر ۵۰ نفر می‌توانند بیایند.", {{Num, 50, "people", "at_most", "حداکثر ۵۰ نفر"}}},
  // Spelled-out numbers (ICU RuleBasedNumberFormat).
  {"fa", "چهار مبحث اصلی دارد.", {{Num, 4, "", "", "چهار"}}},
  {"fa", "هفت توافقنامه امضا شد.", {{Num, 7, "", "", "هفت"}}},
  {"fa", "دوازده کشور آمدند.", {{Num, 12, "", "", "دوازده"}}},
  {"fa", "بیست و پنج کشور آمدند.", {{Num, 25, "", "", "بیست و پنج"}}},
  {"fa", "سی و پنج کشور آمدند.", {{Num, 35, "", "", "سی و پنج"}}},
  {"fa", "صد نفر آمدند.", {{Num, 100, "people", "", "صد نفر"}}},
  {"fa", "ده هزار نفر آمدند.", {{Num, 1e4, "people", "", "ده هزار نفر"}}},
  {"fa", "سه میلیون دلار کمک کرد.", {{Money, 3e6, "USD", "", "سه میلیون دلار"}}},
  {"fa", "دو میلیارد دلار هزینه شد.", {{Money, 2e9, "USD", "", "دو میلیارد دلار"}}},
  {"fa", "یک میلیون دلار هزینه شد.", {{Money, 1e6, "USD", "", "یک میلیون دلار"}}},
  // Several in one sentence (the seed's trade figures).
  {"fa", "حجم مبادلات حدود ۱۴۰ ميليون دلار بوده است که حدود ۱۱۰ ميليون دلار آن را صادرات و ۳۰ ميليون دلار آن را نيز واردات تشکيل داده است.",
        {{Money, 140e6, "USD", "approximate", "حدود ۱۴۰ ميليون دلار"},
         {Money, 110e6, "USD", "approximate", "حدود ۱۱۰ ميليون دلار"},
         {Money, 30e6, "USD", "", "۳۰ ميليون دلار"}}},
  // One amount in two parts joined by «و»; two amounts stay two.
  {"fa", "حجم مبادلات به ۲ ميليارد و ۸۰۰ ميليون دلار رسيد.", {{Money, 2.8e9, "USD", "", "۲ ميليارد و ۸۰۰ ميليون دلار"}}},
  {"fa", "جمعیت شهر ۳ میلیون و ۵۰۰ هزار نفر است.", {{Num, 3.5e6, "people", "", "۳ میلیون و ۵۰۰ هزار نفر"}}},
  {"fa", "در آن ۲ هزار و ۵۰۰ نفر بودند.", {{Num, 2500, "people", "", "۲ هزار و ۵۰۰ نفر"}}},
  {"fa", "حدود ۱ ميليارد و ۲۰۰ ميليون دلار بود.", {{Money, 1.2e9, "USD", "approximate", "حدود ۱ ميليارد و ۲۰۰ ميليون دلار"}}},
  {"fa", "صادرات ۳ میلیون و واردات ۲ میلیون دلار بود.", {{Num, 3e6, "", "", "۳ میلیون"}, {Money, 2e6, "USD", "", "۲ میلیون دلار"}}},
  {"fa", "۲ میلیون و ۳ میلیون دلار.", {{Num, 2e6, "", "", "۲ میلیون"}, {Money, 3e6, "USD", "", "۳ میلیون دلار"}}},
  {"fa", "۱۰ میلیون و ۵ درصد.", {{Num, 10e6, "", "", "۱۰ میلیون"}, {Pct, 5, "%", "", "۵ درصد"}}},
  // Numbers that look like years or dates but are not.
  {"fa", "۲۰۰ نفر در ۱۹۹۳۴ شرکت کردند.", {{Num, 200, "people", "", "۲۰۰ نفر"}, {Num, 19934, "", "", "۱۹۹۳۴"}}},
  {"fa", "شماره ۱۹۹۱۲۳۴ است.", {{Num, 1991234, "", "", "۱۹۹۱۲۳۴"}}},
};

const std::vector<QuantityRow> kSpanish = {
  // CLDR separators: «.» groups, «,» is the decimal mark.
  {"es", "Tiene 3.000 estudiantes.", {{Num, 3000, "", "", "3.000"}}},
  {"es", "Hay más de 3.000 estudiantes Bolashak.", {{Num, 3000, "", "more_than", "más de 3.000"}}},
  {"es", "La economía creció un 3,5 % anual.", {{Pct, 3.5, "%", "", "3,5 %"}}},
  {"es", "La economía creció un 3,5% anual.", {{Pct, 3.5, "%", "", "3,5%"}}},
  {"es", "Costó 1.234.567,89 dólares.", {{Money, 1234567.89, "USD", "", "1.234.567,89 dólares"}}},
  {"es", "La frontera tiene 7.591 km.", {{Meas, 7591, "km", "", "7.591 km"}}},
  {"es", "Tiene aproximadamente 2.724.900 km de superficie.", {{Meas, 2724900, "km", "approximate", "aproximadamente 2.724.900 km"}}},
  {"es", "Solo el 0,5 % votó.", {{Pct, 0.5, "%", "", "0,5 %"}}},
  // The RAE's space as thousands separator.
  {"es", "Asistieron 10 000 personas.", {{Num, 10000, "people", "", "10 000 personas"}}},
  {"es", "Asistieron 1 250 000 personas.", {{Num, 1250000, "people", "", "1 250 000 personas"}}},
  // Scale words.
  {"es", "La ayuda fue de 1.500 millones de dólares.", {{Money, 1.5e9, "USD", "", "1.500 millones de dólares"}}},
  {"es", "La ayuda fue de 1,5 millones de dólares.", {{Money, 1.5e6, "USD", "", "1,5 millones de dólares"}}},
  {"es", "El comercio llegó a 3.000 millones de dólares.", {{Money, 3e9, "USD", "", "3.000 millones de dólares"}}},
  {"es", "Costó 3 mil millones de dólares.", {{Money, 3e9, "USD", "", "3 mil millones de dólares"}}},
  {"es", "Costó 1,5 millardos de dólares.", {{Money, 1.5e9, "USD", "", "1,5 millardos de dólares"}}},
  {"es", "Costó 1 millón de dólares.", {{Money, 1e6, "USD", "", "1 millón de dólares"}}},
  {"es", "Vinieron 20 mil personas.", {{Num, 20000, "people", "", "20 mil personas"}}},
  {"es", "Tiene 18 millones de habitantes.", {{Num, 18e6, "people", "", "18 millones de habitantes"}}},
  {"es", "Superó los 2.000 millones de dólares.", {{Money, 2e9, "USD", "", "2.000 millones de dólares"}}},
  // Currencies.
  {"es", "La asistencia ha culminado en $ 341 millones.", {{Money, 341e6, "USD", "", "$ 341 millones"}}},
  {"es", "Donó US$ 50 millones.", {{Money, 50e6, "USD", "", "US$ 50 millones"}}},
  {"es", "Donó US$ 1.000 millones.", {{Money, 1e9, "USD", "", "US$ 1.000 millones"}}},
  {"es", "Donó USD 5 millones.", {{Money, 5e6, "USD", "", "USD 5 millones"}}},
  {"es", "Pagó 5.000 dólares.", {{Money, 5000, "USD", "", "5.000 dólares"}}},
  {"es", "Donó 30 millones de dólares estadounidenses.", {{Money, 30e6, "USD", "", "30 millones de dólares estadounidenses"}}},
  {"es", "Recibió 12,5 millones de euros.", {{Money, 12.5e6, "EUR", "", "12,5 millones de euros"}}},
  {"es", "Cuesta 300 euros.", {{Money, 300, "EUR", "", "300 euros"}}},
  {"es", "Cuesta € 300.", {{Money, 300, "EUR", "", "€ 300"}}},
  // Percentages.
  {"es", "El 28% de kazajos lo aprueba.", {{Pct, 28, "%", "", "28%"}}},
  {"es", "Subió un 25 por ciento.", {{Pct, 25, "%", "", "25 por ciento"}}},
  // Qualifiers.
  {"es", "Unos 30 millones de dólares.", {{Money, 30e6, "USD", "approximate", "Unos 30 millones de dólares"}}},
  {"es", "Vinieron unas 200 personas.", {{Num, 200, "people", "approximate", "unas 200 personas"}}},
  {"es", "Alrededor de 2 mil millones de dólares.", {{Money, 2e9, "USD", "approximate", "Alrededor de 2 mil millones de dólares"}}},
  {"es", "Vinieron cerca de 500 personas.", {{Num, 500, "people", "approximate", "cerca de 500 personas"}}},
  {"es", "Recorrió casi 1.000 kilómetros.", {{Meas, 1000, "km", "approximate", "casi 1.000 kilómetros"}}},
  {"es", "Costó en torno a 40 millones de rublos.", {{Money, 40e6, "RUB", "approximate", "en torno a 40 millones de rublos"}}},
  {"es", "Obtuvo alrededor del 40 % de los votos.", {{Pct, 40, "%", "approximate", "alrededor del 40 %"}}},
  {"es", "Vinieron más de 1,5 millones de personas.", {{Num, 1.5e6, "people", "more_than", "más de 1,5 millones de personas"}}},
  {"es", "Asistieron más de 2000 personas.", {{Num, 2000, "people", "more_than", "más de 2000 personas"}}},  // not the year 2000
  {"es", "Obtuvo más del 60 % de los votos.", {{Pct, 60, "%", "more_than", "más del 60 %"}}},
  {"es", "Obtuvo menos de 10 % de los votos.", {{Pct, 10, "%", "less_than", "menos de 10 %"}}},
  {"es", "Murieron al menos 30 personas.", {{Num, 30, "people", "at_least", "al menos 30 personas"}}},
  {"es", "Murieron por lo menos 30 personas.", {{Num, 30, "people", "at_least", "por lo menos 30 personas"}}},
  {"es", "Caben como máximo 50 personas.", {{Num, 50, "people", "at_most", "como máximo 50 personas"}}},
  // Spelled-out numbers.
  {"es", "Firmaron cuatro acuerdos.", {{Num, 4, "", "", "cuatro"}}},
  {"es", "Participaron veinticinco países.", {{Num, 25, "", "", "veinticinco"}}},
  {"es", "Vinieron treinta y dos personas.", {{Num, 32, "people", "", "treinta y dos personas"}}},
  {"es", "Vinieron cien personas.", {{Num, 100, "people", "", "cien personas"}}},
  {"es", "Vinieron mil personas.", {{Num, 1000, "people", "", "mil personas"}}},
  {"es", "Vinieron quince mil personas.", {{Num, 15000, "people", "", "quince mil personas"}}},
  {"es", "Viven dos millones de personas.", {{Num, 2e6, "people", "", "dos millones de personas"}}},
  {"es", "Donó un millón de dólares.", {{Money, 1e6, "USD", "", "un millón de dólares"}}},
  {"es", "Eran doce.", {{Num, 12, "", "", "doce"}}},
  // One amount in two parts: added after «y», counting the larger scale
  // side by side ("2 mil 800 millones" is 2,800 million).
  {"es", "El comercio alcanzó 2 mil 800 millones de dólares.", {{Money, 2.8e9, "USD", "", "2 mil 800 millones de dólares"}}},
  {"es", "Tiene 3 millones y 500 mil habitantes.", {{Num, 3.5e6, "people", "", "3 millones y 500 mil habitantes"}}},
  {"es", "Hubo 3 millones y 4 millones.", {{Num, 3e6, "", "", "3 millones"}, {Num, 4e6, "", "", "4 millones"}}},
  // Bare counts, several per sentence; a number after «de» is not a year.
  {"es", "800 estudian en 42 universidades.", {{Num, 800, "", "", "800"}, {Num, 42, "", "", "42"}}},
  {"es", "Un ejército de 1500 soldados.", {{Num, 1500, "", "", "1500"}}},
};

const std::vector<QuantityRow> kEnglish = {
  // CLDR separators: "," groups, "." is the decimal mark.
  {"en", "The border is 7,591 km long.", {{Meas, 7591, "km", "", "7,591 km"}}},
  {"en", "Growth was 4.5 percent.", {{Pct, 4.5, "%", "", "4.5 percent"}}},
  {"en", "Growth was 4.5%.", {{Pct, 4.5, "%", "", "4.5%"}}},
  {"en", "Growth was 0.5 per cent.", {{Pct, 0.5, "%", "", "0.5 per cent"}}},
  {"en", "It cost 1,234,567.89 dollars.", {{Money, 1234567.89, "USD", "", "1,234,567.89 dollars"}}},
  {"en", "There are 3,000 students.", {{Num, 3000, "", "", "3,000"}}},
  // Scale words.
  {"en", "It cost $341 million.", {{Money, 341e6, "USD", "", "$341 million"}}},
  {"en", "It cost $ 341 million.", {{Money, 341e6, "USD", "", "$ 341 million"}}},
  {"en", "It cost US$2.5 billion.", {{Money, 2.5e9, "USD", "", "US$2.5 billion"}}},
  {"en", "It cost USD 30 million.", {{Money, 30e6, "USD", "", "USD 30 million"}}},
  {"en", "It cost 1.5 billion dollars.", {{Money, 1.5e9, "USD", "", "1.5 billion dollars"}}},
  {"en", "It cost 2 trillion dollars.", {{Money, 2e12, "USD", "", "2 trillion dollars"}}},
  {"en", "It cost $1.2bn.", {{Money, 1.2e9, "USD", "", "$1.2bn"}}},
  {"en", "It cost $30m.", {{Money, 30e6, "USD", "", "$30m"}}},
  {"en", "It has 2.5 million.", {{Num, 2.5e6, "", "", "2.5 million"}}},
  {"en", "It hired 5 thousand people.", {{Num, 5000, "people", "", "5 thousand people"}}},
  // Currencies.
  {"en", "It cost $5,000.", {{Money, 5000, "USD", "", "$5,000"}}},
  {"en", "It cost €300.", {{Money, 300, "EUR", "", "€300"}}},
  {"en", "It cost 20 million rubles.", {{Money, 20e6, "RUB", "", "20 million rubles"}}},
  // Qualifiers.
  {"en", "Trade reached about 140 million dollars.", {{Money, 140e6, "USD", "approximate", "about 140 million dollars"}}},
  {"en", "Trade reached around 2 billion euros.", {{Money, 2e9, "EUR", "approximate", "around 2 billion euros"}}},
  {"en", "It has nearly 18 million people.", {{Num, 18e6, "people", "approximate", "nearly 18 million people"}}},
  {"en", "It has approximately 16.5 million inhabitants.", {{Num, 16.5e6, "people", "approximate", "approximately 16.5 million inhabitants"}}},
  {"en", "Some 400 people came.", {{Num, 400, "people", "approximate", "Some 400 people"}}},
  {"en", "It runs roughly 2,000 kilometres.", {{Meas, 2000, "km", "approximate", "roughly 2,000 kilometres"}}},
  {"en", "About 16,000 people came.", {{Num, 16000, "people", "approximate", "About 16,000 people"}}},
  {"en", "There are over 3,000 students.", {{Num, 3000, "", "more_than", "over 3,000"}}},
  {"en", "There are more than 3,000 students.", {{Num, 3000, "", "more_than", "more than 3,000"}}},
  {"en", "More than 2000 people attended.", {{Num, 2000, "people", "more_than", "More than 2000 people"}}},  // not the year 2000
  {"en", "It got less than 10% of the vote.", {{Pct, 10, "%", "less_than", "less than 10%"}}},
  {"en", "It got under 5 per cent.", {{Pct, 5, "%", "less_than", "under 5 per cent"}}},
  {"en", "Fewer than 500 people came.", {{Num, 500, "people", "less_than", "Fewer than 500 people"}}},
  {"en", "At least 30 people died.", {{Num, 30, "people", "at_least", "At least 30 people"}}},
  {"en", "Up to 30 people may come.", {{Num, 30, "people", "at_most", "Up to 30 people"}}},
  // Spelled-out numbers.
  {"en", "They signed three agreements.", {{Num, 3, "", "", "three"}}},
  {"en", "There were twelve.", {{Num, 12, "", "", "twelve"}}},
  {"en", "Twenty-five countries came.", {{Num, 25, "", "", "Twenty-five"}}},
  {"en", "It has forty-two universities.", {{Num, 42, "", "", "forty-two"}}},
  {"en", "One hundred people came.", {{Num, 100, "people", "", "One hundred people"}}},
  {"en", "Seven thousand people came.", {{Num, 7000, "people", "", "Seven thousand people"}}},
  // One amount in two parts.
  {"en", "Trade reached 2 billion and 800 million dollars.", {{Money, 2.8e9, "USD", "", "2 billion and 800 million dollars"}}},
};
// clang-format on

}  // namespace

TEST_CASE("quantities: Persian table", "[quantities][fa]") {
  const QuantityRow row = GENERATE(from_range(kPersian));
  extract_table::check_quantities(row);
}

TEST_CASE("quantities: Spanish table", "[quantities][es]") {
  const QuantityRow row = GENERATE(from_range(kSpanish));
  extract_table::check_quantities(row);
}

TEST_CASE("quantities: English table", "[quantities][en]") {
  const QuantityRow row = GENERATE(from_range(kEnglish));
  extract_table::check_quantities(row);
}

TEST_CASE("quantities: parse_number reads each pack's separators", "[quantities]") {
  const concord::RuleSet& rules = extract_table::engine().rules();
  struct Row {
    std::string lang, text;
    double value;
  };
  // Normalized text: digits already folded to ASCII, «٫» and «٬» kept.
  const std::vector<Row> rows = {
      {"fa", "5/84", 5.84}, {"fa", "5٫84", 5.84}, {"fa", "16٬000", 16000}, {"fa", "1,250", 1250},
      {"es", "3.000", 3000}, {"es", "3,5", 3.5}, {"es", "1.234.567,89", 1234567.89},
      {"en", "7,591", 7591}, {"en", "4.5", 4.5}, {"en", "1,234,567.89", 1234567.89},
  };
  for (const Row& row : rows) {
    CAPTURE(row.lang, row.text);
    double value = 0;
    REQUIRE(concord::parse_number(row.text, rules.languages.at(row.lang), value));
    CHECK(extract_table::same_value(value, row.value));
  }
  double value = 0;
  CHECK_FALSE(concord::parse_number("5/8/4", rules.languages.at("fa"), value));  // two decimal marks
  CHECK_FALSE(concord::parse_number("3,5,1", rules.languages.at("es"), value));
}

TEST_CASE("quantities: captures read off the pattern's pieces are RE2's own", "[quantities]") {
  // Every fixture's text, and lines made to make the pieces' first choices
  // fail (a qualifier or unit with no number after it, words that are both
  // a unit and a scale): the quantities found with the pieces must be those
  // found with RE2 computing the captures on the whole pattern.
  std::vector<std::pair<std::string, std::string>> texts = extract_table::fixture_texts();  // (path, text)
  texts.emplace_back("made.fa", "بیش از دلار ۵ میلیون دلار و حدود میلیون ۳ هزار و نزدیک به ۲ میلیارد و ۸۰۰ میلیون.");
  texts.emplace_back("made.es", "más de dólares 5 millones de dólares, unos millones 3 mil y cerca de 2 mil 800 millones.");
  texts.emplace_back("made.en", "more than dollars 5 million dollars, about million 3 thousand and nearly 2.5 bn USD.");
  const concord::Engine& engine = extract_table::engine();
  std::size_t compared = 0;
  for (const auto& [path, text] : texts) {
    CAPTURE(path);
    const concord::Group group = engine.analyze("pieces", {concord::SourceSpec{path, "", text}});
    const concord::AnalyzedSource& source = group.sources.at(0);
    REQUIRE(source.pack->quantities.parts.has_value());
    concord::LanguagePack whole = *source.pack;
    whole.quantities.parts.reset();
    const auto& dates = source.extraction.dates;
    const auto by_pieces = concord::extract_quantities(source.doc, *source.pack, dates);
    const auto by_re2 = concord::extract_quantities(source.doc, whole, dates);
    REQUIRE(by_pieces.size() == by_re2.size());
    for (std::size_t i = 0; i < by_re2.size(); ++i) {
      CAPTURE(i, source.doc.text().substr(by_re2[i].begin, by_re2[i].end - by_re2[i].begin));
      CHECK(by_pieces[i].begin == by_re2[i].begin);
      CHECK(by_pieces[i].end == by_re2[i].end);
      CHECK(by_pieces[i].number_begin == by_re2[i].number_begin);
      CHECK(by_pieces[i].number_end == by_re2[i].number_end);
      CHECK(by_pieces[i].value == by_re2[i].value);
      CHECK(by_pieces[i].unit == by_re2[i].unit);
      CHECK(by_pieces[i].qualifier == by_re2[i].qualifier);
      CHECK(by_pieces[i].spelled == by_re2[i].spelled);
      CHECK(by_pieces[i].scaled == by_re2[i].scaled);
    }
    compared += by_re2.size();
  }
  CHECK(compared > 400);
}

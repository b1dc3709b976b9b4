// Date ranges and date anaphora, table-driven, in Persian, Spanish and
// English: days of one month, across months and years, months, years; and
// «همين روز», «ese mismo año», "that same year" resolved to the date they
// refer to.
#include "extract_table.h"

using extract_table::Cal;
using extract_table::DateRow;
using namespace extract_table::shorthand;

namespace {

// clang-format off
const std::vector<DateRow> kRanges = {
  // Days of one month.
  {"fa", "از ۵ تا ۷ مارس ۱۹۹۴ برگزار شد.", {{Range, "1994-03-05/1994-03-07", D, "۵ تا ۷ مارس ۱۹۹۴", G}}},
  {"fa", "از ۱۴ الى ۱۶ فوريه ۱۹۹۴ بود.", {{Range, "1994-02-14/1994-02-16", D, "۱۴ الى ۱۶ فوريه ۱۹۹۴", G}}},
  {"fa", "در ۲۵ تا ۲۶ ژانويه ۱۹۹۵ سفر کرد.", {{Range, "1995-01-25/1995-01-26", D, "۲۵ تا ۲۶ ژانويه ۱۹۹۵", G}}},
  {"fa", "در ۱۹ و ۲۰ نوامبر ۱۹۹۶ بود.", {{Range, "1996-11-19/1996-11-20", D, "۱۹ و ۲۰ نوامبر ۱۹۹۶", G}}},
  {"fa", "در ۲ تا ۳ ژوئن وارد شدند.", {{Range, "--06-02/--06-03", D, "۲ تا ۳ ژوئن"}}},
  {"es", "Del 5 al 7 de marzo de 1994 hubo una cumbre.", {{Range, "1994-03-05/1994-03-07", D, "5 al 7 de marzo de 1994", G}}},
  {"es", "Entre el 5 y el 7 de marzo de 1994 se reunieron.", {{Range, "1994-03-05/1994-03-07", D, "5 y el 7 de marzo de 1994", G}}},
  {"es", "El 5 y 6 de mayo de 2001 se reunieron.", {{Range, "2001-05-05/2001-05-06", D, "5 y 6 de mayo de 2001", G}}},
  {"es", "Del 19 al 21 de marzo se reunieron.", {{Range, "--03-19/--03-21", D, "19 al 21 de marzo"}}},
  {"en", "The summit was held on March 5-7, 1994.", {{Range, "1994-03-05/1994-03-07", D, "March 5-7, 1994", G}}},
  {"en", "The summit was held on March 5–7, 1994.", {{Range, "1994-03-05/1994-03-07", D, "March 5–7, 1994", G}}},
  {"en", "The summit was held on March 5 to 7, 1994.", {{Range, "1994-03-05/1994-03-07", D, "March 5 to 7, 1994", G}}},
  {"en", "The summit was held on 5-7 March 1994.", {{Range, "1994-03-05/1994-03-07", D, "5-7 March 1994", G}}},
  {"en", "It ran from 5 to 7 March 1994.", {{Range, "1994-03-05/1994-03-07", D, "5 to 7 March 1994", G}}},
  {"en", "It ran between 5 and 7 March 1994.", {{Range, "1994-03-05/1994-03-07", D, "5 and 7 March 1994", G}}},
  {"en", "They met on December 25 and 26, 1991.", {{Range, "1991-12-25/1991-12-26", D, "December 25 and 26, 1991", G}}},
  {"en", "They met on March 19-21.", {{Range, "--03-19/--03-21", D, "March 19-21"}}},
  {"en", "They met from 5 to 7 March.", {{Range, "--03-05/--03-07", D, "5 to 7 March"}}},
  // Across months.
  {"fa", "از ۲۸ فوریه تا ۳ مارس ۱۹۹۵ بود.", {{Range, "1995-02-28/1995-03-03", D, "۲۸ فوریه تا ۳ مارس ۱۹۹۵", G}}},
  {"es", "Del 28 de febrero al 3 de marzo de 1995.", {{Range, "1995-02-28/1995-03-03", D, "28 de febrero al 3 de marzo de 1995", G}}},
  {"es", "Entre el 28 de febrero y el 3 de marzo de 1995.", {{Range, "1995-02-28/1995-03-03", D, "28 de febrero y el 3 de marzo de 1995", G}}},
  {"es", "Desde el 5 de marzo hasta el 7 de abril de 1994.", {{Range, "1994-03-05/1994-04-07", D, "5 de marzo hasta el 7 de abril de 1994", G}}},
  {"en", "They met from April 28 to May 3, 1992.", {{Range, "1992-04-28/1992-05-03", D, "April 28 to May 3, 1992", G}}},
  {"en", "They met April 28-May 3, 1992.", {{Range, "1992-04-28/1992-05-03", D, "April 28-May 3, 1992", G}}},
  {"en", "They met from 28 April to 3 May 1992.", {{Range, "1992-04-28/1992-05-03", D, "28 April to 3 May 1992", G}}},
  {"en", "They met between April 28 and May 3, 1992.", {{Range, "1992-04-28/1992-05-03", D, "April 28 and May 3, 1992", G}}},
  // Across years.
  {"fa", "از ۳۰ دسامبر ۱۹۹۱ تا ۲ ژانویه ۱۹۹۲ بود.", {{Range, "1991-12-30/1992-01-02", D, "۳۰ دسامبر ۱۹۹۱ تا ۲ ژانویه ۱۹۹۲", G}}},
  {"es", "Del 30 de diciembre de 1991 al 2 de enero de 1992.", {{Range, "1991-12-30/1992-01-02", D, "30 de diciembre de 1991 al 2 de enero de 1992", G}}},
  {"es", "Entre el 30 de diciembre de 1991 y el 2 de enero de 1992.", {{Range, "1991-12-30/1992-01-02", D, "30 de diciembre de 1991 y el 2 de enero de 1992", G}}},
  {"en", "From December 30, 1991 to January 2, 1992.", {{Range, "1991-12-30/1992-01-02", D, "December 30, 1991 to January 2, 1992", G}}},
  {"en", "From 30 December 1991 to 2 January 1992.", {{Range, "1991-12-30/1992-01-02", D, "30 December 1991 to 2 January 1992", G}}},
  // Months.
  {"fa", "از مارس تا ژوئن ۱۹۹۴ بود.", {{Range, "1994-03/1994-06", M, "مارس تا ژوئن ۱۹۹۴", G}}},
  {"fa", "بین مارس و ژوئن ۱۹۹۴ بود.", {{Range, "1994-03/1994-06", M, "مارس و ژوئن ۱۹۹۴", G}}},
  {"fa", "از مارس ۱۹۹۲ تا ژوئن ۱۹۹۴ بود.", {{Range, "1992-03/1994-06", M, "مارس ۱۹۹۲ تا ژوئن ۱۹۹۴", G}}},
  {"fa", "از فوريه ۱۹۹۲ تا ۱۹۹۵ ادامه داشت.", {{Range, "1992-02/1995", M, "فوريه ۱۹۹۲ تا ۱۹۹۵", G}}},
  {"es", "De marzo a junio de 1994.", {{Range, "1994-03/1994-06", M, "marzo a junio de 1994", G}}},
  {"es", "Entre marzo y junio de 1994.", {{Range, "1994-03/1994-06", M, "marzo y junio de 1994", G}}},
  {"es", "De marzo de 1992 a junio de 1994.", {{Range, "1992-03/1994-06", M, "marzo de 1992 a junio de 1994", G}}},
  {"es", "De febrero de 1992 a 1995 trabajó.", {{Range, "1992-02/1995", M, "febrero de 1992 a 1995", G}}},
  {"en", "From March to June 1994.", {{Range, "1994-03/1994-06", M, "March to June 1994", G}}},
  {"en", "In March–June 1994.", {{Range, "1994-03/1994-06", M, "March–June 1994", G}}},
  {"en", "From March 1992 to June 1994.", {{Range, "1992-03/1994-06", M, "March 1992 to June 1994", G}}},
  {"en", "Between March 1992 and June 1994.", {{Range, "1992-03/1994-06", M, "March 1992 and June 1994", G}}},
  // Years.
  {"fa", "در سال‌های ۱۹۹۲ تا ۲۰۰۸ کمک کرد.", {{Range, "1992/2008", Y, "۱۹۹۲ تا ۲۰۰۸", G}}},
  {"fa", "بین ۱۹۹۲ و ۲۰۰۸ کمک کرد.", {{Range, "1992/2008", Y, "۱۹۹۲ و ۲۰۰۸", G}}},
  {"fa", "در دوره ۱۹۹۲-۲۰۰۸ کمک کرد.", {{Range, "1992/2008", Y, "۱۹۹۲-۲۰۰۸", G}}},
  {"es", "Entre 1992 y 2008 la asistencia creció.", {{Range, "1992/2008", Y, "1992 y 2008", G}}},
  {"es", "De 1991 a 1996 desmantelaron las armas.", {{Range, "1991/1996", Y, "1991 a 1996", G}}},
  {"es", "Desde 1992 hasta 2008 ayudó.", {{Range, "1992/2008", Y, "1992 hasta 2008", G}}},
  {"es", "En el período 1992-2008 ayudó.", {{Range, "1992/2008", Y, "1992-2008", G}}},
  {"en", "Between 1992 and 2008 aid grew.", {{Range, "1992/2008", Y, "1992 and 2008", G}}},
  {"en", "From 1991 to 1996 they dismantled it.", {{Range, "1991/1996", Y, "1991 to 1996", G}}},
  {"en", "In 1992–2008 aid grew.", {{Range, "1992/2008", Y, "1992–2008", G}}},
  // Two days joined by «و» / "and" across months are two dates, not a span.
  {"fa", "در ۲۵ دسامبر ۱۹۹۱ و ۲ ژانویه ۱۹۹۲ بود.",
        {{Date, "1991-12-25", D, "۲۵ دسامبر ۱۹۹۱", G}, {Date, "1992-01-02", D, "۲ ژانویه ۱۹۹۲", G}}},
  {"en", "On 5 March and 7 April 1994.", {{Date, "--03-05", D, "5 March"}, {Date, "1994-04-07", D, "7 April 1994", G}}},
};

const std::vector<DateRow> kAnaphora = {
  // Same day.
  {"fa", "در ۲۵ دسامبر ۱۹۹۱ به رسميت شناخت و روابط ديپلماتيک دو کشور در همين روز برقرار گرديد.",
        {{Date, "1991-12-25", D, "۲۵ دسامبر ۱۹۹۱", G}, {Ana, "1991-12-25", D, "در همين روز", G, false, 0}}},
  {"fa", "در ۲۵ دسامبر ۱۹۹۱ آمد. همان روز رفت.",
        {{Date, "1991-12-25", D, "۲۵ دسامبر ۱۹۹۱", G}, {Ana, "1991-12-25", D, "همان روز", G, false, 0}}},
  {"fa", "در سال ۱۹۹۰ بود. در ۲۵ دسامبر ۱۹۹۱ آمد. در همين روز رفت.",
        {{Date, "1990", Y, "۱۹۹۰", G}, {Date, "1991-12-25", D, "۲۵ دسامبر ۱۹۹۱", G},
         {Ana, "1991-12-25", D, "در همين روز", G, false, 1}}},
  {"fa", "از ۳ تا ۶ آوریل ۱۹۹۴ ماند. در همين روز رفت.",
        {{Range, "1994-04-03/1994-04-06", D, "۳ تا ۶ آوریل ۱۹۹۴", G}, {Ana, "1994-04-06", D, "در همين روز", G, false, 0}}},
  {"es", "El 16 de diciembre de 1991 llegó. Ese mismo día se fue.",
        {{Date, "1991-12-16", D, "16 de diciembre de 1991", G}, {Ana, "1991-12-16", D, "Ese mismo día", G, false, 0}}},
  {"es", "El 16 de diciembre de 1991 llegó. El mismo día se fue.",
        {{Date, "1991-12-16", D, "16 de diciembre de 1991", G}, {Ana, "1991-12-16", D, "El mismo día", G, false, 0}}},
  {"es", "El 16 de diciembre de 1991 llegó. Aquel día llovía.",
        {{Date, "1991-12-16", D, "16 de diciembre de 1991", G}, {Ana, "1991-12-16", D, "Aquel día", G, false, 0}}},
  {"en", "They met on December 16, 1991. The same day they signed.",
        {{Date, "1991-12-16", D, "December 16, 1991", G}, {Ana, "1991-12-16", D, "The same day", G, false, 0}}},
  {"en", "They met on 16 December 1991. That same day they signed.",
        {{Date, "1991-12-16", D, "16 December 1991", G}, {Ana, "1991-12-16", D, "That same day", G, false, 0}}},
  // Same month.
  {"fa", "در ۲۵ دسامبر ۱۹۹۱ آمد. در همين ماه رفت.",
        {{Date, "1991-12-25", D, "۲۵ دسامبر ۱۹۹۱", G}, {Ana, "1991-12", M, "همين ماه", G, false, 0}}},
  {"es", "El 16 de diciembre de 1991 llegó. Ese mismo mes se fue.",
        {{Date, "1991-12-16", D, "16 de diciembre de 1991", G}, {Ana, "1991-12", M, "Ese mismo mes", G, false, 0}}},
  {"en", "They met on 16 December 1991. That month they signed.",
        {{Date, "1991-12-16", D, "16 December 1991", G}, {Ana, "1991-12", M, "That month", G, false, 0}}},
  // Same year, alone.
  {"fa", "در سال ۱۹۹۵ آمد. در همين سال رفت.",
        {{Date, "1995", Y, "۱۹۹۵", G}, {Ana, "1995", Y, "همين سال", G, false, 0}}},
  {"fa", "در ۲۵ دسامبر ۱۹۹۱ آمد. در همان سال رفت.",
        {{Date, "1991-12-25", D, "۲۵ دسامبر ۱۹۹۱", G}, {Ana, "1991", Y, "همان سال", G, false, 0}}},
  {"es", "En 1995 llegó. Ese mismo año se fue.",
        {{Date, "1995", Y, "1995", G}, {Ana, "1995", Y, "Ese mismo año", G, false, 0}}},
  {"es", "En 2010 llegó. Aquel año llovió.",
        {{Date, "2010", Y, "2010", G}, {Ana, "2010", Y, "Aquel año", G, false, 0}}},
  {"en", "They met on December 16, 1991. That same year they signed.",
        {{Date, "1991-12-16", D, "December 16, 1991", G}, {Ana, "1991", Y, "That same year", G, false, 0}}},
  {"en", "In 1995 he came. That year he left.",
        {{Date, "1995", Y, "1995", G}, {Ana, "1995", Y, "That year", G, false, 0}}},
  // Same year, with a day or month: the year is resolved, and inferred.
  {"fa", "در سال ۱۹۹۴ سفر کرد. ۵ تا ۷ مارس همين سال نشست بود.",
        {{Date, "1994", Y, "۱۹۹۴", G}, {Range, "1994-03-05/1994-03-07", D, "۵ تا ۷ مارس همين سال", G, true}}},
  {"fa", "در آوريل ۱۹۹۵ آمد. در تاريخ ۱۳ جولاى همين سال رفت.",
        {{Date, "1995-04", M, "آوريل ۱۹۹۵", G}, {Date, "1995-07-13", D, "۱۳ جولاى همين سال", G, true}}},
  {"fa", "در آوريل ۱۹۹۲ آمدند و در نوامبر همين سال رفتند.",
        {{Date, "1992-04", M, "آوريل ۱۹۹۲", G}, {Date, "1992-11", M, "نوامبر همين سال", G, true}}},
  {"es", "En 1994 hubo una cumbre. Del 5 al 7 de marzo de ese año se reunieron.",
        {{Date, "1994", Y, "1994", G}, {Range, "1994-03-05/1994-03-07", D, "5 al 7 de marzo de ese año", G, true}}},
  {"es", "En 1995 llegó. El 13 de julio de ese mismo año volvió.",
        {{Date, "1995", Y, "1995", G}, {Date, "1995-07-13", D, "13 de julio de ese mismo año", G, true}}},
  {"es", "En 2010 llegó. En julio de ese año volvió.",
        {{Date, "2010", Y, "2010", G}, {Date, "2010-07", M, "julio de ese año", G, true}}},
  {"en", "In 1994 they met. On March 5-7 that year they signed.",
        {{Date, "1994", Y, "1994", G}, {Range, "1994-03-05/1994-03-07", D, "March 5-7 that year", G, true}}},
  {"en", "In 1995 he came. On 13 July that year he left.",
        {{Date, "1995", Y, "1995", G}, {Date, "1995-07-13", D, "13 July that year", G, true}}},
  {"en", "In 2010 he came. In July of that year he left.",
        {{Date, "2010", Y, "2010", G}, {Date, "2010-07", M, "July of that year", G, true}}},
  // Nothing to refer to.
  {"fa", "همين روز رفت.", {}},
  {"es", "Ese mismo año se fue.", {}},
  {"en", "That same day he left.", {}},
};
// clang-format on

}  // namespace

TEST_CASE("ranges: date range table", "[dates][ranges]") {
  const DateRow row = GENERATE(from_range(kRanges));
  extract_table::check_dates(row);
}

TEST_CASE("ranges: anaphora table", "[dates][anaphora]") {
  const DateRow row = GENERATE(from_range(kAnaphora));
  extract_table::check_dates(row);
}

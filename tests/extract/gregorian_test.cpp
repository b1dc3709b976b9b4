// Single Gregorian dates, table-driven, chiefly English (the other tables
// are Persian and Spanish): day, month and year in each order, ordinal
// suffixes, abbreviated months with their period, month and year, a year
// alone after the words that announce one.
#include "extract_table.h"

using extract_table::Cal;
using extract_table::DateRow;
using namespace extract_table::shorthand;

namespace {

// clang-format off
const std::vector<DateRow> kGregorian = {
  {"en", "They established relations on December 16, 1991.", {{Date, "1991-12-16", D, "December 16, 1991", G}}},
  {"en", "They established relations on December 16 1991.", {{Date, "1991-12-16", D, "December 16 1991", G}}},
  {"en", "They established relations on 16 December 1991.", {{Date, "1991-12-16", D, "16 December 1991", G}}},
  {"en", "It happened on September 11, 2001.", {{Date, "2001-09-11", D, "September 11, 2001", G}}},
  {"en", "It entered into force on January 1st, 2000.", {{Date, "2000-01-01", D, "January 1st, 2000", G}}},
  {"en", "It was signed on March 5th, 1994.", {{Date, "1994-03-05", D, "March 5th, 1994", G}}},
  {"en", "It was signed on the 5th of March, 1994.", {{Date, "1994-03-05", D, "5th of March, 1994", G}}},
  {"en", "It was signed on the 1st of January 2000.", {{Date, "2000-01-01", D, "1st of January 2000", G}}},
  {"en", "It was signed on 25th December 1991.", {{Date, "1991-12-25", D, "25th December 1991", G}}},
  {"en", "It was signed on Dec 25, 1991.", {{Date, "1991-12-25", D, "Dec 25, 1991", G}}},
  {"en", "It was signed on Dec. 25, 1991.", {{Date, "1991-12-25", D, "Dec. 25, 1991", G}}},
  {"en", "It was signed on February 29, 1996.", {{Date, "1996-02-29", D, "February 29, 1996", G}}},
  {"en", "They met on March 5.", {{Date, "--03-05", D, "March 5"}}},
  {"en", "They met on 5 March.", {{Date, "--03-05", D, "5 March"}}},
  {"en", "The embassy opened in January 1992.", {{Date, "1992-01", M, "January 1992", G}}},
  {"en", "He visited in May 1991.", {{Date, "1991-05", M, "May 1991", G}}},
  {"en", "He visited in Sept 2001.", {{Date, "2001-09", M, "Sept 2001", G}}},
  {"en", "He visited in March of 1994.", {{Date, "1994-03", M, "March of 1994", G}}},
  {"en", "He visited in December, 1991.", {{Date, "1991-12", M, "December, 1991", G}}},
  {"en", "They moved to Astana in 2006.", {{Date, "2006", Y, "2006", G}}},
  {"en", "They have cooperated since 1996.", {{Date, "1996", Y, "1996", G}}},
  {"en", "It was built by mid-1994.", {{Date, "1994", Y, "1994", G}}},
  {"en", "It was built in the summer of 1994.", {{Date, "1994", Y, "1994", G}}},
  {"en", "It was built during 1993.", {{Date, "1993", Y, "1993", G}}},
  {"en", "In 2016 and in the year 1993.", {{Date, "2016", Y, "2016", G}, {Date, "1993", Y, "1993", G}}},
  {"en", "In 1995 he came. On 13 July he left.",
        {{Date, "1995", Y, "1995", G}, {Date, "1995-07-13", D, "13 July", G, true}}},
  {"es", "Ocurrió el 25 de dic. de 1991.", {{Date, "1991-12-25", D, "25 de dic. de 1991", G}}},
  {"es", "Ocurrió a mediados de 1994.", {{Date, "1994", Y, "1994", G}}},
  {"es", "Ocurrió durante 1993.", {{Date, "1993", Y, "1993", G}}},
  {"es", "Ocurrió en marzo del 1994.", {{Date, "1994-03", M, "marzo del 1994", G}}},
  {"es", "Los ataques del 11 de septiembre de 2001 cambiaron todo.", {{Date, "2001-09-11", D, "11 de septiembre de 2001", G}}},
  {"fa", "در ۲۵ دسامبر ۱۹۹۱ بود.", {{Date, "1991-12-25", D, "۲۵ دسامبر ۱۹۹۱", G}}},
  {"fa", "در ۱۳ جولاى ۱۹۹۵ بود.", {{Date, "1995-07-13", D, "۱۳ جولاى ۱۹۹۵", G}}},
  {"fa", "در ۲۵ مه ۱۹۹۲ بود.", {{Date, "1992-05-25", D, "۲۵ مه ۱۹۹۲", G}}},
  {"fa", "در اواخر ۱۹۹۳ آمد.", {{Date, "1993", Y, "۱۹۹۳", G}}},
};
// clang-format on

}  // namespace

TEST_CASE("gregorian: single date table", "[dates][gregorian]") {
  const DateRow row = GENERATE(from_range(kGregorian));
  extract_table::check_dates(row);
}

// Dates and date ranges, with granularity and calendar.
//
// A DateValue is what the text says (components in the calendar it is written
// in) plus the interval of days it denotes, as Julian Day Numbers, so values
// written in different calendars and at different granularities compare by
// overlap: "December 1991" agrees with "16 December 1991".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "rules/rules.h"
#include "text/document.h"

namespace concord {

enum class Granularity { kNone = 0, kYear = 1, kMonth = 2, kDay = 3 };

struct DateValue {
  Calendar calendar = Calendar::kGregorian;
  int year = 0;   // as written (0: unknown)
  int month = 0;  // 1..12 (0: unknown)
  int day = 0;    // 1..31 (0: unknown)
  bool year_inferred = false;  // taken from context, not written here
  bool exists = true;          // false for 31 February and the like

  Granularity granularity() const;
  // Interval of days denoted, as Julian Day Numbers; nullopt without a year
  // or for a date that does not exist.
  std::optional<std::pair<int64_t, int64_t>> days() const;
  // ISO 8601 in the Gregorian calendar at the value's granularity:
  // "1991-12-25", "1991-12", "1991"; "--12-25" without a year.
  std::string iso() const;
  bool same_as(const DateValue& other) const;
};

enum class DateKind { kExplicit, kAnaphora };

struct DateMention {
  std::size_t begin = 0, end = 0;  // normalized offsets
  DateKind kind = DateKind::kExplicit;
  DateValue from;
  std::optional<DateValue> to;  // set for a range
  // For an anaphora («همین روز», «ese mismo día»): the mention it refers to.
  std::optional<std::size_t> antecedent;
  std::size_t template_index = 0;

  bool is_range() const { return to.has_value(); }
  // Interval covered by the whole mention (both ends of a range).
  std::optional<std::pair<int64_t, int64_t>> days() const;
};

// Julian Day Number of a Gregorian date.
int64_t gregorian_to_jdn(int year, int month, int day);
// Gregorian (year, month, day) of a Julian Day Number.
void jdn_to_gregorian(int64_t jdn, int& year, int& month, int& day);
// Days in a month; `year` 0 means unknown (the longest the month can be).
int days_in_month(Calendar calendar, int year, int month);

// Finds every date in a document with the pack's templates, resolves years
// from context and anaphora to their antecedents. Mentions are in text order.
std::vector<DateMention> extract_dates(const Document& doc, const LanguagePack& pack);

}  // namespace concord

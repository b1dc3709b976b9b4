// Shared by the table-driven extraction tests (dates, gregorian, calendar,
// ranges, quantities, claims): one Engine over the real rule packs, and one checker per kind of
// row. A row names its language, its text and every mention expected in it,
// in text order, with the resolved value; a failure prints the row and what
// was found instead.
#pragma once

#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <ostream>
#include <string>
#include <vector>

#include "engine.h"
#include "extract/dates.h"
#include "extract/extraction.h"

namespace extract_table {

inline const concord::Engine& engine() {
  static const concord::Engine e(concord::load_rules({std::string(CONCORD_SOURCE_DIR) + "/rules"}));
  return e;
}

inline concord::Group analyze(const std::string& lang, const std::string& text) {
  return engine().analyze("table", {concord::SourceSpec{"case.txt", lang, text}});
}

// Every fixture's text files, as (path, text): for the tests that compare
// two ways of extracting on all the text the project has.
inline std::vector<std::pair<std::string, std::string>> fixture_texts() {
  namespace fs = std::filesystem;
  std::vector<std::pair<std::string, std::string>> texts;
  for (const auto& folder : fs::directory_iterator(std::string(CONCORD_SOURCE_DIR) + "/fixtures")) {
    if (!folder.is_directory()) continue;
    for (const auto& file : fs::directory_iterator(folder.path())) {
      if (file.path().extension() != ".txt") continue;
      std::ifstream in(file.path(), std::ios::binary);
      texts.emplace_back(file.path().string(), std::string(std::istreambuf_iterator<char>(in), {}));
    }
  }
  return texts;
}

// ------------------------------------------------------------------ dates

enum class DateKind { kDate, kRange, kAnaphora };
enum class Cal { kAny, kGregorian, kPersian };

struct DateWant {
  DateKind kind;
  std::string iso;  // Gregorian ISO 8601; "from/to" for a range; a Persian month or year is its interval of days
  concord::Granularity granularity;  // of the first end, as written
  std::string excerpt;               // original bytes of the mention ("": not checked)
  Cal calendar = Cal::kAny;          // the calendar it is written in
  bool inferred = false;             // year taken from context
  int antecedent = -1;               // anaphora: index of the mention it refers to
  bool exists = true;                // false: a day that is not in the calendar (31 February)
};

struct DateRow {
  std::string lang;
  std::string text;
  std::vector<DateWant> want;  // every date mention, in text order
};

inline std::ostream& operator<<(std::ostream& os, const DateRow& r) { return os << r.lang << ": " << r.text; }

// Short names for the date tables' rows: granularity, kind, calendar.
namespace shorthand {
constexpr auto D = concord::Granularity::kDay;
constexpr auto M = concord::Granularity::kMonth;
constexpr auto Y = concord::Granularity::kYear;
constexpr auto Date = DateKind::kDate;
constexpr auto Range = DateKind::kRange;
constexpr auto Ana = DateKind::kAnaphora;
constexpr Cal G = Cal::kGregorian;
constexpr Cal P = Cal::kPersian;
}  // namespace shorthand

inline std::string iso_of(const concord::DateMention& m) {
  return m.to ? m.from.iso() + "/" + m.to->iso() : m.from.iso();
}

inline void check_dates(const DateRow& row) {
  CAPTURE(row);
  const concord::Group group = analyze(row.lang, row.text);
  const concord::AnalyzedSource& source = group.sources.at(0);
  const auto& dates = source.extraction.dates;
  std::string found;
  for (const auto& m : dates) found += "[" + iso_of(m) + " «" + source.location(m.begin, m.end).excerpt + "»] ";
  CAPTURE(found);
  REQUIRE(dates.size() == row.want.size());
  for (std::size_t i = 0; i < dates.size(); ++i) {
    const concord::DateMention& m = dates[i];
    const DateWant& w = row.want[i];
    CAPTURE(i);
    CHECK(iso_of(m) == w.iso);
    CHECK(m.from.granularity() == w.granularity);
    if (!w.excerpt.empty()) CHECK(source.location(m.begin, m.end).excerpt == w.excerpt);
    CHECK(m.is_range() == (w.kind == DateKind::kRange));
    CHECK((m.from.exists && (!m.to || m.to->exists)) == w.exists);
    CHECK(m.from.year_inferred == w.inferred);
    if (w.calendar != Cal::kAny) {
      const auto cal = w.calendar == Cal::kPersian ? concord::Calendar::kPersian : concord::Calendar::kGregorian;
      CHECK(m.from.calendar == cal);
      if (m.to) CHECK(m.to->calendar == cal);
    }
    if (w.kind == DateKind::kAnaphora) {
      CHECK(m.kind == concord::DateKind::kAnaphora);
      REQUIRE(m.antecedent.has_value());
      CHECK(*m.antecedent == static_cast<std::size_t>(w.antecedent));
    } else {
      CHECK(m.kind == concord::DateKind::kExplicit);
      CHECK_FALSE(m.antecedent.has_value());
    }
  }
}

// ------------------------------------------------------------- quantities

// What a quantity is, from its unit: a bare number (or a count of people),
// an amount of money, a percentage, a measure (km, tons).
enum class QuantityKind { kNumber, kMoney, kPercent, kMeasure };

inline QuantityKind kind_of_unit(const std::string& unit) {
  if (unit.empty() || unit == "people") return QuantityKind::kNumber;
  if (unit == "%") return QuantityKind::kPercent;
  if (unit == "USD" || unit == "EUR" || unit == "RUB" || unit == "IRR") return QuantityKind::kMoney;
  return QuantityKind::kMeasure;
}

struct QuantityWant {
  QuantityKind kind;
  double value;           // scale applied
  std::string unit;       // "", USD, %, km, people...
  std::string qualifier;  // "", approximate, more_than, less_than
  std::string excerpt;    // original bytes of the whole expression
};

struct QuantityRow {
  std::string lang;
  std::string text;
  std::vector<QuantityWant> want;  // every quantity, in text order
};

inline std::ostream& operator<<(std::ostream& os, const QuantityRow& r) { return os << r.lang << ": " << r.text; }

inline bool same_value(double a, double b) { return std::fabs(a - b) <= 1e-9 * std::max(1.0, std::fabs(b)); }

inline std::string describe(const concord::AnalyzedSource& source, const concord::Quantity& q) {
  return fmt::format("[{:.10g}{}{} «{}»]", q.value, q.unit.empty() ? "" : " " + q.unit,
                     q.qualifier.empty() ? "" : " (" + q.qualifier + ")", source.location(q.begin, q.end).excerpt);
}

// Quantity rows hold no date: every number in them must be read as a
// quantity, never as a year or a day («۵/۸۴ میلیون دلار» is not a date).
inline void check_quantities(const QuantityRow& row) {
  CAPTURE(row);
  const concord::Group group = analyze(row.lang, row.text);
  const concord::AnalyzedSource& source = group.sources.at(0);
  const auto& quantities = source.extraction.quantities;
  std::string found;
  for (const auto& q : quantities) found += describe(source, q) + " ";
  std::string dates;
  for (const auto& m : source.extraction.dates) dates += "[" + iso_of(m) + "] ";
  CAPTURE(found, dates);
  CHECK(source.extraction.dates.empty());
  REQUIRE(quantities.size() == row.want.size());
  for (std::size_t i = 0; i < quantities.size(); ++i) {
    const concord::Quantity& q = quantities[i];
    const QuantityWant& w = row.want[i];
    CAPTURE(i);
    CHECK(same_value(q.value, w.value));
    CHECK(q.unit == w.unit);
    CHECK(kind_of_unit(q.unit) == w.kind);
    CHECK(q.qualifier == w.qualifier);
    CHECK(source.location(q.begin, q.end).excerpt == w.excerpt);
  }
}

// ----------------------------------------------------------------- claims

struct ClaimWant {
  std::string event;
  std::string participants;  // sorted entity ids, comma-separated
  // Event claims: the ISO date of the value («در همین روز» gives its
  // antecedent's). Measure claims: "".
  std::string date;
  double amount = 0;  // measure claims: the quantity's value and unit
  std::string unit;
  std::string scope;  // measure claims: ISO of the date that scopes it ("" none)
  bool cumulative = false;
};

struct ClaimRow {
  std::string lang;
  std::string text;
  std::vector<ClaimWant> want;  // every claim, in the order of their triggers
};

inline std::ostream& operator<<(std::ostream& os, const ClaimRow& r) { return os << r.lang << ": " << r.text; }

inline std::string participants_of(const concord::Claim& c) {
  std::string out;
  for (const std::string& p : c.participants) out += (out.empty() ? "" : ",") + p;
  return out;
}

inline void check_claims(const ClaimRow& row) {
  CAPTURE(row);
  const concord::Group group = analyze(row.lang, row.text);
  const concord::Extraction& ex = group.sources.at(0).extraction;
  std::string found;
  for (const concord::Claim& c : ex.claims) {
    found += "[" + c.event + "(" + participants_of(c) + ") ";
    if (c.quantity) found += fmt::format("{:.10g} {}", ex.quantities[*c.quantity].value, ex.quantities[*c.quantity].unit);
    if (c.date_mention) found += iso_of(ex.dates[c.value_mention]);
    if (c.scope) found += " in " + iso_of(ex.dates[*c.scope]);
    if (c.cumulative) found += " total";
    found += "] ";
  }
  CAPTURE(found);
  REQUIRE(ex.claims.size() == row.want.size());
  for (std::size_t i = 0; i < ex.claims.size(); ++i) {
    const concord::Claim& c = ex.claims[i];
    const ClaimWant& w = row.want[i];
    CAPTURE(i);
    CHECK(c.event == w.event);
    CHECK(participants_of(c) == w.participants);
    if (w.date.empty()) {
      CHECK_FALSE(c.date_mention.has_value());
      REQUIRE(c.quantity.has_value());
      const concord::Quantity& q = ex.quantities[*c.quantity];
      CHECK(same_value(q.value, w.amount));
      CHECK(q.unit == w.unit);
      CHECK((c.scope ? iso_of(ex.dates[*c.scope]) : std::string()) == w.scope);
      CHECK(c.cumulative == w.cumulative);
    } else {
      CHECK_FALSE(c.quantity.has_value());
      REQUIRE(c.date_mention.has_value());
      CHECK(iso_of(ex.dates[c.value_mention]) == w.date);
    }
  }
}

}  // namespace extract_table

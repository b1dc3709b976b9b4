#include "extract/quantities.h"

#include <unicode/locid.h>
#include <unicode/rbnf.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>

#include "extract/matcher.h"

namespace concord {

bool parse_number(std::string_view text, const LanguagePack& pack, double& value) {
  const auto& q = pack.quantities;
  std::string plain;
  bool decimal_seen = false;
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c >= '0' && c <= '9') {
      plain += c;
      ++i;
      continue;
    }
    bool matched = false;
    for (const std::string& d : q.decimal) {
      if (!d.empty() && text.compare(i, d.size(), d) == 0) {
        if (decimal_seen) return false;
        decimal_seen = true;
        plain += '.';
        i += d.size();
        matched = true;
        break;
      }
    }
    if (matched) continue;
    for (const std::string& g : q.group) {
      if (!g.empty() && text.compare(i, g.size(), g) == 0) {
        i += g.size();
        matched = true;
        break;
      }
    }
    if (!matched) return false;
  }
  if (plain.empty() || plain == ".") return false;
  value = std::strtod(plain.c_str(), nullptr);
  return true;
}

namespace {

// ICU formatters are not safe for concurrent use: one per locale, guarded.
// Results are remembered (a few spelled numbers recur all the time, and an
// RBNF parse tries every rule), up to a bound.
class SpelledParser {
 public:
  // Which of the locale's rule sets parse: its cardinals, or its ordinals
  // ("twentieth", «vigésimo»).
  enum class Rules { kCardinal, kOrdinal };
  bool parse(const std::string& locale, std::string_view text, double& value, Rules rules = Rules::kCardinal) {
    const bool ordinal = rules == Rules::kOrdinal;
    std::lock_guard<std::mutex> lock(mutex_);
    auto& known = results_[ordinal ? locale + "/ordinal" : locale];
    if (auto it = known.find(std::string(text)); it != known.end()) {
      if (it->second) value = *it->second;
      return it->second.has_value();
    }
    if (known.size() >= kMaxResults) known.clear();
    std::optional<double> result;
    double parsed = 0;
    if (ordinal ? parse_ordinal_unlocked(locale, text, parsed) : parse_unlocked(locale, text, parsed)) result = parsed;
    known.emplace(std::string(text), result);
    if (result) value = *result;
    return result.has_value();
  }

 private:
  static constexpr std::size_t kMaxResults = 1 << 16;

  icu::RuleBasedNumberFormat* formatter(const std::string& key, const std::string& locale) {
    auto& slot = parsers_[key];
    if (!slot) {
      UErrorCode status = U_ZERO_ERROR;
      slot = std::make_unique<icu::RuleBasedNumberFormat>(icu::URBNF_SPELLOUT, icu::Locale(locale.c_str()), status);
      if (U_FAILURE(status)) slot.reset();
    }
    return slot.get();
  }

  static bool parse_whole(icu::RuleBasedNumberFormat& rbnf, std::string_view text, double& value) {
    const icu::UnicodeString u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    icu::Formattable result;
    icu::ParsePosition position(0);
    rbnf.parse(u, result, position);
    if (position.getIndex() != u.length()) return false;
    UErrorCode status = U_ZERO_ERROR;
    value = result.getDouble(status);
    return U_SUCCESS(status);
  }

  bool parse_unlocked(const std::string& locale, std::string_view text, double& value) {
    icu::RuleBasedNumberFormat* rbnf = formatter(locale, locale);
    return rbnf != nullptr && parse_whole(*rbnf, text, value);
  }

  // Each of the locale's ordinal rule sets in turn (CLDR has several for
  // Spanish: masculine, feminine, plural); none for Persian.
  bool parse_ordinal_unlocked(const std::string& locale, std::string_view text, double& value) {
    icu::RuleBasedNumberFormat* rbnf = formatter(locale + "/ordinal", locale);
    if (rbnf == nullptr) return false;
    for (int32_t i = 0; i < rbnf->getNumberOfRuleSetNames(); ++i) {
      const icu::UnicodeString name = rbnf->getRuleSetName(i);
      if (name.indexOf(icu::UnicodeString(u"ordinal")) < 0) continue;
      UErrorCode status = U_ZERO_ERROR;
      rbnf->setDefaultRuleSet(name, status);
      if (U_SUCCESS(status) && parse_whole(*rbnf, text, value)) return true;
    }
    return false;
  }

  std::mutex mutex_;
  std::map<std::string, std::unique_ptr<icu::RuleBasedNumberFormat>> parsers_;
  std::map<std::string, std::unordered_map<std::string, std::optional<double>>> results_;  // locale -> text -> value
};

SpelledParser& spelled_parser() {
  static SpelledParser parser;
  return parser;
}

}  // namespace

bool parse_ordinal(std::string_view text, const LanguagePack& pack, double& value) {
  const std::string folded = fold_case(text);
  // Digits with an ordinal suffix ("20th", «۲۰مین» once digits are folded),
  // or a cardinal with one («بیستمین», «بیست و پنجم»: Persian ordinals are
  // cardinals plus «م», and CLDR has no Persian ordinal rules).
  for (const std::string& suffix : pack.list("ordinal_suffixes")) {
    if (suffix.empty() || folded.size() <= suffix.size() ||
        folded.compare(folded.size() - suffix.size(), suffix.size(), suffix) != 0) {
      continue;
    }
    const std::string stem = folded.substr(0, folded.size() - suffix.size());
    if (std::all_of(stem.begin(), stem.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      value = std::strtod(stem.c_str(), nullptr);
      return true;
    }
    if (pack.quantities.spelled && spelled_parser().parse(pack.locale, stem, value)) return true;
  }
  // A spelled ordinal of CLDR's rules ("twentieth", «vigésimo quinto»).
  return pack.quantities.spelled && spelled_parser().parse(pack.locale, folded, value, SpelledParser::Rules::kOrdinal);
}

namespace {

// One amount written in two parts. Joined by a connector, the parts add:
// «۲ میلیارد و ۸۰۰ میلیون دلار» is 2.8 billion dollars, "3 millones y 500
// mil" 3.5 million; the second part is below the first's scale, and without
// a scale of its own it fills the next group of three digits («۲ هزار و ۵۰۰
// نفر»), so "10 million and 5 percent" stays two amounts. Side by side, a
// smaller scale counts the larger one: "2 mil 800 millones" is 2,800
// million. Either way the first part has a scale and no unit.
std::vector<Quantity> join_compound_amounts(const std::string& text, const LanguagePack& pack,
                                            std::vector<Quantity> in, const std::vector<double>& scales) {
  const auto& connectors = pack.quantities.connectors;
  if (in.size() < 2) return in;
  const auto side_by_side = [&](std::size_t from, std::size_t to) {
    if (to <= from || to - from > 4) return false;
    for (std::size_t k = from; k < to; ++k) {
      if (text[k] != ' ') return false;
    }
    return true;
  };
  const auto joined_by_connector = [&](std::size_t from, std::size_t to) {
    if (to <= from || to - from > 16) return false;
    const std::string_view gap = std::string_view(text).substr(from, to - from);
    const std::size_t b = gap.find_first_not_of(" \t\n");
    const std::size_t e = gap.find_last_not_of(" \t\n");
    if (b == 0 || b == std::string_view::npos || e + 1 == gap.size()) return false;  // spaces on both sides
    const std::string word = fold_case(gap.substr(b, e + 1 - b));
    return std::find(connectors.begin(), connectors.end(), word) != connectors.end();
  };
  std::vector<Quantity> out;
  out.reserve(in.size());
  double scale = 1;  // of the last part of out.back()
  for (std::size_t i = 0; i < in.size(); ++i) {
    Quantity& b = in[i];
    if (!out.empty()) {
      Quantity& a = out.back();
      // The first part: a scale, no unit, not itself a part of a total.
      const bool head = a.scaled && a.unit.empty() && !a.whole && scale > 1;
      const bool added = b.qualifier.empty() && b.value > 0 && b.value < scale &&
                         (b.scaled ? scales[i] < scale : b.value * 1000 >= scale) &&
                         joined_by_connector(a.end, b.begin);
      const bool counted = b.qualifier.empty() && b.scaled && scales[i] > scale && b.value / scales[i] < 1000 &&
                           a.value / scale < 1000 && side_by_side(a.end, b.begin);
      if (head && (added || counted)) {
        a.value = added ? a.value + b.value : a.value * scales[i] + b.value;
        a.end = b.end;
        a.number_end = b.number_end;
        a.unit = b.unit;
        a.spelled = a.spelled && b.spelled;
        scale = scales[i];
        continue;
      }
    }
    scale = scales[i];
    out.push_back(std::move(b));
  }
  return out;
}

// The captures of the quantity pattern's match text[begin, end), read off
// its pieces (Quantities::Parts), or false when they cannot be. Each piece
// before the number is optional and RE2 prefers it present; each piece's
// first choice, taken in turn, is the whole pattern's first choice as soon
// as it reaches the number, since every piece after it is optional. When
// the first choices do not reach the number, a later choice would have
// been RE2's: false, and RE2 computes the captures.
bool read_parts(const LanguagePack::Quantities& q, const std::array<std::shared_ptr<const RE2>, 6>& parts,
                std::string_view text, std::size_t begin, std::size_t end, std::vector<std::string_view>& groups) {
  const re2::StringPiece input(text.data(), text.size());
  groups.assign(static_cast<std::size_t>(q.regex->NumberOfCapturingGroups() + 1), std::string_view());
  std::size_t at = begin;
  re2::StringPiece m[2];
  const auto piece = [&](const RE2& re, int group) {
    const int n = re.NumberOfCapturingGroups() > 0 ? 2 : 1;
    if (!re.Match(input, at, end, RE2::ANCHOR_START, m, n)) return false;
    const re2::StringPiece& capture = m[n - 1];
    if (capture.data() != nullptr) groups[static_cast<std::size_t>(group)] = std::string_view(capture.data(), capture.size());
    at += m[0].size();
    return true;
  };
  piece(*parts[0], q.group_qualifier);
  piece(*parts[1], q.group_prefix);
  if (!piece(*parts[2], q.group_number) && !piece(*parts[3], q.group_spelled)) return false;
  piece(*parts[4], q.group_scale);
  piece(*parts[5], q.group_unit);
  if (at != end) return false;
  groups[0] = text.substr(begin, end - begin);
  return true;
}

}  // namespace

std::vector<Quantity> extract_quantities(const Document& doc, const LanguagePack& pack,
                                         const std::vector<DateMention>& dates) {
  std::vector<Quantity> out;
  const auto& q = pack.quantities;
  if (!q.regex) return out;
  const std::string& text = doc.text();
  // A number inside a date («۲۵ دسامبر ۱۹۹۱», «سال ۱۹۹۴») is not a
  // quantity: such matches are skipped before their captures are computed.
  std::size_t next_date = 0;
  auto outside_dates = [&](std::size_t begin, std::size_t end) {
    while (next_date < dates.size() && dates[next_date].end <= begin) ++next_date;
    for (std::size_t d = next_date; d < dates.size() && dates[d].begin < end; ++d) {
      if (dates[d].end > begin) return false;
    }
    return true;
  };
  std::vector<double> scales;  // of each quantity in `out`: 1 when unscaled
  std::vector<re2::StringPiece> pieces;
  std::vector<std::string_view> g;
  const auto* parts = q.parts ? q.parts->get() : nullptr;
  for_each_span(*q.regex, text, [&](std::size_t match_begin, std::size_t match_end) {
    if (!outside_dates(match_begin, match_end)) return;
    if (parts == nullptr || !read_parts(q, *parts, text, match_begin, match_end, g)) {
      read_captures(*q.regex, text, match_begin, match_end, text.size(), pieces, g);
    }
    const auto offset = [&](std::string_view s) { return static_cast<std::size_t>(s.data() - text.data()); };
    Quantity quantity;
    quantity.begin = offset(g[0]);
    quantity.end = quantity.begin + g[0].size();
    const auto at = [&](int index) {
      return index > 0 && static_cast<std::size_t>(index) < g.size() ? g[static_cast<std::size_t>(index)]
                                                                      : std::string_view();
    };
    const std::string_view number = at(q.group_number);
    const std::string_view spelled = at(q.group_spelled);
    if (!number.empty()) {
      if (!parse_number(number, pack, quantity.value)) return;
      quantity.number_begin = offset(number);
      quantity.number_end = quantity.number_begin + number.size();
    } else if (!spelled.empty()) {
      if (!spelled_parser().parse(pack.locale, fold_case(spelled), quantity.value)) return;
      quantity.spelled = true;
      quantity.number_begin = offset(spelled);
      quantity.number_end = quantity.number_begin + spelled.size();
    } else {
      return;
    }
    double scale_factor = 1;
    if (const std::string_view scale = at(q.group_scale); !scale.empty()) {
      auto it = q.scales.find(fold_case(scale));
      if (it != q.scales.end()) {
        quantity.value *= it->second;
        quantity.scaled = true;
        scale_factor = it->second;
      }
    }
    for (int index : {q.group_prefix, q.group_unit}) {
      const std::string_view unit = at(index);
      if (unit.empty()) continue;
      auto it = q.units.find(fold_case(unit));
      if (it != q.units.end()) quantity.unit = it->second;
    }
    if (const std::string_view qual = at(q.group_qualifier); !qual.empty()) {
      auto it = q.qualifiers.find(fold_case(qual));
      if (it != q.qualifiers.end()) quantity.qualifier = it->second;
    }
    // A lone spelled "one" is an article more often than a number.
    if (quantity.spelled && quantity.value == 1 && !quantity.scaled && quantity.unit.empty()) return;
    out.push_back(std::move(quantity));
    scales.push_back(scale_factor);
  });
  return join_compound_amounts(text, pack, std::move(out), scales);
}

}  // namespace concord

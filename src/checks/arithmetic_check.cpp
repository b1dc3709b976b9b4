// arithmetic: numbers that must add up and do not.
//  - a total against its stated parts («حدود ۱۴۰ میلیون دلار … ۱۱۰ میلیون
//    دلار آن را صادرات و ۳۰ میلیون دلار آن را واردات»), as extraction marks
//    them (an amount with a part cue beside it is a part of the amount just
//    before the first part): a part larger than the whole, or parts that do
//    not sum to it, are flagged («بیش از» a whole: parts below it);
//  - an anniversary against the year it counts from («el 25 aniversario»
//    in 2016 of relations established in 1991): N followed by a word of the
//    pack's `anniversary` list and, a few words on, one of its
//    `anniversary_of` (relations, independence), the year of its sentence
//    (or the last year before it in the paragraph), and the once-only
//    events of the group.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string_view>
#include <unordered_set>

#include "checks/registry.h"

namespace concord {
namespace {

std::string amount(double v, const std::string& unit) {
  std::string n = fmt::format("{:.6g}", v);
  if (v >= 1e6 && std::fmod(v, 1e4) == 0) n = fmt::format("{:g} million", v / 1e6);
  return unit.empty() ? n : n + " " + unit;
}

// How many words after an anniversary's number may say what it is of.
constexpr std::size_t kAnniversaryWords = 8;

class ArithmeticCheck : public Check {
 public:
  ArithmeticCheck(double exact_tolerance, double approximate_tolerance)
      : exact_tolerance_(exact_tolerance), approximate_tolerance_(approximate_tolerance) {}

  void run(const Group& group, std::vector<Finding>& out) const override {
    for (const AnalyzedSource& source : group.sources) {
      sums(source, out);
      anniversaries(group, source, out);
    }
  }

 private:
  // Parts and their wholes as extraction marks them (Quantity::whole).
  void sums(const AnalyzedSource& source, std::vector<Finding>& out) const {
    const auto& all = source.extraction.quantities;
    std::map<std::size_t, std::vector<const Quantity*>> parts_of;  // whole -> parts, in order
    for (const Quantity& q : all) {
      if (q.whole) parts_of[*q.whole].push_back(&q);
    }
    for (const auto& [w, parts] : parts_of) {
      const Quantity& whole = all[w];
      for (const Quantity* part : parts) {
        if (part->value > whole.value * (1 + exact_tolerance_) && whole.qualifier != "more_than" &&
            whole.qualifier != "at_least") {
          Finding f = finding(fmt::format("a part ({}) is larger than its whole ({})", amount(part->value, part->unit),
                                          amount(whole.value, whole.unit)),
                              {source.location(part->begin, part->end),
                               source.location(whole.begin, whole.end, "the whole")});
          f.subject = "part>whole";
          out.push_back(std::move(f));
        }
      }
      if (parts.size() < 2) continue;
      double sum = 0;
      bool approximate = whole.qualifier == "approximate";
      for (const Quantity* part : parts) {
        sum += part->value;
        approximate = approximate || !part->qualifier.empty();
      }
      const double tolerance = approximate ? approximate_tolerance_ : exact_tolerance_;
      // "More than 65 million" is not met by parts of 60; "under 65" is
      // by any parts below it.
      bool fits = std::abs(sum - whole.value) <= tolerance * whole.value;
      if (whole.qualifier == "more_than" || whole.qualifier == "at_least") {
        fits = sum >= whole.value * (1 - tolerance);
      } else if (whole.qualifier == "less_than" || whole.qualifier == "at_most") {
        fits = sum <= whole.value * (1 + tolerance);
      }
      if (fits) continue;
      std::vector<Location> locations{source.location(whole.begin, whole.end)};
      for (const Quantity* part : parts) locations.push_back(source.location(part->begin, part->end, "a part"));
      Finding f = finding(fmt::format("the parts add up to {}, not to the total {}", amount(sum, whole.unit),
                                      amount(whole.value, whole.unit)),
                          std::move(locations));
      f.subject = "sum";
      out.push_back(std::move(f));
    }
  }

  void anniversaries(const Group& group, const AnalyzedSource& source, std::vector<Finding>& out) const {
    const Document& doc = source.doc;
    const auto& words = source.pack->list("anniversary");
    if (words.empty()) return;
    // The years of once-only events anywhere in the group.
    std::vector<std::pair<int, std::string>> founding;  // year, event
    std::set<std::string> seen;
    for (const AnalyzedSource& s : group.sources) {
      for (const Claim& c : s.extraction.claims) {
        const EventType* type = group.rules->event(c.event);
        if (type == nullptr || !type->once || !c.date_mention) continue;
        const DateValue& v = s.extraction.dates[*c.date_mention].from;
        if (v.year == 0 || v.year_inferred) continue;
        const auto days = v.days();
        if (!days) continue;
        int y, m, d;
        jdn_to_gregorian(days->first, y, m, d);
        if (seen.insert(c.event + std::to_string(y)).second) founding.emplace_back(y, c.event);
      }
    }
    if (founding.empty()) return;
    // The numbers of years said: N right before a cue, a cardinal ("25
    // aniversario", "25 años de", «۲۵ سالگرد») or an ordinal ("20th
    // anniversary", «بیستمین سالگرد», «vigésimo aniversario»).
    struct Said {
      int n;
      std::size_t begin, end;
    };
    std::vector<Said> said;
    const auto& tokens = doc.tokens();
    for (const Quantity& q : source.extraction.quantities) {
      if (!q.unit.empty() || q.value < 1 || q.value > 500 || q.value != std::floor(q.value)) continue;
      const std::size_t next = doc.token_at_or_after(q.end);
      if (next >= tokens.size()) continue;
      const std::size_t cue_end = std::min(tokens.size(), next + 2);
      if (!doc.contains_any(q.end, tokens[cue_end - 1].end, words)) continue;
      if (doc.slice(q.end, tokens[next].begin).find_first_not_of(' ') != std::string_view::npos) continue;
      said.push_back(Said{static_cast<int>(q.value), q.begin, q.end});
    }
    // The cues' first words, to pass over the other tokens at the cost of a
    // hash look-up.
    std::unordered_set<std::string_view> firsts;
    for (const std::string& cue : words) firsts.insert(std::string_view(cue).substr(0, cue.find(' ')));
    for (std::size_t t = 1; t < tokens.size(); ++t) {
      if (firsts.count(doc.token_key(t)) == 0) continue;
      const std::size_t at = tokens[t].begin;
      for (const std::string& cue : words) {
        if (doc.phrase_at(t, cue) == 0) continue;
        // The longest run of up to four words before the cue that is an
        // ordinal («بیست و پنجمین»), not already a cardinal.
        for (std::size_t n = std::min<std::size_t>(4, t); n >= 1; --n) {
          const std::size_t begin = tokens[t - n].begin, end = tokens[t - 1].end;
          if (doc.sentence_index(begin) != doc.sentence_index(at)) continue;
          const auto& qs = source.extraction.quantities;
          if (std::any_of(qs.begin(), qs.end(), [&](const Quantity& q) { return q.begin < end && begin < q.end; })) {
            break;
          }
          double value = 0;
          if (parse_ordinal(doc.slice(begin, end), *source.pack, value) && value >= 1 && value <= 500 &&
              value == std::floor(value)) {
            said.push_back(Said{static_cast<int>(value), begin, end});
            break;
          }
        }
      }
    }
    // Of what: relations or independence (`anniversary_of`) within a few
    // words after N, not "the 75th anniversary of the Turkish Republic".
    const auto& of = source.pack->list("anniversary_of");
    auto about_the_group = [&](const Said& q) {
      if (of.empty()) return true;
      const std::size_t after = doc.token_at_or_after(q.end);
      if (after >= tokens.size()) return false;
      const std::size_t last = std::min(tokens.size() - 1, after + kAnniversaryWords);
      const std::size_t end = std::min(tokens[last].end, doc.sentences()[doc.sentence_index(q.begin)].end);
      return doc.contains_any(q.end, end, of);
    };
    for (const Said& q : said) {
      if (!about_the_group(q)) continue;
      // The year it is said in: in the sentence, or the last one before.
      const std::size_t sentence = doc.sentence_index(q.begin);
      const std::size_t paragraph = doc.paragraph_index(q.begin);
      int year = 0;
      for (const DateMention& m : source.extraction.dates) {
        if (doc.paragraph_index(m.begin) != paragraph) continue;
        if (m.begin > doc.sentences()[sentence].end) break;
        const DateValue& v = m.to ? *m.to : m.from;
        if (v.calendar == Calendar::kGregorian && v.year > 0) year = v.year;
      }
      if (year == 0) continue;
      const int n = q.n;
      bool fits = false;
      for (const auto& [y, event] : founding) fits = fits || y + n == year;
      if (fits) continue;
      std::string expected;
      for (const auto& [y, event] : founding) {
        const EventType* type = group.rules->event(event);
        expected += fmt::format("{}{} in {} (so {} years in {})", expected.empty() ? "" : "; ",
                                type && !type->description.empty() ? type->description : event, y, year - y, year);
      }
      Finding f = finding(fmt::format("{} years counted from no event the group dates: {}", n, expected),
                          {source.location(q.begin, q.end)});
      f.subject = "anniversary";
      out.push_back(std::move(f));
    }
  }

  double exact_tolerance_;
  double approximate_tolerance_;
};

}  // namespace

std::unique_ptr<Check> make_arithmetic_check(CheckOptions& options, const RuleSet&) {
  const double exact = options.number("exact_tolerance", 0.01);
  const double approximate = options.number("approximate_tolerance", 0.1);
  return std::make_unique<ArithmeticCheck>(exact, approximate);
}

}  // namespace concord

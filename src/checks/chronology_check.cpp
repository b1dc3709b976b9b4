// chronology: in a narrative paragraph, a date that breaks the order its
// neighbours keep, by a wide margin: "December 1991 … May 1991 … April 1992".
// A sentence with a flashback marker from the pack's `flashback` list
// («پیش از آن», "antes", "previously") is an intended step back.
//
// A line that ends a sentence ends the narrative too: an article written a
// sentence per line (as encyclopedia dumps are) is a list of facts grouped
// by topic, not a story told in order. Two neighbouring dates that both
// break the order are a swap or a topical regrouping: which one is wrong
// cannot be told, so neither is reported.
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string_view>

#include "checks/registry.h"

namespace concord {
namespace {

// The longest range (days) that is a step of a narrative, not a summary.
constexpr std::int64_t kStepDays = 62;
// How far (days) outside its neighbours a date is a typed year, not a step.
constexpr double kTypedYearDays = 10 * 365.25;

struct Point {
  const DateMention* mention;
  double low, high;  // days (JDN) the date covers
};

class ChronologyCheck : public Check {
 public:
  ChronologyCheck(double min_gap_days, double min_ordered) : min_gap_days_(min_gap_days), min_ordered_(min_ordered) {}

  void run(const Group& group, std::vector<Finding>& out) const override {
    for (const AnalyzedSource& source : group.sources) check_source(source, out);
  }

 private:
  void check_source(const AnalyzedSource& source, std::vector<Finding>& out) const {
    const Document& doc = source.doc;
    const auto& flashback = source.pack->list("flashback");
    const std::vector<std::size_t> ends = sentence_line_ends(doc.text());
    std::size_t paragraph = static_cast<std::size_t>(-1);
    std::vector<Point> points;
    auto flush = [&] {
      check_paragraph(source, points, flashback, out);
      points.clear();
    };
    for (const DateMention& m : source.extraction.dates) {
      if (m.kind != DateKind::kExplicit) continue;
      // Ranges over years («entre 1992 y 2008») summarize; a visit of a few
      // days («۲۱ تا ۲۴ مارس ۱۹۹۴») is a step like any date.
      if (m.to) {
        const auto span = m.days();
        if (!span || span->second - span->first > kStepDays) continue;
      }
      // Narrative units: paragraphs, cut where a line ends a sentence.
      const std::size_t p = doc.paragraph_index(m.begin) * (ends.size() + 1) +
                            static_cast<std::size_t>(std::upper_bound(ends.begin(), ends.end(), m.begin) - ends.begin());
      if (p != paragraph) {
        flush();
        paragraph = p;
      }
      const auto days = m.days();
      if (!days) continue;
      points.push_back(Point{&m, static_cast<double>(days->first), static_cast<double>(days->second)});
    }
    flush();
  }

  // Offsets of the line breaks that follow the end of a sentence (a full
  // stop, question or exclamation mark, maybe closed by a quote or bracket).
  static std::vector<std::size_t> sentence_line_ends(const std::string& text) {
    std::vector<std::size_t> ends;
    for (std::size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at + 1)) {
      std::size_t b = at;
      while (b > 0 && (text[b - 1] == ' ' || text[b - 1] == '\t' || text[b - 1] == '\r')) --b;
      std::string_view before = std::string_view(text).substr(0, b);
      while (!before.empty() && (before.back() == ')' || before.back() == '"' || before.back() == '\'')) {
        before.remove_suffix(1);
      }
      for (std::string_view close : {"»", "”", "’"}) {
        if (before.size() >= close.size() && before.substr(before.size() - close.size()) == close) {
          before.remove_suffix(close.size());
        }
      }
      bool final = false;
      for (std::string_view stop : {".", "!", "?", "؟", "…"}) {
        final = final || (before.size() >= stop.size() && before.substr(before.size() - stop.size()) == stop);
      }
      if (final) ends.push_back(at);
    }
    return ends;
  }

  // Whether points[i] breaks the order its neighbours keep, by a wide margin.
  bool out_of_order(const std::vector<Point>& points, std::size_t i) const {
    if (i == 0 || i + 1 >= points.size()) return false;
    const Point& prev = points[i - 1];
    const Point& here = points[i];
    const Point& next = points[i + 1];
    if (prev.low > next.high) return false;
    return here.high + min_gap_days_ < prev.low || here.low > next.high + min_gap_days_;
  }

  void check_paragraph(const AnalyzedSource& source, const std::vector<Point>& points,
                       const std::vector<std::string>& flashback, std::vector<Finding>& out) const {
    const Document& doc = source.doc;
    if (points.size() < 3) return;
    // A narrative keeps its order: most consecutive dates go forward. A
    // date decades away from both neighbours («اکتبر ۱۹۵۹» between 1994 and
    // 1996: a typed year) is judged against the others alone, since it
    // alone makes a short narrative look unordered.
    auto forward = [&](std::size_t a, std::size_t b) { return points[a].low <= points[b].high ? 1 : 0; };
    std::size_t ordered = 0;
    for (std::size_t i = 1; i < points.size(); ++i) ordered += forward(i - 1, i);
    const bool narrative = static_cast<double>(ordered) >= min_ordered_ * static_cast<double>(points.size() - 1);
    for (std::size_t i = 1; i + 1 < points.size(); ++i) {
      if (!out_of_order(points, i) || out_of_order(points, i - 1) || out_of_order(points, i + 1)) continue;
      if (!narrative) {
        const Point& p = points[i];
        const bool far = p.high + kTypedYearDays < points[i - 1].low || p.low > points[i + 1].high + kTypedYearDays;
        const std::size_t without = ordered - forward(i - 1, i) - forward(i, i + 1) + forward(i - 1, i + 1);
        if (!far || static_cast<double>(without) < min_ordered_ * static_cast<double>(points.size() - 2)) continue;
      }
      const Point& prev = points[i - 1];
      const Point& here = points[i];
      const Point& next = points[i + 1];
      const TextSpan& sentence = doc.sentences()[doc.sentence_index(here.mention->begin)];
      if (doc.contains_any(sentence.begin, sentence.end, flashback)) continue;
      const DateValue& v = here.mention->from;
      // The likely value: the same day and month in a neighbour's year, if
      // that restores the order.
      std::optional<std::string> suggestion;
      for (const Point* neighbour : {&prev, &next}) {
        DateValue candidate = v;
        candidate.year = neighbour->mention->from.year;
        candidate.year_inferred = false;
        const auto days = candidate.days();
        if (!days || candidate.year == v.year) continue;
        if (static_cast<double>(days->second) >= prev.low && static_cast<double>(days->first) <= next.high) {
          suggestion = std::to_string(candidate.year);
          break;
        }
      }
      const DateValue& a = prev.mention->to ? *prev.mention->to : prev.mention->from;
      const DateValue& b = next.mention->from;
      Finding f = finding(
          fmt::format("{} is out of order in this paragraph: it comes between {} and {}{}", v.iso(), a.iso(),
                      b.iso(), suggestion ? fmt::format("; {} was probably meant", *suggestion) : ""),
          {source.location(here.mention->begin, here.mention->end),
           source.location(prev.mention->begin, prev.mention->end, "the date before it"),
           source.location(next.mention->begin, next.mention->end, "the date after it")},
          suggestion);
      f.subject = v.iso();
      out.push_back(std::move(f));
    }
  }

  double min_gap_days_;
  double min_ordered_;
};

}  // namespace

std::unique_ptr<Check> make_chronology_check(CheckOptions& options, const RuleSet&) {
  const double gap = options.number("min_gap_days", 90);
  const double ordered = options.number("min_ordered", 0.7);
  return std::make_unique<ChronologyCheck>(gap, ordered);
}

}  // namespace concord

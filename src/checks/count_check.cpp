// count: a stated number of items («چهار مبحث», "cuatro acuerdos",
// "three agreements") against the enumeration that follows it: numbered
// items («۱.», "1)", "(1)") or a list after a colon whose items are
// separated by the pack's `list_separators` and closed by one of its
// `list_conjunctions`.
#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "checks/registry.h"

namespace concord {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Finds the marker of item `n` («n.», «n)», «(n)») at or after `from`,
// before `limit`; returns the offset just past the marker.
std::optional<std::pair<std::size_t, std::size_t>> find_marker(std::string_view text, int n, std::size_t from,
                                                               std::size_t limit) {
  const std::string digits = std::to_string(n);
  for (std::size_t at = text.find(digits, from); at != std::string::npos && at < limit;
       at = text.find(digits, at + 1)) {
    if (at > 0 && is_digit(text[at - 1])) continue;
    const std::size_t after = at + digits.size();
    if (after >= text.size()) continue;
    const bool paren_open = at > 0 && text[at - 1] == '(';
    const char c = text[after];
    if ((c == '.' || c == ')') && after + 1 < text.size() && !is_digit(text[after + 1])) {
      // A marker starts an item: after a space, a colon, a separator or a line start.
      const std::size_t before = paren_open ? at - 1 : at;
      if (before == 0 || text[before - 1] == ' ' || text[before - 1] == '\n' || text[before - 1] == ':' ||
          static_cast<unsigned char>(text[before - 1]) >= 0x80 || text[before - 1] == ';' ||
          text[before - 1] == ',') {
        return std::make_pair(paren_open ? at - 1 : at, after + 1);
      }
    }
  }
  return std::nullopt;
}

class CountCheck : public Check {
 public:
  CountCheck(std::size_t max_gap_tokens, std::size_t max_item_chars)
      : max_gap_tokens_(max_gap_tokens), max_item_chars_(max_item_chars) {}

  void run(const Group& group, std::vector<Finding>& out) const override {
    for (const AnalyzedSource& source : group.sources) check_source(source, out);
  }

 private:
  void check_source(const AnalyzedSource& source, std::vector<Finding>& out) const {
    const Document& doc = source.doc;
    const std::string& text = doc.text();
    const auto& tokens = doc.tokens();
    for (const Quantity& q : source.extraction.quantities) {
      if (!q.unit.empty() || !q.qualifier.empty() || q.scaled) continue;
      if (q.value < 2 || q.value > 20 || q.value != static_cast<int>(q.value)) continue;
      const int announced = static_cast<int>(q.value);
      // A colon within a few words after the number introduces the list.
      const std::size_t first = doc.token_at_or_after(q.end);
      const std::size_t paragraph_end = doc.paragraphs()[doc.paragraph_index(q.begin)].end;
      std::size_t colon = std::string::npos;
      for (std::size_t t = first; t < tokens.size() && t < first + max_gap_tokens_; ++t) {
        const std::size_t gap_begin = t == first ? q.end : tokens[t - 1].end;
        const std::string_view gap = std::string_view(text).substr(gap_begin, tokens[t].begin - gap_begin);
        if (gap.find_first_of(".;؛") != std::string_view::npos) break;
        const std::size_t c = gap.find(':');
        if (c != std::string_view::npos) {
          colon = gap_begin + c;
          break;
        }
        // The colon may follow the last word of the window.
        const std::size_t after = tokens[t].end;
        if (after < text.size() && text[after] == ':') {
          colon = after;
          break;
        }
      }
      if (colon == std::string::npos) continue;
      // The number nearest the colon announces the list: in «در ۵ سال سه
      // طرح اجرا شد:» it is «سه», not «۵».
      const auto& all = source.extraction.quantities;
      if (std::any_of(all.begin(), all.end(), [&](const Quantity& o) { return o.begin >= q.end && o.begin < colon; })) {
        continue;
      }
      std::size_t listed_end = colon + 1;
      const int listed = count_items(source, colon + 1, paragraph_end, listed_end);
      if (listed < 2 || listed == announced) continue;
      Finding f = finding(fmt::format("announces {} items but lists {}", announced, listed),
                          {source.location(q.begin, q.end),
                           source.location(colon + 1, listed_end, fmt::format("the {} items listed", listed))});
      f.subject = std::to_string(announced);
      out.push_back(std::move(f));
    }
  }

  // Items after the colon: numbered ones if the list starts with «1», else
  // separated ones up to the end of the sentence.
  int count_items(const AnalyzedSource& source, std::size_t from, std::size_t limit, std::size_t& end) const {
    const Document& doc = source.doc;
    const std::string& text = doc.text();
    if (auto first = find_marker(text, 1, from, std::min(limit, from + 8))) {
      int n = 1;
      std::size_t at = first->second;
      while (auto next = find_marker(text, n + 1, at, std::min(limit, at + max_item_chars_))) {
        ++n;
        at = next->second;
      }
      // The last item runs to the end of its sentence.
      const std::size_t stop = text.find_first_of(".\n", at);
      end = stop == std::string::npos || stop > limit ? limit : stop;
      return n;
    }
    const auto& separators = source.pack->list("list_separators");
    const auto& conjunctions = source.pack->list("list_conjunctions");
    if (separators.empty()) return 0;
    const TextSpan& sentence = doc.sentences()[doc.sentence_index(from)];
    std::size_t stop = sentence.end;
    while (stop > from && (text[stop - 1] == '.' || text[stop - 1] == ' ')) --stop;
    const std::string_view list = std::string_view(text).substr(from, stop - from);
    int items = 1;
    for (const std::string& sep : separators) {
      for (std::size_t at = list.find(sep); at != std::string_view::npos; at = list.find(sep, at + sep.size())) ++items;
    }
    if (items < 2) return 0;  // a colon followed by prose, not a list
    // The last item may join two with a conjunction: "A, B and C".
    std::size_t last_sep = 0;
    for (const std::string& sep : separators) {
      const std::size_t at = list.rfind(sep);
      if (at != std::string_view::npos) last_sep = std::max(last_sep, at + sep.size());
    }
    if (doc.contains_any(from + last_sep, stop, conjunctions)) ++items;
    end = stop;
    return items;
  }

  std::size_t max_gap_tokens_;
  std::size_t max_item_chars_;
};

}  // namespace

std::unique_ptr<Check> make_count_check(CheckOptions& options, const RuleSet&) {
  const auto gap = static_cast<std::size_t>(options.number("max_gap_words", 8));
  const auto item = static_cast<std::size_t>(options.number("max_item_chars", 200));
  return std::make_unique<CountCheck>(gap, item);
}

}  // namespace concord

// count: a stated number of items («چهار مبحث», "cuatro acuerdos",
// "three agreements") against the enumeration that follows it: numbered
// items («۱.», "1)", "(1)") or a list after a colon whose items are
// separated by the pack's `list_separators` and closed by one of its
// `list_conjunctions`. Without a colon, a list that one of the pack's
// `list_introducers` opens right after the counted noun («چهار سند در
// زمینه‌های …», "five agreements on …") is counted too, up to the end of its
// clause, when it has a separator: "two agreements on trade and transport"
// may well be two agreements on one subject each or both on both.
// Phrases of the pack's `count_exclusions` («دو کشور», "both countries")
// name a pair, not a count.
#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <vector>

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
    for (const AnalyzedSource& source : group.sources) check_source(*group.rules, source, out);
  }

 private:
  // Whether a counted quantity is the number of a pair phrase («دو کشور»).
  static bool excluded(const AnalyzedSource& source, const Quantity& q) {
    const Document& doc = source.doc;
    const std::size_t t = doc.token_at_or_after(q.begin);
    for (const std::string& key : source.pack->list("count_exclusions")) {
      if (doc.phrase_at(t, key) != 0) return true;
    }
    return false;
  }

  void check_source(const RuleSet& rules, const AnalyzedSource& source, std::vector<Finding>& out) const {
    const Document& doc = source.doc;
    const std::string& text = doc.text();
    const auto& tokens = doc.tokens();
    const auto& introducers = source.pack->list("list_introducers");
    for (const Quantity& q : source.extraction.quantities) {
      if (!q.unit.empty() || !q.qualifier.empty() || q.scaled) continue;
      if (q.value < 2 || q.value > 20 || q.value != static_cast<int>(q.value)) continue;
      if (excluded(source, q)) continue;
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
      std::size_t list_begin = colon + 1, listed_end = colon + 1;
      int listed = 0;
      const auto& all = source.extraction.quantities;
      if (colon != std::string::npos) {
        // The number nearest the colon announces the list: in «در ۵ سال سه
        // طرح اجرا شد:» it is «سه», not «۵».
        if (std::any_of(all.begin(), all.end(), [&](const Quantity& o) {
              return o.begin >= q.end && o.begin < colon && !excluded(source, o);
            })) {
          continue;
        }
        listed = count_items(source, colon + 1, paragraph_end, listed_end);
      } else {
        // An introducer one to three words after the number: the counted
        // noun and its modifiers come between.
        std::size_t opened = 0;
        for (std::size_t t = first + 1; t < tokens.size() && t <= first + 3 && opened == 0; ++t) {
          if (doc.sentence_index(tokens[t].begin) != doc.sentence_index(q.begin)) break;
          const std::string_view gap = std::string_view(text).substr(tokens[t - 1].end, tokens[t].begin - tokens[t - 1].end);
          if (gap.find_first_not_of(" \n\t") != std::string_view::npos) break;
          for (const std::string& key : introducers) {
            if (const std::size_t n = doc.phrase_at(t, key); n != 0 && t + n < tokens.size()) {
              opened = t + n;
              break;
            }
          }
        }
        if (opened != 0) {
          list_begin = tokens[opened].begin;
          listed = count_clause_list(source, list_begin, listed_end);
        } else {
          // Named entities right after the counted noun, closed by a
          // conjunction: «پنج کشور چین، روسیه، قزاقستان و قرقیزستان».
          // The counted noun is the one word between («چهار سند میان
          // قزاقستان و روسیه» lists the parties, not the documents).
          if (first + 1 < tokens.size()) listed = count_entity_list(rules, source, first + 1, listed_end);
          if (listed == 0) continue;
          list_begin = tokens[first + 1].begin;
        }
      }
      if (listed < 2 || listed == announced) continue;
      Finding f = finding(fmt::format("announces {} items but lists {}", announced, listed),
                          {source.location(q.begin, q.end),
                           source.location(list_begin, listed_end, fmt::format("the {} items listed", listed))});
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
    const TextSpan& sentence = doc.sentences()[doc.sentence_index(from)];
    return count_separated(source, from, sentence.end, end);
  }

  // A list of named entities of one type (not demonyms) starting at token `t`: each
  // separated from the next by one of the pack's `list_separators`, the
  // last after one of its `list_conjunctions`; 0 unless two or more, so
  // closed. `end` is set past the last.
  static int count_entity_list(const RuleSet& rules, const AnalyzedSource& source, std::size_t t, std::size_t& end) {
    const Document& doc = source.doc;
    const std::string& text = doc.text();
    const auto& tokens = doc.tokens();
    const auto& entities = source.extraction.entities;
    const auto& separators = source.pack->list("list_separators");
    const auto& conjunctions = source.pack->list("list_conjunctions");
    const auto mention_at = [&](std::size_t offset) -> const EntityMention* {
      auto it = std::lower_bound(entities.begin(), entities.end(), offset,
                                 [](const EntityMention& m, std::size_t o) { return m.begin < o; });
      return it != entities.end() && it->begin == offset && !it->demonym ? &*it : nullptr;
    };
    const EntityMention* m = mention_at(tokens[t].begin);
    const auto& all = rules.entities;
    const auto same_type = [&](const EntityMention* a, const EntityMention* b) {
      return a != nullptr && b != nullptr && all[a->entity].type == all[b->entity].type;
    };
    const EntityMention* head = m;
    int items = 0;
    while (m != nullptr && same_type(m, head)) {
      ++items;
      const std::size_t next = doc.token_at_or_after(m->end);
      if (next >= tokens.size() || doc.sentence_index(tokens[next].begin) != doc.sentence_index(m->begin)) break;
      std::string_view gap = std::string_view(text).substr(m->end, tokens[next].begin - m->end);
      while (!gap.empty() && gap.front() == ' ') gap.remove_prefix(1);
      while (!gap.empty() && gap.back() == ' ') gap.remove_suffix(1);
      if (!gap.empty() && std::find(separators.begin(), separators.end(), gap) != separators.end()) {
        m = mention_at(tokens[next].begin);
        continue;
      }
      if (gap.empty() && std::find(conjunctions.begin(), conjunctions.end(), doc.token_key(next)) != conjunctions.end() &&
          next + 1 < tokens.size()) {
        const EntityMention* last = mention_at(tokens[next + 1].begin);
        if (!same_type(last, head)) return 0;
        end = last->end;
        return items + 1;
      }
      break;
    }
    return 0;  // not closed by a conjunction: prose, or a list that goes on
  }

  // Items of a list without a colon, up to the end of its clause (a clause
  // break of the pack, «، و», ", and", or the sentence's end); 0 without a
  // separator.
  static int count_clause_list(const AnalyzedSource& source, std::size_t from, std::size_t& end) {
    const Document& doc = source.doc;
    const TextSpan& sentence = doc.sentences()[doc.sentence_index(from)];
    const std::string_view rest = doc.slice(from, sentence.end);
    const auto& conjunctions = source.pack->list("list_conjunctions");
    std::vector<std::size_t> breaks;
    for (const std::string& key : source.pack->list("clause_breaks")) {
      if (key.empty()) continue;
      for (std::size_t at = rest.find(key); at != std::string_view::npos; at = rest.find(key, at + 1)) {
        const bool left = !is_word_char(code_point_at(key, 0)) || !is_word_char(code_point_before(rest, at));
        if (left && !is_word_char(code_point_at(rest, at + key.size()))) breaks.push_back(at);
      }
    }
    std::sort(breaks.begin(), breaks.end());
    std::size_t stop = sentence.end;
    for (const std::size_t at : breaks) {
      // ", and" before the list has its conjunction is a serial comma
      // ("trade, energy, and transport"), not a new clause.
      const std::size_t next = doc.token_at_or_after(from + at);
      const bool joins = next < doc.tokens().size() && doc.tokens()[next].begin < sentence.end &&
                         std::find(conjunctions.begin(), conjunctions.end(), doc.token_key(next)) != conjunctions.end();
      if (joins && !doc.contains_any(from, from + at, conjunctions)) continue;
      stop = from + at;
      break;
    }
    return count_separated(source, from, stop, end);
  }

  // Items in [from, stop) separated by the pack's `list_separators`, the
  // last two maybe joined by one of its `list_conjunctions` ("A, B and C";
  // after a serial comma, "A, B, and C", the conjunction adds nothing); 0
  // when there is no separator (prose, not a list).
  static int count_separated(const AnalyzedSource& source, std::size_t from, std::size_t stop, std::size_t& end) {
    const Document& doc = source.doc;
    const std::string& text = doc.text();
    const auto& separators = source.pack->list("list_separators");
    const auto& conjunctions = source.pack->list("list_conjunctions");
    if (separators.empty()) return 0;
    while (stop > from && (text[stop - 1] == '.' || text[stop - 1] == ' ')) --stop;
    const std::string_view list = std::string_view(text).substr(from, stop - from);
    // A separator before one of the pack's `item_continuations` («که»,
    // "which", "fundada") goes on with the item before it ("la Universidad
    // (DKU), fundada en 1999, el Instituto…"): it separates no items.
    const auto& continuations = source.pack->list("item_continuations");
    const auto continues = [&](std::size_t after) {
      const std::size_t next = doc.token_at_or_after(from + after);
      return next < doc.tokens().size() && doc.tokens()[next].begin < stop &&
             std::find(continuations.begin(), continuations.end(), doc.token_key(next)) != continuations.end();
    };
    int items = 1;
    std::size_t last_sep = 0;  // just past the last separator that separates
    for (const std::string& sep : separators) {
      for (std::size_t at = list.find(sep); at != std::string_view::npos; at = list.find(sep, at + sep.size())) {
        if (continues(at + sep.size())) continue;
        ++items;
        last_sep = std::max(last_sep, at + sep.size());
      }
    }
    if (items < 2) return 0;
    // The last item may join two with a conjunction: "A, B and C".
    const std::size_t next = doc.token_at_or_after(from + last_sep);
    const bool serial = next < doc.tokens().size() && doc.tokens()[next].begin < stop &&
                        std::find(conjunctions.begin(), conjunctions.end(), doc.token_key(next)) != conjunctions.end();
    if (!serial && doc.contains_any(from + last_sep, stop, conjunctions)) ++items;
    end = stop;
    return items;
  }

  std::size_t max_gap_tokens_;
  std::size_t max_item_chars_;
};

}  // namespace

std::unique_ptr<Check> make_count_check(CheckOptions& options, const RuleSet&) {
  const auto gap = static_cast<std::size_t>(options.number("max_gap_words", 12));
  const auto item = static_cast<std::size_t>(options.number("max_item_chars", 200));
  return std::make_unique<CountCheck>(gap, item);
}

}  // namespace concord

// encoding: text damaged by a wrong character-set conversion.
//  - «?» used as a pair of quotation marks: «» or “” that a conversion to a
//    charset without them turned into '?' («?وارن کريستوفر?»);
//  - U+FFFD REPLACEMENT CHARACTER: bytes a decoder could not read;
//  - mojibake: UTF-8 read as Windows-1252/Latin-1 and saved again as UTF-8
//    ("Ã©" for "é", "â€™" for "’", "Ø§Ù„" for «ال»).
//
// Reads the original bytes: normalization would drop the soft hyphen and
// no-break space that are part of "Ã­" (í) and "Â " (no-break space).
#include <fmt/format.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <optional>

#include "checks/registry.h"
#include "text/segment.h"

namespace concord {
namespace {

bool is_line_break(char32_t c) {
  return c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x85 || c == 0x2028 || c == 0x2029;
}

bool is_space(char32_t c) { return u_isUWhiteSpace(static_cast<UChar32>(c)) != 0; }

std::string quoted(const LanguagePack& pack, const std::string& text) {
  if (pack.quotes.size() == 2) return pack.quotes[0] + text + pack.quotes[1];
  return "\u201C" + text + "\u201D";
}

// ---- mojibake -------------------------------------------------------------

// The byte Windows-1252 (or Latin-1, for its C1 controls) decodes to `c`.
std::optional<uint8_t> cp1252_byte(char32_t c) {
  if (c >= 0x80 && c <= 0xFF) return static_cast<uint8_t>(c);
  switch (c) {
    case 0x20AC: return 0x80; case 0x201A: return 0x82; case 0x0192: return 0x83; case 0x201E: return 0x84;
    case 0x2026: return 0x85; case 0x2020: return 0x86; case 0x2021: return 0x87; case 0x02C6: return 0x88;
    case 0x2030: return 0x89; case 0x0160: return 0x8A; case 0x2039: return 0x8B; case 0x0152: return 0x8C;
    case 0x017D: return 0x8E; case 0x2018: return 0x91; case 0x2019: return 0x92; case 0x201C: return 0x93;
    case 0x201D: return 0x94; case 0x2022: return 0x95; case 0x2013: return 0x96; case 0x2014: return 0x97;
    case 0x02DC: return 0x98; case 0x2122: return 0x99; case 0x0161: return 0x9A; case 0x203A: return 0x9B;
    case 0x0153: return 0x9C; case 0x017E: return 0x9E; case 0x0178: return 0x9F;
    default: return std::nullopt;
  }
}

struct Sequence {
  std::size_t first = 0, count = 0;  // code point indexes
  char32_t decoded = 0;
};

// Code points [i, i + n) re-encoded as Windows-1252 bytes that form one
// well-formed multi-byte UTF-8 character, or nothing.
std::optional<Sequence> sequence_at(const std::u32string& cps, std::size_t i) {
  const char32_t lead = cps[i];
  if (lead < 0xC2 || lead > 0xF4) return std::nullopt;
  const std::size_t n = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  if (i + n > cps.size()) return std::nullopt;
  uint8_t bytes[4] = {static_cast<uint8_t>(lead), 0, 0, 0};
  for (std::size_t k = 1; k < n; ++k) {
    const auto b = cp1252_byte(cps[i + k]);
    if (!b || *b < 0x80 || *b > 0xBF) return std::nullopt;
    bytes[k] = *b;
  }
  int32_t pos = 0;
  UChar32 c;
  U8_NEXT(bytes, pos, static_cast<int32_t>(n), c);
  if (c < 0xA0 || pos != static_cast<int32_t>(n) || !u_isdefined(c)) return std::nullopt;
  return Sequence{i, n, static_cast<char32_t>(c)};
}

// Whether one sequence on its own is evidence enough. Mojibake of Arabic,
// Cyrillic, Greek, Hebrew or CJK comes in runs of letters, but a lone pair
// or triple can be ordinary text: "É»" (would be IPA), "Ñ”" (Cyrillic),
// «…“ya está”» (é + ” + » would be a CJK ideograph). Alone, a sequence
// counts when it decodes to Latin-1 or Latin Extended-A (lead Â, Ã, Ä, Å),
// to punctuation or symbols (â€™ for ’), to a BOM or U+FFFD (ï»¿, ï¿½), or
// to an emoji.
bool convincing_alone(char32_t c) {
  return (c >= 0xA0 && c <= 0x17F) || (c >= 0x2000 && c <= 0x2BFF) || c == 0xFEFF || c == 0xFFFD ||
         (c >= 0x1F000 && c <= 0x1FAFF);
}

// The sequences worth reporting: convincing alone, or next to another.
std::vector<Sequence> find_sequences(const std::u32string& cps) {
  std::vector<Sequence> all;
  for (std::size_t i = 0; i < cps.size();) {
    if (auto s = sequence_at(cps, i)) {
      all.push_back(*s);
      i += s->count;
    } else {
      ++i;
    }
  }
  std::vector<Sequence> kept;
  for (std::size_t k = 0; k < all.size(); ++k) {
    const Sequence& s = all[k];
    const bool alone_ok = convincing_alone(s.decoded);
    const bool before = k > 0 && all[k - 1].first + all[k - 1].count == s.first;
    const bool after = k + 1 < all.size() && s.first + s.count == all[k + 1].first;
    if (alone_ok || before || after) kept.push_back(s);
  }
  return kept;
}

// Whether `text` holds a place where sequence_at() could find a sequence:
// a lead U+00C2-U+00F4 (UTF-8 C3 82 to C3 B4) followed by a code point that
// Windows-1252 writes as a continuation byte (0x80-0xBF). Mojibake needs
// one, and most text has none: it is then not decoded at all.
bool may_hold_mojibake(std::string_view text) {
  const auto n = static_cast<int32_t>(text.size());
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  for (std::size_t at = text.find('\xC3'); at != std::string_view::npos; at = text.find('\xC3', at + 1)) {
    if (at + 1 >= text.size() || p[at + 1] < 0x82 || p[at + 1] > 0xB4) continue;
    auto i = static_cast<int32_t>(at + 2);
    UChar32 c = 0;
    if (i >= n) break;
    U8_NEXT(p, i, n, c);
    if (c < 0) continue;
    const auto b = cp1252_byte(static_cast<char32_t>(c));
    if (b && *b >= 0x80 && *b <= 0xBF) return true;
  }
  return false;
}

std::u32string repair_once(const std::u32string& cps) {
  std::u32string out;
  std::size_t i = 0;
  for (const Sequence& s : find_sequences(cps)) {
    out.append(cps, i, s.first - i);
    out += s.decoded;
    i = s.first + s.count;
  }
  out.append(cps, i, std::u32string::npos);
  return out;
}

// Repairs twice-converted text too ("ÃƒÂ©" → "Ã©" → "é").
std::u32string repair(std::u32string cps) {
  for (int round = 0; round < 3; ++round) {
    std::u32string next = repair_once(cps);
    if (next == cps) break;
    cps = std::move(next);
  }
  return cps;
}

class EncodingCheck : public Check {
 public:
  EncodingCheck(bool quotes, bool replacement, bool mojibake, std::size_t max_quote_length)
      : quotes_(quotes), replacement_(replacement), mojibake_(mojibake), max_quote_length_(max_quote_length) {}

  void run(const Group& group, std::vector<Finding>& out) const override {
    for (const AnalyzedSource& source : group.sources) {
      const std::string_view text = source.doc.source().content();
      if (quotes_) find_lost_quotes(source, text, out);
      // Replacement characters and mojibake need a byte pattern to start
      // from; text without one is not decoded (most text: decoding was
      // most of this check's time).
      const bool replacement = replacement_ && text.find("\xEF\xBF\xBD") != std::string_view::npos;
      const bool mojibake = mojibake_ && may_hold_mojibake(text);
      if (!replacement && !mojibake) continue;
      const std::vector<CodePoint> cps = decode(text);
      if (replacement) find_replacement_characters(source, text, cps, out);
      if (mojibake) find_mojibake(source, text, cps, out);
    }
  }

 private:
  // Byte offset in the file of code point i (or the end).
  static std::size_t at(const AnalyzedSource& source, std::string_view text, const std::vector<CodePoint>& cps,
                        std::size_t i) {
    return source.doc.source().content_start() + (i < cps.size() ? cps[i].begin : text.size());
  }

  // «?X ... Y?»: an opening '?' glued to the next word, a closing '?' glued
  // to the previous one, no sentence end between. A question mark ending a
  // question has a letter before it and no letter after it, so it never
  // opens a pair.
  void find_lost_quotes(const AnalyzedSource& source, std::string_view text, std::vector<Finding>& out) const {
    auto opens_after = [](char32_t c) {
      return is_space(c) || c == '(' || c == '[' || c == '{' || c == '"' || c == '\'' || c == ':' || c == ',' ||
             c == ';' || c == 0x060C || c == 0x061B || c == 0x2013 || c == 0x2014;
    };
    // Read by bytes from each '?': the text is seldom decoded whole.
    for (std::size_t i = text.find('?'); i != std::string_view::npos; i = text.find('?', i + 1)) {
      if (i + 1 >= text.size() || !is_word_char(code_point_at(text, i + 1))) continue;
      if (i > 0 && !opens_after(code_point_before(text, i))) continue;
      std::optional<std::size_t> close;
      char32_t previous = '?';
      std::size_t j = i + 1;
      for (std::size_t steps = 1; j < text.size() && steps <= max_quote_length_ + 1; ++steps) {
        const char32_t c = code_point_at(text, j);
        const std::size_t next = j + static_cast<std::size_t>(U8_LENGTH(c));
        if (c == '?') {
          const bool glued = is_word_char(previous);
          const bool free_after = next >= text.size() || !is_word_char(code_point_at(text, next));
          if (glued && free_after && steps > 1) close = j;
          break;
        }
        const bool stop = is_line_break(c) || c == '!' || c == 0x061F || c == 0x2026 || c == 0xAB ||
                          c == 0xBB || c == 0x201C || c == 0x201D ||
                          (c == '.' && (next >= text.size() || is_space(code_point_at(text, next))));
        if (stop) break;
        previous = c;
        j = next;
      }
      if (!close) continue;
      const std::size_t start = source.doc.source().content_start();
      const std::size_t begin = start + i, end = start + *close + 1;
      const std::string inner(text.substr(i + 1, *close - (i + 1)));
      const std::string suggestion = quoted(*source.pack, inner);
      Finding f = finding(fmt::format("'?' used as quotation marks around {}: the marks were probably lost "
                                      "in a conversion to another character set",
                                      suggestion),
                          {source.original_location(begin, end)}, suggestion);
      f.subject = "lost quotation marks";
      out.push_back(std::move(f));
      i = *close;
    }
  }

  void find_replacement_characters(const AnalyzedSource& source, std::string_view text,
                                   const std::vector<CodePoint>& cps, std::vector<Finding>& out) const {
    for (std::size_t i = 0; i < cps.size(); ++i) {
      if (cps[i].c != 0xFFFD) continue;
      std::size_t j = i;
      while (j < cps.size() && cps[j].c == 0xFFFD) ++j;
      const std::size_t n = j - i;
      Finding f = finding(fmt::format("{} U+FFFD replacement character{}: text was lost when the file was "
                                      "decoded with the wrong character set; recover it from the original",
                                      n, n == 1 ? "" : "s"),
                          {source.original_location(at(source, text, cps, i), at(source, text, cps, j))});
      f.subject = "replacement character";
      out.push_back(std::move(f));
      i = j - 1;
    }
  }

  void find_mojibake(const AnalyzedSource& source, std::string_view text, const std::vector<CodePoint>& cps,
                     std::vector<Finding>& out) const {
    std::u32string all;
    all.reserve(cps.size());
    for (const CodePoint& c : cps) all += c.c;
    const std::vector<Sequence> sequences = find_sequences(all);
    if (sequences.empty()) return;
    // Spans: each sequence widened to its word, then neighbours merged when
    // only spaces and punctuation (no letters, no line break) separate them:
    // one finding per damaged run of text.
    auto widen_left = [&](std::size_t b) {
      while (b > 0 && is_word_char(all[b - 1])) --b;
      return b;
    };
    auto widen_right = [&](std::size_t e) {
      while (e < all.size() && is_word_char(all[e])) ++e;
      return e;
    };
    std::vector<std::pair<std::size_t, std::size_t>> spans;
    for (const Sequence& s : sequences) {
      const std::size_t b = widen_left(s.first), e = widen_right(s.first + s.count);
      if (!spans.empty()) {
        auto& last = spans.back();
        bool joinable = b <= last.second;
        if (!joinable) {
          joinable = true;
          for (std::size_t k = last.second; k < b && joinable; ++k) {
            const char32_t c = all[k];
            joinable = !is_line_break(c) && !is_word_char(c) && (c < 0x80 || cp1252_byte(c).has_value());
          }
        }
        if (joinable) {
          last.second = std::max(last.second, e);
          continue;
        }
      }
      spans.emplace_back(b, e);
    }
    for (const auto& [b, e] : spans) {
      const std::u32string damaged = all.substr(b, e - b);
      const std::string fixed = to_utf8(repair(damaged));
      const std::string shown = to_utf8(damaged);
      Finding f = finding(fmt::format("{} is mojibake: UTF-8 text read as Windows-1252 (or Latin-1) and saved "
                                      "again; it should read {}",
                                      quoted(*source.pack, shown), quoted(*source.pack, fixed)),
                          {source.original_location(at(source, text, cps, b), at(source, text, cps, e))}, fixed);
      f.subject = "mojibake";
      out.push_back(std::move(f));
    }
  }

  bool quotes_, replacement_, mojibake_;
  std::size_t max_quote_length_;
};

}  // namespace

std::unique_ptr<Check> make_encoding_check(CheckOptions& options, const RuleSet&) {
  const bool quotes = options.flag("quotes", true);
  const bool replacement = options.flag("replacement_characters", true);
  const bool mojibake = options.flag("mojibake", true);
  const double max_quote_length = options.number("max_quote_length", 100);
  return std::make_unique<EncodingCheck>(quotes, replacement, mojibake,
                                         static_cast<std::size_t>(max_quote_length < 1 ? 1 : max_quote_length));
}

}  // namespace concord

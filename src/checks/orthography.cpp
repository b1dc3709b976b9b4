#include "checks/orthography.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "text/segment.h"

namespace concord {
namespace {

constexpr char32_t kZwnj = 0x200C;
// A stem confirmed by the dictionary on its own (the ZWNJ form unknown) must
// be this long: «تن» + «های» is as likely «تنهای» (lonely) as bodies.
constexpr std::size_t kMinBareStem = 3;
constexpr std::size_t kMinStem = 2;

bool is_arabic_script(char32_t c) {
  return (c >= 0x0600 && c <= 0x06FF) || (c >= 0x0750 && c <= 0x077F) || (c >= 0xFB50 && c <= 0xFDFF) ||
         (c >= 0xFE70 && c <= 0xFEFF) || c == kZwnj;
}

int joining_type(char32_t c) { return u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_JOINING_TYPE); }

// True when `a` followed by `b` would be drawn joined: only then does a
// missing ZWNJ change how the word looks («کشورها» needs none).
bool joins(char32_t a, char32_t b) {
  const int ja = joining_type(a), jb = joining_type(b);
  const bool a_left = ja == U_JT_DUAL_JOINING || ja == U_JT_JOIN_CAUSING;
  const bool b_right = jb == U_JT_DUAL_JOINING || jb == U_JT_RIGHT_JOINING || jb == U_JT_JOIN_CAUSING;
  return a_left && b_right;
}

bool starts_with(const std::u32string& w, const std::u32string& p) {
  return w.size() >= p.size() && w.compare(0, p.size(), p) == 0;
}
bool ends_with(const std::u32string& w, const std::u32string& s) {
  return w.size() >= s.size() && w.compare(w.size() - s.size(), s.size(), s) == 0;
}

class Scanner {
 public:
  Scanner(const LanguagePack& pack, const Speller& speller, bool zwnj, const ZwnjMemo* memo)
      : o_(pack.orthography), speller_(speller), zwnj_(zwnj && speller.available()), memo_(memo) {
    for (const auto& a : o_.prefixes) prefixes_.push_back({modern(a.text), modern(a.after)});
    for (const auto& a : o_.suffixes) suffixes_.push_back({modern(a.text), modern(a.after)});
  }

  std::vector<OrthographyIssue> scan(std::string_view text) const {
    std::vector<OrthographyIssue> issues;
    if (!o_.declared()) return issues;
    const std::vector<CodePoint> cps = decode(text);
    // missing_zwnj() by word as written: equal bytes make equal modern
    // letters, and most words repeat, so the modern form is built only for
    // a word's first time in the document.
    std::unordered_map<std::string_view, std::vector<std::size_t>> judged;
    auto offset = [&](std::size_t i) { return i < cps.size() ? cps[i].begin : text.size(); };
    std::size_t i = 0;
    while (i < cps.size()) {
      if (!is_word_char(cps[i].c)) {
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j < cps.size() && (is_word_char(cps[j].c) || cps[j].c == kZwnj)) ++j;
      const std::size_t word_begin = offset(i), word_end = offset(j);
      for (std::size_t k = i; k < j; ++k) {
        for (std::size_t l = 0; l < o_.letters.size(); ++l) {
          if (cps[k].c != o_.letters[l].from) continue;
          issues.push_back({OrthographyIssue::Type::kLetter, cps[k].begin, offset(k + 1) - cps[k].begin,
                            word_begin, word_end, l});
        }
      }
      if (zwnj_) {
        bool arabic = true;
        for (std::size_t k = i; k < j && arabic; ++k) arabic = is_arabic_script(cps[k].c);
        if (arabic) {
          // A document repeats its words: each is judged once.
          auto [it, fresh] = judged.try_emplace(text.substr(word_begin, word_end - word_begin));
          if (fresh) {
            std::u32string word;
            word.reserve(j - i);
            for (std::size_t k = i; k < j; ++k) word += modern(cps[k].c);
            if (auto known = memo_ != nullptr ? memo_->get(word) : std::nullopt) {
              it->second = std::move(*known);
            } else {
              it->second = missing_zwnj(word);
              if (memo_ != nullptr) memo_->put(word, it->second);
            }
          }
          for (std::size_t at : it->second) {
            issues.push_back({OrthographyIssue::Type::kZwnj, offset(i + at), 0, word_begin, word_end, 0});
          }
        }
      }
      i = j;
    }
    std::stable_sort(issues.begin(), issues.end(), [](const OrthographyIssue& a, const OrthographyIssue& b) {
      return a.offset < b.offset;
    });
    return issues;
  }

 private:
  char32_t modern(char32_t c) const {
    for (const auto& l : o_.letters) {
      if (l.from == c) return l.to;
    }
    return c;
  }
  std::u32string modern(const std::u32string& s) const {
    std::u32string out;
    for (char32_t c : s) out += modern(c);
    return out;
  }

  bool spelled(const std::u32string& w) const { return speller_.spelled(to_utf8(w)); }

  // Code point indexes in `word` (modern letters) before which a ZWNJ is
  // missing: after a prefix, before a suffix.
  std::vector<std::size_t> missing_zwnj(const std::u32string& word) const {
    std::vector<std::size_t> out;
    // «می» + verb: the dictionary must know the verb with its ZWNJ. A longer
    // prefix that ends with a shorter one («نمی» = «ن» + «می») is confirmed
    // by the shorter one's form too: dictionaries list «می‌شود», not
    // «نمی‌شود».
    for (const Affix& p : prefixes_) {
      if (!starts_with(word, p.text) || word.size() < p.text.size() + kMinStem) continue;
      const std::u32string rest = word.substr(p.text.size());
      if (rest[0] == kZwnj || !joins(p.text.back(), rest[0])) continue;
      bool confirmed = false;
      for (const Affix& q : prefixes_) {
        if (ends_with(p.text, q.text)) confirmed = confirmed || spelled(q.text + kZwnj + rest);
      }
      if (confirmed) {
        out.push_back(p.text.size());
        break;
      }
    }
    // Word + «ها»: the dictionary knows the ZWNJ form, or (it lists few
    // plurals) it does not know the solid word but knows the stem.
    // A split that needs no ZWNJ («قرارداد» + «های»: «د» does not join)
    // with a known stem means the word is right as written, even if another
    // split reads as a word too («قرارداده» + «ای»). When two splits both
    // have evidence («هسته» + «ای» or «هست» + «های»; «جمهوری» + «های» or
    // «جمهوریه» + «ای») the dictionary cannot tell them apart: no ZWNJ is
    // reported rather than a wrong one.
    if (spelled(word)) return out;  // accepted solid: «بیشتر», «آنها»
    std::optional<std::size_t> found;
    std::size_t with_evidence = 0;
    for (const Affix& s : suffixes_) {
      if (!ends_with(word, s.text) || word.size() < s.text.size() + kMinStem) continue;
      const std::u32string stem = word.substr(0, word.size() - s.text.size());
      const char32_t last = stem.back();
      if (last == kZwnj) continue;
      if (!joins(last, s.text[0])) {
        if (speller_.known(to_utf8(stem))) return out;
        continue;
      }
      if (!s.after.empty() && s.after.find(last) == std::u32string::npos) continue;
      const bool evidence = spelled(stem + kZwnj + s.text) ||
                            (stem.size() >= kMinBareStem && speller_.known(to_utf8(stem)));
      if (!evidence) continue;
      ++with_evidence;
      found = stem.size();
    }
    if (with_evidence == 1) out.push_back(*found);
    return out;
  }

  struct Affix {
    std::u32string text;
    std::u32string after;
  };
  const LanguagePack::Orthography& o_;
  const Speller& speller_;
  bool zwnj_;
  const ZwnjMemo* memo_;
  std::vector<Affix> prefixes_;  // modern letters, longest first
  std::vector<Affix> suffixes_;
};

}  // namespace

std::vector<OrthographyIssue> find_orthography_issues(std::string_view utf8, const LanguagePack& pack,
                                                      const Speller& speller, bool zwnj, const ZwnjMemo* memo) {
  return Scanner(pack, speller, zwnj, memo).scan(utf8);
}

std::string fix_orthography(std::string_view original_utf8, const LanguagePack& pack, const Speller& speller) {
  const std::vector<OrthographyIssue> issues = find_orthography_issues(original_utf8, pack, speller);
  std::string out;
  out.reserve(original_utf8.size() + original_utf8.size() / 8);
  std::size_t copied = 0;
  // Issues are sorted by offset; at one offset a ZWNJ goes before a letter
  // that is replaced there.
  std::vector<OrthographyIssue> ordered = issues;
  std::stable_sort(ordered.begin(), ordered.end(), [](const OrthographyIssue& a, const OrthographyIssue& b) {
    if (a.offset != b.offset) return a.offset < b.offset;
    return a.type == OrthographyIssue::Type::kZwnj && b.type != OrthographyIssue::Type::kZwnj;
  });
  for (const OrthographyIssue& issue : ordered) {
    out.append(original_utf8.substr(copied, issue.offset - copied));
    copied = issue.offset;
    if (issue.type == OrthographyIssue::Type::kZwnj) {
      out += "\u200C";
    } else {
      out += to_utf8(std::u32string(1, pack.orthography.letters[issue.letter].to));
      copied = issue.offset + issue.length;
    }
  }
  out.append(original_utf8.substr(copied));
  return out;
}

}  // namespace concord

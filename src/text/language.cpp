#include "text/language.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <unordered_set>

#include "text/bmp_table.h"
#include "text/normalize.h"

namespace concord {
namespace {

// The script of a letter, or -1 for a code point that is no letter or is
// of no particular script (Common, Inherited). For the BMP it is asked of
// ICU once per block of 64 code points, on first use.
int script_of(UChar32 c) {
  if (!u_isalpha(c)) return -1;
  UErrorCode status = U_ZERO_ERROR;
  const UScriptCode script = uscript_getScript(c, &status);
  if (U_FAILURE(status) || script == USCRIPT_COMMON || script == USCRIPT_INHERITED || script < 0) return -1;
  return static_cast<int>(script);
}

int letter_script(UChar32 c) {
  static const BmpTable<std::int16_t> table([](char32_t cp) {
    return static_cast<std::int16_t>(script_of(static_cast<UChar32>(cp)));
  });
  if (c < 0 || c > 0xFFFF) return script_of(c);
  return table(static_cast<char32_t>(c));
}

}  // namespace

std::optional<std::string> detect_language(const std::string& text,
                                           const std::vector<TextSpan>& tokens,
                                           const std::vector<LanguageProfile>& profiles,
                                           const std::function<std::string_view(std::size_t)>& key) {
  // A sample is enough: the first 5,000 words decide.
  constexpr std::size_t kSample = 5000;
  std::vector<std::size_t> letters(static_cast<std::size_t>(u_getIntPropertyMaxValue(UCHAR_SCRIPT)) + 1, 0);
  bool any = false;
  const std::size_t n = std::min(tokens.size(), kSample);
  for (std::size_t i = 0; i < n; ++i) {
    const auto* s = reinterpret_cast<const uint8_t*>(text.data() + tokens[i].begin);
    const auto end = static_cast<int32_t>(tokens[i].size());
    for (int32_t k = 0; k < end;) {
      UChar32 c;
      U8_NEXT(s, k, end, c);
      if (c < 0) c = 0xFFFD;
      const int script = letter_script(c);
      if (script >= 0 && static_cast<std::size_t>(script) < letters.size()) {
        ++letters[static_cast<std::size_t>(script)];
        any = true;
      }
    }
  }
  if (!any) return std::nullopt;
  // The commonest script; on a tie, the lowest script code.
  std::size_t best_script = 0;
  for (std::size_t code = 0; code < letters.size(); ++code) {
    if (letters[code] > letters[best_script] || (letters[best_script] == 0 && letters[code] > 0)) best_script = code;
  }
  const auto dominant = static_cast<UScriptCode>(best_script);

  std::vector<const LanguageProfile*> candidates;
  for (const LanguageProfile& p : profiles) {
    const int code = u_getPropertyValueEnum(UCHAR_SCRIPT, p.script.c_str());
    if (code == dominant) candidates.push_back(&p);
  }
  if (candidates.empty()) return std::nullopt;
  if (candidates.size() == 1) return candidates.front()->id;

  std::vector<std::size_t> hits(candidates.size(), 0);
  std::vector<std::unordered_set<std::string_view>> sets;
  // A profile lists short function words: a longer word is none of them.
  std::size_t longest = 0;
  for (const LanguageProfile* p : candidates) {
    sets.emplace_back(p->words.begin(), p->words.end());
    for (const std::string& w : p->words) longest = std::max(longest, w.size());
  }
  std::string folded;
  for (std::size_t i = 0; i < n; ++i) {
    std::string_view word;
    if (key) {
      word = key(i);
    } else {
      folded = fold_case(std::string_view(text).substr(tokens[i].begin, tokens[i].size()));
      word = folded;
    }
    if (word.size() > longest) continue;
    for (std::size_t c = 0; c < candidates.size(); ++c) hits[c] += sets[c].count(word);
  }
  std::size_t best = 0;
  for (std::size_t c = 1; c < candidates.size(); ++c) {
    if (hits[c] > hits[best]) best = c;
  }
  return candidates[best]->id;
}

}  // namespace concord

#include "text/language.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <map>
#include <unordered_set>

#include "text/normalize.h"

namespace concord {

std::optional<std::string> detect_language(const std::string& text,
                                           const std::vector<TextSpan>& tokens,
                                           const std::vector<LanguageProfile>& profiles) {
  // A sample is enough: the first 5,000 words decide.
  constexpr std::size_t kSample = 5000;
  std::map<UScriptCode, std::size_t> letters;
  const std::size_t n = std::min(tokens.size(), kSample);
  for (std::size_t i = 0; i < n; ++i) {
    const std::u32string word = to_u32(std::string_view(text).substr(tokens[i].begin, tokens[i].size()));
    for (char32_t c : word) {
      if (!u_isalpha(static_cast<UChar32>(c))) continue;
      UErrorCode status = U_ZERO_ERROR;
      const UScriptCode script = uscript_getScript(static_cast<UChar32>(c), &status);
      if (U_SUCCESS(status) && script != USCRIPT_COMMON && script != USCRIPT_INHERITED) ++letters[script];
    }
  }
  if (letters.empty()) return std::nullopt;
  UScriptCode dominant = letters.begin()->first;
  for (const auto& [script, count] : letters) {
    if (count > letters[dominant]) dominant = script;
  }

  std::vector<const LanguageProfile*> candidates;
  for (const LanguageProfile& p : profiles) {
    const int code = u_getPropertyValueEnum(UCHAR_SCRIPT, p.script.c_str());
    if (code == dominant) candidates.push_back(&p);
  }
  if (candidates.empty()) return std::nullopt;
  if (candidates.size() == 1) return candidates.front()->id;

  std::vector<std::size_t> hits(candidates.size(), 0);
  std::vector<std::unordered_set<std::string>> sets;
  for (const LanguageProfile* p : candidates) sets.emplace_back(p->words.begin(), p->words.end());
  for (std::size_t i = 0; i < n; ++i) {
    const std::string word = fold_case(std::string_view(text).substr(tokens[i].begin, tokens[i].size()));
    for (std::size_t c = 0; c < candidates.size(); ++c) hits[c] += sets[c].count(word);
  }
  std::size_t best = 0;
  for (std::size_t c = 1; c < candidates.size(); ++c) {
    if (hits[c] > hits[best]) best = c;
  }
  return candidates[best]->id;
}

}  // namespace concord

#include "extract/entities.h"

#include "text/segment.h"

namespace concord {

// Token by token: the names that start with a token's key, longest first,
// are compared word by word and gap by gap (a run of whitespace in the text
// matches a space of the name). A match must end at a word boundary, and
// an acronym (US, UN) matches only as written: "us" is a pronoun.
std::vector<EntityMention> extract_entities(const Document& doc, const LanguagePack& pack) {
  std::vector<EntityMention> mentions;
  if (pack.gazetteer.empty()) return mentions;
  const std::string& text = doc.text();
  const auto& tokens = doc.tokens();
  auto gap_is = [&](std::size_t begin, std::size_t end, const std::string& want) {
    const std::string_view gap = std::string_view(text).substr(begin, end - begin);
    if (gap.size() == want.size() && gap == want) return true;
    return gap.size() >= want.size() && collapse_spaces(gap) == want;
  };
  for (std::size_t t = 0; t < tokens.size();) {
    auto found = pack.gazetteer.find(doc.token_key(t));
    std::size_t matched = 0, match_end = 0;
    const LanguagePack::EntityName* denotes = nullptr;
    if (found != pack.gazetteer.end()) {
      for (const LanguagePack::GazetteerName& name : found->second) {
        const std::size_t n = name.words.size();
        if (t + n > tokens.size()) continue;
        bool ok = true;
        for (std::size_t w = 1; w < n && ok; ++w) {
          ok = doc.token_key(t + w) == name.words[w] && gap_is(tokens[t + w - 1].end, tokens[t + w].begin, name.gaps[w - 1]);
        }
        if (!ok) continue;
        // What the name ends with ("." of "U.S."), then a word boundary.
        const std::size_t last = tokens[t + n - 1].end;
        const std::string& tail = name.gaps[n - 1];
        std::size_t end = last;
        if (!tail.empty()) {
          if (text.compare(last, tail.size(), tail) != 0) continue;
          end = last + tail.size();
        }
        if (!at_word_boundaries(text, tokens[t].begin, end)) continue;
        if (name.denotes.acronym) {
          bool lower = false;
          for (std::size_t i = tokens[t].begin; i < end && !lower; ++i) lower = text[i] >= 'a' && text[i] <= 'z';
          if (lower) continue;
        }
        matched = n;
        match_end = end;
        denotes = &name.denotes;
        break;
      }
    }
    if (denotes == nullptr) {
      ++t;
      continue;
    }
    mentions.push_back(EntityMention{tokens[t].begin, match_end, denotes->entity, denotes->demonym});
    t += matched;
  }
  return mentions;
}

}  // namespace concord

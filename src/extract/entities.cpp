#include "extract/entities.h"

#include "extract/matcher.h"

namespace concord {

std::vector<EntityMention> extract_entities(const Document& doc, const LanguagePack& pack) {
  std::vector<EntityMention> mentions;
  if (!pack.entity_regex) return mentions;
  const std::string& text = doc.text();
  for_each_match(*pack.entity_regex, text, [&](const std::vector<std::string_view>& groups) {
    auto it = pack.entity_names.find(fold_case(groups[0]));
    if (it == pack.entity_names.end()) {
      // Whitespace inside a multi-word name may differ from the gazetteer's.
      std::string collapsed;
      bool space = false;
      for (char c : groups[0]) {
        const bool ws = c == ' ' || c == '\n' || c == '\t';
        if (ws && !space) collapsed += ' ';
        if (!ws) collapsed += c;
        space = ws;
      }
      it = pack.entity_names.find(fold_case(collapsed));
      if (it == pack.entity_names.end()) return;
    }
    // An acronym (US, UN) only matches as written: "us" is a pronoun.
    if (it->second.acronym) {
      for (char c : groups[0]) {
        if (c >= 'a' && c <= 'z') return;
      }
    }
    const auto begin = static_cast<std::size_t>(groups[0].data() - text.data());
    mentions.push_back(EntityMention{begin, begin + groups[0].size(), it->second.entity, it->second.demonym});
  });
  return mentions;
}

}  // namespace concord

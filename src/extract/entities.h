// Gazetteer mentions: names (and demonyms) of known entities in a document.
#pragma once

#include <string>
#include <vector>

#include "rules/rules.h"
#include "text/document.h"

namespace concord {

struct EntityMention {
  std::size_t begin = 0, end = 0;  // normalized offsets
  std::size_t entity = 0;          // index into RuleSet::entities
  bool demonym = false;
};

std::vector<EntityMention> extract_entities(const Document& doc, const LanguagePack& pack);

}  // namespace concord

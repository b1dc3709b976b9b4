// Language identification from the rule packs available.
//
// The dominant script of the text's letters selects the candidate packs
// (a pack declares its ISO 15924 script); among candidates, the pack whose
// frequent words ("detect" in its YAML) occur most often wins.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "text/segment.h"

namespace concord {

struct LanguageProfile {
  std::string id;
  std::string script;               // ISO 15924, e.g. "Arab"
  std::vector<std::string> words;   // case-folded, normalized
};

// Returns the id of the best profile, or nullopt when no profile has the
// text's script (or the text has no letters).
std::optional<std::string> detect_language(const std::string& text,
                                           const std::vector<TextSpan>& tokens,
                                           const std::vector<LanguageProfile>& profiles,
                                           const std::function<std::string_view(std::size_t)>& key = {});

}  // namespace concord

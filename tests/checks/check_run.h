// Shared by the check tests: one Engine over the real rule packs, the
// findings of one check on a group of in-memory sources, and a readable
// list of findings for failure messages.
#pragma once

#include <string>
#include <vector>

#include "engine.h"

namespace check_run {

inline const concord::Engine& engine() {
  static const concord::Engine e(concord::load_rules({std::string(CONCORD_SOURCE_DIR) + "/rules"}));
  return e;
}

// The findings of the check `rule` on a group of sources.
inline std::vector<concord::Finding> findings(const std::vector<concord::SourceSpec>& sources, const std::string& rule) {
  const concord::Group group = engine().analyze("group", sources);
  const concord::Report report = engine().check(group);
  std::vector<concord::Finding> out;
  for (const concord::Finding& f : report.findings) {
    if (f.rule == rule) out.push_back(f);
  }
  return out;
}

// The findings of the check `rule` on one text in `lang`.
inline std::vector<concord::Finding> findings(const std::string& lang, const std::string& text, const std::string& rule) {
  return findings({concord::SourceSpec{lang + ".txt", lang, text}}, rule);
}

// One line per finding: rule, message, first excerpt, suggestion.
inline std::string describe(const std::vector<concord::Finding>& found) {
  std::string s;
  for (const concord::Finding& f : found) {
    s += "[" + f.rule + "] " + f.message + " «" + f.locations.at(0).excerpt + "»";
    if (f.suggestion) s += " -> " + *f.suggestion;
    s += "\n";
  }
  return s;
}

}  // namespace check_run

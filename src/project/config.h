// The project config, .concord.yaml: document groups, extra rule folders,
// per-check settings, the fail level, paths to ignore, the baseline file.
//
//   groups:
//     - name: kz-us                       # explicit sources
//       sources: [{path: texts/fa/kz-us.md, lang: fa}, {path: texts/es/kz-us.md}]
//     - pattern: "texts/{lang}/{name}.md" # files paired by {name}
//   rules: [my-rules]                     # extra rule folders
//   checks: {spelling: {enabled: false}, name: {severity: error}}
//   fail_on: warning
//   ignore: ["texts/drafts/*"]
//   baseline: .concord-baseline.json
//   max_source_bytes: 64MiB               # larger sources are refused
//
// Paths are relative to the config file's folder and may not leave it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine.h"
#include "rules/rules.h"

namespace concord {

struct GroupSpec {
  std::string name;
  std::vector<SourceSpec> sources;
};

struct ProjectConfig {
  std::string path;  // the config file
  std::string root;  // its folder
  std::vector<GroupSpec> groups;  // patterns already expanded
  std::vector<std::string> rule_folders;
  std::map<std::string, CheckConfig> checks;
  std::optional<std::string> fail_on;
  std::vector<std::string> ignore;
  std::string baseline;  // absolute path
  std::optional<std::size_t> max_source_bytes;  // max_source_bytes: (the command line wins)
};

// .concord.yaml in `start` or the nearest folder above it, if any.
std::optional<std::string> find_config(const std::string& start);

// Loads and validates a config; unknown keys and bad values are UserErrors
// with path:line:col.
ProjectConfig load_config(const std::string& path);

// Applies the config's check settings over the rules' (later wins).
void apply_check_settings(const ProjectConfig& config, RuleSet& rules);

// The groups containing any of `files` (compared as canonical paths);
// a file in no group becomes a group of its own.
std::vector<GroupSpec> groups_for(const ProjectConfig& config, const std::vector<std::string>& files);

}  // namespace concord

// The library's façade: rules in, sources in, findings out.
//
//   Engine engine(load_rules({default_rules_folder()}));
//   Group group = engine.analyze("seed", {{"fa.txt"}, {"es.txt"}});
//   Report report = engine.check(group);
//
// Thread safety: an Engine is immutable after construction; analyze() and
// check() may run concurrently on different groups. A Group refers to its
// Engine's rules and must not outlive it.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "checks/check.h"
#include "checks/finding.h"
#include "input_limits.h"
#include "rules/rules.h"
#include "text/language.h"

namespace concord {

struct SourceSpec {
  std::string path;
  std::string lang;                 // empty: detect
  std::optional<std::string> text;  // given bytes instead of reading `path`
};

struct SourceInfo {
  std::string path;
  std::string lang;
  LanguageOrigin origin = LanguageOrigin::kDetected;
};

struct Report {
  std::string group;
  std::vector<SourceInfo> sources;
  std::vector<Finding> findings;  // sorted by finding_less
};

struct EngineOptions {
  // Larger sources (files or in-memory texts) are refused before reading.
  std::size_t max_source_bytes = kDefaultMaxSourceBytes;
};

class Engine {
 public:
  explicit Engine(RuleSet rules, EngineOptions options = {});
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Reads, normalizes, identifies the language of and extracts from every
  // source. Throws UserError for an unreadable or invalid source, or a
  // language no rule pack provides.
  Group analyze(const std::string& name, const std::vector<SourceSpec>& specs) const;
  // Runs every enabled check. Never throws on text.
  Report check(const Group& group) const;

  const RuleSet& rules() const { return rules_; }
  const EngineOptions& options() const { return options_; }
  const std::vector<std::unique_ptr<Check>>& checks() const { return checks_; }

 private:
  RuleSet rules_;
  EngineOptions options_;
  std::vector<std::unique_ptr<Check>> checks_;
  std::vector<LanguageProfile> profiles_;
  SpellerCache spellers_;
};

}  // namespace concord

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

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "checks/check.h"
#include "stage_clock.h"
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
  // Add up the time spent in each stage (timings()); off, no clock is read.
  bool timings = false;
  // Load each language's dictionary on a thread of its own as soon as a
  // source in that language is seen, instead of when a check first needs it.
  bool preload_dictionaries = true;
};

// Seconds spent in each stage, summed over all groups and threads (so with
// -j N they add up to more than the wall time): reading sources,
// normalizing and tokenizing, identifying the language, splitting
// sentences, extracting, and each check (dictionary loading included in
// the first check that needs a dictionary, and reported apart as well).
struct StageTimes {
  std::vector<std::pair<std::string, double>> stages;  // in pipeline order
  double dictionaries = 0;                             // loading, inside the checks' time
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
  // The stage times so far (all zero unless options().timings).
  StageTimes timings() const;

 private:
  // Nanoseconds per stage: load, normalize, language, sentences, extract,
  // then one slot per check.
  enum Stage : std::size_t { kLoad, kNormalize, kLanguage, kSentences, kExtract, kChecks };
  // Adds its scope's time to `stage` when timings are on.
  StageClock stage_clock(std::size_t stage) const;
  RuleSet rules_;
  EngineOptions options_;
  std::vector<std::unique_ptr<Check>> checks_;
  std::vector<LanguageProfile> profiles_;
  SpellerCache spellers_;
  std::unique_ptr<std::atomic<std::int64_t>[]> nanos_;  // kChecks + checks_.size() slots
};

}  // namespace concord

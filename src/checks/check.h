// The check interface and what a check sees: a group of analyzed sources.
//
// A check is one class in one file (src/checks/<id>_check.cpp), registered
// by one line in registry.cpp, with its options read from checks.yaml
// through CheckOptions (each option has a default, documented in README).
//
// Thread safety: run() is const and may be called for different groups on
// different threads at once.
#pragma once

#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "checks/finding.h"
#include "extract/extraction.h"
#include "rules/rules.h"
#include "text/document.h"
#include "text/speller.h"

namespace concord {

// Dictionaries, one per language, loaded on first use and shared.
class SpellerCache {
 public:
  const Speller& get(const LanguagePack& pack) const;

 private:
  mutable std::mutex mutex_;
  mutable std::map<std::string, std::unique_ptr<Speller>> spellers_;
};

struct AnalyzedSource {
  Document doc;
  const LanguagePack* pack = nullptr;
  Extraction extraction;
  std::size_t index = 0;  // position in the group

  // A finding location from a normalized range.
  Location location(std::size_t begin, std::size_t end, std::string note = {}) const;
  // A finding location from a range of the original file's bytes (offsets
  // into Source::bytes(), BOM included), for checks that must see what
  // normalization folds away (orthography, encoding).
  Location original_location(std::size_t begin, std::size_t end, std::string note = {}) const;
};

struct Group {
  std::string name;
  std::vector<AnalyzedSource> sources;
  const RuleSet* rules = nullptr;
  const SpellerCache* spellers = nullptr;
  // Dictionaries being loaded in the background while the sources are
  // extracted (Engine::analyze); a check that needs one waits in Speller.
  // Destroying the group waits for them.
  std::vector<std::future<void>> preloads;
};

// Typed access to one check's settings in checks.yaml, with defaults.
class CheckOptions {
 public:
  CheckOptions(std::string check, const CheckConfig* config);

  double number(const std::string& name, double fallback);
  bool flag(const std::string& name, bool fallback);
  std::string text(const std::string& name, const std::string& fallback);
  // Fails (UserError at the setting's position) on options no getter asked
  // for: a misspelt option must not be silently ignored.
  void reject_unknown() const;

 private:
  const CheckSetting* find(const std::string& name);
  std::string check_;
  const CheckConfig* config_;
  std::vector<std::string> known_;
};

class Check {
 public:
  virtual ~Check() = default;
  virtual void run(const Group& group, std::vector<Finding>& out) const = 0;

  void configure(std::string id, Kind kind, Severity severity) {
    id_ = std::move(id);
    kind_ = kind;
    severity_ = severity;
  }
  const std::string& id() const { return id_; }
  Kind kind() const { return kind_; }
  Severity severity() const { return severity_; }

 protected:
  // A finding of this check with its configured severity.
  Finding finding(std::string message, std::vector<Location> locations,
                  std::optional<std::string> suggestion = std::nullopt) const;

 private:
  std::string id_;
  Kind kind_ = Kind::kConflict;
  Severity severity_ = Severity::kWarning;
};

}  // namespace concord

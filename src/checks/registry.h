// The check registry: every check concord has, one line each in
// registry.cpp. Adding a check touches its own .h/.cpp, one line there,
// its README section and its tests.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "checks/check.h"

namespace concord {

struct CheckEntry {
  std::string_view id;
  Kind kind;
  Severity severity;  // default; checks.yaml may change it
  std::string_view summary;
  std::unique_ptr<Check> (*make)(CheckOptions& options, const RuleSet& rules);
};

const std::vector<CheckEntry>& check_registry();

// Instantiates every enabled check with its settings from checks.yaml
// (common settings: enabled, severity). Throws UserError on bad settings
// or settings for a check that does not exist.
std::vector<std::unique_ptr<Check>> make_checks(const RuleSet& rules);

// One factory per check, defined in the check's own file.
std::unique_ptr<Check> make_conflict_check(CheckOptions& options, const RuleSet& rules);
std::unique_ptr<Check> make_range_check(CheckOptions& options, const RuleSet& rules);
std::unique_ptr<Check> make_date_check(CheckOptions& options, const RuleSet& rules);
std::unique_ptr<Check> make_name_check(CheckOptions& options, const RuleSet& rules);
std::unique_ptr<Check> make_chronology_check(CheckOptions& options, const RuleSet& rules);
std::unique_ptr<Check> make_count_check(CheckOptions& options, const RuleSet& rules);
std::unique_ptr<Check> make_spelling_check(CheckOptions& options, const RuleSet& rules);
std::unique_ptr<Check> make_arithmetic_check(CheckOptions& options, const RuleSet& rules);
std::unique_ptr<Check> make_encoding_check(CheckOptions& options, const RuleSet& rules);
std::unique_ptr<Check> make_orthography_check(CheckOptions& options, const RuleSet& rules);
std::unique_ptr<Check> make_segmentation_check(CheckOptions& options, const RuleSet& rules);

}  // namespace concord

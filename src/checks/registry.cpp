#include "checks/registry.h"

#include <fmt/format.h>

namespace concord {

const std::vector<CheckEntry>& check_registry() {
  static const std::vector<CheckEntry> registry = {
      {"conflict", Kind::kConflict, Severity::kError,
       "the same event or measure has different values in different sources", &make_conflict_check},
      {"range", Kind::kRange, Severity::kError,
       "a date range whose ends are equal or in reverse order", &make_range_check},
      {"date", Kind::kDate, Severity::kError, "a calendar date that does not exist", &make_date_check},
      {"name", Kind::kName, Severity::kWarning,
       "a near miss of a known name where the text wants that name", &make_name_check},
      {"chronology", Kind::kChronology, Severity::kWarning,
       "a date out of the order its narrative keeps", &make_chronology_check},
      {"count", Kind::kCount, Severity::kWarning,
       "a stated number of items that differs from the items listed", &make_count_check},
      {"spelling", Kind::kSpelling, Severity::kWarning,
       "a word unknown to the dictionary, one typical slip from a known word", &make_spelling_check},
      {"arithmetic", Kind::kArithmetic, Severity::kWarning,
       "parts that do not add up to their total; an anniversary that does not match its year", &make_arithmetic_check},
      {"encoding", Kind::kEncoding, Severity::kWarning,
       "text damaged by a character-set conversion: '?' for quotes, U+FFFD, mojibake", &make_encoding_check},
      {"orthography", Kind::kOrthography, Severity::kInfo,
       "a source in an older orthography (Persian: Arabic yeh and kaf, no ZWNJ)", &make_orthography_check},
      {"segmentation", Kind::kSegmentation, Severity::kWarning,
       "a sentence broken by a line break inside an abbreviation", &make_segmentation_check},
  };
  return registry;
}

std::vector<std::unique_ptr<Check>> make_checks(const RuleSet& rules) {
  for (const auto& [id, config] : rules.checks) {
    bool known = false;
    for (const CheckEntry& entry : check_registry()) known = known || entry.id == id;
    if (!known) {
      throw UserError(config.where.path, fmt::format("unknown check '{}'", id),
                      FilePosition{config.where.line, config.where.column, std::nullopt});
    }
  }
  std::vector<std::unique_ptr<Check>> checks;
  for (const CheckEntry& entry : check_registry()) {
    auto it = rules.checks.find(std::string(entry.id));
    CheckOptions options(std::string(entry.id), it == rules.checks.end() ? nullptr : &it->second);
    const bool enabled = options.flag("enabled", true);
    const std::string severity_name = options.text("severity", std::string(to_string(entry.severity)));
    const auto severity = parse_severity(severity_name);
    if (!severity) {
      const CheckSetting& s = it->second.settings.at("severity");
      throw UserError(s.where.path,
                      fmt::format("check '{}': severity must be info, warning or error, got '{}'", entry.id,
                                  severity_name),
                      FilePosition{s.where.line, s.where.column, std::nullopt});
    }
    std::unique_ptr<Check> check = entry.make(options, rules);
    options.reject_unknown();
    if (!enabled) continue;
    check->configure(std::string(entry.id), entry.kind, *severity);
    checks.push_back(std::move(check));
  }
  return checks;
}

}  // namespace concord

#include "checks/check.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

namespace concord {

const Speller& SpellerCache::get(const LanguagePack& pack) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto& slot = spellers_[pack.id];
  if (!slot) slot = std::make_unique<Speller>(pack.dictionary, pack.also_dictionaries);
  return *slot;
}

Location AnalyzedSource::location(std::size_t begin, std::size_t end, std::string note) const {
  const std::size_t start = doc.original_start(begin);
  return original_location(start, std::max(start, doc.original_end(end)), std::move(note));
}

Location AnalyzedSource::original_location(std::size_t begin, std::size_t end, std::string note) const {
  Location loc;
  loc.path = doc.path();
  loc.source = index;
  loc.start = std::min(begin, doc.source().bytes().size());
  loc.end = std::clamp(end, loc.start, doc.source().bytes().size());
  const LineColumn a = doc.source().position(loc.start);
  const LineColumn b = doc.source().position(loc.end);
  loc.line = a.line;
  loc.column = a.column;
  loc.end_line = b.line;
  loc.end_column = b.column;
  loc.excerpt = std::string(doc.source().bytes().substr(loc.start, loc.end - loc.start));
  loc.note = std::move(note);
  return loc;
}

CheckOptions::CheckOptions(std::string check, const CheckConfig* config)
    : check_(std::move(check)), config_(config) {}

const CheckSetting* CheckOptions::find(const std::string& name) {
  known_.push_back(name);
  if (config_ == nullptr) return nullptr;
  auto it = config_->settings.find(name);
  return it == config_->settings.end() ? nullptr : &it->second;
}

namespace {
[[noreturn]] void bad_value(const CheckSetting& s, const std::string& check, const std::string& name,
                            const char* expected) {
  throw UserError(s.where.path, fmt::format("check '{}': option '{}' must be {}, got '{}'", check, name,
                                            expected, s.value),
                  FilePosition{s.where.line, s.where.column, std::nullopt});
}
}  // namespace

double CheckOptions::number(const std::string& name, double fallback) {
  const CheckSetting* s = find(name);
  if (s == nullptr) return fallback;
  char* end = nullptr;
  const double v = std::strtod(s->value.c_str(), &end);
  if (end == s->value.c_str() || *end != '\0') bad_value(*s, check_, name, "a number");
  return v;
}

bool CheckOptions::flag(const std::string& name, bool fallback) {
  const CheckSetting* s = find(name);
  if (s == nullptr) return fallback;
  if (s->value == "true" || s->value == "yes" || s->value == "on") return true;
  if (s->value == "false" || s->value == "no" || s->value == "off") return false;
  bad_value(*s, check_, name, "true or false");
}

std::string CheckOptions::text(const std::string& name, const std::string& fallback) {
  const CheckSetting* s = find(name);
  return s == nullptr ? fallback : s->value;
}

void CheckOptions::reject_unknown() const {
  if (config_ == nullptr) return;
  for (const auto& [name, setting] : config_->settings) {
    if (std::find(known_.begin(), known_.end(), name) == known_.end()) {
      std::string list;
      for (const std::string& k : known_) list += (list.empty() ? "" : ", ") + k;
      // At the option's name, the mistake (a setting made by hand has no
      // name's position: then at its value).
      const RuleLocation& at = setting.key_where.path.empty() ? setting.where : setting.key_where;
      throw UserError(at.path, fmt::format("check '{}' has no option '{}' (options: {})", check_, name, list),
                      FilePosition{at.line, at.column, std::nullopt});
    }
  }
}

Finding Check::finding(std::string message, std::vector<Location> locations,
                       std::optional<std::string> suggestion) const {
  Finding f;
  f.rule = id_;
  f.kind = kind_;
  f.severity = severity_;
  f.message = std::move(message);
  f.locations = std::move(locations);
  f.suggestion = std::move(suggestion);
  return f;
}

}  // namespace concord

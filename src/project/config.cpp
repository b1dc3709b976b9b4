#include "project/config.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include <re2/re2.h>

#include "checks/finding.h"
#include "input_limits.h"
#include "rules/yaml_reader.h"

namespace concord {
namespace fs = std::filesystem;

namespace {

// How a source path is shown: relative to the working directory when it
// is below it, absolute otherwise.
std::string display_path(const fs::path& path) {
  std::error_code ec;
  const fs::path rel = fs::relative(path, fs::current_path(ec), ec);
  if (!ec && !rel.empty() && *rel.begin() != "..") return rel.generic_string();
  return fs::weakly_canonical(path, ec).string();
}

// A path from the config, resolved against its folder; refused when it
// leaves the folder (a config from elsewhere must not read arbitrary files).
std::string inside(const YamlReader& r, const YamlNode& node, const std::string& root, const std::string& rel) {
  std::error_code ec;
  if (rel.find('\0') != std::string::npos) r.fail(node, "a path may not contain a NUL character");
  const fs::path full = fs::weakly_canonical(fs::path(root) / rel, ec);
  if (ec) r.fail(node, fmt::format("'{}': {}", rel, ec.message()));
  const fs::path base = fs::weakly_canonical(root, ec);
  const auto mismatch = std::mismatch(base.begin(), base.end(), full.begin(), full.end());
  if (ec || mismatch.first != base.end()) r.fail(node, fmt::format("'{}' points outside the project folder", rel));
  return full.string();
}

// One character against a bracket expression at pattern[p] ('['); sets
// `end` past the closing ']'. False with end = npos when unterminated.
bool bracket_matches(const std::string& pattern, std::size_t p, char c, std::size_t& end) {
  std::size_t i = p + 1;
  bool negate = false;
  if (i < pattern.size() && (pattern[i] == '!' || pattern[i] == '^')) {
    negate = true;
    ++i;
  }
  bool matched = false;
  bool first = true;
  for (; i < pattern.size() && (first || pattern[i] != ']'); first = false) {
    char lo = pattern[i];
    if (lo == '\\' && i + 1 < pattern.size()) lo = pattern[++i];
    ++i;
    char hi = lo;
    if (i + 1 < pattern.size() && pattern[i] == '-' && pattern[i + 1] != ']') {
      hi = pattern[i + 1];
      if (hi == '\\' && i + 2 < pattern.size()) hi = pattern[++i + 1];
      i += 2;
    }
    const auto uc = static_cast<unsigned char>(c);
    if (uc >= static_cast<unsigned char>(lo) && uc <= static_cast<unsigned char>(hi)) matched = true;
  }
  if (i >= pattern.size()) {
    end = std::string::npos;
    return false;
  }
  end = i + 1;
  return matched != negate;
}

// Shell-style glob (`*`, `?`, `[...]`, `\\` escapes; `*` crosses folders,
// as fnmatch without FNM_PATHNAME) in O(pattern × text) time: greedy, with
// one backtracking point, where fnmatch's recursion is exponential in the
// number of stars.
bool glob_match(const std::string& pattern, const std::string& text) {
  std::size_t p = 0, t = 0;
  std::size_t star_p = std::string::npos, star_t = 0;
  while (t < text.size()) {
    if (p < pattern.size()) {
      const char pc = pattern[p];
      if (pc == '*') {
        star_p = ++p;
        star_t = t;
        continue;
      }
      std::size_t next = p + 1;
      bool ok = false;
      if (pc == '?') {
        ok = true;
      } else if (pc == '[') {
        ok = bracket_matches(pattern, p, text[t], next);
        if (next == std::string::npos) {  // an unterminated '[' is literal
          ok = text[t] == '[';
          next = p + 1;
        }
      } else if (pc == '\\' && p + 1 < pattern.size()) {
        ok = pattern[p + 1] == text[t];
        next = p + 2;
      } else {
        ok = pc == text[t];
      }
      if (ok) {
        p = next;
        ++t;
        continue;
      }
    }
    if (star_p == std::string::npos) return false;
    p = star_p;
    t = ++star_t;
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

bool ignored(const ProjectConfig& c, const std::string& relative) {
  for (const std::string& pattern : c.ignore) {
    if (glob_match(pattern, relative)) return true;
  }
  return false;
}

// "texts/{lang}/{name}.md": every file matching, grouped by {name}.
// Compiled to RE2 (linear time, bounded memory): every other character
// of the pattern is literal, `*` matches within one folder.
void expand_pattern(const YamlReader& r, const YamlNode& node, ProjectConfig& c, const std::string& pattern) {
  if (pattern.find("{name}") == std::string::npos) r.fail(node, "a group pattern needs {name}");
  for (const auto& part : fs::path(pattern)) {
    if (part == "..") r.fail(node, fmt::format("'{}' points outside the project folder", pattern));
  }
  if (fs::path(pattern).is_absolute()) r.fail(node, fmt::format("'{}' points outside the project folder", pattern));
  std::string re;
  std::string literal;
  int lang_group = 0, name_group = 0, groups = 0;
  const auto flush = [&]() {
    re += RE2::QuoteMeta(literal);
    literal.clear();
  };
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern.compare(i, 6, "{lang}") == 0 && lang_group == 0) {
      flush();
      re += "([a-z]{2,3})";
      lang_group = ++groups;
      i += 5;
    } else if (pattern.compare(i, 6, "{name}") == 0 && name_group == 0) {
      flush();
      re += "([^/]+)";
      name_group = ++groups;
      i += 5;
    } else if (pattern[i] == '*') {
      flush();
      re += "[^/]*";
    } else {
      literal += pattern[i];
    }
  }
  flush();
  RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(static_cast<int64_t>(kRegexMemoryBudget));
  const RE2 matcher(re, options);
  if (!matcher.ok()) r.fail(node, fmt::format("pattern '{}' is too large", pattern));
  const bool has_lang = lang_group != 0;
  std::map<std::string, GroupSpec> by_name;
  std::error_code ec;
  const fs::path base = fs::weakly_canonical(c.root, ec);
  for (auto it = fs::recursive_directory_iterator(c.root, ec); it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    std::error_code file_ec;
    if (!it->is_regular_file(file_ec)) continue;
    // Lexically: fs::relative would resolve a symbolic link and hide it.
    const std::string rel = it->path().lexically_relative(c.root).generic_string();
    std::string name, lang;
    bool matched = false;
    if (has_lang) {
      matched = lang_group < name_group ? RE2::FullMatch(rel, matcher, &lang, &name)
                                        : RE2::FullMatch(rel, matcher, &name, &lang);
    } else {
      matched = RE2::FullMatch(rel, matcher, &name);
    }
    if (!matched || ignored(c, rel)) continue;
    // A symbolic link in the folder may not lead out of it.
    const fs::path target = fs::weakly_canonical(it->path(), file_ec);
    const auto mismatch = std::mismatch(base.begin(), base.end(), target.begin(), target.end());
    if (file_ec || mismatch.first != base.end()) {
      r.fail(node, fmt::format("'{}' (matched by the pattern) points outside the project folder", rel));
    }
    GroupSpec& g = by_name[name];
    g.name = name;
    g.sources.push_back(SourceSpec{display_path(it->path()), lang, std::nullopt});
  }
  for (auto& [name, g] : by_name) {
    std::sort(g.sources.begin(), g.sources.end(),
              [](const SourceSpec& a, const SourceSpec& b) { return a.path < b.path; });
    c.groups.push_back(std::move(g));
  }
}

}  // namespace

std::optional<std::string> find_config(const std::string& start) {
  std::error_code ec;
  for (fs::path dir = fs::absolute(start, ec); !dir.empty(); dir = dir.parent_path()) {
    if (fs::is_regular_file(dir / ".concord.yaml", ec)) return (dir / ".concord.yaml").string();
    if (dir == dir.parent_path()) break;
  }
  return std::nullopt;
}

ProjectConfig load_config(const std::string& path) {
  ProjectConfig c;
  c.path = path;
  std::error_code root_ec;
  c.root = fs::weakly_canonical(fs::absolute(path, root_ec), root_ec).parent_path().string();
  c.baseline = (fs::path(c.root) / ".concord-baseline.json").string();
  YamlReader r(path);
  const YamlNode root = r.load_file(kMaxConfigBytes, "config file", "");
  if (root.IsNull()) return c;
  r.expect_map(root, "the config");
  r.only_keys(root, {"groups", "rules", "checks", "fail_on", "ignore", "baseline", "max_source_bytes"});
  if (root["max_source_bytes"]) {
    const std::string value = r.string(root["max_source_bytes"], "max_source_bytes");
    try {
      c.max_source_bytes = parse_byte_size(value, path);
    } catch (const UserError& e) {
      r.fail(root["max_source_bytes"], fmt::format("max_source_bytes: {}", e.message()));
    }
  }
  if (root["ignore"]) c.ignore = r.strings(root["ignore"], "ignore");
  if (const YamlNode rules = root["rules"]) {
    // Each folder's own position in errors.
    if (rules.IsSequence()) {
      for (const YamlNode& item : rules) c.rule_folders.push_back(inside(r, item, c.root, r.string(item, "a rule folder")));
    } else {
      c.rule_folders.push_back(inside(r, rules, c.root, r.string(rules, "rules")));
    }
  }
  if (root["fail_on"]) {
    const std::string level = r.string(root["fail_on"], "fail_on");
    if (level != "none" && !parse_severity(level)) r.fail(root["fail_on"], "fail_on must be info, warning, error or none");
    c.fail_on = level;
  }
  if (root["baseline"]) c.baseline = inside(r, root["baseline"], c.root, r.string(root["baseline"], "baseline"));
  if (root["checks"]) {
    r.expect_map(root["checks"], "checks");
    for (auto it = root["checks"].begin(); it != root["checks"].end(); ++it) {
      CheckConfig& config = c.checks[r.string(it->first, "check id")];
      config.where = r.location(it->first);
      r.expect_map(it->second, "settings of a check");
      for (auto opt = it->second.begin(); opt != it->second.end(); ++opt) {
        config.settings[r.string(opt->first, "option")] =
            CheckSetting{r.string(opt->second, "option value"), r.location(opt->second), r.location(opt->first)};
      }
    }
  }
  if (root["groups"]) {
    r.expect_sequence(root["groups"], "groups");
    for (const YamlNode& g : root["groups"]) {
      r.expect_map(g, "a group");
      r.only_keys(g, {"name", "sources", "pattern"});
      if (g["pattern"]) {
        if (g["sources"]) r.fail(g, "a group has either sources or a pattern");
        expand_pattern(r, g["pattern"], c, r.string(g["pattern"], "pattern"));
        continue;
      }
      if (!g["sources"]) r.fail(g, "a group needs sources or a pattern");
      GroupSpec spec;
      r.expect_sequence(g["sources"], "sources");
      for (const YamlNode& s : g["sources"]) {
        SourceSpec source;
        if (s.IsScalar()) {
          source.path = display_path(inside(r, s, c.root, s.Scalar()));
        } else {
          r.expect_map(s, "a source");
          r.only_keys(s, {"path", "lang"});
          if (!s["path"]) r.fail(s, "a source needs a path");
          source.path = display_path(inside(r, s["path"], c.root, r.string(s["path"], "path")));
          if (s["lang"]) source.lang = r.string(s["lang"], "lang");
        }
        std::error_code ec;
        if (ignored(c, fs::relative(source.path, c.root, ec).generic_string())) continue;
        spec.sources.push_back(std::move(source));
      }
      spec.name = g["name"] ? r.string(g["name"], "name")
                            : fs::path(spec.sources.empty() ? "group" : spec.sources.front().path).stem().string();
      // The name becomes a file name under --report-dir: it may not lead
      // out of that folder.
      if (spec.name.empty() || spec.name == "." || spec.name == ".." ||
          spec.name.find_first_of(std::string("/\\\0", 3)) != std::string::npos) {
        r.fail(g["name"] ? g["name"] : g, fmt::format("group name '{}' is not a plain file name", spec.name));
      }
      c.groups.push_back(std::move(spec));
    }
  }
  return c;
}

void apply_check_settings(const ProjectConfig& config, RuleSet& rules) {
  for (const auto& [id, settings] : config.checks) {
    CheckConfig& target = rules.checks[id];
    if (target.where.path.empty()) target.where = settings.where;
    for (const auto& [name, value] : settings.settings) target.settings[name] = value;
  }
}

std::vector<GroupSpec> groups_for(const ProjectConfig& config, const std::vector<std::string>& files) {
  std::vector<GroupSpec> out;
  std::vector<bool> taken(config.groups.size(), false);
  std::error_code ec;
  for (const std::string& file : files) {
    const fs::path canonical = fs::weakly_canonical(file, ec);
    bool found = false;
    for (std::size_t g = 0; g < config.groups.size(); ++g) {
      for (const SourceSpec& s : config.groups[g].sources) {
        if (fs::weakly_canonical(s.path, ec) != canonical) continue;
        found = true;
        if (!taken[g]) out.push_back(config.groups[g]);
        taken[g] = true;
      }
    }
    const std::string rel = fs::relative(canonical, config.root, ec).generic_string();
    if (!found && !ignored(config, rel)) out.push_back(GroupSpec{fs::path(file).stem().string(), {SourceSpec{file, "", std::nullopt}}});
  }
  return out;
}

}  // namespace concord

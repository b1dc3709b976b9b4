#include "project/config.h"

#include <fmt/format.h>
#include <fnmatch.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <regex>

#include "checks/finding.h"
#include "rules/yaml_reader.h"

namespace concord {
namespace fs = std::filesystem;

namespace {

constexpr std::size_t kMaxConfigBytes = 1u << 20;

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
std::string inside(const YamlReader& r, const YAML::Node& node, const std::string& root, const std::string& rel) {
  const fs::path full = fs::weakly_canonical(fs::path(root) / rel);
  const fs::path base = fs::weakly_canonical(root);
  const auto mismatch = std::mismatch(base.begin(), base.end(), full.begin(), full.end());
  if (mismatch.first != base.end()) r.fail(node, fmt::format("'{}' points outside the project folder", rel));
  return full.string();
}

bool ignored(const ProjectConfig& c, const std::string& relative) {
  for (const std::string& pattern : c.ignore) {
    if (fnmatch(pattern.c_str(), relative.c_str(), 0) == 0) return true;
  }
  return false;
}

// "texts/{lang}/{name}.md": every file matching, grouped by {name}.
void expand_pattern(const YamlReader& r, const YAML::Node& node, ProjectConfig& c, const std::string& pattern) {
  if (pattern.find("{name}") == std::string::npos) r.fail(node, "a group pattern needs {name}");
  std::string re;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern.compare(i, 6, "{lang}") == 0) {
      re += "([a-z]{2,3})";
      i += 5;
    } else if (pattern.compare(i, 6, "{name}") == 0) {
      re += "([^/]+)";
      i += 5;
    } else if (pattern[i] == '*') {
      re += "[^/]*";
    } else if (std::string(".^$|()[]+?\\").find(pattern[i]) != std::string::npos) {
      re += '\\';
      re += pattern[i];
    } else {
      re += pattern[i];
    }
  }
  const bool has_lang = pattern.find("{lang}") != std::string::npos;
  const bool lang_first = has_lang && pattern.find("{lang}") < pattern.find("{name}");
  const std::regex matcher(re);
  std::map<std::string, GroupSpec> by_name;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(c.root, ec); it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec || !it->is_regular_file()) continue;
    const std::string rel = fs::relative(it->path(), c.root).generic_string();
    std::smatch m;
    if (!std::regex_match(rel, m, matcher) || ignored(c, rel)) continue;
    const std::string name = has_lang ? m[lang_first ? 2 : 1].str() : m[1].str();
    const std::string lang = has_lang ? m[lang_first ? 1 : 2].str() : "";
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
  c.root = fs::weakly_canonical(fs::absolute(path)).parent_path().string();
  c.baseline = (fs::path(c.root) / ".concord-baseline.json").string();
  YamlReader r(path);
  const YAML::Node root = r.load_file(kMaxConfigBytes);
  if (root.IsNull()) return c;
  r.expect_map(root, "the config");
  r.only_keys(root, {"groups", "rules", "checks", "fail_on", "ignore", "baseline"});
  if (root["ignore"]) c.ignore = r.strings(root["ignore"], "ignore");
  if (root["rules"]) {
    for (const std::string& f : r.strings(root["rules"], "rules")) c.rule_folders.push_back(inside(r, root["rules"], c.root, f));
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
        config.settings[r.string(opt->first, "option")] = CheckSetting{r.string(opt->second, "option value"), r.location(opt->second)};
      }
    }
  }
  if (root["groups"]) {
    r.expect_sequence(root["groups"], "groups");
    for (const YAML::Node& g : root["groups"]) {
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
      for (const YAML::Node& s : g["sources"]) {
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
        if (ignored(c, fs::relative(source.path, c.root).generic_string())) continue;
        spec.sources.push_back(std::move(source));
      }
      spec.name = g["name"] ? r.string(g["name"], "name")
                            : fs::path(spec.sources.empty() ? "group" : spec.sources.front().path).stem().string();
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

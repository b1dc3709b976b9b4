// Typed, positioned access to yaml-cpp nodes for the rule and config loaders.
// Every failure is a UserError with the file's path and the node's line and
// column, so a rule author sees exactly what to fix.
#pragma once

#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "error.h"
#include "rules/rules.h"

namespace concord {

class YamlReader {
 public:
  explicit YamlReader(std::string path) : path_(std::move(path)) {}

  // Parses the whole file; syntax errors and nesting beyond `max_depth`
  // become UserErrors. An empty file yields a null node. A file larger
  // than `max_bytes` is refused before it is read; the error calls it a
  // `kind` and names `option` (when not empty) as the way to raise it.
  YAML::Node load_file(std::size_t max_bytes, std::string_view kind = "rule file",
                       std::string_view option = "--max-rule-bytes N") const;
  YAML::Node load_string(const std::string& text) const;

  [[noreturn]] void fail(const YAML::Node& node, const std::string& message) const;

  void expect_map(const YAML::Node& node, std::string_view what) const;
  void expect_sequence(const YAML::Node& node, std::string_view what) const;
  // Rejects keys outside `allowed`, naming the offending key's position.
  void only_keys(const YAML::Node& map, std::initializer_list<std::string_view> allowed) const;
  std::string string(const YAML::Node& node, std::string_view what) const;
  int integer(const YAML::Node& node, std::string_view what, int min, int max) const;
  bool boolean(const YAML::Node& node, std::string_view what) const;
  // A scalar or a sequence of scalars.
  std::vector<std::string> strings(const YAML::Node& node, std::string_view what) const;

  RuleLocation location(const YAML::Node& node) const;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace concord

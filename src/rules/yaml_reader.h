// Typed, positioned access to YAML documents for the rule and config loaders.
// Every failure is a UserError with the file's path and the node's line and
// column (in code points, like every column concord reports), so a rule
// author sees exactly what to fix.
//
// Loading builds the document (yaml_node.h) from yaml-cpp's parser events,
// in one pass, and validates its shape as they arrive: nesting deeper than
// kMaxYamlDepth (refused at that depth, so the parser's recursion never goes
// deeper), duplicate keys in a mapping (which yaml-cpp's own nodes would
// drop silently), aliases that expand the document beyond kMaxAliasGrowth
// times its size or refer to their own node, and a second document.
//
// Thread safety: a YamlReader remembers the text it loaded last (to turn
// yaml-cpp's byte columns into code points), so one reader must not load in
// two threads at once. Copyable and movable.
#pragma once

#include <yaml-cpp/mark.h>

#include <cstddef>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "error.h"
#include "rules/rules.h"
#include "rules/yaml_node.h"
#include "text/source.h"

namespace concord {

// Collections nested inside more than this many others are refused.
inline constexpr std::size_t kMaxYamlDepth = 64;
// Aliases may make a document, walked with every alias expanded, at most
// this many times as large as written (plus kAliasSlack nodes).
inline constexpr std::size_t kMaxAliasGrowth = 4;
inline constexpr std::size_t kAliasSlack = 10000;

class YamlReader {
 public:
  explicit YamlReader(std::string path) : path_(std::move(path)) {}

  // Parses the whole file, or reads the document parsed from the same text
  // before from the cache (cache.h); syntax errors and the shape errors
  // above become UserErrors. An empty file yields a null node. A file larger than
  // `max_bytes` is refused before it is read; the error calls it a `kind`
  // and names `option` (when not empty) as the way to raise it.
  YamlNode load_file(std::size_t max_bytes, std::string_view kind = "rule file",
                     std::string_view option = "--max-rule-bytes N") const;
  YamlNode load_string(const std::string& text) const;

  [[noreturn]] void fail(const YamlNode& node, const std::string& message) const;
  [[noreturn]] void fail_at(const YAML::Mark& mark, const std::string& message) const;

  // A missing node (`map["key"]` when there is no such key) is an error
  // "missing WHAT"; use require() where the parent map is at hand, for a
  // position.
  void expect_map(const YamlNode& node, std::string_view what) const;
  void expect_sequence(const YamlNode& node, std::string_view what) const;
  // map[key], or an error at the map when it lacks the key.
  YamlNode require(const YamlNode& map, const char* key) const;
  // Rejects keys outside `allowed`, naming the offending key's position.
  void only_keys(const YamlNode& map, std::initializer_list<std::string_view> allowed) const;
  std::string string(const YamlNode& node, std::string_view what) const;
  int integer(const YamlNode& node, std::string_view what, int min, int max) const;
  bool boolean(const YamlNode& node, std::string_view what) const;
  // A scalar or a sequence of scalars.
  std::vector<std::string> strings(const YamlNode& node, std::string_view what) const;

  RuleLocation location(const YamlNode& node) const;
  // 1-based line and code-point column of a yaml-cpp mark in the text
  // loaded last; {0, 0} for a null mark.
  FilePosition position(const YAML::Mark& mark) const;
  const std::string& path() const { return path_; }

 private:
  // Whether a document parsed from a file is read from and stored in the
  // cache (cache.h); strings are always parsed.
  enum class Caching : bool { kOff, kOn };
  YamlNode load(std::string text, Caching caching) const;

  std::string path_;
  // The text loaded last, shared so that copies of the reader stay cheap.
  mutable std::shared_ptr<const Source> text_;
};

}  // namespace concord

#include "rules/yaml_reader.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>

#include "input_limits.h"
#include "text/source.h"

namespace concord {
namespace {

// yaml-cpp parses recursively; a hostile file with thousands of nested
// brackets overflows the stack. Reject deep nesting before parsing. Flow
// brackets and block indentation both count.
void check_depth(const std::string& path, const std::string& text, std::size_t max_depth) {
  std::size_t depth = 0;
  std::size_t line = 1, column = 1;
  bool in_single = false, in_double = false, in_comment = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      ++line;
      column = 1;
      in_comment = false;
      continue;
    }
    ++column;
    if (in_comment) continue;
    if (in_double) {
      if (c == '\\') ++i;
      else if (c == '"') in_double = false;
      continue;
    }
    if (in_single) {
      if (c == '\'') in_single = false;
      continue;
    }
    switch (c) {
      case '#': in_comment = true; break;
      case '"': in_double = true; break;
      case '\'': in_single = true; break;
      case '[': case '{':
        if (++depth > max_depth) {
          throw UserError(path, fmt::format("YAML nested deeper than {} levels", max_depth),
                          FilePosition{line, column - 1, std::nullopt});
        }
        break;
      case ']': case '}':
        if (depth > 0) --depth;
        break;
      default: break;
    }
  }
  // Block nesting: indentation deeper than max_depth * 1 space is refused.
  std::size_t indent_line = 1;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t spaces = 0;
    while (pos + spaces < text.size() && text[pos + spaces] == ' ') ++spaces;
    if (spaces > max_depth * 4) {
      throw UserError(path, fmt::format("YAML nested deeper than {} levels", max_depth),
                      FilePosition{indent_line, spaces + 1, std::nullopt});
    }
    const auto nl = text.find('\n', pos);
    if (nl == std::string::npos) break;
    pos = nl + 1;
    ++indent_line;
  }
}

constexpr std::size_t kMaxYamlDepth = 64;

}  // namespace

YAML::Node YamlReader::load_file(std::size_t max_bytes, std::string_view kind, std::string_view option) const {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path_, ec)) {
    throw UserError(path_, fmt::format("cannot read {}", kind));
  }
  const auto too_large = [&](std::size_t size, bool at_least) {
    return UserError(path_, fmt::format("{} is {}{} bytes, more than the limit of {} bytes ({}){}{}", kind,
                                        at_least ? "at least " : "", size, max_bytes, describe_bytes(max_bytes),
                                        option.empty() ? "" : "; raise it with ", option));
  };
  // Checked on the size, before anything is read.
  const auto size = std::filesystem::file_size(path_, ec);
  if (!ec && size > max_bytes) throw too_large(static_cast<std::size_t>(size), false);
  std::ifstream in(path_, std::ios::binary);
  if (!in) throw UserError(path_, fmt::format("cannot read {}", kind));
  std::string text;
  if (!ec) text.reserve(static_cast<std::size_t>(size));
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(in.gcount()));
    // A file that grew since the stat is still bounded.
    if (text.size() > max_bytes) throw too_large(text.size(), true);
  }
  if (in.bad()) throw UserError(path_, fmt::format("cannot read {}: read error", kind));
  return load_string(text);
}

YAML::Node YamlReader::load_string(const std::string& text) const {
  if (const auto bad = find_invalid_utf8(text); bad != std::string::npos) {
    throw UserError(path_, "invalid UTF-8", FilePosition{0, 0, bad});
  }
  check_depth(path_, text, kMaxYamlDepth);
  try {
    return YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    throw UserError(path_, fmt::format("YAML syntax: {}", e.msg),
                    FilePosition{static_cast<std::size_t>(e.mark.line) + 1,
                                 static_cast<std::size_t>(e.mark.column) + 1, std::nullopt});
  } catch (const YAML::Exception& e) {
    throw UserError(path_, fmt::format("YAML: {}", e.msg));
  }
}

RuleLocation YamlReader::location(const YAML::Node& node) const {
  const YAML::Mark mark = node.Mark();
  if (mark.is_null()) return RuleLocation{path_, 0, 0};
  return RuleLocation{path_, static_cast<std::size_t>(mark.line) + 1,
                      static_cast<std::size_t>(mark.column) + 1};
}

void YamlReader::fail(const YAML::Node& node, const std::string& message) const {
  const RuleLocation where = location(node);
  throw UserError(path_, message, FilePosition{where.line, where.column, std::nullopt});
}

void YamlReader::expect_map(const YAML::Node& node, std::string_view what) const {
  if (!node.IsMap()) fail(node, fmt::format("{} must be a mapping", what));
}

void YamlReader::expect_sequence(const YAML::Node& node, std::string_view what) const {
  if (!node.IsSequence()) fail(node, fmt::format("{} must be a list", what));
}

void YamlReader::only_keys(const YAML::Node& map,
                           std::initializer_list<std::string_view> allowed) const {
  for (auto it = map.begin(); it != map.end(); ++it) {
    if (!it->first.IsScalar()) fail(it->first, "keys must be plain strings");
    const std::string key = it->first.Scalar();
    bool known = false;
    for (std::string_view a : allowed) known = known || a == key;
    if (!known) {
      std::string list;
      for (std::string_view a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      fail(it->first, fmt::format("unknown key '{}' (expected one of: {})", key, list));
    }
  }
}

std::string YamlReader::string(const YAML::Node& node, std::string_view what) const {
  if (!node.IsScalar()) fail(node, fmt::format("{} must be a string", what));
  return node.Scalar();
}

int YamlReader::integer(const YAML::Node& node, std::string_view what, int min, int max) const {
  if (!node.IsScalar()) fail(node, fmt::format("{} must be a number", what));
  const std::string& s = node.Scalar();
  int value = 0;
  std::size_t used = 0;
  try {
    value = std::stoi(s, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != s.size()) fail(node, fmt::format("{} must be a number, got '{}'", what, s));
  if (value < min || value > max) {
    fail(node, fmt::format("{} must be between {} and {}, got {}", what, min, max, value));
  }
  return value;
}

bool YamlReader::boolean(const YAML::Node& node, std::string_view what) const {
  if (node.IsScalar()) {
    const std::string& s = node.Scalar();
    if (s == "true" || s == "yes" || s == "on") return true;
    if (s == "false" || s == "no" || s == "off") return false;
  }
  fail(node, fmt::format("{} must be true or false", what));
}

std::vector<std::string> YamlReader::strings(const YAML::Node& node, std::string_view what) const {
  std::vector<std::string> out;
  if (node.IsScalar()) {
    out.push_back(node.Scalar());
    return out;
  }
  if (!node.IsSequence()) fail(node, fmt::format("{} must be a string or a list of strings", what));
  for (const YAML::Node& item : node) {
    if (!item.IsScalar()) fail(item, fmt::format("each item of {} must be a string", what));
    out.push_back(item.Scalar());
  }
  return out;
}

}  // namespace concord

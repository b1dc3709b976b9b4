#include "rules/yaml_reader.h"

#include <fmt/format.h>
#include <yaml-cpp/anchor.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>

#include "cache.h"
#include "input_limits.h"
#include "text/source.h"

namespace concord {
namespace {

// Builds the document from the parser's events and checks its shape as
// the events arrive (see yaml_reader.h). Throws UserError at the first
// problem; throwing from an event unwinds the parser at that depth, so a
// hostile file never makes it recurse deeper than kMaxYamlDepth + 1.
class Builder final : public YAML::EventHandler {
 public:
  // `text` is what yaml-cpp parses (after any BOM).
  Builder(const YamlReader& reader, std::string_view text)
      : reader_(reader), text_(text), document_(std::make_shared<YamlNode::Document>()) {}

  // The root node: a null node for a file without one.
  YamlNode root() {
    if (document_->items.empty()) add(YamlNode::Kind::kNull, YAML::Mark(), nullptr);
    return YamlNode(std::move(document_), 0);
  }

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (++documents_ > 1) {
      reader_.fail_at(mark, "a second YAML document (after ---): a file holds one document");
    }
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    child(mark, nullptr);
    leaf(anchor, add(YamlNode::Kind::kNull, mark, nullptr));
  }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    if (tag == "!") check_closed(mark);
    child(mark, &value);
    leaf(anchor, add(YamlNode::Kind::kScalar, mark, &value));
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    child(mark, nullptr);
    ++written_;
    const auto size = anchor < sizes_.size() ? sizes_[anchor] : 0;
    if (size == 0) reader_.fail_at(mark, "this alias refers to a node that contains it");
    expanded_ += size;
    if (expanded_ > kMaxAliasGrowth * written_ + kAliasSlack) {
      reader_.fail_at(mark, fmt::format("aliases expand this file to more than {} times its {} nodes",
                                        kMaxAliasGrowth, written_));
    }
    attach(anchored_[anchor]);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(mark, anchor, false);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(mark, anchor, true);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Frame {
    std::uint32_t item = 0;
    bool map = false;
    std::size_t children = 0;
    std::size_t first = 0;  // expanded_ when the collection opened
    YAML::anchor_t anchor = YAML::NullAnchor;
    std::map<std::string, YAML::Mark> keys;  // scalar keys of a map
  };

  // yaml-cpp ends a quoted scalar that lacks its closing quote at the end
  // of the file, swallowing the rest of the file into it.
  void check_closed(const YAML::Mark& mark) {
    if (mark.pos < 0) return;
    std::size_t i = static_cast<std::size_t>(mark.pos);
    if (i >= text_.size() || (text_[i] != '"' && text_[i] != '\'')) return;
    const char quote = text_[i];
    for (++i; i < text_.size(); ++i) {
      if (quote == '"' && text_[i] == '\\') {
        ++i;
      } else if (text_[i] == quote) {
        if (quote == '\'' && i + 1 < text_.size() && text_[i + 1] == '\'') {
          ++i;  // '' is a quote inside single quotes
        } else {
          return;
        }
      }
    }
    reader_.fail_at(mark, "YAML syntax: quoted string without its closing quote");
  }

  // A node inside the current collection; for a map's key, refuses a
  // scalar key seen before.
  void child(const YAML::Mark& mark, const std::string* scalar) {
    if (stack_.empty()) return;
    Frame& parent = stack_.back();
    const bool key = parent.map && parent.children % 2 == 0;
    ++parent.children;
    if (!key || scalar == nullptr) return;
    const auto [it, inserted] = parent.keys.emplace(*scalar, mark);
    if (!inserted) {
      reader_.fail_at(mark, fmt::format("duplicate key '{}' (first at line {})", *scalar,
                                        reader_.position(it->second).line));
    }
  }
  void leaf(YAML::anchor_t anchor, std::uint32_t item) {
    ++written_;
    ++expanded_;
    remember(anchor, 1, item);
  }
  // A new node, attached to the collection being read.
  std::uint32_t add(YamlNode::Kind kind, const YAML::Mark& mark, const std::string* scalar) {
    auto& items = document_->items;
    if (items.size() >= std::numeric_limits<std::uint32_t>::max()) {
      reader_.fail_at(mark, "too many YAML nodes");
    }
    const auto index = static_cast<std::uint32_t>(items.size());
    YamlNode::Document::Item& item = items.emplace_back();
    item.kind = kind;
    item.mark = mark;
    if (scalar != nullptr) item.scalar = *scalar;
    attach(index);
    return index;
  }
  void attach(std::uint32_t index) {
    if (!stack_.empty()) document_->items[stack_.back().item].children.push_back(index);
  }
  void open(const YAML::Mark& mark, YAML::anchor_t anchor, bool map) {
    child(mark, nullptr);
    // Depth counts the enclosing collections: the top-level node has none.
    if (stack_.size() >= kMaxYamlDepth + 1) {
      reader_.fail_at(mark, fmt::format("YAML nested deeper than {} levels", kMaxYamlDepth));
    }
    ++written_;
    ++expanded_;
    Frame frame;
    frame.item = add(map ? YamlNode::Kind::kMap : YamlNode::Kind::kSequence, mark, nullptr);
    frame.map = map;
    frame.first = expanded_ - 1;
    frame.anchor = anchor;
    stack_.push_back(std::move(frame));
  }
  void close() {
    if (stack_.empty()) return;
    remember(stack_.back().anchor, expanded_ - stack_.back().first, stack_.back().item);
    stack_.pop_back();
  }
  // An anchor's size is known once its node is complete; 0 until then.
  // A collection's anchor names its node from the start (an alias inside
  // it is refused, its size still 0).
  void remember(YAML::anchor_t anchor, std::size_t size, std::uint32_t item) {
    if (anchor == YAML::NullAnchor) return;
    if (sizes_.size() <= anchor) {
      sizes_.resize(anchor + 1, 0);
      anchored_.resize(anchor + 1, 0);
    }
    sizes_[anchor] = size;
    anchored_[anchor] = item;
  }

  const YamlReader& reader_;
  std::string_view text_;
  std::vector<Frame> stack_;
  std::shared_ptr<YamlNode::Document> document_;
  std::vector<std::size_t> sizes_;       // by anchor id
  std::vector<std::uint32_t> anchored_;  // by anchor id: the node it names
  std::size_t written_ = 0;         // nodes as written, an alias counting 1
  std::size_t expanded_ = 0;        // nodes with every alias expanded
  int documents_ = 0;
};

// Documents parsed from files are cached (cache.h), under the text they
// were parsed from: reading one back costs a small part of parsing it.
// Only documents that passed every check above are stored. Bump the
// version whenever Builder accepts or builds anything differently.
constexpr std::string_view kCacheKind = "yaml";
constexpr std::string_view kCacheVersion = "yaml document 2\n";
// Rule authors edit rule files; each edit is a new entry.
constexpr std::size_t kCacheKeep = 256;

// Six 4-byte fields: no padding, so an entry's bytes are all written.
struct StoredItem {
  std::uint32_t kind;
  std::int32_t pos, line, column;
  std::uint32_t scalar, children;  // sizes of what follows
};
static_assert(sizeof(StoredItem) == 24);

void store(const YamlNode::Document& document, cache::Writer& out) {
  out.write_value(static_cast<std::uint64_t>(document.items.size()));
  for (const auto& item : document.items) {
    const StoredItem stored{static_cast<std::uint32_t>(item.kind), item.mark.pos, item.mark.line, item.mark.column,
                            static_cast<std::uint32_t>(item.scalar.size()),
                            static_cast<std::uint32_t>(item.children.size())};
    out.write_value(stored);
    out.write(item.scalar.data(), item.scalar.size());
    out.write(item.children.data(), item.children.size() * sizeof(std::uint32_t));
  }
}

// Null when the entry is not a document stored by store().
std::shared_ptr<YamlNode::Document> restore(cache::Reader& in) {
  std::uint64_t count = 0;
  // Every item takes at least sizeof(StoredItem) bytes.
  if (!in.read_value(count) || count == 0 || count > in.remaining() / sizeof(StoredItem)) return nullptr;
  auto document = std::make_shared<YamlNode::Document>();
  document->items.resize(static_cast<std::size_t>(count));
  for (auto& item : document->items) {
    StoredItem stored{};
    if (!in.read_value(stored) || stored.kind < static_cast<std::uint32_t>(YamlNode::Kind::kNull) ||
        stored.kind > static_cast<std::uint32_t>(YamlNode::Kind::kMap) ||
        std::size_t{stored.scalar} + std::size_t{stored.children} * sizeof(std::uint32_t) > in.remaining()) {
      return nullptr;
    }
    item.kind = static_cast<YamlNode::Kind>(stored.kind);
    item.mark.pos = stored.pos;
    item.mark.line = stored.line;
    item.mark.column = stored.column;
    item.scalar.resize(stored.scalar);
    item.children.resize(stored.children);
    if (!in.read(item.scalar.data(), item.scalar.size()) ||
        !in.read(item.children.data(), item.children.size() * sizeof(std::uint32_t))) {
      return nullptr;
    }
    for (const std::uint32_t child : item.children) {
      if (child >= count) return nullptr;
    }
  }
  return in.remaining() == 0 ? document : nullptr;
}

}  // namespace

YamlNode YamlReader::load_file(std::size_t max_bytes, std::string_view kind, std::string_view option) const {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path_, ec)) {
    throw UserError(path_, fmt::format("cannot read {}: {}", kind,
                                       std::filesystem::is_directory(path_, ec) ? "it is a directory"
                                       : std::filesystem::exists(path_, ec)     ? "not a regular file"
                                                                                : "no such file"));
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
  return load(std::move(text), Caching::kOn);
}

YamlNode YamlReader::load_string(const std::string& text) const { return load(text, Caching::kOff); }

YamlNode YamlReader::load(std::string text, Caching caching) const {
  // The same validation as a source (UTF-8, no NUL: yaml-cpp would take
  // NUL bytes for UTF-16 or UTF-32), and the same line and column counting.
  text_ = std::make_shared<const Source>(
      Source::from_bytes(path_, std::move(text), std::numeric_limits<std::size_t>::max()));
  const std::string_view bytes = text_->bytes();
  std::string key;
  if (caching == Caching::kOn) {
    key.reserve(kCacheVersion.size() + bytes.size());
    key.append(kCacheVersion).append(bytes);
    if (auto entry = cache::Reader::open(kCacheKind, key)) {
      if (auto document = restore(*entry)) return YamlNode(std::move(document), 0);
    }
  }
  try {
    std::istringstream stream{std::string(bytes)};
    YAML::Parser parser(stream);
    Builder builder(*this, bytes.substr(text_->content_start()));
    while (parser.HandleNextDocument(builder)) {
    }
    YamlNode root = builder.root();
    if (caching == Caching::kOn) {
      cache::Writer entry(kCacheKind, key, kCacheKeep);
      store(*root.document(), entry);
      entry.commit();
    }
    return root;
  } catch (const YAML::ParserException& e) {
    const FilePosition where = position(e.mark);
    throw UserError(path_, fmt::format("YAML syntax: {}", e.msg), where);
  } catch (const YAML::Exception& e) {
    throw UserError(path_, fmt::format("YAML: {}", e.msg), position(e.mark));
  }
}

FilePosition YamlReader::position(const YAML::Mark& mark) const {
  if (mark.is_null() || mark.pos < 0 || !text_) return FilePosition{};
  // yaml-cpp counts positions after a BOM, in bytes.
  const LineColumn lc = text_->position(static_cast<std::size_t>(mark.pos) + text_->content_start());
  return FilePosition{lc.line, lc.column, std::nullopt};
}

RuleLocation YamlReader::location(const YamlNode& node) const {
  // A missing node (map["absent"]) has a null mark: line and column 0.
  const FilePosition where = position(node.Mark());
  return RuleLocation{path_, where.line, where.column};
}

void YamlReader::fail(const YamlNode& node, const std::string& message) const {
  const RuleLocation where = location(node);
  throw UserError(path_, message, FilePosition{where.line, where.column, std::nullopt});
}

void YamlReader::fail_at(const YAML::Mark& mark, const std::string& message) const {
  throw UserError(path_, message, position(mark));
}

void YamlReader::expect_map(const YamlNode& node, std::string_view what) const {
  if (!node.IsDefined()) fail(node, fmt::format("missing {}", what));
  if (!node.IsMap()) fail(node, fmt::format("{} must be a mapping", what));
}

void YamlReader::expect_sequence(const YamlNode& node, std::string_view what) const {
  if (!node.IsDefined()) fail(node, fmt::format("missing {}", what));
  if (!node.IsSequence()) fail(node, fmt::format("{} must be a list", what));
}

YamlNode YamlReader::require(const YamlNode& map, const char* key) const {
  const YamlNode value = map[key];
  if (!value.IsDefined()) fail(map, fmt::format("missing key '{}'", key));
  return value;
}

void YamlReader::only_keys(const YamlNode& map,
                           std::initializer_list<std::string_view> allowed) const {
  if (!map.IsMap()) return;
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

std::string YamlReader::string(const YamlNode& node, std::string_view what) const {
  if (!node.IsDefined()) fail(node, fmt::format("missing {}", what));
  if (!node.IsScalar()) fail(node, fmt::format("{} must be a string", what));
  return node.Scalar();
}

int YamlReader::integer(const YamlNode& node, std::string_view what, int min, int max) const {
  if (!node.IsDefined()) fail(node, fmt::format("missing {}", what));
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

bool YamlReader::boolean(const YamlNode& node, std::string_view what) const {
  if (!node.IsDefined()) fail(node, fmt::format("missing {}", what));
  if (node.IsScalar()) {
    const std::string& s = node.Scalar();
    if (s == "true" || s == "yes" || s == "on") return true;
    if (s == "false" || s == "no" || s == "off") return false;
  }
  fail(node, fmt::format("{} must be true or false", what));
}

std::vector<std::string> YamlReader::strings(const YamlNode& node, std::string_view what) const {
  if (!node.IsDefined()) fail(node, fmt::format("missing {}", what));
  std::vector<std::string> out;
  if (node.IsScalar()) {
    out.push_back(node.Scalar());
    return out;
  }
  if (!node.IsSequence()) fail(node, fmt::format("{} must be a string or a list of strings", what));
  for (const YamlNode& item : node) {
    if (!item.IsScalar()) fail(item, fmt::format("each item of {} must be a string", what));
    out.push_back(item.Scalar());
  }
  return out;
}

}  // namespace concord

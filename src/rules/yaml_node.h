// A parsed YAML document, read-only, for the rule and config loaders.
//
// YamlReader builds it from yaml-cpp's parser events in the same pass that
// validates the document's shape, so a rule file is scanned once (building
// yaml-cpp's own nodes took a second full parse, and a shared_ptr per node).
// The interface is the part of YAML::Node's the loaders use, with the same
// names and meanings: a missing key gives an undefined node, iterating a
// node that is not a collection gives nothing, Scalar() of a non-scalar is
// empty. Iterating a map gives entries with `first` (key) and `second`
// (value); iterating a sequence gives its items. An alias is the node it
// names (the same node, shared).
//
// Thread safety: immutable once built; copies share the document.
// Copyable and movable (cheap: a shared pointer and an index).
#pragma once

#include <yaml-cpp/mark.h>

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace concord {

class YamlNode {
 public:
  enum class Kind : std::uint8_t { kUndefined, kNull, kScalar, kSequence, kMap };
  // Every node of one document; a node is an index into it.
  struct Document {
    struct Item {
      Kind kind = Kind::kNull;
      YAML::Mark mark;
      std::string scalar;
      std::vector<std::uint32_t> children;  // a map's: key, value, key, value…
    };
    std::vector<Item> items;
  };
  struct Entry;
  class Iterator;

  YamlNode() = default;  // undefined
  YamlNode(std::shared_ptr<const Document> document, std::uint32_t index)
      : document_(std::move(document)), index_(index) {}

  Kind kind() const { return document_ ? node().kind : Kind::kUndefined; }
  bool IsDefined() const { return kind() != Kind::kUndefined; }
  bool IsNull() const { return kind() == Kind::kNull; }
  bool IsScalar() const { return kind() == Kind::kScalar; }
  bool IsSequence() const { return kind() == Kind::kSequence; }
  bool IsMap() const { return kind() == Kind::kMap; }
  explicit operator bool() const { return IsDefined(); }
  bool operator!() const { return !IsDefined(); }

  // The scalar's text; empty for any other node.
  const std::string& Scalar() const;
  // Where the node starts (yaml-cpp's mark); a null mark when undefined.
  YAML::Mark Mark() const { return document_ ? node().mark : YAML::Mark::null_mark(); }
  // Items of a sequence, pairs of a map; 0 otherwise.
  std::size_t size() const;
  // The value of a map's scalar key; undefined when absent or not a map.
  YamlNode operator[](std::string_view key) const;
  // A sequence's i-th item; undefined when out of range or not a sequence.
  YamlNode item(std::size_t i) const { return IsSequence() && i < size() ? child(i) : YamlNode(); }

  Iterator begin() const;
  Iterator end() const;

  // The whole document the node belongs to; null when undefined.
  const std::shared_ptr<const Document>& document() const { return document_; }

 private:
  const Document::Item& node() const { return document_->items[index_]; }
  YamlNode child(std::size_t i) const { return YamlNode(document_, node().children[i]); }

  std::shared_ptr<const Document> document_;
  std::uint32_t index_ = 0;
};

// What iterating yields: for a sequence the item itself (first and second
// undefined); for a map an undefined node with the key and the value.
struct YamlNode::Entry : YamlNode {
  YamlNode first;
  YamlNode second;
};

class YamlNode::Iterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = Entry;
  using difference_type = std::ptrdiff_t;
  using pointer = const Entry*;
  using reference = const Entry&;

  Iterator(const YamlNode& parent, std::size_t at) : parent_(parent), at_(at) {}
  const Entry& operator*() const;
  const Entry* operator->() const { return &**this; }
  Iterator& operator++() {
    at_ += parent_.IsMap() ? 2 : 1;
    return *this;
  }
  bool operator==(const Iterator& other) const {
    return parent_.document_ == other.parent_.document_ && parent_.index_ == other.parent_.index_ &&
           at_ == other.at_;
  }
  bool operator!=(const Iterator& other) const { return !(*this == other); }

 private:
  YamlNode parent_;
  std::size_t at_;
  mutable Entry entry_;
};

}  // namespace concord

#include "rules/yaml_node.h"

namespace concord {

const std::string& YamlNode::Scalar() const {
  static const std::string kEmpty;
  return IsScalar() ? node().scalar : kEmpty;
}

std::size_t YamlNode::size() const {
  switch (kind()) {
    case Kind::kSequence:
      return node().children.size();
    case Kind::kMap:
      return node().children.size() / 2;
    default:
      return 0;
  }
}

YamlNode YamlNode::operator[](std::string_view key) const {
  if (!IsMap()) return YamlNode();
  const auto& children = node().children;
  for (std::size_t i = 0; i + 1 < children.size(); i += 2) {
    const Document::Item& k = document_->items[children[i]];
    if (k.kind == Kind::kScalar && k.scalar == key) return child(i + 1);
  }
  return YamlNode();
}

YamlNode::Iterator YamlNode::begin() const { return Iterator(*this, 0); }

YamlNode::Iterator YamlNode::end() const {
  const bool collection = IsSequence() || IsMap();
  return Iterator(*this, collection ? node().children.size() : 0);
}

const YamlNode::Entry& YamlNode::Iterator::operator*() const {
  if (parent_.IsMap()) {
    static_cast<YamlNode&>(entry_) = YamlNode();
    entry_.first = parent_.child(at_);
    entry_.second = parent_.child(at_ + 1);
  } else {
    static_cast<YamlNode&>(entry_) = parent_.child(at_);
    entry_.first = entry_.second = YamlNode();
  }
  return entry_;
}

}  // namespace concord

// The YAML document the loaders read: built from yaml-cpp's events in one
// pass, with YAML::Node's meanings for the parts the loaders use.
#include <catch2/catch.hpp>
#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "error.h"
#include "rules/yaml_node.h"
#include "rules/yaml_reader.h"

using concord::YamlNode;
using concord::YamlReader;

namespace {

// What iterating a node gives, written out: "k=v" for a map, the scalar
// (or its kind) for a sequence.
std::string walk(const YamlNode& node) {
  if (node.IsScalar()) return node.Scalar();
  if (node.IsNull()) return "~";
  if (!node.IsDefined()) return "?";
  std::string out = node.IsMap() ? "{" : "[";
  for (auto it = node.begin(); it != node.end(); ++it) {
    if (out.size() > 1) out += ",";
    out += node.IsMap() ? walk(it->first) + "=" + walk(it->second) : walk(*it);
  }
  return out + (node.IsMap() ? "}" : "]");
}

// The same walk over yaml-cpp's own nodes.
std::string walk(const YAML::Node& node) {
  if (node.IsScalar()) return node.Scalar();
  if (node.IsNull()) return "~";
  std::string out = node.IsMap() ? "{" : "[";
  for (auto it = node.begin(); it != node.end(); ++it) {
    if (out.size() > 1) out += ",";
    out += node.IsMap() ? walk(it->first) + "=" + walk(it->second) : walk(YAML::Node(*it));
  }
  return out + (node.IsMap() ? "}" : "]");
}

}  // namespace

TEST_CASE("yaml node: the same tree as yaml-cpp builds", "[rules][yaml]") {
  const YamlReader reader("same.yaml");
  const std::vector<std::string> documents = {
      "",
      "just a scalar",
      "a: 1\nb: [x, y, {c: d}]\nc: ~\nd:\ne: 'null'\n",
      "- one\n- - two\n  - three\n- {k: v, w: [1, 2]}\n- null\n",
      "base: &b {x: 1, y: [p, q]}\nfirst: *b\nsecond: [*b, *b]\n",
      "? [complex, key]\n: value\nplain: \"quoted \\\" string\"\n",
      "fa: [«آلماتى», 'ي', \"\\u0643\"]\nblock: |\n  line one\n  line two\nfolded: >\n  a\n  b\n",
  };
  for (const std::string& text : documents) {
    CAPTURE(text);
    CHECK(walk(reader.load_string(text)) == walk(YAML::Load(text)));
  }
}

TEST_CASE("yaml node: look-ups, sizes and marks", "[rules][yaml]") {
  const YamlReader reader("look.yaml");
  const YamlNode root = reader.load_string("a: [x, y, z]\nb:\n  c: d\nlist: &l [1]\nagain: *l\n");
  REQUIRE(root.IsMap());
  CHECK(root.size() == 4);
  CHECK(root["a"].size() == 3);
  CHECK(root["a"].item(2).Scalar() == "z");
  CHECK_FALSE(root["a"].item(3));
  CHECK_FALSE(root["missing"].IsDefined());
  CHECK_FALSE(root["missing"]["deeper"].IsDefined());
  CHECK(root["missing"].begin() == root["missing"].end());
  CHECK(root["b"]["c"].Scalar() == "d");
  CHECK(root["b"].Scalar().empty());
  CHECK(root["a"]["x"].IsDefined() == false);  // a sequence has no keys
  // An alias is the node it names.
  CHECK(root["again"].IsSequence());
  CHECK(root["again"].item(0).Scalar() == "1");
  // Marks are yaml-cpp's: 0-based line and byte column.
  CHECK(root["b"]["c"].Mark().line == 2);
  CHECK(root["b"]["c"].Mark().column == 5);
  CHECK(reader.location(root["b"]["c"]).line == 3);
  CHECK(root["missing"].Mark().is_null());
  // Iterating a sequence as nodes; a map's entries have no node of their own.
  int items = 0;
  for (const YamlNode& item : root["a"]) items += item.IsScalar() ? 1 : 0;
  CHECK(items == 3);
  for (const auto& entry : root["b"]) {
    CHECK_FALSE(static_cast<const YamlNode&>(entry).IsDefined());
    CHECK(entry.first.Scalar() == "c");
  }
}

TEST_CASE("yaml node: an empty file is a null document", "[rules][yaml]") {
  const YamlReader reader("empty.yaml");
  for (const std::string text : {"", "# only a comment\n", "\n\n"}) {
    const YamlNode root = reader.load_string(text);
    CHECK(root.IsDefined());
    CHECK(root.IsNull());
    CHECK(root.size() == 0);
  }
}

TEST_CASE("yaml node: the shape checks still run while the tree is built", "[rules][yaml]") {
  const YamlReader reader("shape.yaml");
  CHECK_THROWS_WITH(reader.load_string("a: 1\nb: 2\na: 3\n"),
                    Catch::Contains("shape.yaml:3:1") && Catch::Contains("duplicate key 'a'"));
  CHECK_THROWS_WITH(reader.load_string("a: &x [1, *x]\n"), Catch::Contains("refers to a node that contains it"));
  CHECK_THROWS_WITH(reader.load_string("a: 1\n---\nb: 2\n"), Catch::Contains("second YAML document"));
}

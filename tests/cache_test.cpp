// The cache of derived data (src/cache.h) and the rule documents read back
// from it.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <string>
#include <tuple>

#include "cache.h"
#include "error.h"
#include "rules/rules.h"
#include "rules/yaml_reader.h"
#include "text/speller.h"
#include "temp_folder.h"

namespace {

// Sets an environment variable for one test and restores it after.
class ScopedEnv {
 public:
  ScopedEnv(std::string name, const std::string& value) : name_(std::move(name)) {
    if (const char* old = std::getenv(name_.c_str())) old_ = old;
    setenv(name_.c_str(), value.c_str(), 1);
  }
  ~ScopedEnv() {
    if (old_) {
      setenv(name_.c_str(), old_->c_str(), 1);
    } else {
      unsetenv(name_.c_str());
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  std::string name_;
  std::optional<std::string> old_;
};

// CONCORD_CACHE_DIR for one test.
class CacheDir : public ScopedEnv {
 public:
  explicit CacheDir(const std::string& value) : ScopedEnv("CONCORD_CACHE_DIR", value) {}
};

std::size_t entries(const std::filesystem::path& dir) {
  if (!std::filesystem::exists(dir)) return 0;
  std::size_t n = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) n += e.path().filename().string()[0] != '.';
  return n;
}

std::string read_back(std::string_view kind, std::string_view key) {
  auto reader = concord::cache::Reader::open(kind, key);
  if (!reader) return "<miss>";
  std::string value(reader->remaining(), '\0');
  if (!reader->read(value.data(), value.size())) return "<short>";
  return value;
}

// Stores "x" for `key` and reads it back.
std::string store_and_read(std::string_view kind, const std::string& key, std::size_t keep) {
  concord::cache::Writer writer(kind, key, keep);
  writer.write("x", 1);
  writer.commit();
  return read_back(kind, key);
}

// The tree written out with every node's kind, mark and scalar.
std::string dump(const concord::YamlNode& node) {
  std::string out = std::to_string(static_cast<int>(node.kind())) + "@" + std::to_string(node.Mark().pos) + ":" +
                    std::to_string(node.Mark().line) + ":" + std::to_string(node.Mark().column) + "'" +
                    node.Scalar() + "'";
  if (!node.IsMap() && !node.IsSequence()) return out;
  out += "(";
  for (auto it = node.begin(); it != node.end(); ++it) {
    out += node.IsMap() ? dump(it->first) + "=" + dump(it->second) + " " : dump(*it) + " ";
  }
  return out + ")";
}

}  // namespace

TEST_CASE("cache: an entry is read back only for its own key", "[cache]") {
  const concord::test::TempFolder temp("concord_cache_", "keys");
  const CacheDir dir(temp.path().string());
  concord::cache::Writer writer("kind", "key one", 8);
  writer.write("value ", 6);
  writer.write_value(std::uint32_t{42});
  CHECK(read_back("kind", "key one") == "<miss>");  // not committed yet
  writer.commit();
  std::string expected = "value ";
  expected.append("\x2a\0\0\0", 4);
  CHECK(read_back("kind", "key one") == expected);
  CHECK(read_back("kind", "key two") == "<miss>");
  CHECK(read_back("other", "key one") == "<miss>");
  CHECK(entries(temp.path() / "kind") == 1);

  SECTION("a truncated entry is a miss") {
    for (const auto& e : std::filesystem::directory_iterator(temp.path() / "kind")) {
      std::filesystem::resize_file(e.path(), std::filesystem::file_size(e.path()) - 1);
    }
    CHECK(read_back("kind", "key one") == "<miss>");
  }
  SECTION("reading past the value fails") {
    auto reader = concord::cache::Reader::open("kind", "key one");
    REQUIRE(reader);
    std::string all(reader->remaining() + 1, '\0');
    CHECK_FALSE(reader->read(all.data(), all.size()));
    CHECK(reader->remaining() == all.size() - 1);  // nothing read
  }
}

TEST_CASE("cache: a key in parts is read back with the same parts, compared whole", "[cache]") {
  const concord::test::TempFolder temp("concord_cache_", "parts");
  const CacheDir dir(temp.path().string());
  const std::string big(3u << 20, 'k');  // a value and a key past the huge-page size
  const concord::cache::Key key{"version\n", big, "tail"};
  {
    concord::cache::Writer writer("kind", key, 8);
    writer.write(big.data(), big.size());
    writer.commit();
  }
  auto reader = concord::cache::Reader::open("kind", key);
  REQUIRE(reader);
  std::string value(reader->remaining(), '\0');
  REQUIRE(reader->read(value.data(), value.size()));
  CHECK(value == big);
  // One part different, or the same parts with one changed in place of
  // another, is a miss.
  CHECK_FALSE(concord::cache::Reader::open("kind", concord::cache::Key{"version\n", big, "tai!"}));
  CHECK_FALSE(concord::cache::Reader::open("kind", concord::cache::Key{"version\n", big}));
  CHECK_FALSE(concord::cache::Reader::open("kind", concord::cache::Key{"version\n", "tail", big}));
  // A one-part key is named as the plain string key always was.
  CHECK(store_and_read("kind", "one part", 8) == "x");
  CHECK(read_back("kind", "one part") == "x");
  CHECK(concord::cache::Reader::open("kind", concord::cache::Key{"one part"}));
}

TEST_CASE("cache: a kind keeps its most recently used entries", "[cache]") {
  const concord::test::TempFolder temp("concord_cache_", "keep");
  const CacheDir dir(temp.path().string());
  for (int i = 0; i < 5; ++i) {
    CHECK(store_and_read("kind", "key " + std::to_string(i), 3) == "x");
    // Distinct times, oldest first.
    for (const auto& e : std::filesystem::directory_iterator(temp.path() / "kind")) {
      std::filesystem::last_write_time(e.path(), std::filesystem::last_write_time(e.path()) - std::chrono::seconds(10));
    }
  }
  CHECK(entries(temp.path() / "kind") == 3);
  CHECK(read_back("kind", "key 0") == "<miss>");
  CHECK(read_back("kind", "key 1") == "<miss>");
  CHECK(read_back("kind", "key 4") == "x");
}

TEST_CASE("cache: off when CONCORD_CACHE_DIR is empty or off", "[cache]") {
  for (const std::string value : {"", "off"}) {
    const CacheDir dir(value);
    CHECK(concord::cache::folder().empty());
    CHECK(store_and_read("kind", "key", 8) == "<miss>");
  }
}

TEST_CASE("cache: an unwritable folder is a cache that misses", "[cache]") {
  const concord::test::TempFolder temp("concord_cache_", "unwritable");
  concord::test::write(temp.path() / "file", "not a folder");
  const CacheDir dir((temp.path() / "file").string());
  CHECK(store_and_read("kind", "key", 8) == "<miss>");
}

TEST_CASE("cache: a rule file read back gives the tree it was parsed into", "[cache][rules][yaml]") {
  const concord::test::TempFolder temp("concord_cache_", "yaml");
  const CacheDir dir((temp.path() / "cache").string());
  const std::string text =
      "\xEF\xBB\xBFname: «آلماتى»\nlist:\n  - &a {k: v, n: 3}\n  - *a\n  - ~\nempty:\nquoted: 'x''y'\n";
  concord::test::write(temp.path() / "rules.yaml", text);
  const concord::YamlReader reader((temp.path() / "rules.yaml").string());
  const std::string parsed = dump(reader.load_file(1 << 20));
  CHECK(entries(temp.path() / "cache" / "yaml") == 1);
  const concord::YamlNode cached = reader.load_file(1 << 20);
  CHECK(dump(cached) == parsed);
  CHECK(dump(reader.load_string(text)) == parsed);
  // Positions in code points, from the cached tree's marks.
  CHECK(reader.location(cached["name"]).column == 7);
  CHECK(reader.location(cached["list"].item(2)).line == 5);

  SECTION("a damaged entry is parsed again") {
    for (const auto& e : std::filesystem::directory_iterator(temp.path() / "cache" / "yaml")) {
      std::fstream f(e.path(), std::ios::in | std::ios::out | std::ios::binary);
      f.seekp(-12, std::ios::end);
      f.write("\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF", 12);
    }
    CHECK(dump(reader.load_file(1 << 20)) == parsed);
  }
  SECTION("an edited file is parsed again") {
    concord::test::write(temp.path() / "rules.yaml", text + "more: 1\n");
    CHECK(dump(reader.load_file(1 << 20)) != parsed);
    CHECK(entries(temp.path() / "cache" / "yaml") == 2);
  }
  SECTION("a file that does not parse is never stored") {
    concord::test::write(temp.path() / "bad.yaml", "a: 1\na: 2\n");
    const concord::YamlReader bad((temp.path() / "bad.yaml").string());
    CHECK_THROWS(bad.load_file(1 << 20));
    CHECK_THROWS(bad.load_file(1 << 20));
    CHECK(entries(temp.path() / "cache" / "yaml") == 1);
  }
}

TEST_CASE("cache: a word list read back answers as the one built", "[cache][speller]") {
  // A plain list of its own (no affixes: the fast path), found through
  // DICPATH, which nuspell searches first.
  const concord::test::TempFolder dir("concord_cache_", "wordlist");
  const auto dics = dir.path() / "dics";
  concord::test::write(dics / "xx_CACHE.aff", "SET UTF-8\nTRY abc\n");
  concord::test::write(dics / "xx_CACHE.dic", "3\nsalam\n\u0645\u06CC\u200C\u0631\u0648\u062F\nabc\n");
  const ScopedEnv dicpath("DICPATH", dics.string());
  const CacheDir cache((dir.path() / "cache").string());
  const auto answers = [] {
    const concord::Speller speller("xx_CACHE");
    std::string out;
    for (const char* word : {"salam", "abc", "abd", "\u0645\u06CC\u0631\u0648\u062F", "\u0645\u06CC\u200C\u0631\u0648\u062F",
                             "\u0645\u06CC\u0631\u0648"}) {
      out += speller.available() ? "a" : "-";
      out += speller.known(word) ? "k" : "-";
      out += speller.spelled(word) ? "s" : "-";
    }
    return out;
  };
  const std::string built = answers();
  CHECK(built == "aksaksa--ak-aksa--");
  const auto folder = dir.path() / "cache" / "wordlist";
  REQUIRE(entries(folder) == 1);
  const auto entry = std::filesystem::directory_iterator(folder)->path();
  const auto written = std::filesystem::last_write_time(entry);

  SECTION("read back: the same entry, refreshed, not written again") {
    std::filesystem::last_write_time(entry, written - std::chrono::hours(2));
    struct stat before {}, after {};
    REQUIRE(stat(entry.c_str(), &before) == 0);
    CHECK(answers() == built);
    REQUIRE(stat(entry.c_str(), &after) == 0);
    // A hit touches the entry; a miss (or an entry restore() refused) would
    // have put a new file in its place.
    CHECK(std::filesystem::last_write_time(entry) > written - std::chrono::hours(1));
    CHECK(before.st_ino == after.st_ino);
  }
  SECTION("a damaged entry is built again") {
    {
      std::fstream f(entry, std::ios::in | std::ios::out | std::ios::binary);
      f.seekp(-3, std::ios::end);
      f.put('\x7F');
    }
    CHECK(answers() == built);
  }
  SECTION("a changed list is a new entry") {
    concord::test::write(dics / "xx_CACHE.dic", "4\nsalam\n\u0645\u06CC\u200C\u0631\u0648\u062F\nabc\nabd\n");
    CHECK(answers() == "aksaksaksak-aksa--");
    CHECK(entries(folder) == 2);
  }
}

TEST_CASE("cache: patterns compiled once are compiled on first use in later runs", "[cache][rules][regex]") {
  const concord::test::TempFolder temp("concord_cache_", "regex");
  const CacheDir dir((temp.path() / "cache").string());
  const std::string rules = std::string(CONCORD_SOURCE_DIR) + "/rules";
  // The texts of the patterns compiled at load, and of those deferred.
  const auto compiled_at_load = [](const concord::RuleSet& set) {
    std::set<std::string> compiled, deferred;
    std::size_t all = 0;
    for (const char* lang : {"fa", "es", "en"}) {
      const concord::LanguagePack* pack = &set.languages.at(lang);
      const auto note = [&](const concord::LazyRegex& re) {
        (re.compiled() ? compiled : deferred).insert(re.pattern());
        ++all;
      };
      for (const auto& d : pack->dates) note(d.regex);
      for (const auto& t : pack->triggers) note(t.regex);
    }
    return std::make_tuple(compiled, deferred, all);
  };
  // First run: no verdicts, every pattern compiled (and checked) at load;
  // one written twice (in two packs) is compiled the first time only.
  const concord::RuleSet first = concord::load_rules({rules});
  const auto [compiled1, deferred1, all1] = compiled_at_load(first);
  CHECK(all1 > 100);
  for (const std::string& p : deferred1) CHECK(compiled1.count(p) == 1);
  CHECK(entries(temp.path() / "cache" / "regex") == 1);
  // Second run: none compiled at load; each compiles on first use, to the
  // same pattern with the same groups.
  const concord::RuleSet second = concord::load_rules({rules});
  const auto [compiled2, deferred2, all2] = compiled_at_load(second);
  CHECK(all2 == all1);
  CHECK(compiled2.empty());
  CHECK(deferred2.size() == compiled1.size());
  const concord::LanguagePack* fa1 = &first.languages.at("fa");
  const concord::LanguagePack* fa2 = &second.languages.at("fa");
  for (std::size_t i = 0; i < fa2->dates.size(); ++i) {
    const auto& a = fa1->dates[i];
    const auto& b = fa2->dates[i];
    REQUIRE(b.regex->ok());
    CHECK(b.regex->pattern() == a.regex->pattern());
    CHECK(b.regex->NamedCapturingGroups() == a.regex->NamedCapturingGroups());
    CHECK((b.day == a.day && b.month == a.month && b.year == a.year && b.day2 == a.day2 && b.year2 == a.year2));
  }
  // A pattern without a verdict is still compiled, and reported, at load.
  concord::test::write(temp.path() / "extra" / "fa" / "dates.yaml", "dates:\n  - \"{day} (unclosed {month}\"\n");
  try {
    (void)concord::load_rules({rules, (temp.path() / "extra").string()});
    FAIL("an invalid pattern loaded");
  } catch (const concord::UserError& e) {
    CHECK(std::string(e.what()).find("invalid pattern") != std::string::npos);
  }
}

TEST_CASE("cache: with caching off every pattern is compiled at load", "[cache][rules][regex]") {
  const CacheDir dir("off");
  const concord::RuleSet set = concord::load_rules({std::string(CONCORD_SOURCE_DIR) + "/rules"});
  const concord::LanguagePack* es = &set.languages.at("es");
  REQUIRE(es != nullptr);
  for (const auto& t : es->dates) CHECK(t.regex.compiled());
}

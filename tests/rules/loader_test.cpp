// Rule loading: every mistake in a rule file is a UserError naming the file
// and the position; the shipped packs' own examples hold.
#include <catch2/catch.hpp>

#include <re2/re2.h>

#include <algorithm>
#include <filesystem>
#include <ostream>
#include <string>
#include <thread>
#include <vector>

#include "engine.h"
#include "extract/matcher.h"
#include "rules/rules.h"
#include "rules/yaml_reader.h"
#include "temp_folder.h"

namespace fs = std::filesystem;
using concord::UserError;
using concord::test::TempFolder;
using concord::test::write;

namespace {

const std::string kRealRules = std::string(CONCORD_SOURCE_DIR) + "/rules";

const concord::Engine& engine() {
  static const concord::Engine e(concord::load_rules({kRealRules}));
  return e;
}

// A bad rule file in an extra rule folder loaded after the real rules.
struct BadRule {
  std::string name;
  std::string file;     // relative to the extra folder
  std::string content;
  std::string fragment;  // must occur in the message
  std::size_t line;      // 0: do not check
  std::size_t column;    // 0: do not check
};

std::ostream& operator<<(std::ostream& os, const BadRule& b) { return os << b.name; }

// Loads the real rules plus `extra` and builds an Engine (which validates
// checks.yaml); returns the UserError, or fails.
UserError load_error(const fs::path& extra) {
  try {
    concord::Engine e(concord::load_rules({kRealRules, extra.string()}));
  } catch (const UserError& err) {
    return err;
  }
  FAIL("the rules loaded without an error");
  throw std::logic_error("unreachable");
}

std::string nested(const std::string& open, std::size_t depth) {
  std::string s;
  s.reserve(open.size() * depth);
  for (std::size_t i = 0; i < depth; ++i) s += open;
  return s;
}

// clang-format off
const std::vector<BadRule> kBadRules = {
  {"YAML syntax error", "fa/zz_extra.yaml", "name: Persian\n  locale: fa\n", "YAML syntax", 2, 9},
  {"YAML unclosed flow sequence", "fa/zz_extra.yaml", "dates: [\"{day} {month}\"\n", "YAML syntax", 2, 1},
  {"unknown top-level key in a language file", "fa/zz_extra.yaml", "name: Persian\nbogus: 1\n", "unknown key 'bogus'", 2, 1},
  {"a list where a string is expected", "fa/zz_extra.yaml", "name: [Persian, Farsi]\n", "must be a string", 1, 7},
  {"a mapping where a list is expected", "fa/zz_extra.yaml", "dates: {a: b}\n", "must be a list", 1, 8},
  {"unknown placeholder in a date pattern", "fa/zz_extra.yaml", "dates:\n  - pattern: \"{dia} {month}\"\n", "unknown placeholder '{dia}'", 2, 14},
  {"placeholder used twice", "fa/zz_extra.yaml", "dates:\n  - pattern: \"{day} {day}\"\n", "used twice", 2, 14},
  {"date pattern without placeholders", "fa/zz_extra.yaml", "dates:\n  - \"no placeholder\"\n", "at least one placeholder", 2, 5},
  {"plain group in a date pattern", "fa/zz_extra.yaml", "dates:\n  - pattern: \"({day}) {month}\"\n", "(?:...)", 2, 14},
  {"misspelt key of a date template", "fa/zz_extra.yaml", "dates:\n  - patern: \"{day} {month}\"\n", "unknown key 'patern'", 2, 5},
  {"invalid RE2 in a trigger", "fa/zz_extra.yaml", "triggers:\n  visit:\n    - \"(?:سفر\"\n", "invalid pattern", 3, 7},
  {"invalid RE2 in a trigger with examples", "fa/zz_extra.yaml", "triggers:\n  visit:\n    - pattern: \"a[\"\n      examples: [a]\n", "invalid pattern", 3, 16},
  {"invalid RE2 in a date pattern", "es/zz_extra.yaml", "dates:\n  - \"{day} de (?:{month}\"\n", "invalid pattern", 2, 5},
  {"trigger for an unknown event type", "fa/zz_extra.yaml", "triggers:\n  no_such_event:\n    - \"abc\"\n", "unknown event type 'no_such_event'", 2, 3},
  {"duplicate entity id", "entities.yaml",
   "entities:\n  - id: x\n    type: city\n    names: {fa: [الف]}\n  - id: x\n    type: city\n    names: {fa: [باء]}\n",
   "duplicate entity id 'x'", 5, 9},
  {"entity without names", "entities.yaml", "entities:\n  - id: y\n    type: city\n", "needs id, type and names", 2, 5},
  {"duplicate event id", "events.yaml", "events:\n  - id: visit\n", "duplicate event id 'visit'", 2, 9},
  {"boolean expected", "events.yaml", "events:\n  - id: e1\n    once: maybe\n", "true or false", 3, 11},
  {"unknown check in checks.yaml", "checks.yaml", "checks:\n  spellnig:\n    severity: error\n", "unknown check 'spellnig'", 2, 3},
  {"unknown check option", "checks.yaml", "checks:\n  name:\n    max_distanse: 2\n", "no option 'max_distanse'", 3, 5},
  {"bad check severity", "checks.yaml", "checks:\n  name:\n    severity: fatal\n", "severity must be info, warning or error", 3, 15},
  {"bad check number", "checks.yaml", "checks:\n  name:\n    max_distance: lots\n", "must be a number", 3, 19},
  {"month number out of range", "fa/zz_extra.yaml", "months:\n  gregorian:\n    13: [x]\n", "between 1 and 12", 3, 5},
  {"unknown calendar", "fa/zz_extra.yaml", "months:\n  julian:\n    1: [x]\n", "unknown calendar 'julian'", 2, 3},
  {"an empty dictionary list", "fa/zz_extra.yaml", "dictionary: []\n", "give a dictionary name", 1, 13},
  {"bad spelling_unattested", "fa/zz_extra.yaml", "spelling_unattested: some\n", "must be none, doubled or all", 1, 22},
  {"unknown anaphora kind", "fa/zz_extra.yaml", "anaphora:\n  week: [x]\n", "unknown key 'week'", 2, 3},
  {"invalid UTF-8 in a rule file", "fa/zz_extra.yaml", "name: \"\xFF\"\n", "byte 7", 0, 0},
  // yaml-cpp reads each unclosed "[[" as a sequence inside a compact
  // mapping, so the 33rd bracket is already 65 collections deep.
  {"10,000 levels of nested [", "fa/zz_extra.yaml", "dates: " + nested("[", 10000) + "\n", "nested deeper than 64", 1, 40},
  {"10,000 levels of nested {", "fa/zz_extra.yaml", "x: " + nested("{a: ", 10000) + "\n", "nested deeper than 64", 1, 260},
  {"10,000 levels of nested block sequences", "fa/zz_extra.yaml", "dates:\n" + nested("- ", 10000) + "x\n", "nested deeper than 64", 2, 129},
  {"1,000 levels of nested block mappings", "fa/zz_extra.yaml", [] {
     std::string s;
     for (int i = 0; i < 1000; ++i) s += std::string(static_cast<std::size_t>(i), ' ') + "k:\n";
     return s;
   }(), "nested deeper than 64", 66, 66},
  {"a duplicate key", "fa/zz_extra.yaml", "name: Persian\nname: Farsi\n", "duplicate key 'name' (first at line 1)", 2, 1},
  {"a second YAML document", "fa/zz_extra.yaml", "name: Persian\n---\nname: Farsi\n", "second YAML document", 2, 1},
  {"an alias to its own node", "fa/zz_extra.yaml", "detect: &a [x, *a]\n", "refers to a node that contains it", 1, 16},
  {"aliases that expand the file a billion times", "fa/zz_extra.yaml", [] {
     std::string s = "lists:\n  l0: &l0 [a, a, a, a, a, a, a, a, a, a]\n";
     for (int i = 1; i < 10; ++i) {
       s += "  l" + std::to_string(i) + ": &l" + std::to_string(i) + " [";
       for (int k = 0; k < 10; ++k) s += (k ? ", *l" : "*l") + std::to_string(i - 1);
       s += "]\n";
     }
     return s;
   }(), "aliases expand this file", 5, 0},
  {"a NUL byte in a rule file", "fa/zz_extra.yaml", std::string("name: a\0b\n", 10), "NUL byte at byte 7", 1, 8},
  {"columns count code points", "fa/zz_extra.yaml", "detect: [«فارسی», {a: b}]\n", "must be a string", 1, 19},
  {"a missing top-level key", "events.yaml", "{}\n", "missing key 'events'", 1, 1},
  {"a missing checks key", "checks.yaml", "{}\n", "missing key 'checks'", 1, 1},
  {"a missing entities key", "entities.yaml", "{}\n", "missing key 'entities'", 1, 1},
  {"language pack without language.yaml", "xx/a.yaml", "dates: []\n", "language.yaml", 1, 8},
};
// clang-format on

}  // namespace

TEST_CASE("loader: bad rule files are UserErrors with path, line and column", "[rules][loader]") {
  const BadRule bad = GENERATE(from_range(kBadRules));
  CAPTURE(bad);
  const TempFolder temp("concord_loader_test_", "bad");
  const fs::path& dir = temp.path();
  write(dir / bad.file, bad.content);
  const UserError e = load_error(dir);
  const std::string what = e.what();
  CAPTURE(what);
  const std::string path = (dir / bad.file).string();
  CHECK(e.path() == path);
  CHECK(what.rfind(path, 0) == 0);  // the message starts with the file's path
  CHECK(what.find(bad.fragment) != std::string::npos);
  CHECK(what.find('\n') == std::string::npos);
  if (bad.line > 0) {
    CHECK(e.where().line == bad.line);
    CHECK(what.find(path + ":" + std::to_string(bad.line) + ":") == 0);
  }
  if (bad.column > 0) {
    CHECK(e.where().column == bad.column);
    CHECK(what.find(path + ":" + std::to_string(bad.line) + ":" + std::to_string(bad.column) + ": error: ") == 0);
  }
}

TEST_CASE("loader: an unknown check option points at the option's name", "[rules][loader]") {
  // "checks.yaml:3:19" points at the value «2»; the mistake is the key at 3:5.
  const TempFolder temp("concord_loader_test_", "option");
  const fs::path& dir = temp.path();
  write(dir / "checks.yaml", "checks:\n  name:\n    max_distanse: 2\n");
  const UserError e = load_error(dir);
  CHECK(e.where().line == 3);
  CHECK(e.where().column == 5);
}

TEST_CASE("loader: an unterminated quoted string is a YAML syntax error", "[rules][loader]") {
  // yaml-cpp accepts a double-quoted scalar that runs to the end of the file
  // (the pattern would silently contain a newline); YamlReader refuses it.
  const TempFolder temp("concord_loader_test_", "quote");
  const fs::path& dir = temp.path();
  write(dir / "fa/zz_extra.yaml", "dates:\n  - pattern: \"{day} {month}\n");
  const UserError e = load_error(dir);
  CHECK(std::string(e.what()).find("YAML") != std::string::npos);
  CHECK(e.where().line == 2);
}

TEST_CASE("loader: with several bad files, the error is the first in load order", "[rules][loader]") {
  // The shared files and the packs load in parallel; the error reported
  // must not depend on which thread fails first.
  const TempFolder temp("concord_loader_test_", "order");
  const fs::path& dir = temp.path();
  write(dir / "entities.yaml", "entities: [\n");
  write(dir / "en/zz_extra.yaml", "dates:\n  - pattern: \"(\"\n");
  write(dir / "fa/zz_extra.yaml", "dates:\n  - pattern: \"{day} {month}\n");
  for (int run = 0; run < 8; ++run) {
    CHECK(load_error(dir).path() == (dir / "entities.yaml").string());
  }
  fs::remove(dir / "entities.yaml");
  for (int run = 0; run < 8; ++run) {
    CHECK(load_error(dir).path() == (dir / "en/zz_extra.yaml").string());
  }
}

TEST_CASE("loader: a missing rule folder is an error", "[rules][loader]") {
  const std::string missing = (fs::temp_directory_path() / "concord_loader_test_no_such_folder").string();
  fs::remove_all(missing);
  try {
    concord::load_rules({kRealRules, missing});
    FAIL("loaded a missing folder");
  } catch (const UserError& e) {
    CHECK(e.path() == missing);
    CHECK(std::string(e.what()).find("not found") != std::string::npos);
  }
}

TEST_CASE("loader: YamlReader rejects deep nesting without recursing", "[rules][loader][yaml]") {
  const concord::YamlReader reader("deep.yaml");
  for (const std::string& open : {std::string("["), std::string("{")}) {
    CAPTURE(open);
    try {
      reader.load_string("k: " + nested(open, 10000));
      FAIL("no error");
    } catch (const UserError& e) {
      CHECK(std::string(e.what()).find("deep.yaml:1:") == 0);
      CHECK(std::string(e.what()).find("nested deeper than") != std::string::npos);
    }
  }
  // Brackets inside quotes and comments do not count.
  const concord::YamlNode ok = reader.load_string("a: \"" + nested("[", 100) + "\"  # " + nested("{", 100) + "\n");
  CHECK(ok["a"].Scalar() == nested("[", 100));
  // 64 levels are fine.
  const concord::YamlNode deep = reader.load_string("a: " + nested("[", 64) + nested("]", 64) + "\n");
  CHECK(deep["a"].IsSequence());
}

TEST_CASE("loader: a later folder extends the gazetteer", "[rules][loader]") {
  const TempFolder temp("concord_loader_test_", "extend");
  const fs::path& dir = temp.path();
  write(dir / "entities.yaml", "entities:\n  - id: almaty\n    type: city\n    names: {fa: [الماتی]}\n");
  const concord::RuleSet rules = concord::load_rules({kRealRules, dir.string()});
  const concord::Entity* almaty = rules.entity("almaty");
  REQUIRE(almaty != nullptr);
  const auto& fa = almaty->names.at("fa");
  CHECK(std::find(fa.begin(), fa.end(), "الماتی") != fa.end());
  CHECK(std::find(fa.begin(), fa.end(), "آلماتی") != fa.end());
  CHECK(rules.folders.size() == 2);
}

TEST_CASE("loader: the real rules load with both packs", "[rules][loader]") {
  const concord::RuleSet& rules = engine().rules();
  REQUIRE(rules.language("fa") != nullptr);
  REQUIRE(rules.language("es") != nullptr);
  CHECK(rules.language("fa")->locale == "fa");
  CHECK(rules.language("fa")->script == "Arab");
  CHECK(rules.language("es")->script == "Latn");
  CHECK_FALSE(rules.language("fa")->dates.empty());
  CHECK_FALSE(rules.language("es")->dates.empty());
  CHECK(rules.entity("kz") != nullptr);
  CHECK(rules.event("relations_established") != nullptr);
  CHECK(rules.event("relations_established")->once);
  // Month names from CLDR, normalized: Arabic-yeh «دسامبر» and Persian-calendar «خرداد».
  const auto& months = rules.language("fa")->months;
  REQUIRE(months.count("دسامبر") == 1);
  CHECK(months.at("دسامبر").number == 12);
  REQUIRE(months.count("خرداد") == 1);
  CHECK(months.at("خرداد").calendar == concord::Calendar::kPersian);
  CHECK(months.at("خرداد").number == 3);
  REQUIRE(rules.language("es")->months.count("diciembre") == 1);
  CHECK(rules.language("es")->months.at("diciembre").number == 12);
}

TEST_CASE("loader: a pack's filters and gazetteer are built on its first use, once for all threads",
          "[rules][loader]") {
  const concord::RuleSet rules = concord::load_rules({kRealRules});
  for (const auto& [id, pack] : rules.languages) {
    CAPTURE(id);
    CHECK_FALSE(pack.compiled());
    CHECK_FALSE(pack.date_filter.built());
    CHECK(pack.entity_names.empty());
  }
  // Asked from several threads at once, the pack is built once: every
  // caller gets it whole.
  std::vector<std::thread> threads;
  std::vector<std::size_t> names(4);
  for (std::size_t i = 0; i < names.size(); ++i) {
    threads.emplace_back([&, i] { names[i] = rules.language("fa")->entity_names.size(); });
  }
  for (std::thread& t : threads) t.join();
  const concord::LanguagePack& fa = *rules.language("fa");
  CHECK(fa.compiled());
  CHECK(fa.date_filter.built());
  CHECK(fa.trigger_filter.built());
  CHECK_FALSE(fa.gazetteer.empty());
  for (std::size_t n : names) CHECK(n == fa.entity_names.size());
  // The same as the engine's pack, compiled the same way; the others untouched.
  CHECK(fa.entity_names.size() == engine().rules().language("fa")->entity_names.size());
  CHECK(fa.gazetteer.size() == engine().rules().language("fa")->gazetteer.size());
  CHECK_FALSE(rules.languages.at("en").compiled());
  CHECK(rules.languages.at("en").entity_names.empty());
  // A copy of a compiled pack is compiled; a copy of one not yet compiled is not.
  const concord::LanguagePack copy = fa;
  CHECK(copy.compiled());
  const concord::LanguagePack en = rules.languages.at("en");
  CHECK_FALSE(en.compiled());
}

// ------------------------------------------------ the packs' own examples

namespace {

struct TemplateRef {
  std::string lang;
  std::size_t index;
  std::string text;  // one example or counterexample
};

std::ostream& operator<<(std::ostream& os, const TemplateRef& t) {
  const concord::DateTemplate& tpl = engine().rules().language(t.lang)->dates[t.index];
  return os << t.lang << " template #" << t.index << " \"" << tpl.source << "\" (" << tpl.where.path << ":"
            << tpl.where.line << ") on «" << t.text << "»";
}

std::vector<TemplateRef> template_texts(bool counterexamples) {
  std::vector<TemplateRef> out;
  for (const auto& [lang, pack] : engine().rules().languages) {
    for (std::size_t i = 0; i < pack.dates.size(); ++i) {
      for (const std::string& text : counterexamples ? pack.dates[i].counterexamples : pack.dates[i].examples) {
        out.push_back({lang, i, text});
      }
    }
  }
  return out;
}

// A full date of the pack, to give an anaphora something to refer to.
std::string antecedent_for(const concord::LanguagePack& pack) {
  for (const concord::DateTemplate& t : pack.dates) {
    if (t.day && t.month && t.year && !t.day2 && !t.anaphora_day && !t.examples.empty()) return t.examples.front();
  }
  return {};
}

}  // namespace

TEST_CASE("rule packs: every date template example is found whole by extraction", "[rules][examples]") {
  const std::vector<TemplateRef> all = template_texts(false);
  REQUIRE(all.size() >= 20);
  const TemplateRef ref = GENERATE_COPY(from_range(all));
  CAPTURE(ref);
  const concord::LanguagePack& pack = *engine().rules().language(ref.lang);
  const concord::DateTemplate& tpl = pack.dates[ref.index];
  std::string prefix;
  if (tpl.anaphora_day || tpl.anaphora_month || tpl.anaphora_year || tpl.anaphora_occasion) {
    prefix = antecedent_for(pack);
    REQUIRE_FALSE(prefix.empty());
    prefix += ". ";
  }
  const std::string text = prefix + ref.text;
  const concord::Group group = engine().analyze("examples", {concord::SourceSpec{"example.txt", ref.lang, text}});
  const concord::AnalyzedSource& s = group.sources.at(0);
  // The template's pattern matches the example from its first to its last byte.
  const std::string normalized = engine().rules().normalizer.normalize_string(ref.text);
  CHECK(RE2::FullMatch(normalized, *tpl.regex));
  // Extraction picks this template for a mention inside the example.
  const std::size_t example_begin = text.size() - ref.text.size();
  bool found = false;
  std::string mentions;
  for (const concord::DateMention& m : s.extraction.dates) {
    const concord::Location loc = s.location(m.begin, m.end);
    mentions += "«" + loc.excerpt + "» #" + std::to_string(m.template_index) + " ";
    if (m.template_index == ref.index && loc.start >= example_begin && loc.end <= text.size()) found = true;
  }
  CAPTURE(mentions);
  CHECK(found);
}

TEST_CASE("rule packs: no date template finds its counterexamples", "[rules][examples]") {
  const std::vector<TemplateRef> all = template_texts(true);
  REQUIRE_FALSE(all.empty());
  const TemplateRef ref = GENERATE_COPY(from_range(all));
  CAPTURE(ref);
  const concord::Group group = engine().analyze("examples", {concord::SourceSpec{"not.txt", ref.lang, ref.text}});
  const concord::AnalyzedSource& s = group.sources.at(0);
  for (const concord::DateMention& m : s.extraction.dates) {
    CAPTURE(s.location(m.begin, m.end).excerpt);
    CHECK(m.template_index != ref.index);
  }
  // Nor does its pattern alone, at word boundaries.
  const concord::DateTemplate& tpl = engine().rules().language(ref.lang)->dates[ref.index];
  const std::string normalized = engine().rules().normalizer.normalize_string(ref.text);
  int matches = 0;
  concord::for_each_match(*tpl.regex, normalized, [&](const std::vector<std::string_view>&) { ++matches; });
  CHECK(matches == 0);
}

TEST_CASE("rule packs: every trigger example matches its trigger", "[rules][examples]") {
  struct TriggerRef {
    std::string lang;
    std::size_t index;
    std::string text;
  };
  std::vector<TriggerRef> all;
  for (const auto& [lang, pack] : engine().rules().languages) {
    for (std::size_t i = 0; i < pack.triggers.size(); ++i) {
      for (const std::string& text : pack.triggers[i].examples) all.push_back({lang, i, text});
    }
  }
  REQUIRE(all.size() >= 5);
  for (const TriggerRef& ref : all) {
    const concord::EventTrigger& trigger = engine().rules().language(ref.lang)->triggers[ref.index];
    INFO(ref.lang << " trigger \"" << trigger.source << "\" (" << trigger.where.path << ":" << trigger.where.line
                  << ") on «" << ref.text << "»");
    const std::string normalized = engine().rules().normalizer.normalize_string(ref.text);
    int matches = 0;
    concord::for_each_match(*trigger.regex, normalized, [&](const std::vector<std::string_view>&) { ++matches; });
    CHECK(matches >= 1);
    // And extraction reports the event.
    const concord::Group group = engine().analyze("triggers", {concord::SourceSpec{"t.txt", ref.lang, ref.text}});
    bool found = false;
    for (const concord::EventMention& m : group.sources.at(0).extraction.events) found = found || m.event == trigger.event;
    CHECK(found);
  }
}

TEST_CASE("rule packs: every rule location names its file and line", "[rules]") {
  for (const auto& [lang, pack] : engine().rules().languages) {
    for (const concord::DateTemplate& t : pack.dates) {
      INFO(t.source);
      CHECK(t.where.path.find("/rules/" + lang + "/") != std::string::npos);
      CHECK(t.where.line > 0);
      CHECK(t.where.column > 0);
    }
    for (const concord::EventTrigger& t : pack.triggers) {
      INFO(t.source);
      CHECK(t.where.path.find("/rules/" + lang + "/") != std::string::npos);
      CHECK(t.where.line > 0);
    }
  }
}

TEST_CASE("loader: the bundled rules load every time, whatever the thread timing", "[rules][loader]") {
  // The packs' triggers name event types of events.yaml: were it read on
  // another thread, a pack could look before it was read (it did, about
  // one load in twenty).
  for (int i = 0; i < 30; ++i) {
    CAPTURE(i);
    const concord::RuleSet rules = concord::load_rules({kRealRules});
    CHECK(rules.events.size() > 5);
    CHECK(rules.languages.size() == 3);
  }
}

TEST_CASE("loader: a date template's mention is its match only when placeholders end it", "[rules][loader]") {
  // DateTemplate::mention_is_match lets extraction read the captures late;
  // a template with context words, an optional first placeholder or an
  // alternative at the top level must not claim it.
  const TempFolder temp("concord_loader_test_", "mention");
  const fs::path& dir = temp.path();
  write(dir / "en/zz_extra.yaml",
        "dates:\n"
        "  - \"{day} {month} {year}\"\n"
        "  - \"{month} {year}\"\n"
        "  - \"{day} (?:x|y) {month}\"\n"
        "  - \"in {month} {year}\"\n"
        "  - \"{month} {year} AD\"\n"
        "  - \"{day}? {month} {year}\"\n"
        "  - \"{day} {month}|{year}\"\n"
        "  - \"{day} [|(] {month}\"\n"
        "  - \"{day} {connector} {day2} {month}\"\n"
        "  - \"{day} {month} {connector}\"\n");
  const concord::RuleSet rules = concord::load_rules({kRealRules, dir.string()});
  const auto& dates = rules.languages.at("en").dates;
  REQUIRE(dates.size() >= 10);
  const std::vector<bool> want = {true, true, true, false, false, false, false, true, true, false};
  for (std::size_t i = 0; i < want.size(); ++i) {
    const concord::DateTemplate& t = dates[dates.size() - want.size() + i];
    CAPTURE(t.source);
    CHECK(t.mention_is_match == want[i]);
  }
}

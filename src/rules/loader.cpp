// Loads rule folders (see rules.h for the layout) into a RuleSet.
#include <fmt/format.h>
#include <unicode/dcfmtsym.h>
#include <unicode/dtfmtsym.h>
#include <unicode/rbnf.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unistd.h>

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <set>
#include <thread>
#include <unordered_map>

#include "parallel.h"
#include "rules/regex_verdicts.h"
#include "rules/rules.h"
#include "rules/typography.h"
#include "rules/yaml_reader.h"
#include "text/segment.h"

namespace concord {

LanguagePack::Quantities::Parts::Parts(std::array<std::string, 6> sources, const RE2::Options& options)
    : lazy_(std::make_shared<Lazy>()) {
  lazy_->sources = std::move(sources);
  lazy_->options = options;
}

const std::array<std::shared_ptr<const RE2>, 6>* LanguagePack::Quantities::Parts::get() const {
  Lazy& lazy = *lazy_;
  std::call_once(lazy.once, [&lazy] {
    lazy.ok = true;
    for (std::size_t i = 0; i < lazy.sources.size(); ++i) {
      lazy.pieces[i] = std::make_shared<const RE2>(lazy.sources[i], lazy.options);
      lazy.ok = lazy.ok && lazy.pieces[i]->ok();
    }
  });
  return lazy.ok ? &lazy.pieces : nullptr;
}
namespace fs = std::filesystem;

namespace {


std::string join_alternatives(std::vector<std::string> words) {
  // Longest first: RE2 alternation is leftmost-first, and "مه" must not win
  // over "مهر" at the same position.
  std::sort(words.begin(), words.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() > b.size() : a < b;
  });
  words.erase(std::unique(words.begin(), words.end()), words.end());
  std::string out;
  for (const std::string& w : words) {
    if (w.empty()) continue;
    if (!out.empty()) out += '|';
    std::string quoted = RE2::QuoteMeta(w);
    // A space inside a phrase matches any run of whitespace.
    std::string spaced;
    for (std::size_t i = 0; i < quoted.size(); ++i) {
      if (quoted[i] == '\\' && i + 1 < quoted.size() && quoted[i + 1] == ' ') {
        spaced += "\\s+";
        ++i;
      } else {
        spaced += quoted[i];
      }
    }
    out += spaced;
  }
  return out.empty() ? "(?!)" : out;  // (?!) is invalid in RE2; replaced below
}

// A pattern with a verdict from an earlier run (regex_verdicts.h) is
// compiled on its first use; any other now, and reported if invalid.
// `now` tells which; the caller adds the verdict once every check of the
// pattern has passed.
LazyRegex compile(const YamlReader& reader, const YamlNode& node, const std::string& pattern,
                  const RegexVerdicts& verdicts, bool& now) {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_case_sensitive(false);
  options.set_max_mem(static_cast<int64_t>(kRegexMemoryBudget));
  now = !verdicts.known(pattern, options);
  if (!now) return LazyRegex(pattern, options);
  auto re = std::make_unique<const RE2>(pattern, options);
  if (!re->ok()) {
    if (re->error_code() == RE2::ErrorPatternTooLarge) {
      reader.fail(node, fmt::format("pattern too large: compiled, it needs more than the regex memory budget of "
                                    "{} per pattern; use fewer or smaller repetitions and alternatives",
                                    describe_bytes(kRegexMemoryBudget)));
    }
    reader.fail(node, fmt::format("invalid pattern: {} at '{}'", re->error(), re->error_arg()));
  }
  return LazyRegex(std::move(re));
}

// Whether a pattern has a '|' outside every group (escapes and character
// classes read as RE2 reads them).
bool has_top_level_alternative(std::string_view pattern) {
  int depth = 0;
  bool in_class = false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\') {
      ++i;
    } else if (in_class) {
      in_class = c != ']';
    } else if (c == '[') {
      in_class = true;
      if (i + 1 < pattern.size() && pattern[i + 1] == '^') ++i;
      if (i + 1 < pattern.size() && pattern[i + 1] == ']') ++i;  // a ']' first is literal
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      --depth;
    } else if (c == '|' && depth <= 0) {
      return true;
    }
  }
  return false;
}

// Spaces in a pattern stand for any whitespace; the text is normalized, so
// the pattern is too (its Arabic yeh matches the text's folded Persian yeh).
std::string prepare_pattern(const RuleSet& rules, const std::string& pattern) {
  std::string normalized = rules.normalizer.normalize_string(pattern);
  std::string out;
  for (std::size_t i = 0; i < normalized.size(); ++i) {
    if (normalized[i] == '\\' && i + 1 < normalized.size()) {
      out += normalized[i];
      out += normalized[++i];
    } else if (normalized[i] == ' ') {
      out += "\\s+";
      while (i + 1 < normalized.size() && normalized[i + 1] == ' ') ++i;
    } else {
      out += normalized[i];
    }
  }
  return out;
}

void load_cldr_months(LanguagePack& pack, const RuleSet& rules, Calendar calendar,
                      const char* calendar_name) {
  UErrorCode status = U_ZERO_ERROR;
  icu::DateFormatSymbols symbols(icu::Locale(pack.locale.c_str()), calendar_name, status);
  if (U_FAILURE(status)) return;
  for (auto context : {icu::DateFormatSymbols::FORMAT, icu::DateFormatSymbols::STANDALONE}) {
    for (auto width : {icu::DateFormatSymbols::WIDE, icu::DateFormatSymbols::ABBREVIATED}) {
      int32_t count = 0;
      const icu::UnicodeString* names = symbols.getMonths(count, context, width);
      for (int32_t i = 0; i < count && i < 12; ++i) {
        std::string utf8;
        names[i].toUTF8String(utf8);
        while (!utf8.empty() && utf8.back() == '.') utf8.pop_back();
        // One- and two-letter abbreviations are too ambiguous to match.
        if (code_point_count(rules.normalizer.normalize_string(utf8)) < 3) continue;
        pack.months.emplace(rules.normalizer.key(utf8), MonthRef{calendar, i + 1});
      }
    }
  }
}

Calendar parse_calendar(const YamlReader& reader, const YamlNode& node) {
  const std::string name = reader.string(node, "calendar");
  if (name == "gregorian") return Calendar::kGregorian;
  if (name == "persian") return Calendar::kPersian;
  reader.fail(node, fmt::format("unknown calendar '{}' (expected gregorian or persian)", name));
}

const char* calendar_name(Calendar c) { return c == Calendar::kPersian ? "persian" : "gregorian"; }

// Runs task(0) ... task(count - 1) on up to one thread per core and
// rethrows the first failure in task order once all have finished.
void in_parallel(std::size_t count, const std::function<void(std::size_t)>& task) {
  run_in_order<bool>(count, std::max(1u, std::thread::hardware_concurrency()), [&](std::size_t i) {
    task(i);
    return true;
  });
}

// `key` with its words' endings replaced by the other endings of their
// variant set, each word alone and all together (stems of three code
// points or more, or of any length after another word), without `key`
// itself.
std::vector<std::string> variant_spellings(const LanguagePack& pack, const std::string& key) {
  std::vector<std::string> out;
  std::string all;          // every word with its first variant at once
  std::size_t changed = 0;  // words that have a variant
  std::size_t at = 0;
  for (const TextSpan& w : tokenize(key)) {
    const std::string word = key.substr(w.begin, w.end - w.begin);
    all += key.substr(at, w.begin - at);
    at = w.end;
    std::string first = word;
    for (const auto& set : pack.name_variant_endings) {
      for (const std::string& ending : set) {
        if (word.size() <= ending.size() || word.compare(word.size() - ending.size(), ending.size(), ending) != 0) {
          continue;
        }
        const std::string stem = word.substr(0, word.size() - ending.size());
        // A short stem only after another word of the name («نظر بایف»).
        if (code_point_count(stem) < 3 && w.begin == 0) continue;
        for (const std::string& other : set) {
          if (other == ending) continue;
          out.push_back(key.substr(0, w.begin) + stem + other + key.substr(w.end));
          if (first == word) first = stem + other;
        }
      }
    }
    changed += first != word;
    all += first;
  }
  all += key.substr(at);
  if (changed > 1) out.push_back(all);
  return out;
}

void compile_gazetteer(const RuleSet& rules, const std::string& lang, const LanguagePack& pack) {
  for (std::size_t i = 0; i < rules.entities.size(); ++i) {
    const Entity& e = rules.entities[i];
    auto add = [&](const std::map<std::string, std::vector<std::string>>& names, bool demonym) {
      auto it = names.find(lang);
      if (it == names.end()) return;
      for (const std::string& name : it->second) {
        bool acronym = true;
        for (char c : name) acronym = acronym && !(c >= 'a' && c <= 'z') && static_cast<unsigned char>(c) < 0x80;
        pack.entity_names.emplace(rules.normalizer.key(name), LanguagePack::EntityName{i, demonym, acronym});
      }
    };
    add(e.names, false);
    add(e.demonyms, true);
  }
  // The same names with the pack's variant endings (`names:
  // variant_endings`): «نیازوف» is also written «نیازف», «نیازاف», and
  // the text may spell a name so throughout.
  if (!pack.name_variant_endings.empty()) {
    std::vector<std::pair<std::string, LanguagePack::EntityName>> variants;
    for (const auto& [key, denotes] : pack.entity_names) {
      for (const std::string& variant : variant_spellings(pack, key)) variants.emplace_back(variant, denotes);
    }
    for (auto& [variant, denotes] : variants) pack.entity_names.emplace(std::move(variant), denotes);
  }
  // Each key as words and the gaps after them. A name shared by two
  // entities is one key, the first entity's.
  for (const auto& [key, denotes] : pack.entity_names) {
    const std::vector<TextSpan> words = tokenize(key);
    if (words.empty() || words.front().begin != 0) continue;  // a name starts with a letter or digit
    LanguagePack::GazetteerName name;
    name.bytes = key.size();
    name.denotes = denotes;
    for (std::size_t w = 0; w < words.size(); ++w) {
      name.words.push_back(key.substr(words[w].begin, words[w].end - words[w].begin));
      const std::size_t gap_end = w + 1 < words.size() ? words[w + 1].begin : key.size();
      name.gaps.push_back(collapse_spaces(std::string_view(key).substr(words[w].end, gap_end - words[w].end)));
    }
    pack.gazetteer[name.words.front()].push_back(std::move(name));
  }
  for (auto& [first, names] : pack.gazetteer) {
    std::sort(names.begin(), names.end(), [](const auto& a, const auto& b) { return a.bytes > b.bytes; });
  }
}

// What RuleSet::language() builds on a pack's first use: the gazetteer
// indexes and the one-pass filters of the date templates and triggers.
void compile_pack(const RuleSet& rules, const std::string& lang, const LanguagePack& pack) {
  compile_gazetteer(rules, lang, pack);
  // From the patterns' text: the filters do not need them compiled.
  std::vector<const LazyRegex*> dates, triggers;
  for (const DateTemplate& t : pack.dates) dates.push_back(&t.regex);
  for (const EventTrigger& t : pack.triggers) triggers.push_back(&t.regex);
  pack.date_filter = PatternFilter(dates, static_cast<std::int64_t>(kPatternSetMemoryBudget));
  pack.trigger_filter = PatternFilter(triggers, static_cast<std::int64_t>(kPatternSetMemoryBudget));
}

class Loader {
 public:
  Loader(RuleSet& rules, std::size_t max_rule_bytes)
      : rules_(rules), max_rule_bytes_(max_rule_bytes) {
    verdicts_.read();
  }

  // After a load without error: the verdicts of the patterns compiled.
  void store_verdicts() const { verdicts_.write(); }

  void load_folder(const std::string& folder) {
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) throw UserError(folder, "rule folder not found");
    rules_.folders.push_back(folder);
    const fs::path root(folder);
    // Without error codes, the filesystem calls would throw on an unreadable
    // folder: a user error, not an internal one.
    const auto present = [](const fs::path& p) {
      std::error_code exists_ec;
      return fs::exists(p, exists_ec);
    };
    if (present(root / "shared" / "normalize.yaml")) load_normalize((root / "shared" / "normalize.yaml").string());
    // Triggers name event types: the packs read them.
    if (present(root / "events.yaml")) load_events((root / "events.yaml").string());
    std::vector<fs::path> languages;
    for (const fs::directory_entry& entry : list_folder(root)) {
      std::error_code entry_ec;
      if (entry.is_directory(entry_ec) && entry.path().filename() != "shared") languages.push_back(entry.path());
    }
    std::sort(languages.begin(), languages.end());
    std::vector<LanguagePack*> packs;
    for (const fs::path& dir : languages) {
      const std::string id = dir.filename().string();
      LanguagePack& pack = rules_.languages[id];
      pack.id = id;
      packs.push_back(&pack);
    }
    // The other shared files and each language pack are read and compiled
    // in parallel: a pack reads only the normalizer and the event types,
    // loaded above, and writes only itself. Parsing YAML and compiling
    // patterns is most of start-up. The error reported is the one a load in
    // this order would meet first.
    in_parallel(languages.size() + 1, [&](std::size_t task) {
      if (task == 0) {
        if (present(root / "entities.yaml")) load_entities((root / "entities.yaml").string());
        if (present(root / "checks.yaml")) load_checks((root / "checks.yaml").string());
      } else {
        load_language(languages[task - 1], *packs[task - 1]);
      }
    });
  }

  void finish() {
    for (const Entity& e : rules_.entities) {
      if (e.country.empty()) continue;
      const auto found = entity_index_.find(e.country);
      const Entity* country = found == entity_index_.end() ? nullptr : &rules_.entities[found->second];
      if (country == nullptr || country->type != "country") {
        throw UserError(e.where.path,
                        fmt::format("entity '{}': country '{}' is not a country of the gazetteer", e.id, e.country),
                        FilePosition{e.where.line, e.where.column, std::nullopt});
      }
    }
    // Each pack's quantity pattern compiles on its own (it can fail: a
    // load error). Its pattern filters and gazetteer, which cannot, are
    // built on the pack's first use (RuleSet::language()).
    std::vector<std::pair<const std::string*, LanguagePack*>> packs;
    for (auto& [id, pack] : rules_.languages) packs.emplace_back(&id, &pack);
    in_parallel(packs.size(), [&](std::size_t i) {
      const std::string& id = *packs[i].first;
      LanguagePack& pack = *packs[i].second;
      if (!pack.locale.empty()) compile_quantities(pack);
      if (pack.locale.empty()) {
        throw UserError(pack.where.path.empty() ? id : pack.where.path,
                        fmt::format("language '{}' has no language.yaml with name, locale and script", id));
      }
    });
  }

 private:
  void load_normalize(const std::string& path) {
    YamlReader r(path);
    const YamlNode root = r.load_file(max_rule_bytes_);
    if (root.IsNull()) return;
    r.expect_map(root, "normalize.yaml");
    r.only_keys(root, {"replace", "remove"});
    FoldTable table = table_;
    if (root["replace"]) {
      r.expect_map(root["replace"], "replace");
      for (auto it = root["replace"].begin(); it != root["replace"].end(); ++it) {
        const std::u32string from = to_u32(r.string(it->first, "replace key"));
        if (from.size() != 1) r.fail(it->first, "replace keys must be single characters");
        table.replace[from[0]] = r.string(it->second, "replacement");
      }
    }
    if (root["remove"]) {
      for (const std::string& s : r.strings(root["remove"], "remove")) {
        const std::u32string cps = to_u32(s);
        if (cps.size() != 1) r.fail(root["remove"], fmt::format("'{}' is not a single character", s));
        table.remove.insert(cps[0]);
      }
    }
    table_ = table;
    rules_.normalizer = Normalizer(table_);
  }

  void load_events(const std::string& path) {
    YamlReader r(path);
    const YamlNode root = r.load_file(max_rule_bytes_);
    if (root.IsNull()) return;
    r.expect_map(root, "events.yaml");
    r.only_keys(root, {"events"});
    r.expect_sequence(r.require(root, "events"), "events");
    for (const YamlNode& item : root["events"]) {
      r.expect_map(item, "an event type");
      r.only_keys(item, {"id", "description", "participants", "once", "located", "one_per_month", "measure", "units"});
      if (!item["id"]) r.fail(item, "event type without id");
      EventType type;
      type.id = r.string(item["id"], "id");
      type.where = r.location(item);
      if (item["description"]) type.description = r.string(item["description"], "description");
      type.participants = item["participants"] ? r.string(item["participants"], "participants") : "country";
      if (item["once"]) type.once = r.boolean(item["once"], "once");
      if (item["located"]) type.located = r.boolean(item["located"], "located");
      if (item["one_per_month"]) type.one_per_month = r.boolean(item["one_per_month"], "one_per_month");
      if (item["measure"]) type.measure = r.boolean(item["measure"], "measure");
      if (item["units"]) type.units = r.strings(item["units"], "units");
      if (type.measure && type.units.empty()) r.fail(item, "a measure needs the units it accepts");
      if (!event_ids_.insert(type.id).second) r.fail(item["id"], fmt::format("duplicate event id '{}'", type.id));
      rules_.events.push_back(std::move(type));
    }
  }

  void load_entities(const std::string& path) {
    YamlReader r(path);
    const YamlNode root = r.load_file(max_rule_bytes_);
    if (root.IsNull()) return;
    r.expect_map(root, "entities.yaml");
    r.only_keys(root, {"entities"});
    r.expect_sequence(r.require(root, "entities"), "entities");
    std::set<std::string> seen;
    for (const YamlNode& item : root["entities"]) {
      r.expect_map(item, "an entity");
      r.only_keys(item, {"id", "type", "names", "demonyms", "country"});
      if (!item["id"] || !item["type"] || !item["names"]) r.fail(item, "an entity needs id, type and names");
      Entity entity;
      entity.id = r.string(item["id"], "id");
      entity.type = r.string(item["type"], "type");
      entity.where = r.location(item);
      if (item["country"]) entity.country = r.string(item["country"], "country");
      if (!seen.insert(entity.id).second) r.fail(item["id"], fmt::format("duplicate entity id '{}'", entity.id));
      auto read_names = [&](const YamlNode& node, std::map<std::string, std::vector<std::string>>& into) {
        r.expect_map(node, "names");
        for (auto it = node.begin(); it != node.end(); ++it) {
          const std::string lang = r.string(it->first, "language");
          for (std::string& name : r.strings(it->second, "names")) {
            if (name.empty()) r.fail(it->second, "empty name");
            into[lang].push_back(std::move(name));
          }
        }
      };
      read_names(item["names"], entity.names);
      if (item["demonyms"]) read_names(item["demonyms"], entity.demonyms);
      // A later folder may add names to an entity the shipped gazetteer has.
      // Looked up by id, not by a scan: a large gazetteer loads in linear time.
      const auto [index, added] = entity_index_.emplace(entity.id, rules_.entities.size());
      if (!added) {
        const auto existing = rules_.entities.begin() + static_cast<std::ptrdiff_t>(index->second);
        for (auto& [lang, names] : entity.names) {
          existing->names[lang].insert(existing->names[lang].end(), names.begin(), names.end());
        }
        for (auto& [lang, names] : entity.demonyms) {
          existing->demonyms[lang].insert(existing->demonyms[lang].end(), names.begin(), names.end());
        }
        if (!entity.country.empty()) existing->country = entity.country;
      } else {
        rules_.entities.push_back(std::move(entity));
      }
    }
  }

  void load_checks(const std::string& path) {
    YamlReader r(path);
    const YamlNode root = r.load_file(max_rule_bytes_);
    if (root.IsNull()) return;
    r.expect_map(root, "checks.yaml");
    r.only_keys(root, {"checks"});
    r.expect_map(r.require(root, "checks"), "checks");
    for (auto it = root["checks"].begin(); it != root["checks"].end(); ++it) {
      const std::string id = r.string(it->first, "check id");
      CheckConfig& config = rules_.checks[id];
      config.where = r.location(it->first);
      r.expect_map(it->second, fmt::format("settings of check '{}'", id));
      for (auto opt = it->second.begin(); opt != it->second.end(); ++opt) {
        config.settings[r.string(opt->first, "option")] =
            CheckSetting{r.string(opt->second, "option value"), r.location(opt->second), r.location(opt->first)};
      }
    }
  }

  void load_language(const fs::path& dir, LanguagePack& pack) {
    std::vector<fs::path> files;
    for (const fs::directory_entry& entry : list_folder(dir)) {
      const auto ext = entry.path().extension();
      std::error_code entry_ec;
      if (entry.is_regular_file(entry_ec) && (ext == ".yaml" || ext == ".yml")) files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    // language.yaml first: the others need its locale.
    std::stable_partition(files.begin(), files.end(),
                          [](const fs::path& p) { return p.filename() == "language.yaml"; });
    for (const fs::path& file : files) load_language_file(pack, file.string());
  }

  void load_language_file(LanguagePack& pack, const std::string& path) {
    YamlReader r(path);
    const YamlNode root = r.load_file(max_rule_bytes_);
    if (root.IsNull()) return;
    r.expect_map(root, "a language file");
    r.only_keys(root, {"name", "locale", "script", "dictionary", "detect", "calendars", "months",
                       "day_words", "connectors", "anaphora", "dates", "triggers", "names",
                       "near_letters", "numbers", "scales", "currencies", "units", "qualifiers", "cumulative", "lists",
                       "quotes", "abbreviations", "orthography", "spelling_unattested"});
    const Normalizer& norm = rules_.normalizer;
    if (root["name"]) pack.name = r.string(root["name"], "name");
    if (root["locale"]) {
      pack.locale = r.string(root["locale"], "locale");
      pack.where = r.location(root);
      pack.where.path = path;
      const icu::Locale locale(pack.locale.c_str());
      if (locale.isBogus() || std::string(locale.getLanguage()).empty()) {
        r.fail(root["locale"], fmt::format("unknown ICU locale '{}'", pack.locale));
      }
    }
    if (root["script"]) {
      pack.script = r.string(root["script"], "script");
      if (u_getPropertyValueEnum(UCHAR_SCRIPT, pack.script.c_str()) == UCHAR_INVALID_CODE) {
        r.fail(root["script"], fmt::format("unknown script '{}' (use an ISO 15924 code such as Arab or Latn)", pack.script));
      }
    }
    if (root["dictionary"]) {
      // A name, or a list: the first is the main dictionary.
      const std::vector<std::string> names =
          root["dictionary"].IsSequence() ? r.strings(root["dictionary"], "dictionary")
                                          : std::vector<std::string>{r.string(root["dictionary"], "dictionary")};
      if (names.empty()) r.fail(root["dictionary"], "dictionary: give a dictionary name, or a list of them");
      pack.dictionary = names.front();
      pack.also_dictionaries.assign(names.begin() + 1, names.end());
    }
    if (root["detect"]) {
      for (const std::string& w : r.strings(root["detect"], "detect")) pack.detect_words.push_back(norm.key(w));
    }
    auto need_locale = [&](const YamlNode& node) {
      if (pack.locale.empty()) r.fail(node, "this key needs the pack's locale: put it in language.yaml");
    };
    if (root["calendars"]) {
      need_locale(root["calendars"]);
      r.expect_sequence(root["calendars"], "calendars");
      for (const YamlNode& c : root["calendars"]) {
        const Calendar cal = parse_calendar(r, c);
        load_cldr_months(pack, rules_, cal, calendar_name(cal));
      }
    }
    if (root["months"]) {
      // Variants CLDR lacks, per calendar and month number.
      r.expect_map(root["months"], "months");
      for (auto it = root["months"].begin(); it != root["months"].end(); ++it) {
        const Calendar cal = parse_calendar(r, it->first);
        r.expect_map(it->second, "months of a calendar");
        for (auto m = it->second.begin(); m != it->second.end(); ++m) {
          const int number = r.integer(m->first, "month number", 1, 12);
          for (const std::string& name : r.strings(m->second, "month names")) {
            pack.months[norm.key(name)] = MonthRef{cal, number};
          }
        }
      }
    }
    if (root["day_words"]) {
      r.expect_map(root["day_words"], "day_words");
      for (auto it = root["day_words"].begin(); it != root["day_words"].end(); ++it) {
        const int day = r.integer(it->first, "day", 1, 31);
        for (const std::string& w : r.strings(it->second, "day words")) pack.day_words[norm.key(w)] = day;
      }
    }
    if (root["connectors"]) {
      for (const std::string& w : r.strings(root["connectors"], "connectors")) {
        pack.connectors.push_back(norm.normalize_string(w));
      }
    }
    if (root["anaphora"]) {
      r.expect_map(root["anaphora"], "anaphora");
      r.only_keys(root["anaphora"], {"day", "month", "year", "occasion"});
      for (auto it = root["anaphora"].begin(); it != root["anaphora"].end(); ++it) {
        for (const std::string& w : r.strings(it->second, "anaphora")) {
          pack.anaphora[it->first.Scalar()].push_back(norm.normalize_string(w));
        }
      }
    }
    if (root["dates"]) {
      need_locale(root["dates"]);
      r.expect_sequence(root["dates"], "dates");
      for (const YamlNode& item : root["dates"]) pack.dates.push_back(load_date_template(r, pack, item));
    }
    if (root["triggers"]) load_triggers(r, pack, root["triggers"]);
    if (root["names"]) load_name_cues(r, pack, root["names"]);
    load_quantity_rules(r, pack, root);
    load_typography_keys(r, norm, pack, root);
    if (root["lists"]) {
      r.expect_map(root["lists"], "lists");
      for (auto it = root["lists"].begin(); it != root["lists"].end(); ++it) {
        auto& list = pack.lists[r.string(it->first, "list name")];
        for (const std::string& w : r.strings(it->second, "list words")) list.push_back(norm.key(w));
      }
    }
    if (root["cumulative"]) {
      for (const std::string& w : r.strings(root["cumulative"], "cumulative")) pack.cumulative.push_back(norm.key(w));
    }
    if (root["spelling_unattested"]) {
      const std::string v = r.string(root["spelling_unattested"], "spelling_unattested");
      if (v == "none") {
        pack.spelling_unattested = LanguagePack::Unattested::kNone;
      } else if (v == "doubled") {
        pack.spelling_unattested = LanguagePack::Unattested::kDoubled;
      } else if (v == "all") {
        pack.spelling_unattested = LanguagePack::Unattested::kAll;
      } else {
        r.fail(root["spelling_unattested"], fmt::format("spelling_unattested must be none, doubled or all, got '{}'", v));
      }
    }
    if (root["near_letters"]) {
      for (const std::string& group : r.strings(root["near_letters"], "near_letters")) {
        pack.near_letters.push_back(to_u32(fold_case(norm.normalize_string(group))));
      }
    }
  }

  void load_quantity_rules(const YamlReader& r, LanguagePack& pack, const YamlNode& root) {
    const Normalizer& norm = rules_.normalizer;
    LanguagePack::Quantities& q = pack.quantities;
    if (const YamlNode n = root["numbers"]) {
      r.expect_map(n, "numbers");
      r.only_keys(n, {"decimal", "group", "connectors", "spelled"});
      if (n["decimal"]) {
        for (const std::string& s : r.strings(n["decimal"], "decimal")) q.decimal.push_back(norm.normalize_string(s));
      }
      if (n["group"]) {
        for (const std::string& s : r.strings(n["group"], "group")) q.group.push_back(norm.normalize_string(s));
      }
      if (n["connectors"]) {
        for (const std::string& s : r.strings(n["connectors"], "connectors")) {
          q.connectors.push_back(norm.normalize_string(s));
        }
      }
      if (n["spelled"]) q.spelled = r.boolean(n["spelled"], "spelled");
    }
    if (const YamlNode n = root["scales"]) {
      r.expect_map(n, "scales");
      for (auto it = n.begin(); it != n.end(); ++it) {
        const std::string word = r.string(it->first, "scale word");
        const std::string value = r.string(it->second, "scale value");
        char* end = nullptr;
        const double v = std::strtod(value.c_str(), &end);
        if (end == value.c_str() || *end != '\0' || v <= 0) r.fail(it->second, fmt::format("scale '{}' needs a positive number", word));
        q.scales[norm.key(word)] = v;
      }
    }
    for (const char* key : {"currencies", "units"}) {
      const YamlNode n = root[key];
      if (!n) continue;
      r.expect_map(n, key);
      for (auto it = n.begin(); it != n.end(); ++it) {
        const std::string id = r.string(it->first, "unit id");
        for (const std::string& w : r.strings(it->second, "unit words")) q.units[norm.key(w)] = id;
      }
    }
    if (const YamlNode n = root["qualifiers"]) {
      r.expect_map(n, "qualifiers");
      r.only_keys(n, {"approximate", "more_than", "less_than", "at_least", "at_most"});
      for (auto it = n.begin(); it != n.end(); ++it) {
        for (const std::string& w : r.strings(it->second, "qualifier words")) q.qualifiers[norm.key(w)] = it->first.Scalar();
      }
    }
  }

  // The quantity pattern of a pack: [qualifier] [currency symbol] number
  // [scale] [unit]. Separators come from CLDR for the pack's locale.
  void compile_quantities(LanguagePack& pack) {
    LanguagePack::Quantities& q = pack.quantities;
    UErrorCode status = U_ZERO_ERROR;
    const icu::DecimalFormatSymbols symbols(icu::Locale(pack.locale.c_str()), status);
    if (U_SUCCESS(status)) {
      std::string d, g;
      symbols.getSymbol(icu::DecimalFormatSymbols::kDecimalSeparatorSymbol).toUTF8String(d);
      symbols.getSymbol(icu::DecimalFormatSymbols::kGroupingSeparatorSymbol).toUTF8String(g);
      q.decimal.push_back(rules_.normalizer.normalize_string(d));
      q.group.push_back(rules_.normalizer.normalize_string(g));
    }
    auto dedupe = [](std::vector<std::string>& v) {
      std::sort(v.begin(), v.end());
      v.erase(std::unique(v.begin(), v.end()), v.end());
      // A separator cannot be both: decimal wins for the pack's extras.
    };
    dedupe(q.decimal);
    dedupe(q.group);
    std::vector<std::string> group_only;
    for (const std::string& g : q.group) {
      if (std::find(q.decimal.begin(), q.decimal.end(), g) == q.decimal.end()) group_only.push_back(g);
    }
    q.group = group_only;
    auto alternation = [](const std::vector<std::string>& words) {
      std::string alt = join_alternatives(words);
      return alt == "(?!)" ? std::string("[^\\s\\S]") : alt;
    };
    auto keys_of = [](const auto& map) {
      std::vector<std::string> out;
      for (const auto& [k, v] : map) out.push_back(k);
      return out;
    };
    const std::string dec = "(?:" + alternation(q.decimal) + ")";
    const std::string grp = "(?:" + alternation(q.group) + ")";
    const std::string number = "[0-9]{1,3}(?:" + grp + "[0-9]{3})+(?:" + dec + "[0-9]+)?|[0-9]+(?:" + dec + "[0-9]+)?";
    std::string spelled = "[^\\s\\S]";
    if (q.spelled) {
      // The words ICU's RuleBasedNumberFormat writes for this locale.
      status = U_ZERO_ERROR;
      icu::RuleBasedNumberFormat rbnf(icu::URBNF_SPELLOUT, icu::Locale(pack.locale.c_str()), status);
      if (U_SUCCESS(status)) {
        std::vector<double> values;
        for (int v = 0; v <= 100; ++v) values.push_back(v);
        for (int v = 200; v <= 1000; v += 100) values.push_back(v);
        for (double v : {2000.0, 1e6, 2e6, 1e9, 2e9}) values.push_back(v);
        for (double v : values) {
          icu::UnicodeString out;
          rbnf.format(v, out);
          std::string text;
          out.toUTF8String(text);
          std::string word;
          for (std::size_t i = 0; i <= text.size(); ++i) {
            if (i == text.size() || text[i] == ' ' || text[i] == '-') {
              if (!word.empty() && std::find(q.connectors.begin(), q.connectors.end(), word) == q.connectors.end()) {
                q.number_words[rules_.normalizer.key(word)] = true;
              }
              word.clear();
            } else {
              word += text[i];
            }
          }
        }
        const std::string w = "(?:" + alternation(keys_of(q.number_words)) + ")";
        std::string joiner = "(?:\\s+|-";
        for (const std::string& c : q.connectors) joiner += "|\\s+" + RE2::QuoteMeta(c) + "\\s+";
        joiner += ")";
        spelled = w + "(?:" + joiner + w + ")*";
      }
    }
    // The pattern is these pieces in this order; extract_quantities() reads
    // a match's captures off the pieces (Quantities::Parts).
    const std::string qualifier = "(" + alternation(keys_of(q.qualifiers)) + ")\\s+";
    const std::string prefix = "(" + alternation(keys_of(q.units)) + ")\\s*";
    const std::string scale = "\\s*(" + alternation(keys_of(q.scales)) + ")";
    const std::string unit = "\\s*(" + alternation(keys_of(q.units)) + ")";
    const std::string pattern = "(?:(?P<qual>" + qualifier.substr(1) + ")?" + "(?:(?P<pre>" + prefix.substr(1) +
                                ")?" + "(?:(?P<num>" + number + ")|(?P<spelled>" + spelled + "))" +
                                "(?:\\s*(?P<scale>" + scale.substr(4) + ")?" + "(?:\\s*(?P<unit>" +
                                unit.substr(4) + ")?";
    RE2::Options options;
    options.set_log_errors(false);
    options.set_case_sensitive(false);
    options.set_max_mem(static_cast<int64_t>(kPatternSetMemoryBudget));
    auto re = std::make_shared<const RE2>(pattern, options);
    if (!re->ok()) {
      throw UserError(pack.where.path, fmt::format("number rules do not compile: {}", re->error()));
    }
    q.parts.emplace(std::array<std::string, 6>{qualifier, prefix, number, spelled, scale, unit}, options);
    const auto& groups = re->NamedCapturingGroups();
    q.group_qualifier = groups.at("qual");
    q.group_prefix = groups.at("pre");
    q.group_number = groups.at("num");
    q.group_spelled = groups.at("spelled");
    q.group_scale = groups.at("scale");
    q.group_unit = groups.at("unit");
    q.regex = std::move(re);
  }

  DateTemplate load_date_template(const YamlReader& r, const LanguagePack& pack, const YamlNode& item) {
    DateTemplate t;
    if (item.IsMap()) {
      r.only_keys(item, {"pattern", "examples", "not", "calendar", "years"});
      if (!item["pattern"]) r.fail(item, "a date template needs a pattern");
      if (item["calendar"]) t.calendar = parse_calendar(r, item["calendar"]);
      if (item["years"]) {
        r.expect_sequence(item["years"], "years");
        if (item["years"].size() != 2) r.fail(item["years"], "years must be [first, last]");
        t.min_year = r.integer(item["years"].item(0), "first year", 0, 9999);
        t.max_year = r.integer(item["years"].item(1), "last year", 0, 9999);
      }
    }
    const YamlNode pattern_node = item.IsMap() ? item["pattern"] : item;
    if (item.IsMap()) {
      if (item["examples"]) t.examples = r.strings(item["examples"], "examples");
      if (item["not"]) t.counterexamples = r.strings(item["not"], "not");
    }
    t.source = r.string(pattern_node, "pattern");
    t.where = r.location(pattern_node);

    std::vector<std::string> day_alternatives;
    for (const auto& [word, day] : pack.day_words) day_alternatives.push_back(word);
    std::vector<std::string> month_alternatives;
    for (const auto& [name, ref] : pack.months) month_alternatives.push_back(name);
    auto alternation = [](const std::vector<std::string>& words) {
      std::string alt = join_alternatives(words);
      return alt == "(?!)" ? std::string("[^\\s\\S]") : alt;  // matches nothing
    };
    const std::string day_re = "[0-9]{1,2}" + (day_alternatives.empty() ? "" : "|" + alternation(day_alternatives));
    const std::string month_re = alternation(month_alternatives);
    const std::string year_re = "[0-9]{4}";
    auto anaphora_re = [&](const char* kind) {
      auto it = pack.anaphora.find(kind);
      return alternation(it == pack.anaphora.end() ? std::vector<std::string>{} : it->second);
    };

    const std::string text = prepare_pattern(rules_, t.source);
    std::string expanded;
    std::set<std::string> used;
    std::vector<std::string> order;  // the placeholders, in order
    // Placeholders (not connectors) as [first byte, last byte] of the text.
    std::vector<std::pair<std::size_t, std::size_t>> placed;
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\\' && i + 1 < text.size()) {
        expanded += text.substr(i, 2);
        ++i;
        continue;
      }
      if (text[i] != '{') {
        expanded += text[i];
        continue;
      }
      const auto close = text.find('}', i);
      const std::string name = close == std::string::npos ? "" : text.substr(i + 1, close - i - 1);
      std::string body;
      if (name == "day" || name == "day2") body = day_re;
      else if (name == "month" || name == "month2") body = month_re;
      else if (name == "year" || name == "year2") body = year_re;
      else if (name == "month_num" || name == "month_num2") body = "0?[1-9]|1[0-2]";
      else if (name == "anaphora_day") body = anaphora_re("day");
      else if (name == "anaphora_month") body = anaphora_re("month");
      else if (name == "anaphora_year") body = anaphora_re("year");
      else if (name == "anaphora_occasion") body = anaphora_re("occasion");
      else if (name == "connector") {
        expanded += "(?:" + alternation(pack.connectors) + ")";
        i = close;
        continue;
      } else if (!name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
                   return (c >= '0' && c <= '9') || c == ',';
                 })) {
        expanded += '{';  // a regex repetition such as {1,3}
        continue;
      } else {
        r.fail(pattern_node, fmt::format("unknown placeholder '{{{}}}' in date pattern (known: day, "
                                         "month, year, day2, month2, year2, month_num, month_num2, connector, anaphora_day, "
                                         "anaphora_month, anaphora_year, anaphora_occasion)", name));
      }
      if (!used.insert(name).second) r.fail(pattern_node, fmt::format("placeholder '{{{}}}' used twice", name));
      order.push_back(name);
      expanded += "(?P<" + name + ">" + body + ")";
      placed.emplace_back(i, close);
      i = close;
    }
    if (used.empty()) r.fail(pattern_node, "a date pattern needs at least one placeholder");
    t.mention_is_match = !placed.empty() && placed.front().first == 0 && placed.back().second + 1 == text.size() &&
                         !has_top_level_alternative(text) &&
                         (placed.front().second + 1 == text.size() ||
                          std::string_view("?*+{").find(text[placed.front().second + 1]) == std::string_view::npos);
    bool now = false;
    t.regex = compile(r, pattern_node, expanded, verdicts_, now);
    // The placeholders are the pattern's only groups (checked below when it
    // is compiled), so their indices are their order.
    auto index = [&](const char* name) {
      auto it = std::find(order.begin(), order.end(), name);
      return it == order.end() ? 0 : static_cast<int>(it - order.begin()) + 1;
    };
    t.day = index("day"); t.month = index("month"); t.year = index("year");
    t.day2 = index("day2"); t.month2 = index("month2"); t.year2 = index("year2");
    t.anaphora_day = index("anaphora_day");
    t.anaphora_occasion = index("anaphora_occasion");
    t.anaphora_month = index("anaphora_month");
    t.anaphora_year = index("anaphora_year");
    t.month_num = index("month_num");
    t.month_num2 = index("month_num2");
    if (now) {
      if (t.regex->NumberOfCapturingGroups() != static_cast<int>(used.size())) {
        r.fail(pattern_node, "use (?:...) for grouping in date patterns: plain (...) groups are reserved");
      }
      for (const auto& [name, group] : t.regex->NamedCapturingGroups()) {
        if (group != index(name.c_str())) r.fail(pattern_node, "placeholder groups out of order");
      }
      verdicts_.add(expanded, t.regex.options());
    }
    return t;
  }

  void load_triggers(const YamlReader& r, LanguagePack& pack, const YamlNode& node) {
    r.expect_map(node, "triggers");
    for (auto it = node.begin(); it != node.end(); ++it) {
      const std::string event = r.string(it->first, "event id");
      if (event_ids_.count(event) == 0) {
        r.fail(it->first, fmt::format("unknown event type '{}' (declare it in events.yaml)", event));
      }
      // A copy: `it->second` lives in a proxy that dies at the end of the
      // full expression, so a range-for over it reads a dead stack object.
      const YamlNode triggers = it->second;
      r.expect_sequence(triggers, "triggers of an event");
      for (const YamlNode& item : triggers) {
        EventTrigger trigger;
        trigger.event = event;
        if (item.IsMap()) {
          r.only_keys(item, {"pattern", "examples"});
          if (!item["pattern"]) r.fail(item, "a trigger needs a pattern");
          if (item["examples"]) trigger.examples = r.strings(item["examples"], "examples");
        }
        const YamlNode pattern_node = item.IsMap() ? item["pattern"] : item;
        trigger.source = r.string(pattern_node, "pattern");
        trigger.where = r.location(pattern_node);
        bool now = false;
        trigger.regex = compile(r, pattern_node, prepare_pattern(rules_, trigger.source), verdicts_, now);
        if (now) verdicts_.add(trigger.regex.pattern(), trigger.regex.options());
        pack.triggers.push_back(std::move(trigger));
      }
    }
  }

  void load_name_cues(const YamlReader& r, LanguagePack& pack, const YamlNode& node) {
    r.expect_map(node, "names");
    r.only_keys(node, {"suffixes", "prefixes", "variant_endings", "joiners", "context"});
    const Normalizer& norm = rules_.normalizer;
    if (node["variant_endings"]) {
      r.expect_sequence(node["variant_endings"], "variant_endings");
      for (const YamlNode& set : node["variant_endings"]) {
        std::vector<std::string> endings;
        for (const std::string& e : r.strings(set, "a set of variant endings")) endings.push_back(norm.key(e));
        if (endings.size() < 2) r.fail(set, "a set of variant endings needs two or more endings");
        pack.name_variant_endings.push_back(std::move(endings));
      }
    }
    if (node["joiners"]) {
      pack.name_joiners = r.strings(node["joiners"], "joiners");
    }
    if (node["suffixes"]) {
      for (const std::string& s : r.strings(node["suffixes"], "suffixes")) pack.name_suffixes.push_back(norm.key(s));
    }
    if (node["prefixes"]) {
      for (const std::string& s : r.strings(node["prefixes"], "prefixes")) pack.name_prefixes.push_back(norm.key(s));
    }
    if (node["context"]) {
      r.expect_map(node["context"], "context");
      for (auto it = node["context"].begin(); it != node["context"].end(); ++it) {
        const std::string type = r.string(it->first, "entity type");
        r.expect_map(it->second, "context of an entity type");
        r.only_keys(it->second, {"before", "after", "strong"});
        NameCues& cues = pack.name_cues[type];
        if (it->second["before"]) {
          for (const std::string& w : r.strings(it->second["before"], "before")) cues.before.push_back(norm.key(w));
        }
        if (it->second["strong"]) {
          for (const std::string& w : r.strings(it->second["strong"], "strong")) {
            cues.strong.push_back(norm.key(w));
            cues.before.push_back(norm.key(w));
          }
        }
        if (it->second["after"]) {
          for (const std::string& w : r.strings(it->second["after"], "after")) cues.after.push_back(norm.key(w));
        }
      }
    }
  }

  // The entries of a folder; an unreadable folder is a user error.
  static std::vector<fs::directory_entry> list_folder(const fs::path& dir) {
    std::vector<fs::directory_entry> entries;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) entries.push_back(*it);
    if (ec) throw UserError(dir.string(), fmt::format("cannot read rule folder: {}", ec.message()));
    return entries;
  }

  RuleSet& rules_;
  std::size_t max_rule_bytes_;
  RegexVerdicts verdicts_;
  FoldTable table_;
  std::set<std::string> event_ids_;
  std::unordered_map<std::string, std::size_t> entity_index_;  // id -> index in rules_.entities
};

}  // namespace

const std::vector<std::string>& LanguagePack::list(const std::string& list_name) const {
  static const std::vector<std::string> kEmpty;
  auto it = lists.find(list_name);
  return it == lists.end() ? kEmpty : it->second;
}

const LanguagePack* RuleSet::language(const std::string& id) const {
  auto it = languages.find(id);
  if (it == languages.end()) return nullptr;
  const LanguagePack& pack = it->second;
  pack.compile_once.run([&] { compile_pack(*this, it->first, pack); });
  return &pack;
}

const EventType* RuleSet::event(const std::string& id) const {
  for (const EventType& e : events) {
    if (e.id == id) return &e;
  }
  return nullptr;
}

const Entity* RuleSet::entity(const std::string& id) const {
  for (const Entity& e : entities) {
    if (e.id == id) return &e;
  }
  return nullptr;
}

RuleSet load_rules(const std::vector<std::string>& folders, const RuleLoadOptions& options) {
  RuleSet rules;
  Loader loader(rules, options.max_rule_bytes);
  for (const std::string& folder : folders) loader.load_folder(folder);
  loader.finish();
  loader.store_verdicts();
  return rules;
}

std::string default_rules_folder() {
  if (const char* env = std::getenv("CONCORD_RULES"); env != nullptr && *env != '\0') return env;
  std::error_code ec;
  char buffer[PATH_MAX];
  const ssize_t n = readlink("/proc/self/exe", buffer, sizeof(buffer) - 1);
  if (n > 0) {
    const fs::path exe(std::string(buffer, static_cast<std::size_t>(n)));
    for (const fs::path& candidate : {exe.parent_path().parent_path() / "rules",
                                      exe.parent_path().parent_path() / "share" / "concord" / "rules"}) {
      if (fs::exists(candidate / "entities.yaml", ec)) return candidate.string();
    }
  }
  return CONCORD_DEFAULT_RULES_DIR;
}

}  // namespace concord

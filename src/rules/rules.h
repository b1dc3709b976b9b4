// Rule packs: the compiled form of the YAML under rules/.
//
// Rule *types* are C++ (a date template, an event trigger, a gazetteer
// entry); rule *instances* are YAML. Everything here is read and checked by
// load_rules() before any text is read, and is immutable afterwards, so a
// RuleSet can be shared by every thread that checks documents; only a
// pack's derived indexes (pattern filters, gazetteer) are built on its first
// use, once, behind a latch (RuleSet::language()).
//
// Layout of a rules folder:
//   shared/normalize.yaml   characters folded or removed before matching
//   entities.yaml           the gazetteer: id, type, names per language
//   events.yaml             event types: id, participants, whether unique
//   checks.yaml             per-check settings (severity, enabled, options)
//   <lang>/*.yaml           a language pack: any of the keys documented in
//                           README.md ("Rule files"), split over files freely
#pragma once

#include <re2/re2.h>

#include <array>
#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <functional>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "input_limits.h"
#include "rules/lazy_regex.h"
#include "rules/pattern_filter.h"
#include "text/normalize.h"

namespace concord {

enum class Calendar { kGregorian, kPersian };

struct RuleLocation {
  std::string path;
  std::size_t line = 0;    // 1-based
  std::size_t column = 0;  // 1-based
};

struct MonthRef {
  Calendar calendar = Calendar::kGregorian;
  int number = 0;  // 1..12
};

// A date pattern: an RE2 regex over normalized text with placeholders
// ({day} {month} {year} {day2} {month2} {year2} {connector}
// {anaphora_day} {anaphora_month} {anaphora_year} {anaphora_occasion})
// expanded from the pack.
struct DateTemplate {
  std::string source;  // as written in YAML
  RuleLocation where;
  LazyRegex regex;
  // Capture group index per placeholder, 0 when the template lacks it.
  int day = 0, month = 0, year = 0, day2 = 0, month2 = 0, year2 = 0;
  int anaphora_day = 0, anaphora_month = 0, anaphora_year = 0, anaphora_occasion = 0;
  int month_num = 0, month_num2 = 0;  // months written as numbers («۱۳۷۰/۹/۲۵»)
  Calendar calendar = Calendar::kGregorian;  // of numeric months
  int min_year = 0, max_year = 9999;         // years outside are not this template's
  // The pattern starts and ends with a placeholder that must match, with no
  // alternative at its top level: the mention (the placeholders' span) is
  // the whole match, known before the captures are read.
  bool mention_is_match = false;
  std::vector<std::string> examples;      // each must be found, whole
  std::vector<std::string> counterexamples;  // none may be found
};

struct EventTrigger {
  std::string event;  // event type id
  std::string source;
  RuleLocation where;
  LazyRegex regex;
  std::vector<std::string> examples;
};

// Words that, next to a token, show that the text wants a name of a given
// entity type there ("arrived in X", "held in X").
struct NameCues {
  std::vector<std::string> before;  // keys
  std::vector<std::string> after;   // keys
  // Keys of words before a name that say what it is («شهر», «بندر»,
  // «منطقه»): also `before` cues, and strong enough for a short real word.
  std::vector<std::string> strong;
};

// Hashes std::string and std::string_view alike, for maps looked up by
// the text's string_views without building a std::string for each.
struct TextHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

// Runs a task the first time run() is called, once for all threads; later
// calls (and calls waiting while it runs) return once it has finished.
// Unlike std::once_flag it can be copied: a copy has run if its original
// had, so a copied pack is not compiled twice, nor left uncompiled.
class OnceLatch {
 public:
  OnceLatch() = default;
  OnceLatch(const OnceLatch& other) : done_(other.done()) {}
  OnceLatch& operator=(const OnceLatch& other) {
    done_.store(other.done(), std::memory_order_release);
    return *this;
  }
  bool done() const { return done_.load(std::memory_order_acquire); }
  void run(const std::function<void()>& task) {
    if (done()) return;
    const std::lock_guard<std::mutex> lock(mutex_);
    if (done_.load(std::memory_order_relaxed)) return;
    task();
    done_.store(true, std::memory_order_release);
  }

 private:
  std::atomic<bool> done_{false};
  std::mutex mutex_;
};

struct LanguagePack {
  std::string id;  // folder name: fa, es, en...
  std::string name;
  std::string locale;      // ICU locale for CLDR data and sentence breaks
  std::string script;      // ISO 15924 name, e.g. Arab, Latn
  std::string dictionary;  // hunspell dictionary name, e.g. fa_IR
  // More dictionaries of the same language, consulted when `dictionary`
  // does not know a word (en_GB beside en_US: "travelled", "labour").
  std::vector<std::string> also_dictionaries;
  RuleLocation where;

  std::vector<std::string> detect_words;  // keys of frequent words
  std::unordered_map<std::string, MonthRef> months;  // key -> month
  std::unordered_map<std::string, int> day_words;    // key -> day of month
  std::vector<std::string> connectors;               // normalized
  std::map<std::string, std::vector<std::string>> anaphora;  // day|month|year -> normalized
  std::vector<DateTemplate> dates;
  std::vector<EventTrigger> triggers;
  // Which dates and triggers can match a text, in one pass. Compiled, with
  // the gazetteer below, by RuleSet::language() on the pack's first use: a
  // run meets few of the packs, and these were most of the start-up of one
  // that checks a pair of documents. A pack read from RuleSet::languages
  // directly may not be compiled yet (compiled() says).
  mutable PatternFilter date_filter, trigger_filter;
  bool compiled() const { return compile_once.done(); }
  mutable OnceLatch compile_once;
  std::vector<std::string> cumulative;  // keys: «در مجموع», "acumulada"
  // Named word lists that checks read (flashback markers, list separators,
  // part cues...), normalized and case-folded; see README "Rule files".
  std::map<std::string, std::vector<std::string>> lists;
  const std::vector<std::string>& list(const std::string& name) const;

  std::map<std::string, NameCues> name_cues;  // entity type -> cues
  std::vector<std::string> name_suffixes;     // keys; derived forms, not typos
  std::vector<std::string> name_prefixes;     // keys; attached prepositions
  // Sets of word endings that transliterate the same sound, keys: «کریموف»
  // and «کریماف» both write Karimov; neither is a misspelling of the other.
  std::vector<std::vector<std::string>> name_variant_endings;
  // Words and marks that join two names of one kind («فرغانه، نمنگان و
  // بخارا», «تبریز ـ باکو»), as written (normalization removes the tatweel
  // «ـ»): a near miss joined to a name of the type it resembles is cued,
  // strongly.
  std::vector<std::string> name_joiners;
  std::vector<std::u32string> near_letters;   // groups of easily confused letters
  // Which slips the spelling check may correct to a word the group never
  // writes (`spelling_unattested`): a dictionary that lacks many real words
  // (myspell-fa) makes a lone "correction" of an unlisted word a guess.
  enum class Unattested { kNone, kDoubled, kAll };
  Unattested spelling_unattested = Unattested::kAll;

  // Numbers and quantities. Decimal and grouping separators come from CLDR
  // (ICU DecimalFormatSymbols) plus the pack's extras (Persian «/»).
  struct Quantities {
    std::vector<std::string> decimal;  // normalized separators
    std::vector<std::string> group;
    std::vector<std::string> connectors;            // «و», "y", "and" in spelled numbers
    bool spelled = false;                           // parse spelled numbers with ICU RBNF
    std::unordered_map<std::string, double> scales;       // key -> multiplier
    std::unordered_map<std::string, std::string> units;   // key -> unit id (USD, km, %...)
    std::unordered_map<std::string, std::string> qualifiers;  // key -> approximate|more_than|less_than
    std::unordered_map<std::string, bool> number_words;   // keys of RBNF words (value: true)
    std::shared_ptr<const RE2> regex;  // compiled by load_rules()
    int group_qualifier = 0, group_prefix = 0, group_number = 0, group_spelled = 0, group_scale = 0,
        group_unit = 0;
    // The pieces of `regex` in its order (qualifier, prefix, number,
    // spelled, scale, unit), each matched anchored at its start, each with
    // one capture (the piece's group) where it has one: the captures of a
    // match found by `regex` are read off them, which is far cheaper than
    // RE2 computing them on the whole pattern. Compiled on first use (a run
    // meets few of the packs); empty when not built (a pack assembled by
    // hand): `regex` alone is then used.
    class Parts {
     public:
      Parts(std::array<std::string, 6> sources, const RE2::Options& options);
      // The compiled pieces, or nullptr when one does not compile.
      const std::array<std::shared_ptr<const RE2>, 6>* get() const;

     private:
      struct Lazy {
        std::once_flag once;
        std::array<std::string, 6> sources;
        RE2::Options options;
        std::array<std::shared_ptr<const RE2>, 6> pieces;
        bool ok = false;
      };
      std::shared_ptr<Lazy> lazy_;
    };
    std::optional<Parts> parts;
  };
  Quantities quantities;

  // Typography and orthography (rules/<lang>/typography.yaml,
  // orthography.yaml): read by the encoding, segmentation and orthography
  // checks. Loaded by load_typography_keys() (src/rules/typography.cpp).
  std::vector<std::string> quotes;  // {opening, closing}: «, » or “, ”; empty: “ ”
  struct Abbreviation {
    std::string text;                // as written in YAML: "EE. UU."
    std::vector<std::string> parts;  // normalized, case kept: "EE.", "UU."
    RuleLocation where;
  };
  std::vector<Abbreviation> abbreviations;  // of two or more parts each
  // The older orthography of a script (Persian: Arabic yeh and kaf, no
  // ZWNJ after «می» or before «ها»). Letters and affixes are raw code
  // points: normalization would fold exactly what this describes.
  struct Orthography {
    struct Letter {
      char32_t from = 0;  // U+064A ARABIC LETTER YEH
      char32_t to = 0;    // U+06CC ARABIC LETTER FARSI YEH
      std::string name;   // "Arabic yeh", for messages
    };
    struct Affix {
      std::u32string text;   // «می», «ها»
      std::u32string after;  // suffixes only: letters the stem must end with (empty: any)
    };
    std::vector<Letter> letters;
    std::vector<Affix> prefixes;  // written with a ZWNJ before the word
    std::vector<Affix> suffixes;  // written with a ZWNJ after the word
    bool declared() const { return !letters.empty() || !prefixes.empty() || !suffixes.empty(); }
  };
  Orthography orthography;

  // Compiled from the gazetteer by RuleSet::language(): what each (case-folded)
  // name and demonym of this language denotes, and the same names indexed
  // by their first word for a search token by token (one hash look-up per
  // token of the text, whatever the size of the gazetteer).
  struct EntityName {
    std::size_t entity = 0;  // index into RuleSet::entities
    bool demonym = false;
    bool acronym = false;  // all capitals: matched case-sensitively
  };
  // Both are asked for every token: looked up by string_view, no copy.
  mutable std::unordered_map<std::string, EntityName, TextHash, std::equal_to<>> entity_names;
  struct GazetteerName {
    std::vector<std::string> words;  // token keys
    // gaps[i] is the text after words[i] (whitespace runs as one space):
    // "." and ". " in "EE. UU."; the last is what the name ends with.
    std::vector<std::string> gaps;
    std::size_t bytes = 0;  // of the key: at one place the longest name wins
    EntityName denotes;
  };
  mutable std::unordered_map<std::string, std::vector<GazetteerName>, TextHash, std::equal_to<>>
      gazetteer;  // first word -> names, longest first
};

struct Entity {
  std::string id;
  std::string type;  // country, city, person, organization...
  std::map<std::string, std::vector<std::string>> names;     // lang -> names
  std::map<std::string, std::vector<std::string>> demonyms;  // lang -> adjectives
  std::string country;  // cities: the id of their country (where an event hosted there happens)
  RuleLocation where;
};

// An event (relations established, a visit) has a date; a measure (trade
// volume, aid granted, population) has a quantity in one of `units`.
struct EventType {
  std::string id;
  std::string description;
  std::string participants;  // entity type of the participants
  bool once = false;         // happens once per participant set
  // The place tells the participants apart: an embassy opened in Almaty is
  // the other country's embassy in Kazakhstan, not Kazakhstan's abroad.
  bool located = false;
  // Happens now and then, but rarely twice in a month: when each source
  // dates it once in a month, to the day, they speak of the same one (a
  // visit, a signing), and different days are a conflict.
  bool one_per_month = false;
  bool measure = false;
  std::vector<std::string> units;  // unit ids a measure accepts (USD, km...)
  RuleLocation where;
};

struct CheckSetting {
  std::string value;
  RuleLocation where;      // the value: a bad value is pointed at here
  RuleLocation key_where;  // the option's name: an unknown option is pointed at here
};

struct CheckConfig {
  std::map<std::string, CheckSetting> settings;  // option -> value
  RuleLocation where;
};

class RuleSet {
 public:
  Normalizer normalizer;
  std::map<std::string, LanguagePack> languages;
  std::vector<Entity> entities;
  std::vector<EventType> events;
  std::map<std::string, CheckConfig> checks;  // check id -> settings
  std::vector<std::string> folders;           // where these rules came from

  // The pack, compiled (its pattern filters and gazetteer) on the first
  // call for it; thread-safe. nullptr when no folder has that language.
  const LanguagePack* language(const std::string& id) const;
  const EventType* event(const std::string& id) const;
  const Entity* entity(const std::string& id) const;
};

struct RuleLoadOptions {
  // Larger rule files are refused before they are read (--max-rule-bytes).
  std::size_t max_rule_bytes = kDefaultMaxRuleBytes;
};

// Loads and compiles every rule folder, later folders extending earlier ones.
// Throws UserError naming the rule file and its line and column.
RuleSet load_rules(const std::vector<std::string>& folders, const RuleLoadOptions& options = {});

// The folder of rules shipped with concord: $CONCORD_RULES, else rules/ next
// to the executable's parent, else the source tree's rules/.
std::string default_rules_folder();

}  // namespace concord

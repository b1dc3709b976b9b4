// name: a word (or words) within a small edit distance of a known name,
// where the text wants that name. Catches real-word near misses such as
// «آلمانی» ("German") written for the city «آلماتی» (Almaty).
//
// Evidence required, so a pre-commit check does not cry wolf:
//  - the entity is named correctly somewhere in the group (any source), or,
//    for a word the dictionary does not know, a context cue for the
//    entity's type stands next to it;
//  - a real word (known to the dictionary) needs both: the group names the
//    entity, and a cue («به», «در», «وارد» before a city...) is adjacent;
//  - a derived form of a known name (name + a pack suffix) is not a typo.
#include <fmt/format.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "checks/registry.h"
#include "text/distance.h"

namespace concord {
namespace {

// The word without its accents (NFD, nonspacing marks dropped): "Nursultan"
// and "Nursultán" are the same name, not a misspelling.
std::u32string skeleton(const std::u32string& key) {
  UErrorCode status = U_ZERO_ERROR;
  static const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  std::u32string out;
  for (char32_t c : key) {
    icu::UnicodeString decomposed;
    if (nfd == nullptr || !nfd->getDecomposition(static_cast<UChar32>(c), decomposed)) {
      out += c;
      continue;
    }
    for (int32_t i = 0; i < decomposed.length(); i = decomposed.moveIndex32(i, 1)) {
      const UChar32 d = decomposed.char32At(i);
      if (u_charType(d) != U_NON_SPACING_MARK) out += static_cast<char32_t>(d);
    }
  }
  return out;
}

constexpr std::size_t kNoEntity = static_cast<std::size_t>(-1);

std::vector<std::u32string> split_words(const std::u32string& s) {
  std::vector<std::u32string> words(1);
  for (char32_t c : s) {
    if (c == U' ') {
      if (!words.back().empty()) words.emplace_back();
    } else {
      words.back() += c;
    }
  }
  if (words.back().empty()) words.pop_back();
  return words;
}

struct Name {
  std::u32string key;  // normalized, case-folded
  std::u32string skeleton;
  std::size_t entity;
  std::size_t tokens;
  std::string display;  // as the gazetteer writes it
};

// A polynomial hash of a code point string, and of its single-deletion
// variants in O(1) each from the prefix hashes: windows of text are
// screened against the names' variants without building a string per
// variant. Equal strings hash alike; a hit is confirmed on the strings.
constexpr std::uint64_t kBase = 0x100000001b3ull * 2 + 1;

std::uint64_t poly_hash(const std::u32string& s) {
  std::uint64_t h = 0;
  for (char32_t c : s) h = h * kBase + c;
  return h;
}

std::uint64_t triple_hash(char32_t a, char32_t b, char32_t c) {
  return ((std::uint64_t{a} * 0x100000001b3ull ^ b) * 0x100000001b3ull ^ c) * 0x9E3779B97F4A7C15ull;
}

// Names of one language with one token count, indexed for distance-1
// look-ups by their single-deletion variants (the SymSpell idea): a word
// and a name within one edit share the word, the name, or one deletion of
// each.
//
// Three bitsets screen the windows of text before any hash look-up; each
// is sized to its index (about 32 bits per variant, so that some 3% of
// the bits are set), which keeps the small indexes of long names in a few
// cache lines: the screen is read for every window, millions per corpus,
// and was bound by cache misses at a fixed 32 KiB per bitset.
struct VariantIndex {
  std::unordered_map<std::u32string, std::vector<std::size_t>> variants;
  std::unordered_set<std::uint64_t> hashes;  // poly_hash of every key of `variants`
  std::vector<std::uint64_t> screen;       // bits of `hashes`: most misses stop here
  std::vector<std::uint64_t> triples;      // bits: first three code points of a variant
  std::vector<std::uint64_t> end_triples;  // bits: its last three
  unsigned shift = 58;                     // a bit is a hash's top 64 - shift bits
  bool short_variant = false;  // a variant under three code points: no screening by its start
  std::size_t min_length = std::numeric_limits<std::size_t>::max(), max_length = 0;  // of the names

  void add(const std::u32string& key, std::size_t id) {
    min_length = std::min(min_length, key.size());
    max_length = std::max(max_length, key.size());
    variants[key].push_back(id);
    for (std::size_t i = 0; i < key.size(); ++i) {
      std::u32string v = key;
      v.erase(i, 1);
      variants[v].push_back(id);
    }
  }
  // Builds the hashes and bitsets once every name is added.
  void finish() {
    std::size_t bits = 4096;
    while (bits < variants.size() * 32 && bits < (std::size_t{1} << 20)) bits *= 2;
    shift = 64;
    for (std::size_t b = bits; b > 1; b /= 2) --shift;
    screen.assign(bits / 64, 0);
    triples.assign(bits / 64, 0);
    end_triples.assign(bits / 64, 0);
    for (const auto& [v, ids] : variants) {
      const std::uint64_t h = poly_hash(v);
      hashes.insert(h);
      set(screen, mix(h));
      if (v.size() < 3) {
        short_variant = true;
      } else {
        const std::size_t n = v.size();
        set(triples, triple_hash(v[0], v[1], v[2]));
        set(end_triples, triple_hash(v[n - 1], v[n - 2], v[n - 3]));
      }
    }
  }
  static std::uint64_t mix(std::uint64_t h) { return h * 0x9E3779B97F4A7C15ull; }
  void set(std::vector<std::uint64_t>& bitset, std::uint64_t h) const {
    const std::size_t bit = static_cast<std::size_t>(h >> shift);
    bitset[bit >> 6] |= std::uint64_t{1} << (bit & 63);
  }
  bool test(const std::vector<std::uint64_t>& bitset, std::uint64_t h) const {
    const std::size_t bit = static_cast<std::size_t>(h >> shift);
    return ((bitset[bit >> 6] >> (bit & 63)) & 1) != 0;
  }
  bool has_hash(std::uint64_t h) const { return test(screen, mix(h)) && hashes.count(h) != 0; }
  bool has_triple(char32_t a, char32_t b, char32_t c) const { return test(triples, triple_hash(a, b, c)); }
  // The last three code points of a variant are ... a b c.
  bool has_end_triple(char32_t a, char32_t b, char32_t c) const { return test(end_triples, triple_hash(c, b, a)); }
};

struct Lexicon {
  std::vector<Name> names;
  std::vector<VariantIndex> by_tokens;  // [k]: names of k tokens
  EditDistance distance;
  std::size_t max_tokens = 1;
};

std::size_t count_tokens(const std::u32string& s) {
  std::size_t n = 0;
  bool in = false;
  for (char32_t c : s) {
    const bool w = is_word_char(c);
    if (w && !in) ++n;
    in = w;
  }
  return n;
}

// What the words around a window say about the name it may be.
enum class Cue { kNone, kWeak, kStrong };

class NameCheck : public Check {
 public:
  NameCheck(const RuleSet& rules, double max_distance, double near_cost, std::size_t min_length,
            std::size_t real_word_min_length, std::size_t strong_cue_min_length)
      : max_distance_(max_distance),
        min_length_(min_length),
        real_word_min_length_(real_word_min_length),
        strong_cue_min_length_(strong_cue_min_length) {
    for (const auto& [lang, pack] : rules.languages) {
      auto& keys = joiner_keys_[lang];
      for (const std::string& j : pack.name_joiners) keys.push_back(rules.normalizer.key(j));
      auto& lazy = lexicons_[lang];
      lazy = std::make_unique<LazyLexicon>();
      lazy->lex.distance = EditDistance(pack.near_letters, near_cost);
    }
  }

  void run(const Group& group, std::vector<Finding>& out) const override {
    // Entities named correctly anywhere in the group, also inside the name
    // of another («valle de Fergana» writes Fergana).
    std::set<std::size_t> named;
    for (const AnalyzedSource& s : group.sources) {
      const auto& tokens = s.doc.tokens();
      for (const EntityMention& m : s.extraction.entities) {
        if (m.demonym) continue;
        named.insert(m.entity);
        for (std::size_t t = s.doc.token_at_or_after(m.begin); t < tokens.size() && tokens[t].end <= m.end; ++t) {
          auto it = s.pack->entity_names.find(s.doc.token_key(t));
          if (it != s.pack->entity_names.end() && !it->second.demonym) named.insert(it->second.entity);
        }
      }
    }
    // Every word the group writes, built on first need: a multi-word name
    // whose differing word the group spells right elsewhere («این سپاه»
    // beside «سیاه صلح») is wanted.
    std::optional<std::unordered_set<std::string_view>> words;
    for (const AnalyzedSource& source : group.sources) check_source(group, source, named, words, out);
  }

 private:
  void check_source(const Group& group, const AnalyzedSource& source, const std::set<std::size_t>& named,
                    std::optional<std::unordered_set<std::string_view>>& words, std::vector<Finding>& out) const {
    const RuleSet& rules = *group.rules;
    const Lexicon* found = lexicon(rules, source.pack->id);
    if (found == nullptr || found->names.empty()) return;
    const Lexicon& lex = *found;
    const Document& doc = source.doc;
    const std::string& text = doc.text();
    const auto& tokens = doc.tokens();

    // Tokens inside an exact gazetteer name are correct by definition. A
    // demonym («آلمانی», German) is a real word too, but when the group
    // never names its country it may stand for a near-identical name.
    std::vector<unsigned char> covered(tokens.size(), 0);  // bytes, not bits: read in every pass
    for (const EntityMention& m : source.extraction.entities) {
      if (m.demonym && named.count(m.entity) == 0) continue;
      for (std::size_t t = doc.token_at_or_after(m.begin); t < tokens.size() && tokens[t].begin < m.end; ++t) {
        covered[t] = true;
      }
    }
    // How often the document writes each word, counted on first need.
    std::optional<std::unordered_map<std::string_view, std::size_t>> counts;
    // The entity each token names, for names joined to a near miss.
    std::vector<std::size_t> entity_at(tokens.size(), kNoEntity);
    for (const EntityMention& m : source.extraction.entities) {
      if (m.demonym) continue;
      for (std::size_t t = doc.token_at_or_after(m.begin); t < tokens.size() && tokens[t].begin < m.end; ++t) {
        entity_at[t] = m.entity;
      }
    }
    std::vector<unsigned char> flagged(tokens.size(), 0);
    // Token keys as code points, one after the other; whether the text
    // between token u-1 and u is whitespace only.
    std::u32string keys;
    std::vector<std::size_t> starts;
    std::vector<unsigned char> spaced(tokens.size(), 0);
    starts.reserve(tokens.size() + 1);
    keys.reserve(text.size());  // a key has at most a code point per byte of its token, nearly always
    for (std::size_t u = 0; u < tokens.size(); ++u) {
      starts.push_back(keys.size());
      append_u32(keys, doc.token_key(u));
      if (u > 0) {
        bool ws = true;
        for (std::size_t b = tokens[u - 1].end; b < tokens[u].begin && ws; ++b) {
          ws = text[b] == ' ' || text[b] == '\n' || text[b] == '\t';
        }
        spaced[u] = ws;
      }
    }
    starts.push_back(keys.size());
    std::u32string key;
    // Longest windows first: "Nursultan Nazabayev" is one finding against
    // "Nursultan Nazarbayev", narrowed below to the word that differs.
    // unspaced[t]: the first u > t whose gap before it is not whitespace.
    std::vector<std::size_t> unspaced(tokens.size() + 1, tokens.size());
    for (std::size_t t = tokens.size(); t-- > 0;) {
      unspaced[t] = t + 1 < tokens.size() && !spaced[t + 1] ? t + 1 : (t + 1 < tokens.size() ? unspaced[t + 1] : tokens.size());
    }
    std::vector<std::size_t> blocked(tokens.size() + 1, tokens.size());  // first u >= t covered or flagged
    bool stale = true;  // blocked[] must be recomputed: a window was flagged
    for (std::size_t k = lex.max_tokens; k >= 1; --k) {
      if (stale) {
        for (std::size_t t = tokens.size(); t-- > 0;) blocked[t] = covered[t] || flagged[t] ? t : blocked[t + 1];
        stale = false;
      }
      for (std::size_t t = 0; t + k <= tokens.size(); ++t) {
        // Words of a multi-word window are separated by whitespace only.
        if (blocked[t] < t + k || unspaced[t] < t + k) continue;
        // The window's key: its token keys joined by single spaces (case
        // folding maps each code point on its own).
        const std::size_t length = starts[t + k] - starts[t] + (k - 1);
        if (length + 1 < min_length_) continue;
        if (!may_be_near(lex, k, keys, starts, t, length)) continue;
        key.clear();
        for (std::size_t u = t; u < t + k; ++u) {
          if (u > t) key += U' ';
          key.append(keys, starts[u], starts[u + 1] - starts[u]);
        }
        const Name* best = nearest(lex, key, k);
        if (best == nullptr) continue;
        if (k > 1 && !words) {
          words.emplace();
          for (const AnalyzedSource& s : group.sources) {
            for (std::size_t u = 0; u < s.doc.tokens().size(); ++u) words->insert(s.doc.token_key(u));
          }
        }
        static const std::unordered_set<std::string_view> kNone;
        if (!wanted(group, source, t, k, *best, key, named, words ? *words : kNone, entity_at, counts)) continue;
        for (std::size_t u = t; u < t + k; ++u) {
          flagged[u] = 1;
          blocked[u] = u;
        }
        stale = true;
        const Entity& entity = rules.entities[best->entity];
        // Narrow a multi-word match to the words that differ.
        std::size_t first = t, last = t + k - 1;
        std::u32string wrong = key, right = best->key;
        if (k > 1) {
          const auto written = split_words(key), name_words = split_words(best->key);
          if (written.size() == k && name_words.size() == k) {
            std::size_t a = 0, b = k - 1;
            while (a < k && written[a] == name_words[a]) ++a;
            while (b > a && written[b] == name_words[b]) --b;
            first = t + a;
            last = t + b;
            wrong.clear();
            right.clear();
            for (std::size_t i = a; i <= b; ++i) {
              wrong += (i > a ? U" " : U"") + written[i];
              right += (i > a ? U" " : U"") + name_words[i];
            }
          }
        }
        const std::size_t span_begin = tokens[first].begin, span_end = tokens[last].end;
        const std::string original(doc.original_slice(span_begin, span_end));
        const std::string suggestion = suggest(group, source, right, wrong, original);
        Finding f = finding(fmt::format("«{}» looks like a misspelling of the {} {} («{}»)", original,
                                        entity.type, display(entity), suggestion),
                            {source.location(span_begin, span_end)}, suggestion);
        f.subject = entity.id;
        out.push_back(std::move(f));
      }
    }
  }

  // A cheap necessary condition for nearest() to find a name of k tokens:
  // the window's length is within one of a name's, and one of the
  // variants it would look up starts with three code points some indexed
  // variant starts with (the key starts with k0 k1 k2, the key without one
  // of its first three code points with k1 k2 k3, k0 k2 k3 or k0 k1 k3).
  static bool may_be_near(const Lexicon& lex, std::size_t k, const std::u32string& keys,
                          const std::vector<std::size_t>& starts, std::size_t t, std::size_t length) {
    if (k >= lex.by_tokens.size()) return false;
    const VariantIndex& index = lex.by_tokens[k];
    if (index.variants.empty() || length + 1 < index.min_length || length > index.max_length + 1) return false;
    if (index.short_variant || length < 4) return true;
    // The first four code points of the window (token keys joined by spaces).
    char32_t c[4];
    std::size_t n = 0;
    for (std::size_t u = t; n < 4; ++u) {
      if (u > t) c[n++] = U' ';
      for (std::size_t i = starts[u]; i < starts[u + 1] && n < 4; ++i) c[n++] = keys[i];
    }
    if (!(index.has_triple(c[0], c[1], c[2]) || index.has_triple(c[1], c[2], c[3]) ||
          index.has_triple(c[0], c[2], c[3]) || index.has_triple(c[0], c[1], c[3]))) {
      return false;
    }
    // The same at the end: the last four code points e0 e1 e2 e3, and the
    // last three of a variant looked up are e1 e2 e3, or, without one of
    // the last three, e0 e2 e3, e0 e1 e3 or e0 e1 e2.
    char32_t e[4];
    std::size_t m = 4;
    for (std::size_t u = t + k; m > 0 && u-- > t;) {
      for (std::size_t i = starts[u + 1]; i > starts[u] && m > 0;) e[--m] = keys[--i];
      if (u > t && m > 0) e[--m] = U' ';
    }
    return index.has_end_triple(e[1], e[2], e[3]) || index.has_end_triple(e[0], e[2], e[3]) ||
           index.has_end_triple(e[0], e[1], e[3]) || index.has_end_triple(e[0], e[1], e[2]);
  }

  const Name* nearest(const Lexicon& lex, const std::u32string& key, std::size_t tokens) const {
    const VariantIndex& index = lex.by_tokens[tokens];
    // Prefix hashes and powers of the base: the hash of the key without
    // code point i is prefix[n] + (prefix[i] - prefix[i+1]) * base^(n-1-i).
    const std::size_t n = key.size();
    thread_local std::vector<std::uint64_t> prefix, power;
    prefix.assign(n + 1, 0);
    power.assign(n + 1, 1);
    for (std::size_t i = 0; i < n; ++i) {
      prefix[i + 1] = prefix[i] * kBase + key[i];
      power[i + 1] = power[i] * kBase;
    }
    std::vector<std::size_t> candidates;
    auto look = [&](const std::u32string& v) {
      auto it = index.variants.find(v);
      if (it != index.variants.end()) candidates.insert(candidates.end(), it->second.begin(), it->second.end());
    };
    if (index.has_hash(prefix[n])) look(key);
    for (std::size_t i = 0; i < n; ++i) {
      const std::uint64_t h = prefix[n] + (prefix[i] - prefix[i + 1]) * power[n - 1 - i];
      if (!index.has_hash(h)) continue;
      std::u32string v = key;
      v.erase(i, 1);
      look(v);
    }
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    const Name* best = nullptr;
    double best_distance = 0;
    std::optional<std::u32string> key_skeleton;
    for (std::size_t id : candidates) {
      const Name& name = lex.names[id];
      if (name.tokens != tokens) continue;
      // The word is the name, or the name without its accents: correct.
      if (name.key == key) return nullptr;
      if (!key_skeleton) key_skeleton = skeleton(key);
      if (name.skeleton == *key_skeleton) return nullptr;
      const double d = lex.distance(key, name.key);
      if (d > max_distance_) continue;
      if (best == nullptr || d < best_distance) {
        best = &name;
        best_distance = d;
      }
    }
    return best;
  }

  bool wanted(const Group& group, const AnalyzedSource& source, std::size_t t, std::size_t k, const Name& name,
              const std::u32string& key, const std::set<std::size_t>& named,
              const std::unordered_set<std::string_view>& words, const std::vector<std::size_t>& entity_at,
              std::optional<std::unordered_map<std::string_view, std::size_t>>& counts) const {
    const LanguagePack& pack = *source.pack;
    const std::string word = to_utf8(key);
    // Itself a name of something else, or a demonym of a country the group
    // names.
    if (auto it = pack.entity_names.find(word); it != pack.entity_names.end()) {
      if (!it->second.demonym || named.count(it->second.entity) != 0) return false;
    }
    // A derived form of a name the group uses: Kazakhstan + i, not a typo.
    for (const std::string& suffix : pack.name_suffixes) {
      if (word.size() <= suffix.size() || word.compare(word.size() - suffix.size(), suffix.size(), suffix) != 0) {
        continue;
      }
      auto base = pack.entity_names.find(word.substr(0, word.size() - suffix.size()));
      if (base != pack.entity_names.end() && named.count(base->second.entity) != 0) return false;
    }
    // A capitalized name is not misspelt as a lower-case word.
    const Document& doc = source.doc;
    const std::u32string first = to_u32(doc.slice(doc.tokens()[t].begin, doc.tokens()[t].end));
    const std::u32string name_first = to_u32(name.display);
    if (!first.empty() && !name_first.empty() && u_isupper(static_cast<UChar32>(name_first[0])) &&
        !u_isupper(static_cast<UChar32>(first[0]))) {
      return false;
    }
    // A slip rarely changes a name's first letter, but to one that differs
    // by its dots: «قاپان» is Kapan («کاپان») in another transliteration.
    const EditDistance& distance = lexicons_.at(pack.id)->lex.distance;
    if (!key.empty() && !name.key.empty() && key[0] != name.key[0] && distance.substitution(key[0], name.key[0]) >= 1.0) {
      return false;
    }
    const bool group_names_it = named.count(name.entity) != 0;
    const Cue cue = has_cue(group, source, t, k, name, entity_at);
    const Speller& speller = group.spellers->get(pack);
    // A real word: known to the dictionary, or to the pack's `vocabulary`
    // (words a dictionary lacks, such as «آقای», "Mr", which is one letter
    // from «آقایف», Akayev).
    const auto& vocabulary = pack.list("vocabulary");
    const bool real_word =
        k == 1 && (!speller.available() || speller.known(doc.slice(doc.tokens()[t].begin, doc.tokens()[t].end)) ||
                   std::find(vocabulary.begin(), vocabulary.end(), doc.token_key(t)) != vocabulary.end());
    if (real_word) {
      // A common word capitalized inside a sentence ("the embassy in Soul")
      // is written as a name: as much evidence as a strong cue.
      const auto& tokens = doc.tokens();
      const bool sentence_start = t == 0 || doc.sentence_index(tokens[t - 1].begin) != doc.sentence_index(tokens[t].begin);
      const bool written_as_name = !first.empty() && u_isupper(static_cast<UChar32>(first[0])) && !sentence_start &&
                                   !name_first.empty() && u_isupper(static_cast<UChar32>(name_first[0]));
      const std::size_t min_length =
          cue == Cue::kStrong || written_as_name ? strong_cue_min_length_ : real_word_min_length_;
      return group_names_it && cue != Cue::kNone && key.size() >= min_length;
    }
    if (!group_names_it) {
      // With a cue alone as evidence, a place is wanted only in a country
      // the group names: «بندر بوسان» (Busan, which the gazetteer lacks) in
      // a text on Korea and Uzbekistan is not a misspelt Boston.
      const Entity& wanted_entity = group.rules->entities[name.entity];
      if (!wanted_entity.country.empty()) {
        const Entity* country = group.rules->entity(wanted_entity.country);
        if (country != nullptr && named.count(static_cast<std::size_t>(country - group.rules->entities.data())) == 0) {
          return false;
        }
      }
      // With a cue alone as evidence, a different first letter is another
      // name, not a slip ("a consulate in Kapan" is no misspelt Japan), and
      // so is a word written more than once ("el ferrocarril Rasht-Astara"
      // twice is no misspelt Astana): a slip is seldom made twice alike.
      if (!key.empty() && !name.key.empty() && key[0] != name.key[0]) return false;
      if (k == 1) {
        if (!counts) {
          counts.emplace();
          for (std::size_t u = 0; u < doc.tokens().size(); ++u) ++(*counts)[doc.token_key(u)];
        }
        if ((*counts)[doc.token_key(t)] > 1) return false;
      }
    }
    bool respelled_elsewhere = false;
    if (k > 1) {
      const auto written = split_words(key), right = split_words(name.key);
      for (std::size_t i = 0; i < written.size() && i < right.size(); ++i) {
        if (written[i] != right[i] && words.count(to_utf8(right[i])) != 0) respelled_elsewhere = true;
      }
    }
    return group_names_it || cue != Cue::kNone || respelled_elsewhere;
  }

  // A cue word next to the window, or a name of the same type joined to it
  // («فرغانه، نمنگان و بخار», «تبریک ـ باکو»; strong, as is a word that
  // says what the name is, «شهر», «منطقه»).
  Cue has_cue(const Group& group, const AnalyzedSource& source, std::size_t t, std::size_t k, const Name& name,
              const std::vector<std::size_t>& entity_at) const {
    const LanguagePack& pack = *source.pack;
    const std::string& type = group.rules->entities[name.entity].type;
    const Document& doc = source.doc;
    const auto& tokens = doc.tokens();
    auto same_sentence = [&](std::size_t i) {
      return doc.sentence_index(tokens[i].begin) == doc.sentence_index(tokens[t].begin);
    };
    auto listed = [](const std::vector<std::string>& keys, std::string_view key) {
      return std::find(keys.begin(), keys.end(), key) != keys.end();
    };
    // The token joined to `from` on one side (step -1 or +1): across a
    // joining mark («،», «ـ») or a joining word («و»), else none.
    auto joined = [&](std::size_t from, int step) -> std::optional<std::size_t> {
      std::size_t u = from;
      for (int hop = 0; hop < 2; ++hop) {
        if ((step < 0 && u == 0) || (step > 0 && u + 1 >= tokens.size())) return std::nullopt;
        const std::size_t v = step < 0 ? u - 1 : u + 1;
        if (!same_sentence(v)) return std::nullopt;
        const std::size_t gap_begin = step < 0 ? tokens[v].end : tokens[u].end;
        const std::size_t gap_end = step < 0 ? tokens[u].begin : tokens[v].begin;
        // The original text: normalization removes the tatweel of «تبریز ـ باکو».
        std::string_view gap = doc.original_slice(gap_begin, gap_end);
        while (!gap.empty() && (gap.front() == ' ' || gap.front() == '\n')) gap.remove_prefix(1);
        while (!gap.empty() && (gap.back() == ' ' || gap.back() == '\n')) gap.remove_suffix(1);
        if (!gap.empty()) return listed(pack.name_joiners, gap) ? std::optional<std::size_t>(v) : std::nullopt;
        if (hop == 0 && listed(joiner_keys_.at(pack.id), doc.token_key(v))) {
          u = v;  // a joining word: the name is beyond it
          continue;
        }
        return hop == 0 ? std::nullopt : std::optional<std::size_t>(v);
      }
      return std::nullopt;
    };
    for (const auto& other : {joined(t, -1), joined(t + k - 1, +1)}) {
      if (other && entity_at[*other] != kNoEntity && entity_at[*other] != name.entity &&
          group.rules->entities[entity_at[*other]].type == type) {
        return Cue::kStrong;
      }
    }
    auto it = pack.name_cues.find(type);
    if (it == pack.name_cues.end()) return Cue::kNone;
    if (t > 0 && same_sentence(t - 1)) {
      const std::string_view before = doc.token_key(t - 1);
      if (listed(it->second.strong, before)) return Cue::kStrong;
      if (listed(it->second.before, before)) return Cue::kWeak;
    }
    if (t + k < tokens.size() && same_sentence(t + k) && listed(it->second.after, doc.token_key(t + k))) {
      return Cue::kWeak;
    }
    return Cue::kNone;
  }

  // The correction, written the way this document writes (Arabic yeh kept
  // in a text in the older orthography).
  std::string suggest(const Group& group, const AnalyzedSource& source, const std::u32string& name_key,
                      const std::u32string& key, const std::string& original) const {
    const std::u32string orig_key = to_u32(fold_case(group.rules->normalizer.normalize_string(original)));
    if (orig_key != key) return to_utf8(name_key);
    return respell(original, key, name_key, lexicons_.at(source.pack->id)->lex.distance);
  }

  // The gazetteer's names in `lang`, indexed for the distance search on the
  // first call for that language: a run meets few of the packs, and
  // indexing every pack's names was most of building the engine (the seed
  // pair: 70 M instructions, en's a third of them). nullptr for a language
  // without a pack.
  const Lexicon* lexicon(const RuleSet& rules, const std::string& lang) const {
    const auto it = lexicons_.find(lang);
    if (it == lexicons_.end()) return nullptr;
    LazyLexicon& lazy = *it->second;
    std::call_once(lazy.once, [&] {
      Lexicon& lex = lazy.lex;
      for (std::size_t e = 0; e < rules.entities.size(); ++e) {
        auto names = rules.entities[e].names.find(lang);
        if (names == rules.entities[e].names.end()) continue;
        for (const std::string& name : names->second) {
          Name n{to_u32(collapse_spaces(rules.normalizer.key(name))), {}, e, 0, name};
          n.skeleton = skeleton(n.key);
          n.tokens = count_tokens(n.key);
          if (n.key.size() < min_length_ || n.tokens == 0) continue;
          lex.max_tokens = std::max(lex.max_tokens, n.tokens);
          if (lex.by_tokens.size() <= n.tokens) lex.by_tokens.resize(n.tokens + 1);
          lex.by_tokens[n.tokens].add(n.key, lex.names.size());
          lex.names.push_back(std::move(n));
        }
      }
      for (VariantIndex& index : lex.by_tokens) index.finish();
    });
    return &lazy.lex;
  }

  static std::string display(const Entity& e) {
    for (const char* lang : {"en", "es"}) {
      auto it = e.names.find(lang);
      if (it != e.names.end() && !it->second.empty()) return it->second.front();
    }
    return e.id;
  }

  double max_distance_;
  std::size_t min_length_;
  std::size_t real_word_min_length_;
  std::size_t strong_cue_min_length_;
  std::map<std::string, std::vector<std::string>> joiner_keys_;  // per language: the joiners as keys
  // Per language; the names are indexed on first need (lexicon()).
  struct LazyLexicon {
    std::once_flag once;
    Lexicon lex;
  };
  std::map<std::string, std::unique_ptr<LazyLexicon>> lexicons_;
};

}  // namespace

std::unique_ptr<Check> make_name_check(CheckOptions& options, const RuleSet& rules) {
  const double max_distance = options.number("max_distance", 1.0);
  const double near_cost = options.number("near_letter_cost", 0.5);
  const auto min_length = static_cast<std::size_t>(options.number("min_length", 4));
  const auto real_word_min_length = static_cast<std::size_t>(options.number("real_word_min_length", 5));
  const auto strong_cue_min_length = static_cast<std::size_t>(options.number("strong_cue_min_length", 4));
  return std::make_unique<NameCheck>(rules, max_distance, near_cost, min_length, real_word_min_length,
                                     strong_cue_min_length);
}

}  // namespace concord

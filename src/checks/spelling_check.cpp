// spelling: a word the language's dictionary does not know (nuspell with
// Debian's hunspell dictionaries, on normalized text) that is one typical
// slip away from a word it knows or a word the group uses: a doubled letter
// («فاارغ» → «فارغ»), letters that differ by their dots («فزاقی» → «قزاقی»),
// a dropped letter («مهمتین» → «مهمترین»), a letter too many («اقتصتادی» →
// «اقتصادی»), two letters swapped.
//
// Precision before recall: gazetteer names, words other sources of the
// group also use (foreign names), capitalized words in cased scripts, and
// words with several equally good corrections are left alone. A pack whose
// dictionary lacks many real words (myspell-fa has neither «متوازن» nor
// «ساکنان») says `spelling_unattested: doubled`: one edit from an unlisted
// word there is nearly always some other word it does list, so a correction
// must be a word the group writes, unless the slip is a doubled letter.
#include <fmt/format.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "checks/memo.h"
#include "checks/registry.h"
#include "text/distance.h"

namespace concord {
namespace {

// The letters a document writes (lower case), in code point order, each
// with its UTF-8.
struct Alphabet : std::vector<std::pair<char32_t, std::string>> {
  const std::pair<char32_t, std::string>* find(char32_t c) const {
    auto it = std::lower_bound(begin(), end(), c, [](const auto& l, char32_t x) { return l.first < x; });
    return it != end() && it->first == c ? &*it : nullptr;
  }
  bool contains(char32_t c) const { return find(c) != nullptr; }
};

struct Candidates {
  std::vector<std::u32string> words;
  void add(const std::u32string& w) {
    if (std::find(words.begin(), words.end(), w) == words.end()) words.push_back(w);
  }
};

// What the dictionary said about words and about their one-letter
// insertions, kept across groups: in a corpus the same unknown words
// (names, transliterations, the same slip) come back, and each costs
// hundreds of look-ups (nuspell takes microseconds for each).
struct DictionaryEntry {
  signed char known = -1;  // known_word(); -1: not asked yet
  std::u32string letters;  // letters tried as insertions, sorted
  std::vector<std::pair<std::uint32_t, char32_t>> insertions;  // (position, letter) the dictionary knows, sorted
};
using DictionaryMemo = BoundedMemo<std::string, DictionaryEntry>;
// The main dictionary's answer for candidate corrections: the same unknown
// word comes back with the same candidates.
using KnownMemo = BoundedMemo<std::string, bool, 16384>;

// The words of a source's language in the group and, built on first need,
// each of them with one inner letter deleted: the insertions that make a
// short unknown word into a word the group writes are found by looking the
// word up, not by trying every letter at every place (hundreds of set
// look-ups for each unknown word).
class GroupWords {
 public:
  explicit GroupWords(const std::unordered_set<std::string_view>& words) : words_(words) {}
  bool contains(std::string_view w) const { return words_.count(w) != 0; }

  struct Insertion {
    std::size_t at;      // code point index in the unknown word
    char32_t letter;     // the letter inserted there
    std::string_view word;  // the word it makes, one of the group's
  };
  // Every word of the group that is `w` with one letter inserted at a code
  // point index 0 < at < w's length, ordered by place, then letter.
  std::vector<Insertion> insertions(std::string_view w) const {
    if (!built_) build();
    std::vector<Insertion> found;
    const std::size_t h = std::hash<std::string_view>{}(w);
    auto it = std::lower_bound(deletions_.begin(), deletions_.end(), h,
                               [](const Deletion& d, std::size_t x) { return d.hash < x; });
    for (; it != deletions_.end() && it->hash == h; ++it) {
      const std::string_view g = it->word;
      if (g.size() != w.size() + it->bytes || g.compare(0, it->offset, w.substr(0, it->offset)) != 0 ||
          g.substr(it->offset + it->bytes) != w.substr(it->offset)) {
        continue;
      }
      found.push_back({it->index, code_point_at(g, it->offset), g});
    }
    std::sort(found.begin(), found.end(), [](const Insertion& a, const Insertion& b) {
      return a.at != b.at ? a.at < b.at : a.letter < b.letter;
    });
    return found;
  }

 private:
  struct Deletion {
    std::size_t hash;     // of the word without the code point at `offset`
    std::string_view word;
    std::size_t offset;   // byte offset of the deleted code point
    std::size_t bytes;    // its length in bytes
    std::size_t index;    // its code point index
  };
  void build() const {
    built_ = true;
    std::vector<std::size_t> at;
    std::string buffer;
    for (const std::string_view g : words_) {
      at.clear();
      const auto* p = reinterpret_cast<const uint8_t*>(g.data());
      const auto n = static_cast<int32_t>(g.size());
      for (int32_t i = 0; i < n;) {
        at.push_back(static_cast<std::size_t>(i));
        U8_FWD_1(p, i, n);
      }
      at.push_back(g.size());
      // Inner code points only: 1 <= j <= length - 2.
      for (std::size_t j = 1; j + 2 < at.size(); ++j) {
        buffer.assign(g, 0, at[j]);
        buffer.append(g, at[j + 1], std::string_view::npos);
        deletions_.push_back({std::hash<std::string_view>{}(buffer), g, at[j], at[j + 1] - at[j], j});
      }
    }
    std::sort(deletions_.begin(), deletions_.end(),
              [](const Deletion& a, const Deletion& b) { return a.hash < b.hash; });
  }

  const std::unordered_set<std::string_view>& words_;
  mutable bool built_ = false;
  mutable std::vector<Deletion> deletions_;
};

class SpellingCheck : public Check {
 public:
  SpellingCheck(const RuleSet& rules, std::size_t min_length, std::size_t max_length, std::size_t min_long_length,
                std::size_t max_candidates)
      : min_length_(min_length),
        max_length_(max_length),
        min_long_length_(min_long_length),
        max_candidates_(max_candidates) {
    for (const auto& [lang, pack] : rules.languages) {
      distances_[lang] = EditDistance(pack.near_letters, 0.5);
      memos_[lang] = std::make_unique<DictionaryMemo>();
      known_memos_[lang] = std::make_unique<KnownMemo>();
    }
    index_near_letters(rules);
  }

  void run(const Group& group, std::vector<Finding>& out) const override {
    // Every word of the group, per source, to know what other sources use.
    std::vector<std::unordered_set<std::string_view>> words(group.sources.size());
    for (const AnalyzedSource& s : group.sources) {
      words[s.index].reserve(s.doc.tokens().size());  // no rehashing on the way
      for (std::size_t t = 0; t < s.doc.tokens().size(); ++t) words[s.index].insert(s.doc.token_key(t));
    }
    for (const AnalyzedSource& source : group.sources) check_source(group, source, words, out);
  }

 private:
  void check_source(const Group& group, const AnalyzedSource& source,
                    const std::vector<std::unordered_set<std::string_view>>& words, std::vector<Finding>& out) const {
    const Speller& speller = group.spellers->get(*source.pack);
    if (!speller.available()) return;
    const Document& doc = source.doc;
    const std::string& text = doc.text();
    const auto& tokens = doc.tokens();
    const LanguagePack& pack = *source.pack;
    const EditDistance& distance = distances_.at(pack.id);

    std::vector<bool> covered(tokens.size(), false);
    for (const EntityMention& m : source.extraction.entities) {
      for (std::size_t t = doc.token_at_or_after(m.begin); t < tokens.size() && tokens[t].begin < m.end; ++t) {
        covered[t] = true;
      }
    }
    // Words of this document and of the group's other sources in the same
    // language: a correction the group uses is likelier.
    // (Usually the source is its language's only one: its own set will do.)
    std::unordered_set<std::string_view> merged;
    std::size_t same = 0;
    for (const AnalyzedSource& s : group.sources) same += s.pack == source.pack ? 1 : 0;
    if (same > 1) {
      for (const AnalyzedSource& s : group.sources) {
        if (s.pack == source.pack) merged.insert(words[s.index].begin(), words[s.index].end());
      }
    }
    const GroupWords same_language(same > 1 ? merged : words[source.index]);
    // The letters this document writes: candidates for a dropped letter.
    std::set<char32_t> letters;
    {
      std::vector<bool> seen(0x10000, false);
      for (const TextSpan& t : tokens) {
        const std::string_view w = doc.slice(t.begin, t.end);
        const auto* p = reinterpret_cast<const uint8_t*>(w.data());
        const auto n = static_cast<int32_t>(w.size());
        for (int32_t i = 0; i < n;) {
          UChar32 c;
          U8_NEXT(p, i, n, c);
          if (c < 0) c = 0xFFFD;
          if (c < 0x10000) {
            if (seen[static_cast<std::size_t>(c)]) continue;
            seen[static_cast<std::size_t>(c)] = true;
          }
          if (u_isalpha(c)) letters.insert(static_cast<char32_t>(u_tolower(c)));
        }
      }
    }
    Alphabet alphabet;
    for (char32_t c : letters) alphabet.emplace_back(c, to_utf8(std::u32string(1, c)));
    std::unordered_map<std::string_view, std::optional<std::u32string>> memo;
    memo.reserve(words[source.index].size());
    for (std::size_t t = 0; t < tokens.size(); ++t) {
      if (covered[t]) continue;
      const std::string_view raw = doc.slice(tokens[t].begin, tokens[t].end);
      // Every edit of a word is looked up: a word longer than any real one
      // (a run of letters in a corrupt file) would cost its length squared.
      if (const std::size_t n = code_point_count(raw); n < min_length_ || n > max_length_) continue;
      // Proper nouns in cased scripts are the name check's business.
      if (u_isupper(static_cast<UChar32>(code_point_at(raw, 0)))) continue;
      // A transliterated name: «استروپ تالبوت (S.Talbot)».
      if (followed_by_latin_parenthesis(text, tokens, t)) continue;
      // The rest depends on the word alone: decided once per document.
      const std::string_view word = doc.token_key(t);
      auto [it, fresh] = memo.try_emplace(word);
      if (fresh) it->second = judge(group, source, speller, word, words, alphabet, same_language);
      if (!it->second) continue;
      const std::string original(doc.original_slice(tokens[t].begin, tokens[t].end));
      const std::string suggestion = respell(original, to_u32(word), *it->second, distance);
      // "an English word": language names that start with a vowel letter
      // start with a vowel sound (Arabic, English, Italian, Urdu, Uzbek).
      const bool vowel = !pack.name.empty() && std::string_view("AEIOU").find(pack.name[0]) != std::string_view::npos;
      Finding f = finding(fmt::format("«{}» is not {} {} word; «{}» was probably meant", original, vowel ? "an" : "a",
                                      pack.name, suggestion),
                          {source.location(tokens[t].begin, tokens[t].end)}, suggestion);
      f.subject = std::string(word);
      out.push_back(std::move(f));
    }
  }

  // The correction of a word of the source (its key), or nullopt: a word
  // with a digit, a name of the gazetteer, a word another language's source
  // writes too, or one the dictionary knows or cannot correct.
  std::optional<std::u32string> judge(const Group& group, const AnalyzedSource& source, const Speller& speller,
                                      std::string_view word,
                                      const std::vector<std::unordered_set<std::string_view>>& words,
                                      const Alphabet& alphabet,
                                      const GroupWords& same_language) const {
    // Case folding neither makes nor unmakes a digit.
    const auto* p = reinterpret_cast<const uint8_t*>(word.data());
    const auto n = static_cast<int32_t>(word.size());
    for (int32_t i = 0; i < n;) {
      UChar32 c;
      U8_NEXT(p, i, n, c);
      if (u_isdigit(c < 0 ? 0xFFFD : c)) return std::nullopt;
    }
    const LanguagePack& pack = *source.pack;
    if (pack.entity_names.count(word) != 0) return std::nullopt;
    for (const AnalyzedSource& s : group.sources) {
      if (s.index != source.index && s.pack != source.pack && words[s.index].count(word) != 0) return std::nullopt;
    }
    return correction(speller, pack, to_u32(word), alphabet, same_language);
  }

  static bool followed_by_latin_parenthesis(const std::string& text, const std::vector<TextSpan>& tokens,
                                            std::size_t t) {
    std::size_t at = tokens[t].end;
    while (at < text.size() && text[at] == ' ') ++at;
    return at + 1 < text.size() && text[at] == '(' && std::isalpha(static_cast<unsigned char>(text[at + 1]));
  }

  // The one likely correction, trying the commonest slips first; nullopt
  // when the word is known, nothing is close, or the choice is ambiguous.
  // Candidates are spelled into one UTF-8 buffer: an unknown word has
  // hundreds of them and most are neither known nor used by the group.
  std::optional<std::u32string> correction(const Speller& speller, const LanguagePack& pack, const std::u32string& w,
                                           const Alphabet& alphabet,
                                           const GroupWords& group_words) const {
    const DictionaryMemo& memo = *memos_.at(pack.id);
    const std::string word = to_utf8(w);
    DictionaryEntry entry = memo.get(word).value_or(DictionaryEntry{});
    if (entry.known < 0) {
      entry.known = known_word(speller, pack, w) ? 1 : 0;
      memo.put(word, entry);
    }
    if (entry.known == 1) return std::nullopt;
    // Byte offset of each code point of the word, and the word's code points in UTF-8.
    std::vector<std::size_t> at(w.size() + 1, 0);
    for (std::size_t i = 0; i < w.size(); ++i) at[i + 1] = at[i] + to_utf8(std::u32string(1, w[i])).size();
    auto piece = [&](std::size_t i) { return std::string_view(word).substr(at[i], at[i + 1] - at[i]); };
    std::string buffer;
    // word[0, cut) + middle + word[resume, end)
    auto spell = [&](std::size_t cut, std::string_view middle, std::size_t resume) -> const std::string& {
      buffer.assign(word, 0, cut);
      buffer += middle;
      buffer.append(word, resume, std::string::npos);
      return buffer;
    };
    // Every candidate has 2+ code points; the main dictionary judges them.
    const KnownMemo& known_memo = *known_memos_.at(pack.id);
    auto known = [&](const std::string& c) {
      if (const std::optional<bool> k = known_memo.get(c)) return *k;
      const bool k = speller.known(c, Speller::Dictionaries::kMain);
      known_memo.put(c, k);
      return k;
    };
    auto used = [&](const std::string& c) { return group_words.contains(c); };
    // `trusted`: a correction the group does not write will do.
    auto pick = [&](Candidates& found, bool trusted) -> std::optional<std::u32string> {
      if (found.words.empty()) return std::nullopt;
      // Prefer what the group itself writes.
      std::vector<std::u32string> in_group;
      for (const auto& c : found.words) {
        if (group_words.contains(to_utf8(c))) in_group.push_back(c);
      }
      if (in_group.size() == 1) return in_group.front();
      if (!trusted) return std::nullopt;
      if (found.words.size() > max_candidates_) return std::nullopt;
      return found.words.front();
    };
    const bool trust_doubled = pack.spelling_unattested != LanguagePack::Unattested::kNone;
    const bool trust_others = pack.spelling_unattested == LanguagePack::Unattested::kAll;
    Candidates found;
    // 1. A doubled letter.
    for (std::size_t i = 1; i < w.size(); ++i) {
      if (w[i] == w[i - 1] && known(spell(at[i], {}, at[i + 1]))) {
        std::u32string c = w;
        c.erase(i, 1);
        found.add(c);
      }
    }
    if (auto c = pick(found, trust_doubled)) return c;
    // 2. Letters that differ by their dots (or an accent).
    auto substitute = [&](std::size_t i, char32_t letter, const std::string& utf8) {
      if (known(spell(at[i], utf8, at[i + 1]))) {
        std::u32string c = w;
        c[i] = letter;
        found.add(c);
      }
    };
    for (std::size_t i = 0; i < w.size(); ++i) {
      if (exact_near_) {
        // The letters near this one that the document writes, in code point order.
        for (char32_t letter : neighbours(w[i])) {
          if (const auto* l = alphabet.find(letter)) substitute(i, letter, l->second);
        }
        continue;
      }
      for (const auto& [letter, utf8] : alphabet) {
        if (letter != w[i] && slow_near(w[i], letter)) substitute(i, letter, utf8);
      }
    }
    if (auto c = pick(found, trust_others)) return c;
    // 3. A dropped letter inside the word (at either end a letter more makes
    // a derived word, not a fix), and 4. two neighbouring letters swapped.
    // These reach many words: only a correction the group itself uses, or
    // one for a long word, is trusted. A short word keeps only the
    // corrections the group uses (below), so only those are looked up.
    const bool short_word = !trust_others || w.size() < min_long_length_;
    auto add_insertion = [&](std::size_t i, char32_t letter) {
      std::u32string c = w;
      c.insert(i, 1, letter);
      found.add(c);
    };
    if (short_word) {
      // Only the insertions that make a word the group writes.
      for (const GroupWords::Insertion& c : group_words.insertions(word)) {
        if (alphabet.contains(c.letter) && known(std::string(c.word))) add_insertion(c.at, c.letter);
      }
    } else {
      // The memo knows the insertions of the letters tried before; the
      // others are looked up now.
      std::vector<const std::pair<char32_t, std::string>*> missing;
      for (const auto& l : alphabet) {
        if (entry.letters.find(l.first) == std::u32string::npos) missing.push_back(&l);
      }
      if (!missing.empty()) {
        for (std::size_t i = 1; i < w.size(); ++i) {
          for (const auto* l : missing) {
            if (known(spell(at[i], l->second, at[i]))) entry.insertions.emplace_back(static_cast<std::uint32_t>(i), l->first);
          }
        }
        for (const auto* l : missing) entry.letters += l->first;
        std::sort(entry.letters.begin(), entry.letters.end());
        std::sort(entry.insertions.begin(), entry.insertions.end());
        memo.put(word, entry);
      }
      for (const auto& [i, letter] : entry.insertions) {
        if (alphabet.contains(letter)) add_insertion(i, letter);
      }
    }
    // 5. A letter too many inside the word («اقتصتادی» for «اقتصادی»); at
    // either end, one letter less is often the stem of a derived word.
    for (std::size_t i = 1; i + 1 < w.size(); ++i) {
      if (w[i] == w[i - 1]) continue;  // a doubled letter, tried first
      const std::string& c = spell(at[i], {}, at[i + 1]);
      if ((!short_word || used(c)) && known(c)) {
        std::u32string s = w;
        s.erase(i, 1);
        found.add(s);
      }
    }
    for (std::size_t i = 1; i < w.size(); ++i) {
      if (w[i] == w[i - 1]) continue;  // swapping equal letters changes nothing
      std::string swapped(piece(i));
      swapped += piece(i - 1);
      const std::string& c = spell(at[i - 1], swapped, at[i + 1]);
      if ((!short_word || used(c)) && known(c)) {
        std::u32string s = w;
        std::swap(s[i], s[i - 1]);
        found.add(s);
      }
    }
    if (short_word) {
      Candidates in_group;
      for (const auto& c : found.words) {
        if (group_words.contains(to_utf8(c))) in_group.add(c);
      }
      found = in_group;
    }
    return pick(found, trust_others);
  }

  // Known to the dictionary, to the pack's own vocabulary (month names,
  // scale words, units and a `vocabulary` list: what the rules already know
  // as words), or a known stem with one of the pack's `stem_suffixes` /
  // `stem_prefixes` written solid («زمینههای» = «زمینه» + «های»).
  static bool known_word(const Speller& speller, const LanguagePack& pack, const std::u32string& w) {
    const std::string word = to_utf8(w);
    if (speller.known(word) || in_vocabulary(pack, word)) return true;
    for (const std::string& suffix : pack.list("stem_suffixes")) {
      if (word.size() > suffix.size() + 3 && word.compare(word.size() - suffix.size(), suffix.size(), suffix) == 0) {
        const std::string stem = word.substr(0, word.size() - suffix.size());
        if (speller.known(stem) || in_vocabulary(pack, stem)) return true;
      }
    }
    for (const std::string& prefix : pack.list("stem_prefixes")) {
      if (word.size() > prefix.size() + 3 && word.compare(0, prefix.size(), prefix) == 0) {
        const std::string stem = word.substr(prefix.size());
        if (speller.known(stem) || in_vocabulary(pack, stem)) return true;
      }
    }
    return false;
  }

  static bool in_vocabulary(const LanguagePack& pack, const std::string& word) {
    if (pack.months.count(word) || pack.quantities.scales.count(word) || pack.quantities.units.count(word) ||
        pack.quantities.number_words.count(word) || pack.day_words.count(word)) {
      return true;
    }
    const auto& vocabulary = pack.list("vocabulary");
    return std::find(vocabulary.begin(), vocabulary.end(), word) != vocabulary.end();
  }

  // The letters whose substitution for a given one is a near-letter slip
  // in some pack: for two words that differ in that one letter, the edit
  // distance is below 1 exactly then (a substitution inside a group costs
  // 0.5 in every pack that lists the group). Tried for every letter of
  // every unknown word, so each letter's near ones are listed at start.
  void index_near_letters(const RuleSet& rules) {
    std::map<char32_t, std::uint64_t> groups;  // letter -> a bit per group it is in
    std::size_t id = 0;
    for (const auto& [lang, pack] : rules.languages) {
      for (const std::u32string& group : pack.near_letters) {
        for (char32_t c : group) groups[c] |= std::uint64_t{1} << (id % 64);
        ++id;
      }
    }
    exact_near_ = id <= 64;  // more groups than bits: ask EditDistance
    for (const auto& [c, mask] : groups) {
      std::u32string near_ones;
      for (const auto& [d, other] : groups) {
        if (d != c && (mask & other) != 0) near_ones += d;
      }
      neighbours_.emplace_back(c, std::move(near_ones));
    }
  }
  // The letters near `c`, in code point order (none if it is in no group).
  const std::u32string& neighbours(char32_t c) const {
    static const std::u32string kNone;
    auto it = std::lower_bound(neighbours_.begin(), neighbours_.end(), c,
                               [](const auto& e, char32_t v) { return e.first < v; });
    return it != neighbours_.end() && it->first == c ? it->second : kNone;
  }
  bool slow_near(char32_t x, char32_t y) const {
    for (const auto& [lang, d] : distances_) {
      if (d.substitution(x, y) < 1.0) return true;
    }
    return false;
  }

  std::vector<std::pair<char32_t, std::u32string>> neighbours_;  // letter -> its near letters, sorted
  bool exact_near_ = true;
  std::size_t min_length_;
  std::size_t max_length_;
  std::size_t min_long_length_;
  std::size_t max_candidates_;
  std::map<std::string, EditDistance> distances_;
  std::map<std::string, std::unique_ptr<DictionaryMemo>> memos_;  // per language
  std::map<std::string, std::unique_ptr<KnownMemo>> known_memos_;  // per language
};

}  // namespace

std::unique_ptr<Check> make_spelling_check(CheckOptions& options, const RuleSet& rules) {
  const auto min_length = static_cast<std::size_t>(options.number("min_length", 5));
  const auto max_length = static_cast<std::size_t>(options.number("max_length", 50));
  const auto min_long_length = static_cast<std::size_t>(options.number("min_long_length", 7));
  const auto max_candidates = static_cast<std::size_t>(options.number("max_candidates", 1));
  return std::make_unique<SpellingCheck>(rules, min_length, max_length, min_long_length, max_candidates);
}

}  // namespace concord

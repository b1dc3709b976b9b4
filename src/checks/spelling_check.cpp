// spelling: a word the language's dictionary does not know (nuspell with
// Debian's hunspell dictionaries, on normalized text) that is one typical
// slip away from a word it knows or a word the group uses: a doubled letter
// («فاارغ» → «فارغ»), letters that differ by their dots («فزاقی» → «قزاقی»),
// a dropped letter («مهمتین» → «مهمترین»), two letters swapped.
//
// Precision before recall: gazetteer names, words other sources of the
// group also use (foreign names), capitalized words in cased scripts, and
// words with several equally good corrections are left alone.
#include <fmt/format.h>
#include <unicode/uchar.h>

#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "checks/registry.h"
#include "text/distance.h"

namespace concord {
namespace {

struct Candidates {
  std::vector<std::u32string> words;
  void add(const std::u32string& w) {
    if (std::find(words.begin(), words.end(), w) == words.end()) words.push_back(w);
  }
};

class SpellingCheck : public Check {
 public:
  SpellingCheck(const RuleSet& rules, std::size_t min_length, std::size_t min_long_length,
                std::size_t max_candidates)
      : min_length_(min_length), min_long_length_(min_long_length), max_candidates_(max_candidates) {
    for (const auto& [lang, pack] : rules.languages) distances_[lang] = EditDistance(pack.near_letters, 0.5);
  }

  void run(const Group& group, std::vector<Finding>& out) const override {
    // Every word of the group, per source, to know what other sources use.
    std::vector<std::unordered_set<std::string>> words(group.sources.size());
    for (const AnalyzedSource& s : group.sources) {
      for (const TextSpan& t : s.doc.tokens()) words[s.index].insert(fold_case(s.doc.slice(t.begin, t.end)));
    }
    for (const AnalyzedSource& source : group.sources) check_source(group, source, words, out);
  }

 private:
  void check_source(const Group& group, const AnalyzedSource& source,
                    const std::vector<std::unordered_set<std::string>>& words, std::vector<Finding>& out) const {
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
    // language, with their counts: a correction the group uses is likelier.
    std::unordered_map<std::string, std::size_t> same_language;
    for (const AnalyzedSource& s : group.sources) {
      if (s.pack != source.pack) continue;
      for (const TextSpan& t : s.doc.tokens()) ++same_language[fold_case(s.doc.slice(t.begin, t.end))];
    }
    // The letters this document writes: candidates for a dropped letter.
    std::set<char32_t> alphabet;
    for (const TextSpan& t : tokens) {
      for (char32_t c : to_u32(doc.slice(t.begin, t.end))) {
        if (u_isalpha(static_cast<UChar32>(c))) alphabet.insert(static_cast<char32_t>(u_tolower(static_cast<UChar32>(c))));
      }
    }
    std::unordered_map<std::string, std::optional<std::u32string>> memo;
    for (std::size_t t = 0; t < tokens.size(); ++t) {
      if (covered[t]) continue;
      const std::string_view raw = doc.slice(tokens[t].begin, tokens[t].end);
      const std::u32string letters = to_u32(raw);
      if (letters.size() < min_length_) continue;
      bool has_digit = false;
      for (char32_t c : letters) has_digit = has_digit || u_isdigit(static_cast<UChar32>(c));
      if (has_digit) continue;
      // Proper nouns in cased scripts are the name check's business.
      if (u_isupper(static_cast<UChar32>(letters[0]))) continue;
      // A transliterated name: «استروپ تالبوت (S.Talbot)».
      if (followed_by_latin_parenthesis(text, tokens, t)) continue;
      const std::string word = fold_case(raw);
      if (pack.entity_names.count(word) != 0) continue;
      bool elsewhere = false;
      for (const AnalyzedSource& s : group.sources) {
        if (s.index != source.index && s.pack != source.pack && words[s.index].count(word) != 0) elsewhere = true;
      }
      if (elsewhere) continue;
      auto [it, fresh] = memo.try_emplace(word);
      if (fresh) it->second = correction(speller, pack, to_u32(word), alphabet, same_language);
      if (!it->second) continue;
      const std::string original(doc.original_slice(tokens[t].begin, tokens[t].end));
      const std::string suggestion = respell(original, to_u32(word), *it->second, distance);
      Finding f = finding(fmt::format("«{}» is not a {} word; «{}» was probably meant", original, pack.name,
                                      suggestion),
                          {source.location(tokens[t].begin, tokens[t].end)}, suggestion);
      f.subject = word;
      out.push_back(std::move(f));
    }
  }

  static bool followed_by_latin_parenthesis(const std::string& text, const std::vector<TextSpan>& tokens,
                                            std::size_t t) {
    std::size_t at = tokens[t].end;
    while (at < text.size() && text[at] == ' ') ++at;
    return at + 1 < text.size() && text[at] == '(' && std::isalpha(static_cast<unsigned char>(text[at + 1]));
  }

  // The one likely correction, trying the commonest slips first; nullopt
  // when the word is known, nothing is close, or the choice is ambiguous.
  std::optional<std::u32string> correction(const Speller& speller, const LanguagePack& pack, const std::u32string& w,
                                           const std::set<char32_t>& alphabet,
                                           const std::unordered_map<std::string, std::size_t>& group_words) const {
    auto known = [&](const std::u32string& c) { return c.size() >= 2 && speller.known(to_utf8(c)); };
    if (known_word(speller, pack, w)) return std::nullopt;
    auto pick = [&](Candidates& found) -> std::optional<std::u32string> {
      if (found.words.empty()) return std::nullopt;
      // Prefer what the group itself writes.
      std::vector<std::u32string> used;
      for (const auto& c : found.words) {
        if (group_words.count(to_utf8(c)) != 0) used.push_back(c);
      }
      if (used.size() == 1) return used.front();
      if (found.words.size() > max_candidates_) return std::nullopt;
      return found.words.front();
    };
    Candidates found;
    // 1. A doubled letter.
    for (std::size_t i = 1; i < w.size(); ++i) {
      if (w[i] == w[i - 1]) {
        std::u32string c = w;
        c.erase(i, 1);
        if (known(c)) found.add(c);
      }
    }
    if (auto c = pick(found)) return c;
    // 2. Letters that differ by their dots (or an accent).
    for (std::size_t i = 0; i < w.size(); ++i) {
      for (char32_t letter : alphabet) {
        if (letter == w[i]) continue;
        std::u32string c = w;
        c[i] = letter;
        if (distance_of(c, w) < 1.0 && known(c)) found.add(c);
      }
    }
    if (auto c = pick(found)) return c;
    // 3. A dropped letter inside the word (at either end a letter more makes
    // a derived word, not a fix), and 4. two neighbouring letters swapped.
    // These reach many words: only a correction the group itself uses, or
    // one for a long word, is trusted.
    for (std::size_t i = 1; i < w.size(); ++i) {
      for (char32_t letter : alphabet) {
        std::u32string c = w;
        c.insert(i, 1, letter);
        if (known(c)) found.add(c);
      }
    }
    for (std::size_t i = 1; i < w.size(); ++i) {
      std::u32string c = w;
      std::swap(c[i], c[i - 1]);
      if (c != w && known(c)) found.add(c);
    }
    if (w.size() < min_long_length_) {
      Candidates used;
      for (const auto& c : found.words) {
        if (group_words.count(to_utf8(c)) != 0) used.add(c);
      }
      found = used;
    }
    return pick(found);
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

  double distance_of(const std::u32string& a, const std::u32string& b) const {
    // Any pack's near-letter table works here: a substitution inside a
    // group costs 0.5 in every pack that lists the group.
    for (const auto& [lang, d] : distances_) {
      if (d(a, b) < 1.0) return 0.5;
    }
    return 1.0;
  }

  std::size_t min_length_;
  std::size_t min_long_length_;
  std::size_t max_candidates_;
  std::map<std::string, EditDistance> distances_;
};

}  // namespace

std::unique_ptr<Check> make_spelling_check(CheckOptions& options, const RuleSet& rules) {
  const auto min_length = static_cast<std::size_t>(options.number("min_length", 5));
  const auto min_long_length = static_cast<std::size_t>(options.number("min_long_length", 7));
  const auto max_candidates = static_cast<std::size_t>(options.number("max_candidates", 1));
  return std::make_unique<SpellingCheck>(rules, min_length, min_long_length, max_candidates);
}

}  // namespace concord

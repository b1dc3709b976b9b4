#include <catch2/catch.hpp>

#include <nuspell/dictionary.hxx>
#include <nuspell/finder.hxx>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include "rules/rules.h"
#include "text/segment.h"
#include "text/speller.h"

namespace {

std::unique_ptr<nuspell::Dictionary> nuspell_dictionary(const std::string& name) {
  std::vector<std::filesystem::path> dirs;
  nuspell::append_default_dir_paths(dirs);
  const auto path = nuspell::search_dirs_for_one_dict(dirs, name);
  if (path.empty()) return nullptr;
  auto d = std::make_unique<nuspell::Dictionary>();
  d->load_aff_dic(path);
  return d;
}

// Speller::known as it was before the plain-list fast path: nuspell, then
// one ZWNJ at each inner position of a Persian word.
bool reference_known(const nuspell::Dictionary& d, const std::string& word) {
  if (d.spell(word)) return true;
  const std::u32string cps = concord::to_u32(word);
  if (cps.size() < 4 || cps.size() > 24 || cps[0] < 0x600 || cps[0] > 0x6FF) return false;
  for (std::size_t i = 2; i + 1 < cps.size(); ++i) {
    std::u32string split = cps;
    split.insert(i, 1, U'\u200C');
    if (d.spell(concord::to_utf8(split))) return true;
  }
  return false;
}

// Words of the Persian fixtures, normalized, and the misspellings the
// checks try on them: a letter dropped or doubled, ZWNJ inserted, digits,
// capitals and punctuation (which must leave the fast path).
std::set<std::string> persian_words() {
  const concord::RuleSet rules = concord::load_rules({std::string(CONCORD_SOURCE_DIR) + "/rules"});
  std::set<std::string> words{"", "۱۲۳", "123", "12a", "1.5", "-3", "a.", "ab-cd", "Almaty", "ALMATY", "almaty",
                              "Ǆemal", "ǆemal"};
  for (const auto& entry : std::filesystem::recursive_directory_iterator(std::string(CONCORD_SOURCE_DIR) + "/fixtures")) {
    if (entry.path().extension() != ".txt") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::string text = rules.normalizer.normalize_string(bytes);
    for (const concord::TextSpan& t : concord::tokenize(text)) {
      const std::u32string w = concord::to_u32(std::string_view(text).substr(t.begin, t.size()));
      if (w.empty() || w[0] < 0x600 || w[0] > 0x6FF) continue;
      words.insert(concord::to_utf8(w));
      for (std::size_t i = 0; i < w.size(); ++i) {
        std::u32string dropped = w;
        dropped.erase(i, 1);
        words.insert(concord::to_utf8(dropped));
        std::u32string doubled = w;
        doubled.insert(i, 1, w[i]);
        words.insert(concord::to_utf8(doubled));
        std::u32string zwnj = w;
        zwnj.insert(i, 1, U'\u200C');
        words.insert(concord::to_utf8(zwnj));
      }
    }
  }
  return words;
}

}  // namespace

TEST_CASE("speller: a plain word list answers exactly as nuspell does", "[speller]") {
  const auto reference = nuspell_dictionary("fa_IR");
  if (!reference) {
    WARN("fa_IR dictionary not installed");
    return;
  }
  const concord::Speller speller("fa_IR");
  REQUIRE(speller.available());
  std::size_t known = 0;
  const std::set<std::string> words = persian_words();
  for (const std::string& word : words) {
    INFO(word);
    CHECK(speller.spelled(word) == reference->spell(word));
    const bool k = reference_known(*reference, word);
    CHECK(speller.known(word) == k);
    known += k;
  }
  // The sample must hold both answers in numbers.
  CHECK(known > 500);
  CHECK(words.size() - known > 500);
}

TEST_CASE("speller: a dictionary with affixes is nuspell's", "[speller]") {
  const auto reference = nuspell_dictionary("es_ES");
  if (!reference) {
    WARN("es_ES dictionary not installed");
    return;
  }
  const concord::Speller speller("es_ES");
  for (const std::string word : {"relaciones", "relacioones", "Kazajistán", "kazajistán", "EE", "1991", "estadounidenses"}) {
    INFO(word);
    CHECK(speller.spelled(word) == reference->spell(word));
    CHECK(speller.known(word) == reference->spell(word));
  }
}

TEST_CASE("speller: no dictionary knows nothing", "[speller]") {
  const concord::Speller none("");
  CHECK_FALSE(none.available());
  CHECK_FALSE(none.known("word"));
  const concord::Speller missing("xx_NOPE");
  CHECK_FALSE(missing.available());
  CHECK_FALSE(missing.spelled("word"));
}

TEST_CASE("speller: a second dictionary answers what the first does not know", "[speller]") {
  // en_US lacks the British "travelled"; en_GB lacks the American "traveled".
  const concord::Speller us("en_US");
  const concord::Speller both("en_US", {"en_GB"});
  REQUIRE(us.available());
  CHECK_FALSE(us.known("travelled"));
  CHECK(both.known("travelled"));
  CHECK(both.spelled("travelled"));
  CHECK(both.known("traveled"));
  CHECK_FALSE(both.known("travelledd"));
}

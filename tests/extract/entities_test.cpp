// The gazetteer search, token by token, against the way it was done before:
// one RE2 alternation of every name (longest first, a space matching any
// run of whitespace, case-insensitive), its matches kept at word boundaries
// and looked up case-folded. Both must find the same mentions in every
// fixture text and in texts made to stress the edges: punctuation inside and
// after a name, line breaks inside one, acronyms, a name glued to a word.
#include "extract_table.h"

#include <re2/re2.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <tuple>

#include "extract/matcher.h"

namespace {

using Mention = std::tuple<std::size_t, std::size_t, std::size_t, bool>;  // begin, end, entity, demonym

std::string alternation(const concord::LanguagePack& pack) {
  std::vector<std::string> names;
  for (const auto& [key, denotes] : pack.entity_names) names.push_back(key);
  std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() > b.size() : a < b;
  });
  std::string out;
  for (const std::string& name : names) {
    std::string quoted = RE2::QuoteMeta(name), spaced;
    for (std::size_t i = 0; i < quoted.size(); ++i) {
      if (quoted[i] == '\\' && i + 1 < quoted.size() && quoted[i + 1] == ' ') {
        spaced += "\\s+";
        ++i;
      } else {
        spaced += quoted[i];
      }
    }
    out += (out.empty() ? "" : "|") + spaced;
  }
  return out;
}

std::vector<Mention> by_regex(const concord::LanguagePack& pack, const RE2& re, const std::string& text) {
  std::vector<Mention> out;
  concord::for_each_match(re, text, [&](const std::vector<std::string_view>& groups) {
    auto it = pack.entity_names.find(concord::fold_case(concord::collapse_spaces(groups[0])));
    if (it == pack.entity_names.end()) return;
    if (it->second.acronym) {
      for (char c : groups[0]) {
        if (c >= 'a' && c <= 'z') return;
      }
    }
    const auto begin = static_cast<std::size_t>(groups[0].data() - text.data());
    out.emplace_back(begin, begin + groups[0].size(), it->second.entity, it->second.demonym);
  });
  return out;
}

}  // namespace

TEST_CASE("entities: the token-by-token gazetteer finds what one alternation of all names finds", "[entities]") {
  const concord::Engine& engine = extract_table::engine();
  std::vector<std::string> texts;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(std::string(CONCORD_SOURCE_DIR) + "/fixtures")) {
    if (entry.path().extension() != ".txt") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    texts.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  texts.push_back("EE. UU. y EE.UU. y EE.\nUU. y Estados\n  Unidos; U.S. and U.S.A. and USA and US, us. Kazakhstani Kazakhstan.");
  texts.push_back("آمریکا،ایالات متحده آمریکا و ایالات\nمتحده؛ قزاقستانی قزاقستان‌ها تهران.");
  std::size_t compared = 0;
  for (const auto& [lang, read] : engine.rules().languages) {
    const concord::LanguagePack& pack = *engine.rules().language(lang);  // compiled
    const RE2 re(alternation(pack), [] {
      RE2::Options options;
      options.set_case_sensitive(false);
      options.set_max_mem(std::int64_t{256} << 20);
      return options;
    }());
    REQUIRE(re.ok());
    for (const std::string& raw : texts) {
      const concord::Group group = engine.analyze("g", {concord::SourceSpec{"t.txt", lang, raw}});
      const concord::Document& doc = group.sources.at(0).doc;
      std::vector<Mention> found;
      for (const concord::EntityMention& m : group.sources.at(0).extraction.entities) {
        found.emplace_back(m.begin, m.end, m.entity, m.demonym);
      }
      CAPTURE(lang, raw.substr(0, 80));
      CHECK(found == by_regex(pack, re, doc.text()));
      compared += found.size();
    }
  }
  CHECK(compared > 500);
}

TEST_CASE("entities: a name written with a variant ending of its pack is the name", "[entities]") {
  // «نیازوف» in the gazetteer; the text writes «نیازف» (fa `variant_endings`).
  const concord::Group group = extract_table::analyze("fa", "صفرمراد نیازف و بوریس شیخ‌مرادف به آنکارا رفتند.");
  std::set<std::string> ids;
  for (const concord::EntityMention& m : group.sources.at(0).extraction.entities) {
    ids.insert(extract_table::engine().rules().entities[m.entity].id);
  }
  CHECK(ids.count("niyazov") == 1);
  CHECK(ids.count("shikhmuradov") == 1);
}

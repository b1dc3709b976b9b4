// PatternFilter: one RE2::Set pass marks the patterns that can match a
// text; the bundled packs' filters agree with searching every pattern.
#include <catch2/catch.hpp>
#include <re2/re2.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "extract/matcher.h"
#include "rules/pattern_filter.h"
#include "rules/rules.h"
#include "text/normalize.h"

using concord::PatternFilter;

namespace {

// The patterns as the loader keeps them (not compiled until used).
std::vector<concord::LazyRegex> compile_all(const std::vector<std::string>& patterns) {
  RE2::Options options;
  options.set_case_sensitive(false);
  options.set_log_errors(false);
  std::vector<concord::LazyRegex> out;
  for (const std::string& p : patterns) out.emplace_back(p, options);
  return out;
}

std::vector<const concord::LazyRegex*> pointers(const std::vector<concord::LazyRegex>& res) {
  std::vector<const concord::LazyRegex*> out;
  for (const auto& re : res) out.push_back(&re);
  return out;
}

// Which of the `count` patterns the filter marks in `text` read as one window.
std::vector<bool> marked(const PatternFilter& filter, std::string_view text, std::size_t count) {
  const std::vector<std::vector<std::uint32_t>> where = filter.windows(text, {{0, text.size()}}, count);
  std::vector<bool> out(count, false);
  for (std::size_t i = 0; i < count; ++i) out[i] = !where[i].empty();
  return out;
}

}  // namespace

TEST_CASE("pattern filter: marks exactly the patterns with a match somewhere in the text") {
  const auto res = compile_all({"(\\d+) de (?:enero|febrero)", "relaciones diplom[aá]ticas", "embajada", "دسامبر"});
  const PatternFilter filter(pointers(res), 8 << 20);
  REQUIRE(filter.built());
  CHECK(marked(filter, "El 16 de Febrero se abrió la EMBAJADA.", 4) == std::vector<bool>{true, false, true, false});
  CHECK(marked(filter, "۲۵ دسامبر ۱۹۹۱", 4) == std::vector<bool>{false, false, false, true});
  CHECK(marked(filter, "", 4) == std::vector<bool>{false, false, false, false});
}

TEST_CASE("pattern filter: not built, or built for another count, marks every pattern") {
  CHECK(marked(PatternFilter(), "anything", 3) == std::vector<bool>{true, true, true});
  const auto res = compile_all({"a", "b"});
  const PatternFilter filter(pointers(res), 8 << 20);
  CHECK(marked(filter, "zzz", 3) == std::vector<bool>{true, true, true});
  CHECK(marked(PatternFilter(std::vector<const concord::LazyRegex*>{}, 8 << 20), "x", 0).empty());
}

TEST_CASE("pattern filter: the bundled packs' filters never leave out a pattern that matches") {
  const concord::RuleSet rules = concord::load_rules({CONCORD_SOURCE_DIR "/rules"});
  const std::vector<std::string> texts = {
      "روابط ديپلماتيک دو کشور در ۲۵ دسامبر ۱۹۹۱ برقرار گرديد و سفارت آمريکا در آلماتى افتتاح شد.",
      "Kazajistán y Estados Unidos establecieron relaciones diplomáticas el 16 de diciembre de 1991; "
      "la embajada se abrió en Almaty en febrero de 1992.",
      "The United States recognized Kazakhstan on December 25, 1991, and opened an embassy in Almaty.",
  };
  int flagged = 0;
  for (const auto& [id, read] : rules.languages) {
    const concord::LanguagePack& pack = *rules.language(id);  // compiled on first use
    REQUIRE(pack.date_filter.built());
    REQUIRE(pack.trigger_filter.built());
    for (const std::string& raw : texts) {
      const std::string text = rules.normalizer.normalize_string(raw);
      const auto dates = marked(pack.date_filter, text, pack.dates.size());
      for (std::size_t i = 0; i < pack.dates.size(); ++i) {
        const bool any = RE2::PartialMatch(text, *pack.dates[i].regex);
        INFO(id << " date template " << i);
        if (any) CHECK(dates[i]);
        flagged += dates[i] ? 1 : 0;
      }
      const auto triggers = marked(pack.trigger_filter, text, pack.triggers.size());
      for (std::size_t i = 0; i < pack.triggers.size(); ++i) {
        INFO(id << " trigger " << i);
        if (RE2::PartialMatch(text, *pack.triggers[i].regex)) CHECK(triggers[i]);
      }
    }
  }
  CHECK(flagged > 0);  // some templates match these texts at all
}

TEST_CASE("pattern filter: windows tell in which paragraphs each pattern can match") {
  const auto res = compile_all({"(\\d+) de (?:enero|febrero)", "embajada", "دسامبر"});
  const PatternFilter filter(pointers(res), 8 << 20);
  REQUIRE(filter.built());
  const std::string text = "El 16 de febrero.\n\nSin fecha aquí.\n\nLa embajada abrió el 2 de enero.";
  const std::vector<concord::TextSpan> windows = {{0, 17}, {19, 34}, {36, text.size()}};
  using Where = std::vector<std::vector<std::uint32_t>>;
  CHECK(filter.windows(text, windows, 3) == Where{{0, 2}, {2}, {}});
  // A match that would cross two windows is in neither.
  const std::string split = "el 16 de\n\nfebrero";
  CHECK(filter.windows(split, {{0, 8}, {10, split.size()}}, 3) == Where{{}, {}, {}});
  // Not built for this count: every window for every pattern.
  CHECK(filter.windows(text, windows, 2) == Where{{0, 1, 2}, {0, 1, 2}});
  CHECK(PatternFilter().windows(text, {}, 1) == Where{{}});
}

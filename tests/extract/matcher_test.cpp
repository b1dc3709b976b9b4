#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "extract/matcher.h"
#include "rules/rules.h"

namespace {

using Groups = std::vector<std::string>;

// for_each_match as it was: one RE2 call per match, captures included.
std::vector<Groups> reference_matches(const RE2& re, std::string_view text) {
  std::vector<Groups> out;
  const int n = re.NumberOfCapturingGroups() + 1;
  std::vector<re2::StringPiece> pieces(static_cast<std::size_t>(n));
  const re2::StringPiece input(text.data(), text.size());
  std::size_t pos = 0;
  while (pos <= text.size()) {
    if (!re.Match(input, pos, text.size(), RE2::UNANCHORED, pieces.data(), n)) break;
    const auto begin = static_cast<std::size_t>(pieces[0].data() - text.data());
    const auto end = begin + pieces[0].size();
    if (end == begin || !concord::at_word_boundaries(text, begin, end)) {
      std::size_t next = begin + 1;
      while (next < text.size() && (static_cast<unsigned char>(text[next]) & 0xC0) == 0x80) ++next;
      pos = next;
      continue;
    }
    Groups g;
    for (const auto& p : pieces) {
      // The offset keeps groups at different places apart.
      g.push_back(p.data() == nullptr ? "<none>" : std::to_string(p.data() - text.data()) + ":" + std::string(p));
    }
    out.push_back(std::move(g));
    pos = end;
  }
  return out;
}

std::vector<Groups> matches(const RE2& re, std::string_view text) {
  std::vector<Groups> out;
  concord::for_each_match(re, text, [&](const std::vector<std::string_view>& groups) {
    Groups g;
    for (const auto& p : groups) {
      g.push_back(p.data() == nullptr ? "<none>" : std::to_string(p.data() - text.data()) + ":" + std::string(p));
    }
    out.push_back(std::move(g));
  });
  return out;
}

}  // namespace

TEST_CASE("matcher: captures found on the match alone equal RE2's one-call search", "[matcher]") {
  const concord::RuleSet rules = concord::load_rules({std::string(CONCORD_SOURCE_DIR) + "/rules"});
  std::string all;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(std::string(CONCORD_SOURCE_DIR) + "/fixtures")) {
    if (entry.path().extension() != ".txt") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    all += std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>()) + "\n\n";
  }
  const std::string text = rules.normalizer.normalize_string(all);
  std::size_t compared = 0;
  for (const auto& [lang, pack] : rules.languages) {
    std::vector<const RE2*> regexes;
    for (const auto& t : pack.dates) regexes.push_back(t.regex.get());
    for (const auto& t : pack.triggers) regexes.push_back(t.regex.get());
    regexes.push_back(pack.quantities.regex.get());
    for (const RE2* re : regexes) {
      if (re == nullptr) continue;
      INFO(lang << ": " << re->pattern());
      const auto expected = reference_matches(*re, text);
      CHECK(matches(*re, text) == expected);
      compared += expected.size();
    }
  }
  CHECK(compared > 1000);
}

TEST_CASE("matcher: spans, captures and matches not wanted", "[matcher]") {
  const RE2 re("(?i)(\\d+)\\s*(million|millones)?");
  const std::string text = "x 12 millones, 3 ; 45 million. a7";
  std::vector<std::string> spans;
  concord::for_each_span(re, text, [&](std::size_t b, std::size_t e) { spans.push_back(text.substr(b, e - b)); });
  CHECK(spans == std::vector<std::string>{"12 millones", "3 ", "45 million"});
  std::vector<std::string> numbers;
  concord::for_each_match(
      re, text, [&](const std::vector<std::string_view>& g) { numbers.emplace_back(g[1]); },
      [&](std::size_t b, std::size_t) { return text.compare(b, 1, "3") != 0; });
  CHECK(numbers == std::vector<std::string>{"12", "45"});
}

TEST_CASE("matcher: a window limits where matches start and end, not the boundaries seen", "[matcher]") {
  const RE2 re("(?i)(\\d+)\\s*(million|millones)?");
  const std::string text = "12 millones, 345 million";
  std::vector<std::string> spans;
  auto collect = [&](std::size_t b, std::size_t e) { spans.push_back(text.substr(b, e - b)); };
  concord::for_each_span(re, text, 0, 11, collect);
  CHECK(spans == std::vector<std::string>{"12 millones"});
  spans.clear();
  // The window [0, 9) cuts "millones": "12 " alone is glued to the "m" after it.
  concord::for_each_span(re, text, 0, 9, collect);
  CHECK(spans.empty());
  // "45" inside the window [14, 24) is glued to "3" before it: not at a word boundary.
  concord::for_each_span(re, text, 14, text.size(), collect);
  CHECK(spans.empty());
  spans.clear();
  concord::for_each_span(re, text, 13, text.size(), collect);
  CHECK(spans == std::vector<std::string>{"345 million"});
  std::vector<std::string> numbers;
  concord::for_each_match(re, text, 13, text.size(),
                          [&](const std::vector<std::string_view>& g) { numbers.emplace_back(g[1]); });
  CHECK(numbers == std::vector<std::string>{"345"});
}

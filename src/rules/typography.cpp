#include "rules/typography.h"

#include <fmt/format.h>

#include <algorithm>

#include "text/segment.h"

namespace concord {
namespace {

char32_t single_letter(const YamlReader& r, const YamlNode& node, std::string_view what) {
  const std::u32string cps = to_u32(r.string(node, what));
  if (cps.size() != 1) r.fail(node, fmt::format("{} must be a single character", what));
  return cps[0];
}

std::u32string affix(const YamlReader& r, const YamlNode& node, std::string_view what) {
  const std::u32string text = to_u32(r.string(node, what));
  if (text.empty()) r.fail(node, fmt::format("{} must not be empty", what));
  return text;
}

void load_orthography(const YamlReader& r, LanguagePack& pack, const YamlNode& node) {
  r.expect_map(node, "orthography");
  r.only_keys(node, {"letters", "prefixes", "suffixes"});
  LanguagePack::Orthography& o = pack.orthography;
  if (const YamlNode letters = node["letters"]) {
    r.expect_sequence(letters, "orthography letters");
    for (const YamlNode& item : letters) {
      r.expect_map(item, "an orthography letter");
      r.only_keys(item, {"from", "to", "name"});
      if (!item["from"] || !item["to"]) r.fail(item, "an orthography letter needs 'from' and 'to'");
      LanguagePack::Orthography::Letter letter;
      letter.from = single_letter(r, item["from"], "from");
      letter.to = single_letter(r, item["to"], "to");
      letter.name = item["name"] ? r.string(item["name"], "name")
                                 : fmt::format("U+{:04X}", static_cast<std::uint32_t>(letter.from));
      if (letter.from == letter.to) r.fail(item, "'from' and 'to' are the same letter");
      for (const auto& other : o.letters) {
        if (other.from == letter.from) r.fail(item["from"], "this letter is already listed");
      }
      o.letters.push_back(std::move(letter));
    }
  }
  if (const YamlNode prefixes = node["prefixes"]) {
    r.expect_sequence(prefixes, "orthography prefixes");
    for (const YamlNode& item : prefixes) o.prefixes.push_back({affix(r, item, "a prefix"), {}});
  }
  if (const YamlNode suffixes = node["suffixes"]) {
    r.expect_sequence(suffixes, "orthography suffixes");
    for (const YamlNode& item : suffixes) {
      LanguagePack::Orthography::Affix a;
      if (item.IsMap()) {
        r.only_keys(item, {"suffix", "after"});
        if (!item["suffix"]) r.fail(item, "a suffix entry needs 'suffix'");
        a.text = affix(r, item["suffix"], "suffix");
        if (item["after"]) a.after = affix(r, item["after"], "after");
      } else {
        a.text = affix(r, item, "a suffix");
      }
      o.suffixes.push_back(std::move(a));
    }
  }
  // Longest first: «نمی» before «می», «هایی» before «های».
  auto longest_first = [](const LanguagePack::Orthography::Affix& a, const LanguagePack::Orthography::Affix& b) {
    return a.text.size() > b.text.size();
  };
  std::stable_sort(o.prefixes.begin(), o.prefixes.end(), longest_first);
  std::stable_sort(o.suffixes.begin(), o.suffixes.end(), longest_first);
}

}  // namespace

void load_typography_keys(const YamlReader& r, const Normalizer& normalizer, LanguagePack& pack,
                          const YamlNode& root) {
  if (const YamlNode quotes = root["quotes"]) {
    if (!quotes.IsSequence() || quotes.size() != 2) {
      r.fail(quotes, "quotes must be a list of two strings: the opening and the closing mark");
    }
    std::vector<std::string> marks = r.strings(quotes, "quotes");
    for (std::size_t i = 0; i < marks.size(); ++i) {
      if (marks[i].empty()) r.fail(quotes.item(i), "a quotation mark must not be empty");
    }
    pack.quotes = std::move(marks);
  }
  if (const YamlNode list = root["abbreviations"]) {
    r.expect_sequence(list, "abbreviations");
    for (const YamlNode& item : list) {
      LanguagePack::Abbreviation a;
      a.text = r.string(item, "an abbreviation");
      a.where = r.location(item);
      std::string part;
      for (char c : normalizer.normalize_string(a.text) + " ") {
        if (c == ' ' || c == '\t' || c == '\n') {
          if (!part.empty()) a.parts.push_back(std::move(part));
          part.clear();
        } else {
          part += c;
        }
      }
      if (a.parts.size() < 2) {
        r.fail(item, fmt::format("abbreviation '{}' has one part: list abbreviations of several parts "
                                 "separated by spaces (such as 'EE. UU.'), which a line break can split",
                                 a.text));
      }
      pack.abbreviations.push_back(std::move(a));
    }
  }
  if (const YamlNode node = root["orthography"]) load_orthography(r, pack, node);
}

}  // namespace concord

// Weighted edit distance between words, for near-miss detection.
//
// Optimal string alignment (Damerau-Levenshtein without repeated edits of a
// substring): insertions, deletions and adjacent transpositions cost 1, a
// substitution costs 1, or `near_cost` between two letters of the same
// confusion group (Persian letters that differ only by their dots, Spanish
// vowels with and without accent), as the language pack lists them.
#pragma once

#include <string>
#include <vector>

namespace concord {

class EditDistance {
 public:
  EditDistance() = default;
  EditDistance(const std::vector<std::u32string>& near_groups, double near_cost);

  double operator()(const std::u32string& a, const std::u32string& b) const;

  // The edit script turning `a` into `b`: for each position of `a`, the code
  // points that replace it (empty when deleted, itself when kept); one extra
  // slot at the end holds insertions after the last character.
  std::vector<std::u32string> align(const std::u32string& a, const std::u32string& b) const;

  // The cost of writing y for x: 0, `near_cost` inside a confusion group, 1.
  double substitution(char32_t x, char32_t y) const;

 private:
  std::vector<std::pair<char32_t, int>> group_of_;  // sorted (code point, group)
  double near_cost_ = 1.0;
};

// Rewrites `original` (the source's own spelling of a word whose normalized,
// case-folded form is `key`) into `target`, changing only the letters that
// differ, so a suggestion keeps the document's orthography (Arabic yeh,
// capitals). Falls back to `target` when the two cannot be aligned letter
// by letter (normalization removed characters inside the word).
std::string respell(const std::string& original, const std::u32string& key, const std::u32string& target,
                    const EditDistance& distance);

}  // namespace concord

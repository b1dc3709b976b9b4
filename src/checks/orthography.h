// An older orthography and its repair (Persian: Arabic yeh «ي»/«ى» and kaf
// «ك» for «ی» and «ک»; no zero-width non-joiner after «می»/«نمی» or before
// «ها»/«های»/«تر»/«ترین»). The data is the pack's `orthography:` key; a
// pack without it has no older orthography and nothing here changes text.
//
// Both functions read the ORIGINAL text: normalization folds these letters
// and drops ZWNJ, so the normalized text no longer shows them.
//
// Thread safety: pure functions of their arguments (the Speller and the
// ZwnjMemo are thread-safe).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "checks/memo.h"
#include "rules/rules.h"
#include "text/speller.h"

namespace concord {

struct OrthographyIssue {
  enum class Type { kLetter, kZwnj };
  Type type = Type::kLetter;
  // Byte offset into the scanned text of the letter to replace, or of the
  // character a ZWNJ belongs before.
  std::size_t offset = 0;
  std::size_t length = 0;  // bytes of the letter; 0 for a missing ZWNJ
  std::size_t word_begin = 0, word_end = 0;  // the word it is in (bytes)
  std::size_t letter = 0;  // kLetter: index into pack.orthography.letters
};

// Where words lack a ZWNJ, remembered across texts: the answer depends on
// the word, the pack and the dictionary alone, and asking the dictionary is
// most of the scan. One memo per pack and Speller (checks/memo.h).
using ZwnjMemo = BoundedMemo<std::u32string, std::vector<std::size_t>, 8192>;

// Every spot of the older orthography in `utf8`, in text order. A missing
// ZWNJ is reported only where the dictionary confirms the ZWNJ form (for a
// suffix, the stem alone will do when the solid word is unknown), and only
// between letters that join; without a dictionary, or with `zwnj` false,
// only letters are reported.
// `memo`, when given, must be one kept for this pack and speller.
std::vector<OrthographyIssue> find_orthography_issues(std::string_view utf8, const LanguagePack& pack,
                                                      const Speller& speller, bool zwnj = true,
                                                      const ZwnjMemo* memo = nullptr);

// A corrected copy of `original_utf8`: letters replaced, ZWNJ inserted
// where find_orthography_issues() finds them missing. Every other byte
// (BOM, line ends, invalid sequences) is copied unchanged. Writes nothing.
std::string fix_orthography(std::string_view original_utf8, const LanguagePack& pack, const Speller& speller);

}  // namespace concord

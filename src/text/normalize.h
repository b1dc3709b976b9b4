// Normalization for matching, with a way back to the original bytes.
//
// Matching runs on a normalized copy of each source: NFC (ICU), then a
// per-character fold whose data comes from rules/shared/normalize.yaml
// (Arabic yeh and kaf to their Persian forms, tatweel, ZWNJ and bidi marks
// removed, ...), every decimal digit of any script (ICU's Nd category) folded
// to ASCII, and CR/CRLF folded to LF. Both steps record an OffsetMap so every
// normalized range maps back to original byte offsets.
//
// Thread safety: a Normalizer is immutable after construction and can be
// shared by threads. Copyable and movable.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "text/bmp_table.h"
#include "text/offset_map.h"

namespace concord {

struct FoldTable {
  std::unordered_map<char32_t, std::string> replace;  // code point -> UTF-8
  std::unordered_set<char32_t> remove;
};

struct NormalizedText {
  std::string text;
  OffsetMap nfc;   // NFC output -> input
  OffsetMap fold;  // text -> NFC output

  // Offsets are relative to the string that was normalized.
  std::size_t original_start(std::size_t offset) const {
    return nfc.to_source_start(fold.to_source_start(offset));
  }
  std::size_t original_end(std::size_t offset) const {
    return nfc.to_source_end(fold.to_source_end(offset));
  }
};

class Normalizer {
 public:
  Normalizer();
  explicit Normalizer(FoldTable table);

  NormalizedText normalize(std::string_view utf8) const;
  // The normalized text only, for rule data (names, month names, triggers).
  std::string normalize_string(std::string_view utf8) const;
  // Normalized and case-folded: the key under which words are compared.
  std::string key(std::string_view utf8) const;

 private:
  FoldTable table_;
  std::shared_ptr<const BmpTable<bool>> plain_;  // BMP code points kept as they are
};

// Case-folds UTF-8 text with ICU's full case folding.
std::string fold_case(std::string_view utf8);
// The same, appended to `out` (no string of its own: a document folds
// every token's key into one buffer).
void append_folded(std::string& out, std::string_view utf8);

}  // namespace concord

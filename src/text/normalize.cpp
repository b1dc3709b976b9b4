#include "text/normalize.h"

#include <unicode/bytestream.h>
#include <unicode/edits.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <cstdint>
#include <mutex>
#include <stdexcept>

namespace concord {
namespace {

const icu::Normalizer2& nfc_instance() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU: NFC data unavailable");
  return *nfc;
}

// NFC with ICU, recording edits. Returns false (and leaves `out` empty) when
// the input is already NFC, the usual case, so no copy is made.
bool apply_nfc(std::string_view in, std::string& out, OffsetMap& map) {
  const icu::Normalizer2& nfc = nfc_instance();
  UErrorCode status = U_ZERO_ERROR;
  const icu::StringPiece piece(in.data(), static_cast<int32_t>(in.size()));
  if (nfc.isNormalizedUTF8(piece, status) && U_SUCCESS(status)) return false;
  status = U_ZERO_ERROR;
  icu::Edits edits;
  icu::StringByteSink<std::string> sink(&out);
  nfc.normalizeUTF8(0, piece, sink, &edits, status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU: NFC normalization failed");
  icu::Edits::Iterator it = edits.getCoarseIterator();
  while (it.next(status)) {
    const auto old_length = static_cast<std::size_t>(it.oldLength());
    const auto new_length = static_cast<std::size_t>(it.newLength());
    if (it.hasChange()) {
      map.add_change(old_length, new_length);
    } else {
      map.add_unchanged(old_length);
    }
  }
  return true;
}


}  // namespace

Normalizer::Normalizer(FoldTable table) : table_(std::move(table)) {
  // The BMP's code points normalize() keeps as they are: neither removed,
  // replaced nor a digit (ICU's Nd), so that most letters cost a look-up.
  auto data = std::make_shared<const FoldTable>(table_);
  plain_ = std::make_shared<const BmpTable<bool>>([data](char32_t c) {
    return data->remove.count(c) == 0 && data->replace.count(c) == 0 &&
           u_charType(static_cast<UChar32>(c)) != U_DECIMAL_DIGIT_NUMBER;
  });
}

Normalizer::Normalizer() : Normalizer(FoldTable{}) {}

NormalizedText Normalizer::normalize(std::string_view utf8) const {
  NormalizedText result;
  std::string composed;
  const std::string_view input =
      apply_nfc(utf8, composed, result.nfc) ? std::string_view(composed) : utf8;

  std::string& out = result.text;
  out.reserve(input.size());
  const auto* s = reinterpret_cast<const uint8_t*>(input.data());
  const auto length = static_cast<int32_t>(input.size());
  int32_t i = 0;
  // The bytes kept as they are since the last change: always the `run`
  // bytes of the input just before the current one, copied in one go.
  std::size_t run = 0;
  auto flush = [&](std::size_t at) {
    out.append(input.data() + (at - run), run);
    result.fold.add_unchanged(run);
    run = 0;
  };
  while (i < length) {
    const uint8_t b = s[i];
    if (b < 0x80 && b != '\r') {
      ++run;
      ++i;
      continue;
    }
    if (b == '\r') {
      flush(static_cast<std::size_t>(i));
      const bool crlf = i + 1 < length && s[i + 1] == '\n';
      out.push_back('\n');
      result.fold.add_change(crlf ? 2 : 1, 1);
      i += crlf ? 2 : 1;
      continue;
    }
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    const auto source_length = static_cast<std::size_t>(i - start);
    // Kept as it is: most letters (one bit test), and bytes that are no
    // UTF-8 (impossible on validated input).
    const auto cp = static_cast<char32_t>(c);
    if (c < 0 || (cp <= 0xFFFF && (*plain_)(cp))) {
      run += source_length;
      continue;
    }
    const auto at = static_cast<std::size_t>(start);
    if (table_.remove.count(cp) != 0) {
      flush(at);
      result.fold.add_change(source_length, 0);
      continue;
    }
    if (u_charType(c) == U_DECIMAL_DIGIT_NUMBER) {
      flush(at);
      out.push_back(static_cast<char>('0' + u_charDigitValue(c)));
      result.fold.add_change(source_length, 1);
      continue;
    }
    if (auto it = table_.replace.find(cp); it != table_.replace.end()) {
      flush(at);
      out += it->second;
      result.fold.add_change(source_length, it->second.size());
      continue;
    }
    run += source_length;
  }
  flush(input.size());
  return result;
}

std::string Normalizer::normalize_string(std::string_view utf8) const {
  return normalize(utf8).text;
}

namespace {

// Whether ICU's full case folding leaves a BMP code point as it is.
// Folding maps each code point on its own (no context), so a string of such
// code points folds to itself: Persian text and lower-case Spanish never
// reach ICU.
bool folds_to_itself(char32_t c) {
  static const BmpTable<bool> table([](char32_t cp) {
    if (U_IS_SURROGATE(cp)) return false;
    icu::UnicodeString u(static_cast<UChar32>(cp));
    return u.foldCase() == icu::UnicodeString(static_cast<UChar32>(cp));
  });
  return table(c);
}

}  // namespace

std::string fold_case(std::string_view utf8) {
  std::string out;
  append_folded(out, utf8);
  return out;
}

void append_folded(std::string& out, std::string_view utf8) {
  const std::size_t start = out.size();
  out.append(utf8);
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const auto length = static_cast<int32_t>(utf8.size());
  bool identity = true;
  for (int32_t i = 0; i < length && identity;) {
    if (s[i] < 0x80) {
      if (s[i] >= 'A' && s[i] <= 'Z') out[start + static_cast<std::size_t>(i)] = static_cast<char>(s[i] - 'A' + 'a');
      ++i;
      continue;
    }
    UChar32 c;
    U8_NEXT(s, i, length, c);
    identity = c >= 0 && c <= 0xFFFF && folds_to_itself(static_cast<char32_t>(c));
  }
  if (identity) return;
  out.resize(start);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  u.foldCase();
  u.toUTF8String(out);
}

std::string Normalizer::key(std::string_view utf8) const {
  return fold_case(normalize_string(utf8));
}

}  // namespace concord

#include "text/segment.h"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <cstring>
#include <map>
#include <memory>
#include <stdexcept>

namespace concord {

namespace detail {
bool is_word_char_icu(char32_t c) {
  if (c < 0x80) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
  const auto mask = U_GET_GC_MASK(static_cast<UChar32>(c));
  return (mask & (U_GC_L_MASK | U_GC_M_MASK | U_GC_ND_MASK)) != 0;
}

const BmpTable<bool>& word_chars() {
  static const BmpTable<bool> table(is_word_char_icu);
  return table;
}
}  // namespace detail

char32_t code_point_at(std::string_view text, std::size_t offset) {
  if (offset >= text.size()) return 0;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  auto i = static_cast<int32_t>(offset);
  UChar32 c;
  U8_NEXT(s, i, static_cast<int32_t>(text.size()), c);
  return c < 0 ? 0 : static_cast<char32_t>(c);
}

char32_t code_point_before(std::string_view text, std::size_t offset) {
  if (offset == 0 || offset > text.size()) return 0;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  auto i = static_cast<int32_t>(offset);
  UChar32 c;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wold-style-cast"  // inside ICU's macro
  U8_PREV(s, 0, i, c);
#pragma GCC diagnostic pop
  return c < 0 ? 0 : static_cast<char32_t>(c);
}

std::size_t find_bytes(std::string_view text, std::string_view needle, std::size_t from) {
  const std::size_t n = needle.size();
  if (from > text.size()) return std::string_view::npos;
  if (n == 0) return from;
  if (n == 1 || n > text.size() - from) return text.find(needle, from);
  std::size_t i = from;
#if defined(__SSE2__)
  // Sixteen places at a time: those whose first and last bytes are the
  // needle's are compared whole (the needle's two ends seldom recur
  // together at its length, even where each byte alone is everywhere).
  const __m128i first = _mm_set1_epi8(needle.front());
  const __m128i last = _mm_set1_epi8(needle.back());
  const char* p = text.data();
  for (; i + n - 1 + 16 <= text.size(); i += 16) {
    const __m128i at_first = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const __m128i at_last = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + n - 1));
    auto mask = static_cast<unsigned>(
        _mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(at_first, first), _mm_cmpeq_epi8(at_last, last))));
    while (mask != 0) {
      const auto bit = static_cast<std::size_t>(__builtin_ctz(mask));
      if (std::memcmp(p + i + bit + 1, needle.data() + 1, n - 2) == 0) return i + bit;
      mask &= mask - 1;
    }
  }
#endif
  return text.find(needle, i);
}

bool at_word_boundaries(std::string_view text, std::size_t begin, std::size_t end) {
  return !is_word_char(code_point_before(text, begin)) &&
         !is_word_char(code_point_at(text, end));
}

std::size_t code_point_count(std::string_view text) {
  std::size_t n = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

std::u32string to_u32(std::string_view text) {
  std::u32string out;
  append_u32(out, text);
  return out;
}

void append_u32(std::u32string& out, std::string_view text) {
  // At most one code point per byte: sized for that, written through a
  // pointer (no capacity check per code point), then cut to what was written.
  const std::size_t old = out.size();
  out.resize(old + text.size());
  char32_t* to = out.data() + old;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < length) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    *to++ = c < 0 ? U'\uFFFD' : static_cast<char32_t>(c);
  }
  out.resize(static_cast<std::size_t>(to - out.data()));
}

std::vector<CodePoint> decode(std::string_view text) {
  std::vector<CodePoint> out;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  // Sized once: one code point per byte that is no continuation byte
  // (exact for valid UTF-8, which every source is once loaded).
  std::size_t continuations = 0;
  int32_t k = 0;
  for (; k + 8 <= length; k += 8) {  // eight bytes at a time: bit 7 set, bit 6 clear
    std::uint64_t x;
    std::memcpy(&x, s + k, sizeof(x));
    continuations += static_cast<std::size_t>(__builtin_popcountll(x & ~(x << 1) & 0x8080808080808080ull));
  }
  for (; k < length; ++k) continuations += (s[k] & 0xC0) == 0x80;
  out.reserve(static_cast<std::size_t>(length) - continuations + 1);
  int32_t i = 0;
  while (i < length) {
    const int32_t here = i;
    UChar32 c;
    if (s[i] < 0x80) {
      c = s[i++];
    } else if (s[i] >= 0xC2 && s[i] <= 0xDF && i + 1 < length && (s[i + 1] & 0xC0) == 0x80) {
      c = ((s[i] & 0x1F) << 6) | (s[i + 1] & 0x3F);  // two bytes: all of Persian's letters
      i += 2;
    } else {
      U8_NEXT(s, i, length, c);
    }
    out.push_back({c < 0 ? U'\uFFFD' : static_cast<char32_t>(c), static_cast<std::size_t>(here)});
  }
  return out;
}

std::string to_utf8(std::u32string_view text) {
  std::string out;
  for (char32_t c : text) {
    char buffer[4];
    int32_t length = 0;
    UBool error = false;
    U8_APPEND(reinterpret_cast<uint8_t*>(buffer), length, 4, static_cast<UChar32>(c), error);
    (void)error;  // cannot fail: 4 bytes always suffice
    out.append(buffer, static_cast<std::size_t>(length));
  }
  return out;
}

std::string collapse_spaces(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (char c : text) {
    const bool ws = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (ws && !space) out += ' ';
    if (!ws) out += c;
    space = ws;
  }
  return out;
}

std::vector<TextSpan> tokenize(std::string_view text) {
  std::vector<TextSpan> tokens;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  int32_t i = 0;
  std::size_t start = 0;
  bool in_word = false;
  while (i < length) {
    const int32_t here = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    const bool word = c >= 0 && is_word_char(static_cast<char32_t>(c));
    if (word && !in_word) {
      start = static_cast<std::size_t>(here);
      in_word = true;
    } else if (!word && in_word) {
      tokens.push_back({start, static_cast<std::size_t>(here)});
      in_word = false;
    }
  }
  if (in_word) tokens.push_back({start, text.size()});
  return tokens;
}

std::vector<TextSpan> split_paragraphs(std::string_view text) {
  std::vector<TextSpan> paragraphs;
  std::size_t begin = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] != '\n') {
      ++i;
      continue;
    }
    // A blank line: "\n" followed by optional spaces/tabs and another "\n".
    std::size_t j = i + 1;
    while (j < text.size() && (text[j] == ' ' || text[j] == '\t')) ++j;
    if (j < text.size() && text[j] == '\n') {
      if (i > begin) paragraphs.push_back({begin, i});
      while (j < text.size() && (text[j] == '\n' || text[j] == ' ' || text[j] == '\t')) ++j;
      begin = j;
      i = j;
    } else {
      i = j;
    }
  }
  if (begin < text.size()) paragraphs.push_back({begin, text.size()});
  return paragraphs;
}

std::vector<TextSpan> split_sentences(std::string_view text, const std::string& locale) {
  return split_sentences(text, split_paragraphs(text), locale);
}

std::vector<TextSpan> split_sentences(std::string_view text, const std::vector<TextSpan>& paragraphs,
                                      const std::string& locale) {
  std::vector<TextSpan> sentences;
  UErrorCode status = U_ZERO_ERROR;
  // One iterator per locale and thread: ICU builds one from its cached
  // rules, which cost more than splitting a short document.
  thread_local std::map<std::string, std::unique_ptr<icu::BreakIterator>> iterators;
  std::unique_ptr<icu::BreakIterator>& it = iterators[locale];
  if (!it) {
    it.reset(icu::BreakIterator::createSentenceInstance(icu::Locale(locale.c_str()), status));
    if (U_FAILURE(status) || !it) {
      iterators.erase(locale);
      throw std::runtime_error("ICU: no sentence break data");
    }
  }
  icu::UnicodeString utf16;
  for (const TextSpan& paragraph : paragraphs) {
    const std::string_view part = text.substr(paragraph.begin, paragraph.size());
    // ICU iterates UTF-16 far faster than UTF-8 (a UText function call per
    // code point); breaks are mapped back to byte offsets as they come, in
    // order. The text is valid UTF-8 (checked when loaded), so each code
    // point is one UTF-16 unit, or two from four bytes.
    utf16.remove();
    utf16.append(icu::UnicodeString::fromUTF8(icu::StringPiece(part.data(), static_cast<int32_t>(part.size()))));
    it->setText(utf16);
    std::size_t byte = 0;
    int32_t unit = 0;
    const auto to_byte = [&](int32_t target) {
      while (unit < target && byte < part.size()) {
        const auto lead = static_cast<unsigned char>(part[byte]);
        const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        byte += length;
        unit += length == 4 ? 2 : 1;
      }
      return std::min(byte, part.size());
    };
    std::size_t b = to_byte(it->first());
    for (int32_t end = it->next(); end != icu::BreakIterator::DONE; end = it->next()) {
      const std::size_t next = to_byte(end);
      std::size_t e = next;
      while (e > b && (part[e - 1] == ' ' || part[e - 1] == '\n' || part[e - 1] == '\t')) --e;
      if (e > b) sentences.push_back({paragraph.begin + b, paragraph.begin + e});
      b = next;
    }
  }
  return sentences;
}

std::size_t span_index(const std::vector<TextSpan>& spans, std::size_t offset) {
  auto it = std::upper_bound(spans.begin(), spans.end(), offset,
                             [](std::size_t off, const TextSpan& s) { return off < s.begin; });
  if (it == spans.begin()) return static_cast<std::size_t>(-1);
  return static_cast<std::size_t>(it - spans.begin()) - 1;
}

}  // namespace concord

// Words, sentences and paragraphs of a normalized text. All offsets are byte
// offsets into the normalized text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "text/bmp_table.h"

namespace concord {

struct TextSpan {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::size_t size() const { return end - begin; }
};

// Maximal runs of letters, combining marks and digits.
std::vector<TextSpan> tokenize(std::string_view text);

// Paragraphs are separated by one or more blank lines.
std::vector<TextSpan> split_paragraphs(std::string_view text);

// Sentences by ICU's BreakIterator for `locale` (CLDR sentence rules), never
// crossing a paragraph boundary. Trailing whitespace is trimmed.
std::vector<TextSpan> split_sentences(std::string_view text, const std::string& locale);
// The same, given the text's split_paragraphs() (a Document has them).
std::vector<TextSpan> split_sentences(std::string_view text, const std::vector<TextSpan>& paragraphs,
                                      const std::string& locale);

namespace detail {
bool is_word_char_icu(char32_t c);      // ICU's general category: L, M or Nd
const BmpTable<bool>& word_chars();     // the same for the BMP (text/bmp_table.h)
}  // namespace detail

// True for a code point that can be part of a word (letter, mark, digit).
// Inline, a table look-up for the BMP: tokenizing asks it of every code point.
inline bool is_word_char(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  if (c > 0xFFFF) return detail::is_word_char_icu(c);
  static const BmpTable<bool>& table = detail::word_chars();
  return table(c);
}
// The code point that starts at `offset` / ends just before `offset`
// (U+0000 at the edges of the text).
char32_t code_point_at(std::string_view text, std::size_t offset);
char32_t code_point_before(std::string_view text, std::size_t offset);
// True when [begin, end) is not glued to a word character on either side.
bool at_word_boundaries(std::string_view text, std::size_t begin, std::size_t end);
// The text with each run of spaces, tabs and line breaks as one space.
// The first place at or after `from` where `needle` is written in `text`,
// or npos; an empty needle is found at `from`. std::string_view::find
// looks for the needle's first byte, which in Arabic-script text is on
// every other byte (the lead byte of every letter); this compares the
// needle's first and last bytes at sixteen places at a time.
std::size_t find_bytes(std::string_view text, std::string_view needle, std::size_t from = 0);

std::string collapse_spaces(std::string_view text);
// Number of code points in a UTF-8 string.
std::size_t code_point_count(std::string_view text);
// Code points of a UTF-8 string.
std::u32string to_u32(std::string_view text);
// Appends the code points of `text` to `out` (the same decoding as to_u32).
void append_u32(std::u32string& out, std::string_view text);
// Code points of a UTF-8 string with the byte offset where each begins;
// an invalid sequence is one U+FFFD.
struct CodePoint {
  char32_t c;
  std::size_t begin;
};
std::vector<CodePoint> decode(std::string_view text);
std::string to_utf8(std::u32string_view text);

// Index of the span containing `offset` in sorted, disjoint spans, or the
// last span starting before it; npos when none.
std::size_t span_index(const std::vector<TextSpan>& spans, std::size_t offset);

}  // namespace concord

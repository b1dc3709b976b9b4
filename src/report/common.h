// Helpers shared by the renderers (internal to src/report/).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace concord::report_detail {

// Languages written right to left (fa, ar, he, ur, ...), by their primary
// subtag: "fa-IR" counts as "fa".
bool is_rtl_language(std::string_view lang);

// True when the text has a right-to-left letter (Hebrew, Arabic, Syriac,
// Thaana, N'Ko, ...) or a bidi control character: text that needs an
// isolate so it does not reorder what surrounds it.
bool needs_isolate(std::string_view utf8);

// Decodes the code point starting at `i` and advances `i` past it. Invalid
// bytes decode as U+FFFD, one byte each (the sources are valid UTF-8).
char32_t next_code_point(std::string_view s, std::size_t& i);
// Appends the UTF-8 encoding of `c`.
void append_utf8(std::string& out, char32_t c);

// 64-bit FNV-1a, for fingerprints.
std::uint64_t fnv1a64(std::string_view bytes, std::uint64_t hash = 0xcbf29ce484222325ULL);

// SHA-256 of `bytes`, base64-encoded: a Content-Security-Policy hash source.
std::string sha256_base64(std::string_view bytes);

// The last path component ("a/b/c.txt" -> "c.txt"), '/' or '\' separated.
std::string_view path_basename(std::string_view path);

}  // namespace concord::report_detail

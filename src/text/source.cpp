#include "text/source.h"

#include <fmt/format.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace concord {

std::size_t find_invalid_utf8(std::string_view bytes) {
  const auto* s = reinterpret_cast<const uint8_t*>(bytes.data());
  const auto length = static_cast<int32_t>(bytes.size());
  int32_t i = 0;
  while (i < length) {
    if (s[i] < 0x80) {  // ASCII fast path
      ++i;
      continue;
    }
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) return static_cast<std::size_t>(start);
  }
  return std::string_view::npos;
}

Source Source::load(const std::string& path) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) {
    throw UserError(path, "cannot read file: no such file");
  }
  if (std::filesystem::is_directory(status)) {
    throw UserError(path, "cannot read file: it is a directory");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw UserError(path, fmt::format("cannot read file: {}", std::strerror(errno)));
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) throw UserError(path, "cannot read file: read error");
  return from_bytes(path, std::move(buffer).str());
}

Source Source::from_bytes(std::string path, std::string bytes) {
  std::string_view view(bytes);
  if (view.size() >= 2 && ((view[0] == '\xFF' && view[1] == '\xFE') ||
                           (view[0] == '\xFE' && view[1] == '\xFF'))) {
    throw UserError(path,
                    "file is UTF-16 (byte order mark at byte 0); convert it to "
                    "UTF-8, e.g. with iconv -f UTF-16 -t UTF-8",
                    FilePosition{0, 0, 0});
  }
  if (const auto nul = view.find('\0'); nul != std::string_view::npos) {
    throw UserError(path, "binary file (NUL byte); concord reads UTF-8 text",
                    FilePosition{0, 0, nul});
  }
  if (const auto bad = find_invalid_utf8(view); bad != std::string_view::npos) {
    throw UserError(path,
                    fmt::format("invalid UTF-8 (byte 0x{:02X})",
                                static_cast<unsigned char>(view[bad])),
                    FilePosition{0, 0, bad});
  }
  return Source(std::move(path), std::move(bytes));
}

Source::Source(std::string path, std::string bytes)
    : path_(std::move(path)), bytes_(std::move(bytes)) {
  if (bytes_.size() >= 3 && bytes_.compare(0, 3, "\xEF\xBB\xBF") == 0) {
    content_start_ = 3;
  }
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < bytes_.size(); ++i) {
    if (bytes_[i] == '\n') {
      line_starts_.push_back(i + 1);
    } else if (bytes_[i] == '\r') {
      if (i + 1 < bytes_.size() && bytes_[i + 1] == '\n') ++i;
      line_starts_.push_back(i + 1);
    }
  }
}

LineColumn Source::position(std::size_t byte_offset) const {
  byte_offset = std::min(byte_offset, bytes_.size());
  const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), byte_offset);
  const std::size_t line_index = static_cast<std::size_t>(it - line_starts_.begin()) - 1;
  std::size_t begin = line_starts_[line_index];
  // The BOM is not a character the user sees: columns on line 1 start after it.
  if (line_index == 0) begin = std::min(content_start_, byte_offset);
  std::size_t column = 1;
  for (std::size_t i = begin; i < byte_offset; ++i) {
    // Count lead bytes only: every code point has exactly one.
    if ((static_cast<unsigned char>(bytes_[i]) & 0xC0) != 0x80) ++column;
  }
  return LineColumn{line_index + 1, column};
}

std::pair<std::size_t, std::size_t> Source::line_range(std::size_t line) const {
  if (line == 0 || line > line_starts_.size()) return {bytes_.size(), bytes_.size()};
  std::size_t begin = line_starts_[line - 1];
  if (line == 1) begin = content_start_;
  std::size_t end = line < line_starts_.size() ? line_starts_[line] : bytes_.size();
  while (end > begin && (bytes_[end - 1] == '\n' || bytes_[end - 1] == '\r')) --end;
  return {begin, end};
}

}  // namespace concord

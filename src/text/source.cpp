#include "text/source.h"

#include <fmt/format.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unicode/utf8.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

namespace concord {

// Well-formed UTF-8 as in the Unicode Standard, table 3-7: no overlong
// forms, no surrogates, nothing above U+10FFFF. Written out (not ICU's
// U8_NEXT, whose offsets are int32_t) so that any size is safe.
std::size_t find_invalid_utf8(std::string_view bytes) {
  const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t n = bytes.size();
  std::size_t i = 0;
  const auto in = [&](std::size_t at, unsigned char lo, unsigned char hi) {
    return at < n && s[at] >= lo && s[at] <= hi;
  };
  while (i < n) {
    const unsigned char b = s[i];
    if (b < 0x80) {  // ASCII fast path
      ++i;
      continue;
    }
    std::size_t length = 0;
    if (b >= 0xC2 && b <= 0xDF) {
      length = in(i + 1, 0x80, 0xBF) ? 2 : 0;
    } else if (b == 0xE0) {
      length = in(i + 1, 0xA0, 0xBF) && in(i + 2, 0x80, 0xBF) ? 3 : 0;
    } else if ((b >= 0xE1 && b <= 0xEC) || b == 0xEE || b == 0xEF) {
      length = in(i + 1, 0x80, 0xBF) && in(i + 2, 0x80, 0xBF) ? 3 : 0;
    } else if (b == 0xED) {  // U+D800..U+DFFF are surrogates
      length = in(i + 1, 0x80, 0x9F) && in(i + 2, 0x80, 0xBF) ? 3 : 0;
    } else if (b == 0xF0) {
      length = in(i + 1, 0x90, 0xBF) && in(i + 2, 0x80, 0xBF) && in(i + 3, 0x80, 0xBF) ? 4 : 0;
    } else if (b >= 0xF1 && b <= 0xF3) {
      length = in(i + 1, 0x80, 0xBF) && in(i + 2, 0x80, 0xBF) && in(i + 3, 0x80, 0xBF) ? 4 : 0;
    } else if (b == 0xF4) {
      length = in(i + 1, 0x80, 0x8F) && in(i + 2, 0x80, 0xBF) && in(i + 3, 0x80, 0xBF) ? 4 : 0;
    }
    if (length == 0) return i;
    i += length;
  }
  return std::string_view::npos;
}

namespace {

UserError too_large(const std::string& path, std::size_t size, std::size_t max_bytes, bool at_least) {
  return UserError(path, fmt::format("file is {}{} bytes, more than the limit of {} bytes ({}); raise it with "
                                     "--max-source-bytes N or max_source_bytes: in .concord.yaml",
                                     at_least ? "at least " : "", size, max_bytes, describe_bytes(max_bytes)));
}

// Line and column (code points; LF, CRLF and CR end lines, a BOM is not a
// column) of `offset`, for an error in bytes whose prefix up to `offset`
// is valid UTF-8.
FilePosition error_position(std::string_view bytes, std::size_t offset) {
  std::size_t line = 1;
  std::size_t line_start = bytes.substr(0, 3) == "\xEF\xBB\xBF" && offset >= 3 ? 3 : 0;
  for (std::size_t i = line_start; i < offset; ++i) {
    if (bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 >= bytes.size() || bytes[i + 1] != '\n'))) {
      ++line;
      line_start = i + 1;
    }
  }
  std::size_t column = 1;
  for (std::size_t i = line_start; i < offset; ++i) {
    if ((static_cast<unsigned char>(bytes[i]) & 0xC0) != 0x80) ++column;
  }
  return FilePosition{line, column, offset};
}

// Closes a file descriptor on every path out.
struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

Source Source::load(const std::string& path, std::size_t max_bytes) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) {
    throw UserError(path, "cannot read file: no such file");
  }
  if (std::filesystem::is_directory(status)) {
    throw UserError(path, "cannot read file: it is a directory");
  }
  // Read-only, and never following the file into a write.
  Fd file{::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY)};
  if (file.fd < 0) {
    throw UserError(path, fmt::format("cannot read file: {}", std::strerror(errno)));
  }
  struct stat info {};
  if (::fstat(file.fd, &info) != 0) {
    throw UserError(path, fmt::format("cannot read file: {}", std::strerror(errno)));
  }
  if (S_ISDIR(info.st_mode)) throw UserError(path, "cannot read file: it is a directory");
  // The limit is checked on the size before anything is read.
  const bool regular = S_ISREG(info.st_mode);
  if (regular && static_cast<std::size_t>(info.st_size) > max_bytes) {
    throw too_large(path, static_cast<std::size_t>(info.st_size), max_bytes, false);
  }
  std::string bytes;
  if (regular) bytes.reserve(static_cast<std::size_t>(info.st_size));
  // Pipes and devices have no size: read at most one byte past the limit.
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(file.fd, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw UserError(path, fmt::format("cannot read file: {}", std::strerror(errno)));
    }
    if (n == 0) break;
    bytes.append(buffer, static_cast<std::size_t>(n));
    if (bytes.size() > max_bytes) throw too_large(path, bytes.size(), max_bytes, true);
  }
  return from_bytes(path, std::move(bytes), max_bytes);
}

Source Source::from_bytes(std::string path, std::string bytes, std::size_t max_bytes) {
  if (bytes.size() > max_bytes) throw too_large(path, bytes.size(), max_bytes, false);
  std::string_view view(bytes);
  if (view.size() >= 2 && ((view[0] == '\xFF' && view[1] == '\xFE') ||
                           (view[0] == '\xFE' && view[1] == '\xFF'))) {
    throw UserError(path,
                    "file is UTF-16 (byte order mark at byte 0); convert it to "
                    "UTF-8, e.g. with iconv -f UTF-16 -t UTF-8",
                    FilePosition{1, 1, 0});
  }
  // The bytes before a NUL or an invalid byte are valid UTF-8 (the NUL is
  // looked for first), so the error's column can count code points.
  if (const auto nul = view.find('\0'); nul != std::string_view::npos) {
    throw UserError(path, fmt::format("binary file (NUL byte at byte {}); concord reads UTF-8 text", nul),
                    error_position(view, nul));
  }
  if (const auto bad = find_invalid_utf8(view); bad != std::string_view::npos) {
    throw UserError(path,
                    fmt::format("invalid UTF-8 (byte 0x{:02X} at byte {})",
                                static_cast<unsigned char>(view[bad]), bad),
                    error_position(view, bad));
  }
  return Source(std::move(path), std::move(bytes));
}

Source::Source(std::string path, std::string bytes)
    : path_(std::move(path)), bytes_(std::move(bytes)) {
  if (bytes_.size() >= 3 && bytes_.compare(0, 3, "\xEF\xBB\xBF") == 0) {
    content_start_ = 3;
  }
  line_starts_.push_back(0);
  if (bytes_.find('\r') == std::string::npos) {
    // LF only (most files): memchr from line to line.
    for (std::size_t i = bytes_.find('\n'); i != std::string::npos; i = bytes_.find('\n', i + 1)) {
      line_starts_.push_back(i + 1);
    }
    return;
  }
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

// A source file as concord reads it: the original bytes, never modified.
//
// All positions concord reports are byte offsets into these original bytes
// (BOM included), so that an editor or a script can find the exact text.
// Lines and columns are derived from byte offsets in one place, position().
//
// Thread safety: immutable after construction; safe to share across threads.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "error.h"
#include "input_limits.h"

namespace concord {

struct LineColumn {
  std::size_t line = 1;    // 1-based
  std::size_t column = 1;  // 1-based, counted in Unicode code points
};

class Source {
 public:
  // Reads a file. Throws UserError when it cannot be read, is larger than
  // `max_bytes` (checked with fstat before reading, and again while
  // reading, for files whose size stat cannot tell), is not UTF-8, or is
  // binary. The file is opened read-only.
  static Source load(const std::string& path, std::size_t max_bytes = kDefaultMaxSourceBytes);

  // Same validation on bytes already in memory (stdin, tests, --jsonl).
  static Source from_bytes(std::string path, std::string bytes,
                           std::size_t max_bytes = kDefaultMaxSourceBytes);

  const std::string& path() const { return path_; }
  // The whole file as read, BOM included.
  std::string_view bytes() const { return bytes_; }
  // Offset of the first byte after the BOM (0 or 3).
  std::size_t content_start() const { return content_start_; }
  std::string_view content() const {
    return std::string_view(bytes_).substr(content_start_);
  }

  // Line and column of a byte offset in the original file. LF, CRLF and a
  // lone CR each end a line; columns count code points, not bytes, because
  // that is what editors (and SARIF's "unicodeCodePoints" columns) show.
  LineColumn position(std::size_t byte_offset) const;

  std::size_t line_count() const { return line_starts_.size(); }
  // Byte range [begin, end) of a 1-based line, without its terminator.
  std::pair<std::size_t, std::size_t> line_range(std::size_t line) const;

 private:
  Source(std::string path, std::string bytes);

  std::string path_;
  std::string bytes_;
  std::size_t content_start_ = 0;
  std::vector<std::size_t> line_starts_;
};

// Checks that bytes are well-formed UTF-8. Returns the offset of the first
// invalid byte, or npos when valid.
std::size_t find_invalid_utf8(std::string_view bytes);

}  // namespace concord

// Errors that concord reports to its user.
//
// A UserError is a mistake in something the user gave concord: a source file,
// a rule file, a config file or a command-line argument. It always names the
// file and, when known, the position, and formats as one line. Internal errors
// (bugs) are ordinary exceptions and are reported differently by the CLI.
#pragma once

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>

namespace concord {

struct FilePosition {
  std::size_t line = 0;    // 1-based; 0 when unknown
  std::size_t column = 0;  // 1-based, in code points; 0 when unknown
  std::optional<std::size_t> byte_offset;
};

class UserError : public std::runtime_error {
 public:
  UserError(std::string path, std::string message, FilePosition where = {});

  const std::string& path() const { return path_; }
  const std::string& message() const { return message_; }
  const FilePosition& where() const { return where_; }

  // "path:line:col: error: message", "path: byte N: error: message" or
  // "path: error: message"; always a single line.
  std::string formatted() const;

 private:
  std::string path_;
  std::string message_;
  FilePosition where_;
};

}  // namespace concord

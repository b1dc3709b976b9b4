#include "error.h"

#include <fmt/format.h>

namespace concord {
namespace {

// Keep the message on one line whatever the offending text contains.
std::string one_line(std::string s) {
  for (char& c : s) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return s;
}

std::string format_error(const std::string& path, const std::string& message,
                         const FilePosition& where) {
  if (where.line > 0) {
    return one_line(fmt::format("{}:{}:{}: error: {}", path, where.line,
                                where.column, message));
  }
  if (where.byte_offset) {
    return one_line(fmt::format("{}: byte {}: error: {}", path,
                                *where.byte_offset, message));
  }
  return one_line(fmt::format("{}: error: {}", path, message));
}

}  // namespace

UserError::UserError(std::string path, std::string message, FilePosition where)
    : std::runtime_error(format_error(path, message, where)),
      path_(std::move(path)),
      message_(std::move(message)),
      where_(where) {}

std::string UserError::formatted() const { return what(); }

}  // namespace concord

#include "input_limits.h"

#include <fmt/format.h>

#include <cctype>
#include <limits>

#include "error.h"

namespace concord {

std::size_t parse_byte_size(const std::string& text, const std::string& what) {
  std::size_t i = 0;
  std::size_t value = 0;
  const auto bad = [&]() {
    return UserError(what, fmt::format("'{}' is not a size in bytes (examples: 67108864, 64M, 64MiB, 1G)", text));
  };
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) != 0) {
    const std::size_t digit = static_cast<std::size_t>(text[i] - '0');
    if (value > (std::numeric_limits<std::size_t>::max() - digit) / 10) throw bad();
    value = value * 10 + digit;
    ++i;
  }
  if (i == 0) throw bad();
  std::string suffix;
  for (; i < text.size(); ++i) suffix += static_cast<char>(std::tolower(static_cast<unsigned char>(text[i])));
  unsigned shift = 0;
  if (suffix.empty() || suffix == "b") shift = 0;
  else if (suffix == "k" || suffix == "kib" || suffix == "kb") shift = 10;
  else if (suffix == "m" || suffix == "mib" || suffix == "mb") shift = 20;
  else if (suffix == "g" || suffix == "gib" || suffix == "gb") shift = 30;
  else throw bad();
  if (value > (std::numeric_limits<std::size_t>::max() >> shift)) throw bad();
  value <<= shift;
  if (value == 0) throw UserError(what, "a size limit must be at least 1 byte");
  return value;
}

std::string describe_bytes(std::size_t bytes) {
  constexpr const char* kUnits[] = {"KiB", "MiB", "GiB", "TiB"};
  if (bytes < 1024) return fmt::format("{} byte{}", bytes, bytes == 1 ? "" : "s");
  double value = static_cast<double>(bytes);
  std::size_t unit = 0;
  value /= 1024;
  while (value >= 1024 && unit + 1 < std::size(kUnits)) {
    value /= 1024;
    ++unit;
  }
  if (value == static_cast<double>(static_cast<std::size_t>(value))) {
    return fmt::format("{} {}", static_cast<std::size_t>(value), kUnits[unit]);
  }
  return fmt::format("{:.1f} {}", value, kUnits[unit]);
}

}  // namespace concord

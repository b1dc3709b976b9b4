// Input limits: how large a source or a rule file concord accepts.
//
// Every limit is checked before the input is read (a stat, not a read), so
// a hostile or mistaken input costs nothing, and every refusal names the
// limit and the option that raises it.
#pragma once

#include <cstddef>
#include <string>

namespace concord {

// A source file (or in-memory text) larger than this is refused.
// `--max-source-bytes N` on check/extract/fix/baseline, `max_source_bytes:`
// in .concord.yaml.
inline constexpr std::size_t kDefaultMaxSourceBytes = std::size_t{64} << 20;  // 64 MiB
// A rule file larger than this is refused: `--max-rule-bytes N`.
inline constexpr std::size_t kDefaultMaxRuleBytes = std::size_t{16} << 20;  // 16 MiB
// A project config (.concord.yaml) larger than this is refused.
inline constexpr std::size_t kMaxConfigBytes = std::size_t{1} << 20;  // 1 MiB
// Memory RE2 may use to compile one rule pattern (RE2::Options::max_mem).
inline constexpr std::size_t kRegexMemoryBudget = std::size_t{8} << 20;  // 8 MiB
// Memory RE2 may use for the patterns concord builds from a whole pack: its
// number and unit words, the sets that filter its dates and triggers.
inline constexpr std::size_t kPatternSetMemoryBudget = std::size_t{64} << 20;  // 64 MiB

// "67108864", "64M", "64MiB", "512K", "1G" (binary multiples; case does not
// matter). Throws UserError(`what`, ...) for anything else, or for 0.
std::size_t parse_byte_size(const std::string& text, const std::string& what);

// "64 MiB", "1.5 KiB", "17 bytes": for messages.
std::string describe_bytes(std::size_t bytes);

}  // namespace concord

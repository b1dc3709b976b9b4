// Which patterns this RE2 library has compiled without error for concord,
// remembered in the cache (cache.h) from run to run, so that the loader
// can defer compiling them (lazy_regex.h).
//
// A verdict is a 64-bit XXH3 hash of a pattern and its options; the entry
// is keyed by the RE2 shared library's path, size and modification time, so
// another RE2 starts with no verdicts. A pattern gets a verdict only once
// it has passed every check of the loader; one without is compiled at load
// and reported there if invalid.
//
// Thread safety: known() and add() may be called from several threads.
#pragma once

#include <re2/re2.h>

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_set>
#include <vector>

namespace concord {

class RegexVerdicts {
 public:
  // No verdicts: every pattern is compiled at load.
  RegexVerdicts() = default;
  RegexVerdicts(const RegexVerdicts&) = delete;
  RegexVerdicts& operator=(const RegexVerdicts&) = delete;
  // Reads the verdicts of earlier runs; none when caching is off, or when
  // the RE2 library cannot be told.
  void read();

  bool known(const std::string& pattern, const RE2::Options& options) const;
  void add(const std::string& pattern, const RE2::Options& options);
  // Stores the verdicts when add() learned new ones.
  void write() const;

 private:
  static std::uint64_t hash(const std::string& pattern, const RE2::Options& options);
  std::string library_;  // the cache key; empty: do not cache
  std::unordered_set<std::uint64_t> known_;
  std::vector<std::uint64_t> added_;         // learned in this run
  mutable std::vector<std::uint64_t> hits_;  // known() answered yes in this run
  mutable std::mutex mutex_;
};

}  // namespace concord

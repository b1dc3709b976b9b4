// A compiled RE2 pattern that may be compiled on its first use.
//
// Compiling every pack's date templates and event triggers at load was an
// eighth of the instructions of a check of the seed pair, though a run
// meets few of the packs and few of their patterns. A pattern this build
// has compiled without error in an earlier run (regex_verdicts.h) is
// loaded deferred and compiled when a search first needs it; any other is
// compiled at load, where an invalid one is reported with its file and
// position.
//
// Thread safety: copies share one pattern; get() may be called from any
// thread (the pattern is compiled once).
#pragma once

#include <re2/re2.h>

#include <memory>
#include <mutex>
#include <string>

namespace concord {

class LazyRegex {
 public:
  LazyRegex() = default;
  // Compiled now.
  explicit LazyRegex(std::unique_ptr<const RE2> compiled);
  // Compiled by the first get().
  LazyRegex(std::string pattern, const RE2::Options& options);

  // The compiled pattern (nullptr for a default-constructed one).
  const RE2* get() const;
  const RE2& operator*() const { return *get(); }
  const RE2* operator->() const { return get(); }
  explicit operator bool() const { return state_ != nullptr; }

  const std::string& pattern() const;
  const RE2::Options& options() const;
  // Whether the pattern is compiled already (for tests).
  bool compiled() const;

 private:
  struct State {
    std::string pattern;
    RE2::Options options;
    mutable std::once_flag once;
    mutable std::unique_ptr<const RE2> re;
  };
  std::shared_ptr<const State> state_;
};

}  // namespace concord

// One pass over a text that tells in which of its windows (a document's
// paragraphs) each of several compiled patterns can match (RE2::Set), so
// that each is searched only there. A pack has dozens of date templates and
// event triggers, and a document matches few of them, in few paragraphs:
// searching each over the whole text was most of the extraction time.
//
// The answer is a superset: a pattern marked may still find no match at
// word boundaries. When the filter was not built, or RE2 runs out of
// memory on a window, every pattern is marked there.
#pragma once

#include <re2/re2.h>
#include <re2/set.h>

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "rules/lazy_regex.h"
#include "text/segment.h"

namespace concord {

class PatternFilter {
 public:
  PatternFilter() = default;
  // The patterns must share their RE2 options (those of the first are used,
  // with `max_mem` as the set's memory budget). Not built when a pattern
  // does not join the set.
  // Built from the patterns' text and options: none of them need be
  // compiled (lazy_regex.h).
  PatternFilter(const std::vector<const LazyRegex*>& patterns, std::int64_t max_mem);

  // For each of the `count` patterns, the indices (ascending) of the
  // `windows` of `text` in which it can match, each window read on its own.
  // Every window for every pattern when the filter was not built for
  // `count` patterns (a pack assembled by hand, not by load_rules()); every
  // pattern on a window where RE2 runs out of memory.
  std::vector<std::vector<std::uint32_t>> windows(std::string_view text, const std::vector<TextSpan>& windows,
                                                  std::size_t count) const;

  bool built() const { return set_ != nullptr; }

 private:
  std::size_t size_ = 0;
  std::shared_ptr<const RE2::Set> set_;
};

}  // namespace concord

// One pass over a text that tells which of several compiled patterns can
// match somewhere in it (RE2::Set), so that only those are searched one by
// one. A pack has dozens of date templates and event triggers, and a
// document matches few of them: searching each over the whole text was
// most of the extraction time.
//
// The answer is a superset: a pattern marked may still find no match at
// word boundaries. When the filter was not built, or RE2 runs out of
// memory on a text, every pattern is marked.
//
// Asked window by window (a document's paragraphs), it also tells where:
// a date template that matches in one paragraph of thirty is then searched
// in that paragraph only.
#pragma once

#include <re2/re2.h>
#include <re2/set.h>

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "text/segment.h"

namespace concord {

class PatternFilter {
 public:
  PatternFilter() = default;
  // The patterns must share their RE2 options (those of the first are used,
  // with `max_mem` as the set's memory budget). Not built when a pattern
  // does not join the set.
  PatternFilter(const std::vector<const RE2*>& patterns, std::int64_t max_mem);

  // One flag for each of the `count` patterns: false means it has no match
  // in `text`. All true when the filter was built for another count (a
  // pack assembled by hand, not by load_rules()).
  std::vector<bool> candidates(std::string_view text, std::size_t count) const;

  // For each of the `count` patterns, the indices (ascending) of the
  // `windows` of `text` in which it can match, each window read on its own.
  // Every window for every pattern when the filter was not built for
  // `count` patterns; every window for every pattern on a window where RE2
  // runs out of memory.
  std::vector<std::vector<std::uint32_t>> windows(std::string_view text, const std::vector<TextSpan>& windows,
                                                  std::size_t count) const;

  bool built() const { return set_ != nullptr; }

 private:
  std::size_t size_ = 0;
  std::shared_ptr<const RE2::Set> set_;
};

}  // namespace concord

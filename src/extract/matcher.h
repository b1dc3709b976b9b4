// Runs a compiled rule pattern over normalized text, word-boundary aware.
//
// RE2's \b only knows ASCII words, so boundaries are checked here with
// Unicode properties: a match glued to a letter, mark or digit on either side
// is skipped and the search resumes one character later. Runs in time linear
// in the text for each pattern (RE2 guarantees it per search; a retry after a
// rejected match restarts one code point later).
#pragma once

#include <re2/re2.h>

#include <string>
#include <string_view>
#include <vector>

#include "text/segment.h"

namespace concord {

// Calls `on_match(groups)` for each non-overlapping match whose outer span
// is at word boundaries; groups[0] is the whole match, groups[i] the i-th
// capture (data() == nullptr when it did not participate).
template <typename Callback>
void for_each_match(const RE2& re, std::string_view text, Callback&& on_match) {
  const int n = re.NumberOfCapturingGroups() + 1;
  std::vector<re2::StringPiece> pieces(static_cast<std::size_t>(n));
  std::vector<std::string_view> groups(static_cast<std::size_t>(n));
  const re2::StringPiece input(text.data(), text.size());
  std::size_t pos = 0;
  while (pos <= text.size()) {
    if (!re.Match(input, pos, text.size(), RE2::UNANCHORED, pieces.data(), n)) return;
    const auto begin = static_cast<std::size_t>(pieces[0].data() - text.data());
    const auto end = begin + pieces[0].size();
    if (end == begin || !at_word_boundaries(text, begin, end)) {
      // Resume one code point after the rejected start.
      std::size_t next = begin + 1;
      while (next < text.size() && (static_cast<unsigned char>(text[next]) & 0xC0) == 0x80) ++next;
      pos = next;
      continue;
    }
    for (int i = 0; i < n; ++i) {
      groups[static_cast<std::size_t>(i)] =
          pieces[static_cast<std::size_t>(i)].data() == nullptr
              ? std::string_view()
              : std::string_view(pieces[static_cast<std::size_t>(i)].data(), pieces[static_cast<std::size_t>(i)].size());
    }
    on_match(groups);
    pos = end;
  }
}

}  // namespace concord

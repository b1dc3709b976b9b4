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
#include <utility>
#include <vector>

#include "text/segment.h"

namespace concord {

// Calls `on_span(begin, end)` for each non-overlapping match whose outer
// span is at word boundaries, and returns nothing of its captures.
template <typename OnSpan>
void for_each_span(const RE2& re, std::string_view text, OnSpan&& on_span) {
  const re2::StringPiece input(text.data(), text.size());
  re2::StringPiece whole;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    if (!re.Match(input, pos, text.size(), RE2::UNANCHORED, &whole, 1)) return;
    const auto begin = static_cast<std::size_t>(whole.data() - text.data());
    const auto end = begin + whole.size();
    if (end == begin || !at_word_boundaries(text, begin, end)) {
      // Resume one code point after the rejected start.
      std::size_t next = begin + 1;
      while (next < text.size() && (static_cast<unsigned char>(text[next]) & 0xC0) == 0x80) ++next;
      pos = next;
      continue;
    }
    on_span(begin, end);
    pos = end;
  }
}

// Calls `on_match(groups)` for each non-overlapping match whose outer span
// is at word boundaries and which `wanted(begin, end)` accepts; groups[0]
// is the whole match, groups[i] the i-th capture (data() == nullptr when it
// did not participate). A match not wanted is skipped as if on_match had
// ignored it.
//
// The match is found first without its captures, which are then computed
// on the match alone (anchored at both ends): RE2 does the same inside one
// Match call, so the groups are the same, but a match rejected at a word
// boundary or not wanted costs no capture work, most of a search's time.
template <typename Callback, typename Wanted>
void for_each_match(const RE2& re, std::string_view text, Callback&& on_match, Wanted&& wanted) {
  const int n = re.NumberOfCapturingGroups() + 1;
  std::vector<re2::StringPiece> pieces(static_cast<std::size_t>(n));
  std::vector<std::string_view> groups(static_cast<std::size_t>(n));
  const re2::StringPiece input(text.data(), text.size());
  for_each_span(re, text, [&](std::size_t begin, std::size_t end) {
    if (!wanted(begin, end)) return;
    const bool anchored = n > 1 && re.Match(input, begin, end, RE2::ANCHOR_BOTH, pieces.data(), n) &&
                          pieces[0].data() == text.data() + begin && pieces[0].size() == end - begin;
    if (n > 1 && !anchored) {
      // Not expected; the one-call search from the match's start finds the
      // same match, with its captures.
      re.Match(input, begin, text.size(), RE2::UNANCHORED, pieces.data(), n);
    }
    if (n == 1) pieces[0] = re2::StringPiece(text.data() + begin, end - begin);
    for (int i = 0; i < n; ++i) {
      groups[static_cast<std::size_t>(i)] =
          pieces[static_cast<std::size_t>(i)].data() == nullptr
              ? std::string_view()
              : std::string_view(pieces[static_cast<std::size_t>(i)].data(), pieces[static_cast<std::size_t>(i)].size());
    }
    on_match(groups);
  });
}

template <typename Callback>
void for_each_match(const RE2& re, std::string_view text, Callback&& on_match) {
  for_each_match(re, text, std::forward<Callback>(on_match), [](std::size_t, std::size_t) { return true; });
}

}  // namespace concord

// Runs a compiled rule pattern over normalized text, word-boundary aware.
//
// RE2's \b only knows ASCII words, so boundaries are checked here with
// Unicode properties: a match glued to a letter, mark or digit on either side
// is skipped and the search resumes one character later. Runs in time linear
// in the text for each pattern (RE2 guarantees it per search; a retry after a
// rejected match restarts one code point later).
#pragma once

#include <re2/re2.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "text/segment.h"

namespace concord {

// Calls `on_span(begin, end)` for each non-overlapping match inside the
// window [from, to) of `text` whose outer span is at word boundaries, and
// returns nothing of its captures. The text outside the window is context:
// it decides the word boundaries (and RE2's ^, $ and \b) but no match
// starts or ends there.
template <typename OnSpan>
void for_each_span(const RE2& re, std::string_view text, std::size_t from, std::size_t to, OnSpan&& on_span) {
  const re2::StringPiece input(text.data(), text.size());
  re2::StringPiece whole;
  to = std::min(to, text.size());
  std::size_t pos = from;
  while (pos <= to) {
    if (!re.Match(input, pos, to, RE2::UNANCHORED, &whole, 1)) return;
    const auto begin = static_cast<std::size_t>(whole.data() - text.data());
    const auto end = begin + whole.size();
    if (end == begin || !at_word_boundaries(text, begin, end)) {
      // Resume one code point after the rejected start.
      std::size_t next = begin + 1;
      while (next < to && (static_cast<unsigned char>(text[next]) & 0xC0) == 0x80) ++next;
      pos = next;
      continue;
    }
    on_span(begin, end);
    pos = end;
  }
}

// The same over the whole text.
template <typename OnSpan>
void for_each_span(const RE2& re, std::string_view text, OnSpan&& on_span) {
  for_each_span(re, text, 0, text.size(), std::forward<OnSpan>(on_span));
}

// The captures of `re`'s match text[begin, end), found by a search that
// could run to `to`: groups[0] is the whole match, groups[i] the i-th
// capture (data() == nullptr when it did not participate). `pieces` is
// scratch space. The captures are computed on the match alone (anchored at
// both ends): RE2 does the same inside one Match call, so they are the
// same, but the search before costs no capture work.
inline void read_captures(const RE2& re, std::string_view text, std::size_t begin, std::size_t end, std::size_t to,
                          std::vector<re2::StringPiece>& pieces, std::vector<std::string_view>& groups) {
  const int n = re.NumberOfCapturingGroups() + 1;
  pieces.resize(static_cast<std::size_t>(n));
  groups.resize(static_cast<std::size_t>(n));
  const re2::StringPiece input(text.data(), text.size());
  const bool anchored = n > 1 && re.Match(input, begin, end, RE2::ANCHOR_BOTH, pieces.data(), n) &&
                        pieces[0].data() == text.data() + begin && pieces[0].size() == end - begin;
  if (n > 1 && !anchored) {
    // Not expected; the one-call search from the match's start finds the
    // same match, with its captures.
    re.Match(input, begin, to, RE2::UNANCHORED, pieces.data(), n);
  }
  if (n == 1) pieces[0] = re2::StringPiece(text.data() + begin, end - begin);
  for (int i = 0; i < n; ++i) {
    const re2::StringPiece& p = pieces[static_cast<std::size_t>(i)];
    groups[static_cast<std::size_t>(i)] = p.data() == nullptr ? std::string_view() : std::string_view(p.data(), p.size());
  }
}

// Calls `on_match(groups)` for each non-overlapping match inside [from, to)
// (as for_each_span) whose outer span is at word boundaries and which
// `wanted(begin, end)` accepts, with the groups of read_captures(). A match
// not wanted is skipped as if on_match had ignored it, and costs no capture
// work, most of a search's time.
template <typename Callback, typename Wanted>
void for_each_match(const RE2& re, std::string_view text, std::size_t from, std::size_t to, Callback&& on_match,
                    Wanted&& wanted) {
  std::vector<re2::StringPiece> pieces;
  std::vector<std::string_view> groups;
  to = std::min(to, text.size());
  for_each_span(re, text, from, to, [&](std::size_t begin, std::size_t end) {
    if (!wanted(begin, end)) return;
    read_captures(re, text, begin, end, to, pieces, groups);
    on_match(groups);
  });
}

template <typename Callback, typename Wanted>
void for_each_match(const RE2& re, std::string_view text, Callback&& on_match, Wanted&& wanted) {
  for_each_match(re, text, 0, text.size(), std::forward<Callback>(on_match), std::forward<Wanted>(wanted));
}

template <typename Callback>
void for_each_match(const RE2& re, std::string_view text, std::size_t from, std::size_t to, Callback&& on_match) {
  for_each_match(re, text, from, to, std::forward<Callback>(on_match), [](std::size_t, std::size_t) { return true; });
}

template <typename Callback>
void for_each_match(const RE2& re, std::string_view text, Callback&& on_match) {
  for_each_match(re, text, std::forward<Callback>(on_match), [](std::size_t, std::size_t) { return true; });
}

}  // namespace concord

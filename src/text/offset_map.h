// Maps byte offsets in a transformed string back to the string it came from.
//
// A transformation is recorded as a sequence of spans in source order: a span
// is either unchanged (bytes copied as they are) or changed (some source bytes
// replaced by some output bytes, possibly none). This is the information ICU's
// Edits holds, in a form that answers "where did output byte N come from?" by
// binary search. A position inside a changed span maps to the whole span: a
// match never starts or ends in the middle of an original character.
//
// Thread safety: const methods are safe to call concurrently.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace concord {

class OffsetMap {
 public:
  void add_unchanged(std::size_t length);
  void add_change(std::size_t source_length, std::size_t output_length);

  // Source offset where the output byte at `output_offset` starts.
  std::size_t to_source_start(std::size_t output_offset) const;
  // Source offset just past the output byte before `output_offset`; use for
  // the end of a half-open range.
  std::size_t to_source_end(std::size_t output_offset) const;

  std::size_t source_size() const { return source_size_; }
  std::size_t output_size() const { return output_size_; }
  bool is_identity() const;

 private:
  struct Span {
    std::size_t output_start;
    std::size_t source_start;
    std::size_t output_length;
    std::size_t source_length;
    bool changed;
  };
  // Index of the span whose output contains `output_offset`.
  std::size_t span_at(std::size_t output_offset) const;

  std::vector<Span> spans_;  // only spans with output_length > 0
  std::size_t source_size_ = 0;
  std::size_t output_size_ = 0;
};

}  // namespace concord

#include "text/offset_map.h"

#include <algorithm>

namespace concord {

void OffsetMap::add_unchanged(std::size_t length) {
  if (length == 0) return;
  if (!spans_.empty()) {
    Span& last = spans_.back();
    if (!last.changed && last.source_start + last.source_length == source_size_) {
      last.output_length += length;
      last.source_length += length;
      source_size_ += length;
      output_size_ += length;
      return;
    }
  }
  spans_.push_back(Span{output_size_, source_size_, length, length, false});
  source_size_ += length;
  output_size_ += length;
}

void OffsetMap::add_change(std::size_t source_length, std::size_t output_length) {
  if (output_length > 0) {
    spans_.push_back(Span{output_size_, source_size_, output_length, source_length, true});
  }
  source_size_ += source_length;
  output_size_ += output_length;
}

bool OffsetMap::is_identity() const {
  return spans_.size() <= 1 && (spans_.empty() || !spans_[0].changed) &&
         source_size_ == output_size_;
}

std::size_t OffsetMap::span_at(std::size_t output_offset) const {
  auto it = std::upper_bound(
      spans_.begin(), spans_.end(), output_offset,
      [](std::size_t off, const Span& s) { return off < s.output_start; });
  return static_cast<std::size_t>(it - spans_.begin()) - 1;
}

std::size_t OffsetMap::to_source_start(std::size_t output_offset) const {
  if (spans_.empty()) return output_offset;
  if (output_offset >= output_size_) return source_size_;
  const Span& s = spans_[span_at(output_offset)];
  if (s.changed) return s.source_start;
  return s.source_start + (output_offset - s.output_start);
}

std::size_t OffsetMap::to_source_end(std::size_t output_offset) const {
  if (spans_.empty()) return output_offset;
  if (output_offset == 0) return spans_.front().source_start;
  if (output_offset > output_size_) output_offset = output_size_;
  const Span& s = spans_[span_at(output_offset - 1)];
  if (s.changed) return s.source_start + s.source_length;
  return s.source_start + (output_offset - s.output_start);
}

}  // namespace concord

#include "rules/pattern_filter.h"

namespace concord {

PatternFilter::PatternFilter(const std::vector<const LazyRegex*>& patterns, std::int64_t max_mem)
    : size_(patterns.size()) {
  if (patterns.empty()) return;
  RE2::Options options = patterns.front()->options();
  options.set_max_mem(max_mem);
  auto set = std::make_shared<RE2::Set>(options, RE2::UNANCHORED);
  for (const LazyRegex* re : patterns) {
    if (re == nullptr || !*re || set->Add(re->pattern(), nullptr) < 0) return;
  }
  if (!set->Compile()) return;
  set_ = std::move(set);
}

std::vector<std::vector<std::uint32_t>> PatternFilter::windows(std::string_view text,
                                                               const std::vector<TextSpan>& windows,
                                                               std::size_t count) const {
  std::vector<std::vector<std::uint32_t>> where(count);
  const bool usable = set_ != nullptr && count == size_;
  std::vector<int> matched;
  for (std::size_t w = 0; w < windows.size(); ++w) {
    const auto index = static_cast<std::uint32_t>(w);
    const TextSpan& window = windows[w];
    RE2::Set::ErrorInfo error{};
    matched.clear();
    const bool all = !usable || window.end > text.size() || window.begin > window.end ||
                     (!set_->Match(re2::StringPiece(text.data() + window.begin, window.size()), &matched, &error) &&
                      error.kind != RE2::Set::kNoError);
    if (all) {
      for (auto& list : where) list.push_back(index);
      continue;
    }
    for (const int i : matched) {
      if (i >= 0 && static_cast<std::size_t>(i) < count) where[static_cast<std::size_t>(i)].push_back(index);
    }
  }
  return where;
}

}  // namespace concord

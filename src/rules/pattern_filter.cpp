#include "rules/pattern_filter.h"

namespace concord {

PatternFilter::PatternFilter(const std::vector<const RE2*>& patterns, std::int64_t max_mem) : size_(patterns.size()) {
  if (patterns.empty()) return;
  std::vector<const std::string*> sources;
  for (const RE2* re : patterns) {
    if (re == nullptr) return;
    sources.push_back(&re->pattern());
  }
  build(sources, patterns.front()->options(), max_mem);
}

PatternFilter::PatternFilter(const std::vector<const LazyRegex*>& patterns, std::int64_t max_mem)
    : size_(patterns.size()) {
  if (patterns.empty()) return;
  std::vector<const std::string*> sources;
  for (const LazyRegex* re : patterns) {
    if (re == nullptr || !*re) return;
    sources.push_back(&re->pattern());
  }
  build(sources, patterns.front()->options(), max_mem);
}

void PatternFilter::build(const std::vector<const std::string*>& patterns, RE2::Options options,
                          std::int64_t max_mem) {
  options.set_max_mem(max_mem);
  auto set = std::make_shared<RE2::Set>(options, RE2::UNANCHORED);
  for (const std::string* pattern : patterns) {
    if (set->Add(*pattern, nullptr) < 0) return;
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

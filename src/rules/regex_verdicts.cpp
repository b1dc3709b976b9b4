#include "rules/regex_verdicts.h"

#include <dlfcn.h>
#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>

#include "cache.h"

namespace concord {
namespace {

constexpr std::string_view kCacheKind = "regex";
constexpr std::string_view kCacheVersion = "regex verdicts 1\n";
constexpr std::size_t kCacheKeep = 4;
constexpr std::size_t kMaxVerdicts = 1u << 16;  // 512 KiB

// The RE2 library this process runs with: its file, size and time.
std::string library_identity() {
  Dl_info info{};
  // RE2::QuoteMeta is defined in the library, not inline in its header.
  if (dladdr(reinterpret_cast<void*>(&RE2::QuoteMeta), &info) == 0 || info.dli_fname == nullptr) return {};
  struct stat st {};
  if (stat(info.dli_fname, &st) != 0) return {};
  return fmt::format("{}{}\n{}\n{}.{}\n", kCacheVersion, info.dli_fname, static_cast<long long>(st.st_size),
                     static_cast<long long>(st.st_mtim.tv_sec), static_cast<long long>(st.st_mtim.tv_nsec));
}

}  // namespace

void RegexVerdicts::read() {
  std::lock_guard<std::mutex> lock(mutex_);
  known_.clear();
  added_.clear();
  library_.clear();
  if (cache::folder().empty()) return;
  library_ = library_identity();
  if (library_.empty()) return;
  if (auto entry = cache::Reader::open(kCacheKind, library_)) {
    std::uint64_t h = 0;
    while (entry->remaining() >= sizeof h && entry->read_value(h)) known_.insert(h);
  }
}

std::uint64_t RegexVerdicts::hash(const std::string& pattern, const RE2::Options& o) {
  // Every option that decides whether a pattern compiles, or to what.
  const std::string options =
      fmt::format("{} {} {} {} {} {} {} {} {} {} {} {} {}", static_cast<int>(o.encoding()), o.posix_syntax(),
                  o.longest_match(), o.literal(), o.never_nl(), o.dot_nl(), o.never_capture(), o.case_sensitive(),
                  o.perl_classes(), o.word_boundary(), o.one_line(), static_cast<long long>(o.max_mem()), '\n');
  return cache::hash({options, pattern});
}

bool RegexVerdicts::known(const std::string& pattern, const RE2::Options& options) const {
  if (library_.empty()) return false;
  const std::uint64_t h = hash(pattern, options);
  std::lock_guard<std::mutex> lock(mutex_);
  if (known_.count(h) == 0) return false;
  hits_.push_back(h);
  return true;
}

void RegexVerdicts::add(const std::string& pattern, const RE2::Options& options) {
  if (library_.empty()) return;
  const std::uint64_t h = hash(pattern, options);
  std::lock_guard<std::mutex> lock(mutex_);
  if (known_.insert(h).second) added_.push_back(h);
}

void RegexVerdicts::write() const {
  std::lock_guard<std::mutex> lock(mutex_);
  if (library_.empty() || added_.empty()) return;
  std::vector<std::uint64_t> all(known_.begin(), known_.end());
  if (all.size() > kMaxVerdicts) {
    // Rule authors' edits each add one: past the bound, only this run's.
    all = hits_;
    all.insert(all.end(), added_.begin(), added_.end());
  }
  std::sort(all.begin(), all.end());
  all.erase(std::unique(all.begin(), all.end()), all.end());
  cache::Writer entry(kCacheKind, library_, kCacheKeep);
  entry.write(all.data(), all.size() * sizeof(std::uint64_t));
  entry.commit();
}

}  // namespace concord

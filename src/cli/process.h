// Process-wide settings of the concord executable (not of the library): how
// the heap grows and how long-lived objects end.
//
// The heap grows in large steps that are never handed back to the OS and
// are advised onto transparent huge pages. Loading a dictionary allocates
// tens of megabytes in small blocks, and the first touch of each 4 KiB page
// is a page fault; under a hypervisor a fault costs tens of microseconds,
// which made page faults most of the start-up time (13,000 faults for the
// seed pair; about 700 on huge pages).
#pragma once

#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <cstdlib>
#include <memory>
#include <utility>

namespace concord {

inline void tune_heap() {
  constexpr std::uintptr_t kHuge = std::uintptr_t{2} << 20;
  mallopt(M_TOP_PAD, 256 << 20);          // reserve: pages are committed on first touch only
  mallopt(M_TRIM_THRESHOLD, 1024 << 20);  // memory freed by one group serves the next
  mallopt(M_MMAP_THRESHOLD, 32 << 20);    // large texts come from the heap too
  const auto begin = reinterpret_cast<std::uintptr_t>(sbrk(0));
  void* grow = std::malloc(std::size_t{1} << 20);  // extends the heap by M_TOP_PAD
  const auto end = reinterpret_cast<std::uintptr_t>(sbrk(0));
  const std::uintptr_t from = (begin + kHuge - 1) / kHuge * kHuge, to = end / kHuge * kHuge;
  if (to > from) madvise(reinterpret_cast<void*>(from), to - from, MADV_HUGEPAGE);  // advice only
  std::free(grow);
}

// An object that lives until the process exits and is never destroyed:
// freeing a loaded engine (dictionaries of 100,000s of small blocks) took
// longer than checking the seed pair, and the OS reclaims it at once.
// Each is remembered in a plain global array, so that LeakSanitizer (which
// checks after the static destructors have run) still finds it reachable.
namespace detail {
inline const void* immortals[16] = {};
inline std::size_t immortal_count = 0;
}  // namespace detail

template <typename T, typename... Args>
T& immortal(Args&&... args) {
  T* object = new T(std::forward<Args>(args)...);
  if (detail::immortal_count < std::size(detail::immortals)) detail::immortals[detail::immortal_count++] = object;
  return *object;
}

}  // namespace concord

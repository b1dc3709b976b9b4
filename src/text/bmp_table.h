// A property of the BMP's code points, asked of ICU once per block of 64
// code points on first use, then read with one atomic load and a table
// look-up. Per-character tests (is it a word character, is it kept by
// normalization, which script) run for every code point of every text: a
// call into ICU, a hash look-up or a std::call_once each time cost more than
// the work around them, while computing all 65,536 answers up front would
// add to every start-up (the pre-commit case).
//
// Thread-safe: blocks are filled under a mutex and published with release
// stores (double-checked).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>

namespace concord {

template <typename T>
class BmpTable {
 public:
  explicit BmpTable(std::function<T(char32_t)> compute) : compute_(std::move(compute)) {}
  BmpTable(const BmpTable&) = delete;
  BmpTable& operator=(const BmpTable&) = delete;

  // c must be at most 0xFFFF.
  T operator()(char32_t c) const {
    const std::size_t block = c >> 6;
    if (!ready_[block].load(std::memory_order_acquire)) fill(block);
    return values_[c];
  }

 private:
  void fill(std::size_t block) const {
    const std::lock_guard<std::mutex> lock(mutex_);
    if (ready_[block].load(std::memory_order_relaxed)) return;
    for (std::size_t k = 0; k < 64; ++k) {
      const auto c = static_cast<char32_t>((block << 6) + k);
      values_[c] = compute_(c);
    }
    ready_[block].store(true, std::memory_order_release);
  }

  std::function<T(char32_t)> compute_;
  mutable std::mutex mutex_;
  mutable std::atomic<bool> ready_[1024] = {};
  mutable T values_[0x10000] = {};
};

}  // namespace concord

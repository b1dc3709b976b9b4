// A scope's wall time added to a running total of nanoseconds, for the
// stage timings (CONCORD_TIMINGS=1, bench/run). Given no total, it reads no
// clock at all, so timings cost nothing when they are off.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace concord {

class StageClock {
 public:
  explicit StageClock(std::atomic<std::int64_t>* total)
      : total_(total), start_(total != nullptr ? std::chrono::steady_clock::now() : std::chrono::steady_clock::time_point()) {}
  ~StageClock() { stop(); }
  StageClock(const StageClock&) = delete;
  StageClock& operator=(const StageClock&) = delete;

  // Adds the time so far to the total, once; later calls do nothing.
  void stop() {
    if (total_ == nullptr) return;
    const auto elapsed = std::chrono::steady_clock::now() - start_;
    total_->fetch_add(std::chrono::duration_cast<std::chrono::nanoseconds>(elapsed).count(), std::memory_order_relaxed);
    total_ = nullptr;
  }

 private:
  std::atomic<std::int64_t>* total_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace concord

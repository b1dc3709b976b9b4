// Runs jobs on N threads and returns their results in job order, so output
// is identical whatever N. The first exception (in job order) is rethrown
// after every thread has finished.
#pragma once

#include <algorithm>
#include <atomic>
#include <exception>
#include <functional>
#include <optional>
#include <thread>
#include <vector>

namespace concord {

template <typename Result>
std::vector<Result> run_in_order(std::size_t jobs, unsigned threads, const std::function<Result(std::size_t)>& job) {
  std::vector<std::optional<Result>> results(jobs);
  std::vector<std::exception_ptr> errors(jobs);
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t i = next++; i < jobs; i = next++) {
      try {
        results[i].emplace(job(i));
      } catch (...) {
        errors[i] = std::current_exception();
      }
    }
  };
  const unsigned n = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(jobs)));
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < n; ++t) pool.emplace_back(worker);
  worker();
  for (std::thread& t : pool) t.join();
  std::vector<Result> out;
  out.reserve(jobs);
  for (std::size_t i = 0; i < jobs; ++i) {
    if (errors[i]) std::rethrow_exception(errors[i]);
    out.push_back(std::move(*results[i]));
  }
  return out;
}

}  // namespace concord

// libFuzzer harnesses (fuzz/fuzz_*.cpp). Each one is an ordinary function
// so that the same code runs under libFuzzer (clang, -DCONCORD_FUZZ=ON,
// scripts/fuzz) and in the normal test build, where fuzz/replay.cpp feeds
// it the seed corpora and every crash kept in fuzz/regressions/.
//
// A harness returns normally for every input that concord handles: a
// result, or a UserError. Anything else (another exception, a position
// outside the text, a crash, a sanitizer report) is a bug; the harness
// aborts with a message saying which invariant failed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

namespace concord::fuzz {

// Bytes as a Persian and a Spanish source (split at the first form feed,
// else the same bytes twice) → Engine::analyze and check → every renderer.
int text(const std::uint8_t* data, std::size_t size);
// Bytes as one rule file (placed by its top-level key) in a small rule
// folder → load_rules → an Engine that checks a fixed text.
int rules(const std::uint8_t* data, std::size_t size);
// Bytes as .concord.yaml in a small project → load_config.
int config(const std::uint8_t* data, std::size_t size);

// Prints `what` and aborts: a broken invariant is a crash for libFuzzer.
[[noreturn]] void invariant_failed(const char* what);

// Writes `content` to `path` (replacing it), creating its folders.
void write_file(const std::filesystem::path& path, const std::string& content);
// A folder of this process for files a harness writes: `prefix` and the
// process id, in memory under /dev/shm when it exists. Not created.
std::filesystem::path scratch_folder(const std::string& prefix);

}  // namespace concord::fuzz

// The libFuzzer entry point of one harness; left out of the replay build.
#ifndef CONCORD_FUZZ_REPLAY
#define CONCORD_FUZZ_ENTRY(harness)                                                   \
  extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) { \
    return concord::fuzz::harness(data, size);                                        \
  }
#else
#define CONCORD_FUZZ_ENTRY(harness)
#endif

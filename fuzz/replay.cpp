// Runs a fuzz harness on files, without libFuzzer: the normal and the
// sanitizer builds replay the seed corpora and every crash kept in
// fuzz/regressions/ through it (ctest fuzz.*, tests/fuzz/tests.cmake).
//
//   fuzz_replay text|rules|config FILE_OR_FOLDER...
//
// A folder stands for its files (sorted, recursively). Exit status 0 when
// every input ran; a broken invariant or a crash aborts, naming the file.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "harness.h"

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: fuzz_replay text|rules|config FILE_OR_FOLDER...\n");
    return 2;
  }
  int (*harness)(const std::uint8_t*, std::size_t) = nullptr;
  if (std::strcmp(argv[1], "text") == 0) harness = concord::fuzz::text;
  if (std::strcmp(argv[1], "rules") == 0) harness = concord::fuzz::rules;
  if (std::strcmp(argv[1], "config") == 0) harness = concord::fuzz::config;
  if (harness == nullptr) {
    std::fprintf(stderr, "fuzz_replay: unknown harness '%s'\n", argv[1]);
    return 2;
  }
  std::vector<fs::path> files;
  for (int i = 2; i < argc; ++i) {
    const fs::path arg(argv[i]);
    if (fs::is_directory(arg)) {
      for (const auto& entry : fs::recursive_directory_iterator(arg)) {
        if (entry.is_regular_file() && entry.path().filename().string()[0] != '.') files.push_back(entry.path());
      }
    } else {
      files.push_back(arg);
    }
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "fuzz_replay: cannot read %s\n", file.c_str());
      return 2;
    }
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::fprintf(stderr, "fuzz_replay %s: %s\n", argv[1], file.c_str());
    harness(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
  }
  std::printf("fuzz_replay %s: %zu input%s ran\n", argv[1], files.size(), files.size() == 1 ? "" : "s");
  return 0;
}

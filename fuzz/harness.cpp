#include "harness.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>

namespace concord::fuzz {

void invariant_failed(const char* what) {
  std::fprintf(stderr, "concord fuzz: invariant failed: %s\n", what);
  std::abort();
}

void write_file(const std::filesystem::path& path, const std::string& content) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
}

std::filesystem::path scratch_folder(const std::string& prefix) {
  std::error_code ec;
  const std::filesystem::path base =
      std::filesystem::is_directory("/dev/shm", ec) ? std::filesystem::path("/dev/shm") : std::filesystem::temp_directory_path();
  return base / (prefix + std::to_string(getpid()));
}

}  // namespace concord::fuzz

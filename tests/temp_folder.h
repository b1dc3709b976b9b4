// A fresh folder under the system's temporary directory for one test,
// removed when the test ends (even when it fails), and files written into
// it.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

namespace concord::test {

// Writes `content` to `path`, creating its folders.
inline void write(const std::filesystem::path& path, const std::string& content) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << content;
}

// <temp>/<prefix><pid>_<name>, emptied when made.
class TempFolder {
 public:
  TempFolder(const std::string& prefix, const std::string& name)
      : path_(std::filesystem::temp_directory_path() / (prefix + std::to_string(getpid()) + "_" + name)) {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempFolder() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace concord::test

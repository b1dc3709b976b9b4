#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "report/render.h"

namespace concord {
namespace fs = std::filesystem;
namespace {

// A temporary file beside `target` (same folder, so the rename is atomic),
// hidden, named after the target, the process and a counter.
fs::path temporary_for(const fs::path& target) {
  static std::atomic<unsigned> counter{0};
  return target.parent_path() /
         fmt::format(".{}.tmp{}.{}", target.filename().string(), getpid(), counter.fetch_add(1));
}

// Creates the missing folders above `target`, recording each one created
// (outermost first) so that a failed run can remove them again.
void create_parents(const fs::path& target, std::vector<fs::path>& created) {
  std::vector<fs::path> missing;
  std::error_code ec;
  for (fs::path dir = target.parent_path(); !dir.empty() && !fs::exists(dir, ec); dir = dir.parent_path()) {
    missing.push_back(dir);
    if (dir == dir.parent_path()) break;
  }
  for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
    if (fs::create_directory(*it, ec)) created.push_back(*it);
  }
}

// Writes `content` to a new temporary file for `path`; returns its path.
fs::path write_temporary(const std::string& path, const std::string& content, std::vector<fs::path>& created) {
  const fs::path target(path);
  std::error_code ec;
  create_parents(target, created);
  if (fs::is_directory(target, ec)) throw UserError(path, "cannot write report: it is a directory");
  const fs::path temp = temporary_for(target);
  std::ofstream out(temp, std::ios::binary | std::ios::trunc);
  if (!out) throw UserError(path, fmt::format("cannot write report: {}", std::strerror(errno)));
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  out.flush();
  if (!out) {
    out.close();
    fs::remove(temp, ec);
    throw UserError(path, "cannot write report: write failed");
  }
  return temp;
}

}  // namespace

void write_file_atomically(const std::string& path, const std::string& content) {
  write_files_atomically({{path, content}});
}

void write_files_atomically(const std::vector<std::pair<std::string, std::string>>& files) {
  std::vector<fs::path> temps;
  std::vector<fs::path> created;  // folders this call made
  std::error_code ec;
  try {
    for (const auto& [path, content] : files) temps.push_back(write_temporary(path, content, created));
  } catch (...) {
    for (const fs::path& t : temps) fs::remove(t, ec);
    // Innermost first; a folder something else wrote into stays.
    for (auto it = created.rbegin(); it != created.rend(); ++it) fs::remove(*it, ec);
    throw;
  }
  for (std::size_t i = 0; i < files.size(); ++i) {
    fs::rename(temps[i], files[i].first, ec);
    if (ec) {
      const std::string message = ec.message();
      for (std::size_t k = i; k < temps.size(); ++k) fs::remove(temps[k], ec);
      throw UserError(files[i].first, fmt::format("cannot write report: {}", message));
    }
  }
}

}  // namespace concord

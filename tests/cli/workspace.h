// Running the concord binary from a test: a fresh folder per test case,
// files written into it, and concord run inside it as a separate process
// with its status, signal, stdout and stderr captured.
#pragma once

#include <sys/wait.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "temp_folder.h"

namespace concord::test {

namespace fs = std::filesystem;

struct Run {
  int status = -1;  // exit status; -1 when killed by a signal
  int signal = 0;
  std::string out;
  std::string err;
  double seconds = 0;
};

inline std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Single-quoted for the shell.
inline std::string quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) {
    if (c == '\'') q += "'\\''";
    else q += c;
  }
  return q + "'";
}

inline std::size_t lines(const std::string& s) {
  std::size_t n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

// A fresh folder under the temporary directory (a TempFolder), removed at
// the end, to run concord in.
class Workspace {
 public:
  Workspace(const std::string& prefix, const std::string& name) : folder_(prefix, name) {}

  const fs::path& dir() const { return folder_.path(); }
  fs::path file(const std::string& name, const std::string& content) const {
    const fs::path p = dir() / name;
    write(p, content);
    return p;
  }

  // Runs concord with `args` (already quoted as needed) inside the
  // workspace; `wrapper` (e.g. "timeout 20 ") goes before the binary.
  Run concord(const std::string& args, const std::string& wrapper = "") const {
    const fs::path out = dir() / ".stdout", err = dir() / ".stderr";
    const std::string command = "cd " + quote(dir().string()) + " && NO_COLOR=1 " + wrapper + quote(CONCORD_BINARY) + " " +
                                args + " >" + quote(out.string()) + " 2>" + quote(err.string()) + " </dev/null";
    const auto start = std::chrono::steady_clock::now();
    const int raw = std::system(command.c_str());
    Run r;
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (WIFEXITED(raw)) {
      r.status = WEXITSTATUS(raw);
      if (r.status > 128) r.signal = r.status - 128;  // the shell's report of a signal
    } else if (WIFSIGNALED(raw)) {
      r.signal = WTERMSIG(raw);
    }
    r.out = slurp(out);
    r.err = slurp(err);
    fs::remove(out);
    fs::remove(err);
    return r;
  }

 private:
  TempFolder folder_;
};

}  // namespace concord::test

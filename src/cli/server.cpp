#include "cli/server.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <vector>

#include "error.h"

namespace concord::server {
namespace {

bool child = false;

// Environment the child takes from its client (all others are the
// server's): colours off, and the bundled rules' folder.
constexpr std::array<const char*, 2> kClientEnvironment = {"NO_COLOR", "CONCORD_RULES"};

// The request's header: its length, sent with the three descriptors.
constexpr std::uint32_t kMaxRequest = 16u << 20;

// Which build of concord this is: a server refuses a client of another.
std::string identity() {
  std::error_code ec;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  struct stat st {};
  if (ec || ::stat(exe.c_str(), &st) != 0) return {};
  return fmt::format("{}:{}:{}.{}", exe.string(), static_cast<long long>(st.st_size),
                     static_cast<long long>(st.st_mtim.tv_sec), static_cast<long long>(st.st_mtim.tv_nsec));
}

// All `size` bytes through `io` (::read or ::write), retried on EINTR;
// false at end of file or on an error.
template <typename Pointer, typename Io>
bool all_bytes(int fd, Pointer p, std::size_t size, Io io) {
  while (size > 0) {
    const ssize_t n = io(fd, p, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

bool write_all(int fd, const void* data, std::size_t size) {
  return all_bytes(fd, static_cast<const char*>(data), size, ::write);
}

bool read_all(int fd, void* data, std::size_t size) { return all_bytes(fd, static_cast<char*>(data), size, ::read); }

sockaddr_un address(const std::string& path) {
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (path.size() >= sizeof(addr.sun_path)) {
    throw UserError(path, fmt::format("socket path longer than {} bytes", sizeof(addr.sun_path) - 1));
  }
  std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  return addr;
}

int connect_to(const std::string& path) {
  sockaddr_un addr{};
  try {
    addr = address(path);
  } catch (const UserError&) {
    return -1;
  }
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof(addr)) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// The answer: 'S' and the exit status, or 'R' (refused: another build).
void answer(int fd, char kind, std::int32_t status) {
  char out[5] = {kind};
  std::memcpy(out + 1, &status, sizeof(status));
  write_all(fd, out, sizeof(out));
}

// The message both ends exchange: the request's length as its data, room
// for three descriptors as its control part. Points into itself: built in
// place, never copied.
struct HeaderMessage {
  explicit HeaderMessage(std::uint32_t* length) : iov{length, sizeof(*length)} {
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = sizeof(control);
  }
  HeaderMessage(const HeaderMessage&) = delete;
  HeaderMessage& operator=(const HeaderMessage&) = delete;

  iovec iov;
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * 3)] = {};
  msghdr msg{};
};

// Receives the header (request length) and the client's three descriptors.
bool receive_header(int fd, std::uint32_t& length, std::array<int, 3>& fds) {
  HeaderMessage header(&length);
  msghdr& msg = header.msg;
  ssize_t n;
  do {
    n = ::recvmsg(fd, &msg, MSG_CMSG_CLOEXEC);
  } while (n < 0 && errno == EINTR);
  if (n != static_cast<ssize_t>(sizeof(length))) return false;
  const cmsghdr* c = CMSG_FIRSTHDR(&msg);
  if (c == nullptr || c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS ||
      c->cmsg_len != CMSG_LEN(sizeof(int) * 3)) {
    return false;
  }
  std::memcpy(fds.data(), CMSG_DATA(c), sizeof(int) * 3);
  return true;
}

// In the child: the client's descriptors, folder and environment, then the
// command; its status goes back to the client.
[[noreturn]] void run_for_client(int conn, const std::array<int, 3>& fds, const nlohmann::json& request,
                                 const std::function<int(int, char**)>& run) {
  child = true;
  for (int i = 0; i < 3; ++i) ::dup2(fds[static_cast<std::size_t>(i)], i);
  for (int fd : fds) {
    if (fd > 2) ::close(fd);
  }
  int status = 2;
  try {
    const std::string cwd = request.at("cwd").get<std::string>();
    if (::chdir(cwd.c_str()) != 0) throw UserError(cwd, fmt::format("cannot enter the folder: {}", std::strerror(errno)));
    const auto& env = request.at("env");
    for (const char* name : kClientEnvironment) {
      if (env.contains(name)) {
        ::setenv(name, env[name].get<std::string>().c_str(), 1);
      } else {
        ::unsetenv(name);
      }
    }
    std::vector<std::string> args = request.at("argv").get<std::vector<std::string>>();
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    status = run(static_cast<int>(args.size()), argv.data());
  } catch (const UserError& e) {
    std::fprintf(stderr, "concord: %s\n", e.what());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "concord: server: bad request: %s\n", e.what());
  }
  std::fflush(stdout);
  std::fflush(stderr);
  answer(conn, 'S', status);
  ::_exit(0);
}

}  // namespace

bool in_server_child() { return child; }

std::string default_socket() {
  const char* runtime = std::getenv("XDG_RUNTIME_DIR");
  if (runtime != nullptr && *runtime != '\0') return std::string(runtime) + "/concord/server.sock";
  return fmt::format("/tmp/concord-{}/server.sock", static_cast<unsigned>(::getuid()));
}

std::optional<int> delegate(const std::string& socket, int argc, char** argv) {
  const int fd = connect_to(socket);
  if (fd < 0) return std::nullopt;
  nlohmann::json request;
  request["exe"] = identity();
  std::error_code ec;
  request["cwd"] = std::filesystem::current_path(ec).string();
  std::vector<std::string> args(argv, argv + argc);
  request["argv"] = args;
  nlohmann::json env = nlohmann::json::object();
  for (const char* name : kClientEnvironment) {
    if (const char* value = std::getenv(name)) env[name] = value;
  }
  request["env"] = env;
  const std::string payload = request.dump();
  auto length = static_cast<std::uint32_t>(payload.size());
  if (ec || payload.size() > kMaxRequest) {
    ::close(fd);
    return std::nullopt;
  }
  HeaderMessage header(&length);
  msghdr& msg = header.msg;
  cmsghdr* c = CMSG_FIRSTHDR(&msg);
  c->cmsg_level = SOL_SOCKET;
  c->cmsg_type = SCM_RIGHTS;
  c->cmsg_len = CMSG_LEN(sizeof(int) * 3);
  const int mine[3] = {0, 1, 2};
  std::memcpy(CMSG_DATA(c), mine, sizeof(mine));
  ssize_t sent;
  do {
    sent = ::sendmsg(fd, &msg, MSG_NOSIGNAL);
  } while (sent < 0 && errno == EINTR);
  if (sent != static_cast<ssize_t>(sizeof(length)) || !write_all(fd, payload.data(), payload.size())) {
    ::close(fd);
    return std::nullopt;
  }
  char reply[5];
  const bool got = read_all(fd, reply, sizeof(reply));
  ::close(fd);
  if (got && reply[0] == 'R') return std::nullopt;  // another build: check here
  if (!got || reply[0] != 'S') {
    std::fprintf(stderr, "concord: server %s: the check ended without an exit status\n", socket.c_str());
    return 2;
  }
  std::int32_t status = 0;
  std::memcpy(&status, reply + 1, sizeof(status));
  return status;
}

void serve(const std::string& socket, const std::function<int(int, char**)>& run,
           const std::function<void()>& ready,
           const std::function<void(const std::vector<std::string>&, const std::string&)>& learn, bool verbose) {
  const sockaddr_un addr = address(socket);
  const std::filesystem::path folder = std::filesystem::path(socket).parent_path();
  std::error_code ec;
  if (!folder.empty() && !std::filesystem::exists(folder, ec)) {
    std::filesystem::create_directories(folder, ec);
    if (ec || ::chmod(folder.c_str(), 0700) != 0) {
      throw UserError(folder.string(), fmt::format("cannot create the socket's folder: {}", ec ? ec.message() : std::strerror(errno)));
    }
  }
  if (const int other = connect_to(socket); other >= 0) {
    ::close(other);
    throw UserError(socket, "a server already listens here");
  }
  ::unlink(socket.c_str());  // a socket left by a server that was killed
  const int listener = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listener < 0 || ::bind(listener, reinterpret_cast<const sockaddr*>(&addr), sizeof(addr)) != 0 ||
      ::chmod(socket.c_str(), 0600) != 0 || ::listen(listener, 64) != 0) {
    throw UserError(socket, fmt::format("cannot listen: {}", std::strerror(errno)));
  }
  ::signal(SIGPIPE, SIG_IGN);  // a client that went away
  const std::string me = identity();
  ready();
  std::fflush(stdout);
  std::fflush(stderr);
  std::size_t children = 0;                // running (reaped below)
  std::vector<nlohmann::json> to_learn;    // requests served, to learn from when idle
  constexpr std::size_t kMaxToLearn = 8;
  for (;;) {
    for (int status = 0; children > 0 && ::waitpid(-1, &status, WNOHANG) > 0;) --children;
    pollfd ready_fd{listener, POLLIN, 0};
    const int polled = ::poll(&ready_fd, 1, to_learn.empty() ? -1 : 10);
    if (polled < 0 && errno == EINTR) continue;
    if (polled == 0) {  // idle
      if (children == 0) {
        for (const nlohmann::json& r : to_learn) {
          // The server must be single-threaded when it forks: learn() joins
          // every thread it starts before it returns.
          learn(r["argv"].get<std::vector<std::string>>(), r["cwd"].get<std::string>());
        }
        to_learn.clear();
      }
      continue;
    }
    const int conn = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
    if (conn < 0) {
      if (errno == EINTR || errno == ECONNABORTED || errno == EMFILE || errno == ENFILE) continue;
      throw UserError(socket, fmt::format("cannot accept: {}", std::strerror(errno)));
    }
    ucred peer{};
    socklen_t peer_size = sizeof(peer);
    std::uint32_t length = 0;
    std::array<int, 3> fds{-1, -1, -1};
    const bool same_user = ::getsockopt(conn, SOL_SOCKET, SO_PEERCRED, &peer, &peer_size) == 0 &&
                           peer.uid == ::getuid();
    nlohmann::json request;
    bool ok = same_user && receive_header(conn, length, fds) && length <= kMaxRequest;
    if (ok) {
      std::string payload(length, '\0');
      ok = read_all(conn, payload.data(), payload.size());
      if (ok) {
        request = nlohmann::json::parse(payload, nullptr, false);
        ok = request.is_object() && request.value("exe", std::string()) == me && !me.empty();
      }
    }
    if (verbose) {
      std::string what = ok ? "running" : "refused";
      if (ok) {
        for (const auto& a : request["argv"]) {
          what += ' ';
          what += a.get<std::string>();
        }
        what += " in ";
        what += request["cwd"].get<std::string>();
      }
      std::fprintf(stderr, "concord: server: %s\n", what.c_str());
    }
    if (!ok) {
      answer(conn, 'R', 0);
    } else if (const pid_t pid = ::fork(); pid == 0) {
      ::close(listener);
      run_for_client(conn, fds, request, run);
    } else if (pid < 0) {
      answer(conn, 'R', 0);  // the client checks in its own process
    } else {
      ++children;
      const auto same = [&request](const nlohmann::json& r) {
        return r["argv"] == request["argv"] && r["cwd"] == request["cwd"];
      };
      if (learn && to_learn.size() < kMaxToLearn && std::none_of(to_learn.begin(), to_learn.end(), same)) {
        to_learn.push_back(request);
      }
    }
    for (int fd : fds) {
      if (fd >= 0) ::close(fd);
    }
    ::close(conn);
  }
}

}  // namespace concord::server

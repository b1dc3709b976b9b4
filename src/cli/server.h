// concord serve: a warm process for the pre-commit case.
//
// A check of the seed pair is mostly start-up: rules parsed and compiled,
// dictionaries loaded (docs/PERFORMANCE.md). `concord serve` pays it once.
// A `concord check` (or baseline, extract, fix) started with CONCORD_SERVER
// set hands its arguments, its working folder and its standard input,
// output and error (the descriptors themselves, SCM_RIGHTS) to the server
// and waits for the exit status. The server forks for each client: the
// child works in the client's folder on the client's descriptors, so every
// option, the config, the baseline, colours on a terminal and the exit
// status are those of a check run in the client's own process, while the
// engine the child inherits is already built and warm. Mercurial's chg
// works the same way.
//
// A server of another build of concord (the executable's path, size or
// time differ) refuses, and so does one whose peer is another user: the
// client then checks in its own process, as it does when no server
// listens. Nothing is cached but the engine, which the child rebuilds when
// a rule file, the config or an option it depends on has changed.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace concord::server {

// $XDG_RUNTIME_DIR/concord/server.sock, else /tmp/concord-UID/server.sock.
std::string default_socket();

// Runs argv (argv[0] is the client's program name) in the server at
// `socket`: its exit status, or nullopt when no server of this build
// answers there. Errors after the hand-over (a child that dies without a
// status) are reported on stderr and give exit status 2.
std::optional<int> delegate(const std::string& socket, int argc, char** argv);

// Listens at `socket` (its folder created 0700 when missing) and serves
// until killed: for each client, forks; the child runs `run(argc, argv)`
// with the client's descriptors, folder and NO_COLOR / CONCORD_RULES, and
// sends its status. `ready` is called once listening. `learn(argv, cwd)`
// is called in the server for each request served, once no child runs
// and no client waits: what a child learns (RE2's automata, the
// dictionary memos) dies with it, so the server checks the same files
// itself, and the next check of them or of similar text starts warmer.
// `verbose`: one line on the server's stderr per client. Throws UserError
// when the socket cannot be made, or a server already listens there.
void serve(const std::string& socket, const std::function<int(int, char**)>& run,
           const std::function<void()>& ready,
           const std::function<void(const std::vector<std::string>&, const std::string&)>& learn,
           bool verbose = false);

// True in a child forked by serve(): it never delegates again.
bool in_server_child();

}  // namespace concord::server

// `concord lsp`: a Language Server Protocol server (JSON-RPC 2.0 over
// stdio, Content-Length framing) that publishes concord's findings as
// diagnostics and offers each finding's suggestion as a quick fix.
//
// The server is a plain object fed one decoded message at a time
// (Server::handle returns the messages to send back), so tests can drive it
// in memory; serve() adds the framing on streams, serve_stdio() on the
// process's stdin/stdout.
//
// Groups. A document's group is the document itself plus its partners: the
// other *.txt and *.md files of the same folder (not hidden, not README*)
// whose detected language differs from the document's, in file-name order,
// at most ServerOptions::max_group_files files in all. An open document's
// in-memory text takes precedence over the file on disk. A partner that
// cannot be read or analyzed (invalid UTF-8, unknown language...) is left
// out; when the document itself cannot be analyzed, its only diagnostic is
// the error, at 0:0.
//
// Positions. LSP positions count UTF-16 code units (the only encoding the
// server announces, "utf-16"); concord's locations carry byte offsets into
// the original text, which TextIndex converts using that very text, so
// astral characters (two UTF-16 units) and CRLF / lone-CR line ends are
// handled. A UTF-8 byte order mark at the start of a file read from disk is
// not counted (editors strip it).
//
// The server never writes a file: it only reads partners from disk.
//
// Thread safety: a Server is used from one thread. The Engine must outlive
// it; several servers may share one Engine.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine.h"

namespace concord::lsp {

// A position as LSP counts it: 0-based line, UTF-16 code units in the line.
struct Position {
  std::size_t line = 0;
  std::size_t character = 0;
  bool operator==(const Position&) const = default;
};

// Line starts of one text, for conversions between byte offsets and LSP
// positions. LF, CRLF and a lone CR each end a line (as in LSP).
class TextIndex {
 public:
  // skip_bom: do not count a leading UTF-8 BOM (text read from disk, which
  // the editor shows without it).
  explicit TextIndex(std::string_view text, bool skip_bom = false);

  // The LSP position of a byte offset (clamped to the text).
  Position position(std::size_t byte_offset) const;
  // The byte offset of an LSP position; a line past the end gives the end of
  // the text, a character past the line's end gives the line's end, and a
  // character inside a surrogate pair gives the end of that character.
  std::size_t offset(Position position) const;

 private:
  std::string_view text_;
  std::size_t begin_ = 0;
  std::vector<std::size_t> line_starts_;
};

// file:///a/b%20c.txt <-> /a/b c.txt. path_from_uri returns nullopt for a
// URI that is not a local file (untitled:, http:, file://host/...).
std::string uri_from_path(const std::string& path);
std::optional<std::string> path_from_uri(const std::string& uri);

// Framing. read_message returns the body of the next message, or nullopt at
// the end of the input (or on a header block without Content-Length).
std::optional<std::string> read_message(std::istream& in);
std::string frame(const nlohmann::json& message);

struct ServerOptions {
  std::size_t max_group_files = 8;       // the document included
  std::size_t max_file_bytes = 8 << 20;  // larger partner files are left out
};

class Server {
 public:
  explicit Server(const Engine& engine, ServerOptions options = {});

  // Handles one decoded JSON-RPC message (request, notification or a
  // response from the client) and returns the messages to send, in order:
  // the response to a request, publishDiagnostics notifications, log
  // messages. Never throws on bad input.
  std::vector<nlohmann::json> handle(const nlohmann::json& message);
  // Same, from the raw body of a message (answers a parse error).
  std::vector<nlohmann::json> handle_text(std::string_view body);

  // After the "exit" notification: stop reading; the process's exit status
  // is 0 when "shutdown" came first, 1 otherwise.
  bool exited() const { return exited_; }
  int exit_code() const { return shutdown_ ? 0 : 1; }

 private:
  struct OpenDocument {
    std::string uri;
    std::optional<std::string> path;  // normalized; nullopt for non-file URIs
    std::string text;
    std::int64_t version = 0;
  };
  struct Member;  // one source of a group being checked

  nlohmann::json on_request(const std::string& method, const nlohmann::json& params);
  void on_notification(const std::string& method, const nlohmann::json& params,
                       std::vector<nlohmann::json>& out);
  nlohmann::json initialize(const nlohmann::json& params);
  nlohmann::json code_actions(const nlohmann::json& params) const;

  // Re-checks every open document of the folder of `uri` (or `uri` alone)
  // and appends their publishDiagnostics notifications.
  void refresh(const std::string& uri, std::vector<nlohmann::json>& out);
  // The diagnostics of one open document, checked in its own group.
  nlohmann::json diagnose(const OpenDocument& doc);
  std::vector<Member> group_of(const OpenDocument& doc, std::string& lang_error);
  // Detected language of a text, or nullopt (and the reason) when the text
  // cannot be analyzed. Cached by path and text.
  std::optional<std::string> language_of(const std::string& path, const std::string& text,
                                         std::string* error = nullptr);

  const Engine& engine_;
  ServerOptions options_;
  bool initialized_ = false;
  bool shutdown_ = false;
  bool exited_ = false;
  std::map<std::string, OpenDocument> documents_;  // by URI
  std::map<std::string, nlohmann::json> published_;  // URI -> last diagnostics
  struct Detected {
    std::size_t hash = 0;
    std::size_t size = 0;
    std::optional<std::string> lang;
    std::string error;
  };
  std::map<std::string, Detected> languages_;  // by path
};

// Runs a server on framed streams until "exit" or the end of the input.
// Returns the exit status (see Server::exit_code).
int serve(const Engine& engine, std::istream& in, std::ostream& out, ServerOptions options = {});
// The same on stdin/stdout. Anything else that would write to stdout (a
// library's stray output) goes to stderr instead, so it cannot corrupt the
// protocol.
int serve_stdio(const Engine& engine, ServerOptions options = {});

}  // namespace concord::lsp

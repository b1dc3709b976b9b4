#include "lsp/server.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <istream>
#include <ostream>
#include <streambuf>

#include "error.h"

namespace concord::lsp {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

// JSON-RPC and LSP error codes.
constexpr int kParseError = -32700;
constexpr int kInvalidRequest = -32600;
constexpr int kMethodNotFound = -32601;
constexpr int kInvalidParams = -32602;
constexpr int kInternalError = -32603;
constexpr int kServerNotInitialized = -32002;

constexpr std::size_t kMaxMessageBytes = std::size_t{256} << 20;
constexpr std::size_t kMaxCachedLanguages = 512;

struct RpcError {
  int code;
  std::string message;
};

bool is_continuation(unsigned char b) { return (b & 0xC0) == 0x80; }

// UTF-16 code units of the UTF-8 sequence led by `b`.
std::size_t utf16_units(unsigned char b) { return b >= 0xF0 ? 2 : 1; }

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c); });
  return s;
}

// A file that may belong to a group: a visible *.txt or *.md that is not a
// README.
bool is_group_file_name(const std::string& name) {
  if (name.empty() || name.front() == '.') return false;
  const std::string l = lower(name);
  if (l.rfind("readme", 0) == 0) return false;
  const auto ends_with = [&](std::string_view suffix) {
    return l.size() > suffix.size() && l.compare(l.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return ends_with(".txt") || ends_with(".md");
}

bool read_file(const std::string& path, std::size_t max_bytes, std::string& out) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec || size > max_bytes) return false;
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::string bytes(static_cast<std::size_t>(size), '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  out = std::move(bytes);
  return true;
}

json position_json(Position p) { return {{"line", p.line}, {"character", p.character}}; }

json range_json(const TextIndex& index, std::size_t start, std::size_t end) {
  return {{"start", position_json(index.position(start))}, {"end", position_json(index.position(end))}};
}

int severity_code(Severity s) {
  switch (s) {
    case Severity::kError: return 1;
    case Severity::kWarning: return 2;
    case Severity::kInfo: return 3;
  }
  return 3;
}

json error_diagnostic(const std::string& message) {
  return {{"range", {{"start", position_json({})}, {"end", position_json({})}}},
          {"severity", 1},
          {"code", "source"},
          {"source", "concord"},
          {"message", message}};
}

json notification(const std::string& method, json params) {
  return {{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}};
}

json log_message(int type, const std::string& message) {
  return notification("window/logMessage", {{"type", type}, {"message", message}});
}

json error_response(const json& id, int code, const std::string& message) {
  return {{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}};
}

std::string normalized(const std::string& path) { return fs::path(path).lexically_normal().string(); }

std::string error_text(const std::exception& e) {
  if (const auto* u = dynamic_cast<const UserError*>(&e)) return u->formatted();
  return fmt::format("internal error: {}", e.what());
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

// ---------------------------------------------------------------------------
// Positions

TextIndex::TextIndex(std::string_view text, bool skip_bom) : text_(text) {
  if (skip_bom && text.substr(0, 3) == "\xEF\xBB\xBF") begin_ = 3;
  line_starts_.push_back(begin_);
  for (std::size_t i = begin_; i < text.size(); ++i) {
    if (text[i] == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      line_starts_.push_back(i + 1);
    } else if (text[i] == '\n') {
      line_starts_.push_back(i + 1);
    }
  }
}

Position TextIndex::position(std::size_t byte_offset) const {
  const std::size_t offset = std::clamp(byte_offset, begin_, text_.size());
  const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset) - 1;
  Position p;
  p.line = static_cast<std::size_t>(it - line_starts_.begin());
  for (std::size_t i = *it; i < offset; ++i) {
    const auto b = static_cast<unsigned char>(text_[i]);
    if (!is_continuation(b)) p.character += utf16_units(b);
  }
  return p;
}

std::size_t TextIndex::offset(Position position) const {
  if (position.line >= line_starts_.size()) return text_.size();
  std::size_t i = line_starts_[position.line];
  std::size_t units = 0;
  while (i < text_.size() && text_[i] != '\r' && text_[i] != '\n' && units < position.character) {
    units += utf16_units(static_cast<unsigned char>(text_[i]));
    ++i;
    while (i < text_.size() && is_continuation(static_cast<unsigned char>(text_[i]))) ++i;
  }
  return i;
}

// ---------------------------------------------------------------------------
// URIs

std::string uri_from_path(const std::string& path) {
  std::error_code ec;
  fs::path p(path);
  if (p.is_relative()) {
    const fs::path absolute = fs::absolute(p, ec);
    if (!ec) p = absolute;
  }
  const std::string s = p.lexically_normal().string();
  std::string uri = "file://";
  for (const char c : s) {
    const auto b = static_cast<unsigned char>(c);
    if ((b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~' || c == '/') {
      uri += c;
    } else {
      uri += fmt::format("%{:02X}", b);
    }
  }
  return uri;
}

std::optional<std::string> path_from_uri(const std::string& uri) {
  static constexpr std::string_view kScheme = "file://";
  if (uri.size() < kScheme.size() || lower(uri.substr(0, kScheme.size())) != kScheme) return std::nullopt;
  std::string rest = uri.substr(kScheme.size());
  if (rest.rfind("localhost/", 0) == 0) rest.erase(0, 9);
  if (rest.empty() || rest.front() != '/') return std::nullopt;  // a remote host
  rest = rest.substr(0, rest.find_first_of("?#"));
  std::string path;
  for (std::size_t i = 0; i < rest.size(); ++i) {
    if (rest[i] == '%' && i + 2 < rest.size() && hex_value(rest[i + 1]) >= 0 && hex_value(rest[i + 2]) >= 0) {
      path += static_cast<char>(hex_value(rest[i + 1]) * 16 + hex_value(rest[i + 2]));
      i += 2;
    } else {
      path += rest[i];
    }
  }
  if (path.find('\0') != std::string::npos) return std::nullopt;
  return normalized(path);
}

// ---------------------------------------------------------------------------
// Framing

std::optional<std::string> read_message(std::istream& in) {
  std::optional<std::size_t> length;
  std::string line;
  bool any_header = false;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      if (!any_header) continue;  // tolerate stray blank lines between messages
      break;
    }
    any_header = true;
    const auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    if (lower(line.substr(0, colon)) != "content-length") continue;
    const std::string value = line.substr(colon + 1);
    std::size_t n = 0;
    bool digits = false;
    for (const char c : value) {
      if (c >= '0' && c <= '9') {
        n = n * 10 + static_cast<std::size_t>(c - '0');
        digits = true;
        if (n > kMaxMessageBytes) return std::nullopt;
      } else if (c != ' ' && c != '\t') {
        return std::nullopt;
      }
    }
    if (!digits) return std::nullopt;
    length = n;
  }
  if (!in || !length) return std::nullopt;
  std::string body(*length, '\0');
  in.read(body.data(), static_cast<std::streamsize>(body.size()));
  if (static_cast<std::size_t>(in.gcount()) != body.size()) return std::nullopt;
  return body;
}

std::string frame(const json& message) {
  const std::string body = message.dump(-1, ' ', false, json::error_handler_t::replace);
  return fmt::format("Content-Length: {}\r\n\r\n{}", body.size(), body);
}

// ---------------------------------------------------------------------------
// The server

struct Server::Member {
  std::string path;  // as given to the engine (absolute, normalized)
  std::string uri;
  std::string text;
  bool from_disk = false;
};

Server::Server(const Engine& engine, ServerOptions options) : engine_(engine), options_(options) {}

std::vector<json> Server::handle_text(std::string_view body) {
  json message = json::parse(body, nullptr, false);
  if (message.is_discarded()) return {error_response(nullptr, kParseError, "parse error: the body is not JSON")};
  return handle(message);
}

std::vector<json> Server::handle(const json& message) {
  std::vector<json> out;
  if (!message.is_object()) {
    out.push_back(error_response(nullptr, kInvalidRequest, "invalid request: not an object"));
    return out;
  }
  const auto method_it = message.find("method");
  const bool has_id = message.contains("id");
  const json id = has_id ? message.at("id") : json(nullptr);
  if (method_it == message.end() || !method_it->is_string()) {
    // A response to a request of ours (we send none) or garbage.
    if (has_id && !message.contains("result") && !message.contains("error")) {
      out.push_back(error_response(id, kInvalidRequest, "invalid request: no method"));
    }
    return out;
  }
  const std::string method = method_it->get<std::string>();
  const json params = message.value("params", json::object());

  if (!has_id) {
    if (method == "exit") {
      exited_ = true;
      return out;
    }
    if (!initialized_ || shutdown_) return out;  // dropped, as the protocol says
    try {
      on_notification(method, params, out);
    } catch (const std::exception& e) {
      out.push_back(log_message(1, fmt::format("concord: {}: {}", method, e.what())));
    }
    return out;
  }

  json response = {{"jsonrpc", "2.0"}, {"id", id}};
  try {
    if (!initialized_ && method != "initialize") {
      throw RpcError{kServerNotInitialized, "the server is not initialized"};
    }
    if (shutdown_) throw RpcError{kInvalidRequest, "the server is shutting down"};
    response["result"] = on_request(method, params);
  } catch (const RpcError& e) {
    response = error_response(id, e.code, e.message);
  } catch (const json::exception& e) {
    response = error_response(id, kInvalidParams, fmt::format("invalid params: {}", e.what()));
  } catch (const std::exception& e) {
    response = error_response(id, kInternalError, error_text(e));
  }
  out.insert(out.begin(), std::move(response));
  return out;
}

json Server::on_request(const std::string& method, const json& params) {
  if (method == "initialize") return initialize(params);
  if (method == "shutdown") {
    shutdown_ = true;
    return nullptr;
  }
  if (method == "textDocument/codeAction") return code_actions(params);
  throw RpcError{kMethodNotFound, fmt::format("method not found: {}", method)};
}

json Server::initialize(const json&) {
  if (initialized_) throw RpcError{kInvalidRequest, "initialize was already received"};
  initialized_ = true;
  // UTF-16 is the encoding every client supports (and the default when the
  // client offers none); it is the only one this server announces.
  return {{"capabilities",
           {{"positionEncoding", "utf-16"},
            {"textDocumentSync", {{"openClose", true}, {"change", 1}, {"save", {{"includeText", false}}}}},
            {"codeActionProvider", {{"codeActionKinds", json::array({"quickfix"})}}}}},
          {"serverInfo", {{"name", "concord"}, {"version", CONCORD_VERSION}}}};
}

void Server::on_notification(const std::string& method, const json& params, std::vector<json>& out) {
  if (method == "textDocument/didOpen") {
    const json& item = params.at("textDocument");
    OpenDocument doc;
    doc.uri = item.at("uri").get<std::string>();
    doc.path = path_from_uri(doc.uri);
    doc.text = item.at("text").get<std::string>();
    doc.version = item.value("version", std::int64_t{0});
    const std::string uri = doc.uri;
    documents_[uri] = std::move(doc);
    refresh(uri, out);
    return;
  }
  if (method == "textDocument/didChange") {
    const std::string uri = params.at("textDocument").at("uri").get<std::string>();
    const auto it = documents_.find(uri);
    if (it == documents_.end()) return;
    OpenDocument& doc = it->second;
    for (const json& change : params.at("contentChanges")) {
      const std::string text = change.at("text").get<std::string>();
      if (change.contains("range")) {
        // Incremental, although we ask for full text: apply it anyway.
        const json& range = change.at("range");
        const TextIndex index(doc.text);
        const auto at = [&](const json& p) {
          return index.offset({p.at("line").get<std::size_t>(), p.at("character").get<std::size_t>()});
        };
        const std::size_t a = at(range.at("start"));
        const std::size_t b = std::max(a, at(range.at("end")));
        doc.text.replace(a, b - a, text);
      } else {
        doc.text = text;
      }
    }
    doc.version = params.at("textDocument").value("version", doc.version);
    refresh(uri, out);
    return;
  }
  if (method == "textDocument/didSave") {
    const std::string uri = params.at("textDocument").at("uri").get<std::string>();
    const auto it = documents_.find(uri);
    if (it == documents_.end()) return;
    if (params.contains("text") && params.at("text").is_string()) it->second.text = params.at("text").get<std::string>();
    refresh(uri, out);
    return;
  }
  if (method == "textDocument/didClose") {
    const std::string uri = params.at("textDocument").at("uri").get<std::string>();
    if (documents_.erase(uri) == 0) return;
    published_.erase(uri);
    out.push_back(notification("textDocument/publishDiagnostics",
                               {{"uri", uri}, {"diagnostics", json::array()}}));
    // Its partners now read it from disk.
    refresh(uri, out);
    return;
  }
  // initialized, $/cancelRequest, $/setTrace, workspace/didChangeConfiguration...: nothing to do.
}

void Server::refresh(const std::string& uri, std::vector<json>& out) {
  std::vector<const OpenDocument*> targets;
  const auto self = documents_.find(uri);
  if (self != documents_.end()) targets.push_back(&self->second);
  if (const auto path = path_from_uri(uri)) {
    const fs::path folder = fs::path(*path).parent_path();
    for (const auto& [u, doc] : documents_) {
      if (u == uri || !doc.path) continue;
      const fs::path p(*doc.path);
      if (p.parent_path() == folder && is_group_file_name(p.filename().string())) targets.push_back(&doc);
    }
  }
  for (const OpenDocument* doc : targets) {
    json diagnostics = diagnose(*doc);
    published_[doc->uri] = diagnostics;
    out.push_back(notification("textDocument/publishDiagnostics",
                               {{"uri", doc->uri}, {"version", doc->version}, {"diagnostics", std::move(diagnostics)}}));
  }
}

std::optional<std::string> Server::language_of(const std::string& path, const std::string& text,
                                               std::string* error) {
  const std::size_t hash = std::hash<std::string_view>{}(text);
  auto it = languages_.find(path);
  if (it == languages_.end() || it->second.hash != hash || it->second.size != text.size()) {
    if (languages_.size() >= kMaxCachedLanguages) languages_.clear();
    Detected d{hash, text.size(), std::nullopt, {}};
    try {
      const Group g = engine_.analyze("detect", {SourceSpec{path, "", text}});
      d.lang = g.sources.front().doc.language();
    } catch (const std::exception& e) {
      d.error = error_text(e);
    }
    it = languages_.insert_or_assign(path, std::move(d)).first;
  }
  if (error != nullptr) *error = it->second.error;
  return it->second.lang;
}

std::vector<Server::Member> Server::group_of(const OpenDocument& doc, std::string& error) {
  std::vector<Member> members;
  members.push_back(Member{doc.path.value_or(doc.uri), doc.uri, doc.text, false});
  const std::optional<std::string> lang = language_of(members.front().path, doc.text, &error);
  if (!lang || !doc.path) return members;

  const fs::path folder = fs::path(*doc.path).parent_path();
  std::map<std::string, std::string> candidates;  // file name -> path, in name order
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    std::error_code type_ec;
    if (!is_group_file_name(name) || !it->is_regular_file(type_ec)) continue;
    candidates.emplace(name, normalized(it->path().string()));
  }
  for (const auto& [u, other] : documents_) {  // open, perhaps not yet on disk
    if (!other.path) continue;
    const fs::path p(*other.path);
    if (p.parent_path() == folder && is_group_file_name(p.filename().string())) {
      candidates.emplace(p.filename().string(), *other.path);
    }
  }
  for (const auto& candidate : candidates) {
    const std::string& path = candidate.second;  // a plain name: clang 14 cannot capture a structured binding
    if (members.size() >= options_.max_group_files) break;
    if (path == *doc.path) continue;
    Member m{path, {}, {}, false};
    const auto open = std::find_if(documents_.begin(), documents_.end(),
                                   [&](const auto& entry) { return entry.second.path == path; });
    if (open != documents_.end()) {
      m.uri = open->second.uri;
      m.text = open->second.text;
    } else {
      m.uri = uri_from_path(path);
      m.from_disk = true;
      if (!read_file(path, options_.max_file_bytes, m.text)) continue;
    }
    const std::optional<std::string> other_lang = language_of(path, m.text);
    if (!other_lang || *other_lang == *lang) continue;
    members.push_back(std::move(m));
  }
  return members;
}

json Server::diagnose(const OpenDocument& doc) {
  json diagnostics = json::array();
  std::string error;
  const std::vector<Member> members = group_of(doc, error);
  if (!error.empty()) {
    diagnostics.push_back(error_diagnostic(error));
    return diagnostics;
  }
  std::vector<SourceSpec> specs;
  for (const Member& m : members) specs.push_back(SourceSpec{m.path, "", m.text});
  const std::string name =
      doc.path ? fs::path(*doc.path).parent_path().filename().string() : std::string("untitled");
  try {
    const Group group = engine_.analyze(name.empty() ? "group" : name, specs);
    const Report report = engine_.check(group);
    std::vector<TextIndex> indexes;
    indexes.reserve(members.size());
    for (const Member& m : members) indexes.emplace_back(m.text, m.from_disk);
    for (const Finding& f : report.findings) {
      if (f.locations.empty() || f.locations.front().source != 0) continue;
      const Location& primary = f.locations.front();
      json d = {{"range", range_json(indexes[0], primary.start, primary.end)},
                {"severity", severity_code(f.severity)},
                {"code", f.rule},
                {"source", "concord"},
                {"message", f.message}};
      json related = json::array();
      for (std::size_t i = 1; i < f.locations.size(); ++i) {
        const Location& loc = f.locations[i];
        if (loc.source >= members.size()) continue;
        related.push_back({{"location", {{"uri", members[loc.source].uri},
                                         {"range", range_json(indexes[loc.source], loc.start, loc.end)}}},
                           {"message", loc.note.empty() ? loc.excerpt : loc.note}});
      }
      if (!related.empty()) d["relatedInformation"] = std::move(related);
      json data = {{"kind", to_string(f.kind)}, {"excerpt", primary.excerpt}};
      if (f.suggestion) data["suggestion"] = *f.suggestion;
      d["data"] = std::move(data);
      diagnostics.push_back(std::move(d));
    }
  } catch (const std::exception& e) {
    diagnostics = json::array({error_diagnostic(error_text(e))});
  }
  return diagnostics;
}

json Server::code_actions(const json& params) const {
  json actions = json::array();
  const std::string uri = params.at("textDocument").at("uri").get<std::string>();
  const json context = params.value("context", json::object());
  if (context.contains("only") && context.at("only").is_array()) {
    const bool wanted = std::any_of(context.at("only").begin(), context.at("only").end(), [](const json& k) {
      return k.is_string() && (k == "quickfix" || k == "");
    });
    if (!wanted) return actions;
  }
  const auto published = published_.find(uri);
  for (const json& d : context.value("diagnostics", json::array())) {
    if (!d.is_object() || d.value("source", "") != "concord" || !d.contains("range")) continue;
    json data = d.value("data", json(nullptr));
    if (!data.is_object() && published != published_.end()) {
      // A client that does not echo `data`: find the diagnostic we sent.
      for (const json& p : published->second) {
        if (p.at("range") == d.at("range") && p.value("code", json()) == d.value("code", json()) &&
            p.value("message", "") == d.value("message", "")) {
          data = p.at("data");
          break;
        }
      }
    }
    if (!data.is_object() || !data.contains("suggestion") || !data.at("suggestion").is_string()) continue;
    const std::string suggestion = data.at("suggestion").get<std::string>();
    const std::string excerpt = data.value("excerpt", "");
    json edit = {{"range", d.at("range")}, {"newText", suggestion}};
    actions.push_back({{"title", excerpt.empty() ? fmt::format("Replace with «{}»", suggestion)
                                                 : fmt::format("Replace «{}» with «{}»", excerpt, suggestion)},
                       {"kind", "quickfix"},
                       {"diagnostics", json::array({d})},
                       {"isPreferred", true},
                       {"edit", {{"changes", {{uri, json::array({edit})}}}}}});
  }
  return actions;
}

// ---------------------------------------------------------------------------
// Running

int serve(const Engine& engine, std::istream& in, std::ostream& out, ServerOptions options) {
  Server server(engine, options);
  while (const auto body = read_message(in)) {
    for (const json& m : server.handle_text(*body)) out << frame(m);
    out.flush();
    if (server.exited()) break;
  }
  return server.exit_code();
}

namespace {

// An output stream buffer on a file descriptor, written on flush.
class FdOutBuf : public std::streambuf {
 public:
  explicit FdOutBuf(int fd) : fd_(fd) {}

 protected:
  int_type overflow(int_type c) override {
    if (!traits_type::eq_int_type(c, traits_type::eof())) pending_.push_back(traits_type::to_char_type(c));
    return traits_type::not_eof(c);
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    pending_.append(s, static_cast<std::size_t>(n));
    return n;
  }
  int sync() override {
    std::size_t done = 0;
    while (done < pending_.size()) {
      const ssize_t w = ::write(fd_, pending_.data() + done, pending_.size() - done);
      if (w < 0 && errno == EINTR) continue;
      if (w <= 0) return -1;
      done += static_cast<std::size_t>(w);
    }
    pending_.clear();
    return 0;
  }

 private:
  int fd_;
  std::string pending_;
};

}  // namespace

int serve_stdio(const Engine& engine, ServerOptions options) {
  std::fflush(stdout);
  std::cout.flush();
  const int protocol_fd = ::dup(STDOUT_FILENO);
  if (protocol_fd < 0) throw std::runtime_error("cannot duplicate stdout");
  ::dup2(STDERR_FILENO, STDOUT_FILENO);  // stray output goes to stderr
  FdOutBuf buffer(protocol_fd);
  std::ostream out(&buffer);
  const int status = serve(engine, std::cin, out, options);
  out.flush();
  ::close(protocol_fd);
  return status;
}

}  // namespace concord::lsp

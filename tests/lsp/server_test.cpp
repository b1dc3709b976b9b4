// The language server, driven in memory with framed messages: positions in
// UTF-16, groups, diagnostics with related information, quick fixes, errors.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "engine.h"
#include "lsp/server.h"
#include "rules/rules.h"

namespace fs = std::filesystem;
using nlohmann::json;
using concord::lsp::Position;
using concord::lsp::TextIndex;

namespace {

const std::string kSeed = std::string(CONCORD_SOURCE_DIR) + "/fixtures/seed-kz-us";
const std::string kPersian = kSeed + "/000_6b479e2ad706ea28.txt";
const std::string kSpanish = kSeed + "/001_40c67a450acdc9de.txt";

const concord::Engine& engine() {
  static const concord::Engine e(
      concord::load_rules({std::string(CONCORD_SOURCE_DIR) + "/rules"}));
  return e;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Frames messages, runs a whole session through serve() and decodes the
// server's framed output.
struct Session {
  std::string input;
  void send(const json& m) { input += concord::lsp::frame(m); }
  void request(int id, const std::string& method, json params) {
    send({{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", std::move(params)}});
  }
  void notify(const std::string& method, json params) {
    send({{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}});
  }
  int status = -1;
  std::vector<json> run() {
    std::istringstream in(input);
    std::ostringstream out;
    status = concord::lsp::serve(engine(), in, out);
    std::istringstream replies(out.str());
    std::vector<json> messages;
    while (auto body = concord::lsp::read_message(replies)) messages.push_back(json::parse(*body));
    return messages;
  }
};

json open_params(const std::string& uri, const std::string& text) {
  return {{"textDocument", {{"uri", uri}, {"languageId", "text"}, {"version", 1}, {"text", text}}}};
}

const json* response(const std::vector<json>& messages, int id) {
  for (const json& m : messages) {
    if (m.contains("id") && m["id"] == id) return &m;
  }
  return nullptr;
}

std::vector<json> diagnostics_for(const std::vector<json>& messages, const std::string& uri) {
  std::vector<json> result;  // the last publication for uri
  for (const json& m : messages) {
    if (m.value("method", "") == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri) {
      result.assign(m["params"]["diagnostics"].begin(), m["params"]["diagnostics"].end());
    }
  }
  return result;
}

const json* find(const std::vector<json>& diagnostics, const std::string& code, Position start) {
  for (const json& d : diagnostics) {
    if (d["code"] == code && d["range"]["start"]["line"] == start.line &&
        d["range"]["start"]["character"] == start.character) {
      return &d;
    }
  }
  return nullptr;
}

json range(Position a, Position b) {
  return {{"start", {{"line", a.line}, {"character", a.character}}},
          {"end", {{"line", b.line}, {"character", b.character}}}};
}

}  // namespace

TEST_CASE("TextIndex converts byte offsets to UTF-16 positions and back", "[lsp]") {
  // a, U+1F600 (4 bytes, 2 units), é (2 bytes, 1 unit), CRLF, lone CR, LF.
  const std::string text = "a\xF0\x9F\x98\x80\xC3\xA9z\r\nb\rc\nd";
  const TextIndex index(text);
  CHECK(index.position(0) == Position{0, 0});
  CHECK(index.position(1) == Position{0, 1});
  CHECK(index.position(5) == Position{0, 3});  // after the emoji: 2 units
  CHECK(index.position(7) == Position{0, 4});  // after é
  CHECK(index.position(8) == Position{0, 5});  // before CRLF
  CHECK(index.position(10) == Position{1, 0});
  CHECK(index.position(12) == Position{2, 0});  // after the lone CR
  CHECK(index.position(14) == Position{3, 0});
  CHECK(index.position(999) == Position{3, 1});  // clamped
  CHECK(index.offset({0, 3}) == 5);
  CHECK(index.offset({0, 2}) == 5);  // inside the surrogate pair: after the character
  CHECK(index.offset({0, 99}) == 8);  // past the line's end
  CHECK(index.offset({2, 1}) == 13);
  CHECK(index.offset({9, 0}) == text.size());

  // A BOM of a file read from disk is not a character for the editor.
  const std::string bom = "\xEF\xBB\xBFxy";
  CHECK(TextIndex(bom, true).position(4) == Position{0, 1});
  CHECK(TextIndex(bom, false).position(4) == Position{0, 2});
}

TEST_CASE("file URIs and paths", "[lsp]") {
  CHECK(concord::lsp::uri_from_path("/tmp/a b/ü.txt") == "file:///tmp/a%20b/%C3%BC.txt");
  CHECK(concord::lsp::path_from_uri("file:///tmp/a%20b/%C3%BC.txt") == "/tmp/a b/ü.txt");
  CHECK(concord::lsp::path_from_uri("file:///tmp/x/../y.md") == "/tmp/y.md");
  CHECK_FALSE(concord::lsp::path_from_uri("untitled:Untitled-1"));
  CHECK_FALSE(concord::lsp::path_from_uri("file://server/share/a.txt"));
}

TEST_CASE("framing: Content-Length headers, other headers ignored", "[lsp]") {
  std::istringstream in(
      "Content-Length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}"
      "content-length:7\r\n\r\n[1,2,3]");
  CHECK(concord::lsp::read_message(in) == std::optional<std::string>("{}"));
  CHECK(concord::lsp::read_message(in) == std::optional<std::string>("[1,2,3]"));
  CHECK_FALSE(concord::lsp::read_message(in));
  CHECK(concord::lsp::frame(json{{"a", "é"}}) == "Content-Length: 10\r\n\r\n{\"a\":\"é\"}");
}

TEST_CASE("the seed pair: diagnostics with related information and a quick fix", "[lsp]") {
  const std::string persian_uri = concord::lsp::uri_from_path(kPersian);
  const std::string spanish_uri = concord::lsp::uri_from_path(kSpanish);

  Session s;
  s.request(1, "initialize", {{"processId", nullptr}, {"rootUri", nullptr}, {"capabilities", json::object()}});
  s.notify("initialized", json::object());
  s.notify("textDocument/didOpen", open_params(persian_uri, slurp(kPersian)));
  std::vector<json> first = s.run();

  const json* init = response(first, 1);
  REQUIRE(init != nullptr);
  const json& caps = (*init)["result"]["capabilities"];
  CHECK(caps["positionEncoding"] == "utf-16");
  CHECK(caps["textDocumentSync"]["change"] == 1);
  CHECK(caps.contains("codeActionProvider"));

  const std::vector<json> diagnostics = diagnostics_for(first, persian_uri);
  REQUIRE_FALSE(diagnostics.empty());
  // Nothing is published for the partner, which is not open.
  CHECK(diagnostics_for(first, spanish_uri).empty());

  // The conflict: 1:50-1:64 in code points, all of them in the BMP.
  const json* conflict = find(diagnostics, "conflict", {0, 49});
  REQUIRE(conflict != nullptr);
  CHECK((*conflict)["range"] == range({0, 49}, {0, 63}));
  CHECK((*conflict)["severity"] == 1);
  CHECK((*conflict)["source"] == "concord");
  CHECK((*conflict)["message"].get<std::string>().find("001_40c67a450acdc9de.txt") != std::string::npos);
  REQUIRE((*conflict)["relatedInformation"].size() == 1);
  const json& related = (*conflict)["relatedInformation"][0];
  CHECK(related["location"]["uri"] == spanish_uri);
  CHECK(related["location"]["range"] == range({1, 89}, {1, 112}));
  CHECK(related["message"] == "1991-12-16 here");

  const json* name = find(diagnostics, "name", {0, 575});
  REQUIRE(name != nullptr);
  CHECK((*name)["range"] == range({0, 575}, {0, 581}));
  CHECK((*name)["severity"] == 2);
  CHECK((*name)["data"]["suggestion"] == "آلماتى");

  // The quick fix for «آلمانى».
  s.request(2, "textDocument/codeAction",
            {{"textDocument", {{"uri", persian_uri}}},
             {"range", (*name)["range"]},
             {"context", {{"diagnostics", json::array({*name})}}}});
  // A client that does not echo `data` gets the same fix.
  json without_data = *name;
  without_data.erase("data");
  s.request(3, "textDocument/codeAction",
            {{"textDocument", {{"uri", persian_uri}}},
             {"range", (*name)["range"]},
             {"context", {{"diagnostics", json::array({without_data, *conflict})}}}});
  s.request(4, "shutdown", nullptr);
  s.notify("exit", nullptr);
  const std::vector<json> second = s.run();
  CHECK(s.status == 0);
  for (int id : {2, 3}) {
    const json* actions = response(second, id);
    REQUIRE(actions != nullptr);
    REQUIRE((*actions)["result"].size() == 1);  // the conflict has no suggestion
    const json& action = (*actions)["result"][0];
    CHECK(action["kind"] == "quickfix");
    const json& edits = action["edit"]["changes"][persian_uri];
    REQUIRE(edits.size() == 1);
    CHECK(edits[0]["range"] == range({0, 575}, {0, 581}));
    CHECK(edits[0]["newText"] == "آلماتى");
  }
  const json* shutdown = response(second, 4);
  REQUIRE(shutdown != nullptr);
  CHECK((*shutdown)["result"].is_null());
}

TEST_CASE("positions count UTF-16 units: an astral character shifts by two", "[lsp]") {
  // The Persian text, edited in memory (the file on disk is not touched):
  // an emoji and a space before it, so columns move by 2 code points but 3
  // UTF-16 units.
  const std::string persian_uri = concord::lsp::uri_from_path(kPersian);
  concord::lsp::Server server(engine());
  server.handle({{"jsonrpc", "2.0"}, {"id", 1}, {"method", "initialize"}, {"params", {{"capabilities", json::object()}}}});
  std::vector<json> out = server.handle(
      {{"jsonrpc", "2.0"}, {"method", "textDocument/didOpen"}, {"params", open_params(persian_uri, slurp(kPersian))}});
  REQUIRE(find(diagnostics_for(out, persian_uri), "conflict", {0, 49}) != nullptr);

  out = server.handle({{"jsonrpc", "2.0"},
                       {"method", "textDocument/didChange"},
                       {"params",
                        {{"textDocument", {{"uri", persian_uri}, {"version", 2}}},
                         {"contentChanges", json::array({{{"text", "\xF0\x9F\x98\x80 " + slurp(kPersian)}}})}}}});
  REQUIRE(out.size() == 1);
  CHECK(out[0]["params"]["version"] == 2);
  const std::vector<json> diagnostics = diagnostics_for(out, persian_uri);
  const json* conflict = find(diagnostics, "conflict", {0, 52});
  REQUIRE(conflict != nullptr);
  CHECK((*conflict)["range"] == range({0, 52}, {0, 66}));
  // The partner's range is unchanged.
  CHECK((*conflict)["relatedInformation"][0]["location"]["range"] == range({1, 89}, {1, 112}));
  CHECK(find(diagnostics, "name", {0, 578}) != nullptr);
  // Lines below the first are not shifted.
  CHECK(find(diagnostics, "range", {3, 65}) != nullptr);

  // An incremental change (range given) is applied too: remove the emoji.
  out = server.handle({{"jsonrpc", "2.0"},
                       {"method", "textDocument/didChange"},
                       {"params",
                        {{"textDocument", {{"uri", persian_uri}, {"version", 3}}},
                         {"contentChanges", json::array({{{"range", range({0, 0}, {0, 3})}, {"text", ""}}})}}}});
  CHECK(find(diagnostics_for(out, persian_uri), "conflict", {0, 49}) != nullptr);
}

TEST_CASE("open partners: in-memory text wins, each open document gets its diagnostics", "[lsp]") {
  // A copy of the seed in a temporary folder; the Spanish file is opened
  // with its date edited in memory to agree with the Persian one.
  const fs::path dir = fs::temp_directory_path() / "concord-lsp-test-partners";
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::copy_file(kPersian, dir / "000_6b479e2ad706ea28.txt");
  fs::copy_file(kSpanish, dir / "001_40c67a450acdc9de.txt");
  {
    std::ofstream readme(dir / "README.md");
    readme << "This folder holds two language versions of one text.\n";
  }
  const std::string fa = concord::lsp::uri_from_path((dir / "000_6b479e2ad706ea28.txt").string());
  const std::string es = concord::lsp::uri_from_path((dir / "001_40c67a450acdc9de.txt").string());

  concord::lsp::Server server(engine());
  server.handle({{"jsonrpc", "2.0"}, {"id", 1}, {"method", "initialize"}, {"params", json::object()}});
  std::vector<json> out = server.handle(
      {{"jsonrpc", "2.0"}, {"method", "textDocument/didOpen"}, {"params", open_params(fa, slurp(kPersian))}});
  REQUIRE(find(diagnostics_for(out, fa), "conflict", {0, 49}) != nullptr);

  // Opening the Spanish file re-checks both; the conflict is on each side.
  out = server.handle(
      {{"jsonrpc", "2.0"}, {"method", "textDocument/didOpen"}, {"params", open_params(es, slurp(kSpanish))}});
  const std::vector<json> es_diagnostics = diagnostics_for(out, es);
  const json* on_es = find(es_diagnostics, "conflict", {1, 89});
  REQUIRE(on_es != nullptr);
  CHECK((*on_es)["relatedInformation"][0]["location"]["uri"] == fa);
  CHECK(find(diagnostics_for(out, fa), "conflict", {0, 49}) != nullptr);

  std::string agreeing = slurp(kSpanish);
  const auto at = agreeing.find("16 de diciembre de 1991");
  REQUIRE(at != std::string::npos);
  agreeing.replace(at, 2, "25");
  out = server.handle({{"jsonrpc", "2.0"},
                       {"method", "textDocument/didChange"},
                       {"params",
                        {{"textDocument", {{"uri", es}, {"version", 2}}},
                         {"contentChanges", json::array({{{"text", agreeing}}})}}}});
  CHECK(find(diagnostics_for(out, fa), "conflict", {0, 49}) == nullptr);
  CHECK(find(diagnostics_for(out, es), "conflict", {1, 89}) == nullptr);

  // Closing the Spanish file clears its diagnostics; the Persian one sees
  // the file on disk again.
  out = server.handle({{"jsonrpc", "2.0"}, {"method", "textDocument/didClose"}, {"params", {{"textDocument", {{"uri", es}}}}}});
  CHECK(diagnostics_for(out, es).empty());
  CHECK(find(diagnostics_for(out, fa), "conflict", {0, 49}) != nullptr);
  // Nothing was written to the folder.
  CHECK(slurp((dir / "001_40c67a450acdc9de.txt").string()) == slurp(kSpanish));
  fs::remove_all(dir);
}

TEST_CASE("bad sources and bad messages do not stop the server", "[lsp]") {
  const fs::path dir = fs::temp_directory_path() / "concord-lsp-test-errors";
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::copy_file(kSpanish, dir / "es.txt");
  {
    std::ofstream bad(dir / "bad.txt", std::ios::binary);
    bad << "caf\xC3 invalid UTF-8\n";
  }
  Session s;
  s.request(1, "textDocument/codeAction", json::object());  // before initialize
  s.request(2, "initialize", json::object());
  s.input += "Content-Length: 5\r\n\r\n{oops";  // not JSON
  s.request(3, "no/such/method", json::object());
  s.request(4, "textDocument/codeAction", {{"bad", 1}});  // invalid params
  s.notify("textDocument/didOpen", {{"textDocument", 7}});  // logged, not fatal
  // A partner with invalid UTF-8 is left out; the Spanish file is checked.
  s.notify("textDocument/didOpen", open_params(concord::lsp::uri_from_path((dir / "es.txt").string()), slurp(kSpanish)));
  // A document that cannot be analyzed (no rule pack for Greek): one
  // diagnostic at 0:0.
  s.notify("textDocument/didOpen", open_params("untitled:Untitled-1", "Καλημέρα κόσμε, τι κάνεις;"));
  s.notify("exit", nullptr);  // without shutdown
  const std::vector<json> out = s.run();
  CHECK(s.status == 1);
  CHECK((*response(out, 1))["error"]["code"] == -32002);
  CHECK((*response(out, 2)).contains("result"));
  bool parse_error = false;
  for (const json& m : out) parse_error = parse_error || (m.contains("error") && m["error"]["code"] == -32700);
  CHECK(parse_error);
  CHECK((*response(out, 3))["error"]["code"] == -32601);
  CHECK((*response(out, 4))["error"]["code"] == -32602);
  CHECK_FALSE(diagnostics_for(out, concord::lsp::uri_from_path((dir / "es.txt").string())).empty());
  const std::vector<json> untitled = diagnostics_for(out, "untitled:Untitled-1");
  REQUIRE(untitled.size() == 1);
  CHECK(untitled[0]["range"] == range({0, 0}, {0, 0}));
  CHECK(untitled[0]["severity"] == 1);
  fs::remove_all(dir);
}

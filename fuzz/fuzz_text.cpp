// Bytes → sources → Engine::analyze and check → findings → every renderer.
// The bundled fa/es packs, languages given (never detected), so every input
// reaches extraction and the checks. Positions must hold: every location
// lies in its source, on code point boundaries, its excerpt is the original
// bytes and its line and column are what the bytes say.
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine.h"
#include "harness.h"
#include "report/render.h"

namespace concord::fuzz {
namespace {

const Engine& engine() {
  static const Engine* const kEngine = new Engine(load_rules({CONCORD_SOURCE_DIR "/rules"}));
  return *kEngine;
}

bool boundary(std::string_view bytes, std::size_t at) {
  return at >= bytes.size() || (static_cast<unsigned char>(bytes[at]) & 0xC0) != 0x80;
}

// Line and column of `offset` counted from scratch: LF, CRLF and CR end a
// line; a BOM is not a column.
std::pair<std::size_t, std::size_t> line_column(std::string_view bytes, std::size_t offset) {
  std::size_t line = 1, column = 1;
  const std::size_t bom = bytes.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  for (std::size_t i = offset >= bom ? bom : 0; i < offset; ++i) {
    const char c = bytes[i];
    if (c == '\n' || (c == '\r' && (i + 1 >= bytes.size() || bytes[i + 1] != '\n'))) {
      ++line;
      column = 1;
    } else if (c != '\r' && boundary(bytes, i)) {
      ++column;
    }
  }
  return {line, column};
}

void check_location(const Location& l, const std::vector<std::string_view>& texts) {
  if (l.source >= texts.size()) invariant_failed("location names no source");
  const std::string_view bytes = texts[l.source];
  if (l.start > l.end || l.end > bytes.size()) invariant_failed("location outside its source");
  if (!boundary(bytes, l.start) || !boundary(bytes, l.end)) invariant_failed("location splits a code point");
  if (bytes.substr(l.start, l.end - l.start) != l.excerpt) invariant_failed("excerpt differs from the bytes");
  if (line_column(bytes, l.start) != std::pair{l.line, l.column}) invariant_failed("wrong line or column");
  if (line_column(bytes, l.end) != std::pair{l.end_line, l.end_column}) invariant_failed("wrong end line or column");
}

}  // namespace

int text(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const auto split = input.find('\f');
  std::vector<SourceSpec> specs{
      SourceSpec{"fa.txt", "fa", split == std::string::npos ? input : input.substr(0, split)},
      SourceSpec{"es.txt", "es", split == std::string::npos ? input : input.substr(split + 1)},
  };
  std::optional<Group> analyzed;
  try {
    analyzed.emplace(engine().analyze("fuzz", specs));
  } catch (const UserError&) {
    return 0;  // not UTF-8 text: refused, as it should be
  }
  const Group& group = *analyzed;
  const Report report = engine().check(group);
  std::vector<std::string_view> texts;
  for (const AnalyzedSource& s : group.sources) texts.push_back(s.doc.source().bytes());
  for (const Finding& f : report.findings) {
    if (f.locations.empty()) invariant_failed("finding without a location");
    for (const Location& l : f.locations) check_location(l, texts);
  }
  // Every renderer; the JSON ones must parse.
  (void)render_text(report, TextStyle{false});
  (void)render_markdown(report);
  (void)render_html(report, group);
  (void)render_extraction_text(group);
  for (const std::string& json : {render_json(report), render_sarif(report), render_extraction_json(group)}) {
    if (!nlohmann::json::accept(json)) invariant_failed("a JSON renderer wrote invalid JSON");
  }
  return 0;
}

}  // namespace concord::fuzz

CONCORD_FUZZ_ENTRY(text)

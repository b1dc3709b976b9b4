#include <fmt/format.h>

#include <map>

#include "report/common.h"
#include "report/render.h"

namespace concord {
namespace {

const char* color_of(Severity s) {
  switch (s) {
    case Severity::kError: return "\x1b[1;31m";
    case Severity::kWarning: return "\x1b[1;33m";
    case Severity::kInfo: return "\x1b[1;36m";
  }
  return "";
}

// Right-to-left text inside a line of left-to-right text: each «…» excerpt
// that holds right-to-left letters is wrapped in FSI … PDI (U+2068,
// U+2069), so a terminal or an editor lays out «آلمانى» and the words
// around it in order. The marks are invisible.
std::string isolated(std::string_view message) {
  constexpr std::string_view kOpen = "«", kClose = "»", kFsi = "\u2068", kPdi = "\u2069";
  std::string out;
  std::size_t at = 0;
  while (at < message.size()) {
    const std::size_t open = message.find(kOpen, at);
    if (open == std::string_view::npos) break;
    const std::size_t body = open + kOpen.size();
    const std::size_t close = message.find(kClose, body);
    if (close == std::string_view::npos) break;
    const std::string_view inner = message.substr(body, close - body);
    out.append(message.substr(at, body - at));
    if (report_detail::needs_isolate(inner)) {
      out.append(kFsi).append(inner).append(kPdi);
    } else {
      out.append(inner);
    }
    out.append(kClose);
    at = close + kClose.size();
  }
  out.append(message.substr(at));
  return out;
}

std::string isolated_whole(std::string_view text) {
  if (!report_detail::needs_isolate(text)) return std::string(text);
  return fmt::format("\u2068{}\u2069", text);
}

}  // namespace

std::string render_text(const Report& report, const TextStyle& style) {
  std::string out;
  const char* bold = style.color ? "\x1b[1m" : "";
  const char* dim = style.color ? "\x1b[2m" : "";
  const char* reset = style.color ? "\x1b[0m" : "";
  std::map<Severity, std::size_t> counts;
  for (const Finding& f : report.findings) {
    ++counts[f.severity];
    const Location& at = f.locations.front();
    out += fmt::format("{}{}:{}:{}:{} {}{}:{} {} {}[{}]{}\n", bold, at.path, at.line, at.column, reset,
                       style.color ? color_of(f.severity) : "", to_string(f.severity), reset, isolated(f.message), dim,
                       f.rule, reset);
    for (std::size_t i = 1; i < f.locations.size(); ++i) {
      const Location& n = f.locations[i];
      out += fmt::format("  {}:{}:{}: note: {}\n", n.path, n.line, n.column,
                         n.note.empty() ? "related location" : isolated(n.note));
    }
    if (f.suggestion) out += fmt::format("  suggestion: {}\n", isolated_whole(*f.suggestion));
  }
  std::string languages;
  for (const SourceInfo& s : report.sources) {
    languages += fmt::format("{}{} ({}{})", languages.empty() ? "" : ", ", s.path, s.lang,
                             s.origin == LanguageOrigin::kDetected ? ", detected" : "");
  }
  out += fmt::format("{} source{}: {}; {} error{}, {} warning{}, {} info\n", report.sources.size(),
                     report.sources.size() == 1 ? "" : "s", languages, counts[Severity::kError],
                     counts[Severity::kError] == 1 ? "" : "s", counts[Severity::kWarning],
                     counts[Severity::kWarning] == 1 ? "" : "s", counts[Severity::kInfo]);
  return out;
}

}  // namespace concord

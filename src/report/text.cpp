#include <fmt/format.h>

#include <map>

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
                       style.color ? color_of(f.severity) : "", to_string(f.severity), reset, f.message, dim,
                       f.rule, reset);
    for (std::size_t i = 1; i < f.locations.size(); ++i) {
      const Location& n = f.locations[i];
      out += fmt::format("  {}:{}:{}: note: {}\n", n.path, n.line, n.column,
                         n.note.empty() ? "related location" : n.note);
    }
    if (f.suggestion) out += fmt::format("  suggestion: {}\n", *f.suggestion);
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

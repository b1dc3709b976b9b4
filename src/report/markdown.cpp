// Markdown output (CommonMark with GitHub tables): for a pull request
// comment, a wiki page or an issue.
//
// Everything taken from the sources or the rules (messages, excerpts,
// notes, suggestions, paths, the group name) goes through md_text(), which
// backslash-escapes the characters Markdown would interpret and flattens
// line breaks, so a source cannot inject links, HTML or table cells.
// Right-to-left text is wrapped in FSI ... PDI (U+2068 ... U+2069): it
// keeps its own direction without reordering the rest of the line.
#include <fmt/format.h>

#include <array>
#include <map>

#include "report/common.h"
#include "report/render.h"

namespace concord {
namespace {

using report_detail::needs_isolate;

constexpr std::string_view kFsi = "\u2068";
constexpr std::string_view kPdi = "\u2069";

// Escapes text for a Markdown paragraph or table cell.
std::string md_text(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    switch (c) {
      case '\\': case '`': case '*': case '_': case '[': case ']': case '|': case '~': case '#': case '!':
        out += '\\';
        out += c;
        break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '\r':
        if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
        out += ' ';
        break;
      case '\n': case '\t': case '\f': case '\v': out += ' '; break;
      default: out += c;
    }
  }
  return out;
}

// Escaped, and isolated when it holds right-to-left text (or bidi controls,
// which the isolate confines).
std::string md_isolated(std::string_view s, bool rtl_source) {
  std::string text = md_text(s);
  if (rtl_source || needs_isolate(s)) return fmt::format("{}{}{}", kFsi, text, kPdi);
  return text;
}

std::string where(const Location& l) {
  return fmt::format("{}:{}:{}", md_text(l.path), l.line, l.column);
}

}  // namespace

std::string render_markdown(const Report& report) {
  std::string out;
  out += fmt::format("# concord report: {}\n\n", md_isolated(report.group, false));

  std::array<std::size_t, 3> totals{};
  std::map<std::string_view, std::array<std::size_t, 3>> by_kind;  // [error, warning, info]
  const auto column = [](Severity s) { return s == Severity::kError ? 0 : s == Severity::kWarning ? 1 : 2; };
  for (const Finding& f : report.findings) {
    ++by_kind[to_string(f.kind)][static_cast<std::size_t>(column(f.severity))];
    ++totals[static_cast<std::size_t>(column(f.severity))];
  }
  out += fmt::format("{} finding{} in {} source{}: {} error{}, {} warning{}, {} info.\n\n", report.findings.size(),
                     report.findings.size() == 1 ? "" : "s", report.sources.size(),
                     report.sources.size() == 1 ? "" : "s", totals[0], totals[0] == 1 ? "" : "s", totals[1],
                     totals[1] == 1 ? "" : "s", totals[2]);

  out += "## Sources\n\n| # | path | language |\n|---:|---|---|\n";
  std::vector<bool> rtl;
  for (std::size_t i = 0; i < report.sources.size(); ++i) {
    const SourceInfo& s = report.sources[i];
    rtl.push_back(report_detail::is_rtl_language(s.lang));
    out += fmt::format("| {} | {} | {}{} |\n", i + 1, md_isolated(s.path, false), md_text(s.lang),
                       s.origin == LanguageOrigin::kDetected ? " (detected)" : "");
  }
  out += "\n## Summary\n\n";
  if (report.findings.empty()) {
    out += "No findings.\n";
    return out;
  }
  out += "| kind | error | warning | info | total |\n|---|---:|---:|---:|---:|\n";
  for (const auto& [kind, n] : by_kind) {
    out += fmt::format("| {} | {} | {} | {} | {} |\n", kind, n[0], n[1], n[2], n[0] + n[1] + n[2]);
  }
  out += fmt::format("| **total** | **{}** | **{}** | **{}** | **{}** |\n\n", totals[0], totals[1], totals[2],
                     report.findings.size());

  out += "## Findings\n";
  for (std::size_t n = 0; n < report.findings.size(); ++n) {
    const Finding& f = report.findings[n];
    out += fmt::format("\n### {}. {}: {}\n\n", n + 1, to_string(f.severity), md_text(f.rule));
    out += fmt::format("- **Message:** {}\n", md_text(f.message));
    out += fmt::format("- **Kind:** {}\n", to_string(f.kind));
    if (f.suggestion) {
      const bool rtl_here = !f.locations.empty() && f.locations.front().source < rtl.size() &&
                            rtl[f.locations.front().source];
      out += fmt::format("- **Suggestion:** {}\n", md_isolated(*f.suggestion, rtl_here));
    }
    if (f.locations.empty()) continue;
    out += "\n| | location | excerpt | note |\n|---|---|---|---|\n";
    for (std::size_t i = 0; i < f.locations.size(); ++i) {
      const Location& l = f.locations[i];
      const bool rtl_here = l.source < rtl.size() && rtl[l.source];
      out += fmt::format("| {} | {} | {} | {} |\n", i == 0 ? "primary" : "related", where(l),
                         md_isolated(l.excerpt, rtl_here), md_text(l.note));
    }
  }
  return out;
}

}  // namespace concord

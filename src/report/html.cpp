// HTML output: one self-contained page for the people who fix the texts.
//
// Layout: summary (counts by kind and severity, the sources), filters (by
// kind, severity and source; a few lines of inline JS), the findings (each
// with its message, suggestion and the excerpts of every location side by
// side, in context), then the full text of every source, lines numbered,
// the findings' spans highlighted, each location an anchor (#f<N>-<I>)
// that links back to its finding (#f<N>).
//
// Safety: every string that comes from a source, a rule, a path or a
// message goes through esc() (& < > " ' escaped, C0 controls replaced), so
// a source cannot inject markup. The page loads nothing: its
// Content-Security-Policy allows no resource at all, and only the exact
// inline <style> and <script> below (by their SHA-256 hashes), so even an
// injected script would not run. Right-to-left sources (fa, ar, he, ...)
// are rendered in elements with dir="rtl" and their lang.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <cstdint>
#include <set>

#include "report/common.h"
#include "report/render.h"

namespace concord {
namespace {

using report_detail::append_utf8;
using report_detail::is_rtl_language;
using report_detail::next_code_point;

constexpr std::size_t kContext = 60;  // code points of context on each side of an excerpt

constexpr std::string_view kStyle = R"css(
:root { color-scheme: light dark; --fg: #1b1b1b; --bg: #fff; --muted: #666; --line: #ddd; --card: #f7f7f8;
  --error: #c62828; --warning: #b26a00; --info: #1565c0; --mark-error: #ffcdd2; --mark-warning: #ffe0a3;
  --mark-info: #cfe3ff; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6e6e6; --bg: #161618; --muted: #9a9a9a; --line: #333; --card: #202024;
    --error: #ef6c6c; --warning: #f0b050; --info: #6fa8ff; --mark-error: #6b2424; --mark-warning: #5e4510;
    --mark-info: #1d3b66; }
}
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 80rem; padding: 1rem 1.5rem 4rem; color: var(--fg); background: var(--bg);
  font: 15px/1.55 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Vazirmatn", "Tahoma", sans-serif; }
h1 { font-size: 1.6rem; margin: .5rem 0; }
h2 { font-size: 1.25rem; margin-top: 2.5rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
a { color: inherit; }
[hidden] { display: none !important; }
table { border-collapse: collapse; margin: .5rem 0; }
th, td { border: 1px solid var(--line); padding: .25rem .6rem; text-align: start; }
td.n, th.n { text-align: end; font-variant-numeric: tabular-nums; }
.sev-error { --sev: var(--error); --mark: var(--mark-error); }
.sev-warning { --sev: var(--warning); --mark: var(--mark-warning); }
.sev-info { --sev: var(--info); --mark: var(--mark-info); }
.badge { display: inline-block; padding: 0 .45rem; border-radius: .3rem; color: var(--bg); background: var(--sev);
  font-size: .8rem; font-weight: 600; text-transform: uppercase; vertical-align: middle; }
.muted, .rule { color: var(--muted); }
#filters fieldset { display: inline-block; border: 1px solid var(--line); margin: 0 .5rem .5rem 0; }
#filters label { margin-inline-end: .8rem; white-space: nowrap; }
article.finding { border: 1px solid var(--line); border-inline-start: .35rem solid var(--sev); border-radius: .4rem;
  padding: .5rem 1rem .8rem; margin: 1rem 0; background: var(--card); scroll-margin-top: 1rem; }
article.finding h3 { font-size: 1rem; margin: .2rem 0; }
article.finding:target { outline: 2px solid var(--sev); }
.message { font-size: 1.05rem; margin: .4rem 0; }
.suggestion { margin: .4rem 0; }
.suggestion bdi { font-weight: 600; }
.excerpts { display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: .7rem; }
.excerpt { border: 1px solid var(--line); border-radius: .3rem; padding: .4rem .6rem; background: var(--bg); }
.excerpt .where { font-size: .85rem; color: var(--muted); }
.excerpt .ctx { margin: .3rem 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.excerpt .note { margin: .2rem 0 0; font-size: .9rem; font-style: italic; }
mark { background: var(--mark, var(--mark-warning)); color: inherit; border-radius: .15rem; padding: 0 .05rem; }
.source { scroll-margin-top: 1rem; }
ol.text { padding-inline-start: 4.5em; font-variant-numeric: tabular-nums; }
ol.text li { white-space: pre-wrap; overflow-wrap: anywhere; padding: 0 .3rem; }
ol.text li::marker { color: var(--muted); font-size: .8em; }
ol.text li:has(:target) { background: var(--card); }
a.ref { text-decoration: none; scroll-margin-top: 4rem; }
a.ref::after { content: attr(data-n); font-size: .7em; vertical-align: super; color: var(--sev); padding: 0 .1em; }
a.ref:target::after { outline: 2px solid var(--sev); }
)css";

constexpr std::string_view kScript = R"js(
"use strict";
(function () {
  var filters = document.getElementById("filters");
  if (!filters) return;  // no findings, nothing to filter
  var boxes = Array.prototype.slice.call(filters.querySelectorAll("input[type=checkbox]"));
  var findings = Array.prototype.slice.call(document.querySelectorAll("article.finding"));
  var count = document.getElementById("shown");
  function update() {
    var on = {};
    boxes.forEach(function (b) { on[b.name + ":" + b.value] = b.checked; });
    var shown = 0;
    findings.forEach(function (f) {
      // A finding located in no source is not subject to the source boxes.
      var sources = f.dataset.sources ? f.dataset.sources.split(" ") : [];
      var visible = on["kind:" + f.dataset.kind] && on["severity:" + f.dataset.severity] &&
        (sources.length === 0 || sources.some(function (s) { return on["source:" + s]; }));
      f.hidden = !visible;
      if (visible) shown++;
    });
    count.textContent = shown + " of " + findings.length + " findings shown";
  }
  boxes.forEach(function (b) { b.addEventListener("change", update); });
  filters.hidden = false;
  update();
})();
)js";

// Escapes text for HTML content and quoted attribute values. C0 controls
// other than tab and line feed (and DEL) become U+FFFD; a CR or CRLF
// becomes a line feed.
std::string esc(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      case '\r':
        if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
        out += '\n';
        break;
      default:
        if ((static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n') || c == 0x7F) {
          append_utf8(out, 0xFFFD);
        } else {
          out += c;
        }
    }
  }
  return out;
}

std::string_view sev_class(Severity s) {
  switch (s) {
    case Severity::kError: return "sev-error";
    case Severity::kWarning: return "sev-warning";
    case Severity::kInfo: return "sev-info";
  }
  return "sev-warning";
}

// dir and lang attributes for text of a language.
std::string lang_attrs(std::string_view lang) {
  return fmt::format(" dir=\"{}\" lang=\"{}\"", is_rtl_language(lang) ? "rtl" : "ltr", esc(lang));
}

// One source's text and its lines, as Source counts them (LF, CRLF and a
// lone CR end a line; line 1 starts after the BOM).
struct Text {
  std::string_view bytes;
  std::size_t content_start = 0;
  std::vector<std::pair<std::size_t, std::size_t>> lines;  // [begin, end) without terminator

  explicit Text(std::string_view b) : bytes(b) {
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") content_start = 3;
    std::size_t begin = content_start;
    for (std::size_t i = content_start; i < bytes.size(); ++i) {
      if (bytes[i] == '\n' || bytes[i] == '\r') {
        lines.emplace_back(begin, i);
        if (bytes[i] == '\r' && i + 1 < bytes.size() && bytes[i + 1] == '\n') ++i;
        begin = i + 1;
      }
    }
    // After a final line terminator comes an empty last line, as Source
    // counts it; it is shown only when a location points there.
    lines.emplace_back(begin, bytes.size());
  }

  bool is_break(std::size_t i) const { return bytes[i] == '\n' || bytes[i] == '\r'; }
  bool is_space(std::size_t i) const { return bytes[i] == ' ' || bytes[i] == '\t'; }
  static bool is_lead(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }

  // Start of up to `n` code points of context before `pos` on its line;
  // `cut` tells whether the line goes on before it. A cut context starts
  // at a word when there is one.
  std::size_t context_begin(std::size_t pos, std::size_t n, bool& cut) const {
    std::size_t i = pos;
    std::size_t count = 0;
    while (i > content_start && !is_break(i - 1) && count < n) {
      --i;
      while (i > content_start && !is_lead(bytes[i])) --i;
      ++count;
    }
    cut = i > content_start && !is_break(i - 1);
    if (cut) {
      std::size_t j = i;
      while (j < pos && !is_space(j)) ++j;
      if (j < pos) i = j + 1;
    }
    return i;
  }
  // End of up to `n` code points of context after `pos` on its line.
  std::size_t context_end(std::size_t pos, std::size_t n, bool& cut) const {
    std::size_t i = pos;
    std::size_t count = 0;
    while (i < bytes.size() && !is_break(i) && count < n) {
      next_code_point(bytes, i);
      ++count;
    }
    cut = i < bytes.size() && !is_break(i);
    if (cut) {
      std::size_t j = i;
      while (j > pos && !is_space(j - 1)) --j;
      if (j > pos) i = j - 1;
    }
    return i;
  }
};

struct Span {
  std::size_t begin, end;
  Severity severity;
};

struct Anchor {
  std::size_t pos;
  std::size_t finding;  // 1-based
  std::size_t index;    // location index in the finding
  Severity severity;
};

std::string location_label(const Location& l) { return fmt::format("{}:{}:{}", l.path, l.line, l.column); }

// The full text of one source: an <ol> of lines, spans in <mark>, an
// anchor per location.
std::string render_full_text(const Text& text, std::vector<Span> spans, std::vector<Anchor> anchors,
                             std::size_t source, const std::vector<std::string>& titles) {
  // Merge overlapping spans, keeping the highest severity.
  std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.begin < b.begin; });
  std::vector<Span> merged;
  for (const Span& s : spans) {
    if (s.end <= s.begin) continue;
    if (!merged.empty() && s.begin < merged.back().end) {
      merged.back().end = std::max(merged.back().end, s.end);
      merged.back().severity = std::max(merged.back().severity, s.severity);
    } else {
      merged.push_back(s);
    }
  }
  std::stable_sort(anchors.begin(), anchors.end(), [](const Anchor& a, const Anchor& b) { return a.pos < b.pos; });

  std::string out;
  std::size_t next_span = 0, next_anchor = 0;
  for (std::size_t n = 0; n < text.lines.size(); ++n) {
    const auto [begin, end] = text.lines[n];
    if (n > 0 && n + 1 == text.lines.size() && begin == end && next_anchor == anchors.size()) break;
    // Anything up to the next line's start belongs to this line.
    const std::size_t limit = n + 1 < text.lines.size() ? text.lines[n + 1].first : text.bytes.size() + 1;
    out += fmt::format("<li id=\"s{}-L{}\">", source, n + 1);
    std::size_t pos = begin;
    bool open = false;
    while (next_span < merged.size() && merged[next_span].end <= begin) ++next_span;
    const auto open_mark = [&](const Span& s) {
      out += fmt::format("<mark class=\"{}\">", sev_class(s.severity));
      open = true;
    };
    if (next_span < merged.size() && merged[next_span].begin < begin) open_mark(merged[next_span]);
    while (true) {
      // The next event on this line: an anchor, a span's start or end.
      std::size_t event = end;
      std::size_t anchor_pos = SIZE_MAX;
      if (next_anchor < anchors.size() && anchors[next_anchor].pos < limit) {
        anchor_pos = std::clamp(anchors[next_anchor].pos, begin, end);
      }
      std::size_t span_pos = SIZE_MAX;
      if (next_span < merged.size()) {
        span_pos = open ? merged[next_span].end : merged[next_span].begin;
        if (span_pos > end) span_pos = SIZE_MAX;
      }
      event = std::min({event, anchor_pos, span_pos});
      out += esc(text.bytes.substr(pos, event - pos));
      pos = event;
      if (anchor_pos == event) {
        const Anchor& a = anchors[next_anchor++];
        out += fmt::format("<a class=\"ref {}\" id=\"f{}-{}\" href=\"#f{}\" data-n=\"{}\" title=\"{}\"></a>",
                           sev_class(a.severity), a.finding, a.index, a.finding, a.finding,
                           esc(titles[a.finding - 1]));
        continue;
      }
      if (span_pos == event) {
        if (open) {
          out += "</mark>";
          open = false;
          ++next_span;
        } else {
          open_mark(merged[next_span]);
        }
        continue;
      }
      break;  // end of the line
    }
    if (open) out += "</mark>";
    out += "</li>\n";
  }
  return out;
}

}  // namespace

std::string render_html(const Report& report, const std::vector<std::string_view>& source_texts) {
  const std::size_t source_count = report.sources.size();
  std::vector<Text> texts;
  for (std::size_t i = 0; i < source_count && i < source_texts.size(); ++i) texts.emplace_back(source_texts[i]);
  const auto valid = [&](const Location& l) {
    return l.source < texts.size() && l.start <= l.end && l.end <= texts[l.source].bytes.size();
  };
  const auto lang_of = [&](const Location& l) -> std::string_view {
    return l.source < source_count ? std::string_view(report.sources[l.source].lang) : std::string_view();
  };

  // Counts for the summary and the filters.
  constexpr std::array<Severity, 3> kSeverities = {Severity::kError, Severity::kWarning, Severity::kInfo};
  std::map<std::string_view, std::map<Severity, std::size_t>> by_kind;
  std::map<Severity, std::size_t> by_severity;
  std::vector<std::size_t> by_source(source_count, 0);
  for (const Finding& f : report.findings) {
    ++by_kind[to_string(f.kind)][f.severity];
    ++by_severity[f.severity];
    std::set<std::size_t> involved;
    for (const Location& l : f.locations) {
      if (l.source < source_count) involved.insert(l.source);
    }
    for (std::size_t s : involved) ++by_source[s];
  }

  std::string out;
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += fmt::format(
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'sha256-{}'; "
      "script-src 'sha256-{}'; base-uri 'none'; form-action 'none'\">\n",
      report_detail::sha256_base64(kStyle), report_detail::sha256_base64(kScript));
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += fmt::format("<meta name=\"generator\" content=\"concord {}\">\n", CONCORD_VERSION);
  out += fmt::format("<title>concord: {}</title>\n", esc(report.group));
  out += fmt::format("<style>{}</style>\n</head>\n<body>\n", kStyle);

  // Header and summary.
  out += fmt::format("<header>\n<h1>concord report: <bdi>{}</bdi></h1>\n", esc(report.group));
  out += fmt::format("<p>{} finding{} in {} source{}: {} error{}, {} warning{}, {} info.</p>\n</header>\n",
                     report.findings.size(), report.findings.size() == 1 ? "" : "s", source_count,
                     source_count == 1 ? "" : "s", by_severity[Severity::kError],
                     by_severity[Severity::kError] == 1 ? "" : "s", by_severity[Severity::kWarning],
                     by_severity[Severity::kWarning] == 1 ? "" : "s", by_severity[Severity::kInfo]);
  out += "<section id=\"summary\">\n<h2>Summary</h2>\n";
  if (!report.findings.empty()) {
    out += "<table>\n<thead><tr><th>kind</th><th class=\"n\">error</th><th class=\"n\">warning</th>"
           "<th class=\"n\">info</th><th class=\"n\">total</th></tr></thead>\n<tbody>\n";
    for (auto& [kind, counts] : by_kind) {
      std::size_t total = 0;
      out += fmt::format("<tr><td>{}</td>", esc(kind));
      for (Severity s : kSeverities) {
        out += fmt::format("<td class=\"n\">{}</td>", counts[s]);
        total += counts[s];
      }
      out += fmt::format("<td class=\"n\">{}</td></tr>\n", total);
    }
    out += fmt::format(
        "</tbody>\n<tfoot><tr><th>total</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th>"
        "<th class=\"n\">{}</th></tr></tfoot>\n</table>\n",
        by_severity[Severity::kError], by_severity[Severity::kWarning], by_severity[Severity::kInfo],
        report.findings.size());
  } else {
    out += "<p>No findings.</p>\n";
  }
  out += "<table>\n<thead><tr><th>source</th><th>language</th><th class=\"n\">findings</th></tr></thead>\n<tbody>\n";
  for (std::size_t i = 0; i < source_count; ++i) {
    const SourceInfo& s = report.sources[i];
    out += fmt::format("<tr><td><a href=\"#src{}\"><bdi>{}</bdi></a></td><td>{}{}</td><td class=\"n\">{}</td></tr>\n",
                       i, esc(s.path), esc(s.lang),
                       s.origin == LanguageOrigin::kDetected ? " (detected)" : "", by_source[i]);
  }
  out += "</tbody>\n</table>\n</section>\n";

  // Filters: shown by the script (useless without it).
  if (!report.findings.empty()) {
    out += "<section id=\"filters\" hidden>\n<h2>Filters</h2>\n<fieldset><legend>Kind</legend>";
    for (const auto& [kind, counts] : by_kind) {
      std::size_t total = 0;
      for (const auto& [sev, n] : counts) total += n;
      out += fmt::format("<label><input type=\"checkbox\" name=\"kind\" value=\"{0}\" checked> {0} ({1})</label>",
                         esc(kind), total);
    }
    out += "</fieldset>\n<fieldset><legend>Severity</legend>";
    for (Severity s : kSeverities) {
      if (by_severity[s] == 0) continue;
      out += fmt::format("<label><input type=\"checkbox\" name=\"severity\" value=\"{0}\" checked> {0} ({1})</label>",
                         to_string(s), by_severity[s]);
    }
    out += "</fieldset>\n<fieldset><legend>Source</legend>";
    for (std::size_t i = 0; i < source_count; ++i) {
      out += fmt::format("<label><input type=\"checkbox\" name=\"source\" value=\"{}\" checked> <bdi>{}</bdi> ({})</label>",
                         i, esc(report.sources[i].path), by_source[i]);
    }
    out += "</fieldset>\n<p id=\"shown\" class=\"muted\"></p>\n</section>\n";
  }

  // Findings.
  std::vector<std::vector<Span>> spans(texts.size());
  std::vector<std::vector<Anchor>> anchors(texts.size());
  std::vector<std::string> titles;
  out += "<section id=\"findings\">\n<h2>Findings</h2>\n";
  for (std::size_t n = 1; n <= report.findings.size(); ++n) {
    const Finding& f = report.findings[n - 1];
    titles.push_back(fmt::format("{} {}: {}", n, to_string(f.severity), f.message));
    std::set<std::size_t> involved;
    for (const Location& l : f.locations) {
      if (l.source < source_count) involved.insert(l.source);
    }
    std::string data_sources;
    for (std::size_t s : involved) data_sources += (data_sources.empty() ? "" : " ") + std::to_string(s);
    out += fmt::format(
        "<article class=\"finding {}\" id=\"f{}\" data-kind=\"{}\" data-severity=\"{}\" data-sources=\"{}\">\n",
        sev_class(f.severity), n, esc(to_string(f.kind)), to_string(f.severity), data_sources);
    out += fmt::format("<h3><a href=\"#f{0}\">#{0}</a> <span class=\"badge\">{1}</span> {2} "
                       "<span class=\"rule\">[{3}]</span></h3>\n",
                       n, to_string(f.severity), esc(to_string(f.kind)), esc(f.rule));
    out += fmt::format("<p class=\"message\">{}</p>\n", esc(f.message));
    if (f.suggestion) {
      const std::string_view lang = f.locations.empty() ? std::string_view() : lang_of(f.locations.front());
      out += fmt::format("<p class=\"suggestion\">Suggestion: <bdi{}>{}</bdi></p>\n",
                         lang.empty() ? "" : lang_attrs(lang), esc(*f.suggestion));
    }
    out += "<div class=\"excerpts\">\n";
    for (std::size_t i = 0; i < f.locations.size(); ++i) {
      const Location& l = f.locations[i];
      const bool in_text = valid(l);
      out += fmt::format("<div class=\"excerpt\">\n<div class=\"where\">{} ", i == 0 ? "primary" : "related");
      if (in_text) {
        out += fmt::format("<a href=\"#f{}-{}\"><bdi>{}</bdi></a>", n, i, esc(location_label(l)));
      } else {
        out += fmt::format("<bdi>{}</bdi>", esc(location_label(l)));
      }
      const std::string_view lang = lang_of(l);
      if (!lang.empty()) out += fmt::format(" <span class=\"lang\">({})</span>", esc(lang));
      out += "</div>\n";
      out += fmt::format("<p class=\"ctx\"{}>", lang.empty() ? "" : lang_attrs(lang));
      if (in_text) {
        const Text& t = texts[l.source];
        bool cut_before = false, cut_after = false;
        const std::size_t from = t.context_begin(l.start, kContext, cut_before);
        const std::size_t to = t.context_end(l.end, kContext, cut_after);
        out += fmt::format("{}{}<mark>{}</mark>{}{}", cut_before ? "…" : "", esc(t.bytes.substr(from, l.start - from)),
                           esc(t.bytes.substr(l.start, l.end - l.start)), esc(t.bytes.substr(l.end, to - l.end)),
                           cut_after ? "…" : "");
        spans[l.source].push_back(Span{l.start, l.end, f.severity});
        anchors[l.source].push_back(Anchor{l.start, n, i, f.severity});
      } else {
        out += fmt::format("<mark>{}</mark>", esc(l.excerpt));
      }
      out += "</p>\n";
      if (!l.note.empty()) out += fmt::format("<p class=\"note\">{}</p>\n", esc(l.note));
      out += "</div>\n";
    }
    out += "</div>\n</article>\n";
  }
  if (report.findings.empty()) out += "<p>No findings.</p>\n";
  out += "</section>\n";

  // The full texts.
  out += "<section id=\"sources\">\n<h2>Sources</h2>\n";
  for (std::size_t i = 0; i < source_count; ++i) {
    const SourceInfo& s = report.sources[i];
    out += fmt::format("<section class=\"source\" id=\"src{}\">\n<h3><bdi>{}</bdi> <span class=\"muted\">({}{})</span></h3>\n",
                       i, esc(s.path), esc(s.lang), s.origin == LanguageOrigin::kDetected ? ", detected" : "");
    if (i < texts.size()) {
      out += fmt::format("<ol class=\"text\"{}>\n", lang_attrs(s.lang));
      out += render_full_text(texts[i], std::move(spans[i]), std::move(anchors[i]), i, titles);
      out += "</ol>\n";
    } else {
      out += "<p class=\"muted\">The text of this source is not available.</p>\n";
    }
    out += "</section>\n";
  }
  out += "</section>\n";
  out += fmt::format("<script>{}</script>\n</body>\n</html>\n", kScript);
  return out;
}

std::string render_html(const Report& report, const Group& group) {
  std::vector<std::string_view> texts;
  for (const AnalyzedSource& s : group.sources) texts.push_back(s.doc.source().bytes());
  return render_html(report, texts);
}

}  // namespace concord

// Renderers: one function per output format. Each takes a finished Report
// and returns the whole output, so a failed run writes nothing.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine.h"

namespace concord {

struct TextStyle {
  bool color = false;  // ANSI colours (a terminal, NO_COLOR unset)
};

// "path:line:col: severity: message [rule]", a note line per related
// location, a suggestion line when there is one, and a closing summary.
std::string render_text(const Report& report, const TextStyle& style);

// The JSON document described in README ("JSON output").
std::string render_json(const Report& report);
// One line of `check --jsonl` output: {"id":…,"sources":[…],"findings":[…]},
// the sources and findings exactly as render_json writes them, compact.
std::string render_json_line(const nlohmann::ordered_json& id, const Report& report);

// SARIF 2.1.0 (one run; one rule per registered check; columns counted in
// Unicode code points, byte offsets as in the JSON output).
std::string render_sarif(const Report& report);

// A Markdown report: a summary table by kind and severity, then every
// finding with the excerpts of all its locations. Text from the sources is
// escaped; right-to-left text is wrapped in Unicode isolates (FSI ... PDI).
std::string render_markdown(const Report& report);

// One self-contained HTML page (inline CSS and JS, a strict
// Content-Security-Policy, no external resources) for editors: summary,
// filters, each finding with its excerpts in context side by side, and the
// full text of every source with the findings highlighted. source_texts[i]
// is the whole original file (BOM included) of report.sources[i]; a missing
// or shorter vector only loses the context and the full texts.
std::string render_html(const Report& report, const std::vector<std::string_view>& source_texts);
// The same, taking the source texts from the analyzed group.
std::string render_html(const Report& report, const Group& group);

// Every extracted mention and claim of a group, for `concord extract`.
std::string render_extraction_json(const Group& group);
std::string render_extraction_text(const Group& group);

// Writes `content` to `path` through a temporary file and a rename, so a
// reader never sees half a report. Throws UserError on failure.
void write_file_atomically(const std::string& path, const std::string& content);

// Writes several files all or nothing: every content goes to a temporary
// file beside its target first; only when all are written are they renamed
// into place. On failure every temporary file is removed and no target is
// touched. Throws UserError on failure.
void write_files_atomically(const std::vector<std::pair<std::string, std::string>>& files);

}  // namespace concord

// Renderers: one function per output format. Each takes a finished Report
// and returns the whole output, so a failed run writes nothing.
#pragma once

#include <string>

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

// Every extracted mention and claim of a group, for `concord extract`.
std::string render_extraction_json(const Group& group);
std::string render_extraction_text(const Group& group);

// Writes `content` to `path` through a temporary file and a rename, so a
// reader never sees half a report. Throws UserError on failure.
void write_file_atomically(const std::string& path, const std::string& content);

}  // namespace concord

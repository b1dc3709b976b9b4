// Baselines: today's findings recorded by fingerprint, so `check` reports
// only new ones. Fingerprints survive edits elsewhere in a file (no line
// numbers; see fingerprints() in checks/finding.h).
#pragma once

#include <set>
#include <string>
#include <vector>

#include "engine.h"

namespace concord {

// The baseline file's JSON for these reports.
std::string render_baseline(const std::vector<Report>& reports);

// Fingerprints recorded in a baseline file; UserError if unreadable.
std::set<std::string> load_baseline(const std::string& path);

// Removes from `report` the findings whose fingerprint is in `baseline`,
// and marks those fingerprints as seen. Returns how many were removed.
std::size_t apply_baseline(Report& report, const std::set<std::string>& baseline, std::set<std::string>& seen);

}  // namespace concord

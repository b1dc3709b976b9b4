// A finding: a plain value, self-contained (no pointers into documents), so
// renderers, baselines and the language server can keep and compare it.
//
// A conflict between sources is a primary location plus related locations
// (one per other source involved), the same shape as SARIF's
// relatedLocations and LSP's relatedInformation.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace concord {

enum class Severity { kInfo = 0, kWarning = 1, kError = 2 };

enum class Kind {
  kConflict, kRange, kDate, kChronology, kName, kSpelling, kCount,
  kArithmetic, kEncoding, kOrthography, kSegmentation
};

std::string_view to_string(Severity s);
std::string_view to_string(Kind k);
std::optional<Severity> parse_severity(std::string_view s);

struct Location {
  std::string path;
  std::size_t source = 0;  // index of the source in its group
  std::size_t start = 0;   // byte offsets into the original file, [start, end)
  std::size_t end = 0;
  std::size_t line = 1, column = 1;          // 1-based; columns in code points
  std::size_t end_line = 1, end_column = 1;  // position of `end`
  std::string excerpt;  // the original bytes of [start, end)
  std::string note;     // for related locations: what this place says
};

struct Finding {
  std::string rule;  // check id
  Kind kind = Kind::kConflict;
  Severity severity = Severity::kWarning;
  std::string message;
  std::vector<Location> locations;  // [0] is primary
  std::optional<std::string> suggestion;
  // What the finding is about, independent of where it is (used for
  // ordering and, later, fingerprints): e.g. the event id or the wrong word.
  std::string subject;
};

// Orders findings by source, position, then rule: deterministic output.
bool finding_less(const Finding& a, const Finding& b);

// A fingerprint per finding that survives edits elsewhere in the file: a
// hash of the rule, the subject, the primary excerpt and the file's base
// name (no line numbers), then ":n" for the n-th identical one. Used by
// SARIF partialFingerprints and by baselines.
std::vector<std::string> fingerprints(const std::vector<Finding>& findings);

}  // namespace concord

#include "checks/finding.h"

#include <tuple>

namespace concord {

std::string_view to_string(Severity s) {
  switch (s) {
    case Severity::kInfo: return "info";
    case Severity::kWarning: return "warning";
    case Severity::kError: return "error";
  }
  return "warning";
}

std::string_view to_string(Kind k) {
  switch (k) {
    case Kind::kConflict: return "conflict";
    case Kind::kRange: return "range";
    case Kind::kDate: return "date";
    case Kind::kChronology: return "chronology";
    case Kind::kName: return "name";
    case Kind::kSpelling: return "spelling";
    case Kind::kCount: return "count";
    case Kind::kArithmetic: return "arithmetic";
    case Kind::kEncoding: return "encoding";
    case Kind::kOrthography: return "orthography";
    case Kind::kSegmentation: return "segmentation";
  }
  return "conflict";
}

std::optional<Severity> parse_severity(std::string_view s) {
  if (s == "info") return Severity::kInfo;
  if (s == "warning") return Severity::kWarning;
  if (s == "error") return Severity::kError;
  return std::nullopt;
}

bool finding_less(const Finding& a, const Finding& b) {
  const Location empty;
  const Location& la = a.locations.empty() ? empty : a.locations.front();
  const Location& lb = b.locations.empty() ? empty : b.locations.front();
  return std::tie(la.source, la.start, la.end, a.rule, a.message) <
         std::tie(lb.source, lb.start, lb.end, b.rule, b.message);
}

}  // namespace concord

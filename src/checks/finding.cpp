#include "checks/finding.h"

#include <fmt/format.h>

#include <cstdint>
#include <map>
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

namespace {

std::uint64_t fnv1a64(std::string_view bytes, std::uint64_t hash = 0xcbf29ce484222325ULL) {
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

std::string_view base_name(std::string_view path) {
  const auto slash = path.find_last_of("/\\");
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

}  // namespace

std::vector<std::string> fingerprints(const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  std::map<std::string, std::size_t> uses;
  for (const Finding& f : findings) {
    const Location empty;
    const Location& at = f.locations.empty() ? empty : f.locations.front();
    std::uint64_t h = fnv1a64(f.rule);
    for (std::string_view part : {std::string_view(f.subject), std::string_view(at.excerpt), base_name(at.path)}) {
      h = fnv1a64(std::string_view("\0", 1), h);
      h = fnv1a64(part, h);
    }
    const std::string hash = fmt::format("{:016x}", h);
    out.push_back(fmt::format("{}:{}", hash, ++uses[hash]));
  }
  return out;
}

}  // namespace concord

#include "project/baseline.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

namespace concord {
namespace {

// A baseline entry names the group too: the same finding in another group
// is another finding.
std::string key(const Report& report, const std::string& print) { return report.group + "/" + print; }

}  // namespace

std::string render_baseline(const std::vector<Report>& reports) {
  nlohmann::ordered_json root;
  root["tool"] = "concord";
  root["version"] = 1;
  root["entries"] = nlohmann::ordered_json::array();
  for (const Report& report : reports) {
    const auto prints = fingerprints(report.findings);
    for (std::size_t i = 0; i < report.findings.size(); ++i) {
      const Finding& f = report.findings[i];
      root["entries"].push_back({{"fingerprint", key(report, prints[i])},
                                 {"rule", f.rule},
                                 {"path", f.locations.empty() ? "" : f.locations.front().path},
                                 {"message", f.message}});
    }
  }
  return root.dump(2) + "\n";
}

std::set<std::string> load_baseline(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UserError(path, "cannot read baseline");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  std::set<std::string> out;
  try {
    const auto root = nlohmann::json::parse(buffer.str());
    for (const auto& e : root.at("entries")) out.insert(e.at("fingerprint").get<std::string>());
  } catch (const nlohmann::json::exception& e) {
    throw UserError(path, fmt::format("not a concord baseline: {}", e.what()));
  }
  return out;
}

std::size_t apply_baseline(Report& report, const std::set<std::string>& baseline, std::set<std::string>& seen) {
  const auto prints = fingerprints(report.findings);
  std::vector<Finding> kept;
  std::size_t removed = 0;
  for (std::size_t i = 0; i < report.findings.size(); ++i) {
    const std::string k = key(report, prints[i]);
    if (baseline.count(k) != 0) {
      seen.insert(k);
      ++removed;
    } else {
      kept.push_back(std::move(report.findings[i]));
    }
  }
  report.findings = std::move(kept);
  return removed;
}

}  // namespace concord

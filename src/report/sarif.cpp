// SARIF 2.1.0 output (OASIS standard; the format of GitHub code scanning and
// of most editors' problem viewers).
//
// Mapping:
//   check (registry)    -> run.tool.driver.rules[] (reportingDescriptor)
//   finding             -> run.results[]
//   locations[0]        -> result.locations[0]
//   locations[1..]      -> result.relatedLocations[] (message = the note)
//   severity            -> level (info -> "note")
//   source              -> run.artifacts[] (natural language in properties.lang)
// Columns count Unicode code points (run.columnKind "unicodeCodePoints");
// byteOffset/byteLength are the JSON output's start and end - start, BOM
// included. partialFingerprints["concord/v1"] does not depend on line
// numbers, so a finding keeps its identity when text above it changes.
#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>

#include "checks/registry.h"
#include "report/common.h"
#include "report/render.h"

namespace concord {
namespace {

using nlohmann::ordered_json;
using report_detail::fnv1a64;
using report_detail::path_basename;

std::string_view level_of(Severity s) {
  switch (s) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kInfo: return "note";
  }
  return "warning";
}

// A short how-to-fix, by check id, else by kind.
std::string_view help_for(std::string_view id, Kind kind) {
  if (id == "conflict") {
    return "Decide which source is right (the related locations show what the other sources say), "
           "then correct the others so that every language version gives the same value.";
  }
  if (id == "range") return "Correct one end of the range so that it begins before it ends.";
  if (id == "date") return "Correct the day or the month: this date does not exist in its calendar.";
  if (id == "name") {
    return "If the text means the named entity, replace the word with the suggested spelling; "
           "otherwise the finding can be ignored.";
  }
  switch (kind) {
    case Kind::kConflict:
    case Kind::kCount:
      return "Decide which source is right and correct the others so that they agree.";
    case Kind::kRange:
    case Kind::kDate:
    case Kind::kChronology:
    case Kind::kArithmetic:
      return "Correct the value that is wrong; the message says which values disagree.";
    case Kind::kName:
    case Kind::kSpelling:
    case Kind::kOrthography:
      return "Replace the word with the suggested spelling, if there is one.";
    case Kind::kEncoding:
    case Kind::kSegmentation:
      return "Fix the characters at the location (see the message), then check the file again.";
  }
  return "Review the location and correct the text that is wrong.";
}

// PascalCase of a check id: "date_conflict" -> "DateConflict".
std::string rule_name(std::string_view id) {
  std::string out;
  bool upper = true;
  for (const char c : id) {
    if (c == '_' || c == '-' || c == '.') {
      upper = true;
      continue;
    }
    out += upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    upper = false;
  }
  return out;
}

// A relative path as a URI reference: every byte but the unreserved ones
// and '/' percent-encoded (':' too, so "a:b.txt" is not read as a scheme).
// An absolute path becomes a file: URI.
std::string path_uri(std::string_view path) {
  std::string out;
  if (!path.empty() && path.front() == '/') out = "file://";
  for (const char ch : path) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~' || c == '/') {
      out += ch;
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

ordered_json physical_location(const Location& l, std::size_t source_count) {
  ordered_json artifact;
  artifact["uri"] = path_uri(l.path);
  if (l.source < source_count) artifact["index"] = l.source;
  ordered_json region;
  region["startLine"] = l.line;
  region["startColumn"] = l.column;
  region["endLine"] = l.end_line;
  region["endColumn"] = l.end_column;
  region["byteOffset"] = l.start;
  region["byteLength"] = l.end >= l.start ? l.end - l.start : 0;
  region["snippet"] = {{"text", l.excerpt}};
  return ordered_json{{"artifactLocation", std::move(artifact)}, {"region", std::move(region)}};
}

ordered_json rule_descriptor(std::string_view id, Kind kind, Severity severity, std::string_view summary) {
  ordered_json r;
  r["id"] = id;
  r["name"] = rule_name(id);
  r["shortDescription"] = {{"text", summary}};
  r["fullDescription"] = {
      {"text", fmt::format("concord check '{}' (kind {}): {}. Default severity {}; settings in rules/checks.yaml.",
                           id, to_string(kind), summary, to_string(severity))}};
  r["help"] = {{"text", help_for(id, kind)}};
  r["defaultConfiguration"] = {{"level", level_of(severity)}};
  r["properties"] = {{"tags", ordered_json::array({std::string(to_string(kind))})}};
  return r;
}

}  // namespace

std::string render_sarif(const Report& report) {
  ordered_json rules = ordered_json::array();
  std::map<std::string, std::size_t, std::less<>> rule_index;
  for (const CheckEntry& entry : check_registry()) {
    rule_index.emplace(std::string(entry.id), rules.size());
    rules.push_back(rule_descriptor(entry.id, entry.kind, entry.severity, entry.summary));
  }
  // A finding from a rule the registry does not list still gets a
  // descriptor, so that every ruleIndex is valid.
  for (const Finding& f : report.findings) {
    if (rule_index.count(f.rule) != 0) continue;
    rule_index.emplace(f.rule, rules.size());
    rules.push_back(rule_descriptor(f.rule, f.kind, f.severity, fmt::format("findings of kind {}", to_string(f.kind))));
  }

  ordered_json driver;
  driver["name"] = "concord";
  driver["version"] = CONCORD_VERSION;
  driver["semanticVersion"] = CONCORD_VERSION;
  driver["rules"] = std::move(rules);

  ordered_json artifacts = ordered_json::array();
  for (const SourceInfo& s : report.sources) {
    ordered_json a;
    a["location"] = {{"uri", path_uri(s.path)}};
    a["roles"] = ordered_json::array({"analysisTarget"});
    a["encoding"] = "UTF-8";
    a["properties"] = {{"lang", s.lang},
                       {"langOrigin", s.origin == LanguageOrigin::kDetected ? "detected" : "given"}};
    artifacts.push_back(std::move(a));
  }

  ordered_json results = ordered_json::array();
  const std::vector<std::string> prints = fingerprints(report.findings);
  for (std::size_t index = 0; index < report.findings.size(); ++index) {
    const Finding& f = report.findings[index];
    ordered_json r;
    r["ruleId"] = f.rule;
    r["ruleIndex"] = rule_index.at(f.rule);
    r["level"] = level_of(f.severity);
    r["message"] = {{"text", f.message}};
    r["locations"] = ordered_json::array();
    if (!f.locations.empty()) {
      r["locations"].push_back({{"physicalLocation", physical_location(f.locations.front(), report.sources.size())}});
    }
    if (f.locations.size() > 1) {
      ordered_json related = ordered_json::array();
      for (std::size_t i = 1; i < f.locations.size(); ++i) {
        const Location& l = f.locations[i];
        ordered_json rl;
        rl["id"] = i;
        rl["physicalLocation"] = physical_location(l, report.sources.size());
        rl["message"] = {{"text", l.note.empty() ? std::string("related location") : l.note}};
        related.push_back(std::move(rl));
      }
      r["relatedLocations"] = std::move(related);
    }
    r["partialFingerprints"] = {{"concord/v1", prints[index]}};
    ordered_json props;
    props["kind"] = std::string(to_string(f.kind));
    props["severity"] = std::string(to_string(f.severity));
    if (f.suggestion) props["suggestion"] = *f.suggestion;
    r["properties"] = std::move(props);
    results.push_back(std::move(r));
  }

  ordered_json run;
  run["tool"] = {{"driver", std::move(driver)}};
  run["automationDetails"] = {{"id", fmt::format("concord/{}/", report.group)}};
  run["artifacts"] = std::move(artifacts);
  run["results"] = std::move(results);
  run["language"] = "en-US";
  run["columnKind"] = "unicodeCodePoints";
  run["properties"] = {{"group", report.group}};

  ordered_json root;
  root["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  root["version"] = "2.1.0";
  root["runs"] = ordered_json::array({std::move(run)});
  return root.dump(2) + "\n";
}

}  // namespace concord

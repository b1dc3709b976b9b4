// concord's command line. Parses arguments and calls the library; no
// checking logic lives here.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include "checks/orthography.h"
#include "engine.h"
#include "error.h"
#include "report/render.h"
#include "rules/rules.h"

namespace {

using namespace concord;

constexpr int kExitClean = 0;
constexpr int kExitFindings = 1;
constexpr int kExitError = 2;

struct CommonOptions {
  std::vector<std::string> files;
  std::vector<std::string> langs;  // "LANG" or "PATH=LANG"
  std::vector<std::string> rule_folders;
  bool no_default_rules = false;
};

void add_common(CLI::App* cmd, CommonOptions& o) {
  cmd->add_option("files", o.files, "Source files of one document group")->required();
  // One value per occurrence, so options may come before the files.
  cmd->add_option("-l,--lang", o.langs,
                  "Language of the sources: LANG for all, or PATH=LANG for one (default: detected)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd->add_option("-r,--rules", o.rule_folders, "Extra rule folder, applied after the bundled rules")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd->add_flag("--no-default-rules", o.no_default_rules, "Do not load the bundled rules");
}

std::vector<SourceSpec> specs_from(const CommonOptions& o) {
  std::vector<SourceSpec> specs;
  std::string all;
  for (const std::string& l : o.langs) {
    if (l.find('=') == std::string::npos) all = l;
  }
  for (const std::string& f : o.files) specs.push_back(SourceSpec{f, all, std::nullopt});
  for (const std::string& l : o.langs) {
    const auto eq = l.find('=');
    if (eq == std::string::npos) continue;
    const std::string path = l.substr(0, eq);
    bool matched = false;
    for (SourceSpec& s : specs) {
      if (s.path == path) {
        s.lang = l.substr(eq + 1);
        matched = true;
      }
    }
    if (!matched) throw UserError(path, "--lang names a file that is not among the sources");
  }
  return specs;
}

RuleSet rules_from(const CommonOptions& o) {
  std::vector<std::string> folders;
  if (!o.no_default_rules) folders.push_back(default_rules_folder());
  folders.insert(folders.end(), o.rule_folders.begin(), o.rule_folders.end());
  return load_rules(folders);
}

std::string group_name(const std::vector<std::string>& files) {
  const std::filesystem::path first(files.front());
  const std::string parent = std::filesystem::absolute(first).parent_path().filename().string();
  return parent.empty() ? first.stem().string() : parent;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"concord: audits the language versions of a text for inconsistencies"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("concord ") + CONCORD_VERSION);

  CommonOptions check_opts;
  std::string format = "text";
  std::string output;
  std::string fail_on = "warning";
  std::string report_dir;
  std::string group;
  CLI::App* check = app.add_subcommand("check", "Check a group of sources and report findings");
  add_common(check, check_opts);
  check->add_option("-f,--format", format, "Output format: text, json, sarif, markdown or html")
      ->check(CLI::IsMember({"text", "json", "sarif", "markdown", "html"}));
  check->add_option("-o,--output", output, "Write the output to FILE instead of stdout");
  check->add_option("--fail-on", fail_on, "Lowest severity that makes the exit status 1: info, warning, error or none")
      ->check(CLI::IsMember({"info", "warning", "error", "none"}));
  check->add_option("--report-dir", report_dir,
                    "Also write DIR/<group>.txt, .json, .sarif, .md and .html");
  check->add_option("--group", group, "Name of the group in reports (default: the first source's folder)");

  CommonOptions extract_opts;
  std::string extract_format = "text";
  CLI::App* extract_cmd = app.add_subcommand("extract", "Print every typed mention and claim of the sources");
  add_common(extract_cmd, extract_opts);
  extract_cmd->add_option("-f,--format", extract_format, "Output format: text or json")
      ->check(CLI::IsMember({"text", "json"}));

  CommonOptions fix_opts;
  bool fix_orthography_flag = false;
  std::string fix_output;
  CLI::App* fix_cmd = app.add_subcommand("fix", "Write a corrected copy of a source (never in place)");
  add_common(fix_cmd, fix_opts);
  fix_cmd->add_flag("--orthography", fix_orthography_flag,
                    "Modern orthography: Persian yeh and kaf, ZWNJ after «می» and before «ها»...")
      ->required();
  fix_cmd->add_option("-o,--output", fix_output, "Where to write the corrected copy")->required();

  std::vector<std::string> rules_only;
  bool rules_no_default = false;
  CLI::App* rules_cmd = app.add_subcommand("rules", "Load and validate rule folders; list checks and languages");
  rules_cmd->add_option("-r,--rules", rules_only, "Extra rule folder")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  rules_cmd->add_flag("--no-default-rules", rules_no_default, "Do not load the bundled rules");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitClean : kExitError;
  }

  try {
    if (*check) {
      Engine engine(rules_from(check_opts));
      const Group analyzed = engine.analyze(group.empty() ? group_name(check_opts.files) : group,
                                            specs_from(check_opts));
      const Report report = engine.check(analyzed);
      const bool to_terminal = output.empty() && isatty(STDOUT_FILENO) != 0;
      const bool color = to_terminal && std::getenv("NO_COLOR") == nullptr;
      const auto render = [&](const std::string& name, bool with_color) {
        if (name == "json") return render_json(report);
        if (name == "sarif") return render_sarif(report);
        if (name == "markdown") return render_markdown(report);
        if (name == "html") return render_html(report, analyzed);
        return render_text(report, TextStyle{with_color});
      };
      const std::string rendered = render(format, color);
      // Everything is rendered before anything is written.
      std::vector<std::pair<std::string, std::string>> files;  // path, content
      if (!report_dir.empty()) {
        static const std::pair<const char*, const char*> kReports[] = {
            {"text", "txt"}, {"json", "json"}, {"sarif", "sarif"}, {"markdown", "md"}, {"html", "html"}};
        for (const auto& [name, extension] : kReports) {
          files.emplace_back(fmt::format("{}/{}.{}", report_dir, report.group, extension),
                             format == name && !(color && format == "text") ? rendered : render(name, false));
        }
      }
      for (const auto& [path, content] : files) write_file_atomically(path, content);
      if (output.empty()) {
        std::fwrite(rendered.data(), 1, rendered.size(), stdout);
      } else {
        write_file_atomically(output, rendered);
      }
      if (fail_on == "none") return kExitClean;
      const Severity threshold = *parse_severity(fail_on);
      for (const Finding& f : report.findings) {
        if (f.severity >= threshold) return kExitFindings;
      }
      return kExitClean;
    }
    if (*extract_cmd) {
      Engine engine(rules_from(extract_opts));
      const Group analyzed = engine.analyze(group_name(extract_opts.files), specs_from(extract_opts));
      const std::string rendered =
          extract_format == "json" ? render_extraction_json(analyzed) : render_extraction_text(analyzed);
      std::fwrite(rendered.data(), 1, rendered.size(), stdout);
      return kExitClean;
    }
    if (*fix_cmd) {
      if (fix_opts.files.size() != 1) throw UserError(fix_opts.files.front(), "fix takes exactly one file");
      std::error_code ec;
      if (std::filesystem::exists(fix_output, ec) &&
          std::filesystem::equivalent(fix_output, fix_opts.files.front(), ec)) {
        throw UserError(fix_output, "refusing to overwrite the source: concord never modifies a source file");
      }
      Engine engine(rules_from(fix_opts));
      const Group analyzed = engine.analyze(group_name(fix_opts.files), specs_from(fix_opts));
      const AnalyzedSource& source = analyzed.sources.front();
      const std::string fixed = fix_orthography(source.doc.source().bytes(), *source.pack,
                                                analyzed.spellers->get(*source.pack));
      write_file_atomically(fix_output, fixed);
      return kExitClean;
    }
    if (*rules_cmd) {
      std::vector<std::string> folders;
      if (!rules_no_default) folders.push_back(default_rules_folder());
      folders.insert(folders.end(), rules_only.begin(), rules_only.end());
      Engine engine(load_rules(folders));
      const RuleSet& rules = engine.rules();
      for (const std::string& f : rules.folders) fmt::print("rules: {}\n", f);
      for (const auto& [id, pack] : rules.languages) {
        fmt::print("language {} ({}): {} month names, {} date templates, {} event triggers\n", id, pack.name,
                   pack.months.size(), pack.dates.size(), pack.triggers.size());
      }
      fmt::print("{} entities, {} event types\n", rules.entities.size(), rules.events.size());
      for (const auto& c : engine.checks()) fmt::print("check {} ({}, {})\n", c->id(), to_string(c->kind()), to_string(c->severity()));
      return kExitClean;
    }
  } catch (const UserError& e) {
    std::fprintf(stderr, "concord: %s\n", e.what());
    return kExitError;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "concord: internal error: %s\n", e.what());
    return kExitError;
  }
  return kExitError;
}

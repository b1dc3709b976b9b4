// concord's command line. Parses arguments and calls the library; no
// checking logic lives here.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <iostream>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "checks/orthography.h"
#include "parallel.h"
#include "cli/process.h"
#include "cli/server.h"
#include "engine.h"
#include <thread>
#include "project/baseline.h"
#include "project/config.h"
#include <nlohmann/json.hpp>
#include <set>
#include "error.h"
#include "lsp/server.h"
#include "report/render.h"
#ifdef CONCORD_MIMALLOC
#include <mimalloc.h>
#endif
#include "rules/rules.h"

namespace {

using namespace concord;

constexpr int kExitClean = 0;
constexpr int kExitFindings = 1;
constexpr int kExitError = 2;

// CONCORD_TIMINGS=1: the time of each stage on stderr at the end, for
// bench/run; otherwise no clock is read.
const bool kTimings = std::getenv("CONCORD_TIMINGS") != nullptr;
const auto kStart = std::chrono::steady_clock::now();
std::atomic<std::int64_t> startup_nanos{0}, report_nanos{0};

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

void print_timings(const Engine& engine) {
  if (!kTimings) return;
  std::fprintf(stderr, "concord: timing startup %.6f\n", static_cast<double>(startup_nanos.load()) / 1e9);
  const StageTimes t = engine.timings();
  for (const auto& [stage, seconds] : t.stages) std::fprintf(stderr, "concord: timing %s %.6f\n", stage.c_str(), seconds);
  std::fprintf(stderr, "concord: timing dictionaries %.6f\n", t.dictionaries);
  std::fprintf(stderr, "concord: timing report %.6f\n", static_cast<double>(report_nanos.load()) / 1e9);
  std::fprintf(stderr, "concord: timing total %.6f\n", seconds_since(kStart));
}

// Adds its scope's time to the report stage when timings are on.
StageClock report_clock() { return StageClock(kTimings ? &report_nanos : nullptr); }

// The engine, built once and never freed (see immortal()); its
// construction (rules loaded and compiled) is the start-up time.
const Engine& make_engine(RuleSet rules, EngineOptions options) {
  options.timings = kTimings;
  const Engine& engine = immortal<Engine>(std::move(rules), options);
  if (kTimings) {
    startup_nanos = std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - kStart).count();
  }
  return engine;
}

struct CommonOptions {
  std::vector<std::string> files;
  std::vector<std::string> langs;  // "LANG" or "PATH=LANG"
  std::vector<std::string> rule_folders;
  bool no_default_rules = false;
  std::string max_source_bytes;  // empty: the config's, else the default
  std::string max_rule_bytes;    // empty: the default
};

void add_common(CLI::App* cmd, CommonOptions& o, bool files_required = true) {
  auto* files = cmd->add_option("files", o.files, "Source files of one document group");
  if (files_required) files->required();
  // One value per occurrence, so options may come before the files.
  cmd->add_option("-l,--lang", o.langs,
                  "Language of the sources: LANG for all, or PATH=LANG for one (default: detected)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->allow_extra_args(false);
  cmd->add_option("-r,--rules", o.rule_folders, "Extra rule folder, applied after the bundled rules")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->allow_extra_args(false);
  cmd->add_flag("--no-default-rules", o.no_default_rules, "Do not load the bundled rules");
  cmd->add_option("--max-source-bytes", o.max_source_bytes,
                  "Refuse sources larger than N bytes (64M, 1G...; default 64MiB)");
  cmd->add_option("--max-rule-bytes", o.max_rule_bytes, "Refuse rule files larger than N bytes (default 16MiB)");
}

// Limits: the command line, else the config, else the defaults (input_limits.h).
RuleLoadOptions rule_options(const CommonOptions& o) {
  RuleLoadOptions r;
  if (!o.max_rule_bytes.empty()) r.max_rule_bytes = parse_byte_size(o.max_rule_bytes, "--max-rule-bytes");
  return r;
}

EngineOptions engine_options(const CommonOptions& o, const std::optional<ProjectConfig>& config = std::nullopt) {
  EngineOptions e;
  if (!o.max_source_bytes.empty()) {
    e.max_source_bytes = parse_byte_size(o.max_source_bytes, "--max-source-bytes");
  } else if (config && config->max_source_bytes) {
    e.max_source_bytes = *config->max_source_bytes;
  }
  return e;
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

std::string group_name(const std::vector<std::string>& files) {
  const std::filesystem::path first(files.front());
  // lexically_normal: "./a.txt" and "x/../a.txt" name the folder, not "." or "..".
  const std::string parent = std::filesystem::absolute(first).lexically_normal().parent_path().filename().string();
  return parent.empty() ? first.stem().string() : parent;
}

struct ProjectOptions {
  std::string config;
  bool no_config = false;
  bool select = false;
  std::string baseline;
  bool no_baseline = false;
};

void add_project(CLI::App* cmd, ProjectOptions& p) {
  cmd->add_option("--config", p.config, "Project config (default: .concord.yaml here or in a folder above)");
  cmd->add_flag("--no-config", p.no_config, "Ignore any .concord.yaml");
  cmd->add_flag("--select", p.select,
                "The FILEs select the configured groups that contain them (a pre-commit hook passes staged files)");
  cmd->add_option("--baseline", p.baseline, "Baseline file (default: .concord-baseline.json beside the config)");
  cmd->add_flag("--no-baseline", p.no_baseline, "Report every finding, baseline or not");
}

std::optional<ProjectConfig> project_config(const ProjectOptions& p) {
  if (p.no_config) return std::nullopt;
  if (!p.config.empty()) {
    if (!std::filesystem::exists(p.config)) throw UserError(p.config, "config file not found");
    return load_config(p.config);
  }
  if (auto found = find_config(".")) return load_config(*found);
  return std::nullopt;
}

// The engines `concord serve` built before it forked its children: each
// with what it was built from (the rule folders, the options and config it
// depends on) and the state of every rule file then. A child finds its
// engine here, warm, unless something it depends on changed.
struct WarmEngine {
  std::string recipe;
  std::string stamps;
  const Engine* engine;
};
std::vector<WarmEngine> warm_engines;

// Path, size and modification time of every file under the folders.
std::string rule_stamps(const std::vector<std::string>& folders) {
  std::vector<std::string> lines;
  for (const std::string& folder : folders) {
    std::error_code ec;
    for (auto it = std::filesystem::recursive_directory_iterator(folder, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
      struct stat st {};
      if (::stat(it->path().c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
      lines.push_back(fmt::format("{} {} {}.{}", it->path().string(), static_cast<long long>(st.st_size),
                                  static_cast<long long>(st.st_mtim.tv_sec), static_cast<long long>(st.st_mtim.tv_nsec)));
    }
    if (ec) lines.push_back(folder + " " + ec.message());
  }
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (const std::string& l : lines) out += l + "\n";
  return out;
}

// The engine for these options and config: the bundled rules (unless
// --no-default-rules), the -r folders and the config's rule folders, the
// config's check settings, the limits. Built once per process, or taken
// warm from `concord serve` (`keep`: the server keeps it for its children).
const Engine& engine_for(const CommonOptions& opts, const std::optional<ProjectConfig>& config, bool keep = false) {
  std::vector<std::string> folders;
  if (!opts.no_default_rules) folders.push_back(default_rules_folder());
  folders.insert(folders.end(), opts.rule_folders.begin(), opts.rule_folders.end());
  if (config) folders.insert(folders.end(), config->rule_folders.begin(), config->rule_folders.end());
  const RuleLoadOptions load_options = rule_options(opts);
  const EngineOptions options = engine_options(opts, config);
  std::string recipe = fmt::format("max_rule_bytes {}\nmax_source_bytes {}\n", load_options.max_rule_bytes,
                                   options.max_source_bytes);
  for (const std::string& f : folders) {
    recipe += "folder " + std::filesystem::absolute(f).lexically_normal().string() + "\n";
  }
  if (config) {
    std::ifstream in(config->path, std::ios::binary);
    recipe += "config " + config->path + "\n" + std::string(std::istreambuf_iterator<char>(in), {});
  }
  const bool serving = keep || !warm_engines.empty();
  const std::string stamps = serving ? rule_stamps(folders) : std::string();
  for (const WarmEngine& w : warm_engines) {
    if (w.recipe == recipe && w.stamps == stamps) return *w.engine;
  }
  RuleSet rules = load_rules(folders, load_options);
  if (config) apply_check_settings(*config, rules);
  const Engine& engine = make_engine(std::move(rules), options);
  if (keep) warm_engines.push_back(WarmEngine{recipe, stamps, &engine});
  return engine;
}

// Runs a check of each pack's own examples (date templates, event
// triggers): the dictionaries load and RE2 builds the states of its
// automata that every text needs, once, in the server.
void warm_up(const Engine& engine) {
  for (const auto& [id, pack] : engine.rules().languages) {
    std::string text;
    for (const DateTemplate& t : pack.dates) {
      for (const std::string& e : t.examples) text += e + ".\n\n";
    }
    for (const EventTrigger& t : pack.triggers) {
      for (const std::string& e : t.examples) text += e + ".\n\n";
    }
    if (text.empty()) continue;
    engine.check(engine.analyze("warm-up", {SourceSpec{"warm-up." + id, id, text}}));
  }
}

// For the server, after it served `concord check ARGS` in `cwd`: checks the
// files ARGS names with the warm engine, output discarded, so that RE2's
// automata and the dictionary memos of the server (which its children
// inherit) know them. Only sources: option values are passed over.
void learn_from(const Engine& engine, const std::vector<std::string>& args, const std::string& cwd) {
  static const std::set<std::string> kWithValue = {
      "-l", "--lang", "-r", "--rules", "-o", "--output", "-f", "--format", "--config", "--baseline",
      "--report-dir", "--group", "--fail-on", "--max-source-bytes", "--max-rule-bytes", "-j", "--jobs"};
  constexpr std::uintmax_t kMaxLearnBytes = std::uintmax_t{1} << 20;
  if (args.size() < 3 || args[1] != "check") return;
  std::vector<SourceSpec> specs;
  for (std::size_t i = 2; i < args.size() && specs.size() < 16; ++i) {
    const std::string& a = args[i];
    if (kWithValue.count(a) != 0) {
      ++i;
      continue;
    }
    if (a.empty() || a[0] == '-') continue;
    const std::filesystem::path path = std::filesystem::path(cwd) / a;  // an absolute `a` stays itself
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec) || std::filesystem::file_size(path, ec) > kMaxLearnBytes) continue;
    specs.push_back(SourceSpec{path.string(), "", std::nullopt});
  }
  if (specs.empty()) return;
  try {
    engine.check(engine.analyze("learn", specs));
  } catch (const std::exception&) {
    // Not a source concord can read: nothing to learn.
  }
}

// concord never modifies a source file: an output, a report or a baseline
// that would land on one of the sources (same file, or a link to it) is
// refused before anything is read or written.
void refuse_overwriting_sources(const std::vector<std::string>& targets, const std::vector<GroupSpec>& groups) {
  for (const std::string& target : targets) {
    std::error_code ec;
    if (target.empty() || !std::filesystem::exists(target, ec)) continue;
    for (const GroupSpec& g : groups) {
      for (const SourceSpec& s : g.sources) {
        if (!s.text && std::filesystem::equivalent(target, s.path, ec)) {
          throw UserError(target, fmt::format("refusing to overwrite the source {}: concord never modifies a source file",
                                              s.path));
        }
      }
    }
  }
}

// A plain git hook: checks the groups of the staged files, from the work tree.
int install_hook(bool force) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path dir = fs::current_path(ec);
  while (!fs::exists(dir / ".git", ec) && dir != dir.parent_path()) dir = dir.parent_path();
  if (!fs::is_directory(dir / ".git", ec)) throw UserError(".git", "not inside a git work tree");
  const fs::path hook = dir / ".git" / "hooks" / "pre-commit";
  if (fs::exists(hook, ec) && !force) {
    throw UserError(hook.string(), "a pre-commit hook exists already (use --force to replace it)");
  }
  char self[4096];
  const ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
  const std::string exe = n > 0 ? std::string(self, static_cast<std::size_t>(n)) : "concord";
  const std::string script = fmt::format(
      "#!/bin/sh\n"
      "# Installed by `concord install-hook`: checks the document groups of the staged files.\n"
      "files=$(git diff --cached --name-only --diff-filter=ACMR -z | tr '\\0' '\\n')\n"
      "[ -n \"$files\" ] || exit 0\n"
      "IFS='\n'\n"
      "exec '{}' check --select $files\n",
      exe);
  fs::create_directories(hook.parent_path(), ec);
  write_file_atomically(hook.string(), script);
  fs::permissions(hook, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                            fs::perms::others_read | fs::perms::others_exec, ec);
  fmt::print("installed {}\n", hook.string());
  return kExitClean;
}

// --jsonl: {"id":…,"sources":[{"lang":…,"text":…}|{"path":…,"lang":…}]} per
// line in; {"id":…,"sources":[…],"findings":[…]} per line out, in input
// order, read and checked in batches so memory follows the largest group.
// A bad line yields {"id":…,"error":"…"} and exit status 2 at the end.
int run_jsonl(const Engine& engine, unsigned jobs, const std::string& fail_on) {
  const std::size_t batch = 16 * static_cast<std::size_t>(jobs);
  bool any_error = false, any_finding = false;
  const auto threshold = parse_severity(fail_on);
  std::string line;
  std::size_t line_number = 0;
  while (std::cin) {
    std::vector<std::pair<std::size_t, std::string>> lines;
    while (lines.size() < batch && std::getline(std::cin, line)) {
      ++line_number;
      if (line.find_first_not_of(" \t\r") != std::string::npos) lines.emplace_back(line_number, std::move(line));
    }
    if (lines.empty()) break;
    struct Out {
      std::string json;
      bool error = false;
      bool finding = false;
    };
    const std::vector<Out> outs = run_in_order<Out>(lines.size(), jobs, [&](std::size_t i) {
      nlohmann::ordered_json id;
      try {
        const auto in = nlohmann::json::parse(lines[i].second);
        if (in.contains("id")) id = in["id"];
        std::vector<SourceSpec> specs;
        const auto& sources = in.at("sources");
        for (std::size_t k = 0; k < sources.size(); ++k) {
          const auto& s = sources[k];
          SourceSpec spec;
          spec.lang = s.value("lang", "");
          if (s.contains("text")) {
            spec.path = s.value("path", fmt::format("{}#{}", id.is_string() ? id.get<std::string>() : id.dump(), k));
            spec.text = s.at("text").get<std::string>();
          } else {
            spec.path = s.at("path").get<std::string>();
          }
          specs.push_back(std::move(spec));
        }
        const std::string name = id.is_string() ? id.get<std::string>() : id.dump();
        const Report report = engine.check(engine.analyze(name, specs));
        bool finding = false;
        for (const Finding& f : report.findings) finding = finding || (threshold && f.severity >= *threshold);
        const StageClock clock = report_clock();
        return Out{render_json_line(id, report), false, finding};
      } catch (const UserError& e) {
        return Out{nlohmann::ordered_json{{"id", id}, {"error", e.what()}}.dump(), true, false};
      } catch (const nlohmann::json::exception& e) {
        return Out{nlohmann::ordered_json{{"id", id}, {"error", fmt::format("stdin:{}: {}", lines[i].first, e.what())}}.dump(),
                   true, false};
      }
    });
    const StageClock clock = report_clock();
    for (const Out& o : outs) {
      std::fwrite(o.json.data(), 1, o.json.size(), stdout);
      std::fputc('\n', stdout);
      any_error = any_error || o.error;
      any_finding = any_finding || o.finding;
    }
    std::fflush(stdout);
  }
  print_timings(engine);
  if (any_error) return kExitError;
  return any_finding ? kExitFindings : kExitClean;
}

}  // namespace

// The allocator that serves this process's malloc, for --version: mimalloc
// when the build links it (CMakeLists.txt) and it did take over malloc.
static std::string allocator_name() {
#ifdef CONCORD_MIMALLOC
  void* probe = std::calloc(1, 16);  // zeroed: the probe reads nothing, but g++ would say it might
  const bool taken = mi_is_in_heap_region(probe);
  std::free(probe);
  if (taken) {
    const int v = mi_version();  // 209 for 2.0.9
    return fmt::format("mimalloc {}.{}.{}", v / 100, v / 10 % 10, v % 10);
  }
#endif
  return "the C library's malloc";
}

static int run_cli(int argc, char** argv) {
  CLI::App app{"concord: audits the language versions of a text for inconsistencies"};
  app.require_subcommand(1);
  // Built only when asked for: the allocator's probe is no work for a check.
  app.set_version_flag("--version", [] {
    return std::string("concord ") + CONCORD_VERSION + " (allocator: " + allocator_name() + ")";
  });

  CommonOptions check_opts;
  std::string format = "text";
  std::string output;
  std::string fail_on = "warning";
  std::string report_dir;
  std::string group;
  ProjectOptions project;
  unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
  bool jsonl = false;
  CLI::App* check = app.add_subcommand("check", "Check a group of sources (or every configured group) and report findings");
  add_common(check, check_opts, false);
  add_project(check, project);
  check->add_option("-j,--jobs", jobs, "Groups checked in parallel (default: the number of cores)")
      ->check(CLI::Range(1u, 256u));
  check->add_flag("--jsonl", jsonl,
                  "Streaming: read one group per line on stdin as JSON, write one line of findings per group");
  check->add_option("-f,--format", format, "Output format: text, json, sarif, markdown or html")
      ->check(CLI::IsMember({"text", "json", "sarif", "markdown", "html"}));
  check->add_option("-o,--output", output, "Write the output to FILE instead of stdout");
  check->add_option("--fail-on", fail_on, "Lowest severity that makes the exit status 1: info, warning, error or none")
      ->check(CLI::IsMember({"info", "warning", "error", "none"}));
  check->add_option("--report-dir", report_dir,
                    "Also write DIR/<group>.txt, .json, .sarif, .md and .html");
  check->add_option("--group", group, "Name of the group in reports (default: the first source's folder)");

  CommonOptions baseline_opts;
  ProjectOptions baseline_project;
  CLI::App* baseline_cmd = app.add_subcommand("baseline", "Record today's findings so that check reports only new ones");
  add_common(baseline_cmd, baseline_opts, false);
  add_project(baseline_cmd, baseline_project);

  bool hook_force = false;
  CLI::App* hook_cmd = app.add_subcommand("install-hook", "Install a git pre-commit hook that checks the staged files' groups");
  hook_cmd->add_flag("--force", hook_force, "Replace an existing pre-commit hook");

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
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->allow_extra_args(false);
  rules_cmd->add_flag("--no-default-rules", rules_no_default, "Do not load the bundled rules");

  // concord lsp: the language server (src/lsp/server.h) on stdin/stdout.
  std::vector<std::string> lsp_rules;
  bool lsp_no_default = false;
  CLI::App* lsp_cmd = app.add_subcommand("lsp", "Run the language server (LSP over stdin/stdout)");
  lsp_cmd->add_option("-r,--rules", lsp_rules, "Extra rule folder")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->allow_extra_args(false);
  lsp_cmd->add_flag("--no-default-rules", lsp_no_default, "Do not load the bundled rules");

  // concord serve: a warm process for `concord check` (src/cli/server.h).
  CommonOptions serve_opts;
  ProjectOptions serve_project;
  std::string serve_socket;
  bool serve_verbose = false;
  CLI::App* serve_cmd = app.add_subcommand(
      "serve", "Keep the rules and dictionaries loaded for checks started with CONCORD_SERVER set (pre-commit)");
  add_common(serve_cmd, serve_opts, false);
  serve_cmd->add_option("--config", serve_project.config, "Project config (default: .concord.yaml here or in a folder above)");
  serve_cmd->add_flag("--no-config", serve_project.no_config, "Ignore any .concord.yaml");
  serve_cmd->add_option("--socket", serve_socket,
                        "Where to listen (default: $XDG_RUNTIME_DIR/concord/server.sock, else /tmp/concord-UID/server.sock)");
  serve_cmd->add_flag("--verbose", serve_verbose, "One line on stderr per check served");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitClean : kExitError;
  }

  try {
    if (*lsp_cmd) {
      std::vector<std::string> folders;
      if (!lsp_no_default) folders.push_back(default_rules_folder());
      folders.insert(folders.end(), lsp_rules.begin(), lsp_rules.end());
      const Engine engine(load_rules(folders));
      return lsp::serve_stdio(engine);
    }
    if (*serve_cmd) {
      if (!serve_opts.files.empty()) throw UserError(serve_opts.files.front(), "serve takes no files");
      const std::string socket = serve_socket.empty() ? server::default_socket() : serve_socket;
      const Engine& engine = engine_for(serve_opts, project_config(serve_project), true);
      warm_up(engine);
      server::serve(
          socket, run_cli,
          [&socket] {
            std::fprintf(stderr, "concord: serving at %s (export CONCORD_SERVER=%s)\n", socket.c_str(), socket.c_str());
          },
          [&engine](const std::vector<std::string>& args, const std::string& cwd) { learn_from(engine, args, cwd); },
          serve_verbose);
      return kExitClean;
    }
    if (*check && jsonl) {
      const Engine& engine = engine_for(check_opts, std::nullopt);
      return run_jsonl(engine, jobs, fail_on);
    }
    if (*check || *baseline_cmd) {
      const bool recording = baseline_cmd->parsed();
      CommonOptions& opts = recording ? baseline_opts : check_opts;
      ProjectOptions& proj = recording ? baseline_project : project;
      const std::optional<ProjectConfig> config = project_config(proj);
      const Engine& engine = engine_for(opts, config);
      std::vector<GroupSpec> groups;
      if (opts.files.empty()) {
        if (!config) throw UserError(".concord.yaml", "no files given and no .concord.yaml here or above");
        groups = config->groups;
      } else if (proj.select && config) {
        groups = groups_for(*config, opts.files);
      } else {
        groups.push_back(GroupSpec{group.empty() ? group_name(opts.files) : group, specs_from(opts)});
      }
      groups.erase(std::remove_if(groups.begin(), groups.end(), [](const GroupSpec& g) { return g.sources.empty(); }),
                   groups.end());
      {
        std::vector<std::string> targets{output};
        if (!report_dir.empty()) {
          for (const GroupSpec& g : groups) {
            for (const char* extension : {"txt", "json", "sarif", "md", "html"}) {
              targets.push_back(fmt::format("{}/{}.{}", report_dir, g.name, extension));
            }
          }
        }
        if (recording) {
          targets.push_back(!proj.baseline.empty() ? proj.baseline
                                                   : (config ? config->baseline : std::string(".concord-baseline.json")));
        }
        refuse_overwriting_sources(targets, groups);
      }
      // Groups are independent: checked in parallel, reported in order.
      // Analyses are kept only for the HTML renderer, which shows full texts.
      const bool keep_analysis = format == "html" || !report_dir.empty();
      struct Checked {
        std::optional<Group> group;
        Report report;
      };
      std::vector<Checked> checked = run_in_order<Checked>(groups.size(), jobs, [&](std::size_t i) {
        Group g = engine.analyze(groups[i].name, groups[i].sources);
        Report r = engine.check(g);
        return Checked{keep_analysis ? std::optional<Group>(std::move(g)) : std::nullopt, std::move(r)};
      });
      std::vector<Group> analyzed;
      std::vector<Report> reports;
      for (Checked& c : checked) {
        if (c.group) analyzed.push_back(std::move(*c.group));
        reports.push_back(std::move(c.report));
      }
      const std::string baseline_path =
          !proj.baseline.empty() ? proj.baseline : (config ? config->baseline : std::string(".concord-baseline.json"));
      if (recording) {
        write_file_atomically(baseline_path, render_baseline(reports));
        std::size_t n = 0;
        for (const Report& r : reports) n += r.findings.size();
        fmt::print("recorded {} finding{} in {}\n", n, n == 1 ? "" : "s", baseline_path);
        return kExitClean;
      }
      std::error_code ec;
      if (!proj.no_baseline && std::filesystem::exists(baseline_path, ec)) {
        const std::set<std::string> baseline = load_baseline(baseline_path);
        std::set<std::string> seen;
        std::size_t hidden = 0;
        std::size_t relevant = 0;
        for (Report& r : reports) {
          hidden += apply_baseline(r, baseline, seen);
          for (const std::string& e : baseline) relevant += e.rfind(r.group + "/", 0) == 0 ? 1 : 0;
        }
        std::fprintf(stderr, "concord: baseline %s: %zu known finding%s hidden, %zu entr%s gone\n",
                     baseline_path.c_str(), hidden, hidden == 1 ? "" : "s", relevant - seen.size(),
                     relevant - seen.size() == 1 ? "y" : "ies");
      }
      StageClock rendering = report_clock();
      const bool to_terminal = output.empty() && isatty(STDOUT_FILENO) != 0;
      const bool color = to_terminal && std::getenv("NO_COLOR") == nullptr;
      const auto render_one = [&](std::size_t i, const std::string& name, bool with_color) {
        if (name == "json") return render_json(reports[i]);
        if (name == "sarif") return render_sarif(reports[i]);
        if (name == "markdown") return render_markdown(reports[i]);
        if (name == "html") return render_html(reports[i], analyzed[i]);
        return render_text(reports[i], TextStyle{with_color});
      };
      // Several groups: text and Markdown one after the other, JSON as an
      // array, SARIF as one log with a run per group, HTML one per group
      // (--report-dir).
      std::string rendered;
      if (reports.size() == 1) {
        rendered = render_one(0, format, color);
      } else if (format == "json" || format == "sarif") {
        nlohmann::ordered_json all = nlohmann::ordered_json::array();
        for (std::size_t i = 0; i < reports.size(); ++i) all.push_back(nlohmann::ordered_json::parse(render_one(i, format, false)));
        if (format == "sarif") {
          nlohmann::ordered_json log = all.empty() ? nlohmann::ordered_json::parse(render_sarif(Report{})) : all[0];
          for (std::size_t i = 1; i < all.size(); ++i) log["runs"].push_back(all[i]["runs"][0]);
          all = log;
        }
        rendered = all.dump(2) + "\n";
      } else if (format == "html") {
        throw UserError(output.empty() ? "-" : output, "HTML holds one group: use --report-dir for several");
      } else {
        for (std::size_t i = 0; i < reports.size(); ++i) rendered += render_one(i, format, color);
      }
      // Everything is rendered before anything is written.
      std::vector<std::pair<std::string, std::string>> files;  // path, content
      if (!report_dir.empty()) {
        static const std::pair<const char*, const char*> kReports[] = {
            {"text", "txt"}, {"json", "json"}, {"sarif", "sarif"}, {"markdown", "md"}, {"html", "html"}};
        for (std::size_t i = 0; i < reports.size(); ++i) {
          for (const auto& [name, extension] : kReports) {
            files.emplace_back(fmt::format("{}/{}.{}", report_dir, reports[i].group, extension), render_one(i, name, false));
          }
        }
      }
      // All or nothing: every file is written to a temporary first.
      if (!output.empty()) files.emplace_back(output, rendered);
      write_files_atomically(files);
      if (output.empty()) std::fwrite(rendered.data(), 1, rendered.size(), stdout);
      rendering.stop();
      if (kTimings) std::fflush(stdout);
      print_timings(engine);
      const std::string level = check->count("--fail-on") > 0 || !config || !config->fail_on ? fail_on : *config->fail_on;
      if (level == "none") return kExitClean;
      const Severity threshold = *parse_severity(level);
      for (const Report& r : reports) {
        for (const Finding& f : r.findings) {
          if (f.severity >= threshold) return kExitFindings;
        }
      }
      return kExitClean;
    }
    if (*hook_cmd) return install_hook(hook_force);
    if (*extract_cmd) {
      const Engine& engine = engine_for(extract_opts, std::nullopt);
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
      const Engine& engine = engine_for(fix_opts, std::nullopt);
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

int main(int argc, char** argv) {
  // Not for the server: a child it forks copies a whole 2 MiB huge page on
  // its first write to one (1-2 ms more per check of the seed pair).
  if (!(argc > 1 && std::string(argv[1]) == "serve")) tune_heap();
  // CONCORD_SERVER=SOCKET: a check, baseline, extract or fix runs in that
  // server when one of this build listens there, else here.
  if (const char* socket = std::getenv("CONCORD_SERVER"); socket != nullptr && *socket != '\0' && argc > 1) {
    const std::string command = argv[1];
    if (command == "check" || command == "baseline" || command == "extract" || command == "fix") {
      if (const std::optional<int> status = server::delegate(socket, argc, argv)) return *status;
    }
  }
  return run_cli(argc, argv);
}

// The command line, run as a separate process: exit statuses, error lines,
// output files and the JSON document.
#include <catch2/catch.hpp>
#include <unistd.h>
#include <sys/wait.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/workspace.h"

namespace fs = std::filesystem;
using concord::test::lines;
using concord::test::quote;
using concord::test::Run;
using concord::test::slurp;
using concord::test::write;

namespace {

// A fresh folder per test case (tests/cli/workspace.h).
class Workspace : public concord::test::Workspace {
 public:
  explicit Workspace(const std::string& name) : concord::test::Workspace("concord_cli_test_", name) {}
};

// Persian orthography (Persian yeh) so that no other check has anything to say.
const std::string kRangeError = "این کنفرانس از ۱۴ تا ۱۴ فوریه ۱۹۹۴ برگزار شد.\n";
const std::string kCleanFa = "این یک متن ساده است.\n";
const std::string kCleanEs = "Este es un texto sencillo.\n";
// Only a name warning: «آلمانى» for Almaty, with a cue and Almaty named.
const std::string kNameWarning = "سفارت در آلماتی است. فرستاده ویژه به آلمانی وارد شد.\n";

}  // namespace

TEST_CASE("cli: a missing file is exit 2 with one line naming it", "[cli]") {
  Workspace ws("missing");
  const Run r = ws.concord("check --lang fa nope.txt");
  CHECK(r.signal == 0);
  CHECK(r.status == 2);
  CHECK(r.out.empty());
  CHECK(lines(r.err) == 1);
  CHECK(r.err.find("nope.txt") != std::string::npos);
  CHECK(r.err.rfind("concord: ", 0) == 0);
}

TEST_CASE("cli: a directory is exit 2 with one line naming it", "[cli]") {
  Workspace ws("directory");
  fs::create_directories(ws.dir() / "sub");
  const Run r = ws.concord("check --lang fa sub");
  CHECK(r.status == 2);
  CHECK(r.out.empty());
  CHECK(lines(r.err) == 1);
  CHECK(r.err.find("sub") != std::string::npos);
  CHECK(r.err.find("directory") != std::string::npos);
}

TEST_CASE("cli: invalid UTF-8 is exit 2, names file and byte, writes nothing", "[cli]") {
  Workspace ws("utf8");
  ws.file("good.txt", kRangeError);
  ws.file("bad.txt", "hola\n\xC3\x28 mundo\n");
  const Run r = ws.concord("check --output report.json --report-dir reports good.txt bad.txt");
  CHECK(r.status == 2);
  CHECK(r.out.empty());
  CHECK(lines(r.err) == 1);
  CHECK(r.err.find("bad.txt") != std::string::npos);
  CHECK(r.err.find("byte 5") != std::string::npos);
  CHECK_FALSE(fs::exists(ws.dir() / "report.json"));
  CHECK_FALSE(fs::exists(ws.dir() / "reports"));
}

TEST_CASE("cli: binary and UTF-16 sources are exit 2", "[cli]") {
  Workspace ws("binary");
  ws.file("bin.dat", std::string("abc\0def", 7));
  ws.file("u16.txt", std::string("\xFF\xFE" "a\0b\0", 6));
  for (const char* n : {"bin.dat", "u16.txt"}) {
    const std::string name = n;
    CAPTURE(name);
    const Run r = ws.concord("check --lang es " + name);
    CHECK(r.status == 2);
    CHECK(lines(r.err) == 1);
    CHECK(r.err.find(name) != std::string::npos);
  }
}

TEST_CASE("cli: an existing report is left alone when the run fails", "[cli]") {
  Workspace ws("keep");
  ws.file("bad.txt", "\xFF");
  ws.file("report.json", "previous\n");
  const Run r = ws.concord("check --lang es --output report.json bad.txt");
  CHECK(r.status == 2);
  CHECK(slurp(ws.dir() / "report.json") == "previous\n");
}

TEST_CASE("cli: exit status follows --fail-on", "[cli]") {
  Workspace ws("fail_on");
  ws.file("error.txt", kRangeError);
  ws.file("warning.txt", kNameWarning);
  ws.file("clean_fa.txt", kCleanFa);
  ws.file("clean_es.txt", kCleanEs);
  struct Case {
    std::string args, fail_on;
    int status;
  };
  // Files first: see the [!mayfail] test on options before files.
  const std::string clean = "clean_fa.txt clean_es.txt --lang clean_fa.txt=fa --lang clean_es.txt=es";
  const Case c = GENERATE_COPY(values<Case>({
      {"error.txt --lang fa", "", 1},  // default: warning
      {"error.txt --lang fa", "info", 1},
      {"error.txt --lang fa", "warning", 1},
      {"error.txt --lang fa", "error", 1},
      {"error.txt --lang fa", "none", 0},
      {"warning.txt --lang fa", "", 1},
      {"warning.txt --lang fa", "info", 1},
      {"warning.txt --lang fa", "warning", 1},
      {"warning.txt --lang fa", "error", 0},
      {"warning.txt --lang fa", "none", 0},
      {clean, "", 0},
      {clean, "info", 0},
  }));
  CAPTURE(c.args, c.fail_on);
  const Run r = ws.concord("check " + (c.fail_on.empty() ? "" : "--fail-on " + c.fail_on + " ") + c.args);
  CHECK(r.signal == 0);
  CHECK(r.status == c.status);
  CHECK(r.err.empty());
}

TEST_CASE("cli: --fail-on rejects unknown levels", "[cli]") {
  Workspace ws("fail_on_bad");
  ws.file("a.txt", kCleanEs);
  const Run r = ws.concord("check --fail-on fatal a.txt");
  CHECK(r.status == 2);
}

TEST_CASE("cli: --format json has the documented keys", "[cli][json]") {
  Workspace ws("json");
  ws.file("fa.txt", kRangeError);
  ws.file("es.txt", "Kazajistán y Estados Unidos establecieron relaciones diplomáticas el 16 de diciembre de 1991.\n");
  const Run r = ws.concord("check --format json --fail-on none --group demo fa.txt es.txt");
  REQUIRE(r.status == 0);
  CHECK(r.err.empty());
  const nlohmann::json j = nlohmann::json::parse(r.out);
  REQUIRE(j.is_object());
  std::vector<std::string> keys;
  for (const auto& item : j.items()) keys.push_back(item.key());
  std::sort(keys.begin(), keys.end());
  CHECK(keys == std::vector<std::string>{"findings", "group", "sources", "tool"});
  CHECK(j["tool"]["name"] == "concord");
  CHECK(j["tool"]["version"].is_string());
  CHECK(j["group"] == "demo");
  REQUIRE(j["sources"].size() == 2);
  CHECK(j["sources"][0]["path"] == "fa.txt");
  CHECK(j["sources"][0]["lang"] == "fa");
  CHECK(j["sources"][0]["lang_origin"] == "detected");
  CHECK(j["sources"][1]["path"] == "es.txt");
  CHECK(j["sources"][1]["lang"] == "es");
  REQUIRE(j["findings"].is_array());
  REQUIRE_FALSE(j["findings"].empty());
  const std::string fa = slurp(ws.dir() / "fa.txt");
  for (const auto& f : j["findings"]) {
    for (const char* key : {"rule", "kind", "severity", "message", "locations", "suggestion"}) {
      CAPTURE(key);
      CHECK(f.contains(key));
    }
    CHECK(f["severity"].is_string());
    CHECK((f["suggestion"].is_null() || f["suggestion"].is_string()));
    const std::vector<std::string> kinds{"conflict", "range",      "date",     "chronology",  "name",        "spelling",
                                         "count",    "arithmetic", "encoding", "orthography", "segmentation"};
    CHECK(std::find(kinds.begin(), kinds.end(), f["kind"].get<std::string>()) != kinds.end());
    REQUIRE(f["locations"].is_array());
    REQUIRE_FALSE(f["locations"].empty());
    for (const auto& l : f["locations"]) {
      for (const char* key : {"path", "line", "column", "end_line", "end_column", "start", "end", "excerpt"}) {
        CAPTURE(key);
        CHECK(l.contains(key));
      }
    }
  }
  std::vector<nlohmann::json> ranges;
  for (const auto& f : j["findings"]) {
    if (f["rule"] == "range") ranges.push_back(f);
  }
  REQUIRE(ranges.size() == 1);
  const auto& range = ranges[0];
  CHECK(range["kind"] == "range");
  CHECK(range["severity"] == "error");
  CHECK(range["suggestion"].is_null());
  const auto& loc = range["locations"][0];
  CHECK(loc["path"] == "fa.txt");
  CHECK(loc["excerpt"] == "۱۴ تا ۱۴ فوریه ۱۹۹۴");
  const auto start = loc["start"].get<std::size_t>(), end = loc["end"].get<std::size_t>();
  CHECK(fa.substr(start, end - start) == loc["excerpt"].get<std::string>());
  CHECK(loc["line"] == 1);
  CHECK(loc["column"] == 16);  // "اين کنفرانس از " is 15 code points
}

TEST_CASE("cli: --output writes the report and nothing to stdout", "[cli][json]") {
  Workspace ws("output");
  ws.file("fa.txt", kRangeError);
  const Run r = ws.concord("check --format json --output out/report.json fa.txt");
  CHECK(r.status == 1);
  CHECK(r.out.empty());
  REQUIRE(fs::exists(ws.dir() / "out" / "report.json"));
  const nlohmann::json j = nlohmann::json::parse(slurp(ws.dir() / "out" / "report.json"));
  REQUIRE(j["findings"].size() >= 1);
  CHECK(j["findings"][0]["rule"] == "range");
  // No temporary file left behind.
  std::size_t files = 0;
  for (const auto& entry : fs::directory_iterator(ws.dir() / "out")) files += entry.is_regular_file();
  CHECK(files == 1);
}

TEST_CASE("cli: --report-dir writes the group's JSON and text", "[cli]") {
  Workspace ws("report_dir");
  ws.file("fa.txt", kRangeError);
  const Run r = ws.concord("check --group g1 --report-dir reports fa.txt");
  CHECK(r.status == 1);
  REQUIRE(fs::exists(ws.dir() / "reports" / "g1.json"));
  REQUIRE(fs::exists(ws.dir() / "reports" / "g1.txt"));
  CHECK(nlohmann::json::parse(slurp(ws.dir() / "reports" / "g1.json"))["group"] == "g1");
  CHECK(slurp(ws.dir() / "reports" / "g1.txt") == r.out);
}

TEST_CASE("cli: text output starts with path:line:col: severity", "[cli]") {
  Workspace ws("text");
  ws.file("fa.txt", kRangeError);
  const Run r = ws.concord("check fa.txt");
  CHECK(r.status == 1);
  CHECK(r.out.rfind("fa.txt:1:16: error: ", 0) == 0);
  const std::string first_line = r.out.substr(0, r.out.find('\n'));
  CHECK(first_line.size() > 7);
  CHECK(first_line.substr(first_line.size() - 7) == "[range]");
  CHECK(r.out.find("\x1b[") == std::string::npos);  // no colour when not a terminal
}

TEST_CASE("cli: a bad rule folder is exit 2 naming the rule file and position", "[cli][rules]") {
  Workspace ws("bad_rules");
  ws.file("fa.txt", kCleanFa);
  ws.file("rules/fa/extra.yaml", "triggers:\n  visit:\n    - \"(unclosed\"\n");
  const Run r = ws.concord("check fa.txt --rules rules --output out.json");
  CHECK(r.status == 2);
  CHECK(lines(r.err) == 1);
  CHECK(r.err.find("rules/fa/extra.yaml:3:7: error: ") != std::string::npos);
  CHECK_FALSE(fs::exists(ws.dir() / "out.json"));
}

TEST_CASE("cli: deeply nested YAML in a rule file is an error, not a crash", "[cli][rules]") {
  Workspace ws("deep");
  std::string brackets = "dates: ";
  for (int i = 0; i < 10000; ++i) brackets += '[';
  std::string dashes = "dates:\n";
  for (int i = 0; i < 10000; ++i) dashes += "- ";
  for (const std::string& content : {brackets, dashes + "x\n"}) {
    ws.file("rules/fa/deep.yaml", content);
    const Run r = ws.concord("rules --rules rules");
    CHECK(r.signal == 0);
    CHECK(r.status == 2);
    CHECK(r.err.find("deep.yaml") != std::string::npos);
  }
}

TEST_CASE("cli: usage errors are exit 2", "[cli]") {
  Workspace ws("usage");
  ws.file("a.txt", kCleanEs);
  CHECK(ws.concord("check --no-such-option a.txt").status == 2);
  CHECK(ws.concord("check").status == 2);
  CHECK(ws.concord("").status == 2);
  const Run lang = ws.concord("check --lang other.txt=es a.txt");
  CHECK(lang.status == 2);
  CHECK(lang.err.find("other.txt") != std::string::npos);
  const Run unknown = ws.concord("check --lang xx a.txt");
  CHECK(unknown.status == 2);
  CHECK(unknown.err.find("xx") != std::string::npos);
}

TEST_CASE("cli: --version and the rules command succeed", "[cli]") {
  Workspace ws("version");
  const Run v = ws.concord("--version");
  CHECK(v.status == 0);
  CHECK(v.out.rfind("concord ", 0) == 0);
  // The allocator named is the one that serves malloc (mimalloc unless the
  // build leaves it out, as the sanitizer build does).
  CHECK(v.out.find("(allocator: ") != std::string::npos);
  const Run rules = ws.concord("rules");
  CHECK(rules.status == 0);
  CHECK(rules.out.find("language fa") != std::string::npos);
  CHECK(rules.out.find("language es") != std::string::npos);
  CHECK(rules.out.find("check conflict") != std::string::npos);
}

TEST_CASE("cli: the default group name is the sources' folder, however the path is written", "[cli][json]") {
  Workspace ws("group_name");
  ws.file("texts/fa.txt", kCleanFa);
  ws.file("texts/es.txt", kCleanEs);
  const std::string folder = ws.dir().filename().string();
  for (const std::string& args : {std::string("texts/fa.txt texts/es.txt"), std::string("./texts/fa.txt ./texts/es.txt"),
                                  std::string("texts/../texts/./fa.txt texts/es.txt")}) {
    const Run r = ws.concord("check --format json --fail-on none " + args);
    CAPTURE(args, r.err);
    REQUIRE(r.status == 0);
    CHECK(nlohmann::json::parse(r.out)["group"] == "texts");
  }
  // Files in the working directory itself, written as ./x.txt: the
  // working directory's own name, never ".".
  ws.file("fa.txt", kCleanFa);
  const Run r = ws.concord("check --format json --fail-on none ./fa.txt");
  REQUIRE(r.status == 0);
  CHECK(nlohmann::json::parse(r.out)["group"] == folder);
}

TEST_CASE("cli: the seed fixture has findings and valid JSON", "[cli][json]") {
  Workspace ws("seed");
  const std::string fixture = std::string(CONCORD_SOURCE_DIR) + "/fixtures/seed-kz-us";
  const Run r = ws.concord("check --format json " + quote(fixture + "/000_6b479e2ad706ea28.txt") + " " +
                           quote(fixture + "/001_40c67a450acdc9de.txt"));
  CHECK(r.status == 1);
  const nlohmann::json j = nlohmann::json::parse(r.out);
  CHECK(j["group"] == "seed-kz-us");
  REQUIRE(j["sources"].size() == 2);
  CHECK(j["sources"][0]["lang"] == "fa");
  CHECK(j["sources"][1]["lang"] == "es");
  bool conflict = false;
  for (const auto& f : j["findings"]) {
    if (f["rule"] == "conflict" && f["message"].get<std::string>().find("1991-12-25") != std::string::npos) {
      conflict = true;
    }
  }
  CHECK(conflict);
}

TEST_CASE("cli: sources are never modified", "[cli]") {
  Workspace ws("readonly");
  const fs::path p = ws.file("fa.txt", kRangeError);
  const auto before = fs::last_write_time(p);
  ws.concord("check fa.txt");
  CHECK(slurp(p) == kRangeError);
  CHECK(fs::last_write_time(p) == before);
}

TEST_CASE("cli: options given before the files do not swallow them", "[cli][!mayfail]") {
  // README: `concord check [options] FILE...`. The vector options -l/--lang
  // and -r/--rules take every following argument, files included.
  Workspace ws("order");
  ws.file("a.txt", kCleanFa);
  ws.file("b.txt", kCleanEs);
  ws.file("rules/fa/extra.yaml", "connectors: [تا]\n");
  const Run lang = ws.concord("check --lang a.txt=fa --lang b.txt=es a.txt b.txt");
  CHECK(lang.status == 0);
  CHECK(lang.err.empty());
  const Run all = ws.concord("check --lang fa a.txt a.txt");
  CHECK(all.status == 0);
  CHECK(all.err.empty());
  const Run rules = ws.concord("check --rules rules a.txt");
  CHECK(rules.status == 0);
  CHECK(rules.err.empty());
}

TEST_CASE("cli: a source without letters is checked, not refused", "[cli][!mayfail]") {
  // Engine::analyze accepts "an empty or letterless file" without --lang, but
  // tests for no *tokens*: a file of digits only is refused (exit 2).
  Workspace ws("letterless");
  ws.file("numbers.txt", "1234 5678\n");
  const Run r = ws.concord("check numbers.txt");
  CHECK(r.status == 0);
  CHECK(r.err.empty());
}

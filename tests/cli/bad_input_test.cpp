// Bad inputs, run through the real binary: each one is exit status 2, one
// line on stderr naming the file and the position, nothing on stdout and no
// report written; odd but valid inputs are checked normally, with their
// findings at the right place; sources are never modified.
#include <catch2/catch.hpp>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "workspace.h"

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
  explicit Workspace(const std::string& name) : concord::test::Workspace("concord_bad_input_", name) {}
};

// Runs `check` with an output file and a report folder on top of `args`,
// and requires the failure contract: status 2, no signal, nothing on
// stdout, exactly one stderr line "concord: <expected...>", no report.
void require_refused(const Workspace& ws, const std::string& args, const std::string& expected_prefix,
                     const std::string& fragment = "") {
  const Run r = ws.concord("check --output out/report.json --report-dir reports " + args);
  CAPTURE(args, r.err);
  CHECK(r.signal == 0);
  CHECK(r.status == 2);
  CHECK(r.out.empty());
  CHECK(lines(r.err) == 1);
  CHECK(r.err.rfind("concord: " + expected_prefix, 0) == 0);
  if (!fragment.empty()) CHECK(r.err.find(fragment) != std::string::npos);
  CHECK(r.err.find("internal error") == std::string::npos);
  CHECK_FALSE(fs::exists(ws.dir() / "out"));
  CHECK_FALSE(fs::exists(ws.dir() / "reports"));
}

// Persian orthography (Persian yeh) so that no other check has anything to say.
const std::string kRangeError = "این کنفرانس از ۱۴ تا ۱۴ فوریه ۱۹۹۴ برگزار شد.";
const std::string kCleanEs = "Este es un texto sencillo.\n";

// A source that is not text concord can read.
struct BadSource {
  std::string name;
  std::string file;
  std::string content;
  std::string args;      // after the common ones; the file is added last
  std::string expected;  // stderr after "concord: ", whole line
};

std::ostream& operator<<(std::ostream& os, const BadSource& b) { return os << b.name; }

// clang-format off
const std::vector<BadSource> kBadSources = {
  {"invalid UTF-8 at the start of line 2", "bad.txt", "hola\n\xC3\x28 mundo\n", "--lang es",
   "bad.txt:2:1: error: invalid UTF-8 (byte 0xC3 at byte 5)"},
  {"invalid UTF-8 after Persian letters (columns count code points)", "bad.txt", "سلام \xFF\n", "--lang fa",
   "bad.txt:1:6: error: invalid UTF-8 (byte 0xFF at byte 9)"},
  {"invalid UTF-8 after CR line ends", "bad.txt", "a\rb\r\nc\xC0\xAF", "--lang es",
   "bad.txt:3:2: error: invalid UTF-8 (byte 0xC0 at byte 6)"},
  {"a UTF-8 BOM then a truncated sequence", "bad.txt", "\xEF\xBB\xBFok\xE2\x82", "--lang es",
   "bad.txt:1:3: error: invalid UTF-8 (byte 0xE2 at byte 5)"},
  {"UTF-16 little-endian with a BOM", "u16.txt", std::string("\xFF\xFE" "h\0o\0l\0a\0", 10), "--lang es",
   "u16.txt:1:1: error: file is UTF-16 (byte order mark at byte 0); convert it to UTF-8, e.g. with iconv -f UTF-16 -t UTF-8"},
  {"UTF-16 big-endian with a BOM", "u16.txt", std::string("\xFE\xFF" "\0h\0o", 6), "",
   "u16.txt:1:1: error: file is UTF-16 (byte order mark at byte 0); convert it to UTF-8, e.g. with iconv -f UTF-16 -t UTF-8"},
  {"UTF-16 without a BOM has NUL bytes", "u16.txt", std::string("h\0o\0", 4), "",
   "u16.txt:1:2: error: binary file (NUL byte at byte 1); concord reads UTF-8 text"},
  {"binary: a PNG header", "image.png", std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16), "",
   "image.png:3:1: error: binary file (NUL byte at byte 8); concord reads UTF-8 text"},
  {"binary: one NUL after text", "bin.txt", std::string("abc\0def", 7), "--lang es",
   "bin.txt:1:4: error: binary file (NUL byte at byte 3); concord reads UTF-8 text"},
};
// clang-format on

// A rule folder `rules/` (given with -r) with one bad file.
struct BadRules {
  std::string name;
  std::string file;  // under rules/
  std::string content;
  std::string expected_prefix;  // after "concord: "
  std::string fragment;
};

std::ostream& operator<<(std::ostream& os, const BadRules& b) { return os << b.name; }

std::string repeat(const std::string& s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

// clang-format off
const std::vector<BadRules> kBadRules = {
  {"a YAML syntax error", "es/extra.yaml", "name: Spanish\n  locale: es\n",
   "rules/es/extra.yaml:2:9: error: YAML syntax", ""},
  {"an unclosed quote", "es/extra.yaml", "connectors: [\"y]\n",
   "rules/es/extra.yaml:1:14: error: YAML syntax: quoted string without its closing quote", ""},
  {"an unknown key", "es/extra.yaml", "connectors: [y]\nconectors: [o]\n",
   "rules/es/extra.yaml:2:1: error: unknown key 'conectors'", ""},
  {"a wrong type", "events.yaml", "events:\n  - id: meeting\n    once: [yes]\n",
   "rules/events.yaml:3:11: error: once must be true or false", ""},
  {"a list where a mapping is expected", "entities.yaml", "entities: {id: x}\n",
   "rules/entities.yaml:1:11: error: entities must be a list", ""},
  {"a duplicate entity id", "entities.yaml",
   "entities:\n  - {id: a1, type: city, names: {es: [Aaa]}}\n  - {id: a1, type: city, names: {es: [Bbb]}}\n",
   "rules/entities.yaml:3:10: error: duplicate entity id 'a1'", ""},
  {"a duplicate event id across folders", "events.yaml", "events:\n  - id: visit\n",
   "rules/events.yaml:2:9: error: duplicate event id 'visit'", ""},
  {"a duplicate key", "es/extra.yaml", "connectors: [y]\nconnectors: [o]\n",
   "rules/es/extra.yaml:2:1: error: duplicate key 'connectors' (first at line 1)", ""},
  {"an invalid RE2 pattern", "es/extra.yaml", "triggers:\n  visit:\n    - \"visita (oficial\"\n",
   "rules/es/extra.yaml:3:7: error: invalid pattern: missing ): visita\\s+(oficial", ""},
  {"a pattern too large for the RE2 memory budget", "es/extra.yaml", "triggers:\n  visit:\n    - \"\\\\pL{1000}\"\n",
   "rules/es/extra.yaml:3:7: error: pattern too large", "regex memory budget of 8 MiB"},
  {"10,000 levels of flow nesting", "es/extra.yaml", "connectors: " + repeat("[", 10000) + "\n",
   "rules/es/extra.yaml:1:", "YAML nested deeper than 64 levels"},
  {"10,000 levels of block nesting on one line", "es/extra.yaml", "connectors:\n" + repeat("- ", 10000) + "y\n",
   "rules/es/extra.yaml:2:129: error: YAML nested deeper than 64 levels", ""},
  {"10,000 levels of flow mappings", "es/extra.yaml", "connectors: " + repeat("{a: ", 10000) + "\n",
   "rules/es/extra.yaml:1:", "YAML nested deeper than 64 levels"},
  {"an alias bomb", "es/extra.yaml",
   "lists:\n  l0: &l0 [a, a, a, a, a, a, a, a, a, a]\n  l1: &l1 [*l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0]\n"
   "  l2: &l2 [*l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1]\n  l3: &l3 [*l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2]\n"
   "  l4: &l4 [*l3, *l3, *l3, *l3, *l3, *l3, *l3, *l3, *l3, *l3]\n  l5: &l5 [*l4, *l4, *l4, *l4, *l4, *l4, *l4, *l4, *l4, *l4]\n",
   "rules/es/extra.yaml:5:", "aliases expand this file"},
  {"invalid UTF-8 in a rule file", "es/extra.yaml", "connectors: [\"y\xE9\"]\n",
   "rules/es/extra.yaml:1:16: error: invalid UTF-8 (byte 0xE9 at byte 15)", ""},
  {"a missing required key", "checks.yaml", "{}\n", "rules/checks.yaml:1:1: error: missing key 'checks'", ""},
  {"a rule file that is a directory", "entities.yaml/keep", "",
   "rules/entities.yaml: error: cannot read rule file: it is a directory", ""},
};
// clang-format on

std::string json_findings_summary(const nlohmann::json& j) {
  std::string s;
  for (const auto& f : j["findings"]) s += f["rule"].get<std::string>() + " ";
  return s;
}

}  // namespace

TEST_CASE("bad input: a missing file", "[cli][bad_input]") {
  Workspace ws("missing");
  require_refused(ws, "--lang es nope.txt", "nope.txt: error: cannot read file: no such file");
}

TEST_CASE("bad input: a directory given as a source", "[cli][bad_input]") {
  Workspace ws("directory");
  fs::create_directories(ws.dir() / "sub");
  require_refused(ws, "--lang es sub", "sub: error: cannot read file: it is a directory");
}

TEST_CASE("bad input: unreadable sources name the file and the position", "[cli][bad_input]") {
  const BadSource bad = GENERATE(from_range(kBadSources));
  CAPTURE(bad);
  Workspace ws("source");
  ws.file("good.txt", kCleanEs);
  ws.file(bad.file, bad.content);
  // The good source comes first: one bad source fails the whole group.
  require_refused(ws, bad.args + " good.txt " + bad.file, bad.expected + "\n");
}

TEST_CASE("bad input: an unknown language", "[cli][bad_input]") {
  Workspace ws("lang");
  ws.file("es.txt", kCleanEs);
  require_refused(ws, "--lang xx es.txt", "es.txt: error: no rule pack for language 'xx'");
  require_refused(ws, "--lang es.txt=xx es.txt", "es.txt: error: no rule pack for language 'xx'");
}

TEST_CASE("bad input: malformed size limits", "[cli][bad_input]") {
  Workspace ws("limits");
  ws.file("es.txt", kCleanEs);
  require_refused(ws, "--max-source-bytes lots es.txt", "--max-source-bytes: error: 'lots' is not a size in bytes");
  require_refused(ws, "--max-source-bytes 0 es.txt", "--max-source-bytes: error: a size limit must be at least 1 byte");
  require_refused(ws, "--max-rule-bytes 99999999999999999999 es.txt", "--max-rule-bytes: error:");
  require_refused(ws, "--max-source-bytes 10 es.txt",
                  "es.txt: error: file is 27 bytes, more than the limit of 10 bytes (10 bytes)");
}

TEST_CASE("bad input: an empty file is not an error", "[cli][bad_input]") {
  Workspace ws("empty");
  ws.file("empty.txt", "");
  ws.file("bom.txt", "\xEF\xBB\xBF");
  ws.file("blank.txt", " \n\r\n\t\r");
  for (const std::string args : {"empty.txt", "--lang fa empty.txt", "--lang es bom.txt", "blank.txt",
                                 "empty.txt bom.txt blank.txt"}) {
    CAPTURE(args);
    const Run r = ws.concord("check --format json " + args);
    CHECK(r.signal == 0);
    CHECK(r.status == 0);
    CHECK(r.err.empty());
    const nlohmann::json j = nlohmann::json::parse(r.out);
    CHECK(j["findings"].empty());
  }
}

TEST_CASE("bad input: a 200 MB single-line source is refused at once by the default limit", "[cli][bad_input][large]") {
  Workspace ws("huge");
  {
    // Written in 1 MiB pieces: the test itself never holds 200 MB.
    std::ofstream out(ws.dir() / "huge.txt", std::ios::binary);
    std::string piece;
    while (piece.size() < (std::size_t{1} << 20)) piece += "Kazajistán y Estados Unidos, ";
    for (std::size_t written = 0; written < std::size_t{200} * 1000 * 1000; written += piece.size()) out << piece;
  }
  const auto size = fs::file_size(ws.dir() / "huge.txt");
  REQUIRE(size >= std::uintmax_t{200} * 1000 * 1000);
  const std::string expected = "huge.txt: error: file is " + std::to_string(size) + " bytes, more than the limit of ";
  Run r = ws.concord("check --lang es --output out/report.json --report-dir reports huge.txt");
  CHECK(r.status == 2);
  CHECK(lines(r.err) == 1);
  CHECK(r.err.rfind("concord: " + expected + "67108864 bytes (64 MiB); raise it with --max-source-bytes N", 0) == 0);
  CHECK(r.seconds < 5);  // checked on the size: nothing is read
  CHECK_FALSE(fs::exists(ws.dir() / "out"));
  CHECK_FALSE(fs::exists(ws.dir() / "reports"));
  // A raised limit that is still too small is refused the same way.
  r = ws.concord("check --lang es --max-source-bytes 150M huge.txt");
  CHECK(r.status == 2);
  CHECK(r.err.rfind("concord: " + expected + "157286400 bytes (150 MiB)", 0) == 0);
  CHECK(r.seconds < 5);
  // So is a limit from the project config.
  ws.file(".concord.yaml", "max_source_bytes: 1M\n");
  r = ws.concord("check --lang es huge.txt");
  CHECK(r.status == 2);
  CHECK(r.err.rfind("concord: " + expected + "1048576 bytes (1 MiB)", 0) == 0);
}

TEST_CASE("bad input: a long single-line source is accepted when the limit allows it", "[cli][bad_input][large]") {
  Workspace ws("long_line");
  std::string line;
  while (line.size() < 200 * 1000) line += "Kazajistán y Estados Unidos establecieron relaciones diplomáticas el 16 de diciembre de 1991, ";
  ws.file("long.txt", line);
  const Run refused = ws.concord("check --lang es --max-source-bytes 100K long.txt");
  CHECK(refused.status == 2);
  const Run r = ws.concord("check --lang es --max-source-bytes 1M --fail-on none long.txt");
  CHECK(r.signal == 0);
  CHECK(r.status == 0);
  CHECK(r.err.empty());
}

TEST_CASE("bad input: a 2 MB single-line source is checked in bounded time", "[cli][bad_input][large]") {
  // One sentence of 2 MB: claims look for their parts within a reach of
  // their trigger, and conflicts cluster in one sweep, so it costs linear
  // time (it took 41 s for 1.6 MB when every event met every date of its
  // sentence). `timeout` bounds what this test costs.
  Workspace ws("quadratic");
  std::string line;
  while (line.size() < 2 * 1000 * 1000) line += "Kazajistán y Estados Unidos establecieron relaciones diplomáticas el 16 de diciembre de 1991, ";
  ws.file("long.txt", line);
  const Run r = ws.concord("check --lang es --fail-on none long.txt", "timeout 20 ");
  CHECK(r.status == 0);  // 124: timed out
}

TEST_CASE("bad input: bad rule folders name the rule file and position", "[cli][bad_input][rules]") {
  const BadRules bad = GENERATE(from_range(kBadRules));
  CAPTURE(bad);
  Workspace ws("rules");
  ws.file("es.txt", kCleanEs);
  if (bad.file.size() > 5 && bad.file.substr(bad.file.size() - 5) == "/keep") {
    fs::create_directories(ws.dir() / "rules" / bad.file.substr(0, bad.file.size() - 5));
  } else {
    ws.file("rules/" + bad.file, bad.content);
  }
  require_refused(ws, "-r rules es.txt", bad.expected_prefix, bad.fragment);
  // The rules command validates the same way.
  const Run r = ws.concord("rules -r rules");
  CHECK(r.status == 2);
  CHECK(r.err.rfind("concord: " + bad.expected_prefix, 0) == 0);
}

TEST_CASE("bad input: a 1 GB rule file is refused before it is read", "[cli][bad_input][rules][large]") {
  Workspace ws("huge_rules");
  ws.file("es.txt", kCleanEs);
  ws.file("rules/es/huge.yaml", "");
  fs::resize_file(ws.dir() / "rules/es/huge.yaml", std::uintmax_t{1} << 30);  // sparse: costs no disk
  const std::string expected =
      "rules/es/huge.yaml: error: rule file is 1073741824 bytes, more than the limit of 16777216 bytes (16 MiB); "
      "raise it with --max-rule-bytes N\n";
  const auto start = std::chrono::steady_clock::now();
  require_refused(ws, "-r rules es.txt", expected);
  CHECK(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() < 5);
  // --max-rule-bytes lowers the limit for every rule file, the bundled ones too.
  ws.file("rules/es/huge.yaml", "connectors: [y]\n");
  require_refused(ws, "--max-rule-bytes 1K es.txt", "", "more than the limit of 1024 bytes (1 KiB)");
}

TEST_CASE("bad input: a pattern that backtracks elsewhere runs in linear time under RE2", "[cli][bad_input][rules]") {
  // A backtracking engine takes 2^40 steps for (a+)+b on 40 a's; RE2 is
  // linear. Each line is one sentence, so the patterns run on all of them.
  Workspace ws("redos");
  ws.file("rules/es/extra.yaml", "triggers:\n  visit:\n    - \"(a+)+b\"\n    - \"(?:x|x)*y\"\n    - \"(.*a){12}\"\n");
  std::string text;
  for (int i = 0; i < 500; ++i) text += "Estados Unidos " + std::string(40, 'a') + " " + std::string(40, 'x') + ".\n";
  ws.file("es.txt", text);
  const Run r = ws.concord("check --lang es -r rules --fail-on none es.txt", "timeout 60 ");
  CHECK(r.signal == 0);
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  CHECK(r.seconds < 30);
}

TEST_CASE("bad input: a 100,000-letter word is checked in bounded time", "[cli][bad_input][large]") {
  // The spelling check looks up every edit of an unknown word, quadratic in
  // its length (one 100,000-letter word took over 8 minutes); it leaves
  // words longer than its max_length (50) alone. `timeout` bounds the cost.
  Workspace ws("long_word");
  ws.file("es.txt", "Estados Unidos " + std::string(100000, 'a') + ".\n");
  const Run r = ws.concord("check --lang es --fail-on none es.txt", "timeout 20 ");
  CHECK(r.status == 0);  // 124: timed out
}

TEST_CASE("bad input: CR-only and mixed line ends keep positions right", "[cli][bad_input][lines]") {
  struct Case {
    std::string name, text;
    int line;
  };
  const Case c = GENERATE(values<Case>({
      {"LF", "سلام.\nمتن دوم.\n" + kRangeError + "\n", 3},
      {"CR only", "سلام.\rمتن دوم.\r" + kRangeError + "\r", 3},
      {"CRLF", "سلام.\r\nمتن دوم.\r\n" + kRangeError + "\r\n", 3},
      {"mixed", "سلام.\r\n\rمتن دوم.\n\r" + kRangeError, 5},
      {"CR then LF on separate lines", "سلام.\r\r\n\n" + kRangeError + "\n\r", 4},
  }));
  CAPTURE(c.name);
  Workspace ws("line_ends");
  ws.file("fa.txt", c.text);
  const Run r = ws.concord("check --lang fa fa.txt");
  CHECK(r.status == 1);
  CHECK(r.err.empty());
  CHECK(r.out.rfind("fa.txt:" + std::to_string(c.line) + ":16: error: ", 0) == 0);  // «اين کنفرانس از » is 15 code points
  CHECK(r.out.find("[range]") != std::string::npos);
}

TEST_CASE("bad input: bidi controls and ZWNJ in odd places", "[cli][bad_input][bidi]") {
  const std::string rli = "\u2067", pdi = "\u2069", rlm = "\u200F", zwnj = "\u200C", rlo = "\u202E", pdf = "\u202C";
  struct Case {
    std::string name, text;
    int findings;  // -1: only no crash and consistent positions
  };
  const Case c = GENERATE_COPY(values<Case>({
      {"isolate around the line, ZWNJ and RLM inside the range", rli + zwnj + "این کنفرانس از " + rlm + "۱۴ تا ۱۴" + zwnj +
                                                                      " فوریه ۱۹۹۴ برگزار شد." + pdi + "\n", 1},
      {"ZWNJ between digits", "این کنفرانس از ۱" + zwnj + "۴ تا ۱۴ فوریه ۱۹" + zwnj + "۹۴ برگزار شد.\n", -1},
      {"override left open at the end of the file", "این کنفرانس از ۱۴ تا ۱۴ فوریه ۱۹۹۴ برگزار شد." + rlo, 1},
      {"only invisible characters", zwnj + zwnj + rlm + "\n" + rlo + "\n" + pdf + pdf + pdi, 0},
      {"a run of 10,000 ZWNJs before the text", repeat(zwnj, 10000) + kRangeError + "\n", 1},
      {"controls between every letter", [&] {
         std::string s;
         for (const char* p : {"ا", "ی", "ن", " ", "۱", "۴", " ", "ت", "ا", " ", "۱", "۴", " ", "ف", "و", "ر", "ی", "ه", " ",
                               "۱", "۹", "۹", "۴"}) {
           s += std::string(p) + rlm + zwnj;
         }
         return s + "\n";
       }(), -1},
  }));
  CAPTURE(c.name);
  Workspace ws("bidi");
  const fs::path path = ws.file("fa.txt", c.text);
  const Run r = ws.concord("check --format json --lang fa --fail-on none fa.txt");
  CHECK(r.signal == 0);
  REQUIRE(r.status == 0);
  CHECK(r.err.empty());
  const nlohmann::json j = nlohmann::json::parse(r.out);
  CAPTURE(json_findings_summary(j));
  if (c.findings >= 0) CHECK(j["findings"].size() == static_cast<std::size_t>(c.findings));
  const std::string bytes = slurp(path);
  for (const auto& f : j["findings"]) {
    for (const auto& l : f["locations"]) {
      const auto start = l["start"].get<std::size_t>(), end = l["end"].get<std::size_t>();
      REQUIRE(start <= end);
      REQUIRE(end <= bytes.size());
      CHECK(bytes.substr(start, end - start) == l["excerpt"].get<std::string>());
      // Line and column recomputed from the bytes: lines end at LF, CRLF or CR; columns count code points.
      std::size_t line = 1, column = 1;
      for (std::size_t i = 0; i < start; ++i) {
        const auto b = static_cast<unsigned char>(bytes[i]);
        if (b == '\n' || (b == '\r' && (i + 1 >= bytes.size() || bytes[i + 1] != '\n'))) {
          ++line;
          column = 1;
        } else if ((b & 0xC0) != 0x80 && b != '\r') {
          ++column;
        }
      }
      CHECK(l["line"].get<std::size_t>() == line);
      CHECK(l["column"].get<std::size_t>() == column);
    }
  }
  // A range finding starts at its first digit, not at a mark before it.
  for (const auto& f : j["findings"]) {
    if (f["rule"] != "range") continue;
    const std::string excerpt = f["locations"][0]["excerpt"];
    CHECK(excerpt.rfind("۱", 0) == 0);
  }
}

TEST_CASE("bad input: a config pointing outside the project is refused", "[cli][bad_input][config]") {
  struct Case {
    std::string name, config, expected;
  };
  const Case c = GENERATE(values<Case>({
      {"a source in the parent folder", "groups:\n  - name: g\n    sources: [es.txt, ../outside.txt]\n",
       ".concord.yaml:3:23: error: '../outside.txt' points outside the project folder"},
      {"a source given as {path}", "groups:\n  - sources:\n      - {path: texts/../../outside.txt, lang: es}\n",
       ".concord.yaml:3:16: error: 'texts/../../outside.txt' points outside the project folder"},
      {"an absolute source", "groups:\n  - sources: [/etc/hostname]\n",
       ".concord.yaml:2:15: error: '/etc/hostname' points outside the project folder"},
      {"a pattern with ..", "groups:\n  - pattern: \"../{name}.txt\"\n",
       ".concord.yaml:2:14: error: '../{name}.txt' points outside the project folder"},
      {"a source through a symbolic link", "groups:\n  - sources: [texts/link.txt]\n",
       ".concord.yaml:2:15: error: 'texts/link.txt' points outside the project folder"},
      {"a pattern matching a symbolic link", "groups:\n  - pattern: \"texts/{name}.txt\"\n",
       ".concord.yaml:2:14: error: 'texts/link.txt' (matched by the pattern) points outside the project folder"},
      {"a rule folder outside", "rules: [extra, ../rules]\ngroups:\n  - sources: [es.txt]\n",
       ".concord.yaml:1:16: error: '../rules' points outside the project folder"},
      {"a baseline outside", "baseline: ../../baseline.json\ngroups:\n  - sources: [es.txt]\n",
       ".concord.yaml:1:11: error: '../../baseline.json' points outside the project folder"},
      {"a group name that leads out of --report-dir", "groups:\n  - name: ../../evil\n    sources: [es.txt]\n",
       ".concord.yaml:2:11: error: group name '../../evil' is not a plain file name"},
  }));
  CAPTURE(c.name);
  Workspace ws("config");
  const fs::path project = ws.dir() / "project";
  write(ws.dir() / "outside.txt", kCleanEs);
  write(project / "es.txt", kCleanEs);
  fs::create_directories(project / "extra");
  fs::create_directories(project / "texts");
  fs::create_symlink(ws.dir() / "outside.txt", project / "texts" / "link.txt");
  write(project / ".concord.yaml", c.config);
  const Run r = ws.concord("check --config project/.concord.yaml --output out/report.json --report-dir reports");
  CAPTURE(r.err);
  CHECK(r.signal == 0);
  CHECK(r.status == 2);
  CHECK(r.out.empty());
  CHECK(lines(r.err) == 1);
  CHECK(r.err == "concord: project/" + c.expected + "\n");
  CHECK_FALSE(fs::exists(ws.dir() / "out"));
  CHECK_FALSE(fs::exists(ws.dir() / "reports"));
  CHECK_FALSE(fs::exists(ws.dir().parent_path() / "evil.txt"));
}

TEST_CASE("bad input: sources are never modified, whatever the command", "[cli][bad_input][readonly]") {
  Workspace ws("readonly");
  const std::string fixture = std::string(CONCORD_SOURCE_DIR) + "/fixtures/seed-kz-us/";
  const std::string fa = slurp(fixture + "000_6b479e2ad706ea28.txt");
  const std::string es = slurp(fixture + "001_40c67a450acdc9de.txt");
  REQUIRE_FALSE(fa.empty());
  const fs::path fa_path = ws.file("fa.txt", fa), es_path = ws.file("es.txt", es);
  fs::create_symlink("fa.txt", ws.dir() / "link.txt");
  // An old time, so that any write would show in the mtime.
  const auto old_time = fs::file_time_type::clock::now() - std::chrono::hours(24);
  fs::last_write_time(fa_path, old_time);
  fs::last_write_time(es_path, old_time);
  const auto perms = fs::status(fa_path).permissions();

  struct Command {
    std::string args;
    int status;
  };
  const std::vector<Command> commands = {
      {"check fa.txt es.txt", 1},
      {"check --format json --output report.json --report-dir reports fa.txt es.txt", 1},
      {"check --format html --output report.html fa.txt es.txt", 1},
      {"extract --format json fa.txt es.txt", 0},
      {"fix --orthography fa.txt -o fixed.txt", 0},
      {"baseline --no-config --baseline base.json fa.txt es.txt", 0},
      {"check --no-config --baseline base.json fa.txt es.txt", 0},
      // Every way of writing over a source is refused (exit 2).
      {"fix --orthography fa.txt -o fa.txt", 2},
      {"fix --orthography fa.txt -o link.txt", 2},
      {"check fa.txt es.txt --output fa.txt", 2},
      {"check fa.txt es.txt --output link.txt", 2},
      {"check --group fa --report-dir . fa.txt es.txt", 2},
      {"baseline --no-config --baseline es.txt fa.txt es.txt", 2},
  };
  for (const Command& c : commands) {
    CAPTURE(c.args);
    const Run r = ws.concord(c.args);
    CHECK(r.signal == 0);
    CHECK(r.status == c.status);
    if (c.status == 2) {
      CHECK(lines(r.err) == 1);
      CHECK(r.err.find("never modifies a source file") != std::string::npos);
    }
    CHECK(slurp(fa_path) == fa);
    CHECK(slurp(es_path) == es);
    CHECK(fs::last_write_time(fa_path) == old_time);
    CHECK(fs::last_write_time(es_path) == old_time);
    CHECK(fs::status(fa_path).permissions() == perms);
    CHECK(fs::is_symlink(ws.dir() / "link.txt"));
  }
  CHECK(fs::exists(ws.dir() / "fixed.txt"));
  CHECK(slurp(ws.dir() / "fixed.txt") != fa);  // the seed is in the older orthography
}

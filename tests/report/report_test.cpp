// The SARIF, Markdown and HTML renderers, on reports built by the engine
// from small in-memory groups and on hand-made reports.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine.h"
#include "report/common.h"
#include "report/render.h"

using concord::Finding;
using concord::Location;
using concord::Report;
using concord::SourceSpec;

namespace {

const concord::Engine& engine() {
  static const concord::Engine e(concord::load_rules({std::string(CONCORD_SOURCE_DIR) + "/rules"}));
  return e;
}

const std::string kFa = "آمريکا و قزاقستان روابط ديپلماتيک خود را در ۲۵ دسامبر ۱۹۹۱ برقرار کردند.";
const std::string kEs =
    "Estados Unidos y Kazajistán establecieron relaciones diplomáticas el 16 de diciembre de 1991. "
    "<script>alert(1)</script> & \"comillas\" 'simples'";

struct Analyzed {
  concord::Group group;
  Report report;
};

Analyzed analyze(const std::vector<SourceSpec>& specs) {
  concord::Group group = engine().analyze("pair", specs);
  Report report = engine().check(group);
  return Analyzed{std::move(group), std::move(report)};
}

const Analyzed& pair() {
  static const Analyzed a = analyze({SourceSpec{"fa.txt", "fa", kFa}, SourceSpec{"es.txt", "es", kEs}});
  return a;
}

const Finding* find_rule(const Report& report, const std::string& rule) {
  for (const Finding& f : report.findings) {
    if (f.rule == rule) return &f;
  }
  return nullptr;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

std::size_t count(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
  return n;
}

Location location(std::string path, std::size_t source, std::size_t start, std::size_t end, std::string excerpt,
                  std::string note = {}) {
  Location l;
  l.path = std::move(path);
  l.source = source;
  l.start = start;
  l.end = end;
  l.excerpt = std::move(excerpt);
  l.note = std::move(note);
  return l;
}

}  // namespace

// ---------------------------------------------------------------------- SARIF

TEST_CASE("SARIF: version, rules, one result per finding, regions", "[report][sarif]") {
  const Report& report = pair().report;
  const Finding* conflict = find_rule(report, "conflict");
  REQUIRE(conflict != nullptr);
  REQUIRE(conflict->locations.size() == 2);

  const auto sarif = nlohmann::json::parse(concord::render_sarif(report));
  CHECK(sarif["version"] == "2.1.0");
  CHECK(sarif["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json");
  REQUIRE(sarif["runs"].size() == 1);
  const auto& run = sarif["runs"][0];
  CHECK(run["tool"]["driver"]["name"] == "concord");
  CHECK(run["tool"]["driver"]["version"] == CONCORD_VERSION);
  CHECK(run["columnKind"] == "unicodeCodePoints");
  REQUIRE(run["artifacts"].size() == 2);
  CHECK(run["artifacts"][0]["location"]["uri"] == "fa.txt");
  CHECK(run["artifacts"][0]["properties"]["lang"] == "fa");
  CHECK(run["artifacts"][1]["properties"]["lang"] == "es");

  const auto& rules = run["tool"]["driver"]["rules"];
  for (const auto& r : rules) {
    CHECK(r.contains("shortDescription"));
    CHECK(r.contains("help"));
    const std::string level = r["defaultConfiguration"]["level"];
    CHECK((level == "error" || level == "warning" || level == "note"));
  }

  const auto& results = run["results"];
  REQUIRE(results.size() == report.findings.size());
  bool saw_conflict = false;
  for (std::size_t i = 0; i < results.size(); ++i) {
    const auto& r = results[i];
    const Finding& f = report.findings[i];
    CHECK(r["ruleId"] == f.rule);
    CHECK(rules[r["ruleIndex"].get<std::size_t>()]["id"] == f.rule);
    CHECK(r["message"]["text"] == f.message);
    const std::string level = r["level"];
    CHECK(level == (f.severity == concord::Severity::kInfo ? "note" : std::string(to_string(f.severity))));
    const auto& region = r["locations"][0]["physicalLocation"]["region"];
    CHECK(region["byteOffset"] == f.locations[0].start);
    CHECK(region["byteLength"] == f.locations[0].end - f.locations[0].start);
    CHECK(region["startLine"] == f.locations[0].line);
    CHECK(region["startColumn"] == f.locations[0].column);
    CHECK(region["endColumn"] == f.locations[0].end_column);
    CHECK(region["snippet"]["text"] == f.locations[0].excerpt);
    CHECK(r["partialFingerprints"].contains("concord/v1"));
    if (f.rule != "conflict") continue;
    saw_conflict = true;
    REQUIRE(r.contains("relatedLocations"));
    REQUIRE(r["relatedLocations"].size() == f.locations.size() - 1);
    const auto& related = r["relatedLocations"][0];
    CHECK(related["message"]["text"] == f.locations[1].note);
    CHECK(related["physicalLocation"]["artifactLocation"]["uri"] == f.locations[1].path);
    CHECK(related["physicalLocation"]["region"]["byteOffset"] == f.locations[1].start);
    CHECK(related["physicalLocation"]["region"]["byteLength"] == f.locations[1].end - f.locations[1].start);
  }
  CHECK(saw_conflict);
}

TEST_CASE("SARIF: fingerprints do not depend on line numbers", "[report][sarif]") {
  const Analyzed shifted =
      analyze({SourceSpec{"fa.txt", "fa", "\n\n" + kFa}, SourceSpec{"es.txt", "es", "\n" + kEs}});
  const auto a = nlohmann::json::parse(concord::render_sarif(pair().report));
  const auto b = nlohmann::json::parse(concord::render_sarif(shifted.report));
  const auto fingerprint_of = [](const nlohmann::json& sarif, const std::string& rule) {
    for (const auto& r : sarif["runs"][0]["results"]) {
      if (r["ruleId"] == rule) return r["partialFingerprints"]["concord/v1"].get<std::string>();
    }
    return std::string();
  };
  const std::string before = fingerprint_of(a, "conflict");
  REQUIRE(!before.empty());
  CHECK(before == fingerprint_of(b, "conflict"));
}

TEST_CASE("SARIF: identical findings get distinct fingerprints; paths become URIs", "[report][sarif]") {
  Report report;
  report.group = "g";
  report.sources.push_back({"dir/a b:c.txt", "en", concord::LanguageOrigin::kGiven});
  for (std::size_t start : {0, 10}) {
    Finding f;
    f.rule = "name";
    f.kind = concord::Kind::kName;
    f.message = "m";
    f.subject = "x";
    f.locations.push_back(location("dir/a b:c.txt", 0, start, start + 3, "Foo"));
    report.findings.push_back(f);
  }
  const auto sarif = nlohmann::json::parse(concord::render_sarif(report));
  const auto& results = sarif["runs"][0]["results"];
  CHECK(results[0]["partialFingerprints"]["concord/v1"] != results[1]["partialFingerprints"]["concord/v1"]);
  CHECK(results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "dir/a%20b%3Ac.txt");
}

// ------------------------------------------------------------------- Markdown

TEST_CASE("Markdown: every finding's message, excerpts, summary", "[report][markdown]") {
  const Report& report = pair().report;
  REQUIRE(!report.findings.empty());
  const std::string md = concord::render_markdown(report);
  CHECK(contains(md, "# concord report: pair"));
  CHECK(contains(md, "| kind | error | warning | info | total |"));
  for (const Finding& f : report.findings) {
    // Messages are escaped: compare with the escaping undone for the
    // characters the seed messages use.
    std::string expected;
    for (const char c : f.message) {
      if (c == '`' || c == '_' || c == '*' || c == '|' || c == '[' || c == ']' || c == '\\') expected += '\\';
      expected += c;
    }
    CHECK(contains(md, expected));
  }
  // The Persian excerpt of the conflict is isolated.
  CHECK(contains(md, "\u2068۲۵ دسامبر ۱۹۹۱\u2069"));
}

TEST_CASE("Markdown: text from sources is escaped", "[report][markdown]") {
  Report report;
  report.group = "g";
  report.sources.push_back({"a.txt", "en", concord::LanguageOrigin::kGiven});
  Finding f;
  f.rule = "name";
  f.message = "«a|b» *c* _d_ `e` <script>";
  f.suggestion = "x|y";
  f.locations.push_back(location("a.txt", 0, 0, 5, "<b>|", "note *n*\nline"));
  report.findings.push_back(f);
  const std::string md = concord::render_markdown(report);
  CHECK(contains(md, "«a\\|b» \\*c\\* \\_d\\_ \\`e\\` &lt;script&gt;"));
  CHECK(contains(md, "&lt;b&gt;\\|"));
  CHECK(contains(md, "note \\*n\\* line"));
  CHECK(contains(md, "x\\|y"));
  CHECK(!contains(md, "<script>"));
}

// ----------------------------------------------------------------------- HTML

TEST_CASE("HTML: source text is escaped, nothing from a source runs", "[report][html]") {
  const std::string html = concord::render_html(pair().report, pair().group);
  CHECK(!contains(html, "<script>alert"));
  CHECK(contains(html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  CHECK(contains(html, "&quot;comillas&quot; &#39;simples&#39;"));
  // Exactly one script element: the page's own.
  CHECK(count(html, "<script") == 1);
  CHECK(contains(html, "Content-Security-Policy"));
  CHECK(contains(html, "default-src 'none'"));
  CHECK(!contains(html, "src=\""));
  CHECK(!contains(html, "http://"));
}

TEST_CASE("HTML: right-to-left sources, anchors, highlights", "[report][html]") {
  const Report& report = pair().report;
  const std::string html = concord::render_html(report, pair().group);
  CHECK(contains(html, "<!DOCTYPE html>"));
  CHECK(contains(html, "dir=\"rtl\" lang=\"fa\""));
  CHECK(contains(html, "dir=\"ltr\" lang=\"es\""));
  // Every location of every finding has an anchor in the full text, linked
  // from the finding.
  for (std::size_t n = 1; n <= report.findings.size(); ++n) {
    CHECK(contains(html, "id=\"f" + std::to_string(n) + "\""));
    for (std::size_t i = 0; i < report.findings[n - 1].locations.size(); ++i) {
      const std::string id = "f" + std::to_string(n) + "-" + std::to_string(i);
      CHECK(contains(html, "id=\"" + id + "\""));
      CHECK(contains(html, "href=\"#" + id + "\""));
    }
    CHECK(contains(html, report.findings[n - 1].locations[0].excerpt));
  }
  CHECK(contains(html, "<mark>۲۵ دسامبر ۱۹۹۱</mark>"));
  CHECK(count(html, "<mark") == count(html, "</mark>"));
  CHECK(contains(html, "id=\"src0\""));
  CHECK(contains(html, "id=\"s1-L1\""));
  CHECK(contains(html, "name=\"kind\" value=\"conflict\""));
  CHECK(contains(html, "name=\"source\" value=\"1\""));
}

TEST_CASE("HTML: spans across lines, context, the CSP hashes", "[report][html]") {
  const std::string text = "\xEF\xBB\xBFone two\r\nthree <four>\nfive";
  Report report;
  report.group = "g";
  report.sources.push_back({"a.txt", "en", concord::LanguageOrigin::kGiven});
  Finding f;
  f.rule = "range";
  f.severity = concord::Severity::kError;
  f.message = "m";
  // "two\r\nthree": from line 1 into line 2.
  f.locations.push_back(location("a.txt", 0, 7, 17, "two\r\nthree"));
  report.findings.push_back(f);
  f.locations = {location("a.txt", 0, 18, 24, "<four>")};
  report.findings.push_back(f);
  const std::string html = concord::render_html(report, std::vector<std::string_view>{text});
  CHECK(contains(html, "<li id=\"s0-L1\">one <a class=\"ref sev-error\" id=\"f1-0\""));
  CHECK(contains(html, "<mark class=\"sev-error\">two</mark></li>"));
  CHECK(contains(html, "<li id=\"s0-L2\"><mark class=\"sev-error\">three</mark>"));
  CHECK(contains(html, "<mark class=\"sev-error\">&lt;four&gt;</mark></li>"));
  CHECK(contains(html, "<li id=\"s0-L3\">five</li>"));
  CHECK(!contains(html, "\xEF\xBB\xBF"));
  // The excerpt with its context, the CR LF shown as one line break.
  CHECK(contains(html, "one <mark>two\nthree</mark> "));
  CHECK(count(html, "<mark") == count(html, "</mark>"));

  // The CSP allows exactly the page's own style and script.
  const auto between = [&](const std::string& open, const std::string& close) {
    const std::size_t a = html.find(open) + open.size();
    return html.substr(a, html.find(close, a) - a);
  };
  const std::string csp = between("Content-Security-Policy\" content=\"", "\"");
  CHECK(contains(csp, "script-src 'sha256-" + concord::report_detail::sha256_base64(between("<script>", "</script>")) + "'"));
  CHECK(contains(csp, "style-src 'sha256-" + concord::report_detail::sha256_base64(between("<style>", "</style>")) + "'"));
  CHECK(!contains(csp, "unsafe"));

  // Without the texts: excerpts only, no full text.
  const std::string bare = concord::render_html(report, std::vector<std::string_view>{});
  CHECK(contains(bare, "<mark>&lt;four&gt;</mark>"));
  CHECK(contains(bare, "not available"));
}

TEST_CASE("HTML: the empty line after a final line break, as Source counts it", "[report][html]") {
  const std::string text = "one\ntwo\n";
  Report report;
  report.group = "g";
  report.sources.push_back({"a.txt", "en", concord::LanguageOrigin::kGiven});
  const std::string plain = concord::render_html(report, std::vector<std::string_view>{text});
  CHECK(contains(plain, "<li id=\"s0-L2\">two</li>"));
  CHECK(!contains(plain, "s0-L3"));  // nothing points there: not shown
  Finding f;
  f.rule = "count";
  f.severity = concord::Severity::kWarning;
  f.message = "m";
  f.locations.push_back(location("a.txt", 0, 8, 8, ""));  // line 3, column 1
  report.findings.push_back(f);
  const std::string html = concord::render_html(report, std::vector<std::string_view>{text});
  CHECK(contains(html, "<li id=\"s0-L2\">two</li>"));
  CHECK(contains(html, "<li id=\"s0-L3\"><a class=\"ref sev-warning\" id=\"f1-0\""));
}

TEST_CASE("report helpers: SHA-256, right-to-left languages", "[report]") {
  using concord::report_detail::sha256_base64;
  CHECK(sha256_base64("") == "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
  CHECK(sha256_base64("abc") == "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
  CHECK(sha256_base64(std::string(1000, 'a')) == "Qe3s5C1j6Nm/UVqbppMuHCDLyfWl0TRkWttdsblzfqM=");
  CHECK(concord::report_detail::is_rtl_language("fa"));
  CHECK(concord::report_detail::is_rtl_language("fa-IR"));
  CHECK(!concord::report_detail::is_rtl_language("es"));
  CHECK(!concord::report_detail::is_rtl_language("f"));
}

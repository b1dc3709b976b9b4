#include <catch2/catch.hpp>

#include <string>

#include "engine.h"
#include "rules/rules.h"
#include "text/document.h"
#include "text/normalize.h"
#include "text/offset_map.h"

using concord::Document;
using concord::NormalizedText;
using concord::Normalizer;
using concord::OffsetMap;
using concord::Source;

namespace {

const concord::RuleSet& real_rules() {
  static const concord::RuleSet rules = concord::load_rules({std::string(CONCORD_SOURCE_DIR) + "/rules"});
  return rules;
}

const Normalizer& real_normalizer() { return real_rules().normalizer; }

// The original bytes behind the first occurrence of `needle` (normalized).
struct Found {
  std::size_t begin = 0, end = 0;  // normalized
  std::size_t start = 0, stop = 0;  // original bytes
  std::string original;
};

Found find_in(const Document& doc, const std::string& needle) {
  Found f;
  const auto at = doc.text().find(needle);
  REQUIRE(at != std::string::npos);
  f.begin = at;
  f.end = at + needle.size();
  f.start = doc.original_start(f.begin);
  f.stop = doc.original_end(f.end);
  f.original = std::string(doc.source().bytes().substr(f.start, f.stop - f.start));
  CHECK(doc.original_slice(f.begin, f.end) == f.original);
  return f;
}

}  // namespace

// ---------------------------------------------------------------- OffsetMap

TEST_CASE("OffsetMap: an empty or unchanged map is the identity", "[offset_map]") {
  OffsetMap empty;
  CHECK(empty.is_identity());
  CHECK(empty.to_source_start(0) == 0);
  CHECK(empty.to_source_end(0) == 0);

  OffsetMap same;
  same.add_unchanged(5);
  same.add_unchanged(3);  // merged with the previous span
  CHECK(same.is_identity());
  CHECK(same.source_size() == 8);
  CHECK(same.output_size() == 8);
  for (std::size_t i = 0; i <= 8; ++i) {
    CHECK(same.to_source_start(i) == i);
    CHECK(same.to_source_end(i) == i);
  }
}

TEST_CASE("OffsetMap: unchanged, changed and removed spans", "[offset_map]") {
  // source: [0,3) kept | [3,5) -> 1 byte | [5,8) removed | [8,10) kept
  // output: [0,3)      | [3,4)           |               | [4,6)
  OffsetMap m;
  m.add_unchanged(3);
  m.add_change(2, 1);
  m.add_change(3, 0);
  m.add_unchanged(2);
  CHECK_FALSE(m.is_identity());
  CHECK(m.source_size() == 10);
  CHECK(m.output_size() == 6);

  CHECK(m.to_source_start(0) == 0);
  CHECK(m.to_source_start(2) == 2);
  CHECK(m.to_source_start(3) == 3);   // the changed span starts where its source does
  CHECK(m.to_source_start(4) == 8);   // after the removed bytes
  CHECK(m.to_source_start(5) == 9);
  CHECK(m.to_source_start(6) == 10);  // end of text

  CHECK(m.to_source_end(0) == 0);
  CHECK(m.to_source_end(3) == 3);
  CHECK(m.to_source_end(4) == 5);   // the whole changed span, not the removed bytes after it
  CHECK(m.to_source_end(5) == 9);
  CHECK(m.to_source_end(6) == 10);
}

TEST_CASE("OffsetMap: a position inside a changed span maps to the whole span", "[offset_map]") {
  // One source character of 2 bytes became 3 output bytes (e.g. a ligature).
  OffsetMap m;
  m.add_unchanged(1);
  m.add_change(2, 3);
  m.add_unchanged(1);
  CHECK(m.output_size() == 5);
  CHECK(m.source_size() == 4);
  for (std::size_t i = 1; i <= 3; ++i) {
    CAPTURE(i);
    CHECK(m.to_source_start(i) == 1);
  }
  for (std::size_t i = 2; i <= 4; ++i) {
    CAPTURE(i);
    CHECK(m.to_source_end(i) == 3);
  }
  CHECK(m.to_source_start(4) == 3);
  CHECK(m.to_source_end(5) == 4);
}

TEST_CASE("OffsetMap: removals at the start and at the end", "[offset_map]") {
  OffsetMap start;
  start.add_change(3, 0);
  start.add_unchanged(2);
  CHECK(start.to_source_start(0) == 3);
  CHECK(start.to_source_end(2) == 5);

  OffsetMap end;
  end.add_unchanged(2);
  end.add_change(3, 0);
  CHECK(end.to_source_start(0) == 0);
  CHECK(end.to_source_end(2) == 2);  // the removed tail is not part of a match
  CHECK(end.to_source_start(2) == 5);
}

// ---------------------------------------------------------------- Normalizer

TEST_CASE("Normalizer: Arabic letters fold to their Persian forms", "[normalize]") {
  const Normalizer& n = real_normalizer();
  CHECK(n.normalize_string("علي") == "علی");        // U+064A -> U+06CC
  CHECK(n.normalize_string("آلمانى") == "آلمانی");  // U+0649 -> U+06CC
  CHECK(n.normalize_string("كشور") == "کشور");      // U+0643 -> U+06A9
  CHECK(n.normalize_string("ويژهٔ") == "ویژه");      // ezafe hamza removed, yeh folded
  CHECK(n.normalize_string("مدرسة") == "مدرسه");     // teh marbuta
  // Already Persian text is unchanged, and its map is the identity.
  const NormalizedText t = n.normalize("قزاقستان");
  CHECK(t.text == "قزاقستان");
  CHECK(t.fold.is_identity());
}

TEST_CASE("Normalizer: tatweel, ZWNJ and bidi marks are removed", "[normalize]") {
  const Normalizer& n = real_normalizer();
  CHECK(n.normalize_string("دسـامبر") == "دسامبر");
  CHECK(n.normalize_string("دســــامبر") == "دسامبر");
  CHECK(n.normalize_string("می\u200Cرود") == "میرود");
  CHECK(n.normalize_string("\u200Fسلام\u200E") == "سلام");
  CHECK(n.normalize_string("a\u00ADb") == "ab");
}

TEST_CASE("Normalizer: digits of every script fold to ASCII", "[normalize]") {
  const Normalizer& n = real_normalizer();
  CHECK(n.normalize_string("۱۹۹۱") == "1991");            // Extended Arabic-Indic (Persian)
  CHECK(n.normalize_string("١٩٩١") == "1991");            // Arabic-Indic
  CHECK(n.normalize_string("۲۵ دسامبر") == "25 دسامبر");
  CHECK(n.normalize_string("१२") == "12");                // Devanagari
  CHECK(n.normalize_string("2006") == "2006");
}

TEST_CASE("Normalizer: CR and CRLF fold to LF; no-break spaces to spaces", "[normalize]") {
  const Normalizer& n = real_normalizer();
  const NormalizedText t = n.normalize("a\r\nb\rc\nd");
  CHECK(t.text == "a\nb\nc\nd");
  // "b" is at 2 in the output and at 3 in the input.
  CHECK(t.original_start(2) == 3);
  // The folded line break maps back to both bytes of CRLF.
  CHECK(t.original_start(1) == 1);
  CHECK(t.original_end(2) == 3);
  CHECK(n.normalize_string("16\u00A0de diciembre") == "16 de diciembre");
}

TEST_CASE("Normalizer: key() normalizes and case-folds", "[normalize]") {
  const Normalizer& n = real_normalizer();
  CHECK(n.key("KAZAJISTÁN") == "kazajistán");
  CHECK(n.key("Almaty") == "almaty");
  CHECK(n.key("آلمانى") == "آلمانی");
  CHECK(concord::fold_case("Straße") == "strasse");
}

TEST_CASE("Normalizer: offsets of folded letters map back to the original bytes", "[normalize]") {
  const Normalizer& n = real_normalizer();
  // Every Persian letter is 2 bytes; the tatweel (2 bytes) is removed; the
  // alef maksura (2 bytes) becomes a Persian yeh (2 bytes); each digit goes
  // from 2 bytes to 1.
  const std::string in = "دسـامبر ۱۹۹۱ آلمانى";
  const NormalizedText t = n.normalize(in);
  REQUIRE(t.text == "دسامبر 1991 آلمانی");
  // "دسامبر" = [0,12) normalized; original [0,14) with the tatweel.
  CHECK(t.original_start(0) == 0);
  CHECK(t.original_end(12) == 14);
  // "1991" = [13,17) normalized; original "۱۹۹۱" = [15,23).
  CHECK(t.original_start(13) == 15);
  CHECK(t.original_end(17) == 23);
  // "آلمانی" = [18,30) normalized; original [24,36).
  CHECK(t.original_start(18) == 24);
  CHECK(t.original_end(30) == 36);
  CHECK(in.substr(24, 12) == "آلمانى");
}

TEST_CASE("Normalizer: a decomposed sequence is composed (NFC) and maps back whole", "[normalize][nfc]") {
  const Normalizer& n = real_normalizer();
  const std::string in = "Cafe\u0301 x";  // e + COMBINING ACUTE ACCENT
  const NormalizedText t = n.normalize(in);
  REQUIRE(t.text == "Café x");
  CHECK_FALSE(t.nfc.is_identity());
  // "é" = normalized [3,5); original "e\u0301" = [3,6).
  CHECK(t.original_start(3) == 3);
  CHECK(t.original_end(5) == 6);
  // "x" = normalized [6,7); original [7,8).
  CHECK(t.original_start(6) == 7);
  CHECK(t.original_end(7) == 8);
  // Arabic: alef + madda above composes to U+0622.
  CHECK(n.normalize_string("\u0627\u0653لماتی") == "آلماتی");
}

TEST_CASE("Normalizer: NFC then fold, both maps composed", "[normalize][nfc]") {
  const Normalizer& n = real_normalizer();
  // NFC changes the first word, the fold changes the Arabic kaf after it.
  const std::string in = "e\u0301 كشور ۱";
  const NormalizedText t = n.normalize(in);
  REQUIRE(t.text == "é کشور 1");
  const auto kaf = t.text.find("کشور");
  REQUIRE(kaf == 3);
  CHECK(t.original_start(kaf) == 4);
  CHECK(t.original_end(kaf + 8) == 12);
  CHECK(in.substr(4, 8) == "كشور");
  const auto one = t.text.find('1');
  CHECK(t.original_start(one) == 13);
  CHECK(t.original_end(one + 1) == 15);
}

// ------------------------------------------- Document: back to original bytes

TEST_CASE("Document: a match in normalized Persian text maps back to the exact original bytes",
          "[normalize][document][acceptance]") {
  const std::string line1 = "Ascii line one.";
  const std::string line2 = "سفر به آلمانى در ۱۹۹۳";
  const std::string bytes = line1 + "\n" + line2 + "\n";
  const Document doc(Source::from_bytes("fa.txt", bytes), real_normalizer());
  REQUIRE(doc.text() == "Ascii line one.\nسفر به آلمانی در 1993\n");

  const Found word = find_in(doc, "آلمانی");
  CHECK(word.original == "آلمانى");  // alef maksura, as written
  CHECK(word.start == bytes.find("آلمانى"));
  CHECK(word.stop == word.start + 12);
  const auto a = doc.source().position(word.start);
  const auto b = doc.source().position(word.stop);
  CHECK(a.line == 2);
  CHECK(a.column == 8);  // "سفر به " is 7 code points
  CHECK(b.line == 2);
  CHECK(b.column == 14);

  const Found year = find_in(doc, "1993");
  CHECK(year.original == "۱۹۹۳");
  CHECK(year.start == bytes.find("۱۹۹۳"));
  CHECK(year.stop == year.start + 8);
  CHECK(doc.source().position(year.start).line == 2);
  CHECK(doc.source().position(year.start).column == 18);  // "سفر به آلمانى در " is 17
  CHECK(doc.source().position(year.stop).column == 22);
}

TEST_CASE("Document: BOM, CRLF, tatweel and ZWNJ before a match do not shift it",
          "[normalize][document][acceptance]") {
  const std::string line2 = "می\u200Cرود به آلمانـى در ۱۹۹۳";
  const std::string bytes = "\xEF\xBB\xBF" "Ascii line one.\r\n" + line2;
  const Document doc(Source::from_bytes("fa.txt", bytes), real_normalizer());
  REQUIRE(doc.text() == "Ascii line one.\nمیرود به آلمانی در 1993");

  const Found word = find_in(doc, "آلمانی");
  CHECK(word.original == "آلمانـى");  // tatweel and alef maksura as written
  CHECK(word.start == bytes.find("آلمانـى"));
  // "می" ZWNJ "رود به " = 2 + 1 + 3 + 1 + 2 + 1 = 10 code points.
  CHECK(doc.source().position(word.start).line == 2);
  CHECK(doc.source().position(word.start).column == 11);
  CHECK(doc.source().position(word.stop).column == 18);  // 7 code points with the tatweel

  const Found year = find_in(doc, "1993");
  CHECK(year.original == "۱۹۹۳");
  CHECK(year.stop == bytes.size());
  CHECK(doc.source().position(year.start).column == 22);

  // The first line's columns start after the BOM.
  const Found ascii = find_in(doc, "line");
  CHECK(ascii.start == 3 + 6);
  CHECK(doc.source().position(ascii.start).line == 1);
  CHECK(doc.source().position(ascii.start).column == 7);
}

TEST_CASE("Document: NFC composition maps back to the decomposed original", "[normalize][document][nfc]") {
  const std::string bytes = "hola\nCafe\u0301 de Kazajista\u0301n";
  const Document doc(Source::from_bytes("es.txt", bytes), real_normalizer());
  REQUIRE(doc.text() == "hola\nCafé de Kazajistán");
  const Found name = find_in(doc, "Kazajistán");
  CHECK(name.original == "Kazajista\u0301n");
  CHECK(doc.source().position(name.start).line == 2);
  // "Cafe\u0301 de " is 9 code points in the original.
  CHECK(doc.source().position(name.start).column == 10);
  // "Kazajista\u0301n" is 11 code points.
  CHECK(doc.source().position(name.stop).column == 21);
  const Found e = find_in(doc, "é");
  CHECK(e.original == "e\u0301");
}

TEST_CASE("Engine: finding locations carry original excerpt, line and column",
          "[normalize][document][acceptance]") {
  concord::Engine engine(concord::load_rules({std::string(CONCORD_SOURCE_DIR) + "/rules"}));
  const std::string bytes = "First line.\nسفر به آلمانى در ۱۹۹۳ انجام شد.";
  const concord::Group group =
      engine.analyze("g", {concord::SourceSpec{"fa.txt", "fa", bytes}});
  const concord::AnalyzedSource& s = group.sources.at(0);
  const auto at = s.doc.text().find("آلمانی");
  REQUIRE(at != std::string::npos);
  const concord::Location loc = s.location(at, at + std::string("آلمانی").size());
  CHECK(loc.excerpt == "آلمانى");
  CHECK(loc.start == bytes.find("آلمانى"));
  CHECK(loc.end == loc.start + 12);
  CHECK(loc.line == 2);
  CHECK(loc.column == 8);
  CHECK(loc.end_line == 2);
  CHECK(loc.end_column == 14);
  // The date the extractor found in that line maps back too.
  REQUIRE(s.extraction.dates.size() == 1);
  const concord::DateMention& d = s.extraction.dates[0];
  const concord::Location dl = s.location(d.begin, d.end);
  CHECK(dl.excerpt == "۱۹۹۳");
  CHECK(dl.line == 2);
  CHECK(dl.column == 18);
}

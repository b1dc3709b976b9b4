#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "temp_folder.h"
#include "text/source.h"

using concord::Source;
using concord::UserError;

namespace {

// Runs `f`, which must throw a UserError, and returns it.
template <typename F>
UserError user_error_of(F&& f) {
  try {
    f();
  } catch (const UserError& e) {
    return e;
  }
  FAIL("expected a concord::UserError");
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("Source: columns count code points, not bytes", "[source]") {
  const Source s = Source::from_bytes("t.txt", "ab\nقزاقستان x\n");
  CHECK(s.position(0).line == 1);
  CHECK(s.position(3).line == 2);
  CHECK(s.position(3).column == 1);
  // "قزاقستان" is 8 letters of 2 bytes each; the space after it is column 9.
  CHECK(s.position(3 + 16).column == 9);
}

TEST_CASE("Source: invalid UTF-8 is a UserError naming the path and the byte", "[source][utf8]") {
  struct Case {
    std::string bytes;
    std::size_t bad;
  };
  const Case c = GENERATE(values<Case>({
      {"ab\xFF" "cd", 2},              // a byte that never occurs in UTF-8
      {"hello \xC3(", 6},              // lead byte followed by ASCII
      {"x\xC0\xAF", 1},                // overlong encoding of '/'
      {"ok\xED\xA0\x80", 2},           // UTF-16 surrogate D800
      {"abc\xF4\x90\x80\x80", 3},      // beyond U+10FFFF
      {"سلام\xD8", 8},                 // truncated at the end of the file
      {"\x80", 0},                     // lone continuation byte
  }));
  CAPTURE(c.bytes, c.bad);
  const UserError e = user_error_of([&] { Source::from_bytes("dir/bad.txt", c.bytes); });
  const std::string what = e.what();
  CHECK(what.find("dir/bad.txt") != std::string::npos);
  CHECK(what.find("byte " + std::to_string(c.bad)) != std::string::npos);
  CHECK(what.find("UTF-8") != std::string::npos);
  CHECK(what.find('\n') == std::string::npos);
  CHECK(e.path() == "dir/bad.txt");
  REQUIRE(e.where().byte_offset.has_value());
  CHECK(*e.where().byte_offset == c.bad);
  CHECK(concord::find_invalid_utf8(c.bytes) == c.bad);
}

TEST_CASE("Source: find_invalid_utf8 accepts well-formed text of every length", "[source][utf8]") {
  CHECK(concord::find_invalid_utf8("") == std::string_view::npos);
  CHECK(concord::find_invalid_utf8("plain ASCII") == std::string_view::npos);
  CHECK(concord::find_invalid_utf8("é ی ۱ € 𝄞") == std::string_view::npos);  // 2, 2, 2, 3, 4 bytes
  CHECK(concord::find_invalid_utf8("\xF4\x8F\xBF\xBF") == std::string_view::npos);  // U+10FFFF
}

TEST_CASE("Source: a UTF-8 BOM is kept in bytes but not in content or columns", "[source][bom]") {
  const Source s = Source::from_bytes("bom.txt", "\xEF\xBB\xBF" "abc\nd");
  CHECK(s.content_start() == 3);
  CHECK(s.bytes().size() == 8);
  CHECK(s.content() == "abc\nd");
  // Line 1's columns start after the BOM.
  CHECK(s.position(3).line == 1);
  CHECK(s.position(3).column == 1);
  CHECK(s.position(4).column == 2);
  CHECK(s.position(6).column == 4);  // the newline
  CHECK(s.position(7).line == 2);
  CHECK(s.position(7).column == 1);
  const auto [b, e] = s.line_range(1);
  CHECK(b == 3);
  CHECK(e == 6);
}

TEST_CASE("Source: BOM followed by Persian text", "[source][bom]") {
  const Source s = Source::from_bytes("bom.txt", "\xEF\xBB\xBF" "سلام x");
  CHECK(s.content_start() == 3);
  // 4 letters of 2 bytes, then a space: "x" is code point 6.
  CHECK(s.position(3 + 8 + 1).column == 6);
  CHECK(s.position(3 + 8 + 1).line == 1);
}

TEST_CASE("Source: no BOM means content starts at 0", "[source][bom]") {
  const Source s = Source::from_bytes("plain.txt", "abc");
  CHECK(s.content_start() == 0);
  CHECK(s.content() == "abc");
  CHECK(s.position(0).column == 1);
  // A BOM-like sequence later in the file is just a character (U+FEFF).
  const Source t = Source::from_bytes("later.txt", "a\xEF\xBB\xBF" "b");
  CHECK(t.content_start() == 0);
  CHECK(t.position(4).column == 3);
}

TEST_CASE("Source: LF, CRLF and lone CR each end one line", "[source][lines]") {
  //                                0 1 2  3  4 5  6 7  8 9
  const Source s = Source::from_bytes("nl.txt", "a\r\nb\rc\nd\r\n");
  // Lines: "a" CRLF, "b" CR, "c" LF, "d" CRLF, then an empty last line.
  CHECK(s.line_count() == 5);
  CHECK(s.position(0).line == 1);
  CHECK(s.position(1).line == 1);   // the CR of CRLF
  CHECK(s.position(1).column == 2);
  CHECK(s.position(2).line == 1);   // the LF of CRLF belongs to the same line
  CHECK(s.position(2).column == 3);
  CHECK(s.position(3).line == 2);   // "b"
  CHECK(s.position(3).column == 1);
  CHECK(s.position(4).line == 2);   // lone CR
  CHECK(s.position(5).line == 3);   // "c"
  CHECK(s.position(5).column == 1);
  CHECK(s.position(7).line == 4);   // "d"
  CHECK(s.position(7).column == 1);
  CHECK(s.position(10).line == 5);  // end of file
  CHECK(s.position(10).column == 1);

  CHECK(s.line_range(1) == std::make_pair<std::size_t, std::size_t>(0, 1));
  CHECK(s.line_range(2) == std::make_pair<std::size_t, std::size_t>(3, 4));
  CHECK(s.line_range(3) == std::make_pair<std::size_t, std::size_t>(5, 6));
  CHECK(s.line_range(4) == std::make_pair<std::size_t, std::size_t>(7, 8));
}

TEST_CASE("Source: a blank line between CRs counts", "[source][lines]") {
  const Source s = Source::from_bytes("cr.txt", "a\r\rb");
  CHECK(s.line_count() == 3);
  CHECK(s.position(3).line == 3);
  CHECK(s.position(3).column == 1);
  const Source crlf = Source::from_bytes("crlf.txt", "a\r\n\r\nb");
  CHECK(crlf.line_count() == 3);
  CHECK(crlf.position(5).line == 3);
}

TEST_CASE("Source: columns on later lines count code points of that line only", "[source][lines]") {
  // Line 2 is Persian in the older orthography (alef maksura), line 3 mixes scripts.
  const std::string text = "first\r\nسفر به آلمانى\nx é 𝄞 y";
  const Source s = Source::from_bytes("mixed.txt", text);
  const std::size_t line2 = 7;
  CHECK(s.position(line2).line == 2);
  // "سفر به " is 7 code points (14 bytes - 2 spaces of 1 byte = 12 bytes).
  const std::size_t almaty = text.find("آلمانى");
  CHECK(almaty == line2 + 12);
  CHECK(s.position(almaty).column == 8);
  const std::size_t y = text.rfind('y');
  CHECK(s.position(y).line == 3);
  // "x é 𝄞 " is 6 code points; 'y' is the 7th.
  CHECK(s.position(y).column == 7);
}

TEST_CASE("Source: positions past the end clamp to the end", "[source][lines]") {
  const Source s = Source::from_bytes("short.txt", "ab\ncd");
  CHECK(s.position(100).line == 2);
  CHECK(s.position(100).column == 3);
}

TEST_CASE("Source: empty files", "[source]") {
  const Source s = Source::from_bytes("empty.txt", "");
  CHECK(s.content().empty());
  CHECK(s.line_count() == 1);
  CHECK(s.position(0).line == 1);
  CHECK(s.position(0).column == 1);
  const Source bom = Source::from_bytes("bom-only.txt", "\xEF\xBB\xBF");
  CHECK(bom.content_start() == 3);
  CHECK(bom.content().empty());
  CHECK(bom.position(3).column == 1);
}

TEST_CASE("Source: a NUL byte makes the file binary", "[source][binary]") {
  const UserError e = user_error_of([] { Source::from_bytes("img.png", std::string("PNG\0\x01rest", 9)); });
  const std::string what = e.what();
  CHECK(what.find("img.png") != std::string::npos);
  CHECK(what.find("binary") != std::string::npos);
  CHECK(what.find("byte 3") != std::string::npos);
  REQUIRE(e.where().byte_offset.has_value());
  CHECK(*e.where().byte_offset == 3);
}

TEST_CASE("Source: UTF-16 is refused, with either byte order mark", "[source][utf16]") {
  const std::string le("\xFF\xFE" "a\0b\0", 6);
  const std::string be("\xFE\xFF" "\0a\0b", 6);
  for (const std::string& bytes : {le, be}) {
    const UserError e = user_error_of([&] { Source::from_bytes("u16.txt", bytes); });
    const std::string what = e.what();
    CHECK(what.find("u16.txt") != std::string::npos);
    CHECK(what.find("UTF-16") != std::string::npos);
    CHECK(what.find('\n') == std::string::npos);
  }
  // UTF-16 without a BOM has NUL bytes: binary.
  const UserError nobom = user_error_of([] { Source::from_bytes("u16.txt", std::string("a\0b\0", 4)); });
  CHECK(std::string(nobom.what()).find("binary") != std::string::npos);
}

TEST_CASE("Source::load reads files and reports unreadable ones", "[source][load]") {
  const concord::test::TempFolder temp("concord_source_test_", "load");
  const auto& dir = temp.path();
  const auto good = dir / "good.txt";
  {
    std::ofstream out(good, std::ios::binary);
    out << "\xEF\xBB\xBF" "سلام\r\nhola";
  }
  const Source s = Source::load(good.string());
  CHECK(s.path() == good.string());
  CHECK(s.content_start() == 3);
  CHECK(s.bytes().size() == 3 + 8 + 2 + 4);
  CHECK(s.line_count() == 2);

  SECTION("missing file") {
    const auto missing = (dir / "missing.txt").string();
    const UserError e = user_error_of([&] { Source::load(missing); });
    CHECK(std::string(e.what()).find(missing) != std::string::npos);
    CHECK(e.path() == missing);
  }
  SECTION("directory") {
    const UserError e = user_error_of([&] { Source::load(dir.string()); });
    CHECK(std::string(e.what()).find(dir.string()) != std::string::npos);
    CHECK(std::string(e.what()).find("directory") != std::string::npos);
  }
  SECTION("invalid UTF-8 on disk") {
    const auto bad = dir / "bad.txt";
    {
      std::ofstream out(bad, std::ios::binary);
      out << "line\n\xC3\x28";
    }
    const UserError e = user_error_of([&] { Source::load(bad.string()); });
    CHECK(std::string(e.what()).find(bad.string()) != std::string::npos);
    CHECK(std::string(e.what()).find("byte 5") != std::string::npos);
  }
}

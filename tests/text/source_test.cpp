#include <catch2/catch.hpp>

#include "text/source.h"

using concord::Source;
using concord::UserError;

TEST_CASE("Source: columns count code points, not bytes", "[source]") {
  const Source s = Source::from_bytes("t.txt", "ab\nقزاقستان x\n");
  CHECK(s.position(0).line == 1);
  CHECK(s.position(3).line == 2);
  CHECK(s.position(3).column == 1);
  // "قزاقستان" is 8 letters of 2 bytes each; the space after it is column 9.
  CHECK(s.position(3 + 16).column == 9);
}

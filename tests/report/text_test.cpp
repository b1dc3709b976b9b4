// The text format: one line per finding, right-to-left excerpts isolated.
#include <catch2/catch.hpp>

#include <string>

#include "engine.h"
#include "report/render.h"

namespace {

const concord::Engine& engine() {
  static const concord::Engine e(concord::load_rules({std::string(CONCORD_SOURCE_DIR) + "/rules"}));
  return e;
}

}  // namespace

TEST_CASE("text: right-to-left excerpts in a message are wrapped in isolates", "[report][text]") {
  const std::string fa = "سفارت در آلماتی است. فرستاده ویژه به آلمانی وارد شد.\n";
  const concord::Group group = engine().analyze("g", {concord::SourceSpec{"fa.txt", "fa", fa}});
  const concord::Report report = engine().check(group);
  const std::string text = concord::render_text(report, concord::TextStyle{false});
  INFO(text);
  // «⁨آلمانی⁩»: FSI after the opening guillemet, PDI before the closing one.
  CHECK(text.find("«\u2068آلمانی\u2069»") != std::string::npos);
  CHECK(text.find("suggestion: \u2068آلماتی\u2069\n") != std::string::npos);
  // Left-to-right text gets none.
  CHECK(text.find("fa.txt:1:") == 0);
  const std::string es = "Este es un texto sencillo.\n";
  const concord::Group plain = engine().analyze("g", {concord::SourceSpec{"es.txt", "es", es}});
  CHECK(concord::render_text(engine().check(plain), concord::TextStyle{false}).find("\u2068") == std::string::npos);
}

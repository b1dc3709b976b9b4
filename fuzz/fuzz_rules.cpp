// Bytes → one rule file in a small rule folder → load_rules → an Engine
// that checks a fixed Persian and Spanish text with those rules. The file's
// place follows its content, so that the seeds (the bundled rule files) are
// plain YAML: `entities:` makes it entities.yaml, `events:` events.yaml,
// `checks:` checks.yaml, `replace:`/`remove:` shared/normalize.yaml,
// `locale:` fa/language.yaml, anything else a second file of the fa pack.
// Either the rules load and the text is checked, or a UserError says why.

#include <filesystem>
#include <fstream>
#include <string>

#include "engine.h"
#include "harness.h"

namespace concord::fuzz {
namespace {

namespace fs = std::filesystem;

const fs::path& folder() {
  static const fs::path kFolder = scratch_folder("concord_fuzz_rules_");
  return kFolder;
}

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The event types of the bundled rules, so that triggers can name them.
const std::string& bundled_events() {
  static const std::string kEvents = slurp(CONCORD_SOURCE_DIR "/rules/events.yaml");
  return kEvents;
}

std::string place(const std::string& input) {
  if (input.find("entities:") != std::string::npos) return "entities.yaml";
  if (input.find("events:") != std::string::npos) return "events.yaml";
  if (input.find("checks:") != std::string::npos) return "checks.yaml";
  if (input.find("replace:") != std::string::npos || input.find("remove:") != std::string::npos) {
    return "shared/normalize.yaml";
  }
  if (input.find("locale:") != std::string::npos) return "fa/language.yaml";
  return "fa/fuzz.yaml";
}

}  // namespace

int rules(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const fs::path& dir = folder();
  std::error_code ec;
  fs::remove_all(dir, ec);
  write_file(dir / "events.yaml", bundled_events());
  write_file(dir / "fa" / "language.yaml", "name: Persian\nlocale: fa\nscript: Arab\n");
  write_file(dir / "es" / "language.yaml", "name: Spanish\nlocale: es\nscript: Latn\n");
  write_file(dir / place(input), input);
  try {
    const Engine engine(load_rules({dir.string()}));
    const Group group = engine.analyze(
        "fuzz", {SourceSpec{"fa.txt", "fa", "این کنفرانس از ۱۴ تا ۱۴ فوریه ۱۹۹۴ در آلماتی برگزار شد.\n"},
                 SourceSpec{"es.txt", "es", "Kazajistán y Estados Unidos establecieron relaciones el 16 de diciembre de 1991.\n"}});
    (void)engine.check(group);
  } catch (const UserError& e) {
    if (e.formatted().find('\n') != std::string::npos) invariant_failed("an error message of several lines");
  }
  fs::remove_all(dir, ec);
  return 0;
}

}  // namespace concord::fuzz

CONCORD_FUZZ_ENTRY(rules)

// Bytes → .concord.yaml of a small project → load_config, then the
// configured groups looked up and the check settings applied. Either the
// config loads, with every source inside the project, or a UserError says
// why.

#include <filesystem>
#include <string>

#include "harness.h"
#include "project/config.h"

namespace concord::fuzz {
namespace {

namespace fs = std::filesystem;

// The project: a few texts for patterns to match, a rule folder, and a
// file outside it that no config may reach.
const fs::path& project() {
  static const fs::path kProject = [] {
    std::error_code ec;
    const fs::path root = scratch_folder("concord_fuzz_config_");
    fs::remove_all(root, ec);
    write_file(root / "outside.txt", "outside\n");
    const fs::path p = root / "project";
    write_file(p / "texts" / "fa" / "kz-us.txt", "متن\n");
    write_file(p / "texts" / "es" / "kz-us.txt", "texto\n");
    write_file(p / "texts" / "es" / "uz-us.md", "texto\n");
    write_file(p / "texts" / "drafts" / "x.txt", "borrador\n");
    fs::create_directories(p / "extra-rules");
    fs::create_symlink(root / "outside.txt", p / "texts" / "link.txt", ec);
    return fs::weakly_canonical(p);
  }();
  return kProject;
}

}  // namespace

int config(const std::uint8_t* data, std::size_t size) {
  const fs::path& dir = project();
  const fs::path path = dir / ".concord.yaml";
  write_file(path, std::string(reinterpret_cast<const char*>(data), size));
  try {
    const ProjectConfig c = load_config(path.string());
    for (const GroupSpec& g : c.groups) {
      for (const SourceSpec& s : g.sources) {
        const fs::path full = fs::weakly_canonical(s.path);
        const auto rel = full.lexically_relative(dir);
        if (rel.empty() || *rel.begin() == "..") invariant_failed("a configured source outside the project");
      }
    }
    RuleSet rules;
    apply_check_settings(c, rules);
    (void)groups_for(c, {(dir / "texts" / "es" / "kz-us.txt").string(), (dir / "nowhere.txt").string()});
  } catch (const UserError& e) {
    if (e.formatted().find('\n') != std::string::npos) invariant_failed("an error message of several lines");
  }
  return 0;
}

}  // namespace concord::fuzz

CONCORD_FUZZ_ENTRY(config)

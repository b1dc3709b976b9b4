// orthography: a source written in an older orthography its pack describes
// (Persian: Arabic yeh «ي»/«ى» and kaf «ك» for «ی» and «ک», no ZWNJ in
// «مىشود», «برنامههاى»). One summary finding per source, with counts and
// the first place: the repair is mechanical (`concord fix --orthography`),
// so hundreds of findings would only bury the others.
//
// Reads the original bytes: normalization folds these letters away.
#include <fmt/format.h>

#include <map>
#include <memory>
#include <mutex>
#include <utility>

#include "checks/orthography.h"
#include "checks/registry.h"
#include "text/segment.h"

namespace concord {
namespace {

class OrthographyCheck : public Check {
 public:
  OrthographyCheck(bool zwnj, std::size_t min_count) : zwnj_(zwnj), min_count_(min_count) {}

  void run(const Group& group, std::vector<Finding>& out) const override {
    for (const AnalyzedSource& source : group.sources) {
      const LanguagePack& pack = *source.pack;
      if (!pack.orthography.declared()) continue;
      const Source& file = source.doc.source();
      const std::vector<OrthographyIssue> issues =
          find_orthography_issues(file.content(), pack, group.spellers->get(pack), zwnj_, &memo(pack, group));
      if (issues.empty() || issues.size() < min_count_) continue;

      // Counts per letter name, in the pack's order («Arabic yeh» may cover
      // two letters), then missing ZWNJs.
      std::vector<std::string> names;
      std::map<std::string, std::size_t> counts;
      std::map<std::string, std::string> letters;
      for (const auto& l : pack.orthography.letters) {
        if (counts.emplace(l.name, 0).second) names.push_back(l.name);
      }
      std::size_t zwnj = 0;
      for (const OrthographyIssue& issue : issues) {
        if (issue.type == OrthographyIssue::Type::kZwnj) {
          ++zwnj;
          continue;
        }
        const auto& l = pack.orthography.letters[issue.letter];
        ++counts[l.name];
        const std::string glyph = to_utf8(std::u32string(1, l.from));
        std::string& shown = letters[l.name];
        if (shown.find(glyph) == std::string::npos) shown += (shown.empty() ? "" : ", ") + glyph;
      }
      std::string parts;
      for (const std::string& name : names) {
        if (counts[name] == 0) continue;
        parts += fmt::format("{}{} {} ({})", parts.empty() ? "" : ", ", counts[name], name, letters[name]);
      }
      if (zwnj > 0) parts += fmt::format("{}{} missing ZWNJ", parts.empty() ? "" : ", ", zwnj);

      const OrthographyIssue& first = issues.front();
      const std::size_t base = file.content_start();
      Finding f = finding(fmt::format("older orthography: {}; run `concord fix --orthography`", parts),
                          {source.original_location(base + first.word_begin, base + first.word_end)});
      f.subject = "orthography";
      out.push_back(std::move(f));
    }
  }

 private:
  // One memo per pack and Speller (an engine's checks see one Speller per
  // pack, but a memo must never mix two).
  const ZwnjMemo& memo(const LanguagePack& pack, const Group& group) const {
    const Speller* speller = &group.spellers->get(pack);
    const std::lock_guard<std::mutex> lock(memos_mutex_);
    std::unique_ptr<ZwnjMemo>& m = memos_[{pack.id, speller}];
    if (!m) m = std::make_unique<ZwnjMemo>();
    return *m;
  }

  bool zwnj_;
  std::size_t min_count_;
  mutable std::mutex memos_mutex_;
  mutable std::map<std::pair<std::string, const Speller*>, std::unique_ptr<ZwnjMemo>> memos_;
};

}  // namespace

std::unique_ptr<Check> make_orthography_check(CheckOptions& options, const RuleSet&) {
  const bool zwnj = options.flag("zwnj", true);
  const double min_count = options.number("min_count", 1);
  return std::make_unique<OrthographyCheck>(zwnj, static_cast<std::size_t>(min_count < 1 ? 1 : min_count));
}

}  // namespace concord

#include "engine.h"

#include <fmt/format.h>

#include <unicode/uchar.h>

#include <algorithm>
#include <future>
#include <set>
#include <string>
#include <tuple>

#include "checks/registry.h"

namespace concord {
namespace {

bool has_letters(const Document& doc) {
  for (char32_t c : to_u32(doc.text())) {
    if (u_isalpha(static_cast<UChar32>(c))) return true;
  }
  return false;
}

}  // namespace

Engine::Engine(RuleSet rules, EngineOptions options)
    : rules_(std::move(rules)), options_(options), checks_(make_checks(rules_)) {
  for (const auto& [id, pack] : rules_.languages) {
    profiles_.push_back(LanguageProfile{id, pack.script, pack.detect_words});
  }
  const std::size_t slots = kChecks + checks_.size();
  nanos_ = std::make_unique<std::atomic<std::int64_t>[]>(slots);
  for (std::size_t i = 0; i < slots; ++i) nanos_[i] = 0;
}

StageClock Engine::stage_clock(std::size_t stage) const {
  return StageClock(options_.timings ? &nanos_[stage] : nullptr);
}

StageTimes Engine::timings() const {
  StageTimes t;
  auto seconds = [&](std::size_t slot) { return static_cast<double>(nanos_[slot].load()) / 1e9; };
  t.stages = {{"load", seconds(kLoad)},
              {"normalize", seconds(kNormalize)},
              {"language", seconds(kLanguage)},
              {"sentences", seconds(kSentences)},
              {"extract", seconds(kExtract)}};
  for (std::size_t i = 0; i < checks_.size(); ++i) t.stages.emplace_back("check " + checks_[i]->id(), seconds(kChecks + i));
  t.dictionaries = Speller::loading_seconds();
  return t;
}

Engine::~Engine() = default;

Group Engine::analyze(const std::string& name, const std::vector<SourceSpec>& specs) const {
  Group group;
  group.name = name;
  group.rules = &rules_;
  group.spellers = &spellers_;
  group.sources.reserve(specs.size());
  // First every source is read and its language told, and the dictionaries
  // the group needs start loading, each on a thread of its own; then the
  // sources are segmented and extracted while they load. Loading one (es:
  // nuspell reading its affixes) takes longer than extracting the pair, so
  // it starts before the first extraction, not after the previous source's.
  struct Pending {
    Document doc;
    std::string lang;
    LanguageOrigin origin;
    const LanguagePack* pack;
  };
  std::vector<Pending> pending;
  pending.reserve(specs.size());
  std::vector<const Speller*> preloading;  // one thread per dictionary
  for (const SourceSpec& spec : specs) {
    StageClock load = stage_clock(kLoad);
    Source source = spec.text ? Source::from_bytes(spec.path, *spec.text, options_.max_source_bytes)
                              : Source::load(spec.path, options_.max_source_bytes);
    load.stop();
    StageClock normalize = stage_clock(kNormalize);
    Document doc(std::move(source), rules_.normalizer);
    normalize.stop();
    StageClock language = stage_clock(kLanguage);
    std::string lang = spec.lang;
    LanguageOrigin origin = LanguageOrigin::kGiven;
    if (lang.empty()) {
      origin = LanguageOrigin::kDetected;
      auto detected = detect_language(doc.text(), doc.tokens(), profiles_,
                                      [&doc](std::size_t t) { return doc.token_key(t); });
      if (!detected) {
        // An empty or letterless file has nothing to check: any pack will do.
        if (!has_letters(doc) && !rules_.languages.empty()) {
          detected = rules_.languages.begin()->first;
        } else {
          std::string known;
          for (const auto& [id, pack] : rules_.languages) known += (known.empty() ? "" : ", ") + id;
          throw UserError(spec.path, fmt::format("cannot tell the language (rule packs: {}); give it with "
                                                 "--lang {}=LANG", known, spec.path));
        }
      }
      lang = *detected;
    }
    // The pack as read: compiled (rules_.language()) below, while the
    // dictionaries load.
    const auto found = rules_.languages.find(lang);
    const LanguagePack* pack = found == rules_.languages.end() ? nullptr : &found->second;
    if (pack == nullptr) {
      std::string known;
      for (const auto& [id, p] : rules_.languages) known += (known.empty() ? "" : ", ") + id;
      throw UserError(spec.path, fmt::format("no rule pack for language '{}' (rule packs: {})", lang, known));
    }
    language.stop();
    if (const Speller& speller = spellers_.get(*pack);
        options_.preload_dictionaries && !speller.ready() &&
        std::find(preloading.begin(), preloading.end(), &speller) == preloading.end()) {
      preloading.push_back(&speller);
      group.preloads.push_back(std::async(std::launch::async, [&speller] { speller.available(); }));
    }
    pending.push_back(Pending{std::move(doc), std::move(lang), origin, pack});
  }
  for (Pending& p : pending) {
    StageClock sentences = stage_clock(kSentences);
    p.doc.set_language(p.lang, p.origin, p.pack->locale);
    sentences.stop();
    StageClock extraction = stage_clock(kExtract);
    // The pack's filters and gazetteer, built on its first use, count as
    // extraction (they were start-up when load_rules() built them).
    p.pack = rules_.language(p.lang);
    AnalyzedSource analyzed{std::move(p.doc), p.pack, {}, group.sources.size()};
    analyzed.extraction = extract(analyzed.doc, *p.pack, rules_);
    extraction.stop();
    group.sources.push_back(std::move(analyzed));
  }
  return group;
}

Report Engine::check(const Group& group) const {
  Report report;
  report.group = group.name;
  for (const AnalyzedSource& s : group.sources) {
    report.sources.push_back(SourceInfo{s.doc.path(), s.doc.language(), s.doc.language_origin()});
  }
  for (std::size_t i = 0; i < checks_.size(); ++i) {
    StageClock timer = stage_clock(kChecks + i);
    checks_[i]->run(group, report.findings);
  }
  // Two checks that flag the same span with the same correction («يلتسسين»:
  // a misspelt person to the name check, no word to the spelling check) make
  // one finding: the first check's in registry order, the more specific.
  std::set<std::tuple<std::size_t, std::size_t, std::size_t, std::string>> corrected;
  std::vector<Finding> kept;
  kept.reserve(report.findings.size());
  for (Finding& f : report.findings) {
    if (f.suggestion && !f.locations.empty()) {
      const Location& at = f.locations.front();
      if (!corrected.emplace(at.source, at.start, at.end, *f.suggestion).second) continue;
    }
    kept.push_back(std::move(f));
  }
  report.findings = std::move(kept);
  std::stable_sort(report.findings.begin(), report.findings.end(), finding_less);
  return report;
}

}  // namespace concord

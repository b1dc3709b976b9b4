// conflict: a claim that happens once (relations established, recognition,
// independence...) given values that cannot both be true, across the
// sources of a group. Claims align by event type and participants, not by
// sentence; dates agree when their intervals overlap, so "December 1991"
// agrees with "16 December 1991". With three or more sources the finding
// says which sources agree and puts the primary location on the odd one out.
#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "checks/registry.h"

namespace concord {
namespace {

struct Entry {
  const AnalyzedSource* source;
  const Claim* claim;
  std::pair<int64_t, int64_t> days;
  std::string value;  // ISO text
};

bool overlaps(const Entry& a, const Entry& b) {
  return a.days.first <= b.days.second && b.days.first <= a.days.second;
}

std::string display_name(const RuleSet& rules, const std::string& id) {
  const Entity* e = rules.entity(id);
  if (e == nullptr) return id;
  for (const char* lang : {"en", "es"}) {
    auto it = e->names.find(lang);
    if (it != e->names.end() && !it->second.empty()) return it->second.front();
  }
  return e->names.empty() || e->names.begin()->second.empty() ? id : e->names.begin()->second.front();
}

class ConflictCheck : public Check {
 public:
  explicit ConflictCheck(bool inferred_years) : inferred_years_(inferred_years) {}

  void run(const Group& group, std::vector<Finding>& out) const override {
    const RuleSet& rules = *group.rules;
    std::map<std::string, std::vector<Entry>> by_key;
    for (const AnalyzedSource& source : group.sources) {
      for (const Claim& claim : source.extraction.claims) {
        const EventType* type = rules.event(claim.event);
        if (type == nullptr || !type->once) continue;
        const DateMention& date = source.extraction.dates[claim.date_mention];
        if (!inferred_years_ && (date.from.year_inferred || (date.to && date.to->year_inferred))) continue;
        const auto days = date.days();
        if (!days) continue;
        std::string key = claim.event;
        for (const std::string& p : claim.participants) key += "|" + p;
        const DateValue& v = date.to ? *date.to : date.from;
        std::string value = date.to ? date.from.iso() + "/" + v.iso() : v.iso();
        by_key[key].push_back(Entry{&source, &claim, *days, std::move(value)});
      }
    }
    for (auto& [key, entries] : by_key) report(group, entries, out);
  }

 private:
  void report(const Group& group, std::vector<Entry>& entries, std::vector<Finding>& out) const {
    // Clusters of mutually compatible values (connected by overlap).
    std::vector<std::size_t> cluster(entries.size());
    for (std::size_t i = 0; i < entries.size(); ++i) cluster[i] = i;
    std::function<std::size_t(std::size_t)> root = [&](std::size_t i) {
      return cluster[i] == i ? i : cluster[i] = root(cluster[i]);
    };
    for (std::size_t i = 0; i < entries.size(); ++i) {
      for (std::size_t j = i + 1; j < entries.size(); ++j) {
        if (overlaps(entries[i], entries[j])) cluster[root(i)] = root(j);
      }
    }
    std::map<std::size_t, std::vector<std::size_t>> clusters;  // root -> entries (in source order)
    for (std::size_t i = 0; i < entries.size(); ++i) clusters[root(i)].push_back(i);
    if (clusters.size() < 2) return;

    auto sources_of = [&](const std::vector<std::size_t>& members) {
      std::set<std::size_t> s;
      for (std::size_t i : members) s.insert(entries[i].source->index);
      return s;
    };
    // The majority: the cluster backed by the most sources, if it is unique.
    std::vector<std::vector<std::size_t>> ordered;
    for (auto& [r, members] : clusters) ordered.push_back(members);
    std::sort(ordered.begin(), ordered.end(), [&](const auto& a, const auto& b) {
      const auto sa = sources_of(a).size(), sb = sources_of(b).size();
      if (sa != sb) return sa > sb;
      return entries[a.front()].source->index < entries[b.front()].source->index;
    });
    const bool has_majority = sources_of(ordered[0]).size() > sources_of(ordered[1]).size();

    const Claim& claim = *entries[ordered[0].front()].claim;
    const EventType* type = group.rules->event(claim.event);
    std::string who;
    for (const std::string& p : claim.participants) {
      who += (who.empty() ? "" : ", ") + display_name(*group.rules, p);
    }
    const std::string what = type != nullptr && !type->description.empty() ? type->description : claim.event;

    auto location_of = [&](const Entry& e, std::string note) {
      const DateMention& value = e.source->extraction.dates[e.claim->value_mention];
      return e.source->location(value.begin, value.end, std::move(note));
    };
    auto file_name = [](const std::string& path) {
      const auto slash = path.find_last_of('/');
      return slash == std::string::npos ? path : path.substr(slash + 1);
    };

    if (!has_majority) {
      // No side has more sources: one finding, primary in the earliest source.
      const Entry& primary = entries[ordered[0].front()];
      std::vector<Location> locations{location_of(primary, "")};
      std::string others;
      for (std::size_t c = 1; c < ordered.size(); ++c) {
        const Entry& other = entries[ordered[c].front()];
        locations.push_back(location_of(other, fmt::format("{} here", other.value)));
        others += fmt::format("{}{} in {}", others.empty() ? "" : "; ", other.value, file_name(other.source->doc.path()));
      }
      Finding f = finding(fmt::format("{} ({}): {} here, but {}", what, who, primary.value, others),
                          std::move(locations));
      f.subject = claim.event;
      out.push_back(std::move(f));
      return;
    }
    const Entry& majority = entries[ordered[0].front()];
    std::string agreeing;
    for (std::size_t s : sources_of(ordered[0])) {
      agreeing += (agreeing.empty() ? "" : ", ") + file_name(group.sources[s].doc.path());
    }
    for (std::size_t c = 1; c < ordered.size(); ++c) {
      const Entry& odd = entries[ordered[c].front()];
      std::vector<Location> locations{location_of(odd, "")};
      for (std::size_t i : ordered[0]) {
        locations.push_back(location_of(entries[i], fmt::format("{} here", entries[i].value)));
      }
      Finding f = finding(fmt::format("{} ({}): {} here, but {} in {} sources that agree ({})", what, who,
                                      odd.value, majority.value, sources_of(ordered[0]).size(), agreeing),
                          std::move(locations), majority.value);
      f.subject = claim.event;
      out.push_back(std::move(f));
    }
  }

  bool inferred_years_;
};

}  // namespace

std::unique_ptr<Check> make_conflict_check(CheckOptions& options, const RuleSet&) {
  return std::make_unique<ConflictCheck>(options.flag("inferred_years", false));
}

}  // namespace concord

// conflict: a claim that happens once (relations established, recognition,
// independence...) given values that cannot both be true, across the
// sources of a group. An event that happens at most once a month
// (`one_per_month`: a visit, a signing) is compared within a month, when
// each source dates one there to the day. Claims align by event type and
// participants, not by sentence; dates agree when their intervals overlap,
// so "December 1991" agrees with "16 December 1991". With three or more
// sources the finding says which sources agree and puts the primary
// location on the odd one out.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "checks/registry.h"

namespace concord {
namespace {

struct Entry {
  const AnalyzedSource* source;
  const Claim* claim;
  double low, high;   // the values the claim allows (days, or amounts)
  std::string value;  // as reported: ISO date, or amount with unit
  std::string site;   // located events: the host country, else empty
};

std::string amount_text(const Quantity& q) {
  std::string number = fmt::format("{:.6g}", q.value);
  if (q.value >= 1e6 && std::fmod(q.value, 1e4) == 0) number = fmt::format("{:g} million", q.value / 1e6);
  std::string prefix;
  if (q.qualifier == "approximate") prefix = "about ";
  else if (q.qualifier == "more_than" || q.qualifier == "at_least") prefix = "over ";
  else if (q.qualifier == "less_than" || q.qualifier == "at_most") prefix = "under ";
  return prefix + number + (q.unit.empty() ? "" : " " + q.unit);
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
  ConflictCheck(bool inferred_years, double exact_tolerance, double approximate_tolerance)
      : inferred_years_(inferred_years),
        exact_tolerance_(exact_tolerance),
        approximate_tolerance_(approximate_tolerance) {}

  void run(const Group& group, std::vector<Finding>& out) const override {
    const RuleSet& rules = *group.rules;
    auto base_key = [](const Claim& claim) {
      std::string key = claim.event;
      for (const std::string& p : claim.participants) key += "|" + p;
      return key;
    };
    // Located events: the hosts named anywhere in the group, per event and
    // participants. A claim that names no host takes the only one named, and
    // is left out when both directions occur (whose embassy is unknown).
    std::map<std::string, std::set<std::string>> sites;
    for (const AnalyzedSource& source : group.sources) {
      for (const Claim& claim : source.extraction.claims) {
        if (!claim.site.empty()) sites[base_key(claim)].insert(claim.site);
      }
    }
    std::map<std::string, std::vector<Entry>> by_key, by_month;
    for (const AnalyzedSource& source : group.sources) {
      for (const Claim& claim : source.extraction.claims) {
        const EventType* type = rules.event(claim.event);
        if (type == nullptr) continue;
        std::string key = base_key(claim);
        std::string site = claim.site;
        if (type->located) {
          const auto& named = sites[key];
          if (site.empty() && named.size() > 1) continue;
          if (site.empty() && named.size() == 1) site = *named.begin();
          if (!site.empty()) key += "|at:" + site;
        }
        if (claim.quantity) {
          // A measure compares only within the same time scope and kind
          // (a 1992-2008 total is not a single grant; 1994 is not 1995).
          if (!claim.scope) continue;
          const DateMention& scope = source.extraction.dates[*claim.scope];
          if (!inferred_years_ && scope.from.year_inferred) continue;
          key += "|" + scope.from.iso() + (scope.to ? "/" + scope.to->iso() : "") +
                 (claim.cumulative ? "|total" : "|single");
          const Quantity& q = source.extraction.quantities[*claim.quantity];
          key += "|" + q.unit;
          double low = q.value, high = q.value;
          const double tolerance = q.qualifier == "approximate" ? approximate_tolerance_ : exact_tolerance_;
          if (q.qualifier == "more_than" || q.qualifier == "at_least") {
            high = std::numeric_limits<double>::infinity();
          } else if (q.qualifier == "less_than" || q.qualifier == "at_most") {
            low = 0;
          } else {
            low = q.value * (1 - tolerance);
            high = q.value * (1 + tolerance);
          }
          by_key[key].push_back(Entry{&source, &claim, low, high, amount_text(q), site});
          continue;
        }
        if ((!type->once && !type->one_per_month) || !claim.date_mention) continue;
        const DateMention& date = source.extraction.dates[*claim.date_mention];
        if (!inferred_years_ && (date.from.year_inferred || (date.to && date.to->year_inferred))) continue;
        const auto days = date.days();
        if (!days) continue;
        const DateValue& v = date.to ? *date.to : date.from;
        std::string value = date.to ? date.from.iso() + "/" + v.iso() : v.iso();
        Entry entry{&source, &claim, static_cast<double>(days->first), static_cast<double>(days->second),
                    std::move(value), site};
        if (type->once) {
          by_key[key].push_back(std::move(entry));
          continue;
        }
        // Once a month at most: compared within the (Gregorian) month it
        // starts in, and only dates to the day tell two apart; it takes two
        // participants to know whose visit it is.
        if (date.from.granularity() != Granularity::kDay || claim.participants.size() < 2) continue;
        int y = 0, m = 0, d = 0;
        jdn_to_gregorian(days->first, y, m, d);
        by_month[fmt::format("{}|month:{}-{}", key, y, m)].push_back(std::move(entry));
      }
    }
    for (auto& [key, entries] : by_key) report(group, entries, out);
    for (auto& [key, entries] : by_month) {
      // The same one only when no source dates two in that month.
      std::map<std::size_t, int> per_source;
      for (const Entry& e : entries) ++per_source[e.source->index];
      const bool single = std::all_of(per_source.begin(), per_source.end(), [](const auto& p) { return p.second == 1; });
      if (single && per_source.size() >= 2) report(group, entries, out);
    }
  }

 private:
  void report(const Group& group, std::vector<Entry>& all, std::vector<Finding>& out) const {
    // A value that agrees with two values that disagree with each other
    // («۱۹۹۱» beside "9 November 1991" and "19 November 1991") settles
    // nothing: it is left out, or it would join them into one cluster and
    // hide the disagreement a group without it shows. Two intervals that
    // overlap this one are disjoint when the earliest end among them comes
    // before the latest start.
    std::vector<Entry> entries;
    for (std::size_t i = 0; i < all.size(); ++i) {
      double earliest_end = std::numeric_limits<double>::infinity();
      double latest_start = -std::numeric_limits<double>::infinity();
      for (std::size_t j = 0; j < all.size(); ++j) {
        if (j == i || all[j].high < all[i].low || all[j].low > all[i].high) continue;
        earliest_end = std::min(earliest_end, all[j].high);
        latest_start = std::max(latest_start, all[j].low);
      }
      if (!(earliest_end < latest_start)) entries.push_back(all[i]);
    }
    // Clusters of mutually compatible values: the connected parts of the
    // overlap of their intervals, found in one sweep by their low ends.
    std::vector<std::size_t> by_low(entries.size());
    for (std::size_t i = 0; i < entries.size(); ++i) by_low[i] = i;
    std::sort(by_low.begin(), by_low.end(), [&](std::size_t a, std::size_t b) { return entries[a].low < entries[b].low; });
    std::vector<std::size_t> cluster(entries.size());
    std::size_t id = 0;
    double reach = -std::numeric_limits<double>::infinity();
    for (std::size_t k = 0; k < by_low.size(); ++k) {
      const Entry& e = entries[by_low[k]];
      if (k > 0 && e.low > reach) ++id;
      reach = k == 0 ? e.high : std::max(reach, e.high);
      cluster[by_low[k]] = id;
    }
    // Keyed by their first entry, so clusters come in source order.
    std::vector<std::size_t> first(id + 1, entries.size());
    for (std::size_t i = 0; i < entries.size(); ++i) first[cluster[i]] = std::min(first[cluster[i]], i);
    std::map<std::size_t, std::vector<std::size_t>> clusters;  // first entry -> entries (in source order)
    for (std::size_t i = 0; i < entries.size(); ++i) clusters[first[cluster[i]]].push_back(i);
    if (clusters.size() < 2) return;

    auto sources_of = [&](const std::vector<std::size_t>& members) {
      std::set<std::size_t> s;
      for (std::size_t i : members) s.insert(entries[i].source->index);
      return s;
    };
    // The majority: the cluster backed by the most sources, if it is unique.
    std::vector<std::vector<std::size_t>> ordered;
    for (auto& [r, members] : clusters) ordered.push_back(members);
    std::stable_sort(ordered.begin(), ordered.end(), [&](const auto& a, const auto& b) {
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
    std::string what = type != nullptr && !type->description.empty() ? type->description : claim.event;
    const std::string& site = entries[ordered[0].front()].site;
    if (!site.empty()) what += " in " + display_name(*group.rules, site);

    auto location_of = [&](const Entry& e, std::string note) {
      if (e.claim->quantity) {
        const Quantity& q = e.source->extraction.quantities[*e.claim->quantity];
        return e.source->location(q.begin, q.end, std::move(note));
      }
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
  double exact_tolerance_;
  double approximate_tolerance_;
};

}  // namespace

std::unique_ptr<Check> make_conflict_check(CheckOptions& options, const RuleSet&) {
  const bool inferred_years = options.flag("inferred_years", false);
  const double exact = options.number("exact_tolerance", 0.005);
  const double approximate = options.number("approximate_tolerance", 0.1);
  return std::make_unique<ConflictCheck>(inferred_years, exact, approximate);
}

}  // namespace concord

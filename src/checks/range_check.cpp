// range: a date range whose two ends are the same day, or whose end comes
// before its start («۱۴ الى ۱۴ فوریه», "del 7 al 5 de marzo").
#include <fmt/format.h>

#include <tuple>

#include "checks/registry.h"

namespace concord {
namespace {

class RangeCheck : public Check {
 public:
  void run(const Group& group, std::vector<Finding>& out) const override {
    for (const AnalyzedSource& source : group.sources) {
      for (const DateMention& m : source.extraction.dates) {
        if (!m.to || m.kind != DateKind::kExplicit || !m.from.exists || !m.to->exists) continue;
        const DateValue& a = m.from;
        const DateValue& b = *m.to;
        if (a.granularity() != b.granularity() || a.calendar != b.calendar) continue;
        // Years unknown on both sides compare as equal: the order within a
        // year does not need the year.
        const auto ka = std::make_tuple(a.year, a.month, a.day);
        const auto kb = std::make_tuple(b.year, b.month, b.day);
        if (ka == kb) {
          out.push_back(finding(
              fmt::format("date range begins and ends on the same {} ({}); one end is probably wrong",
                          a.granularity() == Granularity::kDay ? "day" : a.granularity() == Granularity::kMonth ? "month" : "year",
                          a.iso()),
              {source.location(m.begin, m.end)}));
        } else if (kb < ka) {
          out.push_back(finding(fmt::format("date range ends ({}) before it begins ({})", b.iso(), a.iso()),
                                {source.location(m.begin, m.end)}));
        }
      }
    }
  }
};

}  // namespace

std::unique_ptr<Check> make_range_check(CheckOptions&, const RuleSet&) { return std::make_unique<RangeCheck>(); }

}  // namespace concord

// date: a calendar date that does not exist («۳۱ فوریه», "30 de febrero",
// 30 Esfand in a common year).
#include <fmt/format.h>

#include "checks/registry.h"

namespace concord {
namespace {

class DateCheck : public Check {
 public:
  void run(const Group& group, std::vector<Finding>& out) const override {
    for (const AnalyzedSource& source : group.sources) {
      for (const DateMention& m : source.extraction.dates) {
        if (m.kind != DateKind::kExplicit) continue;
        for (const DateValue* v : {&m.from, m.to ? &*m.to : nullptr}) {
          if (v == nullptr || v->exists) continue;
          const int longest = v->month > 0 ? days_in_month(v->calendar, v->year_inferred ? 0 : v->year, v->month) : 31;
          out.push_back(finding(
              fmt::format("day {} does not exist in month {}{} (it has {} days)", v->day, v->month,
                          v->calendar == Calendar::kPersian ? " of the Persian calendar" : "", longest),
              {source.location(m.begin, m.end)}));
          break;
        }
      }
    }
  }
};

}  // namespace

std::unique_ptr<Check> make_date_check(CheckOptions&, const RuleSet&) { return std::make_unique<DateCheck>(); }

}  // namespace concord

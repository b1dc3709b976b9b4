#include "extract/dates.h"

#include <fmt/format.h>
#include <unicode/calendar.h>
#include <unicode/gregocal.h>
#include <unicode/locid.h>

#include <algorithm>
#include <limits>
#include <memory>
#include <unordered_map>

#include "extract/matcher.h"

namespace concord {

Granularity DateValue::granularity() const {
  if (day > 0) return Granularity::kDay;
  if (month > 0) return Granularity::kMonth;
  if (year > 0) return Granularity::kYear;
  return Granularity::kNone;
}

int64_t gregorian_to_jdn(int year, int month, int day) {
  const int64_t a = (14 - month) / 12;
  const int64_t y = year + 4800 - a;
  const int64_t m = month + 12 * a - 3;
  return day + (153 * m + 2) / 5 + 365 * y + y / 4 - y / 100 + y / 400 - 32045;
}

void jdn_to_gregorian(int64_t jdn, int& year, int& month, int& day) {
  const int64_t a = jdn + 32044;
  const int64_t b = (4 * a + 3) / 146097;
  const int64_t c = a - 146097 * b / 4;
  const int64_t d = (4 * c + 3) / 1461;
  const int64_t e = c - 1461 * d / 4;
  const int64_t m = (5 * e + 2) / 153;
  day = static_cast<int>(e - (153 * m + 2) / 5 + 1);
  month = static_cast<int>(m + 3 - 12 * (m / 10));
  year = static_cast<int>(100 * b + d - 4800 + m / 10);
}

namespace {

bool gregorian_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// ICU's Persian calendar (the Solar Hijri calendar of Iran) does the
// conversion; the month lengths follow from it too.
int64_t persian_to_jdn_uncached(int year, int month, int day) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Calendar> persian(icu::Calendar::createInstance(
      icu::TimeZone::createTimeZone("UTC"), icu::Locale("fa_IR@calendar=persian"), status));
  if (U_FAILURE(status)) return 0;
  persian->clear();
  persian->set(year, month - 1, day);
  const UDate millis = persian->getTime(status);
  icu::GregorianCalendar gregorian(icu::TimeZone::createTimeZone("UTC"), status);
  gregorian.setTime(millis, status);
  if (U_FAILURE(status)) return 0;
  return gregorian_to_jdn(gregorian.get(UCAL_YEAR, status), gregorian.get(UCAL_MONTH, status) + 1,
                          gregorian.get(UCAL_DATE, status));
}

// Creating ICU's calendars costs more than the conversion: results are
// remembered per thread (a text repeats its dates), up to a bound.
int64_t persian_to_jdn(int year, int month, int day) {
  if (month < 0 || month > 0xFFFF || day < 0 || day > 0xFFFF) return persian_to_jdn_uncached(year, month, day);
  thread_local std::unordered_map<uint64_t, int64_t> known;
  const uint64_t key = static_cast<uint64_t>(static_cast<uint32_t>(year)) << 32 |
                       static_cast<uint64_t>(month) << 16 | static_cast<uint64_t>(day);
  if (auto it = known.find(key); it != known.end()) return it->second;
  if (known.size() >= (1u << 16)) known.clear();
  const int64_t jdn = persian_to_jdn_uncached(year, month, day);
  known.emplace(key, jdn);
  return jdn;
}

}  // namespace

int days_in_month(Calendar calendar, int year, int month) {
  if (calendar == Calendar::kPersian) {
    if (month <= 6) return 31;
    if (month <= 11) return 30;
    if (year == 0) return 30;
    return static_cast<int>(persian_to_jdn(year + 1, 1, 1) - persian_to_jdn(year, 12, 1));
  }
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2) return year == 0 || gregorian_leap(year) ? 29 : 28;
  return kDays[month - 1];
}

std::optional<std::pair<int64_t, int64_t>> DateValue::days() const {
  if (year <= 0 || !exists) return std::nullopt;
  auto to_jdn = [&](int y, int m, int d) {
    return calendar == Calendar::kPersian ? persian_to_jdn(y, m, d) : gregorian_to_jdn(y, m, d);
  };
  if (day > 0) {
    const int64_t j = to_jdn(year, month, day);
    return std::make_pair(j, j);
  }
  if (month > 0) {
    return std::make_pair(to_jdn(year, month, 1), to_jdn(year, month, days_in_month(calendar, year, month)));
  }
  return std::make_pair(to_jdn(year, 1, 1), to_jdn(year, 12, days_in_month(calendar, year, 12)));
}

std::string DateValue::iso() const {
  if (year > 0 && calendar == Calendar::kGregorian) {
    if (day > 0) return fmt::format("{:04}-{:02}-{:02}", year, month, day);
    if (month > 0) return fmt::format("{:04}-{:02}", year, month);
    return fmt::format("{:04}", year);
  }
  if (year > 0) {  // Persian: convert what is known
    const auto range = days();
    if (!range) return fmt::format("AP {}-{:02}-{:02}", year, month, day);
    int y1, m1, d1, y2, m2, d2;
    jdn_to_gregorian(range->first, y1, m1, d1);
    jdn_to_gregorian(range->second, y2, m2, d2);
    if (range->first == range->second) return fmt::format("{:04}-{:02}-{:02}", y1, m1, d1);
    return fmt::format("{:04}-{:02}-{:02}/{:04}-{:02}-{:02}", y1, m1, d1, y2, m2, d2);
  }
  if (day > 0) return fmt::format("--{:02}-{:02}", month, day);
  if (month > 0) return fmt::format("--{:02}", month);
  return "";
}

bool DateValue::same_as(const DateValue& other) const {
  return calendar == other.calendar && year == other.year && month == other.month && day == other.day;
}

std::optional<std::pair<int64_t, int64_t>> DateMention::days() const {
  const auto a = from.days();
  if (!to) return a;
  const auto b = to->days();
  if (!a || !b) return std::nullopt;
  return std::make_pair(std::min(a->first, b->first), std::max(a->second, b->second));
}

namespace {

int parse_day(const LanguagePack& pack, std::string_view text) {
  // Day words first: «1.º» starts with a digit but is a word of the pack.
  if (auto it = pack.day_words.find(fold_case(text)); it != pack.day_words.end()) return it->second;
  int v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return 0;
    v = v * 10 + (c - '0');
  }
  return v;
}

int parse_int(std::string_view text) {
  int v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return 0;
    v = v * 10 + (c - '0');
  }
  return v;
}

std::string_view group_at(const std::vector<std::string_view>& groups, int index) {
  return index > 0 && static_cast<std::size_t>(index) < groups.size() ? groups[static_cast<std::size_t>(index)]
                                                                      : std::string_view();
}

// "más de 2000 personas", «بیش از ۲۰۰۰ نفر»: a lone four-digit number with
// a unit or scale after it, or an approximation before it, is a count.
bool bare_year_is_quantity(std::string_view text, const LanguagePack& pack, const DateTemplate& tpl,
                           const std::vector<std::string_view>& groups, std::size_t begin, std::size_t end) {
  if (tpl.month > 0 || tpl.day > 0 || tpl.month_num > 0 || tpl.year2 > 0) return false;
  if (group_at(groups, tpl.year).empty()) return false;
  const auto& q = pack.quantities;
  auto word_at = [&](std::size_t from) {
    while (from < text.size() && text[from] == ' ') ++from;
    std::size_t to = from;
    while (to < text.size() && is_word_char(code_point_at(text, to))) {
      to += static_cast<std::size_t>(1 + (static_cast<unsigned char>(text[to]) >= 0xC0) +
                                     (static_cast<unsigned char>(text[to]) >= 0xE0) +
                                     (static_cast<unsigned char>(text[to]) >= 0xF0));
    }
    if (to == from && from < text.size() && text[from] != ' ') ++to;  // a symbol: %, $
    return fold_case(text.substr(from, to - from));
  };
  const std::string after = word_at(end);
  if (!after.empty() && (q.units.count(after) || q.scales.count(after))) return true;
  // The words just before the year.
  const std::string_view before = text.substr(0, begin);
  const std::string folded = fold_case(before.substr(before.size() > 64 ? before.size() - 64 : 0));
  std::string_view tail(folded);
  while (!tail.empty() && tail.back() == ' ') tail.remove_suffix(1);
  for (const auto& [qualifier, kind] : q.qualifiers) {
    if (tail.size() >= qualifier.size() && tail.substr(tail.size() - qualifier.size()) == qualifier) return true;
  }
  return false;
}

// «۱۲ می رسد»: a month name that is also a common word (the pack's
// `ambiguous_months`) makes a date only with a year.
bool ambiguous_month_without_year(const LanguagePack& pack, const DateTemplate& tpl,
                                  const std::vector<std::string_view>& groups) {
  if (tpl.year > 0 || tpl.anaphora_year > 0) return false;
  const auto& ambiguous = pack.list("ambiguous_months");
  for (int g : {tpl.month, tpl.month2}) {
    const std::string_view m = group_at(groups, g);
    if (!m.empty() && std::find(ambiguous.begin(), ambiguous.end(), fold_case(m)) != ambiguous.end()) return true;
  }
  return false;
}

struct Candidate {
  std::size_t begin, end;
  std::size_t template_index;
  std::vector<std::string_view> groups;  // indexed by capture group
  std::size_t context = 0;               // length of the whole match, context words included
  // A template whose mention is its whole match (DateTemplate::
  // mention_is_match): the captures are read, and the candidate accepted
  // or not, only if it is reached in the leftmost-longest selection (most
  // are shadowed by a longer date over them and never are).
  bool pending = false;
  std::size_t window_end = 0;  // where its search could have run to
};

// A year from context, in the calendar it was written in.
struct ContextYear {
  int year = 0;
  Calendar calendar = Calendar::kGregorian;
};

// The year, in `v`'s calendar, of `v`'s month (and day) inside the context
// year: «۱۵ خرداد» after «سال ۱۹۹۴» is in 1373, "15 March" after «۱۳۷۱» is
// in 1993 (the Solar Hijri year 1371 ends on 20 March 1993). The two
// calendars' years are offset by 621 or 622; the candidate whose days fall
// in the context year wins.
int year_in_context(const DateValue& v, const ContextYear& context) {
  if (context.year <= 0 || v.calendar == context.calendar) return context.year;
  DateValue whole;
  whole.calendar = context.calendar;
  whole.year = context.year;
  const auto span = whole.days();
  const int offset = v.calendar == Calendar::kPersian ? -622 : 621;
  int best = context.year + offset;
  int64_t best_overlap = std::numeric_limits<int64_t>::min();
  for (int candidate : {context.year + offset, context.year + offset + 1}) {
    DateValue probe = v;
    probe.year = candidate;
    probe.year_inferred = false;
    auto days = probe.days();
    if (!days) {  // a day the month lacks in that year: compare the months
      probe.day = 0;
      days = probe.days();
    }
    if (!span || !days) continue;
    const int64_t overlap = std::min(span->second, days->second) - std::max(span->first, days->first);
    if (overlap > best_overlap) {
      best = candidate;
      best_overlap = overlap;
    }
  }
  return best;
}

}  // namespace

std::vector<DateMention> extract_dates(const Document& doc, const LanguagePack& pack) {
  const std::string& text = doc.text();
  std::vector<Candidate> candidates;
  // No date spans a paragraph break: each template is searched only in the
  // paragraphs where the filter says it can match.
  const std::vector<TextSpan>& paragraphs = doc.paragraphs();
  const std::vector<std::vector<std::uint32_t>> where = pack.date_filter.windows(text, paragraphs, pack.dates.size());
  // Whether a template's match, with the span [b, e) of its placeholders,
  // is a date candidate.
  const auto accepted = [&](const DateTemplate& tpl, const std::vector<std::string_view>& groups, std::size_t b,
                            std::size_t e) {
    if (bare_year_is_quantity(text, pack, tpl, groups, b, e)) return false;
    if (ambiguous_month_without_year(pack, tpl, groups)) return false;
    for (int y : {tpl.year, tpl.year2}) {
      if (y == 0 || groups[static_cast<std::size_t>(y)].data() == nullptr) continue;
      const int year = parse_int(groups[static_cast<std::size_t>(y)]);
      if (year < tpl.min_year || year > tpl.max_year) return false;
    }
    return true;
  };
  for (std::size_t t = 0; t < pack.dates.size(); ++t) {
    const DateTemplate& tpl = pack.dates[t];
    const auto on_match = [&](const std::vector<std::string_view>& groups) {
      // The mention is the span of the placeholders, not the context words
      // a template may require around them.
      std::size_t b = std::string::npos, e = 0;
      for (std::size_t g = 1; g < groups.size(); ++g) {
        if (groups[g].data() == nullptr) continue;
        const auto gb = static_cast<std::size_t>(groups[g].data() - text.data());
        b = std::min(b, gb);
        e = std::max(e, gb + groups[g].size());
      }
      if (b == std::string::npos) return;
      if (!accepted(tpl, groups, b, e)) return;
      candidates.push_back(Candidate{b, e, t, groups, groups[0].size()});
    };
    for (const std::uint32_t p : where[t]) {
      const TextSpan& window = paragraphs[p];
      if (tpl.mention_is_match) {
        for_each_span(*tpl.regex, text, window.begin, window.end, [&](std::size_t b, std::size_t e) {
          Candidate c{b, e, t, {}, e - b};
          c.pending = true;
          c.window_end = std::min(window.end, text.size());
          candidates.push_back(std::move(c));
        });
      } else {
        for_each_match(*tpl.regex, text, window.begin, window.end, on_match);
      }
    }
  }
  // Leftmost-longest selection among all templates; between equal
  // mentions, the template that matched more context is the more specific
  // («سال ۱۴۵۳ میلادی» is Gregorian, although «سال ۱۴۵۳» alone is not).
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    if (a.begin != b.begin) return a.begin < b.begin;
    if (a.end != b.end) return a.end > b.end;
    if (a.context != b.context) return a.context > b.context;
    return a.template_index < b.template_index;
  });
  std::vector<DateMention> mentions;
  std::size_t last_end = 0;
  // Context for years and anaphora.
  ContextYear doc_year;        // last year written (or resolved) anywhere before
  std::size_t paragraph = static_cast<std::size_t>(-1);
  ContextYear paragraph_year;  // last year in the current paragraph
  std::optional<std::size_t> last_day_mention;   // for «همین روز»
  std::optional<std::size_t> last_month_mention;  // for «همین ماه»
  std::optional<std::size_t> last_year_mention;   // for «همین سال», "ese mismo año"
  std::vector<re2::StringPiece> pieces;
  for (Candidate& c : candidates) {
    if (!mentions.empty() && c.begin < last_end) continue;
    const DateTemplate& tpl = pack.dates[c.template_index];
    if (c.pending) {
      read_captures(*tpl.regex, text, c.begin, c.end, c.window_end, pieces, c.groups);
      if (!accepted(tpl, c.groups, c.begin, c.end)) continue;
    }
    auto group = [&](int index) -> std::string_view {
      return index > 0 && static_cast<std::size_t>(index) < c.groups.size() ? c.groups[index] : std::string_view();
    };
    const std::size_t p = doc.paragraph_index(c.begin);
    if (p != paragraph) {
      paragraph = p;
      paragraph_year = ContextYear{};
    }
    DateMention m;
    m.begin = c.begin;
    m.end = c.end;
    m.template_index = c.template_index;

    if (!group(tpl.anaphora_occasion).empty()) {
      // «در این سفر», "en esa ocasión": the whole of the last full date (a
      // visit's range of days, or its day).
      if (!last_day_mention) continue;
      m.kind = DateKind::kAnaphora;
      m.antecedent = last_day_mention;
      m.from = mentions[*last_day_mention].from;
      m.to = mentions[*last_day_mention].to;
      mentions.push_back(m);
      last_end = c.end;
      continue;
    }
    if (!group(tpl.anaphora_day).empty() && group(tpl.day).empty()) {
      // A bare day anaphora: the same day as the last full date.
      if (!last_day_mention) continue;
      m.kind = DateKind::kAnaphora;
      m.antecedent = last_day_mention;
      const DateMention& a = mentions[*last_day_mention];
      m.from = a.to ? *a.to : a.from;
      mentions.push_back(m);
      last_end = c.end;
      continue;
    }
    if (!group(tpl.anaphora_month).empty() && group(tpl.month).empty()) {
      if (!last_month_mention) continue;
      m.kind = DateKind::kAnaphora;
      m.antecedent = last_month_mention;
      const DateMention& a = mentions[*last_month_mention];
      m.from = a.to ? *a.to : a.from;
      m.from.day = 0;
      mentions.push_back(m);
      last_end = c.end;
      continue;
    }
    if (!group(tpl.anaphora_year).empty() && group(tpl.month).empty() && group(tpl.month_num).empty() &&
        group(tpl.day).empty()) {
      // A bare year anaphora: the year of the last date that had one. It
      // says so explicitly, so the year is not "inferred".
      if (!last_year_mention) continue;
      m.kind = DateKind::kAnaphora;
      m.antecedent = last_year_mention;
      const DateMention& a = mentions[*last_year_mention];
      const DateValue& antecedent = a.to ? *a.to : a.from;
      m.from = DateValue{};
      m.from.year = antecedent.year;
      m.from.calendar = antecedent.calendar;
      mentions.push_back(m);
      last_end = c.end;
      continue;
    }

    auto month_of = [&](std::string_view s, MonthRef& ref) {
      if (s.empty()) return false;
      auto it = pack.months.find(fold_case(s));
      if (it == pack.months.end()) return false;
      ref = it->second;
      return true;
    };
    // A year's calendar is its month's; a year alone is in the template's
    // calendar (Persian packs read «سال ۱۳۷۰» as Solar Hijri).
    DateValue from, to;
    from.calendar = tpl.calendar;
    to.calendar = tpl.calendar;
    MonthRef ref;
    if (month_of(group(tpl.month), ref)) {
      from.month = ref.number;
      from.calendar = ref.calendar;
    }
    MonthRef ref2;
    if (month_of(group(tpl.month2), ref2)) {
      to.month = ref2.number;
      to.calendar = ref2.calendar;
    }
    if (!group(tpl.month_num).empty()) {
      from.month = parse_int(group(tpl.month_num));
      from.calendar = tpl.calendar;
    }
    if (!group(tpl.month_num2).empty()) {
      to.month = parse_int(group(tpl.month_num2));
      to.calendar = tpl.calendar;
    }
    from.day = parse_day(pack, group(tpl.day));
    to.day = parse_day(pack, group(tpl.day2));
    from.year = parse_int(group(tpl.year));
    to.year = parse_int(group(tpl.year2));
    const bool range = tpl.day2 > 0 || tpl.month2 > 0 || tpl.year2 > 0 || tpl.month_num2 > 0;

    if (range) {
      // "14 to 16 February 1994": the first end takes what it lacks from the second.
      if (to.month == 0 && to.day > 0) {
        to.month = from.month;
        to.calendar = from.calendar;
      }
      if (from.month == 0 && from.day > 0) {
        from.month = to.month;
        from.calendar = to.calendar;
      }
      // «فروردین ۱۳۷۰ تا ۱۳۷۲»: an end written without a month is in the
      // other end's calendar.
      if (to.month == 0 && from.month > 0) to.calendar = from.calendar;
      if (from.year == 0 && (to.year > 0 || !group(tpl.anaphora_year).empty())) from.year = to.year;
      if (to.year == 0 && from.year > 0 && to.granularity() != Granularity::kNone) to.year = from.year;
    }
    // A year from context: «همین سال» says so; otherwise a day or month
    // without a year continues the narrative of its paragraph (or, failing
    // that, of the text before it).
    const bool says_same_year = !group(tpl.anaphora_year).empty();
    if (from.year == 0 && from.month > 0) {
      const ContextYear context = says_same_year || paragraph_year.year == 0 ? doc_year : paragraph_year;
      if (context.year > 0) {
        from.year = year_in_context(from, context);
        from.year_inferred = true;
        if (range && to.year == 0) {
          to.year = year_in_context(to, context);
          to.year_inferred = true;
        }
      }
    }
    auto validate = [](DateValue& v) {
      if (v.month > 0 && v.day > 0) v.exists = v.day <= days_in_month(v.calendar, v.year_inferred ? 0 : v.year, v.month);
      if (v.day > 31 || (v.month == 0 && v.day > 0)) v.exists = false;
    };
    validate(from);
    m.from = from;
    if (range) {
      validate(to);
      m.to = to;
    }
    // Context for what follows.
    const DateValue& last = m.to ? *m.to : m.from;
    if (last.year > 0) {
      paragraph_year = ContextYear{last.year, last.calendar};
      doc_year = paragraph_year;
    }
    mentions.push_back(m);
    if (last.day > 0 && last.month > 0) last_day_mention = mentions.size() - 1;
    if (last.month > 0) last_month_mention = mentions.size() - 1;
    if (last.year > 0) last_year_mention = mentions.size() - 1;
    last_end = c.end;
  }
  return mentions;
}

}  // namespace concord

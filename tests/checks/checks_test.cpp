// The checks, on small in-memory groups: what must be flagged and what must not.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "check_run.h"
#include "engine.h"
#include "text/segment.h"

using concord::Finding;
using check_run::engine;
using concord::SourceSpec;

namespace {

std::string describe(const std::vector<Finding>& findings) {
  std::string s;
  for (const Finding& f : findings) {
    s += "[" + f.rule + "] " + f.message;
    for (const concord::Location& l : f.locations) s += " @" + l.path + " «" + l.excerpt + "»";
    s += "\n";
  }
  return s;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// 1-based code-point column of the first occurrence of `needle` in a one-line text.
std::size_t column_of(const std::string& text, const std::string& needle) {
  return concord::code_point_count(text.substr(0, text.find(needle))) + 1;
}

const std::string kFaRelations = "آمريکا و قزاقستان روابط ديپلماتيک خود را در ۲۵ دسامبر ۱۹۹۱ برقرار کردند.";
const std::string kEsRelations =
    "Estados Unidos y Kazajistán establecieron relaciones diplomáticas el 16 de diciembre de 1991.";

}  // namespace

// ------------------------------------------------------------------ conflict

TEST_CASE("conflict: 25 December vs 16 December 1991 for the same event is flagged", "[checks][conflict]") {
  const auto findings = check_run::findings({SourceSpec{"fa.txt", "fa", kFaRelations}, SourceSpec{"es.txt", "es", kEsRelations}},
                            "conflict");
  INFO(describe(findings));
  REQUIRE(findings.size() == 1);
  const Finding& f = findings[0];
  CHECK(f.kind == concord::Kind::kConflict);
  CHECK(f.severity == concord::Severity::kError);
  CHECK(contains(f.message, "1991-12-25"));
  CHECK(contains(f.message, "1991-12-16"));
  CHECK(contains(f.message, "diplomatic relations"));
  REQUIRE(f.locations.size() == 2);
  const concord::Location& fa = f.locations[0];
  CHECK(fa.path == "fa.txt");
  CHECK(fa.source == 0);
  CHECK(fa.excerpt == "۲۵ دسامبر ۱۹۹۱");
  CHECK(fa.start == kFaRelations.find("۲۵ دسامبر"));
  CHECK(fa.end == fa.start + std::string("۲۵ دسامبر ۱۹۹۱").size());
  CHECK(fa.line == 1);
  CHECK(fa.column == column_of(kFaRelations, "۲۵ دسامبر"));
  const concord::Location& es = f.locations[1];
  CHECK(es.path == "es.txt");
  CHECK(es.source == 1);
  CHECK(es.excerpt == "16 de diciembre de 1991");
  CHECK(es.column == column_of(kEsRelations, "16 de diciembre"));
  CHECK(contains(es.note, "1991-12-16"));
}

TEST_CASE("conflict: «در همين روز» takes its antecedent's date and location", "[checks][conflict]") {
  const std::string fa =
      "ايالات متحده آمريکا، جمهورى قزاقستان را در تاريخ ۲۵ دسامبر ۱۹۹۱ به رسميت شناخت و روابط ديپلماتيک دو "
      "کشور در همين روز برقرار گرديد.";
  const auto findings = check_run::findings({SourceSpec{"fa.txt", "fa", fa}, SourceSpec{"es.txt", "es", kEsRelations}}, "conflict");
  INFO(describe(findings));
  REQUIRE(findings.size() == 1);
  REQUIRE(findings[0].locations.size() == 2);
  CHECK(findings[0].locations[0].excerpt == "۲۵ دسامبر ۱۹۹۱");
  CHECK(findings[0].locations[1].excerpt == "16 de diciembre de 1991");
}

TEST_CASE("conflict: December 1991 agrees with 16 December 1991", "[checks][conflict]") {
  const std::string fa = "آمريکا و قزاقستان روابط ديپلماتيک خود را در دسامبر ۱۹۹۱ برقرار کردند.";
  const auto findings = check_run::findings({SourceSpec{"fa.txt", "fa", fa}, SourceSpec{"es.txt", "es", kEsRelations}}, "conflict");
  INFO(describe(findings));
  CHECK(findings.empty());
}

TEST_CASE("conflict: the same day written in two calendars agrees", "[checks][conflict]") {
  // 25 Azar 1370 is 16 December 1991.
  const std::string fa = "آمريکا و قزاقستان روابط ديپلماتيک خود را در ۲۵ آذر ۱۳۷۰ برقرار کردند.";
  const auto findings = check_run::findings({SourceSpec{"fa.txt", "fa", fa}, SourceSpec{"es.txt", "es", kEsRelations}}, "conflict");
  INFO(describe(findings));
  CHECK(findings.empty());
}

TEST_CASE("conflict: equal dates, other participants, one source: nothing", "[checks][conflict]") {
  const std::string same = "آمريکا و قزاقستان روابط ديپلماتيک خود را در ۱۶ دسامبر ۱۹۹۱ برقرار کردند.";
  CHECK(check_run::findings({SourceSpec{"fa.txt", "fa", same}, SourceSpec{"es.txt", "es", kEsRelations}}, "conflict").empty());
  // Russia and Kazakhstan is another claim than the United States and Kazakhstan.
  const std::string other = "روسيه و قزاقستان روابط ديپلماتيک خود را در ۲۵ دسامبر ۱۹۹۱ برقرار کردند.";
  CHECK(check_run::findings({SourceSpec{"fa.txt", "fa", other}, SourceSpec{"es.txt", "es", kEsRelations}}, "conflict").empty());
  CHECK(check_run::findings({SourceSpec{"es.txt", "es", kEsRelations}}, "conflict").empty());
}

TEST_CASE("conflict: an event that can happen many times is not a conflict", "[checks][conflict]") {
  const std::string fa = "نظربايف در ۲۵ دسامبر ۱۹۹۱ به آمريکا سفر کرد.";
  const std::string es = "Nazarbáyev visitó Estados Unidos el 16 de diciembre de 1991.";
  const auto findings = check_run::findings({SourceSpec{"fa.txt", "fa", fa}, SourceSpec{"es.txt", "es", es}}, "conflict");
  INFO(describe(findings));
  CHECK(findings.empty());
}

TEST_CASE("conflict: dates whose year comes from context are not compared by default", "[checks][conflict]") {
  const std::string fa = "در سال ۱۹۹۱ آمريکا و قزاقستان روابط ديپلماتيک خود را در ۲۵ دسامبر برقرار کردند.";
  const auto findings = check_run::findings({SourceSpec{"fa.txt", "fa", fa}, SourceSpec{"es.txt", "es", kEsRelations}}, "conflict");
  INFO(describe(findings));
  CHECK(findings.empty());
}

TEST_CASE("conflict: a year that agrees with both of two different days does not hide them", "[checks][conflict]") {
  // «۱۹۹۱» overlaps 16 and 25 December 1991; they still disagree.
  const std::string year = "Kazajistán y Estados Unidos establecieron relaciones diplomáticas en 1991.";
  const auto findings = check_run::findings(
      {SourceSpec{"es1.txt", "es", kEsRelations}, SourceSpec{"fa.txt", "fa", kFaRelations}, SourceSpec{"es2.txt", "es", year}},
      "conflict");
  INFO(describe(findings));
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].locations.size() == 2);
  // Beside one day alone, the year settles nothing and disagrees with nothing.
  CHECK(check_run::findings({SourceSpec{"es1.txt", "es", kEsRelations}, SourceSpec{"es2.txt", "es", year}}, "conflict").empty());
}

TEST_CASE("conflict: with three sources the odd one out is primary", "[checks][conflict]") {
  const std::string es2 = "Kazajistán y Estados Unidos establecieron relaciones diplomáticas el 16 de diciembre de 1991.";
  const auto findings = check_run::findings({SourceSpec{"es1.txt", "es", kEsRelations}, SourceSpec{"fa.txt", "fa", kFaRelations},
                             SourceSpec{"es2.txt", "es", es2}},
                            "conflict");
  INFO(describe(findings));
  REQUIRE(findings.size() == 1);
  const Finding& f = findings[0];
  REQUIRE(f.locations.size() == 3);
  CHECK(f.locations[0].path == "fa.txt");
  CHECK(f.locations[0].excerpt == "۲۵ دسامبر ۱۹۹۱");
  CHECK(f.locations[1].path == "es1.txt");
  CHECK(f.locations[2].path == "es2.txt");
  REQUIRE(f.suggestion.has_value());
  CHECK(*f.suggestion == "1991-12-16");
  CHECK(contains(f.message, "2 sources"));
}

// --------------------------------------------------------------------- range

TEST_CASE("range: a range whose ends are the same day is flagged", "[checks][range]") {
  const std::string fa = "اين کنفرانس از ۱۴ الى ۱۴ فوريه ۱۹۹۴ برگزار شد.";
  const auto findings = check_run::findings("fa", fa, "range");
  INFO(describe(findings));
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].kind == concord::Kind::kRange);
  CHECK(findings[0].severity == concord::Severity::kError);
  CHECK(contains(findings[0].message, "same day"));
  CHECK(contains(findings[0].message, "1994-02-14"));
  REQUIRE(findings[0].locations.size() == 1);
  CHECK(findings[0].locations[0].excerpt == "۱۴ الى ۱۴ فوريه ۱۹۹۴");
  CHECK(findings[0].locations[0].column == column_of(fa, "۱۴ الى"));
}

TEST_CASE("range: inverted ranges are flagged", "[checks][range]") {
  struct Case {
    std::string lang, text, excerpt;
  };
  const Case c = GENERATE(values<Case>({
      {"es", "Del 7 al 5 de marzo de 1994 hubo una cumbre.", "7 al 5 de marzo de 1994"},
      {"es", "Entre 2008 y 1992 la asistencia creció.", "2008 y 1992"},
      {"es", "Del 21 al 19 de marzo se reunieron.", "21 al 19 de marzo"},  // no year: the order still shows
      {"fa", "از ۶ تا ۳ آوریل ۱۹۹۴ بود.", "۶ تا ۳ آوریل ۱۹۹۴"},
      {"fa", "از ۳ مارس تا ۲۸ فوریه ۱۹۹۵ بود.", "۳ مارس تا ۲۸ فوریه ۱۹۹۵"},
  }));
  CAPTURE(c.text);
  const auto findings = check_run::findings(c.lang, c.text, "range");
  INFO(describe(findings));
  REQUIRE(findings.size() == 1);
  CHECK(contains(findings[0].message, "before it begins"));
  CHECK(findings[0].locations.at(0).excerpt == c.excerpt);
}

TEST_CASE("range: ordinary ranges are not flagged", "[checks][range]") {
  struct Case {
    std::string lang, text;
  };
  const Case c = GENERATE(values<Case>({
      {"es", "Del 5 al 7 de marzo de 1994 hubo una cumbre."},
      {"es", "Del 28 de febrero al 3 de marzo de 1995."},
      {"es", "Entre 1992 y 2008 la asistencia creció."},
      {"es", "De febrero de 1992 a 1995 trabajó."},
      {"fa", "از ۳ تا ۶ آوریل ۱۹۹۴ بود."},
      {"fa", "در سال ۱۹۹۲ تا ۲۰۰۸ کمک کرد."},
      {"fa", "از فوريه ۱۹۹۲ تا ۱۹۹۵ ادامه داشت."},
      {"fa", "در ۲۵ دسامبر ۱۹۹۱ آمد."},
  }));
  CAPTURE(c.text);
  const auto findings = check_run::findings(c.lang, c.text, "range");
  INFO(describe(findings));
  CHECK(findings.empty());
}

// ---------------------------------------------------------------------- date

TEST_CASE("date: days that do not exist are flagged", "[checks][date]") {
  struct Case {
    std::string lang, text, excerpt, fragment;
  };
  const Case c = GENERATE(values<Case>({
      {"fa", "در ۳۱ فوریه ۱۹۹۴ بود.", "۳۱ فوریه ۱۹۹۴", "day 31"},
      {"es", "Ocurrió el 30 de febrero de 2001.", "30 de febrero de 2001", "day 30"},
      {"es", "El 29 de febrero de 2001 llovió.", "29 de febrero de 2001", "it has 28 days"},
      {"es", "El 31 de abril de 1999.", "31 de abril de 1999", "it has 30 days"},
      {"fa", "در ۳۰ اسفند ۱۳۷۱ بود.", "۳۰ اسفند ۱۳۷۱", "Persian calendar"},
      {"fa", "در ۳۱ مهر ۱۳۷۰ بود.", "۳۱ مهر ۱۳۷۰", "Persian calendar"},
  }));
  CAPTURE(c.text);
  const auto findings = check_run::findings(c.lang, c.text, "date");
  INFO(describe(findings));
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].kind == concord::Kind::kDate);
  CHECK(findings[0].severity == concord::Severity::kError);
  CHECK(contains(findings[0].message, c.fragment));
  CHECK(findings[0].locations.at(0).excerpt == c.excerpt);
}

TEST_CASE("date: days that exist are not flagged", "[checks][date]") {
  struct Case {
    std::string lang, text;
  };
  const Case c = GENERATE(values<Case>({
      {"es", "El 29 de febrero de 1996 llovió."},
      {"es", "El 29 de febrero de 2000 llovió."},
      {"es", "El 31 de diciembre de 1991."},
      {"es", "En 1995 llegó. El 29 de febrero volvió."},  // the year is a guess: do not accuse
      {"fa", "در ۳۰ اسفند ۱۳۷۰ بود."},
      {"fa", "در ۳۱ شهریور ۱۳۷۰ بود."},
      {"fa", "در ۲۵ دسامبر ۱۹۹۱ آمد."},
  }));
  CAPTURE(c.text);
  const auto findings = check_run::findings(c.lang, c.text, "date");
  INFO(describe(findings));
  CHECK(findings.empty());
}

TEST_CASE("date: an anaphora does not repeat its antecedent's finding", "[checks][date]") {
  const auto findings =
      check_run::findings("es", "El 30 de febrero de 2001 llegó. Ese mismo día se fue.", "date");
  INFO(describe(findings));
  CHECK(findings.size() == 1);
}

TEST_CASE("date: a range with a day that does not exist is a date finding, not a range finding",
          "[checks][date][range]") {
  const std::string text = "Del 28 al 30 de febrero de 2001 hubo una cumbre.";
  const auto date = check_run::findings("es", text, "date");
  INFO(describe(date));
  CHECK(date.size() == 1);
  CHECK(check_run::findings("es", text, "range").empty());
}

// ---------------------------------------------------------------------- name

TEST_CASE("name: a real-word near miss of a city, with a cue, named correctly elsewhere, is flagged",
          "[checks][name]") {
  // «آلمانى» (German, older orthography) where the text wants «آلماتى» (Almaty).
  const std::string fa = "در ۱۹۹۳ فرستاده ويژه آمريکا به آلمانى وارد شد.";
  const std::string es = "Los Estados Unidos abrieron su embajada en Almaty en enero de 1992.";
  const auto findings = check_run::findings({SourceSpec{"fa.txt", "fa", fa}, SourceSpec{"es.txt", "es", es}}, "name");
  INFO(describe(findings));
  REQUIRE(findings.size() == 1);
  const Finding& f = findings[0];
  CHECK(f.kind == concord::Kind::kName);
  CHECK(f.severity == concord::Severity::kWarning);
  REQUIRE(f.suggestion.has_value());
  CHECK(*f.suggestion == "آلماتى");  // alef maksura, as the document writes yeh
  CHECK(contains(f.message, "Almaty"));
  REQUIRE(f.locations.size() == 1);
  CHECK(f.locations[0].path == "fa.txt");
  CHECK(f.locations[0].excerpt == "آلمانى");
  CHECK(f.locations[0].start == fa.find("آلمانى"));
  CHECK(f.locations[0].column == column_of(fa, "آلمانى"));
}

TEST_CASE("name: the suggestion follows the document's orthography", "[checks][name]") {
  // Persian yeh in the text: the suggestion uses it too.
  const std::string fa = "در ۱۹۹۳ فرستاده ويژه آمريکا به آلمانی وارد شد و سفارت در آلماتی است.";
  const auto findings = check_run::findings("fa", fa, "name");
  INFO(describe(findings));
  REQUIRE(findings.size() == 1);
  REQUIRE(findings[0].suggestion.has_value());
  CHECK(*findings[0].suggestion == "آلماتی");
  CHECK(findings[0].locations.at(0).excerpt == "آلمانی");
}

TEST_CASE("name: the correct name is never flagged", "[checks][name]") {
  const std::string fa = "در ۱۹۹۳ فرستاده ويژه آمريکا به آلماتى وارد شد.";
  const std::string es = "Los Estados Unidos abrieron su embajada en Almaty en enero de 1992.";
  const auto findings = check_run::findings({SourceSpec{"fa.txt", "fa", fa}, SourceSpec{"es.txt", "es", es}}, "name");
  INFO(describe(findings));
  CHECK(findings.empty());
}

TEST_CASE("name: a real-word near miss without the correct name in the group is not flagged", "[checks][name]") {
  const std::string fa = "در ۱۹۹۳ فرستاده ويژه آمريکا به آلمانى وارد شد.";
  const std::string es = "Los Estados Unidos abrieron su embajada en enero de 1992.";
  const auto findings = check_run::findings({SourceSpec{"fa.txt", "fa", fa}, SourceSpec{"es.txt", "es", es}}, "name");
  INFO(describe(findings));
  CHECK(findings.empty());
}

TEST_CASE("name: a real-word near miss without a cue is not flagged", "[checks][name]") {
  // «آلمانى» as an adjective, with Almaty named elsewhere: no city cue next to it.
  const std::string fa = "سفارت در آلماتى است. شرکت آلمانى نیز همکاری کرد.";
  const auto findings = check_run::findings("fa", fa, "name");
  INFO(describe(findings));
  CHECK(findings.empty());
}

TEST_CASE("name: derived forms and demonyms of a named country are not misspellings", "[checks][name]") {
  // «قزاقستانى» is a listed demonym; «آمريکاى» is «آمريکا» + the suffix «ى».
  const std::string fa = "مردم قزاقستانى و دولت آمريکاى شمالى با آمريکا و قزاقستان همکارى کردند.";
  const auto findings = check_run::findings("fa", fa, "name");
  INFO(describe(findings));
  CHECK(findings.empty());
}

TEST_CASE("name: an unknown Spanish word one edit from a city, after a cue, is flagged", "[checks][name]") {
  const std::string es = "Kazajistán es un país extenso. El embajador viajó a Almatu en 1993.";
  const auto findings = check_run::findings("es", es, "name");
  INFO(describe(findings));
  REQUIRE(findings.size() == 1);
  REQUIRE(findings[0].suggestion.has_value());
  CHECK(*findings[0].suggestion == "Almaty");
  CHECK(findings[0].locations.at(0).excerpt == "Almatu");
  CHECK(findings[0].locations.at(0).column == column_of(es, "Almatu"));
}

TEST_CASE("name: a name without its accents is the name", "[checks][name]") {
  // «Teherán» and «Moscú» written without their accents.
  const std::string es = "El presidente llegó a Teheran y luego a Moscu en 1994.";
  const auto findings = check_run::findings("es", es, "name");
  INFO(describe(findings));
  CHECK(findings.empty());
}

TEST_CASE("checks: conflict, range, date and name are enabled with their severities", "[checks]") {
  const std::vector<std::pair<std::string, concord::Severity>> expected{
      {"conflict", concord::Severity::kError},
      {"range", concord::Severity::kError},
      {"date", concord::Severity::kError},
      {"name", concord::Severity::kWarning}};
  for (const auto& [id, severity] : expected) {
    CAPTURE(id);
    const concord::Check* found = nullptr;
    for (const auto& c : engine().checks()) {
      if (c->id() == id) found = c.get();
    }
    REQUIRE(found != nullptr);
    CHECK(found->severity() == severity);
  }
}

TEST_CASE("conflict: embassies opened in each other's capitals are different events", "[checks][conflict]") {
  // Each side's embassy in the other's capital, dated differently: no conflict.
  const std::string en =
      "The United States opened its embassy in Almaty on 2 February 1992. Kazakhstan opened its embassy in "
      "Washington on 4 June 1992.";
  const std::string es =
      "Estados Unidos abrió su embajada en Almaty el 2 de febrero de 1992. Kazajistán abrió la suya en "
      "Washington el 4 de junio de 1992.";
  auto findings = check_run::findings({SourceSpec{"en.txt", "en", en}, SourceSpec{"es.txt", "es", es}}, "conflict");
  INFO(describe(findings));
  CHECK(findings.empty());
  // The same embassy dated differently is a conflict, named by its host.
  const std::string es_wrong =
      "Estados Unidos abrió su embajada en Almaty el 12 de febrero de 1992. Kazajistán abrió la suya en "
      "Washington el 4 de junio de 1992.";
  findings = check_run::findings({SourceSpec{"en.txt", "en", en}, SourceSpec{"es.txt", "es", es_wrong}}, "conflict");
  INFO(describe(findings));
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].message.find("opening of an embassy in Kazakhstan") != std::string::npos);
  CHECK(findings[0].locations.at(0).excerpt == "2 February 1992");
}

TEST_CASE("conflict: an embassy is where a city after 'in' says, not the capital that opened it", "[checks][conflict]") {
  // "Seoul opened its embassy in Tashkent": the embassy is in Uzbekistan,
  // the same as «سفارت کره در تاشکند»; dated alike, they agree.
  const std::string en = "South Korea and Uzbekistan are partners. Seoul opened its embassy in Tashkent in December 1992.";
  const std::string fa = "سفارت کره جنوبی در تاشکند در دسامبر ۱۹۹۲ گشایش یافت و سفارت ازبکستان در سئول در ۱۹۹۵ افتتاح شد.";
  auto findings = check_run::findings({SourceSpec{"en.txt", "en", en}, SourceSpec{"fa.txt", "fa", fa}}, "conflict");
  INFO(describe(findings));
  CHECK(findings.empty());
  // Dated otherwise, it is a conflict about the embassy in Uzbekistan.
  const std::string en_wrong = "South Korea and Uzbekistan are partners. Seoul opened its embassy in Tashkent in March 1993.";
  findings = check_run::findings({SourceSpec{"en.txt", "en", en_wrong}, SourceSpec{"fa.txt", "fa", fa}}, "conflict");
  INFO(describe(findings));
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].message.find("in Uzbekistan") != std::string::npos);
}

TEST_CASE("conflict: an embassy claim without a city is left out when both embassies are named",
          "[checks][conflict]") {
  const std::string en =
      "The United States opened its embassy in Almaty on 2 February 1992. Kazakhstan opened its embassy in "
      "Washington on 4 June 1992.";
  const std::string es = "La embajada se abrió el 20 de marzo de 1992.";
  const auto findings = check_run::findings({SourceSpec{"en.txt", "en", en}, SourceSpec{"es.txt", "es", es}}, "conflict");
  INFO(describe(findings));
  CHECK(findings.empty());
}

TEST_CASE("name: a word of the pack's vocabulary is a real word, not a misspelt name", "[checks][name]") {
  // «آقای» ("Mr") is one letter from «آقایف» (Akayev) and unknown to the
  // dictionary; the fa pack's `vocabulary` lists it.
  const std::string fa = "عسکر آقایف رئیس‌جمهور قرقیزستان بود. در این سفر آقای وزیر سخن گفت و به آقای سفیر خوشامد گفت.";
  const auto findings = check_run::findings({SourceSpec{"fa.txt", "fa", fa}}, "name");
  INFO(describe(findings));
  CHECK(findings.empty());
}

TEST_CASE("name: a transliteration with a variant ending is the name", "[checks][name]") {
  // «کریماف» and «کریموف» both write Karimov (fa `variant_endings`); a
  // real slip in the stem is still one.
  const std::string fa = "اسلام کریموف در تهران بود. رئیس‌جمهور کریماف گفت که کریماف به پکن می‌رود.";
  auto findings = check_run::findings("fa", fa, "name");
  INFO(describe(findings));
  CHECK(findings.empty());
  // «رحمانف» is Rahmonov («رحمانوف»), though the nearest name is Rahmon («رحمان»).
  findings = check_run::findings("fa", "امامعلی رحمان و رحمانوف یک نفرند. رئیس‌جمهور رحمانف گفت.", "name");
  INFO(describe(findings));
  CHECK(findings.empty());
  findings = check_run::findings("fa", "اسلام کریموف در تهران بود. رئیس‌جمهور کرینوف گفت.", "name");
  INFO(describe(findings));
  CHECK(findings.size() == 1);
  // «نظر باییف» is «نظر بایف» with «ییف» for «یف»: the short stem «با»
  // takes the variant endings after another word of the name.
  findings = check_run::findings("fa", "نورسلطان نظربایف در آستانه بود. برنامه به ابتکار نظر باییف آغاز شد و نظرباییف گفت.", "name");
  INFO(describe(findings));
  CHECK(findings.empty());
}

TEST_CASE("name: a real word for a region, after a cue, is a misspelt region", "[checks][name]") {
  // «نوجوان» ("teenager") is one letter from «نخجوان», Nakhchivan, a
  // region: «در» before it wants a place, as it does for a city.
  const auto findings = check_run::findings(
      "fa", "ترکیه در نخجوان کنسولگری دارد. سرکنسولگری ترکیه در نوجوان نیز فعال است.", "name");
  INFO(describe(findings));
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].locations[0].excerpt == "نوجوان");
}

TEST_CASE("checks: one span with one correction from two checks is one finding", "[checks][name][spelling]") {
  // «يلتسسين» is a misspelt Yeltsin to the name check and no word to the
  // spelling check, both correcting it to «يلتسين»: the report keeps the
  // name check's, the first in registry order.
  const std::string fa =
      "بوريس يلتسين رئيس جمهور روسيه بود. اين معاهده به امضاى بوريس يلتسسين رسيد و روابط گسترش يافت.";
  const concord::Group group = check_run::engine().analyze("group", {SourceSpec{"fa.txt", "fa", fa}});
  const concord::Report report = check_run::engine().check(group);
  std::size_t at_span = 0;
  std::string rule;
  for (const Finding& f : report.findings) {
    if (f.locations.at(0).excerpt == "يلتسسين") {
      ++at_span;
      rule = f.rule;
    }
  }
  INFO(describe(report.findings));
  CHECK(at_span == 1);
  CHECK(rule == "name");
}

TEST_CASE("name: a common word capitalized inside a sentence is written as a name", "[checks][name]") {
  // "soul" is a word of four letters, too short after a weak cue, but
  // "Soul" inside a sentence, where the group names Seoul, is its slip.
  const std::string named = "Seoul and Tashkent are far apart. ";
  auto findings = check_run::findings("en", named + "Uzbekistan's embassy in Soul opened in 1995.", "name");
  INFO(describe(findings));
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].locations[0].excerpt == "Soul");
  // Lower-case, or capitalized because it starts a sentence: a word.
  findings = check_run::findings("en", named + "They put their soul in it, and the embassy in soul music is new.", "name");
  INFO(describe(findings));
  CHECK(findings.empty());
}

TEST_CASE("name: with only a cue, an unknown word with another first letter is another name", "[checks][name]") {
  // "Kapan" (a town in Armenia) is one letter from "Japan", which the text
  // never names; "Almatu" keeps Almaty's first letter and is flagged.
  auto findings = check_run::findings("en", "Iran has a consulate in Kapan, in the province of Syunik.", "name");
  INFO(describe(findings));
  CHECK(findings.empty());
  findings = check_run::findings("en", "Kazakhstan is vast. The ambassador travelled to Almatu in 1993.", "name");
  INFO(describe(findings));
  CHECK(findings.size() == 1);
  // With a cue alone, a place is wanted only in a country the group names.
  findings = check_run::findings("en", "The ambassador travelled to Almatu in 1993.", "name");
  INFO(describe(findings));
  CHECK(findings.empty());
  findings = check_run::findings(
      "fa", "روابط کره جنوبی و ازبکستان گسترش یافت. سرکنسولگری ازبکستان در بندر بوسان فعال است.", "name");
  INFO(describe(findings));
  CHECK(findings.empty());
}

TEST_CASE("name: a real word joined to a city, or after a word that says what it is, is a misspelt city",
          "[checks][name]") {
  // «بخار» (steam) for «بخارا» (Bukhara): four letters, flagged only with a
  // strong cue; «تبریک» (congratulations) for «تبریز» joined by «ـ» to Baku.
  const std::string named = "رئیس‌جمهور از سمرقند و بخارا دیدن کرد و شهر تبریز را دید. ";
  const std::vector<std::pair<std::string, std::string>> cases{
      {named + "کارخانه‌ها در شهرهای فرغانه، نمنگان و بخار کار می‌کنند.", "بخار"},
      {named + "شرکت نفت در منطقه بخار فعال است.", "بخار"},
      {named + "پرواز تبریک ـ باکو برقرار شد.", "تبریک"},
      // A weak cue (a preposition) is not enough for four letters, and no
      // cue is no evidence.
      {named + "آب در بخار حل شد.", ""},
      {named + "نیروگاه بخار ساخته شد.", ""},
  };
  for (const auto& [text, excerpt] : cases) {
    CAPTURE(text);
    const auto findings = check_run::findings("fa", text, "name");
    INFO(describe(findings));
    if (excerpt.empty()) {
      CHECK(findings.empty());
    } else {
      REQUIRE(findings.size() == 1);
      CHECK(findings[0].locations.at(0).excerpt == excerpt);
    }
  }
}

TEST_CASE("conflict: a visit or a signing dated once a month per source, on different days", "[checks][conflict]") {
  auto run = [](const std::string& fa, const std::string& en) {
    return check_run::findings({SourceSpec{"fa.txt", "fa", fa}, SourceSpec{"en.txt", "en", en}}, "conflict");
  };
  // The same signing (one each in May 2004), on different days.
  auto findings = run("موافقت‌نامه خط لوله گاز ایران و ارمنستان در تاریخ ۱۳ مه ۲۰۰۴ در تهران به امضا رسید.",
                      "The Iran–Armenia gas pipeline agreement was signed in Tehran on 17 May 2004.");
  INFO(describe(findings));
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].message.find("signing of an agreement") != std::string::npos);
  // Same day: no conflict; a month only: nothing to tell apart.
  CHECK(run("موافقت‌نامه گاز ایران و ارمنستان در ۱۷ مه ۲۰۰۴ امضا شد.", "Iran and Armenia signed it on 17 May 2004.")
            .empty());
  CHECK(run("موافقت‌نامه گاز ایران و ارمنستان در مه ۲۰۰۴ امضا شد.", "Iran and Armenia signed it on 17 May 2004.")
            .empty());
  // Two visits in one month in one source: which one the other means is unknown.
  findings = run("وزیر خارجه ایران در ۳ مارس ۱۹۹۴ به ارمنستان سفر کرد. رئیس‌جمهور ارمنستان در ۲۵ مارس ۱۹۹۴ به ایران سفر کرد.",
                 "Armenia's president visited Iran on 20 March 1994.");
  INFO(describe(findings));
  CHECK(findings.empty());
}

TEST_CASE("name: another first letter, or an unknown word written twice with only a cue, is another name",
          "[checks][name]") {
  // «قاپان» is Kapan («کاپان») transliterated with «ق»: not a slip, though
  // the group names Kapan. "Astara", twice after a cue, is no misspelt
  // Astana, which the group never names; a slip written once is.
  auto findings = check_run::findings(
      {SourceSpec{"fa.txt", "fa", "ایران در شهر قاپان کنسولگری دارد."},
       SourceSpec{"en.txt", "en", "Iran has a consulate in Kapan."}},
      "name");
  INFO(describe(findings));
  CHECK(findings.empty());
  findings = check_run::findings("es", "Se acordó conectar Rasht-Astara. El tramo Rasht-Astara costó mucho.", "name");
  INFO(describe(findings));
  CHECK(findings.empty());
  findings = check_run::findings("es", "Kazajistán e Irán lo acordaron. El tramo Rasht-Astama costó mucho.", "name");
  INFO(describe(findings));
  CHECK(findings.size() == 1);
}

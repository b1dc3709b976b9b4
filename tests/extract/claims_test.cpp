// Claims, table-driven: an event or measure trigger, its participants and
// its value (a date, or a quantity with the date that scopes it and whether
// it is a total over a period). Then the seed pair's acceptance: its trade
// figures and counts extract with the right values from the files as they
// are.
#include "extract_table.h"

#include <optional>

using extract_table::ClaimRow;

namespace {

// clang-format off
const std::vector<ClaimRow> kClaims = {
  // Two measure claims in two clauses joined by ", y" / ", and" / «، و»:
  // each with its own value, scope and kind.
  {"es", "En 2008 la ayuda de Estados Unidos a Kazajistán ascendió a 30 millones de dólares, y la ayuda acumulada entre 1992 y 2008 fue de 400 millones de dólares.",
        {{"aid_granted", "kz,us", "", 30e6, "USD", "2008", false},
         {"aid_granted", "kz,us", "", 400e6, "USD", "1992/2008", true}}},
  {"en", "In 2008 US aid to Kazakhstan amounted to $30 million, and cumulative aid between 1992 and 2008 reached $400 million.",
        {{"aid_granted", "kz,us", "", 30e6, "USD", "2008", false},
         {"aid_granted", "kz,us", "", 400e6, "USD", "1992/2008", true}}},
  {"fa", "کمک آمریکا به قزاقستان در سال ۲۰۰۸ به ۳۰ میلیون دلار رسید، و در مجموع کمک‌ها بین سال‌های ۱۹۹۲ تا ۲۰۰۸ به ۴۰۰ میلیون دلار رسید.",
        {{"aid_granted", "kz,us", "", 30e6, "USD", "2008", false},
         {"aid_granted", "kz,us", "", 400e6, "USD", "1992/2008", true}}},
  {"es", "En 2010 el comercio bilateral entre Irán y Turkmenistán llegó a 3.000 millones de dólares, y la inversión iraní superó los 2.000 millones de dólares entre 1992 y 2010.",
        {{"trade_volume", "ir,tm", "", 3e9, "USD", "2010", false},
         {"investment", "ir,tm", "", 2e9, "USD", "1992/2010", true}}},
  {"en", "In 2005 trade between Iran and Turkmenistan reached about $1.2 billion, while investment reached $250 million.",
        {{"trade_volume", "ir,tm", "", 1.2e9, "USD", "2005", false},
         {"investment", "ir,tm", "", 250e6, "USD", "2005", false}}},
  // One measure each: scope from the sentence's date (a range spanning
  // years makes a total), none without one.
  {"es", "En el período comprendido entre 1992 y 2008, la asistencia acumulada CTR a Kazajistán ha culminado en $ 341 millones.",
        {{"aid_granted", "kz", "", 341e6, "USD", "1992/2008", true}}},
  {"en", "Between 1992 and 2008, cumulative US aid to Kazakhstan totaled $341 million.",
        {{"aid_granted", "kz,us", "", 341e6, "USD", "1992/2008", true}}},
  {"fa", "حجم مبادلات بازرگانى بين قزاقستان و آمريکا طى سال ۱۹۹۴ حدود ۱۴۰ ميليون دلار بوده است که حدود ۱۱۰ ميليون دلار آن را صادرات و ۳۰ ميليون دلار آن را نيز واردات تشکيل داده است.",
        {{"trade_volume", "kz,us", "", 140e6, "USD", "1994", false}}},
  {"en", "In 1994 the trade volume between Kazakhstan and the United States was about $140 million.",
        {{"trade_volume", "kz,us", "", 140e6, "USD", "1994", false}}},
  {"es", "En 1994 el intercambio comercial entre Kazajistán y Estados Unidos fue de unos 140 millones de dólares.",
        {{"trade_volume", "kz,us", "", 140e6, "USD", "1994", false}}},
  // A series: as many dates as amounts pair up in order; a scaled amount
  // without a unit takes the one before it.
  {"fa", "حجم مبادلات بازرگانی ازبکستان و چین در سال ۱۹۹۲ بالغ بر ۵۳ میلیون دلار بود و در سال ۱۹۹۴ به حدود ۱۲۰ میلیون دلار افزایش یافت.",
        {{"trade_volume", "cn,uz", "", 53e6, "USD", "1992", false},
         {"trade_volume", "cn,uz", "", 120e6, "USD", "1994", false}}},
  {"es", "El comercio bilateral entre Uzbekistán y China fue de 124 millones de dólares en 1994 y de 108 millones en 1998.",
        {{"trade_volume", "cn,uz", "", 124e6, "USD", "1994", false},
         {"trade_volume", "cn,uz", "", 108e6, "USD", "1998", false}}},
  // «این رقم» ("this figure") goes on with the measure of the sentence before.
  {"fa", "حجم مبادلات بازرگانی ایران و آذربایجان در سال ۱۹۹۳ حدود ۲۰۰ میلیون دلار بوده است. این رقم در سال ۱۹۹۵ به ۳۶۰ میلیون دلار رسید.",
        {{"trade_volume", "az,ir", "", 200e6, "USD", "1993", false},
         {"trade_volume", "az,ir", "", 360e6, "USD", "1995", false}}},
  {"en", "Trade between Iran and Azerbaijan was about $200 million in 1993. This figure reached $360 million in 1995.",
        {{"trade_volume", "az,ir", "", 200e6, "USD", "1993", false},
         {"trade_volume", "az,ir", "", 360e6, "USD", "1995", false}}},
  // «در این سفر», "en esa ocasión": the occasion of the last full date
  // scopes a loan granted then.
  {"fa", "رفسنجانی در ۱۴ تا ۱۵ مه ۱۹۹۶ به بیشکک سفر کرد. در این سفر ایران یک وام ۲۰ میلیون دلاری به قرقیزستان داد.",
        {{"visit", "ir,kg", "1996-05-14/1996-05-15"},
         {"loan", "ir,kg", "", 20e6, "USD", "1996-05-14/1996-05-15", false}}},
  {"es", "Rafsanyaní visitó Kirguistán del 14 al 15 de mayo de 1996. En esa ocasión Irán concedió a Kirguistán un préstamo de 25 millones de dólares.",
        {{"visit", "ir,kg", "1996-05-14/1996-05-15"},
         {"loan", "ir,kg", "", 25e6, "USD", "1996-05-14/1996-05-15", false}}},
  // A third country named in passing is not a participant when the
  // document's own pair is named.
  {"en", "Trade between Armenia and Iran grew. Armenia and Iran signed a deal. Bilateral trade between Iran and Armenia reached $159 million in 2006, making Iran one of Armenia's leading partners after Russia.",
        {{"trade_volume", "am,ir", "", 159e6, "USD", "2006", false}}},
  // Parts of a total are not the measure.
  {"fa", "در سال ۱۹۹۸ حجم مبادلات ازبکستان و چین به ۱۸۰ میلیون دلار بالغ گردید که ۱۱۰ میلیون دلار آن را صادرات ازبکستان و ۷۰ میلیون دلار آن را واردات از چین تشکیل می‌داد.",
        {{"trade_volume", "cn,uz", "", 180e6, "USD", "1998", false}}},
  {"fa", "آمريکا در همين راستا يک کمک ۵/۸۴ ميليون دلارى به قزاقستان داد.",
        {{"aid_granted", "kz,us", "", 5.84e6, "USD", "", false}}},
  {"fa", "در سال ۱۹۹۴ آمریکا ۱۵ میلیون دلار کمک به قزاقستان تخصیص داد.",
        {{"aid_granted", "kz,us", "", 15e6, "USD", "1994", false}}},
  {"fa", "حجم مبادلات تجاری ایران و ترکمنستان در سال ۲۰۰۵ میلادی حدود ۱٫۲ میلیارد دلار بود.",
        {{"trade_volume", "ir,tm", "", 1.2e9, "USD", "2005", false}}},
  {"fa", "در سال ۱۳۸۴ حجم مبادلات تجاری ایران و ترکمنستان حدود ۱٫۲ میلیارد دلار بود.",  // a Solar Hijri year
        {{"trade_volume", "ir,tm", "", 1.2e9, "USD", "2005-03-21/2006-03-20", false}}},
  {"es", "En 2010 Irán invirtió en Turkmenistán. Ese mismo año, la inversión iraní en Turkmenistán fue de unos 520 millones de dólares.",
        {{"investment", "ir,tm", "", 520e6, "USD", "2010", false}}},  // scoped by the anaphora's year
  {"fa", "طول مرز ایران و ترکمنستان ۱۱۴۸ کیلومتر است.", {{"border_length", "ir,tm", "", 1148, "km", "", false}}},
  {"en", "Kazakhstan has a population of about 18 million people.", {{"population", "kz", "", 18e6, "people", "", false}}},
  {"fa", "جمعیت قزاقستان حدود ۱۸ میلیون نفر است.", {{"population", "kz", "", 18e6, "people", "", false}}},
  // Event claims: the date in the trigger's sentence (clause first).
  {"fa", "ايالات متحده آمريکا، جمهورى قزاقستان را در تاريخ ۲۵ دسامبر ۱۹۹۱ به رسميت شناخت و روابط ديپلماتيک دو کشور در همين روز برقرار گرديد.",
        {{"recognition", "kz,us", "1991-12-25"}, {"relations_established", "kz,us", "1991-12-25"}}},
  {"es", "Los Estados Unidos y la República de Kazajistán establecieron relaciones diplomáticas el 16 de diciembre de 1991.",
        {{"relations_established", "kz,us", "1991-12-16"}}},
  {"en", "The United States and Kazakhstan established diplomatic relations on December 16, 1991.",
        {{"relations_established", "kz,us", "1991-12-16"}}},
  {"fa", "روابط دیپلماتیک قزاقستان و آمریکا در ۲۵ آذر ۱۳۷۰ برقرار شد.", {{"relations_established", "kz,us", "1991-12-16"}}},
  {"fa", "روابط دیپلماتیک ایران و ترکمنستان در تاریخ ۱۳۷۰/۱۱/۲۹ برقرار شد.", {{"relations_established", "ir,tm", "1992-02-18"}}},
  {"en", "The United States recognized Kazakhstan's independence on December 25, 1991, and diplomatic relations were established on December 16, 1991.",
        {{"recognition", "kz,us", "1991-12-25"}, {"relations_established", "kz,us", "1991-12-16"}}},
  // A Persian verb trigger followed by «و» ends its clause: the date after
  // it is the next clause's.
  {"fa", "ایالات متحده آمریکا در تاریخ ۳ فروردین ۱۳۷۱ استقلال گرجستان را به رسمیت شناخت و حدود یک ماه بعد، در ۲۴ آوریل ۱۹۹۲، روابط دیپلماتیک دو کشور برقرار شد.",
        {{"recognition", "ge,us", "1992-03-23"}, {"relations_established", "ge,us", "1992-04-24"}}},
  {"fa", "ترکمنستان در ۵ آبان ۱۳۷۰ استقلال خود را از اتحاد شوروی اعلام کرد.", {{"independence", "su,tm", "1991-10-27"}}},
  {"es", "Turkmenistán declaró su independencia el 27 de octubre de 1991.", {{"independence", "tm", "1991-10-27"}}},
  {"en", "Turkmenistan declared independence on 27 October 1991.", {{"independence", "tm", "1991-10-27"}}},
  {"es", "El presidente de Kazajistán viajó a Estados Unidos el 14 de febrero de 1994.", {{"visit", "kz,us", "1994-02-14"}}},
  // Two embassies in one sentence, each with its own verb and date.
  {"fa", "سفارت جمهوری خلق چین در تاشکند در تاریخ ۹ مارس ۱۹۹۲ رسماً گشایش یافت و سفارت ازبکستان در پکن نیز در ۴ مه ۱۹۹۴ افتتاح گردید.",
        {{"embassy_opened", "cn,uz", "1992-03-09"}, {"embassy_opened", "cn,uz", "1994-05-04"}}},
  // The date of an anniversary is not the event's.
  {"fa", "در سال ۲۰۱۲ دو کشور چین و تاجیکستان بیستمین سالگرد برقراری روابط دیپلماتیک را جشن گرفتند.", {}},
  {"es", "En 2016 Kazajistán y Estados Unidos celebraron el 25 aniversario del establecimiento de relaciones diplomáticas.", {}},
  // A trigger without a value makes no claim.
  {"es", "Estados Unidos fue el primer país en reconocer la independencia de Kazajistán.", {}},
};
// clang-format on

const concord::Quantity* find_quantity(const concord::AnalyzedSource& source, const std::string& excerpt) {
  for (const concord::Quantity& q : source.extraction.quantities) {
    if (source.location(q.begin, q.end).excerpt == excerpt) return &q;
  }
  return nullptr;
}

std::optional<concord::Claim> find_claim(const concord::Extraction& ex, const std::string& event) {
  for (const concord::Claim& c : ex.claims) {
    if (c.event == event) return c;
  }
  return std::nullopt;
}

}  // namespace

TEST_CASE("claims: table", "[claims]") {
  const ClaimRow row = GENERATE(from_range(kClaims));
  extract_table::check_claims(row);
}

TEST_CASE("claims: the seed pair's figures extract with the right values", "[claims][seed]") {
  const std::string dir = std::string(CONCORD_SOURCE_DIR) + "/fixtures/seed-kz-us/";
  const concord::Group group = extract_table::engine().analyze(
      "seed-kz-us", {concord::SourceSpec{dir + "000_6b479e2ad706ea28.txt", "fa", std::nullopt},
                     concord::SourceSpec{dir + "001_40c67a450acdc9de.txt", "es", std::nullopt}});
  const concord::AnalyzedSource& fa = group.sources.at(0);
  const concord::AnalyzedSource& es = group.sources.at(1);

  struct Figure {
    const concord::AnalyzedSource* source;
    std::string excerpt;
    double value;
    std::string unit;
    std::string qualifier;
  };
  const std::vector<Figure> figures = {
      // Trade in 1994: about 140 million dollars, about 110 of exports and 30 of imports.
      {&fa, "حدود ۱۴۰ ميليون دلار", 140e6, "USD", "approximate"},
      {&fa, "حدود ۱۱۰ ميليون دلار", 110e6, "USD", "approximate"},
      {&fa, "۳۰ ميليون دلار", 30e6, "USD", ""},
      // «/» as the decimal mark: a quantity, so no date took it.
      {&fa, "۵/۸۴ ميليون دلارى", 5.84e6, "USD", ""},
      {&fa, "۱۵ ميليون دلار", 15e6, "USD", ""},
      // «3.000»: the Spanish thousands separator.
      {&es, "más de 3.000", 3000, "", "more_than"},
      {&es, "$ 341 millones", 341e6, "USD", ""},
      {&es, "28%", 28, "%", ""},
  };
  for (const Figure& f : figures) {
    CAPTURE(f.excerpt);
    const concord::Quantity* q = find_quantity(*f.source, f.excerpt);
    REQUIRE(q != nullptr);
    CHECK(extract_table::same_value(q->value, f.value));
    CHECK(q->unit == f.unit);
    CHECK(q->qualifier == f.qualifier);
  }
  // The trade claim: 140 million dollars in 1994, between the two countries.
  const auto trade = find_claim(fa.extraction, "trade_volume");
  REQUIRE(trade.has_value());
  REQUIRE(trade->quantity.has_value());
  CHECK(fa.location(fa.extraction.quantities[*trade->quantity].begin, fa.extraction.quantities[*trade->quantity].end)
            .excerpt == "حدود ۱۴۰ ميليون دلار");
  REQUIRE(trade->scope.has_value());
  CHECK(extract_table::iso_of(fa.extraction.dates[*trade->scope]) == "1994");
  CHECK(extract_table::participants_of(*trade) == "kz,us");
  CHECK_FALSE(trade->cumulative);

  // The Spanish aid claim: a total over 1992-2008.
  const auto aid = find_claim(es.extraction, "aid_granted");
  REQUIRE(aid.has_value());
  REQUIRE(aid->quantity.has_value());
  CHECK(extract_table::same_value(es.extraction.quantities[*aid->quantity].value, 341e6));
  REQUIRE(aid->scope.has_value());
  CHECK(extract_table::iso_of(es.extraction.dates[*aid->scope]) == "1992/2008");
  CHECK(aid->cumulative);

  // The dates the conflict check compares: 25 December in Persian, 16 December in Spanish.
  const auto fa_relations = find_claim(fa.extraction, "relations_established");
  const auto es_relations = find_claim(es.extraction, "relations_established");
  REQUIRE(fa_relations.has_value());
  REQUIRE(es_relations.has_value());
  CHECK(extract_table::iso_of(fa.extraction.dates[fa_relations->value_mention]) == "1991-12-25");
  CHECK(extract_table::iso_of(es.extraction.dates[es_relations->value_mention]) == "1991-12-16");
}

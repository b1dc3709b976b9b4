// The in-document checks that read a text's narrative and numbers:
// chronology, count, spelling and arithmetic. Each gets texts of our own
// that must be flagged and texts that must not (no seed sentence here).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "check_run.h"
#include "engine.h"

using concord::Finding;
using check_run::describe;
using check_run::findings;
using concord::SourceSpec;

namespace {

struct Case {
  const char* lang;
  const char* text;
  const char* excerpt;  // of the first finding; empty: no finding expected
};

void run_cases(const std::vector<Case>& cases, const std::string& rule) {
  for (const Case& c : cases) {
    const std::vector<Finding> got = findings(c.lang, c.text, rule);
    CAPTURE(c.lang, c.text, describe(got));
    if (std::string(c.excerpt).empty()) {
      CHECK(got.empty());
    } else {
      REQUIRE(got.size() == 1);
      CHECK(got[0].locations.at(0).excerpt == c.excerpt);
    }
  }
}

}  // namespace

TEST_CASE("chronology: a date that breaks a narrative's order is flagged", "[checks][chronology]") {
  run_cases(
      {
          {"en",
           "Uzbekistan declared independence on 31 August 1991. The United States recognized it on 25 December 1991. "
           "Relations were established in February 1992 and the embassy opened in March 1992. Secretary Baker "
           "visited Tashkent in May 1982, and President Karimov came to Washington in June 1996.",
           "May 1982"},
          {"es",
           "Georgia declaró su independencia el 9 de abril de 1991. Estados Unidos la reconoció el 25 de diciembre "
           "de 1991 y abrió su embajada en Tiflis en abril de 1992. El presidente Shevardnadze visitó Washington en "
           "marzo de 1982 y firmó un acuerdo de cooperación en julio de 1994.",
           "marzo de 1982"},
          {"fa",
           "ترکمنستان در اکتبر ۱۹۹۱ اعلام استقلال کرد. ایران در دسامبر ۱۹۹۱ آن را به رسمیت شناخت و روابط دو کشور "
           "در فوریه ۱۹۹۲ برقرار شد. سفارت ایران در مارس ۱۹۸۲ در عشق‌آباد گشایش یافت و رئیس‌جمهور ایران در مه ۱۹۹۶ "
           "به این کشور سفر کرد.",
           "مارس ۱۹۸۲"},
          // A visit of a few days is a step; a year typed decades off is
          // found even in a short narrative.
          {"fa",
           "نیازف در ۲۱ تا ۲۴ مارس ۱۹۹۴ به آنکارا رفت و در سپتامبر ۱۹۹۴ دانشگاه گشایش یافت. در اکتبر ۱۹۵۹ نخستین "
           "اجلاس کمیسیون مشترک برگزار شد و دمیرل در ۱۵ تا ۱۶ مه ۱۹۹۶ به عشق‌آباد آمد.",
           "اکتبر ۱۹۵۹"},
      },
      "chronology");
}

TEST_CASE("chronology: ordered narratives, flashbacks and summaries are not flagged", "[checks][chronology]") {
  run_cases(
      {
          // In order.
          {"en",
           "Uzbekistan declared independence on 31 August 1991. The United States recognized it on 25 December 1991. "
           "Relations were established in February 1992 and the embassy opened in March 1992.",
           ""},
          // A flashback marker steps back on purpose.
          {"en",
           "Relations were established in February 1992 and the embassy opened in March 1992. Previously, in May "
           "1982, a trade office had been planned. A treaty followed in June 1996.",
           ""},
          {"es",
           "Las relaciones se establecieron en febrero de 1992 y la embajada abrió en marzo de 1992. Anteriormente, en "
           "mayo de 1982, se había planeado una oficina comercial. En junio de 1996 se firmó un tratado.",
           ""},
          // A range summarizes, it is not a step of the story.
          {"es",
           "Las relaciones se establecieron en febrero de 1992. Entre 1992 y 2008 la ayuda sumó 300 millones de "
           "dólares. En marzo de 1993 se abrió la embajada y en junio de 1996 se firmó un tratado.",
           ""},
          // Two dates only: no narrative to break.
          {"fa", "روابط دو کشور در فوریه ۱۹۹۲ برقرار شد و نخستین سفر رسمی در مه ۱۹۸۲ انجام شد.", ""},
          // A sentence per line: facts grouped by topic, not one story.
          {"en",
           "Relations were established in February 1992.\nThe embassy opened in March 1992.\nSecretary Baker "
           "visited Tashkent in May 1982.\nPresident Karimov came to Washington in June 1996.",
           ""},
          // Two neighbouring dates both out of order: a swap, and which one
          // is wrong cannot be told.
          {"en",
           "Iran opened its embassy on 30 March 1992, and the Armenian embassy opened in October of the same year. On "
           "7 May 1992 the presidents signed the Tehran Communiqué. A bridge was opened in 1995.",
           ""},
      },
      "chronology");
}

TEST_CASE("count: an announced number that the list does not match is flagged", "[checks][count]") {
  run_cases(
      {
          {"en", "The presidents signed three agreements: on trade, on energy, on transport and on education.",
           "three"},
          {"es", "Durante la visita se firmaron cuatro acuerdos: de comercio, de energía y de transporte.", "cuatro"},
          {"fa", "در این سفر پنج سند همکاری امضا شد: تفاهم‌نامه انرژی، موافقت‌نامه حمل‌ونقل و برنامه فرهنگی.", "پنج"},
          // Verb before the colon, as Persian puts it.
          {"fa", "دو کشور در این دوره سه طرح بزرگ را به پایان رساندند: راه‌آهن، سد دوستی، خط لوله و بندر.", "سه"},
          // Numbered items.
          {"es", "El acuerdo trata cuatro temas: 1) el comercio, 2) la energía, 3) el transporte.", "cuatro"},
          {"fa", "این گزارش شامل سه بخش اصلی است: ۱. تاریخچه ۲. روابط اقتصادی ۳. روابط فرهنگی ۴. چشم‌انداز.", "سه"},
          // Without a colon, after a list introducer.
          {"fa", "در این سفر چهار سند همکاری در زمینه‌های حمل و نقل، انرژی و گمرک به امضا رسید.", "چهار"},
          {"fa", "در اين سفر پنج موافقتنامه در زمينههاى تجارت، ترانزيت کالا، گمرک و همکاريهاى فرهنگى امضا شد.", "پنج"},
          {"en", "The two presidents signed five agreements on trade, energy, transport and culture.", "five"},
          {"es", "Los presidentes firmaron cinco acuerdos sobre comercio, energía y transporte.", "cinco"},
          // Named entities right after the counted noun, closed by a conjunction.
          {"fa", "این گروه پنج کشور چین، روسیه، قزاقستان و قرقیزستان را گرد هم آورد.", "پنج"},
          {"en", "The forum brought together four countries Kazakhstan, China and Russia.", "four"},
          // A separator before «fundada» separates no items: three, not four.
          {"es", "Se apoya en cuatro instituciones: la Universidad (DKU), fundada en Almaty en 1999, el Instituto Goethe y el DAAD.", "cuatro"},
          // A serial comma joins the last item, it adds none.
          {"en", "The charter covers four areas: security, economic development, and people-to-people exchanges.", "four"},
          // «دو کشور» (the two countries) names a pair: «سه» announces the list.
          {"fa", "در همین روز سه سند میان دو کشور به امضا رسید: موافقت‌نامه بازرگانی، یادداشت تفاهم فرهنگی، برنامه علمی و بیانیه مشترک.", "سه"},
      },
      "count");
}

TEST_CASE("count: lists that match, and numbers that announce nothing, are not flagged", "[checks][count]") {
  run_cases(
      {
          {"en", "The presidents signed three agreements: on trade, on energy and on transport.", ""},
          {"es", "Se firmaron cuatro acuerdos: de comercio, de energía, de educación y de transporte.", ""},
          {"fa", "در این سفر سه سند همکاری امضا شد: تفاهم‌نامه انرژی، موافقت‌نامه حمل‌ونقل و برنامه فرهنگی.", ""},
          {"fa", "این گزارش شامل سه بخش اصلی است: ۱. تاریخچه ۲. روابط اقتصادی ۳. روابط فرهنگی.", ""},
          // Two items joined only by a conjunction may be prose: left alone.
          {"fa", "دو کشور در این دوره سه طرح بزرگ را به پایان رساندند: راه‌آهن و سد دوستی.", ""},
          // A colon followed by prose is not a list.
          {"en", "The two countries signed four agreements. The minister said: cooperation will grow.", ""},
          // A number with a unit is an amount, not a count.
          {"es", "El comercio sumó 3 millones de dólares: sobre todo textiles, alimentos y maquinaria.", ""},
          // The number nearest the colon announces the list.
          {"fa", "در ۵ سال گذشته سه طرح اجرا شد: راه‌آهن، سد و خط لوله.", ""},
          // «دو کشور» names the pair, it announces nothing; «تشویق و حمایت»
          // is inside an item.
          {"fa", "در همین روز سه سند میان دو کشور به امضا رسید: موافقت‌نامه تشویق و حمایت متقابل از سرمایه‌گذاری، یادداشت تفاهم درباره همکاری‌های دفاعی و موافقت‌نامه کمک‌های بشردوستانه.", ""},
          // Without a colon: a serial comma; no separator (prose); the list
          // ends with its clause.
          {"en", "They signed three agreements on trade, energy, and transport.", ""},
          {"en", "They signed three agreements on trade and transport.", ""},
          {"es", "Firmaron cinco acuerdos sobre comercio, energía, transporte, aduanas y cultura, y acordaron reunirse de nuevo.", ""},
          {"fa", "سه قرارداد در زمینه حمل و نقل امضا شد.", ""},
          // Named entities that match their count; the parties after a word
          // between number and names are no list of the documents.
          {"fa", "این گروه چهار کشور چین، روسیه، قزاقستان و قرقیزستان را گرد هم آورد.", ""},
          {"fa", "چهار سند میان قزاقستان و روسیه امضا شد.", ""},
          {"en", "Three countries Kazakhstan, China and Russia met.", ""},
          // A separator before an `item_continuations` word goes on with the
          // item before it.
          {"es", "La cooperación se apoya en tres instituciones: la Universidad Germano-Kazaja (DKU), fundada en Almaty en 1999, el Instituto Goethe y la oficina del DAAD.", ""},
          {"en", "Three bodies carry it: the University, which opened in 1999, the Goethe-Institut and DAAD.", ""},
          {"fa", "سه نهاد در این زمینه فعالند: دانشگاه آلمانی-قزاقی، که در سال ۱۹۹۹ تأسیس شد، انستیتو گوته و دفتر داد.", ""},
      },
      "count");
}

TEST_CASE("spelling: typical slips in ordinary words are flagged", "[checks][spelling]") {
  run_cases(
      {
          // A doubled letter.
          {"es", "La cooperación económica entre los dos países creció mucho y el comercio bilateral se duplicó.", ""},
          {"es", "La cooperación económica entre los dos países creció muchoo y el comercio bilateral se duplicó.",
           "muchoo"},
          {"en", "The economic cooperation between the two countries grew quickly and trade doubled.", ""},
          {"en", "The economic cooperation between the two countries grew quickly and trade doubbled.", "doubbled"},
          // A dropped letter in a long word.
          {"es", "La cooperación ecnómica entre los dos países creció mucho durante la década.", "ecnómica"},
          // Persian (`spelling_unattested: doubled`): swapped letters whose
          // correction the text itself writes.
          {"fa", "دو وزیر در تهران مذاکره کردند و این مذکاره سه ساعت طول کشید.", "مذکاره"},
          // A letter too many, whose correction the text writes.
          {"fa", "همکاری اقتصادی دو کشور گسترش یافت و روابط اقتصتادی نیز بهتر شد.", "اقتصتادی"},
          // A doubled letter needs no other occurrence.
          {"fa", "هیئت بازرگانی ایران از یک کارخاانه در تبریز دیدن کرد.", "کارخاانه"},
          // A letter dropped inside a short word, whose correction the text
          // writes (found from the text's own words, one letter deleted).
          {"es", "El puerto creció mucho y el purto recibió muchos barcos.", "purto"},
          {"fa", "دو وزیر در تهران مذاکره کردند و این مذکره سه ساعت طول کشید.", "مذکره"},
          // ... but not when the text never writes it.
          {"es", "El muelle creció mucho y el purto recibió muchos barcos.", ""},
      },
      "spelling");
}

TEST_CASE("spelling: names, shared foreign words and correct words are not flagged", "[checks][spelling]") {
  run_cases(
      {
          // Gazetteer names, capitalized words and long correct words.
          {"es",
           "El presidente Nursultán Nazarbáyev recibió en Astaná al secretario de Estado, que elogió la "
           "desnuclearización del país.",
           ""},
          {"en",
           "President Nazarbayev received the Secretary of State in Astana, who praised the country's "
           "denuclearization and its cooperation with international organizations.",
           ""},
          // A Persian text in modern orthography with ZWNJ.
          {"fa", "همکاری‌های اقتصادی دو کشور در سال‌های اخیر گسترش یافته و سرمایه‌گذاری‌های مشترک افزایش یافته است.",
           ""},
          // The same text in the older orthography.
          {"fa", "همکاريهاى اقتصادى دو کشور در سالهاى اخير گسترش يافته و سرمايهگذاريهاى مشترک افزايش يافته است.", ""},
          // Real words myspell-fa lacks, one edit from words it lists
          // («ساکتان», «تيرکى», «رهاسازى»), which the text never writes.
          {"fa", "ساکنان اين منطقه در روزهاى تيرگى جنگ به راهسازى و کشاورزى مشغول بودند.", ""},
      },
      "spelling");
}

TEST_CASE("arithmetic: parts that do not add up to their total are flagged", "[checks][arithmetic]") {
  run_cases(
      {
          {"en",
           "In 2010 trade reached 200 million dollars, of which exports were 150 million dollars and imports 90 "
           "million dollars.",
           "200 million dollars"},
          {"es",
           "En 2010 el comercio alcanzó 200 millones de dólares, de los cuales las exportaciones sumaron 150 millones "
           "de dólares y las importaciones 90 millones de dólares.",
           "200 millones de dólares"},
          // A whole «بالغ بر» (amounting to) 65 that its parts do not reach.
          {"fa",
           "حجم مبادلات دو کشور در سال ۱۹۹۴ بالغ بر ۶۵ میلیون دلار بوده است که ۴۵ میلیون دلار آن را صادرات ایران و "
           "۱۵ میلیون دلار آن را واردات ایران تشکیل داده است.",
           "۶۵ میلیون دلار"},
          // A part cue before the first part only: the amount after «y» goes on
          // with the parts (cubic metres, a unit of the pack).
          {"es",
           "Tiene una capacidad de 16.000 millones de metros cúbicos, de los cuales 6.000 millones se destinan a "
           "Turquía y 12.000 millones a Europa.",
           "16.000 millones de metros cúbicos"},
      },
      "arithmetic");
}

TEST_CASE("arithmetic: totals that add up and right anniversaries are not flagged", "[checks][arithmetic]") {
  run_cases(
      {
          {"en",
           "Its capacity is 16 billion cubic meters, of which 6 billion cubic meters go to Turkey and 10 billion to "
           "Europe.",
           ""},
          {"en",
           "In 2010 trade reached 200 million dollars, of which exports were 150 million dollars and imports 50 "
           "million dollars.",
           ""},
          {"es",
           "En 2010 el comercio alcanzó unos 200 millones de dólares, de los cuales las exportaciones sumaron 145 "
           "millones de dólares y las importaciones 52 millones de dólares.",
           ""},
          {"es",
           "Ambos países establecieron relaciones diplomáticas el 25 de diciembre de 1991. En 2016 celebraron el 25 "
           "aniversario de sus relaciones.",
           ""},
          // An anniversary of something the group does not date.
          {"en",
           "Relations were established on 9 January 1992. On 29 October 1998, the 75th anniversary of the Turkish "
           "Republic, the presidents signed a pipeline agreement.",
           ""},
          // The whole is the amount just before the first part, not the
          // first amount of the sentence.
          {"fa",
           "در سال ۱۹۹۶ این رقم ۱۶۹ میلیون دلار و در سال ۱۹۹۸ به ۱۸۰ میلیون دلار بالغ گردید که ۱۱۰ میلیون دلار آن "
           "را صادرات ازبکستان و ۷۰ میلیون دلار آن را واردات از چین تشکیل می‌داد.",
           ""},
      },
      "arithmetic");
}

TEST_CASE("arithmetic: an anniversary counted from no dated event is flagged", "[checks][arithmetic]") {
  run_cases(
      {
          {"es",
           "Ambos países establecieron relaciones diplomáticas el 25 de diciembre de 1991. En 2019 celebraron el 25 "
           "aniversario de sus relaciones.",
           "25"},
          // Ordinals: with a suffix, spelled by CLDR's rules, or (Persian) a
          // cardinal with «مین».
          {"en",
           "China and Tajikistan established diplomatic relations on 4 January 1992. In 2017 the two countries "
           "celebrated the 20th anniversary of diplomatic relations.",
           "20th"},
          {"es",
           "Ambos países establecieron relaciones diplomáticas el 25 de diciembre de 1991. En 2019 celebraron el "
           "vigésimo aniversario de sus relaciones.",
           "vigésimo"},
          {"fa",
           "روابط دیپلماتیک چین و تاجیکستان در ۴ ژانویه ۱۹۹۲ برقرار شد. در سال ۲۰۱۷ دو کشور بیست و پنجمین سالگرد "
           "روابط را جشن گرفتند. در سال ۲۰۱۸ بیستمین سالگرد روابط دو کشور برگزار شد.",
           "بیستمین"},
      },
      "arithmetic");
}

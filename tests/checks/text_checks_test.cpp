// The text-level checks (encoding, orthography, segmentation) and
// fix_orthography(): what must be flagged and what must not.
#include <catch2/catch.hpp>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "check_run.h"
#include "checks/orthography.h"
#include "engine.h"
#include "text/speller.h"

namespace fs = std::filesystem;
using concord::Finding;
using check_run::describe;
using check_run::engine;
using check_run::findings;
using concord::SourceSpec;

namespace {

const std::string kRules = std::string(CONCORD_SOURCE_DIR) + "/rules";

const concord::LanguagePack& pack(const std::string& lang) { return *engine().rules().language(lang); }

const concord::Speller& fa_speller() {
  static const concord::Speller speller(pack("fa").dictionary);
  return speller;
}

const std::string kZwnj = "\u200C";

// The seed's Persian, older orthography: Arabic yeh (ي, ى), no ZWNJ.
const std::string kOlderPersian =
    "در سال ۱۹۹۴ بين بانک ملى قزاقستان و بانک صادرات و واردات آمريکا توافقنامه در زمينه حمايت از "
    "پروژهها به امضاء رسيد. اجلاس مشترک هر ساله در پايتختهاى دو کشور تشکيل مىشود. وى رئيس "
    "کميته مىباشد و سلاحهاى زيادى را از بين بردند.\n";

// The same kind of text in modern orthography: Persian yeh and keheh, ZWNJ
// where due, and solid words the dictionary accepts («آنها», «بیشتر»).
const std::string kModernPersian =
    "ایالات متحده آمریکا جمهوری قزاقستان را در تاریخ ۲۵ دسامبر ۱۹۹۱ به رسمیت شناخت. این کشورها "
    "همکاری‌های گسترده‌ای دارند و برنامه‌های مشترکی را اجرا می‌کنند. بزرگ‌ترین سرمایه‌گذاری‌ها در بخش "
    "نفت انجام می‌شود و آنها به توسعهٔ روابط کمک می‌کنند. میلیون‌ها نفر در میدان‌های شهر بودند و "
    "نمی‌دانستند چه می‌شود. بیشتر مردم بهتر از پیش زندگی می‌کنند؛ آیا این درست است؟ او گفت: "
    "«سلاح‌های هسته‌ای خطرناک‌ترند.»\n";

}  // namespace

// ---- encoding ---------------------------------------------------------------

TEST_CASE("encoding: question-mark pairs that stand for lost quotation marks", "[checks][encoding]") {
  const std::string text =
      "قزاقستان در چارچوب ?برنامههاى اميد ۲? از ماه فوريه ۱۹۹۲ کمک گرفت. وى مشاور ?وارن کريستوفر? بود.\n";
  const auto fs = findings("fa", text, "encoding");
  INFO(describe(fs));
  REQUIRE(fs.size() == 2);
  // One finding per pair, spanning both marks; the suggestion keeps the
  // text's own orthography and uses the pack's quotation marks.
  CHECK(fs[0].locations[0].excerpt == "?برنامههاى اميد ۲?");
  CHECK(fs[0].suggestion == std::optional<std::string>("«برنامههاى اميد ۲»"));
  CHECK(fs[1].locations[0].excerpt == "?وارن کريستوفر?");
  CHECK(fs[1].suggestion == std::optional<std::string>("«وارن کريستوفر»"));
  CHECK(fs[0].kind == concord::Kind::kEncoding);
  CHECK(fs[0].severity == concord::Severity::kWarning);
}

TEST_CASE("encoding: lost quotes in Spanish and English use the pack quotation marks", "[checks][encoding]") {
  const auto es = findings("es", "El programa ?Esperanza 2? comenzó en 1992.\n", "encoding");
  REQUIRE(es.size() == 1);
  CHECK(es[0].suggestion == std::optional<std::string>("«Esperanza 2»"));
  const auto en = findings("en", "The programme ?Hope 2? began in 1992 and the embassy opened.\n", "encoding");
  REQUIRE(en.size() == 1);
  CHECK(en[0].suggestion == std::optional<std::string>("\u201CHope 2\u201D"));
}

TEST_CASE("encoding: ordinary question marks are not quotation marks", "[checks][encoding]") {
  const char* texts[] = {
      "¿Qué pasó en 1991? Estados Unidos reconoció a Kazajistán. ¿Y después? Abrió su embajada.\n",
      "¿Vienes?Sí, claro. ¿Cuándo?\n",
      "What happened? The embassy opened. Really? Yes.\n",
      "See https://example.org/page?id=5 for the full text of the treaty?\n",
      "Is it true? ?\n",
      "He asked: who? When? Why did the talks fail?\n",
  };
  for (const char* t : texts) {
    const std::string lang = std::string(t).find("¿") != std::string::npos ? "es" : "en";
    const auto fs = findings(lang, t, "encoding");
    INFO(t << "\n" << describe(fs));
    CHECK(fs.empty());
  }
  // A Persian question with the ASCII question mark.
  const auto fa = findings("fa", "آيا اين درست است? بله، درست است.\n", "encoding");
  INFO(describe(fa));
  CHECK(fa.empty());
}

TEST_CASE("encoding: a quote pair does not reach across a sentence end", "[checks][encoding]") {
  const auto fs = findings("es", "Dijo ?hola. Luego se fue?\n", "encoding");
  INFO(describe(fs));
  CHECK(fs.empty());
}

TEST_CASE("encoding: U+FFFD replacement characters make one finding per run", "[checks][encoding]") {
  const auto fs = findings("es", "Kazajist\uFFFD\uFFFDn y Estados Unidos firmaron en 1992 un acuerdo \uFFFD.\n",
                           "encoding");
  INFO(describe(fs));
  REQUIRE(fs.size() == 2);
  CHECK(fs[0].locations[0].excerpt == "\uFFFD\uFFFD");
  CHECK(fs[0].message.find("2 U+FFFD") != std::string::npos);
  CHECK(fs[1].locations[0].excerpt == "\uFFFD");
}

TEST_CASE("encoding: mojibake with the repaired text as suggestion", "[checks][encoding]") {
  SECTION("Spanish read as Windows-1252") {
    const auto fs = findings(
        "es", "Las relaciones entre Estados Unidos y KazajistÃ¡n se establecieron en diciembre de 1991.\n",
        "encoding");
    INFO(describe(fs));
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].locations[0].excerpt == "KazajistÃ¡n");
    CHECK(fs[0].suggestion == std::optional<std::string>("Kazajistán"));
  }
  SECTION("the soft hyphen and no-break space of í and à survive: the original bytes are read") {
    const auto fs = findings("es", "La polÃ\u00ADtica de los Estados Unidos en 1991.\n", "encoding");
    INFO(describe(fs));
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].suggestion == std::optional<std::string>("política"));
  }
  SECTION("neighbouring damaged words make one finding") {
    const auto fs = findings("es", "La relaciÃ³n econÃ³mica y la cooperaciÃ³n entre los dos países.\n",
                             "encoding");
    INFO(describe(fs));
    REQUIRE(fs.size() == 2);
    CHECK(fs[0].suggestion == std::optional<std::string>("relación económica"));
    CHECK(fs[1].suggestion == std::optional<std::string>("cooperación"));
  }
  SECTION("Windows-1252 punctuation") {
    const auto fs = findings("en", "The embassy’s staff said â€œwe are readyâ€\u009D in 1992.\n", "encoding");
    INFO(describe(fs));
    REQUIRE(fs.size() == 2);
    CHECK(fs[0].suggestion == std::optional<std::string>("“we"));
  }
  SECTION("an apostrophe inside a word") {
    const auto fs = findings("en", "The United States didnâ€™t open the embassy until 1992.\n", "encoding");
    INFO(describe(fs));
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].locations[0].excerpt == "didnâ€™t");
    CHECK(fs[0].suggestion == std::optional<std::string>("didn’t"));
  }
  SECTION("Arabic script read as Windows-1252") {
    // «السفارة الأمريكية» encoded as UTF-8, decoded as Windows-1252.
    const auto fs = findings("es",
                             "La embajada (Ø§Ù„Ø³Ù\u0081Ø§Ø±Ø©) de Estados Unidos abrió en Almaty en 1992.\n",
                             "encoding");
    INFO(describe(fs));
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].suggestion == std::optional<std::string>("السفارة"));
  }
  SECTION("converted twice") {
    const auto fs = findings("es", "Kazajist\u00C3\u0192\u00C2\u00A1n y Estados Unidos en 1992.\n", "encoding");
    INFO(describe(fs));
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].suggestion == std::optional<std::string>("Kazajistán"));
  }
}

TEST_CASE("encoding: correct accented text and quotes are not mojibake", "[checks][encoding]") {
  const char* texts[] = {
      "Kazajistán, Irán, Perú y Panamá firmaron el acuerdo en 1992 con Estados Unidos.\n",
      "El presidente dijo: «ya está» y «“ya está”», y el diario tituló «PERÚ»; «ESPAÑA».\n",
      "ÉL LLEGÓ» a las 10; «AÑO 1992» y «CAFÉ».\n",
      "En Ñuñoa, Ávila y Óbidos se celebró el año 1992 con Estados Unidos.\n",
  };
  for (const char* t : texts) {
    const auto fs = findings("es", t, "encoding");
    INFO(t << "\n" << describe(fs));
    CHECK(fs.empty());
  }
  const auto fa = findings("fa", kModernPersian, "encoding");
  INFO(describe(fa));
  CHECK(fa.empty());
}

// ---- orthography --------------------------------------------------------------

TEST_CASE("orthography: one summary finding for a text in the older orthography", "[checks][orthography]") {
  const auto fs = findings("fa", kOlderPersian, "orthography");
  INFO(describe(fs));
  REQUIRE(fs.size() == 1);
  const Finding& f = fs[0];
  CHECK(f.kind == concord::Kind::kOrthography);
  CHECK(f.severity == concord::Severity::kInfo);
  CHECK(f.message.find("Arabic yeh") != std::string::npos);
  CHECK(f.message.find("alef maksura") != std::string::npos);
  CHECK(f.message.find("missing ZWNJ") != std::string::npos);
  CHECK(f.message.find("concord fix --orthography") != std::string::npos);
  // The first occurrence, located in the original bytes: «بين» (Arabic yeh),
  // which normalization would have folded away.
  CHECK(f.locations[0].excerpt == "بين");
  CHECK(f.locations[0].line == 1);
  CHECK(f.locations[0].column == 13);
}

TEST_CASE("orthography: counts letters and missing ZWNJs", "[checks][orthography]") {
  // «اين»: an Arabic yeh; «كتاب», «كمك»: three Arabic kaf; «مىشود»: an
  // alef maksura and a missing ZWNJ; «برنامهها»: a missing ZWNJ.
  const auto fs = findings("fa", "اين كتاب به برنامهها كمك مىشود.\n", "orthography");
  INFO(describe(fs));
  REQUIRE(fs.size() == 1);
  CHECK(fs[0].message == "older orthography: 1 Arabic yeh (ي), 1 alef maksura (ى), 3 Arabic kaf (ك), "
                         "2 missing ZWNJ; run `concord fix --orthography`");
}

TEST_CASE("orthography: a text in modern orthography has no finding", "[checks][orthography]") {
  const auto fs = findings("fa", kModernPersian, "orthography");
  INFO(describe(fs));
  CHECK(fs.empty());
}

TEST_CASE("orthography: only for packs that declare an older orthography", "[checks][orthography]") {
  CHECK(findings("es", "Los Estados Unidos y Kazajistán establecieron relaciones en 1991.\n", "orthography")
            .empty());
}

TEST_CASE("orthography: a BOM and CRLF line ends do not shift the location", "[checks][orthography]") {
  const auto fs = findings("fa", "\xEF\xBB\xBFاین کشور\r\nدر آمريکا است.\r\n", "orthography");
  INFO(describe(fs));
  REQUIRE(fs.size() == 1);
  CHECK(fs[0].locations[0].excerpt == "آمريکا");
  CHECK(fs[0].locations[0].line == 2);
  CHECK(fs[0].locations[0].column == 4);
}

TEST_CASE("fix_orthography: older to modern", "[checks][orthography]") {
  const concord::LanguagePack& fa = pack("fa");
  REQUIRE(fa_speller().available());
  SECTION("letters") {
    CHECK(concord::fix_orthography("آقاى نظربايف يك", fa, fa_speller()) == "آقای نظربایف یک");
  }
  SECTION("ZWNJ after «می» and «نمی» when the dictionary knows the verb") {
    CHECK(concord::fix_orthography("کمک مىنمايند و مىشود", fa, fa_speller()) ==
          "کمک می" + kZwnj + "نمایند و می" + kZwnj + "شود");
    CHECK(concord::fix_orthography("نمیشود", fa, fa_speller()) == "نمی" + kZwnj + "شود");
  }
  SECTION("ZWNJ before «ها», «های», «ای», «اند»") {
    CHECK(concord::fix_orthography("پروژهها", fa, fa_speller()) == "پروژه" + kZwnj + "ها");
    CHECK(concord::fix_orthography("مالياتهاى", fa, fa_speller()) == "مالیات" + kZwnj + "های");
    CHECK(concord::fix_orthography("توافقنامهاى", fa, fa_speller()) == "توافقنامه" + kZwnj + "ای");
    CHECK(concord::fix_orthography("رفتهاند", fa, fa_speller()) == "رفته" + kZwnj + "اند");
  }
  SECTION("words that need no ZWNJ stay solid") {
    // A non-joining letter before the suffix; words the dictionary knows
    // solid; words that only begin with «می».
    for (const char* w : {"کشورها", "قراردادهای", "آنها", "بیشتر", "بهتر", "دختر", "تنها", "میلیون", "میدان",
                          "میز", "میان"}) {
      INFO(w);
      CHECK(concord::fix_orthography(w, fa, fa_speller()) == w);
    }
  }
  SECTION("ambiguous splits are left alone rather than split wrongly") {
    // «هسته» + «ای» or «هست» + «های»: the dictionary knows both stems.
    CHECK(concord::fix_orthography("هستهای", fa, fa_speller()) == "هستهای");
  }
  SECTION("modern text is unchanged") {
    CHECK(concord::fix_orthography(kModernPersian, fa, fa_speller()) == kModernPersian);
  }
  SECTION("other bytes are copied as they are, and the fix is idempotent") {
    const std::string older = "\xEF\xBB\xBF" + kOlderPersian + "\r\nمىشود\r";
    const std::string fixed = concord::fix_orthography(older, fa, fa_speller());
    CHECK(fixed.rfind("\xEF\xBB\xBF", 0) == 0);
    CHECK(fixed.substr(fixed.size() - 3) == "د\r");
    CHECK(fixed.find("\u064A") == std::string::npos);
    CHECK(fixed.find("\u0649") == std::string::npos);
    CHECK(concord::fix_orthography(fixed, fa, fa_speller()) == fixed);
    CHECK(concord::find_orthography_issues(fixed, fa, fa_speller()).empty());
  }
  SECTION("a pack without an orthography changes nothing") {
    CHECK(concord::fix_orthography("آقاى يك", pack("es"), fa_speller()) == "آقاى يك");
  }
}

// ---- segmentation -------------------------------------------------------------

TEST_CASE("segmentation: an abbreviation split across lines", "[checks][segmentation]") {
  const std::string text =
      "Además de la no proliferación nuclear, los EE.\nUU.\nY Kazajistán mantienen relaciones.\n"
      "De acuerdo con el informe, el 28% de kazajos aprueba el liderazgo de EE.\r\nUU.\r\n"
      "El Departamento de Estado critica la situación.\n";
  const auto fs = findings("es", text, "segmentation");
  INFO(describe(fs));
  REQUIRE(fs.size() == 2);
  CHECK(fs[0].locations[0].excerpt == "EE.\nUU.");
  CHECK(fs[0].locations[0].line == 1);
  CHECK(fs[0].locations[0].end_line == 2);
  CHECK(fs[0].suggestion == std::optional<std::string>("EE. UU."));
  CHECK(fs[1].locations[0].excerpt == "EE.\r\nUU.");
  CHECK(fs[1].suggestion == std::optional<std::string>("EE. UU."));
  CHECK(fs[0].kind == concord::Kind::kSegmentation);
  CHECK(fs[0].severity == concord::Severity::kWarning);
}

TEST_CASE("segmentation: a paragraph break and a solid abbreviation", "[checks][segmentation]") {
  const auto fs = findings("es", "Viven en EE.\n\nUU. desde 1992 y en EE.UU. desde entonces.\n", "segmentation");
  INFO(describe(fs));
  REQUIRE(fs.size() == 1);
  CHECK(fs[0].locations[0].excerpt == "EE.\n\nUU.");
}

TEST_CASE("segmentation: correct abbreviations are not flagged", "[checks][segmentation]") {
  const char* texts[] = {
      // On one line, spaced or solid.
      "Además de la no proliferación nuclear, los EE. UU. y Kazajistán mantienen relaciones.\n",
      "En 2016, Kazajistán y los EE.UU. celebraron el aniversario.\n",
      // At a real sentence end, the next sentence on the next line.
      "Kazajistán mantiene relaciones con EE. UU.\nEl Departamento de Estado critica la situación.\n",
      "Kazajistán mantiene relaciones con EE.UU.\nEE. UU. abrió su embajada en 1992.\n",
      // Parts of an abbreviation inside other words.
      "Los TEE.\nUU. no son nada.\n",
  };
  for (const char* t : texts) {
    const auto fs = findings("es", t, "segmentation");
    INFO(t << "\n" << describe(fs));
    CHECK(fs.empty());
  }
}

TEST_CASE("segmentation: English abbreviations", "[checks][segmentation]") {
  const auto broken = findings("en", "Kazakhstan and the U.\nS. signed the agreement in 1994.\n", "segmentation");
  INFO(describe(broken));
  REQUIRE(broken.size() == 1);
  CHECK(broken[0].suggestion == std::optional<std::string>("U. S."));
  // The longest abbreviation only: "U. S. A." contains "U. S.".
  const auto usa = findings("en", "Kazakhstan and the U.\nS. A. signed the agreement in 1994.\n", "segmentation");
  INFO(describe(usa));
  REQUIRE(usa.size() == 1);
  CHECK(usa[0].suggestion == std::optional<std::string>("U. S. A."));
  CHECK(findings("en", "Kazakhstan and the U.S. signed it in 1994. It moved to the U.S.\nThen it left.\n",
                 "segmentation")
            .empty());
}

// ---- rule files ------------------------------------------------------------------

namespace {

fs::path fresh_dir(const std::string& name) {
  const fs::path dir =
      fs::temp_directory_path() / ("concord_text_checks_test_" + std::to_string(getpid()) + "_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

// Loads the real rules plus one extra language file; returns the error text.
std::string load_error(const std::string& name, const std::string& content) {
  const fs::path dir = fresh_dir(name);
  fs::create_directories(dir / "fa");
  std::ofstream(dir / "fa" / "extra.yaml", std::ios::binary) << content;
  std::string message;
  try {
    concord::load_rules({kRules, dir.string()});
  } catch (const concord::UserError& e) {
    message = e.formatted();
  }
  fs::remove_all(dir);
  return message;
}

}  // namespace

TEST_CASE("rule files: the new language-pack keys are validated", "[checks][rules]") {
  struct Bad {
    const char* name;
    const char* content;
    const char* fragment;
  };
  const Bad cases[] = {
      {"quotes scalar", "quotes: «\n", "extra.yaml:1:9: error: quotes must be a list of two strings"},
      {"quotes three", "quotes: [«, », x]\n", "extra.yaml:1:9: error: quotes must be a list of two strings"},
      {"quotes nested", "quotes: [«, [»]]\n", "extra.yaml:1:13: error: each item of quotes must be a string"},
      {"abbreviations map", "abbreviations: {a: b}\n", "extra.yaml:1:16: error: abbreviations must be a list"},
      {"abbreviation one part", "abbreviations: [\"EE. UU.\", \"Sr.\"]\n",
       "extra.yaml:1:28: error: abbreviation 'Sr.' has one part"},
      {"abbreviation not a string", "abbreviations:\n  - [a, b]\n",
       "extra.yaml:2:5: error: an abbreviation must be a string"},
      {"orthography list", "orthography: [a]\n", "extra.yaml:1:14: error: orthography must be a mapping"},
      {"orthography unknown key", "orthography:\n  letter: []\n", "extra.yaml:2:3: error: unknown key 'letter'"},
      {"letter two chars", "orthography:\n  letters:\n    - {from: \"يي\", to: \"ی\"}\n",
       "extra.yaml:3:14: error: from must be a single character"},
      {"letter without to", "orthography:\n  letters:\n    - {from: \"ي\"}\n",
       "extra.yaml:3:7: error: an orthography letter needs 'from' and 'to'"},
      {"letters not a list", "orthography:\n  letters: {a: b}\n",
       "extra.yaml:2:12: error: orthography letters must be a list"},
      {"suffix map without suffix", "orthography:\n  suffixes:\n    - {after: ه}\n",
       "extra.yaml:3:7: error: a suffix entry needs 'suffix'"},
      {"prefix not a string", "orthography:\n  prefixes: [[می]]\n",
       "extra.yaml:2:14: error: a prefix must be a string"},
  };
  for (const Bad& b : cases) {
    const std::string message = load_error(b.name, b.content);
    INFO(b.name << ": " << message);
    CHECK(message.find(b.fragment) != std::string::npos);
  }
}

TEST_CASE("rule files: the shipped packs declare the new keys", "[checks][rules]") {
  CHECK(pack("fa").quotes == std::vector<std::string>{"«", "»"});
  CHECK(pack("es").quotes == std::vector<std::string>{"«", "»"});
  CHECK(pack("fa").orthography.declared());
  CHECK_FALSE(pack("es").orthography.declared());
  bool ee_uu = false;
  for (const auto& a : pack("es").abbreviations) ee_uu = ee_uu || a.text == "EE. UU.";
  CHECK(ee_uu);
}

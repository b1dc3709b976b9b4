#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "text/segment.h"

using concord::TextSpan;

namespace {

std::vector<std::string> pieces(std::string_view text, const std::vector<TextSpan>& spans) {
  std::vector<std::string> out;
  for (const TextSpan& s : spans) out.emplace_back(text.substr(s.begin, s.size()));
  return out;
}

using Strings = std::vector<std::string>;

}  // namespace

TEST_CASE("tokenize: runs of letters, marks and digits", "[segment][tokenize]") {
  const std::string text = "Hola, mundo! abc123 x-y";
  CHECK(pieces(text, concord::tokenize(text)) == Strings{"Hola", "mundo", "abc123", "x", "y"});
}

TEST_CASE("tokenize: Persian words, digits and punctuation", "[segment][tokenize]") {
  const std::string text = "قزاقستان، در ۲۵ دسامبر ۱۹۹۱؛ «آمریکا»";
  CHECK(pieces(text, concord::tokenize(text)) ==
        Strings{"قزاقستان", "در", "۲۵", "دسامبر", "۱۹۹۱", "آمریکا"});
  // Offsets are bytes: the first word is 8 letters of 2 bytes.
  const auto tokens = concord::tokenize(text);
  REQUIRE_FALSE(tokens.empty());
  CHECK(tokens[0].begin == 0);
  CHECK(tokens[0].end == 16);
}

TEST_CASE("tokenize: combining marks stay inside their word", "[segment][tokenize]") {
  const std::string text = "Kazajista\u0301n cafe\u0301";
  CHECK(pieces(text, concord::tokenize(text)) == Strings{"Kazajista\u0301n", "cafe\u0301"});
  // Arabic harakat (Mn) too.
  const std::string fa = "كَتَبَ x";
  CHECK(pieces(fa, concord::tokenize(fa)) == Strings{"كَتَبَ", "x"});
}

TEST_CASE("tokenize: a ZWNJ (format character) separates tokens in raw text", "[segment][tokenize]") {
  // Normalization removes ZWNJ before tokenizing documents; raw text splits.
  const std::string text = "می\u200Cرود";
  CHECK(pieces(text, concord::tokenize(text)) == Strings{"می", "رود"});
}

TEST_CASE("tokenize: empty and letterless text", "[segment][tokenize]") {
  CHECK(concord::tokenize("").empty());
  CHECK(concord::tokenize(" ,.;!? \n\t«»").empty());
  const std::string one = "x";
  CHECK(pieces(one, concord::tokenize(one)) == Strings{"x"});
}

TEST_CASE("split_paragraphs: blank lines separate paragraphs", "[segment][paragraphs]") {
  const std::string text = "one\ntwo\n\nthree\n \t\n\n\nfour";
  CHECK(pieces(text, concord::split_paragraphs(text)) == Strings{"one\ntwo", "three", "four"});
  const std::string single = "a single line\nand its continuation";
  CHECK(pieces(single, concord::split_paragraphs(single)) == Strings{single});
  CHECK(concord::split_paragraphs("").empty());
  const std::string fa = "پاراگراف اول.\n\nپاراگراف دوم.";
  CHECK(pieces(fa, concord::split_paragraphs(fa)) == Strings{"پاراگراف اول.", "پاراگراف دوم."});
}

TEST_CASE("split_paragraphs: leading and trailing blank lines", "[segment][paragraphs]") {
  const std::string text = "\n\nbody\n\n";
  CHECK(pieces(text, concord::split_paragraphs(text)) == Strings{"body"});
}

TEST_CASE("split_sentences: Spanish with ICU sentence rules", "[segment][sentences]") {
  const std::string text = "¿Qué pasó? Nada. Estados Unidos y Kazajistán establecieron relaciones.";
  CHECK(pieces(text, concord::split_sentences(text, "es")) ==
        Strings{"¿Qué pasó?", "Nada.", "Estados Unidos y Kazajistán establecieron relaciones."});
}

TEST_CASE("split_sentences: Persian full stop, Arabic question mark", "[segment][sentences]") {
  const std::string text = "روابط برقرار شد. آيا سفر کرد؟ بله";
  CHECK(pieces(text, concord::split_sentences(text, "fa")) ==
        Strings{"روابط برقرار شد.", "آيا سفر کرد؟", "بله"});
}

TEST_CASE("split_sentences: never crosses a paragraph, trims trailing whitespace", "[segment][sentences]") {
  const std::string text = "Una frase sin punto\n\nOtra frase.   \n";
  const auto sentences = concord::split_sentences(text, "es");
  CHECK(pieces(text, sentences) == Strings{"Una frase sin punto", "Otra frase."});
  // Sentence offsets are into the whole text.
  REQUIRE(sentences.size() == 2);
  CHECK(sentences[1].begin == text.find("Otra"));
}

TEST_CASE("split_sentences: a decimal point does not end a sentence", "[segment][sentences]") {
  const std::string text = "Costó 3.5 millones. Luego bajó.";
  CHECK(pieces(text, concord::split_sentences(text, "es")) == Strings{"Costó 3.5 millones.", "Luego bajó."});
}

TEST_CASE("split_sentences: offsets stay right after characters of two, three and four bytes", "[segment][sentences]") {
  // U+1D11E (four bytes, two UTF-16 units) and U+20AC (three bytes) before
  // a break: each sentence must still start and end on its own bytes.
  const std::string text = "Pagó 5 € por 𝄞 y 😀. Después volvió. آيا سفر کرد؟ 𝄞𝄞 fin.";
  CHECK(pieces(text, concord::split_sentences(text, "es")) ==
        Strings{"Pagó 5 € por 𝄞 y 😀.", "Después volvió.", "آيا سفر کرد؟", "𝄞𝄞 fin."});
  // The Document's paragraphs give the same sentences.
  const std::string two = "Uno 😀. Dos.\n\nTres €. Cuatro.";
  CHECK(pieces(two, concord::split_sentences(two, concord::split_paragraphs(two), "es")) ==
        pieces(two, concord::split_sentences(two, "es")));
  CHECK(pieces(two, concord::split_sentences(two, "es")) == Strings{"Uno 😀.", "Dos.", "Tres €.", "Cuatro."});
}

TEST_CASE("at_word_boundaries: Latin", "[segment][boundaries]") {
  const std::string text = "in Almaty, Almatyx 1991a";
  const auto almaty = text.find("Almaty");
  CHECK(concord::at_word_boundaries(text, almaty, almaty + 6));
  const auto glued = text.find("Almatyx");
  CHECK_FALSE(concord::at_word_boundaries(text, glued, glued + 6));  // glued after
  CHECK_FALSE(concord::at_word_boundaries(text, glued + 1, glued + 7));  // glued before
  const auto year = text.find("1991");
  CHECK_FALSE(concord::at_word_boundaries(text, year, year + 4));
  CHECK(concord::at_word_boundaries(text, 0, text.size()));
  CHECK(concord::at_word_boundaries(text, 0, 2));
}

TEST_CASE("at_word_boundaries: Persian", "[segment][boundaries]") {
  const std::string text = "به قزاقستانی و قزاقستان.";
  const auto derived = text.find("قزاقستانی");
  // "قزاقستان" inside "قزاقستانی" is glued to the final yeh.
  CHECK_FALSE(concord::at_word_boundaries(text, derived, derived + 16));
  CHECK(concord::at_word_boundaries(text, derived, derived + 18));
  const auto name = text.rfind("قزاقستان");
  CHECK(concord::at_word_boundaries(text, name, name + 16));  // followed by "."
  // Persian digits are word characters: "۱۹۹۱" inside "۱۹۹۱۴" is not a word.
  const std::string digits = "در ۱۹۹۱۴";
  const auto d = digits.find("۱۹۹۱");
  CHECK_FALSE(concord::at_word_boundaries(digits, d, d + 8));
  CHECK(concord::at_word_boundaries(digits, d, digits.size()));
  // A combining mark after a match glues it to the next character.
  const std::string marked = "cafe\u0301";
  CHECK_FALSE(concord::at_word_boundaries(marked, 0, 4));
  // Persian punctuation is a boundary.
  const std::string punct = "«آمریکا»،";
  const auto a = punct.find("آمریکا");
  CHECK(concord::at_word_boundaries(punct, a, a + 12));
}

TEST_CASE("code points: count, conversion, neighbours", "[segment][utf8]") {
  CHECK(concord::code_point_count("") == 0);
  CHECK(concord::code_point_count("abc") == 3);
  CHECK(concord::code_point_count("سلام") == 4);
  CHECK(concord::code_point_count("e\u0301") == 2);
  CHECK(concord::code_point_count("𝄞€") == 2);
  const std::string mixed = "aé۱𝄞";
  const std::u32string u = concord::to_u32(mixed);
  CHECK(u == U"aé۱𝄞");
  CHECK(concord::to_utf8(u) == mixed);
  CHECK(concord::code_point_at(mixed, 1) == U'é');
  CHECK(concord::code_point_before(mixed, 3) == U'é');
  CHECK(concord::code_point_at(mixed, mixed.size()) == 0);
  CHECK(concord::code_point_before(mixed, 0) == 0);
  CHECK(concord::code_point_before(mixed, mixed.size()) == U'𝄞');
  CHECK(concord::is_word_char(U'۱'));
  CHECK(concord::is_word_char(U'\u0301'));
  CHECK_FALSE(concord::is_word_char(U'\u200C'));
  CHECK_FALSE(concord::is_word_char(U'،'));
  CHECK_FALSE(concord::is_word_char(U'_'));
}

TEST_CASE("span_index: containing span or last span before", "[segment]") {
  const std::vector<TextSpan> spans{{0, 5}, {7, 10}, {12, 20}};
  CHECK(concord::span_index(spans, 0) == 0);
  CHECK(concord::span_index(spans, 4) == 0);
  CHECK(concord::span_index(spans, 6) == 0);  // in the gap: the span before
  CHECK(concord::span_index(spans, 7) == 1);
  CHECK(concord::span_index(spans, 19) == 2);
  CHECK(concord::span_index(spans, 100) == 2);
  const std::vector<TextSpan> later{{3, 5}};
  CHECK(concord::span_index(later, 1) == static_cast<std::size_t>(-1));
  CHECK(concord::span_index({}, 0) == static_cast<std::size_t>(-1));
}

TEST_CASE("find_bytes: every place string_view::find finds, at every offset and length", "[segment][find_bytes]") {
  // Persian, Spanish and ASCII, with needles whose ends recur apart
  // (Arabic lead bytes) and texts longer and shorter than a block.
  const std::string text =
      "روابط دیپلماتیک، و سفارت، و ق.م. و ق. م. در آلماتی، و «EE. UU.» ;; a. C. y, y ,y, y؛، و" + std::string(40, 'a') +
      "، و";
  const std::vector<std::string> needles = {"، و", "ق.", "EE.", ", y", ";", "aaaa", "a", "و", "، و،", "؛، و", "zz", ""};
  for (const std::string& needle : needles) {
    for (std::size_t from = 0; from <= text.size() + 1; ++from) {
      for (std::size_t cut : {text.size(), text.size() / 2, std::size_t{17}, std::size_t{3}}) {
        const std::string_view hay(text.data(), cut);
        INFO("needle '" << needle << "' from " << from << " in " << cut << " bytes");
        CHECK(concord::find_bytes(hay, needle, from) == (from > hay.size() ? std::string_view::npos : hay.find(needle, from)));
      }
    }
  }
}

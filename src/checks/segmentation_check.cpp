// segmentation: a sentence broken inside an abbreviation of several parts,
// such as "los EE.\nUU.\nY Kazajistán": a sentence splitter (or an editor)
// took the abbreviation's periods for sentence ends and started new lines
// there. The abbreviations come from the pack (`abbreviations:`).
//
// The boundary that counts is a line or paragraph separator between two
// parts (LF, CRLF and CR are all "\n" in the normalized text; VT, FF, NEL,
// U+2028 and U+2029 too). ICU's sentence rules cannot decide this alone:
// without abbreviation data for the locale they also break inside a correct
// "EE. UU." on one line, while they always break at a line separator, so a
// separator between the parts is exactly where the text itself is broken.
#include <fmt/format.h>

#include "checks/registry.h"
#include "text/segment.h"

namespace concord {
namespace {

bool is_separator(char32_t c) {
  return c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x85 || c == 0x2028 || c == 0x2029;
}
bool is_blank(char32_t c) {
  return c == ' ' || c == '\t' || c == 0xA0 || c == 0x202F || c == 0x2009 || is_separator(c);
}

class SegmentationCheck : public Check {
 public:
  void run(const Group& group, std::vector<Finding>& out) const override {
    for (const AnalyzedSource& source : group.sources) {
      std::vector<Finding> found;
      for (const LanguagePack::Abbreviation& abbreviation : source.pack->abbreviations) {
        find(source, abbreviation, found);
      }
      // "U.\nS. A." is one broken "U. S. A.", not also a broken "U. S.".
      for (const Finding& f : found) {
        const Location& a = f.locations[0];
        bool inside = false;
        for (const Finding& g : found) {
          const Location& b = g.locations[0];
          inside = inside || (&f != &g && b.start <= a.start && a.end <= b.end && b.end - b.start > a.end - a.start);
        }
        if (!inside) out.push_back(f);
      }
    }
  }

 private:
  void find(const AnalyzedSource& source, const LanguagePack::Abbreviation& a, std::vector<Finding>& out) const {
    const Document& doc = source.doc;
    const std::string& text = doc.text();
    const std::string& first = a.parts.front();
    for (std::size_t pos = find_bytes(text, first); pos != std::string::npos; pos = find_bytes(text, first, pos + 1)) {
      if (is_word_char(code_point_before(text, pos)) && is_word_char(code_point_at(text, pos))) continue;
      std::size_t end = pos + first.size();
      bool broken = false;
      bool matched = true;
      // Original bytes of each part, for a suggestion in the text's own spelling.
      std::string joined(doc.original_slice(pos, end));
      for (std::size_t k = 1; k < a.parts.size() && matched; ++k) {
        std::size_t p = end;
        while (p < text.size() && is_blank(code_point_at(text, p))) {
          broken = broken || is_separator(code_point_at(text, p));
          p += to_utf8(std::u32string(1, code_point_at(text, p))).size();
        }
        const std::string& part = a.parts[k];
        if (text.compare(p, part.size(), part) != 0) {
          matched = false;
          break;
        }
        joined += " ";
        joined += doc.original_slice(p, p + part.size());
        end = p + part.size();
      }
      if (!matched || !broken) continue;
      // The last part must end the word ("EE. UU." not "EE. UUA").
      if (is_word_char(code_point_before(text, end)) && is_word_char(code_point_at(text, end))) continue;
      const LanguagePack& pack = *source.pack;
      const std::string shown =
          pack.quotes.size() == 2 ? pack.quotes[0] + joined + pack.quotes[1] : "\u201C" + joined + "\u201D";
      Finding f = finding(fmt::format("the abbreviation {} is split across lines: a line break inside it "
                                      "breaks its sentence in two",
                                      shown),
                          {source.location(pos, end)}, joined);
      f.subject = a.text;
      out.push_back(std::move(f));
      pos = end - 1;
    }
  }
};

}  // namespace

std::unique_ptr<Check> make_segmentation_check(CheckOptions&, const RuleSet&) {
  return std::make_unique<SegmentationCheck>();
}

}  // namespace concord

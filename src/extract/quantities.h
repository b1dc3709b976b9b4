// Numbers and quantities: digits of any script (folded by normalization),
// the pack's decimal and grouping separators, spelled-out numbers (ICU
// RuleBasedNumberFormat), scale words, currencies, units and approximation
// qualifiers.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "extract/dates.h"
#include "rules/rules.h"
#include "text/document.h"

namespace concord {

struct Quantity {
  std::size_t begin = 0, end = 0;  // normalized offsets, whole expression
  std::size_t number_begin = 0, number_end = 0;  // the number itself
  double value = 0;                // scale applied
  std::string unit;                // USD, km, %, people... ("" for a bare count)
  std::string qualifier;           // approximate, more_than, less_than, ... ("" when exact)
  bool spelled = false;            // written in words
  bool scaled = false;             // a scale word was applied
  // The unit comes from the amount before it in the sentence: "124 millones
  // de dólares en 1994 y 108 millones en 1998" (set by extract()).
  bool unit_inferred = false;
  // A part of a total (an amount with a part cue beside it, «۱۱۰ میلیون دلار
  // آن را صادرات»): the index of its whole in Extraction::quantities.
  std::optional<std::size_t> whole;
};

// Parses a number written with digits and the pack's separators ("3.000" in
// Spanish is 3000, "5/84" in Persian is 5.84). Returns false if malformed.
bool parse_number(std::string_view text, const LanguagePack& pack, double& value);

// Parses an ordinal: digits or a spelled number with one of the pack's
// `ordinal_suffixes` ("20th", «بیستمین»), or a spelled ordinal of CLDR's
// rules ("twentieth", «vigésimo quinto»). Returns false if it is none.
bool parse_ordinal(std::string_view text, const LanguagePack& pack, double& value);

// Every quantity outside the given date mentions, in text order.
std::vector<Quantity> extract_quantities(const Document& doc, const LanguagePack& pack,
                                         const std::vector<DateMention>& dates);

}  // namespace concord

// The language-pack keys for typography and orthography, validated like the
// rest of a pack (wrong types fail with path:line:col):
//
//   quotes: ["«", "»"]              opening and closing quotation marks
//   abbreviations: ["EE. UU."]      abbreviations of several parts
//   orthography:                    an older orthography (Persian)
//     letters: [{from: "ي", to: "ی", name: Arabic yeh}]
//     prefixes: [می, نمی]           written with a ZWNJ before the word
//     suffixes: [ها, {suffix: ای, after: ه}]   with a ZWNJ after the word
#pragma once

#include "rules/rules.h"
#include "rules/yaml_reader.h"

namespace concord {

// Reads whichever of the keys above `root` (a language file) has.
void load_typography_keys(const YamlReader& reader, const Normalizer& normalizer, LanguagePack& pack,
                          const YamlNode& root);

}  // namespace concord

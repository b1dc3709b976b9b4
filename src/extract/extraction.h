// Everything extracted from one document: typed mentions and the claims
// built from them.
//
// A claim ties an event type to its participants and a value (for now a
// date): "relations between kz and us were established on 1991-12-16".
// Claims are what the conflict check aligns across sources: by event type
// and participants, never by sentence position.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "extract/dates.h"
#include "extract/entities.h"
#include "rules/rules.h"
#include "text/document.h"

namespace concord {

struct EventMention {
  std::size_t begin = 0, end = 0;  // normalized offsets
  std::string event;               // event type id
};

struct Claim {
  std::string event;
  std::vector<std::string> participants;  // sorted entity ids
  bool participants_from_topic = false;   // not named in the sentence
  std::size_t event_mention = 0;          // index into Extraction::events
  std::size_t date_mention = 0;           // index into Extraction::dates
  // The mention where the value is written: the date itself, or the
  // antecedent of an anaphora such as «در همین روز».
  std::size_t value_mention = 0;
};

struct Extraction {
  std::vector<DateMention> dates;
  std::vector<EntityMention> entities;
  std::vector<EventMention> events;
  std::vector<Claim> claims;
  // The entities the document is about: the most frequent ones, by type.
  std::vector<std::size_t> topic;
};

Extraction extract(const Document& doc, const LanguagePack& pack, const RuleSet& rules);

}  // namespace concord

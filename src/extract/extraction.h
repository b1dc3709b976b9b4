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
#include "extract/quantities.h"
#include "rules/rules.h"
#include "text/document.h"

namespace concord {

struct EventMention {
  std::size_t begin = 0, end = 0;  // normalized offsets
  std::string event;               // event type id
};

// An event claim's value is a date; a measure claim's value is a quantity,
// with the date that scopes it («طی سال ۱۹۹۴», "entre 1992 y 2008").
struct Claim {
  std::string event;                      // event or measure type id
  std::vector<std::string> participants;  // sorted entity ids
  bool participants_from_topic = false;   // not named in the sentence
  std::size_t event_mention = 0;          // index into Extraction::events
  // Event claims: the date in the sentence, and the mention where its value
  // is written (the date itself, or the antecedent of «در همین روز»).
  std::optional<std::size_t> date_mention;
  std::size_t value_mention = 0;
  // Located events (events.yaml `located: true`): the country where it
  // happened, from a city of the trigger's clause («سفارت در آلماتی» → kz);
  // empty when the sentence names no such city.
  std::string site;
  // Measure claims: the quantity, its time scope, whether it is a total
  // over a period («acumulada», «در مجموع»).
  std::optional<std::size_t> quantity;
  std::optional<std::size_t> scope;
  bool cumulative = false;
};

struct Extraction {
  std::vector<DateMention> dates;
  std::vector<EntityMention> entities;
  std::vector<EventMention> events;
  std::vector<Quantity> quantities;
  std::vector<Claim> claims;
  // The entities the document is about: the most frequent ones, by type.
  std::vector<std::size_t> topic;
};

Extraction extract(const Document& doc, const LanguagePack& pack, const RuleSet& rules);

}  // namespace concord

#include "extract/extraction.h"

#include <algorithm>
#include <map>
#include <set>

#include "extract/matcher.h"

namespace concord {
namespace {

std::vector<EventMention> extract_events(const Document& doc, const LanguagePack& pack) {
  std::vector<EventMention> events;
  const std::string& text = doc.text();
  // Searched paragraph by paragraph, where the filter says a trigger can match.
  const std::vector<TextSpan>& paragraphs = doc.paragraphs();
  const std::vector<std::vector<std::uint32_t>> where =
      pack.trigger_filter.windows(text, paragraphs, pack.triggers.size());
  for (std::size_t t = 0; t < pack.triggers.size(); ++t) {
    const EventTrigger& trigger = pack.triggers[t];
    for (const std::uint32_t p : where[t]) {
      for_each_span(*trigger.regex, text, paragraphs[p].begin, paragraphs[p].end,
                    [&](std::size_t begin, std::size_t end) { events.push_back(EventMention{begin, end, trigger.event}); });
    }
  }
  std::sort(events.begin(), events.end(), [](const EventMention& a, const EventMention& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.event < b.event;
  });
  // One mention per event type and place, however many triggers matched it.
  events.erase(std::unique(events.begin(), events.end(),
                           [](const EventMention& a, const EventMention& b) {
                             return a.event == b.event && a.begin < b.end && b.begin < a.end;
                           }),
               events.end());
  return events;
}

std::size_t gap(std::size_t a_begin, std::size_t a_end, std::size_t b_begin, std::size_t b_end) {
  if (a_end <= b_begin) return b_begin - a_end;
  if (b_end <= a_begin) return a_begin - b_end;
  return 0;
}

// Where coordinated clauses begin inside [begin, end): after the pack's
// `clause_breaks` («، و», ", y", ", and", ";"). A claim's parts (trigger,
// value, date, cumulative cue) are looked for in the trigger's clause
// first: «En 2008 la ayuda ascendió a 30 millones, y la ayuda acumulada
// entre 1992 y 2008 fue de 400 millones» holds two claims, not one.
std::vector<std::size_t> clause_breaks(const Document& doc, const LanguagePack& pack, std::size_t begin,
                                       std::size_t end) {
  std::vector<std::size_t> breaks;
  const std::string_view text = doc.slice(begin, end);
  for (const std::string& key : pack.list("clause_breaks")) {
    if (key.empty()) continue;
    for (std::size_t at = text.find(key); at != std::string_view::npos; at = text.find(key, at + 1)) {
      // A key that starts with punctuation needs no boundary on its left.
      const std::size_t after = at + key.size();
      const bool left = !is_word_char(code_point_at(key, 0)) || !is_word_char(code_point_before(text, at));
      const bool ok = left && !is_word_char(code_point_at(text, after));
      if (ok) breaks.push_back(begin + at);
    }
  }
  std::sort(breaks.begin(), breaks.end());
  return breaks;
}

// Clause breaks strictly between two spans: each one crossed weighs more
// than any distance inside a sentence.
std::size_t crossings(const std::vector<std::size_t>& breaks, std::size_t a, std::size_t b) {
  if (a > b) std::swap(a, b);
  std::size_t n = 0;
  for (std::size_t at : breaks) n += at > a && at < b;
  return n;
}

constexpr std::size_t kClausePenalty = 1u << 20;

// The clause [begin, end) around `offset`.
std::pair<std::size_t, std::size_t> clause_of(const std::vector<std::size_t>& breaks, std::size_t begin,
                                              std::size_t end, std::size_t offset) {
  for (std::size_t at : breaks) {
    if (at <= offset) begin = at;
    else {
      end = at;
      break;
    }
  }
  return {begin, end};
}

}  // namespace

Extraction extract(const Document& doc, const LanguagePack& pack, const RuleSet& rules) {
  Extraction ex;
  ex.dates = extract_dates(doc, pack);
  ex.entities = extract_entities(doc, pack);
  ex.events = extract_events(doc, pack);
  ex.quantities = extract_quantities(doc, pack, ex.dates);

  // Topic: entities by frequency (ties by first mention).
  std::map<std::size_t, std::pair<std::size_t, std::size_t>> counts;  // entity -> (count, first)
  for (std::size_t i = 0; i < ex.entities.size(); ++i) {
    auto& [count, first] = counts.try_emplace(ex.entities[i].entity, 0, i).first->second;
    ++count;
  }
  for (const auto& [entity, cf] : counts) ex.topic.push_back(entity);
  std::sort(ex.topic.begin(), ex.topic.end(), [&](std::size_t a, std::size_t b) {
    if (counts[a].first != counts[b].first) return counts[a].first > counts[b].first;
    return counts[a].second < counts[b].second;
  });

  // Sentence of each mention, looked up once rather than per event.
  auto sentences_of = [&](const auto& mentions) {
    std::vector<std::size_t> out;
    out.reserve(mentions.size());
    for (const auto& m : mentions) out.push_back(doc.sentence_index(m.begin));
    return out;
  };
  const std::vector<std::size_t> date_sentence = sentences_of(ex.dates);
  const std::vector<std::size_t> quantity_sentence = sentences_of(ex.quantities);
  const std::vector<std::size_t> entity_sentence = sentences_of(ex.entities);

  for (std::size_t e = 0; e < ex.events.size(); ++e) {
    const EventMention& event = ex.events[e];
    const EventType* type = rules.event(event.event);
    if (type == nullptr) continue;
    const std::size_t sentence = doc.sentence_index(event.begin);
    const TextSpan& span = doc.sentences()[sentence];
    std::vector<std::size_t> breaks = clause_breaks(doc, pack, span.begin, span.end);
    // A verb-final language ends the trigger's clause at a conjunction right
    // after it: in «… به رسمیت شناخت و یک ماه بعد، در ۲۴ آوریل ۱۹۹۲، روابط …»
    // the date after «و» is the next clause's.
    if (const std::size_t next = doc.token_at_or_after(event.end); next < doc.tokens().size()) {
      const TextSpan& token = doc.tokens()[next];
      const auto& ends = pack.list("trigger_clause_ends");
      if (token.begin < span.end && doc.slice(event.end, token.begin).find_first_not_of(" \n\t") == std::string_view::npos &&
          std::find(ends.begin(), ends.end(), doc.token_key(next)) != ends.end()) {
        breaks.insert(std::lower_bound(breaks.begin(), breaks.end(), token.begin), token.begin);
      }
    }
    // The nearest date and the nearest acceptable quantity in the sentence.
    std::optional<std::size_t> date;
    std::size_t date_gap = 0;
    for (std::size_t d = 0; d < ex.dates.size(); ++d) {
      const DateMention& m = ex.dates[d];
      if (date_sentence[d] != sentence) continue;
      const std::size_t g =
          gap(event.begin, event.end, m.begin, m.end) + kClausePenalty * crossings(breaks, event.begin, m.begin);
      if (!date || g < date_gap) {
        date = d;
        date_gap = g;
      }
    }
    Claim claim;
    claim.event = event.event;
    claim.event_mention = e;
    if (type->measure) {
      std::optional<std::size_t> quantity;
      std::size_t quantity_gap = 0;
      for (std::size_t i = 0; i < ex.quantities.size(); ++i) {
        const Quantity& m = ex.quantities[i];
        if (quantity_sentence[i] != sentence) continue;
        if (std::find(type->units.begin(), type->units.end(), m.unit) == type->units.end()) continue;
        // A measure's value follows its trigger in all three languages; one
        // before it counts double.
        std::size_t g = gap(event.begin, event.end, m.begin, m.end);
        if (m.end <= event.begin) g *= 2;
        g += kClausePenalty * crossings(breaks, event.begin, m.begin);
        if (!quantity || g < quantity_gap) {
          quantity = i;
          quantity_gap = g;
        }
      }
      if (!quantity) continue;
      claim.quantity = quantity;
      claim.scope = date;
      // A cumulative cue counts in the value's clause only.
      const Quantity& value = ex.quantities[*quantity];
      const auto [clause_begin, clause_end] = clause_of(breaks, span.begin, span.end, value.begin);
      claim.cumulative = doc.contains_any(clause_begin, clause_end, pack.cumulative);
      if (date && ex.dates[*date].to && ex.dates[*date].from.year != ex.dates[*date].to->year) claim.cumulative = true;
    } else {
      if (!date) continue;
      claim.date_mention = date;
      claim.value_mention = ex.dates[*date].antecedent.value_or(*date);
    }
    // Participants: entities of the event's type named in the sentence,
    // completed from the document's topic («دو کشور», "both countries").
    std::set<std::string> participants;
    for (std::size_t i = 0; i < ex.entities.size(); ++i) {
      const EntityMention& m = ex.entities[i];
      if (entity_sentence[i] != sentence) continue;
      const Entity& entity = rules.entities[m.entity];
      if (entity.type == type->participants) participants.insert(entity.id);
    }
    if (participants.size() < 2) {
      for (std::size_t id : ex.topic) {
        if (participants.size() >= 2) break;
        const Entity& entity = rules.entities[id];
        if (entity.type != type->participants) continue;
        if (participants.insert(entity.id).second) claim.participants_from_topic = true;
      }
    }
    claim.participants.assign(participants.begin(), participants.end());
    if (type->located) {
      // The nearest city of the sentence that has a country, in the
      // trigger's clause first.
      std::size_t best = 0;
      for (std::size_t i = 0; i < ex.entities.size(); ++i) {
        const EntityMention& m = ex.entities[i];
        if (entity_sentence[i] != sentence) continue;
        const Entity& entity = rules.entities[m.entity];
        if (entity.country.empty()) continue;
        const std::size_t g =
            gap(event.begin, event.end, m.begin, m.end) + kClausePenalty * crossings(breaks, event.begin, m.begin);
        if (claim.site.empty() || g < best) {
          claim.site = entity.country;
          best = g;
        }
      }
    }
    ex.claims.push_back(std::move(claim));
  }
  return ex;
}

}  // namespace concord

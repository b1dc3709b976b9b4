#include "extract/extraction.h"

#include <unicode/utf8.h>

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

// Where coordinated clauses begin: after the pack's `clause_breaks` («، و»,
// ", y", ", and", ";"). A claim's parts (trigger, value, date, cumulative
// cue) are looked for in the trigger's clause first: «En 2008 la ayuda
// ascendió a 30 millones, y la ayuda acumulada entre 1992 y 2008 fue de 400
// millones» holds two claims, not one.
//
// A key counts at word boundaries inside a trigger's window, and the
// window's edges are boundaries (as if the window were the whole text).
// Each place a key is written is found once per document, with the code
// points around it; a window reads its breaks off that list.
class ClauseKeys {
 public:
  ClauseKeys() = default;  // none: a document without triggers needs no search
  ClauseKeys(const Document& doc, const LanguagePack& pack) {
    const std::string_view text = doc.text();
    for (const std::string& key : pack.list("clause_breaks")) {
      if (key.empty()) continue;
      const bool free_left = !is_word_char(code_point_at(key, 0));
      for (std::size_t at = find_bytes(text, key); at != std::string_view::npos; at = find_bytes(text, key, at + 1)) {
        Place p;
        p.at = at;
        p.end = at + key.size();
        p.free_left = free_left;
        const char32_t before = code_point_before(text, at);
        p.before_word = is_word_char(before);
        p.before_begin = at - (before == 0 ? 0 : static_cast<std::size_t>(U8_LENGTH(before)));
        const char32_t after = code_point_at(text, p.end);
        p.after_word = is_word_char(after);
        p.after_end = p.end + (after == 0 ? 0 : static_cast<std::size_t>(U8_LENGTH(after)));
        places_.push_back(p);
      }
    }
    std::sort(places_.begin(), places_.end(), [](const Place& a, const Place& b) { return a.at < b.at; });
  }

  // The breaks inside [begin, end), ascending. A code point cut by an edge
  // of the window reads as no code point, as it does in a slice.
  std::vector<std::size_t> inside(std::size_t begin, std::size_t end) const {
    std::vector<std::size_t> breaks;
    auto it = std::lower_bound(places_.begin(), places_.end(), begin,
                               [](const Place& p, std::size_t at) { return p.at < at; });
    for (; it != places_.end() && it->at < end; ++it) {
      if (it->end > end) continue;
      const bool left = it->free_left || !it->before_word || it->before_begin < begin || it->at == begin;
      const bool right = !it->after_word || it->after_end > end;
      if (left && right) breaks.push_back(it->at);
    }
    return breaks;
  }

 private:
  struct Place {
    std::size_t at = 0, end = 0;  // the key's bytes
    bool free_left = false;       // the key starts with punctuation: no boundary needed on its left
    bool before_word = false, after_word = false;
    std::size_t before_begin = 0, after_end = 0;  // the code points around it
  };
  std::vector<Place> places_;
};

// Clause breaks strictly between two spans: each one crossed weighs more
// than any distance inside a sentence.
std::size_t crossings(const std::vector<std::size_t>& breaks, std::size_t a, std::size_t b) {
  if (a > b) std::swap(a, b);
  std::size_t n = 0;
  for (std::size_t at : breaks) n += at > a && at < b;
  return n;
}

constexpr std::size_t kClausePenalty = 1u << 20;

// How far from its trigger (bytes) a claim looks for its parts: farther
// than any sentence of prose, near enough to keep a huge one linear.
constexpr std::size_t kReach = 4096;

// How far before a trigger (bytes) an anniversary word makes the sentence's
// date the anniversary's: a few words.
constexpr std::size_t kAnniversaryReach = 48;

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

// A scaled amount without a unit takes the unit of the amount before it in
// its sentence: "124 millones de dólares en 1994 y 108 millones en 1998".
void carry_units(const Document& doc, std::vector<Quantity>& qs) {
  for (std::size_t i = 1; i < qs.size(); ++i) {
    Quantity& q = qs[i];
    const Quantity& prev = qs[i - 1];
    if (!q.unit.empty() || !q.scaled || prev.unit.empty() || prev.unit == "%") continue;
    if (doc.sentence_index(prev.begin) != doc.sentence_index(q.begin)) continue;
    q.unit = prev.unit;
    q.unit_inferred = true;
  }
}

// Parts of totals. Among the amounts of one unit in a sentence, a part has a
// part cue of the pack (`part_cues`) within a few words, not reaching over
// its neighbours; consecutive parts belong to the amount just before the
// first of them: in «… ۱۶۹ میلیون دلار و … به ۱۸۰ میلیون دلار بالغ گردید که
// ۱۱۰ میلیون دلار آن را صادرات و ۷۰ میلیون دلار آن را واردات» the whole is 180.
void mark_parts(const Document& doc, const LanguagePack& pack, std::vector<Quantity>& all) {
  const auto& cues = pack.list("part_cues");
  if (cues.empty()) return;
  const auto& tokens = doc.tokens();
  std::map<std::pair<std::size_t, std::string>, std::vector<std::size_t>> runs;
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (all[i].unit.empty() || all[i].unit == "%") continue;
    runs[{doc.sentence_index(all[i].begin), all[i].unit}].push_back(i);
  }
  for (const auto& entry : runs) {
    // Named, not bound: clang 14 cannot capture a structured binding.
    const std::vector<std::size_t>& run = entry.second;
    const TextSpan& sentence = doc.sentences()[entry.first.first];
    auto cued = [&](std::size_t i) {
      const Quantity& q = all[run[i]];
      const std::size_t first = doc.token_at_or_after(q.begin);
      const std::size_t after = doc.token_at_or_after(q.end);
      std::size_t begin = first >= 4 ? tokens[first - 4].begin : 0;
      std::size_t end = after + 3 <= tokens.size() ? tokens[after + 2].end : doc.text().size();
      if (i > 0) begin = std::max(begin, all[run[i - 1]].end);
      if (i + 1 < run.size()) end = std::min(end, all[run[i + 1]].begin);
      return doc.contains_any(std::max(begin, sentence.begin), std::min(end, sentence.end), cues);
    };
    // An amount right after a conjunction that follows a part goes on with
    // the parts: "de los cuales 6.000 millones se destinan a Turquía y
    // 12.000 millones a Europa".
    const auto& conjunctions = pack.list("list_conjunctions");
    auto continues = [&](std::size_t i) {
      const std::size_t t = doc.token_at_or_after(all[run[i]].begin);
      return t > 0 && tokens[t - 1].begin >= all[run[i - 1]].end &&
             std::find(conjunctions.begin(), conjunctions.end(), doc.token_key(t - 1)) != conjunctions.end();
    };
    std::size_t first = 1;
    while (first < run.size() && !cued(first)) ++first;
    for (std::size_t j = first; j < run.size() && (cued(j) || (j > first && continues(j))); ++j) {
      all[run[j]].whole = run[first - 1];
    }
  }
}

// «این رقم» ("this figure"), «esta cifra»: a sentence that goes on with the
// measure of an earlier sentence of its paragraph. Each becomes a mention
// of that measure's event.
void add_measure_anaphora(const Document& doc, const LanguagePack& pack, const RuleSet& rules,
                          std::vector<EventMention>& events) {
  const auto& phrases = pack.list("measure_anaphora");
  if (phrases.empty() || events.empty()) return;
  const auto& tokens = doc.tokens();
  // After each measure mention, from its sentence's end to the end of its
  // paragraph or the next measure mention, the phrases take its event: a
  // document is searched only where a measure came before.
  std::vector<const EventMention*> measures;
  for (const EventMention& e : events) {
    const EventType* type = rules.event(e.event);
    if (type != nullptr && type->measure) measures.push_back(&e);
  }
  std::vector<EventMention> added;
  for (std::size_t m = 0; m < measures.size(); ++m) {
    const std::size_t from = doc.sentences()[doc.sentence_index(measures[m]->begin)].end;
    std::size_t to = doc.paragraphs()[doc.paragraph_index(measures[m]->begin)].end;
    if (m + 1 < measures.size()) to = std::min(to, measures[m + 1]->begin);
    for (std::size_t t = doc.token_at_or_after(from); t < tokens.size() && tokens[t].begin < to; ++t) {
      for (const std::string& key : phrases) {
        if (const std::size_t n = doc.phrase_at(t, key); n != 0) {
          added.push_back(EventMention{tokens[t].begin, tokens[t + n - 1].end, measures[m]->event});
        }
      }
    }
  }
  events.insert(events.end(), added.begin(), added.end());
  std::sort(events.begin(), events.end(), [](const EventMention& a, const EventMention& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.event < b.event;
  });
}

}  // namespace

Extraction extract(const Document& doc, const LanguagePack& pack, const RuleSet& rules) {
  Extraction ex;
  ex.dates = extract_dates(doc, pack);
  ex.entities = extract_entities(doc, pack);
  ex.events = extract_events(doc, pack);
  add_measure_anaphora(doc, pack, rules, ex.events);
  ex.quantities = extract_quantities(doc, pack, ex.dates);
  carry_units(doc, ex.quantities);
  mark_parts(doc, pack, ex.quantities);

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

  // What a claim may use: the mentions of its trigger's sentence, within
  // kReach bytes of the trigger, so that one huge sentence (a megabyte
  // without a full stop) costs linear time, not quadratic. Mentions are in
  // text order: each window is a range of indices.
  struct Window {
    std::size_t begin, end;  // normalized offsets
  };
  std::vector<Window> windows(ex.events.size());
  for (std::size_t e = 0; e < ex.events.size(); ++e) {
    const EventMention& event = ex.events[e];
    const TextSpan& span = doc.sentences()[doc.sentence_index(event.begin)];
    windows[e] = Window{std::max(span.begin, event.begin > kReach ? event.begin - kReach : 0),
                        std::min(span.end, event.end + kReach)};
  }
  auto in_window = [](const auto& mentions, const Window& w) {
    auto first = std::lower_bound(mentions.begin(), mentions.end(), w.begin,
                                  [](const auto& m, std::size_t at) { return m.begin < at; });
    auto last = std::lower_bound(first, mentions.end(), w.end, [](const auto& m, std::size_t at) { return m.begin < at; });
    return std::make_pair(static_cast<std::size_t>(first - mentions.begin()),
                          static_cast<std::size_t>(last - mentions.begin()));
  };

  // Each trigger's clause breaks: its sentence's, and for a verb-final
  // language a conjunction right after the trigger (in «… به رسمیت شناخت و
  // یک ماه بعد، در ۲۴ آوریل ۱۹۹۲، روابط …» the date after «و» is the next
  // clause's).
  std::vector<std::vector<std::size_t>> event_breaks(ex.events.size());
  const ClauseKeys clause_keys = ex.events.empty() ? ClauseKeys() : ClauseKeys(doc, pack);
  const auto& trigger_ends = pack.list("trigger_clause_ends");
  for (std::size_t e = 0; e < ex.events.size(); ++e) {
    const EventMention& event = ex.events[e];
    const Window& span = windows[e];
    std::vector<std::size_t>& breaks = event_breaks[e];
    breaks = clause_keys.inside(span.begin, span.end);
    if (const std::size_t next = doc.token_at_or_after(event.end); next < doc.tokens().size()) {
      const TextSpan& token = doc.tokens()[next];
      if (token.begin < span.end &&
          doc.slice(event.end, token.begin).find_first_not_of(" \n\t") == std::string_view::npos &&
          std::find(trigger_ends.begin(), trigger_ends.end(), doc.token_key(next)) != trigger_ends.end()) {
        breaks.insert(std::lower_bound(breaks.begin(), breaks.end(), token.begin), token.begin);
      }
    }
  }
  // How far an amount is from a measure trigger: a measure's value follows
  // its trigger in all three languages, so one before it counts double.
  auto measure_gap = [&](std::size_t e, const Quantity& m) {
    const EventMention& event = ex.events[e];
    std::size_t g = gap(event.begin, event.end, m.begin, m.end);
    if (m.end <= event.begin) g *= 2;
    return g + kClausePenalty * crossings(event_breaks[e], event.begin, m.begin);
  };
  auto accepts = [&](const EventType& type, const Quantity& m) {
    return std::find(type.units.begin(), type.units.end(), m.unit) != type.units.end();
  };
  // The measure trigger of its sentence nearest to each amount.
  std::vector<std::optional<std::size_t>> owner(ex.quantities.size());
  for (std::size_t e = 0; e < ex.events.size(); ++e) {
    const EventType* type = rules.event(ex.events[e].event);
    if (type == nullptr || !type->measure) continue;
    const auto [first, last] = in_window(ex.quantities, windows[e]);
    for (std::size_t i = first; i < last; ++i) {
      const Quantity& m = ex.quantities[i];
      if (m.whole || !accepts(*type, m)) continue;
      if (!owner[i] || measure_gap(e, m) < measure_gap(*owner[i], m)) owner[i] = e;
    }
  }

  for (std::size_t e = 0; e < ex.events.size(); ++e) {
    const EventMention& event = ex.events[e];
    const EventType* type = rules.event(event.event);
    if (type == nullptr) continue;
    const Window& span = windows[e];
    const std::vector<std::size_t>& breaks = event_breaks[e];
    std::vector<std::size_t> sentence_dates;
    const auto [first_date, last_date] = in_window(ex.dates, span);
    for (std::size_t d = first_date; d < last_date; ++d) sentence_dates.push_back(d);
    // The date of the sentence nearest to [begin, end), its clause first.
    auto nearest_date = [&](std::size_t begin, std::size_t end) {
      std::optional<std::size_t> best;
      std::size_t best_gap = 0;
      for (std::size_t d : sentence_dates) {
        const DateMention& m = ex.dates[d];
        const std::size_t g = gap(begin, end, m.begin, m.end) + kClausePenalty * crossings(breaks, begin, m.begin);
        if (!best || g < best_gap) {
          best = d;
          best_gap = g;
        }
      }
      return best;
    };
    const std::optional<std::size_t> date = nearest_date(event.begin, event.end);
    std::vector<Claim> made;
    Claim claim;
    claim.event = event.event;
    claim.event_mention = e;
    if (type->measure) {
      // The trigger's amounts: those of the sentence nearer to it than to
      // any other measure trigger, parts of totals left out.
      std::vector<std::size_t> mine;
      const auto [first, last] = in_window(ex.quantities, span);
      for (std::size_t i = first; i < last; ++i) {
        if (owner[i] == e) mine.push_back(i);
      }
      if (mine.empty()) continue;
      auto measure = [&](std::size_t quantity, std::optional<std::size_t> scope) {
        Claim c = claim;
        c.quantity = quantity;
        c.scope = scope;
        // A cumulative cue counts in the value's clause only.
        const Quantity& value = ex.quantities[quantity];
        const auto [clause_begin, clause_end] = clause_of(breaks, span.begin, span.end, value.begin);
        c.cumulative = doc.contains_any(clause_begin, clause_end, pack.cumulative);
        if (scope && ex.dates[*scope].to && ex.dates[*scope].from.year != ex.dates[*scope].to->year) {
          c.cumulative = true;
        }
        made.push_back(std::move(c));
      };
      if (mine.size() > 1 && sentence_dates.size() == mine.size()) {
        // A series, as many dates as amounts, paired in order: «در سال ۱۹۹۲
        // … ۵۳ میلیون دلار بود و در سال ۱۹۹۴ به … ۱۲۰ میلیون دلار», "124
        // millones de dólares en 1994 y 108 millones en 1998".
        for (std::size_t k = 0; k < mine.size(); ++k) measure(mine[k], sentence_dates[k]);
      } else {
        std::size_t nearest = mine.front();
        for (std::size_t i : mine) {
          if (measure_gap(e, ex.quantities[i]) < measure_gap(e, ex.quantities[nearest])) nearest = i;
        }
        // Its time scope: the date nearest the amount, in the amount's
        // clause first («مبادلات تجاری … در نیمه دوم دهه ۱۹۹۰ روندی نوسانی
        // داشت، اما در سال ۲۰۰۰ … به ۲۶۰ میلیون دلار رسید»: 2000).
        measure(nearest, nearest_date(ex.quantities[nearest].begin, ex.quantities[nearest].end));
      }
    } else {
      if (!date) continue;
      // «بیستمین سالگرد برقراری روابط», "the 25th anniversary of the
      // establishment of relations": the sentence dates the anniversary,
      // not the event.
      if (doc.contains_any(std::max(span.begin, event.begin > kAnniversaryReach ? event.begin - kAnniversaryReach : 0),
                           event.begin, pack.list("anniversary"))) {
        continue;
      }
      claim.date_mention = date;
      claim.value_mention = ex.dates[*date].antecedent.value_or(*date);
      made.push_back(claim);
    }
    // Participants: entities of the event's type named in the sentence,
    // completed from the document's topic («دو کشور», "both countries").
    std::set<std::string> participants;
    const auto [first_entity, last_entity] = in_window(ex.entities, span);
    for (std::size_t i = first_entity; i < last_entity; ++i) {
      const EntityMention& m = ex.entities[i];
      const Entity& entity = rules.entities[m.entity];
      if (entity.type == type->participants) participants.insert(entity.id);
    }
    // More than two, among them the document's own pair: the others are
    // asides ("trade reached $159 million, making Iran one of Armenia's
    // leading partners after Russia"), and one source names them where
    // another does not.
    if (participants.size() > 2) {
      std::vector<std::string> pair;
      for (std::size_t id : ex.topic) {
        if (pair.size() == 2) break;
        if (rules.entities[id].type == type->participants) pair.push_back(rules.entities[id].id);
      }
      if (pair.size() == 2 && participants.count(pair[0]) != 0 && participants.count(pair[1]) != 0) {
        participants = std::set<std::string>(pair.begin(), pair.end());
      }
    }
    bool from_topic = false;
    if (participants.size() < 2) {
      for (std::size_t id : ex.topic) {
        if (participants.size() >= 2) break;
        const Entity& entity = rules.entities[id];
        if (entity.type != type->participants) continue;
        if (participants.insert(entity.id).second) from_topic = true;
      }
    }
    std::string site;
    if (type->located) {
      // The nearest city of the sentence that has a country, in the
      // trigger's clause first, and there one after a word of the pack's
      // `site_prepositions` ("in", «در») first: in "Seoul opened its
      // embassy in Tashkent" the embassy is in Tashkent.
      const auto& prepositions = pack.list("site_prepositions");
      std::size_t best = 0;
      for (std::size_t i = first_entity; i < last_entity; ++i) {
        const EntityMention& m = ex.entities[i];
        const Entity& entity = rules.entities[m.entity];
        if (entity.country.empty()) continue;
        const std::size_t t = doc.token_at_or_after(m.begin);
        const bool placed = t > 0 && t < doc.tokens().size() &&
                            std::find(prepositions.begin(), prepositions.end(), doc.token_key(t - 1)) != prepositions.end();
        const std::size_t g = gap(event.begin, event.end, m.begin, m.end) +
                              kClausePenalty * crossings(breaks, event.begin, m.begin) +
                              (placed || prepositions.empty() ? 0 : kClausePenalty / 2);
        if (site.empty() || g < best) {
          site = entity.country;
          best = g;
        }
      }
    }
    for (Claim& c : made) {
      c.participants.assign(participants.begin(), participants.end());
      c.participants_from_topic = from_topic;
      c.site = site;
      ex.claims.push_back(std::move(c));
    }
  }
  return ex;
}

}  // namespace concord

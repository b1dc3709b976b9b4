#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "report/render.h"

namespace concord {
namespace {

nlohmann::ordered_json location_json(const Location& l) {
  nlohmann::ordered_json j;
  j["path"] = l.path;
  j["line"] = l.line;
  j["column"] = l.column;
  j["end_line"] = l.end_line;
  j["end_column"] = l.end_column;
  j["start"] = l.start;
  j["end"] = l.end;
  j["excerpt"] = l.excerpt;
  if (!l.note.empty()) j["note"] = l.note;
  return j;
}

nlohmann::ordered_json date_json(const DateValue& v) {
  nlohmann::ordered_json j;
  j["iso"] = v.iso();
  j["calendar"] = v.calendar == Calendar::kPersian ? "persian" : "gregorian";
  if (v.year) j["year"] = v.year;
  if (v.month) j["month"] = v.month;
  if (v.day) j["day"] = v.day;
  static const char* kGranularity[] = {"none", "year", "month", "day"};
  j["granularity"] = kGranularity[static_cast<int>(v.granularity())];
  if (v.year_inferred) j["year_inferred"] = true;
  if (!v.exists) j["exists"] = false;
  return j;
}

nlohmann::ordered_json date_mention_json(const DateMention& d) {
  if (!d.to) return date_json(d.from);
  return nlohmann::ordered_json{{"from", date_json(d.from)}, {"to", date_json(*d.to)}};
}

nlohmann::ordered_json quantity_json(const AnalyzedSource& s, const Quantity& q) {
  nlohmann::ordered_json j;
  j["location"] = location_json(s.location(q.begin, q.end));
  j["value"] = q.value;
  j["unit"] = q.unit;
  if (q.unit_inferred) j["unit_inferred"] = true;
  if (!q.qualifier.empty()) j["qualifier"] = q.qualifier;
  if (q.spelled) j["spelled"] = true;
  return j;
}

nlohmann::ordered_json sources_json(const Report& report) {
  nlohmann::ordered_json sources = nlohmann::ordered_json::array();
  for (const SourceInfo& s : report.sources) {
    sources.push_back({{"path", s.path},
                       {"lang", s.lang},
                       {"lang_origin", s.origin == LanguageOrigin::kDetected ? "detected" : "given"}});
  }
  return sources;
}

nlohmann::ordered_json findings_json(const Report& report) {
  nlohmann::ordered_json findings = nlohmann::ordered_json::array();
  for (const Finding& f : report.findings) {
    nlohmann::ordered_json j;
    j["rule"] = f.rule;
    j["kind"] = std::string(to_string(f.kind));
    j["severity"] = std::string(to_string(f.severity));
    j["message"] = f.message;
    j["locations"] = nlohmann::ordered_json::array();
    for (const Location& l : f.locations) j["locations"].push_back(location_json(l));
    j["suggestion"] = f.suggestion ? nlohmann::ordered_json(*f.suggestion) : nlohmann::ordered_json();
    findings.push_back(std::move(j));
  }
  return findings;
}

}  // namespace

std::string render_json(const Report& report) {
  nlohmann::ordered_json root;
  root["tool"] = {{"name", "concord"}, {"version", CONCORD_VERSION}};
  root["group"] = report.group;
  root["sources"] = sources_json(report);
  root["findings"] = findings_json(report);
  return root.dump(2) + "\n";
}

std::string render_json_line(const nlohmann::ordered_json& id, const Report& report) {
  nlohmann::ordered_json line;
  line["id"] = id;
  line["sources"] = sources_json(report);
  line["findings"] = findings_json(report);
  return line.dump();
}

std::string render_extraction_json(const Group& group) {
  const RuleSet& rules = *group.rules;
  nlohmann::ordered_json root;
  root["tool"] = {{"name", "concord"}, {"version", CONCORD_VERSION}};
  root["sources"] = nlohmann::ordered_json::array();
  for (const AnalyzedSource& s : group.sources) {
    nlohmann::ordered_json src;
    src["path"] = s.doc.path();
    src["lang"] = s.doc.language();
    const Extraction& ex = s.extraction;
    src["dates"] = nlohmann::ordered_json::array();
    for (const DateMention& m : ex.dates) {
      nlohmann::ordered_json j;
      j["location"] = location_json(s.location(m.begin, m.end));
      j["type"] = m.to ? "date_range" : "date";
      j["from"] = date_json(m.from);
      if (m.to) j["to"] = date_json(*m.to);
      if (m.antecedent) j["refers_to"] = location_json(s.location(ex.dates[*m.antecedent].begin, ex.dates[*m.antecedent].end));
      src["dates"].push_back(std::move(j));
    }
    src["entities"] = nlohmann::ordered_json::array();
    for (const EntityMention& m : ex.entities) {
      nlohmann::ordered_json j;
      j["location"] = location_json(s.location(m.begin, m.end));
      j["entity"] = rules.entities[m.entity].id;
      j["type"] = rules.entities[m.entity].type;
      if (m.demonym) j["demonym"] = true;
      src["entities"].push_back(std::move(j));
    }
    src["events"] = nlohmann::ordered_json::array();
    for (const EventMention& m : ex.events) {
      src["events"].push_back({{"location", location_json(s.location(m.begin, m.end))}, {"event", m.event}});
    }
    src["quantities"] = nlohmann::ordered_json::array();
    for (const Quantity& q : ex.quantities) src["quantities"].push_back(quantity_json(s, q));
    src["claims"] = nlohmann::ordered_json::array();
    for (const Claim& c : ex.claims) {
      nlohmann::ordered_json j;
      j["event"] = c.event;
      j["participants"] = c.participants;
      if (c.participants_from_topic) j["participants_from_topic"] = true;
      if (!c.site.empty()) j["site"] = c.site;
      j["trigger"] = location_json(s.location(ex.events[c.event_mention].begin, ex.events[c.event_mention].end));
      if (c.quantity) {
        j["value"] = quantity_json(s, ex.quantities[*c.quantity]);
        if (c.scope) j["scope"] = date_mention_json(ex.dates[*c.scope]);
        j["cumulative"] = c.cumulative;
      } else if (c.date_mention) {
        j["value"] = date_mention_json(ex.dates[*c.date_mention]);
        const DateMention& v = ex.dates[c.value_mention];
        j["location"] = location_json(s.location(v.begin, v.end));
      }
      src["claims"].push_back(std::move(j));
    }
    root["sources"].push_back(std::move(src));
  }
  return root.dump(2) + "\n";
}

std::string render_extraction_text(const Group& group) {
  const RuleSet& rules = *group.rules;
  std::string out;
  for (const AnalyzedSource& s : group.sources) {
    const Extraction& ex = s.extraction;
    for (const DateMention& m : ex.dates) {
      const Location l = s.location(m.begin, m.end);
      out += l.path + ":" + std::to_string(l.line) + ":" + std::to_string(l.column) + ": " +
             (m.to ? "date_range " + m.from.iso() + "/" + m.to->iso() : "date " + m.from.iso()) +
             (m.antecedent ? " (anaphora)" : "") + " «" + l.excerpt + "»\n";
    }
    for (const EntityMention& m : ex.entities) {
      const Location l = s.location(m.begin, m.end);
      out += l.path + ":" + std::to_string(l.line) + ":" + std::to_string(l.column) + ": entity " +
             rules.entities[m.entity].id + " «" + l.excerpt + "»\n";
    }
    for (const Quantity& q : ex.quantities) {
      const Location l = s.location(q.begin, q.end);
      out += fmt::format("{}:{}:{}: quantity {:.6g}{}{}{}{} «{}»\n", l.path, l.line, l.column, q.value,
                         q.unit.empty() ? "" : " " + q.unit, q.unit_inferred ? " (unit from context)" : "",
                         q.qualifier.empty() ? "" : " (" + q.qualifier + ")", q.whole ? " (a part)" : "",
                         l.excerpt);
    }
    for (const Claim& c : ex.claims) {
      std::string who;
      for (const std::string& p : c.participants) who += (who.empty() ? "" : ",") + p;
      if (!c.site.empty()) who += " at " + c.site;
      std::string value;
      std::size_t begin = 0, end = 0;
      if (c.quantity) {
        const Quantity& q = ex.quantities[*c.quantity];
        value = fmt::format("{:.6g}{}", q.value, q.unit.empty() ? "" : " " + q.unit);
        if (c.scope) {
          const DateMention& d = ex.dates[*c.scope];
          value += " in " + (d.to ? d.from.iso() + "/" + d.to->iso() : d.from.iso());
        }
        if (c.cumulative) value += " (total)";
        begin = q.begin;
        end = q.end;
      } else if (c.date_mention) {
        const DateMention& d = ex.dates[*c.date_mention];
        value = d.to ? d.from.iso() + "/" + d.to->iso() : d.from.iso();
        begin = ex.dates[c.value_mention].begin;
        end = ex.dates[c.value_mention].end;
      }
      const Location l = s.location(begin, end);
      out += fmt::format("{}:{}:{}: claim {}({}) = {}\n", l.path, l.line, l.column, c.event, who, value);
    }
  }
  return out;
}

}  // namespace concord

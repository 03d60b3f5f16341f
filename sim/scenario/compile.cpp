// Scenario half of the compiler and the orchestration of a whole compile.
#include "scenario/compile.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "core/digest.hpp"
#include "core/model_shape.hpp"
#include "core/rng.hpp"
#include "econ/steady_state.hpp"
#include "io/recorder.hpp"
#include "scenario/compile_model.hpp"
#include "scenario/paths.hpp"
#include "scenario/reader.hpp"

namespace defsim {
namespace {

std::optional<Date> read_date(const Node& node, const std::string& path, IssueList& issues) {
  const auto text = to_text(node, path, issues);
  if (!text) return std::nullopt;
  const auto date = parse_date(*text);
  if (!date) issues.error(node.loc, path, "expected a date YYYY-MM-DD, got '" + *text + "'");
  return date;
}

// One demand point: its rate in units/day from exactly one of per_day, per_month, per_year.
std::optional<double> read_rate(MapReader& r, IssueList& issues) {
  const Node* nodes[3] = {r.get("per_day"), r.get("per_month"), r.get("per_year")};
  static constexpr double kToDaily[3] = {1.0, 12.0 / 365.0, 1.0 / 365.0};
  int given = 0;
  double rate = 0.0;
  for (int k = 0; k < 3; ++k) {
    if (nodes[k] == nullptr) continue;
    ++given;
    static const char* const names[3] = {"per_day", "per_month", "per_year"};
    const auto v = to_number(*nodes[k], r.child_path(names[k]), issues);
    if (v && *v < 0) issues.error(nodes[k]->loc, r.child_path(names[k]), "must be >= 0, got " + nodes[k]->scalar);
    if (v) rate = *v * kToDaily[k];
  }
  if (given != 1) {
    issues.error(r.node().loc, r.path(), "give exactly one of per_day, per_month, per_year");
    return std::nullopt;
  }
  return rate;
}

void compile_demand(const Node* demand_node, Model& m, const ModelNames& names, IssueList& issues) {
  // A generated model brings a schedule for each final good; the scenario may replace it.
  std::vector<bool> seen(m.goods.size(), false);
  for (Index g = 0; g < m.goods.size(); ++g) seen[g] = !m.demand.schedule[g].empty();
  if (demand_node != nullptr && demand_node->is_map()) {
    MapReader dr(*demand_node, "demand", issues);
    for (const auto& [gname, node] : demand_node->map) {
      dr.get(gname);
      const std::string path = "demand." + gname;
      const SourceLoc ref_loc = key_loc(*demand_node, gname);
      const auto g = resolve_key(names.goods, *demand_node, gname, path, "good", issues);
      if (!g) continue;
      if (m.goods.kind[*g] != GoodKind::final_good) {
        issues.error(ref_loc, path, "the state orders final goods only; '" + gname + "' is " +
                                        std::string(to_string(m.goods.kind[*g])));
        continue;
      }
      seen[*g] = true;
      auto& schedule = m.demand.schedule[*g];
      schedule.clear();
      if (node.is_map()) {
        MapReader r(node, path, issues);
        r.text("note", "");
        r.text("source", "");
        if (auto rate = read_rate(r, issues)) schedule.push_back({0, *rate});
        r.finish();
      } else if (node.is_seq()) {
        for (size_t k = 0; k < node.seq.size(); ++k) {
          const std::string ipath = path + "[" + std::to_string(k) + "]";
          MapReader r(node.seq[k], ipath, issues);
          std::optional<Date> date;
          if (const Node* dn = r.get("date")) date = read_date(*dn, ipath + ".date", issues);
          r.require("date");
          r.text("note", "");
          r.text("source", "");
          const auto rate = read_rate(r, issues);
          r.finish();
          if (!date || !rate) continue;
          const Day day = m.run.calendar.day_of(*date);
          if (!schedule.empty() && day <= schedule.back().day) {
            issues.error(node.seq[k].loc, ipath + ".date", "dates must increase down the list");
            continue;
          }
          schedule.push_back({day, *rate});
        }
        if (node.seq.empty()) issues.error(node.loc, path, "a demand schedule needs at least one point");
      } else {
        issues.error(node.loc, path, "expected a list of {date, per_year} points or one {per_year} map");
      }
    }
    dr.finish();
  }
  for (Index g = 0; g < m.goods.size(); ++g) {
    if (m.goods.kind[g] == GoodKind::final_good && !seen[g]) {
      issues.error(demand_node ? demand_node->loc : SourceLoc{}, "demand." + m.goods.name[g],
                   "final good '" + m.goods.name[g] + "' has no demand schedule");
    }
  }
}

constexpr size_t kMaxCompiledEvents = 100'000;

void compile_events(const Node* events_node, Model& m, IssueList& issues) {
  if (events_node == nullptr) return;
  if (!events_node->is_seq()) {
    issues.error(events_node->loc, "events", "expected a list of events");
    return;
  }
  const Day horizon = m.run.calendar.horizon_days();
  std::map<std::pair<int, Index>, Index> target_rows;
  for (size_t k = 0; k < events_node->seq.size(); ++k) {
    const Node& node = events_node->seq[k];
    const std::string path = "events[" + std::to_string(k) + "]";
    MapReader r(node, path, issues);
    const auto target_path = r.required_text("path");
    const std::string op = r.choice("op", "set", {"set", "scale", "add"});
    r.require("op");
    const auto value = r.required_number("value");
    std::optional<Date> start, end;
    if (const Node* sn = r.get("start")) start = read_date(*sn, path + ".start", issues);
    r.require("start");
    const Node* en = r.get("end");
    if (en != nullptr) end = read_date(*en, path + ".end", issues);
    const auto ramp = r.integer("ramp_days", 0, Range::between(0, 36525));  // fits a Day
    r.text("note", "");
    r.text("source", "");
    r.finish();
    if (!target_path || !value || !start) continue;
    const PathResolution res = resolve_parameter_path(m, *target_path);
    if (!res.error.empty()) {
      issues.error(node.find("path")->loc, path + ".path", res.error);
      continue;
    }
    const Day start_day = m.run.calendar.day_of(*start);
    if (start_day >= horizon) {
      issues.error(node.find("start")->loc, path + ".start",
                   "starts on " + to_string(*start) + ", after the horizon ends (" +
                       to_string(m.run.calendar.date_of(horizon - 1)) + ")");
      continue;
    }
    Day end_day = horizon;
    if (end) {
      end_day = std::min<Day>(horizon, m.run.calendar.day_of(*end));
      if (end_day <= start_day) {
        issues.error(en->loc, path + ".end", "must be after start");
        continue;
      }
    }
    if (op == "scale" && *value < 0) {
      issues.error(node.find("value")->loc, path + ".value", "a scale factor must be >= 0");
      continue;
    }
    if (m.events.size() + res.targets.size() > kMaxCompiledEvents) {
      // One event per matched parameter: a few wildcard events over aliased lists of
      // routes would otherwise compile to gigabytes.
      issues.error(node.find("path")->loc, path + ".path",
                   "the events change more than " + std::to_string(kMaxCompiledEvents) +
                       " parameters in all (one per event and matched parameter)");
      return;
    }
    for (const EventTarget& t : res.targets) {
      const auto key = std::make_pair(static_cast<int>(t.kind), t.entity);
      auto it = target_rows.find(key);
      if (it == target_rows.end()) {
        it = target_rows.emplace(key, static_cast<Index>(m.event_targets.size())).first;
        m.event_targets.push_back(t);
      }
      m.events.push_back({it->second, op == "set" ? EventOp::set : op == "scale" ? EventOp::scale : EventOp::add,
                          *value, start_day, static_cast<Day>(ramp), end_day, *target_path});
    }
  }
}

void compile_output(const Node* out_node, Model& m, IssueList& issues) {
  if (out_node == nullptr) return;
  MapReader r(*out_node, "output", issues);
  auto& o = m.run.output;
  const std::string freq = r.choice("frequency", "month", {"day", "week", "month"});
  o.frequency = freq == "day" ? Frequency::day : freq == "week" ? Frequency::week : Frequency::month;
  o.single_precision = r.choice("precision", "double", {"double", "single"}) == "single";
  o.compression = static_cast<int>(r.integer("compression", 4, Range::between(0, 9)));
  if (const Node* vars = r.get("variables")) {
    if (!vars->is_seq()) {
      issues.error(vars->loc, "output.variables", "expected a list of group/name variables");
    } else {
      const auto valid = variable_names();
      for (size_t k = 0; k < vars->seq.size(); ++k) {
        const std::string vpath = "output.variables[" + std::to_string(k) + "]";
        const auto name = to_text(vars->seq[k], vpath, issues);
        if (!name) continue;
        if (std::find(valid.begin(), valid.end(), *name) == valid.end()) {
          std::string msg = "unknown variable '" + *name + "'";
          if (auto near = nearest(*name, valid)) msg += "; did you mean '" + *near + "'?";
          msg += " Valid: " + join(valid);
          issues.error(vars->seq[k].loc, vpath, msg);
          continue;
        }
        if (std::find(o.variables.begin(), o.variables.end(), *name) == o.variables.end()) o.variables.push_back(*name);
      }
    }
  }
  r.finish();
}

// Problems found on the compiled tables (the steady state, lead times) carry only a key path
// into the model (`plants.x.capacity_per_day`). They are reported at that key in the model
// tree: at the value for a plain value, at the key otherwise, or at the deepest part of the
// path the tree has (a default that was not written).
SourceLoc locate(const Node& model, const std::string& key_path) {
  const Node* node = &model;
  SourceLoc loc = model.loc;
  size_t pos = 0;
  while (node->is_map()) {
    const size_t dot = key_path.find('.', pos);
    const std::string part = key_path.substr(pos, dot == std::string::npos ? std::string::npos : dot - pos);
    const Node* child = node->find(part);
    if (child == nullptr) break;
    loc = child->is_scalar() ? child->loc : key_loc(*node, part);
    node = child;
    if (dot == std::string::npos) break;
    pos = dot + 1;
  }
  return loc;
}


}  // namespace

Model compile(const ResolvedInput& input, const CompileOptions& options) {
  Model m;
  IssueList issues;
  ModelNames names;
  compile_model_tables(input.model, m, names, issues);

  MapReader r(input.scenario, "", issues);
  r.text("extends", "");
  r.get("model");
  m.run.scenario_file = input.scenario_file;
  m.run.model_file = input.model.loc.file;
  m.run.scenario_name = r.text("name", "scenario");
  m.run.description = r.text("description", "");
  std::optional<Date> start;
  if (const Node* sn = r.get("start")) start = read_date(*sn, "start", issues);
  r.require("start");
  Day days = 0;
  const Node* end_node = r.get("end");
  const Node* days_node = r.get("days");
  if ((end_node == nullptr) == (days_node == nullptr)) {
    issues.error(input.scenario.loc, "end", "give exactly one of 'end' (a date) or 'days' (the horizon length)");
  } else if (days_node != nullptr) {
    days = static_cast<Day>(r.integer("days", 1, Range::between(1, 36525)));
  } else if (start) {
    if (auto end = read_date(*end_node, "end", issues)) {
      days = static_cast<Day>(days_since_epoch(*end) - days_since_epoch(*start) + 1);
      if (days < 1) {
        issues.error(end_node->loc, "end", "must not be before start");
        days = 1;
      } else if (days > 36525) {
        issues.error(end_node->loc, "end", "the horizon is limited to 100 years");
        days = 1;
      }
    }
  }
  m.run.calendar = Calendar(start.value_or(Date{}), std::max<Day>(days, 1));
  m.run.seed = static_cast<std::uint64_t>(r.integer("seed", 1, Range::between(0, 9.0e18)));
  m.run.replications = static_cast<int>(r.integer("replications", 1, Range::between(1, 100000)));
  m.run.stochastic = r.flag("stochastic", true);
  m.run.max_lead_time_days = static_cast<Day>(r.integer("max_lead_time_days", 365, Range::between(1, 3650)));
  if (options.seed) m.run.seed = *options.seed;
  if (options.replications) m.run.replications = *options.replications;
  const Node* demand_node = r.get("demand");
  const bool generated = input.model.is_map() && input.model.find("generate") != nullptr;
  if (demand_node == nullptr && !generated) r.require("demand");
  const Node* events_node = r.get("events");
  const Node* output_node = r.get("output");
  r.finish();

  if (issues.empty()) {
    compile_demand(demand_node, m, names, issues);
    compile_events(events_node, m, issues);
  }
  compile_output(output_node, m, issues);
  issues.raise_if_any();

  for (Index s = 0; s < m.routes.size(); ++s) {
    if (m.routes.lead_time_days[s] + m.routes.jitter_days[s] >= m.run.max_lead_time_days) {
      const std::string key = m.routes.is_domestic[s]
                                  ? "goods." + m.goods.name[m.routes.good[s]] + ".domestic_lead_time_days"
                                  : "imports." + m.goods.name[m.routes.good[s]] + ".routes." + m.routes.short_name[s];
      issues.error(locate(input.model, key), key,
                   "lead time plus jitter must stay below max_lead_time_days (" +
                       std::to_string(m.run.max_lead_time_days) + ")");
    }
  }
  issues.raise_if_any();

  check_model_shape(m);
  IssueList steady;
  compute_steady_state(m, steady);
  for (const InputIssue& issue : steady.issues()) {
    issues.error(issue.loc.line > 0 ? issue.loc : locate(input.model, issue.key_path), issue.key_path,
                 issue.message);
  }
  issues.raise_if_any();

  Node resolved;
  resolved.kind = Node::Kind::map;
  Node scenario = input.scenario;
  if (Node* model_ref = scenario.find("model"); model_ref != nullptr && !model_ref->is_map()) {
    resolved.add("model_file", *model_ref, {});
  }
  resolved.add("scenario", scenario, {});
  resolved.add("model", input.model, {});
  m.run.resolved_yaml = emit_yaml(resolved);
  m.run.scenario_hash = hex_digest(m.run.resolved_yaml);
  return m;
}

}  // namespace defsim

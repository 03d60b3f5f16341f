// Reading calibration target files: the same validating readers and error positions as
// scenario files (scenario/reader.hpp).
#include <filesystem>

#include "analysis/calibration.hpp"
#include "io/variables.hpp"
#include "scenario/reader.hpp"
#include "scenario/tree.hpp"

namespace defsim {
namespace {

namespace fs = std::filesystem;

struct AggregateName {
  const char* name;
  TargetAggregate aggregate;
};

constexpr AggregateName kAggregates[] = {
    {"total", TargetAggregate::total},         {"per_day", TargetAggregate::per_day},
    {"per_month", TargetAggregate::per_month}, {"per_year", TargetAggregate::per_year},
    {"mean", TargetAggregate::mean},           {"end", TargetAggregate::end},
    {"change", TargetAggregate::change},       {"share", TargetAggregate::share},
    {"price_premium", TargetAggregate::price_premium},
};

std::vector<std::string> aggregate_names() {
  std::vector<std::string> out;
  for (const auto& a : kAggregates) out.emplace_back(a.name);
  return out;
}

// Filter keys each axis understands.
std::vector<std::string> filter_keys(Axis axis) {
  switch (axis) {
    case Axis::goods: return {"good", "kind"};
    case Axis::plants: return {"plant", "good", "region"};
    case Axis::slots: return {"plant", "good", "kind"};
    case Axis::routes: return {"route", "good", "origin", "corridor"};
    case Axis::regions: return {"region"};
    case Axis::capital: return {"plant", "origin"};
  }
  return {};
}

std::optional<Date> read_date(MapReader& r, const char* key) {
  const Node* n = r.get(key);
  if (n == nullptr) {
    r.require(key);
    return std::nullopt;
  }
  const auto text = to_text(*n, r.child_path(key), r.issues());
  if (!text) return std::nullopt;
  const auto date = parse_date(*text);
  if (!date) r.issues().error(n->loc, r.child_path(key), "expected a date YYYY-MM-DD, got '" + *text + "'");
  return date;
}

RowFilter read_filter(const Node* node, const std::string& path, Axis axis, IssueList& issues) {
  RowFilter f;
  f.path = path;
  if (node == nullptr) return f;
  f.loc = node->loc;
  MapReader r(*node, path, issues);
  for (const auto& key : filter_keys(axis)) {
    const Node* v = r.get(key);
    if (v == nullptr) continue;
    RowFilter::Key k{key, {}, v->loc};
    if (v->is_scalar()) {
      k.patterns.push_back(v->scalar);
    } else if (v->is_seq() && !v->seq.empty()) {
      for (size_t i = 0; i < v->seq.size(); ++i) {
        if (auto t = to_text(v->seq[i], r.child_path(key) + "[" + std::to_string(i) + "]", issues)) {
          k.patterns.push_back(*t);
        }
      }
    } else {
      issues.error(v->loc, r.child_path(key), "expected a name, a glob or a list of them");
      continue;
    }
    f.keys.push_back(std::move(k));
  }
  r.finish();
  return f;
}

TargetMetric read_metric(const Node& node, const std::string& path, IssueList& issues) {
  TargetMetric m;
  m.loc = node.loc;
  m.path = path;
  MapReader r(node, path, issues);
  const std::string agg = r.choice("aggregate", "", aggregate_names());
  bool agg_ok = false;
  for (const auto& a : kAggregates) {
    if (agg == a.name) {
      m.aggregate = a.aggregate;
      agg_ok = true;
    }
  }
  if (!r.has("aggregate")) r.require("aggregate");

  const VariableDef* def = nullptr;
  if (agg_ok && m.aggregate == TargetAggregate::price_premium) {
    if (const Node* v = r.get("variable")) {
      issues.error(v->loc, r.child_path("variable"),
                   "price_premium reads routes/bill_usd, routes/shipped and goods/unit_value_usd itself; "
                   "remove 'variable'");
    }
    m.variable = "routes/bill_usd";
    def = find_variable(m.variable);
  } else if (const Node* v = r.get("variable")) {
    if (auto name = to_text(*v, r.child_path("variable"), issues)) {
      def = find_variable(*name);
      if (def == nullptr) {
        std::string msg = "unknown variable '" + *name + "'";
        const auto names = variable_names();
        if (auto near = nearest(*name, names)) msg += "; did you mean '" + *near + "'?";
        msg += " See docs/SCENARIOS.md section 9 for the list";
        issues.error(v->loc, r.child_path("variable"), msg);
      } else {
        m.variable = *name;
        if (def->is_code) {
          issues.error(v->loc, r.child_path("variable"),
                       "'" + *name + "' is a code (most frequent value per period); it has no numeric aggregate");
          def = nullptr;
        }
      }
    }
  } else if (agg_ok || !r.has("aggregate")) {
    r.require("variable");
  }

  if (def != nullptr && agg_ok) {
    const bool flow = def->agg == Aggregation::sum;
    const SourceLoc at = key_loc(node, "aggregate");
    switch (m.aggregate) {
      case TargetAggregate::total:
      case TargetAggregate::per_day:
      case TargetAggregate::per_month:
      case TargetAggregate::per_year:
        if (!flow) {
          issues.error(at, r.child_path("aggregate"),
                       "'" + agg + "' adds up a flow over the window, but '" + m.variable + "' is a " +
                           std::string(to_string(def->agg)) + " variable (a level or rate); use mean, end or change");
        }
        break;
      case TargetAggregate::mean:
      case TargetAggregate::end:
      case TargetAggregate::change:
        if (flow) {
          issues.error(at, r.child_path("aggregate"),
                       "'" + agg + "' is for levels and rates, but '" + m.variable +
                           "' is a flow summed per period; use total, per_day, per_month or per_year");
        }
        break;
      case TargetAggregate::share:
      case TargetAggregate::price_premium: break;
    }
  }

  if (const Node* n = r.get("minus")) {
    if (auto name = to_text(*n, r.child_path("minus"), issues)) {
      const VariableDef* other = find_variable(*name);
      if (other == nullptr) {
        std::string msg = "unknown variable '" + *name + "'";
        if (auto near = nearest(*name, variable_names())) msg += "; did you mean '" + *near + "'?";
        issues.error(n->loc, r.child_path("minus"), msg);
      } else if (def != nullptr && (other->axis != def->axis || other->agg != def->agg || other->is_code)) {
        issues.error(n->loc, r.child_path("minus"),
                     "'" + *name + "' must have the rows and the period aggregation of '" + m.variable + "'");
      } else if (agg_ok && (m.aggregate == TargetAggregate::share || m.aggregate == TargetAggregate::price_premium)) {
        issues.error(n->loc, r.child_path("minus"), "'minus' cannot be used with " + agg);
      } else {
        m.minus = *name;
      }
    }
  }
  const std::string rows = r.choice("rows", "sum", {"sum", "mean"});
  m.row_mean = rows == "mean";
  if (m.row_mean && agg_ok && (m.aggregate == TargetAggregate::share || m.aggregate == TargetAggregate::price_premium)) {
    issues.error(key_loc(node, "rows"), r.child_path("rows"), "rows: mean cannot be used with " + agg);
  }

  const Axis axis = def != nullptr ? def->axis : Axis::goods;
  const bool axis_known = def != nullptr;
  auto filter = [&](const char* key) {
    const Node* n = r.get(key);
    if (!axis_known) return RowFilter{};
    return read_filter(n, r.child_path(key), axis, issues);
  };
  m.where = filter("where");
  m.exclude = filter("exclude");
  if (agg_ok && m.aggregate == TargetAggregate::share) {
    m.part = filter("part");
    if (!r.has("part")) r.require("part");
  } else if (const Node* p = r.get("part")) {
    issues.error(p->loc, r.child_path("part"), "'part' is the numerator of a share; use it with aggregate: share");
  }

  const auto from = read_date(r, "from");
  const auto to = read_date(r, "to");
  if (from) m.from = *from;
  if (to) m.to = *to;
  if (from && to && days_since_epoch(*to) < days_since_epoch(*from)) {
    issues.error(key_loc(node, "to"), r.child_path("to"), "must not be before 'from'");
  }
  r.finish();
  return m;
}

CalibrationTarget read_target(const std::string& name, const Node& node, const std::string& path,
                              IssueList& issues) {
  CalibrationTarget t;
  t.name = name;
  t.loc = node.loc;
  MapReader r(node, path, issues);
  t.figure = r.required_text("figure").value_or("");
  t.source = r.required_text("source").value_or("");
  t.grade = r.required_text("grade").value_or("");
  t.note = r.text("note", "");
  t.assumption = r.text("assumption", "");
  if (const Node* m = r.get("metric")) {
    t.metric = read_metric(*m, r.child_path("metric"), issues);
  } else {
    r.require("metric");
  }
  if (const Node* range = r.get("range")) {
    if (r.has("min") || r.has("max")) {
      issues.error(range->loc, r.child_path("range"), "give either range: [min, max] or min/max, not both");
    }
    if (!range->is_seq() || range->seq.size() != 2) {
      issues.error(range->loc, r.child_path("range"), "expected [min, max]");
    } else {
      t.min = to_number(range->seq[0], r.child_path("range") + "[0]", issues);
      t.max = to_number(range->seq[1], r.child_path("range") + "[1]", issues);
    }
  }
  if (r.has("min")) t.min = r.required_number("min");
  if (r.has("max")) t.max = r.required_number("max");
  if (!r.has("range") && !r.has("min") && !r.has("max")) {
    issues.error(node.loc, path, "a target needs range: [min, max], or min and/or max");
  }
  if (t.min && t.max && *t.max < *t.min) {
    issues.error(node.loc, path, "the range is empty: max is below min");
  }
  const bool ratio = t.metric.aggregate == TargetAggregate::share ||
                     t.metric.aggregate == TargetAggregate::price_premium;
  const VariableDef* def = find_variable(t.metric.variable);
  const bool usd = def != nullptr && def->unit == "USD" && !ratio;
  const std::string fallback = ratio ? "percent" : (usd ? "usd" : "number");
  const std::string format = r.choice("format", fallback, {"number", "percent", "usd"});
  t.format = format == "percent" ? TargetFormat::percent : (format == "usd" ? TargetFormat::usd : TargetFormat::number);
  r.finish();
  return t;
}

TargetFile read_targets(const Node& root, const std::string& display_name, const std::string& base_dir) {
  IssueList issues;
  TargetFile file;
  file.path = display_name;
  MapReader r(root, "", issues);
  r.text("description", "");
  r.text("note", "");
  file.model = r.text("model", "");
  if (const Node* s = r.get("scenario")) {
    if (auto text = to_text(*s, "scenario", issues)) {
      const fs::path p(*text);
      file.scenario = p.is_absolute() ? *text : (fs::path(base_dir) / p).lexically_normal().string();
      file.scenario_loc = s->loc;
    }
  }
  if (const Node* targets = r.get("targets")) {
    if (!targets->is_map() || targets->map.empty()) {
      issues.error(targets->loc, "targets", "expected a map of target name -> target, with at least one target");
    } else {
      for (const auto& [name, node] : targets->map) {
        file.targets.push_back(read_target(name, node, "targets." + name, issues));
      }
    }
  } else {
    r.require("targets");
  }
  r.finish();
  issues.raise_if_any();
  return file;
}

std::string dir_of(const std::string& file) {
  const fs::path p(file);
  return p.has_parent_path() ? p.parent_path().string() : std::string(".");
}

}  // namespace

std::string to_string(TargetAggregate aggregate) {
  for (const auto& a : kAggregates) {
    if (a.aggregate == aggregate) return a.name;
  }
  return "";
}

TargetFile read_target_file(const std::string& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    throw ScenarioError({{SourceLoc{path, 0, 0}, "", "no such target file (or not a regular file)"}});
  }
  return read_targets(load_yaml_file(path), path, dir_of(path));
}

TargetFile read_target_text(const std::string& text, const std::string& display_name, const std::string& base_dir) {
  return read_targets(load_yaml_text(text, display_name), display_name, base_dir);
}

TargetMetric read_metric_text(const std::string& text, const std::string& display_name) {
  IssueList issues;
  const Node root = load_yaml_text(text, display_name);
  TargetMetric m = read_metric(root, "metric", issues);
  issues.raise_if_any();
  return m;
}

}  // namespace defsim

// Sweep file → SweepSpec. Same reporting as scenarios: every problem at once, each as
// FILE:LINE:COL: key.path: message, unknown keys with the valid ones and the nearest.
#include "sweep/sweep_spec.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "core/digest.hpp"
#include "scenario/compile.hpp"
#include "scenario/reader.hpp"
#include "sweep/design.hpp"
#include "sweep/metrics.hpp"
#include "sweep/sweep_plan.hpp"

namespace defsim::sweep {
namespace fs = std::filesystem;

std::string to_string(DesignMethod method) {
  switch (method) {
    case DesignMethod::grid: return "grid";
    case DesignMethod::random: return "random";
    case DesignMethod::lhs: return "lhs";
    case DesignMethod::sobol: return "sobol";
    case DesignMethod::morris: return "morris";
  }
  return "?";
}

std::string to_string(FailurePolicy policy) {
  switch (policy) {
    case FailurePolicy::stop: return "stop";
    case FailurePolicy::report: return "report";
    case FailurePolicy::ignore: return "ignore";
  }
  return "?";
}

namespace {

// Keys a sweep may not vary: they name files, or change the calendar, the seeds or the
// output layout, which every run of one sweep must share.
const std::vector<std::string>& fixed_first_keys() {
  static const std::vector<std::string> keys = {"model", "extends", "name", "description", "start", "end",
                                                "days", "seed", "replications", "output", "events"};
  return keys;
}

std::vector<double> read_numbers(const Node& node, const std::string& path, IssueList& issues) {
  std::vector<double> out;
  if (!node.is_seq()) {
    issues.error(node.loc, path, "expected a list of numbers, got " + std::string(kind_name(node.kind)));
    return out;
  }
  for (size_t k = 0; k < node.seq.size(); ++k) {
    if (auto v = to_number(node.seq[k], path + "[" + std::to_string(k) + "]", issues)) out.push_back(*v);
  }
  return out;
}

void read_distribution(const Node& node, const std::string& path, SweepParameter& p, IssueList& issues) {
  MapReader r(node, path, issues);
  const std::string type = r.choice("type", "", {"uniform", "log_uniform", "normal", "lognormal", "triangular"});
  r.require("type");
  auto& m = p.marginal;
  if (type == "uniform" || type == "log_uniform") {
    m.kind = type == "uniform" ? Marginal::Kind::uniform : Marginal::Kind::log_uniform;
    const auto low = r.required_number("low", type == "log_uniform" ? Range::above(0) : Range::any());
    const auto high = r.required_number("high", type == "log_uniform" ? Range::above(0) : Range::any());
    if (low && high) {
      m.a = *low;
      m.b = *high;
      if (!(*low < *high)) issues.error(key_loc(node, "high"), r.child_path("high"), "must be greater than low");
    }
  } else if (type == "normal" || type == "lognormal") {
    m.kind = type == "normal" ? Marginal::Kind::normal : Marginal::Kind::lognormal;
    const auto centre = r.required_number(type == "normal" ? "mean" : "mu");
    const auto spread = r.required_number(type == "normal" ? "sd" : "sigma", Range::above(0));
    if (centre && spread) {
      m.a = *centre;
      m.b = *spread;
    }
  } else if (type == "triangular") {
    m.kind = Marginal::Kind::triangular;
    const auto low = r.required_number("low");
    const auto mode = r.required_number("mode");
    const auto high = r.required_number("high");
    if (low && mode && high) {
      m.a = *low;
      m.c = *mode;
      m.b = *high;
      if (!(*low <= *mode && *mode <= *high && *low < *high)) {
        issues.error(node.loc, path, "needs low <= mode <= high and low < high");
      }
    }
  }
  r.finish();
}

SweepParameter read_parameter(const Node& node, const std::string& path, DesignMethod method, IssueList& issues) {
  SweepParameter p;
  p.loc = node.loc;
  MapReader r(node, path, issues);
  if (auto text = r.required_text("path")) {
    p.path = *text;
    p.loc = r.get("path")->loc;
    const std::string first = p.path.substr(0, p.path.find('.'));
    const auto& fixed = fixed_first_keys();
    if (std::find(fixed.begin(), fixed.end(), first) != fixed.end()) {
      issues.error(p.loc, r.child_path("path"),
                   "'" + first + "' is the same for every run of a sweep and cannot be a parameter (" +
                       join(fixed) + " are fixed)");
    }
  }
  const Node* levels = r.get("levels");
  const Node* range = r.get("range");
  const Node* distribution = r.get("distribution");
  const long long steps = r.integer("steps", 0, Range::between(2, 1000));
  const int given = (levels != nullptr) + (range != nullptr) + (distribution != nullptr);
  if (given != 1) {
    issues.error(node.loc, path, "give exactly one of levels, range or distribution");
  } else if (levels != nullptr) {
    p.marginal.kind = Marginal::Kind::levels;
    p.marginal.levels = read_numbers(*levels, r.child_path("levels"), issues);
    if (p.marginal.levels.empty() && levels->is_seq()) issues.error(levels->loc, r.child_path("levels"), "needs at least one value");
    p.grid = p.marginal.levels;
  } else if (range != nullptr) {
    const auto bounds = read_numbers(*range, r.child_path("range"), issues);
    if (bounds.size() != 2 || !(bounds[0] < bounds[1])) {
      if (range->is_seq()) issues.error(range->loc, r.child_path("range"), "expected [low, high] with low < high");
    } else {
      p.marginal.kind = Marginal::Kind::uniform;
      p.marginal.a = bounds[0];
      p.marginal.b = bounds[1];
      if (method == DesignMethod::grid) {
        if (steps == 0) {
          issues.error(range->loc, r.child_path("range"), "a grid needs 'steps' (how many values from low to high) with a range");
        }
        for (long long k = 0; k < steps; ++k) {
          p.grid.push_back(bounds[0] + (bounds[1] - bounds[0]) * static_cast<double>(k) / static_cast<double>(steps - 1));
        }
      }
    }
  } else {
    if (method == DesignMethod::grid) {
      issues.error(distribution->loc, r.child_path("distribution"),
                   "a grid takes levels or a range with steps, not a distribution");
    }
    read_distribution(*distribution, r.child_path("distribution"), p, issues);
  }
  if (steps != 0 && (range == nullptr || method != DesignMethod::grid)) {
    issues.error(key_loc(node, "steps"), r.child_path("steps"), "only a grid with a range takes steps");
  }
  r.finish();
  return p;
}

// Values that show a parameter path and value are acceptable: the ends of its support, or
// for unbounded distributions the central 99.8%.
std::vector<double> probe_values(const SweepParameter& p) {
  if (!p.grid.empty()) return {*std::min_element(p.grid.begin(), p.grid.end()), *std::max_element(p.grid.begin(), p.grid.end())};
  return {p.marginal.quantile(0.001), p.marginal.quantile(0.999)};
}

}  // namespace

SweepSpec compile_sweep_file(const std::string& path) {
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (status.type() == fs::file_type::not_found) throw ScenarioError({{SourceLoc{path, 0, 0}, "", "sweep file not found: " + path}});
  if (status.type() != fs::file_type::regular) throw ScenarioError({{SourceLoc{path, 0, 0}, "", "not a regular file: " + path}});
  const Node root = load_yaml_file(path);
  if (!root.is_map()) {
    throw ScenarioError({{root.loc.line > 0 ? root.loc : SourceLoc{path, 1, 1}, "",
                          "expected a sweep (a map with scenario, parameters, design, ...), got " +
                              std::string(kind_name(root.kind))}});
  }
  IssueList issues;
  MapReader r(root, "", issues);
  SweepSpec spec;
  spec.file = path;
  spec.name = r.text("name", fs::path(path).stem().string());
  r.text("description", "");
  if (auto scenario = r.required_text("scenario")) {
    const fs::path rel(*scenario);
    spec.scenario_file = rel.is_absolute() ? *scenario : (fs::path(path).parent_path() / rel).lexically_normal().string();
  }
  if (const Node* design = r.get("design")) {
    MapReader d(*design, "design", issues);
    const std::string method = d.choice("method", "grid", {"grid", "random", "lhs", "sobol", "morris"});
    spec.method = method == "random"   ? DesignMethod::random
                  : method == "lhs"    ? DesignMethod::lhs
                  : method == "sobol"  ? DesignMethod::sobol
                  : method == "morris" ? DesignMethod::morris
                                       : DesignMethod::grid;
    if (spec.method != DesignMethod::grid) d.require("samples");
    spec.samples = d.integer("samples", 0, Range::between(spec.method == DesignMethod::grid ? 0 : 2, 1e7));
    if (spec.method == DesignMethod::grid && d.has("samples")) {
      issues.error(key_loc(*design, "samples"), "design.samples", "a grid has no samples: its runs are every combination of levels");
    }
    spec.morris_levels = static_cast<int>(d.integer("levels", 4, Range::between(2, 100)));
    if (d.has("levels") && spec.method != DesignMethod::morris) {
      issues.error(key_loc(*design, "levels"), "design.levels", "only the morris design takes levels (the grid's come from each parameter)");
    }
    spec.design_seed = static_cast<std::uint64_t>(d.integer("seed", 1, Range::between(0, 9e18)));
    d.finish();
  }
  if (r.has("replications")) spec.replications = static_cast<int>(r.integer("replications", 1, Range::between(1, 100000)));
  if (r.has("seed")) spec.seed = static_cast<std::uint64_t>(r.integer("seed", 1, Range::between(0, 9e18)));
  if (const Node* params = r.get("parameters")) {
    if (!params->is_seq() || params->seq.empty()) {
      issues.error(params->loc, "parameters", "expected a non-empty list of parameters ({path, levels | range | distribution})");
    } else {
      for (size_t k = 0; k < params->seq.size(); ++k) {
        spec.parameters.push_back(read_parameter(params->seq[k], "parameters[" + std::to_string(k) + "]", spec.method, issues));
      }
      for (size_t a = 0; a < spec.parameters.size(); ++a) {
        for (size_t b = 0; b < a; ++b) {
          if (!spec.parameters[a].path.empty() && spec.parameters[a].path == spec.parameters[b].path) {
            issues.error(spec.parameters[a].loc, "parameters[" + std::to_string(a) + "].path",
                         "duplicate parameter '" + spec.parameters[a].path + "' (also parameters[" + std::to_string(b) + "])");
          }
        }
      }
    }
  } else {
    r.require("parameters");
  }
  if (const Node* metrics = r.get("metrics")) {
    if (!metrics->is_seq() || metrics->seq.empty()) {
      issues.error(metrics->loc, "metrics", "expected a non-empty list of metric families: " + join(metric_families()));
    } else {
      for (size_t k = 0; k < metrics->seq.size(); ++k) {
        const std::string key = "metrics[" + std::to_string(k) + "]";
        auto name = to_text(metrics->seq[k], key, issues);
        if (!name) continue;
        const auto& valid = metric_families();
        if (std::find(valid.begin(), valid.end(), *name) == valid.end()) {
          std::string msg = "unknown metric '" + *name + "'";
          if (auto near = nearest(*name, valid)) msg += "; did you mean '" + *near + "'?";
          msg += msg.back() == '?' ? " " : ". ";
          issues.error(metrics->seq[k].loc, key, msg + "Valid metrics: " + join(valid));
        } else if (std::find(spec.metrics.begin(), spec.metrics.end(), *name) != spec.metrics.end()) {
          issues.error(metrics->seq[k].loc, key, "metric '" + *name + "' is listed twice");
        } else {
          spec.metrics.push_back(*name);
        }
      }
    }
  } else {
    spec.metrics = default_metric_families();
  }
  if (const Node* window = r.get("window")) {
    MapReader w(*window, "window", issues);
    for (const char* key : {"start", "end"}) {
      if (auto text = w.required_text(key)) {
        auto date = parse_date(*text);
        if (!date) {
          issues.error(w.get(key)->loc, w.child_path(key), "expected a date YYYY-MM-DD, got '" + *text + "'");
        } else {
          (std::string(key) == "start" ? spec.window_start : spec.window_end) = *date;
        }
      }
    }
    if (spec.window_start && spec.window_end && days_since_epoch(*spec.window_end) < days_since_epoch(*spec.window_start)) {
      issues.error(window->loc, "window", "end is before start");
    }
    w.finish();
  }
  spec.time_series = r.flag("time_series", false);
  const std::string policy = r.choice("on_failure", "stop", {"stop", "report", "ignore"});
  spec.on_failure = policy == "report" ? FailurePolicy::report : policy == "ignore" ? FailurePolicy::ignore : FailurePolicy::stop;
  r.finish();

  if (spec.method == DesignMethod::sobol && static_cast<int>(spec.parameters.size()) * 2 > max_sobol_dimensions()) {
    issues.error(root.loc, "parameters",
                 "a Sobol design handles at most " + std::to_string(max_sobol_dimensions() / 2) + " parameters");
  }
  issues.raise_if_any();

  const std::int64_t runs = planned_runs(spec);
  if (runs > kMaxSweepRuns) {
    issues.error(root.loc, spec.method == DesignMethod::grid ? "parameters" : "design.samples",
                 "the design has " + std::to_string(runs) + " runs; at most " + std::to_string(kMaxSweepRuns) +
                     " fit one sweep (split it into several sweep files)");
  }

  // The base scenario must compile, and so must each parameter at the ends of its range:
  // a misspelt path or an out-of-range value is found now, not in run 9,000 of 10,000.
  const Model base = compile_scenario_file(spec.scenario_file);
  for (size_t k = 0; k < spec.parameters.size(); ++k) {
    const auto& p = spec.parameters[k];
    for (double value : probe_values(p)) {
      try {
        CompileOptions options;
        options.overrides = {p.path + "=" + format_value(value)};
        (void)compile_scenario_file(spec.scenario_file, options);
      } catch (const ScenarioError& e) {
        for (const auto& issue : e.issues()) {
          issues.error(p.loc, "parameters[" + std::to_string(k) + "].path",
                       "with " + p.path + " = " + format_value(value) + ": " + issue.key_path + ": " + issue.message);
        }
        break;
      }
    }
  }
  if (spec.window_start && base.run.calendar.day_of(*spec.window_start) >= base.run.calendar.horizon_days()) {
    issues.error(key_loc(root, "window"), "window.start", "starts after the scenario ends (" +
                 to_string(base.run.calendar.date_of(base.run.calendar.horizon_days() - 1)) + ")");
  }
  issues.raise_if_any();
  spec.fingerprint = hex_digest(emit_yaml(root) + "\n" + base.run.scenario_hash);
  return spec;
}

}  // namespace defsim::sweep

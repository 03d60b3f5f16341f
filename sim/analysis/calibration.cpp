// Evaluating calibration targets on a run file.
#include "analysis/calibration.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "io/variables.hpp"
#include "scenario/reader.hpp"

namespace defsim {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Names and attributes of the rows of one axis, as the filters see them.
struct RowTable {
  std::vector<std::map<std::string, std::string>> rows;
};

std::vector<long> ints(const RunFileReader& run, const std::string& path) {
  const Array a = run.read(path);
  std::vector<long> out;
  out.reserve(a.size());
  for (double v : a.values) out.push_back(std::lround(v));
  return out;
}

std::string name_at(const std::vector<std::string>& names, long row) {
  return row >= 0 && static_cast<std::size_t>(row) < names.size() ? names[static_cast<std::size_t>(row)] : "";
}

RowTable row_table(const RunFileReader& run, Axis axis) {
  RowTable t;
  auto add = [&](std::size_t n) { t.rows.assign(n, {}); };
  switch (axis) {
    case Axis::goods: {
      const auto goods = run.strings("/index/goods");
      const auto kinds = run.strings("/index/goods_kind");
      add(goods.size());
      for (std::size_t i = 0; i < goods.size(); ++i) t.rows[i] = {{"good", goods[i]}, {"kind", name_at(kinds, static_cast<long>(i))}};
      break;
    }
    case Axis::plants: {
      const auto plants = run.strings("/index/plants");
      const auto goods = run.strings("/index/goods");
      const auto regions = run.strings("/index/regions");
      const auto good = ints(run, "/index/plant_good");
      const auto region = ints(run, "/index/plant_region");
      add(plants.size());
      for (std::size_t i = 0; i < plants.size(); ++i) {
        t.rows[i] = {{"plant", plants[i]}, {"good", name_at(goods, good[i])}, {"region", name_at(regions, region[i])}};
      }
      break;
    }
    case Axis::slots: {
      const auto inputs = run.strings("/index/inputs");
      const auto plants = run.strings("/index/plants");
      const auto goods = run.strings("/index/goods");
      const auto plant = ints(run, "/index/input_plant");
      const auto good = ints(run, "/index/input_good");
      const auto kind = run.strings("/index/input_kind");
      add(inputs.size());
      for (std::size_t i = 0; i < inputs.size(); ++i) {
        t.rows[i] = {{"plant", name_at(plants, plant[i])}, {"good", name_at(goods, good[i])}, {"kind", kind[i]}};
      }
      break;
    }
    case Axis::routes: {
      const auto routes = run.strings("/index/routes");
      const auto goods = run.strings("/index/goods");
      const auto good = ints(run, "/index/route_good");
      const auto origin = run.strings("/index/route_origin");
      const auto corridor = run.strings("/index/route_corridor");
      add(routes.size());
      for (std::size_t i = 0; i < routes.size(); ++i) {
        const std::string& full = routes[i];
        const auto slash = full.find('/');
        t.rows[i] = {{"route", slash == std::string::npos ? full : full.substr(slash + 1)},
                     {"good", name_at(goods, good[i])},
                     {"origin", origin[i]},
                     {"corridor", corridor[i]}};
      }
      break;
    }
    case Axis::regions: {
      const auto regions = run.strings("/index/regions");
      add(regions.size());
      for (std::size_t i = 0; i < regions.size(); ++i) t.rows[i] = {{"region", regions[i]}};
      break;
    }
    case Axis::capital: {
      const auto capital = run.strings("/index/capital");
      const auto plants = run.strings("/index/plants");
      const auto origins = run.strings("/index/origins");
      const auto plant = ints(run, "/index/capital_plant");
      const auto origin = ints(run, "/index/capital_origin");
      add(capital.size());
      for (std::size_t i = 0; i < capital.size(); ++i) {
        t.rows[i] = {{"plant", name_at(plants, plant[i])}, {"origin", name_at(origins, origin[i])}};
      }
      break;
    }
  }
  return t;
}

bool glob(const std::string& pattern, const std::string& name) {
  return fnmatch(pattern.c_str(), name.c_str(), 0) == 0;
}

bool keeps(const RowFilter& f, const std::map<std::string, std::string>& row) {
  for (const auto& key : f.keys) {
    const auto it = row.find(key.name);
    const std::string value = it == row.end() ? std::string() : it->second;
    if (std::none_of(key.patterns.begin(), key.patterns.end(), [&](const std::string& p) { return glob(p, value); })) {
      return false;
    }
  }
  return true;
}

// Every pattern must match some row on its own key: a typo is an error, not an empty sum.
void check_patterns(const RowFilter& f, const RowTable& table, IssueList& issues) {
  for (const auto& key : f.keys) {
    std::vector<std::string> values;
    for (const auto& row : table.rows) {
      const auto it = row.find(key.name);
      if (it != row.end() && std::find(values.begin(), values.end(), it->second) == values.end()) {
        values.push_back(it->second);
      }
    }
    for (const auto& pattern : key.patterns) {
      if (std::any_of(values.begin(), values.end(), [&](const std::string& v) { return glob(pattern, v); })) continue;
      std::string msg = "no " + key.name + " matches '" + pattern + "'";
      if (auto near = nearest(pattern, values)) msg += "; did you mean '" + *near + "'?";
      if (!values.empty() && values.size() <= 40) msg += (msg.back() == '?' ? " " : ". ") + std::string("Valid: ") + join(values);
      issues.error(key.loc, f.path + "." + key.name, msg);
    }
  }
}

// The run's output periods that lie inside the window.
struct Window {
  std::vector<std::size_t> periods;
  std::vector<double> days;  // per selected period
  double total_days = 0.0;
};

Window window_of(const TargetMetric& m, const RunFileReader& run, IssueList& issues) {
  Window w;
  const auto start = parse_date(run.string_attribute("start_date"));
  const long horizon = static_cast<long>(run.int_attribute("horizon_days"));
  const auto first = ints(run, "/time/period_first_day");
  const auto last = ints(run, "/time/period_last_day");
  const auto dates = run.strings("/time/period_start_date");
  if (!start) {
    issues.error(m.loc, m.path, "the run file has no valid start_date");
    return w;
  }
  const long s0 = days_since_epoch(*start);
  const long from = days_since_epoch(m.from) - s0;
  const long to = days_since_epoch(m.to) - s0;
  const std::string run_span = to_string(*start) + " to " + to_string(date_from_epoch_days(s0 + horizon - 1));
  if (to < 0 || from > horizon - 1) {
    issues.error(m.loc, m.path,
                 "the window " + to_string(m.from) + " to " + to_string(m.to) + " lies outside the run (" + run_span + ")");
    return w;
  }
  if (from < 0 || to > horizon - 1) {
    issues.error(m.loc, m.path,
                 "the window " + to_string(m.from) + " to " + to_string(m.to) + " runs past the run (" + run_span + ")");
    return w;
  }
  for (std::size_t p = 0; p < first.size(); ++p) {
    const bool inside = first[p] >= from && last[p] <= to;
    const bool overlaps = first[p] <= to && last[p] >= from;
    if (inside) {
      w.periods.push_back(p);
      w.days.push_back(static_cast<double>(last[p] - first[p] + 1));
      w.total_days += w.days.back();
    } else if (overlaps) {
      issues.error(m.loc, m.path,
                   "the window " + to_string(m.from) + " to " + to_string(m.to) + " cuts the output period " + dates[p] +
                       " to " + to_string(date_from_epoch_days(s0 + last[p])) + " (frequency " +
                       run.string_attribute("frequency") + "); make from/to fall on period boundaries");
      w.periods.clear();
      return w;
    }
  }
  return w;
}

std::vector<std::size_t> recorded(const RunFileReader& run) {
  std::vector<std::size_t> out;
  const auto rec = run.recorded_replications();
  for (std::size_t r = 0; r < rec.size(); ++r) {
    if (rec[r] != 0) out.push_back(r);
  }
  return out;
}

const Array* need(const std::string& variable, const RunFileReader& run, std::map<std::string, Array>& cache,
                  const TargetMetric& m, IssueList& issues) {
  const auto it = cache.find(variable);
  if (it != cache.end()) return &it->second;
  if (!run.has_dataset("/" + variable)) {
    issues.error(m.loc, m.path,
                 "the run file does not record '" + variable + "' (see the scenario's output.variables)");
    return nullptr;
  }
  return &cache.emplace(variable, run.read("/" + variable)).first->second;
}

MetricValue summarise(std::vector<double> values) {
  MetricValue v;
  v.replications = values.size();
  v.per_replication = values;
  if (values.empty()) {
    v.mean = v.min = v.max = kNaN;
    return v;
  }
  double sum = 0.0;
  v.min = values.front();
  v.max = values.front();
  for (double x : values) {
    sum += x;
    v.min = std::min(v.min, x);
    v.max = std::max(v.max, x);
  }
  v.mean = sum / static_cast<double>(values.size());
  return v;
}

MetricValue evaluate(const TargetMetric& m, const RunFileReader& run, std::map<std::string, Array>& cache,
                     IssueList& issues) {
  const std::size_t before = issues.size();
  const VariableDef* def = find_variable(m.variable);
  if (def == nullptr) {
    issues.error(m.loc, m.path, "unknown variable '" + m.variable + "'");
    return summarise({});
  }
  const RowTable table = row_table(run, def->axis);
  check_patterns(m.where, table, issues);
  check_patterns(m.exclude, table, issues);
  check_patterns(m.part, table, issues);
  const Window w = window_of(m, run, issues);
  const Array* data = need(m.variable, run, cache, m, issues);
  const Array* minus = m.minus.empty() ? nullptr : need(m.minus, run, cache, m, issues);
  const Array* shipped = nullptr;
  const Array* unit_value = nullptr;
  std::vector<long> route_good;
  if (m.aggregate == TargetAggregate::price_premium) {
    shipped = need("routes/shipped", run, cache, m, issues);
    unit_value = need("goods/unit_value_usd", run, cache, m, issues);
    route_good = ints(run, "/index/route_good");
  }
  if (issues.size() > before || data == nullptr) return summarise({});

  const std::size_t n = table.rows.size();
  std::vector<bool> in(n, false), num(n, false);
  std::size_t kept = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const auto& row = table.rows[i];
    in[i] = keeps(m.where, row) && (m.exclude.empty() || !keeps(m.exclude, row));
    if (m.aggregate == TargetAggregate::price_premium && row.at("corridor") == "domestic" && row.at("origin") == "domestic") {
      in[i] = false;  // domestic channels have no import price
    }
    num[i] = in[i] && keeps(m.part, row);
    kept += in[i] ? 1 : 0;
  }
  if (kept == 0) {
    issues.error(m.where.keys.empty() ? m.loc : m.where.loc, m.where.keys.empty() ? m.path : m.where.path,
                 "the filters select no rows of " + m.variable);
    return summarise({});
  }

  const std::size_t periods = data->dims.size() == 3 ? data->dims[1] : 0;
  const std::size_t rows = data->dims.size() == 3 ? data->dims[2] : 0;
  const std::size_t goods = unit_value != nullptr && unit_value->dims.size() == 3 ? unit_value->dims[2] : 0;
  auto at = [&](const Array& a, std::size_t r, std::size_t p, std::size_t i, std::size_t cols) {
    return a.values[(r * periods + p) * cols + i];
  };
  auto row_sum = [&](std::size_t r, std::size_t p, const std::vector<bool>& mask) {
    double s = 0.0;
    std::size_t n_rows = 0;
    for (std::size_t i = 0; i < rows; ++i) {
      if (!mask[i]) continue;
      s += at(*data, r, p, i, rows) - (minus != nullptr ? at(*minus, r, p, i, rows) : 0.0);
      ++n_rows;
    }
    return m.row_mean && n_rows > 0 ? s / static_cast<double>(n_rows) : s;
  };

  std::vector<double> values;
  for (std::size_t r : recorded(run)) {
    double v = kNaN;
    switch (m.aggregate) {
      case TargetAggregate::total:
      case TargetAggregate::per_day:
      case TargetAggregate::per_month:
      case TargetAggregate::per_year: {
        double total = 0.0;
        for (std::size_t p : w.periods) total += row_sum(r, p, in);
        const double per_day = total / w.total_days;
        v = m.aggregate == TargetAggregate::total      ? total
            : m.aggregate == TargetAggregate::per_day  ? per_day
            : m.aggregate == TargetAggregate::per_month ? per_day * 365.0 / 12.0
                                                        : per_day * 365.0;
        break;
      }
      case TargetAggregate::mean: {
        double s = 0.0;
        for (std::size_t k = 0; k < w.periods.size(); ++k) s += w.days[k] * row_sum(r, w.periods[k], in);
        v = s / w.total_days;
        break;
      }
      case TargetAggregate::end: v = row_sum(r, w.periods.back(), in); break;
      case TargetAggregate::change: v = row_sum(r, w.periods.back(), in) - row_sum(r, w.periods.front(), in); break;
      case TargetAggregate::share: {
        double part = 0.0, whole = 0.0;
        for (std::size_t p : w.periods) {
          part += row_sum(r, p, num);
          whole += row_sum(r, p, in);
        }
        v = whole != 0.0 ? part / whole : kNaN;
        break;
      }
      case TargetAggregate::price_premium: {
        double bill = 0.0, base = 0.0;
        for (std::size_t p : w.periods) {
          for (std::size_t i = 0; i < rows; ++i) {
            if (!in[i]) continue;
            const auto g = static_cast<std::size_t>(route_good[i]);
            bill += at(*data, r, p, i, rows);
            base += at(*shipped, r, p, i, rows) * (g < goods ? at(*unit_value, r, p, g, goods) : kNaN);
          }
        }
        v = base > 0.0 ? bill / base - 1.0 : kNaN;
        break;
      }
    }
    values.push_back(v);
  }
  return summarise(std::move(values));
}

}  // namespace

MetricValue evaluate_metric(const TargetMetric& metric, const RunFileReader& run) {
  IssueList issues;
  std::map<std::string, Array> cache;
  MetricValue v = evaluate(metric, run, cache, issues);
  issues.raise_if_any();
  return v;
}

std::size_t CalibrationReport::passed() const {
  return static_cast<std::size_t>(std::count_if(results.begin(), results.end(), [](const TargetResult& r) { return r.pass; }));
}

CalibrationReport check_targets(const TargetFile& targets, const RunFileReader& run) {
  CalibrationReport report;
  report.targets_file = targets.path;
  report.run_file = run.path();
  report.scenario_name = run.string_attribute("scenario_name");
  IssueList issues;
  if (!targets.model.empty() && run.string_attribute("model_name") != targets.model) {
    issues.error(SourceLoc{targets.path, 0, 0}, "model",
                 "the targets are for model '" + targets.model + "', but " + run.path() + " is a run of model '" +
                     run.string_attribute("model_name") + "'");
    issues.raise();
  }
  std::map<std::string, Array> cache;
  for (const auto& t : targets.targets) {
    TargetResult result;
    result.target = &t;
    result.value = evaluate(t.metric, run, cache, issues);
    const double v = result.value.mean;
    result.pass = std::isfinite(v) && (!t.min || v >= *t.min) && (!t.max || v <= *t.max);
    report.replications = std::max(report.replications, result.value.replications);
    report.results.push_back(std::move(result));
  }
  issues.raise_if_any();
  return report;
}

}  // namespace defsim

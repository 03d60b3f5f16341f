#include "sweep/sweep_analysis.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/error.hpp"
#include "io/csv_cell.hpp"

namespace defsim::sweep {

std::vector<MetricSensitivity> analyze_sweep(const SweepSummary& s, const AnalysisOptions& options) {
  const auto& man = s.manifest;
  if (options.method != "sobol" && options.method != "morris") {
    throw UsageError("unknown method '" + options.method + "' (sobol or morris)");
  }
  if (man.method != options.method) {
    throw UsageError(fmt::format("sweep '{}' used a {} design; {} indices need a {} design (design: {{method: {}}})",
                                 man.name, man.method, options.method, options.method, options.method));
  }
  std::vector<std::int64_t> failed;
  for (size_t r = 0; r < s.ok.size(); ++r) {
    if (s.ok[r] == 0) failed.push_back(static_cast<std::int64_t>(r));
  }
  if (!failed.empty()) {
    throw UsageError(fmt::format("{} of {} runs failed (first: run {}); {} indices need every run of the design",
                                 failed.size(), man.runs, failed.front(), options.method));
  }
  std::vector<std::string> metrics = options.metrics.empty() ? s.metric_names : options.metrics;
  for (const auto& m : metrics) {
    if (std::find(s.metric_names.begin(), s.metric_names.end(), m) == s.metric_names.end()) {
      std::string valid;
      for (const auto& n : s.metric_names) valid += (valid.empty() ? "" : ", ") + n;
      throw UsageError("unknown metric '" + m + "'; this sweep has: " + valid);
    }
  }
  const int d = static_cast<int>(man.parameters.size());
  std::vector<MetricSensitivity> out;
  for (const auto& name : metrics) {
    const auto k = static_cast<Eigen::Index>(std::find(s.metric_names.begin(), s.metric_names.end(), name) -
                                             s.metric_names.begin());
    std::vector<double> y(static_cast<size_t>(man.runs));
    for (Eigen::Index r = 0; r < man.runs; ++r) y[static_cast<size_t>(r)] = s.metrics(r, k);
    MetricSensitivity result;
    result.metric = name;
    if (options.method == "sobol") {
      result.sobol = sobol_indices(y, d, options.resamples, options.confidence, options.seed);
    } else {
      result.morris = morris_indices(man.unit_points, y, d, options.resamples, options.confidence, options.seed);
    }
    out.push_back(std::move(result));
  }
  return out;
}

namespace {

std::string interval_text(const Interval& i) { return fmt::format("{:8.4f} [{:8.4f}, {:8.4f}]", i.estimate, i.low, i.high); }

std::string table(const SweepSummary& s, const AnalysisOptions& o, const std::vector<MetricSensitivity>& results) {
  const auto& params = s.manifest.parameters;
  size_t width = 9;
  for (const auto& p : params) width = std::max(width, p.size());
  const int pct = static_cast<int>(o.confidence * 100 + 0.5);
  std::string out;
  for (const auto& r : results) {
    if (o.method == "sobol") {
      out += fmt::format("{}  (Sobol', N = {}, {} runs, variance {:.6g}; {}% bootstrap intervals)\n", r.metric,
                         r.sobol.base_samples, s.manifest.runs, r.sobol.variance, pct);
      out += fmt::format("  {:<{}}  {:>30}  {:>30}\n", "parameter", width, "first order S1", "total ST");
      for (size_t j = 0; j < params.size(); ++j) {
        out += fmt::format("  {:<{}}  {:>30}  {:>30}\n", params[j], width, interval_text(r.sobol.indices[j].first),
                           interval_text(r.sobol.indices[j].total));
      }
      for (const auto& w : r.sobol.warnings) out += "  warning: " + w + "\n";
    } else {
      out += fmt::format("{}  (Morris, {} trajectories; {}% bootstrap intervals for mu*)\n", r.metric,
                         r.morris.trajectories, pct);
      out += fmt::format("  {:<{}}  {:>30}  {:>12}  {:>12}\n", "parameter", width, "mu*", "mu", "sigma");
      for (size_t j = 0; j < params.size(); ++j) {
        const auto& m = r.morris.indices[j];
        out += fmt::format("  {:<{}}  {:>30}  {:12.6g}  {:12.6g}\n", params[j], width, interval_text(m.mu_star_interval),
                           m.mu, m.sigma);
      }
      for (const auto& w : r.morris.warnings) out += "  warning: " + w + "\n";
    }
    out += "\n";
  }
  return out;
}

std::string csv(const SweepSummary& s, const AnalysisOptions& o, const std::vector<MetricSensitivity>& results) {
  std::string out = "metric,parameter,index,estimate,low,high\n";
  const auto& params = s.manifest.parameters;
  auto row = [&](const std::string& metric, const std::string& param, const char* index, const Interval& i) {
    out += fmt::format("{},{},{},{},{},{}\n", csv_cell(metric), csv_cell(param), index, i.estimate, i.low, i.high);
  };
  for (const auto& r : results) {
    for (size_t j = 0; j < params.size(); ++j) {
      if (o.method == "sobol") {
        row(r.metric, params[j], "S1", r.sobol.indices[j].first);
        row(r.metric, params[j], "ST", r.sobol.indices[j].total);
      } else {
        const auto& m = r.morris.indices[j];
        row(r.metric, params[j], "mu_star", m.mu_star_interval);
        row(r.metric, params[j], "mu", {m.mu, m.mu, m.mu});
        row(r.metric, params[j], "sigma", {m.sigma, m.sigma, m.sigma});
      }
    }
  }
  return out;
}

}  // namespace

std::string format_analysis(const SweepSummary& summary, const AnalysisOptions& options,
                            const std::vector<MetricSensitivity>& results, AnalysisFormat format) {
  return format == AnalysisFormat::csv ? csv(summary, options, results) : table(summary, options, results);
}

}  // namespace defsim::sweep

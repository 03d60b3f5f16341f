#include "sweep/sweep_plan.hpp"

#include <fmt/format.h>

#include "sweep/design.hpp"

namespace defsim::sweep {

std::int64_t planned_runs(const SweepSpec& spec) {
  const auto d = static_cast<std::int64_t>(spec.parameters.size());
  switch (spec.method) {
    case DesignMethod::grid: {
      std::int64_t runs = 1;
      for (const auto& p : spec.parameters) {
        runs *= static_cast<std::int64_t>(p.grid.size());
        if (runs > kMaxSweepRuns) return runs;
      }
      return runs;
    }
    case DesignMethod::random:
    case DesignMethod::lhs: return spec.samples;
    case DesignMethod::sobol: return saltelli_rows(spec.samples, static_cast<int>(d));
    case DesignMethod::morris: return spec.samples * (d + 1);
  }
  return 0;
}

SweepPlan make_plan(const SweepSpec& spec) {
  const int d = static_cast<int>(spec.parameters.size());
  SweepPlan plan;
  if (spec.method == DesignMethod::grid) {
    std::vector<int> counts;
    for (const auto& p : spec.parameters) counts.push_back(static_cast<int>(p.grid.size()));
    const auto rows = grid_indices(counts);
    plan.unit_points.resize(static_cast<Eigen::Index>(rows.size()), d);
    plan.values.resize(static_cast<Eigen::Index>(rows.size()), d);
    for (size_t r = 0; r < rows.size(); ++r) {
      for (int j = 0; j < d; ++j) {
        const int level = rows[r][static_cast<size_t>(j)];
        const int k = counts[static_cast<size_t>(j)];
        const auto ri = static_cast<Eigen::Index>(r);
        plan.unit_points(ri, j) = k > 1 ? static_cast<double>(level) / (k - 1) : 0.0;
        plan.values(ri, j) = spec.parameters[static_cast<size_t>(j)].grid[static_cast<size_t>(level)];
      }
    }
    return plan;
  }
  switch (spec.method) {
    case DesignMethod::random: plan.unit_points = random_points(spec.samples, d, spec.design_seed); break;
    case DesignMethod::lhs: plan.unit_points = latin_hypercube(spec.samples, d, spec.design_seed); break;
    case DesignMethod::sobol: plan.unit_points = saltelli_points(spec.samples, d); break;
    case DesignMethod::morris:
      plan.unit_points = morris_points(static_cast<int>(spec.samples), d, spec.morris_levels, spec.design_seed);
      break;
    case DesignMethod::grid: break;
  }
  plan.values.resize(plan.unit_points.rows(), d);
  for (Eigen::Index r = 0; r < plan.unit_points.rows(); ++r) {
    for (int j = 0; j < d; ++j) {
      plan.values(r, j) = spec.parameters[static_cast<size_t>(j)].marginal.quantile(plan.unit_points(r, j));
    }
  }
  return plan;
}

std::string format_value(double value) { return fmt::format("{}", value); }

std::vector<std::string> run_overrides(const SweepSpec& spec, const SweepPlan& plan, std::int64_t run) {
  std::vector<std::string> out;
  out.reserve(spec.parameters.size());
  for (size_t j = 0; j < spec.parameters.size(); ++j) {
    out.push_back(spec.parameters[j].path + "=" +
                  format_value(plan.values(static_cast<Eigen::Index>(run), static_cast<Eigen::Index>(j))));
  }
  return out;
}

}  // namespace defsim::sweep

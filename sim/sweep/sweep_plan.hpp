#pragma once
// The runs of a sweep: one run per design point (all its replications run together, with
// the same seeds at every point: common random numbers). Deterministic from the spec alone,
// so every shard, rank and resumed invocation computes the same plan.
#include <Eigen/Core>

#include <cstdint>
#include <string>
#include <vector>

#include "sweep/sweep_spec.hpp"

namespace defsim::sweep {

struct SweepPlan {
  Eigen::MatrixXd unit_points;  // (runs × parameters) design point in [0,1); grid: level index / (levels − 1)
  Eigen::MatrixXd values;       // (runs × parameters) parameter values
  std::int64_t runs() const { return values.rows(); }
};

// Runs a design would have, without building it (for limits and messages).
std::int64_t planned_runs(const SweepSpec& spec);

SweepPlan make_plan(const SweepSpec& spec);

// The `--set` overrides that make run `run` of the plan.
std::vector<std::string> run_overrides(const SweepSpec& spec, const SweepPlan& plan, std::int64_t run);

// Text of a parameter value as written into an override: the shortest decimal that reads
// back as the same double, so a run can be reproduced from its manifest line.
std::string format_value(double value);

}  // namespace defsim::sweep

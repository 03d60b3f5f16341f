#pragma once
// A sweep file, compiled: the base scenario, the parameters (as `--set` key paths) with
// their levels, ranges or distributions, the design, the metrics to keep and the failure
// policy. Validated like scenarios: every problem is reported as FILE:LINE:COL: key: message,
// and each parameter path is checked by compiling the base scenario with it overridden.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/calendar.hpp"
#include "core/error.hpp"
#include "sweep/marginal.hpp"

namespace defsim::sweep {

enum class DesignMethod { grid, random, lhs, sobol, morris };
enum class FailurePolicy { stop, report, ignore };

std::string to_string(DesignMethod method);
std::string to_string(FailurePolicy policy);

struct SweepParameter {
  std::string path;            // same grammar as --set: imports.chips.routes.uae.capacity_per_day
  Marginal marginal;           // how a unit value in [0,1) maps to a parameter value
  std::vector<double> grid;    // grid designs: the values the grid takes (levels, or range + steps)
  SourceLoc loc;               // where the parameter is written, for errors about its runs
};

struct SweepSpec {
  std::string file;            // the sweep file as given
  std::string name;
  std::string scenario_file;   // resolved against the sweep file's directory
  DesignMethod method = DesignMethod::grid;
  std::int64_t samples = 0;    // random/lhs: points; sobol: base samples N; morris: trajectories
  int morris_levels = 4;
  std::uint64_t design_seed = 1;
  std::optional<int> replications;      // default: the scenario's
  std::optional<std::uint64_t> seed;    // default: the scenario's (common to every point)
  std::vector<SweepParameter> parameters;
  std::vector<std::string> metrics;     // metric families, see sweep/metrics.hpp
  std::optional<Date> window_start, window_end;
  bool time_series = false;             // also write each run's full HDF5 run file
  FailurePolicy on_failure = FailurePolicy::stop;
  std::string fingerprint;              // hash of the sweep and its resolved base scenario
};

// Loads and validates a sweep file. Throws ScenarioError listing every problem.
SweepSpec compile_sweep_file(const std::string& path);

// Upper bound on runs in one sweep: beyond it the manifest alone would be unwieldy.
constexpr std::int64_t kMaxSweepRuns = 10'000'000;

}  // namespace defsim::sweep

#pragma once
// Variance-based (Sobol') and elementary-effect (Morris) sensitivity indices with bootstrap
// percentile intervals, computed from the outputs of a sweep over the designs of
// sweep/design.hpp. Estimators, bootstrap and warning rules: docs/SENSITIVITY.md.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "sweep/design.hpp"

namespace defsim::sweep {

struct Interval {
  double estimate = 0, low = 0, high = 0;
};
struct SobolIndex {
  Interval first, total;
};
struct SobolResult {
  std::vector<SobolIndex> indices;    // one per parameter
  std::int64_t base_samples = 0;      // n
  double variance = 0;                // var of Y over A and B
  std::vector<std::string> warnings;  // e.g. "n=64: the 95% interval of S1 for parameter 2, ..."
};

// An interval of a sensitivity index that contains 0 and is wider than this (in units of
// the output variance) cannot tell an influential parameter from an idle one: the sample is
// too small, and sobol_indices says so in a warning.
inline constexpr double kInconclusiveSobolWidth = 0.1;

// y holds model outputs in saltelli_points(n, d) row order (size n*(d+2)).
// First order: Saltelli et al. (2010) f_B(f_ABi - f_A)/V; total: Jansen (1999)
// ½ mean((f_A - f_ABi)^2)/V, both on outputs centred by the mean of f_A and f_B.
// Bootstrap over base rows j (resampled with replacement, `resamples` times), percentile
// interval at `confidence`. Deterministic given seed (RandomStream, Purpose::bootstrap).
// Parameters are numbered from 1 in warnings.
SobolResult sobol_indices(const std::vector<double>& y, int d, int resamples = 1000, double confidence = 0.95,
                          std::uint64_t seed = 1);

struct MorrisIndex {
  double mu = 0, mu_star = 0, sigma = 0;
  Interval mu_star_interval;
};
struct MorrisResult {
  std::vector<MorrisIndex> indices;
  int trajectories = 0;
  std::vector<std::string> warnings;
};

// points as from morris_points (unit space), y one output per row. EE_i = (y(x+Δe_i) -
// y(x))/Δ with sign from the step direction, Δ read from the points. μ and μ* are means of
// EE_i and |EE_i| over trajectories, σ their sample standard deviation (divisor r - 1).
// The μ* interval is a bootstrap over trajectories. Needs at least 2 trajectories.
MorrisResult morris_indices(const UnitPoints& points, const std::vector<double>& y, int d,
                            int resamples = 1000, double confidence = 0.95, std::uint64_t seed = 1);

// Percentile bootstrap interval: the (1-confidence)/2 and (1+confidence)/2 quantiles of
// `draws` (linear interpolation between order statistics, Hyndman and Fan's type 7) around
// `estimate`. Sorts `draws` in place; needs at least one draw and 0 < confidence < 1.
Interval percentile_interval(std::span<double> draws, double estimate, double confidence);

// Throws std::invalid_argument, naming `caller`, unless resamples >= 1 and 0 < confidence < 1.
void check_bootstrap_arguments(const char* caller, int resamples, double confidence);

}  // namespace defsim::sweep

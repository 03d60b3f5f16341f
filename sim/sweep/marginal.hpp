#pragma once
// Marginal distributions of swept parameters. A design produces points in the unit cube;
// each parameter's Marginal turns its coordinate into a value by the inverse CDF, so a
// stratified or low-discrepancy design in [0,1)^d stays stratified in parameter space.
#include <vector>

namespace defsim::sweep {

struct Marginal {
  enum class Kind { levels, uniform, log_uniform, normal, lognormal, triangular };
  Kind kind = Kind::uniform;
  std::vector<double> levels;  // kind == levels: value = levels[floor(u*k)] (clamped)
  // uniform/log_uniform: [a,b]; normal: mean a, sd b; lognormal: mu a, sigma b (of log);
  // triangular: low a, mode c, high b
  double a = 0, b = 0, c = 0;

  // Inverse CDF at u. Bounded kinds clamp u into [0,1]; normal and lognormal clamp it into
  // [2^-53, 1 - 2^-53] (about ±8.3 standard deviations) so that no design point, not even
  // the origin of a Sobol' sequence, maps to an infinite value. Throws
  // std::invalid_argument for NaN u or parameters that define no distribution.
  double quantile(double u) const;
};

// Quantile of the standard normal distribution for 0 < p < 1: Wichura's algorithm AS 241
// (PPND16), relative error about 1e-16. p = 0 and p = 1 give -inf and +inf.
double standard_normal_quantile(double p);

}  // namespace defsim::sweep

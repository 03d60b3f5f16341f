#pragma once
// Statistics of paired replications: replication r of the baseline and replication r of
// the scenario draw from the same random stream when the runs share a seed (common random
// numbers), so the noise they share cancels in the difference S_r - B_r. Intervals are
// Student-t confidence intervals for the expected effect, not the spread of outcomes.
#include <cstddef>
#include <vector>

namespace defsim {

// Two-sided coverage of every interval defsim reports.
inline constexpr double kIntervalLevel = 0.90;

// A point estimate with its 90% confidence interval. lo and hi are NaN when the interval
// cannot be computed (fewer than two pairs, or an undefined estimate).
struct Estimate {
  double value = 0.0;
  double lo = 0.0;
  double hi = 0.0;
  double sd = 0.0;    // standard deviation across pairs of the quantity the interval is built on
  std::size_t n = 0;  // pairs used
};

// Relative size below which a difference between two runs counts as rounding noise.
inline constexpr double kRoundingTolerance = 1e-12;

// scenario - base, or exactly 0 when that is within kRoundingTolerance of the larger value.
double rounding_safe_difference(double base, double scenario);

// Quantile p of Student's t distribution with `df` > 0 degrees of freedom.
double student_t_quantile(double p, double df);

// Mean of the paired differences scenario[r] - base[r] (rounding_safe_difference) with the t-interval
// mean ± t(0.95, n-1) · sd / sqrt(n). Equal-length inputs; an empty input gives NaN.
Estimate paired_difference(const std::vector<double>& base, const std::vector<double>& scenario);

// Percent change of the means, 100 · (mean(scenario) / mean(base) - 1), with a delta-method
// interval for a ratio of paired means: z_r = (S_r - R·B_r) / mean(B), R = mean(S)/mean(B),
// interval 100 · (R - 1 ± t · sd(z) / sqrt(n)). NaN when mean(base) is 0 unless both means
// are 0 (then 0 with a zero-width interval).
Estimate paired_percent_change(const std::vector<double>& base, const std::vector<double>& scenario);

double mean_of(const std::vector<double>& x);

}  // namespace defsim

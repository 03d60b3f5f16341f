#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "analysis/paired_stats.hpp"
#include "analysis/sensitivity.hpp"
#include "core/rng.hpp"

namespace defsim::sweep {
namespace {

// Sums of the estimators over `n` base rows picked by next_row (every row once for the
// estimate, rows drawn with replacement for a bootstrap replicate). Leaves the numerators
// mean(f_B (f_ABi - f_A)) and ½ mean((f_A - f_ABi)^2) in first and total and returns the
// variance of f_A and f_B together.
template <class NextRow>
double saltelli_sums(const std::vector<double>& centred, int d, std::int64_t n, NextRow&& next_row,
                     std::vector<double>& first, std::vector<double>& total) {
  std::fill(first.begin(), first.end(), 0.0);
  std::fill(total.begin(), total.end(), 0.0);
  double sum = 0.0;
  double sum_sq = 0.0;
  const auto width = static_cast<std::size_t>(d + 2);
  for (std::int64_t k = 0; k < n; ++k) {
    const double* row = &centred[static_cast<std::size_t>(next_row(k)) * width];
    const double fa = row[0];
    const double fb = row[d + 1];
    sum += fa + fb;
    sum_sq += fa * fa + fb * fb;
    for (int i = 0; i < d; ++i) {
      const double fab = row[1 + i];
      first[i] += fb * (fab - fa);
      const double change = fa - fab;
      total[i] += change * change;
    }
  }
  const double nd = static_cast<double>(n);
  for (int i = 0; i < d; ++i) {
    first[i] /= nd;
    total[i] /= 2.0 * nd;
  }
  const double mean = sum / (2.0 * nd);
  return std::max(0.0, sum_sq / (2.0 * nd) - mean * mean);
}

}  // namespace

SobolResult sobol_indices(const std::vector<double>& y, int d, int resamples, double confidence,
                          std::uint64_t seed) {
  if (d < 1) throw std::invalid_argument("sobol_indices: d = " + std::to_string(d) + "; need d >= 1");
  check_bootstrap_arguments("sobol_indices", resamples, confidence);
  const auto width = static_cast<std::size_t>(d) + 2;
  if (y.size() % width != 0) {
    throw std::invalid_argument(
        fmt::format("sobol_indices: y has {} values, not a multiple of d + 2 = {} (saltelli_points(n, {}) "
                    "has n * {} rows)",
                    y.size(), width, d, width));
  }
  const auto n = static_cast<std::int64_t>(y.size() / width);
  if (n < 2) {
    throw std::invalid_argument(fmt::format(
        "sobol_indices: y has {} values, {} base sample(s) for d = {}; need n >= 2", y.size(), n, d));
  }
  for (std::size_t k = 0; k < y.size(); ++k) {
    if (!std::isfinite(y[k]))
      throw std::invalid_argument(fmt::format("sobol_indices: y[{}] is not finite", k));
  }

  // Centring makes the first-order estimator invariant to a constant added to the output;
  // without it the term c * mean(f_ABi - f_A) adds noise that grows with |c|.
  double mean = 0.0;
  double scale = 0.0;
  for (std::int64_t j = 0; j < n; ++j) {
    const double fa = y[static_cast<std::size_t>(j) * width];
    const double fb = y[static_cast<std::size_t>(j) * width + width - 1];
    mean += fa + fb;
    scale = std::max({scale, std::fabs(fa), std::fabs(fb)});
  }
  mean /= 2.0 * static_cast<double>(n);
  std::vector<double> centred(y.size());
  for (std::size_t k = 0; k < y.size(); ++k) centred[k] = y[k] - mean;
  // A variance no larger than the rounding noise of the outputs is no variance.
  const double noise = kRoundingTolerance * scale;
  const double variance_floor = noise * noise;

  SobolResult result;
  result.base_samples = n;
  result.indices.resize(static_cast<std::size_t>(d));
  std::vector<double> first(static_cast<std::size_t>(d));
  std::vector<double> total(static_cast<std::size_t>(d));
  const double variance = saltelli_sums(
      centred, d, n, [](std::int64_t k) { return k; }, first, total);
  result.variance = variance;
  if (variance <= variance_floor) {
    result.warnings.push_back(
        fmt::format("n={}: the output does not vary over the A and B samples; every index is 0", n));
    return result;
  }
  for (int i = 0; i < d; ++i) {
    result.indices[i].first.estimate = first[i] / variance;
    result.indices[i].total.estimate = total[i] / variance;
  }

  const auto draws = static_cast<std::size_t>(resamples);
  std::vector<double> boot_first(draws * static_cast<std::size_t>(d));
  std::vector<double> boot_total(draws * static_cast<std::size_t>(d));
  for (std::size_t b = 0; b < draws; ++b) {
    // One stream per replicate: replicate b is the same whatever `resamples` is.
    RandomStream rng(RngKey{seed, 0}, b, 0, Purpose::bootstrap);
    const double v = saltelli_sums(
        centred, d, n, [&](std::int64_t) { return rng.uniform_int(0, static_cast<long>(n - 1)); }, first,
        total);
    for (int i = 0; i < d; ++i) {
      const std::size_t at = static_cast<std::size_t>(i) * draws + b;
      boot_first[at] = v > variance_floor ? first[i] / v : 0.0;
      boot_total[at] = v > variance_floor ? total[i] / v : 0.0;
    }
  }
  const auto inconclusive = [&](const Interval& interval, const char* name, int parameter) {
    if (interval.low <= 0.0 && interval.high >= 0.0 &&
        interval.high - interval.low > kInconclusiveSobolWidth) {
      result.warnings.push_back(fmt::format(
          "n={}: the {:g}% interval of {} for parameter {}, [{:.3g}, {:.3g}], includes 0 and is wider than "
          "{:g}; "
          "increase samples",
          n, 100.0 * confidence, name, parameter, interval.low, interval.high, kInconclusiveSobolWidth));
    }
  };
  for (int i = 0; i < d; ++i) {
    SobolIndex& index = result.indices[i];
    const std::size_t at = static_cast<std::size_t>(i) * draws;
    index.first = percentile_interval({&boot_first[at], draws}, index.first.estimate, confidence);
    index.total = percentile_interval({&boot_total[at], draws}, index.total.estimate, confidence);
    inconclusive(index.first, "S1", i + 1);
    inconclusive(index.total, "ST", i + 1);
  }
  return result;
}

}  // namespace defsim::sweep

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>
#include <string>

#include "analysis/sensitivity.hpp"
#include "core/rng.hpp"

namespace defsim::sweep {
namespace {

// RandomStream's day slot keeps Morris's bootstrap streams apart from Sobol's.
constexpr Day kMorrisBootstrapStreams = 1;

// Elementary effects, trajectory-major (ee[t * d + i]), after checking that each trajectory
// moves every parameter exactly once, one parameter per step.
std::vector<double> elementary_effects(const UnitPoints& points, const std::vector<double>& y, int d,
                                       std::int64_t trajectories) {
  std::vector<double> ee(static_cast<std::size_t>(trajectories * d));
  std::vector<char> moved(static_cast<std::size_t>(d));
  for (std::int64_t t = 0; t < trajectories; ++t) {
    std::fill(moved.begin(), moved.end(), 0);
    const std::int64_t top = t * (d + 1);
    for (std::int64_t r = top; r < top + d; ++r) {
      int changed = -1;
      int changes = 0;
      for (int i = 0; i < d; ++i) {
        if (points(r + 1, i) != points(r, i)) {
          changed = i;
          ++changes;
        }
      }
      if (changes != 1) {
        throw std::invalid_argument(fmt::format(
            "morris_indices: rows {} and {} differ in {} columns; a Morris step changes exactly one", r,
            r + 1, changes));
      }
      if (moved[changed]) {
        throw std::invalid_argument(
            fmt::format("morris_indices: trajectory {} moves parameter {} twice; each trajectory moves each "
                        "parameter once",
                        t + 1, changed + 1));
      }
      moved[changed] = 1;
      const double step = points(r + 1, changed) - points(r, changed);
      ee[static_cast<std::size_t>(t * d + changed)] =
          (y[static_cast<std::size_t>(r + 1)] - y[static_cast<std::size_t>(r)]) / step;
    }
  }
  return ee;
}

}  // namespace

MorrisResult morris_indices(const UnitPoints& points, const std::vector<double>& y, int d, int resamples,
                            double confidence, std::uint64_t seed) {
  if (d < 1) throw std::invalid_argument("morris_indices: d = " + std::to_string(d) + "; need d >= 1");
  check_bootstrap_arguments("morris_indices", resamples, confidence);
  if (points.cols() != d) {
    throw std::invalid_argument(
        fmt::format("morris_indices: points have {} columns but d = {}", points.cols(), d));
  }
  if (static_cast<std::int64_t>(y.size()) != points.rows()) {
    throw std::invalid_argument(
        fmt::format("morris_indices: y has {} values but points have {} rows", y.size(), points.rows()));
  }
  if (points.rows() % (d + 1) != 0) {
    throw std::invalid_argument(
        fmt::format("morris_indices: {} rows is not a whole number of trajectories of d + 1 = {} rows",
                    points.rows(), d + 1));
  }
  const std::int64_t trajectories = points.rows() / (d + 1);
  if (trajectories < 2) {
    throw std::invalid_argument(fmt::format(
        "morris_indices: {} trajectory; need at least 2 for sigma and an interval", trajectories));
  }
  for (std::size_t k = 0; k < y.size(); ++k) {
    if (!std::isfinite(y[k]))
      throw std::invalid_argument(fmt::format("morris_indices: y[{}] is not finite", k));
  }
  const std::vector<double> ee = elementary_effects(points, y, d, trajectories);

  MorrisResult result;
  result.trajectories = static_cast<int>(trajectories);
  result.indices.resize(static_cast<std::size_t>(d));
  const double r = static_cast<double>(trajectories);
  for (int i = 0; i < d; ++i) {
    double sum = 0.0;
    double sum_abs = 0.0;
    for (std::int64_t t = 0; t < trajectories; ++t) {
      const double e = ee[static_cast<std::size_t>(t * d + i)];
      sum += e;
      sum_abs += std::fabs(e);
    }
    MorrisIndex& index = result.indices[i];
    index.mu = sum / r;
    index.mu_star = sum_abs / r;
    double squares = 0.0;
    for (std::int64_t t = 0; t < trajectories; ++t) {
      const double e = ee[static_cast<std::size_t>(t * d + i)] - index.mu;
      squares += e * e;
    }
    index.sigma = std::sqrt(squares / (r - 1.0));
  }

  const auto draws = static_cast<std::size_t>(resamples);
  std::vector<double> boot(draws * static_cast<std::size_t>(d));
  std::vector<double> sum_abs(static_cast<std::size_t>(d));
  for (std::size_t b = 0; b < draws; ++b) {
    RandomStream rng(RngKey{seed, 0}, b, kMorrisBootstrapStreams, Purpose::bootstrap);
    std::fill(sum_abs.begin(), sum_abs.end(), 0.0);
    for (std::int64_t k = 0; k < trajectories; ++k) {
      const auto t = static_cast<std::size_t>(rng.uniform_int(0, static_cast<long>(trajectories - 1)));
      const double* row = &ee[t * static_cast<std::size_t>(d)];
      for (int i = 0; i < d; ++i) sum_abs[i] += std::fabs(row[i]);
    }
    for (int i = 0; i < d; ++i) boot[static_cast<std::size_t>(i) * draws + b] = sum_abs[i] / r;
  }
  for (int i = 0; i < d; ++i) {
    MorrisIndex& index = result.indices[i];
    index.mu_star_interval =
        percentile_interval({&boot[static_cast<std::size_t>(i) * draws], draws}, index.mu_star, confidence);
    // mu* is a mean of absolute values, so its interval reaches 0 only when most
    // trajectories saw no effect at all: too few trajectories to call the parameter active.
    if (index.mu_star > 0.0 && index.mu_star_interval.low <= 0.0) {
      result.warnings.push_back(fmt::format(
          "r={}: the {:g}% interval of mu* for parameter {}, [{:.3g}, {:.3g}], includes 0; increase "
          "trajectories",
          trajectories, 100.0 * confidence, i + 1, index.mu_star_interval.low, index.mu_star_interval.high));
    }
  }
  return result;
}

}  // namespace defsim::sweep

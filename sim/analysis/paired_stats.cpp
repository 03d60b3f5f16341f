#include "analysis/paired_stats.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace defsim {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Continued fraction of the regularized incomplete beta function (modified Lentz), which
// converges fast for x < (a + 1) / (a + b + 2); the caller uses the symmetry otherwise.
double beta_continued_fraction(double a, double b, double x) {
  constexpr double kTiny = 1e-300;
  constexpr double kEps = 1e-16;
  double c = 1.0;
  double d = 1.0 - (a + b) * x / (a + 1.0);
  if (std::fabs(d) < kTiny) d = kTiny;
  d = 1.0 / d;
  double h = d;
  for (int m = 1; m <= 10000; ++m) {
    const double dm = static_cast<double>(m);
    const double m2 = 2.0 * dm;
    double aa = dm * (b - dm) * x / ((a + m2 - 1.0) * (a + m2));
    d = 1.0 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1.0 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    h *= d * c;
    aa = -(a + dm) * (a + b + dm) * x / ((a + m2) * (a + m2 + 1.0));
    d = 1.0 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1.0 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    const double delta = d * c;
    h *= delta;
    if (std::fabs(delta - 1.0) < kEps) break;
  }
  return h;
}

double regularized_incomplete_beta(double a, double b, double x) {
  if (x <= 0.0) return 0.0;
  if (x >= 1.0) return 1.0;
  const double log_front =
      std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x);
  const double front = std::exp(log_front);
  if (x < (a + 1.0) / (a + b + 2.0)) return front * beta_continued_fraction(a, b, x) / a;
  return 1.0 - front * beta_continued_fraction(b, a, 1.0 - x) / b;
}

double student_t_cdf(double t, double df) {
  const double tail = 0.5 * regularized_incomplete_beta(0.5 * df, 0.5, df / (df + t * t));
  return t >= 0.0 ? 1.0 - tail : tail;
}

double sample_sd(const std::vector<double>& x, double mean) {
  if (x.size() < 2) return 0.0;
  double ss = 0.0;
  for (double v : x) ss += (v - mean) * (v - mean);
  return std::sqrt(ss / static_cast<double>(x.size() - 1));
}

// mean ± t · sd / sqrt(n) around `centre`; NaN bounds below two pairs, where a sample
// standard deviation does not exist.
Estimate with_interval(double centre, double sd, std::size_t n) {
  Estimate e;
  e.value = centre;
  e.sd = sd;
  e.n = n;
  if (n < 2 || !std::isfinite(centre)) {
    e.lo = kNaN;
    e.hi = kNaN;
    return e;
  }
  const double half = sd == 0.0 ? 0.0
                                : student_t_quantile(0.5 + 0.5 * kIntervalLevel, static_cast<double>(n - 1)) *
                                      sd / std::sqrt(static_cast<double>(n));
  e.lo = centre - half;
  e.hi = centre + half;
  return e;
}

}  // namespace

double rounding_safe_difference(double base, double scenario) {
  const double d = scenario - base;
  // Runs that agree up to the order of floating-point sums differ by ~1e-16 of the values;
  // such differences are noise, and printing them as changes would mislead.
  return std::fabs(d) <= kRoundingTolerance * std::max(std::fabs(base), std::fabs(scenario)) ? 0.0 : d;
}

double mean_of(const std::vector<double>& x) {
  if (x.empty()) return kNaN;
  double s = 0.0;
  for (double v : x) s += v;
  return s / static_cast<double>(x.size());
}

double student_t_quantile(double p, double df) {
  if (!(p > 0.0 && p < 1.0) || !(df > 0.0))
    throw std::invalid_argument("student_t_quantile: p in (0,1), df > 0");
  if (p == 0.5) return 0.0;
  if (p < 0.5) return -student_t_quantile(1.0 - p, df);
  // The CDF is monotone: bisection to full double precision is cheap for the few calls made.
  double lo = 0.0;
  double hi = 1.0;
  while (student_t_cdf(hi, df) < p) hi *= 2.0;
  for (int i = 0; i < 200 && hi - lo > 1e-15 * hi; ++i) {
    const double mid = 0.5 * (lo + hi);
    (student_t_cdf(mid, df) < p ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

Estimate paired_difference(const std::vector<double>& base, const std::vector<double>& scenario) {
  if (base.size() != scenario.size()) throw std::invalid_argument("paired_difference: unequal lengths");
  std::vector<double> d(base.size());
  for (std::size_t r = 0; r < d.size(); ++r) d[r] = rounding_safe_difference(base[r], scenario[r]);
  const double m = mean_of(d);
  return with_interval(m, sample_sd(d, m), d.size());
}

Estimate paired_percent_change(const std::vector<double>& base, const std::vector<double>& scenario) {
  if (base.size() != scenario.size()) throw std::invalid_argument("paired_percent_change: unequal lengths");
  const std::size_t n = base.size();
  const double mb = mean_of(base);
  const double ms = mean_of(scenario);
  if (n == 0) return with_interval(kNaN, 0.0, 0);
  if (mb == 0.0) return with_interval(ms == 0.0 ? 0.0 : kNaN, 0.0, n);
  const double ratio = rounding_safe_difference(mb, ms) == 0.0 ? 1.0 : ms / mb;
  std::vector<double> z(n);
  for (std::size_t r = 0; r < n; ++r) z[r] = rounding_safe_difference(ratio * base[r], scenario[r]) / mb;
  // z sums to zero by construction; its spread is the linearised spread of the ratio.
  const Estimate e = with_interval(ratio - 1.0, sample_sd(z, mean_of(z)), n);
  Estimate pct = e;
  pct.value = 100.0 * e.value;
  pct.lo = 100.0 * e.lo;
  pct.hi = 100.0 * e.hi;
  pct.sd = 100.0 * e.sd;
  return pct;
}

}  // namespace defsim

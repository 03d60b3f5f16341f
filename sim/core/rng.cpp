#include "core/rng.hpp"

#include <algorithm>

namespace defsim {

double RandomStream::binomial(double n_trials, double p) {
  if (n_trials <= 0.0 || p <= 0.0) return 0.0;
  if (p >= 1.0) return n_trials;
  const bool flip = p > 0.5;
  const double q = flip ? 1.0 - p : p;
  const double mean = n_trials * q;
  double k = 0.0;
  if (mean < 30.0) {
    // Inversion: walk the CDF from 0 using the pmf recurrence.
    const double u = uniform();
    double pmf = std::pow(1.0 - q, n_trials);
    double cdf = pmf;
    const double ratio = q / (1.0 - q);
    while (u > cdf && k < n_trials) {
      pmf *= ratio * (n_trials - k) / (k + 1.0);
      k += 1.0;
      cdf += pmf;
      if (pmf <= 0.0) break;
    }
  } else {
    const double sd = std::sqrt(mean * (1.0 - q));
    k = std::floor(mean + sd * standard_normal() + 0.5);
    k = std::clamp(k, 0.0, n_trials);
  }
  return flip ? n_trials - k : k;
}

double thin_quantity(RandomStream& rng, double quantity, double p) {
  if (quantity <= 0.0 || p <= 0.0) return 0.0;
  if (p >= 1.0) return quantity;
  const double whole = std::floor(quantity);
  const double frac = quantity - whole;
  double hit = rng.binomial(whole, p);
  if (frac > 0.0 && rng.uniform() < p) hit += frac;
  return hit;
}

}  // namespace defsim

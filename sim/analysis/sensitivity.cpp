#include "analysis/sensitivity.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include <fmt/format.h>

namespace defsim::sweep {

Interval percentile_interval(std::span<double> draws, double estimate, double confidence) {
  if (draws.empty()) throw std::invalid_argument("percentile_interval: no bootstrap draws");
  if (!(confidence > 0.0 && confidence < 1.0)) {
    throw std::invalid_argument("percentile_interval: confidence must be between 0 and 1");
  }
  std::sort(draws.begin(), draws.end());
  const auto quantile = [&](double p) {
    const double h = p * static_cast<double>(draws.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(h));
    if (lo + 1 >= draws.size()) return draws.back();
    return draws[lo] + (h - static_cast<double>(lo)) * (draws[lo + 1] - draws[lo]);
  };
  const double tail = 0.5 * (1.0 - confidence);
  return Interval{estimate, quantile(tail), quantile(1.0 - tail)};
}

void check_bootstrap_arguments(const char* caller, int resamples, double confidence) {
  if (resamples < 1) {
    throw std::invalid_argument(fmt::format("{}: resamples = {}; need at least 1", caller, resamples));
  }
  if (!(confidence > 0.0 && confidence < 1.0)) {
    throw std::invalid_argument(
        fmt::format("{}: confidence = {:g}; need 0 < confidence < 1", caller, confidence));
  }
}

}  // namespace defsim::sweep

#include "analysis/path_metrics.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

#include "analysis/paired_stats.hpp"

namespace defsim {

PathMetrics path_metrics(const std::vector<double>& base_rate, const std::vector<double>& scenario_rate,
                         const PeriodTable& periods) {
  const std::size_t n = periods.size();
  if (base_rate.size() != n || scenario_rate.size() != n)
    throw std::invalid_argument("path_metrics: lengths");
  PathMetrics m;
  long first_below_recovered = -1;
  long last_below_recovered = -1;
  for (std::size_t p = 0; p < n; ++p) {
    const double b = base_rate[p];
    const double s = scenario_rate[p];
    const auto pl = static_cast<long>(p);
    const double shortfall = rounding_safe_difference(s, b) * kDaysPerMonth;
    if (shortfall > m.peak_shortfall) {
      m.peak_shortfall = shortfall;
      m.peak_period = pl;
      m.peak_shortfall_pct = b > 0.0 ? 100.0 * (b - s) / b : std::numeric_limits<double>::quiet_NaN();
    }
    // A baseline that delivers nothing cannot be fallen short of in proportion.
    if (!(b > 0.0)) continue;
    if (s < kGapThreshold * b && m.gap_period < 0) m.gap_period = pl;
    if (s < kBelowThreshold * b) {
      ++m.periods_below_90;
      m.days_below_90 += periods.days[p];
    }
    if (s < kRecoveredThreshold * b) {
      if (first_below_recovered < 0) first_below_recovered = pl;
      last_below_recovered = pl;
    }
  }
  if (first_below_recovered < 0) return m;
  const auto next = static_cast<std::size_t>(last_below_recovered) + 1;
  if (next >= n) {
    m.recovery = Recovery::not_recovered;
    m.days_to_recover = std::numeric_limits<double>::quiet_NaN();
    return m;
  }
  m.recovery = Recovery::recovered;
  m.recovery_period = static_cast<long>(next);
  m.days_to_recover = static_cast<double>(periods.first_day[next] -
                                          periods.first_day[static_cast<std::size_t>(m.gap_period)]);
  return m;
}

}  // namespace defsim

#pragma once
// When and how deeply a scenario's path falls below the baseline's, and whether it comes
// back: metrics on the per-period paths (mean over replications), in daily rates so that
// partial first and last periods compare fairly with full ones.
#include <cstddef>
#include <vector>

#include "analysis/run_pair.hpp"

namespace defsim {

inline constexpr double kDaysPerMonth = 365.0 / 12.0;  // an average month, for per-month rates
inline constexpr double kGapThreshold = 0.99;          // the gap opens below 99% of the baseline
inline constexpr double kBelowThreshold = 0.90;        // "months below 90% of baseline"
inline constexpr double kRecoveredThreshold = 0.95;    // recovered: at or above 95% to the end

enum class Recovery {
  never_below,    // never fell below 95% of the baseline
  recovered,      // fell below 95% and stays at or above it from recovery_period to the end
  not_recovered,  // still below 95% in some period after the last one at or above it
};

// Machine-readable name of a recovery state, as written by the CSV and JSON formats.
inline const char* recovery_word(Recovery r) {
  switch (r) {
    case Recovery::never_below: return "never_below";
    case Recovery::recovered: return "recovered";
    case Recovery::not_recovered: return "not_recovered";
  }
  return "";
}

struct PathMetrics {
  // Largest shortfall base - scenario over the periods, in units per average month; 0 and
  // period -1 when the scenario never falls below the baseline.
  double peak_shortfall = 0.0;
  double peak_shortfall_pct = 0.0;  // of the baseline's rate in that period
  long peak_period = -1;
  std::size_t periods_below_90 = 0;  // periods with scenario < 90% of a positive baseline
  double days_below_90 = 0.0;
  long gap_period = -1;  // first period with scenario < 99% of the baseline; -1: none
  Recovery recovery = Recovery::never_below;
  long recovery_period = -1;
  double days_to_recover = 0.0;  // from the first day of gap_period to that of recovery_period
};

// `base_rate` and `scenario_rate`: mean daily rates per period (periods.size() each).
PathMetrics path_metrics(const std::vector<double>& base_rate, const std::vector<double>& scenario_rate,
                         const PeriodTable& periods);

}  // namespace defsim

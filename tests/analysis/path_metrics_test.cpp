#include "analysis/path_metrics.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace defsim {
namespace {

// n periods of 30 days each, starting 2025-01-01, 2025-01-31, ...
PeriodTable thirty_day_periods(std::size_t n) {
  PeriodTable p;
  for (std::size_t k = 0; k < n; ++k) {
    p.first_day.push_back(static_cast<long>(30 * k));
    p.last_day.push_back(static_cast<long>(30 * k + 29));
    p.days.push_back(30.0);
    p.start_date.push_back("P" + std::to_string(k));
  }
  return p;
}

TEST(PathMetrics, GapDepthBelowNinetyAndRecovery) {
  const auto periods = thirty_day_periods(6);
  const std::vector<double> base(6, 10.0);
  // 99.5% (no gap yet), 80% (gap opens, below 90%), 96% (back at 95%), then at the baseline.
  const std::vector<double> scen = {10.0, 9.95, 8.0, 9.6, 10.0, 10.0};
  const PathMetrics m = path_metrics(base, scen, periods);
  EXPECT_EQ(m.gap_period, 2);
  EXPECT_EQ(m.periods_below_90, 1u);
  EXPECT_EQ(m.days_below_90, 30.0);
  EXPECT_EQ(m.peak_period, 2);
  EXPECT_NEAR(m.peak_shortfall, 2.0 * 365.0 / 12.0, 1e-9);
  EXPECT_NEAR(m.peak_shortfall_pct, 20.0, 1e-9);
  EXPECT_EQ(m.recovery, Recovery::recovered);
  EXPECT_EQ(m.recovery_period, 3);
  EXPECT_EQ(m.days_to_recover, 30.0);
}

TEST(PathMetrics, RecoveryMeansStayingAtNinetyFivePercentToTheEnd) {
  const auto periods = thirty_day_periods(6);
  const std::vector<double> base(6, 10.0);
  const std::vector<double> dips_again = {10.0, 8.0, 9.8, 9.0, 9.7, 9.8};
  const PathMetrics m = path_metrics(base, dips_again, periods);
  EXPECT_EQ(m.gap_period, 1);
  EXPECT_EQ(m.recovery, Recovery::recovered);
  EXPECT_EQ(m.recovery_period, 4);  // after the second dip, not the first recovery
  EXPECT_EQ(m.days_to_recover, 90.0);

  const std::vector<double> still_low = {10.0, 8.0, 9.8, 9.0, 9.7, 9.4};
  const PathMetrics n = path_metrics(base, still_low, periods);
  EXPECT_EQ(n.recovery, Recovery::not_recovered);
  EXPECT_EQ(n.recovery_period, -1);
  EXPECT_TRUE(std::isnan(n.days_to_recover));
}

TEST(PathMetrics, NoShortfallWhenTheScenarioKeepsUp) {
  const auto periods = thirty_day_periods(4);
  const std::vector<double> base = {10.0, 10.0, 10.0, 10.0};
  const PathMetrics same = path_metrics(base, base, periods);
  EXPECT_EQ(same.peak_period, -1);
  EXPECT_EQ(same.peak_shortfall, 0.0);
  EXPECT_EQ(same.gap_period, -1);
  EXPECT_EQ(same.periods_below_90, 0u);
  EXPECT_EQ(same.recovery, Recovery::never_below);
  const PathMetrics more = path_metrics(base, {11.0, 12.0, 12.0, 12.0}, periods);
  EXPECT_EQ(more.peak_period, -1);
  EXPECT_EQ(more.recovery, Recovery::never_below);
  // A small dip opens the gap without ever falling below 95%.
  const PathMetrics shallow = path_metrics(base, {10.0, 9.8, 10.0, 10.0}, periods);
  EXPECT_EQ(shallow.gap_period, 1);
  EXPECT_EQ(shallow.recovery, Recovery::never_below);
}

TEST(PathMetrics, PeriodsWithoutBaselineDeliveriesAreNotShortfalls) {
  const auto periods = thirty_day_periods(3);
  const PathMetrics m = path_metrics({0.0, 10.0, 10.0}, {0.0, 10.0, 10.0}, periods);
  EXPECT_EQ(m.gap_period, -1);
  EXPECT_EQ(m.periods_below_90, 0u);
}

TEST(PathMetrics, RatesMakePartialPeriodsComparable) {
  PeriodTable p = thirty_day_periods(2);
  p.days = {10.0, 30.0};  // the caller passes daily rates; the metric works on those alone
  const PathMetrics m = path_metrics({5.0, 5.0}, {5.0, 4.0}, p);
  EXPECT_EQ(m.peak_period, 1);
  EXPECT_NEAR(m.peak_shortfall, 365.0 / 12.0, 1e-9);
}

}  // namespace
}  // namespace defsim

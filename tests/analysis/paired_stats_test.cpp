#include "analysis/paired_stats.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace defsim {
namespace {

TEST(StudentT, QuantilesMatchTables) {
  // Two-sided 90% critical values t(0.95, df), from any statistics table.
  EXPECT_NEAR(student_t_quantile(0.95, 1), 6.313751514675, 1e-9);
  EXPECT_NEAR(student_t_quantile(0.95, 2), 2.919985580354, 1e-9);
  EXPECT_NEAR(student_t_quantile(0.95, 4), 2.131846786327, 1e-9);
  EXPECT_NEAR(student_t_quantile(0.95, 9), 1.833112932653, 1e-9);
  EXPECT_NEAR(student_t_quantile(0.95, 29), 1.699127026538, 1e-9);
  EXPECT_NEAR(student_t_quantile(0.975, 10), 2.228138851986, 1e-9);
  EXPECT_NEAR(student_t_quantile(0.95, 1e7), 1.644853626951, 1e-6);  // the normal limit
  EXPECT_NEAR(student_t_quantile(0.05, 4), -2.131846786327, 1e-9);
  EXPECT_EQ(student_t_quantile(0.5, 3), 0.0);
}

TEST(PairedDifference, IsTheTIntervalOfTheDifferences) {
  const Estimate e = paired_difference({1.0, 2.0, 3.0}, {2.0, 4.0, 6.0});  // d = 1, 2, 3
  EXPECT_DOUBLE_EQ(e.value, 2.0);
  EXPECT_DOUBLE_EQ(e.sd, 1.0);
  EXPECT_EQ(e.n, 3u);
  const double half = 2.919985580354 / std::sqrt(3.0);
  EXPECT_NEAR(e.lo, 2.0 - half, 1e-9);
  EXPECT_NEAR(e.hi, 2.0 + half, 1e-9);
}

TEST(PairedDifference, EqualDifferencesGiveAZeroWidthInterval) {
  const Estimate same = paired_difference({5.0, 7.0, 9.0}, {5.0, 7.0, 9.0});
  EXPECT_EQ(same.value, 0.0);
  EXPECT_EQ(same.lo, 0.0);
  EXPECT_EQ(same.hi, 0.0);
  const Estimate shifted = paired_difference({5.0, 7.0, 9.0}, {6.0, 8.0, 10.0});
  EXPECT_EQ(shifted.lo, shifted.value);
  EXPECT_EQ(shifted.hi, shifted.value);
}

TEST(PairedDifference, OnePairHasNoInterval) {
  const Estimate e = paired_difference({5.0}, {8.0});
  EXPECT_EQ(e.value, 3.0);
  EXPECT_EQ(e.n, 1u);
  EXPECT_TRUE(std::isnan(e.lo));
  EXPECT_TRUE(std::isnan(e.hi));
}

TEST(PairedDifference, RoundingNoiseCountsAsNoChange) {
  EXPECT_EQ(rounding_safe_difference(1e6, 1e6 + 1e-8), 0.0);
  EXPECT_EQ(rounding_safe_difference(1e6, 1e6 + 1e-3), 1e6 + 1e-3 - 1e6);
  const Estimate e = paired_difference({1e6, 2e6}, {1e6 * (1 + 1e-15), 2e6});
  EXPECT_EQ(e.value, 0.0);
  EXPECT_EQ(e.hi, 0.0);
}

TEST(PairedPercentChange, IsTheDeltaMethodForARatioOfMeans) {
  const std::vector<double> b = {10.0, 20.0};
  const std::vector<double> s = {12.0, 22.0};
  const Estimate e = paired_percent_change(b, s);
  const double ratio = 17.0 / 15.0;
  EXPECT_NEAR(e.value, 100.0 * (ratio - 1.0), 1e-12);
  const double z0 = (12.0 - ratio * 10.0) / 15.0;
  const double z1 = (22.0 - ratio * 20.0) / 15.0;
  const double sd = std::fabs(z0 - z1) / std::sqrt(2.0);  // sample sd of two values
  const double half = 100.0 * 6.313751514675 * sd / std::sqrt(2.0);
  EXPECT_NEAR(e.lo, e.value - half, 1e-8);
  EXPECT_NEAR(e.hi, e.value + half, 1e-8);
}

TEST(PairedPercentChange, HandlesZeroBaselines) {
  const Estimate same = paired_percent_change({4.0, 6.0}, {4.0, 6.0});
  EXPECT_EQ(same.value, 0.0);
  EXPECT_EQ(same.lo, 0.0);
  EXPECT_EQ(same.hi, 0.0);
  EXPECT_EQ(paired_percent_change({0.0, 0.0}, {0.0, 0.0}).value, 0.0);
  EXPECT_TRUE(std::isnan(paired_percent_change({0.0, 0.0}, {1.0, 0.0}).value));
  EXPECT_TRUE(std::isnan(paired_percent_change({0.0, 0.0}, {1.0, 0.0}).lo));
}

}  // namespace
}  // namespace defsim

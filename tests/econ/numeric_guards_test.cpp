#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "support/fixtures.hpp"

namespace defsim {
namespace {

using testing::compile_text;
using testing::tiny_scenario;

TEST(NumericGuards, ANaNStopsACheckedRunNamingTheDayEntityAndValue) {
  const Model m = compile_text(tiny_scenario());
  State s = make_initial_state(m, 0);
  s.check_identities = true;
  step_day(m, s, Exec{});
  s.plants.trainees[testing::plant_row(m, "steel_mill")] = std::numeric_limits<double>::quiet_NaN();
  try {
    step_day(m, s, Exec{});
    FAIL() << "expected AccountingError";
  } catch (const AccountingError& e) {
    // The NaN has reached the experienced workers (trainees graduate) by the end of the day;
    // the guard stops there, before it spreads further.
    EXPECT_EQ(std::string(e.what()), "numeric anomaly on day 1 (2024-01-02): plants.experienced[steel_mill] = nan");
  }
}

TEST(NumericGuards, AnUncheckedRunCountsAndRepairsInsteadOfPropagating) {
  const Model m = compile_text(tiny_scenario());
  State s = make_initial_state(m, 0);
  step_day(m, s, Exec{});
  const Index mill = testing::plant_row(m, "steel_mill");
  s.plants.backlog[mill] = -50.0;
  s.regions.available[0] = std::numeric_limits<double>::infinity();
  step_day(m, s, Exec{});
  EXPECT_EQ(s.diagnostics.get(Anomaly::negative_stock_clipped), 1u);
  EXPECT_EQ(s.diagnostics.get(Anomaly::non_finite_value), 1u);
  for (Day d = 2; d < 60; ++d) step_day(m, s, Exec{});
  EXPECT_TRUE(std::isfinite(s.regions.available[0]));
  for (double v : s.plants.output) EXPECT_TRUE(std::isfinite(v));
}

// Every non-finite value is repaired whatever its sign bit: arithmetic NaNs on x86 (0/0,
// inf − inf) carry the sign bit, and a bit-wise fast path once let them through.
TEST(NumericGuards, NegativeNaNAndNegativeInfinityAreRepairedToo) {
  volatile double inf = std::numeric_limits<double>::infinity();
  const double arithmetic_nan = inf - inf;
  for (const double bad : {-std::numeric_limits<double>::quiet_NaN(), arithmetic_nan, -static_cast<double>(inf)}) {
    const Model m = compile_text(tiny_scenario());
    State s = make_initial_state(m, 0);
    step_day(m, s, Exec{});
    s.regions.available[0] = bad;
    step_day(m, s, Exec{});
    EXPECT_EQ(s.diagnostics.get(Anomaly::non_finite_value), 1u) << bad;
    EXPECT_TRUE(std::isfinite(s.regions.available[0])) << bad;
  }
}

TEST(NumericGuards, CleanRunsCountNothing) {
  const Model m = compile_text(tiny_scenario("", "true"));
  State s = make_initial_state(m, 0);
  s.check_identities = true;
  for (Day d = 0; d < 400; ++d) step_day(m, s, Exec{});
  EXPECT_EQ(s.diagnostics.total(), 0u);
}

}  // namespace
}  // namespace defsim
